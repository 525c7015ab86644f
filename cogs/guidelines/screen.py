"""The conversation-guideline screen: "validate, don't compare or minimize".

``GuidelineScreen.screen(text, context)`` returns what a reply breaches, if anything:

- coaching (the message stays, the author gets a kind private nudge): ``minimizing``,
  ``comparing``, ``unsolicited_advice``;
- abuse (the message is hidden and an infraction recorded): ``toxic``, ``privacy``.

How it works, and why it is cheap on ordinary chat:

0. The shared raw-text gate (``cogs.screening.gate``: one Aho-Corasick pass over the raw text
   for every screen's phrases) reports which rules' trigger phrases, and which of their
   required nearby words, could occur in any normalised form of the text. When no rule has
   both, no phrase rule can fire, and ordinary chat returns here without normalising.
1. Otherwise the text is normalised (``cogs.screening.normalise``) and one Aho-Corasick pass
   finds every rule's trigger phrases.
2. Only for the rules whose triggers were found, the trigger's position is checked (start of a
   sentence), then a small per-rule automaton looks for the rule's exceptions, required nearby
   words and vetoes, then quotes and reported speech ("she said") and talk about the guideline
   itself: every condition must hold, so the cheap ones go first.
3. Advice rules look at the replied-to message only when they are about to fire: advice that
   was asked for ("any tips?") is not unsolicited.
4. Private details (phones, emails, addresses, handles) are found with regexes on the raw text,
   because normalising turns digits and "@" into letters. The regexes run only when cheap
   tests pass (a digit or an "@"; enough digits for a phone number; a street ending as a word;
   the words "lives on" and the like).

The rules themselves are data: ``config/guideline_rules.toml`` (see ``cogs.guidelines.rules``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cogs.guidelines.private_details import PrivacyFinder, builtin_privacy_rule
from cogs.guidelines.rules import (
    ABUSE_LABELS,
    LABELS,
    Rule,
    RuleSet,
    default_rules_path,
    load_rules,
)
from cogs.guidelines.suggestions import feeling_word, render_suggestion
from cogs.screening.gate import DIGIT_OR_AT, NORMALISE, RawGate, share_gate
from cogs.screening.matcher import Match, PhraseMatcher
from cogs.screening.normalise import normalise, normalise_variants
from config.errors import ConfigError

__all__ = ["GuidelineHit", "GuidelineScreen", "default_rules_path"]


@dataclass(frozen=True)
class GuidelineHit:
    """One guideline a message breaches, with the copy to show its author."""

    label: str  # "minimizing" | "comparing" | "unsolicited_advice" | "toxic" | "privacy"
    path: str  # "coach" for minimizing/comparing/unsolicited_advice, "abuse" for toxic/privacy
    rule: str  # id of the rule that fired (for per-rule tuning and counts)
    reason: str  # one kind sentence: which guideline and why it matters
    suggestion: str  # a validating rephrasing that fits this case (coach path), or "" for abuse
    # The suggestion as the rules file has it ({feeling} unfilled) and the feeling word picked:
    # another language translates the template and fills in its own word (guidelines/messages).
    suggestion_copy: str = ""
    feeling: str = ""


# Tags in the per-rule helper automaton.
_EXCEPT, _NEAR, _NOT_NEAR, _UNLESS = 0, 1, 2, 3
# Tags in the shared helper automaton used for coaching rules.
_META, _REPORTED = 0, 1
_CONTEXT_ASKED, _CONTEXT_NOT_ASKED = 0, 1
# Value in the main automaton for "where someone lives" cues (not a rule index).
_LIVES_CUE = -1
_LIVES_CUES = (
    "lives on", "live on", "living on", "lives at", "live at", "living at", "stays on",
    "staying on", "staying at", "house is on", "home is on", "house on", "home on",
)  # fmt: skip

# Filler words that may come before an imperative and still leave it "at the start"
# ("honestly just stay on it", "also, cut out sugar").
_FILLER_TAIL = re.compile(
    r"(?:\b(?:also|and|so|then|honestly|seriously|maybe|just|lol|lmao|haha|ok|well|tbh|plus|"
    r"oh|ugh|now|first|next time|srsly|hun|hon|babe|mate|girl|dude|but)\b[\s,]*)+$"
)
# Every filler word above: a head that ends with none of them keeps its last word.
_FILLER_ENDINGS = (
    "also", "and", "so", "then", "honestly", "seriously", "maybe", "just", "lol", "lmao", "haha",
    "ok", "well", "tbh", "plus", "oh", "ugh", "now", "first", "time", "srsly", "hun", "hon",
    "babe", "mate", "girl", "dude", "but",
)  # fmt: skip
# A quoted stretch: people quoting what someone said, or quoting the guideline itself.
_QUOTED = re.compile(r"(?:^|(?<=[\s(\[:]))([\"'])(?=\S)(.{1,300}?)(?<=\S)\1(?=$|[\s.,!?;:)\]])")


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A rule with its helper automaton, ready to evaluate."""

    rule: Rule
    coach: bool
    aux: PhraseMatcher[int] | None


