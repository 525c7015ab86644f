"""The local Discord stand-in against the real discord.py client."""

from __future__ import annotations

import aiohttp
import discord
import pytest

from sandbox.driver import CommandHidden, Driver
from sandbox.fake_discord import FakeDiscord, Perm
from sandbox.harness import run_bot

from .conftest import TestBot, World


async def test_login_ready_and_guild_state(driver: Driver, fake: FakeDiscord, world: World) -> None:
    bot = driver.bot
    assert bot.user.id == fake.bot_user_id
    assert bot.application_id == fake.application_id
    guild = bot.get_guild(world.guild.id)
    assert guild is not None
    assert guild.name == "MS Circle"
    assert {c.name for c in guild.text_channels} == {"general", "staff"}
    assert {r.name for r in guild.roles} >= {"@everyone", "Admin", "Moderator", "Kindred"}
    alice = guild.get_member(world.alice.id)
    assert alice is not None
    assert alice.name == "alice"
    assert guild.get_member(world.mod.id).get_role(world.mod_role.id) is not None
    assert guild.chunked
    assert guild.me.guild_permissions.manage_channels
    staff = guild.get_channel(world.staff.id)
    assert not staff.permissions_for(alice).view_channel
    assert staff.permissions_for(guild.get_member(world.mod.id)).view_channel
    assert fake.errors == []


async def test_content_type_is_exactly_json(fake: FakeDiscord) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.get(fake.api_base + "/users/@me") as resp:
            assert resp.headers["Content-Type"] == "application/json"
            assert (await resp.json())["id"] == fake.bot_user["id"]
        async with session.get(fake.api_base + "/nothing/here") as resp:
            assert resp.status == 404
            assert "GET /api/v10/nothing/here" in (await resp.json())["message"]
    assert [e.path for e in fake.errors] == ["/nothing/here"]
    fake.errors.clear()


async def test_command_sync_recorded(driver: Driver, fake: FakeDiscord) -> None:
    names = {c["name"] for c in fake.commands()}
    assert names >= {"setup", "slow", "panel", "dm", "admin", "Profile"}
    setup = fake.find_command("setup")
    assert setup["options"][0]["name"] == "show"
    assert setup["options"][0]["type"] == 1
    assert fake.find_command("admin")["default_member_permissions"] == str(Perm.MANAGE_GUILD)
    assert fake.requests_to("PUT", r"^/applications/\d+/commands$")


async def test_guild_sync_and_command(fake: FakeDiscord, world: World) -> None:
    async with run_bot(fake, TestBot(sync_guild=world.guild.id)) as d:
        assert fake.commands() == []
        assert {c["name"] for c in fake.commands(world.guild.id)} >= {"setup", "slow"}
        result = await d.command(world.alice, "setup show", {"week": 3})
        assert result.content == "week 3 in MS Circle"


async def test_slash_command_ephemeral(driver: Driver, world: World) -> None:
    result = await driver.command(world.alice, "setup show", {"week": 2})
    assert result.callback_type == 4
    assert result.content == "week 2 in MS Circle"
    assert result.ephemeral
    assert not result.deferred
    assert len(result.messages) == 1
    # ephemeral responses are not channel messages
    assert driver.sent_to_channel(world.general.id) == []


async def test_bad_option_is_a_test_error(driver: Driver, world: World) -> None:
    with pytest.raises(ValueError, match="unknown option"):
        await driver.command(world.alice, "setup show", {"weeks": 2})
    with pytest.raises(LookupError, match="no synced command"):
        await driver.command(world.alice, "nope")


async def test_deferred_then_followups(driver: Driver, world: World) -> None:
    result = await driver.command(world.alice, "slow")
    assert result.deferred
    assert result.callback_type == 5
    # the first follow-up replaces the "thinking" placeholder, the second is a new message
    assert [m["content"] for m in result.messages] == ["done slowly", "and one more"]
    assert result.content == "and one more"
    assert result.ephemeral
    assert not int(result.original["flags"]) & 128


