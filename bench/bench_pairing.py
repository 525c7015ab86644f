"""How long weekly pairing takes for a large pool.

Usage:
    .venv/bin/python -m bench.bench_pairing [--members N] [--weeks W] [--repeat R] [--seed S]

Builds a pool of N opted-in members (default 1,000) with W past weeks of history (each week a
real pairing of the pool), a confidential avoid list for one member in ten (1 to 3 others each),
time zones spread over the world for half of them and a focus label for a third, then times
``pair_members`` for the next week. Prints the best and median of R runs, the placement, the
number of repeats and forbidden pairs (both must be 0), and exits 1 when the best time misses
the target of one second.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

from cogs.checkins.pairing import PairingResult, Preferences, pair_members, pairs_in

TARGET_SECONDS = 1.0
FOCUSES = ("newly_diagnosed", "progression", "affinity", "general")


def build_pool(
    members: int, weeks: int, seed: int
) -> tuple[list[int], list[list[tuple[int, ...]]], dict[int, set[int]], Preferences]:
    """Members, history (oldest first), avoid lists and preferences, reproducibly."""
    rng = random.Random(seed)
    ids = list(range(1_000_000, 1_000_000 + members))
    avoid: dict[int, set[int]] = {}
    for member in rng.sample(ids, members // 10):
        avoid[member] = set(rng.sample([m for m in ids if m != member], rng.randint(1, 3)))
    offsets = {
        m: rng.choice([-8, -5, -3, 0, 1, 2, 5.5, 8, 10]) for m in rng.sample(ids, members // 2)
    }
    labels = {m: [rng.choice(FOCUSES)] for m in rng.sample(ids, members // 3)}
    prefs = Preferences(offsets, labels)
    history: list[list[tuple[int, ...]]] = []
    for week in range(weeks):
        result = pair_members(ids, history, avoid, prefs, seed=week)
        history.append(list(result.groups))
    return ids, history, avoid, prefs


def check(
    result: PairingResult, members: list[int], history, avoid: dict[int, set[int]]
) -> tuple[int, int, int]:
    """(placed, repeated pairs, forbidden pairs) of one result."""
    met = {pair for week in history for group in week for pair in pairs_in(group)}
    forbidden = {tuple(sorted((a, b))) for a, others in avoid.items() for b in others}
    pairs = [pair for group in result.groups for pair in pairs_in(group)]
    placed = sum(len(g) for g in result.groups)
    return placed, sum(p in met for p in pairs), sum(p in forbidden for p in pairs)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the numbers; 1 when the target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--weeks", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    ids, history, avoid, prefs = build_pool(args.members, args.weeks, args.seed)
    setup = time.perf_counter() - started
    timings = []
    result = None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = pair_members(ids, history, avoid, prefs, seed=args.weeks)
        timings.append(time.perf_counter() - t0)
    assert result is not None
    placed, repeats, forbidden = check(result, ids, history, avoid)
    best, median = min(timings), statistics.median(timings)
    print(f"pool: {len(ids)} members, {args.weeks} weeks of history, {len(avoid)} avoid lists")
    print(f"setup (building the history): {setup:.2f} s")
    print(
        f"pair_members: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms over {args.repeat} runs"
    )
    print(f"placed {placed}/{len(ids)} ({len(result.unplaced)} unplaced), method {result.method}")
    print(f"repeated pairs: {repeats}; forbidden pairs: {forbidden}")
    print(f"target < {TARGET_SECONDS:.1f} s: {'met' if best < TARGET_SECONDS else 'MISSED'}")
    return 0 if best < TARGET_SECONDS and forbidden == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
