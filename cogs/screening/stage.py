"""The screening model's slot: what a scorer looks like, and how its score meets the lexicon.

The model itself (``cogs/screening/model.py``, a fine-tuned MiniLM run by onnxruntime) is built
elsewhere; anything with the ``Scorer`` shape fits here, which is how the tests use a fake. With
no scorer configured the lexicon's verdict is the answer, exactly as before the model existed.

The combination ("veto", measured in ../shared/docs/SCREEN_MODEL.md):

- a lexicon alert (concern or urgent) stands only if the model's alert score reaches the low
  ``veto_floor``; a vetoed alert drops to ``watch``: the staff channel still gets a quiet look,
  nobody is paged and the member is not messaged. The English model never vetoes an alert
  raised by a rule for Spanish, Hindi or Hinglish: it reads English only, and the language
  guess can take a short Spanish message for English. The multilingual model reads those
  languages, and vetoes only where its thresholds for the language give a floor (chosen out of
  fold; ``multilingual_model.CutOffs``);
- a model alert score at ``alert`` or above raises an alert even when the lexicon saw nothing:
  ``concern``, or ``urgent`` when the urgent score reaches ``urgent``; it never lowers what the
  lexicon said;
- ``watch`` is the lexicon's alone: the model neither adds nor removes it.

The model reads English only (``language.looks_english``), never bots, empty text or the staff
channel (which is not screened for crisis at all).

The guideline model (``guideline_model.py``) meets the guideline rules more simply, as measured
out of fold (bench/train_guideline_model.py): a label is flagged when a rule OR the model
flags it (``with_guideline_model``); contempt the model is less sure of (at its review bar,
below its hide bar) is not hidden but queued for a moderator. Everything here is pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from cogs.crisis.detector import FIRM_RULE, Level, Verdict
from cogs.crisis.lexicon import NON_ENGLISH_RULE_PREFIXES
from cogs.guidelines.rules import MODEL_REVIEW_RULE
from cogs.guidelines.screen import GuidelineHit
from cogs.screening.guideline_model import GuidelineScore, GuidelineThresholds
from cogs.screening.language import looks_english

__all__ = [
    "MODEL_ALERT_RULE",
    "MODEL_REVIEW_RULE",
    "MODEL_URGENT_RULE",
    "MODEL_VETO_RULE",
    "NON_ENGLISH_RULE_PREFIXES",
    "ModelScore",
    "ModelThresholds",
    "Score",
    "Scorer",
    "Thresholds",
    "combine",
    "model_rule",
    "vetoable",
    "wants_guideline_model",
    "wants_model",
    "with_guideline_model",
]

# NON_ENGLISH_RULE_PREFIXES (cogs/crisis/lexicon.py) begin the ids of the lexicon's rules for
# Spanish, Hindi and Hinglish. The English model cannot read those languages, so it never vetoes
# an alert one of them raised, even when the language guess took the text for English ("m kiero
# morir ya" has too few function words to tell): it may still add an alert, never take one away.

# Rule ids the model adds to a verdict, so /crisis report counts its false alarms like a rule's.
MODEL_ALERT_RULE = "model_alert"
MODEL_URGENT_RULE = "model_urgent"
MODEL_VETO_RULE = "model_veto"
# The guideline model's rule ids: "model_<label>" for a flag; possible contempt to review is
# MODEL_REVIEW_RULE (cogs/guidelines/rules.py, where /mod queue reads it).


def model_rule(label: str) -> str:
    """The rule id a guideline model flag is recorded under (counted in /guidelines stats)."""
    return f"model_{label}"


class Score(Protocol):
    """One message's model score: probabilities in [0, 1]."""

    @property
    def alert(self) -> float:
        """Concern or urgent."""

    @property
    def urgent(self) -> float:
        """Urgent."""


class Thresholds(Protocol):
    """The cut-offs fitted with the model (on its own quantised scores)."""

    @property
    def alert(self) -> float:
        """An alert score at or above this raises an alert by itself."""

    @property
    def urgent(self) -> float:
        """With an alert, an urgent score at or above this makes it urgent."""

    @property
    def veto_floor(self) -> float:
        """A lexicon alert stands only with an alert score at or above this."""


class Scorer(Protocol):
    """The second stage: scores a batch of texts (blocking; the cog runs it off the loop)."""

    @property
    def thresholds(self) -> Thresholds:
        """The model's own cut-offs."""

    def score(self, texts: Sequence[str]) -> Sequence[Score]:
        """One score per text, in order."""


@dataclass(frozen=True, slots=True)
class ModelScore:
    """A plain ``Score`` (fakes and tests; the real model may return its own type)."""

    alert: float
    urgent: float


@dataclass(frozen=True, slots=True)
class ModelThresholds:
    """A plain ``Thresholds``."""

    alert: float
    urgent: float
    veto_floor: float


