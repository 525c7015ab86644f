"""Text normalisation shared by the safety screens (crisis and guidelines).

Screens match lexicon phrases against ``normalise(text)``, and build their lexicons with the same
function, so both sides agree on one spelling. The aim is to undo the ways people (deliberately
or not) write around a filter: case, Unicode look-alikes and accents, invisible characters,
leetspeak, stretched letters, spaced-out letters and chat shorthand.

What the output looks like:
- lower case, ASCII letters wherever a look-alike or accented letter was used;
- contractions spelled out, so one form covers many spellings: "don't"/"dont" -> "do not",
  "can't"/"cant" -> "can not", "I'm"/"im" -> "i am", "I'd" -> "i would", "u" -> "you",
  "wanna" -> "want to", "kms" -> "kill myself", "want 2 die" -> "want to die";
- letters repeated three or more times cut to two ("killl" -> "kill", "diiiie" -> "diie"); use
  ``normalise_variants`` to also get the form cut to one ("die"), which screens should match too;
- sentence punctuation (. , ! ? ; and newlines) kept so screens can split clauses; runs of
  spaces collapsed to one.

Speed matters: every message the bot sees goes through here. Everything is compiled at import,
pure-ASCII text skips the Unicode work, and each optional step runs only when a cheap test shows
it can change something.
"""

from __future__ import annotations

import re
import string
import unicodedata

import ahocorasick

from cogs.screening.spaced import SPACED_HINT, join_spaced_letters
from cogs.screening.starred import DEVA_STARRED, STARRED, deva_restar, deva_unstar, unstar

__all__ = ["normalise", "normalise_variants", "prefilter", "surface_forms"]

# --- Unicode clean-up (only for text that is not pure ASCII) --------------------------------

# Invisible characters people use to break a word up without it showing: zero-width space,
# joiners, direction marks, word joiner, BOM, soft hyphen, Mongolian vowel separator, and the
# invisible math operators. Deleting them rejoins the word.
_INVISIBLE = dict.fromkeys(
    [
        *(0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0),
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2070),
    ],
    None,
)

# Look-alike letters NFKC leaves alone (Cyrillic, Greek, a few IPA and symbol forms) mapped to
# the Latin letter they imitate. Fancy "math alphabet" letters (𝓼𝓾𝓲𝓬𝓲𝓭𝓮) and full-width
# forms are already folded by NFKC.
_HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "ё": "e", "һ": "h", "і": "i",
        "ї": "i", "ј": "j", "к": "k", "ӏ": "l", "м": "m", "н": "h", "о": "o", "р": "p",
        "ԛ": "q", "ѕ": "s", "т": "t", "у": "y", "х": "x", "ԝ": "w", "ь": "b", "г": "r",
        "п": "n", "и": "u", "л": "n", "д": "a", "з": "3", "ч": "4",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "γ": "y", "μ": "u", "σ": "o",
        "ς": "s", "λ": "a", "δ": "d", "θ": "o", "π": "n",
        # IPA and other look-alikes
        "ɑ": "a", "ɡ": "g", "ɩ": "i", "ı": "i", "ȷ": "j", "ʟ": "l", "ɴ": "n", "ʀ": "r",
        "ꜱ": "s", "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ɢ": "g", "ʜ": "h",
        "ɪ": "i", "ᴊ": "j", "ᴋ": "k", "ᴍ": "m", "ᴏ": "o", "ᴘ": "p", "ᴛ": "t", "ᴜ": "u",
        "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe",
        "ð": "d", "þ": "th", "ł": "l", "đ": "d", "ħ": "h",
        # Quotes and dashes: one apostrophe, one double quote, one hyphen.
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u02bc": "'", "\u00b4": "'", "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-",
        "\u2013": "-", "\u2014": "-", "\u2212": "-",
    }
)  # fmt: skip


# Gates for the slower steps: most non-ASCII chat is emoji or curly quotes, which need none.
_QUOTES = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}
_NEEDS_MAP = re.compile(
    "["
    + "".join(re.escape(chr(c)) for c in _INVISIBLE)
    + "".join(re.escape(chr(c)) for c in _HOMOGLYPHS if chr(c) not in _QUOTES)
    + "]"
)
_HAS_MARKS = re.compile("[\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]")


