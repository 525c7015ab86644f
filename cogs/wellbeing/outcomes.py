"""Cohort outcomes from wellbeing answers: aggregates only, never one member's answers.

For each instrument: the mean score at the first and the last week it was answered, and the
mean change over the members who answered both. Fewer than ``MIN_GROUP`` answers are not
reported, so a small group cannot be re-identified. The self-harm item is a safety screen,
not an outcome, and is never aggregated.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

MIN_GROUP = 5


class ScoredAnswer(Protocol):
    """What aggregation needs from a stored answer (read-only, so frozen rows fit)."""

    @property
    def user_id(self) -> int: ...
    @property
    def week(self) -> int: ...
    @property
    def instrument(self) -> str: ...
    @property
    def score(self) -> int: ...


@dataclass(frozen=True)
class Outcome:
    """One instrument's aggregate; numbers are None when suppressed."""

    instrument: str
    first_week: int
    last_week: int
    n_first: int
    n_last: int
    n_paired: int
    mean_first: float | None
    mean_last: float | None
    mean_change: float | None

    @property
    def suppressed(self) -> bool:
        """True when too few answers to report anything."""
        return self.mean_first is None


def cohort_outcomes(
    answers: Sequence[ScoredAnswer], skip: frozenset[str] = frozenset({"phq9_item9"})
) -> list[Outcome]:
    """First-week and last-week means and the paired mean change, per instrument."""
    by_instrument: dict[str, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for answer in answers:
        if answer.instrument not in skip:
            by_instrument[answer.instrument][answer.week][answer.user_id] = answer.score
    results = []
    for instrument in sorted(by_instrument):
        weeks = by_instrument[instrument]
        first_week, last_week = min(weeks), max(weeks)
        first, last = weeks[first_week], weeks[last_week]
        paired = sorted(set(first) & set(last)) if last_week != first_week else []
        enough_first = len(first) >= MIN_GROUP
        enough_last = len(last) >= MIN_GROUP
        results.append(
            Outcome(
                instrument=instrument,
                first_week=first_week,
                last_week=last_week,
                n_first=len(first),
                n_last=len(last),
                n_paired=len(paired),
                mean_first=statistics.fmean(first.values()) if enough_first else None,
                mean_last=statistics.fmean(last.values()) if enough_first and enough_last else None,
                mean_change=(
                    statistics.fmean(last[u] - first[u] for u in paired)
                    if len(paired) >= MIN_GROUP
                    else None
                ),
            )
        )
    return results


def weekly_means(answers: Sequence[ScoredAnswer], instrument: str) -> list[tuple[int, float, int]]:
    """(week, mean score, answers) for the weeks with at least MIN_GROUP answers."""
    scores: dict[int, list[int]] = defaultdict(list)
    for answer in answers:
        if answer.instrument == instrument:
            scores[answer.week].append(answer.score)
    return [
        (week, statistics.fmean(values), len(values))
        for week, values in sorted(scores.items())
        if len(values) >= MIN_GROUP
    ]


def describe_outcome(outcome: Outcome, names: Mapping[str, str], higher_is_better: bool) -> str:
    """One plain line for the report."""
    name = names.get(outcome.instrument, outcome.instrument)
    if outcome.suppressed or outcome.mean_first is None:
        return f"**{name}**: fewer than {MIN_GROUP} answers, so not reported."
    line = (
        f"**{name}**: week {outcome.first_week} mean {outcome.mean_first:.1f} (n={outcome.n_first})"
    )
    if outcome.last_week != outcome.first_week and outcome.mean_last is not None:
        line += f"; week {outcome.last_week} mean {outcome.mean_last:.1f} (n={outcome.n_last})"
    if outcome.mean_change is not None:
        better = (outcome.mean_change > 0) == higher_is_better and outcome.mean_change != 0
        direction = "better" if better else ("no change" if outcome.mean_change == 0 else "worse")
        line += (
            f"; mean change {outcome.mean_change:+.1f} over {outcome.n_paired} members who "
            f"answered both ({direction})"
        )
    return line


def outcomes_csv(outcomes: Sequence[Outcome]) -> str:
    """The outcomes as CSV; suppressed rows carry counts but no means."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["instrument", "first_week", "n_first", "mean_first", "last_week", "n_last",
         "mean_last", "n_paired", "mean_change"]
    )  # fmt: skip
    for o in outcomes:

        def fmt(value: float | None) -> str:
            return "" if value is None else f"{value:.2f}"

        writer.writerow(
            [o.instrument, o.first_week, o.n_first, fmt(o.mean_first), o.last_week, o.n_last,
             fmt(o.mean_last), o.n_paired, fmt(o.mean_change)]
        )  # fmt: skip
    return out.getvalue()
