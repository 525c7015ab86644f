"""Kinds of crisis language a fresh batch of five sets missed in the fifteenth pass (issue 15),
each beside the ordinary sentence that shares its words.

The batch (Spanish, two Hindi, two Hinglish) was scored twice before any rule was written from it
(bench/results/multilingual_fresh_sets.txt, batch 8). What it missed: dark humour taken back with
the means made ready (pills laid out, a rope ordered, a ceiling fan checked for strength, a
letter being written); God asked to call one in Bhojpuri and Urdu words, and Rajasthani "कोनी
जीणो"; suicide as "the only way"; cutting "so that I feel something"; cuts seen on a son's arm; a
mother who says all will be free when she is gone; a "goodbye world" status; every injection at
once "to see what happens"; not eating "jaan bhuj ke". And what it raised: pill boxes kept for
crafts, "morir de sueño", suicide in the news, a threat that hangs on a cricket match, food too
good, a trip with no network.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    "saare copaxone ke injections ek saath laga lungi aaj, dekhte hain kya hota hai",
    "मेरी दोस्त ने status लगाया 'अलविदा दुनिया' और अब फोन बंद है",
    "lol aaj rassi bhi order kar di amazon se, jokes apart main thak gayi hoon",
    "dadi kehti hain main chali jaungi toh tum sab free ho jaoge, aaj apne kangan baant diye",
]
ALERTS = [
    "हाहा अब तो इलाज ऊपर ही मिलेगा 😂 नहीं यार सच में, गोलियां रखी हैं सामने",
    "😂 कमरे का पंखा भी मजबूत है, आज चेक कर लिया",
    "ऊपर वाला हमें काहे नहीं बुला लेता, थक गए हैं",
    "अल्लाह से रोज़ कहती हूं अब तो बुला ले",
    "म्हाने अब कोनी जीणो भाई",
    "पैरों में कुछ feel नहीं होता तो कट करती हूं ताकि कुछ तो महसूस हो",
    "मुझे तो आत्महत्या ही रास्ता दिख रहा है अब",
    "aatmhatya hi ek rasta bacha hai ab",
    "kal bhaiya ke arm pe cut dekhe, bol raha tha jeena nahi",
    "2 din se kuch nahi khaaya jaan bhuj ke, saza de rahi hoon khud ko",
    "jaja le dije a mi psicologa que mi meta era estar muerta... y lo pensé en serio",
]
NOT_ALERTS = [
    "naya pankha lagwaya, electrician bola bahut mazboot hai",
    "guardo las cajitas de las medicinas pa manualidades del cole",
    "me quiero morir de sueño con este calor y el baclofeno",
    "aatmhatya pe news dekhi, bahut dukh hua un bachon ke liye",
    "khud ko maar dunga agar RCB fir haar gayi final mein",
    "mummy ke chhole itne tasty the, kasam se main mar jaunga",
    "last msg hai aaj ka, Kasol ja rahe hain, network nahi hoga, bye 3 din ke liye",
    "हाहा सफ़र के लिए गोलियां तैयार हैं, नहीं यार सच में सब पैक है",
    "सुबह की गोलियां तैयार करके डिब्बे में रख दीं",
    "सब्ज़ी कट करती हूं तो हाथ कांपते हैं",
    "बालों में कट करती हूं हर महीने",
    "अल्लाह से दुआ है अब बारिश बुला ले",
    "interferon ke saare injections ka stock aa gaya, fridge mein rakh diye",
    "आज व्रत है, जान बूझ के खाना नहीं खाया",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)


# The next batch (batch 9), read after its two scores: a joke taken back "la neta ... en serio"
# or "that's actually me" beside a date, a letter, a bridge, a wheelchair off a hill, pills
# collected or a knife taken into the bathroom; envy of the dead in "le tengo envidia"; someone
# else gathering pills; no work left here once things are handed over; a ceiling fan and a rope
# while the family is away; no ticket back; a wrist burnt on purpose, knuckles broken on a wall;
# "better I were not in this world". Their twins: a return date still open, the office's work
# done, pills gathered before the pharmacy shuts, a mother's "me voy a matar con tanto café",
# children minded during an infusion, wanting to hit a wall, a mother's scolding, "no thought of
# it", the word "unalive", suicide in the news, a form answered no, a spoon that burnt by
# accident, the key to the roof lost.
URGENT2 = [
    "jaja si me muero me ahorro la cuenta del hospital 😂 la neta lo estoy pensando en serio, ya tengo la fecha",
    "सीलिंग का पंखा मजबूत है, रस्सी भी ले आई हूं, सब शादी में जा रहे हैं कल",
    "कल की train से बनारस जा रहा हूं, वापस आने का टिकट नहीं लिया, घाट पे बैठूंगा",
    "aaj phir cigarette se kalai jalayi, kuch toh feel ho",
]
ALERTS2 = [
    # a digit inside a Devanagari word ("सु1साइड"), in two sets
    "सु1साइड का सोच रही हूं रात भर, कोई आसान तरीका बताओ",
    "chiste: la cura de la EM es morirse jaja, ya escribí la carta y todo",
    "mi suegra se murió en marzo y le tengo envidia, ella ya descansó",
    "mi dosti wala group me ek bhai ne likha ki pills ikattha kar rahe hain, koi baat karo unse",
    "मैंने अपने सारे कंगन बहू को दे दिए, अब मेरा कोई काम बचा नहीं यहां",
    "वो पुल से कूदने वाला meme मैंने भेजा था 😂 वो मैं ही हूँ असल में",
    "मेरी wheelchair को पहाड़ से लुढ़का दूं 🤣 नहीं यार सच में यही सोचती रहती हूं",
    "lol funeral sasta padega, goliyan collect kar li hain already 😂",
    "itna gussa ki deewar pe haath maar maar ke knuckles phod liye",
    "सब मेरी सेवा में लगे हैं, इससे अच्छा तो मैं ना ही रहूं इस दुनिया में",
    "long term plan? pul se kudna, ye joke nahi hai",
    "joke of the day lol, aaj dopahar knife leke bathroom me baithi rahi ek ghanta",
]
NOT_ALERTS2 = [
    "Delhi ja raha hoon kal, wapas aane ka ticket nahi liya abhi, date pakki nahi hai",
    "aaj office me mera koi kaam bacha nahi tha toh jaldi ghar aa gayi",
    "dadi pharmacy band hone se pehle goliyan jama kar rahi hain poore mahine ke liye",
    "mi mamá dice que me voy a matar con tanto café jaja",
    "cuida a mis hijos porfa, me voy a la infusión y salgo a las 5",
    "deewar pe haath maarne ka mann karta hai jab wifi jaata hai",
    "mummy kehti hai main mar jaungi tab samjhogi, jab bhi main late aati hu",
    "mujhe khud ko khatam karne ke koi khayal nahi aate, bas neend kam hai",
    "unalive wala word har reel mein hai aajkal",
    "news me padha ek aadmi ne pul se kood ke suicide kiya, bahut sad",
    "neuro ने form भरवाया, खुद को नुकसान पहुंचाने के विचार वाला सवाल था, मैंने नहीं पे tick किया",
    "chai mein chammach garam ho gaya tha, haath pe laga toh jal gaya thoda",
    "aaj pata chala ki chhat ki chabi kho gayi, joke nahi hai, ab dhoop kaise sekenge",
]

test_urgent2, test_an_alert2, test_not_an_alert2 = kind_tests(URGENT2, ALERTS2, NOT_ALERTS2)


# And the batch after (batch 10), read after its score: a rope bought "and not for the washing",
# Friday decided on as the last, bruises left with a cane, "as if I'd be here", a goodbye and
# then silence, going in one's sleep, burning oneself, ways looked for "seriously", Allah asked to
# call, Haryanvi and Bhojpuri, a whole strip at once, a shroud bought, a blade found and marks on
# a wrist, "take it as done", a cigarette or a hot spoon on the hand. Their
# twins: a rope for the washing, missing Friday's meeting, the heat, a match as the stake, a week
# at one's parents', a series about suicide, a head to bang on the wall, tired but not giving up,
# a fall, "unalive" in a film and as a word, suicide in the news, a wedding playlist.
URGENT3 = [
    "ya compré la soga y no es para tender ropa, ustedes entienden",
    "relapse की पार्टी में इस बार पूरा पत्ता एक साथ खाने का सोचा है",
    "हम आपन कफ़न के कपड़ा भी किन लेले बानी",
    "kal online na aaun toh samajh lena ho gaya kaam",
    "aaj gusse mein haath pe garam chamach laga diya",
]
ALERTS3 = [
    "jaja ya decidí que el viernes no llego, chiste del día",
    "me pego con el bastón en las piernas hasta que me dejé morados",
    "mi neuro habla de la próxima cita, como si yo fuera a estar 😅 ya regalé mi ropa",
    "@Caro lleva dos días sin contestar, lo último fue que se despedía de todos",
    "काश सोते सोते ही चली जाऊं, कोई hospital नहीं",
    "जब दर्द बढ़ता है तो गरम चम्मच से खुद को जलाती हूं",
    "हँस लो, पर मैं seriously तरीके ढूंढ रही हूं",
    "बस अब अल्लाह बुला ले तो अच्छा",
    "काश उस accident में मैं ही चला जाता",
    "मन्नै इब जीणा कोनी भाई",
    "बस हमेशा के लिए सो जाऊं, थक गई हूं",
    "uske room me blade mile aur kalai pe nishaan, kaise baat karu",
    "dard mein cigarette se haath jalata hu",
    "haha pills toh ready hain waise, not joking",
]
NOT_ALERTS3 = [
    "compré una soga pa tender la ropa en el patio",
    "el viernes no llego a la reunión, tengo cita con el neuro",
    "ye garmi mein infusion center tak jana, sach mein mar jaungi aaj toh 🥵",
    "पति बोले India हार गया तो छत से कूद जाऊंगा 😂",
    "दीदी आखिरी message में बोली थी अलविदा दोस्तों, एक हफ्ते के लिए मायके जा रही हूं",
    "खुदकुशी वाले topic पे नई web series आई है, किसी ने देखी?",
    "सरकारी दफ्तर वाले चक्कर कटवाते हैं तो सिर दीवार पे मारने का मन करता है",
    "ज़िंदगी से थक गई हूं पर हार नहीं मानूंगी",
    "balance gaya aur deewar pe sar lag gaya, thoda khoon nikla, ab theek hu",
    "movie mein hero villain ko unalive kar deta hai",
    "unalive es una palabra de tiktok",
    "news me suicide cases ke baare me padha, support hona chahiye",
    "meri shaadi ki playlist ready hai 😍",
    "haha mera funeral playlist ready hai, pehla gaana kishore da ka 😂",
]

test_urgent3, test_an_alert3, test_not_an_alert3 = kind_tests(URGENT3, ALERTS3, NOT_ALERTS3)


# And the last batch's Spanish false alarms (es30, read after its score): a birthday letter, weeks
# away with no signal, a burden the family says one is not, a burn from the iron not felt. Their
# twins: a burden with a leaving, a goodbye with "no me busquen", a letter for when one is gone,
# a burn on purpose.
URGENT4 = [
    "me despido de todos, gracias por todo, no me busquen",
    "le dejé una carta a mi hijo para que la lea cuando yo ya no esté",
]
ALERTS4 = [
    "soy una carga para todos, mejor me voy",
    "me quemé a propósito con la plancha para sentir algo",
]
NOT_ALERTS4 = [
    "le escribí una carta a mi hija para su cumple, con la mano temblando pero quedó linda",
    "me despido por unas semanas, nos vamos a la sierra y no voy a tener señal jaja",
    "a veces siento que soy una carga para mi esposo, pero él dice que no y me lo demuestra, ellos dicen que no",
    "me quemé la mano con la plancha, no siento el calor en esos dedos, ojo con eso",
]

test_urgent4, test_an_alert4, test_not_an_alert4 = kind_tests(URGENT4, ALERTS4, NOT_ALERTS4)
