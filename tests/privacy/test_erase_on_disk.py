"""Erased means erased on disk: no byte of the member in the database file, its WAL or free pages.

SQLite keeps old page images in the write-ahead log and, unless ``secure_delete`` is on, leaves
deleted and overwritten cells in the pages and on the freelist. These tests read the raw files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cogs.privacy.service import PrivacyService
from cogs.utils.clock import FakeClock
from cogs.utils.jobs import JobScheduler
from db.database import Database
from db.repositories.crisis import CrisisRepository, MemberSettingsRepository
from db.repositories.guidelines import GuidelineRepository
from db.repositories.jobs import JobRepository
from tests.privacy.test_erase import ASHA, BEN, CHANNEL, GUILD, MAYA, NOW, seed

# Texts only Asha's rows hold, so any byte of them left on disk is hers.
MARKERS = {
    "crisis excerpt": "qx7-excerpt I have the pills counted out for tonight",
    "closing note": "qx7-closing Called her sister, who is staying over",
    "hidden message": "qx7-hidden you are all useless idiots",
    "moderator note": "qx7-modnote Seemed very low in voice chat on Tuesday",
    "warning reason": "qx7-warning Please do not share dosing advice",
    "appeal": "qx7-appeal I was only quoting my neurologist",
    "pardon reason": "qx7-pardon Fair point, context was clear",
    "review note": "qx7-review She is describing her own relapse",
    "uphold reason": "qx7-uphold The insult stands, sorry",
}
FILE_SUFFIXES = ("", "-wal", "-shm", "-journal")

pytestmark = pytest.mark.sqlite_only(
    reason="reads SQLite's own files; on PostgreSQL erasing is a DELETE and VACUUM's business"
)


def sqlite_varint(value: int) -> bytes:
    """SQLite's big-endian varint (how a rowid, e.g. ``member_settings.user_id``, is stored)."""
    value &= (1 << 64) - 1
    if value >> 56:
        out = [value & 0xFF]
        value >>= 8
        for _ in range(8):
            out.append((value & 0x7F) | 0x80)
            value >>= 7
        return bytes(reversed(out))
    groups = [value & 0x7F]
    value >>= 7
    while value:
        groups.append((value & 0x7F) | 0x80)
        value >>= 7
    return bytes(reversed(groups))


def id_forms(user_id: int) -> dict[str, bytes]:
    """Every way SQLite can hold the id: decimal text, big-endian integers, the rowid varint."""
    forms = {"id as text": str(user_id).encode()}
    for size in (8, 6, 4):
        if -(1 << (8 * size - 1)) <= user_id < 1 << (8 * size - 1):
            forms[f"id as {size}-byte integer"] = user_id.to_bytes(size, "big", signed=True)
    forms["id as varint"] = sqlite_varint(user_id)
    return forms


def residue(db_path: Path | str, needles: dict[str, bytes]) -> dict[str, int]:
    """'<needle> in <file>' -> occurrences, over the database file, its WAL, shm and journal."""
    found: dict[str, int] = {}
    for suffix in FILE_SUFFIXES:
        path = Path(f"{db_path}{suffix}")
        if not path.exists():
            continue
        data = path.read_bytes()
        for name, needle in needles.items():
            if count := data.count(needle):
                found[f"{name} in {path.name}"] = count
    return found


def rowids_stored_twice(db_path: Path | str, ids: list[int]) -> set[int]:
    """The ids stored as a rowid in a leaf and again as a divider key in an interior page."""
    data = Path(db_path).read_bytes()
    return {i for i in ids if data.count(sqlite_varint(i)) > 1}


@pytest.fixture
def privacy(db: Database) -> PrivacyService:
    clock = FakeClock(NOW)
    return PrivacyService(db, jobs=JobScheduler(JobRepository(db), clock), clock=clock)


def traces_of(user_id: int, texts: dict[str, str]) -> dict[str, bytes]:
    """The needles to look for: the texts (UTF-8) and every form of the id."""
    return {**{k: v.encode() for k, v in texts.items()}, **id_forms(user_id)}


