"""Fakes of the lanes' ports, for service tests (real SQLite, FakeClock, no Discord).

``FakeMessenger`` stands in for the crisis lane's ``CrisisOutbox``: it knows a few servers,
channels, roles and people, records every delivery with its result, and can be told that a
person's DMs are closed (a refusal), that their DMs fail (Discord did not answer), or that
posts in a channel fail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import count
from types import SimpleNamespace

from cogs.crisis.ports import Server
from cogs.utils.delivery import Delivery
from db.models import CrisisCase


@dataclass(frozen=True)
class Sent:
    """One delivery attempt and how it went.

    ``kind``: dm, alert, escalation, reminder, thread, relay or edit; ``to``: the person (dm) or the
    channel (everything else).
    """

    kind: str
    to: int
    text: str
    status: str
    pings: tuple[int, ...] = ()
    case: CrisisCase | None = None
    group: str | None = None


@dataclass
class FakeMessenger:
    """A ``CrisisOutbox`` with no Discord: servers, channels and people are plain ids."""

    servers: dict[int, Server] = field(default_factory=dict)
    text_channels: set[int] = field(default_factory=set)
    roles: dict[int, list[int]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)  # the people Discord knows
    member_of: dict[int, set[int]] = field(default_factory=dict)  # guild -> member ids
    closed_dms: set[int] = field(default_factory=set)
    failing_dms: set[int] = field(default_factory=set)
    failing_channels: set[int] = field(default_factory=set)
    unlisted_roles: set[int] = field(default_factory=set)  # whose holders Discord did not list
    sent: list[Sent] = field(default_factory=list)
    threads: dict[int, int] = field(default_factory=dict)  # case id -> its relay thread
    _ids: count[int] = field(default_factory=lambda: count(9000))

    # --- set-up -------------------------------------------------------------------------------

    def add_server(
        self,
        guild_id: int,
        *,
        owner_id: int,
        channels: Sequence[int] = (),
        roles: dict[int, list[int]] | None = None,
        people: dict[int, str] | None = None,
        name: str = "MS Circle",
    ) -> None:
        """A server with text channels, roles (role id -> holders) and named people."""
        self.servers[guild_id] = Server(guild_id, name, owner_id)
        self.text_channels.update(channels)
        self.roles.update(roles or {})
        self.names.update(people or {})
        self.member_of.setdefault(guild_id, set()).update((people or {}).keys())

    def close_dms(self, user_id: int) -> None:
        """The person refuses DMs from the bot (403)."""
        self.closed_dms.add(user_id)

    def fail_dms(self, user_id: int) -> None:
        """DMs to the person fail after every retry (Discord does not answer)."""
        self.failing_dms.add(user_id)

    def fail_posts(self, channel_id: int) -> None:
        """Every post in the channel fails (no access)."""
        self.failing_channels.add(channel_id)

    # --- what the tests read ------------------------------------------------------------------

    def dms_to(self, user_id: int) -> list[str]:
        """The DMs that reached the person."""
        return [
            s.text for s in self.sent if s.kind == "dm" and s.to == user_id and s.status == "sent"
        ]

    def delivered(self, kind: str) -> list[Sent]:
        """Deliveries of one kind that went out."""
        return [s for s in self.sent if s.kind == kind and s.status == "sent"]

    # --- CrisisOutbox -------------------------------------------------------------------------

    async def server(self, guild_id: int) -> Server | None:
        return self.servers.get(guild_id)

    def home_guild(self, user_id: int) -> int | None:
        return next((g for g, members in self.member_of.items() if user_id in members), None)

    async def find_member(self, user_id: int, guild_ids: Sequence[int]) -> int | None:
        return None  # every server is "held" here: home_guild has looked already

    def is_text_channel(self, guild_id: int, channel_id: int) -> bool:
        return guild_id in self.servers and channel_id in self.text_channels

    async def role_holders(self, guild_id: int, role_id: int) -> list[int] | None:
        if role_id in self.unlisted_roles:
            return None  # as when Discord does not list a server another process holds
        return list(self.roles.get(role_id, []))

    async def owner(self, guild_id: int, *, look_up: bool) -> int | None:
        server = self.servers.get(guild_id)
        return None if server is None else server.owner_id

    async def member_name(self, guild_id: int | None, user_id: int) -> str | None:
        return self.names.get(user_id)

    async def dm(self, user_id: int, text: str) -> Delivery:
        if user_id not in self.names:
            result = Delivery("failed", error="unknown user")
        elif user_id in self.closed_dms:
            result = Delivery("closed", error="403 Forbidden")
        elif user_id in self.failing_dms:
            result = Delivery("failed", error="DeliveryFailed")
        else:
            result = self._sent()
        self.sent.append(Sent("dm", user_id, text, result.status))
        return result

    async def offer_talk(self, user_id: int, text: str) -> Delivery:
        result = await self.dm(user_id, text)
        self.sent.append(Sent("offer", user_id, text, result.status))
        return result

    async def member_dm(self, user_id: int, text: str, guild_id: int | None) -> Delivery:
        return await self.dm(user_id, text)

    async def post_alert(
        self,
        case: CrisisCase,
        channel_id: int,
        content: str,
        ping_role_id: int | None,
        group: str | None,
    ) -> Delivery:
        pings = (ping_role_id,) if ping_role_id else ()
        return self._post("alert", channel_id, content, pings, case=case, group=group)

    async def post_escalation(
        self, channel_id: int, text: str, role_ids: Sequence[int]
    ) -> Delivery:
        return self._post("escalation", channel_id, text, tuple(role_ids))

    async def post_reminder(self, channel_id: int, text: str, user_id: int) -> Delivery:
        return self._post("reminder", channel_id, text, (user_id,))

    async def refresh_alert(self, case: CrisisCase, group: str | None) -> None:
        self.sent.append(
            Sent("edit", case.alert_channel_id or 0, case.status, "sent", case=case, group=group)
        )

    async def private_thread(
        self, guild_id: int, channel_id: int, user_id: int, name: str, text: str, reason: str
    ) -> Delivery | None:
        if channel_id not in self.text_channels or user_id not in self.names:
            return None
        return self._post("thread", channel_id, text, (user_id,))

    async def relay_post(
        self, case: CrisisCase, channel_id: int | None, text: str, *, with_reply: bool = False
    ) -> tuple[Delivery, int | None]:
        thread = case.relay_channel_id or self.threads.get(case.id)
        if thread is None:
            if channel_id is None or channel_id in self.failing_channels:
                self.sent.append(Sent("relay", channel_id or 0, text, "closed", case=case))
                return Delivery("closed", error="403 Forbidden"), None
            thread = self.threads[case.id] = next(self._ids)
        return self._post("relay", thread, text, (), case=case), thread

    def relayed(self, thread_id: int | None = None) -> list[str]:
        """What was posted in case threads (one thread, or all)."""
        return [s.text for s in self.delivered("relay") if thread_id in (None, s.to)]

    # --- helpers ------------------------------------------------------------------------------

    def _post(
        self,
        kind: str,
        channel_id: int,
        text: str,
        pings: tuple[int, ...],
        *,
        case: CrisisCase | None = None,
        group: str | None = None,
    ) -> Delivery:
        if channel_id in self.failing_channels:
            result = Delivery("closed", error="403 Forbidden")
        else:
            result = self._sent()
        self.sent.append(Sent(kind, channel_id, text, result.status, pings, case, group))
        return result

    def _sent(self) -> Delivery:
        return Delivery("sent", message=SimpleNamespace(id=next(self._ids)))
