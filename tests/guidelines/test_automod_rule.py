"""Kindred's own AutoMod rule for slurs (cogs/guidelines/automod_rule.py), on invented lists."""

from __future__ import annotations

from typing import Any

import pytest

from bot import DataFiles
from cogs.admin.automod import Rule as AutoModRule
from cogs.admin.automod import blocked_by, crisis_blockers, plain_phrases
from cogs.guidelines.automod_rule import (
    CUSTOM_MESSAGE,
    MAX_ALLOW_LIST,
    MAX_CUSTOM_MESSAGE,
    MAX_KEYWORD_CHARS,
    MAX_KEYWORDS,
    RULE_NAME,
    Words,
    crisis_flags,
    find_own,
    lexicon_phrases,
    plain_keyword,
    plan,
    rule_payload,
    select_words,
    slur_phrases,
)
from cogs.guidelines.rules import Rule

BOT = 900
STAFF = 50

# An invented crisis lexicon: what the screen flags, and its phrases.
CRISIS_PHRASES = ("want to die", "kill myself", "end it all", "no reason to live")


def flags(text: str) -> bool:
    return any(p in text for p in ("die", "kill myself", "end it"))


def words(phrases: list[str], excepts: list[str] | None = None) -> Words:
    return select_words(phrases, excepts or [], flags_crisis=flags, crisis_phrases=CRISIS_PHRASES)


def rule(rid: str, phrases: list[str], *, label: str = "toxic", **kw: Any) -> Rule:
    return Rule(id=rid, label=label, phrases=tuple(phrases), **kw)


# --- the words --------------------------------------------------------------------------------


def test_only_the_slur_rules_give_words() -> None:
    rules = [
        rule("toxic.slur", ["zorb*", "blat"], except_=("zorbing season",)),
        rule("toxic.slur.local", ["quib"]),
        rule("toxic.contempt", ["go away"]),
        rule("toxic.slurry", ["mud"]),
        rule("comparing.me_too", ["zorb"], label="comparing"),
        rule("toxic.slur.off", ["snarf"], enabled=False),
    ]
    phrases, excepts = slur_phrases(rules)
    assert phrases == ("zorb*", "blat", "quib")
    assert excepts == ("zorbing season",)


@pytest.mark.parametrize(
    ("phrase", "keyword"),
    [
        ("Zorb", "zorb"),
        ("zorb*", "zorb*"),
        ("porch  zorb*", "porch zorb*"),
        ("you\u2019re a zorb", "you're a zorb"),
        ("half-zorb", "half-zorb"),
    ],
)
def test_plain_phrases_become_discord_keywords(phrase: str, keyword: str) -> None:
    assert plain_keyword(phrase) == keyword


@pytest.mark.parametrize("phrase", ["*zorb", "zo*rb", "@insults", "zorb!", "z.o.r.b", "", " "])
def test_phrases_a_keyword_filter_cannot_say_are_left_out(phrase: str) -> None:
    assert plain_keyword(phrase) is None
    chosen = words([phrase, "blat"])
    assert chosen.keywords == ("blat",)


def test_a_phrase_the_crisis_screen_flags_is_never_a_keyword() -> None:
    chosen = words(["blat", "kill myself", "i could die"])
    assert chosen.keywords == ("blat",)
    assert dict(chosen.left_out) == {"kill myself": "crisis", "i could die": "crisis"}


@pytest.mark.parametrize("keyword", ["want*", "all", "reason", "no reason to*", "end*"])
def test_a_keyword_that_would_block_a_crisis_phrase_is_left_out(keyword: str) -> None:
    chosen = words([keyword, "blat"])
    assert chosen.keywords == ("blat",)
    assert dict(chosen.left_out) == {keyword: "blocks crisis phrase"}


def test_a_keyword_inside_a_crisis_word_but_not_a_whole_word_is_kept() -> None:
    # "liv" is not a word of "no reason to live" (Discord matches whole words without *).
    assert words(["liv"]).keywords == ("liv",)


def test_discords_limits_hold() -> None:
    many = [f"zorb{i}" for i in range(MAX_KEYWORDS + 5)] + ["z" * (MAX_KEYWORD_CHARS + 1)]
    excepts = [f"nice zorb{i}" for i in range(MAX_ALLOW_LIST + 5)]
    chosen = words(many, excepts)
    assert len(chosen.keywords) == MAX_KEYWORDS
    assert len(chosen.allow_list) == MAX_ALLOW_LIST
    reasons = [why for _, why in chosen.left_out]
    assert reasons.count("over the limit") == 5
    assert reasons.count("too long") == 1
    assert len(CUSTOM_MESSAGE) <= MAX_CUSTOM_MESSAGE


def test_the_same_keyword_twice_is_kept_once() -> None:
    assert words(["Blat", "blat", "BLAT"]).keywords == ("blat",)


# --- the rule ---------------------------------------------------------------------------------


