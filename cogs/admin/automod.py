"""Which of the server's AutoMod rules would block Kindred's crisis phrases, and the fixes (pure).

A message Discord's AutoMod blocks is never posted. Kindred still hears of it (the execution
event, screened in ``cogs/screening``), but the member's group never sees their words and the
member may feel punished. So ``/setup show`` and ``bot.py check`` list every enabled rule whose
``block_message`` action would catch one of the crisis lexicon's plain phrases, and offer two
fixes: make the rule alert-only, or exempt the group channels from it.

Rules come as Discord's JSON payloads (``GET /guilds/{id}/auto-moderation/rules``), so this
module needs no discord import. Matching follows Discord's documented keyword semantics:

- case-insensitive;
- a keyword without wildcards matches whole words only (``cat`` matches "cat", not "catch");
- ``cat*`` matches words that start with it, ``*cat`` words that end with it, ``*cat*``
  anywhere; a keyword can be a phrase of several words;
- ``allow_list`` entries (same syntax) exempt what they cover;
- ``regex_patterns`` are Rust regexes. Python's ``re`` reads the common subset the same way;
  they are applied case-insensitively here (Discord's own matching is), and a pattern Python
  cannot read is reported as "not checked" rather than guessed;
- ``keyword_preset`` rules use Discord's own word lists, which are not public: such a rule
  *may* block crisis words, so it is reported as a possibility.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from cogs.crisis.detector import Level
from cogs.crisis.lexicon import Lexicon

__all__ = [
    "BLOCK_MESSAGE",
    "KEYWORD",
    "KEYWORD_PRESET",
    "SEND_ALERT_MESSAGE",
    "Finding",
    "Rule",
    "alert_only_actions",
    "blocked_by",
    "crisis_blockers",
    "exempt_channels_plan",
    "keyword_matches",
    "plain_phrases",
]

# Discord's enums (auto-moderation resource).
KEYWORD = 1
KEYWORD_PRESET = 4
BLOCK_MESSAGE = 1
SEND_ALERT_MESSAGE = 2
MESSAGE_SEND = 1  # event_type: a member sends or edits a message
PRESET_NAMES = {1: "profanity", 2: "sexual content", 3: "slurs"}
MAX_EXEMPT_CHANNELS = 50  # Discord's limit per rule


@dataclass(frozen=True)
class Rule:
    """The parts of an AutoMod rule that decide whether it blocks a text."""

    id: int
    name: str
    trigger_type: int
    enabled: bool
    blocks: bool  # has a block_message action
    keywords: tuple[str, ...] = ()
    regexes: tuple[str, ...] = ()
    allow_list: tuple[str, ...] = ()
    presets: tuple[int, ...] = ()
    exempt_channels: frozenset[int] = frozenset()

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> Rule:
        """A rule from Discord's JSON (missing fields read as empty)."""
        meta = data.get("trigger_metadata") or {}
        actions = data.get("actions") or []
        return cls(
            id=int(data["id"]),
            name=str(data.get("name") or "(unnamed rule)"),
            trigger_type=int(data.get("trigger_type") or 0),
            enabled=bool(data.get("enabled", False))
            and int(data.get("event_type") or MESSAGE_SEND) == MESSAGE_SEND,
            blocks=any(int(a.get("type") or 0) == BLOCK_MESSAGE for a in actions),
            keywords=tuple(meta.get("keyword_filter") or ()),
            regexes=tuple(meta.get("regex_patterns") or ()),
            allow_list=tuple(meta.get("allow_list") or ()),
            presets=tuple(int(p) for p in meta.get("presets") or ()),
            exempt_channels=frozenset(int(c) for c in data.get("exempt_channels") or ()),
        )


Kind = Literal["keyword", "regex", "preset", "unreadable"]


@dataclass(frozen=True)
class Finding:
    """A rule that blocks (or may block) crisis words where members talk.

    ``phrases``: a few of the crisis phrases it would block, shortest first (empty for a preset
    or an unreadable regex), out of ``blocked`` in all; ``caught_by``: the keyword or pattern
    that blocks the first of them (for ``unreadable``, the pattern Kindred could not read).
    """

    rule: Rule
    kind: Kind
    phrases: tuple[str, ...] = ()
    caught_by: str | None = None
    blocked: int = 0


# --- Discord's keyword semantics --------------------------------------------------------------


@lru_cache(maxsize=4096)
def _keyword_regex(keyword: str) -> re.Pattern[str]:
    """``cat`` whole word, ``cat*`` prefix, ``*cat`` suffix, ``*cat*`` anywhere."""
    text = keyword.strip()
    head = not text.startswith("*")
    tail = not text.endswith("*")
    core = text.strip("*").strip()
    words = r"\s+".join(re.escape(w) for w in core.split())
    return re.compile(
        (r"(?<!\w)" if head else "") + words + (r"(?!\w)" if tail else ""), re.IGNORECASE
    )


