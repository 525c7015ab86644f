"""Private threads (issue 18): a moderator role without Manage Threads does not see them, and
``/setup show`` says so."""

from __future__ import annotations

from sandbox.fake_discord import Perm
from tests.conftest import Kindred
from tests.integration.helpers import configure


async def test_setup_show_warns_when_moderators_cannot_see_private_threads(
    kindred: Kindred,
) -> None:
    w = kindred.world
    await configure(kindred)
    shown = await kindred.driver.command(w.owner, "setup show")
    assert "cannot see private threads" not in shown.text  # the demo role has Manage Threads
    kindred.fake.role(w.guild.id, w.roles["moderator"]["id"])["permissions"] = str(
        Perm.MANAGE_MESSAGES
    )
    kindred.fake.dispatch(
        "GUILD_ROLE_UPDATE",
        {"guild_id": str(w.guild.id), "role": dict(w.roles["moderator"])},
    )
    await kindred.driver.settle()
    shown = await kindred.driver.command(w.owner, "setup show")
    assert "cannot see private threads" in shown.text
    assert "Manage Threads" in shown.text


async def test_the_stand_in_hides_a_private_thread_from_a_moderator_without_manage_threads(
    kindred: Kindred,
) -> None:
    w = kindred.world
    fake = kindred.fake
    thread = fake.add_thread(w.channels["general"]["id"], "a pair", private=True)
    maya = w.member("Maya")  # a moderator with Manage Threads
    assert fake.can_view(thread["id"], maya.id)
    fake.role(w.guild.id, w.roles["moderator"]["id"])["permissions"] = str(Perm.MANAGE_MESSAGES)
    assert not fake.can_view(thread["id"], maya.id)
    fake.thread_members[thread.id].add(maya.id)
    assert fake.can_view(thread["id"], maya.id)
