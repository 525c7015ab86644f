"""The chat romaniser for Hindi (bench/screen_training/romanise.py, issue 15): words and
sentences with the spelling seed 0 gives, the properties every seed keeps (no Devanagari left,
ASCII letters only, the same output for the same seed), and the CLI that turns the Hindi rows of
a JSONL file into Hinglish rows in the same fold group.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.screen_training.romanise import main, romanise, romanise_rows

WORDS = {
    # The brief's examples.
    "ज़िंदगी": "zindagi",
    "आत्महत्या": "aatmhatya",
    "गोलियाँ": "goliyan",
    "अलविदा": "alvida",
    "डिप्रेशन": "dipreshan",
    # Schwa deletion: at the end of a word and in V C _ C V, right to left.
    "मर": "mar",
    "मरना": "marna",
    "समझना": "samajhna",
    "बदलना": "badalna",
    "समझ": "samajh",
    "अपना": "apna",
    "घरवाले": "gharvale",
    "मुझसे": "mujhse",
    "सोचती": "sochti",
    "न": "na",
    "सत्य": "satya",
    "मित्र": "mitra",
    "ज़िन्दगी": "zindagi",
    "हँसना": "hansna",
    # A final cluster in म or ल takes a vowel, not after स.
    "ख़त्म": "khatam",
    "खत्म": "khatam",
    "जन्म": "janam",
    "जिस्म": "jism",
    # Vowel length.
    "रात": "raat",
    "आज": "aaj",
    "चाहता": "chahta",
    "जीना": "jeena",
    "ठीक": "theek",
    "खून": "khoon",
    "दूसरा": "doosra",
    "दूँगा": "dunga",
    "महीनों": "mahinon",
    "इंसान": "insan",
    # Vowels after vowels, nasals.
    "गई": "gayi",
    "कोई": "koi",
    "भाई": "bhai",
    "दवाइयाँ": "dawaiyan",
    "जाएँ": "jayen",
    "चाहिए": "chahiye",
    "कहीं": "kahin",
    "संभल": "sambhal",
    # Nukta letters, ड़, visarga, ऋ, conjuncts.
    "वक़्त": "vaqt",
    "ग़म": "gham",
    "फ़ोन": "fon",
    "छोड़": "chhod",
    "पढ़": "padh",
    "दुःख": "dukh",
    "ऋषि": "rishi",
    "कृपया": "kripya",
    "बच्चे": "bacche",
    "चिट्ठी": "chitthi",
    "इकट्ठी": "ikatthi",
    "प्रणाम": "pranam",
    "ज़्यादा": "zyada",
    # व: w between vowels, v elsewhere.
    "दवा": "dawa",
    "जवाब": "jawab",
    "वो": "vo",
    "वाला": "vala",
    "हम": "hum",
    # फ: ph before a vowel, f otherwise and in English words.
    "फिर": "phir",
    "हफ्ता": "hafta",
    "तरफ": "taraf",
    "ऑफिस": "ofis",
    # The table of common words.
    "मैं": "main",
    "हूँ": "hoon",
    "नहीं": "nahi",
    "क्या": "kya",
    "क्योंकि": "kyunki",
    "माँ": "maa",
}

SENTENCES = {
    "मैं मरना चाहता हूँ": "main marna chahta hoon",
    "मुझे जीना नहीं है": "mujhe jeena nahi hai",
    "सब ख़त्म कर दूँगा": "sab khatam kar dunga",
    "कल रात": "kal raat",
    "आज रात सब एक साथ खा लूँगी, बस अब और नहीं।": "aaj raat sab ek saath kha lungi, bas ab aur nahi.",
    "मन करता है खुद को खत्म कर लूँ।": "man karta hai khud ko khatam kar lun.",
    "ये बीमारी सब कुछ ले गई।": "ye beemari sab kuch le gayi.",
    "खुदकुशी का ख्याल बार बार आता है": "khudkushi ka khyaal baar baar aata hai",
    "किससे बात करूँ समझ नहीं आता": "kisse baat karun samajh nahi aata",
    "२०१८ में मैंने कोशिश की थी": "2018 mein mainne koshish ki thi",
    "इस गर्मी में AC के बिना MS वालों का क्या हाल होता है": "is garmi mein AC ke bina MS valon ka kya haal hota hai",
    "आज की धूप ने तो जान निकाल दी 😓": "aaj ki dhoop ne to jaan nikal di 😓",
    "घर आते-आते पैर जवाब दे गए।": "ghar aate-aate pair jawab de gaye.",
}

VARIABLE = "मैं सच में नहीं जानता कि क्या करूँ, ज़िंदगी बहुत भारी है और मैं अब थक गया हूँ।"


@pytest.mark.parametrize(("hindi", "chat"), WORDS.items())
def test_words(hindi: str, chat: str) -> None:
    assert romanise(hindi) == chat


@pytest.mark.parametrize(("hindi", "chat"), SENTENCES.items())
def test_sentences(hindi: str, chat: str) -> None:
    assert romanise(hindi) == chat


def test_enough_examples() -> None:
    assert len(WORDS) >= 40
    assert len(SENTENCES) >= 10


@pytest.mark.parametrize("seed", range(8))
def test_devanagari_becomes_ascii_letters(seed: int) -> None:
    for hindi in [*WORDS, *SENTENCES, VARIABLE]:
        chat = romanise(hindi, seed=seed)
        assert not re.search("[\u0900-\u097f]", chat), (hindi, chat)
        letters = [ch for ch in chat if ch.isalpha()]
        hindi_latin = [ch for ch in hindi if ch.isascii() and ch.isalpha()]
        assert all(ch.isascii() for ch in letters), (hindi, chat)
        # Only the Latin letters the input already had are capitals.
        assert sum(ch.isupper() for ch in letters) == sum(ch.isupper() for ch in hindi_latin)


def test_every_letter_and_sign_is_romanised() -> None:
    every = "".join(chr(c) for c in range(0x0900, 0x0980))
    chat = romanise(every)
    assert not re.search("[\u0900-\u097f]", chat)
    assert chat.isascii()


def test_latin_and_emoji_untouched() -> None:
    text = "ocrelizumab 💊 MS, wheelchair!"
    assert romanise(text) == text
    assert romanise(text, seed=5) == text


def test_same_seed_same_output() -> None:
    for seed in range(5):
        assert romanise(VARIABLE, seed=seed) == romanise(VARIABLE, seed=seed)


def test_seeds_give_different_spellings() -> None:
    seed0, seed1 = romanise(VARIABLE, seed=0), romanise(VARIABLE, seed=1)
    assert seed0 != seed1
    assert len({romanise(VARIABLE, seed=s) for s in range(10)}) >= 5
    # The variation is spelling only: the words stay the same words.
    assert len(seed1.split()) == len(seed0.split())


def test_variants_come_from_the_common_spellings() -> None:
    seen = {romanise("नहीं है", seed=s) for s in range(40)}
    assert {w for text in seen for w in text.split()} <= {"nahi", "nahin", "nhi", "hai", "h"}
    assert "nhi h" in seen or "nahin h" in seen or "nahi h" in seen


def _rows() -> list[dict[str, object]]:
    return [
        {"id": "w-es-0001", "group": "es-g001", "text": "me quiero morir", "lang": "es",
         "level": "urgent", "category": "ideation", "source": "written for Kindred"},
        {"id": "w-hi-0001", "group": "hi-g001", "text": "मैं मरना चाहता हूँ।", "lang": "hi",
         "level": "urgent", "category": "ideation", "source": "written for Kindred"},
        {"id": "w-hi-0002", "group": "hi-g002", "text": "आज की धूप ने तो जान निकाल दी", "lang": "hi",
         "level": "none", "category": "idiom", "source": "written for Kindred"},
    ]  # fmt: skip


def test_rows_keep_group_level_and_category() -> None:
    out = romanise_rows(_rows())
    assert [row["id"] for row in out] == ["w-hi-0001-r", "w-hi-0002-r"]
    assert out[0] == {
        "id": "w-hi-0001-r",
        "group": "hi-g001",
        "text": "main marna chahta hoon.",
        "lang": "hinglish",
        "level": "urgent",
        "category": "ideation",
        "source": "romanised from w-hi-0001",
    }
    assert [row["id"] for row in romanise_rows(_rows(), seed=3)] == ["w-hi-0001-r3", "w-hi-0002-r3"]


def test_cli(tmp_path: Path) -> None:
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _rows()), "utf-8")
    assert main([str(src), str(dst)]) == 0
    out = [json.loads(line) for line in dst.read_text("utf-8").splitlines()]
    assert out == romanise_rows(_rows())
    assert all(row["lang"] == "hinglish" for row in out)
