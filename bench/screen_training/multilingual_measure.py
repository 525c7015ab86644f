"""Size, load time, memory and latency of the shipped multilingual crisis model.

Usage (the project's venv: onnxruntime, tokenizers, numpy):
    .venv/bin/python -m bench.screen_training.multilingual_measure [--threads 1] [--data DIR]

Loads ``cogs/screening/model/multilingual/`` as the bot does (sha256 checked), then scores the
development file's messages one at a time (the bot scores a message as it arrives) and in
batches of 32. RSS is read from /proc before and after loading. Measured figures are in the
README's paragraph on the multilingual model.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from bench.screen_training.common import DEFAULT_DATA, read_jsonl


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args(argv)
    import onnxruntime  # noqa: F401  (imported before the baseline, as the bot has it loaded)

    from cogs.screening.model import MODEL_FILE as EN_FILE
    from cogs.screening.multilingual_model import (
        MODEL_FILE,
        MultilingualModel,
        default_multilingual_dir,
    )

    directory = default_multilingual_dir()
    size = sum(p.stat().st_size for p in directory.iterdir() if p.is_file())
    before = rss_mb()
    t0 = time.perf_counter()
    model = MultilingualModel.load(threads=args.threads, spin=False)
    load_s = time.perf_counter() - t0
    after = rss_mb()
    texts = [r["text"] for r in read_jsonl(args.data / "multilingual_crisis_dev.jsonl")]
    model.score(texts[:8])  # warm-up
    single = []
    for text in texts:
        t = time.perf_counter()
        model.score([text])
        single.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    for s in range(0, len(texts), 32):
        model.score(texts[s : s + 32])
    batched = (time.perf_counter() - t) * 1000 / len(texts)
    print(
        f"{MODEL_FILE} + tokenizer + thresholds: {size / 1e6:.1f} MB (English {EN_FILE} beside it)"
    )
    print(f"load (sha256 checks included): {load_s:.2f} s; RSS added {after - before:.0f} MB")
    print(f"after scoring {len(texts)} messages: RSS added {rss_mb() - before:.0f} MB")
    print(
        f"per message, one at a time, {args.threads} thread(s): p50 "
        f"{statistics.median(single):.1f} ms, p90 {sorted(single)[int(0.9 * len(single))]:.1f} ms;"
        f" batched by 32: {batched:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
