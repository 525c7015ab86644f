"""Measure the crisis screen against the development data in ../shared/data.

Usage:
    .venv/bin/python -m bench.eval_screens [--data DIR] [--check] [--show-errors N]
                                           [--in-sample-only]

For every file, and per category inside it, prints: n, alert recall on the positives (an alert
is concern or urgent), the false-alarm rate on the negatives (none and watch rows),
urgent-as-urgent (gold urgent rows rated urgent) and, on the labelled MS files, the
false-alarm rate on the hard negatives (every negative category but ordinary chat) and a level
confusion matrix. A summary table at the end puts the files side by side, with the background
chat file's false alarms.

Each file is labelled with how it was used:
- ``in-sample``: the lexicon's rules were written while studying it, so its numbers flatter;
- ``out-of-sample``: nobody read it while writing rules (``ms_crisis_dev_hard.jsonl``); its
  numbers are the honest estimate. ``--show-errors`` never prints its rows;
- ``not targeted``: other languages, which the English rules were not written for;
- ``background``: ordinary chat, where every alert is a false alarm.

The data directory is ``--data``, else ``$KINDRED_SHARED_DATA``, else ``../shared/data`` next
to the repository. Without it (a clone on its own) the report says so and exits 0. With
--check, exits 1 if a target is missed. The data is read at run time and never copied here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cogs.crisis.detector import CrisisScreen, Level, default_lexicon_path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DATA_ENV = "KINDRED_SHARED_DATA"
MS_FILE = "ms_crisis_dev.jsonl"
MORE_FILE = "ms_crisis_dev_more.jsonl"
HARD_FILE = "ms_crisis_dev_hard.jsonl"
MULTILINGUAL_FILE = "multilingual_crisis_dev.jsonl"
PROBES_FILE = "external/crisis_negation_probes.jsonl"
BACKGROUND_FILE = "external/background_chat_goemotions.jsonl"

IN_SAMPLE = "in-sample"
OUT_OF_SAMPLE = "out-of-sample"
NOT_TARGETED = "not targeted"
BACKGROUND = "background"


@dataclass(frozen=True)
class EvalFile:
    """One data file and how the rules relate to it."""

    name: str
    sample: str  # IN_SAMPLE, OUT_OF_SAMPLE, NOT_TARGETED or BACKGROUND
    note: str


FILES = (
    EvalFile(MS_FILE, IN_SAMPLE, "rules were written against it"),
    EvalFile(MORE_FILE, IN_SAMPLE, "rules were written against it"),
    EvalFile(PROBES_FILE, IN_SAMPLE, "negation probes; rules were written against it"),
    EvalFile(HARD_FILE, OUT_OF_SAMPLE, "never read while writing rules; the honest estimate"),
    EvalFile(MULTILINGUAL_FILE, NOT_TARGETED, "Spanish, Hindi, Hinglish; English rules only"),
    EvalFile(BACKGROUND_FILE, BACKGROUND, "ordinary chat: every alert is a false alarm"),
)

# Negative categories that are not ordinary chat: the look-alikes a keyword screen trips on.
ORDINARY = "ordinary_chat"


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
    """Counts for recall, false alarms and urgent-as-urgent."""

    pos: int = 0
    pos_hit: int = 0
    neg: int = 0
    neg_hit: int = 0
    urgent: int = 0
    urgent_hit: int = 0

    def add(
        self, positive: bool, alert: bool, gold: str | None = None, level: Level | None = None
    ) -> None:
        """Count one row."""
        if positive:
            self.pos += 1
            self.pos_hit += alert
        else:
            self.neg += 1
            self.neg_hit += alert
        if gold == "urgent":
            self.urgent += 1
            self.urgent_hit += level is Level.URGENT

    @property
    def n(self) -> int:
        """Rows counted."""
        return self.pos + self.neg

    @property
    def recall(self) -> float | None:
        """Share of positives that alerted."""
        return self.pos_hit / self.pos if self.pos else None

    @property
    def false_alarm(self) -> float | None:
        """Share of negatives that alerted."""
        return self.neg_hit / self.neg if self.neg else None

    @property
    def urgent_as_urgent(self) -> float | None:
        """Share of gold urgent rows rated urgent."""
        return self.urgent_hit / self.urgent if self.urgent else None


@dataclass
class FileResult:
    """What one file measured."""

    file: EvalFile
    total: Tally = field(default_factory=Tally)
    hard_negatives: Tally = field(default_factory=Tally)
    groups: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def _header() -> str:
    return f"{'group':38} {'n':>5} {'recall':>13} {'false alarm':>13} {'urgent=urgent':>13}"


def _line(name: str, t: Tally) -> str:
    return (
        f"{name[:38]:38} {t.n:5d} {_ratio(t.pos_hit, t.pos):>13} {_ratio(t.neg_hit, t.neg):>13} "
        f"{_ratio(t.urgent_hit, t.urgent):>13}"
    )


def _ratio(hit: int, n: int) -> str:
    return "-" if not n else f"{hit / n:.3f} ({hit}/{n})"


def measure(screen: CrisisScreen, spec: EvalFile, path: Path, show_errors: int) -> FileResult:
    """Screen every row of one file and print its report."""
    result = FileResult(spec)
    errors: list[tuple[str, str, str]] = []
    for row in read_rows(path):
        verdict = screen.screen(row.text, row.context)
        alert = verdict.is_alert
        result.total.add(row.positive, alert, row.gold, verdict.level)
        result.groups[row.group].add(row.positive, alert, row.gold, verdict.level)
        if not row.positive and row.gold is not None and row.group != ORDINARY:
            result.hard_negatives.add(False, alert)
        if row.gold is not None:
            result.confusion[(row.gold, verdict.level.label)] += 1
        if alert != row.positive:
            kind = "MISS" if row.positive else "FA  "
            errors.append((kind, row.group, row.text))
    print(f"\n== {spec.name}   [{spec.sample}: {spec.note}]")
    print(_header())
    for group in sorted(result.groups):
        print(_line(group, result.groups[group]))
    print(_line("ALL", result.total))
    if result.hard_negatives.neg:
        print(_line("hard negatives (not ordinary_chat)", result.hard_negatives))
    if result.confusion:
        labels = [level.label for level in Level]
        print("\nconfusion (rows gold, columns predicted):")
        print(" " * 9 + "".join(f"{lab:>9}" for lab in labels))
        for gold in labels:
            print(f"{gold:>9}" + "".join(f"{result.confusion[(gold, p)]:9d}" for p in labels))
    if spec.sample == OUT_OF_SAMPLE:
        if show_errors and errors:
            print(f"  ({len(errors)} errors; rows of an out-of-sample file are never printed)")
    else:
        for kind, group, text in errors[:show_errors]:
            print(f"  {kind} [{group}] {text[:160]!r}")
    return result


def summary(results: list[FileResult]) -> None:
    """The files side by side."""
    print("\n== summary (alert = concern or urgent)")
    print(
        f"{'file':42} {'sample':14} {'n':>5} {'recall':>7} {'FA':>7} {'hard FA':>8} {'urg=urg':>8}"
    )
    for r in results:
        t = r.total
        hard = r.hard_negatives.false_alarm if r.hard_negatives.neg else None
        print(
            f"{r.file.name:42} {r.file.sample:14} {t.n:5d} {_fmt(t.recall):>7} "
            f"{_fmt(t.false_alarm):>7} {_fmt(hard):>8} {_fmt(t.urgent_as_urgent):>8}"
        )
    background = [r for r in results if r.file.sample == BACKGROUND]
    for r in background:
        print(
            f"background false alarms: {r.total.neg_hit} of {r.total.neg} "
            f"({100 * (r.total.false_alarm or 0):.2f}%)"
        )
    print(
        f"in-sample: rules were written while studying these files. out-of-sample: {HARD_FILE} "
        "(not read while writing rules)."
    )


def resolve_data(arg: Path | None) -> Path:
    """``--data``, else ``$KINDRED_SHARED_DATA``, else ``../shared/data``."""
    if arg is not None:
        return arg
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else DEFAULT_DATA


def evaluate(
    screen: CrisisScreen, data: Path, show_errors: int, *, in_sample_only: bool = False
) -> tuple[list[FileResult], list[tuple[Target, float]]]:
    """Print the report; return each file's result and each target with its measured value."""
    results: list[FileResult] = []
    targets: list[tuple[Target, float]] = []
    for spec in FILES:
        if in_sample_only and spec.sample == OUT_OF_SAMPLE:
            print(f"\n== {spec.name}: out-of-sample, left out (--in-sample-only)")
            continue
        path = data / spec.name
        if not path.exists():
            print(f"\n== {spec.name}: missing, skipped")
            continue
        result = measure(screen, spec, path, show_errors)
        results.append(result)
        for target in TARGETS:
            if target.file == spec.name:
                t = result.total
                value = t.recall if target.metric == "recall" else t.false_alarm
                targets.append((target, value if value is not None else 0.0))
    if results:
        summary(results)
    return results, targets


def main(argv: list[str] | None = None) -> int:
    """Command-line entry; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="data directory")
    parser.add_argument("--lexicon", type=Path, action="append", help="extra lexicon files")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--show-errors", type=int, default=0, help="print N errors per in-sample file"
    )
    parser.add_argument(
        "--in-sample-only",
        action="store_true",
        help=f"leave out the out-of-sample file ({HARD_FILE}) while tuning",
    )
    args = parser.parse_args(argv)
    data = resolve_data(args.data)
    if not data.is_dir():
        print(
            f"no shared data at {data}; crisis evaluation skipped "
            f"(pass --data DIR or set {DATA_ENV})"
        )
        return 0
    screen = CrisisScreen.load([default_lexicon_path(), *(args.lexicon or [])])
    _, results = evaluate(screen, data, args.show_errors, in_sample_only=args.in_sample_only)
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
