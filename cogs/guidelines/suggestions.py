"""Fitting a suggested validating rephrasing to the conversation.

The copy lives in ``config/guideline_rules.toml``; a template may say ``{feeling}``, which we
fill with a word that matches what the replied-to message was about ("That sounds really
scary") so the suggestion reads as a reply to this person, not a poster on the wall. This only
runs when a coaching hit fires, so it does not need to be fast.
"""

from __future__ import annotations

import re

__all__ = ["DEFAULT_FEELING", "feeling_word", "render_suggestion"]

DEFAULT_FEELING = "hard"

# Word stems in the replied-to message -> the feeling word to reflect back. Order matters: the
# first group with a stem in the message wins, so the more specific feelings come first.
_FEELINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("scary", ("scared", "scary", "terrif", "afraid", "frighten", "nervous", "anxi", "dread",
               "panic", "worried", "worry", "fear")),
    ("lonely", ("alone", "lonely", "loneli", "isolat", "nobody", "no one", "shut out")),
    ("embarrassing", ("embarrass", "mortif", "humiliat", "ashamed", "stared", "laughed at")),
    ("painful", ("grie", "griev", "devastat", "gutted", "heartbr", "cried", "crying", "cry",
                 "pain", "hurts", "hurt", "miss ", "lost ", "losing", "useless", "worthless",
                 "guilt", "failing", "failure")),
    ("exhausting", ("tired", "fatigue", "exhaust", "sleep", "slept", "energy", "drained",
                    "worn out", "crash", "nap")),
    ("frustrating", ("angry", "furious", "rage", "unfair", "annoy", "frustrat", "fed up",
                     "dismiss", "denied", "believe me")),
)  # fmt: skip
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (word, re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + ")"))
    for word, stems in _FEELINGS
)


def feeling_word(context: str | None) -> str:
    """A feeling word for what the replied-to message describes, or ``"hard"``."""
    if not context:
        return DEFAULT_FEELING
    lowered = context.casefold()
    for word, pattern in _PATTERNS:
        if pattern.search(lowered):
            return word
    return DEFAULT_FEELING


def render_suggestion(template: str, context: str | None) -> str:
    """Fill ``{feeling}`` in a suggestion template from the replied-to message.

    Templates come from a file people edit, so any other ``{...}`` is left as written rather
    than raising: a typo in copy must never stop a nudge from being sent.
    """
    if "{feeling}" not in template:
        return template
    return template.replace("{feeling}", feeling_word(context))
