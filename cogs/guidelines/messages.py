"""What the guidelines lane says. Members get kindness and a way to ask a human; moderators get
facts. Nudges never shame: they name the guideline, say why in one sentence, and offer words.

What a member reads is in their language (``t``; the cog sets who is spoken to): the nudges, the
notices of a hidden message or a moderator's action, and the appeal replies. The reasons and
suggestions come from ``config/guideline_rules.toml`` and are translated as they are rendered
(``guidelines_data.po``). What moderators read (the queue, history, review notes, AutoMod
replies) stays English, so ``title`` and ``KIND`` are English and members get
``guideline_name`` and ``kind_word``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cogs.guidelines.policy import Limits, describe_mode
from cogs.guidelines.rules import MODEL_REVIEW_RULE
from cogs.reports.messages import queue_line
from cogs.utils.i18n import ENGLISH, N_, current_language, t, tp
from cogs.utils.text import quote_safely
from cogs.utils.times import stamp
from db.models.guidelines import Appeal, HiddenMessage, Infraction, ReportedHit
from db.models.reports import MessageReport

TITLE = {
    "minimizing": "Validate, don't minimize",
    "comparing": "Listen before comparing",
    "unsolicited_advice": "Advice only when it's asked for",
    "toxic": "Respect for everyone",
    "privacy": "Private details stay private",
}
KIND = {"hidden": "message hidden", "warn": "warning", "timeout": "timeout", "note": "note"}
OUTCOME = {
    "nudged_dm": "nudged by DM",
    "nudged_reply": "nudged in channel",
    "nudge_failed": "nudge failed",
    "rate_limited": "not nudged (limit)",
    "opted_out": "not nudged (opted out)",
    "reported": "reported",
    "hidden": "hidden",
    "hide_failed": "hide failed",
    "not_hidden_wellbeing": "not hidden (wellbeing)",
    "hidden_wellbeing": "hidden; author may be struggling, please check in",
    "noted": "also in a message flagged for another rule",
}
EXCERPT_CHARS = 300


def title(label: str) -> str:
    """The guideline's short name."""
    return TITLE.get(label, label.replace("_", " "))


def guideline_name(label: str) -> str:
    """The guideline's short name as a member reads it (in their language)."""
    names = {
        "minimizing": tp("guideline", "Validate, don't minimize"),
        "comparing": tp("guideline", "Listen before comparing"),
        "unsolicited_advice": tp("guideline", "Advice only when it's asked for"),
        "toxic": tp("guideline", "Respect for everyone"),
        "privacy": tp("guideline", "Private details stay private"),
    }
    return names.get(label, title(label))


def kind_word(kind: str) -> str:
    """What an infraction was, as a member reads it (in their language)."""
    words = {
        "hidden": tp("infraction", "message hidden"),
        "warn": tp("infraction", "warning"),
        "timeout": tp("infraction", "timeout"),
        "note": tp("infraction", "note"),
    }
    return words.get(kind, kind)


def feeling_in_language(word: str) -> str:
    """A suggestion's feeling word (``cogs/guidelines/suggestions.py``) in the member's language."""
    words = {
        "hard": tp("suggestion feeling", "hard"),
        "scary": tp("suggestion feeling", "scary"),
        "lonely": tp("suggestion feeling", "lonely"),
        "embarrassing": tp("suggestion feeling", "embarrassing"),
        "painful": tp("suggestion feeling", "painful"),
        "exhausting": tp("suggestion feeling", "exhausting"),
        "frustrating": tp("suggestion feeling", "frustrating"),
    }
    return words.get(word, word)


def fitted_suggestion(suggestion: str, template: str, feeling: str) -> str:
    """A hit's suggested words in the member's language, fitted with the feeling word.

    ``suggestion`` is what the screen fitted in English, from the rules file's ``template``
    and ``feeling`` (``GuidelineHit``). English is ``suggestion`` exactly; another language
    translates the template and fills in its own word for the feeling.
    """
    if not suggestion or current_language() == ENGLISH or not template:
        return suggestion
    return t(template).replace("{feeling}", feeling_in_language(feeling))


