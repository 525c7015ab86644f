"""What Kindred says in the cohorts lane (plain text; the cog adds embeds and files)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton, get_timezone_location
from babel.lists import format_list

from cogs.cohorts.policy import FOCUSES
from cogs.cohorts.schedule import WEEKDAYS
from cogs.members.language import english_name
from cogs.utils.i18n import ENGLISH, N_, current_language, t, tp
from cogs.utils.when import ZoneOption, zone_labels
from db.models.cohorts import Cohort, Enrolment, Group, SessionRow

STATE_LABEL = {
    "draft": "Draft",
    "enrolling": "Enrolling",
    "running": "Running",
    "completed": "Completed",
    "cancelled": "Cancelled",
}


def state_name(state: str) -> str:
    """A cohort's state as a member reads it, in a sentence ("running"); STATE_LABEL is staff's."""
    names = {
        "draft": tp("cohort state", "draft"),
        "enrolling": tp("cohort state", "enrolling"),
        "running": tp("cohort state", "running"),
        "completed": tp("cohort state", "completed"),
        "cancelled": tp("cohort state", "cancelled"),
    }
    return names.get(state, state)


# Consent, shown before the join form (``/join``) and again in ``/privacy show``: one text, so
# what a member agreed to and what they can look up later never drift apart. The number of days
# is the setting KINDRED_RETENTION_DAYS (``Settings.retention_days``), passed in, never written
# here.
AGREE_LABEL = N_("I agree, continue")
READ_ALL_LABEL = N_("Read everything")


def consent_summary(cohort_name: str, retention_days: int) -> str:
    """The short consent summary shown with the agree button, before the join form."""
    return t(
        "**Before you join {cohort_name}**, here is what Kindred keeps:\n"
        "• **Stored:** your answers to the join form, your group, and whether you came to each "
        "session.\n"
        "• **Seen by:** your group's moderator and the server's coordinators. Nothing leaves "
        "this server.\n"
        "• **Screened:** messages are checked for safety and kindness; copies of flagged "
        "messages are kept for {retention_days} days, then erased.\n"
        "• **Leave or erase any time:** `/leave`, `/privacy delete`.\n"
        "Tap **{read_all}** for the full text, or **{agree}** for the form.",
        cohort_name=cohort_name,
        retention_days=retention_days,
        read_all=t(READ_ALL_LABEL),
        agree=t(AGREE_LABEL),
    )


def consent_full(retention_days: int) -> str:
    """Everything a member agrees to when joining a group (``Read everything``, /privacy show)."""
    return t(
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
        "hid and short excerpts in crisis alerts: both are erased after {retention_days} days.\n"
        "**Leaving and erasing:** `/leave` gives up your place at any time. `/privacy show` "
        "lists what Kindred holds about you, `/privacy export` sends you a copy, and "
        "`/privacy delete` erases it (a crisis case stays, without your name, for the server's "
        "safety report).",
        retention_days=retention_days,
    )


CONSENT_REMINDER = N_("What Kindred keeps and who sees it: `/privacy show`.")
# What the programme is, as the IER trial explained it at the start (the curriculum file's header
# names the studies): plain, no promise of an outcome, no pressure to speak.
ABOUT_THE_WEEKS = N_(
    "**What the weeks are about:** each week we practise one way of handling hard feelings "
    "together with other people, like asking for support or sharing good news. This is called "
    "interpersonal emotion regulation, and staying connected is part of looking after your "
    "health. Come as you are; just listening is always fine."
)
NOT_FOUND = N_(
    "I can't find a cohort called “{name}” on this server. `/cohort list` shows them all."
)
MODERATOR_WITHOUT_ROLE = (
    "{member} doesn't have Kindred's moderator or coordinator role, and a group's moderator "
    "sees members' outreach notes and shared check-ins. Give them the moderator role (set "
    "with `/setup set moderator_role:`) and run this again; nothing was changed."
)
NO_OPEN_COHORT = N_(
    "No cohort is open for enrolment right now. A coordinator will announce the next one."
)
SEVERAL_OPEN = N_("Several cohorts are open: please name one with `cohort:` ({names}).")
NOT_OPEN_FOR_JOINING = N_(
    "The cohort “{name}” isn't taking new members right now ({state}). A coordinator can tell "
    "you when the next one opens."
)
ALREADY_IN = N_("You are already in the cohort “{name}” ({where}). To leave it, use `/leave`.")

NOT_IN_ANY = N_("You aren't in a cohort on this server, so there is nothing to leave.")
NO_LONGER_JOINING = N_("That cohort isn't taking new members any more.")
CONSENT_NEEDED = N_(
    "To join, please tap **{agree}** after `/join`. Without your consent nothing is "
    "stored and you are not enrolled."
)
TIMEZONE_KEPT = N_(
    "Your other answers are kept: only the timezone needs another look. Tap one of the "
    "buttons, type it again, or leave it out (it is only used to pair check-ins across timezones)."
)


def timezone_ambiguous(typed: str, labels: list[str]) -> str:
    """The intake's timezone fits several zones with different clocks: which one?"""
    return t(
        "“{typed}” could mean more than one timezone: {zones}. Which is yours? "
        "Your other answers are kept.",
        typed=typed,
        zones=", ".join(labels),
    )


