"""All of a supply taken at once (issue 15, thirteenth pass).

"dawai mahine ke liye mili hai, aaj raat saari ek saath kha lungi" screened none, model and rules:
the month's supply beside it read as a routine, and no rule knew "all of it at once" with the
pills named elsewhere in the message. A whole strip swallowed, all the pills at once, "me las tomé
todas de golpe" are a plan or an overdose; all the day's pills taken, a missed dose made up, a
question about dosing, sweets or a family meal eaten together, and beers downed are not.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen
from cogs.crisis.lexicon import Level

URGENT = [
    "dawai mahine ke liye mili hai, aaj raat saari ek saath kha lungi",
    "saari goliyan ek saath le lungi, bas bahut ho gaya",
    "neend ki goliyon ka poora patta ek saath kha liya",
    "poora patta kha liya hai abhi, chakkar aa rahe hain",
    "आज रात सारी गोलियां एक साथ खा लूंगी",
    "me voy a tomar el frasco entero de golpe",
    "me las tomé todas de golpe, perdón",
    "hoy me tomo todas de una y ya",
    "estaba en la fiesta y me tomé todas las pastillas que traía",
]

NOT_ALERTS = [
    "मैंने अभी सारी गोलियाँ खा ली हैं, सुबह वाली भी और दोपहर वाली भी",
    "maine saari mithai ek saath kha li 😂",
    "mithai thi, saari ek saath kha li",
    "sab ek saath khana khayenge aaj raat",
    "subah ki goli bhool gayi thi, to saari ek saath le li shaam ko",
    "kya saari goliyan ek saath le sakte hai kya?",
    "doctor ne kaha saari dawai ek saath mat lena",
    "sab tablets ek saath rakh di dabbe mein",
    "me tomé todas las chelas",
    "anoche me tomé todas las cervezas que había jaja",
    "me las tomé todas de golpe, eran chelas jaja",
    "se me olvidó la de la mañana y me tomé todas juntas en la noche",
    "¿me puedo tomar todas juntas o las separo?",
    "guardo todas mis pastillas juntas en un pastillero",
]


@pytest.mark.parametrize("text", URGENT)
def test_urgent(screen: CrisisScreen, text: str) -> None:
    assert screen.screen(text).level is Level.URGENT, screen.screen(text)


@pytest.mark.parametrize("text", NOT_ALERTS)
def test_not_an_alert(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert, screen.screen(text)


def test_a_beer_with_the_pills_is_no_drink_of_all_of_them(screen: CrisisScreen) -> None:
    # The drink must be what "todas" were, not what the pills went down with.
    assert screen.screen("me tomé todas las pastillas con una cerveza").level is Level.URGENT
    assert "es_self_harm_now_unless" in screen.screen("me tomé todas las chelas").rules
