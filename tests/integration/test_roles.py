"""Who may do what: every cell of the README's "Who may do what" table, through the stand-in.

Each command in the bot's tree (slash commands, the user and message menus, and the Claim /
Resolve / False alarm buttons on a crisis alert) is run as each kind of person: a plain member, a server admin
with Manage Server but no Kindred role (and the owner, who has every permission), a moderator
and a coordinator. A "no" cell must be refused with the check's own sentence and change
nothing (no database row, no Discord write but the private reply); a "yes" cell must get past
the role check (it may still be refused for another reason, e.g. "no such cohort").

One bot and one stand-in serve the whole module, so the ~300 cases stay fast. Commands are
given options that keep the shared state usable by the cases that follow (mostly cohorts that
do not exist, for the commands that would change a running one).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest
import pytest_asyncio
from discord import app_commands

from bot import DataFiles
from cogs.crisis.views import ACTIONS as CRISIS_BUTTONS
from cogs.utils.checks import SETUP_ONLY, needs_of, refusal
from cogs.utils.clock import FakeClock
from sandbox.driver import InteractionResult
from sandbox.fake_discord import FakeDiscord, Member, Perm
from sandbox.world import build_world
from tests.backends import PostgresDatabases, table_names
from tests.conftest import START, Kindred, fresh_database, running_kindred
from tests.integration.helpers import configure

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")

URGENT = "I've saved up my pills and I'm going to take them all tonight. Goodbye everyone."
NO_SUCH = "No such cohort"  # commands that would change a running cohort get a missing one
GENERIC_FAILURE = "something went wrong on our side"

COLUMNS = ("member", "Manage Server only", "moderator", "coordinator")
# Persona -> the table column it is judged by. The owner has every permission (Administrator
# included), so it is checked against "Manage Server only" as well.
PERSONAS = {
    "member": "member",
    "admin": "Manage Server only",
    "owner": "Manage Server only",
    "moderator": "moderator",
    "coordinator": "coordinator",
}
# What each kind of check lets through, in COLUMNS order.
ALLOWED_BY_NEEDS = {
    "anyone": (True, True, True, True),
    "manage_server": (False, True, False, False),
    "moderator": (False, False, True, True),
    "coordinator": (False, False, False, True),
}
# The Commands table's "who" column, in the same terms.
NEEDS_BY_WHO = {
    "anyone": "anyone",
    "members": "anyone",
    "Manage Server": "manage_server",
    "moderators": "moderator",
    "coordinators": "coordinator",
}


# --- the README tables ----------------------------------------------------------------------


def _table_after(heading: str) -> list[list[str]]:
    """The rows (cells stripped, header and rule dropped) of the first table under ``heading``."""
    lines = README.splitlines()
    start = lines.index(heading)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    assert rows, f"no table under {heading!r}"
    return rows[2:]


def _key(cell: str) -> str:
    """`/mod warn` (…) -> "/mod warn"; **Claim** button … -> "Claim"."""
    found = re.match(r"`([^`]+)`|\*\*([^*]+)\*\*", cell)
    assert found, f"no command in table cell {cell!r}"
    return found.group(1) or found.group(2)


def _header_after(heading: str) -> list[str]:
    lines = README.splitlines()
    start = lines.index(heading)
    header = next(line for line in lines[start + 1 :] if line.startswith("|"))
    return [cell.strip() for cell in header.strip().strip("|").split("|")]


ROLE_TABLE: dict[str, dict[str, str]] = {
    _key(row[0]): dict(zip(COLUMNS, row[1:], strict=True))
    for row in _table_after("### Who may do what")
}
COMMANDS_TABLE: dict[str, str] = {_key(row[0]): row[1] for row in _table_after("## Commands")}


def allowed(cell: str) -> bool:
    """A cell reads "yes", "yes (with a condition)" or "no"."""
    assert cell == "no" or cell.startswith("yes"), f"a cell must be yes or no, not {cell!r}"
    return cell.startswith("yes")


def _tree_entries(tree: app_commands.CommandTree) -> dict[str, str]:
    """Every command in the tree (slash, user and message menus) -> what its check needs."""
    found = {
        f"/{c.qualified_name}": needs_of(c)
        for c in tree.walk_commands()
        if isinstance(c, app_commands.Command)
    }
    for kind in (discord.AppCommandType.user, discord.AppCommandType.message):
        for menu in tree.get_commands(type=kind):
            assert isinstance(menu, app_commands.ContextMenu)
            found[menu.name] = needs_of(menu)
    # The alert buttons check is_moderator in CrisisCog._case_for (buttons have no tree checks).
    found.update({label: "moderator" for label, _ in CRISIS_BUTTONS.values()})
    return found


# --- one bot for the module -------------------------------------------------------------------


@dataclass
class Roles:
    """The running bot, the people who try things, and a crisis case to look at."""

    k: Kindred
    people: dict[str, Member]
    target: Member  # whom moderators act on
    poster: Member  # whose messages open crisis cases for the button cases
    case_id: int
    case_ref: str  # what people type: the alert's reference, never the row id

    @property
    def guild_id(self) -> int:
        return self.k.world.guild.id


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def roles(
    tmp_path_factory: pytest.TempPathFactory,
    data_files: DataFiles,
    postgres: PostgresDatabases | None,
) -> AsyncIterator[Roles]:
    """The demo server plus a Manage-Server-only admin, set up, with a cohort open."""
    fake = FakeDiscord()
    await fake.start()
    try:
        world = build_world(fake)
        gid = world.guild.id
        admins = fake.add_role(gid, "Server admin", Perm.MANAGE_GUILD)
        admin = fake.add_member(gid, "Morgan", roles=[admins])
        async with (
            fresh_database(postgres, tmp_path_factory.mktemp("roles")) as url,
            running_kindred(fake, world, url, FakeClock(START), data_files) as k,
        ):
            await configure(k)
            created = await k.driver.command(
                world.coordinator,
                "cohort create",
                {
                    "name": "Autumn",
                    "start": "2026-10-06",
                    "day": "Tuesday",
                    "time": "18:00",
                    "timezone": "America/New_York",
                    "moderator": world.member("Maya"),
                },
            )
            assert "Created the draft cohort" in created.content, created.content
            started = await k.driver.command(
                world.coordinator, "cohort start", {"cohort": "Autumn"}
            )
            assert "Enrolment is open" in started.content, started.content
            poster = world.member("Jon")
            posted = await k.driver.post(poster, world.channels["general"], URGENT)
            case = await k.bot.services.lanes.crisis.cases.for_message(int(posted["id"]))
            assert case is not None
            people = {
                "member": world.member("Isla"),
                "admin": admin,
                "owner": world.owner,
                "moderator": world.member("Sam"),
                "coordinator": world.coordinator,
            }
            yield Roles(k, people, world.member("Hiro"), poster, case.id, case.label)
    finally:
        await fake.stop()


# --- what each command is given -----------------------------------------------------------


def _options(r: Roles) -> dict[str, dict[str, Any]]:
    """Options for every slash command: valid, and harmless to the cases after them."""
    hiro, jon = r.target, r.poster
    reason = "Checking who may do this"
    return {
        "/setup set": {"country": "IN"},
        "/setup show": {},
        "/resources": {},
        "/cope": {},
        "/goodnews": {"text": "I walked to the shop today and it felt good"},
        "/plan": {},
        "/mygroup": {},
        # Without member: the person's own profile (a moderator may edit theirs).
        "/moderator profile": {"role": "volunteer", "languages": "English"},
        "/crisis open": {"member": hiro, "level": "concern", "note": reason},
        "/crisis case": {"case": r.case_ref},
        # A reference no case has: past the check, nothing is claimed.
        "/crisis claim": {"case": "ZZZZ-ZZZZ"},
        "/crisis report": {},
        # A reference no case has: past the check, nothing is sent.
        "/reply": {"message": reason, "case": "ZZZZ-ZZZZ"},
        "/talk": {},  # opens a support conversation for whoever runs it
        "/cohort create": {
            "name": "Role check",
            "start": "2026-10-06",
            "day": "Tuesday",
            "time": "18:00",
            "timezone": "America/New_York",
        },
        "/cohort group": {"cohort": "Autumn", "focus": "general"},
        "/cohort show": {"cohort": "Autumn"},
        "/cohort list": {},
        "/cohort edit": {"cohort": NO_SUCH, "weeks": 10},
        "/cohort start": {"cohort": NO_SUCH},
        "/cohort cancel": {"cohort": NO_SUCH},
        "/cohort complete": {"cohort": NO_SUCH},
        "/cohort enrol": {"cohort": NO_SUCH, "member": hiro},
        "/cohort theme": {"cohort": "Autumn", "week": 2},
        "/cohort report": {"cohort": "Autumn"},
        "/session skip": {"cohort": NO_SUCH, "week": 3},
        "/session absent": {},
        "/join": {},
        "/reminders": {"by_dm": True},
        "/leave": {},
        "/checkin status": {},
        "/checkin snooze": {},
        "/checkin optout": {},
        "/checkin optin": {},
        "/checkin avoid": {"member": hiro},
        "/checkin pairs": {"cohort": "Autumn"},
        "/checkin override": {"member_a": hiro, "member_b": jon},
        "/checkin schedule": {"cohort": NO_SUCH, "day": "Wednesday", "time": "10:00"},
        "/wellbeing optin": {},
        "/wellbeing optout": {},
        "/wellbeing me": {},
        "/wellbeing share": {"on": False},
        "/wellbeing member": {"member": hiro},
        "/wellbeing outcomes": {"cohort": "Autumn"},
        "/wellbeing settings": {"cohort": "Autumn", "phq9": True},
        "/mod warn": {"member": hiro, "reason": reason},
        "/mod timeout": {"member": hiro, "minutes": 1, "reason": reason},
        "/mod note": {"member": hiro, "note": reason},
        "/mod pardon": {"infraction": 9999, "reason": reason},
        "/mod history": {"member": hiro},
        "/mod queue": {},
        "/mod resolve": {"item": "A9999", "reason": reason},
        "/guidelines show": {},
        "/guidelines set": {"rule": "comparing", "mode": "on"},
        "/guidelines limits": {"nudges_per_hour": 1},
        # off with no rule: past the check, nothing to remove.
        "/guidelines automod": {"state": "off"},
        "/nudges off": {},
        "/nudges on": {},
        "/privacy show": {},
        "/language": {"language": "auto"},
        "/privacy export": {},
        "/privacy delete": {},
    }


async def _snapshot(r: Roles) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove a refusal wrote nothing."""
    db = r.k.services.db
    rows = {}
    for table in await table_names(db):
        found = await db.fetchall(f'SELECT * FROM "{table}"')
        rows[table] = sorted((tuple(row) for row in found), key=repr)
    return rows


