"""Forgiving input: the times, dates and timezones people type (cogs/utils/when.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import tomllib
from zoneinfo import ZoneInfo

import pytest

from cogs.utils import when
from cogs.utils.errors import InvalidInput
from cogs.utils.when import AmbiguousTimezone, find_timezone, parse_date, parse_time


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Kolkata", "Asia/Kolkata"),
        ("kolkata", "Asia/Kolkata"),
        ("India", "Asia/Kolkata"),
        ("india time", "Asia/Kolkata"),
        ("IST", "Asia/Kolkata"),
        ("Mumbai", "Asia/Kolkata"),
        ("New Delhi", "Asia/Kolkata"),
        ("New York", "America/New_York"),
        ("new york", "America/New_York"),
        ("  New   York  ", "America/New_York"),
        ("america/new_york", "America/New_York"),
        ("America/New York", "America/New_York"),
        ("AMERICA/NEW_YORK", "America/New_York"),
        ("EST", "America/New_York"),
        ("est", "America/New_York"),
        ("Eastern Standard Time", "America/New_York"),
        ("EDT", "America/New_York"),
        ("Boston", "America/New_York"),
        ("london", "Europe/London"),
        ("London", "Europe/London"),
        ("UK", "Europe/London"),
        ("BST", "Europe/London"),
        ("Dublin", "Europe/Dublin"),
        ("Ireland", "Europe/Dublin"),
        ("Germany", "Europe/Berlin"),
        ("los angeles", "America/Los_Angeles"),
        ("PST", "America/Los_Angeles"),
        ("Pacific time", "America/Los_Angeles"),
        ("Toronto", "America/Toronto"),
        ("Lagos", "Africa/Lagos"),
        ("Nigeria", "Africa/Lagos"),
        ("Tokyo", "Asia/Tokyo"),
        ("São Paulo", None),  # no accent-folding: must not crash, may be unknown
        ("Sao Paulo", "America/Sao_Paulo"),
        ("UTC", "UTC"),
        ("Asia/Kolkata", "Asia/Kolkata"),
        ("The Netherlands", "Europe/Amsterdam"),
        ("Kolkata, India", "Asia/Kolkata"),
        ("New York, USA", "America/New_York"),
    ],
)
def test_places_abbreviations_and_names_find_their_zone(typed: str, zone: str | None) -> None:
    if zone is None:
        with contextlib.suppress(InvalidInput):
            find_timezone(typed)
        return
    assert find_timezone(typed).key == zone


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("CST", {"America/Chicago", "Asia/Shanghai"}),
        ("MST", {"America/Denver", "America/Phoenix"}),
        ("GMT", {"Europe/London", "UTC"}),
        ("USA", {"America/New_York", "America/Chicago", "America/Los_Angeles"}),
        ("Australia", {"Australia/Sydney", "Australia/Perth"}),
        ("Canada", {"America/Toronto", "America/Vancouver"}),
    ],
)
def test_ambiguous_names_ask_instead_of_choosing(typed: str, expected: set[str]) -> None:
    with pytest.raises(AmbiguousTimezone) as caught:
        find_timezone(typed)
    keys = {o.key for o in caught.value.options}
    assert expected <= keys
    assert 2 <= len(caught.value.options) <= 8
    for option in caught.value.options:
        assert option.key in caught.value.message
        assert option.label


def test_cst_options_are_labelled_so_a_person_can_tell_them_apart() -> None:
    with pytest.raises(AmbiguousTimezone) as caught:
        find_timezone("cst")
    labels = [o.label for o in caught.value.options]
    assert labels == ["US Central (Chicago)", "China (Beijing, Shanghai)"]


def test_abbreviations_never_land_on_a_zone_without_daylight_saving() -> None:
    # The IANA list has fixed-offset zones called EST, MST and HST; people mean the places.
    winter, summer = dt.datetime(2027, 1, 15, 12), dt.datetime(2027, 7, 15, 12)
    new_york = find_timezone("EST")
    assert new_york.key == "America/New_York"
    assert new_york.utcoffset(winter) != new_york.utcoffset(summer)
    with pytest.raises(AmbiguousTimezone) as caught:
        find_timezone("MST")
    assert "MST" not in {o.key for o in caught.value.options}
    assert find_timezone("HST").key == "Pacific/Honolulu"


@pytest.mark.parametrize("typed", ["UTC+5:30", "GMT-5", "+0530", "utc -4"])
def test_a_fixed_offset_is_explained_not_accepted(typed: str) -> None:
    with pytest.raises(InvalidInput, match="clocks change"):
        find_timezone(typed)


@pytest.mark.parametrize("typed", ["", "   ", "../../etc/passwd", "Atlantis", "EST5"])
def test_unknown_timezones_are_refused_with_examples(typed: str) -> None:
    with pytest.raises(InvalidInput, match="America/New_York"):
        find_timezone(typed)


def test_a_misspelt_city_gets_a_suggestion() -> None:
    with pytest.raises(InvalidInput, match="Kolkata") as caught:
        find_timezone("Kolkatta")
    assert not isinstance(caught.value, AmbiguousTimezone)
    with pytest.raises(InvalidInput, match="London"):
        find_timezone("Londn")


def test_every_zone_in_the_aliases_file_exists_and_keys_are_lower_case() -> None:
    data = tomllib.loads(when.ALIASES_PATH.read_text(encoding="utf-8"))
    for key, zones in data["aliases"].items():
        assert key == key.lower(), key
        assert zones, key
        assert len(zones) <= 8, key  # buttons in one row set
        for zone in zones:
            assert when.zone_exists(zone), (key, zone)
            # No alias may point at a zone without daylight saving unless that place has none.
            assert zone not in {"EST", "MST", "HST", "EST5EDT", "CST6CDT"}, key
    for zone, label in data["labels"].items():
        assert when.zone_exists(zone), zone
        assert len(label) <= 80, zone  # a Discord button label


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("19:00", dt.time(19)),
        ("7pm", dt.time(19)),
        ("7 pm", dt.time(19)),
        ("7PM", dt.time(19)),
        ("7.30 pm", dt.time(19, 30)),
        ("7.30pm", dt.time(19, 30)),
        ("7:30 p.m.", dt.time(19, 30)),
        ("7:30 P.M.", dt.time(19, 30)),
        ("6:30 am", dt.time(6, 30)),
        ("12 am", dt.time(0)),
        ("12pm", dt.time(12)),
        ("noon", dt.time(12)),
        ("Midnight", dt.time(0)),
        ("1900", dt.time(19)),
        ("19h30", dt.time(19, 30)),
        ("7 o'clock", dt.time(7)),
        ("07:05", dt.time(7, 5)),
        ("18", dt.time(18)),
    ],
)
def test_times_in_the_forms_people_write_them(typed: str, expected: dt.time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "18:60", "13pm", "0am", "noonish", "", "7:3", "later"])
def test_impossible_times_are_none(typed: str) -> None:
    assert parse_time(typed) is None


TODAY = dt.date(2026, 12, 5)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2027-01-12", dt.date(2027, 1, 12)),
        ("12 Jan", dt.date(2027, 1, 12)),
        ("12 jan", dt.date(2027, 1, 12)),
        ("12th January", dt.date(2027, 1, 12)),
        ("Jan 12", dt.date(2027, 1, 12)),
        ("January 12, 2027", dt.date(2027, 1, 12)),
        ("12 Jan 2027", dt.date(2027, 1, 12)),
        ("12 of January", dt.date(2027, 1, 12)),
        ("5 Dec", dt.date(2026, 12, 5)),  # today counts
        ("4 Dec", dt.date(2027, 12, 4)),  # already passed this year: next year
        ("Sept 3", dt.date(2027, 9, 3)),
        ("29 Feb", dt.date(2028, 2, 29)),
    ],
)
def test_dates_in_the_forms_people_write_them(typed: str, expected: dt.date) -> None:
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("01/02/2027", "two ways"),
        ("12/01", "two ways"),
        ("31 Feb 2027", "isn't a real date"),
        ("12 Smarch", "isn't a month"),
        ("next tuesday", "isn't a date I can read"),
        ("", "isn't a date I can read"),
    ],
)
def test_dates_that_cannot_be_read_say_why(typed: str, why: str) -> None:
    with pytest.raises(InvalidInput, match=why):
        parse_date(typed, TODAY)


def test_a_date_without_a_year_needs_today() -> None:
    with pytest.raises(InvalidInput, match="add the year"):
        parse_date("12 Jan")
    assert parse_date("2027-01-12") == dt.date(2027, 1, 12)


def test_find_timezone_returns_a_real_zoneinfo() -> None:
    assert isinstance(find_timezone("Kolkata"), ZoneInfo)


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("", "Asia/Kolkata"),
        ("ist", "Asia/Kolkata"),
        ("India", "Asia/Kolkata"),
        ("kolk", "Asia/Kolkata"),
        ("new y", "America/New_York"),
        ("america/new", "America/New_York"),
        ("EST", "America/New_York"),
        ("cst", "America/Chicago"),
    ],
)
def test_autocomplete_offers_what_was_meant_first(typed: str, first: str) -> None:
    offered = when.timezone_choices(typed)
    assert offered[0] == first
    assert len(offered) == len(set(offered)) <= 25
    assert all(when.zone_exists(z) for z in offered)
