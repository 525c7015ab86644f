"""User-facing copy of the IER toolkit (/cope, /goodnews, the weekly good-news thread).

Plain text only: the cog and views turn it into Discord messages. Nothing here promises an
effect: a sentence that does ("helps", "gain", ...) is worded as an invitation, since copy in
code has no place for a source note (tests/toolkit/test_claims.py checks).
"""

from __future__ import annotations

from collections.abc import Sequence

from cogs.toolkit.strategies import Strategy

FEELING_LABELS: dict[str, str] = {
    "overwhelmed": "Overwhelmed",
    "low": "Low",
    "lonely": "Lonely",
    "anxious": "Anxious or worried",
    "frustrated": "Frustrated",
    "okay": "Okay, just checking in",
}

COPE_START = (
    "Thanks for checking in with yourself. Nobody else can see this.\n"
    "**How are you feeling right now?** Roughly is fine."
)
FEELING_PLACEHOLDER = "Choose the closest feeling"
SOMEONE_YES = "Yes, someone's around"
SOMEONE_NO = "No, I'm on my own"
LOG_LABEL = "Log this for me"
ANOTHER_LABEL = "Another idea"
LOGGED = (
    "Saved for you: the feeling and these ideas, with the time. Only you can see it in "
    "`/privacy show`, and `/privacy delete` erases it."
)
ALREADY_LOGGED = "That's already saved for you."
EXPIRED = "This has timed out. Run `/cope` again whenever you like."
HELPLINES_INTRO = "If things feel like too much, you don't have to hold it alone:"


def ask_someone_around(feeling: str) -> str:
    """The second step of /cope, after the feeling."""
    return (
        f"Thanks for telling me: **{FEELING_LABELS.get(feeling, feeling).lower()}**.\n"
        "**Is someone around** that you could reach, in person or by message?"
    )


def strategy_block(strategy: Strategy) -> str:
    """One strategy in warm words, with its ready-to-send message in a code block to copy."""
    lines = [f"**{strategy.title}**", strategy.text]
    if strategy.message:
        lines.append(f"```\n{strategy.message}\n```")
    return "\n".join(lines)


def cope_answer(
    feeling: str, someone_around: bool, strategies: Sequence[Strategy], shown: int = 0
) -> str:
    """The /cope answer: one of the two or three strategies at a time, and a kind close.

    One at a time keeps each screen short (under 600 characters) for someone tired or
    reading through blurred vision; **Another idea** shows the next (``shown`` is its index).
    """
    label = FEELING_LABELS.get(feeling, feeling).lower()
    if someone_around:
        opening = f"Feeling {label} is hard. You might find it easier with someone."
    else:
        opening = f"Feeling {label} on your own is hard. Something you can do right now:"
    parts = [opening]
    if strategies:
        index = shown % len(strategies)
        parts.append(strategy_block(strategies[index]))
        if len(strategies) > 1:
            parts.append(
                f"Idea {index + 1} of {len(strategies)}: **{ANOTHER_LABEL}** shows the next."
            )
    parts.append("**Log this for me** keeps these ideas; otherwise nothing about you is saved.")
    return "\n\n".join(parts)


# --- /goodnews ---------------------------------------------------------------------------------

GOODNEWS_THREAD = "Celebrate with them"
GOODNEWS_EMPTY = "Write your good news in `text:`; even a small thing counts."
GOODNEWS_CONCERN = (
    "Thank you for sharing. I haven't posted this, because some of it sounded like you might be "
    "going through a very hard time. Someone from the team will reach out to you privately soon. "
    "You can see free, confidential helplines any time with `/resources`."
)
GOODNEWS_NOWHERE = (
    "I couldn't post here. Good news belongs in your group's channel: once you have a place in a "
    "group (`/join`), `/goodnews` posts there. You can also share it with a friend; it's worth it."
)


def goodnews_refused(reason: str) -> str:
    """Why a /goodnews text was not posted (the guideline's own kind sentence)."""
    return (
        f"I didn't post this. {reason} You're welcome to share your news again in other words. "
        "A moderator can help if you think this is a mistake."
    )


def goodnews_post(user_id: int, text: str) -> str:
    """The post in the group: the member's win, attributed, and an invitation to respond."""
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines())
    return (
        f"🌱 **Good news from <@{user_id}>**\n{quoted}\n\n"
        "Reply to celebrate with them: what does this mean to you? If it reminds you of something "
        "that worked for you, you could share that too."
    )


def goodnews_posted(where: str) -> str:
    """The private confirmation after posting."""
    return f"Posted your good news {where}. Thank you for sharing it with your group."


# --- the weekly thread -------------------------------------------------------------------------


def weekly_thread_name(week: int) -> str:
    """The name of a group's weekly good-news thread."""
    return f"Share one good thing: week {week}"


def weekly_prompt(week: int) -> str:
    """The opening message of the weekly good-news thread."""
    return (
        f"**Share one good thing from this week** (week {week}).\n"
        "Big or small: a good night's sleep, a kind word, a walk, a laugh. If sharing good news "
        "doesn't come easily to you, this is a gentle place to try, and reading along is fine.\n"
        "When someone shares, reply warmly: tell them what it means to you, or share something "
        "that worked for you too."
    )
