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
from sandbox.scenes_checkins import scene_checkins
from sandbox.scenes_cohorts import scene_cohort
from sandbox.scenes_guidelines import scene_coaching
from sandbox.scenes_languages import scene_spanish
from sandbox.scenes_wellbeing import scene_wellbeing
from sandbox.world import World, build_world

BotFactory = Callable[[Path, FakeClock, int], Awaitable[Any]]
WIDTH = 96


_MENTION = re.compile(r"<(#|@&|@!?)(\d+)>")
_TIMESTAMP = re.compile(r"<t:(\d+)(?::[tTdDfFR])?>")


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
                    channel = self.fake.channel(ident)
                    # Discord shows a voice channel with a speaker instead of the hash.
                    return ("🔊" if channel["type"] == 2 else "#") + channel["name"]
                if kind == "@&":
                    for guild in self.fake.guilds.values():
                        if ident in guild.roles:
                            return "@" + guild.roles[ident]["name"]
                return "@" + self.fake.users[ident]["username"]
            except KeyError:
                return match.group(0)

        def when(match: re.Match[str]) -> str:
            moment = datetime.fromtimestamp(int(match.group(1)), tz=UTC)
            return moment.strftime("%a %d %b %Y %H:%M UTC")

        return _TIMESTAMP.sub(when, _MENTION.sub(name, text))

    def scene(self, title: str) -> None:
        """A scene heading."""
        self.out("")
        self.out(f"== {title} " + "=" * max(0, WIDTH - len(title) - 4))

    def line(self, who: str, where: str, text: str) -> None:
        """One message as a person would see it."""
        prefix = f"[{where}] {who}: "
        indent = " " * min(len(prefix), 24)
        for n, paragraph in enumerate(self.render(text).splitlines() or [""]):
            first = prefix if n == 0 else indent
            self.out(
                textwrap.fill(paragraph, WIDTH, initial_indent=first, subsequent_indent=indent)
            )

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
            for paragraph in (embed.get("description") or "").splitlines():
                self.out(
                    textwrap.fill(
                        self.render(paragraph),
                        WIDTH,
                        initial_indent=" " * 9,
                        subsequent_indent=" " * 9,
                    )
                )
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
    rule = driver.fake.add_automod_rule(
        world.guild.id, "Shared word list", keywords=["suicid*", "kill myself", "spoiler*"]
    )
    t.note(
        "The server already has an AutoMod rule, copied from a shared list, that blocks "
        "messages with words like 'suicidal'."
    )
    t.line("Admin", "#general", "/setup show")
    shown = await driver.command(world.owner, "setup show", channel=general)
    t.result("Admin", shown)
    t.line("Admin", "#general", "(presses Make alert-only: Shared word list)")
    t.result("Admin", await driver.click(world.owner, shown, f"setup:automod:alert:{rule.id}"))

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


