"""A member's language: the one decision, reading languages from free text, and ``/language``'s
service with its storage (kept in /privacy export, forgotten by erase)."""

from __future__ import annotations

import datetime as dt

import pytest

from cogs.members import language, messages
from cogs.members.service import MemberService
from cogs.privacy.service import PrivacyService
from cogs.utils.clock import FakeClock
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.repositories.crisis import MemberSettingsRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.jobs import JobRepository
from db.repositories.members import MemberLanguageRepository

GUILD, ASHA, ADMIN = 900, 101, 1
NOW = dt.datetime(2026, 10, 5, 13, 0, tzinfo=dt.UTC)


# --- the decision -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("own", "locale", "server", "expected"),
    [
        ("hi", "es-ES", "en", "hi"),  # her own choice wins
        (None, "es-ES", "en", "es"),  # then her Discord locale
        (None, "es-419", "en", "es"),
        (None, "hi", "es", "hi"),
        (None, "en-US", "es", "en"),
        (None, "fr", "es", "es"),  # a locale Kindred has no language for: the server's
        (None, None, "hi", "hi"),
        (None, None, None, "en"),  # nothing set anywhere: English
        ("xx", None, "es", "es"),  # a stored code Kindred no longer has is ignored
    ],
)
def test_own_choice_then_discord_locale_then_the_server(
    own: str | None, locale: str | None, server: str | None, expected: str
) -> None:
    assert language.decide(own, locale, server) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Spanish", ("es",)),
        ("español", ("es",)),
        ("Espanol", ("es",)),
        ("ESPAÑOL", ("es",)),
        ("Hindi", ("hi",)),
        ("हिंदी", ("hi",)),
        ("हिन्दी", ("hi",)),
        ("Spanish, English is fine too", ("es", "en")),
        ("Hindi / English", ("hi", "en")),
        ("en español por favor", ("es",)),  # "en" is a word here, not English
        ("hi! English please", ("en",)),
        ("French", ()),
        ("", ()),
    ],
)
def test_the_join_forms_language_answer_maps_to_codes(text: str, expected: tuple[str, ...]) -> None:
    assert language.languages_in(text) == expected


def test_the_reply_to_language_names_the_choice() -> None:
    assert "**Español**" in messages.language_set("es", "es")
    assert "Discord language again" in messages.language_set(None, "hi")
    assert "**हिन्दी**" in messages.language_set(None, "hi")


# --- the service and its storage ------------------------------------------------------------


@pytest.fixture
def settings(db: Database) -> GuildSettingsRepository:
    return GuildSettingsRepository(db)


@pytest.fixture
def members(db: Database, settings: GuildSettingsRepository) -> MemberService:
    return MemberService(MemberLanguageRepository(db), settings, FakeClock(NOW))


async def test_a_chosen_language_beats_the_locale_until_it_is_cleared(
    members: MemberService,
) -> None:
    assert await members.language_of(GUILD, ASHA, "es-ES") == "es"
    await members.choose_language(ASHA, "hi")
    assert await members.language_of(GUILD, ASHA, "es-ES") == "hi"
    assert await members.language_of(None, ASHA) == "hi"  # in a DM too
    await members.choose_language(ASHA, None)
    assert await members.language_of(GUILD, ASHA, "es-ES") == "es"


async def test_the_server_language_is_the_fallback(
    members: MemberService, settings: GuildSettingsRepository
) -> None:
    assert await members.server_language(GUILD) == "en"
    await settings.update(GUILD, {"language": "es"}, actor_id=ADMIN, now=NOW)  # /setup set
    assert await members.server_language(GUILD) == "es"
    assert await members.language_of(GUILD, ASHA, "fr") == "es"
    assert await members.language_of(GUILD, ASHA, "hi") == "hi"


async def test_a_language_kindred_does_not_have_is_refused(members: MemberService) -> None:
    with pytest.raises(ValueError, match="not a language"):
        await members.choose_language(ASHA, "fr")


async def test_the_language_is_in_the_export_and_gone_after_erase(
    db: Database, members: MemberService
) -> None:
    clock = FakeClock(NOW)
    await MemberSettingsRepository(db).set_country(ASHA, "IN", NOW)
    await members.choose_language(ASHA, "es")
    privacy = PrivacyService(db, jobs=JobScheduler(JobRepository(db), clock), clock=clock)
    held = await privacy.tables(ASHA)
    assert held["member_settings"][0]["language"] == "es"
    assert held["member_settings"][0]["country"] == "IN"  # the helpline choice is kept with it
    await privacy.erase(ASHA)
    assert await members.language_of(GUILD, ASHA, None) == "en"
    assert await db.fetchval("SELECT count(*) FROM member_settings") == 0


async def test_privacy_show_describes_a_language_without_a_helpline_country(
    db: Database, members: MemberService
) -> None:
    from cogs.privacy.service import describe

    await members.choose_language(ASHA, "hi")
    clock = FakeClock(NOW)
    privacy = PrivacyService(db, jobs=JobScheduler(JobRepository(db), clock), clock=clock)
    lines = describe(await privacy.tables(ASHA), 30)
    assert any(line.startswith("**Language**: Hindi") for line in lines)
    assert not any("Helpline country" in line for line in lines)


# --- the remembered Discord locale (V23) --------------------------------------------------------


async def test_an_interaction_remembers_the_locale_for_messages_that_carry_none(
    db: Database, members: MemberService
) -> None:
    assert await members.language_of(GUILD, ASHA) == "en"
    assert await db.fetchval("SELECT count(*) FROM member_settings") == 0  # never interacted
    assert await members.interacted(GUILD, ASHA, "es-419") == "es"
    assert await members.language_of(GUILD, ASHA) == "es"  # a DM or a job: the remembered one
    assert await members.language_of(GUILD, ASHA, "hi") == "hi"  # this interaction's wins
    await members.choose_language(ASHA, "en")
    assert await members.language_of(GUILD, ASHA) == "en"  # her own choice first
    await members.choose_language(ASHA, None)
    assert await members.interacted(GUILD, ASHA, "hi") == "hi"  # the new locale is remembered
    assert await members.language_of(None, ASHA) == "hi"


async def test_a_new_locale_replaces_the_old_and_keeps_when_the_member_last_chose(
    db: Database, members: MemberService
) -> None:
    await members.choose_language(ASHA, None)
    chosen_at = await db.fetchval(
        "SELECT updated_at FROM member_settings WHERE user_id = ?", (ASHA,)
    )
    await members.interacted(GUILD, ASHA, "es-419")
    await members.interacted(GUILD, ASHA, "hi")
    row = await db.fetchone(
        "SELECT locale, updated_at FROM member_settings WHERE user_id = ?", (ASHA,)
    )
    assert row is not None
    assert row["locale"] == "hi"
    assert row["updated_at"] == chosen_at  # a locale is noticed, not chosen
    await members.interacted(GUILD, ASHA, None)  # no locale sent: nothing forgotten
    assert await members.language_of(GUILD, ASHA) == "hi"


async def test_the_locale_is_in_the_export_and_gone_after_erase(
    db: Database, members: MemberService
) -> None:
    clock = FakeClock(NOW)
    await members.interacted(GUILD, ASHA, "es-419")
    privacy = PrivacyService(db, jobs=JobScheduler(JobRepository(db), clock), clock=clock)
    held = await privacy.tables(ASHA)
    assert held["member_settings"][0]["locale"] == "es-419"
    await privacy.erase(ASHA)
    assert await members.language_of(GUILD, ASHA) == "en"
    assert await db.fetchval("SELECT count(*) FROM member_settings") == 0
