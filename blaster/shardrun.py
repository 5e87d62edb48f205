"""A shard's live state in a worker process, shared by its producer and the sender pool.

:class:`ShardRun` is one shard being sent here: the in-flight window the producer takes a
slot of for each message, the :class:`~blaster.sharding.Frontier` of what is done, the
counts and failures not yet reported, and the lease deadline past which no message of it
starts. :class:`Job` is one message on its way to a relay. Neither does I/O: the producer
(:mod:`blaster.producer`) makes jobs, the sender pool (:mod:`blaster.senders`) settles them,
and the worker (:mod:`blaster.worker`) reports and releases the run.
"""

from __future__ import annotations

import asyncio
import bisect
from dataclasses import dataclass, field
from typing import Protocol

from blaster.models import (
    CampaignSpec,
    Checkpoint,
    Failure,
    FailureKind,
    Shard,
    ShardReport,
    Subscriber,
)
from blaster.sharding import Frontier


class MessageSource(Protocol):
    """What a run needs of its campaign (:class:`blaster.worker.CampaignContext`)."""

    spec: CampaignSpec
    label: str  #: the campaign's metrics label
    route: frozenset[str] | None  #: the sessions that may send it (``None`` = any)
    envelope_from: str

    def build(self, sub: Subscriber) -> bytes:
        """One subscriber's message (raises :class:`~blaster.errors.RenderError`)."""
        ...


#: messages per shard that wait for a retry without holding a slot of the in-flight window
#: (beyond that they keep theirs): a relay that throttles some recipients does not stall the
#: shard, and a checkpoint (which lists every message on its way) stays small
PARKED_PER_SHARD = 1000


@dataclass(eq=False)
class ShardRun:
    """The live state of one shard in this worker."""

    ctx: MessageSource
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
