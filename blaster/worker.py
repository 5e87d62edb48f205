"""A worker process: sends the shards the coordinator hands it, on a uvloop event loop.

For each shard a producer reads eligible subscribers page by page (its own connection),
renders them with the campaign's templates (compiled once per campaign in this process),
assembles MIME bytes and puts them on a :class:`~blaster.balance.WeightedQueue`; one sender
task per persistent SMTP session takes them off, split between relays by their weights.
Completions are tracked per shard by a :class:`~blaster.sharding.Frontier`, and progress goes
back to the coordinator in small periodic :class:`ShardReport` messages.

Stopping (pause, cancel, SIGTERM): no new message starts, messages already handed to a
relay finish, the shard is released with its checkpoint (frontier, how far it was read, the
IDs read but not done), so a resume sends nobody twice. If the coordinator dies, the worker
exits at once without sending more.
"""

from __future__ import annotations

import asyncio
import bisect
import collections
import contextlib
import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.queues import Queue
from typing import Any, ClassVar

import uvloop

from blaster import addresses, logs, metrics, store
from blaster.backoff import Backoff
from blaster.balance import WeightedQueue, relay_weights
from blaster.config import Settings, SmtpServer
from blaster.content import CampaignContent, PostbackContent
from blaster.errors import (
    BlasterError,
    PermanentSendError,
    RelayUnavailable,
    RenderError,
    StoreError,
    TransientSendError,
)
from blaster.messengers import Session, routes
from blaster.messengers.replies import retry_hint
from blaster.messengers.smtp import SmtpSession
from blaster.models import (
    Campaign,
    CampaignSpec,
    Checkpoint,
    Drain,
    Failure,
    FailureKind,
    Forget,
    Shard,
    ShardReport,
    StartShard,
    StopCampaign,
    StopShard,
    Subscriber,
    Trust,
    WorkerCommand,
    WorkerError,
    WorkerMessage,
    WorkerStarted,
)
from blaster.ratelimit import RateLimits
from blaster.render import CampaignRenderer
from blaster.sharding import Frontier
from blaster.store.content import LinkRegistry
from blaster.store.subscribers import fetch_page

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_ORPHANED = 3  #: the coordinator died; nothing more was sent

#: reconnecting to PostgreSQL while it is away: 0.25 s doubling to 5 s
DB_BACKOFF = Backoff(base=0.25, cap=5.0)
#: probing a relay out of the rotation: 0.5 s doubling to 30 s, each wait 0.5-1.5 times that
PROBE_BACKOFF = Backoff(base=0.5, cap=30.0, jitter=(0.5, 1.5))
#: a retry waits up to 25% longer than its backoff (or the relay's hint), to spread a
#: throttled batch's retries apart; never less
RETRY_JITTER = (1.0, 1.25)


class CampaignContext:
    """A campaign's compiled templates, attachment parts and message skeleton (a
    :class:`~blaster.content.CampaignContent`), built once per campaign per process.

    If the campaign cannot be built here although the coordinator validated it (say an
    attachment was deleted since), the shard is not stranded by an exception: every
    subscriber fails with the reason as a render failure, and the error threshold pauses
    the campaign.
    """

    #: the process-wide ``TrackLink`` registry (listmonk's url → uuid map), for all campaigns
    links: ClassVar[LinkRegistry | None] = None

    def __init__(self, spec: CampaignSpec, settings: Settings) -> None:
        self.spec = spec
        self.label = str(spec.id)
        if CampaignContext.links is None and settings.database.dsn:
            CampaignContext.links = LinkRegistry(settings.database.dsn)
        self.content: CampaignContent | PostbackContent | None = None
        self.error = ""
        #: the sessions that may send it (``None`` = any); the coordinator refuses a
        #: campaign whose messenger nothing answers to
        self.route: frozenset[str] | None = None
        try:
            self.route = routes.route(spec.messenger, settings.smtp, settings.postback)
            kind = PostbackContent if routes.is_postback(self.route) else CampaignContent
            self.content = kind(spec, settings, links=CampaignContext.links)
        except (BlasterError, LookupError) as exc:
            logger.error("campaign %d cannot be built in this worker: %s", spec.id, exc)
            self.error = str(exc)
        self.envelope_from = (
            self.content.envelope_from
            if isinstance(self.content, CampaignContent)
            else spec.from_email
        )

    @property
    def renderer(self) -> CampaignRenderer:
        """The campaign's compiled templates."""
        if self.content is None:
            raise RenderError(self.error)
        return self.content.renderer

    def build(self, sub: Subscriber) -> bytes:
        """Render and assemble one subscriber's message (raises RenderError)."""
        if self.content is None:
            raise RenderError(self.error)
        return self.content.build(sub)


