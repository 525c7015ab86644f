"""User-facing copy of the IER toolkit (/cope, /goodnews, the weekly good-news thread).

Plain text only: the cog and views turn it into Discord messages. Nothing here promises an
effect: a sentence that does ("helps", "gain", ...) is worded as an invitation, since copy in
code has no place for a source note (tests/toolkit/test_claims.py checks).

Constants are English ids (``N_``): the cog and views translate them where they are used
(``t(messages.COPE_START)``); the functions here translate as they render. The strategies come
from a data file and are translated at render time too (``ier_strategies.po``, shared with /plan).
"""

from __future__ import annotations

from collections.abc import Sequence

from cogs.toolkit.strategies import Strategy
from cogs.utils.i18n import N_, t, tp

# The feelings as the menu shows them, in English (the ids of ``feeling_label``).
FEELING_LABELS: dict[str, str] = {
    "overwhelmed": "Overwhelmed",
    "low": "Low",
    "lonely": "Lonely",
    "anxious": "Anxious or worried",
    "frustrated": "Frustrated",
    "okay": "Okay, just checking in",
}


def feeling_label(feeling: str) -> str:
    """A feeling as the /cope menu shows it, in the member's language.

    Under its own context: short words like "Low" mean other things elsewhere in Kindred.
    """
    labels = {
        "overwhelmed": tp("cope feeling", "Overwhelmed"),
        "low": tp("cope feeling", "Low"),
        "lonely": tp("cope feeling", "Lonely"),
        "anxious": tp("cope feeling", "Anxious or worried"),
        "frustrated": tp("cope feeling", "Frustrated"),
        "okay": tp("cope feeling", "Okay, just checking in"),
    }
    return labels.get(feeling, feeling)


COPE_START = N_(
    "Thanks for checking in with yourself. Nobody else can see this.\n"
    "**How are you feeling right now?** Roughly is fine."
)
FEELING_PLACEHOLDER = N_("Choose the closest feeling")
SOMEONE_YES = N_("Yes, someone's around")
SOMEONE_NO = N_("No, I'm on my own")
LOG_LABEL = N_("Log this for me")
ANOTHER_LABEL = N_("Another idea")
LOGGED = N_(
    "Saved for you: the feeling and these ideas, with the time. Only you can see it in "
    "`/privacy show`, and `/privacy delete` erases it."
)
ALREADY_LOGGED = N_("That's already saved for you.")
EXPIRED = N_("This has timed out. Run `/cope` again whenever you like.")
HELPLINES_INTRO = N_("If things feel like too much, you don't have to hold it alone:")


def ask_someone_around(feeling: str) -> str:
    """The second step of /cope, after the feeling."""
    return t(
        "Thanks for telling me: **{feeling}**.\n"
        "**Is someone around** that you could reach, in person or by message?",
        feeling=feeling_label(feeling).lower(),
    )


def strategy_block(strategy: Strategy) -> str:
    """One strategy in warm words, with its ready-to-send message in a code block to copy.

    The strategy's words come from the data file and are translated here (ier_strategies.po).
    """
    lines = [f"**{t(strategy.title)}**", t(strategy.text)]
    if strategy.message:
        lines.append(f"```\n{t(strategy.message)}\n```")
    return "\n".join(lines)


def _opening(feeling: str, someone_around: bool) -> str:
    """The answer's first line: a whole sentence per feeling, so each language can say it well."""
    if someone_around:
        sentences = {
            "overwhelmed": t("Feeling overwhelmed is hard. You might find it easier with someone."),
            "low": t("Feeling low is hard. You might find it easier with someone."),
            "lonely": t("Feeling lonely is hard. You might find it easier with someone."),
            "anxious": t(
                "Feeling anxious or worried is hard. You might find it easier with someone."
            ),
            "frustrated": t("Feeling frustrated is hard. You might find it easier with someone."),
            "okay": t(
                "Feeling okay, just checking in is hard. You might find it easier with someone."
            ),
        }
        fallback = "Feeling {label} is hard. You might find it easier with someone."
    else:
        sentences = {
            "overwhelmed": t(
                "Feeling overwhelmed on your own is hard. Something you can do right now:"
            ),
            "low": t("Feeling low on your own is hard. Something you can do right now:"),
            "lonely": t("Feeling lonely on your own is hard. Something you can do right now:"),
            "anxious": t(
                "Feeling anxious or worried on your own is hard. Something you can do right now:"
            ),
            "frustrated": t(
                "Feeling frustrated on your own is hard. Something you can do right now:"
            ),
            "okay": t(
                "Feeling okay, just checking in on your own is hard. Something you can do right now:"
            ),
        }
        fallback = "Feeling {label} on your own is hard. Something you can do right now:"
    if feeling in sentences:
        return sentences[feeling]
    return fallback.format(label=FEELING_LABELS.get(feeling, feeling).lower())


