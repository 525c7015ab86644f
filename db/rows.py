"""Helpers for turning rows into models."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def written(found: T | None, what: str) -> T:
    """``found``, read back just after it was written; a clear error when it is missing.

    A repository that inserts a row and reads it back expects it to be there. If it is not
    (a trigger, a concurrent erase, a bug in the SQL), say so plainly rather than with a bare
    ``assert`` that ``python -O`` removes.
    """
    if found is None:
        raise RuntimeError(f"{what} was not found just after it was written")
    return found
