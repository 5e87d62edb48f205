"""A worker's sender pool: its delivery sessions and the weighted queue that feeds them.

Producers hand jobs (:class:`~blaster.shardrun.Job`) to :meth:`SenderPool.put`; one sender task
per persistent session (``connections`` per relay, plus the postback messengers' sessions)
takes them off a :class:`~blaster.balance.WeightedQueue`, split between relays by their
weights, and settles each on its :class:`~blaster.shardrun.ShardRun`: sent, refused
(permanent), or retried later with backoff (temporary) until attempts or age run out.

On a relay offering PIPELINING, a sender chains transactions (:mod:`blaster.chaining`): the
next queued message's MAIL/RCPT/DATA go in the same write as the open message's data, when
one is queued for the relay, its ``max_rate`` token is free and its lease holds; each outcome
is settled as a lone send's.

A relay that cannot be reached leaves the rotation (its sessions take no work) and is probed
again with exponential backoff; a job that was never handed over is requeued without an
attempt counted. No message starts once its run is stopping or past its lease deadline; a
sender cancelled by a stop past its timeout abandons the jobs it holds as not started (their
checkpoint keeps them undone).
"""

from __future__ import annotations

import asyncio
import collections
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from blaster import metrics
from blaster.backoff import Backoff
from blaster.balance import WeightedQueue, relay_weights
from blaster.chaining import Chain
from blaster.config import Settings
from blaster.errors import PermanentSendError, RelayUnavailable, SendError, Unanswered
from blaster.messengers import Chaining, Session
from blaster.messengers.replies import retry_hint
from blaster.models import FailureKind
from blaster.ratelimit import RateLimits
from blaster.shardrun import Job, ShardRun

logger = logging.getLogger(__name__)

#: probing a relay out of the rotation: 0.5 s doubling to 30 s, each wait 0.5-1.5 times that
PROBE_BACKOFF = Backoff(base=0.5, cap=30.0, jitter=(0.5, 1.5))
#: a retry waits up to 25% longer than its backoff (or the relay's hint), to spread a
#: throttled batch's retries apart; never less
RETRY_JITTER = (1.0, 1.25)
#: seconds between looks at a shard's lease while it is past its deadline
LEASE_WAIT = 0.05

Spawn = Callable[[Coroutine[Any, Any, None]], None]


