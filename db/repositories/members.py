"""A member's language (``/language``) and their last Discord locale, kept in ``member_settings``
with their other own choices.

The row is shared with the helpline country (``MemberSettingsRepository``), so /privacy export
shows the language and erase forgets it with the row; this module only reads and writes the
language and locale columns.
"""

from __future__ import annotations

from datetime import datetime

from db.database import Database
from db.timefmt import to_db

# ``member_settings`` is declared, exported and erased by ``db.repositories.crisis``
# (``MemberSettingsRepository``): the whole row goes, language and all.
MEMBER_TABLES: tuple[str, ...] = ()
NO_MEMBER_TABLES: tuple[str, ...] = ()


class MemberLanguageRepository:
    """Reads and writes ``member_settings.language`` and ``member_settings.locale``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def language(self, user_id: int) -> str | None:
        """The language the member chose, if they chose one."""
        value = await self.db.fetchval(
            "SELECT language FROM member_settings WHERE user_id = ?", (user_id,)
        )
        return None if value is None else str(value)

    async def set_language(self, user_id: int, language: str | None, now: datetime) -> None:
        """Remember the member's language (None: forget the choice, so their locale decides)."""
        await self.db.execute(
            "INSERT INTO member_settings (user_id, language, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET language = excluded.language,"
            " updated_at = excluded.updated_at",
            (user_id, language, to_db(now)),
        )

    async def language_and_locale(self, user_id: int) -> tuple[str | None, str | None]:
        """The language the member chose and the Discord locale last seen (None when not)."""
        row = await self.db.fetchone(
            "SELECT language, locale FROM member_settings WHERE user_id = ?", (user_id,)
        )
        if row is None:
            return None, None
        own, locale = row["language"], row["locale"]
        return (None if own is None else str(own)), (None if locale is None else str(locale))

    async def remember_locale(self, user_id: int, locale: str, now: datetime) -> None:
        """Remember the Discord locale the member's client reported.

        ``updated_at`` stays when the row exists: it says when the member last changed their
        own choices, and a locale is noticed, not chosen.
        """
        await self.db.execute(
            "INSERT INTO member_settings (user_id, locale, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET locale = excluded.locale",
            (user_id, locale, to_db(now)),
        )
