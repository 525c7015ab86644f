"""Does the multilingual crisis model read Hinglish better in Devanagari? (issue 15)

Usage (the training venv; run from the repository so its code is the one imported):
    python -m bench.screen_training.multilingual_translit oof --e5 E5P_NODEV --written FILE \
        --dump OUT.json --models DIR [--train-translit] FLAGS
    python -m bench.screen_training.multilingual_translit rescore --e5 E5P_NODEV \
        --written FILE --dump OUT.json --models DIR      # new transliterator, same fold models
    python -m bench.screen_training.multilingual_translit report --written FILE --dump OUT.json

``oof`` is ``multilingual_model.py oof`` (the same rows, grouped folds, training and int8
export; FLAGS as there: ``--frozen 8 --epochs 3 --english all --romanise`` is the shipped
configuration) that also keeps each fold's int8 model in ``--models`` and scores a second view
of every Latin-script row: its text through ``cogs.screening.hinglish.to_devanagari``. With
``--train-translit`` the written Hinglish rows are ALSO trained on in their Devanagari view
(each in its own row's fold, never scored; the romanised Hindi rows are not: read back, they
are all but the Hindi rows they came from).

``report`` prints the model's AUC on the Hinglish rows (development file and written rows
apart) for the plain text, the Devanagari view and the larger of the two scores, then the
out-of-fold table of ``multilingual_report.py`` (bars chosen on the other folds) with each
scoring policy: plain (as shipped); the larger of the two scores for a row the bot would guess
as Hinglish or cannot place (``language_of`` "hinglish" or None); and the Devanagari view alone
for those rows; then each combination at a bar per language (``_per_language``).

Measured (shipped configuration retrained, fold models identical to the shipped dump's: the
plain column reproduces it; the table built with the written Hindi rows' words, never the
development file's; bench/results/multilingual_translit_oof.txt has the full tables):

    model AUC on the Hinglish rows     plain   Devanagari view   max of the two
    development file (80 rows)         0.832   0.950             0.894
    written rows (910 rows)            0.874   0.934             0.915

    development file, a bar per language    hinglish: recall / false alarms
    rules OR model (ships), plain           0.33 / 0.05
    rules OR model, Devanagari view         0.39 / 0.05
    model alone, Devanagari view            0.69 / 0.05
    veto, Devanagari view                   0.75 / 0.07   (written rows: 0.81 / 0.08)

The view helps the model a great deal, but rules OR model barely moves: the Hinglish rules'
own false alarms on the written rows (0.08, in-sample) use up the false-alarm budget, so the
Hinglish bar stays near 0.93. The veto combination, or the model alone, for messages read as
Hinglish, is what turns the better scores into alerts.

Training on the written Hinglish rows' Devanagari view as well (``--train-translit``, 908 more
rows) changed little: AUC 0.850 plain, 0.954 Devanagari view, 0.907 max on the development
file (0.871 / 0.935 / 0.918 written); veto on the view 0.67 / 0.02, model alone 0.64 / 0.05.
The view at run time is the gain; no retraining is needed for it.

Without the written Hindi rows' words in the table (``hinglish_table.py`` without
``--written``; ``rescore --table``, the same fold models): AUC in the view 0.946 on the
development file, 0.922 on the written rows; veto 0.67 / 0.07, model alone 0.61 / 0.05. The
gain does not hang on the written rows' vocabulary.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bench.screen_training import multilingual_model as mm
from bench.screen_training.common import auc, read_jsonl

VIEWED = ("hinglish", None)  # the bot's guesses whose messages get the Devanagari view


def _texts(args: argparse.Namespace) -> tuple[list[Any], list[str], list[str]]:
    """The scored rows, in the dump's order: (rows, levels, texts)."""
    dev, dev_levels = mm.dev_rows(args.data)
    written, written_levels = mm.written_ml_rows(args.written)
    rows = dev + written
    return rows, dev_levels + written_levels, [r.text for r in rows]


def _views(texts: list[str], table_path: Path | None = None) -> list[str | None]:
    """Each text's Devanagari view, for a Latin-script text the bot would read as Hinglish
    (with the shipped word table, or ``table_path``'s)."""
    from cogs.screening.hinglish import load_table, to_devanagari
    from cogs.screening.multilingual_model import language_of

    table = load_table(table_path) if table_path is not None else None
    out: list[str | None] = []
    for t in texts:
        guess = language_of(t)
        out.append(to_devanagari(t, table) if guess in VIEWED else None)
    return out