def _discord_writes(r: Roles, since: int) -> list[str]:
    """REST writes the bot made since request ``since``, other than answering the interaction."""
    return [
        f"{req.method} {req.path}"
        for req in r.k.fake.requests[since:]
        if req.method != "GET" and not req.path.startswith(("/interactions/", "/webhooks/"))
    ]


async def _fresh_alert(r: Roles) -> dict[str, Any]:
    """A new urgent crisis alert in the staff channel, with its three buttons."""
    staff = r.k.world.channels["staff"]
    await r.k.driver.post(r.poster, r.k.world.channels["general"], URGENT)
    alert = r.k.driver.sent_to_channel(staff)[-1]
    assert alert["components"], alert
    return alert


async def _fresh_message(r: Roles) -> dict[str, Any]:
    """A plain message by the member moderators act on, for the message menus."""
    return await r.k.driver.post(r.target, r.k.world.channels["general"], "Lovely weather today")


USER_MENUS = {"Moderation history", "Warn", "Time out"}  # a user context menu: run on ``r.target``


async def _run(
    r: Roles, key: str, person: Member, alert: dict[str, Any] | None
) -> InteractionResult:
    """Run ``key`` (a slash command, a menu, or a button on ``alert``) as ``person``.

    For a message menu, ``alert`` is the message it is used on."""
    driver = r.k.driver
    general = r.k.world.channels["general"]
    if key.startswith("/"):
        return await driver.command(
            person, key[1:], _options(r)[key], channel=general, bypass_default_permissions=True
        )
    if key in USER_MENUS:
        return await driver.user_command(
            person, key, r.target, channel=general, bypass_default_permissions=True
        )
    assert alert is not None
    if key in MESSAGE_MENUS:
        return await driver.message_command(person, key, alert, bypass_default_permissions=True)
    action = next(a for a, (label, _) in CRISIS_BUTTONS.items() if label == key)
    case_id = alert["components"][0]["components"][0]["custom_id"].rsplit(":", 1)[1]
    return await driver.click(person, alert, f"crisis:{action}:{case_id}")


