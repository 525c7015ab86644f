"""Check-in prompts as data: loading and checking ``config/checkin_prompts.toml``.

Checked when loaded (at start-up), so an editing mistake is reported with the file, the line
and what to do, not discovered in week 7 of a cohort.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from config.datafile import load_toml

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "checkin_prompts.toml"
TEXT_LIMIT = 300
MIN_PROMPTS = 4
_KEYS = frozenset({"strategy", "text"})


@dataclass(frozen=True)
class Prompt:
    """One check-in prompt and the IER strategy behind it."""

    strategy: str
    text: str


@dataclass(frozen=True)
class Prompts:
    """Every prompt, in the order they are used."""

    prompts: tuple[Prompt, ...]

    def for_week(self, week: int) -> Prompt:
        """The prompt of round ``week`` (1-based): a different one each week, then around again."""
        return self.prompts[(week - 1) % len(self.prompts)]


def load_prompts(path: Path | str = DEFAULT_PATH) -> Prompts:
    """Load and check the prompts file; raise ConfigError naming the file, line and fix."""
    data = load_toml(path)
    entries = data.data.get("prompt")
    if not isinstance(entries, list) or len(entries) < MIN_PROMPTS:
        raise data.error(
            f"add at least {MIN_PROMPTS} [[prompt]] tables (each with `strategy` and `text`), so "
            "pairs get a different prompt week by week"
        )
    result: list[Prompt] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise data.error("each prompt must be a [[prompt]] table", "prompt", index)
        unknown = sorted(set(entry) - _KEYS)
        if unknown:
            raise data.error(
                f"prompt {index + 1} has unknown key `{unknown[0]}`; the keys are strategy and "
                "text (check the spelling)",
                "prompt",
                index,
            )
        texts: dict[str, str] = {}
        for key in ("strategy", "text"):
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                raise data.error(
                    f"prompt {index + 1} needs a non-empty text `{key}` in quotes", "prompt", index
                )
            texts[key] = " ".join(value.split())
        if len(texts["text"]) > TEXT_LIMIT:
            raise data.error(
                f"prompt {index + 1} is {len(texts['text'])} characters; keep it to {TEXT_LIMIT}",
                "prompt",
                index,
            )
        result.append(Prompt(texts["strategy"], texts["text"]))
    return Prompts(tuple(result))
