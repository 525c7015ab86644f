"""One way to send what the lanes send outside an interaction: DMs, staff posts, private threads.

Every DM, staff-channel post and fallback thread goes through ``Messenger``, with one retry
policy and one result type:

- each attempt has its own short timeout (``KINDRED_DELIVERY_TIMEOUT``), so a request Discord
  never answers becomes a retry, never a wait;
- transient failures (5xx, a dropped connection, a timeout) are retried after
  ``retry_delays``; a refusal (403: DMs closed, no access; 404: gone) is not retried;
- the result says ``sent`` (with the message), ``closed`` (refused) or ``failed`` (every retry
  failed), and logs carry ids, never text.

Safety paths read the result and fall back (the crisis lane's chain ends at a person); other
lanes may treat a delivery as best effort, but they get the same bounded, retried attempt.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import aiohttp
import discord

from cogs.utils.shards import ShardPlan, pacing_share

log = logging.getLogger(__name__)
T = TypeVar("T")

Status = Literal["sent", "closed", "failed"]

# Set while a request belongs to the crisis lane: the ``Pacer`` lets it go out at once instead
# of queueing it behind bulk work (a cohort start's 2,000 requests would hold it ~50 s).
URGENT: contextvars.ContextVar[bool] = contextvars.ContextVar("kindred_urgent", default=False)


class DeliveryFailed(Exception):
    """A message could not be delivered after every retry."""


@dataclass(frozen=True)
class Delivery:
    """What happened to one message: sent (with the message), closed (refused) or failed."""

    status: Status
    message: Any = None
    error: str | None = None

    @property
    def sent(self) -> bool:
        """True when the message went out."""
        return self.status == "sent"


class Messenger:
    """Sends DMs, channel posts and private threads with one bounded retry policy."""

    def __init__(
        self,
        client: discord.Client,
        *,
        timeout: float = 5.0,
        retry_delays: Sequence[float] = (0.5, 2.0, 5.0),
        urgent: bool = False,
    ) -> None:
        self.client = client
        self.timeout = timeout
        self.retry_delays = tuple(retry_delays)
        self.urgent = urgent

    def as_urgent(self) -> Messenger:
        """The same policy for the crisis lane, whose requests skip the ``Pacer``'s queue."""
        return Messenger(
            self.client, timeout=self.timeout, retry_delays=self.retry_delays, urgent=True
        )

    async def attempt(self, send: Callable[[], Awaitable[T]]) -> T:
        """Call ``send`` with a timeout per try and retries for transient failures.

        Raises a refusal (403, 404, other 4xx: retrying cannot help) at once, and
        ``DeliveryFailed`` when every try failed (5xx, a dropped connection) or timed out.
        A 429 discord.py gave up on is retried here.
        """
        last: BaseException | None = None
        for attempt, pause in enumerate((0.0, *self.retry_delays)):
            if pause:
                await asyncio.sleep(pause)
            marked = URGENT.set(True) if self.urgent else None
            try:
                return await asyncio.wait_for(send(), self.timeout)
            except discord.HTTPException as exc:
                if exc.status < 500 and exc.status != 429:
                    raise  # a refusal (403, 404, 400) fails the same way every time
                last = exc
                log.warning("delivery attempt %d failed: %s", attempt + 1, exc.status)
            except TimeoutError as exc:
                last = exc
                self._release_global_limit()
                log.warning("delivery attempt %d timed out", attempt + 1)
            except (aiohttp.ClientError, OSError) as exc:
                last = exc
                log.warning("delivery attempt %d failed: %s", attempt + 1, type(exc).__name__)
            finally:
                if marked is not None:
                    URGENT.reset(marked)
        raise DeliveryFailed(type(last).__name__ if last else "no attempt")

    def _release_global_limit(self) -> None:
        """Undo what cancelling discord.py mid-way through a global 429 leaves behind.

        discord.py 2.x clears its "global rate limit is over" event, sleeps ``retry_after``,
        then sets it again, with no ``finally``: a timeout that cancels the sleep leaves the
        event cleared, and every later REST call of the process waits on it for ever (seen
        in ``bench_crisis_delivery`` scenario h2: nobody reached until a restart). Setting it
        again at worst costs one more 429, which discord.py waits out by itself.
        """
        event = getattr(getattr(self.client, "http", None), "_global_over", None)
        if isinstance(event, asyncio.Event) and not event.is_set():
            log.warning("a timed-out attempt left discord.py's global rate limit held; released")
            event.set()

    async def call(self, send: Callable[[], Awaitable[T]]) -> Delivery:
        """Run one Discord call through the policy and say how it went (never raises)."""
        try:
            result = await self.attempt(send)
        except discord.HTTPException as exc:
            return _refused(exc)
        except DeliveryFailed as exc:
            return Delivery("failed", error=str(exc))
        return Delivery("sent", message=result)

    async def in_thread(self, thread: discord.Thread, send: Callable[[], Awaitable[T]]) -> Delivery:
        """``call`` for a change to a thread's members, reopening the thread if it is archived.

        Discord archives a thread once it has been idle for its auto-archive duration (a
        check-in thread after a quiet week), and an archived thread refuses new and departing
        members. The cache may not know yet, so a refusal for that reason also reopens it.
        """
        if thread.archived:
            await self.call(lambda: thread.edit(archived=False))
        try:
            return Delivery("sent", message=await self.attempt(send))
        except discord.HTTPException as exc:
            if exc.code != THREAD_ARCHIVED:
                return _refused(exc)
        except DeliveryFailed as exc:
            return Delivery("failed", error=str(exc))
        reopened = await self.call(lambda: thread.edit(archived=False))
        if not reopened.sent:
            return reopened
        return await self.call(send)

    async def user(self, user_id: int) -> discord.abc.User | None:
        """A user from the cache, else fetched (within the policy); None when unknown."""
        cached = self.client.get_user(user_id)
        if cached is not None:
            return cached
        found = await self.call(lambda: self.client.fetch_user(user_id))
        return found.message if found.sent else None

    async def dm(
        self,
        user: discord.abc.User | int,
        text: str,
        *,
        view: discord.ui.View | None = None,
        embed: discord.Embed | None = None,
    ) -> Delivery:
        """DM a user (a user object or an id)."""
        target: Any = await self.user(user) if isinstance(user, int) else user
        if target is None:
            return Delivery("failed", error="unknown user")
        kwargs: dict[str, Any] = {}
        if view is not None:
            kwargs["view"] = view
        if embed is not None:
            kwargs["embed"] = embed
        result = await self.call(lambda: target.send(text[:2000], **kwargs))
        if not result.sent:
            log.info("DM to user %s not delivered: %s (%s)", target.id, result.status, result.error)
        return result

    async def post(
        self,
        channel: discord.abc.Messageable,
        text: str,
        *,
        embed: discord.Embed | None = None,
        view: discord.ui.View | None = None,
        mentions: discord.AllowedMentions | None = None,
    ) -> Delivery:
        """Post in a channel; nobody is pinged unless ``mentions`` says so."""
        kwargs: dict[str, Any] = {
            "allowed_mentions": mentions or discord.AllowedMentions.none(),
        }
        if embed is not None:
            kwargs["embed"] = embed
        if view is not None:
            kwargs["view"] = view
        result = await self.call(lambda: channel.send(text[:2000], **kwargs))
        if not result.sent:
            log.warning(
                "post in channel %s not delivered: %s (%s)",
                getattr(channel, "id", None),
                result.status,
                result.error,
            )
        return result

    async def private_thread(
        self,
        parent: discord.TextChannel,
        member: discord.abc.User,
        name: str,
        text: str,
        *,
        reason: str | None = None,
    ) -> Delivery:
        """Open a private thread under ``parent``, add ``member`` and post ``text`` (pinging them)."""
        made = await self.call(
            lambda: parent.create_thread(
                name=name,
                type=discord.ChannelType.private_thread,
                invitable=False,
                reason=reason,
            )
        )
        if not made.sent:
            return made
        thread: discord.Thread = made.message
        added = await self.call(lambda: thread.add_user(member))
        if not added.sent:
            return added
        return await self.post(thread, text, mentions=discord.AllowedMentions(users=[member]))

    async def edit(self, message: Any, **fields: Any) -> Delivery:
        """Edit a message we posted (an alert's status), within the same policy."""
        return await self.call(lambda: message.edit(**fields))


