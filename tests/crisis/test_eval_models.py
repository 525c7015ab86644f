"""``make eval``'s model report: the shipped pipeline beside the rules alone on each development
file (made-up rows here), the thresholds and why, and the committed out-of-fold tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import eval_models


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_without_shared_data_the_thresholds_and_out_of_fold_tables_still_print(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert eval_models.main(["--data", str(tmp_path / "nowhere")]) == 0
    out = capsys.readouterr().out
    assert "part 1 skipped" in out
    assert 'crisis model: {"alert": ' in out
    assert 'guideline model: {"minimizing": ' in out
    assert "--- bench/results/screen_model_oof.txt ---" in out
    assert "OUT-OF-FOLD" in out


def test_each_file_is_read_by_the_rules_alone_and_by_rules_and_models(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(
        tmp_path / "ms_crisis_dev_x.jsonl",
        [
            {"text": "parked up by the reservoir, engine running, windows shut", "level": "urgent"},
            {"text": "lovely walk by the reservoir today", "level": "none"},
        ],
    )
    fell = "My legs gave out on the stairs today and I just sat there and cried."
    _write(
        tmp_path / "ms_guidelines_dev_x.jsonl",
        [
            {
                "context": fell,
                "text": "B12 injections. book them tomorrow.",
                "labels": ["unsolicited_advice"],
                "validating": False,
            },
            {
                "context": fell,
                "text": "That sounds so frightening, I'm glad you told us.",
                "labels": [],
                "validating": True,
            },
        ],
    )
    eval_models.main(["--data", str(tmp_path)])
    out = capsys.readouterr().out
    crisis = [ln for ln in out.splitlines() if ln.startswith("  ms_crisis_dev_x.jsonl")]
    assert "recall 0.000" in crisis[0]
    assert "recall 1.000" in crisis[1]
    coach = [ln for ln in out.splitlines() if ln.startswith("  ms_guidelines_dev_x.jsonl")]
    assert "R 0.000" in coach[0]
    assert "R 1.000" in coach[1]
    assert "validating nudged 0.000" in coach[1]
