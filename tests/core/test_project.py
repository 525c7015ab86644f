"""Project-wide rules: layout, documentation, and that every extension loads cleanly."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot import EXTENSIONS
from config.settings import SETTINGS
from tests.conftest import Kindred

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DISCORD_ALLOWED = re.compile(
    r"(^bot\.py$|(^|/)cog\.py$|(^|/)views\.py$|(^|/)_[a-z]\w*\.py$|^cogs/utils/|^tests/|^bench/)"
)


def _python_files() -> list[Path]:
    skip = {".venv", ".git", "build", "dist"}
    return [p for p in ROOT.rglob("*.py") if not skip & set(p.relative_to(ROOT).parts)]


def _imports_discord(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(
            a.name.split(".")[0] == "discord" for a in node.names
        ):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "discord":
            return True
    return False


def test_only_the_glue_imports_discord() -> None:
    leaks = [
        str(p.relative_to(ROOT))
        for p in _python_files()
        if not DISCORD_ALLOWED.search(str(p.relative_to(ROOT))) and _imports_discord(p)
    ]
    assert leaks == [], "rules must not import discord; move Discord calls into cog.py/views.py"


def test_the_readme_opens_with_the_two_commands() -> None:
    first_lines = README.splitlines()[:6]
    assert any(line.startswith("make demo") for line in first_lines)
    assert any(line.startswith("make test") for line in first_lines)


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.env)
def test_every_setting_is_documented_in_the_readme(setting) -> None:
    assert f"`{setting.env}`" in README


def test_every_env_example_entry_is_a_known_setting() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    names = set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    assert names == {s.env for s in SETTINGS}


def _all_commands(tree: app_commands.CommandTree) -> list[str]:
    names = []
    for command in tree.walk_commands():
        if isinstance(command, app_commands.Command):
            names.append(command.qualified_name)
    names.extend(c.name for c in tree.get_commands(type=discord.AppCommandType.user))
    return names


async def test_every_extension_loads_and_command_names_are_unique(kindred: Kindred) -> None:
    assert set(kindred.bot.extensions) == set(EXTENSIONS)
    top = [c.name for c in kindred.bot.tree.get_commands()]
    assert len(top) == len(set(top))
    names = _all_commands(kindred.bot.tree)
    assert len(names) == len(set(names))


async def test_every_command_is_documented_in_the_readme(kindred: Kindred) -> None:
    missing = [n for n in _all_commands(kindred.bot.tree) if f"`/{n}`" not in README]
    assert missing == []


async def test_every_command_has_a_description(kindred: Kindred) -> None:
    for command in kindred.bot.tree.walk_commands():
        assert command.description, command.qualified_name
        assert command.description != "…", command.qualified_name


# The size budget (ARCHITECTURE.md): a cog is thin glue, and no module grows past what a
# newcomer can read in one sitting. Data tables would be excepted here, with the reason.
COG_BUDGET, MODULE_BUDGET = 500, 600
BUDGET_EXCEPTIONS: dict[str, str] = {}


def _project_modules() -> list[Path]:
    found = [ROOT / "bot.py"]
    for top in ("cogs", "db", "config", "sandbox", "bench"):
        found.extend(p for p in (ROOT / top).rglob("*.py") if "__pycache__" not in p.parts)
    return found


def test_every_module_keeps_to_the_size_budget() -> None:
    over = []
    for path in _project_modules():
        name = str(path.relative_to(ROOT))
        if name in BUDGET_EXCEPTIONS:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        budget = COG_BUDGET if path.name == "cog.py" else MODULE_BUDGET
        if lines > budget:
            over.append(f"{name}: {lines} lines (budget {budget})")
    assert over == [], "split these along their concerns:\n" + "\n".join(over)


def test_no_lane_is_looked_up_by_name() -> None:
    """Lanes are reached through the typed ``bot.services.lanes``, never ``get_cog("...")``."""
    found = [
        str(path.relative_to(ROOT))
        for path in _project_modules()
        if "get_cog(" in path.read_text(encoding="utf-8")
        and path != ROOT / "cogs" / "utils" / "types.py"  # its docstring says not to
    ]
    assert found == []
