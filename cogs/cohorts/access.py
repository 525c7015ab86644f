"""Who may use a group's channels: the cohort channel permission matrix, as plain data.

No discord here: the matrix says, for each party, which permissions are allowed or denied on
the group's text and voice channels (and the cohort's category); ``cog.py`` turns each entry
into a ``discord.PermissionOverwrite``. A permission left out of an entry is left unset
(inherited), exactly as an overwrite without it.

The rules, for a group's (text, voice) channels; @everyone cannot even see them:

- Members, the group's moderator, the coordinator role and the bot see both.
- Text: members read always and post while a session is open (or, with between-session slow
  mode, in between). Voice: members connect and speak only while a session is open.
- Staff (the coordinator role and the moderator) post and join any time (to test their audio,
  or to use an archive) and may mute, when the bot holds Mute Members to grant it.
- Archived (completed or cancelled): members only read, and staff stop posting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

# Slow mode between sessions, when the cohort's between-session mode is "slowmode".
SLOWMODE_SECONDS = 3600

Party = Literal["everyone", "bot", "role", "member"]


@dataclass(frozen=True)
class Grant:
    """One overwrite: who it is for, and each permission set (True allow, False deny).

    ``target_id`` is the role's id for ``role`` and the user's id for ``member``; None for
    @everyone and the bot, which the glue resolves from the server.
    """

    party: Party
    target_id: int | None
    perms: Mapping[str, bool] = field(default_factory=dict)

    @property
    def key(self) -> tuple[Party, int | None]:
        """Who the overwrite is for: two grants with the same key are one overwrite."""
        return (self.party, self.target_id)


@dataclass(frozen=True)
class ChannelAccess:
    """A group's overwrites, in order, and the text channel's slow mode."""

    text: tuple[Grant, ...]
    voice: tuple[Grant, ...]
    slowmode_seconds: int


HIDDEN = {"view_channel": False}
# What the bot needs in a group's text channel to post themes, reminders and notes.
BOT_TEXT = {
    "view_channel": True,
    "send_messages": True,
    "read_message_history": True,
    "embed_links": True,
    "attach_files": True,
}
# Discord lets nobody edit a voice channel they cannot connect to (the bot never joins).
BOT_VOICE = {"view_channel": True, "connect": True}


def category_access() -> tuple[Grant, ...]:
    """The cohort's private category: hidden from @everyone, the bot as in a text channel."""
    return (Grant("everyone", None, HIDDEN), Grant("bot", None, BOT_TEXT))


def slowmode_seconds(between_mode: str, open_: bool) -> int:
    """The text channel's slow mode: on between sessions when the cohort chose slow mode."""
    return SLOWMODE_SECONDS if between_mode == "slowmode" and not open_ else 0


def channel_access(
    *,
    between_mode: str,
    open_: bool,
    archived: bool = False,
    coordinator_role_id: int | None,
    moderator_id: int | None,
    member_ids: Iterable[int],
    bot_can_mute: bool,
) -> ChannelAccess:
    """Who may view, post, connect and speak in a group's text and voice channels.

    ``coordinator_role_id`` is a role that exists on the server (None: no grant for it);
    ``bot_can_mute`` says whether the bot holds Mute Members, since Discord refuses an
    overwrite granting what the bot itself lacks (older invites). A moderator who is also
    enrolled is treated as a member (the member grant replaces theirs, in its place).
    """
    can_talk = not archived and (open_ or between_mode == "slowmode")
    can_join = not archived and open_
    staff_text = {"view_channel": True, "send_messages": not archived, "read_message_history": True}
    staff_voice = {"view_channel": True, "connect": True, "speak": True}
    if bot_can_mute:
        staff_voice["mute_members"] = True
    text: dict[tuple[Party, int | None], Grant] = {}
    voice: dict[tuple[Party, int | None], Grant] = {}

    def put(grant_text: Grant, grant_voice: Grant) -> None:
        text[grant_text.key] = grant_text
        voice[grant_voice.key] = grant_voice

    put(Grant("everyone", None, HIDDEN), Grant("everyone", None, HIDDEN))
    put(Grant("bot", None, BOT_TEXT), Grant("bot", None, BOT_VOICE))
    if coordinator_role_id is not None:
        put(
            Grant("role", coordinator_role_id, staff_text),
            Grant("role", coordinator_role_id, staff_voice),
        )
    if moderator_id:
        put(Grant("member", moderator_id, staff_text), Grant("member", moderator_id, staff_voice))
    for user_id in member_ids:
        put(
            Grant(
                "member",
                user_id,
                {"view_channel": True, "read_message_history": True, "send_messages": can_talk},
            ),
            Grant(
                "member", user_id, {"view_channel": True, "connect": can_join, "speak": can_join}
            ),
        )
    return ChannelAccess(
        text=tuple(text.values()),
        voice=tuple(voice.values()),
        slowmode_seconds=slowmode_seconds(between_mode, open_),
    )
