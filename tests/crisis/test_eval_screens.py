"""``make eval`` for the crisis screen: per-file labels, skipping without data, and never
printing the rows of the out-of-sample file (made-up rows here, not the shared data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import eval_screens


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_a_clone_without_shared_data_skips_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert eval_screens.main(["--data", str(tmp_path / "nowhere"), "--check"]) == 0
    assert "skipped" in capsys.readouterr().out


def test_files_are_labelled_and_out_of_sample_rows_are_never_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {"text": "zebra crossing outside the clinic", "level": "urgent", "category": "plan"},
        {"text": "I want to die tonight", "level": "urgent", "category": "plan"},
        {"text": "I'm not suicidal at all", "level": "none", "category": "negated"},
        {"text": "lovely walk today", "level": "none", "category": "ordinary_chat"},
    ]
    _write(tmp_path / eval_screens.MS_FILE, rows)
    _write(tmp_path / eval_screens.HARD_FILE, rows)
    eval_screens.main(["--data", str(tmp_path), "--show-errors", "5"])
    out = capsys.readouterr().out
    assert f"{eval_screens.MS_FILE}   [in-sample" in out
    assert f"{eval_screens.HARD_FILE}   [out-of-sample" in out
    # the miss is shown once (for the in-sample file), never for the out-of-sample one
    assert out.count("zebra crossing") == 1
    assert "never printed" in out
    summary = out[out.index("== summary") :]
    assert "in-sample" in summary
    assert "out-of-sample" in summary
    # recall 1 of 2, urgent-as-urgent 1 of 2, no false alarms
    assert "0.500 (1/2)" in out


def test_in_sample_only_leaves_the_out_of_sample_file_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / eval_screens.HARD_FILE, [{"text": "hi", "level": "none", "category": "x"}])
    eval_screens.main(["--data", str(tmp_path), "--in-sample-only"])
    assert "left out" in capsys.readouterr().out
