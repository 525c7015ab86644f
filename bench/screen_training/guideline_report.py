"""The guideline model's out-of-fold table (``oof`` writes it, ``calibrate`` rewrites it from a
dump): the model alone, today's rules alone and the shipped combination, per file and label,
each fold's rows judged at bars chosen on the other folds' pooled scores."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.screen_training.common import RESULTS, auc
from bench.screen_training.guideline import (
    LABELS,
    NUDGES,
    THRESHOLD_KEYS,
    Dataset,
    pooled_thresholds,
)


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


def report(ds: Dataset, dump: dict[str, Any]) -> None:
    """The out-of-fold table: each fold's rows judged with bars chosen on the OTHER folds'
    pooled scores (so no bar is set on the rows it is scored on), per file and label."""
    import numpy as np

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
        lines.append(f"  {label:20} {auc(y, scores[ms, j].tolist()):.3f}")
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
