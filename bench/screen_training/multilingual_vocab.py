"""Prune multilingual-e5-small's 250,002-piece vocabulary to the pieces Kindred's text uses.

Usage (the training venv):
    /work/train/venv/bin/python -m bench.screen_training.multilingual_vocab \
        --e5 /work/train/e5 --out /work/train/e5p [--data DIR] [--written FILE]

The word embeddings are 96 MB of the 118 MB fp32 encoder, almost all for scripts and words no
member here writes. Kept: every piece used when tokenising a broad corpus (every row of the
shared data directory, text and context; the written multilingual rows; the project's .po
catalogues; every string in the crisis lexicon), the specials, and every single-character piece
(bare or after the word marker) that is not a letter of another script: Latin and Devanagari
letters, digits, punctuation, symbols and emoji. Everything else goes.

The result is a smaller SentencePiece unigram ``tokenizer.json`` with the kept pieces and their
original scores, renumbered in their original order (the specials keep ids 0-3, so the
``<s> ... </s>`` template is unchanged). On the corpus the tokenisation is identical (the best
segmentation uses kept pieces only, so it is still the best); a word outside it falls back to
the longest kept pieces that spell it, down to single characters, rather than one ``<unk>``.
``--check`` measures that fallback honestly: the vocabulary built WITHOUT the multilingual
development file, and how many of that file's tokens then change.

Measured (issue 15): 250,002 -> 37,577 pieces (37,503 without the development file, the
vocabulary of the out-of-fold runs); embeddings 96 MB fp32 -> 14 MB int8. ``--check``: with
the corpus alone (37,503 pieces) 33 of 77 Spanish, 10 of 79 Hindi and 33 of 80 Hinglish
development rows are tokenised differently (54, 15 and 46 pieces re-spelled in smaller kept
pieces); with the corpus pieces only (no Devanagari or Latin top-up: 16,614 pieces) it was 39,
75 and 56 rows. Keeping 40,000 Latin pieces (54,755 in all, 42 MB) halves the Spanish and
Hinglish changes. Unseen messages will meet such re-spellings; the out-of-fold runs use the
vocabulary built without the development file, so their figures include that effect.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench.screen_training.common import DEFAULT_DATA, REPO, read_jsonl

META = "\u2581"
WRITTEN = REPO / "bench" / "screen_training" / "data" / "multilingual_written.jsonl"
ML_FILE = "multilingual_crisis_dev.jsonl"
KEEP_SCRIPTS = ("LATIN", "DEVANAGARI")
N_LATIN = 20000  # most likely Latin-script pieces kept beyond the corpus (a 35 MB budget)


def _po_strings(path: Path) -> Iterable[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r'^(?:msgid|msgstr|msgid_plural|msgstr\[\d+\])?\s*"(.*)"\s*$', line)
        if m and m.group(1):
            yield m.group(1).encode().decode("unicode_escape", "ignore")


def _toml_strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _toml_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _toml_strings(v)


def corpus(data: Path, written: Path, *, without_ml_dev: bool = False) -> list[str]:
    """Every text the vocabulary must cover (``without_ml_dev``: not the multilingual dev file)."""
    texts: list[str] = []
    for path in sorted(data.rglob("*.jsonl")):
        if without_ml_dev and path.name == ML_FILE:
            continue
        for row in read_jsonl(path):
            texts += [str(row[k]) for k in ("text", "context") if row.get(k)]
    if written.exists():
        texts += [r["text"] for r in read_jsonl(written)]
    for po in sorted((REPO / "config" / "locales").rglob("*.po")):
        texts += list(_po_strings(po))
    lexicon = tomllib.loads((REPO / "config" / "crisis_lexicon.toml").read_text(encoding="utf-8"))
    texts += list(_toml_strings(lexicon))
    return texts


def single_char_kept(piece: str) -> bool:
    """A one-character piece (bare or after the word marker) of a script Kindred reads."""
    char = piece[1:] if piece.startswith(META) and len(piece) > 1 else piece
    if len(char) != 1:
        return False
    if not unicodedata.category(char).startswith("L"):
        return True  # digits, punctuation, symbols, emoji
    return unicodedata.name(char, "?").split()[0] in KEEP_SCRIPTS


def used_ids(tokenizer_json: Path, texts: list[str]) -> set[int]:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer_json))
    used: set[int] = set()
    for s in range(0, len(texts), 1000):
        for enc in tok.encode_batch(texts[s : s + 1000]):
            used.update(enc.ids)
    return used


def scripts(piece: str) -> set[str]:
    """The scripts of a piece's letters ("LATIN", "DEVANAGARI", ...)."""
    return {
        unicodedata.name(c, "?").split()[0]
        for c in piece.replace(META, "")
        if unicodedata.category(c).startswith("L")
    }