async def test_button_click_and_modal_round_trip(driver: Driver, world: World) -> None:
    panel = await driver.command(world.alice, "panel")
    assert panel.content == "panel"
    assert not panel.ephemeral
    assert [b["custom_id"] for b in panel.buttons()] == ["panel:ok", "panel:form"]
    assert driver.sent_to_channel(world.general.id)[-1]["id"] == panel.message["id"]

    opened = await driver.click(world.bob, panel, "panel:form")
    assert opened.modal["title"] == "How are you?"
    assert [i["custom_id"] for i in opened.modal["inputs"]] == ["feeling", "note"]
    submitted = await driver.submit_modal(world.bob, opened, {"feeling": "tired but ok"})
    assert submitted.content == "thanks: tired but ok"
    assert submitted.ephemeral
    with pytest.raises(ValueError, match="required"):
        await driver.submit_modal(world.bob, opened.modal["custom_id"], {})

    clicked = await driver.click(world.bob, panel, "panel:ok")
    assert clicked.callback_type == 7
    assert clicked.content == "clicked by bob"
    assert clicked.components == []


async def test_on_message_reply_and_edit(driver: Driver, world: World) -> None:
    msg = await driver.post(world.alice, world.general, "!ping")
    reply = driver.sent_to_channel(world.general.id)[-1]
    assert reply["content"] == "pong"
    assert reply["message_reference"]["message_id"] == msg["id"]
    await driver.edit(msg, "!ping (edited)")
    assert driver.bot.results["edits"] == ["!ping (edited)"]


async def test_attachment_read_by_bot(driver: Driver, world: World) -> None:
    await driver.post(world.alice, world.general, "", attachments=[("notes.txt", b"12345")])
    assert driver.sent_to_channel(world.general.id)[-1]["content"] == "notes.txt: 5 bytes"


async def test_dm_round_trip(driver: Driver, fake: FakeDiscord, world: World) -> None:
    await driver.dm(world.alice, "hi bot")
    assert [m["content"] for m in driver.dms_to(world.alice)] == ["got your DM: hi bot"]


