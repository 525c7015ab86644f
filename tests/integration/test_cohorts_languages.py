"""Issue 15 through the stand-in: the cohorts lane in Spanish and Hindi. A member reads /join,
the join form and its answers in their language; a group's channel gets its reminders and the
week's theme in the group's language; a DM reminder is in the member's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import Kindred
from tests.integration.helpers import configure

START = datetime(2026, 10, 6, 22, 0, tzinfo=UTC)  # week 1: Tuesday 18:00 in New York


async def open_with_spanish_group(k: Kindred) -> None:
    await configure(k)
    w = k.world
    created = await k.driver.command(
        w.coordinator,
        "cohort create",
        {
            "name": "Autumn",
            "start": "2026-10-06",
            "day": "Tuesday",
            "time": "18:00",
            "timezone": "America/New_York",
            "moderator": w.member("Maya"),
        },
    )
    assert "Created the draft cohort" in created.content, created.content
    added = await k.driver.command(
        w.coordinator, "cohort group", {"cohort": "Autumn", "focus": "general", "language": "es"}
    )
    assert "Group 2 (general, in Spanish)" in added.content, added.content  # staff: English
    started = await k.driver.command(w.coordinator, "cohort start", {"cohort": "Autumn"})
    assert "Enrolment is open" in started.content, started.content


def channel_of(k: Kindred, number: int) -> dict:
    return next(
        c
        for c in k.fake.channels_in(k.world.guild.id, type=0)
        if c["name"].startswith(f"group-{number}-")
    )


async def run_until(k: Kindred, moment: datetime) -> None:
    k.clock.set(moment)
    await k.services.jobs.run_due()
    await k.driver.settle()


async def test_join_speaks_the_discord_locale_of_the_member(kindred: Kindred) -> None:
    await open_with_spanish_group(kindred)
    w = kindred.world
    spanish = await kindred.driver.command(w.member("Asha"), "join", {}, locale="es-419")
    assert spanish.content.startswith("**Antes de unirte a Autumn**"), spanish.content
    assert [b["label"] for b in spanish.buttons()] == ["Acepto, continuar", "Leer todo", "Ahora no"]
    hindi = await kindred.driver.command(w.member("Ben"), "join", {}, locale="hi")
    assert hindi.content.startswith("**Autumn में शामिल होने से पहले**"), hindi.content
    english = await kindred.driver.command(w.member("Chloe"), "join", {}, locale="en-GB")
    assert english.content.startswith("**Before you join Autumn**")


async def test_a_spanish_member_joins_in_spanish_and_her_group_meets_in_spanish(
    kindred: Kindred,
) -> None:
    await open_with_spanish_group(kindred)
    w = kindred.world
    ines, ravi = w.member("Asha"), w.member("Ben")
    await kindred.driver.command(ines, "language", {"language": "es"}, locale="es-419")
    await kindred.driver.command(ravi, "language", {"language": "hi"}, locale="hi")

    shown = await kindred.driver.command(ines, "join", {}, locale="es-419")
    opened = await kindred.driver.click(ines, shown, "cohort:agree")
    assert opened.modal is not None
    assert opened.modal["title"] == "Unirte a Autumn"
    done = await kindred.driver.submit_modal(ines, opened, {"focus": "", "checkins": "sí"})
    assert done.text.startswith("¡Te damos la bienvenida! Tienes un lugar en **Autumn**"), done.text
    assert "Grupo 2 (general, en español)" in done.text
    assert "**De qué tratan las semanas:**" in done.text

    # Ravi asked for Hindi; this cohort has no Hindi group, so he waits, and is told in Hindi.
    shown = await kindred.driver.command(ravi, "join", {}, locale="hi")
    opened = await kindred.driver.click(ravi, shown, "cohort:agree")
    done = await kindred.driver.submit_modal(ravi, opened, {"focus": "", "checkins": "नहीं"})
    assert "वेटिंग लिस्ट में **1** नंबर पर हैं" in done.text, done.text
    assert "हिंदी वाला कोई ग्रुप नहीं है" in done.text

    reminders = await kindred.driver.command(ines, "reminders", {"by_dm": True})
    assert reminders.content.startswith("Listo: los recordatorios")

    spanish, english = channel_of(kindred, 2), channel_of(kindred, 1)
    assert spanish["topic"] == "Autumn · Grupo 2 (general, en español) · privado para el grupo"
    assert english["topic"].endswith("· private to the group")
    await run_until(kindred, START - timedelta(hours=24))
    posted = kindred.driver.sent_to_channel(spanish)[-1]
    assert posted["content"].startswith("Recordatorio: la semana 1 de **Autumn**"), posted
    assert "empieza mañana" in posted["content"]
    assert posted["components"][0]["components"][0]["label"] == "No puedo ir"
    assert kindred.driver.sent_to_channel(english)[-1]["content"].startswith("Reminder: week 1")
    dm = kindred.driver.dms_to(ines)[-1]["content"]
    assert dm.startswith("Recordatorio: la semana 1"), dm

    await run_until(kindred, START)
    post = kindred.driver.sent_to_channel(spanish)[-1]["content"]
    assert post.startswith("La sesión está abierta. Les damos la bienvenida."), post
    assert "**Semana 1 · Bienvenida: personas que te entienden**" in post
    assert "Algunas cosas de las que podríamos hablar:" in post
    english_post = kindred.driver.sent_to_channel(english)[-1]["content"]
    assert "**Week 1 · Welcome: people who just get it**" in english_post

    await run_until(kindred, START + timedelta(minutes=60))
    closing = kindred.driver.sent_to_channel(spanish)[-1]["content"]
    assert closing.startswith("La sesión terminó"), closing


async def test_a_spanish_servers_session_events_are_in_spanish(kindred: Kindred) -> None:
    await configure(kindred, language="es")
    w = kindred.world
    created = await kindred.driver.command(
        w.coordinator,
        "cohort create",
        {
            "name": "Autumn",
            "start": "2026-10-06",
            "day": "Tuesday",
            "time": "18:00",
            "timezone": "America/New_York",
            "moderator": w.member("Maya"),
        },
    )
    assert "Created the draft cohort" in created.content  # a coordinator's reply: English
    await kindred.driver.command(w.coordinator, "cohort start", {"cohort": "Autumn"})
    events = sorted(
        kindred.fake.scheduled_events(w.guild.id), key=lambda e: e["scheduled_start_time"]
    )
    assert events[0]["name"] == "Autumn · semana 1: Bienvenida: personas que te entienden"
    assert events[0]["description"] == "Semana 1 de Autumn, para quienes tienen un lugar."