def wants_model(
    text: str,
    *,
    is_bot: bool,
    screened_for_crisis: bool,
    reads: Callable[[str], bool] = looks_english,
) -> bool:
    """Should the model read this text? One the model ``reads`` (English for the English model
    alone; see ``multilingual_model.ByLanguage``), not empty, not a bot, screened for crisis."""
    return not is_bot and screened_for_crisis and bool(text.strip()) and reads(text)


def combined_level(lexicon: Level, score: Score, thresholds: Thresholds) -> Level:
    """The "veto" combination, the one measured out of fold (bench/train_screen_model.py).

    A lexicon alert (concern or urgent) stands only if the model's alert score reaches the veto
    floor; the model's own alerts are added. A combined alert is urgent when a standing lexicon
    alert was urgent or the model's urgent score reaches its threshold. A vetoed lexicon alert
    becomes a ``watch`` (staff glance, nobody paged); ``watch`` and ``none`` are the lexicon's.
    """
    stands = lexicon >= Level.CONCERN and score.alert >= thresholds.veto_floor
    if stands or score.alert >= thresholds.alert:
        urgent = (stands and lexicon is Level.URGENT) or score.urgent >= thresholds.urgent
        return Level.URGENT if urgent else Level.CONCERN
    return Level.WATCH if lexicon >= Level.CONCERN else lexicon


def vetoable(verdict: Verdict, score: Score | None = None) -> bool:
    """May the model that gave ``score`` rule this lexicon alert out? No model may when a
    ``firm`` rule raised it (a kind of language no model trained on: ``FIRM_RULE``). The English
    model may not when a rule for another language raised it (``NON_ENGLISH_RULE_PREFIXES``);
    the multilingual model, which reads those languages, may (``LanguageScore``)."""
    if FIRM_RULE in verdict.rules:
        return False
    if getattr(score, "reads_rule_languages", False):
        return True
    return not any(rule.startswith(NON_ENGLISH_RULE_PREFIXES) for rule in verdict.rules)


def combine(verdict: Verdict, score: Score | None, thresholds: Thresholds | None) -> Verdict:
    """The lexicon's verdict after the model's say (unchanged without a score)."""
    if score is None or thresholds is None:
        return verdict
    # A score from one of several models (multilingual_model.LanguageScore) brings its own cut-offs.
    thresholds = getattr(score, "thresholds", None) or thresholds
    level = combined_level(verdict.level, score, thresholds)
    if level < verdict.level and not vetoable(verdict, score):
        level = verdict.level
    if level == verdict.level:
        return verdict
    rules, reason = verdict.rules, verdict.reason
    if level < verdict.level:
        return Verdict(
            level,
            (*rules, MODEL_VETO_RULE),
            f"{reason} The screening model did not confirm it, so this is a quiet look only "
            "(nobody paged, the member not messaged).",
        )
    rule = MODEL_URGENT_RULE if level is Level.URGENT else MODEL_ALERT_RULE
    model_reason = "The screening model rated this as likely " + (
        "imminent risk." if level is Level.URGENT else "crisis language."
    )
    reason = model_reason if verdict.level is Level.NONE else f"{model_reason} {reason}"
    return Verdict(level, (*rules, rule), reason)


def wants_guideline_model(
    text: str, *, is_bot: bool, is_dm: bool, crisis_level: Level, source: str
) -> bool:
    """Should the guideline model read this reply? English text in a server, from a person,
    and only when it can change what happens: never once crisis has the message (``concern``
    or ``urgent``: nothing is nudged or hidden then, and the alert must not wait)."""
    return (
        not is_bot
        and not is_dm
        and crisis_level < Level.CONCERN
        and source in ("message", "edit")
        and bool(text.strip())
        and looks_english(text)
    )


def with_guideline_model(
    hits: Sequence[GuidelineHit],
    score: GuidelineScore | None,
    thresholds: GuidelineThresholds | None,
    make_hit: Callable[[str, str], GuidelineHit],
) -> tuple[list[GuidelineHit], GuidelineHit | None]:
    """The rules' hits with the model's added, and a hit to queue for review (or None).

    Each label the model flags and no rule did becomes a hit (``make_hit(label, rule id)``,
    with the label's own reason and suggestion); abuse hits stay first, as the screen orders
    them. Toxic at the review bar, with no abuse flagged by anyone, becomes the review hit: a
    moderator looks, nothing is hidden and the author is not told.
    """
    if score is None or thresholds is None:
        return list(hits), None
    have = {h.label for h in hits}
    added = [make_hit(lab, model_rule(lab)) for lab in thresholds.flagged(score) if lab not in have]
    merged = sorted([*hits, *added], key=lambda h: h.path != "abuse")
    review = None
    if thresholds.review(score) and not any(h.path == "abuse" for h in merged):
        review = make_hit("toxic", MODEL_REVIEW_RULE)
    return merged, review
