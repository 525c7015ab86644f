"""The shared raw-text gate never lets the guideline screen skip a message the full path flags.

``GuidelineScreen.screen`` returns early when the gate (``cogs.screening.gate``) proves that no
rule has both a trigger phrase and, if it needs one, a required nearby word in any normalised
form of the text. These tests run both paths over sentences written
for them (ordinary chat, rule phrases and their obfuscations) and, when present, over the shared
data in ``../shared/data`` (read at run time, never copied here).
"""

from __future__ import annotations

import pytest

from cogs.guidelines.screen import _LIVES_CUE, _NEAR, GuidelineScreen
from cogs.screening.gate import NORMALISE, share_gate
from cogs.screening.normalise import normalise_variants
from tests.shared_data import DATA, data_texts

CONTEXTS = (None, "any tips? what helped you?", "I'm exhausted and nobody gets it.")

SENTENCES = [
    # ordinary chat
    "had a good day today, legs behaved",
    "Thanks everyone, see you at the meetup on Saturday!",
    "lol same 😂😂",
    "my neuro appt is at 3pm on the 12th",
    "I'm a mess today... it's fine though",
    "it's a long story, I'll tell u later",
    "e.g. the blue pill vs the white one",
    "co-workers keep asking how I am",
    "",
    " ",
    "!!!",
    "ok",
    # coaching triggers, plain and in chat spelling
    "at least it's not cancer",
    "at least its not cancer",
    "At least you still have your job",
    "well it could've been worse",
    "it couldve been worse tbh",
    "everyone gets tired, it's normal",
    "You think that's bad? I couldn't walk for months",
    "u think thats bad, try having it for 20 yrs",
    "you should try keto",
    "u should try keto",
    "you shld try keto!",
    "you should've gone to a&e",
    "you-should try keto",
    "you  should   try keto",
    "you,should try keto",
    "you should'nt worry so much",
    "just take vitamin D",
    "Honestly just take vitamin D",
    "have u tried yoga?",
    "why dont you try yoga",
    "why don't you try yoga",
    "my fog is 10x worse than yours",
    "just think positive!!",
    "'you'll be fine'",
    "you'll be fine!",
    "people're nothing but whiners",
    "it's not the end of the world",
    "its not the end of the world",
    "it isn't the end of the world",
    # abuse triggers and obfuscations
    "you're an idiot",
    "you're an idiots",
    "you are such an 1d10t",
    "you are such an idi0t",
    "you are st00pid",
    "you are stuuuupid",
    "you are stupiiiid!!!",
    "you're s t u p i d",
    "you're s.t.u.p.i.d",
    "you're s-t-u-p-i-d",
    "you're s. t. u. p. i. d.",
    "you're $tupid",
    "you're stup!d",
    "you're ѕtupid",  # Cyrillic s
    "you're ｓｔｕｐｉｄ",  # full-width letters
    "you're stu\u200bpid",  # zero-width space
    "you're stúpid",
    "you’re an idiot",  # curly apostrophe
    "YOU ARE AN IDIOT",
    "ur an idiot",
    "u r an idiot",
    "u r s0 dumb",
    "scumbag",
    "fuck you",
    "fuk u",
    "stfu",
    "grow up!",
    "grow-up",
    "what a drama queen",
    "dramaqueen",
    # private details
    "call me on 07700 900123",
    "my number is +44 7700 900 123",
    "email me at sam.w@example.com",
    "my ig: @sam.w",
    "she lives on Maple Street",
    "he lives at 12 Elm Close",
    "i live at 42 Baker St.",
    "the helpline is 116 123",
    "<@123456789012345678> thanks!",
    "https://example.com/a/1234567890",
    "١٢٣٤٥٦٧٨٩ call",  # Arabic-Indic digits
]


@pytest.fixture(scope="module")
def screen() -> GuidelineScreen:
    return GuidelineScreen.load_default()


def _could_fire(screen: GuidelineScreen, text: str) -> bool:
    """True if the full path finds, in any form, a rule's trigger with its required nearby
    word (when it needs one), or a "lives on" cue."""
    for form in normalise_variants(text):
        for match in screen._main.find(form):
            if match.value == _LIVES_CUE:
                return True
            compiled = screen._compiled[match.value]
            if not compiled.rule.near:
                return True
            assert compiled.aux is not None
            if any(m.value == _NEAR for m in compiled.aux.find(form)):
                return True
    return False


def _gate_says_go(screen: GuidelineScreen, text: str) -> bool:
    bits = (screen._gate or share_gate([screen])).scan(text)
    return bool(bits & NORMALISE) or screen._could_fire(bits)


def _assert_same(screen: GuidelineScreen, text: str, context: str | None) -> None:
    if _could_fire(screen, text):
        assert _gate_says_go(screen, text), f"the gate skipped {text!r}"
    if text:
        assert screen.screen(text, context) == screen._screen_full(text, context), text


@pytest.mark.parametrize("text", SENTENCES)
def test_prefilter_never_skips_what_the_full_path_flags(screen: GuidelineScreen, text: str) -> None:
    for context in CONTEXTS:
        _assert_same(screen, text, context)


def test_obfuscated_rule_phrases_are_sent_the_full_way(screen: GuidelineScreen) -> None:
    """Every trigger phrase, written in several disguises, inside a sentence."""
    phrases = [p.rstrip("*") for r in screen.ruleset.active_rules for p in r.phrases]
    leet = str.maketrans({"i": "1", "e": "3", "a": "@", "o": "0", "s": "$"})
    for phrase in phrases:
        stretched = "".join(ch * 3 if n == len(phrase) // 2 else ch for n, ch in enumerate(phrase))
        variants = (
            phrase,
            phrase.upper(),
            phrase.replace(" ", "-"),
            phrase.replace(" ", "  "),
            phrase.translate(leet),
            stretched,
            " ".join(phrase.replace(" ", "")),
            f'"{phrase}"',
            f"({phrase})",
            f"{phrase}!!",
            f"{phrase}'s",
        )
        for variant in variants:
            _assert_same(screen, f"honestly, {variant}. ok", None)


def test_ordinary_chat_takes_the_short_path(screen: GuidelineScreen) -> None:
    for text in ("had a good day today, legs behaved", "lol same 😂😂", "It’s a long story!!"):
        assert not _gate_says_go(screen, text)


def test_a_trigger_without_its_required_word_takes_the_short_path(
    screen: GuidelineScreen,
) -> None:
    # "try" is a trigger of the treatment-advice rule only near a diet or treatment word.
    assert not _gate_says_go(screen, "I'll try to make it on Saturday")
    assert _gate_says_go(screen, "try keto, it fixed everything")


@pytest.mark.skipif(not DATA.is_dir(), reason="shared data not present")
def test_prefilter_agrees_with_the_full_path_on_shared_data(screen: GuidelineScreen) -> None:
    count = 0
    for text, context in data_texts(contexts_alone=True):
        _assert_same(screen, text, context)
        count += 1
    assert count > 0