# Devanagari (Hindi) is written many ways by the same person on a phone keyboard: with or
# without the nukta ("ज़िंदगी"/"जिंदगी"), chandrabindu or anusvara or neither ("हूँ"/"हूं"/"हू"),
# long or short i and u ("नहीं"/"नही", "जीना"/"जिना"), with or without a halant before a
# conjunct. Lexicon phrases and messages are both folded to one spelling: nukta, halant and
# nasal marks dropped, long i/u (vowel sign and letter) made short, the danda a full stop.
_DEVANAGARI = re.compile("[\u0900-\u097f]")
_DEVANAGARI_FOLD = str.maketrans(
    {
        "\u093c": None,  # nukta
        "\u094d": None,  # halant (virama)
        "\u0900": None,  # inverted chandrabindu
        "\u0901": None,  # chandrabindu
        "\u0902": None,  # anusvara
        "\u0940": "\u093f",  # vowel sign ii -> i
        "\u0942": "\u0941",  # vowel sign uu -> u
        "\u0908": "\u0907",  # letter ii -> i
        "\u090a": "\u0909",  # letter uu -> u
        "\u0964": ".",  # danda
        "\u0965": ".",  # double danda
    }
)
# A nasal written as a half letter before a stop of its own class is the anusvara written out
# ("ज़िन्दगी" for "ज़िंदगी", "ठण्डा" for "ठंडा"), and the anusvara is dropped: so is the half nasal.
_HALF_NASAL = re.compile("ङ्(?=[कखगघ])|ञ्(?=[चछजझ])|ण्(?=[टठडढ])|न्(?=[तथदध])|म्(?=[पफबभ])")


def _fold_devanagari(text: str) -> str:
    """One spelling for Devanagari text (see ``_DEVANAGARI_FOLD``); NFD first so that the
    precomposed nukta letters (U+0958-U+095F) split into letter + nukta."""
    return _HALF_NASAL.sub("", unicodedata.normalize("NFD", text)).translate(_DEVANAGARI_FOLD)


