"""Send-rate limiting: a token bucket, pure, with the clock passed in.

:class:`TokenBucket` keeps its two numbers (tokens, last refill time) in any mutable
sequence, so the same arithmetic serves one process (a list) and all worker processes at
once (:class:`SharedTokenBucket`, a shared-memory array under a process lock).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.sharedctypes
from collections.abc import MutableSequence
from typing import Any

from blaster.addresses import domain_key

UNSET = -1.0


class TokenBucket:
    """``rate`` tokens per second, at most ``burst`` banked.

    :meth:`take` returns how long the caller must wait before its ``n`` tokens are due; the
    tokens are reserved at once, so concurrent callers queue up fairly.
    """

    __slots__ = ("burst", "rate", "state")

    def __init__(
        self, rate: float, burst: float | None = None, state: MutableSequence[float] | None = None
    ) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be > 0, got {rate}")
        self.rate = rate
        self.burst = burst if burst is not None else max(1.0, rate / 10)
        self.state: MutableSequence[float] = state if state is not None else [0.0, UNSET]

    def take(self, now: float, n: int = 1) -> float:
        """Reserve ``n`` tokens; return the seconds to wait before using them (0 = now)."""
        tokens, last = self.state[0], self.state[1]
        if last == UNSET:
            tokens, last = self.burst, now
        tokens = min(self.burst, tokens + (now - last) * self.rate) - n
        self.state[0], self.state[1] = tokens, now
        return 0.0 if tokens >= 0 else -tokens / self.rate


class SharedTokenBucket:
    """A :class:`TokenBucket` whose state lives in shared memory, for all workers at once.

    Create it in the coordinator and pass it to the worker processes as an argument. Its
    rate is shared too: :meth:`set_rate` (the coordinator's, when this node's share of a
    fleet-wide limit changes) takes effect in every worker at once.
    """

    def __init__(self, rate: float, burst: float | None = None) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._array: Any = ctx.RawArray("d", [0.0, UNSET])
        self._rate: Any = ctx.RawValue("d", rate)
        self._lock: Any = ctx.Lock()
        self.burst = burst

    @property
    def rate(self) -> float:
        return float(self._rate.value)

    def set_rate(self, rate: float) -> None:
        with self._lock:
            self._rate.value = rate

    def take(self, now: float, n: int = 1) -> float:
        """As :meth:`TokenBucket.take`, under the cross-process lock."""
        with self._lock:
            return TokenBucket(self._rate.value, self.burst, self._array).take(now, n)


class RateLimits:
    """Every send-rate limit of a node, shared by all its worker processes.

    Built by the coordinator before the workers start (the buckets live in shared memory)
    and passed to each worker. Each ``*_wait`` reserves a token and returns the seconds to
    wait before using it.

    :param rate: global messages per second; 0 = unlimited.
    :param domains: ``(domain, rate)`` pairs for recipient domains.
    :param servers: ``(relay label, rate)`` pairs for relays with a ``max_rate``.
    :param window: ``(limit, period seconds)`` of the sliding window; limit 0 = none.
    """

    def __init__(
        self,
        rate: float = 0.0,
        domains: tuple[tuple[str, float], ...] = (),
        servers: tuple[tuple[str, float], ...] = (),
        window: tuple[int, float] = (0, 0.0),
    ) -> None:
        self.global_bucket = SharedTokenBucket(rate) if rate > 0 else None
        self.window = SharedSlidingWindow(*window) if window[0] > 0 else None
        self.domains = {d: SharedTokenBucket(r) for d, r in domains}
        self.servers = {label: SharedTokenBucket(r) for label, r in servers if r > 0}
        #: every bucket with the rate it has for the whole fleet
        self._fleet: list[tuple[SharedTokenBucket, float]] = [
            (b, b.rate) for b in self._buckets()
        ]

    def _buckets(self) -> list[SharedTokenBucket]:
        found = [self.global_bucket] if self.global_bucket is not None else []
        return found + list(self.domains.values()) + list(self.servers.values())

    def set_share(self, nodes: int) -> float:
        """Split every limit evenly between ``nodes`` nodes (this one among them); return
        this node's share of the global rate (0 = unlimited)."""
        nodes = max(1, nodes)
        for bucket, rate in self._fleet:
            bucket.set_rate(rate / nodes)
        if self.window is not None:
            self.window.set_share(nodes)
        return self.global_bucket.rate if self.global_bucket is not None else 0.0

    def global_wait(self, now: float) -> float:
        return self.global_bucket.take(now) if self.global_bucket is not None else 0.0

    def window_wait(self, wall_now: float) -> float:
        """0 when one more message fits the sliding window (it is counted), else the wait."""
        return self.window.take(wall_now) if self.window is not None else 0.0

    def domain_wait(self, recipient: str, now: float) -> float:
        if not self.domains:
            return 0.0
        bucket = self.domains.get(domain_key(recipient))
        return bucket.take(now) if bucket is not None else 0.0

    def server_wait(self, label: str, now: float) -> float:
        bucket = self.servers.get(label)
        return bucket.take(now) if bucket is not None else 0.0


