"""Issue 15 through the stand-in: wellbeing check-ins in a member's language, with the
instruments' published wording, and PHQ-9 item 9 still handed to the crisis lane."""

from __future__ import annotations

from tests.conftest import Kindred
from tests.integration.helpers import configure
from tests.integration.test_crisis import staff_messages
from tests.integration.test_wellbeing import button, lane, start_cohort_with_item_9
from tests.integration.test_wellbeing_tapping import components, custom_id, selects, tap


async def optin_in(k: Kindred, member, language: str) -> tuple[str, dict]:
    await k.driver.command(member, "language", {"language": language})
    result = await k.driver.command(member, "wellbeing optin", {})
    return result.text, k.driver.dms_to(member)[-1]


async def test_a_spanish_member_answers_who5_in_spanish(kindred: Kindred) -> None:
    await configure(kindred)
    ines = kindred.world.member("Asha")
    reply, dm = await optin_in(kindred, ines, "es")
    assert reply.startswith("Listo: cada semana Kindred te enviará")
    assert dm["content"].startswith("¡Hola! Aquí está tu check-in de bienestar")
    assert "0 = Nunca" in dm["content"]
    [answer] = components(dm)
    assert answer["label"] == "Responder: Tu bienestar esta semana (WHO-5)"

    screen = await kindred.driver.click(ines, dm, button(dm, "who5"))
    assert "(pantalla 1 de 2)" in screen.text
    assert "Durante las últimas dos semanas:" in screen.text
    first = selects(screen)
    assert first[0]["placeholder"] == "1. Me he sentido alegre y de buen humor"
    assert next(o["label"] for o in first[0]["options"]) == "0 - Nunca"
    for n, value in enumerate((3, 3, 2, 4)):
        screen = await tap(kindred, ines, screen, f"who5:{n}", value)
    assert next(c["label"] for c in components(screen) if c["type"] == 2) == "Siguiente"
    screen = await kindred.driver.click(ines, screen, custom_id(screen, "wellbeing:go:"))
    typed = await kindred.driver.click(ines, screen, custom_id(screen, "wellbeing:type:"))
    assert typed.modal is not None
    assert typed.modal["title"] == "Tu bienestar esta semana (WHO-5)"
    assert typed.modal["inputs"][0]["label"] == "Alegría y buen humor (0-5)"
    screen = await tap(kindred, ines, screen, "who5:4", 3)
    done = await kindred.driver.click(ines, screen, custom_id(screen, "wellbeing:send:"))
    assert done.text == "Gracias, guardado. Índice de Bienestar WHO-5: 60 (de 0 a 100)."
    [row] = await lane(kindred).repo.answers_for(kindred.world.guild.id, ines.id)
    assert row.score == 60

    me = await kindred.driver.command(ines, "wellbeing me", {})
    assert "**Índice de Bienestar WHO-5**: 60 en la semana 1" in me.text
    assert "Gráfico de tu puntuación de Índice de Bienestar WHO-5 por semana" in me.text


async def test_item_9_in_hindi_goes_to_the_crisis_lane_and_the_member_is_told_in_hindi(
    kindred: Kindred,
) -> None:
    await start_cohort_with_item_9(kindred)
    asha = kindred.world.member("Asha")
    _, dm = await optin_in(kindred, asha, "hi")
    assert dm["content"].startswith("नमस्ते!")
    screen = await kindred.driver.click(asha, dm, button(dm, "mood"))
    assert "पिछले 2 हफ़्तों में" in screen.text
    for question in ("phq2:0", "phq2:1"):
        screen = await tap(kindred, asha, screen, question, 0)
    screen = await kindred.driver.click(asha, screen, custom_id(screen, "wellbeing:go:"))
    for question in ("gad2:0", "gad2:1"):
        screen = await tap(kindred, asha, screen, question, 0)
    forward = [c["custom_id"] for c in components(screen) if c.get("label") == "आगे"]
    screen = await kindred.driver.click(asha, screen, forward[0])
    [item9] = selects(screen)
    assert item9["placeholder"].startswith("1. यह विचार कि आपका मर जाना बेहतर होगा")
    assert [o["label"] for o in item9["options"]][-1] == "3 - लगभग हर दिन"
    screen = await tap(kindred, asha, screen, "phq9_item9:0", 2)
    done = await kindred.driver.click(asha, screen, custom_id(screen, "wellbeing:send:"))
    await kindred.driver.settle()
    assert "हालात सच में जैसे हैं, वैसे बताने के लिए शुक्रिया" in done.text
    rows = await kindred.services.db.fetchall(
        "SELECT source, level, rules FROM crisis_cases WHERE user_id = ?", (asha.id,)
    )
    assert [tuple(r) for r in rows] == [("wellbeing", "concern", "phq9_item9")]
    assert staff_messages(kindred)
    alert = "\n".join(m["content"] for m in staff_messages(kindred))
    assert "Crisis case" in alert  # staff read the case in English
