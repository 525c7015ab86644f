"""What the crisis lane says. Safe-messaging rules: hope and resources, no method detail,
plain warm words, and never blame. Moderators get facts; members get care.

What a member reads goes through ``t`` (``cogs/utils/i18n.py``) and is rendered in their
language by the caller (``speaking``); constants a member reads are marked ``N_`` and translated
where they are used. What staff read stays English. Helplines are data from
config/helplines.toml, in English: ``helpline_words`` gives a member their country's name, the
emergency number, how to reach a line, its hours and languages in their language.
"""

from __future__ import annotations

from collections.abc import Sequence

from cogs.crisis import helpline_words as words
from cogs.crisis.helplines import ANYWHERE, Helpline
from cogs.members.language import english_name
from cogs.utils.i18n import ENGLISH, N_, current_language, t
from cogs.utils.text import quote_safely
from cogs.utils.times import stamp
from db.models import CaseEvent, CrisisCase

EXCERPT_CHARS = 200


def excerpt(text: str) -> str:
    """A short excerpt for moderators: one line, at most EXCERPT_CHARS characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1].rstrip() + "…"


def helpline_lines(lines: Sequence[Helpline], language: str | None = None) -> list[str]:
    """One bullet per helpline: name, how to reach it, hours and languages, and how to reach
    it in the member's language when the line says."""
    out = []
    for h in lines:
        reach, hours, languages = (
            words.contact(h.contact),
            words.hours(h.hours),
            words.languages(h.languages),
        )
        out.append(f"• **{words.name(h.name)}**: {reach} ({hours}; {languages})")
        out.extend(in_your_language(h, language))
    return out


def in_your_language(line: Helpline, language: str | None) -> list[str]:
    """An indented line under a helpline saying how to reach it in ``language``, written in
    that language (988: press 2 or text AYUDA for Spanish); nothing when the line does not say."""
    how = line.how_in(language)
    return [f"  ↳ {how}"] if how else []


def checked_wording(line: Helpline) -> str:
    """For staff: when a person last checked the entry, or that it was only copied.

    Never "verified": an entry copied from a list is not one anybody has rung.
    """
    if line.checked is not None:
        return f"checked {line.checked}"
    return f"copied {line.copied}, not checked"


FIRST_SCREEN_LINES = 2  # the country's crisis lines shown before "More ways to get help"
MORE_HELP_LABEL = N_("More ways to get help")


def first_lines(lines: Sequence[Helpline], language: str | None = None) -> list[Helpline]:
    """The lines for a first screen: the country's first crisis lines, else the directory.

    ``lines`` are in ``HelplineBook.for_country`` order (the country's crisis lines first, the
    international directory last), so the most urgent ones are never behind a button. A line's
    note on reaching it in the member's ``language`` (988: press 2) counts as one of the
    FIRST_SCREEN_LINES, so the screen stays as short in Spanish as in English: the line that
    speaks their language first, the others one tap away.
    """
    own = [h for h in lines if h.crisis and h.country != ANYWHERE]
    picked: list[Helpline] = []
    room = FIRST_SCREEN_LINES
    for line in own:
        room -= 2 if line.how_in(language) else 1
        if picked and room < 0:
            break
        picked.append(line)
    return picked or [h for h in lines if h.country == ANYWHERE][:1]


def short_helpline_lines(lines: Sequence[Helpline], language: str | None = None) -> list[str]:
    """One short bullet per helpline: name, how to reach it, hours (languages are in More),
    and how to reach it in the member's language when the line says."""
    out = []
    for h in lines:
        out.append(
            f"• **{words.name(h.name)}**: {words.contact(h.contact)} ({words.hours(h.hours)})"
        )
        out.extend(in_your_language(h, language))
    return out


