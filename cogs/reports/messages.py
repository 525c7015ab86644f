"""What members and staff read about reports. Every member-facing line is private (ephemeral).

What the reporter reads is in their language (constants are English ids, ``N_``, translated
where they are used); what the team reads (the queue, the coordinators' note, a case's reason)
stays English, so ``REASON_LABEL`` is English and the reporter gets ``reason_words``.
"""

from __future__ import annotations

from datetime import datetime

from cogs.utils.i18n import N_, t, tp
from cogs.utils.text import quote_safely
from cogs.utils.times import stamp
from db.models.reports import MessageReport

REASON_LABEL = {
    "worried": "worried about them",
    "unkind": "unkind to someone",
    "private": "shares private details",
}
REASON_BUTTON = {
    "worried": N_("I'm worried about them"),
    "unkind": N_("It's unkind to someone"),
    "private": N_("It shares private details"),
}

ASK_WHY = N_(
    "Thank you for looking out for the group. Why are you reporting this message? "
    "Only the team will know it was you; the person who wrote it is never told."
)
NOTE_LABEL = N_("Anything the team should know? (optional)")
NOTE_PLACEHOLDER = N_("A few words help, but you can leave this empty.")
OWN_MESSAGE = N_(
    "That's your own message, so there's nothing to report. If something is weighing on you, "
    "`/resources` lists free, confidential helplines, and the moderators are here for you too."
)
RATE_LIMITED = N_(
    "Thank you for caring about the group. You've sent {limit} reports in the last hour, which "
    "is the most I take at once, so this one was not sent. If something is urgent, please "
    "message a moderator directly; you can report again in a little while."
)
NOT_HERE = N_("Messages can be reported only inside a server that has set Kindred up.")
# Staff-facing: stay English.
MODERATOR_CASE_REASON = "Opened by a moderator from the member's message."
CASE_JOINED = (
    "That message already has case {case_id}, still open; its record now shows you asked too. "
    "`/crisis case` shows every step."
)

THANKS = {
    "crisis": N_(
        "Thank you. The care team has been told and will check in with them privately; they "
        "will not be told who reported it. If you think they are in danger right now, please "
        "call your local emergency number. Looking out for someone is a lot: take care of "
        "yourself too (`/resources` has free helplines)."
    ),
    "queue": N_(
        "Thank you for telling us. A moderator will look at the message; the person who wrote "
        "it will not be told who reported it."
    ),
    "coordinators": N_(
        "Thank you for telling us. Because this message is {whose}, your report goes to the "
        "coordinators rather than the usual moderation queue. Nobody else is told who reported it."
    ),
}
WHOSE = {True: N_("one of Kindred's own"), False: N_("from a member of the team")}


def thanks(route: str, *, target_is_bot: bool) -> str:
    """The private confirmation for a new report."""
    return t(THANKS[route], whose=t(WHOSE[target_is_bot]))


def reason_words(reason: str) -> str:
    """Why the member reported, as they read it (``REASON_LABEL`` is the team's English)."""
    words = {
        "worried": tp("report reason", "worried about them"),
        "unkind": tp("report reason", "unkind to someone"),
        "private": tp("report reason", "shares private details"),
    }
    return words.get(reason, REASON_LABEL.get(reason, reason))


def already_reported(report: MessageReport) -> str:
    """The answer to reporting the same message again (nothing new happens)."""
    return t(
        "You already reported this message ({reason}) on {when}, and the team has it. There's "
        "nothing more you need to do.",
        reason=reason_words(report.reason),
        when=when(report.created_at),
    )


def when(moment: datetime) -> str:
    """A Discord timestamp: each reader sees it in their own timezone."""
    return stamp(moment)


def jump(report: MessageReport) -> str:
    """A link to the reported message."""
    return f"https://discord.com/channels/{report.guild_id}/{report.channel_id}/{report.message_id}"


def coordinator_note(report: MessageReport, *, target_is_bot: bool) -> str:
    """What coordinators get for a report on Kindred's or a staff member's message."""
    whose = "Kindred's own message" if target_is_bot else f"a message by <@{report.author_id}>"
    lines = [
        f"**For coordinators:** <@{report.reporter_id}> reported {whose} as "
        f"*{REASON_LABEL[report.reason]}* ({when(report.created_at)}). It is not in "
        "`/mod queue`, so nobody reviews a report about themselves.",
        f"Message: {jump(report)}",
    ]
    if report.excerpt:
        lines.append(f"It said: {quote_safely(report.excerpt)}")
    if report.note:
        lines.append(f"The reporter added: {quote_safely(report.note)}")
    return "\n".join(lines)[:2000]


def case_reason(note: str | None) -> str:
    """The crisis case's "why" for a report of worry (staff read it; the author never does)."""
    base = "A member reported this message: they are worried about the author."
    return f"{base} They added: {quote_safely(note)}" if note else base


def queue_line(report: MessageReport) -> str:
    """One member report in /mod queue."""
    author = f"<@{report.author_id}>" if report.author_id else "(erased)"
    reporter = f"<@{report.reporter_id}>" if report.reporter_id else "(erased)"
    parts = [
        f"`M{report.id}` {REASON_LABEL[report.reason]}: {author}, reported by {reporter}, "
        f"{when(report.created_at)}: {jump(report)}"
    ]
    if report.excerpt:
        parts.append(f" {quote_safely(report.excerpt[:120])}")
    if report.note:
        parts.append(f" (note: {quote_safely(report.note[:120])})")
    return "".join(parts)
