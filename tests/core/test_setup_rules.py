"""The rules behind /setup: countries, timezones and what is missing."""

from __future__ import annotations

import pytest

from cogs.admin import messages
from cogs.admin.policy import (
    country_choices,
    missing_settings,
    parse_country,
    parse_timezone,
    timezone_choices,
)
from cogs.crisis.helplines import DEFAULT_PATH, HelplineBook
from cogs.utils.errors import InvalidInput
from db.models import GuildSettings

BOOK = HelplineBook.load([DEFAULT_PATH])


def test_timezones_are_matched_without_minding_case_or_spaces() -> None:
    assert parse_timezone("america/new york") == "America/New_York"
    assert parse_timezone("Asia/Kolkata") == "Asia/Kolkata"


def test_cities_countries_and_abbreviations_are_understood() -> None:
    assert parse_timezone("Kolkata") == "Asia/Kolkata"
    assert parse_timezone("India") == "Asia/Kolkata"
    assert parse_timezone("EST") == "America/New_York"


def test_an_ambiguous_abbreviation_lists_the_zones_it_could_be() -> None:
    from cogs.utils.when import AmbiguousTimezone

    with pytest.raises(AmbiguousTimezone) as caught:
        parse_timezone("CST")
    assert "America/Chicago" in caught.value.message
    assert "Asia/Shanghai" in caught.value.message


def test_an_unknown_timezone_says_what_to_type_and_suggests() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_timezone("Asia/Kolk")
    assert "Asia/Kolkata" in caught.value.message
    assert "Europe/London" in caught.value.message


def test_timezone_choices_find_cities_and_stay_within_discord_limits() -> None:
    assert "Asia/Kolkata" in timezone_choices("kolk")
    assert len(timezone_choices("a")) <= 25


def test_countries_by_code_alias_or_name() -> None:
    assert parse_country("in", BOOK) == "IN"
    assert parse_country("UK", BOOK) == "GB"
    assert parse_country("India", BOOK) == "IN"
    with pytest.raises(InvalidInput, match="two-letter code"):
        parse_country("Narnia", BOOK)


def test_country_choices_list_countries_with_helplines() -> None:
    assert ("India (IN)", "IN") in country_choices("ind", BOOK)
    assert country_choices("fr", BOOK)[0][1] == "FR"


def test_missing_settings_name_the_option_to_use() -> None:
    partial = GuildSettings(guild_id=1, staff_channel_id=5, country="IN")
    missing = dict(missing_settings(partial))
    assert "staff channel" not in missing
    assert missing["on-call role"] == "oncall_role"
    assert "`oncall_role`" in messages.missing_hint(partial)


def test_a_staff_role_nobody_holds_is_still_missing() -> None:
    roles = GuildSettings(guild_id=1, moderator_role_id=2, coordinator_role_id=3)
    held = {"moderator_role_id": 2, "coordinator_role_id": 0}
    hint = messages.missing_hint(roles, held)
    assert "Still missing: nobody has the coordinator role yet" in hint
    assert "nobody has the moderator role" not in hint
    assert "nobody can see crisis cases" not in hint


def test_with_no_staff_role_held_nobody_can_see_cases() -> None:
    roles = GuildSettings(guild_id=1, moderator_role_id=2)
    hint = messages.missing_hint(roles, {"moderator_role_id": 0})
    assert "nobody has the moderator role yet" in hint
    assert "`coordinator_role`" in hint
    assert "nobody can see crisis cases" in hint
    assert "Manage Server alone" in hint


def test_everything_set_and_held_says_so() -> None:
    full = GuildSettings(
        guild_id=1,
        moderator_role_id=2,
        coordinator_role_id=3,
        oncall_role_id=4,
        backup_role_id=5,
        staff_channel_id=6,
        country="IN",
        timezone="Asia/Kolkata",
    )
    held = {"moderator_role_id": 2, "coordinator_role_id": 1}
    assert messages.missing_hint(full, held).startswith("Everything is set")


async def test_settings_reads_are_cached_and_every_write_refreshes_them(db) -> None:
    from datetime import UTC, datetime

    from db.repositories.guild_settings import GuildSettingsRepository

    repo = GuildSettingsRepository(db)
    now = datetime(2026, 11, 23, tzinfo=UTC)
    assert (await repo.get(7)).country is None
    await repo.update(7, {"country": "IN"}, actor_id=1, now=now)
    assert (await repo.get(7)).country == "IN"
    assert await repo.erase_member(1) == 1
    assert (await repo.get(7)).updated_by is None
    await repo.delete(7)
    assert (await repo.get(7)).country is None
