"""The crisis screen: decide how urgently a message needs a human.

``CrisisScreen.screen(text)`` returns a Verdict with a Level (none / watch / concern / urgent),
the ids of the rules that fired, and one sentence for moderators. The rules live in
``config/crisis_lexicon.toml`` (see the comments there); this module only applies them.

How a message is screened:
0. The shared raw-text gate (``cogs.screening.gate``, one pass for every screen) proves for
   ordinary chat that no signal phrase can occur, and the answer is "none" at once. That is
   the path nearly all messages take, so it has to stay cheap.
1. Otherwise ``normalise()`` undoes case, look-alike letters, leetspeak, spacing and shorthand.
2. One Aho-Corasick pass finds every signal phrase. No signal: the answer is "none".
3. Otherwise a second pass finds the context cues, and each signal is checked against them:
   idioms ("dying to see"), negation in the same clause ("I'm not suicidal"), who the sentence
   is about ("my husband ... he wants to end it" is about someone else), and frames that make
   it talk about something else (questions about the rules, news, a form's question).
4. Message-wide context adjusts what survives: a timeline, means or a goodbye escalates a
   thought to urgent; a recovered past or a joke lowers it.
5. A message in which no rule heard anything, and that holds Devanagari or a Hinglish word, is
   read again in Hindi's other script and in standard Hindi (``other_script.other_readings``).

A missed disclosure is worse than a false alarm, so when in doubt the rules keep the signal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cogs.crisis.context import (
    Context,
    Hit,
    SignalRef,
    as_sentence,
    coded,
    gives_ordinary_reading,
    hindi_negated_after,
    in_condition,
    media_framed,
    nearest_subject,
    negates_what_follows,
    own_voice,
    postposition_me,
    quiet_reason,
    quoted_word,
    reported,
    scope,
    told_now,
)
from cogs.crisis.lexicon import (
    NON_ENGLISH_RULE_PREFIXES,
    Level,
    Lexicon,
    Signal,
    default_lexicon_path,
    load_lexicon,
)
from cogs.screening.gate import NORMALISE, RawGate, share_gate
from cogs.screening.language import HINGLISH_WORDS
from cogs.screening.matcher import Match, PhraseMatcher
from cogs.screening.normalise import normalise, normalise_variants
from cogs.screening.other_script import DIALECT_RULE, other_readings

__all__ = ["FIRM_RULE", "CrisisScreen", "Level", "Verdict", "default_lexicon_path"]


@dataclass(frozen=True)
class Verdict:
    """The screen's answer for one message."""

    level: Level
    rules: tuple[str, ...]  # ids of the rules that matched, suppressors included
    reason: str  # one short sentence for moderators; never quotes method details

    @property
    def is_alert(self) -> bool:
        """True when moderators are alerted (concern or urgent)."""
        return self.level >= Level.CONCERN


_NOTHING = Verdict(Level.NONE, (), "No crisis language found.")

# Added to a verdict's rules when a ``firm`` signal raised an alert: a kind of language the
# learned stage never trained on, so no model may rule the alert out (cogs/screening/stage.py).
FIRM_RULE = "model_may_not_veto"

# Words that make a phrase about the writer whatever the sentence around it says (Hindi and
# Spanish "I" too: "main sabse pehle form bharti" beside "euthanasia").
_SELF_WORDS = frozenset({"i", "me", "my", "myself", "mine", "im", "main", "mai", "मैं", "yo"})
# Who a subject cue list says the sentence is about.
_SUBJECT_KIND = {"subject_self": "self", "subject_other": "other", "subject_general": "general"}
# Category order when two signals share a level: the more specific one names the verdict.
_CATEGORY_RANK = {
    "self_harm_now": 9,
    "plan": 8,
    "means": 8,
    "goodbye": 7,
    "timeline": 7,
    "ideation": 6,
    "self_harm": 5,
    "passive": 4,
    "third_party": 3,
    "help": 2,
    "hopeless": 1,
}


