"""The rules of reporting a message: where a report goes and how many a member may send.

Pure: no I/O, no clock (``now`` is an argument).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from cogs.crisis.policy import LEVEL_ORDER
from cogs.utils.errors import InvalidInput

REASONS = ("worried", "unkind", "private")
# Enough for a member who sees a bad evening unfold; few enough that reports cannot flood the
# team. Duplicates do not count: reporting the same message again changes nothing.
REPORTS_PER_WINDOW = 5
WINDOW = timedelta(hours=1)
NOTE_CHARS = 300
EXCERPT_CHARS = 300


def check_reason(reason: str) -> str:
    """One of ``REASONS``; InvalidInput otherwise (a stale or forged button)."""
    if reason not in REASONS:
        raise InvalidInput("Please choose why you are reporting the message.")
    return reason


def destination(reason: str, *, target_is_bot: bool, target_is_staff: bool) -> str:
    """Where a report goes: ``crisis``, ``queue`` or ``coordinators``.

    Worry about a person always opens or joins a crisis case, staff included: someone being
    worried about a moderator is a reason to reach out, not a complaint. Anything about
    Kindred's own messages, and complaints about a staff member, go to the coordinators
    instead of the moderators' queue, so nobody reviews a report about themselves.
    """
    if target_is_bot:
        return "coordinators"
    if reason == "worried":
        return "crisis"
    return "coordinators" if target_is_staff else "queue"


# A case in these states still has a person on it, or one on the way.
OPEN_STATUSES = ("open", "claimed")


def joins(status: str, case_level: str, wanted: str) -> bool:
    """Whether a message's existing case takes new worry about it (instead of a new case).

    Only while it is open and at the level asked for or above: worry about a message whose
    case was closed, or a moderator asking for "urgent" on a "concern" case, opens a new case,
    so a person is told and on-call is paged when asked.
    """
    if status not in OPEN_STATUSES or case_level not in LEVEL_ORDER or wanted not in LEVEL_ORDER:
        return False
    return LEVEL_ORDER.index(case_level) >= LEVEL_ORDER.index(wanted)


def window_start(now: datetime) -> datetime:
    """Reports filed at or after this count against the limit."""
    return now - WINDOW


def clean_note(note: str | None) -> str | None:
    """The reporter's optional words, trimmed; None when empty."""
    text = (note or "").strip()
    return text[:NOTE_CHARS] or None


def excerpt(text: str) -> str | None:
    """The start of the reported message, for moderators; None when it had no text."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    return cleaned if len(cleaned) <= EXCERPT_CHARS else cleaned[: EXCERPT_CHARS - 1] + "…"
