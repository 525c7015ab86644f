"""The /cope strategies (config/ier_strategies.toml) in Spanish and Hindi, and /cope in each."""

from __future__ import annotations

from cogs.toolkit import messages
from cogs.toolkit.cope import suggest
from cogs.toolkit.strategies import FEELINGS, load_strategies
from cogs.utils.i18n import speaking
from tests.i18n_checks import Text, missing_translations

STRATEGIES = load_strategies()


def strategy_texts() -> list[Text]:
    texts = []
    for s in STRATEGIES:
        where = f"config/ier_strategies.toml:{s.id}"
        texts += [Text(s.title, where=f"{where}.title"), Text(s.text, where=f"{where}.text")]
        if s.message:
            texts.append(Text(s.message, where=f"{where}.message"))
    return texts


def test_every_strategy_is_translated_with_the_same_placeholders() -> None:
    assert missing_translations(strategy_texts()) == []


def test_a_spanish_member_reads_cope_in_spanish() -> None:
    offered = suggest("low", True, STRATEGIES, seed=1)
    with speaking("es"):
        asked = messages.ask_someone_around("low")
        answer = messages.cope_answer("low", True, offered)
        label = messages.feeling_label("low")
    assert asked.startswith("Gracias por contármelo: **con el ánimo bajo**.")
    assert answer.startswith("Tener el ánimo bajo es difícil.")
    assert "**Guárdame esto**" in answer
    assert "Idea 1 de" in answer
    assert label == "Con el ánimo bajo"
    english = messages.cope_answer("low", True, offered)
    assert english.startswith("Feeling low is hard. You might find it easier with someone.")


def test_a_hindi_member_reads_cope_in_hindi_including_the_strategy() -> None:
    [first, *_] = offered = suggest("lonely", False, STRATEGIES, seed=2)
    with speaking("hi"):
        answer = messages.cope_answer("lonely", False, offered)
        title = messages.strategy_block(first).split("**")[1]
    assert answer.startswith("अकेले में अकेलापन और भारी लगता है।")
    assert title != first.title
    assert title in answer
    assert "सहेज" in answer  # the log line


def test_english_openings_read_as_they_always_did() -> None:
    for feeling in FEELINGS:
        label = messages.FEELING_LABELS[feeling].lower()
        assert messages.cope_answer(feeling, True, []).startswith(
            f"Feeling {label} is hard. You might find it easier with someone."
        )
        assert messages.cope_answer(feeling, False, []).startswith(
            f"Feeling {label} on your own is hard. Something you can do right now:"
        )
