"""The multilingual crisis model's bars, from out-of-fold scores (multilingual_model.py).

Alert bar: the lowest score at which false alarms stay at or below ``FA_BAR`` in every language;
veto floor: the ``VETO_QUANTILE`` percentile of positive scores (0 for rules OR model); urgent:
the lowest urgent score with precision >= ``URGENT_PRECISION`` among the rows that alert.
``chosen_bars`` picks, per language, rules OR model or the veto combination (whichever catches
more alerts at its own bar on the rows it is chosen on; OR on a tie, since it never takes a
rule's alert away). ``kept_alert_bars`` is policy P0, "keep the bars": a retrained model is held
to the alert bars the model before it shipped with (bench/results/multilingual_model_variants.txt,
sections 12 and 13: the recipe's bars rose with each retraining and cost Hindi and Hinglish
recall on sets no model trained on, while the same model at the kept bars caught as many).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.eval_multilingual import LANGS

FA_BAR = 0.08  # alert bar: false alarms at or below this in every language (other folds)
# The rows bars are set on (a row's "set", eval_multilingual.written_part): the development file
# and the written rounds 1-3. The fourth round and the probe sentences are near twins written
# against the model's own false alarms; the model trains on them and they are reported at the
# bars, but they would hold the bars to a mix of messages no group sends (issue 15: bars set
# with them cost Spanish 0.89 -> 0.74 recall on the development file and lost 4 of 38 alerts on
# fresh sentences for 1 false alarm fewer of 40).
BAR_PARTS = frozenset({"dev", "written", "third"})


def bar_rows(rows: list[dict[str, Any]]) -> list[int]:
    """The indices of the rows bars may be set on (``BAR_PARTS``; unmarked rows count)."""
    return [i for i, r in enumerate(rows) if r.get("set", "dev") in BAR_PARTS]


def bar_pool(
    rows: list[dict[str, Any]], rules: list[bool]
) -> tuple[list[dict[str, Any]], list[bool]]:
    """The rows bars may be set on, with their rules' flags (``bar_rows``)."""
    pool = bar_rows(rows)
    return [rows[i] for i in pool], [rules[i] for i in pool]


VETO_QUANTILE = 0.10
URGENT_PRECISION = 0.8


def alert_bar(scores: list[float], rules: list[bool], alert: list[bool], langs: list[str],
              veto: float | None, *, ceiling: float = FA_BAR) -> float:  # fmt: skip
    """The lowest bar at which false alarms stay <= ``ceiling`` in every language."""
    for bar in [*sorted(set(scores)), 1.01]:
        ok = True
        for lang in LANGS:
            neg = [i for i, la in enumerate(langs) if la == lang and not alert[i]]
            fa = sum(decide(scores[i], rules[i], bar, veto) for i in neg)
            if neg and fa / len(neg) > ceiling:
                ok = False
                break
        if ok:
            return bar
    return 1.01


def decide(score: float, rule: bool, bar: float, veto: float | None) -> bool:
    """veto None: model alone; 0.0: rules OR model; else the veto combination."""
    if veto is None:
        return score >= bar
    return (rule and score >= veto) or score >= bar


def veto_floor(scores: list[float], alert: list[bool]) -> float:
    pos = sorted(s for s, a in zip(scores, alert, strict=True) if a)
    return pos[int(VETO_QUANTILE * len(pos))] if pos else 0.0


def urgent_bar(urgent: list[float], is_urgent: list[bool]) -> float:
    pairs = sorted(zip(urgent, is_urgent, strict=True))
    for i, (s, _) in enumerate(pairs):
        above = pairs[i:]
        if len(above) >= 3 and sum(u for _, u in above) / len(above) >= URGENT_PRECISION:
            return float(s)
    return 1.01


def language_bars(scores: list[float], rules: list[bool], alert: list[bool], langs: list[str],
                  veto: float | None, *, ceiling: float = FA_BAR) -> dict[str, float]:  # fmt: skip
    """Each language's own alert bar: the lowest with false alarms <= ``ceiling`` in it."""
    out = {}
    for lang in LANGS:
        ix = [i for i, la in enumerate(langs) if la == lang]
        out[lang] = alert_bar([scores[i] for i in ix], [rules[i] for i in ix],
                              [alert[i] for i in ix], [lang] * len(ix), veto,
                              ceiling=ceiling)  # fmt: skip
    return out