def member_message(
    name: str,
    lines: Sequence[Helpline],
    emergency: str | None,
    urgent: bool,
    *,
    blocked: bool = False,
    language: str | None = None,
) -> str:
    """The first screen of the private message to a member who may be struggling.

    Short (under 400 characters) so it can be read at a glance when someone is distressed,
    tired or reading through blurred vision: who we are, that a person will reach out, the
    emergency number when it may be urgent, and the country's first crisis lines. Everything
    else (every line with its languages, the international directory, ``/resources``) is one
    tap away behind "More ways to get help"; the emergency number never is.

    The first two lines are the greeting: a private thread (DMs closed) replaces them with its
    own (``thread_message``), so what follows them must stand on its own.

    ``blocked``: the server's AutoMod stopped their message, so they may think they were
    punished; the message says they were not. ``language``: the member's (``es``), so a line
    that can be reached in it says how, in it.
    """
    parts = [
        t(
            "Hi {name}, it's Kindred. You matter: a person on the team has been told and will "
            "reach out soon.",
            name=name,
        ),
        t("An automatic filter held your message, not a person. You're not being punished.")
        if blocked
        else t("Your message has not been removed, and you're not in any trouble."),
    ]
    if urgent and emergency:
        parts.append(
            t(
                "In danger now? Call **{emergency}** or go to an emergency department.",
                emergency=words.emergency(emergency),
            )
        )
    parts.append(t("Free, confidential lines:"))
    parts.extend(short_helpline_lines(first_lines(lines, language), language))
    return "\n".join(parts)


def automod_reason(rule: str | None, reason: str, blocked: bool) -> str:
    """A case's reason, saying first when AutoMod blocked or flagged the message."""
    if rule is None:
        return reason
    what = "Blocked" if blocked else "Flagged"
    posted = " (never posted, so there is no link to it)" if blocked else ""
    return f'{what} by AutoMod rule "{rule}"{posted}. {reason}'


def joined_detail(rule: str | None, message_id: int | None) -> str:
    """The case record's note when a new message of the member joins their open case."""
    if rule is not None and message_id is None:
        return f'another message from the member, blocked by AutoMod rule "{rule}"'
    return f"the member posted again after AutoMod blocked them (message {message_id})"


def thread_message(user_id: int) -> str:
    """A short note in a private thread when the member's DMs are closed."""
    return t(
        "<@{user_id}>, this is Kindred. I couldn't send you a direct message, so I opened this "
        "private space. Someone from the moderation team will reach out to you soon.",
        user_id=user_id,
    )


def resources_message(
    lines: Sequence[Helpline],
    emergency: str | None,
    country: str | None,
    language: str | None = None,
) -> str:
    """/resources: helplines, privately, with no case opened."""
    parts = [
        t(
            "Free, confidential support for {country}. Reaching out is a strong thing to do.",
            country=country,
        )
        if country
        else t("Free, confidential support. Reaching out is a strong thing to do.")
    ]
    parts.extend(helpline_lines(lines, language))
    if emergency:
        parts.append(
            t("In an emergency, call **{emergency}**.", emergency=words.emergency(emergency))
        )
    parts.append(
        t(
            "Only you can see this message. Nothing was shared with anyone. To see another "
            "country's lines, use `/resources country:`."
        )
    )
    return "\n".join(parts)


def resources_first_screen(
    lines: Sequence[Helpline], emergency: str | None, country: str | None
) -> str:
    """A short helplines screen (/cope): the first crisis lines and the emergency number.

    The rest is behind "More ways to get help", which shows ``resources_message``. In the
    language being spoken, with how to reach a line in it where the line says (988: press 2).
    """
    language = current_language()
    parts = [
        t("Free, confidential support in {country}, to talk now:", country=country)
        if country
        else t("Free, confidential support, to talk now:")
    ]
    parts.extend(short_helpline_lines(first_lines(lines, language), language))
    if emergency:
        parts.append(
            t("In an emergency, call **{emergency}**.", emergency=words.emergency(emergency))
        )
    return "\n".join(parts)


