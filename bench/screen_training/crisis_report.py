"""The crisis model's out-of-fold table (``oof`` writes it, ``report`` rewrites it from a dump):
the model alone, today's lexicon alone and the veto combination, per file and category, then
the veto at bars set on the other folds' pooled scores, AUCs and the background figure."""

from __future__ import annotations

import argparse
import json
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.screen_training.common import GOEMO, RESULTS, auc
from bench.screen_training.crisis import BACKGROUND_RATE, Dataset, Row, derive_thresholds


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
