"""Helplines are data: validated on load, chosen by country, never silently empty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cogs.crisis.helplines import DEFAULT_PATH, HelplineBook, normalise_country
from config.errors import ConfigError


@pytest.fixture(scope="module")
def book() -> HelplineBook:
    return HelplineBook.load([DEFAULT_PATH])


def test_every_seed_country_has_a_crisis_line_and_an_emergency_number(book: HelplineBook) -> None:
    for code in ("IN", "US", "CA", "GB", "IE", "AU", "NZ"):
        lines = book.for_country(code)
        assert any(h.crisis and h.country == code for h in lines), code
        assert book.emergency_number(code), code


def test_emergency_numbers_match_the_brief(book: HelplineBook) -> None:
    assert book.emergency_number("IN") == "112"
    assert book.emergency_number("US") == "911"
    assert book.emergency_number("GB") == "999"
    assert book.emergency_number("AU") == "000"
    assert book.emergency_number("NZ") == "111"
    assert book.emergency_number("DE") == "112"  # EU countries without their own entry


def test_an_unlisted_country_still_gets_the_international_directory(book: HelplineBook) -> None:
    lines = book.for_country("BR")
    assert [h.name for h in lines] == ["Find A Helpline"]


def test_crisis_lines_come_before_support_lines(book: HelplineBook) -> None:
    names = [h.name for h in book.for_country("IN")]
    assert names[0] == "Tele-MANAS"
    assert names.index(
        "Indian Organization for Rare Diseases (patient support, not a crisis line)"
    ) > names.index("Tele-MANAS")
    assert names[-1] == "Find A Helpline"


def test_uk_is_accepted_as_gb() -> None:
    assert normalise_country("uk") == "GB"
    assert normalise_country("XX") is None


def test_every_entry_says_where_it_came_from_and_when(book: HelplineBook) -> None:
    assert all(h.source.strip() and (h.copied or h.checked) for h in book.helplines)
    assert all(c.source for c in book.countries.values())
    flagged = {h.name for h in book.helplines if h.recheck}
    assert flagged == {"Vandrevala Foundation", "KIRAN mental health rehabilitation helpline"}


def test_a_server_file_adds_and_replaces_entries(tmp_path: Path) -> None:
    extra = tmp_path / "helplines.toml"
    extra.write_text(
        '[[helpline]]\ncountry = "GB"\nname = "Samaritans"\ncontact = "Call 116 123 or email"\n'
        'ways = ["call"]\nhours = "24/7"\nlanguages = "English, Welsh"\n'
        'source = "samaritans.org"\nchecked = 2026-11-01\n'
    )
    book = HelplineBook.load([DEFAULT_PATH, extra])
    samaritans = [h for h in book.for_country("GB") if h.name == "Samaritans"]
    assert len(samaritans) == 1
    assert samaritans[0].languages == "English, Welsh"
    assert samaritans[0].checked == dt.date(2026, 11, 1)


def test_a_missing_date_is_reported_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "helplines.toml"
    bad.write_text(
        '# comment\n\n[[helpline]]\ncountry = "US"\nname = "X"\ncontact = "1"\n'
        'ways = ["call"]\nhours = "24/7"\nlanguages = "en"\nsource = "a leaflet"\n'
    )
    with pytest.raises(ConfigError) as caught:
        HelplineBook.load([bad])
    assert caught.value.line == 3
    assert "`copied`" in str(caught.value)
    assert "`checked`" in str(caught.value)
    assert str(bad) in str(caught.value)


def test_broken_toml_is_reported_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "helplines.toml"
    bad.write_text('[[country]]\ncode = "US"\nname = "United States\n')
    with pytest.raises(ConfigError) as caught:
        HelplineBook.load([bad])
    assert caught.value.line == 3
    assert "not valid TOML" in str(caught.value)


def test_crisis_messages_can_leave_out_support_lines(book: HelplineBook) -> None:
    names = [h.name for h in book.for_country("IN", crisis_only=True)]
    assert not any("Rare Diseases" in n for n in names)
    assert names[-1] == "Find A Helpline"
