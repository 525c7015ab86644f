"""Kindred's words in the member's language: gettext catalogues read with Babel.

The English text in the code is the message id (gettext's usual way), so the code reads as what
members see. Translations live in ``config/locales/<lang>/LC_MESSAGES/<lane>.po``, one file per
lane so people can translate a lane at a time; at start every file of a language is merged into
one catalogue (the same English text must mean the same thing everywhere; where it does not, a
``msgctxt`` tells the two apart: ``tp``).

How code uses it:

- ``t("Thanks for telling me, {name}.", name=...)`` translates into the language being spoken
  now, then fills the placeholders. Placeholders are ``str.format`` fields and must be the same
  in every translation (a test checks). With no keyword arguments nothing is formatted, so a
  literal brace in a message without placeholders is safe.
- ``tn("{n} week", "{n} weeks", n)`` picks the plural form the language needs (Hindi and Spanish
  have their own rules); ``n`` is always available as a placeholder.
- ``N_("...")`` marks a constant for translation without translating it: the constant stays
  English (it is the id) and is translated where it is used, with ``t(CONSTANT)``. Constants are
  made once at import, when nobody is being spoken to yet.
- ``with speaking("es"):`` sets who is being spoken to for everything rendered inside it (a
  context variable, so concurrent interactions and jobs never see each other's language).
  Interactions set it from the member (``cogs/utils/i18n_discord.py``); a job that writes to a
  member sets it around rendering their message.

Staff-facing text stays English and never goes through ``t``: a moderator reading an alert about
a Spanish-speaking member reads it in English.

A translation missing at run time falls back to English and is logged once; the catalogue test
(``tests/core/test_translations.py``) fails before that can ship.
"""

from __future__ import annotations

import contextvars
import gettext
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

log = logging.getLogger(__name__)

ENGLISH = "en"
# The languages Kindred speaks besides English (English is the source and needs no catalogue).
TRANSLATED: tuple[str, ...] = ("es", "hi")
LOCALES_DIR = Path(__file__).resolve().parents[2] / "config" / "locales"

_speaking: contextvars.ContextVar[str] = contextvars.ContextVar("kindred_language", default=ENGLISH)
_warned: set[tuple[str, str]] = set()


class CatalogueError(Exception):
    """A catalogue file cannot be read or contradicts another; ``str()`` says which and how."""


def N_(text: str) -> str:
    """Mark ``text`` for translation where it is used (``t(CONSTANT)``); returns it unchanged."""
    return text


