"""The one delivery policy: which failures are retried, and what a timeout leaves behind."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import discord

from cogs.utils.delivery import Messenger, staff_channel_by_id


def _http(status: int) -> discord.HTTPException:
    response = SimpleNamespace(status=status, reason="test")
    kind = {403: discord.Forbidden, 404: discord.NotFound}.get(status, discord.HTTPException)
    return kind(response, "refused")  # type: ignore[arg-type]


def _messenger(client: object = None, timeout: float = 1.0) -> Messenger:
    return Messenger(client or SimpleNamespace(), timeout=timeout, retry_delays=(0.0, 0.0, 0.0))


class Failing:
    """A send that fails with ``errors`` in turn, then succeeds; counts its calls."""

    def __init__(self, *errors: BaseException) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "sent"


async def test_server_errors_and_given_up_429s_are_retried() -> None:
    send = Failing(_http(503), _http(429), _http(502))
    result = await _messenger().call(send)
    assert result.status == "sent"
    assert send.calls == 4


async def test_a_refusal_is_not_retried() -> None:
    for status, expected in ((403, "closed"), (404, "closed"), (400, "failed")):
        send = Failing(_http(status), _http(status))
        result = await _messenger().call(send)
        assert result.status == expected
        assert send.calls == 1


async def test_every_attempt_failing_is_reported_not_raised() -> None:
    send = Failing(*(_http(503) for _ in range(4)))
    result = await _messenger().call(send)
    assert result.status == "failed"
    assert send.calls == 4


async def test_a_timed_out_attempt_releases_discord_py_global_rate_limit() -> None:
    held = asyncio.Event()  # discord.py clears it during a global 429, then sleeps
    client = SimpleNamespace(http=SimpleNamespace(_global_over=held))
    hang = asyncio.Event()

    async def send() -> None:
        await hang.wait()  # never answered: each attempt times out

    result = await _messenger(client, timeout=0.01).call(send)
    assert result.status == "failed"
    assert held.is_set()  # later requests are not left waiting for ever


async def test_an_urgent_request_does_not_queue_behind_paced_bulk_work() -> None:
    from types import SimpleNamespace

    from cogs.utils.delivery import Messenger, pace_requests

    sent: list[str] = []

    async def request(route: object, **kwargs: object) -> str:
        sent.append(str(getattr(route, "path", route)))
        return "ok"

    client = SimpleNamespace(http=SimpleNamespace(request=request))
    pacer = pace_requests(client, per_second=0.01)  # one request per 100 s: bulk work waits
    pacer._tokens = 0.0

    def route(path: str) -> object:
        return SimpleNamespace(path=path)

    bulk = [asyncio.create_task(client.http.request(route(f"/bulk/{n}"))) for n in range(3)]
    await asyncio.sleep(0)  # the bulk requests are now waiting their turn
    urgent = Messenger(client, timeout=1.0, urgent=True)  # type: ignore[arg-type]
    result = await urgent.call(lambda: client.http.request(route("/crisis")))
    for task in bulk:
        task.cancel()
    assert result.sent
    assert sent == ["/crisis"]  # out at once, while the bulk work still waits its turn


class _Client:
    """Just enough of a client: the servers this process holds, and partial channels by id."""

    def __init__(self, guilds: dict[int, object]) -> None:
        self.guilds = guilds
        self.partial: list[tuple[int, int | None]] = []

    def get_guild(self, guild_id: int) -> object | None:
        return self.guilds.get(guild_id)

    def get_partial_messageable(
        self, channel_id: int, *, guild_id: int | None = None, type: object = None
    ) -> str:
        self.partial.append((channel_id, guild_id))
        return f"partial:{channel_id}"


def test_a_staff_channel_of_a_server_another_process_holds_is_reached_by_id() -> None:
    client = _Client({})
    channel = staff_channel_by_id(client, 7, 99)  # type: ignore[arg-type]
    assert channel == "partial:99"
    assert client.partial == [(99, 7)]
    assert staff_channel_by_id(client, 7, None) is None  # type: ignore[arg-type]


def test_a_staff_channel_of_a_held_server_comes_from_the_cache() -> None:
    text_channel = discord.TextChannel.__new__(discord.TextChannel)
    guild = SimpleNamespace(get_channel=lambda cid: text_channel if cid == 99 else None)
    client = _Client({7: guild})
    assert staff_channel_by_id(client, 7, 99) is text_channel  # type: ignore[arg-type]
    assert staff_channel_by_id(client, 7, 98) is None  # type: ignore[arg-type]
    assert client.partial == []
