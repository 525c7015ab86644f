"""Kinds of Spanish, Hindi and Hinglish language the twenty-third pass (issue 15) worked on, from
ordinary messages that share crisis words (hard sets written to train on, then read), each beside
the crisis sentence that shares its words.

- A way out told ("sali de esa depresion", "hoy tengo paz", "cero de eso"), and a habit left in
  Hindi ("आदत छूटे दो साल हो गए"), are a recovery; "sali del hospital" is not.
- Clean of self-harm for a span ("cumplo 3 anos limpio de autolesiones"); not a streak broken.
- A last night in hospital before going home, a farewell letter for a retirement, a move to a
  new group in Hindi, less time here for a new job ("ya no voy a estar tan activa").
- Research and a story's plot ("una amiga investiga sobre la ideacion suicida", "suicide attempt
  wala plot hai"); "X wala scene" stays the writer's own, since it also means "the X situation".
- A shortage, pills dropped, a morning routine asked about, pills counted for a refill; cooking
  with a blunt knife; a shaving cut in Hindi.
- Self-harm kept secret outweighs the kitchen ("me corto con el cuchillo de la cocina cuando
  nadie me ve"), and the Hinglish verb inflected ("haath kaatti hu"); a cut had is not.
- Young Hindi with English words in Devanagari ("स्लीपिंग पिल्स जमा कर ली हैं"), and the other
  word order ("नींद की गोलियां सारी खा लूंगी", "main thak gayi hu is life se").
- Spanglish ("ya compre la rope", "no quiero wake up mañana"); not a rope for a swing.
- A burden, then "I'll go" ("main bojh hu, chali jaungi"); not the weight of a bag.
- Going to God, wished ("ya me quiero ir con diosito"); not a blessing or a mass.
- The way to die looked up, said of anyone ("mi amiga busca como suicidarse"), and one's own
  "X wala" in Hinglish ("suicide wala plan bana liya", "marne wali feeling aa rahi hai"): these
  screened none before.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    "hoy me queria morir otra vez, no aguanto",
    "sali del hospital y hoy me quiero matar",
    "llevo 6 meses limpio y hoy me volvi a cortar",
    "esta es mi ultima noche, ya no voy a despertar",
    "ye mera aakhri message hai, saari goliyan kha lungi",
    "ये मेरा आखिरी मैसेज है, सारी गोलियां खा लूंगी",
    "mañana me tomo todas las pastillas juntas y se acabo",
    "le escribi una carta de despedida a mi familia, ya decidi",
]
ALERTS = [
    "ya no voy a estar aqui mañana, les dejo mis cosas",
    "me guarde tres cajas de baclofeno para tomarmelas todas juntas",
    "me corto los brazos cuando nadie me ve",
    "ब्लेड से फिर से हाथ काट लिया",
    "papa ki saari goliyan gin ke rakhi hai almari me, mujhe dar lag raha hai",
    "mi amiga busca como suicidarse, me da miedo",
    "alguien sabe como ahorcarse sin dolor?",
    "mi hijo busco en google como ahorcarse",
    "suicide wala plan bana liya hai maine",
    "marne wali feeling aa rahi hai",
    "सुसाइड वाला प्लान बना लिया है",
    "mera suicide wala scene chal raha hai aajkal",
    "sochra hu ab game over kar du apna, unalive wala scene",
    # Self-harm kept secret; the Hinglish cutting verb inflected
    "me corto con el cuchillo de la cocina cuando nadie me ve",
    "sabzi wale chaku se haath kaatti hu jab koi nahi dekhta",
    "haath kaatti hu roz",
    "kitchen me jaake haath kaata maine, sab so rahe the",
    # Two more Hinglish spellings, one respelled word at a time
    "ab jeene ki ichcha nahi rahi",
    "jeene ka koi faida nahi",
    "marne ki ichcha hoti hai",
    # Going to God, wished; life itself no longer borne
    "ya me quiero ir con diosito",
    "diosito llevame ya",
    "ya no puedo mas con la vida",
    # Young Hindi with English words in Devanagari; the other word order
    "नींद की गोलियां सारी खा लूंगी",
    "स्लीपिंग पिल्स जमा कर ली हैं",
    "ब्लेड फिर से उठा लिया",
    "blade phir se utha liya",
    "main thak gayi hu is life se, end karna hai",
    "मैं थक गई हूं इस लाइफ से, एंड करना है",
    # Spanglish
    "ya compre la rope",
    "no quiero wake up mañana",
    "honestly ya no quiero living anymore",
    "nobody would care si me muero",
    # A burden, then "I'll go"
    "main bojh hu, chali jaungi",
    "sab pe bojh hu, ek din chala jaunga",
]
NOT_ALERTS = [
    "sali de esa depresion en la que no queria vivir, hoy estoy en paz",
    "hace años me queria matar, hoy cero de eso, estoy feliz con mis nietos",
    "hoy cumplo dos años limpia de autolesiones, gracias grupo",
    "llevo 6 meses limpio de autolesiones y me siento orgulloso",
    "खुद को नुकसान पहुंचाने की आदत छूटे दो साल हो गए",
    "esta es mi ultima noche aqui, mañana me dan de alta del hospital",
    "le escribi una carta de despedida a mis compañeros porque me jubilo el viernes",
    "ये मेरा आखिरी मैसेज है इस ग्रुप में, नए घर में शिफ्ट हो रही हूं",
    "ya no voy a estar tan activa por aqui porque empiezo un trabajo nuevo",
    "una amiga investiga sobre la ideacion suicida en personas con EM, quiere hacer una encuesta",
    "la serie muestra como suicidarse y la critican mucho",
    "Chhichhore dekhi kal, suicide attempt wala plot hai par ending positive hai",
    "suicide attempt wala part dekh ke ro padi",
    "movie me marne wala scene tha, bahut sad",
    "hay escasez de baclofeno en la farmacia, yo me guarde tres cajas por si acaso",
    "se me cayeron todas las pastillas al piso y tuve que recogerlas una por una",
    "me tomo todas las pastillas juntas por la mañana con el desayuno, o eso es malo?",
    "सारी गोलियां गिन के रखी हैं, नर्स ने कहा था ताकि refill टाइम पे हो",
    "con un cuchillo sin filo me corto mas, compren uno bueno para cocinar",
    "दाढ़ी बनाते हुए ब्लेड से कट लग गया, हाथ कांपता है",
    "mera plan hai marne ka... jk gym ka",
    # The kitchen, a cut had, a secret snack
    "me corto pelando papas siempre, soy un desastre",
    "como chocolate cuando nadie me ve jaja",
    "sabzi kaatte waqt haath kat gaya",
    "aaj kitchen me haath kaata gaya, khoon nikla",
    "jab sab so gaye, maine chupke se maggi banayi lol",
    # The same spellings, of a medicine or the gym
    "is dawai ka koi faida nahi",
    "gym jaane ki ichcha nahi aaj",
    # A blessing, a mass, a kind of life
    "vete con dios mija",
    "me quiero ir con dios a misa el domingo",
    "no puedo mas con la vida de oficina",
    "ya no puedo con mi vida, necesito ayuda con la casa",
    # A blade for shaving, pills for a trip; "no point" is a glance (test_kinds_twentysecond)
    "blade phir se utha liya shaving ke liye lol",
    "स्लीपिंग पिल्स जमा कर ली हैं ट्रिप के लिए",
    "लाइफ का कोई पॉइंट नहीं",
    # A rope for a swing or climbing, an early Saturday
    "ya compre la rope para el swing de los kids",
    "compre una rope para escalar",
    "no quiero wake up early mañana jaja, es sabado",
    # The weight of work or a bag
    "kaam ka bojh hai, kal office chali jaungi",
    "bag ka bojh bahut hai, main chali jaungi auto se",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)
