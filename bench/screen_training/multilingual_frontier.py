"""Where the Hinglish bar sits, and what sets it (issue 15).

Usage (the training venv; run from the repository):
    python -m bench.screen_training.multilingual_frontier sweep --dump OOF.json --written FILE
    python -m bench.screen_training.multilingual_frontier heldout --dump OOF.json \
        --written FILE_WITHOUT_ROUND_3 --models DIR --e5 E5P_NODEV

``sweep`` takes an out-of-fold dump (``multilingual_translit.py oof``) and, for each false-alarm
ceiling and each pool of negatives the bars are chosen on (always on the other folds; rules OR
model, a bar per language, each row at the bar of the bot's guess at its language), prints
alert recall / false alarms per set and language: the development file, the written rounds 1-2
and the third written Hinglish round. ``heldout`` takes a run trained WITHOUT the third round
(``--written`` a copy of the written rows without ids from ``FRESH_FROM``) and scores the third
round with that run's fold models, none of which read a row of it: a held-out Hinglish set of
613 rows, each at its fold's bars.

Measured (2026-12-05; the shipped recipe retrained twice; rules of that day):

    bars on                           dev es       dev hi       dev hinglish  3rd round hinglish
    every negative (ships), ceiling 0.08  0.94/0.05  0.83/0.07  0.58/0.05     0.72/0.11
    every negative, ceiling 0.10          0.94/0.05  0.83/0.07  0.69/0.07     0.81/0.14
    no 3rd-round negative, ceiling 0.08   0.94/0.05  0.83/0.07  0.69/0.07     0.81/0.14
    trained and barred without round 3    0.97/0.07  0.83/0.05  0.75/0.07     0.80/0.15 (held out)

The third round's near twins (a diary's last entry against a gratitude journal's) set the
Hinglish bar: without them in the pool it falls from about 0.85 to 0.79, and the development
file's Hinglish recall rises by 0.11 for two more false alarms there, while the third round's
own false alarms rise to 0.14. Neither point reaches 0.8 / 0.1 on both sets; which false-alarm
rate to accept for which recall is a product call, so the shipped bars are unchanged.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.eval_multilingual import DEFAULT_DATA, LANGS, written_part
from bench.screen_training.common import read_jsonl
from bench.screen_training.multilingual_bars import bar_for, language_bars
from bench.screen_training.multilingual_model import (
    FOLDS,
    dev_rows,
    honest_rules,
    onnx_scores,
    shipped_rules,
    written_ml_rows,
)

WRITTEN = Path(__file__).resolve().parent / "data" / "multilingual_written.jsonl"
Bars = dict[str, float]


def _bars(rows: list[dict[str, Any]], rules: list[bool], ceiling: float,
          pool: Callable[[int], bool]) -> list[Bars]:  # fmt: skip
    """Each fold's bar per language (``language_bars``, rules OR model): the lowest with false
    alarms at or below ``ceiling`` on the other folds' alerts and the negatives ``pool`` admits."""
    out = []
    for k in range(FOLDS):
        ix = [i for i, r in enumerate(rows) if r["fold"] != k and (r["alert"] or pool(i))]
        out.append(language_bars([rows[i]["scores"][0] for i in ix], [rules[i] for i in ix],
                                 [rows[i]["alert"] for i in ix], [rows[i]["lang"] for i in ix],
                                 0.0, ceiling=ceiling))  # fmt: skip
    return out


def _rows(args: argparse.Namespace) -> tuple[list[dict[str, Any]], list[bool], list[str | None]]:
    from cogs.screening.multilingual_model import language_of

    dump = json.loads(args.dump.read_text())
    dev, written = dev_rows(args.data)[0], written_ml_rows(args.written)[0]
    rows = dump["rows"]
    if len(rows) != len(dev) + len(written):
        raise SystemExit("--dump: its rows are not these files' rows")
    ids = [None] * len(dev) + [d["id"] for d in read_jsonl(args.written)]
    for r, row_id in zip(rows, ids, strict=True):
        if row_id and written_part(row_id) == "third":
            r["set"] = "third"
    guesses = [language_of(r.text) for r in (*dev, *written)]
    return rows, honest_rules(dev) + shipped_rules(written), guesses


