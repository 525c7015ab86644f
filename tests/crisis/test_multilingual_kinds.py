"""Kinds of crisis language in Spanish, Hindi (Devanagari) and Hinglish, and the spellings people
use for them, on sentences written for these tests (none comes from ../shared/data).

Each kind has sentences that must raise an alert and look-alikes that must not: exasperation and
love idioms, negations, and ordinary news. The spelling variants (cogs/crisis/multilingual.py)
let one lexicon phrase match the many ways romanised Hindi and chat Spanish are written.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen, Level
from cogs.crisis.multilingual import MAX_VARIANTS, VARIANTS, spelling_variants

ALERTS = [
    # Spanish: reflexive infinitives say who on their own
    "a veces pienso en matarme cuando la fatiga no me deja ni caminar",
    "ultimamente solo pienso en suicidarme",
    "tengo ganas de morirme, en serio",
    "ya no quiero estar aqui, no puedo mas con esto",
    "quiero dejar de existir",
    "a veces pienso acabar conmigo",
    "tengo ganas de acabar conmigo misma",
    "preferiria estar muerta que seguir asi",
    # Spanish: ways of dying by their verb, means gathered, goodbyes
    "voy a ahorcarme",
    "hoy me voy a aventar del puente",
    "llevo semanas juntando pastillas",
    "este es mi ultimo mensaje, gracias a todos",
    "cuiden a mi perrita por favor, ya no me van a ver",
    # Spanish: burden
    "nadie me extrañaría si desaparezco",
    "solo soy un estorbo para mi familia",
    # Spanish: someone else
    "mi hermano dijo que se iba a matar y no contesta",
    # Hindi: wanting death to come, ending oneself, means and places, goodbyes, burden
    "बस अब मौत आ जाए",
    "मैं खुद को खत्म कर देना चाहता हूं",
    "अब और नहीं जी सकती",
    "घर में सल्फास रखा है, आज रात खा लूंगा",
    "मेरे जाने के बाद बच्चों का ख्याल रखना",
    "मेरी वजह से सब परेशान हैं, मैं बस बोझ हूं",
    # Hinglish, in several spellings
    "bas maut aa jaaye yaar",
    "khud ko khatam kar dena chahta hoon",
    "maarna chahta hu",
    "mrna chahti hun",
    "khudkhushi kr lunga aaj",
    "sulphas le aaya hoon",
    "train ke aage kood jaunga kal",
    "mere jaane ke baad mummy ka khayal rakhna",
    "kisi ko farak nahi padega agar main na rahun",
    "I'm so done, life khatam kar dun kya",
]

NOT_ALERTS = [
    # "acabar conmigo" said of something else is hyperbole; "terminar conmigo" alone a break-up
    "Me muero de calor, este verano va a acabar conmigo jaja",
    "esta fatiga va a acabar conmigo",
    "mi novio quiere terminar conmigo",
    # exasperation and love
    "mar gaya yaar, aaj itna kaam tha",
    "मर गया यार, इतनी गर्मी",
    "physio ke baad jaan nikal gayi",
    "इस सीढ़ी ने तो मार डाला",
    "marne ki fursat nahi hai is hafte",
    "tere liye jaan de dunga bhai",
    "me mato trabajando toda la semana",
    "estoy muerta de cansancio despues de la resonancia",
    "me muero por verlos el sabado",
    "me quiero morir de la verguenza jaja",
    # negations
    "no quiero morirme, quiero que me ayuden con el dolor",
    "nunca pensaria en matarme, tengo a mis hijos",
    "marna nahi chahta, bas thak gaya hoon",
    # ordinary news and chat
    "mi perrita se llama Luna y es muy traviesa",
    "आज डॉक्टर के पास जाना है",
    "kal train se Delhi ja rahi hoon",
]


@pytest.mark.parametrize("text", ALERTS)
def test_kinds_of_crisis_language_raise_an_alert(screen: CrisisScreen, text: str) -> None:
    verdict = screen.screen(text)
    assert verdict.level >= Level.CONCERN, (text, verdict)


@pytest.mark.parametrize("text", NOT_ALERTS)
def test_idioms_negations_and_chat_do_not(screen: CrisisScreen, text: str) -> None:
    verdict = screen.screen(text)
    assert verdict.level < Level.CONCERN, (text, verdict)


def test_means_named_with_a_time_is_urgent(screen: CrisisScreen) -> None:
    assert screen.screen("voy a ahorcarme esta noche").level is Level.URGENT
    assert screen.screen("sulphas le aaya hoon, aaj raat").level is Level.URGENT


def test_spelling_variants_expand_hinglish_and_spanish_words() -> None:
    forms = spelling_variants("marna chahta hoon")
    assert forms[0] == "marna chahta hoon"
    assert {"maarna chahta hoon", "marna chahata hoon", "marna chahta hu"} <= set(forms)
    assert "kiero morir" in spelling_variants("quiero morir")
    assert "suisidarme" in spelling_variants("suicidarme")
    assert spelling_variants("khudkushi*")[1].endswith("*")


def test_english_phrases_are_never_expanded() -> None:
    for phrase in ("i want to die", "kill myself tonight", "the man on the train", "to me"):
        assert spelling_variants(phrase) == [phrase]
    assert not {"man", "to", "main", "me", "the", "rat", "chat", "k"} & VARIANTS.keys()


def test_variants_are_capped() -> None:
    forms = spelling_variants("kaash main mar jaun aaj raat sab khatam kar dunga")
    assert len(forms) == MAX_VARIANTS
    # the words take turns, so the first ones do not use up the cap
    assert {"kash", "maar"} <= {w for f in forms for w in f.split()}
