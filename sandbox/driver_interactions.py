"""The driver's interactions: slash, user and message commands, buttons and selects, modals,
autocomplete, each checked as Discord's client would (visibility, options, disabled components)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sandbox.driver_base import (
    CommandHidden,
    DriverBase,
    InteractionResult,
    NotAllowed,
    _walk_components,
)
from sandbox.fake_discord import (
    InteractionRecord,
    Member,
    Obj,
    Perm,
    RecordedFile,
    _id_of,
    _modal_inputs_of,
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


class InteractionsDriver(DriverBase):
    """Running interactions as a member would (see ``sandbox.driver``)."""

    # ---------------------------------------------------------------- interactions

    async def _run_interaction(self, record: InteractionRecord) -> InteractionResult:
        self.fake.dispatch("INTERACTION_CREATE", record.payload)
        await self.settle()
        return InteractionResult(self.fake, record)

    def _resolve_context(
        self, member: Any, channel: Any, guild: Any, dm: bool
    ) -> tuple[Member | dict[str, Any], Obj]:
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
        self,
        spec: dict[str, Any],
        value: Any,
        resolved: dict[str, Any],
        guild_id: int | None,
        channel_id: int,
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
        specs: list[dict[str, Any]],
        given: dict[str, Any],
        resolved: dict[str, Any],
        guild_id: int | None,
        channel_id: int,
        where: str,
    ) -> list[dict[str, Any]]:
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
        locale: str | None = None,
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
        chain: list[dict[str, Any]] = []
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
        record = self.fake.new_interaction(
            2, user_id, ch.id, data, locale=self.locale_of(user_id, locale)
        )
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
        record = self.fake.new_interaction(2, m.id, ch.id, data, locale=self.locale_of(m.id, None))
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
        record = self.fake.new_interaction(2, m.id, ch.id, data, locale=self.locale_of(m.id, None))
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
        record = self.fake.new_interaction(
            3, uid, ch.id, data, message=msg, locale=self.locale_of(uid, None)
        )
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
        record = self.fake.new_interaction(
            5, uid, ch.id, data, message=message, locale=self.locale_of(uid, None)
        )
        return await self._run_interaction(record)

    async def autocomplete(
        self, member: Any, name: str, options: dict[str, Any], focused: str, *, channel: Any = None
    ) -> list[dict[str, Any]]:
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
        record = self.fake.new_interaction(4, uid, ch.id, data, locale=self.locale_of(uid, None))
        await self._run_interaction(record)
        return list((record.callback_data or {}).get("choices") or [])