class Pacer:
    """Keeps Kindred's own REST requests under Discord's global limit (50 a second).

    discord.py paces each route by the ``X-RateLimit-*`` headers, but nothing paces the sum:
    a bulk job (reminders in 20 group channels, 100 check-in threads, syncing every channel
    of a cohort) made one request after another at loopback speed and met the global limit
    as a storm of 429s. A token bucket: ``per_second`` on average, at most ``burst`` at once,
    so any second holds at most ``per_second + burst`` requests (a ``burst`` below one makes
    a request after a quiet spell wait for the rest of its token). At 40 and 5 that is 45, which
    leaves Discord's 50 room for crisis requests (``take``) and for requests that reach Discord
    a little bunched up after a pause of the event loop.
    """

    def __init__(self, per_second: float = 40.0, *, burst: float = 5.0) -> None:
        self.per_second = per_second
        self.burst = burst
        self._tokens = float(burst)
        self._last = time.monotonic()
        self._lock = asyncio.Lock()
        self.waited = 0.0  # seconds spent waiting, for benchmarks and logs

    async def wait(self) -> None:
        """Return when one more request may go out."""
        async with self._lock:
            now = time.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.per_second)
            self._last = now
            if self._tokens >= 1:
                self._tokens -= 1
                return
            delay = (1 - self._tokens) / self.per_second
            self.waited += delay
            await asyncio.sleep(delay)
            self._tokens, self._last = 0.0, time.monotonic()

    def take(self) -> None:
        """Count an urgent request that goes out now, ahead of the queue: the bulk work
        behind it waits a little longer. Discord's limit is 50 a second and the pacer's 40,
        so the few crisis requests fit in the gap."""
        now = time.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.per_second) - 1
        self._last = now


