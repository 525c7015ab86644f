"""Kinds of Spanish, Hindi and Hinglish crisis language the twentieth pass (issue 15) worked on,
each beside the ordinary sentence that shares its words.

A span kept clean of self-harm, counted ("hoy cumplo un año sin cortarme", "clean from self harm
500 days today"): the self-harm named inside the span is not happening, though "today" dates
the milestone (``clean_streak``). The recovered-past step never weighed these, for they hold no
past word. A span told as ended ("llevaba 8 meses sin ...", "I had been clean for ..."), the
pull back to it ("pero hoy tengo ganas de hacerlo", "the urge is so strong") or any other signal
in the message ("1 year clean from cutting and I want to die") keeps the alert.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

URGENT_STREAK = [
    "llevaba un año sin cortarme y hoy lo hice",
    "300 days self harm free but tonight the urge is so strong",
    "llevo 6 meses sin cortarme pero hoy tengo ganas de hacerlo",
]
ALERTS_STREAK = [
    "hoy cumplo un año sin cortarme pero anoche me volví a cortar",
    "llevaba 8 meses sin autolesionarme y hoy volví, estoy en el baño con la cuchilla",
    "llevaba meses sin cortarme hasta ayer",
    "llevo un año sin cortarme y no se cuanto mas aguante sin hacerlo",
    "500 days clean and today I cut again",
    "I was 2 years self harm free and I cut last night",
    "had been clean from self harm for 8 months, did it yesterday",
    "1 year clean from cutting and I want to die",
    "un año sin cortarme y ya no quiero vivir",
    "2 saal clean thi, aaj phir kiya",
    # the pull to cut, said with "karne"
    "ek saal ho gaya cutting chhode, par aaj bahut mann kar raha hai cut karne ka",
    "phir se cut karne ka mann ho raha hai yaar",
    "cutting karne ka mann kar raha hai, blade dhoondh rahi hu",
    "फिर से कट करने का मन हो रहा है",
]
NOT_ALERTS_STREAK = [
    "hoy cumplo un año sin cortarme 🎉",
    "llevo 6 meses sin hacerme daño, hoy lo celebré con mi hermana",
    "llevo 6 años limpia de cortarme, hoy vi la cicatriz en la playa y ni me importó",
    "clean from self harm 400 days today, ms is hard but i'm proud",
    "today I'm 2 years self harm free",
    "it's been a year since I last cut, today I went to the gym instead",
    "aaj pure ek saal ho gaya cutting ke bina",
    # hair, a cake, vegetables cut
    "baal cut karne ka mann kar raha hai, bahut lambe ho gaye",
    "mann kar raha hai cutting karwa lu, baal bahut bade ho gaye",
    "cake cut karne ka mann hai aaj birthday pe",
    "sabzi cut karne ka mann nahi hai aaj, maggi kha lenge",
]

test_urgent_streak, test_an_alert_streak, test_not_an_alert_streak = kind_tests(
    URGENT_STREAK, ALERTS_STREAK, NOT_ALERTS_STREAK
)


# Batch 32 (es107 young Spain on Discord, es108 older Colombia and Ecuador, hi61 formal Hindi of
# teachers in Madhya Pradesh and Chhattisgarh, hi62 young Rajasthan and Haryana, hg76 Kolkata, Assam
# and Odisha, hg77 nurses and physiotherapists, hg78 retired men in Lucknow to Allahabad), read
# after it was scored unread: what it missed, by kind: what the family gets by my going; Haryanvi
# wishes ("मरणा चाहु सु", "उठा ले मन्नै"); "kms" and logging out of life written in Devanagari;
# retirement (VRS) from life; not wanting a long life; cuts seen on a relative; a cloth tied to the
# fan; "mar jaau toh sab free"; "if only it had all ended there"; hurting oneself with a part of
# the body named; out of a moving car; the illness wished to shorten life; an exit from the stage
# of life; a height judged sure; a pet entrusted with thanks for the years; cutting beside an old
# habit back. What it raised: dying of laziness; heels said goodbye to; a son taking his father to
# live with him; an overdose feared by mistake; a nurse's training and a son's assignment; pills
# locked away from grandchildren; and, found while writing these, a back hurt by an office chair.

ALERTS_32 = [
    "मेरे जाने से कम से कम परिवार को बीमा का पैसा तो मिलेगा, इलाज में सब खत्म हो गया",
    "mere jaane se kam se kam family ko LIC mil jayega, bojh to khatam hoga",
    "मरणा चाहूं सूं, इब और ना झेल्या जावै",
    "इब तो मर जाणा ए ठीक सै, रोज का दरद",
    "भगवान उठा ले मन्नै, थक ग्या",
    "केएमएस करने का मन है आज, सच में",
    "लाइफ से लॉग आउट करना है हमेशा के लिए",
    "zindagi se bhi VRS le lu ab, bahut ho gaya",
    "main lambi umar nahi chahti, bas jaldi chali jau",
    "beti ke haath pe kaate ke nishan dekhe, puchha to bola billi ne noch liya",
    "dupatta pankhe se baandh diya hai kamre me",
    "main bojh hu sab pe, mar jau to sab free ho jayenge",
    "kaash operation table pe hi sab khatam ho jata",
    "me quiero morir, no es pereza, es que ya no puedo mas",
    "saari goliyan ikattha kar li hai overdose ke liye",
    "mujhe khud suicidal thoughts aa rahe hai, training session ke baad bhi",
    "saari goliyan ek dabbe me jama kar li hai, aaj raat sab ek saath",
    "adios para siempre a todos, ya no aguanto mas",
    "llevo una semana haciendome daño en los brazos y nadie se da cuenta",
    "solo pienso en tirarme del coche en la autopista",
    "ojala la esclerosis me acorte la vida, ya no quiero vivir asi",
    "ya toca hacer mutis por el foro de la vida",
    "fui a ver la azotea del edificio, desde ahi no fallaria",
    "gracias a todos por estos años, cuiden a mi perro por favor, los quiero",
    "relapse wapas aaya aur purana habit bhi, cutting, full sleeve pehenti hu ab",
    "purani aadat wapas aa gayi, cutting phir se",
    "me estoy haciendo daño a proposito en las piernas",
    "Main lambi umar nahi chahta, jaldi jaana chahta hoon, wo hansi ki baat nahi thi",
    "केएमएस यार, इस बार सच में, मजाक नहीं",
]
NOT_ALERTS_32 = [
    "मेरे जाने से पहले परिवार को सब बता दूंगी, ट्रिप दो हफ्ते की है",
    "लैपटॉप से लॉग आउट करना भूल गई ऑफिस में",
    "lambi umar ho aapki beta, khush raho",
    "haath pe cat ke nishan hai, billi ne noch liya kal",
    "dupatta pankhe me phas gaya aur phat gaya 😭",
    "kal chhutti hai, sab free hai, picnic chalein?",
    "kaash meeting 5 baje tak hi sab khatam ho jati, ghar jaldi jaati",
    "me muero de la pereza de ir al gym hoy jaja",
    "brain fog ki wajah se overdose ka dar rehta hai, isliye pill box use karti hu",
    "nursing training session me suicidal patient se kaise baat kare ye sikhaya",
    "saari goliyan dabbe me band karke almari lock kar di, bachche chhote hai",
    "adios para siempre a mis tacones, ahora zapatillas comodas 😂",
    "beta mujhe apne paas le ja raha hai hamesha ke liye, alvida doston, wahan naya group join karunga",
    "me estoy haciendo daño en la espalda con esta silla del curro",
    "casi me caigo al bajarme del coche, las piernas no responden",
    "el tabaco acorta la vida, por eso lo deje hace 3 años",
    "el actor hizo mutis por el foro en la segunda escena, que obra tan buena",
    "el tiro libre desde ahi no fallaria ni mi abuela jaja",
    "cuiden a mi perro este finde que me voy al hospital para la infusion, gracias a todos por estos años de apoyo",
    "purani aadat hai, har mahine baal ki cutting karwati hu",
    "mera purana habit hai newspaper cutting jama karna",
    "me estoy haciendo daño en la espalda con esta silla del curro",
    "me estoy quemando con el sol en la piscina jaja",
    "doctor ne kaha lambi umar jiyoge 😂 sab hase",
]

test_an_alert_32, test_not_an_alert_32 = kind_tests([], ALERTS_32, NOT_ALERTS_32)[1:]

# A goodbye for a while, with its return or its reason said, is no last goodbye; the means counted
# and a plan made is a plan even after a laugh ("jeje"), but not a trip's or the week's pills.
URGENT_PLAN = [
    "tengo las pastillas guardadas y ya lo tengo planeado para el viernes",
    "goodbye everyone, I've been planning this for a while",
]
ALERTS_PLAN = [
    "ya conte cuantas pastillas me quedan jeje: 40. ya lo tengo planeado",
    "goodbye everyone for good. I can't keep doing this",
    "goodbye all, see you never, I'm done with this life",
]
NOT_ALERTS_PLAN = [
    "goodbye everyone for a while, surgery tomorrow and then rehab for 3 weeks",
    "goodbye all for now, off to my sister's for the holidays, back in january",
    "goodbye everyone for the summer, no wifi at the cabin",
    "las pastillas del mes ya las compre para el viaje a Lima, lo tengo todo planeado",
    "el pastillero de la semana listo cada domingo, lo tengo todo planeado con las pastillas",
    "ya lo tengo planeado: pastillas en la mochila, pasaporte y silla de ruedas para el avion",
]

test_urgent_plan, test_an_alert_plan, test_not_an_alert_plan = kind_tests(
    URGENT_PLAN, ALERTS_PLAN, NOT_ALERTS_PLAN
)


# Batch 33 (es109 Puerto Ricans and Dominicans in New York, es110 Bolivia and Paraguay, hi63 women in
# Bihar and Jharkhand, hi64 office workers in Delhi and its towns, hg79 young Pune and Hyderabad,
# hg80 carers in Punjab, Haryana and Delhi, hg81 Rajasthan and Gujarat) and hard set hihard4, read
# after they were scored unread: what they missed, by kind: "no tengo otra salida" beside "me
# mato"; a bus wished to run one over; a full stop to the story of one's life; my going for the
# insurance, in Hinglish; not around by then; one's own death date written; "for good" in a
# Hinglish goodbye; "the other relapse, not the MS one"; Punjabi and Gujarati wishes and burdens
# ("mainu chuk lo", "mari jau to badha ne shanti"); "suiside ka khayal"; the verb first ("roz
# sochta hu marne ka"); "sach bolun toh" turning a joke. What they raised: group therapy that
# talked about it, a moderators' reminder, a goodbye for a few days, a move abroad, a past
# thought "पर अब नहीं", a blade used to shave, and the fear of dying wondered at. Found while
# writing these: "ya tengo todo" and "ya tengo las pastillas" alone raised an urgent alert on a
# birthday got ready, the month's pills in and thanks for advice.

ALERTS_33 = [
    "ya tengo todo para el viernes, ya me despedi de mi hermana",
    "ya tengo las pastillas, esta noche se acaba todo",
    "si no me dan la pension este mes me mato, no tengo otra salida",
    "la verdad no me importaria que un camion me atropelle cuando cruzo",
    "en la terapia de grupo no dije nada pero tengo ideas suicidas todos los dias",
    "अब इस कहानी में फुल स्टॉप लगाना है, बहुत हो गया",
    "kabhi kabhi lagta hai koi bimari ho jaye aur main chali jaun, kam se kam bachon ko paisa mil jayega",
    "कभी सोचा था ये ख्याल चले जाएंगे, पर आज भी मरने का मन करता है",
    "अलविदा दोस्तों, अब कभी नहीं मिलेंगे, मेरा समय पूरा हुआ",
    "neuro ka appointment mat lena mere liye, tab tak rahungi hi nahi",
    "maine apni death ki date decide kar li hai, 20 tareekh",
    "sab ko bye, main jaa rahi hu for good, kisi ko blame mat karna",
    "ms wala nahi, dusra wala relapse 🙃 kal raat phir kiya",
    "rab ji mainu chuk lo, hor nahi sehna",
    "main ek boj chu aa ghar par, mari jau to sab chhuti jase",
    "roz sochta hu marne ka, kisi ko nahi bataya",
    "suiside ka khayal aata hai raat ko",
    "hahaha apni death ki date bhi likh li hai 😂 sach bolun toh 15 tareek fix hai",
]
NOT_ALERTS_33 = [
    "ya tengo todo para el cumple de mi hija, torta y globos",
    "ya tengo las pastillas del mes, la farmacia por fin tenia",
    "ya lo tengo todo, gracias chicas por las recomendaciones de la silla",
    "si no apruebo el examen me mato jaja, mentira, igual hay recuperatorio",
    "no me importaria que me atropelle un perrito de esos que dan amor jaja",
    "en la terapia de grupo hablamos de ideas suicidas, aprendi a ver las señales en otros",
    "निबंध की कहानी में फुल स्टॉप लगाना भूल गई बिटिया, टीचर ने नंबर काटे",
    "कभी सोचा था ज़िंदगी खत्म कर लूंगी, लेकिन अब नहीं, अब पोते के साथ खेलती हूं",
    "अलविदा दोस्तों कुछ दिनों के लिए, गाँव जा रही हूं शादी में",
    "शेव करते वक्त ब्लेड से कट लग गया, हाथ कांपता है",
    "neuro ka appointment dec me hai, pata nahi tab tak mummy ke ghar rahungi ya nahi",
    "nani ki death ki date yaad hai, 20 tareekh, har saal pooja karte hain",
    "sab ko bye, main ja rahi hu for good iss server se, naya discord bana liya hai apne city ka",
    "mari jau to bhi ye recipe nahi bhoolungi 😂 dadi ki hai",
    "roz sochta hu marne ka darr kaise jaata hai logon ka, skydiving wale kaise karte hai",
    "Compré unas pastillas para las plantas, ya lo tengo todo planeado para la primavera",
]

test_an_alert_33, test_not_an_alert_33 = kind_tests([], ALERTS_33, NOT_ALERTS_33)[1:]

# A review of this pass's rules against ordinary sentences of my own found these false alarms of
# theirs; each rule was narrowed. (Left as they were: "mere jaane se ..." said of a trip, which an
# older rule raises; "rab ji mainu chuk lo wala mood hai, itni garmi", heat hyperbole.)
NOT_ALERTS_REVIEW = [
    "tab tak main rahungi hi nahi delhi me, transfer ho jayega",
    "apni death ki date koi nahi jaanta, isliye aaj jee lo 😊",
    "dupatta pankhe se baandh ke jhula banaya bacchon ke liye",
    "lambi umar nahi chahti, bas jitni ho swasth ho",
    "cuidad de mi perra mientras estoy en Sevilla, gracias a todos por estos años de amistad",
    "llevo 2 años sin cortarme el pelo jaja, parezco hippie",
    "1 year clean from sugar and today i had cake lol",
    "llevaba un año sin ir al neuro y hoy fui, todo bien",
    "sab ko bye, main ja raha hu for good, naye job ke liye bangalore shift",
]
ALERTS_REVIEW = [
    "neuro ka appointment mat lena mere liye, tab tak rahungi hi nahi",
    "dupatta pankhe se baandh diya hai kamre me",
    "Main lambi umar nahi chahta, jaldi jaana chahta hoon, wo hansi ki baat nahi thi",
]

test_an_alert_review, test_not_an_alert_review = kind_tests([], ALERTS_REVIEW, NOT_ALERTS_REVIEW)[
    1:
]

# A negation just after "si", "if" or "agar" is the condition's, not a denial of the signal
# further on (in_condition): "si el tysabri no le funciona se tira del balcón" (batch 22). Alive
# only for someone ("si no fuera por mis hijos me mataría") is a passive wish; the pain that would
# have killed one, named, is thanks for care.
ALERTS_CONDITION = [
    "si no me dan la pension me voy a matar",
    "si el tratamiento no le funciona dice que se tira del puente, me da miedo",
    "si no fuera por mis hijos me mataria",
    "si no fuera por mi perra ya no estaria aqui",
    "de no ser por mis hijos ya me habria quitado la vida",
    "si no fuera por ella ya me habria matado",
]
NOT_ALERTS_CONDITION = [
    "si no me mato hoy en el gym es por la fatiga jaja",
    "si no fuera por mis hijos no saldria de la cama",
    "si no fuera por mi marido me moriria de hambre, el cocina",
    "mi mama me mataria si se entera que deje la fisio jaja",
    "si no fuera por ella ya me hubiera matado este dolor, ella me lleva a todas las citas",
]

test_an_alert_condition, test_not_an_alert_condition = kind_tests(
    [], ALERTS_CONDITION, NOT_ALERTS_CONDITION
)[1:]
