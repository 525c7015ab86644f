"""Choosing each language's combination of rules and model (bench/screen_training/multilingual_bars)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from bench.screen_training import multilingual_model as mm
from bench.screen_training.multilingual_bars import (
    FA_BAR,
    chosen_bars,
    decide,
    kept_alert_bars,
    language_bars,
)
from bench.screen_training.multilingual_thresholds import cmd_thresholds


def _language(
    lang: str, noisy_rules: bool
) -> tuple[list[float], list[bool], list[bool], list[str]]:
    """20 alert rows and 40 quiet ones. The model ranks them all well. With ``noisy_rules`` the
    rules also fire on 4 quiet rows (0.1 false alarms, over FA_BAR) that the model scores low,
    so rules OR model has to drop the model entirely while the veto rules those 4 out."""
    scores = [0.5 + i / 50 for i in range(20)] + [i / 100 for i in range(40)]
    alert = [True] * 20 + [False] * 40
    rules = [i < 5 for i in range(20)] + [noisy_rules and i < 4 for i in range(40)]
    return scores, rules, alert, [lang] * 60


def _all() -> tuple[list[float], list[bool], list[bool], list[str]]:
    scores: list[float] = []
    rules: list[bool] = []
    alert: list[bool] = []
    langs: list[str] = []
    for lang, noisy in (("es", False), ("hi", False), ("hinglish", True)):
        s, r, a, la = _language(lang, noisy)
        scores += s
        rules += r
        alert += a
        langs += la
    return scores, rules, alert, langs


def test_the_veto_is_chosen_only_where_it_catches_more() -> None:
    scores, rules, alert, langs = _all()
    chosen = chosen_bars(scores, rules, alert, langs)
    # A tie in Spanish and Hindi: OR, which never takes a rule's alert away.
    assert chosen["es"][1] == 0.0
    assert chosen["hi"][1] == 0.0
    bar, floor = chosen["hinglish"]
    assert floor > 0.0
    ix = [i for i, la in enumerate(langs) if la == "hinglish"]
    caught = sum(decide(scores[i], rules[i], bar, floor) for i in ix if alert[i])
    raised = sum(decide(scores[i], rules[i], bar, floor) for i in ix if not alert[i])
    assert caught == 20
    assert raised / 40 <= FA_BAR
    # Rules OR model could not use the model there at all: its four false alarms fill the budget.
    or_bar = language_bars(scores, rules, alert, langs, 0.0)["hinglish"]
    assert sum(decide(scores[i], rules[i], or_bar, 0.0) for i in ix if alert[i]) < caught


def _shipped(tmp_path: Path, bars: dict[str, float]) -> Path:
    spec = {
        "thresholds": {"alert": bars["hi"], "urgent": 0.7, "veto_floor": 0.0},
        "by_language": {
            lang: {"alert": bars[lang], "urgent": 0.7, "veto_floor": 0.0} for lang in bars
        },
    }
    path = tmp_path / "shipped_thresholds.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def test_kept_bars_are_read_from_a_shipped_file_and_a_missing_language_is_named(
    tmp_path: Path,
) -> None:
    path = _shipped(tmp_path, {"es": 0.88, "hi": 0.9, "hinglish": 0.89})
    assert kept_alert_bars(path) == {"alert": 0.9, "es": 0.88, "hi": 0.9, "hinglish": 0.89}
    broken = _shipped(tmp_path, {"es": 0.88, "hi": 0.9})
    with pytest.raises(SystemExit, match="hinglish"):
        kept_alert_bars(broken)


def test_thresholds_keep_the_shipped_alert_bars_and_record_the_recipes(tmp_path: Path) -> None:
    """Policy P0: the retrained model's thresholds.json carries the kept alert bars, its own
    urgent bar, and says what the recipe would have set."""
    scores, rules, alert, langs = _all()
    rows = [
        {"scores": [s, s], "alert": a, "lang": la, "level": "urgent" if a else "none"}
        for s, a, la in zip(scores, alert, langs, strict=True)
    ]
    dump = tmp_path / "oof.json"
    dump.write_text(json.dumps({"rows": rows, "honest_rules": rules}), encoding="utf-8")
    out = tmp_path / "model"
    out.mkdir()
    for name in ("crisis_multilingual.onnx", "tokenizer.json"):
        (out / name).write_bytes(b"x")
    info = {"training_rows": 60, "export_checks": {}, "pieces": 10, "frozen": 8}
    (out / mm.TRAIN_INFO).write_text(json.dumps(info), encoding="utf-8")
    args = argparse.Namespace(out=out, dump=dump, rules_now=False, written=None,
                              combination="or", alert_bars_from=None)  # fmt: skip
    cmd_thresholds(args)
    recipe = json.loads((out / "thresholds.json").read_text(encoding="utf-8"))
    args.alert_bars_from = _shipped(tmp_path, {"es": 0.31, "hi": 0.32, "hinglish": 0.33})
    cmd_thresholds(args)
    kept = json.loads((out / "thresholds.json").read_text(encoding="utf-8"))
    assert {lang: cut["alert"] for lang, cut in kept["by_language"].items()} == {
        "es": 0.31, "hi": 0.32, "hinglish": 0.33,
    }  # fmt: skip
    assert kept["thresholds"]["alert"] == 0.32
    assert kept["thresholds"]["urgent"] == recipe["thresholds"]["urgent"]
    es_recipe = recipe["by_language"]["es"]["alert"]
    assert es_recipe != 0.31
    assert f"es {es_recipe:.6f}" in kept["how_chosen"]
    assert "keep the bars" in kept["how_chosen"]
    assert "keep the bars" not in recipe["how_chosen"]