def _postback_sessions(settings: Settings) -> list[Session]:
    """The postback messengers' sessions (the HTTP client is imported only when there are
    any: it costs a worker's start a tenth of a second)."""
    if not settings.postback:
        return []
    from blaster.messengers.postback import PostbackSession

    return [PostbackSession(p) for p in settings.postback for _ in range(p.connections)]


#: why an address cannot be sent to ("" when it can); shared with config and tx
address_problem = addresses.problem


def _shown(addr: str, limit: int = 80) -> str:
    """``addr`` quoted for a failure message, cut short when long."""
    return repr(addr if len(addr) <= limit else addr[:limit] + "…")


#: messages per shard that wait for a retry without holding a slot of the in-flight window
#: (beyond that they keep theirs): a relay that throttles some recipients does not stall the
#: shard, and a checkpoint (which lists every message on its way) stays small
PARKED_PER_SHARD = 1000
#: seconds between looks at a shard's lease while it is past its deadline
LEASE_WAIT = 0.05


@dataclass(eq=False)
class ShardRun:
    """The live state of one shard in this worker."""

    ctx: CampaignContext
    shard: Shard
    window: asyncio.Semaphore
    frontier: Frontier = field(init=False)
    #: the previous run's undone IDs: those up to its ``read_upto`` are done except these
    redo: set[int] = field(init=False)
    parked: int = 0  #: messages waiting for a retry that gave their window slot back
    sent: int = 0
    failures: list[Failure] = field(default_factory=list)
    outstanding: int = 0
    stopping: bool = False
    exhausted: bool = False
    reported_frontier: int = -1
    idle: asyncio.Event = field(default_factory=asyncio.Event)
    #: ``time.monotonic()`` deadline of this node's lease on the shard: no message of it
    #: starts later (the node fences itself until the coordinator renews the lease)
    trusted_until: float = float("inf")

    def __post_init__(self) -> None:
        self.frontier = Frontier(self.shard.checkpoint.frontier)
        self.redo = set(self.shard.checkpoint.undone)
        self.idle.set()

    def done_before(self, subscriber_id: int) -> bool:
        """Whether the previous run of this shard finished this subscriber already."""
        return subscriber_id <= self.shard.checkpoint.read_upto and subscriber_id not in self.redo

    def started(self) -> None:
        self.outstanding += 1
        self.idle.clear()

    def finished(self, subscriber_id: int | None, parked: bool = False) -> None:
        """A message left the pipeline: done (ID given) or abandoned (``None``)."""
        if subscriber_id is not None:
            self.frontier.done(subscriber_id)
        self.outstanding -= 1
        if parked:
            self.parked -= 1
        else:
            self.window.release()
        if self.outstanding == 0:
            self.idle.set()

    def park(self) -> bool:
        """Give a retrying message's window slot back, if fewer than
        :data:`PARKED_PER_SHARD` are parked; True when it was."""
        if self.parked >= PARKED_PER_SHARD:
            return False
        self.parked += 1
        self.window.release()
        return True

    def checkpoint(self) -> Checkpoint:
        """The checkpoint for a report, carrying the previous run's forward over the IDs
        this run has not read again yet."""
        read_upto = self.frontier.read_upto
        undone = self.frontier.undone()
        previous = self.shard.checkpoint
        if previous.read_upto > read_upto:
            old = previous.undone
            undone += old[bisect.bisect_right(old, read_upto) :]
            read_upto = previous.read_upto
        return Checkpoint(self.frontier.value, read_upto, undone)

    def fail(
        self, subscriber_id: int, kind: FailureKind, code: int, message: str, attempts: int
    ) -> None:
        self.failures.append(Failure(subscriber_id, kind, code, message, attempts))

    def report(
        self, worker_id: int, state: str = "running", force: bool = False
    ) -> ShardReport | None:
        """The progress since the last report, or None when nothing changed."""
        value = self.frontier.value
        if (
            not force
            and state == "running"
            and not self.sent
            and not self.failures
            and value == self.reported_frontier
        ):
            return None
        rep = ShardReport(
            worker_id=worker_id,
            shard_id=self.shard.id,
            campaign_id=self.shard.campaign_id,
            checkpoint=self.checkpoint(),
            sent=self.sent,
            failures=tuple(self.failures),
            state=state,
            read_all=self.exhausted,
        )
        self.sent, self.failures, self.reported_frontier = 0, [], value
        return rep


