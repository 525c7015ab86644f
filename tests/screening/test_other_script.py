"""``other_script``: a message's Hindi in its other script, for the crisis screen (issue 15)."""

from __future__ import annotations

import pytest

from cogs.screening.other_script import other_script
from cogs.screening.romanise import romanise


def test_devanagari_is_romanised_with_the_screens_spellings() -> None:
    text = "इस फ़िल्म में हीरो आत्महत्या कर लेता है, therapist ने पूछा"
    assert other_script(text) == "is film mein hero aatmhatya kar leta hai, therapist ne poochha"
    # Hindi words chat spells otherwise than the rules: "wali", "dopahar".
    assert other_script("सुबह वाली और दोपहर वाली") == "subah wali aur dopahar wali"


def test_training_spellings_are_unchanged() -> None:
    # The model's romanised training rows are rebuilt as they were: no screen spellings there.
    assert romanise("फिल्म") != "film"
    assert romanise("वाली") == "vali"
    assert romanise("फिल्म", for_screen=True) == "film"


def test_hinglish_goes_to_devanagari() -> None:
    out = other_script("mujhe nahi jeena yaar")
    assert out is not None
    assert "नहीं" in out
    assert "यार" in out


@pytest.mark.parametrize(
    "text",
    [
        "lol that match last night, i'm dead",
        "no quiero seguir así, estoy cansada",
        "me muero de calor",
        "",
        "👍",
    ],
)
def test_nothing_to_read_again(text: str) -> None:
    assert other_script(text) is None
