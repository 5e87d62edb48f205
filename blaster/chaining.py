"""Pipelining across transactions (RFC 2920) in a sender's loop.

On a connection that pipelines, a sender hands its job to a :class:`Chain`, which writes the
next queued message's MAIL/RCPT/DATA behind the open message's data
(:meth:`~blaster.messengers.Chaining.finish`): up to two transactions in flight, one write
and one reply wait per message. A job is begun behind the open one only when, at that
moment:

- one is already queued for this relay (a chain never waits for work while a transaction is
  open: the open one finishes alone instead);
- the relay's ``max_rate`` token is free, the job's shard lease holds and its run is not
  stopping (else the job taken goes back to the sender, which waits for its token and lease
  as for any job once the open transaction has finished alone);
- ``max_msgs_per_conn`` leaves room for both on this connection.

Each outcome is settled on its own message by the pool
(:meth:`~blaster.senders.SenderPool.settle`), exactly as a lone send's; a message chained
behind one whose connection went (421, dropped, no reply) never had its data sent: it is
:class:`~blaster.errors.Unanswered` and goes back to the queue without an attempt counted.
Every job taken off the queue is settled, requeued or handed back to the sender; if the
sender is cancelled (a stop past its timeout), those not settled are abandoned as not
started (their shard's checkpoint keeps them undone, so a resume sends them).
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Protocol

from blaster import metrics
from blaster.errors import SendError

if TYPE_CHECKING:
    from blaster.balance import WeightedQueue
    from blaster.messengers import Chaining, Session
    from blaster.shardrun import Job


class Pool(Protocol):
    """What a chain needs of its sender pool (:class:`~blaster.senders.SenderPool`)."""

    queue: WeightedQueue[Job | None]
    inflight: int  #: messages handed to a relay, reply pending

    def token(self, label: str) -> float:
        """Take the relay's rate token: 0.0 when free now, else the monotonic time it is due."""
        ...

    def settle(self, session: Session, job: Job, exc: SendError | None) -> float:
        """Record an attempt's outcome; the seconds the sender should pause."""
        ...


class Chain:
    """One sender's transactions on its pipelining session.

    :param pool: the sender pool (its queue, rate tokens and settling).
    :param session: the sender's session.
    """

    def __init__(self, pool: Pool, session: Chaining) -> None:
        self.pool = pool
        self.session = session
        self.hist = metrics.batched(metrics.SMTP_SECONDS.labels(session.label))
        #: the transaction open on the connection (its data awaited) and when it was begun
        self.open: Job | None = None
        self.began = 0.0
        #: the transaction begun behind the open one's data, its replies pending
        self.next: Job | None = None
        self.next_began = 0.0
        #: a job taken off the queue and not begun: it waits for its rate token or lease
        self.taken: Job | None = None

    async def send(self, job: Job) -> tuple[Job | None, float, bool]:
        """Send ``job`` (its rate token taken, its lease checked), then each job queued for
        the relay behind the one before while it may be.

        :returns: a job taken off the queue but not begun (None: none), when its rate token
            is due (0.0: now), for the sender to start as any job; and True (with no job)
            when the queue's stop marker was taken instead.
        """
        try:
            opened = await self._start(job)
            while opened:
                nxt, due, stop = self._take()
                if nxt is None or due or not _may_start_now(nxt):
                    await self._finish(None)
                    self.taken = None
                    return nxt, due, stop
                opened = await self._finish(nxt)
            return None, 0.0, False
        except asyncio.CancelledError:
            self._abandon()
            raise

    async def _start(self, job: Job) -> bool:
        """Begin ``job``'s transaction: True once its data is awaited, else it was settled
        (refused, or sent whole by a connection without PIPELINING)."""
        self.open, self.began = job, time.perf_counter()
        self.pool.inflight += 1
        try:
            opened = await self.session.start(job.run.ctx.envelope_from, job.recipient, job.data)
        except SendError as exc:
            await _pause(self._settle_open(exc))
            return False
        if not opened:
            self._settle_open(None)
        return opened

    def _take(self) -> tuple[Job | None, float, bool]:
        """A job queued for this relay, taken without waiting (None: none, or the connection
        cannot take another transaction now), when its rate token is due, and whether the
        stop marker came off the queue instead."""
        session, queue = self.session, self.pool.queue
        if not session.chainable or queue.empty_for(session.label):
            return None, 0.0, False
        job = queue.get_nowait(session.label)
        if job is None:
            return None, 0.0, True
        self.taken = job
        return job, self.pool.token(session.label), False

    async def _finish(self, nxt: Job | None) -> bool:
        """Send the open transaction's data, with ``nxt``'s commands behind it, and settle
        what came back: True when ``nxt`` is the open transaction now."""
        envelope = None
        if nxt is not None:
            self.taken, self.next, self.next_began = None, nxt, time.perf_counter()
            self.pool.inflight += 1
            envelope = (nxt.run.ctx.envelope_from, nxt.recipient, nxt.data)
        first, second = await self.session.finish(envelope)
        pause = self._settle_open(first)
        if nxt is not None:
            if second is None:  # open now (the first kept the connection: no pause due)
                self.open, self.began, self.next = nxt, self.next_began, None
                return True
            job, self.next = nxt, None
            pause = max(pause, self._settle(job, self.next_began, second))
        await _pause(pause)
        return False

    def _settle_open(self, exc: SendError | None) -> float:
        job, self.open = self.open, None
        assert job is not None
        return self._settle(job, self.began, exc)

    def _settle(self, job: Job, began: float, exc: SendError | None) -> float:
        """Settle one transaction on its run (the latency from the write of its commands to
        its outcome); the seconds to pause."""
        self.pool.inflight -= 1
        self.hist.observe(time.perf_counter() - began)
        return self.pool.settle(self.session, job, exc)

    def _abandon(self) -> None:
        """Cancelled: the jobs not settled leave their runs as not started (undone)."""
        for job in (self.open, self.next):
            if job is not None:
                self.pool.inflight -= 1
                job.run.finished(None, job.parked)
        if self.taken is not None:
            self.taken.run.finished(None, self.taken.parked)
        self.open = self.next = self.taken = None


def _may_start_now(job: Job) -> bool:
    """The job's run is not stopping and its shard's lease holds now."""
    run = job.run
    return not run.stopping and time.monotonic() < run.trusted_until


async def _pause(seconds: float) -> None:
    if seconds > 0:  # the connection failed: give the relay a moment
        await asyncio.sleep(seconds)
