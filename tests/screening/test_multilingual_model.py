"""Routing messages to the English or the multilingual crisis model, with fake scorers.

The real shipped model is checked in ``test_multilingual_model_shipped.py``.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from cogs.crisis.detector import CrisisScreen, Level, Verdict
from cogs.crisis.lexicon import default_lexicon_path, load_lexicon
from cogs.screening.model import FakeScorer, ModelFileError, ModelScore, Thresholds
from cogs.screening.multilingual_model import (
    ByLanguage,
    CutOffs,
    LanguageScore,
    _cut_offs,
    model_view,
    reads_multilingual,
)
from cogs.screening.service import Screener
from cogs.screening.stage import MODEL_ALERT_RULE, MODEL_VETO_RULE, Scorer, combine
from cogs.screening.stage import Thresholds as Cut

if TYPE_CHECKING:
    from bot import DataFiles

EN_T = Thresholds(alert=0.9, urgent=0.5, veto_floor=0.1)
ML_T = Thresholds(alert=0.6, urgent=0.7, veto_floor=0.2)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("ya no aguanto más, quiero que todo se acabe", True),
        ("¿alguien más tiene fatiga por la tarde?", True),
        ("मुझे अब जीना नहीं है", True),
        ("ab kuch bhi kar lo, koi fark nahi padta yaar", True),
        ("I can't see the point of any of it", False),
        ("the fatigue is bad today but I'm coping", False),
        ("لا أستطيع النوم", False),  # Arabic: a script no model here was measured on
        ("", False),
    ],
)
def test_the_multilingual_model_reads_spanish_hindi_and_hinglish_only(
    text: str, wanted: bool
) -> None:
    assert reads_multilingual(text) is wanted


@pytest.mark.parametrize(
    ("text", "view"),
    [
        # Hinglish, and a Latin text whose language is unsure: read back as Hindi.
        ("ab jeena nahi hai yaar", "अब जीना नहीं है यार"),
        ("kal MRI hai", "कल MRI है"),
        # Spanish and Hindi in Devanagari: as written.
        ("ya no quiero vivir", "ya no quiero vivir"),
        ("मुझे अब जीना नहीं है", "मुझे अब जीना नहीं है"),
    ],
)
def test_the_model_reads_hinglish_in_devanagari_and_the_rest_as_written(
    text: str, view: str
) -> None:
    assert model_view(text) == view


def test_each_message_goes_to_one_model_and_its_score_carries_that_models_thresholds() -> None:
    english = FakeScorer(default=ModelScore(0.1, 0.0), thresholds=EN_T)
    multilingual = FakeScorer(default=ModelScore(0.8, 0.2), thresholds=ML_T)
    scorer = ByLanguage(english, multilingual)
    texts = ["I'm fine, just tired", "ya no quiero vivir", "मुझे अब जीना नहीं है"]
    scores = scorer.score(texts)
    assert english.calls == [["I'm fine, just tired"]]
    assert multilingual.calls == [["ya no quiero vivir", "मुझे अब जीना नहीं है"]]
    assert [s.alert for s in scores] == [0.1, 0.8, 0.8]
    assert [getattr(s, "thresholds", None) for s in scores] == [EN_T, ML_T, ML_T]
    assert scorer.thresholds == EN_T


def test_a_message_no_model_reads_is_refused_loudly_not_scored_by_the_wrong_model() -> None:
    scorer = ByLanguage(None, FakeScorer(thresholds=ML_T))
    assert not scorer.reads("I can't see the point of any of it")
    assert scorer.reads("ya no quiero vivir")
    with pytest.raises(ValueError, match="no model reads"):
        scorer.score(["I can't see the point of any of it"])
    with pytest.raises(ValueError, match="at least one model"):
        ByLanguage(None, None)


def test_the_combination_uses_the_thresholds_the_score_carries() -> None:
    lexicon = CrisisScreen(load_lexicon([default_lexicon_path()])).screen("hola a todos")
    # 0.7 is below the English alert bar (0.9) but above the multilingual one (0.6).
    own = LanguageScore(0.7, 0.1, ML_T)
    verdict = combine(lexicon, own, EN_T)
    assert verdict.level is Level.CONCERN
    assert MODEL_ALERT_RULE in verdict.rules
    assert combine(lexicon, ModelScore(0.7, 0.1), EN_T).level is Level.NONE


def _screener(data_files: DataFiles, model: Scorer | None) -> Screener:
    return Screener(data_files.crisis, data_files.guidelines, model)


def test_the_screener_scores_spanish_with_the_multilingual_model(data_files: DataFiles) -> None:
    english = FakeScorer(default=ModelScore(0.0, 0.0), thresholds=EN_T)
    multilingual = FakeScorer(
        scores={"ya me despedí de todos, esta noche termino con esto": ModelScore(0.95, 0.9)},
        thresholds=ML_T,
    )
    screener = _screener(data_files, ByLanguage(english, multilingual))
    try:
        texts = [
            "ya me despedí de todos, esta noche termino con esto",
            "hoy salimos a caminar con mi hermana, fue un buen día",
        ]
        readings = screener.read_many([(t, None) for t in texts])
    finally:
        screener.close()
    assert readings[0].crisis.level is Level.URGENT
    assert readings[1].crisis.level is Level.NONE
    assert multilingual.calls == [texts]
    assert english.calls == []


def test_with_the_english_model_alone_spanish_is_left_to_the_rules(data_files: DataFiles) -> None:
    english = FakeScorer(default=ModelScore(0.99, 0.99), thresholds=EN_T)
    screener = _screener(data_files, english)
    try:
        readings = screener.read_many(
            [("hoy salimos a caminar con mi hermana, fue un buen día", None)]
        )
    finally:
        screener.close()
    assert readings[0].crisis_score is None
    assert readings[0].crisis.level is Level.NONE


def test_a_corrupt_multilingual_model_is_reported_and_the_english_model_still_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The crisis lane never fails silently: a broken file is logged as critical, named, and
    the rules (and the English model) keep screening."""
    from cogs.screening import multilingual_model
    from cogs.screening.model import CrisisModel
    from cogs.screening.service import load_crisis_model

    broken = tmp_path / "multilingual"
    broken.mkdir()
    (broken / "thresholds.json").write_text('{"files": {}}', encoding="utf-8")
    monkeypatch.setattr(multilingual_model, "default_multilingual_dir", lambda: broken)
    with caplog.at_level(logging.CRITICAL):
        model = load_crisis_model()
    assert isinstance(model, CrisisModel)
    assert "multilingual crisis model could not be loaded" in caplog.text
    assert "thresholds.json" in caplog.text


