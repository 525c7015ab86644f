"""What Kindred says in the cohorts lane (plain text; the cog adds embeds and files)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from cogs.cohorts.policy import FOCUSES
from cogs.cohorts.schedule import WEEKDAYS
from cogs.members.language import english_name
from db.models.cohorts import Cohort, Enrolment, Group, SessionRow

STATE_LABEL = {
    "draft": "Draft",
    "enrolling": "Enrolling",
    "running": "Running",
    "completed": "Completed",
    "cancelled": "Cancelled",
}

# Consent, shown before the join form (``/join``) and again in ``/privacy show``: one text, so
# what a member agreed to and what they can look up later never drift apart. The number of days
# is the setting KINDRED_RETENTION_DAYS (``Settings.retention_days``), passed in, never written
# here.
AGREE_LABEL = "I agree, continue"
READ_ALL_LABEL = "Read everything"


def consent_summary(cohort_name: str, retention_days: int) -> str:
    """The short consent summary shown with the agree button, before the join form."""
    return (
        f"**Before you join {cohort_name}**, here is what Kindred keeps:\n"
        "• **Stored:** your answers to the join form, your group, and whether you came to each "
        "session.\n"
        "• **Seen by:** your group's moderator and the server's coordinators. Nothing leaves "
        "this server.\n"
        "• **Screened:** messages are checked for safety and kindness; copies of flagged "
        f"messages are kept for {retention_days} days, then erased.\n"
        "• **Leave or erase any time:** `/leave`, `/privacy delete`.\n"
        f"Tap **{READ_ALL_LABEL}** for the full text, or **{AGREE_LABEL}** for the form."
    )


def consent_full(retention_days: int) -> str:
    """Everything a member agrees to when joining a group (``Read everything``, /privacy show)."""
    return (
        "**What Kindred keeps when you join a group**\n"
        "**Stored:** your answers in the join form (the group focus you'd like, your timezone, "
        "weekly check-ins yes or no, your language), which cohort and group you are in and when "
        "you agreed, and whether you came to each session (you did if you posted in the group's "
        "channel or joined its voice channel while the session was open). If you take part in "
        "them: your check-in choices and partners, the wellbeing forms you answer, and your "
        "`/cope` log and `/plan`.\n"
        "**Who sees it:** your group's moderator and the server's coordinators; reports show "
        "counts, not people. Your `/cope` log and plan are yours alone unless you share them. "
        "Nothing is shared outside this server.\n"
        "**Messages are screened for safety and kindness:** Kindred reads the messages it can "
        "see (group channels, check-in threads, direct messages to it) as they arrive, so a "
        "person can reach out quickly if someone may be in crisis, and to coach the "
        "conversation guidelines gently. A message that worries Kindred or breaks a guideline is "
        "shown to moderators. Kindred does not keep your messages, except copies of messages it "
        f"hid and short excerpts in crisis alerts: both are erased after {retention_days} days.\n"
        "**Leaving and erasing:** `/leave` gives up your place at any time. `/privacy show` "
        "lists what Kindred holds about you, `/privacy export` sends you a copy, and "
        "`/privacy delete` erases it (a crisis case stays, without your name, for the server's "
        "safety report)."
    )


CONSENT_REMINDER = "What Kindred keeps and who sees it: `/privacy show`."
# What the programme is, as the IER trial explained it at the start (the curriculum file's header
# names the studies): plain, no promise of an outcome, no pressure to speak.
ABOUT_THE_WEEKS = (
    "**What the weeks are about:** each week we practise one way of handling hard feelings "
    "together with other people, like asking for support or sharing good news. This is called "
    "interpersonal emotion regulation, and staying connected is part of looking after your "
    "health. Come as you are; just listening is always fine."
)
NOT_FOUND = "I can't find a cohort called “{name}” on this server. `/cohort list` shows them all."
MODERATOR_WITHOUT_ROLE = (
    "{member} doesn't have Kindred's moderator or coordinator role, and a group's moderator "
    "sees members' outreach notes and shared check-ins. Give them the moderator role (set "
    "with `/setup set moderator_role:`) and run this again; nothing was changed."
)
NO_OPEN_COHORT = (
    "No cohort is open for enrolment right now. A coordinator will announce the next one."
)
SEVERAL_OPEN = "Several cohorts are open: please name one with `cohort:` ({names})."
NOT_OPEN_FOR_JOINING = (
    "The cohort “{name}” isn't taking new members right now ({state}). A coordinator can tell "
    "you when the next one opens."
)
ALREADY_IN = "You are already in the cohort “{name}” ({where}). To leave it, use `/leave`."
NOT_IN_ANY = "You aren't in a cohort on this server, so there is nothing to leave."
CONSENT_NEEDED = (
    f"To join, please tap **{AGREE_LABEL}** after `/join`. Without your consent nothing is "
    "stored and you are not enrolled."
)
TIMEZONE_KEPT = (
    "Your other answers are kept: only the timezone needs another look. Tap one of the "
    "buttons, type it again, or leave it out (it is only used to pair check-ins across timezones)."
)


def timezone_ambiguous(typed: str, labels: list[str]) -> str:
    """The intake's timezone fits several zones with different clocks: which one?"""
    return (
        f"“{typed}” could mean more than one timezone: {', '.join(labels)}. Which is yours? "
        "Your other answers are kept."
    )


