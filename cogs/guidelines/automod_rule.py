"""Kindred's own AutoMod rule for slurs (pure): which words, the rule, and what to change.

With ``/guidelines automod on`` Kindred keeps one AutoMod keyword rule of its own, so Discord
blocks a slur before anyone in the group reads it (the guidelines lane still hides what gets
through, for example a spelling AutoMod does not know). This module decides everything about
that rule; ``_automod.py`` only reads and writes it through Discord.

- The words are the plain phrases of the toxic slur rules of the guideline rules: ``toxic.slur``
  and any rule whose id starts with ``toxic.slur.`` (a server's own file may add one). Only what
  a Discord keyword filter can say is kept: letters, digits, spaces, apostrophes and hyphens,
  with an optional ``*`` at the end (the same prefix meaning in both), at most 60 characters,
  at most 1,000 words. A rule's ``except`` phrases become the allow list (at most 100).
- A word is never kept when the crisis lexicon would flag it, or when, as an AutoMod keyword,
  it would block one of the lexicon's phrases: a member in crisis is never silenced by Kindred.
- The rule blocks with a kind message that points to the group guidelines, never alerts or
  times out, and leaves the staff channel alone.

Rules are Discord's JSON payloads, so no discord import is needed here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from cogs.admin.automod import BLOCK_MESSAGE, KEYWORD, MESSAGE_SEND, keyword_matches
from cogs.crisis.detector import CrisisScreen
from cogs.crisis.lexicon import Level, Lexicon
from cogs.guidelines.rules import Rule

__all__ = [
    "CUSTOM_MESSAGE",
    "RULE_NAME",
    "SLUR_RULE",
    "Step",
    "Words",
    "crisis_flags",
    "find_own",
    "is_slur_rule",
    "lexicon_phrases",
    "plain_keyword",
    "plan",
    "rule_payload",
    "select_words",
    "slur_phrases",
]

RULE_NAME = "Kindred: slurs (managed by Kindred)"
CUSTOM_MESSAGE = (
    "Kindred's group guidelines ask for respect for everyone, so this word isn't allowed here. "
    "Your message wasn't sent; please reword it."
)
SLUR_RULE = "toxic.slur"

# Discord's limits for a keyword rule (auto-moderation resource).
MAX_KEYWORDS = 1000
MAX_KEYWORD_CHARS = 60
MAX_ALLOW_LIST = 100
MAX_CUSTOM_MESSAGE = 150
MAX_EXEMPT_CHANNELS = 50

# Lower-case words of letters and digits joined by single spaces, apostrophes or hyphens, and
# an optional prefix star: what means the same to Kindred's screen and to Discord's filter.
_PLAIN = re.compile(r"[a-z0-9]+(?:(?: |'|-)[a-z0-9]+)*\*?")

Why = Literal["crisis", "blocks crisis phrase", "not plain", "too long", "over the limit"]


@dataclass(frozen=True)
class Words:
    """The rule's keywords and allow list, and what was left out (phrase, why)."""

    keywords: tuple[str, ...]
    allow_list: tuple[str, ...] = ()
    left_out: tuple[tuple[str, Why], ...] = ()


# --- the words --------------------------------------------------------------------------------


def is_slur_rule(rule: Rule) -> bool:
    """An active toxic rule of slurs: ``toxic.slur`` or an id starting with ``toxic.slur.``."""
    return (
        rule.enabled
        and rule.label == "toxic"
        and (rule.id == SLUR_RULE or rule.id.startswith(SLUR_RULE + "."))
    )


