"""The weekly curriculum: loading ``config/curriculum.toml`` and the theme post for a week.

The file is checked when it is loaded (at start-up), so a mistake made while editing it is
reported with the file, the line and what to do, instead of surfacing in week 7 of a cohort.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cogs.utils.errors import InvalidInput
from cogs.utils.i18n import t
from config.datafile import DataFile, load_toml
from config.errors import ConfigError

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "curriculum.toml"
CURRICULUM_WEEKS = 12
DISCORD_MESSAGE_LIMIT = 2000
# Titles also name the Discord scheduled event, whose name is limited to 100 characters.
TITLE_LIMIT = 100
PROMPT_LIMIT = 300
MAX_PROMPTS = 5
_KEYS = frozenset({"week", "title", "strategy", "theme", "prompts", "source"})


@dataclass(frozen=True)
class Week:
    """One week of the curriculum."""

    week: int
    title: str
    strategy: str
    theme: str
    prompts: tuple[str, ...]


@dataclass(frozen=True)
class Curriculum:
    """Every week of the curriculum, week 1 first."""

    weeks: tuple[Week, ...]

    def week(self, number: int, total_weeks: int | None = None) -> Week:
        """The curriculum week for session ``number`` of a cohort of ``total_weeks``.

        For a cohort as long as the curriculum (or when ``total_weeks`` is None) session n gets
        week n. Other lengths keep the welcome first and the closing last, and fill the middle
        with the curriculum's middle weeks in order, starting again if the cohort is longer.
        """
        count = len(self.weeks)
        total = count if total_weeks is None else total_weeks
        if not 1 <= number <= total:
            raise ValueError(f"session {number} is outside a cohort of {total} weeks")
        if total == count:
            return self.weeks[number - 1]
        if number == 1:
            return self.weeks[0]
        if number == total:
            return self.weeks[-1]
        middle = self.weeks[1:-1] or self.weeks
        return middle[(number - 2) % len(middle)]

    def theme_for(
        self,
        week: int,
        overrides: Mapping[int, str] | None = None,
        total_weeks: int | None = None,
    ) -> str:
        """The theme text for session ``week``: the coordinator's override if set, else the file's.

        ``overrides`` maps session numbers to a cohort's own theme text (check it first with
        :func:`check_theme_override`).
        """
        override = (overrides or {}).get(week)
        if override is not None and override.strip():
            return override.strip()
        return self.week(week, total_weeks).theme

    def theme_post(
        self,
        week: int,
        overrides: Mapping[int, str] | None = None,
        total_weeks: int | None = None,
    ) -> str:
        """The message posted as session ``week`` opens: title, theme and prompts.

        The file's texts are translated into the language being spoken (``speaking``); a
        coordinator's own theme is posted as they wrote it.
        """
        entry = self.week(week, total_weeks)
        override = (overrides or {}).get(week)
        theme = override.strip() if override is not None and override.strip() else t(entry.theme)
        return render_post(week, t(entry.title), theme, tuple(t(p) for p in entry.prompts))


def render_post(number: int, title: str, theme: str, prompts: tuple[str, ...]) -> str:
    """The theme post as plain Discord markdown (headings in the language being spoken)."""
    lines = [
        t("**Week {number} · {title}**", number=number, title=title),
        "",
        theme,
        "",
        t("Some things we might talk about:"),
    ]
    lines.extend(f"• {prompt}" for prompt in prompts)
    return "\n".join(lines)


def check_theme_override(
    curriculum: Curriculum, week: int, text: str, total_weeks: int | None = None
) -> str:
    """A coordinator's replacement theme for ``week``, tidied; InvalidInput if it can't be used."""
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput(
            "The new theme is empty. Please write a few sentences for the group, or leave the "
            "theme as it is."
        )
    entry = curriculum.week(week, total_weeks)
    post = render_post(week, entry.title, cleaned, entry.prompts)
    if len(post) >= DISCORD_MESSAGE_LIMIT:
        spare = DISCORD_MESSAGE_LIMIT - 1 - (len(post) - len(cleaned))
        raise InvalidInput(
            f"That theme is {len(cleaned)} characters; with the week's title and questions it "
            f"would not fit in one Discord message. Please shorten it to at most {spare} "
            "characters."
        )
    return cleaned


def load_curriculum(path: Path | str = DEFAULT_PATH, weeks: int = CURRICULUM_WEEKS) -> Curriculum:
    """Load and check a curriculum file; raise ConfigError naming the file, line and fix."""
    data = load_toml(path)
    entries = data.data.get("week")
    if not isinstance(entries, list) or not entries:
        raise data.error(
            f"no weeks found; add one [[week]] table for each week 1 to {weeks} "
            "(see the comments at the top of the shipped file)"
        )
    seen: dict[int, int] = {}
    result: list[Week] = []
    for index, entry in enumerate(entries):
        week = _week(data, entry, index, weeks)
        if week.week in seen:
            first = data.line_of("week", seen[week.week])
            raise data.error(
                f"week {week.week} appears twice (first at line {first}); each week 1 to "
                f"{weeks} must appear exactly once, so renumber or remove one",
                "week",
                index,
            )
        seen[week.week] = index
        result.append(week)
    missing = sorted(set(range(1, weeks + 1)) - set(seen))
    if missing:
        listed = ", ".join(str(n) for n in missing)
        label = "week" if len(missing) == 1 else "weeks"
        raise data.error(
            f"{label} {listed} missing; add a [[week]] with `week = {missing[0]}` so every week "
            f"1 to {weeks} has a theme"
        )
    return Curriculum(weeks=tuple(sorted(result, key=lambda w: w.week)))


def _week(data: DataFile, entry: object, index: int, weeks: int) -> Week:
    def fail(problem: str) -> ConfigError:
        return data.error(problem, "week", index)

    if not isinstance(entry, dict):
        raise fail("each week must be a [[week]] table")
    number = entry.get("week")
    # bool is an int in Python; `week = true` is a typo, not week 1.
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= weeks:
        raise fail(f"`week` must be a whole number from 1 to {weeks}, like `week = 3`")
    where = f"week {number}"
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise fail(
            f"{where} has unknown key `{unknown[0]}`; the keys are "
            f"{', '.join(sorted(_KEYS))} (check the spelling)"
        )
    texts = {}
    for key in ("title", "strategy", "theme"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{where} needs a non-empty text `{key}`")
        texts[key] = " ".join(value.split())
    if len(texts["title"]) > TITLE_LIMIT:
        raise fail(
            f"{where}: the title is {len(texts['title'])} characters; keep it to {TITLE_LIMIT}"
        )
    # `source` names the study behind a week's wording, for editors and the claims test; it is
    # checked here and not kept, since nothing at run time shows it.
    source = entry.get("source")
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise fail(f'{where}: `source` must be text naming the study, like `source = "..."`')
    prompts = entry.get("prompts")
    if not isinstance(prompts, list) or not 1 <= len(prompts) <= MAX_PROMPTS:
        raise fail(f"{where} needs `prompts`: a list of 2 or 3 questions in quotes")
    cleaned: list[str] = []
    for prompt in prompts:
        if not isinstance(prompt, str) or not prompt.strip():
            raise fail(f"{where}: every prompt must be a non-empty text in quotes")
        if len(prompt.strip()) > PROMPT_LIMIT:
            raise fail(f"{where}: a prompt is longer than {PROMPT_LIMIT} characters; shorten it")
        cleaned.append(" ".join(prompt.split()))
    post = render_post(number, texts["title"], texts["theme"], tuple(cleaned))
    if len(post) >= DISCORD_MESSAGE_LIMIT:
        raise fail(
            f"{where}: the theme post is {len(post)} characters, over Discord's limit of "
            f"{DISCORD_MESSAGE_LIMIT - 1}; shorten the theme or the prompts"
        )
    return Week(
        week=number,
        title=texts["title"],
        strategy=texts["strategy"],
        theme=texts["theme"],
        prompts=tuple(cleaned),
    )
