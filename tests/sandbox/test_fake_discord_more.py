"""More of the stand-in: threads, roles, timeouts, AutoMod, events, validation, intents, barrier."""

from __future__ import annotations

import asyncio
import datetime as dt
import io

import discord
import pytest

from sandbox.driver import Driver, NotAllowed
from sandbox.fake_discord import FakeDiscord, Perm
from sandbox.harness import BotDied, run_bot

from .conftest import TestBot, World


async def test_private_thread_and_members(driver: Driver, fake: FakeDiscord, world: World) -> None:
    channel = driver.bot.get_channel(world.general.id)
    thread = await channel.create_thread(name="check-in", type=discord.ChannelType.private_thread)
    assert fake.channel(thread.id)["type"] == 12
    with pytest.raises(NotAllowed):
        await driver.post(world.alice, thread.id, "can I?")
    await thread.add_user(discord.Object(world.alice.id))
    await driver.settle()
    assert world.alice.id in fake.thread_members[thread.id]
    await driver.post(world.alice, thread.id, "!ping")
    assert [m["content"] for m in driver.sent_to_channel(thread.id)] == ["pong"]


async def test_thread_from_message_has_message_id(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    msg = await driver.post(world.alice, world.general, "let's talk")
    channel = driver.bot.get_channel(world.general.id)
    thread = await channel.get_partial_message(msg.id).create_thread(name="talk")
    assert thread.id == msg.id
    assert fake.threads_in(world.general.id)[0]["name"] == "talk"


async def test_roles_created_assigned_and_hierarchy(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    guild = driver.bot.get_guild(world.guild.id)
    role = await guild.create_role(name="Cohort A")
    member = guild.get_member(world.alice.id)
    await member.add_roles(role)
    await driver.settle()
    assert str(role.id) in fake.member(world.guild.id, world.alice.id)["roles"]
    assert guild.get_member(world.alice.id).get_role(role.id) is not None
    await member.remove_roles(role)
    assert str(role.id) not in fake.member(world.guild.id, world.alice.id)["roles"]

    above = fake.add_role(world.guild.id, "Boss", position=99)
    await driver.settle()
    with pytest.raises(discord.Forbidden):
        await member.add_roles(guild.get_role(above.id))
    with pytest.raises(discord.Forbidden):
        await guild.create_role(name="god", permissions=discord.Permissions(administrator=True))


async def test_timeout(driver: Driver, fake: FakeDiscord, world: World) -> None:
    guild = driver.bot.get_guild(world.guild.id)
    await guild.get_member(world.bob.id).timeout(dt.timedelta(minutes=10), reason="cool off")
    await driver.settle()
    assert fake.member(world.guild.id, world.bob.id)["communication_disabled_until"]
    assert guild.get_member(world.bob.id).is_timed_out()
    with pytest.raises(NotAllowed, match="timed out"):
        await driver.post(world.bob, world.general, "hello?")
    owner = guild.get_member(world.guild.owner_id)
    with pytest.raises(discord.Forbidden):
        await owner.timeout(dt.timedelta(minutes=1))
    await guild.get_member(world.bob.id).timeout(None)
    assert fake.member(world.guild.id, world.bob.id)["communication_disabled_until"] is None


async def test_automod_rules(driver: Driver, fake: FakeDiscord, world: World) -> None:
    guild = driver.bot.get_guild(world.guild.id)
    action = discord.AutoModRuleAction(channel_id=world.staff.id)
    for i in range(6):
        await guild.create_automod_rule(
            name=f"crisis {i}",
            event_type=discord.AutoModRuleEventType.message_send,
            trigger=discord.AutoModTrigger(
                keyword_filter=["end it all"], regex_patterns=[r"k+m+s+"]
            ),
            actions=[action],
            enabled=True,
        )
    rules = await guild.fetch_automod_rules()
    assert len(rules) == 6
    assert len(fake.automod_rules(world.guild.id)) == 6
    with pytest.raises(discord.HTTPException):
        await guild.create_automod_rule(
            name="seventh",
            event_type=discord.AutoModRuleEventType.message_send,
            trigger=discord.AutoModTrigger(keyword_filter=["x"]),
            actions=[action],
        )
    with pytest.raises(discord.HTTPException):
        await rules[0].edit(trigger=discord.AutoModTrigger(keyword_filter=["y" * 61]))
    await rules[0].edit(enabled=False)
    assert fake.automod_rules(world.guild.id)[0]["enabled"] is False


async def test_scheduled_event_lifecycle(driver: Driver, fake: FakeDiscord, world: World) -> None:
    guild = driver.bot.get_guild(world.guild.id)
    start = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    event = await guild.create_scheduled_event(
        name="Week 1",
        start_time=start,
        end_time=start + dt.timedelta(hours=1),
        entity_type=discord.EntityType.external,
        location="Group room",
        privacy_level=discord.PrivacyLevel.guild_only,
    )
    event = await event.start()
    assert fake.scheduled_events(world.guild.id)[0]["status"] == 2
    event = await event.end()
    assert fake.scheduled_events(world.guild.id)[0]["status"] == 3
    with pytest.raises(discord.HTTPException):
        await event.edit(name="again")
    with pytest.raises(discord.HTTPException):
        await guild.create_scheduled_event(
            name="past",
            start_time=dt.datetime.now(dt.UTC) - dt.timedelta(days=1),
            end_time=dt.datetime.now(dt.UTC),
            entity_type=discord.EntityType.external,
            location="x",
            privacy_level=discord.PrivacyLevel.guild_only,
        )


async def test_original_response_and_followup_edits(driver: Driver, world: World) -> None:
    result = await driver.command(world.alice, "progress")
    assert [m["content"] for m in result.messages] == ["step 2", "extra (edited)"]
    assert result.content == "extra (edited)"
    assert [m["content"] for m in driver.sent_to_channel(world.general.id)] == [
        "step 2",
        "extra (edited)",
    ]


@pytest.mark.parametrize(
    ("command", "needle"),
    [
        ({"name": "Setup", "description": "x"}, "Invalid command"),
        ({"name": "setup", "description": "x" * 101}, "Description"),
        ({"name": "has space", "description": "x"}, "Invalid command"),
        (
            {
                "name": "pick",
                "description": "x",
                "options": [
                    {
                        "type": 3,
                        "name": "what",
                        "description": "x",
                        "choices": [{"name": str(i), "value": str(i)} for i in range(26)],
                    }
                ],
            },
            "25",
        ),
        (
            {
                "name": "many",
                "description": "x",
                "options": [{"type": 3, "name": f"o{i}", "description": "x"} for i in range(26)],
            },
            "25",
        ),
        (
            {
                "name": "order",
                "description": "x",
                "options": [
                    {"type": 3, "name": "a", "description": "x"},
                    {"type": 3, "name": "b", "description": "x", "required": True},
                ],
            },
            "Required options",
        ),
    ],
)
async def test_command_sync_refusals(
    driver: Driver, fake: FakeDiscord, command: dict, needle: str
) -> None:
    with pytest.raises(discord.HTTPException) as info:
        await driver.bot.http.bulk_upsert_global_commands(fake.application_id, [command])
    assert info.value.status == 400
    assert needle in fake.refusals[-1].message


async def test_missing_privileged_intent_closes_gateway(fake: FakeDiscord, world: World) -> None:
    fake.enabled_privileged_intents = {"members"}
    with pytest.raises(BotDied) as info:
        async with run_bot(fake, TestBot(), ready_timeout=3.0):
            pass
    # with reconnect=False discord.py raises the raw ConnectionClosed (code 4014)
    assert isinstance(info.value.__cause__, discord.ConnectionClosed)
    assert info.value.__cause__.code == 4014
    assert "privileged intent" in str(info.value)


async def test_without_message_content_intent_content_is_blank(
    fake: FakeDiscord, world: World
) -> None:
    async with run_bot(fake, TestBot(message_content=False)) as d:
        await d.post(world.alice, world.general, "!ping")
        assert d.sent_to_channel(world.general.id) == []
        await d.dm(world.alice, "DMs keep their content")
        assert d.dms_to(world.alice)[-1]["content"] == "got your DM: DMs keep their content"


async def test_settle_names_pending_tasks(driver: Driver) -> None:
    gate = asyncio.Event()
    task = asyncio.create_task(gate.wait(), name="kindred:stuck-job")
    with pytest.raises(TimeoutError, match="kindred:stuck-job"):
        await driver.settle(timeout=0.05)
    gate.set()
    await task
    await driver.settle()


async def test_hang_injection(driver: Driver, fake: FakeDiscord, world: World) -> None:
    fake.fail_next("POST", r"/messages$", 200, hang=True)
    fake.create_message(world.general.id, world.alice.user, "!ping")
    with pytest.raises(TimeoutError, match="in flight"):
        await driver.settle(timeout=0.1)
    fake.release_hangs()
    await driver.settle()


async def test_injected_503_surfaces(driver: Driver, fake: FakeDiscord, world: World) -> None:
    fake.fail_next("GET", r"/guilds/\d+/members/\d+$", 503)
    guild = driver.bot.get_guild(world.guild.id)
    with pytest.raises(discord.DiscordServerError):
        await guild.fetch_member(world.alice.id)
    assert (await guild.fetch_member(world.alice.id)).name == "alice"


async def test_deleted_messages_and_history(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    channel = driver.bot.get_channel(world.general.id)
    sent = await channel.send("temporary")
    await sent.edit(content="temporary!")
    assert [h["content"] for h in fake.message_history[sent.id]] == ["temporary", "temporary!"]
    await sent.delete()
    assert fake.messages_in(world.general.id) == []
    assert fake.messages_in(world.general.id, include_deleted=True)[0]["content"] == "temporary!"
    history = [m async for m in channel.history(limit=10)]
    assert history == []


async def test_channel_overwrite_edits_clear_warning(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    guild = driver.bot.get_guild(world.guild.id)
    mods = guild.get_role(world.mod_role.id)
    channel = await guild.create_text_channel(
        "mods-only", overwrites={mods: discord.PermissionOverwrite(view_channel=True)}
    )
    assert [w.channel_id for w in fake.warnings] == [channel.id]
    await channel.set_permissions(guild.default_role, view_channel=False)
    assert fake.warnings == []
    assert len(fake.warning_history) == 1
    assert not fake.can_view(channel.id, world.alice.id)
    assert fake.permissions_in(channel.id, world.mod.id) & Perm.VIEW_CHANNEL


async def test_files_in_messages_and_responses(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    channel = driver.bot.get_channel(world.general.id)
    chart = discord.File(io.BytesIO(b"\x89PNG fake"), "chart.png")
    await channel.send("this week's chart", file=chart)
    posted = fake.messages_in(world.general.id)[-1]
    assert posted["attachments"][0]["filename"] == "chart.png"
    request = fake.requests_to("POST", r"^/channels/\d+/messages$")[-1]
    assert request.json["content"] == "this week's chart"
    assert [(f.filename, f.data) for f in request.files] == [("chart.png", b"\x89PNG fake")]

    result = await driver.command(world.alice, "export")
    assert result.ephemeral
    assert result.message["attachments"][0]["filename"] == "export.csv"
    callback = fake.requests_to("POST", r"^/interactions/")[-1]
    assert callback.files[0].data == b"week,attended\n1,8\n"
