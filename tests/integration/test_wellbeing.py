"""Wellbeing check-ins end to end: the real discord.py client against the local stand-in."""

from __future__ import annotations

from cogs.wellbeing.service import WellbeingService
from tests.conftest import Kindred
from tests.integration.helpers import configure
from tests.integration.test_cohorts import create_cohort, join
from tests.integration.test_crisis import staff_messages

WHO5 = {"who5:0": "3", "who5:1": "3", "who5:2": "2", "who5:3": "4", "who5:4": "3"}


def lane(k: Kindred) -> WellbeingService:
    return k.services.lanes.wellbeing


async def optin(k: Kindred, member) -> dict:
    result = await k.driver.command(member, "wellbeing optin", {})
    assert "You're in" in result.text, result.text
    return k.driver.dms_to(member)[-1]


def button(dm: dict, form: str) -> str:
    ids = [
        c["custom_id"]
        for row in dm["components"]
        for c in row["components"]
        if c.get("custom_id", "").endswith(f":{form}")
    ]
    assert ids, dm["components"]
    return ids[0]


async def answer(k: Kindred, member, dm: dict, form: str, values: dict[str, str]):
    """Answer a form by typing: the DM's button opens the tapping screen; its "Type my answers
    instead" button opens the typed form (tests/integration/test_wellbeing_tapping.py taps)."""
    screen = await k.driver.click(member, dm, button(dm, form))
    assert screen.message is not None, screen.text
    typed = next(
        c["custom_id"]
        for row in screen.message["components"]
        for c in row["components"]
        if c.get("custom_id", "").startswith("wellbeing:type:")
    )
    opened = await k.driver.click(member, screen, typed)
    assert opened.modal is not None, opened.text
    assert len(opened.modal["inputs"]) <= 5
    done = await k.driver.submit_modal(member, opened, values)
    await k.driver.settle()
    return opened, done


async def start_cohort_with_item_9(k: Kindred) -> None:
    k.fake.now = k.clock.now
    await configure(k)
    await create_cohort(k)
    w = k.world
    await k.driver.command(w.coordinator, "cohort start", {"cohort": "Autumn"})
    await join(k, w.member("Asha"))
    result = await k.driver.command(
        w.coordinator, "wellbeing settings", {"cohort": "Autumn", "phq9": True}
    )
    assert "PHQ-9 item 9 is on" in result.text, result.text
    cohorts = k.bot.services.lanes.cohorts.repo
    cohort = await cohorts.by_name(w.guild.id, "Autumn")
    # Week 1 begins with the first session (when the cohort turns running).
    await cohorts.set_state(cohort.id, cohort.state, "running", k.clock.now())


