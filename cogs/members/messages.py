"""What the members lane says, in the member's language (``cogs/utils/i18n.py``)."""

from __future__ import annotations

from cogs.members.language import LANGUAGES
from cogs.utils.i18n import t

AUTO = "auto"


def language_set(code: str | None, decided: str) -> str:
    """The reply to ``/language``, in the language just chosen: what Kindred will use."""
    name = LANGUAGES.get(decided if code is None else code, decided)
    if code is None:
        first = t(
            "Kindred will follow your Discord language again (for you that is **{language}**).",
            language=name,
        )
    else:
        first = t("Kindred will use **{language}** for you.", language=name)
    return (
        first
        + " "
        + t(
            "Kindred's messages to you and the support group it picks follow it. `/language` again "
            "changes it, and `/privacy delete` forgets it."
        )
    )
