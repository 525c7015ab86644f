"""REST handlers: guild channels and their permission overwrites."""

from __future__ import annotations

import re
from typing import Any

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.permissions import Perm
from sandbox.fake_discord.records import (
    ARCHIVE_DURATIONS,
    THREAD_TYPES,
    ApiError,
    Guild,
    _Req,
    invalid_form,
    missing_permissions,
    now_iso,
)


class ChannelRoutes(_Core):
    """Handlers for guild channels and their permission overwrites.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- handlers: channels

    async def _get_channel(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        if channel.get("guild_id") and not self.can_view(channel.id, self.bot_user_id):
            raise missing_permissions("VIEW_CHANNEL")
        return dict(channel)

    async def _edit_channel(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        guild = self._guild_of(channel)
        body = req.body
        if guild is None:
            raise ApiError(403, 50003, "Cannot execute action on a DM channel")
        if channel["type"] in THREAD_TYPES:
            is_owner = channel["owner_id"] == self.bot_user["id"]
            if not is_owner:
                self._require(channel.id, None, Perm.MANAGE_THREADS, "MANAGE_THREADS")
            meta = channel["thread_metadata"]
            if body.get("auto_archive_duration") not in (None, *ARCHIVE_DURATIONS):
                raise invalid_form("auto_archive_duration: 60, 1440, 4320 or 10080.", "body")
            for key in ("archived", "locked", "invitable", "auto_archive_duration"):
                if key in body:
                    meta[key] = body[key]
                    if key == "archived":
                        meta["archive_timestamp"] = now_iso()
                        if not body[key]:
                            self.touch_thread(channel.id)
            for key in ("name", "rate_limit_per_user", "flags", "applied_tags"):
                if key in body:
                    channel[key] = body[key]
            self.dispatch("THREAD_UPDATE", dict(channel))
            return dict(channel)
        self._require(channel.id, None, Perm.MANAGE_CHANNELS, "MANAGE_CHANNELS")
        if len(body.get("topic") or "") > 1024:
            raise invalid_form("Must be 1024 or fewer in length.", "topic")
        if "permission_overwrites" in body:
            self._require(None, guild.id, Perm.MANAGE_ROLES, "MANAGE_ROLES")
            overwrites = [self._norm_overwrite(o) for o in body["permission_overwrites"] or []]
            self._check_grantable(guild, overwrites)
            channel["permission_overwrites"] = overwrites
        for key in (
            "name",
            "topic",
            "nsfw",
            "rate_limit_per_user",
            "position",
            "bitrate",
            "user_limit",
            "flags",
        ):
            if key in body:
                channel[key] = body[key]
        if "name" in body:
            channel["name"] = self._normalise_channel_name(body["name"], channel["type"])
        if "parent_id" in body:
            channel["parent_id"] = str(body["parent_id"]) if body["parent_id"] else None
        if "type" in body:
            channel["type"] = body["type"]
        self._check_privacy(channel, f"{req.method} {req.path}")
        self.dispatch("CHANNEL_UPDATE", dict(channel))
        return dict(channel)

    async def _delete_channel(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        guild = self._guild_of(channel)
        if guild is None:
            return dict(channel)
        if channel["type"] in THREAD_TYPES:
            self._require(channel.id, None, Perm.MANAGE_THREADS, "MANAGE_THREADS")
        else:
            self._require(channel.id, None, Perm.MANAGE_CHANNELS, "MANAGE_CHANNELS")
        return dict(self.delete_channel(channel.id))

    def _check_grantable(self, guild: Guild, overwrites: list[dict[str, Any]]) -> None:
        """Discord refuses overwrites that allow/deny permissions the bot itself lacks."""
        mine = self.base_permissions(guild.id, self.bot_user_id)
        if mine == Perm.ALL:
            return
        for o in overwrites:
            bits = int(o["allow"]) | int(o["deny"])
            if bits & ~mine:
                raise missing_permissions(
                    f"overwrite for {o['id']} uses permissions the bot lacks: {bits & ~mine}"
                )
            if o["type"] == 0 and int(o["id"]) not in guild.roles:
                raise invalid_form(f"Unknown role {o['id']} in permission_overwrites")
            if o["type"] == 1 and int(o["id"]) not in guild.members:
                raise invalid_form(f"Unknown member {o['id']} in permission_overwrites")

    @staticmethod
    def _normalise_channel_name(name: str, ctype: int) -> str:
        if not 1 <= len(name) <= 100:
            raise invalid_form("Channel name must be 1 to 100 characters.", "name")
        if ctype in (0, 5, 15):
            name = re.sub(r"\s+", "-", name.strip().lower())
        return name

    async def _get_guild_channels(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        return [dict(self._channels[c]) for c in guild.channel_ids if c in self._channels]

    async def _create_guild_channel(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        body = req.body
        self._require(None, guild.id, Perm.MANAGE_CHANNELS, "MANAGE_CHANNELS")
        ctype = int(body.get("type", 0) or 0)
        if ctype not in (0, 2, 4, 5, 13, 15, 16):
            raise invalid_form(f"Invalid channel type {ctype}", "type")
        parent_id = body.get("parent_id")
        if parent_id:
            parent = self._channels.get(int(parent_id))
            if parent is None or parent["type"] != 4 or parent.get("guild_id") != str(guild.id):
                raise invalid_form("parent_id must be a category of this guild", "parent_id")
            if ctype == 4:
                raise invalid_form("A category cannot have a parent", "parent_id")
        overwrites = [self._norm_overwrite(o) for o in body.get("permission_overwrites") or []]
        if overwrites:
            self._require(None, guild.id, Perm.MANAGE_ROLES, "MANAGE_ROLES")
            self._check_grantable(guild, overwrites)
        in_guild = [c for c in guild.channel_ids if c in self._channels]
        if len(in_guild) >= 500:
            raise ApiError(400, 30013, "Maximum number of guild channels reached (500)")
        if (
            parent_id
            and sum(1 for c in in_guild if self._channels[c].get("parent_id") == str(parent_id))
            >= 50
        ):
            raise invalid_form("Maximum number of channels in category reached (50)", "parent_id")
        if len(body.get("topic") or "") > 1024:
            raise invalid_form("Must be 1024 or fewer in length.", "topic")
        name = self._normalise_channel_name(body.get("name") or "", ctype)
        channel = self._channel_payload(
            guild, name, ctype, parent_id, overwrites, body.get("topic")
        )
        for key in ("nsfw", "rate_limit_per_user", "bitrate", "user_limit"):
            if key in body and body[key] is not None:
                channel[key] = body[key]
        if body.get("position") is not None:
            channel["position"] = body["position"]
        self._check_privacy(channel, f"{req.method} {req.path}")
        self.dispatch("CHANNEL_CREATE", dict(channel))
        return dict(channel)

    async def _move_channels(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        self._require(None, guild.id, Perm.MANAGE_CHANNELS, "MANAGE_CHANNELS")
        for item in req.json or []:
            channel = self._get_channel_or_404(int(item["id"]))
            if "position" in item and item["position"] is not None:
                channel["position"] = item["position"]
            if "parent_id" in item:
                channel["parent_id"] = str(item["parent_id"]) if item["parent_id"] else None
            self.dispatch("CHANNEL_UPDATE", dict(channel))
        return None

    async def _put_overwrite(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        guild = self._guild_of(channel)
        if guild is None or channel["type"] in THREAD_TYPES:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        self._require(channel.id, None, Perm.MANAGE_ROLES, "MANAGE_ROLES")
        ow = self._norm_overwrite({"id": req.arg("oid"), **req.body})
        self._check_grantable(guild, [ow])
        overwrites = [o for o in channel["permission_overwrites"] if o["id"] != ow["id"]]
        overwrites.append(ow)
        channel["permission_overwrites"] = overwrites
        self._check_privacy(channel, f"{req.method} {req.path}")
        self.dispatch("CHANNEL_UPDATE", dict(channel))
        return None

    async def _delete_overwrite(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        self._require(channel.id, None, Perm.MANAGE_ROLES, "MANAGE_ROLES")
        oid = str(req.arg("oid"))
        channel["permission_overwrites"] = [
            o for o in channel["permission_overwrites"] if o["id"] != oid
        ]
        self._check_privacy(channel, f"{req.method} {req.path}")
        self.dispatch("CHANNEL_UPDATE", dict(channel))
        return None

    async def _typing(self, req: _Req) -> Any:
        self._get_channel_or_404(req.arg("cid"))
        return None
