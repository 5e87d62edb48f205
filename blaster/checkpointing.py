"""The checkpoint: what this node writes of its workers' reports, and what follows from it.

:class:`Checkpoints` writes the frontiers, failures and counters the reports moved and renews
this node's leases in one fenced transaction (:meth:`blaster.leasing.Leases.checkpoint`),
has the workers drop at once the shards another node took over and trust the rest until
the new deadline, splits the fleet's rate limits again, saves the sliding window's counts
(read back at start by :meth:`Checkpoints.restore_window`), and refreshes each campaign's
counters: its metrics and the fleet-wide failures its error budget judges. The last
checkpoint before exit is tried again over a lost connection.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import TYPE_CHECKING, Protocol

from blaster import metrics, store
from blaster.backoff import Backoff
from blaster.errors import StoreError
from blaster.ledger import Ledger
from blaster.models import StopShard, Trust, WorkerCommand
from blaster.ratelimit import SharedSlidingWindow
from blaster.store import campaigns as db
from blaster.store.session import Session

if TYPE_CHECKING:
    from blaster.leasing import Leases

logger = logging.getLogger(__name__)

#: the pause between attempts at the last checkpoint before exit (constant: it has 20 tries)
FINAL_CHECKPOINT_RETRY = Backoff(base=0.5, factor=1.0)


class Workers(Protocol):
    """The workers a checkpoint tells (:class:`blaster.pool.WorkerPool`)."""

    def ids(self) -> list[int]: ...

    def send(self, worker_id: int, cmd: WorkerCommand) -> None: ...


class Checkpoints:
    """This node's checkpoints.

    :param session: the coordinator's connections.
    :param ledger: what the reports said, and the campaigns being sent.
    :param leases: this node's leases, renewed by each checkpoint.
    :param workers: told of lost shards and of the new trust deadline.
    :param window: the sliding window whose counts are saved (``None`` = no window).
    """

    def __init__(
        self,
        *,
        session: Session,
        ledger: Ledger,
        leases: Leases,
        workers: Workers,
        window: SharedSlidingWindow | None,
    ) -> None:
        self.session = session
        self.ledger = ledger
        self.leases = leases
        self.workers = workers
        self.window = window

    def write(self) -> None:
        """Write what the reports said and renew this node's leases, in one fenced
        transaction; stop at once the shards another node took over."""
        deltas = self.ledger.unwritten()
        if not deltas and not self.leases.due(self.ledger, time.monotonic()):
            return
        conn = self.session.conn  # StoreError("not connected") when there is none
        renewal = self.leases.checkpoint(conn, self.ledger)
        self._drop_lost(renewal.lost)
        for wid in self.workers.ids():
            self.workers.send(wid, Trust(renewal.trusted_until))
        self.leases.share(conn, holding=bool(self.ledger.leases()))
        self._save_window(conn)
        self._refresh(conn)

    def final(self, attempts: int = 20) -> None:
        """The last checkpoint before exit, tried ``attempts`` times over lost connections."""
        for attempt in range(1, attempts + 1):
            try:
                self.write()
                return
            except (store.OperationalError, StoreError) as exc:
                logger.warning("coordinator: final checkpoint failed (%s); retrying", exc)
                time.sleep(FINAL_CHECKPOINT_RETRY.delay(attempt))
                with contextlib.suppress(StoreError):  # stop requested while waiting
                    self.session.reconnect()
        logger.error(
            "coordinator: final checkpoint not written; a restart re-sends from the "
            "last durable checkpoint"
        )

    def restore_window(self, conn: store.Conn, nodes: int) -> None:
        """Load the fleet's recent sends into this node's window, its share of them when
        other nodes are sending too (``nodes`` in all: each holds its share of the limit)."""
        window = self.window
        if window is None:
            return
        width, _ = window.snapshot()
        now = time.time()
        rows = db.load_rate_window(conn, width, int((now - window.period) // width) - 1)
        rows = [(slot, -(-sent // max(1, nodes))) for slot, sent in rows]
        window.restore(rows, now)
        logger.info(
            "coordinator: sliding window restored: %d sent in the last %.0fs",
            sum(n for _, n in rows),
            window.period,
        )

    def _save_window(self, conn: store.Conn) -> None:
        window = self.window
        if window is None:
            return
        width, rows = window.snapshot()
        since = int((time.time() - window.period) // width) - 1
        db.save_rate_window(conn, self.leases.node.id, width, rows, since)

    def _refresh(self, conn: store.Conn) -> None:
        """Each campaign's counters as written: its metrics, and its error budget's count of
        the whole fleet's failures."""
        for cid, camp in self.ledger.campaigns.items():
            info = db.progress(conn, cid)
            if info:
                metrics.CAMPAIGN_SENT.labels(str(cid)).set(info.sent)
                metrics.CAMPAIGN_FAILED.labels(str(cid)).set(info.failed)
                camp.errors.fleet_failed(info.failed)
        metrics.NODE_SHARDS.set(len(self.ledger.leases()))

    def _drop_lost(self, lost: list[int]) -> None:
        """Another node holds these shards now: the workers drop them, nothing is sent."""
        if not lost:
            return
        logger.error(
            "coordinator: %d shard(s) were taken over by another node (this node's lease ran"
            " out): %s; dropping them",
            len(lost),
            ", ".join(map(str, lost)),
        )
        for owner, sid in self.ledger.lost(lost):
            self.workers.send(owner.worker, StopShard(sid))
        self.leases.wake()
