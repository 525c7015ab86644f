"""The guideline model: the conversation-guideline screen's learned stage, run without torch.

A fine-tuned all-MiniLM-L6-v2 (``bench/train_guideline_model.py`` rebuilds it from
``../shared/data``) that reads a reply together with the message it answers, as the pair
(context, reply), and gives one score per guideline: ``minimizing``, ``comparing``,
``unsolicited_advice`` and ``toxic``. A message with no reply context is read as ("", text),
as it was trained. ``privacy`` stays with the rules (a phone number is a pattern, not a tone).

``thresholds.json`` beside it holds one bar per label (flagged development rows at least 90%
right, and at most 0.5% of ordinary chat flagged) plus ``toxic_review``: a lower bar for
contempt the model is less sure of, which goes to the moderators' queue instead of being
hidden (the model misses much contempt without swear words, and a wrong hide hurts).

English only, like the crisis model. Scoring is CPU work: the screening pipeline runs it off
the event loop, after the crisis screen, and only when crisis has not already taken the
message. Plain Python (no discord); ``FakeGuidelineScorer`` stands in for it in tests.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from cogs.screening.model import (
    THRESHOLDS_FILE,
    Loaded,
    ModelFileError,
    OnnxModel,
    default_model_dir,
    open_model,
)

__all__ = [
    "GUIDELINE_MODEL_FILE",
    "MODEL_LABELS",
    "FakeGuidelineScorer",
    "GuidelineModel",
    "GuidelineScore",
    "GuidelineScorer",
    "GuidelineThresholds",
    "default_guideline_dir",
]

GUIDELINE_MODEL_FILE = "guidelines.onnx"
MODEL_LABELS: tuple[str, ...] = ("minimizing", "comparing", "unsolicited_advice", "toxic")
DEFAULT_PAIR_TOKENS = 128


def default_guideline_dir() -> Path:
    """The guideline model shipped with Kindred (``cogs/screening/model/guidelines/``)."""
    return default_model_dir() / "guidelines"


@dataclass(frozen=True)
class GuidelineScore:
    """The model's sigmoid score per label for one reply, each in [0, 1]."""

    minimizing: float
    comparing: float
    unsolicited_advice: float
    toxic: float

    def of(self, label: str) -> float:
        """The score for ``label`` (0 for a label the model does not read)."""
        return float(getattr(self, label, 0.0)) if label in MODEL_LABELS else 0.0


@dataclass(frozen=True)
class GuidelineThresholds:
    """One bar per label (flag at or above it) and ``toxic_review``, the lower bar at which
    possible contempt is queued for a moderator instead of hidden."""

    minimizing: float
    comparing: float
    unsolicited_advice: float
    toxic: float
    toxic_review: float

    def of(self, label: str) -> float:
        """The bar for ``label`` (above 1, never reached, for a label the model does not read)."""
        return float(getattr(self, label)) if label in MODEL_LABELS else 2.0

    def flagged(self, score: GuidelineScore) -> tuple[str, ...]:
        """The labels the model alone flags, in ``MODEL_LABELS`` order."""
        return tuple(lab for lab in MODEL_LABELS if score.of(lab) >= self.of(lab))

    def review(self, score: GuidelineScore) -> bool:
        """Possible contempt: at the review bar but below the hide bar."""
        return self.toxic_review <= score.toxic < self.toxic


class GuidelineScorer(Protocol):
    """Anything that scores (context, reply) pairs like ``GuidelineModel`` (or a fake)."""

    @property
    def thresholds(self) -> GuidelineThresholds:
        """The bars for this scorer's scores."""
        ...

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[GuidelineScore]:
        """One score per (context, reply) pair, in order ("" for no context)."""
        ...


@dataclass
class FakeGuidelineScorer:
    """A scorer for tests: fixed scores by exact reply text, else ``rule(context, text)`` or
    ``default``. Records every batch in ``calls``."""

    scores: Mapping[str, GuidelineScore] = field(default_factory=dict)
    default: GuidelineScore = GuidelineScore(0.0, 0.0, 0.0, 0.0)
    rule: Callable[[str, str], GuidelineScore] | None = None
    thresholds: GuidelineThresholds = GuidelineThresholds(0.5, 0.5, 0.5, 0.8, 0.5)
    calls: list[list[tuple[str, str]]] = field(default_factory=list)

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[GuidelineScore]:
        """Look each reply up; fall back to ``rule`` then ``default``."""
        self.calls.append(list(pairs))
        out = []
        for context, text in pairs:
            if text in self.scores:
                out.append(self.scores[text])
            elif self.rule is not None:
                out.append(self.rule(context, text))
            else:
                out.append(self.default)
        return out


def _thresholds(path: Path, manifest: Mapping[str, Any]) -> GuidelineThresholds:
    keys = (*MODEL_LABELS, "toxic_review")
    try:
        t = manifest["thresholds"]
        values = {k: float(t[k]) for k in keys}
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(path, f"no valid thresholds ({exc})") from None
    for name, value in values.items():
        if not 0.0 <= value <= 1.0 + 1e-6:
            raise ModelFileError(path, f"threshold {name} = {value} is outside [0, 1]")
    if list(manifest.get("labels", MODEL_LABELS)) != list(MODEL_LABELS):
        raise ModelFileError(path, f"labels {manifest.get('labels')} are not {list(MODEL_LABELS)}")
    return GuidelineThresholds(**values)


class GuidelineModel(OnnxModel):
    """The shipped guideline model: ``GuidelineModel.load()`` then ``score(pairs)``."""

    def __init__(self, loaded: Loaded, thresholds: GuidelineThresholds) -> None:
        """Wrap an opened model (use ``GuidelineModel.load`` normally)."""
        super().__init__(loaded)
        self._thresholds = thresholds

    @property
    def thresholds(self) -> GuidelineThresholds:
        """The bars chosen with this model (from ``thresholds.json``)."""
        return self._thresholds

    @classmethod
    def load(
        cls,
        directory: Path | None = None,
        *,
        threads: int = 2,
        spin: bool = True,
    ) -> GuidelineModel:
        """Load and verify the model in ``directory`` (default: the shipped one). Raises
        ``ModelFileError`` naming the file if any is missing, altered or unreadable."""
        directory = directory or default_guideline_dir()
        loaded = open_model(
            directory,
            GUIDELINE_MODEL_FILE,
            threads=threads,
            spin=spin,
            default_max_tokens=DEFAULT_PAIR_TOKENS,
        )
        thresholds = _thresholds(directory / THRESHOLDS_FILE, loaded.manifest)
        return cls(loaded, thresholds)

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[GuidelineScore]:
        """Score every (context, reply) pair, in order."""
        return [GuidelineScore(*row[: len(MODEL_LABELS)]) for row in self.run(list(pairs))]
