"""Choosing each language's combination of rules and model (bench/screen_training/multilingual_bars)."""

from __future__ import annotations

from bench.screen_training.multilingual_bars import FA_BAR, chosen_bars, decide, language_bars


def _language(
    lang: str, noisy_rules: bool
) -> tuple[list[float], list[bool], list[bool], list[str]]:
    """20 alert rows and 40 quiet ones. The model ranks them all well. With ``noisy_rules`` the
    rules also fire on 4 quiet rows (0.1 false alarms, over FA_BAR) that the model scores low,
    so rules OR model has to drop the model entirely while the veto rules those 4 out."""
    scores = [0.5 + i / 50 for i in range(20)] + [i / 100 for i in range(40)]
    alert = [True] * 20 + [False] * 40
    rules = [i < 5 for i in range(20)] + [noisy_rules and i < 4 for i in range(40)]
    return scores, rules, alert, [lang] * 60


def _all() -> tuple[list[float], list[bool], list[bool], list[str]]:
    scores: list[float] = []
    rules: list[bool] = []
    alert: list[bool] = []
    langs: list[str] = []
    for lang, noisy in (("es", False), ("hi", False), ("hinglish", True)):
        s, r, a, la = _language(lang, noisy)
        scores += s
        rules += r
        alert += a
        langs += la
    return scores, rules, alert, langs


def test_the_veto_is_chosen_only_where_it_catches_more() -> None:
    scores, rules, alert, langs = _all()
    chosen = chosen_bars(scores, rules, alert, langs)
    # A tie in Spanish and Hindi: OR, which never takes a rule's alert away.
    assert chosen["es"][1] == 0.0
    assert chosen["hi"][1] == 0.0
    bar, floor = chosen["hinglish"]
    assert floor > 0.0
    ix = [i for i, la in enumerate(langs) if la == "hinglish"]
    caught = sum(decide(scores[i], rules[i], bar, floor) for i in ix if alert[i])
    raised = sum(decide(scores[i], rules[i], bar, floor) for i in ix if not alert[i])
    assert caught == 20
    assert raised / 40 <= FA_BAR
    # Rules OR model could not use the model there at all: its four false alarms fill the budget.
    or_bar = language_bars(scores, rules, alert, langs, 0.0)["hinglish"]
    assert sum(decide(scores[i], rules[i], or_bar, 0.0) for i in ix if alert[i]) < caught