def current_language() -> str:
    """The language being spoken now ('en' unless ``speaking`` says otherwise)."""
    return _speaking.get()


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Render everything inside in ``language`` (None or an unknown code: English)."""
    code = language if language in TRANSLATED else ENGLISH
    token = _speaking.set(code)
    try:
        yield code
    finally:
        _speaking.reset(token)


def use_language(language: str | None) -> str:
    """Speak ``language`` for the rest of the current task (an interaction's handler).

    For the start of an interaction, where the whole task speaks to one member; anywhere else
    use ``speaking`` so the language ends with the block.
    """
    code = language if language in TRANSLATED else ENGLISH
    _speaking.set(code)
    return code


def t(text: str, **values: Any) -> str:
    """``text`` in the language being spoken, with ``values`` filled in."""
    translated = _lookup(current_language(), None, text)
    return translated.format(**values) if values else translated


def tp(context: str, text: str, **values: Any) -> str:
    """``t`` for a short text that means different things in different places ("Low")."""
    translated = _lookup(current_language(), context, text)
    return translated.format(**values) if values else translated


def tn(singular: str, plural: str, n: int, **values: Any) -> str:
    """The singular or plural form the language needs for ``n``; ``{n}`` is filled in."""
    language = current_language()
    if language == ENGLISH:
        chosen = singular if n == 1 else plural
    else:
        translations = catalogue(language)
        chosen = translations.ngettext(singular, plural, n)
        if chosen in (singular, plural) and singular not in _loaded(language).texts:
            _warn_missing(language, singular)
    return chosen.format(n=n, **values)


def in_language(language: str | None, text: str, **values: Any) -> str:
    """``text`` in ``language``, whatever is being spoken now (a message for someone else)."""
    with speaking(language):
        return t(text, **values)


def has_translation(text: str, context: str | None = None, language: str | None = None) -> bool:
    """Whether ``text`` has a translation in ``language`` (default: the one being spoken);
    English always has. For telling staff which language a member will read something in,
    and for data that may or may not be translated (a server's own saved replies)."""
    language = language if language is not None else current_language()
    if language not in TRANSLATED:
        return True
    return (context, text) in _loaded(language).keys


def _lookup(language: str, context: str | None, text: str) -> str:
    if language == ENGLISH:
        return text
    translations = catalogue(language)
    found = translations.gettext(text) if context is None else translations.pgettext(context, text)
    if found == text and (context, text) not in _loaded(language).keys:
        _warn_missing(language, text)
    return found


def _warn_missing(language: str, text: str) -> None:
    if (language, text) not in _warned:
        _warned.add((language, text))
        log.warning("no %s translation for %r: it is sent in English", language, text[:80])


# --- catalogues ---------------------------------------------------------------------------------


def po_files(language: str, directory: Path = LOCALES_DIR) -> list[Path]:
    """The catalogue files of ``language``, one per lane, in a stable order."""
    return sorted((directory / language / "LC_MESSAGES").glob("*.po"))


def read_catalogue(language: str, directory: Path = LOCALES_DIR) -> Catalog:
    """Every file of ``language`` merged into one Babel catalogue (fuzzy entries left out).

    Raises CatalogueError when a file cannot be parsed or two files translate the same English
    text (with the same context) differently.
    """
    merged = Catalog(locale=language, domain="kindred")
    origin: dict[tuple[str | None, str], str] = {}
    plural_rule: tuple[str, str] | None = None
    for path in po_files(language, directory):
        try:
            with path.open("rb") as handle:
                part = read_po(handle, locale=language, abort_invalid=True)
        except Exception as exc:  # Babel raises several types for a malformed file
            raise CatalogueError(
                f"{path}: cannot read this catalogue ({exc}); fix the line it names"
            ) from None
        # The files' own Plural-Forms header rules (gettext's), not Babel's CLDR default,
        # which for Spanish has three forms where translators write two.
        if plural_rule is None:
            plural_rule = (path.name, part.plural_forms)
            merged.mime_headers = part.mime_headers
        elif part.plural_forms != plural_rule[1]:
            raise CatalogueError(
                f"{path.name} and {plural_rule[0]} have different Plural-Forms headers "
                f"({part.plural_forms} / {plural_rule[1]}); use the same in every file"
            )
        for message in part:
            if not message.id or message.fuzzy:
                continue
            key_id = message.id if isinstance(message.id, str) else message.id[0]
            key = (message.context, key_id)
            previous = merged.get(message.id, context=message.context)
            if previous is not None and previous.string != message.string:
                raise CatalogueError(
                    f"{path.name} and {origin[key]} translate {key_id[:60]!r} differently; "
                    "make them agree, or tell them apart with msgctxt"
                )
            merged[message.id] = message
            origin[key] = path.name
    return merged


@dataclass(frozen=True)
class _Loaded:
    """One language's catalogue, read once: the translations and which texts it has."""

    translations: gettext.GNUTranslations
    keys: frozenset[tuple[str | None, str]]  # (context, English text) with a translation
    texts: frozenset[str]  # the English texts alone, for plural lookups


@cache
def _loaded(language: str) -> _Loaded:
    merged = read_catalogue(language)
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    keys = frozenset(
        (m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in merged if m.id and m.string
    )
    return _Loaded(gettext.GNUTranslations(buffer), keys, frozenset(text for _, text in keys))


def catalogue(language: str) -> gettext.GNUTranslations:
    """The loaded translations of ``language`` (read once; ``reload()`` forgets them)."""
    return _loaded(language).translations


def reload() -> None:
    """Forget loaded catalogues (tests that write their own, or after editing the files)."""
    _loaded.cache_clear()
    _warned.clear()


def check_catalogues(directory: Path = LOCALES_DIR) -> list[str]:
    """Problems with the catalogue files, for ``bot.py check`` (empty when they load)."""
    problems = []
    for language in TRANSLATED:
        try:
            read_catalogue(language, directory)
        except CatalogueError as exc:
            problems.append(str(exc))
    return problems
