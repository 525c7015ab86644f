"""Kinds of Spanish and Hindi crisis language the twenty-first pass (issue 15) worked on, each beside the
ordinary sentence that shares its words. They were found by screening short crisis messages of the
plainest kind, written for this pass, that neither the rules nor the model raised.

- "me mato" beside not bearing it any more ("ya no aguanto, me mato"): the bare present is the
  decision. Not its figures: nearly, what killed one named after it (the accent of "mató" is gone
  by the time the rules read it), of what or where ("de risa", "en el gym"), a pain or the heat.
- Hanging oneself thought of or wished ("pensé en colgarme"); not what one hangs on oneself.
- Wanting to jump, said at a height ("estoy en el puente y quiero saltar"); not for sport or joy.
- Someone close who cuts themself ("mi hija se corta"); not hair, nails or a kitchen.
- No point going on ("ya no tiene caso seguir"): a moderator's glance (watch), as in English.
- The last day, in Devanagari ("आज मेरा आखिरी दिन है"): read back it is "aakhiri", not the chat
  "aakhri" the Hinglish phrase has. Not the last day of a job or in a house left for a new one,
  in either script; the house as a topic ("main is ghar pe bojh hu") keeps the alert.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen
from cogs.crisis.lexicon import Level
from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    "ya no aguanto, me mato",
    "no puedo mas con esta vida. mejor me mato y ya",
    "ya no doy mas... me mato",
    "no aguanto mas, me mato en cuanto se duerman",
    "no aguanto mas, me mato a las 3 cuando todos duerman",
    "ya no puedo mas, me mato de un tiro",
    "ya no aguanto, me mato con las pastillas hoy",
    "no aguanto mas el dolor ni a nadie, me mato esta semana",
    "no aguanto mas el dolor, me mato",
    "estoy en el puente y quiero saltar",
    "estoy arriba del edificio, quiero saltar",
    "ando en la azotea del hospital y tengo ganas de saltar",
    "आज मेरा आखिरी दिन है",
    "आज मेरा आख़िरी दिन है, सबका शुक्रिया",
    "main is ghar pe bojh hu, aaj mera aakhri din hai",
    "naukri ka tension alag, aaj mera aakhri din hai",
]
ALERTS = [
    "pensé en colgarme",
    "a veces pienso en ahorcarme cuando todos se duermen",
    "hay noches que quisiera colgarme y ya",
    "mi hija se corta, le vi los brazos",
    "mi novio se corta cuando discutimos y no sé qué hacer",
    "mi sobrina se volvió a cortar, ayuda",
]
NOT_ALERTS = [
    # me mato, its figures
    "ya no aguanto, me mato de la risa con ustedes",
    "no puedo mas, me mato trabajando toda la semana",
    "no aguanto mas, me mato haciendo ejercicio y no bajo de peso",
    "no aguanto mas la espera del neuro, me mato esperando",
    "ya no aguanto a mi hermano, me mato de los nervios",
    "ya no puedo más, me mato a dieta y no bajo",
    "no aguanto mas, me mato con el trabajo y la casa",
    "no puedo mas con el tráfico, me mato todos los días 2 horas",
    "ya no puedo mas, casi me mato en la ducha",
    "ya no puedo mas, el dolor de ayer me mato",
    "ya no aguanto, me mato la caminata de hoy",
    "ya no puedo mas, la fisio de hoy me mato",
    "no aguanto mas este calor, me mato el sol en la fila",
    "ya no aguanto la espalda, me mato esta silla del trabajo",
    "no puedo mas con la niebla mental, me mato sola: deje la olla en el fuego",
    "no aguanto mas la fisio, me mato en cada sesion pero avanzo",
    # what is hung on oneself
    "quiero colgarme la medalla del maratón en la sala",
    "pienso en colgarme el bolso al hombro para no cansar la mano",
    "me dan ganas de colgarme una mochila y viajar",
    "me dan ganas de colgarme de la barra del gym para estirar la espalda",
    # jumps for sport or joy, and heights with no jump
    "en el puente de mayo quiero saltar en paracaídas",
    "desde esa altura quiero saltar a la alberca",
    "quiero saltar de la alegría, salió limpia la resonancia",
    "estoy en el balcón y quiero saltar de felicidad, me dieron el alta",
    "estoy en el puente de Triana viendo el atardecer",
    "estoy en la terraza y quiero saltar la cuerda con mis hijos",
    # cutting that is not a wound
    "mi hija se corta el pelo sola y le queda fatal",
    "mi mamá se corta las uñas con tijera porque no siente bien los dedos",
    "mi esposo se corta cocinando cada vez que pica cebolla",
    "mi hijo se corta solo el pelo desde los 12",
    "mi hija se corta sola el flequillo y queda chueco",
    "se corta la luz a cada rato en el barrio",
    # the last day of something ordinary
    "naukri ka aaj mera aakhri din hai, kal se nayi jagah",
    "is ghar mein mera aakhri din hai, naya flat mil gaya",
    "नौकरी का आज मेरा आखिरी दिन है, कल से नई जगह",
    "इस शहर में मेरा आखिरी दिन है, कल शिफ्ट हो रहे हैं",
    "आज ऑफिस में मेरा आखिरी दिन है",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)


@pytest.mark.parametrize(
    "text",
    ["ya no tiene caso seguir", "no le encuentro sentido a seguir", "no le veo caso a seguir"],
)
def test_no_point_going_on_is_a_glance(screen: CrisisScreen, text: str) -> None:
    assert screen.screen(text).level is Level.WATCH, screen.screen(text)


# Short messages (twenty-first pass, the short sets read for rules). Someone close who says they
# will die, told with fear; who says they will kill themself; an odd goodbye from someone, told
# with fear, a question or a phone switched off; an accident or the illness wished; all of the
# pills or injections taken together; "d" for "de"; "suicide" spelt with ट; a cloth on the fan.
URGENT_SHORT = [
    "baclofen ki saari strip ek saath lungi",
    "सारे इंजेक्शन एक साथ लगा लूंगी आज",
    "पंखे पर दुपट्टा बांध लिया है",
]
ALERTS_SHORT = [
    "pati keh rahe mar jaunga, darr lag raha",
    "भाई बोल रहा मर जाऊंगा, बहुत डर लग रहा",
    "meri dost bol rahi suicide karegi, help",
    "चाचा कह रहे जान दे देंगे",
    "mi mama se despidio raro, tengo miedo",
    "didi ka goodbye msg aaya, phone band hai",
    "koi accident ho jaye toh better",
    "ye relapse hi le jaye mujhe ab",
    "ये ms जल्दी निपटा दे बस",
    "ojala este brote me mate de una vez",
    "q ganas d morirme",
    "सुसाइट कर लूं क्या अब",
    "sin mi dejarian de sufrir todos",
]
NOT_ALERTS_SHORT = [
    "mummy kehti hai mar jaungi tumhare chakkar me haha",
    "bhai bol raha garmi se mar jaunga, darr lag raha AC kharab hai",
    "dadi keh rahi thi mar jaungi tab bhi ghar nahi bechungi",
    "teacher bol rahi suicide prevention pe project karegi",
    "priya ne alvida msg bheja, wo dubai shift ho rahi hai",
    "mi mama se despidio raro en el aeropuerto, se fue de viaje a Lima",
    "koi accident ho jaye to insurance milta hai kya?",
    "dua karo koi accident na ho jaye raste me",
    "chemist se saari strip ek saath lungi, discount milega",
    "doctor ne bola dono goliyan ek saath le lo",
    "no creo que este brote me mate, tranqui",
    "sin mi ayuda no gastarian tanto",
    "pankhe par dupatta sukhaya hai",
]

test_urgent_short, test_an_alert_short, test_not_an_alert_short = kind_tests(
    URGENT_SHORT, ALERTS_SHORT, NOT_ALERTS_SHORT
)


# More of the short sets: may I die or vanish, said of being a burden; fresh cuts seen on a friend;
# the funeral chant readied, only the rope missing; Rajasthani, Chhattisgarhi and Punjabi wishes;
# "mejor me muero" of being a cost; killing oneself as "my plan".
ALERTS_SHORT_2 = [
    "पति की जिंदगी बर्बाद कर रही, मर जाऊं",
    "बीवी मेरी वजह से बर्बाद, मिट जाऊं",
    "bojh hu bachon pe, hamesha ke liye hatungi",
    "पाजी मैं बोझ हां, मुक जावां",
    "दोस्त की कलाई पे ताजे कट, क्या करूं",
    "ram naam satya ki taiyari kar li",
    "bas rassi ki kami hai 😂 sach me",
    "म्हारो जीवण रो मन कोनी अब",
    "जहर खा लुहूँ",
    "मरणा चाहंदी हां बस",
    "solo doy gastos, mejor me muero",
    "si me muero mañana mejor, q alivio",
    "el suicidio es mi plan, no bromeo",
]
NOT_ALERTS_SHORT_2 = [
    "samosa ke liye toh mar jau yaar",
    "meri wajah se sab late hue, sorry yaar",
    "कलाई पे कट लग गया सब्ज़ी काटते हुए",
    "kapde sukhane ke liye bas rassi ki kami hai, balcony chhoti hai",
    "mejor me muero de hambre que comer eso jaja",
    "mi plan es el gym a las 7",
]

test_an_alert_short_2, test_not_an_alert_short_2 = kind_tests(
    [], ALERTS_SHORT_2, NOT_ALERTS_SHORT_2
)[1:]
