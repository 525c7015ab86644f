"""The strategies file: the shipped one is valid; mistakes name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cogs.toolkit.strategies import FEELINGS, load_strategies
from config.errors import ConfigError

GOOD = """
[[strategy]]
id = "a"
title = "A"
text = "One. Two."
feelings = {feelings}
needs = "alone"

[[strategy]]
id = "b"
title = "B"
text = "One. Two. Three."
feelings = {feelings}
needs = "alone"
"""
ALL = '["overwhelmed", "low", "lonely", "anxious", "frustrated", "okay"]'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ier_strategies.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_file_loads_with_both_kinds_for_every_feeling() -> None:
    strategies = load_strategies()
    for feeling in FEELINGS:
        fitting = [s for s in strategies if s.fits(feeling)]
        assert any(s.needs_someone for s in fitting), feeling
        assert sum(not s.needs_someone for s in fitting) >= 2, feeling


def test_every_shipped_reach_out_strategy_has_a_ready_to_send_message() -> None:
    reach_out = {s.id: s for s in load_strategies()}["reach_out"]
    assert reach_out.needs_someone
    assert reach_out.message


def test_a_small_valid_file_loads(tmp_path: Path) -> None:
    loaded = load_strategies(write(tmp_path, GOOD.format(feelings=ALL)))
    assert [s.id for s in loaded] == ["a", "b"]


def test_an_unknown_feeling_names_the_file_and_line(tmp_path: Path) -> None:
    text = GOOD.format(feelings=ALL).replace('feelings = ["overwhelmed"', 'feelings = ["sad"', 1)
    with pytest.raises(ConfigError) as error:
        load_strategies(write(tmp_path, text))
    assert error.value.line == 2
    assert "sad" in str(error.value)
    assert "ier_strategies.toml" in str(error.value)


def test_one_sentence_is_refused(tmp_path: Path) -> None:
    text = GOOD.format(feelings=ALL).replace('"One. Two. Three."', '"Only one."')
    with pytest.raises(ConfigError, match="two or three sentences") as error:
        load_strategies(write(tmp_path, text))
    assert error.value.line == 9


def test_a_medical_claim_is_refused(tmp_path: Path) -> None:
    text = GOOD.format(feelings=ALL).replace('"One. Two."', '"This is a treatment. Try it."')
    with pytest.raises(ConfigError, match="medical"):
        load_strategies(write(tmp_path, text))


def test_a_message_on_an_alone_strategy_is_refused(tmp_path: Path) -> None:
    text = GOOD.format(feelings=ALL).replace(
        'needs = "alone"', 'needs = "alone"\nmessage = "hi"', 1
    )
    with pytest.raises(ConfigError, match="only for needs"):
        load_strategies(write(tmp_path, text))


def test_a_duplicate_id_is_refused(tmp_path: Path) -> None:
    text = GOOD.format(feelings=ALL).replace('id = "b"', 'id = "a"')
    with pytest.raises(ConfigError, match="used twice"):
        load_strategies(write(tmp_path, text))


def test_a_feeling_without_two_alone_strategies_is_refused(tmp_path: Path) -> None:
    text = GOOD.format(feelings=ALL).replace(', "okay"]', "]", 1)
    with pytest.raises(ConfigError, match="'okay' has 1"):
        load_strategies(write(tmp_path, text))


def test_bad_toml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_strategies(write(tmp_path, "[[strategy]]\nid = \n"))
    assert error.value.line == 2


def test_a_source_note_is_accepted_and_not_shown(tmp_path: Path) -> None:
    text = GOOD.format(feelings=ALL).replace(
        'needs = "alone"', 'needs = "alone"\nsource = "IER trial in MS."', 1
    )
    loaded = load_strategies(write(tmp_path, text))
    assert [s.id for s in loaded] == ["a", "b"]
    assert "IER trial" not in loaded[0].text


def test_an_empty_source_note_is_refused(tmp_path: Path) -> None:
    text = GOOD.format(feelings=ALL).replace('needs = "alone"', 'needs = "alone"\nsource = ""', 1)
    with pytest.raises(ConfigError, match="'source' must be text"):
        load_strategies(write(tmp_path, text))
