"""Helpers the integration tests share."""

from __future__ import annotations

from tests.conftest import Kindred


async def configure(k: Kindred, **overrides: object) -> None:
    """/setup the demo server the way a coordinator would, and align the stand-in's clock."""
    k.fake.now = k.clock.now  # the stand-in judges "in the past" by the test's clock
    w = k.world
    options: dict[str, object] = {
        "moderator_role": w.roles["moderator"],
        "coordinator_role": w.roles["coordinator"],
        "oncall_role": w.roles["oncall"],
        "backup_role": w.roles["backup"],
        "staff_channel": w.channels["staff"],
        "country": "IN",
    }
    options.update(overrides)
    result = await k.driver.command(w.owner, "setup set", options)
    assert "Saved" in result.content, result.content


async def agree_and_join(k: Kindred, member: object, answers: dict[str, str]) -> str:
    """/join as a member does it: agree to what Kindred keeps, then send the join form with
    ``answers`` (focus, timezone, checkins, language; consent is the button). The reply text."""
    shown = await k.driver.command(member, "join", {})
    opened = await k.driver.click(member, shown, "cohort:agree")
    assert opened.modal is not None, opened.content
    done = await k.driver.submit_modal(member, opened, answers)
    return done.text