class SlidingWindow:
    """At most ``limit`` messages in any ``period`` seconds, on the wall clock.

    Time is cut into slots of ``period / SLOTS`` seconds (at least one); the counts of the
    last ``slots`` slots (one more than a period holds) are kept, so the window checked
    always covers the true one and the limit is never exceeded. A running total makes
    :meth:`take` O(1) amortised. The arrays may be shared memory (all workers) and are
    what the coordinator persists, so the window survives a restart.
    """

    SLOTS = 600  #: slots per period: the precision of the window

    def __init__(
        self, limit: int, period: float, counts: Any = None, epochs: Any = None, meta: Any = None
    ) -> None:
        if limit < 1 or period <= 0:
            raise ValueError(f"need limit >= 1 and period > 0, got {limit}, {period}")
        self.limit = limit
        self.width = max(1.0, period / self.SLOTS)
        self.slots = int(period / self.width + 0.5) + 1
        self.counts = counts if counts is not None else [0] * self.slots
        self.epochs = epochs if epochs is not None else [-1] * self.slots
        self.meta = meta if meta is not None else [0, -1]  #: running total, last slot seen

    def _advance(self, slot: int) -> None:
        """Drop the slots that left the window since the last call."""
        last = self.meta[1]
        if slot <= last:
            return
        first_gone = max(last - self.slots + 1, slot - 2 * self.slots + 1)
        for epoch in range(first_gone, slot - self.slots + 1):
            i = epoch % self.slots
            if self.epochs[i] == epoch:
                self.meta[0] -= self.counts[i]
                self.counts[i], self.epochs[i] = 0, -1
        self.meta[1] = slot

    def take(self, now: float, n: int = 1) -> float:
        """Count ``n`` messages at ``now`` if they fit (0 returned), else the seconds to wait
        before asking again (nothing counted)."""
        slot = int(now // self.width)
        self._advance(slot)
        if self.meta[0] + n > self.limit:
            return max((self._oldest(slot) + self.slots) * self.width - now, 0.001)
        i = slot % self.slots
        if self.epochs[i] != slot:
            self.epochs[i], self.counts[i] = slot, 0
        self.counts[i] += n
        self.meta[0] += n
        return 0.0

    def _oldest(self, slot: int) -> int:
        for epoch in range(slot - self.slots + 1, slot + 1):
            i = epoch % self.slots
            if self.epochs[i] == epoch and self.counts[i]:
                return epoch
        return slot

    def snapshot(self) -> list[tuple[int, int]]:
        """``(slot epoch, count)`` of the non-empty slots, to persist."""
        return [
            (int(self.epochs[i]), int(self.counts[i]))
            for i in range(self.slots)
            if self.counts[i] and self.epochs[i] >= 0
        ]

    def restore(self, rows: list[tuple[int, int]], now: float) -> None:
        """Load persisted ``(slot epoch, count)`` rows (slots of this width)."""
        slot = int(now // self.width)
        for epoch, count in rows:
            i = epoch % self.slots
            if slot - self.slots < epoch <= slot and epoch > self.epochs[i]:
                self.meta[0] += count - (self.counts[i] if self.epochs[i] >= 0 else 0)
                self.epochs[i], self.counts[i] = epoch, count
        self.meta[1] = max(self.meta[1], slot)


class SharedSlidingWindow:
    """A :class:`SlidingWindow` in shared memory, for all workers at once."""

    def __init__(self, limit: int, period: float) -> None:
        probe = SlidingWindow(limit, period)
        ctx = multiprocessing.get_context("spawn")
        self._counts: Any = ctx.RawArray("q", [0] * probe.slots)
        self._epochs: Any = ctx.RawArray("q", [-1] * probe.slots)
        self._meta: Any = ctx.RawArray("q", [0, -1])
        self._limit: Any = ctx.RawValue("q", limit)
        self._lock: Any = ctx.Lock()
        self.fleet_limit, self.period = limit, period

    @property
    def limit(self) -> int:
        return int(self._limit.value)

    def set_share(self, nodes: int) -> None:
        """This node's limit: the fleet's split between ``nodes`` nodes (at least 1)."""
        with self._lock:
            self._limit.value = max(1, self.fleet_limit // max(1, nodes))

    def _window(self) -> SlidingWindow:
        return SlidingWindow(self.limit, self.period, self._counts, self._epochs, self._meta)

    def take(self, now: float, n: int = 1) -> float:
        with self._lock:
            return self._window().take(now, n)

    def snapshot(self) -> tuple[float, list[tuple[int, int]]]:
        """The slot width and the non-empty slots."""
        with self._lock:
            window = self._window()
            return window.width, window.snapshot()

    def restore(self, rows: list[tuple[int, int]], now: float) -> None:
        with self._lock:
            self._window().restore(rows, now)
