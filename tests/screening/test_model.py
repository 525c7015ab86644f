"""The crisis model's run time: thresholds, the veto combination and the fake scorer (the real
shipped model is tested in test_model_shipped.py)."""

from __future__ import annotations

import pytest

from cogs.screening.model import (
    FakeScorer,
    ModelLevel,
    ModelScore,
    Scorer,
    Thresholds,
)

T = Thresholds(alert=0.6, urgent=0.7, veto_floor=0.2)


# -- thresholds and the veto combination -------------------------------------------------


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (ModelScore(0.1, 0.9), ModelLevel.NONE),  # urgent score alone never alerts
        (ModelScore(0.59, 0.0), ModelLevel.NONE),
        (ModelScore(0.6, 0.0), ModelLevel.CONCERN),  # thresholds are inclusive
        (ModelScore(0.9, 0.69), ModelLevel.CONCERN),
        (ModelScore(0.9, 0.7), ModelLevel.URGENT),
    ],
)
def test_level_from_thresholds(score: ModelScore, level: ModelLevel) -> None:
    assert T.level(score) is level


def test_level_labels_line_up_with_the_crisis_levels() -> None:
    from cogs.crisis.lexicon import Level

    for level in ModelLevel:
        assert Level[level.name] == level
        assert level.label == level.name.lower()


def test_veto_rules_out_a_lexicon_alert_only_below_the_floor() -> None:
    low, floor, mid = ModelScore(0.19, 0.0), ModelScore(0.2, 0.0), ModelScore(0.5, 0.0)
    assert T.vetoes(low)
    assert T.combine(low, lexicon_alert=True, lexicon_urgent=True) is ModelLevel.NONE
    assert not T.vetoes(floor)
    assert T.combine(floor, lexicon_alert=True) is ModelLevel.CONCERN
    # A standing lexicon alert keeps the lexicon's urgency though the model's alone would not.
    assert T.combine(mid, lexicon_alert=True, lexicon_urgent=True) is ModelLevel.URGENT
    assert T.level(mid) is ModelLevel.NONE


def test_model_alerts_are_added_to_a_quiet_lexicon() -> None:
    assert T.combine(ModelScore(0.8, 0.1), lexicon_alert=False) is ModelLevel.CONCERN
    assert T.combine(ModelScore(0.8, 0.9), lexicon_alert=False) is ModelLevel.URGENT
    assert T.combine(ModelScore(0.5, 0.9), lexicon_alert=False) is ModelLevel.NONE


# -- the fake scorer ---------------------------------------------------------------------


def test_fake_scorer_is_a_scorer_and_records_batches() -> None:
    fake = FakeScorer(
        scores={"leaving for good tonight": ModelScore(0.95, 0.9)},
        rule=lambda text: ModelScore(0.7, 0.1) if "hopeless" in text else ModelScore(0.0, 0.0),
        thresholds=T,
    )
    scorer: Scorer = fake
    got = scorer.score(["leaving for good tonight", "feeling hopeless", "nice walk"])
    assert got == [ModelScore(0.95, 0.9), ModelScore(0.7, 0.1), ModelScore(0.0, 0.0)]
    assert [scorer.thresholds.level(s) for s in got] == [
        ModelLevel.URGENT,
        ModelLevel.CONCERN,
        ModelLevel.NONE,
    ]
    assert fake.calls == [["leaving for good tonight", "feeling hopeless", "nice walk"]]


def test_fake_scorer_default() -> None:
    fake = FakeScorer(default=ModelScore(0.3, 0.2))
    assert fake.score(["anything"]) == [ModelScore(0.3, 0.2)]
    assert fake.score([]) == []
