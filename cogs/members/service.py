"""The members lane: a member's language (issue 15).

No discord. ``language_of`` is what other lanes call (placement, a DM or a job's message to one
member): the member's own choice, else their Discord locale (the one their client sent with this
interaction, else the last one Kindred saw), else the server's language (``language.decide``).
``interacted`` is called at the start of every interaction: it remembers the member's locale, so
a message that carries none (a DM, a job) still speaks their language.
"""

from __future__ import annotations

from cogs.members import language
from cogs.utils.clock import Clock
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.members import MemberLanguageRepository


class MemberService:
    """A member's language: their choice, and the one Kindred uses for them."""

    def __init__(
        self, repo: MemberLanguageRepository, guild_settings: GuildSettingsRepository, clock: Clock
    ) -> None:
        self.repo = repo
        self.guild_settings = guild_settings
        self.clock = clock

    async def choose_language(self, user_id: int, code: str | None) -> str | None:
        """Remember the language a member chose (None: go back to their Discord language)."""
        chosen = None if code is None else language.check_choice(code)
        await self.repo.set_language(user_id, chosen, self.clock.now())
        return chosen

    async def server_language(self, guild_id: int | None) -> str:
        """The server's language (English until /setup sets another)."""
        if guild_id is None:
            return language.ENGLISH
        settings = await self.guild_settings.get(guild_id)
        return language.decide(None, None, settings.language)

    async def language_of(
        self, guild_id: int | None, user_id: int, locale: str | None = None
    ) -> str:
        """The language Kindred uses for this member: own choice > Discord locale > server.

        Without ``locale`` (a DM, a job) the locale Kindred last saw from them is used.
        """
        own, remembered = await self.repo.language_and_locale(user_id)
        return language.decide(own, locale or remembered, await self.server_language(guild_id))

    async def interacted(self, guild_id: int | None, user_id: int, locale: str | None) -> str:
        """A member used a command or a button: remember their Discord locale (written only
        when it changed) and return the language to speak to them."""
        own, remembered = await self.repo.language_and_locale(user_id)
        if locale and locale != remembered:
            await self.repo.remember_locale(user_id, locale, self.clock.now())
        return language.decide(own, locale or remembered, await self.server_language(guild_id))
