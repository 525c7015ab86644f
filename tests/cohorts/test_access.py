"""``access.channel_access``: who may view, post, connect and speak in a group's channels. Pure."""

from __future__ import annotations

import pytest

from cogs.cohorts.access import (
    SLOWMODE_SECONDS,
    ChannelAccess,
    Grant,
    category_access,
    channel_access,
    slowmode_seconds,
)

ROLE, MOD, ASHA, BEN = 11, 21, 31, 32


def matrix(
    *,
    between: str = "closed",
    open_: bool = False,
    archived: bool = False,
    role: int | None = ROLE,
    moderator: int | None = MOD,
    members: tuple[int, ...] = (ASHA, BEN),
    can_mute: bool = True,
) -> ChannelAccess:
    return channel_access(
        between_mode=between,
        open_=open_,
        archived=archived,
        coordinator_role_id=role,
        moderator_id=moderator,
        member_ids=members,
        bot_can_mute=can_mute,
    )


def perms(grants: tuple[Grant, ...], party: str, target: int | None = None) -> dict[str, bool]:
    [found] = [g for g in grants if g.party == party and g.target_id == target]
    return dict(found.perms)


def test_everyone_cannot_see_either_channel_whatever_the_state() -> None:
    for access in (matrix(), matrix(open_=True), matrix(archived=True)):
        assert perms(access.text, "everyone") == {"view_channel": False}
        assert perms(access.voice, "everyone") == {"view_channel": False}


def test_the_order_is_everyone_bot_role_moderator_then_members() -> None:
    access = matrix()
    expected = [("everyone", None), ("bot", None), ("role", ROLE), ("member", MOD)]
    expected += [("member", ASHA), ("member", BEN)]
    assert [g.key for g in access.text] == expected
    assert [g.key for g in access.voice] == expected


@pytest.mark.parametrize(
    ("between", "open_", "archived", "post", "join"),
    [
        ("closed", True, False, True, True),  # a session is open: post, connect, speak
        ("closed", False, False, False, False),  # between sessions, closed: read only
        ("slowmode", False, False, True, False),  # between sessions, slow mode: post slowly
        ("slowmode", True, True, False, False),  # an archive: read only, whatever the mode
        ("closed", True, True, False, False),
    ],
)
def test_members_read_always_and_post_and_talk_only_when_the_state_allows(
    between: str, open_: bool, archived: bool, post: bool, join: bool
) -> None:
    access = matrix(between=between, open_=open_, archived=archived)
    for member in (ASHA, BEN):
        assert perms(access.text, "member", member) == {
            "view_channel": True,
            "read_message_history": True,
            "send_messages": post,
        }
        assert perms(access.voice, "member", member) == {
            "view_channel": True,
            "connect": join,
            "speak": join,
        }


@pytest.mark.parametrize("open_", [True, False])
def test_staff_post_and_join_any_time_until_the_archive(open_: bool) -> None:
    access = matrix(open_=open_)
    for party, target in (("role", ROLE), ("member", MOD)):
        assert perms(access.text, party, target) == {
            "view_channel": True,
            "send_messages": True,
            "read_message_history": True,
        }
        assert perms(access.voice, party, target) == {
            "view_channel": True,
            "connect": True,
            "speak": True,
            "mute_members": True,
        }


def test_in_an_archive_staff_read_but_no_longer_post() -> None:
    access = matrix(archived=True)
    assert perms(access.text, "role", ROLE)["send_messages"] is False
    assert perms(access.text, "member", MOD)["send_messages"] is False


def test_staff_get_mute_only_when_the_bot_holds_mute_members() -> None:
    access = matrix(can_mute=False)
    assert "mute_members" not in perms(access.voice, "role", ROLE)
    assert "mute_members" not in perms(access.voice, "member", MOD)


def test_the_bot_can_post_in_text_and_connect_to_voice_even_in_an_archive() -> None:
    access = matrix(archived=True)
    assert perms(access.text, "bot") == {
        "view_channel": True,
        "send_messages": True,
        "read_message_history": True,
        "embed_links": True,
        "attach_files": True,
    }
    assert perms(access.voice, "bot") == {"view_channel": True, "connect": True}


def test_no_coordinator_role_and_no_moderator_means_no_grant_for_them() -> None:
    access = matrix(role=None, moderator=None)
    assert [g.party for g in access.text] == ["everyone", "bot", "member", "member"]


def test_a_moderator_who_is_also_enrolled_is_treated_as_a_member_in_the_moderators_place() -> None:
    access = matrix(members=(ASHA, MOD), open_=False)
    keys = [g.key for g in access.text]
    assert keys == [
        ("everyone", None),
        ("bot", None),
        ("role", ROLE),
        ("member", MOD),
        ("member", ASHA),
    ]
    assert perms(access.text, "member", MOD)["send_messages"] is False


@pytest.mark.parametrize(
    ("between", "open_", "seconds"),
    [("slowmode", False, SLOWMODE_SECONDS), ("slowmode", True, 0), ("closed", False, 0)],
)
def test_slow_mode_is_on_only_between_sessions_of_a_slow_mode_cohort(
    between: str, open_: bool, seconds: int
) -> None:
    assert slowmode_seconds(between, open_) == seconds
    assert matrix(between=between, open_=open_).slowmode_seconds == seconds


def test_the_category_is_hidden_from_everyone_and_open_to_the_bot() -> None:
    grants = category_access()
    assert perms(grants, "everyone") == {"view_channel": False}
    assert perms(grants, "bot")["send_messages"] is True
