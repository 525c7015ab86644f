"""Names Kindred posts and numbers people type: one set of rules for every lane."""

from __future__ import annotations

import pytest

from cogs.utils.errors import InvalidInput
from cogs.utils.text import check_name, name_problem, read_whole_number

WALES = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
RAINBOW = "\U0001f3f3\ufe0f\u200d\U0001f308"


@pytest.mark.parametrize(
    "name",
    [
        "Autumn 2026",
        "Hindi speakers",
        "हिंदी भाषी",
        "under 30s @ London",  # a lone @ is not a mention
        "فارسی\u200cزبان",  # Persian: a zero-width non-joiner inside a word is spelling
        "क्\u200dष group",  # Devanagari: a joiner after a virama
        f"{RAINBOW} members",
        f"Welsh speakers {WALES}",
        "Café <3",
    ],
)
def test_ordinary_names_pass_unchanged(name: str) -> None:
    assert name_problem(name) is None
    assert check_name(name, what="group label", limit=40) == name


def test_runs_of_spaces_are_tidied() -> None:
    assert check_name("  Spring   2027 ", what="cohort name", limit=60) == "Spring 2027"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Autumn\n2026", "control characters"),
        ("Autumn\t2026", "control characters"),
        ("Autumn\x00", "control characters"),
        ("Autumn\x7f", "control characters"),
        ("Autumn\u2028 2026", "control characters"),
        ("Aut\u200bumn", "invisible characters (U+200B ZERO WIDTH SPACE, after “Aut”)"),
        ("Aut\u200dumn", "invisible characters"),  # a joiner between ASCII letters only hides
        ("\u200cAutumn", "at the start"),
        ("Autumn\u2060", "invisible characters"),
        ("\u202eAutumn", "invisible characters"),  # a right-to-left override
        ("Autumn\ufeff", "invisible characters"),
        ("Auto\u00admn", "invisible characters"),  # a soft hyphen
        ("\u3164", "invisible characters"),  # a Hangul filler, a "blank" name
        ("\u034f", "invisible characters"),  # a combining grapheme joiner, alone
        ("Autumn\U000e0041", "invisible characters"),  # a tag character outside a flag
        ("@everyone come", "`@everyone` or `@here`"),
        ("hi @here", "`@everyone` or `@here`"),
        ("@Everyone", "`@everyone` or `@here`"),
        ("group <@123456789012345678>", "a mention"),
        ("group <@!123456789012345678>", "a mention"),
        ("group <@&123456789012345678>", "a mention"),
        ("see <#123456789012345678>", "a mention"),
    ],
)
def test_control_invisible_and_mention_characters_are_refused_clearly(
    name: str, words: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_name(name, what="cohort name", limit=60)
    assert "The cohort name can't contain" in caught.value.message
    assert words in caught.value.message
    assert "Please type it again" in caught.value.message


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_is_refused(name: str) -> None:
    with pytest.raises(InvalidInput, match="1 to 60 characters"):
        check_name(name, what="cohort name", limit=60)


def test_a_long_name_is_refused_with_its_length() -> None:
    with pytest.raises(InvalidInput, match=r"to 40 characters \(this one has 41\)"):
        check_name("x" * 41, what="group label", limit=40)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("3", 3),
        (" 12 ", 12),
        ("-2", -2),
        ("0", 0),
        ("\u0663", 3),  # Arabic-Indic
        ("\u06f4", 4),  # Extended Arabic-Indic (Persian, Urdu)
        ("\u0969", 3),  # Devanagari
        ("\uff13", 3),  # full-width
        ("\uff11\uff12", 12),
        ("\u09e7\u09e6", 10),  # Bengali
    ],
)
def test_whole_numbers_in_one_scripts_digits_are_read(typed: str, value: int) -> None:
    assert read_whole_number(typed) == value


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "-",
        "+3",
        "--3",
        "3.0",
        "1 2",
        "1_0",
        "\u00b2",  # superscript two: Python's isdigit() says yes, int() says no
        "\u2462",  # circled three
        "\u2163",  # Roman numeral four
        "\u00bd",  # one half
        "1\u0663",  # two scripts in one number
        "three",
    ],
)
def test_anything_else_is_not_a_whole_number(typed: str) -> None:
    assert read_whole_number(typed) is None
