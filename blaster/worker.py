"""A worker process: sends the shards the coordinator hands it, on a uvloop event loop.

The process has three parts, each in its own module:

- the **producer** (:mod:`blaster.producer`) reads a shard's subscribers page by page (its
  own connection), renders them with the campaign's templates (compiled once per campaign in
  this process, :class:`CampaignContext`) and assembles MIME bytes into jobs;
- the **sender pool** (:mod:`blaster.senders`) hands the jobs to persistent SMTP sessions,
  split between relays by their weights, and settles each on its shard's run (on a relay
  offering PIPELINING, the next queued message is begun behind the previous one's data:
  :mod:`blaster.chaining`);
- this module, the **process entry**: the coordinator's commands, each shard's life from
  :class:`~blaster.models.StartShard` to its final report, the periodic
  :class:`~blaster.models.ShardReport` messages, and draining.

Completions are tracked per shard by a :class:`~blaster.sharding.Frontier` in its
:class:`~blaster.shardrun.ShardRun`. Stopping (pause, cancel, SIGTERM): no new message
starts, messages already handed to a relay finish, the shard is released with its
checkpoint (frontier, how far it was read, the IDs read but not done), so a resume sends
nobody twice. If the coordinator dies, the worker exits at once without sending more.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Coroutine
from multiprocessing.connection import Connection
from multiprocessing.queues import Queue
from typing import Any, ClassVar

import uvloop

from blaster import logs, metrics
from blaster.config import Settings, SmtpServer
from blaster.content import CampaignContent, PostbackContent
from blaster.errors import BlasterError, RenderError, TransientSendError
from blaster.messengers import Session, routes
from blaster.messengers.smtp import SmtpSession
from blaster.models import (
    Campaign,
    CampaignSpec,
    Drain,
    Forget,
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
from blaster.producer import Producer
from blaster.ratelimit import RateLimits
from blaster.render import CampaignRenderer
from blaster.senders import SenderPool
from blaster.shardrun import ShardRun
from blaster.store.content import LinkRegistry

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_ORPHANED = 3  #: the coordinator died; nothing more was sent


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
        sessions: list[Session] = [
            messenger(server) for server in settings.smtp for _ in range(server.connections)
        ]
        sessions += _postback_sessions(settings)
        self.senders = SenderPool(
            settings=settings,
            worker_id=worker_id,
            limits=limits,
            sessions=sessions,
            spawn=self._spawn,
        )
        self.producer = Producer(
            settings=settings, worker_id=worker_id, limits=limits, senders=self.senders
        )
        self.stopped = asyncio.Event()
        self.window_size = 2 * len(sessions)

    @property
    def sessions(self) -> list[Session]:
        """The delivery sessions, one per connection."""
        return self.senders.sessions

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

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
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
                await self.producer.produce(run)
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

    # --- reporting -------------------------------------------------------------------------

    async def _reporter(self) -> None:
        while True:
            await asyncio.sleep(self.settings.engine.report_interval)
            for run in list(self.runs.values()):
                rep = run.report(self.worker_id)
                if rep is not None:
                    self._flush_metrics(run, rep)  # before the coordinator can checkpoint it
                    self.reports.put(rep)
            metrics.INFLIGHT.set(self.senders.inflight)
            metrics.flush_batched()
            self.senders.count_connections()

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
        self.senders.start()
        reporter = asyncio.ensure_future(self._reporter())
        await self.stopped.wait()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.settings.engine.drain_timeout):
                while self.runs:
                    await asyncio.gather(*(r.idle.wait() for r in list(self.runs.values())))
                    await asyncio.sleep(0.01)
        await self.senders.stop(self.settings.engine.drain_timeout)
        reporter.cancel()
        metrics.flush_batched()
        await self.producer.close()
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
    """Process entry point (``multiprocessing`` target).

    Once drained and its last reports are flushed to the coordinator, the process ends with
    ``os._exit``: nothing is left to finalise (the sessions, the page connection and the
    report queue are closed, metrics live in shared files), and tearing down the
    interpreter's modules and objects took ~0.45 s of every run's exit.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the coordinator decides on Ctrl-C
    logs.setup(settings.log.level, settings.log.format)
    threading.Thread(target=_watch_coordinator, args=(lifeline, worker_id), daemon=True).start()
    code = uvloop.run(_amain(settings, worker_id, commands, reports, limits))
    reports.close()
    reports.join_thread()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


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
        worker.producer.connect_early()  # meanwhile
    try:
        await worker.senders.check_relays()
    except TransientSendError as exc:
        reports.put(WorkerError(worker_id, f"no SMTP server reachable: {exc}"))
    reports.put(WorkerStarted(worker_id, os.getpid()))
    return await worker.main()
