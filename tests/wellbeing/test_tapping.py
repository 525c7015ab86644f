"""Every form in config/instruments.toml fits Discord's limits when answered by tapping."""

from __future__ import annotations

from cogs.wellbeing.instruments import load_instruments
from cogs.wellbeing.tapping import (
    OPTION_LABEL_MAX,
    PER_SCREEN,
    SELECT_PLACEHOLDER_MAX,
    first_screen_to_show,
    option_label,
    question,
    screens,
    unanswered,
)


def test_every_screen_fits_a_message_with_its_buttons() -> None:
    book = load_instruments()
    for key in book.forms:
        instruments = book.form_instruments(key, frozenset({"phq9_item9"}))
        for screen in screens(instruments):
            assert 1 <= len(screen.items) <= PER_SCREEN  # + 1 row of buttons = Discord's 5
            instrument = screen.instrument
            assert instrument.max - instrument.min + 1 <= 25  # options in one select
            for index in screen.items:
                assert len(question(instrument, index)) <= SELECT_PLACEHOLDER_MAX
                assert instrument.items[index].text in question(instrument, index), "not cut"
            for value in range(instrument.min, instrument.max + 1):
                assert len(option_label(instrument, value)) <= OPTION_LABEL_MAX


def test_one_screen_per_instrument_and_who5_takes_two() -> None:
    book = load_instruments()
    who5 = screens(book.form_instruments("who5"))
    assert [(s.instrument.key, s.items, s.part, s.parts) for s in who5] == [
        ("who5", (0, 1, 2, 3), 1, 2),
        ("who5", (4,), 2, 2),
    ]
    mood = screens(book.form_instruments("mood", frozenset({"phq9_item9"})))
    assert [s.instrument.key for s in mood] == ["phq2", "gad2", "phq9_item9"]
    assert option_label(mood[2].instrument, 3) == "3 - Nearly every day"


def test_a_member_coming_back_starts_at_the_first_question_left() -> None:
    who5 = screens(load_instruments().form_instruments("who5"))
    assert first_screen_to_show(who5, {}) == 0
    assert first_screen_to_show(who5, {f"who5:{n}": 1 for n in range(4)}) == 1
    done = {f"who5:{n}": 1 for n in range(5)}
    assert first_screen_to_show(who5, done) == 1, "all answered: the last screen, with Send"
    assert unanswered(who5, done) == []
    assert unanswered(who5, {"who5:0": 2}) == [
        (0, "who5:1"),
        (0, "who5:2"),
        (0, "who5:3"),
        (1, "who5:4"),
    ]
