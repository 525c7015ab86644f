"""PhraseMatcher: whole-word matching, prefixes and several values per phrase."""

from __future__ import annotations

import pytest

from cogs.screening.matcher import Match, PhraseMatcher
from cogs.screening.normalise import normalise


@pytest.fixture
def matcher() -> PhraseMatcher[str]:
    return PhraseMatcher(
        [
            ("want to die", "wish"),
            ("die", "bare"),
            ("suicid*", "prefix"),
            ("don't want to live", "live"),
            ("self harm", "sh"),
            ("die", "second value"),
        ]
    )


def test_finds_phrase_on_word_boundaries(matcher: PhraseMatcher[str]) -> None:
    text = normalise("I want to die.")
    values = {m.value for m in matcher.find(text)}
    assert values == {"wish", "bare", "second value"}


def test_rejects_matches_inside_words(matcher: PhraseMatcher[str]) -> None:
    assert matcher.find(normalise("my diet and the studies")) == []


def test_prefix_phrase_matches_any_ending(matcher: PhraseMatcher[str]) -> None:
    found = matcher.find(normalise("feeling suicidal"))
    assert [m.value for m in found] == ["prefix"]


def test_prefix_phrase_still_needs_a_word_start(matcher: PhraseMatcher[str]) -> None:
    assert matcher.find(normalise("presuicide")) == []


def test_match_reports_span_and_phrase(matcher: PhraseMatcher[str]) -> None:
    text = normalise("ok so suicidal")
    (m,) = matcher.find(text)
    assert isinstance(m, Match)
    assert text[m.start : m.end] == "suicidal"
    assert m.phrase == "suicid*"


def test_lexicon_phrases_are_normalised_like_messages(matcher: PhraseMatcher[str]) -> None:
    assert [m.value for m in matcher.find(normalise("i dont wanna live"))] == ["live"]


def test_spelled_out_words_match_phrase_without_spaces(matcher: PhraseMatcher[str]) -> None:
    assert "sh" in {m.value for m in matcher.find(normalise("s e l f h a r m"))}


def test_search_is_true_when_find_is_not_empty(matcher: PhraseMatcher[str]) -> None:
    assert matcher.search(normalise("want to die"))
    assert not matcher.search(normalise("lovely weather"))


def test_empty_matcher_finds_nothing() -> None:
    empty: PhraseMatcher[int] = PhraseMatcher([])
    assert empty.find("anything") == []
    assert not empty.search("anything")


def test_phrase_empty_after_normalising_is_rejected() -> None:
    with pytest.raises(ValueError, match="empty"):
        PhraseMatcher([("   ", 1)])
