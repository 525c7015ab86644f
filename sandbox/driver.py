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
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sandbox.fake_discord import (
    VOICE_TYPES,
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

OPTION_TYPES = {
    1: "subcommand",
    2: "group",
    3: "string",
    4: "integer",
    5: "boolean",
    6: "user",
    7: "channel",
    8: "role",
    9: "mentionable",
    10: "number",
    11: "attachment",
}


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
            ids.append(self.record.original_message_id)  # type: ignore[arg-type]
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
    def embeds(self) -> list[dict]:
        msg = self.message
        return list(msg["embeds"]) if msg is not None else []

    @property
    def components(self) -> list[dict]:
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
    def modal(self) -> dict | None:
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

    def buttons(self) -> list[dict]:
        """All buttons of the final message (flattened)."""
        return [c for c in _walk_components(self.components) if c.get("type") == 2]

    def __repr__(self) -> str:
        return (
            f"<InteractionResult id={self.id} callback={self.callback_type} "
            f"ephemeral={self.ephemeral} content={self.content!r}>"
        )


def _walk_components(components: Iterable[dict]) -> Iterable[dict]:
    for c in components:
        yield c
        yield from _walk_components(c.get("components") or [])
        if c.get("component"):
            yield from _walk_components([c["component"]])
        if c.get("accessory"):
            yield from _walk_components([c["accessory"]])


class Driver:
    """See the module docstring."""

    def __init__(
        self,
        fake: FakeDiscord,
        bot: Any,
        *,
        task_prefixes: Sequence[str] = SETTLE_TASK_PREFIXES,
    ) -> None:
        self.fake = fake
        self.bot = bot
        self.task_prefixes = tuple(task_prefixes)
        self.logged_errors: list[Any] = []  # filled by the harness (logging records at ERROR)

    # ---------------------------------------------------------------- barrier

    def _pending_tasks(self) -> list[asyncio.Task]:
        current = asyncio.current_task()
        return [
            t
            for t in asyncio.all_tasks()
            if t is not current and not t.done() and t.get_name().startswith(self.task_prefixes)
        ]

    def _bot_sequence(self) -> int:
        ws = getattr(self.bot, "ws", None)
        return int(getattr(ws, "sequence", 0) or 0) if ws is not None else 0

    async def settle(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until the bot processed every dispatch and its handler tasks are done."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        quiet = 0
        spins = 0
        while True:
            target = self.fake.last_sequence
            seen = self._bot_sequence()
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

    def _attachments(self, channel_id: int, attachments: Iterable[Any] | None) -> list[dict]:
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

    # ---------------------------------------------------------------- interactions

    async def _run_interaction(self, record: InteractionRecord) -> InteractionResult:
        self.fake.dispatch("INTERACTION_CREATE", record.payload)
        await self.settle()
        return InteractionResult(self.fake, record)

    def _resolve_context(
        self, member: Any, channel: Any, guild: Any, dm: bool
    ) -> tuple[Member | dict, Obj]:
        if dm:
            m = self._member(member)
            return m, self.fake.ensure_dm_channel(m.id)
        if channel is not None:
            ch = self._channel(channel)
            if ch.get("guild_id") is None:
                uid = _id_of(member)
                return self._member(member) if not isinstance(member, int) else {"id": uid}, ch
            return self._member(member, int(ch["guild_id"])), ch
        gid = _id_of(guild) if guild is not None else None
        m = self._member(member, gid)
        return m, self._default_channel(gid or m.guild_id, m)

    def _check_visible(self, cmd: Obj, member: Member, channel: Obj, bypass: bool) -> None:
        in_dm = channel.get("guild_id") is None
        contexts = cmd.get("contexts")
        if in_dm:
            if (
                cmd.get("guild_id")
                or cmd.get("dm_permission") is False
                or (contexts and 1 not in contexts)
            ):
                raise CommandHidden(f"/{cmd['name']} is not available in DMs")
            return
        if contexts and 0 not in contexts:
            raise CommandHidden(f"/{cmd['name']} is not available in servers")
        required = cmd.get("default_member_permissions")
        if required is None or bypass:
            return
        required = int(required)
        perms = self.fake.permissions_in(channel.id, member.id)
        if (required == 0 and perms != Perm.ALL) or perms & required != required:
            raise CommandHidden(
                f"/{cmd['name']} needs permissions {required} (default_member_permissions); "
                f"{member.name} has {perms}. Pass bypass_default_permissions=True to simulate an "
                "admin granting it in Server Settings > Integrations."
            )

    def _find_command(self, name: str, guild_id: int | None, ctype: int) -> Obj:
        cmd = self.fake.find_command(name, guild_id, type=ctype)
        if cmd is None:
            known = sorted(
                {
                    c["name"]
                    for c in self.fake.commands(None)
                    + (self.fake.commands(guild_id) if guild_id else [])
                }
            )
            raise LookupError(f"no synced command {name!r} (type {ctype}); synced: {known}")
        return cmd

    def _option_value(
        self, spec: dict, value: Any, resolved: dict, guild_id: int | None, channel_id: int
    ) -> Any:
        otype = spec["type"]
        name = spec["name"]
        if otype == 3:
            value = str(value)
            if spec.get("max_length") is not None and len(value) > spec["max_length"]:
                raise ValueError(f"option {name}: longer than max_length {spec['max_length']}")
            if spec.get("min_length") is not None and len(value) < spec["min_length"]:
                raise ValueError(f"option {name}: shorter than min_length {spec['min_length']}")
        elif otype == 4:
            value = int(value)
        elif otype == 10:
            value = float(value)
        elif otype == 5:
            value = bool(value)
        elif otype in (6, 9) and not (
            otype == 9 and guild_id and _id_of(value) in self.fake.guild(guild_id).roles
        ):
            uid = _id_of(value)
            user = self.fake.users[uid]
            resolved.setdefault("users", {})[str(uid)] = user
            if guild_id and uid in self.fake.guild(guild_id).members:
                member = self.fake._interaction_member(
                    self.fake.guild(guild_id), self.fake.guild(guild_id).members[uid], channel_id
                )
                member.pop("user")
                resolved.setdefault("members", {})[str(uid)] = member
            value = str(uid)
        elif otype in (8, 9):
            rid = _id_of(value)
            assert guild_id is not None
            resolved.setdefault("roles", {})[str(rid)] = dict(self.fake.role(guild_id, rid))
            value = str(rid)
        elif otype == 7:
            ch = self._channel(value)
            types = spec.get("channel_types")
            if types and ch["type"] not in types:
                raise ValueError(f"option {name}: channel type {ch['type']} not in {types}")
            data = {k: v for k, v in ch.items() if k != "permission_overwrites"}
            data["permissions"] = str(self.fake.permissions_in(ch.id, self.fake.bot_user_id))
            resolved.setdefault("channels", {})[ch["id"]] = data
            value = ch["id"]
        elif otype == 11:
            filename, content = (
                (value[0], value[1])
                if isinstance(value, tuple)
                else (value["filename"], value["data"])
            )
            if isinstance(content, str):
                content = content.encode()
            att = self.fake._attachment_payload(
                channel_id, RecordedFile("files[0]", filename, None, content), None
            )
            resolved.setdefault("attachments", {})[att["id"]] = att
            value = att["id"]
        else:
            raise ValueError(f"option {name}: unsupported type {otype}")
        choices = spec.get("choices")
        if choices and value not in [c["value"] for c in choices]:
            raise ValueError(f"option {name}: {value!r} is not one of the choices {choices}")
        if otype in (4, 10):
            if spec.get("min_value") is not None and value < spec["min_value"]:
                raise ValueError(f"option {name}: below min_value {spec['min_value']}")
            if spec.get("max_value") is not None and value > spec["max_value"]:
                raise ValueError(f"option {name}: above max_value {spec['max_value']}")
        return value

    def _build_options(
        self,
        specs: list[dict],
        given: dict[str, Any],
        resolved: dict,
        guild_id: int | None,
        channel_id: int,
        where: str,
    ) -> list[dict]:
        by_name = {s["name"]: s for s in specs}
        unknown = set(given) - set(by_name)
        if unknown:
            raise ValueError(
                f"{where}: unknown option(s) {sorted(unknown)}; synced: {sorted(by_name)}"
            )
        result = []
        for spec in specs:
            if spec["name"] not in given or given[spec["name"]] is None:
                if spec.get("required"):
                    raise ValueError(f"{where}: required option {spec['name']!r} missing")
                continue
            value = self._option_value(spec, given[spec["name"]], resolved, guild_id, channel_id)
            result.append({"name": spec["name"], "type": spec["type"], "value": value})
        return result

    async def command(
        self,
        member: Any,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        channel: Any = None,
        guild: Any = None,
        dm: bool = False,
        bypass_default_permissions: bool = False,
        locale: str = "en-US",
    ) -> InteractionResult:
        """Run a slash command: ``await d.command(alice, "setup show", {"week": 2})``.

        ``name`` is the full path ("group sub command"). Options are checked and converted with
        the synced option types (users/members/roles/channels may be given as payload objects
        or ids; attachments as ``(filename, bytes)``).
        """
        m, ch = self._resolve_context(member, channel, guild, dm)
        guild_id = int(ch["guild_id"]) if ch.get("guild_id") else None
        parts = name.split()
        cmd = self._find_command(parts[0], guild_id, 1)
        if isinstance(m, Member):
            self._check_visible(cmd, m, ch, bypass_default_permissions)
        resolved: dict[str, Any] = {}
        given = dict(options or {})
        specs = cmd.get("options") or []
        path = [parts[0]]
        chain: list[dict] = []
        for part in parts[1:]:
            sub = next((s for s in specs if s["name"] == part and s["type"] in (1, 2)), None)
            if sub is None:
                raise LookupError(f"/{' '.join(path)} has no subcommand {part!r}")
            chain.append({"name": part, "type": sub["type"]})
            specs = sub.get("options") or []
            path.append(part)
        if any(s["type"] in (1, 2) for s in specs):
            raise LookupError(f"/{name} is a group; name one of {[s['name'] for s in specs]}")
        leaf = self._build_options(specs, given, resolved, guild_id, ch.id, f"/{name}")
        options_payload = leaf
        for link in reversed(chain):
            options_payload = [{**link, "options": options_payload}]
        data: dict[str, Any] = {
            "id": cmd["id"],
            "name": cmd["name"],
            "type": 1,
            "options": options_payload,
        }
        if resolved:
            data["resolved"] = resolved
        if cmd.get("guild_id"):
            data["guild_id"] = cmd["guild_id"]
        user_id = m.id if isinstance(m, Member) else _id_of(m)
        record = self.fake.new_interaction(2, user_id, ch.id, data, locale=locale)
        return await self._run_interaction(record)

    async def user_command(
        self,
        member: Any,
        name: str,
        target: Any,
        *,
        channel: Any = None,
        bypass_default_permissions: bool = False,
    ) -> InteractionResult:
        """Run a user context-menu command on ``target``."""
        m, ch = self._resolve_context(member, channel, None, False)
        assert isinstance(m, Member)
        guild = self.fake.guild(m.guild_id)
        cmd = self._find_command(name, guild.id, 2)
        self._check_visible(cmd, m, ch, bypass_default_permissions)
        tid = _id_of(target)
        resolved: dict[str, Any] = {"users": {str(tid): self.fake.users[tid]}}
        if tid in guild.members:
            tm = self.fake._interaction_member(guild, guild.members[tid], ch.id)
            tm.pop("user")
            resolved["members"] = {str(tid): tm}
        data = {
            "id": cmd["id"],
            "name": cmd["name"],
            "type": 2,
            "target_id": str(tid),
            "resolved": resolved,
        }
        if cmd.get("guild_id"):
            data["guild_id"] = cmd["guild_id"]
        record = self.fake.new_interaction(2, m.id, ch.id, data)
        return await self._run_interaction(record)

    async def message_command(
        self, member: Any, name: str, message: Any, *, bypass_default_permissions: bool = False
    ) -> InteractionResult:
        """Run a message context-menu command on ``message``."""
        msg = self.fake.message(_id_of(message))
        ch = self._channel(msg["channel_id"])
        m, _ = self._resolve_context(member, ch.id, None, False)
        assert isinstance(m, Member)
        cmd = self._find_command(name, m.guild_id, 3)
        self._check_visible(cmd, m, ch, bypass_default_permissions)
        data = {
            "id": cmd["id"],
            "name": cmd["name"],
            "type": 3,
            "target_id": msg["id"],
            "resolved": {"messages": {msg["id"]: dict(msg)}},
        }
        if cmd.get("guild_id"):
            data["guild_id"] = cmd["guild_id"]
        record = self.fake.new_interaction(2, m.id, ch.id, data)
        return await self._run_interaction(record)

    async def click(
        self,
        member: Any,
        message: Any,
        custom_id: str,
        *,
        values: Sequence[Any] | None = None,
    ) -> InteractionResult:
        """Click a button (or choose ``values`` in a select menu) on a message the bot sent.

        ``message`` may be a message dict/id or an ``InteractionResult`` (its final message).
        """
        if isinstance(message, InteractionResult):
            message = message.message
            if message is None:
                raise LookupError("that interaction produced no message to click on")
        msg = self.fake.message(_id_of(message))
        comp = next(
            (c for c in _walk_components(msg["components"]) if c.get("custom_id") == custom_id),
            None,
        )
        if comp is None:
            ids = [
                c.get("custom_id")
                for c in _walk_components(msg["components"])
                if c.get("custom_id")
            ]
            raise LookupError(f"message {msg['id']} has no component {custom_id!r}; it has {ids}")
        if comp.get("disabled"):
            raise NotAllowed(f"component {custom_id!r} is disabled")
        ch = self._channel(msg["channel_id"])
        m, _ = self._resolve_context(member, ch.id, None, False)
        uid = m.id if isinstance(m, Member) else _id_of(member)
        ctype = comp["type"]
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": ctype}
        if ctype in (3, 5, 6, 7, 8):
            chosen = list(values or [])
            lo, hi = comp.get("min_values", 1), comp.get("max_values", 1)
            if not lo <= len(chosen) <= hi:
                raise ValueError(f"select {custom_id!r} takes {lo}..{hi} values, got {len(chosen)}")
            resolved: dict[str, Any] = {}
            gid = int(ch["guild_id"]) if ch.get("guild_id") else None
            if ctype == 3:
                allowed = [o["value"] for o in comp.get("options") or []]
                bad = [v for v in chosen if v not in allowed]
                if bad:
                    raise ValueError(f"select {custom_id!r}: {bad} not among options {allowed}")
                data["values"] = [str(v) for v in chosen]
            else:
                spec_type = {5: 6, 6: 8, 7: 7, 8: 9}[ctype]
                data["values"] = [
                    str(
                        self._option_value(
                            {"type": spec_type, "name": custom_id}, v, resolved, gid, ch.id
                        )
                    )
                    for v in chosen
                ]
                data["resolved"] = resolved
        elif values:
            raise ValueError("values are only for select menus")
        record = self.fake.new_interaction(3, uid, ch.id, data, message=msg)
        return await self._run_interaction(record)

    async def submit_modal(
        self,
        member: Any,
        result_or_custom_id: InteractionResult | str,
        values: dict[str, Any],
    ) -> InteractionResult:
        """Fill in and submit a modal the bot opened. ``values``: input custom_id -> text (or a
        list of values for a select inside the modal)."""
        source: InteractionRecord | None
        if isinstance(result_or_custom_id, InteractionResult):
            source = result_or_custom_id.record
            if source.callback_type != 9:
                raise LookupError(f"interaction {source.id} did not open a modal")
        else:
            source = next(
                (
                    r
                    for r in reversed(list(self.fake.interactions.values()))
                    if r.callback_type == 9
                    and (r.callback_data or {}).get("custom_id") == result_or_custom_id
                ),
                None,
            )
            if source is None:
                raise LookupError(f"no modal with custom_id {result_or_custom_id!r} was opened")
        modal = source.callback_data or {}
        remaining = dict(values)
        components = []
        for comp in modal.get("components") or []:
            submitted = []
            for inp in _modal_inputs_of(comp):
                cid = inp["custom_id"]
                value = remaining.pop(cid, None)
                itype = inp.get("type", 4)
                if itype == 4:
                    text = "" if value is None else str(value)
                    if inp.get("required", True) and not text:
                        raise ValueError(f"modal input {cid!r} is required")
                    if inp.get("max_length") is not None and len(text) > inp["max_length"]:
                        raise ValueError(f"modal input {cid!r}: longer than {inp['max_length']}")
                    if text and inp.get("min_length") is not None and len(text) < inp["min_length"]:
                        raise ValueError(f"modal input {cid!r}: shorter than {inp['min_length']}")
                    submitted.append(
                        {"type": 4, "id": inp.get("id", 0), "custom_id": cid, "value": text}
                    )
                else:
                    chosen = [str(v) for v in (value or [])]
                    submitted.append(
                        {"type": itype, "id": inp.get("id", 0), "custom_id": cid, "values": chosen}
                    )
            if not submitted:
                continue
            if comp.get("type") == 18:
                components.append({"type": 18, "id": comp.get("id", 0), "component": submitted[0]})
            else:
                components.append({"type": 1, "id": comp.get("id", 0), "components": submitted})
        if remaining:
            raise ValueError(
                f"modal {modal.get('custom_id')!r} has no input(s) {sorted(remaining)}"
            )
        ch = self._channel(source.channel_id)
        m, _ = self._resolve_context(member, ch.id, None, False)
        uid = m.id if isinstance(m, Member) else _id_of(member)
        message = self.fake._messages.get(source.message_id) if source.message_id else None
        data = {"custom_id": modal["custom_id"], "components": components}
        record = self.fake.new_interaction(5, uid, ch.id, data, message=message)
        return await self._run_interaction(record)

    async def autocomplete(
        self, member: Any, name: str, options: dict[str, Any], focused: str, *, channel: Any = None
    ) -> list[dict]:
        """Type into an autocomplete option; returns the choices the bot offered."""
        m, ch = self._resolve_context(member, channel, None, False)
        guild_id = int(ch["guild_id"]) if ch.get("guild_id") else None
        parts = name.split()
        cmd = self._find_command(parts[0], guild_id, 1)
        specs = cmd.get("options") or []
        chain = []
        for part in parts[1:]:
            sub = next(s for s in specs if s["name"] == part and s["type"] in (1, 2))
            chain.append({"name": part, "type": sub["type"]})
            specs = sub.get("options") or []
        by_name = {s["name"]: s for s in specs}
        leaf = [
            {
                "name": k,
                "type": by_name[k]["type"],
                "value": v,
                **({"focused": True} if k == focused else {}),
            }
            for k, v in options.items()
        ]
        payload = leaf
        for link in reversed(chain):
            payload = [{**link, "options": payload}]
        data = {"id": cmd["id"], "name": cmd["name"], "type": 1, "options": payload}
        if cmd.get("guild_id"):
            data["guild_id"] = cmd["guild_id"]
        uid = m.id if isinstance(m, Member) else _id_of(member)
        record = self.fake.new_interaction(4, uid, ch.id, data)
        await self._run_interaction(record)
        return list((record.callback_data or {}).get("choices") or [])

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