def when(moment: datetime) -> str:
    """A Discord timestamp that each reader sees in their own timezone."""
    return stamp(moment)


def nudge_dm(name: str, channel_mention: str, label: str, reason: str, suggestion: str) -> str:
    """The private nudge by DM (``reason`` is the rules file's English, translated here;
    ``suggestion`` is already in the member's language: ``fitted_suggestion``)."""
    parts = [
        t(
            "Hi {name}, a gentle note from Kindred about your message in {channel}.",
            name=name,
            channel=channel_mention,
        ),
        t("**{guideline}.** {reason}", guideline=guideline_name(label), reason=t(reason)),
    ]
    if suggestion:
        parts.append(
            t("Next time you might try something like: *{suggestion}*", suggestion=suggestion)
        )
    parts.append(
        t(
            "Your message is still there and nothing else happens; nobody else was told. Thank you "
            "for being part of the group. If you'd rather not get these notes, use `/nudges off`."
        )
    )
    return "\n".join(parts)


def nudge_reply(user_id: int, label: str, suggestion: str) -> str:
    """The short in-channel nudge when the member's DMs are closed (gone after 10 minutes)."""
    member, guideline = f"<@{user_id}>", guideline_name(label)
    if suggestion:
        text = t(
            "{member}, a gentle note (your DMs are closed; this goes in 10 minutes, or press "
            "Got it): **{guideline}**. You might try: *{suggestion}* `/nudges off` stops these.",
            member=member,
            guideline=guideline,
            suggestion=suggestion,
        )
    else:
        text = t(
            "{member}, a gentle note (your DMs are closed; this goes in 10 minutes, or press "
            "Got it): **{guideline}**. `/nudges off` stops these.",
            member=member,
            guideline=guideline,
        )
    return text[:2000]


def hidden_notice(
    name: str,
    channel_mention: str,
    reason: str,
    infraction: Infraction,
    active: int,
    point_days: int,
) -> str:
    """Tells the author their message was hidden, why, and how to appeal."""
    return "\n".join(
        [
            t(
                "Hi {name}, Kindred hid a message you posted in {channel}.",
                name=name,
                channel=channel_mention,
            ),
            t("**Why:** {reason}", reason=t(reason)),
            t("A copy is kept for the moderators only, and a human can review this at any time."),
            t(
                "This adds {points} point(s) to your record here ({active} active; points "
                "expire after {days} days). Reference: infraction #{id}.",
                points=infraction.points,
                active=active,
                days=point_days,
                id=infraction.id,
            ),
            t(
                "If you think this was a mistake, press **Appeal** and tell us why; a moderator "
                "will look at it."
            ),
        ]
    )


def hidden_care_notice(
    name: str,
    channel_mention: str,
    reason: str,
    infraction: Infraction,
    active: int,
    point_days: int,
) -> str:
    """Tells an author who may be struggling that their message was hidden, kindly.

    The crisis screen heard something like hopelessness in it, so this leads with them, not
    with the rule: a person will look, and help is there now if they want it.
    """
    return "\n".join(
        [
            t(
                "Hi {name}. Kindred hid a message you posted in {channel}.",
                name=name,
                channel=channel_mention,
            ),
            t(
                "It sounded like things might be really hard for you right now; you don't have "
                "to carry it alone. A moderator (a person, not a bot) will read your message and "
                "may reach out. `/resources` shows free, confidential helplines, only to you."
            ),
            t(
                "Saying how you feel is always welcome; only the part against the guidelines was "
                "hidden. **Why:** {reason}",
                reason=t(reason),
            ),
            t(
                "{points} point(s) added ({active} active; they expire after {days} days). "
                "Infraction #{id}: press **Appeal** if this was a mistake.",
                points=infraction.points,
                active=active,
                days=point_days,
                id=infraction.id,
            ),
        ]
    )


