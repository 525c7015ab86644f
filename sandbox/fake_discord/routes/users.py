"""REST handlers: the bot user, the application, the gateway address, DM channels."""

from __future__ import annotations

from typing import Any

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.records import (
    ApiError,
    _Req,
)


class UserRoutes(_Core):
    """Handlers for the bot user, the application, the gateway address, DM channels.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- handlers: users/app

    async def _get_me(self, req: _Req) -> Any:
        return self.bot_user

    async def _get_user(self, req: _Req) -> Any:
        user = self.users.get(req.arg("uid"))
        if user is None:
            raise ApiError(404, 10013, "Unknown User")
        return user

    async def _get_app(self, req: _Req) -> Any:
        return {
            "id": str(self.application_id),
            "name": self.bot_user["username"],
            "icon": None,
            "description": "Kindred (local stand-in)",
            "rpc_origins": [],
            "bot_public": False,
            "bot_require_code_grant": False,
            "bot": self.bot_user,
            "owner": self.owner_user,
            "team": None,
            "summary": "",
            "verify_key": "0" * 64,
            "flags": (1 << 15) | (1 << 13),
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "tags": [],
            "approximate_guild_count": len(self.guilds),
        }

    async def _get_gateway(self, req: _Req) -> Any:
        return {"url": self.gateway_url}

    async def _get_gateway_bot(self, req: _Req) -> Any:
        return {
            "url": self.gateway_url,
            "shards": self.shard_count,
            "session_start_limit": {
                "total": 1000,
                "remaining": 1000,
                "reset_after": 0,
                "max_concurrency": 1,
            },
        }

    async def _create_dm(self, req: _Req) -> Any:
        uid = int(req.body.get("recipient_id", 0))
        if uid not in self.users:
            raise ApiError(400, 50035, "Invalid Form Body: unknown recipient_id")
        return dict(self.ensure_dm_channel(uid))
