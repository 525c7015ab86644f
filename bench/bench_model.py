"""What the screening models cost: load time, memory, and milliseconds per message.

Usage:
    .venv/bin/python -m bench.bench_model [--data DIR] [--messages N] [--threads T]

Loads the shipped crisis model (``cogs/screening/model/``), then the guideline model
(``.../guidelines/``), and reports for each:
- load time (verify sha256s, build the onnxruntime session and tokenizer) and resident memory
  (RSS) before and after, and after scoring (the second model's figures include the first's);
- per message, single-stream (one message per call): p50 and p99 milliseconds;
- per message, 32 at a call: p50 and p99 of (call time / 32); each message is scored alone
  inside the call (``OnnxModel``), so this is the single-stream cost without the call overhead.

On ordinary chat: the background chat file in ``../shared/data`` when present, else the
invented sentences below; the guideline model reads each message as a reply to the one before.
Targets: crisis model p50 <= 2 ms per message single-stream, resident memory with both models
under 250 MB; exits 1 if missed.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cogs.screening.guideline_model import GuidelineModel
from cogs.screening.model import CrisisModel

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BACKGROUND = "external/background_chat_goemotions.jsonl"
P50_TARGET_MS = 2.0
RSS_TARGET_MB = 250.0

# Invented ordinary group chat, used when the shared data is not there.
INVENTED = [
    "morning all, anyone else find the cold makes the tingling worse?",
    "had my infusion yesterday, wiped out today but the nurses were lovely",
    "does anyone have tips for heat intolerance on holiday? we're off to Spain in June",
    "my neuro finally agreed to a referral for physio, small wins",
    "lol my cat just knocked my meds organiser off the table again",
    "thanks everyone for the replies last week, it really helped",
    "new walking stick arrived and it's purple, very pleased with it",
    "what time is the Thursday call again?",
    "fatigue is rough this week, taking it slowly and resting lots",
    "just got back from the MRI, results in two weeks apparently",
    "has anyone tried the cooling vests? worth the money?",
    "happy birthday Sam! hope you have a gentle day",
    "the brain fog today is unreal, forgot my own postcode at the pharmacy",
    "we did the charity walk! 5k in just over two hours with breaks",
    "anyone know if the disability parking badge renewal is online now?",
    "welcome to the group, glad you found us",
]


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux /proc; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_rss_mb() -> float:
    """Peak resident memory so far, in MB (Linux /proc; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def load_chat(data: Path, n: int) -> tuple[list[str], str]:
    """Up to ``n`` ordinary chat messages and where they came from."""
    path = data / BACKGROUND
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh if line.strip()]
        random.Random(7).shuffle(texts)
        return texts[:n], f"{path} ({min(n, len(texts))} messages)"
    reps = -(-n // len(INVENTED))
    return (INVENTED * reps)[:n], f"invented sentences ({BACKGROUND} not found)"


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0-1) of ``values``."""
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data directory")
    parser.add_argument("--messages", type=int, default=1024, help="messages to score")
    parser.add_argument("--threads", type=int, default=2, help="onnxruntime intra-op threads")
    parser.add_argument("--no-spin", action="store_true", help="idle threads do not busy-wait")
    args = parser.parse_args(argv)

    texts, source = load_chat(args.data, args.messages)
    pairs = list(zip(["", *texts[:-1]], texts, strict=True))
    print(
        f"ordinary chat: {source}; onnxruntime threads {args.threads}"
        f"{', no spinning' if args.no_spin else ''}"
    )
    crisis_p50, crisis = measure(
        "crisis model",
        lambda: CrisisModel.load(threads=args.threads, spin=not args.no_spin),
        texts,
    )
    _, guidelines = measure(
        "guideline model (reply, with the message before as context)",
        lambda: GuidelineModel.load(threads=args.threads, spin=not args.no_spin),
        pairs,
    )
    rss = rss_mb()  # both models still loaded, as in the running bot
    del crisis, guidelines
    ok = crisis_p50 <= P50_TARGET_MS
    print(
        f"{'ok  ' if ok else 'MISS'} crisis single-stream p50 {crisis_p50:.2f} ms <= "
        f"{P50_TARGET_MS} ms (2 shared cores: other processes' load shows up here)"
    )
    fits = rss < RSS_TARGET_MB
    print(
        f"{'ok  ' if fits else 'MISS'} resident memory with both models {rss:.1f} MB < "
        f"{RSS_TARGET_MB} MB"
    )
    return 0 if ok and fits else 1


def measure(name: str, load: Callable[[], Any], inputs: Sequence[Any]) -> tuple[float, Any]:
    """Load a model, score ``inputs`` one at a time then by 32; print; return the p50 ms and
    the model (kept loaded by the caller, so the next figures include its memory)."""
    rss_before = rss_mb()
    start = time.perf_counter()
    model = load()
    load_s = time.perf_counter() - start
    rss_loaded = rss_mb()
    model.score(list(inputs[:64]))  # warm-up
    single: list[float] = []
    cpu0 = time.process_time()
    for item in inputs:
        t0 = time.perf_counter()
        model.score([item])
        single.append((time.perf_counter() - t0) * 1000)
    cpu_ms = (time.process_time() - cpu0) * 1000 / len(inputs)
    batched: list[float] = []
    for s in range(0, len(inputs) - 31, 32):
        batch = list(inputs[s : s + 32])
        t0 = time.perf_counter()
        model.score(batch)
        batched.append((time.perf_counter() - t0) * 1000 / len(batch))
    rss_after = rss_mb()
    p50 = statistics.median(single)
    print(f"{name}:")
    print(f"  load                      {load_s:7.3f} s")
    print(
        f"  resident memory (RSS)     {rss_before:7.1f} MB before load, {rss_loaded:.1f} MB "
        f"after load (+{rss_loaded - rss_before:.1f}), {rss_after:.1f} MB after scoring, "
        f"peak {peak_rss_mb():.1f} MB"
    )
    print(
        f"  single-stream per message p50 {p50:6.2f} ms   p99 {pct(single, 0.99):6.2f} ms   "
        f"(n={len(single)}); CPU time {cpu_ms:.2f} ms a message (all threads)"
    )
    if batched:
        print(
            f"  batched by 32 per message p50 {statistics.median(batched):6.2f} ms   "
            f"p99 {pct(batched, 0.99):6.2f} ms   (batches={len(batched)})"
        )
    return p50, model


if __name__ == "__main__":
    sys.exit(main())
