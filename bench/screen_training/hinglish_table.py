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
crisis files and the GoEmotions rows (counts only; not the Davidson rows, whose commonest words include slurs), without the Hinglish function words
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

from bench.screen_training.common import DEFAULT_DATA, GOEMO, REPO, read_jsonl
from cogs.screening.hinglish import TABLE_FILE, fold, load_table, skeleton, to_devanagari

SEEDS = 12  # romanise.py seeds per word: 0 is the usual spelling, the rest chat variants
MISSING_SCORE = -15.0  # e5 log-probability given to a word e5 has no whole piece for
MIN_ENGLISH = 3
USUAL_BONUS = 2.0  # nats of prior a word's usual spelling is worth over a variant
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


def kindred_counts(written: Path | None, skip: frozenset[str] = frozenset()) -> Counter[str]:
    """Devanagari words in the Hindi catalogues and (optionally) the written Hindi rows, but
    for the rows of the groups in ``skip``."""
    counts: Counter[str] = Counter()
    for po in sorted(HI_PO.glob("*.po")):
        for line in po.read_text(encoding="utf-8").splitlines():
            if line.startswith("msgstr") or line.startswith('"'):
                counts.update(DEVA_RUN.findall(line))
    if written is not None:
        for row in read_jsonl(written):
            if row["lang"] == "hi" and row["group"] not in skip:
                counts.update(DEVA_RUN.findall(row["text"]))
    return counts


# Common verb stems, hand-written (general Hindi, chosen for what people say about pain, fatigue,
# giving up and getting through): e5's vocabulary has few Hindi verb forms ("मरना", "करूँगा"
# are not whole pieces), so each stem's usual forms are added with a prior of VERB_SCORE.
VERB_STEMS = """
    कर मर मार जी सो खा पी जा आ रह सह सोच लग थक छोड़ रो डर टूट काट लटक कूद बच बता समझ सुन कह
    बोल दे ले मिल चल उठ बैठ देख संभाल संभल निकल हार जीत भूल भाग छूट फँस घुट तड़प सता झेल बिगड़
    बिखर डूब लड़ ला पा सक चाह गिर रुक हँस पढ़ लिख जल जला फेंक भेज माँग गुज़र बन बना बदल सुधर मना
    मान जान पहुँच खो बिता कट बुला हिल दौड़ उतर चढ़ टाल पूछ ढूँढ सँभाल तोड़ जोड़ खींच घबरा चुक मिटा
    सुला सुलझ उलझ रोक दिखा सिखा सीख भर बिक छिप छुपा घूम लौट संभालना दब दबा
"""
# Suffixes as (vowel, rest): the vowel is a sign after a consonant stem, a letter after a vowel.
VERB_SUFFIXES = (
    ("", "ना"), ("", "ने"), ("", "नी"), ("", "ता"), ("", "ती"), ("", "ते"), ("", "कर"),
    ("", "ूँगा"), ("", "ूँगी"), ("", "ूँ"), ("", "ेगा"), ("", "ेगी"), ("", "ेंगे"), ("", "ोगे"),
    ("", "ो"), ("", "ें"), ("", "ा"), ("", "ी"), ("", "े"),
)  # fmt: skip
# Irregular forms the suffix rules miss (देना, लेना, जाना, होना, the past).
IRREGULAR = """
    दूँगा दूँगी दूँ दूंगा दूंगी दिया दी दिए दिये लूँगा लूँगी लूँ लूंगा लूंगी लिया ली लिए लिये गया गई
    गयी गए गये हुआ हुई हुए था थी थे होगा होगी होंगे होऊँगा होना होने होता होती होते किया की किए
    किये पाया पाई पायी पाए सकता सकती सकते सका सकी
"""
VERB_SCORE = -12.0
_SIGN_TO_LETTER = {
    "ा": "आ",
    "ि": "इ",
    "ी": "ई",
    "ु": "उ",
    "ू": "ऊ",
    "े": "ए",
    "ै": "ऐ",
    "ो": "ओ",
    "ौ": "औ",
}
_VOWEL_SIGNS = frozenset(_SIGN_TO_LETTER)


def verb_forms() -> list[str]:
    """Each stem with each suffix; after a stem ending in a vowel sign (जा, पी) a suffix's first
    sign is written as its letter (जाऊँगा, पीता) and the past takes य (जाया is left out: गया)."""
    out = []
    for stem in VERB_STEMS.split():
        vowel_stem = stem[-1] in _VOWEL_SIGNS or stem[-1] in "ँं" or stem[-1] in "आइईउऊएओ"
        out.append(stem)  # the bare stem: "mar gaya", "so jaun", "kar"
        for _, rest in VERB_SUFFIXES:
            if vowel_stem and rest[0] in _VOWEL_SIGNS:
                if rest in ("ा", "ी", "े"):
                    rest = {"ा": "या", "ी": "यी", "े": "ये"}[rest]
                else:
                    rest = _SIGN_TO_LETTER[rest[0]] + rest[1:]
            out.append(stem + rest)
    return out + IRREGULAR.split()