@dataclass(slots=True)
class Job:
    """One message on its way to a relay."""

    run: ShardRun
    subscriber_id: int
    recipient: str
    data: bytes
    attempts: int = 0
    first_failure: float = 0.0  #: monotonic time of the first temporary failure
    parked: bool = False  #: waiting (or sent again) after giving its window slot back


class Worker:
    """The event-loop side of a worker process.

    :param settings: the node's settings.
    :param worker_id: the coordinator's name for this worker.
    :param reports: queue to the coordinator.
    :param limits: the node's rate limits, shared with the other workers.
    :param messenger: opens a delivery session to a relay (``server.connections`` per
        relay): :class:`~blaster.messengers.smtp.SmtpSession`, or a fake in tests.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        worker_id: int,
        reports: Queue[WorkerMessage],
        limits: RateLimits,
        messenger: Callable[[SmtpServer], Session] = SmtpSession,
    ) -> None:
        self.settings = settings
        self.worker_id = worker_id
        self.reports = reports
        self.limits = limits
        self.runs: dict[int, ShardRun] = {}
        #: the campaigns the coordinator sent (each once, before its first shard)
        self.specs: dict[int, CampaignSpec] = {}
        self.tasks: set[asyncio.Task[None]] = set()
        self.contexts: dict[int, CampaignContext] = {}
        self.sessions: list[Session] = [
            messenger(server) for server in settings.smtp for _ in range(server.connections)
        ]
        self.sessions += _postback_sessions(settings)
        weights = relay_weights(settings.smtp) | {p.label: 1.0 for p in settings.postback}
        self.queue: WeightedQueue[Job | None] = WeightedQueue(
            weights, maxsize=2 * len(self.sessions)
        )
        self.db: store.AsyncConn | None = None
        #: the page connection being opened at start (see :meth:`connect_early`)
        self.connecting: asyncio.Task[None] | None = None
        self.stopped = asyncio.Event()
        self.window_size = 2 * len(self.sessions)
        #: per relay label: failed probes while the relay is out of the rotation
        self.backoff: dict[str, int] = {}
        self.retry_backoff = Backoff(base=settings.engine.retry_backoff, jitter=RETRY_JITTER)
        self.inflight = 0

    # --- commands --------------------------------------------------------------------------

    def on_command(self, cmd: WorkerCommand) -> None:
        """Handle a coordinator command (called on the loop thread)."""
        if isinstance(cmd, Campaign):
            self.specs[cmd.spec.id] = cmd.spec
        elif isinstance(cmd, Forget):  # runs still going keep their own context
            self.specs.pop(cmd.campaign_id, None)
            self.contexts.pop(cmd.campaign_id, None)
        elif isinstance(cmd, StartShard):
            # registered at once, so that a stop or a lease command right behind it finds it
            self._spawn(self._run_shard(self._new_run(cmd)))
        elif isinstance(cmd, StopCampaign):
            for run in self.runs.values():
                if run.shard.campaign_id == cmd.campaign_id:
                    run.stopping = True
        elif isinstance(cmd, StopShard):
            lost = self.runs.get(cmd.shard_id)
            if lost is not None:
                logger.warning("worker %d: shard %d %s", self.worker_id, cmd.shard_id, cmd.reason)
                lost.stopping = True
        elif isinstance(cmd, Trust):
            for run in self.runs.values():
                run.trusted_until = max(run.trusted_until, cmd.until)
        elif isinstance(cmd, Drain):
            self.drain()

    def drain(self) -> None:
        """Stop taking work; running shards release themselves once in-flight work is done."""
        if not self.stopped.is_set():
            logger.info("worker %d draining", self.worker_id)
            for run in self.runs.values():
                run.stopping = True
            self.stopped.set()

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("worker %d task failed", self.worker_id, exc_info=task.exception())

    # --- shards ----------------------------------------------------------------------------

    def _context(self, spec: CampaignSpec) -> CampaignContext:
        ctx = self.contexts.get(spec.id)
        if ctx is None or ctx.spec != spec:
            ctx = self.contexts[spec.id] = CampaignContext(spec, self.settings)
        return ctx

    def _new_run(self, cmd: StartShard) -> ShardRun:
        """The run of a shard the coordinator handed over, in :attr:`runs` from now on."""
        spec = self.specs[cmd.campaign_id]
        run = ShardRun(self._context(spec), cmd.shard, asyncio.Semaphore(self.window_size))
        run.trusted_until = cmd.trusted_until
        self.runs[run.shard.id] = run
        return run

    async def _run_shard(self, run: ShardRun) -> None:
        try:
            if not run.stopping and not self.stopped.is_set():
                await self._produce(run)
            if run.exhausted and not run.idle.is_set():  # only retries left: say so now
                tail = run.report(self.worker_id, force=True)
                self._flush_metrics(run, tail)
                if tail is not None:  # never None when forced
                    self.reports.put(tail)
            await run.idle.wait()
        finally:
            del self.runs[run.shard.id]
            state = "done" if run.exhausted and not run.stopping else "released"
            final = run.report(self.worker_id, state)
            self._flush_metrics(run, final)
            if final is not None:
                self.reports.put(final)

    async def _produce(self, run: ShardRun) -> None:
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

    def connect_early(self) -> None:
        """Open the page connection now, while nothing waits for it: the first page then
        does not (a failure is left to the pages' own reconnects)."""

        async def connect() -> None:
            with contextlib.suppress(store.OperationalError, StoreError):
                self.db = await store.connect_async(self.settings.database.dsn)

        self.connecting = asyncio.ensure_future(connect())

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
        if run.done_before(sub.id):  # never send twice
            run.finished(sub.id)
            return True
        problem = address_problem(sub.email)
        if problem:
            reason = f"invalid address {_shown(sub.email)}: {problem}"
            run.fail(sub.id, FailureKind.PERMANENT, 0, reason, 0)
            run.finished(sub.id)
            return True
        try:
            data = run.ctx.build(sub)
        except RenderError as exc:
            run.fail(sub.id, FailureKind.RENDER, 0, str(exc), 0)
            run.finished(sub.id)
            return True
        except Exception as exc:  # a bug must cost one subscriber, never stall the shard
            logger.exception(
                "worker %d: building the message for %d failed", self.worker_id, sub.id
            )
            run.fail(sub.id, FailureKind.RENDER, 0, f"{type(exc).__name__}: {exc}", 0)
            run.finished(sub.id)
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
            self._spawn(self._requeue(job, domain_wait))
        else:
            await self.queue.put(job, run.ctx.route)
        return True

    async def _window_slot(self, run: ShardRun) -> bool:
        """Wait until the sliding window admits one more message; False if stopped."""
        while (wait := self.limits.window_wait(time.time())) > 0:
            if run.stopping:
                return False
            metrics.RATE_WAIT.inc(min(wait, 1.0))
            await asyncio.sleep(min(wait, 1.0))  # wake up to notice a pause
        return True

    # --- sending ---------------------------------------------------------------------------

    async def _sender(self, session: Session) -> None:
        hist = metrics.SMTP_SECONDS.labels(session.label)
        idle = session.idle_timeout
        while True:
            if not session.connected and not await self._probe(session):
                continue
            if idle and self.queue.empty_for(session.label):
                try:
                    job = await asyncio.wait_for(self.queue.get(session.label), idle)
                except TimeoutError:  # idle: let the relay go, reconnect when work comes
                    await session.close()
                    job = await self.queue.get(session.label)
            else:
                job = await self.queue.get(session.label)
            if job is None:
                return
            server_wait = self.limits.server_wait(session.label, time.monotonic())
            if server_wait > 0:
                metrics.RATE_WAIT.inc(server_wait)
                await asyncio.sleep(server_wait)
            run = job.run  # the common case (lease valid, not stopping) costs no coroutine
            if (run.stopping or time.monotonic() >= run.trusted_until) and not (
                await self._lease_holds(run)
            ):  # not started: abandon, a resume sends it
                job.run.finished(None, job.parked)
                continue
            self.inflight += 1
            start = time.perf_counter()
            try:
                await session.send(job.run.ctx.envelope_from, job.recipient, job.data)
            except RelayUnavailable as exc:
                self._relay_down(session, exc)
                self._spawn(self._requeue(job, 0.0))  # never handed over: no attempt counted
            except PermanentSendError as exc:
                job.run.fail(
                    job.subscriber_id,
                    FailureKind.PERMANENT,
                    exc.code,
                    exc.message,
                    job.attempts + 1,
                )
                job.run.finished(job.subscriber_id, job.parked)
            except TransientSendError as exc:
                await self._retry_later(job, exc)
            else:
                job.run.sent += 1
                job.run.finished(job.subscriber_id, job.parked)
            finally:
                self.inflight -= 1
                hist.observe(time.perf_counter() - start)

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

    async def _retry_later(self, job: Job, exc: TransientSendError) -> None:
        job.attempts += 1
        now = time.monotonic()
        job.first_failure = job.first_failure or now
        # never before the relay asked; jitter spreads a throttled batch's retries apart
        delay = self.retry_backoff.delay(job.attempts, at_least=retry_hint(exc.message))
        too_old = now + delay - job.first_failure > self.settings.engine.max_retry_age
        if job.attempts >= self.settings.engine.max_attempts or too_old:
            why = f"gave up after {job.attempts} attempt(s) over {now - job.first_failure:.0f}s"
            job.run.fail(
                job.subscriber_id,
                FailureKind.TEMPORARY,
                exc.code,
                f"{exc.message} ({why})",
                job.attempts,
            )
            job.run.finished(job.subscriber_id, job.parked)
            return
        if not job.parked:
            job.parked = job.run.park()
        metrics.RETRIED.labels(job.run.ctx.label).inc()
        logger.debug(
            "worker %d: %s for %d, retry in %.1fs", self.worker_id, exc, job.subscriber_id, delay
        )
        self._spawn(self._requeue(job, delay))
        if exc.code == 0:  # the connection failed: give the relay a moment
            await asyncio.sleep(min(delay, 1.0))

    async def _requeue(self, job: Job, delay: float) -> None:
        await asyncio.sleep(delay)
        if job.run.stopping:
            job.run.finished(None, job.parked)
        else:
            await self.queue.put(job, job.run.ctx.route)

    # --- reporting -------------------------------------------------------------------------

    async def _reporter(self) -> None:
        while True:
            await asyncio.sleep(self.settings.engine.report_interval)
            for run in list(self.runs.values()):
                rep = run.report(self.worker_id)
                if rep is not None:
                    self._flush_metrics(run, rep)  # before the coordinator can checkpoint it
                    self.reports.put(rep)
            metrics.INFLIGHT.set(self.inflight)
            self._count_connections()

    def _count_connections(self) -> None:
        open_per_server = collections.Counter(s.label for s in self.sessions if s.connected)
        for server in self.settings.smtp:
            metrics.SMTP_CONNECTIONS.labels(server.label).set(open_per_server[server.label])

    def _flush_metrics(self, run: ShardRun, rep: ShardReport | None) -> None:
        if rep is None:
            return
        if rep.sent:
            metrics.SENT.labels(run.ctx.label).inc(rep.sent)
        for f in rep.failures:
            metrics.FAILED.labels(run.ctx.label, f.kind.value).inc()

    # --- lifecycle -------------------------------------------------------------------------

    async def main(self) -> int:
        """Run until drained: senders, reporter, then wait for the runs to release."""
        senders = [asyncio.ensure_future(self._sender(s)) for s in self.sessions]
        reporter = asyncio.ensure_future(self._reporter())
        await self.stopped.wait()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.settings.engine.drain_timeout):
                while self.runs:
                    await asyncio.gather(*(r.idle.wait() for r in list(self.runs.values())))
                    await asyncio.sleep(0.01)
        for task, session in zip(senders, self.sessions, strict=True):
            if not session.connected:  # waiting out a relay's backoff: nothing in flight
                task.cancel()
            with contextlib.suppress(asyncio.QueueFull):
                self.queue.put_nowait(None)
        _done, stuck = await asyncio.wait(senders, timeout=self.settings.engine.drain_timeout)
        for task in stuck:
            task.cancel()
        await asyncio.gather(*senders, return_exceptions=True)
        reporter.cancel()
        await asyncio.gather(*(s.close() for s in self.sessions), return_exceptions=True)
        if self.connecting is not None:
            self.connecting.cancel()
            await asyncio.gather(self.connecting, return_exceptions=True)
        if self.db is not None:
            await self.db.close()
        return EXIT_OK


