"""What the members lane says (in English for now: translating Kindred's copy is a later slice)."""

from __future__ import annotations

from cogs.members.language import LANGUAGES

AUTO = "auto"


def language_set(code: str | None, decided: str) -> str:
    """The reply to ``/language``: what Kindred will use, and what it is used for today."""
    if code is None:
        first = (
            "Kindred will follow your Discord language again "
            f"(for you that is **{LANGUAGES.get(decided, decided)}**)."
        )
    else:
        first = f"Kindred will use **{LANGUAGES.get(code, code)}** for you."
    return (
        f"{first} For now it picks a support group in your language when there is one; "
        "Kindred's messages will follow in a later update. `/language` again changes it, and "
        "`/privacy delete` forgets it."
    )
