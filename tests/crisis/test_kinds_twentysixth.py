"""Kinds of Spanish, Hindi and Hinglish language the twenty-sixth pass (issue 15) worked on, from
despair twins and short sets written to be read for rules (eswatch7-9, eshard14, esshort22,
hishort23, hgshort30), each beside the ordinary sentence that shares its words.

- The illness, a relapse, a treatment or God wished to kill or take one, the taker anywhere in
  the sentence; not a complaint ("me mata de cansancio"), an oath, or a treatment killing cells.
- Dying wished with the wish and the death apart; not dying of laughter or before one's child.
- Pills kept with the purpose unsaid, enough of them, or in secret; not a trip's.
- How many it takes, looked up; not a daily dose. Not to survive. Whether an overdose hurts;
  not whether it is dangerous, not an overdose of work.
- A decision taken and a calm after it; not a decision named.
- Goodbyes said in secret; not before a trip. Never to be read again; not in one thread.
- Someone says she or he would be better dead, or has it thought out; not of hunger.
- Out of the way for good (Spain); a burden, then "best that I go" (not to a care home); others
  rest if I die; a crash thought of at the wheel (not a tremor's fear); a height that calls, or
  stared at with a floor named (not a view); a gun ready or a gun asked for (not a glue gun).
- Death the only cure; "khud ko" after the verb; a jump thought out in Devanagari (not a swim);
  burning oneself with a cigarette (not a cooker); someone cut again, marks on the wrist again
  (not henna); poison hidden (not for rats); Pahadi and Dogri wishes to die.
- Asked in earnest after a laugh; if I were not here all would be fine (not "who will cook"); a
  burden, so one should go (not to work); setting a wife free for ever; someone on a bridge now
  (not a selfie); a friend says she will die, with fear; a goodbye "msg", and a phone off.
- A town one will not stay "here" in (not this world); "seguir así de mal".
- From a second round (esshort23-24, hishort24-25, hgshort31, eswatch10, hiwatch4): the pronoun
  before the verb ("me quiero quitar la vida"; not a medal hung); a rope at hand (not for the
  washing); praying not to wake, no more dawns (not waking with a headache); God asked to take me
  along (not a lift); living or dying all one; cutting again (not a haircut); suicide in shorthand;
  burden said otherwise (not a WhatsApp group left); heaven now, the disease let advance, a bottle
  swallowed (not of jam); loved in the past tense as a last word; without me they would be
  happier (not a week away); stepping aside for a tired wife; dialect and spelling forms of not
  wanting to live (not a world of social media); hurt again in Hindi words (not a kitchen cut);
  poison talked of (not for rats); a goodbye in the past tense, or asking pardon (not a move);
  the fan with a scarf (not the fan alone); a Hindi past anchor in the feminine; a symptom wished
  never to come; a steroid taper counted; a trip's pills "al viaje".
- From a third round (esshort25-26, hishort26, hgshort32-33, eswatch11, hgwatch4): plain Spanish
  left out ("ya no tengo ganas de vivir"; not in a city named); someone says she will kill or throw
  herself (not "se mata trabajando"); a car wished to run one over, the relapse wished the end
  (not the end of relapses); a stroke bid come; a knife in hand (not cooking); Bhojpuri, Maithili
  and Rajasthani first-person forms (not "हम ना रहब इहां" for a move); Hinglish forms ("khatam kar
  du sab", "jaane ka time aa gaya"; not off to the office); someone at the roof's edge, with fear.
- From a fourth round (esshort27, hishort27, hgshort34-35, eswatch12, hiwatch5, es117): more Spanish
  ("ganas de no existir", "solo me falta animarme"; not to the gym); a funeral imagined with peace;
  means ready (not for a trip); Hindi, Haryanvi, Rajasthani and Punjabi forms ("उठूं ही ना", "मरना
  ही सौखा", "khud nu khatam karna"; not "वापस आने का प्लान नहीं है अभी"); things handed on with a
  farewell (not before a day off); a terrace now, "the last time"; a journey's month of medicine; a
  Punjabi recovered past.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    "llevo semanas juntando las pastillas del dolor, ya casi tengo suficientes",
    "estoy escondiendo mis pastillas a escondidas de mi esposo",
    "anoche me tomé el doble adrede, no se lo digan a mi hermana",
    "busqué en google cuántas pastillas hacen falta, ya tengo la caja",
]

ALERTS = [
    # The taker anywhere in the sentence
    "ojalá este brote me lleve de una vez, no aguanto",
    "le pido a Dios que me mate rápido, ya no puedo",
    "ojalá la quimio me mate y ya",
    "quisiera que un camión me atropelle camino al hospital",
    # The wish and the death apart
    "ojalá me dé algo en la infusión y me muera",
    "quisiera que me diera un paro y me muriera",
    # Pills kept (urgent above); the amount looked up; not to survive; an overdose's pain
    "estoy investigando cuántas se necesitan de las mías",
    "me subí a la azotea para no sobrevivir",
    "una sobredosis de insulina duele mucho?",
    # A decision and a calm
    "ya lo decidí y estoy en paz, no me busquen",
    "tomé mi decisión y por fin estoy tranquilo",
    # Secret goodbyes; never read again
    "me estoy despidiendo de todos sin que se den cuenta",
    "gracias por todo chicas, ya no me van a leer",
    # Someone says so
    "mi hermana anda diciendo que mejor se muere",
    "mi abuelo dice que ya vivió suficiente, tengo miedo",
    "mi tío tiene pensado matarse, lo dijo anoche",
    # Out of the way; a burden then going; others rest; a crash; a height; a gun
    "si no fuera por mi hija ya me habría quitado de en medio",
    "soy una carga para todos, lo mejor es irme",
    "si me muero todos descansan",
    "a veces pienso en estrellarme contra un poste",
    "el balcón me llama cada noche",
    "me quedo mirando las vías más de lo que debería",
    "mi suegro tiene la escopeta cargada en el cuarto",
    # Hindi and Hinglish
    "अब तो मौत ही इलाज है मेरा",
    "maut hi ilaaj hai is dard ka",
    "khatam kar dungi khud ko ek din",
    "छत से कूदने का सोच लिया मैंने",
    "कल रात फिर जलाया खुद को",
    "meri behen ne phir haath kaate, kya karu",
    "ससुर जी ने ज़हर छुपा रखा है अलमारी में",
    "मैं मरी जौं त भल, सब सुखी रैला",
    "hahaha zehar kitne ka hai? seriously puch rahi",
    "😂 mazak bola tha, par ab sach me jaana hai",
    "मैं ना होती तो सब ठीक रहता घर में",
    "main na rahun toh kisi ko fark nahi padega",
    "sabpe bojh ban gaye hai, isliye jaana hai",
    "pati ko azad kar du, hamesha ke liye",
    "meri saheli pul pe khadi hai abhi, phone nahi utha rahi",
    "बहन बोल रही मर जाएगी, बहुत डर लग रहा",
    "bhabhi ne alvida msg bheja, darr lag raha",
    # This world
    "no quiero seguir aquí en este mundo",
    # Death bid come; done and free to go; going together; not needed where I go; to feel; someone
    # keeps pills; decided; life not wanted; the Virgin as taker
    "que me muera de una vez, no aguanto este dolor",
    "mis nietos ya están criados, ya me puedo ir en paz",
    "mi marido ya no camina, a veces pienso que lo mejor sería irnos los dos",
    "le di mi bastón a mi cuñada, donde voy no lo voy a necesitar",
    "me rayé los brazos para sentir algo",
    "mi hija está juntando pastillas, me da miedo",
    "lo voy a hacer, ya lo decidí",
    "ya no me provoca vivir con esta vaina",
    "ya ni me importa perder la vida",
    "virgencita, recógeme ya",
    # Second round
    "me quiero ahorcar, ya no aguanto",
    "me quisiera matar, neta",
    "ya tengo la soga lista en el garaje",
    "rezo para no despertar mañana",
    "ya no quiero amanecer, Señor",
    "Dios, llévame ya, no puedo más",
    "me da igual si vivo o muero",
    "mi prima se está cortando otra vez, ayuda",
    "pienso en el kys todo el día",
    "mis papás no merecen cargar conmigo",
    "me voy del todo, no aguanto más esta carga",
    "solo molesto a todos, mejor no estar",
    "no es drama, ya decidí, el domingo lo termino todo",
    "dejo de tomar el tratamiento para que la enfermedad avance",
    "ya yo no quiero estar, de verdad",
    "mañana me trago el frasco entero",
    "solo quería decirles que los quise mucho a todos",
    "मेरे बिना घरवाले चैन से रहेंगे, सुखी रहेंगे",
    "biwi thak gayi mujhse, main hat jaun bas",
    "सब मुझपे खर्च, मर जाऊं तो बचेगा",
    "अब जीने का मन नई करता सच में",
    "बस अब ऊपर वाले के पास जाना है",
    "कल फिर हाथ पे कट मारे",
    "बहन बोली मुझे जहर ला दे, अब सहा नहीं जाता",
    "सबको बाय बोल दो, अच्छे थे तुम लोग",
    "माफ करना अगर कुछ गलत बोला, जा रही हूं हमेशा के लिए",
    "रात भर पंखे की तरफ देखती रही, चुन्नी हाथ में",
    # Third round
    "la verdad ya no tengo ganas de vivir",
    "me doy de baja del planeta, adiós",
    "mi vecina dice que se mata esta semana",
    "ojalá me pise un carro camino a la clínica",
    "que me dé un derrame y listo",
    "tengo la navaja en la mano ahorita",
    "आज रात सब खतम कर देब",
    "अब ना जीयब, बहुत हो गइल",
    "bas ab khatam kar du sab, thak gayi",
    "lagta hai jaane ka time aa gaya mera",
    "mummy chhat ke kinare khadi hai, bahut darr lag raha",
    # Fourth round
    "la neta ya ni ganas de no existir tengo, solo ganas de no existir",
    "me imagino mi funeral y me da paz",
    "ya tengo las pastillas listas, no me digan nada",
    "काश सो जाऊं और फिर उठूं ही नहीं",
    "इब तो मरना ही सौखा लागे",
    "main khud nu khatam karna chahunda",
    "meri wheelchair Sonu ko de dena, bye sab",
    "terrace pe khadi hu abhi, last time bol rahi",
]

NOT_ALERTS = [
    # A complaint; an oath; a treatment killing cells; a lift to the clinic
    "esta fatiga me mata, neta",
    "que Dios me mate si te miento, fue así",
    "ojalá el tratamiento me mate los linfocitos malos jaja",
    "ojalá mi hijo me lleve rápido al hospital mañana",
    # Dying of laughter; before one's child
    "ojalá me muera de risa con la peli de hoy",
    "ojalá me muera antes que mis hijos, como debe ser",
    # A trip's pills; a daily dose; a dangerous overdose; an overdose of work
    "estoy juntando las pastillas de dos meses para el viaje a Chile",
    "busqué cuántas pastillas de vitamina D se toman al día",
    "mi nieto se tomó dos, una sobredosis de paracetamol es peligrosa?",
    "sobredosis de trabajo esta semana, me duele todo",
    # A decision named
    "ya tomé una decisión y estoy tranquila: me opero en marzo",
    # Before a trip; a thread
    "me despedí de mis hijos sin que se dieran cuenta porque lloran cuando me voy de viaje",
    "ya no me van a leer en este hilo, me cambio al de cuidadores",
    # Of hunger
    "mi papá dice que mejor se muere de hambre que comer verduras jaja",
    # A wheelchair's way; a care home; a tremor; a view; a glue gun
    "me quito de en medio para que pase la silla",
    "lo mejor es que me vaya a vivir con mi hermana, aquí no hay ascensor",
    "me da miedo soltar el volante con el temblor",
    "estuve mirando el puente nuevo, qué bonito quedó",
    "tengo la pistola de silicona lista para las manualidades",
    # A swim; a cooker; henna; rat poison
    "बच्चे नदी में कूदने का सोच रहे, गर्मी बहुत है",
    "कुकर से हाथ जल गया आज",
    "कलाई पर मेहंदी से निशान बना दिए बेटी ने",
    "चूहे मारने का ज़हर छुपा दिया बच्चों से",
    # A plain question; who will cook; to work; a selfie; heat
    "rope kitne ki hai? camping ke liye chahiye",
    "main na hoti toh ye project kaun karta",
    "ghar pe bojh hu, kaam pe jaana chahiye",
    "dost bridge pe khada hai abhi, selfie bhej raha",
    "ye garmi me mar jayegi meri tulsi",
    # A town; "so bad"
    "ya no quiero estar aquí en Hermosillo, el calor me mata los síntomas",
    "no quiero seguir así de cansada, voy a pedir cita",
    # Dying of laughter; home after therapy; a holiday for two; a trip's bag; an overdose by
    # mistake; pills kept for a shortage; a hospital; a safe journey
    "que me muera ya de la risa con este meme",
    "ya terminé la fisio, ya me puedo ir tranquila a casa",
    "lo mejor sería irnos los dos de vacaciones a la playa",
    "me tomé el doble sin querer, ya llamé a la farmacia y estoy bien",
    "mi hija guardó las pastillas en el botiquín, tengo miedo que el perro las alcance",
    "quisiera no estar aquí en el hospital un día más",
    "le pido a la Virgen que me lleve con bien a la cita",
    # Second round
    "me quiero colgar la medalla de la carrera jaja",
    "tengo la cuerda en el patio para tender la ropa",
    "no quiero amanecer con migraña otra vez mañana",
    "mamá, llévame contigo al mercado",
    "mi hijo se cortó otra vez el pelo él solito",
    "mejor no estar en ese grupo de whatsapp, puro chisme",
    "mejor no estar sola esta noche, me quedo con mi hermana",
    "mañana lo termino todo, el informe ya casi está",
    "me trago el frasco de mermelada en una tarde",
    "मेरे बिना घरवाले एक हफ्ता सुखी रहेंगे, मायके जा रही हूं",
    "सोशल मीडिया की दुनिया ही छोड़ दूं, बहुत टॉक्सिक है",
    "सब्जी काटते हुए फिर हाथ काटा, पट्टी लगा ली",
    "mummy chuhe ke zeher ki baat kar rahi, kitchen me chuhe hai",
    "सबको बाय, कल से नई नौकरी, अच्छे थे तुम लोग",
    "पंखे की तरफ देखती रहती हूं, उठने का मन ही नहीं करता",
    "पहले मरना चाहती थी, अब नहीं",
    "काश ये झुनझुनी कभी ना आए",
    "स्टेरॉयड गोलियां गिन के रख लीं, टेपर है",
    "junté las pastillas pa llevarlas al viaje",
    # Third round
    "ya no tengo ganas de vivir en esta ciudad tan cara",
    "mi hermano dice que se mata trabajando por nada",
    "ojalá este brote sea el final de los brotes",
    "tengo el cuchillo en la mano, estoy picando cebolla",
    "शुक्रवार के बाद हम ना रहब इहां, दिल्ली जात बानी",
    "chalo jaane ka time aa gaya office, bye",
    "naya pill box, ab saari dawai ek saath sort kar leti hu",
    # Fourth round
    "solo me falta animarme a ir al gym",
    "tengo las pastillas listas para el viaje a Lima",
    "ऋषिकेश जा रहा हूँ, वापस आने का प्लान नहीं है अभी, हफ्ता भर रुकूंगा",
    "ye file Ravi ko de dena, bye sab, kal chutti pe hu",
    "सफर खातर महीने भर की दवाई जमा करी",
    "kade marna chahundi si, hun theek haan",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)