def hidden_care_reply(user_id: int) -> str:
    """The in-channel note for an author who may be struggling when their DMs are closed.

    Others can read it, so it says nothing about how they might feel: it only promises a
    person and points to help that only they will see.
    """
    return t(
        "{member}, Kindred hid your last message; a moderator will look at it personally. "
        "Your DMs are closed, so I couldn't write to you privately. `/resources` (only you see "
        "it) is there any time, and you can press Appeal if you think this was a mistake.",
        member=f"<@{user_id}>",
    )


def hidden_reply(user_id: int) -> str:
    """The in-channel note when the author's DMs are closed (deletes itself)."""
    return t(
        "{member}, Kindred hid your last message because it may break the group's "
        "guidelines. Your DMs are closed, so I couldn't explain privately: please open them, "
        "or press Appeal if you think this was a mistake.",
        member=f"<@{user_id}>",
    )


def action_notice(guild_name: str, infraction: Infraction, active: int, point_days: int) -> str:
    """Tells a member about a moderator's warn or timeout (the moderator's reason as written)."""
    if infraction.kind == "timeout":
        head = t(
            "A moderator of **{server}** timed you out for {minutes} minute(s).",
            server=guild_name,
            minutes=infraction.duration_min,
        )
    else:
        head = t("A moderator of **{server}** gave you a warning.", server=guild_name)
    return "\n".join(
        [
            head,
            t("**Reason:** {reason}", reason=infraction.reason),
            t(
                "Points: {points} ({active} active; points expire after {days} days). "
                "Reference: infraction #{id}.",
                points=infraction.points,
                active=active,
                days=point_days,
                id=infraction.id,
            ),
            t("If you think this was a mistake, press **Appeal** and tell us why."),
        ]
    )


def auto_timeout_notice(guild_name: str, minutes: int, active: int) -> str:
    """Tells a member that their points reached the timeout threshold."""
    return t(
        "You now have {active} active points in **{server}**, so you are timed out for "
        "{minutes} minute(s). Take a breather; you're welcome back after. A moderator can "
        "review this.",
        active=active,
        server=guild_name,
        minutes=minutes,
    )


def pardon_notice(guild_name: str, infraction: Infraction, reason: str) -> str:
    """Tells a member an infraction was taken back (the moderator's reason as written)."""
    return t(
        "Good news: a moderator of **{server}** pardoned infraction #{id} ({kind}). Its points "
        "no longer count. Reason: {reason}",
        server=guild_name,
        id=infraction.id,
        kind=kind_word(infraction.kind),
        reason=reason,
    )


def appeal_decided_notice(guild_name: str, appeal: Appeal) -> str:
    """Tells a member their appeal was looked at and the infraction stands."""
    return t(
        "A moderator of **{server}** looked at your appeal (infraction #{id}) and decided it "
        "stands. Reason: {reason}",
        server=guild_name,
        id=appeal.infraction_id,
        reason=appeal.decision,
    )


def review_note(user_id: int, active: int, infractions: Sequence[Infraction]) -> str:
    """The staff-channel note when a member's points reach the review threshold."""
    recent = ", ".join(f"#{i.id} {KIND[i.kind]}" for i in infractions[:5])
    return (
        f"**Moderator review:** <@{user_id}> has {active} active points. Recent: {recent}. "
        f"Please look at `/mod history` and decide whether a conversation, a pardon or a longer "
        "break is right."
    )


def excerpt(text: str) -> str:
    """A short, one-line copy for moderators."""
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1].rstrip() + "…"


def history(
    user_id: int,
    infractions: Sequence[Infraction],
    hidden: dict[int, HiddenMessage],
    active: int,
    now: datetime,
    opted_out: bool,
) -> str:
    """/mod history: a member's record, newest first."""
    lines = [f"**Moderation history for <@{user_id}>**: {active} active point(s)."]
    if opted_out:
        lines.append("They asked not to get coaching nudges.")
    if not infractions:
        lines.append("No infractions.")
    for inf in infractions[:15]:
        by = f"<@{inf.actor_id}>" if inf.actor_id else "Kindred"
        status = ""
        if inf.pardoned:
            status = f" · pardoned by <@{inf.pardoned_by}>: {inf.pardon_reason}"
        elif inf.points and inf.expires_at <= now:
            status = " · expired"
        extra = f" {inf.duration_min} min" if inf.duration_min else ""
        lines.append(
            f"#{inf.id} {when(inf.created_at)} **{KIND[inf.kind]}**{extra}, {inf.points} pt, "
            f"by {by}: {inf.reason}{status}"
        )
        copy = hidden.get(inf.id)
        if copy is not None:
            text = quote_safely(excerpt(copy.content)) if copy.content else "(copy purged)"
            lines.append(f"   {text}")
    if len(infractions) > 15:
        lines.append(f"... and {len(infractions) - 15} older.")
    return "\n".join(lines)[:2000]


