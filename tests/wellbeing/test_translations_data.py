"""The wellbeing instruments (config/instruments.toml) in Spanish and Hindi: every word a member
reads is translated, and the translations still fit Discord's limits for forms and menus."""

from __future__ import annotations

import pytest

from cogs.utils.i18n import TRANSLATED, speaking
from cogs.wellbeing import messages
from cogs.wellbeing.instruments import (
    LABEL_MAX,
    PLACEHOLDER_MAX,
    TITLE_MAX,
    load_instruments,
)
from cogs.wellbeing.tapping import OPTION_LABEL_MAX, SELECT_PLACEHOLDER_MAX, option_label, question
from tests.i18n_checks import Text, missing_translations

BOOK = load_instruments()


def instrument_texts() -> list[Text]:
    texts = []
    for key, instrument in BOOK.instruments.items():
        context, where = f"instrument {key}", f"config/instruments.toml:{key}"
        texts += [Text(instrument.name, context, where=where), Text(instrument.stem, context)]
        texts += [Text(label, context, where=f"{where}.labels") for label in instrument.labels]
        for item in instrument.items:
            texts.append(Text(item.text, context, where=f"{where}.item"))
            texts.append(Text(item.short, f"{context} label", where=f"{where}.item.short"))
    for form in BOOK.forms.values():
        texts.append(
            Text(form.title, "wellbeing form", where=f"config/instruments.toml:{form.key}")
        )
    return texts


def test_every_instrument_text_is_translated() -> None:
    assert missing_translations(instrument_texts()) == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_fit_discords_limits(language: str) -> None:
    with speaking(language):
        for form in BOOK.forms.values():
            assert len(messages.form_title(form.title)) <= TITLE_MAX, form.title
        for instrument in BOOK.instruments.values():
            assert len(instrument.placeholder()) <= PLACEHOLDER_MAX
            for index in range(len(instrument.items)):
                assert len(instrument.label(index)) <= LABEL_MAX, instrument.label(index)
                assert len(question(instrument, index)) < SELECT_PLACEHOLDER_MAX
            for value in range(instrument.min, instrument.max + 1):
                assert len(option_label(instrument, value)) < OPTION_LABEL_MAX


def test_the_same_english_answer_follows_each_instruments_own_translation() -> None:
    who5, ucla3 = BOOK.instruments["who5"], BOOK.instruments["ucla3"]
    with speaking("es"):
        assert who5.said("Some of the time") == "De vez en cuando"
        assert ucla3.said("Some of the time") == "A veces"
    assert who5.said("Some of the time") == "Some of the time"


def test_the_crisis_note_after_item_9_is_in_the_members_language() -> None:
    phq2 = BOOK.instruments["phq2"]
    with speaking("es"):
        spanish = messages.saved([(phq2, 2)], [], crisis=True)
    with speaking("hi"):
        hindi = messages.saved([(phq2, 2)], [("३", 3)], crisis=True)
    english = messages.saved([(phq2, 2)], [], crisis=True)
    assert spanish.startswith("Gracias, guardado. PHQ-2: 2 (de 0 a 6).")
    assert spanish.endswith("con quienes puedes hablar ahora mismo.")
    assert "(मैंने ३ को 3 पढ़ा।)" in hindi
    assert "टीम से कोई आज ही आपसे बात करेगा" in hindi
    assert english == (
        "Thank you, saved. PHQ-2: 2 (of 0-6).\n\nThank you for telling us how things really are. "
        "Someone from the team will reach out to you today, and I've sent you the numbers of "
        "people you can talk to right now."
    )


def test_a_members_trend_and_chart_summary_read_in_spanish() -> None:
    series = {"who5": [(1, 40), (3, 60)]}
    with speaking("es"):
        [line] = messages.trend_words(BOOK, series)
        summary = messages.chart_summary("Índice de Bienestar WHO-5", [1, 3], [40, 60])
    assert line.startswith("**Índice de Bienestar WHO-5**: 60 en la semana 3, 20 más que 40")
    assert "un cambio para bien" in line
    assert summary.startswith("Gráfico de tu puntuación de Índice de Bienestar WHO-5 por semana:")
    assert "60 en S3, más que 40 en S1." in summary
