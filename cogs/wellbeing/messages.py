"""What Kindred says about wellbeing check-ins (plain text; no discord).

What a member reads is in their language: constants are English ids (``N_``) translated where
they are used, functions translate as they render, and the instruments' own words (names,
stems, answer labels, questions) come from ``config/instruments.toml`` through
``Instrument.said`` (``wellbeing_data.po``, each instrument's published translation where there
is one). What coordinators and moderators read (settings, outcomes, a shared trend) stays
English.
"""

from __future__ import annotations

from collections.abc import Sequence

from cogs.utils.i18n import N_, t, tn, tp
from cogs.wellbeing.instruments import Instrument, Instruments

OPTED_IN = N_(
    "You're in: Kindred will DM you a short wellbeing check-in each week (a minute or two). "
    "Your answers are yours: you see your trend with `/wellbeing me`; coordinators only ever see "
    "group averages of five or more answers, never yours. Any answer about thoughts of "
    "self-harm goes to a person on the team the same day, so someone can reach out. "
    "`/wellbeing optout` stops the check-ins at any time; `/privacy delete` erases the answers."
)
# Follows OPTED_IN after a space.
OPTED_IN_NO_DM = N_(
    "I couldn't DM you just now: please allow direct messages from server members so the "
    "check-ins can reach you."
)
OPTED_OUT = N_(
    "You're out: no more wellbeing check-ins. Your past answers stay visible to you with "
    "`/wellbeing me` until you erase them with `/privacy delete`."
)
NOT_OPTED_IN = N_("You haven't opted in to wellbeing check-ins. `/wellbeing optin` starts them.")
NOTHING_YET = N_(
    "No check-in answers from you yet. When the next weekly DM arrives, press its button to answer."
)
NOT_YOURS = N_("This check-in was sent to someone else.")
UNKNOWN_REQUEST = N_("This check-in is no longer available. The next weekly one will come by DM.")
SAVED = N_("Thank you, saved. {scores}")
STILL_TO_ANSWER = N_("Nearly there. Still to answer: {questions}.")
TAP_HINT = N_(
    "Choose an answer for each question. Each choice is kept as you go, so you can stop and "
    "come back to this check-in later."
)
# Follows the scores after a blank line.
CRISIS_NOTE = N_(
    "Thank you for telling us how things really are. Someone from the team will reach out "
    "to you today, and I've sent you the numbers of people you can talk to right now."
)
SETTINGS_SAVED = "Saved: PHQ-9 item 9 is {state} for the check-ins of cohort **{cohort}**."
NO_COHORT = "There is no cohort called {name} in this server."


def checkin_dm(
    guild_name: str, week: int, cohort: str | None, forms: Sequence[tuple[str, list[Instrument]]]
) -> str:
    """The weekly DM: what to expect on each form and the answer scales.

    The questions themselves are on the answer screens (menus, or the typed form's labels), so
    the DM names each questionnaire and its scale only: shorter to read with tired eyes.
    """
    if cohort:
        where = t("week {week} of **{cohort}**", week=week, cohort=cohort)
    else:
        where = tp("wellbeing", "week {week}", week=week)
    lines = [
        t(
            "Hello! Here is your wellbeing check-in from **{server}** ({where}).",
            server=guild_name,
            where=where,
        ),
        t(
            "Press a button to answer: choose from a menu for each question (or type the numbers, "
            "if you prefer). Your choices are kept as you go. It takes a minute or two."
        ),
    ]
    for title, instruments in forms:
        lines.append(f"\n**{form_title(title)}**")
        for instrument in instruments:
            scale = ", ".join(
                f"{instrument.min + n} = {instrument.said(label)}"
                for n, label in enumerate(instrument.labels)
            )
            asked = tn("{n} question", "{n} questions", len(instrument.items))
            lines.append(
                t(
                    "{instrument}: {questions}, answered {scale}.",
                    instrument=instrument.said(instrument.name),
                    questions=asked,
                    scale=scale,
                )
            )
    lines.append(
        "\n"
        + t(
            "Only you see your answers (`/wellbeing me`). If things are hard right now, "
            "`/resources` lists people you can talk to."
        )
    )
    return "\n".join(lines)