async def seed_markers(db: Database, user_id: int) -> None:
    """Rows holding the marker texts: a case, a hidden copy, notes, an appeal, staff reasons."""
    crisis = CrisisRepository(db)
    case = await crisis.open_case(
        guild_id=GUILD,
        user_id=user_id,
        channel_id=CHANNEL,
        message_id=950000000000000001,
        source="message",
        level="urgent",
        rules=("plan",),
        reason="a plan and a time",
        excerpt=MARKERS["crisis excerpt"],
        now=NOW,
    )
    assert case is not None
    await crisis.claim(case.id, MAYA, NOW)
    await crisis.close(case.id, "resolved", MAYA, MARKERS["closing note"], NOW)

    rules = GuidelineRepository(db)
    hidden = await rules.hide_message(
        guild_id=GUILD,
        channel_id=CHANNEL,
        user_id=user_id,
        message_id=950000000000000002,
        label="toxic",
        rule="toxic.insult",
        content=MARKERS["hidden message"],
        points=2,
        reason="insult",
        now=NOW,
        expires_at=NOW + dt.timedelta(days=30),
    )
    assert hidden is not None
    appeal = await rules.add_appeal(hidden[1], MARKERS["appeal"], NOW)
    assert appeal is not None
    await rules.uphold_appeal(GUILD, appeal.id, MAYA, MARKERS["uphold reason"], NOW)
    await rules.add_infraction(
        guild_id=GUILD, user_id=user_id, kind="note", points=0,
        reason=MARKERS["moderator note"], actor_id=MAYA, now=NOW, expires_at=NOW,
    )  # fmt: skip
    warning = await rules.add_infraction(
        guild_id=GUILD, user_id=user_id, kind="warn", points=1,
        reason=MARKERS["warning reason"], actor_id=MAYA, now=NOW,
        expires_at=NOW + dt.timedelta(days=30),
    )  # fmt: skip
    await rules.pardon(warning.id, MAYA, MARKERS["pardon reason"], NOW)
    hit = await rules.record_hit(
        guild_id=GUILD, channel_id=CHANNEL, user_id=user_id, message_id=950000000000000003,
        label="comparing", rule="comparing.others_worse", outcome="reported", now=NOW,
    )  # fmt: skip
    assert await rules.review_hit(GUILD, hit, MAYA, MARKERS["review note"], NOW)


async def checkpoint(db: Database) -> None:
    """Move everything written so far from the WAL into the main file (as SQLite does by itself
    every 1000 pages), so the erase has to clean cells inside the main file too."""
    await db.fetchone("PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.mark.parametrize("in_main_file", [False, True], ids=["in-wal", "in-main-file"])
async def test_erasing_leaves_no_byte_of_the_member_on_disk(
    db: Database, privacy: PrivacyService, in_main_file: bool
) -> None:
    await seed(db)
    await seed_markers(db, ASHA)
    needles = traces_of(ASHA, MARKERS)
    assert set(residue(db.path, needles)) >= {f"{k} in kindred.sqlite3-wal" for k in MARKERS}
    if in_main_file:
        await checkpoint(db)
        assert set(residue(db.path, needles)) >= {f"{k} in kindred.sqlite3" for k in MARKERS}

    await privacy.erase(ASHA)

    assert residue(db.path, needles) == {}
    # The erase left Ben's data where it was (a guard against a test that erases everything).
    assert residue(db.path, id_forms(BEN)) != {}


async def test_purging_excerpts_leaves_no_byte_of_them_on_disk(db: Database) -> None:
    await seed_markers(db, ASHA)
    await checkpoint(db)
    excerpt = {"crisis excerpt": MARKERS["crisis excerpt"].encode()}
    assert residue(db.path, excerpt) == {"crisis excerpt in kindred.sqlite3": 1}

    assert await CrisisRepository(db).purge_excerpts(NOW + dt.timedelta(days=1)) == 1

    assert residue(db.path, excerpt) == {}


async def test_purging_a_hidden_copy_leaves_no_byte_of_it_on_disk(db: Database) -> None:
    await seed_markers(db, ASHA)
    rules = GuidelineRepository(db)
    [copy] = await db.fetchall("SELECT id FROM guideline_hidden_messages")
    hidden = {"hidden message": MARKERS["hidden message"].encode()}
    assert residue(db.path, hidden) != {}

    assert await rules.purge_hidden(copy["id"], NOW + dt.timedelta(days=90))

    assert residue(db.path, hidden) == {}


async def test_an_erased_members_id_stays_in_no_interior_page(db: Database) -> None:
    """Enough members for a b-tree with interior pages, where SQLite keeps copies of rowid keys
    (not of index keys) after the row is deleted: an id must not be a rowid."""
    settings = MemberSettingsRepository(db)
    members = [ASHA + 7919 * n for n in range(1000)]
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO member_settings (user_id, country, updated_at) VALUES (?, 'IN', ?)",
            [(m, NOW.isoformat()) for m in members],
        )
    await checkpoint(db)
    # Every tenth member, and any whose id is a rowid kept in an interior page as well (erasing
    # many more would rebuild those pages and hide the problem).
    twice = rowids_stored_twice(db.path, members)
    erased = [m for n, m in enumerate(members) if n % 10 == 5 or m in twice]
    for member in erased:
        await settings.erase_member(member)
    await db.scrub()

    assert {m: found for m in erased if (found := residue(db.path, id_forms(m)))} == {}
    assert residue(db.path, id_forms(members[0])) != {}
