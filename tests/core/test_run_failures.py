"""What the operator reads when ``bot.py run`` stops on something that is not a bug."""

from __future__ import annotations

import asyncpg
import pytest

from cogs.utils.startup import RUN_FAILURES, run_failure


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.exceptions.AdminShutdownError(
            "terminating connection due to administrator command"
        ),
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle"),
    ],
)
def test_a_postgresql_failure_while_running_names_the_database_not_discord(
    error: Exception,
) -> None:
    assert isinstance(error, RUN_FAILURES)  # a clear message, not a traceback
    text = " ".join(run_failure(error))
    assert "PostgreSQL database failed" in text
    assert "KINDRED_DB" in text
    assert "make check" in text
    assert "Discord" not in text
