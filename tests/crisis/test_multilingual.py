"""The crisis screen in Spanish, Hindi (Devanagari) and Hinglish, on sentences written for
these tests (none comes from ../shared/data): crisis language is flagged; negations, idioms,
recovered pasts and ordinary chat are not. Only the rules judge these: the learned screen
reads English only.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen, Level
from cogs.screening.language import looks_english
from cogs.screening.normalise import normalise

URGENT = [
    # Spanish: a plan, a time, means, a goodbye
    "voy a suicidarme esta noche",
    "Me voy a quitar la vida hoy, ya lo decidí",
    "ya tengo las pastillas, adiós a todos",
    "me estoy cortando ahorita y no puedo parar",
    # Hindi (Devanagari), with and without nukta and nasal marks
    "मैं आज रात खुद को मार लूंगा",
    "मैं आज रात खुद को मार लुंगा",
    "सारी गोलियां खा लूंगी, सबको अलविदा",
    "ज़हर खा लूँगा कल",
    # Hinglish, several romanisations
    "main aaj raat suicide kar lunga",
    "aaj raat khudkushi kar lungi, alvida",
    "sab khatam kar dungi aaj, mujhe maaf kar dena",
    "goliyan kha lunga abhi",
]

CONCERN_OR_MORE = [
    "quiero morir",
    "a veces pienso en matarme",
    "ya no quiero vivir con esta fatiga",
    "ojalá no despertar mañana... perdón",
    "mi familia estaría mejor sin mí",
    "me corto cuando nadie me ve",
    "मैं मरना चाहती हूं",
    "मुझे खुदकुशी के ख्याल आते हैं",
    "जीना नहीं चाहता अब",
    # a burden with no wish not to be here is a watch (issue 15, fourth pass): with one, an alert
    "मैं सब पर बोझ बन गया हूं, मेरे बिना सब खुश रहेंगे",
    "marna chahta hoon yaar",
    "khudkhushi ke khayal aa rahe hain",
    "jeene ka mann nahi karta",
    "kaash main mar jaun",
    "honestly I keep thinking about matarme",
    "mere dost ne bola wo suicide karna chahta hai",
]

NOT_AN_ALERT = [
    # negations
    "no quiero morir, solo estoy cansada",
    "nunca pensaría en suicidarme",
    "मैं मरना नहीं चाहता",
    "मैं मरना नहीं चाहती, बस थक गई हूं",
    "marna nahi chahta, bas thak gaya hoon",
    "khudkushi nahi karunga, promise",
    # idioms
    "me muero de calor en este verano",
    "me quiero morir de vergüenza jaja",
    "me muero de risa con este grupo",
    "mar gaya yaar, itni garmi hai",
    "jaan nikal gayi aaj physio mein",
    "garmi se mar jaunga aaj",
    "गर्मी से मर जाऊंगा आज",
    # recovered pasts
    "hace años pensaba en suicidarme, ahora estoy bien",
    "saal pehle marna chahti thi, ab theek hoon",
    # ordinary chat
    "hoy tengo cita con la neuróloga",
    "aaj physio ke baad bahut thakan hai",
    "आज मौसम अच्छा है",
    "las pastillas nuevas me dan sueño",
]


@pytest.mark.parametrize("text", URGENT)
def test_plans_means_and_goodbyes_are_urgent(screen: CrisisScreen, text: str) -> None:
    assert screen.screen(text).level is Level.URGENT, screen.screen(text)


@pytest.mark.parametrize("text", CONCERN_OR_MORE)
def test_thoughts_wishes_and_self_harm_are_alerts(screen: CrisisScreen, text: str) -> None:
    assert screen.screen(text).level >= Level.CONCERN, screen.screen(text)


@pytest.mark.parametrize("text", NOT_AN_ALERT)
def test_negations_idioms_and_pasts_are_not_alerts(screen: CrisisScreen, text: str) -> None:
    assert screen.screen(text).level < Level.CONCERN, screen.screen(text)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ज़िंदगी", "जिंदगी"),  # nukta
        ("नहीं", "नही"),  # anusvara, long i
        ("हूँ", "हूं"),  # chandrabindu, anusvara
        ("जीना", "जिना"),  # long and short i
        ("आत्महत्या", "आतमहतया"),  # halant
        ("suicidarmé", "suicidarme"),  # Spanish accents
    ],
)
def test_spelling_variants_normalise_alike(one: str, other: str) -> None:
    assert normalise(one) == normalise(other)


def test_the_danda_ends_a_sentence() -> None:
    assert normalise("ठीक हूं। चलो") == normalise("ठीक हूं. चलो")


def test_devanagari_words_match_whole_words_only(screen: CrisisScreen) -> None:
    # "खुदकुशी" is a signal; a longer word that starts with it is not the same word.
    assert screen.screen("मुझे खुदकुशी के ख्याल आते हैं").level >= Level.CONCERN
    assert screen.screen("खुदकुशीवाला शो देखा").level is Level.NONE


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("quiero morir, ya no aguanto", False),
        ("marna chahta hoon yaar, kuch nahi hota", False),
        ("मैं मरना चाहती हूं", False),
        ("honestly I keep thinking about matarme, I can't do this", True),
    ],
)
def test_only_english_and_mostly_english_text_reaches_the_model(text: str, english: bool) -> None:
    # The model is English-only; the rules above judge every message, so code-switched text
    # that is mostly English gets both.
    assert looks_english(text) is english