def _line(flagged: dict[int, bool], rows: list[dict[str, Any]]) -> str:
    cells = []
    for part in ("dev", "written", "third"):
        for lang in LANGS:
            ix = [
                i for i in flagged if rows[i].get("set", "dev") == part and rows[i]["lang"] == lang
            ]
            pos = [i for i in ix if rows[i]["alert"]]
            neg = [i for i in ix if not rows[i]["alert"]]
            if pos and neg:
                caught = sum(flagged[i] for i in pos) / len(pos)
                raised = sum(flagged[i] for i in neg) / len(neg)
                cells.append(f"{part}/{lang} {caught:.2f}/{raised:.2f}")
    return "  ".join(cells)


def cmd_sweep(args: argparse.Namespace) -> int:
    rows, rules, guesses = _rows(args)
    pools: dict[str, Callable[[int], bool]] = {
        "every negative": lambda _i: True,
        "no third-round negative": lambda i: rows[i].get("set") != "third",
    }
    for name, pool in pools.items():
        for ceiling in (0.06, 0.08, 0.10, 0.12):
            bars = _bars(rows, rules, ceiling, pool)
            flagged = {
                i: rules[i] or r["scores"][0] >= bar_for(bars[r["fold"]], guesses[i])
                for i, r in enumerate(rows)
            }
            print(f"bars on {name}, ceiling {ceiling:.2f}: {_line(flagged, rows)}")
    return 0


def cmd_heldout(args: argparse.Namespace) -> int:
    from cogs.crisis.detector import CrisisScreen, Level
    from cogs.screening.multilingual_model import language_of, model_view

    rows, rules, _ = _rows(args)
    bars = _bars(rows, rules, args.ceiling, lambda _i: True)
    third = [d for d in read_jsonl(WRITTEN) if written_part(d["id"]) == "third"]
    screen = CrisisScreen.load_default()
    caught = alerts = raised = others = 0
    for k in range(FOLDS):
        mine = [d for d in third if zlib.crc32(d["group"].encode()) % FOLDS == k]
        texts = [model_view(d["text"]) for d in mine]
        scores = onnx_scores(args.models / f"fold{k}.onnx", args.e5 / "tokenizer.json", texts)
        for d, s in zip(mine, scores, strict=True):
            bar = bar_for(bars[k], language_of(d["text"]))
            flag = screen.screen(d["text"]).level >= Level.CONCERN or s[0] >= bar
            if d["level"] in ("concern", "urgent"):
                alerts, caught = alerts + 1, caught + flag
            else:
                others, raised = others + 1, raised + flag
    print(f"bars per fold: {bars}")
    print(f"third round, held out (rules OR model): alerts caught {caught}/{alerts} "
          f"({caught / alerts:.2f}), false alarms {raised}/{others} ({raised / others:.2f})")  # fmt: skip
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=("sweep", "heldout"))
    ap.add_argument("--dump", type=Path, required=True)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--written", type=Path, default=WRITTEN)
    ap.add_argument("--models", type=Path, default=None, help="heldout: the run's fold models")
    ap.add_argument("--e5", type=Path, default=None, help="heldout: the run's vocabulary dir")
    ap.add_argument("--ceiling", type=float, default=0.08, help="heldout: false-alarm ceiling")
    args = ap.parse_args(argv)
    if args.command == "sweep":
        return cmd_sweep(args)
    if args.models is None or args.e5 is None:
        ap.error("heldout needs --models and --e5")
    return cmd_heldout(args)


if __name__ == "__main__":
    sys.exit(main())
