"""The crisis lane's data as members read it, in Spanish and Hindi (issue 15).

- Every saved reply of config/relay_replies.toml has a translation with the same placeholders
  (the `label` is for moderators and stays English); a server's own reply with none is sent in
  English, logged once, and the moderator is told.
- Every helpline of config/helplines.toml reads in the member's language: country, emergency
  number, how to reach it, hours and languages; the numbers themselves never change.
"""

# ruff: noqa: F811 (``lane`` is test_service's fixture, imported so pytest finds it)

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from cogs.crisis import helpline_words as words
from cogs.crisis import messages
from cogs.crisis.helplines import HelplineBook
from cogs.crisis.replies import DEFAULT_PATH, TEXT_LIMIT, load_replies
from cogs.utils import i18n
from cogs.utils.errors import InvalidInput
from cogs.utils.i18n import TRANSLATED, speaking
from db.database import Database
from db.repositories.crisis import MemberSettingsRepository
from db.repositories.members import MemberLanguageRepository
from tests import i18n_checks
from tests.crisis.test_relay import concern_case
from tests.crisis.test_service import ASHA, Lane, lane, open_case  # noqa: F401 (lane is a fixture)
from tests.i18n_checks import Text, missing_translations

ROOT = Path(__file__).resolve().parents[2]
BOOK = HelplineBook.load([ROOT / "config" / "helplines.toml"])


def reply_texts() -> list[Text]:
    return [
        Text(r.text, where=f"config/relay_replies.toml:reply {r.name}")
        for r in load_replies().replies
    ]


def missing_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "translation for" in r.getMessage()]


# --- saved replies ------------------------------------------------------------------------------


def test_every_saved_reply_is_translated_with_its_placeholders() -> None:
    assert missing_translations(reply_texts()) == []


def test_the_check_fails_on_a_saved_reply_that_lost_a_placeholder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "relay_replies.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Please call {emergency}."\nmsgstr "Por favor, llama a emergencias."\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(
        i18n_checks, "read_catalogue", lambda lang: i18n.read_catalogue(lang, tmp_path)
    )
    texts = [Text("Please call {emergency}.", where="x"), Text("Not here", where="y")]
    assert missing_translations(texts, ["es"]) == [
        "fields differ es x 'Please call {emergency}.': extra set(), lost {'emergency'}",
        "missing es y 'Not here'",
    ]


def test_translated_saved_replies_keep_the_files_length_limit() -> None:
    for language in TRANSLATED:
        with speaking(language):
            for reply in load_replies().replies:
                assert len(i18n.t(reply.text)) <= TEXT_LIMIT, (language, reply.name)


def test_a_servers_own_reply_with_no_translation_is_english_and_logged_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    own = tmp_path / "relay_replies.toml"
    own.write_text(
        '[[reply]]\nname = "tea"\nlabel = "Tea"\ntext = "Make a cup of tea, then call {emergency}."\n',
        encoding="utf-8",
    )
    replies = load_replies([DEFAULT_PATH, own])
    tea, shipped = replies.get("tea"), replies.get("are_you_safe")
    assert tea is not None
    assert shipped is not None
    assert (tea.read_in("es"), tea.read_in("hi"), tea.read_in("en")) == ("en", "en", "en")
    assert (shipped.read_in("es"), shipped.read_in("hi")) == ("es", "hi")
    i18n.reload()
    with caplog.at_level(logging.WARNING, "cogs.utils.i18n"), speaking("es"):
        for _ in range(2):
            text = tea.render(helplines="", emergency="**911**", minutes=None)
            assert text == "Make a cup of tea, then call **911**."
    assert len(missing_warnings(caplog)) == 1


def test_the_moderator_is_told_which_language_the_member_reads() -> None:
    label = "Helplines in their country"
    assert messages.saved_reply_language(label, "en", "en") is None
    assert messages.saved_reply_language(label, "es", "es") == (
        "“Helplines in their country” was sent in Spanish, the member's language."
    )
    note = messages.saved_reply_language(label, "hi", "en")
    assert note == (
        "“Helplines in their country” has no Hindi translation, so the member reads it in "
        "English (Hindi is their language)."
    )
    shown = messages.reply_result("the Kindred team", "Hola", "sent", None, note)
    assert shown.endswith(f"\n-# {note}")


