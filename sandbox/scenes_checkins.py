"""The demo's check-in scene: weekly partners in private threads, a reminder, "did you meet?".

Register it in ``sandbox/demo.py``'s ``SCENES`` after ``scene_cohort`` (it uses that scene's
running cohort "Winter circle"). Uses only the driver and the stand-in, like the other scenes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sandbox.driver import Driver
from sandbox.world import World

COHORT = "Winter circle"
# The cohort's first session is Tuesday 24 November 2026, 18:00 in Kolkata; check-in pairs are
# made the next day at 10:00 Kolkata time (04:30 UTC).
ROUND_1 = datetime(2026, 11, 25, 4, 30, tzinfo=UTC)


async def _run_until(driver: Driver, moment: datetime) -> None:
    clock = driver.bot.services.clock
    if moment > clock.now():
        clock.set(moment)
    for _ in range(5):  # a job may schedule another that is already due
        ran = await driver.bot.services.jobs.run_due()
        await driver.settle()
        if not ran:
            return


async def scene_checkins(driver: Driver, world: World, t: Any) -> None:
    """Members join check-ins, a confidential avoid, threads with a prompt, reminder, answers."""
    t.scene("3. Peer check-ins: a weekly partner")
    general, staff = world.channels["general"], world.channels["staff"]
    asha, ben, dev, maya = (world.member(n) for n in ("Asha", "Ben", "Dev", "Maya"))

    for name in ("Chloe", "Dev", "Elena"):
        person = world.member(name)
        t.line(name, "#general", "/join (check-ins: yes)")
        shown = await driver.command(person, "join", {}, channel=general)
        if shown.message is None:
            t.result(name, shown)
            continue
        opened = await driver.click(person, shown, "cohort:agree")
        done = await driver.submit_modal(
            person, opened, {"focus": "newly diagnosed", "checkins": "yes"}
        )
        t.result(name, done)

    t.line("Asha", "#general", "/checkin avoid member:@Dev")
    t.result("Asha", await driver.command(asha, "checkin avoid", {"member": dev}, channel=general))
    t.note("Confidential: Dev is never told, and nothing he sees will mention it.")

    t.note("Wednesday 10:00 in Kolkata: this week's pairs are made, one private thread each.")
    await _run_until(driver, ROUND_1)
    group_channel = next(
        c
        for c in driver.fake.channels_in(world.guild.id, type=0)
        if c["name"].startswith("group-1")
    )
    threads = driver.fake.threads_in(group_channel["id"])
    for thread in threads:
        members = sorted(driver.fake.thread_members[thread.id] - {driver.fake.bot_user_id})
        names = ", ".join(driver.fake.users[m]["username"] for m in members)
        t.note(f"Private thread #{thread['name']}: {names} (moderators see it too).")
        for message in driver.sent_to_channel(thread)[:1]:
            t.line("Kindred", f"#{thread['name']}", message["content"])

    mine = next((th for th in threads if ben.id in driver.fake.thread_members[th.id]), None)
    if mine is not None:
        t.line("Ben", f"#{mine['name']}", "Hi! My good thing: I managed a short walk on Sunday.")
        await driver.post(ben, mine, "Hi! My good thing: I managed a short walk on Sunday.")

    t.note("Three days later: a gentle reminder, only where nobody has posted yet.")
    await _run_until(driver, ROUND_1 + timedelta(days=3))
    for thread in threads:
        sent = driver.sent_to_channel(thread)
        if len(sent) > 1 and "reminder" in sent[-1]["content"]:
            t.line("Kindred", f"#{thread['name']}", sent[-1]["content"])

    t.note("Near the end of the week: did you meet?")
    await _run_until(driver, ROUND_1 + timedelta(days=6))
    if mine is not None:
        asked = driver.sent_to_channel(mine)[-1]
        t.line("Kindred", f"#{mine['name']}", asked["content"] + "  [Yes, we met] [Not this week]")
        buttons = [c for row in asked.get("components", []) for c in row["components"]]
        if buttons:
            t.line("Ben", f"#{mine['name']}", "(presses Yes, we met)")
            t.result("Ben", await driver.click(ben, asked, buttons[0]["custom_id"]))

    t.line("Maya", "#staff-alerts", f"/checkin pairs cohort:{COHORT}")
    t.result("Maya", await driver.command(maya, "checkin pairs", {"cohort": COHORT}, channel=staff))
    t.line("Dev", "#general", "/checkin status")
    t.result("Dev", await driver.command(dev, "checkin status", channel=general))
    t.line("Dev", "#general", "/checkin snooze weeks:1")
    t.result("Dev", await driver.command(dev, "checkin snooze", {"weeks": 1}, channel=general))