def _watch_commands(
    commands: Queue[WorkerCommand], loop: asyncio.AbstractEventLoop, worker: Worker
) -> None:
    """Thread: move commands from the process queue onto the event loop."""
    while True:
        cmd = commands.get()
        loop.call_soon_threadsafe(worker.on_command, cmd)
        if isinstance(cmd, Drain):
            return


def _watch_coordinator(lifeline: Connection, worker_id: int) -> None:
    """Thread: exit at once when the coordinator's end of the lifeline closes."""
    try:
        while True:
            lifeline.recv()
    except (EOFError, OSError):
        logger.error("worker %d: coordinator is gone; exiting without sending more", worker_id)
        os._exit(EXIT_ORPHANED)


def run(
    settings: Settings,
    worker_id: int,
    commands: Queue[WorkerCommand],
    reports: Queue[WorkerMessage],
    lifeline: Connection,
    limits: RateLimits,
) -> None:
    """Process entry point (``multiprocessing`` target)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the coordinator decides on Ctrl-C
    logs.setup(settings.log.level, settings.log.format)
    threading.Thread(target=_watch_coordinator, args=(lifeline, worker_id), daemon=True).start()
    code = uvloop.run(_amain(settings, worker_id, commands, reports, limits))
    reports.close()
    reports.join_thread()
    raise SystemExit(code)


async def _amain(
    settings: Settings,
    worker_id: int,
    commands: Queue[WorkerCommand],
    reports: Queue[WorkerMessage],
    limits: RateLimits,
) -> int:
    worker = Worker(settings=settings, worker_id=worker_id, reports=reports, limits=limits)
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, worker.drain)
    threading.Thread(target=_watch_commands, args=(commands, loop, worker), daemon=True).start()
    if settings.database.dsn:
        worker.connect_early()  # meanwhile
    try:
        await _check_relays(worker)
    except TransientSendError as exc:
        reports.put(WorkerError(worker_id, f"no SMTP server reachable: {exc}"))
    reports.put(WorkerStarted(worker_id, os.getpid()))
    return await worker.main()


async def _check_relays(worker: Worker) -> None:
    """Open the first session of each server now, so a wrong address shows at start."""
    seen: set[str] = set()
    for session in worker.sessions:
        if session.label not in seen:
            seen.add(session.label)
            await session.connect()