def timezone_unknown(typed: str, close: Sequence[str]) -> str:
    """The intake's timezone names no zone: say what works, and what it may be a typo of."""
    text = t(
        "I don't know the timezone “{typed}”. A city or country works, such as `Kolkata`, "
        "`New York` or `London`, or an IANA name like `America/New_York`.",
        typed=typed,
    )
    if not close:
        return text
    names = [f"`{c}`" for c in close]
    language = current_language()
    # English as staff read it ("`A` or `B`"); another language joins them its own way.
    listed = (
        " or ".join(names)
        if language == ENGLISH
        else format_list(names, style="or", locale=language)
    )
    hint = t("Did you mean {names}?", names=listed)
    return f"{text} {hint}"


def timezone_offset(typed: str) -> str:
    """The intake's timezone is a fixed offset ("UTC+5"): ask for a city or country."""
    return t(
        "“{typed}” is a fixed offset, which stays the same all year, so sessions would move by "
        "an hour when the clocks change. Please give your city or country instead, such as "
        "`Kolkata`, `New York` or `London`.",
        typed=typed,
    )


def zone_name(option: ZoneOption) -> str:
    """A timezone the member may have meant, as a button and the question name it.

    English: the label of config/timezone_aliases.toml ("US Central (Chicago)"), else the
    zone's city. Otherwise the label's translation (``timezones_data.po``), else the city's
    name in the language from Babel's data ("Nueva York"), else the English.
    """
    language = current_language()
    if language == ENGLISH:
        return option.label
    if option.key in zone_labels():
        return tp("timezone", option.label)
    try:
        return get_timezone_location(option.key, locale=language, return_city=True)
    except (LookupError, ValueError):  # a zone Babel's data does not know: the English
        return option.label


TYPE_AGAIN_LABEL = N_("Type it again")
LEAVE_OUT_LABEL = N_("Leave it out")


def timezone_chosen(label: str | None) -> str:
    """What replaces the timezone buttons once one was tapped (None: "Leave it out")."""
    if label is None:
        return t("No timezone: that's fine.")
    return t("Timezone: **{label}**. Thank you.", label=label)


NOT_NOW = N_("No problem: nothing was stored. `/join` shows this again whenever you like.")


def when(moment: dt.datetime, tz: str) -> str:
    """A session time as Discord shows it in each reader's own timezone, plus the cohort's."""
    local = moment.astimezone(ZoneInfo(tz))
    stamp = int(moment.timestamp())
    # Discord writes the <t:...> part in each reader's own language; the cohort's own clock is
    # in the language being spoken (Babel's day and month names: "mar, 6 oct"; strftime's are
    # English only).
    language = current_language()
    if language == ENGLISH:
        day = local.strftime("%a %d %b")
    else:
        day = format_skeleton("MMMEd", local.date(), locale=language)
    return f"<t:{stamp}:F> ({day} {local.strftime('%H:%M')} {tz})"


