"""One way in for message content (``cogs/screening``), and the screening models' slots, end to end.

The models are fakes here (``FakeModel`` and ``FakeGuidelineScorer``, injected through
``build_local_bot(crisis_model=, guideline_model=)`` into ``Services``): they show the wiring,
not the models' quality.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import pytest

from bot import DataFiles, build_local_bot
from cogs.crisis.detector import Level
from cogs.screening.guideline_model import FakeGuidelineScorer, GuidelineScore
from cogs.screening.stage import (
    MODEL_ALERT_RULE,
    MODEL_REVIEW_RULE,
    MODEL_VETO_RULE,
    ModelScore,
    ModelThresholds,
    model_rule,
)
from cogs.utils.clock import FakeClock
from sandbox.fake_discord import FakeDiscord
from sandbox.harness import run_bot
from sandbox.world import World
from tests.conftest import Kindred
from tests.integration.helpers import configure

CONCERN = "Honestly I keep wishing I could just go to sleep and not wake up."
# Risk the lexicon does not see (checked below); the fake model does.
# Indirect enough that the rules alone miss it (the model is faked here).
UNSEEN = "the quiet is coming soon and I am ready for it"
ORDINARY = "the physio says my balance is better this month"


class FakeModel:
    """Rates the texts it was told to alarm on; everything else as clearly harmless."""

    thresholds = ModelThresholds(alert=0.5, urgent=0.8, veto_floor=0.05)

    def __init__(self, alarming: Sequence[str] = ()) -> None:
        self.alarming = set(alarming)
        self.read: list[str] = []

    def score(self, texts: Sequence[str]) -> list[ModelScore]:
        self.read.extend(texts)
        return [
            ModelScore(0.9, 0.2) if t in self.alarming else ModelScore(0.01, 0.0) for t in texts
        ]


@pytest.fixture
def model() -> FakeModel:
    return FakeModel(alarming=[UNSEEN])


@pytest.fixture
async def modelled(
    fake: FakeDiscord,
    world: World,
    db_url: str,
    clock: FakeClock,
    data_files: DataFiles,
    model: FakeModel,
) -> AsyncIterator[Kindred]:
    """Kindred with the fake screening model."""
    async with _with_models(fake, world, db_url, clock, data_files, crisis_model=model) as k:
        yield k


@asynccontextmanager
async def _with_models(
    fake: FakeDiscord,
    world: World,
    db_url: str,
    clock: FakeClock,
    data_files: DataFiles,
    **models: object,
) -> AsyncIterator[Kindred]:
    bot = await build_local_bot(
        db_url,
        clock,
        world.guild.id,
        data_files,
        **models,  # type: ignore[arg-type]
    )
    async with run_bot(fake, bot) as driver:
        yield Kindred(bot=bot, driver=driver, fake=fake, world=world, clock=clock)
        assert driver.logged_errors == [], [r.getMessage() for r in driver.logged_errors]


def cases(k: Kindred):
    return k.bot.services.lanes.crisis.cases


# --- one way in -------------------------------------------------------------------------------


async def test_only_screening_listens_for_message_content(kindred: Kindred) -> None:
    def owners(event: str) -> list[str]:
        return sorted(
            type(cog).__name__
            for cog in kindred.bot.cogs.values()
            for name, _ in cog.get_listeners()
            if name == event
        )

    assert owners("on_raw_message_edit") == ["ScreeningCog"]
    # What AutoMod blocked (never posted) or flagged, with its text.
    assert owners("on_automod_action") == ["ScreeningCog"]
    # Attendance counts posts in group channels and pair threads; it never reads the text.
    assert owners("on_message") == ["CheckinsCog", "CohortsCog", "ScreeningCog"]


async def test_a_me_too_reply_to_a_disclosure_is_screened_with_what_it_replies_to(
    kindred: Kindred,
) -> None:
    await configure(kindred)
    w = kindred.world
    first = await kindred.driver.post(w.member("Asha"), w.channels["general"], CONCERN)
    reply = await kindred.driver.post(
        w.member("Ben"), w.channels["general"], "same here", reply_to=first
    )
    case = await cases(kindred).for_message(int(reply["id"]))
    assert case is not None
    assert case.level == "concern"
    assert "agrees_with_reply_context" in case.rules


# --- the screening model's slot ----------------------------------------------------------------


async def test_a_message_the_lexicon_misses_becomes_a_case_when_the_model_says_so(
    modelled: Kindred, model: FakeModel, data_files: DataFiles
) -> None:
    assert data_files.crisis.screen(UNSEEN).level is Level.NONE  # the lexicon alone misses it
    await configure(modelled)
    asha = modelled.world.member("Asha")
    posted = await modelled.driver.post(asha, modelled.world.channels["general"], UNSEEN)
    case = await cases(modelled).for_message(int(posted["id"]))
    assert case is not None
    assert case.level == "concern"
    assert case.rules == (MODEL_ALERT_RULE,)
    assert case.member_notified == "dm"
    assert UNSEEN in model.read


async def test_a_lexicon_alert_the_model_rules_out_opens_no_concern_case(
    modelled: Kindred, data_files: DataFiles
) -> None:
    assert data_files.crisis.screen(CONCERN).level is Level.CONCERN
    await configure(modelled)
    asha = modelled.world.member("Asha")
    posted = await modelled.driver.post(asha, modelled.world.channels["general"], CONCERN)
    case = await cases(modelled).for_message(int(posted["id"]))
    # A quiet look for the staff channel instead: nobody paged, the member not messaged.
    assert case is not None
    assert case.level == "watch"
    assert MODEL_VETO_RULE in case.rules
    assert modelled.driver.dms_to(asha) == []


async def test_the_model_reads_neither_the_staff_channel_nor_other_languages(
    modelled: Kindred, model: FakeModel
) -> None:
    await configure(modelled)
    w = modelled.world
    await modelled.driver.post(w.member("Maya"), w.channels["staff"], UNSEEN)
    # Hopeless Spanish no rule alerts on ("quiero que todo se acabe" is a wish to die now)
    await modelled.driver.post(
        w.member("Asha"), w.channels["general"], "ya no aguanto más, todo me sale mal"
    )
    await modelled.driver.post(w.member("Asha"), w.channels["general"], ORDINARY)
    assert model.read == [ORDINARY]
    assert await cases(modelled).get(1) is None


# --- the guideline model's slot ----------------------------------------------------------------

TIRED = "I'm so exhausted this week, fatigue is crushing me"
ORDERS = "B12 shots. go tomorrow."  # advice as a bare order: no rule catches it
SNEER = "people like you drain this group"  # contempt without a swear word
NOTHING_SCORED = GuidelineScore(0.0, 0.0, 0.0, 0.0)


@pytest.fixture
def replies() -> FakeGuidelineScorer:
    return FakeGuidelineScorer(
        scores={
            ORDERS: GuidelineScore(0.0, 0.0, 0.9, 0.0),
            SNEER: GuidelineScore(0.0, 0.0, 0.0, 0.6),  # review bar 0.5, hide bar 0.8
        }
    )


@pytest.fixture
async def coached(
    fake: FakeDiscord,
    world: World,
    db_url: str,
    clock: FakeClock,
    data_files: DataFiles,
    model: FakeModel,
    replies: FakeGuidelineScorer,
) -> AsyncIterator[Kindred]:
    """Kindred with both fake models."""
    async with _with_models(
        fake, world, db_url, clock, data_files, crisis_model=model, guideline_model=replies
    ) as k:
        yield k


async def test_advice_the_rules_miss_is_nudged_when_the_model_flags_it(
    coached: Kindred, replies: FakeGuidelineScorer, data_files: DataFiles
) -> None:
    assert data_files.guidelines.screen(ORDERS, TIRED) == []  # the rules alone miss it
    await configure(coached)
    w = coached.world
    first = await coached.driver.post(w.member("Asha"), w.channels["general"], TIRED)
    await coached.driver.post(w.member("Ben"), w.channels["general"], ORDERS, reply_to=first)
    assert (TIRED, ORDERS) in [pair for batch in replies.calls for pair in batch]
    nudge = coached.driver.dms_to(w.member("Ben"))
    assert len(nudge) == 1
    assert "Advice only when it's asked for" in nudge[0]["content"]
    counts = await coached.bot.services.lanes.guidelines.repo.counts(
        w.guild.id, coached.clock.now() - dt.timedelta(days=1)
    )
    assert ("unsolicited_advice", model_rule("unsolicited_advice"), "nudged_dm", 1) in counts


async def test_possible_contempt_stays_up_and_waits_in_the_moderators_queue(
    coached: Kindred,
) -> None:
    await configure(coached)
    w = coached.world
    posted = await coached.driver.post(w.member("Ben"), w.channels["general"], SNEER)
    assert posted["id"] in {m["id"] for m in coached.fake.messages_in(w.channels["general"]["id"])}
    assert coached.driver.dms_to(w.member("Ben")) == []  # not hidden, so nothing to tell
    queue = await coached.driver.command(w.member("Maya"), "mod queue")
    assert f"({MODEL_REVIEW_RULE})" in queue.content
    assert "not hidden" in queue.content


async def test_a_crisis_alert_is_never_held_up_by_the_guideline_model(
    coached: Kindred, replies: FakeGuidelineScorer
) -> None:
    await configure(coached)
    w = coached.world
    await coached.driver.post(w.member("Asha"), w.channels["general"], UNSEEN)
    assert replies.calls == []  # crisis had the message: the guideline model never read it
    await coached.driver.post(w.member("Asha"), w.channels["general"], ORDINARY)
    assert replies.calls == [[("", ORDINARY)]]