async def scene_crisis(driver: Driver, world: World, t: Transcript) -> None:
    """A member in crisis is seen by a human fast; an idiom stays quiet."""
    t.scene("5. A member in crisis")
    general = world.channels["general"]
    staff = world.channels["staff"]
    ben, asha = world.member("Ben"), world.member("Asha")
    clock = driver.bot.services.clock

    t.line("Ben", "#general", "This heat wave is killing me, my legs are dead by noon.")
    before = len(driver.fake.requests)
    await driver.post(ben, general, "This heat wave is killing me, my legs are dead by noon.")
    t.note(f"Screened: MS hyperbole, no alert ({len(driver.fake.requests) - before} requests).")

    text = "I can't keep doing this. I've saved up my pills and tonight I'm going to take them."
    t.line("Asha", "#general", text)
    await driver.post(asha, general, text)
    t.note(
        "Case and its next steps written to the database first; then the staff channel and "
        "Asha, privately, at the same time (neither waits for the other)."
    )
    for dm in driver.dms_to(asha):
        t.line("Kindred", "DM to Asha", dm["content"])
    alert = driver.sent_to_channel(staff)[-1]
    _show_alert(t, alert)

    clock.advance(minutes=10)
    t.note("Ten minutes pass and nobody has claimed it (the demo moves a fake clock).")
    await driver.bot.services.jobs.run_due()
    await driver.settle()
    t.line("Kindred", "#staff-alerts", driver.sent_to_channel(staff)[-1]["content"])
    for dm in driver.dms_to(world.coordinator)[-1:]:
        t.line("Kindred", "DM to Priya", dm["content"])

    answer = "please help me, can someone talk to me now"
    t.line("Asha", "DM to Kindred", answer)
    dms_before = len(driver.dms_to(asha))
    await driver.dm(asha, answer)
    [thread] = driver.fake.threads_in(staff["id"])
    t.note("Her case is open, so her DM goes to the case's private thread under #staff-alerts.")
    t.line("Kindred", f"#{thread['name']}", driver.sent_to_channel(thread)[-1]["content"])
    for dm in driver.dms_to(asha)[dms_before:]:
        t.line("Kindred", "DM to Asha", dm["content"])

    maya = world.member("Maya")
    buttons = [c for row in alert["components"] for c in row["components"]]
    t.line("Maya", "#staff-alerts", "[presses Claim]")
    dms_before = len(driver.dms_to(asha))
    claimed = await driver.click(maya, alert, buttons[0]["custom_id"])
    t.line("Kindred", "only Maya sees", claimed.followups[-1]["content"])
    for dm in driver.dms_to(asha)[dms_before:]:
        t.line("Kindred", "DM to Asha", dm["content"])
    reply = "Hi Asha, I'm Maya from the team and I'm here now. Are you safe at the moment?"
    t.line("Maya", f"#{thread['name']}", f"/reply message:{reply}")
    t.result("Maya", await driver.command(maya, "reply", {"message": reply}, channel=thread))
    t.line("Kindred", "DM to Asha", driver.dms_to(asha)[-1]["content"])
    t.line("Maya", "#staff-alerts", "[presses Resolve and gives a reason]")
    modal = await driver.click(maya, driver.fake.message(alert["id"]), buttons[1]["custom_id"])
    reason = "Talked with Asha by DM; her sister is with her tonight and she has her GP tomorrow."
    form = modal.modal
    assert form is not None, "Resolve should open the reason form"
    done = await driver.submit_modal(maya, modal, {form["inputs"][0]["custom_id"]: reason})
    t.line("Kindred", "only Maya sees", done.text)
    t.line("Kindred", "DM to Asha", driver.dms_to(asha)[-1]["content"])
    clock.advance(days=1)
    await driver.bot.services.jobs.run_due()
    await driver.settle()
    t.line("Kindred", "DM to Maya", driver.dms_to(maya)[-1]["content"])

    t.line("Ben", "#general", "/resources")
    t.result("Ben", await driver.command(ben, "resources", channel=general))


def _show_alert(t: Transcript, alert: dict[str, Any]) -> None:
    t.line("Kindred", "#staff-alerts", alert["content"])
    for embed in alert.get("embeds", []):
        t.out(f"{' ' * 9}[card] {embed.get('title', '')}")
        for field in embed.get("fields", []):
            t.out(f"{' ' * 9}{field['name']}: {t.render(field['value'])}")
    labels = [c["label"] for row in alert.get("components", []) for c in row["components"]]
    t.out(f"{' ' * 9}buttons: {' | '.join(labels)}")


SCENES = (
    scene_setup,
    scene_cohort,
    scene_checkins,
    scene_coaching,
    scene_crisis,
    scene_wellbeing,
    scene_spanish,
)


async def run_demo(build_bot: BotFactory, out: Callable[[str], None] = print) -> int:
    """Run every scene against a fresh stand-in and database; return an exit status."""
    started = time.monotonic()
    fake = FakeDiscord()
    t = Transcript(fake, out)
    await fake.start()
    try:
        world = build_world(fake)
        clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
        fake.now = clock.now  # the stand-in judges "in the past" by the demo's clock
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
    # A closed DM (code 50007) is refused on purpose by the scenes; anything else is a bug.
    closed_dms = sum(1 for r in fake.refusals if r.code == 50007)
    unexpected = len(fake.refusals) - closed_dms
    out(
        f"Demo finished in {time.monotonic() - started:.1f} s. "
        f"The bot made {len(fake.requests)} requests to the stand-in: {closed_dms} DM(s) "
        f"refused because the member had closed their DMs (as staged), {unexpected} unexpected "
        "refusals."
    )
    return 0 if unexpected == 0 else 1
