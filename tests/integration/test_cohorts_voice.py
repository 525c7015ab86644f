"""Each group's voice channel, and attendance from it, end to end through the stand-in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sandbox.driver import NotAllowed
from sandbox.fake_discord import FakeDiscord, Perm
from tests.conftest import Kindred, running_kindred
from tests.integration.helpers import configure
from tests.integration.test_cohorts import channel_of, cog, create_cohort, join, run_until

START = datetime(2026, 10, 6, 22, 0, tzinfo=UTC)  # week 1: Tuesday 18:00 in New York
WEEK = timedelta(weeks=1)
HOUR = timedelta(hours=1)
OLD_INVITE = Perm.BOT_INVITE & ~(Perm.CONNECT | Perm.SPEAK | Perm.MUTE_MEMBERS)


def voice_of(k: Kindred, number: int) -> dict:
    return next(
        c
        for c in k.fake.channels_in(k.world.guild.id, type=2)
        if c["name"].startswith(f"group-{number}-")
    )


async def started(k: Kindred, *, ben_group: str = "newly diagnosed") -> None:
    """Autumn (group 1: Maya, group 2: Sam) open for enrolment; Asha in group 1, Ben as asked."""
    await configure(k)
    await create_cohort(k)
    result = await k.driver.command(k.world.coordinator, "cohort start", {"cohort": "Autumn"})
    assert "Enrolment is open" in result.content, result.content
    assert "Group 1" in await join(k, k.world.member("Asha"), "newly diagnosed")
    await join(k, k.world.member("Ben"), ben_group)


async def attendance_rows(k: Kindred) -> list[tuple[int, int, str]]:
    """(user id, week, how) of every attendance row, in order."""
    rows = await k.services.db.fetchall(
        "SELECT a.user_id, s.week, a.how FROM cohort_attendance a"
        " JOIN cohort_sessions s ON s.id = a.session_id ORDER BY s.week, a.user_id"
    )
    return [(r["user_id"], r["week"], r["how"]) for r in rows]


def can_connect(k: Kindred, channel: dict, member: object) -> bool:
    return bool(k.fake.permissions_in(channel["id"], member) & Perm.CONNECT)


async def set_role_permissions(k: Kindred, role_id: int, permissions: int) -> None:
    """A server admin changes a role's permissions (GUILD_ROLE_UPDATE reaches the bot)."""
    role = k.fake.role(k.world.guild.id, role_id)
    role["permissions"] = str(permissions)
    k.fake.dispatch("GUILD_ROLE_UPDATE", {"guild_id": str(k.world.guild.id), "role": dict(role)})
    await k.driver.settle()


# --- the channel --------------------------------------------------------------------------------


async def test_each_group_gets_a_voice_channel_private_to_the_group(kindred: Kindred) -> None:
    await started(kindred, ben_group="progression")
    w, fake = kindred.world, kindred.fake
    one, two = voice_of(kindred, 1), voice_of(kindred, 2)
    assert one["name"] == "group-1-newly-diagnosed"
    assert one["parent_id"] == channel_of(kindred, 1)["parent_id"]  # the cohort's category
    groups = await cog(kindred).repo.groups(1)
    assert [g.voice_channel_id for g in groups] == [one.id, two.id]
    asha, ben, chloe = w.member("Asha"), w.member("Ben"), w.member("Chloe")
    maya, sam = w.member("Maya"), w.member("Sam")

    def who_sees(channel: dict) -> set[str]:
        people = (asha, ben, chloe, maya, sam, w.coordinator)
        return {p.name for p in people if fake.can_view(channel["id"], p.id)}

    assert who_sees(one) == {"Asha", "Maya", "Priya"}
    assert who_sees(two) == {"Ben", "Sam", "Priya"}
    # Between sessions members see it but cannot connect; staff can (to test their audio).
    assert not can_connect(kindred, one, asha)
    assert can_connect(kindred, one, maya)
    assert fake.permissions_in(one.id, maya.id) & Perm.MUTE_MEMBERS
    assert fake.warnings == []
    assert fake.refusals == []


async def test_members_connect_only_while_the_session_is_open(kindred: Kindred) -> None:
    await started(kindred)
    one = voice_of(kindred, 1)
    asha, maya = kindred.world.member("Asha"), kindred.world.member("Maya")
    with pytest.raises(NotAllowed, match="may not connect"):
        await kindred.driver.join_voice(asha, one)
    await kindred.driver.join_voice(maya, one)  # the moderator warms up early

    await run_until(kindred, START)
    assert can_connect(kindred, one, asha)
    await kindred.driver.join_voice(asha, one)
    await kindred.driver.leave_voice(asha)

    await run_until(kindred, START + HOUR)
    assert not can_connect(kindred, one, asha)
    with pytest.raises(NotAllowed, match="may not connect"):
        await kindred.driver.join_voice(asha, one)
    assert kindred.fake.warnings == []