def spellings(word: str) -> dict[str, bool]:
    """Every chat spelling of ``word`` romanise.py gives, each with whether it is the usual one
    (seed 0's)."""
    from cogs.screening.romanise import _Choices, _word

    out: dict[str, bool] = {}
    for seed in range(SEEDS):
        text = _word(word, _Choices(seed, word))
        if LATIN_RUN.fullmatch(text):
            out[text] = out.get(text, False) or seed == 0
    return out


def english_words(data: Path) -> list[str]:
    from cogs.screening.language import HINGLISH_WORDS

    counts: Counter[str] = Counter()
    for name in (*MS_FILES, GOEMO):
        for row in read_jsonl(data / name):
            counts.update(LATIN_RUN.findall(str(row.get("text", "")).lower()))
    return sorted(w for w, n in counts.items() if n >= MIN_ENGLISH and w not in HINGLISH_WORDS)


def build(
    e5: Path, written: Path | None, data: Path, skip: frozenset[str] = frozenset()
) -> list[str]:
    prior = dict(e5_words(e5))
    for word in verb_forms():
        prior[word] = max(prior.get(word, VERB_SCORE), VERB_SCORE)
    for word, n in kindred_counts(written, skip).items():
        if len(word) > 1:
            prior[word] = prior.get(word, MISSING_SCORE) + math.log1p(n)
    # A key names the word with the best prior, its usual spelling (seed 0's) counting
    # USUAL_BONUS more ("mar" is मर, whose usual spelling it is, before the commoner मार, whose
    # usual spelling is "maar"; but "aj" is still आज, not the rare अज); then the shorter word,
    # then the first in code-point order.
    best: dict[tuple[str, str], tuple[float, int, str]] = {}
    for word in sorted(prior):
        for spelling, usual in sorted(spellings(word).items()):
            rank = (prior[word] + USUAL_BONUS * usual, -len(word), word)
            for tier, key in (("s", spelling), ("k", fold(spelling)), ("c", skeleton(spelling))):
                if len(key) < 2:
                    continue
                old = best.get((tier, key))
                if old is None or rank[:2] > old[:2] or (rank[:2] == old[:2] and word < old[2]):
                    best[(tier, key)] = rank
    lines = [f"{tier}\t{key}\t{rank[2]}" for (tier, key), rank in sorted(best.items())]
    lines += [f"e\t{w}\t" for w in english_words(data)]
    return lines


def measure(
    written: Path, table_path: Path, only: frozenset[str] | None = None
) -> dict[str, float]:
    """Word accuracy of the round trip (romanise, then to_devanagari) on the written Hindi rows
    (those of the groups in ``only``, when given)."""
    from cogs.screening.normalise import normalise
    from cogs.screening.romanise import romanise

    table = load_table(table_path)
    out: dict[str, float] = {}
    for seed in (0, 1):
        same = total = 0
        for row in read_jsonl(written):
            if row["lang"] != "hi" or (only is not None and row["group"] not in only):
                continue
            gold = DEVA_RUN.findall(normalise(row["text"]))
            back = DEVA_RUN.findall(
                normalise(to_devanagari(romanise(row["text"], seed=seed), table))
            )
            match = difflib.SequenceMatcher(a=gold, b=back, autojunk=False)
            same += sum(b.size for b in match.get_matching_blocks())
            total += len(gold)
        out[f"seed {seed}"] = same / total
        out[f"seed {seed} words"] = total
    return out


def crossed(args: argparse.Namespace) -> dict[str, float]:
    """The written rows' words in the table without the rows measured: the Hindi groups in two
    halves (alternate groups in sorted order), a table built with one half's words measured on
    the other half, both ways, words pooled."""
    import tempfile

    groups = sorted({r["group"] for r in read_jsonl(args.measure) if r["lang"] == "hi"})
    halves = (frozenset(groups[0::2]), frozenset(groups[1::2]))
    totals: dict[str, float] = dict.fromkeys(
        ("seed 0", "seed 1", "seed 0 words", "seed 1 words"), 0.0
    )
    with tempfile.TemporaryDirectory() as tmp:
        for held in halves:
            path = Path(tmp) / "table.tsv"
            path.write_text("\n".join(build(args.e5, args.measure, args.data, held)) + "\n")
            part = measure(args.measure, path, held)
            for seed in (0, 1):
                totals[f"seed {seed}"] += part[f"seed {seed}"] * part[f"seed {seed} words"]
                totals[f"seed {seed} words"] += part[f"seed {seed} words"]
    return {f"seed {s}": totals[f"seed {s}"] / totals[f"seed {s} words"] for s in (0, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--e5", type=Path, default=Path("/work/train/e5p40_nodev"))
    ap.add_argument("--written", type=Path, default=None)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=TABLE_FILE)
    ap.add_argument("--measure", type=Path, default=None, help="the written rows to measure on")
    ap.add_argument("--table", type=Path, default=TABLE_FILE)
    ap.add_argument("--crossed", action="store_true", help="measure: also with crossed halves")
    args = ap.parse_args(argv)
    if args.measure is not None:
        print("table as built:", json.dumps(measure(args.measure, args.table)))
        if args.crossed:
            print("crossed halves:", json.dumps(crossed(args)))
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
