"""Hindi read in its other script (issue 15, fifteenth pass): a message no rule of its own script
heard is read again, Devanagari romanised against the Hinglish phrases and Hinglish in
Devanagari against the Devanagari ones (``cogs.screening.other_script``, ``CrisisScreen.screen``).

Every crossed sentence below was screened `none` before, with no rule heard; each now alerts with
``read_across_scripts`` among its rules, so the test fails if the crossing is lost. The ordinary
sentences are the kinds the crossing first raised: the other script's rules lacked the context
that made them harmless (suicide as a topic, a nurse's needle, an itch, a pill box, a checkup,
a message sent to the wrong group, a clinician's question answered no, food one would "die for").
And where the own script's rules heard a signal and judged it, that judgement stands.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen
from cogs.crisis.lexicon import Level
from cogs.screening.other_script import CROSS_SCRIPT_RULE
from tests.crisis.sentence_kinds import kind_tests

# Devanagari, heard only by the Hinglish rules.
CROSSED_HINDI = [
    "आज फिर blade उठा लिया, बाजू पे तीन कट हैं",
    "सच में खुद को k1ll करने का मन है अब",
    "रोज़ भगवान से दुआ करती हूं कि सुबह आंख ही ना खुले",
    "कल शाम पूरी strip खा ली एक बार में, किसी को बताया नहीं",
    "आज रात आत्महत्या करने का पूरा मन है",
    "कल रात फिर से हाथ पे blade चला दिया, पट्टी छुपा रही हूं",
]
# Hinglish, heard only by the Devanagari rules.
CROSSED_HINGLISH = [
    "meri wife raat bhar bathroom mein band rahi, subah dekha kalai pe kat ke nishan",
    "papa bolte rehte hain main na rahoon to tum log free ho jaoge",
    "kaash us bike accident mein hi chala jaata",
]

URGENT = [
    "आज रात आत्महत्या करने का पूरा मन है",
    "कल शाम पूरी strip खा ली एक बार में, किसी को बताया नहीं",
]
ALERTS = [
    *CROSSED_HINDI,
    *CROSSED_HINGLISH,
    # The twins of the ordinary sentences below: the same words, meant.
    "therapist ne poocha suicide ke khayal aate hain kya, maine kaha haan, roz aate hain",
    "डॉक्टर ने पूछा मरने के ख्याल आते हैं क्या, मैंने कहा हां रोज़ आते हैं",
    "khud ko sui chubhati hoon taki kuch mehsoos ho",
    "रात को सुई चुभोती हूं पैर में, ताकि दर्द महसूस हो",
    "कल से मेरे बच्चों का ध्यान रखना, मैं अब नहीं रहूँगी",
    "aatmhatya ka khayal roz aata hai",
    "main aatmhatya kar lungi aaj",
    "ye mera last message hai sabko, khayal rakhna",
    "maine abhi sari goliyan kha li hain, ab bas sona hai, bye",
    "भगवान जल्दी बुला ले मुझे, अब सहा नहीं जाता",
    "अब जान दे दूँ क्या, कोई नहीं समझता",
    "मैं न होती तो सब ज़्यादा खुश रहते",
    "मेरा न होना ही सबके लिए अच्छा है",
    "मुझे बस जाने देना, अब और नहीं",
    "खुद को मार डालने का मन करता है",
    "गुस्से में अपने बाल नोचती रहती हूं जब तक खून न आए",
    "इस दर्द से छुटकारे के लिए तो जान दे दूँ",
    "is dard se chhutkare ke liye toh jaan de dun",
    "मेरी बेटी कहती है वो खुद को मार डालेगी, मैं डर गई",
    "छत से नीचे देख के सोचती हूं बस एक कदम की बात है",
]
NOT_ALERTS = [
    # Suicide as a topic, in either script.
    "आत्महत्या रोकथाम दिवस पर स्कूल में भाषण देना है",
    "इस फिल्म में हीरो आत्महत्या कर लेता है, बहुत दुखद",
    "aatmhatya rokthaam diwas par bhashan dena hai",
    "MS mein aatmhatya ka khatra zyada hota hai, ek study padhi",
    "meri thesis chronic bimari mein aatmhatya ke jokhim par hai",
    "kal ek actor ki aatmhatya ki khabar aayi, media reporting bahut kharab thi",
    # A clinician's or a form's question, answered no.
    "therapist ne poocha suicide ke khayal aate hain kya, maine kaha nahi",
    "counsellor ne form mein poocha aatmhatya ke khayal aate hain kya, maine nahi likha",
    # Needles of MS care.
    "infusion वाली नर्स ने तीन बार सुई चुभाई, नस नहीं मिल रही थी",
    "injection wala din, phir se khud ko sui chubhao, kya shahi zindagi hai",
    # An itch, a pill box, a call from the MRI, food one would die for.
    "eczema mein itni khujli ki baazu khurach deti hoon",
    "सारी गोलियाँ खा लीं, सुबह वाली भी और दोपहर वाली भी, डिब्बे में बाँट के रखती हूँ",
    "maine sari goliyan kha li, subah wali bhi aur dopahar wali bhi, dibbe mein baant ke rakhti hoon",
    "भगवान करे MRI वाले जल्दी बुला लें, तीन हफ्ते से इंतज़ार है",
    "मम्मी के हाथ के पराठों के लिए तो जान दे दूँ",
    "mummy ke haath ke parathe ke liye toh jaan de doon",
    # "Without me it would never have been done": credit.
    "main na hota toh yeh project kabhi complete nahi hota",
    # A checkup with a time back; a message sent to the wrong group.
    "kal bachon ka dhyan rakhna, checkup ke liye hospital ja rahi hoon, shaam tak aa jaungi",
    "कल मेरे बच्चों का ध्यान रखना, मैं checkup के लिए hospital जा रही हूँ, शाम तक आ जाऊँगी",
    "mera last message ignore karo, galat group mein chala gaya",
    "मेरा last मैसेज ignore करो, गलत group में चला गया, वो kitty party वालों के लिए था",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)


@pytest.mark.parametrize("text", CROSSED_HINDI + CROSSED_HINGLISH)
def test_heard_only_across_scripts(screen: CrisisScreen, text: str) -> None:
    verdict = screen.screen(text)
    assert verdict.is_alert, verdict
    assert CROSS_SCRIPT_RULE in verdict.rules, verdict
    # In its own script alone, nothing was heard.
    assert screen._screen_script(text).level is Level.NONE


def test_own_scripts_judgement_stands(screen: CrisisScreen) -> None:
    # The Devanagari rules heard "खुद को काट" and read it as a past put behind; the Hinglish
    # rules are not asked again.
    text = "10 साल पहले खुद को काटती थी, अब counselling और yoga से बिल्कुल ठीक हूँ"
    own = screen._screen_script(text)
    assert own.rules
    assert not own.is_alert
    verdict = screen.screen(text)
    assert verdict == own


@pytest.mark.parametrize(
    "text",
    [
        # Words only a guess would read as Hindi stay Latin, so their cues still count.
        "skin khurach deti hu jab eczema hoti hai",
        "MS ki dawai se skin pe itching hoti hai, khurach ke laal kar diya",
        # The Devanagari rules' bare words, narrowed as the Hinglish ones are.
        "mera na hona unko pata bhi nahi chala party me",
        "मेरा न होना उनको पता भी नहीं चला, पार्टी में",
        "bas jaane dena, galti ho gayi",
        "khud ko maar daala gym me aaj",
        "baal noch rahi hu is excel sheet se",
        "बाल नोच रही हूं इस मैथ्स के सवाल से",
        "सुबह ना उठूं तो अलार्म बजा देना, infusion है 9 बजे",
        "10 saal pehle diagnosis ke baad khud ko kaatti thi, ab counselling aur yoga se theek hoon",
        "कल एक अभिनेता की आत्महत्या की जो खबर आई, उस पर मीडिया की रिपोर्टिंग बहुत खराब थी",
        "husband balcony pe khade ho ke bole bas ek kadam aur, walker ke saath 10 steps complete",
        "पति balcony पे खड़े हो के बोले बस एक कदम और, walker के साथ 10 steps पूरे",
        "मैं न होता तो यह प्रोजेक्ट कभी पूरा नहीं होता",
    ],
)
def test_read_across_but_still_ordinary(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert, screen.screen(text)


def test_english_and_spanish_are_not_read_again(screen: CrisisScreen) -> None:
    assert screen.screen("lol that match last night, i'm dead 💀").rules == ()
    assert CROSS_SCRIPT_RULE not in screen.screen("me muero de calor, 40 grados").rules
