"""Which wellbeing forms a member gets in a week: the file's defaults or the cohort's own."""

from __future__ import annotations

from cogs.utils.errors import InvalidInput
from cogs.utils.text import read_whole_number
from cogs.wellbeing.instruments import Schedule


def parse_weeks(text: str, total_weeks: int) -> tuple[int, ...]:
    """'1, 6, 12' -> (1, 6, 12); 'none' -> (); InvalidInput that says what to type otherwise.

    Week numbers may be written in any one script's digits (``٦`` is week 6), separated by
    commas (also Arabic and full-width ones), semicolons or spaces. ``0`` is not "none": there
    is no week 0, so it is refused like any other week outside the cohort.
    """
    cleaned = text.strip().lower()
    if cleaned in ("none", "no", "-"):
        return ()
    for separator in (";", "\u060c", "\u3001", "\uff0c", " "):  # ; ، 、 ， and spaces
        cleaned = cleaned.replace(separator, ",")
    weeks = []
    for part in cleaned.split(","):
        if not part:
            continue
        week = read_whole_number(part)
        if week is None or not 1 <= week <= total_weeks:
            raise InvalidInput(
                f"`{part[:20]}` is not a week of this cohort. Give week numbers from 1 to "
                f"{total_weeks} separated by commas, like `1, 6, {total_weeks}`, or `none`. "
                "Nothing was changed."
            )
        weeks.append(week)
    if not weeks:
        raise InvalidInput(
            f"Give week numbers like `1, 6, {total_weeks}`, or `none`. Nothing was changed."
        )
    return tuple(sorted(set(weeks)))


def forms_for_week(
    schedule: Schedule,
    week: int,
    *,
    in_cohort: bool,
    full_weeks: tuple[int, ...] | None = None,
    weekly_forms: tuple[str, ...] | None = None,
) -> tuple[str, ...]:
    """The forms to send this week (may be empty: then nothing is sent)."""
    full = schedule.full_weeks if full_weeks is None else full_weeks
    weekly = schedule.weekly if weekly_forms is None else weekly_forms
    if in_cohort and week in full:
        return schedule.full
    return weekly
