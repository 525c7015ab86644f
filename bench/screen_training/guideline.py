"""The guideline model's data, training, scoring and bars (``bench/train_guideline_model.py``).

One sigmoid per label the screen coaches or hides, read from (context, reply) pairs; a bar per
label at a precision target, never flagging more than a sliver of ordinary chat.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.screen_training.common import (
    DAVIDSON,
    GOEMO,
    SEED,
    alert_threshold,
    assign_groups,
    auc,
    read_jsonl,
)
from bench.screen_training.finetune import build_model, fit, torch_module

LABELS = ("minimizing", "comparing", "unsolicited_advice", "toxic")
NUDGES = LABELS[:3]
MS_GLOB = "ms_guidelines_dev*.jsonl"
N_GOEMO_TRAIN = 600
N_DAVIDSON_TRAIN = 300
MAX_TOKENS = 128
# Every label's bar: flagged rows at least this right. 0.96 and not 0.9: a nudge is judged with
# the rules' nudges beside it (rules OR model), whose own misses add up; swept out of fold on
# the pooled scores (cross-fold), 0.90 gave nudge precision 0.887 / recall 0.847, 0.94 0.903 /
# 0.828, 0.96 0.929 / 0.800 (unseen text will be harder: keep the margin).
PRECISION = 0.96
# Toxic below the hide bar but at this one goes to the moderators' queue, never hidden: 0.5
# queued 65% of the contempt out of fold, 0.4 74% (with 44% of the queue truly contempt).
REVIEW_PRECISION = 0.4
BACKGROUND_RATE = 0.005  # and no bar flags more than this share of ordinary chat


@dataclass
class Row:
    """One (context, reply) pair and its labels."""

    context: str
    text: str
    y: list[int]  # one 0/1 per LABELS
    file: str
    validating: bool = False
    group: int = -1


@dataclass
class Dataset:
    rows: list[Row]
    background: list[Row]
    files: dict[str, dict[str, int | str]] = field(default_factory=dict)


def load_data(data: Path, limit: int = 0) -> Dataset:
    """The guideline files, ordinary chat and Davidson tweets as training rows (``limit``: a
    smoke test's first N rows, after a seeded shuffle)."""
    rows: list[Row] = []
    files: dict[str, dict[str, int | str]] = {}  # per file: counts, and a note
    ms_files = sorted(data.glob(MS_GLOB))
    if not ms_files:
        raise SystemExit(f"no {MS_GLOB} in {data}: pass --data DIR")
    for path in ms_files:
        raw = read_jsonl(path)
        for r in raw:
            labels = set(r.get("labels") or ())
            rows.append(
                Row(
                    r.get("context") or "",
                    r["text"],
                    [int(lab in labels) for lab in LABELS],
                    path.name,
                    bool(r.get("validating")),
                )
            )
        files[path.name] = {"rows_read": len(raw), "rows_trained": len(raw)}
    rng = random.Random(SEED)
    goemo = read_jsonl(data / GOEMO)
    order = list(range(len(goemo)))
    rng.shuffle(order)
    train_idx = set(order[:N_GOEMO_TRAIN])
    background: list[Row] = []
    for i, r in enumerate(goemo):
        row = Row("", r["text"], [0] * len(LABELS), GOEMO)
        (rows if i in train_idx else background).append(row)
    files[GOEMO] = {
        "rows_read": len(goemo),
        "rows_trained": len(train_idx),
        "rows_aside_for_background_bar": len(background),
    }
    davidson = [r for r in read_jsonl(data / DAVIDSON) if r["label_orig"] == "neither"]
    rng.shuffle(davidson)
    for r in davidson[:N_DAVIDSON_TRAIN]:
        rows.append(Row("", r["text"], [0] * len(LABELS), DAVIDSON))
    files[DAVIDSON] = {
        "rows_read": len(davidson),
        "rows_trained": min(N_DAVIDSON_TRAIN, len(davidson)),
        "note": "'neither' rows as clean chat only; its hate speech is the rules' (slurs are "
        "words), so the toxic head learns the group's own contempt",
    }
    if limit:
        random.Random(SEED).shuffle(rows)
        rows, background = rows[:limit], background[:limit]
    assign_groups(rows)  # by reply text: near-duplicate replies never straddle folds
    return Dataset(rows, background, files)


def grouped_folds(rows: Sequence[Row], k: int, seed: int) -> list[list[int]]:
    from sklearn.model_selection import StratifiedGroupKFold

    strata = [f"{r.file}|{''.join(map(str, r.y))}" for r in rows]
    skf = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    idx = list(range(len(rows)))
    return [list(test) for _, test in skf.split(idx, strata, [r.group for r in rows])]


def split_train_val(rows: list[Row], k: int, seed: int) -> tuple[list[Row], list[Row]]:
    val = set(grouped_folds(rows, k, seed)[0])
    return [r for i, r in enumerate(rows) if i not in val], [rows[i] for i in sorted(val)]


def encode(tokenizer: Any, rows: Sequence[Row]) -> Any:
    return tokenizer(
        [r.context for r in rows],
        [r.text for r in rows],
        padding=True,
        truncation="longest_first",
        max_length=MAX_TOKENS,
        return_tensors="pt",
    )


def torch_scores(model: Any, tokenizer: Any, rows: Sequence[Row]) -> Any:
    torch = torch_module()
    import numpy as np

    model.eval()
    scores = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    order = sorted(range(len(rows)), key=lambda i: len(rows[i].context) + len(rows[i].text))
    with torch.no_grad():
        for s in range(0, len(order), 64):
            idx = order[s : s + 64]
            enc = encode(tokenizer, [rows[i] for i in idx])
            out = torch.sigmoid(model(enc["input_ids"], enc["attention_mask"]))
            scores[idx] = out.numpy()
    return scores


def mean_auc(rows: Sequence[Row], scores: Any) -> float:
    aucs = [auc([r.y[j] for r in rows], scores[:, j].tolist()) for j in range(len(LABELS))]
    return sum(aucs) / len(aucs)


def train(
    train_rows: Sequence[Row], val_rows: Sequence[Row], epochs: int, log: str = ""
) -> tuple[Any, Any, dict[str, Any]]:
    """Fine-tune; keep the epoch with the best mean per-label AUC on ``val_rows``."""
    torch = torch_module()
    torch.manual_seed(SEED)
    random.seed(SEED)
    model, tokenizer = build_model(len(LABELS))
    pos = [sum(r.y[j] for r in train_rows) for j in range(len(LABELS))]
    pos_weight = torch.tensor([(len(train_rows) - p) / max(p, 1) for p in pos])
    bce = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)

    def batch_loss(idx: list[int]) -> Any:
        batch = [train_rows[i] for i in idx]
        enc = encode(tokenizer, batch)
        logits = model(enc["input_ids"], enc["attention_mask"])
        return bce(logits, torch.tensor([[float(v) for v in r.y] for r in batch]))

    info = fit(
        model,
        len(train_rows),
        epochs,
        batch_loss,
        lambda: mean_auc(val_rows, torch_scores(model, tokenizer, val_rows)),
        log=log,
        auc_name="val_mean_auc",
    )
    info.update(
        {
            "pos_weight": [round(float(w), 3) for w in pos_weight],
            "train_rows": len(train_rows),
            "val_rows": len(val_rows),
        }
    )
    return model, tokenizer, info


