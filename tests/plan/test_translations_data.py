"""The IER strategies as members read them (/plan's ideas, /cope), in Spanish and Hindi: every
title, text and ready-to-send message of config/ier_strategies.toml has a translation (the
`source` notes are for editors)."""

from __future__ import annotations

from cogs.toolkit.strategies import load_strategies
from tests.i18n_checks import Text, missing_translations


def strategy_texts() -> list[Text]:
    texts = []
    for strategy in load_strategies():
        where = f"config/ier_strategies.toml:{strategy.id}"
        texts.append(Text(strategy.title, where=f"{where} title"))
        texts.append(Text(strategy.text, where=f"{where} text"))
        if strategy.message:
            texts.append(Text(strategy.message, where=f"{where} message"))
    return texts


def test_every_strategy_is_translated() -> None:
    assert missing_translations(strategy_texts()) == []
