"""What members (and, when a member shares, their moderator) read about ``/plan``.

Written for people with MS fatigue and blurred vision: short lines, one idea each, bold only for
what to look at first. Plain text; the cog and views turn it into Discord messages. Nothing here
promises an effect: the ideas are offered, not prescribed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cogs.utils.i18n import N_, t, tp

if TYPE_CHECKING:
    from cogs.plan.service import Plan, PlanEntry
    from cogs.toolkit.strategies import Strategy

TITLE = N_("**Your plan** · only you can see it")
EMPTY = N_(
    "Name something that weighs on you, then pick ideas from the people around you to try "
    "for it. Up to three things; change them whenever you like."
)
SAFETY = N_(
    "Like everything on Kindred, what you write here passes the safety check: if it sounds as "
    "if you're in danger, the care team is told so someone can reach out."
)
ADD_LABEL = N_("Add something")
CHANGE_LABEL = N_("Change or remove")
SHARE_LABEL = N_("Share with my moderator")
PICK_PLACEHOLDER = N_("Pick up to 3 ideas")
WHICH_PLACEHOLDER = N_("Which one?")
EDIT_WORDS_LABEL = N_("Change the words")
EDIT_IDEAS_LABEL = N_("Change the ideas")
REMOVE_LABEL = N_("Remove it")
BACK_LABEL = N_("Back to my plan")
SEND_LABEL = N_("Yes, send it")

MODAL_TITLE = N_("Something in your plan")
SITUATION_LABEL = N_("What weighs on you?")
SITUATION_PLACEHOLDER = N_("e.g. evenings when fatigue is bad")
WORDS_LABEL = N_("What helps you, in your words (optional)")
WORDS_PLACEHOLDER = N_("e.g. text my sister before it builds up")

SITUATION_EMPTY = N_("Please write a few words about what weighs on you.")
PLAN_FULL = N_(
    "Your plan already has three things. Change or remove one to add another; three is "
    "plenty to hold in mind."
)
GONE = N_("That part of your plan isn't there any more. Run `/plan` to see it as it is now.")
PICK_AGAIN = N_("Please pick up to three ideas from the list.")
SHARE_IN_SERVER = N_("To share your plan, run `/plan` in your server, where your group is.")
NOTHING_TO_SHARE = N_("Your plan is empty, so there is nothing to share yet.")
NO_MODERATOR = N_(
    "You don't have a group with a moderator on this server, so there is nobody to share "
    "your plan with. It stays private to you."
)
CHECKIN_THREAD_NOTE = N_(
    "Your own plan is in `/plan`, private to each of you: have a look, or change it, before "
    "you talk if you like."
)


def too_long(what: str, limit: int) -> str:
    """A field was longer than it may be (``what``: already in the member's language)."""
    return t("Please keep {what} to {limit} characters.", what=what, limit=limit)


def strategy_title(strategy: Strategy) -> str:
    """An idea's title as the member reads it (config/ier_strategies.toml, translated)."""
    return t(strategy.title)


def _entry(number: int, entry: PlanEntry, *, own_words: bool = True, member: bool = True) -> str:
    """One situation with its ideas; ``member=False``: English, for the moderator's copy."""
    say = t if member else _english
    lines = [f"**{number}. {entry.item.situation}**"]
    if entry.strategies:
        titles = [strategy_title(s) if member else s.title for s in entry.strategies]
        lines.append(say(N_("Ideas: {ideas}"), ideas=" · ".join(titles)))
    else:
        lines.append(say(N_("Ideas: none picked yet")))
    if own_words and entry.item.own_words:
        lines.append(say(N_("In your words: {words}"), words=entry.item.own_words))
    return "\n".join(lines)


def _english(text: str, **values: Any) -> str:
    """``t`` without translating: staff read the moderator's copy in English."""
    return text.format(**values) if values else text


def show(plan: Plan) -> str:
    """``/plan``: the plan, or what it is for when empty."""
    if plan.empty:
        return f"{t(TITLE)}\n\n{t(EMPTY)}\n\n{t(SAFETY)}"
    body = "\n\n".join(_entry(n, e) for n, e in enumerate(plan.entries, start=1))
    tail = "" if plan.full else "\n\n" + t("You can add up to three things.")
    return f"{t(TITLE)}\n\n{body}{tail}"


def pick_ideas(situation: str) -> str:
    """After naming a situation: choose the ideas for it."""
    return t(
        "Saved: **{situation}**\nNow pick up to three ideas to try for it.", situation=situation
    )


def choose_action(entry: PlanEntry) -> str:
    """One situation chosen under "Change or remove"."""
    lines = _entry(1, entry).splitlines()
    lines[0] = f"**{entry.item.situation}**"
    return "\n".join(lines) + "\n\n" + t("What would you like to change?")


def share_confirm(moderator_id: int) -> str:
    """Said before the member presses send: who gets it, and how."""
    return t(
        "This sends a copy of your plan to <@{moderator}>, your group's moderator, as a "
        "private message. Nobody else sees it. You can't take the copy back, but you can "
        "change your plan any time.",
        moderator=moderator_id,
    )


def shared(moderator_id: int, where: str) -> str:
    """The plan went out (``where``: SHARED_DM or SHARED_THREAD, translated here)."""
    return t(
        "Sent to <@{moderator}> {where}. Only they can see it.",
        moderator=moderator_id,
        where=t(where),
    )


def cancel_label() -> str:
    """The button that goes back without sending."""
    return tp("plan", "Not now")


SHARED_DM = N_("by private message")
SHARED_THREAD = N_("in a private thread only the two of you and Kindred can see")
SHARE_FAILED = N_(
    "I couldn't reach your moderator just now, so nothing was sent. Please try again later, "
    "or message them yourself."
)


def for_moderator(member_id: int, plan: Plan, cohort: str, group: int) -> str:
    """What the moderator receives when a member shares their plan."""
    body = "\n\n".join(_entry(n, e, member=False) for n, e in enumerate(plan.entries, start=1))
    return (
        f"<@{member_id}> from **{cohort}**, group {group}, chose to share their plan with you. "
        "Please keep it between the two of you.\n\n" + body
    )[:2000]


def for_cope(plan: Plan) -> str:
    """The top of ``/cope`` for a member with a plan: their own ideas first."""
    body = "\n".join(_entry(n, e, own_words=True) for n, e in enumerate(plan.entries, start=1))
    return (
        t("**Your plan first** (only you can see it):")
        + "\n"
        + body
        + "\n"
        + t("`/plan` to change it.")
    )


def checkin_dm_note(plan: Plan) -> str:
    """The end of a private check-in DM: the member's plan, or an invitation to make one."""
    if plan.empty:
        return t(
            "If you like, `/plan` lets you name what weighs on you and pick ideas for it. "
            "Private to you."
        )
    names = "; ".join(e.item.situation for e in plan.entries)
    return t(
        "**Your plan** (private): {names}. A look each week, and a change if you like: `/plan`.",
        names=names,
    )
