"""Exponential backoff with jitter: how long to wait before attempt ``n`` of anything.

:class:`Backoff` is pure: it holds no state and reads no clock, so each caller keeps its own
attempt count and sleeps as it sees fit (``asyncio.sleep``, ``time.sleep``, a due time in a
heap). The random source is injectable, so that tests can pin the jitter. The delay before
attempt ``n`` (``n`` ≥ 1) is::

    min(base * factor ** (n - 1), cap), raised to ``at_least``, times a uniform draw in jitter

and never less than ``at_least``: a relay that asked for 30 seconds is never retried sooner,
jitter only ever lengthens what it asked for.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Backoff:
    """The delays of a retry loop.

    :param base: seconds before the first retry (attempt 1).
    :param cap: the longest delay before jitter (``math.inf``: no cap).
    :param factor: growth per attempt (1 for a constant delay).
    :param jitter: the delay is multiplied by a uniform draw in ``[low, high)``
        (``(1.0, 1.0)``: none).
    :param rand: a source of uniform floats in ``[0, 1)`` (``random.random``).
    """

    base: float
    cap: float = math.inf
    factor: float = 2.0
    jitter: tuple[float, float] = (1.0, 1.0)
    rand: Callable[[], float] = field(default=random.random, compare=False, repr=False)

    def __post_init__(self) -> None:
        low, high = self.jitter
        if not (math.isfinite(self.base) and self.base >= 0):
            raise ValueError(f"backoff base must be a finite number >= 0, got {self.base!r}")
        if not self.cap >= self.base:
            raise ValueError(f"backoff cap must be >= base ({self.base}), got {self.cap!r}")
        if not (math.isfinite(self.factor) and self.factor >= 1):
            raise ValueError(f"backoff factor must be a finite number >= 1, got {self.factor!r}")
        if not (math.isfinite(high) and 0 <= low <= high):
            raise ValueError(f"backoff jitter must be 0 <= low <= high, got {self.jitter!r}")

    def raw(self, attempt: int) -> float:
        """The delay before ``attempt`` without jitter: ``base * factor ** (attempt - 1)``,
        at most ``cap``."""
        if attempt < 1:
            raise ValueError(f"attempts count from 1, got {attempt}")
        if self.base == 0:
            return 0.0
        try:
            delay = self.base * self.factor ** (attempt - 1)
        except OverflowError:
            delay = math.inf
        return min(delay, self.cap)

    def delay(self, attempt: int, *, at_least: float = 0.0) -> float:
        """Seconds to wait before ``attempt``: :meth:`raw`, raised to ``at_least`` (a
        server's "try again in N seconds"), times the jitter, and never below ``at_least``."""
        low, high = self.jitter
        delay = max(self.raw(attempt), at_least)
        if math.isfinite(delay) and (high > low or low != 1.0):
            delay *= low + (high - low) * self.rand()
        return max(delay, at_least)

    def due(self, attempt: int, now: float, *, at_least: float = 0.0) -> float:
        """When ``attempt`` is due on the caller's clock, which reads ``now``."""
        return now + self.delay(attempt, at_least=at_least)
