"""The three checks a file of sentence kinds makes: these are urgent, these alert, these do not.

A test module lists its sentences and takes its tests from here, so the checks are written once:

    test_urgent, test_an_alert, test_not_an_alert = kind_tests(URGENT, ALERTS, NOT_ALERTS)

The ``screen`` fixture is conftest.py's (the shipped lexicon, loaded once per module).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from cogs.crisis.detector import CrisisScreen
from cogs.crisis.lexicon import Level

Check = Callable[[CrisisScreen, str], None]


def kind_tests(
    urgent: Sequence[str], alerts: Sequence[str], not_alerts: Sequence[str]
) -> tuple[Check, Check, Check]:
    """Parametrized tests: each of ``urgent`` screens urgent, each of ``alerts`` alerts (concern
    or urgent), and none of ``not_alerts`` alerts."""

    @pytest.mark.parametrize("text", urgent)
    def test_urgent(screen: CrisisScreen, text: str) -> None:
        assert screen.screen(text).level is Level.URGENT, screen.screen(text)

    @pytest.mark.parametrize("text", alerts)
    def test_an_alert(screen: CrisisScreen, text: str) -> None:
        assert screen.screen(text).is_alert, screen.screen(text)

    @pytest.mark.parametrize("text", not_alerts)
    def test_not_an_alert(screen: CrisisScreen, text: str) -> None:
        assert not screen.screen(text).is_alert, screen.screen(text)

    return test_urgent, test_an_alert, test_not_an_alert
