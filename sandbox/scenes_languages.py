"""The demo's language scene (issue 15): a member whose Discord is in Spanish, in crisis.

Lucía's Discord app is in Spanish (locale es-419): Discord shows her Kindred's commands in
Spanish, Kindred answers her in Spanish and remembers her locale, so the crisis DM it sends
after her message (a job, which has no locale of its own) is in Spanish too, with the US lines
and how to reach 988 in Spanish. The staff alert about her stays English.
"""

from __future__ import annotations

from typing import Any

from sandbox.driver import Driver
from sandbox.world import World

# A plan, in Spanish ("I can't go on, tonight I'm going to take all the pills"): the screen's
# Spanish rules (es_plan) read it as urgent.
CRISIS = "Ya no puedo más, esta noche me voy a tomar todas las pastillas."


async def scene_spanish(driver: Driver, world: World, t: Any) -> None:
    """A Spanish-speaking member joins, finds help in Spanish, and is reached in Spanish."""
    t.scene("7. A member whose Discord is in Spanish")
    general, staff = world.channels["general"], world.channels["staff"]
    lucia = await driver.add_member(world.guild.id, "Lucía")
    driver.set_locale(lucia, "es-419")
    resources = next(c for c in driver.fake.commands(world.guild.id) if c["name"] == "resources")
    t.note(
        "Lucía joins. Her Discord app is in Spanish (locale es-419) and she lives in the United "
        "States. Discord lists /resources for her as: "
        f"“{resources['description_localizations']['es-419']}”"
    )

    t.line("Lucía", "#general", "/language language:El idioma de mi Discord")
    t.result("Lucía", await driver.command(lucia, "language", {"language": "auto"}))
    t.line("Lucía", "#general", "/resources country:US remember:True")
    t.result(
        "Lucía",
        await driver.command(lucia, "resources", {"country": "US", "remember": True}),
    )

    t.line("Lucía", "#general", CRISIS)
    await driver.post(lucia, general, CRISIS)
    t.note(
        "Screened urgent (a plan, in Spanish). The team is told in English; Lucía is written to "
        "in her language, which Kindred remembered from her last interaction."
    )
    alert = driver.sent_to_channel(staff)[-1]
    t.line("Kindred", "#staff-alerts", alert["content"])
    fields = {f["name"]: f["value"] for f in alert["embeds"][0]["fields"]}
    for name in ("Why", "Excerpt", "Member contact"):
        t.out(f"{' ' * 9}{name}: {t.render(fields[name])}")
    dm = driver.dms_to(lucia)[-1]
    t.line("Kindred", "DM to Lucía", dm["content"])
    [button] = [c for row in dm["components"] for c in row["components"]]
    t.out(f"{' ' * 9}button: {button['label']}")
    t.line("Lucía", "DM", f"[presses {button['label']}]")
    t.result("Lucía", await driver.click(lucia, dm, button["custom_id"]))

    answer = "gracias... sí, necesito hablar con alguien"
    t.line("Lucía", "DM to Kindred", answer)
    await driver.dm(lucia, answer)
    t.line("Kindred", "DM to Lucía", driver.dms_to(lucia)[-1]["content"])
    thread = driver.fake.threads_in(staff["id"])[-1]
    t.line("Kindred", f"#{thread['name']}", driver.sent_to_channel(thread)[-1]["content"])
