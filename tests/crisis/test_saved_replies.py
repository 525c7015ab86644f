"""Saved replies for the crisis relay: the shipped file, a server's own, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cogs.crisis.replies import DEFAULT_PATH, load_replies
from config.errors import ConfigError


def test_the_shipped_replies_load_and_fill_in() -> None:
    replies = load_replies()
    assert {"safety_plan", "helplines", "with_you_soon"} <= {r.name for r in replies.replies}
    soon = replies.get("with_you_soon")
    assert soon is not None
    assert soon.needs_minutes
    text = soon.render(helplines="", emergency="**112**", minutes=5)
    assert "about 5 minutes" in text
    assert "**112**" in text


def test_a_servers_file_replaces_by_name_and_adds(tmp_path: Path) -> None:
    own = tmp_path / "relay_replies.toml"
    own.write_text(
        '[[reply]]\nname = "are_you_safe"\nlabel = "Safe?"\ntext = "Are you safe, friend?"\n'
        '[[reply]]\nname = "local_group"\nlabel = "Our peer line"\ntext = "Call 0800 123."\n',
        encoding="utf-8",
    )
    replies = load_replies([DEFAULT_PATH, own])
    safe = replies.get("are_you_safe")
    assert safe is not None
    assert safe.text == "Are you safe, friend?"
    assert replies.get("local_group") is not None
    assert replies.get("safety_plan") is not None


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('name = "x"\nlabel = "X"\ntext = "Hi {name}"', "unknown placeholder {name}"),
        ('name = "Bad Name"\nlabel = "X"\ntext = "Hi"', "lowercase letters"),
        ('name = "x"\nlabel = "X"', "needs a non-empty text `text`"),
        ('name = "x"\nlabel = "X"\ntext = "Hi"\ncolour = "red"', "unknown key `colour`"),
    ],
)
def test_mistakes_name_the_file_and_line(tmp_path: Path, body: str, problem: str) -> None:
    path = tmp_path / "relay_replies.toml"
    path.write_text(f"# mine\n\n[[reply]]\n{body}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_replies([path])
    message = str(raised.value)
    assert problem in message
    assert "relay_replies.toml" in message
    assert ":3" in message or "line 3" in message