async def test_joining_voice_during_the_session_is_attendance_in_the_report(
    kindred: Kindred,
) -> None:
    await started(kindred)
    w = kindred.world
    asha = w.member("Asha")
    await run_until(kindred, START)
    await kindred.driver.join_voice(asha, voice_of(kindred, 1))
    assert await attendance_rows(kindred) == [(asha.id, 1, "voice")]

    await run_until(kindred, START + HOUR)
    result = await kindred.driver.command(w.coordinator, "cohort report", {"cohort": "Autumn"})
    assert "week 1: 1/2 (1 in voice)" in result.text
    attachment = result.message["attachments"][0]
    data = kindred.fake.attachments[attachment["url"].split("/attachments/", 1)[1]]
    header, asha_row, ben_row = data.decode().splitlines()
    assert header.endswith(",week_12,in_voice")
    assert asha_row.startswith(f"{asha.id},1,enrolled,1,1,1,1,")
    assert asha_row.endswith(",1")
    assert ben_row.endswith(",0")


async def test_the_opening_post_points_to_the_voice_channel(kindred: Kindred) -> None:
    await started(kindred)
    await run_until(kindred, START)
    opening = kindred.driver.sent_to_channel(channel_of(kindred, 1))[-1]["content"]
    assert f"<#{voice_of(kindred, 1).id}>" in opening


async def test_a_join_outside_a_session_is_not_attendance(kindred: Kindred) -> None:
    await started(kindred)
    asha = kindred.world.member("Asha")
    await run_until(kindred, START + HOUR)  # week 1 held without her
    # Dragged in by staff after the session (the client itself would refuse her).
    await kindred.driver.join_voice(asha, voice_of(kindred, 1), check=False)
    await kindred.driver.leave_voice(asha)
    assert await attendance_rows(kindred) == []


async def test_staff_other_groups_and_bots_in_voice_are_not_attendance(kindred: Kindred) -> None:
    await started(kindred, ben_group="progression")
    w = kindred.world
    one = voice_of(kindred, 1)
    await run_until(kindred, START)
    await kindred.driver.join_voice(w.member("Maya"), one)
    await kindred.driver.join_voice(w.coordinator, one)
    await kindred.driver.join_voice(w.member("Ben"), one, check=False)  # group 2, moved in
    helper = kindred.fake.add_member(w.guild.id, "Helper", bot=True)
    await kindred.driver.join_voice(helper, one, check=False)
    assert await attendance_rows(kindred) == []
    await kindred.driver.join_voice(w.member("Asha"), one)
    assert await attendance_rows(kindred) == [(w.member("Asha").id, 1, "voice")]


async def test_a_member_already_in_voice_when_the_session_starts_attends(
    kindred: Kindred,
) -> None:
    await started(kindred)
    asha = kindred.world.member("Asha")
    # In the call a couple of minutes early (a moderator moved her in while it was closed).
    await run_until(kindred, START - timedelta(minutes=2))
    await kindred.driver.join_voice(asha, voice_of(kindred, 1), check=False)
    assert await attendance_rows(kindred) == []
    await run_until(kindred, START)
    assert await attendance_rows(kindred) == [(asha.id, 1, "voice")]


async def test_leaving_rejoining_and_muting_count_once(kindred: Kindred) -> None:
    await started(kindred)
    asha, ben = kindred.world.member("Asha"), kindred.world.member("Ben")
    one = voice_of(kindred, 1)
    await run_until(kindred, START)
    await kindred.driver.join_voice(asha, one)
    await kindred.driver.join_voice(asha, one, self_mute=True)
    await kindred.driver.leave_voice(asha)
    await kindred.driver.join_voice(asha, one)
    await kindred.driver.post(asha, channel_of(kindred, 1), "sorry, my connection dropped")
    # Ben writes first and then joins the call: one row, and it says he was in the call.
    await kindred.driver.post(ben, channel_of(kindred, 1), "joining in a sec")
    assert await attendance_rows(kindred) == [(asha.id, 1, "voice"), (ben.id, 1, "message")]
    await kindred.driver.join_voice(ben, one)
    assert await attendance_rows(kindred) == [(asha.id, 1, "voice"), (ben.id, 1, "voice")]


async def test_voice_attendance_prevents_the_missed_two_in_a_row_note(kindred: Kindred) -> None:
    await started(kindred)
    asha, ben, maya = (kindred.world.member(n) for n in ("Asha", "Ben", "Maya"))
    one = voice_of(kindred, 1)
    for week in (0, 1):
        await run_until(kindred, START + week * WEEK)
        await kindred.driver.join_voice(asha, one)
        await kindred.driver.leave_voice(asha)
        await run_until(kindred, START + week * WEEK + HOUR)
    notes = [m["content"] for m in kindred.driver.dms_to(maya)]
    assert any(f"<@{ben.id}>" in n and "missed the last two" in n for n in notes)
    assert not any(f"<@{asha.id}>" in n for n in notes)


# --- healing cohorts from before voice channels --------------------------------------------------


async def forget_voice_channels(k: Kindred) -> None:
    """Put the cohort in its pre-V10 state: no voice channels, none stored."""
    guild = k.bot.get_guild(k.world.guild.id)
    for number in (1, 2):
        await guild.get_channel(voice_of(k, number).id).delete()
    await k.services.db.execute("UPDATE cohort_groups SET voice_channel_id = NULL")
    await k.driver.settle()
    assert k.fake.channels_in(k.world.guild.id, type=2) == []


