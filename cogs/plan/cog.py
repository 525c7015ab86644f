"""Discord glue for ``/plan``: a member's private IER plan.

Everything is ephemeral and happens in one message (``views.PlanView``): the plan, a short form
for the words, a menu for the ideas, and "share with my moderator", which says who gets it and
how before anything is sent. The use cases live in ``service.py`` (``PlanService``, reached as
``bot.services.lanes.plan``); /cope and the check-in prompts call it to offer the plan back.

What a member writes passes the crisis screen, as /goodnews's text does: it is never posted, so
the message listener never sees it, and a crisis lane must never miss a disclosure.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.plan import messages
from cogs.plan.views import PlanModal, PlanView
from cogs.utils.i18n import t

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)


class PlanCog(commands.Cog):
    """A member's own plan: what weighs on them, and ideas from the people around them."""

    def __init__(self, bot: KindredBot) -> None:
        self.bot = bot
        self.services = bot.services
        self.plans = bot.services.lanes.plan

    @app_commands.command(name="plan")
    async def plan(self, interaction: discord.Interaction) -> None:
        """Your private plan: what weighs on you, and ideas to try for it. Only you see it."""
        found = await self.plans.plan(interaction.user.id)
        view = PlanView(self, interaction.user.id)
        view.show_main(found)
        await interaction.response.send_message(messages.show(found), view=view, ephemeral=True)

    async def on_action(
        self, interaction: discord.Interaction, view: PlanView, action: str
    ) -> None:
        """A button on the plan message."""
        user_id = interaction.user.id
        if action == "add":
            await interaction.response.send_modal(PlanModal(view, None))
        elif action == "words" and view.item_id is not None:
            item = await self.plans.item(user_id, view.item_id)
            await interaction.response.send_modal(PlanModal(view, item))
        elif action == "edit_ideas" and view.item_id is not None:
            item = await self.plans.item(user_id, view.item_id)
            view.show_pick(item, self.plans.strategies)
            await interaction.response.edit_message(
                content=messages.pick_ideas(item.situation), view=view
            )
        elif action == "remove" and view.item_id is not None:
            await self.plans.remove(user_id, view.item_id)
            await self._show_main(interaction, view)
        elif action == "change":
            view.show_which(await self.plans.plan(user_id))
            await interaction.response.edit_message(
                content=t(messages.WHICH_PLACEHOLDER), view=view
            )
        elif action == "share":
            target = await self.plans.share_target(interaction.guild_id, user_id)
            view.show_confirm()
            await interaction.response.edit_message(
                content=messages.share_confirm(target.moderator_id), view=view
            )
        elif action == "send":
            await self._share(interaction, view)
        else:  # "back", or a step whose situation is no longer chosen
            await self._show_main(interaction, view)

    async def on_select(
        self, interaction: discord.Interaction, view: PlanView, action: str, values: list[str]
    ) -> None:
        """A choice in one of the plan's menus."""
        user_id = interaction.user.id
        if action == "ideas" and view.item_id is not None:
            await self.plans.choose(user_id, view.item_id, values)
            await self._show_main(interaction, view)
        elif action == "which" and values and values[0].isdigit():
            item_id = int(values[0])
            found = await self.plans.plan(user_id)
            entry = next((e for e in found.entries if e.item.id == item_id), None)
            if entry is None:
                await self._show_main(interaction, view)
                return
            view.show_actions(item_id)
            await interaction.response.edit_message(
                content=messages.choose_action(entry), view=view
            )
        else:
            await self._show_main(interaction, view)

    async def save_words(
        self,
        interaction: discord.Interaction,
        view: PlanView,
        item_id: int | None,
        situation: str,
        own_words: str,
    ) -> None:
        """The form came back: add or change the situation, then pick ideas (when new)."""
        user_id = interaction.user.id
        if item_id is None:
            item = await self.plans.add(user_id, situation, own_words)
            view.show_pick(item, self.plans.strategies)
            await interaction.response.edit_message(
                content=messages.pick_ideas(item.situation), view=view
            )
        else:
            item = await self.plans.edit(user_id, item_id, situation, own_words)
            await self._show_main(interaction, view)
        await self._screen(interaction, "\n".join(p for p in (item.situation, item.own_words) if p))

    async def _show_main(self, interaction: discord.Interaction, view: PlanView) -> None:
        found = await self.plans.plan(interaction.user.id)
        view.show_main(found)
        await interaction.response.edit_message(content=messages.show(found), view=view)

    async def _share(self, interaction: discord.Interaction, view: PlanView) -> None:
        """Send a copy of the plan to the group's moderator by DM, and say whether it went."""
        user_id = interaction.user.id
        target = await self.plans.share_target(interaction.guild_id, user_id)
        found = await self.plans.plan(user_id)
        text = messages.for_moderator(user_id, found, target.cohort.name, target.group.number)
        await interaction.response.defer()
        delivery = await self.bot.messenger.dm(target.moderator_id, text)
        view.show_main(found)
        if delivery.sent:
            log.info("a member shared their plan with moderator %s", target.moderator_id)
            note = messages.shared(target.moderator_id, messages.SHARED_DM)
        else:
            note = t(messages.SHARE_FAILED)
        await interaction.edit_original_response(
            content=f"{note}\n\n{messages.show(found)}", view=view
        )

    async def _screen(self, interaction: discord.Interaction, text: str) -> None:
        """Give written words to the crisis lane, which screens them and responds (they are
        never posted, so the message listener cannot see them)."""
        await self.bot.services.lanes.crisis.screen_and_respond(
            text=text,
            context=None,
            author_id=interaction.user.id,
            author_is_bot=interaction.user.bot,
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id,
            message_id=None,  # never posted: there is no message to point at
            source="message",
        )
