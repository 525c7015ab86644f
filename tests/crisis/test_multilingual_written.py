"""The crisis-screen rows written for Kindred in Spanish, Hindi and Hinglish
(bench/screen_training/data/multilingual_written*.jsonl): they parse, their ids are unique, every
row has the schema and a known language, level and category, and none repeats a row of the
shared development sets. That last check keeps the held-out score honest: a row here that nearly
equals one in ../shared/data would let a model trained on this file see a test row. It runs only
when ../shared/data (or $KINDRED_SHARED_DATA) is present, and names only this file's ids, never
the shared text.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from bench.eval_multilingual import DUP_OVERLAP, read_by_rules
from cogs.screening.normalise import normalise
from tests.shared_data import DATA, data_texts

HERE = Path(__file__).resolve().parents[2] / "bench" / "screen_training" / "data"
WRITTEN = HERE / "multilingual_written.jsonl"
MISSES = HERE / "multilingual_written_misses.jsonl"  # short alerts the shipped rules missed
ROUND5 = HERE / "multilingual_written_round5.jsonl"  # written, measured, not trained on (README)
FILES = (WRITTEN, MISSES, ROUND5)

FIELDS = {"id", "group", "text", "lang", "level", "category", "source"}
LANGS = {"es": "es", "hi": "hi", "hinglish": "hg"}  # lang -> the prefix its ids and groups use
LEVELS = {"none", "watch", "concern", "urgent"}
ALERTS = {"concern", "urgent"}
CATEGORIES = {
    "explicit_ideation",
    "passive_ideation",
    "plan_or_imminent",
    "self_harm",
    "third_party_at_risk",
    "obfuscated",
    "hopelessness",
    "negated",
    "past_recovered",
    "idiom_hyperbole",
    "medical_death_talk",
    "quoting_or_meta",
    "dark_humour",
    "ordinary_chat",
}
# Word-set overlap (normalised) at or above which two texts count as the same message said
# again: the bound bench/eval_multilingual.py uses to keep near-duplicates in one fold.
NEAR = DUP_OVERLAP


def read(path: Path) -> list[dict[str, Any]]:
    """Every row of a JSON-lines file; a line that does not parse fails with its number."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                pytest.fail(f"{path.name} line {number} is not JSON: {exc}")
    return rows


def words(text: str) -> frozenset[str]:
    """The normalised words of ``text``. Split on punctuation, symbols and spaces only: a regex
    ``\\w`` would also split Devanagari words at their vowel signs."""
    kept = "".join(" " if unicodedata.category(ch)[0] in "PSZ" else ch for ch in normalise(text))
    return frozenset(kept.split())


@pytest.fixture(scope="module")
def written() -> list[dict[str, Any]]:
    return read(WRITTEN)


@pytest.fixture(scope="module")
def every_row() -> list[dict[str, Any]]:
    return [row for path in FILES for row in read(path)]


def test_each_file_parses_and_is_not_empty() -> None:
    for path in FILES:
        assert read(path), f"{path.name} has no rows"


def test_ids_are_unique_across_the_files(every_row: list[dict[str, Any]]) -> None:
    counts = Counter(row.get("id") for row in every_row)
    assert [ident for ident, n in counts.items() if n > 1] == []


def test_every_row_has_the_schema_and_known_values(every_row: list[dict[str, Any]]) -> None:
    bad = []
    for row in every_row:
        ident = row.get("id")
        if set(row) != FIELDS:
            bad.append(f"{ident}: fields {sorted(set(row) ^ FIELDS)}")
            continue
        if not all(isinstance(row[field], str) and row[field].strip() for field in FIELDS):
            bad.append(f"{ident}: an empty or non-string field")
            continue
        prefix = LANGS.get(row["lang"])
        if prefix is None:
            bad.append(f"{ident}: lang {row['lang']!r}")
        elif not row["id"].startswith(f"w-{prefix}-") or not row["group"].startswith(prefix):
            bad.append(f"{ident}: id or group {row['group']!r} does not match lang {row['lang']}")
        if row["level"] not in LEVELS:
            bad.append(f"{ident}: level {row['level']!r}")
        if row["category"] not in CATEGORIES:
            bad.append(f"{ident}: category {row['category']!r}")
        if row["source"] != "written for Kindred":
            bad.append(f"{ident}: source {row['source']!r}")
    assert bad == []


