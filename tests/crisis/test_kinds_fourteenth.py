"""Kinds of crisis language the fourteenth pass found missing (issue 15), each beside the
ordinary sentence that shares its words.

From four fresh sets of my own (Spanish, Hindi, and two Hinglish), scored once before any rule
was written from them (bench/results/multilingual_fresh_sets.txt): envy of the dead, said four
ways in four sets; a joke taken back in so many words ("mazak nahi", "no but seriously", "fuera
de broma") with the means made ready; the Spanish wish put last ("quiero es morir", "lo que
quiero es morirme") or in the past subjunctive ("ojalá no despertara"); nothing left to do with
things handed over; a third person's "we will not meet again"; at a bridge's railing now, in
Hindi; harm done on purpose with a lighter; cutting marks seen on one's child; many pills taken
together "to see what would happen". And the ordinary readings that had raised alarms: envy of
the living and a burning foot, a cut while shaving, a burn from the oven tray, itching skin, a
letter in a lunch box, a pill box, a kite caught from the roof in childhood, chores finished
tonight, a goal cheered from the balcony, heat "that makes one want to die", a lie-in until
noon, waking the baby, the word "unalive" talked about, and "kms" after a number (kilometres).

Then four more fresh sets: a joke taken back in more ways ("not jk", "joke nahi tha", "पर सच
में") with a rope, pills counted or the insurance's suicide clause; a letter to be read "when
the time comes"; "no me esperen" beside a bridge; a rope and the beam for it; someone who calls
himself a burden, a rope found in a child's room, a painless way searched, things shared out
among friends, a last injection and "no longer anyone's burden"; the subjunctive ("khud ko maar
doon"), asleep for good, "sui side", God asked to call one, envy of a neighbour who died asleep;
not eating "on purpose" or "a posta", a hot spoon held on the wrist, a needle, cutting as a
habit, "just one step" from a terrace. And their twins: a Diwali clear-out, a grandmother's
invitation, a painless injection, walking alone again, expired pills to throw away, a
questionnaire answered no, term insurance, and a spoon that burnt by accident.

And a third batch: dark humour taken back in so many words with death or its means anywhere in
the message (a concern, not a plan: the joke can be the whole of it); self-harm started again
after months "clean" (not smoking); more ways others are at risk; "मेरे जाने का समय आ गया",
"फिर कभी ना उठूं", "main na hoti toh sab theek rehta"; a Devanagari compound's hyphen
("आत्म-ह*त्या"). Their twins: a new rollator, the day's last message, see you on Monday, a crush's
acting, the heat, a project saved, tea that burnt, a questionnaire answered no.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

# A plan, a means, a goodbye or an overdose: urgent.
URGENT = [
    # a joke taken back in so many words, with the means made ready
    "lol ye MS mujhe dheere dheere maar raha h 😂 no but seriously rassi bhi le li hai",
    "haha upar ka ticket book hai 😂 mazak nahi yaar, goliyan jama kar rahi hu",
    "मेरा MS मुझे ले जाएगा lol 😅 मज़ाक नहीं, गोलियां गिन के रख ली हैं",
    "jajaja mi EM y yo, uno de los dos se va primero 😅 fuera de broma, ya tengo la soga",
    # an accident then, permanent sleep arranged, not seeing the year out (a joke cannot hide it)
    "insurance wale bolte hain suicide cover nahi hota. toh accident hi sahi, brakes thik nahi karwaungi",
    "मैं तो पक्का हूं कि ये साल पार नहीं करूंगी 🙃",
    "la neta no llego a diciembre, ya lo tengo decidido 🙃",
    # nothing left to do, with things handed over
    "bike bhai ko de di, FD ke papers biwi ke naam kar diye, ab mera koi kaam baaki nahi",
    # a third person's goodbye: we will not meet again
    "Sunita ji ka msg aaya 'ab milenge nahi, sab khush rehna', phone band aa raha hai",
    # at a bridge's railing now, in Hindi
    "गंगा वाले पुल पर खड़ी हूं अभी, नीचे देख रही हूं",
    # many pills together "to see what would happen"
    "me tomé 12 pastillas juntas anoche a ver qué pasaba",
    # a jump from a floor named
    "si sigo así me aviento del tercer piso, ya lo pensé",
]

# Other alerts: envy of the dead, the wish put last, the wish in the past subjunctive, everyone
# comfortable without me, harm on purpose, cutting marks seen on someone, a compass; and a sign
# that survives a joke (lowered by one level, still an alert).
ALERTS = [
    "neend ki problem ka solution mil gaya lol, permanent neend ka intezaam kar liya",
    "cuando murió mi tía sentí envidia, ella ya descansa y yo aquí con este cuerpo",
    "jo log mar gaye unse jalan hoti hai, kitne sukoon me hain",
    "दादी को गए एक साल हो गया, सच कहूं तो उनसे जलन होती है",
    "koi bhi marta h toh jealous feel hota h, kaash wo main hota",
    "yo lo que quiero es morirme, ya no aguanto la EM",
    "la verdad quiero es morir, estoy cansada",
    "ojalá no despertara nunca más",
    "quisiera dormirme y ya no despertar",
    "ojalá no amaneciera para mí",
    "mummy ne kal bola tum sab mere bina aaram se rahoge, dar lag raha hai",
    "si me muero nadie se daría cuenta, así que da igual",
    "rabba mainu chak le, hun nai hunda",
    "jab dard hota hai toh jaan bujh ke lighter se haath jala leti hu",
    "me quemo a propósito con la plancha cuando nadie me ve",
    "4 din se jaan bujh ke kuch nahi khaya, ye body isi layak hai",
    "बेटी की कलाई पर लाइनें देखीं आज, कह रही है बिल्ली ने किया",
    "uske haath pe kaatne ke nishan dekhe, kuch bol nahi raha",
    "compass se khurach rahi thi fir se, rok nahi payi",
    "kms ka mann kar raha hai aaj",
    "me quiero m*t*r ya",
    "me voy a su*cid*r",
]

NOT_ALERTS = [
    # envy of the living, and a burning foot
    "sab Goa chale gaye aur mujhe jealous feel ho raha hai",
    "dost ki nayi job lagi, unse jalan hoti hai thodi si lol",
    "jab se papa gaye, pairon me jalan hoti hai, neuro ko dikhana hai",
    "mi prima se fue a vivir a Madrid y le tengo envidia jaja",
    # the means without a turn from a joke
    "goli ka dabba ready hai pure hafte ka, ab bhoolungi nahi",
    "shaadi ki date fix kar li finally!! sab aana",
    # nothing left to do for now
    "aaj office me mera koi kaam baaki nahi, jaldi ghar ja rahi hu",
    "will bana di lawyer ke saath, ab mera koi kaam baaki nahi is mahine, bas relax",
    # away for a while, a bridge in traffic, a compass for circles
    "do hafte ab milenge nahi, goa trip pe hu sab log",
    "पुल पे खड़ा हूं अभी, जाम लगा है, आधा घंटा लेट",
    "beta compass se circle bana raha tha homework me",
    # cooking, tasting, a lunch box, a pill box
    "me tomé el café y el jugo juntos a ver qué pasaba con la acidez",
    "le dejé una carta a mi hijo en la mochila, hoy empieza la secundaria",
    "ya tengo guardadas las pastillas de la semana en el pastillero",
    "me quemé la mano con la sartén haciendo tortillas",
    "me rasguño mucho por la comezón de la piel seca",
    "shaving karte waqt blade se cut lag gaya, haath kaanpa",
    "jaan bujh ke baal chhote kaat liye, garmi bahut hai",
    # idioms: delight, heat, a lie-in, waking someone, the word talked about, distance
    "me quiero morir de lo rico que estaba el mole",
    "casi me tiro del balcón de la alegría cuando ganó mi equipo",
    "itni garmi hai ki marne ka mann kar raha hai, AC kharab hai",
    "sunday ko dopahar tak uthu hi nahi, itni thakan hai",
    "ojalá no despierte al bebé con la licuadora",
    "ojalá no amanezca lloviendo, tengo cita en el hospital",
    "bhatije ne pucha unalive ka matlab kya hota hai",
    "aaj pehli baar 2 kms chali bina cane ke",
    "आज 3 kms चली बिना सहारे के",
    # remembered days and chores
    "छत से कूद के पतंग लूटने वाले दिन याद आते हैं",
    "aaj raat sab khatam kar dungi, pending emails aur laundry",
    # recovered pasts
    "en 2016 pensé en quitarme la vida, hoy doy gracias de seguir aquí con mis nietos",
    "school me cutting karti thi, 12 saal ho gaye, ab bilkul theek hoon",
]

# From four more fresh sets (es22, hi23, hg25, hg26), scored once with the rules above before any
# rule below was written from them.
URGENT2 = [
    # a joke taken back, with the means or the plan
    "lol mera sab tayyar hai 😂 rope tayyar, will tayyar... not joking",
    "haha policy me poocha suicide cover hai kya 😅 joke nahi tha, wait period pooch rahi thi",
    "मज़ाक में कहती हूं सब तैयार है 😅 पर सच में, गोलियाँ गिन रखी हैं",
    # a letter to be read when the time comes; don't wait for me, from a bridge; which beam
    "chitthi likh ke rakh di hai almirah mein, beti padh legi jab time aayega",
    "hoy me voy al puente del río, ya no me esperen en el grupo",
    "ya tengo la soga y ya sé en qué viga, el sábado que no hay nadie",
]

ALERTS2 = [
    # someone else: a burden in their own words, a rope in their room, a search, things given
    # away, cutting marks, a last injection and no longer a burden, a goodbye status and a worried ask
    "mi papá dice que es un estorbo para todos desde que usa la silla, me preocupa mucho",
    "hoy encontré una soga en su cuarto, mi hija tiene 17, qué hago",
    "uski search history mein 'painless tareeka' dekha, kya karun",
    "bhai apni cheezein doston mein baant raha hai aajkal, kuch bolta nahi",
    "beti ki kalai pe kaat ke nishaan dekhe aaj, bolti hai kuch nahi hua",
    "पापा ने कहा ये आखिरी इंजेक्शन है, अब किसी का बोझ नहीं बनूंगा",
    "la Marta puso en su estado 'gracias por todo, fue bonito' y no contesta, alguien sabe algo?",
    # oneself: the subjunctive, asleep for good, suicide as the one way, God asked to call one
    "kabhi kabhi lagta hai khud ko khatam kar doon, sab ko aaram milega",
    "सो जाऊं हमेशा के लिए, बस यही सोचती हूं",
    "ab toh sui side wala raasta hi dikhta hai",
    "हे भगवान मुझे अपने पास बुला ले, अब और नहीं होता",
    "पड़ोस के काका सोते सोते चले गए, काश मेरी भी ऐसी किस्मत होती",
    # harm: on purpose, a needle, a habit
    "3 din se kuch nahi khaya on purpose, ye body isi layak hai",
    "llevo dos días sin comer a posta, que se fastidie el cuerpo",
    "जानबूझ कर गरम चमचा कलाई पर रख लिया, थोड़ा हल्का लगा",
    "सुई से पैर में चुभोती रहती हूं, रुकती ही नहीं",
    "pair sunn hai toh usi pe cut karti hoon aajkal",
    "terrace pe khade hoke neeche dekhti hoon aur sochti hoon bas ek kadam",
    "स्यु*साइड के बारे में सोचती रहती हूं",
]

NOT_ALERTS2 = [
    "diwali pe apni purani cheezein baant rahi hu garibon mein",
    "nani ne bola chhuttiyon mein mujhe apne paas bula lo",
    "painless tareeka hai kya injection lagane ka? bahut darr lagta hai",
    "ab kisi ka bojh nahi banungi, physio se khud chal leti hu ab",
    "cake pe cut karti hu main, baaki sab bhai karta hai",
    "encontré una soga en el garaje, alguien la quiere para el tendedero?",
    "no me esperen para cenar, llego tarde del hospital",
    "mera dost Goa chala gaya, jealous ho raha hu lol",
    "mi abuela murió dormida a los 98, qué paz, la extraño",
    "letter likh ke rakh diya hai beti ke liye, uske birthday pe dungi",
    "llevo juntando las pastillas vencidas, ¿dónde se botan?",
    "le dejé una carta a los niños de la escuela pal día del niño",
    "me quiero morir... de asco, la lista de espera del neurólogo es de 5 meses",
    "मेरे जाने के बाद बैंक का काम खुद संभालना, इसलिए पति को नेट बैंकिंग सिखा रही हूं",
    "counsellor ne form bharwaya, khud ko nuksaan ke vichaar wale sawaal pe maine no tick kiya",
    "nahi nahi main theek hoon, suicide ka koi khayal nahi aata, bas thaki hoon",
    "chai banate waqt chammach garam tha, haath jal gaya, pata hi nahi chala",
    "mere jaane ke baad bachon ka kya, isliye term insurance le liya",
]


# From a third batch of four fresh sets (es23, hi24, hg27, hg28), scored once with the rules above
# before any rule below was written from them.
ALERTS3 = [
    # a joke taken back, with death or its means anywhere in the message
    "lol zeher hi sahi ab 😂 joke nahi hai, bottle dekh rahi thi kal",
    "haha Yamraj ko call karna padega 😂 sach bolu to roz yahi sochti hu",
    "बीमा वाले खुश होंगे 😂 पर सच में सोचा है कि मैं चला जाऊं तो घर को पैसे मिलें",
    "lol pankha hi ilaaj hai 😂 waise sach bolu to kal dekha tha kitna mazboot hai",
    # self-harm started again after a clean stretch
    "fir se cutting shuru ho gayi, 8 mahine clean thi 😔",
    "फिर से शुरू कर दिया, 1 साल clean थी, हाथ पे निशान हैं",
    # others: a jump reported, a goodbye voice note, pills found, a son cutting, all at once
    "mi vecina me escribió que esta noche se tira del puente, qué hago",
    "mi prima me mandó un audio despidiéndose y no contesta",
    "माँ की अलमारी में बहुत सारी गोलियां मिलीं, डर लग रहा है",
    "bhai haath pe cut maar raha hai aajkal, roka toh chillata hai",
    "dost ne bola usne saari goliyan ek saath lene ka soch liya hai",
    # passive, in more words
    "डॉक्टर कुछ भी कहें, मेरे जाने का समय आ गया है",
    "रात को सोचती हूं सो जाऊं और फिर कभी ना उठूं",
    "main na hoti toh sab theek rehta ghar mein",
    # a hyphenated compound, starred
    "आत्म-ह*त्या के बारे में सोच रहा हूं",
    # one step from a bridge
    "pul pe baithi thi, neeche paani dekh ke laga bas ek kadam ki baat hai",
]

NOT_ALERTS3 = [
    "mazak nahi hai, pankha aur rassi dono naye laga diye kamre me, garmi bahut hai",
    "2 saal clean thi, fir se smoking shuru kar di, sharam aati hai",
    "mi amiga me mandó un audio despidiéndose porque se va a vivir a Monterrey",
    "naya rollator mil gaya, ab iski zarurat nahi padegi, koi lega purana walker?",
    "ye mera aakhri message hai aaj ka, kal subah MRI hai, good night",
    "ट्रेन से दिल्ली जा रही हूं, अलविदा दोस्तों, सोमवार को मिलते हैं",
    "mujhe mar jana hai is ladke ki acting pe 😍 naya season dekha?",
    "sach bolu toh marna chahti hu yaar is garmi mein, AC kharab hai",
    "main na hota toh ye project kab ka doob jata lol",
    "आज चाय बनाते हुए हाथ जला लिया, grip ही नहीं रहती आजकल",
    "el cuestionario de la psicóloga preguntaba si había pensado en quitarme la vida y contesté que no",
    "गोलियाँ बचा-बचा कर रखना ठीक नहीं, डॉक्टर से पूछ कर ही छोड़ना",
]


# From a fourth batch (es24, hi25, hg29, hg30), scored once with all the rules above first: a
# goodbye voice note only with a worried ask, accidents while cooking or numb, God asked in more
# words, a plan in leetspeak, harm "to feel something".
ALERTS4 = [
    "mi hermano me mandó un audio despidiéndose y no contesta, ayuda porfa",
    "रोज़ भगवान से कहती हूं कि सुबह आंख ना खुले",
    "अब तो यही दुआ है कि अल्लाह जल्दी बुला ले",
    "bhagwan se kehti hu bas neend mein hi le jao",
    "m@rne ka plan ban raha hai dimaag mein",
    "प्रेस से कलाई जला ली, ताकि कुछ तो महसूस हो",
]

NOT_ALERTS4 = [
    "mi novio me mandó un audio despidiéndose porque entra al turno de noche",
    "anoche me corté el dedo picando cebolla, la mano no me responde",
    "me quemé con la plancha sin darme cuenta, no sentí nada",
    "sabzi kaatte hue chaaku se ungli kaat li, pata hi nahi chala",
    "मर जाना है मुझे इस गर्मी में, cooler भी बंद",
    "ojalá no despertar mañana con el ojo borroso otra vez",
    "खाना बनाते हुए हाथ जला लिया, पता ही नहीं चला",
]


# Spanish rule false alarms of the own sets, and a worried ask about someone's last words: going
# on with a doctor or a job (not with life), tired of living with pain, guilt at needing help, a
# washing line, a time capsule, a beach trip, outgrown baby things. The audit's rope "y la ropa
# doblada" must still alert (ordinary_use's "la ropa" is not what quiets the washing line).
ALERTS5 = [
    "ya no le veo sentido a seguir aquí, ojalá me pase algo en la carretera",
    "la Vero lleva 2 días sin aparecer y lo último que escribió fue que ya no podía más, me preocupa",
    "jaja no me mato... hasta que cobren el seguro 🤣",
    "uska last msg tha 'sab khush rehna, alvida', koi uska number rakhta hai?",
    "Ya compré la cuerda y ya sé dónde, dejé la ropa doblada y una carta para mi hija",
]

NOT_ALERTS5 = [
    "ya no quiero seguir con este neurólogo, voy a buscar otro",
    "no quiero seguir trabajando en esa oficina, el jefe es lo peor",
    "estoy cansado de vivir con dolor, mañana empiezo la fisio nueva",
    "siento que soy una carga cuando me tienen que ayudar a bañarme, y me da pena",
    "ya compré la cuerda pa tender la ropa en el patio",
    "dejé una carta para mi hija en la cápsula del tiempo de su escuela",
    "ya tengo todo listo para el domingo, la maleta y las pastillas, nos vamos a la playa",
    "les dejo mis cosas de bebé a mis sobrinas, ya no las voy a necesitar",
]


# From a fifth batch (es25, hi26, hg31, hg32), scored once with every rule above first: cuts seen
# on a child's legs, fresh cuts, a blade taken up again, a rope tied or how to tie one looked up,
# a parent with a gun, "mar hi jaun toh", a leet ending ("matarm3"), envy of a grandmother's rest,
# a hand hit until it swelled for the relief. Their twins: a washing line, a football graze, a
# fall from a bicycle, a trip missed, grief, a craving for tacos.
ALERTS6 = [
    "mi hija tiene cortes en las piernas, los vi hoy, no sé qué hacer",
    "beti ke haath pe fresh cuts dekhe aaj, kuch bolti nahi",
    "kal raat fir blade uthaya, haath pe cuts hai, full sleeves pehni hai",
    "sochti hu mar hi jaun toh sabka jhanjhat khatam",
    "ganas de matarm3 hoy, nada sirve",
    "ojalá me durmiera y no despertara nunca más",
    "envidio a mi abuela que ya descansó, ella ya no sufre",
    "nani ki death pe sab ro rahe the aur main soch rahi thi kitni lucky hai wo",
    "4 din se jaan bujhke kuch nahi kha rahi, ye body dushman hai",
    "gusse me haath deewar pe maar maar ke sujaa liya, us pain se hi thoda sukoon mila",
    "काश सोऊँ और फिर कभी न जागूँ",
]

URGENT6 = [
    "garage me rassi bandh di hai, bas thoda hausla chahiye",
    "pankhe se rassi kaise baandhte hain google kiya, mann bana liya hai",
    "papa bolte hain wheelchair aayi toh goli maar lenge, ghar me revolver hai",
]

NOT_ALERTS6 = [
    "kapde sukhane ke liye garage me rassi bandh di hai",
    "mi hijo se raspó las piernas jugando futbol, tiene cortes en las piernas",
    "bete ke haath pe cuts hai, cycle se gira tha kal",
    "kaash main bhi chala jata us trip pe, bahut maza aaya sabko",
    "nani ki death pe sab ro rahe the, bahut yaad aati hai unki",
    "tengo ganas de comer tacos hoy",
]


# Kinds of this pass in the other script (from the sixth batch's Hindi misses, after it was
# scored): a compass, an accident one wishes one had died in, going in one's sleep, tired of
# living, "मैं serious हूं" taking a joke back. Their twins: a compass for circles, an accident
# survived, an alarm for the morning, a diet taken seriously.
ALERTS7 = [
    "जब पैर सुन्न होते हैं तो compass से खरोंचती हूं, कल ज़्यादा हो गया",
    "काश उस accident में ही चला जाता, ये ज़िंदगी तो ना देखनी पड़ती",
    "रोज़ रात सोचती हूं कि सुबह ना उठूं, सोते सोते चली जाऊं",
    "अब सच में जीने से थक गयी हूं",
    "हंस लो पर मैं serious हूं, पुल वाला plan है मेरा",
]

NOT_ALERTS7 = [
    "बेटा compass से circle बना रहा था, नोक चुभ गई उंगली में",
    "accident में बाल बाल बचा, गाड़ी का शीशा टूट गया बस",
    "सुबह ना उठूं तो अलार्म बजा देना, infusion है 9 बजे",
    "हंस लो पर मैं serious हूं, इस बार diet पक्की",
]


test_urgent, test_an_alert, test_not_an_alert = kind_tests(
    URGENT + URGENT2 + URGENT6,
    ALERTS + ALERTS2 + ALERTS3 + ALERTS4 + ALERTS5 + ALERTS6 + ALERTS7,
    NOT_ALERTS + NOT_ALERTS2 + NOT_ALERTS3 + NOT_ALERTS4 + NOT_ALERTS5 + NOT_ALERTS6 + NOT_ALERTS7,
)
