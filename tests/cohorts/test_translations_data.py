"""The curriculum as groups read it, in Spanish and Hindi: every title, theme and prompt of
config/curriculum.toml has a translation with the same placeholders (none), and each week's post
fits in one Discord message in every language. The `source` notes are for staff: not translated.
"""

from __future__ import annotations

from cogs.cohorts.curriculum import DISCORD_MESSAGE_LIMIT, TITLE_LIMIT, load_curriculum
from cogs.utils.i18n import TRANSLATED, speaking, t
from tests.i18n_checks import Text, missing_translations


def curriculum_texts() -> list[Text]:
    texts = []
    for week in load_curriculum().weeks:
        where = f"config/curriculum.toml:week {week.week}"
        texts.append(Text(week.title, where=f"{where} title"))
        texts.append(Text(week.theme, where=f"{where} theme"))
        texts.extend(Text(p, where=f"{where} prompts") for p in week.prompts)
    return texts


def test_every_week_of_the_curriculum_is_translated() -> None:
    assert missing_translations(curriculum_texts()) == []


def test_every_weeks_post_fits_in_one_message_in_every_language() -> None:
    curriculum = load_curriculum()
    for language in TRANSLATED:
        with speaking(language):
            for week in curriculum.weeks:
                assert len(curriculum.theme_post(week.week)) < DISCORD_MESSAGE_LIMIT
                assert len(t(week.title)) <= TITLE_LIMIT


def test_the_post_is_in_the_language_spoken_and_a_coordinators_theme_is_kept() -> None:
    curriculum = load_curriculum()
    with speaking("es"):
        post = curriculum.theme_post(2)
        assert post.startswith("**Semana 2 · Pedir apoyo, de forma directa**")
        assert "Algunas cosas de las que podríamos hablar:" in post
        assert "Asking" not in post
        own = curriculum.theme_post(2, {2: "Nuestro propio tema."})
        assert "Nuestro propio tema." in own
        assert "• ¿Hay algo pequeño que podrías pedirle a alguien esta semana?" in own
    with speaking("hi"):
        post = curriculum.theme_post(5)
        assert post.startswith("**हफ़्ता 5 · अच्छी ख़बर बाँटना**")
        assert "कुछ बातें जिन पर हम बात कर सकते हैं:" in post
    assert curriculum.theme_post(2).startswith("**Week 2 · Asking for support, directly**")
