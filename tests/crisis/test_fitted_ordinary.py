"""The rules fitted on the multilingual development file (ids "ml_*", "mlb_*"), on everyday
sentences that share their words: a coffee just drunk, vegetables being cut, a relief that
Friday is near, a lift to the hospital, a day away from home.

The fitted rules were written from rows of that file, so the file cannot show what they do on
anything else. Sentences written for these tests (none comes from ../shared/data): the first
list must still raise an alert, the second must not.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen, Level


@pytest.fixture(scope="module")
def screen() -> CrisisScreen:
    return CrisisScreen.load_default()


STILL_ALERTS = [
    # taking everything, just now (Spanish, Hindi, Hinglish)
    "me acabo de tomar todas las pastillas",
    "me acabo de tomar un frasco entero de pastillas",
    "me tomé la caja entera de clonazepam, perdón",
    "पूरी शीशी दवाई की पी ली",
    "saari goliyan kha li maine",
    "नींद की गोलियां निगल ली",
    # cutting or burning oneself, now
    "kalai pe blade se kaat rahi hoon abhi",
    "haath kaat raha hoon, khoon ruk nahi raha",
    "मैं अपना हाथ काट रही हूं",
    "खुद को जला रहा हूं सिगरेट से",
    # others would be better off
    "si yo no estuviera, todos estarían mejor",
    "estarían mejor sin mí, lo sé",
    "main na hota toh sab khush rehte",
    "मेरे बिना सब खुश रहेंगे",
    # asking to be taken
    "que me lleve dios de una vez",
    "bhagwan utha le mujhe",
    "ऊपर वाले, बुला ले मुझे",
    "sería un alivio no despertar mañana",
    "no me molestaría que me atropellara un carro",
    "no me molestaría que me diera un infarto mientras duermo",
    "si esta recaída fuera cáncer, sería un alivio, de verdad",
    "kaash koi bimari hi le jaaye mujhe jaldi",
    "si no estuviera yo, mis hijos tendrían vida",
    "me acabo de tomar una caja de pregabalina",
    # not being here any more
    "jab main nahi rahungi tab samjhoge",
    "ya no voy a estar para nadie, adiós",
    "ये मेरा आखिरी संदेश है, सबको प्यार",
]

ORDINARY = [
    # drinking, taking the morning pill, a whole bottle of juice
    "me acabo de tomar un café bien rico",
    "me acabo de tomar la pastilla de la mañana, ya me siento mejor",
    "me acabo de tomar un frasco entero de jugo jaja",
    # cooking
    "sabzi kaat rahi hoon, baad me baat karti hoon",
    "pyaaz kaat raha hoon, aankh me paani aa gaya",
    "मैं सब्ज़ी काट रही हूं, बाद में फ़ोन करती हूं",
    "दीया जला रही हूं, आज दिवाली है",
    # better off, said of something else
    "estaríamos mejor sin mi suegra aquí jaja",
    "si yo no estuviera tan cansada iría a la fiesta",
    "main na hota toh yeh project kabhi complete nahi hota",
    # a lift, a relief, a call
    "que me lleve el doctor a la cita mañana, porfa",
    "le pedí a mi hermana que me lleve al hospital",
    "sería un alivio que ya llegue el viernes",
    "no me molestaría que me llames más tarde",
    "mummy mujhe bula lo na party me",
    "koi mujhe market le jaaye please",
    # a day away
    "main nahi rahungi kal ghar pe, shaadi me jaa rahi hoon",
    "ya no voy a estar en la reunión del jueves, tengo cita",
    # a last day at work (a rule written from knowledge of Hindi, mk_hi_goodbye)
    "ये मेरा आखिरी दिन है ऑफिस में, कल से नई नौकरी",
]


@pytest.mark.parametrize("text", STILL_ALERTS)
def test_still_an_alert(screen: CrisisScreen, text: str) -> None:
    verdict = screen.screen(text)
    assert verdict.level >= Level.CONCERN, (text, verdict)


@pytest.mark.parametrize("text", ORDINARY)
def test_everyday_words_are_not_an_alert(screen: CrisisScreen, text: str) -> None:
    verdict = screen.screen(text)
    assert verdict.level < Level.CONCERN, (text, verdict)
