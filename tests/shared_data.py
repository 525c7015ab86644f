"""The development sets in ../shared/data, read at test time (never copied into the project)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

# ../shared/data next to the repository, or $KINDRED_SHARED_DATA (a git worktree elsewhere).
DATA = Path(
    os.environ.get("KINDRED_SHARED_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data"
)


def data_texts(*, contexts_alone: bool = False) -> Iterator[tuple[str, str | None]]:
    """Every ``(text, context)`` in the shared JSON-lines files; with ``contexts_alone``, each
    replied-to message once more on its own, as ``(context, None)``."""
    for path in sorted(DATA.rglob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                row = json.loads(line)
                text, context = row.get("text"), row.get("context")
                if isinstance(text, str):
                    yield text, context if isinstance(context, str) else None
                if contexts_alone and isinstance(context, str):
                    yield context, None
