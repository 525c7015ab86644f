"""Kinds of Spanish, Hindi and Hinglish crisis language the nineteenth pass (issue 15) worked on,
each beside the ordinary sentence that shares its words.

The Hinglish postposition "me" (में, "in"): the subject step took it for the English "me", so a
suicide read in the news ("news me padha ek ladke ne exam stress me apni jaan le li", batch 29)
or a finding of research ("research me padha ... pehle saal me suicidal thoughts") was read as
the writer's own. After a noun in a Hinglish message it is now "in"; the English object ("makes
me want to"), Spanish "me" and the subject मैं after "ab", "fir", "ki"... keep the writer. Someone who
said it in a post of their own ("reel me bola ki ...") is not framed by the post.

Batch 30 (es103 Honduras, El Salvador and Nicaragua, es104 northern Spain, hi57 women in Delhi to
Uttar Pradesh, hi58 older men in small towns, hg70 South Indians writing Hinglish, hg71 young
Discord Hinglish, hg72 carers), read after it was scored unread: what it missed, by kind: treatment
stopped to die sooner; a wish to go under a train, of someone else; a game over one means to make;
someone "like me", a burden, who should not live on this earth; a self-harm relapse told with
English time words ("8 months clean tha"); how to do it painlessly, asked in Hinglish; cuts seen
again; pills found hidden and counted; "sewer slide", which the English model vetoed (a coded
spelling no model trained on is now firm). What it raised: working oneself to death to study, a
past told so others know it passes, insurance taken out for the children, an illness one wants
ended, asking one last time. The hard sets' kinds are below, with their own note.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import FIRM_RULE, CrisisScreen
from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    "fir me bhi suicide kar lungi, kisi ko farak nahi padta",
]
ALERTS = [
    # "me" the writer (मैं, or the English object) in Hinglish, after a news story or not
    "news me padha aur socha ki me bhi apni jaan le lu",
    "ab me apni jaan le lungi, bas bahut ho gaya",
    "exam stress me apni jaan le lungi main, kal result hai",
    "is relapse ke baad ab me jeena nahi chahti",
    "this fatigue makes me want to kill myself",
    "mi amiga me dijo que se quiere matar, no sé qué hacer",
    # someone who said it in a post of their own, not a story they read
    "bhai ne reel me bola ki wo ab jeena nahi chahta, dar lag raha hai",
    "ghar me kisi ko nahi pata, suicide ke khayal aa rahe hai mujhe",
    "ab me suicide ke baare me soch rahi hu roz",
    "हर रात me suicide के बारे में सोचती हूं",
]
NOT_ALERTS = [
    # "me" the postposition: the story or the finding is not the writer's
    "ek article me padha ki diagnosis ke baad pehle saal me suicidal thoughts zyada hote hain",
    "documentary me dikhaya ki ek kisan ne karze me khudkushi kar li, bahut dukh hua",
    "news me padha ek ladke ne hostel me apni jaan le li, bachcho se baat karte raho",
    "bhai ne ek reel me dekha ki ek actor ne suicide kar liya, news thi",
    # nor is it the writer a signal needs beside it, in Hinglish or read across from Devanagari
    "log suicide kaise karte hai ye news me detail me dikhana galat hai",
    "group me log suicide pe khul ke baat karte hai, achha lagta hai",
    "कल news me एक लड़के का suicide case पढ़ा, बहुत बुरा लगा",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)

URGENT_30 = [
    "mi papá dejó las pastillas a propósito, dice que así se muere antes",
    "dejé el tratamiento, para morirme antes, ya no aguanto",
    "maa ne dawai lena band kar diya, bolti hai jaldi chali jau toh achha",
    "suicide kaise karte hai bina dard ke, koi batao",
]
ALERTS_30 = [
    "mi compañero de trabajo se quiere tirar al tren, me lo dijo llorando",
    "मेरे जैसे बोझ को धरती पर नहीं रहना चाहिए, सबका पैसा मुझ पे जा रहा",
    "mere jaise bojh ko dharti pe nahi rehna chahiye yaar",
    "bas ab game over karna hai, thak gaya hu sab se",
    "zindagi ka game over kar dunga is baar",
    "phir se relapse ho gaya, 5 months clean thi, thigh pe",
    "bhai ke arm pe phir se cuts dekhe, kuch bol nahi raha",
    "papa ki drawer me neend ki goliyan chhupi hui mili, gin ke rakhi hui thi",
    "sewerslide is the only plan left tbh",
    "sewer slide is looking real good rn ngl",
    # the review: a real wish beside a class, a goodbye beside a hospital
    "class ke liye ready hona tha par mann karta hai mar jaun",
    "ये मेरा आखिरी मैसेज है, अस्पताल वाले भी कुछ नहीं कर पाए, अलविदा",
    # the wish in its plainest order, which no rule held (found in the review)
    "mann karta hai mar jaun, MS ne sab cheen liya",
    "मन करता है मर जाऊं, कोई नहीं समझता",
]
NOT_ALERTS_30 = [
    "dejé el tratamiento por las náuseas, el neuro me cambia a otro la semana que viene",
    "me dijeron que si dejo el tratamiento me voy a morir antes, así que sigo con todo",
    "papa ne dawai chhod di kyunki side effects bahut the, doctor ne nayi di hai",
    "el perro se quiere tirar al río cada vez que lo sacamos jaja",
    "ऐसे भ्रष्ट नेताओं को धरती पर नहीं रहना चाहिए",
    "PUBG me phir game over ho gaya 😂 noob team",
    "diet pe relapse ho gaya, 2 weeks clean tha sugar se 😩",
    "smoking me relapse ho gaya, 3 months clean tha",
    "project ke liye padh rahi hu ki suicide kaise prevent karte hai",
    "bachon se chhupa ke rakhi hai saari dawaiyan, upar wali shelf pe",
    "roz ki goliyan gin ke rakhi hui hai pill box me, sunday ko bhar deti hu",
    "sewer slide prevention week posters are up at work",
    "mañana me voy a matar a estudiar para el examen de conducir",
    "de joven me cortaba, hoy tengo 40 y de esto se sale, se los prometo",
    "ab is bimari ko hi khatam karna hai, research ke liye donate kiya",
    "मुझे इस बीमारी को ही खत्म कर देना है, काश कोई दवा आ जाए",
    "aakhri baar yaad dila rahi hu, kal meeting 5 baje hai",
    "मेरे जाने के बाद बच्चों की पढ़ाई का क्या होगा, इसलिए टर्म इंश्योरेंस ले लिया",
    # the pass's new rules' own words in ordinary sentences (a review of this pass's rules)
    "mi hijo se quiere tirar del puente al río en el campamento, es un salto de 3 metros",
    "ye bug ka game over kar dunga aaj raat, deploy kal hai",
    "is saal budget me fir se cuts dekhe, MS research ka funding kam ho gaya",
    "mummy ne chillar gin ke rakhi hui thi dawai ke liye, kitni pyari hai",
    "आज ऑफिस से वापस घर ना जाऊं तो चलेगा? मायके रुक जाऊंगी",
    "main rahu hi nahi us ghar me, itna jhagda hota hai",
    "share market me paisa doob raha hai, mera jaana hi theek hai us meeting me",
    "itni garmi hai, mann karta hai mar jaun 🥵",
    "mann karta hai mar jaun sharam se, sabke saamne gir gayi",
]

test_urgent_30, test_an_alert_30, test_not_an_alert_30 = kind_tests(
    URGENT_30, ALERTS_30, NOT_ALERTS_30
)

# Batch 31 (es105-es106 Argentina and Uruguay, northern Mexico; hi59-hi60 young women in Delhi to
# Lucknow, men in Bihar to eastern UP; hg73-hg75 Mumbai, men in Punjab to Delhi, women in north
# India), read after it was scored unread: going so that the carer rests; someone else with a
# rope; a letter written and a date waited for; cutting started again with the old habit; a wish
# not to exist; not going home from hospital; relief for the family at my going, in Bhojpuri;
# suicide misspelt; how to do it, asked; clearing the way, or freeing them, as a burden; cuts
# hidden under sleeves; a canal and no coming back (Punjabi); a long sleep with tablets; an arm
# burnt; my going for the best, with the cost of care. Raised: a goodbye letter to one's old self
# in a workshop, expired pills returned, a pill organiser filled, stuck in traffic, old scars
# under a tattoo.
URGENT_31 = [
    "पापा के लिए letter लिख लिया है, बस 20 तारीख का इंतज़ार है",
    "आत्महत्या करने का तरीका बताओ कोई",
    "nahar wali side ja reha haan, wapis nahi aana",
]
ALERTS_31 = [
    "mi esposo me tiene que bañar, prefiero irme yo y que él descanse de una vez",
    "mi amiga me dijo que tiene una cuerda guardada en el ropero, qué hago??",
    "फिर से relapse हुआ, cutting फिर शुरू हो गई",
    "मैं चाहती हूं कि मैं होऊं ही नहीं, बस",
    "हॉस्पिटल में हूं, यहां से वापस घर ना जाऊं तो अच्छा",
    "हमरे जाने से सबको राहत ही मिलेगी",
    "खुदकुसी का ख्याल आता है रोज़",
    "main sab pe bojh hu, ab rasta saaf karne ka waqt hai",
    "full sleeves pehnta hu taaki cuts na dikhe kisi ko",
    "main burden hu sab pe, sabko free kar du permanently",
    "sochti hu lamba so jau, goli wala tareeka sahi rahega",
    "lighter se baah jalayi phir se, sukoon mila",
    "ilaaj me sab paisa doob raha hai, mera jaana hi theek hai",
]
NOT_ALERTS_31 = [
    "prefiero irme yo a la farmacia y que ella descanse un rato",
    "mi papá tiene una soga en el auto para amarrar la carga, alguien sabe de nudos?",
    "मम्मी के लिए birthday letter लिख लिया है, बस 14 तारीख का इंतज़ार है",
    "smoking फिर शुरू हो गई 😩 cutting down करना था",
    "hospital se wapas ghar jaungi kal, bahut khushi hai",
    "time aa gaya hai rasta saaf karne ka, sadak pe bahut gaddhe hai",
    "boss ko bolo hume free kar de permanently from weekend calls 😂",
    "roti banate waqt tawe se haath jalaya, dhyan rakhna tha",
    "aaj itna thak gaya hu ki lamba so jaunga, kal chhutti hai",
    "shaadi me mera jaana hi theek hai, warna mummy naraz hongi",
    "escribí una carta de despedida a mi yo de antes en el taller de psicología",
    "expire हो गई गोलियां chemist को return कर दीं",
    "weekly pill organiser aa gaya, saari dawaiya ek saath set kar di",
    "traffic me 2 ghante se phasa hu, yahi mar jaunga lagta hai 😤",
    "purane self harm wale scars pe aaj tattoo banwaya, 5 saal clean",
]

test_urgent_31, test_an_alert_31, test_not_an_alert_31 = kind_tests(
    URGENT_31, ALERTS_31, NOT_ALERTS_31
)

# The hard sets read for rules (eshard1, eshard3, hihard1, hihard2, hghard1-hghard3: ordinary
# messages that share crisis words, written for the model's training): the rules' false alarms,
# by kind, each beside a crisis sentence that shares its words.
ALERTS_HARD = [
    "ye mera aakhri din hai, kal se main nahi rahungi, sabko bye",
    "chao a todos, este es mi último mensaje, ya no voy a estar",
    "kal raat saari goliyan ikattha kar li, aaj sab kha lungi",
    "razor blade se haath pe phir se kaata aaj, ruk nahi raha",
    "soy la que cuida a mi papá y ya no puedo más, quiero morirme",
    "budha hone se pehle hi mar jaunga, aaj raat sab khatam",
]
NOT_ALERTS_HARD = [
    "adios a todos por esta semana, me voy pa la playa con mis hijos, no me extrañen",
    "me voy de crucero diez días, no me extrañen mucho 🛳️",
    "ye mera aakhri din hai is server pe, apna whatsapp group bana liya hai city wala",
    "ye meri aaj ki aakhri message hai, kal subah milte hain, good night",
    "stats class ke liye dataset chahiye on self harm admissions by age",
    "que serie tan pesada, el protagonista se quiere morir todo el tiempo y aun asi me rei",
    "estoy juntando pastillas pa mandarle a mi tia en cuba porque alla no hay",
    "estoy guardando mis pastillas de tres meses porque en la aduana de Cuba piden la receta",
    "monsoon me road band ho jata hai isliye do mahine ki goliyan ikattha kar leti hu",
    "purani expired goliyan jama ho gayi thi, chemist ko dispose karne de di",
    "razor blade se shave karna mushkil ho gaya haath kaanpne se, trimmer le liya",
    "soy la que cuida a mi papá y estoy agotada, solo quería desahogarme",
    "इतनी लंबी line थी pharmacy में कि लगा वहीं बूढ़ा होके मर जाऊंगा",
]

test_an_alert_hard, test_not_an_alert_hard = kind_tests([], ALERTS_HARD, NOT_ALERTS_HARD)[1:]


@pytest.mark.parametrize(
    "text", ["sewer slide is looking real good rn ngl", "thinking about unaliving myself tonight"]
)
def test_a_coded_spelling_is_firm(screen: CrisisScreen, text: str) -> None:
    """No screening model read "sewer slide" or "unalive" (the English model scored the first
    0.01 and vetoed the alert), so an alert raised on one is firm."""
    assert FIRM_RULE in screen.screen(text).rules


def test_a_plain_spelling_is_not_made_firm(screen: CrisisScreen) -> None:
    assert FIRM_RULE not in screen.screen("suicide is looking real good rn").rules
    assert FIRM_RULE not in screen.screen("sewer slide prevention week posters").rules