class SenderPool:
    """The sessions of one worker process and the queue in front of them.

    :param settings: the node's settings (relays, retry policy).
    :param worker_id: the coordinator's name for this worker (for log lines).
    :param limits: the node's rate limits (a relay's ``max_rate``).
    :param sessions: one per connection, each labelled with its relay.
    :param spawn: runs a background coroutine owned by the worker (retries wait in one).
    :param chaining: pipeline across transactions on relays offering PIPELINING (the
        default); False sends one transaction at a time on every session (benchmarks).
    """

    def __init__(
        self,
        *,
        settings: Settings,
        worker_id: int,
        limits: RateLimits,
        sessions: list[Session],
        spawn: Spawn,
        chaining: bool = True,
    ) -> None:
        self.settings = settings
        self.chaining = chaining
        self.worker_id = worker_id
        self.limits = limits
        self.sessions = sessions
        self.spawn = spawn
        weights = relay_weights(settings.smtp) | {p.label: 1.0 for p in settings.postback}
        self.queue: WeightedQueue[Job | None] = WeightedQueue(weights, maxsize=2 * len(sessions))
        self.tasks: list[asyncio.Task[None]] = []
        #: per relay label: failed probes while the relay is out of the rotation
        self.backoff: dict[str, int] = {}
        self.retry_backoff = Backoff(base=settings.engine.retry_backoff, jitter=RETRY_JITTER)
        self.inflight = 0

    # --- the producers' side ----------------------------------------------------------------

    async def put(self, job: Job) -> None:
        """Queue a job for the sessions its campaign may use (waits while the queue is full)."""
        await self.queue.put(job, job.run.ctx.route)

    def later(self, job: Job, delay: float) -> None:
        """Queue a job after ``delay`` seconds (abandoned if its run stops meanwhile)."""
        self.spawn(self._requeue(job, delay))

    async def _requeue(self, job: Job, delay: float) -> None:
        await asyncio.sleep(delay)
        if job.run.stopping:
            job.run.finished(None, job.parked)
        else:
            await self.put(job)

    # --- lifecycle --------------------------------------------------------------------------

    async def check_relays(self) -> None:
        """Open the first session of each relay now, so a wrong address shows at start."""
        seen: set[str] = set()
        for session in self.sessions:
            if session.label not in seen:
                seen.add(session.label)
                await session.connect()

    def start(self) -> None:
        """One sender task per session."""
        self.tasks = [asyncio.ensure_future(self.sender(s)) for s in self.sessions]

    async def stop(self, timeout: float) -> None:
        """End the senders once the queue is empty (at most ``timeout`` seconds for the
        messages on the wire), then close the sessions."""
        if self.tasks:
            await self._end_senders(timeout)
        await asyncio.gather(*(s.close() for s in self.sessions), return_exceptions=True)

    async def _end_senders(self, timeout: float) -> None:
        for task, session in zip(self.tasks, self.sessions, strict=True):
            if not session.connected:  # waiting out a relay's backoff: nothing in flight
                task.cancel()
            self.queue.put_nowait(None, past_full=True)  # every sender ends behind the queue
        _done, stuck = await asyncio.wait(self.tasks, timeout=timeout)
        for task in stuck:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)

    def count_connections(self) -> None:
        """Export the open connections per relay."""
        open_per_server = collections.Counter(s.label for s in self.sessions if s.connected)
        for server in self.settings.smtp:
            metrics.SMTP_CONNECTIONS.labels(server.label).set(open_per_server[server.label])

    # --- one session's loop -----------------------------------------------------------------

    async def sender(self, session: Session) -> None:
        """Take jobs for ``session`` until a ``None`` comes off the queue."""
        hist = metrics.batched(metrics.SMTP_SECONDS.labels(session.label))
        chain = Chain(self, session) if self.chaining and isinstance(session, Chaining) else None
        job: Job | None = None  # taken off the queue, not begun; its rate token is due at `due`
        due = 0.0
        while True:
            if job is None:
                if not session.connected and not await self._probe(session):
                    continue
                job = await self._next_job(session)
                if job is None:
                    return
                due = self.token(session.label)
            run = job.run  # the common case (token free, lease valid) costs no coroutine
            if (due or run.stopping or time.monotonic() >= run.trusted_until) and not (
                await self._may_start(job, due)
            ):
                job = None
                continue
            if chain is not None and chain.session.pipelining:
                job, due, stop = await chain.send(job)
                if stop:
                    return
                continue
            self.inflight += 1
            start = time.perf_counter()
            try:
                await self._send(session, job)
            finally:
                self.inflight -= 1
                hist.observe(time.perf_counter() - start)
            job = None

    def token(self, label: str) -> float:
        """Take the relay's ``max_rate`` token for a job: 0.0 when it is free now, else the
        monotonic time it is due."""
        now = time.monotonic()
        wait = self.limits.server_wait(label, now)
        if wait <= 0:
            return 0.0
        metrics.RATE_WAIT.inc(wait)
        return now + wait

    async def _may_start(self, job: Job, due: float) -> bool:
        """Wait for the job's rate token, then while its lease is past its deadline; False
        when its run stopped meanwhile (the job abandoned: not started, a resume sends it)."""
        try:
            if (wait := due - time.monotonic()) > 0:
                await asyncio.sleep(wait)
            if await self._lease_holds(job.run):
                return True
        except asyncio.CancelledError:  # a stop past its timeout: as not started
            job.run.finished(None, job.parked)
            raise
        job.run.finished(None, job.parked)
        return False

    async def _next_job(self, session: Session) -> Job | None:
        """The session's next job; an idle session lets its relay go meanwhile."""
        idle = session.idle_timeout
        if idle and self.queue.empty_for(session.label):
            try:
                return await asyncio.wait_for(self.queue.get(session.label), idle)
            except TimeoutError:  # idle: let the relay go, reconnect when work comes
                await session.close()
        return await self.queue.get(session.label)

    async def _send(self, session: Session, job: Job) -> None:
        """One attempt, and its outcome settled on the job's run."""
        outcome: SendError | None = None
        try:
            await session.send(job.run.ctx.envelope_from, job.recipient, job.data)
        except SendError as exc:
            outcome = exc
        except asyncio.CancelledError:  # a stop past its timeout: the outcome is unknown
            job.run.finished(None, job.parked)  # undone in the checkpoint: a resume sends it
            raise
        pause = self.settle(session, job, outcome)
        if pause > 0:  # the connection failed: give the relay a moment
            await asyncio.sleep(pause)

    def settle(self, session: Session, job: Job, exc: SendError | None) -> float:
        """Record one attempt's outcome on the job's run: sent, refused, requeued without an
        attempt counted (never handed over), or retried later; the seconds the sender
        should pause before its next message."""
        run = job.run
        if exc is None:
            run.sent += 1
            run.finished(job.subscriber_id, job.parked)
        elif isinstance(exc, RelayUnavailable | Unanswered):
            if isinstance(exc, RelayUnavailable):
                self._relay_down(session, exc)
            self.later(job, 0.0)  # never handed over: no attempt counted
        elif isinstance(exc, PermanentSendError):
            run.fail(
                job.subscriber_id, FailureKind.PERMANENT, exc.code, exc.message, job.attempts + 1
            )
            run.finished(job.subscriber_id, job.parked)
        else:
            return self._retry(job, exc)
        return 0.0

    async def _lease_holds(self, run: ShardRun) -> bool:
        """Wait while this node's lease on the run's shard is past its deadline (the
        coordinator could not renew it: the database is away, or this process was frozen);
        False when the run stopped meanwhile (it was taken over, paused, or drained)."""
        while not run.stopping and time.monotonic() >= run.trusted_until:
            await asyncio.sleep(LEASE_WAIT)
        return not run.stopping

    async def _probe(self, session: Session) -> bool:
        """Connect a session before it takes work; on failure wait (backoff) and say False.

        A relay that refuses connections, times out or fails TLS/AUTH thus leaves the
        rotation: its sessions take no messages, which go to the other relays' sessions,
        and it is probed again with exponential backoff (0.5 s doubling to 30 s).
        """
        try:
            await session.connect()
        except RelayUnavailable as exc:
            self._relay_down(session, exc)
            failed = self.backoff[session.label] = self.backoff.get(session.label, 0) + 1
            await asyncio.sleep(PROBE_BACKOFF.delay(failed))
            return False
        if self.backoff.pop(session.label, None) is not None:
            logger.warning("worker %d: relay %s is back", self.worker_id, session.label)
        return True

    def _relay_down(self, session: Session, exc: RelayUnavailable) -> None:
        if session.label not in self.backoff:
            logger.warning("worker %d: relay unavailable: %s", self.worker_id, exc.message)
            self.backoff[session.label] = 0

    def _retry(self, job: Job, exc: SendError) -> float:
        """Retry ``job`` later, or record it failed when it is out of attempts or age; the
        seconds the sender should pause (the connection failed: give the relay a moment)."""
        engine = self.settings.engine
        job.attempts += 1
        now = time.monotonic()
        job.first_failure = job.first_failure or now
        # never before the relay asked; jitter spreads a throttled batch's retries apart
        delay = self.retry_backoff.delay(job.attempts, at_least=retry_hint(exc.message))
        too_old = now + delay - job.first_failure > engine.max_retry_age
        if job.attempts >= engine.max_attempts or too_old:
            why = f"gave up after {job.attempts} attempt(s) over {now - job.first_failure:.0f}s"
            job.run.fail(
                job.subscriber_id,
                FailureKind.TEMPORARY,
                exc.code,
                f"{exc.message} ({why})",
                job.attempts,
            )
            job.run.finished(job.subscriber_id, job.parked)
            return 0.0
        if not job.parked:
            job.parked = job.run.park()
        metrics.RETRIED.labels(job.run.ctx.label).inc()
        logger.debug(
            "worker %d: %s for %d, retry in %.1fs", self.worker_id, exc, job.subscriber_id, delay
        )
        self.later(job, delay)
        return min(delay, 1.0) if exc.code == 0 else 0.0
