"""Failure injection: answers the stand-in gives instead of the real one."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any

from aiohttp import web

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.records import (
    Injection,
    RecordedRequest,
)


class FailuresMixin(_Core):
    """Failure injection (``fail_next``, hangs, 429s) and ``after_handled`` hooks.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- failure injection

    def fail_next(
        self,
        method: str | None,
        path_regex: str,
        status: int,
        body: Any = None,
        times: int = 1,
        retry_after: float | None = None,
        *,
        hang: bool = False,
    ) -> Injection:
        """Make the next ``times`` requests matching ``method`` (None/"*" for any) and
        ``path_regex`` (searched in the path relative to the API base, e.g.
        ``r"/channels/\\d+/messages$"``) fail with ``status``.

        429 gets Discord's shape (``retry_after`` default 0.01 s, ``Retry-After`` and ``Via``
        headers; discord.py treats a 429 without ``Via`` as a Cloudflare ban and does not
        retry). 500/502/504 are retried by discord.py after 1 s, 3 s... so inject them sparingly.
        ``hang=True`` never answers until ``release_hangs()`` or ``stop()``.
        """
        inj = Injection(method, path_regex, status, body, times, retry_after, hang)
        self._injections.append(inj)
        return inj

    def after_handled(
        self,
        method: str | None,
        path_regex: str,
        callback: Callable[[RecordedRequest], None],
    ) -> None:
        """Call ``callback(request)`` each time a request matching ``method`` and
        ``path_regex`` has been handled successfully (the message exists, the role is given...)
        and before the answer is sent. Crash tests use it to kill a bot process between
        Discord doing something and the bot learning that it was done. ``callback`` runs
        synchronously inside the request; an exception it raises is recorded in ``errors``.
        """
        self._after_handled.append((method, path_regex, callback))

    def release_hangs(self) -> None:
        if self._hang_release is not None:
            self._hang_release.set()
            self._hang_release = asyncio.Event()

    def _take_injection(self, method: str, path: str) -> Injection | None:
        for inj in self._injections:
            if (
                inj.times > 0
                and inj.method in (None, "*", method)
                and re.search(inj.path_regex, path)
            ):
                inj.times -= 1
                if inj.times <= 0:
                    self._injections.remove(inj)
                return inj
        return None

    async def _injected_response(self, inj: Injection, method: str, path: str) -> web.Response:
        if inj.hang:
            assert self._hang_release is not None
            await self._hang_release.wait()
        headers: dict[str, str] = {}
        body = inj.body
        if inj.status == 429:
            retry_after = 0.01 if inj.retry_after is None else inj.retry_after
            if body is None:
                body = {
                    "message": "You are being rate limited.",
                    "retry_after": retry_after,
                    "global": False,
                }
            headers.update(
                {"Retry-After": str(retry_after), "Via": "1.1 google", "X-RateLimit-Scope": "user"}
            )
        elif body is None:
            body = {"code": 0, "message": f"{inj.status}: injected failure for {method} {path}"}
        return self._json(body, inj.status, headers)
