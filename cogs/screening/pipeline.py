"""One message, one decision: what the crisis lane and the guidelines lane each do with it.

``screening/cog.py`` turns a new message or an edit into one ``Incoming`` (ids, text, the
replied-to text resolved once), runs both screens on the same text and context, and asks
``route`` what happens. The lanes then act on the ``Route``; neither screens again.

Crisis first ("crisis wins"):
- the crisis level is the lexicon's verdict after the screening model's say (``stage.combine``;
  without a model, the lexicon's verdict as it is). The staff channel is not screened for
  crisis (staff quote members there) and bots never are;
- at ``concern`` and ``urgent`` nothing is nudged, hidden or punished: the crisis lane has it;
- at ``watch`` abuse is still hidden, with care (the author gets the kind note and a moderator
  the queue item), and coaching is as usual (``cogs.guidelines.policy.handling``);
- below that, the guideline's mode (on, report only, off; per channel, then server) decides
  between nudging or hiding, only reporting, and nothing. The staff channel is exempt unless a
  mode is set for it. Edits are never nudged (only an edit that makes a message abusive counts);
- possible contempt (the guideline model's review bar, below its hide bar) is only recorded for
  /mod queue, never hidden, and not at all where the toxic rule is off;
- an AutoMod execution (a message AutoMod blocked or flagged) goes to the crisis lane only: a
  blocked message was never posted, so there is nothing to nudge or hide.

Pure: no discord, no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from cogs.crisis.detector import Level, Verdict
from cogs.guidelines.policy import handling, rule_mode
from cogs.guidelines.screen import GuidelineHit
from cogs.screening.stage import Score, Thresholds, combine

__all__ = [
    "NOTHING",
    "CrisisRoute",
    "GuidelineAction",
    "GuidelineRoute",
    "Incoming",
    "Route",
    "Source",
    "route",
]

# "automod": a message Discord's AutoMod blocked (never posted) or flagged, from its execution.
Source = Literal["message", "edit", "dm", "automod"]
GuidelineAction = Literal["none", "report", "nudge", "hide", "hide_care"]
_Mode = Callable[[str], str]  # label -> "on" | "off" | "report" in one message's channel


@dataclass(frozen=True, slots=True)
class Incoming:
    """A message as the screens see it: a new one, a DM, an edit or an AutoMod execution.

    ``channel_id`` is where it was posted (a thread's own id for a thread); ``parent_id`` is a
    thread's channel. ``context`` is the text of the message it replies to, resolved once.
    ``automod_rule``: for an execution, the name of the AutoMod rule that blocked or flagged
    it (``message_id`` is None when it was blocked: it was never posted). ``attachments``: links
    to a DM's attachments (the crisis relay passes them on as links).
    """

    message_id: int | None
    text: str
    author_id: int
    guild_id: int | None
    channel_id: int | None
    source: Source
    parent_id: int | None = None
    context: str | None = None
    is_bot: bool = False
    is_staff_channel: bool = False
    automod_rule: str | None = None
    attachments: tuple[str, ...] = ()

    @property
    def blocked(self) -> bool:
        """AutoMod blocked it: never posted, so there is nothing to nudge, hide or link to."""
        return self.source == "automod" and self.message_id is None

    @property
    def is_dm(self) -> bool:
        """Sent to Kindred privately (no server)."""
        return self.guild_id is None

    @property
    def screened_for_crisis(self) -> bool:
        """Bots and the staff channel never are."""
        return not self.is_bot and not self.is_staff_channel


@dataclass(frozen=True, slots=True)
class CrisisRoute:
    """What the crisis lane does: open a case at ``level`` unless it is ``none``."""

    level: Level
    rules: tuple[str, ...]
    reason: str
    also_abusive: tuple[str, ...] = ()  # abuse labels the message also broke (for the alert)
    lexicon_level: Level = Level.NONE  # the lexicon's own level, before the model's say


@dataclass(frozen=True, slots=True)
class GuidelineRoute:
    """What the guidelines lane does.

    ``action``: ``none``; ``report`` (record for /mod queue only, the member is not told);
    ``nudge`` (a private coaching note about ``hit``, within the member's limits); ``hide``
    (hide ``hit``'s message, infraction, appeal); ``hide_care`` (the same, with the kind note
    and a queue item, because the crisis screen heard a ``watch`` signal). ``records``: hits
    only recorded, each with its outcome (``reported`` for report-only rules, ``noted`` for a
    second coaching hit), in the order they are written, before any nudge.
    """

    action: GuidelineAction = "none"
    hit: GuidelineHit | None = None
    records: tuple[tuple[GuidelineHit, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Route:
    """Both lanes' parts of one decision."""

    crisis: CrisisRoute
    guidelines: GuidelineRoute

    @property
    def quiet(self) -> bool:
        """Nothing for either lane to do."""
        return self.crisis.level is Level.NONE and self.guidelines.action == "none"


_NO_CRISIS = CrisisRoute(Level.NONE, (), "No crisis language found.")
NOTHING = Route(_NO_CRISIS, GuidelineRoute())


def route(
    incoming: Incoming,
    verdict: Verdict,
    hits: Sequence[GuidelineHit],
    *,
    modes: Mapping[tuple[int, str], str] | None = None,
    score: Score | None = None,
    thresholds: Thresholds | None = None,
    review: GuidelineHit | None = None,
) -> Route:
    """Decide both lanes' work for one message.

    ``verdict``: the crisis lexicon on ``incoming.text`` with ``incoming.context``; ``hits``:
    the guideline screen on the same text and context, rules and model (empty for a DM);
    ``modes``: the server's guideline modes (``(channel id or 0, label) -> mode``; needed only
    with hits); ``score`` and ``thresholds``: the screening model's reading, when it ran;
    ``review``: possible contempt to queue for a moderator (``stage.with_guideline_model``).
    """
    if incoming.is_bot:
        return NOTHING
    crisis = _crisis(incoming, verdict, hits, score, thresholds)
    # Nothing to coach or hide in a DM, or in what AutoMod blocked or flagged (the post, if
    # there is one, is screened as itself): only the crisis lane acts on an execution.
    if (not hits and review is None) or incoming.is_dm or incoming.source == "automod":
        return NOTHING if crisis is _NO_CRISIS else Route(crisis, GuidelineRoute())
    decided = _guidelines(incoming, crisis.level, hits, modes or {}) if hits else GuidelineRoute()
    if review is not None:
        decided = _with_review(incoming, crisis.level, decided, review, modes or {})
    if crisis is _NO_CRISIS and decided.action == "none":
        return NOTHING
    return Route(crisis, decided)


def _crisis(
    incoming: Incoming,
    verdict: Verdict,
    hits: Sequence[GuidelineHit],
    score: Score | None,
    thresholds: Thresholds | None,
) -> CrisisRoute:
    if not incoming.screened_for_crisis:
        return _NO_CRISIS
    final = combine(verdict, score, thresholds)
    if final.level is Level.NONE:
        return _NO_CRISIS
    abusive = tuple(sorted({h.label for h in hits if h.path == "abuse"}))
    return CrisisRoute(final.level, final.rules, final.reason, abusive, verdict.level)


def _guidelines(
    incoming: Incoming,
    level: Level,
    hits: Sequence[GuidelineHit],
    modes: Mapping[tuple[int, str], str],
) -> GuidelineRoute:
    coach = incoming.source != "edit"  # an edit is judged for abuse only
    abuse = [h for h in hits if h.path == "abuse"]
    if not abuse and not coach:
        return GuidelineRoute()
    plan = handling(level, (abuse or list(hits))[0].label)
    if plan.action == "leave":
        return GuidelineRoute()  # crisis wins

    def mode(label: str) -> str:
        return rule_mode(
            label,
            modes,
            channel_id=incoming.channel_id,
            parent_id=incoming.parent_id,
            staff_channel=incoming.is_staff_channel,
        )

    if plan.action == "hide":
        return _abuse(abuse, mode, care=plan.care)
    return _coach(hits, mode)


def _with_review(
    incoming: Incoming,
    level: Level,
    decided: GuidelineRoute,
    review: GuidelineHit,
    modes: Mapping[tuple[int, str], str],
) -> GuidelineRoute:
    """Add possible contempt to /mod queue (recorded first), unless crisis has the message, the
    toxic rule is off here, or the message is hidden anyway."""
    if handling(level, "toxic").action == "leave" or decided.action in ("hide", "hide_care"):
        return decided
    mode = rule_mode(
        "toxic",
        modes,
        channel_id=incoming.channel_id,
        parent_id=incoming.parent_id,
        staff_channel=incoming.is_staff_channel,
    )
    if mode == "off":
        return decided
    records = ((review, "reported"), *decided.records)
    action: GuidelineAction = "report" if decided.action == "none" else decided.action
    return GuidelineRoute(action, decided.hit, records)


def _abuse(hits: Sequence[GuidelineHit], mode: _Mode, *, care: bool) -> GuidelineRoute:
    """The first abuse hit whose rule is on is hidden; else the first report-only one is
    reported; rules that are off are skipped."""
    active = [(h, mode(h.label)) for h in hits]
    active = [(h, m) for h, m in active if m != "off"]
    if not active:
        return GuidelineRoute()
    hit, how = next(((h, m) for h, m in active if m == "on"), active[0])
    if how == "report":
        return GuidelineRoute("report", records=((hit, "reported"),))
    return GuidelineRoute("hide_care" if care else "hide", hit)


def _coach(hits: Sequence[GuidelineHit], mode: _Mode) -> GuidelineRoute:
    """The first hit whose rule is on is nudged; report-only ones are reported and later ones
    noted; rules that are off are skipped."""
    nudge: GuidelineHit | None = None
    records: list[tuple[GuidelineHit, str]] = []
    for hit in hits:
        how = mode(hit.label)
        if how == "off":
            continue
        if how == "report" or nudge is not None:
            records.append((hit, "reported" if how == "report" else "noted"))
            continue
        nudge = hit
    if nudge is not None:
        return GuidelineRoute("nudge", nudge, tuple(records))
    return GuidelineRoute("report" if records else "none", records=tuple(records))
