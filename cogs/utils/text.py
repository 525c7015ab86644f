"""Checking short things people type: names Kindred later posts, and whole numbers.

Plain rules (no discord, no I/O), so every lane that accepts a name or a typed number uses the
same ones and says the same clear thing when it can't.

Names (a cohort's name, a group's label) end up in channel posts, reminders, DMs and channel
names, so they may not carry what would misbehave there: control characters (line breaks,
tabs), invisible characters (zero-width spaces, direction overrides, blank fillers) that make
two names look alike or hide text, and mentions (``@everyone``, ``@here``, ``<@…>``,
``<@&…>``, ``<#…>``) that would ping people. Two kinds of invisible character are part of
how some people write, so they are kept where they do that job: a zero-width joiner or
non-joiner between two non-ASCII characters (Persian words, Indic conjuncts, emoji such as the
rainbow flag), and the tag characters inside a flag such as Wales's. Between ASCII characters a
joiner does nothing but hide, so it is refused there.

Quoting: members' words shown to staff (crisis excerpts, hidden copies, appeals) go through
:func:`quote_safely`, so nothing a member typed can ping, link or format anything.

Numbers: Python's ``int()`` reads digits of every script ("٣", "३", "３" are all 3), and also
mixes of scripts. :func:`read_whole_number` reads a number written in the decimal digits of one
script (so a member whose keyboard writes Arabic-Indic, Devanagari or full-width digits is
understood), and refuses digit look-alikes that are not decimal digits (superscripts, circled
numbers) and mixes of scripts, which are more likely a slip than a number.
"""

from __future__ import annotations

import re
import unicodedata

from cogs.utils.errors import InvalidInput

ZWNJ, ZWJ = "\u200c", "\u200d"
# Characters that show as nothing but are not in Unicode's "format" category.
_BLANK_LOOKALIKES = frozenset(
    "\u034f"  # combining grapheme joiner
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers, often used for "empty" names
    "\u2800"  # braille pattern blank
)
# A subdivision flag: black flag, tag letters or digits, cancel tag (England, Scotland, Wales).
_FLAG_TAGS = re.compile("\U0001f3f4([\U000e0030-\U000e0039\U000e0061-\U000e007a]+)\U000e007f")
_EVERYONE = re.compile(r"@(everyone|here)", re.IGNORECASE)
_MENTION = re.compile(r"<(@[!&]?|#)\d+>|</[^<>\s]+:\d+>")


def check_name(text: str, *, what: str, limit: int) -> str:
    """A name someone typed, tidied (runs of spaces become one); InvalidInput saying what to
    change when it is empty, longer than ``limit``, or carries a control character, an
    invisible character or a mention. ``what`` names it in the message ("cohort name")."""
    problem = name_problem(text)
    if problem:
        raise InvalidInput(f"The {what} can't contain {problem}. Please type it again without it.")
    cleaned = " ".join(text.split())
    if not cleaned or not any(_visible(c) for c in cleaned):
        raise InvalidInput(f"Please give a {what} of 1 to {limit} characters.")
    if len(cleaned) > limit:
        raise InvalidInput(
            f"Please keep the {what} to {limit} characters (this one has {len(cleaned)})."
        )
    return cleaned


def name_problem(text: str) -> str | None:
    """What makes ``text`` unusable as a name Kindred posts, in words; None when nothing."""
    if _EVERYONE.search(text):
        return "`@everyone` or `@here` (they would ping the whole server)"
    if _MENTION.search(text):
        return "a mention of a member, role or channel (such as `<@…>` or `<@&…>`)"
    # Tag characters are allowed only inside a well-formed flag; the scan skips those.
    allowed_tags = {i for m in _FLAG_TAGS.finditer(text) for i in range(m.start() + 1, m.end())}
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cc" or category in ("Zl", "Zp"):
            return f"control characters such as line breaks or tabs ({_describe(text, index)})"
        if index in allowed_tags:
            continue
        if char in (ZWJ, ZWNJ) and _joins(text, index):
            continue
        if category in ("Cf", "Cs") or char in _BLANK_LOOKALIKES:
            return f"invisible characters ({_describe(text, index)})"
    return None


def _joins(text: str, index: int) -> bool:
    """Is the joiner at ``index`` between two visible non-ASCII characters (doing its job)?"""
    if index == 0 or index == len(text) - 1:
        return False
    before, after = text[index - 1], text[index + 1]
    return not (before.isascii() or after.isascii()) and _visible(before) and _visible(after)


def _visible(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNPSM" and char not in _BLANK_LOOKALIKES


def _describe(text: str, index: int) -> str:
    """Where the bad character is: its code and name, and the text just before it."""
    char = text[index]
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}" + (f" {name}" if name else "")
    before = "".join(c for c in text[max(0, index - 12) : index] if _visible(c) or c == " ")
    return f"{code}, after “{before.strip()}”" if before.strip() else f"{code}, at the start"


def read_whole_number(text: str) -> int | None:
    """A whole number typed with the decimal digits of one script, with an optional leading
    minus sign (``-2``, ``٣``, ``३``, ``３``); None when it is anything else (empty, mixed
    scripts, superscripts, circled numbers, fractions, a plus sign, spaces inside)."""
    cleaned = text.strip()
    sign = -1 if cleaned[:1] in ("-", "\u2212") else 1  # ASCII hyphen-minus or the minus sign
    digits = cleaned[1:] if sign == -1 else cleaned
    if not digits:
        return None
    zeros = set()
    for char in digits:
        value = unicodedata.decimal(char, None)
        if value is None:
            return None
        zeros.add(ord(char) - value)  # each script's digits run 0..9 from its own zero
    if len(zeros) != 1:
        return None
    return sign * int("".join(str(unicodedata.decimal(c)) for c in digits))


# Markdown that Discord renders inline, escaped with a backslash so an excerpt shows as typed;
# block markers (quote, heading, list) matter only at the start of the one-line excerpt.
_MARKDOWN = re.compile(r"([\\*_~`|\[\]()<>])")
_BLOCK_START = re.compile(r"^\s*([#>-])")
_URL = re.compile(r"\b([a-z][a-z0-9+.-]*):/+", re.IGNORECASE)
ZWSP = "\u200b"


def quote_safely(text: str) -> str:
    """A member's words as staff should see them: shown as typed, never acted on.

    Links are defanged (``https[:]//…``: not clickable, no preview), every ``@`` is followed
    by a zero-width space so ``@everyone`` and ``<@…>`` neither ping nor render as a mention,
    and markdown is escaped so ``[label](url)`` or ``**…**`` show as the characters typed.
    """
    flat = _URL.sub(lambda m: f"{m.group(1)}{ZWSP}:{ZWSP}//", text)
    flat = flat.replace("@", f"@{ZWSP}")
    flat = _MARKDOWN.sub(r"\\\1", flat)
    return _BLOCK_START.sub(r"\\\1", flat)
