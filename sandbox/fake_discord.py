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
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import re
import secrets
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from aiohttp import WSMsgType, web

from sandbox.snowflake import snowflake, snowflake_time_ms

log = logging.getLogger("sandbox.fake_discord")

API_PREFIX = "/api/v10"


# --------------------------------------------------------------------------------------------
# Permissions and intents
# --------------------------------------------------------------------------------------------


class Perm:
    """Discord permission bits."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_AUDIT_LOG = 1 << 7
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CONNECT = 1 << 20
    SPEAK = 1 << 21
    MUTE_MEMBERS = 1 << 22
    DEAFEN_MEMBERS = 1 << 23
    MOVE_MEMBERS = 1 << 24
    USE_VAD = 1 << 25
    CHANGE_NICKNAME = 1 << 26
    MANAGE_NICKNAMES = 1 << 27
    MANAGE_ROLES = 1 << 28
    MANAGE_WEBHOOKS = 1 << 29
    USE_APPLICATION_COMMANDS = 1 << 31
    MANAGE_EVENTS = 1 << 33
    MANAGE_THREADS = 1 << 34
    CREATE_PUBLIC_THREADS = 1 << 35
    CREATE_PRIVATE_THREADS = 1 << 36
    SEND_MESSAGES_IN_THREADS = 1 << 38
    MODERATE_MEMBERS = 1 << 40

    ALL = (1 << 51) - 1

    # What a voice channel takes away from someone who cannot connect to it.
    VOICE = CONNECT | SPEAK | MUTE_MEMBERS | DEAFEN_MEMBERS | MOVE_MEMBERS | USE_VAD

    DEFAULT_EVERYONE = (
        CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | USE_EXTERNAL_EMOJIS
        | CONNECT
        | SPEAK
        | CHANGE_NICKNAME
        | USE_APPLICATION_COMMANDS
        | CREATE_PUBLIC_THREADS
        | CREATE_PRIVATE_THREADS
        | SEND_MESSAGES_IN_THREADS
    )

    # What Kindred's invite asks for (the bot's managed role).
    BOT_INVITE = (
        MANAGE_CHANNELS
        | MANAGE_ROLES
        | MANAGE_THREADS
        | MODERATE_MEMBERS
        | MANAGE_MESSAGES
        | SEND_MESSAGES
        | SEND_MESSAGES_IN_THREADS
        | CREATE_PRIVATE_THREADS
        | CREATE_PUBLIC_THREADS
        | VIEW_CHANNEL
        | READ_MESSAGE_HISTORY
        | EMBED_LINKS
        | ATTACH_FILES
        | MANAGE_EVENTS
        | MANAGE_GUILD
        | MENTION_EVERYONE
        | ADD_REACTIONS
        | CONNECT
        | SPEAK
        | MUTE_MEMBERS
    )


class Intent:
    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_MODERATION = 1 << 2
    GUILD_VOICE_STATES = 1 << 7
    GUILD_PRESENCES = 1 << 8
    GUILD_MESSAGES = 1 << 9
    GUILD_MESSAGE_REACTIONS = 1 << 10
    GUILD_MESSAGE_TYPING = 1 << 11
    DIRECT_MESSAGES = 1 << 12
    MESSAGE_CONTENT = 1 << 15
    GUILD_SCHEDULED_EVENTS = 1 << 16
    AUTO_MODERATION_CONFIGURATION = 1 << 20
    AUTO_MODERATION_EXECUTION = 1 << 21

    PRIVILEGED: ClassVar[dict[str, int]] = {
        "members": GUILD_MEMBERS,
        "presences": GUILD_PRESENCES,
        "message_content": MESSAGE_CONTENT,
    }


_EVENT_INTENTS: dict[str, int] = {
    "CHANNEL_CREATE": Intent.GUILDS,
    "CHANNEL_UPDATE": Intent.GUILDS,
    "CHANNEL_DELETE": Intent.GUILDS,
    "THREAD_CREATE": Intent.GUILDS,
    "THREAD_UPDATE": Intent.GUILDS,
    "THREAD_DELETE": Intent.GUILDS,
    "THREAD_MEMBERS_UPDATE": Intent.GUILDS,
    "GUILD_ROLE_CREATE": Intent.GUILDS,
    "GUILD_ROLE_UPDATE": Intent.GUILDS,
    "GUILD_ROLE_DELETE": Intent.GUILDS,
    "GUILD_MEMBER_ADD": Intent.GUILD_MEMBERS,
    "GUILD_MEMBER_UPDATE": Intent.GUILD_MEMBERS,
    "GUILD_MEMBER_REMOVE": Intent.GUILD_MEMBERS,
    "GUILD_SCHEDULED_EVENT_CREATE": Intent.GUILD_SCHEDULED_EVENTS,
    "GUILD_SCHEDULED_EVENT_UPDATE": Intent.GUILD_SCHEDULED_EVENTS,
    "GUILD_SCHEDULED_EVENT_DELETE": Intent.GUILD_SCHEDULED_EVENTS,
    "AUTO_MODERATION_RULE_CREATE": Intent.AUTO_MODERATION_CONFIGURATION,
    "AUTO_MODERATION_RULE_UPDATE": Intent.AUTO_MODERATION_CONFIGURATION,
    "AUTO_MODERATION_RULE_DELETE": Intent.AUTO_MODERATION_CONFIGURATION,
    "AUTO_MODERATION_ACTION_EXECUTION": Intent.AUTO_MODERATION_EXECUTION,
    "VOICE_STATE_UPDATE": Intent.GUILD_VOICE_STATES,
}
_MESSAGE_EVENTS = {"MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE", "MESSAGE_DELETE_BULK"}

COMMAND_NAME_RE = re.compile(r"^[-_\w]{1,32}$")
MENTION_USER_RE = re.compile(r"<@!?(\d+)>")
MENTION_ROLE_RE = re.compile(r"<@&(\d+)>")

THREAD_TYPES = (10, 11, 12)
VOICE_TYPES = (2, 13)  # voice, stage
TEXTLIKE_TYPES = (0, 5, 10, 11, 12)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def parse_iso(value: str) -> dt.datetime:
    result = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if result.tzinfo is None:
        result = result.replace(tzinfo=dt.UTC)
    return result


def _id_of(value: Any) -> int:
    """An id from an int, a numeric string, a dict with "id"/"user", or an object with .id."""
    if isinstance(value, bool):
        raise TypeError(f"not an id: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return int(value)
    if isinstance(value, dict):
        if "id" in value:
            return int(value["id"])
        if "user" in value:
            return int(value["user"]["id"])
    ident = getattr(value, "id", None)
    if ident is not None:
        return int(ident)
    raise TypeError(f"cannot take an id from {value!r}")


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


class Obj(dict):
    """A JSON payload dict with attribute access; ``.id`` is the int id."""

    @property
    def id(self) -> int:
        return int(self["id"])

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None


class Member(Obj):
    """A guild member payload (``user``, ``roles``, ``nick``, ``communication_disabled_until``...).

    ``.id`` is the user id, ``.name`` the username, ``.guild_id`` the guild (int).
    """

    @property
    def id(self) -> int:
        return int(self["user"]["id"])

    @property
    def name(self) -> str:
        return self["user"]["username"]

    @property
    def user(self) -> dict:
        return self["user"]

    @property
    def guild_id(self) -> int:
        return int(self["guild_id"])

    @property
    def role_ids(self) -> list[int]:
        return [int(r) for r in self["roles"]]


class Guild:
    """A guild in the fake: ids and containers (all payload dicts are ``Obj``)."""

    def __init__(self, gid: int, name: str, owner_id: int) -> None:
        self.id = gid
        self.name = name
        self.owner_id = owner_id
        self.roles: dict[int, Obj] = {}
        self.members: dict[int, Member] = {}
        self.channel_ids: list[int] = []
        self.scheduled_events: dict[int, Obj] = {}
        self.automod_rules: dict[int, Obj] = {}
        self.voice_states: dict[int, Obj] = {}  # user id -> voice state (without "member")
        self.joined_at = now_iso()

    @property
    def everyone_role(self) -> Obj:
        return self.roles[self.id]

    def __repr__(self) -> str:
        return f"<Guild id={self.id} name={self.name!r}>"


@dataclass
class RecordedFile:
    field: str
    filename: str
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    method: str
    path: str  # relative to the API base, e.g. "/channels/1/messages"
    query: dict[str, str]
    json: Any  # the JSON body, or the parsed payload_json of a multipart body
    files: list[RecordedFile]
    timestamp: float
    status: int | None = None  # filled in once answered

    def matches(self, method: str | None, path_regex: str | None) -> bool:
        if method not in (None, "*") and method.upper() != self.method:
            return False
        return path_regex is None or re.search(path_regex, self.path) is not None


@dataclass
class Refusal:
    method: str
    path: str
    status: int
    code: int
    message: str
    errors: Any = None


@dataclass
class FakeError:
    method: str
    path: str
    message: str


@dataclass
class Warning_:
    channel_id: int
    guild_id: int
    message: str
    route: str


@dataclass
class GatewayEvent:
    name: str
    data: dict
    seq: int


@dataclass
class Injection:
    method: str | None
    path_regex: str
    status: int
    body: Any = None
    times: int = 1
    retry_after: float | None = None
    hang: bool = False


@dataclass
class InteractionRecord:
    """One interaction and everything the bot sent for it."""

    id: int
    token: str
    type: int  # 2 command, 3 component, 4 autocomplete, 5 modal submit
    guild_id: int | None
    channel_id: int
    user_id: int
    data: dict
    payload: dict  # the INTERACTION_CREATE payload as dispatched
    message_id: int | None = None  # component / modal-from-component: the message
    created: float = field(default_factory=time.monotonic)
    callback_type: int | None = None
    callback_data: dict | None = None
    original_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    # (action, message_id) in order: "create", "edit", "delete", "followup"
    log: list[tuple[str, int | None]] = field(default_factory=list)
    callbacks_attempted: int = 0

    @property
    def acknowledged(self) -> bool:
        return self.callback_type is not None


class ApiError(Exception):
    """A Discord-like error answer (recorded as a refusal)."""

    def __init__(self, status: int, code: int, message: str, errors: Any = None) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors


def invalid_form(message: str, where: str = "") -> ApiError:
    detail = f"{message}" + (f" ({where})" if where else "")
    return ApiError(400, 50035, f"Invalid Form Body: {detail}", {"detail": detail})


def missing_permissions(what: str) -> ApiError:
    return ApiError(403, 50013, f"Missing Permissions ({what})")


@dataclass
class _Req:
    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[RecordedFile]
    match: re.Match

    def arg(self, name: str) -> int:
        return int(self.match.group(name))

    @property
    def body(self) -> dict:
        return self.json if isinstance(self.json, dict) else {}


class _Connection:
    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.queue: asyncio.Queue[str | None] = asyncio.Queue()
        self.seq = 0
        self.intents = 0
        self.identified = False
        self.session_id = secrets.token_hex(16)
        self.writer: asyncio.Task | None = None


# --------------------------------------------------------------------------------------------
# The fake
# --------------------------------------------------------------------------------------------


class FakeDiscord:
    """Discord on loopback. See the module docstring."""

    def __init__(self, *, bot_name: str = "Kindred") -> None:
        self.application_id: int = snowflake()
        self.bot_user: dict = {
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
        self.owner_user: dict = self._make_user("app-owner")
        self.users: dict[int, dict] = {self.bot_user_id: self.bot_user}
        self.guilds: dict[int, Guild] = {}
        self._channels: dict[int, Obj] = {}
        self.thread_members: dict[int, set[int]] = {}
        self.dm_channels: dict[int, int] = {}  # user id -> DM channel id
        self.closed_dms: set[int] = set()
        self._messages: dict[int, Obj] = {}
        self._channel_messages: dict[int, list[int]] = {}
        self.deleted_message_ids: set[int] = set()
        self.message_history: dict[int, list[dict]] = {}
        self.attachments: dict[str, bytes] = {}
        self.global_commands: list[Obj] = []
        self.guild_commands: dict[int, list[Obj]] = {}
        self._command_ids: dict[tuple[int | None, str, int], int] = {}
        self.interactions: dict[int, InteractionRecord] = {}
        self._interaction_tokens: dict[str, int] = {}

        self.requests: list[RecordedRequest] = []
        self.refusals: list[Refusal] = []
        self.errors: list[FakeError] = []
        self.warning_history: list[Warning_] = []
        self._active_warnings: dict[int, Warning_] = {}
        self._bot_touched_channels: set[int] = set()
        self.events: list[GatewayEvent] = []
        self.automod_executions: list[dict] = []  # AUTO_MODERATION_ACTION_EXECUTION payloads
        self.enabled_privileged_intents: set[str] = {"members", "presences", "message_content"}
        self.check_event_start_in_past = True
        # "Now" for time checks (event start in the past, 28-day timeout cap). Tests with a fake
        # clock can set ``fake.now = clock.now`` (a callable returning an aware datetime).
        self.now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
        self.identify_count = 0

        self._injections: list[Injection] = []
        self._after_handled: list[tuple[str | None, str, Callable[[RecordedRequest], None]]] = []
        self._hang_release: asyncio.Event | None = None
        self._conns: list[_Connection] = []
        self._current: _Connection | None = None
        self._request_event: asyncio.Event | None = None
        self._inflight = 0
        self._runner: web.AppRunner | None = None
        self.port: int | None = None
        self._routes: list[tuple[str, re.Pattern, Callable]] = []
        self._build_routes()

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
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
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

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def bot_user_id(self) -> int:
        return int(self.bot_user["id"])

    @property
    def connected(self) -> bool:
        return self._current is not None and self._current.identified

    @property
    def last_sequence(self) -> int:
        """The sequence number of the last dispatch sent on the current gateway session."""
        return self._current.seq if self._current is not None else 0

    @property
    def intents(self) -> int:
        return self._current.intents if self._current is not None else 0

    @property
    def inflight_requests(self) -> int:
        return self._inflight

    @property
    def warnings(self) -> list[Warning_]:
        """Channels the bot created/edited that are currently visible to @everyone although
        they carry role- or member-specific overwrites (a "private" channel that isn't)."""
        return list(self._active_warnings.values())

    # ---------------------------------------------------------------- state building

    def _make_user(self, username: str, *, bot: bool = False) -> dict:
        return {
            "id": str(snowflake()),
            "username": username,
            "global_name": username.title(),
            "discriminator": "0",
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
        }

    def add_user(self, username: str, *, bot: bool = False) -> dict:
        user = self._make_user(username, bot=bot)
        self.users[int(user["id"])] = user
        return user

    def add_guild(self, name: str, *, owner: str = "owner") -> Guild:
        """A guild with an @everyone role, an owner member, and the bot (with its managed role)."""
        gid = snowflake()
        owner_user = self.add_user(owner)
        guild = Guild(gid, name, int(owner_user["id"]))
        self.guilds[gid] = guild
        guild.roles[gid] = self._role_payload(gid, "@everyone", Perm.DEFAULT_EVERYONE, 0)
        self._add_member_record(guild, owner_user, [])
        bot_role = self._role_payload(snowflake(), "Kindred", Perm.BOT_INVITE, 1)
        bot_role["managed"] = True
        bot_role["tags"] = {"bot_id": str(self.bot_user_id)}
        guild.roles[bot_role.id] = bot_role
        self._add_member_record(guild, self.bot_user, [bot_role.id])
        self.guild_commands.setdefault(gid, [])
        if self.connected:
            self.dispatch("GUILD_CREATE", self.guild_create_payload(guild))
        return guild

    def guild(self, guild_id: int) -> Guild:
        return self.guilds[int(guild_id)]

    def owner(self, guild_id: int) -> Member:
        guild = self.guild(guild_id)
        return guild.members[guild.owner_id]

    def bot_member(self, guild_id: int) -> Member:
        return self.guild(guild_id).members[self.bot_user_id]

    def bot_role(self, guild_id: int) -> Obj:
        guild = self.guild(guild_id)
        return next(r for r in guild.roles.values() if r.get("tags", {}).get("bot_id"))

    def _role_payload(self, rid: int, name: str, permissions: int, position: int) -> Obj:
        return Obj(
            id=str(rid),
            name=name,
            permissions=str(permissions),
            position=position,
            color=0,
            colors={"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            hoist=False,
            managed=False,
            mentionable=False,
            icon=None,
            unicode_emoji=None,
            flags=0,
        )

    def add_role(
        self,
        guild_id: int,
        name: str,
        permissions: int = 0,
        *,
        position: int | None = None,
        mentionable: bool = False,
    ) -> Obj:
        """A role below the bot's role (unless ``position`` says otherwise)."""
        guild = self.guild(guild_id)
        bot_role = self.bot_role(guild_id)
        bump_bot = position is None
        if position is None:
            # keep the bot's managed role on top, as after a fresh invite
            position = max(r["position"] for r in guild.roles.values())
            bot_role["position"] = position + 1
        role = self._role_payload(snowflake(), name, permissions, position)
        role["mentionable"] = mentionable
        guild.roles[role.id] = role
        if self.connected:
            self.dispatch("GUILD_ROLE_CREATE", {"guild_id": str(guild.id), "role": dict(role)})
            if bump_bot:
                self.dispatch(
                    "GUILD_ROLE_UPDATE", {"guild_id": str(guild.id), "role": dict(bot_role)}
                )
        return role

    def _add_member_record(self, guild: Guild, user: dict, roles: Iterable[int]) -> Member:
        member = Member(
            user=user,
            guild_id=str(guild.id),
            roles=[str(r) for r in roles],
            nick=None,
            avatar=None,
            joined_at=now_iso(),
            premium_since=None,
            deaf=False,
            mute=False,
            pending=False,
            flags=0,
            communication_disabled_until=None,
        )
        guild.members[int(user["id"])] = member
        return member

    def add_member(
        self,
        guild_id: int,
        username: str,
        roles: Iterable[Any] = (),
        *,
        owner: bool = False,
        bot: bool = False,
        user: dict | None = None,
    ) -> Member:
        """A new user joining the guild (``user`` to add an existing user, e.g. to a 2nd guild)."""
        guild = self.guild(guild_id)
        if user is None:
            user = self.add_user(username, bot=bot)
        role_ids = [_id_of(r) for r in roles]
        for rid in role_ids:
            if rid not in guild.roles:
                raise KeyError(f"unknown role {rid} in guild {guild_id}")
        member = self._add_member_record(guild, user, role_ids)
        if owner:
            guild.owner_id = member.id
        if self.connected:
            self.dispatch("GUILD_MEMBER_ADD", self._member_payload(guild, member))
        return member

    def add_channel(
        self,
        guild_id: int,
        name: str,
        type: int = 0,
        parent_id: int | None = None,
        overwrites: list[dict] | None = None,
        *,
        topic: str | None = None,
    ) -> Obj:
        """A guild channel (0 text, 2 voice, 4 category, 5 news, 15 forum).

        ``overwrites``: ``[{"id": role_or_user_id, "type": 0 role | 1 member, "allow": int,
        "deny": int}]``.
        """
        guild = self.guild(guild_id)
        channel = self._channel_payload(guild, name, type, parent_id, overwrites or [], topic)
        if self.connected:
            self.dispatch("CHANNEL_CREATE", dict(channel))
        return channel

    def _channel_payload(
        self,
        guild: Guild,
        name: str,
        ctype: int,
        parent_id: Any,
        overwrites: list[dict],
        topic: str | None = None,
    ) -> Obj:
        cid = snowflake()
        position = sum(1 for c in guild.channel_ids if self._channels[c]["type"] == ctype)
        channel = Obj(
            id=str(cid),
            type=ctype,
            guild_id=str(guild.id),
            name=name,
            position=position,
            parent_id=str(parent_id) if parent_id else None,
            permission_overwrites=[self._norm_overwrite(o) for o in overwrites],
            topic=topic,
            nsfw=False,
            rate_limit_per_user=0,
            last_message_id=None,
            flags=0,
        )
        if ctype in (2, 13):
            channel.update(bitrate=64000, user_limit=0, rtc_region=None)
        if ctype == 15:
            channel.update(available_tags=[], default_reaction_emoji=None)
        self._channels[cid] = channel
        guild.channel_ids.append(cid)
        self._channel_messages[cid] = []
        return channel

    @staticmethod
    def _norm_overwrite(o: dict) -> dict:
        otype = o.get("type", 0)
        if isinstance(otype, str):
            otype = 1 if otype == "member" else 0
        return {
            "id": str(_id_of(o["id"])),
            "type": int(otype),
            "allow": str(int(o.get("allow", 0) or 0)),
            "deny": str(int(o.get("deny", 0) or 0)),
        }

    def add_thread(
        self,
        parent_id: int,
        name: str,
        *,
        private: bool = False,
        owner_id: int | None = None,
        members: Iterable[Any] = (),
    ) -> Obj:
        parent = self._channels[int(parent_id)]
        guild = self.guild(int(parent["guild_id"]))
        thread = self._thread_payload(guild, parent, name, 12 if private else 11, owner_id)
        for m in members:
            self.thread_members[thread.id].add(_id_of(m))
        if self.connected:
            self.dispatch("THREAD_CREATE", dict(thread))
        return thread

    def _thread_payload(
        self,
        guild: Guild,
        parent: dict,
        name: str,
        ttype: int,
        owner_id: int | None,
        *,
        tid: int | None = None,
        auto_archive: int = 1440,
        invitable: bool = True,
    ) -> Obj:
        tid = tid or snowflake()
        thread = Obj(
            id=str(tid),
            type=ttype,
            guild_id=str(guild.id),
            parent_id=str(parent["id"]),
            owner_id=str(owner_id or self.bot_user_id),
            name=name,
            last_message_id=None,
            message_count=0,
            member_count=0,
            total_message_sent=0,
            rate_limit_per_user=0,
            flags=0,
            thread_metadata={
                "archived": False,
                "auto_archive_duration": auto_archive,
                "archive_timestamp": now_iso(),
                "locked": False,
                "invitable": invitable,
                "create_timestamp": now_iso(),
            },
        )
        self._channels[tid] = thread
        self._channel_messages[tid] = []
        self.thread_members[tid] = set()
        return thread

    def delete_channel(self, channel_id: Any) -> Obj:
        """Delete a guild channel or thread from "outside" (a server admin), dispatching
        CHANNEL_DELETE or THREAD_DELETE; returns the deleted channel."""
        channel = self._channels[_id_of(channel_id)]
        guild = self._guild_of(channel)
        if guild is None:
            raise ValueError(f"{channel.id} is not a guild channel")
        for uid, state in list(guild.voice_states.items()):
            if state["channel_id"] == str(channel.id):
                self.set_voice_state(guild.id, uid, None)  # a deleted call disconnects everyone
        del self._channels[channel.id]
        if channel.id in guild.channel_ids:
            guild.channel_ids.remove(channel.id)
        self._active_warnings.pop(channel.id, None)
        event = "THREAD_DELETE" if channel["type"] in THREAD_TYPES else "CHANNEL_DELETE"
        self.dispatch(event, dict(channel))
        return channel

    def close_dms(self, user_id: Any) -> None:
        """The user's privacy settings refuse DMs from the bot (sending one answers 403 50007)."""
        self.closed_dms.add(_id_of(user_id))

    def open_dms(self, user_id: Any) -> None:
        self.closed_dms.discard(_id_of(user_id))

    def set_member_roles(self, guild_id: int, user_id: Any, role_ids: Iterable[Any]) -> Member:
        """Change a member's roles from "outside" (like a server admin), dispatching the update."""
        guild = self.guild(guild_id)
        member = guild.members[_id_of(user_id)]
        member["roles"] = [str(_id_of(r)) for r in role_ids]
        if self.connected:
            self.dispatch("GUILD_MEMBER_UPDATE", self._member_payload(guild, member))
        return member

    def remove_member(self, guild_id: int, user_id: Any) -> None:
        guild = self.guild(guild_id)
        uid = _id_of(user_id)
        if uid in guild.voice_states:
            self.set_voice_state(guild.id, uid, None)  # leaving the server ends the call
        member = guild.members.pop(uid)
        if self.connected:
            self.dispatch("GUILD_MEMBER_REMOVE", {"guild_id": str(guild.id), "user": member.user})

    def set_voice_state(
        self,
        guild_id: int,
        user_id: Any,
        channel_id: Any,
        *,
        self_mute: bool | None = None,
        self_deaf: bool | None = None,
        self_video: bool | None = None,
    ) -> Obj | None:
        """A member connects to, moves to, or (``channel_id=None``) leaves a voice channel, or
        changes their own mute/deafen/video flags (same channel); dispatches VOICE_STATE_UPDATE.

        Returns the new voice state, or None after leaving. Flags left as None keep their value
        (False for a new connection). Raises ValueError for a channel that is not a voice or
        stage channel of this guild, and KeyError for a user who is not a member. Whether the
        member is *allowed* to connect is checked by ``Driver.join_voice``.
        """
        guild = self.guild(guild_id)
        uid = _id_of(user_id)
        member = guild.members[uid]
        old = guild.voice_states.get(uid)
        if channel_id is None:
            if old is None:
                return None
            state = Obj(old, channel_id=None)
            del guild.voice_states[uid]
        else:
            channel = self._channels.get(_id_of(channel_id))
            if (
                channel is None
                or channel.get("guild_id") != str(guild.id)
                or channel["type"] not in VOICE_TYPES
            ):
                raise ValueError(f"{channel_id} is not a voice channel of guild {guild.id}")
            state = Obj(
                guild_id=str(guild.id),
                channel_id=str(channel.id),
                user_id=str(uid),
                # one id per connection: kept when moving, new after leaving
                session_id=old["session_id"] if old is not None else secrets.token_hex(16),
                deaf=bool(member.get("deaf", False)),
                mute=bool(member.get("mute", False)),
                self_deaf=False,
                self_mute=False,
                self_stream=False,
                self_video=False,
                suppress=False,
                request_to_speak_timestamp=None,
            )
            for key, value in (
                ("self_mute", self_mute),
                ("self_deaf", self_deaf),
                ("self_video", self_video),
            ):
                if value is not None:
                    state[key] = value
                elif old is not None:
                    state[key] = old[key]
            guild.voice_states[uid] = state
        if self.connected:
            payload = dict(state)
            payload["member"] = self._member_payload(guild, member)
            payload["member"].pop("guild_id", None)
            self.dispatch("VOICE_STATE_UPDATE", payload)
        return state if channel_id is not None else None

    def voice_states(self, guild_id: int) -> dict[int, Obj]:
        """user id -> their current voice state (``channel_id`` is the channel, a str)."""
        return dict(self.guild(guild_id).voice_states)

    def in_voice(self, channel_id: Any) -> set[int]:
        """The user ids connected to a voice channel now."""
        cid = str(_id_of(channel_id))
        channel = self.channel(cid)
        guild = self.guild(int(channel["guild_id"]))
        return {uid for uid, v in guild.voice_states.items() if v["channel_id"] == cid}

    def add_automod_rule(
        self,
        guild_id: int,
        name: str,
        *,
        keywords: Iterable[str] = (),
        regexes: Iterable[str] = (),
        allow_list: Iterable[str] = (),
        presets: Iterable[int] = (),
        trigger_type: int = 1,
        actions: list[dict] | None = None,
        enabled: bool = True,
        exempt_channels: Iterable[Any] = (),
        exempt_roles: Iterable[Any] = (),
    ) -> Obj:
        """An AutoMod rule a server admin made in the client (default: block_message only).

        ``trigger_type`` 1 is a keyword rule (``keywords`` with Discord's wildcards,
        ``regexes``, ``allow_list``); 4 a preset rule (``presets``: 1 profanity, 2 sexual
        content, 3 slurs; the stand-in has no preset word lists, so such a rule never fires).
        """
        guild = self.guild(guild_id)
        meta: dict[str, Any] = {}
        if trigger_type == 1:
            meta = {
                "keyword_filter": list(keywords),
                "regex_patterns": list(regexes),
                "allow_list": list(allow_list),
            }
        elif trigger_type == 4:
            meta = {"presets": list(presets), "allow_list": list(allow_list)}
        rid = snowflake()
        rule = Obj(
            id=str(rid),
            guild_id=str(guild.id),
            name=name,
            creator_id=str(guild.owner_id),
            event_type=1,
            trigger_type=trigger_type,
            trigger_metadata=meta,
            actions=actions if actions is not None else [{"type": 1, "metadata": {}}],
            enabled=enabled,
            exempt_roles=[str(_id_of(r)) for r in exempt_roles],
            exempt_channels=[str(_id_of(c)) for c in exempt_channels],
        )
        self._validate_rule(guild, rule, creating=True)
        guild.automod_rules[rid] = rule
        if self.connected:
            self.dispatch("AUTO_MODERATION_RULE_CREATE", dict(rule))
        return rule

    # ---------------------------------------------------------------- reading state

    def channel(self, channel_id: Any) -> Obj:
        return self._channels[_id_of(channel_id)]

    def channels_in(self, guild_id: int, *, type: int | None = None) -> list[Obj]:
        guild = self.guild(guild_id)
        found = [self._channels[c] for c in guild.channel_ids if c in self._channels]
        return [c for c in found if type is None or c["type"] == type]

    def channel_by_name(self, guild_id: int, name: str) -> Obj:
        for c in self.channels_in(guild_id):
            if c["name"] == name:
                return c
        for c in self._channels.values():
            if c.get("guild_id") == str(guild_id) and c["name"] == name:
                return c
        raise KeyError(f"no channel named {name!r} in guild {guild_id}")

    def threads_in(self, parent_id: Any) -> list[Obj]:
        pid = str(_id_of(parent_id))
        return [
            c
            for c in self._channels.values()
            if c["type"] in THREAD_TYPES and c.get("parent_id") == pid
        ]

    def member(self, guild_id: int, user_id: Any) -> Member:
        return self.guild(guild_id).members[_id_of(user_id)]

    def role(self, guild_id: int, role_id: Any) -> Obj:
        return self.guild(guild_id).roles[_id_of(role_id)]

    def role_by_name(self, guild_id: int, name: str) -> Obj:
        for r in self.guild(guild_id).roles.values():
            if r["name"] == name:
                return r
        raise KeyError(f"no role named {name!r} in guild {guild_id}")

    def message(self, message_id: Any) -> Obj:
        return self._messages[_id_of(message_id)]

    def messages_in(self, channel_id: Any, *, include_deleted: bool = False) -> list[Obj]:
        """Current messages of a channel, oldest first (deleted ones excluded unless asked)."""
        ids = self._channel_messages.get(_id_of(channel_id), [])
        return [
            self._messages[m]
            for m in ids
            if m in self._messages and (include_deleted or m not in self.deleted_message_ids)
        ]

    def dm_channel_id(self, user_id: Any) -> int | None:
        return self.dm_channels.get(_id_of(user_id))

    def dm_messages_to(self, user_id: Any) -> list[Obj]:
        """Messages the bot sent in its DM channel with that user."""
        cid = self.dm_channel_id(user_id)
        if cid is None:
            return []
        return [m for m in self.messages_in(cid) if m["author"]["id"] == self.bot_user["id"]]

    def scheduled_events(self, guild_id: int) -> list[Obj]:
        return list(self.guild(guild_id).scheduled_events.values())

    def automod_rules(self, guild_id: int) -> list[Obj]:
        return list(self.guild(guild_id).automod_rules.values())

    def commands(self, guild_id: int | None = None) -> list[Obj]:
        """Synced commands: global ones, or those synced to ``guild_id``."""
        if guild_id is None:
            return list(self.global_commands)
        return list(self.guild_commands.get(int(guild_id), []))

    def find_command(self, name: str, guild_id: int | None = None, *, type: int = 1) -> Obj | None:
        """A synced command by name (guild commands first, then global)."""
        pools = []
        if guild_id is not None:
            pools.append(self.guild_commands.get(int(guild_id), []))
        pools.append(self.global_commands)
        for pool in pools:
            for cmd in pool:
                if cmd["name"] == name and cmd.get("type", 1) == type:
                    return cmd
        return None

    def requests_to(self, method: str | None, path_regex: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.matches(method, path_regex)]

    async def wait_for_request(
        self,
        predicate: Callable[[RecordedRequest], bool],
        timeout: float = 5.0,  # noqa: ASYNC109
        *,
        start: int = 0,
    ) -> RecordedRequest:
        """The first recorded request (from index ``start``) matching ``predicate``; waits."""
        assert self._request_event is not None, "start() the fake first"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        index = start
        while True:
            while index < len(self.requests):
                req = self.requests[index]
                index += 1
                if predicate(req):
                    return req
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"no matching request within {timeout}s")
            event = self._request_event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    # ---------------------------------------------------------------- permissions

    def base_permissions(self, guild_id: int, user_id: Any) -> int:
        guild = self.guild(guild_id)
        uid = _id_of(user_id)
        if uid == guild.owner_id:
            return Perm.ALL
        member = guild.members.get(uid)
        perms = int(guild.everyone_role["permissions"])
        if member is not None:
            for rid in member["roles"]:
                role = guild.roles.get(int(rid))
                if role is not None:
                    perms |= int(role["permissions"])
        if perms & Perm.ADMINISTRATOR:
            return Perm.ALL
        return perms

    def permissions_in(self, channel_id: Any, user_id: Any) -> int:
        """A member's permissions in a channel (threads use their parent's overwrites)."""
        channel = self.channel(channel_id)
        if channel.get("guild_id") is None:
            return Perm.ALL & ~(Perm.ADMINISTRATOR | Perm.MANAGE_CHANNELS | Perm.MANAGE_ROLES)
        guild = self.guild(int(channel["guild_id"]))
        uid = _id_of(user_id)
        perms = self.base_permissions(guild.id, uid)
        if perms == Perm.ALL:
            return perms
        if channel["type"] in THREAD_TYPES:
            channel = self._channels[int(channel["parent_id"])]
        member = guild.members.get(uid)
        role_ids = {str(r) for r in member["roles"]} if member else set()
        overwrites = {o["id"]: o for o in channel.get("permission_overwrites", [])}
        everyone = overwrites.get(str(guild.id))
        if everyone:
            perms = (perms & ~int(everyone["deny"])) | int(everyone["allow"])
        allow = deny = 0
        for oid, o in overwrites.items():
            if o["type"] == 0 and oid in role_ids:
                allow |= int(o["allow"])
                deny |= int(o["deny"])
        perms = (perms & ~deny) | allow
        mine = overwrites.get(str(uid))
        if mine and mine["type"] == 1:
            perms = (perms & ~int(mine["deny"])) | int(mine["allow"])
        if not perms & Perm.VIEW_CHANNEL:
            return 0
        if channel["type"] in VOICE_TYPES and not perms & Perm.CONNECT:
            # Without Connect, a voice channel's voice permissions go, and nobody can edit it.
            perms &= ~(Perm.VOICE | Perm.MANAGE_CHANNELS | Perm.MANAGE_ROLES)
        return perms

    def can_view(self, channel_id: Any, user_id: Any) -> bool:
        return bool(self.permissions_in(channel_id, user_id) & Perm.VIEW_CHANNEL)

    def _everyone_can_view(self, channel: dict) -> bool:
        guild = self.guild(int(channel["guild_id"]))
        perms = int(guild.everyone_role["permissions"])
        for o in channel.get("permission_overwrites", []):
            if o["id"] == str(guild.id):
                perms = (perms & ~int(o["deny"])) | int(o["allow"])
        return bool(perms & Perm.VIEW_CHANNEL)

    def _check_privacy(self, channel: dict, route: str) -> None:
        if channel.get("guild_id") is None or channel["type"] in THREAD_TYPES:
            return
        cid = int(channel["id"])
        self._bot_touched_channels.add(cid)
        guild_id = channel["guild_id"]
        specific = [o for o in channel.get("permission_overwrites", []) if o["id"] != guild_id]
        if specific and self._everyone_can_view(channel):
            warning = Warning_(
                channel_id=cid,
                guild_id=int(guild_id),
                message=(
                    f"channel #{channel['name']} ({cid}) has {len(specific)} role/member "
                    "overwrite(s) but @everyone can still VIEW_CHANNEL"
                ),
                route=route,
            )
            if cid not in self._active_warnings:
                self.warning_history.append(warning)
            self._active_warnings[cid] = warning
        else:
            self._active_warnings.pop(cid, None)

    def _require(self, channel_id: int | None, guild_id: int | None, bits: int, what: str) -> None:
        uid = self.bot_user_id
        if channel_id is not None:
            perms = self.permissions_in(channel_id, uid)
        else:
            assert guild_id is not None
            perms = self.base_permissions(guild_id, uid)
        if perms & bits != bits:
            raise missing_permissions(what)

    def _top_role_position(self, guild: Guild, user_id: int) -> int:
        member = guild.members.get(user_id)
        if member is None:
            return 0
        return max(
            (guild.roles[int(r)]["position"] for r in member["roles"] if int(r) in guild.roles),
            default=0,
        )

    # ---------------------------------------------------------------- payloads

    def _member_payload(self, guild: Guild, member: Member, *, with_user: bool = True) -> dict:
        data = {k: v for k, v in member.items() if k != "guild_id"}
        if not with_user:
            data.pop("user", None)
        data["guild_id"] = str(guild.id)
        return data

    def _interaction_member(self, guild: Guild, member: Member, channel_id: int) -> dict:
        data = self._member_payload(guild, member)
        data.pop("guild_id")
        data["permissions"] = str(self.permissions_in(channel_id, member.id))
        return data

    def guild_create_payload(self, guild: Guild) -> dict:
        members_intent = bool(self.intents & Intent.GUILD_MEMBERS)
        members = list(guild.members.values())
        sent = members if members_intent else [guild.members[self.bot_user_id]]
        channels = []
        threads = []
        for cid in guild.channel_ids:
            c = self._channels.get(cid)
            if c is not None:
                channels.append({k: v for k, v in c.items() if k != "guild_id"})
        for c in self._channels.values():
            if c["type"] in THREAD_TYPES and c.get("guild_id") == str(guild.id):
                threads.append(dict(c))
        # Like Discord: partial voice states (no guild_id), only with the GUILD_VOICE_STATES intent.
        voice_states = (
            [{k: v for k, v in vs.items() if k != "guild_id"} for vs in guild.voice_states.values()]
            if self.intents & Intent.GUILD_VOICE_STATES
            else []
        )
        return {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(guild.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [dict(r) for r in guild.roles.values()],
            "emojis": [],
            "stickers": [],
            "features": ["COMMUNITY"],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "max_members": 500000,
            "joined_at": guild.joined_at,
            "large": False,
            "unavailable": False,
            "member_count": len(sent) if members_intent else len(members),
            "members": [self._member_payload(guild, m) for m in sent],
            "channels": channels,
            "threads": threads,
            "presences": [],
            "voice_states": voice_states,
            "stage_instances": [],
            "guild_scheduled_events": [dict(e) for e in guild.scheduled_events.values()],
            "soundboard_sounds": [],
        }

    def guild_rest_payload(self, guild: Guild) -> dict:
        data = self.guild_create_payload(guild)
        for key in ("members", "channels", "threads", "presences", "voice_states", "joined_at"):
            data.pop(key, None)
        data["approximate_member_count"] = len(guild.members)
        return data

    def _attachment_payload(self, channel_id: int, f: RecordedFile, meta: dict | None) -> dict:
        aid = snowflake()
        key = f"{channel_id}/{aid}/{f.filename}"
        self.attachments[key] = f.data
        meta = meta or {}
        return {
            "id": str(aid),
            "filename": f.filename,
            "size": len(f.data),
            "url": f"{self.base_url}/attachments/{key}",
            "proxy_url": f"{self.base_url}/attachments/{key}",
            "content_type": f.content_type or "application/octet-stream",
            "description": meta.get("description"),
            "ephemeral": False,
        }

    def create_message(
        self,
        channel_id: int,
        author: dict,
        content: str = "",
        *,
        embeds: list | None = None,
        components: list | None = None,
        flags: int = 0,
        attachments: list | None = None,
        reference: dict | None = None,
        mtype: int = 0,
        webhook_id: int | None = None,
        interaction: InteractionRecord | None = None,
        store_in_channel: bool = True,
        dispatch: bool = True,
        extra: dict | None = None,
    ) -> Obj:
        """Put a message into state (and, if connected, dispatch MESSAGE_CREATE)."""
        channel = self._channels[channel_id]
        mid = snowflake()
        gid = channel.get("guild_id")
        msg = Obj(
            id=str(mid),
            channel_id=str(channel_id),
            author=author,
            content=content,
            timestamp=now_iso(),
            edited_timestamp=None,
            tts=False,
            mention_everyone="@everyone" in content or "@here" in content,
            mentions=[],
            mention_roles=[],
            attachments=attachments or [],
            embeds=embeds or [],
            components=components or [],
            pinned=False,
            type=mtype,
            flags=flags,
        )
        if gid is not None:
            msg["guild_id"] = gid
            guild = self.guilds[int(gid)]
            author_member = guild.members.get(int(author["id"]))
            if author_member is not None and webhook_id is None:
                msg["member"] = self._member_payload(guild, author_member, with_user=False)
                msg["member"].pop("guild_id")
            msg["mentions"], msg["mention_roles"] = self._parse_mentions(guild, content)
        else:
            msg["mentions"], msg["mention_roles"] = self._parse_mentions(None, content)
        if reference is not None:
            ref_id = int(reference["message_id"])
            msg["message_reference"] = {
                "type": 0,
                "message_id": str(ref_id),
                "channel_id": str(reference.get("channel_id") or channel_id),
                **({"guild_id": gid} if gid else {}),
            }
            if ref_id in self._messages:
                msg["referenced_message"] = dict(self._messages[ref_id])
                msg["type"] = 19 if mtype == 0 else mtype
        if webhook_id is not None:
            msg["webhook_id"] = str(webhook_id)
            msg["application_id"] = str(self.application_id)
        if interaction is not None:
            user = self.users[interaction.user_id]
            msg["interaction_metadata"] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": user,
                # Guild installs are keyed "0" with the guild id; in DMs Discord sends the
                # user install ("1") instead, and discord.py fails on {"0": None}.
                "authorizing_integration_owners": (
                    {"0": str(interaction.guild_id)}
                    if interaction.guild_id
                    else {"1": str(interaction.user_id)}
                ),
            }
        if extra:
            msg.update(extra)
        self._messages[mid] = msg
        self.message_history[mid] = [dict(msg)]
        if store_in_channel:
            self._channel_messages.setdefault(channel_id, []).append(mid)
            channel["last_message_id"] = str(mid)
            if channel["type"] in THREAD_TYPES:
                channel["message_count"] += 1
                channel["total_message_sent"] += 1
            if dispatch and self.connected:
                self.dispatch("MESSAGE_CREATE", dict(msg))
        return msg

    def _parse_mentions(self, guild: Guild | None, content: str) -> tuple[list, list]:
        users = []
        for raw in dict.fromkeys(MENTION_USER_RE.findall(content)):
            uid = int(raw)
            user = self.users.get(uid)
            if user is None:
                continue
            entry = dict(user)
            if guild is not None and uid in guild.members:
                member = self._member_payload(guild, guild.members[uid], with_user=False)
                member.pop("guild_id")
                entry["member"] = member
            users.append(entry)
        roles = [
            r
            for r in dict.fromkeys(MENTION_ROLE_RE.findall(content))
            if guild and int(r) in guild.roles
        ]
        return users, roles

    def edit_message(self, message_id: int, changes: dict, *, dispatch: bool = True) -> Obj:
        msg = self._messages[message_id]
        msg.update(changes)
        msg["edited_timestamp"] = now_iso()
        if "content" in changes and msg.get("guild_id"):
            guild = self.guilds[int(msg["guild_id"])]
            msg["mentions"], msg["mention_roles"] = self._parse_mentions(guild, msg["content"])
        self.message_history.setdefault(message_id, []).append(dict(msg))
        in_channel = message_id in self._channel_messages.get(int(msg["channel_id"]), [])
        if dispatch and in_channel and self.connected:
            self.dispatch("MESSAGE_UPDATE", dict(msg))
        return msg

    def delete_message(self, message_id: int, *, dispatch: bool = True) -> None:
        msg = self._messages[message_id]
        self.deleted_message_ids.add(message_id)
        in_channel = message_id in self._channel_messages.get(int(msg["channel_id"]), [])
        if dispatch and in_channel and self.connected:
            data = {"id": msg["id"], "channel_id": msg["channel_id"]}
            if msg.get("guild_id"):
                data["guild_id"] = msg["guild_id"]
            self.dispatch("MESSAGE_DELETE", data)

    def ensure_dm_channel(self, user_id: Any) -> Obj:
        uid = _id_of(user_id)
        cid = self.dm_channels.get(uid)
        if cid is not None:
            return self._channels[cid]
        cid = snowflake()
        channel = Obj(
            id=str(cid), type=1, recipients=[self.users[uid]], last_message_id=None, flags=0
        )
        self._channels[cid] = channel
        self._channel_messages[cid] = []
        self.dm_channels[uid] = cid
        return channel

    # ---------------------------------------------------------------- gateway

    def dispatch(self, event: str, data: dict) -> int | None:
        """Send a dispatch to the connected bot; returns its sequence number (None if not sent:
        no session, or the bot's intents exclude the event)."""
        conn = self._current
        if conn is None or not conn.identified:
            return None
        needed = _EVENT_INTENTS.get(event)
        if event in _MESSAGE_EVENTS:
            needed = Intent.GUILD_MESSAGES if data.get("guild_id") else Intent.DIRECT_MESSAGES
        if needed is not None and not conn.intents & needed:
            return None
        if (
            event in ("MESSAGE_CREATE", "MESSAGE_UPDATE")
            and not conn.intents & Intent.MESSAGE_CONTENT
        ):
            data = self._strip_content(data)
        if (
            event == "AUTO_MODERATION_ACTION_EXECUTION"
            and not conn.intents & Intent.MESSAGE_CONTENT
        ):
            data = {**data, "content": "", "matched_content": ""}
        conn.seq += 1
        self.events.append(GatewayEvent(event, data, conn.seq))
        conn.queue.put_nowait(json.dumps({"op": 0, "t": event, "s": conn.seq, "d": data}))
        return conn.seq

    def _strip_content(self, data: dict) -> dict:
        if not data.get("guild_id"):
            return data
        if data.get("author", {}).get("id") == self.bot_user["id"]:
            return data
        if any(u.get("id") == self.bot_user["id"] for u in data.get("mentions", [])):
            return data
        data = dict(data)
        data.update(content="", embeds=[], attachments=[], components=[])
        return data

    async def _send_op(self, conn: _Connection, op: int, d: Any) -> None:
        conn.queue.put_nowait(json.dumps({"op": op, "d": d, "s": None, "t": None}))

    async def _writer(self, conn: _Connection) -> None:
        while True:
            item = await conn.queue.get()
            if item is None or conn.ws.closed:
                return
            try:
                await conn.ws.send_str(item)
            except (ConnectionError, RuntimeError):
                return

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        conn = _Connection(ws)
        self._conns.append(conn)
        conn.writer = asyncio.create_task(self._writer(conn), name="fake-discord-gateway-writer")
        await self._send_op(conn, 10, {"heartbeat_interval": 41250})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    if msg.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
                        break
                    continue
                try:
                    payload = json.loads(msg.data)
                except ValueError:
                    self.errors.append(FakeError("WS", "/gateway", f"bad frame {msg.data[:100]!r}"))
                    continue
                await self._on_gateway_op(conn, payload)
        finally:
            conn.queue.put_nowait(None)
            if self._current is conn:
                self._current = None
            if conn in self._conns:
                self._conns.remove(conn)
        return ws

    async def _on_gateway_op(self, conn: _Connection, payload: dict) -> None:
        op = payload.get("op")
        d = payload.get("d")
        if op == 1:
            await self._send_op(conn, 11, None)
        elif op == 2:
            intents = int(d.get("intents", 0))
            for name, bit in Intent.PRIVILEGED.items():
                if intents & bit and name not in self.enabled_privileged_intents:
                    conn.queue.put_nowait(None)
                    await conn.ws.close(code=4014, message=b"Disallowed intent(s).")
                    return
            self.identify_count += 1
            conn.intents = intents
            conn.identified = True
            self._current = conn
            ready = {
                "v": 10,
                "user": self.bot_user,
                "guilds": [{"id": str(g), "unavailable": True} for g in self.guilds],
                "session_id": conn.session_id,
                "resume_gateway_url": self.gateway_url,
                "shard": [0, 1],
                "application": {"id": str(self.application_id), "flags": 0},
                "private_channels": [],
                "relationships": [],
                "user_settings": {},
                "presences": [],
                "guild_join_requests": [],
                "geo_ordered_rtc_regions": [],
            }
            self.dispatch("READY", ready)
            for guild in self.guilds.values():
                self.dispatch("GUILD_CREATE", self.guild_create_payload(guild))
        elif op == 6:
            # No resuming here: ask for a fresh IDENTIFY.
            await self._send_op(conn, 9, False)
        elif op == 8:
            gid = int(d["guild_id"])
            guild = self.guilds.get(gid)
            if guild is not None:
                self.dispatch(
                    "GUILD_MEMBERS_CHUNK",
                    {
                        "guild_id": str(gid),
                        "members": [self._member_payload(guild, m) for m in guild.members.values()],
                        "chunk_index": 0,
                        "chunk_count": 1,
                        "nonce": d.get("nonce"),
                    },
                )
        elif op in (3, 4):
            pass
        else:
            self.errors.append(FakeError("WS", "/gateway", f"unhandled gateway op {op}"))

    async def disconnect_bot(self, code: int = 4000) -> None:
        """Close the bot's gateway connection (it will reconnect if allowed)."""
        conn = self._current
        if conn is not None:
            conn.queue.put_nowait(None)
            await conn.ws.close(code=code)

    # ---------------------------------------------------------------- failure injection

    def fail_next(
        self,
        method: str | None,
        path_regex: str,
        status: int,
        body: Any = None,
        times: int = 1,
        retry_after: float | None = None,
        *,
        hang: bool = False,
    ) -> Injection:
        """Make the next ``times`` requests matching ``method`` (None/"*" for any) and
        ``path_regex`` (searched in the path relative to the API base, e.g.
        ``r"/channels/\\d+/messages$"``) fail with ``status``.

        429 gets Discord's shape (``retry_after`` default 0.01 s, ``Retry-After`` and ``Via``
        headers; discord.py treats a 429 without ``Via`` as a Cloudflare ban and does not
        retry). 500/502/504 are retried by discord.py after 1 s, 3 s... so inject them sparingly.
        ``hang=True`` never answers until ``release_hangs()`` or ``stop()``.
        """
        inj = Injection(method, path_regex, status, body, times, retry_after, hang)
        self._injections.append(inj)
        return inj

    def after_handled(
        self,
        method: str | None,
        path_regex: str,
        callback: Callable[[RecordedRequest], None],
    ) -> None:
        """Call ``callback(request)`` each time a request matching ``method`` and
        ``path_regex`` has been handled successfully (the message exists, the role is given...)
        and before the answer is sent. Crash tests use it to kill a bot process between
        Discord doing something and the bot learning that it was done. ``callback`` runs
        synchronously inside the request; an exception it raises is recorded in ``errors``.
        """
        self._after_handled.append((method, path_regex, callback))

    def release_hangs(self) -> None:
        if self._hang_release is not None:
            self._hang_release.set()
            self._hang_release = asyncio.Event()

    def _take_injection(self, method: str, path: str) -> Injection | None:
        for inj in self._injections:
            if (
                inj.times > 0
                and inj.method in (None, "*", method)
                and re.search(inj.path_regex, path)
            ):
                inj.times -= 1
                if inj.times <= 0:
                    self._injections.remove(inj)
                return inj
        return None

    async def _injected_response(self, inj: Injection, method: str, path: str) -> web.Response:
        if inj.hang:
            assert self._hang_release is not None
            await self._hang_release.wait()
        headers: dict[str, str] = {}
        body = inj.body
        if inj.status == 429:
            retry_after = 0.01 if inj.retry_after is None else inj.retry_after
            if body is None:
                body = {
                    "message": "You are being rate limited.",
                    "retry_after": retry_after,
                    "global": False,
                }
            headers.update(
                {"Retry-After": str(retry_after), "Via": "1.1 google", "X-RateLimit-Scope": "user"}
            )
        elif body is None:
            body = {"code": 0, "message": f"{inj.status}: injected failure for {method} {path}"}
        return self._json(body, inj.status, headers)

    # ---------------------------------------------------------------- HTTP plumbing

    @staticmethod
    def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
        all_headers = {"Content-Type": "application/json"}
        if headers:
            all_headers.update(headers)
        return web.Response(status=status, body=json.dumps(data).encode(), headers=all_headers)

    async def _serve_attachment(self, request: web.Request) -> web.Response:
        data = self.attachments.get(request.match_info["key"])
        if data is None:
            return web.Response(status=404, text="no such attachment")
        return web.Response(body=data, headers={"Content-Type": "application/octet-stream"})

    async def _parse_body(self, request: web.Request) -> tuple[Any, list[RecordedFile]]:
        files: list[RecordedFile] = []
        ctype = request.headers.get("Content-Type", "")
        if ctype.startswith("multipart/"):
            payload: Any = None
            reader = await request.multipart()
            async for part in reader:
                if part is None:
                    break
                name = part.name or ""
                data = await part.read()  # type: ignore[union-attr]
                if name == "payload_json":
                    payload = json.loads(data.decode())
                elif part.filename is not None:  # type: ignore[union-attr]
                    files.append(
                        RecordedFile(
                            field=name,
                            filename=part.filename,  # type: ignore[union-attr]
                            content_type=part.headers.get("Content-Type"),
                            data=bytes(data),
                        )
                    )
                else:
                    payload = payload or {}
                    payload[name] = data.decode()
            return payload, files
        raw = await request.read()
        if not raw:
            return None, files
        try:
            return json.loads(raw), files
        except ValueError:
            return raw.decode(errors="replace"), files

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self._inflight += 1
        try:
            return await self._handle_inner(request)
        finally:
            self._inflight -= 1

    async def _handle_inner(self, request: web.Request) -> web.StreamResponse:
        method = request.method
        path = "/" + request.match_info["tail"]
        route = f"{method} {API_PREFIX}{path}"
        try:
            body, files = await self._parse_body(request)
        except Exception as exc:
            self.errors.append(FakeError(method, path, f"could not parse body: {exc!r}"))
            return self._json({"code": 0, "message": f"fake: bad body for {route}: {exc}"}, 400)
        rec = RecordedRequest(method, path, dict(request.query), body, files, time.time())
        self.requests.append(rec)
        if self._request_event is not None:
            self._request_event.set()
            self._request_event = asyncio.Event()

        inj = self._take_injection(method, path)
        if inj is not None:
            rec.status = inj.status
            return await self._injected_response(inj, method, path)

        for rmethod, pattern, handler in self._routes:
            if rmethod != method:
                continue
            match = pattern.fullmatch(path)
            if match is None:
                continue
            req = _Req(method, path, dict(request.query), body, files, match)
            try:
                result = await handler(req)
            except ApiError as err:
                rec.status = err.status
                self.refusals.append(
                    Refusal(method, path, err.status, err.code, err.message, err.errors)
                )
                data = {"code": err.code, "message": err.message}
                if err.errors is not None:
                    data["errors"] = err.errors
                return self._json(data, err.status)
            except Exception as exc:
                tb = traceback.format_exc()
                log.error("fake discord failed on %s: %s", route, tb)
                self.errors.append(FakeError(method, path, f"{exc!r}\n{tb}"))
                rec.status = 400
                return self._json(
                    {"code": 0, "message": f"fake discord error on {route}: {exc!r}"}, 400
                )
            rec.status = 204 if result is None else 200
            for hook_method, hook_path, callback in list(self._after_handled):
                if rec.matches(hook_method, hook_path):
                    try:
                        callback(rec)
                    except Exception as exc:
                        self.errors.append(FakeError(method, path, f"after_handled hook: {exc!r}"))
            if result is None:
                return web.Response(status=204)
            return self._json(result)

        self.errors.append(FakeError(method, path, f"unimplemented route {route}"))
        rec.status = 404
        return self._json(
            {"code": 0, "message": f"404: fake discord has no route for {route}"}, 404
        )

    def _build_routes(self) -> None:
        S = r"(?P<{}>\d+)"
        table = [
            ("GET", "/users/@me", self._get_me),
            ("GET", "/users/{uid}", self._get_user),
            ("GET", "/oauth2/applications/@me", self._get_app),
            ("GET", "/applications/@me", self._get_app),
            ("GET", "/gateway", self._get_gateway),
            ("GET", "/gateway/bot", self._get_gateway_bot),
            ("POST", "/users/@me/channels", self._create_dm),
            ("GET", "/channels/{cid}", self._get_channel),
            ("PATCH", "/channels/{cid}", self._edit_channel),
            ("DELETE", "/channels/{cid}", self._delete_channel),
            ("GET", "/channels/{cid}/messages", self._get_messages),
            ("POST", "/channels/{cid}/messages", self._post_message),
            ("GET", "/channels/{cid}/messages/{mid}", self._get_message),
            ("PATCH", "/channels/{cid}/messages/{mid}", self._edit_message_route),
            ("DELETE", "/channels/{cid}/messages/{mid}", self._delete_message_route),
            ("POST", "/channels/{cid}/messages/bulk-delete", self._bulk_delete),
            (
                "PUT",
                "/channels/{cid}/messages/{mid}/reactions/(?P<emoji>[^/]+)/@me",
                self._add_reaction,
            ),
            ("PUT", "/channels/{cid}/permissions/{oid}", self._put_overwrite),
            ("DELETE", "/channels/{cid}/permissions/{oid}", self._delete_overwrite),
            ("POST", "/channels/{cid}/typing", self._typing),
            ("POST", "/channels/{cid}/threads", self._create_thread),
            ("POST", "/channels/{cid}/messages/{mid}/threads", self._create_thread_from_message),
            ("PUT", "/channels/{cid}/thread-members/@me", self._join_thread),
            ("PUT", "/channels/{cid}/thread-members/{uid}", self._add_thread_member),
            ("DELETE", "/channels/{cid}/thread-members/{uid}", self._remove_thread_member),
            ("GET", "/channels/{cid}/thread-members", self._list_thread_members),
            ("GET", "/guilds/{gid}", self._get_guild),
            ("GET", "/guilds/{gid}/channels", self._get_guild_channels),
            ("POST", "/guilds/{gid}/channels", self._create_guild_channel),
            ("PATCH", "/guilds/{gid}/channels", self._move_channels),
            ("GET", "/guilds/{gid}/roles", self._get_roles),
            ("POST", "/guilds/{gid}/roles", self._create_role),
            ("PATCH", "/guilds/{gid}/roles/{rid}", self._edit_role),
            ("DELETE", "/guilds/{gid}/roles/{rid}", self._delete_role),
            ("PUT", "/guilds/{gid}/members/{uid}/roles/{rid}", self._add_member_role),
            ("DELETE", "/guilds/{gid}/members/{uid}/roles/{rid}", self._remove_member_role),
            ("GET", "/guilds/{gid}/members", self._list_members),
            ("GET", "/guilds/{gid}/members/{uid}", self._get_member),
            ("PATCH", "/guilds/{gid}/members/{uid}", self._edit_member),
            ("DELETE", "/guilds/{gid}/members/{uid}", self._kick_member),
            ("GET", "/guilds/{gid}/scheduled-events", self._list_events),
            ("POST", "/guilds/{gid}/scheduled-events", self._create_event),
            ("GET", "/guilds/{gid}/scheduled-events/{eid}", self._get_event),
            ("PATCH", "/guilds/{gid}/scheduled-events/{eid}", self._edit_event),
            ("DELETE", "/guilds/{gid}/scheduled-events/{eid}", self._delete_event),
            ("GET", "/guilds/{gid}/auto-moderation/rules", self._list_rules),
            ("POST", "/guilds/{gid}/auto-moderation/rules", self._create_rule),
            ("GET", "/guilds/{gid}/auto-moderation/rules/{rid}", self._get_rule),
            ("PATCH", "/guilds/{gid}/auto-moderation/rules/{rid}", self._edit_rule),
            ("DELETE", "/guilds/{gid}/auto-moderation/rules/{rid}", self._delete_rule),
            ("GET", "/applications/{app}/commands", self._get_commands),
            ("PUT", "/applications/{app}/commands", self._put_commands),
            ("GET", "/applications/{app}/guilds/{gid}/commands", self._get_commands),
            ("PUT", "/applications/{app}/guilds/{gid}/commands", self._put_commands),
            ("POST", "/interactions/{iid}/(?P<token>[^/]+)/callback", self._callback),
            (
                "GET",
                "/webhooks/{app}/(?P<token>[^/]+)/messages/(?P<which>@original|\\d+)",
                self._wh_get,
            ),
            (
                "PATCH",
                "/webhooks/{app}/(?P<token>[^/]+)/messages/(?P<which>@original|\\d+)",
                self._wh_edit,
            ),
            (
                "DELETE",
                "/webhooks/{app}/(?P<token>[^/]+)/messages/(?P<which>@original|\\d+)",
                self._wh_delete,
            ),
            ("POST", "/webhooks/{app}/(?P<token>[^/]+)", self._wh_followup),
        ]
        for method, template, handler in table:
            pattern = template
            for name in ("uid", "cid", "mid", "oid", "gid", "rid", "eid", "app", "iid"):
                pattern = pattern.replace("{" + name + "}", S.format(name))
            self._routes.append((method, re.compile(pattern), handler))

    # ---------------------------------------------------------------- lookups for handlers

    def _get_channel_or_404(self, cid: int) -> Obj:
        channel = self._channels.get(cid)
        if channel is None:
            raise ApiError(404, 10003, "Unknown Channel")
        return channel

    def _guild_or_404(self, gid: int) -> Guild:
        guild = self.guilds.get(gid)
        if guild is None:
            raise ApiError(404, 10004, "Unknown Guild")
        return guild

    def _member_or_404(self, guild: Guild, uid: int) -> Member:
        member = guild.members.get(uid)
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        return member

    def _role_or_404(self, guild: Guild, rid: int) -> Obj:
        role = guild.roles.get(rid)
        if role is None:
            raise ApiError(404, 10011, "Unknown Role")
        return role

    def _message_or_404(self, cid: int, mid: int) -> Obj:
        msg = self._messages.get(mid)
        if msg is None or mid in self.deleted_message_ids or int(msg["channel_id"]) != cid:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    def _guild_of(self, channel: dict) -> Guild | None:
        gid = channel.get("guild_id")
        return self.guilds[int(gid)] if gid else None

    # ---------------------------------------------------------------- validation

    def _validate_message(
        self, body: dict, files: list[RecordedFile], *, edit: bool = False
    ) -> None:
        content = body.get("content")
        if content is not None and len(content) > 2000:
            raise invalid_form("Must be 2000 or fewer in length.", "content")
        embeds = body.get("embeds") or []
        if body.get("embed"):
            embeds = [*embeds, body["embed"]]
        if len(embeds) > 10:
            raise invalid_form("Must be 10 or fewer in length.", "embeds")
        total = 0
        for i, e in enumerate(embeds):
            for key, limit in (("title", 256), ("description", 4096)):
                value = e.get(key) or ""
                if len(value) > limit:
                    raise invalid_form(f"Must be {limit} or fewer in length.", f"embeds.{i}.{key}")
                total += len(value)
            fields = e.get("fields") or []
            if len(fields) > 25:
                raise invalid_form("Must be 25 or fewer in length.", f"embeds.{i}.fields")
            for j, f in enumerate(fields):
                if not f.get("name") or f.get("value") in (None, ""):
                    raise invalid_form("This field is required", f"embeds.{i}.fields.{j}")
                if len(f["name"]) > 256 or len(str(f["value"])) > 1024:
                    raise invalid_form("Field too long.", f"embeds.{i}.fields.{j}")
                total += len(f["name"]) + len(str(f["value"]))
            footer = (e.get("footer") or {}).get("text") or ""
            author = (e.get("author") or {}).get("name") or ""
            if len(footer) > 2048 or len(author) > 256:
                raise invalid_form("Embed footer/author too long.", f"embeds.{i}")
            total += len(footer) + len(author)
        if total > 6000:
            raise invalid_form("Embed size exceeds maximum size of 6000", "embeds")
        components = body.get("components") or []
        flags = int(body.get("flags") or 0)
        if not flags & (1 << 15):  # classic components
            if len(components) > 5:
                raise invalid_form("Must be 5 or fewer in length.", "components")
            for i, row in enumerate(components):
                children = row.get("components") or []
                if row.get("type") != 1:
                    raise invalid_form(
                        "Top-level components must be action rows.", f"components.{i}"
                    )
                if not children or len(children) > 5:
                    raise invalid_form("An action row holds 1 to 5 components.", f"components.{i}")
                if any(c.get("type") != 2 for c in children) and len(children) > 1:
                    raise invalid_form("A select menu must be alone in its row.", f"components.{i}")
                for j, c in enumerate(children):
                    self._validate_component(c, f"components.{i}.components.{j}")
        if not edit:
            has_any = (
                content
                or embeds
                or files
                or components
                or body.get("sticker_ids")
                or body.get("poll")
            )
            if not has_any:
                raise ApiError(400, 50006, "Cannot send an empty message")

    @staticmethod
    def _validate_component(c: dict, where: str) -> None:
        cid = c.get("custom_id")
        if cid is not None and len(cid) > 100:
            raise invalid_form("custom_id must be 100 or fewer in length.", where)
        if c.get("type") == 2:
            if len(c.get("label") or "") > 80:
                raise invalid_form("Button label must be 80 or fewer in length.", where)
            if c.get("style") != 5 and c.get("style") != 6 and not cid:
                raise invalid_form("A non-link button needs a custom_id.", where)
        if c.get("type") == 3:
            options = c.get("options") or []
            if not 1 <= len(options) <= 25:
                raise invalid_form("A select menu has 1 to 25 options.", where)

    def _validate_commands(self, commands: list, where: str = "") -> None:
        if not isinstance(commands, list):
            raise invalid_form("Expected a list of commands.")
        if len(commands) > 110:
            raise ApiError(400, 30032, "Maximum number of application commands reached")
        seen: set[tuple[str, int]] = set()
        for i, cmd in enumerate(commands):
            ctype = cmd.get("type", 1)
            name = cmd.get("name") or ""
            loc = f"{where}{i}"
            key = (name, ctype)
            if key in seen:
                raise invalid_form(f"Application command names must be unique ({name!r})", loc)
            seen.add(key)
            if ctype == 1:
                self._validate_name(name, loc)
                self._validate_description(cmd.get("description"), loc)
                self._validate_options(cmd.get("options") or [], f"{loc}.options", depth=0)
            else:
                if not 1 <= len(name) <= 32:
                    raise invalid_form("Context menu names are 1 to 32 characters.", loc)
                if cmd.get("description"):
                    raise invalid_form("Context menu commands have no description.", loc)

    @staticmethod
    def _validate_name(name: str, loc: str) -> None:
        if not COMMAND_NAME_RE.fullmatch(name) or name != name.lower():
            raise invalid_form(
                f"Invalid command or option name {name!r} (^[-_\\w]{{1,32}}$, lowercase)", loc
            )

    @staticmethod
    def _validate_description(desc: Any, loc: str) -> None:
        if not isinstance(desc, str) or not 1 <= len(desc) <= 100:
            raise invalid_form("Description must be 1 to 100 characters.", loc)

    def _validate_options(self, options: list, loc: str, depth: int) -> None:
        if len(options) > 25:
            raise invalid_form("Must be 25 or fewer in length.", loc)
        names: set[str] = set()
        seen_optional = False
        for i, opt in enumerate(options):
            oloc = f"{loc}.{i}"
            name = opt.get("name") or ""
            self._validate_name(name, oloc)
            self._validate_description(opt.get("description"), oloc)
            if name in names:
                raise invalid_form(f"Option names must be unique ({name!r})", oloc)
            names.add(name)
            otype = opt.get("type")
            if otype in (1, 2):
                if depth >= (1 if otype == 2 else 2) or (otype == 2 and depth > 0):
                    raise invalid_form("Subcommands nested too deep.", oloc)
                self._validate_options(opt.get("options") or [], f"{oloc}.options", depth + 1)
                continue
            choices = opt.get("choices") or []
            if len(choices) > 25:
                raise invalid_form("Must be 25 or fewer in length.", f"{oloc}.choices")
            for j, choice in enumerate(choices):
                if not 1 <= len(str(choice.get("name", ""))) <= 100:
                    raise invalid_form(
                        "Choice names are 1 to 100 characters.", f"{oloc}.choices.{j}"
                    )
            if choices and opt.get("autocomplete"):
                raise invalid_form("Autocomplete and choices are mutually exclusive.", oloc)
            if opt.get("required"):
                if seen_optional:
                    raise invalid_form(
                        "Required options must be placed before non-required options", oloc
                    )
            else:
                seen_optional = True

    def _validate_modal(self, data: dict) -> None:
        if not data.get("custom_id") or len(data["custom_id"]) > 100:
            raise invalid_form("Modal custom_id is 1 to 100 characters.", "data.custom_id")
        if not 1 <= len(data.get("title") or "") <= 45:
            raise invalid_form("Modal title must be 1 to 45 characters.", "data.title")
        components = data.get("components") or []
        if not 1 <= len(components) <= 5:
            raise invalid_form("Must be between 1 and 5 in length.", "data.components")
        for i, comp in enumerate(components):
            for inp in _modal_inputs_of(comp):
                if len(inp.get("label") or comp.get("label") or "") > 45:
                    raise invalid_form(
                        "Label must be 45 or fewer in length.", f"data.components.{i}"
                    )
                if len(inp.get("placeholder") or "") > 100:
                    raise invalid_form("Placeholder must be 100 or fewer.", f"data.components.{i}")
                if len(inp.get("value") or "") > 4000:
                    raise invalid_form("Value must be 4000 or fewer.", f"data.components.{i}")
                max_len = inp.get("max_length")
                if max_len is not None and not 1 <= max_len <= 4000:
                    raise invalid_form("max_length must be 1 to 4000.", f"data.components.{i}")

    # ---------------------------------------------------------------- handlers: users/app

    async def _get_me(self, req: _Req) -> Any:
        return self.bot_user

    async def _get_user(self, req: _Req) -> Any:
        user = self.users.get(req.arg("uid"))
        if user is None:
            raise ApiError(404, 10013, "Unknown User")
        return user

    async def _get_app(self, req: _Req) -> Any:
        return {
            "id": str(self.application_id),
            "name": self.bot_user["username"],
            "icon": None,
            "description": "Kindred (local stand-in)",
            "rpc_origins": [],
            "bot_public": False,
            "bot_require_code_grant": False,
            "bot": self.bot_user,
            "owner": self.owner_user,
            "team": None,
            "summary": "",
            "verify_key": "0" * 64,
            "flags": (1 << 15) | (1 << 13),
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "tags": [],
            "approximate_guild_count": len(self.guilds),
        }

    async def _get_gateway(self, req: _Req) -> Any:
        return {"url": self.gateway_url}

    async def _get_gateway_bot(self, req: _Req) -> Any:
        return {
            "url": self.gateway_url,
            "shards": 1,
            "session_start_limit": {
                "total": 1000,
                "remaining": 1000,
                "reset_after": 0,
                "max_concurrency": 1,
            },
        }

    async def _create_dm(self, req: _Req) -> Any:
        uid = int(req.body.get("recipient_id", 0))
        if uid not in self.users:
            raise ApiError(400, 50035, "Invalid Form Body: unknown recipient_id")
        return dict(self.ensure_dm_channel(uid))

    # ---------------------------------------------------------------- handlers: channels

    async def _get_channel(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        if channel.get("guild_id") and not self.can_view(channel.id, self.bot_user_id):
            raise missing_permissions("VIEW_CHANNEL")
        return dict(channel)

    async def _edit_channel(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        guild = self._guild_of(channel)
        body = req.body
        if guild is None:
            raise ApiError(403, 50003, "Cannot execute action on a DM channel")
        if channel["type"] in THREAD_TYPES:
            is_owner = channel["owner_id"] == self.bot_user["id"]
            if not is_owner:
                self._require(channel.id, None, Perm.MANAGE_THREADS, "MANAGE_THREADS")
            meta = channel["thread_metadata"]
            for key in ("archived", "locked", "invitable", "auto_archive_duration"):
                if key in body:
                    meta[key] = body[key]
                    if key == "archived":
                        meta["archive_timestamp"] = now_iso()
            for key in ("name", "rate_limit_per_user", "flags", "applied_tags"):
                if key in body:
                    channel[key] = body[key]
            self.dispatch("THREAD_UPDATE", dict(channel))
            return dict(channel)
        self._require(channel.id, None, Perm.MANAGE_CHANNELS, "MANAGE_CHANNELS")
        if "permission_overwrites" in body:
            self._require(None, guild.id, Perm.MANAGE_ROLES, "MANAGE_ROLES")
            overwrites = [self._norm_overwrite(o) for o in body["permission_overwrites"] or []]
            self._check_grantable(guild, overwrites)
            channel["permission_overwrites"] = overwrites
        for key in (
            "name",
            "topic",
            "nsfw",
            "rate_limit_per_user",
            "position",
            "bitrate",
            "user_limit",
            "flags",
        ):
            if key in body:
                channel[key] = body[key]
        if "name" in body:
            channel["name"] = self._normalise_channel_name(body["name"], channel["type"])
        if "parent_id" in body:
            channel["parent_id"] = str(body["parent_id"]) if body["parent_id"] else None
        if "type" in body:
            channel["type"] = body["type"]
        self._check_privacy(channel, f"{req.method} {req.path}")
        self.dispatch("CHANNEL_UPDATE", dict(channel))
        return dict(channel)

    async def _delete_channel(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        guild = self._guild_of(channel)
        if guild is None:
            return dict(channel)
        if channel["type"] in THREAD_TYPES:
            self._require(channel.id, None, Perm.MANAGE_THREADS, "MANAGE_THREADS")
        else:
            self._require(channel.id, None, Perm.MANAGE_CHANNELS, "MANAGE_CHANNELS")
        return dict(self.delete_channel(channel.id))

    def _check_grantable(self, guild: Guild, overwrites: list[dict]) -> None:
        """Discord refuses overwrites that allow/deny permissions the bot itself lacks."""
        mine = self.base_permissions(guild.id, self.bot_user_id)
        if mine == Perm.ALL:
            return
        for o in overwrites:
            bits = int(o["allow"]) | int(o["deny"])
            if bits & ~mine:
                raise missing_permissions(
                    f"overwrite for {o['id']} uses permissions the bot lacks: {bits & ~mine}"
                )
            if o["type"] == 0 and int(o["id"]) not in guild.roles:
                raise invalid_form(f"Unknown role {o['id']} in permission_overwrites")
            if o["type"] == 1 and int(o["id"]) not in guild.members:
                raise invalid_form(f"Unknown member {o['id']} in permission_overwrites")

    @staticmethod
    def _normalise_channel_name(name: str, ctype: int) -> str:
        if not 1 <= len(name) <= 100:
            raise invalid_form("Channel name must be 1 to 100 characters.", "name")
        if ctype in (0, 5, 15):
            name = re.sub(r"\s+", "-", name.strip().lower())
        return name

    async def _get_guild_channels(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        return [dict(self._channels[c]) for c in guild.channel_ids if c in self._channels]

    async def _create_guild_channel(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        body = req.body
        self._require(None, guild.id, Perm.MANAGE_CHANNELS, "MANAGE_CHANNELS")
        ctype = int(body.get("type", 0) or 0)
        if ctype not in (0, 2, 4, 5, 13, 15, 16):
            raise invalid_form(f"Invalid channel type {ctype}", "type")
        parent_id = body.get("parent_id")
        if parent_id:
            parent = self._channels.get(int(parent_id))
            if parent is None or parent["type"] != 4 or parent.get("guild_id") != str(guild.id):
                raise invalid_form("parent_id must be a category of this guild", "parent_id")
            if ctype == 4:
                raise invalid_form("A category cannot have a parent", "parent_id")
        overwrites = [self._norm_overwrite(o) for o in body.get("permission_overwrites") or []]
        if overwrites:
            self._require(None, guild.id, Perm.MANAGE_ROLES, "MANAGE_ROLES")
            self._check_grantable(guild, overwrites)
        name = self._normalise_channel_name(body.get("name") or "", ctype)
        channel = self._channel_payload(
            guild, name, ctype, parent_id, overwrites, body.get("topic")
        )
        for key in ("nsfw", "rate_limit_per_user", "bitrate", "user_limit"):
            if key in body and body[key] is not None:
                channel[key] = body[key]
        if body.get("position") is not None:
            channel["position"] = body["position"]
        self._check_privacy(channel, f"{req.method} {req.path}")
        self.dispatch("CHANNEL_CREATE", dict(channel))
        return dict(channel)

    async def _move_channels(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        self._require(None, guild.id, Perm.MANAGE_CHANNELS, "MANAGE_CHANNELS")
        for item in req.json or []:
            channel = self._get_channel_or_404(int(item["id"]))
            if "position" in item and item["position"] is not None:
                channel["position"] = item["position"]
            if "parent_id" in item:
                channel["parent_id"] = str(item["parent_id"]) if item["parent_id"] else None
            self.dispatch("CHANNEL_UPDATE", dict(channel))
        return None

    async def _put_overwrite(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        guild = self._guild_of(channel)
        if guild is None or channel["type"] in THREAD_TYPES:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        self._require(channel.id, None, Perm.MANAGE_ROLES, "MANAGE_ROLES")
        ow = self._norm_overwrite({"id": req.arg("oid"), **req.body})
        self._check_grantable(guild, [ow])
        overwrites = [o for o in channel["permission_overwrites"] if o["id"] != ow["id"]]
        overwrites.append(ow)
        channel["permission_overwrites"] = overwrites
        self._check_privacy(channel, f"{req.method} {req.path}")
        self.dispatch("CHANNEL_UPDATE", dict(channel))
        return None

    async def _delete_overwrite(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        self._require(channel.id, None, Perm.MANAGE_ROLES, "MANAGE_ROLES")
        oid = str(req.arg("oid"))
        channel["permission_overwrites"] = [
            o for o in channel["permission_overwrites"] if o["id"] != oid
        ]
        self._check_privacy(channel, f"{req.method} {req.path}")
        self.dispatch("CHANNEL_UPDATE", dict(channel))
        return None

    async def _typing(self, req: _Req) -> Any:
        self._get_channel_or_404(req.arg("cid"))
        return None

    # ---------------------------------------------------------------- handlers: messages

    def _check_can_send(self, channel: Obj) -> None:
        if channel.get("guild_id") is None:
            if channel["type"] == 1:
                recipient = int(channel["recipients"][0]["id"])
                if recipient in self.closed_dms:
                    raise ApiError(403, 50007, "Cannot send messages to this user")
                if not any(recipient in g.members for g in self.guilds.values()):
                    raise ApiError(403, 50007, "Cannot send messages to this user")
            return
        if channel["type"] in THREAD_TYPES:
            self._require(
                channel.id,
                None,
                Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES_IN_THREADS,
                "SEND_MESSAGES_IN_THREADS",
            )
            meta = channel["thread_metadata"]
            if (
                meta.get("locked")
                and not self.permissions_in(channel.id, self.bot_user_id) & Perm.MANAGE_THREADS
            ):
                raise ApiError(400, 50083, "Thread is locked")
            outsider = self.bot_user_id not in self.thread_members.get(channel.id, set())
            can_manage = self.permissions_in(channel.id, self.bot_user_id) & Perm.MANAGE_THREADS
            if channel["type"] == 12 and outsider and not can_manage:
                raise missing_permissions("not a member of the private thread")
            meta["archived"] = False  # sending unarchives
        elif channel["type"] in TEXTLIKE_TYPES:
            self._require(channel.id, None, Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES, "SEND_MESSAGES")
        else:
            raise ApiError(400, 50008, "Cannot send messages in a non-text channel")

    def _attachments_from(
        self, channel_id: int, body: dict, files: list[RecordedFile]
    ) -> list[dict]:
        meta_by_index: dict[int, dict] = {}
        for meta in body.get("attachments") or []:
            with contextlib.suppress(TypeError, ValueError):
                meta_by_index[int(meta.get("id"))] = meta
        result = []
        for index, f in enumerate(files):
            m = re.fullmatch(r"files\[(\d+)\]", f.field)
            idx = int(m.group(1)) if m else index
            result.append(self._attachment_payload(channel_id, f, meta_by_index.get(idx)))
        return result

    async def _post_message(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        body = req.body
        self._check_can_send(channel)
        self._validate_message(body, req.files)
        reference = body.get("message_reference")
        if reference and reference.get("message_id"):
            ref_id = int(reference["message_id"])
            if ref_id not in self._messages and reference.get("fail_if_not_exists", True):
                raise ApiError(400, 50035, "Invalid Form Body: Unknown message (message_reference)")
        embeds = list(body.get("embeds") or [])
        if body.get("embed"):
            embeds.append(body["embed"])
        msg = self.create_message(
            channel.id,
            self.bot_user,
            body.get("content") or "",
            embeds=embeds,
            components=body.get("components") or [],
            flags=int(body.get("flags") or 0) & ~64,
            attachments=self._attachments_from(channel.id, body, req.files),
            reference=reference if reference and reference.get("message_id") else None,
            extra={"nonce": body["nonce"]} if body.get("nonce") is not None else None,
        )
        return dict(msg)

    async def _get_messages(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        if channel.get("guild_id"):
            self._require(
                channel.id,
                None,
                Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY,
                "READ_MESSAGE_HISTORY",
            )
        limit = int(req.query.get("limit", 50))
        msgs = self.messages_in(channel.id)
        before = req.query.get("before")
        after = req.query.get("after")
        around = req.query.get("around")
        if before:
            msgs = [m for m in msgs if m.id < int(before)]
        if after:
            msgs = [m for m in msgs if m.id > int(after)]
            return [dict(m) for m in reversed(msgs[:limit])]
        if around:
            mid = int(around)
            older = [m for m in msgs if m.id <= mid][-(limit // 2 + 1) :]
            newer = [m for m in msgs if m.id > mid][: limit // 2]
            msgs = older + newer
        return [dict(m) for m in reversed(msgs[-limit:])]

    async def _get_message(self, req: _Req) -> Any:
        return dict(self._message_or_404(req.arg("cid"), req.arg("mid")))

    async def _edit_message_route(self, req: _Req) -> Any:
        msg = self._message_or_404(req.arg("cid"), req.arg("mid"))
        body = req.body
        if msg["author"]["id"] != self.bot_user["id"] and set(body) - {"flags"}:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        self._validate_message(body, req.files, edit=True)
        changes = self._message_changes(int(msg["channel_id"]), msg, body, req.files)
        return dict(self.edit_message(msg.id, changes))

    def _message_changes(
        self, channel_id: int, msg: dict, body: dict, files: list[RecordedFile]
    ) -> dict:
        changes: dict[str, Any] = {}
        for key in ("content", "embeds", "components"):
            if key in body:
                changes[key] = (
                    body[key] if body[key] is not None else ([] if key != "content" else "")
                )
        if "flags" in body and body["flags"] is not None:
            changes["flags"] = (int(msg.get("flags", 0)) & 64) | (int(body["flags"]) & ~64)
        if "attachments" in body or files:
            keep_ids = {str(a.get("id")) for a in body.get("attachments") or []}
            kept = (
                [a for a in msg.get("attachments", []) if a["id"] in keep_ids]
                if "attachments" in body
                else list(msg.get("attachments", []))
            )
            changes["attachments"] = kept + self._attachments_from(channel_id, body, files)
        return changes

    async def _delete_message_route(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        msg = self._message_or_404(channel.id, req.arg("mid"))
        if msg["author"]["id"] != self.bot_user["id"] and channel.get("guild_id"):
            self._require(channel.id, None, Perm.MANAGE_MESSAGES, "MANAGE_MESSAGES")
        self.delete_message(msg.id)
        return None

    async def _bulk_delete(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        self._require(channel.id, None, Perm.MANAGE_MESSAGES, "MANAGE_MESSAGES")
        ids = [int(m) for m in req.body.get("messages", [])]
        if not 2 <= len(ids) <= 100:
            raise invalid_form("Bulk delete takes 2 to 100 messages.", "messages")
        for mid in ids:
            if mid in self._messages and mid not in self.deleted_message_ids:
                self.delete_message(mid)
        return None

    async def _add_reaction(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        self._message_or_404(channel.id, req.arg("mid"))
        return None

    # ---------------------------------------------------------------- handlers: threads

    async def _create_thread(self, req: _Req) -> Any:
        parent = self._get_channel_or_404(req.arg("cid"))
        guild = self._guild_of(parent)
        if guild is None or parent["type"] not in (0, 5, 15):
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        body = req.body
        ttype = int(body.get("type") or 12)
        if parent["type"] == 15:
            ttype = 11
        needed = Perm.CREATE_PRIVATE_THREADS if ttype == 12 else Perm.CREATE_PUBLIC_THREADS
        self._require(parent.id, None, Perm.VIEW_CHANNEL | needed, "CREATE_*_THREADS")
        name = body.get("name") or ""
        if not 1 <= len(name) <= 100:
            raise invalid_form("Thread name must be 1 to 100 characters.", "name")
        thread = self._thread_payload(
            guild,
            parent,
            name,
            ttype,
            self.bot_user_id,
            auto_archive=int(body.get("auto_archive_duration") or 1440),
            invitable=bool(body.get("invitable", True)),
        )
        self.thread_members[thread.id].add(self.bot_user_id)
        thread["member_count"] = 1
        self.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
        if parent["type"] == 15 and body.get("message"):
            self._validate_message(body["message"], req.files)
            msg = self.create_message(
                thread.id,
                self.bot_user,
                body["message"].get("content") or "",
                embeds=body["message"].get("embeds"),
                components=body["message"].get("components"),
                attachments=self._attachments_from(thread.id, body["message"], req.files),
            )
            return {**thread, "message": dict(msg)}
        return dict(thread)

    async def _create_thread_from_message(self, req: _Req) -> Any:
        parent = self._get_channel_or_404(req.arg("cid"))
        msg = self._message_or_404(parent.id, req.arg("mid"))
        guild = self._guild_of(parent)
        if guild is None:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        self._require(
            parent.id, None, Perm.VIEW_CHANNEL | Perm.CREATE_PUBLIC_THREADS, "CREATE_PUBLIC_THREADS"
        )
        if msg.id in self._channels:
            raise ApiError(400, 160004, "A thread has already been created for this message")
        name = req.body.get("name") or ""
        if not 1 <= len(name) <= 100:
            raise invalid_form("Thread name must be 1 to 100 characters.", "name")
        thread = self._thread_payload(
            guild,
            parent,
            name,
            11,
            self.bot_user_id,
            tid=msg.id,
            auto_archive=int(req.body.get("auto_archive_duration") or 1440),
        )
        self.thread_members[thread.id].add(self.bot_user_id)
        thread["member_count"] = 1
        msg["thread"] = dict(thread)
        self.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
        return dict(thread)

    def _thread_or_404(self, cid: int) -> Obj:
        thread = self._get_channel_or_404(cid)
        if thread["type"] not in THREAD_TYPES:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        return thread

    def _thread_members_update(self, thread: Obj, added: list[int], removed: list[int]) -> None:
        guild = self._guild_of(thread)
        assert guild is not None
        thread["member_count"] = len(self.thread_members[thread.id])
        data: dict[str, Any] = {
            "id": thread["id"],
            "guild_id": thread["guild_id"],
            "member_count": thread["member_count"],
        }
        if added:
            data["added_members"] = [
                {
                    "id": thread["id"],
                    "user_id": str(uid),
                    "join_timestamp": now_iso(),
                    "flags": 0,
                    **(
                        {"member": self._member_payload(guild, guild.members[uid])}
                        if uid in guild.members
                        else {}
                    ),
                }
                for uid in added
            ]
        if removed:
            data["removed_member_ids"] = [str(u) for u in removed]
        self.dispatch("THREAD_MEMBERS_UPDATE", data)

    async def _join_thread(self, req: _Req) -> Any:
        thread = self._thread_or_404(req.arg("cid"))
        self.thread_members[thread.id].add(self.bot_user_id)
        self._thread_members_update(thread, [self.bot_user_id], [])
        return None

    async def _add_thread_member(self, req: _Req) -> Any:
        thread = self._thread_or_404(req.arg("cid"))
        guild = self._guild_of(thread)
        assert guild is not None
        uid = req.arg("uid")
        self._member_or_404(guild, uid)
        if thread["thread_metadata"].get("archived"):
            raise ApiError(400, 50083, "Thread is archived")
        if thread["type"] == 12 and self.bot_user_id not in self.thread_members[thread.id]:
            self._require(thread.id, None, Perm.MANAGE_THREADS, "MANAGE_THREADS")
        self._require(thread.id, None, Perm.SEND_MESSAGES_IN_THREADS, "SEND_MESSAGES_IN_THREADS")
        if uid not in self.thread_members[thread.id]:
            self.thread_members[thread.id].add(uid)
            self._thread_members_update(thread, [uid], [])
        return None

    async def _remove_thread_member(self, req: _Req) -> Any:
        thread = self._thread_or_404(req.arg("cid"))
        uid = req.arg("uid")
        if uid != self.bot_user_id and thread["owner_id"] != self.bot_user["id"]:
            self._require(thread.id, None, Perm.MANAGE_THREADS, "MANAGE_THREADS")
        if uid in self.thread_members[thread.id]:
            self.thread_members[thread.id].discard(uid)
            self._thread_members_update(thread, [], [uid])
        return None

    async def _list_thread_members(self, req: _Req) -> Any:
        thread = self._thread_or_404(req.arg("cid"))
        return [
            {"id": thread["id"], "user_id": str(uid), "join_timestamp": now_iso(), "flags": 0}
            for uid in sorted(self.thread_members[thread.id])
        ]

    # ---------------------------------------------------------------- handlers: guild, roles, members

    async def _get_guild(self, req: _Req) -> Any:
        return self.guild_rest_payload(self._guild_or_404(req.arg("gid")))

    async def _get_roles(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        return [dict(r) for r in guild.roles.values()]

    async def _create_role(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        self._require(None, guild.id, Perm.MANAGE_ROLES, "MANAGE_ROLES")
        body = req.body
        if len(guild.roles) >= 250:
            raise ApiError(400, 30005, "Maximum number of guild roles reached (250)")
        perms = int(body.get("permissions") or 0)
        mine = self.base_permissions(guild.id, self.bot_user_id)
        if perms & ~mine:
            raise missing_permissions("role permissions the bot lacks")
        name = body.get("name") or "new role"
        if len(name) > 100:
            raise invalid_form("Role name must be 100 or fewer in length.", "name")
        role = self._role_payload(snowflake(), name, perms, 1)
        for r in guild.roles.values():
            if r.id != guild.id:
                r["position"] += 1
        role["hoist"] = bool(body.get("hoist", False))
        role["mentionable"] = bool(body.get("mentionable", False))
        color = int(body.get("color") or body.get("colour") or 0)
        role["color"] = color
        role["colors"]["primary_color"] = color
        guild.roles[role.id] = role
        self.dispatch("GUILD_ROLE_CREATE", {"guild_id": str(guild.id), "role": dict(role)})
        return dict(role)

    def _check_role_manageable(self, guild: Guild, role: Obj) -> None:
        self._require(None, guild.id, Perm.MANAGE_ROLES, "MANAGE_ROLES")
        if role.get("managed") or role.id == guild.id:
            raise ApiError(400, 50028, "Invalid Role (managed or @everyone)")
        is_admin = self.base_permissions(guild.id, self.bot_user_id) == Perm.ALL
        if not is_admin and role["position"] >= self._top_role_position(guild, self.bot_user_id):
            raise missing_permissions(f"role {role['name']!r} is not below the bot's top role")

    async def _edit_role(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        role = self._role_or_404(guild, req.arg("rid"))
        self._check_role_manageable(guild, role)
        body = req.body
        for key in ("name", "hoist", "mentionable"):
            if key in body and body[key] is not None:
                role[key] = body[key]
        if body.get("permissions") is not None:
            role["permissions"] = str(int(body["permissions"]))
        if body.get("color") is not None:
            role["color"] = int(body["color"])
            role["colors"]["primary_color"] = int(body["color"])
        self.dispatch("GUILD_ROLE_UPDATE", {"guild_id": str(guild.id), "role": dict(role)})
        return dict(role)

    async def _delete_role(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        role = self._role_or_404(guild, req.arg("rid"))
        self._check_role_manageable(guild, role)
        del guild.roles[role.id]
        for m in guild.members.values():
            if role["id"] in m["roles"]:
                m["roles"].remove(role["id"])
        self.dispatch("GUILD_ROLE_DELETE", {"guild_id": str(guild.id), "role_id": role["id"]})
        return None

    async def _add_member_role(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        member = self._member_or_404(guild, req.arg("uid"))
        role = self._role_or_404(guild, req.arg("rid"))
        self._check_role_manageable(guild, role)
        if role["id"] not in member["roles"]:
            member["roles"].append(role["id"])
            self.dispatch("GUILD_MEMBER_UPDATE", self._member_payload(guild, member))
        return None

    async def _remove_member_role(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        member = self._member_or_404(guild, req.arg("uid"))
        role = self._role_or_404(guild, req.arg("rid"))
        self._check_role_manageable(guild, role)
        if role["id"] in member["roles"]:
            member["roles"].remove(role["id"])
            self.dispatch("GUILD_MEMBER_UPDATE", self._member_payload(guild, member))
        return None

    async def _list_members(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        if not self.intents & Intent.GUILD_MEMBERS:
            raise ApiError(403, 50001, "Missing Access (GUILD_MEMBERS intent)")
        limit = int(req.query.get("limit", 1))
        after = int(req.query.get("after", 0))
        members = sorted((m for uid, m in guild.members.items() if uid > after), key=lambda m: m.id)
        return [self._member_payload(guild, m) for m in members[:limit]]

    async def _get_member(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        return self._member_payload(guild, self._member_or_404(guild, req.arg("uid")))

    def _check_moderatable(self, guild: Guild, member: Member, what: str) -> None:
        if member.id == guild.owner_id:
            raise missing_permissions(f"cannot {what} the guild owner")
        if self.base_permissions(guild.id, member.id) & Perm.ADMINISTRATOR or (
            self.base_permissions(guild.id, member.id) == Perm.ALL
        ):
            raise missing_permissions(f"cannot {what} an administrator")
        if self._top_role_position(guild, member.id) >= self._top_role_position(
            guild, self.bot_user_id
        ):
            raise missing_permissions(
                f"cannot {what} a member whose top role is not below the bot's"
            )

    async def _edit_member(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        member = self._member_or_404(guild, req.arg("uid"))
        body = req.body
        if "communication_disabled_until" in body:
            self._require(None, guild.id, Perm.MODERATE_MEMBERS, "MODERATE_MEMBERS")
            until = body["communication_disabled_until"]
            if until is not None:
                self._check_moderatable(guild, member, "time out")
                when = parse_iso(until)
                if when > self.now() + dt.timedelta(days=28, minutes=1):
                    raise invalid_form(
                        "Timeout cannot exceed 28 days.", "communication_disabled_until"
                    )
            member["communication_disabled_until"] = until
        if "roles" in body and body["roles"] is not None:
            self._require(None, guild.id, Perm.MANAGE_ROLES, "MANAGE_ROLES")
            new = [str(int(r)) for r in body["roles"]]
            for rid in set(new) ^ set(member["roles"]):
                self._check_role_manageable(guild, self._role_or_404(guild, int(rid)))
            member["roles"] = new
        if "nick" in body:
            if member.id != self.bot_user_id:
                self._require(None, guild.id, Perm.MANAGE_NICKNAMES, "MANAGE_NICKNAMES")
            member["nick"] = body["nick"]
        for key in ("mute", "deaf"):
            if key in body:
                member[key] = body[key]
        data = self._member_payload(guild, member)
        self.dispatch("GUILD_MEMBER_UPDATE", data)
        return data

    async def _kick_member(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        member = self._member_or_404(guild, req.arg("uid"))
        self._require(None, guild.id, Perm.KICK_MEMBERS, "KICK_MEMBERS")
        self._check_moderatable(guild, member, "kick")
        del guild.members[member.id]
        self.dispatch("GUILD_MEMBER_REMOVE", {"guild_id": str(guild.id), "user": member.user})
        return None

    # ---------------------------------------------------------------- handlers: scheduled events

    async def _list_events(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        return [dict(e) for e in guild.scheduled_events.values()]

    async def _get_event(self, req: _Req) -> Any:
        return dict(self._event_or_404(req))

    def _event_or_404(self, req: _Req) -> Obj:
        guild = self._guild_or_404(req.arg("gid"))
        event = guild.scheduled_events.get(req.arg("eid"))
        if event is None:
            raise ApiError(404, 10070, "Unknown Guild Scheduled Event")
        return event

    def _validate_event_fields(self, guild: Guild, event: dict) -> None:
        if not 1 <= len(event.get("name") or "") <= 100:
            raise invalid_form("Event name must be 1 to 100 characters.", "name")
        if len(event.get("description") or "") > 1000:
            raise invalid_form("Event description must be 1000 or fewer.", "description")
        etype = event.get("entity_type")
        if etype not in (1, 2, 3):
            raise invalid_form("entity_type must be 1, 2 or 3.", "entity_type")
        start = parse_iso(event["scheduled_start_time"])
        end = event.get("scheduled_end_time")
        if etype == 3:
            if not (event.get("entity_metadata") or {}).get("location"):
                raise invalid_form(
                    "External events need entity_metadata.location.", "entity_metadata"
                )
            if not end:
                raise invalid_form("External events need scheduled_end_time.", "scheduled_end_time")
        else:
            cid = event.get("channel_id")
            channel = self._channels.get(int(cid)) if cid else None
            if channel is None or channel.get("guild_id") != str(guild.id):
                raise invalid_form(
                    "Stage/voice events need a channel_id of this guild.", "channel_id"
                )
        if end and parse_iso(end) <= start:
            raise invalid_form(
                "scheduled_end_time must be after scheduled_start_time.", "scheduled_end_time"
            )

    async def _create_event(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        self._require(None, guild.id, Perm.MANAGE_EVENTS, "MANAGE_EVENTS")
        body = req.body
        if not body.get("scheduled_start_time"):
            raise invalid_form("scheduled_start_time is required.", "scheduled_start_time")
        open_events = [e for e in guild.scheduled_events.values() if e["status"] in (1, 2)]
        if len(open_events) >= 100:
            raise ApiError(
                400, 30038, "Maximum number of uncompleted guild scheduled events reached (100)"
            )
        start = parse_iso(body["scheduled_start_time"])
        if self.check_event_start_in_past and start < self.now() - dt.timedelta(seconds=5):
            raise invalid_form("Cannot schedule event in the past.", "scheduled_start_time")
        eid = snowflake()
        event = Obj(
            id=str(eid),
            guild_id=str(guild.id),
            channel_id=str(body["channel_id"]) if body.get("channel_id") else None,
            creator_id=str(self.bot_user_id),
            creator=self.bot_user,
            name=body.get("name"),
            description=body.get("description"),
            scheduled_start_time=body["scheduled_start_time"],
            scheduled_end_time=body.get("scheduled_end_time"),
            privacy_level=int(body.get("privacy_level") or 2),
            status=1,
            entity_type=body.get("entity_type"),
            entity_id=None,
            entity_metadata=body.get("entity_metadata"),
            user_count=0,
            image=None,
            recurrence_rule=body.get("recurrence_rule"),
        )
        self._validate_event_fields(guild, event)
        guild.scheduled_events[eid] = event
        self.dispatch("GUILD_SCHEDULED_EVENT_CREATE", dict(event))
        return dict(event)

    async def _edit_event(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        self._require(None, guild.id, Perm.MANAGE_EVENTS, "MANAGE_EVENTS")
        event = self._event_or_404(req)
        body = req.body
        updated = Obj(event)
        for key in (
            "name",
            "description",
            "scheduled_start_time",
            "scheduled_end_time",
            "entity_type",
            "entity_metadata",
            "privacy_level",
            "recurrence_rule",
        ):
            if key in body:
                updated[key] = body[key]
        if "channel_id" in body:
            updated["channel_id"] = str(body["channel_id"]) if body["channel_id"] else None
        if "status" in body and body["status"] is not None:
            new, old = int(body["status"]), event["status"]
            allowed = {1: {1, 2, 4}, 2: {2, 3}}.get(old, {old})
            if new not in allowed:
                raise ApiError(400, 180000, f"Cannot change event status from {old} to {new}")
            updated["status"] = new
        elif event["status"] in (3, 4):
            raise ApiError(400, 180000, "Cannot edit a completed or cancelled event")
        self._validate_event_fields(guild, updated)
        event.update(updated)
        self.dispatch("GUILD_SCHEDULED_EVENT_UPDATE", dict(event))
        return dict(event)

    async def _delete_event(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        self._require(None, guild.id, Perm.MANAGE_EVENTS, "MANAGE_EVENTS")
        event = self._event_or_404(req)
        del guild.scheduled_events[event.id]
        self.dispatch("GUILD_SCHEDULED_EVENT_DELETE", dict(event))
        return None

    # ---------------------------------------------------------------- handlers: automod

    def _validate_rule(
        self, guild: Guild, rule: dict, *, creating: bool, rule_id: int | None = None
    ) -> None:
        if not 1 <= len(rule.get("name") or "") <= 100:
            raise invalid_form("Rule name must be 1 to 100 characters.", "name")
        ttype = rule.get("trigger_type")
        if ttype not in (1, 3, 4, 5, 6):
            raise invalid_form("Unknown trigger_type.", "trigger_type")
        if creating:
            same = [
                r
                for r in guild.automod_rules.values()
                if r["trigger_type"] == ttype and r.id != rule_id
            ]
            limit = 6 if ttype in (1, 6) else 1
            if len(same) >= limit:
                raise ApiError(400, 20048, "Maximum number of rules of this trigger type reached")
        meta = rule.get("trigger_metadata") or {}
        keywords = meta.get("keyword_filter") or []
        if len(keywords) > 1000:
            raise invalid_form(
                "keyword_filter must be 1000 or fewer.", "trigger_metadata.keyword_filter"
            )
        for k in keywords:
            if not 1 <= len(k) <= 60:
                raise invalid_form(
                    f"Keyword {k[:20]!r}... must be 1 to 60 characters.", "trigger_metadata"
                )
        patterns = meta.get("regex_patterns") or []
        if len(patterns) > 10:
            raise invalid_form(
                "regex_patterns must be 10 or fewer.", "trigger_metadata.regex_patterns"
            )
        for p in patterns:
            if not 1 <= len(p) <= 260:
                raise invalid_form(
                    "Each regex pattern must be 1 to 260 characters.", "trigger_metadata"
                )
        allow = meta.get("allow_list") or []
        if len(allow) > (1000 if ttype == 4 else 100):
            raise invalid_form("allow_list too long.", "trigger_metadata.allow_list")
        actions = rule.get("actions") or []
        if not actions:
            raise invalid_form("A rule needs at least one action.", "actions")
        for a in actions:
            if len((a.get("metadata") or {}).get("custom_message") or "") > 150:
                raise invalid_form("custom_message must be 150 or fewer characters.", "actions")
            if a.get("type") == 2:
                cid = (a.get("metadata") or {}).get("channel_id")
                if not cid or int(cid) not in self._channels:
                    raise invalid_form(
                        "send_alert_message needs a channel_id of this guild.", "actions"
                    )
        if len(rule.get("exempt_roles") or []) > 20 or len(rule.get("exempt_channels") or []) > 50:
            raise invalid_form("Too many exemptions.", "exempt_roles")

    async def _list_rules(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        self._require(None, guild.id, Perm.MANAGE_GUILD, "MANAGE_GUILD")
        return [dict(r) for r in guild.automod_rules.values()]

    def _rule_or_404(self, req: _Req) -> tuple[Guild, Obj]:
        guild = self._guild_or_404(req.arg("gid"))
        rule = guild.automod_rules.get(req.arg("rid"))
        if rule is None:
            raise ApiError(404, 10066, "Unknown Auto Moderation Rule")
        return guild, rule

    async def _get_rule(self, req: _Req) -> Any:
        return dict(self._rule_or_404(req)[1])

    async def _create_rule(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        self._require(None, guild.id, Perm.MANAGE_GUILD, "MANAGE_GUILD")
        body = req.body
        rid = snowflake()
        rule = Obj(
            id=str(rid),
            guild_id=str(guild.id),
            name=body.get("name"),
            creator_id=str(self.bot_user_id),
            event_type=int(body.get("event_type") or 1),
            trigger_type=body.get("trigger_type"),
            trigger_metadata=body.get("trigger_metadata") or {},
            actions=body.get("actions") or [],
            enabled=bool(body.get("enabled", False)),
            exempt_roles=[str(r) for r in body.get("exempt_roles") or []],
            exempt_channels=[str(c) for c in body.get("exempt_channels") or []],
        )
        self._validate_rule(guild, rule, creating=True)
        guild.automod_rules[rid] = rule
        self.dispatch("AUTO_MODERATION_RULE_CREATE", dict(rule))
        return dict(rule)

    async def _edit_rule(self, req: _Req) -> Any:
        guild, rule = self._rule_or_404(req)
        self._require(None, guild.id, Perm.MANAGE_GUILD, "MANAGE_GUILD")
        updated = Obj(rule)
        for key in ("name", "event_type", "trigger_metadata", "actions", "enabled"):
            if key in req.body:
                updated[key] = req.body[key]
        for key in ("exempt_roles", "exempt_channels"):
            if key in req.body:
                updated[key] = [str(x) for x in req.body[key] or []]
        self._validate_rule(guild, updated, creating=False, rule_id=rule.id)
        rule.update(updated)
        self.dispatch("AUTO_MODERATION_RULE_UPDATE", dict(rule))
        return dict(rule)

    async def _delete_rule(self, req: _Req) -> Any:
        guild, rule = self._rule_or_404(req)
        self._require(None, guild.id, Perm.MANAGE_GUILD, "MANAGE_GUILD")
        del guild.automod_rules[rule.id]
        self.dispatch("AUTO_MODERATION_RULE_DELETE", dict(rule))
        return None

    # ---------------------------------------------------------------- automod: messages

    def automod_hits(
        self, channel_id: int, user_id: int, content: str
    ) -> list[tuple[Obj, str, str]]:
        """The enabled keyword rules that ``content`` trips in this channel, like Discord:
        (rule, matched keyword or pattern, matched text). Exempt channels (a thread follows its
        channel), exempt roles, and members with Manage Server or Administrator are skipped."""
        channel = self._channels[channel_id]
        gid = channel.get("guild_id")
        if gid is None:
            return []
        guild = self.guilds[int(gid)]
        member = guild.members.get(user_id)
        if member is None or self.base_permissions(guild.id, user_id) & (
            Perm.ADMINISTRATOR | Perm.MANAGE_GUILD
        ):
            return []
        where = {str(channel_id), str(channel.get("parent_id"))}
        hits = []
        for rule in guild.automod_rules.values():
            if not rule["enabled"] or rule["trigger_type"] != 1 or rule["event_type"] != 1:
                continue
            if where & set(rule["exempt_channels"]) or set(member["roles"]) & set(
                rule["exempt_roles"]
            ):
                continue
            found = _automod_match(rule["trigger_metadata"], content)
            if found is not None:
                hits.append((rule, *found))
        return hits

    def send_through_automod(self, channel_id: int, author: dict, content: str) -> Obj | None:
        """A member's message as Discord handles it with AutoMod on.

        No rule trips: posted (MESSAGE_CREATE). A rule with ``block_message`` trips: never
        posted, and one AUTO_MODERATION_ACTION_EXECUTION per action of each rule that tripped,
        without ``message_id``. Only other actions: posted, then the executions with its
        ``message_id``. ``send_alert_message`` also posts Discord's alert in its channel (a
        timeout action is reported, not applied). The executions go to the bot only if it has
        Manage Server (recorded in ``automod_executions``). Returns the message, or None.
        """
        uid = int(author["id"])
        hits = self.automod_hits(channel_id, uid, content)
        blocked = any(a.get("type") == 1 for rule, _, _ in hits for a in rule["actions"])
        msg = None if blocked else self.create_message(channel_id, author, content)
        gid = int(self._channels[channel_id]["guild_id"]) if hits else 0
        for rule, keyword, matched in hits:
            for action in rule["actions"]:
                data: dict[str, Any] = {
                    "guild_id": str(gid),
                    "action": dict(action),
                    "rule_id": rule["id"],
                    "rule_trigger_type": rule["trigger_type"],
                    "user_id": str(uid),
                    "channel_id": str(channel_id),
                    "content": content,
                    "matched_keyword": keyword,
                    "matched_content": matched,
                }
                if msg is not None:
                    data["message_id"] = msg["id"]
                if action.get("type") == 2:
                    alert_channel = int(action["metadata"]["channel_id"])
                    alert = self.create_message(
                        alert_channel,
                        author,
                        "",
                        mtype=24,  # AUTO_MODERATION_ACTION
                        embeds=[
                            {
                                "type": "auto_moderation_message",
                                "description": content,
                                "fields": [{"name": "rule_name", "value": rule["name"]}],
                            }
                        ],
                    )
                    data["alert_system_message_id"] = alert["id"]
                if self.base_permissions(gid, self.bot_user_id) & (
                    Perm.MANAGE_GUILD | Perm.ADMINISTRATOR
                ):
                    self.automod_executions.append(data)
                    self.dispatch("AUTO_MODERATION_ACTION_EXECUTION", data)
        return msg

    # ---------------------------------------------------------------- handlers: commands

    def _check_app(self, req: _Req) -> None:
        if req.arg("app") != self.application_id:
            raise ApiError(404, 10002, "Unknown Application")

    async def _get_commands(self, req: _Req) -> Any:
        self._check_app(req)
        gid = req.match.groupdict().get("gid")
        cmds = self.guild_commands.get(int(gid), []) if gid else self.global_commands
        return [dict(c) for c in cmds]

    async def _put_commands(self, req: _Req) -> Any:
        self._check_app(req)
        gid_raw = req.match.groupdict().get("gid")
        gid = int(gid_raw) if gid_raw else None
        if gid is not None:
            self._guild_or_404(gid)
        body = req.json if isinstance(req.json, list) else []
        self._validate_commands(body)
        stored = []
        for cmd in body:
            ctype = int(cmd.get("type", 1))
            key = (gid, cmd["name"], ctype)
            cid = self._command_ids.setdefault(key, snowflake())
            dmp = cmd.get("default_member_permissions")
            stored.append(
                Obj(
                    id=str(cid),
                    application_id=str(self.application_id),
                    version=str(snowflake()),
                    type=ctype,
                    name=cmd["name"],
                    name_localizations=cmd.get("name_localizations"),
                    description=cmd.get("description", ""),
                    description_localizations=cmd.get("description_localizations"),
                    options=cmd.get("options") or [],
                    default_member_permissions=str(dmp) if dmp is not None else None,
                    dm_permission=cmd.get("dm_permission", True),
                    nsfw=cmd.get("nsfw", False),
                    contexts=cmd.get("contexts"),
                    integration_types=cmd.get("integration_types") or [0],
                    **({"guild_id": str(gid)} if gid else {}),
                )
            )
        if gid is None:
            self.global_commands = stored
        else:
            self.guild_commands[gid] = stored
        return [dict(c) for c in stored]

    # ---------------------------------------------------------------- interactions

    def new_interaction(
        self,
        itype: int,
        user_id: int,
        channel_id: int,
        data: dict,
        *,
        message: dict | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """Create an interaction record and its INTERACTION_CREATE payload (not dispatched)."""
        channel = self._channels[channel_id]
        gid = channel.get("guild_id")
        iid = snowflake()
        token = "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(24)
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.application_id),
            "type": itype,
            "data": data,
            "channel_id": str(channel_id),
            "channel": {k: v for k, v in channel.items()},
            "token": token,
            "version": 1,
            "locale": locale,
            "entitlements": [],
            "authorizing_integration_owners": {"0": gid} if gid else {"1": str(user_id)},
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if gid:
            guild = self.guilds[int(gid)]
            payload["guild_id"] = gid
            payload["guild"] = {"id": gid, "locale": "en-US", "features": []}
            payload["guild_locale"] = "en-US"
            payload["member"] = self._interaction_member(guild, guild.members[user_id], channel_id)
            payload["app_permissions"] = str(self.permissions_in(channel_id, self.bot_user_id))
            payload["context"] = 0
            payload["channel"]["permissions"] = payload["member"]["permissions"]
        else:
            payload["user"] = self.users[user_id]
            payload["app_permissions"] = str(Perm.DEFAULT_EVERYONE)
            payload["context"] = 1
        if message is not None:
            payload["message"] = dict(message)
        record = InteractionRecord(
            id=iid,
            token=token,
            type=itype,
            guild_id=int(gid) if gid else None,
            channel_id=channel_id,
            user_id=user_id,
            data=data,
            payload=payload,
            message_id=int(message["id"]) if message is not None else None,
        )
        self.interactions[iid] = record
        self._interaction_tokens[token] = iid
        return record

    def interaction_by_token(self, token: str) -> InteractionRecord | None:
        iid = self._interaction_tokens.get(token)
        return self.interactions.get(iid) if iid is not None else None

    def _response_message_type(self, rec: InteractionRecord) -> int:
        if rec.type == 2:
            return 20 if rec.data.get("type", 1) == 1 else 23
        return 0

    def _interaction_message(
        self, rec: InteractionRecord, data: dict, files: list[RecordedFile], *, flags: int
    ) -> Obj:
        ephemeral = bool(flags & 64)
        return self.create_message(
            rec.channel_id,
            self.bot_user,
            data.get("content") or "",
            embeds=data.get("embeds") or [],
            components=data.get("components") or [],
            flags=flags,
            attachments=self._attachments_from(rec.channel_id, data, files),
            mtype=self._response_message_type(rec),
            webhook_id=self.application_id,
            interaction=rec,
            store_in_channel=not ephemeral,
        )

    async def _callback(self, req: _Req) -> Any:
        iid = req.arg("iid")
        rec = self.interactions.get(iid)
        if rec is None or rec.token != req.match.group("token"):
            raise ApiError(404, 10062, "Unknown interaction")
        rec.callbacks_attempted += 1
        if rec.acknowledged:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        body = req.body
        ctype = int(body.get("type", 0))
        data = body.get("data") or {}
        resource: dict[str, Any] | None = None
        info: dict[str, Any] = {"id": str(rec.id), "type": rec.type}
        if ctype == 1:
            raise invalid_form("PONG is only for HTTP interactions.", "type")
        if ctype in (4, 5):
            if rec.type == 4:
                raise invalid_form("Autocomplete interactions take type 8.", "type")
            flags = int(data.get("flags") or 0)
            if ctype == 4:
                self._validate_message(data, req.files)
                msg = self._interaction_message(rec, data, req.files, flags=flags)
            else:
                msg = self._interaction_message(rec, {}, [], flags=(flags & 64) | 128)
            rec.original_message_id = msg.id
            rec.log.append(("create", msg.id))
            info.update(
                response_message_id=msg["id"],
                response_message_loading=ctype == 5,
                response_message_ephemeral=bool(flags & 64),
            )
            resource = {"type": ctype, "message": dict(msg)}
        elif ctype in (6, 7):
            if rec.message_id is None:
                raise invalid_form("There is no message to update.", "type")
            target = self._messages[rec.message_id]
            rec.original_message_id = rec.message_id
            if ctype == 7:
                self._validate_message(data, req.files, edit=True)
                changes = self._message_changes(rec.channel_id, target, data, req.files)
                self.edit_message(rec.message_id, changes)
                rec.log.append(("edit", rec.message_id))
                resource = {"type": 7, "message": dict(self._messages[rec.message_id])}
            info.update(response_message_id=str(rec.message_id), response_message_loading=False)
        elif ctype == 8:
            if rec.type != 4:
                raise invalid_form("Only autocomplete interactions take type 8.", "type")
            if len(data.get("choices") or []) > 25:
                raise invalid_form("Must be 25 or fewer in length.", "data.choices")
        elif ctype == 9:
            if rec.type == 5:
                raise ApiError(
                    400, 50035, "Invalid Form Body: cannot answer a modal submit with a modal"
                )
            if rec.type == 4:
                raise invalid_form("Autocomplete interactions take type 8.", "type")
            self._validate_modal(data)
            rec.log.append(("modal", None))
        else:
            raise invalid_form(f"Unsupported interaction callback type {ctype}.", "type")
        rec.callback_type = ctype
        rec.callback_data = data
        result: dict[str, Any] = {"interaction": info}
        if resource is not None:
            result["resource"] = resource
        if "with_response" in req.query and req.query["with_response"] not in ("0", "false"):
            return result
        return None

    def _wh_interaction(self, req: _Req) -> InteractionRecord:
        self._check_app(req)
        rec = self.interaction_by_token(req.match.group("token"))
        if rec is None:
            raise ApiError(404, 10015, "Unknown Webhook")
        return rec

    def _wh_target(self, rec: InteractionRecord, which: str) -> int:
        if which == "@original":
            if rec.original_message_id is None:
                raise ApiError(404, 10008, "Unknown Message")
            return rec.original_message_id
        mid = int(which)
        if mid != rec.original_message_id and mid not in rec.followup_ids:
            raise ApiError(404, 10008, "Unknown Message")
        return mid

    async def _wh_get(self, req: _Req) -> Any:
        rec = self._wh_interaction(req)
        mid = self._wh_target(rec, req.match.group("which"))
        if mid in self.deleted_message_ids:
            raise ApiError(404, 10008, "Unknown Message")
        return dict(self._messages[mid])

    async def _wh_edit(self, req: _Req) -> Any:
        rec = self._wh_interaction(req)
        mid = self._wh_target(rec, req.match.group("which"))
        if mid in self.deleted_message_ids:
            raise ApiError(404, 10008, "Unknown Message")
        msg = self._messages[mid]
        self._validate_message(req.body, req.files, edit=True)
        changes = self._message_changes(rec.channel_id, msg, req.body, req.files)
        if int(msg.get("flags", 0)) & 128:
            changes["flags"] = int(changes.get("flags", msg["flags"])) & ~128
        self.edit_message(mid, changes)
        rec.log.append(("edit", mid))
        return dict(self._messages[mid])

    async def _wh_delete(self, req: _Req) -> Any:
        rec = self._wh_interaction(req)
        mid = self._wh_target(rec, req.match.group("which"))
        if mid in self.deleted_message_ids:
            raise ApiError(404, 10008, "Unknown Message")
        self.delete_message(mid)
        rec.log.append(("delete", mid))
        return None

    async def _wh_followup(self, req: _Req) -> Any:
        rec = self._wh_interaction(req)
        if not rec.acknowledged:
            raise ApiError(404, 10015, "Unknown Webhook (interaction not acknowledged yet)")
        body = req.body
        self._validate_message(body, req.files)
        flags = int(body.get("flags") or 0)
        original = self._messages.get(rec.original_message_id or 0)
        if rec.callback_type == 5 and original is not None and int(original.get("flags", 0)) & 128:
            # Discord: the first follow-up after a "thinking" defer replaces the placeholder.
            changes = self._message_changes(rec.channel_id, original, body, req.files)
            changes["flags"] = int(original["flags"]) & ~128
            self.edit_message(original.id, changes)
            rec.log.append(("edit", original.id))
            return dict(self._messages[original.id])
        msg = self._interaction_message(rec, body, req.files, flags=flags)
        rec.followup_ids.append(msg.id)
        rec.log.append(("followup", msg.id))
        return dict(msg)


def _automod_keyword(keyword: str) -> re.Pattern:
    """Discord's keyword semantics: whole word, ``kw*`` prefix, ``*kw`` suffix, ``*kw*``
    anywhere; a phrase of several words; any case."""
    head, tail = not keyword.startswith("*"), not keyword.endswith("*")
    words = r"\s+".join(re.escape(w) for w in keyword.strip("*").split())
    return re.compile((r"(?<!\w)" if head else "") + words + (r"(?!\w)" if tail else ""), re.I)


def _automod_match(meta: dict, content: str) -> tuple[str, str] | None:
    """(keyword or pattern, matched text) of the first keyword-rule hit not covered by the
    allow list. Regexes are Rust's in Discord; Python's re reads the patterns tests use."""
    allowed = [
        m.span()
        for a in meta.get("allow_list") or []
        for m in _automod_keyword(a).finditer(content)
    ]

    def free(span: tuple[int, int]) -> bool:
        return not any(a <= span[0] and span[1] <= b for a, b in allowed)

    candidates = [(k, _automod_keyword(k)) for k in meta.get("keyword_filter") or []]
    candidates += [(p, re.compile(p, re.I)) for p in meta.get("regex_patterns") or []]
    for source, pattern in candidates:
        for m in pattern.finditer(content):
            if free(m.span()):
                return source, m.group(0)
    return None


def _modal_inputs_of(component: dict) -> list[dict]:
    """Text inputs (and other submit-able fields) inside a top-level modal component."""
    ctype = component.get("type")
    if ctype == 1:
        return [c for c in component.get("components") or [] if c.get("custom_id")]
    if ctype == 18:
        inner = component.get("component") or {}
        if inner.get("custom_id"):
            return [{**inner, "label": inner.get("label") or component.get("label")}]
        return []
    return [component] if component.get("custom_id") else []


__all__ = [
    "API_PREFIX",
    "ApiError",
    "FakeDiscord",
    "FakeError",
    "GatewayEvent",
    "Guild",
    "Intent",
    "InteractionRecord",
    "Member",
    "Obj",
    "Perm",
    "RecordedFile",
    "RecordedRequest",
    "Refusal",
    "Warning_",
    "snowflake",
    "snowflake_time_ms",
]
