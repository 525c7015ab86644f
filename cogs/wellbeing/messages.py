"""What Kindred says about wellbeing check-ins (plain text; no discord)."""

from __future__ import annotations

from collections.abc import Sequence

from cogs.wellbeing.instruments import Instrument, Instruments

OPTED_IN = (
    "You're in: Kindred will DM you a short wellbeing check-in each week (a minute or two). "
    "Your answers are yours: you see your trend with `/wellbeing me`; coordinators only ever see "
    "group averages of five or more answers, never yours. Any answer about thoughts of "
    "self-harm goes to a person on the team the same day, so someone can reach out. "
    "`/wellbeing optout` stops the check-ins at any time; `/privacy delete` erases the answers."
)
OPTED_IN_NO_DM = (
    " I couldn't DM you just now: please allow direct messages from server members so the "
    "check-ins can reach you."
)
OPTED_OUT = (
    "You're out: no more wellbeing check-ins. Your past answers stay visible to you with "
    "`/wellbeing me` until you erase them with `/privacy delete`."
)
NOT_OPTED_IN = "You haven't opted in to wellbeing check-ins. `/wellbeing optin` starts them."
NOTHING_YET = (
    "No check-in answers from you yet. When the next weekly DM arrives, press its button to answer."
)
NOT_YOURS = "This check-in was sent to someone else."
UNKNOWN_REQUEST = "This check-in is no longer available. The next weekly one will come by DM."
SAVED = "Thank you, saved. {scores}"
STILL_TO_ANSWER = "Nearly there. Still to answer: {questions}."
TAP_HINT = (
    "Choose an answer for each question. Each choice is kept as you go, so you can stop and "
    "come back to this check-in later."
)
CRISIS_NOTE = (
    "\n\nThank you for telling us how things really are. Someone from the team will reach out "
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
    where = f"week {week} of **{cohort}**" if cohort else f"week {week}"
    lines = [
        f"Hello! Here is your wellbeing check-in from **{guild_name}** ({where}).",
        "Press a button to answer: choose from a menu for each question (or type the numbers, "
        "if you prefer). Your choices are kept as you go. It takes a minute or two.",
    ]
    for title, instruments in forms:
        lines.append(f"\n**{title}**")
        for instrument in instruments:
            scale = ", ".join(
                f"{instrument.min + n} = {label}" for n, label in enumerate(instrument.labels)
            )
            count = len(instrument.items)
            asked = f"{count} question" + ("" if count == 1 else "s")
            lines.append(f"{instrument.name}: {asked}, answered {scale}.")
    lines.append(
        "\nOnly you see your answers (`/wellbeing me`). If things are hard right now, "
        "`/resources` lists people you can talk to."
    )
    return "\n".join(lines)


def read_as_note(pairs: Sequence[tuple[str, int]]) -> str:
    """How answers typed in other numerals were read, so nothing is understood silently."""
    if not pairs:
        return ""
    read = ", ".join(f"{typed} as {value}" for typed, value in pairs)
    return f"\n(I read {read}.)"


def score_line(instrument: Instrument, score: int) -> str:
    """One saved score in words."""
    if instrument.crisis_item:
        return ""
    return f"{instrument.name.split(' (')[0]}: {score} (of {instrument.score_min}-{instrument.score_max})."


def trend_words(book: Instruments, series: dict[str, list[tuple[int, int]]]) -> list[str]:
    """Plain sentences about a member's own scores: ``series`` is instrument -> (week, score)."""
    lines: list[str] = []
    for key, points in series.items():
        instrument = book.instruments.get(key)
        if instrument is None or instrument.crisis_item or not points:
            continue
        name = instrument.name.split(" (")[0]
        first_week, first = points[0]
        last_week, last = points[-1]
        span = f"(from {instrument.score_min} to {instrument.score_max}; "
        span += "higher is better)" if instrument.higher_is_better else "lower is better)"
        if len(points) == 1:
            lines.append(f"**{name}**: {last} in week {last_week} {span}.")
            continue
        change = last - first
        if change == 0:
            how, verdict = "the same as", ""
        else:
            how = ("up" if change > 0 else "down") + f" {abs(change)} from"
            better = (change > 0) == instrument.higher_is_better
            verdict = ", a change for the better" if better else ", a harder stretch"
        lines.append(
            f"**{name}**: {last} in week {last_week}, {how} {first} in week {first_week}"
            f"{verdict} {span}."
        )
    who5 = series.get("who5")
    if who5 and who5[-1][1] <= 50:
        lines.append(
            "Your latest WHO-5 is on the low side. That can be worth talking about with your "
            "moderator or your MS team; `/resources` lists people to talk to any time."
        )
    return lines


SHARE_NOT_OPTED_IN = (
    "You're not taking part in wellbeing check-ins yet. `/wellbeing optin` starts them; sharing "
    "is always off until you turn it on."
)
SHARE_ON = (
    "Done: your group's moderator can now see your check-in answers with `/wellbeing member`. "
    "Nobody else can. Turn it off any time with `/wellbeing share on:False`."
)
SHARE_OFF = "Done: your check-in answers are private again; only you see them (`/wellbeing me`)."
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
    text = SAVED.format(scores=" ".join(line for line in lines if line))
    text += read_as_note(read)
    if crisis:
        text += CRISIS_NOTE
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
    """
    where = f"screen {index + 1} of {total}"
    name = instrument.name if parts == 1 else f"{instrument.name}, part {part} of {parts}"
    lines = [f"**{title}** ({where})", f"{name}. {instrument.stem}"]
    if note:
        lines.append(note)
    lines.append(TAP_HINT)
    return "\n".join(lines)
