"""The crisis model's data, training, scoring and thresholds (``bench/train_screen_model.py``).

Two logits, ``alert`` (concern or urgent) and ``urgent``, trained on the English crisis files,
the negation probes and ordinary chat; three thresholds set on the QUANTISED model's scores.
"""

from __future__ import annotations

import math
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
from bench.screen_training.onnx_export import export_quantised

MS_GLOB = "ms_crisis_dev*.jsonl"
PROBES = "external/crisis_negation_probes.jsonl"
N_GOEMO_TRAIN = 1200
N_DAVIDSON_TRAIN = 400

MAX_TOKENS = 96
URGENT_WEIGHT = 0.5

BACKGROUND_RATE = 0.005  # alert threshold: alerts on 0.5% of held-aside chat
URGENT_PRECISION = 0.8  # urgent threshold: lowest score with this precision among alerts
VETO_QUANTILE = 0.10  # veto floor: 10th percentile of alert scores on validation positives


@dataclass
class Row:
    """One training or evaluation message."""

    text: str
    alert: int  # 1 = concern or urgent
    urgent: int  # 1 urgent, 0 not, -1 unknown (masked in the loss)
    file: str
    category: str
    level: str | None = None  # gold level for the MS files
    group: int = -1


@dataclass
class Dataset:
    """Training rows, the held-aside background chat and what was read."""

    rows: list[Row]
    background: list[Row]  # GoEmotions rows never trained on: the alert threshold
    davidson_aside: list[Row]  # Davidson rows never trained on: reported only
    files: dict[str, dict[str, int]] = field(default_factory=dict)


def load_data(data: Path, limit: int = 0) -> Dataset:
    """Read the development files into training rows and the held-aside background (``limit``:
    a smoke test's first N rows of each, after a seeded shuffle of the training rows)."""
    rows: list[Row] = []
    files: dict[str, dict[str, int]] = {}
    ms_files = sorted(data.glob(MS_GLOB))
    if not ms_files:
        raise SystemExit(f"no {MS_GLOB} in {data}: pass --data DIR")
    for path in ms_files:
        raw = read_jsonl(path)
        for r in raw:
            level = r["level"]
            rows.append(
                Row(
                    r["text"],
                    int(level in ("concern", "urgent")),
                    int(level == "urgent"),
                    path.name,
                    r.get("category", "?"),
                    level,
                )
            )
        files[path.name] = {"rows_read": len(raw), "rows_trained": len(raw)}
    probes = read_jsonl(data / PROBES)
    for r in probes:
        esc = int(r["escalate"])
        # A positive probe's urgency is unknown (masked); a neutralised twin is not urgent.
        rows.append(Row(r["text"], esc, -1 if esc else 0, PROBES, r.get("subset", "all")))
    files[PROBES] = {"rows_read": len(probes), "rows_trained": len(probes)}

    rng = random.Random(SEED)
    goemo = read_jsonl(data / GOEMO)
    order = list(range(len(goemo)))
    rng.shuffle(order)
    train_idx = set(order[:N_GOEMO_TRAIN])
    background: list[Row] = []
    for i, r in enumerate(goemo):
        row = Row(r["text"], 0, 0, GOEMO, "background_chat")
        (rows if i in train_idx else background).append(row)
    files[GOEMO] = {
        "rows_read": len(goemo),
        "rows_trained": len(train_idx),
        "rows_aside_for_alert_threshold": len(background),
    }
    davidson = read_jsonl(data / DAVIDSON)
    order = list(range(len(davidson)))
    rng.shuffle(order)
    train_idx = set(order[:N_DAVIDSON_TRAIN])
    aside: list[Row] = []
    for i, r in enumerate(davidson):
        cat = "toxic" if r.get("toxic") else "not_toxic"
        row = Row(r["text"], 0, 0, DAVIDSON, cat)
        (rows if i in train_idx else aside).append(row)
    files[DAVIDSON] = {
        "rows_read": len(davidson),
        "rows_trained": len(train_idx),
        "rows_aside_reported_only": len(aside),
    }
    if limit:
        random.Random(SEED).shuffle(rows)
        rows, background, aside = rows[:limit], background[:limit], aside[:limit]
    assign_groups(rows)
    return Dataset(rows, background, aside, files)


