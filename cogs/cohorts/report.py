"""A cohort's report as a plain model, and its CSV (the cog only renders the embed and chart).

No discord and no database: ``CohortService.report`` reads the rows and calls ``build_report``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from db.models.cohorts import Cohort, Enrolment, Group, SessionRow
from db.repositories.checkins import GroupCompletion


@dataclass(frozen=True)
class GroupReport:
    """One group: how many are enrolled, and its check-in completion (None: no closed week)."""

    group: Group
    enrolled: int
    completion: GroupCompletion | None


@dataclass(frozen=True)
class WeekReport:
    """One held session: members who came, how many of them were in the voice channel, and how
    many said beforehand they couldn't make it (excused, not missed)."""

    week: int
    came: int
    in_voice: int
    excused: int = 0


@dataclass(frozen=True)
class CohortReport:
    """What ``/cohort report`` shows: enrolment, waitlist, leavers, attendance and the CSV."""

    cohort: Cohort
    groups: tuple[GroupReport, ...]
    enrolled: int
    waitlisted: int
    left: int
    held: tuple[WeekReport, ...]
    csv: str


def count_week(attendance: dict[int, set[int]], week: int) -> int:
    """How many members attended ``week`` (``attendance``: user id -> weeks attended)."""
    return sum(1 for weeks in attendance.values() if week in weeks)


def build_report(
    cohort: Cohort,
    groups: Sequence[Group],
    sessions: Sequence[SessionRow],
    enrolments: Sequence[Enrolment],
    attendance: dict[int, set[int]],
    in_voice: dict[int, set[int]],
    completion: Sequence[GroupCompletion],
    excused: dict[int, set[int]] | None = None,
) -> CohortReport:
    """The report from the cohort's rows (every enrolment, any status); ``excused``: user id ->
    the weeks they said they can't make."""
    excused = excused or {}
    numbers = {g.id: g.number for g in groups}
    held = [s for s in sessions if s.status == "held"]
    enrolled = [e for e in enrolments if e.status == "enrolled"]
    by_group = {c.group_id: c for c in completion}
    return CohortReport(
        cohort=cohort,
        groups=tuple(
            GroupReport(g, sum(1 for e in enrolled if e.group_id == g.id), by_group.get(g.id))
            for g in groups
        ),
        enrolled=len(enrolled),
        waitlisted=sum(1 for e in enrolments if e.status == "waitlisted"),
        left=sum(1 for e in enrolments if e.status == "left"),
        held=tuple(
            WeekReport(
                s.week,
                count_week(attendance, s.week),
                count_week(in_voice, s.week),
                count_week(_not_came(excused, attendance), s.week),
            )
            for s in held
        ),
        csv=report_csv(
            cohort.weeks,
            [
                (e.user_id, numbers.get(e.group_id or 0), e.status, e.joined_week)
                for e in enrolments
            ],
            attendance,
            len(held),
            in_voice,
            excused,
        ),
    )


def _not_came(excused: dict[int, set[int]], attendance: dict[int, set[int]]) -> dict[int, set[int]]:
    """Excused weeks the member did not come to after all (someone who came attended)."""
    return {u: weeks - attendance.get(u, set()) for u, weeks in excused.items()}


def report_csv(
    weeks: int,
    rows: Sequence[tuple[int, int | None, str, int]],
    attendance: dict[int, set[int]],
    held: int,
    in_voice: dict[int, set[int]] | None = None,
    excused: dict[int, set[int]] | None = None,
) -> str:
    """The report as CSV: one row per member (id, group, status, joined week, weeks attended).

    ``rows`` are (user id, group number, status, joined week). Week columns say ``1`` when the
    member came, ``0`` when they missed a held session, and are empty for sessions not held.
    A week the member said beforehand they couldn't make, and did not come to, says ``excused``
    instead of ``0``: it is not a missed session.
    The last column, ``in_voice``, counts the sessions where the member joined the group's
    voice channel (``in_voice``: user id -> those weeks); it is last so sheets that read the
    earlier columns by position keep working.
    """

    voice = in_voice or {}
    away = _not_came(excused or {}, attendance)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["user_id", "group", "status", "joined_week", "attended", "held"]
        + [f"week_{n}" for n in range(1, weeks + 1)]
        + ["in_voice"]
    )
    for user_id, group, status, joined in rows:
        came = attendance.get(user_id, set())
        excused_weeks = {w for w in away.get(user_id, set()) if w <= held}
        cells = [
            ("1" if n in came else "excused" if n in excused_weeks else "0")
            if n <= held and status == "enrolled"
            else ""
            for n in range(1, weeks + 1)
        ]
        voiced = len(voice.get(user_id, set()))
        writer.writerow([user_id, group or "", status, joined, len(came), held, *cells, voiced])
    return out.getvalue()
