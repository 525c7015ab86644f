"""Issue 15 through the stand-in: a member's nudges, notices and appeals in their language,
while moderators keep reading English."""

from __future__ import annotations

from tests.conftest import Kindred
from tests.integration.helpers import configure
from tests.integration.test_guidelines import TOXIC, minimizing_reply


async def test_a_member_who_chose_spanish_gets_the_nudge_in_spanish(kindred: Kindred) -> None:
    await configure(kindred)
    ben = kindred.world.member("Ben")
    await kindred.driver.command(ben, "language", {"language": "es"})
    await minimizing_reply(kindred)
    [dm] = kindred.driver.dms_to(ben)
    assert dm["content"].startswith("Hola, Ben: una nota amable de Kindred")
    assert "**Valida, no minimices.**" in dm["content"]
    assert "*Eso suena muy agotador." in dm["content"]  # the feeling fitted in Spanish too


async def test_a_hindi_member_is_told_appeals_and_hears_back_in_hindi(kindred: Kindred) -> None:
    await configure(kindred)
    chloe, maya = kindred.world.member("Chloe"), kindred.world.member("Maya")
    await kindred.driver.command(chloe, "language", {"language": "hi"})
    await kindred.driver.post(chloe, kindred.world.channels["general"], TOXIC)
    notice = kindred.driver.dms_to(chloe)[-1]
    assert "Kindred ने" in notice["content"]
    assert "**क्यों:**" in notice["content"]
    [button] = [c for row in notice["components"] for c in row["components"]]
    assert button["label"] == "अपील करें"

    opened = await kindred.driver.click(chloe, notice, "guidelines:appeal:1")
    assert opened.modal is not None
    assert opened.modal["title"] == "उल्लंघन #1 पर अपील"
    field = opened.modal["inputs"][0]["custom_id"]
    filed = await kindred.driver.submit_modal(chloe, opened, {field: "मैं किसी की बात दोहरा रही थी"})
    assert "आपकी अपील (A1)" in filed.content

    # The moderator reads English; the member's DM about the decision is in Hindi.
    note = kindred.driver.sent_to_channel(kindred.world.channels["staff"])[-1]
    assert "**New appeal** `A1`" in note["content"]
    pardoned = await kindred.driver.command(
        maya, "mod pardon", {"infraction": 1, "reason": "it was a quote"}
    )
    assert "Pardoned infraction #1" in pardoned.content
    told = kindred.driver.dms_to(chloe)[-1]["content"]
    assert told.startswith("अच्छी ख़बर:")
    assert "it was a quote" in told
