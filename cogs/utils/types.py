"""Typed access to Kindred's bot and lanes from places that only hold a ``discord.Client``.

Cogs get ``bot: KindredBot`` in their constructor. Views, modals and dynamic items get
``interaction.client``, typed as a plain ``discord.Client``; ``kindred(client)`` and
``lanes(client)`` give them the same typed bot and lanes, so nothing needs ``get_cog("...")``.
A client that is not Kindred's (a misconfigured test, a stray import) fails loudly here rather
than with an ``AttributeError`` deep inside a button.

Where one lane needs another's *Discord* work (not a service's use case), the lane doing it
offers a small Protocol here and its cog sets itself on the bot while loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

import discord

from db.models.cohorts import Cohort, Enrolment, Group

if TYPE_CHECKING:
    from bot import KindredBot, Lanes
    from cogs.screening.pipeline import Incoming, Route

__all__ = ["CohortPlaces", "GuidelineActions", "kindred", "lanes"]


class CohortPlaces(Protocol):
    """The cohorts lane's Discord side of a member leaving (``bot.cohort_places``).

    The place goes to the next person waiting, in the database; then the group's channels are
    closed to the leaver and opened to the newcomer, who is told by DM, exactly as for /leave.
    """

    async def free_place(self, guild: discord.Guild, cohort: Cohort, user_id: int) -> object:
        """``user_id`` leaves ``cohort``; raises ``discord.HTTPException`` if Discord refused a
        channel edit (the place is freed in the database all the same)."""
        ...

    async def settle_freed_place(
        self, guild: discord.Guild, cohort: Cohort, group: Group, promoted: Enrolment | None
    ) -> None:
        """A place in ``group`` was freed in the database by another process: rewrite the
        group's channels from the database and tell ``promoted`` (if anyone got it) by DM."""
        ...


class GuidelineActions(Protocol):
    """The guidelines lane's Discord side of a routed message (``bot.guideline_actions``)."""

    async def act_on(self, route: Route, incoming: Incoming) -> None:
        """Nudge, hide or report as the route says (crisis already had its say)."""
        ...


def kindred(client: discord.Client) -> KindredBot:
    """``client`` as Kindred's bot; a clear error for a client that was built without services."""
    if getattr(client, "services", None) is None:
        raise RuntimeError(
            f"{type(client).__name__} has no Kindred services: build it with bot.KindredBot"
        )
    return cast("KindredBot", client)


def lanes(client: discord.Client) -> Lanes:
    """The lanes' services (``bot.services.lanes``) from any interaction's client."""
    return kindred(client).services.lanes
