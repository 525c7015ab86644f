"""Small PNG charts for reports posted in Discord (attendance per week, wellbeing trends).

Pillow draws them: a bar chart does not need a plotting library, and the image must be
readable on a phone, so it is large-type and high-contrast. Plain module, no discord.

Every chart goes out with ``chart_summary``'s words too, in the message and as the image's
description (alt text): someone with blurred vision, or using a screen reader, gets what the
chart shows without having to read the picture.

Words in a member's language: Pillow's built-in font draws plain ASCII only (not "ñ", nor
Devanagari), so text beyond it is drawn with Noto Sans Devanagari (which also covers Latin
with accents), from the ``fontpkg-noto-sans-devanagari`` package (SIL Open Font License), laid
out by Pillow's Raqm engine so Hindi's vowel signs and conjuncts join as they should.
``can_draw`` says whether a text can be drawn here; when it cannot (the package or Raqm
missing), the caller draws English words and says everything in the member's language in the
summary.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont, features

from cogs.utils.fonts import noto_devanagari

WIDTH, HEIGHT = 900, 420
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 70, 30, 60, 60
BACKGROUND = (255, 255, 255)
INK = (32, 34, 37)
GRID = (220, 222, 226)
BAR = (91, 141, 239)


@dataclass(frozen=True)
class Bar:
    """One bar's box in pixels, and its label."""

    label: str
    value: float
    left: int
    top: int
    right: int
    bottom: int


def bar_layout(labels: Sequence[str], values: Sequence[float], max_value: float) -> list[Bar]:
    """Where each bar goes: equal widths, heights proportional to value / max_value."""
    if len(labels) != len(values):
        raise ValueError("one label per value")
    if not labels:
        return []
    top_limit = max(max_value, max(values), 1)
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    slot = plot_w / len(labels)
    bars = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        height = round(plot_h * max(value, 0) / top_limit)
        left = MARGIN_LEFT + round(i * slot + slot * 0.15)
        right = MARGIN_LEFT + round((i + 1) * slot - slot * 0.15)
        bottom = HEIGHT - MARGIN_BOTTOM
        bars.append(Bar(label, value, left, bottom - height, right, bottom))
    return bars


def bar_chart_png(
    title: str, labels: Sequence[str], values: Sequence[float], max_value: float
) -> bytes:
    """A titled bar chart as PNG bytes; values above each bar, labels below."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    # One font for the whole chart; text that cannot be drawn shows as boxes, as it always has
    # (callers check ``can_draw`` for a member's words).
    words = " ".join([title, *labels])
    font, small = _font(18, words), _font(14, words)
    draw.text((MARGIN_LEFT, 18), title, fill=INK, font=font)
    bottom = HEIGHT - MARGIN_BOTTOM
    top_limit = max(max_value, max(values, default=0), 1)
    if all(float(v).is_integer() for v in (*values, top_limit)):
        # Counts of people: whole-number gridlines, with the top rounded up to fit them.
        step = math.ceil(top_limit / 4)
        top_limit = step * 4
    for tick in range(5):
        y = bottom - round((HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) * tick / 4)
        draw.line((MARGIN_LEFT, y, WIDTH - MARGIN_RIGHT, y), fill=GRID)
        draw.text((10, y - 8), f"{top_limit * tick / 4:g}", fill=INK, font=small)
    for bar in bar_layout(labels, values, top_limit):
        if bar.bottom > bar.top:
            draw.rectangle((bar.left, bar.top, bar.right, bar.bottom), fill=BAR)
        centre = (bar.left + bar.right) // 2
        draw.text((centre, bar.top - 6), f"{bar.value:g}", fill=INK, font=small, anchor="ms")
        draw.text((centre, bottom + 8), bar.label, fill=INK, font=small, anchor="mt")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


# Latin with accents, punctuation and Devanagari: what Noto Sans Devanagari draws.
_NOTO_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x024F),  # Latin, Latin-1 and Latin Extended (Spanish's ñ, á, ¿)
    (0x0900, 0x097F),  # Devanagari
    (0x1CD0, 0x1CFF),  # Vedic extensions
    (0x2000, 0x206F),  # general punctuation (dashes, quotes)
    (0x20B9, 0x20B9),  # the rupee sign
    (0xA8E0, 0xA8FF),  # Devanagari extended
)


def can_draw(text: str) -> bool:
    """Whether every character of ``text`` can be drawn on a chart on this machine."""
    if text.isascii():
        return True
    if noto_devanagari() is None or not features.check("raqm"):
        return False
    return all(any(lo <= ord(c) <= hi for lo, hi in _NOTO_RANGES) for c in text)


def _font(size: int, text: str) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's own font for plain ASCII (as charts have always been drawn), else Noto."""
    path = noto_devanagari()
    if text.isascii() or path is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


def _number(value: float) -> str:
    """A value as a person would say it: 3, 62.5 (never 3.0)."""
    return f"{round(value, 1):g}"


def chart_summary(what: str, labels: Sequence[str], values: Sequence[float]) -> str:
    """One or two sentences saying what a bar chart shows: the trend, the latest value, the range.

    ``what`` names the measure ("members attending", "WHO-5 score"); labels are the bars' own
    (e.g. "wk 3"). The trend compares the last bar with the first: up, down or flat.
    """
    if len(labels) != len(values):
        raise ValueError("one label per value")
    if not values:
        return f"Chart of {what}: nothing to show yet."
    last, first = values[-1], values[0]
    if len(values) == 1:
        return f"Chart of {what}: {_number(last)} in {labels[-1]} (the only one so far)."
    if last > first:
        trend = f"up from {_number(first)} in {labels[0]}"
    elif last < first:
        trend = f"down from {_number(first)} in {labels[0]}"
    else:
        trend = f"the same as in {labels[0]}"
    low, high = min(values), max(values)
    spread = (
        f"All {len(values)} bars are {_number(low)}."
        if low == high
        else f"Across {len(values)} bars it ranges from {_number(low)} to {_number(high)}."
    )
    return f"Chart of {what}: {_number(last)} in {labels[-1]}, {trend}. {spread}"
