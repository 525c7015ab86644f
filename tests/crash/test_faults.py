"""Issue 11, injected faults: the crisis lane reaches a human (and the member) while Discord
misbehaves, with the real bot as its own process against the stand-in.

Each test runs one scenario of ``sandbox/crash_scenarios.py`` (f to l), as
``bench/bench_crisis_delivery.py`` does: a deleted staff channel with the coordinators' DMs
closed, bursts of 5xx, 429 rate limits, the member's DMs closed, every staff route failing and
then recovering, a kill -9 while a staff DM hangs in the fallback chain, and every route to a
member failing once. Only j and l (restarts move the fake clock) and k kill the process.
"""

from __future__ import annotations

from sandbox import crash_scenarios as scenario
from sandbox.crash import CrashRig


async def test_f_no_staff_channel_and_coordinator_dms_closed_reach_on_call_and_member(
    rig: CrashRig,
) -> None:
    await scenario.f_oncall_dmed_without_staff_channel(rig)


async def test_g_bursts_of_5xx_still_reach_staff_and_members(rig: CrashRig) -> None:
    await scenario.g_5xx_bursts(rig)


async def test_h_429_rate_limits_with_retry_after_still_reach_staff_and_members(
    rig: CrashRig,
) -> None:
    await scenario.h_429_rate_limits(rig)


async def test_h2_a_global_429_longer_than_an_attempt_still_reaches_staff_and_member(
    rig: CrashRig,
) -> None:
    await scenario.h2_global_429_longer_than_an_attempt(rig)


async def test_i_member_with_dms_closed_is_reached_in_a_private_thread(rig: CrashRig) -> None:
    await scenario.i_member_dms_closed(rig)


async def test_j_every_staff_route_failing_then_recovering_reaches_a_human(
    rig: CrashRig,
) -> None:
    await scenario.j_staff_unreachable_then_recovers(rig)


async def test_k_kill_while_a_fallback_dm_hangs_restart_reaches_a_human(rig: CrashRig) -> None:
    await scenario.k_kill_while_fallback_dm_hangs(rig)


async def test_l_member_dm_failing_every_attempt_is_sent_when_its_retry_comes(
    rig: CrashRig,
) -> None:
    await scenario.l_member_dm_fails_every_attempt(rig)
