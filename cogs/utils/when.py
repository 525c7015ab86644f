"""Reading the times, dates and timezones people type, forgivingly.

People with MS fatigue or blurred vision should not have to know the IANA list or type
``America/New_York`` exactly. So a timezone may be a city ("Kolkata", "new york"), a country
("India"), a common abbreviation ("IST", "EST") or an IANA name in any case
("america/new_york"). When it could mean zones with different clocks ("CST" is US Central or
China; "USA" has six), nothing is chosen silently: ``AmbiguousTimezone`` carries the options so
the caller can offer them as buttons (or list them in a reply). An abbreviation never lands on
a fixed-offset zone without daylight saving (the IANA "EST"), because sessions there would
move by an hour twice a year for everyone in New York.

Times: "19:00", "7pm", "7.30 pm", "7:30 p.m.", "noon". Dates: "2027-01-12", "12 Jan",
"January 12", "12 Jan 2027"; without a year, the next such day from ``today``.

Pure: no Discord, no clock reads (callers pass ``today``). The aliases live in
``config/timezone_aliases.toml``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cogs.utils.errors import InvalidInput

ALIASES_PATH = Path(__file__).resolve().parents[2] / "config" / "timezone_aliases.toml"
# Top-level parts of IANA names that are real places (not "Etc", "SystemV", "US" or old links).
_REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
# Words people add around a zone that say nothing about which one ("India time", "EST zone").
_FILLER = re.compile(
    r"\b(?:standard|daylight|summer|local)?\s*(?:time\s*zone|timezone|time|zone|tz)\b\.?$"
)
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*[+\-−]\s*\d{1,2}(?::?\d{2})?$")


@dataclass(frozen=True)
class ZoneOption:
    """One timezone a person may have meant, with a name people recognise."""

    key: str
    label: str


class AmbiguousTimezone(InvalidInput):
    """What was typed fits zones with different clocks; ``options`` lists them (2 to 8)."""

    def __init__(self, typed: str, options: tuple[ZoneOption, ...]) -> None:
        self.typed = typed
        self.options = options
        listed = ", ".join(f"`{o.key}` ({o.label})" for o in options)
        super().__init__(
            f"“{typed.strip()}” could mean more than one timezone: {listed}. "
            "Please give the one you mean, or your city."
        )


class FixedOffset(InvalidInput):
    """What was typed is a fixed offset ("UTC+5"), which would move sessions at a clock change.

    The message is English, for staff; a member's form says it in their language from
    ``typed`` (``cogs/cohorts/messages.timezone_offset``).
    """

    def __init__(self, typed: str) -> None:
        self.typed = typed
        super().__init__(
            f"“{typed}” is a fixed offset, which stays the same all year, so sessions "
            "would move by an hour when the clocks change. Please give your city or country "
            "instead, such as `Kolkata`, `New York` or `London`."
        )


class UnknownTimezone(InvalidInput):
    """What was typed names no timezone; ``close``: names it may be a misspelling of.

    The message is English, for staff; a member's form says it in their language
    (``cogs/cohorts/messages.timezone_unknown``).
    """

    def __init__(self, typed: str, close: tuple[str, ...] = ()) -> None:
        self.typed = typed
        self.close = close
        hint = ""
        if close:
            hint = " Did you mean " + " or ".join(f"`{c}`" for c in close) + "?"
        super().__init__(
            f"I don't know the timezone “{typed}”. A city or country works, such as "
            f"`Kolkata`, `New York` or `London`, or an IANA name like `America/New_York`.{hint}"
        )


class TimezoneProblem(InvalidInput):
    """A form's timezone could not be used as typed; its other answers are fine and kept, and
    the person is asked for this one field again (``options``: the zones it could mean, when it
    was ambiguous; empty when unknown).

    It lives here, outside the extension packages, because discord.py re-imports an extension's
    modules when it is reloaded; a class defined there would no longer match in ``except``.
    """

    def __init__(self, message: str, options: tuple[ZoneOption, ...] = ()) -> None:
        super().__init__(message)
        self.options = options


@dataclass(frozen=True)
class _Tables:
    aliases: dict[str, tuple[str, ...]]
    labels: dict[str, str]
    by_lower: dict[str, str]  # every IANA name, lower case -> its spelling
    cities: dict[str, str]  # a place name ("new york") -> its zone


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = tomllib.loads(ALIASES_PATH.read_text(encoding="utf-8"))
    aliases = {str(k).lower(): tuple(v) for k, v in data.get("aliases", {}).items()}
    labels = dict(data.get("labels", {}))
    names = sorted(zoneinfo.available_timezones())
    by_lower = {name.lower(): name for name in names}
    cities: dict[str, str] = {}
    # Shorter names first, so a canonical "America/Toronto" wins over a longer old link.
    for name in sorted(names, key=lambda n: (n.count("/"), len(n), n)):
        if name.split("/")[0] in _REGIONS and "/" in name:
            city = name.rsplit("/", 1)[1].replace("_", " ").lower()
            cities.setdefault(city, name)
    return _Tables(aliases, labels, by_lower, cities)


def zone_labels() -> dict[str, str]:
    """The table's labels by zone ("America/Chicago": "US Central (Chicago)")."""
    return dict(_tables().labels)


