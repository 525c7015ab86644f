"""Loading and checking guideline rules files."""

from __future__ import annotations

from pathlib import Path

import pytest

from cogs.guidelines.rules import LABELS, default_rules_path, load_rules
from cogs.guidelines.screen import GuidelineScreen
from config.errors import ConfigError

MINIMAL = """
version = 1
[labels.minimizing]
reason = "r"
suggestion = "That sounds {feeling}."
[labels.comparing]
reason = "r"
suggestion = "s"
[labels.unsolicited_advice]
reason = "r"
suggestion = "s"
[labels.toxic]
reason = "r"
[labels.privacy]
reason = "r"
[lists]
fixes = ["keto", "yoga"]
"""


def write(tmp_path: Path, body: str, name: str = "rules.toml") -> Path:
    path = tmp_path / name
    path.write_text(MINIMAL + body, encoding="utf-8")
    return path


def test_shipped_rules_load() -> None:
    ruleset = load_rules([default_rules_path()])
    assert ruleset.active_rules
    assert {rule.label for rule in ruleset.rules} <= set(LABELS)
    ids = [rule.id for rule in ruleset.rules]
    assert len(ids) == len(set(ids))
    for rule in ruleset.rules:
        assert rule.path == ("abuse" if rule.label in {"toxic", "privacy"} else "coach")
        if rule.path == "abuse":
            assert rule.suggestion == ""


def test_list_references_expand(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[rule]]\nid = "a"\nlabel = "unsolicited_advice"\nphrases = ["try"]\n'
        'near = ["@fixes"]\nwithin = 20\nside = "after"\n',
    )
    rule = load_rules([path]).rules[0]
    assert rule.near == ("keto", "yoga")
    screen = GuidelineScreen.load([path])
    assert [h.rule for h in screen.screen("try keto")] == ["a"]
    assert screen.screen("try again tomorrow") == []


def test_unknown_key_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[[rule]]\nid = "a"\nlabel = "toxic"\nphrase = ["x"]\n')
    with pytest.raises(ConfigError) as info:
        load_rules([path])
    err = info.value
    assert err.path == path
    assert err.line == MINIMAL.count("\n") + 1
    assert "phrase" in err.problem


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ('[[rule]]\nid = "a"\nlabel = "rude"\nphrases = ["x"]\n', "label"),
        ('[[rule]]\nlabel = "toxic"\nphrases = ["x"]\n', "needs an id"),
        ('[[rule]]\nid = "a"\nlabel = "toxic"\n', "needs phrases"),
        ('[[rule]]\nid = "a"\nlabel = "toxic"\nphrases = ["x*y"]\n', "not at the end"),
        ('[[rule]]\nid = "a"\nlabel = "toxic"\nphrases = ["x"]\nnear = ["@nope"]\n', "@nope"),
        ('[[rule]]\nid = "a"\nlabel = "toxic"\nphrases = ["x"]\nwithin = 10\n', "within"),
        (
            '[[rule]]\nid = "a"\nlabel = "toxic"\nphrases = ["x"]\nnear = ["y"]\nwithin = -1\n',
            "above 0",
        ),
        (
            '[[rule]]\nid = "a"\nlabel = "toxic"\nphrases = ["x"]\nnear = ["y"]\nside = "up"\n',
            "side",
        ),
        ('[[rule]]\nid = "a"\nlabel = "toxic"\nphrases = "x"\n', "list"),
        (
            '[[rule]]\nid = "a"\nlabel = "toxic"\nphrases = ["x"]\n[[rule]]\nid = "a"\nlabel = "toxic"\nphrases = ["y"]\n',
            "twice",
        ),
        ('[privacy]\nsafe_numbers = ["116 123"]\n', "digits only"),
        ("[rules]\nx = 1\n", "unknown section"),
    ],
)
def test_problems_are_reported_kindly(tmp_path: Path, body: str, fragment: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_rules([path])
    assert fragment in str(info.value)
    assert str(path) in str(info.value)


def test_missing_label_copy(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text('[[rule]]\nid = "a"\nlabel = "toxic"\nphrases = ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[labels\.minimizing\]"):
        load_rules([path])


def test_syntax_error_names_line(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text('version = 1\n[[rule]\nid = "a"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_rules([path])
    assert info.value.line == 2


def test_missing_file() -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_rules([Path("/nonexistent/guideline_rules.toml")])


def test_extension_merges_lists_and_overrides_rules(tmp_path: Path) -> None:
    base = write(
        tmp_path,
        '[[rule]]\nid = "a"\nlabel = "unsolicited_advice"\nphrases = ["try"]\nnear = ["@fixes"]\n',
    )
    extra = tmp_path / "server.toml"
    extra.write_text(
        '[lists]\nfixes = ["fasting"]\n[[rule]]\nid = "a"\nreason = "Local wording."\n',
        encoding="utf-8",
    )
    ruleset = load_rules([base, extra])
    (rule,) = ruleset.rules
    assert rule.near == ("keto", "yoga", "fasting")
    assert rule.reason == "Local wording."
    assert rule.label == "unsolicited_advice"


def test_builtin_privacy_pattern_can_be_switched_off(tmp_path: Path) -> None:
    extra = tmp_path / "server.toml"
    extra.write_text('[[rule]]\nid = "privacy.phone"\nenabled = false\n', encoding="utf-8")
    screen = GuidelineScreen.load([default_rules_path(), extra])
    assert screen.screen("call 07911 123456") == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("bueno, no es para tanto", "minimizing"),
        ("al menos tienes trabajo", "minimizing"),
        ("itna bhi bura nahi hai yaar", "minimizing"),
        ("kam se kam tum chal sakti ho", "minimizing"),
        ("इतना भी बुरा नहीं है", "minimizing"),
        ("eres un idiota", "toxic"),
        ("tu bewakoof hai kya", "toxic"),
        ("तुम चूतिया हो", "toxic"),
    ],
)
def test_spanish_hindi_and_hinglish_replies_are_screened(text: str, label: str) -> None:
    screen = GuidelineScreen.load_default()
    assert label in {h.label for h in screen.screen(text)}


@pytest.mark.parametrize(
    "text",
    [
        "qué difícil, te entiendo",
        "pinche esclerosis, me tiene harta",
        "bahut mushkil hai, main samajhti hoon",
        "यह सच में मुश्किल है, मैं समझती हूं",
    ],
)
def test_warm_replies_and_swearing_at_ms_are_left_alone(text: str) -> None:
    assert GuidelineScreen.load_default().screen(text) == []
