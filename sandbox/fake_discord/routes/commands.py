"""REST handlers: application command sync."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.records import (
    ApiError,
    Obj,
    _Req,
)
from sandbox.snowflake import snowflake

DAILY_COMMAND_CREATES = 200  # per scope (global, or one guild), per day


class CommandRoutes(_Core):
    """Handlers for application command sync.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- handlers: commands

    def _check_app(self, req: _Req) -> None:
        if req.arg("app") != self.application_id:
            raise ApiError(404, 10002, "Unknown Application")

    async def _get_commands(self, req: _Req) -> Any:
        self._check_app(req)
        gid = req.match.groupdict().get("gid")
        cmds = self.guild_commands.get(int(gid), []) if gid else self.global_commands
        return [dict(c) for c in cmds]

    def _count_creates(self, gid: int | None, body: list[dict[str, Any]]) -> None:
        """Discord allows 200 command creates a day per scope; a bulk overwrite creates every
        command it did not have. (Discord answers 429 with a retry_after of hours; the
        stand-in answers 400 with the same code, so discord.py fails at once, not sleeps.)"""
        now = self.now()
        recent = [t for t in self._command_creates.get(gid, []) if now - t < dt.timedelta(days=1)]
        new = [
            c for c in body if (gid, c.get("name"), int(c.get("type", 1))) not in self._command_ids
        ]
        if len(recent) + len(new) > DAILY_COMMAND_CREATES:
            raise ApiError(
                400,
                30034,
                f"Max number of daily application command creates has been reached "
                f"({DAILY_COMMAND_CREATES})",
            )
        self._command_creates[gid] = recent + [now] * len(new)

    async def _put_commands(self, req: _Req) -> Any:
        self._check_app(req)
        gid_raw = req.match.groupdict().get("gid")
        gid = int(gid_raw) if gid_raw else None
        if gid is not None:
            self._guild_or_404(gid)
        body = req.json if isinstance(req.json, list) else []
        self._validate_commands(body)
        self._count_creates(gid, body)
        stored = []
        for cmd in body:
            ctype = int(cmd.get("type", 1))
            key = (gid, cmd["name"], ctype)
            cid = self._command_ids.setdefault(key, snowflake())
            dmp = cmd.get("default_member_permissions")
            stored.append(
                Obj(
                    id=str(cid),
                    application_id=str(self.application_id),
                    version=str(snowflake()),
                    type=ctype,
                    name=cmd["name"],
                    name_localizations=cmd.get("name_localizations"),
                    description=cmd.get("description", ""),
                    description_localizations=cmd.get("description_localizations"),
                    options=cmd.get("options") or [],
                    default_member_permissions=str(dmp) if dmp is not None else None,
                    dm_permission=cmd.get("dm_permission", True),
                    nsfw=cmd.get("nsfw", False),
                    contexts=cmd.get("contexts"),
                    integration_types=cmd.get("integration_types") or [0],
                    **({"guild_id": str(gid)} if gid else {}),
                )
            )
        if gid is None:
            self.global_commands = stored
        else:
            self.guild_commands[gid] = stored
        return [dict(c) for c in stored]
