"""What members and moderators read about check-ins. Plain text; no discord import.

Copy rules: warm and plain; a member without a partner gets the same neutral words whatever
the reason, because a reason like "no allowed partner" could reveal someone's confidential
"don't pair me with" list.
"""

from __future__ import annotations

from collections.abc import Sequence

from cogs.checkins.pairing import REASON_ALONE, REASON_NO_ALLOWED_GROUP, REASON_NO_ALLOWED_PARTNER
from cogs.utils.i18n import N_, t, tn, tp

REASONS_FOR_STAFF = {
    REASON_ALONE: "the only one taking part this week",
    REASON_NO_ALLOWED_PARTNER: "no possible partner (pairing preferences)",
    REASON_NO_ALLOWED_GROUP: "no pair or trio could fit them in (pairing preferences)",
}


def mentions(user_ids: Sequence[int]) -> str:
    """``<@a>``, ``<@a> and <@b>``, ``<@a>, <@b> and <@c>`` (the "and" in the language spoken)."""
    tags = [f"<@{u}>" for u in user_ids]
    if len(tags) <= 1:
        return "".join(tags)
    return tp("list", "{first} and {last}", first=", ".join(tags[:-1]), last=tags[-1])


THREAD_NAME_LIMIT = 100  # Discord's limit for a channel or thread name


def thread_name(week: int, names: Sequence[str]) -> str:
    """The private thread's name: the week and the pair, e.g. "Week 3 · Asha & Ben".

    Names make a pair's thread easy to find among several in a phone's thread list. The thread
    is private to the pair and the moderators, who all know who is in it, so nothing new is
    shown. Long display names are shortened so the whole stays within Discord's limit.
    """
    head = f"Week {week} · "
    names = [" ".join(n.split()) or "a member" for n in names] or ["check-in"]
    joined = _and(names)
    if len(head) + len(joined) <= THREAD_NAME_LIMIT:
        return head + joined
    separators = len(_and(["" for _ in names]))
    each = max((THREAD_NAME_LIMIT - len(head) - separators) // len(names), 2)
    short = [n if len(n) <= each else n[: each - 1].rstrip() + "…" for n in names]
    return (head + _and(short))[:THREAD_NAME_LIMIT]


def _and(names: Sequence[str]) -> str:
    """``a``, ``a & b``, ``a, b & c``."""
    return ", ".join(names[:-1]) + " & " + names[-1] if len(names) > 1 else "".join(names)


def thread_opening(week: int, members: Sequence[int], prompt: str) -> str:
    """The first message in a pair's private thread (``prompt``: from the prompts file, in
    English; translated here)."""
    if len(members) == 3:
        hello = t(
            "Hello {members}! You're this week's check-in trio (week {week}).",
            members=mentions(members),
            week=week,
        )
    else:
        hello = t(
            "Hello {members}! You're this week's check-in pair (week {week}).",
            members=mentions(members),
            week=week,
        )
    return (
        hello
        + "\n\n"
        + t("**This week's prompt:** {prompt}", prompt=t(prompt))
        + "\n\n"
        + t(
            "A few messages whenever suits you is plenty. This thread is private to you and the "
            "moderators. Near the end of the week I'll ask whether you managed to meet. "
            "`/checkin snooze` or `/checkin optout` any time."
        )
    )


def dm_opening(week: int, partners: Sequence[int], prompt: str) -> str:
    """The DM for a member who chose to meet by direct message."""
    return (
        tn(
            "Your check-in partner for week {week}: {partners}.",
            "Your check-in partners for week {week}: {partners}.",
            len(partners),
            week=week,
            partners=mentions(partners),
        )
        + " "
        + t("You chose direct messages, so say hello to them there.")
        + "\n\n"
        + t("**This week's prompt:** {prompt}", prompt=t(prompt))
        + "\n\n"
        + t("Near the end of the week I'll ask whether you managed to meet.")
    )


def reminder(members: Sequence[int]) -> str:
    """The mid-week nudge to a pair that hasn't posted yet."""
    return t(
        "Hi {members}, a gentle mid-week reminder about your check-in. Even a short "
        "hello counts. If this week is too much, that's fine too: `/checkin snooze`.",
        members=mentions(members),
    )


DM_REMINDER = N_(
    "A gentle mid-week reminder about your check-in this week. Even a short hello counts. "
    "If this week is too much, that's fine too: `/checkin snooze`."
)


def ask(members: Sequence[int]) -> str:
    """The end-of-week question (buttons below it)."""
    return t(
        "{members}, the week is nearly over: did you manage to check in with each "
        "other? Each of you can answer for yourself; there's no wrong answer.",
        members=mentions(members),
    )


DM_ASK = N_(
    "The week is nearly over: did you manage to check in with your partner? There's no wrong "
    "answer."
)
ANSWER_MET = N_("Thank you! Glad you could connect this week.")
ANSWER_MISSED = N_(
    "Thanks for letting me know. Weeks like that happen; there's a new partner next week."
)
ANSWER_NOT_YOURS = N_("This check-in belongs to another pair, so it isn't yours to answer.")
ANSWER_CLOSED = N_("This week's check-in has closed. Thanks all the same!")
MET_LABEL = N_("Yes, we met")
MISSED_LABEL = N_("Not this week")

NO_PARTNER = N_(
    "There wasn't a check-in partner for you this week, sorry about that. You'll be included "
    "again next week, and your moderator knows. If you'd like someone to talk to meanwhile, "
    "the group channel is there for you."
)

PAUSED_NOTE = N_(
    "Hi! Your last three check-ins didn't happen, which is completely okay. Life with MS has "
    "weeks like that. To take the pressure off, I've paused your check-ins: no partner, no "
    "reminders. Whenever you'd like to start again, use `/checkin optin` in the server. "
    "You're still very much part of the group."
)


def staff_unplaced(cohort: str, week: int, rows: Sequence[tuple[str, int, str]]) -> str:
    """A note for the staff channel: members without a partner this week (group, user, reason)."""
    lines = [f"Check-ins, **{cohort}** week {week}: some members have no partner this week."]
    for group, user_id, reason in rows:
        lines.append(f"• {group}: <@{user_id}>, {REASONS_FOR_STAFF.get(reason, reason)}")
    lines.append("They were told kindly; consider a personal hello.")
    return "\n".join(lines)


def swapped_note(week: int) -> str:
    """Posted in a thread whose members a moderator changed."""
    return t("A moderator adjusted the check-in pairs for week {week}. Welcome!", week=week)


def percent(rate: float | None) -> str:
    """A completion rate for people: "75%" or "none yet"."""
    return "none yet" if rate is None else f"{round(rate * 100)}%"
