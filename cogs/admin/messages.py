"""What /setup says. Plain text, so it can be tested without Discord."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cogs.admin.automod import PRESET_NAMES, Finding
from cogs.admin.policy import DEADLINE_OPTIONS, SETTING_OPTIONS, missing_settings
from cogs.members.language import ENGLISH_NAMES
from db.models import GuildSettings

TITLE = "Kindred setup"


def describe_value(field: str, value: object, country_name: str | None) -> str:
    """How one setting reads in /setup show."""
    if value is None:
        return "not set"
    if field.endswith("_role_id"):
        return f"<@&{value}>"
    if field.endswith("_channel_id"):
        return f"<#{value}>"
    if field == "country" and country_name:
        return f"{country_name} ({value})"
    return str(value)


def settings_lines(settings: GuildSettings, country_name: str | None) -> list[tuple[str, str]]:
    """(label, value) rows for /setup show."""
    rows = [
        (label.capitalize(), describe_value(field, getattr(settings, field), country_name))
        for field, label, _ in SETTING_OPTIONS
    ]
    for field, label, _, default in DEADLINE_OPTIONS:
        value = getattr(settings, field)
        rows.append((label.capitalize(), f"{value} min" if value else f"{default} min (default)"))
    # For members who chose no language and whose Discord language Kindred doesn't have.
    language = (
        f"{ENGLISH_NAMES.get(settings.language, settings.language)} ({settings.language})"
        if settings.language
        else "English (default)"
    )
    rows.append(("Server language", language))
    return rows


STAFF_ROLES: tuple[tuple[str, str], ...] = (
    ("moderator_role_id", "moderator role"),
    ("coordinator_role_id", "coordinator role"),
)


def missing_hint(settings: GuildSettings, holders: Mapping[str, int] | None = None) -> str:
    """What is still missing and how to fix it, or that all is set.

    ``holders`` counts the members holding each staff role (``moderator_role_id``,
    ``coordinator_role_id``); a role that is set but held by nobody (or deleted) is reported
    too, because then nobody can read crisis cases. None means "not known": roles not checked.
    """
    lines = []
    missing = missing_settings(settings)
    if missing:
        parts = ", ".join(f"`{option}`" for _, option in missing)
        lines.append(f"Still to set with `/setup set`: {parts}.")
    if holders is not None:
        for field, label in STAFF_ROLES:
            if getattr(settings, field) is not None and not holders.get(field):
                lines.append(
                    f"Still missing: nobody has the {label} yet. Give it to the people on "
                    "your care team (Server Settings > Members)."
                )
        if not any(holders.get(field) for field, _ in STAFF_ROLES):
            lines.append(
                "Until someone has the moderator or coordinator role, nobody can see crisis "
                "cases, claim alerts or read members' records. Manage Server alone does not "
                "give access to them."
            )
    if not lines:
        return "Everything is set. Crisis alerts go to the staff channel."
    return "\n".join(lines)


def updated(
    changed: list[str], settings: GuildSettings, holders: Mapping[str, int] | None = None
) -> str:
    """The reply after /setup set."""
    return f"Saved: {', '.join(changed)}. {missing_hint(settings, holders)}"


NOTHING_GIVEN = (
    "Nothing to change: pick at least one option, for example "
    "`/setup set staff_channel:#staff`. `/setup show` lists the current setup."
)
COUNTRY_WITHOUT_HELPLINES = (
    " Kindred has no helplines listed for {code} yet, so members will be shown the "
    "international directory (findahelpline.com) and their emergency number where known."
)
STAFF_CHANNEL_PUBLIC = (
    "{channel} can be seen by everyone in the server. Crisis alerts quote members, so they "
    "must go to a private channel: remove View Channel from @everyone there (and give it to "
    "your moderator role), then run this again."
)
STAFF_CHANNEL_NO_ACCESS = (
    "I can't post in {channel} (I need View Channel, Send Messages and Embed Links there). "
    "Give the Kindred role those permissions in that channel, then run this again."
)

MODERATORS_NO_THREADS = (
    "Moderators cannot see private threads they were not added to (check-in threads, crisis "
    "follow-up threads), which Kindred tells members are private to them and the moderators: "
    "give the moderator role **Manage Threads**."
)
CRISIS_REACH_TITLE = "Crisis alerts: who can be told"
CRISIS_REACH_OK = (
    "A crisis alert goes to the staff channel; if that fails, by DM to the on-call role, the "
    "backup role, the coordinators and then the owner."
)
STAFF_CHANNEL_GONE = (
    "The staff channel no longer exists (or I can't see it): crisis alerts will go out by DM "
    "only. Pick a private channel with `/setup set staff_channel:`."
)

# --- AutoMod rules that would silence a member in crisis -----------------------------------

AUTOMOD_TITLE = "AutoMod and members in crisis"
AUTOMOD_OK = "None of this server's AutoMod rules blocks the words of a member in crisis."
AUTOMOD_UNREADABLE = (
    "I can't read this server's AutoMod rules (Kindred needs Manage Server for that), so I "
    "can't tell whether one blocks members who write about a crisis."
)
AUTOMOD_FIX = (
    "Kindred still hears a blocked message and opens a crisis case, but the member's group "
    "never sees it and the member may feel punished. Fix: make the rule alert-only (it sends "
    "an alert instead of blocking), or exempt the group channels from it."
)
AUTOMOD_BUTTONS = "The buttons below do either for you."
AUTOMOD_BUTTON = "The button below makes it alert-only for you (group channels come with a cohort)."


def automod_warning(finding: Finding) -> str:
    """One line naming a rule that blocks (or may block) crisis words, and what it blocks."""
    rule = finding.rule
    if finding.kind == "keyword":
        more = finding.blocked - 1
        also = f" and {more} more crisis phrase(s)" if more > 0 else ""
        what = "keyword" if finding.caught_by in rule.keywords else "pattern"
        return (
            f'AutoMod rule "{rule.name}" blocks messages with "{finding.phrases[0]}" '
            f"(its {what} `{finding.caught_by}`){also}."
        )
    if finding.kind == "preset":
        lists = ", ".join(PRESET_NAMES.get(p, f"preset {p}") for p in rule.presets) or "a preset"
        return (
            f'AutoMod rule "{rule.name}" blocks Discord\'s {lists} word list. Discord does not '
            "publish those words, so Kindred can't check them: they may block a member who "
            "writes about wanting to die. Making it alert-only is the safe choice."
        )
    return (
        f'AutoMod rule "{rule.name}" has a pattern Kindred can\'t check (`{finding.caught_by}`): '
        'test it by hand against words like "kill myself" and "suicidal".'
    )


def automod_report(findings: Sequence[Finding]) -> list[str]:
    """The warnings, then how to fix them (empty when there is nothing to fix)."""
    if not findings:
        return []
    return [automod_warning(f) for f in findings] + [AUTOMOD_FIX]


def automod_fixed(rule_name: str, fix: str, channel_id: int | None, groups: int) -> str:
    """The reply after a fix button."""
    if fix == "alert":
        where = f" to <#{channel_id}>" if channel_id else ""
        return (
            f'AutoMod rule "{rule_name}" no longer blocks or times out: it sends an alert'
            f"{where} instead. A member in crisis is heard by their group and by Kindred."
        )
    return (
        f'AutoMod rule "{rule_name}" now leaves the {groups} group channel(s) alone; it still '
        "applies everywhere else."
    )


AUTOMOD_RULE_GONE = (
    "That AutoMod rule no longer exists. Run `/setup show` again to see where things stand."
)
AUTOMOD_NO_ALERT_CHANNEL = (
    "To make the rule alert-only it needs a channel to alert, and there is no staff channel "
    "yet. Set one with `/setup set staff_channel:`, then press the button again."
)
AUTOMOD_NO_GROUPS = (
    "There are no group channels yet (they are made when a cohort starts), so there is "
    "nothing to exempt. Make the rule alert-only instead, or come back after `/cohort start`."
)
AUTOMOD_TOO_MANY = (
    "Discord allows at most 50 exempt channels per rule, and this would go over. Make the "
    "rule alert-only instead."
)
AUTOMOD_NO_PERMISSION = (
    "Discord refused: Kindred needs the Manage Server permission to change AutoMod rules. "
    "Give the Kindred role Manage Server, or change the rule in Server Settings > AutoMod."
)
