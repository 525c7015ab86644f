"""Kinds of Spanish, Hindi and Hinglish crisis language the twenty-second pass (issue 15) worked
on, each beside the ordinary sentence that shares its words.

- The wish told in the past tenses ("hoy queria morirme", "anoche me quise matar"), as "I
  wanted to die" is in English. Only beside a time that is now or just past: "queria morirme"
  is also how a recovered past is told, and "queria morir" is also "she wanted to die". Its
  figures stay quiet ("me queria morir de verguenza", "del calor", "me quise matar estudiando").
- Someone's words about dying told in the past tense ("ayer me dijo que se queria morir"),
  beside a time just past; a notice that it was already handled, or a film, is not.
- One's things handed out with a goodbye, in all three languages ("les dejo mis cosas a ustedes,
  adios"); not a move, clothes outgrown or a gift to a church.
- Under a train or off a bridge, wished ("me dan ganas de aventarme al metro"); not into a pool.
- Wanting to jump, said at a height, in Hindi and Hinglish ("छत से कूदने का मन करता है"); not
  into a pool or for joy. A last salute of one's own ("sabko mera aakhri salaam"); not a
  martyr's.
- A recovered past closed by "not any more" ("antes pensaba en morirme, ya no 💪", "pehle marne
  ka sochti thi, ab nahi"): only where it closes its sentence. Opening a clause it is the
  negation ("y ya no quiero vivir"), and a plan told after it stays ("ya no, ahora ya tengo las
  pastillas").
- A newspaper, and "news me ... padha" (read in the news: the Hinglish postposition, not the
  writer); moving house in Hinglish ("Goa shift!").
- Others better off without me, with the others between ("sin mi mi familia estaria mejor"); not
  a plan missed ("se fueron al cine sin mi").
- This life no longer borne ("ya no aguanto esta vida", "ab ye zindagi nahi jhel sakta"), as
  "tired of life"; not a kind of life ("esta vida de oficina", "hostel ki zindagi").
- "suicide" in its English spelling beside the Hinglish wish ("suicide karne ka mann hai"), and
  with a letter dropped ("suicde kr lunga").
- The whole bottle, a truck, the dose that kills with the pills named between ("cuantas
  pastillas de baclofeno se necesitan para morir"); not a bottle of syrup, or sleep enough not to
  wake tired.
- Why go on ("para que sigo"), my life has no point ("meri life ka koi point nahi"): a
  moderator's glance (watch), as in English; not why go on paying for a physio, or a meeting.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen
from cogs.crisis.lexicon import Level
from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    "hoy queria morirme",
    "hoy solo queria morirme, no aguanto este dolor",
    "ya no queria vivir, hoy tampoco",
    "hoy me quise matar con las pastillas del cajon",
    "sabko mera aakhri salaam",
    "aaj raat chhat se koodne ka mann hai",
]
ALERTS = [
    "anoche me queria matar",
    "anoche quise matarme otra vez",
    "esta semana ya no queria seguir viviendo",
    "otra vez me queria morir, no se que hacer",
    "ayer mi hermana me dijo que se queria morir",
    "mi amigo se queria matar anoche y no contesta",
    "hace poco mi primo me escribio que ya no queria vivir",
    "les dejo mis cosas a ustedes, adios",
    "ya regale todo, cuidense mucho",
    "mera saman tum log rakh lena, alvida",
    "मेरा सामान बाँट लेना, अलविदा",
    "me dan ganas de aventarme al metro",
    "a veces quisiera aventarme a las vias",
    "antes pensaba en matarme y ya no quiero vivir",
    "antes pensaba en matarme, ya no, ahora ya tengo las pastillas",
    "pehle marne ka sochta tha, ab nahi jeena",
    "me quiero morir, ya no",
    "shift khatam, ab hamesha ke liye bye",
    "छत से कूदने का मन करता है",
    "chhat se koodne ka mann karta hai",
    "pul pe khada hu, kood jaun?",
]
NOT_ALERTS = [
    "cuando me diagnosticaron queria morirme. ahora disfruto mi vida",
    "hace anos queria morirme, hoy estoy bien",
    "queria morirme hace diez anos, hoy estoy en terapia y bien",
    "mi papa queria morir en su casa y asi fue, hoy lo recordamos",
    "hoy me queria morir de verguenza en la consulta",
    "hoy me queria morir del calor en el bus",
    "hoy me quise matar estudiando para ese examen",
    "hoy queria morirme de la risa con el video",
    "ayer ya no queria seguir con la dieta",
    "no queria vivir en la ciudad, hoy vivimos en el pueblo",
    "hoy se queria morir de la risa con el video",
    "ayer en la peli el protagonista se queria matar",
    "un usuario puso en general que se queria matar. ya hablaron con el",
    "me mudo a otra ciudad, les regalo mis cosas, adios!",
    "les regalo mis cosas de bebe, adios panza jaja",
    "ya regale todo a la iglesia, gracias por todo padre",
    "shift ho rahi hu bangalore, mera saman tum log rakh lena, alvida dilli",
    "me dan ganas de aventarme a la alberca con este calor",
    "se fueron al cine sin mi, mejor asi descanso",
    "sin mi mama no estaria viva, la cuide 10 anos",
    "no aguanto esta vida de oficina jaja",
    "hostel ki zindagi nahi jhel sakta yaar",
    "antes no aguantaba esta vida, ahora estoy mejor",
    "suicide karne walon ke liye helpline kya hai",
    "me voy a tomar el frasco entero de jarabe, tengo una tos horrible",
    "cuantas horas de sueno se necesitan para no despertar cansada?",
    "voy a manejar contra el trafico de la tarde, deseenme suerte",
    "is meeting ka koi point nahi",
    "ya escogi mi metodo para dormir mejor, meditacion",
    "me dan ganas de aventarme al metro a empujones para llegar temprano",
    "duniya chhod dunga ek din aur pahadon me rahunga",
    "les regalo mis cosas de invierno, me mudo a cancun, adios frio!",
    "anoche me quise matar de risa con la serie",
    "para que sigo pagando el fisio si no avanzo",
    "shaheed ko aakhri salaam",
    "pool me koodne ka mann hai is garmi me",
    "chhat pe khushi se koodne ka mann hua jab result aaya",
    "balcony se cricket ball gir gayi, kood ke laun kya",
    "news me suicide case padha, sad",
    "reel me suicide wala video dekha, bahut sad",
    "अखबार में खुदकुशी की खबर पढ़ी, दुखद",
    "hamesha ke liye bye Dombivli, Goa shift!",
    "antes pensaba en morirme, ya no 💪",
    "antes me cortaba. ahora no",
    "pehle marne ka sochti thi, ab nahi",
    "पहले मरने का सोचती थी, अब नहीं",
    "hace anos pensaba en matarme, hoy no",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)


@pytest.mark.parametrize(
    "text",
    [
        "para que sigo",
        "ya no vale la pena nada",
        "mi vida ya no tiene sentido",
        "meri life ka koi point nahi",
        "मेरी ज़िंदगी का कोई मतलब नहीं",
        "लाइफ का कोई पॉइंट नहीं",  # English words in Devanagari (twenty-third pass)
    ],
)
def test_why_go_on_is_a_glance(screen: CrisisScreen, text: str) -> None:
    assert screen.screen(text).level is Level.WATCH, screen.screen(text)


def test_why_go_on_with_a_task_is_quiet(screen: CrisisScreen) -> None:
    assert screen.screen("para que sigo pagando el fisio si no avanzo").level is Level.NONE


# Short messages (twenty-second pass, the short sets 6 to 9 read for rules). The relapse wished to
# take one; one's own game over, a permanent sleep, one's own funeral chant; should go or vanish,
# said of being a burden; leaving the world; better dead, let me die; Punjabi, Bhojpuri and
# Haryanvi wishes; a method chosen; pills counted; a friend's rope photo or odd goodbye; a clean
# streak broken, not a smoking one; a truck wished; "lagta hai na rahu", not in a group.
ALERTS_SHORT = [
    "bas agla relapse hi le jaaye mujhe",
    "is relapse mein hi khatam ho jaun toh accha",
    "रिलैप्स ही ले जाए मुझे अब",
    "thak gaya, game over kar dunga apna",
    "बस अब परमानेंट सोना है मुझे",
    "sabki problem main hi hu, gayab ho jaungi ek din",
    "bachon ki zindagi barbaad kar rahi hu, mujhe hat jana chahiye",
    "बेटी मेरी वजह से थक गई, दुनिया से हट जाऊं",
    "ek din duniya chhod dungi, dekhna",
    "बोझ हूं सब पर, मर जाऊं तो बेहतर",
    "mujhe marne do bas",
    "ki karan, hun marna chahundi aan",
    "सच्ची, मरे के मन बा",
    "ya escogi el metodo, esta vez va en serio",
    "mazak nahi, goliyan gin li hai maine",
    "didi ne rassi ki photo bheji, dar lag raha",
    "भाई अलविदा लिख के गायब है, फोन बंद",
    "1 saal clean thi, kal phir cut kiya",
    "6 months clean tha, aaj toot gaya yaar",
    "koi gaadi thok de bas",
    "kabhi kabhi lagta hai main na rahu",
    "सुसायड का सोच रहा हूं",
    "bas, upar di ticket katwa lai",
]
NOT_ALERTS_SHORT = [
    "relapse mein hi chali jau hospital? ya ghar pe rahu",
    "game over ho gaya level 5 pe lol",
    "social media ki duniya chhod dunga, bahut toxic hai",
    "pills gin liye hafte ke liye, organiser me daal diye",
    "goliyan gin li, trip ke liye 10 din ki",
    "ya escogi el metodo de estudio para el examen",
    "line se hat jana chahiye, ambulance aa rahi hai",
    "itni garmi, mar jaun behtar lol",
    "sab nu alvida, canada ja rahe aa kal",
    "kaam mukna hai aaj, fer milde aa",
    "8 months smoking se clean tha, aaj toot gaya",
    "mera phone kal phir toot gaya lol",
    "kabhi kabhi lagta hai na rahu is group me, sab busy",
    "upar di ticket? flight di gal kar reha",
]

test_an_alert_short, test_not_an_alert_short = kind_tests([], ALERTS_SHORT, NOT_ALERTS_SHORT)[1:]
