"""Choosing what /cope offers: two or three fitting, varied strategies. Pure and seeded."""

from __future__ import annotations

import random
from collections.abc import Sequence

from cogs.toolkit.strategies import FEELINGS, Strategy

# Feelings heavy enough that /cope also shows the helplines, the way /resources does.
RESOURCE_FEELINGS: frozenset[str] = frozenset({"low", "overwhelmed"})


def shows_resources(feeling: str) -> bool:
    """Whether a /cope answer for this feeling also shows the helplines."""
    return feeling in RESOURCE_FEELINGS


def suggest(
    feeling: str, someone_around: bool, strategies: Sequence[Strategy], seed: int
) -> list[Strategy]:
    """Two or three strategies that fit ``feeling``, varied, in a seeded order.

    With someone around: up to two that involve them plus one that works alone, so there is
    something to do even if the person is busy. With nobody around: only ones that work alone.
    Ties are broken by ``seed`` so repeat visits are not always the same list.
    """
    if feeling not in FEELINGS:
        raise ValueError(f"unknown feeling {feeling!r}")
    rng = random.Random(seed)
    fitting = [s for s in strategies if s.fits(feeling)]
    together = [s for s in fitting if s.needs_someone]
    alone = [s for s in fitting if not s.needs_someone]
    rng.shuffle(together)
    rng.shuffle(alone)
    if someone_around:
        chosen = together[:2] + alone[:1]
        # Too few of one kind: fill from the other so there are still two or three.
        for extra in together[2:] + alone[1:]:
            if len(chosen) >= 3:
                break
            chosen.append(extra)
    else:
        chosen = alone[:3]
    return chosen[:3]
