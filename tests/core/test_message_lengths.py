"""The length budget for what members read: most messages under 600 characters.

Someone with MS fatigue or blurred vision reads a long message in pieces, or not at all; so
every member-facing constant and template in ``cogs/*/messages.py`` is rendered here with
realistic values and measured. The crisis DM's first screen has its own, tighter budget (400)
and must still carry the emergency number and the country's crisis lines.

A new template must be added to one of the tables below (rendered, or listed with the reason
it is not member-facing), so nothing escapes the budget by being new. The few that must be
longer are in ``LONGER`` with why, and a ceiling of their own.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import re
import string
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cogs.crisis.helplines import HelplineBook
from cogs.toolkit.cope import suggest
from cogs.toolkit.strategies import FEELINGS, load_strategies
from cogs.utils.i18n import ENGLISH, TRANSLATED, speaking, t
from cogs.wellbeing.instruments import load_instruments
from db.models.cohorts import Cohort, Enrolment, Group, SessionRow
from db.models.guidelines import Appeal
from db.models.reports import MessageReport
from tests.builders import an_infraction

BUDGET = 600
LANGUAGES = (ENGLISH, *TRANSLATED)
CRISIS_FIRST_SCREEN = 400
LANES = ("admin", "checkins", "cohorts", "crisis", "guidelines", "plan", "privacy", "toolkit")
LANES += ("reports", "wellbeing", "members")
ROOT = Path(__file__).resolve().parents[2]

# Longer on purpose: the member asked for the whole of it, or it is their own words.
LONGER: dict[str, tuple[int, str]] = {
    "cohorts.language_note": (
        700,
        "the join reply when no group in the member's language had room: one plain line on "
        "where they are and why, after the welcome",
    ),
    "crisis.resources_message": (
        1000,
        "/resources and 'More ways to get help': the full list the member asked for, every "
        "line with its languages; the short first screens come before it",
    ),
    "privacy.DELETE_CONFIRM": (
        700,
        "consent to erase everything: what goes, in every server, and that it cannot be undone, "
        "before the member presses the button",
    ),
    "cohorts.consent_full": (
        1500,
        "everything Kindred keeps, behind 'Read everything' and in /privacy show: the member "
        "asked for the whole of it; the summary before it is short",
    ),
    "wellbeing.checkin_dm": (
        900,
        "a full-week check-in names its three questionnaires and each one's answer scale "
        "(the questions themselves are on the answer screens)",
    ),
}

# Public functions that are not a message a member reads, and why.
NOT_FOR_MEMBERS: dict[str, str] = {
    **dict.fromkeys(
        (
            "admin.describe_value",
            "admin.settings_lines",
            "admin.missing_hint",
            "admin.updated",
            "admin.automod_warning",
            "admin.automod_report",
            "admin.automod_fixed",
        ),
        "/setup and its checks: coordinators",
    ),
    "checkins.mentions": "a helper: mentions inside other messages",
    "checkins.thread_name": "a thread's name (100 characters at most; tests/checkins)",
    "checkins._and": "a helper",
    "checkins.staff_unplaced": "the staff channel",
    "checkins.percent": "a helper",
    "cohorts.percent": "a helper",
    "cohorts.when": "a helper",
    "cohorts.group_name": "a helper",
    "cohorts.member_group_name": "a helper: the group's name inside other messages",
    "cohorts.state_name": "a helper: a state inside other messages",
    "cohorts.focus_name": "a helper: a focus inside other messages",
    "cohorts.language_name": "a helper: a language's name inside other messages",
    "cohorts.zone_name": "a button label (80 characters at most; tests/cohorts)",
    "cohorts.cohort_summary": "/cohort list: coordinators",
    "cohorts.created": "/cohort create: coordinators",
    "cohorts.outreach": "a note to the group's moderator",
    "cohorts.cap_warning": "/cohort create: coordinators",
    "cohorts.voice_refused": "the staff channel",
    "crisis.excerpt": "a helper: moderators' excerpt",
    "crisis.relay_in": "the case's conversation thread: moderators",
    "crisis.member_contact": "the staff alert and case record",
    "crisis.relay_raised": "the staff channel",
    "cohorts.excused_note": "a DM to the group's moderator",
    "reports.when": "a helper",
    "reports.jump": "a helper: a link inside other messages",
    "reports.coordinator_note": "to coordinators",
    "reports.queue_line": "/mod queue: moderators",
    "reports.case_reason": "the case record: moderators",
    "crisis.helpline_lines": "a helper: lines inside other messages",
    "crisis.short_helpline_lines": "a helper: lines inside other messages",
    "crisis.first_lines": "a helper: picks helplines",
    "crisis.in_your_language": "a helper: lines inside other messages",
    "crisis.checked_wording": "bot.py check: staff",
    "crisis.automod_reason": "the case record: moderators",
    "crisis.joined_detail": "the case record: moderators",
    "crisis.alert_fields": "the staff alert",
    "crisis.jump_url": "the staff alert",
    "crisis.alert_footer": "the staff alert",
    "crisis.status_line": "the staff alert",
    "crisis.alert_content": "the staff alert",
    "crisis.escalation_content": "the staff channel",
    "crisis.steps_missed": "the staff channel",
    "crisis.coordinator_dm": "to coordinators",
    "crisis.no_staff_channel_dm": "to coordinators",
    "crisis.owner_dm": "to the server owner, when nobody else can be reached",
    "crisis.followup_reminder": "to the moderator who resolved a case",
    "crisis.case_record": "/crisis case: moderators",
    "crisis.already_taken": "to a moderator",
    "guidelines.title": "a helper",
    "guidelines.when": "a helper",
    "guidelines.excerpt": "a helper: moderators' excerpt",
    "guidelines.review_note": "the staff channel",
    "guidelines.history": "/mod history: moderators",
    "guidelines.outcome_text": "a helper for /mod queue",
    "guidelines.queue": "/mod queue: moderators",
    "guidelines.settings_view": "/guidelines show: moderators",
    "guidelines.limits_lines": "/guidelines limits: coordinators",
    "guidelines.automod_on": "/guidelines automod: coordinators",
    "guidelines.automod_off": "/guidelines automod: coordinators",
    "guidelines.automod_staff_notice": "the staff channel",
    "plan._entry": "a helper",
    "plan._english": "a helper: the moderator's copy stays English",
    "plan.strategy_title": "a helper: an idea's title inside other messages",
    "plan.cancel_label": "a button label",
    "plan.choose_action": "the member's own plan entry in their own words",
    "plan.show": "the member's own plan in their own words: its length is theirs",
    "plan.for_moderator": "to the group's moderator, when the member shares their plan",
    "plan.for_cope": "the member's own plan in their own words: its length is theirs",
    "plan.checkin_dm_note": "the member's own plan in their own words: its length is theirs",
    "privacy.chunks": "a helper: splits long answers at Discord's limit",
    "toolkit.weekly_thread_name": "a thread's name",
    "wellbeing.read_as_note": "a helper inside saved()",
    "wellbeing.score_line": "a helper inside saved()",
    "wellbeing.trend_words": "lines of /wellbeing me, measured there with the chart summary",
    "wellbeing.schedule_saved": "/wellbeing settings: coordinators",
    "wellbeing.settings_saved": "/wellbeing settings: coordinators",
}

ID = 112233445566778899
NOW = dt.datetime(2026, 10, 6, 22, 0, tzinfo=dt.UTC)
SAMPLE_STR = {
    "name": "Asha",
    "guild_name": "MS Kindred Circle",
    "channel_mention": "<#112233445566778899>",
    "label": "minimizing",
    "reason": "Saying it could be worse can make someone feel their struggle isn't seen.",
    "suggestion": "That sounds really hard. I'm glad you told us.",
    "prompt": "What is one small thing that made this week a bit easier?",
    "cohort": "Autumn 2026",
    "what": "your reason",
    "where": "in #general",
    "feeling": "overwhelmed",
    "rule_name": "Kindred: slurs",
    "title": "Fatigue and pacing",
    "situation": "when fatigue hits in the afternoon",
    "text": "My neurologist says my last MRI was stable, and I walked to the shops today!",
    "problem": "Kindred lacks Manage Server",
    "fix": "gave Kindred Manage Server",
    "tz": "Asia/Kolkata",
}


def sample(name: str, annotation: str) -> Any:
    """A realistic value for a parameter or a format field, by its name."""
    if "bool" in annotation and "int" not in annotation:
        return True
    if name in SAMPLE_STR:
        return SAMPLE_STR[name]
    if name.endswith("_id") or name in ("member", "moderator", "user"):
        return ID
    if "int" in annotation or "float" in annotation or name in ("week", "minutes", "count"):
        return {"week": 3, "minutes": 60, "points": 2, "limit": 1000}.get(name, 3)
    return "Asha"


class Fields(dict[str, Any]):
    """Format fields filled by name (``{member}`` -> a mention, ``{week}`` -> 3, ...)."""

    def __missing__(self, key: str) -> Any:
        return f"<@{ID}>" if key in ("member", "user") else sample(key, "")


def constants(module: ModuleType) -> Iterator[tuple[str, str]]:
    """Every member-readable string constant of a messages module (dict and tuple values too)."""
    for name, value in vars(module).items():
        if not name.isupper():
            continue
        values = (
            value.values()
            if isinstance(value, dict)
            else value
            if isinstance(value, tuple | list)
            else [value]
        )
        for text in values:
            if isinstance(text, str):
                # Constants are English ids (``N_``), translated where they are used.
                text = t(text)
                fields = [f for _, f, _, _ in string.Formatter().parse(text) if f]
                yield name, text.format_map(Fields()) if fields else text


def functions(module: ModuleType) -> Iterator[tuple[str, Callable[..., Any]]]:
    for name, value in vars(module).items():
        if inspect.isfunction(value) and value.__module__ == module.__name__:
            yield name, value


def modules() -> Iterator[tuple[str, ModuleType]]:
    for lane in LANES:
        yield lane, importlib.import_module(f"cogs.{lane}.messages")


def simple(fn: Callable[..., Any]) -> bool:
    """Only str / int / bool / float parameters: rendered by name, no table entry needed."""
    kinds = {"str", "int", "bool", "float", "str | None", "int | None", "bool | None"}
    return all(
        str(p.annotation) in kinds
        for p in inspect.signature(fn).parameters.values()
        if p.default is inspect.Parameter.empty
    )


def render_simple(fn: Callable[..., Any]) -> list[str]:
    """The function with sample values; every bool both ways."""
    params = [
        p for p in inspect.signature(fn).parameters.values() if p.default is inspect.Parameter.empty
    ]
    flags = [p.name for p in params if "bool" in str(p.annotation)]
    args = {p.name: sample(p.name, str(p.annotation)) for p in params}
    out = []
    for combo in range(2 ** len(flags)):
        for i, flag in enumerate(flags):
            args[flag] = bool(combo >> i & 1)
        out.append(fn(**args))
    return out


# --- realistic rows for the templates that take them ---------------------------------------------

HELPLINES = HelplineBook.load([ROOT / "config" / "helplines.toml"])
STRATEGIES = load_strategies()
INSTRUMENTS = load_instruments()
COHORT = Cohort(
    id=1,
    guild_id=1,
    name="Autumn 2026",
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
    created_by=ID,
    created_at=NOW,
)
GROUP = Group(1, 1, 2, "newly diagnosed", "Newly diagnosed", ID, ID, ID)
ENROLMENT = Enrolment(1, 1, ID, 1, "enrolled", 1, "newly diagnosed", None, True, None, NOW, NOW)
SESSION = SessionRow(1, 1, 3, 3, NOW, NOW + dt.timedelta(hours=1), "scheduled", None, None)
APPEAL = Appeal(3, 1, 1, ID, "I was quoting.", "upheld", NOW, ID, NOW, "It was aimed at Ben.")


def rendered_templates() -> Iterator[tuple[str, str]]:
    """(module.function, text) for the member-facing templates that take rows."""
    from cogs.checkins import messages as checkins
    from cogs.cohorts import messages as cohorts
    from cogs.crisis import messages as crisis
    from cogs.guidelines import messages as guidelines
    from cogs.privacy import messages as privacy
    from cogs.reports import messages as reports
    from cogs.toolkit import messages as toolkit
    from cogs.wellbeing import messages as wellbeing

    pair, trio = [ID, ID + 1], [ID, ID + 1, ID + 2]
    prompt = SAMPLE_STR["prompt"]
    for members in (pair, trio):
        yield "checkins.thread_opening", checkins.thread_opening(3, members, prompt)
        yield "checkins.dm_opening", checkins.dm_opening(3, members[1:], prompt)
        yield "checkins.reminder", checkins.reminder(members)
        yield "checkins.ask", checkins.ask(members)
    yield "cohorts.joined", cohorts.joined(COHORT, GROUP, 1, "Maya")
    yield "cohorts.waitlisted", cohorts.waitlisted(COHORT, 4)
    for outcome in ("same", "other"):
        yield (
            "cohorts.language_note",
            cohorts.joined(COHORT, GROUP, 1, "Maya") + cohorts.language_note("es", outcome),
        )
    for outcome in ("full", "none"):
        yield (
            "cohorts.language_note",
            cohorts.waitlisted(COHORT, 4) + cohorts.language_note("hi", outcome),
        )
    zones = ["US Central (Chicago)", "China (Shanghai)", "Cuba (Havana)"]
    yield "cohorts.timezone_ambiguous", cohorts.timezone_ambiguous("CST", zones)
    for close in ((), ("Kolkata", "Karachi", "Kabul")):
        yield "cohorts.timezone_unknown", cohorts.timezone_unknown("Kolkatta", close)
    for absent in (True, False):
        for changed in (True, False):
            yield (
                "cohorts.absent_marked",
                cohorts.absent_marked(COHORT, SESSION, absent, changed),
            )
    yield "cohorts.promoted", cohorts.promoted(COHORT, GROUP)
    yield "cohorts.left", cohorts.left(COHORT, ENROLMENT)
    yield (
        "cohorts.reminder",
        cohorts.reminder(COHORT, SESSION, dt.timedelta(hours=24), "Fatigue and pacing"),
    )
    for code in sorted(HELPLINES.countries):
        lines = HELPLINES.for_country(code)
        name = HELPLINES.country_name(code)
        emergency = HELPLINES.emergency_number(code)
        yield "crisis.resources_message", crisis.resources_message(lines, emergency, name)
        yield "crisis.resources_first_screen", crisis.resources_first_screen(lines, emergency, name)
    spanish = HELPLINES.for_country("US", language="es")
    # India's full list once its lines marked `recheck` are checked and sent again.
    india = [h for h in HELPLINES.helplines if h.country in ("IN", "*")]
    yield "crisis.resources_message", crisis.resources_message(india, "112", "India")
    yield "crisis.resources_message", crisis.resources_message(spanish, "911", "US", "es")
    infraction = an_infraction(id=4, reason=SAMPLE_STR["reason"], points=2)
    for notice in (guidelines.hidden_notice, guidelines.hidden_care_notice):
        yield (
            f"guidelines.{notice.__name__}",
            notice("Asha", "<#1>", SAMPLE_STR["reason"], infraction, 4, 30),
        )
    for kind in ("warn", "timeout"):
        warned = an_infraction(kind=kind, duration_min=60, reason=SAMPLE_STR["reason"])
        yield "guidelines.action_notice", guidelines.action_notice("MS Circle", warned, 3, 30)
    yield (
        "guidelines.pardon_notice",
        guidelines.pardon_notice("MS Circle", infraction, "It was a quote."),
    )
    yield "guidelines.appeal_decided_notice", guidelines.appeal_decided_notice("MS Circle", APPEAL)
    for route in reports.THANKS:
        for target_is_bot in (True, False):
            yield "reports.thanks", reports.thanks(route, target_is_bot=target_is_bot)
    for reason in reports.REASON_LABEL:
        report = MessageReport(1, 1, ID, ID, 1, 1, reason, "queue", None, None, None, NOW)
        yield "reports.already_reported", reports.already_reported(report)
    yield "privacy.erased", privacy.erased({"wellbeing answers": 12, "check-ins": 4}, 1)
    for strategy in STRATEGIES:
        yield "toolkit.strategy_block", toolkit.strategy_block(strategy)
    for feeling in FEELINGS:
        for around in (True, False):
            for seed in range(5):
                offered = suggest(feeling, around, STRATEGIES, seed)
                for shown in range(len(offered)):
                    yield (
                        "toolkit.cope_answer",
                        toolkit.cope_answer(feeling, around, offered, shown),
                    )
    book = INSTRUMENTS.instruments
    short = [book["who5"]]
    full = [i for i in book.values() if not i.crisis_item][:3]
    for instrument in book.values():
        parts = 2 if len(instrument.items) > 4 else 1
        yield (
            "wellbeing.tap_screen",
            wellbeing.tap_screen(
                "Weekly check-in", instrument, parts, parts, 1, 3, "Still to answer"
            ),
        )
    for forms in ([("who5", short)], [("full", full)]):
        yield "wellbeing.checkin_dm", wellbeing.checkin_dm("MS Circle", 3, "Autumn", forms)
    for weeks, values in (([3], [60]), ([1, 2, 3], [40, 60, 80]), ([1, 2], [60, 60])):
        yield (
            "wellbeing.chart_summary",
            wellbeing.chart_summary("WHO-5 Well-Being Index", weeks, values),
        )
    scores = [(i, i.score_max // 2) for i in full]
    for crisis_flag in (False, True):
        yield "wellbeing.saved", wellbeing.saved(scores, [("who5", 3)], crisis_flag)


TEMPLATES = {name for name, _ in rendered_templates()} | {"crisis.member_message"}


def all_texts() -> Iterator[tuple[str, str]]:
    """Every member-facing text, rendered in every language Kindred speaks."""
    for language in LANGUAGES:
        with speaking(language):
            yield from _texts()


def _texts() -> Iterator[tuple[str, str]]:
    for lane, module in modules():
        for name, text in constants(module):
            yield f"{lane}.{name}", text
        for name, fn in functions(module):
            key = f"{lane}.{name}"
            if key not in NOT_FOR_MEMBERS and key not in TEMPLATES and simple(fn):
                for text in render_simple(fn):
                    yield key, text
    yield from rendered_templates()


def test_every_template_is_measured_or_said_not_to_be_for_members() -> None:
    unknown = [
        f"{lane}.{name}"
        for lane, module in modules()
        for name, fn in functions(module)
        if f"{lane}.{name}" not in NOT_FOR_MEMBERS
        and f"{lane}.{name}" not in TEMPLATES
        and not simple(fn)
    ]
    assert unknown == [], "render these in rendered_templates() or list them in NOT_FOR_MEMBERS"


def test_member_facing_messages_stay_within_the_budget() -> None:
    over = []
    for key, text in all_texts():
        if not isinstance(text, str):
            continue
        limit = LONGER.get(key, (BUDGET, ""))[0]
        if len(text) > limit:
            over.append(f"{key}: {len(text)} > {limit}: {text[:80]!r}")
    assert over == []


def test_the_allow_list_is_still_needed() -> None:
    """An entry in LONGER that now fits the budget should go (so the list stays honest)."""
    longest: dict[str, int] = {}
    for key, text in all_texts():
        if key in LONGER and isinstance(text, str):
            longest[key] = max(longest.get(key, 0), len(text))
    assert {k: v for k, v in longest.items() if v <= BUDGET} == {}
    assert set(longest) == set(LONGER)


@pytest.mark.parametrize("code", [*sorted(HELPLINES.countries), None])
@pytest.mark.parametrize("blocked", [False, True])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_crisis_dms_first_screen_is_short_and_keeps_the_urgent_lines(
    code: str | None, blocked: bool, language: str
) -> None:
    from cogs.crisis import helpline_words as words
    from cogs.crisis import messages as crisis

    # As the crisis lane sends it (``steps.py``): in the member's language, the lines that say
    # how to reach them in it first.
    lines = HELPLINES.for_country(code, crisis_only=True, language=language)
    emergency = HELPLINES.emergency_number(code)
    own = [h for h in lines if h.country == code and h.crisis]
    with speaking(language):
        text = crisis.member_message(
            "Priyanka", lines, emergency, urgent=True, blocked=blocked, language=language
        )
        # The number and the first line as the member reads them, in their language.
        shown_emergency = words.emergency(emergency)
        first_contact = [words.contact(line.contact) for line in own[:1] or lines[:1]]
    assert len(text) < CRISIS_FIRST_SCREEN, text
    if emergency:
        assert f"**{shown_emergency}**" in text
        assert all(number in text for number in re.findall(r"\d+", emergency))
    for contact in first_contact:
        assert contact in text, "the country's first crisis line is on the first screen"
