"""Helpline data as a member reads it: in the language being spoken (``speaking``).

``config/helplines.toml`` is written in English, and servers add their own entries in English,
so its words are translated here as they are shown, not in the file:

- country names come from Babel's territory names (CLDR), so every ISO country has one;
- emergency numbers ("112 or 999", "131 (ambulance), 133 (police)") are read as numbers, the
  service each one reaches and "or", and put back together in the language;
- languages ("English, Spanish") are read as language names and given in the language by
  Babel; "13 languages" is counted;
- how to reach a line ("Call or text 988") is matched against the usual shapes below, so a
  new line written the same way is translated without a new catalogue entry;
- hours ("24/7") and anything else are catalogue entries keyed on the English text, under the
  context ``helpline`` (``config/locales/*/LC_MESSAGES/helplines_data.po``);
- /resources' list of countries and the country a member types use the names in their
  language too ("méxico" finds Mexico).

What has no translation is shown in English, as the file has it, and logged once (``t``). The
numbers themselves are never changed. A helpline's name is a name: it is translated only when
the catalogue has it (a description in brackets), silently otherwise. Staff read the file's
English as it is (``bot.py check``, the alert).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache

from babel import Locale
from babel.lists import format_list

from cogs.crisis.helplines import HelplineBook, normalise_country
from cogs.utils.errors import InvalidInput
from cogs.utils.i18n import ENGLISH, N_, current_language, has_translation, t, tn, tp

HELPLINE = "helpline"  # the catalogue context of the helplines file's own words
EMERGENCY_SERVICE = "emergency service"

# One phone number or short code as the file writes it: "988", "+91 9999 666 555", "1-800-...".
_NUMBER = r"\+?\d[\d\- ]*\d|\d"
_WORD = r"[A-Z]{2,12}"  # a keyword to text ("HOME", "AYUDA")
# How to reach a line, in the shapes the file uses; {number}, {other} and {word} are kept.
CONTACT_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (rf"^Call (?P<number>{_NUMBER})$", N_("Call {number}")),
        (rf"^Call (?P<number>{_NUMBER}) \(free\)$", N_("Call {number} (free)")),
        (rf"^Call or text (?P<number>{_NUMBER})$", N_("Call or text {number}")),
        (rf"^Call or WhatsApp (?P<number>{_NUMBER})$", N_("Call or WhatsApp {number}")),
        (rf"^Text (?P<number>{_NUMBER})$", N_("Text {number}")),
        (rf"^Text (?P<word>{_WORD}) to (?P<number>{_NUMBER})$", N_("Text {word} to {number}")),
        (
            rf"^Call (?P<number>{_NUMBER}) or (?P<other>{_NUMBER})$",
            N_("Call {number} or {other}"),
        ),
        (
            rf"^Call (?P<number>{_NUMBER}) or text (?P<other>{_NUMBER})$",
            N_("Call {number} or text {other}"),
        ),
    )
)
# "131 (ambulance)": a number and, in brackets, the service it reaches.
_EMERGENCY_ITEM = re.compile(rf"^(?P<number>{_NUMBER})(?: \((?P<service>[a-z ,]+)\))?$")
# ", " or " or " between numbers, not inside their brackets ("112 (police, fire)").
_EMERGENCY_SEPARATOR = re.compile(r"(, | or )(?![^()]*\))")
_COUNT_OF_LANGUAGES = re.compile(r"^(\d+) languages$")
_LIST_SEPARATOR = re.compile(r", | and ")


def _territories() -> Mapping[str, str]:
    """Country names by code in the language being spoken (none for English: the file's)."""
    language = current_language()
    return {} if language == ENGLISH else Locale.parse(language).territories


def country_name(code: str | None, english: str | None) -> str | None:
    """A country's name in the language being spoken (``english``, the file's, in English)."""
    code = normalise_country(code)
    return english if code is None else _territories().get(code, english)


def country_choices(current: str, book: HelplineBook, limit: int = 25) -> list[tuple[str, str]]:
    """/resources' list of countries as the member types: (label, code), the names in the
    language being spoken, found by code, by that name (accents optional) or by the English."""
    language = current_language()
    names = _territories()
    needle = _folded(current)
    rows = sorted(
        ((names.get(c.code, c.name), c) for c in book.countries.values()),
        key=lambda row: _folded(row[0]),
    )
    hits = [
        (f"{local} ({c.code})", c.code)
        for local, c in rows
        if not needle
        or c.code.lower().startswith(needle)
        or needle in _folded(local)
        or needle in _folded(c.name)
    ]
    code = normalise_country(current)
    if code and code not in book.countries:
        # A real code with no entry ("fr") first: it still has the international directory.
        label = (
            f"{code} (international helpline directory only)"  # as /setup's list says it
            if language == ENGLISH
            else t(
                "{country} ({code}): the international helpline directory only",
                country=names.get(code, code),
                code=code,
            )
        )
        hits.insert(0, (label[:100], code))
    return hits[:limit]


def find_country(typed: str, book: HelplineBook) -> str:
    """The country a member typed in /resources: a two-letter code, or a name in English or in
    the language being spoken ("méxico"); InvalidInput, in that language, otherwise."""
    code = normalise_country(typed)
    if code is not None:
        return code
    wanted = _folded(typed)
    names = _territories()
    for country in book.countries.values():
        if wanted in (_folded(country.name), _folded(names.get(country.code, ""))):
            return country.code
    raise InvalidInput(
        t(
            "`{code}` is not a country code I know. Use the two-letter code, like `IN`, `US` or "
            "`GB` (the list appears as you type).",
            code=typed,
        )
    )


def _folded(text: str) -> str:
    """Lower case without accents, for matching what is typed ("mexico" finds "México")."""
    decomposed = unicodedata.normalize("NFD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def emergency(text: str | None) -> str | None:
    """An emergency number ("112 or 999", "107 (ambulance)") in the language being spoken."""
    if text is None or current_language() == ENGLISH:
        return text
    parts = _EMERGENCY_SEPARATOR.split(text)
    items = [_EMERGENCY_ITEM.match(p) for p in parts[::2]]
    if not all(items):
        return tp(HELPLINE, text)  # not in the usual shape: the catalogue, else English
    said = [_emergency_item(m.group("number"), m.group("service")) for m in items if m]
    result = said[0]
    for separator, item in zip(parts[1::2], said[1:], strict=True):
        if separator == " or ":
            result = format_list([result, item], style="or", locale=current_language())
        else:
            result = f"{result}, {item}"
    return result


def _emergency_item(number: str, service: str | None) -> str:
    if service is None:
        return number
    return f"{number} ({', '.join(_service(word) for word in service.split(', '))})"


def _service(word: str) -> str:
    """The service an emergency number reaches, in the language being spoken."""
    # Literal texts, so the catalogue test finds them; another word is looked up as it is.
    known = {
        "ambulance": tp("emergency service", "ambulance"),
        "police": tp("emergency service", "police"),
        "fire": tp("emergency service", "fire"),
    }
    return known.get(word) or tp(EMERGENCY_SERVICE, word)


def contact(text: str) -> str:
    """How to reach a line ("Call or text 988"), in the language being spoken."""
    if current_language() == ENGLISH:
        return text
    for pattern, template in CONTACT_SHAPES:
        found = pattern.match(text)
        if found:
            return t(template, **found.groupdict())
    return tp(HELPLINE, text)


def hours(text: str) -> str:
    """When a line answers ("24/7"), in the language being spoken."""
    return text if current_language() == ENGLISH else tp(HELPLINE, text)


def languages(text: str) -> str:
    """The languages a line answers in ("English, Spanish"), in the language being spoken."""
    language = current_language()
    if language == ENGLISH:
        return text
    if has_translation(text, HELPLINE):
        return tp(HELPLINE, text)
    counted = _COUNT_OF_LANGUAGES.match(text)
    if counted:
        return tn("{n} language", "{n} languages", int(counted.group(1)))
    codes = [_language_code(name) for name in _LIST_SEPARATOR.split(text)]
    if not all(codes):
        return tp(HELPLINE, text)
    known = Locale.parse(language).languages
    names = [known.get(c, c) for c in codes if c]
    listed = format_list(names, locale=language)
    if language == "es" and len(names) > 1 and names[-1][:1] in ("i", "í"):
        # Spanish says "e", not "y", before the sound /i/ ("inglés e italiano"); Babel does
        # not. "hindi" keeps "y": its h is spoken in Spanish.
        head, _, _ = listed.rpartition(f" y {names[-1]}")
        listed = f"{head} e {names[-1]}"
    return listed


def name(text: str) -> str:
    """A line's name: its catalogue translation when it has one (a name with a description in
    brackets), else as the file has it, without a warning (a name is a name)."""
    if current_language() != ENGLISH and has_translation(text, HELPLINE):
        return tp(HELPLINE, text)
    return text


def _language_code(english: str) -> str | None:
    """The code of a language named in English ("Spanish" -> "es"), if Babel knows it."""
    return _english_language_codes().get(english.strip().lower())


@cache
def _english_language_codes() -> dict[str, str]:
    # Two-letter codes only, so "Spanish" is "es" and not a regional variant's code.
    return {
        label.lower(): code
        for code, label in Locale.parse(ENGLISH).languages.items()
        if len(code) == 2
    }
