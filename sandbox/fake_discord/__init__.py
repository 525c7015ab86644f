"""A local Discord stand-in: REST (``/api/v10``) and gateway on 127.0.0.1, plus its state.

The real discord.py client connects to it unmodified (see ``sandbox/harness.py``). It keeps
guilds, channels, threads, roles, members, voice states, messages, DMs, scheduled events, AutoMod
rules, synced application commands and interactions, and refuses what Discord refuses.

Quick start::

    fake = FakeDiscord()
    await fake.start()
    guild = fake.add_guild("MS Circle")
    mods = fake.add_role(guild.id, "Moderator", permissions=Perm.MANAGE_MESSAGES)
    alice = fake.add_member(guild.id, "alice")
    general = fake.add_channel(guild.id, "general")
    ...  # run a bot against fake.api_base / fake.gateway_url (sandbox.harness.run_bot)
    await fake.stop()

Recording (all lists, oldest first):

- ``fake.requests``: every REST request (``RecordedRequest``).
- ``fake.refusals``: every Discord-like 4xx the fake answered (``Refusal``): validation
  failures, unknown ids, missing permissions, closed DMs, double acknowledgements...
- ``fake.errors``: the fake's own problems (unimplemented routes, internal exceptions). They are
  answered with 4xx naming the route (never 5xx, which discord.py retries forever). A test
  should assert ``fake.errors == []``.
- ``fake.warnings``: channels (created or edited by the bot) that are currently "private but
  not private": they carry a role or member overwrite while @everyone can still view them.
- ``fake.events``: every gateway dispatch sent (``GatewayEvent``).

Messages: ``fake.messages_in(channel_id)`` returns the current message dicts of a channel,
oldest first, excluding deleted messages (``include_deleted=True`` to get them too; a deleted
message is in ``fake.deleted_message_ids``). Ephemeral interaction responses are not channel
messages: read them via the interaction (``fake.interactions``) or the driver's
``InteractionResult``. Edits keep the history in ``fake.message_history[message_id]``.

Voice: ``fake.set_voice_state(guild_id, user, channel_or_None)`` puts a member in a voice
channel, moves them, changes their mute/deafen flags, or disconnects them, dispatching
VOICE_STATE_UPDATE as Discord does; ``fake.voice_states(guild_id)`` reads them, and GUILD_CREATE
carries them when the bot (re)connects. It only refuses what no client could do (a channel that
is not a voice channel); whether the member *may* connect is the driver's check
(``driver.join_voice``, like ``driver.post``). As in Discord, nobody (the bot included) keeps
Manage Channels or Manage Roles on a voice channel they cannot connect to.

Intents are honoured like Discord does: events outside the identified intents are not sent, and
without the MESSAGE_CONTENT intent message content is blanked (except DMs, mentions of the bot
and the bot's own messages). ``fake.enabled_privileged_intents`` (the developer-portal switches)
closes the gateway with 4014 if the bot asks for a privileged intent that is not enabled.

Shards (issue 20): a client that IDENTIFYs with ``shard: [id, count]`` gets only the guilds
with ``(guild_id >> 22) % count == id`` in READY and GUILD_CREATE and only their events, as from
Discord; DMs and DM interactions go to shard 0. Several sessions (one bot running several
shards, or several bots) can be connected at once. ``fake.shard_count`` is what
``GET /gateway/bot`` recommends; ``fake.add_guild(name, shard=(id, count))`` makes a guild whose
id lands on that shard; ``fake.sessions()`` and ``fake.shard_sequence(id)`` read the sessions.

Discord acting by itself (issue 18; ``sandbox/LIMITS.md`` lists every limit modelled):
scheduled events start and complete at their times and idle threads archive, by ``fake.now``,
before each REST request or when a test calls ``fake.tick()`` (``tick(dispatch=False)`` leaves
the bot's cache stale, to race it); an interaction must be answered within 3 s and its token
lasts 15 min (by a test's clock only); ``fake.enable_rate_limits(scale=)`` turns on per-route
buckets with ``X-RateLimit-*`` headers and the global limit (429s in ``fake.throttled``).

Layout (one mixin per section of what was one file; ``FakeDiscord`` below sets up all the state
and combines them, so every method still works on one object)::

    core.py         _Core, the base of every mixin: the shared state (annotated), the lookups
                    and properties every section uses, the calls sections make on one another
    records.py      payload dicts (Obj, Member, Guild), recorded requests, refusals, ApiError
    permissions.py  Perm and Intent bits; permissions_in, the bot's checks, privacy warnings
    state.py        add_guild/add_role/add_member/add_channel/... and reading state back
    voice.py        set_voice_state, voice_states, in_voice
    payloads.py     GUILD_CREATE and member payloads; create/edit/delete_message
    gateway.py      the websocket session, intents, dispatch
    clockwork.py    what Discord does as time passes: events start and end, threads archive
    ratelimits.py   per-route buckets with X-RateLimit-* headers, the global limit (opt-in)
    failures.py     fail_next, hangs, after_handled
    http.py         body parsing, recording, 4xx answers, the route table (build_routes)
    validation.py   Discord's limits on messages, components, commands, modals
    routes/         REST handlers: users, channels, messages, threads, guilds, events,
                    automod (also add_automod_rule, send_through_automod), commands,
                    interactions (also new_interaction, the webhooks)
"""

from __future__ import annotations

import asyncio
import contextlib

from aiohttp import web

