"""What Discord does by itself as time passes: scheduled events start and end, threads archive.

Discord moves a scheduled event to active at its start time and to completed at its end time,
whatever the bot does; and it archives a thread once it has been idle for its auto-archive
duration. The stand-in does both by the test's clock (``fake.now``), lazily: before it answers
each REST request, and whenever a test calls ``fake.tick()``. So a bot that starts an event a
moment after its start time races Discord's own start, as it would in production.

``fake.auto_events`` and ``fake.auto_archive`` switch each behaviour off for a test that needs
Discord frozen.
"""

from __future__ import annotations

import datetime as dt

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.records import THREAD_TYPES, parse_iso

SCHEDULED, ACTIVE, COMPLETED = 1, 2, 3


class ClockworkMixin(_Core):
    """Time-driven changes: event status and thread archiving.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    def tick(self, *, dispatch: bool = True) -> list[str]:
        """Apply every change Discord would have made by ``fake.now()``; what changed, as text.

        ``dispatch=False`` changes state without telling the bot, like a gateway update that
        has not arrived yet: the bot's cache is stale, so its next call races the change.
        """
        now = self.now()
        changed: list[str] = []
        if self.auto_events:
            changed += self._tick_events(now, dispatch)
        if self.auto_archive:
            changed += self._tick_threads(now, dispatch)
        return changed

    def _tick_events(self, now: dt.datetime, dispatch: bool) -> list[str]:
        changed = []
        for guild in self.guilds.values():
            for event in guild.scheduled_events.values():
                before = event["status"]
                end = event.get("scheduled_end_time")
                if before == SCHEDULED and parse_iso(event["scheduled_start_time"]) <= now:
                    event["status"] = ACTIVE
                if event["status"] == ACTIVE and end and parse_iso(end) <= now:
                    event["status"] = COMPLETED
                if event["status"] != before:
                    changed.append(f"event {event['id']}: {before} -> {event['status']}")
                    if dispatch:
                        self.dispatch("GUILD_SCHEDULED_EVENT_UPDATE", dict(event))
        return changed

    def _tick_threads(self, now: dt.datetime, dispatch: bool) -> list[str]:
        changed = []
        for tid, last in list(self._thread_activity.items()):
            thread = self._channels.get(tid)
            if thread is None or thread["type"] not in THREAD_TYPES:
                self._thread_activity.pop(tid, None)
                continue
            meta = thread["thread_metadata"]
            idle = dt.timedelta(minutes=int(meta.get("auto_archive_duration") or 1440))
            if meta.get("archived") or now < last + idle:
                continue
            meta["archived"] = True
            meta["archive_timestamp"] = (last + idle).isoformat()
            changed.append(f"thread {tid}: archived")
            if dispatch and self.connected:
                self.dispatch("THREAD_UPDATE", dict(thread))
        return changed

    def touch_thread(self, thread_id: int) -> None:
        """A thread had activity now (created, posted in, unarchived): its idle clock restarts."""
        self._thread_activity[thread_id] = self.now()
