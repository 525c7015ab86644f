"""The private /plan screens: one ephemeral message whose buttons and menus change in place.

Few taps, big targets: a select menu for the ideas, a short form (modal) for the words, and
every step answers by editing the same message. The view lives in memory and times out, like
/cope's; nothing needs restoring after a restart because the plan itself is in the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from cogs.plan import messages
from cogs.plan.service import MAX_STRATEGIES, SITUATION_LIMIT, WORDS_LIMIT, Plan
from cogs.toolkit.strategies import Strategy
from cogs.utils.i18n import t
from cogs.utils.i18n_discord import SpeaksToMember, speak_to
from db.models.plans import PlanItem

if TYPE_CHECKING:
    from cogs.plan.cog import PlanCog

TIMEOUT = 900.0  # seconds


class PlanView(discord.ui.View):
    """One member's /plan message; remembers which situation they are working on."""

    def __init__(self, cog: PlanCog, user_id: int) -> None:
        super().__init__(timeout=TIMEOUT)
        self.cog = cog
        self.user_id = user_id
        self.item_id: int | None = None

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Only the member whose plan it is (it is ephemeral, so this is a guard); speaks their
        language for the step."""
        await speak_to(interaction)
        return interaction.user.id == self.user_id

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        """Answer the member through the one error path, like commands."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)

    def _button(
        self,
        action: str,
        label: str,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        *,
        disabled: bool = False,
    ) -> None:
        button: discord.ui.Button[PlanView] = discord.ui.Button(
            label=label, style=style, custom_id=f"plan:{action}", disabled=disabled
        )
        button.callback = self._callback(action)  # type: ignore[method-assign]
        self.add_item(button)

    def _callback(self, action: str) -> Any:
        async def callback(interaction: discord.Interaction) -> None:
            await self.cog.on_action(interaction, self, action)

        return callback

    # --- screens -------------------------------------------------------------------------------

    def show_main(self, plan: Plan) -> None:
        """The plan with Add, Change and Share."""
        self.clear_items()
        self.item_id = None
        self._button("add", t(messages.ADD_LABEL), discord.ButtonStyle.primary, disabled=plan.full)
        self._button("change", t(messages.CHANGE_LABEL), disabled=plan.empty)
        self._button("share", t(messages.SHARE_LABEL), disabled=plan.empty)

    def show_pick(self, item: PlanItem, strategies: Sequence[Strategy]) -> None:
        """A menu of the ideas for one situation (the current ones chosen)."""
        self.clear_items()
        self.item_id = item.id
        select: discord.ui.Select[PlanView] = discord.ui.Select(
            custom_id="plan:ideas",
            placeholder=t(messages.PICK_PLACEHOLDER),
            min_values=1,
            max_values=min(MAX_STRATEGIES, len(strategies)),
            options=[
                discord.SelectOption(
                    label=messages.strategy_title(s)[:100],
                    value=s.id,
                    description=_first_sentence(t(s.text)),
                    default=s.id in item.strategy_ids,
                )
                for s in strategies[:25]
            ],
        )
        select.callback = self._on_select("ideas")  # type: ignore[method-assign]
        self.add_item(select)
        self._button("back", t(messages.BACK_LABEL))

    def show_which(self, plan: Plan) -> None:
        """A menu of the member's situations, to change or remove one."""
        self.clear_items()
        select: discord.ui.Select[PlanView] = discord.ui.Select(
            custom_id="plan:which",
            placeholder=t(messages.WHICH_PLACEHOLDER),
            options=[
                discord.SelectOption(label=e.item.situation[:100], value=str(e.item.id))
                for e in plan.entries
            ],
        )
        select.callback = self._on_select("which")  # type: ignore[method-assign]
        self.add_item(select)
        self._button("back", t(messages.BACK_LABEL))

    def show_actions(self, item_id: int) -> None:
        """What to do with the chosen situation."""
        self.clear_items()
        self.item_id = item_id
        self._button("words", t(messages.EDIT_WORDS_LABEL), discord.ButtonStyle.primary)
        self._button("edit_ideas", t(messages.EDIT_IDEAS_LABEL), discord.ButtonStyle.primary)
        self._button("remove", t(messages.REMOVE_LABEL), discord.ButtonStyle.danger)
        self._button("back", t(messages.BACK_LABEL))

    def show_confirm(self) -> None:
        """Send the plan to the moderator, or not."""
        self.clear_items()
        self._button("send", t(messages.SEND_LABEL), discord.ButtonStyle.primary)
        self._button("back", messages.cancel_label())

    def _on_select(self, action: str) -> Any:
        async def callback(interaction: discord.Interaction) -> None:
            data: Any = interaction.data or {}
            values = [str(v) for v in data.get("values") or []]
            await self.cog.on_select(interaction, self, action, values)

        return callback

    async def on_timeout(self) -> None:
        """Nothing to tidy: the message is ephemeral and the plan is already saved."""


class PlanModal(SpeaksToMember, discord.ui.Modal):
    """The words of one situation: what weighs on the member, and what helps in their words."""

    def __init__(self, view: PlanView, item: PlanItem | None) -> None:
        super().__init__(title=t(messages.MODAL_TITLE), custom_id="plan:modal")
        self.plan_view = view
        self.item_id = item.id if item else None
        self.situation: discord.ui.TextInput[PlanModal] = discord.ui.TextInput(
            label=t(messages.SITUATION_LABEL),
            custom_id="situation",
            placeholder=t(messages.SITUATION_PLACEHOLDER),
            default=item.situation if item else None,
            max_length=SITUATION_LIMIT,
        )
        self.words: discord.ui.TextInput[PlanModal] = discord.ui.TextInput(
            label=t(messages.WORDS_LABEL),
            custom_id="words",
            placeholder=t(messages.WORDS_PLACEHOLDER),
            default=item.own_words if item else None,
            style=discord.TextStyle.paragraph,
            required=False,
            max_length=WORDS_LIMIT,
        )
        self.add_item(self.situation)
        self.add_item(self.words)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Hand the words to the cog, which saves them and moves on."""
        await self.plan_view.cog.save_words(
            interaction, self.plan_view, self.item_id, self.situation.value, self.words.value
        )

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        """Answer the member through the one error path."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)


def _first_sentence(text: str) -> str:
    """A strategy's first sentence, short enough for a menu's description line."""
    first = text.split(". ", 1)[0].rstrip(".") + "."
    return first if len(first) <= 100 else first[:99] + "…"
