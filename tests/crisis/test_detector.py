"""The crisis screen on sentences written for these tests (not rows from the dev data)."""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen, Level, Verdict, default_lexicon_path


@pytest.fixture(scope="module")
def screen() -> CrisisScreen:
    return CrisisScreen.load([default_lexicon_path()])


def level_of(screen: CrisisScreen, text: str, context: str | None = None) -> Level:
    return screen.screen(text, context).level


URGENT = [
    "I'm going to kill myself this weekend, I've made my peace with it",
    "I've saved up enough of my tablets and tonight is the night",
    "this is goodbye everyone, thank you for the last two years",
    "I just cut myself and there's blood everywhere, I can't stop",
    "standing on the roof of the car park right now",
    "planning to end my life on friday when my partner is at work",
    "took all my pills half an hour ago",
    "wrote the letters for my kids, I know how I'm going to do it",
]
CONCERN = [
    "I want to die, this relapse has taken everything",
    "I keep having suicidal thoughts since the new diagnosis",
    "some days I think about ending my life",
    "everyone would be better off without me, I'm just a weight on them",
    "I wish I could fall asleep and never wake up",
    "I'm not sure I want to live like this",
    "honestly I don't want to be alive anymore",
    "I've been hurting myself again when the numbness gets bad",
    "the urge to self-harm is really loud today",
    "my brother told me he wants to end it and I don't know what to say",
    "my wife keeps saying we'd be better off without her",
]
WATCH = [
    "what's the point of any of this",
    "I can't keep going like this",
    "I feel like such a burden lately",
]
NONE = [
    "this fatigue is killing me",
    "my legs are dead today",
    "I could die of embarrassment, fell over in the shop",
    "I'm dying to try the new hydrotherapy pool",
    "kill this heat already",
    "I'm not suicidal, just exhausted",
    "I would never hurt myself, I'm just venting about the neuro",
    "I don't want to die, I want a day without symptoms",
    "years ago I attempted suicide, I'm in a much better place now",
    "I used to self harm as a teenager, therapy really helped",
    "MS doesn't usually shorten life expectancy by much these days",
    "my aunt died of MS complications in the nineties",
    "what does the bot do if someone says they're suicidal?",
    "read a study on suicide risk after diagnosis",
    "had my first infusion today, nurse was lovely",
    "cutting back on caffeine to help my bladder",
]
OBFUSCATED = [
    ("s u i c i d a l again tonight", Level.URGENT),
    ("k.i.l.l m.y.s.e.l.f", Level.CONCERN),
    ("gonna k1ll mys3lf", Level.CONCERN),
    ("su1c1dal thoughts", Level.CONCERN),
    ("sui\u200bcidal thoughts", Level.CONCERN),
    ("suïcidal thoughts", Level.CONCERN),
    ("i wanna diiiie", Level.CONCERN),
    ("kms honestly", Level.CONCERN),
    ("thinking about unaliving myself", Level.CONCERN),
    ("want 2 die", Level.CONCERN),
    ("I WANT TO DIE", Level.CONCERN),
]


@pytest.mark.parametrize("text", URGENT)
def test_plans_means_timelines_and_goodbyes_are_urgent(screen: CrisisScreen, text: str) -> None:
    assert level_of(screen, text) is Level.URGENT


@pytest.mark.parametrize("text", CONCERN)
def test_ideation_self_harm_and_third_party_are_alerts(screen: CrisisScreen, text: str) -> None:
    assert level_of(screen, text) >= Level.CONCERN


@pytest.mark.parametrize("text", WATCH)
def test_ambiguous_hopelessness_is_watch(screen: CrisisScreen, text: str) -> None:
    assert level_of(screen, text) is Level.WATCH


