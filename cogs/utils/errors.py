"""Errors whose text is meant for the person who ran the command.

Services raise these; only the command tree's error handler (``cogs/utils/tree.py``) replies.
This module imports no discord, so the plain rule modules can raise them too.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An error whose message is safe and useful to show the user as it is."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class InvalidInput(UserFacingError):
    """Something the user typed cannot be used; the message says what to type instead."""


class SettingMissing(UserFacingError):
    """The server has not set something this command needs."""

    def __init__(self, what: str, option: str) -> None:
        self.option = option
        super().__init__(
            f"This server has no {what} set yet. Someone with Manage Server can set it with "
            f"`/setup set {option}:`."
        )
