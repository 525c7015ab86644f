"""Crash and fault scenarios for the crisis lane (issue 11: "the case is the outbox").

Each scenario drives a ``CrashRig`` (a real bot process against the stand-in) and raises
``AssertionError`` naming the first expectation that failed. a to e kill the process with
SIGKILL at one step boundary (or under load) and restart it over the same database with a later
clock; f to l inject Discord's faults (a deleted staff channel and closed DMs, bursts of 5xx,
429 rate limits, a member's closed DMs, every staff route failing then recovering, a hanging
DM in the fallback chain, every route to a member failing once), without a kill unless the
scenario says so. ``tests/crash`` runs them as tests; ``bench/bench_crisis_delivery.py`` runs
them and prints, per scenario, how many cases were saved, how many reached a human
(``CrashRig.tally``) and how many of their members were reached (``CrashRig.member_tally``).

What every scenario expects of the crisis lane, stated black-box:

- once a case is saved, it reaches a human (staff channel, else a staff DM) even if the
  process dies at any moment, as soon as it runs again, and whatever Discord answers, as soon
  as one staff route works;
- the member is reached too (by DM, else in a private thread), and a member's hanging DM never
  holds up the staff alert;
- an unclaimed case escalates when its deadline has passed, even if the process died right
  after the first deliveries.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta
from functools import partial

from db.timefmt import from_db
from sandbox.crash import CHAT_LINES, MESSAGE_POST, CrashRig, Disclosure, message_text
from sandbox.snowflake import snowflake_time_ms

# The delivery timeout the scenarios give the bot (KINDRED_DELIVERY_TIMEOUT, seconds).
DELIVERY_TIMEOUT = 1.0
ENV = {"KINDRED_DELIVERY_TIMEOUT": f"{DELIVERY_TIMEOUT:g}"}
# How long something that should happen now (a delivery, a resumed step) may take.
PROMPT = 4.0
# Restarting this much later: past no acknowledgement deadline (urgent: 10 minutes), so what
# arrives after the restart was resumed, not escalated.
SOON = timedelta(minutes=1)
# Restarting this much later: past the urgent deadline.
PAST_URGENT_DEADLINE = timedelta(minutes=11)
# Tries per delivery in the bot process: the first and three retries (sandbox.bot_process), so
# a route that hangs holds one delivery for ATTEMPTS * DELIVERY_TIMEOUT before the chain moves on.
ATTEMPTS = 4
# g: staff-channel posts answered 503 before the route recovers: more than one delivery's
# attempts, so at least one alert meets nothing but 503s and moves on down the chain.
BURST_5XX = 6
# h: the retry_after of a short 429 (discord.py sleeps and retries within one attempt) and of a
# long one (longer than an attempt: the attempt times out while discord.py sleeps).
SHORT_RETRY_AFTER = 0.2
LONG_RETRY_AFTER = 2 * DELIVERY_TIMEOUT
# j: how long after the first restart (still failing) access comes back: a few minutes on, the
# failed alert is due again, and the urgent deadline (10 minutes) has not passed.
RECOVERY = timedelta(minutes=3)
# Forever, for an injected failure: until the scenario sets the injection's ``times`` to 0.
FOREVER = 10**9


def _reached(rig: CrashRig, item: Disclosure) -> bool:
    return rig.reached_human(item.marker, item.member)


async def _member_step(
    rig: CrashRig,
    item: Disclosure,
    what: str,
    timeout: float = PROMPT,  # noqa: ASYNC109
) -> None:
    await rig.wait_for(lambda: rig.member_reached(item.member, item.message), what, timeout)


async def control_no_kill(rig: CrashRig) -> None:
    """Control: with nothing failing, a disclosure reaches staff and the member."""
    await rig.start()
    item = rig.disclose(rig.member("Asha"))
    await rig.wait_for(lambda: _reached(rig, item), "control: the staff alert", PROMPT)
    await rig.wait_for(
        lambda: rig.member_reached(item.member, item.message), "control: the member's DM", PROMPT
    )


async def control_kill_after_deadline_saved(rig: CrashRig) -> None:
    """Control for the restart machinery: killed once the deliveries are done and the
    acknowledgement deadline is in the jobs table, a restart 11 minutes later escalates."""
    await rig.start()
    item = rig.disclose(rig.member("Ben"))
    await rig.wait_for(lambda: _reached(rig, item), "control: the staff alert", PROMPT)
    await rig.wait_for(
        lambda: rig.member_reached(item.member, item.message), "control: the member's DM", PROMPT
    )
    soon = (rig.now + timedelta(minutes=5)).isoformat()
    await rig.wait_for(
        lambda: [j for j in rig.pending_crisis_jobs() if j["due_at"] > soon],
        "control: an acknowledgement deadline in the jobs table",
        PROMPT,
    )
    await rig.kill()
    run = await rig.start(later=PAST_URGENT_DEADLINE)
    await rig.wait_for(
        lambda: rig.escalations(after=run.started_mark),
        "control: after a restart past the deadline, an escalation to backup/coordinators",
        PROMPT,
    )


async def a_kill_while_alert_and_dm_hang(rig: CrashRig) -> None:
    """a. Staff post and member DM both hang; kill once the case row is written; restart."""
    await rig.start()
    member = rig.member("Chloe")
    rig.hang_staff_channel()
    rig.hang_dms_to(member)
    item = rig.disclose(member)
    await rig.wait_for(lambda: rig.case_for(item.message), "a: the case row", PROMPT)
    await rig.kill()
    rig.unhang()
    await rig.start(later=SOON)
    await rig.wait_for(
        lambda: _reached(rig, item),
        "a: after kill -9 (staff post and DM hanging) and a restart, a staff alert with the "
        "marker (the saved case was not resumed at start-up)",
        PROMPT,
    )
    await rig.wait_for(
        lambda: rig.member_reached(member, item.message),
        "a: after the restart, the member's DM (the saved case was not resumed at start-up)",
        PROMPT,
    )


async def b_kill_while_dm_hangs(rig: CrashRig) -> None:
    """b. Only the member's DM hangs: the staff alert must not wait for it; kill; restart."""
    await rig.start()
    member = rig.member("Dev")
    dm_route = rf"^/channels/{rig.dm_channel_id(member)}/messages$"
    rig.hang(dm_route)
    item = rig.disclose(member)
    alerts = await rig.wait_for(
        lambda: rig.staff_posts(item.marker),
        "b: the staff alert while the member's DM hangs (the alert waits for the DM)",
        PROMPT,
    )
    dm_requests = rig.fake.requests_to("POST", dm_route)
    if dm_requests:
        alerted_at = snowflake_time_ms(int(alerts[0]["id"])) / 1000
        waited = alerted_at - dm_requests[0].timestamp
        assert waited < DELIVERY_TIMEOUT, (
            f"b: the staff alert came {waited:.2f} s after the member's DM was sent, i.e. only "
            f"once the DM timed out ({DELIVERY_TIMEOUT:g} s): it must not wait for the DM"
        )
    await rig.kill()
    rig.unhang()
    await rig.start(later=SOON)
    await rig.wait_for(
        lambda: rig.member_reached(member, item.message),
        "b: after kill -9 while the DM hung and a restart, the member's DM (not resumed)",
        PROMPT,
    )


