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
