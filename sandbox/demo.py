"""``python bot.py demo``: the real bot against the local stand-in, with a readable transcript.

It needs no token and no network: the stand-in listens on 127.0.0.1, the database is a temp
file, and the clock is fake so scheduled work can be shown without waiting. Each lane adds a
scene here.
"""

from __future__ import annotations

import re
import tempfile
import textwrap
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cogs.utils.clock import FakeClock
from sandbox.driver import CommandHidden, Driver, InteractionResult
from sandbox.fake_discord import FakeDiscord
from sandbox.harness import run_bot
from sandbox.world import World, build_world

BotFactory = Callable[[Path, FakeClock, int], Awaitable[Any]]
WIDTH = 96


_MENTION = re.compile(r"<(#|@&|@!?)(\d+)>")


class Transcript:
    """Prints what people see, and what the bot did, as the scenario runs."""

    def __init__(self, fake: FakeDiscord, out: Callable[[str], None] = print) -> None:
        self.fake = fake
        self.out = out

    def render(self, text: str) -> str:
        """Mentions as Discord shows them: #channel, @Role, @user."""

        def name(match: re.Match[str]) -> str:
            kind, ident = match.group(1), int(match.group(2))
            try:
                if kind == "#":
                    return "#" + self.fake.channel(ident)["name"]
                if kind == "@&":
                    for guild in self.fake.guilds.values():
                        if ident in guild.roles:
                            return "@" + guild.roles[ident]["name"]
                return "@" + self.fake.users[ident]["username"]
            except KeyError:
                return match.group(0)

        return _MENTION.sub(name, text)

    def scene(self, title: str) -> None:
        """A scene heading."""
        self.out("")
        self.out(f"== {title} " + "=" * max(0, WIDTH - len(title) - 4))

    def line(self, who: str, where: str, text: str) -> None:
        """One message as a person would see it."""
        prefix = f"[{where}] {who}: "
        body = textwrap.fill(
            self.render(text),
            WIDTH,
            initial_indent=prefix,
            subsequent_indent=" " * min(len(prefix), 24),
        )
        self.out(body)

    def note(self, text: str) -> None:
        """What the bot did behind the scenes."""
        self.out(textwrap.fill(text, WIDTH, initial_indent="   > ", subsequent_indent="     "))

    def result(self, who: str, result: InteractionResult) -> None:
        """The bot's answer to an interaction, marked private when it was ephemeral."""
        where = f"only {who} sees" if result.ephemeral else "channel"
        if result.content:
            self.line("Kindred", where, result.content)
        for embed in result.embeds:
            title = embed.get("title", "")
            self.line("Kindred", where, f"[card] {title}")
            for field in embed.get("fields", []):
                self.out(f"{' ' * 9}{field['name']}: {self.render(field['value'])}")
            footer = (embed.get("footer") or {}).get("text")
            if footer:
                self.out(
                    textwrap.fill(footer, WIDTH, initial_indent=" " * 9, subsequent_indent=" " * 9)
                )


async def scene_setup(driver: Driver, world: World, t: Transcript) -> None:
    """An admin sets Kindred up; a member cannot."""
    t.scene("1. Setting up the server")
    general = world.channels["general"]
    t.line("Admin", "#general", "/setup show")
    t.result("Admin", await driver.command(world.owner, "setup show", channel=general))

    options = {
        "moderator_role": world.roles["moderator"],
        "coordinator_role": world.roles["coordinator"],
        "oncall_role": world.roles["oncall"],
        "backup_role": world.roles["backup"],
        "staff_channel": world.channels["staff"],
        "country": "IN",
        "timezone": "Asia/Kolkata",
    }
    t.line("Admin", "#general", "/setup staff_channel:#general  (a public channel, by mistake)")
    t.result(
        "Admin",
        await driver.command(world.owner, "setup set", {"staff_channel": general}, channel=general),
    )
    t.line(
        "Admin",
        "#general",
        "/setup set moderator_role:@Moderator coordinator_role:@Coordinator "
        "oncall_role:@On call backup_role:@Backup staff_channel:#staff-alerts country:IN "
        "timezone:Asia/Kolkata",
    )
    t.result("Admin", await driver.command(world.owner, "setup set", options, channel=general))
    t.line("Admin", "#general", "/setup show")
    t.result("Admin", await driver.command(world.owner, "setup show", channel=general))

    asha = world.member("Asha")
    try:
        await driver.command(asha, "setup show", channel=general)
    except CommandHidden:
        t.note("Asha is a member: Discord hides /setup from her (it needs Manage Server).")
    t.note("If a server admin un-hides it, the bot still checks:")
    t.line("Asha", "#general", "/setup set country:US")
    t.result(
        "Asha",
        await driver.command(
            asha, "setup set", {"country": "US"}, channel=general, bypass_default_permissions=True
        ),
    )


SCENES = (scene_setup,)


async def run_demo(build_bot: BotFactory, out: Callable[[str], None] = print) -> int:
    """Run every scene against a fresh stand-in and database; return an exit status."""
    started = time.monotonic()
    fake = FakeDiscord()
    t = Transcript(fake, out)
    await fake.start()
    try:
        world = build_world(fake)
        clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
        with tempfile.TemporaryDirectory(prefix="kindred-demo-") as tmp:
            bot = await build_bot(Path(tmp) / "demo.sqlite3", clock, world.guild.id)
            out("Kindred demo: the real bot, talking to a local stand-in for Discord.")
            out(
                f"Server {world.guild.name!r}: coordinator {world.coordinator.user['username']}, "
                f"moderators {', '.join(m.user['username'] for m in world.moderators)}, "
                f"{len(world.members)} members."
            )
            async with run_bot(fake, bot) as driver:
                synced = fake.commands(world.guild.id)
                t.note(
                    f"Logged in and synced {len(synced)} slash command(s): "
                    + ", ".join(f"/{c['name']}" for c in synced)
                )
                for scene in SCENES:
                    await scene(driver, world, t)
    finally:
        await fake.stop()
    out("")
    out(
        f"Demo finished in {time.monotonic() - started:.1f} s. "
        f"The bot made {len(fake.requests)} requests to the stand-in; "
        f"{len(fake.refusals)} were refused."
    )
    return 0
