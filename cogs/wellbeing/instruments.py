"""The wellbeing instruments and forms from ``config/instruments.toml``, validated.

Plain module (no discord): the cog builds its modals from these, and scoring.py scores with them.
Every problem found after parsing names the file and the line of the entry at fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cogs.utils.i18n import tp
from config.datafile import DataFile, load_toml
from config.errors import ConfigError

INSTRUMENTS_PATH = Path(__file__).resolve().parents[2] / "config" / "instruments.toml"

# Discord's limits for a form (modal): its title, an input's label and placeholder, 5 inputs.
TITLE_MAX = 45
LABEL_MAX = 45
PLACEHOLDER_MAX = 100
INPUTS_MAX = 5


@dataclass(frozen=True)
class Item:
    """One question: the published wording and a short form label."""

    text: str
    short: str


@dataclass(frozen=True)
class Instrument:
    """A published questionnaire with its answer scale, scoring rule and licence note."""

    key: str
    name: str
    stem: str
    min: int
    max: int
    labels: tuple[str, ...]
    multiplier: int
    higher_is_better: bool
    licence: str
    items: tuple[Item, ...]
    crisis_item: bool = False

    @property
    def score_min(self) -> int:
        """The lowest possible score."""
        return self.min * len(self.items) * self.multiplier

    @property
    def score_max(self) -> int:
        """The highest possible score."""
        return self.max * len(self.items) * self.multiplier

    def said(self, text: str) -> str:
        """``text`` (this instrument's name, stem, an answer label or a question) in the
        language being spoken.

        Under the instrument's own context (``instrument <key>``): the same English ("Some of
        the time") has different published translations in different instruments.
        """
        return tp(f"instrument {self.key}", text)

    def short(self, index: int) -> str:
        """Item ``index``'s short label as said: under its own context, because it must fit a
        form label (45 characters with the scale) where the question's wording need not."""
        return tp(f"instrument {self.key} label", self.items[index].short)

    def short_name(self) -> str:
        """The instrument's name without its parenthesis ("WHO-5 Well-Being Index"), as said."""
        return self.said(self.name).split(" (")[0]

    def label(self, index: int) -> str:
        """The form label of item ``index``, with the scale: "Calm and relaxed (0-5)"."""
        return f"{self.short(index)} ({self.min}-{self.max})"

    def placeholder(self) -> str:
        """The scale in words, for an empty input: "0 at no time ... 5 all of the time"."""
        low, high = self.said(self.labels[0]).lower(), self.said(self.labels[-1]).lower()
        return f"{self.min} = {low} ... {self.max} = {high}"


@dataclass(frozen=True)
class Form:
    """The instruments asked together on one Discord form."""

    key: str
    title: str
    instruments: tuple[str, ...]


@dataclass(frozen=True)
class Schedule:
    """Which forms go out when (defaults; per-cohort switches live in the database)."""

    weekly: tuple[str, ...]
    full: tuple[str, ...]
    full_weeks: tuple[int, ...]
    optional: tuple[str, ...]


@dataclass(frozen=True)
class Instruments:
    """Everything in instruments.toml."""

    instruments: dict[str, Instrument]
    forms: dict[str, Form]
    schedule: Schedule

    def form_instruments(
        self, form_key: str, enabled: frozenset[str] = frozenset()
    ) -> list[Instrument]:
        """The instruments of a form, leaving out optional ones not in ``enabled``."""
        form = self.forms[form_key]
        return [
            self.instruments[key]
            for key in form.instruments
            if key not in self.schedule.optional or key in enabled
        ]


def _field(file: DataFile, entry: dict[str, Any], key: str, kind: type, table: str, index: int):
    value = entry.get(key)
    if kind is int and isinstance(value, bool):
        value = None  # TOML true is not a number
    if not isinstance(value, kind):
        what = {str: "text", int: "a whole number", bool: "true or false", list: "a list"}[kind]
        raise file.error(f"{table} {index + 1}: '{key}' must be {what}", table, index)
    return value


def _instrument(file: DataFile, entry: dict[str, Any], index: int) -> Instrument:
    t = "instrument"
    key = _field(file, entry, "key", str, t, index)
    low = _field(file, entry, "min", int, t, index)
    high = _field(file, entry, "max", int, t, index)
    if high <= low:
        raise file.error(f"instrument {key}: max must be above min", t, index)
    labels = _field(file, entry, "labels", list, t, index)
    if len(labels) != high - low + 1 or not all(isinstance(x, str) for x in labels):
        raise file.error(
            f"instrument {key}: labels needs one text per answer {low} to {high} "
            f"({high - low + 1}), found {len(labels)}",
            t,
            index,
        )
    raw_items = entry.get("item")
    if not isinstance(raw_items, list) or not raw_items:
        raise file.error(f"instrument {key}: add at least one [[instrument.item]]", t, index)
    items = []
    for n, raw in enumerate(raw_items, start=1):
        text, short = raw.get("text"), raw.get("short")
        if not isinstance(text, str) or not isinstance(short, str) or not text or not short:
            raise file.error(f"instrument {key}, item {n}: needs 'text' and 'short'", t, index)
        items.append(Item(text=text, short=short))
    licence = _field(file, entry, "licence", str, t, index)
    if not licence.strip():
        raise file.error(f"instrument {key}: the licence note cannot be empty", t, index)
    multiplier = _field(file, entry, "multiplier", int, t, index)
    if multiplier < 1:
        raise file.error(f"instrument {key}: multiplier must be 1 or more", t, index)
    instrument = Instrument(
        key=key,
        name=_field(file, entry, "name", str, t, index),
        stem=_field(file, entry, "stem", str, t, index),
        min=low,
        max=high,
        labels=tuple(labels),
        multiplier=multiplier,
        higher_is_better=_field(file, entry, "higher_is_better", bool, t, index),
        licence=" ".join(licence.split()),
        items=tuple(items),
        crisis_item=bool(entry.get("crisis_item", False)),
    )
    for n in range(len(items)):
        if len(instrument.label(n)) > LABEL_MAX:
            raise file.error(
                f"instrument {key}, item {n + 1}: the label {instrument.label(n)!r} is longer "
                f"than Discord's {LABEL_MAX} characters; shorten 'short'",
                t,
                index,
            )
    if len(instrument.placeholder()) > PLACEHOLDER_MAX:
        raise file.error(f"instrument {key}: the first and last labels are too long", t, index)
    return instrument


def parse_instruments(file: DataFile) -> Instruments:
    """Validate a parsed instruments file; raise ConfigError naming the entry at fault."""
    instruments: dict[str, Instrument] = {}
    for index, entry in enumerate(file.data.get("instrument") or []):
        instrument = _instrument(file, entry, index)
        if instrument.key in instruments:
            raise file.error(f"instrument {instrument.key} is defined twice", "instrument", index)
        instruments[instrument.key] = instrument
    if not instruments:
        raise file.error("no [[instrument]] entries")
    forms: dict[str, Form] = {}
    for index, entry in enumerate(file.data.get("form") or []):
        key = _field(file, entry, "key", str, "form", index)
        title = _field(file, entry, "title", str, "form", index)
        if len(title) > TITLE_MAX:
            raise file.error(f"form {key}: the title is over {TITLE_MAX} characters", "form", index)
        keys = tuple(_field(file, entry, "instruments", list, "form", index))
        unknown = [k for k in keys if k not in instruments]
        if unknown:
            raise file.error(f"form {key}: unknown instruments {unknown}", "form", index)
        inputs = sum(len(instruments[k].items) for k in keys)
        if inputs > INPUTS_MAX:
            raise file.error(
                f"form {key}: {inputs} questions, but a Discord form holds at most {INPUTS_MAX}",
                "form",
                index,
            )
        forms[key] = Form(key=key, title=title, instruments=keys)
    schedule = file.data.get("schedule")
    if not isinstance(schedule, dict):
        raise file.error("add a [schedule] table (weekly, full, full_weeks, optional)")

    def names(name: str, known: dict[str, Any]) -> tuple[str, ...]:
        values = schedule.get(name, [])
        if not isinstance(values, list) or any(v not in known for v in values):
            raise ConfigError(
                file.path,
                file.line_of_key(name),
                f"[schedule] {name}: every entry must be one of {sorted(known)}",
            )
        return tuple(values)

    weeks = schedule.get("full_weeks", [])
    if not isinstance(weeks, list) or not all(isinstance(w, int) and w >= 1 for w in weeks):
        raise file.error("[schedule] full_weeks must be a list of week numbers (1 or more)")
    return Instruments(
        instruments=instruments,
        forms=forms,
        schedule=Schedule(
            weekly=names("weekly", forms),
            full=names("full", forms),
            full_weeks=tuple(weeks),
            optional=names("optional", instruments),
        ),
    )


def load_instruments(path: Path | str = INSTRUMENTS_PATH) -> Instruments:
    """Read and validate the instruments file; raise ConfigError with the file and line."""
    return parse_instruments(load_toml(path))