async def test_dm_to_closed_dms_is_forbidden(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    ok = await driver.command(world.mod, "dm", {"member": world.alice})
    assert ok.content == "sent to alice"
    assert [m["content"] for m in fake.dm_messages_to(world.alice.id)] == ["hello from kindred"]

    fake.close_dms(world.bob.id)
    result = await driver.command(world.mod, "dm", {"member": world.bob})
    assert result.content == "their DMs are closed"
    error = driver.bot.results["dm_error"]
    assert isinstance(error, discord.Forbidden)
    assert error.code == 50007
    assert fake.refusals[-1].code == 50007


async def test_too_long_message_refused(driver: Driver, fake: FakeDiscord, world: World) -> None:
    await driver.command(world.alice, "long")
    error = driver.bot.results["long_error"]
    assert isinstance(error, discord.HTTPException)
    assert error.status == 400
    assert fake.refusals[-1].code == 50035
    assert "2000" in fake.refusals[-1].message


async def test_interaction_answered_twice(driver: Driver, fake: FakeDiscord, world: World) -> None:
    result = await driver.command(world.alice, "twice")
    assert result.content == "first"
    error = driver.bot.results["twice_error"]
    assert isinstance(error, discord.HTTPException)
    assert error.code == 40060
    assert result.record.callbacks_attempted == 2


async def test_modal_with_six_inputs_refused(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    result = await driver.command(world.alice, "bigmodal")
    assert result.modal is None
    assert isinstance(driver.bot.results["modal_error"], discord.HTTPException)
    assert "5" in fake.refusals[-1].message


async def test_default_permissions_hide_command(driver: Driver, world: World) -> None:
    with pytest.raises(CommandHidden):
        await driver.command(world.alice, "admin")
    assert (await driver.command(world.mod, "admin")).content == "admin ok"
    bypassed = await driver.command(world.alice, "admin", bypass_default_permissions=True)
    assert bypassed.content == "admin ok"


async def test_user_context_menu(driver: Driver, world: World) -> None:
    result = await driver.user_command(world.mod, "Profile", world.alice)
    assert result.content == "profile of Alice"


async def test_injected_429_is_retried(driver: Driver, fake: FakeDiscord, world: World) -> None:
    fake.fail_next("POST", r"^/channels/\d+/messages$", 429, retry_after=0.01)
    await driver.post(world.alice, world.general, "!ping")
    assert driver.sent_to_channel(world.general.id)[-1]["content"] == "pong"
    statuses = [r.status for r in fake.requests_to("POST", r"^/channels/\d+/messages$")]
    assert statuses == [429, 200]


async def test_injected_403(driver: Driver, fake: FakeDiscord, world: World) -> None:
    fake.fail_next("POST", r"/users/@me/channels", 403, {"code": 50007, "message": "nope"})
    result = await driver.command(world.mod, "dm", {"member": world.alice})
    assert result.content == "their DMs are closed"


async def test_scheduled_event_cap(driver: Driver, fake: FakeDiscord, world: World) -> None:
    result = await driver.command(world.mod, "events", {"count": 101})
    assert result.content == "created 100"
    assert len(fake.scheduled_events(world.guild.id)) == 100
    error = driver.bot.results["event_error"]
    assert isinstance(error, discord.HTTPException)
    assert error.code == 30038


async def test_private_channel_warning(driver: Driver, fake: FakeDiscord, world: World) -> None:
    leaky = await driver.command(world.mod, "room", {"role": world.mod_role, "private": False})
    assert leaky.content.startswith("<#")
    assert len(fake.warnings) == 1
    assert "@everyone can still VIEW_CHANNEL" in fake.warnings[0].message

    await driver.command(world.mod, "room", {"role": world.mod_role, "private": True})
    private = fake.channels_in(world.guild.id)[-1]
    assert private["name"] == "group-room"  # Discord lower-cases text channel names
    assert not fake.can_view(private.id, world.alice.id)
    assert fake.can_view(private.id, world.mod.id)
    assert [w.channel_id for w in fake.warnings] == [fake.channels_in(world.guild.id)[-2].id]
    assert [m["content"] for m in driver.sent_to_channel(private.id)] == ["welcome"]


async def test_unimplemented_route_recorded(fake: FakeDiscord, world: World) -> None:
    async with run_bot(fake, TestBot(), fail_on_fake_errors=False) as d:
        guild = d.bot.get_guild(world.guild.id)
        with pytest.raises(discord.NotFound):
            await guild.fetch_emojis()
    assert len(fake.errors) == 1
    assert fake.errors[0].method == "GET"
    assert fake.errors[0].path.endswith("/emojis")


async def test_fake_errors_fail_the_harness(fake: FakeDiscord, world: World) -> None:
    async def hit_missing_route() -> None:
        async with run_bot(fake, TestBot()) as d:
            with pytest.raises(discord.NotFound):
                await d.bot.get_guild(world.guild.id).fetch_emojis()

    with pytest.raises(AssertionError, match="recorded 1 error"):
        await hit_missing_route()


async def test_state_added_after_connect_is_dispatched(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    carol = await driver.add_member(world.guild.id, "carol", roles=[world.mod_role.id])
    guild = driver.bot.get_guild(world.guild.id)
    assert guild.get_member(carol.id).get_role(world.mod_role.id) is not None
    channel = fake.add_channel(world.guild.id, "new-room")
    role = fake.add_role(world.guild.id, "Alumni")
    await driver.settle()
    assert guild.get_channel(channel.id).name == "new-room"
    assert guild.get_role(role.id).name == "Alumni"
    assert guild.me.top_role.name == "Kindred"


async def test_wait_for_request(driver: Driver, fake: FakeDiscord, world: World) -> None:
    start = len(fake.requests)
    await driver.post(world.alice, world.general, "!ping")
    req = await fake.wait_for_request(lambda r: r.method == "POST", timeout=1.0, start=start)
    assert req.json["content"] == "pong"
