"""The driver's base: the barrier (``settle``), what an interaction returns, and the checks
a member's Discord client would make. ``sandbox.driver`` builds on it; import from there."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sandbox.fake_discord import (
    FakeDiscord,
    InteractionRecord,
    Member,
    Obj,
    Perm,
    RecordedFile,
    _id_of,
    _modal_inputs_of,
    parse_iso,
)

SETTLE_TASK_PREFIXES: tuple[str, ...] = (
    "discord.py: ",
    "CommandTree-invoker",
    "discord-ui-view-dispatch-",
    "discord-ui-modal-dispatch-",
    "discord-ui-dynamic-item-",
    "kindred:",
)


class CommandHidden(Exception):
    """Discord would not show this command to the member (default_member_permissions / context)."""


class NotAllowed(Exception):
    """The member could not do this in the Discord client (timed out, cannot see the channel...)."""


class InteractionResult:
    """Everything the bot sent for one interaction (read live from the fake's state).

    - ``callback_type``: 4 message, 5 deferred (thinking), 6 deferred update, 7 update message,
      8 autocomplete, 9 modal; None if the bot never answered.
    - ``messages``: the response messages (original + follow-ups), current state, in order.
    - ``message``: the final visible response: the message the bot touched last (created or
      edited), or None. ``content``, ``embeds``, ``components``, ``ephemeral`` read from it.
    - ``modal``: ``{"custom_id", "title", "inputs": [{"custom_id", "label", "style", "required",
      "min_length", "max_length", "value", "placeholder", "type"}]}`` if a modal was opened.
    """

    def __init__(self, fake: FakeDiscord, record: InteractionRecord) -> None:
        self.fake = fake
        self.record = record

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def callback_type(self) -> int | None:
        return self.record.callback_type

    @property
    def acknowledged(self) -> bool:
        return self.record.acknowledged

    @property
    def deferred(self) -> bool:
        return self.record.callback_type in (5, 6)

    @property
    def original(self) -> Obj | None:
        mid = self.record.original_message_id
        return self.fake._messages.get(mid) if mid is not None else None

    @property
    def followups(self) -> list[Obj]:
        return [self.fake._messages[m] for m in self.record.followup_ids]

    @property
    def messages(self) -> list[Obj]:
        ids: list[int] = []
        if self.record.callback_type in (4, 5, 7) and self.record.original_message_id is not None:
            ids.append(self.record.original_message_id)
        elif self.record.callback_type == 6 and any(a == "edit" for a, _ in self.record.log):
            original = self.record.original_message_id
            assert original is not None, "an edit after a deferred update has an original message"
            ids.append(original)
        ids.extend(self.record.followup_ids)
        return [self.fake._messages[m] for m in ids if m not in self.fake.deleted_message_ids]

    @property
    def message(self) -> Obj | None:
        for action, mid in reversed(self.record.log):
            if mid is None or mid in self.fake.deleted_message_ids:
                continue
            if action in ("create", "edit", "followup"):
                return self.fake._messages[mid]
        return None

    @property
    def content(self) -> str | None:
        msg = self.message
        return msg["content"] if msg is not None else None

    @property
    def embeds(self) -> list[dict[str, Any]]:
        msg = self.message
        return list(msg["embeds"]) if msg is not None else []

    @property
    def components(self) -> list[dict[str, Any]]:
        msg = self.message
        return list(msg["components"]) if msg is not None else []

    @property
    def ephemeral(self) -> bool:
        msg = self.message
        return bool(int(msg["flags"]) & 64) if msg is not None else False

    @property
    def text(self) -> str:
        """Content plus embed titles/descriptions/fields of all response messages (for asserts)."""
        parts: list[str] = []
        for msg in self.messages:
            parts.append(msg["content"])
            for e in msg["embeds"]:
                parts.extend(str(e.get(k) or "") for k in ("title", "description"))
                for f in e.get("fields") or []:
                    parts.extend((str(f.get("name")), str(f.get("value"))))
                parts.append(str((e.get("footer") or {}).get("text") or ""))
        return "\n".join(p for p in parts if p)

    @property
    def modal(self) -> dict[str, Any] | None:
        if self.record.callback_type != 9 or self.record.callback_data is None:
            return None
        data = self.record.callback_data
        inputs = []
        for comp in data.get("components") or []:
            for inp in _modal_inputs_of(comp):
                inputs.append(
                    {
                        "custom_id": inp.get("custom_id"),
                        "label": inp.get("label") or comp.get("label"),
                        "type": inp.get("type"),
                        "style": inp.get("style"),
                        "required": inp.get("required", True),
                        "min_length": inp.get("min_length"),
                        "max_length": inp.get("max_length"),
                        "value": inp.get("value"),
                        "placeholder": inp.get("placeholder"),
                    }
                )
        return {"custom_id": data.get("custom_id"), "title": data.get("title"), "inputs": inputs}

    def buttons(self) -> list[dict[str, Any]]:
        """All buttons of the final message (flattened)."""
        return [c for c in _walk_components(self.components) if c.get("type") == 2]

    def __repr__(self) -> str:
        return (
            f"<InteractionResult id={self.id} callback={self.callback_type} "
            f"ephemeral={self.ephemeral} content={self.content!r}>"
        )


def _walk_components(components: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for c in components:
        yield c
        yield from _walk_components(c.get("components") or [])
        if c.get("component"):
            yield from _walk_components([c["component"]])
        if c.get("accessory"):
            yield from _walk_components([c["accessory"]])


class DriverBase:
    """The state and barrier every part of the driver uses (see ``sandbox.driver``)."""

    def __init__(
        self,
        fake: FakeDiscord,
        bot: Any,
        *,
        task_prefixes: Sequence[str] = SETTLE_TASK_PREFIXES,
    ) -> None:
        self.fake = fake
        self.settle_timeout = 5.0
        self.bot = bot
        self.task_prefixes = tuple(task_prefixes)
        self.logged_errors: list[Any] = []  # filled by the harness (logging records at ERROR)

    # ---------------------------------------------------------------- barrier

    def _pending_tasks(self) -> list[asyncio.Task[Any]]:
        current = asyncio.current_task()
        return [
            t
            for t in asyncio.all_tasks()
            if t is not current and not t.done() and t.get_name().startswith(self.task_prefixes)
        ]

    def _bot_sequence(self) -> int:
        ws = getattr(self.bot, "ws", None)
        return int(getattr(ws, "sequence", 0) or 0) if ws is not None else 0

    def _behind(self) -> tuple[int, int]:
        """(seen, sent): the bot's gateway sequence against the fake's, summed over the shards
        the bot runs (a sharded client has one session per shard, and no ``bot.ws``)."""
        shards = getattr(self.bot, "shards", None)  # AutoShardedClient: {id: ShardInfo}
        if not isinstance(shards, dict):
            return self._bot_sequence(), self.fake.last_sequence
        seen = sent = 0
        for shard_id, info in shards.items():
            ws = getattr(getattr(info, "_parent", None), "ws", None)
            seen += int(getattr(ws, "sequence", 0) or 0)
            sent += self.fake.shard_sequence(shard_id)
        return seen, sent

    async def settle(self, timeout: float | None = None) -> None:  # noqa: ASYNC109
        """Wait until the bot processed every dispatch and its handler tasks are done
        (``timeout`` defaults to ``self.settle_timeout``: longer under real rate limits)."""
        loop = asyncio.get_running_loop()
        timeout = self.settle_timeout if timeout is None else timeout
        deadline = loop.time() + timeout
        quiet = 0
        spins = 0
        while True:
            seen, target = self._behind()
            pending = self._pending_tasks()
            busy = seen < target or pending or self.fake.inflight_requests
            if not busy:
                quiet += 1
                if quiet >= 3:
                    return
            else:
                quiet = 0
            if loop.time() > deadline:
                names = sorted(t.get_name() for t in pending)
                raise TimeoutError(
                    f"bot did not settle within {timeout}s: gateway seq {seen}/{target}, "
                    f"{self.fake.inflight_requests} REST request(s) in flight, pending tasks {names}"
                )
            spins += 1
            # yield to the loop; after a burst of spins, let the selector wait a moment
            await asyncio.sleep(0 if spins % 20 else 0.001)

    # ---------------------------------------------------------------- helpers

    def _member(self, member: Any, guild_id: int | None = None) -> Member:
        if isinstance(member, Member):
            return member
        uid = _id_of(member)
        guilds = [self.fake.guild(guild_id)] if guild_id else list(self.fake.guilds.values())
        for g in guilds:
            if uid in g.members:
                return g.members[uid]
        raise KeyError(f"user {uid} is not a member of any guild")

    def _channel(self, channel: Any) -> Obj:
        return self.fake.channel(_id_of(channel))

    def _default_channel(self, guild_id: int, member: Member) -> Obj:
        for c in self.fake.channels_in(guild_id, type=0):
            if self.fake.can_view(c.id, member.id):
                return c
        raise LookupError(f"no text channel visible to {member.name} in guild {guild_id}")

    def _check_can_post(self, member: Member, channel: Obj) -> None:
        if channel.get("guild_id") is None:
            return
        until = member.get("communication_disabled_until")
        if until and parse_iso(until) > dt.datetime.now(dt.UTC):
            raise NotAllowed(f"{member.name} is timed out until {until}")
        perms = self.fake.permissions_in(channel.id, member.id)
        needed = Perm.VIEW_CHANNEL | (
            Perm.SEND_MESSAGES_IN_THREADS if channel["type"] in (10, 11, 12) else Perm.SEND_MESSAGES
        )
        if perms & needed != needed:
            raise NotAllowed(f"{member.name} cannot post in #{channel['name']}")
        if (
            channel["type"] == 12
            and member.id not in self.fake.thread_members.get(channel.id, set())
            and not perms & Perm.MANAGE_THREADS
        ):
            raise NotAllowed(f"{member.name} is not in private thread #{channel['name']}")

    def _attachments(
        self, channel_id: int, attachments: Iterable[Any] | None
    ) -> list[dict[str, Any]]:
        result = []
        for att in attachments or []:
            if isinstance(att, tuple):
                filename, data = att[0], att[1]
            else:
                filename, data = att["filename"], att["data"]
            if isinstance(data, str):
                data = data.encode()
            f = RecordedFile("files[0]", filename, None, bytes(data))
            result.append(self.fake._attachment_payload(channel_id, f, None))
        return result
