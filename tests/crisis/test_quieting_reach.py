"""How far a quieting rule reaches (issue 15, twelfth and thirteenth passes).

An `unless` cue that names what an act is done to or with (food being cut, a washing line, a
dose, a day at college) gives a signal its ordinary reading only from the signal's own clause or
the clause next to it, and not from a negated one: "khana banana hai, kaat rahi hu" is cooking, but in
"pyaaz nahi mila, raat ko phir kaat rahi hoon apna haath" nothing is cut for a meal. A frame (a
question someone asked, "what is the point of") elsewhere in the sentence does not cancel a clause
of its own in the writer's present or future voice ("..., quiero morirme", "..., main khud ko
khatam kar lungi"); a quoted or framed clause is still a mention. The writer's own future in a
signal's clause keeps it current beside a recovered past ("..., kood jaungi"), and a recovery
that a denial follows ("help li thi, kuch nahi badla") is none; so is one that a "but" turns
("par mujhe jeena nahi hai"). A Hindi "par" after a verb or a negator begins a clause; a media
word does not frame the writer's own wish ("MS ki news padh ke marna chahti hu"), but it does
frame words quoted from the story.

Each line here was written for this test, apart from any data file; the audit's own messages are
in quieting_audit.txt.
"""

from __future__ import annotations

from cogs.crisis.detector import CrisisScreen
from tests.crisis.sentence_kinds import kind_tests

ALERTS = [
    # (thirteenth pass) papers that came are not paper being cut; plants someone is asked to
    # water are not what the means is for; the others' meeting is not the writer's day away
    "court ke papers aa gaye, ab bathroom me hoon, kaat rahi hu",
    "कोर्ट के कागज़ आ गए, बाथरूम में हूं, काट रही हूं",
    "Ya tengo las pastillas y sé cuándo, le dejé a mi hermana las llaves para que cuide mis plantas",
    "sab log meeting me busy hai, kisi ko nahi pata main kal nahi rahungi",
    # a reaction since the story, not its plot
    "Mi hija vio un video en TikTok y desde entonces dice que se quiere morir",
    # the writer named as the one taken; the family's burden, not home soon
    "bhagwan utha le is duniya se mujhe, ab aur nahi hota",
    "upar wala mujhe is zindagi se le jaye, bas",
    "भगवान मुझे इस दुनिया से उठा ले",
    "bhagwan kare jaldi chala jaun, ghar walon ka bojh kam hoga",
    # an ordinary cue two clauses off
    "shaadi ka card aaya tha uska, main kuch nahi keh paayi, sabko alvida",
    "Como siempre, nadie me escucha y nadie pregunta, ya tengo todo listo para esta noche",
    # an ordinary cue in a negated clause next door
    "pyaaz nahi mila market mein, raat ko phir kaat rahi hoon apna haath",
    # a question asked, then the writer's own words in a clause apart
    "la psicóloga me preguntó por mi semana, no supe qué decir, quiero morirme",
    "डॉक्टर ने पूछा दवा ली या नहीं, मैंने कुछ नहीं कहा, मैं मरना चाहती हूं",
    "bhai ne poocha tha ki holi pe aaogi, use kya bolu, main usse pehle khud ko khatam kar lungi",
    # a day away or a trip named as a topic, not as where one will be
    "exam ki tension nahi, bas sab bekaar lagta hai, main nahi rahungi kal",
    "mera beta videsh mein settle hai, use kehna maa ne bahut pyaar kiya, sabko alvida",
    "pichle mahine 10 din hospital me rahi, kuch nahi sudhra, mere bachchon ka khayal rakhna, main ja rahi hu",
    # no news of someone is no news story; and what someone said they will do
    "mere dost ki koi khabar nahi, raat ko bola tha ki wo suicide kar lega",
    # a recovery denied in its own sentence, a partner who left, the writer's own future
    "teen saal pehle therapy shuru ki thi, kuch nahi badla. mujhe jeena nahi hai",
    "usne mujhe chhod diya. mujhe jeena nahi hai",
    "pehle bachpan mein yahan aate the, aaj pul pe khadi hu, kood jaungi",
    "pehle bahut rona aata tha, ab aansu nahi aate, bas marne ka mann karta hai",
    # a Hindi "par" after a verb or a negator begins a clause of its own
    "ye bot kya karega pata nahi par main aaj raat khudkushi karne wali hu",
    # a film or the news as the occasion of the writer's own wish
    "wo movie dekh ke bas marne ka mann kar raha hai",
    "MS ki news padh ke bas marna chahti hu",
    # nothing but it; Spanish "ni" before a pronoun is no Hindi "nahi"
    "marne ke khayal ke siwa dimaag mein aur kuch nahi aata",
    "me volví a cortar y ya ni me importa",
    # but, after a recovery
    "la terapia me ayudó un tiempo, pero ya no quiero vivir",
    "mujhe laga tha main sambhal gayi hu, par mujhe jeena nahi hai",
    # where others are is no day away of the writer's
    "bachche school gaye hain, shaam ko jab lautenge tab tak main nahi rahungi",
    # about someone else with no subject word the lists know ("papa", "husband"), and told by
    # the writer ("me contó que ...")
    "papa subah se garage mein hain, gaadi chalu hai aur shutter andar se band hai, koi jawab nahi aa raha",
    "mi prima me contó que ya no quiere vivir",
    "dost online nahi aaya 2 din se, uska last msg tha sabko alvida, dar lag raha hai",
    # twins of the Spanish kinds below
    "hace quince años intenté matarme y hoy lo volví a pensar en serio",
    "regalé mis cosas, ya no las voy a necesitar",
    "le dejé una carta a mi hijo, para que entienda por qué me fui",
    "me tomé todas las pastillas que me quedaban",
    "me voy a tirar del balcón esta noche",
    "dejé una carta para mi hija para cuando cumpla 18, ya no voy a estar",
    # a denied ordinary reading is none, however far off; thoughts that stay without "ever";
    # sleep for ever; a cover story's few days
    "sabko alvida, kuch din ke liye nahi, hamesha ke liye",
    "mujhe nahi lagta main aur jee paungi, sab khatam karna hai",
    "zindagi se thak gayi hu, bas hamesha ke liye sona hai",
    "bachon ko nani ke paas chhod diya, unhe bola kuch din ke liye hai. main wapas nahi lene aaungi",
    # a means brought after something else was thrown away; the writer who cut again
    "charger phenk diya gusse mein aur zeher ki shishi le aayi hu",
    "main ne fir se kaat liya, khoon ruk nahi raha",
    # pills gathered, alone or on a pretext
    "goliyan jama kar li hai maine",
    "shortage ke bahane goliyan jama kar rahi hu, kisi ko shaq nahi hoga",
    # the twins of this pass's quiet readings (below)
    "Hace tres años pensaba en matarme. Hoy otra vez lo pienso.",
    "gussa itna aata hai ki deewar pe sar maarti hu roz",
    "school mein cutting karti thi, ab bhi karti hu kabhi kabhi",
    "hoping i don't wake up tomorrow",
    "safety pin se haath pe lines banati hu jab bahut bura lagta hai",
    "khudkushi pe research padh ke aur bura lagta hai, main bhi marna chahti hu",
]

