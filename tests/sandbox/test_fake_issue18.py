"""The stand-in's Discord behaviours from issue 18: rate limits, clockwork, deadlines, caps."""

from __future__ import annotations

import asyncio
import datetime as dt

import aiohttp

from cogs.utils.delivery import pace_requests
from sandbox.driver import Driver
from sandbox.fake_discord import FakeDiscord

from .conftest import World


async def test_route_buckets_answer_with_headers_and_discord_py_paces_itself(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    fake.enable_rate_limits(scale=0.02)  # 5 messages per 100 ms in one channel
    channel = driver.bot.get_channel(world.general.id)
    for i in range(12):
        await channel.send(f"message {i}")
    sent = fake.requests_to("POST", rf"/channels/{world.general.id}/messages")
    assert len(sent) >= 12
    assert fake.throttled == []  # one after another, discord.py read the headers and waited
    assert len(fake.messages_in(world.general.id)) == 12


async def test_a_sixth_message_within_five_seconds_gets_a_429_with_discords_headers(
    fake: FakeDiscord, world: World
) -> None:
    """Straight over HTTP, as a client that ignores the headers would."""
    fake.enable_rate_limits()
    url = f"{fake.api_base}/channels/{world.general.id}/messages"
    answers = []
    async with aiohttp.ClientSession() as http:
        for i in range(6):
            async with http.post(url, json={"content": f"m {i}"}) as resp:
                answers.append((resp.status, dict(resp.headers), await resp.json()))
    assert [status for status, _, _ in answers] == [200] * 5 + [429]
    first, last = answers[0][1], answers[-1]
    assert first["X-RateLimit-Limit"] == "5"
    assert first["X-RateLimit-Remaining"] == "4"
    assert float(first["X-RateLimit-Reset-After"]) <= 5.0
    assert first["X-RateLimit-Bucket"]
    assert last[1]["X-RateLimit-Scope"] == "user"
    assert last[1]["Via"]
    assert 0 < last[2]["retry_after"] <= 5.0
    assert last[2]["global"] is False
    assert len(fake.throttled) == 1


async def test_the_global_limit_is_fifty_a_second_across_routes(
    fake: FakeDiscord, world: World
) -> None:
    """Straight over HTTP: the 51st request in the window is refused, whatever its route.

    (Through discord.py a burst of 120 at once is retried by the library, which gives up after
    five tries when the machine is slow; that made this test flaky, and the pacer test below
    covers the client side.)
    """
    limits = fake.enable_rate_limits(scale=10.0)  # 50 requests per 10 s: no window ends mid-test
    limits.route_limits.clear()  # only the global limit bites
    limits.default_limit = (10_000, 1.0)
    urls = [
        f"{fake.api_base}/channels/{channel}/messages"
        for channel in (world.general.id, world.staff.id)
    ]
    statuses: list[int] = []
    async with aiohttp.ClientSession() as http:
        for i in range(54):
            async with http.post(urls[i % 2], json={"content": f"g {i}"}) as resp:
                statuses.append(resp.status)
                if resp.status == 429:
                    body = await resp.json()
                    assert body["global"] is True
                    assert 0 < body["retry_after"] <= 10.0
                    assert resp.headers["X-RateLimit-Scope"] == "global"
    assert statuses == [200] * 50 + [429] * 4
    assert [t.scope for t in fake.throttled] == ["global"] * 4
    assert len(fake.messages_in(world.general.id)) + len(fake.messages_in(world.staff.id)) == 50


async def test_kindreds_pacer_keeps_a_burst_under_the_global_limit(
    driver: Driver, fake: FakeDiscord, world: World
) -> None:
    # 50 requests per 500 ms: windows long enough that a pause of a loaded machine's event loop
    # (requests reaching the stand-in bunched up) is small beside them.
    limits = fake.enable_rate_limits(scale=0.5)
    limits.route_limits.clear()
    limits.default_limit = (10_000, 1.0)
    pacer = pace_requests(driver.bot, 80.0)  # Kindred's 40 a second (and burst 5), same scale
    channel = driver.bot.get_channel(world.general.id)
    await asyncio.gather(*(channel.send(f"p {i}") for i in range(100)))
    assert len(fake.messages_in(world.general.id)) == 100
    assert fake.throttled == []
    assert pacer.waited > 0


def _commands(prefix: str, count: int, ctype: int = 1) -> list[dict[str, object]]:
    if ctype == 1:
        return [{"name": f"{prefix}{i}", "description": "d", "type": 1} for i in range(count)]
    return [{"name": f"{prefix} {i}", "type": ctype} for i in range(count)]


async def _put(fake: FakeDiscord, body: list[dict[str, object]], gid: int) -> tuple[int, dict]:
    url = f"{fake.api_base}/applications/{fake.application_id}/guilds/{gid}/commands"
    async with aiohttp.ClientSession() as http, http.put(url, json=body) as resp:
        return resp.status, await resp.json()


async def test_command_caps_are_per_type_per_scope(fake: FakeDiscord, world: World) -> None:
    gid = world.guild.id
    full = _commands("s", 100) + _commands("User", 15, 2) + _commands("Msg", 15, 3)
    assert (await _put(fake, full, gid))[0] == 200
    for over in (_commands("s", 101), _commands("User", 16, 2), _commands("Msg", 16, 3)):
        status, data = await _put(fake, over, gid)
        assert (status, data["code"]) == (400, 30032)


async def test_two_hundred_command_creates_a_day_per_scope(fake: FakeDiscord, world: World) -> None:
    gid = world.guild.id
    now = dt.datetime(2026, 10, 5, 13, 0, tzinfo=dt.UTC)
    fake.now = lambda: now
    assert (await _put(fake, _commands("a", 100), gid))[0] == 200
    assert (await _put(fake, _commands("b", 100), gid))[0] == 200
    assert (await _put(fake, _commands("a", 100), gid))[0] == 200  # no new ones: no creates
    status, data = await _put(fake, _commands("c", 1), gid)
    assert (status, data["code"]) == (400, 30034)
    now += dt.timedelta(days=1, seconds=1)
    assert (await _put(fake, _commands("c", 1), gid))[0] == 200


# --- documented limits the stand-in did not enforce before (sandbox/LIMITS.md) ----------------


async def _call(fake: FakeDiscord, method: str, path: str, **kwargs: object) -> tuple[int, dict]:
    async with (
        aiohttp.ClientSession() as http,
        http.request(method, fake.api_base + path, **kwargs) as resp,  # type: ignore[arg-type]
    ):
        return resp.status, (await resp.json() if resp.status != 204 else {})


async def test_at_most_ten_files_a_message(fake: FakeDiscord, world: World) -> None:
    form = aiohttp.FormData()
    form.add_field("payload_json", '{"content": "files"}', content_type="application/json")
    for i in range(11):
        form.add_field(f"files[{i}]", b"x", filename=f"f{i}.txt")
    status, data = await _call(fake, "POST", f"/channels/{world.general.id}/messages", data=form)
    assert (status, data["code"]) == (400, 50035)


async def test_a_nickname_is_at_most_32_characters(fake: FakeDiscord, world: World) -> None:
    path = f"/guilds/{world.guild.id}/members/{fake.bot_user_id}"
    assert (await _call(fake, "PATCH", path, json={"nick": "k" * 33}))[0] == 400
    assert (await _call(fake, "PATCH", path, json={"nick": "k" * 32}))[0] == 200


async def test_a_topic_is_at_most_1024_characters(fake: FakeDiscord, world: World) -> None:
    body = {"name": "topical", "topic": "t" * 1025}
    assert (await _call(fake, "POST", f"/guilds/{world.guild.id}/channels", json=body))[0] == 400
    edit = {"topic": "t" * 1025}
    assert (await _call(fake, "PATCH", f"/channels/{world.general.id}", json=edit))[0] == 400


async def test_five_hundred_channels_a_guild(fake: FakeDiscord, world: World) -> None:
    while len(fake.channels_in(world.guild.id)) < 500:
        fake.add_channel(world.guild.id, "filler")
    body = {"name": "one-more"}
    status, data = await _call(fake, "POST", f"/guilds/{world.guild.id}/channels", json=body)
    assert (status, data["code"]) == (400, 30013)


async def test_a_thread_idles_60_1440_4320_or_10080_minutes(
    fake: FakeDiscord, world: World
) -> None:
    path = f"/channels/{world.general.id}/threads"
    body = {"name": "t", "type": 11, "auto_archive_duration": 99}
    assert (await _call(fake, "POST", path, json=body))[0] == 400
    body["auto_archive_duration"] = 4320
    assert (await _call(fake, "POST", path, json=body))[0] == 200


async def test_a_thousand_active_threads_a_guild(fake: FakeDiscord, world: World) -> None:
    for i in range(1000):
        fake.add_thread(world.general.id, f"t{i}")
    path = f"/channels/{world.general.id}/threads"
    status, data = await _call(fake, "POST", path, json={"name": "one more", "type": 11})
    assert (status, data["code"]) == (400, 160006)


# --- interaction deadlines ---------------------------------------------------------------------


async def test_three_seconds_to_answer_and_fifteen_minutes_for_the_token(
    fake: FakeDiscord, world: World
) -> None:
    now = dt.datetime(2026, 10, 5, 13, 0, tzinfo=dt.UTC)
    fake.now = lambda: now
    late = fake.new_interaction(2, world.alice.id, world.general.id, {"name": "x", "type": 1})
    now += dt.timedelta(seconds=3, milliseconds=1)
    status, data = await _call(
        fake, "POST", f"/interactions/{late.id}/{late.token}/callback", json={"type": 5}
    )
    assert (status, data["code"]) == (404, 10062)

    rec = fake.new_interaction(2, world.alice.id, world.general.id, {"name": "x", "type": 1})
    assert (
        await _call(fake, "POST", f"/interactions/{rec.id}/{rec.token}/callback", json={"type": 5})
    )[0] in (200, 204)
    hook = f"/webhooks/{fake.application_id}/{rec.token}"
    now += dt.timedelta(minutes=14)
    assert (await _call(fake, "POST", hook, json={"content": "in time"}))[0] == 200
    now += dt.timedelta(minutes=1, seconds=1)
    status, data = await _call(fake, "POST", hook, json={"content": "too late"})
    assert (status, data["code"]) == (401, 50027)
