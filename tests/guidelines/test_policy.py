"""The guidelines lane's plain rules: modes, nudge limits, points, thresholds, targets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cogs.crisis.detector import Level
from cogs.guidelines.policy import (
    ABUSE_LABELS,
    COACH_LABELS,
    Handling,
    Limits,
    active_points,
    escalation,
    explain_mode,
    handling,
    nudge_allowed,
    parse_queue_item,
    refusal,
    require_reason,
    resolve_limits,
    rule_mode,
    sorted_counts,
)
from cogs.utils.errors import InvalidInput
from db.models.guidelines import GuidelineLimits, Infraction
from tests.builders import an_infraction

NOW = datetime(2026, 10, 5, 13, 0, tzinfo=UTC)
GENERAL, THREAD, STAFF = 10, 11, 99


def infraction(
    points: int, age_days: float, *, pardoned: bool = False, days: int = 30
) -> Infraction:
    created = NOW - timedelta(days=age_days)
    return an_infraction(
        points=points,
        created_at=created,
        expires_at=created + timedelta(days=days),
        pardoned=pardoned,
    )


# --- rule modes ---------------------------------------------------------------------------------


def test_rules_are_on_by_default() -> None:
    assert rule_mode("minimizing", {}, channel_id=GENERAL) == "on"


def test_a_server_setting_applies_everywhere() -> None:
    modes = {(0, "comparing"): "report"}
    assert rule_mode("comparing", modes, channel_id=GENERAL) == "report"
    assert rule_mode("minimizing", modes, channel_id=GENERAL) == "on"


def test_a_channel_setting_beats_the_server_setting() -> None:
    modes = {(0, "toxic"): "report", (GENERAL, "toxic"): "on"}
    assert rule_mode("toxic", modes, channel_id=GENERAL) == "on"
    assert rule_mode("toxic", modes, channel_id=12) == "report"


def test_a_thread_follows_its_channel_unless_set_itself() -> None:
    modes = {(GENERAL, "minimizing"): "off"}
    assert rule_mode("minimizing", modes, channel_id=THREAD, parent_id=GENERAL) == "off"
    modes[(THREAD, "minimizing")] = "report"
    assert rule_mode("minimizing", modes, channel_id=THREAD, parent_id=GENERAL) == "report"


def test_the_staff_channel_is_exempt_unless_a_moderator_turns_a_rule_on_there() -> None:
    modes = {(0, "toxic"): "on"}
    assert rule_mode("toxic", modes, channel_id=STAFF, staff_channel=True) == "off"
    modes[(STAFF, "toxic")] = "on"
    assert explain_mode("toxic", modes, channel_id=STAFF, staff_channel=True) == (
        "on",
        "set for this channel",
    )


# --- nudge limits -------------------------------------------------------------------------------


def test_the_first_nudge_is_allowed() -> None:
    assert nudge_allowed([], NOW, Limits())


def test_at_most_one_nudge_an_hour() -> None:
    assert not nudge_allowed([NOW - timedelta(minutes=59)], NOW, Limits())
    assert nudge_allowed([NOW - timedelta(minutes=60)], NOW, Limits())


def test_at_most_three_nudges_a_week() -> None:
    sent = [NOW - timedelta(days=d) for d in (1, 3, 6)]
    assert not nudge_allowed(sent, NOW, Limits())
    older = [NOW - timedelta(days=d) for d in (1, 3, 7)]
    assert nudge_allowed(older, NOW, Limits())


def test_zero_nudges_a_week_turns_nudges_off() -> None:
    assert not nudge_allowed([], NOW, Limits(nudges_per_week=0))


def test_stored_limits_fall_back_to_defaults() -> None:
    limits = resolve_limits(GuidelineLimits(guild_id=1, timeout_points=5))
    assert limits == Limits(timeout_points=5)


# --- points and thresholds ----------------------------------------------------------------------


def test_points_count_until_they_expire() -> None:
    assert active_points([infraction(2, 29.9)], NOW) == 2
    assert active_points([infraction(2, 30)], NOW) == 0


def test_pardoned_points_do_not_count() -> None:
    assert active_points([infraction(2, 1, pardoned=True), infraction(1, 1)], NOW) == 1


def test_crossing_the_timeout_threshold_times_out_once() -> None:
    limits = Limits()
    assert escalation(2, 3, limits).timeout_minutes == 60
    assert escalation(3, 4, limits).timeout_minutes is None  # already past it
    assert not escalation(0, 2, limits).any


def test_crossing_the_review_threshold_asks_for_review() -> None:
    step = escalation(4, 6, Limits())
    assert step.review
    assert step.timeout_minutes is None


def test_one_jump_past_both_thresholds_does_both() -> None:
    step = escalation(0, 7, Limits())
    assert step.timeout_minutes == 60
    assert step.review


def test_a_manual_timeout_is_not_doubled_by_the_threshold() -> None:
    assert escalation(2, 4, Limits(), timed_out_now=True).timeout_minutes is None


def test_a_zero_threshold_is_off() -> None:
    assert not escalation(0, 50, Limits(timeout_points=0, review_points=0)).any


# --- who may be acted on ------------------------------------------------------------------------


def _refusal(**overrides: object) -> str | None:
    values: dict[str, object] = {
        "actor_id": 1,
        "target_id": 2,
        "target_is_bot": False,
        "target_is_coordinator": False,
        "target_is_moderator": False,
        "actor_is_coordinator": False,
    }
    values.update(overrides)
    return refusal(**values)  # type: ignore[arg-type]


def test_a_moderator_may_act_on_a_member() -> None:
    assert _refusal() is None


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"target_is_bot": True}, "bots"),
        ({"target_id": 1}, "yourself"),
        ({"target_is_coordinator": True, "target_is_moderator": True}, "Coordinators"),
        ({"target_is_coordinator": True, "actor_is_coordinator": True}, "Coordinators"),
        ({"target_is_moderator": True}, "another moderator"),
    ],
)
def test_refused_targets_get_a_clear_reason(overrides: dict, words: str) -> None:
    reason = _refusal(**overrides)
    assert reason is not None
    assert words in reason


def test_a_coordinator_may_act_on_a_moderator() -> None:
    assert _refusal(target_is_moderator=True, actor_is_coordinator=True) is None


def test_a_reason_is_required() -> None:
    with pytest.raises(InvalidInput):
        require_reason("  ")
    assert require_reason("  spam   links ") == "spam links"


def test_queue_items_parse() -> None:
    assert parse_queue_item("r12") == ("report", 12)
    assert parse_queue_item("#A3") == ("appeal", 3)
    assert parse_queue_item(" m4 ") == ("member_report", 4)
    with pytest.raises(InvalidInput):
        parse_queue_item("12")


def test_counts_group_by_rule_most_frequent_first() -> None:
    rows = [
        ("minimizing", "minimizing.at_least", "nudged_dm", 2),
        ("toxic", "toxic.insult", "hidden", 1),
        ("minimizing", "minimizing.at_least", "rate_limited", 3),
    ]
    assert sorted_counts(rows) == [
        ("minimizing.at_least", 5, {"nudged_dm": 2, "rate_limited": 3}),
        ("toxic.insult", 1, {"hidden": 1}),
    ]


# --- crisis level x guideline kind ----------------------------------------------------------

LEAVE, NUDGE = Handling("leave"), Handling("nudge")
HIDE, HIDE_WITH_CARE = Handling("hide"), Handling("hide", care=True)
# Every combination, written out so a change to any one of them is a visible decision.
EXPECTED = {
    (Level.NONE, "minimizing"): NUDGE,
    (Level.NONE, "comparing"): NUDGE,
    (Level.NONE, "unsolicited_advice"): NUDGE,
    (Level.NONE, "toxic"): HIDE,
    (Level.NONE, "privacy"): HIDE,
    (Level.WATCH, "minimizing"): NUDGE,
    (Level.WATCH, "comparing"): NUDGE,
    (Level.WATCH, "unsolicited_advice"): NUDGE,
    (Level.WATCH, "toxic"): HIDE_WITH_CARE,
    (Level.WATCH, "privacy"): HIDE_WITH_CARE,
    (Level.CONCERN, "minimizing"): LEAVE,
    (Level.CONCERN, "comparing"): LEAVE,
    (Level.CONCERN, "unsolicited_advice"): LEAVE,
    (Level.CONCERN, "toxic"): LEAVE,
    (Level.CONCERN, "privacy"): LEAVE,
    (Level.URGENT, "minimizing"): LEAVE,
    (Level.URGENT, "comparing"): LEAVE,
    (Level.URGENT, "unsolicited_advice"): LEAVE,
    (Level.URGENT, "toxic"): LEAVE,
    (Level.URGENT, "privacy"): LEAVE,
}


def test_the_table_covers_every_level_and_every_guideline() -> None:
    assert set(EXPECTED) == {(lv, lb) for lv in Level for lb in (*COACH_LABELS, *ABUSE_LABELS)}


@pytest.mark.parametrize(("level", "label"), list(EXPECTED), ids=lambda v: getattr(v, "name", v))
def test_handling_for_each_crisis_level_and_guideline(level: Level, label: str) -> None:
    assert handling(level, label) == EXPECTED[(level, label)]


@pytest.mark.parametrize("label", ABUSE_LABELS)
def test_a_watch_signal_no_longer_shields_abuse(label: str) -> None:
    assert handling(Level.WATCH, label).action == "hide"


@pytest.mark.parametrize("level", [Level.CONCERN, Level.URGENT])
@pytest.mark.parametrize("label", ABUSE_LABELS + COACH_LABELS)
def test_crisis_wins_at_concern_and_urgent(level: Level, label: str) -> None:
    assert handling(level, label).action == "leave"


def test_an_unknown_label_is_a_bug_not_a_silent_pass() -> None:
    with pytest.raises(ValueError, match="unknown guideline label"):
        handling(Level.NONE, "rudeness")
