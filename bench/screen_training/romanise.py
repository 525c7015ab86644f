"""CLI: the Hindi rows of a JSONL file romanised as chat Hinglish rows (issue 15).

    python -m bench.screen_training.romanise IN.jsonl OUT.jsonl [--seed N]

writes every `lang: "hi"` row romanised (``cogs.screening.romanise``, where the romaniser lives:
the crisis screen uses it too) as `lang: "hinglish"`, with the same group, level and category
(the lead keeps each romanised row in its source's fold group), id suffixed "-r" ("-r<N>" for
seed N > 0) and source "romanised from <id>".
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cogs.screening.romanise import romanise

__all__ = ["main", "romanise", "romanise_rows"]


def romanise_rows(rows: list[dict[str, object]], *, seed: int = 0) -> list[dict[str, object]]:
    """Every Hindi row as a Hinglish row: same group, level and category, id suffixed "-r"."""
    suffix = "-r" if seed == 0 else f"-r{seed}"
    out = []
    for row in rows:
        if row.get("lang") != "hi":
            continue
        new = dict(row)
        new.update(
            id=f"{row['id']}{suffix}",
            text=romanise(str(row["text"]), seed=seed),
            lang="hinglish",
            source=f"romanised from {row['id']}",
        )
        out.append(new)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=0, help="0: usual spellings; else variants")
    args = parser.parse_args(argv)
    with args.input.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    out = romanise_rows(rows, seed=args.seed)
    with args.output.open("w", encoding="utf-8") as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(out)} Hindi rows romanised to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
