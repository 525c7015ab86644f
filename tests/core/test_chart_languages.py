"""Charts in a member's language: which words can be drawn, and with which font (issue 15)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageFont

from cogs.utils import charts
from cogs.utils.fonts import noto_devanagari


def test_the_devanagari_font_ships_with_the_project() -> None:
    path = noto_devanagari()
    assert path is not None, "fontpkg-noto-sans-devanagari is a dependency in pyproject.toml"
    assert path.is_file()
    font = ImageFont.truetype(str(path), 14)
    assert font.getname()[0] == "Noto Sans Devanagari"


def test_spanish_and_hindi_can_be_drawn_other_scripts_cannot() -> None:
    assert charts.can_draw("Your WHO-5 by week")
    assert charts.can_draw("Tu Índice de Bienestar, semana a semana: ¿S3?")
    assert charts.can_draw("हर हफ़्ते आपका WHO-5")
    assert not charts.can_draw("مؤشر الرفاهية")


def test_without_the_font_only_ascii_can_be_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "noto_devanagari", lambda: None)
    assert charts.can_draw("Your WHO-5 by week")
    assert not charts.can_draw("हर हफ़्ते")
    assert not charts.can_draw("semana a semana: ñ")


def test_ascii_keeps_pillows_font_and_a_hindi_chart_uses_noto() -> None:
    english = charts._font(18, "Your WHO-5 by week")
    hindi = charts._font(18, "हर हफ़्ते आपका WHO-5")
    assert isinstance(hindi, ImageFont.FreeTypeFont)
    assert hindi.getname()[0] == "Noto Sans Devanagari"
    assert getattr(english, "getname", lambda: ("",))()[0] != "Noto Sans Devanagari"
    data = charts.bar_chart_png("हर हफ़्ते आपका WHO-5", ["हफ़्ता 1", "हफ़्ता 2"], [40, 60], 100)
    assert Image.open(io.BytesIO(data)).size == (charts.WIDTH, charts.HEIGHT)
