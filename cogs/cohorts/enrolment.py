"""The cohorts lane's enrolment use cases: join (after the intake form), enrol, move, leave.

No discord: each method takes ids and plain values and returns a plain result; the cog opens
and closes group channels and sends the DMs around it. A place freed by someone leaving goes to
the next person waiting, in the same unit of work (``CohortRepository.leave_and_promote``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from cogs.cohorts import messages, policy
from cogs.cohorts.profiles import ProfileService
from cogs.cohorts.schedule import parse_timezone
from cogs.cohorts.service import CohortService
from cogs.cohorts.sessions import LIVE
from cogs.members.language import ENGLISH, languages_in
from cogs.utils import when
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.i18n import t, tp
from db.models import AuditNote
from db.models.cohorts import Cohort, Enrolment, Group

CONSENT_WORDS = ("yes", "y", "i agree", "agree")
# "Yes" to weekly check-ins on the join form, in the languages the form is shown in.
YES_WORDS = ("yes", "y", "sí", "si", "s", "हाँ", "हां", "haan", "ha")


@dataclass(frozen=True)
class Left:
    """A member left: their enrolment as it was, and when they freed a place in a group, that
    group and who got the place (None: nobody was waiting)."""

    was: Enrolment | None
    group: Group | None = None
    promoted: Enrolment | None = None


@dataclass(frozen=True)
class Placement:
    """Where a member ended up: a group, or the waitlist at ``position``.

    ``moved_from`` is the place they left first when a coordinator moved them between groups.
    """

    cohort: Cohort
    enrolment: Enrolment
    group: Group | None
    position: int | None
    moved_from: Left | None = None
    # Issue 15: the language the member asked for (None: the cohort's groups have no
    # languages) and how that went: "same" (a group in it), "other" (none had room; a group in
    # another language they named), "full" (waiting for a place in one), "none" (no group in
    # it yet, so they wait).
    language: str | None = None
    language_outcome: str | None = None


@dataclass(frozen=True)
class Intake:
    """A member's checked intake answers."""

    cohort: Cohort
    focus: str | None
    timezone: str | None
    checkins: bool
    language: str | None


