"""REST handlers: guild scheduled events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.permissions import Perm
from sandbox.fake_discord.records import (
    ApiError,
    Guild,
    Obj,
    _Req,
    invalid_form,
    parse_iso,
)
from sandbox.snowflake import snowflake


class EventRoutes(_Core):
    """Handlers for guild scheduled events.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- handlers: scheduled events

    async def _list_events(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        return [dict(e) for e in guild.scheduled_events.values()]

    async def _get_event(self, req: _Req) -> Any:
        return dict(self._event_or_404(req))

    def _event_or_404(self, req: _Req) -> Obj:
        guild = self._guild_or_404(req.arg("gid"))
        event = guild.scheduled_events.get(req.arg("eid"))
        if event is None:
            raise ApiError(404, 10070, "Unknown Guild Scheduled Event")
        return event

    def _validate_event_fields(self, guild: Guild, event: dict[str, Any]) -> None:
        if not 1 <= len(event.get("name") or "") <= 100:
            raise invalid_form("Event name must be 1 to 100 characters.", "name")
        if len(event.get("description") or "") > 1000:
            raise invalid_form("Event description must be 1000 or fewer.", "description")
        etype = event.get("entity_type")
        if etype not in (1, 2, 3):
            raise invalid_form("entity_type must be 1, 2 or 3.", "entity_type")
        start = parse_iso(event["scheduled_start_time"])
        end = event.get("scheduled_end_time")
        if etype == 3:
            if not (event.get("entity_metadata") or {}).get("location"):
                raise invalid_form(
                    "External events need entity_metadata.location.", "entity_metadata"
                )
            if not end:
                raise invalid_form("External events need scheduled_end_time.", "scheduled_end_time")
        else:
            cid = event.get("channel_id")
            channel = self._channels.get(int(cid)) if cid else None
            if channel is None or channel.get("guild_id") != str(guild.id):
                raise invalid_form(
                    "Stage/voice events need a channel_id of this guild.", "channel_id"
                )
        if end and parse_iso(end) <= start:
            raise invalid_form(
                "scheduled_end_time must be after scheduled_start_time.", "scheduled_end_time"
            )

    async def _create_event(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        self._require(None, guild.id, Perm.MANAGE_EVENTS, "MANAGE_EVENTS")
        body = req.body
        if not body.get("scheduled_start_time"):
            raise invalid_form("scheduled_start_time is required.", "scheduled_start_time")
        open_events = [e for e in guild.scheduled_events.values() if e["status"] in (1, 2)]
        if len(open_events) >= 100:
            raise ApiError(
                400, 30038, "Maximum number of uncompleted guild scheduled events reached (100)"
            )
        start = parse_iso(body["scheduled_start_time"])
        if self.check_event_start_in_past and start < self.now() - dt.timedelta(seconds=5):
            raise invalid_form("Cannot schedule event in the past.", "scheduled_start_time")
        eid = snowflake()
        event = Obj(
            id=str(eid),
            guild_id=str(guild.id),
            channel_id=str(body["channel_id"]) if body.get("channel_id") else None,
            creator_id=str(self.bot_user_id),
            creator=self.bot_user,
            name=body.get("name"),
            description=body.get("description"),
            scheduled_start_time=body["scheduled_start_time"],
            scheduled_end_time=body.get("scheduled_end_time"),
            privacy_level=int(body.get("privacy_level") or 2),
            status=1,
            entity_type=body.get("entity_type"),
            entity_id=None,
            entity_metadata=body.get("entity_metadata"),
            user_count=0,
            image=None,
            recurrence_rule=body.get("recurrence_rule"),
        )
        self._validate_event_fields(guild, event)
        guild.scheduled_events[eid] = event
        self.dispatch("GUILD_SCHEDULED_EVENT_CREATE", dict(event))
        return dict(event)

    async def _edit_event(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        self._require(None, guild.id, Perm.MANAGE_EVENTS, "MANAGE_EVENTS")
        event = self._event_or_404(req)
        body = req.body
        updated = Obj(event)
        for key in (
            "name",
            "description",
            "scheduled_start_time",
            "scheduled_end_time",
            "entity_type",
            "entity_metadata",
            "privacy_level",
            "recurrence_rule",
        ):
            if key in body:
                updated[key] = body[key]
        if "channel_id" in body:
            updated["channel_id"] = str(body["channel_id"]) if body["channel_id"] else None
        if "status" in body and body["status"] is not None:
            new, old = int(body["status"]), event["status"]
            # Discord refuses starting an event that already started (by itself at its start
            # time, see clockwork.py) and any change once it has completed or been cancelled.
            allowed = {1: {1, 2, 4}, 2: {3}}.get(old, set())
            if new not in allowed:
                raise ApiError(400, 180000, f"Cannot change event status from {old} to {new}")
            updated["status"] = new
        elif event["status"] in (3, 4):
            raise ApiError(400, 180000, "Cannot edit a completed or cancelled event")
        self._validate_event_fields(guild, updated)
        event.update(updated)
        self.dispatch("GUILD_SCHEDULED_EVENT_UPDATE", dict(event))
        return dict(event)

    async def _delete_event(self, req: _Req) -> Any:
        guild = self._guild_or_404(req.arg("gid"))
        self._require(None, guild.id, Perm.MANAGE_EVENTS, "MANAGE_EVENTS")
        event = self._event_or_404(req)
        del guild.scheduled_events[event.id]
        self.dispatch("GUILD_SCHEDULED_EVENT_DELETE", dict(event))
        return None
