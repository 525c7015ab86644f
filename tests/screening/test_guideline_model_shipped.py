"""The real shipped guideline model, loaded from disk: checked on replies written for these
tests (one of each kind the rules miss), and refused when a file is missing or altered."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cogs.screening.guideline_model import (
    GUIDELINE_MODEL_FILE,
    MODEL_LABELS,
    GuidelineModel,
    default_guideline_dir,
)
from cogs.screening.model import ModelFileError, verify_files

FELL = "My legs gave out on the stairs today and I just sat there and cried."
LESIONS = "I got my MRI results, two new lesions."

# (context, reply, the one label the model must flag), none of them caught by a rule word.
FLAGGED = [
    (FELL, "B12 injections. book them tomorrow.", "unsolicited_advice"),
    (
        FELL,
        "that happened to me for six months straight, I couldn't even get out of bed, try doing "
        "that with two kids",
        "comparing",
    ),
]
# Contempt without a swear word: the model is not sure enough to hide it, so a moderator looks.
CONTEMPT = (FELL, "honestly people like you are why this group is so depressing")
VALIDATING = [
    (
        FELL,
        "That sounds frightening and exhausting. I'm glad you told us, how are you feeling now?",
    ),
    (FELL, "oh that's awful, sending you a big hug. Do you want to talk about it?"),
    (LESIONS, "I'm so sorry, that news is heavy. Take all the time you need."),
    ("", "lovely to see everyone at the meetup yesterday"),
]


@pytest.fixture(scope="module")
def model() -> GuidelineModel:
    return GuidelineModel.load()


def test_shipped_files_match_their_sha256_and_labels(model: GuidelineModel) -> None:
    manifest = verify_files(default_guideline_dir(), GUIDELINE_MODEL_FILE)
    assert manifest["labels"] == list(MODEL_LABELS)
    t = model.thresholds
    assert 0 < t.toxic_review <= t.toxic < 1


@pytest.mark.parametrize(("context", "reply", "label"), FLAGGED)
def test_the_real_model_flags_each_kind_the_rules_miss(
    model: GuidelineModel, context: str, reply: str, label: str
) -> None:
    score = model.score([(context, reply)])[0]
    assert model.thresholds.flagged(score) == (label,), score


def test_the_real_model_queues_contempt_without_swear_words_for_a_moderator(
    model: GuidelineModel,
) -> None:
    score = model.score([CONTEMPT])[0]
    assert model.thresholds.review(score), score
    assert "toxic" not in model.thresholds.flagged(score)


def test_the_real_model_stays_quiet_on_validating_replies_and_chat(model: GuidelineModel) -> None:
    for (_context, reply), score in zip(VALIDATING, model.score(VALIDATING), strict=True):
        assert model.thresholds.flagged(score) == (), (reply, score)
        assert not model.thresholds.review(score), (reply, score)


def test_the_reply_is_read_with_what_it_answers(model: GuidelineModel) -> None:
    # The same words after a question that asked for tips are not unsolicited.
    asked = "Does anyone have tips for heat intolerance? I'm struggling this summer."
    reply = "cooling vests changed my summers, and cold showers before going out"
    score = model.score([(asked, reply)])[0]
    assert "unsolicited_advice" not in model.thresholds.flagged(score)


@pytest.mark.parametrize("name", [GUIDELINE_MODEL_FILE, "tokenizer.json"])
def test_an_altered_file_is_refused(tmp_path: Path, name: str) -> None:
    directory = Path(shutil.copytree(default_guideline_dir(), tmp_path / "guidelines"))
    path = directory / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match=re.escape(f"{name}: altered")):
        GuidelineModel.load(directory)
