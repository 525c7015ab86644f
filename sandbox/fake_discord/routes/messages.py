"""REST handlers: sending, fetching, editing and deleting messages."""

from __future__ import annotations

import contextlib
import re
from typing import Any

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.permissions import Perm
from sandbox.fake_discord.records import (
    TEXTLIKE_TYPES,
    THREAD_TYPES,
    ApiError,
    Obj,
    RecordedFile,
    _Req,
    invalid_form,
    missing_permissions,
)


class MessageRoutes(_Core):
    """Handlers for sending, fetching, editing and deleting messages.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- handlers: messages

    def _check_can_send(self, channel: Obj) -> None:
        if channel.get("guild_id") is None:
            if channel["type"] == 1:
                recipient = int(channel["recipients"][0]["id"])
                if recipient in self.closed_dms:
                    raise ApiError(403, 50007, "Cannot send messages to this user")
                if not any(recipient in g.members for g in self.guilds.values()):
                    raise ApiError(403, 50007, "Cannot send messages to this user")
            return
        if channel["type"] in THREAD_TYPES:
            self._require(
                channel.id,
                None,
                Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES_IN_THREADS,
                "SEND_MESSAGES_IN_THREADS",
            )
            meta = channel["thread_metadata"]
            if (
                meta.get("locked")
                and not self.permissions_in(channel.id, self.bot_user_id) & Perm.MANAGE_THREADS
            ):
                raise ApiError(400, 50083, "Thread is locked")
            outsider = self.bot_user_id not in self.thread_members.get(channel.id, set())
            can_manage = self.permissions_in(channel.id, self.bot_user_id) & Perm.MANAGE_THREADS
            if channel["type"] == 12 and outsider and not can_manage:
                raise missing_permissions("not a member of the private thread")
            meta["archived"] = False  # sending unarchives
        elif channel["type"] in TEXTLIKE_TYPES:
            self._require(channel.id, None, Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES, "SEND_MESSAGES")
        else:
            raise ApiError(400, 50008, "Cannot send messages in a non-text channel")

    def _attachments_from(
        self, channel_id: int, body: dict[str, Any], files: list[RecordedFile]
    ) -> list[dict[str, Any]]:
        meta_by_index: dict[int, dict[str, Any]] = {}
        for meta in body.get("attachments") or []:
            with contextlib.suppress(TypeError, ValueError):
                meta_by_index[int(meta.get("id"))] = meta
        result = []
        for index, f in enumerate(files):
            m = re.fullmatch(r"files\[(\d+)\]", f.field)
            idx = int(m.group(1)) if m else index
            result.append(self._attachment_payload(channel_id, f, meta_by_index.get(idx)))
        return result

    async def _post_message(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        body = req.body
        self._check_can_send(channel)
        self._validate_message(body, req.files)
        reference = body.get("message_reference")
        if reference and reference.get("message_id"):
            ref_id = int(reference["message_id"])
            if ref_id not in self._messages and reference.get("fail_if_not_exists", True):
                raise ApiError(400, 50035, "Invalid Form Body: Unknown message (message_reference)")
        embeds = list(body.get("embeds") or [])
        if body.get("embed"):
            embeds.append(body["embed"])
        msg = self.create_message(
            channel.id,
            self.bot_user,
            body.get("content") or "",
            embeds=embeds,
            components=body.get("components") or [],
            flags=int(body.get("flags") or 0) & ~64,
            attachments=self._attachments_from(channel.id, body, req.files),
            reference=reference if reference and reference.get("message_id") else None,
            extra={"nonce": body["nonce"]} if body.get("nonce") is not None else None,
        )
        return dict(msg)

    async def _get_messages(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        if channel.get("guild_id"):
            self._require(
                channel.id,
                None,
                Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY,
                "READ_MESSAGE_HISTORY",
            )
        limit = int(req.query.get("limit", 50))
        msgs = self.messages_in(channel.id)
        before = req.query.get("before")
        after = req.query.get("after")
        around = req.query.get("around")
        if before:
            msgs = [m for m in msgs if m.id < int(before)]
        if after:
            msgs = [m for m in msgs if m.id > int(after)]
            return [dict(m) for m in reversed(msgs[:limit])]
        if around:
            mid = int(around)
            older = [m for m in msgs if m.id <= mid][-(limit // 2 + 1) :]
            newer = [m for m in msgs if m.id > mid][: limit // 2]
            msgs = older + newer
        return [dict(m) for m in reversed(msgs[-limit:])]

    async def _get_message(self, req: _Req) -> Any:
        return dict(self._message_or_404(req.arg("cid"), req.arg("mid")))

    async def _edit_message_route(self, req: _Req) -> Any:
        msg = self._message_or_404(req.arg("cid"), req.arg("mid"))
        body = req.body
        if msg["author"]["id"] != self.bot_user["id"] and set(body) - {"flags"}:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        self._validate_message(body, req.files, edit=True)
        changes = self._message_changes(int(msg["channel_id"]), msg, body, req.files)
        return dict(self.edit_message(msg.id, changes))

    def _message_changes(
        self, channel_id: int, msg: dict[str, Any], body: dict[str, Any], files: list[RecordedFile]
    ) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for key in ("content", "embeds", "components"):
            if key in body:
                changes[key] = (
                    body[key] if body[key] is not None else ([] if key != "content" else "")
                )
        if "flags" in body and body["flags"] is not None:
            changes["flags"] = (int(msg.get("flags", 0)) & 64) | (int(body["flags"]) & ~64)
        if "attachments" in body or files:
            keep_ids = {str(a.get("id")) for a in body.get("attachments") or []}
            kept = (
                [a for a in msg.get("attachments", []) if a["id"] in keep_ids]
                if "attachments" in body
                else list(msg.get("attachments", []))
            )
            changes["attachments"] = kept + self._attachments_from(channel_id, body, files)
        return changes

    async def _delete_message_route(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        msg = self._message_or_404(channel.id, req.arg("mid"))
        if msg["author"]["id"] != self.bot_user["id"] and channel.get("guild_id"):
            self._require(channel.id, None, Perm.MANAGE_MESSAGES, "MANAGE_MESSAGES")
        self.delete_message(msg.id)
        return None

    async def _bulk_delete(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        self._require(channel.id, None, Perm.MANAGE_MESSAGES, "MANAGE_MESSAGES")
        ids = [int(m) for m in req.body.get("messages", [])]
        if not 2 <= len(ids) <= 100:
            raise invalid_form("Bulk delete takes 2 to 100 messages.", "messages")
        for mid in ids:
            if mid in self._messages and mid not in self.deleted_message_ids:
                self.delete_message(mid)
        return None

    async def _add_reaction(self, req: _Req) -> Any:
        channel = self._get_channel_or_404(req.arg("cid"))
        self._message_or_404(channel.id, req.arg("mid"))
        return None
