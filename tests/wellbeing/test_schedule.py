"""A cohort's own wellbeing schedule."""

from __future__ import annotations

import pytest

from cogs.utils.errors import InvalidInput
from cogs.wellbeing.instruments import Schedule
from cogs.wellbeing.schedule import forms_for_week, parse_weeks

DEFAULT = Schedule(
    weekly=("who5",), full=("who5", "mood", "ucla3"), full_weeks=(1, 12), optional=()
)


def test_weeks_are_parsed_sorted_and_deduplicated() -> None:
    assert parse_weeks("12, 1 6,1", 12) == (1, 6, 12)
    assert parse_weeks("none", 12) == ()


@pytest.mark.parametrize(
    "text", ["13", "0", "0, 2", "-1", "1.5", "1-6", "week one", ",", "\u00b2", "1\u0663"]
)
def test_bad_weeks_say_what_to_type(text: str) -> None:
    with pytest.raises(InvalidInput, match="1, 6, 12") as raised:
        parse_weeks(text, 12)
    assert "Nothing was changed" in raised.value.message


def test_zero_is_not_a_way_to_say_none() -> None:
    with pytest.raises(InvalidInput, match="`0` is not a week of this cohort"):
        parse_weeks("0", 12)


def test_weeks_in_other_numerals_and_commas_are_read() -> None:
    assert parse_weeks("\u0666\u060c \u0661\u0662", 12) == (6, 12)  # Arabic-Indic, Arabic comma
    assert parse_weeks("\uff11\u3001\uff16", 12) == (1, 6)  # full-width, ideographic comma


def test_defaults_send_the_full_set_in_weeks_1_and_12_and_who5_otherwise() -> None:
    assert forms_for_week(DEFAULT, 1, in_cohort=True) == ("who5", "mood", "ucla3")
    assert forms_for_week(DEFAULT, 5, in_cohort=True) == ("who5",)
    assert forms_for_week(DEFAULT, 1, in_cohort=False) == ("who5",)


def test_a_cohort_can_move_the_full_weeks_and_drop_the_weekly_form() -> None:
    kw = {"in_cohort": True, "full_weeks": (1, 6), "weekly_forms": ()}
    assert forms_for_week(DEFAULT, 6, **kw) == ("who5", "mood", "ucla3")
    assert forms_for_week(DEFAULT, 12, **kw) == ()
