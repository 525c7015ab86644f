"""The crisis model: the screen's learned second stage, run without torch.

A fine-tuned all-MiniLM-L6-v2 (``bench/train_screen_model.py`` rebuilds it from
``../shared/data``) exported to per-channel int8 ONNX. At run time it needs only onnxruntime,
the model's ``tokenizer.json`` (the ``tokenizers`` package) and numpy. It gives two scores per
message, ``alert`` (concern or urgent) and ``urgent``; ``thresholds.json`` beside the model holds
the cut-offs the training script chose from the quantised model's own scores, how each was
chosen, and the sha256 of the two model files, which ``CrisisModel.load`` checks.

Use on English text only: on Spanish, Hindi and Hinglish this model alerts on many harmless
messages. Scoring is CPU work (a few milliseconds a message): call ``score`` from a thread or
process pool, never on the event loop.

Each message is scored alone (``OnnxModel``): dynamic int8 quantisation scales activations per
tensor, so in a batch a message's scores moved with the messages beside it (on the English
development files, batches of 32 against one at a time: mean change 0.006, up to 0.35; 3 of
1,618 alert decisions and 21 veto decisions flipped). The thresholds were set on scores of
sorted, padded batches of 64; scored alone, the same messages move by as little.

This module is plain Python (no discord), so the screening pipeline and its tests can use it,
or ``FakeScorer`` in its place.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

MODEL_FILE = "crisis.onnx"
TOKENIZER_FILE = "tokenizer.json"
THRESHOLDS_FILE = "thresholds.json"
DEFAULT_MAX_TOKENS = 96


def default_model_dir() -> Path:
    """The model shipped with Kindred (``cogs/screening/model/``)."""
    return Path(__file__).resolve().parent / "model"


class ModelFileError(Exception):
    """A model file is missing, altered or unreadable; the message names the file."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ModelLevel(enum.IntEnum):
    """What the model alone says; values line up with the crisis screen's levels."""

    NONE = 0
    CONCERN = 2
    URGENT = 3

    @property
    def label(self) -> str:
        """Lower-case name, as in data files and alerts."""
        return self.name.lower()


@dataclass(frozen=True)
class ModelScore:
    """The model's two sigmoid scores for one message, each in [0, 1]."""

    alert: float
    urgent: float


@dataclass(frozen=True)
class Thresholds:
    """Cut-offs on the model's scores (see ``thresholds.json`` for how each was chosen).

    - ``alert``: alert (concern or urgent) at or above it;
    - ``urgent``: an alerting message is urgent when its urgent score is at or above it;
    - ``veto_floor``: below it the model rules a lexicon alert out (the "veto" combination).
    """

    alert: float
    urgent: float
    veto_floor: float

    def level(self, score: ModelScore) -> ModelLevel:
        """The model's own verdict on one score."""
        if score.alert < self.alert:
            return ModelLevel.NONE
        return ModelLevel.URGENT if score.urgent >= self.urgent else ModelLevel.CONCERN

    def is_alert(self, score: ModelScore) -> bool:
        """Whether the model alone alerts."""
        return score.alert >= self.alert

    def vetoes(self, score: ModelScore) -> bool:
        """Whether the model rules out a lexicon alert on this message."""
        return score.alert < self.veto_floor

    def combine(
        self, score: ModelScore, *, lexicon_alert: bool, lexicon_urgent: bool = False
    ) -> ModelLevel:
        """The veto combination (``stage.combined_level``, the one rule) as a model level."""
        from cogs.crisis.detector import Level
        from cogs.screening.stage import combined_level

        lexicon = Level.URGENT if lexicon_urgent else Level.CONCERN if lexicon_alert else Level.NONE
        level = combined_level(lexicon, score, self)
        return ModelLevel.NONE if level < Level.CONCERN else ModelLevel(int(level))


class Scorer(Protocol):
    """Anything that scores messages like ``CrisisModel`` (the real model or a fake)."""

    @property
    def thresholds(self) -> Thresholds:
        """The cut-offs for this scorer's scores."""
        ...

    def score(self, texts: Sequence[str]) -> list[ModelScore]:
        """One ``ModelScore`` per text, in order."""
        ...


