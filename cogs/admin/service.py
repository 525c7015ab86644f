"""The admin lane's use cases: a server's setup, and the record of an AutoMod fix.

No discord: ids and plain values in, plain results out. The cog and the fix buttons do the
Discord part (checking the live server, reading and editing AutoMod rules through the API).
"""

from __future__ import annotations

from collections.abc import Mapping

from cogs.utils.clock import Clock
from db.models import GuildSettings
from db.repositories.audit import AuditRepository
from db.repositories.cohorts import CohortRepository
from db.repositories.guild_settings import GuildSettingsRepository


class AdminService:
    """/setup's reads and writes."""

    def __init__(
        self,
        guild_settings: GuildSettingsRepository,
        audit: AuditRepository,
        cohorts: CohortRepository,
        clock: Clock,
    ) -> None:
        self.guild_settings = guild_settings
        self.audit = audit
        self.cohorts = cohorts
        self.clock = clock

    async def settings(self, guild_id: int) -> GuildSettings:
        """The server's setup (defaults where nothing is set)."""
        return await self.guild_settings.get(guild_id)

    async def update(
        self, guild_id: int, changes: Mapping[str, object], *, actor_id: int
    ) -> GuildSettings:
        """Save checked setup changes, with an audit line, in one unit of work."""
        return await self.guild_settings.update(
            guild_id, dict(changes), actor_id=actor_id, now=self.clock.now()
        )

    async def group_channels(self, guild_id: int) -> set[int]:
        """The live cohorts' group channels: what an AutoMod rule must not block crisis words in."""
        return await self.cohorts.live_group_channels(guild_id)

    async def automod_fixed(self, guild_id: int, actor_id: int, fix: str, rule_id: int) -> None:
        """Record that a staff member made an AutoMod rule alert-only or exempted the groups."""
        await self.audit.add(
            guild_id=guild_id,
            actor_id=actor_id,
            action=f"setup.automod_{fix}",
            now=self.clock.now(),
            detail=f"rule {rule_id}",
        )
