"""Handing a worker's messages to its SMTP sessions in proportion to the relays' weights.

Producers put jobs on one :class:`WeightedQueue`; every SMTP session takes jobs from it
under its relay's name. When sessions of several relays are waiting for work (the usual
case: the relays can take more than the producers make, or a rate limit paces the
producers), each job goes to the waiting relay whose share is furthest behind its weight.
This is start-time fair queueing over per-relay virtual clocks: a relay's clock advances by
``1 / weight`` per job, the job goes to the smallest clock, so weights 3 and 1 give 75% and
25% of the jobs.

A job may name the groups allowed to take it (a campaign whose messenger is one server,
``email-<name>``): it goes only to those groups' sessions, and the others pass it over.

Two rules keep the split useful when relays differ:

- **Work conserving.** A relay whose sessions are all busy is not waited for: a job already
  queued goes to the first session that asks, so a slow relay gets what it can take and the
  others carry the rest. (A hard cap on one relay is ``max_rate``, not the weight.)
- **No catching up.** A relay that was busy or out of the rotation starts again at the
  current virtual time, so it does not get a burst of everything it missed.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

from blaster.config import SmtpServer

T = TypeVar("T")
#: the groups allowed to take a job; ``None`` = any
Groups = frozenset[str] | None


def relay_weights(servers: Iterable[SmtpServer]) -> dict[str, float]:
    """Each relay's weight by label (two entries for one ``host:port`` add up)."""
    weights: dict[str, float] = collections.defaultdict(float)
    for server in servers:
        weights[server.label] += server.weight
    return dict(weights)


class WeightedQueue(Generic[T]):
    """A bounded FIFO whose consumers belong to weighted groups (relays).

    :param weights: every group's weight (> 0).
    :param maxsize: items waiting at most before :meth:`put` waits (0 = unbounded).
    """

    def __init__(self, weights: Mapping[str, float], maxsize: int = 0) -> None:
        if not weights or min(weights.values()) <= 0:
            raise ValueError(f"weights must be positive, got {dict(weights)}")
        self.maxsize = maxsize
        self._step = {name: 1.0 / weight for name, weight in weights.items()}
        self._finish = dict.fromkeys(weights, 0.0)  #: each group's next start tag
        self._now = 0.0  #: virtual time: the start tag of the last job handed out
        self._items: collections.deque[tuple[T, Groups]] = collections.deque()
        self._waiting: dict[str, collections.deque[asyncio.Future[tuple[T, Groups]]]] = {
            name: collections.deque() for name in weights
        }
        self._putters: collections.deque[asyncio.Future[None]] = collections.deque()

    def empty(self) -> bool:
        """No job is waiting for a session."""
        return not self._items

    def empty_for(self, group: str) -> bool:
        """No job waiting that a session of ``group`` may take."""
        return all(g is not None and group not in g for _, g in self._items)

    def full(self) -> bool:
        """:meth:`put` would wait."""
        return bool(self.maxsize) and len(self._items) >= self.maxsize

    def qsize(self) -> int:
        """Jobs waiting for a session."""
        return len(self._items)

    async def put(self, item: T, groups: Groups = None) -> None:
        """Queue ``item`` (for ``groups`` only, if given), waiting while the queue is full."""
        while self.full():
            putter = asyncio.get_running_loop().create_future()
            self._putters.append(putter)
            try:
                await putter
            except asyncio.CancelledError:
                if putter in self._putters:
                    self._putters.remove(putter)
                if not self.full():
                    self._wake_putter()
                raise
        self.put_nowait(item, groups)

    def put_nowait(self, item: T, groups: Groups = None, *, past_full: bool = False) -> None:
        """Hand ``item`` to the waiting group (of ``groups``, if given) furthest behind its
        weight, or queue it (``past_full``: even when the queue is full, as a stop marker
        must be, behind what is queued).

        :raises asyncio.QueueFull: nobody waits and the queue is full.
        """
        if groups is not None and not groups & self._step.keys():
            raise ValueError(f"no session of {sorted(groups)} takes from this queue")
        if not self._hand_over((item, groups)):
            if self.full() and not past_full:
                raise asyncio.QueueFull
            self._items.append((item, groups))

    def get_nowait(self, group: str) -> T:
        """The oldest queued job a session of ``group`` may take, without waiting.

        :raises asyncio.QueueEmpty: there is none.
        """
        entry = self._take(group)
        if entry is None:
            raise asyncio.QueueEmpty
        self._charge(group)
        self._wake_putter()
        return entry[0]

    async def get(self, group: str) -> T:
        """The next job for a session of ``group`` (the oldest it may take)."""
        with contextlib.suppress(asyncio.QueueEmpty):
            return self.get_nowait(group)
        waiter: asyncio.Future[tuple[T, Groups]] = asyncio.get_running_loop().create_future()
        self._waiting[group].append(waiter)
        try:
            return (await waiter)[0]
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():  # handed a job as it was cancelled
                self._refund(group)
                if not self._hand_over(entry := waiter.result()):
                    self._items.appendleft(entry)  # may exceed maxsize by one; never lost
            elif waiter in self._waiting[group]:
                self._waiting[group].remove(waiter)
            raise

    def _take(self, group: str) -> tuple[T, Groups] | None:
        """Remove and return the oldest queued job ``group`` may take."""
        for i, entry in enumerate(self._items):
            if entry[1] is None or group in entry[1]:
                del self._items[i]
                return entry
        return None

    # --- fair queueing ---------------------------------------------------------------------

    def _hand_over(self, entry: tuple[T, Groups]) -> bool:
        """Give a job to the waiting session (of a group allowed to take it) whose group's
        start tag is smallest."""
        allowed = entry[1]
        best, best_tag = "", 0.0
        for group, waiters in self._waiting.items():
            while waiters and waiters[0].done():  # cancelled, not yet removed
                waiters.popleft()
            if waiters and (allowed is None or group in allowed):
                tag = max(self._finish[group], self._now)
                if not best or tag < best_tag:
                    best, best_tag = group, tag
        if not best:
            return False
        self._waiting[best].popleft().set_result(entry)
        self._charge(best)
        return True

    def _charge(self, group: str) -> None:
        start = max(self._finish[group], self._now)
        self._now = start
        self._finish[group] = start + self._step[group]

    def _refund(self, group: str) -> None:
        self._finish[group] -= self._step[group]

    def _wake_putter(self) -> None:
        while self._putters:
            putter = self._putters.popleft()
            if not putter.done():
                putter.set_result(None)
                return
