"""REST handlers: the guild, its roles and its members (roles, timeouts, kicks)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.permissions import Intent, Perm
from sandbox.fake_discord.records import (
    ApiError,
    Guild,
    Member,
    Obj,
    _Req,
    invalid_form,
    missing_permissions,
    parse_iso,
)
from sandbox.snowflake import snowflake


class GuildRoutes(_Core):
    """Handlers for the guild, its roles and its members (roles, timeouts, kicks).

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- handlers: guild, roles, members

    async def _get_guild(self, req: _Req) -> Any:
        return self.guild_rest_payload(self._guild_or_404(req.arg("gid")))

    async def _get_roles(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        return [dict(r) for r in guild.roles.values()]

    async def _create_role(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        self._require(None, guild.id, Perm.MANAGE_ROLES, "MANAGE_ROLES")
        body = req.body
        if len(guild.roles) >= 250:
            raise ApiError(400, 30005, "Maximum number of guild roles reached (250)")
        perms = int(body.get("permissions") or 0)
        mine = self.base_permissions(guild.id, self.bot_user_id)
        if perms & ~mine:
            raise missing_permissions("role permissions the bot lacks")
        name = body.get("name") or "new role"
        if len(name) > 100:
            raise invalid_form("Role name must be 100 or fewer in length.", "name")
        role = self._role_payload(snowflake(), name, perms, 1)
        for r in guild.roles.values():
            if r.id != guild.id:
                r["position"] += 1
        role["hoist"] = bool(body.get("hoist", False))
        role["mentionable"] = bool(body.get("mentionable", False))
        color = int(body.get("color") or body.get("colour") or 0)
        role["color"] = color
        role["colors"]["primary_color"] = color
        guild.roles[role.id] = role
        self.dispatch("GUILD_ROLE_CREATE", {"guild_id": str(guild.id), "role": dict(role)})
        return dict(role)

    def _check_role_manageable(self, guild: Guild, role: Obj) -> None:
        self._require(None, guild.id, Perm.MANAGE_ROLES, "MANAGE_ROLES")
        if role.get("managed") or role.id == guild.id:
            raise ApiError(400, 50028, "Invalid Role (managed or @everyone)")
        is_admin = self.base_permissions(guild.id, self.bot_user_id) == Perm.ALL
        if not is_admin and role["position"] >= self._top_role_position(guild, self.bot_user_id):
            raise missing_permissions(f"role {role['name']!r} is not below the bot's top role")

    async def _edit_role(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        role = self._role_or_404(guild, req.arg("rid"))
        self._check_role_manageable(guild, role)
        body = req.body
        for key in ("name", "hoist", "mentionable"):
            if key in body and body[key] is not None:
                role[key] = body[key]
        if body.get("permissions") is not None:
            role["permissions"] = str(int(body["permissions"]))
        if body.get("color") is not None:
            role["color"] = int(body["color"])
            role["colors"]["primary_color"] = int(body["color"])
        self.dispatch("GUILD_ROLE_UPDATE", {"guild_id": str(guild.id), "role": dict(role)})
        return dict(role)

    async def _delete_role(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        role = self._role_or_404(guild, req.arg("rid"))
        self._check_role_manageable(guild, role)
        del guild.roles[role.id]
        for m in guild.members.values():
            if role["id"] in m["roles"]:
                m["roles"].remove(role["id"])
        self.dispatch("GUILD_ROLE_DELETE", {"guild_id": str(guild.id), "role_id": role["id"]})
        return None

    async def _add_member_role(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        member = self._member_or_404(guild, req.arg("uid"))
        role = self._role_or_404(guild, req.arg("rid"))
        self._check_role_manageable(guild, role)
        if role["id"] not in member["roles"]:
            member["roles"].append(role["id"])
            self.dispatch("GUILD_MEMBER_UPDATE", self._member_payload(guild, member))
        return None

    async def _remove_member_role(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        member = self._member_or_404(guild, req.arg("uid"))
        role = self._role_or_404(guild, req.arg("rid"))
        self._check_role_manageable(guild, role)
        if role["id"] in member["roles"]:
            member["roles"].remove(role["id"])
            self.dispatch("GUILD_MEMBER_UPDATE", self._member_payload(guild, member))
        return None

    async def _list_members(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        if not self.intents & Intent.GUILD_MEMBERS:
            raise ApiError(403, 50001, "Missing Access (GUILD_MEMBERS intent)")
        limit = int(req.query.get("limit", 1))
        after = int(req.query.get("after", 0))
        members = sorted((m for uid, m in guild.members.items() if uid > after), key=lambda m: m.id)
        return [self._member_payload(guild, m) for m in members[:limit]]

    async def _get_member(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        return self._member_payload(guild, self._member_or_404(guild, req.arg("uid")))

    def _check_moderatable(self, guild: Guild, member: Member, what: str) -> None:
        if member.id == guild.owner_id:
            raise missing_permissions(f"cannot {what} the guild owner")
        if self.base_permissions(guild.id, member.id) & Perm.ADMINISTRATOR or (
            self.base_permissions(guild.id, member.id) == Perm.ALL
        ):
            raise missing_permissions(f"cannot {what} an administrator")
        if self._top_role_position(guild, member.id) >= self._top_role_position(
            guild, self.bot_user_id
        ):
            raise missing_permissions(
                f"cannot {what} a member whose top role is not below the bot's"
            )

    async def _edit_member(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        member = self._member_or_404(guild, req.arg("uid"))
        body = req.body
        if "communication_disabled_until" in body:
            self._require(None, guild.id, Perm.MODERATE_MEMBERS, "MODERATE_MEMBERS")
            until = body["communication_disabled_until"]
            if until is not None:
                self._check_moderatable(guild, member, "time out")
                when = parse_iso(until)
                if when > self.now() + dt.timedelta(days=28, minutes=1):
                    raise invalid_form(
                        "Timeout cannot exceed 28 days.", "communication_disabled_until"
                    )
            member["communication_disabled_until"] = until
        if "roles" in body and body["roles"] is not None:
            self._require(None, guild.id, Perm.MANAGE_ROLES, "MANAGE_ROLES")
            new = [str(int(r)) for r in body["roles"]]
            for rid in set(new) ^ set(member["roles"]):
                self._check_role_manageable(guild, self._role_or_404(guild, int(rid)))
            member["roles"] = new
        if "nick" in body and len(body["nick"] or "") > 32:
            raise invalid_form("Nickname must be 32 or fewer in length.", "nick")
        if "nick" in body:
            if member.id != self.bot_user_id:
                self._require(None, guild.id, Perm.MANAGE_NICKNAMES, "MANAGE_NICKNAMES")
            member["nick"] = body["nick"]
        for key in ("mute", "deaf"):
            if key in body:
                member[key] = body[key]
        data = self._member_payload(guild, member)
        self.dispatch("GUILD_MEMBER_UPDATE", data)
        return data

    async def _kick_member(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        member = self._member_or_404(guild, req.arg("uid"))
        self._require(None, guild.id, Perm.KICK_MEMBERS, "KICK_MEMBERS")
        self._check_moderatable(guild, member, "kick")
        del guild.members[member.id]
        self.dispatch("GUILD_MEMBER_REMOVE", {"guild_id": str(guild.id), "user": member.user})
        return None
