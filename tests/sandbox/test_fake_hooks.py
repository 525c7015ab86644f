"""The stand-in's hooks for crash tests: ``after_handled`` and ``delete_channel``."""

from __future__ import annotations

import discord

from sandbox.driver import Driver
from sandbox.fake_discord import FakeDiscord, RecordedRequest

from .conftest import World


async def test_after_handled_runs_once_the_message_exists_and_before_the_answer(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    seen: list[tuple[str, int, int]] = []

    def hook(request: RecordedRequest) -> None:
        messages = fake.messages_in(world.general.id)
        seen.append((request.path, len(messages), request.status or 0))

    fake.after_handled("POST", r"/channels/\d+/messages$", hook)
    channel = driver.bot.get_channel(world.general.id)
    await channel.send("hello")
    await channel.typing()  # another route: no call
    assert seen == [(f"/channels/{world.general.id}/messages", 1, 200)]


async def test_a_failing_hook_is_a_stand_in_error(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    def hook(_: RecordedRequest) -> None:
        raise RuntimeError("boom")

    fake.after_handled(None, r"/messages$", hook)
    await driver.bot.get_channel(world.general.id).send("hello")
    assert [e.message for e in fake.errors] == ["after_handled hook: RuntimeError('boom')"]
    fake.errors.clear()


async def test_delete_channel_tells_the_bot(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    fake.delete_channel(world.staff.id)
    await driver.settle()
    assert driver.bot.get_channel(world.staff.id) is None
    assert world.staff.id not in {c.id for c in fake.channels_in(world.guild.id)}
    assert [e.name for e in fake.events][-1] == "CHANNEL_DELETE"
    assert isinstance(driver.bot.get_channel(world.general.id), discord.TextChannel)
