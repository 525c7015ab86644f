"""Voice states (VOICE_STATE_UPDATE), as a member's client causes them."""

from __future__ import annotations

import secrets
from typing import Any

from sandbox.fake_discord.core import _Core
from sandbox.fake_discord.records import (
    VOICE_TYPES,
    Obj,
    _id_of,
)


class VoiceMixin(_Core):
    """Voice states: members joining, moving and leaving voice channels.

    Part of ``FakeDiscord``; the state and other sections it uses are declared in ``core._Core``.
    """

    # ---------------------------------------------------------------- voice

    def set_voice_state(
        self,
        guild_id: int,
        user_id: Any,
        channel_id: Any,
        *,
        self_mute: bool | None = None,
        self_deaf: bool | None = None,
        self_video: bool | None = None,
    ) -> Obj | None:
        """A member connects to, moves to, or (``channel_id=None``) leaves a voice channel, or
        changes their own mute/deafen/video flags (same channel); dispatches VOICE_STATE_UPDATE.

        Returns the new voice state, or None after leaving. Flags left as None keep their value
        (False for a new connection). Raises ValueError for a channel that is not a voice or
        stage channel of this guild, and KeyError for a user who is not a member. Whether the
        member is *allowed* to connect is checked by ``Driver.join_voice``.
        """
        guild = self.guild(guild_id)
        uid = _id_of(user_id)
        member = guild.members[uid]
        old = guild.voice_states.get(uid)
        if channel_id is None:
            if old is None:
                return None
            state = Obj(old, channel_id=None)
            del guild.voice_states[uid]
        else:
            channel = self._channels.get(_id_of(channel_id))
            if (
                channel is None
                or channel.get("guild_id") != str(guild.id)
                or channel["type"] not in VOICE_TYPES
            ):
                raise ValueError(f"{channel_id} is not a voice channel of guild {guild.id}")
            state = Obj(
                guild_id=str(guild.id),
                channel_id=str(channel.id),
                user_id=str(uid),
                # one id per connection: kept when moving, new after leaving
                session_id=old["session_id"] if old is not None else secrets.token_hex(16),
                deaf=bool(member.get("deaf", False)),
                mute=bool(member.get("mute", False)),
                self_deaf=False,
                self_mute=False,
                self_stream=False,
                self_video=False,
                suppress=False,
                request_to_speak_timestamp=None,
            )
            for key, value in (
                ("self_mute", self_mute),
                ("self_deaf", self_deaf),
                ("self_video", self_video),
            ):
                if value is not None:
                    state[key] = value
                elif old is not None:
                    state[key] = old[key]
            guild.voice_states[uid] = state
        if self.connected:
            payload = dict(state)
            payload["member"] = self._member_payload(guild, member)
            payload["member"].pop("guild_id", None)
            self.dispatch("VOICE_STATE_UPDATE", payload)
        return state if channel_id is not None else None

    def voice_states(self, guild_id: int) -> dict[int, Obj]:
        """user id -> their current voice state (``channel_id`` is the channel, a str)."""
        return dict(self.guild(guild_id).voice_states)

    def in_voice(self, channel_id: Any) -> set[int]:
        """The user ids connected to a voice channel now."""
        cid = str(_id_of(channel_id))
        channel = self.channel(cid)
        guild = self.guild(int(channel["guild_id"]))
        return {uid for uid, v in guild.voice_states.items() if v["channel_id"] == cid}
