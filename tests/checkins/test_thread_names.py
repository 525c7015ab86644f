"""Check-in thread names: the week and the pair, within Discord's 100-character limit."""

from __future__ import annotations

from cogs.checkins.messages import THREAD_NAME_LIMIT, thread_name


def test_a_pair_and_a_trio_are_named_after_their_members() -> None:
    assert thread_name(3, ["Asha", "Ben"]) == "Week 3 · Asha & Ben"
    assert thread_name(1, ["Asha", "Ben", "Chloe"]) == "Week 1 · Asha, Ben & Chloe"


def test_long_names_are_shortened_fairly_to_fit() -> None:
    name = thread_name(12, ["A" * 80, "Ben", "C" * 90])
    assert len(name) <= THREAD_NAME_LIMIT
    assert name.startswith("Week 12 · ")
    assert ", " in name
    assert " & " in name
    assert name.count("…") == 2
    assert "Ben" in name


def test_blank_names_still_read() -> None:
    assert thread_name(2, ["  ", "Ben"]) == "Week 2 · a member & Ben"
