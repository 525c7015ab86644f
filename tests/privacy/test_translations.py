"""/privacy's words in Spanish and Hindi: what Kindred holds, described in the member's language."""

from __future__ import annotations

from cogs.privacy import messages
from cogs.privacy.service import describe
from cogs.utils.i18n import speaking

HELD = {
    "crisis_cases": [{}],
    "member_settings": [{"country": "MX", "language": "es"}],
    "wellbeing_answers": [{}, {}],
    "wellbeing_partial_answers": [{}],
    "toolkit_cope_log": [{}],
    "mystery_table": [{}, {}],
}


def test_privacy_show_describes_what_is_held_in_spanish() -> None:
    with speaking("es"):
        lines = describe(HELD, 30)
    text = "\n".join(lines)
    assert lines[0].startswith("**Apoyo en crisis**: 1 caso de cuando Kindred")
    assert "**Idioma**: Español" in text
    assert "2 formularios respondidos" in text
    assert ", 1 respuesta elegida pero aún sin enviar" in text
    assert "**Otros registros**: 2 filas en `mystery_table`." in text
    assert lines[-1].startswith("`/privacy export` te envía una copia")


def test_privacy_show_in_hindi_and_english() -> None:
    with speaking("hi"):
        hindi = "\n".join(describe(HELD, 30))
    english = "\n".join(describe(HELD, 30))
    assert "**भाषा**: Español" in hindi
    assert "**/cope का रिकॉर्ड**: सहेजने के लिए चुने गए 1 पल" in hindi
    assert "**Language**: Spanish, which you chose with `/language`." in english
    assert "**Crisis support**: 1 case opened" in english
    assert "2 answered forms (your answers and scores), 1 answer you chose" in english


def test_the_erasure_confirmation_names_what_went_in_the_members_language() -> None:
    counts = {"wellbeing check-ins": 3, "coping toolkit": 1, "audit log": 0}
    with speaking("es"):
        spanish = messages.erased(counts, 1)
    with speaking("hi"):
        hindi = messages.erased({}, 0)
    assert "4 registros cambiados (check-ins de bienestar (3), herramientas para" in spanish
    assert "Dejaste 1 lugar(es)" in spanish
    assert hindi.startswith("हो गया। Kindred के पास आपके बारे में कुछ नहीं था")
    assert messages.erased(counts, 0).startswith(
        "Done. Kindred erased what it held about you in every server you share with it: "
        "4 records changed (wellbeing check-ins (3), coping toolkit (1))."
    )
