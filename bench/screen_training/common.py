"""What both screen models' training shares: where things are, the ordinary-chat files,
reading JSONL, near-duplicate groups, AUC, sha256 and the background bar.

Nothing here imports torch: the training scripts must print ``--help`` in the project's venv.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "data"
RESULTS = REPO / "bench" / "results"

# Ordinary chat, the negatives both models train on (and the background their bars are set on).
GOEMO = "external/background_chat_goemotions.jsonl"
DAVIDSON = "external/toxicity_davidson.jsonl"
SEED = 1234
DUP_SIMILARITY = 0.6  # tf-idf cosine at or above which two rows are one group


class Grouped(Protocol):
    """A training row as near-duplicate grouping sees it (both models' rows are)."""

    text: str
    group: int


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def assign_groups(rows: Sequence[Grouped]) -> None:
    """Near-duplicates (tf-idf cosine >= DUP_SIMILARITY, transitively) share one group."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    x = vec.fit_transform([r.text.lower() for r in rows])
    sim = (x @ x.T).tocoo()
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, v in zip(sim.row, sim.col, sim.data, strict=True):
        if i < j and v >= DUP_SIMILARITY:
            a, b = find(int(i)), find(int(j))
            if a != b:
                parent[a] = b
    for i, r in enumerate(rows):
        r.group = find(i)


def auc(labels: Sequence[int], scores: Sequence[float]) -> float:
    """ROC AUC (rank statistic; 0.5 when one class is missing)."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return 0.5
    ranked = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        avg = (i + j + 1) / 2
        rank_sum += avg * sum(1 for t in ranked[i:j] if t[1])
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def alert_threshold(background_scores: Sequence[float], rate: float) -> float:
    """The score at or above which at most ``rate`` of background chat alerts."""
    s = sorted(background_scores, reverse=True)
    k = math.floor(rate * len(s))
    if k == 0:
        return float(s[0]) + 1e-6
    return float((s[k - 1] + s[k]) / 2) if s[k - 1] > s[k] else float(s[k - 1]) + 1e-6


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
