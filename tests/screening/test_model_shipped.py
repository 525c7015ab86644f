"""The real shipped crisis model, loaded from disk: checked on sentences written for these
tests, and refused when a file is missing or altered. No torch, transformers or network."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cogs.crisis.detector import CrisisScreen
from cogs.screening.model import (
    MODEL_FILE,
    THRESHOLDS_FILE,
    TOKENIZER_FILE,
    CrisisModel,
    ModelFileError,
    ModelLevel,
    default_model_dir,
    verify_files,
)
from cogs.screening.stage import combine


def test_module_is_plain_python() -> None:
    """No discord, torch or transformers: importing it, and scoring with the real model."""
    code = (
        "import sys\n"
        "from cogs.screening.model import CrisisModel\n"
        "assert 'discord' not in sys.modules\n"
        "CrisisModel.load().score(['hello there'])\n"
        "bad = [m for m in ('discord', 'torch', 'transformers') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, timeout=120)


# -- the real shipped model --------------------------------------------------------------


@pytest.fixture(scope="module")
def model() -> CrisisModel:
    return CrisisModel.load()


def test_shipped_model_files_match_their_sha256() -> None:
    manifest = verify_files(default_model_dir())
    total = sum((default_model_dir() / n).stat().st_size for n in (MODEL_FILE, TOKENIZER_FILE))
    assert total < 25_000_000
    assert set(manifest["thresholds"]) == {"alert", "urgent", "veto_floor"}


def test_thresholds_are_ordered(model: CrisisModel) -> None:
    t = model.thresholds
    assert 0.0 < t.veto_floor < t.alert < 1.0
    assert 0.0 < t.urgent <= 1.0


# Written for these tests (not from any data set).
URGENT = [
    "I have been saving up my tablets for weeks and tonight is the night. goodbye all",
    "i'm going to kill myself tonight, i've got the rope ready",
]
QUIET = [
    "this heat is killing me, my legs have turned to jelly",
    "I'm not suicidal, just exhausted by the fatigue this week",
    "Booked my neurology appointment for Tuesday, fingers crossed the new DMT helps",
]


def test_real_model_alerts_on_clear_urgent_disclosures(model: CrisisModel) -> None:
    for text, score in zip(URGENT, model.score(URGENT), strict=True):
        assert score.alert >= model.thresholds.alert, (text, score)
        assert model.thresholds.level(score) >= ModelLevel.CONCERN


def test_real_model_stays_quiet_on_hyperbole_negation_and_chat(model: CrisisModel) -> None:
    for text, score in zip(QUIET, model.score(QUIET), strict=True):
        assert score.alert < model.thresholds.alert, (text, score)
        assert model.level(text) is ModelLevel.NONE


def test_a_score_does_not_hang_on_the_messages_scored_beside_it(model: CrisisModel) -> None:
    # Dynamic int8 quantisation scales activations per tensor: in a batch, a score moved with
    # its neighbours and their padding (3 of 1,618 development messages changed alert decision,
    # 21 their veto). Each message is scored alone, so the scores are exactly the same.
    texts = URGENT + QUIET + [""]
    together = model.score(texts)
    single = [model.score_one(t) for t in texts]
    assert together == single
    assert model.score(list(reversed(texts))) == list(reversed(single))
    assert model.score([]) == []


# Plain passive ideation and method research the model never trained on ("I'm tired of life"
# scores about 0.01, under the veto floor): the rules raise them and, being firm, the model may
# not rule them out. Their everyday twins stay quiet. Written for these tests.
PLAIN_PASSIVE = [
    "I'm tired of life",
    "i am sick of being alive",
    "I don't want to live anymore",
    "i keep googling how many tablets it takes",
]
PLAIN_TWINS = [
    "I'm tired of life admin, so many forms",
    "sick of living with this fatigue",
    "googled how many ibuprofen tablets I can take per day, is 6 ok?",
]


def test_plain_passive_ideation_is_not_vetoed(model: CrisisModel) -> None:
    screen = CrisisScreen.load_default()
    for text in PLAIN_PASSIVE + PLAIN_TWINS:
        verdict = combine(screen.screen(text), model.score_one(text), model.thresholds)
        assert verdict.is_alert is (text in PLAIN_PASSIVE), (text, verdict)


def _copy_model(dst: Path) -> Path:
    shutil.copytree(
        default_model_dir(), dst, ignore=shutil.ignore_patterns("guidelines", "multilingual")
    )
    return dst


@pytest.mark.parametrize("name", [MODEL_FILE, TOKENIZER_FILE])
def test_altered_file_is_refused(tmp_path: Path, name: str) -> None:
    directory = _copy_model(tmp_path / "model")
    path = directory / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match=re.escape(f"{name}: altered")) as err:
        CrisisModel.load(directory)
    assert err.value.path == path


@pytest.mark.parametrize("name", [MODEL_FILE, TOKENIZER_FILE, THRESHOLDS_FILE])
def test_missing_file_is_refused(tmp_path: Path, name: str) -> None:
    directory = _copy_model(tmp_path / "model")
    (directory / name).unlink()
    with pytest.raises(ModelFileError, match=re.escape(f"{name}: missing")):
        CrisisModel.load(directory)


def test_manifest_without_sha256_is_refused(tmp_path: Path) -> None:
    directory = _copy_model(tmp_path / "model")
    manifest = json.loads((directory / THRESHOLDS_FILE).read_text(encoding="utf-8"))
    del manifest["files"][TOKENIZER_FILE]["sha256"]
    (directory / THRESHOLDS_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelFileError, match=re.escape("no sha256 recorded for tokenizer.json")):
        CrisisModel.load(directory)
