"""`python bot.py screen`: one text, or JSON lines in and verdicts out, in order."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import bot

ROOT = Path(bot.__file__).resolve().parent
ENV = {"KINDRED_DB": ":memory:"}


@pytest.fixture(scope="module")
def data() -> bot.DataFiles:
    return bot.load_data_files(None)


def test_one_text_prints_both_verdicts(capsys: pytest.CaptureFixture[str]) -> None:
    assert bot.main(["screen", "at least it's not cancer"], env=ENV) == 0
    out = capsys.readouterr().out
    assert out.startswith("crisis: none")
    assert "guidelines: minimizing" in out
    assert "model:" not in out


def test_model_option_shows_both_models_scores(capsys: pytest.CaptureFixture[str]) -> None:
    assert bot.main(["screen", "--model", "this heat is killing me"], env=ENV) == 0
    out = capsys.readouterr().out
    assert out.startswith("crisis: none")
    assert "\ncrisis model: alert 0." in out
    assert "lexicon alone: none" in out
    assert "\nguideline model: minimizing 0." in out


def test_rules_only_leaves_the_models_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert bot.main(["screen", "--rules-only", "--model", "this heat is killing me"], env=ENV) == 0
    out = capsys.readouterr().out
    assert "crisis model: not loaded" in out
    assert "guideline model: not loaded" in out


def test_jsonl_keeps_order_ids_and_reports_bad_lines(data: bot.DataFiles) -> None:
    stdin = io.StringIO(
        '{"id": 1, "text": "I want to die"}\n'
        "\n"
        "not json\n"
        '{"id": "b", "text": "you should try keto", "context": "so tired today"}\n'
        '{"id": 3, "text": 5}\n'
    )
    stdout = io.StringIO()
    assert bot.screen_jsonl(bot.build_screener(data, models=False), stdin, stdout) == 0
    rows = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert rows[0] == {"id": 1, "crisis": "concern", "guidelines": []}
    assert rows[1]["id"] is None
    assert rows[1]["error"].startswith("line 3:")
    assert rows[2] == {"id": "b", "crisis": "none", "guidelines": ["unsolicited_advice"]}
    assert "text must be a string" in rows[3]["error"]


def test_jsonl_is_what_the_bot_does_models_included(data: bot.DataFiles) -> None:
    # Batched in chunks, in order, with the shipped models: a plan shown only by a place and
    # means is missed by the lexicon alone and caught with the model, as in the running bot.
    farewell = "parked up by the reservoir, engine running, windows shut"
    lines = [{"id": n, "text": "lovely weather for the walk today"} for n in range(70)]
    lines.insert(65, {"id": "f", "text": farewell})
    stdin = io.StringIO("".join(json.dumps(x) + "\n" for x in lines))
    rules_only, with_models = io.StringIO(), io.StringIO()
    bot.screen_jsonl(
        bot.build_screener(data, models=False), io.StringIO(stdin.getvalue()), rules_only
    )
    bot.screen_jsonl(bot.build_screener(data), stdin, with_models)
    plain = [json.loads(x) for x in rules_only.getvalue().splitlines()]
    full = [json.loads(x) for x in with_models.getvalue().splitlines()]
    assert [r["id"] for r in full] == [x["id"] for x in lines]
    assert plain[65] == {"id": "f", "crisis": "none", "guidelines": []}
    assert full[65]["crisis"] in ("concern", "urgent")
    assert all(r["crisis"] == "none" for r in full if r["id"] != "f")


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": n, "text": "lovely weather"}) + "\n" for n in range(20000))
    source = tmp_path / "in.jsonl"
    source.write_text(lines, encoding="utf-8")
    with source.open("rb") as stdin:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "bot.py"), "screen", "--jsonl"],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={"KINDRED_DB": ":memory:", "PATH": ""},
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()
        proc.stdout.close()  # like `| head -1`
        _, err = proc.communicate(timeout=60)
    assert json.loads(first)["id"] == 0
    assert proc.returncode == 0
    assert b"Traceback" not in err


def test_one_text_to_a_reader_that_is_gone_is_not_an_error() -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "bot.py"),
            "screen",
            "--rules-only",
            "at least it's not cancer",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"KINDRED_DB": ":memory:", "PATH": ""},
    )
    assert proc.stdout is not None
    proc.stdout.close()  # like `| head -0`: gone before Kindred writes
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert b"Traceback" not in err


@pytest.mark.parametrize(
    "text",
    [
        "m kiero morir ya",  # too few function words: the language guess says English
        "ya no kiero bibir, me kiero m4tar",
        "Llevaba dos años sin cortarme y anoche recaí.",
    ],
)
def test_spanish_the_language_guess_takes_for_english_still_alerts(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The shipped English model scored these about 0.02 and vetoed the Spanish rules' alert."""
    assert bot.main(["screen", text], env=ENV) == 0
    out = capsys.readouterr().out
    assert out.startswith("crisis: concern") or out.startswith("crisis: urgent"), out
    assert "model_veto" not in out
