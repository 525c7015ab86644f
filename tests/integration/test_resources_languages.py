"""/resources for a member whose Discord is in Spanish, through the stand-in (issue 15): the
countries listed as she types, the country she names and the helplines, all in Spanish."""

from __future__ import annotations

from tests.conftest import Kindred
from tests.integration.helpers import configure


async def test_a_spanish_speaker_finds_her_country_by_its_spanish_name(kindred: Kindred) -> None:
    await configure(kindred)
    w, driver = kindred.world, kindred.driver
    lucia = await driver.add_member(w.guild.id, "Lucía")
    driver.set_locale(lucia, "es-419")

    offered = await driver.autocomplete(
        lucia, "resources", {"country": "mexi"}, "country", channel=w.channels["general"]
    )
    assert [(c["name"], c["value"]) for c in offered] == [("México (MX)", "MX")]

    shown = await driver.command(
        lucia, "resources", {"country": "méxico"}, channel=w.channels["general"]
    )
    assert shown.content.startswith("Apoyo gratuito y confidencial para México.")
    assert (
        "• **Find A Helpline**: findahelpline.com: líneas gratuitas en casi todos los países"
        in (shown.content)
    )
    assert "En una emergencia, llama al **911**." in shown.content

    unknown = await driver.command(
        lucia, "resources", {"country": "Atlántida"}, channel=w.channels["general"]
    )
    assert unknown.content.startswith("`Atlántida` no es un código de país que conozca.")


async def test_english_speakers_list_is_as_before(kindred: Kindred) -> None:
    await configure(kindred)
    w, driver = kindred.world, kindred.driver
    offered = await driver.autocomplete(
        w.member("Asha"), "resources", {"country": "fr"}, "country", channel=w.channels["general"]
    )
    assert offered[0] == {"name": "FR (international helpline directory only)", "value": "FR"}
