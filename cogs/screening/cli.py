"""``bot.py screen``: what the safety screens make of a text, for people and for scripts.

Plain (no discord): it reads through a ``Screener`` built the way the bot builds it
(``build_screener``: the same screens and shipped models), so the command line and the running
bot never disagree.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, TextIO

from cogs.screening.guideline_model import MODEL_LABELS
from cogs.screening.service import Reading, Screener, load_crisis_model, load_guideline_model

if TYPE_CHECKING:
    from bot import DataFiles


def build_screener(data: DataFiles, *, models: bool = True) -> Screener:
    """Both screens as the bot runs them: with the shipped models unless ``models`` is False
    (a model that cannot be loaded is left out, with the same log as at start-up)."""
    return Screener(
        data.crisis,
        data.guidelines,
        load_crisis_model() if models else None,
        load_guideline_model() if models else None,
    )


def screen_record(reading: Reading) -> dict[str, object]:
    """One reading as the --jsonl output shapes it."""
    return {"crisis": reading.crisis.level.label, "guidelines": reading.guideline_labels}


JSONL_CHUNK = 64  # lines read, screened as one batch, then written


def screen_jsonl(screener: Screener, stdin: TextIO, stdout: TextIO) -> int:
    """One output line per input line, in order; a bad line gets an error line, not a crash.

    Lines are screened ``JSONL_CHUNK`` at a time so the models score them in batches."""
    bad = 0
    chunk: list[tuple[int, object, str, str | None]] = []  # (line, id, text, context)
    errors: dict[int, str] = {}

    def flush() -> None:
        good = [(text, ctx) for number, _, text, ctx in chunk if number not in errors]
        readings = iter(screener.read_many(good))
        for number, ident, _, _ in chunk:
            if number in errors:
                out: dict[str, object] = {"id": None, "error": errors.pop(number)}
            else:
                out = {"id": ident, **screen_record(next(readings))}
            stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
        chunk.clear()

    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"]
            if not isinstance(text, str):
                raise TypeError("text must be a string")
            context = item.get("context")
            if context is not None and not isinstance(context, str):
                raise TypeError("context must be a string")
            chunk.append((number, item.get("id"), text, context))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            bad += 1
            errors[number] = f"line {number}: {type(exc).__name__}: {exc}"
            chunk.append((number, None, "", None))
        if len(chunk) >= JSONL_CHUNK:
            flush()
    if chunk:
        flush()
    if bad:
        print(f"{bad} line(s) could not be read; see their error lines", file=sys.stderr)
    return 0


def describe_verdicts(screener: Screener, text: str, context: str | None, *, scores: bool) -> str:
    """A readable account of what Kindred would do with one text, and why."""
    reading = screener.read_many([(text, context)])[0]
    crisis = reading.crisis
    lines = [f"crisis: {crisis.level.label}", f"  why: {crisis.reason}"]
    lines.append(f"  rules: {', '.join(crisis.rules) or '(none)'}")
    if scores:
        lines.append(describe_crisis_score(screener, reading))
    if not reading.hits and reading.review is None:
        lines.append("guidelines: none")
    for hit in reading.hits:
        lines.append(f"guidelines: {hit.label} ({hit.path}, rule {hit.rule})")
        lines.append(f"  why: {hit.reason}")
        if hit.suggestion:
            lines.append(f"  suggest: {hit.suggestion}")
    if reading.review is not None:
        lines.append(
            "guidelines: toxic? (not hidden: queued for a moderator to look at; "
            f"rule {reading.review.rule})"
        )
    if scores:
        lines.append(describe_reply_score(screener, reading))
    return "\n".join(lines)


def describe_crisis_score(screener: Screener, reading: Reading) -> str:
    """The crisis model's scores against its thresholds (``screen --model``)."""
    model, score = screener.crisis_model, reading.crisis_score
    if model is None:
        return "crisis model: not loaded (the lexicon alone decided)"
    if score is None:
        return "crisis model: not run (a language no model reads, or empty)"
    t = getattr(score, "thresholds", None) or model.thresholds  # the multilingual model's own
    return (
        f"crisis model: alert {score.alert:.3f} (alerts at {t.alert:.3f}, vetoes the lexicon "
        f"below {t.veto_floor:.3f}), urgent {score.urgent:.3f} (urgent at {t.urgent:.3f}); "
        f"lexicon alone: {reading.lexicon.level.label}"
    )


def describe_reply_score(screener: Screener, reading: Reading) -> str:
    """The guideline model's scores against its bars (``screen --model``)."""
    model, score = screener.guideline_model, reading.guideline_score
    if model is None:
        return "guideline model: not loaded (the rules alone decided)"
    if score is None:
        return "guideline model: not run (not English, empty, or crisis has the message)"
    t = model.thresholds
    parts = [f"{lab} {score.of(lab):.3f} (at {t.of(lab):.3f})" for lab in MODEL_LABELS]
    return f"guideline model: {', '.join(parts)}; toxic queued for review at {t.toxic_review:.3f}"
