"""Helplines as data: loading, validating, and choosing what a member sees.

The shipped ``config/helplines.toml`` can be extended by a server's own file of the same
layout. Every entry carries ``verified_on`` so stale numbers can be found and re-checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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
    verified_on: dt.date
    reverify: bool = False


@dataclass(frozen=True)
class Country:
    """A country with its emergency number."""

    code: str
    name: str
    emergency: str


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

    def for_country(self, code: str | None, *, crisis_only: bool = False) -> list[Helpline]:
        """The country's own lines, crisis lines first, then the international directory."""
        code = normalise_country(code) if code else None
        own = [
            h
            for h in self.helplines
            if code and h.country == code and (h.crisis or not crisis_only)
        ]
        own.sort(key=lambda h: not h.crisis)
        anywhere = [h for h in self.helplines if h.country == ANYWHERE]
        return own + anywhere

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
        """Entries not verified within STALE_AFTER, or flagged for re-verification."""
        return [h for h in self.helplines if h.reverify or today - h.verified_on > STALE_AFTER]


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
        result.append(Country(code=code, name=entry["name"], emergency=entry["emergency"]))
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
        verified = entry.get("verified_on")
        if not isinstance(verified, dt.date) or isinstance(verified, dt.datetime):
            raise data.error(
                f"{where} needs `verified_on` as a date like 2026-11-23 (no quotes)",
                "helpline",
                i,
            )
        crisis = entry.get("crisis", True)
        if not isinstance(crisis, bool):
            raise data.error(f"{where}: `crisis` must be true or false", "helpline", i)
        result.append(
            Helpline(
                country=country,
                name=entry["name"],
                contact=entry["contact"],
                ways=tuple(ways),
                hours=entry["hours"],
                languages=entry["languages"],
                crisis=crisis,
                verified_on=verified,
                reverify=bool(entry.get("reverify", False)),
            )
        )
    return result
