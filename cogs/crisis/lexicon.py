"""Loading and checking the crisis lexicon (``config/crisis_lexicon.toml`` and server extensions).

The lexicon is data that facilitators edit, so every problem is reported as a ConfigError that
names the file, the line and what to change. Several files can be loaded: the first is the
shipped lexicon, later ones (a server's own additions) add phrases to existing rules, add new
rules and extend the cue lists. Nothing here imports discord.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from hashlib import sha256
from pathlib import Path
from typing import Any

from cogs.crisis.cue_lists import CUE_LISTS
from cogs.crisis.multilingual import emphatic_variant, spelling_variants
from cogs.screening.normalise import normalise
from config.datafile import DataFile, load_toml
from config.errors import ConfigError

__all__ = [
    "CATEGORIES",
    "CUE_LISTS",
    "SCOPES",
    "Escalation",
    "Idiom",
    "Level",
    "Lexicon",
    "Signal",
    "default_lexicon_path",
    "load_lexicon",
]


class Level(enum.IntEnum):
    """How urgent a message is; higher is more urgent, so levels compare and ``max()`` works."""

    NONE = 0
    WATCH = 1
    CONCERN = 2
    URGENT = 3

    @property
    def label(self) -> str:
        """The lower-case name used in data files and alerts ("urgent")."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Level:
        """The level named ``text`` ("urgent", "Concern"); ValueError if there is none."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(level.label for level in cls)
            raise ValueError(f"unknown level {text!r}; use one of: {names}") from None


# Categories a signal may have. Escalations and the reason text refer to them.
CATEGORIES = frozenset(
    {
        "ideation",
        "passive",
        "plan",
        "means",
        "timeline",
        "goodbye",
        "self_harm",
        "self_harm_now",
        "third_party",
        "hopeless",
        "help",
    }
)

# Lists a server's base file may leave out (older lexicons did not have them): every cue list
# from "agreement" on was added after the first lexicon.
_OPTIONAL_CUES = frozenset(CUE_LISTS[CUE_LISTS.index("agreement") :])
_WHO = ("self", "other", "any")
# The ids of rules for Spanish, Hindi and Hinglish begin so (the English rules' do not).
NON_ENGLISH_RULE_PREFIXES = ("es_", "hi_", "hinglish_", "hg_", "ml_", "mlb_", "mk_")
# Where a signal's ``needs`` / ``unless`` cues are looked for.
SCOPES = ("clause", "sentence", "message")
_SIGNAL_KEYS = frozenset(
    {
        "id",
        "level",
        "category",
        "reason",
        "phrases",
        "lead",
        "act",
        "who",
        "when_negated",
        "needs",
        "unless",
        "scope",
        "firm",
    }
)
_ESCALATE_KEYS = frozenset({"id", "categories", "cue", "level", "reason"})
_IDIOM_KEYS = frozenset({"id", "signals", "phrases"})
_SOFTEN_KEYS = frozenset({"id", "signals", "cue", "level", "reason"})
_TOP_KEYS = frozenset({"version", "signal", "escalate", "soften", "cues", "idiom"})


@dataclass(frozen=True)
class Signal:
    """A rule that raises the level when one of its phrases is found."""

    id: str
    level: Level
    category: str
    reason: str
    phrases: tuple[str, ...]
    who: str = "any"
    when_negated: bool = False
    # Cue lists of which one phrase must also occur (in ``scope``) for the signal to count:
    # "the next relapse takes me" is a wish only beside "hope", "wish", "maybe"...
    needs: tuple[str, ...] = ()
    # Cue lists that cancel the signal when one of their phrases occurs (in ``scope``):
    # "logging off for good" is no goodbye beside "taking a break from social media".
    unless: tuple[str, ...] = ()
    scope: str = "sentence"
    # A kind of language the learned stage was never trained on ("tired of life"): when this
    # signal raises the alert, a model may not rule it out (cogs/screening/stage.py).
    firm: bool = False


@dataclass(frozen=True)
class Escalation:
    """Raise signals of ``categories`` to ``level`` when a phrase of cue list ``cue`` appears."""

    id: str
    categories: frozenset[str]
    cue: str
    level: Level
    reason: str


@dataclass(frozen=True)
class Softening:
    """Cap named signals at ``level`` when a phrase of cue list ``cue`` is in the same sentence
    ("I take all my meds at once *every morning*" is a routine, not a plan)."""

    id: str
    signals: frozenset[str]  # signal ids; never "*": a softening must name what it lowers
    cue: str
    level: Level
    reason: str


@dataclass(frozen=True)
class Idiom:
    """Phrases that, around a signal phrase, mean something harmless ("dying to see")."""

    id: str
    signals: frozenset[str]  # signal ids it can cancel; "*" for all
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """Everything the crisis screen needs, merged from one or more files."""

    signals: tuple[Signal, ...]
    escalations: tuple[Escalation, ...]
    idioms: tuple[Idiom, ...]
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    softenings: tuple[Softening, ...] = ()
    negation_window: int = 3
    sources: tuple[Path, ...] = ()


def default_lexicon_path() -> Path:
    """Path of the shipped lexicon, ``config/crisis_lexicon.toml``."""
    return Path(__file__).resolve().parents[2] / "config" / "crisis_lexicon.toml"


# Lexicons already loaded in this process, by their files' paths and contents: parsing the
# shipped file takes most of a second, and every bot start, `check` and test module reads it.
_LOADED: dict[tuple[tuple[str, str], ...], Lexicon] = {}


def load_lexicon(paths: Sequence[Path | str]) -> Lexicon:
    """Load and check the lexicon files in order, merging later files into earlier ones.

    The first file must be complete (it is the shipped lexicon); later files may hold any
    subset. Raises ConfigError naming the file and line for any problem. The same files with
    the same contents give the same (immutable) Lexicon without parsing them again.
    """
    try:
        key = tuple(
            (str(Path(p).resolve()), sha256(Path(p).read_bytes()).hexdigest()) for p in paths
        )
    except OSError:
        return _load_lexicon(paths)  # a missing file: the loader says which, and how to fix it
    if key not in _LOADED:
        if len(_LOADED) >= 16:
            _LOADED.clear()
        _LOADED[key] = _load_lexicon(paths)
    return _LOADED[key]


def _load_lexicon(paths: Sequence[Path | str]) -> Lexicon:
    """``load_lexicon`` without the cache."""
    if not paths:
        raise ConfigError(default_lexicon_path(), None, "no lexicon file given; pass the path")
    signals: dict[str, Signal] = {}
    escalations: dict[str, Escalation] = {}
    idioms: dict[str, Idiom] = {}
    softenings: dict[str, Softening] = {}
    cues: dict[str, list[str]] = {}
    window = 3
    for n, path in enumerate(paths):
        doc = load_toml(path)
        _check_keys(doc, doc.data, _TOP_KEYS, None, 0, "the top level")
        for i, raw in enumerate(_tables(doc, "signal")):
            sig = _parse_signal(doc, raw, i)
            if sig.id in signals:
                old = signals[sig.id]
                if (sig.level, sig.category) != (old.level, old.category):
                    raise doc.error(
                        f"signal {sig.id!r} already exists with level {old.level.label} and "
                        f"category {old.category}; use the same level and category to add "
                        "phrases to it, or pick a new id",
                        "signal",
                        i,
                    )
                sig = replace(old, phrases=old.phrases + sig.phrases, firm=old.firm or sig.firm)
            signals[sig.id] = sig
        for i, raw in enumerate(_tables(doc, "idiom")):
            idiom = _parse_idiom(doc, raw, i)
            if idiom.id in idioms:
                old_idiom = idioms[idiom.id]
                idiom = Idiom(
                    idiom.id, old_idiom.signals | idiom.signals, old_idiom.phrases + idiom.phrases
                )
            idioms[idiom.id] = idiom
        raw_cues = doc.data.get("cues", {})
        if not isinstance(raw_cues, dict):
            raise ConfigError(doc.path, doc.line_of_key("cues"), "[cues] must be a table")
        for key, value in raw_cues.items():
            line = doc.line_of_key(key)
            if key == "negation_window":
                if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10:
                    raise ConfigError(
                        doc.path, line, "negation_window must be a whole number from 0 to 10"
                    )
                window = value
                continue
            if key not in CUE_LISTS:
                raise ConfigError(
                    doc.path,
                    line,
                    f"unknown cue list {key!r}; known lists: {', '.join(CUE_LISTS)}",
                )
            cues.setdefault(key, []).extend(_phrase_list(doc, value, f"cues.{key}", line))
        if n == 0:
            missing = [k for k in CUE_LISTS if k not in cues and k not in _OPTIONAL_CUES]
            if missing:
                raise ConfigError(
                    doc.path,
                    doc.line_of_key("timeline"),
                    f"[cues] is missing {', '.join(missing)}; add them (an empty list is fine)",
                )
            if not signals:
                raise doc.error("no [[signal]] rules; the shipped lexicon needs at least one")
        for i, raw in enumerate(_tables(doc, "escalate")):
            esc = _parse_escalation(doc, raw, i)
            escalations[esc.id] = esc
        for i, raw in enumerate(_tables(doc, "soften")):
            soft = _parse_softening(doc, raw, i)
            unknown = sorted(soft.signals - set(signals))
            if unknown:
                raise doc.error(
                    f"soften {soft.id!r} refers to signal {unknown[0]!r}, which does not exist; "
                    "fix the id",
                    "soften",
                    i,
                )
            softenings[soft.id] = soft
        for i, raw in enumerate(_tables(doc, "idiom")):
            for sid in raw.get("signals", []):
                if sid != "*" and sid not in signals:
                    raise doc.error(
                        f"idiom {raw.get('id')!r} refers to signal {sid!r}, which does not "
                        'exist; fix the id or use "*" for every signal',
                        "idiom",
                        i,
                    )
    return Lexicon(
        signals=tuple(signals.values()),
        escalations=tuple(escalations.values()),
        idioms=tuple(idioms.values()),
        cues={k: tuple(dict.fromkeys(v)) for k, v in cues.items()},
        softenings=tuple(softenings.values()),
        negation_window=window,
        sources=tuple(Path(p) for p in paths),
    )


def _tables(doc: DataFile, name: str) -> list[dict[str, Any]]:
    """The ``[[name]]`` tables of ``doc`` (an empty list when there are none)."""
    value = doc.data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(
            doc.path, doc.line_of_key(name), f"{name} must be written as [[{name}]] tables"
        )
    return value


def _check_keys(
    doc: DataFile,
    raw: dict[str, Any],
    allowed: frozenset[str],
    table: str | None,
    index: int,
    what: str,
) -> None:
    """Reject misspelt keys, which would otherwise be silently ignored."""
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise doc.error(
            f"unknown key {unknown[0]!r} in {what}; allowed keys: {', '.join(sorted(allowed))}",
            table,
            index,
        )


def _text(doc: DataFile, raw: dict[str, Any], key: str, table: str, index: int) -> str:
    """A required non-empty string field."""
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise doc.error(f'{table} needs {key} = "..." (a non-empty string)', table, index)
    return value.strip()


def _level(doc: DataFile, raw: dict[str, Any], table: str, index: int) -> Level:
    """The ``level`` field, which must name a level above none."""
    text = _text(doc, raw, "level", table, index)
    try:
        level = Level.parse(text)
    except ValueError as exc:
        raise doc.error(str(exc), table, index) from None
    if level is Level.NONE:
        raise doc.error("level none would do nothing; use watch, concern or urgent", table, index)
    return level


def _phrase_list(doc: DataFile, value: Any, what: str, line: int | None) -> list[str]:
    """A list of phrases; each must still say something after normalising."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(doc.path, line, f"{what} must be a list of strings in quotes")
    out = []
    for phrase in value:
        body = phrase.strip()
        if body.endswith("*"):
            body = body[:-1]
        if "*" in body:
            raise ConfigError(
                doc.path, line, f"{what}: {phrase!r} has * inside; * may only end a phrase"
            )
        if not normalise(body):
            raise ConfigError(doc.path, line, f"{what}: {phrase!r} is empty; remove it")
        # Hinglish and chat-Spanish spellings of the same phrase, and Hindi's emphatic "hi"
        # before a negation or a future helper verb (cogs/crisis/multilingual.py).
        out.extend(spelling_variants(phrase.strip()))
        emphatic = emphatic_variant(phrase.strip())
        if emphatic is not None:
            out.append(emphatic)
    return out


