"""The cohorts lane's Discord UI: the intake and theme modals, and the show and report embeds."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import discord

from cogs.cohorts import messages
from cogs.cohorts.report import CohortReport
from cogs.cohorts.service import Overview
from cogs.utils.i18n import t, tp
from cogs.utils.i18n_discord import SpeaksToMember
from cogs.utils.when import ZoneOption

# What the cohorts cog does with a submitted form (the modal only collects the answers).
IntakeHandler = Callable[[discord.Interaction, int, dict[str, str]], Awaitable[None]]
ThemeHandler = Callable[[discord.Interaction, int, int, str], Awaitable[None]]


# The consent and timezone views live on ephemeral messages for one member, for as long as an
# interaction token lasts; after that (or a restart) ``/join`` simply shows them again.
VIEW_TIMEOUT = 15 * 60


class ConsentView(SpeaksToMember, discord.ui.View):
    """Under the consent summary ``/join`` shows: read everything, agree (opens the form), or
    not now. Nothing is stored until the member agrees and sends the form. Made while the
    member's language is spoken (``/join``), so its labels are theirs."""

    def __init__(
        self, cohort_id: int, cohort_name: str, full_text: str, on_answers: IntakeHandler
    ) -> None:
        super().__init__(timeout=VIEW_TIMEOUT)
        self.cohort_id = cohort_id
        self.cohort_name = cohort_name
        self.full_text = full_text
        self.on_answers = on_answers
        self.agree.label = t(messages.AGREE_LABEL)
        self.read_all.label = t(messages.READ_ALL_LABEL)
        self.not_now.label = tp("join", "Not now")

    @discord.ui.button(
        label=messages.AGREE_LABEL, style=discord.ButtonStyle.primary, custom_id="cohort:agree"
    )
    async def agree(
        self, interaction: discord.Interaction, _: discord.ui.Button[ConsentView]
    ) -> None:
        """The member agreed: open the join form."""
        await interaction.response.send_modal(
            IntakeModal(self.cohort_id, self.cohort_name, self.on_answers)
        )

    @discord.ui.button(
        label=messages.READ_ALL_LABEL,
        style=discord.ButtonStyle.secondary,
        custom_id="cohort:consent",
    )
    async def read_all(
        self, interaction: discord.Interaction, button: discord.ui.Button[ConsentView]
    ) -> None:
        """Show the full text in place of the summary, the agree button still under it."""
        self.remove_item(button)
        await interaction.response.edit_message(content=self.full_text, view=self)

    @discord.ui.button(
        label="Not now", style=discord.ButtonStyle.secondary, custom_id="cohort:notnow"
    )
    async def not_now(
        self, interaction: discord.Interaction, _: discord.ui.Button[ConsentView]
    ) -> None:
        """Nothing stored; say so and take the buttons away."""
        self.stop()
        await interaction.response.edit_message(content=t(messages.NOT_NOW), view=None)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[ConsentView]
    ) -> None:
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)


