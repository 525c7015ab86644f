"""Wellbeing check-ins as use cases: opt-in, the weekly request, the forms, trends, outcomes.

Discord-free: the cog and the views do the Discord part (the DM, the modal, the chart file)
and render with ``messages.py``. The crisis hand-off is decided here (``Submitted.crisis``:
who, how urgent, why) and carried out by the glue through the crisis lane, because opening a
case answers the member and alerts staff on Discord at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from cogs.utils.clock import Clock
from cogs.utils.errors import InvalidInput, UserFacingError
from cogs.utils.i18n import t
from cogs.utils.jobs import JobScheduler
from cogs.wellbeing import messages
from cogs.wellbeing.instruments import Form, Instrument, Instruments
from cogs.wellbeing.outcomes import Outcome, cohort_outcomes, weekly_means
from cogs.wellbeing.schedule import forms_for_week, parse_weeks
from cogs.wellbeing.scoring import Scored, input_id, parse_answer, read_as, score_form
from cogs.wellbeing.tapping import Screen, first_screen_to_show, screens, unanswered
from db.models.wellbeing import NewAnswer, OptIn, Request
from db.repositories.cohorts import Cohort, CohortRepository
from db.repositories.wellbeing import NO_COHORT, WellbeingRepository

log = logging.getLogger(__name__)

SWEEP = "wellbeing_sweep"  # entity 0: once a day, sends each opted-in member this week's check-in
SWEEP_EVERY = dt.timedelta(days=1)
CRISIS_RULE = "phq9_item9"


@dataclass(frozen=True)
class Placement:
    """Where a member is in their check-ins now: their running cohort (or none) and week."""

    cohort_id: int
    week: int
    cohort_name: str | None


@dataclass(frozen=True)
class CheckinToSend:
    """This week's request and what its DM shows; ``already_sent``: nothing to send again."""

    request: Request
    placement: Placement
    shown: tuple[tuple[str, list[Instrument]], ...]  # (form title, its instruments)
    buttons: tuple[tuple[str, str], ...]  # (form key, button label)

    @property
    def already_sent(self) -> bool:
        """Whether this week's DM went out before."""
        return self.request.sent_at is not None


@dataclass(frozen=True)
class FormToShow:
    """A form a member may answer now, with the instruments it asks."""

    request: Request
    form: Form
    instruments: list[Instrument]


@dataclass(frozen=True)
class TapScreen:
    """One screen of a form answered by tapping, with every answer kept so far.

    ``note``: a line above the questions (e.g. which questions are still to answer).
    """

    request_id: int
    form: Form
    screens: tuple[Screen, ...]
    index: int
    kept: dict[str, int]
    note: str | None = None

    @property
    def screen(self) -> Screen:
        """The screen shown."""
        return self.screens[self.index]

    @property
    def last(self) -> bool:
        """Whether this is the form's last screen (it has Send instead of Next)."""
        return self.index == len(self.screens) - 1


@dataclass(frozen=True)
class SentTapped:
    """What Send did: the form stored (``saved``), or a screen with questions still to answer."""

    saved: Submitted | None
    screen: TapScreen | None


@dataclass(frozen=True)
class CrisisHandOff:
    """A self-harm answer the crisis lane must take up the same day (never dropped)."""

    request_id: int
    guild_id: int
    user_id: int
    level: str  # "urgent" for the scale's top answer, else "concern"
    reason: str


@dataclass(frozen=True)
class Submitted:
    """A stored form: each instrument's score, numerals read, and any crisis hand-off."""

    scores: tuple[tuple[Instrument, int], ...]
    read_as: tuple[tuple[str, int], ...]
    crisis: tuple[CrisisHandOff, ...]


@dataclass(frozen=True)
class CohortOutcomes:
    """A cohort's aggregates: per-instrument outcomes and the WHO-5 weekly means."""

    cohort: Cohort
    outcomes: list[Outcome]
    who5: list[tuple[int, float, int]]


@dataclass(frozen=True)
class SettingsSaved:
    """What ``/wellbeing settings`` changed: item 9 on or off, and the weeks as stored now."""

    cohort: Cohort
    phq9: bool | None
    full_weeks: tuple[int, ...] | None  # None: the schedule was not touched
    weekly: bool


def crisis_level(instrument: Instrument, answer: int) -> str:
    """The top answer ("nearly every day") is urgent; any other non-zero answer a concern."""
    return "urgent" if answer >= instrument.max else "concern"


