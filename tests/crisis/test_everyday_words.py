"""Crisis language in Spanish, Hindi and Hinglish said with everyday words, and the everyday
sentences that share those words.

"Voy a hacerlo", "voy a tirarme", "me voy a aventar", "acabar con todo", "quiero morirme",
"kaat rahi hoon", "que me lleve" and "ये मेरा आखिरी" are how people say they will end their life
or hurt themselves, and also how they say they will do their homework, lie down, dare to sing,
finish the cake, die of laughter, cut vegetables, get a lift to the doctor or start a new job.
Part of it covers the rules fitted on the multilingual development file (ids "ml_*", "mlb_*"):
they were written from its rows, so that file cannot show what they do on anything else.

Sentences written for these tests (none comes from ../shared/data): STILL_ALERTS must raise an
alert, EVERYDAY must not.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen, Level

STILL_ALERTS = [
    # --- Spanish plans said with everyday verbs
    # "hacerlo" beside the means, a goodbye or death itself
    "ya decidí hacerlo, tengo las pastillas guardadas",
    "voy a hacerlo esta noche, perdónenme todos",
    "pienso hacerlo pronto, ya no quiero vivir",
    "estoy por hacerlo, ya escribí la carta",
    # ending it all, with nothing after it, or "this"
    "ya no puedo más, quiero acabar con todo",
    "voy a terminar con todo esto hoy",
    "estoy pensando en acabar con todo.",
    # throwing oneself from a height or in front of a train
    "me voy a tirar del puente",
    "voy a tirarme de la azotea",
    "me voy a tirar al tren mañana temprano",
    "me voy a aventar del edificio",
    # killing oneself, said with "matar"
    "me voy a matar",
    "esta noche me voy a matar, ya no aguanto",
    "hoy me voy a quitar la vida",
    # wishing to die now, and dying in one's sleep without old age
    "quiero morirme, ya no aguanto el dolor",
    "solo quiero dormirme y no despertar",
    "quiero morirme dormida esta noche",
    # ready, with the pills, saying goodbye
    "ya tengo las pastillas, esta noche lo hago",
    "tengo todo listo, perdónenme",
    "me tomé todas las pastillas que tenía",
    "este es mi último mensaje, gracias por todo",
    # --- no tomorrow, with sleep only as the way
    "kal ka suraj nahi dekhunga, aaj raat sab khatam",
    "aisi neend soungi ki kal ki subah nahi dekhungi",
    # --- wanting to be finished, all to end, asking God for death, self-damage, pills gathered
    "mujhe khatam ho jana hai",
    "itna dard hai, bas khatam ho jaye sab",
    "बस सब खत्म हो जाए, अब और नहीं सहा जाता",
    "main har roz bhagwan se maut maangti hoon",
    "मैं हर रोज़ भगवान से मौत मांगती हूं",
    "apne aap ko nuksaan pahunchati hoon taaki dard kam ho",
    "kal raat phir se haath pe blade chalaya",
    "pankhe se latakne ka khayal aata hai",
    "estoy juntando las pastillas del clonazepam",
    "no aguanto más, quiero que todo se acabe",
    # --- kinds the fitted rules were written for
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

EVERYDAY = [
    # --- Spanish everyday verbs
    # doing it: homework, a course, an appointment
    "voy a hacerlo mañana, el proyecto ya casi está",
    "ya decidí hacerlo, me inscribo al curso de pintura",
    "pienso hacerlo el lunes con mi neuróloga",
    "estoy por hacerlo, ya tengo la cita",
    # finishing all of something
    "voy a acabar con todo el pastel jaja",
    "hoy voy a terminar con todo el papeleo del seguro",
    "quiero acabar con todos los pendientes antes del viernes",
    # lying down, sleeping, daring
    "voy a tirarme a dormir un rato",
    "me voy a tirar en el sillón toda la tarde",
    "me voy a tirar al sillón a ver la serie",
    "voy a lanzarme con el negocio de tamales",
    "me voy a aventar a cantar en la fiesta",
    "me voy a aventar un taco de pastor",
    # "matar" of time and of other things
    "voy a matar el tiempo leyendo",
    "me voy a matar estudiando para el examen",
    # dying of laughter, and an old age far away
    "quiero morirme de risa con esa serie",
    "cuando sea viejita quiero morirme dormida",
    "de viejo quiero morir en paz, rodeado de mis nietos",
    # the day's dose, a trip, an infusion, the last message of the day
    "ya tengo las pastillas para el viaje",
    "tengo todo listo para la infusión de mañana",
    "me tomé todas las pastillas del día, como siempre",
    "este es mi último mensaje del día, buenas noches",
    "hoy es mi último día en la oficina, ¡qué nervios!",
    # --- the same words for a shift, a fan, a trip's pills, a habit
    "bas sab khatam ho jaye office ka kaam, phir chhutti",
    "pankhe se latakne wale jhoomar bahut sundar lagte hain",
    "juntando las pastillas para el viaje, ¿cuántas llevo?",
    "bas sab khatam ho jaye exam ka tension, phir party",
    "saal bhar pehle main bhagwan se maut maangti thi, ab nahi",
    # --- a lie-in
    "kal ka suraj nahi dekhunga, 10 baje tak sota rahunga",
    "kal ki subah nahi dekhungi, itni thaki hoon, dopahar tak sona hai",
    # --- what the fitted rules alerted on
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


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_words_are_not_an_alert(screen: CrisisScreen, text: str) -> None:
    verdict = screen.screen(text)
    assert verdict.level < Level.CONCERN, (text, verdict)
