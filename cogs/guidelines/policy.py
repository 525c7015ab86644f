"""The guidelines lane's decisions, as plain functions: rule modes, nudge limits, points.

No discord here: the cog asks these functions what to do and then does it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from cogs.crisis.detector import Level
from cogs.guidelines.rules import ABUSE_LABELS, COACH_LABELS, LABELS
from cogs.utils.errors import InvalidInput
from db.models.guidelines import GuidelineLimits, Infraction

__all__ = [
    "ABUSE_LABELS",
    "COACH_LABELS",
    "LABELS",
    "MODES",
    "Escalation",
    "Handling",
    "Limits",
    "active_points",
    "escalation",
    "explain_mode",
    "handling",
    "nudge_allowed",
    "refusal",
    "require_reason",
    "resolve_limits",
    "rule_mode",
]

MODES: tuple[str, ...] = ("on", "off", "report")
DEFAULT_MODE = "on"

# The brief's defaults; a server changes them with /guidelines limits.
NUDGES_PER_HOUR = 1
NUDGES_PER_WEEK = 3
POINT_DAYS = 30
TIMEOUT_POINTS = 3
TIMEOUT_MINUTES = 60
REVIEW_POINTS = 6

# Points for an automatic hide: an insult weighs more than an over-share, which is often a
# member posting their own number without thinking.
POINTS_FOR_LABEL: Mapping[str, int] = {"toxic": 2, "privacy": 1}
WARN_POINTS = 1
TIMEOUT_ACTION_POINTS = 2
MIN_REASON = 3


@dataclass(frozen=True)
class Limits:
    """A server's limits with the defaults filled in."""

    nudges_per_hour: int = NUDGES_PER_HOUR
    nudges_per_week: int = NUDGES_PER_WEEK
    point_days: int = POINT_DAYS
    timeout_points: int = TIMEOUT_POINTS  # 0 turns the automatic timeout off
    timeout_minutes: int = TIMEOUT_MINUTES
    review_points: int = REVIEW_POINTS  # 0 turns the moderator review note off

    @property
    def point_lifetime(self) -> timedelta:
        """How long an infraction's points count."""
        return timedelta(days=self.point_days)


def resolve_limits(stored: GuidelineLimits) -> Limits:
    """The server's stored limits, defaults where it set none."""
    base = Limits()
    values = {
        name: getattr(stored, name) if getattr(stored, name) is not None else getattr(base, name)
        for name in (
            "nudges_per_hour",
            "nudges_per_week",
            "point_days",
            "timeout_points",
            "timeout_minutes",
            "review_points",
        )
    }
    return Limits(**values)


def rule_mode(
    label: str,
    modes: Mapping[tuple[int, str], str],
    *,
    channel_id: int | None,
    parent_id: int | None = None,
    staff_channel: bool = False,
) -> str:
    """How a rule applies in a channel: ``on``, ``off`` or ``report``."""
    return explain_mode(
        label, modes, channel_id=channel_id, parent_id=parent_id, staff_channel=staff_channel
    )[0]


def explain_mode(
    label: str,
    modes: Mapping[tuple[int, str], str],
    *,
    channel_id: int | None,
    parent_id: int | None = None,
    staff_channel: bool = False,
) -> tuple[str, str]:
    """``(mode, where it comes from)``. The most specific setting wins: the channel, then its
    parent (a thread follows its channel), then the staff channel's exemption, then the server,
    then on."""
    if channel_id and (channel_id, label) in modes:
        return modes[(channel_id, label)], "set for this channel"
    if parent_id and (parent_id, label) in modes:
        return modes[(parent_id, label)], "set for the parent channel"
    if staff_channel:
        return "off", "staff channel, exempt by default"  # staff quote members there
    if (0, label) in modes:
        return modes[(0, label)], "set for the server"
    return DEFAULT_MODE, "default"


@dataclass(frozen=True)
class Handling:
    """What the lane does with a guideline hit, given what the crisis screen said.

    ``action``: ``leave`` (crisis wins: no nudge, no hide, no infraction), ``nudge`` (the
    coaching path) or ``hide`` (the abuse path). ``care``: the crisis screen heard a ``watch``
    signal (say, hopelessness) in an abusive message, so a moderator is asked to look in
    ``/mod queue`` and the author gets the kind note instead of the bare abuse notice.
    The rule's mode (on, report only, off) applies after this, as for any hit.
    """

    action: Literal["leave", "nudge", "hide"]
    care: bool = False


