"""Where Discord meets Kindred's languages: who an interaction speaks to, and slash commands.

``speak_to(interaction)`` sets the language for the rest of an interaction's handler: the
member's own choice (``/language``), else their Discord locale when Kindred has it, else the
server's language (``lanes.members.language_of``). The command tree calls it before every slash
command; views, modals and dynamic items call it first in their ``interaction_check`` (discord.py
runs that check and the callback in one task, so the language holds for the callback).

``KindredTranslator`` gives Discord the names and descriptions of Kindred's slash commands in
Spanish and Hindi from the ``commands`` catalogue: names under the context "command name",
everything else (descriptions, parameter descriptions, choice names) under "command". Discord
shows each member the commands in their client's language; a command with no translation shows
in English.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from cogs.members.language import from_locale
from cogs.utils.i18n import ENGLISH, TRANSLATED, speaking, tp, use_language

if TYPE_CHECKING:
    from discord.app_commands import TranslationContextTypes, locale_str

log = logging.getLogger(__name__)

NAME_CONTEXT = "command name"
TEXT_CONTEXT = "command"
_NAME_LOCATIONS = frozenset(
    {
        app_commands.TranslationContextLocation.command_name,
        app_commands.TranslationContextLocation.group_name,
        app_commands.TranslationContextLocation.parameter_name,
    }
)


async def speak_to(interaction: discord.Interaction) -> str:
    """Speak the language of the member behind ``interaction`` for the rest of its handler.

    Never fails the interaction: if the member's choice cannot be read, their Discord locale
    (or English) is used and the problem is logged.
    """
    locale = str(interaction.locale) if interaction.locale else None
    guild_id = interaction.guild_id
    try:
        from cogs.utils.types import lanes

        language = await lanes(interaction.client).members.language_of(
            guild_id, interaction.user.id, locale
        )
    except Exception:
        log.exception(
            "could not read the language of user %s; using their locale", interaction.user.id
        )
        language = from_locale(locale) or ENGLISH
    return use_language(language)


class SpeaksToMember:
    """Mix into a View, Modal or DynamicItem (first) so its callbacks speak the member's language.

    discord.py awaits ``interaction_check`` and then the callback in the same task, so the
    language set here holds for the callback. A class with its own check calls ``speak_to``
    itself.
    """

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        await speak_to(interaction)
        return True


class KindredTranslator(app_commands.Translator):
    """Slash command names and descriptions from the ``commands`` catalogue."""

    async def translate(
        self, string: locale_str, locale: discord.Locale, context: TranslationContextTypes
    ) -> str | None:
        language = from_locale(str(locale))
        if language is None or language not in TRANSLATED:
            return None
        where = NAME_CONTEXT if context.location in _NAME_LOCATIONS else TEXT_CONTEXT
        with speaking(language):
            translated = tp(where, string.message)
        return None if translated == string.message else translated
