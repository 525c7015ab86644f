"""Scoring wellbeing answers by each instrument's published rule (pure; no discord, no I/O).

Every answer of a form is checked before anything is scored, so a form with one bad answer
raises InvalidInput and nothing of it is saved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cogs.utils.errors import InvalidInput
from cogs.utils.i18n import t, tp
from cogs.utils.text import read_whole_number
from cogs.wellbeing.instruments import Instrument


@dataclass(frozen=True)
class Scored:
    """One instrument's answers and score."""

    instrument: str
    answers: tuple[int, ...]
    score: int

    @property
    def crisis(self) -> bool:
        """Whether any answer is above zero (meaningful for a crisis item only)."""
        return any(a > 0 for a in self.answers)


def parse_answer(instrument: Instrument, index: int, text: str) -> int:
    """One typed answer -> its number; InvalidInput naming the allowed answers otherwise.

    Digits of any one script are read (``٣``, ``३`` and ``３`` are 3): a member whose keyboard
    writes their own numerals means the same number, and on the self-harm item a refusal could
    lose the answer altogether. Anything that is not plainly one whole number (superscripts,
    circled numbers, mixed scripts, ``--3``) is refused, never guessed.
    """
    said = instrument.said
    where = f"“{instrument.short(index)}” ({said(instrument.name)})"
    allowed = t(
        "a whole number from {low} to {high} ({low} = {low_words}, {high} = {high_words})",
        low=instrument.min,
        high=instrument.max,
        low_words=said(instrument.labels[0]).lower(),
        high_words=said(instrument.labels[-1]).lower(),
    )
    again = t("Nothing was saved: press the button again to fill in the form.")
    value = read_whole_number(text)
    if value is None:
        shown = repr(text.strip()[:10]) if text.strip() else repr(tp("typed answer", "nothing"))
        raise InvalidInput(
            t(
                "The answer to {where} was {shown}; please type {allowed}. {again}",
                where=where,
                shown=shown,
                allowed=allowed,
                again=again,
            )
        )
    if not instrument.min <= value <= instrument.max:
        raise InvalidInput(
            t(
                "The answer to {where} was {value}, but it must be {allowed}. {again}",
                where=where,
                value=value,
                allowed=allowed,
                again=again,
            )
        )
    return value


def read_as(typed: Mapping[str, str]) -> list[tuple[str, int]]:
    """Answers written in other digits than 0-9, each with the number it was read as, so the
    member can see how they were understood (``[("٣", 3)]``)."""
    shown = []
    for text in typed.values():
        value = read_whole_number(text)
        if value is not None and not text.strip().isascii():
            shown.append((text.strip(), value))
    return shown


def score(instrument: Instrument, answers: Sequence[int]) -> Scored:
    """Score one instrument: the sum of the answers times its multiplier (WHO-5: x 4)."""
    if len(answers) != len(instrument.items):
        raise InvalidInput(
            f"{instrument.name} needs {len(instrument.items)} answers, got {len(answers)}."
        )
    for value in answers:
        if isinstance(value, bool) or not instrument.min <= value <= instrument.max:
            raise InvalidInput(
                f"Each answer to {instrument.name} must be a whole number from "
                f"{instrument.min} to {instrument.max}; got {value}."
            )
    return Scored(
        instrument=instrument.key,
        answers=tuple(answers),
        score=sum(answers) * instrument.multiplier,
    )


def score_form(instruments: Sequence[Instrument], typed: Mapping[str, str]) -> list[Scored]:
    """Typed answers (input id ``<instrument>:<item index>`` -> text) -> scored instruments.

    Raises InvalidInput on the first answer missing or out of range, before scoring anything.
    """
    parsed: list[tuple[Instrument, list[int]]] = []
    for instrument in instruments:
        values = []
        for index in range(len(instrument.items)):
            values.append(
                parse_answer(instrument, index, typed.get(input_id(instrument, index), ""))
            )
        parsed.append((instrument, values))
    return [score(instrument, values) for instrument, values in parsed]


def input_id(instrument: Instrument, index: int) -> str:
    """The form input's custom id for item ``index`` of an instrument."""
    return f"{instrument.key}:{index}"
