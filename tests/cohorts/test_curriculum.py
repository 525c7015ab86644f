"""The shipped curriculum, its checks, and coordinator overrides."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cogs.cohorts.curriculum import (
    DEFAULT_PATH,
    DISCORD_MESSAGE_LIMIT,
    check_theme_override,
    load_curriculum,
)
from cogs.utils.errors import InvalidInput
from config.errors import ConfigError


def entry(week: int, theme: str = "A warm theme.", extra: str = "") -> str:
    return (
        f'[[week]]\nweek = {week}\ntitle = "Week {week}"\nstrategy = "s"\n'
        f'theme = "{theme}"\nprompts = ["One?", "Two?"]\n{extra}\n'
    )


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "curriculum.toml"
    path.write_text(body, encoding="utf-8")
    return path


def line_of(body: str, text: str, occurrence: int = 0) -> int:
    lines = [n for n, line in enumerate(body.splitlines(), start=1) if line == text]
    return lines[occurrence]


def test_shipped_curriculum_has_twelve_weeks_in_order() -> None:
    curriculum = load_curriculum()
    assert [w.week for w in curriculum.weeks] == list(range(1, 13))


def test_shipped_weeks_are_complete_and_fit_in_a_message() -> None:
    curriculum = load_curriculum(DEFAULT_PATH)
    for week in curriculum.weeks:
        assert week.title
        assert week.strategy
        assert week.theme
        assert 2 <= len(week.prompts) <= 3
        sentences = week.theme.count(". ") + 1
        assert 2 <= sentences <= 4, week.week
        assert len(curriculum.theme_post(week.week)) < DISCORD_MESSAGE_LIMIT


def test_shipped_curriculum_covers_the_ier_strategies() -> None:
    strategies = {w.strategy for w in load_curriculum().weeks}
    for strategy in (
        "asking others for support directly",
        "social distraction",
        "seeking affiliative contact",
        "sharing good news",
        "visualising a supportive person",
        "recalling a fun social memory",
        "gratitude for close friends",
    ):
        assert strategy in strategies


def test_theme_post_has_title_theme_and_prompts() -> None:
    curriculum = load_curriculum()
    post = curriculum.theme_post(2)
    week = curriculum.week(2)
    assert post.startswith(f"**Week 2 · {week.title}**")
    assert week.theme in post
    assert all(prompt in post for prompt in week.prompts)


def test_coordinator_override_replaces_only_that_weeks_theme() -> None:
    curriculum = load_curriculum()
    overrides = {3: "  Our own words for week three.  "}
    assert curriculum.theme_for(3, overrides) == "Our own words for week three."
    assert curriculum.theme_for(4, overrides) == curriculum.week(4).theme
    assert "Our own words" in curriculum.theme_post(3, overrides)


def test_override_checks_are_kind_about_empty_and_long_text() -> None:
    curriculum = load_curriculum()
    assert check_theme_override(curriculum, 3, " Hello. ") == "Hello."
    with pytest.raises(InvalidInput, match="empty"):
        check_theme_override(curriculum, 3, "   ")
    with pytest.raises(InvalidInput, match="shorten it to at most"):
        check_theme_override(curriculum, 3, "x" * 1990)


def test_other_cohort_lengths_keep_welcome_first_and_closing_last() -> None:
    curriculum = load_curriculum()
    assert curriculum.week(1, total_weeks=8) == curriculum.week(1)
    assert curriculum.week(8, total_weeks=8) == curriculum.week(12)
    assert curriculum.week(2, total_weeks=8) == curriculum.week(2)
    # A 14-week cohort runs out of middle weeks and starts them again.
    assert curriculum.week(12, total_weeks=14) == curriculum.week(2)
    with pytest.raises(ValueError, match="outside"):
        curriculum.week(13)


def test_a_small_valid_file_loads(tmp_path: Path) -> None:
    body = "".join(entry(n) for n in (2, 1, 3))
    curriculum = load_curriculum(write(tmp_path, body), weeks=3)
    assert [w.week for w in curriculum.weeks] == [1, 2, 3]


def test_missing_theme_names_the_line_of_its_week(tmp_path: Path) -> None:
    body = entry(1) + entry(2).replace('theme = "A warm theme."\n', "") + entry(3)
    with pytest.raises(ConfigError) as caught:
        load_curriculum(write(tmp_path, body), weeks=3)
    assert caught.value.line == line_of(body, "[[week]]", 1)
    assert "week 2 needs a non-empty text `theme`" in str(caught.value)
    assert str(caught.value).startswith(f"{tmp_path / 'curriculum.toml'}:")


def test_duplicate_week_names_the_second_entry(tmp_path: Path) -> None:
    body = entry(1) + entry(2) + entry(2)
    with pytest.raises(ConfigError, match="appears twice") as caught:
        load_curriculum(write(tmp_path, body), weeks=3)
    assert caught.value.line == line_of(body, "[[week]]", 2)


def test_missing_week_says_which(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="week 3 missing"):
        load_curriculum(write(tmp_path, entry(1) + entry(2)), weeks=3)


def test_week_out_of_range_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="from 1 to 3"):
        load_curriculum(write(tmp_path, entry(1) + entry(2) + entry(4)), weeks=3)


def test_misspelt_key_is_reported(tmp_path: Path) -> None:
    body = entry(1) + entry(2, extra='tittle = "x"') + entry(3)
    with pytest.raises(ConfigError, match="unknown key `tittle`"):
        load_curriculum(write(tmp_path, body), weeks=3)


def test_theme_post_too_long_for_discord_is_refused(tmp_path: Path) -> None:
    body = entry(1, theme="word " * 450) + entry(2) + entry(3)
    with pytest.raises(ConfigError, match="over Discord's limit") as caught:
        load_curriculum(write(tmp_path, body), weeks=3)
    assert caught.value.line == 1


def test_prompts_must_be_a_list(tmp_path: Path) -> None:
    body = entry(1).replace('prompts = ["One?", "Two?"]', 'prompts = "One?"') + entry(2)
    with pytest.raises(ConfigError, match="prompts"):
        load_curriculum(write(tmp_path, body), weeks=2)


def test_toml_syntax_error_names_its_line(tmp_path: Path) -> None:
    body = entry(1) + '[[week]]\nweek = 2\ntitle = "unclosed\n'
    with pytest.raises(ConfigError, match="not valid TOML") as caught:
        load_curriculum(write(tmp_path, body), weeks=2)
    assert caught.value.line is not None


def test_a_file_without_weeks_says_what_to_add(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"add one \[\[week\]\]"):
        load_curriculum(write(tmp_path, "# nothing yet\n"))


def test_a_source_note_is_accepted_and_not_posted(tmp_path: Path) -> None:
    body = entry(1, extra='source = "CONNECT interviews."') + entry(2) + entry(3)
    curriculum = load_curriculum(write(tmp_path, body), weeks=3)
    assert "CONNECT" not in curriculum.theme_post(1)


def test_an_empty_source_note_is_refused(tmp_path: Path) -> None:
    body = entry(1) + entry(2, extra='source = " "') + entry(3)
    with pytest.raises(ConfigError, match="week 2: `source` must be text"):
        load_curriculum(write(tmp_path, body), weeks=3)


def test_week_one_explains_ier_and_why_connection_matters() -> None:
    theme = load_curriculum().week(1).theme
    assert "interpersonal emotion regulation" in theme
    assert "Staying connected" in theme
    assert "validate" in theme


def test_week_ten_is_about_helping_others_and_keeps_good_news_in() -> None:
    week = load_curriculum().week(10)
    assert week.strategy == "helping others"
    assert "sharing something that worked" in week.theme
    assert "good news" in week.theme


def test_the_shipped_weeks_with_a_source_name_a_study() -> None:
    weeks = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))["week"]
    sources = {w["week"]: w["source"] for w in weeks if "source" in w}
    assert "IER trial" in sources[1]
    assert "CONNECT" in sources[10]