def outcome_text(rule: str, outcome: str) -> str:
    """What happened to a flagged message, in words (possible contempt says why it waits)."""
    if rule == MODEL_REVIEW_RULE:
        return "possibly contempt, not hidden: the screening model was unsure, please take a look"
    return OUTCOME.get(outcome, outcome)


def queue(
    reports: Sequence[ReportedHit],
    appeals: Sequence[Appeal],
    guild_id: int,
    member_reports: Sequence[MessageReport] = (),
) -> str:
    """/mod queue: report-only hits, members' reports and appeals waiting for a moderator.

    Times are Discord timestamps (``when``): each moderator reads them in their own timezone.
    """
    if not reports and not appeals and not member_reports:
        return "The queue is empty: no reported messages or appeals are waiting."
    lines = []
    if member_reports:
        lines.append(f"**Reported by members ({len(member_reports)})**")
        lines.extend(queue_line(r) for r in member_reports)
    if appeals:
        lines.append(f"**Appeals ({len(appeals)})**")
        for a in appeals:
            lines.append(
                f"`A{a.id}` <@{a.user_id}> against infraction #{a.infraction_id}, "
                f"{when(a.created_at)}: {quote_safely(excerpt(a.text))}"
            )
    if reports:
        lines.append(f"**Reported messages ({len(reports)})**")
        for r in reports:
            link = (
                f"https://discord.com/channels/{guild_id}/{r.channel_id}/{r.message_id}"
                if r.message_id
                else "(no link)"
            )
            lines.append(
                f"`R{r.id}` {title(r.label)} ({r.rule}), <@{r.user_id}>, {when(r.created_at)}, "
                f"{outcome_text(r.rule, r.outcome)}: {link}"
            )
    lines.append(
        "Tap a button below (the first five items), or type `/mod pardon` to grant an appeal "
        "and `/mod resolve item:` to close an item."
    )
    return "\n".join(lines)[:2000]


def settings_view(
    modes: dict[str, tuple[str, str]],
    limits_lines: Sequence[str],
    counts: Sequence[tuple[str, int, dict[str, int]]],
    opted_out: Sequence[int],
    days: int,
    where: str,
) -> str:
    """/guidelines show."""
    lines = [f"**Conversation guidelines in {where}**"]
    for label, (mode, source) in modes.items():
        lines.append(f"• {title(label)} (`{label}`): {describe_mode(mode)} [{source}]")
    lines.append("**Limits:** " + "; ".join(limits_lines))
    lines.append(f"**Last {days} days, by rule:**")
    if not counts:
        lines.append("nothing flagged")
    for rule, total, by in counts[:12]:
        detail = ", ".join(f"{n} {OUTCOME.get(o, o)}" for o, n in sorted(by.items()))
        lines.append(f"• `{rule}`: {total} ({detail})")
    if opted_out:
        mentions = ", ".join(f"<@{u}>" for u in opted_out[:30])
        lines.append(f"**Asked not to be nudged ({len(opted_out)}):** {mentions}")
    else:
        lines.append("Nobody has asked not to be nudged.")
    return "\n".join(lines)[:2000]


def limits_lines(limits: Limits) -> list[str]:
    """The limits and thresholds in words."""

    def threshold(points: int) -> str:
        return f"at {points} points" if points else "never"

    return [
        f"at most {limits.nudges_per_hour} nudge(s) an hour and {limits.nudges_per_week} a week "
        "per member",
        f"points expire after {limits.point_days} days",
        f"timeout of {limits.timeout_minutes} min {threshold(limits.timeout_points)}",
        f"moderator review {threshold(limits.review_points)}",
    ]