async def c_kill_while_alert_hangs(rig: CrashRig) -> None:
    """c. Only the staff post hangs; kill while it hangs; restart: the alert arrives."""
    await rig.start()
    staff_route = rf"^/channels/{rig.world.channels['staff'].id}/messages$"
    rig.hang(staff_route)
    item = rig.disclose(rig.member("Elena"))
    await rig.wait_for(lambda: rig.case_for(item.message), "c: the case row", PROMPT)
    await rig.wait_for(
        lambda: rig.fake.requests_to("POST", staff_route), "c: the staff post (hanging)", PROMPT
    )
    await rig.kill()
    rig.unhang()
    await rig.start(later=SOON)
    await rig.wait_for(
        lambda: _reached(rig, item),
        "c: after kill -9 while the staff post hung and a restart, a staff alert with the "
        "marker (the saved case was not resumed at start-up)",
        PROMPT,
    )
    await _member_step(rig, item, "c: the member's DM (before the kill or after the restart)")


async def d_kill_right_after_both_delivered(rig: CrashRig) -> None:
    """d. Killed the instant the second of (staff alert, member DM) is delivered, before the
    bot hears back; restarted 11 minutes later: the unclaimed urgent case escalates."""
    await rig.start()
    member = rig.member("Farid")
    item = rig.disclose(member)
    rig.kill_when(lambda: rig.staff_posts(item.marker) and rig.member_reached(member, item.message))
    await rig.wait_for(
        lambda: not rig.alive, "d: both deliveries (the process is killed right after)", PROMPT
    )
    run = await rig.start(later=PAST_URGENT_DEADLINE)
    await rig.wait_for(
        lambda: rig.escalations(after=run.started_mark),
        "d: after kill -9 right after both deliveries and a restart 11 minutes later, an "
        "escalation to the backup role or coordinators (the acknowledgement deadline was not "
        "saved before the Discord calls)",
        PROMPT,
    )