def timezone_chosen(label: str) -> str:
    """What replaces the timezone buttons once one was tapped."""
    return (
        f"Timezone: **{label}**. Thank you."
        if label != "Leave it out"
        else ("No timezone: that's fine.")
    )


NOT_NOW = "No problem: nothing was stored. `/join` shows this again whenever you like."


def when(moment: dt.datetime, tz: str) -> str:
    """A session time as Discord shows it in each reader's own timezone, plus the cohort's."""
    local = moment.astimezone(ZoneInfo(tz))
    stamp = int(moment.timestamp())
    return f"<t:{stamp}:F> ({local.strftime('%a %d %b %H:%M')} {tz})"


def group_name(group: Group) -> str:
    """ "Group 1 (newly diagnosed)", or "Group 2 (general, in Spanish)" for a group with a
    language."""
    kind = group.label or FOCUSES[group.focus]
    if group.language is not None:
        kind += f", in {english_name(group.language)}"
    return f"Group {group.number} ({kind})"


def cohort_summary(cohort: Cohort) -> str:
    """One line for ``/cohort list``."""
    day = WEEKDAYS[cohort.weekday].capitalize()
    return (
        f"**{cohort.name}** · {STATE_LABEL[cohort.state]} · {cohort.weeks} weeks from "
        f"{cohort.start_date.isoformat()}, {day}s at {cohort.local_time.strftime('%H:%M')} "
        f"{cohort.timezone}"
    )


def created(cohort: Cohort, first: SessionRow, groups: list[Group]) -> str:
    """The reply to ``/cohort create``."""
    return (
        f"Created the draft cohort **{cohort.name}** with {len(groups)} group(s) of up to "
        f"{cohort.group_cap} and {cohort.weeks} sessions; the first is "
        f"{when(first.starts_at, cohort.timezone)}.\nAdd more groups with `/cohort group`, "
        "then open enrolment with `/cohort start`."
    )


def joined(cohort: Cohort, group: Group, first_week: int, moderator: str | None = None) -> str:
    """The reply when a member gets a place (``moderator``: who moderates it, when named)."""
    text = f"Welcome! You have a place in **{cohort.name}**, {group_name(group)}"
    if first_week > 1:
        text += f", from week {first_week}"
    if group.channel_id:
        text += f". Your group's private channel is <#{group.channel_id}>"
        if group.voice_channel_id:
            text += f", and its voice channel <#{group.voice_channel_id}> opens for each session"
        text += "."
    else:
        text += ". Your group's private channel opens when enrolment starts."
    if moderator:
        text += "\n" + moderator
    return text + "\n\n" + ABOUT_THE_WEEKS + "\n\n" + CONSENT_REMINDER


def waitlisted(cohort: Cohort, position: int) -> str:
    """The reply when every suitable group is full."""
    return (
        f"The groups in **{cohort.name}** are full just now, so you are on the waitlist at "
        f"position **{position}**. When a place frees up it goes to the next person, and I "
        "will message you straight away.\n\n" + CONSENT_REMINDER
    )


def language_note(language: str | None, outcome: str | None) -> str:
    """What happened with the member's language when they joined (issue 15); "" when the
    cohort's groups have no languages."""
    if language is None or outcome is None:
        return ""
    name = english_name(language)
    notes = {
        "same": "",  # the group's name already says its language
        "other": (f"No group in {name} had room, so this one is in another language you named."),
        "full": f"You are waiting for a place in a group that talks in {name}.",
        "none": (
            f"There is no group in {name} in this cohort yet, so you are waiting for one; the "
            "coordinators can see you asked. If a group in another language would suit you "
            "too, `/leave` and join again naming both, for example “Spanish, English”."
        ),
    }
    note = notes.get(outcome, "")
    return "\n\n" + note if note else ""


def promoted(cohort: Cohort, group: Group) -> str:
    """The DM to the next person on the waitlist."""
    where = f" Your group's private channel is <#{group.channel_id}>." if group.channel_id else ""
    return (
        f"Good news: a place opened in **{cohort.name}** and it's yours, in {group_name(group)}."
        f"{where} If you no longer want it, `/leave` frees it for the next person.\n\n"
        + ABOUT_THE_WEEKS
    )


