"""/join through the stand-in: informed consent before the form, and a timezone typed the way
people say it (asked again on its own, the other answers kept, when Kindred cannot use it)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cogs.cohorts import messages
from sandbox.driver_base import InteractionResult
from tests.conftest import Kindred
from tests.integration.helpers import agree_and_join, configure


async def open_autumn(k: Kindred, **overrides: object) -> InteractionResult:
    await configure(k)
    w = k.world
    options = {
        "name": "Autumn",
        "start": "2026-10-06",
        "day": "Tuesday",
        "time": "18:00",
        "timezone": "America/New_York",
        "moderator": w.member("Maya"),
        **overrides,
    }
    created = await k.driver.command(w.coordinator, "cohort create", options)
    assert "Created the draft cohort" in created.content, created.content
    started = await k.driver.command(w.coordinator, "cohort start", {"cohort": "Autumn"})
    assert "Enrolment is open" in started.content, started.content
    return created


async def enrolment_of(k: Kindred, user_id: int) -> dict | None:
    rows = await k.services.db.fetchall(
        "SELECT status, focus_pref, timezone_pref, checkins, language FROM cohort_enrolments "
        "WHERE user_id = ?",
        (user_id,),
    )
    return dict(rows[0]) if rows else None


async def form(k: Kindred, member: object) -> InteractionResult:
    shown = await k.driver.command(member, "join", {})
    opened = await k.driver.click(member, shown, "cohort:agree")
    assert opened.modal is not None, opened.content
    return opened


async def test_join_shows_what_is_kept_before_anything_is_stored(kindred: Kindred) -> None:
    # A server that keeps flagged copies for 45 days: the text says 45, from the setting.
    settings = dataclasses.replace(kindred.services.settings, retention_days=45)
    kindred.services.settings = settings
    await open_autumn(kindred)
    asha = kindred.world.member("Asha")

    shown = await kindred.driver.command(asha, "join", {})
    assert shown.ephemeral
    assert shown.modal is None
    text = shown.content
    assert text == messages.consent_summary("Autumn", 45)
    for words in ("Stored:", "Seen by:", "safety and kindness", "45 days", "/leave", "/privacy"):
        assert words in text, words
    assert "90" not in text
    assert len(text) < 600
    labels = [b["label"] for b in shown.buttons()]
    assert labels == [messages.AGREE_LABEL, messages.READ_ALL_LABEL, "Not now"]
    assert await enrolment_of(kindred, asha.id) is None

    full = await kindred.driver.click(asha, shown, "cohort:consent")
    assert full.content == messages.consent_full(45)
    assert "erased after 45 days" in full.content
    assert [b["label"] for b in full.buttons()] == [messages.AGREE_LABEL, "Not now"]
    assert await enrolment_of(kindred, asha.id) is None

    opened = await kindred.driver.click(asha, full, "cohort:agree")
    assert opened.modal is not None
    assert "consent" not in [i["custom_id"] for i in opened.modal["inputs"]]
    done = await kindred.driver.submit_modal(asha, opened, {"focus": "", "checkins": "yes"})
    assert "You have a place" in done.content, done.content
    assert "/privacy show" in done.content


async def test_not_now_stores_nothing(kindred: Kindred) -> None:
    await open_autumn(kindred)
    asha = kindred.world.member("Asha")
    shown = await kindred.driver.command(asha, "join", {})
    left = await kindred.driver.click(asha, shown, "cohort:notnow")
    assert "nothing was stored" in left.content
    assert left.buttons() == []
    assert await enrolment_of(kindred, asha.id) is None


async def test_privacy_show_repeats_the_same_consent_text(kindred: Kindred) -> None:
    await open_autumn(kindred)
    asha = kindred.world.member("Asha")
    shown = await kindred.driver.command(asha, "privacy show")
    days = kindred.services.settings.retention_days
    assert messages.consent_full(days) in shown.text
    assert f"erased after {days} days" in shown.text


async def test_a_city_is_a_timezone(kindred: Kindred) -> None:
    await open_autumn(kindred)
    asha = kindred.world.member("Asha")
    joined = await agree_and_join(kindred, asha, {"timezone": "Kolkata"})
    assert "You have a place" in joined, joined
    row = await enrolment_of(kindred, asha.id)
    assert row is not None
    assert row["timezone_pref"] == "Asia/Kolkata"


async def test_an_ambiguous_timezone_is_a_choice_and_the_other_answers_are_kept(
    kindred: Kindred,
) -> None:
    await open_autumn(kindred)
    ben = kindred.world.member("Ben")
    opened = await form(kindred, ben)
    asked = await kindred.driver.submit_modal(
        ben,
        opened,
        {"focus": "newly diagnosed", "timezone": "CST", "checkins": "yes", "language": "Hindi"},
    )
    assert asked.ephemeral
    assert "could mean more than one timezone" in asked.content
    assert "other answers are kept" in asked.content
    labels = [b["label"] for b in asked.buttons()]
    assert labels[:2] == ["US Central (Chicago)", "China (Beijing, Shanghai)"]
    assert await enrolment_of(kindred, ben.id) is None

    done = await kindred.driver.click(ben, asked, "cohort:tz:0")
    assert "You have a place" in done.text, done.text
    # The choice replaced the buttons, so a second tap cannot happen.
    assert asked.message is not None
    chosen = kindred.fake.message(asked.message["id"])
    assert chosen["components"] == []
    assert "Timezone: **US Central (Chicago)**" in chosen["content"]
    row = await enrolment_of(kindred, ben.id)
    assert row is not None
    assert row["timezone_pref"] == "America/Chicago"
    assert (row["focus_pref"], row["checkins"], row["language"]) == ("newly_diagnosed", 1, "Hindi")


async def test_an_unknown_timezone_is_typed_again_alone(kindred: Kindred) -> None:
    await open_autumn(kindred)
    ben = kindred.world.member("Ben")
    opened = await form(kindred, ben)
    asked = await kindred.driver.submit_modal(
        ben, opened, {"timezone": "Atlantis", "checkins": "yes", "language": "Spanish"}
    )
    assert "Atlantis" in asked.content
    assert messages.TIMEZONE_KEPT in asked.content
    assert await enrolment_of(kindred, ben.id) is None

    again = await kindred.driver.click(ben, asked, "cohort:tz:retype")
    assert again.modal is not None
    assert [i["custom_id"] for i in again.modal["inputs"]] == ["timezone"]
    done = await kindred.driver.submit_modal(ben, again, {"timezone": "new york"})
    assert "You have a place" in done.text, done.text
    row = await enrolment_of(kindred, ben.id)
    assert row is not None
    assert (row["timezone_pref"], row["checkins"], row["language"]) == (
        "America/New_York",
        1,
        "Spanish",
    )


async def test_the_timezone_can_be_left_out(kindred: Kindred) -> None:
    await open_autumn(kindred)
    ben = kindred.world.member("Ben")
    opened = await form(kindred, ben)
    asked = await kindred.driver.submit_modal(ben, opened, {"timezone": "UTC+5:30"})
    assert "clocks change" in asked.content
    done = await kindred.driver.click(ben, asked, "cohort:tz:skip")
    assert "You have a place" in done.text, done.text
    row = await enrolment_of(kindred, ben.id)
    assert row is not None
    assert row["timezone_pref"] is None


async def test_a_coordinator_types_times_dates_and_zones_the_way_people_say_them(
    kindred: Kindred,
) -> None:
    created = await open_autumn(kindred, start="6 Oct", time="7.30 pm", timezone="Kolkata")
    assert "Asia/Kolkata" in created.text or "Kolkata" in created.text
    found = await kindred.services.lanes.cohorts.repo.by_name(kindred.world.guild.id, "Autumn")
    assert found is not None
    assert (found.timezone, found.local_time, found.start_date.isoformat()) == (
        "Asia/Kolkata",
        dt.time(19, 30),
        "2026-10-06",
    )
    w = kindred.world
    asked = await kindred.driver.command(
        w.coordinator, "cohort edit", {"cohort": "Autumn", "timezone": "CST"}
    )
    assert "America/Chicago" in asked.content
    assert "Asia/Shanghai" in asked.content


async def test_the_timezone_option_suggests_zones_for_what_is_typed(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    for typed, first in (
        ("ist", "Asia/Kolkata"),
        ("India", "Asia/Kolkata"),
        ("new y", "America/New_York"),
    ):
        offered = await kindred.driver.autocomplete(
            w.coordinator, "cohort create", {"name": "Spring", "timezone": typed}, "timezone"
        )
        assert offered[0]["value"] == first, (typed, offered[:3])
        assert len(offered) <= 25
