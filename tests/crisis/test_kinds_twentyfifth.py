"""Kinds of Spanish, Hindi and Hinglish language the twenty-fifth pass (issue 15) worked on, from
despair twins written to be read for rules (eswatch3-4, hiwatch2, hgwatch2: despair with no wish
to die beside passive wishes), each beside the ordinary sentence that shares its words.

- Death as the only way out ("la única salida es morirme"); not another way out named.
- No strength left to go on living ("ya no tengo fuerzas para seguir viviendo"); not strength for
  a job or for living through one more relapse.
- An accident or the illness wished to "do the favour"; not a favour named, not "God willing".
- Thinking of staying under the water; not cool water for the heat.
- Sleeping pills counted against a need; not how many one takes.
- Waking WITH a symptom, and a job, a home or a town one will not stay in (false alarms read);
  despair of my own with a home, a laugh, a doctor's visit or a week named.
- Hindi and Hinglish: death better than this life (not than the heat); going from this world with
  the verb first (not away for a while); living, to do what?; sleep and not rise, the "not" after
  the verb (not a lie-in); Bhojpuri: God asked to take one up (not a lift), leave from this life
  (not a few days' break).
- From a third round of despair twins (eswatch5-6, hiwatch3, hgwatch3): going from the world
  wished in Hindi and Hinglish (not a truth told about everyone); pills saved to take together, a
  rope kept, the family better off with the insurance; a way to die thought out with death named
  near (not a way of earning); in front of a truck or a train (not a near miss); a poison or a
  painless way asked for (not for rats or an injection); death in sleep prayed for; Punjabi "mainu
  mar jana chahida"; pills counted with courage wanted; "bye forever" (not to sugar, not moving
  groups); ready for a procedure, signing off for the day, a meeting missed, a job, a town.
- From short sets read for rules (esshort17, hishort18, hgshort20-21): "mejor morirme", "me quito
  la vida"; up to the roof with a goodbye (not for the washing); someone's strange goodbye with
  worry (not a move told calmly); a pet given away and not being there (not for a move); a joke
  denied, then a plan (not the heat); the illness asked to take one soon (not an ambulance);
  entrusting a mother, then going (not to the office or to sleep); one's story over (not a story
  written); should I die, no one would care (not the heat); cuts hidden; a friend says she will
  die; should vanish (not from Instagram); the ways of suicide asked, misspelt; Punjabi "rabba
  mainu chuk lave"; jewellery given away, then leaving (not for a wedding).
- From a fourth round of short sets (esshort18, hishort19, hgshort22-23): the illness wished to
  kill, "better"; unsubscribing from life (not from a gym); a joke, now a plan; "may I not be"
  (not "if I am not here, who will cook"); "sewside"; a whole strip swallowed; a ticket "up there"
  (not an upper berth); standing on a terrace, a floor named (not for the weather); someone says
  today is the last day (not at the office); a recovered past ("ya no, gracias a Dios").
- From a third round of short sets (esshort19, hishort20, hgshort24-25): cut again; only a cost;
  someone says she will kill herself; the treatment wished to kill; a joke denied ("no, en serio",
  "mazak bola"); days of goodbyes; no longer needed (not when a new one was bought); Bhojpuri and
  Awadhi wishes to die, not to return, asleep and gone, into the Ganga (not a bath); a burden in
  the plural, then "let me go" (not to a mother's house); a farewell with forgiveness (not a
  trip); gold with a goodbye (not for a wedding); a date fixed and "the last" (not an MRI's); a
  wrist cut; "mukk jaana chahida", "uth jaun toh changa"; a month's medicine for the village.
- From a fourth round of short sets (esshort20, hishort21, hgshort26-27): someone cut, help asked
  (not a finger in the kitchen, not a power cut); sorry for what one will do (not say); all the
  pills kept (not for a pharmacy that runs out); suicide misspelt; things given with a goodbye to
  all; "sewer slide"; a stash of pills; tired of living; cut to feel a numb limb (not a
  watermelon); someone talks of dying with fear, or says she will give her life; all the
  injections at once (not two asked about); a trip's tablets.
- From a fifth round (esshort21, hishort22, hgshort28-29): others rest if I die; costs saved
  without me; "al otro barrio"; a burden, "mejor irme" (not to bed); did not dare to jump; hands
  cut; going before the illness; a blade again after a clean span (not a film); pills hidden, with
  fear; a burden, "chala jaunga"; a joke that was true; a sweet to die for; a night shift.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    # Sleeping pills counted against a need
    "ya averigüé cuantas de las de dormir hacen falta, no pregunten",
    "cuántas pastillas de dormir se necesitan? ya tengo el frasco",
    # Pills saved to take together; a rope kept; a way thought out; a poison or painless way asked
    "estoy guardando el clonazepam pa tomarmelo todo de una el viernes",
    "ya tengo la soga guardada en el closet",
    "जीने से अच्छा मरना है, तरीका भी सोच लिया है",
    "marne ka tarika bhi soch rakha hai maine",
    "koi zahar batao na, jaldi",
    "tarika batao jisme dard na ho, please",
    # Pills counted out, with courage wanted
    "goliyan gin ke rakhi hain, bas himmat chahiye",
    # Up to the roof with a goodbye; the ways of suicide asked, misspelt
    "esta noche me subo al techo, adios",
    "suicide ke tarike batao koi",
    # A whole strip swallowed
    "aaj raat poora patta nigal lungi",
    # A date fixed, and "the last"
    "20 tareekh fix kar li hai, aakhri baar",
    # Sorry for what one will do; a stash of pills; all the injections at once
    "perdón por lo que haré, los quiero",
    "baclofen ka stash ready hai",
    "saare injection ek saath le lungi",
    # Did not dare to jump; all the strips at once
    "pul pe gayi thi, kudne ki himmat nahi hui",
    "saare patte ek saath le lungi aaj",
]

ALERTS = [
    # Death as the only way out
    "ya no veo otra, la única solución es morirme",
    "mi unica salida es la muerte, lo tengo claro",
    "la única opción que me queda es dejar de existir",
    # No strength left to go on living
    "ya no me quedan fuerzas para seguir viviendo",
    "sin fuerzas para vivir, perdónenme",
    "no tengo energía para seguir respirando, de verdad",
    # An accident or the illness wished to do the favour
    "ojalá un camión me hiciera el favor",
    "a ver si este brote me hace el favor de una vez",
    # Staying under the water
    "me dieron ganas de quedarme bajo el agua y ya",
    "anoche pensé en hundirme y no salir",
    # Death better than this life
    "aisi zindagi se to maut behtar hai yaar",
    "इस जिंदगी से तो मौत बेहतर है",
    "jeene se achha marna, sach me",
    # Going from this world, the verb first
    "mujhe chali jana hai is duniya se, bas",
    "चला जाऊं इस दुनिया से, यही लगता है",
    # Living, to do what?
    "akeli hu, dard hai, jee ke kya karungi",
    "अब जी कर क्या करूंगा, कोई नहीं बचा",
    # Sleep and not rise, the "not" after the verb
    "रोज सोचती हूं सो जाऊं और फिर उठूं ना",
    "bas so jaun aur phir na uthun, itna hi chahiye",
    # Bhojpuri: God asked to take one up; leave from this life
    "हे भगवान, हमरा के उठा ल अब",
    "bhagwan hamra ke utha la, ab na sahat",
    "इस जिंदगी से छुट्टी मिल जाए बस, और कुछ ना चाहीं",
    # Twins of the ordinary Spanish despair below: the wish said apart from the place, the laugh
    # or the week
    "estoy harta de vivir, en esta casa nadie me quiere",
    "ojalá me muriera, de risa nada",
    "estoy cansada de vivir así, con este dolor no hay vida",
    "quiero desaparecer del mapa para siempre",
    # Going from the world, wished
    "main is duniya se jana chahti hu",
    "मैं ये दुनिया छोड़ना चाहता हूं",
    "bas duniya chhodna chahta hu ab",
    # The family better off with the insurance
    "mi esposo estaria mejor con mi seguro de vida, en serio",
    # In front of a truck or a train; death in sleep prayed for; Punjabi; bye forever
    "kabhi lagta hai train ke aage kood jaun",
    "कभी मन करता है ट्रक के सामने आ जाऊं",
    "roz sochti hu neend me hi heart attack aa jaye",
    "sach dassan, mainu mar jana chahida",
    "thank you for everything guys, bye forever",
    # Short messages: "mejor morirme", "me quito la vida"; someone's strange goodbye with worry;
    # a pet given away and not being there; a joke denied then a plan
    "mejor morirme, en serio",
    "mañana me quito la vida",
    "mi prima se despidió raro en el chat, me preocupa",
    "priya ne sabko alvida likha group me, koi dekho",
    "ya le di mi perro a mi vecina, no voy a estar",
    "मज़ाक नहीं है, सच में जाना है मुझे",
    "haha pankha mazboot hai na? no joke",
    # The illness asked to take one soon; entrusting a mother, then going; one's story over
    "bas ms jaldi le jaye",
    "mummy ka khayal rakhna, main ja rahi",
    "मेरी कहानी यहीं खत्म, बस",
    # Should I die, no one would care; cuts hidden; a friend says she will die; should vanish
    "mar jaun kya? kisi ko fark nahi padega",
    "cuts chhupa rahi hu sabse",
    "meri behen keh rahi hai mar jaungi, kya karu",
    "main sab pe bojh hu, mujhe gayab ho jana chahiye",
    # Punjabi, God asked to lift one; jewellery given away, then leaving
    "rabba mainu chuk lave",
    "bahu ko saare gehne de diye, ab chalti hu",
    # Fourth round of short sets: the illness wished to kill, "better"; unsubscribing from life;
    # a strange goodbye with "ayuda"; things shared out, then leaving; a joke, now a plan
    "si esta enfermedad me mata, mejor",
    "quiero darme de baja de la vida",
    "mi amiga se despidió raro del grupo, ayuda",
    "सब सामान बांट दिया, अब चलता हूं",
    "joke samjha tha sabne, ab plan hai",
    "meme nahi hai, pankhe ko dekh rahi hu",
    # May I not be; suicide spelt as it sounds; a ticket up; standing on a terrace, a floor named;
    # someone says today is the last day; take care forever; the date fixed; a wheelchair handed on
    "sabki zindagi kharab ki maine, main na rahu bas",
    "kaash main hoti hi nahi",
    "kabhi kabhi sewside ka sochti hu",
    "upar ka ticket chahiye bas",
    "chhat pe khadi hu, 9vi manzil",
    "meri dost keh rahi hai aaj last din hai uska",
    "ok guys, take care forever",
    "saturday ko sab khatam, date fixed",
    "meri wheelchair koi le lena, ab zaroorat nahi",
    # Third round of short sets: cut again; only a cost; someone says she will kill herself; the
    # treatment wished to kill; a car, "better"; a joke denied; days of goodbyes; no longer needed
    "me he vuelto a cortar, perdón",
    "solo soy un gasto, sobro en esta familia",
    "mi hermano dice que se va a matar",
    "ojalá el tratamiento me mate y ya",
    "si me atropellan, mejor",
    "jaja que alguien me mate. no, en serio",
    "mi prima anda despidiéndose de todos, me preocupa",
    "regalo mi tele, ya no me hará falta",
    # Bhojpuri and Awadhi: into the Ganga; having to die; won't come back; better if I am not;
    # an accident wished; asleep and gone; not to stay in this world; without me they are happy
    "गंगा मैया में समा जाऊं",
    "हमका अब मरे का है",
    "नदी किनारे जा रहे, लौटब ना",
    "बेटे पर भार हैं, ना रहें तो अच्छा",
    "काश कवनो एक्सीडेंट हो जाए",
    "भगवान से यही मांगा, सोते सोते चली जाऊं",
    "इस दुनिया में नहीं रहना अब",
    "हमरे बिना सब सुखी रहेंगे",
    "सबका बोझ बन गए हैं, चले जाएं",
    # Punjabi and Hinglish: "mukk jaana chahida"; free if I die; farewell with forgiveness; gold
    # with a goodbye; "uth jaun toh changa"; God asked to call one; a wrist cut
    "main bhaar haan, mukk jaana chahida",
    "main mar jaun toh sab azaad",
    "sabko alvida, mujhe maaf karna",
    "mera sona beti ko de dena, bye",
    "neend vich hi uth jaun toh changa",
    "rabb ji bula lo mainu",
    "mere bhai ne wrist kaat li kal",
    # Fourth round of short sets: someone cut, help asked; a bus in Río de la Plata; "ojalá
    # pudiera morirme"; all the neurologist's pills kept; suicide misspelt; things given with a
    # goodbye; "sewer slide"; tired of living; cut to feel; someone talks of dying, with fear;
    # someone says she will give her life; God asked why he does not take one; a burden, "jaana
    # hi sahi hai"; a goodbye then offline; the funeral playlist "sach me chahiye"
    "mi hija se volvió a cortar, me preocupa",
    "si me pisa un bondi, mejor",
    "ojalá pudiera morirme ya",
    "tengo guardadas todas mis pastillas",
    "आत्महत्या करलूं क्या",
    "मेरी घड़ी भैया को दे देना, अलविदा",
    "sewer slide wala mood hai aaj",
    "tired hu jeene se yaar",
    "pair sunn hai, blade se kaat ke dekha",
    "meri saheli marne ki baat kar rahi, dar lagta hai",
    "bhabhi keh rahi jaan de dengi",
    "bhagwan humko utha kyu nahi leta",
    "sab pe burden hu, jaana hi sahi hai",
    "rohit goodbye bol ke offline ho gaya, worried hu",
    "funeral playlist bana li 😂 sach me chahiye",
    # Fifth round of short sets: others rest if I die; costs saved without me; the other
    # neighbourhood; a burden, "mejor irme"; hands cut; going before the illness; a blade again
    # after a clean span; pills hidden, with fear; a burden, "chala jaunga"; a plan, "sach me"
    "mis hijos descansarían si me muero",
    "sin mí se ahorran todo, mejor así",
    "ya me voy al otro barrio, en serio",
    "soy una carga para todos, mejor irme",
    "बेटी ने हाथ काटे हैं, क्या करूं",
    "papa bol rahe ms se pehle chala jaunga",
    "6 mahine clean thi, aaj phir se blade",
    "mummy ne neend ki goliyan chhupayi, dar lag raha",
    "sab pe bas burden hu, chala jaunga",
    "hasi me bola tha, par wo sach tha",
]

NOT_ALERTS = [
    # Another way out named; strength for a job or for one more relapse
    "la única salida es cambiar de tratamiento, mañana hablo con la neuróloga",
    "la única solución es pedir la baja, ya no puedo con el curro",
    "no tengo fuerzas para seguir trabajando así, voy a pedir la incapacidad",
    "no tengo fuerzas para vivir otra recaída como la de marzo",
    "no me quedan fuerzas para vivir sola, me voy con mi hija",
    # A favour named; God willing
    "a ver si mi hermano me hace el favor de llevarme al hospital",
    "si la EM me hace el favor de darme una semana tranquila, me voy a la playa",
    "si Dios me hace el favor, en mayo me caso",
    # Cool water for the heat
    "con este calor me dan ganas de quedarme bajo el agua fría todo el día",
    "en la alberca quisiera quedarme debajo del agua un rato, me quita el hormigueo",
    # How many one takes
    "cuántas de las de dormir te tomas tú? a mí me dieron media",
    # Waking with a symptom; a job, a home or a town
    "no quiero despertar mañana con este dolor de cabeza, me tomo algo ya",
    "ya no quiero seguir en esta empresa, busco otra cosa",
    "no quiero seguir en este piso sin ascensor",
    # The heat weighed against death; away from the world for a while
    "इस गर्मी से तो मौत अच्छी, उफ्फ",
    "is garmi se to maut achhi yaar, AC kharab",
    "kuch din chale jana hai is duniya se door, pahad pe",
    # A lie-in; a lift; a few days' break
    "sunday hai, so jaun aur phir 11 baje tak uthun na",
    "भइया हमरा के स्टेशन से उठा ल, सामान भारी बा",
    "कुछ दिन के लिए इस जिंदगी से छुट्टी चाहिए, गोवा चलते हैं",
    # Spanish despair of my own, with a place, a laugh, a doctor's visit or a week named
    "estoy harta de vivir en esta casa con mis suegros",
    "ojalá me muriera de risa como antes, extraño reír",
    "estoy cansada de vivir así con este dolor, mañana voy al neuro",
    "quiero desaparecer del mapa una semana",
    # A truth told about everyone; a way of earning; a near miss; rats; an injection
    "sabko ek din is duniya se jana hai, yahi sach hai",
    "सबको एक दिन इस दुनिया से जाना है",
    "naukri gayi to kamane ka tareeka bhi soch liya hai",
    "ट्रक के सामने से निकल गई, बाल बाल बची",
    "chuhon ke liye koi zeher bata do, ghar me bahut ho gaye",
    "injection lagane ka koi tareeka batao jisme dard na ho",
    # A father's heart attack that came; someone else's insurance; a washing line; sugar
    "papa ko neend me heart attack aa gaya tha",
    "mis hijos estarían mejor con el seguro de vida de la empresa, lo voy a contratar",
    "tengo la soga en el patio para tender la ropa",
    "bye forever to sugar, diet start",
    # Ready for a procedure; signing off for the day; a meeting missed; a job; a town
    "tengo todo listo para la punción lumbar de mañana, hasta le dejé comida al gato",
    "ya me despido de ustedes chicos por hoy, mañana sigo quejándome jaja",
    "nadie notaría si falto al grupo del jueves",
    "no quiero seguir en este laburo, el jefe es un idiota",
    "ya no quiero estar aqui en este pueblo, me quiero mudar a la capital",
    # Short ordinary twins: the roof for the washing or the sun; a move told calmly; a pet given
    # for a move; a joke about the heat; an ambulance; off to the office or to sleep; a story
    # written; the heat; old cuts on a craft; a friend's heat; off social media; a wedding
    "hoy subo a la azotea a tender, chao",
    "se despidió de todos porque se muda a Chile",
    "regalé a mi perro a mi hermana porque me mudo a un piso pequeño",
    "mazak nahi, aaj garmi se mar jaungi",
    "ambulance jaldi le jaye to accha, papa ko",
    "mummy ka khayal rakhna, main ja rahi office",
    "बच्चों का ख्याल रखना, मैं जा रही सोने",
    "meri kahani khatam ho gayi likhni, 50 pages",
    "meri friend bol rahi garmi se mar jaungi lol",
    "insta se gayab ho jana chahiye mujhe, bahut time waste",
    "beti ki shaadi me gehne de diye",
    # A recovered past; a gym; if I am not here; an upper berth; a terrace with good weather; the
    # last day at the office; a new wheelchair come
    "antes pensaba en matarme, ya no gracias Dios",
    "me doy de baja del gimnasio, muy caro",
    "main na rahu to party me maza nahi aayega lol",
    "upar wali berth ka ticket mila finally",
    "terrace pe khadi hu, mausam mast hai",
    "priya keh rahi aaj last din hai office me uska",
    "nayi wheelchair aa gayi, purani koi le lena",
    # A gym cut; a relapse cost; a bath in the Ganga; a mother's house for a few days; a farewell
    # for a trip; gold for a wedding; an MRI's date; a new console; a month's medicine for the village
    "me he vuelto a cortar el pelo cortito",
    "gaste mucho en el brote, solo doy gastos al seguro jaja",
    "गंगा जी में स्नान करके आए, मन शांत",
    "कुछ दिन मायके चली जाऊं, बहुत थक गई",
    "sabko alvida, 2 hafte ke liye goa, maaf karna group miss karungi",
    "mera sona beti ko de dena shaadi me, bye",
    "MRI ki tareekh fix kar li, aakhri slot tha",
    "regalo mi play, me compré la 5, ya no me hará falta",
    "महीना भर की दवाई जमा किए, गांव जाना है",
    # A finger in the kitchen; a power cut; what one will say; pills kept for a pharmacy that runs
    # out; a watermelon; grandmother's talk of age; two injections asked about; a trip's tablets
    "mi hermano se cortó el dedo cocinando, ayuda, sangra mucho",
    "se cortó la luz otra vez, ayuda con el inhalador",
    "perdón por lo que voy a decir, pero ese neuro es malísimo",
    "tengo guardadas todas las de la neuro por si falla la farmacia",
    "tarbooz kaat ke dekha, meetha hai",
    "dono injection ek saath lagte hai kya?",
    "3 महीने की trip, tablets जमा कर रही",
    # Off to bed; a sweet to die for; a night shift; pills before an infusion; a clean kitchen
    "estoy cansada, mejor me voy a dormir",
    "rasgulla ke liye jaan de du 😋",
    "नाइट ड्यूटी है, अलविदा दोस्तों, सुबह मिलते हैं",
    "infusion se pehle dawaiyan jama karke rakhi",
    "1 saal clean tha smoking se, phir blade runner dekhi raat ko",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)