def _score_views(models: Path, tokenizer: Path, rows: list[Any], folds: list[int],
                 views: list[str | None]) -> list[list[float] | None]:  # fmt: skip
    out: list[list[float] | None] = [None] * len(rows)
    for k in range(mm.FOLDS):
        ix = [i for i, f in enumerate(folds) if f == k and views[i] is not None]
        texts = [str(views[i]) for i in ix]
        for i, s in zip(
            ix, mm.onnx_scores(models / f"fold{k}.onnx", tokenizer, texts), strict=True
        ):
            out[i] = s
    return out


def cmd_oof(args: argparse.Namespace) -> int:
    from cogs.screening.hinglish import to_devanagari

    rows, levels, texts = _texts(args)
    n_dev = len(mm.dev_rows(args.data)[0])
    folds = mm.fold_of(rows)
    base = mm.base_rows(args)
    extra = mm.romanised_rows(args.written) if args.romanise else []
    groups = [d["group"] for d in read_jsonl(args.written)]
    fold_of_group = dict(zip(groups, folds[n_dev:], strict=True))
    translit: list[tuple[int, mm.TrainRow]] = []  # (fold, Devanagari-view training row)
    if args.train_translit:
        for r, lv, f in zip(rows[n_dev:], levels[n_dev:], folds[n_dev:], strict=True):
            view = to_devanagari(r.text)
            if r.lang == "hinglish" and view != r.text:
                translit.append((f, mm.level_row(view, lv, "hinglish")))
    enc = mm.Encoder(args.e5)
    args.models.mkdir(parents=True, exist_ok=True)
    int8: list[list[float]] = [[0.0, 0.0]] * len(rows)
    for k in range(mm.FOLDS):
        train = [
            mm.level_row(r.text, lv, r.lang)
            for r, lv, f in zip(rows, levels, folds, strict=True)
            if f != k
        ]
        train = base + train + [row for g, row in extra if fold_of_group[g] != k]
        train += [row for f, row in translit if f != k]
        print(f"fold {k}: {len(train)} training rows", flush=True)
        top = mm.train_top(enc, train, log=f"fold {k} ")
        path = args.models / f"fold{k}.onnx"
        print(f"fold {k} export: {mm.export(enc, top, path)}", flush=True)
        held = [i for i, f in enumerate(folds) if f == k]
        scores = mm.onnx_scores(path, args.e5 / "tokenizer.json", [texts[i] for i in held])
        for i, s in zip(held, scores, strict=True):
            int8[i] = s
    dump = mm.oof_dump(rows[:n_dev], rows[n_dev:], levels, folds, int8,
                       {"romanised_rows": len(extra), "translit_rows": len(translit),
                        "plain_rows": len(mm.plain_rows(args.plain)),
                        "set_rows": len(mm.set_rows(args.train_sets))})  # fmt: skip
    for row in dump["rows"]:
        row["deva"] = None  # scored by cmd_rescore, below
    args.dump.write_text(json.dumps(dump))
    print(f"wrote {args.dump} (plain scores)", flush=True)
    return cmd_rescore(args)


def cmd_rescore(args: argparse.Namespace) -> int:
    """The Devanagari view scored again (a changed transliterator) with the kept fold models."""
    dump = json.loads(args.dump.read_text())
    rows, _, texts = _texts(args)
    if len(rows) != len(dump["rows"]):
        raise SystemExit("rescore: the dump's rows are not these files' rows")
    folds = [r["fold"] for r in dump["rows"]]
    deva = _score_views(
        args.models, args.e5 / "tokenizer.json", rows, folds, _views(texts, args.table)
    )
    for r, d in zip(dump["rows"], deva, strict=True):
        r["deva"] = d
    args.dump.write_text(json.dumps(dump))
    return cmd_report(args)


def _policy(dump: dict[str, Any], guesses: list[str | None], how: str) -> dict[str, Any]:
    """A copy of the dump whose alert score follows ``how`` for the rows the bot would view."""
    out = dict(dump)
    out["rows"] = []
    for r, g in zip(dump["rows"], guesses, strict=True):
        r = dict(r)
        if how != "plain" and g in VIEWED and r.get("deva") is not None:
            plain, deva = r["scores"], r["deva"]
            r["scores"] = (
                [max(a, b) for a, b in zip(plain, deva, strict=True)] if how == "max" else deva
            )
        out["rows"].append(r)
    return out


