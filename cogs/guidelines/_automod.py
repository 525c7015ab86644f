"""Kindred's own AutoMod rule for slurs (Discord glue); what the rule is lives in automod_rule.py.

``AutoModKeeper`` reads the server's AutoMod rules once, finds Kindred's own (by the stored
id, else by name and maker), and makes one change: create, update or delete it (or nothing).
It runs when a coordinator turns the setting on or off (``switch``), and for every server at
start-up (``reconcile_all``), so a rule edited or deleted by hand is put back.

One change per server at a time, in every process (a database lock, ``db/locks.py``): reading
the setting, changing the rules and storing the rule's id are one step. Two processes can hold
one server for a while (an old one still stopping while its replacement starts, or two started
with overlapping ``KINDRED_SHARDS``); without the lock both could read "no rule" and create two,
or one could store an id the other had just deleted.

Nothing is half-done: without Manage Server, no call is made and the setting is not changed
(the coordinator is told; at start-up the staff channel is told, through ``tell_staff``).
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from cogs.guidelines import messages
from cogs.guidelines.automod_rule import (
    RULE_NAME,
    Step,
    Words,
    crisis_flags,
    find_own,
    lexicon_phrases,
    plan,
    select_words,
    slur_phrases,
)
from cogs.utils.delivery import tell_staff
from cogs.utils.errors import UserFacingError
from db.locks import hold
from db.repositories.guidelines import GuidelineRepository

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)

MAX_RULES_REACHED = 20048  # Discord's error code: "Maximum number of rules of this type"
LOCK = "automod_rule"  # db/locks.py name; the key is the server's id


class AutoModUnavailable(UserFacingError):
    """Kindred could not make the server's AutoMod rules match the setting; nothing changed."""


@dataclass(frozen=True)
class Applied:
    """What ``apply`` did, and the id of Kindred's rule now (None: there is none)."""

    step: Step
    rule_id: int | None
    words: int


class AutoModKeeper:
    """Keeps Kindred's AutoMod rule for slurs in step with ``/guidelines automod``."""

    def __init__(self, bot: KindredBot, repo: GuidelineRepository) -> None:
        self.bot = bot
        self.services = bot.services
        self.repo = repo
        self._words: Words | None = None

    @property
    def words(self) -> Words:
        """The rule's words, chosen once from the loaded data files (they do not change)."""
        if self._words is None:
            data = self.services.data
            phrases, excepts = slur_phrases(data.guidelines.ruleset.rules)
            self._words = select_words(
                phrases,
                excepts,
                flags_crisis=crisis_flags(data.crisis),
                crisis_phrases=lexicon_phrases(data.crisis.lexicon),
            )
            if self._words.left_out:
                reasons = sorted({why for _, why in self._words.left_out})
                log.info(
                    "AutoMod rule for slurs: %d phrase(s) left out (%s)",
                    len(self._words.left_out),
                    ", ".join(reasons),
                )
        return self._words

    async def switch(
        self, guild: discord.Guild, enabled: bool, actor_id: int, *, reason: str
    ) -> tuple[Applied, int | None]:
        """``/guidelines automod``: make the rules match ``enabled`` and store the setting; what
        was done and the staff channel id. Raises ``AutoModUnavailable`` (nothing changed)."""
        async with hold(self.repo.db, LOCK, guild.id):
            stored = await self.repo.automod(guild.id)
            applied = await self._apply(guild, enabled, stored.rule_id, reason=reason)
            staff = await self.services.lanes.guidelines.save_automod(
                guild.id, actor_id, enabled, applied.rule_id
            )
        return applied, staff

    async def _apply(
        self, guild: discord.Guild, enabled: bool, stored_id: int | None, *, reason: str
    ) -> Applied:
        """Make the server's rules match ``enabled``; raises ``AutoModUnavailable`` (no change).
        The caller holds the server's lock."""
        words = self.words
        if enabled and not words.keywords:
            raise AutoModUnavailable(messages.AUTOMOD_NO_WORDS)
        if not guild.me.guild_permissions.manage_guild:
            raise AutoModUnavailable(messages.AUTOMOD_NO_PERMISSION)
        http = self.bot.http
        try:
            rules = await http.get_auto_moderation_rules(guild.id)
            own = find_own(rules, stored_id, guild.me.id)  # guild.me: Kindred itself
            settings = await self.services.guild_settings.get(guild.id)
            step = plan(enabled, own, words, settings.staff_channel_id)
            rule_id = step.rule_id
            if step.action == "create":
                made = await http.create_auto_moderation_rule(
                    guild.id, reason=reason, **step.payload
                )
                rule_id = int(made["id"])
            elif step.action == "update" and step.rule_id is not None:
                await http.edit_auto_moderation_rule(
                    guild.id, step.rule_id, reason=reason, **step.payload
                )
            elif step.action == "delete" and step.rule_id is not None:
                # Deleted by hand meanwhile (404) is what we wanted anyway.
                with contextlib.suppress(discord.NotFound):
                    await http.delete_auto_moderation_rule(guild.id, step.rule_id, reason=reason)
                rule_id = None
        except discord.Forbidden as exc:
            raise AutoModUnavailable(messages.AUTOMOD_NO_PERMISSION) from exc
        except discord.HTTPException as exc:
            if exc.code == MAX_RULES_REACHED:
                raise AutoModUnavailable(messages.AUTOMOD_TOO_MANY_RULES) from exc
            raise AutoModUnavailable(
                messages.AUTOMOD_REFUSED.format(status=f"HTTP {exc.status}")
            ) from exc
        log.info(
            "guild %s: AutoMod rule for slurs: %s (rule %s%s)",
            guild.id,
            step.action,
            rule_id,
            f"; drifted: {', '.join(step.drift)}" if step.drift else "",
        )
        return Applied(step, rule_id if enabled else None, len(words.keywords))

    async def reconcile(self, guild: discord.Guild) -> None:
        """Start-up for one server: create, update or remove the rule to match the setting."""
        async with hold(self.repo.db, LOCK, guild.id):
            setting = await self.repo.automod(guild.id)
            if not setting.enabled and setting.rule_id is None:
                return  # never turned on, or turned off cleanly: nothing to look at
            try:
                applied = await self._apply(
                    guild,
                    setting.enabled,
                    setting.rule_id,
                    reason="Kindred start-up: /guidelines automod is "
                    + ("on" if setting.enabled else "off"),
                )
            except AutoModUnavailable as problem:
                unavailable = problem
            else:
                if applied.rule_id != setting.rule_id:
                    await self.repo.set_automod_rule_id(guild.id, applied.rule_id)
                return
        log.warning("guild %s: AutoMod rule for slurs not reconciled", guild.id)
        text = messages.automod_staff_notice(unavailable.message, setting.enabled)
        if not await tell_staff(self.bot, self.services.guild_settings, guild, text):
            log.error("guild %s: no staff channel took the AutoMod rule notice", guild.id)

    async def reconcile_all(self) -> None:
        """Start-up: every server, one after the other; one failing server never stops the rest."""
        for guild in list(self.bot.guilds):
            try:
                await self.reconcile(guild)
            except Exception:
                log.exception("guild %s: AutoMod rule for slurs: reconcile failed", guild.id)


__all__ = ["RULE_NAME", "Applied", "AutoModKeeper", "AutoModUnavailable"]
