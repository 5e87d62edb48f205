"""The coordinator: the parent process that owns campaigns, shards and checkpoints.

Each tick it takes progress reports off the report queue, notices dead workers (their
shards go back to the pool from their last reported frontier, a replacement starts),
rescans campaigns (every ``poll_interval`` and at once on NOTIFY), hands unowned shards to
workers with spare capacity (campaigns take turns), and every ``checkpoint_interval``
writes frontiers, failures and counters in one transaction. The database is the truth:
a status changed there (pause, cancel, delete) stops the campaign's shards within a second.

The decisions are the :class:`~blaster.ledger.Ledger`'s (pure), the processes the
:class:`~blaster.pool.WorkerPool`'s, the connections the :class:`~blaster.store.session.Session`'s.
Taking a campaign on is :mod:`blaster.pickup`'s, the checkpoint :mod:`blaster.checkpointing`'s,
the reasons to pause a campaign :mod:`blaster.pauses`', the admins' notices
:mod:`blaster.notices`'; this module wires them to the store, the leases, the transactional
service and metrics, and stops, pauses, finishes and forgets campaigns.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from blaster import http, logs, metrics, pauses, store
from blaster.checkpointing import Checkpoints
from blaster.config import Settings
from blaster.counting import Counts
from blaster.errors import BlasterError, StoreError
from blaster.leasing import Leases
from blaster.ledger import Ledger
from blaster.models import (
    CampaignStatus,
    ShardReport,
    StartShard,
    StopCampaign,
    WorkerError,
    WorkerMessage,
    WorkerStarted,
)
from blaster.notices import Notices
from blaster.pickup import Pickup
from blaster.pool import WorkerPool
from blaster.ratelimit import RateLimits
from blaster.store import campaigns as db
from blaster.store import leases, schema
from blaster.store.session import Session
from blaster.tx import TxService

logger = logging.getLogger(__name__)

SUMMARY_INTERVAL = 10.0  #: seconds between INFO progress lines
TX_PRUNE_INTERVAL = 3600.0  #: seconds between deletions of old ``blaster_tx`` rows


@dataclass(slots=True)
class _Summary:
    """Counts for the periodic INFO line (every ``SUMMARY_INTERVAL`` while sending)."""

    sent: int = 0
    failed: int = 0
    since: float = field(default_factory=time.monotonic)
    due: float = field(default_factory=lambda: time.monotonic() + SUMMARY_INTERVAL)

    def log(self, now: float, ledger: Ledger) -> None:
        elapsed = max(now - self.since, 1e-9)
        logger.info(
            "coordinator: %d campaign(s) running: sent %d in %.0fs (%.0f msgs/s), failed %d,"
            " %d shard(s) pending",
            len(ledger.campaigns),
            self.sent,
            elapsed,
            self.sent / elapsed,
            self.failed,
            ledger.shards_pending(),
        )
        self.sent = self.failed = 0
        self.since, self.due = now, now + SUMMARY_INTERVAL


class Coordinator:
    """Runs campaigns to completion with a pool of worker processes.

    :param settings: the node's settings (``dsn`` must be set).
    :param exit_when_idle: return once no campaign is running or due.
    """

    def __init__(self, settings: Settings, *, exit_when_idle: bool = False) -> None:
        self.settings = settings
        self.exit_when_idle = exit_when_idle
        self.limits = RateLimits(
            settings.engine.rate,
            settings.rates.domains,
            tuple((s.label, s.max_rate) for s in settings.smtp),
            (settings.rates.window_limit, settings.rates.window_period),
        )
        self.leases = Leases(settings, self.limits)
        logs.set_node(self.leases.node.id)  # before the workers start: they name it too
        self.pool = WorkerPool(settings, self.limits)
        self.ledger = Ledger(capacity=settings.engine.shards_per_worker, node=self.leases.node.id)
        self.db = Session(settings.database.dsn, should_stop=lambda: self.stop_requested)
        self.stop_requested = False
        self.counts = Counts(settings.database.dsn, should_stop=lambda: self.stop_requested)
        self.joined = False  #: registered as a node (from then on it may hold leases)
        self.next_scan = 0.0
        self.next_checkpoint = 0.0
        self.next_tx_prune = time.monotonic() + TX_PRUNE_INTERVAL  # the service prunes at start
        self.summary = _Summary()
        self.notices = Notices(settings, self.db)
        self.pickup = Pickup(
            settings,
            session=self.db,
            ledger=self.ledger,
            leases=self.leases,
            counts=self.counts,
            notices=self.notices,
        )
        self.checkpoints = Checkpoints(
            session=self.db,
            ledger=self.ledger,
            leases=self.leases,
            workers=self.pool,
            window=self.limits.window,
        )
        #: transactional messages (``POST /api/tx``, or ``submit()`` from embedding code)
        self.tx = TxService(settings)

    # --- lifecycle ---------------------------------------------------------------------------

    def run(self) -> int:
        """Run until SIGTERM/SIGINT (or idle, with ``exit_when_idle``); return an exit code."""
        self._install_signals()
        server = None
        try:
            for _ in range(self.settings.engine.workers):  # they boot while this connects
                self.pool.start()
            self.db.connect()
            self._check_schema()
            others = leases.active_nodes(self.db.conn, self.settings.engine.lease)
            self.leases.join(self.db.conn)
            self.joined = True
            self.checkpoints.restore_window(self.db.conn, others + 1)
            self.tx.start()  # before the API answers, so it never says "not running"
            server = http.serve(self.settings, self.tx)
            while not self.stop_requested:
                self.tick()
        finally:
            self.tx.stop(self.settings.engine.drain_timeout)  # its queue drains while workers do
            self._shutdown()
            self.tx.close(self.settings.engine.drain_timeout)
            if server is not None:
                server.shutdown()
        return 0

    def _install_signals(self) -> None:
        def request_stop(signum: int, _frame: Any) -> None:
            logger.info("coordinator: %s received, draining", signal.Signals(signum).name)
            self.stop_requested = True

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)

    def _check_schema(self) -> None:
        applied, latest = schema.status(self.db.conn)
        if applied < latest:
            raise StoreError(
                f"database schema is at version {applied}, blaster needs {latest}:"
                " run `blaster db migrate`"
            )

    def _shutdown(self) -> None:
        """Drain workers, keep taking their reports, write the last checkpoint."""
        self.pool.drain(self._on_message)
        if not self.joined:  # stopped (or failed) before it held anything
            self.notices.close()
            self.db.close()
            return
        self.checkpoints.final()  # then a count waiting for the first sends goes on
        self.pickup.counted(self.counts.wait(self.settings.engine.drain_timeout))
        for cid, camp in self.ledger.campaigns.items():  # stopped, but not forgotten
            with contextlib.suppress(store.OperationalError, StoreError):
                self.notices.stopped(cid, camp.stopping)
        with contextlib.suppress(store.OperationalError, StoreError):
            self.leases.leave(self.db.conn)
        self.notices.close()
        self.db.close()

    # --- the loop ----------------------------------------------------------------------------

    def tick(self) -> None:
        """One round: reports, dead workers, scan, dispatch, checkpoint."""
        for msg in self.pool.messages(0.05):
            self._on_message(msg)
        self._reap_workers()
        now = time.monotonic()
        self._database_round(now)
        self._dispatch()
        self.pickup.counted(self.counts.finished())
        if now >= self.next_tx_prune:
            self.next_tx_prune = now + TX_PRUNE_INTERVAL
            self._housekeeping()
        if self.ledger.campaigns and now >= self.summary.due:
            self.summary.log(now, self.ledger)

    def _housekeeping(self) -> None:
        """The fleet's hourly chores, done by the node that leads them."""
        try:
            if not self.leases.lead(self.db.conn):
                return
            self.tx.prune()
            leases.prune_nodes(self.db.conn)
        except (BlasterError, store.DatabaseError) as exc:  # tried again in an hour
            logger.warning("coordinator: housekeeping not done: %s", exc)

    def _database_round(self, now: float) -> None:
        """Error thresholds, the checkpoint, the scan and the claims when due."""
        try:
            self._pause(pauses.over_budget(self.ledger))
            if now >= self.next_checkpoint:
                self.checkpoints.write()
                self.next_checkpoint = now + self.leases.renew_every
            if now >= self.next_scan or self.db.notified():
                self.leases.wake()
                self.scan()
                self.next_scan = now + self.settings.engine.poll_interval
            self._claim()
        except (store.DatabaseError, StoreError) as exc:
            # any database error (lost connection, deadlock, ...) costs a tick, never the
            # engine: what the reports said stays in memory until a checkpoint succeeds
            unexpected = not isinstance(exc, store.OperationalError | StoreError)
            logger.warning(
                "coordinator: database error (%s); reconnecting", exc, exc_info=unexpected
            )
            self._reconnect()

    def _reconnect(self) -> None:
        """Connect again; the next checkpoint finds out which leases are still ours."""
        with contextlib.suppress(StoreError):  # stop requested while waiting
            self.db.reconnect()

    def _on_message(self, msg: WorkerMessage) -> None:
        if isinstance(msg, ShardReport):
            self._on_report(msg)
        elif isinstance(msg, WorkerStarted):
            logger.debug("coordinator: worker %d ready (pid %d)", msg.worker_id, msg.pid)
        elif isinstance(msg, WorkerError):
            logger.error("coordinator: worker %d: %s", msg.worker_id, msg.message)

    def _on_report(self, rep: ShardReport) -> None:
        if not self.ledger.apply(rep):
            logger.warning(
                "coordinator: stale report for shard %d from worker %d", rep.shard_id, rep.worker_id
            )
            return
        self.summary.sent += rep.sent
        self.summary.failed += len(rep.failures)
        if rep.state != "running" or rep.read_all:  # a reading slot came free
            self.leases.wake()
        if rep.state != "running":  # its campaign may be complete: finish it at once
            self.next_scan = 0.0

    def _reap_workers(self) -> None:
        for handle in self.pool.reap():
            if self.stop_requested:
                continue
            lost = self.ledger.worker_lost(handle.id)
            logger.error(
                "coordinator: worker %d (pid %s) died with exit code %s; re-issuing %d shard(s)",
                handle.id,
                handle.process.pid,
                handle.process.exitcode,
                len(lost),
            )
            self.pool.start()
            self.leases.wake()

    def _dispatch(self) -> None:
        """Give leased shards to workers with spare capacity, campaigns taking turns."""
        for job in self.ledger.dispatch(self.pool.ids()):
            cmd = StartShard(job.spec.id, job.shard, job.trusted_until)
            self.pool.start_shard(job.owner.worker, job.spec, cmd)

    def _claim(self) -> None:
        """Lease shards for the workers' free slots; pause a campaign with a poison shard."""
        claimed = self.leases.claim(self.db.conn, self.ledger, self.pool.ids())
        self._pause(pauses.poison(claimed, self.ledger))

    # --- campaigns ---------------------------------------------------------------------------

    def scan(self) -> None:
        """Stop campaigns whose status left ``running``; pick up new runnable ones."""
        self.leases.rescue(self.db.conn)
        current = db.statuses(self.db.conn, self.ledger.campaigns)
        for cid, camp in list(self.ledger.campaigns.items()):
            status = current.get(cid, "deleted")
            if status != CampaignStatus.RUNNING and not camp.stopping:
                self._stop_campaign(cid, status)
        self._pause(pauses.lost_lists(self.db.conn, self.ledger))
        runnable = db.runnable_ids(self.db.conn)
        for cid in runnable:
            if cid not in self.ledger.campaigns:
                self.pickup.pick_up(cid)
        self._finish_or_forget()
        metrics.SHARDS_PENDING.set(self.ledger.shards_pending())
        if self.exit_when_idle and not self.ledger.campaigns:
            if runnable:  # read before this scan finished them: look again
                runnable = db.runnable_ids(self.db.conn)
            if not runnable:
                logger.info("coordinator: no campaign running or due; exiting")
                self.stop_requested = True

    def _pause(self, found: Iterable[pauses.Pause]) -> None:
        """Pause each campaign a rule of :mod:`blaster.pauses` found, with its reason."""
        for cid, reason in found:
            self._stop_campaign(cid, CampaignStatus.PAUSED)
            self.checkpoints.write()
            db.refuse(self.db.conn, cid, reason)

    def _stop_campaign(self, cid: int, status: str) -> None:
        logger.info("coordinator: campaign %d is %s; stopping its shards", cid, status)
        for owner in self.ledger.stop(cid, status):
            self.pool.send(owner.worker, StopCampaign(cid, status))
        metrics.campaign_status(cid, self.ledger.campaigns[cid].spec.name, status)

    def _finish_or_forget(self) -> None:
        """Finish campaigns whose shards are all done (the one node whose compare-and-set
        wins notifies); release and forget stopped ones once their shards are back."""
        for cid, stopping in self.ledger.settled():
            if self.counts.counting(cid):  # its finished line and notice need to_send
                continue
            self.checkpoints.write()
            if stopping:
                leases.release(self.db.conn, self.leases.node.id, self.ledger.unleased(cid))
                self.notices.stopped(cid, stopping)
            elif db.finish_if_complete(self.db.conn, cid):
                self.notices.finished(cid, self.ledger.campaigns[cid].spec.name)
            elif db.statuses(self.db.conn, [cid]).get(cid) == CampaignStatus.RUNNING:
                continue  # other nodes still send some of it: take over what they leave
            self.ledger.forget(cid)
            self.pool.forget(cid)


def run(settings: Settings, *, exit_when_idle: bool = False) -> int:
    """Run a coordinator with the given settings; return its exit code."""
    return Coordinator(settings, exit_when_idle=exit_when_idle).run()