def form_title(title: str) -> str:
    """A form's title (instruments.toml) in the member's language."""
    return tp("wellbeing form", title)


def read_as_note(pairs: Sequence[tuple[str, int]]) -> str:
    """How answers typed in other numerals were read, so nothing is understood silently."""
    if not pairs:
        return ""
    read = ", ".join(t("{typed} as {value}", typed=typed, value=value) for typed, value in pairs)
    return "\n" + t("(I read {read}.)", read=read)


def score_line(instrument: Instrument, score: int) -> str:
    """One saved score in words."""
    if instrument.crisis_item:
        return ""
    return t(
        "{instrument}: {score} (of {low}-{high}).",
        instrument=instrument.short_name(),
        score=score,
        low=instrument.score_min,
        high=instrument.score_max,
    )


def trend_words(book: Instruments, series: dict[str, list[tuple[int, int]]]) -> list[str]:
    """Plain sentences about a member's own scores: ``series`` is instrument -> (week, score)."""

    def _trend_line(instrument: Instrument, points: list[tuple[int, int]]) -> str:
        """One instrument's trend in a sentence: the latest score, the change, and the scale."""
        name = instrument.short_name()
        first_week, first = points[0]
        last_week, last = points[-1]
        if instrument.higher_is_better:
            span = t(
                "(from {low} to {high}; higher is better)",
                low=instrument.score_min,
                high=instrument.score_max,
            )
        else:
            span = t(
                "(from {low} to {high}; lower is better)",
                low=instrument.score_min,
                high=instrument.score_max,
            )
        values = {
            "name": name,
            "last": last,
            "last_week": last_week,
            "first": first,
            "first_week": first_week,
            "change": abs(last - first),
            "span": span,
        }
        if len(points) == 1:
            return t("**{name}**: {last} in week {last_week} {span}.", **values)
        if last == first:
            return t(
                "**{name}**: {last} in week {last_week}, the same as {first} in week {first_week} "
                "{span}.",
                **values,
            )
        better = (last > first) == instrument.higher_is_better
        if last > first and better:
            return t(
                "**{name}**: {last} in week {last_week}, up {change} from {first} in week "
                "{first_week}, a change for the better {span}.",
                **values,
            )
        if last > first:
            return t(
                "**{name}**: {last} in week {last_week}, up {change} from {first} in week "
                "{first_week}, a harder stretch {span}.",
                **values,
            )
        if better:
            return t(
                "**{name}**: {last} in week {last_week}, down {change} from {first} in week "
                "{first_week}, a change for the better {span}.",
                **values,
            )
        return t(
            "**{name}**: {last} in week {last_week}, down {change} from {first} in week "
            "{first_week}, a harder stretch {span}.",
            **values,
        )

    lines: list[str] = []
    for key, points in series.items():
        instrument = book.instruments.get(key)
        if instrument is None or instrument.crisis_item or not points:
            continue
        lines.append(_trend_line(instrument, points))
    who5 = series.get("who5")
    if who5 and who5[-1][1] <= 50:
        lines.append(
            t(
                "Your latest WHO-5 is on the low side. That can be worth talking about with your "
                "moderator or your MS team; `/resources` lists people to talk to any time."
            )
        )
    return lines


def _number(value: float) -> str:
    """A value as a person would say it: 3, 62.5 (never 3.0); as ``cogs/utils/charts.py``."""
    return f"{round(value, 1):g}"


def chart_title(name: str) -> str:
    """The title drawn on the member's own chart ("Your WHO-5 Well-Being Index by week")."""
    return t("Your {name} by week", name=name)


def week_label(week: int) -> str:
    """A week as a chart's summary names it ("W3")."""
    return t("W{week}", week=week)


