"""Discord glue for the end of ``/join``: the join form came back.

Consent comes first (``/join`` shows what Kindred keeps, and the form opens only from the
"I agree, continue" button). Here the answers are checked and the member placed. A timezone
Kindred cannot use does not lose the form: the member is asked for that one field again
(buttons when it could mean several zones), and the other answers ride along in the view.
"""

from __future__ import annotations

import discord

from cogs.cohorts import messages
from cogs.cohorts._channels import ChannelsMixin
from cogs.cohorts.views import TimezoneView
from cogs.utils.i18n import t
from cogs.utils.replies import reply_privately
from cogs.utils.when import TimezoneProblem


class IntakeMixin(ChannelsMixin):
    """Finishing an intake: place or waitlist the member, or ask again for the timezone."""

    async def finish_intake(
        self, interaction: discord.Interaction, cohort_id: int, answers: dict[str, str]
    ) -> None:
        """The intake form came back: check it, then place or waitlist the member. A timezone
        it cannot use is asked again on its own; the other answers are kept."""
        assert interaction.guild is not None
        try:
            intake = await self.enrolment.check_intake(interaction.guild.id, cohort_id, answers)
        except TimezoneProblem as problem:
            text = problem.message
            if not problem.options:
                text += "\n" + t(messages.TIMEZONE_KEPT)
            view = TimezoneView(cohort_id, answers, problem.options, self.finish_intake)
            if interaction.response.is_done():
                await interaction.followup.send(text, view=view, ephemeral=True)
            else:
                await interaction.response.send_message(text, view=view, ephemeral=True)
            return
        if not interaction.response.is_done():  # a timezone button already answered
            await interaction.response.defer(ephemeral=True, thinking=True)
        members = self.services.lanes.members
        placed = await self.enrolment.join(
            interaction.user.id,
            intake,
            language=await members.language_of(
                interaction.guild.id, interaction.user.id, str(interaction.locale)
            ),
            server=await members.server_language(interaction.guild.id),
        )
        note = messages.language_note(placed.language, placed.language_outcome)
        if placed.group is None:
            await reply_privately(
                interaction, messages.waitlisted(placed.cohort, placed.position or 0) + note
            )
            return
        await self._sync_group(interaction.guild, placed.cohort, placed.group)
        moderator = await self.services.lanes.profiles.introduce(
            placed.cohort.guild_id, placed.group
        )
        await reply_privately(
            interaction,
            messages.joined(placed.cohort, placed.group, placed.enrolment.joined_week, moderator)
            + note,
        )
