"""Scoring fresh sentence sets (bench/fresh_sets.py): reading a set, and what is printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.eval_multilingual import Row
from bench.fresh_sets import SetError, main, model_alone, read_set


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_a_set_reads_its_labels_and_skips_blank_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "es1.tsv", "A\tya no quiero vivir\n\nn\tme muero de calor\n")
    rows = read_set(path)
    assert [(r.alert, r.text, r.lang, r.half) for r in rows] == [
        (True, "ya no quiero vivir", "es", "es1"),
        (False, "me muero de calor", "es", "es1"),
    ]


@pytest.mark.parametrize("body", ["ya no quiero vivir\n", "X\tme muero de calor\n", "A\t  \n"])
def test_a_malformed_line_is_named_with_its_file_and_number(tmp_path: Path, body: str) -> None:
    path = _write(tmp_path, "es2.tsv", "N\thola a todos\n" + body)
    with pytest.raises(SetError, match=r"es2\.tsv:2: expected 'A<TAB>message'"):
        read_set(path)


def test_the_model_alone_counts_only_ordinary_lines_no_rule_raised() -> None:
    rows = [
        Row("a", "es", True, "", half="es1"),  # a crisis the model caught: not a false alarm
        Row("b", "es", False, "", half="es1"),  # the model alone
        Row("c", "es", False, "", half="es1"),  # the rules too
        Row("d", "hi", False, "", half="hi1"),  # another set
    ]
    rule = [False, False, True, False]
    whole = [True, True, True, True]
    assert model_alone(rows, rule, whole, "es1") == 1
    assert model_alone(rows, rule, whole, "hi") == 1


def test_the_rules_score_a_set_and_keep_each_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path,
        "es3.tsv",
        "A\tme quiero morir, ya no aguanto más\nN\tme muero de calor en este verano\n",
    )
    out = tmp_path / "out.json"
    assert main([str(path), "--rules-only", "--json", str(out), "--show"]) == 0
    printed = capsys.readouterr().out
    assert "es3" in printed
    assert "1/1" in printed
    assert "0/1" in printed
    assert "MISS" not in printed  # nothing missed or raised, so --show prints no line
    kept = json.loads(out.read_text(encoding="utf-8"))
    assert [line["alert"] for line in kept] == [True, False]


def test_a_missing_or_malformed_set_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "nowhere.tsv"), "--rules-only"]) == 2
    assert "nowhere.tsv" in capsys.readouterr().err
