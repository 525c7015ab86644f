"""The one error type for data files and settings people edit.

Every problem names the file, the line when one is known, and what to do, so the person who
edited the file can fix it without reading a traceback.
"""

from __future__ import annotations

from pathlib import Path


class ConfigError(Exception):
    """A config file or setting is wrong; ``str()`` is the message to show a person."""

    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        self.path = Path(path)
        self.line = line
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.problem}"
