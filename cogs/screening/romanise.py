"""Hindi in Devanagari, romanised the way people type Hinglish in chat (issue 15).

Two users:
- the crisis screen (``cogs.screening.other_script``): a Devanagari message that no rule of its
  own script heard is read again, romanised, against the Hinglish phrases, which cover kinds of
  language the Devanagari phrases do not yet. It asks for ``for_screen=True``: an English word
  written in Devanagari ("फिल्म", "थेरेपिस्ट") comes back spelt as in English, as the Hinglish
  context cues spell it ("film", "therapist"), not "philm", and a few Hindi words as chat spells
  them ("wali", not "vali");
- training (``bench/screen_training/multilingual_model.py``, and the CLI in
  ``bench/screen_training/romanise.py``): the Hindi rows written for Kindred, romanised as people
  really type, are extra Hinglish training rows. Training never asks for the screen's spellings, so the
  shipped model's rows are rebuilt exactly.

This is a chat spelling, not a scholarly scheme: no diacritics, no capitals, "aa"/"ee"/"oo" where
chat writes them, and seeded variation so one Hindi row can become several different Hinglish
rows.

How a word is romanised:
1. It is parsed into consonants and vowels (ड़ ढ़ as d dh, as chat writes them): every consonant without a vowel sign or a virama
   carries the inherent vowel, the schwa; anusvara and chandrabindu nasalise the vowel before
   them; visarga and avagraha are dropped.
2. Schwa deletion, the standard simple rule: the schwa at the end of a word is dropped (not in a
   one-letter word, "न" na, nor after a conjunct ending in य, र or व: "सत्य" satya, "मित्र" mitra);
   then, right to left, a schwa is dropped in the context V C _ C V, a consonant with a vowel
   before it and a single consonant with a vowel after it: "मरना" marna, "समझना" samajhna,
   "बदलना" badalna (right to left, the schwa of ल goes first, and then that of द no longer has a
   vowel after the next consonant, so it stays). A vowel nasalised by an anusvara counts as a
   consonant cluster and keeps the next schwa ("ज़िंदगी" zindagi). Compounds break the rule
   ("आत्महत्या" aatmhatya, not aatmahatya), so a short table of common words overrides it.
3. व is "w" between vowels ("दवा" dawa) and "v" elsewhere ("अलविदा" alvida); फ is "ph" before
   a vowel ("phir") and "f" before a consonant, at the end or in a word with the English ऑ/ॉ
   ("हफ्ता" hafta, "तरफ" taraf, "ऑफिस" ofis).
4. Vowel length as chat writes it: ा is "aa" only in a one-vowel word before a consonant ("रात"
   raat, "आज" aaj; an initial आ is "aa" too), otherwise "a" ("चाहता" chahta); ी and ू are "ee"
   and "oo" in the first syllable of a longer word ("जीना" jeena, "दूसरा" doosra) unless
   nasalised ("दूँगा" dunga), otherwise "i" and "u".
5. A word-final cluster ending in म or ल takes a vowel, as chat spells it ("ख़त्म" khatam,
   "जन्म" janam), except after स/श ("जिस्म" jism).

With seed 0 every word takes its usual spelling (the first variant); any other seed picks among
the common variants per word (aa/a, ee/i, oo/u, v/w, z/j, ph/f, chh/ch, a final nasal kept or dropped,
and the table's "hai"/"h", "nahi"/"nahin"/"nhi", "main"/"mai", "kya"/"kia", ...),
deterministically for a given seed and text.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["DEVANAGARI", "SCREEN_WORDS", "romanise"]

# Consonants (NFC code points; the precomposed nukta letters are decomposed before parsing).
CONSONANTS: dict[str, str] = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n",
    "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n",
    "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m",
    "य": "y", "र": "r", "ल": "l", "व": "v", "ळ": "l",
    "श": "sh", "ष": "sh", "स": "s", "ह": "h",
}  # fmt: skip
# A consonant followed by the nukta sign (U+093C).
NUKTA_CONSONANTS: dict[str, str] = {
    "क": "q", "ख": "kh", "ग": "gh", "ज": "z", "ड": "d", "ढ": "dh",  # ड़ ढ़: chat "padh", "chhod"
    "फ": "f", "य": "y", "र": "r", "न": "n", "ळ": "l",
}  # fmt: skip
# Vowel signs (matras) and independent vowels, to a vowel key rendered by _vowel().
MATRAS: dict[str, str] = {
    "ा": "aa", "ि": "i", "ी": "ii", "ु": "u", "ू": "uu", "ृ": "ri", "ॄ": "ri",
    "े": "e", "ै": "ai", "ो": "o", "ौ": "au", "ॅ": "e", "ॉ": "o", "ॆ": "e", "ॊ": "o",
}  # fmt: skip
VOWELS: dict[str, str] = {
    "अ": "a", "आ": "aa", "इ": "i", "ई": "ii", "उ": "u", "ऊ": "uu", "ऋ": "ri", "ॠ": "ri",
    "ए": "e", "ऐ": "ai", "ओ": "o", "औ": "au", "ऍ": "e", "ऑ": "o", "ऎ": "e", "ऒ": "o",
    "ऌ": "li",
}  # fmt: skip
VIRAMA, NUKTA, ANUSVARA, CHANDRABINDU = "्", "़", "ं", "ँ"
DROPPED = {"ः", "ऽ", "\u200c", "\u200d"}  # visarga, avagraha, zero-width (non-)joiner
SCHWA = "schwa"
LABIALS = {"p", "ph", "b", "bh", "m", "f"}

# Common words whose chat spelling the rules miss or which chat spells several ways; the first
# spelling is seed 0's. Keys are NFC without nukta (a nukta is stripped before the look-up).
WORDS: dict[str, tuple[str, ...]] = {
    "मैं": ("main", "mai"), "मै": ("main", "mai"), "में": ("mein", "me", "mai"),
    "हूँ": ("hoon", "hu", "hun"), "हूं": ("hoon", "hu", "hun"), "हू": ("hu", "hoon"),
    "नहीं": ("nahi", "nahin", "nhi"), "नही": ("nahi", "nhi"),
    "है": ("hai", "h"), "हैं": ("hain", "hai", "h"),
    "क्या": ("kya", "kia"), "क्यों": ("kyun", "kyu", "kyon"), "क्यूँ": ("kyun", "kyu"),
    "क्योंकि": ("kyunki", "kyuki", "kyonki"),
    "ये": ("ye", "yeh"), "यह": ("yeh", "ye"), "वो": ("vo", "wo"), "वह": ("voh", "woh", "wo"),
    "हाँ": ("haan", "han", "ha"), "हां": ("haan", "han", "ha"),
    "कर": ("kar", "kr"), "रहा": ("raha", "rha"), "रही": ("rahi", "rhi"), "रहे": ("rahe", "rhe"),
    "बहुत": ("bahut", "bohot", "bhot"), "कुछ": ("kuch", "kuchh"), "मुझे": ("mujhe", "mjhe"),
    "आत्महत्या": ("aatmhatya", "atmhatya"), "उम्र": ("umar", "umr"), "फिक्र": ("fikar", "fikr"),
    "सब्र": ("sabar", "sabr"), "जिक्र": ("zikar", "jikr"), "शुक्र": ("shukar", "shukr"),
    "कद्र": ("kadar", "kadr"), "अच्छा": ("accha", "achha", "acha"),
    "अच्छी": ("acchi", "achhi", "achi"), "अच्छे": ("acche", "achhe", "ache"),
    "माँ": ("maa", "ma"), "मां": ("maa", "ma"), "हम": ("hum", "ham"), "फर्क": ("fark", "farak"),
}  # fmt: skip

# The crisis screen's spellings (``romanise(..., for_screen=True)``), as the Hinglish phrases and
# context cues spell words. Training never uses them, so the shipped model's rows rebuild as they
# were. Keys as WORDS' keys: NFC without nukta. First, Hindi words chat spells otherwise than the
# rules above ("wala", not "vala"; "dopahar"); then English words as Hindi chat writes them in
# Devanagari, spelt back in English, as the Hinglish context cues spell them: the words that frame
# or explain a message (media, care, forms, the group, travel, MS care).
SCREEN_WORDS: dict[str, str] = {
    "वाला": "wala", "वाली": "wali", "वाले": "wale", "वालों": "walon", "दोपहर": "dopahar",
    "पहले": "pehle", "वापस": "wapas", "वजह": "wajah", "वक्त": "waqt", "वहाँ": "wahan",
    "वहां": "wahan", "कहना": "kehna", "रहना": "rehna", "बहन": "behen", "इंतजार": "intezaar",
    "फिल्म": "film", "मूवी": "movie", "सीरियल": "serial", "सिरियल": "serial",
    "हीरो": "hero", "हीरोइन": "heroine", "एपिसोड": "episode", "सीजन": "season", "शो": "show",
    "सीन": "scene", "गाना": "gaana", "सॉन्ग": "song", "न्यूज": "news",
    "आर्टिकल": "article", "रिपोर्ट": "report", "स्टडी": "study", "रिसर्च": "research",
    "वेबिनार": "webinar", "पोस्ट": "post", "वीडियो": "video", "विडियो": "video",
    "रील": "reel", "रील्स": "reels", "मीम": "meme", "जोक": "joke", "मजाक": "mazak",
    "थेरेपिस्ट": "therapist", "थैरेपिस्ट": "therapist", "थेरेपी": "therapy", "थैरेपी": "therapy",
    "काउंसलर": "counsellor", "काउन्सलर": "counsellor", "काउंसलिंग": "counselling",
    "साइकेट्रिस्ट": "psychiatrist", "साइकियाट्रिस्ट": "psychiatrist", "डॉक्टर": "doctor",
    "डाक्टर": "doctor", "डॉक्टरों": "doctors", "नर्स": "nurse", "न्यूरो": "neuro",
    "न्यूरोलॉजिस्ट": "neurologist", "फॉर्म": "form", "सर्वे": "survey",
    "क्वेश्चनेयर": "questionnaire", "प्रश्नावली": "prashnavali", "इंजेक्शन": "injection",
    "इन्फ्यूजन": "infusion", "इंफ्यूजन": "infusion", "स्टेरॉयड": "steroid", "टैबलेट": "tablet",
    "टेबलेट": "tablet", "स्ट्रिप": "strip", "एमआरआई": "MRI", "हॉस्पिटल": "hospital",
    "अस्पताल": "aspatal", "क्लिनिक": "clinic", "ब्लेड": "blade", "ग्रुप": "group",
    "मैसेज": "message", "मेसेज": "message", "स्टेटस": "status", "वॉइस": "voice", "नोट": "note",
    "कॉल": "call", "फोन": "phone", "ट्रेन": "train", "ट्रिप": "trip",
    "ऑफिस": "office", "इंश्योरेंस": "insurance", "पॉलिसी": "policy", "हेल्पलाइन": "helpline",
    "सुसाइड": "suicide", "डिप्रेशन": "depression", "सीरियस": "serious", "सीरियसली": "seriously",
    "प्लान": "plan", "बाय": "bye", "गुडबाय": "goodbye", "मैच": "match", "गेम": "game",
    "क्रिकेट": "cricket", "व्हीलचेयर": "wheelchair", "वॉकर": "walker", "कुकर": "cooker",
    "अलार्म": "alarm", "पार्टी": "party", "जिम": "gym", "मैथ्स": "maths", "एग्जाम": "exam",
    "होमवर्क": "homework", "बॉस": "boss", "मीटिंग": "meeting", "प्रोजेक्ट": "project",
    "डेडलाइन": "deadline", "वाईफाई": "wifi", "इंटरनेट": "internet", "नेटवर्क": "network",
    "बैटरी": "battery", "चार्ज": "charge", "कूलर": "cooler", "टीवी": "tv", "मोबाइल": "mobile",
    "सर्विस": "service", "बिल": "bill", "लोन": "loan", "बैंक": "bank", "केक": "cake",
    "पिज्जा": "pizza", "ट्रैफिक": "traffic", "कैब": "cab", "फ्लाइट": "flight",
    "टिकट": "ticket", "होटल": "hotel", "चैट": "chat", "लास्ट": "last", "स्क्रीनशॉट": "screenshot",
    "मीडिया": "media", "रिपोर्टिंग": "reporting", "एक्टर": "actor", "एक्ट्रेस": "actress",
}  # fmt: skip

# Chance, for a seed other than 0, that a word takes each kind of variant.
FLIP_LENGTH = 0.3  # aa <-> a, ee <-> i, oo <-> u for one vowel
FLIP_V = 0.5  # v <-> w, per word
FLIP_CHH = 0.4  # chh -> ch, per word
FLIP_Z = 0.3  # z -> j, per word
FLIP_PH = 0.5  # ph -> f, per word
FLIP_NUKTA = 0.5  # q -> k, gh (nukta) -> g, per word
DROP_NASAL = 0.3  # a word-final nasal dropped

DIGITS = {chr(0x0966 + i): str(i) for i in range(10)}
PUNCT = {"।": ".", "॥": ".", "॰": "."}
# A word: Devanagari letters and signs, without the danda, digits and abbreviation sign.
WORD = re.compile("[\u0900-\u0963\u0971-\u097f\u200c\u200d]+")
DEVANAGARI = re.compile("[\u0900-\u097f]")


@dataclass
class Seg:
    """One consonant or vowel of a word; `vowel` is set for a vowel, `cons` for a consonant."""

    cons: str = ""
    vowel: str = ""
    nasal: str = ""  # "" or ANUSVARA or CHANDRABINDU, on a vowel
    independent: bool = False  # a vowel letter rather than a sign or the schwa
    nukta: bool = False


def _parse(word: str) -> list[Seg]:
    segs: list[Seg] = []
    chars = unicodedata.normalize("NFD", word)  # क़ -> क + nukta
    i = 0
    while i < len(chars):
        ch = chars[i]
        if ch in CONSONANTS:
            nukta = i + 1 < len(chars) and chars[i + 1] == NUKTA
            i += 2 if nukta else 1
            segs.append(Seg(cons=ch, nukta=nukta))
            nxt = chars[i] if i < len(chars) else ""
            if nxt in MATRAS:
                segs.append(Seg(vowel=MATRAS[nxt]))
                i += 1
            elif nxt == VIRAMA:
                i += 1
            else:
                segs.append(Seg(vowel=SCHWA))
            continue
        if ch in VOWELS:
            segs.append(Seg(vowel=VOWELS[ch], independent=True))
        elif ch in (ANUSVARA, CHANDRABINDU) and segs and segs[-1].vowel:
            segs[-1].nasal = ch
        elif ch in MATRAS:  # a stray sign with no consonant: keep its vowel
            segs.append(Seg(vowel=MATRAS[ch]))
        i += 1  # anything else (visarga, avagraha, joiners, a stray nukta) is dropped
    return segs


def _delete_schwas(segs: list[Seg]) -> list[Seg]:
    if (
        len(segs) > 2
        and segs[-1].vowel == SCHWA
        and not segs[-1].nasal
        and not (segs[-3].cons and segs[-2].cons in {"य", "र", "व"})
    ):
        segs = segs[:-1]
    for k in range(len(segs) - 3, 1, -1):  # right to left: V C _ C V
        s = segs[k]
        if s.vowel != SCHWA or s.nasal:
            continue
        before, cons, nxt, after = segs[k - 2], segs[k - 1], segs[k + 1], segs[k + 2]
        if cons.cons and before.vowel and before.nasal != ANUSVARA and nxt.cons and after.vowel:
            segs = segs[:k] + segs[k + 1 :]
    return segs


class _Choices:
    """Seed 0 always takes the usual spelling; another seed flips a coin per variable point."""

    def __init__(self, seed: int, text: str) -> None:
        self.rng = random.Random(f"{seed}\x00{text}") if seed else None

    def flip(self, chance: float) -> bool:
        return self.rng is not None and self.rng.random() < chance

    def pick(self, options: tuple[str, ...]) -> str:
        return self.rng.choice(options) if self.rng is not None else options[0]


def _vowel(segs: list[Seg], k: int, n_vowels: int, first: bool, choose: _Choices) -> str:
    s = segs[k]
    key, prev = s.vowel, segs[k - 1] if k else None
    after_vowel = prev is not None and bool(prev.vowel)
    closed = (
        k + 1 < len(segs)
        and segs[k + 1].cons != ""
        and (k + 2 >= len(segs) or not segs[k + 2].vowel)
    )
    if key == SCHWA or key == "a":
        return "a"
    if key == "aa":
        long = (s.independent and k == 0) or (n_vowels == 1 and closed)
        if k < len(segs) - 1:  # a final "aa" is emphasis in chat, not a spelling
            long ^= choose.flip(FLIP_LENGTH)
        return "aa" if long else "a"
    if key in ("ii", "uu"):
        short = key[0]
        if s.independent and after_vowel:  # "dawai", "koi" but "gayi", "nayi"
            if key == "uu":
                return "u"
            return "yi" if prev is not None and prev.vowel == SCHWA else "i"
        final = k == len(segs) - 1
        long = (first and not final and not s.nasal and n_vowels > 1) or (n_vowels == 1 and closed)
        long ^= choose.flip(FLIP_LENGTH)
        return {"ii": "ee", "uu": "oo"}[key] if long else short
    if key == "e" and s.independent and after_vowel:
        return "ye"
    return key


def _nasal(segs: list[Seg], k: int, choose: _Choices) -> str:
    if k + 1 < len(segs):
        nxt = segs[k + 1]
        if nxt.cons:
            return "m" if _consonant(nxt) in LABIALS and segs[k].nasal == ANUSVARA else "n"
        return "n"
    return "" if choose.flip(DROP_NASAL) else "n"


def _consonant(s: Seg) -> str:
    return NUKTA_CONSONANTS.get(s.cons, CONSONANTS[s.cons]) if s.nukta else CONSONANTS[s.cons]


def _key(word: str) -> str:
    """A word as WORDS and SCREEN_WORDS key it: NFC, without nukta."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", word).replace(NUKTA, ""))