def chart_summary(name: str, weeks: Sequence[int], scores: Sequence[int]) -> str:
    """What the member's own chart shows, in their language (its alt text and the message).

    The member-facing twin of ``cogs/utils/charts.chart_summary`` (which staff reports use):
    the same sentences, in English word for word, for "your <name> score by week".
    """
    labels = [week_label(w) for w in weeks]
    what = t("your {name} score by week", name=name)
    last, first = scores[-1], scores[0]
    if len(scores) == 1:
        return t(
            "Chart of {what}: {last} in {label} (the only one so far).",
            what=what,
            last=_number(last),
            label=labels[-1],
        )
    low, high = min(scores), max(scores)
    if low == high:
        spread = t("All {count} bars are {low}.", count=len(scores), low=_number(low))
    else:
        spread = t(
            "Across {count} bars it ranges from {low} to {high}.",
            count=len(scores),
            low=_number(low),
            high=_number(high),
        )
    values = {
        "what": what,
        "last": _number(last),
        "last_label": labels[-1],
        "first": _number(first),
        "first_label": labels[0],
        "spread": spread,
    }
    if last > first:
        return t(
            "Chart of {what}: {last} in {last_label}, up from {first} in {first_label}. {spread}",
            **values,
        )
    if last < first:
        return t(
            "Chart of {what}: {last} in {last_label}, down from {first} in {first_label}. {spread}",
            **values,
        )
    return t(
        "Chart of {what}: {last} in {last_label}, the same as in {first_label}. {spread}",
        **values,
    )


SHARE_NOT_OPTED_IN = N_(
    "You're not taking part in wellbeing check-ins yet. `/wellbeing optin` starts them; sharing "
    "is always off until you turn it on."
)
SHARE_ON = N_(
    "Done: your group's moderator can now see your check-in answers with `/wellbeing member`. "
    "Nobody else can. Turn it off any time with `/wellbeing share on:False`."
)
SHARE_OFF = N_(
    "Done: your check-in answers are private again; only you see them (`/wellbeing me`)."
)
NOT_SHARED = (
    "{member} hasn't chosen to share their check-in answers with their moderator, so they stay "
    "private. Reports only ever show group averages."
)
NOT_THEIR_MODERATOR = (
    "{member} shared their answers with their own group's moderator only, and that isn't you."
)

SETTINGS_NOTHING = (
    "Nothing to change: give `phq9`, `full_weeks` (like `1, 6, 12`) or `weekly`. "
    "Leave an option out to keep it as it is."
)


def schedule_saved(cohort: str, full_weeks: tuple[int, ...], weekly: bool) -> str:
    """What /wellbeing settings says after a schedule change."""
    weeks = ", ".join(str(w) for w in full_weeks) or "no weeks"
    other = "the short WHO-5 check-in" if weekly else "no check-in"
    return (
        f"Saved for **{cohort}**: the full set of questions in week(s) {weeks}, and {other} in "
        "the other weeks."
    )


def saved(
    scores: Sequence[tuple[Instrument, int]], read: Sequence[tuple[str, int]], crisis: bool
) -> str:
    """The reply to a stored form: the scores in words, numerals read, and the crisis note."""
    lines = [score_line(instrument, score) for instrument, score in scores]
    text = t(SAVED, scores=" ".join(line for line in lines if line))
    text += read_as_note(read)
    if crisis:
        text += "\n\n" + t(CRISIS_NOTE)
    return text


def settings_saved(
    cohort: str, phq9: bool | None, full_weeks: tuple[int, ...] | None, weekly: bool
) -> str:
    """What /wellbeing settings says: item 9's state and/or the schedule, as changed."""
    lines = []
    if phq9 is not None:
        lines.append(SETTINGS_SAVED.format(state="on" if phq9 else "off", cohort=cohort))
    if full_weeks is not None:
        lines.append(schedule_saved(cohort, full_weeks, weekly))
    return "\n".join(lines)


def tap_screen(
    title: str,
    instrument: Instrument,
    part: int,
    parts: int,
    index: int,
    total: int,
    note: str | None,
) -> str:
    """The text above a tapping screen: the form, where the member is, and the instrument's stem.

    The questions themselves are the select menus' placeholders, so they are not repeated here.
    ``title`` is the form's English title (translated here); ``note`` is already translated.
    """
    where = t("screen {number} of {total}", number=index + 1, total=total)
    name = instrument.said(instrument.name)
    if parts > 1:
        name = t("{name}, part {part} of {parts}", name=name, part=part, parts=parts)
    lines = [
        f"**{form_title(title)}** ({where})",
        t("{name}. {stem}", name=name, stem=instrument.said(instrument.stem)),
    ]
    if note:
        lines.append(note)
    lines.append(t(TAP_HINT))
    return "\n".join(lines)
