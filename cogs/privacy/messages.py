"""The words members read from /privacy."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

ERASE_LABEL = "Erase my data"

SHOW_HEADER = "**What Kindred holds about you** (only you can see this)"

EXPORT_FILENAME = "kindred-my-data.json"
EXPORT_DM = (
    "Here is a copy of everything Kindred holds about you, as a JSON file (a plain text format "
    "any text editor opens). Keep it somewhere private: it can include crisis case notes and "
    "moderation records."
)
EXPORT_SENT = "I sent you a copy of your data by direct message."
EXPORT_DMS_CLOSED = (
    "Your direct messages are closed to me, so I couldn't send the file there. Here it is "
    "instead, visible only to you. Download it now: it goes away when you dismiss this message."
)
EXPORT_DM_FAILED = (
    "I couldn't send the file by direct message just now. Here it is instead, visible only to "
    "you. Download it now: it goes away when you dismiss this message."
)
EXPORT_TOO_BIG = (
    "Your data is too large for one Discord file ({size} MB). Please ask a coordinator: whoever "
    "runs Kindred can export it for you."
)

DELETE_CONFIRM = (
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
NOT_YOURS = "This button is for the person who asked to erase their data; it does nothing for you."


def erased(counts: Mapping[str, int], places_freed: int) -> str:
    """The confirmation after an erasure: what was erased, what stays de-identified."""
    changed = {name: n for name, n in counts.items() if n}
    if not changed:
        return (
            "Done. Kindred held nothing about you, so there was nothing to erase. "
            "You can check any time with `/privacy show`."
        )
    where = ", ".join(f"{name} ({n})" for name, n in changed.items())
    lines = [
        f"Done. Kindred erased what it held about you in every server you share with it: "
        f"{sum(changed.values())} records changed ({where}).",
    ]
    if places_freed:
        lines.append(
            f"You left {places_freed} cohort place(s) or waitlist spot(s); a freed place went "
            "to the next person waiting."
        )
    lines.append(
        "Kept without your name: any crisis case about you (for the server's safety report) and "
        "the infractions on your record as counts, with no reason."
    )
    lines.append(
        "If you had asked not to be nudged, that choice was erased too: use `/nudges off` "
        "again if you like. Messages already on Discord, yours or staff alerts, are not touched."
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