def bar_for(bars: dict[str, float], guess: str | None) -> float:
    """The bar the bot uses for a message of the guessed language (multilingual_model.CutOffs):
    an unsure Latin-script message gets the lower of the Spanish and Hinglish bars."""
    return bars[guess] if guess is not None else min(bars["es"], bars["hinglish"])


def thresholds_from(
    rows: list[dict[str, Any]], rules: list[bool], combination: str = "veto"
) -> dict[str, float]:
    """The shipped combination's bars from pooled out-of-fold scores (all folds); "or" is the
    veto combination with a floor of 0 (no rules alert is ever vetoed)."""
    scores = [r["scores"][0] for r in rows]
    alert = [r["alert"] for r in rows]
    langs = [r["lang"] for r in rows]
    veto = veto_floor(scores, alert) if combination == "veto" else 0.0
    bar = alert_bar(scores, rules, alert, langs, veto)
    alerted = [i for i, r in enumerate(rows) if decide(scores[i], rules[i], bar, veto)]
    urgent = urgent_bar([rows[i]["scores"][1] for i in alerted],
                        [rows[i]["level"] == "urgent" for i in alerted])  # fmt: skip
    return {"alert": bar, "urgent": urgent, "veto_floor": veto}


def language_thresholds(
    rows: list[dict[str, Any]], rules: list[bool], combination: str = "veto"
) -> dict[str, dict[str, float]]:
    """Each language's bars from the pooled out-of-fold scores (the urgent bar and veto floor
    are the pooled ones: too few alerted rows per language to set them apart). "chosen": each
    language's combination as ``chosen_bars`` picks it (OR, or veto at the pooled floor)."""
    scores = [r["scores"][0] for r in rows]
    if combination == "chosen":
        pooled = thresholds_from(rows, rules, "or")
        chosen = chosen_bars(scores, rules, [r["alert"] for r in rows], [r["lang"] for r in rows])
        return {
            lang: {**pooled, "alert": bar, "veto_floor": floor}
            for lang, (bar, floor) in chosen.items()
        }
    pooled = thresholds_from(rows, rules, combination)
    bars = language_bars(scores, rules, [r["alert"] for r in rows], [r["lang"] for r in rows],
                         pooled["veto_floor"])  # fmt: skip
    return {lang: {**pooled, "alert": bar} for lang, bar in bars.items()}


def chosen_bars(scores: list[float], rules: list[bool], alert: list[bool], langs: list[str]
                ) -> dict[str, tuple[float, float]]:  # fmt: skip
    """Per language, ``(alert bar, veto floor)``: the combination (OR: floor 0; veto: the
    pooled floor) that catches more of these rows' alerts at its own bar, OR on a tie."""
    floors = (0.0, veto_floor(scores, alert))
    options = [(language_bars(scores, rules, alert, langs, floor), floor) for floor in floors]
    out = {}
    for lang in LANGS:
        ix = [i for i, la in enumerate(langs) if la == lang and alert[i]]
        best = max(
            options,
            key=lambda o: (
                sum(decide(scores[i], rules[i], o[0][lang], o[1]) for i in ix),
                o[1] == 0.0,
            ),
        )
        out[lang] = (best[0][lang], best[1])
    return out


def kept_alert_bars(path: Path) -> dict[str, float]:
    """The alert bars of a shipped thresholds.json: ``"alert"`` (the pooled bar) and one per
    language (policy P0, "keep the bars")."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    try:
        bars = {"alert": float(spec["thresholds"]["alert"])}
        bars |= {lang: float(spec["by_language"][lang]["alert"]) for lang in LANGS}
    except (KeyError, TypeError, ValueError) as exc:
        raise SystemExit(f"--alert-bars-from {path}: no alert bar for {exc} in it") from exc
    return bars
