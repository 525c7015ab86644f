"""Helplines are honest about what is known: where an entry came from, whether a person has
checked it, and a doubtful line is held back from members until someone does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import bot
from cogs.admin._check import helpline_notes, helpline_problems
from cogs.crisis import messages
from cogs.crisis.helplines import DEFAULT_PATH, HelplineBook
from config.errors import ConfigError

TODAY = dt.date(2026, 12, 5)


@pytest.fixture(scope="module")
def book() -> HelplineBook:
    return HelplineBook.load([DEFAULT_PATH])


def entry(**fields: str) -> str:
    """One [[helpline]] entry; a field given as "" is left out."""
    base = {
        "country": '"US"',
        "name": '"Local line"',
        "contact": '"Call 555"',
        "ways": '["call"]',
        "hours": '"24/7"',
        "languages": '"English"',
        "source": '"a leaflet"',
        "copied": "2026-11-23",
    }
    base.update(fields)
    return "[[helpline]]\n" + "".join(f"{k} = {v}\n" for k, v in base.items() if v)


def load(tmp_path: Path, text: str) -> HelplineBook:
    extra = tmp_path / "helplines.toml"
    extra.write_text(text)
    return HelplineBook.load([DEFAULT_PATH, extra])


# --- every country has an emergency number -----------------------------------------------------


def test_every_country_with_a_line_has_an_emergency_number(book: HelplineBook) -> None:
    for code in {h.country for h in book.helplines} - {"*"}:
        assert book.emergency_number(code), code


@pytest.mark.parametrize(
    ("code", "number"),
    [
        ("MX", "911"),
        ("PR", "911"),
        ("CO", "123"),
        ("DO", "911"),
        ("JM", "110 (ambulance), 119 (police)"),
        ("BD", "999"),
        ("NG", "112"),
        ("KE", "999 or 112"),
        ("EG", "123 (ambulance), 122 (police)"),
    ],
)
def test_latin_america_the_caribbean_south_asia_and_africa_have_their_numbers(
    book: HelplineBook, code: str, number: str
) -> None:
    assert book.emergency_number(code) == number


def test_the_urgent_dm_for_mexico_gives_a_number_not_only_a_website(book: HelplineBook) -> None:
    text = messages.member_message(
        "Lucía", book.for_country("MX", crisis_only=True), book.emergency_number("MX"), True
    )
    assert "Call **911**" in text
    assert "findahelpline.com" in text


# --- the member's language ----------------------------------------------------------------------


def test_988_says_how_to_reach_it_in_spanish(book: HelplineBook) -> None:
    lifeline = book.for_country("US", language="es")[0]
    assert lifeline.name == "988 Suicide & Crisis Lifeline"
    how = lifeline.how_in("es-MX")
    assert how is not None
    assert "marca 2" in how
    assert "AYUDA" in how
    assert lifeline.how_in("en") is None
    assert lifeline.how_in(None) is None


def test_a_spanish_speaking_members_dm_says_how_to_reach_988_in_spanish(
    book: HelplineBook,
) -> None:
    lines = book.for_country("US", crisis_only=True, language="es")
    text = messages.member_message("Lucía", lines, "911", urgent=True, language="es")
    assert "llama al 988 y marca 2, o envía AYUDA al 988" in text
    assert "**911**" in text
    assert len(text) < 450  # one line more than the English first screen
    english = messages.member_message("Lucía", lines, "911", urgent=True)
    assert "AYUDA" not in english


def test_resources_say_it_too(book: HelplineBook) -> None:
    text = messages.resources_message(
        book.for_country("US", language="es"), "911", "United States", "es"
    )
    assert "AYUDA" in text


def test_a_lines_languages_must_be_text(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, entry(how="{es = 3}"))
    assert "`how`" in str(caught.value)


# --- not sent until checked ---------------------------------------------------------------------


def test_a_line_marked_for_rechecking_is_not_sent_to_members(book: HelplineBook) -> None:
    sent = {h.name for h in book.for_country("IN", crisis_only=True)}
    assert "Vandrevala Foundation" not in sent
    assert "KIRAN mental health rehabilitation helpline" not in sent
    assert "Tele-MANAS" in sent
    assert "Find A Helpline" in sent
    assert book.emergency_number("IN") == "112"


def test_a_country_with_only_doubtful_lines_falls_back_to_the_directory(tmp_path: Path) -> None:
    book = load(
        tmp_path,
        '[[country]]\ncode = "BR"\nname = "Brazil"\nemergency = "192"\nsource = "a leaflet"\n'
        + entry(country='"BR"', recheck="true"),
    )
    assert [h.name for h in book.for_country("BR")] == ["Find A Helpline"]
    text = messages.member_message("Ana", book.for_country("BR"), "192", urgent=True)
    assert "**192**" in text
    assert "Find A Helpline" in text
    assert "Local line" not in text


def test_marking_it_checked_sends_it_again(tmp_path: Path) -> None:
    book = load(tmp_path, entry(country='"BR"', checked="2026-12-01", recheck="false"))
    assert "Local line" in [h.name for h in book.for_country("BR")]


# --- the loader ---------------------------------------------------------------------------------


def test_see_their_website_needs_a_website(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, "\n" + entry(hours='"see their website"'))
    assert caught.value.line == 2
    assert "website" in str(caught.value)
    assert "hours" in str(caught.value)
    book = load(tmp_path, entry(hours='"see their website"', website='"example.org"'))
    assert any(h.website == "example.org" for h in book.helplines)


def test_an_entry_needs_a_source(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, entry(source=""))
    assert "`source`" in str(caught.value)


def test_the_shipped_file_has_no_website_less_website_hours(book: HelplineBook) -> None:
    assert all(h.website for h in book.helplines if "website" in h.hours.lower())


# --- what staff see -----------------------------------------------------------------------------


def test_staff_see_copied_not_checked_never_verified(book: HelplineBook) -> None:
    notes = "\n".join(helpline_notes(book, TODAY))
    assert "'Crisis Text Line' (US): copied 2026-11-23, not checked" in notes
    assert "'Vandrevala Foundation' (IN) is marked `recheck`, so members are not sent it" in notes
    assert "verified" not in notes


def test_a_checked_line_says_when(tmp_path: Path) -> None:
    book = load(tmp_path, entry(checked="2026-12-01"))
    line = next(h for h in book.helplines if h.name == "Local line")
    assert messages.checked_wording(line) == "checked 2026-12-01"
    assert not any("Local line" in n for n in helpline_notes(book, TODAY))


def test_a_check_older_than_a_year_is_a_problem(tmp_path: Path) -> None:
    book = load(tmp_path, entry(checked="2025-12-01", copied=""))
    problems = helpline_problems(book, TODAY)
    assert len(problems) == 1
    assert "'Local line' (US)" in problems[0]
    assert "checked 2025-12-01" in problems[0]
    assert "set `checked = 2026-12-05`" in problems[0]
    assert helpline_problems(book, dt.date(2026, 11, 30)) == []


def test_bot_check_fails_on_a_year_old_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    extra = tmp_path / "conf"
    extra.mkdir()
    (extra / "helplines.toml").write_text(entry(checked="2020-01-01", copied=""))
    status = bot.main(
        ["check"], env={"KINDRED_DB": str(tmp_path / "k.db"), "KINDRED_CONFIG_DIR": str(extra)}
    )
    err = capsys.readouterr().err
    assert status == 2
    assert "Helpline 'Local line' (US) is out of date: checked 2020-01-01" in err
    assert "Traceback" not in err


def test_a_country_listed_for_its_emergency_number_alone_has_no_lines(book: HelplineBook) -> None:
    assert book.has_lines("IN")
    assert not book.has_lines("MX")
    assert not book.has_lines("FR")
    assert not book.has_lines(None)
