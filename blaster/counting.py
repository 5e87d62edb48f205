"""Counting a frozen campaign's audience (``to_send``) off the coordinator's loop.

At a million subscribers the count is most of a pickup: :class:`Counts` runs each on a thread
and connection of its own, so the first shards are leased and sent while PostgreSQL counts.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable

from blaster import store
from blaster.backoff import Backoff
from blaster.errors import StoreError
from blaster.store import campaigns as db

logger = logging.getLogger(__name__)


class Counts:
    """``to_send`` counts of the campaigns this node froze, each on a thread and connection
    of its own: at a million subscribers the count is most of a pickup, and the first
    shards are leased and sent while PostgreSQL counts.

    A count is handed over inside the freeze's transaction (:func:`blaster.store.campaigns.
    pick_up`); its statement waits there for the commit. A campaign is not settled while its
    count is running (its finished line and notice carry ``to_send``).

    :param dsn: the database.
    :param should_stop: polled between attempts while the database is away.
    """

    #: seconds a freeze waits for its count to be connected and on its way
    HANDOVER = 2.0
    #: a count over more IDs than this starts once the campaign's first sends are
    #: checkpointed (at most :attr:`LATER` seconds on): it takes a core for most of a second
    #: per million subscribers, which the workers need while they start
    LATER_ABOVE = 100_000
    LATER = 5.0
    #: between attempts while the database is away (the count is idempotent)
    RETRY = Backoff(base=0.5, cap=5.0)

    def __init__(self, dsn: str, should_stop: Callable[[], bool]) -> None:
        self.dsn = dsn
        self.should_stop = should_stop
        self._threads: dict[threading.Thread, int] = {}  #: running counts -> campaign
        self._done: queue.SimpleQueue[tuple[threading.Thread, int | None]] = queue.SimpleQueue()

    def counting(self, campaign_id: int) -> bool:
        """Whether the campaign's count is running."""
        return campaign_id in self._threads.values()

    def start(self, count: db.Count) -> None:
        """Count on a new thread; return once its statement is sent (or after :attr:`HANDOVER`)."""
        sent = threading.Event()
        cid = count.spec.id
        thread = threading.Thread(
            target=self._run, args=(count, sent), name=f"count-{cid}", daemon=True
        )
        self._threads[thread] = cid
        thread.start()
        sent.wait(self.HANDOVER)

    def _run(self, count: db.Count, sent: threading.Event) -> None:
        attempt, cid, me = 0, count.spec.id, threading.current_thread()
        while True:
            try:
                with store.connect(self.dsn) as conn:
                    sent.set()
                    wait = self.LATER if count.hi - count.after > self.LATER_ABOVE else 0.0
                    self._done.put((me, count.run(conn, parallel=False, wait=wait)))
                    return
            except (store.DatabaseError, StoreError) as exc:
                attempt += 1
                if self.should_stop():
                    logger.error("coordinator: campaign %d: to_send not counted: %s", cid, exc)
                    self._done.put((me, None))
                    return
                logger.warning("coordinator: campaign %d: counting to_send failed: %s", cid, exc)
                time.sleep(self.RETRY.delay(attempt))
            except Exception:  # a bug: a count never done would keep its campaign unsettled
                logger.exception("coordinator: campaign %d: counting to_send failed", cid)
                self._done.put((me, None))
                return

    def finished(self) -> list[tuple[int, int | None]]:
        """The counts written since the last call, as ``(campaign_id, to_send)`` (None: the
        campaign is gone, or the count was given up at a stop)."""
        done = []
        with contextlib.suppress(queue.Empty):
            while True:
                thread, to_send = self._done.get_nowait()
                thread.join()
                done.append((self._threads.pop(thread), to_send))
        return done

    def wait(self, timeout: float) -> list[tuple[int, int | None]]:
        """:meth:`finished`, after waiting up to ``timeout`` for the running counts."""
        deadline = time.monotonic() + timeout
        for thread in list(self._threads):
            thread.join(max(0.0, deadline - time.monotonic()))
        return self.finished()