# --- a bar per language ---------------------------------------------------------------------

ES_T = Thresholds(alert=0.5, urgent=0.7, veto_floor=0.0)
HI_T = Thresholds(alert=0.4, urgent=0.7, veto_floor=0.0)
HG_T = Thresholds(alert=0.9, urgent=0.7, veto_floor=0.0)
CUTS = CutOffs(ML_T, {"es": ES_T, "hi": HI_T, "hinglish": HG_T})


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("ya no quiero vivir", ES_T),
        ("¿alguien más?", ES_T),
        ("मुझे अब जीना नहीं है", HI_T),
        ("main ab aur nahi jee sakta yaar", HG_T),
        # Neither Spanish nor Hinglish function words: unsure, so the lower of the Latin bars.
        ("k m s", ES_T),
    ],
)
def test_each_language_meets_its_own_bar_and_doubt_gets_the_lower_one(
    text: str, wanted: Thresholds
) -> None:
    assert CUTS.for_text(text) == wanted


def test_a_language_without_its_own_bar_gets_the_shared_one() -> None:
    cuts = CutOffs(ML_T, {"es": ES_T})
    assert cuts.for_text("मुझे अब जीना नहीं है") == ML_T
    assert cuts.for_text("main ab aur nahi jee sakta yaar") == ML_T
    assert cuts.for_text("k m s") == ES_T  # unsure: the only Latin bar there is
    assert CutOffs(ML_T, {}).for_text("k m s") == ML_T


class _PerLanguage(FakeScorer):
    def thresholds_for(self, text: str) -> Cut:
        return CUTS.for_text(text)


def test_a_multilingual_score_carries_the_bar_of_its_own_language() -> None:
    english = FakeScorer(default=ModelScore(0.1, 0.0), thresholds=EN_T)
    multilingual = _PerLanguage(default=ModelScore(0.6, 0.2), thresholds=ML_T)
    scores = ByLanguage(english, multilingual).score(
        ["I'm fine", "ya no quiero vivir", "मुझे अब जीना नहीं है", "jeene ka mann nahi hai yaar"]
    )
    assert [getattr(s, "thresholds", None) for s in scores] == [EN_T, ES_T, HI_T, HG_T]
    lexicon = CrisisScreen(load_lexicon([default_lexicon_path()])).screen("hola a todos")
    # The same score, 0.6: over the Spanish and Hindi bars, under the Hinglish one.
    levels = [combine(lexicon, s, EN_T).level for s in scores[1:]]
    assert levels == [Level.CONCERN, Level.CONCERN, Level.NONE]


# --- the multilingual model's veto, where a language's thresholds give a floor --------------

HG_VETO = Thresholds(alert=0.9, urgent=0.7, veto_floor=0.3)
RULE_ALERT = Verdict(Level.CONCERN, ("hinglish_wish_to_die",), "Describes suicidal thoughts.")


def test_the_multilingual_model_vetoes_a_rule_alert_only_where_its_language_has_a_floor() -> None:
    # Below the Hinglish floor: the rule's alert becomes a quiet look for staff.
    vetoed = combine(RULE_ALERT, LanguageScore(0.1, 0.0, HG_VETO, True), EN_T)
    assert vetoed.level is Level.WATCH
    assert MODEL_VETO_RULE in vetoed.rules
    # At the floor it stands; with no floor (rules OR model) nothing is vetoed.
    assert combine(RULE_ALERT, LanguageScore(0.3, 0.0, HG_VETO, True), EN_T) is RULE_ALERT
    assert combine(RULE_ALERT, LanguageScore(0.0, 0.0, HG_T, True), EN_T) is RULE_ALERT
    # The English model's score, even carrying a floor, never vetoes a Hinglish rule.
    assert combine(RULE_ALERT, LanguageScore(0.1, 0.0, HG_VETO), EN_T) is RULE_ALERT


