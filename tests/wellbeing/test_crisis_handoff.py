"""A self-harm answer's hand-off to the crisis lane: the one keyword API, and never silent."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from cogs.wellbeing._crisis import open_crisis_cases
from cogs.wellbeing.service import CrisisHandOff

HAND_OFF = CrisisHandOff(
    request_id=7, guild_id=1, user_id=11, level="urgent", reason="PHQ-9 item 9 answered"
)


class RecordingLane:
    """Stands in for ``CrisisService``: records each call, returns a case."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    async def open_and_respond(self, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        return SimpleNamespace(id=42)


def bot(crisis: object) -> Any:
    return SimpleNamespace(services=SimpleNamespace(lanes=SimpleNamespace(crisis=crisis)))


async def test_the_crisis_lane_gets_the_member_level_and_reason_with_no_message() -> None:
    lane = RecordingLane()
    await open_crisis_cases(bot(lane), [HAND_OFF])
    assert lane.calls == [
        {
            "guild_id": 1,
            "user_id": 11,
            "channel_id": None,
            "message_id": None,
            "source": "wellbeing",
            "level": "urgent",
            "rules": ("phq9_item9",),
            "reason": "PHQ-9 item 9 answered",
            "excerpt": None,
        }
    ]
