"""The consent text: one source for /join and /privacy show, its days from the setting."""

from __future__ import annotations

import re

import pytest

from cogs.cohorts import messages
from config.settings import Settings


@pytest.mark.parametrize("days", [1, 30, 45, 90, 3650])
def test_the_retention_shown_is_the_setting(days: int) -> None:
    settings = Settings.from_env({"KINDRED_RETENTION_DAYS": str(days)})
    for text in (
        messages.consent_summary("Autumn", settings.retention_days),
        messages.consent_full(settings.retention_days),
    ):
        shown = [int(n) for n in re.findall(r"(\d+) days?", text)]
        assert shown, text
        assert set(shown) == {days}


def test_the_default_is_what_product_promises() -> None:
    assert Settings.from_env({}).retention_days == 90
    assert "90 days" in messages.consent_summary("Autumn", 90)


def test_the_summary_names_each_thing_a_member_agrees_to() -> None:
    text = messages.consent_summary("Autumn", 90)
    for words in ("Stored:", "Seen by:", "Screened:", "safety and kindness", "/leave", "/privacy"):
        assert words in text, words
    assert messages.AGREE_LABEL in text
    assert messages.READ_ALL_LABEL in text
    assert len(text) < 600  # one screen, for blurred vision and fatigue


def test_the_full_text_covers_the_same_ground_and_more() -> None:
    text = messages.consent_full(90)
    for words in (
        "Stored:",
        "Who sees it:",
        "screened for safety and kindness",
        "erased after 90 days",
        "/leave",
        "/privacy show",
        "/privacy export",
        "/privacy delete",
        "Nothing is shared outside this server",
    ):
        assert words in text, words
    assert len(text) <= 2000  # one Discord message