class OnnxScorer:
    """Scores pairs with an exported ONNX file, the way the run time does."""

    def __init__(self, onnx_path: Path, tokenizer_path: Path) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 2
        self.session = ort.InferenceSession(str(onnx_path), opts)
        self.tok = Tokenizer.from_file(str(tokenizer_path))
        self.tok.enable_truncation(MAX_TOKENS, strategy="longest_first")
        self.tok.enable_padding()

    def __call__(self, rows: Sequence[Row]) -> Any:
        import numpy as np

        scores = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
        order = sorted(range(len(rows)), key=lambda i: len(rows[i].context) + len(rows[i].text))
        for s in range(0, len(order), 64):
            idx = order[s : s + 64]
            enc = self.tok.encode_batch([(rows[i].context, rows[i].text) for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            scores[idx] = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return scores


MIN_FLAGGED = 5  # a precision measured on fewer flagged rows than this is not trusted


def bar(
    scores: Sequence[float], right: Sequence[int], background: Sequence[float], precision: float
) -> tuple[float, dict[str, Any]]:
    """The lowest score whose flagged validation rows (at least ``MIN_FLAGGED``) are at least
    ``precision`` right, raised if needed so that at most ``BACKGROUND_RATE`` of ordinary chat
    is flagged. When no score reaches ``precision`` (a small validation split), the bar flags
    only the top ``MIN_FLAGGED`` validation rows, and says so: a label is never silently
    switched off, nor let loose."""
    pairs = sorted(zip(scores, right, strict=True), reverse=True)
    top: tuple[float, float, int] | None = None  # (precision, score, flagged) at the top rows
    chosen: tuple[float, float, int] | None = None
    hits = 0
    for n, (score, ok) in enumerate(pairs, start=1):
        hits += ok
        if n < MIN_FLAGGED or (n < len(pairs) and pairs[n][0] == score):
            continue  # ties: decide at the last row with this score
        p = hits / n
        if top is None:
            top = (p, score, n)
        if p >= precision:
            chosen = (p, score, n)
    how = "precision"
    if chosen is None:
        chosen, how = top or (0.0, 1.0, 0), f"top {MIN_FLAGGED} rows (the target was not reached)"
    p, t_prec, flagged = chosen
    t_bg = alert_threshold(list(background), BACKGROUND_RATE)
    t = max(t_prec, t_bg)
    positives = sum(right)
    caught = sum(ok for score, ok in pairs if score >= t)
    return t, {
        "flagged": sum(1 for score, _ in pairs if score >= t),
        "precision_at_bar": round(caught / max(1, sum(1 for sc, _ in pairs if sc >= t)), 3),
        "recall": round(caught / max(1, positives), 3),
        "precision_bar": round(t_prec, 6),
        "precision_bar_from": how,
        "background_bar": round(t_bg, 6),
        "binding": "precision" if t_prec >= t_bg else "background",
        "validation_precision_target": precision,
        "flagged_at_precision_bar": flagged,
        "precision_at_precision_bar": round(p, 3),
    }


def derive_thresholds(val_rows: Sequence[Row], val_scores: Any, bg_scores: Any) -> dict[str, Any]:
    """A bar per label. For a coaching label a flag is right when the reply breaks ANY coaching
    guideline (the member gets a nudge either way: the nudge-precision target), for toxic when
    it is toxic."""
    out: dict[str, Any] = {"how": {}}
    any_nudge = [int(any(r.y[j] for j in range(len(NUDGES)))) for r in val_rows]
    for j, label in enumerate(LABELS):
        right = any_nudge if label in NUDGES else [r.y[j] for r in val_rows]
        t, info = bar(val_scores[:, j].tolist(), right, bg_scores[:, j].tolist(), PRECISION)
        out[label] = round(t, 6)
        out["how"][label] = info
    j = LABELS.index("toxic")
    y = [r.y[j] for r in val_rows]
    t, info = bar(val_scores[:, j].tolist(), y, bg_scores[:, j].tolist(), REVIEW_PRECISION)
    out["toxic_review"] = round(min(t, out["toxic"]), 6)
    out["how"]["toxic_review"] = info
    out["how"]["rule"] = (
        f"each label: lowest score whose flagged validation rows (>= {MIN_FLAGGED}) are >= "
        f"{PRECISION:.0%} right (coaching labels: the reply breaks any coaching guideline) and "
        f"that flags <= {BACKGROUND_RATE:.1%} of held-aside GoEmotions chat; toxic_review: the "
        f"same at {REVIEW_PRECISION:.0%} (queued for a moderator, not hidden)"
    )
    return out


THRESHOLD_KEYS = (*LABELS, "toxic_review")


def _is_background(row: Row) -> bool:
    return row.file == GOEMO


def pooled_thresholds(rows: Sequence[Row], scores: Any) -> dict[str, Any]:
    """Bars chosen on out-of-fold scores pooled over folds: far more rows than one validation
    split, so the 96% precision bar is measured on hundreds of flags, not a handful. The
    ordinary-chat bar uses the GoEmotions rows among them (scored out of fold too)."""
    import numpy as np

    bg = np.array([_is_background(r) for r in rows])
    return derive_thresholds(rows, scores, scores[bg])
