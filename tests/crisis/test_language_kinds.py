"""The crisis screen by kind of language, on sentences written for these tests.

Every kind has positives and near misses that share its words but not its meaning (an idiom,
a routine, a recovered past, a question about the topic). None of these sentences comes from
the development data in ../shared/data: they test the rule, not a row.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen, Level


@pytest.fixture(scope="module")
def screen() -> CrisisScreen:
    return CrisisScreen.load_default()


def level_of(screen: CrisisScreen, text: str) -> Level:
    return screen.screen(text).level


# --- news, research and leaflets: about the topic unless the writer says it of themselves -------

MEDIA_FRAMED = [
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
