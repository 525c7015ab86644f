"""Every member-facing sentence that states an effect is traceable or an invitation.

Kindred speaks to people living with MS, so it does not promise outcomes it cannot back. In the
strategies file, the curriculum and every lane's copy (``cogs/*/messages.py``), a sentence that reads like a claim of
effect ("helps", "reduces", "most people"...) must either sit in a data-file entry that carries
a ``source`` note (which study, which finding), or be worded as an invitation ("some people
find...", "you might...") or a question. The word list is a heuristic: a new claim word in the
copy is a reason to extend it.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRATEGIES = ROOT / "config" / "ier_strategies.toml"
CURRICULUM = ROOT / "config" / "curriculum.toml"
# Every lane's copy module: what members (and staff) read.
COPY_MODULES = sorted((ROOT / "cogs").glob("*/messages.py"))

EFFECT = re.compile(
    r"\b(helps|reduces?|reduced|improves?|improved|boosts?|lowers|gains?|gained|benefits?|"
    r"beneficial|proven|research shows|studies show|most people)\b",
    re.IGNORECASE,
)
INVITATION = re.compile(
    r"\b(some people find|some of us find|you might|you could|you may|might|if you like)\b",
    re.IGNORECASE,
)
# Sentences the word list catches that claim no effect on anyone's health or mood, with why.
NOT_CLAIMS = {
    # What Kindred is, in its own introduction.
    "Hi {}, this is Kindred, the bot that helps look after your group.",
    # Staff-facing: a nudge to the moderator following up a case, not a promise to a member.
    "A short, warm check-in today helps.",
    # Staff-facing: a false alarm helps tune the screen, which is true of the screen.
    "Thanks; this helps tune the screen.",
    # A form label asking the member, not telling them.
    "What helps you, in your words (optional)",
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    """The sentences (and separate lines) of ``text``, whitespace tidied."""
    return [" ".join(s.split()) for s in _SENTENCE.split(text) if s.strip()]


def unsupported(text: str) -> list[str]:
    """Sentences of ``text`` that state an effect without being an invitation or a question."""
    return [
        s
        for s in sentences(text)
        if EFFECT.search(s)
        and not INVITATION.search(s)
        and not s.endswith("?")
        and s not in NOT_CLAIMS
    ]


def _has_source(entry: dict[str, object]) -> bool:
    source = entry.get("source")
    return isinstance(source, str) and bool(source.strip())


def _data_file_texts(path: Path, table: str, keys: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(where, text) of each member-facing field of entries that carry no ``source`` note."""
    entries = tomllib.loads(path.read_text(encoding="utf-8"))[table]
    for n, entry in enumerate(entries, start=1):
        if _has_source(entry):
            continue
        label = entry.get("id") or entry.get("week") or n
        for key in keys:
            value = entry.get(key)
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str):
                    yield f"{path.name} [{table}] {label} {key}", text


def _module_strings(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) of every string literal in a copy module, docstrings left out.

    An f-string's placeholders become ``{}`` so its words are still read as one sentence.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    inside_fstring: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            inside_fstring.update(id(v) for v in node.values)
            text = "".join(
                v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "{}"
                for v in node.values
            )
            yield f"{path.parent.name}/{path.name}:{node.lineno}", text
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and id(node) not in inside_fstring
        ):
            yield f"{path.parent.name}/{path.name}:{node.lineno}", node.value


def _all_copy() -> Iterator[tuple[str, str]]:
    yield from _data_file_texts(STRATEGIES, "strategy", ("title", "text", "message"))
    yield from _data_file_texts(CURRICULUM, "week", ("title", "theme", "prompts"))
    for module in COPY_MODULES:
        yield from _module_strings(module)


def test_every_effect_claim_has_a_source_or_is_an_invitation() -> None:
    problems = [f"{where}: {s!r}" for where, text in _all_copy() for s in unsupported(text)]
    assert not problems, (
        "These sentences state an effect: add a `source` note to their entry in the data "
        "file, or word them as an invitation (“some people find…”, “you might…”):\n"
        + "\n".join(problems)
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Sharing good news helps it last.",
        "Most people are glad to be asked.",
        "The people who share least often gain the most.",
        "Research shows that talking reduces stress.",
    ],
)
def test_the_check_catches_a_plain_claim(sentence: str) -> None:
    assert unsupported(sentence) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Some people find that sharing good news helps it last.",
        "You might find a short call helps.",
        "What helps you on a hard day?",
        "Write a few lines to someone you're grateful for.",
    ],
)
def test_invitations_questions_and_plain_suggestions_pass(sentence: str) -> None:
    assert unsupported(sentence) == []


def test_the_module_scan_skips_docstrings_and_reads_fstrings(tmp_path: Path) -> None:
    module = tmp_path / "copy.py"
    module.write_text(
        '"""This helps nobody."""\n'
        "def f(x):\n"
        '    """It helps."""\n'
        '    return f"Sharing {x} helps."\n',
        encoding="utf-8",
    )
    assert [text for _, text in _module_strings(module)] == ["Sharing {} helps."]


def test_a_source_note_clears_its_entry(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    body = '[[strategy]]\nid = "a"\ntitle = "A"\ntext = "This helps. Try it."\n'
    path.write_text(body, encoding="utf-8")
    assert [t for _, t in _data_file_texts(path, "strategy", ("text",))] == ["This helps. Try it."]
    path.write_text(body + 'source = "A trial."\n', encoding="utf-8")
    assert list(_data_file_texts(path, "strategy", ("text",))) == []
