"""The words members read from /privacy, in their language (the exported data itself stays as
stored). Constants are English ids (``N_``), translated where they are used."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cogs.utils.i18n import N_, t, tp

ERASE_LABEL = N_("Erase my data")

SHOW_HEADER = N_("**What Kindred holds about you** (only you can see this)")

EXPORT_FILENAME = "kindred-my-data.json"
EXPORT_DM = N_(
    "Here is a copy of everything Kindred holds about you, as a JSON file (a plain text format "
    "any text editor opens). Keep it somewhere private: it can include crisis case notes and "
    "moderation records."
)
EXPORT_SENT = N_("I sent you a copy of your data by direct message.")
EXPORT_DMS_CLOSED = N_(
    "Your direct messages are closed to me, so I couldn't send the file there. Here it is "
    "instead, visible only to you. Download it now: it goes away when you dismiss this message."
)
EXPORT_DM_FAILED = N_(
    "I couldn't send the file by direct message just now. Here it is instead, visible only to "
    "you. Download it now: it goes away when you dismiss this message."
)
EXPORT_TOO_BIG = N_(
    "Your data is too large for one Discord file ({size} MB). Please ask a coordinator: whoever "
    "runs Kindred can export it for you."
)

DELETE_CONFIRM = N_(
    "**Erase your data?**\n"
    "This erases what Kindred holds about you in **every server** you share with it, not just "
    "this one: your cohort places (the next person waiting gets yours), attendance, check-in "
    "choices and partners, guideline notes and kept copies of hidden messages, appeals, your "
    "helpline country, and your name in the audit log.\n"
    "Kept, without your name: crisis cases (for the server's safety report) and the "
    "infractions on your record (kind, rule and points, no reason), so the server's counts add "
    "up.\n"
    "It can't be undone. Your messages on Discord are not touched. If you changed your mind, "
    "just dismiss this message."
)
NOT_YOURS = N_(
    "This button is for the person who asked to erase their data; it does nothing for you."
)


def record_kind(name: str) -> str:
    """What ``PrivacyService.erase`` counted, named for the member (its English name otherwise)."""
    kinds = {
        "crisis conversations": tp("privacy records", "crisis conversations"),
        "crisis cases": tp("privacy records", "crisis cases"),
        "helpline country": tp("privacy records", "helpline country"),
        "guidelines": tp("privacy records", "guidelines"),
        "cohorts": tp("privacy records", "cohorts"),
        "check-ins": tp("privacy records", "check-ins"),
        "wellbeing check-ins": tp("privacy records", "wellbeing check-ins"),
        "coping toolkit": tp("privacy records", "coping toolkit"),
        "your plan": tp("privacy records", "your plan"),
        "message reports": tp("privacy records", "message reports"),
        "moderator profile": tp("privacy records", "moderator profile"),
        "audit log": tp("privacy records", "audit log"),
        "server settings": tp("privacy records", "server settings"),
        "scheduled jobs": tp("privacy records", "scheduled jobs"),
        "bot facts": tp("privacy records", "bot facts"),
    }
    return kinds.get(name, name)


def erased(counts: Mapping[str, int], places_freed: int, places_later: int = 0) -> str:
    """The confirmation after an erasure: what was erased, what stays de-identified.

    ``places_later``: places freed in servers another process holds, whose channels and
    newcomers are seen to there, shortly after.
    """
    changed = {name: n for name, n in counts.items() if n}
    if not changed:
        return t(
            "Done. Kindred held nothing about you, so there was nothing to erase. "
            "You can check any time with `/privacy show`."
        )
    where = ", ".join(f"{record_kind(name)} ({n})" for name, n in changed.items())
    lines = [
        t(
            "Done. Kindred erased what it held about you in every server you share with it: "
            "{count} records changed ({where}).",
            count=sum(changed.values()),
            where=where,
        ),
    ]
    if places_freed:
        lines.append(
            t(
                "You left {places} cohort place(s) or waitlist spot(s); a freed place went to the "
                "next person waiting.",
                places=places_freed,
            )
        )
    if places_later:
        lines.append(
            t(
                "You also left {places} cohort place(s) or waitlist spot(s) in other servers. "
                "They are free now; shortly, their group channels close to you and the next "
                "person waiting is told.",
                places=places_later,
            )
        )
    lines.append(
        t(
            "Kept without your name: any crisis case about you (for the server's safety report) "
            "and the infractions on your record as counts, with no reason."
        )
    )
    lines.append(
        t(
            "If you had asked not to be nudged, that choice was erased too: use `/nudges off` "
            "again if you like. Messages already on Discord, yours or staff alerts, are not "
            "touched."
        )
    )
    return "\n".join(lines)


def chunks(lines: Iterable[str], limit: int = 2000) -> list[str]:
    """Join lines into messages of at most ``limit`` characters (a line never splits)."""
    result: list[str] = []
    current = ""
    for line in lines:
        line = line[:limit]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            result.append(current)
            current = line
        else:
            current = candidate
    if current:
        result.append(current)
    return result
