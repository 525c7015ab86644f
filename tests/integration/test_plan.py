"""``/plan`` and moderator profiles end to end, through the Discord stand-in."""

from __future__ import annotations

from datetime import UTC, datetime

from cogs.plan import messages
from tests.conftest import Kindred
from tests.integration.helpers import configure
from tests.integration.test_checkins import (
    group_channel,
    pairs_of_week,
    run_until,
    start_cohort,
    to_week,
)
from tests.integration.test_privacy import attachment_json

# The first session: Tuesday 6 October 2026, 18:00 New York (22:00 UTC).
FIRST_SESSION = datetime(2026, 10, 6, 22, 0, tzinfo=UTC)


async def make_plan(k: Kindred, member, situation: str, ideas: list[str], words: str = ""):
    """/plan, "Add something", the form, then the ideas menu; returns the last result."""
    opened = await k.driver.command(member, "plan", {}, channel=k.world.channels["general"])
    assert opened.ephemeral
    form = await k.driver.click(member, opened, "plan:add")
    assert form.modal is not None
    named = await k.driver.submit_modal(member, form, {"situation": situation, "words": words})
    assert situation in named.text
    return await k.driver.click(member, named, "plan:ideas", values=ideas)


async def plan_rows(k: Kindred, user_id: int) -> list:
    return await k.services.db.fetchall(
        "SELECT * FROM plan_items WHERE user_id = ? ORDER BY id", (user_id,)
    )


