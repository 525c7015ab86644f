"""The cohort state machine and the messages coordinators see when a move is not allowed."""

from __future__ import annotations

import itertools

import pytest

from cogs.cohorts.lifecycle import (
    TRANSITIONS,
    CohortAction,
    CohortState,
    allowed_actions,
    is_final,
    transition,
)
from cogs.utils.errors import InvalidInput, UserFacingError

S, A = CohortState, CohortAction


@pytest.mark.parametrize(
    ("current", "action", "expected"),
    [
        (S.DRAFT, A.OPEN_ENROLMENT, S.ENROLLING),
        (S.ENROLLING, A.BEGIN, S.RUNNING),
        (S.RUNNING, A.COMPLETE, S.COMPLETED),
        (S.DRAFT, A.CANCEL, S.CANCELLED),
        (S.ENROLLING, A.CANCEL, S.CANCELLED),
        (S.RUNNING, A.CANCEL, S.CANCELLED),
    ],
)
def test_allowed_transitions(current: S, action: A, expected: S) -> None:
    assert transition(current, action) == expected


def test_states_and_actions_can_be_given_as_stored_strings() -> None:
    assert transition("draft", "open_enrolment") == S.ENROLLING
    assert transition("draft", "open_enrolment") == "enrolling"


INVALID = [
    (state, action)
    for state, action in itertools.product(S, A)
    if (state, action) not in TRANSITIONS
]


@pytest.mark.parametrize(("current", "action"), INVALID)
def test_every_other_move_is_refused_with_a_user_facing_message(current: S, action: A) -> None:
    with pytest.raises(InvalidInput) as caught:
        transition(current, action)
    assert isinstance(caught.value, UserFacingError)
    message = caught.value.message
    assert message.startswith(("This cohort", "Enrolment"))
    # Every refusal points at something the coordinator can do next.
    assert "`/cohort " in message


def test_a_draft_cannot_start_running_before_enrolment_opens() -> None:
    with pytest.raises(InvalidInput) as caught:
        transition(S.DRAFT, A.BEGIN)
    assert caught.value.message.startswith("This cohort is still a draft")
    assert "Open enrolment with `/cohort start` first" in caught.value.message


def test_a_running_cohort_says_how_to_finish() -> None:
    with pytest.raises(InvalidInput, match="/cohort complete"):
        transition(S.RUNNING, A.OPEN_ENROLMENT)


def test_finished_cohorts_point_to_creating_a_new_one() -> None:
    for state in (S.COMPLETED, S.CANCELLED):
        assert is_final(state)
        assert allowed_actions(state) == ()
        with pytest.raises(InvalidInput, match="/cohort create"):
            transition(state, A.CANCEL)


def test_allowed_actions_follow_the_table() -> None:
    assert allowed_actions("draft") == (A.OPEN_ENROLMENT, A.CANCEL)
    assert allowed_actions(S.ENROLLING) == (A.BEGIN, A.CANCEL)
    assert allowed_actions(S.RUNNING) == (A.COMPLETE, A.CANCEL)
    assert not is_final(S.RUNNING)


def test_unknown_state_is_a_bug_not_a_user_error() -> None:
    with pytest.raises(ValueError, match="archived"):
        transition("archived", A.CANCEL)
