"""Hindi word order in the crisis screen, and the Hinglish and Hindi kinds of the fourth pass
(issue 15).

Hindi puts the verb last and its negation just before it ("khudkushi ka khayal kabhi nahi
aaya"), anchors a past in time with "saal pehle ... tha" or "ek time tha", joins "then" and
"now" with a comma, marks a quoted phrase as a mention after the quote ("'X' wala thought"), and
says a burden ("bojh") without saying it wants to be gone. Every sentence here was written for
this file (none comes from ../shared/data or bench/screen_training/data). Each family has
sentences that must alert and near misses that must not; the last test checks that every rule
of the fourth pass fires on at least one sentence here.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen, Level

# kind: (urgent, alert at least concern, below concern)
KINDS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "negation after the verb": (
        [],
        [
            # the thought does not stop, nobody knows, not yet: still a thought
            "marne ke khayal band nahi ho rahe",
            "khudkushi ke khayal jaate hi nahi dimaag se",
            "marne ka mann karta hai koi nahi samajhta",
            "khudkushi ka plan abhi nahi hai par roz sochti hu",
            "मरने के ख्याल रुक नहीं रहे",
            "जान देने का मन नहीं बदला, आज भी वही है",
            "khudkushi ke alawa kuch nahi sujhta",
            "khudkushi karungi mazak nahi kar rahi",
            # "na" after the verb is the tag "you know", not a denial
            "sach me marne ka mann karta hai na",
        ],
        [
            "khudkushi ka khayal mujhe kabhi nahi aaya, bas gussa hai",
            "mai jaan dene ka soch bhi nahi sakta, bachche hai mere",
            "maine kabhi khudkushi ke baare me nahi socha yaar",
            "marne ka khayal nahi aata, bas neend nahi aati",
            "आत्महत्या के बारे में मैंने कभी नहीं सोचा, बस दर्द से परेशान हूं",
            "मरने का ख्याल नहीं आता, बस थकान है",
            # asked and answered
            "khudkushi ke khayal? nahi yaar, bilkul nahi",
            "आत्महत्या का ख्याल? नहीं, ऐसा कुछ नहीं",
        ],
    ),
    "a past anchored in time": (
        [],
        [
            # happening again, or "now" in the signal's own sentence
            "pehle bhi socha tha, aaj phir se mann kar raha hai marne ka",
            "saal pehle naukri gayi, ab marna chahta hu",
            "2 saal pehle attempt kiya tha. aaj bhi marne ke khayal aate hai",
            "jab se diagnosis hua hai khudkushi ke khayal aate hai",
        ],
        [
            "5 saal pehle mai marna chahta tha, aaj apni beti ke saath khush hu",
            "ek time tha jab mai khud ko cut karti thi. ab wo sab purani baat hai",
            "jab 2018 me diagnosis hua tha tab jeena nahi chahti thi, ab sab theek hai",
            "college ke time khud ko cut karti thi, but ab 6 saal se clean hu",
            "cutting chhode 3 saal ho gaye, proud hu khud pe",
            "पांच साल पहले मैं मरना चाहता था, आज मैं ठीक हूं",
            "एक समय था जब खुद को काटती थी। अब वो सब पीछे छूट गया।",
        ],
    ),
    "quoting and asking about words": (
        [],
        [
            # said to someone, not a word mentioned
            "kal raat maine mummy ko bola 'mai marna chahti hu'",
        ],
        [
            "therapist ne bola agar kabhi 'marna chahti hu' jaisa lage toh call karna",
            "ye bot 'khudkushi' jaise words pakadta hai kya?",
            "counsellor ne samjhaya ki 'mai marna chahta hu' wala thought bimari bolti hai",
            'डॉक्टर ने पूछा "क्या आपको मरने के ख्याल आते हैं?" मैंने सच में ना कहा',
            'लोग "मैं बोझ हूं" जैसे वाक्य बहुत हल्के में लेते हैं',
        ],
    ),
    "a burden without a wish not to be here": (
        [],
        [
            "sab pe bojh hu, na rahun toh achha",
            "family pe bojh ban gayi hu, marna chahti hu",
            "मैं सब पर बोझ बन गया हूं, मेरे बिना सब खुश रहेंगे",
        ],
        [
            "lagta hai family pe bojh ban gaya hu, sab mere liye chhutti lete hai",
            "सब पर बोझ बन गई हूं, बहुत बुरा लगता है",
            "kisi pe bojh nahi banna chahti",
        ],
    ),
    "ordinary uses of the same words": (
        [],
        [],
        [
            "bas din kaat raha hu aajkal, kuch naya nahi",
            "shave karte waqt blade se gaal kat gaya",
            "padosi ke bete ne suicide kar liya, sab sadme me hai",
            "chhat se kood ke bhi dekh lu toh bhi signal nahi aayega 😂",
            "machhar ne haath pe kaata, khujli ho rahi hai",
            "paani ki poori bottle pee li gym ke baad",
            "गरम प्रेस से उंगली जल गई, सुन्न थी तो पता नहीं चला",
            "गरम चम्मच हाथ पर गिर गया, जल गया",
            "बाल नोच रही हूं इस मैथ्स के सवाल से",
            "थप्पड़ मार रही थी मच्छरों को",
            "कटिंग का मन है बालों की",
            "मरने के तरीके पर एक डॉक्यूमेंट्री देखी",
            "बच न पाता अगर हेलमेट न होता",
            "ले ही जाए कोई ये पुराना सोफा",
            "saansein rok dun itna paani me, swimming seekh rahi hu",
        ],
    ),
    "a wish with the verb last": (
        [],
        [
            "sach me jaan dene ka mann karta hai",
            "jeena nai h ab mujhe",
            "mrna h mujhe, bas",
            "zindagi khatam karni hai mujhe",
            "kabhi lagta hai suicide hi last option hai",
            "मुझे अब नहीं जीना",
            "जीने को जी नहीं करता अब",
            "मैं अपने जीवन का अंत करने की सोच रहा हूं",
            "sach me apna game over karna hai ab",
            "mai ded hona chahti hu yaar",
            "mujhe maut chahiye bas, aur kuch nahi",
            "इस दुनिया से चली जाऊं, यही सोचती रहती हूं",
            "kabhi kabhi lagta hai khud ko khatam kar lu",
        ],
        [
            "aaj ka match game over ho gaya, kal phir khelenge",
            "mujhe chai chahiye bas, aur kuch nahi",
            "aaj ka kaam sab khatam kar diya, ab chhutti",
            "ek din sabko marna hai, tension mat lo",
            "jaan dene ka mann nahi, bas thak gayi hu",
            "khud ko maar daala gym me aaj",
            "मुझे मौत चाहिए थी उस दिन, अब नहीं",
        ],
    ),
    "God asked to take one, sleep that should not end, death welcomed": (
        [],
        [
            "bhagwan mujhe apne paas bula lo, bahut ho gaya",
            "ya rab, ab aur nahi hota. apne paas bula le mujhe",
            "prabhu utha lo mujhe ab",
            "हे भगवान, अब अपने पास बुला ले",
            "kaash mai paida hi na hui hoti",
            "maut aaye toh gale laga lungi",
            "so jaun aur uthun nahi, bas itna chahiye",
            "kaash koi truck aa hi jaye aur sab khatam",
            "road cross karte hue lagta hai koi truck aa hi jaye",
            "मौत आए तो गले लगा लूंगी",
        ],
        [
            "mummy ne mujhe apne paas bula liya kal",
            "mujhe apne paas bula lo mummy, darr lag raha hai",
            "bhagwan utha le ye garmi, AC bhi kaam nahi kar raha",
            "भगवान उठा ले इस गर्मी को",
            "neend aakhri ho gayi thi kal, alarm hi nahi baja",
            "bhagwan kare doctor jaldi bula le, 3 hafte se wait hai",
            "kaash kal ka din hi na aaye, exam hai 😩",
            "koi truck aa jaye toh saman shift kar denge",
            "ghutne pe kharonch aa gayi, gir gayi thi",
        ],
    ),
    "when I am no more, as the answer for others": (
        [],
        [
            "jab mai nahi rahungi toh sab aaram se rahenge",
            "mai na rahu toh papa ka kharcha aadha ho jayega",
        ],
        [
            "jab mai nahi rahungi ghar pe, shaadi me ja rahi hu, khana bana lena",
            "main na rahun to sab sambhal lena, main chhutti pe hu",
        ],
    ),
    "going away for good, sleep that should not end for others' sake": (
        [],
        [
            "bas ab chali jaana hai, hamesha ke liye",
            "कल सुबह न उठूं तो सबके लिए अच्छा",
        ],
        [
            "Pune chale jaana hai hamesha ke liye, naya job mila hai",
            "subah na uthu toh alarm baja dena",
        ],
    ),
    "someone else's closing words, or a locked door": (
        [],
        [
            "bhai ne kamra andar se band kar liya hai, kal bol raha tha sabka shukriya",
            "nana ji bolte hai 'agli baar hospital mat le jaana, bas jaane dena mujhe'",
            "bhai ne apni bike mujhe de di aur bola ab tu hi chala, mujhe kahin nahi jaana",
            "didi ne kamra andar se band kar liya, subah boli thi bas ab khatam",
        ],
        [
            "mummy phone nahi utha rahi, mandir gayi hogi",
            "bhai ne apni purani bike mujhe de di aur bola nayi le li hai",
            "ye chapter mere baad padh lena, abhi mujhe chahiye",
            "papa ne bola hospital mat le jaana, ghar pe hi physio karenge",
        ],
    ),
    "no tomorrow, goodbyes that close, the means at hand": (
        [
            "subah tak mai nahi rahungi, sorry",
            "aaj raat aakhri hai meri",
            "aaj sabse vida leti hu, shukriya sabka",
            "poori bottle pee lungi aaj raat",
            "zeher le aayi hu, bas",
            "कल सुबह खुद को गंगा जी को सौंप दूंगी",
            "sabka udhaar chuka diye, sabse maafi maang li. ab chain se ja sakti hu",
            "metro platform ke bilkul kinare khadi hu, bas agli train",
        ],
        [],
        [
            "kal se mai nahi rahungi office me, chhutti pe hu",
            "ab main vida leta hu, shubh ratri",
            "bank ka udhaar chuka diye aaj, ab naya ghar lenge",
            "kal se mai yahan nahi rahungi, Pune shift ho rahi hu",
            "tab tak mai nahi rahungi ghar pe, bazaar ja rahi hu",
            "कल से मैं यहां नहीं रहूंगी, मायके जा रही हूं",
            "mera last post dekho, usme link hai",
            "zeher ki bottle fenk di, ab ghar safe hai bacchon ke liye",
            "mitti ka tel le aaya diya jalane ke liye",
            "पूरी बोतल पी गया पानी की",
            "आज मेरा आखिरी दिन है ऑफिस में, कल से नई जगह",
            "गंगा जी को सौंप दिया अस्थियों को, पापा की",
            "मुट्ठी भर गोलियां खा के भी बुखार नहीं उतरा",
            "दवाई वाला डिब्बा खाली हो गया, नया मंगवाना है",
            "is channel me ye meri last post hai, naye channel me milte hai",
        ],
    ),
    "self-harm in more verbs, and again": (
        [],
        [
            "kal raat fir se kaat liya",
            "nails se skin khurach deti hu jab tak khoon na aaye",
            "फिर से काट लिया कल रात",
            "दांतों से काट लिया अपना हाथ गुस्से में",
            "नाखूनों से त्वचा खरोंचती हूं जब तक खून न आए",
        ],
        [
            "kutte ne fir se kaat liya, injection lagwana padega",
            "fir se kaat liya ungli sabzi kaatte hue",
            "haath pe kaata kutte ne",
        ],
    ),
    "burning or hitting oneself, when it was meant": (
        [],
        [
            "jaan boojh ke tawe se haath jalaya, saza hai meri",
            "कल जानबूझ के प्रेस से हाथ जलाया",
        ],
        [
            "tawe se haath jal gaya, sunn tha toh pata nahi chala",
            "गिर गई तो सिर मार लिया दरवाज़े से, अब ठीक हूं",
        ],
    ),
    "suicide and unalive written in Devanagari": (
        [],
        [
            "स्यूसाइड करने का मन है आजकल",
            "सुसाइड के ख्याल फिर से आ रहे हैं",
            "अनअलाइव होने का मन करता है",
            "ज़िन्दगी खत्म करनी है मुझे",
        ],
        [
            "कल सुसाइड प्रिवेंशन डे पर स्कूल में भाषण था",
            "ज़िन्दगी में पहली बार पहाड़ देखे",
        ],
    ),
}

# Near misses of our own for the fourth-pass rules: the same words about a video, a party, a
# class, a seat, a college farewell, a busy member, shaving, eczema, an interview, a mistake, a
# move abroad, nails cut.
KINDS["ordinary uses of the fourth-pass words"] = (
    [],
    [],
    [
        "mujhe marna hai hasi se, ye video dekho",
        "chala hi jaun kya party me? sab ja rahe hai",
        "mera na hona unko pata bhi nahi chala party me",
        "sabko free kar dungi aaj, class jaldi khatam",
        "mai hat jaun toh tum baith jao, seat khaali hai",
        "sabse vida lekar nikli college se, last day tha",
        "mera account delete kar dena group se, ab time nahi milta",
        "naya blade khareed liya shaving ke liye",
        "skin khurach deti hu jab eczema hoti hai",
        "bulawa aa gaya interview ka",
        "bas jaane dena, galti ho gayi",
        "chale jaana hai hamesha ke liye Canada, visa aa gaya",
        "phir se kaat liya nakhun, bahut bade the",
    ],
)

CASES = [
    (kind, text, want)
    for kind, (urgent, alert, quiet) in KINDS.items()
    for want, texts in (("urgent", urgent), ("alert", alert), ("quiet", quiet))
    for text in texts
]


@pytest.mark.parametrize(("kind", "text", "want"), CASES)
def test_each_kind_alerts_and_its_near_misses_stay_quiet(
    screen: CrisisScreen, kind: str, text: str, want: str
) -> None:
    verdict = screen.screen(text)
    if want == "urgent":
        assert verdict.level is Level.URGENT, (kind, verdict)
    elif want == "alert":
        assert verdict.level >= Level.CONCERN, (kind, verdict)
    else:
        assert verdict.level < Level.CONCERN, (kind, verdict)


@pytest.mark.parametrize(
    "text",
    [
        "lagta hai family pe bojh ban gaya hu, sab mere liye chhutti lete hai",
        "सब पर बोझ बन गई हूं, बहुत बुरा लगता है",
    ],
)
def test_a_burden_said_plainly_is_a_watch(screen: CrisisScreen, text: str) -> None:
    # A moderator glances at it; nobody is paged (issue 15: "bojh" without a wish is watch).
    verdict = screen.screen(text)
    assert verdict.level is Level.WATCH, verdict
    assert "hi_burden_plain" in verdict.rules


def test_english_is_read_as_before(screen: CrisisScreen) -> None:
    # The Hindi guards use Hindi words only: English negation, pasts and quotes are unchanged.
    assert screen.screen("I want to die, nobody understands").level >= Level.CONCERN
    assert screen.screen("I'm not suicidal").level is Level.NONE
    assert screen.screen("years ago I lost my job, now I want to die").level >= Level.CONCERN


FOURTH_PASS = (
    "hinglish_wish_verb_last",
    "hinglish_god_take_me",
    "hinglish_take_me_hinted",
    "hinglish_never_wake",
    "hinglish_agent_wish",
    "hinglish_gone_for_them",
    "hinglish_no_tomorrow",
    "hinglish_goodbye_closing",
    "hinglish_means_ready",
    "hinglish_self_harm_more",
    "hinglish_third_party_unreachable",
    "hinglish_closing_words",
    "hinglish_third_party_giving_away",
    "hinglish_affairs_closing",
    "hinglish_self_harm_meant",
    "hinglish_going_for_good",
    "hi_wish_verb_last",
    "hi_self_harm_more",
    "hi_loanwords",
    "hi_plan_more",
)


def test_every_fourth_pass_rule_fires_on_a_sentence_here(screen: CrisisScreen) -> None:
    fired = {rule for _, text, _ in CASES for rule in screen.screen(text).rules}
    assert not set(FOURTH_PASS) - fired, sorted(set(FOURTH_PASS) - fired)
