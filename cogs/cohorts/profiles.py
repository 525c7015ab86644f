"""Moderator profiles: what members see about the person who moderates their group.

CONNECT's groups were led by licensed therapists with MS knowledge, and members valued leaders
who shared their background; Kindred's moderators may be clinicians or trained peers, so members
are told which (issue 19). A coordinator records a moderator's role, a short bio and the
languages they speak (``/moderator profile``); a moderator may edit their own. Members see their
group's moderator in the week-1 welcome post, in the reply when they join, and with ``/mygroup``.

Placement may prefer a group whose moderator speaks the language a member gave on the join form,
but only as a tie-breaker: ``prefer_language`` reorders the candidate groups, and placement still
takes the emptiest group with room, so group sizes and caps are never affected.

No discord here: pure rules and copy first, then ``ProfileService`` (built in ``bot.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cogs.cohorts.messages import member_group_name
from cogs.utils.clock import Clock
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.i18n import N_, speaking, t, tp
from db.models import AuditNote
from db.models.cohorts import Cohort, Group
from db.models.plans import ModeratorProfile
from db.repositories.cohorts import CohortRepository
from db.repositories.moderator_profiles import ModeratorProfileRepository

ROLES: dict[str, str] = {
    "licensed_clinician": "Licensed clinician",
    "peer_facilitator": "Trained peer facilitator",
    "volunteer": "Volunteer moderator",
}
BIO_LIMIT = 300
LANGUAGE_LIMIT = 5
_LANGUAGE_CHARS = 30
_SEPARATORS = re.compile(r"\s*(?:,|;|/|\band\b|\bor\b|&)\s*", re.IGNORECASE)

NOT_IN_A_GROUP = N_(
    "You don't have a place in a group on this server yet. `/join` shows the cohort that is "
    "open; if you're on a waitlist, you'll hear from me as soon as a place frees up."
)
ONLY_YOUR_OWN = (
    "Moderators can edit their own profile; a coordinator can edit anyone's. Leave out "
    "`member:` to edit yours."
)
NOT_STAFF = (
    "{member} doesn't have Kindred's moderator or coordinator role. Profiles are for the people "
    "who moderate groups; give them the role first (set with `/setup set moderator_role:`)."
)


# --- pure rules -------------------------------------------------------------------------------


def parse_languages(text: str) -> tuple[str, ...]:
    """ "English, Hindi" -> ("English", "Hindi"): tidy, no repeats; InvalidInput when too many."""
    found: list[str] = []
    seen: set[str] = set()
    for part in _SEPARATORS.split(text.strip()):
        name = " ".join(part.split())
        if not name or name.casefold() in seen:
            continue
        if len(name) > _LANGUAGE_CHARS:
            raise InvalidInput(f"“{name[:40]}” is long for a language name; use its short name.")
        seen.add(name.casefold())
        found.append(name)
    if len(found) > LANGUAGE_LIMIT:
        raise InvalidInput(f"Name up to {LANGUAGE_LIMIT} languages, separated by commas.")
    return tuple(found)


def check_bio(text: str) -> str:
    """The bio tidied to one paragraph; InvalidInput when too long."""
    bio = " ".join(text.split())
    if len(bio) > BIO_LIMIT:
        raise InvalidInput(f"Keep the bio to {BIO_LIMIT} characters (it has {len(bio)}).")
    return bio


def speaks(profile: ModeratorProfile | None, language: str | None) -> bool:
    """Whether the moderator speaks one of the languages a member wrote (any of them)."""
    if profile is None or not language:
        return False
    theirs = {name.casefold() for name in profile.languages}
    return any(name.casefold() in theirs for name in parse_languages_loose(language))


def parse_languages_loose(text: str) -> list[str]:
    """A member's free-text language answer, split the same way, never raising."""
    return [" ".join(p.split()) for p in _SEPARATORS.split(text.strip()) if p.strip()]


def prefer_language(
    candidates: Sequence[int],
    moderator_of: Mapping[int, int | None],
    profiles: Mapping[int, ModeratorProfile],
    language: str | None,
) -> list[int]:
    """The candidate groups with those whose moderator speaks ``language`` first.

    A stable reorder of the same groups: placement takes the emptiest group with room and
    breaks ties by this order, so a language match only decides between equally full groups.
    """

    def matches(group_id: int) -> bool:
        moderator = moderator_of.get(group_id)
        return moderator is not None and speaks(profiles.get(moderator), language)

    return sorted(candidates, key=lambda g: not matches(g))


