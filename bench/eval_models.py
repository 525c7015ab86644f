"""The screens as the bot runs them (rules and models) on the development data, honestly labelled.

    .venv/bin/python -m bench.eval_models [--data ../shared/data]

Prints three things:

1. the shipped pipeline (``cogs.screening.service.Screener``: rules plus both models, exactly
   what ``bot.py screen --jsonl`` and the running bot do) beside the rules alone, per file, on
   every development file. Both models were TRAINED on most of these rows and the rules were
   written while reading most of them: these figures are in-sample and flatter;
2. the thresholds each shipped model uses and how its training script chose them;
3. the OUT-OF-FOLD tables the training scripts wrote (``bench/results/*_oof.txt``): grouped
   k-fold, no row scored by a model that trained on it. Those are the figures to compare with
   unseen cases. Rebuilding them needs torch, so they are produced in the training venv
   (``bench/train_screen_model.py oof``, ``bench/train_guideline_model.py oof``) and committed.

Without ``../shared/data`` part 1 is skipped with a note; parts 2 and 3 still print.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.eval_screens import resolve_data
from cogs.screening.guideline_model import default_guideline_dir
from cogs.screening.model import THRESHOLDS_FILE, default_model_dir
from cogs.screening.service import Reading, Screener

RESULTS = Path(__file__).resolve().parent / "results"
OOF_TABLES = ("screen_model_oof.txt", "guideline_model_oof.txt")
NUDGES = frozenset({"minimizing", "comparing", "unsolicited_advice"})


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _ratio(num: int, den: int) -> str:
    return "  -  " if den == 0 else f"{num / den:.3f}"


def crisis_counts(rows: Sequence[dict[str, Any]], readings: Sequence[Reading]) -> dict[str, int]:
    """Alert recall, false alarms and urgent-as-urgent counts for one file."""
    c: dict[str, int] = defaultdict(int)
    for row, reading in zip(rows, readings, strict=True):
        gold = row.get("level")
        level = reading.crisis.level.label
        positive = gold in ("concern", "urgent")
        alert = level in ("concern", "urgent")
        c["pos"] += positive
        c["hit"] += positive and alert
        c["neg"] += not positive
        c["fa"] += alert and not positive
        c["urg"] += gold == "urgent"
        c["urg_hit"] += gold == "urgent" and level == "urgent"
    return c


def guideline_counts(rows: Sequence[dict[str, Any]], readings: Sequence[Reading]) -> dict[str, int]:
    """Nudge precision and recall, toxic recall, validating replies nudged, for one file."""
    c: dict[str, int] = defaultdict(int)
    for row, reading in zip(rows, readings, strict=True):
        gold = set(row.get("labels") or ())
        flagged = {h.label for h in reading.hits}
        nudged, is_nudge = bool(flagged & NUDGES), bool(gold & NUDGES)
        c["nudged"] += nudged
        c["nudged_right"] += nudged and is_nudge
        c["nudge_pos"] += is_nudge
        c["nudge_hit"] += nudged and is_nudge
        c["toxic"] += "toxic" in gold
        c["toxic_hidden"] += "toxic" in gold and "toxic" in flagged
        c["toxic_seen"] += "toxic" in gold and "toxic" in reading.guideline_labels
        c["hidden_wrongly"] += "toxic" in flagged and "toxic" not in gold
        c["validating"] += bool(row.get("validating"))
        c["validating_nudged"] += bool(row.get("validating")) and nudged
    return c


def in_sample(data: Path, systems: dict[str, Screener]) -> None:
    """Part 1: every development file, each system."""
    crisis_files = sorted(data.glob("ms_crisis_dev*.jsonl"))
    guideline_files = sorted(data.glob("ms_guidelines_dev*.jsonl"))
    if not crisis_files and not guideline_files:
        print(f"(no development files in {data}: part 1 skipped; pass --data DIR)")
        return
    print("crisis screen: alert recall / false alarms on negatives / urgent flagged urgent")
    for path in crisis_files:
        rows = _read(path)
        for name, screener in systems.items():
            c = crisis_counts(rows, screener.read_many([(r["text"], None) for r in rows]))
            print(
                f"  {path.name:34} {name:16} recall {_ratio(c['hit'], c['pos'])}  "
                f"FA {_ratio(c['fa'], c['neg'])}  urgent {_ratio(c['urg_hit'], c['urg'])}"
            )
    print(
        "\nguideline screen: nudge precision / recall, validating replies nudged, toxic hidden "
        "(and hidden or queued for review), non-toxic hidden"
    )
    for path in guideline_files:
        rows = _read(path)
        for name, screener in systems.items():
            items = [(r["text"], r.get("context")) for r in rows]
            c = guideline_counts(rows, screener.read_many(items))
            print(
                f"  {path.name:34} {name:16} nudge P {_ratio(c['nudged_right'], c['nudged'])} "
                f"R {_ratio(c['nudge_hit'], c['nudge_pos'])}  validating nudged "
                f"{_ratio(c['validating_nudged'], c['validating'])}  toxic "
                f"{_ratio(c['toxic_hidden'], c['toxic'])} ({_ratio(c['toxic_seen'], c['toxic'])})"
                f"  wrongly hidden {c['hidden_wrongly']}"
            )


def thresholds() -> None:
    """Part 2: each shipped model's thresholds and how they were chosen."""
    for name, directory in (
        ("crisis", default_model_dir()),
        ("guideline", default_guideline_dir()),
    ):
        path = directory / THRESHOLDS_FILE
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            print(f"  {name} model: no readable {path} ({exc})")
            continue
        print(f"  {name} model: {json.dumps(manifest.get('thresholds'))}")
        for key, how in (manifest.get("how_chosen") or {}).items():
            print(f"    {key}: {json.dumps(how) if not isinstance(how, str) else how}")


def oof_tables() -> None:
    """Part 3: the committed out-of-fold tables."""
    for name in OOF_TABLES:
        path = RESULTS / name
        print(f"\n--- {path.relative_to(RESULTS.parent.parent)} ---")
        print(path.read_text(encoding="utf-8") if path.exists() else "(missing)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="data directory")
    args = parser.parse_args(argv)
    import bot

    data_files = bot.load_data_files(None)
    systems = {
        "rules alone": bot.build_screener(data_files, models=False),
        "rules + models": bot.build_screener(data_files),
    }
    print("== 1. The screens as shipped, IN-SAMPLE (models trained, rules written, on these)\n")
    in_sample(resolve_data(args.data), systems)
    print("\n== 2. Thresholds the shipped models use, and how they were chosen\n")
    thresholds()
    print("\n== 3. OUT-OF-FOLD figures (the honest ones), from the training scripts")
    oof_tables()
    for screener in systems.values():
        screener.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
