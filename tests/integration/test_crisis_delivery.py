"""The crisis lane when Discord misbehaves: hangs, deleted channels, closed DMs, restarts.

Each test is one row of issue 11's table, run against the real client and the stand-in.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from cogs.crisis.service import CrisisService
from tests.conftest import Kindred, running_kindred
from tests.integration.helpers import configure

URGENT = "I've saved up my pills and I'm going to take them all tonight. Goodbye everyone."
CONCERN = "Honestly I keep wishing I could just go to sleep and not wake up."
DM_OPEN = r"/users/@me/channels$"


def staff_messages(k: Kindred) -> list[dict]:
    return k.driver.sent_to_channel(k.world.channels["staff"])


def break_staff_channel(
    k: Kindred, status: int = 403, body: dict | None = None, times: int = 50
) -> None:
    """Every post in the staff channel fails (no access by default; 404 as if deleted)."""
    k.fake.fail_next(
        "POST",
        rf"/channels/{k.world.channels['staff']['id']}/messages$",
        status,
        body or {"code": 50001, "message": "Missing Access"},
        times=times,
    )


async def until(check: Callable[[], object], what: str, limit: float = 5.0) -> None:
    """Wait (bounded) until ``check()`` is true: for work running while a request hangs."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not check():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.005)


async def eventually(k: Kindred, case_id: int, check: Callable[..., bool], limit: float = 5.0):
    """The case once ``check(case)`` holds (bounded wait, for work racing a hung request)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while True:
        case = await crisis(k).cases.get(case_id)
        if case is not None and check(case):
            return case
        if loop.time() > deadline:
            raise AssertionError(f"case {case_id} never got there: {case}")
        await asyncio.sleep(0.005)


def crisis(k: Kindred) -> CrisisService:
    return k.bot.services.lanes.crisis


async def test_a_hung_member_dm_does_not_hold_up_the_staff_alert(kindred: Kindred) -> None:
    await configure(kindred)
    kindred.bot.messenger.timeout = 30  # the DM hangs for as long as the test wants
    kindred.fake.fail_next("POST", DM_OPEN, 200, hang=True)
    asha = kindred.world.member("Asha")
    posting = asyncio.create_task(
        kindred.driver.post(asha, kindred.world.channels["general"], URGENT)
    )
    await until(lambda: staff_messages(kindred), "the staff alert while the DM hangs")
    case = await eventually(kindred, 1, lambda c: c.staff_reached is not None)
    assert kindred.driver.dms_to(asha) == []  # the DM is still hanging
    assert case.staff_reached == "channel"
    assert case.member_notified is None
    kindred.fake.release_hangs()
    await posting
    await kindred.driver.settle()


async def test_a_request_discord_never_answers_becomes_a_retry(kindred: Kindred) -> None:
    await configure(kindred)
    kindred.bot.messenger.timeout = 0.05
    kindred.fake.fail_next("POST", DM_OPEN, 200, hang=True)
    asha = kindred.world.member("Asha")
    posting = asyncio.create_task(
        kindred.driver.post(asha, kindred.world.channels["general"], CONCERN)
    )

    case = await eventually(kindred, 1, lambda c: c.member_notified is not None)
    assert case.member_notified == "dm"  # the second attempt went through
    assert "Tele-MANAS" in kindred.driver.dms_to(asha)[-1]["content"]
    kindred.fake.release_hangs()
    await posting


async def test_a_deleted_staff_channel_and_closed_coordinator_dms_reach_on_call(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    w = kindred.world
    break_staff_channel(kindred, 404, {"code": 10003, "message": "Unknown Channel"})
    kindred.fake.close_dms(w.coordinator.id)
    await kindred.driver.post(w.member("Ben"), w.channels["general"], URGENT)
    maya = w.member("Maya")  # on call
    assert "could not be posted in the staff channel" in kindred.driver.dms_to(maya)[-1]["content"]
    case = await crisis(kindred).cases.get(1)
    assert case.staff_reached == "dm_oncall"
    kinds = [e.kind for e in await crisis(kindred).cases.events(1)]
    assert "staff_dm_oncall" in kinds


async def test_when_the_on_call_dms_fail_the_chain_moves_on_to_backup(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    break_staff_channel(kindred)
    kindred.fake.close_dms(w.member("Maya").id)  # on call, DMs closed: the step fails
    await kindred.driver.post(w.member("Ben"), w.channels["general"], URGENT)
    sam = w.member("Sam")  # backup
    assert "could not be posted" in kindred.driver.dms_to(sam)[-1]["content"]
    assert (await crisis(kindred).cases.get(1)).staff_reached == "dm_backup"


async def test_when_nobody_can_be_told_the_case_says_so_and_keeps_trying(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    w = kindred.world
    break_staff_channel(kindred)
    staff_people = [w.owner, w.coordinator, *w.moderators]
    for person in staff_people:
        kindred.fake.close_dms(person.id)
    await kindred.driver.post(w.member("Ben"), w.channels["general"], URGENT)
    case = await crisis(kindred).cases.get(1)
    assert case.staff_reached is None
    events = await crisis(kindred).cases.events(1)
    unreachable = [e for e in events if e.kind == "staff_unreachable"]
    assert unreachable
    assert "dm_owner" in (unreachable[-1].detail or "")
    job = await kindred.services.jobs.repo.get("crisis_alert", 1)
    assert job is not None
    assert job.status == "pending"  # retried, never given up

    for _ in range(8):  # far past MAX_ATTEMPTS: a crisis step never gives up
        kindred.clock.advance(minutes=2)
        await kindred.services.jobs.run_due()
    assert (await kindred.services.jobs.repo.get("crisis_alert", 1)).status == "pending"

    kindred.fake.open_dms(w.coordinator.id)
    kindred.clock.advance(minutes=2)
    await kindred.services.jobs.run_due()
    await kindred.driver.settle()
    told = [m["content"] for m in kindred.driver.dms_to(w.coordinator)]
    assert any("could not be posted in the staff channel" in t for t in told)
    assert (await crisis(kindred).cases.get(1)).staff_reached == "dm_coordinators"
    assert (await kindred.services.jobs.repo.get("crisis_alert", 1)).status == "done"


async def test_a_case_saved_before_a_crash_is_delivered_at_start_up(
    fake, world, db_url: str, clock, data_files
) -> None:
    async with running_kindred(fake, world, db_url, clock, data_files) as first:
        await configure(first)
        member = world.member("Elena")
        # What the lane writes before any Discord call: the case and its steps, one commit.
        from cogs.crisis.policy import first_steps
        from cogs.crisis.service import ALERT, DEADLINE, MEMBER

        settings = await first.services.guild_settings.get(world.guild.id)
        steps = first_steps(
            "urgent", settings, clock.now(), alert=ALERT, member=MEMBER, deadline=DEADLINE
        )
        case = await crisis(first).cases.open_case(
            guild_id=world.guild.id,
            user_id=member.id,
            channel_id=world.channels["general"]["id"],
            message_id=424242,
            source="message",
            level="urgent",
            rules=("plan",),
            reason="Describes a plan.",
            excerpt="marker-crash-before-send",
            now=clock.now(),
            steps=steps,
        )
        assert case is not None
        # ... and the process stops here, before anything was sent.
    assert staff_messages_for(fake, world) == []

    async with running_kindred(fake, world, db_url, clock, data_files) as second:
        await second.driver.settle()
        alerts = staff_messages(second)
        assert any("marker-crash-before-send" in str(m.get("embeds")) for m in alerts)
        assert "Tele-MANAS" in second.driver.dms_to(world.member("Elena"))[-1]["content"]
        saved = await crisis(second).cases.get(case.id)
        assert saved.staff_reached == "channel"
        assert saved.member_notified == "dm"


def staff_messages_for(fake, world) -> list[dict]:
    bot_id = fake.bot_user["id"]
    return [
        m for m in fake.messages_in(world.channels["staff"]["id"]) if m["author"]["id"] == bot_id
    ]


async def test_excerpts_are_quoted_safely_in_the_alert(kindred: Kindred) -> None:
    await configure(kindred)
    text = (
        "I want to kill myself tonight. [open the safety plan](https://evil.example/x) "
        "@everyone **now**"
    )
    await kindred.driver.post(kindred.world.member("Asha"), kindred.world.channels["general"], text)
    alert = staff_messages(kindred)[-1]
    fields = {f["name"]: f["value"] for f in alert["embeds"][0]["fields"]}
    excerpt = fields["Excerpt"]
    assert "https://" not in excerpt
    assert "](" not in excerpt
    assert "@everyone" not in excerpt
    assert "**now**" not in excerpt
    assert "evil.example" in excerpt  # still readable for the moderator
    assert alert.get("mention_everyone") in (None, False)


async def test_case_references_are_not_sequential_numbers(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    await kindred.driver.post(w.member("Asha"), w.channels["general"], URGENT)
    await kindred.driver.post(w.member("Ben"), w.channels["general"], CONCERN)
    first, second = await crisis(kindred).cases.get(1), await crisis(kindred).cases.get(2)
    assert first.label != second.label
    assert "1" not in (first.label, second.label)
    maya = w.member("Maya")
    refused = await kindred.driver.command(maya, "crisis case", {"case": "1"})
    assert "There is no crisis case" in refused.text
    shown = await kindred.driver.command(maya, "crisis case", {"case": second.label})
    assert f"Case {second.label}" in shown.text


async def test_the_moderator_who_loses_a_claim_race_is_told_who_has_it(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    await kindred.driver.post(w.member("Asha"), w.channels["general"], URGENT)
    alert = staff_messages(kindred)[-1]
    claim = alert["components"][0]["components"][0]["custom_id"]
    maya, sam = w.member("Maya"), w.member("Sam")
    await kindred.driver.click(maya, alert, claim)
    # Sam was told by DM a moment earlier and claims by reference: he is told who has it.
    case = await crisis(kindred).cases.get(1)
    lost = await kindred.driver.command(sam, "crisis claim", {"case": case.label})
    assert f"<@{maya.id}>" in lost.text
    assert "already claimed" in lost.text


async def test_a_crisis_case_is_never_opened_for_a_bot(kindred: Kindred) -> None:
    await configure(kindred)
    made = await kindred.services.lanes.crisis.screen_and_respond(
        text=URGENT,
        context=None,
        author_id=999,
        author_is_bot=True,
        guild_id=None,
        channel_id=None,
        message_id=1,
        source="message",
    )
    assert made is None
    assert await crisis(kindred).cases.get(1) is None


async def test_an_abusive_disclosure_stays_up_and_the_alert_says_it_is_abusive(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    text = "You're all worthless idiots and I'm going to kill myself tonight."
    posted = await kindred.driver.post(
        kindred.world.member("Asha"), kindred.world.channels["general"], text
    )
    case = await crisis(kindred).cases.for_message(int(posted["id"]))
    assert case is not None
    assert case.also_abusive == "toxic"
    fields = {f["name"]: f["value"] for f in staff_messages(kindred)[-1]["embeds"][0]["fields"]}
    assert "toxic" in fields["Also abusive"]
    assert kindred.fake.message(posted["id"]) is not None  # not hidden: crisis wins


async def test_the_owner_is_the_last_step_and_gets_no_clinical_detail(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    break_staff_channel(kindred)
    for person in [w.coordinator, *w.moderators]:
        kindred.fake.close_dms(person.id)
    await kindred.driver.post(w.member("Ben"), w.channels["general"], URGENT)
    told = kindred.driver.dms_to(w.owner)[-1]["content"]
    assert "may be at immediate risk" in told
    assert "plan" not in told  # the reason stays with the care team
    assert "pills" not in told  # and so do the member's words
    assert (await crisis(kindred).cases.get(1)).staff_reached == "dm_owner"