def cope_answer(
    feeling: str, someone_around: bool, strategies: Sequence[Strategy], shown: int = 0
) -> str:
    """The /cope answer: one of the two or three strategies at a time, and a kind close.

    One at a time keeps each screen short (under 600 characters) for someone tired or
    reading through blurred vision; **Another idea** shows the next (``shown`` is its index).
    """
    parts = [_opening(feeling, someone_around)]
    if strategies:
        index = shown % len(strategies)
        parts.append(strategy_block(strategies[index]))
        if len(strategies) > 1:
            parts.append(
                t(
                    "Idea {number} of {total}: **{another}** shows the next.",
                    number=index + 1,
                    total=len(strategies),
                    another=t(ANOTHER_LABEL),
                )
            )
    parts.append(t("**Log this for me** keeps these ideas; otherwise nothing about you is saved."))
    return "\n\n".join(parts)


# --- /goodnews ---------------------------------------------------------------------------------

GOODNEWS_THREAD = N_("Celebrate with them")
GOODNEWS_EMPTY = N_("Write your good news in `text:`; even a small thing counts.")
GOODNEWS_CONCERN = N_(
    "Thank you for sharing. I haven't posted this, because some of it sounded like you might be "
    "going through a very hard time. Someone from the team will reach out to you privately soon. "
    "You can see free, confidential helplines any time with `/resources`."
)
GOODNEWS_NOWHERE = N_(
    "I couldn't post here. Good news belongs in your group's channel: once you have a place in a "
    "group (`/join`), `/goodnews` posts there. You can also share it with a friend; it's worth it."
)


def goodnews_refused(reason: str) -> str:
    """Why a /goodnews text was not posted (the guideline's own kind sentence, translated)."""
    return t(
        "I didn't post this. {reason} You're welcome to share your news again in other words. "
        "A moderator can help if you think this is a mistake.",
        reason=t(reason),
    )


def goodnews_post(user_id: int, text: str) -> str:
    """The post in the group: the member's win, attributed, and an invitation to respond.

    Rendered in the group's language (the cog says which); the member's own words stay theirs.
    """
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines())
    member = f"<@{user_id}>"
    return t(
        "🌱 **Good news from {member}**\n{quoted}\n\n"
        "Reply to celebrate with them: what does this mean to you? If it reminds you of something "
        "that worked for you, you could share that too.",
        member=member,
        quoted=quoted,
    )


def goodnews_posted(channel: str, link: str) -> str:
    """The private confirmation after posting."""
    return t(
        "Posted your good news in {channel}: {link}. Thank you for sharing it with your group.",
        channel=channel,
        link=link,
    )


# --- the weekly thread -------------------------------------------------------------------------


def weekly_thread_name(week: int) -> str:
    """The name of a group's weekly good-news thread (in the group's language)."""
    return t("Share one good thing: week {week}", week=week)


def weekly_prompt(week: int) -> str:
    """The opening message of the weekly good-news thread (in the group's language)."""
    return t(
        "**Share one good thing from this week** (week {week}).\n"
        "Big or small: a good night's sleep, a kind word, a walk, a laugh. If sharing good news "
        "doesn't come easily to you, this is a gentle place to try, and reading along is fine.\n"
        "When someone shares, reply warmly: tell them what it means to you, or share something "
        "that worked for you too.",
        week=week,
    )
