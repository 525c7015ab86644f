"""The screening model's combination with the lexicon ("veto"), with a fake score.

Every lexicon level is crossed with scores on each side of every threshold, and each expected
level is worked out by hand in ``EXPECTED``: the table is the rule.
"""

from __future__ import annotations

import pytest

from cogs.crisis.detector import FIRM_RULE, Level, Verdict
from cogs.guidelines.screen import GuidelineHit
from cogs.screening.guideline_model import GuidelineScore, GuidelineThresholds
from cogs.screening.multilingual_model import LanguageScore
from cogs.screening.stage import (
    MODEL_ALERT_RULE,
    MODEL_REVIEW_RULE,
    MODEL_URGENT_RULE,
    MODEL_VETO_RULE,
    ModelScore,
    ModelThresholds,
    combine,
    model_rule,
    wants_guideline_model,
    wants_model,
    with_guideline_model,
)

T = ModelThresholds(alert=0.6, urgent=0.8, veto_floor=0.1)

# Model readings, named for where they fall against T.
LOW = ModelScore(alert=0.05, urgent=0.0)  # below the veto floor
DOUBT = ModelScore(alert=0.3, urgent=0.9)  # above the floor, below alert, urgent head high
ALERT = ModelScore(alert=0.7, urgent=0.5)  # an alert, not urgent
URGENT = ModelScore(alert=0.9, urgent=0.85)  # an urgent alert
SCORES = {"low": LOW, "doubt": DOUBT, "alert": ALERT, "urgent": URGENT}

N, W, C, U = Level.NONE, Level.WATCH, Level.CONCERN, Level.URGENT
EXPECTED: dict[tuple[Level, str], Level] = {
    # the lexicon saw nothing: only a model alert counts
    (N, "low"): N, (N, "doubt"): N, (N, "alert"): C, (N, "urgent"): U,
    # watch is the lexicon's alone: never removed, raised only by a model alert
    (W, "low"): W, (W, "doubt"): W, (W, "alert"): C, (W, "urgent"): U,
    # a lexicon alert stands only above the veto floor (vetoed, it is a quiet watch); a standing
    # alert is urgent when the urgent head says so, as in the combination measured out of fold
    (C, "low"): W, (C, "doubt"): U, (C, "alert"): C, (C, "urgent"): U,
    (U, "low"): W, (U, "doubt"): U, (U, "alert"): U, (U, "urgent"): U,
}  # fmt: skip


def lexicon(level: Level) -> Verdict:
    rules = () if level is Level.NONE else (f"rule_{level.label}",)
    return Verdict(level, rules, f"Lexicon says {level.label}.")


@pytest.mark.parametrize(("level", "reading"), list(EXPECTED), ids=lambda v: str(v).lower())
def test_the_combined_level_for_every_lexicon_level_and_model_reading(
    level: Level, reading: str
) -> None:
    assert combine(lexicon(level), SCORES[reading], T).level == EXPECTED[(level, reading)]


@pytest.mark.parametrize("level", list(Level))
def test_without_a_model_score_the_lexicon_verdict_is_returned_unchanged(level: Level) -> None:
    verdict = lexicon(level)
    assert combine(verdict, None, T) is verdict
    assert combine(verdict, LOW, None) is verdict


@pytest.mark.parametrize("level", list(Level))
def test_a_reading_that_changes_nothing_returns_the_same_verdict(level: Level) -> None:
    verdict = lexicon(level)
    unchanged = [r for r in SCORES if EXPECTED[(level, r)] == level and r != "low"]
    for reading in unchanged:
        assert combine(verdict, SCORES[reading], T) is verdict


@pytest.mark.parametrize("level", [Level.CONCERN, Level.URGENT])
def test_a_vetoed_alert_keeps_its_rules_and_says_the_model_did_not_confirm_it(
    level: Level,
) -> None:
    vetoed = combine(lexicon(level), LOW, T)
    assert vetoed.rules == (f"rule_{level.label}", MODEL_VETO_RULE)
    assert vetoed.reason.startswith(f"Lexicon says {level.label}.")
    assert "did not confirm" in vetoed.reason
    assert not vetoed.is_alert


def test_the_veto_floor_itself_lets_the_alert_stand() -> None:
    at_floor = ModelScore(alert=T.veto_floor, urgent=0.0)
    assert combine(lexicon(Level.CONCERN), at_floor, T).level is Level.CONCERN


def test_the_alert_threshold_itself_raises_an_alert() -> None:
    at_alert = ModelScore(alert=T.alert, urgent=T.urgent - 0.01)
    assert combine(lexicon(Level.NONE), at_alert, T).level is Level.CONCERN


def test_the_urgent_threshold_itself_makes_it_urgent() -> None:
    at_urgent = ModelScore(alert=T.alert, urgent=T.urgent)
    assert combine(lexicon(Level.NONE), at_urgent, T).level is Level.URGENT


def test_an_urgent_score_without_an_alert_score_raises_nothing() -> None:
    assert combine(lexicon(Level.NONE), ModelScore(alert=0.5, urgent=0.99), T).level is Level.NONE


def test_a_model_alert_on_silence_names_the_model_as_its_rule_and_reason() -> None:
    raised = combine(lexicon(Level.NONE), ALERT, T)
    assert raised.rules == (MODEL_ALERT_RULE,)
    assert "screening model" in raised.reason
    assert raised.is_alert


def test_a_model_urgent_over_a_lexicon_concern_keeps_the_lexicon_reason_too() -> None:
    raised = combine(lexicon(Level.CONCERN), URGENT, T)
    assert raised.rules == ("rule_concern", MODEL_URGENT_RULE)
    assert raised.reason.endswith("Lexicon says concern.")


