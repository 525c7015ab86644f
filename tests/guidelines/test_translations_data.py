"""The guidelines' member-facing copy in Spanish and Hindi: the rules file's reasons and
suggestions, and the nudges and notices rendered in each language."""

from __future__ import annotations

from cogs.guidelines import messages
from cogs.guidelines.rules import default_rules_path, load_rules
from cogs.guidelines.suggestions import render_suggestion
from cogs.utils.i18n import speaking
from tests.builders import an_infraction
from tests.i18n_checks import Text, missing_translations

RULES = load_rules([default_rules_path()])
MINIMIZING = RULES.labels["minimizing"]


def rule_texts() -> list[Text]:
    texts = []
    for label, copy in RULES.labels.items():
        for field in ("reason", "suggestion"):
            if getattr(copy, field):
                where = f"config/guideline_rules.toml:labels.{label}.{field}"
                texts.append(Text(getattr(copy, field), where=where))
    for rule in RULES.rules:
        for field in ("reason", "suggestion"):
            if getattr(rule, field):
                where = f"config/guideline_rules.toml:{rule.id}.{field}"
                texts.append(Text(getattr(rule, field), where=where))
    return texts


def test_every_reason_and_suggestion_is_translated_with_the_same_placeholders() -> None:
    assert missing_translations(rule_texts()) == []


def nudge(language: str, context: str = "I'm so exhausted this week") -> str:
    fitted = render_suggestion(MINIMIZING.suggestion, context)
    with speaking(language):
        suggestion = messages.fitted_suggestion(fitted, MINIMIZING.suggestion, "exhausting")
        return messages.nudge_dm("Ben", "<#1>", "minimizing", MINIMIZING.reason, suggestion)


def test_a_spanish_member_reads_the_nudge_in_spanish_with_the_feeling_in_spanish() -> None:
    text = nudge("es")
    assert text.startswith("Hola, Ben: una nota amable de Kindred sobre tu mensaje en <#1>.")
    assert "**Valida, no minimices.** Nuestro grupo intenta validar" in text
    assert "*Eso suena muy agotador. Me alegra que nos lo hayas contado.*" in text
    assert "`/nudges off`" in text


def test_a_hindi_member_reads_the_nudge_in_hindi() -> None:
    text = nudge("hi")
    assert text.startswith("नमस्ते Ben,")
    assert "**हौसला दें, बात को छोटा न करें।**" in text
    assert "यह सच में बहुत थका देने वाला लगता है।" in text


def test_the_english_nudge_is_the_suggestion_as_the_screen_fitted_it() -> None:
    text = nudge("en")
    assert "*That sounds really exhausting. I'm glad you told us.*" in text
    assert text.startswith("Hi Ben, a gentle note from Kindred about your message in <#1>.")


def test_hidden_and_pardon_notices_speak_the_members_language() -> None:
    infraction = an_infraction(id=4, points=2)
    reason = RULES.labels["toxic"].reason
    with speaking("es"):
        hidden = messages.hidden_notice("Ana", "<#1>", reason, infraction, 2, 30)
        pardon = messages.pardon_notice("MS Circle", infraction, "era una cita")
    with speaking("hi"):
        care = messages.hidden_care_notice("Asha", "<#1>", reason, infraction, 2, 30)
    assert "**Por qué:** Este mensaje se ocultó" in hidden
    assert "pulsa **Apelar**" in hidden
    assert "infracción n.º 4" in pardon
    assert "era una cita" in pardon  # the moderator's words as written
    assert "`/resources`" in care
    assert "**अपील करें**" in care