def test_hindi_is_in_devanagari_and_hinglish_in_latin_script(
    every_row: list[dict[str, Any]],
) -> None:
    def devanagari(text: str) -> bool:
        return any("\u0900" <= ch <= "\u097f" for ch in text)

    wrong = [
        row["id"]
        for row in every_row
        if (row["lang"] == "hi") != devanagari(row["text"])  # Spanish and Hinglish have none
    ]
    assert wrong == []


def test_a_group_holds_one_language_and_one_file(every_row: list[dict[str, Any]]) -> None:
    langs: defaultdict[str, set[str]] = defaultdict(set)
    for row in every_row:
        langs[row["group"]].add(row["lang"])
    assert [group for group, seen in langs.items() if len(seen) > 1] == []
    written_groups = {row["group"] for row in read(WRITTEN)}
    assert written_groups.isdisjoint(row["group"] for row in read(MISSES))


def test_each_language_has_600_rows_or_more_balanced_as_asked(
    written: list[dict[str, Any]],
) -> None:
    """About 45-50% concern+urgent, 10% watch and the rest none per language (two rounds of
    about 300 each; Hinglish, where the screen is weakest, has half a round more in the second
    and a third round of about 600; a fourth round of about 300 a language, 400 in Hinglish; and
    the sentences written to probe the screen, about 200 a language, 375 in Hinglish), each
    category present."""
    sizes = {"es": (1050, 1200), "hi": (1050, 1200), "hinglish": (2200, 2400)}
    for lang in LANGS:
        rows = [row for row in written if row["lang"] == lang]
        low, high = sizes[lang]
        assert low <= len(rows) <= high, lang
        levels = Counter(row["level"] for row in rows)
        alerts = (levels["concern"] + levels["urgent"]) / len(rows)
        assert 0.40 <= alerts <= 0.52, (lang, levels)
        assert 0.07 <= levels["watch"] / len(rows) <= 0.13, (lang, levels)
        assert {row["category"] for row in rows} == CATEGORIES, lang


def test_the_misses_file_holds_twenty_alerts_per_language() -> None:
    rows = read(MISSES)
    assert Counter(row["lang"] for row in rows) == dict.fromkeys(LANGS, 20)
    assert {row["level"] for row in rows} <= ALERTS


def test_no_text_is_said_twice_in_this_repository(every_row: list[dict[str, Any]]) -> None:
    seen: defaultdict[str, list[str]] = defaultdict(list)
    for row in every_row:
        seen[normalise(row["text"])].append(row["id"])
    assert [ids for ids in seen.values() if len(ids) > 1] == []


def test_no_row_repeats_or_nearly_repeats_a_shared_development_row(
    every_row: list[dict[str, Any]],
) -> None:
    if not DATA.is_dir():
        pytest.skip(f"{DATA} is absent: nothing to compare with")
    # Every text of every shared file (the crisis sets, the multilingual held-out set, the
    # guideline sets and the external ones), indexed by word so each row of ours is compared
    # only with the shared rows it shares a word with.
    exact: set[str] = set()
    shared: list[frozenset[str]] = []
    by_word: defaultdict[str, list[int]] = defaultdict(list)
    for text, _ in data_texts(contexts_alone=True):
        exact.add(normalise(text))
        ws = words(text)
        for word in ws:
            by_word[word].append(len(shared))
        shared.append(ws)
    assert shared, f"{DATA} holds no rows"

    too_close = []
    for row in every_row:
        if normalise(row["text"]) in exact:
            too_close.append(row["id"])
            continue
        ours = words(row["text"])
        overlaps = Counter(i for word in ours for i in by_word.get(word, ()))
        for i, common in overlaps.items():
            if common / len(ours | shared[i]) >= NEAR:
                too_close.append(row["id"])
                break
    # Ids only: the shared rows (the held-out set among them) are not printed.
    assert too_close == []


def test_the_fifth_round_rows_a_rule_read_are_the_odd_spanish_and_hg_g2_groups() -> None:
    """make eval reports the fifth round apart by whether a rule was written from a row."""
    for group in ("es-g2501", "hg-g2533"):
        assert read_by_rules(group)
    for group in ("es-g2502", "hg-g2640", "hi-g2501", "hg-g52901"):
        assert not read_by_rules(group)
    groups = {json.loads(line)["group"] for line in ROUND5.read_text(encoding="utf-8").splitlines()}
    read = {g for g in groups if read_by_rules(g)}
    assert read
    assert read < groups
    assert all(g.startswith(("es-", "hg-g2")) and not g.startswith("hg-g5") for g in read)
