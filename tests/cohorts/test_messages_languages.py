"""The cohorts lane's copy in Spanish and Hindi (issue 15): what a member reads is in the language
being spoken, English stays as it was, and the join form reads answers in every language."""

from __future__ import annotations

import datetime as dt

from cogs.cohorts import messages, policy
from cogs.utils.i18n import speaking
from db.models.cohorts import Cohort, Group, SessionRow

NOW = dt.datetime(2026, 10, 5, 22, 0, tzinfo=dt.UTC)
COHORT = Cohort(
    id=1,
    guild_id=1,
    name="Autumn",
    state="running",
    start_date=dt.date(2026, 10, 6),
    weeks=12,
    weekday=1,
    local_time=dt.time(18, 0),
    timezone="America/New_York",
    length_minutes=60,
    group_cap=8,
    between_mode="checkins",
    reminder_hours=(24.0, 1.0),
    skipped_slots=frozenset(),
    category_id=None,
    created_by=5,
    created_at=NOW,
)
SPANISH_GROUP = Group(1, 1, 2, "general", None, 7, 11, None, "es")
SESSION = SessionRow(1, 1, 2, 2, NOW, NOW + dt.timedelta(hours=1), "scheduled", None, None)


def test_the_consent_summary_is_in_the_members_language_with_the_days_and_buttons() -> None:
    with speaking("es"):
        text = messages.consent_summary("Autumn", 45)
        assert "**Antes de unirte a Autumn**" in text
        assert "45 días" in text
        assert "**Leer todo**" in text
        assert "**Acepto, continuar**" in text
    with speaking("hi"):
        text = messages.consent_summary("Autumn", 45)
        assert "45 दिन" in text
        assert "**पूरा पढ़ें**" in text
    english = messages.consent_summary("Autumn", 45)
    assert english.startswith("**Before you join Autumn**, here is what Kindred keeps:")
    assert english.endswith(
        "Tap **Read everything** for the full text, or **I agree, continue** for the form."
    )


def test_a_place_names_the_group_in_the_members_language() -> None:
    with speaking("es"):
        text = messages.joined(COHORT, SPANISH_GROUP, 1)
        assert "Grupo 2 (general, en español)" in text
        assert "<#11>" in text
        assert "Qué guarda Kindred y quién lo ve: `/privacy show`." in text
    with speaking("hi"):
        assert "ग्रुप 2 (सामान्य, स्पैनिश में)" in messages.joined(COHORT, SPANISH_GROUP, 1)
    assert "Group 2 (general, in Spanish)" in messages.joined(COHORT, SPANISH_GROUP, 1)


def test_a_reminder_translates_the_weeks_title_and_when_it_starts() -> None:
    with speaking("hi"):
        text = messages.reminder(
            COHORT, SESSION, dt.timedelta(hours=24), "Asking for support, directly"
        )
        assert text.startswith("याद दिला दें: **Autumn** का हफ़्ता 2 (सीधे मदद माँगना) कल शुरू होगा")
        # The cohort's clock with Hindi day and month names (Babel's).
        assert "(सोम, 5 अक्टू॰ 18:00 America/New_York)" in text
    with speaking("es"):
        text = messages.reminder(COHORT, SESSION, dt.timedelta(hours=3), "Taking a break together")
        assert "(Un descanso en buena compañía) empieza en 3 horas" in text
        assert "(lun, 5 oct 18:00 America/New_York)" in text
    english = messages.reminder(COHORT, SESSION, dt.timedelta(hours=1), "Taking a break together")
    assert "(Taking a break together) starts in 1 hour, <t:" in english
    assert "(Mon 05 Oct 18:00 America/New_York)" in english


def test_the_join_form_reads_yes_and_focuses_in_spanish_and_hindi() -> None:
    assert policy.focus_from("recién diagnosticado") == "newly_diagnosed"
    assert policy.focus_from("progresión") == "progression"
    assert policy.focus_from("नया निदान") == "newly_diagnosed"
    assert policy.focus_from("प्रगति") == "progression"
    assert policy.focus_from("सामान्य") == "general"
    assert policy.focus_from("afinidad") == "affinity"


def test_the_moderators_introduction_is_in_the_members_language_and_staff_read_english() -> None:
    from cogs.cohorts import profiles
    from db.models.plans import ModeratorProfile

    profile = ModeratorProfile(
        1, 7, "peer_facilitator", "MS since 2015.", ("English", "Hindi"), 7, NOW
    )
    with speaking("hi"):
        intro = profiles.introduction(7, profile)
        assert intro.startswith(
            "**आपके मॉडरेटर:** <@7>, प्रशिक्षित साथी-फ़ैसिलिटेटर · भाषाएँ: English और Hindi"
        )
        assert intro.endswith("\n> MS since 2015.")
        staff = profiles.saved(7, profile)
    assert staff.startswith(
        "Saved. Members of the groups they moderate will see:\n**Moderator:** <@7>"
    )
    assert profiles.introduction(7, profile).startswith(
        "**Your moderator:** <@7>, trained peer facilitator · speaks English and Hindi"
    )