class CrisisScreen:
    """Screens messages for suicide and self-harm risk using a lexicon of phrases and rules."""

    def __init__(self, lexicon: Lexicon) -> None:
        """Build the automatons from a loaded lexicon (use ``CrisisScreen.load`` normally)."""
        self.lexicon = lexicon
        self._signals = lexicon.signals
        self._window = lexicon.negation_window
        phrases: list[tuple[str, SignalRef]] = []
        for i, sig in enumerate(self._signals):
            for phrase in sig.phrases:
                words = set(normalise(phrase.rstrip("*")).split())
                phrases.append((phrase, SignalRef(i, bool(words & _SELF_WORDS))))
        self._signal_matcher: PhraseMatcher[SignalRef] = PhraseMatcher(phrases)
        cue_phrases: list[tuple[str, tuple[str, int]]] = []
        for kind, items in lexicon.cues.items():
            cue_phrases.extend((p, (kind, 0)) for p in items)
        for i, idiom in enumerate(lexicon.idioms):
            cue_phrases.extend((p, ("idiom", i)) for p in idiom.phrases)
        self._context_matcher: PhraseMatcher[tuple[str, int]] = PhraseMatcher(cue_phrases)
        self._agreement = PhraseMatcher((p, 0) for p in lexicon.cues.get("agreement", ()))
        self._gate: RawGate | None = None
        self._gate_bit = 0
        # Signals that need a cue, in groups: phrase bit 2k+1 and cue bit 2k+2 (see
        # gate_phrases); the mask has the phrase bits.
        self._gate_shift = 0
        self._gate_pair_mask = 0
        self._gate_phrase_bits = 0  # bit 0 and every group's phrase bit, shifted
        self._gate_pair_bits = 0  # every group's phrase bit, shifted
        self._gate_hinglish_index = 0  # Hinglish function words' bit; then, shifted, with
        self._gate_hindi_bits = 0  # NORMALISE (any Devanagari sets it): Hindi to read again

    # -- the shared raw-text gate (see cogs.screening.gate) -------------------------------

    def gate_phrases(self) -> tuple[list[tuple[str, int]], int]:
        """Every signal phrase, and the cues of signals that need one.

        Bit 0: the phrases of signals that count alone; any of them means the full path. A
        signal that needs a cue ("takes me" beside "hope") cannot fire without one, so each
        group of such signals (by the cue lists they need) gets a bit for its phrases and one
        for its cues, and only both together mean the full path: common words like "took
        me" or "the water" alone keep ordinary chat on the early exit.
        """
        phrases: list[tuple[str, int]] = []
        groups: dict[tuple[str, ...], int] = {}
        for sig in self._signals:
            if not sig.needs:
                phrases.extend((phrase, 0) for phrase in sig.phrases)
                continue
            key = tuple(sorted(set(sig.needs)))
            if key not in groups:
                groups[key] = 1 + 2 * len(groups)
                cue_bit = groups[key] + 1
                for kind in key:
                    phrases.extend((p, cue_bit) for p in self.lexicon.cues.get(kind, ()))
            phrases.extend((phrase, groups[key]) for phrase in sig.phrases)
        self._gate_pair_mask = sum(1 << bit for bit in groups.values())
        # Last, a bit for Hinglish function words: only such a message is read in Devanagari.
        self._gate_hinglish_index = 1 + 2 * len(groups)
        phrases.extend((word, self._gate_hinglish_index) for word in HINGLISH_WORDS)
        return phrases, 2 + 2 * len(groups)

    def attach_gate(self, gate: RawGate, shift: int) -> None:
        """Take the early exit from ``gate`` (shared with the other screens)."""
        self._gate = gate
        self._gate_bit = 1 << shift
        self._gate_shift = shift
        self._gate_pair_bits = self._gate_pair_mask << shift
        self._gate_phrase_bits = self._gate_bit | self._gate_pair_bits
        self._gate_hindi_bits = NORMALISE | 1 << (shift + self._gate_hinglish_index)

    def _gate_says_maybe(self, bits: int) -> bool:
        """True if the raw text may hold a signal (one that counts alone, or one with a cue)."""
        own = bits >> self._gate_shift
        # Bit 0, or a group's phrase bit (2k+1) with its cue bit (2k+2) just above it.
        return bool(own & 1 or own & (own >> 1) & self._gate_pair_mask)

    @classmethod
    def load(cls, paths: Sequence[Path]) -> CrisisScreen:
        """Load the lexicon files (shipped one first, then server extensions) and build a screen.

        Raises ConfigError naming the file, line and problem.
        """
        return cls(load_lexicon(paths))

    @classmethod
    def load_default(cls) -> CrisisScreen:
        """A screen built from the shipped lexicon only."""
        return cls.load([default_lexicon_path()])

    # -- screening ------------------------------------------------------------------------

    def screen(self, text: str, context: str | None = None) -> Verdict:
        """Screen one message; ``context`` is the message it replies to, if any."""
        verdict = self._screen_script(text, context)
        return self._firm_if_coded(text, self._read_across(text, verdict, self._screen_script))

    @staticmethod
    def _firm_if_coded(text: str, verdict: Verdict) -> Verdict:
        """An alert raised on a coded spelling ("sewer slide") is firm: no model may rule it out
        (``coded``)."""
        if verdict.is_alert and FIRM_RULE not in verdict.rules and coded(text):
            return Verdict(verdict.level, (*verdict.rules, FIRM_RULE), verdict.reason)
        return verdict

    def _read_across(self, text: str, verdict: Verdict, read: Callable[[str], Verdict]) -> Verdict:
        """A message in which no rule heard anything, read again (``other_readings``): in
        Hindi's other script, and with its dialect words in standard Hindi."""
        if verdict.rules:
            return verdict
        gate = self._gate or share_gate([self])
        if not gate.scan(text) & self._gate_hindi_bits:
            return verdict  # no Devanagari and no Hinglish word: nothing to read again
        crossed, how = verdict, tuple[str, ...]()
        for other, rule in other_readings(text):
            if (reading := read(other)).level > crossed.level:
                # Read in standard Hindi, an alert is firm: no model trained on these dialects.
                crossed, how = reading, (rule, FIRM_RULE) if rule == DIALECT_RULE else (rule,)
        return Verdict(crossed.level, (*crossed.rules, *how), crossed.reason) if how else verdict

    def _screen_script(self, text: str, context: str | None = None) -> Verdict:
        """``screen`` in the message's own script."""
        gate = self._gate or share_gate([self])  # a gate of its own when none was shared
        bits = gate.scan(text)
        # _gate_says_maybe, inlined: this is the hot path, and most chat sets no phrase bit.
        maybe = bits & self._gate_phrase_bits
        if maybe and not maybe & self._gate_bit:
            maybe = bits & (bits >> 1) & self._gate_pair_bits
        if not maybe and (
            not bits & NORMALISE
            or not any(self._signal_matcher.search(form) for form in gate.forms(text))
        ):
            # No signal phrase in any normalised form of the text.
            if not context:
                return _NOTHING
            return self._screen_reply(gate.forms(text)[0], context, _NOTHING)
        return self._screen_forms(gate.forms(text), context)

    def _screen_full(self, text: str, context: str | None = None) -> Verdict:
        """``screen`` without the gate (tests compare the two)."""
        verdict = self._screen_forms(normalise_variants(text), context)
        return self._firm_if_coded(
            text,
            self._read_across(
                text, verdict, lambda other: self._screen_forms(normalise_variants(other), None)
            ),
        )

    def _screen_forms(self, forms: tuple[str, ...], context: str | None) -> Verdict:
        """Screen the normalised forms of one message (``normalise_variants``)."""
        verdict = self._screen_form(forms[0])
        for form in forms[1:]:
            other = self._screen_form(form)
            if other.level > verdict.level:
                verdict = other
        if context and verdict.level < Level.CONCERN:
            verdict = self._screen_reply(forms[0], context, verdict)
        return verdict

    def _screen_reply(self, reply: str, context: str, verdict: Verdict) -> Verdict:
        """A short "me too" / "same" reply to a message that was an alert shares its level."""
        if len(reply.split()) > 8 or not self._agreement.search(reply):
            return verdict
        parent = self.screen(context)
        if not parent.is_alert or "third_party_risk" in parent.rules:
            return verdict
        return Verdict(
            Level.CONCERN,
            (*verdict.rules, "agrees_with_reply_context"),
            "Agrees with a message that " + parent.reason[0].lower() + parent.reason[1:],
        )

    def _screen_form(self, text: str) -> Verdict:
        """Screen one normalised form of the message."""
        signal_matches = self._signal_matcher.find(text)
        if not signal_matches:
            return _NOTHING
        ctx = Context(text, self._context_matcher.find(text))
        rules: dict[str, None] = {}
        hits: list[Hit] = []
        for m in signal_matches:
            sig = self._signals[m.value.index]
            if sig.needs and not self._needs_met(ctx, sig, m):
                continue  # not this signal at all: "took me ages" has no wish beside it
            rules[sig.id] = None
            hit = self._check_signal(ctx, sig, m, rules)
            if hit is not None:
                hits.append(hit)
        if not rules:
            return _NOTHING
        if not hits:
            return Verdict(Level.NONE, tuple(rules), quiet_reason(rules))
        self._apply_message_context(ctx, hits, rules)
        best = max(hits, key=lambda h: (h.level, _CATEGORY_RANK.get(h.category, 0)))
        if best.level is Level.NONE:
            return Verdict(Level.NONE, tuple(rules), quiet_reason(rules))
        if any(h.signal.firm and h.level >= Level.CONCERN for h in hits):
            rules[FIRM_RULE] = None
        return Verdict(best.level, tuple(rules), as_sentence(best.reason))

    # -- per signal -----------------------------------------------------------------------

    def _check_signal(
        self, ctx: Context, sig: Signal, m: Match[SignalRef], rules: dict[str, None]
    ) -> Hit | None:
        """Apply idioms, negation, subject and frames to one signal match."""
        for idiom_match in ctx.idioms:
            idiom = self.lexicon.idioms[idiom_match.value[1]]
            if "*" not in idiom.signals and sig.id not in idiom.signals:
                continue
            overlaps = idiom_match.start < m.end and m.start < idiom_match.end
            reaches_past = idiom_match.start < m.start or idiom_match.end > m.end
            if overlaps and reaches_past:
                rules[idiom.id] = None
                return None

        if quoted_word(ctx.text, m):
            rules["quoted"] = None  # the word mentioned, not used: is "unalive" helpful?
            return None

        # A needed cue that is itself a denial ("koi reason nahi" for "zinda rehne ka") is
        # what the signal means, not a negation of it.
        own = [c for name in sig.needs for c in ctx.get(name)]
        negated = self._negated(ctx, m, allow_limits=not sig.when_negated, own=own)
        if sig.when_negated:
            if not (negated or self._doubted(ctx, m)):
                return None
        elif negated:
            rules["negated"] = None
            ctx.negated_spans.append((m.start, m.end))
            return None

        subject_cue = None if m.value.self_phrase else nearest_subject(ctx, m)
        subject = "self" if subject_cue is None else _SUBJECT_KIND[subject_cue.value[0]]
        if sig.who == "other" and subject == "self":
            # "I wanted to end his life": not a risk to the writer or him here. But the writer
            # who reports ("me escribió que ya no quiere vivir") is not who the phrase is about,
            # and Hindi and Spanish often name the person with a word no subject list holds
            # ("husband ... shutter andar se band"): their rules need no subject cue.
            if subject_cue is None:
                if not sig.id.startswith(NON_ENGLISH_RULE_PREFIXES):
                    return None
            elif not reported(ctx, subject_cue, m):
                return None
            subject = "other"
        elif sig.who == "self" and subject == "other":
            subject = "self"
        # A general subject ("you", "people") is kept as if it were the writer: "lots of
        # people think about suicide and I'm no different" is a disclosure. Questions about
        # the rules are caught by frames instead.

        lo, hi = ctx.sentence(m.start, m.end)
        # "my GP asked if I'd self-harmed and I lied, the answer is yes": an admission keeps a
        # disclosure that a question frame would otherwise cancel.
        admitted = ctx.has("admission")
        if ctx.within("frame", lo, hi) and not admitted and not own_voice(ctx, m):
            rules["frame"] = None
            return None
        if not admitted and media_framed(ctx, m, subject, subject_cue, lo, hi):
            rules["frame_media"] = None
            return None

        if sig.unless:
            slo, shi = scope(ctx, sig, m)
            # An ordinary reading never outweighs words no ordinary message holds ("no me
            # busquen", "see you on the other side"), in the signal's phrase or beside it.
            if not ctx.has("unmistakable") and any(
                gives_ordinary_reading(ctx, kind, cue, m)
                for kind in sig.unless
                for cue in ctx.within(kind, slo, shi)
            ):
                rules[f"{sig.id}_unless"] = None
                return None

        level = sig.level
        category = sig.category
        reason = sig.reason
        about_other = subject == "other"
        if about_other and sig.who != "other" and sig.category != "hopeless":
            rules["third_party"] = None
            category = "third_party"
            reason = "is worried someone else may be at risk"
            if sig.category not in ("plan", "means", "goodbye", "self_harm_now"):
                level = min(level, Level.CONCERN)
            else:
                reason = "is worried someone else may be in immediate danger"
        return Hit(sig, m, level, category, about_other, reason)

    @staticmethod
    def _needs_met(ctx: Context, sig: Signal, m: Match[SignalRef]) -> bool:
        """True if a cue of one of the signal's ``needs`` lists is in its scope, apart from
        the signal phrase itself; the Hinglish postposition "me" is no writer ("news me")."""
        lo, hi = scope(ctx, sig, m)
        return any(
            (c.end <= m.start or c.start >= m.end) and not postposition_me(ctx, c)
            for kind in sig.needs
            for c in ctx.within(kind, lo, hi)
        )

    def _negated(
        self,
        ctx: Context,
        m: Match[SignalRef],
        *,
        allow_limits: bool,
        own: Sequence[Match[tuple[str, int]]] = (),
    ) -> bool:
        """True if a negation cue governs the signal (same clause, close, nothing in between);
        a negation word inside one of ``own`` (the signal's needed cues) does not count."""
        lo, hi = ctx.clause(m.start, m.end)
        text = ctx.text
        blockers = [b for b in ctx.get("not_negation") if b.start < m.end and b.end > lo]
        blockers += own
        barriers = ctx.within("negation_barrier", lo, m.start)
        subjects = [
            c for kind in ("subject_self", "subject_other") for c in ctx.within(kind, lo, m.start)
        ]
        cue_found = None
        for cue in ctx.get("negation"):
            if cue.end > m.start or cue.start < lo:
                continue
            if any(b.start <= cue.start and cue.end <= b.end for b in blockers):
                continue
            if len(text[cue.end : m.start].split()) > self._window or in_condition(ctx, cue, m):
                continue
            if any(cue.end <= b.start and b.end <= m.start for b in barriers):
                continue
            # A new subject between cue and phrase starts a new clause: "if my wife had not
            # come home I would have been dead".
            if any(cue.end < c.start - 1 and c.end <= m.start for c in subjects):
                continue
            cue_found = cue
        if cue_found is None:
            for cue in ctx.get("negation_after"):
                gap = text[m.end : cue.start].replace("?", " ").split()
                if (
                    cue.start >= m.end
                    and cue.end <= hi
                    and not gap
                    and not any(
                        b.start <= cue.start < b.end for b in (*ctx.get("not_negation"), *own)
                    )
                    and not (
                        text[cue.start : cue.end] == "no" and negates_what_follows(text, cue.end)
                    )
                ):
                    cue_found = cue
                    break
        denial_after = any(o.start >= m.end for o in own)  # "... ke alawa koi rasta nahi"
        if cue_found is None and not denial_after and hindi_negated_after(ctx, m.end, self._window):
            return True  # "khudkushi ke baare me kabhi nahi socha": Hindi denies after
        if cue_found is None:
            for start, end in ctx.negated_spans:
                between = text[end : m.start]
                if (
                    lo <= start
                    and end <= m.start
                    and len(between.split()) <= 3
                    and (" and " in f" {between} " or " or " in f" {between} ")
                ):
                    return True  # "I never want to jump off a bridge and kill myself"
            return False
        if allow_limits:
            limits = ctx.within("negation_limits", cue_found.end, hi)
            if limits and not ctx.within("negation_universal", lo, hi):
                return False  # "I don't want to end it right now": the thought is still there
        return True

    def _doubted(self, ctx: Context, m: Match[SignalRef]) -> bool:
        """True if doubt ("not sure", "I wonder if") comes shortly before the phrase."""
        lo, _ = ctx.clause(m.start, m.end)
        for cue in ctx.get("doubt"):
            if (
                lo <= cue.start
                and cue.end <= m.start
                and len(ctx.text[cue.end : m.start].split()) <= self._window + 1
            ):
                return True
        return False

    # -- whole message ----------------------------------------------------------------------

    def _apply_message_context(self, ctx: Context, hits: list[Hit], rules: dict[str, None]) -> None:
        """Escalations, recovered pasts and jokes, which depend on the whole message."""
        for esc in self.lexicon.escalations:
            cues = ctx.get(esc.cue)
            if not cues:
                continue
            for hit in hits:
                if hit.signal.category not in esc.categories or hit.level >= esc.level:
                    continue
                # The cue must be a separate phrase, not part of the signal itself ("I am done"
                # is not its own goodbye).
                start, end = hit.match.start, hit.match.end
                if all(c.start < end and start < c.end for c in cues):
                    continue
                hit.level = esc.level
                hit.reason = f"{hit.reason} {esc.reason}"
                rules[esc.id] = None

        # A routine lowers the signals it names, unless the message also has a time or a
        # goodbye ("... every morning, but tonight all of them").
        urgent_context = ctx.has("timeline") or ctx.has("farewell")
        for soft in self.lexicon.softenings:
            if urgent_context or not ctx.has(soft.cue):
                continue
            for hit in hits:
                if hit.signal.id not in soft.signals or hit.level <= soft.level:
                    continue
                lo, hi = ctx.sentence(hit.match.start, hit.match.end)
                if ctx.within(soft.cue, lo, hi):
                    hit.level = soft.level
                    hit.reason = f"{hit.reason} {soft.reason}"
                    rules[soft.id] = None

        # A recurrence word inside a past anchor ("five years ago this month") is the anchor.
        pasts = ctx.get("past")
        recurring = any(
            not any(p.start <= r.start and r.end <= p.end for p in pasts)
            for r in ctx.get("recurrence")
        )
        if not recurring and pasts:
            # "Two years ago I tried to end my life. Now I co-run a peer group": a present
            # anchor in a sentence of its own is a word on recovery; in the signal's own
            # sentence ("years ago I lost my job, now I want to die") it makes the signal
            # current, and that signal stays.
            # "ab" inside "ab nahi aate" (they do not come now) is the recovery, not an anchor,
            # and inside "scars ab bhi" the past's.
            # "nada me ayudó" holds "me ayudó": a recovery word inside a denial of it is none,
            # and so is one that a denial follows in its sentence ("help li thi, kuch nahi badla").
            denials = ctx.get("not_recovery")
            recoveries = [
                r
                for r in ctx.get("recovery")
                if not any(
                    (d.start <= r.start and r.end <= d.end)
                    or r.end <= d.start < ctx.sentence(r.start, r.end)[1]
                    for d in denials
                )
            ]
            anchors = [
                a
                for a in ctx.get("present_anchor")
                if not any(r.start <= a.start and a.end <= r.end for r in (*recoveries, *pasts))
            ]
            sentences = [ctx.sentence(h.match.start, h.match.end) for h in hits]
            current = [told_now(ctx, h.match, anchors, recoveries) for h in hits]
            apart = any(not any(lo <= a.start < hi for lo, hi in sentences) for a in anchors)
            # A recovery word inside a signal's own phrase is the signal: "I am only still here
            # for my kids" holds "still here".
            recovered = any(
                not any(h.match.start <= r.start and r.end <= h.match.end for h in hits)
                for r in recoveries
            )
            if recovered or apart:
                for hit, now in zip(hits, current, strict=True):
                    if now:
                        continue
                    if not hit.about_other or hit.category == "third_party":
                        hit.level = Level.NONE
                rules["recovered_past"] = None
            else:
                # A past crisis without a word on recovery is still worth a moderator's look,
                # so only "urgent" comes down (to "concern"): it is not happening now.
                for hit in hits:
                    lo, hi = ctx.sentence(hit.match.start, hit.match.end)
                    if ctx.within("past", lo, hi) and hit.level is Level.URGENT:
                        hit.level = Level.CONCERN
                        rules["past"] = None

        # A span kept clean ("hoy cumplo un año sin cortarme") holds the self-harm it counts.
        streaks = [] if recurring else ctx.get("clean_streak")
        for hit in hits:
            if any(c.start <= hit.match.start and hit.match.end <= c.end for c in streaks):
                hit.level = Level.NONE
                rules["clean_streak"] = None

        # A cue inside the other kind's phrase is that phrase: "no lo decía en serio" is a jest
        # though it holds "en serio"; "no es de broma" takes the joke back though it holds "de
        # broma". A joke turn (joke_turn: "no es broma", "sach bolu toh") always cancels the joke.
        jests, cancels = ctx.get("humour"), [*ctx.get("humour_cancel"), *ctx.get("joke_turn")]
        jests = [
            j for j in jests if not any(c.start <= j.start and j.end <= c.end for c in cancels)
        ]
        cancels = [
            c for c in cancels if not any(j.start <= c.start and c.end <= j.end for j in jests)
        ]
        if jests and not cancels:
            for hit in hits:
                if hit.level > Level.NONE:
                    hit.level = Level(hit.level - 1)
            rules["humour"] = None
