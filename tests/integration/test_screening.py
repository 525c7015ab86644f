"""One way in for message content (``cogs/screening``), and the screening model's slot, end to end.

The model is a fake here (``FakeModel``, injected through ``build_local_bot(crisis_model=)``
into ``Services``): it shows the wiring, not the model's quality.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

from bot import DataFiles, build_local_bot
from cogs.crisis.detector import Level
from cogs.screening.stage import MODEL_ALERT_RULE, MODEL_VETO_RULE, ModelScore, ModelThresholds
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
    tmp_path: Path,
    clock: FakeClock,
    data_files: DataFiles,
    model: FakeModel,
) -> AsyncIterator[Kindred]:
    """Kindred with the fake screening model."""
    bot = await build_local_bot(
        tmp_path / "kindred.sqlite3", clock, world.guild.id, data_files, crisis_model=model
    )
    async with run_bot(fake, bot) as driver:
        yield Kindred(bot=bot, driver=driver, fake=fake, world=world, clock=clock)
        assert driver.logged_errors == [], [r.getMessage() for r in driver.logged_errors]


def cases(k: Kindred):
    return k.bot.get_cog("CrisisCog").cases


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
    await modelled.driver.post(
        w.member("Asha"), w.channels["general"], "ya no aguanto más, quiero que todo se acabe"
    )
    await modelled.driver.post(w.member("Asha"), w.channels["general"], ORDINARY)
    assert model.read == [ORDINARY]
    assert await cases(modelled).get(1) is None
