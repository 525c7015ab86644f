"""The multilingual crisis model's out-of-fold table (``multilingual_model.py report``).

Per language, on the development file and on the written rows apart: alert recall and false
alarms of the rules alone, the model alone, rules OR model at one bar, the veto combination, and
rules OR model at a bar per language (what ships: each row scored at the bar of the bot's own
guess at its language, ``multilingual_model.language_of``), every bar set on the other folds;
with ``--alert-bars-from``, rules OR model at those kept alert bars (policy P0; what then ships);
then the shipped line per category, and the bars the pooled scores give.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from bench.eval_multilingual import LANGS
from bench.screen_training.common import auc, read_jsonl
from bench.screen_training.multilingual_bars import (
    alert_bar,
    bar_for,
    bar_pool,
    bar_rows,
    chosen_bars,
    decide,
    kept_alert_bars,
    language_bars,
    language_thresholds,
    thresholds_from,
    veto_floor,
)
from bench.screen_training.multilingual_model import (
    FOLDS,
    ML_FILE,
    dev_rows,
    honest_rules,
    shipped_rules,
    written_ml_rows,
)


def cmd_report(args: argparse.Namespace) -> int:
    dump = json.loads(args.dump.read_text())
    rows = dump["rows"]
    if args.rules_now:
        rules_now(args, dump)
    mark_parts(args, rows)  # before any bar is set: bar_rows reads the parts
    honest, shipped = dump["honest_rules"], dump["shipped_rules"]
    scores = [r["scores"][0] for r in rows]
    alert = [r["alert"] for r in rows]
    langs = [r["lang"] for r in rows]
    out: dict[str, list[bool]] = {
        "rules alone (honest: no scored row read)": honest,
        "rules as shipped (IN-SAMPLE on dev)": shipped,
    }
    for name, mode in (("model alone", None), ("rules OR model", 0.0), ("veto", 1.0)):
        out[f"{name}, out of fold"] = out_of_fold(rows, honest, one_bar(mode))
    guesses = _guesses(args, len(rows))
    kept_from = getattr(args, "alert_bars_from", None)  # the translit script has no such flag
    keep = kept_alert_bars(kept_from) if kept_from is not None else None
    shipped_line = "rules OR model, a bar per language" + ("" if keep else " (ships)")
    if guesses is not None:  # what ships: each language at its own bar
        out[shipped_line] = out_of_fold(rows, honest, per_language(0.0, guesses))
        out["OR or veto per language, chosen on other folds"] = out_of_fold(
            rows, honest, chosen_per_language(guesses)
        )
        if keep:
            shipped_line = "rules OR model, the kept bars (ships)"
            out[shipped_line] = [
                decide(r["scores"][0], honest[i], bar_for(keep, guesses[i]), 0.0)
                for i, r in enumerate(rows)
            ]
    config = dump.get("config", {})
    print(f"grouped {FOLDS}-fold over {ML_FILE} and {dump['written_rows']} written rows, int8 "
          f"scores; bars from the other folds' rows of the development file and rounds 1-3; "
          f"{config}")  # fmt: skip
    for part in ("dev", "written", "third", "fourth", "probe"):
        ix = [i for i, r in enumerate(rows) if r.get("set", "dev") == part]
        if not ix:
            continue
        title = {
            "dev": ML_FILE,
            "written": "the written rows of rounds 1-2 (rules in-sample: read while written)",
            "third": "the third round of written Hinglish rows (no rule was written reading them)",
            "fourth": "the fourth written round (no rule was written reading them)",
            "probe": "the sentences written to probe the screen (rules in-sample: many written "
            "from them)",
        }[part]
        print(f"\n{title}: alert recall, false alarms")
        _table(out, ix, alert, langs)
        for lang in LANGS:
            lx = [i for i in ix if langs[i] == lang]
            value = auc([int(alert[i]) for i in lx], [scores[i] for i in lx])
            print(f"  {lang:<9} model AUC out of fold {value:.3f}")
        line = shipped_line if shipped_line in out else "rules OR model, out of fold"
        print(f"\n{title}, {line}: per category, alerts caught or raised")
        _categories(rows, ix, out[line])
    prows, phonest = bar_pool(rows, honest)
    for combination in ("veto", "or"):
        bars = thresholds_from(prows, phonest, combination)
        print(f"pooled thresholds, {combination}: {bars}")
    recipe = "the recipe's" if keep else "what ships"
    print(f"per language, or ({recipe}): {language_thresholds(prows, phonest, 'or')}")
    chosen = chosen_bars([r["scores"][0] for r in prows], phonest, [r["alert"] for r in prows],
                         [r["lang"] for r in prows])  # fmt: skip
    print(f"per language, OR or veto chosen on all folds (alert bar, veto floor): {chosen}")
    if keep:
        print(f"kept alert bars ({kept_from}): {keep}")
    return 0


# What a fold's rows are decided with, set on the other folds' rows: ``choose(scores, rules,
# alert, langs)`` of those rows gives, for a row index, its alert bar and veto floor (None: the
# model alone; 0: rules OR model; above 0: the veto).
Pick = Callable[[int], tuple[float, float | None]]
Choose = Callable[[list[float], list[bool], list[bool], list[str]], Pick]


def out_of_fold(rows: list[dict[str, Any]], rules: list[bool], choose: Choose) -> list[bool]:
    """Whether each row alerts, at what ``choose`` sets on the folds it is not in."""
    scores = [r["scores"][0] for r in rows]
    flagged = [False] * len(rows)
    pool = bar_rows(rows)
    for k in range(FOLDS):
        other = [i for i in pool if rows[i]["fold"] != k]
        pick = choose([scores[i] for i in other], [rules[i] for i in other],
                      [rows[i]["alert"] for i in other], [rows[i]["lang"] for i in other])  # fmt: skip
        for i, r in enumerate(rows):
            if r["fold"] == k:
                bar, floor = pick(i)
                flagged[i] = decide(scores[i], rules[i], bar, floor)
    return flagged


def _floor(mode: float | None, scores: list[float], alert: list[bool]) -> float | None:
    """None (model alone), 0.0 (rules OR model), or for 1.0 the veto floor of these rows."""
    return None if mode is None else mode and veto_floor(scores, alert)


def one_bar(mode: float | None) -> Choose:
    """One bar for every language."""

    def choose(scores: list[float], rules: list[bool], alert: list[bool], langs: list[str]) -> Pick:
        floor = _floor(mode, scores, alert)
        bar = alert_bar(scores, rules, alert, langs, floor)
        return lambda _i: (bar, floor)

    return choose


def per_language(mode: float | None, guesses: list[str | None]) -> Choose:
    """A bar per language; each row meets the bar of the bot's guess at its language."""

    def choose(scores: list[float], rules: list[bool], alert: list[bool], langs: list[str]) -> Pick:
        floor = _floor(mode, scores, alert)
        bars = language_bars(scores, rules, alert, langs, floor)
        return lambda i: (bar_for(bars, guesses[i]), floor)

    return choose


