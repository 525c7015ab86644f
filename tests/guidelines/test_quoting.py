"""Members' words that moderators read are quoted safely: no links, pings or formatting."""

from __future__ import annotations

from datetime import UTC, datetime

from cogs.guidelines import messages
from tests.builders import a_hidden_message, an_infraction

NOW = datetime(2026, 12, 4, 20, 0, tzinfo=UTC)


def test_a_hidden_copy_in_mod_history_shows_no_live_link_or_mention() -> None:
    infraction = an_infraction(
        id=1,
        user_id=5,
        kind="hidden",
        label="toxic",
        points=2,
        reason="toxic",
        actor_id=None,
        created_at=NOW,
    )
    copy = a_hidden_message(
        id=1,
        channel_id=3,
        user_id=5,
        message_id=9,
        rule="toxic",
        content="you idiot @everyone [click](https://evil.example/x) <@123>",
        infraction_id=1,
        hidden_at=NOW,
    )
    text = messages.history(5, [infraction], {1: copy}, 2, NOW, opted_out=False)
    assert "evil.example" in text
    for live in ("https://", "](", "@everyone", "<@123>"):
        assert live not in text