async def _expected_refusal(r: Roles, key: str, person: Member) -> str:
    cells = ROLE_TABLE[key]
    settings = await r.k.services.guild_settings.get(r.guild_id)
    member = r.k.bot.get_guild(r.guild_id).get_member(person.id)
    assert member is not None
    if allowed(cells["Manage Server only"]):
        return SETUP_ONLY
    needed = "moderator" if allowed(cells["moderator"]) else "coordinator"
    return refusal(member, settings, needed)


def _refusal_in(text: str) -> bool:
    return (
        text.startswith(("This is for the moderators", "This is for the coordinators"))
        or SETUP_ONLY in text
    )


BUTTONS = {label for label, _ in CRISIS_BUTTONS.values()}
MESSAGE_MENUS = {"Report message", "Open crisis case"}
CASES = [
    pytest.param(key, persona, id=f"{key}-{persona}") for key in ROLE_TABLE for persona in PERSONAS
]


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize(("key", "persona"), CASES)
async def test_every_cell_of_the_table_is_what_the_bot_does(
    roles: Roles, key: str, persona: str
) -> None:
    person = roles.people[persona]
    cell = ROLE_TABLE[key][PERSONAS[persona]]
    alert = await _fresh_alert(roles) if key in BUTTONS else None
    if key in MESSAGE_MENUS:
        alert = await _fresh_message(roles)
    before = await _snapshot(roles)
    requests = len(roles.k.fake.requests)
    result = await _run(roles, key, person, alert)
    text = result.text
    assert result.acknowledged, f"{key} as {persona}: no answer at all"
    assert GENERIC_FAILURE not in text, f"{key} as {persona} failed: {text}"
    if allowed(cell):
        assert not _refusal_in(text), f"{key} as {persona} should be allowed: {text}"
        return
    assert result.ephemeral, f"{key} as {persona}: a refusal is private"
    expected = await _expected_refusal(roles, key, person)
    assert text == expected
    assert _discord_writes(roles, requests) == [], f"{key} as {persona} changed Discord"
    assert await _snapshot(roles) == before, f"{key} as {persona} changed the database"