def _parse_signal(doc: DataFile, raw: dict[str, Any], index: int) -> Signal:
    """One ``[[signal]]`` table, checked."""
    _check_keys(doc, raw, _SIGNAL_KEYS, "signal", index, "[[signal]]")
    sid = _text(doc, raw, "id", "signal", index)
    level = _level(doc, raw, "signal", index)
    category = _text(doc, raw, "category", "signal", index)
    if category not in CATEGORIES:
        raise doc.error(
            f"signal {sid!r}: unknown category {category!r}; use one of: "
            f"{', '.join(sorted(CATEGORIES))}",
            "signal",
            index,
        )
    reason = _text(doc, raw, "reason", "signal", index)
    line = doc.line_of("signal", index)
    phrases = _phrase_list(doc, raw.get("phrases", []), f"signal {sid!r} phrases", line)
    if ("lead" in raw) != ("act" in raw):
        raise doc.error(
            f"signal {sid!r}: lead and act go together (every lead + act is a phrase); "
            "add the missing one or move the phrases to `phrases`",
            "signal",
            index,
        )
    if "lead" in raw:
        leads = _phrase_list(doc, raw["lead"], f"signal {sid!r} lead", line)
        acts = _phrase_list(doc, raw["act"], f"signal {sid!r} act", line)
        phrases += [f"{lead} {act}" for lead in leads for act in acts]
    if not phrases:
        raise doc.error(f"signal {sid!r} has no phrases; add phrases = [...]", "signal", index)
    who = raw.get("who", "any")
    if who not in _WHO:
        raise doc.error(f"signal {sid!r}: who must be one of {', '.join(_WHO)}", "signal", index)
    when_negated = raw.get("when_negated", False)
    if not isinstance(when_negated, bool):
        raise doc.error(f"signal {sid!r}: when_negated must be true or false", "signal", index)
    needs = _cue_names(doc, raw, "needs", sid, index)
    unless = _cue_names(doc, raw, "unless", sid, index)
    scope = raw.get("scope", "sentence")
    if scope not in SCOPES:
        raise doc.error(
            f"signal {sid!r}: scope must be one of {', '.join(SCOPES)}", "signal", index
        )
    firm = raw.get("firm", False)
    if not isinstance(firm, bool):
        raise doc.error(f"signal {sid!r}: firm must be true or false", "signal", index)
    return Signal(
        sid, level, category, reason, tuple(phrases), who, when_negated, needs, unless, scope, firm
    )


