"""Letters starred out to slip past a filter, read back for the normaliser (normalise.py).

"s*icide", "k*ll", "su**ide", "m*rir": a star run stands for as many letters (a single star for
one or two), and the word is restored only when exactly one of ``TARGETS`` fits, so "sh*t" or
"d*mn" stay as they are. Only stars with a letter on both sides count: a lexicon phrase's
trailing "*" (any ending) and "*hugs*" are left alone. Words that are ordinary when starred
("cut", "shoot") are not targets. Stars between single letters ("k*i*l*l") are spaced-out
letters, which the normaliser joins before this runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = [
    "DEVA_STARRED",
    "DEVA_TARGETS",
    "STARRED",
    "TARGETS",
    "deva_restar",
    "deva_unstar",
    "restore",
    "unstar",
]

TARGETS = (
    "suicide", "suicidal", "kill", "killing", "killed", "die", "dying", "died", "dead",
    "death", "hang", "hanging", "overdose", "unalive", "harm", "harming", "myself", "wrists",
    "razor", "murder",
    # Spanish and Hinglish death words
    "suicidio", "suicidar", "suicidarme", "suicida", "matarme", "matar", "morir", "morirme", "muerte",
    "muerto", "muerta", "khudkushi", "marna", "marne", "maut",
)  # fmt: skip
STARRED = re.compile(r"(?<![a-z*])[a-z]+(?:\*+[a-z]+)+(?![a-z*])")
_STAR_RUN = re.compile(r"\*+")


def _latin_run(stars: int) -> str:
    """What a run of stars stands for in Latin letters: one or two for a single star, else one
    letter a star."""
    return "[a-z]{1,2}" if stars == 1 else f"[a-z]{{{stars}}}"


def _deva_run(stars: int) -> str:
    """What a run of stars stands for in Devanagari: none, or up to one letter or sign more than
    the stars (see ``DEVA_TARGETS``)."""
    return f"[\u0900-\u097f]{{0,{stars + 1}}}"


def _pattern(word: str, run: Callable[[int], str] = _latin_run) -> re.Pattern[str]:
    """A regex for the words a starred spelling could stand for, each star run as ``run`` says."""
    parts = _STAR_RUN.split(word)
    body = re.escape(parts[0])
    for stars, part in zip(_STAR_RUN.findall(word), parts[1:], strict=True):
        body += run(len(stars)) + re.escape(part)
    return re.compile(body)


def restore(word: str) -> str | None:
    """The one target word a starred spelling fits, or None."""
    pattern = _pattern(word)
    fits = [w for w in TARGETS if pattern.fullmatch(w)]
    return fits[0] if len(fits) == 1 else None


def unstar(match: re.Match[str]) -> str:
    """The one target word a starred spelling fits, else the spelling as it was."""
    return restore(match.group(0)) or match.group(0)


# Devanagari, as the normaliser has folded it by the time stars are read (no virama or nukta, long
# vowel signs short: "स्*साइड" arrives as "स*साइड"), each with the word it stands for. A star run
# stands for up to two letters or signs more than its length, or none: writers star a vowel sign
# or put a star inside the word ("स्यु*साइड").
DEVA_TARGETS = {
    "सुसाइड": "सुसाइड", "सयुसाइड": "सुसाइड", "आतमहतया": "आतमहतया", "खुदकुशि": "खुदकुशि",
    "मरना": "मरना", "मौत": "मौत", "फासि": "फासि",
}  # fmt: skip
DEVA_STARRED = re.compile(r"[\u0900-\u097f]+(?:\*+[\u0900-\u097f]+)+")


def deva_unstar(match: re.Match[str]) -> str:
    """The one Devanagari word a starred spelling fits (``DEVA_TARGETS``), else the spelling."""
    word = match.group(0)
    pattern = _pattern(word, _deva_run)
    fits = {meant for folded, meant in DEVA_TARGETS.items() if pattern.fullmatch(folded)}
    return fits.pop() if len(fits) == 1 else word


# A digit or leet symbol between Devanagari letters (fifteenth pass: "सु1साइड", seen in two sets).
_DEVA_LEET = re.compile(r"(?<=[\u0900-\u0963])[0-9@$!#]+(?=[\u0900-\u0963])")


def deva_restar(text: str) -> str:
    """``text`` with each digit or symbol inside a Devanagari word as a star, so the starred
    reading (``deva_unstar``) reads "सु1साइड" as "सु*साइड"."""
    if text.isascii():
        return text
    return _DEVA_LEET.sub(lambda m: "*" * len(m.group(0)), text)
