"""How much the safety screens cost next to discord.py's own work per message.

Usage:
    .venv/bin/python -m bench.bench_screens [--data DIR] [--repeat N]

Prints microseconds per message for:
- the crisis screen over the background chat and the MS messages (and the guideline screen,
  if ``cogs.guidelines.screen`` exists, and both together);
- discord.py parsing a realistic MESSAGE_CREATE payload into a ``discord.Message``;
- the same crisis lexicon matched naively, one compiled regex per phrase;
and the ratios screen/parse (target <= 0.33) and naive/screen (target >= 100).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cogs.crisis.detector import CrisisScreen
from cogs.screening.normalise import normalise

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SCREEN_PARSE_TARGET = 0.33
NAIVE_SCREEN_TARGET = 100.0


def load_texts(data: Path) -> tuple[list[str], list[str]]:
    """Background chat and the MS crisis messages (read at run time, never stored here)."""
    out: list[list[str]] = []
    for name in ("external/background_chat_goemotions.jsonl", "ms_crisis_dev.jsonl"):
        path = data / name
        if not path.exists():
            raise SystemExit(f"{path} not found; pass --data")
        with path.open(encoding="utf-8") as fh:
            out.append([json.loads(line)["text"] for line in fh if line.strip()])
    return out[0], out[1]


def per_item_us(fn: Callable[[Any], object], items: Sequence[Any], repeat: int) -> float:
    """Best-of-``repeat`` microseconds per item for ``fn`` over ``items``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - start)
    return best / len(items) * 1e6


# -- discord.py parsing ------------------------------------------------------------------------


