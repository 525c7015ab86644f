"""One message's context for the crisis screen: its cue matches, clauses and sentences.

``CrisisScreen`` (``detector.py``) finds the signal phrases and decides; this module holds what
it reads each signal against (the cue matches grouped by kind, where each clause and sentence
begins and ends) and the small text helpers for quotes and the moderators' sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

from cogs.crisis.lexicon import Level, Signal
from cogs.screening.language import latin_language
from cogs.screening.matcher import Match
from cogs.screening.normalise import normalise
from cogs.screening.romanise import DEVANAGARI

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
        self.sentence_cuts = sorted(
            {*(m.start() for m in SENTENCE_END.finditer(text)), *_hindi_now_commas(text, self)}
        )
        cuts = set(self.sentence_cuts)
        cuts.update(m.start() for m in CLAUSE_END.finditer(text))
        cuts.update(_hindi_but(text))
        cuts.update(m.start for m in self.by_kind.get("clause_break", ()))
        self.clause_cuts = sorted(cuts)
        # recovery_alone closes its sentence ("..., ya no 💪"), not "y ya no quiero vivir".
        for m in self.by_kind.pop("recovery_alone", ()):
            if not re.search(r"\w", text[m.end : self.sentence(m.start, m.end)[1]]):
                self.by_kind.setdefault("recovery", []).append(m)

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


# The `unless` lists that name what an act is done to or with ("sabzi", "kapde sukhane", a
# dose): they give the ordinary reading only from close by. The lists that name a return, a day
# away or a lie-in ("see you in spring", "dopahar tak sona hai") speak for the whole scope.
NEAR_ONLY = frozenset(
    {
        "everyday_cutting",
        "ordinary_use",
        "blade_use",
        "means_secured",
        "fell",
        "errand",
        "routine",
        "day_away",
        "lighting_stove",
        "clinical_exam",
        "out_of_reach",
        "letter_occasion",
        "rest_wanted",
        "missed_dose",
        "drinks",
    }
)


# Hindi puts the verb after its object, so a means put away is named before the verb that puts it
# away ("zeher ki bottle bahar rakh di"); a "phenk diya" before the means is about something else
# ("phone phenk diya aur zeher ki bottle le aayi hu").
AFTER_ONLY = frozenset({"means_secured"})


def gives_ordinary_reading(
    ctx: Context, kind: str, cue: Match[tuple[str, int]], m: Match[SignalRef]
) -> bool:
    """True if an ``unless`` cue gives the signal its ordinary reading. A cue of a NEAR_ONLY
    list must be in the signal's own clause or the clause next to it: in "सबने मुझे अकेला छोड़
    दिया, बाथरूम में हूं, काट रही हूं" nothing is cut for a meal, but "rassi le aaya hu, kapde
    sukhane ke liye" is a washing line. Outside the signal's clause, a cue in a clause that
    denies it gives no ordinary reading ("3 din se khana nahi khaya, raat ko kaat rahi hoon";
    "sabko alvida, kuch din ke liye nahi, hamesha ke liye"); a negation inside the cue is the
    cue ("time nahi milta"). An AFTER_ONLY cue must follow the phrase."""
    if kind in AFTER_ONLY and cue.start < m.end:
        return False
    cuts = ctx.clause_cuts
    apart = abs(bisect_right(cuts, cue.start) - bisect_right(cuts, m.start))
    if apart == 0:
        return True
    if kind in NEAR_ONLY and apart > 1:
        return False
    lo, hi = ctx.clause(cue.start, cue.end)
    return not any(n.end <= cue.start or n.start >= cue.end for n in ctx.within("negation", lo, hi))


def own_voice(ctx: Context, m: Match[SignalRef]) -> bool:
    """True if the signal's clause speaks in the writer's own present voice ("main marna chahti
    hu", "quiero", "kar lungi": a ``present_self`` or ``future_self`` cue), outside quotes and
    with no frame of its own. A frame elsewhere in the sentence is the occasion, not the topic:
    "डॉक्टर ने बताया कि मैं अब कभी नहीं चल पाऊंगी, मैं मरना चाहती हूं"; but 'agar koi bole "mai
    marna chahta hu"' quotes the words."""
    lo, hi = ctx.clause(m.start, m.end)
    return not ctx.within("frame", lo, hi) and speaks_now(ctx, m)


def speaks_now(ctx: Context, m: Match[SignalRef]) -> bool:
    """True if the signal's clause, outside quotes, holds a ``present_self`` or ``future_self``
    cue: the writer saying what they feel or will do ("wo gaana sunke marne ka mann kar raha
    hai" is the writer's wish, not the song's story)."""
    if inside_quotes(ctx.text, m.start):
        return False
    lo, hi = ctx.clause(m.start, m.end)
    return bool(ctx.within("present_self", lo, hi) or ctx.within("future_self", lo, hi))


def inside_quotes(text: str, pos: int) -> bool:
    """True if an odd number of quote marks come before ``pos`` (an apostrophe inside a word,
    "don't", is no quote mark): "la protagonista dice 'ya no quiero vivir'" quotes the words."""
    marks = sum(
        1
        for i, ch in enumerate(text[:pos])
        if ch == '"'
        or (ch == "'" and not (text[i - 1 : i].isalpha() and text[i + 1 : i + 2].isalpha()))
    )
    return marks % 2 == 1


# Hindi names a topic BEFORE its postposition: "suicidal ideation pe project hai", "आत्महत्या
# पर रिसर्च". A media cue that begins with one, right after the phrase, frames it.
HI_TOPIC_MARKS: tuple[str, ...] = ("pe ", "par ", "pr ", "पर ", "पे ", "wala plot", "wala part")
HI_TOPIC_MARKS += ("wala episode", "wali movie", "wali film", "wali news")  # not "wala scene"


def hindi_topic(ctx: Context, m: Match[SignalRef], media: list[Match[tuple[str, int]]]) -> bool:
    """True if a topic mark (HI_TOPIC_MARKS: "pe project", "wala plot") follows within two words."""
    return any(
        c.start >= m.end
        and ctx.text[c.start : c.end].startswith(HI_TOPIC_MARKS)
        and len(ctx.text[m.end : c.start].split()) <= 2
        for c in media
    )


# "That" after a verb of saying: what follows is someone's words, with its own subject.
REPORTED = frozenset({"que", "q", "ki", "कि", "that"})


def reported(ctx: Context, cue: Match[tuple[str, int]], m: Match[SignalRef]) -> bool:
    """True if a "that" (que, ki) stands between a subject cue and the phrase: "me escribió que
    ya no quiere vivir" reports another's words, "mujhe bola ki wo ..." too. The "that" may
    begin the phrase itself ("me dijo | que esta noche se mata")."""
    between = ctx.text[cue.end : m.start].split() + ctx.text[m.start : m.end].split()[:1]
    return any(w.strip(",.") in REPORTED for w in between)


def told_now(
    ctx: Context,
    m: Match[SignalRef],
    anchors: list[Match[tuple[str, int]]],
    recoveries: list[Match[tuple[str, int]]],
) -> bool:
    """True if a signal in a message with a past is told as happening now, so a recovered past
    does not lower it: a present anchor or a ``present_self`` cue in its sentence ("years ago I
    lost my job, now I want to die"); the writer's own future in its clause, which tells no past
    ("..., kood jaungi", not "socha tha ki kar lungi"); or a ``turn`` ("par", "pero") after every
    recovery word of its sentence and before it, beginning a clause that tells no past: "mujhe
    lagta tha main sambhal gaya hu, par mujhe jeena nahi hai"."""
    lo, hi = ctx.sentence(m.start, m.end)
    # A present anchor in a recovery's own clause tells the recovery ("..., par aaj bahut behtar
    # hu"), not the signal.
    healed = {ctx.clause(r.start, r.end) for r in recoveries}
    if any(
        lo <= a.start < hi and ctx.clause(a.start, a.end) not in healed
        for a in (*anchors, *ctx.get("present_self"))
    ):
        return True
    clo, chi = ctx.clause(m.start, m.end)
    if ctx.within("past", clo, chi):
        return False
    if ctx.within("future_self", clo, chi):
        return True
    last = max((r.end for r in recoveries if lo <= r.start < hi), default=None)
    return last is not None and any(
        last <= t.start
        and t.end <= m.start
        and not ctx.text[ctx.clause(t.start, t.end)[0] : t.start].strip(" ,;:")
        and not ctx.within("past", t.end, m.start)
        for t in ctx.within("turn", lo, hi)
    )


def quoted_word(text: str, m: Match[SignalRef]) -> bool:
    """True if the phrase is quoted (with at most two more words) as a word mentioned, not
    used: at the start of a sentence ('"committed suicide" makes me wince') or after "is",
    "the word"... Quotes of what someone said ('told me to "have a good life"') are not
    mentions."""
    if hindi_mention(text, m.start, m.end):
        return True
    open_at = text.rfind('"', 0, m.start)
    close_at = text.find('"', m.end)
    if open_at < 0 or close_at < 0 or text.count('"', 0, m.start) % 2 == 0:
        return False
    extra = text[open_at + 1 : m.start].split() + text[m.end : close_at].split()
    if len(extra) > 2:
        return False
    lead = text[:open_at].rstrip()
    return not lead or lead[-1] in ".!?;:\n" or lead.endswith(MENTION_BEFORE)


# -- Hindi word order (Devanagari and romanised) -----------------------------------------------
# Hindi puts the verb last and its negation just before it, so the negation of a thought comes
# AFTER the words that name it: "khudkushi ke baare me kabhi nahi socha", "marne ka khayal nahi
# aata", "आत्महत्या का ख्याल कभी नहीं आया". The English rule (a cue before the phrase, or right
# after it) misses these, so a Hindi negator after the phrase counts too, when it is in the same
# clause, close, and before the clause's own verb has ended it: a present or past auxiliary
# ("hai", "tha") closes the clause, so in "marne ka mann karta hai koi nahi samajhta" the "nahi"
# belongs to the next clause. All the words here are Hindi, so English text is never touched.


def _words(text: str) -> frozenset[str]:
    """Normalised words (the message is normalised, so the lists must be too)."""
    return frozenset(normalise(w) for w in text.split())


# After these a chat "me" is the subject मैं ("ab me apni jaan le lungi"), not the postposition.
HI_ME_OPENERS = _words(
    "ab fir phir to toh aur or par pr lekin magar kyunki kyuki ki jab tab bhi bas ya agar shayad "
    "isliye warna yaar yr na haan nahi nhi aaj kal abhi sach sachi bhai didi"
)


def postposition_me(ctx: Context, cue: Match[tuple[str, int]]) -> bool:
    """True if a subject cue "me" is the Hinglish postposition में, not the writer: after a noun
    in a Hinglish message ("news me padha", "exam stress me apni jaan le li", "saal me"). The
    English object ("make me want to") and Spanish "me" keep it; so does "me" opening a clause
    or after a word that often comes before the subject मैं ("ab me ..."). A message with
    Devanagari in it (Hindi read across, "कल news me ...") is Hindi too."""
    if ctx.text[cue.start : cue.end] != "me":
        return False
    if latin_language(ctx.text) != "hinglish" and not DEVANAGARI.search(ctx.text):
        return False
    before = ctx.text[: cue.start].rstrip()
    word = re.search(r"([a-z]+)$", before)
    return word is not None and len(before) == cue.start - 1 and word.group(1) not in HI_ME_OPENERS


# Verbs of saying or posting right after a medium: the person spoke there, in their own words.
SAID_VERBS = _words(
    "bola boli bole kaha kahi likha likhi dala daala dijo escribio puso subio said wrote posted"
)


def said_there(after: list[str]) -> bool:
    """True if the words after a medium say someone spoke in it, then what ("meri behen ne reel
    me | bola ki wo marna chahti hai"): a post of her own, not a story about someone else."""
    return bool(after) and after[0] in SAID_VERBS and any(w in REPORTED for w in after[1:])


def nearest_subject(ctx: Context, m: Match[SignalRef]) -> Match[tuple[str, int]] | None:
    """The nearest subject cue before the phrase in its sentence (None: the writer)."""
    lo, _ = ctx.sentence(m.start, m.end)
    best: Match[tuple[str, int]] | None = None
    for kind in ("subject_self", "subject_other", "subject_general"):
        for cue in ctx.get(kind):
            if (
                lo <= cue.start
                and cue.end <= m.start
                and (
                    best is None
                    or cue.end > best.end
                    or (cue.end == best.end and cue.start < best.start)
                )
                and not postposition_me(ctx, cue)  # "news me padha": in, not the writer
            ):
                best = cue
    return best


# Spellings made to get past filters (normalise() reads them as the word). A model's low score on
# one is no evidence, so no model may veto an alert raised on it: the English model scored "sewer
# slide is lookin real good rn" 0.01, the same words with "suicide" 0.996.
CODED_SPELLINGS = ("sewer slide", "sewerslide", "sui side", "unaliv", "self delet")


def coded(text: str) -> bool:
    """True if ``text`` holds a coded spelling of suicide (``CODED_SPELLINGS``)."""
    lowered = text.lower()
    return any(c in lowered for c in CODED_SPELLINGS)


# Negators that follow the noun or infinitive they deny. Not "na": after a verb it is mostly the
# tag "you know" ("marne ka mann karta hai na"); not "mat" either: after a goodbye it is "don't
# tell mum" ("सबको अलविदा, मम्मी को मत बताना"), a new verb's.
HI_NEGATORS = _words("nahi nahin nhi nai ni नहीं नहि")
# A finite auxiliary ends the clause the phrase is in (Hindi is verb-final).
HI_CLAUSE_END = _words(
    "hai hain h hu hoon hun hu tha thi the ho hua hui है हैं हूं हूँ हु था थी थे हो हुआ हुई"
)
# Words that start a new clause before any negator can reach back: because, if, when, but, and,
# and "to" (then) after a condition ("कोई ट्रक ठोक दे तो भी फर्क नहीं पड़ता").
HI_BARRIERS = _words(
    "kyunki kyuki kyonki kyoki agar jab lekin magar par pr aur or taaki taki warna jo to toh "
    "क्योंकि अगर जब लेकिन मगर पर और ताकि वरना जो तो"
)
# A negator beside these is not a denial: the thought does not stop, go, change or shrink
# ("marne ke khayal band nahi ho rahe", "jaate hi nahi", "kabhi nahi gaye"), nobody knows or is
# told ("kisi ko nahi bataya", "koi nahi samajhta"), "I don't know why" ("pata nahi kyun"),
# nothing but it ("khudkushi ke alawa kuch nahi sujhta"), not joking ("mazak nahi kar rahi").
HI_NOT_DENIAL = _words(
    "band ruk rukte rukta rukti ruke ruka ruki rukna jaate jate jaata jata jaati jati gaya gayi "
    "gaye gye gyi hat hatte hatta hatti hata hati nikalte nikalta nikalti nikle nikla chhodte "
    "chhodta chhodti chhoda chhod chhoot chhootta kam ghat ghatte thamte thamta pata maloom malum "
    "koi kisi kisiko farak fark farq alawa siwa siva badla badli ghata ghati mazak mazaak majak "
    "jhooth jhoot rok roka roki "
    "बंद रुक रुकते रुकता रुकती रुके रुका जाते जाता जाती गया गई गए हट हटते हटता निकलते निकलता "
    "छोड़ते छोड़ता छोड़ा छूटता कम थमते थमता पता मालूम कोई किसी फर्क फ़र्क अलावा सिवा बदला "
    "बदली घटा मज़ाक झूठ रोक"
)  # "rok": "खुद को चोट पहुँचाने से रोक नहीं पा रही" (cannot stop), twenty-seventh pass
# "Nothing but it", however far the "nothing" comes after: "मरने के ख्याल के सिवा दिमाग में कुछ
# नहीं आता".
HI_EXCEPT = _words("alawa alava siwa siva siwaye sivay अलावा सिवा सिवाय")
# Spanish "ni" ("not even") before a pronoun is not the Hinglish "ni" (nahi): "ya ni me duele".
# (seventeenth pass) and a verb: "me corto ahí y ni duele", "ni sangra", "ni me importa"
ES_AFTER_NI = frozenset(
    {"me", "te", "se", "lo", "la", "le", "nos", "les", "siquiera", "duele", "duelen", "siento",
     "sangra", "importa", "sirve", "pasa", "cuenta"}
)  # fmt: skip
# A denial limited in time keeps the thought ("marne ka plan abhi nahi hai": not yet), unless
# "kabhi" (ever) makes it universal.
HI_LIMITS = _words("abhi filhaal filhal aaj abhitak अभी फिलहाल फ़िलहाल आज")
HI_UNIVERSAL = _words("kabhi कभी")
# Particles that may sit between the negator and what it denies ("soch bhi nahi sakti").
HI_PARTICLES = _words("hi bhi ही भी")


# "Now" and "today" that open a clause after a comma or a "but": Hindi writers often join "then"
# and "now" so where English puts a full stop ("2020 me cutting karti thi, ab teen saal clean
# hu"), and the past and present anchors are read per sentence, so that is a sentence end.
HI_NOW = _words("ab aaj अब आज")
HI_BUT = _words("but par pr lekin magar aur and पर लेकिन मगर और")


# "par" is "on" after a noun ("pul par") but "but" after a finite verb or a negator ("baatein
# karte hai par andar se ...", "pata nahi par main ..."): there it begins a clause.
HI_PAR = _words("par pr पर")


def _hindi_but(text: str) -> list[int]:
    """Where a Hindi "par" meaning "but" begins a clause."""
    # A word with its comma ("hai,") matches neither list: the comma has cut the clause already.
    return [
        word.start()
        for prev, word in pairwise(re.finditer(r"\S+", text))
        if word.group() in HI_PAR and (prev.group() in HI_CLAUSE_END or prev.group() in HI_NEGATORS)
    ]


def _hindi_now_commas(text: str, ctx: Context) -> list[int]:
    """Commas (or a "but") just before a Hindi "ab" / "aaj" present anchor: "X karti thi, ab
    ...", "X aate the but ab ..."."""
    out = []
    for m in ctx.get("present_anchor"):
        if text[m.start : m.end] in HI_NOW:
            before = text[: m.start].rstrip()
            words = before.split()
            if words and words[-1] in HI_BUT:
                out.append(len(before) - len(words[-1]))
            elif before.endswith(","):
                out.append(len(before) - 1)
    return out


# Hindi marks a quoted phrase as a word mentioned AFTER the quote: "'sab pe bojh hu' wala
# thought", "'kms' jaise words", '"suicide disease" bolte hai' (people call it), "मैं "जान दे
# दूंगा" वाला आदमी नहीं". A question asked just before the quote is a clinician's or a form's
# (poocha "kabhi khud ko hurt karne ka socha hai?"). Single quotes count too: Hinglish chat
# uses them as often as double ones. Only Hindi words mark a mention here, so English quotes
# keep the English rule above.
HI_MENTION_AFTER = _words(
    "jaise jaisa jaisi jese bolte kehte kahte likhte matlab shabd जैसे जैसा जैसी बोलते कहते लिखते मतलब शब्द"
)
# "'X' wala thought" mentions a sentence; "'unalive' wali list me aana hai" uses a one-word
# euphemism, so "wala" marks a mention only after a quote of two words or more.
HI_MENTION_WALA = _words("wala wali wale vala vali वाला वाली वाले")
# Asked (by a clinician, a form): not "poochti hai" (someone keeps asking, which is worrying).
HI_ASKED = _words("poocha pucha puchha poochha poochna puchna puchhna पूछा पूछना")


def hindi_mention(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` is inside quotes that Hindi marks as a mention (a marker word
    right after the closing quote, or a question verb just before the opening one)."""
    for q in "\"'":
        open_at = text.rfind(q, 0, start)
        close_at = text.find(q, end)
        if open_at < 0 or close_at < 0 or text.count(q, 0, start) % 2 == 0:
            continue
        words = len(text[open_at + 1 : close_at].split())
        if words > 8:
            continue  # too long for a phrase quoted: a stray quote mark
        after = text[close_at + 1 :].split()[:1]
        before = text[:open_at].split()[-2:]
        if after and (after[0] in HI_MENTION_AFTER or (after[0] in HI_MENTION_WALA and words >= 2)):
            return True
        if any(w in HI_ASKED for w in before):
            return True
    return False


def hindi_negated_after(ctx: Context, end: int, window: int) -> bool:
    """True if a Hindi negator after ``text[:end]`` (a signal phrase) denies it: in the same
    clause, at most ``window`` + 1 words on, before an auxiliary or a new clause begins, and not
    a "does not stop" or "nobody knows" (see HI_NOT_DENIAL) or a denial limited in time."""
    text = ctx.text
    _, hi = ctx.clause(end - 1, end)
    s_lo, s_hi = ctx.sentence(end - 1, end)
    if text[s_hi : s_hi + 1] == "?" and len(text[s_lo:s_hi].strip(".!?;\n ").split()) <= 4:
        answer = text[s_hi + 1 :].split()[:1]
        if answer and answer[0].strip(",.!") in HI_NEGATORS:
            return True  # "आत्महत्या का ख्याल? नहीं जी": the topic asked, and answered "no"
    if text[:end].rsplit(None, 1)[-1] in HI_BARRIERS:
        return False  # the phrase is itself a condition ("मैं न होता तो"): a new clause follows
    after = [w.strip(",.!") for w in text[end:hi].replace("?", " ").split()[: window + 2]]
    for i, word in enumerate(after):
        if word in HI_BARRIERS or word in HI_CLAUSE_END:
            return False
        if word not in HI_NEGATORS:
            continue
        before = [w for w in after[:i] if w not in HI_PARTICLES]
        if any(w in HI_NOT_DENIAL for w in (*before[-2:], *after[i + 1 : i + 2])):
            return False
        following = after[i + 1] if i + 1 < len(after) else ""
        if any(w in HI_EXCEPT for w in before) or (word == "ni" and following in ES_AFTER_NI):
            return False  # "मरने के ख्याल के सिवा ... कुछ नहीं आता"; Spanish "ya ni me duele"
        scope = set(after[: i + 3])
        return not (scope & HI_LIMITS) or bool(scope & HI_UNIVERSAL)
    return False


# A Spanish infinitive (with its clitic): after "no" it is a thing wished not done ("seria un
# alivio no despertar", "prefiero no existir"), not a "no" that denies the words before it.
_INFINITIVE = re.compile(r"[a-zñ]{2,}(?:ar|er|ir)(?:me|te|se|lo|la|le|nos)?")
# English words with those endings that can follow a denying "no" ("no matter", "no longer").
_NOT_INFINITIVES = frozenset(
    {"never", "ever", "either", "neither", "other", "matter", "longer", "sooner", "later", "after",
     "over", "clear", "near", "far", "fair", "offer", "answer", "sir", "dear", "year", "nor"}
)  # fmt: skip


def negates_what_follows(text: str, cue_end: int) -> bool:
    """True when the word after a "no" that follows a signal phrase is a Spanish infinitive,
    so the "no" belongs to it ("seria un alivio no despertar manana")."""
    following = text[cue_end:].split(None, 1)
    word = following[0].strip(",.!?;") if following else ""
    return bool(_INFINITIVE.fullmatch(word)) and word not in _NOT_INFINITIVES


def in_condition(ctx: Context, cue: Match[tuple[str, int]], m: Match[SignalRef]) -> bool:
    """True if a negation is a condition's, not the signal's: "si no me dan la pension me voy a
    matar", "si el tysabri no le funciona se tira del balcon". A ``condition`` cue ("si", "if")
    stands at most three words before the negation in its clause, and two words or more stand
    between the negation and the signal ("si no me mato hoy" keeps its negation). Hindi needs
    none: its "to" (then) already ends the condition."""
    lo = ctx.clause(cue.start, cue.end)[0]
    return len(ctx.text[cue.end : m.start].split()) >= 2 and any(
        lo <= c.start and c.end <= cue.start and len(ctx.text[c.end : cue.start].split()) <= 3
        for c in ctx.get("condition")
    )


def as_sentence(reason: str) -> str:
    """Turn a rule's reason into a sentence: "Expresses a wish to die with a timeline."."""
    reason = reason.strip()
    return reason[0].upper() + reason[1:] + ("" if reason.endswith(".") else ".")


def quiet_reason(rules: dict[str, None]) -> str:
    """Why a message with crisis words was not raised."""
    if "negated" in rules:
        return "Mentions crisis words, but negated."
    if "recovered_past" in rules or "clean_streak" in rules:
        return "Talks about a past crisis they have recovered from."
    if "frame" in rules or "frame_media" in rules:
        return "Talks about the topic, not about themselves."
    if any(r.startswith("idiom") for r in rules):
        return "Uses a figure of speech, not crisis language."
    return "Mentions crisis words without a sign of risk."


def media_framed(
    ctx: Context,
    m: Match[SignalRef],
    subject: str,
    subject_cue: Match[tuple[str, int]] | None,
    lo: int,
    hi: int,
) -> bool:
    """True if a news, research or leaflet frame makes the signal talk about the topic.

    About someone else or people in general, or quoted: any media word in the sentence will
    do. About the writer: only one between the subject and the phrase ("I read an article
    about suicidal thoughts", "the leaflet lists suicidal thoughts"), never one after it
    ("feeling suicidal after that news story"), and never for a phrase that names the writer
    itself or a clause in the writer's own voice ("MS ki news padh ke marna chahti hu").
    """
    # A reaction after the story ("vio una pelicula y ahora dice que...") is not its plot.
    last = max((r.start for r in ctx.within("reaction_now", lo, m.start)), default=-1)
    media = [
        c
        for c in ctx.within("frame_media", lo, hi)
        if c.end > last and not said_there(ctx.text[c.end : m.start].split())
    ]
    if not media:
        return False
    if subject != "self" or inside_quotes(ctx.text, m.start):
        return True  # about others, or words quoted from the story ("heroine kehti hai '...'")
    if m.value.self_phrase or speaks_now(ctx, m):
        return False
    if hindi_topic(ctx, m, media):
        return True
    start = lo if subject_cue is None else subject_cue.end
    return any(start <= c.start and c.end <= m.start for c in media)