def grouped_folds(rows: Sequence[Row], k: int, seed: int) -> list[list[int]]:
    """Split row indices into ``k`` folds; a group never straddles folds; stratified by file
    and label."""
    from sklearn.model_selection import StratifiedGroupKFold

    strata = [f"{r.file}|{r.alert}|{r.urgent}" for r in rows]
    groups = [r.group for r in rows]
    skf = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    return [list(test) for _, test in skf.split(list(range(len(rows))), strata, groups)]


def split_train_val(rows: list[Row], k: int, seed: int) -> tuple[list[Row], list[Row]]:
    """One grouped fold of ``1/k`` as validation, the rest for training."""
    folds = grouped_folds(rows, k, seed)
    val_idx = set(folds[0])
    return [r for i, r in enumerate(rows) if i not in val_idx], [rows[i] for i in sorted(val_idx)]


def encode(tokenizer: Any, texts: Sequence[str]) -> Any:
    return tokenizer(
        list(texts), padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
    )


def torch_scores(model: Any, tokenizer: Any, texts: Sequence[str]) -> Any:
    """Sigmoid scores ``[n, 2]`` from the torch model (eval mode)."""
    torch = torch_module()
    import numpy as np

    model.eval()
    out = []
    with torch.no_grad():
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for s in range(0, len(order), 64):
            idx = order[s : s + 64]
            enc = encode(tokenizer, [texts[i] for i in idx])
            out.append((idx, torch.sigmoid(model(enc["input_ids"], enc["attention_mask"]))))
    scores = np.zeros((len(texts), 2), dtype=np.float32)
    for idx, s in out:
        scores[idx] = s.numpy()
    return scores


def train(
    train_rows: Sequence[Row], val_rows: Sequence[Row], epochs: int, log: str = ""
) -> tuple[Any, Any, dict[str, Any]]:
    """Fine-tune on ``train_rows``; keep the epoch with the best alert AUC on ``val_rows``."""
    torch = torch_module()
    torch.manual_seed(SEED)
    random.seed(SEED)
    model, tokenizer = build_model()
    n_pos = sum(r.alert for r in train_rows)
    n_neg = len(train_rows) - n_pos
    known = [r for r in train_rows if r.urgent >= 0]
    u_pos = sum(r.urgent for r in known)
    u_neg = len(known) - u_pos
    pw_alert = torch.tensor(n_neg / max(n_pos, 1))
    pw_urgent = torch.tensor(math.sqrt(u_neg / max(u_pos, 1)))
    bce_a = torch.nn.BCEWithLogitsLoss(pos_weight=pw_alert)
    bce_u = torch.nn.BCEWithLogitsLoss(pos_weight=pw_urgent, reduction="none")

    def batch_loss(idx: list[int]) -> Any:
        batch = [train_rows[i] for i in idx]
        enc = encode(tokenizer, [r.text for r in batch])
        logits = model(enc["input_ids"], enc["attention_mask"])
        ya = torch.tensor([float(r.alert) for r in batch])
        yu = torch.tensor([float(max(r.urgent, 0)) for r in batch])
        mu = torch.tensor([float(r.urgent >= 0) for r in batch])
        loss = bce_a(logits[:, 0], ya)
        return loss + URGENT_WEIGHT * (bce_u(logits[:, 1], yu) * mu).sum() / mu.sum().clamp(min=1.0)

    def val_auc() -> float:
        scores = torch_scores(model, tokenizer, [r.text for r in val_rows])
        return auc([r.alert for r in val_rows], scores[:, 0].tolist())

    info = fit(model, len(train_rows), epochs, batch_loss, val_auc, log=log)
    info.update(
        {
            "pos_weight_alert": round(float(pw_alert), 3),
            "pos_weight_urgent": round(float(pw_urgent), 3),
            "train_rows": len(train_rows),
            "val_rows": len(val_rows),
        }
    )
    return model, tokenizer, info


