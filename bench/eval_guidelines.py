"""Evaluate the conversation-guideline screen on the shared development data.

Reads the data at run time (never copied into the repository):

- ``ms_guidelines_dev.jsonl``: context, reply ``text``, ``labels`` and ``validating``;
- ``external/toxicity_davidson.jsonl``: tweets, ``toxic`` true/false, ``label_orig``;
- ``external/background_chat_goemotions.jsonl``: ordinary chat, where every toxic or privacy
  hit is a false hide.

Usage::

    .venv/bin/python -m bench.eval_guidelines [--data ../shared/data] [--check] [--show N]

The data folder is ``--data``, else ``$KINDRED_SHARED_DATA``, else ``../shared/data``. When any
of the three files is missing (a bare clone) it says which and exits 0: there is nothing to
measure, which is not a failure of the screen.

``--check`` exits with status 1 if a target is missed; ``--show`` prints up to N misses and
false alarms per group (for tuning; the text is printed, never stored).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cogs.guidelines.rules import COACH_LABELS, LABELS
from cogs.guidelines.screen import GuidelineScreen

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DATA_ENV = "KINDRED_SHARED_DATA"
NEEDED = (
    "ms_guidelines_dev.jsonl",
    "external/toxicity_davidson.jsonl",
    "external/background_chat_goemotions.jsonl",
)

# (name, value, comparison, target)
TARGETS: tuple[tuple[str, str, float], ...] = (
    ("nudge_precision", ">=", 0.90),
    ("nudge_recall", ">=", 0.70),
    ("validating_nudged", "<=", 0.03),
    ("toxic_recall_ms", ">=", 0.80),
    ("toxic_recall_davidson_hate", ">=", 0.80),
    ("false_hide_background", "<", 0.01),
    ("self_swearing_hidden", "<=", 0.0),
)

# Self-directed swearing that must never be hidden (written for this check, not from the data).
SELF_SWEARING = (
    "ugh, this f***ing fatigue",
    "this fucking fatigue is relentless today",
    "shit day. legs won't work",
    "MS is a bitch",
    "MS is such a bitch some days",
    "life's a bitch and then you get MS",
    "what a shitty week, sorry for bitching about it",
    "fuck MS honestly",
    "damn this heat, I'm useless in summer",
    "I feel so stupid, I forgot my own phone number",
    "my brain fog is so bad I feel like an idiot",
    "I'm such a loser for crying at the neuro",
)


@dataclass
class Count:
    """True/false positive and negative counts for one question."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        """Record one row."""
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        """Share of flagged rows that were right (1.0 when nothing was flagged)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of positive rows that were flagged (1.0 when there were none)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def evaluate(screen: GuidelineScreen, data: Path, show: int = 0) -> dict[str, float]:
    """Run every measurement and print a report; return the headline numbers."""
    results: dict[str, float] = {}
    shown: dict[str, int] = {}

    def note(group: str, row: dict[str, Any], hits: list[Any]) -> None:
        if shown.get(group, 0) < show:
            shown[group] = shown.get(group, 0) + 1
            got = ",".join(f"{h.label}:{h.rule}" for h in hits) or "-"
            ctx = (row.get("context") or "")[:90]
            print(f"  [{group}] got={got}\n      C: {ctx}\n      T: {row['text'][:220]}")

    # --- MS guideline dev set ---------------------------------------------------------------
    rows = list(read_jsonl(data / "ms_guidelines_dev.jsonl"))
    per_label = {label: Count() for label in LABELS}
    nudge = Count()
    validating = Count()
    for row in rows:
        hits = screen.screen(row["text"], row.get("context"))
        got = {h.label for h in hits}
        want = set(row["labels"])
        for label in LABELS:
            per_label[label].add(label in got, label in want)
        nudged = any(h.path == "coach" for h in hits)
        coach_wanted = bool(want & set(COACH_LABELS))
        nudge.add(nudged, coach_wanted)
        if row.get("validating"):
            validating.add(nudged, False)
        if nudged and not coach_wanted:
            note("false-nudge", row, hits)
        if coach_wanted and not nudged:
            note("missed-nudge", row, hits)
        for label in ("toxic", "privacy"):
            if label in want and label not in got:
                note(f"missed-{label}", row, hits)
            if label in got and label not in want:
                note(f"false-{label}", row, hits)
    print(f"ms_guidelines_dev.jsonl: {len(rows)} rows")
    print(f"  {'label':<20} {'prec':>6} {'recall':>7}   tp  fp  fn")
    for label, c in per_label.items():
        print(f"  {label:<20} {c.precision:6.3f} {c.recall:7.3f} {c.tp:4d}{c.fp:4d}{c.fn:4d}")
    validating_share = validating.fp / max(1, validating.fp + validating.tn)
    print(
        f"  nudge (any coach label): precision {nudge.precision:.3f}  recall {nudge.recall:.3f}"
        f"  (tp {nudge.tp}, false nudges {nudge.fp}, missed {nudge.fn})"
    )
    print(
        f"  validating replies nudged: {validating.fp}/{validating.fp + validating.tn}"
        f" = {validating_share:.3f}"
    )
    results["nudge_precision"] = nudge.precision
    results["nudge_recall"] = nudge.recall
    results["validating_nudged"] = validating_share
    results["toxic_recall_ms"] = per_label["toxic"].recall

    # --- Davidson toxicity ----------------------------------------------------------------
    davidson = list(read_jsonl(data / "external" / "toxicity_davidson.jsonl"))
    by_orig: dict[str, Count] = {}
    for row in davidson:
        hits = screen.screen(row["text"])
        hidden = any(h.label == "toxic" for h in hits)
        group = row.get("label_orig", "toxic" if row["toxic"] else "neither")
        by_orig.setdefault(group, Count()).add(hidden, bool(row["toxic"]))
        if row["toxic"] and not hidden and group == "hate_speech":
            note("davidson-missed-hate", row, hits)
        if hidden and not row["toxic"]:
            note("davidson-false-hide", row, hits)
    print(f"toxicity_davidson.jsonl: {len(davidson)} rows")
    for group, c in sorted(by_orig.items()):
        if c.tp + c.fn:
            print(f"  {group:<20} toxic recall {c.recall:.3f} ({c.tp}/{c.tp + c.fn})")
        else:
            print(
                f"  {group:<20} false-hide rate {c.fp / max(1, c.fp + c.tn):.3f} ({c.fp}/{c.fp + c.tn})"
            )
    results["toxic_recall_davidson_hate"] = by_orig.get("hate_speech", Count()).recall
    neither = by_orig.get("neither", Count())
    results["false_hide_davidson_neither"] = neither.fp / max(1, neither.fp + neither.tn)

    # --- background chat --------------------------------------------------------------------
    background = list(read_jsonl(data / "external" / "background_chat_goemotions.jsonl"))
    hides = 0
    nudges = 0
    for row in background:
        hits = screen.screen(row["text"])
        if any(h.path == "abuse" for h in hits):
            hides += 1
            note("background-hide", row, hits)
        if any(h.path == "coach" for h in hits):
            nudges += 1
    texts = [row["text"] for row in background]
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for text in texts:
            screen.screen(text)
        best = min(best, time.perf_counter() - started)
    per_message = best / len(texts) * 1e6
    print(f"background_chat_goemotions.jsonl: {len(background)} rows")
    print(f"  false hides (toxic/privacy): {hides} = {hides / len(background):.4f}")
    print(f"  nudges without context (informational): {nudges / len(background):.4f}")
    print(f"  speed: {per_message:.2f} µs/message (best of 5)")
    results["false_hide_background"] = hides / len(background)
    results["us_per_message"] = per_message

    # --- casual self-directed swearing -------------------------------------------------------
    swore = [t for t in SELF_SWEARING if any(h.path == "abuse" for h in screen.screen(t))]
    print(f"self-directed swearing hidden: {len(swore)}/{len(SELF_SWEARING)} {swore or ''}")
    results["self_swearing_hidden"] = float(len(swore))
    return results


def check(results: dict[str, float]) -> list[str]:
    """The targets missed, as readable lines."""
    missed = []
    for name, op, target in TARGETS:
        value = results[name]
        ok = {">=": value >= target, "<=": value <= target, "<": value < target}[op]
        if not ok:
            missed.append(f"{name} = {value:.3f}, target {op} {target}")
    return missed


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder")
    parser.add_argument("--rules", type=Path, nargs="*", help="rules files (default: shipped)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--show", type=int, default=0, help="print up to N examples per group")
    args = parser.parse_args(argv)
    data = args.data or Path(os.environ.get(DATA_ENV) or DEFAULT_DATA)
    missing = [name for name in NEEDED if not (data / name).is_file()]
    if missing:
        print(
            f"guideline evaluation skipped: {data} lacks {', '.join(missing)} "
            f"(pass --data DIR or set {DATA_ENV} to the shared data folder)"
        )
        return 0
    screen = GuidelineScreen.load(args.rules) if args.rules else GuidelineScreen.load_default()
    results = evaluate(screen, data, args.show)
    missed = check(results)
    print("targets:", "all met" if not missed else "MISSED: " + "; ".join(missed))
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
