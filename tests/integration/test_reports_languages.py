"""Issue 15 through the stand-in: the member who reports reads Spanish or Hindi; the team's
queue stays English."""

from __future__ import annotations

from tests.conftest import Kindred
from tests.integration.helpers import configure
from tests.integration.test_reports import UNKIND, ids, report


async def test_a_spanish_member_reports_in_spanish_and_the_queue_stays_english(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    asha, ben = kindred.world.member("Asha"), kindred.world.member("Ben")
    await kindred.driver.command(asha, "language", {"language": "es"})
    posted = await kindred.driver.post(ben, kindred.world.channels["general"], UNKIND)

    asked = await kindred.driver.message_command(asha, "Report message", posted)
    assert asked.content.startswith("Gracias por cuidar al grupo.")
    labels = [c["label"] for row in asked.message["components"] for c in row["components"]]
    assert labels == [
        "Me preocupa esta persona",
        "Es hiriente con alguien",
        "Comparte datos privados",
    ]
    opened = await kindred.driver.click(asha, asked, f"reports:why:unkind:{ids(posted)}")
    assert opened.modal is not None
    assert opened.modal["title"] == "Reportar mensaje"
    filed = await kindred.driver.submit_modal(asha, opened, {"note": ""})
    assert filed.content.startswith("Gracias por avisarnos. Alguien de moderación revisará")

    again = await report(kindred, "Asha", posted, "unkind")
    assert again.startswith("Ya reportaste este mensaje (es hiriente con alguien) el <t:")

    queue = await kindred.driver.command(kindred.world.member("Maya"), "mod queue", {})
    assert "unkind to someone" in queue.content


async def test_a_hindi_member_reads_their_thanks_in_hindi(kindred: Kindred) -> None:
    await configure(kindred)
    await kindred.driver.command(kindred.world.member("Chloe"), "language", {"language": "hi"})
    posted = await kindred.driver.post(
        kindred.world.member("Ben"), kindred.world.channels["general"], UNKIND
    )
    thanks = await report(kindred, "Chloe", posted, "unkind", note="यह रूखा था")
    assert thanks.startswith("बताने के लिए शुक्रिया। कोई मॉडरेटर संदेश देखेगा")
