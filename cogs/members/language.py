"""A member's language: which one Kindred uses for them, and reading one from what people type.

Pure rules, no discord and no database. One function decides (``decide``): the member's own
choice (``/language``) first, then their Discord locale when Kindred has that language, then
the server's language. Translating Kindred's copy is a later slice; for now the language picks
a member's group (placement) and, later, the helplines in a crisis DM.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

ENGLISH = "en"
# The languages Kindred knows, by code, with their names as their speakers write them.
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español", "hi": "हिन्दी"}
# How staff read them in English (``/cohort show``, the report).
ENGLISH_NAMES: dict[str, str] = {"en": "English", "es": "Spanish", "hi": "Hindi"}

# Words people write for each language on the join form, case- and accent-folded. The bare codes
# are left out: "en español" and "hi, English please" are ordinary words, not languages.
_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("eng", "english", "ingles", "inglés", "अंग्रेज़ी", "अंग्रेजी", "angrezi"),
    "es": ("spa", "spanish", "espanol", "español", "castellano", "castilian", "espagnol"),
    "hi": ("hin", "hindi", "hindī", "हिंदी", "हिन्दी", "hinglish"),
}


def _fold(text: str) -> str:
    """Lower case without Latin accents (Devanagari is left whole: its marks are letters)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(
        c for c in decomposed if not (unicodedata.combining(c) and "LATIN" in _base_script(c))
    )
    return unicodedata.normalize("NFC", kept)


def _base_script(mark: str) -> str:
    # Combining marks used with Latin letters live in this block; Devanagari's do not.
    return "LATIN" if 0x0300 <= ord(mark) <= 0x036F else "OTHER"


_LOOKUP: dict[str, str] = {_fold(word): code for code, words in _WORDS.items() for word in words}


def from_locale(locale: str | None) -> str | None:
    """The language of a Discord locale ('es-ES', 'es-419', 'hi', 'en-US'), if Kindred has it."""
    if not locale:
        return None
    code = str(locale).split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else None


def decide(own: str | None, locale: str | None, server: str | None) -> str:
    """The language Kindred uses for a member: their own choice, else their Discord locale when
    Kindred has that language, else the server's language (English when unset)."""
    if own in LANGUAGES:
        return own
    spoken = from_locale(locale)
    if spoken is not None:
        return spoken
    return server if server in LANGUAGES else ENGLISH


def languages_in(text: str | None) -> tuple[str, ...]:
    """The languages a member named in free text ("Spanish", "español, English", "हिंदी"), in
    the order written, without repeats; () when none is recognised."""
    if not text:
        return ()
    found: list[str] = []
    for word in _words(text):
        code = _LOOKUP.get(word)
        if code is not None and code not in found:
            found.append(code)
    return tuple(found)


def _words(text: str) -> Iterable[str]:
    cleaned = _fold(text)
    for sep in ",;/&+|.()":
        cleaned = cleaned.replace(sep, " ")
    return cleaned.split()


def check_choice(code: str) -> str:
    """A language code from a command's choices; ValueError for one Kindred does not have."""
    if code not in LANGUAGES:
        raise ValueError(f"not a language Kindred has: {code!r}")
    return code


def english_name(code: str | None) -> str:
    """A language's English name for staff ('Spanish'); 'any language' for None."""
    return ENGLISH_NAMES.get(code or "", "any language")
