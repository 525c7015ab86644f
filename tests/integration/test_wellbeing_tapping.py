"""Wellbeing forms answered by tapping, end to end through the stand-in: one screen per
instrument (WHO-5 takes two: four questions and the buttons fill a message), answers kept as
they are tapped, and PHQ-9 item 9 handed to the crisis lane the same day."""

from __future__ import annotations

from typing import Any

from tests.conftest import Kindred
from tests.integration.helpers import configure
from tests.integration.test_crisis import staff_messages
from tests.integration.test_wellbeing import button, lane, optin, start_cohort_with_item_9


def components(message: Any) -> list[dict]:
    msg = message.message if hasattr(message, "message") else message
    return [c for row in msg["components"] for c in row["components"]]


def custom_id(message: Any, prefix: str) -> str:
    found = [c["custom_id"] for c in components(message) if c["custom_id"].startswith(prefix)]
    assert found, [c["custom_id"] for c in components(message)]
    return found[0]


def selects(message: Any) -> list[dict]:
    return [c for c in components(message) if c["type"] == 3]


async def tap(k: Kindred, member, screen, question: str, value: int):
    """Choose ``value`` for ``question`` (``who5:0``) on the screen; the redrawn screen."""
    select = next(s for s in selects(screen) if s["custom_id"].endswith(f":{question}"))
    return await k.driver.click(member, screen, select["custom_id"], values=[str(value)])


async def open_screen(k: Kindred, member, dm: dict, form: str):
    screen = await k.driver.click(member, dm, button(dm, form))
    assert screen.modal is None, "a screen of selects, not a typed form"
    assert screen.message is not None, screen.text
    return screen