def group_name(group: Group) -> str:
    """ "Group 1 (newly diagnosed)", or "Group 2 (general, in Spanish)" for a group with a
    language. English: staff read it (``member_group_name`` is the member's)."""
    kind = group.label or FOCUSES[group.focus]
    if group.language is not None:
        kind += f", in {english_name(group.language)}"
    return f"Group {group.number} ({kind})"


def member_group_name(group: Group) -> str:
    """``group_name`` in the language being spoken (a coordinator's own label stays as typed)."""
    kind = group.label or focus_name(group.focus)
    if group.language is not None:
        kind = t("{kind}, in {language}", kind=kind, language=language_name(group.language))
    return t("Group {number} ({kind})", number=group.number, kind=kind)


def focus_name(focus: str) -> str:
    """A group focus as a member reads it."""
    names = {
        "newly_diagnosed": tp("group focus", "newly diagnosed"),
        "progression": tp("group focus", "similar progression"),
        "affinity": tp("group focus", "affinity"),
        "general": tp("group focus", "general"),
    }
    return names.get(focus, FOCUSES.get(focus, focus))


def language_name(code: str) -> str:
    """A language's name as a member reads it ("Spanish", "español", "स्पैनिश")."""
    names = {
        "en": tp("language name", "English"),
        "es": tp("language name", "Spanish"),
        "hi": tp("language name", "Hindi"),
    }
    return names.get(code, english_name(code))


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
    where = member_group_name(group)
    if first_week > 1:
        text = t(
            "Welcome! You have a place in **{cohort}**, {group}, from week {week}",
            cohort=cohort.name,
            group=where,
            week=first_week,
        )
    else:
        text = t(
            "Welcome! You have a place in **{cohort}**, {group}", cohort=cohort.name, group=where
        )
    if group.channel_id and group.voice_channel_id:
        text += t(
            ". Your group's private channel is <#{channel}>, and its voice channel <#{voice}> "
            "opens for each session.",
            channel=group.channel_id,
            voice=group.voice_channel_id,
        )
    elif group.channel_id:
        text += t(". Your group's private channel is <#{channel}>.", channel=group.channel_id)
    else:
        text += t(". Your group's private channel opens when enrolment starts.")
    if moderator:
        text += "\n" + moderator
    return text + "\n\n" + t(ABOUT_THE_WEEKS) + "\n\n" + t(CONSENT_REMINDER)


def waitlisted(cohort: Cohort, position: int) -> str:
    """The reply when every suitable group is full."""
    return (
        t(
            "The groups in **{cohort}** are full just now, so you are on the waitlist at "
            "position **{position}**. When a place frees up it goes to the next person, and I "
            "will message you straight away.",
            cohort=cohort.name,
            position=position,
        )
        + "\n\n"
        + t(CONSENT_REMINDER)
    )


def language_note(language: str | None, outcome: str | None) -> str:
    """What happened with the member's language when they joined (issue 15); "" when the
    cohort's groups have no languages."""
    if language is None or outcome is None or outcome == "same":
        # "same": the group's name already says its language.
        return ""
    name = language_name(language)
    if outcome == "other":
        note = t(
            "No group in {language} had room, so this one is in another language you named.",
            language=name,
        )
    elif outcome == "full":
        note = t("You are waiting for a place in a group that talks in {language}.", language=name)
    elif outcome == "none":
        note = t(
            "There is no group in {language} in this cohort yet, so you are waiting for one; the "
            "coordinators can see you asked. If a group in another language would suit you "
            "too, `/leave` and join again naming both, for example “Spanish, English”.",
            language=name,
        )
    else:
        return ""
    return "\n\n" + note


