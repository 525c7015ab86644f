"""/privacy and a member leaving, end to end: the real discord.py client against the stand-in."""

from __future__ import annotations

import json

import pytest

from cogs.privacy.service import MEMBER_JOBS, NO_MEMBER_JOB_KINDS
from tests.conftest import Kindred
from tests.integration.helpers import configure
from tests.privacy.test_erase_on_disk import residue, traces_of

URGENT = "I've saved up my pills and I'm going to take them all tonight. Goodbye everyone."


async def one_place_cohort(k: Kindred) -> None:
    """A started cohort whose only group has one place."""
    w = k.world
    result = await k.driver.command(
        w.coordinator,
        "cohort create",
        {
            "name": "Autumn",
            "start": "2026-10-06",
            "day": "Tuesday",
            "time": "18:00",
            "timezone": "America/New_York",
            "focus": "newly_diagnosed",
            "cap": 1,
            "moderator": w.member("Maya"),
        },
    )
    assert "Created the draft cohort" in result.content, result.content
    await k.driver.command(w.coordinator, "cohort start", {"cohort": "Autumn"})


async def join(k: Kindred, member: object) -> str:
    shown = await k.driver.command(member, "join", {})
    opened = await k.driver.click(member, shown, "cohort:agree")
    assert opened.modal is not None, opened.content
    done = await k.driver.submit_modal(
        member, opened, {"focus": "newly diagnosed", "checkins": "yes"}
    )
    return done.content or ""


def attachment_json(k: Kindred, message: dict) -> dict:
    [attachment] = message["attachments"]
    assert attachment["filename"].endswith(".json")
    key = attachment["url"].split("/attachments/", 1)[1]
    return json.loads(k.fake.attachments[key])


def enrolment_status(k: Kindred, rows: list, user_id: int) -> str | None:
    return next((r["status"] for r in rows if r["user_id"] == user_id), None)


async def enrolments(k: Kindred) -> list:
    return await k.services.db.fetchall("SELECT user_id, status FROM cohort_enrolments")


