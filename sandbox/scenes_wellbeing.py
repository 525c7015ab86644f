"""The demo's wellbeing scene: an opt-in check-in by DM, the member's own trend, and /cope."""

from __future__ import annotations

from typing import Any

from sandbox.driver import Driver
from sandbox.world import World


async def scene_wellbeing(driver: Driver, world: World, t: Any) -> None:
    """Opt in, answer WHO-5 by tapping, see your own trend; then ask /cope for ideas."""
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
    screen = await driver.click(grace, dm, button["custom_id"])
    t.line("Kindred", "only Grace sees", screen.text)
    # WHO-5 by tapping: a menu of labelled answers per question, four to a screen.
    for value in (3, 3, 2, 4, 3):
        menus = _unanswered(screen)
        if not menus:  # this screen's questions are done: Next
            screen = await driver.click(grace, screen, _button(screen, "Next"))
            t.line("Grace", "only Grace sees", "[Next]")
            t.line("Kindred", "only Grace sees", screen.text)
            menus = _unanswered(screen)
        menu = menus[0]
        label = next(o["label"] for o in menu["options"] if o["value"] == str(value))
        t.line("Grace", "only Grace sees", f"[{menu['placeholder']}: {label}]")
        screen = await driver.click(grace, screen, menu["custom_id"], values=[str(value)])
    done = await driver.click(grace, screen, _button(screen, "Send my answers"))
    t.line("Grace", "only Grace sees", "[Send my answers]")
    t.line("Kindred", "only Grace sees", done.text)
    t.line("Grace", "#general", "/wellbeing me")
    t.result("Grace", await driver.command(grace, "wellbeing me", {}, channel=general))

    t.line("Grace", "#general", "/cope")
    started = await driver.command(grace, "cope", {}, channel=general)
    asked = await driver.click(grace, started, "toolkit:feeling", values=["lonely"])
    t.line("Grace", "only Grace sees", "[feeling: lonely] [is someone around? no]")
    answer = await driver.click(grace, asked, "toolkit:around:no")
    t.line("Kindred", "only Grace sees", answer.text)


def _unanswered(result: Any) -> list[dict[str, Any]]:
    """The select menus on an interaction's message with no answer chosen yet, in order."""
    message = result.message or {}
    return [
        c
        for row in message.get("components", [])
        for c in row["components"]
        if c["type"] == 3 and not any(o.get("default") for o in c["options"])
    ]


def _button(result: Any, label: str) -> str:
    """The custom id of the button with this label on an interaction's message."""
    message = result.message or {}
    return next(
        c["custom_id"]
        for row in message.get("components", [])
        for c in row["components"]
        if c.get("label") == label
    )
