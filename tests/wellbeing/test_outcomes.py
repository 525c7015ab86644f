"""Cohort outcomes: aggregates only, small groups suppressed, the safety item never reported."""

from __future__ import annotations

from dataclasses import dataclass

from cogs.wellbeing.outcomes import MIN_GROUP, cohort_outcomes, outcomes_csv, weekly_means


@dataclass(frozen=True)
class A:
    user_id: int
    week: int
    instrument: str
    score: int


def test_mean_change_is_over_members_who_answered_both_weeks() -> None:
    answers = [A(u, 1, "who5", 40) for u in range(6)] + [A(u, 12, "who5", 60) for u in range(5)]
    (who5,) = cohort_outcomes(answers)
    assert (who5.first_week, who5.last_week) == (1, 12)
    assert who5.n_first == 6
    assert who5.n_paired == 5
    assert who5.mean_change == 20


def test_fewer_than_five_answers_are_not_reported() -> None:
    answers = [A(u, 1, "phq2", 3) for u in range(MIN_GROUP - 1)]
    (phq2,) = cohort_outcomes(answers)
    assert phq2.suppressed
    assert phq2.mean_first is None
    assert outcomes_csv([phq2]).splitlines()[1].split(",")[3] == ""  # no mean


def test_the_self_harm_item_is_never_aggregated() -> None:
    answers = [A(u, 1, "phq9_item9", 1) for u in range(10)]
    assert cohort_outcomes(answers) == []


def test_weekly_means_skip_small_weeks() -> None:
    answers = [A(u, 1, "who5", 50) for u in range(5)] + [A(u, 2, "who5", 70) for u in range(3)]
    assert weekly_means(answers, "who5") == [(1, 50.0, 5)]
