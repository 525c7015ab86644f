"""Discord glue for "can't make it": the button under each session reminder and its undo.

The buttons are dynamic items, so a reminder's button works for days and after a restart:

- ``cohort:absent:<session id>``: "Can't make it" (on the group channel and DM reminders)
- ``cohort:present:<session id>``: "I can make it after all" (on the private answer)

``SessionService`` checks the clicker is enrolled in that session's cohort and that the session
has not started, and records the excused absence; ``/session absent`` (in ``_sessions.py``) does
the same by week.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from cogs.cohorts import messages
from cogs.cohorts.sessions import Absence
from cogs.utils.i18n import t
from cogs.utils.i18n_discord import speak_to
from cogs.utils.replies import reply_privately
from cogs.utils.types import kindred

LABELS = {"absent": messages.ABSENT_LABEL, "present": messages.PRESENT_LABEL}


class AbsenceButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"cohort:(?P<action>absent|present):(?P<session_id>\d+)",
):
    """ "Can't make it" under a session reminder (an excused absence for the clicker), or
    "I can make it after all" (takes it back)."""

    def __init__(self, action: str, session_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=t(LABELS[action]),
                style=discord.ButtonStyle.secondary,
                custom_id=f"cohort:{action}:{session_id}",
            )
        )
        self.action = action
        self.session_id = session_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> AbsenceButton:
        """Rebuild the button from its custom id (after a restart too)."""
        return cls(match["action"], int(match["session_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """Record (or take back) the absence and answer privately, with the reverse button."""
        await _answer(interaction, self.session_id, undo=self.action == "present")


async def _answer(interaction: discord.Interaction, session_id: int, *, undo: bool) -> None:
    from cogs.utils.tree import answer_error

    try:
        await speak_to(interaction)
        lane = kindred(interaction.client).services.lanes.sessions
        done = await lane.absent_from(session_id, interaction.user.id, undo=undo)
        await reply_absence(interaction, done)
    except Exception as error:  # buttons have no command tree: answer here
        await answer_error(interaction, error)


async def reply_absence(interaction: discord.Interaction, done: Absence) -> None:
    """The private answer: what was recorded, and the button that reverses it."""
    text = messages.absent_marked(done.cohort, done.session, done.absent, done.changed)
    view = discord.ui.View(timeout=None)
    view.add_item(AbsenceButton("present" if done.absent else "absent", done.session.id))
    await reply_privately(interaction, text, view=view)


def reminder_view(session_id: int) -> discord.ui.View:
    """The "Can't make it" button under a session reminder."""
    view = discord.ui.View(timeout=None)
    view.add_item(AbsenceButton("absent", session_id))
    return view


ABSENCE_ITEMS = (AbsenceButton,)
