"""Issue 15 through the stand-in: /privacy in the member's language (the export stays as stored)."""

from __future__ import annotations

from tests.conftest import Kindred
from tests.integration.helpers import configure


async def test_privacy_show_speaks_the_discord_locale(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    shown = await kindred.driver.command(asha, "privacy show", {}, locale="es-419")
    assert shown.ephemeral
    assert shown.text.startswith("**Lo que Kindred guarda sobre ti** (solo tú puedes verlo)")
    assert "`/privacy delete` lo borra." in shown.text


async def test_a_hindi_member_erases_their_data_in_hindi(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    await kindred.driver.command(asha, "language", {"language": "hi"})
    asked = await kindred.driver.command(asha, "privacy delete", {})
    assert asked.content.startswith("**अपना डेटा मिटाएँ?**")
    [button] = [c for row in asked.message["components"] for c in row["components"]]
    assert button["label"] == "मेरा डेटा मिटाएँ"
    stranger = await kindred.driver.click(
        kindred.world.member("Ben"), asked, f"privacy:erase:{asha.id}"
    )
    assert "This button is for the person who asked" in stranger.text  # Ben reads English
    done = await kindred.driver.click(asha, asked, f"privacy:erase:{asha.id}")
    assert "हो गया। Kindred ने हर सर्वर से" in done.text
    language = await kindred.services.db.fetchval(
        "SELECT language FROM member_settings WHERE user_id = ?", (asha.id,)
    )
    assert language is None  # her choice of language went with the rest
