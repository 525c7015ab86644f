"""Instruments load from config and score by their published rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from cogs.utils.errors import InvalidInput
from cogs.wellbeing.instruments import load_instruments
from cogs.wellbeing.scoring import read_as, score, score_form
from config.errors import ConfigError

BOOK = load_instruments()


def test_the_shipped_file_has_the_five_instruments_with_licence_notes() -> None:
    assert set(BOOK.instruments) == {"who5", "phq2", "gad2", "ucla3", "phq9_item9"}
    assert all(i.licence for i in BOOK.instruments.values())
    assert "public domain" in BOOK.instruments["who5"].licence


@pytest.mark.parametrize(
    ("key", "low", "high"),
    [("who5", 0, 100), ("phq2", 0, 6), ("gad2", 0, 6), ("ucla3", 3, 9), ("phq9_item9", 0, 3)],
)
def test_score_ranges_follow_the_published_rules(key: str, low: int, high: int) -> None:
    instrument = BOOK.instruments[key]
    assert (instrument.score_min, instrument.score_max) == (low, high)


def test_who5_is_the_raw_sum_times_four() -> None:
    assert score(BOOK.instruments["who5"], [3, 3, 2, 4, 3]).score == 60


def test_every_form_fits_discords_five_inputs_even_with_item_9() -> None:
    for key in BOOK.forms:
        items = sum(len(i.items) for i in BOOK.form_instruments(key, frozenset({"phq9_item9"})))
        assert items <= 5


def test_item_9_is_only_on_the_form_when_enabled() -> None:
    assert "phq9_item9" not in [i.key for i in BOOK.form_instruments("mood")]
    enabled = BOOK.form_instruments("mood", frozenset({"phq9_item9"}))
    assert [i.key for i in enabled] == ["phq2", "gad2", "phq9_item9"]


def test_a_form_is_scored_from_typed_numbers() -> None:
    typed = {"phq2:0": "1", "phq2:1": " 2 ", "gad2:0": "0", "gad2:1": "3"}
    scored = score_form(BOOK.form_instruments("mood"), typed)
    assert [(s.instrument, s.score) for s in scored] == [("phq2", 3), ("gad2", 3)]


@pytest.mark.parametrize(
    "typed",
    [
        "4",
        "-1",
        "x",
        "",
        "\u00b2",  # superscript two: isdigit() but not int(); used to be an unexpected error
        "--2",  # used to be an unexpected error too
        "\u2461",  # circled two
        "1\u0661",  # digits of two scripts
        "+2",
    ],
)
def test_an_out_of_range_answer_says_the_allowed_range(typed: str) -> None:
    answers = {"phq2:0": "1", "phq2:1": typed, "gad2:0": "0", "gad2:1": "0"}
    with pytest.raises(InvalidInput) as raised:
        score_form(BOOK.form_instruments("mood"), answers)
    assert "from 0 to 3 (0 = " in raised.value.message
    assert "Nothing was saved" in raised.value.message


@pytest.mark.parametrize("two", ["\u0662", "\u06f2", "\u0968", "\uff12"])
def test_answers_in_other_numerals_are_read_as_the_same_number(two: str) -> None:
    typed = {"phq2:0": "1", "phq2:1": two, "gad2:0": "0", "gad2:1": f" {two} "}
    scored = score_form(BOOK.form_instruments("mood"), typed)
    assert [(s.instrument, s.answers) for s in scored] == [("phq2", (1, 2)), ("gad2", (0, 2))]
    assert read_as(typed) == [(two, 2), (two, 2)]


def test_plain_digits_need_no_note() -> None:
    assert read_as({"who5:0": "3", "who5:1": " 03 "}) == []


def test_ucla_answers_start_at_one() -> None:
    with pytest.raises(InvalidInput, match="from 1 to 3"):
        score(BOOK.instruments["ucla3"], [0, 1, 1])


def test_a_form_with_too_many_questions_is_refused_with_its_line(tmp_path: Path) -> None:
    text = Path("config/instruments.toml").read_text()
    text = text.replace('instruments = ["ucla3"]', 'instruments = ["ucla3", "phq2", "gad2"]')
    path = tmp_path / "instruments.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_instruments(path)
    assert "at most 5" in str(raised.value)
    assert raised.value.line is not None


def test_a_long_label_is_refused(tmp_path: Path) -> None:
    text = Path("config/instruments.toml").read_text()
    text = text.replace('short = "Calm and relaxed"', f'short = "{"very " * 10}calm"')
    path = tmp_path / "instruments.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match="45 characters"):
        load_instruments(path)
