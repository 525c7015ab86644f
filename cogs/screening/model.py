"""The crisis model: the screen's learned second stage, run without torch.

A fine-tuned all-MiniLM-L6-v2 (``bench/train_screen_model.py`` rebuilds it from
``../shared/data``) exported to per-channel int8 ONNX. At run time it needs only onnxruntime,
the model's ``tokenizer.json`` (the ``tokenizers`` package) and numpy. It gives two scores per
message, ``alert`` (concern or urgent) and ``urgent``; ``thresholds.json`` beside the model holds
the cut-offs the training script chose from the quantised model's own scores, how each was
chosen, and the sha256 of the two model files, which ``CrisisModel.load`` checks.

Use on English text only: on Spanish, Hindi and Hinglish this model alerts on many harmless
messages. Scoring is CPU work (about 1-2 ms a message): call ``score`` from a thread or process
pool, never on the event loop, and batch messages that arrive together.

Dynamic int8 quantisation scales activations per batch, so a message's scores move slightly
with the messages scored beside it (mean change under 0.01 on development messages, up to 0.3
on a few borderline ones; no alert decision flipped on 600). The thresholds were set on
batched scores, as the pipeline will score them.

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
DEFAULT_BATCH = 32
PAD_WASTE = 0.3  # at most 30% of a batch's tokens may be padding


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


class BatchedOnnx:
    """Runs an opened model over many encoded inputs, similar lengths batched together."""

    def __init__(self, loaded: Loaded, batch_size: int = DEFAULT_BATCH) -> None:
        self._session = loaded.session
        self._tokenizer = loaded.tokenizer
        self.manifest: Mapping[str, Any] = loaded.manifest
        self.max_tokens = loaded.max_tokens
        self.batch_size = batch_size
        pad = loaded.tokenizer.token_to_id("[PAD]")
        self._pad_id = int(pad) if pad is not None else 0

    def run(self, inputs: Sequence[str | tuple[str, str]]) -> list[list[float]]:
        """The model's output row for every input (a text, or a (context, text) pair), in
        order; batched ``batch_size`` at a time, similar lengths together so padding stays
        short."""
        import numpy as np

        if not inputs:
            return []
        encodings = self._tokenizer.encode_batch(list(inputs))
        order = sorted(range(len(inputs)), key=lambda i: len(encodings[i].ids))
        out: list[list[float]] = [[] for _ in inputs]
        for idx in self._batches(order, [len(encodings[i].ids) for i in order]):
            width = len(encodings[idx[-1]].ids)
            ids = np.full((len(idx), width), self._pad_id, dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                seq = encodings[i].ids
                ids[row, : len(seq)] = seq
                mask[row, : len(seq)] = 1
            scores = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            for row, i in enumerate(idx):
                out[i] = [float(v) for v in scores[row]]
        return out

    def _batches(self, order: list[int], lengths: list[int]) -> list[list[int]]:
        """Cut ``order`` (sorted by token count, ascending) into batches of at most
        ``batch_size`` whose padding adds at most ``PAD_WASTE`` to the tokens computed:
        padding costs as much as real tokens, so one long message must not pad 31 short ones."""
        batches: list[list[int]] = []
        current: list[int] = []
        tokens = 0
        for i, n in zip(order, lengths, strict=True):
            too_wide = current and (len(current) + 1) * n > (1 + PAD_WASTE) * (tokens + n)
            if len(current) >= self.batch_size or too_wide:
                batches.append(current)
                current, tokens = [], 0
            current.append(i)
            tokens += n
        if current:
            batches.append(current)
        return batches


class CrisisModel(BatchedOnnx):
    """The shipped crisis model: ``CrisisModel.load()`` then ``score(texts)``.

    ``score`` is safe to call from several threads at once (onnxruntime sessions are).
    """

    def __init__(
        self, loaded: Loaded, thresholds: Thresholds, *, batch_size: int = DEFAULT_BATCH
    ) -> None:
        """Wrap an opened model (use ``CrisisModel.load`` normally)."""
        super().__init__(loaded, batch_size)
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
        batch_size: int = DEFAULT_BATCH,
        spin: bool = True,
    ) -> CrisisModel:
        """Load and verify the model in ``directory`` (default: the shipped one); see
        ``open_model`` for ``threads`` and ``spin``."""
        directory = directory or default_model_dir()
        loaded = open_model(directory, MODEL_FILE, threads=threads, spin=spin)
        thresholds = _thresholds(directory / THRESHOLDS_FILE, loaded.manifest)
        return cls(loaded, thresholds, batch_size=batch_size)

    def score(self, texts: Sequence[str]) -> list[ModelScore]:
        """Score every text, in order."""
        return [ModelScore(row[0], row[1]) for row in self.run(texts)]

    def score_one(self, text: str) -> ModelScore:
        """Score a single message."""
        return self.score([text])[0]

    def level(self, text: str) -> ModelLevel:
        """The model's own verdict on one message."""
        return self._thresholds.level(self.score_one(text))
