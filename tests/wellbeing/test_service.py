"""The wellbeing lane's service without Discord: real SQLite, a fake clock, no alarms.

``WellbeingService`` as ``bot.py`` wires it; the stand-in tests
(tests/integration/test_wellbeing.py) cover the DM, the buttons, the forms and the crisis case.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from cogs.utils.clock import FakeClock
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.jobs import JobScheduler
from cogs.wellbeing import messages
from cogs.wellbeing.instruments import load_instruments
from cogs.wellbeing.service import SWEEP, WellbeingService
from db.database import Database
from db.repositories.cohorts import CohortRepository
from db.repositories.jobs import JobRepository
from db.repositories.wellbeing import NO_COHORT, WellbeingRepository
from tests.checkins.test_checkins_repository import NOW, make_cohort

GUILD, ASHA, BEN, MODERATOR = 1, 11, 12, 99  # make_cohort: server 1, group moderator 99
WHO5 = {"who5:0": "3", "who5:1": "3", "who5:2": "2", "who5:3": "4", "who5:4": "3"}


def mood(item_9: str) -> dict[str, str]:
    return {"phq2:0": "1", "phq2:1": "2", "gad2:0": "1", "gad2:1": "1", "phq9_item9:0": item_9}


async def _no_handler(job: object) -> None:
    raise AssertionError("no job runs in these tests")


@pytest.fixture
def lane(db: Database) -> WellbeingService:
    clock = FakeClock(NOW)
    jobs = JobScheduler(JobRepository(db), clock)
    jobs.register(SWEEP, _no_handler)  # the cog's handler; none runs here
    return WellbeingService(
        WellbeingRepository(db), CohortRepository(db), load_instruments(), jobs, clock
    )


async def with_item_9(lane: WellbeingService, db: Database) -> int:
    """Asha and Ben in a running cohort whose check-ins ask item 9; the request id for Asha."""
    await make_cohort(db, [ASHA, BEN])
    await lane.configure(GUILD, "Autumn", phq9=True)
    checkin = await lane.checkin_for(await lane.opt_in(GUILD, ASHA))
    assert checkin is not None
    return checkin.request.id


# --- the weekly request -----------------------------------------------------------------------


async def test_a_weeks_request_is_created_once_and_sent_once(lane: WellbeingService) -> None:
    optin = await lane.opt_in(GUILD, ASHA)
    first = await lane.checkin_for(optin)
    assert first is not None
    assert not first.already_sent
    await lane.mark_sent(first.request.id)
    again = await lane.checkin_for(optin)
    assert again is not None
    assert again.request.id == first.request.id
    assert again.already_sent


async def test_outside_a_cohort_only_the_weekly_form_goes_out(lane: WellbeingService) -> None:
    checkin = await lane.checkin_for(await lane.opt_in(GUILD, ASHA))
    assert checkin is not None
    assert checkin.placement.cohort_id == NO_COHORT
    assert [key for key, _ in checkin.buttons] == ["who5"]


async def test_week_1_of_a_cohort_sends_the_full_set(lane: WellbeingService, db: Database) -> None:
    await make_cohort(db, [ASHA])
    checkin = await lane.checkin_for(await lane.opt_in(GUILD, ASHA))
    assert checkin is not None
    assert (checkin.placement.week, checkin.placement.cohort_name) == (1, "Autumn")
    assert [key for key, _ in checkin.buttons] == ["who5", "mood", "ucla3"]
    mood_form = dict(zip([k for k, _ in checkin.buttons], checkin.shown, strict=True))["mood"]
    assert "phq9_item9" not in [i.key for i in mood_form[1]]  # off unless the cohort enables it


async def test_a_cohort_without_a_weekly_form_sends_nothing_in_other_weeks(
    lane: WellbeingService, db: Database
) -> None:
    await make_cohort(db, [ASHA])
    await lane.configure(GUILD, "Autumn", full_weeks="2", weekly=False)
    assert await lane.checkin_for(await lane.opt_in(GUILD, ASHA)) is None


async def test_the_sweep_comes_back_a_day_later(lane: WellbeingService) -> None:
    await lane.schedule_next_sweep()
    job = await lane.jobs.get(SWEEP, 0)
    assert job is not None
    assert job.due_at == NOW + timedelta(days=1)


# --- the forms --------------------------------------------------------------------------------


async def test_a_form_is_only_for_the_member_it_was_sent_to(lane: WellbeingService) -> None:
    checkin = await lane.checkin_for(await lane.opt_in(GUILD, ASHA))
    assert checkin is not None
    with pytest.raises(InvalidInput) as refused:
        await lane.form(checkin.request.id, BEN, "who5")
    assert refused.value.message == messages.NOT_YOURS
    with pytest.raises(InvalidInput):
        await lane.form(checkin.request.id, ASHA, "mood")  # not in this week's request
    shown = await lane.form(checkin.request.id, ASHA, "who5")
    assert [i.key for i in shown.instruments] == ["who5"]


async def test_a_who5_form_is_scored_and_stored(lane: WellbeingService) -> None:
    checkin = await lane.checkin_for(await lane.opt_in(GUILD, ASHA))
    assert checkin is not None
    done = await lane.submit(checkin.request.id, ASHA, "who5", WHO5)
    assert [(i.key, score) for i, score in done.scores] == [("who5", 60)]
    assert done.crisis == ()
    assert await lane.trend(GUILD, ASHA) == {"who5": [(1, 60)]}


async def test_an_out_of_range_answer_saves_nothing(lane: WellbeingService) -> None:
    checkin = await lane.checkin_for(await lane.opt_in(GUILD, ASHA))
    assert checkin is not None
    with pytest.raises(InvalidInput, match="Nothing was saved"):
        await lane.submit(checkin.request.id, ASHA, "who5", {**WHO5, "who5:4": "9"})
    assert await lane.trend(GUILD, ASHA) == {}


@pytest.mark.parametrize(("answer", "level"), [("1", "concern"), ("2", "concern"), ("3", "urgent")])
async def test_a_self_harm_answer_is_handed_to_the_crisis_lane(
    lane: WellbeingService, db: Database, answer: str, level: str
) -> None:
    request_id = await with_item_9(lane, db)
    done = await lane.submit(request_id, ASHA, "mood", mood(answer))
    assert [(h.request_id, h.guild_id, h.user_id, h.level) for h in done.crisis] == [
        (request_id, GUILD, ASHA, level)
    ]
    assert done.crisis[0].reason.startswith("Wellbeing check-in: PHQ-9 item 9 answered")
    # Item 9 is a safety screen: it has no score line for the member.
    assert "" in [messages.score_line(i, s) for i, s in done.scores]


async def test_a_zero_on_item_9_hands_nothing_over(lane: WellbeingService, db: Database) -> None:
    request_id = await with_item_9(lane, db)
    done = await lane.submit(request_id, ASHA, "mood", mood("0"))
    assert done.crisis == ()


# --- choices and who sees what ----------------------------------------------------------------


async def test_sharing_needs_an_opt_in_first(lane: WellbeingService) -> None:
    with pytest.raises(UserFacingError) as refused:
        await lane.share(GUILD, ASHA, True)
    assert refused.value.message == messages.SHARE_NOT_OPTED_IN


async def test_only_the_members_own_moderator_sees_a_shared_trend(
    lane: WellbeingService, db: Database
) -> None:
    request_id = await with_item_9(lane, db)
    await lane.submit(request_id, ASHA, "who5", WHO5)
    with pytest.raises(UserFacingError, match="hasn't chosen to share"):
        await lane.shared_trend(GUILD, MODERATOR, ASHA)
    await lane.share(GUILD, ASHA, True)
    with pytest.raises(UserFacingError, match="that isn't you"):
        await lane.shared_trend(GUILD, MODERATOR + 1, ASHA)
    assert await lane.shared_trend(GUILD, MODERATOR, ASHA) == {"who5": [(1, 60)]}


# --- coordinators -----------------------------------------------------------------------------


async def test_settings_need_something_to_change_and_an_existing_cohort(
    lane: WellbeingService, db: Database
) -> None:
    await make_cohort(db, [ASHA])
    with pytest.raises(InvalidInput) as nothing:
        await lane.configure(GUILD, "Autumn")
    assert nothing.value.message == messages.SETTINGS_NOTHING
    with pytest.raises(InvalidInput, match="no cohort called Winter"):
        await lane.configure(GUILD, "Winter", phq9=True)


async def test_nonsense_weeks_change_nothing(lane: WellbeingService, db: Database) -> None:
    cohort, _ = await make_cohort(db, [ASHA])
    with pytest.raises(InvalidInput, match="Nothing was changed"):
        await lane.configure(GUILD, "Autumn", phq9=True, full_weeks="1, 40")
    assert await lane.repo.cohort_enabled(cohort.id) == frozenset()
    assert await lane.repo.cohort_schedule(cohort.id) == (None, None)


async def test_saved_settings_report_the_weeks_as_stored(
    lane: WellbeingService, db: Database
) -> None:
    await make_cohort(db, [ASHA])
    saved = await lane.configure(GUILD, "Autumn", weekly=False)
    assert (saved.phq9, saved.full_weeks, saved.weekly) == (None, (1, 12), False)
    saved = await lane.configure(GUILD, "Autumn", phq9=False)
    assert (saved.phq9, saved.full_weeks) == (False, None)


async def test_outcomes_of_a_cohort_without_answers_are_empty(
    lane: WellbeingService, db: Database
) -> None:
    await make_cohort(db, [ASHA])
    report = await lane.outcomes(GUILD, "autumn")
    assert report.cohort.name == "Autumn"
    assert (report.outcomes, report.who5) == ([], [])


# --- answering by tapping ---------------------------------------------------------------------


async def test_taps_are_kept_and_send_scores_them_like_the_typed_form(
    lane: WellbeingService,
) -> None:
    request = (await lane.checkin_for(await lane.opt_in(GUILD, ASHA))).request  # type: ignore[union-attr]
    first = await lane.tap_screen(request.id, ASHA, "who5")
    assert (first.index, len(first.screens), first.screen.items) == (0, 2, (0, 1, 2, 3))
    for qid, value in WHO5.items():
        at = await lane.tap(request.id, ASHA, "who5", qid, value)
    assert at.index == 1, "the last question is on the second screen"
    assert await lane.kept(request.id, ASHA) == {k: int(v) for k, v in WHO5.items()}
    sent = await lane.send_tapped(request.id, ASHA, "who5")
    assert sent.screen is None
    assert sent.saved is not None
    assert [(i.key, score) for i, score in sent.saved.scores] == [("who5", 60)]
    assert await lane.kept(request.id, ASHA) == {}


async def test_send_with_questions_left_returns_their_screen_and_saves_nothing(
    lane: WellbeingService,
) -> None:
    request = (await lane.checkin_for(await lane.opt_in(GUILD, ASHA))).request  # type: ignore[union-attr]
    await lane.tap(request.id, ASHA, "who5", "who5:0", "5")
    sent = await lane.send_tapped(request.id, ASHA, "who5")
    assert sent.saved is None
    assert sent.screen is not None
    assert sent.screen.index == 0
    assert "“Calm and relaxed”" in (sent.screen.note or "")
    assert await lane.trend(GUILD, ASHA) == {}
    # Coming back later opens where she left off: the first screen with a question left.
    assert (await lane.tap_screen(request.id, ASHA, "who5")).kept == {"who5:0": 5}


async def test_a_tap_outside_the_scale_or_the_form_is_refused(lane: WellbeingService) -> None:
    request = (await lane.checkin_for(await lane.opt_in(GUILD, ASHA))).request  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="from 0 to 5"):
        await lane.tap(request.id, ASHA, "who5", "who5:0", "6")
    with pytest.raises(InvalidInput):
        await lane.tap(request.id, ASHA, "who5", "phq2:0", "1")  # not on this form
    with pytest.raises(InvalidInput, match="someone else"):
        await lane.tap(request.id, BEN, "who5", "who5:0", "1")
    assert await lane.kept(request.id, ASHA) == {}


async def test_item_9_tapped_hands_off_to_the_crisis_lane(
    lane: WellbeingService, db: Database
) -> None:
    request_id = await with_item_9(lane, db)
    for qid, value in mood("2").items():
        await lane.tap(request_id, ASHA, "mood", qid, value)
    sent = await lane.send_tapped(request_id, ASHA, "mood")
    assert sent.saved is not None
    [hand_off] = sent.saved.crisis
    assert (hand_off.user_id, hand_off.level) == (ASHA, "concern")


async def test_answers_kept_from_last_week_go_when_this_weeks_check_in_is_sent(
    lane: WellbeingService,
) -> None:
    optin = await lane.opt_in(GUILD, ASHA)
    first = await lane.checkin_for(optin)
    assert first is not None
    await lane.mark_sent(first.request.id)
    await lane.tap(first.request.id, ASHA, "who5", "who5:0", "2")
    lane.clock.advance(days=7)  # type: ignore[attr-defined]  # a FakeClock here
    second = await lane.checkin_for(optin)
    assert second is not None
    assert second.request.id != first.request.id
    await lane.tap(second.request.id, ASHA, "who5", "who5:0", "4")
    await lane.mark_sent(second.request.id)
    assert await lane.kept(first.request.id, ASHA) == {}
    assert await lane.kept(second.request.id, ASHA) == {"who5:0": 4}
