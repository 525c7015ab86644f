"""Fixtures for the stand-in's own tests: a fake Discord, a small world, and a real test bot."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from sandbox.driver import Driver
from sandbox.fake_discord import FakeDiscord, Guild, Member, Obj, Perm
from sandbox.harness import run_bot


class PanelView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="OK", custom_id="panel:ok")
    async def ok(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.edit_message(
            content=f"clicked by {interaction.user.name}", view=None
        )

    @discord.ui.button(label="Tell us", custom_id="panel:form")
    async def form(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.send_modal(FeelingModal())


class FeelingModal(discord.ui.Modal, title="How are you?"):
    feeling = discord.ui.TextInput(label="Feeling", custom_id="feeling", max_length=100)
    note = discord.ui.TextInput(label="Note", custom_id="note", required=False)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.feeling.value}", ephemeral=True)


class TooBigModal(discord.ui.Modal, title="Too big"):
    """discord.py itself refuses a 6th child, so this one sneaks a 6th row into the payload."""

    def __init__(self) -> None:
        super().__init__(custom_id="too-big")
        for i in range(5):
            self.add_item(discord.ui.TextInput(label=f"Q{i}", custom_id=f"q{i}"))

    def to_components(self) -> list[dict[str, Any]]:
        rows = super().to_components()
        return [*rows, rows[-1]]


class SandboxCog(commands.Cog):
    setup = app_commands.Group(name="setup", description="Server setup")

    def __init__(self, bot: TestBot) -> None:
        self.bot = bot

    @setup.command(name="show", description="Show the setup")
    async def setup_show(self, interaction: discord.Interaction, week: int = 1) -> None:
        await interaction.response.send_message(
            f"week {week} in {interaction.guild.name}", ephemeral=True
        )

    @app_commands.command(name="slow", description="Defers, then follows up")
    async def slow(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.followup.send("done slowly", ephemeral=True)
        await interaction.followup.send("and one more", ephemeral=True)

    @app_commands.command(name="panel", description="A panel with buttons")
    async def panel(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("panel", view=PanelView())

    @app_commands.command(name="dm", description="DM a member")
    async def dm(self, interaction: discord.Interaction, member: discord.Member) -> None:
        try:
            await member.send("hello from kindred")
        except discord.Forbidden as exc:
            self.bot.results["dm_error"] = exc
            await interaction.response.send_message("their DMs are closed", ephemeral=True)
            return
        await interaction.response.send_message(f"sent to {member.name}", ephemeral=True)

    @app_commands.command(name="long", description="Too long a message")
    async def long(self, interaction: discord.Interaction) -> None:
        try:
            await interaction.channel.send("x" * 2001)
        except discord.HTTPException as exc:
            self.bot.results["long_error"] = exc
        await interaction.response.send_message("tried", ephemeral=True)

    @app_commands.command(name="twice", description="Answers twice")
    async def twice(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("first")
        try:
            # a fresh response object forgets the first answer, so the 2nd reaches "Discord"
            await discord.InteractionResponse(interaction).send_message("second")
        except discord.HTTPException as exc:
            self.bot.results["twice_error"] = exc

    @app_commands.command(name="progress", description="Edits its answer")
    async def progress(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("step 1")
        extra = await interaction.followup.send("extra", wait=True)
        await interaction.edit_original_response(content="step 2")
        await extra.edit(content="extra (edited)")

    @app_commands.command(name="export", description="Sends a file")
    async def export(self, interaction: discord.Interaction) -> None:
        data = io.BytesIO(b"week,attended\n1,8\n")
        await interaction.response.send_message(
            "your export", file=discord.File(data, "export.csv"), ephemeral=True
        )

    @app_commands.command(name="bigmodal", description="Six inputs")
    async def bigmodal(self, interaction: discord.Interaction) -> None:
        try:
            await interaction.response.send_modal(TooBigModal())
        except discord.HTTPException as exc:
            self.bot.results["modal_error"] = exc

    @app_commands.command(name="admin", description="Admins only")
    @app_commands.default_permissions(manage_guild=True)
    async def admin(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("admin ok", ephemeral=True)

    @app_commands.command(name="events", description="Create weekly events")
    async def events(self, interaction: discord.Interaction, count: int) -> None:
        await interaction.response.defer(thinking=True)
        start = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        created = 0
        for week in range(count):
            try:
                await interaction.guild.create_scheduled_event(
                    name=f"Session {week + 1}",
                    start_time=start + dt.timedelta(weeks=week),
                    end_time=start + dt.timedelta(weeks=week, hours=1),
                    entity_type=discord.EntityType.external,
                    location="Online",
                    privacy_level=discord.PrivacyLevel.guild_only,
                )
                created += 1
            except discord.HTTPException as exc:
                self.bot.results["event_error"] = exc
                break
        await interaction.followup.send(f"created {created}")

    @app_commands.command(name="room", description="Create a group room")
    async def room(
        self, interaction: discord.Interaction, role: discord.Role, private: bool
    ) -> None:
        overwrites: dict[Any, discord.PermissionOverwrite] = {
            role: discord.PermissionOverwrite(view_channel=True),
            interaction.guild.me: discord.PermissionOverwrite(
                view_channel=True, send_messages=True
            ),
        }
        if private:
            overwrites[interaction.guild.default_role] = discord.PermissionOverwrite(
                view_channel=False
            )
        channel = await interaction.guild.create_text_channel("Group Room", overwrites=overwrites)
        await channel.send("welcome")
        await interaction.response.send_message(channel.mention, ephemeral=True)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        if message.guild is None:
            await message.channel.send(f"got your DM: {message.content}")
        elif message.content == "!ping":
            await message.reply("pong")
        elif message.attachments:
            data = await message.attachments[0].read()
            await message.channel.send(f"{message.attachments[0].filename}: {len(data)} bytes")

    @commands.Cog.listener()
    async def on_message_edit(self, before: discord.Message, after: discord.Message) -> None:
        self.bot.results.setdefault("edits", []).append(after.content)


async def profile(interaction: discord.Interaction, member: discord.Member) -> None:
    await interaction.response.send_message(f"profile of {member.display_name}", ephemeral=True)


class TestBot(commands.Bot):
    __test__ = False

    def __init__(self, sync_guild: int | None = None, *, message_content: bool = True) -> None:
        intents = discord.Intents.default()
        intents.members = True
        intents.message_content = message_content
        super().__init__(command_prefix="!!", intents=intents, guild_ready_timeout=0.05)
        self.results: dict[str, Any] = {}
        self.sync_guild = sync_guild

    async def setup_hook(self) -> None:
        await self.add_cog(SandboxCog(self))
        self.tree.add_command(app_commands.ContextMenu(name="Profile", callback=profile))
        if self.sync_guild is None:
            await self.tree.sync()
        else:
            guild = discord.Object(self.sync_guild)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)


@dataclass
class World:
    guild: Guild
    admin_role: Obj
    mod_role: Obj
    general: Obj
    staff: Obj
    alice: Member
    bob: Member
    mod: Member


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def world(fake: FakeDiscord) -> World:
    guild = fake.add_guild("MS Circle")
    admin_role = fake.add_role(guild.id, "Admin", permissions=Perm.ADMINISTRATOR)
    mod_role = fake.add_role(guild.id, "Moderator", permissions=Perm.MANAGE_GUILD)
    general = fake.add_channel(guild.id, "general")
    staff = fake.add_channel(
        guild.id,
        "staff",
        overwrites=[
            {"id": guild.id, "type": 0, "deny": Perm.VIEW_CHANNEL},
            {"id": mod_role.id, "type": 0, "allow": Perm.VIEW_CHANNEL},
            {"id": fake.bot_user_id, "type": 1, "allow": Perm.VIEW_CHANNEL},
        ],
    )
    alice = fake.add_member(guild.id, "alice")
    bob = fake.add_member(guild.id, "bob")
    mod = fake.add_member(guild.id, "mod", roles=[mod_role.id])
    return World(guild, admin_role, mod_role, general, staff, alice, bob, mod)


@pytest.fixture
def bot() -> TestBot:
    return TestBot()


@pytest.fixture
async def driver(fake: FakeDiscord, world: World, bot: TestBot) -> AsyncIterator[Driver]:
    async with run_bot(fake, bot) as d:
        yield d
