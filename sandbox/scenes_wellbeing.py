"""The demo's wellbeing scene: an opt-in check-in by DM, the member's own trend, and /cope."""

from __future__ import annotations

from typing import Any

from sandbox.driver import Driver
from sandbox.world import World


async def scene_wellbeing(driver: Driver, world: World, t: Any) -> None:
    """Opt in, answer WHO-5 in a form, see your own trend; then ask /cope for ideas."""
    t.scene("6. Wellbeing check-ins and help in the moment")
    grace = world.member("Grace")
    general = world.channels["general"]

    t.line("Grace", "#general", "/wellbeing optin")
    t.result("Grace", await driver.command(grace, "wellbeing optin", {}, channel=general))
    dm = driver.dms_to(grace)[-1]
    t.line("Kindred", "DM to Grace", dm["content"])
    button = next(
        c
        for row in dm.get("components", [])
        for c in row["components"]
        if c.get("custom_id", "").endswith(":who5")
    )
    t.line("Grace", "DM", f"[presses {button['label']}]")
    opened = await driver.click(grace, dm, button["custom_id"])
    modal = opened.modal or {"inputs": []}
    t.note(f"A form with {len(modal['inputs'])} questions (Discord allows at most five).")
    answers = dict(zip([i["custom_id"] for i in modal["inputs"]], "33243", strict=False))
    done = await driver.submit_modal(grace, opened, answers)
    t.line("Kindred", "only Grace sees", done.text)
    t.line("Grace", "#general", "/wellbeing me")
    t.result("Grace", await driver.command(grace, "wellbeing me", {}, channel=general))

    t.line("Grace", "#general", "/cope")
    started = await driver.command(grace, "cope", {}, channel=general)
    asked = await driver.click(grace, started, "toolkit:feeling", values=["lonely"])
    t.line("Grace", "only Grace sees", "[feeling: lonely] [is someone around? no]")
    answer = await driver.click(grace, asked, "toolkit:around:no")
    t.line("Kindred", "only Grace sees", answer.text)
