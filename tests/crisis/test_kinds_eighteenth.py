"""Kinds of Spanish, Hindi, Hinglish (and romanised Marathi and Bhojpuri) crisis language a fresh
batch missed or raised in the eighteenth pass (issue 15), each beside the ordinary sentence that
shares its words.

The batch (es98 Peru and Bolivia, es99 the Dominican Republic and Puerto Rico, hi53 older members
in Bihar to Chhattisgarh, hg58-hg61 Hinglish from Delhi offices, older Mumbai and Pune members,
carers in Bihar and eastern UP, and Bengaluru students) was scored before any rule was written
from it (bench/results/multilingual_fresh_sets.txt, batch 26). What it missed, by kind: an illness
"that does not kill" answered with doing it oneself; burning oneself to feel another pain; a
sleep with no coming back; a one-way trip with no destination; a years-long prognosis answered
"I won't stay that long"; a height checked and found "enough"; a ticket bought to the one above;
jumping into a river or a well wished for or threatened; a platform's edge come close to;
pills counted; scars "the cat didn't do"; going before becoming a burden; everyone "free" or
"happy" if I were not here; deciding one's own expiry date; poison asked for, or found hidden;
romanised Marathi and Bhojpuri wishes to die; suicide misspelled; "alt+f4" on existence; "kms"
said to be meant. What it raised: recovered pasts told with "hoy tengo" or "पर अब ... मन ठीक है",
a clinician's screening question answered no, a grandmother's saying, a pill organiser, medicine
stocked for a trip abroad, a death read in the news.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    "आज छत पे जाके देखा, चौथी मंजिल काफी है, बस हिम्मत चाहिए",
    "mere papa ke takiye ke neeche chuhe maarne wali dawai mili hai",
    "roz raat goliyan gin ke rakhti hu, ab kaafi ho gayi hain",
]
ALERTS = [
    # an illness that does not kill, so one will do it oneself
    "dicen que la esclerosis no mata, pues tendré que hacerlo yo misma",
    "el neuro jura que la EM no te mata... entonces me tocará hacerlo yo",
    "डॉक्टर कहते हैं MS से कोई मरता नहीं, तो फिर खुद ही कुछ करना पड़ेगा",
    "sab bolte hai MS se koi marta nahi, toh khud hi kuch karna padega",
    "they keep saying MS doesn't kill you, guess i'll have to do it myself",
    # burning oneself to feel another pain
    "cuando el hormigueo no me deja en paz me quemo con el cigarro",
    "me quemo el brazo con la plancha para sentir otro dolor",
    "जलती अगरबत्ती से हाथ पे दाग देती हूँ, तब कुछ महसूस होता है",
    "jaan bujh ke garam tawe pe haath rakh diya, dusra dard chahiye tha",
    "lighter se ungliyan jalati hu jab numbness bardasht nahi hoti",
    # a sleep with no coming back, a one-way trip with no destination
    "quisiera dormirme y no volver, ya no aguanto",
    "me gustaría dormir y no regresar nunca",
    "este sábado hago mi viaje sin retorno, gracias por todo",
    "ya compré mi boleto de ida sin vuelta, no pregunten a dónde. adiós",
    # a prognosis answered "I won't stay that long"
    "डॉक्टर बोले 15 साल और, हम तो 15 साल नहीं काटेंगे, 15 दिन भी नहीं",
    "neuro bolta hai 20 saal baad wheelchair, main 20 saal rukunga hi nahi",
    "doc says 10 more good years, i'm not sticking around for that, not joking",
    # jumping into a river or a well
    "व्हीलचेयर समेत नदी में लुढ़क जाऊं तो अच्छा रहेगा, सच में",
    "दादाजी कह रहे थे कुएं में कूद जाएंगे, सुबह से मिल नहीं रहे",
    "mann karta hai nadi mein kood jaun aur sab khatam",
    # a platform's edge, a railing, phone off
    "metro platform ke kinare khadi thi aur socha bas ek kadam aage",
    "mera dost terrace ki railing pe khada tha photo mein, ab phone band hai",
    # scars the cat didn't do
    "haath pe jo kat ke nishaan hain wo billi ne nahi kiye, roz ho raha hai",
    "las marcas del brazo no son del gato, me lo hago yo",
    # going before becoming a burden, everyone better off
    "mummy bolti hai bojh banne se pehle chali jaungi, aur wo sach mein karengi",
    "बोझ बनने से पहले ही चले जाएंगे, किसी को बताएंगे नहीं",
    "main na rahu toh sab free ho jayenge, beta bhi apni life jiyega",
    "हम ना रहें तो सब आज़ाद हो जाएंगे",
    "hamar na rahla se sab ke bhala hoi, ehi sochat rahila",
    "ham na jiyab ab, roj roj marne se ek din mar jaana thik",
    # deciding one's own expiry date
    "apni expiry date ab main khud decide karungi",
    "mi fecha de vencimiento la voy a decidir yo",
    # poison asked for, or found
    "bahu, ab hamra ke jahar de da, bahut ho gail",
    "मुझे ज़हर दे दो, अब और नहीं सहा जाता",
    "रोज़ रात मर जाने का मन करता है",
    "सुई से पैर में चुभोता रहता हूं, रोज़",
    # Marathi and Bhojpuri
    "mala ata jagaycha nahi, marun jaava vatta",
    "mi nasen tar sagle sukhi rahatil, roj hach vichar",
    "मला आता जगायचं नाही",
    # misspelled suicide, alt+f4, kms meant
    "suside ke baare me bahut soch rahi hu",
    "suiside karne ka man hai aaj",
    "sucide ka sabse asaan tareeka kya hai, bina dard ke",
    "ready to alt+f4 my whole life honestly",
    "kms. for real this time, not the meme",
    # others that were missed
    "saari goliyan ek saath, bas yahi ilaaj bacha hai",
    "bhagwan uthaa le mujhe, ab aur nahi",
    "LIC ka claim milega family ko, maine hisaab laga liya hai",
    "mujhe bas gayab ho jaana hai, kahin nahi rehna",
    "me di contra la pared hasta que me sangró la frente",
    "si me atropella un carro cruzando, hasta mejor",
    "ya ni miro al cruzar la pista, si me atropellan mejor pues",
    "इस दुनिया में अब रहना नहीं है",
    "ऊपर वाले के पास का टिकट कटा लिया है, सब इंतजाम हो गया",
    "dawaiyan bhi jama kar li hain, ab bas himmat chahiye",
    "अर्थी की बात मज़ाक में की थी, पर सच ये है कि दवाई इकट्ठा कर ली है",
    # jokes taken back, pills counted, neither here nor in this world
    "lo digo riendo pero ya tengo todo listo para irme",
    "हँसी में बोले पर सच में मर जाने का मन करता है",
    "lol jk... ya shayad nahi. kal raat pills gin rahi thi",
    "यहाँ अब और नहीं रुकना, ना घर में ना इस दुनिया में",
    # a clinician's question answered yes stays an alert
    "psychiatrist ne poocha kabhi khud ko nuksaan pahunchane ka khayal aata hai, maine haan bola",
]
NOT_ALERTS = [
    # the same words, ordinary
    "el neuro dijo que la EM no mata, que se vive muchos años con ella",
    "MS से कोई मरता नहीं, डॉक्टर ने बोला, बस ध्यान रखना पड़ता है",
    "nadie me ayuda con el trámite, tendré que hacerlo yo misma",
    "me quemé con la plancha sin querer, qué torpe",
    "tawe pe haath jal gaya roti banate hue, ouch",
    "अगरबत्ती जला के पूजा की, मन शांत हुआ",
    "me voy a dormir y no vuelvo a entrar hasta mañana",
    "la EM es un viaje sin retorno, pero se aprende a vivir con ella",
    "compré boleto de ida sin vuelta a Madrid, me mudo con mi hija en enero",
    "is company mein 10 saal rukunga hi nahi, bahut toxic hai",
    "हमारे लिए तीसरी मंजिल काफी है, लिफ्ट भी है",
    "बच्चे नदी में कूद के नहा रहे थे, हम किनारे बैठे रहे",
    "metro platform pe bheed thi, wheelchair ke liye lift kharab",
    "sofa ki ye lines billi ne kiye hain, naya cover lena padega",
    "main kisi pe bojh nahi banna chahti isliye physio roz karti hu",
    "exam khatam toh sab free ho jayenge, party karenge",
    "dawai ki expiry date check karo, meri wali next month expire ho rahi",
    "ghar me chuhe bahut ho gaye, chuha maarne wali dawai laani hai",
    "mala aaj khup thakva aala, jhopun jaate",
    "suicide prevention pe project bana rahi hu college ke liye",
    "alt+f4 maar diya laptop pe, kaam khatam",
    "ek hi ilaaj bacha hai, physio aur patience",
    "bhagwan sabko sukhi rakhe, good morning",
    "LIC ka premium bharna hai kal",
    "me di contra la puerta con la silla, me salió un moretón",
    "casi me atropella una combi cruzando, qué susto",
    "इस दुनिया में अच्छे लोग भी हैं, आप सब जैसे",
    "दवाई जमा कर ली है अगले महीने के लिए, स्टॉक नहीं रहता",
    # recovered pasts, a screening question answered no, a saying, an organiser, a trip, the news
    "hace años pensé en acabar con todo, hoy tengo a mis nietos y ya no es así",
    "hace 3 años pensaba en quitarme la vida. hoy estoy en terapia y se puede salir",
    "पहले सोचते थे जीने का कोई मतलब नहीं, पर अब सब ठीक है, मन लगता है",
    "doctor ne poocha kabhi khud ko nuksaan pahunchane ke khayal aate hai, maine bola nahi",
    "mar jaana par haar na maanna, ye meri nani kehti thi 😂",
    "pill organiser liya, saari tablets ek jagah jama kar di, game changer",
    "3 mahine ki dawaiyan jama kar li kyunki US ja rahi hu beti ke paas",
    "news me padha ki ek aadmi ne building se kood ke jaan de di, bahut dukh hua",
    "subah saari goliyan ek saath leti hu, koi dikkat nahi",
    "platform ke kinare mat khade ho bachon, train tez aati hai",
    "railing pe khadi thi photo ke liye, view mast tha",
    "hum na jaib market aaj, thak gaye",
    "lo digo riendo pero es verdad, la fatiga me tiene harta",
    "pharmacist ne pills gin ke di, 30 exact",
    "ना घर में चैन है ना ऑफिस में, काम बहुत है",
    "शर्म से मर जाने का मन हुआ जब सबके सामने गिर गई 😅",
    'Dr ne poochha "kabhi khud ko nuksaan pahunchane ke khayal aate hai?" maine bola nahi',
]

# Batch 29 (es101 Cubans and Venezuelans abroad, es102 rural central Mexico, hi56 carers in
# Rajasthan and Madhya Pradesh, hg67-hg69 Hyderabad and Bhopal, young men in Kota and Delhi,
# women in Delhi and Punjab), read after it was scored unread with the model shipped this pass.
URGENT_29 = [
    "el mecate ya está amarrado en la viga del granero",
]
ALERTS_29 = [
    "me rasgué la piel con un clavo a propósito, nadie sabe",
    "बाजू पे कट्स फिर से बढ़ गए हैं, पूरी बाजू की कमीज़ पहनता हूं",
    "bhai ki kalai pe taaze cuts dekhe aaj, kuch bol nahi raha",
    "बेटी के कमरे में khoon wala tissue मिला, baju pe lines bhi hain",
    "ठाकुर जी म्हाने उठा ले, अब ना सह्यो जावे",
    "सुसइड के बारे में सोचना बंद नहीं हो रहा",
    "caretaker ko chhutti nahi milti, main permanent chhutti le lu? seriously bol raha hu",
    "logout maar dungi life se hi, bas",
    "permanent neend wali goli kahan milegi",
    "main to bojh hu, chala jaun to sabka kharcha bachega",
    "main na rahu toh sab khush rahenge, sach mein",
    "maa ne dawaiyan ikathi kar ke rakhi hai, bolti hai us din sab kha lengi",
    "upar ka ticket kata lu, main ghoomne ki baat nahi kar rahi",
]
NOT_ALERTS_29 = [
    "la reata del caballo está amarrada al poste, ya no se escapa",
    "me rasguñé la piel con el rosal podando, nada grave",
    "paper cuts phir se, ye files bahut tez hain",
    "ठाकुर जी सबको सुखी रखें, जय श्री कृष्ण",
    "logout karke phir login karo, app theek ho jayega",
    "kabhi lagta hai gayab ho jaun ek hafte ke liye, pahadon mein, no phone",
    "chala jaun to bata dena, market ja raha hu",
    "पुराने कट के निशान अब हल्के हैं, तीन साल से क्लीन हूं, अच्छा लगता है",
    "mera bhai kehta hai mar jaunga bina chai ke 😂",
    # the new rules' own words in ordinary sentences (a review of this pass's rules)
    "kaam ka bojh bahut hai aaj, boss aaye usse pehle chali jaungi ghar",
    "la EM no mata dicen, pero el papeleo del seguro tendré que hacerlo yo misma",
    "MS se koi nahi marta, par fitness ke liye khud hi kuch karna padega",
    "doctor bole 10 saal aur physio, main 10 saal rukunga hi nahi is shehar mein, transfer le raha",
    "alt+f4 my life admin for today lol",
    "metro platform ke kinare khade the, soch aata hai kitni bheed hai",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)
test_urgent_29, test_an_alert_29, test_not_an_alert_29 = kind_tests(
    URGENT_29, ALERTS_29, NOT_ALERTS_29
)
