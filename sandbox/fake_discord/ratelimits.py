"""Discord's rate limits: per-route buckets with ``X-RateLimit-*`` headers, and a global limit.

Off by default (``fake.rate_limits is None``), so the suite stays fast; a test or a bench turns
them on with ``fake.enable_rate_limits(scale=...)``. ``scale`` shrinks every window (0.01: five
messages per 50 ms instead of per 5 s) so a test can meet the limits in milliseconds; the bench
uses 1.0, Discord's own pace.

As on Discord:

- a bucket is one route for one major parameter (the channel, the guild, or the interaction
  webhook); every answer carries ``X-RateLimit-Limit``, ``-Remaining``, ``-Reset``,
  ``-Reset-After`` and ``-Bucket``, which is what lets discord.py pace itself;
- over the limit, the answer is 429 with ``retry_after`` in the body, ``Retry-After``,
  ``X-RateLimit-Scope`` (``user`` for a bucket, ``global``) and ``Via`` (without it discord.py
  takes the 429 for a Cloudflare ban);
- the global limit is 50 requests a second for the bot; interaction callbacks and their
  webhooks are not counted in it.

Discord publishes the global limit but not the per-route numbers (they are in the headers). The
table below uses the numbers Discord's headers report for these routes; ``fake.throttled``
records every 429 so a test or bench can count them.
"""

from __future__ import annotations

import collections
import hashlib
import math
import time
from dataclasses import dataclass, field

from sandbox.fake_discord.core import _Core

# (method, path pattern prefix as in the route table) -> (requests, per seconds)
ROUTE_LIMITS: dict[tuple[str, str], tuple[int, float]] = {
    ("POST", "/channels/{cid}/messages"): (5, 5.0),
    ("PUT", "/channels/{cid}/thread-members/{uid}"): (10, 10.0),
    ("DELETE", "/channels/{cid}/thread-members/{uid}"): (10, 10.0),
    ("POST", "/channels/{cid}/threads"): (10, 10.0),
    ("PUT", "/channels/{cid}/permissions/{oid}"): (10, 10.0),
    ("PATCH", "/channels/{cid}"): (5, 5.0),
    ("POST", "/guilds/{gid}/channels"): (5, 5.0),
    ("PUT", "/guilds/{gid}/members/{uid}/roles/{rid}"): (10, 10.0),
    ("DELETE", "/guilds/{gid}/members/{uid}/roles/{rid}"): (10, 10.0),
    ("POST", "/users/@me/channels"): (10, 10.0),
}
DEFAULT_LIMIT = (50, 1.0)  # any other route, per major parameter
GLOBAL_LIMIT = (50, 1.0)  # Discord's documented global limit for a bot
MAJOR = ("cid", "gid", "token")  # what makes two requests to one route different buckets


@dataclass
class RateLimits:
    """The limiter's settings and state (``fake.rate_limits``)."""

    scale: float = 1.0
    route_limits: dict[tuple[str, str], tuple[int, float]] = field(
        default_factory=lambda: dict(ROUTE_LIMITS)
    )
    default_limit: tuple[int, float] = DEFAULT_LIMIT
    global_limit: tuple[int, float] = GLOBAL_LIMIT
    # bucket key -> [count in window, window reset (monotonic)]
    buckets: dict[str, list[float]] = field(default_factory=dict)
    recent: collections.deque[float] = field(default_factory=collections.deque)


@dataclass(frozen=True)
class Throttle:
    """One 429 the stand-in answered."""

    method: str
    path: str
    scope: str  # "user" (a route bucket) or "global"
    retry_after: float


class RateLimitMixin(_Core):
    """Per-route buckets and the global limit.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    def enable_rate_limits(self, *, scale: float = 1.0) -> RateLimits:
        """Start limiting like Discord; ``scale`` multiplies every window (see module doc)."""
        self.rate_limits = RateLimits(scale=scale)
        return self.rate_limits

    def _rate_limit(
        self, method: str, template: str, major: str
    ) -> tuple[dict[str, str], Throttle | None]:
        """Count one request: the headers to answer with, and a Throttle when it is over."""
        limits = self.rate_limits
        if limits is None:
            return {}, None
        now = time.monotonic()
        interaction = template.startswith(("/interactions/", "/webhooks/"))
        if not interaction:
            count, per = limits.global_limit
            window = per * limits.scale
            while limits.recent and limits.recent[0] <= now - window:
                limits.recent.popleft()
            if len(limits.recent) >= count:
                retry = limits.recent[0] + window - now
                return self._throttle_headers(retry, "global"), Throttle(
                    method, template, "global", retry
                )
        count, per = limits.route_limits.get((method, template), limits.default_limit)
        window = per * limits.scale
        bucket_id = hashlib.sha1(f"{method} {template}".encode()).hexdigest()[:16]
        state = limits.buckets.setdefault(f"{bucket_id}:{major}", [0, now + window])
        if now >= state[1]:
            state[0], state[1] = 0, now + window
        # Rounded up to the millisecond: a client that waits exactly this long is on time.
        reset_after = math.ceil(max(state[1] - now, 0.0) * 1000) / 1000
        headers = {
            "X-RateLimit-Limit": str(count),
            "X-RateLimit-Bucket": bucket_id,
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
        }
        if state[0] >= count:
            headers.update(self._throttle_headers(reset_after, "user"))
            headers["X-RateLimit-Remaining"] = "0"
            return headers, Throttle(method, template, "user", reset_after)
        state[0] += 1
        if not interaction:
            limits.recent.append(now)
        headers["X-RateLimit-Remaining"] = str(int(count - state[0]))
        return headers, None

    @staticmethod
    def _throttle_headers(retry_after: float, scope: str) -> dict[str, str]:
        headers = {
            "Retry-After": f"{retry_after:.3f}",
            "Via": "1.1 google",
            "X-RateLimit-Scope": scope,
        }
        if scope == "global":
            headers["X-RateLimit-Global"] = "true"
        return headers