class GuidelineScreen:
    """Screens replies against the group's conversation guidelines."""

    def __init__(self, ruleset: RuleSet) -> None:
        """Compile a checked RuleSet (use ``load`` or ``load_default`` to read files)."""
        self.ruleset = ruleset
        rules = ruleset.active_rules
        self._disabled = frozenset(r.id for r in ruleset.rules if not r.enabled)
        self._compiled: list[_Compiled] = []
        main: list[tuple[str, int]] = []
        for index, rule in enumerate(rules):
            aux_phrases = (
                [(p, _EXCEPT) for p in rule.except_]
                + [(p, _NEAR) for p in rule.near]
                + [(p, _NOT_NEAR) for p in rule.not_near]
                + [(p, _UNLESS) for p in rule.unless]
            )
            aux = _matcher(aux_phrases, rule) if aux_phrases else None
            self._compiled.append(_Compiled(rule, rule.path == "coach", aux))
            main.extend((phrase, index) for phrase in rule.phrases)
        # Words that announce where someone lives; they let the (slower) "lives on Maple St"
        # regex run only on the few messages that contain them.
        main.extend((phrase, _LIVES_CUE) for phrase in _LIVES_CUES)
        self._main = _matcher(main, None)
        self._gate: RawGate | None = None
        self._shift = 0
        self._rule_count = len(rules)
        self._all_rules = (1 << self._rule_count) - 1
        self._no_near = sum(1 << i for i, rule in enumerate(rules) if not rule.near)
        coach_aux = [(p, _META) for p in ruleset.meta] + [(p, _REPORTED) for p in ruleset.reported]
        self._coach_aux = _matcher(coach_aux, None)
        context = [(p, _CONTEXT_ASKED) for p in ruleset.asked] + [
            (p, _CONTEXT_NOT_ASKED) for p in ruleset.not_asked
        ]
        self._context = _matcher(context, None)
        self._privacy = PrivacyFinder(ruleset.privacy, self._disabled)

    @classmethod
    def load(cls, paths: Sequence[Path]) -> GuidelineScreen:
        """Load the base rules file and any server extension files (same schema), in order."""
        return cls(load_rules(paths))

    @classmethod
    def load_default(cls) -> GuidelineScreen:
        """Load the rules shipped in ``config/guideline_rules.toml``."""
        return cls.load([default_rules_path()])

    # --- the shared raw-text gate (see cogs.screening.gate) ---------------------------------

    def gate_phrases(self) -> tuple[list[tuple[str, int]], int]:
        """Rule ``i``'s triggers on bit ``i``, its required nearby words on bit ``n + i`` (for
        ``n`` rules), and the "lives on" cues on bit ``2n``."""
        count = self._rule_count
        phrases: list[tuple[str, int]] = []
        for index, rule in enumerate(self.ruleset.active_rules):
            phrases.extend((phrase, index) for phrase in rule.phrases)
            phrases.extend((phrase, count + index) for phrase in rule.near)
        phrases.extend((phrase, 2 * count) for phrase in _LIVES_CUES)
        return phrases, 2 * count + 1

    def attach_gate(self, gate: RawGate, shift: int) -> None:
        """Take the early exit from ``gate`` (shared with the other screens)."""
        self._gate = gate
        self._shift = shift

    def _could_fire(self, bits: int) -> bool:
        """True if some rule has its trigger, and its required nearby words (if it needs one),
        in the raw text, or there is a "lives on" cue."""
        own = bits >> self._shift
        triggers = own & self._all_rules
        return bool(triggers & ((own >> self._rule_count) | self._no_near)) or bool(
            own >> (2 * self._rule_count) & 1
        )

    # --- screening -----------------------------------------------------------------------

    def screen(self, text: str, context: str | None = None) -> list[GuidelineHit]:
        """Which guidelines ``text`` breaches; ``context`` is the replied-to message, if any.

        Returns at most one hit per label, abuse hits first; an empty list means the message
        is fine.
        """
        if not text:
            return []
        gate = self._gate or share_gate([self])
        bits = gate.scan(text)
        if bits & NORMALISE or self._could_fire(bits):
            return self._screen_full(text, context, gate.forms(text))
        # No rule can fire in any normalised form of the text: only the private-detail
        # patterns can, and only when it has a digit or an "@".
        if bits & DIGIT_OR_AT:
            privacy_rule = self._privacy.find(text)
            if privacy_rule is not None:
                return [self._hit(builtin_privacy_rule(privacy_rule), context)]
        return []

    def _screen_full(
        self, text: str, context: str | None, forms: tuple[str, ...] | None = None
    ) -> list[GuidelineHit]:
        """``screen`` without the gate: normalise, find phrases, apply the rules."""
        fired: dict[str, Rule] = {}
        lives_cue = False
        for norm in forms if forms is not None else normalise_variants(text):
            matches = self._main.find(norm)
            if matches:
                lives_cue = self._evaluate(norm, matches, context, fired) or lives_cue
        # The built-in patterns run on every message (behind cheap character tests) and win
        # over phrase rules, because their rule id says exactly what was shared.
        privacy_rule = self._privacy.find(text, lives_cue)
        if privacy_rule is not None:
            fired["privacy"] = builtin_privacy_rule(privacy_rule)
        if not fired:
            return []
        return [self._hit(fired[label], context) for label in _ORDER if label in fired]

    # --- evaluation -------------------------------------------------------------------------

    def _evaluate(
        self,
        norm: str,
        matches: list[Match[int]],
        context: str | None,
        fired: dict[str, Rule],
    ) -> bool:
        """Decide which triggered rules fire on one normalised form of the message.

        Returns True if a "lives on ..." cue was seen (for the address check).
        """
        by_rule: dict[int, list[Match[int]]] = {}
        for match in matches:
            by_rule.setdefault(match.value, []).append(match)
        lives_cue = by_rule.pop(_LIVES_CUE, None) is not None
        state = _State(norm)
        for index in sorted(by_rule):
            compiled = self._compiled[index]
            rule = compiled.rule
            if rule.label not in fired and self._fires(compiled, by_rule[index], state, context):
                fired[rule.label] = rule
        return lives_cue

    def _fires(
        self,
        compiled: _Compiled,
        triggers: list[Match[int]],
        state: _State,
        context: str | None,
    ) -> bool:
        """True if any trigger of this rule survives its exceptions and conditions.

        Every condition must hold, so they are checked cheapest first: where the trigger sits,
        then the rule's own helper automaton, then quotes and reported speech, then whether the
        message talks about the guideline itself, then the replied-to message.
        """
        rule = compiled.rule
        norm = state.norm
        if rule.start:
            triggers = [t for t in triggers if _at_clause_start(norm, t.start)]
            if not triggers:
                return False
        if compiled.aux is not None:
            aux = compiled.aux.find(norm)
            if any(m.value == _UNLESS for m in aux):
                return False
            excepts = [m for m in aux if m.value == _EXCEPT]
            near = [m for m in aux if m.value == _NEAR]
            not_near = [m for m in aux if m.value == _NOT_NEAR]
            triggers = [
                t
                for t in triggers
                if not any(x.start < t.end and t.start < x.end for x in excepts)
                and (not rule.near or any(_in_window(rule, t, m) for m in near))
                and not any(_in_window(rule, t, m) for m in not_near)
            ]
            if not triggers:
                return False
        if compiled.coach:
            if all(self._quoted_or_reported(state, t) for t in triggers):
                return False
            if self._is_meta(state):
                return False
        return not (rule.if_unasked and self._context_asked(state, context))

    def _is_meta(self, state: _State) -> bool:
        """True if the message talks about the guideline itself (coaching hits are dropped)."""
        state.load_coach(self._coach_aux)
        return bool(state.meta)

    def _quoted_or_reported(self, state: _State, trigger: Match[int]) -> bool:
        """True if the trigger sits inside quotes or right after "she said" and the like."""
        state.load_coach(self._coach_aux)
        if any(start <= trigger.start and trigger.end <= end for start, end in state.quotes):
            return True
        within = self.ruleset.reported_within
        return any(
            r.end <= trigger.start and trigger.start - r.end <= within for r in state.reported
        )

    def _context_asked(self, state: _State, context: str | None) -> bool:
        """True if the replied-to message asked for advice, tips or experiences."""
        if state.asked is None:
            asked = False
            if context:
                found = {m.value for m in self._context.find(normalise(context))}
                asked = _CONTEXT_ASKED in found and _CONTEXT_NOT_ASKED not in found
            state.asked = asked
        return state.asked

    def label_hit(self, label: str, rule_id: str, context: str | None = None) -> GuidelineHit:
        """A hit for ``label`` raised by something other than a rule (the guideline model),
        with the label's own reason and suggestion (fitted to ``context``)."""
        copy = self.ruleset.labels[label]
        abuse = label in ABUSE_LABELS
        return GuidelineHit(
            label=label,
            path="abuse" if abuse else "coach",
            rule=rule_id,
            reason=copy.reason,
            suggestion="" if abuse else render_suggestion(copy.suggestion, context),
            suggestion_copy="" if abuse else copy.suggestion,
            feeling=feeling_word(context),
        )

    def _hit(self, rule: Rule, context: str | None) -> GuidelineHit:
        """Build the hit for a rule that fired, with its reason and fitted suggestion."""
        copy = self.ruleset.labels[rule.label]
        template = "" if rule.path == "abuse" else rule.suggestion or copy.suggestion
        return GuidelineHit(
            label=rule.label,
            path=rule.path,
            rule=rule.id,
            reason=rule.reason or copy.reason,
            suggestion=render_suggestion(template, context) if template else "",
            suggestion_copy=template,
            feeling=feeling_word(context),
        )


