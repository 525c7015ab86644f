"""What the crisis screen tests share: the shipped lexicon's screen, loaded once per module."""

from __future__ import annotations

import pytest

from cogs.crisis.detector import CrisisScreen


@pytest.fixture(scope="module")
def screen() -> CrisisScreen:
    return CrisisScreen.load_default()