def _cue_names(
    doc: DataFile, raw: dict[str, Any], key: str, sid: str, index: int
) -> tuple[str, ...]:
    """A signal's ``needs`` or ``unless``: names of cue lists."""
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise doc.error(f"signal {sid!r}: {key} must be a list of cue list names", "signal", index)
    unknown = [v for v in value if v not in CUE_LISTS]
    if unknown:
        raise doc.error(
            f"signal {sid!r}: {key} names cue list {unknown[0]!r}, which does not exist; "
            f"use one of: {', '.join(CUE_LISTS)}",
            "signal",
            index,
        )
    return tuple(value)


def _parse_escalation(doc: DataFile, raw: dict[str, Any], index: int) -> Escalation:
    """One ``[[escalate]]`` table, checked."""
    _check_keys(doc, raw, _ESCALATE_KEYS, "escalate", index, "[[escalate]]")
    eid = _text(doc, raw, "id", "escalate", index)
    cats = raw.get("categories")
    if not isinstance(cats, list) or not cats or not all(c in CATEGORIES for c in cats):
        raise doc.error(
            f"escalation {eid!r}: categories must be a list drawn from "
            f"{', '.join(sorted(CATEGORIES))}",
            "escalate",
            index,
        )
    cue = _text(doc, raw, "cue", "escalate", index)
    if cue not in CUE_LISTS:
        raise doc.error(
            f"escalation {eid!r} uses cue list {cue!r}, which does not exist; "
            f"use one of: {', '.join(CUE_LISTS)}",
            "escalate",
            index,
        )
    return Escalation(
        eid,
        frozenset(cats),
        cue,
        _level(doc, raw, "escalate", index),
        _text(doc, raw, "reason", "escalate", index),
    )


