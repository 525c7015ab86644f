"""Freeing a member's cohort places before their data goes: what the privacy lane does in the
database (no discord), in every server, whichever process holds it.

The cog frees the places in the servers its process holds through the cohorts lane's Discord
side, for the places ``places_held`` lists. With shards, the erase button (a DM, so on shard 0)
cannot reach the other processes' servers: ``free_places_elsewhere`` frees those places in the
database at once, so the next person waiting has the place, and leaves the Discord half (the
group's channels, the newcomer's DM) to a job bound to the server, which the process holding it
runs; ``freed_place`` reads what that job needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cogs.cohorts.enrolment import EnrolmentService
from cogs.utils.clock import Clock
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.models import Job
from db.models.cohorts import Cohort, Enrolment, Group
from db.repositories.cohorts import CohortRepository

# The Discord half of a place freed by /privacy delete in a server another process holds, run
# there (a job bound to the server). Each carries one row id, nothing about the member who left.
PLACE_GIVEN = "privacy_place_given"  # entity: the enrolment of whoever got the freed place
GROUP_LEFT = "privacy_group_left"  # entity: the group, when nobody was waiting for the place
# The cohort states with places to free (``CohortRepository.active_for_user``'s).
LIVE_STATES = ("draft", "enrolling", "running")


@dataclass(frozen=True)
class FreedPlace:
    """What the Discord half of a freed place needs: the group whose channels to rewrite, and
    who got the place (None: nobody was waiting)."""

    cohort: Cohort
    group: Group
    promoted: Enrolment | None


class PlacesMixin:
    """Mixin for ``PrivacyService``: the member's cohort places."""

    db: Database
    jobs: JobScheduler
    clock: Clock
    enrolment: EnrolmentService | None

    async def places_held(self, guild_id: int, user_id: int) -> list[Cohort]:
        """The live cohorts in ``guild_id`` where the member holds a place or waits for one.

        The cog frees each through the cohorts lane before erasing (or when they leave), so the
        next person waiting gets the place.
        """
        cohorts = CohortRepository(self.db)
        found: list[Cohort] = []
        for enrolment in await cohorts.active_for_user(guild_id, user_id):
            cohort = await cohorts.get(enrolment.cohort_id)
            if cohort is not None:
                found.append(cohort)
        return found

    async def free_places_elsewhere(self, user_id: int, here: Callable[[int], bool]) -> int:
        """Free the member's live places and waitlist spots in the servers ``here`` says this
        process does not hold (the cog frees the others itself); how many.

        Before erasing. Each place is freed in the database now, so the next person waiting gets
        it at once; the group's channels and that person's DM need the server, so they are a job
        bound to it, due now, which the process holding the server runs (it waits for it there
        if it is down). The job carries a row id, never the member's id or words.
        """
        if self.enrolment is None:
            raise RuntimeError("the privacy lane was built without the cohorts lane's enrolment")
        everywhere = await CohortRepository(self.db).guilds_with_places(user_id)
        freed = 0
        now = self.clock.now()
        for guild_id in (g for g in everywhere if not here(g)):
            for cohort in await self.places_held(guild_id, user_id):
                left = await self.enrolment.leave(cohort, user_id)
                freed += 1
                if left.group is None:
                    continue  # a waitlist spot: nothing on Discord to change
                if left.promoted is not None:
                    await self.jobs.schedule(PLACE_GIVEN, left.promoted.id, now, guild_id=guild_id)
                else:
                    await self.jobs.schedule(GROUP_LEFT, left.group.id, now, guild_id=guild_id)
        return freed

    async def freed_place(self, job: Job) -> FreedPlace | None:
        """For a ``PLACE_GIVEN`` or ``GROUP_LEFT`` job: the group and who got the place; None
        when there is nothing left to do (the newcomer left or erased their data since, or the
        cohort ended or is gone)."""
        cohorts = CohortRepository(self.db)
        promoted: Enrolment | None = None
        if job.kind == PLACE_GIVEN:
            promoted = await cohorts.enrolment_by_id(job.entity_id)
            if promoted is None or promoted.status != "enrolled" or promoted.group_id is None:
                return None
            group = await cohorts.group(promoted.group_id)
        else:
            group = await cohorts.group(job.entity_id)
        cohort = await cohorts.get(group.cohort_id) if group is not None else None
        if group is None or cohort is None or cohort.state not in LIVE_STATES:
            return None  # an ended cohort's channels are archives: its end rewrote them
        return FreedPlace(cohort, group, promoted)
