"""The crisis lane speaks the member's language (issue 15): the DM, the relay's notices and the
talk offer are in Spanish or Hindi for a member who reads them; staff still read English.

A job has no Discord locale, so the member's language is their ``/language`` choice, else the
locale Kindred last saw from them (``member_settings.locale``), else the server's language.
"""

# ruff: noqa: F811 (``lane`` is test_service's fixture, imported so pytest finds it)

from __future__ import annotations

from cogs.crisis import messages
from cogs.utils.i18n import in_language, speaking, t
from db.database import Database
from db.repositories.crisis import MemberSettingsRepository
from db.repositories.members import MemberLanguageRepository
from tests.crisis.test_relay import concern_case, member_dm
from tests.crisis.test_service import (  # noqa: F401 (lane is a fixture)
    ASHA,
    BEN,
    GUILD,
    MAYA,
    OWNER,
    Lane,
    lane,
    open_case,
)


async def seen_with_locale(db: Database, lane: Lane, user_id: int, locale: str) -> None:
    """The member used a command from a client in ``locale`` (what speak_to remembers)."""
    await MemberLanguageRepository(db).remember_locale(user_id, locale, lane.clock.now())


async def test_a_member_seen_in_spanish_gets_the_crisis_dm_in_spanish_with_988_press_2(
    lane: Lane, db: Database
) -> None:
    await MemberSettingsRepository(db).set_country(ASHA, "US", lane.clock.now())
    await seen_with_locale(db, lane, ASHA, "es-419")
    await open_case(lane)
    dm = lane.fake.dms_to(ASHA)[-1]
    assert dm.startswith("Hola, Asha, soy Kindred.")
    assert "¿Estás en peligro ahora? Llama al **911**" in dm
    assert "llama al 988 y marca 2, o envía AYUDA al 988" in dm
    assert "Líneas gratuitas y confidenciales:" in dm
    assert len(dm) < 400
    # The staff alert about her stays English.
    alert = lane.fake.delivered("alert")[-1]
    assert alert.text.endswith("(urgent)")
    assert "Crisis case" in alert.text


async def test_a_member_seen_in_hindi_gets_it_in_hindi_and_her_choice_beats_the_locale(
    lane: Lane, db: Database
) -> None:
    await seen_with_locale(db, lane, ASHA, "hi")
    await open_case(lane)
    assert lane.fake.dms_to(ASHA)[-1].startswith("नमस्ते Asha, मैं Kindred हूँ।")
    assert "Tele-MANAS" in lane.fake.dms_to(ASHA)[-1]  # the server's country (India)
    await MemberLanguageRepository(db).set_language(BEN, "en", lane.clock.now())
    await seen_with_locale(db, lane, BEN, "es-ES")
    await open_case(lane, user_id=BEN, message_id=5001)
    assert lane.fake.dms_to(BEN)[-1].startswith("Hi Ben, it's Kindred.")


async def test_without_a_choice_or_a_locale_the_servers_language_is_used(lane: Lane) -> None:
    await lane.service.guild_settings.update(
        GUILD, {"language": "es"}, actor_id=OWNER, now=lane.clock.now()
    )
    await open_case(lane)
    assert lane.fake.dms_to(ASHA)[-1].startswith("Hola, Asha, soy Kindred.")


async def test_the_private_thread_variant_is_in_her_language(lane: Lane, db: Database) -> None:
    await seen_with_locale(db, lane, ASHA, "es-419")
    lane.fake.close_dms(ASHA)
    await open_case(lane)
    [thread] = lane.fake.delivered("thread")
    assert thread.text.startswith(f"<@{ASHA}>, soy Kindred. No pude enviarte un mensaje directo")
    assert "Líneas gratuitas y confidenciales:" in thread.text


async def test_the_relay_speaks_to_her_in_spanish_and_to_the_team_in_english(
    lane: Lane, db: Database
) -> None:
    await seen_with_locale(db, lane, ASHA, "es-419")
    case = await concern_case(lane)
    await member_dm(lane, "hola, sigo aquí")
    with speaking("es"):
        told = t(messages.TOLD_A_PERSON)
    assert lane.fake.dms_to(ASHA)[-1] == told
    assert lane.fake.relayed()[-1].startswith("**The member wrote**")  # the team: English
    await lane.service.claim(case, MAYA, refresh=True)
    assert lane.fake.dms_to(ASHA)[-1] == in_language("es", messages.PERSON_HERE)
    await lane.service.reply(case, MAYA, "Estoy aquí. ¿Estás a salvo?", source_id=1, as_name=None)
    reply = lane.fake.dms_to(ASHA)[-1]
    assert reply.startswith("**Te escribe el equipo de Kindred:**\nEstoy aquí. ¿Estás a salvo?")
    assert "número de emergencias" in reply
    await lane.service.reply(case, MAYA, "Soy Maya.", source_id=2, as_name="Maya")
    assert lane.fake.dms_to(ASHA)[-1].startswith("**Te escribe Maya:**")
    await lane.service.close(case, "resolve", MAYA, "Talked; safe tonight.")
    assert lane.fake.dms_to(ASHA)[-1] == in_language("es", messages.RELAY_CLOSED)
    # The transcript keeps what she was sent, in her language.
    texts = [m.text for m in await lane.service.transcript(case)]
    assert told in texts


async def test_talk_and_the_talk_offer_are_in_hindi(lane: Lane, db: Database) -> None:
    await seen_with_locale(db, lane, ASHA, "hi")
    assert await lane.service.offer_talk(ASHA)
    assert lane.fake.delivered("offer")[-1].text == in_language("hi", messages.TALK_OFFER)
    await lane.service.talk(ASHA, GUILD)
    assert lane.fake.dms_to(ASHA)[-1] == in_language("hi", messages.TALK_OPENED)
    assert in_language("hi", messages.TALK_OPENED) != messages.TALK_OPENED


def test_a_line_that_speaks_her_language_takes_the_second_lines_place_on_the_first_screen(
    lane: Lane,
) -> None:
    book = lane.service.helplines
    lines = book.for_country("US", crisis_only=True, language="es")
    assert [h.name for h in messages.first_lines(lines)] == [
        "988 Suicide & Crisis Lifeline",
        "Crisis Text Line",
    ]
    assert [h.name for h in messages.first_lines(lines, "es")] == ["988 Suicide & Crisis Lifeline"]
    assert messages.first_lines(lines, "en") == messages.first_lines(lines)


def test_copes_short_helplines_screen_is_in_the_language_spoken(lane: Lane) -> None:
    book = lane.service.helplines
    lines = book.for_country("US", language="es")
    with speaking("es"):
        text = messages.resources_first_screen(lines, "911", "United States")
    assert text.startswith("Apoyo gratuito y confidencial en United States, para hablar ahora:")
    assert "↳ En español: llama al 988 y marca 2" in text
    assert text.endswith("En una emergencia, llama al **911**.")
    english = messages.resources_first_screen(lines, "911", "United States")
    assert "↳" not in english
    assert "Crisis Text Line" in english
