"""``bot.py check``'s look at each server's AutoMod rules, through Discord's API, and its summary.

Kept out of bot.py (the composition root) because it is Discord work of the admin lane: it logs
in with a bare client, reads every set-up server's rules and reports the ones that would block a
member in crisis, in the words ``/setup show`` uses.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

import aiohttp
import discord

from cogs.admin.automod import Rule, crisis_blockers, plain_phrases
from cogs.admin.messages import MODERATORS_NO_THREADS, automod_report
from cogs.admin.policy import moderators_miss_private_threads
from cogs.crisis.helplines import HelplineBook
from cogs.crisis.messages import checked_wording
from cogs.screening.multilingual_model import ByLanguage
from cogs.screening.service import load_crisis_model, load_guideline_model
from config.settings import Settings
from db.database import is_postgres_url, redacted
from db.migrate import latest_version

if TYPE_CHECKING:
    from bot import DataFiles

AUTOMOD_CHECK_TIMEOUT = 20.0  # seconds for logging in and reading every server's rules


async def check_automod(
    settings: Settings,
    data: DataFiles,
    servers: Mapping[int, set[int]],
    moderator_roles: Mapping[int, int | None] | None = None,
) -> list[str]:
    """Lines about each set-up server's AutoMod rules that would block crisis words, and
    about a moderator role that cannot see private threads.

    ``servers``: server id -> its live group channels; ``moderator_roles``: server id -> its
    moderator role. Needs the token and Discord: without either, one line says the rules were
    not checked, and why (``check`` still succeeds).
    """
    if not servers:
        return []
    if not settings.discord_token:
        return ["  note: AutoMod rules not checked (DISCORD_TOKEN is not set)"]
    client = discord.Client(intents=discord.Intents.none())
    phrases = plain_phrases(data.crisis.lexicon)
    lines: list[str] = []
    try:
        async with asyncio.timeout(AUTOMOD_CHECK_TIMEOUT):
            await client.login(settings.discord_token)
            for guild_id, groups in servers.items():
                role_id = (moderator_roles or {}).get(guild_id)
                if role_id and await _moderators_miss_threads(client, guild_id, role_id):
                    lines.append(f"  warning: server {guild_id}: {MODERATORS_NO_THREADS}")
                try:
                    payloads = await client.http.get_auto_moderation_rules(guild_id)
                except discord.HTTPException as exc:
                    lines.append(
                        f"  warning: server {guild_id}: AutoMod rules not readable ({exc.status}): "
                        "give Kindred Manage Server so it can check them"
                    )
                    continue
                rules = [Rule.from_payload(p) for p in payloads]
                report = automod_report(crisis_blockers(rules, phrases, group_channels=groups))
                lines.extend(f"  warning: server {guild_id}: {line}" for line in report[:-1])
                if report:
                    lines.append(
                        f"  {report[-1]} `/setup show` in that server has a button for each."
                    )
    except discord.LoginFailure:
        lines.append("  warning: AutoMod rules not checked: Discord rejected DISCORD_TOKEN")
    except (OSError, TimeoutError, aiohttp.ClientError, discord.HTTPException) as exc:
        lines.append(
            f"  note: AutoMod rules not checked: could not connect to Discord ({type(exc).__name__})"
        )
    finally:
        await client.close()
    return lines


async def _moderators_miss_threads(client: discord.Client, guild_id: int, role_id: int) -> bool:
    """Whether the server's moderator role lacks Manage Threads (False when unreadable)."""
    try:
        roles = await client.http.get_roles(guild_id)
    except discord.HTTPException:
        return False
    found = next((r for r in roles if int(r["id"]) == role_id), None)
    return found is not None and moderators_miss_private_threads(int(found["permissions"]))


def helpline_notes(book: HelplineBook, today: dt.date) -> list[str]:
    """``check``'s notes on helplines nobody has checked, or that are held back from members."""
    out = []
    for line in book.stale(today):
        where = f"helpline {line.name!r} ({line.country})"
        if line.recheck:
            out.append(
                f"  note: {where} is marked `recheck`, so members are not sent it: "
                f"{checked_wording(line)}; check it with the service, then set `checked` "
                "and remove `recheck`"
            )
        elif not line.overdue(today):
            out.append(f"  note: {where}: {checked_wording(line)}")
    return out


def current_date() -> dt.date:
    """Today's date in UTC (``check`` compares helplines' last checks with it; tests fix it)."""
    return dt.datetime.now(dt.UTC).date()


def helpline_problems(book: HelplineBook, today: dt.date | None = None) -> list[str]:
    """Entries whose last check (or copy, never checked) is more than a year old: ``check``
    fails on them, since a number nobody has looked at for a year may no longer answer."""
    today = today or current_date()
    return [
        f"Helpline {line.name!r} ({line.country}) is out of date: {checked_wording(line)}, "
        f"more than a year before {today}. Check it with the service and set "
        f"`checked = {today}` in its helplines.toml entry (or remove the entry)."
        for line in book.overdue(today)
    ]


def summary_lines(settings: Settings, data: DataFiles, version: int, pending: int) -> list[str]:
    """``bot.py check``'s summary: config files, helplines, database, token and the models."""
    out: list[str] = []
    book = data.helplines
    countries = sorted(book.countries)
    with_lines = sorted({h.country for h in book.helplines} - {"*"})
    out.append("Kindred check: all good.")
    out.append(f"  config files: {', '.join(str(p) for p in data.sources)}")
    out.append(
        f"  helplines: {len(book.helplines)} for {len(with_lines)} countries "
        f"({', '.join(with_lines)}) plus an international directory; emergency numbers for "
        f"{len(countries)} countries ({', '.join(countries)})"
    )
    out.extend(helpline_notes(data.helplines, dt.datetime.now(dt.UTC).date()))
    # On PostgreSQL, also the code's version: several processes may run different releases.
    latest = f" (this Kindred's: {latest_version()})" if is_postgres_url(settings.db_path) else ""
    out.append(
        f"  database: {redacted(settings.db_path)} at schema version {version}{latest}, "
        f"{pending} pending job(s)"
    )
    out.append(f"  token: {'set' if settings.discord_token else 'not set (needed for `run`)'}")
    model = load_crisis_model()
    routed = isinstance(model, ByLanguage)
    english = model.english if isinstance(model, ByLanguage) else model
    out.append(
        "  crisis model: loaded, files match their sha256 (English messages get a second look)"
        if english is not None
        else "  warning: the crisis model could not be loaded: the lexicon alone will screen "
        "(reinstall Kindred to restore cogs/screening/model/)"
    )
    out.append(
        "  multilingual crisis model: loaded, files match their sha256 (Spanish, Hindi and "
        "Hinglish messages get a second look)"
        if routed
        else "  warning: the multilingual crisis model could not be loaded: the lexicon alone "
        "will screen Spanish, Hindi and Hinglish (reinstall Kindred to restore "
        "cogs/screening/model/multilingual/)"
    )
    out.append(
        "  guideline model: loaded, files match their sha256 (English replies get a second look)"
        if load_guideline_model() is not None
        else "  warning: the guideline model could not be loaded: the guideline rules alone will "
        "coach (reinstall Kindred to restore cogs/screening/model/guidelines/)"
    )
    return out
