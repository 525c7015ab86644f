"""Drive a running discord.py bot through the local Discord stand-in, like a user would.

The driver never imports discord: ``bot`` is duck-typed (it only reads ``bot.ws.sequence``).
Every action dispatches a gateway event and then ``settle()``s, a barrier that waits until the
bot has received the event and every task it started has finished.

Use it through ``sandbox.harness.run_bot``. A fixture for ``tests/conftest.py`` (owned by the
lead) could look like::

    import pytest
    from sandbox.fake_discord import FakeDiscord
    from sandbox.harness import run_bot

    @pytest.fixture
    async def fake():
        fake = FakeDiscord()
        await fake.start()
        yield fake
        await fake.stop()

    @pytest.fixture
    async def driver(fake):
        guild = fake.add_guild("Test")          # build state before the bot connects
        bot = build_bot(guild_ready_timeout=0.05)   # bot.py's factory
        async with run_bot(fake, bot) as d:
            yield d
        assert fake.errors == []

Then in a test::

    result = await driver.command(alice, "setup show")
    assert result.ephemeral and "cohort" in result.content
    msg = await driver.post(alice, general, "hello")
    assert driver.sent_to_channel(general.id)[-1]["content"] == "hi alice"

Voice, as a member's Discord client would do it (each dispatches VOICE_STATE_UPDATE, so the
bot's voice-state cache and ``on_voice_state_update`` follow)::

    await driver.join_voice(alice, lounge)        # connect (or move, when already connected)
    await driver.join_voice(alice, lounge, self_mute=True)   # same channel: a flag change
    await driver.leave_voice(alice)               # disconnect

``join_voice`` raises ``NotAllowed`` where the client could not connect: a channel the member
cannot see, no Connect permission there, a full channel (without Move Members), a member who is
timed out, or a channel that is not a voice channel.

Task names the barrier waits for (checked against discord.py 2.7.1): ``discord.py: <event>``
(``Client._schedule_event``), ``CommandTree-invoker`` (app command dispatch),
``discord-ui-view-dispatch-*`` / ``discord-ui-modal-dispatch-*`` / ``discord-ui-dynamic-item-*``
(views and modals), and ``kindred:*`` (name the bot's own background tasks like that to have
the barrier wait for them). Long-lived loops (``discord.ext.tasks``) are not waited for.

The driver is split in three modules, one class building on the other: ``driver_base.py`` (the
barrier, ``InteractionResult``, the member checks), ``driver_interactions.py`` (commands,
components, modals, autocomplete) and this one (messages, voice, reading back, admin changes).
Import everything from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sandbox.driver_base import (
    SETTLE_TASK_PREFIXES,
    CommandHidden,
    InteractionResult,
    NotAllowed,
)
from sandbox.driver_interactions import InteractionsDriver
from sandbox.fake_discord import (
    VOICE_TYPES,
    Member,
    Obj,
    Perm,
    _id_of,
    parse_iso,
)


class Driver(InteractionsDriver):
    """See the module docstring. The barrier and helpers are in ``sandbox.driver_base``, the
    interactions in ``sandbox.driver_interactions``."""

    # ---------------------------------------------------------------- messages

    async def post(
        self,
        member: Any,
        channel: Any,
        content: str,
        reply_to: Any = None,
        attachments: Iterable[Any] | None = None,
        *,
        check: bool = True,
    ) -> Obj:
        """``member`` posts ``content`` in ``channel``; returns the message dict.

        ``attachments``: ``[(filename, bytes)]``. ``check=False`` skips the "could the member
        post there" check (timeouts, channel permissions).
        """
        ch = self._channel(channel)
        m = self._member(member, int(ch["guild_id"]) if ch.get("guild_id") else None)
        if check:
            self._check_can_post(m, ch)
        reference = None
        if reply_to is not None:
            reference = {"message_id": str(_id_of(reply_to)), "channel_id": str(ch.id)}
        msg = self.fake.create_message(
            ch.id,
            m.user,
            content,
            attachments=self._attachments(ch.id, attachments),
            reference=reference,
        )
        await self.settle()
        return msg

    async def post_through_automod(self, member: Any, channel: Any, content: str) -> Obj | None:
        """``member`` posts ``content`` with the server's AutoMod rules applied, as Discord
        does: a rule that blocks stops the message (returns None) and the bot gets an
        AUTO_MODERATION_ACTION_EXECUTION per action instead of MESSAGE_CREATE; otherwise the
        message is posted (and a rule that only alerts also sends its executions)."""
        ch = self._channel(channel)
        m = self._member(member, int(ch["guild_id"]) if ch.get("guild_id") else None)
        self._check_can_post(m, ch)
        msg = self.fake.send_through_automod(ch.id, m.user, content)
        await self.settle()
        return msg

    async def edit(self, message: Any, new_content: str) -> Obj:
        """The author edits their message (MESSAGE_UPDATE)."""
        msg = self.fake.edit_message(_id_of(message), {"content": new_content})
        await self.settle()
        return msg

    async def delete(self, message: Any) -> None:
        """The author (or a moderator) deletes a message (MESSAGE_DELETE)."""
        self.fake.delete_message(_id_of(message))
        await self.settle()

    async def dm(self, member: Any, content: str, attachments: Iterable[Any] | None = None) -> Obj:
        """``member`` sends the bot a DM."""
        m = self._member(member)
        channel = self.fake.ensure_dm_channel(m.id)
        msg = self.fake.create_message(
            channel.id, m.user, content, attachments=self._attachments(channel.id, attachments)
        )
        await self.settle()
        return msg

    # ---------------------------------------------------------------- voice

    def _check_can_connect(self, member: Member, channel: Obj) -> None:
        if channel["type"] not in VOICE_TYPES:
            raise NotAllowed(f"#{channel['name']} is not a voice channel")
        until = member.get("communication_disabled_until")
        if until and parse_iso(until) > self.fake.now():  # timed out: no voice either
            raise NotAllowed(f"{member.name} is timed out until {until}")
        perms = self.fake.permissions_in(channel.id, member.id)
        if not perms & Perm.VIEW_CHANNEL:
            raise NotAllowed(f"{member.name} cannot see voice channel #{channel['name']}")
        if not perms & Perm.CONNECT:
            raise NotAllowed(f"{member.name} may not connect to #{channel['name']}")
        limit = int(channel.get("user_limit") or 0)
        inside = self.fake.in_voice(channel.id) - {member.id}
        if limit and len(inside) >= limit and not perms & Perm.MOVE_MEMBERS:
            raise NotAllowed(f"#{channel['name']} is full ({limit})")

    async def join_voice(
        self,
        member: Any,
        channel: Any,
        *,
        self_mute: bool | None = None,
        self_deaf: bool | None = None,
        check: bool = True,
    ) -> Obj:
        """``member`` connects to voice ``channel`` (moves there when already in another one;
        in the same one, only the flags change). Returns the voice state dict.

        Raises ``NotAllowed`` where Discord's client could not connect (see the module
        docstring); ``check=False`` skips that, e.g. for staff dragging someone in.
        """
        ch = self._channel(channel)
        m = self._member(member, int(ch["guild_id"]) if ch.get("guild_id") else None)
        if check:
            self._check_can_connect(m, ch)
        elif ch["type"] not in VOICE_TYPES:
            raise NotAllowed(f"#{ch['name']} is not a voice channel")
        state = self.fake.set_voice_state(
            m.guild_id, m.id, ch.id, self_mute=self_mute, self_deaf=self_deaf
        )
        await self.settle()
        assert state is not None
        return state

    async def leave_voice(self, member: Any, guild: Any = None) -> None:
        """``member`` disconnects from voice (nothing happens if they were not connected)."""
        m = self._member(member, _id_of(guild) if guild is not None else None)
        self.fake.set_voice_state(m.guild_id, m.id, None)
        await self.settle()

    # ---------------------------------------------------------------- reading what the bot did

    def sent_to_channel(self, channel: Any) -> list[Obj]:
        """Messages the bot posted (by REST or as public interaction responses) in a channel."""
        bot_id = self.fake.bot_user["id"]
        return [m for m in self.fake.messages_in(_id_of(channel)) if m["author"]["id"] == bot_id]

    def dms_to(self, member: Any) -> list[Obj]:
        """Messages the bot sent to the member by DM."""
        return self.fake.dm_messages_to(_id_of(member))

    # ---------------------------------------------------------------- state changes by "admins"

    async def add_member(self, guild_id: int, username: str, roles: Iterable[Any] = ()) -> Member:
        """A member joins (GUILD_MEMBER_ADD) and the bot settles."""
        member = self.fake.add_member(guild_id, username, roles)
        await self.settle()
        return member

    async def set_roles(self, member: Member, role_ids: Iterable[Any]) -> Member:
        updated = self.fake.set_member_roles(member.guild_id, member.id, role_ids)
        await self.settle()
        return updated


__all__ = ["SETTLE_TASK_PREFIXES", "CommandHidden", "Driver", "InteractionResult", "NotAllowed"]
