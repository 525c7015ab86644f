"""Helplines as data: loading, validating, and choosing what a member sees.

The shipped ``config/helplines.toml`` can be extended by a server's own file of the same
layout. Every entry says where it was copied from (``source``) and when, and when a person last
checked it (``checked``, absent until someone has): staff see the difference, ``bot.py check``
fails on a check older than a year, and a line marked ``recheck`` is not sent to members until
someone checks it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from config.datafile import DataFile, load_toml

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "helplines.toml"
ANYWHERE = "*"
WAYS = frozenset({"call", "text", "chat", "whatsapp", "web"})
STALE_AFTER = dt.timedelta(days=365)
# The EU's single emergency number also works in these countries without their own entry.
_EU_CODES = """
    AT BE BG HR CY CZ DK EE FI FR DE GR HU IT LV LT LU MT NL PL PT RO SK SI ES SE
"""
EU_112 = frozenset(_EU_CODES.split())
ALIASES = {"UK": "GB", "EL": "GR"}
# ISO 3166-1 alpha-2, so a typo in /setup country is caught rather than saved.
_ISO_CODES = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ
    DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP
    GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG
    KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML
    MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE
    PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL
    SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM
    US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""
ISO_3166 = frozenset(_ISO_CODES.split())


@dataclass(frozen=True)
class Helpline:
    """One service a member can reach."""

    country: str
    name: str
    contact: str
    ways: tuple[str, ...]
    hours: str
    languages: str
    crisis: bool
    source: str
    copied: dt.date | None = None
    checked: dt.date | None = None
    recheck: bool = False
    website: str | None = None
    # (language code, how to reach the line in that language), e.g. ("es", "Press 2 ...").
    how: tuple[tuple[str, str], ...] = ()

    def how_in(self, language: str | None) -> str | None:
        """How to reach this line in the member's language (``es``, ``es-MX``), if it says."""
        if not language:
            return None
        wanted = language.strip().lower().replace("_", "-")
        for code, how in self.how:
            if code == wanted or code == wanted.split("-")[0]:
                return how
        return None

    def overdue(self, today: dt.date) -> bool:
        """Whether the last check (or, never checked, the copy) is older than STALE_AFTER."""
        seen = self.checked or self.copied
        return seen is None or today - seen > STALE_AFTER


@dataclass(frozen=True)
class Country:
    """A country with its emergency number."""

    code: str
    name: str
    emergency: str
    source: str | None = None


@dataclass(frozen=True)
class HelplineBook:
    """Every known helpline and country, with lookups."""

    countries: dict[str, Country]
    helplines: tuple[Helpline, ...]

    @classmethod
    def load(cls, paths: Sequence[Path]) -> HelplineBook:
        """Load the shipped file and any extensions; raise ConfigError on the first problem."""
        countries: dict[str, Country] = {}
        lines: dict[tuple[str, str], Helpline] = {}
        for path in paths:
            data = load_toml(path)
            for country in _countries(data):
                countries[country.code] = country
            for line in _helplines(data):
                lines[(line.country, line.name)] = line
        return cls(countries=countries, helplines=tuple(lines.values()))

    def for_country(
        self, code: str | None, *, crisis_only: bool = False, language: str | None = None
    ) -> list[Helpline]:
        """The lines a member may be sent: the country's own, crisis lines first (among them,
        the ones that say how to reach them in ``language`` first), then the international
        directory, which is always there, so a country with no sendable line still has one.

        A line marked ``recheck`` is left out until someone marks it checked.
        """
        code = normalise_country(code) if code else None
        sendable = [h for h in self.helplines if not h.recheck]
        own = [h for h in sendable if code and h.country == code and (h.crisis or not crisis_only)]
        own.sort(key=lambda h: (not h.crisis, h.how_in(language) is None))
        anywhere = [h for h in sendable if h.country == ANYWHERE]
        return own + anywhere

    def has_lines(self, code: str | None) -> bool:
        """Whether the country has a line of its own that members are sent (not only the
        directory): many countries are listed for their emergency number alone."""
        code = normalise_country(code)
        return any(h.country == code for h in self.for_country(code))

    def emergency_number(self, code: str | None) -> str | None:
        """The emergency number for the country, if known."""
        code = normalise_country(code) if code else None
        if code is None:
            return None
        if code in self.countries:
            return self.countries[code].emergency
        return "112" if code in EU_112 else None

    def country_name(self, code: str | None) -> str | None:
        """A readable name for a known country code."""
        if code is None:
            return None
        country = self.countries.get(normalise_country(code) or "")
        return country.name if country else None

    def stale(self, today: dt.date) -> list[Helpline]:
        """Entries staff should look at: marked for re-checking, never checked, or overdue."""
        return [h for h in self.helplines if h.recheck or h.checked is None or h.overdue(today)]

    def overdue(self, today: dt.date) -> list[Helpline]:
        """Entries whose last check (or copy, if never checked) is older than STALE_AFTER."""
        return [h for h in self.helplines if h.overdue(today)]


