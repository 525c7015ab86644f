"""The crisis lane's port to Discord: what ``CrisisService`` asks, in ids (no discord).

The bot's adapter is ``_outbox.py`` (over the ``Messenger``); tests use ``tests.fakes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from db.models import CrisisCase

if TYPE_CHECKING:
    from cogs.utils.delivery import Delivery


class OutboxMissing(RuntimeError):
    """A crisis step ran before the Discord adapter was attached: the job retries."""


@dataclass(frozen=True)
class Server:
    """What the lane needs to know of a server: its name (for DMs) and its owner."""

    id: int
    name: str
    owner_id: int | None


class CrisisOutbox(Protocol):
    """What the crisis lane asks of Discord: ids in, ``Delivery`` (sent|closed|failed) out."""

    async def server(self, guild_id: int) -> Server | None:
        """The server, or None when it is not available (yet). A server another process holds
        (its shard is not one of this process's) is read from Discord."""

    def home_guild(self, user_id: int) -> int | None:
        """For a DM: the first server this process holds that the member is in (its cache)."""

    async def find_member(self, user_id: int, guild_ids: Sequence[int]) -> int | None:
        """The first of ``guild_ids`` held by another process that the member is in, asked of
        Discord; the servers this process holds are skipped (``home_guild`` looked there)."""

    def is_text_channel(self, guild_id: int, channel_id: int) -> bool:
        """Whether the server has this channel and it is a text channel."""

    async def role_holders(self, guild_id: int, role_id: int) -> list[int] | None:
        """The people (not bots) who hold the role; empty when the role is gone. A server
        another process holds is asked of Discord (its members are not cached here): None
        when Discord could not list them, so the step says why it reached nobody."""

    async def owner(self, guild_id: int, *, look_up: bool) -> int | None:
        """The owner's id when they are cached, or (``look_up``) could be fetched; for a
        server another process holds, the owner Discord named when the server was read."""

    async def member_name(self, guild_id: int | None, user_id: int) -> str | None:
        """What to call the member (their server name); None when they cannot be found."""

    async def dm(self, user_id: int, text: str) -> Delivery:
        """DM a person."""

    async def offer_talk(self, user_id: int, text: str) -> Delivery:
        """DM a person ``text`` with a "Talk to the team" button."""

    async def member_dm(self, user_id: int, text: str, guild_id: int | None) -> Delivery:
        """The member's private message, with a "More ways to get help" button under it.

        ``guild_id``: the server whose country picks the lines behind the button (the
        member's own choice comes first, as in ``/resources``).
        """

    async def post_alert(
        self,
        case: CrisisCase,
        channel_id: int,
        content: str,
        ping_role_id: int | None,
        group: str | None,
    ) -> Delivery:
        """Post the case's alert (embed and buttons), pinging only ``ping_role_id``."""

    async def post_escalation(
        self, channel_id: int, text: str, role_ids: Sequence[int]
    ) -> Delivery:
        """Post an escalation in the staff channel, pinging the roles given."""

    async def post_reminder(self, channel_id: int, text: str, user_id: int) -> Delivery:
        """Post a follow-up reminder in the staff channel, pinging the one moderator."""

    async def refresh_alert(self, case: CrisisCase, group: str | None) -> None:
        """Show the case's status on its alert (best effort: the record is the truth)."""

    async def private_thread(
        self, guild_id: int, channel_id: int, user_id: int, name: str, text: str, reason: str
    ) -> Delivery | None:
        """A private thread for the member where they wrote; None when not possible there."""

    async def relay_post(
        self, case: CrisisCase, channel_id: int | None, text: str, *, with_reply: bool = False
    ) -> tuple[Delivery, int | None]:
        """Post in the case's relay thread; make it under ``channel_id`` (the staff channel)
        when the case has none yet: a private thread, else a public one there (the staff
        channel is staff-only either way). ``with_reply``: under it, a Reply button for moderators.
        Returns how it went and the thread's id."""
