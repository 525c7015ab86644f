"""Which AutoMod rules would block crisis phrases (cogs/admin/automod.py), on invented rules."""

from __future__ import annotations

from typing import Any

import pytest

from bot import DataFiles
from cogs.admin.automod import (
    BLOCK_MESSAGE,
    KEYWORD,
    KEYWORD_PRESET,
    SEND_ALERT_MESSAGE,
    Rule,
    alert_only_actions,
    blocked_by,
    crisis_blockers,
    exempt_channels_plan,
    keyword_matches,
    plain_phrases,
)

BLOCK = {"type": BLOCK_MESSAGE, "metadata": {}}
TIMEOUT = {"type": 3, "metadata": {"duration_seconds": 60}}


def payload(
    name: str = "Words",
    *,
    trigger: int = KEYWORD,
    keywords: list[str] | None = None,
    regexes: list[str] | None = None,
    allow: list[str] | None = None,
    presets: list[int] | None = None,
    actions: list[dict[str, Any]] | None = None,
    enabled: bool = True,
    exempt: list[int] | None = None,
    rid: int = 11,
) -> dict[str, Any]:
    return {
        "id": str(rid),
        "guild_id": "1",
        "name": name,
        "creator_id": "2",
        "event_type": 1,
        "trigger_type": trigger,
        "trigger_metadata": {
            "keyword_filter": keywords or [],
            "regex_patterns": regexes or [],
            "allow_list": allow or [],
            "presets": presets or [],
        },
        "actions": [BLOCK] if actions is None else actions,
        "enabled": enabled,
        "exempt_roles": [],
        "exempt_channels": [str(c) for c in exempt or []],
    }


def rule(**kwargs: Any) -> Rule:
    return Rule.from_payload(payload(**kwargs))


# --- Discord's keyword semantics --------------------------------------------------------------

KEYWORD_CASES = [
    # keyword, text, matches
    ("gloom", "so much Gloom today", True),  # whole word, any case
    ("gloom", "gloomy skies", False),  # whole word only
    ("gloom*", "gloomy skies", True),  # prefix
    ("gloom*", "the ungloomy", False),
    ("*gloom", "the ungloom", True),  # suffix
    ("*gloom", "gloomy", False),
    ("*gloom*", "ungloomy", True),  # anywhere
    ("grey day", "another grey   day here", True),  # a phrase, any spacing
    ("grey day", "grey daylight", False),
]


@pytest.mark.parametrize(("keyword", "text", "expected"), KEYWORD_CASES)
def test_keywords_match_as_discord_documents(keyword: str, text: str, expected: bool) -> None:
    assert bool(keyword_matches(keyword, text)) is expected


def test_an_allow_list_entry_exempts_what_it_covers() -> None:
    strict = rule(keywords=["*gloom*"], allow=["gloomhaven"])
    assert blocked_by(strict, "playing gloomhaven tonight") is None
    assert blocked_by(strict, "gloomhaven then gloom") == "*gloom*"  # the second one is not


def test_a_regex_blocks_case_insensitively() -> None:
    pattern = r"gr[e3]y\s+d[a4]y"
    assert blocked_by(rule(regexes=[pattern]), "A GR3Y D4Y") == pattern


def test_presets_are_not_judged_word_by_word() -> None:
    assert blocked_by(rule(trigger=KEYWORD_PRESET, presets=[1]), "anything") is None


# --- which rules would block crisis phrases ---------------------------------------------------

PHRASES = ("want to die", "end it all tonight", "feel hopeless")


def test_a_blocking_keyword_rule_is_named_with_the_phrase_it_blocks() -> None:
    found = crisis_blockers([rule(name="No dark talk", keywords=["*die*"])], PHRASES)
    assert len(found) == 1
    assert found[0].rule.name == "No dark talk"
    assert found[0].kind == "keyword"
    assert found[0].phrases == ("want to die",)
    assert found[0].caught_by == "*die*"


@pytest.mark.parametrize(
    "quiet",
    [
        pytest.param(rule(keywords=["*die*"], enabled=False), id="disabled"),
        pytest.param(
            rule(keywords=["*die*"], actions=[{"type": SEND_ALERT_MESSAGE}]), id="alert-only"
        ),
        pytest.param(rule(keywords=["dice"]), id="matches no crisis phrase"),
        pytest.param(rule(keywords=["*die*"], allow=["want to die"]), id="allow-listed"),
        pytest.param(rule(keywords=["*die*"], exempt=[5, 6]), id="group channels exempt"),
        pytest.param(rule(trigger=3), id="spam rule"),
    ],
)
def test_rules_that_block_no_crisis_phrase_where_groups_talk_are_not_reported(quiet: Rule) -> None:
    assert crisis_blockers([quiet], PHRASES, group_channels=[5, 6]) == []


def test_exempting_only_some_group_channels_is_not_enough() -> None:
    found = crisis_blockers([rule(keywords=["*die*"], exempt=[5])], PHRASES, group_channels=[5, 6])
    assert [f.rule.id for f in found] == [11]


def test_a_blocking_preset_rule_may_block_crisis_words() -> None:
    found = crisis_blockers([rule(trigger=KEYWORD_PRESET, presets=[1, 3])], PHRASES)
    assert [(f.kind, f.phrases) for f in found] == [("preset", ())]


def test_a_regex_python_cannot_read_is_reported_as_not_checked() -> None:
    found = crisis_blockers([rule(regexes=[r"\p{Greek}+(?<name"])], PHRASES)
    assert [(f.kind, f.caught_by) for f in found] == [("unreadable", r"\p{Greek}+(?<name")]


def test_plain_phrases_are_the_lexicons_alerting_phrases(data_files: DataFiles) -> None:
    phrases = plain_phrases(data_files.crisis.lexicon)
    assert "suicidal" in phrases
    assert "kill myself" in phrases
    assert len(phrases) == len(set(phrases))
    found = crisis_blockers([rule(keywords=["suicid*"])], phrases)
    assert found
    assert found[0].phrases[0] == "suicidal"


# --- the fixes --------------------------------------------------------------------------------


def test_alert_only_keeps_only_alerts_and_adds_the_staff_channel() -> None:
    alert = {"type": SEND_ALERT_MESSAGE, "metadata": {"channel_id": "9"}}
    assert alert_only_actions([BLOCK, TIMEOUT, alert], 7) == [alert]
    assert alert_only_actions([BLOCK, TIMEOUT], 7) == [
        {"type": SEND_ALERT_MESSAGE, "metadata": {"channel_id": "7"}}
    ]


def test_alert_only_without_a_staff_channel_or_alert_is_not_possible() -> None:
    assert alert_only_actions([BLOCK], None) is None


def test_exempting_group_channels_adds_to_what_is_exempt_up_to_discords_limit() -> None:
    assert exempt_channels_plan(rule(exempt=[3]), [5, 3]) == [3, 5]
    assert exempt_channels_plan(rule(exempt=list(range(49))), [100, 101]) is None
