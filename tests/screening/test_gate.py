"""The shared raw-text gate: exact early exits for both screens, in one pass per message.

The gate may send too many messages the full way, never too few. These tests check that on
phrases in disguise, on the crisis screen's verdicts (the guideline screen has its own in
tests/guidelines/test_prefilter.py), and on the shared data when it is present (read at run
time, never copied here).
"""

from __future__ import annotations

import random
import unicodedata

import pytest

from cogs.crisis.detector import CrisisScreen
from cogs.guidelines.screen import GuidelineScreen
from cogs.screening.gate import (
    _NEEDS_FOLD,
    _SURFACE_LIMIT,
    DIGIT_OR_AT,
    NORMALISE,
    RawGate,
    _covers,
    _prune,
    _words,
    share_gate,
)
from cogs.screening.matcher import PhraseMatcher
from cogs.screening.normalise import normalise, normalise_variants, prefilter, surface_forms
from tests.shared_data import DATA, data_texts


class _Client:
    """A minimal gate client: each phrase on its own bit."""

    def __init__(self, phrases: list[str]) -> None:
        self.phrases = phrases
        self.gate: RawGate | None = None
        self.shift = -1

    def gate_phrases(self) -> tuple[list[tuple[str, int]], int]:
        return [(p, i) for i, p in enumerate(self.phrases)], len(self.phrases)

    def attach_gate(self, gate: RawGate, shift: int) -> None:
        self.gate, self.shift = gate, shift

    def bits(self, text: str) -> int:
        assert self.gate is not None
        return self.gate.scan(text) >> self.shift & ((1 << len(self.phrases)) - 1)


PHRASES = ["want to die", "suicid*", "don't want to live", "self harm", "kill myself tonight"]


@pytest.fixture(scope="module")
def client() -> _Client:
    c = _Client(PHRASES)
    share_gate([c])
    return c


@pytest.mark.parametrize(
    "raw",
    [
        "i dont wanna live",
        "I don't want to live",
        "i don’t want to live 😞",
        "i do not want to live",
        "i want-to die",
        "i wanna-die",
        "i want 2 die",
        "SELF HARM",
        "self-harm",
        "self_harm",
        "feeling suicidal!",
        "(suicide)",
        "killmyselftonight",
    ],
)
def test_common_spellings_set_the_phrase_bit_without_normalising(client: _Client, raw: str) -> None:
    assert client.bits(raw), raw
    assert client.gate is not None
    assert not client.gate.scan(raw) & NORMALISE, raw


@pytest.mark.parametrize(
    "raw",
    [
        "i d0nt want to l1ve",
        "i dooont want to live",
        "s.e.l.f h.a.r.m",
        "s u i c i d e",
        "k!ll myself tonight",
        "$uicide",
        "ѕuicide",  # Cyrillic s
        "sui\u200bcide",  # zero-width space
        "ｓｕｉｃｉｄｅ",  # full-width letters
        "s*icide",  # a starred-out letter
        "k*ll myself tonight",
    ],
)
def test_disguises_are_sent_the_full_way(client: _Client, raw: str) -> None:
    assert client.gate is not None
    bits = client.gate.scan(raw)
    assert bits & NORMALISE or client.bits(raw), raw
    # and the full path does find the phrase
    matcher = PhraseMatcher((p, p) for p in PHRASES)
    assert any(matcher.find(form) for form in normalise_variants(raw)), raw


@pytest.mark.parametrize(
    "text",
    [
        "Had my infusion today, the nurse was lovely",
        "wow!! thanks so much 😂❤️",
        "it’s the 3rd relapse since the 90s, 10am appt",
        "my diet and the studies",
        "presuicide",
    ],
)
def test_ordinary_chat_sets_nothing(client: _Client, text: str) -> None:
    assert client.gate is not None
    assert client.gate.scan(text) & ~DIGIT_OR_AT == 0, text


def test_digits_and_at_signs_are_flagged_for_the_private_detail_checks(client: _Client) -> None:
    assert client.gate is not None
    assert client.gate.scan("call me on 07700 900123") & DIGIT_OR_AT
    assert client.gate.scan("ig @sam.w") & DIGIT_OR_AT
    assert client.gate.scan("١٢٣ call") & DIGIT_OR_AT  # Arabic-Indic digits
    assert not client.gate.scan("no numbers here") & DIGIT_OR_AT


def test_a_run_of_spaces_does_not_hide_a_phrase(client: _Client) -> None:
    assert client.bits("i  want \t to   die")


def test_results_are_remembered_for_the_next_screen() -> None:
    c = _Client(["want to die"])
    gate = share_gate([c])
    text = "i want to die"
    first = gate.scan(text)
    assert gate._bits[text] == first
    assert gate.scan(text) == first
    assert gate.forms(text) == normalise_variants(text)


