"""The cohorts lane's Discord UI: the intake and theme modals, and the show and report embeds."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import discord

from cogs.cohorts import messages
from cogs.cohorts.report import CohortReport
from cogs.cohorts.service import Overview

# What the cohorts cog does with a submitted form (the modal only collects the answers).
IntakeHandler = Callable[[discord.Interaction, int, dict[str, str]], Awaitable[None]]
ThemeHandler = Callable[[discord.Interaction, int, int, str], Awaitable[None]]


class IntakeModal(discord.ui.Modal):
    """Asks for consent, focus, timezone, check-ins and language before enrolling a member."""

    def __init__(self, cohort_id: int, cohort_name: str, on_answers: IntakeHandler) -> None:
        super().__init__(title=f"Join {cohort_name}"[:45], custom_id=f"cohort:intake:{cohort_id}")
        self.cohort_id = cohort_id
        self.on_answers = on_answers
        self.consent: discord.ui.TextInput[IntakeModal] = discord.ui.TextInput(
            label="Consent: type yes to agree",
            custom_id="consent",
            placeholder=messages.CONSENT_PLACEHOLDER[:100],
            max_length=10,
        )
        self.focus: discord.ui.TextInput[IntakeModal] = discord.ui.TextInput(
            label="Group focus you'd like (optional)",
            custom_id="focus",
            placeholder="newly diagnosed, progression, affinity or general",
            required=False,
            max_length=40,
        )
        self.timezone: discord.ui.TextInput[IntakeModal] = discord.ui.TextInput(
            label="Your timezone (optional)",
            custom_id="timezone",
            placeholder="e.g. America/New_York",
            required=False,
            max_length=60,
        )
        self.checkins: discord.ui.TextInput[IntakeModal] = discord.ui.TextInput(
            label="Weekly check-ins with a partner? yes/no",
            custom_id="checkins",
            placeholder="yes or no",
            required=False,
            max_length=5,
        )
        self.language: discord.ui.TextInput[IntakeModal] = discord.ui.TextInput(
            label="Preferred language (optional)",
            custom_id="language",
            required=False,
            max_length=40,
        )
        for item in (self.consent, self.focus, self.timezone, self.checkins, self.language):
            self.add_item(item)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Hand the answers to the cog, which enrols or waitlists the member."""
        await self.on_answers(
            interaction,
            self.cohort_id,
            {
                "consent": self.consent.value,
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
