"""Turning rows into models: one generic mapper, driven by the dataclass's field types.

``from_row(Cohort, row)`` fills each field from the column of the same name and converts it
by the field's annotation:

- ``datetime`` (or ``datetime | None``): stored ISO text -> aware UTC datetime (``timefmt``);
- ``date`` / ``time``: ISO text -> ``date`` / ``time``;
- ``bool``: SQLite's 0/1 -> ``False``/``True``;
- ``tuple[X, ...]`` / ``frozenset[X]``: comma-separated text -> each item converted to ``X``
  (empty items dropped, so ``""`` is an empty tuple);
- anything else (ints, strings, ``None``): as stored.

``None`` stays ``None`` for optional fields. A field whose column the row lacks takes its
default; keyword overrides replace any field (for the few that are not a plain column, such as
a nested tuple of records).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

from db.timefmt import from_db

T = TypeVar("T")

_MISSING = dataclasses.MISSING


class RowLike(Protocol):
    """What ``sqlite3.Row`` (and a plain dict) offer: ``keys()`` and ``row[name]``."""

    def keys(self) -> Any: ...
    def __getitem__(self, key: str, /) -> Any: ...


def written(found: T | None, what: str) -> T:
    """``found``, read back just after it was written; a clear error when it is missing.

    A repository that inserts a row and reads it back expects it to be there. If it is not
    (a trigger, a concurrent erase, a bug in the SQL), say so plainly rather than with a bare
    ``assert`` that ``python -O`` removes.
    """
    if found is None:
        raise RuntimeError(f"{what} was not found just after it was written")
    return found


def _split(text: str) -> list[str]:
    return [item for item in text.split(",") if item]


def _scalar(kind: Any) -> Callable[[Any], Any] | None:
    """The converter for a non-optional annotation, or None when the value is used as stored."""
    if kind is dt.datetime:
        return from_db
    if kind is dt.date:
        return dt.date.fromisoformat
    if kind is dt.time:
        return dt.time.fromisoformat
    if kind is bool:
        return bool
    origin = typing.get_origin(kind)
    if origin in (tuple, frozenset):
        args = typing.get_args(kind)
        item = args[0] if args else str
        convert_item: Callable[[Any], Any] = (
            item if item in (int, float, str) else (_scalar(item) or str)
        )
        container: Callable[[Any], Any] = tuple if origin is tuple else frozenset

        def from_csv(text: str) -> Any:
            return container(convert_item(part) for part in _split(text))

        return from_csv
    return None


def _converter(kind: Any) -> Callable[[Any], Any] | None:
    """The converter for a field's annotation (``X | None`` converts like ``X``)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        if len(args) != 1:
            return None
        return _scalar(args[0])  # from_row passes None through before converting
    return _scalar(kind)


_Plan = tuple[tuple[str, Callable[[Any], Any] | None, bool], ...]
_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    """Per field of ``cls``: its name, its converter, and whether it has a default (cached)."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _make_plan(cls)
    return plan


def _make_plan(cls: type) -> _Plan:
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls.__name__} is not a dataclass")
    hints = typing.get_type_hints(cls)
    return tuple(
        (
            field.name,
            _converter(hints[field.name]),
            field.default is not _MISSING or field.default_factory is not _MISSING,
        )
        for field in dataclasses.fields(cls)
        if field.init
    )


def from_row(cls: type[T], row: RowLike | Mapping[str, Any], **overrides: Any) -> T:
    """Build the dataclass ``cls`` from ``row`` by field name (see the module docstring)."""
    values: dict[str, Any] = {}
    for name, convert, has_default in _plan(cls):
        if name in overrides:
            values[name] = overrides[name]
            continue
        try:
            value = row[name]
        except (IndexError, KeyError):  # sqlite3.Row raises IndexError, a dict KeyError
            if has_default:
                continue
            raise KeyError(f"{cls.__name__}.{name}: the row has no column {name!r}") from None
        values[name] = value if convert is None or value is None else convert(value)
    return cls(**values)
