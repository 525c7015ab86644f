"""The crisis screen by kind of language, on sentences written for these tests.

Every kind has positives and near misses that share its words but not its meaning (an idiom,
a routine, a recovered past, a question about the topic). None of these sentences comes from
the development data in ../shared/data: they test the rule, not a row.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen, Level


def level_of(screen: CrisisScreen, text: str) -> Level:
    return screen.screen(text).level


# --- news, research and leaflets: about the topic unless the writer says it of themselves -------

MEDIA_FRAMED = [
    "heard on the radio that self-harm isn't always cutting",
    "someone on a forum said people felt suicidal on the new DMT",
    "I read an article about suicidal thoughts in the first year after diagnosis",
    "the leaflet lists suicidal thoughts as a rare side effect",
    "my partner found a study on self harm and chronic pain",
]
MEDIA_NOT_FRAMED = [
    "feeling suicidal after that news story about the drug being pulled",
    "I've been self harming since I read the article about progression",
]


@pytest.mark.parametrize("text", MEDIA_FRAMED)
def test_a_media_frame_before_the_phrase_makes_it_about_the_topic(
    screen: CrisisScreen, text: str
) -> None:
    assert not screen.screen(text).is_alert


@pytest.mark.parametrize("text", MEDIA_NOT_FRAMED)
def test_a_media_word_after_a_disclosure_does_not_cancel_it(
    screen: CrisisScreen, text: str
) -> None:
    assert screen.screen(text).is_alert


# --- negation scope: a negation cancels only what it denies ---------------------------------------

NOT_REALLY_NEGATED = [
    # intensity, not denial
    "I've never felt this suicidal, even after the first relapse",
    "never been more suicidal than this month",
    "I can't not think about suicide",
    # secrecy, not denial
    "nobody knows how suicidal I've been since the scan",
    "no one realises I think about ending it most nights",
    # frequency
    "not a single day goes by without me wanting to die",
    "not a day goes by that I don't think about ending it",
    # a medicine named is still an overdose
    "I took an overdose of my baclofen an hour ago",
    # not resisting is not the same as not wanting
    "I don't want to kill myself but I wouldn't stop anything from killing me",
    "not suicidal exactly, I just don't care if I wake up",
    # a thought put off, not denied
    "I'm not ready to kill myself yet",
    # eagerness, not denial
    "can't wait for the sweet release of death, no seriously",
    "wouldn't mind not waking up after the op",
    "I wasn't meant to outlive being useful",
]
REALLY_NEGATED = [
    "zero thoughts of ending it, just zero energy",
    "just because I'm exhausted doesn't mean I want to die",
    "being low doesn't mean I'm suicidal",
    "I'm not ready to die, I've got grandkids to meet",
    "had an overdose of sunshine at the beach today",
    "I'd never kill myself, I'm just fed up with the fatigue",
]


@pytest.mark.parametrize("text", NOT_REALLY_NEGATED)
def test_intensity_secrecy_and_frequency_are_not_negations(screen: CrisisScreen, text: str) -> None:
    assert screen.screen(text).is_alert


@pytest.mark.parametrize("text", REALLY_NEGATED)
def test_real_negations_still_cancel(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert


# --- tense and recovery anchors: a crisis that is over, and one that is not -----------------------

RECOVERED_PASTS = [
    "three years ago I tried to end my life. Now I run the Thursday walking group",
    "in my twenties I self harmed most weeks. it's not part of my life anymore",
    "I overdosed once as a teenager. got help, and life is good these last ten years",
    "when I was first diagnosed I wanted to die. that was 2016. genuinely happy now",
    "I was suicidal through most of my first year with MS. proud of how far I've come",
    "used to pray I wouldn't wake up. that was a long time ago and I'm in such a better place",
    "I used to burn myself at uni. stopped for good after therapy, happy to talk if it helps",
    "500 days clean from self harm today!",
    "attempt survivor, 6 years out. it does get different, even with this illness",
    "back in 2012 I thought about suicide every day. I'm okay, really",
    "ten years ago this month I tried to take my life. I'm glad I held on",
]
STILL_CURRENT = [
    # the present is in the signal's own sentence
    "two years ago I lost my job, now I want to die",
    "years ago I attempted. I'm doing well at work but I want to die again",
    # it has come back
    "used to self harm in my teens, stopped for years, it came back this month",
    "I was suicidal in 2015 and got better, but I'm slipping",
    "I thought I was past wanting to die. I'm not",
]


@pytest.mark.parametrize("text", RECOVERED_PASTS)
def test_a_time_anchored_recovered_past_stays_quiet(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert


@pytest.mark.parametrize("text", STILL_CURRENT)
def test_a_past_that_is_present_or_back_is_an_alert(screen: CrisisScreen, text: str) -> None:
    assert screen.screen(text).is_alert


def test_fear_that_it_comes_back_is_not_recurrence(screen: CrisisScreen) -> None:
    text = (
        "I used to self harm as a teen. I was scared it would come back. it didn't, 5 years clean"
    )
    assert not screen.screen(text).is_alert


# --- self-harm in other verbs than "cut" ---------------------------------------------------------

SELF_HARM_OTHER_VERBS = [
    "burnt my wrist with a lighter on purpose last night",
    "I keep scalding my hands under the tap because I deserve it",
    "smacking my head on the wall when the pain gets bad",
    "punched the wall till my knuckles split. I wanted it to hurt",
    "I bite my arms till they bleed when it gets too much",
    "dug my nails into my legs until they bled, so I could feel something",
    "picking at my injection sites on purpose",
    "my arms are covered in marks, wearing long sleeves so no one asks",
    "I've been starving myself since the steroids",
    "s/h urges are loud today",
    "s/h'd again last night",
    "used to cut in my teens, stopped for years, the urges came back this month",
]
SELF_HARM_NOW = [
    "burning my arm with a lighter right now",
    "just scalded my hand on purpose and I'm still doing it",
    "hitting my legs with my stick over and over, they're useless",
]
ORDINARY_INJURIES = [
    "burnt my hand on the kettle, didn't feel it with the numbness",
    "hit my head on the car door again, so clumsy",
    "scratching my legs all night, the MS itch is unreal",
    "punched the wall when the neuro rang, not proud of it, hand is fine",
    "biting my nails before the MRI results",
    "I used to cut hair before the MS took my hands",
    "been cutting back on sugar for the fatigue",
    "threw myself into the new job after diagnosis",
    "picked at my salad, no appetite with the steroids",
]


@pytest.mark.parametrize("text", SELF_HARM_OTHER_VERBS)
def test_self_harm_in_other_verbs_is_a_concern(screen: CrisisScreen, text: str) -> None:
    assert level_of(screen, text) >= Level.CONCERN


@pytest.mark.parametrize("text", SELF_HARM_NOW)
def test_self_harm_in_other_verbs_happening_now_is_urgent(screen: CrisisScreen, text: str) -> None:
    assert level_of(screen, text) is Level.URGENT


@pytest.mark.parametrize("text", ORDINARY_INJURIES)
def test_injuries_and_idioms_without_intent_stay_quiet(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert


# --- a plan shown by a place or a means plus a time, with no death word ---------------------------

PLACE_OR_MEANS_PLANS = [
    "at the end of the platform letting the trains go past. sorry",
    "been at the level crossing an hour, waiting for the last train",
    "top floor of the multistorey right now, just looking down",
    "sat in the garage with the engine running and the door shut",
    "on the cliff path, left my phone in the car. not going back",
    "I'm going for a drive tonight and I'm not coming back",
    "booked a hotel room for saturday, nobody knows where I'll be",
    "down by the canal after dark. goodbye all",
    "swallowed a whole strip of my pregabalin ten minutes ago",
    "knocked back everything in the medicine cabinet",
    "took half a box of my sleeping tablets",
    "been saving my tablets instead of taking them, nearly enough now",
    "got a stash of oramorph from three different pharmacies",
    "been collecting my pills for months, counted them out tonight",
    "stopped all my meds and food on purpose, day three now",
    "I've stopped eating and I'm not taking my insulin. nobody can make me",
]
PLACE_OR_MEANS_ORDINARY = [
    "stuck at the level crossing right now, going to be late for physio",
    "the railway line behind our house is so noisy now",
    "sitting on the balcony right now with a cuppa, lovely sun",
    "off to the beach for the weekend, bye everyone!",
    "going for a drive to see my sister, back tomorrow",
    "took a whole box of chocolates to the infusion nurses",
    "counted out my pills for the week into the dosette",
    "lined up my meds for the holiday",
    "stopped my Tysabri because of the PML risk, starting Ocrevus",
    "not eating much since the steroids, anyone else?",
    "the exhaust on my car is rattling, garage tomorrow",
    "we looked down from the top of the car park at the fireworks tonight, lovely",
]


@pytest.mark.parametrize("text", PLACE_OR_MEANS_PLANS)
def test_a_place_or_means_with_a_time_or_goodbye_is_urgent(screen: CrisisScreen, text: str) -> None:
    assert level_of(screen, text) is Level.URGENT


@pytest.mark.parametrize("text", PLACE_OR_MEANS_ORDINARY)
def test_places_trips_and_medication_logistics_stay_quiet(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert


def test_more_than_prescribed_on_purpose_is_self_harm(screen: CrisisScreen) -> None:
    verdict = screen.screen("taking double my dose on purpose to knock myself out")
    assert verdict.level is Level.CONCERN
    assert "misuse_on_purpose" in verdict.rules


def test_a_plan_by_place_names_no_method_to_the_moderator(screen: CrisisScreen) -> None:
    verdict = screen.screen("sat in the garage with the engine running and the door shut")
    assert "engine" not in verdict.reason
    assert "garage" not in verdict.reason


# --- farewells and timelines with no death word; giving things away --------------------------------

FAREWELLS = [
    "won't be on here after friday. thanks for everything",
    "logging off for good tonight. please don't be sad",
    "by the time you read this it will be done",
    "please don't try to find me, I'm sorry",
    "you won't hear from me again. love you all",
    "my sister can have my car, it's all written down. tomorrow is the day",
    "rehomed my cat this week so she's looked after when I'm gone",
    "signing off for good. it wasn't anyone's fault",
    "I won't be at group on tuesday, or any group after. thank you for everything",
    "wrote cards for my kids and sorted the will. it's time",
    "my brother sent me his bank passwords and said he won't need them after tonight",
    "my friend posted what reads like a goodbye on facebook and isn't answering",
]
ORDINARY_GOODBYES = [
    "logging off for tonight, night all",
    "leaving the group for a while, too much going on. thanks for everything, see you in spring",
    "thanks for everything today, lovely session",
    "I won't be on here next week, I'm on holiday in Wales!",
    "rehomed our dog today, she was too much for me with my legs",
    "made my will and the power of attorney today, feels very grown up",
    "signing off for a bit for a social media detox, back soon",
    "thank you for everything you've done for me this year, you lot are the best",
    "final check-in of the course today, thanks all, see you at the reunion",
    "giving away my old mobility scooter, anyone want it?",
    "I've made my peace with the diagnosis",
    "I won't need my stick after the physio, fingers crossed",
    "cancelled my appointment because of the train strike",
]


@pytest.mark.parametrize("text", FAREWELLS)
def test_a_final_goodbye_without_a_death_word_is_urgent(screen: CrisisScreen, text: str) -> None:
    assert level_of(screen, text) is Level.URGENT


@pytest.mark.parametrize("text", ORDINARY_GOODBYES)
def test_leaving_logging_off_holidays_and_legal_planning_stay_quiet(
    screen: CrisisScreen, text: str
) -> None:
    assert not screen.screen(text).is_alert


# --- perceived burden and no reason to live -----------------------------------------------------

BURDEN_AND_NO_REASON = [
    "every morning I'm disappointed I woke up",
    "gutted I woke up again, thought tonight might be it",
    "I'm just a cost to my family now",
    "all I do is take from them. they'd be happier without me",
    "nothing but a drain on everyone since the wheelchair",
    "honestly I'm a burden to everyone, my husband included",
    "my kids would be better off with the life insurance",
    "they'd be relieved to be rid of me, I know it",
    "no reason to stay alive if I can't even feed myself",
    "I don't see the point in hanging around when I need help with everything",
    "there's nothing left to live for since the job went",
    "what's the point of me staying, I can't even hold my grandchild",
    "the world would keep turning without me, probably better",
]
ORDINARY_GUILT = [
    "I feel like a burden asking my husband to drive me again",
    "I hate being a burden when I need help in the shower",
    "sorry to be a pain, could someone remind me how to book the physio?",
    "carers four times a day, feel guilty about the cost to the council",
    "the group would be happier if I posted less moaning lol",
    "the phone app is a drain on my battery",
    "what's the point of me staying up if I can't sleep anyway",
    "why am I still here at 2am scrolling",
]


@pytest.mark.parametrize("text", BURDEN_AND_NO_REASON)
def test_burden_as_identity_and_no_reason_to_live_are_concerns(
    screen: CrisisScreen, text: str
) -> None:
    assert level_of(screen, text) >= Level.CONCERN


@pytest.mark.parametrize("text", ORDINARY_GUILT)
def test_guilt_about_needing_help_is_not_an_alert(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert


def test_feeling_a_burden_for_needing_help_is_still_worth_a_glance(screen: CrisisScreen) -> None:
    assert (
        level_of(screen, "I feel like a burden asking my husband to drive me again") is Level.WATCH
    )


# --- a wish to die through an illness, an accident or God ------------------------------------

OUTSIDE_AGENT_WISHES = [
    "maybe the next relapse takes me and saves everyone the bother",
    "honestly hoping the scan shows something that ends this",
    "I'd happily not come round from the anaesthetic next week",
    "part of me hopes this chest infection turns into something worse",
    "wish the MS would just hurry up and finish me off",
    "I pray every night that God calls me home",
    "every time I cross the road I kind of hope the car doesn't stop",
    "if the flu took me this winter I'd be grateful",
    "I hope my heart just stops in my sleep",
    "lord take me, I'm so tired",
    "I keep hoping the plane goes down on the way to Spain",
]
OUTCOMES_WITHOUT_A_WISH = [
    "the stairs will be the end of me, I hope the lift gets fixed",
    "this heat is killing me, hope it breaks soon",
    "I hope my husband can take me to the infusion tomorrow",
    "hoping this cold doesn't turn into something worse",
    "I hope the fatigue doesn't take me out of work again",
    "it took me ages to get up the stairs today, hope tomorrow's better",
    "please let me go home after the steroids, I miss my cat",
    "I wish the steroids would kick in and let me sleep",
]


@pytest.mark.parametrize("text", OUTSIDE_AGENT_WISHES)
def test_hoping_something_outside_ends_ones_life_is_a_concern(
    screen: CrisisScreen, text: str
) -> None:
    assert level_of(screen, text) >= Level.CONCERN


@pytest.mark.parametrize("text", OUTCOMES_WITHOUT_A_WISH)
def test_hyperbole_lifts_and_hoped_recoveries_stay_quiet(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert


# --- euphemisms, odd spellings, death as a relief, joining the dead; words only mentioned ---------

EUPHEMISMS_AND_SPELLINGS = [
    "sewerslide at 2am, sorry",
    "su1c1de is all I think about these days",
    "I keep picturing my own suicide",
    "sui thoughts again since the scan",
    "ctb this weekend, everything's sorted",
    "the big sleep sounds really good right now",
    "thinking about catching the bus, the permanent one if you get me",
    "feel like checking out of life honestly",
    "being d e a d would be easier",
    "not being alive next year would be a relief",
    "death would be a holiday from this body",
    "my head keeps telling me to kill yourself, over and over",
    "I want to go and be with my wife. four years since she passed",
    "sometimes I want to join him, he's been gone since march",
]
TOPIC_FILMS_AND_GRIEF = [
    "my uncle died by suicide when I was ten",
    "suicide prevention week starts monday, posters in the clinic",
    'is "unalive" a helpful word or not?',
    '"committed suicide" makes me wince, we say died by',
    "catching the bus to the hospital tonight, car's in the garage",
    "waiting for the permanent one, the temporary blue badge ran out",
    "when I'm dead the kids get the house, it's all in the will",
    "I miss my husband so much, I'd love to see him again",
    "going to join them for lunch after the infusion",
    "the big sleep is a great old film",
    "being dead tired is my baseline",
]


@pytest.mark.parametrize("text", EUPHEMISMS_AND_SPELLINGS)
def test_euphemisms_and_odd_spellings_are_alerts(screen: CrisisScreen, text: str) -> None:
    assert level_of(screen, text) >= Level.CONCERN


@pytest.mark.parametrize("text", TOPIC_FILMS_AND_GRIEF)
def test_the_topic_a_mentioned_word_and_grief_stay_quiet(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert


def test_reported_speech_in_quotes_is_not_a_mention(screen: CrisisScreen) -> None:
    text = 'my friend gave away her bike and told me to "have a good life". worried'
    assert level_of(screen, text) >= Level.CONCERN


# --- help-seeking acts and keeping oneself safe ---------------------------------------------------

HELP_SEEKING = [
    "rang the samaritans at 3am because I couldn't stop thinking about it",
    "the crisis team came round this afternoon",
    "I asked my husband to hide my pills this week",
    "I don't trust myself tonight, can someone talk to me",
    "I need to talk to someone before I do something",
    "keeping myself safe is hard right now",
]
HELP_FOR_OTHERS_AND_IDIOMS = [
    "I volunteer for the samaritans on tuesdays",
    "the samaritans number is in the resources channel",
    "has anyone used the crisis line? writing a guide for newbies",
    "I don't trust myself to drive with this numbness",
    "I hide my pills from the dog, he ate one once",
    "called the samaritans years ago when I was low, they were kind. don't be afraid to use it",
]


@pytest.mark.parametrize("text", HELP_SEEKING)
def test_reaching_for_crisis_help_is_a_concern_not_a_page(screen: CrisisScreen, text: str) -> None:
    assert level_of(screen, text) is Level.CONCERN


@pytest.mark.parametrize("text", HELP_FOR_OTHERS_AND_IDIOMS)
def test_volunteering_resources_and_past_help_stay_quiet(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert


# --- idioms and MS hyperbole; jokes taken back; someone else at risk ------------------------------

HYPERBOLE = [
    "I'd rather die than sit through another MRI",
    "this fatigue is killing me",
    "the heat will be the end of me",
    "I could murder a coffee",
    "kms this parking is a nightmare lol",
    "I'm going to die of boredom in this waiting room haha",
    "my husband will kill me when he sees the shopping bill lol",
    "my sister left a note on the fridge about the bins",
    "mum's not answering, probably in the garden again",
]
STILL_MEANT = [
    "dying would be easier lol, not going to lie",
    "I'd rather die than live like this another year",
    "haha I just want to die, that's my answer to everything. I mean it",
    "lol my pension plan is not waking up one day. genuinely",
    "want to kill myself lol but not lol",
]
SOMEONE_ELSE_AT_RISK = [
    "my sister's meds are gone from the cupboard and she left a note",
    "dad's scooter is by the river and he's not answering his phone",
    "my mum says there's no point in her carrying on since the fall",
    "my mate keeps saying we'd be better off without him",
]


@pytest.mark.parametrize("text", HYPERBOLE)
def test_idioms_hyperbole_and_jokes_stay_quiet(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert


@pytest.mark.parametrize("text", STILL_MEANT)
def test_a_joke_taken_back_or_a_real_comparison_is_an_alert(
    screen: CrisisScreen, text: str
) -> None:
    assert level_of(screen, text) >= Level.CONCERN


@pytest.mark.parametrize("text", SOMEONE_ELSE_AT_RISK)
def test_someone_else_at_risk_is_reported(screen: CrisisScreen, text: str) -> None:
    verdict = screen.screen(text)
    assert verdict.is_alert
    assert {"third_party", "third_party_risk"} & set(verdict.rules)
    assert "someone else" in verdict.reason


# --- other Englishes: Scots, AAVE, Pidgin, Caribbean, UK and Australian slang --------------------

OTHER_ENGLISHES = [
    "I cannae do this anymore, I want to die",
    "gonnae kill meself, I mean it",
    "honestly thinking of topping myself this weekend",
    "I'm gonnae end it tonight",
    "I ain't tryna be here no more fr",
    "I wan die, I no fit again",
    "mi waan dead, mi can't tek it",
    "I'm going to do myself in",
    "I'm finna kill myself",
    "I dinnae want to live like this",
]
OTHER_ENGLISHES_ORDINARY = [
    "I'll do myself in lifting that wheelchair",
    "topping myself up with coffee before physio",
    "I cannae be bothered wi the physio the day",
    "I'm grand, just knackered",
]


@pytest.mark.parametrize("text", OTHER_ENGLISHES)
def test_disclosures_in_other_englishes_are_alerts(screen: CrisisScreen, text: str) -> None:
    assert level_of(screen, text) >= Level.CONCERN


@pytest.mark.parametrize("text", OTHER_ENGLISHES_ORDINARY)
def test_ordinary_talk_in_other_englishes_stays_quiet(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert


# --- look-alikes every kind above must leave quiet ---------------------------------------------------

# Medication logistics, ordinary guilt, family and legal news, leaving the group, hedged and
# real negations, an MS relapse that is back, grief, hyperbole and jokes.
LOOK_ALIKES = [
    "had to go to three different pharmacies to find my baclofen, shortage again",
    "I feel so guilty that my daughter has to do my shopping, I'm such a burden",
    "my husband does everything now, I hate being a burden on him",
    "gave my spare key to the neighbour so the carers can get in",
    "we rehomed the cat, my allergies plus the MS were too much",
    "sorted my will and lasting power of attorney, the solicitor was lovely",
    "logging off for a few weeks, new job starts monday. thanks for everything all",
    "leaving the group, I've found a local one that meets in person. thank you all for everything",
    "my pills are lined up in the dosette for the week, takes me ages",
    "I'm not suicidal, I promise, just really fed up with the fatigue",
    "I don't want to die, I just want this relapse to end",
    "the numbness is back, second relapse this year",
    "my mum passed last spring, I miss her every day and want to see her again",
    "my grandad died in march. I still talk to him at his grave",
    "lol this heat will finish me off",
    "I'd kill for a decent night's sleep",
    "my legs gave up on me at the shops, so embarrassing",
    "the steroids are making me feel like I'm dying lol",
    "if this fatigue doesn't end soon I'll scream",
    "I took all my meds this morning with breakfast like a good girl",
    "counted out my tablets for the holiday, two weeks' worth",
    "my cat is my reason to get up in the morning",
    "nothing left in the fridge, off to the shops",
    "I'm done with this relapse, so over it",
    "going to the river for a walk tonight with the dog, lovely evening",
    "standing on the platform waiting for the 8:15, legs aching",
    "I'm at the top of the car park, can't find my car lol",
    "took a whole strip of paracetamol over the week for my back",
    "I'm just a cost to the NHS according to the Daily Mail lol",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_of_every_kind_are_not_alerts(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert


# --- more shapes of each kind: letters, the last thing keeping one here, hedged 'won't be around',
# dose research, others managing without one, a roof stood on, a phone switched off -----------------

MORE_SHAPES = [
    "I've written letters to everyone and they're on the mantelpiece",
    "everything's in order for after. I'm calm about it now",
    "I keep thinking the kids would be fine, maybe better, if I wasn't around",
    "honestly just want to go to sleep and not wake up",
    "sat on the bridge railing watching the water. it's so quiet here",
    "I bought a hose today. the garage is ready",
    "the only thing keeping me here is the dog",
    "I've been researching how much insulin it would take",
    "I can't see myself still being here at christmas",
    "I've told my sister where the will is and that I love her",
    "goodbye everyone, you were the best part of this",
    "I don't think I'll be around much longer, and honestly that's ok",
    "tonight I'm going to take everything I've been saving",
    "part of me wants the infusion reaction to be fatal",
    "been hitting my head against the wall till it bleeds",
    "every night I scratch my arms until they bleed, it's the only thing that helps",
    "I'm so tired of being the family's problem, they'd manage fine without me",
    "I wish I'd never woken up from the op",
    "I've stopped taking my DMT and my antidepressants. I don't want to be here anymore",
    "it's the last time I'll post. take care of each other",
    "I went up to the roof last night and stood there for an hour",
    "I keep googling how many baclofen would be lethal",
    "my brother texted 'sorry for everything' and his phone is off",
    "I'm going to walk into the sea tonight",
]
MORE_SHAPES_ORDINARY = [
    "as I said in my last post, the new neuro is great",
    "wrote letters to my MP about the PIP cuts",
    "bought a hose for the garden today, finally",
    "they'll manage without me for a week while I'm in rehab",
    "how long it would take for the baclofen to kick in?",
    "the only thing keeping me here at work is the pension",
]


@pytest.mark.parametrize("text", MORE_SHAPES)
def test_more_shapes_of_each_kind_are_alerts(screen: CrisisScreen, text: str) -> None:
    assert level_of(screen, text) >= Level.CONCERN


@pytest.mark.parametrize("text", MORE_SHAPES_ORDINARY)
def test_their_look_alikes_stay_quiet(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert
