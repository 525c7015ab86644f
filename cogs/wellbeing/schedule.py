"""Which wellbeing forms a member gets in a week: the file's defaults or the cohort's own."""

from __future__ import annotations

from cogs.utils.errors import InvalidInput
from cogs.wellbeing.instruments import Schedule


def parse_weeks(text: str, total_weeks: int) -> tuple[int, ...]:
    """'1, 6, 12' -> (1, 6, 12); 'none' -> (); InvalidInput that says what to type otherwise."""
    cleaned = text.strip().lower()
    if cleaned in ("none", "no", "0", "-"):
        return ()
    weeks = []
    for part in cleaned.replace(";", ",").replace(" ", ",").split(","):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= total_weeks:
            raise InvalidInput(
                f"`{part}` is not a week of this cohort. Give week numbers from 1 to "
                f"{total_weeks} separated by commas, like `1, 6, {total_weeks}`, or `none`."
            )
        weeks.append(int(part))
    if not weeks:
        raise InvalidInput(f"Give week numbers like `1, 6, {total_weeks}`, or `none`.")
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
