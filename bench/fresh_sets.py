"""Score fresh sentence sets with the crisis screen as the bot runs it (issue 15).

Usage:
    .venv/bin/python -m bench.fresh_sets SET.tsv [SET.tsv ...] [--show] [--rules-only]
                                         [--json OUT.json]

A set is a file of lines ``A<TAB>message`` (a crisis message: the screen should alert) or
``N<TAB>message`` (an ordinary one, often sharing words with a crisis one), written to the brief in
``bench/screen_training/data/fresh_sets/BRIEF.md`` by someone who read none of the rules. Each
set is scored once before any rule is written from it; that score is the out-of-sample figure
(bench/results/multilingual_fresh_sets.txt). Scoring is the bot's: the rules, then the crisis
model for the message's language (``screening.service.load_crisis_model``), combined as
``screening.stage.combine`` does; an alert is ``concern`` or ``urgent``.

Per set and per language (the first two letters of the file name: es, hi, hg) it prints alerts
caught, false alarms, and how many false alarms the model raised alone (the rules cannot take
those back). ``--show`` also prints each miss and false alarm, so use it only on a set that has
been scored already. ``--json`` keeps every line's verdict, to compare two heads line by line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.eval_multilingual import Row, flags, flags_with_models, rates
from cogs.crisis.detector import CrisisScreen
from cogs.crisis.lexicon import default_lexicon_path, load_lexicon


class SetError(ValueError):
    """A set file that is not lines of ``A<TAB>text`` or ``N<TAB>text``."""


def read_set(path: Path) -> list[Row]:
    """The labelled lines of a set as rows (``lang``: the first two letters of the file name;
    ``half``: the set's name); blank lines are skipped, anything else malformed is named."""
    rows: list[Row] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        label, tab, text = raw.partition("\t")
        if not tab or label.strip().upper() not in ("A", "N") or not text.strip():
            raise SetError(
                f"{path}:{number}: expected 'A<TAB>message' or 'N<TAB>message', got {raw[:60]!r}"
            )
        rows.append(
            Row(text.strip(), path.stem[:2], label.strip().upper() == "A", "", half=path.stem)
        )
    return rows


def model_alone(rows: list[Row], rule: list[bool], whole: list[bool], keep: str) -> int:
    """False alarms the model raised with no rule behind them, in the rows of one set or language
    (``keep`` matches ``half`` or ``lang``)."""
    return sum(
        w and not r_
        for row, r_, w in zip(rows, rule, whole, strict=True)
        if not row.alert and keep in (row.half, row.lang)
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("sets", nargs="+", type=Path)
    ap.add_argument("--show", action="store_true", help="print each miss and false alarm")
    ap.add_argument("--rules-only", action="store_true", help="leave the models out")
    ap.add_argument("--json", type=Path, default=None, help="write every line's verdict here")
    args = ap.parse_args(argv)
    try:
        rows = [row for path in args.sets for row in read_set(path)]
    except (OSError, SetError) as exc:
        print(exc, file=sys.stderr)
        return 2
    screen = CrisisScreen(load_lexicon([default_lexicon_path()]))
    rule = flags(screen, rows)
    whole = None if args.rules_only else flags_with_models(screen, rows)
    if whole is None:
        if not args.rules_only:
            print("no crisis model could be loaded: scoring the rules alone", file=sys.stderr)
        whole = rule
    print(f"{'':<8} alerts caught / crises, false alarms / ordinary lines (the model's alone)")
    for name in dict.fromkeys(row.half for row in rows):
        lang = name[:2]
        print(
            f"{name:<8} {rates(rows, whole, lang, name)} ({model_alone(rows, rule, whole, name)})"
        )
        if args.show:
            for row, r_, w in zip(rows, rule, whole, strict=True):
                if row.half == name and row.alert != w:
                    kind = "MISS" if row.alert else ("FA rule" if r_ else "FA model")
                    print(f"    {kind:<9}| {row.text}")
    for lang in dict.fromkeys(row.lang for row in rows):
        print(f"all {lang:<4} {rates(rows, whole, lang)} ({model_alone(rows, rule, whole, lang)})")
    if args.json is not None:
        out = [
            {"set": row.half, "crisis": row.alert, "text": row.text, "rule": r_, "alert": w}
            for row, r_, w in zip(rows, rule, whole, strict=True)
        ]
        args.json.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