class EnrolmentService:
    """Members joining, being enrolled, moving and leaving, and their reminder choice."""

    def __init__(self, cohorts: CohortService, profiles: ProfileService | None = None) -> None:
        self.cohorts = cohorts
        # Breaks ties between equally full groups by the moderator's languages (issue 19).
        self.profiles = profiles
        self.repo = cohorts.repo
        self.sessions = cohorts.sessions
        self.clock = cohorts.clock

    async def set_dm_reminders(
        self, guild_id: int, user_id: int, name: str | None, by_dm: bool
    ) -> None:
        """Whether a member also gets session reminders by DM."""
        mine = await self.repo.active_for_user(guild_id, user_id)
        if name is None and len(mine) == 1:
            found = await self.cohorts.get(mine[0].cohort_id)
        else:
            found = await self.cohorts.member_cohort(guild_id, name)
        enrolment = await self.repo.enrolment(found.id, user_id)
        if enrolment is None or enrolment.status not in ("enrolled", "waitlisted"):
            raise UserFacingError(
                t(
                    "You're not in **{cohort}** yet. `/join` to take part; reminders come with it.",
                    cohort=found.name,
                )
            )
        await self.repo.set_remind_by_dm(enrolment.id, by_dm)

    # --- enrolment -----------------------------------------------------------------------------

    async def check_enrol(
        self, guild_id: int, name: str, group_number: int | None
    ) -> tuple[Cohort, list[int]]:
        """The cohort a coordinator enrols into and the groups that may take the member."""
        found = await self.cohorts.find(guild_id, name)
        if found.state not in ("draft", "enrolling", "running"):
            raise InvalidInput(f"“{found.name}” has finished, so nobody can be enrolled.")
        groups = await self.repo.groups(found.id)
        if group_number is None:
            return found, [g.id for g in groups]
        chosen = [g.id for g in groups if g.number == group_number]
        if not chosen:
            raise InvalidInput(f"“{found.name}” has groups 1 to {len(groups)}.")
        return found, chosen

    async def enrol(
        self, guild_id: int, actor_id: int, cohort: Cohort, user_id: int, candidates: list[int]
    ) -> Placement:
        """Enrol a member (or move them to another group); full groups mean the waitlist."""
        before = await self.repo.enrolment(cohort.id, user_id)
        if before is not None and before.status == "enrolled" and before.group_id in candidates:
            raise InvalidInput(f"<@{user_id}> is already in that group.")
        moved_from = None
        if before is not None and before.status == "enrolled":
            # Moving groups: only into a group with room, or the member would lose their place
            # to the waitlist. Then free the old place (the next person waiting gets it).
            sizes = [len(await self.repo.members_of(group_id)) for group_id in candidates]
            if all(size >= cohort.group_cap for size in sizes):
                raise InvalidInput(
                    f"That group is full ({cohort.group_cap} members), so <@{user_id}> stays "
                    "in their group. Move someone out first, or choose a group with room."
                )
            moved_from = await self.leave(cohort, user_id)
        enrolment = await self.repo.place(
            cohort_id=cohort.id,
            user_id=user_id,
            candidates=candidates,
            cap=cohort.group_cap,
            joined_week=await self.sessions.joining_week(cohort),
            focus_pref=before.focus_pref if before else None,
            timezone_pref=before.timezone_pref if before else None,
            checkins=before.checkins if before else False,
            language=before.language if before else None,
            consent=False,
            enrolled_by=actor_id,
            now=self.clock.now(),
            audit=AuditNote(guild_id, actor_id, "cohort.enrol", cohort.id, f"user {user_id}"),
        )
        return await self._placement(cohort, enrolment, moved_from)

    async def check_join(self, guild_id: int, user_id: int, name: str | None) -> Cohort:
        """The cohort a member may join now (before the intake form opens)."""
        found = await self.cohorts.member_cohort(guild_id, name)
        if found.state not in LIVE:
            raise UserFacingError(
                t(
                    messages.NOT_OPEN_FOR_JOINING,
                    name=found.name,
                    state=messages.state_name(found.state),
                )
            )
        existing = await self.repo.enrolment(found.id, user_id)
        if existing is not None and existing.status in ("enrolled", "waitlisted"):
            where = (
                tp("enrolment", "on the waitlist")
                if existing.status == "waitlisted"
                else tp("enrolment", "enrolled")
            )
            raise UserFacingError(t(messages.ALREADY_IN, name=found.name, where=where))
        return found

    async def check_intake(
        self, guild_id: int, cohort_id: int, answers: Mapping[str, str]
    ) -> Intake:
        """The intake form's answers, checked: consent first; InvalidInput on a problem."""
        found = await self.repo.get(cohort_id)
        if found is None or found.guild_id != guild_id or found.state not in LIVE:
            raise UserFacingError(t(messages.NO_LONGER_JOINING))
        if answers["consent"].strip().lower() not in CONSENT_WORDS:
            raise InvalidInput(t(messages.CONSENT_NEEDED, agree=t(messages.AGREE_LABEL)))
        focus = policy.focus_from(answers["focus"])
        tz = answers["timezone"].strip()
        try:
            zone = parse_timezone(tz).key if tz else None
        except when.AmbiguousTimezone as exc:
            raise when.TimezoneProblem(
                messages.timezone_ambiguous(tz, [messages.zone_name(o) for o in exc.options]),
                exc.options,
            ) from None
        except when.FixedOffset as exc:
            raise when.TimezoneProblem(messages.timezone_offset(exc.typed)) from None
        except when.UnknownTimezone as exc:
            raise when.TimezoneProblem(messages.timezone_unknown(exc.typed, exc.close)) from None
        except InvalidInput as exc:
            raise when.TimezoneProblem(exc.message) from None
        return Intake(
            cohort=found,
            focus=focus,
            timezone=zone,
            checkins=answers["checkins"].strip().lower() in YES_WORDS,
            language=answers["language"].strip() or None,
        )

    async def join(
        self, user_id: int, intake: Intake, *, language: str = ENGLISH, server: str = ENGLISH
    ) -> Placement:
        """Place a member who consented in a group (their language, then their focus first) or
        on the waitlist.

        ``language`` is the member's language (``MemberService.language_of``) and ``server`` the
        server's; the languages they wrote on the form come first, and a group in a second
        language they named is used only when none in the first has room.
        """
        found = intake.cohort
        groups = await self.repo.groups(found.id)
        wanted = languages_in(intake.language) or (language,)
        fit = policy.fit_language(groups, wanted, server)
        candidates = await self._candidates(found, groups, fit.first, intake)
        fallback = await self._candidates(found, groups, fit.fallback, intake)
        enrolment = await self.repo.place(
            cohort_id=found.id,
            user_id=user_id,
            candidates=candidates,
            cap=found.group_cap,
            joined_week=await self.sessions.joining_week(found),
            focus_pref=intake.focus,
            timezone_pref=intake.timezone,
            checkins=intake.checkins,
            language=intake.language,
            consent=True,
            enrolled_by=None,
            now=self.clock.now(),
            fallback=fallback,
            wait_language=fit.waits_for,
        )
        placed = await self._placement(found, enrolment)
        if fit.waits_for is None:
            return placed
        if placed.group is None:
            outcome = "full" if fit.first else "none"
        else:
            outcome = "same" if placed.group.id in {g.id for g in fit.first} else "other"
        return replace(placed, language=fit.waits_for, language_outcome=outcome)

    async def _candidates(
        self,
        cohort: Cohort,
        groups: list[Group],
        suitable: tuple[Group, ...],
        intake: Intake,
    ) -> list[int]:
        """The suitable groups' ids, their focus first, then the moderator's languages."""
        if not suitable:
            return []
        candidates = policy.candidate_groups(suitable, intake.focus)
        if self.profiles is not None:
            candidates = await self.profiles.prefer(
                cohort.guild_id, groups, candidates, intake.language
            )
        return candidates

    async def check_leave(self, guild_id: int, user_id: int, name: str | None) -> Cohort:
        """The one cohort (or waitlist) a member is leaving."""
        mine = await self.repo.active_for_user(guild_id, user_id)
        if name:
            found = await self.cohorts.find(guild_id, name)
            mine = [e for e in mine if e.cohort_id == found.id]
        if not mine:
            raise UserFacingError(t(messages.NOT_IN_ANY))
        if len(mine) > 1:
            raise UserFacingError(t("You are in more than one cohort; name one with `cohort:`."))
        return await self.cohorts.get(mine[0].cohort_id)

    async def leave(self, cohort: Cohort, user_id: int) -> Left:
        """Free a member's place and give it to the next person waiting."""
        was, promoted = await self.repo.leave_and_promote(
            cohort.id, user_id, await self.sessions.joining_week(cohort), self.clock.now()
        )
        if was is None or was.group_id is None or was.status != "enrolled":
            return Left(was)
        group = await self.repo.group(was.group_id)
        if group is None:
            raise LookupError(f"group {was.group_id} of cohort {cohort.id} is gone")
        return Left(was, group, promoted)

    async def _placement(
        self, cohort: Cohort, enrolment: Enrolment, moved_from: Left | None = None
    ) -> Placement:
        if enrolment.status == "waitlisted":
            position = await self.repo.waitlist_position(enrolment)
            return Placement(cohort, enrolment, None, position, moved_from)
        group = await self.repo.group(enrolment.group_id or 0)
        if group is None:
            raise LookupError(f"enrolment {enrolment.id} has no group")
        return Placement(cohort, enrolment, group, None, moved_from)