def _fold_unicode(text: str) -> str:
    """NFKC, drop invisibles, map look-alikes, strip accents (non-ASCII text only)."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.lower()
    for quote, plain in _QUOTES.items():
        if quote in text:
            text = text.replace(quote, plain)
    if text.isascii():
        return text
    if _DEVANAGARI.search(text):
        text = _fold_devanagari(text)
    if _NEEDS_MAP.search(text):
        text = text.translate(_INVISIBLE).translate(_HOMOGLYPHS)
    if _HAS_MARKS.search(text):
        # Accents: decompose and drop the combining marks ("suïcide" -> "suicide").
        decomposed = unicodedata.normalize("NFD", text)
        text = unicodedata.normalize(
            "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        )
    return text


# --- Leetspeak ------------------------------------------------------------------------------

_LEET = str.maketrans(
    {"0": "o", "1": "i", "!": "i", "|": "i", "3": "e", "4": "a", "@": "a", "5": "s", "$": "s",
     "7": "t"}
)  # fmt: skip
# Leet characters only count inside a word: between two letters ("k1ll", "mys3lf", "su1c1de",
# "h@rm", "k!ll") or "$" at the start of a word ("$uicide"; not "@", which starts a Discord
# mention). A digit that starts
# a token followed by a unit stays a number ("3am", "5k", "20mg", "2nd"), and digits with no
# letters around them ("988", "12 weeks", "1800-599-0019") are never touched.
_LEET_INSIDE = re.compile(r"(?<=[a-z])[013457!|@$]+(?=[a-z])|(?<![\w@$])\$(?=[a-z]{2})")
# A leet digit at the end of a word with at least three letters before it ("su1c1d3").
_LEET_TAIL = re.compile(r"(?<=[a-z]{3})[0134]\b")

# --- Shorthand and contractions -------------------------------------------------------------

# Whole-word replacements. Contractions are spelled out so the lexicons need only one form.
_SHORTHAND: dict[str, str] = {
    # self-directed suicide shorthand
    "kms": "kill myself", "my self": "myself", "your self": "yourself", "kys": "kill yourself", "kmsl": "kill myself",
    "unalive myself": "kill myself", "unaliving myself": "killing myself",
    "unalived myself": "killed myself", "sewer slide": "suicide", "sewerslide": "suicide", "sui side": "suicide", "sucide": "suicide",
    "sewer sliding": "suicide", "self delete": "kill myself", "self deleting": "killing myself",
    "s/h": "self harm",
    "suicidal ideation": "suicidal ideation", "si": "si",
    # "2" meaning "to" before a verb is handled by _TWO below; time words here.
    "2nite": "tonight", "2night": "tonight", "tonite": "tonight", "2day": "today",
    "2moro": "tomorrow", "2morrow": "tomorrow", "tmrw": "tomorrow", "tmr": "tomorrow",
    "2mrw": "tomorrow", "b4": "before", "4ever": "forever", "rn": "right now",
    # pronouns and common chat words
    # "ya" is "you" only in these: alone it is Spanish "already" and Hindi "or" ("ya no quiero
    # vivir", "batayega ya nahi"), which Kindred also screens
    "see ya": "see you", "c ya": "see you", "love ya": "love you", "miss ya": "miss you",
    "thank ya": "thank you", "ya all": "you all",
    "u": "you", "ur": "your", "urself": "yourself", "yall": "you all",
    "y'all": "you all", "r": "are", "abt": "about", "bc": "because", "bcos": "because",
    "cuz": "because", "coz": "because", "cos": "because", "bcuz": "because",
    "thru": "through", "w/": "with", "w/o": "without", "ppl": "people", "pls": "please",
    "plz": "please", "plox": "please", "idk": "i do not know", "idc": "i do not care",
    "idgaf": "i do not care", "nvm": "never mind", "alot": "a lot", "sth": "something",
    "smth": "something", "gonna": "going to", "gunna": "going to", "wanna": "want to",
    "wana": "want to", "gotta": "got to", "tryna": "trying to", "kinda": "kind of",
    # other Englishes: Scots "-nae", Caribbean "waan". (Each spelling added here multiplies
    # the raw-text gate's keys for every phrase holding the word; tests/screening/test_gate.py
    # checks no phrase outgrows the gate. Rarer forms go in the lexicons as phrases.)
    "cannae": "can not", "dinnae": "do not", "wouldnae": "would not", "waan": "want",
    "sorta": "sort of", "lemme": "let me", "gimme": "give me", "imma": "i am going to",
    "ima": "i am going to", "dunno": "do not know", "cya": "see you", "thx": "thanks", "ty": "thank you", "bday": "birthday", "coulda": "could have",
    "shoulda": "should have", "woulda": "would have", "ain't": "is not", "aint": "is not",
    # contractions, with and without the apostrophe (only where the bare form is not a word)
    "i'm": "i am", "im": "i am", "i've": "i have", "ive": "i have", "i'll": "i will",
    "i'd": "i would", "you're": "you are", "youre": "you are", "you've": "you have",
    "you'll": "you will", "you'd": "you would", "he's": "he is", "she's": "she is",
    "it's": "it is", "its": "its", "that's": "that is", "thats": "that's",
    "there's": "there is", "theres": "there's", "what's": "what is", "whats": "what's",
    "we're": "we are", "they're": "they are", "theyre": "they are", "we'd": "we would",
    "they'd": "they would", "he'd": "he would", "she'd": "she would", "it'd": "it would",
    "we'll": "we will", "they'll": "they will", "he'll": "he will", "she'll": "she will",
    "it'll": "it will", "we've": "we have", "they've": "they have", "who's": "who is",
    "let's": "let us", "lets": "lets", "how's": "how is", "where's": "where is",
    "everything's": "everything is", "nothing's": "nothing is", "everyone's": "everyone is",
    "tonight's": "tonight is", "today's": "today is", "that'd": "that would",
    "cannot": "can not", "can't": "can not", "cant": "can not", "won't": "will not",
    "wont": "will not", "don't": "do not", "dont": "do not", "doesn't": "does not",
    "doesnt": "does not", "didn't": "did not", "didnt": "did not", "isn't": "is not",
    "isnt": "is not", "aren't": "are not", "arent": "are not", "wasn't": "was not",
    "wasnt": "was not", "weren't": "were not", "werent": "were not", "haven't": "have not",
    "havent": "have not", "hasn't": "has not", "hasnt": "has not", "hadn't": "had not",
    "hadnt": "had not", "wouldn't": "would not", "wouldnt": "would not",
    "couldn't": "could not", "couldnt": "could not", "shouldn't": "should not",
    "shouldnt": "should not", "mustn't": "must not", "mightn't": "might not",
    "needn't": "need not", "shan't": "shall not", "dnt": "do not", "wouldve": "would have",
    "would've": "would have", "could've": "could have", "should've": "should have",
    "might've": "might have", "must've": "must have",
}  # fmt: skip
# Identity entries above are harmless; drop them so the lookup never does needless work.
# Forms with an apostrophe are spelled out by _APOSTROPHE below (one cheap rule instead of a
# table); "'s" is left alone because it can mean "is", "has" or a possessive.
_APOSTROPHE_FORMS = {k: v for k, v in _SHORTHAND.items() if k != v and "'" in k and "'s" not in k}
_SHORTHAND = {k: v for k, v in _SHORTHAND.items() if k != v and "'" not in k}
_IRREGULAR_NT = {"can't": "can not", "won't": "will not", "ain't": "is not", "shan't": "shall not"}
# The less common endings go through a regex that starts with the apostrophe (a literal prefix
# lets ``re`` skip quickly to candidates); the callback checks a letter comes before it, so a
# quote mark before 'really' is left alone.
_APOSTROPHE = re.compile(r"'(re|ve|ll|d)\b")
_APOSTROPHE_WORDS = {"re": " are", "ve": " have", "ll": " will", "d": " would"}


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words``, written as a trie.

    Python's ``re`` tries the branches of ``a|b|c`` one by one at every position; a trie-shaped
    pattern checks one character per level instead, which makes this pass about four times
    faster on ordinary chat.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


_SHORTHAND_RE = re.compile(r"\b" + _trie_pattern(list(_SHORTHAND)) + r"(?![\w'])")
# Cheap test for _SHORTHAND_RE: any whitespace-separated token that is a key, bare or with one
# punctuation mark after it. A set lookup per token beats a regex scan on ordinary chat.
_SHORTHAND_TOKENS = frozenset(
    key + tail for key in _SHORTHAND for tail in ("", ".", ",", "!", "?", ";", ":", ")", '"')
)
_SHORTHAND_FIRST = frozenset(key.split()[0] for key in _SHORTHAND if " " in key)
# "2" meaning "to": after a verb that takes "to", or before a bare verb ("want 2 die").
_TWO = re.compile(
    r"\b(want|wants|wanted|going|need|needs|ready|trying|try|have|has|had|got|how|ways?|able|"
    r"time|about|like|love|hate|start|started|plan|planning|decided|deserve|wish|tempted|"
    r"afraid|scared) 2 "
    r"| 2 (?=(?:die|be|live|end|kill|go|do|sleep|hurt|stop|wake|disappear|exist|keep|see|feel|"
    r"talk|tell|know|cut|take|make|get|the|my|me)\b)"
)


def _two(match: re.Match[str]) -> str:
    """Spell "2" as "to", keeping the verb before it when there was one."""
    verb = match.group(1)
    return f"{verb} to " if verb else " to "


# "4" meaning "for" in a few fixed places ("thank you 4 everything").
_FOUR = re.compile(r" 4 (?=(?:ever|good|everything|you|u|me|them|him|her|real|sure)\b)")

# --- Repeats and spacing --------------------------------------------------------------------

# Hyphens and underscores join words ("self-harm", "self_harm"); a space is the one spelling the
# lexicons need. (Spelled-out "s-u-i-c-i-d-e" is joined before this runs.)
_HYPHENS = str.maketrans({"-": " ", "_": " "})
_REPEAT3 = re.compile(r"([a-z])\1{2,}")
# Cheap test for _REPEAT3: any character three times (punctuation runs give a harmless false hit).
_REPEAT_HINT = re.compile(r"(.)\1\1")
# Cheap test for leetspeak: the characters it uses at all.
_LEET_HINT = re.compile(r"[013457!|@$][a-z]")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r" *\n[\s]*")


def normalise(text: str) -> str:
    """Return the canonical form of ``text`` that the screens match lexicon phrases against.

    Runs of three or more identical letters become two ("killl" -> "kill"); see
    ``normalise_variants`` for the other reading ("diiiie" -> "die").
    """
    return _normalise(text)[0]


def normalise_variants(text: str) -> tuple[str, ...]:
    """All forms of ``text`` a screen should check: one form, or more when letters were stretched.

    A stretched run can stand for a single or a double letter ("diiiie" is "die", "killl" is
    "kill"), so when the text has such runs we return the form with runs cut to two first,
    then forms with runs cut to one (each stretched run alone, then all of them).
    """
    main, runs = _normalise(text)
    if not runs:
        return (main,)
    forms = [main]
    # Individual choices matter when a message mixes both kinds ("killlll myselffff"); cap the
    # number of combinations so a message full of "sooooo" stays cheap.
    runs_found = list(_DOUBLE_FROM_RUN.finditer(runs))
    if 1 < len(runs_found) <= 3:
        for m in runs_found:
            forms.append(runs[: m.start()] + m.group(1) + runs[m.end() :])
    forms.append(_DOUBLE_FROM_RUN.sub(_single, runs))
    # dict keeps order and drops duplicates ("sooo" gives the same text either way).
    # Cutting a run can reveal shorthand ("dooont" -> "dont"), so finish those forms again.
    cut = [forms[0]] + [_finish(form.replace("\x00", "")) for form in forms[1:]]
    return tuple(dict.fromkeys(cut))


# Marks where a stretched run was cut to two, so variants can cut it to one. "\x00" never occurs
# in normalised chat text (it is a control character and dropped by the space collapse below).
_DOUBLE_FROM_RUN = re.compile(r"([a-z])\1\x00")


def _single(match: re.Match[str]) -> str:
    """Cut a marked double letter to one."""
    return match.group(1)


def _mark_run(match: re.Match[str]) -> str:
    """Cut a run of 3+ letters to two and mark it."""
    ch = match.group(1)
    return ch + ch + "\x00"


# --- The gate ---------------------------------------------------------------------------------


# One Aho-Corasick pass over the lower-cased text finds everything that could need work: a
# shorthand word, a letter repeated three times, a leet character next to a letter, single
# letters spaced out, an apostrophe, a hyphen, odd whitespace. Ordinary chat has none of these
# (or only apostrophes), and then the regex steps below are skipped. One pass in C is much
# cheaper than a regex scan per step.
def _gate_keys() -> dict[str, str]:
    """Trigger strings (searched in " " + text + " ") and the step each one calls for."""
    keys: dict[str, str] = {}
    letters = string.ascii_lowercase
    for key in _SHORTHAND:
        for before in ' \n("':
            for after in " \n.,!?;:)\"'":  # "'" too: "s/h'd" is shorthand + "'d"
                keys[before + key + after] = "slow"
    for c in letters:
        keys[c * 3] = "slow"
        for leet in "013457!|@$":
            keys[leet + c] = "slow"
        for digit in "0134":
            keys[c + digit] = "slow"
        for d in letters:
            for sep in " .-*_/+~":
                keys[f" {c}{sep}{d}{sep}"] = "slow"
                keys[f" {c}{sep} {d}{sep}"] = "slow"
    for c in letters:
        keys[c + "*"] = "slow"  # a starred-out letter ("s*icide"); see starred.py
    for code in range(0x0900, 0x0980):
        keys[chr(code) + "*"] = "slow"  # and in Devanagari ("स्*साइड")
    for key in (" 2 ", " 4 ", "`"):
        keys[key] = "slow"
    # Cheap steps that do not need the full pipeline.
    for key in ("-", "_"):
        keys[key] = "hyphen"
    for key in ("  ", "\n", "\t", "\r"):
        keys[key] = "space"
    keys["'"] = "apostrophe"
    return keys


def _build_gate() -> ahocorasick.Automaton:
    """The automaton of trigger strings, each tagged with the step it calls for."""
    gate = ahocorasick.Automaton()
    for key, kind in _gate_keys().items():
        gate.add_word(key, kind)
    gate.make_automaton()
    return gate


_GATE = _build_gate()


def _normalise(text: str) -> tuple[str, str]:
    """Normalise; also return the marked form (stretched runs flagged) or "" when there were none."""
    # ("सु1साइड": a digit inside a Devanagari word is a star, read with the starred words below.)
    text = text.lower() if text.isascii() else deva_restar(_fold_unicode(text))
    kinds = {kind for _, kind in _GATE.iter(" " + text + " ")}
    if not kinds:
        return text.strip(), ""
    if "slow" not in kinds:
        if "apostrophe" in kinds:
            text = _spell_out_apostrophes(text)
        if "hyphen" in kinds:
            # A hyphen can hide shorthand ("wanna-die"), so take the word-level steps too.
            return _finish(_join_deva_hyphens(text).translate(_HYPHENS)), ""
        if "space" in kinds:
            text = _SPACES.sub(" ", text)
            if "\n" in text:
                text = _NEWLINES.sub("\n", text)
        return text.strip(), ""
    # Leetspeak first, so shorthand and the lexicons see letters.
    if _LEET_HINT.search(text) or _LEET_TAIL.search(text):
        text = _LEET_INSIDE.sub(_unleet, text)
        text = _LEET_TAIL.sub(_unleet, text)
    # Spaced-out letters before shorthand, so "k m s" becomes "kms" and then "kill myself".
    if SPACED_HINT.search(" " + text.replace("\n", " ")):
        text = join_spaced_letters(text)
    # A Devanagari compound's hyphen first ("आत्म-ह*त्या" is one word, starred).
    if "-" in text:
        text = _join_deva_hyphens(text)
    # Starred-out letters after the spaced ones ("k*i*l*l" is spaced, "k*ll" starred).
    if "*" in text:
        text = STARRED.sub(unstar, text)
        text = DEVA_STARRED.sub(deva_unstar, text)
    if "-" in text or "_" in text:
        text = text.translate(_HYPHENS)
    if _REPEAT_HINT.search(text) and _REPEAT3.search(text):
        marked = _finish(_REPEAT3.sub(_mark_run, text))
        return marked.replace("\x00", ""), marked
    return _finish(text), ""


# A hyphen after the first part of a Devanagari compound that the lexicons write whole ("आत्म-हत्या",
# "ख़ुद-कुशी", as folded: no virama or nukta). Not every hyphen: "बचा-बचा कर" and "धीरे-धीरे" read
# as two words, as the lexicons write them.
_DEVA_HYPHEN = re.compile(r"(?<=आतम)-(?=[\u0900-\u097f])|(?<=खुद)-(?=[\u0900-\u097f])")


def _join_deva_hyphens(text: str) -> str:
    """``text`` with the hyphens inside Devanagari compounds taken out."""
    return _DEVA_HYPHEN.sub("", text)


def _finish(text: str) -> str:
    """The word-level steps: contractions, shorthand, "2"/"4", whitespace."""
    if "'" in text:
        text = _spell_out_apostrophes(text)
    if " 2 " in text:
        text = _TWO.sub(_two, text)
    if " 4 " in text:
        text = _FOUR.sub(" for ", text)
    tokens = text.split()
    if not (_SHORTHAND_TOKENS.isdisjoint(tokens) and _SHORTHAND_FIRST.isdisjoint(tokens)):
        text = _SHORTHAND_RE.sub(_expand, text)
    if "  " in text or "\t" in text or "\n" in text or "\r" in text:
        text = _SPACES.sub(" ", text)
        if "\n" in text:
            text = _NEWLINES.sub("\n", text)
    return text.strip()


def _spell_out_apostrophes(text: str) -> str:
    """Spell out contractions: "can't" -> "can not", "I'm" -> "i am", "they'd" -> "they would".

    Plain ``str.replace`` for the common forms (it runs in C); "'s" is left alone because it
    can mean "is", "has" or a possessive.
    """
    if "n't" in text:
        for short, full in _IRREGULAR_NT.items():
            if short in text:
                text = text.replace(short, full)
        text = text.replace("n't", " not")
    if "i'm" in text:
        text = text.replace("i'm", "i am")
    if "'re" in text or "'ve" in text or "'ll" in text or "'d" in text:
        text = _APOSTROPHE.sub(_apostrophe_word, text)
    return text


def _apostrophe_word(match: re.Match[str]) -> str:
    """The spelled-out word for one contraction ending, if a letter comes before it."""
    start = match.start()
    if start and match.string[start - 1].isalpha():
        return _APOSTROPHE_WORDS[match.group(1)]
    return match.group(0)


def _unleet(match: re.Match[str]) -> str:
    """Turn leet characters inside a word back into letters."""
    return match.group(0).translate(_LEET)


# A number before "kms" makes it kilometres ("2 kms chali", "5kms walk"), not "kill myself".
_KMS_AFTER_NUMBER = re.compile(r"\d(?:[.,]\d+)? ?$")


def _expand(match: re.Match[str]) -> str:
    """Replace one shorthand word with its spelled-out form."""
    word = match.group(0)
    if word == "kms" and _KMS_AFTER_NUMBER.search(match.string, 0, match.start()):
        return "km"
    return _SHORTHAND[word]


# --- Cheap pre-check support ---------------------------------------------------------------


def prefilter(text: str) -> str:
    """Lower-case ``text``, fold Unicode and collapse whitespace: the cheap part of normalising.

    The shared raw-text gate (``cogs.screening.gate``) searches this, mapped to a few character
    classes, for the ``surface_forms`` of every screen's phrases and for what the full
    normaliser would change in other ways, and skips ``normalise`` when neither occurs. That is
    the path ordinary chat takes.
    """
    text = text.lower() if text.isascii() else _fold_unicode(text)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        text = " ".join(text.split())
    return text


def _reverse_shorthand() -> dict[tuple[str, ...], list[str]]:
    """Spelled-out word sequence -> the raw spellings that normalise to it."""
    reverse: dict[tuple[str, ...], list[str]] = {}
    for raw, full in [*_SHORTHAND.items(), *_APOSTROPHE_FORMS.items(), ("2", "to"), ("4", "for")]:
        reverse.setdefault(tuple(full.split()), []).append(raw)
    return reverse


_REVERSE = _reverse_shorthand()
_REVERSE_MAX = max(len(k) for k in _REVERSE)
_REVERSE_ITEMS = list(_REVERSE.items())


def _index_reverse() -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Which ``_REVERSE_ITEMS`` can apply at a word: by their first word, and (for a phrase
    that starts inside an expansion) by any later word. ``surface_forms`` looks only at
    these instead of every entry at every position (start-up built the gate in seconds)."""
    first: dict[str, list[int]] = {}
    inner: dict[str, list[int]] = {}
    for n, (full, _) in enumerate(_REVERSE_ITEMS):
        first.setdefault(full[0], []).append(n)
        for word in dict.fromkeys(full[1:]):
            inner.setdefault(word, []).append(n)
    return first, inner


