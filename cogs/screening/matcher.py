"""Find many lexicon phrases in a message in one pass (Aho-Corasick), on word boundaries.

A screen builds one ``PhraseMatcher`` at start-up from its lexicon and calls ``find`` on
``normalise(text)`` for every message the shared raw-text gate (``cogs.screening.gate``) does
not rule out. The automaton walks the text once whatever the size of the
lexicon, which is what keeps screening cheap next to a regex per phrase.

Phrases are normalised with the same ``normalise()`` as messages, so a lexicon entry written
"don't want to live" matches "dont wanna live" in a message. A phrase ending in ``*`` is a prefix:
"suicid*" matches "suicide", "suicidal" and "suicidally", but still has to start on a word
boundary. A phrase written without spaces between words also matches the words run together
("kill myself" matches "killmyself"), because spelled-out letters are joined into one word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from cogs.screening.normalise import normalise

__all__ = ["Match", "PhraseMatcher"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """One phrase found in a normalised text: ``text[start:end]`` matched ``phrase``."""

    start: int
    end: int
    phrase: str  # the phrase as written in the lexicon
    value: T


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    """What the automaton stores for one key: every phrase/value that uses it."""

    length: int
    prefix: bool
    phrase: str
    value: T


def _is_word_char(ch: str) -> bool:
    """Letters and digits make words; everything else is a boundary. Devanagari vowel signs
    are combining marks, not letters, yet part of the word ("मरना" is one word)."""
    return ch.isalnum() or "\u0900" <= ch <= "\u097f"


class PhraseMatcher(Generic[T]):
    """Whole-word phrase search over normalised text, many phrases in one pass."""

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        """Build the automaton from ``(phrase, value)`` pairs; a phrase may appear many times.

        Raises ValueError for a phrase that is empty after normalising (the caller turns that
        into a ConfigError naming the file and line).
        """
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list[_Entry[T]]] = {}
        self._size = 0
        for raw, value in phrases:
            prefix = raw.rstrip().endswith("*")
            key = normalise(raw.rstrip().rstrip("*"))
            if not key:
                raise ValueError(f"phrase {raw!r} is empty after normalising")
            keys = {key}
            if " " in key:
                # Spelled-out letters are joined into one word ("k i l l m y s e l f").
                keys.add(key.replace(" ", ""))
            for k in keys:
                entries.setdefault(k, []).append(_Entry(len(k), prefix, raw, value))
            self._size += 1
        for key, items in entries.items():
            self._automaton.add_word(key, tuple(items))
        self._empty = not entries
        if not self._empty:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        """Number of phrases the matcher was built from."""
        return self._size

    def find(self, text: str) -> list[Match[T]]:
        """Every phrase occurrence in ``text`` (already normalised) that sits on word boundaries.

        Overlapping matches are all returned (both "want to die" and "die" if both are phrases),
        ordered by end position; the caller decides which wins.
        """
        if self._empty:
            return []
        found: list[Match[T]] = []
        n = len(text)
        for end_index, items in self._automaton.iter(text):
            end = end_index + 1
            after_is_word = end < n and _is_word_char(text[end])
            for item in items:
                start = end - item.length
                if start > 0 and _is_word_char(text[start - 1]):
                    continue
                if after_is_word and not item.prefix:
                    continue
                stop = end
                if after_is_word:  # a prefix phrase: the match runs to the end of the word
                    while stop < n and _is_word_char(text[stop]):
                        stop += 1
                found.append(Match(start, stop, item.phrase, item.value))
        return found

    def search(self, text: str) -> bool:
        """True if any phrase occurs in ``text`` on word boundaries (stops at the first)."""
        if self._empty:
            return False
        n = len(text)
        for end_index, items in self._automaton.iter(text):
            end = end_index + 1
            after_is_word = end < n and _is_word_char(text[end])
            for item in items:
                start = end - item.length
                if start > 0 and _is_word_char(text[start - 1]):
                    continue
                if after_is_word and not item.prefix:
                    continue
                return True
        return False
