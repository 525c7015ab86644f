"""Report charts: bars proportional to values, and a real PNG."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from cogs.utils.charts import (
    HEIGHT,
    MARGIN_BOTTOM,
    WIDTH,
    bar_chart_png,
    bar_layout,
    chart_summary,
)


def test_bar_heights_are_proportional_to_values() -> None:
    bars = bar_layout(["w1", "w2", "w3"], [10, 5, 0], max_value=10)
    heights = [b.bottom - b.top for b in bars]
    assert heights[0] == 2 * heights[1]
    assert heights[2] == 0
    assert all(b.bottom == HEIGHT - MARGIN_BOTTOM for b in bars)
    assert bars[0].right < bars[1].left  # bars do not overlap


def test_a_label_per_value_is_required() -> None:
    with pytest.raises(ValueError, match="one label per value"):
        bar_layout(["w1"], [1, 2], max_value=2)


def test_the_chart_is_a_png_of_the_expected_size() -> None:
    data = bar_chart_png("Attendance", ["w1", "w2"], [8, 6], max_value=10)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.size == (WIDTH, HEIGHT)
    bar = bar_layout(["w1", "w2"], [8, 6], max_value=10)[0]
    middle = ((bar.left + bar.right) // 2, (bar.top + bar.bottom) // 2)
    assert image.getpixel(middle) == (91, 141, 239)


def test_the_summary_says_the_trend_the_latest_value_and_the_range() -> None:
    text = chart_summary("members attending", ["wk 1", "wk 2", "wk 3"], [6, 8, 5])
    assert text == (
        "Chart of members attending: 5 in wk 3, down from 6 in wk 1."
        " Across 3 bars it ranges from 5 to 8."
    )
    up = chart_summary("WHO-5 score", ["W1", "W2"], [60, 80])
    assert "80 in W2, up from 60 in W1" in up
    flat = chart_summary("WHO-5 score", ["W1", "W2"], [62.5, 62.5])
    assert "the same as in W1" in flat
    assert "All 2 bars are 62.5." in flat


def test_the_summary_of_one_bar_or_none_still_reads() -> None:
    assert chart_summary("x", ["wk 1"], [3.0]) == "Chart of x: 3 in wk 1 (the only one so far)."
    assert chart_summary("x", [], []) == "Chart of x: nothing to show yet."
    with pytest.raises(ValueError, match="one label per value"):
        chart_summary("x", ["a"], [])
