"""Moderators on phones: queue items, staff notes and members acted on by tap, not by code.

The typed commands keep working (tests/integration/test_guidelines.py); these check that a
tap does the same thing, behind the same moderator check.
"""

from __future__ import annotations

import pytest

from sandbox.driver import CommandHidden
from tests.conftest import Kindred
from tests.integration.helpers import configure
from tests.integration.test_guidelines import TOXIC, minimizing_reply


def ids(message: dict) -> list[str]:
    """Every button's custom id under a message."""
    return [c["custom_id"] for row in message["components"] for c in row["components"]]


async def appealed(k: Kindred) -> dict:
    """Chloe's message is hidden and she appeals; the staff channel's note about it."""
    chloe = k.world.member("Chloe")
    await k.driver.post(chloe, k.world.channels["general"], TOXIC)
    notice = k.driver.dms_to(chloe)[-1]
    opened = await k.driver.click(chloe, notice, "guidelines:appeal:1")
    assert opened.modal is not None
    field = opened.modal["inputs"][0]["custom_id"]
    await k.driver.submit_modal(chloe, opened, {field: "I was quoting what someone said to me."})
    return k.driver.sent_to_channel(k.world.channels["staff"])[-1]


async def fill_reason(k: Kindred, member, message: dict, custom_id: str, reason: str):
    """Tap a button that asks for a reason, and give it."""
    opened = await k.driver.click(member, message, custom_id)
    assert opened.modal is not None, opened.text
    field = opened.modal["inputs"][0]["custom_id"]
    return await k.driver.submit_modal(member, opened, {field: reason})


async def test_an_appeal_is_granted_from_the_queue_by_tap(kindred: Kindred) -> None:
    await configure(kindred)
    chloe, maya = kindred.world.member("Chloe"), kindred.world.member("Maya")
    await appealed(kindred)
    queue = await kindred.driver.command(maya, "mod queue")
    assert ids(queue.message) == [
        "guidelines:pardon:1",
        "guidelines:resolve:A1",
        f"guidelines:history:{chloe.id}",
    ]
    labels = [c["label"] for row in queue.message["components"] for c in row["components"]]
    assert labels == ["Grant A1", "Uphold A1", "History"]

    done = await fill_reason(kindred, maya, queue.message, "guidelines:pardon:1", "a fair quote")
    assert "Pardoned infraction #1" in done.text
    assert "told by DM" in done.text
    assert "pardoned" in kindred.driver.dms_to(chloe)[-1]["content"]
    empty = await kindred.driver.command(maya, "mod queue")
    assert "empty" in empty.content
    assert empty.message["components"] == []


