"""The demo's cohort scene: a coordinator creates a cohort, members join, a session runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sandbox.driver import Driver
from sandbox.world import World


async def scene_cohort(driver: Driver, world: World, t: Any) -> None:
    """Record the moderator's profile, create, open enrolment, join with consent (the reply names
    the moderator), reminder, theme post (week 1 explains IER and introduces the moderator),
    attendance (a post and a voice call), report."""
    t.scene("2. A 12-week cohort: create, enrol, run a session")
    clock = driver.bot.services.clock
    jobs = driver.bot.services.jobs
    priya, asha, ben = world.coordinator, world.member("Asha"), world.member("Ben")
    staff = world.channels["staff"]

    options = {
        "name": "Winter circle",
        "start": "2026-11-24",
        "day": "Tuesday",
        "time": "18:00",
        "timezone": "Asia/Kolkata",
        "focus": "newly_diagnosed",
        "moderator": world.member("Maya"),
    }
    profile = {
        "member": world.member("Maya"),
        "role": "peer_facilitator",
        "languages": "English, Hindi",
        "bio": "Living with MS since 2015; trained to facilitate peer groups.",
    }
    t.line(
        "Priya",
        "#staff-alerts",
        "/moderator profile member:@Maya role:Trained peer facilitator languages:English, Hindi "
        f"bio:{profile['bio']}",
    )
    t.result("Priya", await driver.command(priya, "moderator profile", profile, channel=staff))
    t.line(
        "Priya",
        "#staff-alerts",
        "/cohort create name:Winter circle start:2026-11-24 day:Tuesday time:18:00 "
        "timezone:Asia/Kolkata focus:newly_diagnosed moderator:@Maya",
    )
    t.result("Priya", await driver.command(priya, "cohort create", options, channel=staff))
    t.line("Priya", "#staff-alerts", "/cohort start cohort:Winter circle")
    t.result(
        "Priya",
        await driver.command(priya, "cohort start", {"cohort": "Winter circle"}, channel=staff),
    )

    for person in (asha, ben):
        name = person.user["username"]
        t.line(name, "#general", "/join")
        shown = await driver.command(person, "join", {}, channel=world.channels["general"])
        if shown.message is None or not shown.components:
            t.result(name, shown)
            continue
        if person is asha:
            t.result(name, shown)  # what Kindred keeps, before anything is stored
        else:
            t.note(f"{name} sees the same summary of what Kindred keeps.")
        t.line(name, "#general", "(taps “I agree, continue”)")
        opened = await driver.click(person, shown, "cohort:agree")
        if opened.modal:
            t.note(f"{name} sees the join form: {opened.modal['title']!r}.")
            done = await driver.submit_modal(
                person, opened, {"focus": "newly diagnosed", "checkins": "yes"}
            )
            t.result(name, done)

    group_channel = next(
        c
        for c in driver.fake.channels_in(world.guild.id, type=0)
        if c["name"].startswith("group-1")
    )
    where = f"#{group_channel['name']}"
    voice_channel = next(
        c
        for c in driver.fake.channels_in(world.guild.id, type=2)
        if c["name"].startswith("group-1")
    )
    first = datetime(2026, 11, 24, 12, 30, tzinfo=UTC)  # 18:00 in Kolkata
    for moment, note in (
        (first - timedelta(hours=24), "A day before the first session."),
        (first, "Session time: the channel opens and the week's theme is posted."),
    ):
        clock.set(moment)
        t.note(note)
        before = len(driver.sent_to_channel(group_channel))
        await jobs.run_due()
        await driver.settle()
        for message in driver.sent_to_channel(group_channel)[before:]:
            buttons = [
                c["label"] for row in message.get("components", []) for c in row["components"]
            ]
            labels = f" [{' | '.join(buttons)}]" if buttons else ""
            t.line("Kindred", where, message["content"] + labels)

    t.line("Asha", where, "Hi everyone, I was diagnosed in September. Glad to be here.")
    await driver.post(asha, group_channel, "Hi everyone, I was diagnosed in September.")
    t.note(f"Ben would rather talk: he joins the group's voice channel 🔊{voice_channel['name']}.")
    await driver.join_voice(ben, voice_channel)
    clock.set(first + timedelta(hours=1))
    await jobs.run_due()
    await driver.settle()
    t.note(
        "The session ends: the channel returns to read-only and the voice channel closes to "
        "members. Both came: Asha by posting, Ben in the call."
    )
    t.line("Priya", "#staff-alerts", "/cohort report cohort:Winter circle")
    report = await driver.command(
        priya, "cohort report", {"cohort": "Winter circle"}, channel=staff
    )
    t.result("Priya", report)
    attachments = report.message.get("attachments", []) if report.message else []
    names = [a["filename"] for a in attachments]
    t.note(f"Attached: {', '.join(names)}")

    # "Can't make it": Ben knows he'll miss week 2 (an infusion day). He says so with
    # /session absent (or the "Can't make it" button under any reminder); it won't count as
    # missed, and the reason is for Maya only. The clock stays put: later scenes run in week 1.
    t.line("Ben", where, "/session absent reason:Infusion day, I'll be resting")
    absent = await driver.command(
        ben, "session absent", {"reason": "Infusion day, I'll be resting"}, channel=group_channel
    )
    t.result("Ben", absent)
    t.note(
        "When week 2 opens, Maya, the group's moderator, gets one private note: Ben can't make "
        "it, with his reason. The week-2 report shows him as excused, not missed."
    )