LEVEL_TITLE = {
    "urgent": "URGENT: possible immediate risk",
    "concern": "Concern: a member may be struggling",
    "watch": "Watch: worth a moderator's glance",
    "support": "Support: a member would like to talk to the team",
}
LEVEL_COLOUR = {"urgent": 0xD83C3E, "concern": 0xF0A020, "watch": 0x5865F2, "support": 0x3BA55C}
MEMBER_REACH = {
    None: "not contacted yet",
    "dm": "sent helplines by DM",
    "thread": "DMs closed: told in a private thread",
    "cooldown": "already sent helplines within the hour",
    "not_needed": "not contacted (watch level)",
    "failed": "COULD NOT BE REACHED privately: please reach out directly",
}


def member_contact(case: CrisisCase) -> str:
    """How the member was reached, for staff. A ``support`` conversation has no helpline DM:
    the member asked to talk and is waiting for a reply in their DMs."""
    if case.level == "support" and case.member_notified is None:
        return "they asked to talk to the team: reply with `/reply` in the case thread"
    return MEMBER_REACH.get(case.member_notified, case.member_notified or "")


STATUS_LINE = {
    "open": "Unclaimed",
    "claimed": "Claimed by <@{claimed_by}>",
    "resolved": "Resolved by <@{closed_by}>: {close_reason}",
    "false_alarm": "Marked a false alarm by <@{closed_by}>",
}


def alert_fields(
    case: CrisisCase, jump_url: str | None, group: str | None
) -> list[tuple[str, str]]:
    """(name, value) fields of the staff alert."""
    member = f"<@{case.user_id}>" if case.user_id else "(erased)"
    fields = [
        ("Case", case.label),
        ("Member", member),
        ("Group", group or "not in a group"),
        ("Why", case.reason),
        ("Excerpt", quote_safely(case.excerpt) if case.excerpt else "(none)"),
        ("Member contact", member_contact(case)),
        ("Status", status_line(case)),
    ]
    if case.also_abusive and case.level == "watch":
        fields.append(
            (
                "Also abusive",
                f"The message also broke the {case.also_abusive} guideline, so it was hidden "
                "(a copy is in `/mod history`) and the author got a kind note pointing to help.",
            )
        )
    elif case.also_abusive:
        fields.append(
            (
                "Also abusive",
                f"The message also broke the {case.also_abusive} guideline. It stays up because "
                "crisis comes first; hide it or not as you judge best.",
            )
        )
    if jump_url:
        fields.insert(3, ("Message", jump_url))
    return fields


def jump_url(case: CrisisCase) -> str | None:
    """A link to the member's message (DMs link into the member's own DM with Kindred)."""
    if case.message_id is None or case.channel_id is None:
        return None
    where = "@me" if case.source == "dm" else case.guild_id
    return f"https://discord.com/channels/{where}/{case.channel_id}/{case.message_id}"


def alert_footer(case: CrisisCase) -> str:
    """The alert's footer: the reference, and what happened to the member's message."""
    if case.level == "watch":
        return f"Case {case.label} · a quiet glance: nobody was paged or messaged"
    if case.level == "support":
        return f"Case {case.label} · the member asked to talk: claim it, then /reply"
    if case.blocked_by_automod:
        return f"Case {case.label} · AutoMod blocked the member's message: it was never posted"
    return f"Case {case.label} · the member's message stays where it is"


def status_line(case: CrisisCase) -> str:
    """The alert's status line."""
    return STATUS_LINE[case.status].format(
        claimed_by=case.claimed_by, closed_by=case.closed_by, close_reason=case.close_reason
    )


def alert_content(case: CrisisCase, ping_role_id: int | None) -> str:
    """The alert's text line (pings go in content, not in the embed)."""
    ping = f"<@&{ping_role_id}> " if ping_role_id else ""
    what = "A member would like to talk: case" if case.level == "support" else "Crisis case"
    return f"{ping}{what} {case.label} ({case.level})"


