"""The state every section of the stand-in shares, declared once so each mixin type-checks alone.

``FakeDiscord`` is one object built from a dozen mixins (one per section of what was one file).
A mixin reads state that ``FakeDiscord.__init__`` sets up and calls methods another mixin
defines. ``_Core`` is the base they all inherit from: it annotates that state, holds the lookups
and properties every section uses, and (for the type checker only) declares the methods one
section calls on another, so mypy checks each call and checks the real definitions against
these declarations.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from sandbox.fake_discord.records import (
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
    _Req,
)

if TYPE_CHECKING:
    from sandbox.fake_discord.ratelimits import RateLimits, Throttle

API_PREFIX = "/api/v10"

# A REST handler: takes the parsed request, returns the JSON answer (None for 204).
Handler = Callable[[_Req], Awaitable[Any]]


class _Connection:
    """One gateway websocket session and what the bot identified with."""

    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.queue: asyncio.Queue[str | None] = asyncio.Queue()
        self.seq = 0
        self.intents = 0
        self.identified = False
        self.session_id = secrets.token_hex(16)
        self.writer: asyncio.Task[None] | None = None
        # (shard id, shard count) from IDENTIFY; a client that names no shard gets everything.
        self.shard: tuple[int, int] = (0, 1)

    def carries(self, guild_id: int | None) -> bool:
        """Whether this session receives the guild's events (a DM's, with no guild: shard 0)."""
        shard, count = self.shard
        if guild_id is None:
            return shard == 0
        return (int(guild_id) >> 22) % count == shard


class _Core:
    """The shared state of ``FakeDiscord`` (set up in its ``__init__``), its lookups and the
    methods the sections call on one another. See the module docstring."""

    # ---------------------------------------------------------------- state

    application_id: int
    bot_user: dict[str, Any]
    owner_user: dict[str, Any]
    users: dict[int, dict[str, Any]]
    guilds: dict[int, Guild]
    _channels: dict[int, Obj]
    thread_members: dict[int, set[int]]
    dm_channels: dict[int, int]  # user id -> DM channel id
    closed_dms: set[int]
    _messages: dict[int, Obj]
    _channel_messages: dict[int, list[int]]
    deleted_message_ids: set[int]
    message_history: dict[int, list[dict[str, Any]]]
    attachments: dict[str, bytes]
    global_commands: list[Obj]
    guild_commands: dict[int, list[Obj]]
    _command_ids: dict[tuple[int | None, str, int], int]
    _command_creates: dict[int | None, list[dt.datetime]]  # scope -> creates, by ``now``
    interactions: dict[int, InteractionRecord]
    _interaction_tokens: dict[str, int]

    requests: list[RecordedRequest]
    refusals: list[Refusal]
    errors: list[FakeError]
    warning_history: list[Warning_]
    _active_warnings: dict[int, Warning_]
    _bot_touched_channels: set[int]
    events: list[GatewayEvent]
    automod_executions: list[dict[str, Any]]  # AUTO_MODERATION_ACTION_EXECUTION payloads
    enabled_privileged_intents: set[str]
    check_event_start_in_past: bool
    auto_events: bool  # events start and complete at their scheduled times (clockwork.py)
    auto_archive: bool  # idle threads archive after their auto-archive duration
    _thread_activity: dict[int, dt.datetime]  # thread id -> last activity, by ``now``
    now: Callable[[], dt.datetime]
    identify_count: int
    shard_count: int  # what GET /gateway/bot recommends (clients may IDENTIFY with any count)
    interaction_deadlines: bool  # 3 s to respond, 15 min for the token (routes/interactions.py)

    _injections: list[Injection]
    _after_handled: list[tuple[str | None, str, Callable[[RecordedRequest], None]]]
    _hang_release: asyncio.Event | None
    _conns: list[_Connection]
    _current: _Connection | None  # the session identified last (one-shard tests use only it)
    _request_event: asyncio.Event | None
    _inflight: int
    _runner: web.AppRunner | None
    port: int | None
    _routes: list[tuple[str, re.Pattern[str], Handler, str]]
    rate_limits: RateLimits | None  # None: no limits (ratelimits.py)
    throttled: list[Throttle]  # every 429 the limiter answered

    # ---------------------------------------------------------------- derived state

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
        return any(c.identified for c in self._conns)

    def sessions(self) -> list[_Connection]:
        """The identified gateway sessions, oldest first (one per shard a bot runs)."""
        return [c for c in self._conns if c.identified]

    def shard_sequence(self, shard: int) -> int:
        """The last dispatch's sequence number on the newest session of that shard (0: none)."""
        found = [c for c in self._conns if c.identified and c.shard[0] == shard]
        return found[-1].seq if found else 0

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

    def _guild_of(self, channel: dict[str, Any]) -> Guild | None:
        gid = channel.get("guild_id")
        return self.guilds[int(gid)] if gid else None

    # ---------------------------------------------------------------- across sections

    if TYPE_CHECKING:
        # Defined by the section named above each group; declared here so a section calling
        # another type-checks on its own (and mypy checks each definition against these).

        # ClockworkMixin
        def tick(self, *, dispatch: bool = True) -> list[str]: ...
        def touch_thread(self, thread_id: int) -> None: ...
        # RateLimitMixin
        def _rate_limit(
            self, method: str, template: str, major: str
        ) -> tuple[dict[str, str], Throttle | None]: ...
        # CommandRoutes
        def _check_app(self, req: _Req) -> None: ...
        # FailuresMixin
        def _take_injection(self, method: str, path: str) -> Injection | None: ...
        async def _injected_response(
            self, inj: Injection, method: str, path: str
        ) -> web.Response: ...
        # GatewayMixin
        def dispatch(self, event: str, data: dict[str, Any]) -> int | None: ...
        # HttpMixin
        @staticmethod
        def _json(
            data: Any, status: int = 200, headers: dict[str, str] | None = None
        ) -> web.Response: ...
        # MessageRoutes
        def _attachments_from(
            self, channel_id: int, body: dict[str, Any], files: list[RecordedFile]
        ) -> list[dict[str, Any]]: ...
        def _message_changes(
            self,
            channel_id: int,
            msg: dict[str, Any],
            body: dict[str, Any],
            files: list[RecordedFile],
        ) -> dict[str, Any]: ...
        # PayloadsMixin
        def _attachment_payload(
            self, channel_id: int, f: RecordedFile, meta: dict[str, Any] | None
        ) -> dict[str, Any]: ...
        def _interaction_member(
            self, guild: Guild, member: Member, channel_id: int
        ) -> dict[str, Any]: ...
        def _member_payload(
            self, guild: Guild, member: Member, *, with_user: bool = True
        ) -> dict[str, Any]: ...
        def create_message(
            self,
            channel_id: int,
            author: dict[str, Any],
            content: str = "",
            *,
            embeds: list[dict[str, Any]] | None = None,
            components: list[dict[str, Any]] | None = None,
            flags: int = 0,
            attachments: list[dict[str, Any]] | None = None,
            reference: dict[str, Any] | None = None,
            mtype: int = 0,
            webhook_id: int | None = None,
            interaction: InteractionRecord | None = None,
            store_in_channel: bool = True,
            dispatch: bool = True,
            extra: dict[str, Any] | None = None,
        ) -> Obj: ...
        def delete_message(self, message_id: int, *, dispatch: bool = True) -> None: ...
        def edit_message(
            self, message_id: int, changes: dict[str, Any], *, dispatch: bool = True
        ) -> Obj: ...
        def ensure_dm_channel(self, user_id: Any) -> Obj: ...
        def guild_create_payload(self, guild: Guild) -> dict[str, Any]: ...
        def guild_rest_payload(self, guild: Guild) -> dict[str, Any]: ...
        # PermissionsMixin
        def _check_privacy(self, channel: dict[str, Any], route: str) -> None: ...
        def _require(
            self, channel_id: int | None, guild_id: int | None, bits: int, what: str
        ) -> None: ...
        def _top_role_position(self, guild: Guild, user_id: int) -> int: ...
        def base_permissions(self, guild_id: int, user_id: Any) -> int: ...
        def can_view(self, channel_id: Any, user_id: Any) -> bool: ...
        def permissions_in(self, channel_id: Any, user_id: Any) -> int: ...
        # StateMixin
        def _channel_payload(
            self,
            guild: Guild,
            name: str,
            ctype: int,
            parent_id: Any,
            overwrites: list[dict[str, Any]],
            topic: str | None = None,
        ) -> Obj: ...
        @staticmethod
        def _norm_overwrite(o: dict[str, Any]) -> dict[str, Any]: ...
        def _role_payload(self, rid: int, name: str, permissions: int, position: int) -> Obj: ...
        def _thread_payload(
            self,
            guild: Guild,
            parent: dict[str, Any],
            name: str,
            ttype: int,
            owner_id: int | None,
            *,
            tid: int | None = None,
            auto_archive: int = 1440,
            invitable: bool = True,
        ) -> Obj: ...
        def channel(self, channel_id: Any) -> Obj: ...
        def delete_channel(self, channel_id: Any) -> Obj: ...
        def guild(self, guild_id: int) -> Guild: ...
        def messages_in(self, channel_id: Any, *, include_deleted: bool = False) -> list[Obj]: ...
        # ValidationMixin
        def _validate_commands(self, commands: list[dict[str, Any]], where: str = "") -> None: ...
        def _validate_message(
            self, body: dict[str, Any], files: list[RecordedFile], *, edit: bool = False
        ) -> None: ...
        def _validate_modal(self, data: dict[str, Any]) -> None: ...
        # VoiceMixin
        def set_voice_state(
            self,
            guild_id: int,
            user_id: Any,
            channel_id: Any,
            *,
            self_mute: bool | None = None,
            self_deaf: bool | None = None,
            self_video: bool | None = None,
        ) -> Obj | None: ...
