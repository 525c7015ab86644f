"""Slash commands in the member's client language: every member command's description, option
description and choice has a Spanish and a Hindi translation within Discord's limits, the
stand-in accepts the synced payload, and a new translation changes what is synced.

Command and option names stay English on purpose (messages say `/resources`, `/privacy delete`);
staff commands (default permissions set) stay English like all staff text (commands.po says why).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import discord
import pytest
from discord import app_commands

from cogs.utils.i18n import TRANSLATED, read_catalogue
from cogs.utils.i18n_discord import NAME_CONTEXT, TEXT_CONTEXT, KindredTranslator, synced_payload
from tests.conftest import Kindred

DESCRIPTION, CHOICE, MENU_NAME = 100, 100, 32


def _is_staff(command: Any) -> bool:
    return getattr(command, "default_permissions", None) is not None


def _texts(command: Any) -> Iterator[tuple[str, str, int]]:
    """(context, English text, Discord's limit) for everything a member reads of ``command``."""
    if isinstance(command, app_commands.ContextMenu):
        yield NAME_CONTEXT, command.name, MENU_NAME
        return
    yield TEXT_CONTEXT, command.description, DESCRIPTION
    if isinstance(command, app_commands.Group):
        for sub in command.commands:
            yield from _texts(sub)
        return
    for parameter in command.parameters:
        yield TEXT_CONTEXT, parameter.description, DESCRIPTION
        for choice in parameter.choices:
            yield TEXT_CONTEXT, choice.name, CHOICE


def member_texts(kindred: Kindred) -> list[tuple[str, str, int, str]]:
    found = []
    for command in kindred.bot.tree.get_commands():
        if _is_staff(command):
            continue
        for context, text, limit in _texts(command):
            found.append((context, text, limit, command.name))
    return found


async def test_every_member_command_text_is_translated_within_discords_limits(
    kindred: Kindred,
) -> None:
    texts = member_texts(kindred)
    assert len(texts) > 100  # the walk really found the tree
    problems = []
    for language in TRANSLATED:
        catalogue = read_catalogue(language)
        for context, text, limit, where in texts:
            entry = catalogue.get(text, context)
            if entry is None or not entry.string:
                problems.append(f"{language} /{where}: no translation for {text!r}")
            elif not 1 <= len(str(entry.string)) <= limit:
                problems.append(f"{language} /{where}: longer than {limit}: {entry.string!r}")
    assert problems == []


async def test_names_stay_english_and_staff_commands_are_not_translated(kindred: Kindred) -> None:
    synced = {c["name"]: c for c in await synced_payload(kindred.bot.tree)}
    assert "name_localizations" not in synced["resources"] or not any(
        synced["resources"]["name_localizations"].values()
    )
    assert synced["resources"]["description_localizations"]["es-419"].startswith("Líneas")
    assert synced["resources"]["description_localizations"]["es-ES"].startswith("Líneas")
    assert synced["resources"]["description_localizations"]["hi"].startswith("मुफ़्त")
    assert not synced["setup"].get("description_localizations")
    assert synced["Report message"]["name_localizations"]["es-419"] == "Reportar mensaje"


async def test_the_stand_in_accepted_the_translated_commands(kindred: Kindred) -> None:
    # The test bot syncs to its dev guild; a production bot syncs globally.
    synced = [*kindred.fake.global_commands]
    for commands in kindred.fake.guild_commands.values():
        synced.extend(commands)
    stored = {c["name"]: c for c in synced}
    assert stored["privacy"]["description_localizations"]["hi"].startswith("Kindred")
    language = next(o for o in stored["language"]["options"] if o["name"] == "language")
    auto = next(c for c in language["choices"] if c["value"] == "auto")
    assert auto["name_localizations"]["es-419"] == "El idioma de mi Discord"


async def test_a_translation_changes_what_is_synced(kindred: Kindred) -> None:
    tree = kindred.bot.tree
    with_translations = await synced_payload(tree)
    await tree.set_translator(None)
    try:
        plain = await synced_payload(tree)
    finally:
        await tree.set_translator(KindredTranslator())
    assert plain != with_translations


@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("description_localizations", {"es-419": "x" * 101}, "Description"),
        ("description_localizations", {"es": "Hola"}, "Invalid locale"),
        ("name_localizations", {"es-419": "Con Espacios"}, "Invalid command"),
    ],
)
async def test_the_stand_in_refuses_bad_localizations(
    kindred: Kindred, field: str, value: dict[str, str], needle: str
) -> None:
    command = {"type": 1, "name": "demo", "description": "A demo", field: value}
    with pytest.raises(discord.HTTPException) as info:
        await kindred.bot.http.bulk_upsert_global_commands(kindred.fake.application_id, [command])
    assert info.value.status == 400
    assert needle in kindred.fake.refusals[-1].message