async def test_a_member_makes_a_plan_in_a_few_taps_privately(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    done = await make_plan(
        kindred, asha, "Evenings when fatigue is bad", ["reach_out", "fun_memory"], "Text Priti"
    )
    assert done.ephemeral
    assert "Evenings when fatigue is bad" in done.text
    assert "Tell someone how you feel" in done.text
    assert "Text Priti" in done.text
    [row] = await plan_rows(kindred, asha.id)
    assert row["strategy_ids"] == "reach_out,fun_memory"
    # Nothing was posted anywhere: the plan is only in the member's ephemeral message.
    assert kindred.driver.sent_to_channel(kindred.world.channels["general"]) == []


async def test_a_situation_can_be_changed_and_removed(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    shown = await make_plan(kindred, asha, "Mornings", ["fun_memory"])
    [row] = await plan_rows(kindred, asha.id)
    which = await kindred.driver.click(asha, shown, "plan:change")
    chosen = await kindred.driver.click(asha, which, "plan:which", values=[str(row["id"])])
    assert chosen.text.startswith("**Mornings**\nIdeas: Recall a fun time with others")
    form = await kindred.driver.click(asha, chosen, "plan:words")
    assert form.modal is not None
    await kindred.driver.submit_modal(asha, form, {"situation": "Slow mornings", "words": ""})
    [changed] = await plan_rows(kindred, asha.id)
    assert (changed["situation"], changed["strategy_ids"]) == ("Slow mornings", "fun_memory")
    again = await kindred.driver.command(asha, "plan", {})
    which = await kindred.driver.click(asha, again, "plan:change")
    chosen = await kindred.driver.click(asha, which, "plan:which", values=[str(row["id"])])
    gone = await kindred.driver.click(asha, chosen, "plan:remove")
    assert messages.EMPTY in gone.text
    assert await plan_rows(kindred, asha.id) == []


async def test_cope_offers_the_members_plan_first(kindred: Kindred) -> None:
    await configure(kindred)
    asha, ben = kindred.world.member("Asha"), kindred.world.member("Ben")
    await make_plan(kindred, asha, "Evenings when fatigue is bad", ["reach_out"])
    mine = await kindred.driver.command(asha, "cope", {}, channel=kindred.world.channels["general"])
    assert mine.text.startswith("**Your plan first**")
    assert "Evenings when fatigue is bad" in mine.text
    theirs = await kindred.driver.command(
        ben, "cope", {}, channel=kindred.world.channels["general"]
    )
    assert "Your plan" not in theirs.text


async def test_a_checkin_dm_offers_the_members_own_plan(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred, members=2)
    asha, ben = kindred.world.members[:2]
    await make_plan(kindred, asha, "Evenings when fatigue is bad", ["reach_out"])
    for member in (asha, ben):
        await kindred.driver.command(member, "checkin optin", {"where": "dm"})
    await to_week(kindred, 1)
    (pair,) = await pairs_of_week(kindred, 1)
    assert pair.place == "dm"
    # The private DM names Asha's own plan; Ben's invites him to make one.
    assert "Evenings when fatigue is bad" in kindred.driver.dms_to(asha)[-1]["content"]
    bens = kindred.driver.dms_to(ben)[-1]["content"]
    assert "`/plan`" in bens
    assert "Evenings" not in bens


async def test_a_checkin_thread_invites_everyone_alike_and_shows_nobodys_plan(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await start_cohort(kindred, members=2)
    asha = kindred.world.members[0]
    await make_plan(kindred, asha, "Evenings when fatigue is bad", ["reach_out"])
    await to_week(kindred, 1)
    (pair,) = await pairs_of_week(kindred, 1)
    assert pair.place == "thread"
    opening = kindred.driver.sent_to_channel(pair.thread_id)[0]["content"]
    assert messages.CHECKIN_THREAD_NOTE in opening
    assert "Evenings" not in opening


async def test_sharing_says_who_gets_it_first_then_dms_the_moderator(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred, members=2)
    asha, maya = kindred.world.members[0], kindred.world.member("Maya")
    shown = await make_plan(kindred, asha, "Evenings when fatigue is bad", ["reach_out"])
    before = len(kindred.driver.dms_to(maya))
    asked = await kindred.driver.click(asha, shown, "plan:share")
    assert f"<@{maya.id}>" in asked.text
    assert "private message" in asked.text
    assert len(kindred.driver.dms_to(maya)) == before  # nothing is sent before "Yes, send it"
    sent = await kindred.driver.click(asha, asked, "plan:send")
    assert f"Sent to <@{maya.id}>" in sent.text
    received = kindred.driver.dms_to(maya)[-1]["content"]
    assert "chose to share their plan" in received
    assert "Evenings when fatigue is bad" in received


async def test_sharing_without_a_group_is_refused_kindly_and_sends_nothing(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    asha, maya = kindred.world.member("Asha"), kindred.world.member("Maya")
    shown = await make_plan(kindred, asha, "Mornings", ["fun_memory"])
    refused = await kindred.driver.click(asha, shown, "plan:share")
    assert messages.NO_MODERATOR in refused.text
    assert kindred.driver.dms_to(maya) == []


async def test_a_crisis_disclosure_in_a_plan_reaches_the_crisis_lane(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    await make_plan(
        kindred,
        asha,
        "I've saved up my pills and I'm going to take them all tonight",
        ["fun_memory"],
    )
    assert await kindred.services.db.fetchval(
        "SELECT count(*) FROM crisis_cases WHERE user_id = ?", (asha.id,)
    ) == 1  # fmt: skip


async def test_export_and_erase_cover_the_plan(kindred: Kindred) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    await make_plan(kindred, asha, "Evenings when fatigue is bad", ["reach_out"])
    await kindred.driver.command(asha, "privacy export")
    document = attachment_json(kindred, kindred.driver.dms_to(asha)[-1])
    [item] = document["tables"]["plan_items"]
    assert item["situation"] == "Evenings when fatigue is bad"
    asked = await kindred.driver.command(asha, "privacy delete")
    await kindred.driver.click(asha, asked, f"privacy:erase:{asha.id}")
    assert await plan_rows(kindred, asha.id) == []


# --- moderator profiles -----------------------------------------------------------------------


async def record_mayas_profile(k: Kindred) -> None:
    w = k.world
    saved = await k.driver.command(
        w.coordinator,
        "moderator profile",
        {
            "member": w.member("Maya"),
            "role": "peer_facilitator",
            "languages": "English, Hindi",
            "bio": "Living with MS since 2015; I run our local walking group.",
        },
    )
    assert "Saved" in saved.text, saved.text


async def test_members_see_their_moderators_profile_when_joining_and_with_mygroup(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await record_mayas_profile(kindred)
    await start_cohort(kindred, members=0)
    asha, maya = kindred.world.members[0], kindred.world.member("Maya")
    shown = await kindred.driver.command(asha, "join", {})
    opened = await kindred.driver.click(asha, shown, "cohort:agree")
    joined = await kindred.driver.submit_modal(
        asha, opened, {"focus": "", "checkins": "no", "language": "Hindi"}
    )
    assert "You have a place" in joined.text
    assert f"<@{maya.id}>, trained peer facilitator" in joined.text
    mine = await kindred.driver.command(asha, "mygroup", {})
    assert mine.ephemeral
    assert f"<@{maya.id}>" in mine.text
    assert "trained peer facilitator" in mine.text
    assert "English and Hindi" in mine.text
    assert "walking group" in mine.text


async def test_the_week_one_welcome_post_introduces_the_moderator(kindred: Kindred) -> None:
    await configure(kindred)
    await record_mayas_profile(kindred)
    await start_cohort(kindred, members=2)
    await run_until(kindred, FIRST_SESSION)
    posts = [m["content"] for m in kindred.driver.sent_to_channel(group_channel(kindred))]
    welcome = next(p for p in posts if "interpersonal emotion regulation" in p.lower())
    assert "trained peer facilitator" in welcome
    assert "walking group" in welcome


async def test_a_moderator_cannot_edit_another_moderators_profile(kindred: Kindred) -> None:
    await configure(kindred)
    w = kindred.world
    maya = w.member("Maya")
    refused = await kindred.driver.command(
        maya, "moderator profile", {"member": w.coordinator, "role": "volunteer", "languages": "x"}
    )
    assert "edit their own profile" in refused.text
    own = await kindred.driver.command(
        maya, "mygroup", {}
    )  # she is in no group as a member: told so, kindly
    assert "/join" in own.text
