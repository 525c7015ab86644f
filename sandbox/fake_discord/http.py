"""The REST side: body parsing, recording, the route table, and the lookups handlers share."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import traceback
from typing import Any

from aiohttp import web

from sandbox.fake_discord.records import (
    ApiError,
    FakeError,
    Guild,
    Member,
    Obj,
    RecordedFile,
    RecordedRequest,
    Refusal,
    _Req,
)

log = logging.getLogger("sandbox.fake_discord")

API_PREFIX = "/api/v10"


class HttpMixin:
    """Parsing, recording and routing REST requests; 4xx for errors, never 5xx.

    Part of ``FakeDiscord``; uses the state set up in ``FakeDiscord.__init__``.
    """

    # ---------------------------------------------------------------- HTTP plumbing

    @staticmethod
    def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
        all_headers = {"Content-Type": "application/json"}
        if headers:
            all_headers.update(headers)
        return web.Response(status=status, body=json.dumps(data).encode(), headers=all_headers)

    async def _serve_attachment(self, request: web.Request) -> web.Response:
        data = self.attachments.get(request.match_info["key"])
        if data is None:
            return web.Response(status=404, text="no such attachment")
        return web.Response(body=data, headers={"Content-Type": "application/octet-stream"})

    async def _parse_body(self, request: web.Request) -> tuple[Any, list[RecordedFile]]:
        files: list[RecordedFile] = []
        ctype = request.headers.get("Content-Type", "")
        if ctype.startswith("multipart/"):
            payload: Any = None
            reader = await request.multipart()
            async for part in reader:
                if part is None:
                    break
                name = part.name or ""
                data = await part.read()  # type: ignore[union-attr]
                if name == "payload_json":
                    payload = json.loads(data.decode())
                elif part.filename is not None:  # type: ignore[union-attr]
                    files.append(
                        RecordedFile(
                            field=name,
                            filename=part.filename,  # type: ignore[union-attr]
                            content_type=part.headers.get("Content-Type"),
                            data=bytes(data),
                        )
                    )
                else:
                    payload = payload or {}
                    payload[name] = data.decode()
            return payload, files
        raw = await request.read()
        if not raw:
            return None, files
        try:
            return json.loads(raw), files
        except ValueError:
            return raw.decode(errors="replace"), files

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self._inflight += 1
        try:
            return await self._handle_inner(request)
        finally:
            self._inflight -= 1

    async def _handle_inner(self, request: web.Request) -> web.StreamResponse:
        method = request.method
        path = "/" + request.match_info["tail"]
        route = f"{method} {API_PREFIX}{path}"
        try:
            body, files = await self._parse_body(request)
        except Exception as exc:
            self.errors.append(FakeError(method, path, f"could not parse body: {exc!r}"))
            return self._json({"code": 0, "message": f"fake: bad body for {route}: {exc}"}, 400)
        rec = RecordedRequest(method, path, dict(request.query), body, files, time.time())
        self.requests.append(rec)
        if self._request_event is not None:
            self._request_event.set()
            self._request_event = asyncio.Event()

        inj = self._take_injection(method, path)
        if inj is not None:
            rec.status = inj.status
            return await self._injected_response(inj, method, path)

        for rmethod, pattern, handler in self._routes:
            if rmethod != method:
                continue
            match = pattern.fullmatch(path)
            if match is None:
                continue
            req = _Req(method, path, dict(request.query), body, files, match)
            try:
                result = await handler(req)
            except ApiError as err:
                rec.status = err.status
                self.refusals.append(
                    Refusal(method, path, err.status, err.code, err.message, err.errors)
                )
                data = {"code": err.code, "message": err.message}
                if err.errors is not None:
                    data["errors"] = err.errors
                return self._json(data, err.status)
            except Exception as exc:
                tb = traceback.format_exc()
                log.error("fake discord failed on %s: %s", route, tb)
                self.errors.append(FakeError(method, path, f"{exc!r}\n{tb}"))
                rec.status = 400
                return self._json(
                    {"code": 0, "message": f"fake discord error on {route}: {exc!r}"}, 400
                )
            rec.status = 204 if result is None else 200
            for hook_method, hook_path, callback in list(self._after_handled):
                if rec.matches(hook_method, hook_path):
                    try:
                        callback(rec)
                    except Exception as exc:
                        self.errors.append(FakeError(method, path, f"after_handled hook: {exc!r}"))
            if result is None:
                return web.Response(status=204)
            return self._json(result)

        self.errors.append(FakeError(method, path, f"unimplemented route {route}"))
        rec.status = 404
        return self._json(
            {"code": 0, "message": f"404: fake discord has no route for {route}"}, 404
        )

    def _build_routes(self) -> None:
        S = r"(?P<{}>\d+)"
        table = [
            ("GET", "/users/@me", self._get_me),
            ("GET", "/users/{uid}", self._get_user),
            ("GET", "/oauth2/applications/@me", self._get_app),
            ("GET", "/applications/@me", self._get_app),
            ("GET", "/gateway", self._get_gateway),
            ("GET", "/gateway/bot", self._get_gateway_bot),
            ("POST", "/users/@me/channels", self._create_dm),
            ("GET", "/channels/{cid}", self._get_channel),
            ("PATCH", "/channels/{cid}", self._edit_channel),
            ("DELETE", "/channels/{cid}", self._delete_channel),
            ("GET", "/channels/{cid}/messages", self._get_messages),
            ("POST", "/channels/{cid}/messages", self._post_message),
            ("GET", "/channels/{cid}/messages/{mid}", self._get_message),
            ("PATCH", "/channels/{cid}/messages/{mid}", self._edit_message_route),
            ("DELETE", "/channels/{cid}/messages/{mid}", self._delete_message_route),
            ("POST", "/channels/{cid}/messages/bulk-delete", self._bulk_delete),
            (
                "PUT",
                "/channels/{cid}/messages/{mid}/reactions/(?P<emoji>[^/]+)/@me",
                self._add_reaction,
            ),
            ("PUT", "/channels/{cid}/permissions/{oid}", self._put_overwrite),
            ("DELETE", "/channels/{cid}/permissions/{oid}", self._delete_overwrite),
            ("POST", "/channels/{cid}/typing", self._typing),
            ("POST", "/channels/{cid}/threads", self._create_thread),
            ("POST", "/channels/{cid}/messages/{mid}/threads", self._create_thread_from_message),
            ("PUT", "/channels/{cid}/thread-members/@me", self._join_thread),
            ("PUT", "/channels/{cid}/thread-members/{uid}", self._add_thread_member),
            ("DELETE", "/channels/{cid}/thread-members/{uid}", self._remove_thread_member),
            ("GET", "/channels/{cid}/thread-members", self._list_thread_members),
            ("GET", "/guilds/{gid}", self._get_guild),
            ("GET", "/guilds/{gid}/channels", self._get_guild_channels),
            ("POST", "/guilds/{gid}/channels", self._create_guild_channel),
            ("PATCH", "/guilds/{gid}/channels", self._move_channels),
            ("GET", "/guilds/{gid}/roles", self._get_roles),
            ("POST", "/guilds/{gid}/roles", self._create_role),
            ("PATCH", "/guilds/{gid}/roles/{rid}", self._edit_role),
            ("DELETE", "/guilds/{gid}/roles/{rid}", self._delete_role),
            ("PUT", "/guilds/{gid}/members/{uid}/roles/{rid}", self._add_member_role),
            ("DELETE", "/guilds/{gid}/members/{uid}/roles/{rid}", self._remove_member_role),
            ("GET", "/guilds/{gid}/members", self._list_members),
            ("GET", "/guilds/{gid}/members/{uid}", self._get_member),
            ("PATCH", "/guilds/{gid}/members/{uid}", self._edit_member),
            ("DELETE", "/guilds/{gid}/members/{uid}", self._kick_member),
            ("GET", "/guilds/{gid}/scheduled-events", self._list_events),
            ("POST", "/guilds/{gid}/scheduled-events", self._create_event),
            ("GET", "/guilds/{gid}/scheduled-events/{eid}", self._get_event),
            ("PATCH", "/guilds/{gid}/scheduled-events/{eid}", self._edit_event),
            ("DELETE", "/guilds/{gid}/scheduled-events/{eid}", self._delete_event),
            ("GET", "/guilds/{gid}/auto-moderation/rules", self._list_rules),
            ("POST", "/guilds/{gid}/auto-moderation/rules", self._create_rule),
            ("GET", "/guilds/{gid}/auto-moderation/rules/{rid}", self._get_rule),
            ("PATCH", "/guilds/{gid}/auto-moderation/rules/{rid}", self._edit_rule),
            ("DELETE", "/guilds/{gid}/auto-moderation/rules/{rid}", self._delete_rule),
            ("GET", "/applications/{app}/commands", self._get_commands),
            ("PUT", "/applications/{app}/commands", self._put_commands),
            ("GET", "/applications/{app}/guilds/{gid}/commands", self._get_commands),
            ("PUT", "/applications/{app}/guilds/{gid}/commands", self._put_commands),
            ("POST", "/interactions/{iid}/(?P<token>[^/]+)/callback", self._callback),
            (
                "GET",
                "/webhooks/{app}/(?P<token>[^/]+)/messages/(?P<which>@original|\\d+)",
                self._wh_get,
            ),
            (
                "PATCH",
                "/webhooks/{app}/(?P<token>[^/]+)/messages/(?P<which>@original|\\d+)",
                self._wh_edit,
            ),
            (
                "DELETE",
                "/webhooks/{app}/(?P<token>[^/]+)/messages/(?P<which>@original|\\d+)",
                self._wh_delete,
            ),
            ("POST", "/webhooks/{app}/(?P<token>[^/]+)", self._wh_followup),
        ]
        for method, template, handler in table:
            pattern = template
            for name in ("uid", "cid", "mid", "oid", "gid", "rid", "eid", "app", "iid"):
                pattern = pattern.replace("{" + name + "}", S.format(name))
            self._routes.append((method, re.compile(pattern), handler))

    # ---------------------------------------------------------------- lookups for handlers

    def _get_channel_or_404(self, cid: int) -> Obj:
        channel = self._channels.get(cid)
        if channel is None:
            raise ApiError(404, 10003, "Unknown Channel")
        return channel

    def _guild_or_404(self, gid: int) -> Guild:
        guild = self.guilds.get(gid)
        if guild is None:
            raise ApiError(404, 10004, "Unknown Guild")
        return guild

    def _member_or_404(self, guild: Guild, uid: int) -> Member:
        member = guild.members.get(uid)
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        return member

    def _role_or_404(self, guild: Guild, rid: int) -> Obj:
        role = guild.roles.get(rid)
        if role is None:
            raise ApiError(404, 10011, "Unknown Role")
        return role

    def _message_or_404(self, cid: int, mid: int) -> Obj:
        msg = self._messages.get(mid)
        if msg is None or mid in self.deleted_message_ids or int(msg["channel_id"]) != cid:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    def _guild_of(self, channel: dict) -> Guild | None:
        gid = channel.get("guild_id")
        return self.guilds[int(gid)] if gid else None
