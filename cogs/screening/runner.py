"""Runs the screening model off the event loop, taking messages that arrive together in one go.

A model call takes a millisecond or two of CPU; on the event loop a burst of them would delay
the gateway's heartbeats and every other listener. So ``ModelRunner.score`` only queues the
text and waits: one worker thread takes everything queued so far as one batch (one hop to the
thread; the model scores each message of it alone, so no message's score hangs on its
neighbours: ``model.OnnxModel``), and whatever arrives while it runs forms the next batch. A
message alone is scored at once; nothing waits to fill a batch.

Latency for the messages that matter: a message the lexicon already flags (``priority=True``)
goes ahead of the queued chat and is scored in a batch of its own, so under load it waits only
for the batch in progress. Batches are short (``MAX_BATCH``, 8) to keep that wait short. A caller
that has given up (its ``timeout`` passed) is dropped from the queue rather than scored late,
so a backlog cannot grow past ``timeout`` seconds of work.

A failing or hung model must never cost an alert: ``score`` answers ``None`` after an error or
``timeout`` seconds, and the caller falls back to the lexicon alone.

The guideline model (when there is one) shares the same worker thread, last in line: its
(context, reply) pairs are scored only when no crisis text is waiting, so coaching never
takes a core from the crisis screen. Under overload it is shed, not queued: with
``MAX_PAIR_BACKLOG`` pairs already waiting, a new one is answered None at once and the
guideline rules alone decide for it (a backlog of pairs waiting out their timeout held
thousands of tasks and their memory, and slowed the event loop that carries the alerts).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from cogs.screening.guideline_model import GuidelineScore, GuidelineScorer
from cogs.screening.stage import Score, Scorer, Thresholds

log = logging.getLogger(__name__)

__all__ = ["ModelRunner"]

MAX_BATCH = 8  # at ~2-3 ms a message, a batch in progress delays a priority text <= ~25 ms
TIMEOUT = 2.0  # seconds; far above a batch's cost, so only a hung model reaches it
MAX_PAIR_BACKLOG = 2 * MAX_BATCH  # guideline pairs waiting beyond this are shed at once


_Item = tuple[Any, "asyncio.Future[Any]"]  # (a text or a (context, reply) pair, its answer)


class ModelRunner:
    """One worker thread in front of a ``Scorer``; ``score`` is safe to call from many tasks."""

    def __init__(
        self,
        scorer: Scorer | None,
        *,
        guidelines: GuidelineScorer | None = None,
        max_batch: int = MAX_BATCH,
        timeout: float = TIMEOUT,
    ) -> None:
        self.scorer = scorer
        self.guidelines = guidelines
        self.max_batch = max_batch
        self.timeout = timeout
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kindred-model")
        self._queue: list[_Item] = []
        self._priority: list[_Item] = []
        self._pairs: list[_Item] = []  # guideline (context, reply) pairs: last in line
        self._worker: asyncio.Task[None] | None = None
        self.batches = 0  # batches scored (for benchmarks and tests)
        self.timeouts = 0  # crisis texts answered None after ``timeout`` (the lexicon decided)
        self.pair_timeouts = 0  # guideline pairs answered None after ``timeout``
        self.shed = 0  # guideline pairs answered None at once: too many already waiting

    @property
    def thresholds(self) -> Thresholds | None:
        """The crisis model's own cut-offs (None without a crisis model)."""
        return self.scorer.thresholds if self.scorer is not None else None

    async def score(self, text: str, *, priority: bool = False) -> Score | None:
        """The crisis model's score for ``text``, or None when there is no crisis model or it
        failed or took too long.

        ``priority``: score it ahead of the queue, in a batch of its own (a lexicon alert).
        """
        if self.scorer is None:
            return None
        result: Score | None = await self._wait(self._priority if priority else self._queue, text)
        return result

    async def score_reply(self, context: str | None, text: str) -> GuidelineScore | None:
        """The guideline model's score for a reply and the message it answers, or None when
        there is no guideline model or it failed or took too long (the rules alone decide)."""
        if self.guidelines is None:
            return None
        if sum(1 for _, f in self._pairs if not f.done()) >= MAX_PAIR_BACKLOG:
            self.shed += 1
            return None
        result: GuidelineScore | None = await self._wait(self._pairs, (context or "", text))
        return result

    async def _wait(self, queue: list[_Item], item: Any) -> Any:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        queue.append((item, future))
        if self._worker is None or self._worker.done():
            self._worker = loop.create_task(self._drain(), name="kindred:screening-model")
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout)
        except TimeoutError:
            future.cancel()  # not worth scoring any more: _drain drops it
            if queue is self._pairs:
                self.pair_timeouts += 1
                return None
            self.timeouts += 1
            # Under overload this happens for many messages a second: say so, not each time.
            if self.timeouts in (1, 10) or self.timeouts % 1000 == 0:
                log.warning(
                    "screening model: %d message(s) got no score within %.1f s; the lexicon "
                    "alone decided for them (the model cannot keep up or is stuck)",
                    self.timeouts,
                    self.timeout,
                )
            return None

    async def _drain(self) -> None:
        """Score queued texts batch by batch until the queue is empty."""
        loop = asyncio.get_running_loop()
        while True:
            batch, scorer = self._next_batch()
            if not batch or scorer is None:
                return
            texts = [text for text, _ in batch]
            scores: Sequence[Any]
            try:
                scores = await loop.run_in_executor(self._executor, scorer.score, texts)
                if len(scores) != len(texts):
                    raise ValueError(f"{len(scores)} scores for {len(texts)} texts")
            except Exception as exc:
                # The exception's text could quote a message; log its type only.
                log.error(
                    "screening model failed on %d message(s) (%s); lexicon only",
                    len(texts),
                    type(exc).__name__,
                )
                scores = [None] * len(texts)
            self.batches += 1
            for (_, future), score in zip(batch, scores, strict=True):
                if not future.done():
                    future.set_result(score)

    def _next_batch(self) -> tuple[list[_Item], Any]:
        """Up to ``max_batch`` waiting items and their scorer: crisis priority texts alone if
        any, else the oldest crisis texts, else the oldest guideline pairs."""
        self._priority = [item for item in self._priority if not item[1].done()]
        self._queue = [item for item in self._queue if not item[1].done()]
        self._pairs = [item for item in self._pairs if not item[1].done()]
        if self._priority:
            batch, self._priority = (
                self._priority[: self.max_batch],
                self._priority[self.max_batch :],
            )
            return batch, self.scorer
        if self._queue:
            batch, self._queue = self._queue[: self.max_batch], self._queue[self.max_batch :]
            return batch, self.scorer
        batch, self._pairs = self._pairs[: self.max_batch], self._pairs[self.max_batch :]
        return batch, self.guidelines

    def close(self) -> None:
        """Stop the worker thread (queued texts are answered None by their timeout)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
