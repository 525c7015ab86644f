"""'Can't make it' end to end through the stand-in: the reminder's button (in the group channel
and by DM), its undo, `/session absent` with a reason, the moderator's one DM as the session
opens, and no missed-session note for an excused week."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import Kindred
from tests.integration.test_cohorts import channel_of, cog, enrolling, join, run_until

START = datetime(2026, 10, 6, 22, 0, tzinfo=UTC)  # week 1 of "Autumn"


def absent_button(message: dict) -> str:
    ids = [
        c["custom_id"]
        for row in message["components"]
        for c in row["components"]
        if c.get("custom_id", "").startswith("cohort:absent:")
    ]
    assert ids, message["components"]
    return ids[0]


async def test_the_reminder_button_marks_the_week_and_undo_takes_it_back(kindred: Kindred) -> None:
    await enrolling(kindred)
    w = kindred.world
    asha = w.member("Asha")
    await join(kindred, asha, "newly diagnosed")
    await run_until(kindred, START - timedelta(hours=24))
    reminder = kindred.driver.sent_to_channel(channel_of(kindred, 1))[-1]
    assert "starts tomorrow" in reminder["content"]
    marked = await kindred.driver.click(asha, reminder, absent_button(reminder))
    assert marked.ephemeral
    assert "can't make week 1" in marked.text
    assert "won't count as a missed session" in marked.text
    found = await cog(kindred).repo.by_name(w.guild.id, "Autumn")
    assert await cog(kindred).repo.absences(found.id) == {asha.id: {1}}
    undo = next(
        c["custom_id"]
        for row in marked.message["components"]
        for c in row["components"]
        if c["label"] == "I can make it after all"
    )
    undone = await kindred.driver.click(asha, marked, undo)
    assert "can make week 1" in undone.text
    assert await cog(kindred).repo.absences(found.id) == {}


async def test_someone_outside_the_group_cannot_use_its_reminder(kindred: Kindred) -> None:
    await enrolling(kindred)
    w = kindred.world
    await join(kindred, w.member("Asha"), "newly diagnosed")
    await run_until(kindred, START - timedelta(hours=24))
    reminder = kindred.driver.sent_to_channel(channel_of(kindred, 1))[-1]
    refused = await kindred.driver.click(w.member("Isla"), reminder, absent_button(reminder))
    assert refused.ephemeral
    assert "another group" in refused.text


async def test_the_dm_reminder_has_the_button_too(kindred: Kindred) -> None:
    await enrolling(kindred)
    asha = kindred.world.member("Asha")
    await join(kindred, asha, "newly diagnosed")
    await kindred.driver.command(asha, "reminders", {"by_dm": True})
    await run_until(kindred, START - timedelta(hours=24))
    dm = next(m for m in reversed(kindred.driver.dms_to(asha)) if "Reminder" in m["content"])
    marked = await kindred.driver.click(asha, dm, absent_button(dm))
    assert "can't make week 1" in marked.text


async def test_session_absent_tells_the_moderator_when_it_opens_and_is_not_missed(
    kindred: Kindred,
) -> None:
    await enrolling(kindred)
    w = kindred.world
    asha, ben, maya = w.member("Asha"), w.member("Ben"), w.member("Maya")
    await join(kindred, asha, "newly diagnosed")
    await join(kindred, ben, "newly diagnosed")
    for week in (1, 2):
        done = await kindred.driver.command(
            asha, "session absent", {"week": week, "reason": "relapse, resting this fortnight"}
        )
        assert done.ephemeral
        assert f"can't make week {week}" in done.content
    before = len(kindred.driver.dms_to(maya))
    await run_until(kindred, START)
    notes = kindred.driver.dms_to(maya)[before:]
    assert len(notes) == 1, "one DM to the moderator as the session opens"
    assert f"<@{asha.id}>: “relapse, resting this fortnight”" in notes[0]["content"]
    assert f"<@{ben.id}>" not in notes[0]["content"]
    group_posts = " ".join(
        m["content"] for m in kindred.driver.sent_to_channel(channel_of(kindred, 1))
    )
    assert "relapse" not in group_posts, "the reason is for the moderator only"
    # Weeks 1 and 2 end: Ben missed both without a word and gets a kind outreach note; Asha
    # said she couldn't make them, so there is none about her.
    await run_until(kindred, START + timedelta(hours=1))
    await run_until(kindred, START + timedelta(days=7, hours=1))
    dms = [m["content"] for m in kindred.driver.dms_to(maya)[before:]]
    outreach = [text for text in dms if text.startswith("A gentle heads-up")]
    assert any(f"<@{ben.id}>" in text for text in outreach)
    assert not any(f"<@{asha.id}>" in text for text in outreach)
    report = await kindred.driver.command(w.coordinator, "cohort report", {"cohort": "Autumn"})
    per_week = next(f for f in report.message["embeds"][0]["fields"] if "Attendance" in f["name"])
    assert "week 1: 0/2, 1 excused" in per_week["value"]


async def test_a_member_without_a_group_is_told_kindly(kindred: Kindred) -> None:
    await enrolling(kindred)
    done = await kindred.driver.command(kindred.world.member("Isla"), "session absent", {})
    assert done.ephemeral
    assert "not in a running group" in done.content
