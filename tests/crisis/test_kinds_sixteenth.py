"""Kinds of Spanish crisis language a fresh batch of six sets missed in the sixteenth pass (issue
15), each beside the ordinary sentence that shares its words.

The batch (es33-es38, Mexico to Spain to the Andes) was scored before any rule was written from
it (bench/results/multilingual_fresh_sets.txt, batch 12). What it missed: the head hit against a
wall, fresh cuts, half a box of pills at once, a friend's goodbye or "tonight" with a worried
question, someone else's pills hidden, someone asking God to take them, "me cansé de existir",
envy of the dead, an accident welcomed, a will and a letter with only the day left to choose,
dark jokes taken back ("aunque lo digo en serio"), a floor written with a digit. And what it
raised: "unalive" asked about, a birthday letter under the pillow, money saved for a wheelchair,
knitting things given away, a goodbye letter for a boss, a Friday planned, the psychologist's
form, "morir de envidia", "matarme de la risa", the will to live come back.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    "me acabo de tomar media caja de clonazepam, ya no siento nada",
    "me he tomado todo el blister de golpe hace un rato",
    "mi abuelo escondió todas sus pastillas debajo del colchón y dice que ya está listo",
    "mi testamento ya está firmado, la carta para mis hijos también, nomás falta elegir el día",
    "ja ja mi viaje de ida ya está pagado, ahorré morfina de sobra, y no es broma",
    "jeje el mejor plan es tirarse del 8vo piso, aunque lo digo en serio",
]
ALERTS = [
    "cuando me da el bajón me doy golpes contra la pared hasta que me duele",
    "anoche me pegué la cabeza contra la pared de la rabia, otra vez",
    "tengo cortadas frescas en el brazo y nadie lo sabe",
    "mi prima me escribió que se despedía y ya no contesta, alguien sabe algo?",
    "mi amigo del grupo dice que esta noche lo hace, estoy asustada, qué hago",
    "mi vecina ya no quiere seguir y está sola, cómo la ayudo",
    "mi papá le pide a Dios que se lo lleve todas las noches",
    "ya me cansé de existir, de verdad",
    "dichosos los muertos, ellos ya descansan de esta enfermedad",
    "si me atropella un camión de regreso a casa no me molestaría",
    "mi epitafio ya está escrito jaja, lo digo medio en broma pero últimamente lo pienso",
    "lol ya tengo la carta escrita, la neta ya no aguanto",
    "escribió que se despedía porque se iba a matar, alguien sabe algo?",
    # a test or a scale named is not a form's question
    "el test de embarazo salió negativo otra vez y me quiero morir",
    "mi compañera escribió que se va a suicidar",
    "jaja mi plan de retiro es no llegar, ya escribí mi carta de despedida y todo",
]
NOT_ALERTS = [
    # the head and cuts
    "me pegué la cabeza contra la pared al caerme del baño, ya me revisaron",
    "me doy golpes con todos los muebles por el mareo, parezco dálmata de moretones",
    "la cirujana dice que los cortes de la operación sanan bien",
    # a box of pills, over days or as food
    "me tomé toda la caja de vitamina D en un mes, ya pedí otra",
    "me tomé media caja de galletas viendo la novela jaja",
    # someone else, ordinary
    "mi prima no contesta porque anda de viaje, dijo que volvía el lunes",
    "mi vecina ya no quiere seguir con el copaxone, va a cambiar de tratamiento",
    "mi vecina ya no quiere seguir con el copaxone, estoy preocupada",
    "escribió que se despedía porque se iba a Monterrey con su hija, alguien sabe si ya llegó?",
    "mi hijo casi se mata con la patineta, se iba a matar el menso",
    "mi papá tiene escondidos los dulces para que los nietos no se los acaben",
    # passive, ordinary
    "ya me cansé de esperar al neurólogo, llevo dos horas aquí",
    "si me atropella un carro con esta lentitud que traigo jaja, cruzo la calle en 5 minutos",
    # a day to choose for a wedding; a will made calmly
    "ya tenemos el salón y el vestido, nomás falta elegir el día de la boda",
    "hice el testamento con calma y guardé las claves del banco, me quedé tranquila",
    # jokes that stay jokes
    "mi epitafio: aquí yace una que se cansó de la fila del seguro jaja",
    "jeje ya tengo la carta escrita para Santa, pedí piernas nuevas",
    "mi edificio es de 8 pisos y el elevador está descompuesto, subir al 8vo piso es mi cardio",
    # "unalive" talked about
    'qué es "unalive"? mi nieta lo dice y no entiendo',
    "mi hijo dice 'unalive' porque en los videos no dejan decir muerto",
    "en la serie unalive al protagonista en el episodio 2, no lo puedo creer",
    # letters, money, things given, plans for a day
    "le dejé una carta bajo la almohada por su cumple, de parte del ratoncito",
    "llevo meses juntando dinero para la silla eléctrica, ya casi",
    "regalé mis cosas de costura a mi sobrina, mis manos ya no dan pero ella sí",
    "escribí mi carta de despedida para mi jefe, me jubilo el viernes",
    "ya tengo todo listo para el sábado: la infusión a las 10 y luego la boda de mi prima",
    # a form, an idiom, recovery
    "en el formulario del psicólogo preguntaban si he pensado en hacerme daño, puse que no",
    "me quiero morir de envidia, mi hermana se va a Cancún",
    "me voy a matar de la risa con este video del gato",
    "hace años pensé en hacerme daño, hoy tengo muchas ganas de vivir",
    "ya para que sigo viendo esa serie si ya sé el final",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)

# The second batch of the pass (es39-es44), read after it was scored twice (batch 13): a death
# said with resolve, a goodbye status or a wish not to go on with no answer since, a death
# welcomed "tomorrow", pills kept back, eyes never opened again, a date put on a will or an
# epitaph, "autodesvivirse", under the train. Raised: kilometres written "kms", a letter with the
# dog's instructions, "último mensaje hoy", "morir de la pena", a fall that will "kill" one, pills
# hidden from the dog, receipts kept, a task called a burden, a burden one is told one is not,
# the day's pills taken early, a mother who no longer wants to live in the cold.
URGENT2 = [
    "si la resonancia sale con lesiones nuevas me mato, ya lo tengo decidido",
    "mi compa dice que si lo corren del trabajo se mata, y lo dijo bien serio",
    "este sábado me autodesvivo, ya no puedo más",
    "si me dan otra mala noticia me tiro abajo del tren, ya vi los horarios",
    "mi testamento ya está escrito y le puse fecha para este viernes",
]
ALERTS2 = [
    "alguien sabe de Mari? ayer escribió que ya no quería seguir y no contesta",
    "Toño puso en su estado una despedida rara y tiene el cel apagado, alguien sabe algo?",
    "si me muriera mañana sería un alivio para todos",
    "quisiera quedarme dormida y ya no abrir los ojos nunca más",
    "tengo los brazos llenos de cortes y los escondo con las mangas",
    "jaja la EM no me mata rápido, pero las pastillas que tengo guardadas sí",
    "ya junté las pastillas de todo el mes sin tomarlas, el domingo es el día",
    # money and receipts put by read only as money: pills saved with them still count
    "llevo semanas juntando pastillas, ya tengo suficientes, el seguro de vida está a nombre de mis hijos",
    "he ido guardando pastillas, ahorrando las que me sobran, ya casi tengo",
]
NOT_ALERTS2 = [
    "con este video me mato de risa, no es broma",
    "si me dicen que es progresiva me mato jaja, mentira, le seguimos",
    "kms caminados hoy: 3, la fisio está contenta",
    "cuántos kms hay de Lima a Cusco? quiero ir en bus",
    "le dejé una carta a mi hijo con las instrucciones del gato, me voy el finde a la playa",
    "este es mi último mensaje hoy porque me voy a dormir, mañana infusión",
    "me quiero morir de la pena, me caí frente a todos en la misa",
    "un día me voy a matar de un porrazo con el bastón en la entrada jaja",
    "mi suegra esconde sus pastillas pa que los nietos no las agarren",
    "llevo meses guardando los recibos de la farmacia para el seguro",
    "mi marido dice que es una carga subir las escaleras, buscamos planta baja",
    "a veces siento que soy una carga para mi hija, pero me dice que no y le creo",
    "me tomé todas las pastillas de hoy temprano así no me olvido",
    "ya tengo las pastillas de todo el mes en el organizador, qué orden",
    "si me muriera mañana, mis hijos ya saben dónde están los papeles",
    "ya no quería seguir con la dieta keto, alguien sabe recetas?",
    "mi mamá ya no quiere vivir en Chicago con este frío, se quiere regresar a Puebla",
    "me desvivo por mis nietos, son mi vida",
    "tengo los dedos llenos de cortes de la cocina, pelar papas con la mano torpe no es fácil",
]

test_urgent2, test_an_alert2, test_not_an_alert2 = kind_tests(URGENT2, ALERTS2, NOT_ALERTS2)

# The third batch (es45-es50), read after it was scored three times (batch 14): a rope with a
# cover story or a beam chosen, envy of someone who died, "tonight I take the whole bottle", a
# relapse to the blade, someone who wrote that it all ended today or could take no more, a new
# member who will kill himself tonight. Raised: a goodbye for a few days, the word "unalive"
# explained, an anniversary letter, a letter to the neurologist or with the list of medicines, a
# shaving cut, the head against a cupboard, the psychologist's request, paperwork to be done with,
# not waking with leg pain.
URGENT3 = [
    "compré una soga, mi marido cree que es para el tendedero",
    "ya sé qué viga del garage aguanta, no le digan a nadie",
    "ya dejé todo arreglado y esta noche me tomo todo el frasco",
    "ya tomé la decisión, esta noche me mato",
]
ALERTS3 = [
    "un chico nuevo del grupo me dijo por privado que esta noche se mata, cómo aviso a los mods?",
    "mi vecino se murió la semana pasada y le tuve envidia, él ya descansó",
    "volví a la cuchilla después de un año limpia",
    "mi esposo se murió hace un año y me quiero ir con él",
    "alguien sabe de Rosa? escribió que hoy se acababa todo para ella y no ha contestado",
    "Beto lleva dos días sin responder, lo último que puso fue que ya no aguantaba más",
]
NOT_ALERTS3 = [
    "compré una soga para el tendedero nuevo, la otra se pudrió",
    "hoy me mato en el gym con la fisio nueva",
    "el sábado me mato en la fisioterapia, el terapeuta dijo que 3 series más",
    "la fatiga de hoy me mató, dormí 3 horas de siesta y sigo igual",
    "mañana me mato estudiando para el examen de la uni",
    "mi hija ya se fue de viaje y quiero irme con ella a la playa",
    "mi mamá ya no sufre y yo aquí sigo, extrañándola cada día",
    "le tengo envidia a mi prima que se fue a vivir a Cancún",
    "me despido unos días, me voy a ver a mi hermana a Monterrey",
    "unalive es la palabra que usan en TikTok para no decir morir",
    "les dejé una carta a mis papás por su aniversario, lloraron",
    "ya le escribí la carta al neuro pidiendo el cambio de tratamiento",
    "dejé una carta en el cajón con la lista de mis medicinas por si me internan",
    "me corté con la navaja de afeitar, la mano no me responde bien",
    "me pegué la cabeza contra la alacena, tremendo chichón",
    "la psicóloga me pidió que si alguna vez pienso en el suicidio le avise, por ahora estoy bien",
    "quiero terminar con todo esto de los trámites de la pensión de una vez",
    "ojalá no me despierte mañana con el dolor de piernas de hoy",
]

test_urgent3, test_an_alert3, test_not_an_alert3 = kind_tests(URGENT3, ALERTS3, NOT_ALERTS3)

# Hindi and Hinglish from the same batches (hi38-hi42, hg43-hg47), read after they were scored: a
# date fixed with no event named, the papers done and a day waited for, sleeping pills gathered
# for months "and enough now", many tablets at once, cutting back after weeks clean, a hand burnt
# "to feel something", a son's bloody tissues, "subah utha hi mat dena", a father who took out
# his old gun, a sister who says she will end it all. Raised: a wedding's or an MRI's date, money
# put by, two of the day's tablets together, "unalive" phone, a goodbye for six months abroad, a
# burden one has learnt one is not, a head banged on a wall as a figure, a helpline pinned.
URGENT4 = [
    "neuro bolta hai lambi life hogi, usko kya pata maine date fix kar li hai",
    "बीमा के papers सब बेटे को दे दिए, अब बस रविवार का इंतज़ार है",
    "kal ke liye sab decide hai, bank ka password bhai ko bhej diya",
    "neend ki goliyan 3 mahine se jama kar rahi hu, ab kaafi ho gayi hai",
    "abhi 20 tablets ek saath le li, sar ghoom raha hai",
]
ALERTS4 = [
    "thigh pe cuts phir se shuru ho gaye, 3 hafte clean thi",
    "kal press se apna haath jala diya, kuch toh feel karna tha",
    "बेटे के कमरे में खून लगे टिशू मिले, वो बाजू ढक के रखता है",
    "roz bhagwan se bolti hu subah utha hi mat dena",
    "infusion ka koi matlab nahi, main waise bhi apni jaan lene wala hu",
    "papa ne almirah se apni purani gun nikal li, bol rahe the bojh nahi banunga",
    "मेरी बहन बोल रही थी की सब खत्म कर देगी, मैं क्या करूं?",
    # batch 16: the English verb in a Hindi frame
    "d!e karne ka mann hai yaar, aaj bahut bura din tha",
    "lol will bhi likh di, pills bhi ready hai, apne time pe jaungi",
    "kabhi kabhi lagta hai die ho jaun toh sab theek",
]
NOT_ALERTS4 = [
    "didi ki shaadi ki date fix kar li hai, December mein",
    "MRI ki date fix ho gayi, maine date fix kar li hai 14 ko",
    "kal ke liye sab decide hai, cake order ho gaya aur decoration bhi",
    "shaadi ke liye paise 3 mahine se jama kar rahi hu, ab kaafi ho gaye",
    "dono tablets ek saath le li subah, doctor ne bola tha",
    "galti se press se haath jal gaya, ice laga liya",
    "subah jaldi utha dena mummy, 7 baje infusion hai",
    "meri roommate bol rahi thi ki sab khatam kar degi, matlab saara Maggi ka stock",
    "unalive ho gaya mera phone, paani me gir gaya",
    "@Sunil bhai Canada ja rahe hain, bole 'अलविदा दोस्तों, 6 महीने बाद मिलेंगे'",
    "पहले लगता था मैं बोझ हूं, counselling के बाद समझ आया ऐसा नहीं है",
    "ऑफिस वालों को MS समझाना मतलब दीवार पे सिर मारना है",
    "Tele MANAS ka number group me pin kar diya hai, suicide ke khayal aaye toh call karna",
    "phone ki battery die kar gayi, charger do koi",
    "kal ki trip ke liye pills ready hain, suitcase bhi pack",
    "laptop die ho gaya yaar, data gaya",
]

test_urgent4, test_an_alert4, test_not_an_alert4 = kind_tests(URGENT4, ALERTS4, NOT_ALERTS4)

# Spanish false alarms of batches 15 and 17, read after they were scored: kilometres walked,
# "no quiero vivir más en este apartamento", pills stocked because the pharmacy runs out, a letter
# to the children's teachers, the ham knife, a retirement goodbye or a move, a washing line,
# pharmacy points saved, "de morra" for when young, a burden one is learning not to feel.
URGENT5 = [
    "ya tengo guardadas las pastillas de dos meses, no me las tomé, el domingo es el día",
]
ALERTS5 = [
    "ya no quiero vivir más en esta vida de dolor",
    "mi amiga está regalando sus cosas y dice que ya no va a necesitar nada",
    "mi hermano se despidió de todos y no contesta, alguien sabe algo?",
    "de joven pensé en matarme y hoy otra vez lo pienso",
]
NOT_ALERTS5 = [
    "kms caminé hoy? 3 según el reloj, récord del mes",
    "kms de la caminata de hoy: 2, con el bastón es un logro",
    "ya no quiero vivir más en este apartamento, un cuarto piso sin ascensor con bastón es una tortura",
    "ya tengo guardadas las pastillas de dos meses porque la farmacia siempre se queda sin fingolimod",
    "les dejé una carta a los maestros de mis hijos explicando lo de mi EM",
    "anoche me corté con el cuchillo del jamón, la mano derecha no me responde",
    "mi mamá se despidió de todos en el trabajo porque se jubila",
    "mi hermano está regalando sus cosas porque se muda a Lima",
    "ya tengo la cuerda para colgar la ropa en el patio",
    "llevo meses juntando puntos de la farmacia para el descuento, ya tengo suficientes",
    "de morra pensé en matarme, hoy gracias a Dios tengo a mis nietos y estoy bien",
    "mi psicóloga dice que dejar de pensar que soy una carga es parte del proceso",
]

test_urgent5, test_an_alert5, test_not_an_alert5 = kind_tests(URGENT5, ALERTS5, NOT_ALERTS5)
