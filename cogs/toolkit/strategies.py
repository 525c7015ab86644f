"""The IER strategies that /cope offers, read from ``config/ier_strategies.toml``.

Facilitators edit the file; a mistake stops start-up with a message naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from config.datafile import DataFile, load_toml
from config.errors import ConfigError

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "ier_strategies.toml"

FEELINGS: tuple[str, ...] = ("overwhelmed", "low", "lonely", "anxious", "frustrated", "okay")
NEEDS: tuple[str, ...] = ("someone", "alone")
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
# Words a strategy must not use: the toolkit offers support, not treatment.
_MEDICAL = re.compile(r"\b(cure[sd]?|treat(s|ment)?|therapy|medication|dose|diagnos\w*)\b", re.I)


@dataclass(frozen=True)
class Strategy:
    """One interpersonal strategy: what to do, for which feelings, and whether it needs a person."""

    id: str
    title: str
    text: str
    feelings: frozenset[str]
    needs_someone: bool
    message: str | None = None

    def fits(self, feeling: str) -> bool:
        """Whether the strategy suits this feeling."""
        return feeling in self.feelings


def load_strategies(path: Path | str = DEFAULT_PATH) -> tuple[Strategy, ...]:
    """Read and check the strategies file; raise ConfigError naming the file and line."""
    data = load_toml(path)
    entries = data.data.get("strategy")
    if not isinstance(entries, list) or not entries:
        raise data.error("no [[strategy]] entries; add at least one")
    strategies: list[Strategy] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        strategy = _parse(data, entry, index)
        if strategy.id in seen:
            raise data.error(f"strategy id {strategy.id!r} is used twice", "strategy", index)
        seen.add(strategy.id)
        strategies.append(strategy)
    _check_coverage(data, strategies)
    return tuple(strategies)


def _parse(data: DataFile, entry: object, index: int) -> Strategy:
    def fail(problem: str) -> ConfigError:
        return data.error(problem, "strategy", index)

    if not isinstance(entry, dict):
        raise fail("each [[strategy]] must be a table")
    unknown = set(entry) - {"id", "title", "text", "feelings", "needs", "message", "source"}
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("id", "title", "text", "needs"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(f"'{key}' is missing or empty; it must be text")
    sid = entry["id"].strip()
    if not _ID.match(sid):
        raise fail(f"id {sid!r} must be lowercase letters, digits and underscores")
    text = " ".join(entry["text"].split())
    sentences = len(_SENTENCE_END.findall(text))
    if not 2 <= sentences <= 3:
        raise fail(f"'text' must be two or three sentences (found {sentences})")
    if _MEDICAL.search(text):
        raise fail("'text' must not make medical claims (it mentions treatment or medicine)")
    # `source` says which study a sentence's claim comes from; it is for the people who edit
    # the file (and the claims test), so it is checked here and not kept.
    source = entry.get("source")
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise fail("'source' must be text naming the study, when given")
    feelings = entry.get("feelings")
    if not isinstance(feelings, list) or not feelings:
        raise fail(f"'feelings' must be a list of some of: {', '.join(FEELINGS)}")
    wrong = [f for f in feelings if f not in FEELINGS]
    if wrong:
        raise fail(f"unknown feeling(s) {wrong}; use some of: {', '.join(FEELINGS)}")
    needs = entry["needs"].strip()
    if needs not in NEEDS:
        raise fail(f'\'needs\' must be "someone" or "alone", not {needs!r}')
    message = entry.get("message")
    if message is not None:
        if not isinstance(message, str) or not message.strip():
            raise fail("'message' must be text when given")
        if needs != "someone":
            raise fail("'message' is a ready-to-send message, so only for needs = \"someone\"")
        if "`" in message:
            raise fail("'message' must not contain backticks (it is shown in a code block)")
        message = message.strip()
    return Strategy(
        id=sid,
        title=entry["title"].strip(),
        text=text,
        feelings=frozenset(feelings),
        needs_someone=needs == "someone",
        message=message,
    )


def _check_coverage(data: DataFile, strategies: Sequence[Strategy]) -> None:
    """Every feeling needs at least two strategies that work alone (always possible)."""
    for feeling in FEELINGS:
        alone = [s for s in strategies if s.fits(feeling) and not s.needs_someone]
        if len(alone) < 2:
            raise data.error(
                f"feeling {feeling!r} has {len(alone)} strategy(ies) that work alone; "
                "/cope needs at least two for when nobody is around"
            )
