"""Answering a wellbeing form by tapping: how a form splits into screens (pure; no discord).

One screen per instrument, each question a select menu of the scale's labelled answers. A
Discord message holds five rows of components and the last row carries the buttons (Back,
Next or Send, "Type my answers instead"), so a screen asks at most four questions: WHO-5's
five questions take two screens, the others one each.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cogs.wellbeing.instruments import Instrument
from cogs.wellbeing.scoring import input_id

PER_SCREEN = 4  # five rows a message, one of them for the buttons
OPTION_LABEL_MAX = 100  # Discord's limit for a select option's label
SELECT_PLACEHOLDER_MAX = 150  # and for a select's placeholder


@dataclass(frozen=True)
class Screen:
    """One screen: some questions of one instrument (item indexes)."""

    instrument: Instrument
    items: tuple[int, ...]
    part: int  # 1-based: which screen of this instrument
    parts: int  # how many screens this instrument takes

    def input_ids(self) -> list[str]:
        """The questions' ids (``<instrument>:<item index>``) on this screen."""
        return [input_id(self.instrument, i) for i in self.items]


def screens(instruments: Sequence[Instrument]) -> list[Screen]:
    """A form's screens in order: each instrument in chunks of at most PER_SCREEN questions."""
    found: list[Screen] = []
    for instrument in instruments:
        indexes = list(range(len(instrument.items)))
        chunks = [indexes[n : n + PER_SCREEN] for n in range(0, len(indexes), PER_SCREEN)]
        for part, chunk in enumerate(chunks, start=1):
            found.append(Screen(instrument, tuple(chunk), part, len(chunks)))
    return found


def option_label(instrument: Instrument, value: int) -> str:
    """A select option: the number and its words, "0 - At no time"."""
    label = instrument.said(instrument.labels[value - instrument.min])
    return f"{value} - {label}"[:OPTION_LABEL_MAX]


def question(instrument: Instrument, index: int) -> str:
    """A select's placeholder: the question's number and published wording."""
    return f"{index + 1}. {instrument.said(instrument.items[index].text)}"[:SELECT_PLACEHOLDER_MAX]


def unanswered(all_screens: Sequence[Screen], kept: Mapping[str, int]) -> list[tuple[int, str]]:
    """(screen number, question id) of every question without a kept answer, in order."""
    return [
        (n, qid) for n, screen in enumerate(all_screens) for qid in screen.input_ids()
        if qid not in kept
    ]  # fmt: skip


def first_screen_to_show(all_screens: Sequence[Screen], kept: Mapping[str, int]) -> int:
    """Where a member coming back starts: the first screen with a question left, else the last."""
    missing = unanswered(all_screens, kept)
    return missing[0][0] if missing else max(len(all_screens) - 1, 0)
