"""Loading the lexicon: the shipped file is valid, extensions merge, mistakes name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cogs.crisis.detector import FIRM_RULE, CrisisScreen, Level
from cogs.crisis.lexicon import default_lexicon_path, load_lexicon
from config.errors import ConfigError


def write(tmp_path: Path, text: str, name: str = "extra.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_lexicon_loads() -> None:
    lexicon = load_lexicon([default_lexicon_path()])
    assert lexicon.signals
    assert {"timeline", "negation", "past", "recovery"} <= set(lexicon.cues)


def test_extension_adds_phrases_to_an_existing_signal(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        '[[signal]]\nid = "wish_to_die"\nlevel = "concern"\ncategory = "ideation"\n'
        'reason = "expresses a wish to die"\nphrases = ["want to go to the other side"]\n',
    )
    screen = CrisisScreen.load([default_lexicon_path(), extra])
    assert screen.screen("I want to go to the other side").level is Level.CONCERN


def test_extension_extends_cue_lists(tmp_path: Path) -> None:
    extra = write(tmp_path, '[cues]\nnegation = ["nah"]\n')
    lexicon = load_lexicon([default_lexicon_path(), extra])
    assert "nah" in lexicon.cues["negation"]


def test_unknown_level_names_file_and_line(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        '# comment\n[[signal]]\nid = "x"\nlevel = "red"\ncategory = "ideation"\n'
        'reason = "r"\nphrases = ["a b"]\n',
    )
    with pytest.raises(ConfigError) as err:
        load_lexicon([default_lexicon_path(), extra])
    assert err.value.path == extra
    assert err.value.line == 2
    assert "unknown level" in str(err.value)


def test_misspelt_key_is_rejected(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        '[[signal]]\nid = "x"\nlevel = "watch"\ncategory = "hopeless"\nreason = "r"\n'
        'phrase = ["a b"]\n',
    )
    with pytest.raises(ConfigError, match="unknown key 'phrase'"):
        load_lexicon([default_lexicon_path(), extra])


def test_unknown_category_is_rejected(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        '[[signal]]\nid = "x"\nlevel = "watch"\ncategory = "sad"\nreason = "r"\nphrases = ["a"]\n',
    )
    with pytest.raises(ConfigError, match="unknown category"):
        load_lexicon([default_lexicon_path(), extra])


def test_firm_must_be_true_or_false(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        '[[signal]]\nid = "x"\nlevel = "concern"\ncategory = "passive"\nreason = "r"\n'
        'firm = "yes"\nphrases = ["a b"]\n',
    )
    with pytest.raises(ConfigError, match="firm must be true or false"):
        load_lexicon([default_lexicon_path(), extra])


def test_a_firm_signal_marks_its_alert_and_keeps_the_mark_when_extended(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        '[[signal]]\nid = "tired_of_life"\nlevel = "concern"\ncategory = "passive"\n'
        'reason = "r"\nphrases = ["weary of being here"]\n',
    )
    screen = CrisisScreen.load([default_lexicon_path(), extra])
    assert FIRM_RULE in screen.screen("honestly I am weary of being here").rules
    assert FIRM_RULE not in screen.screen("i want to die").rules  # not a firm signal
    # the twin an idiom takes back raises nothing, so nothing is marked
    quiet = screen.screen("so tired of life admin this week")
    assert quiet.level is Level.NONE
    assert FIRM_RULE not in quiet.rules


def test_star_inside_a_phrase_is_rejected(tmp_path: Path) -> None:
    extra = write(tmp_path, '[cues]\nnegation = ["no*t"]\n')
    with pytest.raises(ConfigError, match=r"\* may only end a phrase"):
        load_lexicon([default_lexicon_path(), extra])


def test_changing_level_of_existing_signal_is_rejected(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        '[[signal]]\nid = "wish_to_die"\nlevel = "watch"\ncategory = "ideation"\n'
        'reason = "r"\nphrases = ["a b"]\n',
    )
    with pytest.raises(ConfigError, match="already exists"):
        load_lexicon([default_lexicon_path(), extra])


def test_escalation_with_unknown_cue_list_is_rejected(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        '[[escalate]]\nid = "e"\ncategories = ["ideation"]\ncue = "nope"\nlevel = "urgent"\n'
        'reason = "r"\n',
    )
    with pytest.raises(ConfigError, match="cue list 'nope'"):
        load_lexicon([default_lexicon_path(), extra])


def test_idiom_for_unknown_signal_is_rejected(tmp_path: Path) -> None:
    extra = write(tmp_path, '[[idiom]]\nid = "i"\nsignals = ["nope"]\nphrases = ["a b"]\n')
    with pytest.raises(ConfigError, match="signal 'nope'"):
        load_lexicon([default_lexicon_path(), extra])


def test_bad_toml_names_the_line(tmp_path: Path) -> None:
    extra = write(tmp_path, "[cues]\nnegation = [\n")
    with pytest.raises(ConfigError) as err:
        load_lexicon([default_lexicon_path(), extra])
    assert "not valid TOML" in str(err.value)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_lexicon([tmp_path / "missing.toml"])


def test_first_file_must_define_every_cue_list(tmp_path: Path) -> None:
    only = write(
        tmp_path,
        '[[signal]]\nid = "x"\nlevel = "watch"\ncategory = "hopeless"\nreason = "r"\n'
        'phrases = ["a b"]\n',
        "base.toml",
    )
    with pytest.raises(ConfigError, match="missing"):
        load_lexicon([only])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('signals = ["no_such_signal"]\ncue = "routine"\nlevel = "watch"', "does not exist"),
        ('signals = ["*"]\ncue = "routine"\nlevel = "watch"', "name each"),
        ('signals = ["medication_overdose"]\ncue = "nope"\nlevel = "watch"', "cue list"),
        ('signals = ["medication_overdose"]\ncue = "routine"\nlevel = "urgent"', "lowers nothing"),
        ('signals = ["medication_overdose"]\ncue = "routine"\nlevel = "none"', "level none"),
    ],
)
def test_a_bad_softening_names_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    extra = write(tmp_path, f'\n[[soften]]\nid = "x"\n{body}\nreason = "r"\n')
    with pytest.raises(ConfigError) as err:
        load_lexicon([default_lexicon_path(), extra])
    assert err.value.path == extra
    assert err.value.line == 2
    assert message in str(err.value)


def test_a_server_can_add_its_own_routine_words(tmp_path: Path) -> None:
    text = "I take all my meds at once after my shower"
    assert CrisisScreen.load_default().screen(text).level is Level.URGENT
    extra = write(tmp_path, '[cues]\nroutine = ["after my shower"]\n')
    screen = CrisisScreen.load([default_lexicon_path(), extra])
    verdict = screen.screen(text)
    assert verdict.level is Level.WATCH
    assert "medication_routine" in verdict.rules


def test_a_signal_can_need_a_cue_and_be_cancelled_by_another(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        '[[signal]]\nid = "blue_door"\nlevel = "urgent"\ncategory = "plan"\nreason = "r"\n'
        'phrases = ["the blue door"]\nneeds = ["timeline"]\nunless = ["routine"]\n'
        'scope = "message"\n',
    )
    screen = CrisisScreen.load([default_lexicon_path(), extra])
    assert screen.screen("by the blue door. tonight").level is Level.URGENT
    assert screen.screen("by the blue door").level is Level.NONE
    verdict = screen.screen("by the blue door tonight, every morning")
    assert verdict.level is Level.NONE
    assert "blue_door_unless" in verdict.rules


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('needs = ["nope"]', "cue list 'nope'"),
        ('unless = "timeline"', "list of cue list names"),
        ('needs = ["timeline"]\nscope = "paragraph"', "scope must be one of"),
    ],
)
def test_bad_needs_unless_or_scope_names_the_signal(
    tmp_path: Path, body: str, message: str
) -> None:
    extra = write(
        tmp_path,
        '[[signal]]\nid = "x"\nlevel = "watch"\ncategory = "hopeless"\nreason = "r"\n'
        f'phrases = ["a b"]\n{body}\n',
    )
    with pytest.raises(ConfigError, match=message):
        load_lexicon([default_lexicon_path(), extra])


def test_the_same_files_are_parsed_once_and_an_edited_one_again(tmp_path: Path) -> None:
    # The cache is keyed on contents: a facilitator's edit is read at the next load, and an
    # unchanged file gives back the very same (immutable) lexicon.
    extra = write(tmp_path, '[cues]\nnegation = ["nah"]\n')
    first = load_lexicon([default_lexicon_path(), extra])
    assert load_lexicon([default_lexicon_path(), extra]) is first
    extra.write_text('[cues]\nnegation = ["nope"]\n', encoding="utf-8")
    edited = load_lexicon([default_lexicon_path(), extra])
    assert edited is not first
    assert "nope" in edited.cues["negation"]
    assert "nah" not in edited.cues["negation"]
    extra.write_text('[cues]\nnegation = "nope"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_lexicon([default_lexicon_path(), extra])
