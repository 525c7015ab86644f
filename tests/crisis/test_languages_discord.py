"""A Spanish-speaking member in crisis, end to end through the stand-in (issue 15).

Her Discord client is in Spanish (locale es-419). The stand-in sends that locale with every
interaction she starts; Kindred remembers it, so the crisis DM (sent by a job, which has no
locale) is in Spanish with the US lines and how to reach 988 in Spanish, while the staff alert
about her stays English.
"""

from __future__ import annotations

from tests.conftest import Kindred
from tests.integration.helpers import configure

CRISIS = "Ya no puedo más, esta noche me voy a tomar todas las pastillas."


async def test_a_spanish_speaker_gets_the_crisis_dm_in_spanish_and_staff_read_english(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    w, driver = kindred.world, kindred.driver
    lucia = await driver.add_member(w.guild.id, "Lucía")
    driver.set_locale(lucia, "es-419")

    shown = await driver.command(
        lucia, "resources", {"country": "US", "remember": True}, channel=w.channels["general"]
    )
    assert shown.ephemeral
    assert shown.content.startswith("Apoyo gratuito y confidencial para Estados Unidos.")
    # The helplines file's own words too: how to reach a line, its hours and languages.
    assert (
        "**988 Suicide & Crisis Lifeline**: Llama o escribe al 988 (24/7; inglés y español)"
    ) in shown.content
    assert "En una emergencia, llama al **911**." in shown.content
    assert "En español: llama al 988 y marca 2, o envía AYUDA al 988" in shown.content
    stored = await kindred.services.db.fetchval(
        "SELECT locale FROM member_settings WHERE user_id = ?", (lucia.id,)
    )
    assert stored == "es-419"

    await driver.post(lucia, w.channels["general"], CRISIS)
    dm = driver.dms_to(lucia)[-1]
    assert dm["content"].startswith("Hola, Lucía, soy Kindred. Tú importas")
    assert "¿Estás en peligro ahora? Llama al **911**" in dm["content"]
    assert "llama al 988 y marca 2, o envía AYUDA al 988" in dm["content"]
    assert "Llama o escribe al 988 (24/7)" in dm["content"]
    assert len(dm["content"]) < 400
    [label] = [c["label"] for row in dm["components"] for c in row["components"]]
    assert label == "Más formas de pedir ayuda"

    alert = driver.sent_to_channel(w.channels["staff"])[-1]
    assert "Crisis case" in alert["content"]
    fields = {f["name"]: f["value"] for f in alert["embeds"][0]["fields"]}
    assert fields["Why"].startswith("Describes a plan")
    assert fields["Member contact"] == "sent helplines by DM"

    more = await driver.click(lucia, dm, "crisis:more:" + str(w.guild.id))
    assert more.content.startswith("Apoyo gratuito y confidencial para Estados Unidos.")

    await driver.dm(lucia, "gracias, necesito hablar con alguien")
    assert driver.dms_to(lucia)[-1]["content"].startswith("Gracias por contárnoslo.")
    [thread] = kindred.fake.threads_in(w.channels["staff"]["id"])
    assert driver.sent_to_channel(thread)[-1]["content"].startswith("**The member wrote**")