def test_only_the_multilingual_models_scores_may_veto_its_languages_rules() -> None:
    english = FakeScorer(default=ModelScore(0.0, 0.0), thresholds=EN_T)
    multilingual = FakeScorer(default=ModelScore(0.0, 0.0), thresholds=ML_T)
    scores = ByLanguage(english, multilingual).score(["I'm fine", "jeene ka mann nahi hai yaar"])
    assert [getattr(s, "reads_rule_languages", None) for s in scores] == [False, True]


def test_an_unsure_language_gets_the_lower_bar_and_no_veto() -> None:
    cuts = CutOffs(ML_T, {"es": ES_T, "hinglish": Thresholds(0.45, 0.7, veto_floor=0.3)})
    unsure = cuts.for_text("k m s")
    assert (unsure.alert, unsure.veto_floor) == (0.45, 0.0)
    assert cuts.for_text("main ab aur nahi jee sakta yaar").veto_floor == 0.3


def _manifest(by_language: object) -> dict[str, object]:
    return {
        "thresholds": {"alert": 0.8, "urgent": 0.6, "veto_floor": 0.0},
        "by_language": by_language,
    }


def test_per_language_bars_are_read_from_the_manifest_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.json"
    good = {"hi": {"alert": 0.7, "urgent": 0.6, "veto_floor": 0.0}}
    cuts = _cut_offs(path, _manifest(good))
    assert cuts.by_language == {"hi": Thresholds(alert=0.7, urgent=0.6, veto_floor=0.0)}
    assert cuts.default == Thresholds(alert=0.8, urgent=0.6, veto_floor=0.0)
    assert _cut_offs(path, {"thresholds": _manifest({})["thresholds"]}).by_language == {}
    with pytest.raises(ModelFileError, match="'fr' is not one of"):
        _cut_offs(path, _manifest({"fr": good["hi"]}))
    with pytest.raises(ModelFileError, match="outside"):
        _cut_offs(path, _manifest({"es": {"alert": 1.7, "urgent": 0.6, "veto_floor": 0.0}}))
    with pytest.raises(ModelFileError, match="no valid thresholds"):
        _cut_offs(path, _manifest({"es": {"alert": 0.5}}))
    with pytest.raises(ModelFileError, match="must map a language"):
        _cut_offs(path, _manifest(["es"]))


def test_the_english_model_may_not_veto_a_rule_on_a_code_switched_message() -> None:
    # "yaar", "bas", "gaya": Hinglish the English model never learned; its low score must not
    # turn the rule's alert into a quiet look. On plain English it keeps its veto.
    english = FakeScorer(default=ModelScore(0.05, 0.0), thresholds=EN_T)
    scorer = ByLanguage(english, FakeScorer(thresholds=ML_T))
    screen = CrisisScreen(load_lexicon([default_lexicon_path()]))
    mixed = "i dont want to live like this anymore yaar, bas ho gaya"
    plain = "i dont want to live like this anymore"
    assert scorer.reads(mixed)
    assert not reads_multilingual(mixed)
    for text, kept in ((mixed, True), (plain, False)):
        score = scorer.score([text])[0]
        verdict = combine(screen.screen(text), score, EN_T)
        assert (verdict.level is Level.CONCERN) is kept, (text, verdict)


def test_a_code_switched_message_the_english_model_reads_is_read_by_both() -> None:
    mixed = "honestly guys i feel like ending it all, kuch theek nahi ho raha"
    plain = "honestly guys i feel like ending it all"
    assert not reads_multilingual(mixed)
    # The multilingual model is past its bar (0.8 against 0.6), the English one short (0.5
    # against 0.9): the multilingual score, with its own thresholds, is kept.
    english = FakeScorer(default=ModelScore(0.5, 0.0), thresholds=EN_T)
    multilingual = FakeScorer(default=ModelScore(0.8, 0.2), thresholds=ML_T)
    scores = ByLanguage(english, multilingual).score([plain, mixed])
    assert english.calls == [[plain, mixed]]
    assert multilingual.calls == [[mixed]]
    assert [(s.alert, getattr(s, "thresholds", None)) for s in scores] == [
        (0.5, EN_T),
        (0.8, replace(ML_T, veto_floor=0.0)),
    ]
    # Nearer its own bar, the English score stays (0.85 of 0.9 against 0.3 of 0.6).
    english = FakeScorer(default=ModelScore(0.85, 0.0), thresholds=EN_T)
    multilingual = FakeScorer(default=ModelScore(0.3, 0.2), thresholds=ML_T)
    (score,) = ByLanguage(english, multilingual).score([mixed])
    assert (score.alert, getattr(score, "thresholds", None)) == (
        0.85,
        replace(EN_T, veto_floor=0.0),
    )
