"""Issue 11, "the case is the outbox": kill -9 the real bot process at each step boundary of the
crisis lane, restart it over the same database, and check every saved case still reaches a
human and the member.

Black-box: the bot runs as ``python -m sandbox.bot_process`` (see ``sandbox/crash.py`` for the
rig and what "reached" means, ``sandbox/crash_scenarios.py`` for the scenarios). The two
controls pass on any crisis lane that works without crashes; the others need the outbox
(the case, its first delivery steps and its deadline written in one transaction before any
Discord call, and resumed at start-up).
"""

from __future__ import annotations

from sandbox import crash_scenarios as scenario
from sandbox.crash import CrashRig


async def test_control_a_disclosure_reaches_staff_and_the_member(rig: CrashRig) -> None:
    await scenario.control_no_kill(rig)


async def test_control_a_saved_deadline_escalates_after_kill_and_restart(rig: CrashRig) -> None:
    await scenario.control_kill_after_deadline_saved(rig)


async def test_a_killed_while_alert_and_dm_hang_restart_delivers_both(rig: CrashRig) -> None:
    await scenario.a_kill_while_alert_and_dm_hang(rig)


async def test_b_alert_does_not_wait_for_a_hanging_dm_and_restart_reaches_member(
    rig: CrashRig,
) -> None:
    await scenario.b_kill_while_dm_hangs(rig)


async def test_c_killed_while_alert_hangs_restart_alerts_staff(rig: CrashRig) -> None:
    await scenario.c_kill_while_alert_hangs(rig)


async def test_d_killed_right_after_both_deliveries_still_escalates(rig: CrashRig) -> None:
    await scenario.d_kill_right_after_both_delivered(rig)


async def test_e_killed_under_load_every_saved_case_reaches_a_human(rig: CrashRig) -> None:
    saved, reached = await scenario.e_kill_under_load(rig, messages=500, every=50)
    print(f"saved {saved}, reached {reached}")


async def test_f_when_every_dm_fails_the_case_says_so_and_keeps_retrying(rig: CrashRig) -> None:
    await scenario.f_every_dm_fails(rig)
