"""Loading and checking the conversation-guideline rules (``config/guideline_rules.toml``).

The rules are data so that facilitators can tune them without touching code, and a server can
add its own file on top. This module only reads, checks and merges those files; turning the
phrases into an automaton and screening messages is ``cogs.guidelines.screen``.

Every problem is raised as a ``ConfigError`` naming the file, the line of the offending
``[[rule]]`` (or key) and what to change, because the person who broke the file is usually a
facilitator, not the engineer reading a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from config.datafile import DataFile, load_toml
from config.errors import ConfigError

__all__ = [
    "ABUSE_LABELS",
    "COACH_LABELS",
    "LABELS",
    "MODEL_REVIEW_RULE",
    "LabelCopy",
    "PrivacySettings",
    "Rule",
    "RuleSet",
    "default_rules_path",
    "load_rules",
]

# Coaching breaches keep the message and nudge the author; abuse hides the message. The path
# is fixed by the label (the product brief keeps the two paths apart), so it is not data.
COACH_LABELS: tuple[str, ...] = ("minimizing", "comparing", "unsolicited_advice")
ABUSE_LABELS: tuple[str, ...] = ("toxic", "privacy")
LABELS: tuple[str, ...] = COACH_LABELS + ABUSE_LABELS
# The rule id of possible contempt the guideline model queues for a moderator, never hides.
MODEL_REVIEW_RULE = "model_toxic_review"
PATH_OF_LABEL: dict[str, str] = {
    **dict.fromkeys(COACH_LABELS, "coach"),
    **dict.fromkeys(ABUSE_LABELS, "abuse"),
}

_SIDES = ("either", "before", "after")
_RULE_KEYS = frozenset(
    {
        "id",
        "label",
        "phrases",
        "except",
        "near",
        "not_near",
        "within",
        "side",
        "unless",
        "start",
        "if_unasked",
        "reason",
        "suggestion",
        "enabled",
    }
)
_TOP_KEYS = frozenset({"version", "labels", "context", "meta", "lists", "rule", "privacy"})
_PRIVACY_KEYS = frozenset(
    {"phone_min_digits", "safe_numbers", "street_suffixes", "handle_sites", "enabled"}
)


def default_rules_path() -> Path:
    """Path of the rules file shipped with Kindred (``config/guideline_rules.toml``)."""
    # cogs/guidelines/rules.py -> repository root -> config/
    return Path(__file__).resolve().parents[2] / "config" / "guideline_rules.toml"


@dataclass(frozen=True)
class Rule:
    """One guideline rule as written in a rules file, with ``@list`` references expanded."""

    id: str
    label: str
    phrases: tuple[str, ...]
    except_: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    not_near: tuple[str, ...] = ()
    within: int | None = None
    side: str = "either"
    unless: tuple[str, ...] = ()
    start: bool = False
    if_unasked: bool = False
    reason: str = ""
    suggestion: str = ""
    enabled: bool = True
    source: Path = field(default=Path("?"), compare=False)
    line: int | None = field(default=None, compare=False)

    @property
    def path(self) -> str:
        """``"coach"`` or ``"abuse"``, fixed by the label."""
        return PATH_OF_LABEL[self.label]


@dataclass(frozen=True)
class LabelCopy:
    """Default text shown for a label when a rule has none of its own."""

    reason: str
    suggestion: str


@dataclass(frozen=True)
class PrivacySettings:
    """Settings for the built-in phone, email, address and handle patterns."""

    enabled: bool = True
    phone_min_digits: int = 7
    safe_numbers: frozenset[str] = frozenset()
    street_suffixes: tuple[str, ...] = ()
    handle_sites: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleSet:
    """Everything the screen needs, merged from the base file and any extension files."""

    rules: tuple[Rule, ...]
    labels: Mapping[str, LabelCopy]
    asked: tuple[str, ...]
    not_asked: tuple[str, ...]
    meta: tuple[str, ...]
    reported: tuple[str, ...]
    reported_within: int
    privacy: PrivacySettings
    sources: tuple[Path, ...] = ()

    @property
    def active_rules(self) -> tuple[Rule, ...]:
        """The rules that are switched on, in file order."""
        return tuple(rule for rule in self.rules if rule.enabled)


def load_rules(paths: Sequence[Path | str]) -> RuleSet:
    """Read, check and merge rules files; the first is the base, later ones extend it.

    Later files may add ``[lists]`` entries (appended), replace a rule by reusing its ``id``,
    switch a rule off with ``enabled = false``, and override label copy, context cues and
    privacy settings. Raises ``ConfigError`` on the first problem found.
    """
    if not paths:
        raise ConfigError(default_rules_path(), None, "no rules file given; pass at least one")
    files = [load_toml(path) for path in paths]
    lists: dict[str, list[str]] = {}
    for df in files:
        _check_top_keys(df)
        for name, entries in _table(df, "lists").items():
            lists.setdefault(name, []).extend(_strings(df, entries, f"lists.{name}"))

    rules: dict[str, Rule] = {}
    labels: dict[str, LabelCopy] = {}
    asked: list[str] = []
    not_asked: list[str] = []
    meta: list[str] = []
    reported: list[str] = []
    reported_within = 25
    privacy = PrivacySettings()
    for n, df in enumerate(files):
        labels.update(_read_labels(df))
        context = _table(df, "context")
        asked += _expand(df, _strings(df, context.get("asked", []), "context.asked"), lists)
        not_asked += _expand(
            df, _strings(df, context.get("not_asked", []), "context.not_asked"), lists
        )
        meta_table = _table(df, "meta")
        meta += _expand(df, _strings(df, meta_table.get("phrases", []), "meta.phrases"), lists)
        reported += _expand(
            df, _strings(df, meta_table.get("reported", []), "meta.reported"), lists
        )
        if "reported_within" in meta_table:
            reported_within = _positive_int(df, meta_table["reported_within"], "reported_within")
        privacy = _read_privacy(df, privacy)
        seen_here: set[str] = set()
        for index, raw in enumerate(_rule_tables(df)):
            rule = _read_rule(df, index, raw, lists, base=rules.get(str(raw.get("id", ""))))
            if rule.id in seen_here:
                raise df.error(
                    f"rule id {rule.id!r} is used twice in this file; give each rule its own id",
                    "rule",
                    index,
                )
            seen_here.add(rule.id)
            if n == 0 or rule.id not in rules:
                rules[rule.id] = rule
            else:
                rules[rule.id] = rule  # an extension file replaces the base rule of that id
    missing = [label for label in LABELS if label not in labels]
    if missing:
        raise ConfigError(
            files[0].path,
            None,
            f"no [labels.{missing[0]}] table with reason and suggestion; add one "
            "(the text shown to the author when that guideline is breached)",
        )
    return RuleSet(
        rules=tuple(rules.values()),
        labels=labels,
        asked=tuple(dict.fromkeys(asked)),
        not_asked=tuple(dict.fromkeys(not_asked)),
        meta=tuple(dict.fromkeys(meta)),
        reported=tuple(dict.fromkeys(reported)),
        reported_within=reported_within,
        privacy=privacy,
        sources=tuple(df.path for df in files),
    )


# --- helpers --------------------------------------------------------------------------------


def _check_top_keys(df: DataFile) -> None:
    """Reject unknown top-level keys: a typo ("rules" for "rule") would silently do nothing."""
    for key in df.data:
        if key not in _TOP_KEYS:
            raise ConfigError(
                df.path,
                df.line_of_key(key) or df.line_of(key, 0),
                f"unknown section or key {key!r}; expected one of {', '.join(sorted(_TOP_KEYS))}",
            )


def _table(df: DataFile, key: str) -> dict[str, Any]:
    """A top-level table, or {} when absent; error if it is some other type."""
    value = df.data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(df.path, df.line_of_key(key), f"{key!r} must be a [{key}] table")
    return value


def _rule_tables(df: DataFile) -> list[dict[str, Any]]:
    """The ``[[rule]]`` tables of a file."""
    value = df.data.get("rule", [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ConfigError(
            df.path, df.line_of_key("rule"), "rules must be written as [[rule]] tables"
        )
    return value


def _strings(
    df: DataFile, value: Any, where: str, table: str | None = None, index: int = 0
) -> list[str]:
    """Check that ``value`` is a list of non-empty strings and return it."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _error(
            df, f'{where} must be a list of quoted phrases, like ["a", "b"]', table, index, where
        )
    for item in value:
        if not item.strip():
            raise _error(df, f"{where} has an empty phrase; remove it", table, index, where)
        if "*" in item.rstrip("*") or item.endswith("**"):
            raise _error(
                df,
                f"{where}: {item!r} has a * that is not at the end; * may only end a phrase "
                '("vitamin*" matches vitamin, vitamins)',
                table,
                index,
                where,
            )
    return value


