"""``ModelRunner``: the screening model off the event loop, batched, and never costing an alert."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Sequence

import pytest

from cogs.screening.guideline_model import GuidelineScore
from cogs.screening.runner import MAX_PAIR_BACKLOG, ModelRunner
from cogs.screening.stage import ModelScore, ModelThresholds

THRESHOLDS = ModelThresholds(alert=0.6, urgent=0.8, veto_floor=0.1)


class FakeScorer:
    """Scores a text by its length; records each batch and the thread it ran on."""

    thresholds = THRESHOLDS

    def __init__(self, *, gate: threading.Event | None = None) -> None:
        self.batches: list[list[str]] = []
        self.threads: set[int] = set()
        self.gate = gate
        self.started = threading.Event()

    def score(self, texts: Sequence[str]) -> list[ModelScore]:
        self.threads.add(threading.get_ident())
        self.batches.append(list(texts))
        self.started.set()
        if self.gate is not None:
            self.gate.wait(5)
        return [ModelScore(alert=len(t) / 100, urgent=0.0) for t in texts]


@pytest.fixture
def scorer() -> FakeScorer:
    return FakeScorer()


async def test_a_lone_message_is_scored_at_once_off_the_event_loop(scorer: FakeScorer) -> None:
    runner = ModelRunner(scorer)
    try:
        assert await runner.score("x" * 42) == ModelScore(alert=0.42, urgent=0.0)
    finally:
        runner.close()
    assert scorer.batches == [["x" * 42]]
    assert threading.get_ident() not in scorer.threads


async def test_messages_that_arrive_together_are_scored_as_one_batch(scorer: FakeScorer) -> None:
    runner = ModelRunner(scorer)
    try:
        scores = await asyncio.gather(*(runner.score("x" * n) for n in range(1, 6)))
    finally:
        runner.close()
    assert scorer.batches == [["x" * n for n in range(1, 6)]]
    assert [s.alert if s else None for s in scores] == [0.01, 0.02, 0.03, 0.04, 0.05]


async def test_messages_that_arrive_during_a_batch_form_the_next_batch() -> None:
    gate = threading.Event()
    scorer = FakeScorer(gate=gate)
    runner = ModelRunner(scorer)
    try:
        first = asyncio.ensure_future(runner.score("first"))
        # Wait (in another thread) until the first batch is running in the worker thread.
        assert await asyncio.to_thread(scorer.started.wait, 5)
        later = [asyncio.ensure_future(runner.score(t)) for t in ("second", "third")]
        await asyncio.sleep(0)
        gate.set()
        await asyncio.gather(first, *later)
    finally:
        runner.close()
    assert scorer.batches == [["first"], ["second", "third"]]


async def test_a_batch_is_at_most_max_batch_long(scorer: FakeScorer) -> None:
    runner = ModelRunner(scorer, max_batch=2)
    try:
        await asyncio.gather(*(runner.score(str(n)) for n in range(5)))
    finally:
        runner.close()
    assert [len(b) for b in scorer.batches] == [2, 2, 1]


async def test_a_priority_text_goes_ahead_of_the_queue_in_a_batch_of_its_own() -> None:
    gate = threading.Event()
    scorer = FakeScorer(gate=gate)
    runner = ModelRunner(scorer)
    try:
        first = asyncio.ensure_future(runner.score("first"))
        assert await asyncio.to_thread(scorer.started.wait, 5)
        chat = [asyncio.ensure_future(runner.score(t)) for t in ("a", "b", "c")]
        alert = asyncio.ensure_future(runner.score("alert", priority=True))
        await asyncio.sleep(0)
        gate.set()
        await asyncio.gather(first, alert, *chat)
    finally:
        runner.close()
    assert scorer.batches == [["first"], ["alert"], ["a", "b", "c"]]


async def test_a_caller_that_timed_out_is_not_scored_late() -> None:
    gate = threading.Event()
    scorer = FakeScorer(gate=gate)
    runner = ModelRunner(scorer, timeout=0.05)
    try:
        first = asyncio.ensure_future(runner.score("first"))
        assert await asyncio.to_thread(scorer.started.wait, 5)
        assert await runner.score("gave up") is None
        gate.set()
        await first
        assert await runner.score("later") is not None
    finally:
        runner.close()
    assert ["gave up"] not in scorer.batches
    assert scorer.batches[-1] == ["later"]


class BrokenScorer:
    thresholds = THRESHOLDS

    def __init__(self, result: object) -> None:
        self.result = result

    def score(self, texts: Sequence[str]) -> list[ModelScore]:
        if isinstance(self.result, Exception):
            raise self.result
        return self.result  # type: ignore[return-value]


@pytest.mark.parametrize(
    "result",
    [RuntimeError("tokenizer choked on: I want to end it"), [ModelScore(0.9, 0.9)] * 3],
    ids=["raises", "wrong-count"],
)
async def test_a_failing_model_answers_none_and_logs_no_text(
    result: object, caplog: pytest.LogCaptureFixture
) -> None:
    runner = ModelRunner(BrokenScorer(result))
    try:
        with caplog.at_level(logging.ERROR, logger="cogs.screening.runner"):
            assert await runner.score("I want to end it") is None
    finally:
        runner.close()
    assert "lexicon only" in caplog.text
    assert "end it" not in caplog.text


async def test_a_hung_model_answers_none_after_the_timeout(
    caplog: pytest.LogCaptureFixture,
) -> None:
    gate = threading.Event()
    runner = ModelRunner(FakeScorer(gate=gate), timeout=0.05)
    try:
        with caplog.at_level(logging.WARNING, logger="cogs.screening.runner"):
            assert await runner.score("hello") is None
    finally:
        gate.set()
        runner.close()
    assert "no score within" in caplog.text


async def test_after_close_scores_are_none_not_errors(scorer: FakeScorer) -> None:
    runner = ModelRunner(scorer)
    runner.close()
    assert await runner.score("hello") is None


class FakeReplies:
    """Scores (context, reply) pairs; records each batch."""

    thresholds = None

    def __init__(self) -> None:
        self.batches: list[list[tuple[str, str]]] = []

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[GuidelineScore]:
        self.batches.append(list(pairs))
        return [GuidelineScore(0.1, 0.2, 0.3, len(t) / 100) for _, t in pairs]


async def test_guideline_pairs_share_the_worker_and_wait_for_every_crisis_text() -> None:
    gate = threading.Event()
    crisis, replies = FakeScorer(gate=gate), FakeReplies()
    runner = ModelRunner(crisis, guidelines=replies)  # type: ignore[arg-type]
    try:
        first = asyncio.ensure_future(runner.score("hold"))
        await asyncio.to_thread(crisis.started.wait, 5)
        pair = asyncio.ensure_future(runner.score_reply(None, "x" * 7))
        chat = asyncio.ensure_future(runner.score("chat"))
        await asyncio.sleep(0)
        gate.set()
        await asyncio.gather(first, pair, chat)
    finally:
        runner.close()
    assert crisis.batches == [["hold"], ["chat"]]  # the pair queued first, scored last
    assert replies.batches == [[("", "x" * 7)]]
    assert pair.result() == GuidelineScore(0.1, 0.2, 0.3, 0.07)


async def test_without_a_model_for_it_a_runner_answers_none() -> None:
    only_replies = ModelRunner(None, guidelines=FakeReplies())  # type: ignore[arg-type]
    only_crisis = ModelRunner(FakeScorer())
    try:
        assert await only_replies.score("anything") is None
        assert only_replies.thresholds is None
        assert await only_crisis.score_reply("ctx", "anything") is None
    finally:
        only_replies.close()
        only_crisis.close()


async def test_under_load_guideline_pairs_are_shed_at_once_not_queued() -> None:
    gate = threading.Event()
    crisis, replies = FakeScorer(gate=gate), FakeReplies()
    runner = ModelRunner(crisis, guidelines=replies)  # type: ignore[arg-type]
    try:
        busy = asyncio.ensure_future(runner.score("hold"))
        await asyncio.to_thread(crisis.started.wait, 5)
        waiting = [
            asyncio.ensure_future(runner.score_reply(None, f"r{n}"))
            for n in range(MAX_PAIR_BACKLOG)
        ]
        await asyncio.sleep(0)
        assert await runner.score_reply(None, "one too many") is None  # answered at once
        assert runner.shed == 1
        gate.set()
        await asyncio.gather(busy, *waiting)
    finally:
        runner.close()
    assert all(w.result() is not None for w in waiting)
    assert ("", "one too many") not in [p for b in replies.batches for p in b]