def promoted(cohort: Cohort, group: Group) -> str:
    """The DM to the next person on the waitlist."""
    text = t(
        "Good news: a place opened in **{cohort}** and it's yours, in {group}.",
        cohort=cohort.name,
        group=member_group_name(group),
    )
    if group.channel_id:
        text += " " + t("Your group's private channel is <#{channel}>.", channel=group.channel_id)
    return (
        text
        + " "
        + t("If you no longer want it, `/leave` frees it for the next person.")
        + "\n\n"
        + t(ABOUT_THE_WEEKS)
    )


def left(cohort: Cohort, was: Enrolment) -> str:
    """The reply to ``/leave``."""
    if was.status == "waitlisted":
        return t(
            "You have left the waitlist of **{cohort}**. Take care; you are welcome back in a "
            "future cohort.",
            cohort=cohort.name,
        )
    return t(
        "You have left **{cohort}**. Take care; you are welcome back in a future cohort.",
        cohort=cohort.name,
    )


def reminder(cohort: Cohort, session: SessionRow, before: dt.timedelta, title: str) -> str:
    """The reminder posted in a group channel (``title``: the curriculum's, in English)."""
    hours = before.total_seconds() / 3600
    shown = f"{hours:g}"
    if hours == 1:
        soon = tp("session starts", "in 1 hour")
    elif hours == 24:
        soon = tp("session starts", "tomorrow")
    else:
        soon = tp("session starts", "in {hours} hours", hours=shown)
    return t(
        "Reminder: week {week} of **{cohort}** ({title}) starts {soon}, {when}. See you here.",
        week=session.week,
        cohort=cohort.name,
        title=t(title),
        soon=soon,
        when=when(session.starts_at, cohort.timezone),
    )


def opening(late: bool, voice_channel_id: int | None = None) -> str:
    """The line before the theme post (with the group's voice channel, when it has one)."""
    if late:
        text = t("The session is open (a little late: Kindred was offline at the start time).")
    else:
        text = t("The session is open. Welcome, everyone.")
    if voice_channel_id:
        text += " " + t(
            "Talk in the voice channel <#{voice}>, or write here.", voice=voice_channel_id
        )
    return text


def closing(week: int, total: int) -> str:
    """Posted as a session ends."""
    if week >= total:
        return t("That was our last session. Thank you all for what you shared these weeks.")
    return t(
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

ABSENT_NOT_ENROLLED = N_("You're not in a running group here, so there is no session to miss.")
ABSENT_NO_SESSION = N_("There is no upcoming session to say you'll miss.")
ABSENT_NO_WEEK = N_("Your cohort has no week {week}. Leave out the week for the next session.")
ABSENT_NOT_YOUR_GROUP = N_(
    "This reminder is for another group's members; yours come to your group."
)
ABSENT_STARTED = N_(
    "Week {week}'s session has already started, so it can't be changed now. If you can, pop in "
    "for a few minutes, or just come next week."
)
ABSENT_LABEL = N_("Can't make it")
PRESENT_LABEL = N_("I can make it after all")


def absent_marked(cohort: Cohort, session: SessionRow, absent: bool, changed: bool) -> str:
    """The private answer to "Can't make it" and to undoing it."""
    at = t(
        "week {week} of **{cohort}** ({when})",
        week=session.week,
        cohort=cohort.name,
        when=when(session.starts_at, cohort.timezone),
    )
    if absent:
        again = "" if changed else t("You'd already told us.") + " "
        return again + t(
            "Thanks for letting us know you can't make {at}. It won't count as a missed "
            "session, and your moderator will know before it starts. Look after yourself; "
            "we'll be glad to see you next time. Changed your mind? Press the button below.",
            at=at,
        )
    if not changed:
        return t("You hadn't said you'd miss {at}, so nothing changed. See you there.", at=at)
    return t("Great, we've noted you can make {at} after all. See you there.", at=at)


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