async def test_a_who5_form_is_stored_and_scored(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    dm = await optin(kindred, asha)
    assert "WHO-5 Well-Being Index: 5 questions" in dm["content"]
    opened, done = await answer(kindred, asha, dm, "who5", WHO5)
    assert opened.modal["inputs"][0]["label"] == "Cheerful and in good spirits (0-5)"
    assert "5 = all of the time" in opened.modal["inputs"][0]["placeholder"]
    assert "60" in done.text
    [row] = await lane(kindred).repo.answers_for(kindred.world.guild.id, asha.id)
    assert (row.instrument, row.answers, row.score, row.week) == ("who5", (3, 3, 2, 4, 3), 60, 1)


async def test_an_out_of_range_answer_is_refused_and_nothing_is_saved(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    dm = await optin(kindred, asha)
    _, done = await answer(kindred, asha, dm, "who5", {**WHO5, "who5:4": "7"})
    assert "from 0 to 5" in done.text
    assert "Nothing was saved" in done.text
    assert await lane(kindred).repo.answers_for(kindred.world.guild.id, asha.id) == []


async def test_the_weekly_job_sends_one_checkin_a_week(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    await optin(kindred, asha)
    before = len(kindred.driver.dms_to(asha))
    kindred.clock.advance(days=1)
    await kindred.services.jobs.run_due()
    await kindred.driver.settle()
    assert len(kindred.driver.dms_to(asha)) == before  # same week: not again
    kindred.clock.advance(days=7)
    await kindred.services.jobs.run_due()
    await kindred.driver.settle()
    assert len(kindred.driver.dms_to(asha)) == before + 1
    assert "week 2" in kindred.driver.dms_to(asha)[-1]["content"]


async def test_optout_stops_the_checkins(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    await optin(kindred, asha)
    result = await kindred.driver.command(asha, "wellbeing optout", {})
    assert "You're out" in result.text
    before = len(kindred.driver.dms_to(asha))
    kindred.clock.advance(days=8)
    await kindred.services.jobs.run_due()
    await kindred.driver.settle()
    assert len(kindred.driver.dms_to(asha)) == before


async def test_week_1_of_a_cohort_sends_the_full_set_and_item_9_opens_a_crisis_case(
    kindred: Kindred,
) -> None:
    await start_cohort_with_item_9(kindred)
    asha = kindred.world.member("Asha")
    dm = await optin(kindred, asha)
    for form in ("who5", "mood", "ucla3"):
        button(dm, form)
    mood = {"phq2:0": "1", "phq2:1": "2", "gad2:0": "1", "gad2:1": "1", "phq9_item9:0": "1"}
    opened, done = await answer(kindred, asha, dm, "mood", mood)
    assert len(opened.modal["inputs"]) == 5
    assert "reach out" in done.text

    rows = await kindred.services.db.fetchall(
        "SELECT * FROM crisis_cases WHERE user_id = ?", (asha.id,)
    )
    assert [(r["source"], r["level"], r["rules"]) for r in rows] == [
        ("wellbeing", "concern", "phq9_item9")
    ]
    assert rows[0]["excerpt"] is None
    assert "Tele-MANAS" in kindred.driver.dms_to(asha)[-1]["content"]
    assert staff_messages(kindred)
    scores = {
        a.instrument: a.score
        for a in await lane(kindred).repo.answers_for(kindred.world.guild.id, asha.id)
    }
    assert scores == {"phq2": 3, "gad2": 2, "phq9_item9": 1}


async def test_nearly_every_day_on_item_9_is_urgent(kindred: Kindred) -> None:
    await start_cohort_with_item_9(kindred)
    asha = kindred.world.member("Asha")
    dm = await optin(kindred, asha)
    mood = {"phq2:0": "0", "phq2:1": "0", "gad2:0": "0", "gad2:1": "0", "phq9_item9:0": "3"}
    await answer(kindred, asha, dm, "mood", mood)
    level = await kindred.services.db.fetchval(
        "SELECT level FROM crisis_cases WHERE user_id = ?", (asha.id,)
    )
    assert level == "urgent"


async def test_wellbeing_me_shows_the_trend_in_words_and_a_chart(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    dm = await optin(kindred, asha)
    await answer(kindred, asha, dm, "who5", WHO5)
    kindred.clock.advance(days=7, hours=1)
    await kindred.services.jobs.run_due()
    await kindred.driver.settle()
    dm = kindred.driver.dms_to(asha)[-1]
    await answer(kindred, asha, dm, "who5", {k: "4" for k in WHO5})
    result = await kindred.driver.command(asha, "wellbeing me", {})
    assert result.ephemeral
    assert "80 in week 2, up 20 from 60 in week 1" in result.text
    assert result.message["attachments"], "a chart image"
    summary = "Chart of your WHO-5 Well-Being Index score by week: 80 in W2, up from 60 in W1."
    assert summary in result.text, "the chart in words, in the message"
    assert result.message["attachments"][0]["description"].startswith(summary), "and as alt text"


async def test_someone_else_cannot_open_your_checkin(kindred: Kindred) -> None:
    await configure(kindred)
    asha, ben = kindred.world.member("Asha"), kindred.world.member("Ben")
    dm = await optin(kindred, asha)
    result = await kindred.driver.click(ben, dm, button(dm, "who5"))
    assert result.modal is None
    assert "someone else" in result.text


async def test_item_9_is_not_asked_unless_the_cohort_enables_it(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    dm = await optin(kindred, asha)
    assert "better off dead" not in dm["content"]


async def seed_answers(k: Kindred, cohort_id: int, rows: list[tuple[int, int, str, int]]) -> None:
    """Stored answers (user, week, instrument, score), as if members had filled the forms."""
    async with k.services.db.transaction() as conn:
        for user_id, week, instrument, score in rows:
            await conn.execute(
                "INSERT INTO wellbeing_answers (guild_id, user_id, cohort_id, week, instrument,"
                " answers, score, submitted_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)",
                (k.world.guild.id, user_id, cohort_id, week, instrument, score,
                 k.clock.now().isoformat()),
            )  # fmt: skip


async def test_outcomes_report_aggregates_and_hides_small_groups(kindred: Kindred) -> None:
    await configure(kindred)
    await create_cohort(kindred)
    w = kindred.world
    cohort = await kindred.bot.services.lanes.cohorts.repo.by_name(w.guild.id, "Autumn")
    people = [m.id for m in w.members[:6]]
    await seed_answers(
        kindred,
        cohort.id,
        [(u, 1, "who5", 40) for u in people]
        + [(u, 12, "who5", 56) for u in people]
        + [(u, 1, "phq2", 4) for u in people[:3]]
        + [(u, 1, "phq9_item9", 1) for u in people],
    )
    result = await kindred.driver.command(w.coordinator, "wellbeing outcomes", {"cohort": "Autumn"})
    assert result.ephemeral
    assert "week 1 mean 40.0 (n=6); week 12 mean 56.0 (n=6)" in result.content
    assert "mean change +16.0 over 6 members who answered both (better)" in result.content
    assert "fewer than 5 answers, so not reported" in result.content
    assert "item 9" not in result.content.lower()
    names = [a["filename"] for a in result.message["attachments"]]
    assert names == [f"cohort-{cohort.id}-outcomes.csv", f"cohort-{cohort.id}-who5.png"]
    summary = (
        "Chart of the cohort's mean WHO-5 score by week: 56 in wk 12, up from 40 in wk 1."
        " Across 2 bars it ranges from 40 to 56."
    )
    assert summary in result.content, "the chart in words, in the message"
    assert result.message["attachments"][1]["description"] == summary, "and as alt text"


async def test_members_cannot_see_cohort_outcomes(kindred: Kindred) -> None:
    await configure(kindred)
    await create_cohort(kindred)
    result = await kindred.driver.command(
        kindred.world.member("Asha"),
        "wellbeing outcomes",
        {"cohort": "Autumn"},
        bypass_default_permissions=True,
    )
    assert "for the coordinators" in result.content


async def test_only_the_members_own_moderator_sees_answers_and_only_after_consent(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await create_cohort(kindred)  # group 1 moderated by Maya, group 2 by Sam
    w = kindred.world
    await kindred.driver.command(w.coordinator, "cohort start", {"cohort": "Autumn"})
    asha, maya, sam = w.member("Asha"), w.member("Maya"), w.member("Sam")
    await join(kindred, asha, "newly diagnosed")
    await kindred.driver.command(asha, "wellbeing optin")
    cohort = await kindred.bot.services.lanes.cohorts.repo.by_name(w.guild.id, "Autumn")
    await seed_answers(kindred, cohort.id, [(asha.id, 1, "who5", 48), (asha.id, 2, "who5", 60)])

    before = await kindred.driver.command(maya, "wellbeing member", {"member": asha})
    assert "hasn't chosen to share" in before.content
    shared = await kindred.driver.command(asha, "wellbeing share", {"on": True})
    assert "your group's moderator can now see" in shared.content
    seen = await kindred.driver.command(maya, "wellbeing member", {"member": asha})
    assert seen.ephemeral
    assert "60" in seen.text
    other = await kindred.driver.command(sam, "wellbeing member", {"member": asha})
    assert "that isn't you" in other.content
    await kindred.driver.command(asha, "wellbeing share", {"on": False})
    again = await kindred.driver.command(maya, "wellbeing member", {"member": asha})
    assert "hasn't chosen to share" in again.content


def form_buttons(dm: dict) -> list[str]:
    return sorted(
        c["custom_id"].rsplit(":", 1)[-1]
        for row in dm.get("components", [])
        for c in row["components"]
    )


async def test_a_cohort_can_choose_its_own_weeks(kindred: Kindred) -> None:
    from datetime import UTC, datetime

    await start_cohort_with_item_9(kindred)
    w = kindred.world
    asha = w.member("Asha")
    saved = await kindred.driver.command(
        w.coordinator,
        "wellbeing settings",
        {"cohort": "Autumn", "full_weeks": "1, 6", "weekly": False},
    )
    assert "week(s) 1, 6, and no check-in in the other weeks" in saved.text
    bad = await kindred.driver.command(
        w.coordinator, "wellbeing settings", {"cohort": "Autumn", "full_weeks": "1, 13"}
    )
    assert "`13` is not a week of this cohort" in bad.text

    first = await optin(kindred, asha)
    assert form_buttons(first) == ["mood", "ucla3", "who5"]  # week 1: the full set
    sent = len(kindred.driver.dms_to(asha))

    async def run_at(moment: datetime) -> None:
        kindred.clock.set(moment)
        await kindred.services.jobs.run_due()
        await kindred.driver.settle()

    await run_at(datetime(2026, 10, 13, 23, 0, tzinfo=UTC))  # week 2: nothing this cohort
    assert len(kindred.driver.dms_to(asha)) == sent
    await run_at(datetime(2026, 11, 10, 23, 30, tzinfo=UTC))  # week 6: the full set again
    assert form_buttons(kindred.driver.dms_to(asha)[-1]) == ["mood", "ucla3", "who5"]


async def test_nonsense_full_weeks_are_refused_and_nothing_is_changed(kindred: Kindred) -> None:
    await configure(kindred)
    await create_cohort(kindred)
    w = kindred.world
    cohort = await kindred.bot.services.lanes.cohorts.repo.by_name(w.guild.id, "Autumn")
    for typed in ("0", "0, 6", "1-12", "\u00b2"):
        bad = await kindred.driver.command(
            w.coordinator,
            "wellbeing settings",
            {"cohort": "Autumn", "full_weeks": typed, "phq9": True, "weekly": False},
        )
        assert bad.ephemeral
        assert "is not a week of this cohort" in bad.text, bad.text
        assert "`none`" in bad.text
        assert "incident" not in bad.text.lower()
    # Neither the weeks nor the options given with them were saved.
    assert await lane(kindred).repo.cohort_schedule(cohort.id) == (None, None)
    assert await lane(kindred).repo.cohort_enabled(cohort.id) == frozenset()


async def test_answers_in_other_numerals_are_read_and_the_member_sees_how(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    dm = await optin(kindred, asha)
    # Arabic-Indic 3, Devanagari 3, full-width 2, Persian 4, and a plain 3.
    typed = {"who5:0": "\u0663", "who5:1": "\u0969", "who5:2": "\uff12", "who5:3": "\u06f4"}
    _, done = await answer(kindred, asha, dm, "who5", {**typed, "who5:4": "3"})
    assert "60" in done.text
    assert "I read \u0663 as 3, \u0969 as 3, \uff12 as 2, \u06f4 as 4." in done.text
    [row] = await lane(kindred).repo.answers_for(kindred.world.guild.id, asha.id)
    assert row.answers == (3, 3, 2, 4, 3)


async def test_a_digit_look_alike_is_refused_naming_the_answers_and_nothing_is_saved(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    dm = await optin(kindred, asha)
    _, done = await answer(kindred, asha, dm, "who5", {**WHO5, "who5:2": "\u00b3"})  # superscript
    assert "please type a whole number from 0 to 5 (0 = at no time, 5 = all of the time)" in (
        done.text
    )
    assert "Nothing was saved" in done.text
    assert "incident" not in done.text.lower()
    assert await lane(kindred).repo.answers_for(kindred.world.guild.id, asha.id) == []