async def test_who5_is_answered_by_tapping_in_two_screens(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    dm = await optin(kindred, asha)
    screen = await open_screen(kindred, asha, dm, "who5")
    assert screen.ephemeral
    assert "WHO-5" in screen.text
    assert "screen 1 of 2" in screen.text
    first = selects(screen)
    assert len(first) == 4
    assert len(screen.message["components"]) == 5
    assert first[0]["placeholder"] == "1. I have felt cheerful and in good spirits"
    assert next(o["label"] for o in first[0]["options"]) == "0 - At no time"
    assert [o["label"] for o in first[0]["options"]][-1] == "5 - All of the time"
    for n, value in enumerate((3, 3, 2, 4)):
        screen = await tap(kindred, asha, screen, f"who5:{n}", value)
    chosen = [o["value"] for o in selects(screen)[3]["options"] if o.get("default")]
    assert chosen == ["4"], "the redrawn screen shows the answer chosen"
    screen = await kindred.driver.click(asha, screen, custom_id(screen, "wellbeing:go:"))
    assert "screen 2 of 2" in screen.text
    assert len(selects(screen)) == 1
    screen = await tap(kindred, asha, screen, "who5:4", 3)
    done = await kindred.driver.click(asha, screen, custom_id(screen, "wellbeing:send:"))
    assert "60" in done.text
    assert "Thank you" in done.text
    assert not done.message["components"], "the questions go once saved"
    [row] = await lane(kindred).repo.answers_for(kindred.world.guild.id, asha.id)
    assert (row.instrument, row.answers, row.score) == ("who5", (3, 3, 2, 4, 3), 60)


async def test_taps_are_kept_when_the_member_stops_and_comes_back(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    dm = await optin(kindred, asha)
    screen = await open_screen(kindred, asha, dm, "who5")
    for n in range(4):
        screen = await tap(kindred, asha, screen, f"who5:{n}", 2)
    # Later (the ephemeral screen long gone), the DM's button again: she picks up where she was.
    kindred.clock.advance(hours=5)
    again = await open_screen(kindred, asha, dm, "who5")
    assert "screen 2 of 2" in again.text
    back = await kindred.driver.click(asha, again, custom_id(again, "wellbeing:go:"))
    kept = [[o["value"] for o in s["options"] if o.get("default")] for s in selects(back)]
    assert kept == [["2"], ["2"], ["2"], ["2"]]
    # The typed form, for those who prefer it, comes filled in with the kept answers.
    typed = await kindred.driver.click(asha, again, custom_id(again, "wellbeing:type:"))
    assert [i["value"] for i in typed.modal["inputs"]] == ["2", "2", "2", "2", None]
    done = await kindred.driver.submit_modal(
        asha, typed, {f"who5:{n}": "2" for n in range(4)} | {"who5:4": "5"}
    )
    assert "52" in done.text  # (2 x 4 + 5) x 4
    assert await lane(kindred).repo.kept_answers(1) == {}, "kept answers go once saved"


async def test_send_with_a_question_left_names_it_and_saves_nothing(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    dm = await optin(kindred, asha)
    screen = await open_screen(kindred, asha, dm, "who5")
    screen = await kindred.driver.click(asha, screen, custom_id(screen, "wellbeing:go:"))
    screen = await tap(kindred, asha, screen, "who5:4", 1)
    left = await kindred.driver.click(asha, screen, custom_id(screen, "wellbeing:send:"))
    assert "Still to answer" in left.text
    assert "“Calm and relaxed”" in left.text
    assert "screen 1 of 2" in left.text
    assert await lane(kindred).repo.answers_for(kindred.world.guild.id, asha.id) == []


async def test_a_typed_answer_refused_keeps_the_others(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    dm = await optin(kindred, asha)
    screen = await open_screen(kindred, asha, dm, "who5")
    typed = await kindred.driver.click(asha, screen, custom_id(screen, "wellbeing:type:"))
    values = {"who5:0": "1", "who5:1": "2", "who5:2": "3", "who5:3": "4", "who5:4": "9"}
    refused = await kindred.driver.submit_modal(asha, typed, values)
    assert "Nothing was saved" in refused.text
    again = await kindred.driver.click(asha, screen, custom_id(screen, "wellbeing:type:"))
    assert [i["value"] for i in again.modal["inputs"]] == ["1", "2", "3", "4", None]


async def test_item_9_tapped_goes_to_the_crisis_lane_the_same_day(kindred: Kindred) -> None:
    await start_cohort_with_item_9(kindred)
    asha = kindred.world.member("Asha")
    dm = await optin(kindred, asha)
    screen = await open_screen(kindred, asha, dm, "mood")
    # The mood form: PHQ-2, GAD-2 and item 9, one screen each.
    assert "screen 1 of 3" in screen.text
    assert "PHQ-2" in screen.text
    screen = await tap(kindred, asha, screen, "phq2:0", 0)
    screen = await tap(kindred, asha, screen, "phq2:1", 1)
    screen = await kindred.driver.click(asha, screen, custom_id(screen, "wellbeing:go:"))
    screen = await tap(kindred, asha, screen, "gad2:0", 0)
    screen = await tap(kindred, asha, screen, "gad2:1", 0)
    nxt = [c["custom_id"] for c in components(screen) if c.get("label") == "Next"]
    screen = await kindred.driver.click(asha, screen, nxt[0])
    assert "PHQ-9 item 9" in screen.text
    [item9] = selects(screen)
    assert [o["label"] for o in item9["options"]][-1] == "3 - Nearly every day"
    screen = await tap(kindred, asha, screen, "phq9_item9:0", 3)
    done = await kindred.driver.click(asha, screen, custom_id(screen, "wellbeing:send:"))
    await kindred.driver.settle()
    assert "reach out" in done.text
    rows = await kindred.services.db.fetchall(
        "SELECT source, level, rules FROM crisis_cases WHERE user_id = ?", (asha.id,)
    )
    assert [tuple(r) for r in rows] == [("wellbeing", "urgent", "phq9_item9")]
    assert staff_messages(kindred)