class IntakeModal(SpeaksToMember, discord.ui.Modal):
    """The join form, opened after the member agreed: focus, timezone, check-ins, language.

    The focus and yes/no answers are read in English words (``policy``), so the placeholders
    name them in English too, after the member's language."""

    def __init__(self, cohort_id: int, cohort_name: str, on_answers: IntakeHandler) -> None:
        super().__init__(
            title=t("Join {cohort}", cohort=cohort_name)[:45],
            custom_id=f"cohort:intake:{cohort_id}",
        )
        self.cohort_id = cohort_id
        self.on_answers = on_answers
        self.focus: discord.ui.TextInput[IntakeModal] = discord.ui.TextInput(
            label=t("Group focus you'd like (optional)")[:45],
            custom_id="focus",
            placeholder=t("newly diagnosed, progression, affinity or general")[:100],
            required=False,
            max_length=40,
        )
        self.timezone: discord.ui.TextInput[IntakeModal] = discord.ui.TextInput(
            label=t("Your city or timezone (optional)")[:45],
            custom_id="timezone",
            placeholder=t("e.g. Kolkata, New York, London or IST")[:100],
            required=False,
            max_length=60,
        )
        self.checkins: discord.ui.TextInput[IntakeModal] = discord.ui.TextInput(
            label=t("Weekly check-ins with a partner? yes/no")[:45],
            custom_id="checkins",
            placeholder=tp("join form", "yes or no")[:100],
            required=False,
            max_length=5,
        )
        self.language: discord.ui.TextInput[IntakeModal] = discord.ui.TextInput(
            label=t("Preferred language (optional)")[:45],
            custom_id="language",
            required=False,
            max_length=40,
        )
        for item in (self.focus, self.timezone, self.checkins, self.language):
            self.add_item(item)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Hand the answers to the cog, which enrols or waitlists the member. Consent was given
        with the button that opened this form."""
        await self.on_answers(
            interaction,
            self.cohort_id,
            {
                "consent": "yes",
                "focus": self.focus.value,
                "timezone": self.timezone.value,
                "checkins": self.checkins.value,
                "language": self.language.value,
            },
        )

    # discord.py's Modal narrows BaseView.on_error (no item) itself; mypy sees the base.
    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)


class TimezoneView(SpeaksToMember, discord.ui.View):
    """The join form came back with a timezone Kindred could not use: one button per zone it
    could mean, "Type it again" and "Leave it out". The other answers ride along in the view,
    so the member fixes only this one field."""

    def __init__(
        self,
        cohort_id: int,
        answers: dict[str, str],
        options: tuple[ZoneOption, ...],
        on_answers: IntakeHandler,
    ) -> None:
        super().__init__(timeout=VIEW_TIMEOUT)
        self.cohort_id = cohort_id
        self.answers = answers
        self.on_answers = on_answers
        for n, option in enumerate(options[:20]):
            self.add_item(_ZoneButton(messages.zone_name(option), f"cohort:tz:{n}", option.key))
        self.add_item(_ZoneButton(t(messages.TYPE_AGAIN_LABEL), "cohort:tz:retype", None))
        self.add_item(_ZoneButton(t(messages.LEAVE_OUT_LABEL), "cohort:tz:skip", ""))

    async def finish(self, interaction: discord.Interaction, zone: str | None, label: str) -> None:
        """Finish the intake with ``zone`` ("" leaves it out), or ask again (None)."""
        self.stop()
        if zone is None:
            modal = TimezoneModal(self.cohort_id, self.answers, self.on_answers)
            await interaction.response.send_modal(modal)
            return
        # The choice replaces the buttons, so nobody taps a second one; the cog then answers
        # with a follow-up.
        chosen = messages.timezone_chosen(label if zone else None)
        await interaction.response.edit_message(content=chosen, view=None)
        await self.on_answers(interaction, self.cohort_id, {**self.answers, "timezone": zone})

    async def on_error(
        self,
        interaction: discord.Interaction,
        error: Exception,
        item: discord.ui.Item[TimezoneView],
    ) -> None:
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)


class _ZoneButton(discord.ui.Button[TimezoneView]):
    """One answer to "which timezone?": a zone, "" to leave it out, None to type it again."""

    def __init__(self, label: str, custom_id: str, zone: str | None) -> None:
        style = discord.ButtonStyle.primary if zone else discord.ButtonStyle.secondary
        super().__init__(label=label[:80], style=style, custom_id=custom_id)
        self.zone = zone

    async def callback(self, interaction: discord.Interaction) -> None:
        """Hand the choice to the view, which holds the other answers."""
        assert self.view is not None
        await self.view.finish(interaction, self.zone, str(self.label))


class TimezoneModal(SpeaksToMember, discord.ui.Modal):
    """Just the timezone again; the rest of the join form's answers are kept."""

    def __init__(self, cohort_id: int, answers: dict[str, str], on_answers: IntakeHandler) -> None:
        super().__init__(title=t("Your timezone")[:45], custom_id=f"cohort:tzfix:{cohort_id}")
        self.cohort_id = cohort_id
        self.answers = answers
        self.on_answers = on_answers
        self.timezone: discord.ui.TextInput[TimezoneModal] = discord.ui.TextInput(
            label=t("Your city or timezone")[:45],
            custom_id="timezone",
            placeholder=t("e.g. Kolkata, New York, London or IST")[:100],
            default=answers.get("timezone", "")[:60],
            max_length=60,
        )
        self.add_item(self.timezone)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Finish the intake with the kept answers and this timezone."""
        await self.on_answers(
            interaction, self.cohort_id, {**self.answers, "timezone": self.timezone.value}
        )

    # discord.py's Modal narrows BaseView.on_error (no item) itself; mypy sees the base.
    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)


class ThemeModal(discord.ui.Modal):
    """Edits one week's theme post for one cohort, starting from the current text."""

    def __init__(self, cohort_id: int, week: int, current: str, on_theme: ThemeHandler) -> None:
        super().__init__(title=f"Week {week} theme"[:45], custom_id=f"cohort:theme:{cohort_id}")
        self.cohort_id = cohort_id
        self.week = week
        self.on_theme = on_theme
        self.theme: discord.ui.TextInput[ThemeModal] = discord.ui.TextInput(
            label="Theme posted when the session opens",
            custom_id="theme",
            style=discord.TextStyle.paragraph,
            default=current[:1500],
            max_length=1500,
        )
        self.add_item(self.theme)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Save the new theme through the cog."""
        await self.on_theme(interaction, self.cohort_id, self.week, self.theme.value)

    # discord.py's Modal narrows BaseView.on_error (no item) itself; mypy sees the base.
    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)


def overview_embed(overview: Overview) -> discord.Embed:
    """``/cohort show``: settings, groups with members and moderator, waitlist, sessions."""
    cohort, sessions = overview.cohort, overview.sessions
    embed = discord.Embed(
        title=cohort.name, description=messages.cohort_summary(cohort), colour=0x5B8DEF
    )
    for group in overview.groups:
        count = sum(1 for e in overview.enrolled if e.group_id == group.id)
        mod = f"<@{group.moderator_id}>" if group.moderator_id else "no moderator yet"
        where = f"<#{group.channel_id}>" if group.channel_id else "channel at enrolment"
        if group.voice_channel_id:
            where += f" · voice <#{group.voice_channel_id}>"
        embed.add_field(
            name=messages.group_name(group),
            value=f"{count}/{cohort.group_cap} members · {mod} · {where}",
            inline=False,
        )
    embed.add_field(name="Waitlist", value=str(len(overview.waiting)))
    upcoming = next((s for s in sessions if s.status == "scheduled"), None)
    if upcoming is not None:
        embed.add_field(
            name=f"Next session (week {upcoming.week})",
            value=messages.when(upcoming.starts_at, cohort.timezone),
        )
    if sessions:
        embed.add_field(
            name="Last session", value=messages.when(sessions[-1].starts_at, cohort.timezone)
        )
    return embed


def report_embed(report: CohortReport) -> discord.Embed:
    """``/cohort report``'s embed (the cog attaches the CSV and the chart)."""
    found = report.cohort
    embed = discord.Embed(title=f"Report: {found.name}", colour=0x5B8DEF)
    embed.description = messages.cohort_summary(found)
    embed.add_field(
        name="Enrolment",
        value="\n".join(
            f"{messages.group_name(g.group)}: {g.enrolled}/{found.group_cap}" for g in report.groups
        )
        or "no groups",
        inline=False,
    )
    embed.add_field(name="Waitlist", value=str(report.waitlisted))
    embed.add_field(name="Left", value=str(report.left))
    per_week = [
        f"week {w.week}: {w.came}/{report.enrolled}"
        + (f" ({w.in_voice} in voice)" if w.in_voice else "")
        + (f", {w.excused} excused" if w.excused else "")
        for w in report.held
    ]
    embed.add_field(
        name="Attendance per session",
        value="\n".join(per_week)[:1024] or "no sessions held yet",
        inline=False,
    )
    embed.add_field(
        name="Check-in completion (pairs that met)",
        value="\n".join(
            f"{messages.group_name(g.group)}: {c.met}/{c.pairs} ({c.rate:.0%})"
            if (c := g.completion) and c.rate is not None
            else f"{messages.group_name(g.group)}: no finished check-in weeks yet"
            for g in report.groups
        )[:1024]
        or "no groups",
        inline=False,
    )
    return embed
