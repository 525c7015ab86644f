"""Dialect words read as standard Hindi (``cogs.screening.dialects``), and the crisis screen's
reading of them (``other_script.other_readings``). Every sentence was written for this test."""

from __future__ import annotations

import pytest

from cogs.crisis.detector import FIRM_RULE, CrisisScreen
from cogs.crisis.lexicon import default_lexicon_path, load_lexicon
from cogs.screening.dialects import standard_hindi
from cogs.screening.other_script import CROSS_SCRIPT_RULE, DIALECT_RULE, other_readings


@pytest.fixture(scope="module")
def screen() -> CrisisScreen:
    return CrisisScreen(load_lexicon([default_lexicon_path()]))


@pytest.mark.parametrize(
    ("dialect", "standard"),
    [
        ("हम ठीक बानी, तू कइसन बा", "हम ठीक हूं, तू कइसन है"),
        ("काल्हि डॉक्टर के लगे जाएब", "काल्हि डॉक्टर के लगे जाऊंगा"),
        ("म्हारो मन कोनी लागै", "मेरा मन नहीं लागै"),
        ("mainu vi dass, tusi kithe ho", "mujhe vi bata, aap kahan ho"),
        ("doodh mukk gaya, hun ki karan", "doodh khatam ho gaya, ab ki karne"),
        ("pehle cutting karda si, hun nahi", "pehle cutting karta tha, ab nahi"),
        ("mainu thodi si dawai chahidi", "mujhe thodi si dawai chahiye"),
    ],
)
def test_dialect_words_become_standard_hindi_and_the_rest_stays(
    dialect: str, standard: str
) -> None:
    assert standard_hindi(dialect) == standard


@pytest.mark.parametrize(
    "text",
    [
        "see you tomorrow at the infusion centre",  # English: no Punjabi table
        "ta luego, me voy a dormir",  # Spanish: "ta" is not Punjabi here
        "आज मौसम अच्छा है",  # standard Hindi: nothing to change
        "",
    ],
)
def test_text_with_no_dialect_word_has_no_standard_reading(text: str) -> None:
    assert standard_hindi(text) is None


def test_the_readings_name_how_each_was_read() -> None:
    readings = dict(other_readings("मन करता बा गंगा में डूब जाईं"))
    assert set(readings.values()) == {CROSS_SCRIPT_RULE, DIALECT_RULE}
    assert "मन करता है गंगा में डूब जाऊं" in readings
    assert other_readings("see you at the clinic") == ()


# Crises in dialect that the standard Hindi rules read once the grammar words are standard.
DIALECT_CRISES = [
    "अब जीए के मन नइखे, मर जाईं त ठीक",
    "नदी में कूद जाएब आज, केहू ना रोकी",
    "sach dassan, mainu hun jeena nahi",
    "mar javan ta sab da bhala",
]

# Ordinary dialect chat that shares grammar words with them.
DIALECT_ORDINARY = [
    "नदी में नहाए जाएब आज, गर्मी बा",
    "हम ठीक बानी, फिजियो से फायदा बा",
    "mainu hun thoda changa lagda, thanks",
    "kal hospital javan ta mummy naal",
]


@pytest.mark.parametrize("text", DIALECT_CRISES)
def test_a_crisis_in_dialect_is_an_alert_read_in_standard_hindi(
    screen: CrisisScreen, text: str
) -> None:
    verdict = screen.screen(text)
    assert verdict.is_alert, verdict


@pytest.mark.parametrize("text", DIALECT_ORDINARY)
def test_ordinary_dialect_chat_stays_quiet(screen: CrisisScreen, text: str) -> None:
    assert not screen.screen(text).is_alert, screen.screen(text)


def test_an_alert_read_in_standard_hindi_says_so_and_is_firm(screen: CrisisScreen) -> None:
    """No model trained on these dialects, so none may rule the alert out."""
    verdict = screen.screen("mar javan ta sab da bhala")
    assert verdict.is_alert
    assert DIALECT_RULE in verdict.rules
    assert FIRM_RULE in verdict.rules


def test_a_standard_hindi_alert_is_not_marked_as_read_in_dialect(screen: CrisisScreen) -> None:
    verdict = screen.screen("आज रात नदी में कूद जाऊंगा")
    assert verdict.is_alert
    assert DIALECT_RULE not in verdict.rules