def join_words(items: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C" (the "and" in the language being spoken)."""
    if len(items) <= 1:
        return "".join(items)
    return tp("list", "{first} and {last}", first=", ".join(items[:-1]), last=items[-1])


def role_name(role: str) -> str:
    """A moderator's standing as a member reads it, in a sentence ("trained peer facilitator")."""
    names = {
        "licensed_clinician": tp("moderator role", "licensed clinician"),
        "peer_facilitator": tp("moderator role", "trained peer facilitator"),
        "volunteer": tp("moderator role", "volunteer moderator"),
    }
    return names.get(role, ROLES.get(role, role).lower())


def introduction(moderator_id: int, profile: ModeratorProfile | None) -> str:
    """Who moderates the group, in two or three short lines for members (in the language being
    spoken; the bio and the languages are the moderator's own words)."""
    if profile is None:
        return t("**Your moderator:** <@{moderator}>", moderator=moderator_id)
    line = t(
        "**Your moderator:** <@{moderator}>, {role}",
        moderator=moderator_id,
        role=role_name(profile.role),
    )
    if profile.languages:
        line += " · " + t("speaks {languages}", languages=join_words(profile.languages))
    if profile.bio:
        line += f"\n> {profile.bio}"
    return line


def saved(user_id: int, profile: ModeratorProfile) -> str:
    """The reply to ``/moderator profile``: what members will now see (staff: English)."""
    with speaking("en"):
        preview = introduction(user_id, profile)
    return "Saved. Members of the groups they moderate will see:\n" + preview.replace(
        "Your moderator", "Moderator"
    )


def my_group(cohort: Cohort, group: Group, profile: ModeratorProfile | None) -> str:
    """``/mygroup``: the member's cohort, group, channel and moderator."""
    lines = [f"**{cohort.name}** · {member_group_name(group)}"]
    if group.channel_id:
        lines.append(t("Your group's channel: <#{channel}>", channel=group.channel_id))
    if group.moderator_id is not None:
        lines.append(introduction(group.moderator_id, profile))
    else:
        lines.append(t("Your group's moderator hasn't been named yet; a coordinator can help."))
    return "\n".join(lines)


# --- the service ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MyGroup:
    """A member's group, for ``/mygroup``: the cohort, the group and its moderator's profile."""

    cohort: Cohort
    group: Group
    profile: ModeratorProfile | None


class ProfileService:
    """Recording moderators' profiles and showing members who moderates their group."""

    def __init__(
        self,
        repo: ModeratorProfileRepository,
        cohorts: CohortRepository,
        clock: Clock,
    ) -> None:
        self.repo = repo
        self.cohorts = cohorts
        self.clock = clock

    async def save(
        self,
        *,
        guild_id: int,
        actor_id: int,
        actor_is_coordinator: bool,
        user_id: int,
        target_is_staff: bool,
        role: str,
        bio: str,
        languages: str,
    ) -> ModeratorProfile:
        """Record a moderator's role, bio and languages (a coordinator for anyone, or oneself)."""
        if user_id != actor_id and not actor_is_coordinator:
            raise UserFacingError(ONLY_YOUR_OWN)
        if not target_is_staff:
            raise InvalidInput(NOT_STAFF.format(member=f"<@{user_id}>"))
        if role not in ROLES:
            raise InvalidInput(f"Choose a role: {', '.join(ROLES.values())}.")
        return await self.repo.save(
            guild_id=guild_id,
            user_id=user_id,
            role=role,
            bio=check_bio(bio),
            languages=parse_languages(languages),
            updated_by=actor_id,
            now=self.clock.now(),
            audit=AuditNote(guild_id, actor_id, "moderator.profile", user_id, role),
        )

    async def of_group(self, guild_id: int, group: Group) -> ModeratorProfile | None:
        """The profile of a group's moderator (None: no moderator, or no profile yet)."""
        if group.moderator_id is None:
            return None
        return await self.repo.get(guild_id, group.moderator_id)

    async def introduce(self, guild_id: int, group: Group) -> str | None:
        """Who moderates the group, for its welcome post and the join reply (None: nobody yet)."""
        if group.moderator_id is None:
            return None
        return introduction(group.moderator_id, await self.of_group(guild_id, group))

    async def my_group(self, guild_id: int, user_id: int) -> MyGroup:
        """The member's group in this server (the first, if several) and its moderator."""
        for enrolment in await self.cohorts.active_for_user(guild_id, user_id):
            if enrolment.status != "enrolled" or enrolment.group_id is None:
                continue
            group = await self.cohorts.group(enrolment.group_id)
            cohort = await self.cohorts.get(enrolment.cohort_id)
            if group is None or cohort is None:
                continue
            return MyGroup(cohort, group, await self.of_group(guild_id, group))
        raise UserFacingError(t(NOT_IN_A_GROUP))

    async def prefer(
        self,
        guild_id: int,
        groups: Sequence[Group],
        candidates: Sequence[int],
        language: str | None,
    ) -> list[int]:
        """``candidates`` with groups whose moderator speaks the member's language first."""
        if not language or len(candidates) < 2:
            return list(candidates)
        moderator_of = {g.id: g.moderator_id for g in groups}
        profiles = await self.repo.of_users(
            guild_id, (m for m in moderator_of.values() if m is not None)
        )
        return prefer_language(candidates, moderator_of, profiles, language)