async def test_a_spanish_speaker_gets_a_saved_reply_in_spanish_with_her_helplines(
    lane: Lane, db: Database
) -> None:
    await MemberSettingsRepository(db).set_country(ASHA, "US", lane.clock.now())
    await MemberLanguageRepository(db).remember_locale(ASHA, "es-419", lane.clock.now())
    case = await concern_case(lane)
    made = await lane.service.saved_reply_text(case, "helplines", None)
    assert (made.language, made.read_in) == ("es", "es")
    assert made.text.startswith("Estas líneas son gratuitas y confidenciales")
    line = "• **988 Suicide & Crisis Lifeline**: Llama o escribe al 988 (24/7; inglés y español)"
    assert line in made.text
    assert "  ↳ En español: llama al 988 y marca 2, o envía AYUDA al 988" in made.text
    assert made.text.endswith("Si estás en peligro, por favor llama al **911**.")
    soon = await lane.service.saved_reply_text(case, "with_you_soon", 15)
    assert "Alguien del equipo estará contigo en unos 15 minutos." in soon.text


async def test_a_hindi_speaker_gets_a_saved_reply_in_hindi_and_an_english_only_one_in_english(
    lane: Lane, db: Database, tmp_path: Path
) -> None:
    await MemberLanguageRepository(db).set_language(ASHA, "hi", lane.clock.now())
    case = await concern_case(lane)  # the server's country: India
    made = await lane.service.saved_reply_text(case, "helplines", None)
    assert made.text.startswith("ये हेल्पलाइन मुफ़्त और गोपनीय हैं")
    assert "• **Tele-MANAS**: 14416 या 1-800-891-4416 पर कॉल करें (हर समय; 20 भाषाएँ)" in made.text
    assert made.text.endswith("कृपया **112** पर कॉल करें।")

    own = tmp_path / "relay_replies.toml"
    own.write_text(
        '[[reply]]\nname = "call_now"\nlabel = "Call now"\n'
        'text = "Please call a helpline now:\\n{helplines}"\n',
        encoding="utf-8",
    )
    lane.service.saved_replies = load_replies([DEFAULT_PATH, own])
    english = await lane.service.saved_reply_text(case, "call_now", None)
    assert (english.language, english.read_in) == ("hi", "en")
    # All of it in English, helplines too: one language in one message.
    assert "• **Tele-MANAS**: Call 14416 or 1-800-891-4416 (24x7; 20 languages)" in english.text


# --- helplines ----------------------------------------------------------------------------------


async def test_a_hindi_speakers_crisis_dm_reads_its_helplines_in_hindi(
    lane: Lane, db: Database
) -> None:
    await MemberLanguageRepository(db).remember_locale(ASHA, "hi", lane.clock.now())
    await open_case(lane)  # urgent; the server's country: India
    dm = lane.fake.dms_to(ASHA)[-1]
    assert "अभी खतरे में हैं? **112** पर कॉल करें" in dm
    assert "• **Tele-MANAS**: 14416 या 1-800-891-4416 पर कॉल करें (हर समय)" in dm
    assert "Call" not in dm
    assert "24x7" not in dm
    assert len(dm) < 400


def test_every_shipped_helpline_reads_in_spanish_and_hindi_with_its_numbers_intact(
    caplog: pytest.LogCaptureFixture,
) -> None:
    i18n.reload()
    with caplog.at_level(logging.WARNING, "cogs.utils.i18n"):
        for language in TRANSLATED:
            with speaking(language):
                for line in BOOK.helplines:
                    reach = words.contact(line.contact)
                    assert reach != line.contact, (language, line.contact)
                    assert digits(reach) == digits(line.contact)
                    words.hours(line.hours)
                    words.languages(line.languages)
                    words.name(line.name)
                for country in BOOK.countries.values():
                    shown = words.emergency(country.emergency)
                    assert shown is not None
                    assert digits(shown) == digits(country.emergency)
                    assert words.country_name(country.code, country.name) != country.name or (
                        language == "es" and country.name in SAME_IN_SPANISH
                    )
    assert missing_warnings(caplog) == []