def build_discord_parse(
    texts: Sequence[str],
) -> tuple[Callable[[dict[str, Any]], object], Callable[[dict[str, Any]], object], list]:
    """A minimal ConnectionState with a cached guild and channel, and realistic payloads.

    The payload is what the gateway sends for an ordinary guild message: author, member with
    roles and nick, a mention, flags, components and the rest of the usual keys.
    """
    import discord
    from discord.state import ConnectionState

    state = ConnectionState(
        dispatch=lambda *args, **kwargs: None,
        handlers={},
        hooks={},
        http=None,  # type: ignore[arg-type]  # never used: nothing is sent
        intents=discord.Intents.all(),
        max_messages=1000,
    )
    guild_id, channel_id = "111111111111111111", "222222222222222222"
    roles = [
        {"id": guild_id, "name": "@everyone", "permissions": "1071698660929", "position": 0,
         "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0},
        {"id": "333333333333333333", "name": "Member", "permissions": "0", "position": 1,
         "color": 3447003, "hoist": True, "managed": False, "mentionable": True, "flags": 0},
    ]  # fmt: skip
    channel_payload = {
        "id": channel_id, "type": 0, "guild_id": guild_id, "name": "peer-support",
        "position": 3, "permission_overwrites": [], "nsfw": False, "parent_id": None,
        "topic": "Be kind", "rate_limit_per_user": 0, "last_message_id": None,
    }  # fmt: skip
    guild = discord.Guild(
        data={
            "id": guild_id, "name": "Kindred MS", "roles": roles, "emojis": [], "stickers": [],
            "features": [], "member_count": 250, "owner_id": "444444444444444444",
            "channels": [channel_payload], "members": [], "threads": [], "presences": [],
            "voice_states": [], "premium_tier": 0, "verification_level": 1,
            "default_message_notifications": 1, "explicit_content_filter": 2, "mfa_level": 0,
            "system_channel_flags": 0, "preferred_locale": "en-GB", "nsfw_level": 0,
        },
        state=state,
    )  # fmt: skip
    state._add_guild(guild)
    channel = guild.get_channel(int(channel_id))
    author = {
        "id": "555555555555555555", "username": "sam_w", "global_name": "Sam",
        "discriminator": "0", "avatar": "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", "public_flags": 0,
        "avatar_decoration_data": None, "clan": None,
    }  # fmt: skip
    mention = {
        "id": "666666666666666666", "username": "jo.k", "global_name": "Jo",
        "discriminator": "0", "avatar": None, "public_flags": 0,
        "member": {"roles": ["333333333333333333"], "nick": None, "joined_at":
                   "2024-01-02T10:00:00.000000+00:00", "deaf": False, "mute": False,
                   "flags": 0, "pending": False, "avatar": None, "premium_since": None},
    }  # fmt: skip

    payloads = []
    for n, text in enumerate(texts):
        payloads.append(
            {
                "id": str(1_200_000_000_000_000_000 + n), "channel_id": channel_id,
                "guild_id": guild_id, "author": author,
                "member": {"roles": ["333333333333333333"], "nick": "Sam (RRMS)",
                           "joined_at": "2023-11-05T18:22:11.000000+00:00", "deaf": False,
                           "mute": False, "flags": 0, "pending": False, "avatar": None,
                           "premium_since": None, "communication_disabled_until": None},
                "content": text, "timestamp": "2024-06-01T12:00:00.000000+00:00",
                "edited_timestamp": None, "tts": False, "mention_everyone": False,
                "mentions": [mention] if n % 5 == 0 else [], "mention_roles": [],
                "attachments": [], "embeds": [], "pinned": False, "type": 0, "flags": 0,
                "components": [], "nonce": str(9_000_000 + n),
            }
        )  # fmt: skip

    def parse(payload: dict[str, Any]) -> object:
        return discord.Message(state=state, channel=channel, data=payload)  # type: ignore[arg-type]

    def gateway(payload: dict[str, Any]) -> object:
        # What the gateway handler does per MESSAGE_CREATE: find the channel, build the
        # Message, cache it, dispatch (a no-op here).
        return state.parse_message_create(payload)

    return parse, gateway, payloads


# -- naive baseline ----------------------------------------------------------------------------


def build_naive(screen: CrisisScreen) -> Callable[[str], object]:
    """The same signal phrases as one compiled regex each, tried one after another."""
    patterns = []
    for sig in screen.lexicon.signals:
        for phrase in sig.phrases:
            body = normalise(phrase.rstrip("*"))
            tail = r"\w*" if phrase.endswith("*") else r"\b"
            patterns.append(re.compile(r"\b" + re.escape(body) + tail))

    def naive(text: str) -> object:
        norm = normalise(text)
        return [p for p in patterns if p.search(norm)]

    return naive


def load_guideline_screen() -> Any | None:
    """The guideline screen, when another engineer has shipped it."""
    try:
        from cogs.guidelines.screen import GuidelineScreen  # type: ignore[import-not-found]
    except ImportError:
        return None
    return GuidelineScreen.load_default()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry; prints the numbers and returns 0 (1 if a target is missed)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--naive-sample", type=int, default=300, help="messages for the naive run")
    args = parser.parse_args(argv)

    background, ms = load_texts(args.data)
    texts = background + ms
    screen = CrisisScreen.load_default()
    print(
        f"messages: {len(background)} background + {len(ms)} MS, "
        f"mean length {sum(map(len, texts)) / len(texts):.0f} chars"
    )
    chat_us = per_item_us(screen.screen, background, args.repeat)
    ms_us = per_item_us(screen.screen, ms, args.repeat)
    crisis_us = per_item_us(screen.screen, texts, args.repeat)
    print(f"crisis screen, ordinary chat{chat_us:8.2f} us/message  (background file)")
    print(f"crisis screen, MS messages  {ms_us:8.2f} us/message  (most hold crisis language)")
    print(f"crisis screen, both         {crisis_us:8.2f} us/message")
    normalise_us = per_item_us(normalise, texts, args.repeat)
    print(f"normalise() alone           {normalise_us:8.2f} us/message  (skipped by the pre-check)")

    total_us = chat_us
    guideline = load_guideline_screen()
    if guideline is not None:
        guide_us = per_item_us(lambda t: guideline.screen(t, None), background, args.repeat)
        both_us = per_item_us(
            lambda t: (screen.screen(t), guideline.screen(t, None)), background, args.repeat
        )
        print(f"guideline screen, chat      {guide_us:8.2f} us/message")
        print(f"both screens, chat          {both_us:8.2f} us/message")
    else:
        print("guideline screen            (cogs.guidelines.screen not found; skipped)")

    parse, gateway, payloads = build_discord_parse(texts)
    parse_us = per_item_us(parse, payloads, args.repeat)
    gateway_us = per_item_us(gateway, payloads, args.repeat)
    print(f"discord.py Message(...)     {parse_us:8.2f} us/message  (ratios use this)")
    print(f"discord.py MESSAGE_CREATE   {gateway_us:8.2f} us/message  (parse_message_create)")

    naive = build_naive(screen)
    sample = texts[: args.naive_sample]
    naive_us = per_item_us(naive, sample, max(1, args.repeat // 2))
    screen_sample_us = per_item_us(screen.screen, sample, args.repeat)
    print(f"naive regex per phrase      {naive_us:8.2f} us/message  ({len(sample)} messages)")

    # The target is about ordinary chat, which is nearly all traffic; the mixed figure (the MS
    # file is mostly crisis messages, which take the full path) is printed for reference.
    ratio_parse = total_us / parse_us
    ratio_naive = naive_us / screen_sample_us
    ok_parse = ratio_parse <= SCREEN_PARSE_TARGET
    ok_naive = ratio_naive >= NAIVE_SCREEN_TARGET
    print(
        f"\ncrisis/parse   {ratio_parse:8.3f}  (ordinary chat; target <= {SCREEN_PARSE_TARGET}) "
        f"{'ok' if ok_parse else 'MISS'}"
    )
    print(f"crisis/parse   {crisis_us / parse_us:8.3f}  (background + MS mixed)")
    if guideline is not None:
        print(f"both/parse     {both_us / parse_us:8.3f}  (crisis + guideline, ordinary chat)")
    print(
        f"naive/screen   {ratio_naive:8.1f}  (target >= {NAIVE_SCREEN_TARGET:.0f}) "
        f"{'ok' if ok_naive else 'MISS'}"
    )
    return 0 if ok_parse and ok_naive else 1


if __name__ == "__main__":
    sys.exit(main())