def slur_phrases(rules: Iterable[Rule]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The phrases and the ``except`` phrases of the slur rules, in file order, once each."""
    phrases: dict[str, None] = {}
    excepts: dict[str, None] = {}
    for rule in rules:
        if is_slur_rule(rule):
            phrases.update(dict.fromkeys(rule.phrases))
            excepts.update(dict.fromkeys(rule.except_))
    return tuple(phrases), tuple(excepts)


def plain_keyword(phrase: str) -> str | None:
    """``phrase`` as a Discord keyword (lower case, single spaces), or None if it isn't plain."""
    text = " ".join(phrase.replace("\u2019", "'").lower().split())
    return text if _PLAIN.fullmatch(text) else None


def lexicon_phrases(lexicon: Lexicon) -> tuple[str, ...]:
    """Every phrase of the crisis lexicon's signals, at any level, without its prefix star."""
    seen: dict[str, None] = {}
    for signal in lexicon.signals:
        for phrase in signal.phrases:
            seen.setdefault(phrase.rstrip("*").strip(), None)
    return tuple(p for p in seen if p)


def crisis_flags(screen: CrisisScreen) -> Callable[[str], bool]:
    """True for a text the crisis screen flags at any level (watch, concern or urgent)."""
    return lambda text: screen.screen(text).level > Level.NONE


def select_words(
    phrases: Iterable[str],
    excepts: Iterable[str] = (),
    *,
    flags_crisis: Callable[[str], bool],
    crisis_phrases: Sequence[str],
) -> Words:
    """The keywords (and allow list) for the rule, within Discord's limits, never crisis words.

    A phrase is left out when it is not plain (see ``plain_keyword``), longer than 60
    characters, flagged by the crisis screen (``flags_crisis``), or would block one of
    ``crisis_phrases`` as an AutoMod keyword; past 1,000 keywords the rest are left out.
    """
    keywords: dict[str, None] = {}
    left_out: list[tuple[str, Why]] = []
    # Crisis phrases in one spacing and case, so a plain substring test rules most out fast.
    crisis = [" ".join(p.lower().split()) for p in crisis_phrases]
    for phrase in phrases:
        keyword = plain_keyword(phrase)
        why: Why | None = None
        if keyword is None:
            why = "not plain"
        elif len(keyword) > MAX_KEYWORD_CHARS:
            why = "too long"
        elif flags_crisis(keyword.rstrip("*")):
            why = "crisis"
        elif any(keyword_matches(keyword, p) for p in crisis if keyword.strip("*") in p):
            why = "blocks crisis phrase"
        elif len(keywords) >= MAX_KEYWORDS and keyword not in keywords:
            why = "over the limit"
        if why is not None:
            left_out.append((phrase, why))
        elif keyword is not None:
            keywords.setdefault(keyword, None)
    allowed: dict[str, None] = {}
    for phrase in excepts:
        entry = plain_keyword(phrase)
        if entry is not None and len(entry) <= MAX_KEYWORD_CHARS and len(allowed) < MAX_ALLOW_LIST:
            allowed.setdefault(entry, None)
    return Words(tuple(keywords), tuple(allowed), tuple(left_out))


# --- the rule ---------------------------------------------------------------------------------


def rule_payload(
    words: Words, staff_channel_id: int | None, exempt: Iterable[int] = ()
) -> dict[str, Any]:
    """The rule as Discord's JSON: block with the guidelines message, the staff channel exempt.

    ``exempt``: channels already exempted (by a server admin) that stay exempted.
    """
    channels = set(exempt)
    if staff_channel_id is not None:
        channels.add(staff_channel_id)
    return {
        "name": RULE_NAME,
        "event_type": MESSAGE_SEND,
        "trigger_type": KEYWORD,
        "trigger_metadata": {
            "keyword_filter": list(words.keywords),
            "regex_patterns": [],
            "allow_list": list(words.allow_list),
        },
        "actions": [{"type": BLOCK_MESSAGE, "metadata": {"custom_message": CUSTOM_MESSAGE}}],
        "enabled": True,
        "exempt_channels": [str(c) for c in sorted(channels)[:MAX_EXEMPT_CHANNELS]],
    }


def find_own(
    rules: Iterable[Mapping[str, Any]], stored_id: int | None, bot_id: int
) -> Mapping[str, Any] | None:
    """Kindred's rule among the server's: by the stored id, else by its name and maker.

    The name is the fallback for a rule made just before a crash, before its id was stored.
    """
    rules = list(rules)
    if stored_id is not None:
        for rule in rules:
            if int(rule["id"]) == stored_id:
                return rule
    for rule in rules:
        if rule.get("name") == RULE_NAME and int(rule.get("creator_id") or 0) == bot_id:
            return rule
    return None


Action = Literal["create", "update", "delete", "keep", "none"]


@dataclass(frozen=True)
class Step:
    """What to do to the server's rules: ``create``, ``update`` or ``delete`` a rule, or
    ``keep`` it (it matches) or ``none`` (off and there is none). ``drift``: what differed."""

    action: Action
    rule_id: int | None = None
    payload: Mapping[str, Any] = field(default_factory=dict)
    drift: tuple[str, ...] = ()


def _actions(actions: Iterable[Mapping[str, Any]]) -> list[tuple[int, str]]:
    return [
        (int(a.get("type") or 0), str((a.get("metadata") or {}).get("custom_message") or ""))
        for a in actions
    ]


def _drift(current: Mapping[str, Any], wanted: Mapping[str, Any]) -> tuple[str, ...]:
    """The fields of ``current`` that differ from ``wanted`` (in Discord's JSON)."""
    have = current.get("trigger_metadata") or {}
    want = wanted["trigger_metadata"]
    changed = []
    for key in ("keyword_filter", "regex_patterns", "allow_list"):
        if sorted(have.get(key) or []) != sorted(want[key]):
            changed.append(key)
    if _actions(current.get("actions") or []) != _actions(wanted["actions"]):
        changed.append("actions")
    for key in ("name", "enabled"):
        if current.get(key) != wanted[key]:
            changed.append(key)
    if int(current.get("event_type") or 0) != wanted["event_type"]:
        changed.append("event_type")
    if not set(wanted["exempt_channels"]) <= {str(c) for c in current.get("exempt_channels") or []}:
        changed.append("exempt_channels")
    return tuple(changed)


def plan(
    enabled: bool,
    own: Mapping[str, Any] | None,
    words: Words,
    staff_channel_id: int | None,
) -> Step:
    """The one step that makes the server's rules match the setting.

    On: create the rule when it is missing, update it when its words, message, actions, name,
    state or staff-channel exemption drifted (channels a server admin exempted stay exempt),
    else keep it. Off: delete it when there is one.
    """
    if not enabled:
        return Step("delete", int(own["id"])) if own is not None else Step("none")
    if own is None:
        return Step("create", None, rule_payload(words, staff_channel_id))
    exempt = [int(c) for c in own.get("exempt_channels") or []]
    wanted = rule_payload(words, staff_channel_id, exempt)
    drift = _drift(own, wanted)
    if not drift:
        return Step("keep", int(own["id"]))
    changes = {k: v for k, v in wanted.items() if k != "trigger_type"}
    return Step("update", int(own["id"]), changes, drift)