_REVERSE_FIRST, _REVERSE_INNER = _index_reverse()


def surface_forms(phrase: str, limit: int = 64) -> list[str]:
    """Raw lower-case spellings of a normalised phrase ("do not want to live" -> "dont wanna
    live", "don't want to live", ...), including the phrase itself, at most ``limit`` of them.

    Shorthand that covers more than the phrase counts too: "dont wake up" normalises to
    "do not wake up", which holds "not wake up", so "dont wake up" is a spelling of it.
    """
    words = phrase.split()
    count = len(words)
    out: list[str] = []

    def walk(i: int, parts: list[str]) -> None:
        if len(out) >= limit:
            return
        if i == count:
            out.append(" ".join(parts))
            return
        walk(i + 1, [*parts, words[i]])
        candidates = _REVERSE_FIRST.get(words[i], [])
        if i == 0 and words[0] in _REVERSE_INNER:
            candidates = sorted({*candidates, *_REVERSE_INNER[words[0]]})
        for full, raws in (_REVERSE_ITEMS[n] for n in candidates):
            n = len(full)
            if tuple(words[i : i + n]) == full:
                for raw in raws:
                    walk(i + n, [*parts, raw])
            elif i == 0 and n > 1:
                # The phrase starts inside the expansion: "not ..." inside "do not".
                for k in range(1, n):
                    if tuple(words[:k]) == full[n - k :]:
                        for raw in raws:
                            walk(k, [raw])
            if n > 1 and count - i < n and tuple(words[i:]) == full[: count - i]:
                # The phrase ends inside the expansion: "... if i" inside "if i am" ("im").
                for raw in raws:
                    walk(count, [*parts, raw])

    walk(0, [])
    # Words joined by hyphens or underscores ("self-harm", "want_to_die").
    out += [form.replace(" ", sep) for form in out if " " in form for sep in "-_"]
    return list(dict.fromkeys(out))
