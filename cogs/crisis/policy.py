"""The crisis lane's decisions, as plain functions: deadlines, the hourly limit, the report."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from db.models import CrisisCase, GuildSettings

# The brief's defaults; a server changes them with /setup set.
DEFAULT_ACK_MINUTES = {"urgent": 10, "concern": 60}
MEMBER_MESSAGE_COOLDOWN = timedelta(hours=1)
FOLLOWUP_AFTER = timedelta(days=1)
ALERT_LEVELS = ("concern", "urgent")


def ack_minutes(level: str, settings: GuildSettings) -> int | None:
    """Minutes until an unclaimed case escalates; None for levels that never escalate."""
    if level == "urgent":
        return settings.urgent_ack_minutes or DEFAULT_ACK_MINUTES["urgent"]
    if level == "concern":
        return settings.concern_ack_minutes or DEFAULT_ACK_MINUTES["concern"]
    return None


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