@dataclass
class FakeScorer:
    """A scorer for tests: fixed scores by exact text, else ``default`` (or ``rule(text)``).

    Records every batch it was asked to score in ``calls``.
    """

    scores: Mapping[str, ModelScore] = field(default_factory=dict)
    default: ModelScore = ModelScore(0.0, 0.0)
    rule: Callable[[str], ModelScore] | None = None
    thresholds: Thresholds = Thresholds(alert=0.5, urgent=0.5, veto_floor=0.1)
    calls: list[list[str]] = field(default_factory=list)

    def score(self, texts: Sequence[str]) -> list[ModelScore]:
        """Look each text up; fall back to ``rule`` then ``default``."""
        self.calls.append(list(texts))
        out = []
        for text in texts:
            if text in self.scores:
                out.append(self.scores[text])
            elif self.rule is not None:
                out.append(self.rule(text))
            else:
                out.append(self.default)
        return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFileError(path, "missing (the model directory is incomplete)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(path, f"unreadable: {exc}") from None
    if not isinstance(raw, dict):
        raise ModelFileError(path, "not a JSON object")
    return raw


def _thresholds(path: Path, manifest: Mapping[str, Any]) -> Thresholds:
    try:
        t = manifest["thresholds"]
        values = {k: float(t[k]) for k in ("alert", "urgent", "veto_floor")}
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(path, f"no valid thresholds ({exc})") from None
    for name, value in values.items():
        if not 0.0 <= value <= 1.0:
            raise ModelFileError(path, f"threshold {name} = {value} is outside [0, 1]")
    return Thresholds(**values)


def verify_files(directory: Path, model_file: str = MODEL_FILE) -> dict[str, Any]:
    """Check the model files against the sha256s in ``thresholds.json``; return the manifest.

    Raises ``ModelFileError`` naming the file that is missing or altered.
    """
    manifest_path = directory / THRESHOLDS_FILE
    manifest = _read_manifest(manifest_path)
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise ModelFileError(manifest_path, "no 'files' section with sha256s")
    for name in (model_file, TOKENIZER_FILE):
        path = directory / name
        entry = files.get(name)
        expected = entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(expected, str):
            raise ModelFileError(manifest_path, f"no sha256 recorded for {name}")
        if not path.is_file():
            raise ModelFileError(path, "missing (the model directory is incomplete)")
        actual = _sha256(path)
        if actual != expected:
            raise ModelFileError(
                path,
                f"altered: sha256 {actual} does not match {expected} in {THRESHOLDS_FILE}",
            )
    return manifest


@dataclass(frozen=True)
class Loaded:
    """A verified model directory, opened: the onnxruntime session, tokenizer and manifest."""

    session: Any
    tokenizer: Any
    manifest: Mapping[str, Any]
    max_tokens: int


def open_model(
    directory: Path,
    model_file: str,
    *,
    threads: int,
    spin: bool,
    default_max_tokens: int = DEFAULT_MAX_TOKENS,
) -> Loaded:
    """Verify ``directory`` and open ``model_file`` with its tokenizer.

    ``threads`` is onnxruntime's intra-op thread count; ``spin=False`` stops its idle threads
    busy-waiting (less latency-optimal, kinder to a CPU shared with the event loop). Raises
    ``ModelFileError`` naming the file if any is missing, altered or unreadable.
    """
    import onnxruntime as ort
    from tokenizers import Tokenizer

    manifest = verify_files(directory, model_file)
    max_tokens = int(manifest.get("max_tokens", default_max_tokens))
    tok_path = directory / TOKENIZER_FILE
    try:
        tokenizer = Tokenizer.from_file(str(tok_path))
    except Exception as exc:  # the tokenizers library raises its own types
        raise ModelFileError(tok_path, f"unreadable: {exc}") from None
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_tokens, strategy="longest_first")
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = max(1, threads)
    opts.inter_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    if not spin:
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    model_path = directory / model_file
    try:
        session = ort.InferenceSession(str(model_path), opts, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own types
        raise ModelFileError(model_path, f"unreadable: {exc}") from None
    return Loaded(session, tokenizer, manifest, max_tokens)


class OnnxModel:
    """Runs an opened model over encoded inputs, each on its own.

    Never batched: the int8 models quantise their activations with one scale per tensor, so in
    a batch one message's score hangs on its neighbours and their padding. Measured on the
    shipped models: scored in batches of 32 rather than alone, the multilingual model's alert
    score moved by 0.022 on average and up to 0.29, and 26 of 1,136 Spanish, Hindi and Hinglish
    verdicts flipped at their bars (English: 3 of 1,618 at the alert bar, 21 at the veto
    floor). Alone, a message scores the same whatever else arrives with it, and as the bars
    were set (the multilingual bars on scores taken one message at a time). It costs about
    1.7 times the CPU of a batch of 32 per message: a few milliseconds.
    """

    def __init__(self, loaded: Loaded) -> None:
        self._session = loaded.session
        self._tokenizer = loaded.tokenizer
        self.manifest: Mapping[str, Any] = loaded.manifest
        self.max_tokens = loaded.max_tokens

    def run(self, inputs: Sequence[str | tuple[str, str]]) -> list[list[float]]:
        """The model's output row for every input (a text, or a (context, text) pair), in
        order, each scored alone."""
        import numpy as np

        if not inputs:
            return []
        out: list[list[float]] = []
        for encoding in self._tokenizer.encode_batch(list(inputs)):
            ids = np.array([encoding.ids], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            out.append([float(v) for v in self._session.run(None, feeds)[0][0]])
        return out


class CrisisModel(OnnxModel):
    """The shipped crisis model: ``CrisisModel.load()`` then ``score(texts)``.

    ``score`` is safe to call from several threads at once (onnxruntime sessions are).
    """

    def __init__(self, loaded: Loaded, thresholds: Thresholds) -> None:
        """Wrap an opened model (use ``CrisisModel.load`` normally)."""
        super().__init__(loaded)
        self._thresholds = thresholds

    @property
    def thresholds(self) -> Thresholds:
        """The cut-offs chosen with this model (from ``thresholds.json``)."""
        return self._thresholds

    @classmethod
    def load(
        cls,
        directory: Path | None = None,
        *,
        threads: int = 2,
        spin: bool = True,
    ) -> CrisisModel:
        """Load and verify the model in ``directory`` (default: the shipped one); see
        ``open_model`` for ``threads`` and ``spin``."""
        directory = directory or default_model_dir()
        loaded = open_model(directory, MODEL_FILE, threads=threads, spin=spin)
        thresholds = _thresholds(directory / THRESHOLDS_FILE, loaded.manifest)
        return cls(loaded, thresholds)

    def score(self, texts: Sequence[str]) -> list[ModelScore]:
        """Score every text, in order."""
        return [ModelScore(row[0], row[1]) for row in self.run(texts)]

    def score_one(self, text: str) -> ModelScore:
        """Score a single message."""
        return self.score([text])[0]

    def level(self, text: str) -> ModelLevel:
        """The model's own verdict on one message."""
        return self._thresholds.level(self.score_one(text))
