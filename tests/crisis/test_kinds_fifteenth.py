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
