"""The intake modal: consent and a few preferences (at most 5 fields, Discord's limit)."""

from __future__ import annotations

from typing import Any

import discord

from cogs.cohorts import messages


class IntakeModal(discord.ui.Modal):
    """Asks for consent, focus, timezone, check-ins and language before enrolling a member."""

    def __init__(self, cohort_id: int, cohort_name: str) -> None:
        super().__init__(title=f"Join {cohort_name}"[:45], custom_id=f"cohort:intake:{cohort_id}")
        self.cohort_id = cohort_id
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
        cog: Any = interaction.client.get_cog("CohortsCog")  # type: ignore[attr-defined]
        await cog.finish_intake(
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

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)


class ThemeModal(discord.ui.Modal):
    """Edits one week's theme post for one cohort, starting from the current text."""

    def __init__(self, cohort_id: int, week: int, current: str) -> None:
        super().__init__(title=f"Week {week} theme"[:45], custom_id=f"cohort:theme:{cohort_id}")
        self.cohort_id = cohort_id
        self.week = week
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
        cog: Any = interaction.client.get_cog("CohortsCog")  # type: ignore[attr-defined]
        await cog.save_theme(interaction, self.cohort_id, self.week, self.theme.value)

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        """Answer privately with the shared error copy."""
        from cogs.utils.tree import answer_error

        await answer_error(interaction, error)