@pytest.mark.parametrize("text", NONE)
def test_idioms_negations_past_and_news_stay_quiet(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert


@pytest.mark.parametrize(("text", "minimum"), OBFUSCATED)
def test_obfuscated_disclosures_are_seen(screen: CrisisScreen, text: str, minimum: Level) -> None:
    assert level_of(screen, text) >= minimum


def test_third_party_ideation_is_concern_not_urgent(screen: CrisisScreen) -> None:
    verdict = screen.screen("my husband says he wants to die")
    assert verdict.level is Level.CONCERN
    assert "third_party" in verdict.rules
    assert "someone else" in verdict.reason


def test_negation_only_reaches_its_own_clause(screen: CrisisScreen) -> None:
    assert screen.screen("I'm not okay, I want to die").is_alert


def test_negation_limited_in_time_is_still_a_thought(screen: CrisisScreen) -> None:
    assert screen.screen("I don't want to kill myself right now").is_alert


def test_not_sure_i_want_to_live_is_ideation(screen: CrisisScreen) -> None:
    assert screen.screen("not sure I want to live anymore").is_alert


def test_a_recovery_word_inside_the_signal_is_not_a_recovery(screen: CrisisScreen) -> None:
    # "still here" is a recovery ("glad I'm still here") but here it is the signal's own words,
    # and "years ago" is what would have been, not a past crisis.
    text = "I am only still here for my kids, otherwise I would have gone years ago"
    verdict = screen.screen(text)
    assert verdict.level is Level.CONCERN, verdict.rules
    assert "recovered_past" not in verdict.rules
    over = screen.screen("Years ago I wanted to die. I'm so glad I'm still here now")
    assert over.level is Level.NONE
    assert "recovered_past" in over.rules


def test_past_crisis_coming_back_is_an_alert(screen: CrisisScreen) -> None:
    text = "I was suicidal years ago and got better, but the thoughts are coming back"
    assert screen.screen(text).is_alert


def test_joke_lowers_a_level_unless_it_says_it_is_not_a_joke(screen: CrisisScreen) -> None:
    assert not screen.screen("the parking at the clinic is so bad kms lol").is_alert
    assert screen.screen("kms lol, not even joking").is_alert


def test_reason_names_the_signal_without_method_details(screen: CrisisScreen) -> None:
    verdict = screen.screen("I want to die tonight")
    assert verdict.level is Level.URGENT
    assert verdict.reason == "Expresses a wish to die with a timeline."
    assert "wish_to_die" in verdict.rules
    assert "with_timeline" in verdict.rules


def test_suppressed_signal_is_listed_in_rules(screen: CrisisScreen) -> None:
    verdict = screen.screen("I'm not suicidal")
    assert verdict.level is Level.NONE
    assert {"suicidal", "negated"} <= set(verdict.rules)


def test_agreeing_reply_to_an_alert_is_an_alert(screen: CrisisScreen) -> None:
    assert screen.screen("same here", context="I want to die").is_alert
    assert not screen.screen("same here", context="this heat is awful").is_alert


def test_ordinary_chat_returns_none_with_no_rules(screen: CrisisScreen) -> None:
    verdict = screen.screen("Anyone tried the cooling vest for the school run?")
    assert verdict == Verdict(Level.NONE, (), verdict.reason)
    assert not verdict.is_alert


def test_level_labels_and_parse() -> None:
    assert Level.URGENT.label == "urgent"
    assert Level.parse("Concern") is Level.CONCERN
    with pytest.raises(ValueError, match="unknown level"):
        Level.parse("red")


def test_verdict_is_alert_from_concern_up() -> None:
    assert Verdict(Level.CONCERN, (), "x").is_alert
    assert not Verdict(Level.WATCH, (), "x").is_alert


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I'm going to end it tonight", "urgent"),
        ("gonna end it tonight", "urgent"),
        ("you idiots, I'm going to end it tonight, goodbye", "urgent"),
        ("I will end things tonight", "urgent"),
        ("I'm going to end it", "concern"),
        ("I am about to take my own life", "concern"),
    ],
)
def test_a_stated_intention_to_end_ones_life_alerts(
    screen: CrisisScreen, text: str, level: str
) -> None:
    assert screen.screen(text).level.label == level


@pytest.mark.parametrize(
    "text",
    [
        "we are all going to die someday",
        "I'm going to do it tonight, leg day!",
        "I'm going to end it with him, he never listens",
        "going to end it here for today, thanks all",
        "I am not going to end my life",
    ],
)
def test_ordinary_plans_and_endings_stay_quiet(screen: CrisisScreen, text: str) -> None:
    assert screen.screen(text).level.label == "none"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("i want-to die", "concern"),
        ("i wanna-die tonight", "urgent"),
        ("i_want_to_die", "concern"),
        ("self-harm again tonight, cut myself", "urgent"),
    ],
)
def test_hyphens_and_underscores_cannot_hide_a_disclosure(
    screen: CrisisScreen, text: str, level: str
) -> None:
    assert screen.screen(text).level.label == level


# --- medication: MS means daily pills, so routine talk must not page anyone ---------------------

MEDICATION = [
    ("taking all my baclofen at once", Level.URGENT),
    ("going to take all my pills tonight", Level.URGENT),
    ("thinking about taking all my meds", Level.URGENT),
    ("honestly gonna take the lot and be done", Level.URGENT),
    ("I swallowed all my pills", Level.URGENT),
    ("took all my amitriptyline about 20 min ago. feeling sleepy", Level.URGENT),
    ("what's the right dose to not wake up", Level.URGENT),
    ("whats the right dose to end it", Level.URGENT),
    ("how many of my pills would it take to end it", Level.URGENT),
    # a routine lowers it to a moderator's glance...
    ("I take all my meds at once every morning", Level.WATCH),
    ("I took all my meds this morning for once, go me", Level.WATCH),
    ("should i take all my meds at once or spread them out?", Level.WATCH),
    ("my neuro said I can take everything at once with food", Level.WATCH),
    ("I'm taking all my gabapentin at night now, helps the sleep", Level.WATCH),
    # ...but never when the message also has a time or a goodbye
    ("I take all my meds at once every morning but tonight I'm taking all of them", Level.URGENT),
    ("taking all my meds at once every morning, bye everyone", Level.URGENT),
    # and ordinary life stays quiet
    ("do you take all your pills at once or spread them out?", Level.NONE),
    ("I'm going to take all my kids to the beach tomorrow", Level.NONE),
    ("it took all my energy to get out of bed today", Level.NONE),
    ("what is the right dose to start baclofen at?", Level.NONE),
    ("the new pain meds to die for, honestly", Level.NONE),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I won't be here much longer", Level.CONCERN),
        ("once I'm gone they can have the house", Level.CONCERN),
        ("when I'm not here anymore, look after my cat", Level.URGENT),  # and a goodbye
        ("I won't be here next week, holiday!", Level.NONE),
        ("when I'm no longer here in London I'll miss it", Level.NONE),
    ],
)
def test_talk_of_not_being_here_any_more(screen: CrisisScreen, text: str, expected: Level) -> None:
    assert level_of(screen, text) is expected


@pytest.mark.parametrize(("text", "expected"), MEDICATION)
def test_medication_talk_is_urgent_unless_it_is_a_routine(
    screen: CrisisScreen, text: str, expected: Level
) -> None:
    assert level_of(screen, text) is expected


def test_a_softened_case_says_why_to_the_moderator(screen: CrisisScreen) -> None:
    verdict = screen.screen("I take all my meds at once every morning")
    assert "medication_routine" in verdict.rules
    assert "routine" in verdict.reason
