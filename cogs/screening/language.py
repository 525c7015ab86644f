"""A cheap guess at whether a message is English, for the screening model's gate.

The screening model was trained on English: on Spanish, Hindi and Hinglish it raises alerts on
a large share of harmless messages (see ../shared/docs/SCREEN_MODEL.md). So it runs on English
text only, and the lexicon alone judges everything else. The guess has two parts:

- script: a text with Devanagari in it, or whose letters are mostly outside the Latin alphabet
  (any other script the model never saw), is not English;
- function words: a Latin-script text with Spanish or Hinglish function words (a Spanish
  accent or "¿"/"¡" counts too) and no English one, or with at least two and more of them than
  English ones, is not English ("no quiero seguir. punto.", "kuch nahi hota yaar").

Only common function words count, never words that are also English ("me", "no", "main",
"to", "par"), so a sentence with a stray foreign word and English around it stays English. A
mixed message goes to whichever side has more function words; when in doubt the answer is
English. Before a lone foreign word with no English one counted, 20 of the 2,761 rows written
in Spanish and Hinglish for Kindred went to the English model ("no quiero seguir. punto.",
"Llevaba dos años sin cortarme y anoche recaí.", "m@rna h bas"); on the English development
files no row changed side (3 of 7,526 background and toxicity rows did: "hell yeh dude").

A text that goes to the English model but has two or more foreign function words is
``code_switched`` ("i dont want to live anymore yaar, bas ho gaya"): the English model was not
trained on such text, so it may not veto a rule's alert there (multilingual_model.ByLanguage).

So Spanish, Hindi and Hinglish messages are judged by the crisis lexicon's rules alone (written
for them: config/crisis_lexicon.toml, measured by bench/eval_multilingual.py), and a
code-switched message with as much English as anything else gets both the rules and the model.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["HINGLISH_WORDS", "code_switched", "latin_language", "looks_english"]

_WORD = re.compile(r"[a-zñáéíóúü]+")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
# "¿" and "¡" open Spanish questions and exclamations; English never uses them.
_SPANISH_MARKS = ("¿", "¡")


def _words(text: str) -> frozenset[str]:
    """A word list written as running text (easier to read and edit than a list literal)."""
    return frozenset(text.split())


ENGLISH_WORDS = _words(
    """
    about after again all am an and any anyone anymore are as at be because been before being
    but by can cant could did didnt do does doesnt dont down feel for from get got had has have
    he her here him his how i if im in into is isnt it its ive just know like more my myself
    not now of off on one only or our out over really she should so some still than that the
    their them then there these they think this those to today tonight too up us very want was
    we were what when where which who why will with wont would you your youre
    """
)

SPANISH_WORDS = _words(
    """
    al algo alguien ahora ahorita así aquí bien cada como cómo con cuando cuándo cuál de del desde
    donde dónde el ella ellos en entonces es esa ese eso esta está estaba estar estoy este esto
    fue gracias había hace hasta hay hoy jaja la las le les lo los mañana mas más mejor mi mis
    mucho muy nada nadie ni nomás nunca otra otro para pero poco porque por puedo que qué quiero
    se sería siento soy su sus también tengo tiene toda todas todos tu tú un una voy vamos ya
    todo quiero kiero quería mientras verdad ganas siempre daño solo sólo mija dice habla ultimamente
    últimamente pa xq
    """
)

HINGLISH_WORDS = _words(
    """
    aaj aap abhi accha acha achha apna apne apni aur bahut bas bhai bhi bohot chahiye diya ek gaya
    gayi hai hain haan hoga hogi hona hoon hota hoti hua hui jaata jaati jab kaise kal kar
    karna karo karun karungi karunga ka ke ki kiya kisi ko koi kuch kya kyu kyun lagta lagti liya
    matlab mein mera meri mujhe mujhse nahi nahin nhi phir raha rahe rahi sab sakta sakti se
    sirf tha thi toh tum unhe usko uski wala wale wali yaar yeh ye
    hu hun bs yr mn krta krti kr rha rhi lunga lungi mere bina pe sabko nai baar soch sochta
    sochti mai kaash dekh lena khush zyada sach yahi kitne jaldi duniya raat subah
    ne maine bola boli bole baad jaa mujhko tujhe tera teri tere humko unka uska iska kab kahan
    yahan wahan lekin agar jaise pehle saath liye kyunki isliye wapas jeena bhagwan bhagwaan
    utha mjhe bhot bss pta lgta gya gyi kch sch mainu tainu naal reha
    padha padhi padhe dekha dekhi dekhe suna suni
    """
)

_FOREIGN_WORDS = SPANISH_WORDS | HINGLISH_WORDS


def _latin_script(text: str) -> bool:
    """No Devanagari, and at least as many Latin letters as letters of other scripts."""
    if _DEVANAGARI.search(text):
        return False  # Hindi, Marathi, Nepali: even one Devanagari word makes it mixed at best
    latin = other = 0
    for char in text:
        if char.isalpha():
            if char < "\u0250":  # Basic Latin up to Latin Extended-B (accents included)
                latin += 1
            else:
                other += 1
    return latin >= other  # else another script the model never saw


def looks_english(text: str) -> bool:
    """Is ``text`` (probably) English? Pure and cheap: one pass for script, one regex for words."""
    if not text.isascii() and not _latin_script(text):
        return False
    lowered = text.lower()
    words = _WORD.findall(lowered)
    foreign = _foreign_words(words)
    foreign += 2 * any(mark in text for mark in _SPANISH_MARKS)
    foreign += sum(1 for c in lowered if c in _SPANISH_LETTERS)
    if foreign == 0:
        return True
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    if english == 0:
        return False  # "no quiero seguir. punto.": foreign words and not one English one
    return foreign < 2 or foreign <= english


def code_switched(text: str) -> bool:
    """Two or more Spanish or Hinglish function words in a text, English or not."""
    return _foreign_words(_WORD.findall(text.lower())) >= 2


def _foreign_words(words: list[str]) -> int:
    return sum(1 for w in words if w in _FOREIGN_WORDS)


_SPANISH_LETTERS = frozenset("ñáéíóú")


@lru_cache(maxsize=256)
def latin_language(text: str) -> str | None:
    """Spanish or Hinglish, for a Latin-script text that is not English (the multilingual crisis
    model has a bar for each): "es" or "hinglish" by which function words it has more of, with
    "¿", "¡" and Spanish accents counting for Spanish; None when they tie. On the 2,140 Spanish
    and Hinglish rows written for Kindred it is wrong on none and unsure on 12, most of them
    English ("thank u guys for everything") or emoji; before "ne", "maine", "bola", "baad" and
    the third line of Hinglish words were added it was wrong on 5 (guessed Spanish: "le",
    "de", "ni") and unsure on 21. Those words were chosen while reading those misses. The verbs
    of reading, seeing and hearing ("news me suicide case padha") made 187 of 15,622 written
    and fresh-set rows unsure, not 189, and none more wrong (5). Cached:
    the crisis screen asks it for each "me" in a message (context.postposition_me), the model
    gate and the other-script check once more."""
    lowered = text.lower()
    words = _WORD.findall(lowered)
    spanish = sum(1 for w in words if w in SPANISH_WORDS)
    spanish += 2 * any(mark in text for mark in _SPANISH_MARKS)
    spanish += sum(1 for c in lowered if c in _SPANISH_LETTERS)
    hinglish = sum(1 for w in words if w in HINGLISH_WORDS)
    if spanish == hinglish:
        return None
    return "es" if spanish > hinglish else "hinglish"
