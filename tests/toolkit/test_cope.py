"""Choosing what /cope offers: fitting, varied, two or three, seeded."""

from __future__ import annotations

import pytest

from cogs.toolkit.cope import shows_resources, suggest
from cogs.toolkit.strategies import FEELINGS, load_strategies

STRATEGIES = load_strategies()


@pytest.mark.parametrize("feeling", FEELINGS)
@pytest.mark.parametrize("someone", [True, False])
def test_two_or_three_fitting_distinct_strategies(feeling: str, someone: bool) -> None:
    for seed in range(20):
        chosen = suggest(feeling, someone, STRATEGIES, seed)
        assert 2 <= len(chosen) <= 3
        assert len({s.id for s in chosen}) == len(chosen)
        assert all(s.fits(feeling) for s in chosen)


@pytest.mark.parametrize("feeling", FEELINGS)
def test_nobody_around_offers_only_strategies_that_work_alone(feeling: str) -> None:
    for seed in range(20):
        assert not any(s.needs_someone for s in suggest(feeling, False, STRATEGIES, seed))


def test_someone_around_mixes_reaching_out_with_one_that_works_alone() -> None:
    chosen = suggest("lonely", True, STRATEGIES, 7)
    assert [s.needs_someone for s in chosen] == [True, True, False]


def test_the_same_seed_gives_the_same_list_and_seeds_vary_it() -> None:
    assert suggest("low", True, STRATEGIES, 3) == suggest("low", True, STRATEGIES, 3)
    lists = {tuple(s.id for s in suggest("low", True, STRATEGIES, n)) for n in range(30)}
    assert len(lists) > 1


def test_an_unknown_feeling_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown feeling"):
        suggest("sad", True, STRATEGIES, 1)


@pytest.mark.parametrize(
    ("feeling", "shown"),
    [("low", True), ("overwhelmed", True), ("lonely", False), ("anxious", False),
     ("frustrated", False), ("okay", False)],
)  # fmt: skip
def test_helplines_are_shown_for_low_and_overwhelmed(feeling: str, shown: bool) -> None:
    assert shows_resources(feeling) is shown
