"""Chat Hinglish read back as Devanagari (cogs/screening/hinglish.py).

The sentences are invented here. Expected words are compared after ``normalise()``, which folds
nukta, nasal marks and long i/u: chat spelling cannot tell them apart, and neither need we.
"""

from __future__ import annotations

import time

import pytest

from cogs.screening.hinglish import (
    FUNCTION_WORDS,
    TABLE_FILE,
    fold,
    load_table,
    skeleton,
    spell,
    to_devanagari,
)
from cogs.screening.normalise import normalise

SENTENCES = [
    ("main bahut thak gaya hoon", "मैं बहुत थक गया हूँ"),
    ("mujhe ab jeena nahi hai", "मुझे अब जीना नहीं है"),
    ("aaj raat sab khatam kar dunga", "आज रात सब ख़त्म कर दूँगा"),
    ("main suicide kar lunga", "मैं suicide कर लूँगा"),
    ("kal doctor ke paas gayi thi, sab theek hai 🙂", "कल doctor के पास गई थी, सब ठीक है 🙂"),
    ("zindagi se pareshan ho gaya hu yaar", "ज़िंदगी से परेशान हो गया हूँ यार"),
    ("mrna chahta hu", "मरना चाहता हूँ"),
    ("nhi yr bs thodi thakaan hai", "नहीं यार बस थोड़ी थकान है"),
    ("goliyan kha lungi aaj, alvida", "गोलियाँ खा लूँगी आज, अलविदा"),
    ("meri MS ki dawai khatam ho gayi", "मेरी MS की दवाई ख़त्म हो गई"),
    ("2 din se so nahi payi!!", "2 दिन से सो नहीं पायी!!"),
    ("maa ko mat batana please", "माँ को मत बताना please"),
    ("koi fayda nahi jeene ka", "कोई फ़ायदा नहीं जीने का"),
    ("mar gaya yaar, itni garmi hai", "मर गया यार, इतनी गर्मी है"),
]

ENGLISH = [
    "I feel so tired today",
    "the main thing is to rest",
    "had a good day, legs behaved for once 💪",
    "",
    "🙂 123 !!",
]


def _same(got: str, want: str) -> bool:
    return normalise(got) == normalise(want)


def test_the_table_loads_with_every_tier() -> None:
    assert TABLE_FILE.stat().st_size < 2_000_000
    table = load_table()
    assert len(table.spelling) > 5_000
    assert len(table.key) > 2_000
    assert len(table.skel) > 2_000
    assert {"the", "feel", "tired", "today"} <= table.english
    assert all(not any("a" <= c <= "z" for c in word) for word in table.spelling.values())


@pytest.mark.parametrize(("text", "want"), SENTENCES)
def test_hinglish_sentences_read_back_as_hindi(text: str, want: str) -> None:
    got = to_devanagari(text)
    assert _same(got, want), got


@pytest.mark.parametrize("text", ENGLISH)
def test_english_emoji_digits_and_punctuation_stay_as_they_are(text: str) -> None:
    assert to_devanagari(text) == text


def test_an_ambiguous_word_follows_the_message() -> None:
    """The words "main", "to", "is" are English in an English sentence and Hindi in a Hindi one."""
    assert to_devanagari("is it the main road") == "is it the main road"
    assert _same(to_devanagari("main to ab thak gayi hu"), "मैं तो अब थक गई हूँ")


def test_chat_spellings_share_a_key() -> None:
    assert fold("maarna") == fold("marna")
    assert fold("zindagi") == fold("jindagee")
    assert fold("nahin") == fold("nahi")
    assert skeleton("zindagi") == skeleton("zndgi")
    assert skeleton("marna") == "mrna"


def test_the_letter_rules_spell_an_unlisted_word() -> None:
    assert spell("sochta") == "सोचता"
    assert spell("pakka") == "पक्का"
    assert spell("dard") == "दर्द"
    assert _same(spell("karunga"), "करूँगा")


def test_every_function_word_is_devanagari() -> None:
    for latin, word in FUNCTION_WORDS.items():
        assert latin.isascii()
        assert latin.islower()
        assert all("\u0900" <= c <= "\u097f" for c in word), latin


def test_it_is_cheap_enough_to_run_on_every_hinglish_message() -> None:
    to_devanagari("warm up the table")
    text = "yaar main bahut thak gayi hu, kuch samajh nahi aa raha, sab khatam karna chahti hu"
    start = time.perf_counter()
    for _ in range(200):
        to_devanagari(text)
    assert (time.perf_counter() - start) / 200 < 0.005  # 5 ms a message, generous on a busy box
