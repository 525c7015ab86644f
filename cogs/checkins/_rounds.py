"""Discord glue for check-in rounds: the four job handlers, and a swap's thread moves.

``RoundService`` (``rounds.py``) says what is due and records what happened; these handlers do
the Discord part (private threads, DMs, the "did you meet?" buttons) through the bot's
``Messenger``. A failed thread or post raises, so the job is retried and the rows say what is
left to do: a re-run reuses the stored thread and skips pairs already announced, reminded or
asked.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal

import discord
from discord.ext import commands

from cogs.checkins import messages
from cogs.checkins.rounds import ASK, REMINDER, ROUND, SWEEP, DueNotes, RoundService
from cogs.checkins.service import CheckinService, Move
from cogs.checkins.views import answer_view
from cogs.plan import messages as plan_messages
from cogs.utils.delivery import Delivery, Messenger, tell_staff
from cogs.utils.i18n import speaking, t
from cogs.utils.shards import sweep_every_server
from db.models import Job
from db.repositories.checkins import Pair, Round
from db.repositories.cohorts import Cohort

if TYPE_CHECKING:
    from bot import KindredBot

log = logging.getLogger(__name__)

# Pair threads ping their members (and nobody else).
PAIR_MENTIONS = discord.AllowedMentions(users=True, roles=False, everyone=False)
# Minutes: a week, so the thread stays open for the whole round.
THREAD_LIFETIME: Literal[10080] = 10080


class RoundsMixin(commands.Cog):
    """The weekly round, the mid-week reminder, the end-of-week question, the hourly sweep."""

    bot: KindredBot
    lane: CheckinService
    rounds: RoundService

    @property
    def messenger(self) -> Messenger:
        """The bot's one way to send DMs and posts (bounded retries, one result type)."""
        return self.bot.messenger

    def _register_jobs(self) -> None:
        jobs = self.bot.services.jobs
        jobs.register(ROUND, self._on_round)
        jobs.register(REMINDER, self._on_reminder)
        jobs.register(ASK, self._on_ask)
        jobs.register(SWEEP, self._on_sweep)

    async def _on_sweep(self, job: Job) -> None:
        """Make sure every live cohort the bot can see has its weekly round job."""
        every = sweep_every_server(self.bot.services.settings.shards)
        await self.rounds.sweep(None if every else [guild.id for guild in self.bot.guilds])

    async def _on_round(self, job: Job) -> None:
        """Close ended rounds, pair this week (once), open threads and DMs, arm next week."""
        step = await self.rounds.start_round(job.entity_id)
        if step is None:
            return
        guild = self._guild(step.cohort)
        if step.round is not None:
            await self._open_round(guild, step.cohort, step.round)
        await self.rounds.round_started(step)
        await self._tell_paused(step.cohort)

    async def _open_round(self, guild: discord.Guild, cohort: Cohort, round_: Round) -> None:
        """Create each pair's thread (or DMs) and post the prompt; skip what already happened."""
        for pair in await self.rounds.pairs_to_announce(round_.id):
            if pair.place == "dm" and not await self._open_by_dm(guild.id, round_, pair):
                # A closed DM must not leave the pair without a place to meet: give them a
                # private thread instead, and let the reminders and the question follow it.
                log.info("check-in pair %s: a DM failed; meeting in a thread instead", pair.id)
                await self._open_thread(
                    guild, round_, await self.rounds.meet_in_thread_instead(pair.id)
                )
            elif pair.place != "dm":
                await self._open_thread(guild, round_, pair)
            await self.rounds.announced(pair.id)
        notice = await self.rounds.unplaced_notice(cohort, round_)
        if notice is None:
            return
        await tell_staff(
            self.bot,
            self.bot.services.guild_settings,
            guild,
            messages.staff_unplaced(cohort.name, round_.week, notice.rows),
        )
        for _, user_id, _ in notice.rows:
            with speaking(await self._language_of(guild.id, user_id)):
                text = t(messages.NO_PARTNER)
            await self.messenger.dm(user_id, text)
            await self.rounds.unplaced_told(round_.id, user_id)

    async def _open_thread(self, guild: discord.Guild, round_: Round, pair: Pair) -> None:
        thread = await self._thread_of(guild, pair)
        if thread is None:
            channel = guild.get_channel(await self.rounds.group_channel_id(pair) or 0)
            if not isinstance(channel, discord.TextChannel):
                raise RuntimeError(f"check-in pair {pair.id}: the group channel is missing")
            parent = channel
            made = _sent(
                await self.messenger.call(
                    lambda: parent.create_thread(
                        name=self._thread_name(guild, round_, pair),
                        type=discord.ChannelType.private_thread,
                        invitable=False,
                        auto_archive_duration=THREAD_LIFETIME,
                        reason=f"check-in round {round_.id}, pair {pair.id}",
                    )
                ),
                f"check-in pair {pair.id}: the thread",
            )
            thread = made.message
            await self.rounds.thread_made(pair.id, thread.id)
        for user_id in pair.user_ids:
            await self._add(thread, user_id, pair)
        # A shared thread is written in the group's language, like the group's channel.
        with speaking(await self._pair_language(guild.id, pair)):
            text = (
                messages.thread_opening(round_.week, pair.user_ids, pair.prompt)
                + "\n\n"
                + t(plan_messages.CHECKIN_THREAD_NOTE)  # the same words for all: it is shared
            )
        await self._post(thread, text, pair)

    async def _open_by_dm(self, guild_id: int, round_: Round, pair: Pair) -> bool:
        """Send each member the prompt and their partners by DM; False if any DM failed."""
        delivered = True
        for user_id in pair.user_ids:
            delivered = (await self._dm_opening(guild_id, round_, pair, user_id)).sent and delivered
        return delivered

    async def _dm_opening(self, guild_id: int, round_: Round, pair: Pair, user_id: int) -> Delivery:
        """One member's opening DM (partners, prompt, their private plan) in their language."""
        partners = [u for u in pair.user_ids if u != user_id]
        with speaking(await self._language_of(guild_id, user_id)):
            text = messages.dm_opening(round_.week, partners, pair.prompt)
            text += "\n\n" + await self.bot.services.lanes.plan.checkin_note(user_id)  # private
        return await self.messenger.dm(user_id, text)

    async def _on_reminder(self, job: Job) -> None:
        """Mid-week: a gentle reminder to pairs where nobody has posted or said they met."""
        due = await self.rounds.reminders_due(job.entity_id)
        if due is None:
            return
        await self._send_notes(due, reminder=True)

    async def _on_ask(self, job: Job) -> None:
        """End of the week: ask each pair "did you meet?" with Yes / Not this week buttons."""
        due = await self.rounds.questions_due(job.entity_id)
        if due is None:
            return
        await self._send_notes(due, reminder=False)

    async def _send_notes(self, due: DueNotes, *, reminder: bool) -> None:
        """The reminder (or the question) to each pair that still needs it, then marked."""
        guild = self._guild(due.cohort)
        for pair in due.pairs:
            if pair.place == "dm":
                for user_id in pair.user_ids:
                    with speaking(await self._language_of(guild.id, user_id)):
                        text = t(messages.DM_REMINDER if reminder else messages.DM_ASK)
                        view = None if reminder else answer_view(pair.id)
                    await self.messenger.dm(user_id, text, view=view)
            else:
                thread = await self._thread_of(guild, pair)
                if thread is None:
                    continue
                with speaking(await self._pair_language(guild.id, pair)):
                    text = (
                        messages.reminder(pair.user_ids)
                        if reminder
                        else messages.ask(pair.user_ids)
                    )
                    view = None if reminder else answer_view(pair.id)
                await self._post(thread, text, pair, view=view)
            if reminder:
                await self.rounds.reminded(pair.id)
            else:
                await self.rounds.asked(pair.id)

    async def _tell_paused(self, cohort: Cohort) -> None:
        """The kind note to members whose check-ins were paused (once each)."""
        for user_id, week in await self.rounds.pauses_to_tell(cohort.id):
            with speaking(await self._language_of(cohort.guild_id, user_id)):
                text = t(messages.PAUSED_NOTE)
            await self.messenger.dm(user_id, text)
            await self.rounds.pause_told(cohort.id, user_id, week)

    async def _move_member(self, guild: discord.Guild, round_: Round, move: Move) -> None:
        """After a swap: the thread loses one member and gains the other, who gets the prompt."""
        pair, leaving, joining = move.pair, move.leaving, move.joining
        if pair.place == "dm":
            await self._dm_opening(guild.id, round_, pair, joining)
            return
        thread = await self._thread_of(guild, pair)
        if thread is None:
            return
        removed = await self.messenger.in_thread(
            thread, lambda: thread.remove_user(discord.Object(leaving))
        )
        if not removed.sent:
            log.warning("check-in pair %s: could not remove a member from the thread", pair.id)
        await self._add(thread, joining, pair)
        name = self._thread_name(guild, round_, pair)
        if not (await self.messenger.call(lambda: thread.edit(name=name))).sent:
            log.warning("check-in pair %s: could not rename the thread after a swap", pair.id)
        with speaking(await self._pair_language(guild.id, pair)):
            text = (
                messages.swapped_note(round_.week)
                + "\n\n"
                + messages.thread_opening(round_.week, pair.user_ids, pair.prompt)
            )
        await self._post(thread, text, pair)

    # --- helpers -------------------------------------------------------------------------------

    async def _language_of(self, guild_id: int, user_id: int) -> str:
        """The language a DM to this member is written in."""
        return await self.bot.services.lanes.members.language_of(guild_id, user_id)

    async def _pair_language(self, guild_id: int, pair: Pair) -> str:
        """The language of a pair's shared thread: their group's, else the server's."""
        language = await self.rounds.group_language(pair)
        if language is not None:
            return language
        return await self.bot.services.lanes.members.server_language(guild_id)

    @staticmethod
    def _thread_name(guild: discord.Guild, round_: Round, pair: Pair) -> str:
        """ "Week 3 · Asha & Ben" from the members' display names in this server."""
        members = [guild.get_member(user_id) for user_id in pair.user_ids]
        names = [m.display_name if m is not None else "a member" for m in members]
        return messages.thread_name(round_.week, names)

    async def _thread_of(self, guild: discord.Guild, pair: Pair) -> discord.Thread | None:
        if pair.thread_id is None:
            return None
        found = guild.get_thread(pair.thread_id)
        if found is not None:
            return found
        try:
            fetched = await guild.fetch_channel(pair.thread_id)
        except discord.NotFound:
            return None
        return fetched if isinstance(fetched, discord.Thread) else None

    async def _add(self, thread: discord.Thread, user_id: int, pair: Pair) -> None:
        added = await self.messenger.in_thread(
            thread, lambda: thread.add_user(discord.Object(user_id))
        )
        _sent(added, f"check-in pair {pair.id}: adding a member to the thread")

    async def _post(
        self, thread: discord.Thread, text: str, pair: Pair, *, view: discord.ui.View | None = None
    ) -> None:
        posted = await self.messenger.post(thread, text, view=view, mentions=PAIR_MENTIONS)
        _sent(posted, f"check-in pair {pair.id}: a post in the thread")

    def _guild(self, cohort: Cohort) -> discord.Guild:
        guild = self.bot.get_guild(cohort.guild_id)
        if guild is None:
            # Fail so the job is retried once the server is back, rather than lost.
            raise RuntimeError(f"server {cohort.guild_id} of cohort {cohort.id} is not available")
        return guild


def _sent(result: Delivery, what: str) -> Delivery:
    """The delivery when it went out; else raise, so the job is retried and nothing is lost."""
    if not result.sent:
        raise RuntimeError(f"{what} failed: {result.status} ({result.error})")
    return result
