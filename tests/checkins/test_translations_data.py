"""The check-in prompts as pairs read them, in Spanish and Hindi: every `text` of
config/checkin_prompts.toml has a translation (the `strategy` notes are for moderators)."""

from __future__ import annotations

from cogs.checkins.prompts import TEXT_LIMIT, load_prompts
from cogs.utils.i18n import TRANSLATED, speaking, t
from tests.i18n_checks import Text, missing_translations


def prompt_texts() -> list[Text]:
    return [
        Text(p.text, where=f"config/checkin_prompts.toml:prompt {n}")
        for n, p in enumerate(load_prompts().prompts, 1)
    ]


def test_every_checkin_prompt_is_translated() -> None:
    assert missing_translations(prompt_texts()) == []


def test_translated_prompts_keep_the_files_length_limit() -> None:
    for language in TRANSLATED:
        with speaking(language):
            for text in prompt_texts():
                assert len(t(text.id)) <= TEXT_LIMIT, (language, text.id)
