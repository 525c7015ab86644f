"""Runs the screening model off the event loop, batching messages that arrive together.

A model call takes a millisecond or two of CPU; on the event loop a burst of them would delay
the gateway's heartbeats and every other listener. So ``ModelRunner.score`` only queues the
text and waits: one worker thread takes everything queued so far as one batch (which the model
scores faster per message than one at a time), and whatever arrives while it runs forms the
next batch. A message alone is scored at once; nothing waits to fill a batch.

A failing or hung model must never cost an alert: ``score`` answers ``None`` after an error or
``timeout`` seconds, and the caller falls back to the lexicon alone.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from cogs.screening.stage import Score, Scorer, Thresholds

log = logging.getLogger(__name__)

__all__ = ["ModelRunner"]

MAX_BATCH = 32
TIMEOUT = 2.0  # seconds; far above a batch's cost, so only a hung model reaches it


class ModelRunner:
    """One worker thread in front of a ``Scorer``; ``score`` is safe to call from many tasks."""

    def __init__(
        self, scorer: Scorer, *, max_batch: int = MAX_BATCH, timeout: float = TIMEOUT
    ) -> None:
        self.scorer = scorer
        self.max_batch = max_batch
        self.timeout = timeout
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kindred-model")
        self._queue: list[tuple[str, asyncio.Future[Score | None]]] = []
        self._worker: asyncio.Task[None] | None = None
        self.batches = 0  # batches scored (for benchmarks and tests)

    @property
    def thresholds(self) -> Thresholds:
        """The model's own cut-offs."""
        return self.scorer.thresholds

    async def score(self, text: str) -> Score | None:
        """The model's score for ``text``, or None when the model failed or took too long."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Score | None] = loop.create_future()
        self._queue.append((text, future))
        if self._worker is None or self._worker.done():
            self._worker = loop.create_task(self._drain(), name="kindred:screening-model")
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout)
        except TimeoutError:
            log.error("screening model: no score within %.1f s; lexicon only", self.timeout)
            return None

    async def _drain(self) -> None:
        """Score queued texts batch by batch until the queue is empty."""
        loop = asyncio.get_running_loop()
        while self._queue:
            batch, self._queue = self._queue[: self.max_batch], self._queue[self.max_batch :]
            texts = [text for text, _ in batch]
            scores: Sequence[Score | None]
            try:
                scores = await loop.run_in_executor(self._executor, self.scorer.score, texts)
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

    def close(self) -> None:
        """Stop the worker thread (queued texts are answered None by their timeout)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
