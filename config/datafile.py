"""Reading the TOML data files in ``config/`` with errors that point at a line.

``tomllib`` reports syntax errors with a line number but keeps no positions for values, so for
problems found after parsing (a missing field, a bad value) we find the line of the n-th
``[[table]]`` header in the text. That is close enough for a person to find the entry.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from config.errors import ConfigError

_TOML_LINE = re.compile(r"line (\d+)")


@dataclass(frozen=True)
class DataFile:
    """A parsed TOML file that remembers its text, to point errors at lines."""

    path: Path
    text: str
    data: dict[str, Any]

    def line_of(self, table: str, index: int) -> int | None:
        """Line number (1-based) of the ``index``-th ``[[table]]`` header, if found."""
        header = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(table)}[ \t]*\]\]", re.MULTILINE)
        for n, match in enumerate(header.finditer(self.text)):
            if n == index:
                return self.text.count("\n", 0, match.start()) + 1
        return None

    def line_of_key(self, key: str) -> int | None:
        """Line number of the first line that assigns ``key`` (``key = ...``), if found."""
        pattern = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=", re.MULTILINE)
        match = pattern.search(self.text)
        return self.text.count("\n", 0, match.start()) + 1 if match else None

    def error(self, problem: str, table: str | None = None, index: int = 0) -> ConfigError:
        """A ConfigError for this file, pointing at ``[[table]]`` number ``index`` if given."""
        line = self.line_of(table, index) if table is not None else None
        return ConfigError(self.path, line, problem)


def load_toml(path: Path | str) -> DataFile:
    """Read and parse a TOML file; raise ConfigError naming the file and line on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            path, None, "file not found; restore it from git or fix the path"
        ) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(path, None, f"not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        raise ConfigError(path, line, f"not valid TOML: {exc}") from None
    return DataFile(path=path, text=text, data=data)
