"""How times are stored: aware UTC datetimes as fixed-width ISO-8601 text."""

from __future__ import annotations

from datetime import UTC, datetime


def to_db(moment: datetime) -> str:
    """Aware datetime -> stored text (UTC, microseconds, so text order is time order)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: Kindred stores aware UTC times only")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db(text: str) -> datetime:
    """Stored text -> aware UTC datetime."""
    return datetime.fromisoformat(text).astimezone(UTC)


def opt_from_db(text: str | None) -> datetime | None:
    """Like from_db, passing None through."""
    return None if text is None else from_db(text)