def _error(df: DataFile, problem: str, table: str | None, index: int, key: str) -> ConfigError:
    """A ConfigError at the given [[table]] if any, else at the line assigning the last key part."""
    if table is not None:
        return df.error(problem, table, index)
    return ConfigError(df.path, df.line_of_key(key.split(".")[-1]), problem)


def _expand(
    df: DataFile,
    phrases: Iterable[str],
    lists: Mapping[str, Sequence[str]],
    table: str | None = None,
    index: int = 0,
) -> list[str]:
    """Replace ``@name`` entries by the phrases of ``[lists].name``."""
    out: list[str] = []
    for phrase in phrases:
        if phrase.startswith("@"):
            name = phrase[1:]
            if name not in lists:
                known = ", ".join(sorted(lists)) or "none defined"
                raise _error(
                    df,
                    f"{phrase!r} names a list that does not exist; add it under [lists] "
                    f"(known lists: {known})",
                    table,
                    index,
                    "lists",
                )
            out.extend(lists[name])
        else:
            out.append(phrase)
    return out


def _positive_int(
    df: DataFile, value: Any, key: str, table: str | None = None, index: int = 0
) -> int:
    """Check a whole number greater than zero."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise _error(df, f"{key} must be a whole number above 0, like 40", table, index, key)
    return value


def _text(df: DataFile, value: Any, key: str, table: str | None = None, index: int = 0) -> str:
    """Check a string value."""
    if not isinstance(value, str):
        raise _error(df, f"{key} must be quoted text", table, index, key)
    return value.strip()


def _read_labels(df: DataFile) -> dict[str, LabelCopy]:
    """The ``[labels.<label>]`` copy tables of one file."""
    out: dict[str, LabelCopy] = {}
    for label, copy in _table(df, "labels").items():
        line = df.line_of_key(label) or df.line_of_key("reason")
        if label not in LABELS:
            raise ConfigError(
                df.path, line, f"[labels.{label}] is not a label; use one of {', '.join(LABELS)}"
            )
        if not isinstance(copy, dict) or not isinstance(copy.get("reason"), str):
            raise ConfigError(
                df.path, line, f'[labels.{label}] needs reason = "..." (one kind sentence)'
            )
        suggestion = copy.get("suggestion", "")
        if not isinstance(suggestion, str):
            raise ConfigError(df.path, line, f"[labels.{label}] suggestion must be quoted text")
        if label in ABUSE_LABELS and suggestion:
            # The abuse path hides the message; a rephrasing of an insult is not something to
            # offer, so the API promises "" there.
            suggestion = ""
        out[label] = LabelCopy(reason=copy["reason"].strip(), suggestion=suggestion.strip())
    return out


def _read_privacy(df: DataFile, current: PrivacySettings) -> PrivacySettings:
    """Merge a file's ``[privacy]`` table over the current settings."""
    table = _table(df, "privacy")
    for key in table:
        if key not in _PRIVACY_KEYS:
            raise ConfigError(
                df.path,
                df.line_of_key(key),
                f"unknown [privacy] key {key!r}; expected one of {', '.join(sorted(_PRIVACY_KEYS))}",
            )
    settings = current
    if "enabled" in table:
        if not isinstance(table["enabled"], bool):
            raise ConfigError(df.path, df.line_of_key("enabled"), "enabled must be true or false")
        settings = replace(settings, enabled=table["enabled"])
    if "phone_min_digits" in table:
        settings = replace(
            settings,
            phone_min_digits=_positive_int(df, table["phone_min_digits"], "phone_min_digits"),
        )
    if "safe_numbers" in table:
        numbers = _strings(df, table["safe_numbers"], "safe_numbers")
        bad = [n for n in numbers if not n.isdigit()]
        if bad:
            raise ConfigError(
                df.path,
                df.line_of_key("safe_numbers"),
                f'safe_numbers entry {bad[0]!r} must be digits only (write 116 123 as "116123")',
            )
        settings = replace(settings, safe_numbers=settings.safe_numbers | frozenset(numbers))
    for key in ("street_suffixes", "handle_sites"):
        if key in table:
            words = _strings(df, table[key], key)
            bad = [w for w in words if not w.replace(" ", "").isalpha()]
            if bad:
                raise ConfigError(
                    df.path, df.line_of_key(key), f"{key} entry {bad[0]!r} must be letters only"
                )
            merged = tuple(dict.fromkeys((*getattr(settings, key), *(w.lower() for w in words))))
            if key == "street_suffixes":
                settings = replace(settings, street_suffixes=merged)
            else:
                settings = replace(settings, handle_sites=merged)
    return settings


