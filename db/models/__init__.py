"""Frozen records the repositories return, one module per aggregate. Plain data: no discord, no SQL.

Repositories import their models from here and never define them. ``core`` (settings, jobs,
audit) and ``crisis`` are re-exported so ``from db.models import Job`` keeps working; the lanes'
models are imported from their module (``db.models.cohorts``, ``db.models.guidelines``) or, as
before, from their repository, which re-exports them.
"""

from db.models.core import AuditEntry, AuditNote, GuildSettings, Job
from db.models.crisis import CaseEvent, CaseJoin, CrisisCase, RelayMessage

__all__ = [
    "AuditEntry",
    "AuditNote",
    "CaseEvent",
    "CaseJoin",
    "CrisisCase",
    "GuildSettings",
    "Job",
    "RelayMessage",
]
