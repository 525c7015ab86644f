"""Kindred's copy in Spanish and Hindi: nothing missing, no placeholder lost or invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from cogs.utils import i18n
from cogs.utils.i18n import (
    N_,
    CatalogueError,
    check_catalogues,
    current_language,
    in_language,
    read_catalogue,
    speaking,
    t,
    tn,
    tp,
)
from tests.i18n_checks import Text, code_texts, fields, missing_translations

HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: {lang}\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""


def write_po(root: Path, lang: str, name: str, body: str) -> None:
    folder = root / lang / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.po").write_text(HEADER.format(lang=lang) + body, encoding="utf-8")


def test_every_text_in_the_code_is_translated_with_the_same_placeholders() -> None:
    assert missing_translations(code_texts()) == []


def test_the_shipped_catalogues_load() -> None:
    assert check_catalogues() == []


def test_the_extractor_finds_marked_texts_and_the_check_catches_a_gap(tmp_path: Path) -> None:
    source = tmp_path / "cogs" / "demo.py"
    source.parent.mkdir()
    source.write_text(
        "from cogs.utils.i18n import N_, t, tn, tp\n"
        "A = N_('Welcome back')\n"
        "def f(n):\n"
        "    return t('Hi {name}', name='x') + tn('{n} week', '{n} weeks', n) + tp('feeling', 'Low')\n",
        encoding="utf-8",
    )
    found = {(x.id, x.context, x.plural) for x in code_texts(tmp_path)}
    assert found == {
        ("Welcome back", None, None),
        ("Hi {name}", None, None),
        ("{n} week", None, "{n} weeks"),
        ("Low", "feeling", None),
    }
    assert missing_translations([Text("No such text anywhere", where="x.py:1")]) == [
        "missing es x.py:1 'No such text anywhere'",
        "missing hi x.py:1 'No such text anywhere'",
    ]


def test_fields_are_the_format_fields() -> None:
    assert fields("Hi {name}, week {week} of {n}") == {"name", "week", "n"}
    assert fields("no fields") == set()


@pytest.fixture
def locales(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    monkeypatch.setattr(i18n, "read_catalogue", _reader(tmp_path))
    i18n.reload()
    yield tmp_path
    i18n.reload()


def _reader(root: Path):  # type: ignore[no-untyped-def]
    def read(language: str, directory: Path = root):  # type: ignore[no-untyped-def]
        return read_catalogue(language, directory)

    return read


def test_speaking_translates_fills_fields_and_ends_with_the_block(locales: Path) -> None:
    write_po(
        locales,
        "es",
        "demo",
        'msgid "Hi {name}"\nmsgstr "Hola, {name}"\n\n'
        'msgctxt "feeling"\nmsgid "Low"\nmsgstr "Bajo de ánimo"\n\n'
        'msgid "{n} week"\nmsgid_plural "{n} weeks"\nmsgstr[0] "{n} semana"\nmsgstr[1] "{n} semanas"\n',
    )
    assert current_language() == "en"
    with speaking("es"):
        assert t("Hi {name}", name="Ana") == "Hola, Ana"
        assert tp("feeling", "Low") == "Bajo de ánimo"
        assert tn("{n} week", "{n} weeks", 1) == "1 semana"
        assert tn("{n} week", "{n} weeks", 3) == "3 semanas"
        assert in_language("en", "Hi {name}", name="Ana") == "Hi Ana"
        assert current_language() == "es"
    assert t("Hi {name}", name="Ana") == "Hi Ana"
    assert in_language("es", "Hi {name}", name="Ana") == "Hola, Ana"


def test_an_unknown_language_is_english_and_a_missing_text_falls_back_with_a_warning(
    locales: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_po(locales, "es", "demo", 'msgid "Hi"\nmsgstr "Hola"\n')
    with speaking("fr"):
        assert current_language() == "en"
    with speaking("es"):
        assert t("Not translated yet") == "Not translated yet"
        assert t("Not translated yet") == "Not translated yet"
    warnings = [r for r in caplog.records if "no es translation" in r.getMessage()]
    assert len(warnings) == 1


def test_two_files_that_disagree_are_refused_with_both_names(locales: Path) -> None:
    write_po(locales, "es", "one", 'msgid "Hi"\nmsgstr "Hola"\n')
    write_po(locales, "es", "two", 'msgid "Hi"\nmsgstr "Buenas"\n')
    with pytest.raises(CatalogueError, match=r"one\.po and two\.po|two\.po and one\.po"):
        read_catalogue("es", locales)


def test_a_malformed_file_names_itself(locales: Path) -> None:
    write_po(locales, "hi", "broken", 'msgid "Hi"\nmsgtsr "typo in a keyword"\n')
    with pytest.raises(CatalogueError, match=r"broken\.po"):
        read_catalogue("hi", locales)


def test_n_marks_without_translating() -> None:
    with speaking("es"):
        assert N_("Welcome back") == "Welcome back"
