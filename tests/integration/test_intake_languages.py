"""The join form's timezone question for a member whose Discord is in Spanish, through the
stand-in (issue 15): the zones on the buttons, the question and the answer are in Spanish."""

from __future__ import annotations

from cogs.cohorts import messages
from cogs.utils.i18n import in_language
from tests.conftest import Kindred
from tests.integration.test_intake import enrolment_of, form, open_autumn


async def test_a_spanish_speaker_chooses_among_zones_named_in_spanish(kindred: Kindred) -> None:
    await open_autumn(kindred)
    ben = kindred.world.member("Ben")
    kindred.driver.set_locale(ben, "es-419")
    opened = await form(kindred, ben)
    asked = await kindred.driver.submit_modal(
        ben, opened, {"focus": "newly diagnosed", "timezone": "CST", "checkins": "yes"}
    )
    assert asked.content.startswith("“CST” puede ser más de una zona horaria:")
    assert "Hora del Centro de EE. UU. (Chicago), China (Pekín, Shanghái)" in asked.content
    labels = [b["label"] for b in asked.buttons()]
    assert labels[:2] == ["Hora del Centro de EE. UU. (Chicago)", "China (Pekín, Shanghái)"]

    await kindred.driver.click(ben, asked, "cohort:tz:0")
    assert asked.message is not None
    chosen = kindred.fake.message(asked.message["id"])
    assert "Zona horaria: **Hora del Centro de EE. UU. (Chicago)**. Gracias." in chosen["content"]
    row = await enrolment_of(kindred, ben.id)
    assert row is not None
    assert row["timezone_pref"] == "America/Chicago"


async def test_an_unknown_timezone_is_explained_in_spanish(kindred: Kindred) -> None:
    await open_autumn(kindred)
    ben = kindred.world.member("Ben")
    kindred.driver.set_locale(ben, "es-419")
    opened = await form(kindred, ben)
    asked = await kindred.driver.submit_modal(ben, opened, {"timezone": "Atlantis"})
    assert asked.content.startswith("No conozco la zona horaria “Atlantis”.")
    assert in_language("es", messages.TIMEZONE_KEPT) in asked.content
    assert messages.TIMEZONE_KEPT not in asked.content
