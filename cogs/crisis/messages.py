"""What the crisis lane says. Safe-messaging rules: hope and resources, no method detail,
plain warm words, and never blame. Moderators get facts; members get care."""

from __future__ import annotations

from collections.abc import Sequence

from cogs.crisis.helplines import ANYWHERE, Helpline
from cogs.utils.text import quote_safely
from db.models import CaseEvent, CrisisCase

EXCERPT_CHARS = 200


def excerpt(text: str) -> str:
    """A short excerpt for moderators: one line, at most EXCERPT_CHARS characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1].rstrip() + "…"


def helpline_lines(lines: Sequence[Helpline]) -> list[str]:
    """One bullet per helpline: name, how to reach it, hours and languages."""
    return [f"• **{h.name}**: {h.contact} ({h.hours}; {h.languages})" for h in lines]


FIRST_SCREEN_LINES = 2  # the country's crisis lines shown before "More ways to get help"
MORE_HELP_LABEL = "More ways to get help"


def first_lines(lines: Sequence[Helpline]) -> list[Helpline]:
    """The lines for a first screen: the country's first crisis lines, else the directory.

    ``lines`` are in ``HelplineBook.for_country`` order (the country's crisis lines first, the
    international directory last), so the most urgent ones are never behind a button.
    """
    own = [h for h in lines if h.crisis and h.country != ANYWHERE]
    return own[:FIRST_SCREEN_LINES] or [h for h in lines if h.country == ANYWHERE][:1]


def short_helpline_lines(lines: Sequence[Helpline]) -> list[str]:
    """One short bullet per helpline: name, how to reach it, hours (languages are in More)."""
    return [f"• **{h.name}**: {h.contact} ({h.hours})" for h in lines]


def member_message(
    name: str,
    lines: Sequence[Helpline],
    emergency: str | None,
    urgent: bool,
    *,
    blocked: bool = False,
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
    punished; the message says they were not.
    """
    parts = [
        f"Hi {name}, it's Kindred. You matter: a person on the team has been told and will "
        "reach out soon.",
        "An automatic filter held your message, not a person. You're not being punished."
        if blocked
        else "Your message has not been removed, and you're not in any trouble.",
    ]
    if urgent and emergency:
        parts.append(f"In danger now? Call **{emergency}** or go to an emergency department.")
    parts.append("Free, confidential lines:")
    parts.extend(short_helpline_lines(first_lines(lines)))
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
    return (
        f"<@{user_id}>, this is Kindred. I couldn't send you a direct message, so I opened this "
        "private space. Someone from the moderation team will reach out to you soon."
    )


def resources_message(lines: Sequence[Helpline], emergency: str | None, country: str | None) -> str:
    """/resources: helplines, privately, with no case opened."""
    where = f" for {country}" if country else ""
    parts = [f"Free, confidential support{where}. Reaching out is a strong thing to do."]
    parts.extend(helpline_lines(lines))
    if emergency:
        parts.append(f"In an emergency, call **{emergency}**.")
    parts.append(
        "Only you can see this message. Nothing was shared with anyone. To see another "
        "country's lines, use `/resources country:`."
    )
    return "\n".join(parts)


def resources_first_screen(
    lines: Sequence[Helpline], emergency: str | None, country: str | None
) -> str:
    """A short helplines screen (/cope): the first crisis lines and the emergency number.

    The rest is behind "More ways to get help", which shows ``resources_message``.
    """
    where = f" in {country}" if country else ""
    parts = [f"Free, confidential support{where}, to talk now:"]
    parts.extend(short_helpline_lines(first_lines(lines)))
    if emergency:
        parts.append(f"In an emergency, call **{emergency}**.")
    return "\n".join(parts)


LEVEL_TITLE = {
    "urgent": "URGENT: possible immediate risk",
    "concern": "Concern: a member may be struggling",
    "watch": "Watch: worth a moderator's glance",
}
LEVEL_COLOUR = {"urgent": 0xD83C3E, "concern": 0xF0A020, "watch": 0x5865F2}
MEMBER_REACH = {
    None: "not contacted yet",
    "dm": "sent helplines by DM",
    "thread": "DMs closed: told in a private thread",
    "cooldown": "already sent helplines within the hour",
    "not_needed": "not contacted (watch level)",
    "failed": "COULD NOT BE REACHED privately: please reach out directly",
}
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
        ("Member contact", MEMBER_REACH.get(case.member_notified, case.member_notified or "")),
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
    return f"{ping}Crisis case {case.label} ({case.level})"


def escalation_content(case: CrisisCase, minutes: int, role_id: int | None) -> str:
    """The reminder when nobody has claimed a case in time."""
    ping = f"<@&{role_id}> " if role_id else ""
    return (
        f"{ping}Crisis case {case.label} ({case.level}) has not been claimed after {minutes} "
        "minutes. Please open the alert above and press Claim if you can take it."
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
        f"Member contact: {MEMBER_REACH.get(case.member_notified, case.member_notified or '')}",
        f"Staff told: {STAFF_REACH.get(case.staff_reached, case.staff_reached or '')}",
        "Steps:",
    ]
    for event in events:
        who = f" by <@{event.actor_id}>" if event.actor_id else ""
        detail = f": {quote_safely(event.detail)}" if event.detail else ""
        lines.append(f"• {event.at:%Y-%m-%d %H:%M} UTC {event.kind}{who}{detail}")
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
