"""The one listener for message content: every new message, DM, edit and AutoMod execution
enters here once.

Each becomes an ``Incoming`` (ids, text, the replied-to text resolved once) and
``service.Screener`` decides: both screens read the same text with the same context, the
models (when configured) give their scores off the event loop, and ``pipeline.route`` decides,
crisis first. Then the crisis lane
and the guidelines lane each act on the ``Route``; neither screens again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from cogs.crisis.detector import Level
from cogs.screening.pipeline import Incoming, Route
from cogs.screening.service import Screener

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)


class ScreeningCog(commands.Cog):
    """Screens every message once and hands the decision to the lanes."""

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.services = bot.services
        self.screener = Screener(
            bot.services.data.crisis,
            bot.services.data.guidelines,
            bot.services.crisis_model,
            bot.services.guideline_model,
        )
        # The models' worker (None without models); benchmarks and tests read its counters.
        self.model = self.screener.runner
        # AutoMod rule names by id, so an execution names its rule without a wait each time.
        self._rule_names: dict[int, str] = {}

    async def cog_unload(self) -> None:
        """Stop the models' worker thread."""
        self.screener.close()

    # --- the listeners ------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """A new message in a channel, a thread or a DM."""
        guild = message.guild
        # A DM with only a picture still reaches a member's case conversation.
        if message.author.bot or not (message.content or (guild is None and message.attachments)):
            return
        channel = message.channel
        parent_id = getattr(channel, "parent_id", None)
        incoming = Incoming(
            message_id=message.id,
            text=message.content,
            author_id=message.author.id,
            guild_id=guild.id if guild else None,
            channel_id=channel.id,
            parent_id=parent_id,
            source="message" if guild else "dm",
            context=await self._reply_text(message),
            is_staff_channel=guild is not None
            and await self._is_staff(guild.id, channel.id, parent_id),
            attachments=tuple(a.url for a in message.attachments) if guild is None else (),
        )
        await self.screen(incoming)

    @commands.Cog.listener()
    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        """An edit can turn a message into a disclosure or make it abusive."""
        data: Any = payload.data
        author = data.get("author") or {}
        content = data.get("content")
        if author.get("bot") or not content or "id" not in author:
            return
        before = payload.cached_message
        if before is not None and before.content == content:
            return  # an embed or pin update, not a new text
        parent_id = None
        if payload.guild_id is not None:
            guild = self.bot.get_guild(payload.guild_id)
            channel = guild.get_channel_or_thread(payload.channel_id) if guild else None
            parent_id = getattr(channel, "parent_id", None)
        replied = data.get("referenced_message") or {}
        incoming = Incoming(
            message_id=payload.message_id,
            text=content,
            author_id=int(author["id"]),
            guild_id=payload.guild_id,
            channel_id=payload.channel_id,
            parent_id=parent_id,
            source="edit",
            context=replied.get("content") or None,
            is_staff_channel=payload.guild_id is not None
            and await self._is_staff(payload.guild_id, payload.channel_id, parent_id),
        )
        await self.screen(incoming)

    @commands.Cog.listener()
    async def on_automod_action(self, execution: discord.AutoModAction) -> None:
        """A message Discord's AutoMod blocked (never posted) or flagged: the crisis lane only.

        A blocked message has no message id; the block action's execution stands for it (its
        alert and timeout executions carry the same text and are skipped). A flagged message
        was posted, so it is screened here and as the post itself: the case is keyed on its id.
        """
        blocked = execution.message_id is None
        if blocked and execution.action.type is not discord.AutoModRuleActionType.block_message:
            return
        if execution.channel_id is None:
            return  # not a message (a member's profile): nothing a group saw or missed
        if not execution.content:
            log.warning(
                "AutoMod %s a message in guild %s but Discord sent no text (message content "
                "intent?): it cannot be screened",
                "blocked" if blocked else "flagged",
                execution.guild_id,
            )
            return
        member = execution.member
        if member is not None and member.bot:
            return
        channel = execution.channel
        parent_id = getattr(channel, "parent_id", None)
        incoming = Incoming(
            message_id=execution.message_id,
            text=execution.content,
            author_id=execution.user_id,
            guild_id=execution.guild_id,
            channel_id=execution.channel_id,
            parent_id=parent_id,
            source="automod",
            is_staff_channel=await self._is_staff(
                execution.guild_id, execution.channel_id, parent_id
            ),
        )
        decided = await self.decide(incoming)
        if decided.crisis.level == Level.NONE:  # ==: reloading an extension re-imports Level
            return  # only the crisis lane acts on these: nothing was posted to coach or hide
        # The rule's name is for the alert: asked of Discord only when there is one to send.
        await self._dispatch(
            decided, replace(incoming, automod_rule=await self._rule_name(execution))
        )

    # --- the pipeline -------------------------------------------------------------------------

    async def screen(self, incoming: Incoming) -> Route:
        """Screen once, route, and hand the route to the crisis lane, then the guidelines lane."""
        decided = await self.decide(incoming)
        # A DM from a member with an open case is their side of its conversation: relayed
        # (screened: a more worrying reply pages on-call), never a second case.
        crisis = self.bot.services.lanes.crisis
        if incoming.is_dm and await crisis.relay_from_member(decided, incoming):
            return decided
        await self._dispatch(decided, incoming)
        if incoming.is_dm and decided.crisis.level.label not in ("concern", "urgent"):
            await crisis.offer_talk(incoming.author_id)  # never silence: offer a person
        return decided

    async def _dispatch(self, decided: Route, incoming: Incoming) -> None:
        """The crisis lane first, then the guidelines lane, each with its part of ``decided``."""
        if decided.quiet:
            return
        try:
            if decided.crisis.level is not Level.NONE:
                # The lane saves the case even before its Discord adapter is attached.
                await self.bot.services.lanes.crisis.respond_to(decided, incoming)
        finally:
            # A failure in the crisis lane must not also cost the guideline action.
            if decided.guidelines.action != "none":
                lane = self.bot.guideline_actions
                if lane is not None:
                    await lane.act_on(decided, incoming)

    async def decide(self, incoming: Incoming) -> Route:
        """Both screens on the same text and context, the models' say, then the decision."""
        return await self.screener.decide(incoming, self._modes)

    # --- helpers ------------------------------------------------------------------------------

    async def _modes(self, guild_id: int) -> Mapping[tuple[int, str], str]:
        return await self.services.lanes.guidelines.rule_modes(guild_id)

    async def _rule_name(self, execution: discord.AutoModAction) -> str:
        """The rule's name (fetched once, never waited on for longer than a delivery)."""
        name = self._rule_names.get(execution.rule_id)
        if name is not None:
            return name
        try:
            rule = await asyncio.wait_for(
                execution.fetch_rule(), timeout=self.services.settings.delivery_timeout
            )
        except (TimeoutError, discord.HTTPException) as exc:
            log.warning("AutoMod rule %s could not be fetched: %s", execution.rule_id, exc)
            return f"#{execution.rule_id}"
        self._rule_names[execution.rule_id] = rule.name
        return rule.name

    @commands.Cog.listener()
    async def on_automod_rule_update(self, rule: discord.AutoModRule) -> None:
        """Keep a renamed rule's name current."""
        self._rule_names[rule.id] = rule.name

    async def _is_staff(self, guild_id: int, channel_id: int, parent_id: int | None) -> bool:
        """The staff channel, or a thread in it."""
        staff = (await self.services.guild_settings.get(guild_id)).staff_channel_id
        return staff is not None and staff in (channel_id, parent_id)

    async def _reply_text(self, message: discord.Message) -> str | None:
        """The replied-to message's text, if this is a reply (fetched only when not at hand)."""
        ref = message.reference
        if ref is None or ref.message_id is None:
            return None
        if isinstance(ref.resolved, discord.Message):
            return ref.resolved.content
        if isinstance(ref.resolved, discord.DeletedReferencedMessage):
            return None
        cached = ref.cached_message
        if cached is not None:
            return cached.content
        try:
            replied = await message.channel.fetch_message(ref.message_id)
        except discord.HTTPException:
            return None
        return replied.content
