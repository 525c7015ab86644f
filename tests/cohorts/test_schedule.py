"""Session dates, daylight saving, skipped weeks, reminders and attendance follow-up."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cogs.cohorts.schedule import (
    OutreachReason,
    Reminder,
    build_sessions,
    check_attendance,
    check_start_date,
    first_session_date,
    localize,
    parse_local_time,
    parse_timezone,
    parse_weekday,
    reminders_for,
    session_slots,
    skip_session,
    slot_of_session,
)
from cogs.utils.errors import InvalidInput

UTC = dt.UTC
NY = ZoneInfo("America/New_York")
TUESDAY = 1
SIX_PM = dt.time(18, 0)


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


# --- dates and daylight saving ---------------------------------------------------------------


def test_new_york_cohort_across_the_november_change_keeps_six_pm_local() -> None:
    # DST ends on Sunday 1 November 2026: 6 pm is 22:00 UTC before, 23:00 UTC after.
    sessions = build_sessions(dt.date(2026, 10, 5), TUESDAY, SIX_PM, "America/New_York")
    assert [s.week for s in sessions] == list(range(1, 13))
    assert [s.starts_at for s in sessions[:4]] == [
        utc(2026, 10, 6, 22),
        utc(2026, 10, 13, 22),
        utc(2026, 10, 20, 22),
        utc(2026, 10, 27, 22),
    ]
    assert [s.starts_at for s in sessions[4:]] == [
        utc(2026, 11, 3, 23),
        utc(2026, 11, 10, 23),
        utc(2026, 11, 17, 23),
        utc(2026, 11, 24, 23),
        utc(2026, 12, 1, 23),
        utc(2026, 12, 8, 23),
        utc(2026, 12, 15, 23),
        utc(2026, 12, 22, 23),
    ]
    assert all(s.local_start.time() == SIX_PM for s in sessions)
    assert all(s.ends_at - s.starts_at == dt.timedelta(minutes=60) for s in sessions)
    assert all(s.starts_at.tzinfo is UTC for s in sessions)


def test_first_session_is_the_first_weekday_on_or_after_the_start_date() -> None:
    assert first_session_date(dt.date(2026, 10, 6), TUESDAY) == dt.date(2026, 10, 6)
    assert first_session_date(dt.date(2026, 10, 7), TUESDAY) == dt.date(2026, 10, 13)


def test_skipped_week_moves_later_sessions_and_the_end_by_a_week() -> None:
    plain = build_sessions(dt.date(2026, 10, 5), TUESDAY, SIX_PM, NY)
    skipped = build_sessions(dt.date(2026, 10, 5), TUESDAY, SIX_PM, NY, skipped_weeks={8})
    assert skipped[:7] == plain[:7]
    # Thanksgiving week (24 Nov) is calendar week 8: session 8 moves to 1 December.
    assert skipped[7].week == 8
    assert skipped[7].slot == 9
    assert skipped[7].starts_at == utc(2026, 12, 1, 23)
    assert skipped[-1].starts_at == plain[-1].starts_at + dt.timedelta(weeks=1)
    assert len(skipped) == 12


def test_skip_session_finds_the_calendar_week_of_a_session_already_moved() -> None:
    first = skip_session(5)
    assert first == {5}
    # Session 5 now sits in calendar week 6; skipping it again adds week 6.
    assert slot_of_session(5, first) == 6
    assert skip_session(5, first) == {5, 6}
    assert session_slots(6, {5, 6}) == [1, 2, 3, 4, 7, 8]


def test_kolkata_has_no_daylight_saving() -> None:
    sessions = build_sessions(dt.date(2026, 3, 1), 2, dt.time(19, 30), "Asia/Kolkata")
    # IST is UTC+05:30 all year.
    assert {s.starts_at.time() for s in sessions} == {dt.time(14, 0)}
    assert sessions[0].starts_at == utc(2026, 3, 4, 14)


def test_session_length_is_elapsed_time_across_a_clock_change() -> None:
    # A late Saturday session running past 2 am on the night clocks fall back.
    sessions = build_sessions(
        dt.date(2026, 10, 31), 5, dt.time(23, 30), NY, weeks=1, length=dt.timedelta(hours=3)
    )
    assert sessions[0].ends_at - sessions[0].starts_at == dt.timedelta(hours=3)


def test_a_time_lost_to_spring_forward_moves_forward_by_the_gap() -> None:
    # 8 March 2026: New York clocks jump from 2:00 to 3:00, so 2:30 does not exist.
    moment = localize(dt.date(2026, 3, 8), dt.time(2, 30), NY)
    assert moment == utc(2026, 3, 8, 7, 30)
    assert moment.astimezone(NY).time() == dt.time(3, 30)


def test_a_time_that_happens_twice_takes_the_first() -> None:
    # 1 November 2026: 1:30 happens in EDT (05:30 UTC) and again in EST (06:30 UTC).
    assert localize(dt.date(2026, 11, 1), dt.time(1, 30), NY) == utc(2026, 11, 1, 5, 30)


def test_bad_schedule_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="weekday"):
        build_sessions(dt.date(2026, 10, 5), 7, SIX_PM, NY)
    with pytest.raises(ValueError, match="length"):
        build_sessions(dt.date(2026, 10, 5), 1, SIX_PM, NY, length=dt.timedelta(0))
    with pytest.raises(ValueError, match="at least one week"):
        build_sessions(dt.date(2026, 10, 5), 1, SIX_PM, NY, weeks=0)
    with pytest.raises(ValueError, match="from 1"):
        build_sessions(dt.date(2026, 10, 5), 1, SIX_PM, NY, skipped_weeks={0})


ZONES = [
    "America/New_York",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "America/St_Johns",
    "UTC",
]


def _exists(day: dt.date, at: dt.time, tz: ZoneInfo) -> bool:
    naive = dt.datetime.combine(day, at)
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive


# The two awkward cases, always tried: a time lost to spring forward and one repeated in autumn.
@example(dt.date(2026, 3, 2), 6, dt.time(2, 30), "America/New_York", 2, frozenset())
@example(dt.date(2026, 10, 26), 6, dt.time(1, 30), "America/New_York", 2, frozenset())
@given(
    start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2060, 12, 31)),
    weekday=st.integers(0, 6),
    at=st.times(),
    zone=st.sampled_from(ZONES),
    weeks=st.integers(1, 20),
    skipped=st.frozensets(st.integers(1, 30), max_size=5),
)
def test_local_time_is_kept_and_sessions_are_whole_weeks_apart(
    start: dt.date,
    weekday: int,
    at: dt.time,
    zone: str,
    weeks: int,
    skipped: frozenset[int],
) -> None:
    tz = ZoneInfo(zone)
    sessions = build_sessions(start, weekday, at, tz, weeks=weeks, skipped_weeks=skipped)
    assert len(sessions) == weeks
    first = first_session_date(start, weekday)
    for session in sessions:
        day = session.local_start.date()
        assert session.slot not in skipped
        assert day == first + dt.timedelta(weeks=session.slot - 1)
        # Not `local_start == starts_at`: Python says an ambiguous local time never equals an
        # instant in another zone (PEP 495), so compare both in UTC.
        assert session.local_start.astimezone(UTC) == session.starts_at
        assert session.starts_at.tzinfo is UTC
        if _exists(day, at, tz):
            assert session.local_start.time() == at
        else:
            # Nonexistent wall time: shifted forward, by no more than a DST gap.
            wall = session.local_start.replace(tzinfo=None)
            assert dt.timedelta(0) < wall - dt.datetime.combine(day, at) <= dt.timedelta(hours=2)
    for earlier, later in itertools.pairwise(sessions):
        gap = later.local_start.date() - earlier.local_start.date()
        assert gap.days % 7 == 0
        assert gap.days == 7 * (later.slot - earlier.slot)


# --- parsing what coordinators type ------------------------------------------------------


def test_unknown_timezone_gets_a_kind_error_with_examples() -> None:
    with pytest.raises(InvalidInput, match="America/New_York") as caught:
        parse_timezone("EST5")
    assert "EST5" in caught.value.message
    with pytest.raises(InvalidInput):
        parse_timezone("../../etc/passwd")
    assert parse_timezone(" Asia/Kolkata ").key == "Asia/Kolkata"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18:00", dt.time(18)),
        ("6:30 pm", dt.time(18, 30)),
        ("6pm", dt.time(18)),
        ("12 am", dt.time(0)),
        ("12pm", dt.time(12)),
        ("07:05", dt.time(7, 5)),
    ],
)
def test_times_are_read_in_common_forms(text: str, expected: dt.time) -> None:
    assert parse_local_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "18:60", "13pm", "noonish", ""])
def test_impossible_times_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="18:00"):
        parse_local_time(text)


def test_weekdays_by_name_or_abbreviation() -> None:
    assert parse_weekday("Tuesday") == 1
    assert parse_weekday("sun") == 6
    with pytest.raises(InvalidInput, match="Monday to Sunday"):
        parse_weekday("tu")


def test_a_start_date_in_the_past_is_refused_in_the_cohorts_timezone() -> None:
    # 02:00 UTC on 6 October is still 5 October in New York.
    now = utc(2026, 10, 6, 2)
    check_start_date(dt.date(2026, 10, 5), NY, now)
    with pytest.raises(InvalidInput, match="already passed"):
        check_start_date(dt.date(2026, 10, 4), NY, now)


@pytest.mark.parametrize(
    ("start", "ok"),
    [
        (dt.date(2028, 10, 5), True),  # exactly two years ahead
        (dt.date(2028, 10, 6), False),
        (dt.date(9999, 12, 31), False),  # used to overflow when the sessions were built
    ],
)
def test_a_start_date_more_than_two_years_ahead_is_refused(start: dt.date, ok: bool) -> None:
    now = utc(2026, 10, 5, 13)
    if ok:
        check_start_date(start, NY, now)
    else:
        with pytest.raises(InvalidInput, match=r"more than 2 years away.*up to 2028-10-05"):
            check_start_date(start, NY, now)


def test_two_years_after_a_leap_day_is_the_28th() -> None:
    now = utc(2028, 2, 29, 13)
    check_start_date(dt.date(2030, 2, 28), NY, now)
    with pytest.raises(InvalidInput, match="up to 2030-02-28"):
        check_start_date(dt.date(2030, 3, 1), NY, now)


# --- reminders -------------------------------------------------------------------------------


def test_default_reminders_are_a_day_and_an_hour_before() -> None:
    start = utc(2026, 10, 6, 22)
    assert reminders_for(start, now=utc(2026, 10, 1)) == [
        Reminder(before=dt.timedelta(hours=24), at=utc(2026, 10, 5, 22)),
        Reminder(before=dt.timedelta(hours=1), at=utc(2026, 10, 6, 21)),
    ]


def test_reminders_already_past_are_skipped() -> None:
    start = utc(2026, 10, 6, 22)
    left = reminders_for(start, now=utc(2026, 10, 6, 12))
    assert [r.before for r in left] == [dt.timedelta(hours=1)]
    assert reminders_for(start, now=utc(2026, 10, 6, 21, 30)) == []


def test_a_reminder_due_exactly_now_is_kept() -> None:
    start = utc(2026, 10, 6, 22)
    assert [r.at for r in reminders_for(start, now=utc(2026, 10, 6, 21))] == [utc(2026, 10, 6, 21)]


def test_reminder_offsets_are_configurable() -> None:
    start = utc(2026, 10, 6, 22)
    offsets = [dt.timedelta(minutes=15), dt.timedelta(hours=48), dt.timedelta(minutes=15)]
    got = reminders_for(start, now=utc(2026, 10, 1), offsets=offsets)
    assert [r.at for r in got] == [utc(2026, 10, 4, 22), utc(2026, 10, 6, 21, 45)]
    with pytest.raises(ValueError, match="positive"):
        reminders_for(start, now=utc(2026, 10, 1), offsets=[dt.timedelta(0)])


def test_reminders_need_aware_times() -> None:
    with pytest.raises(ValueError, match="aware"):
        reminders_for(dt.datetime(2026, 10, 6, 22), now=utc(2026, 10, 1))


# --- attendance follow-up ----------------------------------------------------------------


def test_regular_attender_needs_no_outreach() -> None:
    check = check_attendance(total=12, held=6, attended={1, 2, 3, 5, 6})
    assert check.reasons == frozenset()
    assert not check.suggest_outreach
    assert check.target == 6


def test_missing_two_in_a_row_suggests_outreach_once() -> None:
    second = check_attendance(total=12, held=4, attended={1, 2})
    assert second.new_reasons == {OutreachReason.MISSED_TWO_IN_A_ROW}
    assert second.suggest_outreach
    assert second.missed_in_a_row == 2
    third = check_attendance(total=12, held=5, attended={1, 2})
    assert OutreachReason.MISSED_TWO_IN_A_ROW in third.reasons
    assert not third.suggest_outreach


def test_a_new_run_of_two_misses_suggests_outreach_again() -> None:
    check = check_attendance(total=12, held=7, attended={1, 2, 5})
    assert check.new_reasons == {OutreachReason.MISSED_TWO_IN_A_ROW}


def test_outreach_when_half_can_no_longer_be_reached() -> None:
    # Attended 1 of 7 held, 5 left: at most 6, still reachable (6 of 12).
    reachable = check_attendance(total=12, held=7, attended={4})
    assert OutreachReason.CANNOT_REACH_TARGET not in reachable.reasons
    # After session 8, at most 5: the target of 6 is out of reach from now on.
    lost = check_attendance(total=12, held=8, attended={4})
    assert OutreachReason.CANNOT_REACH_TARGET in lost.new_reasons
    later = check_attendance(total=12, held=9, attended={4, 9})
    assert OutreachReason.CANNOT_REACH_TARGET in later.reasons
    assert OutreachReason.CANNOT_REACH_TARGET not in later.new_reasons


def test_members_who_joined_late_are_not_counted_as_missing_earlier_weeks() -> None:
    check = check_attendance(total=12, held=3, attended=set(), joined_week=3)
    assert check.missed_in_a_row == 1
    assert not check.suggest_outreach


def test_target_can_be_set() -> None:
    check = check_attendance(total=12, held=5, attended={1, 2, 4}, target=11)
    assert OutreachReason.CANNOT_REACH_TARGET in check.new_reasons


def test_attendance_for_sessions_not_yet_held_is_a_bug() -> None:
    with pytest.raises(ValueError, match="already held"):
        check_attendance(total=12, held=2, attended={3})