def keyword_matches(keyword: str, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that an AutoMod keyword (with Discord's wildcards) matches."""
    if not keyword.strip("* "):
        return []
    return [m.span() for m in _keyword_regex(keyword).finditer(text)]


@lru_cache(maxsize=256)
def _rule_regex(pattern: str) -> re.Pattern[str] | None:
    # Rust regex, read by Python's re: the same for the common subset (classes, alternation,
    # quantifiers, \b). Discord matches case-insensitively. None: Python cannot read it.
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error:
        return None


def _allowed(rule: Rule, text: str, span: tuple[int, int]) -> bool:
    """An allow-list entry covers the blocked span."""
    start, end = span
    return any(
        a_start <= start and end <= a_end
        for entry in rule.allow_list
        for a_start, a_end in keyword_matches(entry, text)
    )


@lru_cache(maxsize=64)
def _any_of(keywords: tuple[str, ...], regexes: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern that matches wherever any keyword or readable regex does (a fast "no")."""
    parts = [_keyword_regex(k).pattern for k in keywords if k.strip("* ")]
    parts += [p for p in regexes if _rule_regex(p) is not None]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE) if parts else None


def blocked_by(rule: Rule, text: str) -> str | None:
    """The keyword or regex of a keyword rule that would block ``text`` (None: it passes).

    Presets are not judged here (their lists are not public). A regex Python cannot read is
    skipped (``crisis_blockers`` reports it as not checked).
    """
    if rule.trigger_type != KEYWORD:
        return None
    quick = _any_of(rule.keywords, rule.regexes)
    if quick is None or quick.search(text) is None:
        return None  # thousands of phrases against a rule of hundreds of keywords stay fast
    for keyword in rule.keywords:
        if any(not _allowed(rule, text, s) for s in keyword_matches(keyword, text)):
            return keyword
    for pattern in rule.regexes:
        compiled = _rule_regex(pattern)
        if compiled is None:
            continue
        if any(not _allowed(rule, text, m.span()) for m in compiled.finditer(text)):
            return pattern
    return None


# --- the crisis phrases, and which rules block them -------------------------------------------


def plain_phrases(lexicon: Lexicon) -> tuple[str, ...]:
    """The lexicon's phrases that raise a concern or urgent case on their own.

    Leaves out phrases that count only beside a cue (``needs``) or only when negated: alone,
    they are not what a member in crisis is sure to write.
    """
    seen: dict[str, None] = {}
    for signal in lexicon.signals:
        if signal.level < Level.CONCERN or signal.needs or signal.when_negated:
            continue
        for phrase in signal.phrases:
            seen.setdefault(phrase.rstrip("*").strip(), None)
    return tuple(p for p in seen if p)


def _applies_where_members_talk(rule: Rule, group_channels: frozenset[int]) -> bool:
    """Enabled, blocks, and not exempted from every group channel (when there are some)."""
    if not (rule.enabled and rule.blocks):
        return False
    return not (group_channels and group_channels <= rule.exempt_channels)


def crisis_blockers(
    rules: Iterable[Rule],
    phrases: Sequence[str],
    *,
    group_channels: Iterable[int] = (),
    limit: int = 5,
) -> list[Finding]:
    """Every rule that would block a crisis phrase where members talk, worst first.

    ``group_channels``: the group channels' ids; a rule exempted from all of them is fine.
    ``limit``: how many example phrases to keep per rule (the message names the first).
    """
    groups = frozenset(group_channels)
    found: list[Finding] = []
    for rule in rules:
        if not _applies_where_members_talk(rule, groups):
            continue
        if rule.trigger_type == KEYWORD_PRESET:
            found.append(Finding(rule, "preset"))
            continue
        if rule.trigger_type != KEYWORD:
            continue
        caught = {p: by for p in phrases if (by := blocked_by(rule, p)) is not None}
        if caught:
            # The plainest (shortest) phrases make the clearest example.
            shown = sorted(caught, key=len)[:limit]
            found.append(Finding(rule, "keyword", tuple(shown), caught[shown[0]], len(caught)))
            continue
        unreadable = next((p for p in rule.regexes if _rule_regex(p) is None), None)
        if unreadable is not None:
            found.append(Finding(rule, "unreadable", caught_by=unreadable))
    order = {"keyword": 0, "preset": 1, "unreadable": 2}
    return sorted(found, key=lambda f: order[f.kind])


# --- the fixes --------------------------------------------------------------------------------


def alert_only_actions(
    actions: Sequence[Mapping[str, Any]], alert_channel_id: int | None
) -> list[dict[str, Any]] | None:
    """The rule's actions made alert-only: its ``send_alert_message`` actions, nothing else.

    Blocking and timeouts both go (a member in crisis must not be silenced or timed out for
    saying so). When the rule sent no alert yet, it now alerts ``alert_channel_id`` (the staff
    channel). None when it has no alert and there is no channel to send one to: Discord needs
    at least one action, so set a staff channel first.
    """
    kept = [dict(a) for a in actions if int(a.get("type") or 0) == SEND_ALERT_MESSAGE]
    if not kept:
        if alert_channel_id is None:
            return None
        kept.append({"type": SEND_ALERT_MESSAGE, "metadata": {"channel_id": str(alert_channel_id)}})
    return kept


def exempt_channels_plan(rule: Rule, group_channels: Iterable[int]) -> list[int] | None:
    """The rule's exempt channels plus the group channels; None over Discord's limit of 50."""
    wanted = sorted(rule.exempt_channels | frozenset(group_channels))
    return wanted if len(wanted) <= MAX_EXEMPT_CHANNELS else None
