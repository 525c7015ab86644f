"""AutoMod: rules, their REST handlers, and keyword matching like Discord's."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.permissions import Perm
from sandbox.fake_discord.records import (
    ApiError,
    Guild,
    Obj,
    _id_of,
    _Req,
    invalid_form,
)
from sandbox.snowflake import snowflake


class AutoModRoutes(_Core):
    """AutoMod rules (made by an admin or through REST) and messages sent through them.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- automod: rules from outside

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
        actions: list[dict[str, Any]] | None = None,
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

    # ---------------------------------------------------------------- handlers: automod

    def _validate_rule(
        self, guild: Guild, rule: dict[str, Any], *, creating: bool, rule_id: int | None = None
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

    def send_through_automod(
        self, channel_id: int, author: dict[str, Any], content: str
    ) -> Obj | None:
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


def _automod_keyword(keyword: str) -> re.Pattern[str]:
    """Discord's keyword semantics: whole word, ``kw*`` prefix, ``*kw`` suffix, ``*kw*``
    anywhere; a phrase of several words; any case."""
    head, tail = not keyword.startswith("*"), not keyword.endswith("*")
    words = r"\s+".join(re.escape(w) for w in keyword.strip("*").split())
    return re.compile((r"(?<!\w)" if head else "") + words + (r"(?!\w)" if tail else ""), re.I)


def _automod_match(meta: dict[str, Any], content: str) -> tuple[str, str] | None:
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