def _per_language(dump: dict[str, Any], guesses: list[str | None]) -> None:
    """Each combination at a bar per language (chosen on the other folds, a row scored at the
    bar of the bot's guess at its language): the shipped line is rules OR model; model alone
    and the veto are what the Devanagari view could also be shipped with."""
    from bench.eval_multilingual import LANGS, Rates
    from bench.screen_training.multilingual_report import out_of_fold, per_language

    rows, honest = dump["rows"], dump["honest_rules"]
    alert = [r["alert"] for r in rows]
    langs = [r["lang"] for r in rows]
    print(f"\n  a bar per language, out of fold{'':<20}" + "".join(f"{la:<26}" for la in LANGS))
    for name, mode in (("model alone", None), ("rules OR model", 0.0), ("veto", 1.0)):
        flagged = out_of_fold(rows, honest, per_language(mode, guesses))
        for part in ("dev", "written"):
            cells = []
            for lang in LANGS:
                lx = [i for i, r in enumerate(rows) if r["set"] == part and langs[i] == lang]
                pos, neg = [i for i in lx if alert[i]], [i for i in lx if not alert[i]]
                hit, fa = sum(flagged[i] for i in pos), sum(flagged[i] for i in neg)
                cells.append(str(Rates(hit, len(pos), fa, len(neg))))
            print(f"  {name + ', ' + part:<47}" + "".join(f"{c:<26}" for c in cells))


def cmd_report(args: argparse.Namespace) -> int:
    from bench.screen_training.multilingual_report import cmd_report as table
    from cogs.screening.multilingual_model import language_of

    dump = json.loads(args.dump.read_text())
    texts = _texts(args)[2]
    guesses = [language_of(t) for t in texts]
    rows = dump["rows"]
    print(f"\nmodel AUC on the Hinglish rows, out of fold ({dump.get('config')})")
    print(f"  {'':<10}{'plain':>8}{'deva':>8}{'max':>8}{'rows':>6}  (viewed)")
    for part in ("dev", "written"):
        ix = [i for i, r in enumerate(rows) if r["set"] == part and r["lang"] == "hinglish"]
        labels = [int(rows[i]["alert"]) for i in ix]
        plain = [rows[i]["scores"][0] for i in ix]
        deva = [(rows[i]["deva"] or rows[i]["scores"])[0] for i in ix]
        both = [max(a, b) for a, b in zip(plain, deva, strict=True)]
        viewed = sum(rows[i]["deva"] is not None for i in ix)
        print(f"  {part:<10}{auc(labels, plain):>8.3f}{auc(labels, deva):>8.3f}"
              f"{auc(labels, both):>8.3f}{len(ix):>6}  ({viewed})")  # fmt: skip
    base = args.dump
    for how in ("plain", "max", "deva"):
        print(f"\npolicy {how}:", end="")
        _per_language(_policy(dump, guesses, how), guesses)
    if args.brief:
        return 0
    for how in ("plain", "max", "deva"):
        path = base.with_name(f"{base.stem}.{how}.json")
        path.write_text(json.dumps(_policy(dump, guesses, how)))
        print(f"\n===== policy: {how} (the Devanagari view for rows guessed {VIEWED}) =====")
        args.dump = path
        table(args)
    args.dump = base
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("command", choices=("oof", "rescore", "report"))
    ap.add_argument("--data", type=Path, default=mm.DEFAULT_DATA)
    ap.add_argument("--e5", type=Path, default=Path("/work/train/e5p40_nodev"))
    ap.add_argument("--written", type=Path, required=True)
    ap.add_argument("--dump", type=Path, required=True)
    ap.add_argument("--models", type=Path, default=None, help="where the fold models are kept")
    ap.add_argument("--romanise", action="store_true")
    ap.add_argument("--train-translit", action="store_true")
    ap.add_argument("--table", type=Path, default=None, help="rescore: another word table")
    ap.add_argument(
        "--brief", action="store_true", help="report: the AUC and per-language lines only"
    )
    ap.add_argument("--frozen", type=int, default=None)
    ap.add_argument("--epochs", type=int, default=None)
    ap.add_argument("--seed", type=int, default=None, help="training seed (folds unchanged)")
    ap.add_argument("--english", choices=("hard", "all"), default="hard")
    ap.add_argument("--plain", type=Path, default=None, help="ordinary chat to train on")
    ap.add_argument(
        "--train-sets", type=Path, nargs="*", default=None, help="fresh sets to train on"
    )
    args = ap.parse_args(argv)
    args.rules_now = False
    mm.FROZEN = args.frozen if args.frozen is not None else mm.FROZEN
    mm.EPOCHS = args.epochs if args.epochs is not None else mm.EPOCHS
    mm.TRAIN_SEED = args.seed if args.seed is not None else mm.TRAIN_SEED
    if args.english == "all":
        mm.MS_FILES = (
            "ms_crisis_dev.jsonl",
            "ms_crisis_dev_more.jsonl",
            "ms_crisis_dev_hard.jsonl",
        )
    if args.command == "report":
        return cmd_report(args)
    if args.models is None:
        ap.error(f"{args.command} needs --models")
    return cmd_oof(args) if args.command == "oof" else cmd_rescore(args)


if __name__ == "__main__":
    sys.exit(main())
