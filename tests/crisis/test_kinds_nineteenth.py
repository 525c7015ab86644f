"""Kinds of Spanish, Hindi and Hinglish crisis language the nineteenth pass (issue 15) worked on,
each beside the ordinary sentence that shares its words.

The Hinglish postposition "me" (में, "in"): the subject step took it for the English "me", so a
suicide read in the news ("news me padha ek ladke ne exam stress me apni jaan le li", batch 29)
or a finding of research ("research me padha ... pehle saal me suicidal thoughts") was read as
the writer's own. After a noun in a Hinglish message it is now "in"; the English object ("makes
me want to"), Spanish "me" and the subject मैं after "ab", "fir", "ki"... keep the writer. Someone who
said it in a post of their own ("reel me bola ki ...") is not framed by the post.

Each line was written for this test, apart from any data file.
"""

from __future__ import annotations

from tests.crisis.sentence_kinds import kind_tests

URGENT = [
    "fir me bhi suicide kar lungi, kisi ko farak nahi padta",
]
ALERTS = [
    # "me" the writer (मैं, or the English object) in Hinglish, after a news story or not
    "news me padha aur socha ki me bhi apni jaan le lu",
    "ab me apni jaan le lungi, bas bahut ho gaya",
    "exam stress me apni jaan le lungi main, kal result hai",
    "is relapse ke baad ab me jeena nahi chahti",
    "this fatigue makes me want to kill myself",
    "mi amiga me dijo que se quiere matar, no sé qué hacer",
    # someone who said it in a post of their own, not a story they read
    "bhai ne reel me bola ki wo ab jeena nahi chahta, dar lag raha hai",
]
NOT_ALERTS = [
    # "me" the postposition: the story or the finding is not the writer's
    "ek article me padha ki diagnosis ke baad pehle saal me suicidal thoughts zyada hote hain",
    "documentary me dikhaya ki ek kisan ne karze me khudkushi kar li, bahut dukh hua",
    "news me padha ek ladke ne hostel me apni jaan le li, bachcho se baat karte raho",
    "bhai ne ek reel me dekha ki ek actor ne suicide kar liya, news thi",
]

test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)