def _read_rule(
    df: DataFile,
    index: int,
    raw: dict[str, Any],
    lists: Mapping[str, Sequence[str]],
    base: Rule | None,
) -> Rule:
    """Check one ``[[rule]]`` table and build a Rule.

    In an extension file, a table that only says ``id = "..."`` and ``enabled = false`` (or
    changes a field or two) is applied on top of the base rule of that id.
    """

    def fail(problem: str) -> ConfigError:
        return df.error(problem, "rule", index)

    for key in raw:
        if key not in _RULE_KEYS:
            hint = " (did you mean except?)" if key in {"exclude", "exceptions"} else ""
            raise fail(
                f"unknown key {key!r} in [[rule]]{hint}; expected one of "
                f"{', '.join(sorted(_RULE_KEYS))}"
            )
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise fail('every [[rule]] needs an id, like id = "minimizing.at_least"')
    rule_id = rule_id.strip()
    line = df.line_of("rule", index)

    if base is not None and "phrases" not in raw:
        # Partial override of a rule from an earlier file.
        fields: dict[str, Any] = {"source": df.path, "line": line}
    elif "phrases" not in raw and raw.get("enabled") is False:
        # Switching off a rule that has no phrases to list, such as the built-in privacy
        # patterns ("privacy.phone", "privacy.email", "privacy.address", "privacy.handle").
        label = raw.get("label", rule_id.split(".")[0])
        if label not in LABELS:
            raise fail(f"rule {rule_id!r}: add label = one of {', '.join(LABELS)}")
        return Rule(id=rule_id, label=label, phrases=(), enabled=False, source=df.path, line=line)
    else:
        if "phrases" not in raw:
            raise fail(f"rule {rule_id!r} needs phrases = [...] (what triggers it)")
        if "label" not in raw:
            raise fail(f"rule {rule_id!r} needs a label: one of {', '.join(LABELS)}")
        base = None
        fields = {"source": df.path, "line": line}

    def phrase_list(key: str) -> tuple[str, ...]:
        values = _strings(df, raw[key], f"{key} of rule {rule_id!r}", "rule", index)
        return tuple(_expand(df, values, lists, "rule", index))

    if "label" in raw:
        label = raw["label"]
        if label not in LABELS:
            raise fail(f"rule {rule_id!r}: label {label!r} is not one of {', '.join(LABELS)}")
        fields["label"] = label
    if "phrases" in raw:
        fields["phrases"] = phrase_list("phrases")
        if not fields["phrases"]:
            raise fail(f"rule {rule_id!r} has no phrases; add some or set enabled = false")
    for key, attr in (
        ("except", "except_"),
        ("near", "near"),
        ("not_near", "not_near"),
        ("unless", "unless"),
    ):
        if key in raw:
            fields[attr] = phrase_list(key)
    if "within" in raw:
        fields["within"] = _positive_int(df, raw["within"], "within", "rule", index)
    if "side" in raw:
        if raw["side"] not in _SIDES:
            raise fail(f"rule {rule_id!r}: side must be one of {', '.join(_SIDES)}")
        fields["side"] = raw["side"]
    for key in ("start", "if_unasked", "enabled"):
        if key in raw:
            if not isinstance(raw[key], bool):
                raise fail(f"rule {rule_id!r}: {key} must be true or false")
            fields[key] = raw[key]
    for key in ("reason", "suggestion"):
        if key in raw:
            fields[key] = _text(df, raw[key], key, "rule", index)

    rule = replace(base, **fields) if base is not None else Rule(id=rule_id, **fields)
    if ("within" in raw or "side" in raw) and not (rule.near or rule.not_near):
        raise fail(f"rule {rule_id!r}: within/side only make sense with near = [...]")
    if rule.path == "abuse":
        rule = replace(rule, suggestion="")
    return rule
