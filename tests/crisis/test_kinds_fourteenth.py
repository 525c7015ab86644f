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

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)