NOT_ALERTS = [
    # (thirteenth pass) the twins of the alerts above
    "exam ke paper aa gaye, ab sabzi kaat rahi hu",
    "bachchon ke project ke liye kaagaz kaat rahi hu",
    "Compré unas pastillas para las plantas, ya sé cuándo ponerlas",
    "rassi le aaya hu, gamle taangne hai balcony me",
    "kal meri meeting hai, main nahi rahungi ghar pe",
    "main kal nahi rahunga ghar pe, shaadi mein jaana hai",
    "En la película el chico dice que se quiere matar y ahora todos lo buscan",
    "Mi hijo vio una película donde el protagonista se quiere matar",
    "bhagwan le jaye is garmi ko, pasine se bura haal hai",
    "bhagwan is bimari ko meri zindagi se le jaye",
    "bhagwan ka shukr hai, zindagi se mujhe bahut pyaar hai",
    "bhagwan kare jaldi chali jaun ghar walon ke paas, traffic bahut hai",
    "bhagwan kare jaldi chali jaun ghar wale wait kar rahe hai",
    # the ordinary cue in the signal's clause or the one next to it
    "sabzi laayi thi, ab kaat rahi hu",
    "khana banana hai, kaat rahi hu abhi",
    "rassi le aayi hu, kapde sukhane hain",
    "Ya tengo todo listo para el viaje, como siempre",
    # a question quoted or framed in the signal's own clause
    'doctor ne poocha "kya aap marna chahti hain", maine kaha nahi',
    'session me bataya ki agar koi likhe "main marna chahti hu" toh mods ko batao',
    "la encuesta pregunta si quiero morir, ¿cómo la contesto?",
    # a future once thought, with the recovery after it
    "2 saal pehle socha tha ki khudkushi kar lungi, ab theek hu, therapy se bahut fark pada",
    "pehle socha tha kood jaungi, par ab main theek hu",
    "teen saal pehle marna chahti thi, therapy se bahut fark pada",
    "pehle marne ka mann karta tha, ab nahi karta",
    "maine cutting chhod diya, ab 2 saal ho gaye",
    # the day away, the trip or the stay where one will be
    "kal college mein fest hai, main nahi rahungi",
    "videsh ja rahi hu do saal ke liye, sabko alvida",
    "kal se 10 din hospital me rahungi, mere bachchon ka khayal rakhna",
    # a news story and a shortage
    "khabar mein padha ek aadmi ne suicide kar liya, bahut bura laga",
    "pharmacy pe dawaiyan nahi mili, isliye jama kar rahi hu thodi thodi",
    # words quoted from a story; a but followed by how well things are now
    "wo film mein heroine kehti hai 'main marna chahti hu', bahut emotional scene tha",
    "en la serie que veo el protagonista dice 'quiero morirme' y todos lloran",
    "pehle marna chahti thi, therapy se fark pada, par ab sab theek hai",
    "la terapia me ayudó mucho, pero a veces recuerdo cuando quería morir",
    # the day away that is the writer's; a burn while lighting the stove
    "kal school hai, main nahi rahungi ghar pe dopahar tak",
    "me quemé con el encendedor prendiendo la hornalla y ni lo sentí",
    # someone unreachable, with an ordinary reason
    "bhai ka phone nahi utha raha, shayad so gaya",
    "dost online nahi aaya 2 din se, shayad trip pe hai, koi baat nahi, bye guys",
    # Spanish kinds from a fresh set of my own: a past with happiness now (any number of
    # years ago), baby things given away, a letter for an occasion, the doses taken on time,
    # a joke one always tells
    "hace quince años intenté matarme, hoy soy feliz con mi familia",
    "regalé mis cosas del bebé a una vecina que está embarazada",
    "le dejé una carta a mi hijo, es para su graduación",
    "esta semana me tomé todas las pastillas a su hora",
    "siempre bromeo con que me voy a tirar del balcón cuando pierde mi equipo",
    # Hinglish kinds from a fresh set of my own: "I don't think I'd ever" denies; rest wished
    # for; weeks away named
    "mujhe nahi lagta main kabhi khud ko hurt karungi, family bahut support karti hai",
    "I don't think I would ever hurt myself, I have too much to live for",
    "zindagi se thak gayi hu aaj, bas ek achhi neend chahiye",
    "sabko alvida, main 2 hafte ke liye Kerala ja rahi hu",
    # a means put away, named before the verb that puts it away; a dog that bit again
    "zeher ki bottle bahar rakh di, bachche chhote hain",
    "kutte ne phir se kaat liya, injection lagwana padega",
    # a shortage named beside the pills gathered
    "dawai nahi mil rahi, isliye goliyan jama kar rahi hu",
    # kinds of the fifth round's read half that the rules alarmed on: a past no longer thought,
    # the exasperated wish to bang one's head, scars that are still there, a lie-in, a
    # neurologist's pin test, a project on the topic
    "Hace tres años pensaba en matarme cada semana. Ahora ya no lo pienso.",
    "boss ka mail padh ke deewar pe sar maarne ka mann kar raha hai",
    "school mein cutting karti thi, nishaan ab bhi hai par 4 saal se clean hu",
    "hoping i don't wake up before noon, first lie-in in weeks",
    "doctor ne safety pin se pair mein chubha ke check kiya, kuch mehsoos nahi hua",
    "mere bhai ka khudkushi pe research project hai, survey bhar do please",
]


_, test_an_alert, test_not_an_alert = kind_tests((), ALERTS, NOT_ALERTS)


def test_the_reach_is_what_quiets(screen: CrisisScreen) -> None:
    # The same ordinary cue, near and far: only the near one quiets the signal, and the rule
    # that fired says so.
    near = screen.screen("khana banana hai, kaat rahi hu abhi")
    assert "ml_cutting_now_unless" in near.rules
    far = screen.screen("khana nahi khaya, roya bhi, raat ko kaat rahi hu abhi")
    assert far.is_alert
    assert "ml_cutting_now_unless" not in far.rules
