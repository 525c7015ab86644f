"""Behaviour of the conversation-guideline screen, on examples written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from cogs.guidelines.screen import GuidelineHit, GuidelineScreen, default_rules_path


@pytest.fixture(scope="module")
def screen() -> GuidelineScreen:
    return GuidelineScreen.load_default()


def labels(screen: GuidelineScreen, text: str, context: str | None = None) -> set[str]:
    return {hit.label for hit in screen.screen(text, context)}


@pytest.mark.parametrize(
    "text",
    [
        "at least it's not cancer",
        "Everyone gets tired, it's normal",
        "just think positive!!",
        "well, it could be worse",
        "it's all in your head honestly",
        "three lesions isn't that many",
        "you're overthinking it, relax",
    ],
)
def test_minimizing(screen: GuidelineScreen, text: str) -> None:
    assert "minimizing" in labels(screen, text, "My fatigue is crushing me this week.")


@pytest.mark.parametrize(
    "text",
    [
        "You think that's bad? I couldn't feel my legs for two months",
        "my MS is way worse than that",
        "wait till you've had it for 20 years like me",
        "try having to self-cath six times a day, then talk to me",
        "my fog is 10x worse than yours",
    ],
)
def test_comparing(screen: GuidelineScreen, text: str) -> None:
    assert "comparing" in labels(screen, text, "Brain fog is ruining my work.")


@pytest.mark.parametrize(
    "text",
    [
        "stop your DMT and try keto",
        "you should try a paleo diet",
        "Have you tried high dose vitamin D?",
        "Go gluten free, that's what fixed me",
    ],
)
def test_unsolicited_advice(screen: GuidelineScreen, text: str) -> None:
    assert "unsolicited_advice" in labels(screen, text, "Another relapse. I'm so tired of this.")


@pytest.mark.parametrize(
    "context",
    [
        "Has anyone tried supplements for fatigue?",
        "Any tips for coping with the heat?",
        "What helped you when you first started injections?",
        "Would love to hear your experiences with switching meds",
    ],
)
def test_advice_that_was_asked_for_is_fine(screen: GuidelineScreen, context: str) -> None:
    assert "unsolicited_advice" not in labels(
        screen, "you should try magnesium before bed", context
    )


def test_venting_context_is_not_a_request(screen: GuidelineScreen) -> None:
    context = "Not asking for advice, I just need to vent about my legs."
    assert "unsolicited_advice" in labels(screen, "you should try yoga every morning", context)


@pytest.mark.parametrize(
    "text",
    [
        "me too, mornings are hard for me as well, you're not alone",
        "That sounds exhausting. I'm so sorry, sending a hug",
        "I had the same thing after my first infusion, it got easier for me",
        "You're not lazy, fatigue is a real symptom",
        "Don't be so hard on yourself",
        "You should be proud of yourself for asking",
        "Take it easy today, rest is allowed",
        "At least one of us should get a nap today and it should be you",
    ],
)
def test_validating_replies_are_not_nudged(screen: GuidelineScreen, text: str) -> None:
    assert screen.screen(text, "Fatigue is awful today and I feel lazy.") == []


@pytest.mark.parametrize(
    "text",
    [
        "we try not to say 'at least it's not cancer' here",
        'Gentle reminder: "everyone gets tired" can land as minimizing',
        "My boss said 'everyone gets tired' and I wanted to scream",
    ],
)
def test_quoting_or_discussing_the_guideline_is_fine(screen: GuidelineScreen, text: str) -> None:
    assert screen.screen(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "you're a pathetic waste of space",
        "shut up you stupid f4gg0t",
        "r e t a r d",
        "boo hoo, get over it",
        "your wife sounds like an absolute pig",
    ],
)
def test_toxic(screen: GuidelineScreen, text: str) -> None:
    hits = screen.screen(text)
    assert "toxic" in {h.label for h in hits}
    toxic = next(h for h in hits if h.label == "toxic")
    assert toxic.path == "abuse"
    assert toxic.suggestion == ""


@pytest.mark.parametrize(
    "text",
    [
        "this f***ing fatigue",
        "shit day, legs won't work",
        "MS is a bitch",
        "I feel so stupid, I forgot my injection again",
        "I'm such a loser for crying at the neuro",
        "sorry for bitching about the heat again",
    ],
)
def test_self_directed_swearing_is_not_hidden(screen: GuidelineScreen, text: str) -> None:
    assert not any(h.path == "abuse" for h in screen.screen(text))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("text me on 07911 123456", "privacy.phone"),
        ("her cell is (555) 201-3344", "privacy.phone"),
        ("email me at sam.jones@example.org", "privacy.email"),
        ("I'm at 22 Acacia Avenue if you need a spare pen", "privacy.address"),
        ("she lives on Willow Lane near the park", "privacy.address"),
        ("find him on IG @some_handle", "privacy.handle"),
    ],
)
def test_privacy(screen: GuidelineScreen, text: str, rule: str) -> None:
    hits = [h for h in screen.screen(text) if h.label == "privacy"]
    assert hits
    assert hits[0].rule == rule
    assert hits[0].path == "abuse"


@pytest.mark.parametrize(
    "text",
    [
        "Call 988 or Samaritans on 116 123, any time",
        "meeting at 10:30 on 12/03/2024, room 4",
        "My MRI was on 2023-04-05 and the next one is in 6 months",
        "I walked 2 miles down the road today!",
        "that took me 3 days that way",
        "ping <@123456789012345678> about the 1800 session",
        "cooling vests cost 50.00 - 120.00 online",
    ],
)
def test_not_private(screen: GuidelineScreen, text: str) -> None:
    assert not any(h.label == "privacy" for h in screen.screen(text))


def test_hit_shape_and_suggestion_fits_context(screen: GuidelineScreen) -> None:
    hits = screen.screen("at least it's not cancer", "I'm terrified of my MRI results")
    assert len(hits) == 1
    hit = hits[0]
    assert isinstance(hit, GuidelineHit)
    assert (hit.label, hit.path, hit.rule) == ("minimizing", "coach", "minimizing.at_least")
    assert hit.reason
    assert "scary" in hit.suggestion
    assert "{" not in hit.suggestion


def test_abuse_hits_come_first(screen: GuidelineScreen) -> None:
    hits = screen.screen("boo hoo, at least you have a job, loser")
    assert hits[0].path == "abuse"
    assert {h.label for h in hits} >= {"toxic", "minimizing"}


def test_empty_and_ordinary_chat(screen: GuidelineScreen) -> None:
    assert screen.screen("") == []
    assert screen.screen("Thanks everyone, see you at Thursday's session!") == []


def test_extension_file_can_turn_a_rule_off(tmp_path: Path) -> None:
    extra = tmp_path / "server.toml"
    extra.write_text('[[rule]]\nid = "minimizing.at_least"\nenabled = false\n', encoding="utf-8")
    custom = GuidelineScreen.load([default_rules_path(), extra])
    assert custom.screen("at least it's not cancer") == []


def test_extension_file_can_add_a_rule(tmp_path: Path) -> None:
    extra = tmp_path / "server.toml"
    extra.write_text(
        '[[rule]]\nid = "minimizing.local"\nlabel = "minimizing"\nphrases = ["chin up"]\n',
        encoding="utf-8",
    )
    custom = GuidelineScreen.load([default_rules_path(), extra])
    assert [h.rule for h in custom.screen("chin up buttercup")] == ["minimizing.local"]


def test_ordinary_chat_raises_nothing(screen: GuidelineScreen) -> None:
    # Speed is measured in bench/bench_screens.py, not asserted here (a timed test flakes on a
    # loaded machine).
    messages = [
        "Good morning all, how did everyone sleep?",
        "I finally made it to the shops today, small win!",
        "Does anyone watch the baking show? Last night's episode was wild",
        "Thanks for the welcome, glad to be here",
    ]
    assert [screen.screen(message) for message in messages] == [[], [], [], []]
