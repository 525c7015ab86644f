"""One message's context for the crisis screen: its cue matches, clauses and sentences.

``CrisisScreen`` (``detector.py``) finds the signal phrases and decides; this module holds what
it reads each signal against (the cue matches grouped by kind, where each clause and sentence
begins and ends) and the small text helpers for quotes and the moderators' sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cogs.crisis.lexicon import Level, Signal
from cogs.screening.matcher import Match

# Sentence and clause punctuation. Commas end a clause but not a sentence.
SENTENCE_END = re.compile(r"[.!?;\n]+")
CLAUSE_END = re.compile(r"[,:()\"]|\s-\s")


@dataclass(frozen=True, slots=True)
class SignalRef:
    """What the signal automaton stores per phrase."""

    index: int  # into CrisisScreen._signals
    self_phrase: bool  # the phrase itself says it is about the writer ("better off without me")


@dataclass(slots=True)
class Hit:
    """A signal that survived the per-phrase checks, with its current level."""

    signal: Signal
    match: Match[SignalRef]
    level: Level
    category: str
    about_other: bool
    reason: str


class Context:
    """The cue matches of one message, grouped by kind, with clause and sentence bounds."""

    __slots__ = ("by_kind", "clause_cuts", "idioms", "negated_spans", "sentence_cuts", "text")

    def __init__(self, text: str, matches: list[Match[tuple[str, int]]]) -> None:
        self.text = text
        # Signals found negated so far: "never want to jump ... and kill myself" negates both.
        self.negated_spans: list[tuple[int, int]] = []
        self.by_kind: dict[str, list[Match[tuple[str, int]]]] = {}
        self.idioms: list[Match[tuple[str, int]]] = []
        for m in matches:
            kind = m.value[0]
            if kind == "idiom":
                self.idioms.append(m)
            else:
                self.by_kind.setdefault(kind, []).append(m)
        self.sentence_cuts = [m.start() for m in SENTENCE_END.finditer(text)]
        cuts = set(self.sentence_cuts)
        cuts.update(m.start() for m in CLAUSE_END.finditer(text))
        cuts.update(m.start for m in self.by_kind.get("clause_break", ()))
        self.clause_cuts = sorted(cuts)

    def get(self, kind: str) -> list[Match[tuple[str, int]]]:
        """Matches of one cue list (empty when none)."""
        return self.by_kind.get(kind, [])

    def has(self, kind: str) -> bool:
        """True if any phrase of cue list ``kind`` occurs."""
        return kind in self.by_kind

    @staticmethod
    def _span(cuts: list[int], start: int, end: int, n: int) -> tuple[int, int]:
        """The region between the last cut before ``start`` and the first cut at/after ``end``."""
        lo, hi = 0, n
        for c in cuts:
            if c < start:
                lo = c
            elif c >= end:
                hi = c
                break
        return lo, hi

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """Bounds of the clause holding ``text[start:end]``."""
        return self._span(self.clause_cuts, start, end, len(self.text))

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """Bounds of the sentence holding ``text[start:end]``."""
        return self._span(self.sentence_cuts, start, end, len(self.text))

    def within(self, kind: str, lo: int, hi: int) -> list[Match[tuple[str, int]]]:
        """Matches of ``kind`` lying inside ``[lo, hi)``."""
        return [m for m in self.get(kind) if m.start >= lo and m.end <= hi]


# Words before a quoted phrase that make it a word being talked about, not reported speech
# ('is "unalive" helpful?' but not 'she keeps saying "not long now"').
MENTION_BEFORE = ("word", "phrase", "term", "is", "was", "like", "call it", "use", "using")


def scope(ctx: Context, sig: Signal, m: Match[SignalRef]) -> tuple[int, int]:
    """Where a signal's ``needs`` and ``unless`` cues are looked for."""
    if sig.scope == "message":
        return 0, len(ctx.text)
    if sig.scope == "clause":
        return ctx.clause(m.start, m.end)
    return ctx.sentence(m.start, m.end)


def quoted_word(text: str, m: Match[SignalRef]) -> bool:
    """True if the phrase is quoted (with at most two more words) as a word mentioned, not
    used: at the start of a sentence ('"committed suicide" makes me wince') or after "is",
    "the word"... Quotes of what someone said ('told me to "have a good life"') are not
    mentions."""
    open_at = text.rfind('"', 0, m.start)
    close_at = text.find('"', m.end)
    if open_at < 0 or close_at < 0 or text.count('"', 0, m.start) % 2 == 0:
        return False
    extra = text[open_at + 1 : m.start].split() + text[m.end : close_at].split()
    if len(extra) > 2:
        return False
    lead = text[:open_at].rstrip()
    return not lead or lead[-1] in ".!?;:\n" or lead.endswith(MENTION_BEFORE)


def as_sentence(reason: str) -> str:
    """Turn a rule's reason into a sentence: "Expresses a wish to die with a timeline."."""
    reason = reason.strip()
    return reason[0].upper() + reason[1:] + ("" if reason.endswith(".") else ".")


def quiet_reason(rules: dict[str, None]) -> str:
    """Why a message with crisis words was not raised."""
    if "negated" in rules:
        return "Mentions crisis words, but negated."
    if "recovered_past" in rules:
        return "Talks about a past crisis they have recovered from."
    if "frame" in rules or "frame_media" in rules:
        return "Talks about the topic, not about themselves."
    if any(r.startswith("idiom") for r in rules):
        return "Uses a figure of speech, not crisis language."
    return "Mentions crisis words without a sign of risk."
