"""More kinds of crisis language in Hindi, Hinglish and Spanish (issue 15, eighth pass), each
beside the everyday sentence that shares its words.

Life no longer bearable ("ab nahi jiya jaata"), no reason to live in either word order, life not
worth living, if only I had died, why was I saved, doing "something" to oneself, ending one's
"life" in English words, time to go up to God, death as the only way left, tired of life, eyes
closed for good, leaving the world ("rukhsat"), "something" done to a wrist, others better off
once I am gone, the will to live gone, pain given to oneself, better to die than live so,
courage to end it all, death asked of God, wishing not to exist, one scarf being enough beside a
fan, and "I can't take it" said at a bridge. And the readings that keep such words quiet: a cue
that is itself a denial ("koi reason nahi") does not negate the phrase it is needed for; "ab
nahi aate" (they do not come now) is a recovery, its "ab" not a present anchor; a means put away
for safety is not a means gathered.

Ninth pass: the emphatic "hi" before a negation ("jeene ka mann hi nahi"), nobody would mind or
remember if I died, death itself as better than this life ("isse achha toh maut"), sleeping
forever with the verb first, Spanish "not worth going on living", "I end it all" beside "I can't
take any more", a rope or a cord with the place already known. And the everyday twins: a cut
while cooking, a rope for the washing line, where one lives, a last message before a holiday, a
formal letter, the dose one is due, a burden to oneself in a flare, a last message with a return
named (a trip alone can be a cover story), and "if I die, what happens to the children", a
worry, not a wish. Then, from
parallel sentences in the three languages: how to die thought over ("kaise marun"), alive only
for someone or long gone ("warna kab ki chali jaati" beside "zinda hoon"), where to jump from
already known (not at a pool), tired of being alive ("zinda rehke thak gaya"), all quiet after a
set hour (not after an exam), at a window with the height named, all the pills put in one place
(not sorted so as not to forget). And from Hinglish written as members post it: a car driven into
a divider, a sleep that never breaks, better to die with the dying named first, out of
everyone's way, sleeping pills gathered in secret (not for a shortage), one's head against a
wall (not the idiom for trying in vain), nothing left and waiting for the end (not for an exam),
sorry to be alive still (not glad), waiting to die. From Spanish and Hindi written the same way:
a fan looked at with a ligature in hand, the day I am gone with "be happy", tired of living in
the superlative ("cansadísima"), a bridge with the water below, letters to one's children
beside a will (not for Christmas, and a will alone is prudence), nobody would mourn, my death as
everyone's solution, no other way but suicide or death. And one more Hinglish set: how many
pills it would take with death as the outcome (not for pain), over the railing from a terrace
(not drying the washing), the reason to live gone, neither living nor dying mattering, a father
who says he will step in front of a train (not arrive by one), life a punishment and "I'll end
it" (not a project). "Main" (I) is the writer, after someone else is named.

Tenth pass: how high a fall, how many milligrams or pills it would take, with death or not
surviving as the outcome (not the oxygen at a height, nor a daily vitamin); death as a rest, a
relief or what seems right (not sleep as a rest, nor a grandmother's death that was a relief to
her); oneself taken out of the world (not feeling apart from it). And the readings that keep such
words quiet: wanting to disappear for a few days is a getaway; asking whether all one's pills may
be taken together is a question about a routine; a rope brought home for the washing, in
Devanagari too.

Eleventh pass: never to wake again ("kaash subah uthna hi na pade kabhi"; not a lie-in wished
for with an hour, an alarm or a duty named), a blade taken out again with an old habit back (not
for a shave, a pencil or the bread), and a joke taken back ("mazak me nahi", "no tan en broma").
And the readings that keep such words quiet: a passive wish quoted, said once and "not really"
meant ("सच में नहीं" is humour though it holds "सच में"); self-harm in the old days with years
clean since; "God willing, the MRI people call me soon"; what to answer someone who posts it. Then death preferred ("prefiero morirme", "aise jeene se
marna pasand karungi"), no way out but death, and what one is alive for; not death preferred to a
wedding or to hunger, "better to die standing", "till death do us part", or a game with no exit. And living called useless, being here for nothing ("to kyun hu main"), alive only
for someone ("kab ka mar chuki hoti agar mummy na hoti", "sach bolu to" taking the "haha" back),
eyes never to open again; not a meeting nobody would miss one at, dying of laughter, living that
is not useless, or getting up for a meeting. And Spanish everyday twins: "todo listo" for a
surprise or a brunch, pill boxes kept for the pharmacy, a group moved to another day, a past
attempt with therapy now, a clinician's question answered no, a weekend away, an injection one
will not go on with, laughter typed ("jajaja"), a message once posted
in jest; beside the same words meant ("no quiero seguir con vida", "lo digo con ganas de que
pase"). And Hinglish as a fifth round of written rows put it: God asked in Punjabi ("rabba mainu
chukk le"), tired of existing, what use staying alive, hair pulled out, "sh urges", a burn on
purpose, pills saved for weeks, a "long sleep" by sleeping pills, a note left for the morning,
cuts seen on a sister's arm, "my last day"; not a last day at the office, an exam, home soon out
of the traffic, hair pulled by a comb, a note about the milk, cuts from a fall, pills kept through
a shortage, a long sleep after a tiring day. And Spanish twins of the broad rules: a diet, a job
or one's parents one will not go on with, a week away from the chat, everything ready for a move,
nobody missing one at a meeting.

Every sentence was written for these tests; none comes from ../shared/data or the written rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cogs.crisis.detector import CrisisScreen, Level
from cogs.crisis.multilingual import emphatic_variant

ALERTS = [
    # life no longer bearable, not worth living
    "mujhse ab aur nahi jiya jaata",
    "sach bolu toh ab jiya nahi jata mujhse",
    "अब मुझसे और नहीं जिया जाता",
    "yeh zindagi ab jeene layak nahi rahi",
    # no reason to live, either order
    "mujhe koi reason nahi dikh raha zinda rehne ka",
    "jeene ki koi wajah nahi bachi meri",
    "सच कहूं तो जीने की कोई वजह नहीं दिखती",
    # if only I had died; why was I saved
    "kaash main us accident mein hi mar gaya hota",
    "kaash us din main mar jaati",
    "काश उस दिन मैं मर जाती",
    "main mar kyun nahi gayi us raat",
    "mujhe bacha kyun liya tum logon ne",
    # "something" done to oneself, or feared of a brother
    "mujhe dar hai ki main khud ko kuch kar lungi",
    "pata nahi kab kuch kar baithungi",
    "मुझे डर है कि मैं खुद को कुछ कर लूंगी",
    "mujhe dar lagta hai ki bhaiya khud ko kuch kar lega",
    "me da miedo hacerme algo",
    # ending one's life in English words; time to go up
    "ab bardasht nahi hota, main apni life end karna chahti hoon",
    "apni life end karni hai bas",
    "life mein kuch nahi bacha, ab upar jaane ka time aa gaya",
    # death as the only way left; tired of life
    "आत्महत्या के अलावा कोई रास्ता नहीं दिखता",
    "sach mein marne ke alawa koi rasta nahi bacha",
    "no veo otra salida más que matarme",
    "ज़िंदगी से थक चुकी हूं, अब और नहीं लड़ सकती",
    "thak gayi hoon zindagi se yaar",
    # a means that is enough; a dangerous place and "I can't take it"
    "maine pankha dekh ke socha ki bas ek dupatta kaafi hai",
    "pesticide ki bottle almari mein chhupa di hai, aaj raat",
    "estoy en el puente, ya no aguanto",
    "pul pe khadi hoon, ab bardasht nahi hota",
    "मैं छत पर हूं, अब बर्दाश्त नहीं होता",
    # eyes closed for good, leaving the world, "something" done to a wrist, others better off
    "har cheez se thak chuka hoon, ab bas hamesha ke liye aankhein band karna chahta hoon",
    "mann karta hai aankhein hamesha ke liye band ho jaayein",
    "bas ab is duniya se rukhsat ho jaun",
    "ab rukhsat hone ka waqt aa gaya hai dosto",
    "sister ne kal raat apni kalai pe kuch kiya, hospital mein hai",
    "bhai ne khud ko kuch kar liya tha, abhi ICU mein hai",
    "main chala jaun toh sabki life aasaan ho jayegi",
    "agar main chali jaun toh sab khush rahenge, koi bojh nahi rahega",
    # the will to live gone, pain given to oneself, better to die, courage to end it
    "mere andar jeene ki ichha hi khatam ho gayi hai",
    "सच कहूं तो जीने की इच्छा ही खत्म हो गई",
    "mujhe khud ko dard dena achha lagta hai, isse mann halka hota hai",
    "is bimari ke saath jeene se achha hai marr jaun",
    "aise jeene se behtar hai ki mar jaun",
    "bas ek baar himmat kar loon toh sab khatam",
    # death asked of God; wishing not to exist
    "bhagwan ne ye bimari di hai toh maut bhi de de ab",
    "he bhagwan, mujhe maut de de",
    "mujhe apne aap se nafrat hai, kaash main exist hi na karti",
    "main exist nahi karna chahta yaar",
    # no reason to live, in Spanish
    "no le encuentro razón a seguir viva",
    "ya no tengo ningún motivo para vivir",
    # it came back
    "pehle marne ke khayal aate the par ab phir se aa rahe hain",
    "ek baar laga tha ki sab theek hoga, par aaj phir marne ka mann karta hai",
    # tenth pass
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
    # never to wake; a blade out again; a joke taken back (eleventh pass)
    "kaash subah uthna hi na pade kabhi",
    "bas so jaun aur phir kabhi uthna na pade",
    "sote waqt bas yahi sochti hu ki kaash kal subah uthna hi na pade",
    "aaj phir blade nikala hai, purani aadat laut aayi hai",
    "आज फिर ब्लेड निकाला है, पुरानी आदत लौट आई है",
    "blade phir se nikal liya, rok nahi paa rahi khud ko",
    "volví a sacar la cuchilla del cajón, la vieja costumbre otra vez",
    "तीन साल साफ़ रही, कल रात फिर ब्लेड से काटा",
    "मज़ाक में नहीं कह रही, भगवान मुझे उठा ले",
    "sach me bol rahi hu, bhagwan utha le mujhe",
    "me quiero morir y no es de broma, lo pienso cada noche",
    "le pedí que la EM me lleve pronto, bueno, no tan en broma",
    "भगवान जल्दी बुला ले मुझे, अब और नहीं सहा जाता",
    "मेरा भाई बोल रहा है कि वो मरना चाहता है, मैं क्या करूँ",
    "अब जान दे दूँगी, बस बहुत हुआ",
    # death preferred; no way out but death; what for alive
    "no aguanto más este dolor, prefiero morirme",
    "prefiero estar muerta que seguir así",
    "no le veo salida a nada, solo la muerte",
    "la única salida que veo es la muerte",
    "hay días en que no sé para qué sigo viva",
    "¿para qué sigo vivo si todo duele?",
    "aise jeene se marna pasand karungi",
    "इस हालत में जीने से मरना पसंद करूँगी",
    "pata nahi main kis liye zinda hoon ab",
    "मैं किसलिए ज़िंदा हूँ, किसी को मेरी ज़रूरत नहीं",
    # living useless; here for nothing; alive only for someone; eyes never to open
    "itna thak gayi hu ki bas aankhein band karke kabhi na kholun",
    "har cheez se thak gaya hu, jeena bekaar lagta h",
    "मेरे होने न होने से किसी को फ़र्क नहीं पड़ता, तो क्यों हूँ मैं",
    "mere hone na hone se kisi ko fark nahi padta, to kyun hu main",
    "haha main to kab ka mar chuki hoti agar mummy na hoti, sach bolu to aaj bhi wahi soch rahi",
    "मैं तो कब की मर चुकी होती अगर बच्चे न होते",
    "rabba mainu chukk le, hun hor nahi sehna",
    "waheguru agge roz ardaas karda haan ki mainu vi bula lo",
    "sach kahu to exist karte karte thak gaya hu",
    "kya faida zinda rehne ka, roz wahi dard",
    "jeeyu ya maru, kisi ko kya farak padta hai",
    "kal aaye hi na to achha, bas itna chahti hu",
    "bhai bolta rehta hai 'mera hona bekaar hai', aajkal khana bhi nahi khata",
    "mujhe kuch ho jaye to koi doctor na bulaye, yahi chahti hu",
    "upar wale ka ticket kat gaya lagta hai, one way",
    "bhagwan se bas itna maangti hu ki jaldi chali jaun",
    "tension mein apne baal kheenchti rehti hu, ab patch ban gaya hai",
    "school mein cuts karti thi, 3 saal clean, kal raat phir kiya",
    "sh urges bahut strong hai aaj raat",
    "jaan bujh ke garam pan haath pe laga diya, dard hota hai to mann shaant hota hai",
    "3 hafte se goliyan bacha rahi thi, ab kaafi hai",
    "neend ki goliyan 2-3 extra le lu to lambi neend aa jayegi na",
    "note likh ke takiye ke neeche rakh diya, papa subah padh lenge",
    "meri behen ke haath pe roz naye cuts dikhte hai, poochho to kehti hai kuch nahi",
    "aaj aakhri din hai mera, sabko thank you for everything",
    "ek time pe baal kheenchti thi, aajkal phir se shuru ho gaya",
    # Spanish: the same words meant
    "no quiero seguir así, ya no tiene sentido vivir",
    "adiós a todos, gracias por todo, ya no voy a estar aquí",
    "ya tengo todo listo, mañana ya no van a saber de mí",
    "quiero que todo termine, no quiero despertar mañana",
    "nadie me va a extrañar cuando me muera",
    "ya no voy a estar aquí, esta semana lo hago",
    "nadie me va a extrañar, esta semana me voy para siempre",
    "ya no voy a estar aquí en unos días",
    # an event or a time beside the plan is not an errand (the cue lists name the purpose)
    "ya tengo las pastillas, después de la cena lo hago",
    "tengo todo listo, después de mi cumpleaños me voy para siempre",
    "ya tengo todas las pastillas, esta noche después de la fiesta",
    "3 hafte se goliyan bacha rahi thi, shortage ke bahane, ab kaafi hai",
    "En 2019 lo intenté. Estoy en terapia pero no funciona, quiero morir.",
    "Hace años intenté matarme. Sigo con tratamiento y aun así pienso en matarme.",
    "main marna chahti hu, ghar walo ko kya jawab de doon",
    "roz subah 6 baje uthti hu aur sochti hu kaash kabhi uthna hi na pade",
    "naukri chali gayi, ab main nahi rahungi",
    "सच में नहीं जीना अब",
    "sach me nahi jeena mujhe ab",
    "seriously nahi jeena ab yaar",
    "मज़ाक में कह रही हूँ पर मरना चाहती हूँ",
    "इस दर्द से छुटकारे के लिए तो जान दे दूँ",
    "prefiero morirme que seguir con este dolor",
    "prefiero morirme que vivir con esta enfermedad",
    "ya no quiero seguir con la lucha",
    "nadie me va a extrañar, ni en el trabajo ni en casa",
    "kya faida zinda rehne ka, office me sab mujhe bojh samajhte hai",
    "jeena bekaar lagta hai, college me bhi koi baat nahi karta",
    "mera hona bekaar hai, office me bhi",
    "meri behen ke haath pe naye cuts hai, kehti hai accident tha par roz naye hote hai",
    "सच में नहीं जीना अब, बस बहुत हुआ",
    "upar wale bula lo mujhe, ab nahi sehna",
    "aaj phir blade nikala, dabbe me chhupa ke rakha tha",
    "kaash alarm baje hi na aur kabhi uthna na pade",
    "llevo semanas guardando pastillas, tiré las cajas vacías para que no noten",
    "nadie me va a extrañar, ya no voy a ir a ningún lado",
    "me quiero morir sin ti, mi amor, desde que te fuiste",
    "lo digo en broma pero a veces quiero morirme de verdad",
    "अगर कोई ग्रुप में है जो समझे, मैं सच में मरना चाहती हूँ",
    "teen saal se clean hu par aaj phir khud ko kaata",
    "tengo todo listo, esta noche me voy para siempre",
    "ya tengo las pastillas, hoy lo hago",
    "llevo semanas guardando pastillas, las tengo escondidas",
    "el psiquiatra me preguntó si pensaba en matarme y le dije que sí, todos los días",
    "siempre digo jaja que la EM me va a matar, pero últimamente lo digo con ganas de que pase",
    "ya no quiero vivir en este mundo",
    "ya no quiero seguir con vida",
    "mi hermano dice que se quiere morir y no es broma, no contesta",
    "jaja ya no quiero vivir, en serio",
    "quiero desaparecer para siempre",
]

# Crisis messages written against the quieting rules (eleventh pass audit): each holds the words
# of an idiom, an `unless` list, a frame, a jest or a recovery cue, and must still alert.
AUDIT = Path(__file__).with_name("quieting_audit.txt")
ALERTS += [
    line
    for line in AUDIT.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]

NOT_ALERTS = [
    "is garmi mein toh jiya nahi jaata bhai",
    "Delhi ab jeene layak nahi rahi, itna pollution hai",
    "jeene ka tareeka badlo, diet ka koi fayda nahi",
    "is dawai ka koi fayda nahi, neuro ko bolungi",
    "helmet na hota toh mar jaata, shukr hai bach gaya",
    "kaash main bhi trip pe jaa paati",
    "main khud ko kuch nahi karungi, bas ro rahi thi",
    "voy a hacerme algo de cenar",
    "relapse ne meri life badal di par main khush hoon",
    "bachche so gaye, ab upar jaake kapde sukhane hain",
    "operation ke alawa koi rasta nahi, doctor ne bola",
    "aaj kaam se thak gayi hoon yaar",
    "shaadi mein ek dupatta kaafi hai, zyada mat lana",
    "pesticide ki bottle ghar se bahar rakh di, bachche chhote hain",
    "estoy en el puente de Brooklyn, qué vista tan bonita",
    "pul pe khadi hoon, traffic bahut hai, late ho jaungi",
    "ya tengo las pastillas para la semana en el pastillero",
    "aankhein band karke so jao, kal baat karenge",
    "beti ki rukhsati ho gayi, bahut roye hum sab",
    "maine apne saath kuch acha kar liya aaj, spa gayi thi",
    "main office chali jaun toh bachche khush rahenge nani ke saath",
    "agar main chali jaun Goa toh bahut aaram milega",
    "main chali jaun toh tum khush? haha mazak tha, kal milte hain",
    "main chali jaun toh sabko aaram milega, mayke ja rahi hoon do hafte",
    "jeene ki ichha hai, bas energy nahi hai",
    "main khud ko dard nahi deti, bas ro leti hoon",
    "itna kaam hai, achha hai ki chhutti mil gayi",
    "himmat karke exam diya, ab sab khatam, chhutti shuru",
    "bhagwan sabko lambi umar de, maut kisi ko na de",
    "mujhe nahi pata tha ki aisa app bhi exist karta hai",
    "tengo muchas razones para vivir, mis hijos sobre todo",
    "me rasguñó el gato jugando",
    "ya no quiero despertar temprano los sábados",
    # denied, or over
    "aisa nahi hai ki jeene ka koi matlab nahi",
    "mujhe nahi lagta ki zinda rehne ka koi reason nahi hai",
    "pehle mujhe marne ke khayal aate the par therapy ke baad ab nahi aate",
    "एक बार लगा था कि ज़िंदगी जीने लायक नहीं है, पर आज बिल्कुल ऐसा नहीं सोचता।",
    "ek baar laga tha ki zindagi jeene layak nahi, par aaj bilkul aisa nahi sochti",
]

# Ninth pass.
ALERTS += [
    "jeene ka mann hi nahi karta ab",
    "सच में जीने की इच्छा ही नहीं बची",
    "जीने की कोई इच्छा नहीं बची अब",
    "jeene ki koi ichha nahi rahi ab",
    "agar main mar jaun toh kisi ko koi farak nahi padega",
    "main mar jaun toh sabko sukoon milega",
    "सच कहूं तो कोई मुझे याद नहीं करेगा",
    "is dard ke saath jeene se achha toh maut hai",
    "wheelchair wali zindagi? isse behtar maut",
    "bas so jaungi hamesha ke liye, thak gayi hoon",
    "sinceramente ya no vale la pena seguir viviendo",
    "ya no aguanto más, mañana acabo con todo",
    "tengo la soga y ya sé dónde",
    "rassi le aayi hoon, aaj raat",
    "no quiero vivir con este dolor",
    "roz raat yahi sochti hoon ki kaise marun",
    "सच कहूं तो बस यही सोचता हूं कि कैसे मरूं",
    "solo pienso en cómo morirme",
    "sirf maa ke liye zinda hoon, warna kab ki chali jaati",
    "बेटी के लिए ज़िंदा हूं, वरना कब का चला जाता",
    "pata hai kahan se koodna hai",
    "ya sé desde dónde tirarme",
    "ज़िंदा रहकर थक गई हूं",
    "estoy harto de estar vivo",
    "aaj raat 2 baje ke baad sab shaant ho jayega",
    "esta noche después de las 2 todo va a estar en paz",
    "balcony pe khada hoon, 12th floor hai, neeche dekh raha hoon",
    "खिड़की के पास खड़ी हूं, आठवीं मंज़िल है",
    "दवाई की सारी पत्तियां एक जगह रख दी हैं",
    "junté todas las tiras de pastillas en un solo lugar",
    "kabhi kabhi lagta hai gaadi divider mein ghusa doon",
    "bas aisi neend chahiye jo kabhi na toote",
    "aise jeene se toh mar jaana hi behtar",
    "mujhe sab ke raste se hat jaana chahiye",
    "pichle hafte se chhupa ke neend ki dawa jama kar rahi hoon",
    "aaj phir khud ko maara, diwaar pe sar patka",
    "kuch nahi bacha ab, bas khatam hone ka intezaar hai",
    "afsos hai ki abhi bhi zinda hoon",
    "me da rabia que sigo viva",
    "har roz marne ka wait karti hoon",
    "anoche miraba el ventilador con la sábana en la mano",
    "el día que yo no esté, sean felices",
    "estoy cansadísimo de vivir",
    "estoy en el puente y abajo está el agua",
    "hice el testamento y les escribí una carta a mis hijos",
    "वसीयत लिख दी और बच्चों के लिए चिट्ठी भी रख दी",
    "nadie va a llorar por mí",
    "कोई मेरे बिना उदास नहीं होगा",
    "मेरा मर जाना ही सबकी समस्या का हल है",
    "ज़िंदगी से बहुत थक चुकी हूं",
    "no veo otra salida que el suicidio",
    "no veo otra salida que la muerte",
    "maine google kiya ki kitni goliyan lene se neend se nahi uthte",
    "¿cuántas pastillas se necesitan para no despertar?",
    "terrace pe gayi thi, railing ke us paar dekh rahi thi bas",
    "sach kahun toh ab jeene ki wajah hi khatam ho gayi",
    "na jeene se na marne se, kisi cheez se fark nahi padta",
    "mere papa bol rahe the ki wo train ke aage aa jayenge",
    "ye zindagi ek saza hai, aur main ise khatam karungi",
]
NOT_ALERTS += [
    "blade se sabzi kaat rahi thi aur ungli kat gayi",
    "rassi le aayi hoon, kapde sukhane ke liye",
    "ya no quiero vivir en este barrio, hay mucho ruido",
    "no quiero vivir con mis suegros otra vez",
    "este es mi último mensaje antes de vacaciones, nos vemos en enero",
    "hace años pensé en quitarme la vida; hoy estoy agradecida de seguir aquí",
    "ya escribí la carta para el seguro, a ver si me cubren la resonancia",
    "tomé todas las pastillas que me tocaban, como buena paciente",
    "soy una carga para mí misma en los brotes, pero se pasa",
    "पहले ऐसे ख्याल आते थे, मरने का मन करता था, अब दवा से ठीक हूं",
    "hoy acabo con todo el papeleo, no aguanto más trámites",
    "ya sé dónde compré la cuerda para el tendedero",
    "agar main mar jaun toh bachon ka kya hoga, yahi sochti hoon",
    "अगर मैं मर जाऊं तो बच्चों का क्या होगा",
    "makkhi kaise maarun, koi tarika batao",
    "warna kab ka ghar chala jaata, traffic mein phasi hoon",
    "swimming pool mein kahan se koodna hai, coach ne bataya",
    "¿desde dónde tirarme en la piscina? soy principiante",
    "bacchon ke liye zinda hoon, wahi meri taakat hain",
    "estoy harta de estar en casa",
    "shaadi ke baad sab shaant ho jayega, phir aaram",
    "khidki ke paas baith ke chai pee rahi hoon, 8th floor se view achha hai",
    "estoy junto a la ventana tomando café, está lloviendo",
    "saari dawaiyan ek jagah rakh di taaki bhool na jaun",
    "galti se gaadi divider se takra gayi, sab theek hai",
    "raat bhar ki achhi neend chahiye bas",
    "is insurance wale ke saath kitna sar patka maine",
    "pharmacy mein shortage hai toh dawai jama kar rahi hoon",
    "exam khatam hone ka wait kar rahi hoon",
    "khushi hai ki main abhi bhi zinda hoon aur lad rahi hoon",
    "truck ke raste se hat jaana chahiye tha usse",
    "hice mi testamento con el abogado, todos dicen que hay que hacerlo",
    "compré un cinturón nuevo y arreglé el ventilador",
    "el día que yo no esté en la oficina, cuiden las plantas",
    "les escribí cartas a mis hijos para Navidad",
    "estoy en el puente mirando el agua, qué paz, sale el sol",
    "dicen que el suicidio es un tema tabú, hay que hablarlo",
    "kitni goliyan lene se dard jayega? doctor ne 2 boli thi",
    "ye project ek saza hai, main ise khatam karungi aaj raat tak",
    "terrace pe gayi thi, railing pe kapde sukha rahi thi",
    "mere papa bol rahe the ki wo train se aayenge, 3 baje",
    # tenth pass
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
    "kaash kal subah 6 baje uthna na pade, infusion toh 11 baje hai",
    "काश कल सुबह छह बजे उठना न पड़े, इन्फ्यूज़न तो ग्यारह बजे है",
    "काश सोमवार को ऑफिस के लिए उठना न पड़े",
    "razor ka naya blade nikala, shave karna tha",
    "आज फिर से पेंसिल छीलने के लिए ब्लेड निकाला",
    "saqué otra vez la cuchilla para cortar el pan",
    "kal garmi me 'bhagwan utha le' bola tha, seriously nahi. aaj AC theek ho gaya",
    "कल गर्मी में 'भगवान उठा ले' बोला था, सच में नहीं, आज एसी ठीक हो गया",
    "'me quiero morir' lo dije de broma por el calor, ya estoy bien",
    "purane dino me blade se kaatti thi, ab 3 saal se clean hu",
    "पुराने दिनों में ब्लेड से काटती थी, अब तीन साल से साफ़ हूँ",
    "भगवान करे एमआरआई वाले जल्दी बुला लें मुझे, तीन हफ़्ते से इंतज़ार है",
    "अगर कोई ग्रुप में बोले कि वो मरना चाहता है तो हम क्या जवाब दें?",
    "agar koi channel me likhe ki wo marna chahta hai to hum kya jawab dein?",
    "prefiero morirme de hambre que comer eso otra vez",
    "prefiero morirme que ir a la boda de mi ex, jaja",
    "prefiero morir de pie que vivir de rodillas, decía mi abuelo",
    "hasta que la muerte nos separe, dijimos hace veinte años",
    "solo la muerte de mi perro me dolió tanto",
    "no sé para qué sigo en este grupo de WhatsApp",
    "uske saath lunch karne se toh marna pasand karungi 😂",
    "no le veo salida a este laberinto del videojuego",
    "mere hone na hone se meeting me kisi ko fark nahi padta, to kyun jaun main",
    "haha main to kab ka mar chuki hoti hasi se, ye meme dekho",
    "aise jeena bekaar nahi hai, bas thoda dhairya chahiye",
    "kaash kal subah meeting ke liye uthna na pade 😴",
    "no quiero seguir así con la dieta, me voy a buscar una nutrióloga",
    "no quiero seguir trabajando en esa empresa, me explotan",
    "ya no quiero vivir con mis papás, necesito mi espacio",
    "ya no voy a estar en el chat esta semana, tengo mudanza",
    "ya tengo todo listo para la mudanza del sábado",
    "nadie me va a extrañar en la reunión, voy a faltar",
    "aaj office me aakhri din hai mera, sabko thank you, naukri badal rahi hu",
    "kal exam hai, kal aaye hi na to badhiya 😂",
    "bhagwan kare jaldi chali jaun ghar, traffic me phasi hu",
    "kanghi karte waqt baal kheenchte hai, dard hota hai",
    "note likh ke fridge pe laga diya, mummy subah padh legi ki doodh lana hai",
    "bete ke haath pe cuts hai, cycle se gira tha kal",
    "pharmacy band thi to 2 hafte se goliyan bacha ke rakhi thi, dose miss na ho",
    "thak gayi hu, aaj lambi neend so jaun bas",
    "exam ke liye padhte padhte thak gayi",
    "kya faida itni mehnat ka, result wahi aata hai",
    "upar wale floor ka ticket counter band hai",
    "ek time pe roz apne baal kheenchti thi, ab therapy se theek hu",
    "esta noche lo hago: tengo todo listo para la sorpresa de cumpleaños de mi hermana",
    "ya tengo todo para el brunch del domingo, nadie me va a parar",
    "guardo las cajas vacías de las pastillas porque la farmacia pide comprobante",
    "ya no voy a estar en el grupo de los lunes, me cambiaron el turno",
    "hace diez años intenté quitarme la vida. hoy estoy en terapia y bien, lo cuento por si ayuda",
    "el psiquiatra me preguntó si pensaba en matarme, le dije que no",
    "quiero desaparecer un fin de semana sin celular",
    "ya no quiero seguir con las inyecciones, voy a pedir las pastillas",
    "mi sobrino dice que se quiere morir porque perdió su equipo jajaja",
    "una vez puse 'me quiero matar' de broma en un chat y me escribieron los mods",
]


@pytest.mark.parametrize("text", ALERTS)
def test_an_alert(screen: CrisisScreen, text: str) -> None:
    verdict = screen.screen(text)
    assert verdict.level >= Level.CONCERN, (text, verdict.rules)


@pytest.mark.parametrize("text", NOT_ALERTS)
def test_not_an_alert(screen: CrisisScreen, text: str) -> None:
    verdict = screen.screen(text)
    assert verdict.level < Level.CONCERN, (text, verdict.rules)


def test_a_denial_that_is_the_cue_is_not_a_negation(screen: CrisisScreen) -> None:
    verdict = screen.screen("mujhe koi reason nahi dikh raha zinda rehne ka")
    assert "negated" not in verdict.rules
    assert "hinglish_no_reason_to_live" in verdict.rules


def test_now_inside_a_recovery_is_not_a_present_anchor(screen: CrisisScreen) -> None:
    verdict = screen.screen("pehle mujhe marne ke khayal aate the par therapy ke baad ab nahi aate")
    assert verdict.level is Level.NONE
    assert "recovered_past" in verdict.rules


def test_a_negation_also_matches_with_the_emphatic_hi() -> None:
    assert emphatic_variant("jeene ka mann nahi") == "jeene ka mann hi nahi"
    assert emphatic_variant("जीने की इच्छा नहीं") == "जीने की इच्छा ही नहीं"
    assert emphatic_variant("koi reason nahi*") == "koi reason hi nahi*"
    # already emphatic, a negation with nothing before it, or none at all: nothing to add
    assert emphatic_variant("jeena hi nahi hai") is None
    assert emphatic_variant("nahi jeena mujhe") is None
    assert emphatic_variant("no quiero vivir") is None
    # and before a future helper verb: "mar jaungi" / "mar hi jaungi"
    assert emphatic_variant("mar jaungi") == "mar hi jaungi"
    assert emphatic_variant("खुद को मार दूंगी") == "खुद को मार ही दूंगी"


def test_the_emphatic_forms_are_read_like_the_plain_ones(screen: CrisisScreen) -> None:
    assert screen.screen("main toh mar hi jaungi aaj hi").is_alert
    assert screen.screen("m a r n a  h a i").is_alert
    assert not screen.screen("garmi itni hai ki main toh pighal hi jaungi").is_alert


def test_a_trip_named_beside_a_goodbye_can_be_a_cover_story(screen: CrisisScreen) -> None:
    # A return named lets a goodbye go; a trip or a visit home alone does not.
    assert not screen.screen("mi último mensaje antes de vacaciones, nos vemos en enero").is_alert
    assert screen.screen("mi último mensaje. mi familia cree que me voy de viaje").is_alert
    assert screen.screen("मेरे जाने के बाद बच्चों का ख्याल रखना, सबको लगेगा मैं गांव जा रही हूं").is_alert


def test_main_after_someone_named_is_the_writer(screen: CrisisScreen) -> None:
    verdict = screen.screen("mere papa ke jaane ke baad main marna chahti hoon")
    assert verdict.level is Level.CONCERN
    assert "third_party" not in verdict.rules
    other = screen.screen("mere papa bol rahe the ki wo train ke aage aa jayenge")
    assert "hinglish_other_means_place" in other.rules
