"""The crisis case as the outbox: its steps commit with it, and the chain's decisions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cogs.crisis.policy import case_join, first_steps, reachability_warnings, staff_chain
from cogs.utils.text import quote_safely
from db.database import Database
from db.models import GuildSettings
from db.repositories.crisis import CrisisRepository, normalise_ref
from db.repositories.jobs import JobRepository

NOW = datetime(2026, 12, 4, 20, 0, tzinfo=UTC)
FULL = GuildSettings(
    guild_id=1,
    staff_channel_id=10,
    oncall_role_id=20,
    backup_role_id=21,
    coordinator_role_id=22,
    moderator_role_id=23,
)
KINDS = {"alert": "crisis_alert", "member": "crisis_member", "deadline": "crisis_deadline"}


async def _open(repo: CrisisRepository, level: str, message_id: int | None = 7) -> object:
    return await repo.open_case(
        guild_id=1,
        user_id=5,
        channel_id=3,
        message_id=message_id,
        source="message",
        level=level,
        rules=("plan",),
        reason="r",
        excerpt="e",
        now=NOW,
        steps=first_steps(level, FULL, NOW, **KINDS),
    )


async def test_an_urgent_case_commits_with_its_alert_member_and_deadline_steps(
    db: Database,
) -> None:
    case = await _open(CrisisRepository(db), "urgent")
    jobs = JobRepository(db)
    alert = await jobs.get("crisis_alert", case.id)
    member = await jobs.get("crisis_member", case.id)
    deadline = await jobs.get("crisis_deadline", case.id)
    assert alert.status == member.status == deadline.status == "pending"
    assert alert.due_at == member.due_at == NOW
    assert deadline.due_at == NOW + timedelta(minutes=10)


async def test_a_watch_case_has_only_its_quiet_alert_step(db: Database) -> None:
    case = await _open(CrisisRepository(db), "watch")
    jobs = JobRepository(db)
    assert await jobs.get("crisis_alert", case.id) is not None
    assert await jobs.get("crisis_member", case.id) is None
    assert await jobs.get("crisis_deadline", case.id) is None


async def test_a_second_case_for_the_same_message_writes_no_steps(db: Database) -> None:
    repo = CrisisRepository(db)
    await _open(repo, "urgent", message_id=99)
    assert await _open(repo, "urgent", message_id=99) is None
    assert await db.fetchval("SELECT count(*) FROM jobs WHERE kind = 'crisis_alert'") == 1


async def test_case_references_are_random_and_found_however_typed(db: Database) -> None:
    repo = CrisisRepository(db)
    first = await _open(repo, "concern", message_id=1)
    second = await _open(repo, "concern", message_id=2)
    assert first.ref != second.ref
    assert len(first.ref) == 8
    assert not first.ref.isdigit()
    typed = f"#{first.label.lower()}"
    assert (await repo.by_ref(1, typed)).id == first.id
    assert await repo.by_ref(2, first.ref) is None  # another server's reference
    assert await repo.by_ref(1, str(first.id)) is None  # the row id is not a reference


def test_normalise_ref_drops_case_dashes_and_spaces() -> None:
    assert normalise_ref(" k7qx-3mpd ") == "K7QX3MPD"


def test_the_staff_chain_ends_at_the_owner_in_order() -> None:
    assert [s.how for s in staff_chain(FULL, "urgent")] == [
        "channel",
        "dm_oncall",
        "dm_backup",
        "dm_coordinators",
        "dm_owner",
    ]


def test_the_chain_skips_roles_that_are_not_set_but_never_the_owner() -> None:
    bare = GuildSettings(guild_id=1)
    assert [s.how for s in staff_chain(bare, "concern")] == ["dm_owner"]


def test_a_watch_case_only_goes_to_the_staff_channel() -> None:
    assert [s.how for s in staff_chain(FULL, "watch")] == ["channel"]


def test_a_set_up_with_nobody_to_dm_is_warned_about() -> None:
    holders = {"oncall": 0, "backup": 0, "coordinator": 0}
    warnings = reachability_warnings(FULL, holders)
    assert any("only the server owner" in w for w in warnings)
    assert any("on-call role is set but nobody holds it" in w for w in warnings)


def test_a_set_up_without_a_staff_channel_is_warned_about() -> None:
    settings = GuildSettings(guild_id=1, oncall_role_id=20)
    warnings = reachability_warnings(settings, {"oncall": 2})
    assert any("No staff channel" in w for w in warnings)
    assert not any("only the server owner" in w for w in warnings)


def test_a_complete_set_up_has_no_warnings() -> None:
    assert reachability_warnings(FULL, {"oncall": 1, "backup": 1, "coordinator": 1}) == []


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("[open the plan](https://evil.example/x)", ("](", "https://")),
        ("ping @everyone and @here", ("@everyone", "@here")),
        ("hey <@123> and <@&456> in <#789>", ("<@123>", "<@&456>", "<#789>")),
        ("**bold** __under__ ~~gone~~ ||secret|| `code`", ("**", "__", "~~", "||")),
        ("ftp://files.example/a", ("ftp://",)),
    ],
)
def test_quote_safely_neutralises_links_mentions_and_markdown(
    text: str, absent: tuple[str, ...]
) -> None:
    quoted = quote_safely(text)
    for piece in absent:
        assert piece not in quoted


def test_quote_safely_stops_an_excerpt_rendering_as_a_quote_or_heading() -> None:
    assert quote_safely("> looks like a quote").startswith("\\>")
    assert quote_safely("# shouting").startswith("\\#")


def test_quote_safely_keeps_the_words_readable() -> None:
    quoted = quote_safely("I can't do this any more, my ex-husband was right")
    assert quoted == "I can't do this any more, my ex-husband was right"


# --- the same disclosure blocked by AutoMod and posted again: one case -----------------------


async def _arrive(
    repo: CrisisRepository,
    level: str,
    *,
    blocked: bool,
    at: datetime = NOW,
    message_id: int | None = None,
    user_id: int = 5,
) -> tuple[object, bool] | None:
    return await repo.open_or_join(
        guild_id=1,
        user_id=user_id,
        channel_id=3,
        message_id=None if blocked else message_id,
        source="message",
        level=level,
        rules=("ideation",),
        reason="r",
        excerpt="e",
        now=at,
        steps=first_steps(level, FULL, at, **KINDS),
        automod_rule="Dark words" if blocked else None,
        join=case_join(level, blocked=blocked, now=at),
        joined_detail="joined",
    )


async def test_a_post_soon_after_a_blocked_message_joins_its_case(db: Database) -> None:
    repo = CrisisRepository(db)
    first = await _arrive(repo, "concern", blocked=True)
    again = await _arrive(
        repo, "concern", blocked=False, message_id=50, at=NOW + timedelta(minutes=3)
    )
    assert first is not None
    assert again is not None
    assert again[1] is True  # joined
    assert again[0].id == first[0].id
    assert [e.kind for e in await repo.events(first[0].id)] == ["opened", "joined"]
    pending = await JobRepository(db).pending()
    assert len(pending) == 3  # only the first case's steps


@pytest.mark.parametrize(
    ("later", "level", "blocked", "user"),
    [
        pytest.param(timedelta(minutes=11), "concern", False, 5, id="after the window"),
        pytest.param(timedelta(minutes=1), "urgent", False, 5, id="more urgent"),
        pytest.param(timedelta(minutes=1), "concern", False, 6, id="another member"),
    ],
)
async def test_a_later_more_urgent_or_other_members_message_opens_its_own_case(
    db: Database, later: timedelta, level: str, blocked: bool, user: int
) -> None:
    repo = CrisisRepository(db)
    await _arrive(repo, "concern", blocked=True)
    again = await _arrive(repo, level, blocked=blocked, message_id=50, at=NOW + later, user_id=user)
    assert again is not None
    assert again[1] is False


async def test_two_posts_stay_two_cases(db: Database) -> None:
    repo = CrisisRepository(db)
    await _arrive(repo, "concern", blocked=False, message_id=50)
    again = await _arrive(repo, "concern", blocked=False, message_id=51)
    assert again is not None
    assert again[1] is False


async def test_a_blocked_message_joins_the_members_open_posted_case(db: Database) -> None:
    repo = CrisisRepository(db)
    await _arrive(repo, "urgent", blocked=False, message_id=50)
    again = await _arrive(repo, "concern", blocked=True, at=NOW + timedelta(minutes=1))
    assert again is not None
    assert again[1] is True
