"""Private details in a message: phone numbers, emails, street addresses and handles.

Found with regexes on the raw text (normalising turns digits and "@" into letters), and only
when cheap tests pass first: a digit or an "@"; enough digits for a phone number; a street
ending as a word; the words "lives on" and the like. Used by ``GuidelineScreen`` for the
``privacy`` label (see ``cogs.guidelines.screen``).
"""

from __future__ import annotations

import re

from cogs.guidelines.rules import PrivacySettings, Rule

__all__ = ["PrivacyFinder", "builtin_privacy_rule"]

# Discord markup (mentions, channels, custom emoji, timestamps) and links carry long digit runs
# that are not phone numbers; they are blanked before looking for numbers.
_MARKUP = re.compile(r"<(?:@[!&]?|#|a?:\w+:|t:)\d+(?::\w)?>|https?://\S+|\bwww\.\S+")
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d \t().\-]{4,}\d(?!\w)")
_DATE = re.compile(r"^\d{4}[-.]\d{1,2}[-.]\d{1,2}$|^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}$")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[a-zA-Z]{2,}")
# Words that, between a number and a street ending, mean it is not an address
# ("2 days that way", "3 more steps down the road").
_NOT_STREET_NAME = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "my",
        "your",
        "his",
        "her",
        "our",
        "their",
        "other",
        "more",
        "less",
        "days",
        "day",
        "hours",
        "hour",
        "minutes",
        "minute",
        "miles",
        "mile",
        "km",
        "weeks",
        "week",
        "months",
        "month",
        "years",
        "year",
        "times",
        "time",
        "steps",
        "step",
        "of",
        "to",
        "and",
        "or",
        "in",
        "on",
        "at",
        "for",
        "with",
        "way",
        "down",
        "up",
    ]
)
# Street endings that are also ordinary words need a capitalised name ("3 Elm Close").
_WEAK_SUFFIXES = frozenset(
    [
        "way",
        "walk",
        "hill",
        "row",
        "close",
        "place",
        "court",
        "drive",
        "dr",
        "ct",
        "pl",
        "sq",
        "square",
        "grove",
        "gardens",
    ]
)


class PrivacyFinder:
    """Regex checks for phone numbers, emails, street addresses and social handles."""

    def __init__(self, settings: PrivacySettings, disabled: frozenset[str]) -> None:
        self.settings = settings
        self.phone = settings.enabled and "privacy.phone" not in disabled
        self.email = settings.enabled and "privacy.email" not in disabled
        self.address = settings.enabled and "privacy.address" not in disabled
        self.handle = settings.enabled and "privacy.handle" not in disabled
        suffixes = "|".join(re.escape(s) for s in settings.street_suffixes) or "street"
        self._numbered = re.compile(
            rf"\b\d{{1,5}}[a-zA-Z]?,?\s+((?:[A-Za-z][\w'.]*\s+){{1,2}}?)({suffixes})\b\.?",
            re.IGNORECASE,
        )
        self._lives_on = re.compile(
            r"\b(?:lives?|living|stays?|staying|house(?: is)?|home(?: is)?)\s+(?:on|at)\s+"
            rf"((?:[A-Za-z][\w'.]*\s+){{1,2}}?)({suffixes})\b",
            re.IGNORECASE,
        )
        sites = "|".join(re.escape(s) for s in settings.handle_sites) or "ig"
        self._handle = re.compile(rf"\b(?:{sites})\b\s*[:\-]?\s*@[\w.]{{2,}}", re.IGNORECASE)
        self._digits = settings.phone_min_digits
        # Every word of every street ending, as ``_ascii_words`` gives them.
        self._street_words = frozenset(
            word.encode()
            for suffix in settings.street_suffixes or ("street",)
            for word in suffix.lower().split()
        )

    def find(self, text: str, lives_cue: bool = False) -> str | None:
        """The id of the first privacy check that matches ``text`` (raw, not normalised).

        ``lives_cue`` says the message mentions where someone lives, which turns on the check
        for a street named without a house number ("she lives on Maple St").
        """
        if not self.settings.enabled:
            return None
        # One scan for a digit or "@" rules out most chat before any pattern runs.
        if not lives_cue and _DIGIT_OR_AT.search(text) is None:
            return None
        has_at = "@" in text
        if ("<" in text or "http" in text or "www." in text) and (
            has_at or "#" in text or ":" in text or "." in text
        ):
            text = _MARKUP.sub(" ", text)
            has_at = "@" in text
        if has_at:
            if self.email and _EMAIL.search(text):
                return "privacy.email"
            if self.handle and self._handle.search(text):
                return "privacy.handle"
        has_digit = _HAS_DIGIT.search(text) is not None
        if has_digit:
            # Cheap necessary conditions first, for ASCII text (where "\d" is 0-9 and the
            # case-blind match of a street ending is plain ASCII): a phone number needs that
            # many digits in the text, a numbered address needs a street ending as a word.
            plain = text.isascii()
            if (
                self.phone
                and (not plain or len(text.encode().translate(None, _NOT_DIGITS)) >= self._digits)
                and self._has_phone(text)
            ):
                return "privacy.phone"
            if (
                self.address
                and (not plain or not self._street_words.isdisjoint(_ascii_words(text)))
                and self._has_street(self._numbered, text)
            ):
                return "privacy.address"
        if self.address and lives_cue and self._has_street(self._lives_on, text):
            return "privacy.address"
        return None

    def _has_phone(self, text: str) -> bool:
        """A run of enough digits that is not a helpline, date or time."""
        for match in _PHONE.finditer(text):
            chunk = match.group(0).strip(" \t-.()")
            digits = "".join(ch for ch in chunk if ch.isdigit())
            if len(digits) < self.settings.phone_min_digits:
                continue
            if digits in self.settings.safe_numbers or _DATE.match(chunk):
                continue
            if _DECIMAL.search(chunk):
                continue  # prices and measurements ("5.00 - 10.00"), not a phone number
            # A helpline written with a trunk prefix or country code ("0 116 123").
            if any(digits.endswith(safe) and len(safe) >= 6 for safe in self.settings.safe_numbers):
                continue
            return True
        return False

    @staticmethod
    def _has_street(pattern: re.Pattern[str], text: str) -> bool:
        """A street name: one or two plausible name words and a street ending."""
        for match in pattern.finditer(text):
            words = match.group(1).split()
            if any(w.lower().strip(".,") in _NOT_STREET_NAME for w in words):
                continue
            if match.group(2).lower() in _WEAK_SUFFIXES and not all(w[0].isupper() for w in words):
                continue
            return True
        return False


_HAS_DIGIT = re.compile(r"\d")
_NOT_DIGITS = bytes(c for c in range(256) if not ord("0") <= c <= ord("9"))
_WORD_BYTES = bytes(c | 0x20 if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))


def _ascii_words(text: str) -> list[bytes]:
    """The runs of letters in ASCII ``text``, lower-cased."""
    return text.encode().translate(_WORD_BYTES).split()


_DIGIT_OR_AT = re.compile(r"[\d@]")
_DECIMAL = re.compile(r"\d\.\d{1,2}(?!\d)")

_PRIVACY_RULES: dict[str, Rule] = {}


def builtin_privacy_rule(rule_id: str) -> Rule:
    """A Rule object standing for one of the built-in privacy patterns (for ids and counts)."""
    rule = _PRIVACY_RULES.get(rule_id)
    if rule is None:
        rule = Rule(id=rule_id, label="privacy", phrases=())
        _PRIVACY_RULES[rule_id] = rule
    return rule
