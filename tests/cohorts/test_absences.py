"""'Can't make it' in the sessions service: real SQLite, a fake clock, no Discord.

The stand-in tests (tests/integration/test_session_absences.py) press the reminder's button.
"""

from __future__ import annotations

import pytest

from cogs.cohorts import messages
from cogs.utils.errors import InvalidInput
from tests.cohorts.test_service import ASHA, BEN, GUILD, MAYA, Lane, enrolling, join, lane

__all__ = ["lane"]  # the fixture, shared with test_service.py


async def run_session(lane: Lane, cohort, week: int, groups) -> list:
    """Open and close week ``week``'s session as the jobs would; the outreach notes due."""
    session = (await lane.cohorts.repo.sessions(cohort.id))[week - 1]
    lane.clock.set(session.starts_at)
    await lane.sessions.open(session.id)
    lane.clock.set(session.ends_at)
    ending = await lane.sessions.ending(session.id)
    assert ending is not None
    await lane.sessions.close(*ending)
    return await lane.sessions.follow_up(cohort, session.week, groups)


async def test_absent_marks_the_next_session_by_default_and_can_be_undone(lane: Lane) -> None:
    cohort = await enrolling(lane)
    await join(lane, cohort, ASHA)
    done = await lane.sessions.absent(GUILD, ASHA, reason="  infusion   day ")
    assert (done.session.week, done.absent, done.changed) == (1, True, True)
    again = await lane.sessions.absent(GUILD, ASHA)
    assert again.changed is False, "marked twice: nothing new"
    said = await lane.cohorts.repo.session_absences(done.session.id)
    assert said == [(ASHA, "infusion day")], "the reason is kept (and tidied) when not repeated"
    undone = await lane.sessions.absent(GUILD, ASHA, undo=True)
    assert (undone.absent, undone.changed) == (False, True)
    assert await lane.cohorts.repo.session_absences(done.session.id) == []


async def test_a_week_can_be_named_and_a_started_or_unknown_week_is_refused(lane: Lane) -> None:
    cohort = await enrolling(lane)
    await join(lane, cohort, ASHA)
    done = await lane.sessions.absent(GUILD, ASHA, week=3)
    assert done.session.week == 3
    with pytest.raises(InvalidInput, match="no week 30"):
        await lane.sessions.absent(GUILD, ASHA, week=30)
    first = (await lane.cohorts.repo.sessions(cohort.id))[0]
    lane.clock.set(first.starts_at)
    await lane.sessions.open(first.id)
    with pytest.raises(InvalidInput, match="already started"):
        await lane.sessions.absent(GUILD, ASHA, week=1)
    with pytest.raises(InvalidInput, match="already started"):
        await lane.sessions.absent_from(first.id, ASHA)


async def test_only_members_of_the_cohort_can_say_they_cannot_make_it(lane: Lane) -> None:
    cohort = await enrolling(lane)
    await join(lane, cohort, ASHA)
    with pytest.raises(InvalidInput, match=messages.ABSENT_NOT_ENROLLED[:20]):
        await lane.sessions.absent(GUILD, BEN)
    first = (await lane.cohorts.repo.sessions(cohort.id))[0]
    with pytest.raises(InvalidInput, match="another group"):
        await lane.sessions.absent_from(first.id, BEN)
    assert (await lane.sessions.absent_from(first.id, ASHA)).absent


async def test_excused_weeks_are_not_missed_for_the_outreach_notes(lane: Lane) -> None:
    cohort = await enrolling(lane)
    await join(lane, cohort, ASHA)
    await join(lane, cohort, BEN)
    groups = await lane.cohorts.repo.groups(cohort.id)
    await lane.sessions.absent(GUILD, ASHA, week=1, reason="relapse")
    await lane.sessions.absent(GUILD, ASHA, week=2)
    notes = await run_session(lane, cohort, 1, groups)
    notes += await run_session(lane, cohort, 2, groups)
    # Ben missed two in a row without a word: his moderator hears; Asha said so: no note.
    assert [(n.moderator_id, n.user_id, n.reasons) for n in notes] == [
        (MAYA, BEN, ("missed_two_in_a_row",))
    ]
    report = await lane.cohorts.report(GUILD, "Autumn")
    assert [(w.week, w.came, w.excused) for w in report.held] == [(1, 0, 1), (2, 0, 1)]
    asha_row = next(r for r in report.csv.splitlines() if r.startswith(str(ASHA)))
    assert asha_row.split(",")[6:8] == ["excused", "excused"]


async def test_the_moderator_gets_the_excused_members_of_their_group(lane: Lane) -> None:
    cohort = await enrolling(lane)
    await join(lane, cohort, ASHA)
    await join(lane, cohort, BEN)
    groups = await lane.cohorts.repo.groups(cohort.id)
    first = (await lane.cohorts.repo.sessions(cohort.id))[0]
    assert await lane.sessions.excused(first, groups) == []
    await lane.sessions.absent(GUILD, BEN, reason="MRI scan")
    [note] = await lane.sessions.excused(first, groups)
    assert (note.moderator_id, note.members) == (MAYA, ((BEN, "MRI scan"),))
    text = messages.excused_note(cohort, first, list(note.members))
    assert f"<@{BEN}>: “MRI scan”" in text
