"""The guidelines lane's service without Discord: real SQLite, a fake clock, no alarms.

``GuidelineService`` as ``bot.py`` wires it; the stand-in tests
(tests/integration/test_guidelines.py) cover the Discord side: the DMs, hides and timeouts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from cogs.guidelines import messages
from cogs.guidelines.screen import GuidelineHit
from cogs.guidelines.service import PURGE, GuidelineService, Posted
from cogs.utils.clock import FakeClock
from cogs.utils.errors import UserFacingError
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.repositories.audit import AuditRepository
from db.repositories.guidelines import GuidelineRepository
from db.repositories.guild_settings import GuildSettingsRepository
from db.repositories.jobs import JobRepository

GUILD, OTHER_GUILD, GENERAL, STAFF = 900, 901, 10, 11
ASHA, BEN, MOD, MOD2 = 101, 102, 700, 701
RETENTION_DAYS = 30

MINIMIZING = GuidelineHit(
    "minimizing", "coach", "minimizing.at_least", "Validate first.", "That sounds hard."
)
TOXIC = GuidelineHit("toxic", "abuse", "toxic.insult", "Insults hurt.", "")


@dataclass
class Lane:
    service: GuidelineService
    repo: GuidelineRepository
    jobs: JobScheduler
    clock: FakeClock
    db: Database


@pytest.fixture
def lane(db: Database, clock: FakeClock) -> Lane:
    repo = GuidelineRepository(db)
    jobs = JobScheduler(JobRepository(db), clock)
    service = GuidelineService(
        repo, GuildSettingsRepository(db), jobs, clock, retention_days=RETENTION_DAYS
    )
    jobs.register(PURGE, service.on_purge)  # the cog registers it
    return Lane(service, repo, jobs, clock, db)


def posted(message_id: int, author: int = BEN, content: str = "words") -> Posted:
    return Posted(GUILD, GENERAL, author, message_id, content)


async def outcomes(lane: Lane) -> list[str]:
    since = lane.clock.now() - timedelta(days=1)
    return sorted(o for _, _, o, n in await lane.repo.counts(GUILD, since) for _ in range(n))


# --- nudges ------------------------------------------------------------------------------------


async def test_a_first_coaching_hit_reserves_a_nudge(lane: Lane) -> None:
    reserved = await lane.service.reserve_nudge(posted(1), MINIMIZING)
    assert reserved.may_nudge
    assert await outcomes(lane) == ["nudged_dm"]


async def test_a_second_hit_within_the_hour_is_rate_limited(lane: Lane) -> None:
    await lane.service.reserve_nudge(posted(1), MINIMIZING)
    lane.clock.advance(minutes=10)
    second = await lane.service.reserve_nudge(posted(2), MINIMIZING)
    assert (second.may_nudge, second.outcome) == (False, "rate_limited")


async def test_after_the_hour_another_nudge_may_go_out(lane: Lane) -> None:
    await lane.service.reserve_nudge(posted(1), MINIMIZING)
    lane.clock.advance(minutes=61)
    assert (await lane.service.reserve_nudge(posted(2), MINIMIZING)).may_nudge


async def test_a_member_who_opted_out_is_not_nudged_until_they_opt_back_in(lane: Lane) -> None:
    await lane.service.set_nudges(GUILD, BEN, on=False)
    assert (await lane.service.reserve_nudge(posted(1), MINIMIZING)).outcome == "opted_out"
    await lane.service.set_nudges(GUILD, BEN, on=True)
    assert (await lane.service.reserve_nudge(posted(2), MINIMIZING)).may_nudge


async def test_how_the_nudge_went_replaces_the_reserved_outcome(lane: Lane) -> None:
    reserved = await lane.service.reserve_nudge(posted(1), MINIMIZING)
    await lane.service.nudge_sent(reserved, "nudged_reply")
    assert await outcomes(lane) == ["nudged_reply"]


async def test_a_failed_nudge_does_not_count_against_the_limit(lane: Lane) -> None:
    reserved = await lane.service.reserve_nudge(posted(1), MINIMIZING)
    await lane.service.nudge_sent(reserved, "nudge_failed")
    assert (await lane.service.reserve_nudge(posted(2), MINIMIZING)).may_nudge


# --- hiding abuse ------------------------------------------------------------------------------


async def test_a_hide_records_the_infraction_and_a_copy_for_moderators(lane: Lane) -> None:
    points = await lane.service.hide(posted(1, content="you idiot"), TOXIC, care=False)
    assert points is not None
    assert (points.infraction.kind, points.infraction.points) == ("hidden", 2)
    assert (points.before, points.after) == (0, 2)
    assert not points.step.any
    history = await lane.service.history(GUILD, BEN)
    assert history.hidden[points.infraction.id].content == "you idiot"
    assert history.active_points == 2


async def test_a_message_is_hidden_once(lane: Lane) -> None:
    assert await lane.service.hide(posted(1), TOXIC, care=False) is not None
    assert await lane.service.hide(posted(1), TOXIC, care=False) is None


async def test_crossing_the_timeout_threshold_calls_for_a_timeout(lane: Lane) -> None:
    await lane.service.hide(posted(1), TOXIC, care=False)
    points = await lane.service.hide(posted(2), TOXIC, care=False)
    assert points is not None
    assert (points.after, points.step.timeout_minutes, points.step.review) == (4, 60, False)


async def test_an_automatic_timeout_is_recorded_without_points(lane: Lane) -> None:
    await lane.service.hide(posted(1), TOXIC, care=False)
    points = await lane.service.hide(posted(2), TOXIC, care=False)
    assert points is not None
    timeout = await lane.service.record_auto_timeout(GUILD, BEN, points, 60)
    assert (timeout.kind, timeout.points, timeout.duration_min, timeout.actor_id) == (
        "timeout",
        0,
        60,
        None,
    )
    assert "Reached 4 active points (threshold 3)" in timeout.reason


async def test_a_hide_with_care_waits_in_the_queue(lane: Lane) -> None:
    await lane.service.hide(posted(1), TOXIC, care=True)
    queue = await lane.service.queue(GUILD)
    assert [(r.message_id, r.outcome) for r in queue.reports] == [(1, "hidden_wellbeing")]


async def test_a_hide_discord_refused_waits_in_the_queue(lane: Lane) -> None:
    await lane.service.hide(posted(1), TOXIC, care=False)
    await lane.service.hide_failed(1)
    assert [r.message_id for r in (await lane.service.queue(GUILD)).reports] == [1]


async def test_the_copy_is_purged_after_the_retention_period(lane: Lane) -> None:
    points = await lane.service.hide(posted(1, content="you idiot"), TOXIC, care=False)
    assert points is not None
    lane.clock.advance(days=RETENTION_DAYS - 1)
    assert await lane.jobs.run_due() == 0
    lane.clock.advance(days=1)
    assert await lane.jobs.run_due() == 1
    copy = (await lane.service.history(GUILD, BEN)).hidden[points.infraction.id]
    assert copy.content is None
    assert copy.purged_at == lane.clock.now()


# --- moderator actions -------------------------------------------------------------------------


async def test_a_moderators_timeout_brings_no_automatic_timeout_on_top(lane: Lane) -> None:
    await lane.service.act(GUILD, MOD, BEN, "warn", 1, "please stop")
    points = await lane.service.act(GUILD, MOD, BEN, "timeout", 2, "cool off", minutes=30)
    assert (points.after, points.step.timeout_minutes) == (3, None)
    assert points.infraction.duration_min == 30


async def test_reaching_the_review_threshold_asks_moderators_to_review(lane: Lane) -> None:
    await lane.service.act(GUILD, MOD, BEN, "warn", 5, "repeated insults")
    points = await lane.service.act(GUILD, MOD, BEN, "warn", 1, "again")
    assert points.step.review


async def test_points_expire_after_the_point_lifetime(lane: Lane) -> None:
    await lane.service.act(GUILD, MOD, BEN, "warn", 2, "please stop")
    lane.clock.advance(days=31)
    assert (await lane.service.act(GUILD, MOD, BEN, "warn", 1, "again")).before == 0


async def test_a_pardon_stops_the_points_counting(lane: Lane) -> None:
    warned = await lane.service.act(GUILD, MOD, BEN, "warn", 2, "please stop")
    pardoned = await lane.service.pardon(GUILD, MOD2, warned.infraction.id, "  my  mistake ")
    assert (pardoned.infraction.id, pardoned.reason) == (warned.infraction.id, "my mistake")
    assert (await lane.service.history(GUILD, BEN)).active_points == 0


@pytest.mark.parametrize(
    ("guild", "actor", "problem"),
    [
        (OTHER_GUILD, MOD2, "There is no infraction"),
        (GUILD, BEN, "You can't pardon your own infraction"),
    ],
)
async def test_a_pardon_is_refused_for_another_server_or_ones_own(
    lane: Lane, guild: int, actor: int, problem: str
) -> None:
    warned = await lane.service.act(GUILD, MOD, BEN, "warn", 1, "please stop")
    with pytest.raises(UserFacingError, match=problem):
        await lane.service.pardon(guild, actor, warned.infraction.id, "a reason")


async def test_an_infraction_is_pardoned_once(lane: Lane) -> None:
    warned = await lane.service.act(GUILD, MOD, BEN, "warn", 1, "please stop")
    await lane.service.pardon(GUILD, MOD2, warned.infraction.id, "a reason")
    with pytest.raises(UserFacingError, match="already pardoned"):
        await lane.service.pardon(GUILD, MOD2, warned.infraction.id, "a reason")


async def test_a_pardon_needs_a_reason(lane: Lane) -> None:
    warned = await lane.service.act(GUILD, MOD, BEN, "warn", 1, "please stop")
    with pytest.raises(UserFacingError):
        await lane.service.pardon(GUILD, MOD2, warned.infraction.id, " ")
    assert (await lane.service.history(GUILD, BEN)).active_points == 1


# --- appeals and the queue ---------------------------------------------------------------------


async def test_only_the_infractions_member_may_appeal_it(lane: Lane) -> None:
    warned = await lane.service.act(GUILD, MOD, BEN, "warn", 1, "please stop")
    with pytest.raises(UserFacingError, match=messages.APPEAL_NOT_YOURS):
        await lane.service.appealable(ASHA, warned.infraction.id)
    with pytest.raises(UserFacingError, match=messages.APPEAL_NOT_FOUND):
        await lane.service.appealable(BEN, 9999)


async def test_an_infraction_is_appealed_once_and_the_appeal_waits_in_the_queue(
    lane: Lane,
) -> None:
    warned = await lane.service.act(GUILD, MOD, BEN, "warn", 1, "please stop")
    assert (await lane.service.appealable(BEN, warned.infraction.id)).id == warned.infraction.id
    appeal = await lane.service.appeal(BEN, warned.infraction.id, "I was quoting")
    assert (appeal.guild_id, appeal.user_id, appeal.text) == (GUILD, BEN, "I was quoting")
    assert [a.id for a in (await lane.service.queue(GUILD)).appeals] == [appeal.id]
    with pytest.raises(UserFacingError):
        await lane.service.appealable(BEN, warned.infraction.id)
    with pytest.raises(UserFacingError):
        await lane.service.appeal(BEN, warned.infraction.id, "again")


async def test_resolving_an_appeal_upholds_it_and_empties_the_queue(lane: Lane) -> None:
    warned = await lane.service.act(GUILD, MOD, BEN, "warn", 1, "please stop")
    appeal = await lane.service.appeal(BEN, warned.infraction.id, "I was quoting")
    resolved = await lane.service.resolve(GUILD, MOD2, f"A{appeal.id}", "it stands")
    assert resolved.appeal is not None
    assert resolved.appeal.status != "open"
    assert (await lane.service.queue(GUILD)).appeals == []


async def test_resolving_a_report_marks_it_reviewed(lane: Lane) -> None:
    await lane.service.hide(posted(1), TOXIC, care=True)
    report = (await lane.service.queue(GUILD)).reports[0]
    resolved = await lane.service.resolve(GUILD, MOD, f"R{report.id}", "checked in")
    assert (resolved.kind, resolved.item_id, resolved.appeal) == ("report", report.id, None)
    assert (await lane.service.queue(GUILD)).reports == []


@pytest.mark.parametrize("item", ["R42", "A42"])
async def test_resolving_an_item_that_is_not_open_is_refused(lane: Lane, item: str) -> None:
    with pytest.raises(UserFacingError, match="not an open"):
        await lane.service.resolve(GUILD, MOD, item, "done")


# --- settings ----------------------------------------------------------------------------------


async def test_changed_limits_apply_to_the_next_nudge_and_are_audited(lane: Lane) -> None:
    limits = await lane.service.set_limits(GUILD, MOD, {"nudges_per_hour": 2})
    assert limits.nudges_per_hour == 2
    await lane.service.reserve_nudge(posted(1), MINIMIZING)
    assert (await lane.service.reserve_nudge(posted(2), MINIMIZING)).may_nudge
    audit = await AuditRepository(lane.db).recent(GUILD)
    assert [(a.actor_id, a.action) for a in audit][:1] == [(MOD, "guidelines.limits")]


async def set_staff_channel(lane: Lane) -> None:
    await GuildSettingsRepository(lane.db).update(
        GUILD, {"staff_channel_id": STAFF}, actor_id=MOD, now=lane.clock.now()
    )


async def test_a_channel_mode_shows_in_that_channels_overview(lane: Lane) -> None:
    await set_staff_channel(lane)
    await lane.service.set_mode(GUILD, MOD, "minimizing", "off", GENERAL)
    here = await lane.service.overview(GUILD, GENERAL)
    server = await lane.service.overview(GUILD)
    assert here.modes["minimizing"][0] == "off"
    assert server.modes["minimizing"][0] == "on"
    await lane.service.set_mode(GUILD, MOD, "minimizing", "default", GENERAL)
    assert (await lane.service.overview(GUILD, GENERAL)).modes["minimizing"][0] == "on"


async def test_the_overview_counts_hits_and_lists_who_opted_out(lane: Lane) -> None:
    await lane.service.set_nudges(GUILD, ASHA, on=False)
    await lane.service.reserve_nudge(posted(1), MINIMIZING)
    overview = await lane.service.overview(GUILD)
    assert overview.opted_out == [ASHA]
    assert [(rule, n) for rule, n, _ in overview.counts] == [("minimizing.at_least", 1)]
    assert overview.days == 30


async def test_the_staff_channel_is_exempt_by_default(lane: Lane) -> None:
    await set_staff_channel(lane)
    assert (await lane.service.overview(GUILD, STAFF)).modes["toxic"][0] == "off"
    assert (await lane.service.overview(GUILD, 12, STAFF)).modes["toxic"][0] == "off"  # a thread


async def test_with_no_staff_channel_set_no_channel_is_shown_as_the_exempt_staff_channel(
    lane: Lane,
) -> None:
    # A channel outside any thread has no parent: None must not match an unset staff channel.
    assert (await lane.service.overview(GUILD, GENERAL)).modes["toxic"][0] == "on"


async def test_the_automod_setting_is_stored_with_kindreds_rule_id(lane: Lane) -> None:
    await set_staff_channel(lane)
    staff = await lane.service.save_automod(GUILD, MOD, True, 77)
    assert staff == STAFF
    stored = await lane.service.automod(GUILD)
    assert (stored.enabled, stored.rule_id) == (True, 77)