def kept_ids(tokenizer_json: Path, texts: list[str], n_latin: int = N_LATIN) -> list[int]:
    """The corpus's pieces, the specials, the single characters, every Devanagari piece and the
    ``n_latin`` most likely Latin pieces (the vocabulary is in descending score order)."""
    vocab = json.loads(tokenizer_json.read_text(encoding="utf-8"))["model"]["vocab"]
    keep = used_ids(tokenizer_json, texts) | {0, 1, 2, 3}
    keep |= {i for i, (piece, _) in enumerate(vocab) if single_char_kept(piece)}
    by_script = [(i, scripts(piece)) for i, (piece, _) in enumerate(vocab)]
    keep |= {i for i, s in by_script if s == {"DEVANAGARI"}}
    keep |= {i for i, s in by_script if s == {"LATIN"}}.intersection(
        sorted(i for i, s in by_script if s == {"LATIN"})[:n_latin]
    )
    return sorted(keep)


def pruned_tokenizer(tokenizer_json: Path, keep: list[int]) -> dict[str, Any]:
    spec = json.loads(tokenizer_json.read_text(encoding="utf-8"))
    vocab = spec["model"]["vocab"]
    spec["model"]["vocab"] = [vocab[i] for i in keep]
    spec["model"]["unk_id"] = 3
    spec["added_tokens"] = [t for t in spec["added_tokens"] if t["id"] <= 3]
    return dict(spec)


def check(e5: Path, data: Path, written: Path, n_latin: int) -> None:
    """How many tokens of the multilingual dev file change when it is not in the corpus."""
    from tokenizers import Tokenizer

    full = e5 / "tokenizer.json"
    keep = kept_ids(full, corpus(data, written, without_ml_dev=True), n_latin)
    small = Tokenizer.from_str(json.dumps(pruned_tokenizer(full, keep)))
    big = Tokenizer.from_file(str(full))
    rows = read_jsonl(data / ML_FILE)
    per_lang: dict[str, list[int]] = {}
    for r in rows:
        a, b = big.encode(r["text"]).tokens, small.encode(r["text"]).tokens
        counts = per_lang.setdefault(r["lang"], [0, 0, 0])
        counts[0] += 1
        counts[1] += a != b
        counts[2] += sum(1 for t in a if t not in set(b))
    print(f"vocabulary without {ML_FILE}: {len(keep)} pieces")
    for lang, (n, changed, pieces) in sorted(per_lang.items()):
        print(f"  {lang:<9} {changed}/{n} rows tokenised differently; {pieces} pieces re-spelled")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--e5", type=Path, required=True, help="the BertModel from multilingual_weights"
    )
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--written", type=Path, default=WRITTEN)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--n-latin", type=int, default=N_LATIN)
    ap.add_argument(
        "--without-ml-dev", action="store_true", help=f"leave {ML_FILE} out (out-of-fold runs)"
    )
    args = ap.parse_args(argv)
    if args.check:
        check(args.e5, args.data, args.written, args.n_latin)
        return 0
    import torch
    from transformers import BertModel, PreTrainedTokenizerFast

    texts = corpus(args.data, args.written, without_ml_dev=args.without_ml_dev)
    keep = kept_ids(args.e5 / "tokenizer.json", texts, args.n_latin)
    print(f"corpus: {len(texts)} texts; kept {len(keep)} of 250002 pieces")
    model = BertModel.from_pretrained(args.e5, attn_implementation="eager")
    emb = model.embeddings.word_embeddings.weight.detach()[torch.tensor(keep)]
    model.resize_token_embeddings(len(keep))
    model.embeddings.word_embeddings.weight.data.copy_(emb)
    model.config.vocab_size = len(keep)
    args.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(args.out)
    spec = pruned_tokenizer(args.e5 / "tokenizer.json", keep)
    (args.out / "tokenizer.json").write_text(json.dumps(spec, ensure_ascii=False), "utf-8")
    tok = PreTrainedTokenizerFast(
        tokenizer_file=str(args.out / "tokenizer.json"), bos_token="<s>", eos_token="</s>",
        unk_token="<unk>", pad_token="<pad>", cls_token="<s>", sep_token="</s>",
    )  # fmt: skip
    tok.save_pretrained(args.out)
    (args.out / "kept_ids.json").write_text(json.dumps(keep))
    return 0


if __name__ == "__main__":
    sys.exit(main())
