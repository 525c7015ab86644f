"""Discord permission and intent bits, and how the stand-in computes permissions."""

from __future__ import annotations

from typing import Any, ClassVar

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.records import (
    THREAD_TYPES,
    VOICE_TYPES,
    Guild,
    Warning_,
    _id_of,
    missing_permissions,
)


class Perm:
    """Discord permission bits."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_AUDIT_LOG = 1 << 7
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CONNECT = 1 << 20
    SPEAK = 1 << 21
    MUTE_MEMBERS = 1 << 22
    DEAFEN_MEMBERS = 1 << 23
    MOVE_MEMBERS = 1 << 24
    USE_VAD = 1 << 25
    CHANGE_NICKNAME = 1 << 26
    MANAGE_NICKNAMES = 1 << 27
    MANAGE_ROLES = 1 << 28
    MANAGE_WEBHOOKS = 1 << 29
    USE_APPLICATION_COMMANDS = 1 << 31
    MANAGE_EVENTS = 1 << 33
    MANAGE_THREADS = 1 << 34
    CREATE_PUBLIC_THREADS = 1 << 35
    CREATE_PRIVATE_THREADS = 1 << 36
    SEND_MESSAGES_IN_THREADS = 1 << 38
    MODERATE_MEMBERS = 1 << 40

    ALL = (1 << 51) - 1

    # What a voice channel takes away from someone who cannot connect to it.
    VOICE = CONNECT | SPEAK | MUTE_MEMBERS | DEAFEN_MEMBERS | MOVE_MEMBERS | USE_VAD

    DEFAULT_EVERYONE = (
        CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | USE_EXTERNAL_EMOJIS
        | CONNECT
        | SPEAK
        | CHANGE_NICKNAME
        | USE_APPLICATION_COMMANDS
        | CREATE_PUBLIC_THREADS
        | CREATE_PRIVATE_THREADS
        | SEND_MESSAGES_IN_THREADS
    )

    # What Kindred's invite asks for (the bot's managed role).
    BOT_INVITE = (
        MANAGE_CHANNELS
        | MANAGE_ROLES
        | MANAGE_THREADS
        | MODERATE_MEMBERS
        | MANAGE_MESSAGES
        | SEND_MESSAGES
        | SEND_MESSAGES_IN_THREADS
        | CREATE_PRIVATE_THREADS
        | CREATE_PUBLIC_THREADS
        | VIEW_CHANNEL
        | READ_MESSAGE_HISTORY
        | EMBED_LINKS
        | ATTACH_FILES
        | MANAGE_EVENTS
        | MANAGE_GUILD
        | MENTION_EVERYONE
        | ADD_REACTIONS
        | CONNECT
        | SPEAK
        | MUTE_MEMBERS
    )


class Intent:
    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_MODERATION = 1 << 2
    GUILD_VOICE_STATES = 1 << 7
    GUILD_PRESENCES = 1 << 8
    GUILD_MESSAGES = 1 << 9
    GUILD_MESSAGE_REACTIONS = 1 << 10
    GUILD_MESSAGE_TYPING = 1 << 11
    DIRECT_MESSAGES = 1 << 12
    MESSAGE_CONTENT = 1 << 15
    GUILD_SCHEDULED_EVENTS = 1 << 16
    AUTO_MODERATION_CONFIGURATION = 1 << 20
    AUTO_MODERATION_EXECUTION = 1 << 21

    PRIVILEGED: ClassVar[dict[str, int]] = {
        "members": GUILD_MEMBERS,
        "presences": GUILD_PRESENCES,
        "message_content": MESSAGE_CONTENT,
    }


class PermissionsMixin(_Core):
    """Effective permissions, the bot's own checks, and the "private but not private" warnings.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    def base_permissions(self, guild_id: int, user_id: Any) -> int:
        guild = self.guild(guild_id)
        uid = _id_of(user_id)
        if uid == guild.owner_id:
            return Perm.ALL
        member = guild.members.get(uid)
        perms = int(guild.everyone_role["permissions"])
        if member is not None:
            for rid in member["roles"]:
                role = guild.roles.get(int(rid))
                if role is not None:
                    perms |= int(role["permissions"])
        if perms & Perm.ADMINISTRATOR:
            return Perm.ALL
        return perms

    def permissions_in(self, channel_id: Any, user_id: Any) -> int:
        """A member's permissions in a channel (threads use their parent's overwrites)."""
        channel = self.channel(channel_id)
        if channel.get("guild_id") is None:
            return Perm.ALL & ~(Perm.ADMINISTRATOR | Perm.MANAGE_CHANNELS | Perm.MANAGE_ROLES)
        guild = self.guild(int(channel["guild_id"]))
        uid = _id_of(user_id)
        perms = self.base_permissions(guild.id, uid)
        if perms == Perm.ALL:
            return perms
        if channel["type"] in THREAD_TYPES:
            channel = self._channels[int(channel["parent_id"])]
        member = guild.members.get(uid)
        role_ids = {str(r) for r in member["roles"]} if member else set()
        overwrites = {o["id"]: o for o in channel.get("permission_overwrites", [])}
        everyone = overwrites.get(str(guild.id))
        if everyone:
            perms = (perms & ~int(everyone["deny"])) | int(everyone["allow"])
        allow = deny = 0
        for oid, o in overwrites.items():
            if o["type"] == 0 and oid in role_ids:
                allow |= int(o["allow"])
                deny |= int(o["deny"])
        perms = (perms & ~deny) | allow
        mine = overwrites.get(str(uid))
        if mine and mine["type"] == 1:
            perms = (perms & ~int(mine["deny"])) | int(mine["allow"])
        if not perms & Perm.VIEW_CHANNEL:
            return 0
        if channel["type"] in VOICE_TYPES and not perms & Perm.CONNECT:
            # Without Connect, a voice channel's voice permissions go, and nobody can edit it.
            perms &= ~(Perm.VOICE | Perm.MANAGE_CHANNELS | Perm.MANAGE_ROLES)
        return perms

    def can_view(self, channel_id: Any, user_id: Any) -> bool:
        """Whether the user sees the channel. A private thread (type 12) is seen only by its
        members and by those with Manage Threads, as on Discord: a moderator role without it
        does not see the private threads Kindred calls "private to you and the moderators"."""
        perms = self.permissions_in(channel_id, user_id)
        if not perms & Perm.VIEW_CHANNEL:
            return False
        channel = self._channels.get(_id_of(channel_id))
        if channel is not None and channel["type"] == 12:
            members = self.thread_members.get(int(channel["id"]), set())
            return _id_of(user_id) in members or bool(perms & Perm.MANAGE_THREADS)
        return True

    def _everyone_can_view(self, channel: dict[str, Any]) -> bool:
        guild = self.guild(int(channel["guild_id"]))
        perms = int(guild.everyone_role["permissions"])
        for o in channel.get("permission_overwrites", []):
            if o["id"] == str(guild.id):
                perms = (perms & ~int(o["deny"])) | int(o["allow"])
        return bool(perms & Perm.VIEW_CHANNEL)

    def _check_privacy(self, channel: dict[str, Any], route: str) -> None:
        if channel.get("guild_id") is None or channel["type"] in THREAD_TYPES:
            return
        cid = int(channel["id"])
        self._bot_touched_channels.add(cid)
        guild_id = channel["guild_id"]
        specific = [o for o in channel.get("permission_overwrites", []) if o["id"] != guild_id]
        if specific and self._everyone_can_view(channel):
            warning = Warning_(
                channel_id=cid,
                guild_id=int(guild_id),
                message=(
                    f"channel #{channel['name']} ({cid}) has {len(specific)} role/member "
                    "overwrite(s) but @everyone can still VIEW_CHANNEL"
                ),
                route=route,
            )
            if cid not in self._active_warnings:
                self.warning_history.append(warning)
            self._active_warnings[cid] = warning
        else:
            self._active_warnings.pop(cid, None)

    def _require(self, channel_id: int | None, guild_id: int | None, bits: int, what: str) -> None:
        uid = self.bot_user_id
        if channel_id is not None:
            perms = self.permissions_in(channel_id, uid)
        else:
            assert guild_id is not None
            perms = self.base_permissions(guild_id, uid)
        if perms & bits != bits:
            raise missing_permissions(what)

    def _top_role_position(self, guild: Guild, user_id: int) -> int:
        member = guild.members.get(user_id)
        if member is None:
            return 0
        return max(
            (guild.roles[int(r)]["position"] for r in member["roles"] if int(r) in guild.roles),
            default=0,
        )
