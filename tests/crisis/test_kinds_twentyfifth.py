"""Kinds of Spanish, Hindi and Hinglish language the twenty-fifth pass (issue 15) worked on, from
despair twins written to be read for rules (eswatch3-4, hiwatch2, hgwatch2: despair with no wish
to die beside passive wishes), each beside the ordinary sentence that shares its words.

- Death as the only way out ("la única salida es morirme"); not another way out named.
- No strength left to go on living ("ya no tengo fuerzas para seguir viviendo"); not strength for
  a job or for living through one more relapse.
- An accident or the illness wished to "do the favour"; not a favour named, not "God willing".
- Thinking of staying under the water; not cool water for the heat.
- Sleeping pills counted against a need; not how many one takes.
- Waking WITH a symptom, and a job, a home or a town one will not stay in (false alarms read).
- Hindi and Hinglish: death better than this life (not than the heat); going from this world with
  the verb first (not away for a while); living, to do what?; sleep and not rise, the "not" after
  the verb (not a lie-in); Bhojpuri: God asked to take one up (not a lift), leave from this life
  (not a few days' break).

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    # Sleeping pills counted against a need
    "ya averigüé cuantas de las de dormir hacen falta, no pregunten",
    "cuántas pastillas de dormir se necesitan? ya tengo el frasco",
]

ALERTS = [
    # Death as the only way out
    "ya no veo otra, la única solución es morirme",
    "mi unica salida es la muerte, lo tengo claro",
    "la única opción que me queda es dejar de existir",
    # No strength left to go on living
    "ya no me quedan fuerzas para seguir viviendo",
    "sin fuerzas para vivir, perdónenme",
    "no tengo energía para seguir respirando, de verdad",
    # An accident or the illness wished to do the favour
    "ojalá un camión me hiciera el favor",
    "a ver si este brote me hace el favor de una vez",
    # Staying under the water
    "me dieron ganas de quedarme bajo el agua y ya",
    "anoche pensé en hundirme y no salir",
    # Death better than this life
    "aisi zindagi se to maut behtar hai yaar",
    "इस जिंदगी से तो मौत बेहतर है",
    "jeene se achha marna, sach me",
    # Going from this world, the verb first
    "mujhe chali jana hai is duniya se, bas",
    "चला जाऊं इस दुनिया से, यही लगता है",
    # Living, to do what?
    "akeli hu, dard hai, jee ke kya karungi",
    "अब जी कर क्या करूंगा, कोई नहीं बचा",
    # Sleep and not rise, the "not" after the verb
    "रोज सोचती हूं सो जाऊं और फिर उठूं ना",
    "bas so jaun aur phir na uthun, itna hi chahiye",
    # Bhojpuri: God asked to take one up; leave from this life
    "हे भगवान, हमरा के उठा ल अब",
    "bhagwan hamra ke utha la, ab na sahat",
    "इस जिंदगी से छुट्टी मिल जाए बस, और कुछ ना चाहीं",
]

NOT_ALERTS = [
    # Another way out named; strength for a job or for one more relapse
    "la única salida es cambiar de tratamiento, mañana hablo con la neuróloga",
    "la única solución es pedir la baja, ya no puedo con el curro",
    "no tengo fuerzas para seguir trabajando así, voy a pedir la incapacidad",
    "no tengo fuerzas para vivir otra recaída como la de marzo",
    "no me quedan fuerzas para vivir sola, me voy con mi hija",
    # A favour named; God willing
    "a ver si mi hermano me hace el favor de llevarme al hospital",
    "si la EM me hace el favor de darme una semana tranquila, me voy a la playa",
    "si Dios me hace el favor, en mayo me caso",
    # Cool water for the heat
    "con este calor me dan ganas de quedarme bajo el agua fría todo el día",
    "en la alberca quisiera quedarme debajo del agua un rato, me quita el hormigueo",
    # How many one takes
    "cuántas de las de dormir te tomas tú? a mí me dieron media",
    # Waking with a symptom; a job, a home or a town
    "no quiero despertar mañana con este dolor de cabeza, me tomo algo ya",
    "ya no quiero seguir en esta empresa, busco otra cosa",
    "no quiero seguir en este piso sin ascensor",
    # The heat weighed against death; away from the world for a while
    "इस गर्मी से तो मौत अच्छी, उफ्फ",
    "is garmi se to maut achhi yaar, AC kharab",
    "kuch din chale jana hai is duniya se door, pahad pe",
    # A lie-in; a lift; a few days' break
    "sunday hai, so jaun aur phir 11 baje tak uthun na",
    "भइया हमरा के स्टेशन से उठा ल, सामान भारी बा",
    "कुछ दिन के लिए इस जिंदगी से छुट्टी चाहिए, गोवा चलते हैं",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)
