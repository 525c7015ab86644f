"""Screening as a use case, without Discord: one message in, one ``Route`` out.

``Screener.decide`` is what the listener (``cog.py``) runs for every message: both rule
screens on the same text and context, the crisis model's say (off the event loop, through
``ModelRunner``), then, only when crisis has not taken the message, the guideline model's say,
then ``pipeline.route``. ``Screener.read_many`` gives the same readings for many texts at once,
blocking and batched, for ``bot.py screen`` and the evaluation scripts, so what is measured
offline is what the bot does.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from cogs.crisis.detector import CrisisScreen, Level, Verdict
from cogs.guidelines.screen import GuidelineHit, GuidelineScreen
from cogs.screening.guideline_model import GuidelineScore, GuidelineScorer
from cogs.screening.language import looks_english
from cogs.screening.pipeline import Incoming, Route, route
from cogs.screening.runner import ModelRunner
from cogs.screening.stage import (
    Score,
    Scorer,
    combine,
    wants_guideline_model,
    wants_model,
    with_guideline_model,
)

__all__ = ["NOT_SCREENED", "Reading", "Screener", "load_crisis_model", "load_guideline_model"]

log = logging.getLogger(__name__)

NOT_SCREENED = Verdict(Level.NONE, (), "Not screened for crisis here.")
ModesOf = Callable[[int], Awaitable[Mapping[tuple[int, str], str]]]


@dataclass(frozen=True)
class Reading:
    """What the screens make of one text, before any lane acts on it.

    ``crisis`` is the lexicon's verdict after the crisis model's say; ``hits`` the guideline
    rules' hits with the guideline model's added; ``review`` possible contempt to queue.
    """

    lexicon: Verdict
    crisis: Verdict
    crisis_score: Score | None
    hits: tuple[GuidelineHit, ...]
    review: GuidelineHit | None
    guideline_score: GuidelineScore | None

    @property
    def guideline_labels(self) -> list[str]:
        """Every guideline flagged, hidden, nudged or queued for review, sorted."""
        labels = {h.label for h in self.hits}
        if self.review is not None:
            labels.add(self.review.label)
        return sorted(labels)


class Screener:
    """Both screens and both models (either model may be None: its stage is skipped)."""

    def __init__(
        self,
        crisis: CrisisScreen,
        guidelines: GuidelineScreen,
        crisis_model: Scorer | None = None,
        guideline_model: GuidelineScorer | None = None,
    ) -> None:
        self.crisis = crisis
        self.guidelines = guidelines
        self.crisis_model = crisis_model
        # Which texts the crisis model reads: English, or also Spanish, Hindi and Hinglish when
        # the multilingual model is loaded beside it (multilingual_model.ByLanguage).
        self.model_reads = getattr(crisis_model, "reads", looks_english)
        self.guideline_model = guideline_model
        self.runner = (
            ModelRunner(crisis_model, guidelines=guideline_model)
            if crisis_model is not None or guideline_model is not None
            else None
        )

    def close(self) -> None:
        """Stop the models' worker thread."""
        if self.runner is not None:
            self.runner.close()

    async def decide(self, incoming: Incoming, modes_of: ModesOf | None = None) -> Route:
        """Screen one message and decide both lanes' work (``modes_of(guild id)`` gives the
        server's guideline modes; asked only when a guideline was flagged)."""
        text, context = incoming.text, incoming.context
        screened = incoming.screened_for_crisis
        verdict = self.crisis.screen(text, context) if screened else NOT_SCREENED
        hits: Sequence[GuidelineHit] = self.guidelines.screen(text, context)
        score: Score | None = None
        runner = self.runner
        if runner is not None and wants_model(
            text, is_bot=incoming.is_bot, screened_for_crisis=screened, reads=self.model_reads
        ):
            # A lexicon alert waits on the model's say (the veto): score it first.
            score = await runner.score(text, priority=verdict.level >= Level.CONCERN)
        thresholds = runner.thresholds if runner is not None else None
        review: GuidelineHit | None = None
        if (
            runner is not None
            and self.guideline_model is not None
            and wants_guideline_model(
                text,
                is_bot=incoming.is_bot,
                is_dm=incoming.is_dm,
                crisis_level=combine(verdict, score, thresholds).level,
                source=incoming.source,
            )
        ):
            reply_score = await runner.score_reply(context, text)
            hits, review = with_guideline_model(
                hits,
                reply_score,
                self.guideline_model.thresholds,
                partial(self.guidelines.label_hit, context=context),
            )
        modes: Mapping[tuple[int, str], str] = {}
        if (hits or review) and incoming.guild_id is not None and modes_of is not None:
            modes = await modes_of(incoming.guild_id)
        return route(
            incoming,
            verdict,
            hits,
            modes=modes,
            score=score,
            thresholds=thresholds,
            review=review,
        )

    def read_many(self, items: Sequence[tuple[str, str | None]]) -> list[Reading]:
        """(text, context) pairs read as a member's messages in a group channel would be:
        blocking, the models batched. For ``bot.py screen`` and evaluation."""
        lexicon = [self.crisis.screen(text, context) for text, context in items]
        crisis_scores: list[Score | None] = [None] * len(items)
        thresholds = self.crisis_model.thresholds if self.crisis_model is not None else None
        if self.crisis_model is not None:
            idx = [
                i
                for i, (text, _) in enumerate(items)
                if wants_model(text, is_bot=False, screened_for_crisis=True, reads=self.model_reads)
            ]
            for i, s in zip(idx, self.crisis_model.score([items[i][0] for i in idx]), strict=True):
                crisis_scores[i] = s
        crisis = [combine(v, s, thresholds) for v, s in zip(lexicon, crisis_scores, strict=True)]
        reply_scores: list[GuidelineScore | None] = [None] * len(items)
        if self.guideline_model is not None:
            idx = [
                i
                for i, (text, _) in enumerate(items)
                if wants_guideline_model(
                    text, is_bot=False, is_dm=False, crisis_level=crisis[i].level, source="message"
                )
            ]
            pairs = [(items[i][1] or "", items[i][0]) for i in idx]
            for i, reply in zip(idx, self.guideline_model.score(pairs), strict=True):
                reply_scores[i] = reply
        out = []
        for i, (text, context) in enumerate(items):
            hits: Sequence[GuidelineHit] = self.guidelines.screen(text, context)
            review = None
            if reply_scores[i] is not None and self.guideline_model is not None:
                hits, review = with_guideline_model(
                    hits,
                    reply_scores[i],
                    self.guideline_model.thresholds,
                    partial(self.guidelines.label_hit, context=context),
                )
            out.append(
                Reading(
                    lexicon[i], crisis[i], crisis_scores[i], tuple(hits), review, reply_scores[i]
                )
            )
        return out


