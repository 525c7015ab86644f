"""The rules behind /setup: what a valid country and timezone are, and what is missing."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from cogs.crisis.helplines import HelplineBook, normalise_country
from cogs.utils import when
from cogs.utils.errors import InvalidInput
from cogs.utils.when import timezone_choices
from db.models import GuildSettings

# (label shown to people, /setup option that sets it), in the order /setup show lists them.
SETTING_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("moderator_role_id", "moderator role", "moderator_role"),
    ("coordinator_role_id", "coordinator role", "coordinator_role"),
    ("oncall_role_id", "on-call role", "oncall_role"),
    ("backup_role_id", "backup role", "backup_role"),
    ("staff_channel_id", "staff channel", "staff_channel"),
    ("country", "default country", "country"),
    ("timezone", "timezone", "timezone"),
)
# Settings with a default: shown by /setup show, never reported as missing.
DEADLINE_OPTIONS: tuple[tuple[str, str, str, int], ...] = (
    ("urgent_ack_minutes", "urgent alert deadline", "urgent_deadline", 10),
    ("concern_ack_minutes", "concern alert deadline", "concern_deadline", 60),
)


@lru_cache(maxsize=1)
def _all_timezones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def parse_timezone(name: str) -> str:
    """The IANA name (as the database stores it) of the timezone ``name`` means: a city,
    country, abbreviation or IANA name in any case (``cogs.utils.when``). AmbiguousTimezone
    lists the options when it could be several; InvalidInput with a hint when it is unknown."""
    options = when.timezone_options(name)
    if len(options) > 1:
        raise when.AmbiguousTimezone(name, options)
    found = options[0].key if options else None
    if found is None:
        cleaned = name.strip().replace(" ", "_")
        hints = timezone_choices(cleaned, limit=3)
        hint = f" Did you mean {', '.join(f'`{h}`' for h in hints)}?" if hints else ""
        raise InvalidInput(
            f"`{name}` is not a timezone I know. Use a name like `Europe/London` or "
            f"`America/New_York` (the list appears as you type).{hint}"
        )
    return found


def parse_country(code: str, book: HelplineBook) -> str:
    """A two-letter country code; InvalidInput that says what to type otherwise."""
    text = code.strip()
    found = normalise_country(text)
    if found is None:
        by_name = {c.name.lower(): c.code for c in book.countries.values()}
        found = by_name.get(text.lower())
    if found is None:
        raise InvalidInput(
            f"`{code}` is not a country code I know. Use the two-letter code, like `IN`, "
            "`US` or `GB` (the list appears as you type)."
        )
    return found


def country_choices(current: str, book: HelplineBook, limit: int = 25) -> list[tuple[str, str]]:
    """(label, code) pairs of countries with helplines matching what was typed."""
    needle = current.strip().lower()
    options = sorted(book.countries.values(), key=lambda c: c.name)
    hits = [
        (f"{c.name} ({c.code})", c.code)
        for c in options
        if not needle or c.code.lower().startswith(needle) or needle in c.name.lower()
    ]
    code = normalise_country(current)
    if code and code not in book.countries:
        # A real code with no entry ("fr") comes first, before names that merely contain it.
        hits.insert(0, (f"{code} (international helpline directory only)", code))
    return hits[:limit]


def missing_settings(settings: GuildSettings) -> list[tuple[str, str]]:
    """(label, option) for every setting the server has not set yet."""
    return [
        (label, option)
        for field, label, option in SETTING_OPTIONS
        if getattr(settings, field) is None
    ]


MANAGE_THREADS = 1 << 34
ADMINISTRATOR = 1 << 3


def moderators_miss_private_threads(role_permissions: int | None) -> bool:
    """True when the moderator role cannot see private threads it is not added to.

    Check-in threads and crisis follow-up threads are private threads that Kindred describes
    as "private to you and the moderators"; on Discord only members of a private thread and
    people with Manage Threads see it. ``None``: no moderator role set (reported elsewhere).
    """
    if role_permissions is None:
        return False
    return not role_permissions & (MANAGE_THREADS | ADMINISTRATOR)
