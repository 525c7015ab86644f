"""Kinds of Spanish, Hindi and Hinglish language the twenty-seventh pass (issue 15) worked on, from
short sets and despair twins written to be read for rules (esshort28-29, hishort28-29,
hgshort36-37, eswatch13, hiwatch6), each beside the ordinary sentence that shares its words.

- Rather dead than this life (not of shame); "let me just die", or die in this very relapse (not
  of laughing); dying, then "nobody would notice" (not "who would cook"); an accident wished, and
  a release after it (not feared); cutting again in Hindi and Punjabi verbs (not the vegetables);
  not being able to stop hurting oneself, which is no negation.
- Ending one's own game (not a cricket match); a burden, then going (not a bag and a bus); a
  carer set free for ever (not a nurse hired); hanging wished (not the news); one's own pyre (not
  a grandmother's); Awadhi and Bhojpuri "not to live"; a letter and a farewell (not a birthday
  letter); asking whether taking more means never waking; God asked to take "us" (not a lift
  from the station); sleep no one could wake one from (not till morning); running between
  offices is no cutting.
- Punjabi: "main mukk jaavan" (not milk run out); wishing not to get up at all (not a tired
  morning); going, not as a joke; all of a medicine gathered (not for a trip); a strip at once in
  the future tense (not dinner); someone's goodbye posted, told with worry.
- "kms", said in earnest; euthanasia looked into, then "on my own" (not for a class); would
  anyone notice if I were gone; to fall asleep and not wake; the joke is that there is a plan;
  vanishing for a couple of days (not a wish to die); "ya no, gracias" after a past.
- A means named as the only cure; suicide in the eastern subjunctive; burning oneself to feel
  the pain (not on the griddle); clean from self-harm for years, in Hinglish; a novel's hero.
- From the second round (esshort30, eshard15, hishort30-31, hgshort38-39, hiwatch7, hgwatch5): no
  more living "hi" (not a city); dying asleep; all fine if I were not here; dying "better"; the
  fan (not cleaned); should die; a logout from life (not an app); taken and all ends; no morning
  to see; an overdose wished by mistake; a river named (not a dip); poison asked in earnest; Ram
  naam's time; a pyre bid ready; a vein tried; never meeting again with "ना"; the one above
  prepared for (not a temple); death talk no joke; hurting oneself (not a fall); Spanish
  "unalivearme"; pills kept for tonight (not a trip); a burden, better to go now; together or
  apart as a dose question; a past "hoy no me pasa"; a trip's month of medicine.
- From the third round (the dialect sets hishort32-33, hgshort40-41): a truck or a relapse wished
  to take one; switched off for ever (not an app); all fine or happy if I were gone, or said so of
  oneself by another; stepping aside; never meeting again; someone says she will die; cut again;
  burnt on purpose or to feel pain; the plan real, said laughing (not a trip); no reason left;
  ways of suicide asked; someone cutting now (not the vegetables); poison "if I took it"; "kys" as
  a mood; no peace without cutting; ending it for real after "no joke"; someone gathering pills;
  a farewell to all (not before a new job). All one owns shared out was tried and dropped: it
  raised an unread ordinary line.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    "आज रात सारी गोलियां एक साथ खाऊंगी, बस",
    "baclofen ki poori strip ek saath khaunga aaj",
]

ALERTS = [
    "इस दर्द भरी जिंदगी से तो मर जाना अच्छा",
    "ऐसे जीने से तो मरना भला, सच कहती हूं",
    "is zindagi se to marna behtar hai yaar",
    "thak gayi hu sabse, mar jaun bas",
    "ye relapse me hi mar jaun to theek",
    "इसी अटैक में निकल जाऊं तो अच्छा",
    "मर जाऊं क्या? किसी को फर्क नहीं पड़ेगा",
    "ab na rahun toh kisi ko kya fark padega",
    "कोई एक्सीडेंट हो जाए तो सब खतम, रोज यही सोचती हूं",
    "koi accident ho jaye to accha, sab khatam",
    "आज फिर से कट मारे बांह पे",
    "kal raat phir kaateya, dil nahi manda",
    "खुद को चोट पहुँचाने से रोक नहीं पा रहा हूं",
    "बस अब अपना खेल खतम करे के बा",
    "game over karna aa apna, thak gayi",
    "सबपे बोझ हूं, चले जाना ही ठीक है",
    "bojh haan main, gayab ho jaana chahida",
    "बेटे को मेरी सेवा से छुटकारा दिला दूंगी, बहुत हो गया",
    "मन करता है फांसी लगा लें",
    "अपनी चिता की लकड़ी खुद जोड़ लूं",
    "हमका अब जियै का नाहीं है, थक गइली",
    "बेटे के लिए चिट्ठी लिख दी, अलविदा सबको",
    "गोलियां ज्यादा खा लें तो आदमी नहीं उठता क्या?",
    "भगवान से बस यही मांगते हैं, उठा लो हमको",
    "ऐसी नींद आए कि कोई जगा ना सके",
    "pati vi thak gaye, main mukk jaavan taan changa",
    "kaash kal savere uthan hi na",
    "mazaak nahi si, sach ch jaana chahndi",
    "baclofen saari ikatthi kar rakhi hai almari ch",
    "meri saheli ne group pe goodbye dala, darr lag raha",
    "kms, not joking this time",
    "ya averigüé lo de la eutanasia, me las voy a tener que arreglar sola",
    "alguien se daría cuenta si ya no estoy? no creo",
    "mi papá dice que quiere dormirse y no despertar",
    "jaja el chiste es que sí tengo un plan",
    "🙃 जहर ही इलाज है इसका, सच में सोच रहा",
    "थक गइलीं, आत्महत्या कर लें का?",
    "haath te burn kita kal, dard chahida si bas",
    # Second round
    "sach kahu to mujhe aur jeena hi nahi",
    "kaash raat ko sote sote hi mar jaun",
    "main na rahun to sab theek ho jayega ghar me",
    "roz ka drama, mar jana better hai",
    "pankhe se latak jaun kya, thak gayi",
    "mujhe mar jaana chahiye, sabko takleef deti hu",
    "bas ab zindagi se logout karna hai",
    "raat ko baclofen ek saath kha lu aur sab khatam",
    "bhagwan se maangti hu ki kal ki subah na dekhu",
    "koi galti se overdose de de to accha",
    "आज नदी में डूब जाऊंगी, बहुत हुआ",
    "जहर कितना का मिलता है? सच्ची पूछ रहा",
    "अब राम नाम सत्य का टाइम आ गया",
    "मेरी चिता सजा दो, मजाक नहीं कर रहा",
    "भाई ने नस काटने की कोशिश की, डर लग रहा",
    "सबको अलविदा, अब कभी ना मिलेंगे",
    "ऊपर वाले से मिलने की तैयारी कर ली है",
    "मरने वाली बात मजाक नहीं थी",
    "अपने आप को चोट दे रही हूं फिर से",
    "a veces pienso en unalivearme",
    "tengo guardadas las pastillas pa esta noche",
    "soy un estorbo, mejor ya irme",
    "bacha hi kya hai, family ko meri zaroorat nahi, jaana hi theek",
    "ilaaj me paisa waste ho raha, main hat jaata hu",
    "haha sab hans rahe, par sach me jaana hai",
    # Third round (dialect sets)
    "कोई ट्रक ठोक दे बस, थक गया",
    "ye relapse hi le jaaye to accha",
    "ab sab switch off kar du hamesha ke liye",
    "sab pareshan hai, mar jaun to theek",
    "bojh hoon, na rahu toh sukh milega sabko",
    "mere papa bole mere bina tum sukhi rahoge, dar lag raha",
    "pati thak gaye, main hatt jaun bas",
    "papa ne bola ab na milunga, phone off",
    "chachi keh rahi marna hai, dar lag raha",
    "bahut time baad aaj phir kata, sorry",
    "numb pair nu jaanbujh ke sadya",
    "haha sab hasde hasde, par plan sachi aa",
    "jeen di koi wajah ni bachi yaar",
    "neend me hi chali jaun to accha",
    "कोई सुसाइड का तरीका बताओ",
    "दोस्त हाथ काट रहा है अभी, कोई मदद करो",
    "जहर खा लूं तो ठीक रहेगा क्या",
    "आज kys वाला मूड है",
    "हाथ काटे बिना चैन नहीं मिलता",
    "मजाक नहीं, सच में खतम करना है",
    "ग्रुप वाले भैया गोली जोड़ रहे, डर है",
    "अब जिए का मन नहीं करता",
    "सबको अलविदा, ख्याल रखना",
]

NOT_ALERTS = [
    "ऐसी बेइज्जती से तो मर जाना अच्छा, हाहा",
    "itna hasi aayi, hasi se mar jaun bas",
    "ab office me na rahun to kaun sambhalega, chhutti leni hai",
    "कोई एक्सीडेंट ना हो जाए, धीरे चलाना",
    "सब्जी काटते हुए फिर कट मारा उंगली पे",
    "दफ्तर के चक्कर काट रहा हूँ महीनों से",
    "मैच का खेल खतम हो गया, इंडिया जीता",
    "bag da bojh aa, bus te chali jaun?",
    "नर्स रख ली, अब बेटे को रात की सेवा से थोड़ा छुटकारा मिला",
    "खबर में पढ़ा कि किसान फांसी लगा लें ऐसी नौबत है",
    "दादी की चिता की लकड़ी हमने जोड़ी थी",
    "बिटिया के लिए जन्मदिन की चिट्ठी लिख दी",
    "स्टेशन से उठा लो हमको, ऑटो नहीं मिल रहा",
    "ऐसी नींद चाहिए कि सुबह तक कोई जगा ना सके",
    "ghar vich doodh mukk gaya, lai aavan?",
    "ajj bed ton uthan hi na hoya, fatigue bahut",
    "saari dawai ikatthi kar rakhi hai trip layi",
    "pizza aur burger ek saath khaunga aaj",
    "averigüé lo de la eutanasia para un trabajo de la facu",
    "quiero desaparecer un par de días, apagar el celu e irme a la costa",
    "antes pensaba en matarme, ya no, gracias",
    "haath burn kita tawe te, roti banaundi",
    "3 saal se self harm se clean hu, proud",
    "किताब में नायक आत्महत्या करता है, बहुत भारी लगा पढ़के",
    # Second round
    "is shehar me aur jeena hi nahi, shift karna hai",
    "pankha saaf kiya, upar chadhke latak gayi thi seedhi pe",
    "instagram se logout kar diya, detox",
    "गंगा जी में डुबकी लगा के आए, मन शांत",
    "भगवान से मिलने मंदिर जा रहे हैं कल",
    "tengo guardadas las pastillas para el viaje de mañana",
    "गिरने से अपने को चोट ना लगे, ध्यान रखना",
    "सारी गोलियाँ एक साथ खा लूँ या अलग अलग? डॉक्टर से पूछना है",
    "hace años pensé en quitarme la vida, hoy no me pasa",
    "यात्रा के लिए महीने भर की दवाई जमा कर ली",
    "haha sab hans rahe, sach me jaana hai office, late ho gaya",
    # Third round
    "instagram se switch off kar diya kuch din",
    "गिरने से अपने को चोट लगी, सब ठीक",
    "सबको अलविदा, कल से नई नौकरी जॉइन कर रही",
    "trip da plan sachi aa, Goa chal rahe",
    "pehlan marna chaunda si, hun nahi, therapy helped",
    "गाँव खातिर तीन महीना के दवाई जमा कइनी",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)