def test_the_rule_blocks_with_the_guidelines_message_and_exempts_the_staff_channel() -> None:
    payload = rule_payload(words(["zorb*", "blat"], ["zorbing season"]), STAFF)
    assert payload["name"] == RULE_NAME
    assert payload["trigger_type"] == 1  # keyword
    assert payload["event_type"] == 1  # message send
    assert payload["trigger_metadata"]["keyword_filter"] == ["zorb*", "blat"]
    assert payload["trigger_metadata"]["allow_list"] == ["zorbing season"]
    assert payload["actions"] == [{"type": 1, "metadata": {"custom_message": CUSTOM_MESSAGE}}]
    assert payload["exempt_channels"] == [str(STAFF)]
    assert "guidelines" in CUSTOM_MESSAGE


def existing(rid: int = 7, **changes: Any) -> dict[str, Any]:
    """Kindred's rule as Discord returns it (with ``changes`` made by hand)."""
    data = {"id": str(rid), "creator_id": str(BOT), "guild_id": "1"}
    data.update(rule_payload(words(["zorb*", "blat"]), STAFF))
    data.update(changes)
    return data


def test_on_and_missing_creates_it() -> None:
    step = plan(True, None, words(["zorb*", "blat"]), STAFF)
    assert step.action == "create"
    assert step.payload["trigger_metadata"]["keyword_filter"] == ["zorb*", "blat"]


def test_on_and_matching_keeps_it() -> None:
    step = plan(True, existing(), words(["blat", "zorb*"]), STAFF)
    assert (step.action, step.rule_id) == ("keep", 7)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"trigger_metadata": {"keyword_filter": ["blat"]}}, "keyword_filter"),
        ({"actions": [{"type": 2, "metadata": {"channel_id": "5"}}]}, "actions"),
        ({"actions": [{"type": 1, "metadata": {"custom_message": "Nope."}}]}, "actions"),
        ({"enabled": False}, "enabled"),
        ({"name": "Slurs"}, "name"),
        ({"exempt_channels": []}, "exempt_channels"),
    ],
)
def test_a_rule_changed_by_hand_is_put_back(changes: dict[str, Any], field: str) -> None:
    wanted = words(["zorb*", "blat"])
    step = plan(True, existing(**changes), wanted, STAFF)
    assert step.action == "update"
    assert step.rule_id == 7
    assert field in step.drift
    assert step.payload["trigger_metadata"]["keyword_filter"] == list(wanted.keywords)
    assert step.payload["actions"] == rule_payload(wanted, STAFF)["actions"]
    assert "trigger_type" not in step.payload  # Discord never changes a rule's trigger


def test_channels_an_admin_exempted_stay_exempt() -> None:
    step = plan(True, existing(exempt_channels=["60"]), words(["zorb*", "blat"]), STAFF)
    assert step.action == "update"
    assert step.payload["exempt_channels"] == [str(STAFF), "60"]
    kept = plan(True, existing(exempt_channels=["60", str(STAFF)]), words(["zorb*", "blat"]), STAFF)
    assert kept.action == "keep"


def test_new_words_in_the_rules_files_update_the_rule() -> None:
    step = plan(True, existing(), words(["zorb*", "blat", "quib"]), STAFF)
    assert step.action == "update"
    assert step.drift == ("keyword_filter",)


def test_off_deletes_it_and_off_without_one_does_nothing() -> None:
    assert plan(False, existing(), words(["blat"]), STAFF).action == "delete"
    assert plan(False, None, words(["blat"]), STAFF).action == "none"


def test_kindreds_rule_is_found_by_its_id_else_by_name_and_maker() -> None:
    mine = existing(7)
    other = {"id": "8", "name": RULE_NAME, "creator_id": "123"}  # someone copied the name
    assert find_own([other, mine], 7, BOT) is mine
    assert find_own([other, mine], None, BOT) is mine  # made just before a crash
    assert find_own([other], 7, BOT) is None  # deleted by hand
    assert find_own([other, existing(9)], 7, BOT)["id"] == "9"


# --- with the shipped rules and lexicon -------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(data_files: DataFiles) -> Words:
    phrases, excepts = slur_phrases(data_files.guidelines.ruleset.rules)
    return select_words(
        phrases,
        excepts,
        flags_crisis=crisis_flags(data_files.crisis),
        crisis_phrases=lexicon_phrases(data_files.crisis.lexicon),
    )


def test_the_shipped_slur_list_gives_a_rule_within_discords_limits(shipped: Words) -> None:
    assert 20 <= len(shipped.keywords) <= MAX_KEYWORDS
    assert all(len(k) <= MAX_KEYWORD_CHARS for k in shipped.keywords)
    assert len(shipped.allow_list) <= MAX_ALLOW_LIST


def test_no_shipped_keyword_is_flagged_by_the_crisis_screen(
    shipped: Words, data_files: DataFiles
) -> None:
    for keyword in shipped.keywords:
        assert data_files.crisis.screen(keyword.rstrip("*")).level == 0, keyword


def test_the_shipped_rule_blocks_no_crisis_phrase(shipped: Words, data_files: DataFiles) -> None:
    rule = AutoModRule.from_payload({"id": 1, **rule_payload(shipped, STAFF)})
    every = lexicon_phrases(data_files.crisis.lexicon)
    assert [p for p in every if blocked_by(rule, p)] == []
    # So /setup show never warns about Kindred's own rule.
    assert crisis_blockers([rule], plain_phrases(data_files.crisis.lexicon)) == []
