"""The crisis lane end to end: the real discord.py client against the local stand-in."""

from __future__ import annotations

import pytest

from sandbox.driver import CommandHidden
from tests.conftest import Kindred, running_kindred
from tests.integration.helpers import configure

URGENT = "I've saved up my pills and I'm going to take them all tonight. Goodbye everyone."
CONCERN = "Honestly I keep wishing I could just go to sleep and not wake up."


def staff_messages(k: Kindred) -> list[dict]:
    return k.driver.sent_to_channel(k.world.channels["staff"])


async def test_an_urgent_message_opens_a_case_tells_the_member_and_pages_on_call(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    posted = await kindred.driver.post(asha, kindred.world.channels["general"], URGENT)

    case = await kindred.bot.services.lanes.crisis.cases.for_message(int(posted["id"]))
    assert case is not None
    assert case.level == "urgent"
    assert case.member_notified == "dm"

    dm = kindred.driver.dms_to(asha)[-1]["content"]
    assert "Tele-MANAS" in dm
    assert "14416" in dm
    assert "**112**" in dm
    assert "not been removed" in dm

    alert = staff_messages(kindred)[-1]
    oncall = kindred.world.roles["oncall"]["id"]
    assert f"<@&{oncall}>" in alert["content"]
    sent = kindred.fake.requests_to("POST", rf"/channels/{alert['channel_id']}/messages")[-1]
    assert [str(r) for r in sent.json["allowed_mentions"]["roles"]] == [str(oncall)]
    fields = {f["name"]: f["value"] for f in alert["embeds"][0]["fields"]}
    assert fields["Member"] == f"<@{asha.id}>"
    assert posted["id"] in fields["Message"]
    labels = [c["label"] for row in alert["components"] for c in row["components"]]
    assert labels == ["Claim", "Resolve", "False alarm"]

    # The member's message is never deleted or hidden.
    assert any(m["id"] == posted["id"] for m in kindred.fake.messages_in(posted["channel_id"]))


async def test_an_unclaimed_case_escalates_to_backup_and_coordinators_until_claimed(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await kindred.driver.post(
        kindred.world.member("Ben"), kindred.world.channels["general"], URGENT
    )
    jobs = kindred.services.jobs
    before = len(staff_messages(kindred))

    kindred.clock.advance(minutes=9)
    await jobs.run_due()
    assert len(staff_messages(kindred)) == before  # not yet

    kindred.clock.advance(minutes=1)
    await jobs.run_due()
    await kindred.driver.settle()
    escalation = staff_messages(kindred)[-1]
    assert f"<@&{kindred.world.roles['backup']['id']}>" in escalation["content"]
    assert "not been claimed after 10 minutes" in escalation["content"]
    priya = kindred.world.coordinator
    assert "has not been claimed" in kindred.driver.dms_to(priya)[-1]["content"]

    kindred.clock.advance(minutes=10)
    await jobs.run_due()  # repeats until claimed
    assert len(staff_messages(kindred)) == before + 2

    alert = staff_messages(kindred)[before - 1]
    maya = kindred.world.member("Maya")
    result = await kindred.driver.click(
        maya, alert, alert["components"][0]["components"][0]["custom_id"]
    )
    assert "You claimed case" in result.text
    kindred.clock.advance(hours=2)
    await jobs.run_due()
    assert len(staff_messages(kindred)) == before + 2  # no more escalations


async def test_closed_dms_fall_back_to_a_private_thread(kindred: Kindred) -> None:
    await configure(kindred)
    chloe = kindred.world.member("Chloe")
    kindred.fake.close_dms(chloe.id)
    posted = await kindred.driver.post(chloe, kindred.world.channels["general"], CONCERN)

    case = await kindred.bot.services.lanes.crisis.cases.for_message(int(posted["id"]))
    assert case is not None
    assert case.member_notified == "thread"
    threads = kindred.fake.threads_in(kindred.world.channels["general"]["id"])
    assert len(threads) == 1
    assert threads[0]["type"] == 12  # private thread
    note = kindred.driver.sent_to_channel(threads[0])[-1]["content"]
    assert f"<@{chloe.id}>" in note
    assert "Tele-MANAS" in note


async def test_without_a_staff_channel_the_coordinators_are_dmed(kindred: Kindred) -> None:
    w = kindred.world
    await kindred.driver.command(w.owner, "setup set", {"coordinator_role": w.roles["coordinator"]})
    await kindred.driver.post(w.member("Dev"), w.channels["general"], URGENT)
    dm = kindred.driver.dms_to(w.coordinator)[-1]["content"]
    assert "could not be posted in the staff channel" in dm
    assert f"<@{w.member('Dev').id}>" in dm


async def test_a_deadline_pending_at_shutdown_still_escalates_after_restart(
    fake, world, db_url: str, clock, data_files
) -> None:
    async with running_kindred(fake, world, db_url, clock, data_files) as first:
        await configure(first)
        await first.driver.post(world.member("Elena"), world.channels["general"], URGENT)
        alerts_before = len(staff_messages(first))

    clock.advance(minutes=30)  # the bot was down past the deadline
    async with running_kindred(fake, world, db_url, clock, data_files) as second:
        await second.driver.settle()
        escalations = staff_messages(second)[alerts_before:]
        assert len(escalations) == 1
        assert "has not been claimed after 30 minutes" in escalations[0]["content"]
        job = await second.services.jobs.repo.get("crisis_deadline", 1)
        assert job is not None
        assert job.status == "pending"


async def test_an_edit_that_turns_a_message_into_a_disclosure_opens_a_case(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    farid = kindred.world.member("Farid")
    posted = await kindred.driver.post(farid, kindred.world.channels["general"], "rough week")
    assert kindred.driver.dms_to(farid) == []
    await kindred.driver.edit(posted, "rough week. " + CONCERN)
    case = await kindred.bot.services.lanes.crisis.cases.for_message(int(posted["id"]))
    assert case is not None
    assert case.source == "edit"
    assert len(kindred.driver.dms_to(farid)) == 1


async def test_a_member_gets_at_most_one_crisis_message_an_hour(kindred: Kindred) -> None:
    await configure(kindred)
    grace = kindred.world.member("Grace")
    general = kindred.world.channels["general"]
    await kindred.driver.post(grace, general, CONCERN)
    second = await kindred.driver.post(grace, general, URGENT)
    assert len(kindred.driver.dms_to(grace)) == 1
    case = await kindred.bot.services.lanes.crisis.cases.for_message(int(second["id"]))
    assert case is not None
    assert case.member_notified == "cooldown"
    assert len(staff_messages(kindred)) == 2  # staff still see both

    kindred.clock.advance(minutes=61)
    await kindred.driver.post(grace, general, CONCERN + " still.")
    assert len(kindred.driver.dms_to(grace)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "this fatigue is killing me today",
        "my legs are dead after that walk",
        "I'm not suicidal, just exhausted and fed up with MS",
        "Years ago I attempted suicide; I'm in a much better place now.",
    ],
)
async def test_negations_idioms_and_recovered_pasts_stay_quiet(kindred: Kindred, text: str) -> None:
    await configure(kindred)
    before = len(kindred.fake.requests)
    hiro = kindred.world.member("Hiro")
    await kindred.driver.post(hiro, kindred.world.channels["general"], text)
    assert kindred.fake.requests[before:] == []
    assert kindred.driver.dms_to(hiro) == []


async def test_a_dm_to_the_bot_is_screened_too(kindred: Kindred) -> None:
    await configure(kindred)
    isla = kindred.world.member("Isla")
    await kindred.driver.dm(isla, URGENT)
    assert "Tele-MANAS" in kindred.driver.dms_to(isla)[-1]["content"]
    assert f"<@{isla.id}>" in str(staff_messages(kindred)[-1]["embeds"])


async def test_plain_members_cannot_use_crisis_commands(kindred: Kindred) -> None:
    await configure(kindred)
    jon = kindred.world.member("Jon")
    with pytest.raises(CommandHidden):
        await kindred.driver.command(jon, "crisis report")
    result = await kindred.driver.command(jon, "crisis report", bypass_default_permissions=True)
    assert result.ephemeral
    assert "for the moderators" in result.content


async def test_plain_members_cannot_press_alert_buttons(kindred: Kindred) -> None:
    await configure(kindred)
    await kindred.driver.post(
        kindred.world.member("Asha"), kindred.world.channels["general"], URGENT
    )
    alert = staff_messages(kindred)[-1]
    claim = alert["components"][0]["components"][0]["custom_id"]
    result = await kindred.driver.click(kindred.world.member("Ben"), alert, claim)
    assert result.ephemeral
    assert "for the moderators" in result.text
    case = await kindred.bot.services.lanes.crisis.cases.get(1)
    assert case is not None
    assert case.status == "open"


async def test_resolving_needs_a_reason_and_schedules_a_follow_up(kindred: Kindred) -> None:
    await configure(kindred)
    await kindred.driver.post(
        kindred.world.member("Asha"), kindred.world.channels["general"], CONCERN
    )
    alert = staff_messages(kindred)[-1]
    sam = kindred.world.member("Sam")
    resolve = alert["components"][0]["components"][1]["custom_id"]
    opened = await kindred.driver.click(sam, alert, resolve)
    assert opened.modal is not None
    inputs = opened.modal["inputs"]
    assert inputs[0]["required"] is True
    done = await kindred.driver.submit_modal(
        sam, opened, {inputs[0]["custom_id"]: "Talked by DM; she is safe and has her sister over."}
    )
    assert "resolved" in done.content
    case = await kindred.bot.services.lanes.crisis.cases.get(1)
    assert case is not None
    assert case.status == "resolved"
    assert case.claimed_by == sam.id

    kindred.clock.advance(days=1)
    await kindred.services.jobs.run_due()
    await kindred.driver.settle()
    assert "Follow-up" in kindred.driver.dms_to(sam)[-1]["content"]
    record = await kindred.driver.command(sam, "crisis case", {"case": case.label.lower()})
    for step in ("opened", "member_dm", "staff_alerted", "resolved", "followup_sent"):
        assert step in record.content


async def test_resources_are_private_and_open_no_case(kindred: Kindred) -> None:
    await configure(kindred)
    result = await kindred.driver.command(
        kindred.world.member("Ben"), "resources", {"country": "GB"}
    )
    assert result.ephemeral
    assert "Samaritans" in result.content
    assert "999" in result.content
    assert await kindred.bot.services.lanes.crisis.cases.get(1) is None


async def test_false_alarms_are_counted_by_rule_in_the_report(kindred: Kindred) -> None:
    await configure(kindred)
    await kindred.driver.post(
        kindred.world.member("Asha"), kindred.world.channels["general"], CONCERN
    )
    alert = staff_messages(kindred)[-1]
    maya = kindred.world.member("Maya")
    opened = await kindred.driver.click(
        maya, alert, alert["components"][0]["components"][2]["custom_id"]
    )
    await kindred.driver.submit_modal(
        maya, opened, {opened.modal["inputs"][0]["custom_id"]: "TV plot"}
    )
    kindred.clock.advance(minutes=5)
    report = await kindred.driver.command(maya, "crisis report")
    assert "1 false alarm" in report.content
    assert "False alarms by rule: " in report.content
    assert "none" not in report.content.split("False alarms by rule: ")[1]


async def test_a_moderator_can_open_a_case_by_hand(kindred: Kindred) -> None:
    await configure(kindred)
    maya = kindred.world.member("Maya")
    jon = kindred.world.member("Jon")
    result = await kindred.driver.command(
        maya, "crisis open", {"member": jon, "level": "concern", "note": "quiet for weeks"}
    )
    assert "Opened case " in result.text
    assert "Tele-MANAS" in kindred.driver.dms_to(jon)[-1]["content"]


async def test_transient_dm_failures_are_retried(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    kindred.fake.fail_next("POST", r"/channels/\d+/messages$", 503, times=2)
    posted = await kindred.driver.post(asha, kindred.world.channels["general"], CONCERN)
    case = await kindred.bot.services.lanes.crisis.cases.for_message(int(posted["id"]))
    assert case is not None
    assert case.member_notified == "dm"
    assert "Tele-MANAS" in kindred.driver.dms_to(asha)[-1]["content"]


async def test_a_member_who_cannot_be_reached_is_never_marked_notified(kindred: Kindred) -> None:
    await configure(kindred)
    ben = kindred.world.member("Ben")
    kindred.fake.close_dms(ben.id)
    kindred.fake.fail_next(
        "POST", r"/channels/\d+/threads$", 403, {"code": 50013, "message": "Missing Permissions"}
    )
    posted = await kindred.driver.post(ben, kindred.world.channels["general"], URGENT)
    case = await kindred.bot.services.lanes.crisis.cases.get(1)
    assert case is not None
    assert case.message_id == int(posted["id"])
    assert case.member_notified == "failed"
    assert case.member_notified_at is None
    fields = {f["name"]: f["value"] for f in staff_messages(kindred)[-1]["embeds"][0]["fields"]}
    assert "COULD NOT BE REACHED" in fields["Member contact"]


async def test_a_staff_channel_that_keeps_failing_falls_back_to_coordinators(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    staff_id = kindred.world.channels["staff"]["id"]
    kindred.fake.fail_next(
        "POST",
        rf"/channels/{staff_id}/messages$",
        403,
        {"code": 50001, "message": "Missing Access"},
    )
    await kindred.driver.post(
        kindred.world.member("Chloe"), kindred.world.channels["general"], URGENT
    )
    # The next step of the chain is the on-call role (Maya), who gets the case by DM.
    maya = kindred.world.member("Maya")
    assert "could not be posted in the staff channel" in kindred.driver.dms_to(maya)[-1]["content"]
    events = await kindred.bot.services.lanes.crisis.cases.events(1)
    kinds = [e.kind for e in events]
    assert "staff_alerted" not in kinds
    assert "staff_dm_oncall" in kinds


async def test_excerpts_are_erased_after_the_retention_period(kindred: Kindred) -> None:
    await configure(kindred)
    await kindred.driver.post(
        kindred.world.member("Dev"), kindred.world.channels["general"], CONCERN
    )
    cases = kindred.bot.services.lanes.crisis.cases
    kindred.clock.advance(days=89)
    await kindred.services.jobs.run_due()
    case = await cases.get(1)
    assert case is not None
    assert case.excerpt is not None
    kindred.clock.advance(days=2)
    await kindred.services.jobs.run_due()
    case = await cases.get(1)
    assert case is not None
    assert case.excerpt is None
    assert case.reason  # the record stays, without the member's words


async def test_the_crisis_dm_is_short_with_the_urgent_lines_first_and_more_one_tap_away(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    await kindred.driver.post(asha, kindred.world.channels["general"], URGENT)
    dm = kindred.driver.dms_to(asha)[-1]
    first = dm["content"]
    assert len(first) < 400, "the first screen reads at a glance"
    assert "**112**" in first, "the emergency number is never behind a button"
    assert "Tele-MANAS" in first
    assert "14416" in first
    assert "Find A Helpline" not in first
    more = f"crisis:more:{kindred.world.guild.id}"
    assert more in str(dm["components"])

    shown = await kindred.driver.click(asha, dm, more)
    assert not shown.ephemeral  # a DM: a plain message under the first
    text = shown.text
    assert "Free, confidential support for India" in text
    assert "Tele-MANAS" in text
    assert "KIRAN" not in text  # marked `recheck`: not sent until someone checks it
    assert "20 languages" in text
    assert "Find A Helpline" in text
    assert "In an emergency, call **112**." in text
