"""The one delivery policy: which failures are retried, and what a timeout leaves behind."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import discord

from cogs.utils.delivery import Messenger


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
