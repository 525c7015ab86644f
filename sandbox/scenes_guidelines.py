"""The demo's coaching scene: nudges, a hidden message, an appeal, and the moderator tools.

Register it in ``sandbox/demo.py``'s ``SCENES`` after ``scene_setup`` (it needs the server set
up). Uses only the driver and the stand-in, like the other scenes.
"""

from __future__ import annotations

from typing import Any

from sandbox.driver import CommandHidden, Driver
from sandbox.world import World


async def scene_coaching(driver: Driver, world: World, t: Any) -> None:
    """Coaching nudges (DM, then a self-deleting reply), abuse hidden, appeal, pardon."""
    t.scene("4. Conversation guidelines: coach, don't punish")
    general = world.channels["general"]
    asha, ben, chloe, dev = (world.member(n) for n in ("Asha", "Ben", "Chloe", "Dev"))
    maya, jon = world.member("Maya"), world.member("Jon")

    tired = "I'm so exhausted this week, fatigue is crushing me"
    t.line("Asha", "#general", tired)
    first = await driver.post(asha, general, tired)
    reply = "at least it's not cancer, everyone gets tired"
    t.line("Ben", "#general", f"(replying to Asha) {reply}")
    await driver.post(ben, general, reply, reply_to=first)
    for dm in driver.dms_to(ben):
        t.line("Kindred", "DM to Ben", dm["content"])
    t.note("Ben's message stays where it is. No infraction; nobody else was told.")

    t.line("Ben", "#general", "(replying again) everyone gets tired, just push through")
    before = len(driver.dms_to(ben))
    await driver.post(ben, general, "everyone gets tired, just push through", reply_to=first)
    if len(driver.dms_to(ben)) == before:
        t.note("No second nudge: at most one an hour and three a week, so nobody is nagged.")

    driver.fake.close_dms(chloe.id)
    comparing = "you think that's bad? I was in hospital for a month"
    t.line("Chloe", "#general", f"(replying to Asha; her DMs are closed) {comparing}")
    await driver.post(chloe, general, comparing, reply_to=first)
    sent = driver.sent_to_channel(general)
    if sent:
        t.line("Kindred", "#general", sent[-1]["content"])
        t.note("A DM was refused, so a short reply instead; it deletes itself after a minute.")

    insult = "you're a pathetic idiot"
    t.line("Dev", "#general", insult)
    posted = await driver.post(dev, general, insult)
    if posted["id"] not in {m["id"] for m in driver.fake.messages_in(general["id"])}:
        t.note("Hidden at once. A copy is kept for moderators; the infraction is recorded.")
    notice = driver.dms_to(dev)[-1]
    t.line("Kindred", "DM to Dev", notice["content"] + "  [Appeal]")

    t.line("Dev", "DM", "(presses Appeal)")
    buttons = [c for row in notice.get("components", []) for c in row["components"]]
    opened = await driver.click(dev, notice, buttons[0]["custom_id"])
    if opened.modal is not None:
        field = opened.modal["inputs"][0]["custom_id"]
        text = "I was quoting what someone said to me at work, not calling anyone that."
        t.line("Dev", "appeal form", text)
        await driver.submit_modal(dev, opened, {field: text})
        t.line("Kindred", "DM to Dev", driver.fake.message(notice["id"])["content"].split("\n")[-1])

    t.line("Maya", "#staff-alerts", "/mod queue")
    t.result("Maya", await driver.command(maya, "mod queue", channel=world.channels["staff"]))
    t.line("Maya", "#staff-alerts", "/mod history member:@Dev")
    t.result(
        "Maya",
        await driver.command(maya, "mod history", {"member": dev}, channel=world.channels["staff"]),
    )
    t.line("Maya", "#staff-alerts", "/mod pardon infraction:1 reason:it was a quote, fair enough")
    t.result(
        "Maya",
        await driver.command(
            maya,
            "mod pardon",
            {"infraction": 1, "reason": "it was a quote, fair enough"},
            channel=world.channels["staff"],
        ),
    )
    t.line("Kindred", "DM to Dev", driver.dms_to(dev)[-1]["content"])

    t.line("Maya", "#staff-alerts", "/guidelines set rule:comparing mode:report channel:#general")
    t.result(
        "Maya",
        await driver.command(
            maya,
            "guidelines set",
            {"rule": "comparing", "mode": "report", "channel": general},
            channel=world.channels["staff"],
        ),
    )
    t.line("Maya", "#staff-alerts", "/guidelines show channel:#general")
    t.result(
        "Maya",
        await driver.command(
            maya, "guidelines show", {"channel": general}, channel=world.channels["staff"]
        ),
    )

    try:
        await driver.command(jon, "mod warn", {"member": asha, "reason": "test"})
    except CommandHidden:
        t.note("Jon is a member: Discord hides /mod from him, and the bot checks again anyway.")
