"""The stand-in's gateway: websocket sessions (one per shard), intents honoured like Discord.

A client that IDENTIFYs with ``shard: [id, count]`` gets, as from Discord, only the guilds with
``(guild_id >> 22) % count == id`` in READY and GUILD_CREATE and only their events; events with
no guild (DMs, DM interactions) go to shard 0. A client that names no shard gets everything.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import WSMsgType, web

from sandbox.fake_discord.core import _Connection, _Core
from sandbox.fake_discord.permissions import Intent
from sandbox.fake_discord.records import (
    FakeError,
    GatewayEvent,
)

_EVENT_INTENTS: dict[str, int] = {
    "CHANNEL_CREATE": Intent.GUILDS,
    "CHANNEL_UPDATE": Intent.GUILDS,
    "CHANNEL_DELETE": Intent.GUILDS,
    "THREAD_CREATE": Intent.GUILDS,
    "THREAD_UPDATE": Intent.GUILDS,
    "THREAD_DELETE": Intent.GUILDS,
    "THREAD_MEMBERS_UPDATE": Intent.GUILDS,
    "GUILD_ROLE_CREATE": Intent.GUILDS,
    "GUILD_ROLE_UPDATE": Intent.GUILDS,
    "GUILD_ROLE_DELETE": Intent.GUILDS,
    "GUILD_MEMBER_ADD": Intent.GUILD_MEMBERS,
    "GUILD_MEMBER_UPDATE": Intent.GUILD_MEMBERS,
    "GUILD_MEMBER_REMOVE": Intent.GUILD_MEMBERS,
    "GUILD_SCHEDULED_EVENT_CREATE": Intent.GUILD_SCHEDULED_EVENTS,
    "GUILD_SCHEDULED_EVENT_UPDATE": Intent.GUILD_SCHEDULED_EVENTS,
    "GUILD_SCHEDULED_EVENT_DELETE": Intent.GUILD_SCHEDULED_EVENTS,
    "AUTO_MODERATION_RULE_CREATE": Intent.AUTO_MODERATION_CONFIGURATION,
    "AUTO_MODERATION_RULE_UPDATE": Intent.AUTO_MODERATION_CONFIGURATION,
    "AUTO_MODERATION_RULE_DELETE": Intent.AUTO_MODERATION_CONFIGURATION,
    "AUTO_MODERATION_ACTION_EXECUTION": Intent.AUTO_MODERATION_EXECUTION,
    "VOICE_STATE_UPDATE": Intent.GUILD_VOICE_STATES,
}
_MESSAGE_EVENTS = {"MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE", "MESSAGE_DELETE_BULK"}
# Events whose payload is the guild itself (its id in "id", not "guild_id").
_GUILD_PAYLOADS = {"GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE"}


def _guild_of(event: str, data: dict[str, Any]) -> int | None:
    raw = data.get("id") if event in _GUILD_PAYLOADS else data.get("guild_id")
    return int(raw) if raw else None


class GatewayMixin(_Core):
    """The websocket: HELLO, IDENTIFY (intents), READY and GUILD_CREATE, heartbeats, dispatch.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- gateway

    def dispatch(self, event: str, data: dict[str, Any]) -> int | None:
        """Send a dispatch to the bot's session for the event's shard (the newest session of
        that shard); returns its sequence number (None if not sent: no session carries the
        shard, or the bot's intents exclude the event)."""
        guild_id = _guild_of(event, data)
        taken: set[int] = set()
        first: int | None = None
        for conn in reversed(self._conns):
            if not conn.identified or conn.shard[0] in taken or not conn.carries(guild_id):
                continue
            taken.add(conn.shard[0])
            seq = self._dispatch_on(conn, event, data)
            first = seq if first is None else first
        return first

    def _dispatch_on(self, conn: _Connection, event: str, data: dict[str, Any]) -> int | None:
        needed = _EVENT_INTENTS.get(event)
        if event in _MESSAGE_EVENTS:
            needed = Intent.GUILD_MESSAGES if data.get("guild_id") else Intent.DIRECT_MESSAGES
        if needed is not None and not conn.intents & needed:
            return None
        if (
            event in ("MESSAGE_CREATE", "MESSAGE_UPDATE")
            and not conn.intents & Intent.MESSAGE_CONTENT
        ):
            data = self._strip_content(data)
        if (
            event == "AUTO_MODERATION_ACTION_EXECUTION"
            and not conn.intents & Intent.MESSAGE_CONTENT
        ):
            data = {**data, "content": "", "matched_content": ""}
        conn.seq += 1
        self.events.append(GatewayEvent(event, data, conn.seq, conn.shard[0]))
        conn.queue.put_nowait(json.dumps({"op": 0, "t": event, "s": conn.seq, "d": data}))
        return conn.seq

    def _strip_content(self, data: dict[str, Any]) -> dict[str, Any]:
        if not data.get("guild_id"):
            return data
        if data.get("author", {}).get("id") == self.bot_user["id"]:
            return data
        if any(u.get("id") == self.bot_user["id"] for u in data.get("mentions", [])):
            return data
        data = dict(data)
        data.update(content="", embeds=[], attachments=[], components=[])
        return data

    async def _send_op(self, conn: _Connection, op: int, d: Any) -> None:
        conn.queue.put_nowait(json.dumps({"op": op, "d": d, "s": None, "t": None}))

    async def _writer(self, conn: _Connection) -> None:
        while True:
            item = await conn.queue.get()
            if item is None or conn.ws.closed:
                return
            try:
                await conn.ws.send_str(item)
            except (ConnectionError, RuntimeError):
                return

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        conn = _Connection(ws)
        self._conns.append(conn)
        conn.writer = asyncio.create_task(self._writer(conn), name="fake-discord-gateway-writer")
        await self._send_op(conn, 10, {"heartbeat_interval": 41250})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    if msg.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
                        break
                    continue
                try:
                    payload = json.loads(msg.data)
                except ValueError:
                    self.errors.append(FakeError("WS", "/gateway", f"bad frame {msg.data[:100]!r}"))
                    continue
                await self._on_gateway_op(conn, payload)
        finally:
            conn.queue.put_nowait(None)
            if self._current is conn:
                others = [c for c in self._conns if c is not conn and c.identified]
                self._current = others[-1] if others else None
            if conn in self._conns:
                self._conns.remove(conn)
        return ws

    async def _on_gateway_op(self, conn: _Connection, payload: dict[str, Any]) -> None:
        op = payload.get("op")
        d: Any = payload.get("d")
        if op == 1:
            await self._send_op(conn, 11, None)
        elif op == 2:
            intents = int(d.get("intents", 0))
            for name, bit in Intent.PRIVILEGED.items():
                if intents & bit and name not in self.enabled_privileged_intents:
                    conn.queue.put_nowait(None)
                    await conn.ws.close(code=4014, message=b"Disallowed intent(s).")
                    return
            shard = d.get("shard") or [0, 1]
            if not (
                isinstance(shard, list)
                and len(shard) == 2
                and all(isinstance(n, int) for n in shard)
                and 0 <= shard[0] < shard[1]
            ):
                conn.queue.put_nowait(None)
                await conn.ws.close(code=4010, message=b"Invalid shard.")
                return
            self.identify_count += 1
            conn.intents = intents
            conn.shard = (shard[0], shard[1])
            conn.identified = True
            self._current = conn
            ready = {
                "v": 10,
                "user": self.bot_user,
                "guilds": [
                    {"id": str(g), "unavailable": True} for g in self.guilds if conn.carries(g)
                ],
                "session_id": conn.session_id,
                "resume_gateway_url": self.gateway_url,
                "shard": list(conn.shard),
                "application": {"id": str(self.application_id), "flags": 0},
                "private_channels": [],
                "relationships": [],
                "user_settings": {},
                "presences": [],
                "guild_join_requests": [],
                "geo_ordered_rtc_regions": [],
            }
            self._dispatch_on(conn, "READY", ready)
            for guild in self.guilds.values():
                if conn.carries(guild.id):
                    self._dispatch_on(conn, "GUILD_CREATE", self.guild_create_payload(guild))
        elif op == 6:
            # No resuming here: ask for a fresh IDENTIFY.
            await self._send_op(conn, 9, False)
        elif op == 8:
            gid = int(d["guild_id"])
            chunked = self.guilds.get(gid)
            if chunked is not None:
                self._dispatch_on(
                    conn,
                    "GUILD_MEMBERS_CHUNK",
                    {
                        "guild_id": str(gid),
                        "members": [
                            self._member_payload(chunked, m) for m in chunked.members.values()
                        ],
                        "chunk_index": 0,
                        "chunk_count": 1,
                        "nonce": d.get("nonce"),
                    },
                )
        elif op in (3, 4):
            pass
        else:
            self.errors.append(FakeError("WS", "/gateway", f"unhandled gateway op {op}"))

    async def disconnect_bot(self, code: int = 4000) -> None:
        """Close the bot's gateway connection (it will reconnect if allowed)."""
        conn = self._current
        if conn is not None:
            conn.queue.put_nowait(None)
            await conn.ws.close(code=code)