NUDGES_OFF = N_(
    "Done: Kindred won't send you coaching notes here. Moderators can see that you chose this, "
    "and messages that break the safety rules are still handled as usual. `/nudges on` to undo."
)
NUDGES_ON = N_("Done: Kindred may send you an occasional private coaching note again. Thank you!")
DISMISS_NOT_YOURS = N_("That note is for someone else, so only they can close it.")

APPEAL_FILED = N_(
    "Thank you. Your appeal (A{appeal_id}) is with the moderators; a human will look at it and "
    "you'll hear back."
)
APPEAL_EXISTS = N_(
    "You've already appealed infraction #{infraction_id}; a moderator will get to it."
)
APPEAL_NOT_YOURS = N_("Only the member this was about can appeal it.")
APPEAL_NOT_FOUND = N_("I couldn't find that infraction any more. Please contact a moderator.")
# Staff-facing: stays English.
APPEAL_STAFF = "**New appeal** `A{appeal_id}` from <@{user_id}> against infraction #{infraction_id}. See `/mod queue`."

# --- /guidelines automod: Kindred's own AutoMod rule for slurs ----------------------------------

AUTOMOD_HOW = (
    "Kindred checks the rule each time it starts and puts back anything changed by hand; "
    "`/guidelines automod state:off` removes it."
)
AUTOMOD_NO_PERMISSION = (
    "Kindred needs the **Manage Server** permission to keep its AutoMod rule for slurs and "
    "doesn't have it, so nothing was changed. A server admin can give Kindred's "
    "role Manage Server (Server Settings > Roles), then run `/guidelines automod` again."
)
AUTOMOD_TOO_MANY_RULES = (
    "Discord allows 6 keyword rules per server and this one has 6 already, so Kindred could not "
    "add its rule for slurs; nothing was changed. A server admin can remove or merge one in "
    "Server Settings > AutoMod, then run `/guidelines automod state:on` again."
)
AUTOMOD_REFUSED = (
    "Discord refused the change to Kindred's AutoMod rule for slurs ({status}), so nothing was "
    "changed. Please try again in a little while; if it keeps happening, check Kindred's log."
)
AUTOMOD_NO_WORDS = (
    "There are no slur words to block: the `toxic.slur` guideline rule is switched off in the "
    "rules files, so Kindred made no AutoMod rule and nothing was changed."
)


def automod_on(rule_name: str, words: int, action: str, staff_channel_id: int | None) -> str:
    """``/guidelines automod state:on`` worked (the rule was made, brought up to date, or kept)."""
    done = {
        "create": "is now on",
        "update": "is on (it was brought up to date)",
        "keep": "is on (it was already up to date)",
    }[action]
    staff = (
        f"<#{staff_channel_id}> is exempt"
        if staff_channel_id
        else "No staff channel is set to exempt (`/setup set staff_channel:`)"
    )
    return (
        f"Done: Kindred's AutoMod rule **{rule_name}** {done}. Discord blocks {words} slur words "
        "and phrases from the toxic guideline before anyone reads them, and tells the member "
        "kindly that the group guidelines ask for respect. Crisis words are never in it. "
        f"{staff} (and AutoMod never blocks people with Manage Server). {AUTOMOD_HOW}"
    )


def automod_off(removed: bool) -> str:
    """``/guidelines automod state:off`` worked."""
    first = (
        "Done: Kindred's AutoMod rule for slurs is removed."
        if removed
        else "Done: Kindred's AutoMod rule for slurs is off (there was no rule to remove)."
    )
    return first + " The toxic guideline still hides slurs that are posted."


def automod_staff_notice(problem: str, enabled: bool) -> str:
    """For the staff channel: start-up could not make the server's rules match the setting."""
    what = "keep" if enabled else "remove"
    return (
        f"**Kindred's AutoMod rule for slurs**: Kindred tried to {what} it when it started, "
        f"and could not. {problem}"
    )
