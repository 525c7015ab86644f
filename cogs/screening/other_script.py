"""Hindi read in its other script, for the crisis screen (issue 15).

Members write Hindi in Devanagari or in Latin letters (Hinglish), often both in one message, and
the crisis lexicon's phrases for the two scripts were written separately: a kind of language
covered in one script is often missing from the other ("कल रात फिर blade उठा लिया" had no
Devanagari phrase; "kal raat phir blade utha liya" had a Hinglish one). ``other_script`` gives
the screen the same message in the other script, and the screen reads it when no rule of the
message's own script heard anything (``CrisisScreen.screen``):

- a message with Devanagari in it: romanised as chat writes Hinglish
  (``romanise.romanise``, with English loanwords spelt in English so the Hinglish context cues
  see "film" and "therapist");
- a Latin-script message that is not English and not Spanish (``language``): each Hindi word
  that the table reads exactly in Devanagari (``hinglish.to_devanagari(exact_only=True)``),
  English words and words it can only guess left as they are;
- anything else (English, Spanish, other scripts): None, nothing to read again.

Only a message its own script's rules found nothing in is read again: where the own script's
rules heard a signal and judged it (a negation, a film, a recovered past), that judgement
stands, because the other script's rules may lack the context cue that quieted it.

``other_readings`` adds the message with its dialect words in standard Hindi
(``dialects.standard_hindi``: Bhojpuri, Awadhi, Rajasthani and the rest in Devanagari, Punjabi in
Latin letters), in its own script and in the other, under its own rule name (``DIALECT_RULE``)
so a moderator sees how the alert was read.
"""

from __future__ import annotations

from cogs.screening.dialects import standard_hindi
from cogs.screening.hinglish import to_devanagari
from cogs.screening.language import latin_language, looks_english
from cogs.screening.romanise import DEVANAGARI, romanise

__all__ = ["CROSS_SCRIPT_RULE", "DIALECT_RULE", "other_readings", "other_script"]

# Added to a verdict's rules when its alert came from the other script's reading.
CROSS_SCRIPT_RULE = "read_across_scripts"
# Added when it came from the reading with dialect words in standard Hindi.
DIALECT_RULE = "read_as_standard_hindi"


def other_script(text: str) -> str | None:
    """``text`` with its Hindi in the other script, or None when it holds no Hindi to read."""
    if DEVANAGARI.search(text):
        return romanise(text, for_screen=True)
    if looks_english(text) or latin_language(text) == "es":
        return None
    return to_devanagari(text, exact_only=True)


def other_readings(text: str) -> tuple[tuple[str, str], ...]:
    """The texts ``text`` is read again as, each with the rule that names the reading: Hindi's
    other script, then the dialect words in standard Hindi in the message's own script and in
    the other. Empty when there is nothing to read again."""
    readings: list[tuple[str, str]] = []
    other = other_script(text)
    if other:
        readings.append((other, CROSS_SCRIPT_RULE))
    standard = standard_hindi(text)
    if standard is not None:
        readings.append((standard, DIALECT_RULE))
        across = other_script(standard)
        if across and across != standard:
            readings.append((across, DIALECT_RULE))
    return tuple(readings)