@pytest.mark.parametrize(
    ("text", "is_bot", "screened", "wanted"),
    [
        ("I can't see the point of any of it", False, True, True),
        ("", False, True, False),
        ("   \n", False, True, False),
        ("I can't see the point of any of it", True, True, False),
        ("I can't see the point of any of it", False, False, False),  # the staff channel
        ("ya no aguanto más, quiero que todo se acabe", False, True, False),
        ("मुझे अब जीना नहीं है", False, True, False),
        ("ab kuch bhi kar lo, koi fark nahi padta yaar", False, True, False),
    ],
)
def test_the_model_reads_english_from_people_where_crisis_is_screened(
    text: str, is_bot: bool, screened: bool, wanted: bool
) -> None:
    assert wants_model(text, is_bot=is_bot, screened_for_crisis=screened) is wanted


# --- the guideline model beside the guideline rules ------------------------------------------------

GT = GuidelineThresholds(
    minimizing=0.5, comparing=0.6, unsolicited_advice=0.7, toxic=0.9, toxic_review=0.5
)


def _hit(label: str, rule: str) -> GuidelineHit:
    path = "abuse" if label in ("toxic", "privacy") else "coach"
    return GuidelineHit(label, path, rule, f"why {label}", "")


def _score(**kw: float) -> GuidelineScore:
    base = dict.fromkeys(("minimizing", "comparing", "unsolicited_advice", "toxic"), 0.0)
    return GuidelineScore(**{**base, **kw})


def test_without_a_reply_score_the_rules_hits_stand_alone() -> None:
    rules = [_hit("minimizing", "at_least")]
    assert with_guideline_model(rules, None, GT, _hit) == (rules, None)


def test_the_model_adds_labels_no_rule_flagged_each_at_its_own_bar() -> None:
    hits, review = with_guideline_model(
        [], _score(minimizing=0.5, comparing=0.59, unsolicited_advice=0.95), GT, _hit
    )
    assert [(h.label, h.rule) for h in hits] == [
        ("minimizing", model_rule("minimizing")),
        ("unsolicited_advice", model_rule("unsolicited_advice")),
    ]
    assert review is None


def test_a_label_a_rule_already_flagged_is_not_flagged_twice_and_abuse_stays_first() -> None:
    rules = [_hit("minimizing", "at_least")]
    hits, _ = with_guideline_model(rules, _score(minimizing=0.99, toxic=0.95), GT, _hit)
    assert [(h.label, h.rule) for h in hits] == [
        ("toxic", model_rule("toxic")),
        ("minimizing", "at_least"),
    ]


def test_contempt_between_the_review_and_hide_bars_is_queued_not_hidden() -> None:
    hits, review = with_guideline_model([], _score(toxic=0.7), GT, _hit)
    assert hits == []
    assert review is not None
    assert (review.label, review.rule) == ("toxic", MODEL_REVIEW_RULE)


def test_nothing_is_queued_for_review_when_something_is_hidden_anyway() -> None:
    _, review = with_guideline_model([_hit("privacy", "phone")], _score(toxic=0.7), GT, _hit)
    assert review is None
    _, review = with_guideline_model([], _score(toxic=0.49), GT, _hit)
    assert review is None


@pytest.mark.parametrize(
    ("text", "kw", "wanted"),
    [
        ("you'll be fine, everyone gets tired", {}, True),
        ("", {}, False),
        ("you'll be fine", {"is_bot": True}, False),
        ("you'll be fine", {"is_dm": True}, False),
        ("you'll be fine", {"crisis_level": Level.CONCERN}, False),
        ("you'll be fine", {"crisis_level": Level.WATCH}, True),
        ("vas a estar bien, todos nos cansamos", {}, False),
    ],
)
def test_the_guideline_model_reads_english_replies_crisis_has_not_taken(
    text: str, kw: dict[str, object], wanted: bool
) -> None:
    args: dict[str, object] = {
        "is_bot": False,
        "is_dm": False,
        "crisis_level": Level.NONE,
        "source": "message",
        **kw,
    }
    assert wants_guideline_model(text, **args) is wanted  # type: ignore[arg-type]


@pytest.mark.parametrize("rule", ["es_wish_to_die", "hi_wish_to_die", "hinglish_will_die",
                                  "ml_burden", "mlb_goodbye", "mk_es_plan"])  # fmt: skip
def test_the_english_model_never_vetoes_an_alert_a_rule_for_another_language_raised(
    rule: str,
) -> None:
    for level in (Level.CONCERN, Level.URGENT):
        verdict = Verdict(level, (rule,), "Describes suicidal thoughts.")
        assert combine(verdict, LOW, T) is verdict  # "m kiero morir ya" taken for English
        assert combine(verdict, URGENT, T).level is Level.URGENT  # it may still raise one


def test_no_model_vetoes_an_alert_a_firm_rule_raised() -> None:
    # "I'm tired of life": a kind no model trained on, and the English model scores it 0.01.
    verdict = Verdict(Level.CONCERN, ("tired_of_life", FIRM_RULE), "Passive wish.")
    assert combine(verdict, LOW, T) is verdict
    assert combine(verdict, LanguageScore(0.05, 0.0, T, reads_rule_languages=True), T) is verdict
    assert combine(verdict, URGENT, T).level is Level.URGENT  # a model may still raise it
    assert combine(Verdict(Level.CONCERN, ("tired_of_life",), "P."), LOW, T).level is W


def test_an_english_rule_beside_a_spanish_one_does_not_make_the_alert_vetoable() -> None:
    verdict = Verdict(Level.CONCERN, ("wish_to_die", "es_wish_to_die"), "Mixed.")
    assert combine(verdict, LOW, T).level is Level.CONCERN
    assert combine(Verdict(Level.CONCERN, ("wish_to_die",), "English."), LOW, T).level is W
