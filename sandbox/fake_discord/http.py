"""The REST side: body parsing, recording, 4xx answers, and the route table."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import traceback
from typing import TYPE_CHECKING, Any

from aiohttp import BodyPartReader, web

from sandbox.fake_discord.core import API_PREFIX, Handler, _Core
from sandbox.fake_discord.ratelimits import MAJOR, Throttle
from sandbox.fake_discord.records import (
    ApiError,
    FakeError,
    RecordedFile,
    RecordedRequest,
    Refusal,
    _Req,
)

if TYPE_CHECKING:
    from sandbox.fake_discord import FakeDiscord

log = logging.getLogger("sandbox.fake_discord")


class HttpMixin(_Core):
    """Parsing, recording and routing REST requests; 4xx for errors, never 5xx.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
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
                if not isinstance(part, BodyPartReader):
                    # discord.py never nests multipart bodies; fail loudly if something does.
                    raise ValueError("nested multipart body")
                name = part.name or ""
                data = await part.read()
                if name == "payload_json":
                    payload = json.loads(data.decode())
                elif part.filename is not None:
                    files.append(
                        RecordedFile(
                            field=name,
                            filename=part.filename,
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

        # Discord's own changes (events starting, threads archiving) happen before this request.
        self.tick()
        inj = self._take_injection(method, path)
        if inj is not None:
            rec.status = inj.status
            return await self._injected_response(inj, method, path)

        for rmethod, pattern, handler, template in self._routes:
            if rmethod != method:
                continue
            match = pattern.fullmatch(path)
            if match is None:
                continue
            groups = match.groupdict()
            major = ":".join(str(groups.get(name)) for name in MAJOR if name in groups)
            limit_headers, throttle = self._rate_limit(method, template, major)
            if throttle is not None:
                rec.status = 429
                self.throttled.append(Throttle(method, path, throttle.scope, throttle.retry_after))
                data = {
                    "message": "You are being rate limited.",
                    "retry_after": round(throttle.retry_after, 3),
                    "global": throttle.scope == "global",
                }
                return self._json(data, 429, limit_headers)
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
                return self._json(data, err.status, limit_headers)
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
                return web.Response(status=204, headers=limit_headers)
            return self._json(result, headers=limit_headers)

        self.errors.append(FakeError(method, path, f"unimplemented route {route}"))
        rec.status = 404
        return self._json(
            {"code": 0, "message": f"404: fake discord has no route for {route}"}, 404
        )


def build_routes(fake: FakeDiscord) -> list[tuple[str, re.Pattern[str], Handler, str]]:
    """The route table: (method, compiled path pattern, handler, template) for every REST
    route served; the template (``/channels/{cid}/messages``) names its rate-limit bucket."""
    S = r"(?P<{}>\d+)"
    table: list[tuple[str, str, Handler]] = [
        ("GET", "/users/@me", fake._get_me),
        ("GET", "/users/{uid}", fake._get_user),
        ("GET", "/oauth2/applications/@me", fake._get_app),
        ("GET", "/applications/@me", fake._get_app),
        ("GET", "/gateway", fake._get_gateway),
        ("GET", "/gateway/bot", fake._get_gateway_bot),
        ("POST", "/users/@me/channels", fake._create_dm),
        ("GET", "/channels/{cid}", fake._get_channel),
        ("PATCH", "/channels/{cid}", fake._edit_channel),
        ("DELETE", "/channels/{cid}", fake._delete_channel),
        ("GET", "/channels/{cid}/messages", fake._get_messages),
        ("POST", "/channels/{cid}/messages", fake._post_message),
        ("GET", "/channels/{cid}/messages/{mid}", fake._get_message),
        ("PATCH", "/channels/{cid}/messages/{mid}", fake._edit_message_route),
        ("DELETE", "/channels/{cid}/messages/{mid}", fake._delete_message_route),
        ("POST", "/channels/{cid}/messages/bulk-delete", fake._bulk_delete),
        (
            "PUT",
            "/channels/{cid}/messages/{mid}/reactions/(?P<emoji>[^/]+)/@me",
            fake._add_reaction,
        ),
        ("PUT", "/channels/{cid}/permissions/{oid}", fake._put_overwrite),
        ("DELETE", "/channels/{cid}/permissions/{oid}", fake._delete_overwrite),
        ("POST", "/channels/{cid}/typing", fake._typing),
        ("POST", "/channels/{cid}/threads", fake._create_thread),
        ("POST", "/channels/{cid}/messages/{mid}/threads", fake._create_thread_from_message),
        ("PUT", "/channels/{cid}/thread-members/@me", fake._join_thread),
        ("PUT", "/channels/{cid}/thread-members/{uid}", fake._add_thread_member),
        ("DELETE", "/channels/{cid}/thread-members/{uid}", fake._remove_thread_member),
        ("GET", "/channels/{cid}/thread-members", fake._list_thread_members),
        ("GET", "/guilds/{gid}", fake._get_guild),
        ("GET", "/guilds/{gid}/channels", fake._get_guild_channels),
        ("POST", "/guilds/{gid}/channels", fake._create_guild_channel),
        ("PATCH", "/guilds/{gid}/channels", fake._move_channels),
        ("GET", "/guilds/{gid}/roles", fake._get_roles),
        ("POST", "/guilds/{gid}/roles", fake._create_role),
        ("PATCH", "/guilds/{gid}/roles/{rid}", fake._edit_role),
        ("DELETE", "/guilds/{gid}/roles/{rid}", fake._delete_role),
        ("PUT", "/guilds/{gid}/members/{uid}/roles/{rid}", fake._add_member_role),
        ("DELETE", "/guilds/{gid}/members/{uid}/roles/{rid}", fake._remove_member_role),
        ("GET", "/guilds/{gid}/members", fake._list_members),
        ("GET", "/guilds/{gid}/members/{uid}", fake._get_member),
        ("PATCH", "/guilds/{gid}/members/{uid}", fake._edit_member),
        ("DELETE", "/guilds/{gid}/members/{uid}", fake._kick_member),
        ("GET", "/guilds/{gid}/scheduled-events", fake._list_events),
        ("POST", "/guilds/{gid}/scheduled-events", fake._create_event),
        ("GET", "/guilds/{gid}/scheduled-events/{eid}", fake._get_event),
        ("PATCH", "/guilds/{gid}/scheduled-events/{eid}", fake._edit_event),
        ("DELETE", "/guilds/{gid}/scheduled-events/{eid}", fake._delete_event),
        ("GET", "/guilds/{gid}/auto-moderation/rules", fake._list_rules),
        ("POST", "/guilds/{gid}/auto-moderation/rules", fake._create_rule),
        ("GET", "/guilds/{gid}/auto-moderation/rules/{rid}", fake._get_rule),
        ("PATCH", "/guilds/{gid}/auto-moderation/rules/{rid}", fake._edit_rule),
        ("DELETE", "/guilds/{gid}/auto-moderation/rules/{rid}", fake._delete_rule),
        ("GET", "/applications/{app}/commands", fake._get_commands),
        ("PUT", "/applications/{app}/commands", fake._put_commands),
        ("GET", "/applications/{app}/guilds/{gid}/commands", fake._get_commands),
        ("PUT", "/applications/{app}/guilds/{gid}/commands", fake._put_commands),
        ("POST", "/interactions/{iid}/(?P<token>[^/]+)/callback", fake._callback),
        (
            "GET",
            "/webhooks/{app}/(?P<token>[^/]+)/messages/(?P<which>@original|\\d+)",
            fake._wh_get,
        ),
        (
            "PATCH",
            "/webhooks/{app}/(?P<token>[^/]+)/messages/(?P<which>@original|\\d+)",
            fake._wh_edit,
        ),
        (
            "DELETE",
            "/webhooks/{app}/(?P<token>[^/]+)/messages/(?P<which>@original|\\d+)",
            fake._wh_delete,
        ),
        ("POST", "/webhooks/{app}/(?P<token>[^/]+)", fake._wh_followup),
    ]
    routes = []
    for method, template, handler in table:
        pattern = template
        for name in ("uid", "cid", "mid", "oid", "gid", "rid", "eid", "app", "iid"):
            pattern = pattern.replace("{" + name + "}", S.format(name))
        routes.append((method, re.compile(pattern), handler, template))
    return routes
