"""Kinds of crisis language from a tenth pass in Hindi, Hinglish and Spanish (issue 15), each
beside the everyday sentence that shares its words.

How high a fall, how many milligrams or pills it would take, with death or not surviving as the
outcome (not the oxygen at a height, nor a daily vitamin); death as a rest, a relief or what seems
right (not sleep as a rest, nor a grandmother's death that was a relief to her); oneself taken out
of the world (not feeling apart from it). And the readings that keep such words quiet: wanting to
disappear for a few days is a getaway; asking whether all one's pills may be taken together is a
question about a routine; a rope brought home for the washing, in Devanagari too.

Every sentence was written for these tests; none comes from ../shared/data or the written rows.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen, Level

ALERTS = [
    # how much it would take, with death as the outcome
    "kitni height se girne pe insaan bachta nahi, koi jaanta hai?",
    "kitne floor se girke insaan mar jaata hai",
    "इंटरनेट पर देखा कि कितनी गोलियों से जान जाती है",
    "busqué cuántos miligramos hacen falta para no despertar",
    # death as a rest or a relief
    "morirme sería un descanso",
    "la muerte sería un alivio para todos",
    "जियूँ या मरूँ, कोई फ़र्क नहीं पड़ता, मरना ही ठीक लगता है",
    # oneself out of the world
    "MS ne sab cheen liya, ab main khud ko is duniya se cheen lunga",
    # disappearing for good; the pills taken; a rope with a time
    "gayab ho jana chahti hoon hamesha ke liye",
    "sab dawaiyan ek saath le li hain",
    "रस्सी ले आया हूँ, आज रात",
]

NOT_ALERTS = [
    "kitni height pe Leh mein oxygen kam hoti hai? trip plan kar rahe hain",
    "kitni manzil se girne pe haddi toot jaati hai",
    "इंटरनेट पर देखा कि विटामिन डी की कितनी गोलियाँ लेनी चाहिए",
    "busqué cuántos miligramos de vitamina D toman ustedes",
    "dormir sería un descanso",
    "la muerte de mi abuela fue un alivio para ella, sufría mucho",
    "मरना ठीक नहीं, बच्चों के लिए जीना है",
    "kabhi kabhi khud ko duniya se alag mehsoos karti hoon",
    "gayab ho jaana chahta hoon kuch din ke liye, pahadon mein, phone off karke",
    "sab dawaiyan ek saath le sakte hain kya subah? ya gap rakhna chahiye",
    "रस्सी ले आया हूँ, बालकनी में कपड़े सुखाने के लिए",
]


@pytest.mark.parametrize("text", ALERTS)
def test_an_alert(screen: CrisisScreen, text: str) -> None:
    verdict = screen.screen(text)
    assert verdict.level >= Level.CONCERN, (text, verdict.rules)


@pytest.mark.parametrize("text", NOT_ALERTS)
def test_not_an_alert(screen: CrisisScreen, text: str) -> None:
    verdict = screen.screen(text)
    assert verdict.level < Level.CONCERN, (text, verdict.rules)
