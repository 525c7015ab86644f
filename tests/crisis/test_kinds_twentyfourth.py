"""Kinds of Spanish, Hindi and Hinglish language the twenty-fourth pass (issue 15) worked on, from
sets written to be read for rules (Spanish despair beside passive wishes, written as near twins)
and long crisis sets written to train on, each beside the ordinary sentence that shares its words.

- Death longed for ("no veo la hora de morirme", "cuento los dias para morirme"); not the end of
  a year or laughing with friends.
- Nearly jumped, said with how near ("me falto poco para tirarme del balcon"); not a pool.
- The apology for what one is about to do, to one or to all ("perdoname por lo que voy a hacer");
  not for what one is about to say.
- Not to have come round or not to wake ("ojala no hubiera despertado de la anestesia", "me da
  igual si no amanezco", "ojala ya no abra los ojos"); not a day out, not waking up better.
- Ordinary readings of Spanish wishes: a fight with an insurer, a workplace or a home one will not
  go on with, weeks away, a burden said and then a hope ("mañana sera otro dia"), a pet entrusted
  before an operation.
- Hinglish and Hindi: the self as "apne aap ko" with a blade ("apne aap ko blade se kaat liya"),
  not cut off from everyone; "ham apna jaan le lenge" (the plural "we"), not the heat; eyes
  closed never to open, and sleep with "kabhi", not a lie-in; the verb written as one word
  ("मरजाने का मन"); slang ("tapak jaane ka mann", "duniya se log out"), not a social media
  break; a fill of life ("zindagi se mann bhar gaya"), not of pizza; "still" in "why am I alive";
  dying said with a spouse free to remarry ("main mar jaun to meri biwi dusri shaadi kar legi"),
  not stubbornness ("mar jaun toh bhi ye kaam nahi karungi"); Punjabi and Bhojpuri in Latin
  script ("main mukk jaavan taan changa", "nadi me kud jaib"); ashamed to live; release from this
  body, not from pain; quietly gone with others troubled, not from a party; in Hindi a dip for
  ever, not a holy dip; God's call awaited, not an interview's; a stone in their way.
- From short sets read for rules: a wheelchair handed on (not when a new one came), everything
  over on a fixed day (not a wedding's), a life ruined then stepping aside, the relapse as taker,
  a clean span broken ("2 saal baad phir cut kiya", not a call), a book or news on the topic in
  Hindi word order.
- From long Hinglish crisis sets: the means counted with "kaafi hogi na?" (not a trip's supply),
  things handed over "meri yaad me rakhna" (not before a move), "mar jaata toh acha hota".
- From Hindi and Hinglish despair twins written to train on: poison to be found then taken (not
  for rats), too many at once asked for oneself (not an interaction), one last thing left after
  forgiveness (not at the office), going to God wished, needing nothing any more, sorry to be
  alive, a suicide's insurance asked about (not for a project).

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    "me falto poco para tirarme del balcon anoche",
    "estuve a punto de tirarme desde el puente, me fui a casa temblando",
    "perdoname por lo que voy a hacer, mami",
    "perdonenme todos por lo que voy a hacer esta noche",
    "ham apna jaan le lenge aaj raat",
    # Everything over on a day, the day fixed
    "friday ko sab khatam, date fix hai",
    # The means counted, "will it be enough?"; things handed over "to remember me by"
    "dawai ki saari strips rakhi hain almari me, kaafi hongi na?",
    "didi ne apne gehne de diye, boli meri yaad me rakhna",
    # Forgiveness asked and given, one last thing left
    "sabko maaf kar diya, sabse maafi maang li, ab bas ek aakhri kaam baaki hai",
]

ALERTS = [
    "no veo la hora de morirme, ya no aguanto este cuerpo",
    "cuento los dias para morirme",
    "ojala no hubiera despertado de la anestesia",
    "me da igual si no amanezco, total nadie lo nota",
    "ojala ya no abra los ojos mañana",
    "apne aap ko blade se kaat liya kal raat",
    "अपने आप को चाकू से काट लिया कल गुस्से में",
    "apni jaan le lenge hum, bahut ho gaya",
    "aankhen band karu aur kabhi na kholu bas",
    "so jau aur kabhi na uthu, yahi dua hai",
    "मरजाने का मन करता है आजकल",
    "tapak jaane ka mann hai yaar sach me",
    "is duniya se log out karna hai bas",
    "zindagi se mann bhar gaya mera",
    "मैं अब भी क्यों ज़िंदा हूं, पता नहीं",
    "main mar jaun to meri biwi dusri shaadi kar legi, khush rahegi",
    # Punjabi and Bhojpuri in Latin script; ashamed to live; release from this body; quietly gone
    "main mukk jaavan taan changa, thak gaya haan",
    "waheguru mainu chuk lave, hor kuch nahi mangda",
    "mainu apni jaan lain da khayal aunda",
    "bhaiya bola ki nadi me kud jaib, ham ka kari",
    "jeene pe sharam aati hai ab",
    "is sharir se mukti chahiye ab",
    "sab mujhse pareshan hain, ek din chupchaap chala jaunga",
    # A dip for ever, God's call awaited, a stone in their way (Hindi)
    "हमेशा के लिए डुबकी लगा लूं गंगा में, यही सोचती हूं",
    "अब तो भगवान के बुलावे का इंतज़ार है बस",
    "मैं सबके रास्ते का पत्थर हूं",
    # Short Hindi and Hinglish: a wheelchair handed on, a life ruined then stepping aside, "jeena hi
    # nahi", an accident for relief, "apna game over", the illness as taker, a clean span broken,
    # "karlu" as one word, "भार" for "बोझ"
    "meri wheelchair kisi ko de dena, ab kya karna",
    "मेरी व्हीलचेयर किसी को दे देना बेटा",
    "bachon ki zindagi barbaad kar di, main hat jaati hu",
    "mujhe jeena hi nahi hai yaar",
    "koi accident ho jaye to chhutkara, bas",
    "अपना game over करना है",
    "ye bimari le hi jaye mujhe",
    "3 saal baad phir cut kiya kal",
    "सुसाइड करलु क्या सच में",
    "सबपे भार हूं मैं",
    # "It would have been good" after the verb
    "us accident me mar jaata toh acha hota",
    # Poison to be found then taken; the illness as taker in the other order; too many at once asked
    # for oneself; going to God wished by anyone; needing nothing any more; sorry to be alive; a
    # suicide's insurance asked about
    "zeher mil jaye to kha lu, itna dard hai",
    "ये बीमारी मुझे ले जाए बस",
    "saari ek saath le lu to kya hoga? mere liye puch rahi",
    "nani boli upar wale ke paas jaana chahti hu",
    "ab kisi cheez ki zaroorat nahi rahegi mujhe",
    "har subah disappoint hoti hu ki abhi bhi zinda hu",
    "suicide pe insurance milta hai kya family ko?",
]

NOT_ALERTS = [
    # Longing for an end of year, laughing, a holiday, a dive in the pool, a frank word to come
    "no veo la hora de que se acabe este año",
    "no veo la hora de morirme de risa con ustedes en la reunion",
    "cuento los dias para las vacaciones",
    "estuve a punto de tirarme a la piscina con ropa jaja",
    "perdonenme por lo que voy a decir, pero ese doctor es un inutil",
    # A fight with an office, a workplace or a home one will not go on with; weeks away
    "no quiero seguir peleando con el seguro, que lo haga mi hijo",
    "ya no quiero estar aqui en esta empresa, me cambio en enero",
    "no quiero seguir viviendo asi en este piso sin ascensor, buscamos otro",
    "que ganas de desaparecer unas semanas a la playa",
    # A burden said, then a hope to close on; a pet entrusted before an operation
    "siento que soy un estorbo para todos, pero bueno mañana sera otro dia",
    "me operan el jueves, si me pasa algo cuiden a mi gata porfa",
    # Not coming round from a day out, waking up better
    "ojala no hubiera salido de casa hoy con esta lluvia",
    "si mañana no amanezco mejor, voy al medico",
    # Cut off from everyone, the heat, a lie-in, a social media break, a fill of pizza, stubbornness
    "apne aap ko sabse kaat liya hai maine, kisi se baat nahi karti",
    "अपने आप को सबसे काट लिया है, फोन भी बंद",
    "ye garmi to jaan le legi",
    "aaj bas sona hai aur kal 10 baje tak uthna nahi",
    "insta se permanent log out karna hai, detox chahiye",
    "pizza se mann bhar gaya aaj",
    "main mar jaun toh bhi ye kaam nahi karungi",
    # Work finished, a bath in the canal, relief from pain, leaving a party or the office quietly
    "kamm mukk jaave taan ghar chaliye",
    "nehar me nahaye jaib kal",
    "dard se mukti chahiye bas, koi achhi dawai batao",
    "party se chupchaap chali jaungi, bore ho gayi",
    "sab pareshan hain office me, main chupchaap chali jaungi ghar",
    # A holy dip, an interview's call, not wanting to stand in the way
    "गंगा में डुबकी लगाने का मन है इस कुंभ में",
    "interview ke bulawe ka intezaar hai",
    "मैं उसके रास्ते का पत्थर नहीं बनना चाहती, इसलिए खुद पढ़ाई करूंगी",
    # A new wheelchair came, stepping aside for a talk, not knowing how to live without tea, an
    # insurance question, a game boss, a call cut, a wedding date, a book or news on the topic
    "meri wheelchair kisi ko de dena, nayi aa gayi",
    "tum log baat karo, main hat jata hu",
    "mujhe jeena nahi aata bina chai ke",
    "koi accident ho jaye to insurance milega kya",
    "is boss ka game over kar dunga",
    "call 5 min baad phir cut kiya usne",
    "sunday ko sab khatam, shaadi ki date fix hai",
    "आत्महत्या पर किताब पढ़ी, psychology class के लिए",
    "aatmhatya wali news padhi, bahut dukhad",
    # A bus missed, tablets for a trip, pizza enough, a photo before a move abroad
    "bus pakad leta toh acha hota",
    "trip ke liye 10 strip goliyan le li, kaafi hongi na?",
    "pizza 2 kaafi hoga na?",
    "ye photo meri yaad me rakhna, main canada shift ho rahi hu",
    # Poison for rats, a lift to school, an interaction asked about, a last task at the office,
    # forgiveness after a quarrel, an old phone, glad to be alive, a project's question
    "चूहों के लिए कहीं से ज़हर मिल जाए तो बताना",
    "papa mujhe le jaye school kal",
    "dono dawai ek saath le lein to kya hota hai",
    "office me bas ek aakhri kaam baaki hai, phir ghar",
    "jhagde ke baad sabse maafi maang li, ab sab theek",
    "naya phone aa gaya, ab purane ki zaroorat nahi rahegi",
    "shukr hai ki abhi bhi zinda hu accident ke baad",
    "project ke liye puch rahi hu, suicide pe insurance milta hai kya",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)
