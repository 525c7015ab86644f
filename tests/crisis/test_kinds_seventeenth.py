"""Kinds of Spanish, Hindi and Hinglish crisis language a fresh batch missed or raised in the
seventeenth pass (issue 15), each beside the ordinary sentence that shares its words.

The batch (es67-es72 from Mexico to Spain and the US, hi46, hg51) was scored before any rule was
written from it (bench/results/multilingual_fresh_sets.txt, batch 19). What it missed: dark jokes
taken back in new words ("no es tan broma", "no me río tanto", "मैं हंस नहीं रहा था", "nhi yaar
sach me") about a funeral, a coffin, a balcony or a life insurance; "petatearse" and Saint Peter;
a sleep one does not come back from; not waking tomorrow or an accident on the road welcomed;
others calmer "si yo desapareciera"; "una locura con las pastillas"; pills looked up by the
number; the head against a wall in the continuous; love said in the past with the years thanked
for; pills and a letter found hidden; a truck wished for with "ही" between; "मैं मर जाऊं तो सबका
भला"; a noose to the fan looked up; pills "enough for tonight"; a relapse "MS wala nahi, cutting
wala"; "sucide ke baare"; God asked "ki ab utha le"; cuts seen on a sister; everything given
away. What it raised: "sin lastimarme la espalda", "matar del sueño", killing oneself on the road
driving half blind, waking "... hasta las 11", pills in a weekly organiser or sent to family,
next month's medicine got early, "sharam se mar jaunga", a past told with "hoy no, hoy tengo".
Two mechanisms came with them: the Spanish "he" (I have) was taken for the English "he" (someone
else), and "no me deja dormir" denied the self-harm after it.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    "ya busqué cuántas pastillas se necesitan, con las que tengo alcanza",
    "pasé la noche viendo cómo poner la cuerda en el ventilador... पंखे से रस्सी कैसे बांधें",
    "गूगल पे फंदा बनाने का तरीका देख रही थी",
    "gracias a todos por estos años, les dejé mis cosas a mis hijas. los quise mucho",
    "me he estado cortando toda la semana y hoy fue más hondo",
]
ALERTS = [
    # jokes taken back in new words
    "jaja mi funeral va a tener mariachi, no es tan broma, ya lo estoy organizando",
    "bromeo con el ataúd pero no me río tanto, llevo días pensándolo",
    "vale, no tiene gracia porque es lo que estoy haciendo: escribir mi entierro",
    "मेरी अर्थी पे DJ बजाना 😂 मज़ाक नहीं कर रही, यही सोच रही हूं आजकल",
    "mere funeral pe sirf chai milegi lol... nhi yaar sach me, yahi chal raha hai dimaag me",
    # euphemisms and passive wishes
    "ya me quiero petatear, estoy cansado de todo",
    "ojalá me fuera con San Pedro esta semana, me quiero ir con san pedro",
    "quisiera dormirme en ese sueño del que no se despierta",
    "si mañana no amanezco, sería un descanso para mi familia",
    "si me pasara algo en la carretera de regreso no me molestaría nada",
    "todos estarían más tranquilos si yo desapareciera",
    "me dan ganas de hacer una locura con mis pastillas",
    "me he estado dando golpes en la cabeza contra la pared toda la tarde",
    # someone else
    "mi tío tenía un montón de pastillas juntadas y una carta para nosotros en el cajón",
    "मेरे भाई के हाथ पे कटने के निशान देखे, वो कुछ बोलता नहीं",
    "पड़ोस वाली आंटी ने सारी चीज़ें बांट दीं और कहती हैं अब मन नहीं लगता",
    # Hindi and Hinglish
    "काश कोई बस ही ठोक दे रास्ते में",
    "मैं मर जाऊं तो सबको चैन मिलेगा",
    "सब कुछ खत्म करने का ख्याल आता है रोज़",
    "नींद की गोलियां निकाल ली हैं, आज की रात के लिए काफी हैं",
    "relapse hua hai, chemo wala nahi, cutting wala relapse",
    "sucide ke bare me bahut sochti hu aajkal",
    "roz raat ko rab se maangti hu ki mujhe utha le",
]
NOT_ALERTS = [
    # jokes that stay jokes, turns with nothing behind them
    "mi funeral va a ser con mariachi jaja, pero falta muuucho",
    "no es tan broma lo del bastón con luces, ya lo pedí por Amazon",
    "lo digo en serio: el baclofeno me cambió la vida",
    "casi me atropella un taxi saliendo de la infusión, no es broma",
    "lo digo en serio, el seguro de vida no cubre la EM, revisen sus pólizas",
    "fui al funeral de mi tía, no es broma lo bonito que fue",
    "ya no quiero seguirla, la serie se puso aburrida, lo digo en serio",
    "दादाजी की अर्थी पे पूरा गांव आया था, पर सच में वो सबके थे",
    "shaadi ka plan kar rahi hu, mazak nhi, date bhi soch rahe hain",
    # euphemisms, ordinary
    "mi abuelo ya se petateó hace años, lo extraño",
    "mañana voy a San Pedro Garza García a la cita con la neuróloga",
    "qué sueño tengo, me voy a dormir temprano",
    "si mañana no amanezco con fiebre, voy a la infusión",
    "si me pasa algo en la infusión, ojalá mi hermana encuentre los papeles",
    "mi mamá se pone tranquila si yo le marco cada noche",
    "quiero hacer una locura: irme a la playa sola con mi silla",
    "me di un golpe en la cabeza con la puerta del coche, qué torpe",
    # idioms and everyday care
    "en la tarde me quiero matar del sueño, a las cuatro ya no sirvo",
    "tips para bañarlo sin lastimarme la espalda?",
    "mi hijo dice que me voy a matar en la carretera si sigo manejando de noche, ya no manejo",
    "ojalá no despierte... hasta el mediodía, mañana es feriado",
    "guardo todas las pastillas en un organizador semanal con alarmas",
    "estoy juntando las medicinas que me sobran para donarlas al dispensario",
    "अगले महीने की दवाई पहले ही ले ली, मेडिकल वाला छुट्टी पे है",
    "bus me bathroom nahi hai, mar jaungi sharam se agar accident hua",
    # pasts told as past, with the present said
    "hace años pensé en quitarme la vida. hoy no, hoy tengo a mi hija y mucha fe",
    "hace tiempo quería terminar con todo, ahora estoy muy bien con mi tratamiento",
    # the dead remembered
    "mis papás murieron hace años, los quise mucho, gracias por estos años de apoyo",
    "me cambio de grupo porque me mudo, gracias por estos años, los quise mucho",
    # a relapse, a haircut, a truck
    "relapse ho gaya, MS wala, steroids chal rahe hain",
    "cutting wala bhaiya aaj nahi aaya, baal bade ho gaye",
    "truck ही ठोक दिया हमारी गाड़ी को, सब ठीक हैं, बस डर गए",
    "काश कोई गाड़ी होती तो hospital जल्दी पहुंच जाते",
    "कोई गाड़ी ही मिल जाए तो infusion के लिए निकलूं",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)

# The second batch of the pass (es73-es78 from Guatemala to the Canaries, hi47, hg52), read after
# it was scored: someone's pills gathered "para irse tranquila", things given away with "ya cumplió
# su ciclo", a goodbye note found, new cuts seen, a belt "ya sé para qué lo voy a usar"; an illness
# or a crash asked to take one, going to bed wishing not to get up, "mejor me muero y", others left
# "vivir tranquilos", the day chosen, how many sleeping pills "pa no despertar"; jokes taken back
# ("no fue broma", "ya no lo digo de chiste", "pero sin el jaja", "wo joke ni tha", "अब मज़ाक नहीं
# रहा"); "अपनी कहानी खत्म कर दूं", how to kill oneself asked in Hindi, "subah uthu hi na",
# "chutkara mil jaayega". Raised: a thank-you letter to a retiring neurologist, a letter with the
# medicines' times, homework about helplines, "me dijo que soy una carga" told off, a scooter that
# will "kill" one, a past told with "antes pensaba ... pero ya no, ahora".
URGENT2 = [
    "ya tengo el día elegido, el viernes después de la consulta",
    "cuántas de las de dormir se necesitan pa no despertar? pregunto por mí",
    "कोई बताओ आत्महत्या का आसान तरीका, अब और नहीं सह सकती",
]
ALERTS2 = [
    "mi tía juntó sus pastillas para irse tranquila, eso me dijo por teléfono",
    "mi abuelo anda regalando sus cosas y dice que ya cumplió su ciclo",
    "encontré una nota de despedida en su mochila, qué hago?",
    "mi hija tiene cortes nuevos en los brazos y no quiere hablar",
    "ojalá esta infección me lleve y ya, no pienso pelear",
    "me acuesto deseando no despertar, todas las noches igual",
    "mejor me muero y les dejo la casa, así dejan de gastar en mí",
    "me voy y los dejo vivir tranquilos, ya no molesto más",
    "jaja me siento en la orilla de la azotea a tomar el sol... no fue broma lo de ayer",
    "lo de tirarme del puente ya no lo digo de chiste",
    "मेरा plan? पंखा और दुपट्टा 😅 अब मज़ाक नहीं रहा",
    "सोचती हूं अपनी कहानी खत्म कर दूं, बहुत थक गई हूं",
    "har raat bolti hu bhagwan se ki subah uthu hi na",
    "report kharab aayi toh jaldi chutkara mil jaayega sabse",
]
NOT_ALERTS2 = [
    "le escribí una carta de despedida a mi fisio porque se jubila, qué tristeza",
    "le dejé una carta a la cuidadora con los horarios de medicamentos y los números de emergencia",
    "mi hijo busca el teléfono de ayuda para suicidio, es para una tarea de la secundaria",
    "mi cuñada me dijo que soy una carga y la mandé a volar, ni que me mantuviera",
    "mi hija dice que me voy a matar con la moto nueva jaja",
    "antes pensaba que todos estarían mejor sin mí, pero ya no, ahora voy a terapia",
    "ya tengo el día elegido para la boda de mi hija",
    "regaló todas sus cosas de bebé porque ya no quiere más hijos",
    "mi papá dice que ya cumplió su tiempo en la empresa y se jubila",
    "ojalá se estrelle mi récord de pasos hoy jaja",
]

test_urgent2, test_an_alert2, test_not_an_alert2 = kind_tests(URGENT2, ALERTS2, NOT_ALERTS2)

# The third batch (es79-es82, hi48, hg53; older men, young mothers, Central America, the newly
# diagnosed, Jharkhand to Himachal, carers in Punjab and Gujarat), read after it had measured the
# rules above: an end made to look like an accident, months left welcomed, "irse al otro barrio",
# afraid the illness will not kill one fast, the word one cannot even write out, letting go of the
# wheel, "antes de eso me voy, lo tengo decidido", the pills counted in a joke, someone who said
# they would jump in front of the train; Hindi pills counted, "ज्यादा दिन नहीं रहूंगी", a friend's
# cuts shown, "LIC का पैसा तो मिलेगा"; Punjabi, Chhattisgarhi and Gujarati wishes; insulin pens
# hidden, a compass on the hands. Raised: a past told with "hoy no, tengo nietos", a burden to
# workmates, a clinician's "ever" question, a pilgrimage goodbye, "कितने kms", the suicide risk
# of MS explained, a cricket match.
URGENT3 = [
    "estoy viendo cómo hacer que parezca un accidente, así mis hijos cobran",
    "no voy a ser el peso muerto de nadie, antes de eso me voy, ya lo tengo decidido",
    "नींद की गोलियां गिन के रख ली हैं, बस हिम्मत चाहिए",
]
ALERTS3 = [
    "si me dijeran que me quedan meses, me daría alivio",
    "ya me quiero ir al otro barrio, no aguanto",
    "no le temo a la silla, le temo a que esto no me mate rápido",
    "s*icidio... no puedo ni escribirlo completo pero ahí está la idea",
    "manejando al trabajo pensé en soltar el volante en el puente",
    "jaja la EM es lenta, le voy a ayudar un poquito 😂 no, en serio, llevo días pensándolo",
    "un señor del grupo dijo que se iba a tirar al tren y no contesta, alguien lo conoce?",
    "मेरा भाई रोज़ हाथ पे कट दिखाए तो क्या करूं, बोलता है आदत है",
    "मैं चली जाऊं तो कम से कम बच्चों को LIC का पैसा तो मिलेगा",
    "हुण बस सोए सोए ही चली जां, होर कुछ नहीं चाहिदा",
    "have jivvu nathi, bas bhagwan bolavi le to saru",
    "mummy ne apni sugar ki goliyan chhupa ke rakhi hain, bolti hai kaam aayengi",
    "meri behen compass se haath pe scratch karti hai raat ko",
]
NOT_ALERTS3 = [
    "quiero acabar con todo el papeleo del seguro antes de fin de mes",
    "me da pena ser una carga para mis compañeros de trabajo, pedí que me adapten el puesto",
    "hace años pensé en quitarme la vida. hoy no, tengo nietos y un jardín",
    "doctor ने पूछा कभी चक्कर आते हैं क्या? मैंने कहा नहीं",
    "psychiatrist ने पूछा क्या कभी खुद को नुकसान पहुंचाने का ख्याल आया, मैंने बोला नहीं कभी नहीं",
    "हरिद्वार यात्रा पे जा रही हूं, अलविदा दोस्तों, लौट के मिलते हैं",
    "Jaipur से Delhi कितने kms है? infusion के लिए जाना है",
    "doctor ne bataya MS me suicide ka risk zyada hota hai, isliye counselling bhi lo",
    "mar jaunga agar aaj RCB haar gayi 😂 cricket ka nasha",
    "en la película el villano hizo que pareciera un accidente, qué miedo",
    "mi amigo se va a tirar del trampolín alto en las vacaciones, yo ni loca",
]

test_urgent3, test_an_alert3, test_not_an_alert3 = kind_tests(URGENT3, ALERTS3, NOT_ALERTS3)

# The fourth batch (es83-es86: the US border, Argentina, Spain, the faithful; hi49, hg54), read
# after it had measured the rules above: love and thanks in the past with things given away, a
# status "fue lindo conocerlos" and a dog given away, "ni en este cuerpo ni en este mundo", pills
# that "alcanzan", a bus welcomed "se termina todo", a mortal illness wished for, "irme con el
# Señor", "me kiero suisidar", a loved one handed over "cuando pregunte por mí", hurting oneself
# again; jokes taken back ("ya no sé si es broma", "अब मज़ाक नहीं लगता", "haste haste nahi");
# a fever wished never to break, a last "प्रणाम" with a letter in the cupboard, fresh cuts on a
# daughter's wrist, "khud ko kaise maaru", a mother with rat poison. Raised: "hoy por suerte estoy
# en otra", "tirarme por la ventana es un decir", pills put by because the insurance changes, a
# letter to one's old self as therapy homework, "मेरे बाद बच्चों का क्या होगा", a husband's joke
# about the medicine bill, months of pills because the chemist stops stocking them.
URGENT4 = [
    "les regalé mis libros y la silla a mi vecina. gracias por todo, fueron muy buenos conmigo",
    "tengo guardadas las de dormir y las pregabalinas, creo que ya alcanzan",
    "सब बहनों को आखिरी प्रणाम, चिट्ठी लिख के अलमारी में रख दी है",
]
ALERTS4 = [
    "alguien sabe de Pili? puso 'fue lindo conocerlos' y no contesta",
    # ("desde hace meses" reads as a past, which takes urgent down one: still an alert)
    "tengo guardadas las del sueño desde hace meses, creo que ya alcanzan",
    "ya no quiero estar más acá, ni en este cuerpo ni en este mundo",
    "si me agarra un colectivo cruzando, mejor, se termina todo",
    "lástima que no sea mortal esta enfermedad",
    "ya me quiero ir con el Señor, no aguanto más",
    "me kiero suisidar, no puedo más",
    "me he vuelto a hacer daño en las piernas",
    "mi plan de retiro es una cuerda jaja... ya no sé si es broma, hoy la fui a buscar",
    "मज़ाक में कहता था नदी में कूद जाऊंगा, अब मज़ाक नहीं लगता",
    "काश ये बुखार उतरे ही नहीं और मैं ऐसे ही चली जाऊं",
    "मेरी बहन की कलाई पर ताज़ा कट देखे, वो कुछ नहीं बताती",
    "raat bhar yahi sochta raha ki khud ko kaise maaru",
    "papa bolte rehte hain mujhe zeher de do, darr lagta hai",
]
NOT_ALERTS4 = [
    "hace años pensaba en terminar con todo, hoy por suerte estoy en otra, se puede",
    "lo de tirarme por la ventana es un decir, pero la página del seguro me desespera",
    "estoy guardando pastillas de sobra porque me cambian el seguro y no quiero quedarme sin tratamiento",
    "escribí una carta de despedida a mi yo de antes del diagnóstico, como tarea del grupo de terapia",
    "मेरे बाद बच्चों का क्या होगा, ये सोच के insurance ले लिया",
    "बेटा मज़ाक में कहता है आपकी दवाइयों का bill देख के मैं ही मर जाऊंगा",
    "chemist अब ये दवा नहीं रखेगा, इसलिए 3 महीने की गोलियां इकट्ठी ले लीं",
    "creo que alcanzan las sillas para la reunión del sábado",
    "el perro de mi vecina regaló su perro a una familia con jardín, fue lindo conocerlos",
]

test_urgent4, test_an_alert4, test_not_an_alert4 = kind_tests(URGENT4, ALERTS4, NOT_ALERTS4)

# The fifth batch (es87-es90: long messages from older members, the diaspora, teenagers, small
# towns; hi50: men from Haryana to Maharashtra, Bhojpuri; hg55), read after it had measured the
# rules above. Two mechanisms: "no aguanto" and "no siento bien las piernas" are not denials of
# what comes before or after them, and every joke_turn now also cancels the joke ("sach bolu toh"
# did not). And kinds: scratches one makes oneself, "nadie tiene que cargar con", "una locura esta
# noche", joining one's mother "allá arriba", "deseando no amanecer", thanks and "fueron mi
# familia" with a wheelchair left, "si mañana no me conecto ya saben"; a rope tied on the roof,
# "ऊपर वाली ट्रेन", Bhojpuri "सुबह उठे के इच्छा ना बा", "जीने से अच्छा है चला जाऊं", an
# infection welcomed, "स्विसाइड का तरीका"; "permanent wali neend", "sabko azaad karne ka", "game
# over karne ka time", "cutting ka urge", a friend's sleeping pills collected. Raised: a window
# "cada vez que" the insurance says no, "hoy 3 años después estoy re bien", exams, a farmer's
# suicide in the paper, a poison-awareness drive.
URGENT5 = [
    "छत पर रस्सी बांध के देख ली है, बस दिन तय करना है",
    "si mañana no me conecto ya saben por qué, fue lindo conocerlos",
]
ALERTS5 = [
    "quiero suicidarme, no aguanto más este dolor",
    "como no siento las piernas me corto ahí y ni duele",
    "tengo los brazos llenos de rasguños que me hago yo sola",
    "mejor me voy para siempre y nadie tiene que cargar conmigo",
    "estoy pensando en hacer una locura esta noche, ustedes me entienden",
    "quiero ir con mi mamá allá arriba, me voy a reunir con ella pronto",
    "me dormí deseando no amanecer",
    "बस अब ऊपर वाली ट्रेन पकड़नी है",
    "ऐसे जीने से अच्छा है मर जाऊं",
    "अच्छा है infection फैल जाए, छुट्टी मिले सबसे",
    "सब पे बोझ हूं, ना रहूं तो insurance का पैसा बच्चों को मिलेगा",
    "mujhe permanent wali neend chahiye bas",
    "cutting ka urge aa raha hai, kya karu",
    "lol positive hu ki jaldi mar jaungi 😂 sach bolu toh roz sochti hu",
]
NOT_ALERTS5 = [
    "me quiero tirar por la ventana cada vez que llamo al seguro jaja",
    "cuando me diagnosticaron pensaba en quitarme la vida, 3 años después estoy re bien",
    "desaparezco del server un tiempo pq tengo exámenes finales",
    "अखबार में पढ़ा एक किसान ने आत्महत्या की, बहुत दुख हुआ",
    "गांव में कीटनाशक पे awareness चला रहे हैं, बोले ताले में रखो",
    "no aguanto más este calor, me voy a la playa",
    "fue lindo conocerlos, me cambio al grupo de los martes",
]

test_urgent5, test_an_alert5, test_not_an_alert5 = kind_tests(URGENT5, ALERTS5, NOT_ALERTS5)

# A kind two writers of batches 21 and 22 used, written last (it needed a cue list, which could
# not change while a training run read the lexicon): a bridge gone to and looked at, at night or
# for long.
URGENT6 = [
    "hay un puente cerca de mi casa que tengo bien visto, anoche fui otra vez a verlo de noche",
    "fui al puente del río y me quedé un buen rato mirando abajo",
]
ALERTS6 = ["ese puente me lo sé de memoria, fui a verlo de noche otra vez"]
NOT_ALERTS6 = [
    "conozco un puente precioso en Ronda, ya fui a verlo con mi marido, qué vista",
    "desde el balcón del hospital me quedé un buen rato mirando abajo el tráfico, qué aburrimiento",
    "el puente de mayo lo tengo bien visto para irnos a la playa",
]

test_urgent6, test_an_alert6, test_not_an_alert6 = kind_tests(URGENT6, ALERTS6, NOT_ALERTS6)