# Abuse first: those hide the message, so the bot should handle them before any nudge.
_ORDER: tuple[str, ...] = ABUSE_LABELS + tuple(
    label for label in LABELS if label not in ABUSE_LABELS
)


class _State:
    """Per-message facts computed lazily, at most once, while rules are evaluated."""

    __slots__ = ("asked", "meta", "norm", "quotes", "reported")

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.meta: bool | None = None
        self.reported: list[Match[int]] = []
        self.quotes: list[tuple[int, int]] = []
        self.asked: bool | None = None

    def load_coach(self, matcher: PhraseMatcher[int]) -> None:
        """Find meta and reported-speech cues and quoted stretches (once)."""
        if self.meta is not None:
            return
        found = matcher.find(self.norm)
        self.meta = any(m.value == _META for m in found)
        self.reported = [m for m in found if m.value == _REPORTED]
        if '"' in self.norm or "'" in self.norm:
            self.quotes = [(m.start(2), m.end(2)) for m in _QUOTED.finditer(self.norm)]


def _matcher(phrases: list[tuple[str, int]], rule: Rule | None) -> PhraseMatcher[int]:
    """Build a PhraseMatcher, turning a bad phrase into a ConfigError that names the rule."""
    try:
        return PhraseMatcher(phrases)
    except ValueError as exc:
        if rule is not None:
            raise ConfigError(
                rule.source, rule.line, f"rule {rule.id!r}: {exc}; write it in plain words"
            ) from None
        raise ConfigError(default_rules_path(), None, f"{exc}; write it in plain words") from None


def _at_clause_start(norm: str, start: int) -> bool:
    """True if only punctuation, emoji or filler words come between a clause break and ``start``."""
    head = norm[max(0, start - 60) : start].rstrip()
    if not head:
        return True
    last = head[-1]
    if last != ",":
        if not (last.isalnum() or last == "'"):
            return True  # no filler word can end here, so there is nothing to strip
        if not head.endswith(_FILLER_ENDINGS):
            return False  # the last word is not a filler word
    head = _FILLER_TAIL.sub("", head).rstrip()
    if not head:
        return True
    last = head[-1]
    return not (last.isalnum() or last == "'")


def _in_window(rule: Rule, trigger: Match[int], other: Match[int]) -> bool:
    """True if ``other`` is on the rule's side of the trigger and within its distance."""
    within = rule.within if rule.within is not None else 1 << 30
    before = other.end <= trigger.start and trigger.start - other.end <= within
    after = other.start >= trigger.end and other.start - trigger.end <= within
    if rule.side == "before":
        return before
    if rule.side == "after":
        return after
    return before or after