def normalise_country(code: str | None) -> str | None:
    """An ISO 3166-1 alpha-2 code in upper case (UK -> GB), or None when it is not one."""
    if not code:
        return None
    code = ALIASES.get(code.strip().upper(), code.strip().upper())
    return code if code in ISO_3166 else None


def _countries(data: DataFile) -> list[Country]:
    result = []
    for i, entry in enumerate(data.data.get("country", [])):
        code = normalise_country(str(entry.get("code", "")))
        if code is None:
            raise data.error(
                f"country code {entry.get('code')!r} is not an ISO 3166 two-letter code",
                "country",
                i,
            )
        for key in ("name", "emergency"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise data.error(f"country {code} needs a text `{key}`", "country", i)
        # An emergency number is what a member in danger is told to call, so where it came from
        # must be written down, as for every helpline.
        source = entry.get("source")
        if not isinstance(source, str) or not source.strip():
            raise data.error(
                f"country {code} needs a text `source`: where its emergency number was copied "
                "from (a website or document)",
                "country",
                i,
            )
        result.append(
            Country(code=code, name=entry["name"], emergency=entry["emergency"], source=source)
        )
    return result


def _helplines(data: DataFile) -> list[Helpline]:
    result = []
    for i, entry in enumerate(data.data.get("helpline", [])):
        where = f"helpline {entry.get('name', i + 1)!r}"
        for key in ("country", "name", "contact", "hours", "languages"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise data.error(f"{where} needs a text `{key}`", "helpline", i)
        country = entry["country"]
        if country != ANYWHERE:
            country = normalise_country(country)
            if country is None:
                raise data.error(
                    f"{where}: country {entry['country']!r} is not an ISO code or '*'",
                    "helpline",
                    i,
                )
        ways = entry.get("ways")
        if not isinstance(ways, list) or not ways or not set(ways) <= WAYS:
            raise data.error(
                f"{where}: `ways` must be a list drawn from {', '.join(sorted(WAYS))}",
                "helpline",
                i,
            )
        source = entry.get("source")
        if not isinstance(source, str) or not source.strip():
            raise data.error(
                f"{where} needs a text `source`: where the entry was copied from "
                "(a website or document)",
                "helpline",
                i,
            )
        copied = _date(data, entry, "copied", where, i)
        # `verified_on` is the older name for `checked`, kept so servers' own files still load.
        checked = _date(data, entry, "checked", where, i) or _date(
            data, entry, "verified_on", where, i
        )
        if copied is None and checked is None:
            raise data.error(
                f"{where} needs `copied` (the date it was copied from its source) or `checked` "
                "(the date a person last checked it), as a date like 2026-11-23 (no quotes)",
                "helpline",
                i,
            )
        crisis = entry.get("crisis", True)
        if not isinstance(crisis, bool):
            raise data.error(f"{where}: `crisis` must be true or false", "helpline", i)
        recheck = entry.get("recheck", entry.get("reverify", False))
        if not isinstance(recheck, bool):
            raise data.error(f"{where}: `recheck` must be true or false", "helpline", i)
        website = entry.get("website")
        if website is not None and (not isinstance(website, str) or not website.strip()):
            raise data.error(f"{where}: `website` must be text", "helpline", i)
        if "website" in entry["hours"].lower() and not website:
            raise data.error(
                f"{where}: hours say {entry['hours']!r} but there is no `website`; add "
                '`website = "..."` or write the hours out',
                "helpline",
                i,
            )
        result.append(
            Helpline(
                country=country,
                name=entry["name"],
                contact=entry["contact"],
                ways=tuple(ways),
                hours=entry["hours"],
                languages=entry["languages"],
                crisis=crisis,
                source=source,
                copied=copied,
                checked=checked,
                recheck=recheck,
                website=website,
                how=_how(data, entry.get("how", {}), where, i),
            )
        )
    return result


def _date(
    data: DataFile, entry: Mapping[str, object], key: str, where: str, i: int
) -> dt.date | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise data.error(
            f"{where}: `{key}` must be a date like 2026-11-23 (no quotes)", "helpline", i
        )
    return value


def _how(data: DataFile, how: object, where: str, i: int) -> tuple[tuple[str, str], ...]:
    """``how = {es = "..."}``: language code -> how to reach the line in that language."""
    if not isinstance(how, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in how.items()
    ):
        raise data.error(
            f'{where}: `how` must map language codes to text, like {{es = "Press 2"}}',
            "helpline",
            i,
        )
    return tuple((k.strip().lower(), v) for k, v in how.items())
