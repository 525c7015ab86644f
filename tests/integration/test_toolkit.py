"""The IER toolkit end to end: /cope, /goodnews and the weekly good-news thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cogs.toolkit import messages
from tests.conftest import Kindred
from tests.integration.helpers import configure
from tests.integration.test_checkins import group_channel, run_until, start_cohort

LOW = "low"
URGENT = "I've saved up my pills and I'm going to take them all tonight. Goodbye everyone."
# The first session: Tuesday 6 October 2026, 18:00 New York (22:00 UTC).
FIRST_SESSION = datetime(2026, 10, 6, 22, 0, tzinfo=UTC)


async def cope(k: Kindred, member, feeling: str, around: str):
    started = await k.driver.command(member, "cope", {}, channel=k.world.channels["general"])
    assert started.ephemeral
    asked = await k.driver.click(member, started, "toolkit:feeling", values=[feeling])
    return await k.driver.click(member, asked, f"toolkit:around:{around}")


async def test_cope_offers_strategies_and_helplines_privately_and_stores_only_a_count(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    member = kindred.world.members[0]
    answer = await cope(kindred, member, LOW, "yes")
    assert answer.ephemeral
    assert "```" in answer.text  # a ready-to-send message to copy
    assert "Free, confidential support" in answer.text  # the /resources helplines
    helplines = answer.messages[-1]
    assert len(helplines["content"]) < 600
    assert "**112**" in helplines["content"]
    assert "Tele-MANAS" in helplines["content"]
    more = await kindred.driver.click(member, helplines, f"crisis:more:{kindred.world.guild.id}")
    assert more.ephemeral
    assert "Tele-MANAS" in more.text
    assert "KIRAN" not in more.text  # marked `recheck`: not sent until someone checks it
    assert "Find A Helpline" in more.text
    rows = await kindred.services.db.fetchall("SELECT * FROM toolkit_cope_counts")
    assert [(r["feeling"], r["count"]) for r in rows] == [(LOW, 1)]
    assert await kindred.services.db.fetchval("SELECT count(*) FROM toolkit_cope_log") == 0


async def test_cope_shows_one_idea_at_a_time_within_the_length_budget(kindred: Kindred) -> None:
    await configure(kindred)
    member = kindred.world.members[3]
    answer = await cope(kindred, member, "anxious", "yes")
    seen = []
    screen = answer.messages[0]
    for _ in range(3):
        assert len(screen["content"]) < 600
        seen.append(screen["content"].split("**")[1])  # the idea's title
        screen = (await kindred.driver.click(member, screen, "toolkit:another")).message
    assert len(set(seen)) == 3, "three different ideas, one screen each"
    assert screen["content"].split("**")[1] == seen[0], "and round again"
    assert "Idea 1 of 3" in screen["content"]


async def test_nobody_around_and_okay_shows_no_helplines(kindred: Kindred) -> None:
    await configure(kindred)
    answer = await cope(kindred, kindred.world.members[1], "okay", "no")
    assert "Free, confidential support" not in answer.text
    assert "```" not in answer.text  # nothing to send when nobody is around


async def test_log_this_for_me_keeps_the_feeling_and_strategies(kindred: Kindred) -> None:
    await configure(kindred)
    member = kindred.world.members[2]
    answer = await cope(kindred, member, "lonely", "no")
    logged = await kindred.driver.click(member, answer, "toolkit:log")
    assert messages.LOGGED in logged.text
    [row] = await kindred.services.db.fetchall("SELECT * FROM toolkit_cope_log")
    assert row["user_id"] == member.id
    assert row["feeling"] == "lonely"
    assert len(row["strategy_ids"].split(",")) in (2, 3)


async def test_goodnews_is_posted_to_the_members_group_attributed_and_inviting_replies(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await start_cohort(kindred, members=4)
    member = kindred.world.members[0]
    done = await kindred.driver.command(
        member, "goodnews", {"text": "I walked to the park today!"},
        channel=kindred.world.channels["general"],
    )  # fmt: skip
    assert done.ephemeral
    assert "Posted your good news" in done.text
    posted = kindred.driver.sent_to_channel(group_channel(kindred))[-1]["content"]
    assert "I walked to the park today!" in posted
    assert f"<@{member.id}>" in posted
    assert "what does this mean to you" in posted


async def test_goodnews_outside_a_group_posts_where_it_was_run(kindred: Kindred) -> None:
    await configure(kindred)
    general = kindred.world.channels["general"]
    done = await kindred.driver.command(
        kindred.world.members[5], "goodnews", {"text": "Slept well!"}, channel=general
    )
    assert "Posted your good news" in done.text
    assert "Slept well!" in kindred.driver.sent_to_channel(general)[-1]["content"]


async def test_a_crisis_disclosure_in_goodnews_is_not_posted_and_opens_a_case(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    general = kindred.world.channels["general"]
    before = len(kindred.driver.sent_to_channel(general))
    done = await kindred.driver.command(
        kindred.world.members[3], "goodnews", {"text": URGENT}, channel=general
    )
    await kindred.driver.settle()
    assert messages.GOODNEWS_CONCERN in done.text
    assert len(kindred.driver.sent_to_channel(general)) == before
    level = await kindred.services.db.fetchval("SELECT level FROM crisis_cases")
    assert level == "urgent"


async def test_abusive_goodnews_is_refused_kindly(kindred: Kindred) -> None:
    await configure(kindred)
    general = kindred.world.channels["general"]
    before = len(kindred.driver.sent_to_channel(general))
    done = await kindred.driver.command(
        kindred.world.members[4], "goodnews", {"text": "Great news: you're all idiots"},
        channel=general,
    )  # fmt: skip
    assert "I didn't post this" in done.text
    assert len(kindred.driver.sent_to_channel(general)) == before


async def test_each_group_gets_one_weekly_good_news_thread(kindred: Kindred) -> None:
    await configure(kindred)
    await start_cohort(kindred, members=4)
    week_1 = FIRST_SESSION + timedelta(days=5, minutes=1)
    await run_until(kindred, week_1)
    await run_until(kindred, week_1 + timedelta(hours=2))  # the sweep again: no duplicate
    channel = group_channel(kindred)
    names = [t["name"] for t in kindred.fake.threads_in(channel["id"])]
    assert names.count(messages.weekly_thread_name(1)) == 1
    await run_until(kindred, week_1 + timedelta(weeks=1))
    names = [t["name"] for t in kindred.fake.threads_in(channel["id"])]
    assert names.count(messages.weekly_thread_name(2)) == 1


async def test_a_member_who_chose_spanish_goes_through_cope_in_spanish(kindred: Kindred) -> None:
    await configure(kindred)
    member = kindred.world.members[1]
    await kindred.driver.command(member, "language", {"language": "es"})
    started = await kindred.driver.command(
        member, "cope", {}, channel=kindred.world.channels["general"]
    )
    assert "**¿Cómo te sientes ahora mismo?**" in started.content
    [menu] = [c for row in started.message["components"] for c in row["components"]]
    assert menu["placeholder"] == "Elige lo que más se parezca"
    assert "Con el ánimo bajo" in [o["label"] for o in menu["options"]]
    asked = await kindred.driver.click(member, started, "toolkit:feeling", values=["low"])
    assert "**¿Hay alguien cerca**" in asked.text
    answer = await kindred.driver.click(member, asked, "toolkit:around:yes")
    assert answer.messages[0]["content"].startswith("Tener el ánimo bajo es difícil.")
    logged = await kindred.driver.click(member, answer.messages[0], "toolkit:log")
    assert "Guardado para ti" in logged.text


async def test_cope_opens_in_hindi_for_a_member_whose_discord_speaks_hindi(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    member = kindred.world.members[2]
    started = await kindred.driver.command(
        member, "cope", {}, channel=kindred.world.channels["general"], locale="hi"
    )
    assert started.ephemeral
    assert "**अभी आपका मन कैसा है?**" in started.content
    [menu] = [c for row in started.message["components"] for c in row["components"]]
    assert "मन उदास है" in [o["label"] for o in menu["options"]]


async def test_goodnews_thanks_the_member_in_theirs_and_posts_in_the_groups_language(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    await start_cohort(kindred, members=4)
    await kindred.services.db.execute("UPDATE cohort_groups SET language = 'hi'")
    member = kindred.world.members[0]
    done = await kindred.driver.command(
        member, "goodnews", {"text": "I walked to the park today!"},
        channel=kindred.world.channels["general"], locale="es-419",
    )  # fmt: skip
    assert done.text.startswith("Publiqué tu buena noticia en <#")
    posted = kindred.driver.sent_to_channel(group_channel(kindred))[-1]["content"]
    assert posted.startswith(f"🌱 **<@{member.id}> की अच्छी ख़बर**")
    assert "> I walked to the park today!" in posted  # the member's own words stay theirs
