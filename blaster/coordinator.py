"""The coordinator: the parent process that owns campaigns, shards and checkpoints.

Each tick it takes progress reports off the report queue, notices dead workers (their
shards go back to the pool from their last reported frontier, a replacement starts),
rescans campaigns (every ``poll_interval`` and at once on NOTIFY), hands unowned shards to
workers with spare capacity (campaigns take turns), and every ``checkpoint_interval``
writes frontiers, failures and counters in one transaction. The database is the truth:
a status changed there (pause, cancel, delete) stops the campaign's shards within a second.

The decisions are the :class:`~blaster.ledger.Ledger`'s (pure), the processes the
:class:`~blaster.pool.WorkerPool`'s, the connections the :class:`~blaster.store.session.Session`'s;
this module wires them to the store, notifications, the transactional service and metrics.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import time
from dataclasses import dataclass, field
from typing import Any

from blaster import fleet, http, logs, metrics, notify, store
from blaster.autopause import ErrorBudget
from blaster.backoff import Backoff
from blaster.config import Settings
from blaster.counting import Counts
from blaster.errors import BlasterError, RenderError, StoreError
from blaster.leasing import Leases
from blaster.ledger import Ledger
from blaster.messengers import routes
from blaster.models import (
    CampaignProgress,
    CampaignStatus,
    ShardReport,
    StartShard,
    StopCampaign,
    StopShard,
    Trust,
    WorkerError,
    WorkerMessage,
    WorkerStarted,
)
from blaster.pool import WorkerPool
from blaster.ratelimit import RateLimits, SharedSlidingWindow
from blaster.store import campaigns as db
from blaster.store import leases, schema
from blaster.store.session import Session
from blaster.tx import TxService

logger = logging.getLogger(__name__)

SUMMARY_INTERVAL = 10.0  #: seconds between INFO progress lines
TX_PRUNE_INTERVAL = 3600.0  #: seconds between deletions of old ``blaster_tx`` rows
#: the pause between attempts at the last checkpoint before exit (constant: it has 20 tries)
FINAL_CHECKPOINT_RETRY = Backoff(base=0.5, factor=1.0)


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


class _Notices:
    """Admin notifications with the campaign's counts (sent by a background thread)."""

    def __init__(self, settings: Settings, session: Session) -> None:
        self.notifier = notify.Notifier(settings)
        self.session = session

    def notify(
        self, cid: int, event: str, reason: str, info: CampaignProgress | None = None
    ) -> None:
        """Queue a notification with the counts from ``info`` or, when absent, as the
        database holds them now. Of several nodes, one sends it (a stop's notice is
        claimed in the database; ``finished`` is sent by the node that finished it)."""
        if not self.notifier.enabled or not self.session.connected:
            return
        if event != "finished" and not db.claim_notice(self.session.conn, cid, event):
            return
        info = info or db.progress(self.session.conn, cid)
        if info:
            self.notifier.notify(notify.Notice(event, info, reason))

    def stopped(self, cid: int, status: str) -> None:
        """Notify a cancel or an auto-pause once the campaign's shards are back and
        checkpointed, so that its counts are final. An operator's pause is not news."""
        if not self.notifier.enabled or not self.session.connected:
            return
        if status == CampaignStatus.CANCELLED:
            self.notify(cid, "cancelled", "the campaign's status was set to cancelled")
        elif status == CampaignStatus.PAUSED:
            info = db.progress(self.session.conn, cid)
            if info and info.error:  # the reason the auto-pause recorded
                self.notify(cid, "auto-paused", info.error, info)

    def finished(self, cid: int, name: str) -> None:
        """Log, count and notify a campaign's completion with its final counts."""
        info = db.progress(self.session.conn, cid)
        metrics.campaign_status(cid, name, CampaignStatus.FINISHED)
        if info is None:  # deleted in the same instant
            return
        metrics.CAMPAIGN_SENT.labels(str(cid)).set(info.sent)
        logger.info(
            "coordinator: campaign %d %r finished: sent=%s failed=%s to_send=%s",
            cid,
            name,
            info.sent,
            info.failed,
            info.to_send,
        )
        self.notify(cid, "finished", "every eligible subscriber was sent to or failed", info)

    def close(self) -> None:
        self.notifier.close()


def refusal(row: db.CampaignRow, settings: Settings) -> str:
    """Why the campaign cannot be sent, or an empty string."""
    # imported at the first pickup rather than at start: the template engines are a quarter
    # of a second of imports, and the workers boot meanwhile
    from blaster import content

    try:
        routes.route(row.messenger, settings.smtp, settings.postback)
    except LookupError as exc:
        return str(exc)
    if not row.spec.double_list_ids and not row.spec.single_list_ids:
        return "the campaign has no lists"
    try:
        content.check(row.spec, settings)
    except RenderError as exc:
        return f"template error: {exc}"
    except BlasterError as exc:  # header names, attachment files
        return str(exc)
    return ""


def _restore_window(window: SharedSlidingWindow | None, conn: store.Conn, nodes: int) -> None:
    """Load the fleet's recent sends into this node's window, its share of them when other
    nodes are sending too (each holds its share of the limit)."""
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


