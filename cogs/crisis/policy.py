"""The crisis lane's decisions, as plain functions: deadlines, the hourly limit, the report."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from db.models import CaseJoin, CrisisCase, GuildSettings

# The brief's defaults; a server changes them with /setup set.
DEFAULT_ACK_MINUTES = {"urgent": 10, "concern": 60}
MEMBER_MESSAGE_COOLDOWN = timedelta(hours=1)
FOLLOWUP_AFTER = timedelta(days=1)
ALERT_LEVELS = ("concern", "urgent")
# "Talk to the team": a conversation without a crisis. Nobody is paged; the staff channel is
# told, and an unclaimed conversation escalates after this long (longer than any crisis).
SUPPORT = "support"
SUPPORT_ACK_MINUTES = 240
# How often a member who DMs Kindred without an open case is offered the "Talk to the team" button.
TALK_OFFER_EVERY = timedelta(hours=1)


# A message AutoMod blocked and what the member writes next (re-worded, or caught by a second
# rule) are one disclosure when they come this close together.
SAME_DISCLOSURE_WINDOW = timedelta(minutes=10)
LEVEL_ORDER = ("watch", "concern", "urgent")


def case_join(level: str, *, blocked: bool, now: datetime) -> CaseJoin:
    """Which of the member's recent open cases takes a new crisis message instead of a new case.

    A message AutoMod blocked joins any open case of theirs from the last ten minutes: the same
    words caught by two rules or two actions, or more of what they already said. A posted
    message joins only a case opened for a blocked one: the member re-worded what AutoMod
    stopped. Either way only a case at the message's level or above takes it, so a more
    urgent message opens its own case and pages on-call. Two posts are two cases, as before.
    """
    at_least = LEVEL_ORDER[LEVEL_ORDER.index(level) :] if level in LEVEL_ORDER else ()
    return CaseJoin(now - SAME_DISCLOSURE_WINDOW, tuple(at_least), blocked_only=not blocked)


def ack_minutes(level: str, settings: GuildSettings) -> int | None:
    """Minutes until an unclaimed case escalates; None for levels that never escalate."""
    if level == "urgent":
        return settings.urgent_ack_minutes or DEFAULT_ACK_MINUTES["urgent"]
    if level == "concern":
        return settings.concern_ack_minutes or DEFAULT_ACK_MINUTES["concern"]
    if level == SUPPORT:
        return SUPPORT_ACK_MINUTES
    return None


# Who on the staff side is told of a new case, in order; the chain moves on when a step fails
# (not only when a role is empty) and ends at the server's owner.
STAFF_CHAIN = ("channel", "dm_oncall", "dm_backup", "dm_coordinators", "dm_owner")
# How long a crisis step that reached nobody waits before it tries the chain again, at most.
CRISIS_RETRY_CAP = timedelta(minutes=2)


@dataclass(frozen=True)
class ChainStep:
    """One step of the staff chain: post in a channel, or DM the holders of a role / the owner."""

    how: str  # one of STAFF_CHAIN
    role_id: int | None = None


def staff_chain(settings: GuildSettings, level: str) -> list[ChainStep]:
    """The steps that tell a person of a new case, in order.

    ``watch`` goes only to the staff channel (a quiet glance, nobody is DMed). ``concern`` and
    ``urgent`` continue by DM to the on-call role, the backup role, the coordinators and the
    owner, skipping roles that are not set.
    """
    steps = [ChainStep("channel")] if settings.staff_channel_id else []
    if level not in ALERT_LEVELS:
        return steps
    for how, role in (
        ("dm_oncall", settings.oncall_role_id),
        ("dm_backup", settings.backup_role_id),
        ("dm_coordinators", settings.coordinator_role_id),
    ):
        if role:
            steps.append(ChainStep(how, role))
    steps.append(ChainStep("dm_owner"))
    return steps


def first_steps(
    level: str, settings: GuildSettings, now: datetime, *, alert: str, member: str, deadline: str
) -> list[tuple[str, datetime]]:
    """The jobs a new case is written with: alert now, member now, the deadline later.

    These are committed with the case, so a crash at any point after the commit leaves them
    for start-up to run.
    """
    steps = [(alert, now)]
    if level in ALERT_LEVELS:
        steps.append((member, now))
    minutes = ack_minutes(level, settings)
    if minutes is not None:
        steps.append((deadline, now + timedelta(minutes=minutes)))
    return steps


def reachability_warnings(settings: GuildSettings, holders: dict[str, int]) -> list[str]:
    """What leaves a crisis case with nobody to tell: for /setup show and ``bot.py check``.

    ``holders`` counts the people (not bots) who hold each role, by ``"oncall"``, ``"backup"``,
    ``"coordinator"`` and ``"moderator"``; pass -1 for a count that cannot be known (offline).
    """
    warnings: list[str] = []
    if not settings.staff_channel_id:
        warnings.append(
            "No staff channel: crisis alerts can only go out by DM. "
            "Set one with `/setup set staff_channel:`."
        )
    dm_roles = [
        ("on-call", settings.oncall_role_id, holders.get("oncall", 0)),
        ("backup", settings.backup_role_id, holders.get("backup", 0)),
        ("coordinator", settings.coordinator_role_id, holders.get("coordinator", 0)),
    ]
    reachable = [name for name, role, count in dm_roles if role and count != 0]
    if not reachable:
        warnings.append(
            "Nobody holds the on-call, backup or coordinator role, so when the staff channel "
            "fails only the server owner can be told of a crisis. Give those roles to people "
            "with `/setup set` and Discord's role settings."
        )
    for name, role, count in dm_roles:
        if role and count == 0:
            warnings.append(f"The {name} role is set but nobody holds it.")
    return warnings


def may_message_member(last_sent: datetime | None, now: datetime) -> bool:
    """At most one private crisis message per member per hour."""
    return last_sent is None or now - last_sent >= MEMBER_MESSAGE_COOLDOWN


@dataclass(frozen=True)
class CrisisReport:
    """What /crisis report shows."""

    days: int
    total: int
    by_level: dict[str, int]
    by_status: dict[str, int]
    median_minutes_to_claim: float | None
    slowest_minutes_to_claim: float | None
    escalated: int
    member_unreachable: int
    false_alarms_by_rule: list[tuple[str, int]]


def build_report(cases: Sequence[CrisisCase], days: int) -> CrisisReport:
    """Counts, time to claim, and false alarms by rule (to tune the lexicon)."""
    waits = [
        (c.claimed_at - c.created_at).total_seconds() / 60
        for c in cases
        if c.claimed_at is not None and c.level in ALERT_LEVELS
    ]
    false_rules: Counter[str] = Counter()
    for case in cases:
        if case.status == "false_alarm":
            false_rules.update(case.rules or ("manual",))
    return CrisisReport(
        days=days,
        total=len(cases),
        by_level=dict(Counter(c.level for c in cases)),
        by_status=dict(Counter(c.status for c in cases)),
        median_minutes_to_claim=statistics.median(waits) if waits else None,
        slowest_minutes_to_claim=max(waits) if waits else None,
        escalated=sum(1 for c in cases if c.escalations),
        member_unreachable=sum(1 for c in cases if c.member_notified == "failed"),
        false_alarms_by_rule=false_rules.most_common(10),
    )


def report_lines(report: CrisisReport) -> list[str]:
    """/crisis report as text lines."""

    def fmt(minutes: float | None) -> str:
        return "n/a" if minutes is None else f"{minutes:.0f} min"

    levels = ", ".join(f"{report.by_level.get(k, 0)} {k}" for k in ("urgent", "concern", "watch"))
    statuses = ", ".join(
        f"{report.by_status.get(k, 0)} {k.replace('_', ' ')}"
        for k in ("open", "claimed", "resolved", "false_alarm")
    )
    lines = [
        f"**Crisis cases, last {report.days} days: {report.total}**",
        f"By level: {levels}",
        f"By status: {statuses}",
        f"Time to claim: median {fmt(report.median_minutes_to_claim)}, "
        f"slowest {fmt(report.slowest_minutes_to_claim)}",
        f"Escalated (unclaimed past the deadline): {report.escalated}",
        f"Members we could not reach privately: {report.member_unreachable}",
    ]
    if report.false_alarms_by_rule:
        rules = ", ".join(f"{rule} ({n})" for rule, n in report.false_alarms_by_rule)
        lines.append(f"False alarms by rule: {rules}")
    else:
        lines.append("False alarms by rule: none")
    return lines
