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

    Create it in the coordinator and pass it to the worker processes as an argument.
    """

    def __init__(self, rate: float, burst: float | None = None) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._array: Any = ctx.RawArray("d", [0.0, UNSET])
        self._lock: Any = ctx.Lock()
        self.rate = rate
        self.burst = burst

    def take(self, now: float, n: int = 1) -> float:
        """As :meth:`TokenBucket.take`, under the cross-process lock."""
        with self._lock:
            return TokenBucket(self.rate, self.burst, self._array).take(now, n)
