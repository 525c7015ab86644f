"""The one error handler: every user gets a private answer; surprises get an incident id."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any

import pytest
from discord import app_commands

from cogs.utils.checks import NotAllowed
from cogs.utils.errors import InvalidInput, SettingMissing
from cogs.utils.tree import answer_error, message_for


class FakeResponse:
    def __init__(self, done: bool) -> None:
        self.done = done
        self.sent: list[tuple[str | None, dict[str, Any]]] = []

    def is_done(self) -> bool:
        return self.done

    async def send_message(self, content: str | None = None, **kwargs: Any) -> None:
        self.sent.append((content, kwargs))


class FakeFollowup:
    def __init__(self) -> None:
        self.sent: list[tuple[str | None, dict[str, Any]]] = []

    async def send(self, content: str | None = None, **kwargs: Any) -> None:
        self.sent.append((content, kwargs))


def interaction(done: bool = False) -> Any:
    return SimpleNamespace(
        response=FakeResponse(done),
        followup=FakeFollowup(),
        command=SimpleNamespace(qualified_name="setup set"),
        guild_id=1,
        user=SimpleNamespace(id=2),
        id=3,
    )


def test_user_facing_errors_are_shown_as_they_are() -> None:
    text, incident = message_for(InvalidInput("Use a time like 18:00."))
    assert text == "Use a time like 18:00."
    assert incident is None


def test_a_missing_setting_names_the_setup_option() -> None:
    text, _ = message_for(SettingMissing("staff channel", "staff_channel"))
    assert "`/setup set staff_channel:`" in text


def test_check_failures_explain_themselves() -> None:
    text, _ = message_for(NotAllowed("This command is for the moderators of this server."))
    assert text == "This command is for the moderators of this server."


def test_errors_wrapped_by_discord_are_unwrapped() -> None:
    command = SimpleNamespace(name="x", qualified_name="x")
    wrapped = app_commands.CommandInvokeError(command, InvalidInput("Pick a role."))  # type: ignore[arg-type]
    assert message_for(wrapped)[0] == "Pick a role."


def test_unexpected_errors_get_a_calm_message_with_an_incident_id() -> None:
    text, incident = message_for(RuntimeError("database is locked"))
    assert incident is not None
    assert incident in text
    assert "database is locked" not in text
    assert "Nothing you wrote was lost" in text


async def test_the_incident_id_is_also_in_the_log_with_the_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    target = interaction()
    with caplog.at_level(logging.ERROR):
        await answer_error(target, RuntimeError("boom"))
    content, kwargs = target.response.sent[0]
    assert kwargs["ephemeral"] is True
    incident = content.split("`")[1]
    record = next(r for r in caplog.records if incident in r.getMessage())
    assert record.exc_info is not None


async def test_an_already_answered_interaction_gets_a_private_follow_up() -> None:
    target = interaction(done=True)
    await answer_error(target, InvalidInput("Try again with a date."))
    assert target.response.sent == []
    [(content, kwargs)] = target.followup.sent
    assert content == "Try again with a date."
    assert kwargs["ephemeral"] is True
    assert kwargs["allowed_mentions"].to_dict()["parse"] == []  # a private answer pings nobody