# --- the table itself -----------------------------------------------------------------------


@pytest.mark.asyncio(loop_scope="module")
async def test_the_table_lists_every_command_and_nothing_else(roles: Roles) -> None:
    in_tree = set(_tree_entries(roles.k.bot.tree))
    assert sorted(in_tree - set(ROLE_TABLE)) == [], "missing from the README's table"
    assert sorted(set(ROLE_TABLE) - in_tree) == [], "in the README's table but not in the bot"
    assert _header_after("### Who may do what") == ["command", *COLUMNS]


@pytest.mark.asyncio(loop_scope="module")
async def test_the_table_says_what_each_commands_check_does(roles: Roles) -> None:
    wrong = {
        key: (needs, [ROLE_TABLE[key][c] for c in COLUMNS])
        for key, needs in _tree_entries(roles.k.bot.tree).items()
        if tuple(allowed(ROLE_TABLE[key][c]) for c in COLUMNS) != ALLOWED_BY_NEEDS[needs]
    }
    assert wrong == {}


def test_the_commands_table_agrees_with_the_role_table() -> None:
    for key, who in COMMANDS_TABLE.items():
        row = ROLE_TABLE.get(key) or ROLE_TABLE[key.removeprefix("/")]  # the user menu
        expected = ALLOWED_BY_NEEDS[NEEDS_BY_WHO[who]]
        assert tuple(allowed(row[c]) for c in COLUMNS) == expected, (key, who)


# --- the cases the issue is about, spelt out ----------------------------------------------------