def escalation_content(case: CrisisCase, minutes: int, role_id: int | None) -> str:
    """The reminder when nobody has claimed a case in time."""
    ping = f"<@&{role_id}> " if role_id else ""
    return (
        f"{ping}Crisis case {case.label} ({case.level}) has not been claimed after {minutes} "
        "minutes. Please open the alert above and press Claim if you can take it."
    )


# Who a DM step of an escalation was for, in the staff channel's words.
STEP_PEOPLE = {
    "dm_backup": "the backup role",
    "dm_coordinators": "the coordinators",
    "dm_oncall": "the on-call role",
    "dm_owner": "the server owner",
}


def steps_missed(case: CrisisCase, steps: list[str]) -> str:
    """The staff channel's note when Discord could not say who holds a role, so Kindred could
    not DM them about a case nobody has claimed."""
    who = ", ".join(STEP_PEOPLE.get(how, how) for how in steps)
    return (
        f"Kindred could not DM {who} about crisis case {case.label}: Discord did not say who "
        "holds the role just now. Kindred is trying another way, and again at the next "
        "reminder; if you can, reach them yourself too."
    )


def coordinator_dm(case: CrisisCase, minutes: int, guild_name: str) -> str:
    """The DM to coordinators when a case stays unclaimed, or the staff channel is missing."""
    return (
        f"Kindred crisis case {case.label} ({case.level}) in {guild_name} has not been claimed "
        f"after {minutes} minutes. The member is <@{case.user_id}>. {case.reason} "
        "Please make sure someone reaches out, and claim the case in the staff channel."
    )


def no_staff_channel_dm(case: CrisisCase, guild_name: str) -> str:
    """The DM to coordinators when there is no staff channel to alert."""
    return (
        f"Kindred opened crisis case {case.label} ({case.level}) in {guild_name}, but the "
        f"alert could not be posted in the staff channel, so I am telling you directly. The "
        f"member is <@{case.user_id}>. {case.reason} Please reach out to them, or make sure "
        "someone on the team does, and check the staff channel with `/setup show`."
    )


def owner_dm(case: CrisisCase, guild_name: str) -> str:
    """The last step of the chain: the server owner, who may not be on the care team.

    Enough for a person to act (who, how urgent), nothing clinical: no reason, no excerpt.
    """
    urgency = "may be at immediate risk" if case.level == "urgent" else "may be struggling"
    return (
        f"Kindred needs a person in {guild_name}: member <@{case.user_id}> {urgency} (crisis "
        f"case {case.label}), and neither the staff channel nor any moderator or coordinator "
        "could be reached. Please make sure someone from the care team reaches out to them "
        "now, and fix the setup with `/setup show`."
    )


def followup_reminder(case: CrisisCase) -> str:
    """The next-day reminder to the moderator who resolved a case."""
    return (
        f"Follow-up: yesterday you resolved crisis case {case.label} for <@{case.user_id}>. "
        "A short, warm check-in today helps. `/crisis case` shows the record."
    )


def case_record(case: CrisisCase, events: Sequence[CaseEvent]) -> str:
    """/crisis case: the case and its steps."""
    lines = [
        f"**Case {case.label}**: {case.level}, {status_line(case)}",
        f"Member: <@{case.user_id}>" if case.user_id else "Member: (erased)",
        f"Why: {case.reason} (rules: {', '.join(case.rules) or 'manual'})",
        f"Member contact: {member_contact(case)}",
        f"Staff told: {STAFF_REACH.get(case.staff_reached, case.staff_reached or '')}",
        "Steps:",
    ]
    for event in events:
        who = f" by <@{event.actor_id}>" if event.actor_id else ""
        detail = f": {quote_safely(event.detail)}" if event.detail else ""
        # Each moderator reads the time in their own timezone (cogs/utils/times.py says why).
        lines.append(f"• {stamp(event.at)} {event.kind}{who}{detail}")
    return "\n".join(lines)


