"""Frozen records the repositories return, one module per aggregate. Plain data: no discord, no SQL.

Repositories import their models from here and never define them. ``core`` (settings, jobs,
audit) and ``crisis`` are re-exported so ``from db.models import Job`` keeps working; the lanes'
models are imported from their module (``db.models.cohorts``) or, as before, from their
repository. The guideline models still live in ``db/repositories/guidelines.py``.
"""

from db.models.core import AuditEntry, GuildSettings, Job
from db.models.crisis import CaseEvent, CaseJoin, CrisisCase

__all__ = ["AuditEntry", "CaseEvent", "CaseJoin", "CrisisCase", "GuildSettings", "Job"]