def test_clients_get_separate_bits() -> None:
    a, b = _Client(["want to die"]), _Client(["at least"])
    share_gate([a, b])
    assert a.bits("i want to die")
    assert not b.bits("i want to die")
    assert b.bits("at least you")
    assert not a.bits("at least you")


def test_a_phrase_inside_another_on_the_same_bit_keeps_only_its_run_together_keys() -> None:
    assert _covers(_words("kill myself"), _words("tonight i am going to kill myself"))
    assert _covers(_words("suicid*"), _words("feel suicidal"))
    assert not _covers(_words("myself"), _words("kill myself*"))  # "myselfish" is not "myself"
    assert not _covers(_words("kill myself"), _words("kill"))
    pruned = _prune([("kill myself", 0), ("kill myself tonight", 0), ("kill myself tonight", 1)])
    assert ("kill myself tonight", 0, False) in pruned
    assert ("kill myself tonight", 1, True) in pruned  # another bit: kept whole


def test_pruning_by_first_word_equals_checking_every_kept_phrase() -> None:
    """``_prune`` looks only at kept phrases starting with one of a phrase's words; on the
    shipped lexicons that must give what comparing with every kept phrase gives. The naive
    comparison is quadratic, and one bit holds some 20,000 phrases, so each bit is checked on
    a seeded sample of at most 3,000 of its phrases (a lexicon in its own right), twice."""
    phrases: list[tuple[str, int]] = []
    shift = 0
    for client in (CrisisScreen.load_default(), GuidelineScreen.load_default()):
        own, width = client.gate_phrases()
        phrases += [(p, b + shift) for p, b in own]
        shift += width
    by_bit: dict[int, list[tuple[str, int]]] = {}
    for phrase in phrases:
        by_bit.setdefault(phrase[1], []).append(phrase)
    for seed in (1, 2):
        rng = random.Random(seed)
        _check_pruning(
            [p for group in by_bit.values() for p in rng.sample(group, min(len(group), 3000))]
        )


def _check_pruning(phrases: list[tuple[str, int]]) -> None:
    by_bit: dict[int, dict[str, tuple[tuple[str, ...], bool]]] = {}
    for raw, bit in phrases:
        by_bit.setdefault(bit, {})[raw] = _words(raw)
    naive = []
    for bit, words in by_bit.items():
        kept: list[tuple[tuple[str, ...], bool]] = []
        for raw in sorted(words, key=lambda r: (len(words[r][0]), r)):
            whole = not any(_covers(inner, words[raw]) for inner in kept)
            if whole:
                kept.append(words[raw])
            naive.append((raw, bit, whole))
    assert sorted(_prune(phrases)) == sorted(naive)


def test_reserved_bits_are_refused() -> None:
    with pytest.raises(ValueError, match="reserved"):
        RawGate([("want to die", 0)])


def test_symbols_treated_as_plain_really_are_left_alone_by_folding() -> None:
    """Every non-ASCII character the fast path lets through folds to nothing that matters."""
    for code in range(0x80, 0x30000):
        ch = chr(code)
        if _NEEDS_FOLD.search(ch) is not None or ch in "\u2018\u2019":
            continue
        name = unicodedata.name(ch, "?")
        assert prefilter(f"a{ch}b") == f"a{ch}b", (hex(code), name)
        assert not ch.isalnum(), (hex(code), name)
        assert not ch.isspace(), (hex(code), name)


# --- the crisis screen with and without the gate ------------------------------------------------


@pytest.fixture(scope="module")
def crisis() -> CrisisScreen:
    screen = CrisisScreen.load_default()
    share_gate([screen, GuidelineScreen.load_default()])
    return screen


CRISIS_SENTENCES = [
    "had a good day today, legs behaved",
    "lol same 😂😂",
    "I'm going to end it tonight",
    "gonna end it tonight",
    "i want-to die",
    "i wanna-die tonight",
    "i dont want to be here anymore",
    "i don’t want to be here anymore",
    "I'm not suicidal, just tired",
    "kms lol",
    "k m s",
    "su1c1d3",
    "i want to diiiie",
    "killlll myselffff",
    "dying to see the new season",
    "my husband said he wants to die",
    "tonight i am going to unalive myself",
    "taking all my pills at once",
    # signals that need a cue: the phrase alone, and with its cue
    "it took me ages to get here",
    "maybe the next relapse takes me",
    "at the level crossing, waiting for the last train",
    "logging off for good, thanks for everything",
    "su1c1de tonight",
    "",
]


@pytest.mark.parametrize("text", CRISIS_SENTENCES)
def test_crisis_verdicts_are_the_same_with_the_gate(crisis: CrisisScreen, text: str) -> None:
    for context in (None, "I want to die", "lovely weather"):
        assert crisis.screen(text, context) == crisis._screen_full(text, context), text