def zone_label(key: str) -> str:
    """A name people recognise for an IANA zone: the table's label, else its city."""
    return _tables().labels.get(key) or key.rsplit("/", 1)[-1].replace("_", " ")


def _tidy(text: str) -> str:
    cleaned = " ".join(text.replace(",", " ").split()).lower().strip(" .")
    cleaned = _FILLER.sub("", cleaned).strip(" .")
    return cleaned.removeprefix("the ")


def timezone_options(text: str) -> tuple[ZoneOption, ...]:
    """Every zone ``text`` could mean, best first; empty when it names none."""
    tables = _tables()
    cleaned = _tidy(text)
    if not cleaned:
        return ()
    keys: tuple[str, ...] = ()
    # The table first: it is where "EST" is kept away from the fixed-offset IANA "EST".
    if cleaned in tables.aliases:
        keys = tables.aliases[cleaned]
    elif (exact := tables.by_lower.get(cleaned.replace(" ", "_"))) is not None:
        keys = (exact,)
    elif cleaned in tables.cities:
        keys = (tables.cities[cleaned],)
    elif "," in text:
        # "Kolkata, India" or "New York, USA": the first part that names a zone decides.
        for part in text.split(","):
            if found := timezone_options(part):
                return found
    return tuple(ZoneOption(key, zone_label(key)) for key in keys)


def find_timezone(text: str) -> ZoneInfo:
    """The one timezone ``text`` means.

    AmbiguousTimezone (an InvalidInput) when it could be several; InvalidInput with close
    matches when it names none.
    """
    options = timezone_options(text)
    if len(options) == 1:
        return ZoneInfo(options[0].key)
    if options:
        raise AmbiguousTimezone(text, options)
    cleaned = _tidy(text)
    if _OFFSET.match(cleaned):
        raise FixedOffset(text.strip())
    raise UnknownTimezone(text.strip(), tuple(suggestions(cleaned)))


def suggestions(typed: str, limit: int = 3) -> list[str]:
    """Place names and abbreviations close to a misspelling ("kolkatta" -> "kolkata")."""
    tables = _tables()
    words = [*tables.aliases, *tables.cities]
    found = difflib.get_close_matches(_tidy(typed), words, n=limit, cutoff=0.75)
    return [w.title() if len(w) > 4 else w.upper() for w in found]


# Offered before anything is typed: the zones most members and staff are in.
_COMMON = (
    "Asia/Kolkata",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Dublin",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/Toronto",
    "UTC",
)


