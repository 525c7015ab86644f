"""Measure the crisis screen against the development data in ../shared/data.

Usage:
    .venv/bin/python -m bench.eval_screens [--data DIR] [--check] [--show-errors N]

Prints, per file and per category: n, alert recall on positives (alert = concern or urgent)
and the false-alarm rate on negatives, and a level confusion matrix for the MS file. With
--check, exits 1 if a target is missed. The data is read at run time and never copied here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cogs.crisis.detector import CrisisScreen, Level, default_lexicon_path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MS_FILE = "ms_crisis_dev.jsonl"
PROBES_FILE = "external/crisis_negation_probes.jsonl"
BACKGROUND_FILE = "external/background_chat_goemotions.jsonl"


@dataclass(frozen=True)
class Target:
    """One pass/fail number: ``metric`` on ``file`` must be >= (recall) or <= (false alarms)."""

    file: str
    metric: str  # "recall" or "false_alarm"
    bound: float


TARGETS = (
    Target(MS_FILE, "recall", 0.97),
    Target(MS_FILE, "false_alarm", 0.05),
    Target(PROBES_FILE, "recall", 0.95),
    Target(PROBES_FILE, "false_alarm", 0.10),
    Target(BACKGROUND_FILE, "false_alarm", 0.005),
)


@dataclass(frozen=True)
class Row:
    """One labelled message: is it a positive (should alert), its group, and gold level."""

    text: str
    positive: bool
    group: str
    gold: str | None
    context: str | None


def read_rows(path: Path) -> Iterator[Row]:
    """Rows of one JSONL file in any of the three layouts."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            raw = json.loads(line)
            if "level" in raw:
                gold = raw["level"]
                positive = gold in ("concern", "urgent")
                group = raw.get("category", "?")
            else:
                gold = None
                positive = bool(raw.get("escalate", 0))
                group = raw.get("subset", "all")
            yield Row(raw["text"], positive, group, gold, raw.get("context"))


@dataclass
class Tally:
    """Counts for recall and false alarms."""

    pos: int = 0
    pos_hit: int = 0
    neg: int = 0
    neg_hit: int = 0

    def add(self, positive: bool, alert: bool) -> None:
        """Count one row."""
        if positive:
            self.pos += 1
            self.pos_hit += alert
        else:
            self.neg += 1
            self.neg_hit += alert

    @property
    def recall(self) -> float | None:
        """Share of positives that alerted."""
        return self.pos_hit / self.pos if self.pos else None

    @property
    def false_alarm(self) -> float | None:
        """Share of negatives that alerted."""
        return self.neg_hit / self.neg if self.neg else None


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def evaluate(screen: CrisisScreen, data: Path, show_errors: int) -> list[tuple[Target, float]]:
    """Print the report; return each target with its measured value."""
    results: list[tuple[Target, float]] = []
    for name in (MS_FILE, PROBES_FILE, BACKGROUND_FILE):
        path = data / name
        if not path.exists():
            print(f"{name}: missing, skipped")
            continue
        total = Tally()
        groups: dict[str, Tally] = defaultdict(Tally)
        confusion: Counter[tuple[str, str]] = Counter()
        errors: list[tuple[str, str, str]] = []
        for row in read_rows(path):
            verdict = screen.screen(row.text, row.context)
            alert = verdict.is_alert
            total.add(row.positive, alert)
            groups[row.group].add(row.positive, alert)
            if row.gold is not None:
                confusion[(row.gold, verdict.level.label)] += 1
            if alert != row.positive:
                kind = "MISS" if row.positive else "FA  "
                errors.append((kind, row.group, row.text))
        print(f"\n== {name}")
        print(f"{'group':40} {'n':>5} {'recall':>7} {'false_alarm':>12}")
        for group in sorted(groups):
            t = groups[group]
            print(
                f"{group[:40]:40} {t.pos + t.neg:5d} {_fmt(t.recall):>7} {_fmt(t.false_alarm):>12}"
            )
        print(
            f"{'ALL':40} {total.pos + total.neg:5d} {_fmt(total.recall):>7} "
            f"{_fmt(total.false_alarm):>12}   (positives {total.pos}, negatives {total.neg})"
        )
        if confusion:
            labels = [level.label for level in Level]
            print("\nconfusion (rows gold, columns predicted):")
            print(" " * 9 + "".join(f"{lab:>9}" for lab in labels))
            for gold in labels:
                print(f"{gold:>9}" + "".join(f"{confusion[(gold, p)]:9d}" for p in labels))
        for kind, group, text in errors[:show_errors]:
            print(f"  {kind} [{group}] {text[:160]!r}")
        for target in TARGETS:
            if target.file == name:
                value = total.recall if target.metric == "recall" else total.false_alarm
                results.append((target, value if value is not None else 0.0))
    return results


def main(argv: list[str] | None = None) -> int:
    """Command-line entry; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data directory")
    parser.add_argument("--lexicon", type=Path, action="append", help="extra lexicon files")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--show-errors", type=int, default=0, help="print N errors per file")
    args = parser.parse_args(argv)
    screen = CrisisScreen.load([default_lexicon_path(), *(args.lexicon or [])])
    results = evaluate(screen, args.data, args.show_errors)
    print("\n== targets")
    missed = 0
    for target, value in results:
        ok = value >= target.bound if target.metric == "recall" else value <= target.bound
        sign = ">=" if target.metric == "recall" else "<="
        missed += not ok
        status = "ok  " if ok else "MISS"
        print(f"{status} {target.file:45} {target.metric:12} {value:6.3f} {sign} {target.bound}")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
