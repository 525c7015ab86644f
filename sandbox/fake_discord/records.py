"""The stand-in's records: payload dicts, what it recorded, its errors, and small helpers."""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from typing import Any

THREAD_TYPES = (10, 11, 12)
ARCHIVE_DURATIONS = (60, 1440, 4320, 10080)  # minutes a thread may idle before it archives
MAX_ACTIVE_THREADS = 1000  # per guild
VOICE_TYPES = (2, 13)  # voice, stage
TEXTLIKE_TYPES = (0, 5, 10, 11, 12)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def wall_clock_now() -> dt.datetime:
    """The stand-in's default ``now``: the real time (tests with a fake clock replace it)."""
    return dt.datetime.now(dt.UTC)


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


class Obj(dict[str, Any]):
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
    def user(self) -> dict[str, Any]:
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
    data: dict[str, Any]
    seq: int
    shard: int = 0  # the shard whose session it was sent on


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
    data: dict[str, Any]
    payload: dict[str, Any]  # the INTERACTION_CREATE payload as dispatched
    message_id: int | None = None  # component / modal-from-component: the message
    created: float = field(default_factory=time.monotonic)
    born: dt.datetime | None = None  # by the stand-in's ``now``: the deadlines count from here
    callback_type: int | None = None
    callback_data: dict[str, Any] | None = None
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
    match: re.Match[str]

    def arg(self, name: str) -> int:
        return int(self.match.group(name))

    @property
    def body(self) -> dict[str, Any]:
        return self.json if isinstance(self.json, dict) else {}