async def test_the_staff_note_about_an_appeal_has_the_buttons_and_uphold_tells_the_member(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    chloe, maya = kindred.world.member("Chloe"), kindred.world.member("Maya")
    note = await appealed(kindred)
    assert "New appeal" in note["content"]
    assert "guidelines:resolve:A1" in ids(note)

    done = await fill_reason(kindred, maya, note, "guidelines:resolve:A1", "it was aimed at Ben")
    assert "Appeal A1 closed: infraction #1 stands" in done.text
    assert "they were told by DM" in done.text
    assert "it was aimed at Ben" in kindred.driver.dms_to(chloe)[-1]["content"]


async def test_members_cannot_use_the_moderator_buttons(kindred: Kindred) -> None:
    await configure(kindred)
    chloe, jon = kindred.world.member("Chloe"), kindred.world.member("Jon")
    note = await appealed(kindred)
    for custom_id in (
        "guidelines:pardon:1",
        "guidelines:resolve:A1",
        f"guidelines:history:{chloe.id}",
    ):
        refused = await kindred.driver.click(jon, note, custom_id)
        assert refused.modal is None
        assert refused.ephemeral
        assert "for the moderators" in refused.text
    # Chloe herself cannot grant her own appeal by tapping either.
    refused = await kindred.driver.click(chloe, note, "guidelines:pardon:1")
    assert refused.modal is None
    history = await kindred.driver.command(
        kindred.world.member("Maya"), "mod history", {"member": chloe}
    )
    assert "pardoned by" not in history.content


async def test_a_report_is_marked_reviewed_and_a_record_opened_by_tap(kindred: Kindred) -> None:
    await configure(kindred)
    maya, ben = kindred.world.member("Maya"), kindred.world.member("Ben")
    general = kindred.world.channels["general"]
    await kindred.driver.command(
        maya, "guidelines set", {"rule": "minimizing", "mode": "report", "channel": general}
    )
    await minimizing_reply(kindred)
    queue = await kindred.driver.command(maya, "mod queue")
    assert ids(queue.message) == ["guidelines:resolve:R1", f"guidelines:history:{ben.id}"]

    record = await kindred.driver.click(maya, queue.message, f"guidelines:history:{ben.id}")
    assert record.ephemeral
    assert f"<@{ben.id}>" in record.text

    done = await fill_reason(kindred, maya, queue.message, "guidelines:resolve:R1", "talked to Ben")
    assert "Marked R1 reviewed." in done.text
    assert "empty" in (await kindred.driver.command(maya, "mod queue")).content


async def test_the_review_note_opens_the_members_record_in_one_tap(kindred: Kindred) -> None:
    await configure(kindred)
    farid, maya = kindred.world.member("Farid"), kindred.world.member("Maya")
    general, staff = kindred.world.channels["general"], kindred.world.channels["staff"]
    for n in range(4):
        await kindred.driver.post(farid, general, TOXIC + " again" * n, check=False)
    review = next(
        m for m in kindred.driver.sent_to_channel(staff) if "Moderator review" in m["content"]
    )
    assert ids(review) == [f"guidelines:history:{farid.id}"]
    record = await kindred.driver.click(maya, review, f"guidelines:history:{farid.id}")
    assert "active point" in record.text


async def test_warn_from_the_member_context_menu(kindred: Kindred) -> None:
    await configure(kindred)
    maya, ben, jon = (kindred.world.member(n) for n in ("Maya", "Ben", "Jon"))
    opened = await kindred.driver.user_command(maya, "Warn", ben)
    assert opened.modal is not None
    field = opened.modal["inputs"][0]["custom_id"]
    done = await kindred.driver.submit_modal(maya, opened, {field: "please keep it kind"})
    assert "Recorded warning #1" in done.text
    assert "They were told by DM." in done.text
    assert "please keep it kind" in kindred.driver.dms_to(ben)[-1]["content"]

    with pytest.raises(CommandHidden):
        await kindred.driver.user_command(jon, "Warn", ben)
    refused = await kindred.driver.user_command(jon, "Warn", ben, bypass_default_permissions=True)
    assert refused.modal is None
    assert "for the moderators" in refused.text


async def test_time_out_from_the_member_context_menu(kindred: Kindred) -> None:
    await configure(kindred)
    maya, ben = kindred.world.member("Maya"), kindred.world.member("Ben")
    opened = await kindred.driver.user_command(maya, "Time out", ben)
    assert opened.modal is not None
    minutes, reason = (i["custom_id"] for i in opened.modal["inputs"])
    refused = await kindred.driver.submit_modal(
        maya, opened, {minutes: "1h", reason: "a break to cool down"}
    )
    assert "whole number of minutes" in refused.text
    assert (
        kindred.fake.member(kindred.world.guild.id, ben.id)["communication_disabled_until"] is None
    )

    opened = await kindred.driver.user_command(maya, "Time out", ben)
    assert opened.modal is not None
    minutes, reason = (i["custom_id"] for i in opened.modal["inputs"])
    done = await kindred.driver.submit_modal(
        maya, opened, {minutes: "30", reason: "a break to cool down"}
    )
    assert "Recorded timeout #1" in done.text
    member = kindred.fake.member(kindred.world.guild.id, ben.id)
    assert member["communication_disabled_until"] is not None
    assert "a break to cool down" in kindred.driver.dms_to(ben)[-1]["content"]