def _parse_softening(doc: DataFile, raw: dict[str, Any], index: int) -> Softening:
    """One ``[[soften]]`` table, checked."""
    _check_keys(doc, raw, _SOFTEN_KEYS, "soften", index, "[[soften]]")
    sid = _text(doc, raw, "id", "soften", index)
    sigs = raw.get("signals")
    if (
        not isinstance(sigs, list)
        or not sigs
        or not all(isinstance(s, str) and s and s != "*" for s in sigs)
    ):
        raise doc.error(
            f'soften {sid!r}: signals must be a list of signal ids (not "*": name each '
            "signal a routine can lower)",
            "soften",
            index,
        )
    cue = _text(doc, raw, "cue", "soften", index)
    if cue not in CUE_LISTS:
        raise doc.error(
            f"soften {sid!r} uses cue list {cue!r}, which does not exist; "
            f"use one of: {', '.join(CUE_LISTS)}",
            "soften",
            index,
        )
    level = _level(doc, raw, "soften", index)
    if level is Level.URGENT:
        raise doc.error(
            f"soften {sid!r}: level urgent lowers nothing; use watch or concern", "soften", index
        )
    return Softening(sid, frozenset(sigs), cue, level, _text(doc, raw, "reason", "soften", index))


def _parse_idiom(doc: DataFile, raw: dict[str, Any], index: int) -> Idiom:
    """One ``[[idiom]]`` table, checked."""
    _check_keys(doc, raw, _IDIOM_KEYS, "idiom", index, "[[idiom]]")
    iid = _text(doc, raw, "id", "idiom", index)
    sigs = raw.get("signals", ["*"])
    if not isinstance(sigs, list) or not sigs or not all(isinstance(s, str) for s in sigs):
        raise doc.error(
            f'idiom {iid!r}: signals must be a list of signal ids (or ["*"])', "idiom", index
        )
    line = doc.line_of("idiom", index)
    phrases = _phrase_list(doc, raw.get("phrases", []), f"idiom {iid!r} phrases", line)
    if not phrases:
        raise doc.error(f"idiom {iid!r} has no phrases; add phrases = [...]", "idiom", index)
    return Idiom(iid, frozenset(sigs), tuple(phrases))
