"""Timezones as a member reads them on the join form, in Spanish and Hindi (issue 15).

The buttons name the zones a typed timezone could mean: the labels of
config/timezone_aliases.toml are translated (``timezones.po``), other zones are named by their
city from Babel's data. What Kindred says about a timezone it cannot use is in the member's
language; in English it reads exactly as staff read it.
"""

from __future__ import annotations

import pytest

from cogs.cohorts import messages
from cogs.utils import when
from cogs.utils.i18n import TRANSLATED, speaking
from tests.i18n_checks import Text, missing_translations

BUTTON_LIMIT = 80


def label_texts() -> list[Text]:
    return [
        Text(label, context="timezone", where=f"config/timezone_aliases.toml:labels {key}")
        for key, label in when.zone_labels().items()
    ]


def test_every_timezone_label_is_translated() -> None:
    assert missing_translations(label_texts()) == []


def test_every_translated_label_fits_on_a_button() -> None:
    for language in TRANSLATED:
        with speaking(language):
            for key, label in when.zone_labels().items():
                shown = messages.zone_name(when.ZoneOption(key, label))
                assert len(shown) <= BUTTON_LIMIT, (language, shown)


def test_a_zone_is_named_in_the_language_spoken() -> None:
    chicago, paris = when.timezone_options("CST")[0], when.ZoneOption("Europe/Paris", "Paris")
    assert (messages.zone_name(chicago), messages.zone_name(paris)) == (
        "US Central (Chicago)",
        "Paris",
    )
    with speaking("es"):
        assert messages.zone_name(chicago) == "Hora del Centro de EE. UU. (Chicago)"
        assert messages.zone_name(paris) == "París"  # no label: the city, from Babel
    with speaking("hi"):
        assert messages.zone_name(chicago) == "अमेरिका का सेंट्रल समय (शिकागो)"
        assert messages.zone_name(paris) == "पेरिस"


@pytest.mark.parametrize("typed", ["Atlantis", "Kolkatta", "UTC+5"])
def test_in_english_a_member_reads_what_staff_read(typed: str) -> None:
    with pytest.raises(when.InvalidInput) as raised:
        when.find_timezone(typed)
    error = raised.value
    if isinstance(error, when.FixedOffset):
        assert messages.timezone_offset(error.typed) == error.message
    else:
        assert isinstance(error, when.UnknownTimezone)
        assert messages.timezone_unknown(error.typed, error.close) == error.message


def test_a_timezone_kindred_cannot_use_is_explained_in_spanish_and_hindi() -> None:
    with speaking("es"):
        text = messages.timezone_unknown("Kolkatta", ("Kolkata", "Karachi"))
        assert text.startswith("No conozco la zona horaria “Kolkatta”.")
        assert text.endswith("¿Quisiste decir `Kolkata` o `Karachi`?")
        assert "sesiones se moverían una hora" in messages.timezone_offset("UTC+5")
    with speaking("hi"):
        text = messages.timezone_unknown("Kolkatta", ("Kolkata", "Karachi"))
        assert text.endswith("क्या आपका मतलब `Kolkata` या `Karachi` था?")
