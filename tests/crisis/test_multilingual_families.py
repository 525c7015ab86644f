"""Families of crisis language in Spanish, Hindi (Devanagari) and Hinglish (issue 15, second pass).

Every sentence here was written for this file (none comes from ../shared/data or from
bench/screen_training/data). Each family has sentences that must raise an alert (or be urgent)
and near misses that must not: the ordinary uses of the same words (a haircut, cutting chai, a
travel blessing, leaving for a holiday), negations, and talk about the topic. The last test
checks that every rule of the family section fires on at least one sentence here, so no rule
ships untested.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen, Level
from cogs.crisis.lexicon import default_lexicon_path, load_lexicon

# family: (urgent, alert at least concern, no alert)
FAMILIES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "intent with a means or a place": (
        [
            "me voy a tirar del puente",
            "hoy me aviento a las vías del tren",
            "creo que me quiero tirar al vacío",
            "ya compré raticida",
            "esta noche voy a tomarme toda la caja",
            "tengo las pastillas en la mano",
            "pienso volarme la cabeza con la pistola de mi papá",
            "मैं पंखे से लटक जाऊँगा",
            "ट्रेन के आगे कूद जाना चाहती हूं",
            "मैंने ज़हर खा लिया",
            "नहर में कूद जाऊंगी",
            "train ke aage kood jaunga",
            "pankhe se latak jaungi",
            "zeher kha liya maine",
            "chhat se kood jaana chahta hu",
            "me voy a aventar del puente",
            "rassi khareed li hai",
            "aaj raat kood jaungi, alvida",
            "पुल से नीचे देख रही हूं, कूद जाऊंगी",
        ],
        ["me dan ganas de tirarme por la ventana"],
        [
            "me quiero tirar al río, qué calor hace",
            "voy a tirar la basura",
            "me aviento al metro y llego en veinte minutos",
            "me lanzo a tu casa al rato",
            "me voy a lanzar al vacío con este negocio nuevo",
            "aaj ki saari pills kha lungi time pe, promise",
            "मैं इस काम में डूब जाऊंगा",
            "pool mein kood jaunga garmi mein",
            "result aaya to khushi se kood jaungi",
            "train ke aage aa gaya tha bachcha, sab theek hai",
        ],
    ),
    "stockpiling and a plan set": (
        [
            "fui juntando pastillas en varias farmacias",
            "ya tengo un plan y es para siempre",
            "गोलियां छुपा कर रखी हैं",
            "maine decide kar liya hai, hamesha ke liye",
            "मैंने तय कर लिया है, मुझे कोई नहीं रोक सकता",
        ],
        [],
        [
            "busqué mis pastillas en varias farmacias por el desabasto",
            "ya tengo un plan para el fin de semana",
            "नौकरी छोड़ने का फैसला कर लिया",
            "maine decide kar liya, naya phone lunga",
        ],
    ),
    "a time that closes": (
        [
            "de esta noche no paso",
            "mañana ya no voy a estar",
            "कल का सूरज नहीं देखूंगा",
            "आज के बाद मैं नहीं रहूंगी",
            "kal ka suraj nahi dekhungi",
            "aaj raat sab khatam",
        ],
        [],
        [
            "mañana no voy a estar en la reunión",
            "esta es mi última noche en Madrid, qué pena",
            "कल सुबह जल्दी उठना है",
            "kal main office mein nahi rahunga",
        ],
    ),
    "farewells that close": (
        [
            "nos vemos en otra vida",
            "no me busquen, no lloren por mí",
            "les escribo por última vez",
            "ya regalé mis cosas",
            "सबको अलविदा",
            "अगले जन्म में मिलेंगे",
            "mera last msg",
            "alvida sabko",
            "mere liye mat rona",
            # a hand-over with a wish to die is urgent
            "ya no quiero vivir, cuida a mi gato",
            "मरना चाहती हूं, मेरी बिल्ली का ख्याल रखना",
        ],
        [
            "cuiden a mis perros, por favor",
            "मेरे बच्चों का ख्याल रखना",
            "meri billi ka khayal rakhna",
        ],
        [
            "me salgo del grupo, hasta siempre y gracias",
            "cuida a mi gato mientras estoy de viaje",
            "कल से गांव जा रही हूं, सबको अलविदा, फिर मिलेंगे",
            "mera last msg dekho upar",
            "shaadi mein ja rahi hoon, alvida sabko, phir milenge",
        ],
    ),
    "self-harm in the first person": (
        ["खून बह रहा है, रुक ही नहीं रहा", "khoon ruk nahi raha"],
        [
            "me corté",
            "me quemé con el cigarro a propósito",
            "me rasguñé hasta sangrar",
            "me golpeo la cabeza contra la pared cuando no puedo más",
            "escondo los cortes con manga larga",
            "मैंने खुद को सिगरेट से जलाया",
            "दीवार पर सिर मारती हूं",
            "maine haath kaat liya",
            "blade se cut kiya",
            "cigarette se jalaya khud ko",
            "khud ko nochti rehti hu",
            "cuts chhupati hu full sleeves se",
        ],
        [
            "me corté el pelo ayer",
            "me corté cocinando",
            "me quemé con el sol en la playa",
            "me corto mucho cuando hablo en público",
            "me arranco los pelos con este trámite",
            "me muerdo las uñas hasta que me duelen",
            "kal cutting ki, achhi lagi?",
            "बालों की कटिंग करती हूं, पार्लर में",
            "सब्ज़ी काटते हुए हाथ कट गया",
            "hair cutting ki aaj",
            "ek cutting chai pilao",
        ],
    ),
    "a wish to die through God, an accident or the illness": (
        [],
        [
            "ojalá me atropelle un camión",
            "que Dios me lleve ya",
            "ojalá la esclerosis acabe conmigo",
            "me da igual vivir o morir",
            "quisiera no existir",
            "भगवान मुझे अपने पास बुला ले",
            "काश कोई एक्सीडेंट हो जाए",
            "मौत भी नहीं आती",
            "मैं जीने लायक नहीं हूं",
            "bhagwan apne paas bula le",
            "kaash koi accident ho jaye",
            "maut bhi nahi aati",
            "mujhe mar jana chahiye",
        ],
        [
            "que Dios me lleve con bien en el viaje",
            "que Dios me lleve primero que a mis hijos",
            "ojalá mi hermano me lleve al concierto",
            "काश कोई गाड़ी होती",
            "kahin accident na ho jaye, dhyan se chalana",
            "espero no despertar a los niños",
            "hasta siempre, abuela, te vamos a extrañar",
        ],
    ),
    "burden, 'without me'": (
        [],
        [
            "sin mí todo sería más fácil",
            "estarían más tranquilos sin mí",
            "a veces pienso en quitarme de en medio",
            "soy una carga",
            "मेरे बिना सब खुश रहेंगे",
            "मैं बोझ बन गई हूं, न रहूं तो अच्छा",
            "main na rahun to sab khush rahenge",
            "family pe bojh hoon, na rahun toh achha",
        ],
        [
            "no quiero ser una carga para mis hijos cuando sea mayor",
            "मैं परिवार पर बोझ नहीं बनना चाहती",
            "kaam ka bojh bahut hai",
            "main na rahun to sab sambhal lena, main chhutti pe hu",
            "sin mí todo sería un caos en la oficina",
        ],
    ),
    "worry about someone named": (
        [],
        [
            "me dijo que se va a matar",
            "tengo miedo de que mi hermano haga una locura",
            "mi hija se está cortando y no sé qué hacer",
            "intentó suicidarse el mes pasado y hoy no contesta",
            "मुझे डर है मेरा भाई कुछ कर न बैठे",
            "वो मरने की बातें करती है",
            "mujhe dar hai meri behen kuch kar na baithe",
            "wo khud ko hurt karti hai",
        ],
        [
            "se cortó la luz en todo el barrio",
            "mi hermano se va a mudar a Monterrey",
            "उसने सब्ज़ी काटी",
            "se despidió de mí en el aeropuerto",
            "उसकी कलाई पर नई घड़ी है",
            "mujhe dar hai beta school mein kuch galat na kar le",
        ],
    ),
    "at a dangerous place": (
        [
            "estoy en el puente, nadie sabe dónde estoy",
            "मैं पुल पर हूं, यहां कोई नहीं",
            "bridge pe hoon, phone band kar diya",
        ],
        [],
        ["estoy en el puente, hay mucho tráfico", "main bridge pe hoon, jam laga hai"],
    ),
    "written around a filter": (
        [],
        [
            "pienso en el s*icidio",
            "quiero m*rir",
            "me quiero m*tar",
            "tengo ganas de m0rirme",
            "s u i c i d a r m e",
            "sucide kar lunga",
            "khud ko unalive kar dungi",
        ],
        ["el s*icidio es un tema en la clase de ética"],
    ),
    "third pass: letters, medicine gathered, a means in hand, not coming back": (
        [
            "les dejé cartas de despedida a mis papás",
            "बेटे के लिए विदाई की चिट्ठी लिख दी है",
            "alvida ki chitthi likh di hai",
            "ya dejé escritas las cartas para mis hijos, perdónenme",
            "बच्चों के लिए चिट्ठियां लिख दी हैं, सबको अलविदा",
            "bachchon ke liye letter likh diya, mujhe maaf kar dena",
            "papa ki bandook almari mein hai, hamesha ke liye alvida",
            "ya junté las pastillas, esta noche me las tomo",
            "स्ट्रिप्स जमा कर ली हैं, आज रात खा लूंगा",
            "medicines jama kar li hain, aaj raat",
            "tengo la pistola en la mano",
            "ब्लेड हाथ में है अभी",
            "chaku kalai pe hai abhi",
            "tengo veneno y no pienso volver",
            "नहर की तरफ जा रही हूं, अलविदा",
            "pul pe khadi hu, sorry sabko",
            "सुबह तक मैं नहीं रहूंगा, सबको अलविदा",
            "kal tak mai nahi rahunga, sorry sabko",
            "me tomé más pastillas de las que debía",
            "abhi zyada goliyan kha li hai",
        ],
        [
            "ojalá el brote me lleve de una vez",
            "ऊपर वाला मुझे ले जाए बस",
            "bhagwan kare jaldi, bas",
            "mujhe kyun bachaya us din",
            "si yo ya no estuviera, estarían más tranquilos",
            "मैं न रहूं तो सब खुश रहेंगे",
            "mere bina sab ko sukoon milega, set ho jayenge",
            "desde que murió mi esposo quiero irme con él",
            "पापा के गुज़र जाने के बाद बस उनके पास जाना है",
            "me arranco la piel de los brazos",
            "सुई चुभोती हूं जब तक खून न आए",
            "chutki kaatti hu jab tak neel na pad jaye",
            "mi tío se despidió de todos y ahora no contesta",
            "bhai ne alvida bola aur phone nahi utha raha",
        ],
        [
            "no voy a volver a comprar en esa tienda, tengo pastillas de sobra",
            "el seguro de vida no cubre la silla de ruedas",
            "mere bina party shuru mat karna",
            "mi amiga se despidió porque se va de viaje",
            "bhai ne bye bola aur office chala gaya",
            "cuando me diagnosticaron pensaba en matarme; pedí ayuda y hoy estoy bien",
            "maine bank ko chitthi likh di",
            "मैंने बैंक को चिट्ठी लिख दी",
            "bachchon ko nani ke ghar chhod aayi",
            "bachchon ke liye letter likh diya school ke liye",
            "ab main vida leta hu, shubh ratri",
            "aaj himmat aa gayi, gym join kar liya",
            "le escribí una carta para mi mamá por su cumpleaños",
            "esta noche me despido temprano, estoy cansada",
            "gracias, ya no voy a necesitar nada más",
            "tengo apnea y dejo de respirar mientras duermo",
            "el seguro de vida es mejor que el de gastos médicos",
            "machhar mar gaya toh acha hua",
            "police ki bandook dekhi aaj mele mein",
            "chabi mere paas hai, ghar aa jao",
            "doctor ko jaldi bula le",
            "usko life se exit karo, toxic hai",
            "ye dawaiyan kaam aayegi trip pe",
            "medicines jama kar li hain trip ke liye",
            "दवाइयां जमा कर ली हैं यात्रा के लिए",
            "कील दीवार में ठोक दूं क्या",
            "quiero tirar todas las pastillas viejas, ¿dónde se llevan?",
            "kaash koi accident na ho, baarish bahut hai",
            "aaj raat khatam kar dunga sab kaam, phir chhutti",
            "सोचती हूं आज सारा काम सब खत्म कर दूं",
            "paani ki poori bottle pee li",
            "surprise party hai, kisi ko shak na ho",
            "khet ke liye keetnashak rakha hai",
            "सारी स्ट्रिप्स खत्म हो गईं, दवा लानी है",
            "hamesha ke liye gayab ho gaya mera phone",
            "las pastillas de hoy me las tomo todas en la mañana",
        ],
    ),
    "a crash, the illness wished on, a coded wink": (
        ["voy a estrellar el carro, ya está decidido"],
        [
            "a veces pienso en estrellar el coche contra un muro",
            "la esclerosis me va a matar, ojalá que sea pronto",
            "le pido a diosito que me recoja",
            "ya no quiero estar, tú me entiendes",
            "गायब हो जाऊं, हमेशा के लिए",
            "chale jaane ka mann hai, samajh rahe ho",
        ],
        [
            "casi estrello el carro esta mañana por el hielo",
            "este calor me va a matar, ojalá llueva",
            "me quiero ir de la fiesta, los quiero a todos",
            "mi esposo me recoge a las cinco",
            "hice el testamento con el abogado esta semana, qué alivio",
            "mi amiga dice que se va a tirar del trampolín",
        ],
    ),
    "idioms stay quiet": (
        [],
        [],
        [
            "me muero de risa",
            "me muero de calor",
            "मर गया यार",
            "जान निकल गई आज",
            "mar gaya yaar aaj kaam se",
            "garmi se mar jaunga",
        ],
    ),
}

_CASES = [
    (family, text, kind)
    for family, (urgent, alert, quiet) in FAMILIES.items()
    for kind, texts in (("urgent", urgent), ("alert", alert), ("quiet", quiet))
    for text in texts
]


@pytest.mark.parametrize(("family", "text", "kind"), _CASES)
def test_each_family_alerts_and_its_near_misses_stay_quiet(
    screen: CrisisScreen, family: str, text: str, kind: str
) -> None:
    verdict = screen.screen(text)
    if kind == "urgent":
        assert verdict.level is Level.URGENT, (family, text, verdict)
    elif kind == "alert":
        assert verdict.level >= Level.CONCERN, (family, text, verdict)
    else:
        assert verdict.level < Level.CONCERN, (family, text, verdict)


# The rules this file covers: the family section of config/crisis_lexicon.toml.
FAMILY_RULES = {
    "es_jump_place", "es_jump_wish", "es_means_intent", "es_stockpile", "es_plan_set",
    "es_time_closing", "es_farewell_closing", "es_farewell_handover", "es_self_harm_verbs",
    "es_outside_agent", "es_burden_without_me", "es_third_party_worry", "es_at_place",
    "es_not_exist", "es_farewell_last_time", "hi_means_place", "hi_plan_set", "hi_time_closing",
    "hi_farewell_closing", "hi_farewell_handover", "hi_self_harm_verbs", "hi_outside_agent",
    "hi_burden_without_me", "hi_third_party_worry", "hi_at_place", "hi_not_worth_living",
    "hi_bleeding_now", "hinglish_means_place", "hinglish_plan_set", "hinglish_time_closing",
    "hinglish_farewell_closing", "hinglish_farewell_handover", "hinglish_self_harm_verbs",
    "hinglish_outside_agent", "hinglish_burden_without_me", "hinglish_third_party_worry",
    "hinglish_at_place", "hinglish_written_around", "hinglish_not_worth_living",
    "hinglish_bleeding_now", "hinglish_jump", "es_jump_height", "es_goodbye_letters", "hi_goodbye_letters",
    "hinglish_goodbye_letters", "es_means_gathered", "hi_means_gathered", "hinglish_means_gathered",
    "es_hi_means_in_hand", "es_no_return", "hi_no_return", "hinglish_no_return", "hi_not_here_by",
    "es_illness_take_me", "hi_illness_take_me", "hinglish_illness_take_me",
    "es_hi_absence_better", "es_hi_join_the_dead", "es_hi_self_harm_more", "es_hi_overdose_now",
    "es_hi_third_party_signs", "hinglish_gun_access", "es_burden_plain", "hi_burden_plain", "es_crash_plan", "es_crash_thought", "es_illness_wish",
    "es_coded_going",
}  # fmt: skip
FAMILY_IDIOMS = {
    "es_idiom_ordinary",
    "hinglish_idiom_ordinary",
    "es_idiom_never_again",
    "es_idiom_pills_ordinary",
}


def test_every_family_rule_is_shipped_and_fires_on_a_sentence_here(screen: CrisisScreen) -> None:
    lexicon = load_lexicon([default_lexicon_path()])
    shipped = {s.id for s in lexicon.signals} | {i.id for i in lexicon.idioms}
    assert (FAMILY_RULES | FAMILY_IDIOMS) - shipped == set()
    fired: set[str] = set()
    for _, text, _ in _CASES:
        fired.update(screen.screen(text).rules)
    assert FAMILY_RULES - fired == set()
    assert FAMILY_IDIOMS - fired == set()


def test_a_starred_death_word_in_topic_talk_is_matched_but_not_an_alert(
    screen: CrisisScreen,
) -> None:
    # The star is undone for matching ("pienso en el s*icidio" alerts above), and a lesson about
    # the topic stays quiet because no rule holds the bare word.
    assert screen.screen("el s*icidio es un tema en la clase de ética").level is Level.NONE
    assert screen.screen("pienso en el s*icidio").level >= Level.CONCERN


@pytest.mark.parametrize(
    "text",
    [
        "me siento una carga a veces",
        "मैं बोझ बन गई हूं",
        "main ek burden hoon yaar",
        # "bojh" with no wish not to be here (issue 15, fourth pass)
        "family pe bojh hoon",
        "मैं सब पर बोझ बन गया हूं",
    ],
)
def test_feeling_a_burden_said_plainly_is_watch_as_in_english(
    screen: CrisisScreen, text: str
) -> None:
    # "I feel like a burden" is watch in English; "a burden on everyone" and "better off without
    # me" are alerts (the burden families above).
    verdict = screen.screen(text)
    assert verdict.level >= Level.WATCH
    assert {"es_burden_plain", "hi_burden_plain"} & set(verdict.rules)