def chosen_per_language(guesses: list[str | None]) -> Choose:
    """Each language's combination and bar as ``chosen_bars`` picks them; a row whose language
    is unsure gets the lower Latin bar and no veto."""

    def choose(scores: list[float], rules: list[bool], alert: list[bool], langs: list[str]) -> Pick:
        chosen = chosen_bars(scores, rules, alert, langs)

        def pick(i: int) -> tuple[float, float | None]:
            guess = guesses[i]
            if guess is None:
                return min(chosen["es"][0], chosen["hinglish"][0]), 0.0
            return chosen[guess]

        return pick

    return choose


def mark_parts(args: argparse.Namespace, rows: list[dict[str, Any]]) -> None:
    """Set each written row's part (``eval_multilingual.written_part``: the third Hinglish round,
    the fourth round, the probe sentences) when the dump's rows are these files'."""
    from bench.eval_multilingual import written_part

    if args.written is None:
        return
    ids = [d["id"] for d in read_jsonl(args.written)]
    written = [r for r in rows if r.get("set") == "written"]
    if len(ids) != len(written):
        return
    for r, row_id in zip(written, ids, strict=True):
        r["set"] = written_part(row_id)


def rules_now(args: argparse.Namespace, dump: dict[str, Any]) -> None:
    """Score the rules as they are now on the dump's rows (the model's scores stay): a new
    lexicon measured with a model already trained."""
    dev = dev_rows(args.data)[0]
    written = written_ml_rows(args.written)[0] if len(dump["rows"]) > len(dev) else []
    if len(dev) + len(written) != len(dump["rows"]):
        raise SystemExit("--rules-now: the dump's rows are not these files' rows")
    dump["honest_rules"] = honest_rules(dev) + shipped_rules(written)
    dump["shipped_rules"] = shipped_rules(dev) + shipped_rules(written)


def _guesses(args: argparse.Namespace, n: int) -> list[str | None] | None:
    """The bot's guess at each scored row's language (multilingual_model.language_of), or None
    when the rows cannot be read back in the dump's order."""
    from cogs.screening.multilingual_model import language_of

    texts = [r.text for r in dev_rows(args.data)[0]]
    if len(texts) != n and args.written is not None:  # a dump with the written rows folded in
        texts += [r.text for r in written_ml_rows(args.written)[0]]
    return [language_of(t) for t in texts] if len(texts) == n else None


def _table(out: dict[str, list[bool]], ix: list[int], alert: list[bool], langs: list[str]) -> None:
    from bench.eval_multilingual import Rates

    print(f"{'':<46}" + "".join(f"{lang:<26}" for lang in LANGS))
    for name, flagged in out.items():
        cells = []
        for lang in LANGS:
            lx = [i for i in ix if langs[i] == lang]
            hit = sum(flagged[i] for i in lx if alert[i])
            pos = sum(1 for i in lx if alert[i])
            fa = sum(flagged[i] for i in lx if not alert[i])
            neg = sum(1 for i in lx if not alert[i])
            cells.append(str(Rates(hit, pos, fa, neg)))
        print(f"{name:<46}" + "".join(f"{c:<26}" for c in cells))


def _categories(rows: list[dict[str, Any]], ix: list[int], flagged: list[bool]) -> None:
    categories = sorted({rows[i]["category"] for i in ix})
    print(f"  {'category':<22}" + "".join(f"{lang:<12}" for lang in LANGS))
    for category in categories:
        cells = []
        for lang in LANGS:
            lx = [i for i in ix if rows[i]["lang"] == lang and rows[i]["category"] == category]
            cells.append(f"{sum(flagged[i] for i in lx)}/{len(lx)}" if lx else "-")
        print(f"  {category:<22}" + "".join(f"{c:<12}" for c in cells))
