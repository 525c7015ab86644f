"""REST handlers: threads and their members."""

from __future__ import annotations

from typing import Any

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.permissions import Perm
from sandbox.fake_discord.records import (
    ARCHIVE_DURATIONS,
    MAX_ACTIVE_THREADS,
    THREAD_TYPES,
    ApiError,
    Obj,
    _Req,
    invalid_form,
    now_iso,
)


class ThreadRoutes(_Core):
    """Handlers for threads and their members.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- handlers: threads

    async def _create_thread(self, req: _Req) -> Any:
        parent = self._get_channel_or_404(req.arg("cid"))
        guild = self._guild_of(parent)
        if guild is None or parent["type"] not in (0, 5, 15):
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        body = req.body
        ttype = int(body.get("type") or 12)
        if parent["type"] == 15:
            ttype = 11
        needed = Perm.CREATE_PRIVATE_THREADS if ttype == 12 else Perm.CREATE_PUBLIC_THREADS
        self._require(parent.id, None, Perm.VIEW_CHANNEL | needed, "CREATE_*_THREADS")
        name = body.get("name") or ""
        if not 1 <= len(name) <= 100:
            raise invalid_form("Thread name must be 1 to 100 characters.", "name")
        self._check_thread_limits(guild.id, body)
        thread = self._thread_payload(
            guild,
            parent,
            name,
            ttype,
            self.bot_user_id,
            auto_archive=int(body.get("auto_archive_duration") or 1440),
            invitable=bool(body.get("invitable", True)),
        )
        self.thread_members[thread.id].add(self.bot_user_id)
        thread["member_count"] = 1
        self.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
        if parent["type"] == 15 and body.get("message"):
            self._validate_message(body["message"], req.files)
            msg = self.create_message(
                thread.id,
                self.bot_user,
                body["message"].get("content") or "",
                embeds=body["message"].get("embeds"),
                components=body["message"].get("components"),
                attachments=self._attachments_from(thread.id, body["message"], req.files),
            )
            return {**thread, "message": dict(msg)}
        return dict(thread)

    async def _create_thread_from_message(self, req: _Req) -> Any:
        parent = self._get_channel_or_404(req.arg("cid"))
        msg = self._message_or_404(parent.id, req.arg("mid"))
        guild = self._guild_of(parent)
        if guild is None:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        self._require(
            parent.id, None, Perm.VIEW_CHANNEL | Perm.CREATE_PUBLIC_THREADS, "CREATE_PUBLIC_THREADS"
        )
        if msg.id in self._channels:
            raise ApiError(400, 160004, "A thread has already been created for this message")
        name = req.body.get("name") or ""
        if not 1 <= len(name) <= 100:
            raise invalid_form("Thread name must be 1 to 100 characters.", "name")
        self._check_thread_limits(guild.id, req.body)
        thread = self._thread_payload(
            guild,
            parent,
            name,
            11,
            self.bot_user_id,
            tid=msg.id,
            auto_archive=int(req.body.get("auto_archive_duration") or 1440),
        )
        self.thread_members[thread.id].add(self.bot_user_id)
        thread["member_count"] = 1
        msg["thread"] = dict(thread)
        self.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
        return dict(thread)

    def _check_thread_limits(self, guild_id: int, body: dict[str, Any]) -> None:
        """Discord's limits on a new thread: its idle duration, and 1,000 active a guild."""
        if body.get("auto_archive_duration") not in (None, *ARCHIVE_DURATIONS):
            raise invalid_form("auto_archive_duration: 60, 1440, 4320 or 10080.", "body")
        active = sum(
            1
            for c in self._channels.values()
            if c["type"] in THREAD_TYPES
            and c.get("guild_id") == str(guild_id)
            and not c["thread_metadata"].get("archived")
        )
        if active >= MAX_ACTIVE_THREADS:
            raise ApiError(400, 160006, "Maximum number of active threads reached")

    def _thread_or_404(self, cid: int) -> Obj:
        thread = self._get_channel_or_404(cid)
        if thread["type"] not in THREAD_TYPES:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        return thread

    def _thread_members_update(self, thread: Obj, added: list[int], removed: list[int]) -> None:
        guild = self._guild_of(thread)
        assert guild is not None
        thread["member_count"] = len(self.thread_members[thread.id])
        data: dict[str, Any] = {
            "id": thread["id"],
            "guild_id": thread["guild_id"],
            "member_count": thread["member_count"],
        }
        if added:
            data["added_members"] = [
                {
                    "id": thread["id"],
                    "user_id": str(uid),
                    "join_timestamp": now_iso(),
                    "flags": 0,
                    **(
                        {"member": self._member_payload(guild, guild.members[uid])}
                        if uid in guild.members
                        else {}
                    ),
                }
                for uid in added
            ]
        if removed:
            data["removed_member_ids"] = [str(u) for u in removed]
        self.dispatch("THREAD_MEMBERS_UPDATE", data)

    async def _join_thread(self, req: _Req) -> Any:
        thread = self._thread_or_404(req.arg("cid"))
        if thread["thread_metadata"].get("archived"):
            raise ApiError(400, 50083, "Thread is archived")
        self.thread_members[thread.id].add(self.bot_user_id)
        self._thread_members_update(thread, [self.bot_user_id], [])
        return None

    async def _add_thread_member(self, req: _Req) -> Any:
        thread = self._thread_or_404(req.arg("cid"))
        guild = self._guild_of(thread)
        assert guild is not None
        uid = req.arg("uid")
        self._member_or_404(guild, uid)
        if thread["thread_metadata"].get("archived"):
            raise ApiError(400, 50083, "Thread is archived")
        if thread["type"] == 12 and self.bot_user_id not in self.thread_members[thread.id]:
            self._require(thread.id, None, Perm.MANAGE_THREADS, "MANAGE_THREADS")
        self._require(thread.id, None, Perm.SEND_MESSAGES_IN_THREADS, "SEND_MESSAGES_IN_THREADS")
        if uid not in self.thread_members[thread.id]:
            self.thread_members[thread.id].add(uid)
            self._thread_members_update(thread, [uid], [])
        return None

    async def _remove_thread_member(self, req: _Req) -> Any:
        thread = self._thread_or_404(req.arg("cid"))
        uid = req.arg("uid")
        if thread["thread_metadata"].get("archived"):
            raise ApiError(400, 50083, "Thread is archived")
        if uid != self.bot_user_id and thread["owner_id"] != self.bot_user["id"]:
            self._require(thread.id, None, Perm.MANAGE_THREADS, "MANAGE_THREADS")
        if uid in self.thread_members[thread.id]:
            self.thread_members[thread.id].discard(uid)
            self._thread_members_update(thread, [], [uid])
        return None

    async def _list_thread_members(self, req: _Req) -> Any:
        thread = self._thread_or_404(req.arg("cid"))
        return [
            {"id": thread["id"], "user_id": str(uid), "join_timestamp": now_iso(), "flags": 0}
            for uid in sorted(self.thread_members[thread.id])
        ]