@pytest.mark.asyncio(loop_scope="module")
async def test_a_server_admin_cannot_claim_a_crisis_alert_and_a_moderator_can(
    roles: Roles,
) -> None:
    alert = await _fresh_alert(roles)
    claim = alert["components"][0]["components"][0]["custom_id"]
    case_id = int(claim.rsplit(":", 1)[1])
    cases = roles.k.bot.services.lanes.crisis.cases
    for persona in ("admin", "owner"):
        result = await roles.k.driver.click(roles.people[persona], alert, claim)
        assert result.ephemeral
        assert "moderator" in result.text.lower()
        case = await cases.get(case_id)
        assert (case.status, case.claimed_by) == ("open", None)
    assert roles.k.fake.message(alert["id"])["components"] == alert["components"]

    sam = roles.people["moderator"]
    result = await roles.k.driver.click(sam, alert, claim)
    assert "You claimed case" in result.text
    case = await cases.get(case_id)
    assert (case.status, case.claimed_by) == ("claimed", sam.id)


@pytest.mark.asyncio(loop_scope="module")
async def test_only_a_coordinator_can_switch_on_the_self_harm_question(roles: Roles) -> None:
    autumn = await roles.k.bot.services.lanes.cohorts.repo.by_name(roles.guild_id, "Autumn")
    driver, people = roles.k.driver, roles.people

    async def phq9(persona: str, on: bool) -> str:
        result = await driver.command(
            people[persona],
            "wellbeing settings",
            {"cohort": "Autumn", "phq9": on},
            bypass_default_permissions=True,
        )
        return result.text

    assert "is off" in await phq9("coordinator", False)
    for persona in ("member", "admin", "owner", "moderator"):
        assert "coordinators of this server" in await phq9(persona, True)
        assert "phq9_item9" not in await roles.k.bot.services.lanes.wellbeing.repo.cohort_enabled(
            autumn.id
        )
    assert "is on" in await phq9("coordinator", True)
    assert "phq9_item9" in await roles.k.bot.services.lanes.wellbeing.repo.cohort_enabled(autumn.id)


@pytest.mark.asyncio(loop_scope="module")
async def test_a_refused_admin_is_told_manage_server_is_only_for_setup(roles: Roles) -> None:
    result = await roles.k.driver.command(
        roles.people["admin"],
        "crisis case",
        {"case": roles.case_ref},
        bypass_default_permissions=True,
    )
    assert "needs the **Moderator** role" in result.text
    assert "Manage Server lets you run `/setup` and nothing else" in result.text


@pytest.mark.asyncio(loop_scope="module")
async def test_without_staff_roles_set_a_refusal_says_how_to_set_them(roles: Roles) -> None:
    settings = roles.k.services.guild_settings
    before = await settings.get(roles.guild_id)
    fields = {"moderator_role_id": None, "coordinator_role_id": None}
    await settings.update(roles.guild_id, fields, actor_id=0, now=START)
    try:
        report = await roles.k.driver.command(
            roles.people["moderator"], "crisis report", bypass_default_permissions=True
        )
        cohorts = await roles.k.driver.command(roles.people["admin"], "cohort list")
    finally:
        restore = {f: getattr(before, f) for f in fields}
        await settings.update(roles.guild_id, restore, actor_id=0, now=START)
    assert "no moderator role is set yet" in report.text
    assert "Someone with Manage Server can set it with `/setup set moderator_role:`" in report.text
    assert "no coordinator role is set yet" in cohorts.text
    assert "`/setup set coordinator_role:`" in cohorts.text


@pytest.mark.asyncio(loop_scope="module")
async def test_when_nobody_holds_the_staff_roles_a_refusal_says_so(roles: Roles) -> None:
    fake, gid = roles.k.fake, roles.guild_id
    staff = [roles.k.world.coordinator, *roles.k.world.moderators]
    held = {m.id: list(m["roles"]) for m in staff}
    for member in staff:
        fake.set_member_roles(gid, member, [])
    await roles.k.driver.settle()
    try:
        result = await roles.k.driver.command(
            roles.people["admin"],
            "crisis case",
            {"case": roles.case_ref},
            bypass_default_permissions=True,
        )
    finally:
        for member in staff:
            fake.set_member_roles(gid, member, held[member.id])
        await roles.k.driver.settle()
    assert "nobody has the moderator role (**Moderator**) yet" in result.text
    assert "`/setup set moderator_role:`" in result.text