async def test_a_cohort_without_voice_channels_gets_them_at_the_next_session(
    kindred: Kindred,
) -> None:
    await started(kindred)
    await forget_voice_channels(kindred)
    await run_until(kindred, START)
    one = voice_of(kindred, 1)
    voices = [c.id for c in kindred.fake.channels_in(kindred.world.guild.id, type=2)]
    assert [g.voice_channel_id for g in await cog(kindred).repo.groups(1)] == voices
    assert one.id in voices
    asha = kindred.world.member("Asha")
    await kindred.driver.join_voice(asha, one)  # open, since the session is
    assert await attendance_rows(kindred) == [(asha.id, 1, "voice")]
    assert not kindred.fake.can_view(one.id, kindred.world.member("Chloe").id)
    assert kindred.fake.warnings == []


async def test_a_cohort_without_voice_channels_gets_them_when_kindred_reconnects(
    fake: FakeDiscord, world, db_url: str, clock, data_files
) -> None:
    async with running_kindred(fake, world, db_url, clock, data_files) as first:
        await started(first)
        await forget_voice_channels(first)
    async with running_kindred(fake, world, db_url, clock, data_files) as second:
        await second.driver.settle()
        one, two = voice_of(second, 1), voice_of(second, 2)
        groups = await cog(second).repo.groups(1)
        assert [g.voice_channel_id for g in groups] == [one.id, two.id]
        assert fake.can_view(one.id, world.member("Asha").id)
        assert not can_connect(second, one, world.member("Asha"))  # no session open
        assert fake.warnings == []


async def test_who_joined_voice_while_kindred_was_away_is_counted_when_it_is_back(
    fake: FakeDiscord, world, db_url: str, clock, data_files
) -> None:
    async with running_kindred(fake, world, db_url, clock, data_files) as first:
        await started(first)
        await run_until(first, START)
        one = voice_of(first, 1)
    asha = world.member("Asha")
    assert can_connect(first, one, asha)
    fake.set_voice_state(world.guild.id, asha.id, one.id)  # nobody tells the offline bot
    clock.set(START + timedelta(minutes=20))
    async with running_kindred(fake, world, db_url, clock, data_files) as second:
        await second.driver.settle()
        assert await attendance_rows(second) == [(asha.id, 1, "voice")]


async def test_after_a_restart_posts_and_joins_in_group_channels_still_count(
    fake: FakeDiscord, world, db_url: str, clock, data_files
) -> None:
    async with running_kindred(fake, world, db_url, clock, data_files) as first:
        await started(first)
    asha = world.member("Asha")
    async with running_kindred(fake, world, db_url, clock, data_files) as second:
        # The listeners' index of group channels is rebuilt from the database at start-up.
        await run_until(second, START)
        await second.driver.post(asha, channel_of(second, 1), "hello from group one")
        assert await attendance_rows(second) == [(asha.id, 1, "message")]
        await second.driver.join_voice(asha, voice_of(second, 1))
        assert await attendance_rows(second) == [(asha.id, 1, "voice")]


# --- permissions the bot may lack -----------------------------------------------------------------


async def test_with_an_older_invite_voice_works_and_staff_get_no_mute(kindred: Kindred) -> None:
    bot_role = kindred.fake.bot_role(kindred.world.guild.id)
    await set_role_permissions(kindred, bot_role.id, OLD_INVITE)  # @everyone still has Connect
    await started(kindred)
    one = voice_of(kindred, 1)
    maya = kindred.world.member("Maya")
    assert can_connect(kindred, one, maya)
    assert not kindred.fake.permissions_in(one.id, maya.id) & Perm.MUTE_MEMBERS
    await run_until(kindred, START)
    assert can_connect(kindred, one, kindred.world.member("Asha"))
    assert kindred.fake.refusals == []


async def test_when_discord_refuses_voice_channels_the_text_channels_still_work(
    kindred: Kindred,
) -> None:
    guild_id = kindred.world.guild.id
    await set_role_permissions(kindred, kindred.fake.bot_role(guild_id).id, OLD_INVITE)
    everyone = Perm.DEFAULT_EVERYONE & ~Perm.CONNECT
    await set_role_permissions(kindred, guild_id, everyone)
    await configure(kindred)
    await create_cohort(kindred)
    result = await kindred.driver.command(
        kindred.world.coordinator, "cohort start", {"cohort": "Autumn"}
    )
    assert "Enrolment is open" in result.content
    assert "**Connect** and **Speak**" in result.content
    assert kindred.fake.channels_in(guild_id, type=2) == []
    asha = kindred.world.member("Asha")
    await join(kindred, asha, "newly diagnosed")
    await run_until(kindred, START)  # the session opens without voice, and staff hear why
    assert kindred.fake.permissions_in(channel_of(kindred, 1).id, asha.id) & Perm.SEND_MESSAGES
    staff = kindred.driver.sent_to_channel(kindred.world.channels["staff"])
    assert any("voice channel" in m["content"] for m in staff)
