"""Guilds, channels, threads, roles and members: setting them up and reading them back."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.permissions import Perm
from sandbox.fake_discord.records import (
    THREAD_TYPES,
    Guild,
    Member,
    Obj,
    RecordedRequest,
    _id_of,
    now_iso,
)
from sandbox.snowflake import snowflake, snowflake_on_shard


class StateMixin(_Core):
    """Building state from "outside" (guilds, roles, members, channels, threads, DMs) and
    reading it back, including the recorded requests.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- state building

    def _make_user(self, username: str, *, bot: bool = False) -> dict[str, Any]:
        return {
            "id": str(snowflake()),
            "username": username,
            "global_name": username.title(),
            "discriminator": "0",
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
        }

    def add_user(self, username: str, *, bot: bool = False) -> dict[str, Any]:
        user = self._make_user(username, bot=bot)
        self.users[int(user["id"])] = user
        return user

    def add_guild(
        self, name: str, *, owner: str = "owner", shard: tuple[int, int] | None = None
    ) -> Guild:
        """A guild with an @everyone role, an owner member, and the bot (with its managed role).

        ``shard=(id, count)``: the guild's id routes it to that shard (``(id >> 22) % count``).
        """
        gid = snowflake() if shard is None else snowflake_on_shard(*shard)
        owner_user = self.add_user(owner)
        guild = Guild(gid, name, int(owner_user["id"]))
        self.guilds[gid] = guild
        guild.roles[gid] = self._role_payload(gid, "@everyone", Perm.DEFAULT_EVERYONE, 0)
        self._add_member_record(guild, owner_user, [])
        bot_role = self._role_payload(snowflake(), "Kindred", Perm.BOT_INVITE, 1)
        bot_role["managed"] = True
        bot_role["tags"] = {"bot_id": str(self.bot_user_id)}
        guild.roles[bot_role.id] = bot_role
        self._add_member_record(guild, self.bot_user, [bot_role.id])
        self.guild_commands.setdefault(gid, [])
        if self.connected:
            self.dispatch("GUILD_CREATE", self.guild_create_payload(guild))
        return guild

    def guild(self, guild_id: int) -> Guild:
        return self.guilds[int(guild_id)]

    def owner(self, guild_id: int) -> Member:
        guild = self.guild(guild_id)
        return guild.members[guild.owner_id]

    def bot_member(self, guild_id: int) -> Member:
        return self.guild(guild_id).members[self.bot_user_id]

    def bot_role(self, guild_id: int) -> Obj:
        guild = self.guild(guild_id)
        return next(r for r in guild.roles.values() if r.get("tags", {}).get("bot_id"))

    def _role_payload(self, rid: int, name: str, permissions: int, position: int) -> Obj:
        return Obj(
            id=str(rid),
            name=name,
            permissions=str(permissions),
            position=position,
            color=0,
            colors={"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            hoist=False,
            managed=False,
            mentionable=False,
            icon=None,
            unicode_emoji=None,
            flags=0,
        )

    def add_role(
        self,
        guild_id: int,
        name: str,
        permissions: int = 0,
        *,
        position: int | None = None,
        mentionable: bool = False,
    ) -> Obj:
        """A role below the bot's role (unless ``position`` says otherwise)."""
        guild = self.guild(guild_id)
        bot_role = self.bot_role(guild_id)
        bump_bot = position is None
        if position is None:
            # keep the bot's managed role on top, as after a fresh invite
            position = max(r["position"] for r in guild.roles.values())
            bot_role["position"] = position + 1
        role = self._role_payload(snowflake(), name, permissions, position)
        role["mentionable"] = mentionable
        guild.roles[role.id] = role
        if self.connected:
            self.dispatch("GUILD_ROLE_CREATE", {"guild_id": str(guild.id), "role": dict(role)})
            if bump_bot:
                self.dispatch(
                    "GUILD_ROLE_UPDATE", {"guild_id": str(guild.id), "role": dict(bot_role)}
                )
        return role

    def _add_member_record(
        self, guild: Guild, user: dict[str, Any], roles: Iterable[int]
    ) -> Member:
        member = Member(
            user=user,
            guild_id=str(guild.id),
            roles=[str(r) for r in roles],
            nick=None,
            avatar=None,
            joined_at=now_iso(),
            premium_since=None,
            deaf=False,
            mute=False,
            pending=False,
            flags=0,
            communication_disabled_until=None,
        )
        guild.members[int(user["id"])] = member
        return member

    def add_member(
        self,
        guild_id: int,
        username: str,
        roles: Iterable[Any] = (),
        *,
        owner: bool = False,
        bot: bool = False,
        user: dict[str, Any] | None = None,
    ) -> Member:
        """A new user joining the guild (``user`` to add an existing user, e.g. to a 2nd guild)."""
        guild = self.guild(guild_id)
        if user is None:
            user = self.add_user(username, bot=bot)
        role_ids = [_id_of(r) for r in roles]
        for rid in role_ids:
            if rid not in guild.roles:
                raise KeyError(f"unknown role {rid} in guild {guild_id}")
        member = self._add_member_record(guild, user, role_ids)
        if owner:
            guild.owner_id = member.id
        if self.connected:
            self.dispatch("GUILD_MEMBER_ADD", self._member_payload(guild, member))
        return member

    def add_channel(
        self,
        guild_id: int,
        name: str,
        type: int = 0,
        parent_id: int | None = None,
        overwrites: list[dict[str, Any]] | None = None,
        *,
        topic: str | None = None,
    ) -> Obj:
        """A guild channel (0 text, 2 voice, 4 category, 5 news, 15 forum).

        ``overwrites``: ``[{"id": role_or_user_id, "type": 0 role | 1 member, "allow": int,
        "deny": int}]``.
        """
        guild = self.guild(guild_id)
        channel = self._channel_payload(guild, name, type, parent_id, overwrites or [], topic)
        if self.connected:
            self.dispatch("CHANNEL_CREATE", dict(channel))
        return channel

    def _channel_payload(
        self,
        guild: Guild,
        name: str,
        ctype: int,
        parent_id: Any,
        overwrites: list[dict[str, Any]],
        topic: str | None = None,
    ) -> Obj:
        cid = snowflake()
        position = sum(1 for c in guild.channel_ids if self._channels[c]["type"] == ctype)
        channel = Obj(
            id=str(cid),
            type=ctype,
            guild_id=str(guild.id),
            name=name,
            position=position,
            parent_id=str(parent_id) if parent_id else None,
            permission_overwrites=[self._norm_overwrite(o) for o in overwrites],
            topic=topic,
            nsfw=False,
            rate_limit_per_user=0,
            last_message_id=None,
            flags=0,
        )
        if ctype in (2, 13):
            channel.update(bitrate=64000, user_limit=0, rtc_region=None)
        if ctype == 15:
            channel.update(available_tags=[], default_reaction_emoji=None)
        self._channels[cid] = channel
        guild.channel_ids.append(cid)
        self._channel_messages[cid] = []
        return channel

    @staticmethod
    def _norm_overwrite(o: dict[str, Any]) -> dict[str, Any]:
        otype = o.get("type", 0)
        if isinstance(otype, str):
            otype = 1 if otype == "member" else 0
        return {
            "id": str(_id_of(o["id"])),
            "type": int(otype),
            "allow": str(int(o.get("allow", 0) or 0)),
            "deny": str(int(o.get("deny", 0) or 0)),
        }

    def add_thread(
        self,
        parent_id: int,
        name: str,
        *,
        private: bool = False,
        owner_id: int | None = None,
        members: Iterable[Any] = (),
    ) -> Obj:
        parent = self._channels[int(parent_id)]
        guild = self.guild(int(parent["guild_id"]))
        thread = self._thread_payload(guild, parent, name, 12 if private else 11, owner_id)
        for m in members:
            self.thread_members[thread.id].add(_id_of(m))
        if self.connected:
            self.dispatch("THREAD_CREATE", dict(thread))
        return thread

    def _thread_payload(
        self,
        guild: Guild,
        parent: dict[str, Any],
        name: str,
        ttype: int,
        owner_id: int | None,
        *,
        tid: int | None = None,
        auto_archive: int = 1440,
        invitable: bool = True,
    ) -> Obj:
        tid = tid or snowflake()
        thread = Obj(
            id=str(tid),
            type=ttype,
            guild_id=str(guild.id),
            parent_id=str(parent["id"]),
            owner_id=str(owner_id or self.bot_user_id),
            name=name,
            last_message_id=None,
            message_count=0,
            member_count=0,
            total_message_sent=0,
            rate_limit_per_user=0,
            flags=0,
            thread_metadata={
                "archived": False,
                "auto_archive_duration": auto_archive,
                "archive_timestamp": now_iso(),
                "locked": False,
                "invitable": invitable,
                "create_timestamp": now_iso(),
            },
        )
        self._channels[tid] = thread
        self._channel_messages[tid] = []
        self.thread_members[tid] = set()
        self.touch_thread(tid)
        return thread

    def delete_channel(self, channel_id: Any) -> Obj:
        """Delete a guild channel or thread from "outside" (a server admin), dispatching
        CHANNEL_DELETE or THREAD_DELETE; returns the deleted channel."""
        channel = self._channels[_id_of(channel_id)]
        guild = self._guild_of(channel)
        if guild is None:
            raise ValueError(f"{channel.id} is not a guild channel")
        for uid, state in list(guild.voice_states.items()):
            if state["channel_id"] == str(channel.id):
                self.set_voice_state(guild.id, uid, None)  # a deleted call disconnects everyone
        del self._channels[channel.id]
        if channel.id in guild.channel_ids:
            guild.channel_ids.remove(channel.id)
        self._active_warnings.pop(channel.id, None)
        event = "THREAD_DELETE" if channel["type"] in THREAD_TYPES else "CHANNEL_DELETE"
        self.dispatch(event, dict(channel))
        return channel

    def close_dms(self, user_id: Any) -> None:
        """The user's privacy settings refuse DMs from the bot (sending one answers 403 50007)."""
        self.closed_dms.add(_id_of(user_id))

    def open_dms(self, user_id: Any) -> None:
        self.closed_dms.discard(_id_of(user_id))

    def set_member_roles(self, guild_id: int, user_id: Any, role_ids: Iterable[Any]) -> Member:
        """Change a member's roles from "outside" (like a server admin), dispatching the update."""
        guild = self.guild(guild_id)
        member = guild.members[_id_of(user_id)]
        member["roles"] = [str(_id_of(r)) for r in role_ids]
        if self.connected:
            self.dispatch("GUILD_MEMBER_UPDATE", self._member_payload(guild, member))
        return member

    def remove_member(self, guild_id: int, user_id: Any) -> None:
        guild = self.guild(guild_id)
        uid = _id_of(user_id)
        if uid in guild.voice_states:
            self.set_voice_state(guild.id, uid, None)  # leaving the server ends the call
        member = guild.members.pop(uid)
        if self.connected:
            self.dispatch("GUILD_MEMBER_REMOVE", {"guild_id": str(guild.id), "user": member.user})

    # ---------------------------------------------------------------- reading state

    def channel(self, channel_id: Any) -> Obj:
        return self._channels[_id_of(channel_id)]

    def channels_in(self, guild_id: int, *, type: int | None = None) -> list[Obj]:
        guild = self.guild(guild_id)
        found = [self._channels[c] for c in guild.channel_ids if c in self._channels]
        return [c for c in found if type is None or c["type"] == type]

    def channel_by_name(self, guild_id: int, name: str) -> Obj:
        for c in self.channels_in(guild_id):
            if c["name"] == name:
                return c
        for c in self._channels.values():
            if c.get("guild_id") == str(guild_id) and c["name"] == name:
                return c
        raise KeyError(f"no channel named {name!r} in guild {guild_id}")

    def threads_in(self, parent_id: Any) -> list[Obj]:
        pid = str(_id_of(parent_id))
        return [
            c
            for c in self._channels.values()
            if c["type"] in THREAD_TYPES and c.get("parent_id") == pid
        ]

    def member(self, guild_id: int, user_id: Any) -> Member:
        return self.guild(guild_id).members[_id_of(user_id)]

    def role(self, guild_id: int, role_id: Any) -> Obj:
        return self.guild(guild_id).roles[_id_of(role_id)]

    def role_by_name(self, guild_id: int, name: str) -> Obj:
        for r in self.guild(guild_id).roles.values():
            if r["name"] == name:
                return r
        raise KeyError(f"no role named {name!r} in guild {guild_id}")

    def message(self, message_id: Any) -> Obj:
        return self._messages[_id_of(message_id)]

    def messages_in(self, channel_id: Any, *, include_deleted: bool = False) -> list[Obj]:
        """Current messages of a channel, oldest first (deleted ones excluded unless asked)."""
        ids = self._channel_messages.get(_id_of(channel_id), [])
        return [
            self._messages[m]
            for m in ids
            if m in self._messages and (include_deleted or m not in self.deleted_message_ids)
        ]

    def dm_channel_id(self, user_id: Any) -> int | None:
        return self.dm_channels.get(_id_of(user_id))

    def dm_messages_to(self, user_id: Any) -> list[Obj]:
        """Messages the bot sent in its DM channel with that user."""
        cid = self.dm_channel_id(user_id)
        if cid is None:
            return []
        return [m for m in self.messages_in(cid) if m["author"]["id"] == self.bot_user["id"]]

    def scheduled_events(self, guild_id: int) -> list[Obj]:
        return list(self.guild(guild_id).scheduled_events.values())

    def automod_rules(self, guild_id: int) -> list[Obj]:
        return list(self.guild(guild_id).automod_rules.values())

    def commands(self, guild_id: int | None = None) -> list[Obj]:
        """Synced commands: global ones, or those synced to ``guild_id``."""
        if guild_id is None:
            return list(self.global_commands)
        return list(self.guild_commands.get(int(guild_id), []))

    def find_command(self, name: str, guild_id: int | None = None, *, type: int = 1) -> Obj | None:
        """A synced command by name (guild commands first, then global)."""
        pools = []
        if guild_id is not None:
            pools.append(self.guild_commands.get(int(guild_id), []))
        pools.append(self.global_commands)
        for pool in pools:
            for cmd in pool:
                if cmd["name"] == name and cmd.get("type", 1) == type:
                    return cmd
        return None

    def requests_to(self, method: str | None, path_regex: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.matches(method, path_regex)]

    async def wait_for_request(
        self,
        predicate: Callable[[RecordedRequest], bool],
        timeout: float = 5.0,  # noqa: ASYNC109
        *,
        start: int = 0,
    ) -> RecordedRequest:
        """The first recorded request (from index ``start``) matching ``predicate``; waits."""
        assert self._request_event is not None, "start() the fake first"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        index = start
        while True:
            while index < len(self.requests):
                req = self.requests[index]
                index += 1
                if predicate(req):
                    return req
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"no matching request within {timeout}s")
            event = self._request_event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)
