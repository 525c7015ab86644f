"""The real shipped multilingual crisis model, loaded from disk: its files match their sha256, an
altered or missing file is refused by name, and sentences written for these tests (in no data
set) land on the right side in Spanish, Hindi and Hinglish. No torch, transformers or network."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cogs.crisis.detector import CrisisScreen, Level
from cogs.crisis.lexicon import default_lexicon_path, load_lexicon
from cogs.screening.model import (
    THRESHOLDS_FILE,
    TOKENIZER_FILE,
    ModelFileError,
    ModelScore,
    verify_files,
)
from cogs.screening.multilingual_model import (
    MODEL_FILE,
    LanguageScore,
    MultilingualModel,
    OnFirstUse,
    check_word_table,
    default_multilingual_dir,
    language_of,
    model_view,
    reads_multilingual,
)
from cogs.screening.stage import combine


def test_module_is_plain_python() -> None:
    code = (
        "import sys\n"
        "from cogs.screening.multilingual_model import MultilingualModel\n"
        "assert 'discord' not in sys.modules\n"
        "MultilingualModel.load().score(['hola a todos'])\n"
        "bad = [m for m in ('discord', 'torch', 'transformers') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, timeout=120)


@pytest.fixture(scope="module")
def model() -> MultilingualModel:
    return MultilingualModel.load()


def test_shipped_files_match_their_sha256_and_fit_the_size_budget() -> None:
    directory = default_multilingual_dir()
    manifest = verify_files(directory, MODEL_FILE)
    total = sum((directory / n).stat().st_size for n in (MODEL_FILE, TOKENIZER_FILE))
    assert total < 46_000_000  # 43.3 MB model + 2.2 MB tokenizer (55,170 pieces kept)
    assert set(manifest["thresholds"]) == {"alert", "urgent", "veto_floor"}


def test_thresholds_are_ordered(model: MultilingualModel) -> None:
    t = model.thresholds
    assert 0.0 <= t.veto_floor < t.alert < 1.0
    assert 0.0 < t.urgent <= 1.0


# Written for these tests (not from any data set, not shown to the model in training).
CRISIS = [
    "Ya tengo las pastillas guardadas, esta noche me las tomo todas. Adiós a todos.",
    "No quiero seguir viviendo, soy una carga para mi familia y ya no aguanto más.",
    "मैंने सारी गोलियाँ जमा कर ली हैं, आज रात सब खत्म कर दूँगा।",
    "मैं अब और जीना नहीं चाहती, सबके लिए बोझ बन गई हूँ।",
    "maine saari goliyan jama kar li hain, aaj raat sab khatam kar dunga",
    "ab jeene ka mann nahi karta, sab ke liye bojh ban gaya hoon",
]
QUIET = [
    "Me muero de calor, este verano va a acabar conmigo jaja",
    "Mañana tengo cita con el neurólogo, ojalá me cambien el tratamiento.",
    "Nunca me haría daño, solo estoy cansada por la fatiga de esta semana.",
    "कल डॉक्टर के पास जाना है, नई दवा के बारे में पूछूँगी।",
    "आज फिजियो के बाद थोड़ा बेहतर लग रहा है।",
    "mar gaya yaar, itni garmi hai aaj",
    "aaj physio gaya tha, thoda better feel ho raha hai",
    "main kabhi khud ko hurt nahi karungi, bas thak gayi hoon aaj",
]


def test_every_test_sentence_goes_to_this_model() -> None:
    assert all(reads_multilingual(t) for t in CRISIS + QUIET)


def _bot_levels(model: MultilingualModel, texts: list[str]) -> list[Level]:
    """The rules, then this model, combined as the bot combines them (stage.combine)."""
    screen = CrisisScreen(load_lexicon([default_lexicon_path()]))
    levels = []
    for text, s in zip(texts, model.score(texts), strict=True):
        t = model.thresholds_for(text)  # the bar of the message's language, as ByLanguage does
        score = LanguageScore(s.alert, s.urgent, t, reads_rule_languages=True)
        levels.append(combine(screen.screen(text), score, t).level)
    return levels


def test_crisis_messages_alert(model: MultilingualModel) -> None:
    for text, level in zip(CRISIS, _bot_levels(model, CRISIS), strict=True):
        assert level >= Level.CONCERN, text


def test_the_model_adds_no_alert_on_idioms_negations_and_chat(model: MultilingualModel) -> None:
    """The model's own say stays below its alert bar. (The rules alone flag the first sentence,
    "me muero de calor ... acabar conmigo", as ideation: a lexicon false alarm the model neither
    adds to nor, in the rules-OR-model combination it ships with, takes away.)"""
    screen = CrisisScreen(load_lexicon([default_lexicon_path()]))
    for text, score, level in zip(
        QUIET, model.score(QUIET), _bot_levels(model, QUIET), strict=True
    ):
        assert score.alert < model.thresholds_for(text).alert, (text, score)
        assert level == screen.screen(text).level, text


@pytest.mark.parametrize("language", ["es", "hi", "hinglish"])
def test_the_model_alone_ranks_crisis_above_quiet_in_each_language(
    model: MultilingualModel, language: str
) -> None:
    """Within a language: each has its own bar (multilingual_model.CutOffs), so scores are
    compared with scores of the same language. ("mar gaya yaar" scores above a Hindi crisis
    sentence, and far below the Hinglish bar.)"""

    def scores(texts: list[str]) -> list[float]:
        return [
            s.alert
            for t, s in zip(texts, model.score(texts), strict=True)
            if language_of(t) == language
        ]

    crisis, quiet = scores(CRISIS), scores(QUIET)
    assert len(crisis) == 2
    assert len(quiet) >= 2
    assert min(crisis) > max(quiet), (crisis, quiet)


def test_a_hinglish_message_is_scored_as_read_back_in_devanagari(model: MultilingualModel) -> None:
    text = "maine saari goliyan jama kar li hain, aaj raat sab khatam kar dunga"
    assert model_view(text) != text
    assert model.score([text]) == [ModelScore(*model.run([model_view(text)])[0])]
    spanish = "No quiero seguir viviendo"
    assert model.score([spanish]) == [ModelScore(*model.run([spanish])[0])]


def test_a_score_does_not_hang_on_the_messages_scored_beside_it(model: MultilingualModel) -> None:
    # In a batch, int8 activation scales are shared: this message scored 0.83 alone and 0.80
    # beside three others, either side of the Hinglish bar. Scored alone, it is the same.
    text = "pesticide ki bottle ghar se bahar rakh di, bachche chhote hain"
    others = [
        "mera phone mar gaya, charger nahi hai",
        "sab ko bye, kal milte hain group mein, bahut lambi baat hai aaj ki " * 3,
        "ok",
    ]
    alone = model.score([text])[0]
    assert model.score([text, *others])[0] == alone
    assert model.score([*others, text])[-1] == alone


def test_a_missing_word_table_is_refused_by_name(tmp_path: Path) -> None:
    check_word_table()  # the shipped one is there
    with pytest.raises(ModelFileError, match="Hinglish word table"):
        check_word_table(tmp_path / "hinglish_words.tsv")
    (tmp_path / "hinglish_words.tsv").write_text("")
    with pytest.raises(ModelFileError, match="missing or empty"):
        check_word_table(tmp_path / "hinglish_words.tsv")


def _copy(dst: Path) -> Path:
    shutil.copytree(default_multilingual_dir(), dst)
    return dst


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("name", [MODEL_FILE, TOKENIZER_FILE])
def test_an_altered_file_is_refused_by_name(tmp_path: Path, name: str) -> None:
    directory = _copy(tmp_path / "multilingual")
    path = directory / name
    _flip_a_byte(path)
    with pytest.raises(ModelFileError, match=re.escape(f"{name}: altered")) as err:
        MultilingualModel.load(directory)
    assert err.value.path == path


@pytest.mark.parametrize("name", [MODEL_FILE, TOKENIZER_FILE, THRESHOLDS_FILE])
def test_a_missing_file_is_refused_by_name(tmp_path: Path, name: str) -> None:
    directory = _copy(tmp_path / "multilingual")
    (directory / name).unlink()
    with pytest.raises(ModelFileError, match=re.escape(f"{name}: missing")):
        MultilingualModel.load(directory)


def test_a_manifest_without_a_sha256_is_refused(tmp_path: Path) -> None:
    directory = _copy(tmp_path / "multilingual")
    manifest = json.loads((directory / THRESHOLDS_FILE).read_text(encoding="utf-8"))
    del manifest["files"][MODEL_FILE]["sha256"]
    (directory / THRESHOLDS_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelFileError, match=re.escape(f"no sha256 recorded for {MODEL_FILE}")):
        MultilingualModel.load(directory)


def test_the_model_is_verified_at_start_and_opened_only_when_a_text_needs_it(
    model: MultilingualModel,
) -> None:
    lazy = OnFirstUse()
    assert not lazy.is_open  # an English-only server never pays its ~120 MB
    assert lazy.thresholds == model.thresholds
    texts = ["ya no quiero vivir", "मैं ठीक हूँ, बस थकी हुई हूँ"]
    assert lazy.score(texts) == model.score(texts)
    assert lazy.is_open


def test_an_altered_file_is_refused_at_start(tmp_path: Path) -> None:
    directory = _copy(tmp_path / "multilingual")
    path = directory / MODEL_FILE
    _flip_a_byte(path)
    with pytest.raises(ModelFileError, match=re.escape(f"{MODEL_FILE}: altered")):
        OnFirstUse(directory)


def test_a_file_altered_after_start_fails_every_call_without_reopening(tmp_path: Path) -> None:
    directory = _copy(tmp_path / "multilingual")
    lazy = OnFirstUse(directory)
    path = directory / MODEL_FILE
    original = path.read_bytes()
    _flip_a_byte(path)
    with pytest.raises(ModelFileError, match="altered"):
        lazy.score(["hola"])
    path.write_bytes(original)  # mended: still refused, the open is not tried per message
    with pytest.raises(ModelFileError, match="altered"):
        lazy.score(["hola"])
    assert not lazy.is_open
