"""Checks shared by the translation tests: every text has a translation, with the same fields.

``code_texts()`` finds every text the code marks for translation (``t``, ``tp``, ``tn``,
``N_``, ``in_language``) with Babel's extractor, the way gettext tools do. Lanes whose copy
comes from data files (the curriculum, the strategies, the instruments) list those texts in a
test of their own and call ``missing_translations`` on them.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file

from cogs.utils.i18n import TRANSLATED, read_catalogue

ROOT = Path(__file__).resolve().parents[1]
# Babel's keyword specs: which argument is the text, the plural and the context.
KEYWORDS = {
    "t": None,
    "N_": None,
    "tp": ((1, "c"), 2),
    "tn": (1, 2),
    "in_language": (2,),
}


@dataclass(frozen=True)
class Text:
    """One translatable text and where it was found."""

    id: str
    context: str | None = None
    plural: str | None = None
    where: str = ""


def code_texts(root: Path = ROOT) -> Iterator[Text]:
    """Every text marked for translation in the project's Python code."""
    for folder in ("cogs", "config", "db", "sandbox"):
        for path in sorted((root / folder).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            for lineno, message, _comments, context in extract_from_file(
                "python", str(path), keywords=KEYWORDS, strip_comment_tags=True
            ):
                where = f"{path.relative_to(root)}:{lineno}"
                if isinstance(message, tuple):
                    singular, plural = message[0], message[1] if len(message) > 1 else None
                    if singular:
                        yield Text(singular, context, plural, where)
                elif message:
                    yield Text(message, context, None, where)


def fields(text: str) -> set[str]:
    """The ``str.format`` fields of ``text`` (``{name}``, ``{n}``)."""
    found = set()
    for _, name, _, _ in string.Formatter().parse(text):
        if name is not None:
            found.add(name.split(".")[0].split("[")[0])
    return found


def missing_translations(texts: Iterable[Text], languages: Iterable[str] = TRANSLATED) -> list[str]:
    """What is untranslated, and translations whose fields differ from the English."""
    problems: list[str] = []
    catalogues: dict[str, Catalog] = {lang: read_catalogue(lang) for lang in languages}
    for text in texts:
        for language, catalogue in catalogues.items():
            entry = catalogue.get(text.id, text.context)
            label = f"{language} {text.where} {text.id[:60]!r}"
            if (
                entry is None
                or not entry.string
                or (isinstance(entry.string, tuple) and not all(entry.string))
            ):
                problems.append(f"missing {label}")
                continue
            english = fields(text.id) | fields(text.plural or "")
            forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            for form in forms:
                extra = fields(form) - english
                lost = english - fields(form) - ({"n"} if text.plural else set())
                if extra or lost:
                    problems.append(f"fields differ {label}: extra {extra}, lost {lost}")
    return problems