class OnnxScorer:
    """Scores from an exported ONNX file (the same path the run time takes)."""

    def __init__(self, onnx_path: Path, tokenizer_path: Path) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 2
        self.session = ort.InferenceSession(str(onnx_path), opts)
        self.tok = Tokenizer.from_file(str(tokenizer_path))
        self.tok.enable_truncation(MAX_TOKENS)
        self.tok.enable_padding()

    def __call__(self, texts: Sequence[str]) -> Any:
        import numpy as np

        scores = np.zeros((len(texts), 2), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for s in range(0, len(order), 64):
            idx = order[s : s + 64]
            enc = self.tok.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            scores[idx] = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return scores


EXPORT_SAMPLE = ["I can't do this anymore", "lovely weather for the walk today, see you all soon"]


def export(model: Any, tokenizer: Any, out: Path) -> dict[str, Any]:
    """The crisis model's per-channel int8 ONNX file, traced on two single messages."""
    return export_quantised(model, out, encode(tokenizer, EXPORT_SAMPLE))


def urgent_threshold(
    urgent_scores: Sequence[float], is_urgent: Sequence[int], precision: float = URGENT_PRECISION
) -> tuple[float, dict[str, Any]]:
    """Lowest urgent score whose rows at or above it are >= ``precision`` truly urgent."""
    pairs = sorted(zip(urgent_scores, is_urgent, strict=True))
    n_urgent = sum(is_urgent)
    for i, (score, _) in enumerate(pairs):
        above = pairs[i:]
        hits = sum(u for _, u in above)
        if len(above) >= 3 and hits / len(above) >= precision:
            return float(score), {
                "alerted_rows": len(pairs),
                "urgent_rows": n_urgent,
                "flagged": len(above),
                "precision": round(hits / len(above), 3),
                "urgent_recall_among_alerted": round(hits / max(n_urgent, 1), 3),
            }
    return 1.0, {"alerted_rows": len(pairs), "note": "no threshold reached the precision"}


def derive_thresholds(
    val_rows: Sequence[Row], val_scores: Any, background_scores: Any
) -> dict[str, Any]:
    """All three thresholds from the quantised model's scores (validation + background)."""
    import numpy as np

    t_alert = alert_threshold(background_scores.tolist(), BACKGROUND_RATE)
    alerted_ms = [
        (float(val_scores[i, 1]), r.urgent)
        for i, r in enumerate(val_rows)
        if r.level is not None and val_scores[i, 0] >= t_alert
    ]
    t_urgent, urgent_info = urgent_threshold([s for s, _ in alerted_ms], [u for _, u in alerted_ms])
    pos = np.array([val_scores[i, 0] for i, r in enumerate(val_rows) if r.alert])
    veto = float(np.quantile(pos, VETO_QUANTILE)) if len(pos) else 0.0
    n_bg = len(background_scores)
    return {
        "alert": round(t_alert, 6),
        "urgent": round(t_urgent, 6),
        "veto_floor": round(veto, 6),
        "how": {
            "alert": (
                f"score at or above which {BACKGROUND_RATE:.1%} of {n_bg} held-aside GoEmotions "
                f"background rows (never trained on) alert: "
                f"{int((background_scores >= t_alert).sum())} of {n_bg}"
            ),
            "urgent": (
                f"lowest urgent score with urgent precision >= {URGENT_PRECISION} among "
                f"validation MS rows whose alert score >= the alert threshold"
            ),
            "urgent_detail": urgent_info,
            "veto_floor": (
                f"{VETO_QUANTILE:.0%} percentile of alert scores on the {len(pos)} validation "
                f"positives (MS concern/urgent + positive negation probes); a lexicon alert "
                f"stands only at or above it"
            ),
        },
    }
