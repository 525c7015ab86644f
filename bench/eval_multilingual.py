"""Measure the crisis screen on Spanish, Hindi (Devanagari) and Hinglish, out of fold.

Usage:
    .venv/bin/python -m bench.eval_multilingual [--data DIR] [--show-errors HALF] [--check]
                                                [--lexicon FILE]

Needs ``multilingual_crisis_dev.jsonl`` from the shared data directory (``--data``, else
``$KINDRED_SHARED_DATA``, else ``../shared/data`` next to the repository); without it the
report says so and exits 0. The data is read at run time and never copied here.

The rows are split into two halves, A and B, by near-duplicate group (rows that say nearly the
same thing always land in the same half; the split is seeded and stratified by language), so a
rule written while reading one half is scored on messages it never saw. The way to work: read
the errors of one half only (``--show-errors A``), change the lexicon, then score the other
half; then swap. Both halves are printed, per language:

- alert recall: the share of concern and urgent rows flagged as at least concern;
- false alarms: the share of none and watch rows flagged as at least concern.

The shipped lexicon has now been written from both halves, so its figures here are in-sample.
An honest figure needs a lexicon written from one half only, scored on the other with
``--lexicon``. When the rules were written (issue 15), rules from half A scored on half B gave
alert recall 0.25 (es), 0.27 (hi), 0.10 (hinglish) and rules from half B scored on half A 0.20,
0.19, 0.25, far short of the 0.8 target: each half holds kinds of language the other lacks, and
more data (or a multilingual model) is what would close the gap, not more phrases.

Only the rules judge these messages: the learned screen is English-only and never sees them
(cogs/screening/language.py). With --check, exits 1 if a half misses the targets of issue 15
(recall >= 0.8, false alarms <= 0.1).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bench.screen_training.common import read_jsonl
from cogs.crisis.detector import CrisisScreen, Level
from cogs.screening.normalise import normalise

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DATA_ENV = "KINDRED_SHARED_DATA"
FILE = "multilingual_crisis_dev.jsonl"
LANGS = ("es", "hi", "hinglish")
SEED = 15
RECALL_TARGET = 0.8
FALSE_ALARM_TARGET = 0.1
DUP_OVERLAP = 0.5  # word-set Jaccard at or above which two rows are one group


@dataclass
class Row:
    text: str
    lang: str
    alert: bool  # gold level concern or urgent
    category: str
    group: int = 0
    half: str = ""


def assign_groups(rows: list[Row]) -> None:
    """Near-duplicates (normalised word sets overlapping by DUP_OVERLAP, transitively) share a
    group. Word sets rather than tf-idf (bench/screen_training/common.py) so this runs without
    scikit-learn, and so Devanagari spelling variants count as the same word."""
    words = [frozenset(normalise(r.text).replace(",", " ").replace(".", " ").split()) for r in rows]
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            union = len(words[i] | words[j])
            if union and len(words[i] & words[j]) / union >= DUP_OVERLAP:
                parent[find(i)] = find(j)
    for i, r in enumerate(rows):
        r.group = find(i)


def split_halves(rows: list[Row]) -> None:
    """Give every row a half, "A" or "B": whole near-duplicate groups, per language, seeded."""
    assign_groups(rows)
    rng = random.Random(SEED)
    for lang in LANGS:
        groups = sorted({r.group for r in rows if r.lang == lang})
        rng.shuffle(groups)
        half_of = {g: "AB"[i % 2] for i, g in enumerate(groups)}
        for r in rows:
            if r.lang == lang:
                r.half = half_of[r.group]


def score(
    screen: CrisisScreen, rows: list[Row]
) -> dict[tuple[str, str], tuple[int, int, int, int]]:
    """(half, lang) -> (alerts caught, alerts, false alarms, non-alerts)."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for r in rows:
        flagged = screen.screen(r.text).level >= Level.CONCERN
        c = counts[(r.half, r.lang)]
        if r.alert:
            c[0] += flagged
            c[1] += 1
        else:
            c[2] += flagged
            c[3] += 1
    return {k: (v[0], v[1], v[2], v[3]) for k, v in counts.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--show-errors", choices=("A", "B"), default=None)
    parser.add_argument("--check", action="store_true")
    parser.add_argument(
        "--lexicon", type=Path, default=None, help="score this lexicon instead of the shipped one"
    )
    args = parser.parse_args(argv)
    data = args.data or Path(os.environ.get(DATA_ENV, DEFAULT_DATA))
    path = data / FILE
    if not path.exists():
        print(f"eval_multilingual: {path} not found; needs {FILE} from the shared data. Skipped.")
        return 0
    rows = [
        Row(d["text"], d["lang"], d["level"] in ("concern", "urgent"), d.get("category", ""))
        for d in read_jsonl(path)
    ]
    split_halves(rows)
    screen = CrisisScreen.load([args.lexicon]) if args.lexicon else CrisisScreen.load_default()
    counts = score(screen, rows)
    which = (
        "this lexicon"
        if args.lexicon
        else "the shipped lexicon: IN-SAMPLE, written from both halves"
    )
    print(f"Crisis screen on {FILE}, per half ({which}; rules only, the model reads English only)")
    print(f"{'half':<5} {'lang':<9} {'recall':>14} {'false alarms':>16}")
    missed = False
    for half in "AB":
        for lang in LANGS:
            hit, pos, fa, neg = counts.get((half, lang), (0, 0, 0, 0))
            recall = hit / pos if pos else 1.0
            false_rate = fa / neg if neg else 0.0
            missed |= recall < RECALL_TARGET or false_rate > FALSE_ALARM_TARGET
            print(
                f"{half:<5} {lang:<9} {hit:>3}/{pos:<3} {recall:>6.2f}"
                f" {fa:>5}/{neg:<3} {false_rate:>6.2f}"
            )
    if not args.lexicon:
        print(
            "Out of fold, measured when the rules were written (rules from one half scored on the"
            " other):\n  A -> B: recall es 0.25, hi 0.27, hinglish 0.10;"
            " false alarms 0.00, 0.08, 0.15\n  B -> A: recall es 0.20, hi 0.19, hinglish 0.25;"
            " false alarms 0.12, 0.05, 0.12\n  Target missed (recall >= 0.8 on unseen messages)."
        )
    if args.show_errors:
        print(f"\nErrors in half {args.show_errors} (never read the other half's):")
        for r in rows:
            if r.half != args.show_errors:
                continue
            verdict = screen.screen(r.text)
            if (verdict.level >= Level.CONCERN) != r.alert:
                gold = "alert" if r.alert else "no alert"
                print(f"  [{r.lang} {r.category} {gold}] got {verdict.level.label}: {r.text}")
    if args.check and missed:
        print("Target missed: recall >= 0.8 and false alarms <= 0.1 in every half and language.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