def _word(word: str, choose: _Choices) -> str:
    key = _key(word)
    if key in WORDS:
        return choose.pick(WORDS[key])
    segs = _delete_schwas(_parse(word))
    n_vowels = sum(1 for s in segs if s.vowel)
    first_vowel = next((k for k, s in enumerate(segs) if s.vowel), -1)
    english = "ॉ" in word or "ऑ" in word  # a loanword: its फ is an f
    out: list[str] = []
    for k, s in enumerate(segs):
        if s.vowel:
            out.append(_vowel(segs, k, n_vowels, k == first_vowel, choose))
            if s.nasal:
                out.append(_nasal(segs, k, choose))
            continue
        nxt = segs[k + 1] if k + 1 < len(segs) else None
        prev = segs[k - 1] if k else None
        if s.cons == "च" and nxt is not None and nxt.cons in ("च", "छ"):
            out.append("c")  # च्च, च्छ: "bacche", "iccha"
            continue
        if s.cons == "छ" and prev is not None and prev.cons == "च":
            out.append("ch")
            continue
        if s.cons == "व" and prev is not None and prev.vowel and nxt is not None and nxt.vowel:
            out.append("w")  # between vowels: "dawa", "hawa", "jawab"; else "vo", "alvida"
            continue
        if s.cons == "फ" and not s.nukta and (nxt is None or not nxt.vowel or english):
            out.append("f")  # "taraf", "hafta", "shift", "ofis" but "phir", "phal"
            continue
        out.append(_consonant(s))
        final_cluster = k == len(segs) - 1 and k > 0 and segs[k - 1].cons
        if final_cluster and s.cons in ("म", "ल") and segs[k - 1].cons not in ("स", "श", "ष"):
            out.insert(len(out) - 1, "a")  # khatam, janam, asal
    text = "".join(out)
    if ("v" in text or "w" in text) and choose.flip(FLIP_V):
        text = text.translate(str.maketrans("vw", "wv"))
    if "chh" in text and choose.flip(FLIP_CHH):
        text = text.replace("chh", "ch")
    if "z" in text and choose.flip(FLIP_Z):
        text = text.replace("z", "j")
    if "ph" in text and choose.flip(FLIP_PH):
        text = text.replace("ph", "f")
    if any(s.nukta and s.cons in ("क", "ग") for s in segs) and choose.flip(FLIP_NUKTA):
        text = text.replace("q", "k").replace("gh", "g")
    return text


def romanise(text: str, *, seed: int = 0, for_screen: bool = False) -> str:
    """Devanagari in `text` as chat Hinglish; Latin words, emoji and the rest left as they are.
    ``for_screen``: the words in SCREEN_WORDS (English loanwords among them) spelt as there."""
    choose = _Choices(seed, text)

    def word(m: re.Match[str]) -> str:
        if for_screen:
            spelt = SCREEN_WORDS.get(_key(m.group(0)))
            if spelt:
                return spelt
        return _word(m.group(0), choose)

    out = WORD.sub(word, text)
    out = "".join(DIGITS.get(ch) or PUNCT.get(ch) or ch for ch in out)
    return DEVANAGARI.sub("", out)  # any sign left alone (a stray virama) carries no sound
