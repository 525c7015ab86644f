"""``_Core`` declares what the stand-in's mixins share; mypy trusts those declarations, so these
tests check them against the real object: every declared attribute is set up, and every
declared cross-section method is defined by some section."""

from __future__ import annotations

import ast
import inspect

from sandbox.fake_discord import FakeDiscord, core
from sandbox.fake_discord.core import _Core


def _declared_methods() -> list[str]:
    """The methods declared in ``_Core``'s ``if TYPE_CHECKING:`` block (absent at run time)."""
    tree = ast.parse(inspect.getsource(core))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "_Core")
    block = next(n for n in cls.body if isinstance(n, ast.If))
    assert ast.unparse(block.test) == "TYPE_CHECKING"
    return [n.name for n in block.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def test_every_declared_attribute_is_set_up_by_the_facade() -> None:
    fake = FakeDiscord()
    missing = [name for name in _Core.__annotations__ if name not in vars(fake)]
    assert missing == []


def test_every_declared_cross_section_method_is_defined_by_a_section() -> None:
    names = _declared_methods()
    assert {"dispatch", "create_message"} <= set(names)  # the parse found the block
    undefined = [name for name in names if not hasattr(FakeDiscord, name)]
    assert undefined == []
    assert not any(hasattr(_Core, name) for name in names)  # declarations only, never code
