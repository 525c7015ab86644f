"""Chat Hinglish read back as Hindi in Devanagari (issue 15).

The multilingual crisis model reads Hindi in Devanagari far better than Hindi typed in Latin
letters: chat spelling has no standard ("marna", "maarna", "mrna"; "nahi", "nhi", "ni") and
e5's tokenizer breaks such words into pieces that carry little meaning. ``to_devanagari`` gives
the model a second view of a Hinglish message: each Latin word that is Hindi becomes its most
likely Devanagari word; English words, names the table does not know, emoji, digits and
punctuation stay as they are.

How a word is read (the table, ``hinglish_words.tsv``, is built by
``bench/screen_training/hinglish_table.py`` from the e5 vocabulary's whole Devanagari words and
the Hindi catalogues, each romanised every way ``romanise.py`` spells it):

1. the hand-written table below (the commonest function words, where chat is most varied and a
   wrong guess costs the most);
2. the exact chat spelling (``s`` rows: every spelling romanise.py gives, most frequent word);
3. a spelling-insensitive key (``k`` rows: ``fold``: vowel length, doubled letters, w/v, z/j,
   ph/f, q/k, chh/ch and a final nasal or "h" folded);
4. the consonant skeleton (``c`` rows: ``skeleton``: the folded key without its vowels, except
   a first or last one, for "mrna", "zndgi", "bht").

English: a word in the table's English list (``e`` rows, common words of English chat) stays
Latin unless the hand table or an exact chat spelling also claims it; such a word ("to", "me",
"is", "main", "man", "hi") follows the message: Hindi when the message has more words that are
only Hindi than words that are only English, else English.

Pure standard library; the table is read once, on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["TABLE_FILE", "Table", "fold", "load_table", "skeleton", "spell", "to_devanagari"]

TABLE_FILE = Path(__file__).with_name("hinglish_words.tsv")

# The commonest function words: chat spells them many ways and they decide how a sentence reads.
# "main"/"mai" are the subject मैं (far the commoner in chat); "mein"/"me"/"mei" the postposition.
FUNCTION_WORDS: dict[str, str] = {
    "main": "मैं", "mai": "मैं", "mein": "में", "me": "में", "mei": "में", "mujhe": "मुझे",
    "mjhe": "मुझे", "mujhse": "मुझसे", "mera": "मेरा", "meri": "मेरी", "mere": "मेरे",
    "hai": "है", "h": "है", "he": "है", "hain": "हैं", "hein": "हैं",
    "hu": "हूँ", "hoon": "हूँ", "hun": "हूँ", "hoo": "हूँ",
    "nahi": "नहीं", "nahin": "नहीं", "nhi": "नहीं", "ni": "नहीं", "nai": "नहीं", "nahiin": "नहीं",
    "na": "न", "mat": "मत", "kya": "क्या", "kia": "क्या", "kyu": "क्यों", "kyun": "क्यों",
    "kyon": "क्यों", "kyunki": "क्योंकि", "kyuki": "क्योंकि", "kyonki": "क्योंकि",
    "ko": "को", "ka": "का", "ki": "की", "ke": "के", "se": "से", "par": "पर", "pe": "पे",
    "to": "तो", "toh": "तो", "bhi": "भी", "aur": "और", "or": "और", "ho": "हो", "hi": "ही",
    "tha": "था", "thi": "थी", "the": "थे", "thaa": "था",
    "ye": "ये", "yeh": "यह", "yah": "यह", "vo": "वो", "wo": "वो", "woh": "वह", "voh": "वह",
    "is": "इस", "us": "उस", "in": "इन", "un": "उन", "isko": "इसको", "usko": "उसको",
    "kuch": "कुछ", "kuchh": "कुछ", "sab": "सब", "bas": "बस", "bs": "बस", "yaar": "यार",
    "yr": "यार", "ab": "अब", "abhi": "अभी", "kar": "कर", "kr": "कर", "karna": "करना",
    "krna": "करना", "raha": "रहा", "rha": "रहा", "rahi": "रही", "rhi": "रही", "rahe": "रहे",
    "rhe": "रहे", "gaya": "गया", "gya": "गया", "gayi": "गई", "gyi": "गई", "gai": "गई",
    "hoga": "होगा", "hogi": "होगी", "tum": "तुम", "tu": "तू", "aap": "आप", "ap": "आप",
    "hum": "हम", "ham": "हम", "kaise": "कैसे", "kese": "कैसे", "kab": "कब", "jab": "जब",
    "tab": "तब", "agar": "अगर", "lekin": "लेकिन", "phir": "फिर", "fir": "फिर",
    "bahut": "बहुत", "bohot": "बहुत", "bhot": "बहुत", "bht": "बहुत", "bohat": "बहुत",
    "accha": "अच्छा", "acha": "अच्छा", "achha": "अच्छा", "theek": "ठीक", "thik": "ठीक",
    "haan": "हाँ", "han": "हाँ", "koi": "कोई", "kisi": "किसी", "ek": "एक", "do": "दो",
    "so": "सो", "aaj": "आज", "kal": "कल", "raat": "रात", "din": "दिन", "ghar": "घर",
    "sirf": "सिर्फ", "zyada": "ज़्यादा", "jyada": "ज़्यादा", "matlab": "मतलब",
}  # fmt: skip

_LATIN_WORD = re.compile(r"[A-Za-z]+")
_RUN = re.compile(r"(.)\1{2,}")  # a letter stretched three or more times ("nahiii")
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = frozenset("aeiouy")


def _squeeze(word: str) -> str:
    return _RUN.sub(r"\1", word.lower())


def fold(word: str) -> str:
    """A spelling-insensitive key for a chat-spelled Hindi word (lower-case Latin letters)."""
    w = _squeeze(word)
    for a, b in (("chh", "ch"), ("ph", "f"), ("w", "v"), ("z", "j"), ("q", "k"), ("x", "ks"),
                 ("ck", "k"), ("ee", "i"), ("oo", "u"), ("aa", "a")):  # fmt: skip
        w = w.replace(a, b)
    w = _DOUBLE.sub(r"\1", w)
    if len(w) > 2 and w[-1] in "nh" and w[-2] in _VOWELS:  # "nahin", "hain", "yeh"
        w = w[:-1]
    return w


def skeleton(word: str) -> str:
    """The folded key without its vowels, but for a first or a last one ("mrna", "zndgi")."""
    w = fold(word)
    if len(w) < 3:
        return w
    inner = "".join(c for c in w[1:-1] if c not in _VOWELS)
    return w[0] + inner + w[-1]


# Letter rules for a word the table does not know ("sochta", "karunga"): consonants and vowels
# read longest first; a vowel after a consonant is its sign, elsewhere its letter.
_CONSONANTS: dict[str, str] = {
    "cch": "च्छ", "chh": "छ", "ch": "च", "kh": "ख", "gh": "घ", "jh": "झ", "th": "थ", "dh": "ध", "ph": "फ",
    "bh": "भ", "sh": "श", "k": "क", "g": "ग", "j": "ज", "t": "त", "d": "द", "n": "न",
    "p": "प", "f": "फ़", "b": "ब", "m": "म", "y": "य", "r": "र", "l": "ल", "v": "व",
    "w": "व", "s": "स", "h": "ह", "z": "ज़", "q": "क़", "c": "क", "x": "क्स",
}  # fmt: skip
_VOWEL_LETTERS: dict[str, tuple[str, str]] = {  # (letter, sign)
    "aa": ("आ", "ा"), "ai": ("ऐ", "ै"), "au": ("औ", "ौ"), "ee": ("ई", "ी"), "ii": ("ई", "ी"),
    "oo": ("ऊ", "ू"), "a": ("अ", ""), "i": ("इ", "ि"), "u": ("उ", "ु"), "e": ("ए", "े"),
    "o": ("ओ", "ो"),
}  # fmt: skip
_UNITS = sorted([*_CONSONANTS, *_VOWEL_LETTERS], key=len, reverse=True)
_VIRAMA, _ANUSVARA = "्", "ं"
_LONG_FINAL = {"a": "aa", "i": "ee", "u": "oo"}  # chat's final a, i, u are long


def _units(word: str) -> list[str]:
    out, i = [], 0
    while i < len(word):
        unit = next((u for u in _UNITS if word.startswith(u, i)), word[i])
        out.append(unit)
        i += len(unit)
    return out


def spell(word: str) -> str:
    """A lower-case Latin word in Devanagari by letter rules (no table): a consonant followed by
    another keeps its schwa unwritten ("marna" मरना), except a doubled one, one before "y" and a
    word-final pair, which join (पक्का, क्या, दर्द); "n"/"m" between a vowel and a consonant is
    the anusvara (ज़िंदगी); a final "n" after i, e, ai or u too (नहिं, करुं); "iyan" is याँ."""
    w = _squeeze(word)
    plural = w.endswith("yan") and len(w) > 4
    if plural:
        w = w[:-2]
    units = _units(w)
    if units and units[-1] in _LONG_FINAL and len(units) > 1:
        units[-1] = _LONG_FINAL[units[-1]]
    out: list[str] = []
    for k, u in enumerate(units):
        prev = units[k - 1] if k else ""
        nxt = units[k + 1] if k + 1 < len(units) else ""
        if u in _VOWEL_LETTERS:
            letter, sign = _VOWEL_LETTERS[u]
            out.append(sign if prev in _CONSONANTS else letter)
            continue
        if u not in _CONSONANTS:
            out.append(u)
            continue
        if u in ("n", "m") and prev in _VOWEL_LETTERS and nxt in _CONSONANTS and nxt != u:
            out.append(_ANUSVARA)
            continue
        if u == "n" and not nxt and prev in ("i", "e", "ai", "u") and k > 1:
            out.append(_ANUSVARA)
            continue
        out.append(_CONSONANTS[u])
        final_pair = k == len(units) - 2 and nxt in _CONSONANTS and prev in _VOWEL_LETTERS
        if nxt in _CONSONANTS and (nxt == u or nxt == "y" or final_pair):
            out.append(_VIRAMA)
    if plural:
        out.append("ाँ")
    return "".join(out)


@dataclass(frozen=True)
class Table:
    spelling: dict[str, str]  # exact chat spelling -> Devanagari
    key: dict[str, str]  # fold() -> Devanagari
    skel: dict[str, str]  # skeleton() -> Devanagari
    english: frozenset[str]


def load_table(path: Path = TABLE_FILE) -> Table:
    """The table file: one ``tier<TAB>key<TAB>word`` row a line (tier s, k, c or e)."""
    tiers: dict[str, dict[str, str]] = {"s": {}, "k": {}, "c": {}}
    english: set[str] = set()
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            tier, key, word = line.rstrip("\n").split("\t")
            if tier == "e":
                english.add(key)
            else:
                tiers[tier][key] = word
    return Table(tiers["s"], tiers["k"], tiers["c"], frozenset(english))


@cache
def _table() -> Table:
    return load_table()


# Words the crisis screen's reading (``exact_only``) takes as read although the table only guesses
# them: the rules' context cues turn on them ("10 saal pehle": a recovered past). Not in the
# model's reading, whose training rows were read without them.
SCREEN_READINGS: dict[str, str] = {"pehle": "पहले", "pahle": "पहले", "phle": "पहले"}


def _hindi(table: Table, w: str) -> tuple[str | None, bool]:
    """(Devanagari for ``w`` or None, whether the match is exact: hand table or chat spelling).
    The skeleton is tried only for a word written without inner vowels ("mrna", "bht"): for a
    word with its vowels, the letter rules (``spell``) guess better than the nearest skeleton."""
    if w in FUNCTION_WORDS:
        return FUNCTION_WORDS[w], True
    if w in table.spelling:
        return table.spelling[w], True
    if len(w) < 2:
        return None, False
    found = table.key.get(fold(w))
    if found is None and len(w) > 2 and not _VOWELS.intersection(w[1:-1]):
        found = table.skel.get(skeleton(w))
    return found, False


def to_devanagari(text: str, table: Table | None = None, *, exact_only: bool = False) -> str:
    """``text`` with its chat-spelled Hindi words in Devanagari; the rest left as it is.
    ``exact_only`` (the crisis screen's reading, ``other_script``): only words the hand table
    or a chat spelling reads; no spelling-insensitive key, skeleton or letter rules, which
    also turn English words the table does not know into Devanagari ("eczema", "itching")."""
    table = table or _table()
    words = _LATIN_WORD.findall(text)
    if not words:
        return text
    reading: dict[str, str | None] = {}
    follow: dict[str, str] = {}  # read as Hindi only when the message is mostly Hindi
    hindi_votes = english_votes = 0
    for raw in {w.lower() for w in words}:
        w = _squeeze(raw)
        found, exact = _hindi(table, w)
        if exact_only and not exact:
            found = SCREEN_READINGS.get(w)
        if w in table.english or raw == "i":
            if found is not None and exact:
                follow[raw] = found
            else:
                english_votes += 1
            found = None
        elif found is not None:
            hindi_votes += 1
        elif len(w) > 1 and w.isascii() and not exact_only:
            follow[raw] = spell(w)  # a word nobody listed: the letter rules
        reading[raw] = found
    if hindi_votes > english_votes:
        reading.update(follow)

    def swap(m: re.Match[str]) -> str:
        return reading.get(m.group(0).lower()) or m.group(0)

    return _LATIN_WORD.sub(swap, text)