STAFF_REACH = {
    None: "nobody yet: Kindred keeps trying",
    "channel": "alert posted in the staff channel",
    "dm_oncall": "staff channel failed: the on-call role was DMed",
    "dm_backup": "staff channel failed: the backup role was DMed",
    "dm_coordinators": "staff channel failed: the coordinators were DMed",
    "dm_owner": "staff channel failed: the server owner was DMed",
}


def already_taken(case: CrisisCase) -> str:
    """The answer to a moderator who pressed a button on a case someone else has."""
    who = case.closed_by if case.status in ("resolved", "false_alarm") else case.claimed_by
    by = f" by <@{who}>" if who else ""
    status = case.status.replace("_", " ")
    return (
        f"Case {case.label} is already {status}{by}. `/crisis case` shows every step; "
        "talk to them before you reach out too."
    )


CLAIMED = "You claimed case {case_id}. Thank you for reaching out to them."
RESOLVED = "Case {case_id} is resolved. I'll remind you tomorrow to check in with the member."
FALSE_ALARM = "Case {case_id} is marked a false alarm. Thanks; this helps tune the screen."
NOT_FOUND = "There is no crisis case {case_id} in this server. Check the reference on the alert."
OPENED_MANUALLY = "Opened case {case_id} for {member}; the staff channel has the alert."
ALREADY_OPEN_FOR_MESSAGE = "That message already has case {case_id}."
NOT_FOR_BOTS = "Crisis cases are for people: {member} is a bot."


# --- the relay: the conversation between the member and the team -------------------------------

TEAM_NAME = N_("the Kindred team")
# Every message the member gets in the conversation ends with how to get urgent help.
URGENT_HELP = N_(
    "-# If things get worse or you are in danger, call your local emergency number now. "
    "`/resources` shows free helplines."
)


def to_member(as_name: str, text: str) -> str:
    """A reply from the team as the member sees it: who it is from, never a moderator's account.

    The moderator's own words are sent as written; the frame around them is in the member's
    language (and "the Kindred team" too, when that is the name they reply as).
    """
    sender = t(TEAM_NAME) if as_name == TEAM_NAME else as_name
    return t("**From {sender}:**", sender=sender) + f"\n{text}\n{t(URGENT_HELP)}"


def relay_in(text: str, attachments: Sequence[str], when: str) -> str:
    """A member's DM as the team sees it in the case thread (attachments as links)."""
    body = quote_safely(text) if text else "(no text)"
    links = "".join(f"\n📎 {url}" for url in attachments)
    return f"**The member wrote** ({when}):\n{body}{links}"


def relay_raised(case: CrisisCase, level: str, role_id: int | None) -> str:
    """The member's reply screens at a higher level than their case: page on-call again."""
    ping = f"<@&{role_id}> " if role_id else ""
    thread = f" in <#{case.relay_channel_id}>" if case.relay_channel_id else ""
    return (
        f"{ping}**Case {case.label}: the member's latest message screens {level.upper()}**"
        f" (the case was {case.level}). Please read it{thread} and reach out now."
    )


TOLD_A_PERSON = N_(
    "Thank you for telling us. I've passed your message to the team, and a person has been "
    "told. You can keep writing here: everything you send goes to them."
)
PERSON_HERE = N_(
    "Someone from the team is here with you now. They'll reply in this chat; you can write to "
    "them here."
)
RELAY_CLOSED = N_(
    "The team has closed this conversation for now. Thank you for talking with us. If things "
    "get hard again, send a message here or use `/talk`, and you can talk with the team again. "
    "`/resources` shows free helplines. If you are in danger, please call your local emergency "
    "number now."
)
RELAY_NOT_PASSED_ON = N_(
    "I'm sorry: I couldn't pass your last message to the team just now. If you need help right "
    "away, please call your local emergency number or a helpline from `/resources`."
)


