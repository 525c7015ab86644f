"""The Reply button under each message the member sent to the case thread, and its form (glue).

The button is a dynamic item (``crisis:reply:<case id>``), so it works after a restart. The
reply goes through ``bot.services.lanes.crisis.reply`` like ``/reply``: the member sees it from
the Kindred team, and whoever pressed the button sees at once whether it was delivered.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from cogs.crisis import messages
from cogs.crisis.views import checked_case, lane
from cogs.utils.i18n import N_, t
from cogs.utils.i18n_discord import speak_to

# The button a member sees under Kindred's answer to a DM (labelled as the DM is sent).
TALK_LABEL = N_("Talk to the team")


class ReplyButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"crisis:reply:(?P<case_id>\d+)",
):
    """Reply to the member (opens a short form)."""

    def __init__(self, case_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Reply",
                style=discord.ButtonStyle.primary,
                custom_id=f"crisis:reply:{case_id}",
            )
        )
        self.case_id = case_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> ReplyButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(int(match["case_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Open the reply form; only a moderator may."""
        from cogs.utils.tree import answer_error

        try:
            case = await checked_case(interaction, self.case_id)
            await interaction.response.send_modal(ReplyModal(case.id, case.label))
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


def reply_view(case_id: int) -> discord.ui.View:
    """The Reply button, for a member's message in the case thread."""
    view = discord.ui.View(timeout=None)
    view.add_item(ReplyButton(case_id))
    return view


class ReplyModal(discord.ui.Modal):
    """What to say to the member (from the Kindred team)."""

    def __init__(self, case_id: int, label: str) -> None:
        super().__init__(title=f"Reply: case {label}", custom_id=f"crisis:replyform:{case_id}")
        self.case_id = case_id
        self.text: discord.ui.TextInput[ReplyModal] = discord.ui.TextInput(
            label="Your reply (from the Kindred team)",
            style=discord.TextStyle.paragraph,
            min_length=1,
            max_length=1800,
        )
        self.add_item(self.text)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Send the reply and show, to everyone in the thread, what was sent or why not."""
        from cogs.utils.tree import answer_error

        try:
            crisis = lane(interaction)
            case = await checked_case(interaction, self.case_id)
            found = crisis.replyable(case)
            sent = await crisis.reply(
                found, interaction.user.id, self.text.value, source_id=interaction.id, as_name=None
            )
            await interaction.response.send_message(
                messages.reply_result(messages.TEAM_NAME, sent.text, sent.status, sent.error),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except Exception as error:  # modals have no command tree: answer here
            await answer_error(interaction, error)


class TalkButton(discord.ui.DynamicItem[discord.ui.Button], template=r"crisis:talk"):
    """ "Talk to the team", under Kindred's answer to a DM: opens a conversation (no crisis)."""

    def __init__(self) -> None:
        super().__init__(
            discord.ui.Button(
                label=t(TALK_LABEL), style=discord.ButtonStyle.primary, custom_id="crisis:talk"
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> TalkButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls()

    async def callback(self, interaction: discord.Interaction) -> None:
        """Open the conversation; the member's next DMs go to the team."""
        from cogs.utils.tree import answer_error

        try:
            await speak_to(interaction)
            _, new = await lane(interaction).talk(interaction.user.id, interaction.guild_id)
            await interaction.response.send_message(
                t(messages.TALK_STARTED if new else messages.TALK_ALREADY), ephemeral=True
            )
        except Exception as error:  # buttons have no command tree: answer here
            await answer_error(interaction, error)


def talk_view() -> discord.ui.View:
    """The "Talk to the team" button."""
    view = discord.ui.View(timeout=None)
    view.add_item(TalkButton())
    return view
