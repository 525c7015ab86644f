"""Issue 15 through the stand-in: /language, and a Spanish-speaking member joining the Spanish
group of a cohort."""

from __future__ import annotations

from tests.conftest import Kindred
from tests.integration.helpers import agree_and_join, configure


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
            "cap": 1,
        },
    )
    assert "Created the draft cohort" in created.content, created.content
    added = await k.driver.command(
        w.coordinator, "cohort group", {"cohort": "Autumn", "focus": "general", "language": "es"}
    )
    assert "Group 2 (general, in Spanish)" in added.content, added.content
    started = await k.driver.command(w.coordinator, "cohort start", {"cohort": "Autumn"})
    assert "Enrolment is open" in started.content, started.content


async def group_language_of(k: Kindred, user_id: int) -> str | None:
    return await k.services.db.fetchval(
        "SELECT g.language FROM cohort_enrolments e JOIN cohort_groups g ON g.id = e.group_id"
        " WHERE e.user_id = ? AND e.status = 'enrolled'",
        (user_id,),
    )


async def test_language_follows_the_discord_locale_until_the_member_chooses(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    auto = await kindred.driver.command(asha, "language", {"language": "auto"}, locale="es-419")
    assert auto.ephemeral
    # Her Discord is in Spanish, so the answer is too.
    assert "Kindred volverá a usar el idioma de tu Discord" in auto.content
    assert "**Español**" in auto.content
    chosen = await kindred.driver.command(asha, "language", {"language": "hi"}, locale="es-ES")
    assert "Kindred अब आपसे **हिन्दी** में बात करेगा।" in chosen.content  # in the language chosen
    lanes = kindred.services.lanes
    assert await lanes.members.language_of(kindred.world.guild.id, asha.id, "es-ES") == "hi"
    stored = await kindred.services.db.fetchval(
        "SELECT language FROM member_settings WHERE user_id = ?", (asha.id,)
    )
    assert stored == "hi"


async def test_a_spanish_speaking_member_joins_the_spanish_group(kindred: Kindred) -> None:
    await open_with_spanish_group(kindred)
    w = kindred.world
    ines, ben, chloe = w.member("Asha"), w.member("Ben"), w.member("Chloe")

    # Her form says "español": the Spanish group, although the English one is just as empty.
    text = await agree_and_join(
        kindred, ines, {"focus": "", "checkins": "no", "language": "español"}
    )
    assert "You have a place" in text, text
    assert "in Spanish" in text
    assert await group_language_of(kindred, ines.id) == "es"

    # Ben chose Spanish with /language and left the form's language empty: the Spanish group is
    # full (one place), so he waits for it rather than landing in the English group.
    await kindred.driver.command(ben, "language", {"language": "es"})
    text = await agree_and_join(kindred, ben, {"focus": "", "checkins": "no", "language": ""})
    # He chose Spanish, so the reply is in Spanish.
    assert "lista de espera" in text, text
    assert "un grupo que habla en español" in text

    # Chloe has no Spanish group with room either, but said English is fine.
    text = await agree_and_join(
        kindred, chloe, {"focus": "", "checkins": "no", "language": "Spanish, English"}
    )
    assert "You have a place" in text, text
    assert "another language you named" in text
    assert await group_language_of(kindred, chloe.id) is None

    shown = await kindred.driver.command(w.coordinator, "cohort show", {"cohort": "Autumn"})
    assert "in Spanish" in str(shown.embeds), shown.embeds
