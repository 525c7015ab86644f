"""Check-in copy in Spanish and Hindi (issue 15): the prompt is translated with the message,
plurals follow each language, and English stays as it was."""

from __future__ import annotations

from cogs.checkins import messages
from cogs.utils.i18n import speaking, t

PROMPT = (
    "Share one good thing from your week, however small, and tell your partner what made it good."
)


def test_the_dm_opening_translates_the_prompt_and_counts_partners() -> None:
    with speaking("es"):
        one = messages.dm_opening(3, [2], PROMPT)
        assert one.startswith("Quien te acompaña en el encuentro de la semana 3: <@2>.")
        assert "**La propuesta de esta semana:** Comparte algo bueno de tu semana" in one
        two = messages.dm_opening(3, [2, 3], PROMPT)
        assert two.startswith("Quienes te acompañan en el encuentro de la semana 3: <@2> y <@3>.")
    with speaking("hi"):
        two = messages.dm_opening(3, [2, 3], PROMPT)
        assert two.startswith("हफ़्ते 3 के लिए आपके चेक-इन साथी: <@2> और <@3>।")
        assert "**इस हफ़्ते का विषय:** अपने हफ़्ते की कोई एक अच्छी बात बताइए" in two
    english = messages.dm_opening(3, [2, 3], PROMPT)
    assert english.startswith("Your check-in partners for week 3: <@2> and <@3>. You chose")
    assert messages.dm_opening(3, [2], PROMPT).startswith("Your check-in partner for week 3: <@2>.")


def test_a_trios_thread_opening_names_all_three_in_the_language() -> None:
    with speaking("hi"):
        text = messages.thread_opening(2, [1, 2, 3], PROMPT)
        assert text.startswith("नमस्ते <@1>, <@2> और <@3>! आप तीनों इस हफ़्ते के चेक-इन साथी हैं")
    assert messages.thread_opening(2, [1, 2, 3], PROMPT).startswith(
        "Hello <@1>, <@2> and <@3>! You're this week's check-in trio (week 2)."
    )


def test_the_kind_notes_by_dm_are_in_the_members_language() -> None:
    with speaking("es"):
        assert t(messages.PAUSED_NOTE).startswith("¡Hola! Tus últimos tres encuentros no se dieron")
        assert "`/checkin optin`" in t(messages.PAUSED_NOTE)
        assert t(messages.NO_PARTNER).startswith(
            "Esta semana no encontramos a nadie para tu encuentro"
        )
    with speaking("hi"):
        assert "`/checkin snooze`" in t(messages.DM_REMINDER)