async def test_show_answers_privately_in_plain_words(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    await kindred.driver.post(asha, kindred.world.channels["general"], URGENT)
    result = await kindred.driver.command(asha, "privacy show")
    assert result.ephemeral
    assert "Crisis support" in result.text
    assert "1 case" in result.text
    assert "never message text" in result.text


async def test_export_sends_a_json_file_by_dm_with_the_members_data_only(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    asha, ben = kindred.world.member("Asha"), kindred.world.member("Ben")
    for member in (asha, ben):
        await kindred.driver.post(member, kindred.world.channels["general"], URGENT)
    result = await kindred.driver.command(asha, "privacy export")
    assert result.ephemeral
    assert "by direct message" in result.text
    document = attachment_json(kindred, kindred.driver.dms_to(asha)[-1])
    assert document["member_id"] == asha.id
    [case] = document["tables"]["crisis_cases"]
    assert case["user_id"] == asha.id
    assert str(ben.id) not in json.dumps(document)


async def test_export_with_closed_dms_says_so_and_attaches_the_file_privately(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    chloe = kindred.world.member("Chloe")
    kindred.fake.close_dms(chloe.id)
    result = await kindred.driver.command(chloe, "privacy export")
    assert result.ephemeral
    assert "direct messages are closed" in result.text
    message = next(m for m in result.messages if m["attachments"])
    assert attachment_json(kindred, message)["member_id"] == chloe.id


async def test_delete_erases_after_the_button_and_frees_the_cohort_place(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await one_place_cohort(kindred)
    w = kindred.world
    asha, ben = w.member("Asha"), w.member("Ben")
    assert "You have a place" in await join(kindred, asha)
    assert "waitlist" in await join(kindred, ben)
    await kindred.driver.post(asha, w.channels["general"], URGENT)

    asked = await kindred.driver.command(asha, "privacy delete")
    assert asked.ephemeral
    assert "every server" in asked.content
    assert [b["label"] for b in asked.buttons()] == ["Erase my data"]
    assert (
        await kindred.services.db.fetchval(
            "SELECT count(*) FROM crisis_cases WHERE user_id = ?", (asha.id,)
        )
        == 1
    )  # nothing happens before the button

    done = await kindred.driver.click(asha, asked, f"privacy:erase:{asha.id}")
    assert "Done. Kindred erased" in done.content
    assert "without your name" in done.content
    assert done.buttons() == []

    rows = await enrolments(kindred)
    assert enrolment_status(kindred, rows, asha.id) is None
    assert enrolment_status(kindred, rows, ben.id) == "enrolled"
    assert "a place opened" in kindred.driver.dms_to(ben)[-1]["content"]
    case = await kindred.services.db.fetchone("SELECT * FROM crisis_cases")
    assert case["user_id"] is None
    assert case["excerpt"] is None
    assert case["level"] == "urgent"


@pytest.mark.sqlite_only(reason="reads SQLite's own files and write-ahead log")
async def test_delete_leaves_no_byte_of_the_member_in_the_database_files(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    w = kindred.world
    asha, maya = w.member("Asha"), w.member("Maya")
    markers = {
        "crisis message": URGENT + " qx9-crisis",
        "hidden message": "you're a pathetic idiot qx9-hidden",
        "appeal": "qx9-appeal I was quoting my neurologist",
        "moderator note": "qx9-note seemed very low in voice chat",
    }
    await kindred.driver.post(asha, w.channels["general"], markers["crisis message"])
    await kindred.driver.post(asha, w.channels["general"], markers["hidden message"])
    notice = kindred.driver.dms_to(asha)[-1]
    opened = await kindred.driver.click(asha, notice, "guidelines:appeal:1")
    assert opened.modal is not None
    field = opened.modal["inputs"][0]["custom_id"]
    await kindred.driver.submit_modal(asha, opened, {field: markers["appeal"]})
    await kindred.driver.command(
        maya, "mod note", {"member": asha, "note": markers["moderator note"]}
    )
    path = kindred.services.db.path
    assert set(residue(path, traces_of(asha.id, markers))) >= {
        f"{name} in kindred.sqlite3-wal" for name in markers
    }

    asked = await kindred.driver.command(asha, "privacy delete")
    await kindred.driver.click(asha, asked, f"privacy:erase:{asha.id}")

    assert residue(path, traces_of(asha.id, markers)) == {}  # with the bot still running


async def test_only_the_member_named_on_the_button_can_press_it(kindred: Kindred) -> None:
    await configure(kindred)
    asha, ben = kindred.world.member("Asha"), kindred.world.member("Ben")
    await kindred.driver.post(asha, kindred.world.channels["general"], URGENT)
    asked = await kindred.driver.command(asha, "privacy delete")
    refused = await kindred.driver.click(ben, asked, f"privacy:erase:{asha.id}")
    assert "for the person who asked" in refused.text
    assert refused.ephemeral
    assert (
        await kindred.services.db.fetchval(
            "SELECT count(*) FROM crisis_cases WHERE user_id = ?", (asha.id,)
        )
        == 1
    )


async def test_privacy_works_in_direct_messages_too(kindred: Kindred) -> None:
    await configure(kindred)
    await kindred.bot.tree.sync()  # global commands (the tests sync to the demo server only)
    isla = kindred.world.member("Isla")
    await kindred.driver.post(isla, kindred.world.channels["general"], URGENT)

    shown = await kindred.driver.command(isla, "privacy show", dm=True)
    assert "Crisis support" in shown.text
    asked = await kindred.driver.command(isla, "privacy delete", dm=True)
    done = await kindred.driver.click(isla, asked, f"privacy:erase:{isla.id}")
    assert "every server you share" in done.content
    assert (
        await kindred.services.db.fetchval(
            "SELECT count(*) FROM crisis_cases WHERE user_id = ?", (isla.id,)
        )
        == 0
    )


async def test_a_member_leaving_ends_their_enrolment_and_the_next_person_is_told(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await one_place_cohort(kindred)
    w = kindred.world
    asha, ben = w.member("Asha"), w.member("Ben")
    await join(kindred, asha)
    await join(kindred, ben)

    kindred.fake.remove_member(w.guild.id, asha.id)
    await kindred.driver.settle()

    rows = await enrolments(kindred)
    assert enrolment_status(kindred, rows, asha.id) == "left"  # then follows retention
    assert enrolment_status(kindred, rows, ben.id) == "enrolled"
    assert "a place opened" in kindred.driver.dms_to(ben)[-1]["content"]


async def test_every_job_kind_says_whether_it_points_at_a_members_rows(kindred: Kindred) -> None:
    """A new job kind must be classified in cogs/privacy/service.py (cancelled on erase or not)."""
    registered = set(kindred.services.jobs._handlers)
    member = {job.kind for job in MEMBER_JOBS}
    assert member.isdisjoint(NO_MEMBER_JOB_KINDS)
    assert registered == member | set(NO_MEMBER_JOB_KINDS)