def pace_requests(
    client: discord.Client,
    per_second: float = 40.0,
    *,
    burst: float = 5.0,
    shards: ShardPlan | None = None,
) -> Pacer:
    """Make every REST request of ``client`` wait its turn on one ``Pacer``.

    Discord's global limit is per bot, across every process: with ``shards`` (this process's
    ``KINDRED_SHARDS``) the rate and the burst are this process's share of them, the shards it
    holds over all shards (``pacing_share``), so the processes together pace at ``per_second``
    and ``burst`` however the shards are spread. Crisis requests (``URGENT``) still go at once.

    Interaction callbacks and follow-ups are not counted in Discord's global limit and go
    through another path in discord.py (the webhook adapter), so answers are never delayed.
    """
    share = pacing_share(shards)
    pacer = Pacer(per_second * share, burst=burst * share)
    if shards is None or shards.is_whole:
        log.info("pacing at %.3g/s: every shard", pacer.per_second)
    else:
        log.info(
            "pacing at %.3g/s: %d of %d shards", pacer.per_second, len(shards.ids), shards.count
        )
    http = client.http
    original = http.request

    async def request(route: discord.http.Route, **kwargs: Any) -> Any:
        if URGENT.get():
            pacer.take()
        elif not route.path.startswith(("/interactions/", "/webhooks/")):
            await pacer.wait()
        return await original(route, **kwargs)

    http.request = request  # type: ignore[method-assign]
    return pacer


THREAD_ARCHIVED = 50083  # Discord's error code for a change an archived thread refuses


def _refused(exc: discord.HTTPException) -> Delivery:
    """A Discord error as a delivery: closed when refused for good (403, 404), else failed."""
    if isinstance(exc, (discord.Forbidden, discord.NotFound)):
        return Delivery("closed", error=f"{exc.status} {type(exc).__name__}")
    return Delivery("failed", error=f"{exc.status} {type(exc).__name__}")  # e.g. a 400


def messenger_of(client: discord.Client) -> Messenger:
    """The bot's one ``Messenger`` (a plain one for a client built without it, e.g. in tests)."""
    found = getattr(client, "messenger", None)
    return found if isinstance(found, Messenger) else Messenger(client)


async def dm_user(
    client: discord.Client, user_id: int, text: str, *, view: discord.ui.View | None = None
) -> bool:
    """DM a user through the bot's ``Messenger``; False when it did not go out."""
    return (await messenger_of(client).dm(user_id, text, view=view)).sent


def staff_channel_by_id(
    client: discord.Client, guild_id: int, channel_id: int | None
) -> discord.abc.Messageable | None:
    """The staff channel to post in, or None when the server has none set.

    From the cache when this process holds the server; otherwise (with shards, another process
    holds it, as when a member presses a button in their DMs, which Discord sends to shard 0)
    by id over REST, which needs no cache.
    """
    if not channel_id:
        return None
    guild = client.get_guild(guild_id)
    if guild is not None:
        channel = guild.get_channel(channel_id)
        return channel if isinstance(channel, discord.TextChannel) else None
    return client.get_partial_messageable(
        channel_id, guild_id=guild_id, type=discord.ChannelType.text
    )


async def tell_staff(
    client: discord.Client, guild_settings: Any, guild: discord.Guild, text: str
) -> bool:
    """Post a notice in the server's staff channel without pinging anyone; False if not sent."""
    settings = await guild_settings.get(guild.id)
    channel = guild.get_channel(settings.staff_channel_id or 0)
    if not isinstance(channel, discord.TextChannel):
        log.warning("guild %s: no staff channel for a notice", guild.id)
        return False
    return (await messenger_of(client).post(channel, text)).sent
