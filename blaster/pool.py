"""The worker pool: this node's worker processes, their queues and lifelines.

Owns the ``spawn`` context, one command queue and one lifeline pipe per worker (a worker
exits when the pipe's coordinator end closes, whatever its start method), and the report
queue they all share. It starts, reaps and drains processes and decides nothing about
campaigns (the ledger decides what each worker is told); it only remembers which campaign
specs each worker was sent, so a spec crosses a worker's queue once, not with every shard.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from queue import Empty
from typing import Any

from blaster import metrics
from blaster.config import Settings
from blaster.models import (
    Campaign,
    CampaignSpec,
    Drain,
    Forget,
    StartShard,
    WorkerCommand,
    WorkerMessage,
)
from blaster.ratelimit import RateLimits

logger = logging.getLogger(__name__)

#: seconds past ``drain_timeout`` before workers that did not drain are killed
DRAIN_GRACE = 10.0


def _worker_main(*args: Any) -> None:
    """A worker process's entry: :func:`blaster.worker.run` with these arguments. The
    worker module is imported here, in the child: the coordinator needs none of it, and not
    importing its dependencies (uvloop, the SMTP client) lets it start its workers sooner."""
    from blaster import worker

    worker.run(*args)


@dataclass(slots=True)
class WorkerHandle:
    """One worker process and its private channels."""

    id: int
    process: BaseProcess
    commands: Queue[WorkerCommand]
    lifeline: Connection  #: our end; closing it (or dying) tells the worker to exit
    #: the campaigns this worker was sent, as sent (a shard names its campaign by id)
    told: dict[int, CampaignSpec] = field(default_factory=dict)


class WorkerPool:
    """This node's worker processes.

    :param settings: passed to every worker.
    :param limits: the node's shared rate limits, passed to every worker.
    """

    def __init__(self, settings: Settings, limits: RateLimits) -> None:
        self.settings = settings
        self.limits = limits
        self.ctx = multiprocessing.get_context("spawn")
        self.reports: Queue[WorkerMessage] = self.ctx.Queue()
        self.workers: dict[int, WorkerHandle] = {}  #: in start order
        self._next_id = 0

    def ids(self) -> list[int]:
        """Live workers' ids, in start order."""
        return list(self.workers)

    def start(self) -> WorkerHandle:
        """Start one more worker."""
        wid = self._next_id
        self._next_id += 1
        commands: Queue[WorkerCommand] = self.ctx.Queue()
        their_end, our_end = self.ctx.Pipe(duplex=False)
        proc = self.ctx.Process(
            target=_worker_main,
            name=f"worker-{wid}",
            args=(self.settings, wid, commands, self.reports, their_end, self.limits),
        )
        proc.start()
        their_end.close()
        handle = WorkerHandle(wid, proc, commands, our_end)
        self.workers[wid] = handle
        metrics.WORKERS_ALIVE.set(len(self.workers))
        logger.info("coordinator: started worker %d (pid %s)", wid, proc.pid)
        return handle

    def send(self, worker_id: int, cmd: WorkerCommand) -> None:
        self.workers[worker_id].commands.put(cmd)

    def forget(self, campaign_id: int) -> None:
        """This node is done with a campaign: the workers told about it drop it."""
        for handle in self.workers.values():
            if handle.told.pop(campaign_id, None) is not None:
                handle.commands.put(Forget(campaign_id))

    def start_shard(self, worker_id: int, spec: CampaignSpec, cmd: StartShard) -> None:
        """Send a shard, preceded by its campaign when this worker does not have it as it
        is now (each campaign crosses the queue once per worker and pickup, not per shard)."""
        handle = self.workers[worker_id]
        if handle.told.get(spec.id) != spec:
            handle.commands.put(Campaign(spec))
            handle.told[spec.id] = spec
        handle.commands.put(cmd)

    def messages(self, timeout: float) -> Iterator[WorkerMessage]:
        """The reports waiting (waiting up to ``timeout`` for the first one)."""
        try:
            msg = self.reports.get(timeout=timeout) if timeout else self.reports.get_nowait()
            while True:
                yield msg
                msg = self.reports.get_nowait()
        except Empty:
            return

    def reap(self) -> list[WorkerHandle]:
        """Forget the workers that exited; return them."""
        dead = [h for h in self.workers.values() if not h.process.is_alive()]
        for handle in dead:
            del self.workers[handle.id]
            handle.process.join()
            metrics.mark_dead(handle.process.pid or 0)
            metrics.WORKERS_ALIVE.set(len(self.workers))
        return dead

    def drain(self, on_message: Callable[[WorkerMessage], None]) -> None:
        """Tell every worker to drain and wait for them to exit, passing their reports to
        ``on_message``; kill them after ``drain_timeout`` (+ :data:`DRAIN_GRACE`)."""
        for handle in self.workers.values():
            handle.commands.put(Drain())
        deadline = time.monotonic() + self.settings.engine.drain_timeout + DRAIN_GRACE
        while any(h.process.is_alive() for h in self.workers.values()):
            for msg in self.messages(0.05):
                on_message(msg)
            if time.monotonic() > deadline:
                logger.error("coordinator: workers did not drain in time; terminating them")
                for h in self.workers.values():
                    h.process.kill()
                break
        for msg in self.messages(0.0):
            on_message(msg)
        for handle in self.workers.values():
            handle.process.join(5)
            metrics.mark_dead(handle.process.pid or 0)