class WellbeingService:
    """Weekly opt-in wellbeing check-ins, members' trends and cohort outcomes."""

    def __init__(
        self,
        repo: WellbeingRepository,
        cohorts: CohortRepository,
        book: Instruments,
        jobs: JobScheduler,
        clock: Clock,
    ) -> None:
        self.repo = repo
        self.cohorts = cohorts
        self.book = book
        self.jobs = jobs
        self.clock = clock

    # --- the weekly request -------------------------------------------------------------------

    async def opted_in(self) -> list[OptIn]:
        """Everyone who wants check-ins, in every server."""
        return await self.repo.opted_in()

    async def schedule_next_sweep(self) -> None:
        """The daily sweep runs again a day from now."""
        await self.jobs.schedule(SWEEP, 0, self.clock.now() + SWEEP_EVERY)

    async def placement(self, optin: OptIn, now: dt.datetime) -> Placement:
        """A member's running cohort and its week now; else the weeks since they opted in."""
        for enrolment in await self.cohorts.active_for_user(optin.guild_id, optin.user_id):
            cohort = await self.cohorts.get(enrolment.cohort_id)
            if cohort is None or cohort.state != "running" or enrolment.status != "enrolled":
                continue
            sessions = await self.cohorts.sessions(cohort.id)
            first = sessions[0].starts_at if sessions else now
            week = max(1, min(cohort.weeks, (now - first).days // 7 + 1))
            return Placement(cohort.id, week, cohort.name)
        return Placement(NO_COHORT, max(1, (now - optin.opted_in_at).days // 7 + 1), None)

    async def checkin_for(self, optin: OptIn) -> CheckinToSend | None:
        """This week's request for a member, created once; None when the week asks nothing."""
        now = self.clock.now()
        where = await self.placement(optin, now)
        in_cohort = where.cohort_id != NO_COHORT
        full_weeks, weekly_forms = (
            await self.repo.cohort_schedule(where.cohort_id) if in_cohort else (None, None)
        )
        forms = forms_for_week(
            self.book.schedule,
            where.week,
            in_cohort=in_cohort,
            full_weeks=full_weeks,
            weekly_forms=weekly_forms,
        )
        if not forms:
            return None
        enabled = await self.repo.cohort_enabled(where.cohort_id) if in_cohort else frozenset()
        request = await self.repo.create_request(
            guild_id=optin.guild_id,
            user_id=optin.user_id,
            cohort_id=where.cohort_id,
            week=where.week,
            forms=forms,
            enabled=enabled,
            now=now,
        )
        forms_of = self.book.forms
        return CheckinToSend(
            request=request,
            placement=where,
            shown=tuple(
                (forms_of[k].title, self.book.form_instruments(k, request.enabled))
                for k in request.forms
            ),
            # In the member's language: the cog renders this inside ``speaking``.
            buttons=tuple(
                (k, t("Answer: {form}", form=messages.form_title(forms_of[k].title)))
                for k in request.forms
            ),
        )

    async def mark_sent(self, request_id: int) -> None:
        """The request's DM went out (so the sweep does not send it again). Answers kept from
        an earlier week's unfinished form go now: they are health data nobody will send."""
        await self.repo.mark_sent(request_id, self.clock.now())
        request = await self.repo.request(request_id)
        if request is not None:
            await self.repo.forget_older_kept(request)

    # --- choices ------------------------------------------------------------------------------

    async def opt_in(self, guild_id: int, user_id: int) -> OptIn:
        """Start weekly check-ins (the first opt-in time starts the member's weeks)."""
        return await self.repo.set_optin(guild_id, user_id, True, self.clock.now())

    async def opt_out(self, guild_id: int, user_id: int) -> OptIn:
        """Stop weekly check-ins; past answers stay the member's."""
        return await self.repo.set_optin(guild_id, user_id, False, self.clock.now())

    async def share(self, guild_id: int, user_id: int, on: bool) -> None:
        """Let (or stop letting) the member's group moderator see their answers."""
        if not await self.repo.set_share(guild_id, user_id, on, self.clock.now()):
            raise UserFacingError(t(messages.SHARE_NOT_OPTED_IN))

    # --- the forms ----------------------------------------------------------------------------

    async def _own_request(self, request_id: int, user_id: int) -> Request:
        request = await self.repo.request(request_id)
        if request is None:
            raise InvalidInput(t(messages.UNKNOWN_REQUEST))
        if request.user_id != user_id:
            raise InvalidInput(t(messages.NOT_YOURS))
        return request

    async def form(self, request_id: int, user_id: int, form: str) -> FormToShow:
        """The form a check-in button opens; only for the member it was sent to."""
        request = await self._own_request(request_id, user_id)
        if form not in request.forms or form not in self.book.forms:
            raise InvalidInput(t(messages.UNKNOWN_REQUEST))
        return FormToShow(
            request, self.book.forms[form], self.book.form_instruments(form, request.enabled)
        )

    async def submit(
        self, request_id: int, user_id: int, form: str, typed: dict[str, str]
    ) -> Submitted:
        """Check every answer, score, and store the whole form at once.

        A bad answer raises before anything is saved. A non-zero answer on the self-harm item
        comes back in ``crisis`` for the crisis lane.
        """
        request = await self._own_request(request_id, user_id)
        instruments = self.book.form_instruments(form, request.enabled)
        try:
            scored = score_form(instruments, typed)  # raises before anything is saved
        except InvalidInput:
            await self._keep_readable(request, instruments, typed)
            raise
        await self.repo.save_answers(
            request, [NewAnswer(s.instrument, s.answers, s.score) for s in scored], self.clock.now()
        )
        await self.repo.forget_kept(
            request.id, [input_id(i, n) for i in instruments for n in range(len(i.items))]
        )
        log.info("wellbeing: request %s form %s saved", request.id, form)
        by_key = {i.key: i for i in instruments}
        return Submitted(
            scores=tuple((by_key[s.instrument], s.score) for s in scored),
            read_as=tuple(read_as(typed)),
            crisis=tuple(
                self._hand_off(request, by_key[s.instrument], s)
                for s in scored
                if by_key[s.instrument].crisis_item and s.crisis
            ),
        )

    # --- the forms, by tapping ------------------------------------------------------------------

    async def tap_screen(
        self, request_id: int, user_id: int, form: str, index: int | None = None
    ) -> TapScreen:
        """A screen of a form with the answers kept so far; ``index`` None: where the member
        left off (the first screen with a question still to answer)."""
        shown = await self.form(request_id, user_id, form)
        all_screens = tuple(screens(shown.instruments))
        kept = await self.repo.kept_answers(request_id)
        if index is None:
            index = first_screen_to_show(all_screens, kept)
        index = max(0, min(index, len(all_screens) - 1))
        return TapScreen(request_id, shown.form, all_screens, index, kept)

    async def tap(
        self, request_id: int, user_id: int, form: str, question: str, value: str
    ) -> TapScreen:
        """Keep one tapped answer (nothing is scored until Send) and return its screen."""
        shown = await self.form(request_id, user_id, form)
        all_screens = tuple(screens(shown.instruments))
        where = next((n for n, s in enumerate(all_screens) if question in s.input_ids()), None)
        if where is None:
            raise InvalidInput(t(messages.UNKNOWN_REQUEST))
        screen = all_screens[where]
        answer = parse_answer(screen.instrument, int(question.rsplit(":", 1)[1]), value)
        await self.repo.keep_answer(shown.request, question, answer, self.clock.now())
        return TapScreen(
            request_id, shown.form, all_screens, where, await self.repo.kept_answers(request_id)
        )

    async def send_tapped(self, request_id: int, user_id: int, form: str) -> SentTapped:
        """Score and store the tapped answers; a question left out returns its screen instead,
        with a note naming what is still to answer (the answers given stay kept)."""
        at = await self.tap_screen(request_id, user_id, form)
        missing = unanswered(at.screens, at.kept)
        if missing:
            names = [self._short(at.screens, qid) for _, qid in missing]
            note = t(messages.STILL_TO_ANSWER, questions=", ".join(names))
            screen = TapScreen(request_id, at.form, at.screens, missing[0][0], at.kept, note)
            return SentTapped(None, screen)
        typed = {qid: str(value) for qid, value in at.kept.items()}
        return SentTapped(await self.submit(request_id, user_id, form, typed), None)

    @staticmethod
    def _short(all_screens: Sequence[Screen], question: str) -> str:
        key, index = question.rsplit(":", 1)
        screen = next(s for s in all_screens if s.instrument.key == key)
        return f"“{screen.instrument.short(int(index))}”"

    async def kept(self, request_id: int, user_id: int) -> dict[str, int]:
        """The answers kept for a request (to fill in the typed form for the member)."""
        await self._own_request(request_id, user_id)
        return await self.repo.kept_answers(request_id)

    async def _keep_readable(
        self, request: Request, instruments: Sequence[Instrument], typed: dict[str, str]
    ) -> None:
        """Keep every typed answer that reads as an allowed number, so a refused form comes
        back filled in with them."""
        now = self.clock.now()
        for instrument in instruments:
            for index in range(len(instrument.items)):
                qid = input_id(instrument, index)
                try:
                    value = parse_answer(instrument, index, typed.get(qid, ""))
                except InvalidInput:
                    continue
                await self.repo.keep_answer(request, qid, value, now)

    def _hand_off(self, request: Request, instrument: Instrument, scored: Scored) -> CrisisHandOff:
        answer = max(scored.answers)
        return CrisisHandOff(
            request_id=request.id,
            guild_id=request.guild_id,
            user_id=request.user_id,
            level=crisis_level(instrument, answer),
            reason=f"Wellbeing check-in: PHQ-9 item 9 answered “{instrument.labels[answer]}”.",
        )

    # --- trends -------------------------------------------------------------------------------

    async def trend(self, guild_id: int, user_id: int) -> dict[str, list[tuple[int, int]]]:
        """A member's scores by instrument, as (week, score) in the order answered."""
        series: dict[str, list[tuple[int, int]]] = {}
        for answer in await self.repo.answers_for(guild_id, user_id):
            series.setdefault(answer.instrument, []).append((answer.week, answer.score))
        return series

    async def shared_trend(
        self, guild_id: int, moderator_id: int, member_id: int
    ) -> dict[str, list[tuple[int, int]]]:
        """A member's trend for their own group moderator, only if the member chose to share."""
        mention = f"<@{member_id}>"
        optin = await self.repo.optin(guild_id, member_id)
        if optin is None or not optin.share_with_moderator:
            raise UserFacingError(messages.NOT_SHARED.format(member=mention))
        groups = [
            await self.cohorts.group(e.group_id)
            for e in await self.cohorts.active_for_user(guild_id, member_id)
            if e.group_id is not None
        ]
        if not any(g is not None and g.moderator_id == moderator_id for g in groups):
            raise UserFacingError(messages.NOT_THEIR_MODERATOR.format(member=mention))
        return await self.trend(guild_id, member_id)

    # --- coordinators -------------------------------------------------------------------------

    async def _cohort_named(self, guild_id: int, name: str) -> Cohort:
        found = await self.cohorts.by_name(guild_id, name)
        if found is None:
            raise InvalidInput(messages.NO_COHORT.format(name=name))
        return found

    async def outcomes(self, guild_id: int, cohort: str) -> CohortOutcomes:
        """A cohort's aggregate outcomes (small groups suppressed) and WHO-5 weekly means."""
        found = await self._cohort_named(guild_id, cohort)
        answers = await self.repo.cohort_answers(found.id)
        return CohortOutcomes(found, cohort_outcomes(answers), weekly_means(answers, "who5"))

    async def configure(
        self,
        guild_id: int,
        cohort: str,
        *,
        phq9: bool | None = None,
        full_weeks: str | None = None,
        weekly: bool | None = None,
    ) -> SettingsSaved:
        """Change a cohort's questions and weeks; nothing is saved when an option is invalid."""
        found = await self._cohort_named(guild_id, cohort)
        if phq9 is None and full_weeks is None and weekly is None:
            raise InvalidInput(messages.SETTINGS_NOTHING)
        weeks = parse_weeks(full_weeks, found.weeks) if full_weeks is not None else None
        now = self.clock.now()
        if phq9 is not None:
            enabled = set(await self.repo.cohort_enabled(found.id))
            enabled = enabled | {CRISIS_RULE} if phq9 else enabled - {CRISIS_RULE}
            await self.repo.set_cohort_enabled(found.id, enabled, now)
        if weeks is None and weekly is None:
            return SettingsSaved(found, phq9, None, False)
        forms: Sequence[str] | None = None
        if weekly is not None:
            forms = self.book.schedule.weekly if weekly else ()
        await self.repo.set_cohort_schedule(found.id, now, full_weeks=weeks, weekly_forms=forms)
        current_weeks, current_forms = await self.repo.cohort_schedule(found.id)
        return SettingsSaved(
            found,
            phq9,
            current_weeks if current_weeks is not None else self.book.schedule.full_weeks,
            bool(current_forms if current_forms is not None else self.book.schedule.weekly),
        )