def reply_result(
    as_name: str, text: str, status: str, error: str | None, note: str | None = None
) -> str:
    """What the moderator sees after /reply: the message as sent, or why it was not.

    ``note``: which language the member reads a saved reply in (``saved_reply_language``).
    """
    result = _reply_result(as_name, text, status, error)
    return f"{result}\n-# {note}" if note else result


def saved_reply_language(label: str, language: str, read_in: str) -> str | None:
    """For the moderator: the language the member reads a saved reply in (None for English).

    A server's own saved reply may have no translation: the moderator is told it went in
    English, so they can add a word in the member's language themselves.
    """
    if language == ENGLISH:
        return None
    theirs = english_name(language)
    if read_in == language:
        return f"“{label}” was sent in {theirs}, the member's language."
    return (
        f"“{label}” has no {theirs} translation, so the member reads it in English "
        f"({theirs} is their language)."
    )


def _reply_result(as_name: str, text: str, status: str, error: str | None) -> str:
    quoted = quote_safely(text)
    if status == "sent":
        return f"**To the member** (as {as_name}):\n{quoted}"
    if status == "closed":
        return (
            f"⚠️ **Not delivered**: the member's DMs are closed to Kindred, so they did not get "
            f"this:\n{quoted}\nIt is kept with the case. Please reach them another way."
        )
    if status == "pending":
        return f"**To the member** (as {as_name}), on its way (Discord is slow):\n{quoted}"
    return f"⚠️ **Not delivered** ({error or 'Discord refused it'}):\n{quoted}"


def not_delivered_notice(status: str) -> str:
    """Posted in the case thread when a message to the member did not reach them."""
    why = "their DMs are closed to Kindred" if status == "closed" else "Discord refused it"
    return f"⚠️ A message to the member was **not delivered**: {why}. It is kept with the case."


RELAY_THREAD = "Case {case_id}: conversation"
NO_RELAY_HERE = (
    "This isn't a case conversation. Use `/reply` in the case's thread, or give the case "
    "reference, e.g. `case: K7QX-3MPD`."
)
RELAY_NOT_ACTIVE = "Case {case_id} is closed, so nothing is relayed. Open a new case to talk again."
NO_MEMBER = "Case {case_id} no longer has a member to write to (their data was erased)."
NO_SAVED_REPLY = "There is no saved reply called `{name}`. Pick one from the list."
SAVED_REPLY_NEEDS_MINUTES = "“{label}” needs a number of minutes: add `minutes:`."
NOTHING_TO_SEND = "Write a `message:`, pick a `saved:` reply, or both."

# --- talk to the team (a conversation without a crisis) -------------------------------------------

TALK_REASON = "The member asked to talk to the team."
TALK_OFFER = N_(
    "Hi, this is Kindred, a bot, so I can't answer messages myself. If you'd like to talk to a "
    "person on the team, press the button: they'll reply here. If you are in danger, please "
    "call your local emergency number now; `/resources` shows free helplines."
)
TALK_OPENED = N_(
    "Thank you for reaching out. I've told the team you'd like to talk, and a person will "
    "reply here, usually within a few hours. You can write here anything you'd like them to "
    "know. If things get worse or you are in danger, please call your local emergency number "
    "now; `/resources` shows free helplines."
)
TALK_STARTED = N_("Done: the team has been told. They'll reply in your DMs with Kindred.")
TALK_ALREADY = N_(
    "You're already talking with the team: write to Kindred by DM and they'll see it."
)
TALK_NO_SERVER = N_(
    "I can only pass this on to the team of a server we share, and I couldn't find one. "
    "`/resources` shows free helplines you can reach right now."
)
TALK_DMS_CLOSED = N_(
    "I've told the team, but I can't DM you: your DMs are closed to Kindred. Please allow DMs "
    "from this server's members so they can reply."
)