def handling(level: Level, label: str) -> Handling:
    """Crisis wins at ``concern`` and ``urgent``; at ``watch`` abuse is still hidden, with care.

    Before, a ``watch`` signal kept abuse visible, so "I feel hopeless" shielded any insult.
    Now the insult is hidden like any other (copy, infraction, appeal) and the distress is not
    lost: it is queued for a human and the author is told kindly. Coaching at ``watch`` is
    unchanged (a private, rate-limited nudge with no penalty): ``watch`` is the ambiguous level
    ("what's the point of this new drug"), and the crisis lane already shows it to moderators.
    """
    if label not in ABUSE_LABELS and label not in COACH_LABELS:
        raise ValueError(f"unknown guideline label {label!r}")
    if level >= Level.CONCERN:
        return Handling("leave")
    if label in ABUSE_LABELS:
        return Handling("hide", care=level == Level.WATCH)
    return Handling("nudge")


def nudge_allowed(sent: Iterable[datetime], now: datetime, limits: Limits) -> bool:
    """May the member be nudged now, given when they were nudged before?"""
    times = list(sent)
    last_hour = sum(1 for t in times if now - t < timedelta(hours=1))
    last_week = sum(1 for t in times if now - t < timedelta(days=7))
    return last_hour < limits.nudges_per_hour and last_week < limits.nudges_per_week


def counts(infraction: Infraction, now: datetime) -> bool:
    """Do this infraction's points still count (not pardoned, not expired)?"""
    return not infraction.pardoned and infraction.expires_at > now and infraction.points > 0


def active_points(infractions: Iterable[Infraction], now: datetime) -> int:
    """Points that still count now."""
    return sum(i.points for i in infractions if counts(i, now))


@dataclass(frozen=True)
class Escalation:
    """What crossing a threshold calls for."""

    timeout_minutes: int | None = None
    review: bool = False

    @property
    def any(self) -> bool:
        """Anything to do?"""
        return self.timeout_minutes is not None or self.review


def escalation(
    before: int, after: int, limits: Limits, *, timed_out_now: bool = False
) -> Escalation:
    """Thresholds crossed going from ``before`` to ``after`` points (each fires once per crossing).

    ``timed_out_now``: the action itself was a timeout, so no automatic one on top.
    """

    def crossed(threshold: int) -> bool:
        return threshold > 0 and before < threshold <= after

    timeout = (
        limits.timeout_minutes if crossed(limits.timeout_points) and not timed_out_now else None
    )
    return Escalation(timeout_minutes=timeout, review=crossed(limits.review_points))


def require_reason(reason: str | None) -> str:
    """Every moderator action needs a reason; return it tidied."""
    text = " ".join((reason or "").split())
    if len(text) < MIN_REASON:
        raise InvalidInput(
            "Please give a reason (a few words): it goes in the audit log and, for warnings "
            "and timeouts, to the member."
        )
    return text[:500]


def refusal(
    *,
    actor_id: int,
    target_id: int,
    target_is_bot: bool,
    target_is_coordinator: bool,
    target_is_moderator: bool,
    actor_is_coordinator: bool,
) -> str | None:
    """Why a moderator may not act on this person, or None when they may."""
    if target_is_bot:
        return "Kindred and other bots can't be warned, timed out or noted."
    if target_id == actor_id:
        return "You can't take moderation actions on yourself."
    if target_is_coordinator:
        return (
            "Coordinators can't be moderated with Kindred. If something needs addressing, "
            "please raise it with the server owner."
        )
    if target_is_moderator and not actor_is_coordinator:
        return "Only a coordinator can take moderation actions on another moderator."
    return None


def describe_mode(mode: str) -> str:
    """A mode in words."""
    return {
        "on": "on (nudge or hide)",
        "off": "off",
        "report": "report only (moderators see it in /mod queue; the member is not told)",
    }[mode]


def parse_queue_item(item: str) -> tuple[str, int]:
    """``R12`` (a reported hit), ``M4`` (a member's report) or ``A3`` (an appeal) -> (kind, id)."""
    kinds = {"R": "report", "M": "member_report", "A": "appeal"}
    text = item.strip().upper().lstrip("#")
    if len(text) >= 2 and text[0] in kinds and text[1:].isdigit():
        return kinds[text[0]], int(text[1:])
    raise InvalidInput(
        "Give a queue item as shown in `/mod queue`: R and a number for a flagged message, M "
        "and a number for a member's report, A and a number for an appeal (for example `R12`)."
    )


def sorted_counts(
    rows: Sequence[tuple[str, str, str, int]],
) -> list[tuple[str, int, dict[str, int]]]:
    """Group ``(label, rule, outcome, n)`` rows by rule: ``(rule, total, by outcome)``."""
    grouped: dict[str, dict[str, int]] = {}
    for _label, rule, outcome, n in rows:
        grouped.setdefault(rule, {})
        grouped[rule][outcome] = grouped[rule].get(outcome, 0) + n
    return sorted(
        ((rule, sum(by.values()), by) for rule, by in grouped.items()),
        key=lambda item: (-item[1], item[0]),
    )
