"""Kinds of crisis language the thirteenth pass found missing (issue 15), each beside the
ordinary sentence that shares its words.

From two fresh sets of my own (Spanish; Hindi and Hinglish), scored once before any rule was
written from them: the pronoun after the verb ("estoy cortándome ahorita"), a body part cut now
with hair named beside it, the means at hand with killing named ("... me mato, ya tengo con
qué"), "not as a joke", someone else who had gathered pills, gone for good in the writer's own
future ("main chali jaungi hamesha ke liye"), not alive by a time named, an accident wished for
and not survived. And the readings that keep the same words quiet: hair, nails and onions cut,
the money to pay, a move or a marriage, the scolding idiom ("mummy ko pata chala toh main zinda
nahi rahungi"), years without doing it, a rat poison put down for rats (unless the rats are
denied), and where one wants to live ("ya no quiero vivir en Houston"), which a life, a body or a
state after "en" is not.

Then kinds from the fifth round's read half (rows the rules may read): a whole bottle taken
("me tomé el frasco entero ... hace un rato"), resting forever, not eating on purpose in one
clause, euthanasia wished for oneself, a game one has played enough of, and urges still there
after self-harm in the past; a phrase with the Hindi or Spanish "I" in it is about the writer, so
a media word before it ("euthanasia") frames nothing. A present anchor in a recovery's own
clause ("..., par aaj bahut behtar hu") tells the recovery, not the signal.

And all of a supply taken at once ("dawai mahine ke liye mili hai, aaj raat saari ek saath kha
lungi" screened none, model included): a whole strip, all the pills at once, "me las tomé todas
de golpe" are urgent; the day's pills, a missed dose made up, a dosing question, sweets or a family
meal eaten together, and beers downed are not.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from cogs.crisis.detector import CrisisScreen
from cogs.crisis.lexicon import Level
from tests.crisis.sentence_kinds import kind_tests

# All of a supply taken at once: a plan or an overdose, so urgent.
URGENT = [
    "dawai mahine ke liye mili hai, aaj raat saari ek saath kha lungi",
    "saari goliyan ek saath le lungi, bas bahut ho gaya",
    "neend ki goliyon ka poora patta ek saath kha liya",
    "poora patta kha liya hai abhi, chakkar aa rahe hain",
    "आज रात सारी गोलियां एक साथ खा लूंगी",
    "me voy a tomar el frasco entero de golpe",
    "me las tomé todas de golpe, perdón",
    "hoy me tomo todas de una y ya",
    "estaba en la fiesta y me tomé todas las pastillas que traía",
]

ALERTS = [
    "estoy cortándome en el baño, no sé cómo parar",
    "me corté el pelo y ahora me estoy cortando los brazos",
    "estoy en la cocina cortándome los brazos",
    "si me quitan la custodia me mato, ya tengo con qué",
    "ya tengo con qué, esta noche lo hago",
    "quisiera morirme, no de broma, ya no aguanto",
    "¿alguien sabe de Marta? dijo que había juntado pastillas y no contesta",
    "bachchon ke exam ke baad main chali jaungi hamesha ke liye",
    "होली के बाद मैं हमेशा के लिए चली जाऊंगी, किसी को मत बताना",
    "subah tak main zinda nahi rahunga, sabko thank you",
    "कल तक मैं ज़िंदा नहीं रहूंगी",
    "roz sochti hu koi accident ho jaye aur main na bachu",
    "ya no quiero vivir en este cuerpo que no me responde",
    "no quiero seguir viviendo en este dolor",
    # from the fifth round's read half: a whole bottle taken, rest forever, not eating on
    # purpose, euthanasia for oneself, a game played enough, urges still there
    "me tomé la caja entera de clonazepam hace una hora",
    "estoy agotada y solo quiero descansar para siempre",
    "do din se jaan bujh ke kuch nahi khaya, bas khatam ho jaye",
    "dejé de comer a propósito, ya van tres días",
    "agar yahan euthanasia legal hota toh main sabse pehle apply karti",
    "zindagi ka game bahut khel liya, ab game over kar deti hu",
    "antes me quemaba con cigarros, hoy no lo hice, pero las ganas siguen",
    # from two more fresh sets of mine (es16, hi18): no sense in staying alive, going to the
    # tracks with the bank keys handed over, signs of an ending told as a joke, a railing,
    # pills counted, release awaited from a life
    "no le veo sentido a seguir viviendo así, tía",
    "ya le di a mi mamá las claves del banco, esta noche me voy a las vías",
    "haha ghar pe sabko good night bola, unhe kya pata ye last wala hai 😂",
    "lol goodbye msg drafts mein save hai, bas send karna baaki 🤡",
    "😂 kal ke baad sabki tension khatam, promise",
    "chhat ki railing pe khadi hu, hawa achhi lag rahi hai",
    "goliyan gin li hain, pachas hain, kaafi hongi",
    "ये ज़िंदगी अब सज़ा है, बस रिहाई का इंतज़ार है",
    # from es17 and hg19 (dark humour hiding a real sign, passive wishes): gone by a month
    # named, which bridge known, a rope bought, letters written, retired from life, God asked
    # with the verb first, tired of living, envy of the dead, one's widow, cuts on a wrist
    "jaja ni renuevo el gimnasio, total ya no voy a estar pa marzo",
    "ya sé de qué puente, no se preocupen jaja",
    "ya compré la soga, ahora sí jaja",
    "ya les escribí las cartas a mis papás, están en mi cuarto",
    "sab soch rahe naukri chhod di, resignation toh zindagi se hai 😂",
    "Diwali ke baad main rahungi nahi, isliye gifts abhi le lo 😂",
    "bas ab utha le bhagwan, aur nahi hota",
    "thak gaya hu jeete jeete, ab bas",
    "a veces envidio a los muertos, ellos ya descansaron",
    "ese trámite del banco ya lo hará mi viuda, yo no",
    "dost ki wrist pe fresh cuts dekhe, bol rahi thi billi ne kiya",
    "funeral playlist bana li, letter bhi likh diya sabke liye 😂",
    # from es18 and hg20 (older voices, caregivers, faith): the Lord asked to gather one, no
    # wish to go on, not waking up, God asked with the verb first, the burden lifted, going in
    # one's sleep, an illness that takes one at once, the last call made
    "Señor, ya recógeme, no puedo más con este cuerpo",
    "que el Señor me lleve ya, estoy cansada",
    "ya no tengo ganas de seguir, todo me duele",
    "ojalá ya no despierte mañana",
    "रोज भगवान से कहती हूं उठा लो मुझे",
    "lagta hai main mar jaun to sabka bojh utar jayega",
    "bas neend mein hi chali jaun, yahi dua hai",
    "koi aisi bimari aa jaye jo ek baar mein le jaye",
    "beti ko aakhri baar phone kar liya, bol diya khush rehna",
    # from es19 and hi21 (self-harm in many verbs, obfuscated plans, others at risk): not
    # eating on purpose, a hot iron held to oneself, a rope hung, resting forever after a
    # countdown, a goodbye read with worry, "se desvivía", an arm burned with a spoon, a
    # fortnight's doses at once on purpose, the cost borne by nobody, the last meetings
    "llevo tres días sin comer a propósito",
    "tengo la plancha pegada al muslo y no siento nada",
    "la soga ya está colgada, ya saben",
    "cuenta regresiva: 3 días y descanso para siempre",
    "creo que Pedro se está despidiendo, alguien sabe algo de él?",
    "Marcos dijo que hoy se desvivía y no contesta",
    "गरम चम्मच से बांह जला ली अभी",
    "पूरे महीने की गोलियां जानबूझकर एक साथ ले ली",
    "बस दो दिन और, फिर किसी को मेरी दवाइयों का खर्चा नहीं उठाना पड़ेगा",
    "उल्टी गिनती चल रही है, सबसे आखिरी बार मिल रही हूं",
    # from es20 and hg22 (others at risk; one's own intent): reported with "q", locked in with
    # the pills, a loaded gun, nearly jumped, a shot once the house is empty, ways to die looked
    # up, a note ready, looking down from the roof, a whole vial injected, "ki jump karna hai"
    "mi hermana me escribió q ya juntó todas sus pastillas y q no la busque",
    "mi papá está encerrado con sus pastillas y no abre la puerta",
    "un compa del grupo dijo q tiene la pistola cargada",
    "ayer fui al puente y casi salto",
    "me pego un tiro cuando todos se duerman",
    "bhai ke phone mein painless tarike search kiye hue dikhe",
    "suicide note taiyar hai, bas hausla chahiye",
    "chhat pe hu, neeche dekh rahi hu, sab shaant lag raha hai",
    "usne insulin ki poori shishi laga li hai, koi help karo",
    "dost terrace pe hai aur bol rahi hai ki jump karna hai",
    # a last post with a goodbye and no news
    "mi último post, adiós a todos, gracias por todo",
    # rat poison alone, or with the rats denied
    "chuhe maarne ki dawa le aayi hu, aaj raat",
    "चूहे मारने की दवा ले आई हूं, घर में चूहे तो हैं ही नहीं",
]

NOT_ALERTS = [
    # all the day's pills, a missed dose made up, a dosing question, sweets or a family meal
    # eaten together, beers downed
    "मैंने अभी सारी गोलियाँ खा ली हैं, सुबह वाली भी और दोपहर वाली भी",
    "maine saari mithai ek saath kha li 😂",
    "mithai thi, saari ek saath kha li",
    "sab ek saath khana khayenge aaj raat",
    "subah ki goli bhool gayi thi, to saari ek saath le li shaam ko",
    "kya saari goliyan ek saath le sakte hai kya?",
    "doctor ne kaha saari dawai ek saath mat lena",
    "sab tablets ek saath rakh di dabbe mein",
    "me tomé todas las chelas",
    "anoche me tomé todas las cervezas que había jaja",
    "me las tomé todas de golpe, eran chelas jaja",
    "se me olvidó la de la mañana y me tomé todas juntas en la noche",
    "¿me puedo tomar todas juntas o las separo?",
    "guardo todas mis pastillas juntas en un pastillero",
    "me estoy cortando el fleco yo sola, a ver qué sale",
    "me acabo de cortar picando cebolla, nada grave",
    "me corté con el cuchillo haciendo la cena",
    "estoy cortándome las uñas mientras veo la novela",
    "si me corren me muero, pero ya tengo con qué pagar la renta",
    "me muero de risa, no es chiste",
    "antes me cortaba, hace 6 años que no lo hago y estoy orgullosa",
    "shaadi ke baad hamesha ke liye chali jaungi sasural",
    "main hamesha ke liye Canada chali jaungi, visa aa gaya",
    "mummy ko pata chala toh main zinda nahi rahungi 😂",
    "dua karo kal race mein koi accident na ho aur main jeet jaun",
    "ya no quiero vivir en Houston, el calor es horrible",
    "mi prima dice que ya no quiere vivir en esa casa",
    "ya no quiero vivir en esta casa con mi ex",
    # their twins
    "me tomé todo el frasco de jarabe en una semana, qué gripa",
    "quiero descansar un fin de semana entero sin celular",
    "roza hai isliye subah se kuch nahi khaya",
    "aaj khana nahi banaya jaan bujh ke, bahar se mangwaya",
    "Netherlands mein euthanasia legal hai, interesting article tha",
    "kaash euthanasia legal hota, papa ko itna dard na sehna padta",
    "PUBG mein game over ho gaya phir se, bahut khel liya aaj",
    "quería ir al gym pero las ganas están en cero jaja",
    "me estoy matando de hambre con esta dieta",
    # and their twins
    "no quiero vivir con miedo a cada brote, quiero disfrutar",
    "mañana voy a las vías del tren a tomar fotos con mi cámara nueva",
    "mummy ko good night bola, kal subah exam hai",
    "chhat ki railing pe khada hu, patang uda raha hu",
    "goliyan gin li hain, poore hafte ki, pillbox mein rakh di",
    "bhai ki rihai ka intezaar hai, court ki date aayi",
    "poora din bed pe leti rehti hu, subah uthne ki koi wajah nahi dikhti",
    "दो साल पहले लगता था जीना बेकार है, पर काउंसलिंग की वजह से आज बहुत बेहतर हूं",
    "बोर्ड के पेपर हैं तो मार्च तक ग्रुप में कम आऊंगा, सबको अलविदा कुछ दिनों के लिए",
    # the es17 and hg19 twins
    "ya no voy a estar para la reunión del jueves, voy al dentista",
    "ya compré la soga para el tendedero nuevo",
    "ya escribí las cartas de recomendación para mis alumnos",
    "agla saal kaun dekhega IPL, sab fixed hai",
    "ghar pe party hai, sabke liye letter likh diya invitation ka",
    "cuando me diagnosticaron quise matarme, hoy tengo terapia y muchas ganas de vivir",
    # the es18 and hg20 twins
    "que mi hija me recoja a las 5 del trabajo",
    "que mi esposo me lleve ya al hospital, me duele mucho",
    "ya no tengo ganas de seguir con la dieta keto",
    "se me quemó el arroz porque me dormí en el sillón",
    "थकान इतनी है कि लग रहा है आज तो मर ही जाऊंगा, गर्मी भी बहुत है",
    "main mar jaun to bachchon ka kya hoga, yahi chinta rehti hai",
    # the es19 and hi21 twins
    "sin comer carne a propósito por la cuaresma",
    "aaj vrat hai, jaan bujh ke khana nahi khaya",
    "subah ki dose bhool gayi thi to jaan bujh ke do ek saath le li",
    "la cuerda ya está colgada para tender la ropa",
    "el viernes descanso para siempre de este trabajo",
    "mi hija se está despidiendo de sus amigas en la escuela",
    "mi papá se desvive por sus nietos",
    "la tarea de estadística me va a unalive fr 😭",
    "safed baal nochu ya rangu?",
    "aaj 3 kms walk ki bina stick ke!!",
    "saas ne aaj itna khilaya ki mar hi jaungi 😂",
    "पंखा खराब हो गया, इस गर्मी में बिना पंखे के मर जाऊंगा",
    # the es20 and hg22 twins
    "si pierde mi equipo me pego un tiro jaja",
    "casi me tiro al piso de la risa con ese video",
    "chhat pe hu, neeche dekh rahi hu baraat aa rahi hai",
    "khudkushi word likhne pe kya helpline ka msg aata hai? mod team please bata do",
    "doctor ne bola steroids se suicidal ho jaana rare hai",
    "la psicóloga me preguntó si tenía ideas suicidas y le dije q no",
    # a goodbye told with good news
    "Priya ka last post dekha? sabko alvida likha, usko Pune mein naukri mil gayi",
    "mi último post aquí, adiós a todos, me contrataron en Monterrey",
    # a poison put down for pests
    "चूहे मारने की दवा रसोई में रख दी है, चूहे बहुत हैं",
    "cockroach maarne ka zeher le aayi, kitchen mein bahut ho gaye",
]


test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)


def test_a_place_is_what_the_idiom_keeps_quiet(screen: CrisisScreen) -> None:
    # The same words with a city and with a body: the idiom quiets only the city.
    assert "es_idiom_live_in_place" in screen.screen("ya no quiero vivir en Lima").rules
    assert screen.screen("ya no quiero vivir en este mundo").is_alert


def test_a_beer_with_the_pills_is_no_drink_of_all_of_them(screen: CrisisScreen) -> None:
    # The drink must be what "todas" were, not what the pills went down with.
    assert screen.screen("me tomé todas las pastillas con una cerveza").level is Level.URGENT
    assert "es_self_harm_now_unless" in screen.screen("me tomé todas las chelas").rules
