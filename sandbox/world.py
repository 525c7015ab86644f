"""The demo server: a coordinator, two moderators, ten members, and the usual channels.

Used by the integration tests and by ``python bot.py demo`` so both exercise the same world.
Built through the stand-in's API only (no discord import).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sandbox.fake_discord import FakeDiscord, Guild, Member, Obj, Perm

MEMBER_NAMES = ("Asha", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Isla", "Jon")
STAFF_VIEW = Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.READ_MESSAGE_HISTORY | Perm.EMBED_LINKS


@dataclass
class World:
    """Handles on everything in the demo server."""

    guild: Guild
    owner: Member
    coordinator: Member
    moderators: list[Member]
    members: list[Member]
    roles: dict[str, Obj] = field(default_factory=dict)
    channels: dict[str, Obj] = field(default_factory=dict)

    def member(self, name: str) -> Member:
        """A member (or staff) by display name."""
        everyone = [self.owner, self.coordinator, *self.moderators, *self.members]
        for person in everyone:
            if person.user["username"] == name:
                return person
        raise KeyError(name)


def build_world(
    fake: FakeDiscord, name: str = "MS Circle", *, shard: tuple[int, int] | None = None
) -> World:
    """Create the demo server in the stand-in; call before the bot connects.

    ``shard=(id, count)``: the server's id puts it on that shard (for tests with shards).
    """
    guild = fake.add_guild(name, owner="Admin", shard=shard)
    roles = {
        "coordinator": fake.add_role(guild.id, "Coordinator", mentionable=True),
        # Moderators usually manage messages; /crisis and /mod are shown to that permission.
        "moderator": fake.add_role(
            guild.id, "Moderator", Perm.MANAGE_MESSAGES | Perm.MANAGE_THREADS, mentionable=True
        ),
        "oncall": fake.add_role(guild.id, "On call", mentionable=True),
        "backup": fake.add_role(guild.id, "Backup", mentionable=True),
    }
    coordinator = fake.add_member(guild.id, "Priya", roles=[roles["coordinator"]])
    moderators = [
        fake.add_member(guild.id, "Maya", roles=[roles["moderator"], roles["oncall"]]),
        fake.add_member(guild.id, "Sam", roles=[roles["moderator"], roles["backup"]]),
    ]
    members = [fake.add_member(guild.id, n) for n in MEMBER_NAMES]
    private_to_staff = [
        {"id": guild.id, "type": 0, "allow": 0, "deny": Perm.VIEW_CHANNEL},
        {"id": roles["moderator"]["id"], "type": 0, "allow": STAFF_VIEW, "deny": 0},
        {"id": roles["coordinator"]["id"], "type": 0, "allow": STAFF_VIEW, "deny": 0},
        {"id": fake.bot_role(guild.id)["id"], "type": 0, "allow": STAFF_VIEW, "deny": 0},
    ]
    channels = {
        "welcome": fake.add_channel(guild.id, "welcome"),
        "general": fake.add_channel(guild.id, "general"),
        "staff": fake.add_channel(guild.id, "staff-alerts", overwrites=private_to_staff),
    }
    return World(
        guild=guild,
        owner=fake.owner(guild.id),
        coordinator=coordinator,
        moderators=moderators,
        members=members,
        roles=roles,
        channels=channels,
    )