def test_every_crisis_phrase_in_disguise_gets_the_same_verdict(crisis: CrisisScreen) -> None:
    leet = str.maketrans({"i": "1", "e": "3", "a": "@", "o": "0", "s": "$"})
    for sig in crisis.lexicon.signals:
        for phrase in sig.phrases[:40]:
            phrase = phrase.rstrip("*")
            mid = len(phrase) // 2
            for variant in (
                phrase,
                phrase.upper(),
                phrase.replace(" ", "-"),
                phrase.translate(leet),
                phrase[:mid] + phrase[mid] * 3 + phrase[mid + 1 :],
                " ".join(phrase.replace(" ", "")),
                phrase.replace(" ", ""),
                f"“{phrase}”",
            ):
                text = f"honestly, {variant}. ok"
                assert crisis.screen(text) == crisis._screen_full(text), text


def test_no_phrase_has_too_many_spellings_for_the_gate(crisis: CrisisScreen) -> None:
    """Past the limit the gate falls back to keys for single words ("not", "to"), and nearly
    every message takes the full path: a shorthand spelling added to the normaliser multiplies
    the spellings of every phrase holding its word."""
    guidelines = GuidelineScreen.load_default()
    phrases = [p for client in (crisis, guidelines) for p, _ in client.gate_phrases()[0]]
    for phrase in phrases:
        forms = surface_forms(normalise(phrase.rstrip("*")), _SURFACE_LIMIT)
        assert len(forms) < _SURFACE_LIMIT, phrase


def test_a_phrase_that_needs_a_cue_keeps_chat_on_the_early_exit(crisis: CrisisScreen) -> None:
    gate = crisis._gate
    assert gate is not None
    assert not crisis._gate_says_maybe(gate.scan("it took me ages to get here"))
    assert crisis._gate_says_maybe(gate.scan("I hope the next relapse takes me"))


@pytest.mark.skipif(not DATA.is_dir(), reason="shared data not present")
def test_crisis_verdicts_agree_with_the_full_path_on_shared_data(crisis: CrisisScreen) -> None:
    count = 0
    for text, context in data_texts():
        assert crisis.screen(text, context) == crisis._screen_full(text, context), text
        count += 1
    assert count > 0


def _surface_forms_reference(phrase: str, limit: int = 64) -> list[str]:
    """``surface_forms`` as first written (every shorthand entry tried at every word): the
    indexed version must give exactly the same spellings, in the same order."""
    from cogs.screening.normalise import _REVERSE

    words = phrase.split()
    count = len(words)
    out: list[str] = []

    def walk(i: int, parts: list[str]) -> None:
        if len(out) >= limit:
            return
        if i == count:
            out.append(" ".join(parts))
            return
        walk(i + 1, [*parts, words[i]])
        for full, raws in _REVERSE.items():
            n = len(full)
            if tuple(words[i : i + n]) == full:
                for raw in raws:
                    walk(i + n, [*parts, raw])
            elif i == 0 and n > 1:
                for k in range(1, n):
                    if tuple(words[:k]) == full[n - k :]:
                        for raw in raws:
                            walk(k, [raw])
            if n > 1 and count - i < n and tuple(words[i:]) == full[: count - i]:
                for raw in raws:
                    walk(count, [*parts, raw])

    walk(0, [])
    out += [form.replace(" ", sep) for form in out if " " in form for sep in "-_"]
    return list(dict.fromkeys(out))


def test_indexed_surface_forms_match_the_reference_on_every_shipped_phrase(
    crisis: CrisisScreen,
) -> None:
    phrases, _ = crisis.gate_phrases()
    guideline_phrases, _ = GuidelineScreen.load_default().gate_phrases()
    extra = ["not wake up", "am going to", "if i am", "do not want to live", "i am not ok"]
    seen = {normalise(raw.rstrip().rstrip("*")) for raw, _ in [*phrases, *guideline_phrases]}
    for phrase in sorted(seen | set(extra)):
        for limit in (64, _SURFACE_LIMIT):
            assert surface_forms(phrase, limit) == _surface_forms_reference(phrase, limit), phrase


def test_screens_built_again_from_the_same_lists_share_one_gate() -> None:
    """A gate is built once per set of phrases (about two seconds), not once per screen."""
    first, second = CrisisScreen.load_default(), CrisisScreen.load_default()
    gate = share_gate([first, GuidelineScreen.load_default()])
    assert share_gate([second, GuidelineScreen.load_default()]) is gate
    assert share_gate([CrisisScreen.load_default()]) is not gate  # other phrases, other bits
    text = "i want to end it all tonight"
    assert first.screen(text) == second.screen(text)
