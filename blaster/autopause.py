"""When a campaign's failures are enough to stop it: the auto-pause rules.

Two rules, each off when its setting is 0: the count of failures since the campaign was
picked up (listmonk's ``max_send_errors``), and the share of failures among the last
``error_rate_window`` messages that had an outcome (sent or failed). The rate rule catches a
relay or a list going bad in the middle of a big campaign long before a count would, and
does not judge on the first few messages: it waits for a full window.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field


@dataclass(slots=True)
class ErrorBudget:
    """One campaign's failures against the auto-pause limits.

    :param max_errors: failures that pause the campaign; 0 = no limit.
    :param max_rate: share of failures (0..1) over the window that pauses it; 0 = no limit.
    :param window: messages the rate is measured over.
    :param base: the campaign's failures in the database when this node picked it up
        (earlier runs' and other nodes'), which the count rule does not count.
    """

    max_errors: int = 0
    max_rate: float = 0.0
    window: int = 1000
    base: int = 0
    failed: int = 0  #: failures since pickup
    #: the last messages with an outcome, as (messages, failures) per report, oldest first
    _recent: collections.deque[tuple[float, float]] = field(default_factory=collections.deque)
    _recent_messages: float = 0.0
    _recent_failed: float = 0.0

    def record(self, sent: int, failed: int) -> None:
        """Count one report's outcomes."""
        self.failed += failed
        if not self.max_rate or sent + failed == 0:
            return
        self._recent.append((sent + failed, failed))
        self._recent_messages += sent + failed
        self._recent_failed += failed
        self._trim()

    def fleet_failed(self, total: int) -> None:
        """The campaign's failures as the database counts them (every node's): the count
        rule judges the whole fleet's since pickup, not only this node's."""
        self.failed = max(self.failed, total - self.base)

    def verdict(self) -> str:
        """Why the campaign must be paused now, or ``""``."""
        if self.max_errors and self.failed >= self.max_errors:
            return f"{self.failed} failures reached max_send_errors={self.max_errors}"
        if self.max_rate and self._recent_messages >= self.window:
            rate = self._recent_failed / self._recent_messages
            if rate >= self.max_rate:
                return (
                    f"{rate:.1%} of the last {self.window} messages failed"
                    f" (max_error_rate={self.max_rate:g})"
                )
        return ""

    def _trim(self) -> None:
        """Drop the oldest outcomes beyond the window (a report is cut proportionally)."""
        while self._recent_messages > self.window:
            messages, failed = self._recent[0]
            excess = self._recent_messages - self.window
            if messages <= excess:
                self._recent.popleft()
                self._recent_messages -= messages
                self._recent_failed -= failed
                continue
            cut = failed * excess / messages
            self._recent[0] = (messages - excess, failed - cut)
            self._recent_messages -= excess
            self._recent_failed -= cut