def _save_window(window: SharedSlidingWindow | None, conn: store.Conn, node: str) -> None:
    if window is None:
        return
    width, rows = window.snapshot()
    since = int((time.time() - window.period) // width) - 1
    db.save_rate_window(conn, node, width, rows, since)


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
        #: failures a campaign had in the database when this node picked it up
        self.failed_base: dict[int, int] = {}
        self.db = Session(settings.database.dsn, should_stop=lambda: self.stop_requested)
        self.stop_requested = False
        self.counts = Counts(settings.database.dsn, should_stop=lambda: self.stop_requested)
        self.joined = False  #: registered as a node (from then on it may hold leases)
        self.next_scan = 0.0
        self.next_checkpoint = 0.0
        self.next_tx_prune = time.monotonic() + TX_PRUNE_INTERVAL  # the service prunes at start
        self.summary = _Summary()
        self.notices = _Notices(settings, self.db)
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
            _restore_window(self.limits.window, self.db.conn, others + 1)
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
        self._checkpoint_with_retry()  # then a count waiting for the first sends goes on
        self._counted(self.counts.wait(self.settings.engine.drain_timeout))
        for cid, camp in self.ledger.campaigns.items():  # stopped, but not forgotten
            with contextlib.suppress(store.OperationalError, StoreError):
                self.notices.stopped(cid, camp.stopping)
        with contextlib.suppress(store.OperationalError, StoreError):
            self.leases.leave(self.db.conn)
        self.notices.close()
        self.db.close()

    def _checkpoint_with_retry(self, attempts: int = 20) -> None:
        for attempt in range(1, attempts + 1):
            try:
                self.checkpoint()
                return
            except (store.OperationalError, StoreError) as exc:
                logger.warning("coordinator: final checkpoint failed (%s); retrying", exc)
                time.sleep(FINAL_CHECKPOINT_RETRY.delay(attempt))
                self._reconnect()
        logger.error(
            "coordinator: final checkpoint not written; a restart re-sends from the "
            "last durable checkpoint"
        )

    # --- the loop ----------------------------------------------------------------------------

    def tick(self) -> None:
        """One round: reports, dead workers, scan, dispatch, checkpoint."""
        for msg in self.pool.messages(0.05):
            self._on_message(msg)
        self._reap_workers()
        now = time.monotonic()
        self._database_round(now)
        self._dispatch()
        self._counted(self.counts.finished())
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
            self._apply_error_threshold()
            if now >= self.next_checkpoint:
                self.checkpoint()
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
        for lease in self.leases.claim(self.db.conn, self.ledger, self.pool.ids()):
            s = lease.shard
            logger.debug("coordinator: leased shard %d (epoch %d)", s.id, lease.epoch)
            if lease.takeovers > fleet.POISON_TAKEOVERS:
                camp = self.ledger.campaigns[s.campaign_id]
                if not camp.stopping:
                    reason = (
                        f"shard {s.id} (subscribers {s.lo + 1}..{s.hi}) was taken over"
                        f" {lease.takeovers} times: the nodes sending it died or froze"
                    )
                    logger.error("coordinator: campaign %d paused: %s", s.campaign_id, reason)
                    self._pause_with_reason(s.campaign_id, reason)

    # --- campaigns ---------------------------------------------------------------------------

    def scan(self) -> None:
        """Stop campaigns whose status left ``running``; pick up new runnable ones."""
        self.leases.rescue(self.db.conn)
        current = db.statuses(self.db.conn, self.ledger.campaigns)
        for cid, camp in list(self.ledger.campaigns.items()):
            status = current.get(cid, "deleted")
            if status != CampaignStatus.RUNNING and not camp.stopping:
                self._stop_campaign(cid, status)
        self._pause_on_lost_lists()
        runnable = db.runnable_ids(self.db.conn)
        for cid in runnable:
            if cid not in self.ledger.campaigns:
                self._pick_up(cid)
        self._finish_or_forget()
        metrics.SHARDS_PENDING.set(self.ledger.shards_pending())
        if self.exit_when_idle and not self.ledger.campaigns and not runnable:
            logger.info("coordinator: no campaign running or due; exiting")
            self.stop_requested = True

    def _apply_error_threshold(self) -> None:
        """Pause at once a campaign whose failures reached ``max_send_errors`` or whose
        recent messages failed at ``max_error_rate`` or more."""
        for cid, verdict in self.ledger.over_budget():
            reason = f"auto-paused: {verdict}"
            logger.error("coordinator: campaign %d %s", cid, reason)
            self._pause_with_reason(cid, reason)

    def _pause_on_lost_lists(self) -> None:
        """Pause a campaign one of whose lists was deleted (or detached) while it was being
        sent: that list's subscribers not yet sent to would silently be left out."""
        campaigns = self.ledger.campaigns
        sending = [camp.spec for camp in campaigns.values() if not camp.stopping]
        for cid, list_id, exists in db.lost_lists(self.db.conn, sending):
            if campaigns[cid].stopping:  # another of its lists went too
                continue
            what = "removed from the campaign" if exists else "deleted"
            reason = (
                f"list {list_id} was {what} while the campaign was being sent"
                " (set the status to running to send to the remaining lists)"
            )
            logger.error("coordinator: campaign %d paused: %s", cid, reason)
            self._pause_with_reason(cid, reason)

    def _pause_with_reason(self, cid: int, reason: str) -> None:
        self._stop_campaign(cid, CampaignStatus.PAUSED)
        self.checkpoint()
        db.refuse(self.db.conn, cid, reason)

    def _stop_campaign(self, cid: int, status: str) -> None:
        logger.info("coordinator: campaign %d is %s; stopping its shards", cid, status)
        for owner in self.ledger.stop(cid, status):
            self.pool.send(owner.worker, StopCampaign(cid, status))
        metrics.campaign_status(cid, self.ledger.campaigns[cid].spec.name, status)

    def _pick_up(self, cid: int) -> None:
        conn = self.db.conn
        row = db.pick_up(
            conn,
            cid,
            self.settings.engine.shard_size,
            min_shards=self._min_shards(),
            counter=self.counts.start,
        )
        if row is None:
            return
        error = refusal(row, self.settings)
        if error:
            logger.error("coordinator: campaign %d refused: %s", cid, error)
            db.refuse(conn, cid, error)
            self.notices.notify(cid, "refused", error)
            return
        db.clear_error(conn, cid)
        info = db.progress(conn, cid)
        if info is None:  # deleted since the pickup
            return
        e = self.settings.engine
        budget = ErrorBudget(e.max_send_errors, e.max_error_rate, e.error_rate_window)
        self.ledger.add(row.spec, (), budget)
        self.failed_base[cid] = info.failed
        self.leases.wake()
        metrics.campaign_started(
            cid, row.spec.name, info.to_send, info.sent, info.failed
        )
        if not self.counts.counting(cid):  # else once counted
            _log_pickup(cid, row.spec.name, info.to_send)

    def _counted(self, done: list[tuple[int, int | None]]) -> None:
        """Log and show the ``to_send`` of campaigns whose count was written."""
        for cid, to_send in done:
            camp = self.ledger.campaigns.get(cid)
            if camp is not None and to_send is not None:  # else refused, or gone
                metrics.TO_SEND.labels(str(cid)).set(to_send)
                _log_pickup(cid, camp.spec.name, to_send)

    def _min_shards(self) -> int:
        """Shards a campaign is cut into at least (when this node plans it): every worker
        slot of every live node twice, so that workers finishing early still find work."""
        nodes = 1 + leases.active_nodes(
            self.db.conn, self.settings.engine.lease, self.leases.node.id, holding=False
        )
        return nodes * self.settings.engine.workers * self.settings.engine.shards_per_worker * 2

    def _finish_or_forget(self) -> None:
        """Finish campaigns whose shards are all done (the one node whose compare-and-set
        wins notifies); release and forget stopped ones once their shards are back."""
        for cid, stopping in self.ledger.settled():
            if self.counts.counting(cid):  # its finished line and notice need to_send
                continue
            self.checkpoint()
            if stopping:
                leases.release(self.db.conn, self.leases.node.id, self.ledger.unleased(cid))
                self.notices.stopped(cid, stopping)
            elif db.finish_if_complete(self.db.conn, cid):
                self.notices.finished(cid, self.ledger.campaigns[cid].spec.name)
            elif db.statuses(self.db.conn, [cid]).get(cid) == CampaignStatus.RUNNING:
                continue  # other nodes still send some of it: take over what they leave
            self.ledger.forget(cid)
            self.pool.forget(cid)
            self.failed_base.pop(cid, None)

    # --- checkpoints -------------------------------------------------------------------------

    def checkpoint(self) -> None:
        """Write what the reports said and renew this node's leases, in one fenced
        transaction; stop at once the shards another node took over."""
        deltas = self.ledger.unwritten()
        if not deltas and not self.leases.due(self.ledger, time.monotonic()):
            return
        conn = self.db.conn  # StoreError("not connected") when there is none
        renewal = self.leases.checkpoint(conn, self.ledger)
        self._drop_lost(renewal.lost)
        for wid in self.pool.ids():
            self.pool.send(wid, Trust(renewal.trusted_until))
        self.leases.share(conn, holding=bool(self.ledger.leases()))
        _save_window(self.limits.window, conn, self.leases.node.id)
        for cid, camp in self.ledger.campaigns.items():
            info = db.progress(conn, cid)
            if info:
                metrics.CAMPAIGN_SENT.labels(str(cid)).set(info.sent)
                metrics.CAMPAIGN_FAILED.labels(str(cid)).set(info.failed)
                camp.errors.fleet_failed(info.failed - self.failed_base.get(cid, 0))
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
            self.pool.send(owner.worker, StopShard(sid))
        self.leases.wake()


def _log_pickup(cid: int, name: str, to_send: int) -> None:
    logger.info("coordinator: campaign %d %r picked up: to_send=%s", cid, name, to_send)


def run(settings: Settings, *, exit_when_idle: bool = False) -> int:
    """Run a coordinator with the given settings; return its exit code."""
    return Coordinator(settings, exit_when_idle=exit_when_idle).run()