def left(cohort: Cohort, was: Enrolment) -> str:
    """The reply to ``/leave``."""
    what = "the waitlist of" if was.status == "waitlisted" else ""
    return (
        f"You have left {what} **{cohort.name}**".replace("  ", " ")
        + ". Take care; you are welcome back in a future cohort."
    )


def reminder(cohort: Cohort, session: SessionRow, before: dt.timedelta, title: str) -> str:
    """The reminder posted in a group channel."""
    hours = before.total_seconds() / 3600
    soon = "in 1 hour" if hours == 1 else ("tomorrow" if hours == 24 else f"in {hours:g} hours")
    return (
        f"Reminder: week {session.week} of **{cohort.name}** ({title}) starts {soon}, "
        f"{when(session.starts_at, cohort.timezone)}. See you here."
    )


def opening(late: bool, voice_channel_id: int | None = None) -> str:
    """The line before the theme post (with the group's voice channel, when it has one)."""
    if late:
        text = "The session is open (a little late: Kindred was offline at the start time)."
    else:
        text = "The session is open. Welcome, everyone."
    if voice_channel_id:
        text += f" Talk in the voice channel <#{voice_channel_id}>, or write here."
    return text


def closing(week: int, total: int) -> str:
    """Posted as a session ends."""
    if week >= total:
        return "That was our last session. Thank you all for what you shared these weeks."
    return (
        "The session has ended; thank you for being here. The channel is quieter until next week."
    )


def outreach(user_id: int, cohort: Cohort, reasons: list[str], attended: int, held: int) -> str:
    """The private note to a group's moderator."""
    why = {
        "cannot_reach_target": "can no longer reach half of the sessions",
        "missed_two_in_a_row": "has missed the last two sessions",
    }
    because = " and ".join(why.get(r, r) for r in reasons)
    return (
        f"A gentle heads-up about <@{user_id}> in **{cohort.name}**: they {because} "
        f"({attended} of {held} so far). A kind, no-pressure message to check how they are "
        "might help. Please don't remove anyone for attendance."
    )


def voice_refused(count: int) -> str:
    """Told to the coordinator when Discord refused to create group voice channels."""
    return (
        f"Discord refused to create {count} group voice channel(s): Kindred's role needs the "
        "**Connect** and **Speak** permissions (Server Settings > Roles). The text channels work "
        "as usual; the voice channels are made at the next session once the permissions are "
        "there."
    )


def cap_warning(not_created: int, first: dt.datetime, kindred: int, other: int, cap: int) -> str:
    """Told to the coordinator when Discord's event cap stopped some events."""
    return (
        f"Discord allows {cap} scheduled events per server and {kindred + other} are in use "
        f"({kindred} by Kindred, {other} others), so {not_created} upcoming session(s) have no "
        f"event yet, the first on <t:{int(first.timestamp())}:F>. Sessions still run; removing "
        "old or unneeded events frees room and Kindred adds the missing ones as sessions end."
    )


# --- "can't make it" (excused absences) ---------------------------------------------------------

ABSENT_NOT_ENROLLED = "You're not in a running group here, so there is no session to miss."
ABSENT_NO_SESSION = "There is no upcoming session to say you'll miss."
ABSENT_NO_WEEK = "Your cohort has no week {week}. Leave out the week for the next session."
ABSENT_NOT_YOUR_GROUP = "This reminder is for another group's members; yours come to your group."
ABSENT_STARTED = (
    "Week {week}'s session has already started, so it can't be changed now. If you can, pop in "
    "for a few minutes, or just come next week."
)


def absent_marked(cohort: Cohort, session: SessionRow, absent: bool, changed: bool) -> str:
    """The private answer to "Can't make it" and to undoing it."""
    at = f"week {session.week} of **{cohort.name}** ({when(session.starts_at, cohort.timezone)})"
    if absent:
        again = "" if changed else "You'd already told us. "
        return (
            f"{again}Thanks for letting us know you can't make {at}. It won't count as a missed "
            "session, and your moderator will know before it starts. Look after yourself; "
            "we'll be glad to see you next time. Changed your mind? Press the button below."
        )
    if not changed:
        return f"You hadn't said you'd miss {at}, so nothing changed. See you there."
    return f"Great, we've noted you can make {at} after all. See you there."


def excused_note(cohort: Cohort, session: SessionRow, members: list[tuple[int, str | None]]) -> str:
    """One DM to a group's moderator as the session opens: who said they can't make it."""
    lines = [
        f"Week {session.week} of **{cohort.name}** is starting. These members said they can't "
        "make it (excused; it won't count as missed):"
    ]
    for user_id, reason in members:
        lines.append(f"- <@{user_id}>" + (f": “{reason}”" if reason else ""))
    lines.append("Their reasons are for you only.")
    return "\n".join(lines)[:2000]
