"""How much the safety screens cost next to discord.py's own work per message.

Usage:
    .venv/bin/python -m bench.bench_screens [--data DIR] [--repeat N] [--naive-sample N]

Measures, in one run, on two message sets:
- ``chat``: the background chat file (ordinary messages, nearly all real traffic);
- ``mixed``: that chat plus the MS crisis and guideline development messages (most of those
  hold crisis language or a guideline breach, so they take the slow paths);

microseconds per message for the crisis screen, the guideline screen, both together, and the
whole rule pass of the one message listener (both screens plus ``pipeline.route``, the decision
the lanes act on), and for discord.py parsing a realistic MESSAGE_CREATE payload into a ``discord.Message`` (and, for
reference, with the JSON decode of the gateway frame that discord.py does first); and the
same phrases (crisis signals and guideline triggers) matched naively, one compiled regex per
phrase after ``normalise``. It prints the ratios both/parse (target <= 0.33) and naive/both
(target >= 100), and exits 1 if a target is missed on ordinary chat.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from cogs.crisis.detector import CrisisScreen
from cogs.guidelines.screen import GuidelineScreen
from cogs.screening.gate import share_gate
from cogs.screening.language import looks_english
from cogs.screening.normalise import normalise
from cogs.screening.pipeline import Incoming, route

if TYPE_CHECKING:
    from discord.types.gateway import MessageCreateEvent
    from discord.types.guild import Guild as GuildPayload
    from discord.types.message import Message as MessagePayload

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BOTH_PARSE_TARGET = 0.33
NAIVE_BOTH_TARGET = 100.0


def load_texts(data: Path) -> dict[str, list[str]]:
    """Background chat and the MS messages (read at run time, never stored here)."""
    out: dict[str, list[str]] = {}
    for key, name in (
        ("chat", "external/background_chat_goemotions.jsonl"),
        ("ms_crisis", "ms_crisis_dev.jsonl"),
        ("ms_guidelines", "ms_guidelines_dev.jsonl"),
    ):
        path = data / name
        if not path.exists():
            raise SystemExit(f"{path} not found; pass --data")
        with path.open(encoding="utf-8") as fh:
            out[key] = [json.loads(line)["text"] for line in fh if line.strip()]
    return out


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
) -> tuple[
    Callable[[dict[str, Any]], object], Callable[[dict[str, Any]], object], list[dict[str, Any]]
]:
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
    # Raw gateway JSON (R8): the keys this guild needs, not every key discord.py's TypedDict lists.
    guild = discord.Guild(
        data=cast("GuildPayload", {
            "id": guild_id, "name": "Kindred MS", "roles": roles, "emojis": [], "stickers": [],
            "features": [], "member_count": 250, "owner_id": "444444444444444444",
            "channels": [channel_payload], "members": [], "threads": [], "presences": [],
            "voice_states": [], "premium_tier": 0, "verification_level": 1,
            "default_message_notifications": 1, "explicit_content_filter": 2, "mfa_level": 0,
            "system_channel_flags": 0, "preferred_locale": "en-GB", "nsfw_level": 0,
        }),
        state=state,
    )  # fmt: skip
    state._add_guild(guild)
    channel = guild.get_channel(int(channel_id))
    assert isinstance(channel, discord.TextChannel)
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
        return discord.Message(state=state, channel=channel, data=cast("MessagePayload", payload))

    def gateway(payload: dict[str, Any]) -> None:
        # What the gateway handler does per MESSAGE_CREATE: find the channel, build the
        # Message, cache it, dispatch (a no-op here).
        state.parse_message_create(cast("MessageCreateEvent", payload))

    return parse, gateway, payloads


def frames_of(payloads: list[dict[str, Any]]) -> list[str]:
    """The gateway frames (JSON text) that carry ``payloads``, as Discord sends them."""
    return [
        json.dumps({"op": 0, "t": "MESSAGE_CREATE", "s": n, "d": payload}, separators=(",", ":"))
        for n, payload in enumerate(payloads, 1)
    ]


def build_frame_parse(gateway: Callable[[dict[str, Any]], object]) -> Callable[[str], object]:
    """discord.py's work from a frame's JSON text to the Message: decode, then parse."""
    from discord import utils

    def frame(raw: str) -> object:
        return gateway(utils._from_json(raw)["d"])

    return frame


# -- naive baseline ----------------------------------------------------------------------------


def build_naive(crisis: CrisisScreen, guidelines: GuidelineScreen) -> Callable[[str], object]:
    """The crisis signals and guideline triggers as one compiled regex each, tried in turn."""
    phrases = [p for sig in crisis.lexicon.signals for p in sig.phrases]
    phrases += [p for rule in guidelines.ruleset.active_rules for p in rule.phrases]
    patterns = []
    for phrase in phrases:
        body = normalise(phrase.rstrip("*"))
        tail = r"\w*" if phrase.endswith("*") else r"\b"
        patterns.append(re.compile(r"\b" + re.escape(body) + tail))

    def naive(text: str) -> object:
        norm = normalise(text)
        return [p for p in patterns if p.search(norm)]

    return naive


def sample(items: Sequence[str], size: int) -> list[str]:
    """``size`` items spread evenly over ``items``."""
    step = max(1, len(items) // size)
    return list(items[::step][:size])


def main(argv: list[str] | None = None) -> int:
    """Command-line entry; prints the numbers and returns 0 (1 if a target is missed on chat)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--naive-sample", type=int, default=300, help="messages for the naive run")
    args = parser.parse_args(argv)

    texts = load_texts(args.data)
    sets = {
        "chat": texts["chat"],
        "mixed": texts["chat"] + texts["ms_crisis"] + texts["ms_guidelines"],
    }
    crisis = CrisisScreen.load_default()
    guidelines = GuidelineScreen.load_default()
    share_gate([crisis, guidelines])  # one raw-text pass per message for both, as in bot.py
    naive = build_naive(crisis, guidelines)
    parse, gateway, _ = build_discord_parse([])
    frame = build_frame_parse(gateway)

    def both(text: str) -> object:
        return crisis.screen(text), guidelines.screen(text, None)

    def pipeline(text: str) -> object:
        # What screening/cog.py does per message once discord.py has built it: one Incoming,
        # both screens on the same text and context, then the route (no modes: no hits here
        # read them from the database, and the few that do are not ordinary chat).
        incoming = Incoming(
            message_id=1, text=text, author_id=2, guild_id=3, channel_id=4, source="message"
        )
        return route(incoming, crisis.screen(text, None), guidelines.screen(text, None))

    print(
        f"chat: {len(sets['chat'])} background messages; mixed: chat + {len(texts['ms_crisis'])} "
        f"MS crisis + {len(texts['ms_guidelines'])} MS guideline messages"
    )
    print(f"{'':32}{'chat':>10}{'mixed':>10}   (us/message, best of {args.repeat})")
    rows: dict[str, dict[str, float]] = {}
    for name, items in sets.items():
        _, _, payloads = build_discord_parse(items)
        naive_items = sample(items, args.naive_sample)
        rows[name] = {
            "crisis": per_item_us(crisis.screen, items, args.repeat),
            "guidelines": per_item_us(lambda t: guidelines.screen(t, None), items, args.repeat),
            "both": per_item_us(both, items, args.repeat),
            "pipeline": per_item_us(pipeline, items, args.repeat),
            "language": per_item_us(looks_english, items, args.repeat),
            "normalise": per_item_us(normalise, items, args.repeat),
            "parse": per_item_us(parse, payloads, args.repeat),
            "gateway": per_item_us(gateway, payloads, args.repeat),
            "frame": per_item_us(frame, frames_of(payloads), args.repeat),
            "naive": per_item_us(naive, naive_items, max(1, args.repeat // 2)),
            "both_sample": per_item_us(both, naive_items, args.repeat),
        }
    labels = (
        ("crisis", "crisis screen"),
        ("guidelines", "guideline screen"),
        ("both", "both screens"),
        ("pipeline", "rule pass: both + route()"),
        ("language", "English guess (model gate)"),
        ("normalise", "normalise() alone (reference)"),
        ("parse", "discord.py Message(...)"),
        ("gateway", "discord.py parse_message_create"),
        ("frame", "  + JSON decode of the frame"),
        ("naive", f"naive regex per phrase ({args.naive_sample})"),
    )
    for key, label in labels:
        print(f"{label:32}{rows['chat'][key]:10.2f}{rows['mixed'][key]:10.2f}")

    ok = True
    print()
    for name in sets:
        row = rows[name]
        both_parse = row["both"] / row["parse"]
        naive_both = row["naive"] / row["both_sample"]
        verdict_parse = "ok" if both_parse <= BOTH_PARSE_TARGET else "MISS"
        verdict_naive = "ok" if naive_both >= NAIVE_BOTH_TARGET else "MISS"
        if name == "chat":
            ok = ok and both_parse <= BOTH_PARSE_TARGET and naive_both >= NAIVE_BOTH_TARGET
        else:
            verdict_parse += " (reference)"
            verdict_naive += " (reference)"
        print(
            f"{name:6} both/parse {both_parse:7.3f}  (target <= {BOTH_PARSE_TARGET}) {verdict_parse}"
        )
        print(
            f"{name:6} naive/both {naive_both:7.1f}  (target >= {NAIVE_BOTH_TARGET:.0f}) "
            f"{verdict_naive}"
        )
    chat = rows["chat"]
    print(
        f"\nchat: crisis/parse {chat['crisis'] / chat['parse']:.3f}, "
        f"guidelines/parse {chat['guidelines'] / chat['parse']:.3f}; "
        f"both/(JSON decode + parse) {chat['both'] / chat['frame']:.3f} (reference only: the "
        "target is against the parse alone)"
    )
    print(
        f"chat: rule pass (both + route) / parse {chat['pipeline'] / chat['parse']:.3f}, "
        f"/ (JSON decode + parse) {chat['pipeline'] / chat['frame']:.3f}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
