"""Spaced-out letters, glued back into words: "s u i c i d e", "k.i.l.l", "m a r n a  h a i".

Part of ``normalise`` (cogs/screening/normalise.py), which calls ``join_spaced_letters`` on text
that ``SPACED_HINT`` says may hold such a run.
"""

from __future__ import annotations

import re

from cogs.screening.starred import restore

__all__ = ["SPACED_HINT", "join_spaced_letters"]

# "s u i c i d e" (4+ single letters with single spaces) or "k.i.l.l" / "s-u-i-c-i-d-e" /
# "k*i*l*l" (3+ letters with the same punctuation mark). Space-separated runs need four letters
# so ordinary "i" and "a" next to shorthand do not get glued together.
# Two spaces between letters end one spelled-out word and start the next ("m a r n a  h a i").
_SPACED_SPACE = re.compile(r"(?<![\w'])[a-z](?: {1,2}[a-z]){3,}(?![\w'])")
_SPACED_PUNCT = re.compile(r"(?<![\w'])[a-z](?:([.\-*_/+~]) ?[a-z])(?: ?\1 ?[a-z])+\b\.?")
# Cheap test: two single letters, each followed by a separator. Most messages fail it. (No
# look-behind: it makes the scan several times slower; callers put a space in front instead.)
SPACED_HINT = re.compile(r" [a-z][ .\-*_/+~] ?[a-z][ .\-*_/+~]")
_NOT_LETTER = re.compile(r"[^a-z]+")


# Spelled-out Hindi and Spanish words that end in "a" or "i", which the rule below would split.
_SPELLED_WHOLE = frozenset(
    {"marna", "mrna", "marni", "jeena", "jina", "khudkushi", "aatmahatya", "suicida", "muerta"}
)


def _join_spaced(match: re.Match[str]) -> str:
    """Glue a run of spaced-out single letters into one word (one word per double space)."""
    run = match.group(0)
    if "*" in run:
        # "m*t*r" is "matar" with its vowels starred out, not the letters "mtr"; "k*i*l*l",
        # which fits no target that way, is spaced-out letters.
        starred = restore(run.replace(" ", "").rstrip("."))
        if starred:
            return starred
    if run[1] == " " and "  " in run:
        return " ".join(_glue(part) for part in run.split("  "))
    return _glue(run)


def _glue(run: str) -> str:
    letters = _NOT_LETTER.sub("", run)
    if letters in _SPELLED_WHOLE:
        return letters
    # "s u i c i d e a lot": a lone "a" or "i" at either end of a space-separated run is more
    # likely a real word than part of the spelled-out one.
    if run[1:2] == " " and len(letters) > 4:
        head = tail = ""
        if letters[0] in "ai":
            head, letters = letters[0] + " ", letters[1:]
        if letters[-1] in "ai" and len(letters) > 4:
            tail, letters = " " + letters[-1], letters[:-1]
        return head + letters + tail
    return letters


def join_spaced_letters(text: str) -> str:
    """``text`` with every run of spaced-out or punctuated single letters glued into words."""
    return _SPACED_SPACE.sub(_join_spaced, _SPACED_PUNCT.sub(_join_spaced, text))
