"""What members (and, when a member shares, their moderator) read about ``/plan``.

Written for people with MS fatigue and blurred vision: short lines, one idea each, bold only for
what to look at first. Plain text; the cog and views turn it into Discord messages. Nothing here
promises an effect: the ideas are offered, not prescribed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cogs.plan.service import Plan, PlanEntry

TITLE = "**Your plan** · only you can see it"
EMPTY = (
    "Name something that weighs on you, then pick ideas from the people around you to try "
    "for it. Up to three things; change them whenever you like."
)
SAFETY = (
    "Like everything on Kindred, what you write here passes the safety check: if it sounds as "
    "if you're in danger, the care team is told so someone can reach out."
)
ADD_LABEL = "Add something"
CHANGE_LABEL = "Change or remove"
SHARE_LABEL = "Share with my moderator"
PICK_PLACEHOLDER = "Pick up to 3 ideas"
WHICH_PLACEHOLDER = "Which one?"
EDIT_WORDS_LABEL = "Change the words"
EDIT_IDEAS_LABEL = "Change the ideas"
REMOVE_LABEL = "Remove it"
BACK_LABEL = "Back to my plan"
SEND_LABEL = "Yes, send it"
CANCEL_LABEL = "Not now"

MODAL_TITLE = "Something in your plan"
SITUATION_LABEL = "What weighs on you?"
SITUATION_PLACEHOLDER = "e.g. evenings when fatigue is bad"
WORDS_LABEL = "What helps you, in your words (optional)"
WORDS_PLACEHOLDER = "e.g. text my sister before it builds up"

SITUATION_EMPTY = "Please write a few words about what weighs on you."
PLAN_FULL = (
    "Your plan already has three things. Change or remove one to add another; three is "
    "plenty to hold in mind."
)
GONE = "That part of your plan isn't there any more. Run `/plan` to see it as it is now."
PICK_AGAIN = "Please pick up to three ideas from the list."
SHARE_IN_SERVER = "To share your plan, run `/plan` in your server, where your group is."
NOTHING_TO_SHARE = "Your plan is empty, so there is nothing to share yet."
NO_MODERATOR = (
    "You don't have a group with a moderator on this server, so there is nobody to share "
    "your plan with. It stays private to you."
)
EXPIRED = "This has timed out. Run `/plan` again whenever you like."
CHECKIN_THREAD_NOTE = (
    "Your own plan is in `/plan`, private to each of you: have a look, or change it, before "
    "you talk if you like."
)


def too_long(what: str, limit: int) -> str:
    """A field was longer than it may be."""
    return f"Please keep {what} to {limit} characters."


def _entry(number: int, entry: PlanEntry, *, own_words: bool = True) -> str:
    lines = [f"**{number}. {entry.item.situation}**"]
    if entry.strategies:
        lines.append("Ideas: " + " · ".join(s.title for s in entry.strategies))
    else:
        lines.append("Ideas: none picked yet")
    if own_words and entry.item.own_words:
        lines.append(f"In your words: {entry.item.own_words}")
    return "\n".join(lines)


def show(plan: Plan) -> str:
    """``/plan``: the plan, or what it is for when empty."""
    if plan.empty:
        return f"{TITLE}\n\n{EMPTY}\n\n{SAFETY}"
    body = "\n\n".join(_entry(n, e) for n, e in enumerate(plan.entries, start=1))
    tail = "" if plan.full else "\n\nYou can add up to three things."
    return f"{TITLE}\n\n{body}{tail}"


def pick_ideas(situation: str) -> str:
    """After naming a situation: choose the ideas for it."""
    return f"Saved: **{situation}**\nNow pick up to three ideas to try for it."


def choose_action(entry: PlanEntry) -> str:
    """One situation chosen under "Change or remove"."""
    lines = _entry(1, entry).splitlines()
    lines[0] = f"**{entry.item.situation}**"
    return "\n".join(lines) + "\n\nWhat would you like to change?"


def share_confirm(moderator_id: int) -> str:
    """Said before the member presses send: who gets it, and how."""
    return (
        f"This sends a copy of your plan to <@{moderator_id}>, your group's moderator, as a "
        "private message. Nobody else sees it. You can't take the copy back, but you can "
        "change your plan any time."
    )


def shared(moderator_id: int, where: str) -> str:
    """The plan went out."""
    return f"Sent to <@{moderator_id}> {where}. Only they can see it."


SHARED_DM = "by private message"
SHARED_THREAD = "in a private thread only the two of you and Kindred can see"
SHARE_FAILED = (
    "I couldn't reach your moderator just now, so nothing was sent. Please try again later, "
    "or message them yourself."
)


def for_moderator(member_id: int, plan: Plan, cohort: str, group: int) -> str:
    """What the moderator receives when a member shares their plan."""
    body = "\n\n".join(_entry(n, e) for n, e in enumerate(plan.entries, start=1))
    return (
        f"<@{member_id}> from **{cohort}**, group {group}, chose to share their plan with you. "
        "Please keep it between the two of you.\n\n" + body
    )[:2000]


def for_cope(plan: Plan) -> str:
    """The top of ``/cope`` for a member with a plan: their own ideas first."""
    body = "\n".join(_entry(n, e, own_words=True) for n, e in enumerate(plan.entries, start=1))
    return f"**Your plan first** (only you can see it):\n{body}\n`/plan` to change it."


def checkin_dm_note(plan: Plan) -> str:
    """The end of a private check-in DM: the member's plan, or an invitation to make one."""
    if plan.empty:
        return (
            "If you like, `/plan` lets you name what weighs on you and pick ideas for it. "
            "Private to you."
        )
    names = "; ".join(e.item.situation for e in plan.entries)
    return f"**Your plan** (private): {names}. A look each week, and a change if you like: `/plan`."