SAME_IN_SPANISH = {"Colombia", "Argentina", "Chile", "Venezuela", "Ecuador", "Guatemala", "Cuba"}
SAME_IN_SPANISH |= {"Uruguay", "Paraguay", "Costa Rica", "El Salvador", "Honduras", "Puerto Rico"}
SAME_IN_SPANISH |= {"Jamaica", "Nepal", "Nigeria", "Kenya", "Uganda", "India", "Canada"}
SAME_IN_SPANISH |= {"Australia", "Bangladesh", "Sri Lanka", "Tanzania", "Bolivia", "Nicaragua"}
SAME_IN_SPANISH |= {"Barbados", "Ghana", "Bahamas", "Angola"}


def digits(text: str) -> list[str]:
    return re.findall(r"\d+", text)


@pytest.mark.parametrize(
    ("language", "english", "shown"),
    [
        ("es", "112 or 999", "112 o 999"),
        ("hi", "112 or 999", "112 या 999"),
        ("es", "131 (ambulance), 133 (police)", "131 (ambulancia), 133 (policía)"),
        ("hi", "107 (ambulance)", "107 (एम्बुलेंस)"),
        ("es", "911 (police, fire) or 112", "911 (policía, bomberos) o 112"),
        ("en", "131 (ambulance), 133 (police)", "131 (ambulance), 133 (police)"),
    ],
)
def test_an_emergency_number_keeps_its_numbers_and_says_the_rest_in_the_language(
    language: str, english: str, shown: str
) -> None:
    with speaking(language):
        assert words.emergency(english) == shown


def test_languages_countries_and_a_new_line_in_a_usual_shape_need_no_new_entry() -> None:
    with speaking("es"):
        assert words.languages("English, Spanish") == "inglés y español"
        assert words.languages("English, French and Hindi") == "inglés, francés y hindi"
        assert words.languages("Spanish, Italian") == "español e italiano"
        assert words.country_name("MX", "Mexico") == "México"
        assert words.country_name("VI", "U.S. Virgin Islands") == "Islas Vírgenes de EE. UU."
        assert words.contact("Call 800 911 2000") == "Llama al 800 911 2000"
        assert words.contact("Text AYUDA to 988") == "Escribe AYUDA al 988"
    with speaking("hi"):
        assert words.languages("13 languages") == "13 भाषाएँ"
        assert words.languages("English, Hindi") == "अंग्रेज़ी और हिन्दी"
        assert words.country_name("IN", "India") == "भारत"
        assert words.contact("Call or WhatsApp +91 9999 666 555") == (
            "+91 9999 666 555 पर कॉल या WhatsApp करें"
        )


def test_a_helpline_word_with_no_translation_is_english_and_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    i18n.reload()
    with caplog.at_level(logging.WARNING, "cogs.utils.i18n"), speaking("hi"):
        for _ in range(2):
            assert words.hours("weekdays 9 to 5") == "weekdays 9 to 5"
            assert words.contact("Visit their office") == "Visit their office"
            assert words.emergency("112 from any phone") == "112 from any phone"
        # A name is a name: no warning when it has no translation.
        assert words.name("Lifeline") == "Lifeline"
    assert len(missing_warnings(caplog)) == 3


def test_the_country_list_is_in_the_language_spoken_and_english_is_as_before() -> None:
    from cogs.admin.policy import country_choices, parse_country

    for typed in ("", "ind", "fr", "united"):
        assert words.country_choices(typed, BOOK) == country_choices(typed, BOOK)
        if typed:
            assert words.find_country("India", BOOK) == parse_country("India", BOOK)
    with speaking("es"):
        assert ("Estados Unidos (US)", "US") in words.country_choices("estados", BOOK)
        assert words.find_country("Perú", BOOK) == words.find_country("peru", BOOK) == "PE"
    with speaking("hi"):
        assert words.country_choices("भारत", BOOK) == [("भारत (IN)", "IN")]
        assert words.country_choices("xk", BOOK) == []
        with pytest.raises(InvalidInput, match="कोई देश कोड नहीं है"):
            words.find_country("Atlantis", BOOK)
