"""/setup through the real discord.py client and the local stand-in."""

from __future__ import annotations

import pytest

from sandbox.driver import CommandHidden
from sandbox.fake_discord import Perm
from tests.conftest import Kindred
from tests.integration.helpers import configure


async def test_the_bot_logs_in_and_syncs_its_commands_to_the_dev_guild(kindred: Kindred) -> None:
    names = {c["name"] for c in kindred.fake.commands(kindred.world.guild.id)}
    assert "setup" in names
    setup = next(c for c in kindred.fake.commands(kindred.world.guild.id) if c["name"] == "setup")
    assert int(setup["default_member_permissions"]) == Perm.MANAGE_GUILD


async def test_an_admin_sets_up_the_server_end_to_end(kindred: Kindred) -> None:
    w = kindred.world
    result = await kindred.driver.command(
        w.owner,
        "setup set",
        {
            "moderator_role": w.roles["moderator"],
            "coordinator_role": w.roles["coordinator"],
            "oncall_role": w.roles["oncall"],
            "backup_role": w.roles["backup"],
            "staff_channel": w.channels["staff"],
            "country": "IN",
            "timezone": "asia/kolkata",
        },
        channel=w.channels["general"],
    )
    assert result.ephemeral
    assert "Saved: moderator role, coordinator role" in result.content
    assert "Everything is set" in result.content

    stored = await kindred.services.guild_settings.get(w.guild.id)
    assert stored.staff_channel_id == int(w.channels["staff"]["id"])
    assert stored.oncall_role_id == int(w.roles["oncall"]["id"])
    assert (stored.country, stored.timezone) == ("IN", "Asia/Kolkata")
    audit = await kindred.services.audit.recent(w.guild.id)
    assert audit[0].action == "setup.update"
    assert audit[0].actor_id == w.owner.id

    shown = await kindred.driver.command(w.owner, "setup show", channel=w.channels["general"])
    assert shown.ephemeral
    fields = {f["name"]: f["value"] for f in shown.embeds[0]["fields"]}
    assert fields["Staff channel"] == f"<#{w.channels['staff']['id']}>"
    assert fields["Default country"] == "India (IN)"
    assert fields["Timezone"] == "Asia/Kolkata"
    assert fields["Server language"] == "English (default)"

    await kindred.driver.command(w.owner, "setup set", {"language": "hi"})
    shown = await kindred.driver.command(w.owner, "setup show")
    fields = {f["name"]: f["value"] for f in shown.embeds[0]["fields"]}
    assert fields["Server language"] == "Hindi (hi)"


async def test_setup_show_on_a_new_server_says_what_to_set(kindred: Kindred) -> None:
    shown = await kindred.driver.command(kindred.world.owner, "setup show")
    hint = shown.embeds[0]["description"]
    assert "`staff_channel`" in hint
    assert "nobody can see crisis cases" in hint


async def test_setup_show_says_plainly_when_nobody_holds_a_staff_role(kindred: Kindred) -> None:
    w = kindred.world
    await configure(kindred)
    gid = w.guild.id
    kindred.fake.set_member_roles(gid, w.coordinator, [])
    await kindred.driver.settle()
    shown = await kindred.driver.command(w.owner, "setup show")
    hint = shown.embeds[0]["description"]
    assert "Still missing: nobody has the coordinator role yet" in hint
    assert "moderator role yet" not in hint
    assert "nobody can see crisis cases" not in hint  # the moderators still can
    assert "Everything is set" not in hint

    for moderator in w.moderators:
        kindred.fake.set_member_roles(gid, moderator, [])
    await kindred.driver.settle()
    shown = await kindred.driver.command(w.owner, "setup show")
    hint = shown.embeds[0]["description"]
    assert "Still missing: nobody has the moderator role yet" in hint
    assert "nobody can see crisis cases" in hint


async def test_setup_is_hidden_from_plain_members(kindred: Kindred) -> None:
    with pytest.raises(CommandHidden):
        await kindred.driver.command(kindred.world.members[0], "setup show")


async def test_a_plain_member_is_refused_even_when_the_command_is_unhidden(
    kindred: Kindred,
) -> None:
    member = kindred.world.members[0]
    result = await kindred.driver.command(
        member,
        "setup set",
        {"country": "US"},
        bypass_default_permissions=True,
    )
    assert result.ephemeral
    assert "Manage Server" in result.content
    stored = await kindred.services.guild_settings.get(kindred.world.guild.id)
    assert stored.country is None


async def test_a_staff_channel_everyone_can_see_is_refused(kindred: Kindred) -> None:
    w = kindred.world
    result = await kindred.driver.command(
        w.owner, "setup set", {"staff_channel": w.channels["general"]}
    )
    assert result.ephemeral
    assert "can be seen by everyone" in result.content
    stored = await kindred.services.guild_settings.get(w.guild.id)
    assert stored.staff_channel_id is None


async def test_an_unknown_timezone_changes_nothing_and_says_what_to_type(kindred: Kindred) -> None:
    w = kindred.world
    result = await kindred.driver.command(
        w.owner, "setup set", {"country": "GB", "timezone": "Londn"}
    )
    assert "Europe/London" in result.content
    stored = await kindred.services.guild_settings.get(w.guild.id)
    assert stored.country is None  # nothing half-done


async def test_a_city_is_read_as_its_timezone(kindred: Kindred) -> None:
    w = kindred.world
    result = await kindred.driver.command(
        w.owner, "setup set", {"country": "GB", "timezone": "London"}
    )
    assert "Saved" in result.content, result.content
    stored = await kindred.services.guild_settings.get(w.guild.id)
    assert (stored.country, stored.timezone) == ("GB", "Europe/London")


async def test_setup_with_no_options_explains_how_to_use_it(kindred: Kindred) -> None:
    result = await kindred.driver.command(kindred.world.owner, "setup set")
    assert "Nothing to change" in result.content


async def test_timezone_autocomplete_suggests_matching_zones(kindred: Kindred) -> None:
    choices = await kindred.driver.autocomplete(
        kindred.world.owner, "setup set", {"timezone": "kolk"}, "timezone"
    )
    assert any(c["value"] == "Asia/Kolkata" for c in choices)


def _reach_field(shown) -> str:
    fields = {f["name"]: f["value"] for f in shown.embeds[0]["fields"]}
    return fields["Crisis alerts: who can be told"]


async def test_setup_show_says_a_complete_setup_can_reach_a_person(kindred: Kindred) -> None:
    await configure(kindred)
    shown = await kindred.driver.command(kindred.world.owner, "setup show")
    assert "⚠" not in _reach_field(shown)
    assert "on-call role" in _reach_field(shown)


async def test_setup_show_warns_when_a_crisis_could_reach_nobody(kindred: Kindred) -> None:
    w = kindred.world
    nobody = kindred.fake.add_role(w.guild.id, "Night shift")
    await kindred.driver.settle()
    await configure(
        kindred, oncall_role=nobody, backup_role=nobody, coordinator_role=w.roles["coordinator"]
    )
    kindred.fake.set_member_roles(w.guild.id, w.coordinator, [])
    await kindred.driver.settle()
    reach = _reach_field(await kindred.driver.command(w.owner, "setup show"))
    assert "The on-call role is set but nobody holds it." in reach
    assert "only the server owner can be told of a crisis" in reach
