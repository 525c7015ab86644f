"""Where the font that draws Spanish and Hindi on charts is (``cogs/utils/charts.py``).

Noto Sans Devanagari, shipped by the ``fontpkg-noto-sans-devanagari`` package (SIL Open Font
License 1.1): a font in a Python package installs with the project everywhere, where a system
font would need each machine set up by hand. Found through the package's files, not imported
code, so nothing runs at import time; None when the package is not installed (charts then keep
to ASCII words).
"""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path

PACKAGE = "fontpkg_noto_sans_devanagari"


@cache
def noto_devanagari() -> Path | None:
    """The font file, or None when the package is not installed."""
    try:
        folder = importlib.resources.files(PACKAGE) / "files"
    except ModuleNotFoundError:
        return None
    for entry in folder.iterdir():
        if entry.name.startswith("NotoSansDevanagari") and entry.name.endswith(".ttf"):
            return Path(str(entry))
    return None
