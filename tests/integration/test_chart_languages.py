"""The member's own wellbeing chart draws its words in their language (issue 15), through the
stand-in: a Hindi title and week labels, drawn with Noto Sans Devanagari; English where the
machine has no font for them."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from cogs.utils import charts
from tests.conftest import Kindred
from tests.integration.helpers import configure
from tests.integration.test_wellbeing import button
from tests.integration.test_wellbeing_languages import optin_in
from tests.integration.test_wellbeing_tapping import custom_id, tap


def drawn_charts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[str]]]:
    """Record each member chart's title and bar labels as it is drawn (then draw it)."""
    seen: list[tuple[str, list[str]]] = []
    real = charts.bar_chart_png

    def spy(title: str, labels: Any, *args: Any, **kwargs: Any) -> bytes:
        seen.append((title, list(labels)))
        return real(title, labels, *args, **kwargs)

    # Extensions are loaded by name, not as attributes of their package: patch the loaded one.
    monkeypatch.setattr(sys.modules["cogs.wellbeing.cog"], "bar_chart_png", spy)
    return seen


async def answer_who5(kindred: Kindred, member: Any, language: str) -> None:
    _, dm = await optin_in(kindred, member, language)
    screen = await kindred.driver.click(member, dm, button(dm, "who5"))
    for n, value in enumerate((3, 3, 2, 4)):
        screen = await tap(kindred, member, screen, f"who5:{n}", value)
    screen = await kindred.driver.click(member, screen, custom_id(screen, "wellbeing:go:"))
    screen = await tap(kindred, member, screen, "who5:4", 3)
    await kindred.driver.click(member, screen, custom_id(screen, "wellbeing:send:"))


async def test_a_hindi_members_chart_is_drawn_in_hindi(
    kindred: Kindred, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert charts.can_draw("हर हफ़्ते"), "fontpkg-noto-sans-devanagari is a dependency"
    await configure(kindred)
    asha = kindred.world.member("Asha")
    await answer_who5(kindred, asha, "hi")
    seen = drawn_charts(monkeypatch)
    await kindred.driver.command(asha, "wellbeing me", {})
    [(title, labels)] = seen
    assert title.startswith("हर हफ़्ते आपका ")
    assert labels == ["हफ़्ता 1"]


async def test_without_a_font_for_her_words_the_chart_keeps_english_words(
    kindred: Kindred, monkeypatch: pytest.MonkeyPatch
) -> None:
    await configure(kindred)
    asha = kindred.world.member("Asha")
    await answer_who5(kindred, asha, "hi")
    seen = drawn_charts(monkeypatch)
    monkeypatch.setattr(sys.modules["cogs.wellbeing.cog"], "can_draw", str.isascii)
    me = await kindred.driver.command(asha, "wellbeing me", {})
    [(title, labels)] = seen
    assert title == "Your WHO-5 Well-Being Index by week"
    assert labels == ["W1"]
    assert "हफ़्ता 1" in me.text  # the summary says it in Hindi either way
