"""The cohort's life: draft -> enrolling -> running -> completed, or cancelled on the way.

One table of allowed moves; anything else raises :class:`InvalidInput` with a message for the
coordinator that says where the cohort is and what they *can* do from there.
"""

from __future__ import annotations

from enum import StrEnum

from cogs.utils.errors import InvalidInput


class CohortState(StrEnum):
    """Where a cohort is in its life; the value is what the database stores."""

    DRAFT = "draft"
    ENROLLING = "enrolling"
    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class CohortAction(StrEnum):
    """Something that moves a cohort on.

    ``open_enrolment`` is ``/cohort start``; ``begin`` is done by the bot at the first
    session (there is no command for it); ``complete`` is ``/cohort complete`` (or the bot after
    the last session); ``cancel`` is ``/cohort cancel``.
    """

    OPEN_ENROLMENT = "open_enrolment"
    BEGIN = "begin"
    COMPLETE = "complete"
    CANCEL = "cancel"


_S, _A = CohortState, CohortAction
TRANSITIONS: dict[tuple[CohortState, CohortAction], CohortState] = {
    (_S.DRAFT, _A.OPEN_ENROLMENT): _S.ENROLLING,
    (_S.DRAFT, _A.CANCEL): _S.CANCELLED,
    (_S.ENROLLING, _A.BEGIN): _S.RUNNING,
    (_S.ENROLLING, _A.CANCEL): _S.CANCELLED,
    (_S.RUNNING, _A.COMPLETE): _S.COMPLETED,
    (_S.RUNNING, _A.CANCEL): _S.CANCELLED,
}
FINAL = frozenset({_S.COMPLETED, _S.CANCELLED})

# Where the cohort is, then what the coordinator can do from there; the two halves are joined
# with what was refused, so every message answers "why not" and "what now".
_WHERE = {
    _S.DRAFT: "This cohort is still a draft",
    _S.ENROLLING: "This cohort is open for enrolment and hasn't had its first session yet",
    _S.RUNNING: "This cohort is already running",
    _S.COMPLETED: "This cohort has already completed",
    _S.CANCELLED: "This cohort was cancelled",
}
_NEXT = {
    _S.DRAFT: (
        "Open enrolment with `/cohort start` first; it starts running by itself at its first "
        "session. If it isn't needed, you can cancel it with `/cohort cancel`."
    ),
    _S.ENROLLING: (
        "It starts running by itself at its first session, and you can complete it with "
        "`/cohort complete` once it has run. Until then you can still change it with "
        "`/cohort edit`, or cancel it with `/cohort cancel`."
    ),
    _S.RUNNING: (
        "When its sessions are done, finish it with `/cohort complete`; to stop it early, use "
        "`/cohort cancel`."
    ),
    _S.COMPLETED: (
        "Its history and reports stay available. To run the programme again, create a new "
        "cohort with `/cohort create`."
    ),
    _S.CANCELLED: (
        "Nothing more can change for it. To run the programme, create a new cohort with "
        "`/cohort create`."
    ),
}
_REFUSED = {
    _A.OPEN_ENROLMENT: "so enrolment can't be opened now",
    _A.BEGIN: "so it can't start running now",
    _A.COMPLETE: "so it can't be completed now",
    _A.CANCEL: "so it can't be cancelled now",
}
# A few pairs read better with their own words than with the general pattern.
_SPECIAL = {
    (_S.ENROLLING, _A.OPEN_ENROLMENT): "Enrolment is already open for this cohort.",
    (_S.RUNNING, _A.BEGIN): "This cohort is already running.",
    (_S.COMPLETED, _A.COMPLETE): "This cohort has already completed.",
    (_S.CANCELLED, _A.CANCEL): "This cohort has already been cancelled.",
    (_S.DRAFT, _A.COMPLETE): "This cohort is still a draft, so there is nothing to complete yet.",
}


def transition(current: CohortState | str, action: CohortAction | str) -> CohortState:
    """The state after ``action``; InvalidInput (shown to the coordinator) when not allowed.

    Unknown state or action strings are bugs, not user mistakes, and raise ValueError.
    """
    state, act = CohortState(current), CohortAction(action)
    new = TRANSITIONS.get((state, act))
    if new is None:
        raise InvalidInput(refusal(state, act))
    return new


def allowed_actions(current: CohortState | str) -> tuple[CohortAction, ...]:
    """The actions possible from ``current``, in lifecycle order (for buttons and help)."""
    state = CohortState(current)
    return tuple(action for action in CohortAction if (state, action) in TRANSITIONS)


def is_final(current: CohortState | str) -> bool:
    """Whether nothing can happen to the cohort any more (completed or cancelled)."""
    return CohortState(current) in FINAL


def refusal(current: CohortState | str, action: CohortAction | str) -> str:
    """The coordinator-facing sentence for a move that isn't allowed."""
    state, act = CohortState(current), CohortAction(action)
    opening = _SPECIAL.get((state, act)) or f"{_WHERE[state]}, {_REFUSED[act]}."
    return f"{opening} {_NEXT[state]}"
