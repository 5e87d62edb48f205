"""A worker's shard producer: reads a shard's subscribers and turns each into a job.

:meth:`Producer.produce` reads one shard in keyset pages on the worker's own PostgreSQL
connection (the next page is fetched while the current one is sent; the connection is
re-opened with backoff while the database is away), and for each subscriber takes a slot
of the run's in-flight window, skips it when a previous run of the shard finished it,
refuses an address that cannot be sent to, renders and assembles the message, waits for
the node's global, sliding-window and per-domain rate limits, and hands the job to the
:class:`~blaster.senders.SenderPool`. A message that cannot be built costs one subscriber
(a render failure), never the shard.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from blaster import addresses, metrics, store
from blaster.backoff import Backoff
from blaster.config import Settings
from blaster.errors import RenderError, StoreError
from blaster.models import FailureKind, Subscriber
from blaster.ratelimit import RateLimits
from blaster.senders import SenderPool
from blaster.shardrun import Job, ShardRun
from blaster.store.subscribers import fetch_page

logger = logging.getLogger(__name__)

#: reconnecting to PostgreSQL while it is away: 0.25 s doubling to 5 s
DB_BACKOFF = Backoff(base=0.25, cap=5.0)

def _shown(addr: str, limit: int = 80) -> str:
    """``addr`` quoted for a failure message, cut short when long."""
    return repr(addr if len(addr) <= limit else addr[:limit] + "…")


class Producer:
    """Reads shards for one worker process and feeds its sender pool.

    :param settings: the node's settings (database, page size).
    :param worker_id: the coordinator's name for this worker (for log lines).
    :param limits: the node's rate limits, shared with the other workers.
    :param senders: where the jobs go.
    """

    def __init__(
        self, *, settings: Settings, worker_id: int, limits: RateLimits, senders: SenderPool
    ) -> None:
        self.settings = settings
        self.worker_id = worker_id
        self.limits = limits
        self.senders = senders
        self.db: store.AsyncConn | None = None
        #: the page connection being opened at start (see :meth:`connect_early`)
        self.connecting: asyncio.Task[None] | None = None

    def connect_early(self) -> None:
        """Open the page connection now, while nothing waits for it: the first page then
        does not (a failure is left to the pages' own reconnects)."""

        async def connect() -> None:
            with contextlib.suppress(store.OperationalError, StoreError):
                self.db = await store.connect_async(self.settings.database.dsn)

        self.connecting = asyncio.ensure_future(connect())

    async def close(self) -> None:
        """Close the page connection (or stop opening it)."""
        if self.connecting is not None:
            self.connecting.cancel()
            await asyncio.gather(self.connecting, return_exceptions=True)
        if self.db is not None:
            await self.db.close()

    async def produce(self, run: ShardRun) -> None:
        """Read the shard in keyset pages, each bounded above by ``after + span``.

        The upper bound keeps every page query small whatever the plan PostgreSQL picks; a
        short page means the range up to that bound is exhausted, so the span grows.
        """
        hi, limit = run.shard.hi, self.settings.engine.batch_size
        span = 2 * limit
        after = run.frontier.value
        upper = min(hi, after + span)
        pending = asyncio.ensure_future(self._fetch(run, after, upper))
        while True:
            page = await pending
            if page is None:  # stopped while waiting for the database
                return
            full = len(page) == limit
            if len(page) < limit // 2:
                span *= 2
            elif full:
                span = max(2 * limit, span // 2)
            nxt_after = page[-1].id if full else upper
            nxt_upper = min(hi, nxt_after + span)
            last = not full and upper >= hi
            if not last:  # read ahead while this page is sent
                pending = asyncio.ensure_future(self._fetch(run, nxt_after, nxt_upper))
            for sub in page:
                if not await self._submit(run, sub):
                    break
            if run.stopping:
                if not last:
                    await pending  # let the query finish; its rows are dropped
                return
            if not full:
                run.frontier.read_through(upper)
            if last:
                run.exhausted = True
                return
            upper = nxt_upper

    async def _fetch(self, run: ShardRun, after: int, upper: int) -> list[Subscriber] | None:
        """One keyset page of ``(after, upper]``; reconnects with backoff while the database
        is away; None when the run stopped meanwhile."""
        if self.connecting is not None:  # opened at start: use it rather than a second one
            await self.connecting
        attempt = 0
        while not run.stopping:
            try:
                if self.db is None or self.db.closed:
                    self.db = await store.connect_async(self.settings.database.dsn)
                return await fetch_page(
                    self.db,
                    run.ctx.spec,
                    after,
                    upper,
                    self.settings.engine.batch_size,
                    retry=run.shard.kind == "retry",
                )
            except (store.OperationalError, StoreError) as exc:
                attempt += 1
                delay = DB_BACKOFF.delay(attempt)
                logger.warning(
                    "worker %d: database unavailable (%s); retrying in %.1fs",
                    self.worker_id,
                    str(exc).splitlines()[0],
                    delay,
                )
                if self.db is not None:
                    await self.db.close()
                    self.db = None
                await asyncio.sleep(delay)
        return None

    async def _submit(self, run: ShardRun, sub: Subscriber) -> bool:
        """Queue one subscriber's message; False when the run stopped meanwhile."""
        await run.window.acquire()
        if run.stopping:
            run.window.release()
            return False
        run.frontier.add(sub.id)
        run.started()
        data = self._message(run, sub)
        if data is None:  # done before, or failed: settled already
            return True
        if not await self._window_slot(run):
            run.finished(None)
            return False
        now = time.monotonic()
        wait = self.limits.global_wait(now)
        if wait > 0:
            metrics.RATE_WAIT.inc(wait)
            await asyncio.sleep(wait)
        job = Job(run, sub.id, sub.email, data)
        domain_wait = self.limits.domain_wait(sub.email, now)
        if domain_wait > 0:  # this domain waits; the producer goes on with the next one
            metrics.RATE_WAIT.inc(domain_wait)
            self.senders.later(job, domain_wait)
        else:
            await self.senders.put(job)
        return True

    def _message(self, run: ShardRun, sub: Subscriber) -> bytes | None:
        """The subscriber's message, or None when it is settled without one: finished by a
        previous run of the shard (never send twice), an address that cannot be sent to,
        or a message that cannot be built."""
        if run.done_before(sub.id):
            run.finished(sub.id)
            return None
        problem = addresses.problem(sub.email)
        if problem:
            reason = f"invalid address {_shown(sub.email)}: {problem}"
            run.fail(sub.id, FailureKind.PERMANENT, 0, reason, 0)
            run.finished(sub.id)
            return None
        try:
            return run.ctx.build(sub)
        except RenderError as exc:
            run.fail(sub.id, FailureKind.RENDER, 0, str(exc), 0)
        except Exception as exc:  # a bug must cost one subscriber, never stall the shard
            logger.exception(
                "worker %d: building the message for %d failed", self.worker_id, sub.id
            )
            run.fail(sub.id, FailureKind.RENDER, 0, f"{type(exc).__name__}: {exc}", 0)
        run.finished(sub.id)
        return None

    async def _window_slot(self, run: ShardRun) -> bool:
        """Wait until the sliding window admits one more message; False if stopped."""
        while (wait := self.limits.window_wait(time.time())) > 0:
            if run.stopping:
                return False
            metrics.RATE_WAIT.inc(min(wait, 1.0))
            await asyncio.sleep(min(wait, 1.0))  # wake up to notice a pause
        return True
