"""The cheap language guess that keeps the English-only screening model off other languages.

Sentences are invented here; when ../shared/data is present, its files measure the guess too.
"""

from __future__ import annotations

import json

import pytest

from cogs.screening.language import (
    ENGLISH_WORDS,
    HINGLISH_WORDS,
    SPANISH_WORDS,
    latin_language,
    looks_english,
)
from tests.shared_data import DATA

ENGLISH = [
    "had a good day today, legs behaved for once",
    "I don't want to be here anymore",
    "my neuro said the new lesion is small, so that's something",
    "lol same",
    "",
    "🙂🙂",
    "Tysabri day 💉",
    "café con leche and a nap, that's my plan",  # two Spanish words in an English sentence
    "the main thing is you came to the group, ek step at a time",  # one Hinglish word
    "mi amigo from Texas says hi",
    "Naïve me thought the fatigue would pass by noon",
]
SPANISH = [
    "ya no aguanto más, quiero que todo se acabe",
    "¿alguien más tiene fatiga hoy?",
    "estoy cansada de luchar, de todo",
    "mi familia estaría mejor sin mí",
    "no quiero estar aquí",
]
HINGLISH = [
    "ab kuch bhi kar lo, koi fark nahi padta",
    "thak gayi hoon har cheez se, sab se",
    "mujhe kuch feel hi nahi hota ab",
    "honestly yaar ab jeene ka mann nahi hai, kuch bhi accha nahi lagta",
]
OTHER_SCRIPTS = [
    "मुझे अब जीना नहीं है",
    "आज किसी और का भी Ocrevus infusion है?",  # one Devanagari word is enough
    "Мне очень плохо сегодня",
    "今日はとても疲れた",
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_is_english(text: str) -> None:
    assert looks_english(text)


@pytest.mark.parametrize("text", SPANISH + HINGLISH)
def test_mostly_spanish_or_hinglish_function_words_is_not_english(text: str) -> None:
    assert not looks_english(text)


@pytest.mark.parametrize("text", OTHER_SCRIPTS)
def test_devanagari_or_another_script_is_not_english(text: str) -> None:
    assert not looks_english(text)


def test_no_function_word_counts_for_two_languages() -> None:
    assert not ENGLISH_WORDS & (SPANISH_WORDS | HINGLISH_WORDS)


def test_an_evenly_mixed_message_counts_as_english_so_both_stages_read_it() -> None:
    assert looks_english("honestly I want to die yaar, ye spasms ab bardasht nahi hote")


def _rows(name: str) -> list[dict[str, str]]:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_on_the_multilingual_file_nearly_nothing_passes_as_english() -> None:
    rows = _rows("multilingual_crisis_dev.jsonl")
    passed = [r for r in rows if looks_english(r["text"])]
    assert not [r for r in passed if r["lang"] == "hi"]
    assert len(passed) <= 0.05 * len(rows)


@pytest.mark.parametrize(
    "name",
    [
        "ms_crisis_dev.jsonl",
        "ms_crisis_dev_more.jsonl",
        "ms_crisis_dev_hard.jsonl",
        "external/background_chat_goemotions.jsonl",
    ],
)
def test_on_english_files_nearly_everything_is_english(name: str) -> None:
    rows = _rows(name)
    missed = [r for r in rows if not looks_english(r["text"])]
    assert len(missed) <= 0.001 * len(rows)


@pytest.mark.parametrize(
    "text",
    [
        "kiero desaparecer pa siempre",
        "todo me da igual ultimamente",
        "yr sach me mrne ka mn krta h",
        "mrna hai mujhe, bs",
        "har raat dua karti hu ki subah na ho",
    ],
)
def test_chat_spellings_of_spanish_and_hinglish_are_not_english(text: str) -> None:
    assert not looks_english(text)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("ya no quiero seguir con esto", "es"),
        ("nadie me entiende, estoy cansada de todo", "es"),
        ("¿y si mañana no despierto?", "es"),
        ("me siento fatal hoy", "es"),  # "me" and "hoy": the accentless chat still counts
        ("mujhe kuch samajh nahi aa raha yaar", "hinglish"),
        ("sab khatam ho gaya hai ab", "hinglish"),
        ("bas ab aur nahi hota mujhse", "hinglish"),
        ("k m s", None),  # no word of either: unsure
        # Spanish-looking words ("le", "de", "me", "ni") beside Hindi ones ("ne", "maine",
        # "bola", "baad", "utha"): these were guessed Spanish, and met the Spanish bar
        ("mummy ne bola khana kha le, maine bola baad me", "hinglish"),
        ("bhagwan ab utha le, bas itna hi", "hinglish"),
        ("papa ne de diya sab, ab wapas le lo", "hinglish"),
        ("mjhe ni pta kya hoga, bhot dar lgta h", "hinglish"),
        # read, seen: "news me" is then the postposition, not the writer (twenty-second pass)
        ("news me suicide case padha, sad", "hinglish"),
        ("reel me dekha, sad", "hinglish"),
        # and Spanish stays Spanish
        ("ni modo, le dije que mañana", "es"),
        ("me da miedo que se enoje, ni le hablo", "es"),
    ],
)
def test_spanish_and_hinglish_are_told_apart_for_the_models_bars(
    text: str, wanted: str | None
) -> None:
    assert latin_language(text) == wanted


@pytest.mark.parametrize(
    "text",
    [
        "no quiero seguir. punto.",  # one Spanish function word, not one English word
        "Llevaba dos años sin cortarme y anoche recaí.",  # Spanish letters
        "m@rna h bas",
    ],
)
def test_a_short_message_with_no_english_word_is_not_english(text: str) -> None:
    assert not looks_english(text)


@pytest.mark.parametrize("text", ["café with friends", "namaste everyone", "kms", "I love tacos"])
def test_a_stray_foreign_word_among_english_stays_english(text: str) -> None:
    assert looks_english(text)
