"""Build cogs/screening/hinglish_words.tsv, the word table of ``cogs/screening/hinglish.py``.

Usage (the project's venv is enough: no torch):
    python -m bench.screen_training.hinglish_table --e5 /work/train/e5p40_nodev \
        [--written bench/screen_training/data/multilingual_written.jsonl] [--out FILE]
    python -m bench.screen_training.hinglish_table --measure FILE [--table TSV]

Devanagari words come from the e5 vocabulary's whole-word pieces (``▁`` + Devanagari letters;
their unigram log-probabilities are the frequency prior), the Hindi catalogues
(config/locales/hi) and, with ``--written``, the written Hindi rows (words only, never a row).
A word's prior is its e5 score (``MISSING_SCORE`` when e5 has no such piece) plus
``log(1 + n)`` for its ``n`` uses in Kindred's own Hindi text, so the words members here write
win a tie. The vocabulary without the development file (``e5p40_nodev``) is the default: the
table must not know the development rows' words.

Each word is romanised every way ``romanise.py`` spells it (seeds 0 to ``SEEDS - 1``); each
spelling, its ``fold`` key and its ``skeleton`` name the word with the best prior (ties: the
shorter, then the first in code-point order, so a rebuild gives the same file).

English list: lower-case words used at least ``MIN_ENGLISH`` times in the three English MS
crisis files, GoEmotions and Davidson rows (counts only), without the Hinglish function words
of ``cogs/screening/language.py``.

``--measure``: the written Hindi rows romanised (seed 0, the usual spellings, and seed 1,
chat variants), read back with ``to_devanagari``, and the share of Devanagari words that come
back the same after ``normalise()`` (nukta, nasals, long i/u folded).
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

from bench.screen_training.common import DAVIDSON, DEFAULT_DATA, GOEMO, REPO, read_jsonl
from cogs.screening.hinglish import TABLE_FILE, fold, load_table, skeleton, to_devanagari

SEEDS = 12  # romanise.py seeds per word: 0 is the usual spelling, the rest chat variants
MISSING_SCORE = -15.0  # e5 log-probability given to a word e5 has no whole piece for
MIN_ENGLISH = 3
META = "\u2581"
DEVA_WORD = re.compile("^[\u0900-\u0963\u0971-\u097f]+$")
DEVA_RUN = re.compile("[\u0900-\u0963\u0971-\u097f]+")
LATIN_RUN = re.compile("[a-z]+")
MS_FILES = ("ms_crisis_dev.jsonl", "ms_crisis_dev_more.jsonl", "ms_crisis_dev_hard.jsonl")
HI_PO = REPO / "config" / "locales" / "hi" / "LC_MESSAGES"


def e5_words(e5: Path) -> dict[str, float]:
    spec = json.loads((e5 / "tokenizer.json").read_text(encoding="utf-8"))
    out: dict[str, float] = {}
    for piece, score in spec["model"]["vocab"]:
        if piece.startswith(META) and DEVA_WORD.match(piece[1:]) and len(piece) > 2:
            out[piece[1:]] = max(float(score), out.get(piece[1:], -1e9))
    return out


def kindred_counts(written: Path | None) -> Counter[str]:
    """Devanagari words in the Hindi catalogues and (optionally) the written Hindi rows."""
    counts: Counter[str] = Counter()
    for po in sorted(HI_PO.glob("*.po")):
        for line in po.read_text(encoding="utf-8").splitlines():
            if line.startswith("msgstr") or line.startswith('"'):
                counts.update(DEVA_RUN.findall(line))
    if written is not None:
        for row in read_jsonl(written):
            if row["lang"] == "hi":
                counts.update(DEVA_RUN.findall(row["text"]))
    return counts


def spellings(word: str) -> set[str]:
    from bench.screen_training.romanise import _Choices, _word

    out = set()
    for seed in range(SEEDS):
        text = _word(word, _Choices(seed, word))
        if LATIN_RUN.fullmatch(text):
            out.add(text)
    return out


def english_words(data: Path) -> list[str]:
    from cogs.screening.language import HINGLISH_WORDS

    counts: Counter[str] = Counter()
    for name in (*MS_FILES, GOEMO, DAVIDSON):
        for row in read_jsonl(data / name):
            counts.update(LATIN_RUN.findall(str(row.get("text", "")).lower()))
    return sorted(w for w, n in counts.items() if n >= MIN_ENGLISH and w not in HINGLISH_WORDS)


def build(e5: Path, written: Path | None, data: Path) -> list[str]:
    prior = dict(e5_words(e5))
    for word, n in kindred_counts(written).items():
        if len(word) > 1:
            prior[word] = prior.get(word, MISSING_SCORE) + math.log1p(n)
    best: dict[tuple[str, str], tuple[float, int, str]] = {}
    for word in sorted(prior):
        rank = (prior[word], -len(word), word)
        for spelling in spellings(word):
            for tier, key in (("s", spelling), ("k", fold(spelling)), ("c", skeleton(spelling))):
                if len(key) < 2:
                    continue
                old = best.get((tier, key))
                # Best prior, then the shorter word, then the first in code-point order.
                if old is None or (rank[0], rank[1]) > (old[0], old[1]) or (
                    (rank[0], rank[1]) == (old[0], old[1]) and word < old[2]
                ):
                    best[(tier, key)] = rank
    lines = [f"{tier}\t{key}\t{rank[2]}" for (tier, key), rank in sorted(best.items())]
    lines += [f"e\t{w}\t" for w in english_words(data)]
    return lines


def measure(written: Path, table_path: Path) -> dict[str, float]:
    from bench.screen_training.romanise import romanise
    from cogs.screening.normalise import normalise

    table = load_table(table_path)
    out: dict[str, float] = {}
    for seed in (0, 1):
        same = total = 0
        for row in read_jsonl(written):
            if row["lang"] != "hi":
                continue
            gold = DEVA_RUN.findall(normalise(row["text"]))
            back = DEVA_RUN.findall(normalise(to_devanagari(romanise(row["text"], seed=seed), table)))
            match = difflib.SequenceMatcher(a=gold, b=back, autojunk=False)
            same += sum(b.size for b in match.get_matching_blocks())
            total += len(gold)
        out[f"seed {seed}"] = same / total
        out[f"seed {seed} words"] = total
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--e5", type=Path, default=Path("/work/train/e5p40_nodev"))
    ap.add_argument("--written", type=Path, default=None)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=TABLE_FILE)
    ap.add_argument("--measure", type=Path, default=None, help="the written rows to measure on")
    ap.add_argument("--table", type=Path, default=TABLE_FILE)
    args = ap.parse_args(argv)
    if args.measure is not None:
        print(json.dumps(measure(args.measure, args.table)))
        return 0
    lines = build(args.e5, args.written, args.data)
    header = (
        "# tier<TAB>key<TAB>word: s chat spelling, k fold(), c skeleton(), e English word.\n"
        "# Built by bench/screen_training/hinglish_table.py (do not edit by hand).\n"
    )
    args.out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    tiers = Counter(line[0] for line in lines)
    print(f"wrote {args.out}: {dict(tiers)}, {args.out.stat().st_size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
