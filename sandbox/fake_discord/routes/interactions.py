"""Interactions: INTERACTION_CREATE payloads, callbacks and the interaction webhooks."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.permissions import Perm
from sandbox.fake_discord.records import (
    ApiError,
    InteractionRecord,
    Obj,
    RecordedFile,
    _Req,
    invalid_form,
    wall_clock_now,
)
from sandbox.snowflake import snowflake

FIRST_RESPONSE = dt.timedelta(seconds=3)  # Discord's deadline for the first response
TOKEN_LIFETIME = dt.timedelta(minutes=15)  # follow-ups and edits of the original response


class InteractionRoutes(_Core):
    """Interactions: records, the callback, and the follow-up webhooks.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- interactions

    def new_interaction(
        self,
        itype: int,
        user_id: int,
        channel_id: int,
        data: dict[str, Any],
        *,
        message: dict[str, Any] | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """Create an interaction record and its INTERACTION_CREATE payload (not dispatched)."""
        channel = self._channels[channel_id]
        gid = channel.get("guild_id")
        iid = snowflake()
        token = "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(24)
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.application_id),
            "type": itype,
            "data": data,
            "channel_id": str(channel_id),
            "channel": {k: v for k, v in channel.items()},
            "token": token,
            "version": 1,
            "locale": locale,
            "entitlements": [],
            "authorizing_integration_owners": {"0": gid} if gid else {"1": str(user_id)},
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if gid:
            guild = self.guilds[int(gid)]
            payload["guild_id"] = gid
            payload["guild"] = {"id": gid, "locale": "en-US", "features": []}
            payload["guild_locale"] = "en-US"
            payload["member"] = self._interaction_member(guild, guild.members[user_id], channel_id)
            payload["app_permissions"] = str(self.permissions_in(channel_id, self.bot_user_id))
            payload["context"] = 0
            payload["channel"]["permissions"] = payload["member"]["permissions"]
        else:
            payload["user"] = self.users[user_id]
            payload["app_permissions"] = str(Perm.DEFAULT_EVERYONE)
            payload["context"] = 1
        if message is not None:
            payload["message"] = dict(message)
        record = InteractionRecord(
            id=iid,
            token=token,
            type=itype,
            guild_id=int(gid) if gid else None,
            channel_id=channel_id,
            user_id=user_id,
            data=data,
            payload=payload,
            message_id=int(message["id"]) if message is not None else None,
            born=self.now(),
        )
        self.interactions[iid] = record
        self._interaction_tokens[token] = iid
        return record

    def interaction_by_token(self, token: str) -> InteractionRecord | None:
        iid = self._interaction_tokens.get(token)
        return self.interactions.get(iid) if iid is not None else None

    def _response_message_type(self, rec: InteractionRecord) -> int:
        if rec.type == 2:
            return 20 if rec.data.get("type", 1) == 1 else 23
        return 0

    def _interaction_message(
        self, rec: InteractionRecord, data: dict[str, Any], files: list[RecordedFile], *, flags: int
    ) -> Obj:
        ephemeral = bool(flags & 64)
        return self.create_message(
            rec.channel_id,
            self.bot_user,
            data.get("content") or "",
            embeds=data.get("embeds") or [],
            components=data.get("components") or [],
            flags=flags,
            attachments=self._attachments_from(rec.channel_id, data, files),
            mtype=self._response_message_type(rec),
            webhook_id=self.application_id,
            interaction=rec,
            store_in_channel=not ephemeral,
        )

    async def _callback(self, req: _Req) -> Any:
        iid = req.arg("iid")
        rec = self.interactions.get(iid)
        if rec is None or rec.token != req.match.group("token"):
            raise ApiError(404, 10062, "Unknown interaction")
        rec.callbacks_attempted += 1
        if self._past(rec, FIRST_RESPONSE):
            # Discord forgets an interaction nobody answered within 3 seconds.
            raise ApiError(404, 10062, "Unknown interaction")
        if rec.acknowledged:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        body = req.body
        ctype = int(body.get("type", 0))
        data = body.get("data") or {}
        resource: dict[str, Any] | None = None
        info: dict[str, Any] = {"id": str(rec.id), "type": rec.type}
        if ctype == 1:
            raise invalid_form("PONG is only for HTTP interactions.", "type")
        if ctype in (4, 5):
            if rec.type == 4:
                raise invalid_form("Autocomplete interactions take type 8.", "type")
            flags = int(data.get("flags") or 0)
            if ctype == 4:
                self._validate_message(data, req.files)
                msg = self._interaction_message(rec, data, req.files, flags=flags)
            else:
                msg = self._interaction_message(rec, {}, [], flags=(flags & 64) | 128)
            rec.original_message_id = msg.id
            rec.log.append(("create", msg.id))
            info.update(
                response_message_id=msg["id"],
                response_message_loading=ctype == 5,
                response_message_ephemeral=bool(flags & 64),
            )
            resource = {"type": ctype, "message": dict(msg)}
        elif ctype in (6, 7):
            if rec.message_id is None:
                raise invalid_form("There is no message to update.", "type")
            target = self._messages[rec.message_id]
            rec.original_message_id = rec.message_id
            if ctype == 7:
                self._validate_message(data, req.files, edit=True)
                changes = self._message_changes(rec.channel_id, target, data, req.files)
                self.edit_message(rec.message_id, changes)
                rec.log.append(("edit", rec.message_id))
                resource = {"type": 7, "message": dict(self._messages[rec.message_id])}
            info.update(response_message_id=str(rec.message_id), response_message_loading=False)
        elif ctype == 8:
            if rec.type != 4:
                raise invalid_form("Only autocomplete interactions take type 8.", "type")
            if len(data.get("choices") or []) > 25:
                raise invalid_form("Must be 25 or fewer in length.", "data.choices")
        elif ctype == 9:
            if rec.type == 5:
                raise ApiError(
                    400, 50035, "Invalid Form Body: cannot answer a modal submit with a modal"
                )
            if rec.type == 4:
                raise invalid_form("Autocomplete interactions take type 8.", "type")
            self._validate_modal(data)
            rec.log.append(("modal", None))
        else:
            raise invalid_form(f"Unsupported interaction callback type {ctype}.", "type")
        rec.callback_type = ctype
        rec.callback_data = data
        result: dict[str, Any] = {"interaction": info}
        if resource is not None:
            result["resource"] = resource
        if "with_response" in req.query and req.query["with_response"] not in ("0", "false"):
            return result
        return None

    def _past(self, rec: InteractionRecord, deadline: dt.timedelta) -> bool:
        """True when ``deadline`` has passed since the interaction was created (fake time)."""
        if not self.interaction_deadlines or self.now is wall_clock_now or rec.born is None:
            return False
        return self.now() - rec.born > deadline

    def _wh_interaction(self, req: _Req) -> InteractionRecord:
        self._check_app(req)
        rec = self.interaction_by_token(req.match.group("token"))
        if rec is None:
            raise ApiError(404, 10015, "Unknown Webhook")
        if self._past(rec, TOKEN_LIFETIME):
            raise ApiError(401, 50027, "Invalid Webhook Token")
        return rec

    def _wh_target(self, rec: InteractionRecord, which: str) -> int:
        if which == "@original":
            if rec.original_message_id is None:
                raise ApiError(404, 10008, "Unknown Message")
            return rec.original_message_id
        mid = int(which)
        if mid != rec.original_message_id and mid not in rec.followup_ids:
            raise ApiError(404, 10008, "Unknown Message")
        return mid

    async def _wh_get(self, req: _Req) -> Any:
        rec = self._wh_interaction(req)
        mid = self._wh_target(rec, req.match.group("which"))
        if mid in self.deleted_message_ids:
            raise ApiError(404, 10008, "Unknown Message")
        return dict(self._messages[mid])

    async def _wh_edit(self, req: _Req) -> Any:
        rec = self._wh_interaction(req)
        mid = self._wh_target(rec, req.match.group("which"))
        if mid in self.deleted_message_ids:
            raise ApiError(404, 10008, "Unknown Message")
        msg = self._messages[mid]
        self._validate_message(req.body, req.files, edit=True)
        changes = self._message_changes(rec.channel_id, msg, req.body, req.files)
        if int(msg.get("flags", 0)) & 128:
            changes["flags"] = int(changes.get("flags", msg["flags"])) & ~128
        self.edit_message(mid, changes)
        rec.log.append(("edit", mid))
        return dict(self._messages[mid])

    async def _wh_delete(self, req: _Req) -> Any:
        rec = self._wh_interaction(req)
        mid = self._wh_target(rec, req.match.group("which"))
        if mid in self.deleted_message_ids:
            raise ApiError(404, 10008, "Unknown Message")
        self.delete_message(mid)
        rec.log.append(("delete", mid))
        return None

    async def _wh_followup(self, req: _Req) -> Any:
        rec = self._wh_interaction(req)
        if not rec.acknowledged:
            raise ApiError(404, 10015, "Unknown Webhook (interaction not acknowledged yet)")
        body = req.body
        self._validate_message(body, req.files)
        flags = int(body.get("flags") or 0)
        original = self._messages.get(rec.original_message_id or 0)
        if rec.callback_type == 5 and original is not None and int(original.get("flags", 0)) & 128:
            # Discord: the first follow-up after a "thinking" defer replaces the placeholder.
            changes = self._message_changes(rec.channel_id, original, body, req.files)
            changes["flags"] = int(original["flags"]) & ~128
            self.edit_message(original.id, changes)
            rec.log.append(("edit", original.id))
            return dict(self._messages[original.id])
        msg = self._interaction_message(rec, body, req.files, flags=flags)
        rec.followup_ids.append(msg.id)
        rec.log.append(("followup", msg.id))
        return dict(msg)
