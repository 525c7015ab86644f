"""Issue 15 through the stand-in: /plan in Spanish and Hindi, every step in the member's
language; the copy their moderator receives stays English (staff read English)."""

from __future__ import annotations

from tests.conftest import Kindred
from tests.integration.helpers import configure


async def test_a_spanish_member_makes_a_plan_in_spanish(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    await kindred.driver.command(asha, "language", {"language": "es"}, locale="es-419")
    opened = await kindred.driver.command(asha, "plan", {}, locale="es-419")
    assert opened.content.startswith("**Tu plan** · solo tú puedes verlo"), opened.content
    assert [b["label"] for b in opened.buttons()] == [
        "Agregar algo",
        "Cambiar o quitar",
        "Compartir con quien modera mi grupo",
    ]
    form = await kindred.driver.click(asha, opened, "plan:add")
    assert form.modal is not None
    assert form.modal["title"] == "Algo de tu plan"
    named = await kindred.driver.submit_modal(
        asha, form, {"situation": "Las tardes de cansancio", "words": ""}
    )
    assert named.text.startswith("Guardado: **Las tardes de cansancio**"), named.text
    done = await kindred.driver.click(asha, named, "plan:ideas", values=["reach_out"])
    assert "Ideas: Cuéntale a alguien cómo te sientes" in done.text, done.text


async def test_a_hindi_member_reads_the_plan_in_hindi(kindred: Kindred) -> None:
    await configure(kindred)
    ravi = kindred.world.member("Ben")
    opened = await kindred.driver.command(ravi, "plan", {}, locale="hi")
    assert opened.content.startswith("**आपका प्लान** · सिर्फ़ आप देख सकते हैं"), opened.content
    assert "कुछ जोड़ें" in [b["label"] for b in opened.buttons()]