def timezone_choices(current: str, limit: int = 25) -> list[str]:
    """IANA names for a command's autocomplete, best first: what an abbreviation, country or
    city typed so far means ("ist", "india", "kolk"), then names that start with or contain it."""
    tables = _tables()
    zones = tables.by_lower
    needle = _tidy(current).replace(" ", "_")
    if not needle:
        return [z for z in _COMMON if z.lower() in zones][:limit]
    meant = [o.key for o in timezone_options(current)]
    spelt = needle.replace("_", " ")
    aliased = [z for word, keys in tables.aliases.items() if word.startswith(spelt) for z in keys]
    names = sorted(zones.values())
    starts = [z for z in names if z.lower().startswith(needle)]
    city = [z for z in names if z.lower().split("/")[-1].startswith(needle)]
    contains = [z for z in names if needle in z.lower()]
    ordered = dict.fromkeys([*meant, *aliased, *starts, *city, *contains])
    return list(ordered)[:limit]


def zone_exists(key: str) -> bool:
    """Whether ``key`` is a timezone this machine knows (used to check the aliases table)."""
    try:
        ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


# --- times of day --------------------------------------------------------------------------

_TIME = re.compile(
    r"^(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(?:([ap])\.?\s*m\.?|o'?clock)?$", re.IGNORECASE
)
_TIME_4 = re.compile(r"^(\d{2})(\d{2})$")
_WORD_TIMES = {"noon": dt.time(12), "midday": dt.time(12), "midnight": dt.time(0)}


def parse_time(text: str) -> dt.time | None:
    """A wall-clock time from "19:00", "7pm", "7.30 pm", "7:30 p.m.", "1900" or "noon";
    None when it is not one (the caller words the problem for its field)."""
    cleaned = " ".join(text.split()).lower()
    if cleaned in _WORD_TIMES:
        return _WORD_TIMES[cleaned]
    four = _TIME_4.match(cleaned)
    match = _TIME.match(cleaned)
    if four:
        hour, minute, suffix = int(four.group(1)), int(four.group(2)), ""
    elif match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        suffix = (match.group(3) or "").lower()
    else:
        return None
    if suffix:
        # 12-hour clock: 12 am is midnight, 12 pm is noon.
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "p" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return dt.time(hour, minute)


# --- dates ---------------------------------------------------------------------------------

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{4}))?$")
_SLASHED = re.compile(r"^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$")


def _month(word: str) -> int | None:
    if len(word) < 3:
        return None
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(word) or (word == "sept" and number == 9):
            return number
    return None


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """A date from "2027-01-12", "12 Jan", "January 12" or "12 Jan 2027".

    Without a year it is the next such day on or after ``today`` (when ``today`` is not given,
    a year is needed). InvalidInput with examples otherwise; "01/02/2027" is refused because
    it means January in one country and February in another.
    """
    cleaned = " ".join(text.replace(",", " ").split()).lower()
    example = "for example `2026-11-02` or `2 Nov`"
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        pass
    if _SLASHED.match(cleaned):
        raise InvalidInput(
            f"“{text.strip()}” could be read two ways (day first or month first). Please "
            f"name the month, {example}."
        )
    found = _DAY_MONTH.match(cleaned)
    if found:
        day, word, year = found.group(1), found.group(2), found.group(3)
    elif found := _MONTH_DAY.match(cleaned):
        word, day, year = found.group(1), found.group(2), found.group(3)
    else:
        raise InvalidInput(f"“{text.strip()}” isn't a date I can read. Please write it {example}.")
    month = _month(word)
    if month is None:
        raise InvalidInput(f"“{word}” isn't a month I know. Please write the date {example}.")
    try:
        if year is not None:
            return dt.date(int(year), month, int(day))
        if today is None:
            raise InvalidInput(f"Please add the year to “{text.strip()}”, {example}.")
        for ahead in range(0, 9):  # a 29 February can be years away
            try:
                candidate = dt.date(today.year + ahead, month, int(day))
            except ValueError:
                continue
            if candidate >= today:
                return candidate
    except ValueError:
        pass
    raise InvalidInput(f"“{text.strip()}” isn't a real date. Please check the day and month.")