from sandbox.fake_discord.clockwork import ClockworkMixin
from sandbox.fake_discord.core import API_PREFIX
from sandbox.fake_discord.failures import FailuresMixin
from sandbox.fake_discord.gateway import GatewayMixin
from sandbox.fake_discord.http import HttpMixin, build_routes
from sandbox.fake_discord.payloads import PayloadsMixin
from sandbox.fake_discord.permissions import Intent, Perm, PermissionsMixin
from sandbox.fake_discord.ratelimits import RateLimitMixin, RateLimits, Throttle
from sandbox.fake_discord.records import (
    VOICE_TYPES,
    ApiError,
    FakeError,
    GatewayEvent,
    Guild,
    Injection,
    InteractionRecord,
    Member,
    Obj,
    RecordedFile,
    RecordedRequest,
    Refusal,
    Warning_,
    _id_of,
    parse_iso,
    wall_clock_now,
)
from sandbox.fake_discord.routes.automod import AutoModRoutes
from sandbox.fake_discord.routes.channels import ChannelRoutes
from sandbox.fake_discord.routes.commands import CommandRoutes
from sandbox.fake_discord.routes.events import EventRoutes
from sandbox.fake_discord.routes.guilds import GuildRoutes
from sandbox.fake_discord.routes.interactions import InteractionRoutes
from sandbox.fake_discord.routes.messages import MessageRoutes
from sandbox.fake_discord.routes.threads import ThreadRoutes
from sandbox.fake_discord.routes.users import UserRoutes
from sandbox.fake_discord.state import StateMixin
from sandbox.fake_discord.validation import ValidationMixin, _modal_inputs_of
from sandbox.fake_discord.voice import VoiceMixin
from sandbox.snowflake import snowflake, snowflake_time_ms


class FakeDiscord(
    StateMixin,
    VoiceMixin,
    PermissionsMixin,
    PayloadsMixin,
    GatewayMixin,
    ClockworkMixin,
    RateLimitMixin,
    FailuresMixin,
    HttpMixin,
    ValidationMixin,
    UserRoutes,
    ChannelRoutes,
    MessageRoutes,
    ThreadRoutes,
    GuildRoutes,
    EventRoutes,
    AutoModRoutes,
    CommandRoutes,
    InteractionRoutes,
):
    """Discord on loopback. See the module docstring."""

    def __init__(self, *, bot_name: str = "Kindred") -> None:
        self.application_id = snowflake()
        self.bot_user = {
            "id": str(self.application_id),
            "username": bot_name,
            "global_name": None,
            "discriminator": "0",
            "avatar": None,
            "bot": True,
            "verified": True,
            "flags": 0,
            "mfa_enabled": False,
        }
        self.owner_user = self._make_user("app-owner")
        self.users = {self.bot_user_id: self.bot_user}
        self.guilds = {}
        self._channels = {}
        self.thread_members = {}
        self.dm_channels = {}  # user id -> DM channel id
        self.closed_dms = set()
        self._messages = {}
        self._channel_messages = {}
        self.deleted_message_ids = set()
        self.message_history = {}
        self.attachments = {}
        self.global_commands = []
        self.guild_commands = {}
        self._command_ids = {}
        self._command_creates = {}
        self.interactions = {}
        self._interaction_tokens = {}

        self.requests = []
        self.refusals = []
        self.errors = []
        self.warning_history = []
        self._active_warnings = {}
        self._bot_touched_channels = set()
        self.events = []
        self.automod_executions = []  # AUTO_MODERATION_ACTION_EXECUTION payloads
        self.enabled_privileged_intents = {"members", "presences", "message_content"}
        self.check_event_start_in_past = True
        self.auto_events = True
        self.auto_archive = True
        self._thread_activity = {}
        self.rate_limits = None
        self.throttled = []
        # "Now" for time checks (event start in the past, 28-day timeout cap). Tests with a fake
        # clock can set ``fake.now = clock.now`` (a callable returning an aware datetime).
        self.now = wall_clock_now
        # Discord's interaction deadlines, by ``now`` (enforced only with a test's clock, so a
        # slow machine never trips them): 3 s to the first response, 15 min for the token.
        self.interaction_deadlines = True
        self.identify_count = 0
        self.shard_count = 1

        self._injections = []
        self._after_handled = []
        self._hang_release = None
        self._conns = []
        self._current = None
        self._request_event = None
        self._inflight = 0
        self._runner = None
        self.port = None
        self._routes = build_routes(self)

    # ---------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/gateway/", self._gateway)
        app.router.add_get("/attachments/{key:.*}", self._serve_attachment)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert isinstance(server, asyncio.Server)
        self.port = server.sockets[0].getsockname()[1]
        self._request_event = asyncio.Event()
        self._hang_release = asyncio.Event()

    async def stop(self) -> None:
        if self._hang_release is not None:
            self._hang_release.set()
        for conn in list(self._conns):
            conn.queue.put_nowait(None)
            with contextlib.suppress(Exception):
                await conn.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


__all__ = [
    "API_PREFIX",
    "VOICE_TYPES",
    "ApiError",
    "FakeDiscord",
    "FakeError",
    "GatewayEvent",
    "Guild",
    "Injection",
    "Intent",
    "InteractionRecord",
    "Member",
    "Obj",
    "Perm",
    "RateLimits",
    "RecordedFile",
    "RecordedRequest",
    "Refusal",
    "Throttle",
    "Warning_",
    "_id_of",
    "_modal_inputs_of",
    "parse_iso",
    "snowflake",
    "snowflake_time_ms",
]
