"""Guild, member and message payloads; messages put into state."""

from __future__ import annotations

import re
from typing import Any

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.permissions import Intent
from sandbox.fake_discord.records import (
    THREAD_TYPES,
    Guild,
    InteractionRecord,
    Member,
    Obj,
    RecordedFile,
    _id_of,
    now_iso,
)
from sandbox.snowflake import snowflake

MENTION_USER_RE = re.compile(r"<@!?(\d+)>")
MENTION_ROLE_RE = re.compile(r"<@&(\d+)>")


class PayloadsMixin(_Core):
    """Payloads for guilds and members, and messages put into state (with their dispatch).

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- payloads

    def _member_payload(
        self, guild: Guild, member: Member, *, with_user: bool = True
    ) -> dict[str, Any]:
        data = {k: v for k, v in member.items() if k != "guild_id"}
        if not with_user:
            data.pop("user", None)
        data["guild_id"] = str(guild.id)
        return data

    def _interaction_member(self, guild: Guild, member: Member, channel_id: int) -> dict[str, Any]:
        data = self._member_payload(guild, member)
        data.pop("guild_id")
        data["permissions"] = str(self.permissions_in(channel_id, member.id))
        return data

    def guild_create_payload(self, guild: Guild) -> dict[str, Any]:
        members_intent = bool(self.intents & Intent.GUILD_MEMBERS)
        members = list(guild.members.values())
        sent = members if members_intent else [guild.members[self.bot_user_id]]
        channels = []
        threads = []
        for cid in guild.channel_ids:
            c = self._channels.get(cid)
            if c is not None:
                channels.append({k: v for k, v in c.items() if k != "guild_id"})
        for c in self._channels.values():
            if c["type"] in THREAD_TYPES and c.get("guild_id") == str(guild.id):
                threads.append(dict(c))
        # Like Discord: partial voice states (no guild_id), only with the GUILD_VOICE_STATES intent.
        voice_states = (
            [{k: v for k, v in vs.items() if k != "guild_id"} for vs in guild.voice_states.values()]
            if self.intents & Intent.GUILD_VOICE_STATES
            else []
        )
        return {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(guild.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [dict(r) for r in guild.roles.values()],
            "emojis": [],
            "stickers": [],
            "features": ["COMMUNITY"],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "max_members": 500000,
            "joined_at": guild.joined_at,
            "large": False,
            "unavailable": False,
            "member_count": len(sent) if members_intent else len(members),
            "members": [self._member_payload(guild, m) for m in sent],
            "channels": channels,
            "threads": threads,
            "presences": [],
            "voice_states": voice_states,
            "stage_instances": [],
            "guild_scheduled_events": [dict(e) for e in guild.scheduled_events.values()],
            "soundboard_sounds": [],
        }

    def guild_rest_payload(self, guild: Guild) -> dict[str, Any]:
        data = self.guild_create_payload(guild)
        for key in ("members", "channels", "threads", "presences", "voice_states", "joined_at"):
            data.pop(key, None)
        data["approximate_member_count"] = len(guild.members)
        return data

    def _attachment_payload(
        self, channel_id: int, f: RecordedFile, meta: dict[str, Any] | None
    ) -> dict[str, Any]:
        aid = snowflake()
        key = f"{channel_id}/{aid}/{f.filename}"
        self.attachments[key] = f.data
        meta = meta or {}
        return {
            "id": str(aid),
            "filename": f.filename,
            "size": len(f.data),
            "url": f"{self.base_url}/attachments/{key}",
            "proxy_url": f"{self.base_url}/attachments/{key}",
            "content_type": f.content_type or "application/octet-stream",
            "description": meta.get("description"),
            "ephemeral": False,
        }

    def create_message(
        self,
        channel_id: int,
        author: dict[str, Any],
        content: str = "",
        *,
        embeds: list[dict[str, Any]] | None = None,
        components: list[dict[str, Any]] | None = None,
        flags: int = 0,
        attachments: list[dict[str, Any]] | None = None,
        reference: dict[str, Any] | None = None,
        mtype: int = 0,
        webhook_id: int | None = None,
        interaction: InteractionRecord | None = None,
        store_in_channel: bool = True,
        dispatch: bool = True,
        extra: dict[str, Any] | None = None,
    ) -> Obj:
        """Put a message into state (and, if connected, dispatch MESSAGE_CREATE)."""
        channel = self._channels[channel_id]
        mid = snowflake()
        gid = channel.get("guild_id")
        msg = Obj(
            id=str(mid),
            channel_id=str(channel_id),
            author=author,
            content=content,
            timestamp=now_iso(),
            edited_timestamp=None,
            tts=False,
            mention_everyone="@everyone" in content or "@here" in content,
            mentions=[],
            mention_roles=[],
            attachments=attachments or [],
            embeds=embeds or [],
            components=components or [],
            pinned=False,
            type=mtype,
            flags=flags,
        )
        if gid is not None:
            msg["guild_id"] = gid
            guild = self.guilds[int(gid)]
            author_member = guild.members.get(int(author["id"]))
            if author_member is not None and webhook_id is None:
                msg["member"] = self._member_payload(guild, author_member, with_user=False)
                msg["member"].pop("guild_id")
            msg["mentions"], msg["mention_roles"] = self._parse_mentions(guild, content)
        else:
            msg["mentions"], msg["mention_roles"] = self._parse_mentions(None, content)
        if reference is not None:
            ref_id = int(reference["message_id"])
            msg["message_reference"] = {
                "type": 0,
                "message_id": str(ref_id),
                "channel_id": str(reference.get("channel_id") or channel_id),
                **({"guild_id": gid} if gid else {}),
            }
            if ref_id in self._messages:
                msg["referenced_message"] = dict(self._messages[ref_id])
                msg["type"] = 19 if mtype == 0 else mtype
        if webhook_id is not None:
            msg["webhook_id"] = str(webhook_id)
            msg["application_id"] = str(self.application_id)
        if interaction is not None:
            user = self.users[interaction.user_id]
            msg["interaction_metadata"] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": user,
                # Guild installs are keyed "0" with the guild id; in DMs Discord sends the
                # user install ("1") instead, and discord.py fails on {"0": None}.
                "authorizing_integration_owners": (
                    {"0": str(interaction.guild_id)}
                    if interaction.guild_id
                    else {"1": str(interaction.user_id)}
                ),
            }
        if extra:
            msg.update(extra)
        self._messages[mid] = msg
        self.message_history[mid] = [dict(msg)]
        if store_in_channel:
            self._channel_messages.setdefault(channel_id, []).append(mid)
            channel["last_message_id"] = str(mid)
            if channel["type"] in THREAD_TYPES:
                channel["message_count"] += 1
                channel["total_message_sent"] += 1
                self.touch_thread(channel_id)
                # Anyone who may post in an archived (not locked) thread unarchives it.
                meta = channel["thread_metadata"]
                if meta.get("archived") and not meta.get("locked"):
                    meta["archived"] = False
            if dispatch and self.connected:
                self.dispatch("MESSAGE_CREATE", dict(msg))
        return msg

    def _parse_mentions(
        self, guild: Guild | None, content: str
    ) -> tuple[list[dict[str, Any]], list[str]]:  # users, role ids
        users = []
        for raw in dict.fromkeys(MENTION_USER_RE.findall(content)):
            uid = int(raw)
            user = self.users.get(uid)
            if user is None:
                continue
            entry = dict(user)
            if guild is not None and uid in guild.members:
                member = self._member_payload(guild, guild.members[uid], with_user=False)
                member.pop("guild_id")
                entry["member"] = member
            users.append(entry)
        roles = [
            r
            for r in dict.fromkeys(MENTION_ROLE_RE.findall(content))
            if guild and int(r) in guild.roles
        ]
        return users, roles

    def edit_message(
        self, message_id: int, changes: dict[str, Any], *, dispatch: bool = True
    ) -> Obj:
        msg = self._messages[message_id]
        msg.update(changes)
        msg["edited_timestamp"] = now_iso()
        if "content" in changes and msg.get("guild_id"):
            guild = self.guilds[int(msg["guild_id"])]
            msg["mentions"], msg["mention_roles"] = self._parse_mentions(guild, msg["content"])
        self.message_history.setdefault(message_id, []).append(dict(msg))
        in_channel = message_id in self._channel_messages.get(int(msg["channel_id"]), [])
        if dispatch and in_channel and self.connected:
            self.dispatch("MESSAGE_UPDATE", dict(msg))
        return msg

    def delete_message(self, message_id: int, *, dispatch: bool = True) -> None:
        msg = self._messages[message_id]
        self.deleted_message_ids.add(message_id)
        in_channel = message_id in self._channel_messages.get(int(msg["channel_id"]), [])
        if dispatch and in_channel and self.connected:
            data = {"id": msg["id"], "channel_id": msg["channel_id"]}
            if msg.get("guild_id"):
                data["guild_id"] = msg["guild_id"]
            self.dispatch("MESSAGE_DELETE", data)

    def ensure_dm_channel(self, user_id: Any) -> Obj:
        uid = _id_of(user_id)
        cid = self.dm_channels.get(uid)
        if cid is not None:
            return self._channels[cid]
        cid = snowflake()
        channel = Obj(
            id=str(cid), type=1, recipients=[self.users[uid]], last_message_id=None, flags=0
        )
        self._channels[cid] = channel
        self._channel_messages[cid] = []
        self.dm_channels[uid] = cid
        return channel
