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


@pytest.mark.parametrize("text", ["13", "0, 2", "week one", ","])
def test_bad_weeks_say_what_to_type(text: str) -> None:
    with pytest.raises(InvalidInput, match="1, 6, 12"):
        parse_weeks(text, 12)


def test_defaults_send_the_full_set_in_weeks_1_and_12_and_who5_otherwise() -> None:
    assert forms_for_week(DEFAULT, 1, in_cohort=True) == ("who5", "mood", "ucla3")
    assert forms_for_week(DEFAULT, 5, in_cohort=True) == ("who5",)
    assert forms_for_week(DEFAULT, 1, in_cohort=False) == ("who5",)


def test_a_cohort_can_move_the_full_weeks_and_drop_the_weekly_form() -> None:
    kw = {"in_cohort": True, "full_weeks": (1, 6), "weekly_forms": ()}
    assert forms_for_week(DEFAULT, 6, **kw) == ("who5", "mood", "ucla3")
    assert forms_for_week(DEFAULT, 12, **kw) == ()