async def e_kill_under_load(
    rig: CrashRig, *, messages: int = 500, every: int = 50, settle: float = 6.0
) -> tuple[int, int]:
    """e. ``messages`` chat lines, one in ``every`` a disclosure from its own member (concern
    and urgent in turn). The first half goes out; the bot is killed -9 once each of its
    disclosures has a saved case, while a delivery is in flight; it restarts and the second half
    goes out. Every saved case must reach a human, every disclosure must have a saved case
    and every member must be reached (within ``settle`` seconds). Returns (saved, reached);
    raises when some did not."""
    crisis = messages // every
    chatters = list(rig.world.members)
    authors = iter([rig.add_member(f"Crisis{n:03d}") for n in range(crisis)])
    await rig.start()

    def flood(lines: range) -> int:
        disclosed = 0
        for i in lines:
            if i % every == every // 2:
                level = "urgent" if (i // every) % 2 else "concern"
                rig.disclose(next(authors), level=level, index=i // every)
                disclosed += 1
            else:
                rig.post(chatters[i % len(chatters)], CHAT_LINES[i % len(CHAT_LINES)])
        return disclosed

    first_half = range(messages // 2)
    disclosed = sum(1 for i in first_half if i % every == every // 2)

    def all_saved() -> bool:
        return len(rig.cases()) >= disclosed

    # The kill: at the first Discord call the bot makes once every first-half disclosure has
    # its case while some case has not reached anyone yet (a delivery in flight), right after
    # the stand-in handled it.
    rig.kill_when(lambda: all_saved() and rig.tally()[1], method=None, path_regex=".")
    for batch in range(0, len(first_half), 25):
        flood(first_half[batch : batch + 25])
        await asyncio.sleep(0)  # let the stand-in serve the bot while the flood goes out
    await rig.wait_for(
        lambda: not rig.alive or (all_saved() and not rig.tally()[1]),
        f"e: a saved case for each of the {disclosed} disclosures before the kill",
        max(PROMPT, messages / 100),
    )
    if rig.alive:  # every case was delivered before the bot made another call
        await rig.kill()
    await rig.start(later=SOON)
    second_half = range(messages // 2, messages)
    for batch in range(0, len(second_half), 25):
        flood(second_half[batch : batch + 25])
        await asyncio.sleep(0)
    total = len(rig.disclosures)

    def settled() -> bool:
        saved, missed = rig.tally()
        return saved >= total and not missed and not rig.member_tally()[1]

    with contextlib.suppress(AssertionError):  # reported below, with the numbers
        await rig.wait_for(
            settled, "e: every disclosure saved, reached a human, its member reached", settle
        )
    saved, missed = rig.tally()
    reached = saved - len(missed)
    if missed:
        markers = ", ".join(d.marker for d in missed[:10])
        raise AssertionError(
            f"e: {len(missed)} of {saved} saved cases never reached a human after kill -9 "
            f"under load and a restart (markers {markers}); saved {saved}, reached {reached}"
        )
    if saved < total:
        raise AssertionError(f"e: only {saved} of the {total} disclosures have a saved case")
    members_missed = await _members_after_retries(rig, rig.member_tally()[1])
    if members_missed:
        markers = ", ".join(d.marker for d in members_missed[:10])
        raise AssertionError(
            f"e: {len(members_missed)} of {saved} members never reached after kill -9 under "
            f"load and a restart (markers {markers})\n"
            + "\n".join(rig.member_step_state(d) for d in members_missed[:10])
            + f"\n{rig.diagnostics()}"
        )
    return saved, reached


async def _members_after_retries(rig: CrashRig, missed: list[Disclosure]) -> list[Disclosure]:
    """The members of ``missed`` still not reached once their steps' retries have had a chance.

    The bot's clock stands still between starts, so a member step that failed for a passing
    reason (a DM that timed out on a loaded machine) and was set to retry 15 s later, as it
    would be in production, runs only when time moves on: when every such step is pending, the
    bot is restarted at the latest retry and given ``PROMPT`` to reach them. Anything else (no
    case, no job, a step done or given up without reaching the member) is returned as it is.
    """
    jobs = [rig.member_job(d)[1] for d in missed]
    if not missed or any(job is None or job["status"] != "pending" for job in jobs):
        return missed
    retry_at = max(from_db(str(job["due_at"])) for job in jobs if job is not None)
    print(f"{len(missed)} member step(s) set to retry; restarting at {retry_at.isoformat()}")
    await rig.kill()
    await rig.start(now=max(rig.now, retry_at))
    with contextlib.suppress(AssertionError):  # the caller reports who is left
        await rig.wait_for(
            lambda: not rig.member_tally()[1], "the members reached once retried", PROMPT
        )
    return rig.member_tally()[1]


async def f_oncall_dmed_without_staff_channel(rig: CrashRig) -> None:
    """f. The staff channel was deleted and every coordinator's DMs are closed: someone on
    the on-call or backup role (DMs open) is DMed about the case."""
    for person in rig.holders("coordinator"):
        rig.fake.close_dms(person.id)
    rig.fake.delete_channel(rig.world.channels["staff"].id)
    await rig.write_setup()
    await rig.start()
    item = rig.disclose(rig.member("Grace"))
    await rig.wait_for(lambda: rig.case_for(item.message), "f: the case row", PROMPT)
    people = rig.holders("oncall") + rig.holders("backup")
    needles = (item.marker, f"<@{item.member.id}>")
    await rig.wait_for(
        lambda: rig.dms(people, needles),
        "f: with no staff channel and the coordinators' DMs closed, a DM to the on-call or "
        "backup role",
        PROMPT,
    )
    await _member_step(rig, item, "f: the member's DM (their DMs are open)")


async def f_every_dm_fails(rig: CrashRig) -> None:
    """f. No staff channel and nobody on staff takes DMs: the case says nobody was alerted,
    and the work stays pending (also across a kill -9 and a restart past the deadline)."""
    for person in rig.staff_people():
        rig.fake.close_dms(person.id)
    rig.fake.delete_channel(rig.world.channels["staff"].id)
    await rig.write_setup()
    await rig.start()
    item = rig.disclose(rig.member("Hiro"))
    case = await rig.wait_for(lambda: rig.case_for(item.message), "f: the case row", PROMPT)

    def staff_events() -> list[str]:
        return [
            e["kind"]
            for e in rig.case_events(case["id"])
            if e["kind"] != "opened" and not e["kind"].startswith("member")
        ]

    await rig.wait_for(
        lambda: staff_events() and rig.pending_crisis_jobs(),
        "f: an event on the case about the failed staff alert, and a pending crisis job",
        PROMPT,
    )
    before = len(staff_events())
    fresh = rig.case_for(item.message)
    assert fresh is not None
    assert fresh["alerted_at"] is None, "f: the case says staff were alerted; nobody was"
    await rig.kill()
    await rig.start(later=PAST_URGENT_DEADLINE)
    await rig.wait_for(
        lambda: len(staff_events()) > before and rig.pending_crisis_jobs(),
        "f: after a restart past the deadline, another recorded attempt and still a pending job",
        PROMPT,
    )


async def g_5xx_bursts(rig: CrashRig) -> None:
    """g. Bursts of 5xx while three members disclose at once: the staff channel's message
    route answers 503 to its first ``BURST_5XX`` posts, opening a DM channel answers 503 twice
    and one member's DM 502 once (discord.py sleeps a second before retrying a 502 itself, so
    that attempt times out). No kill. Every case reaches a human (the staff channel, or the DM
    chain for an alert whose every attempt met the burst), and every member."""
    await rig.start()
    members = [rig.member(name) for name in ("Asha", "Ben", "Chloe")]
    rig.fail(rig.staff_route, 503, times=BURST_5XX)
    rig.fail(r"^/users/@me/channels$", 503, times=2)
    rig.fail(rig.dm_route(members[1]), 502)
    items = [
        rig.disclose(m, level="urgent" if n % 2 == 0 else "concern", index=n)
        for n, m in enumerate(members)
    ]
    patience = PROMPT + ATTEMPTS * DELIVERY_TIMEOUT
    await rig.wait_for(
        lambda: all(_reached(rig, item) for item in items),
        f"g: with the staff channel answering 503 to its first {BURST_5XX} posts, a staff "
        "alert (channel or DM) for each of the three cases",
        patience,
    )
    for item in items:
        await _member_step(
            rig, item, f"g: the member's DM through the 5xx burst ({item.marker})", patience
        )
    served = [r for r in rig.fake.requests_to("POST", rig.staff_route) if r.status == 503]
    assert len(served) == BURST_5XX, (
        f"g: the stand-in answered 503 to {len(served)} staff posts, not {BURST_5XX}: the "
        "burst was not exercised"
    )


async def h_429_rate_limits(rig: CrashRig) -> None:
    """h. 429s with ``retry_after`` on message posts, in Discord's shape (discord.py honours
    them). No kill. Two rounds; every case must reach a human and every member:

    1. every message post (staff channel, DMs, threads) is rate limited for its first four
       tries, ``retry_after`` 0.2 s (discord.py sleeps and retries within one attempt), while
       two members disclose;
    2. the staff channel answers one 429 whose ``retry_after`` is longer than an attempt's
       timeout (the attempt times out while discord.py sleeps; the next one goes through).
    """
    await rig.start()
    short = rig.fail(MESSAGE_POST, 429, times=4, retry_after=SHORT_RETRY_AFTER)
    await _rate_limited_round(
        rig, f"every message post rate limited 4 times ({SHORT_RETRY_AFTER:g} s)", "Asha", "Ben"
    )
    assert short.times == 0, "h: the short 429s were not all served"
    long = rig.fail(rig.staff_route, 429, retry_after=LONG_RETRY_AFTER)
    await _rate_limited_round(rig, f"a staff-channel 429 of {LONG_RETRY_AFTER:g} s", "Chloe")
    assert long.times == 0, "h: the long 429 was not served"


async def h2_global_429_longer_than_an_attempt(rig: CrashRig) -> None:
    """h2. One global 429 (``"global": true``) on the staff channel with a ``retry_after``
    longer than a delivery attempt's timeout. No kill. discord.py holds every request until
    the limit is over; the attempt times out meanwhile and a later one must go through, so the
    case reaches a human and the member, as in h."""
    await rig.start()
    rig.fail(rig.staff_route, 429, retry_after=LONG_RETRY_AFTER, is_global=True)
    item = rig.disclose(rig.member("Dev"))
    await rig.wait_for(
        lambda: [r for r in rig.fake.requests_to("POST", rig.staff_route) if r.status == 429],
        "h2: the staff post (answered with the global 429)",
        PROMPT,
    )
    limited_at = next(
        n for n, r in enumerate(rig.fake.requests) if r.status == 429 and r.method == "POST"
    )
    patience = PROMPT + LONG_RETRY_AFTER  # the limit is over, and then some
    try:
        await rig.wait_for(
            lambda: _reached(rig, item) and rig.member_reached(item.member, item.message),
            "h2: a staff alert and the member's DM after the global 429",
            patience,
        )
    except AssertionError as exc:
        later = rig.fake.requests[limited_at + 1 :]
        calls = ", ".join(f"{r.method} {r.path}" for r in later[:3]) or "none"
        raise AssertionError(
            f"h2: after one global 429 (retry_after {LONG_RETRY_AFTER:g} s, longer than the "
            f"{DELIVERY_TIMEOUT:g} s attempt timeout), {patience:g} s without a staff alert "
            f"(reached: {_reached(rig, item)}) or the member's DM "
            f"(reached: {rig.member_reached(item.member, item.message)}); the bot made "
            f"{len(later)} REST call(s) after the 429 ({calls})\n{exc}"
        ) from exc


async def _rate_limited_round(rig: CrashRig, what: str, *names: str) -> None:
    """``names`` disclose; each case must reach a human and each member, through the 429s."""
    patience = PROMPT + ATTEMPTS * DELIVERY_TIMEOUT
    items = [rig.disclose(rig.member(name), index=n) for n, name in enumerate(names)]
    for item in items:
        await rig.wait_for(
            partial(_reached, rig, item), f"h: {what}: a staff alert ({item.marker})", patience
        )
        await _member_step(rig, item, f"h: {what}: the member's DM ({item.marker})", patience)


async def i_member_dms_closed(rig: CrashRig) -> None:
    """i. The member's DMs are closed. No kill. Staff are alerted, the member is reached in a
    private thread where they wrote (never by DM), and the alert says so."""
    await rig.start()
    member = rig.member("Isla")
    rig.fake.close_dms(member.id)
    item = rig.disclose(member, level="concern")
    await rig.wait_for(lambda: _reached(rig, item), "i: the staff alert", PROMPT)
    await _member_step(
        rig, item, "i: with the member's DMs closed, a private thread mentioning them"
    )
    assert not rig.dms([member], after=int(item.message["id"])), (
        "i: the stand-in delivered a DM to a member whose DMs are closed"
    )
    await rig.wait_for(
        lambda: [m for m in rig.staff_posts(item.marker) if "private thread" in message_text(m)],
        "i: the staff alert saying the member was told in a private thread",
        PROMPT,
    )


async def j_staff_unreachable_then_recovers(rig: CrashRig) -> None:
    """j. Every staff route fails for a while: the staff channel answers 403 Missing Access
    and every staff member's DMs are closed. The case records that nobody was told and its
    alert stays pending; restarted a minute later, still failing, it tries and records again.
    Then access comes back (the channel takes posts, DMs open) and the bot is restarted a few
    minutes on (before the urgent deadline): the case reaches a human. The member (DMs open)
    is reached from the start. The restarts are kill -9: the fake clock only moves between
    runs."""
    blocked = rig.fail(rig.staff_route, 403, times=FOREVER, code=50001, message="Missing Access")
    staff = rig.staff_people()
    for person in staff:
        rig.fake.close_dms(person.id)
    await rig.start()
    item = rig.disclose(rig.member("Jon"))
    case = await rig.wait_for(lambda: rig.case_for(item.message), "j: the case row", PROMPT)

    def unreachable() -> int:
        return sum(1 for e in rig.case_events(case["id"]) if e["kind"] == "staff_unreachable")

    def alert_pending() -> bool:
        return any(j["kind"] == "crisis_alert" for j in rig.pending_crisis_jobs())

    await rig.wait_for(
        lambda: unreachable() and alert_pending(),
        "j: with every staff route failing, a staff_unreachable event and the alert pending",
        PROMPT,
    )
    await _member_step(rig, item, "j: the member's DM (their DMs are open)")
    await rig.kill()
    await rig.start(later=SOON)
    await rig.wait_for(
        lambda: unreachable() >= 2 and alert_pending(),
        "j: restarted a minute later, still failing: another recorded attempt, still pending",
        PROMPT,
    )
    assert not _reached(rig, item), "j: reached staff while every staff route was failing"
    blocked.times = 0
    for person in staff:
        rig.fake.open_dms(person.id)
    await rig.kill()
    await rig.start(later=RECOVERY)
    await rig.wait_for(
        lambda: _reached(rig, item),
        f"j: once the staff routes recovered and the clock moved on "
        f"{(SOON + RECOVERY).seconds // 60} minutes, a staff alert",
        PROMPT,
    )


async def k_kill_while_fallback_dm_hangs(rig: CrashRig) -> None:
    """k. The staff channel is gone without the bot being told (its posts answer 404 Unknown
    Channel), so the chain falls back to DMs, and the DM to the on-call role hangs. The bot is
    killed -9 while that DM hangs and restarted with it still hanging: the restart resumes the
    chain, which moves on past the hanging DM and reaches a human; the member is reached."""
    rig.fail(rig.staff_route, 404, times=FOREVER, code=10003, message="Unknown Channel")
    routes = [rig.dm_route(person) for person in rig.holders("oncall")]
    for route in routes:
        rig.hang(route)
    await rig.start()
    item = rig.disclose(rig.member("Farid"))
    await rig.wait_for(lambda: rig.case_for(item.message), "k: the case row", PROMPT)
    await rig.wait_for(
        lambda: any(rig.fake.requests_to("POST", route) for route in routes),
        "k: after the staff channel's 404, the DM to the on-call role (hanging)",
        PROMPT,
    )
    assert not _reached(rig, item), "k: reached staff before the on-call DM could time out"
    await rig.kill()
    await rig.start(later=SOON)
    await rig.wait_for(
        lambda: _reached(rig, item),
        "k: after kill -9 while the on-call DM hung and a restart (still hanging), a staff DM "
        "further down the chain (the hanging step was not resumed, or held up the chain)",
        PROMPT + ATTEMPTS * DELIVERY_TIMEOUT,
    )
    await _member_step(rig, item, "k: the member's DM")


async def l_member_dm_fails_every_attempt(rig: CrashRig) -> None:
    """l. Opening the member's DM channel and a private thread both answer 503 to every attempt
    of their step's first run (discord.py waits a second before retrying a 5xx itself, so each
    attempt times out). No kill. The staff alert goes out at once and does not wait; the
    member step is saved to run again 15 s later, and once that time comes (a restart then:
    the bot's clock stands still while it runs) the member gets their DM."""
    await rig.start()
    rig.fail(r"^/users/@me/channels$", 503, times=ATTEMPTS)
    rig.fail(r"^/channels/\d+/threads$", 503, times=ATTEMPTS)
    item = rig.disclose(rig.member("Asha"))
    patience = PROMPT + 2 * ATTEMPTS * DELIVERY_TIMEOUT
    await rig.wait_for(lambda: _reached(rig, item), "l: the staff alert", PROMPT)

    def set_to_retry() -> bool:
        job = rig.member_job(item)[1]
        return job is not None and job["status"] == "pending" and job["attempts"] == 1

    await rig.wait_for(set_to_retry, "l: the member step saved to run again", patience)
    assert not rig.member_reached(item.member, item.message), "l: a DM or thread got through"
    left = await _members_after_retries(rig, [item])
    assert not left, f"l: the member's DM once retried: {rig.member_step_state(item)}"