# --- the shipped models, as bot.py loads them for a start, a check or the screen CLI ------


def load_crisis_model() -> Scorer | None:
    """The shipped crisis model, or None (and a loud log) when its files are missing or altered.

    The crisis lane never waits for the model: without it the lexicon alone decides, which is
    worse at recall but still screens every message, so a broken model file must not stop
    Kindred from starting. ``bot.py check`` reports the same problem before a start.
    """
    from cogs.screening.model import CrisisModel, ModelFileError
    from cogs.screening.multilingual_model import ByLanguage, OnFirstUse

    english: Scorer | None = None
    multilingual: Scorer | None = None
    try:
        # One onnxruntime thread, not spinning: the event loop needs the other core (on two
        # cores, two spinning threads made each message cost more; bench_alert_latency).
        english = CrisisModel.load(threads=1, spin=False)
    except ModelFileError as exc:
        log.critical("the crisis model could not be loaded (%s); the lexicon alone screens", exc)
    try:
        # Verified now, opened when the first Spanish, Hindi or Hinglish text needs it.
        multilingual = OnFirstUse(threads=1, spin=False)
    except ModelFileError as exc:
        log.critical(
            "the multilingual crisis model could not be loaded (%s); the lexicon alone screens "
            "Spanish, Hindi and Hinglish",
            exc,
        )
    if multilingual is None:
        return english
    return ByLanguage(english, multilingual)


def load_guideline_model() -> GuidelineScorer | None:
    """The shipped guideline model, or None (and a logged error) when its files are missing or
    altered: the guideline rules alone then coach and hide, as before the model existed."""
    from cogs.screening.guideline_model import GuidelineModel
    from cogs.screening.model import ModelFileError

    try:
        # The same single worker thread as the crisis model runs it, after any crisis text.
        return GuidelineModel.load(threads=1, spin=False)
    except ModelFileError as exc:
        log.error("the guideline model could not be loaded (%s); the rules alone coach", exc)
        return None
