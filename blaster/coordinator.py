"""The coordinator: the parent process that owns campaigns, shards and checkpoints.

Each tick it takes progress reports off the report queue, notices dead workers (their
shards go back to the pool from their last reported frontier, a replacement starts),
rescans campaigns (every ``poll_interval`` and at once on NOTIFY), hands unowned shards to
workers with spare capacity (campaigns take turns), and every ``checkpoint_interval``
writes frontiers, failures and counters in one transaction. The database is the truth:
a status changed there (pause, cancel, delete) stops the campaign's shards within a second.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from queue import Empty
from typing import Any

from blaster import http, metrics, notify, store, worker
from blaster.autopause import ErrorBudget
from blaster.config import Settings
from blaster.errors import BlasterError, RenderError, StoreError
from blaster.models import (
    CampaignSpec,
    Drain,
    Failure,
    Shard,
    ShardReport,
    StartShard,
    StopCampaign,
    WorkerError,
    WorkerStarted,
)
from blaster.ratelimit import RateLimits
from blaster.render import CampaignRenderer
from blaster.store import campaigns as db
from blaster.store import schema
from blaster.tx import TxService

logger = logging.getLogger(__name__)

MESSENGERS = ("email",)  #: messenger names this node can send with
SUMMARY_INTERVAL = 10.0  #: seconds between INFO progress lines
TX_PRUNE_INTERVAL = 3600.0  #: seconds between deletions of old ``blaster_tx`` rows
#: a worker holds at most this many times ``shards_per_worker`` shards, finishing ones included
MAX_SHARDS_FACTOR = 4


@dataclass(slots=True)
class ShardState:
    """The coordinator's live view of one shard."""

    shard: Shard
    frontier: int
    read_upto: int = 0
    undone: tuple[int, ...] = ()
    owner: int | None = None
    done: bool = False

    def descriptor(self) -> Shard:
        """The shard to hand out, starting after its freshest known frontier."""
        s = self.shard
        return Shard(
            s.id, s.campaign_id, s.lo, s.hi, self.frontier, self.read_upto, self.undone, s.kind
        )


@dataclass(slots=True)
class ActiveCampaign:
    """A campaign this coordinator is sending."""

    spec: CampaignSpec
    shards: dict[int, ShardState]
    #: failures since this pickup against the auto-pause limits (a resume starts afresh)
    errors: ErrorBudget
    stopping: str = ""  #: the status that stopped it, while its shards come back

    def unowned(self) -> list[ShardState]:
        return [s for s in self.shards.values() if s.owner is None and not s.done]

    def owned(self) -> bool:
        return any(s.owner is not None for s in self.shards.values())


@dataclass(slots=True)
class WorkerHandle:
    """One worker process and its private channels."""

    id: int
    process: BaseProcess
    commands: Any
    lifeline: Connection
    shards: set[int] = field(default_factory=set)
    #: its shards read to the end whose last messages wait for retries: they do not count
    #: against ``shards_per_worker``, so a throttled tail does not idle the worker
    finishing: set[int] = field(default_factory=set)

    def has_room(self, capacity: int) -> bool:
        """Whether it can take another shard (reading ones up to ``capacity``, at most
        :data:`MAX_SHARDS_FACTOR` times that in all)."""
        reading = len(self.shards) - len(self.finishing)
        return reading < capacity and len(self.shards) < MAX_SHARDS_FACTOR * capacity


@dataclass(slots=True)
class _Summary:
    """Counts for the periodic INFO line (every ``SUMMARY_INTERVAL`` while sending)."""

    sent: int = 0
    failed: int = 0
    since: float = field(default_factory=time.monotonic)
    due: float = field(default_factory=lambda: time.monotonic() + SUMMARY_INTERVAL)

    def log(self, now: float, campaigns: dict[int, ActiveCampaign]) -> None:
        elapsed = max(now - self.since, 1e-9)
        pending = sum(1 for c in campaigns.values() for s in c.shards.values() if not s.done)
        logger.info(
            "coordinator: %d campaign(s) running: sent %d in %.0fs (%.0f msgs/s), failed %d,"
            " %d shard(s) pending",
            len(campaigns),
            self.sent,
            elapsed,
            self.sent / elapsed,
            self.failed,
            pending,
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
        self.ctx = multiprocessing.get_context("spawn")
        self.reports: Any = self.ctx.Queue()
        self.limits = RateLimits(
            settings.rate,
            settings.domain_rates,
            tuple((s.label, s.max_rate) for s in settings.smtp),
            (settings.window_limit, settings.window_period),
        )
        self.workers: dict[int, WorkerHandle] = {}
        self.campaigns: dict[int, ActiveCampaign] = {}
        self.deltas: dict[int, db.ShardDelta] = {}
        self.failures: list[tuple[int, Failure]] = []
        self.conn: store.Conn | None = None
        self.listen_conn: store.Conn | None = None
        self.stop_requested = False
        self.next_worker_id = 0
        self.next_scan = 0.0
        self.next_checkpoint = 0.0
        self.next_tx_prune = time.monotonic() + TX_PRUNE_INTERVAL  # the service prunes at start
        self.turn: deque[int] = deque()
        self.summary = _Summary()
        self.notifier = notify.Notifier(settings)
        #: transactional messages (``POST /api/tx``, or ``submit()`` from embedding code)
        self.tx = TxService(settings)

    # --- lifecycle ---------------------------------------------------------------------------

    def run(self) -> int:
        """Run until SIGTERM/SIGINT (or idle, with ``exit_when_idle``); return an exit code."""
        self._install_signals()
        self._connect()
        self._check_schema()
        self._restore_rate_window()
        self.tx.start()  # before the API answers, so it never says "not running"
        server = None
        try:
            server = http.serve(self.settings, self.tx)
            for _ in range(self.settings.workers):
                self._start_worker()
            while not self.stop_requested:
                self.tick()
        finally:
            self.tx.stop(self.settings.drain_timeout)  # its queue drains while workers do
            self._shutdown()
            self.tx.close(self.settings.drain_timeout)
            if server is not None:
                server.shutdown()
        return 0

    def _install_signals(self) -> None:
        def request_stop(signum: int, _frame: Any) -> None:
            logger.info("coordinator: %s received, draining", signal.Signals(signum).name)
            self.stop_requested = True

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)

    def _connect(self) -> None:
        """Connect (retrying with backoff while PostgreSQL is down) and LISTEN."""
        delay = 0.5
        while not self.stop_requested:
            try:
                self.conn = store.connect(self.settings.dsn)
                self.listen_conn = store.connect(self.settings.dsn)
                db.listen(self.listen_conn)
                return
            except StoreError as exc:
                logger.warning("coordinator: %s; retrying in %.1fs", exc, delay)
                time.sleep(delay)
                delay = min(delay * 2, 10.0)
        raise StoreError("stopped before PostgreSQL became reachable")

    def _check_schema(self) -> None:
        assert self.conn is not None
        applied, latest = schema.status(self.conn)
        if applied < latest:
            raise StoreError(
                f"database schema is at version {applied}, blaster needs {latest}:"
                " run `blaster db migrate`"
            )

    def _restore_rate_window(self) -> None:
        window = self.limits.window
        if window is None or self.conn is None:
            return
        width, _ = window.snapshot()
        now = time.time()
        rows = db.load_rate_window(self.conn, width, int((now - window.period) // width) - 1)
        window.restore(rows, now)
        logger.info(
            "coordinator: sliding window restored: %d sent in the last %.0fs",
            sum(n for _, n in rows),
            window.period,
        )

    def _save_rate_window(self) -> None:
        window = self.limits.window
        if window is None or self.conn is None:
            return
        width, rows = window.snapshot()
        since = int((time.time() - window.period) // width) - 1
        db.save_rate_window(self.conn, width, rows, since)

    def _start_worker(self) -> WorkerHandle:
        wid = self.next_worker_id
        self.next_worker_id += 1
        commands = self.ctx.Queue()
        their_end, our_end = self.ctx.Pipe(duplex=False)
        proc = self.ctx.Process(
            target=worker.run,
            name=f"worker-{wid}",
            args=(self.settings, wid, commands, self.reports, their_end, self.limits),
        )
        proc.start()
        their_end.close()
        handle = WorkerHandle(wid, proc, commands, our_end)
        self.workers[wid] = handle
        metrics.WORKERS_ALIVE.set(len(self.workers))
        logger.info("coordinator: started worker %d (pid %s)", wid, proc.pid)
        return handle

    def _shutdown(self) -> None:
        """Drain workers, keep taking their reports, write the last checkpoint."""
        for handle in self.workers.values():
            handle.commands.put(Drain())
        deadline = time.monotonic() + self.settings.drain_timeout + 10
        while any(h.process.is_alive() for h in self.workers.values()):
            self._take_reports(0.05)
            if time.monotonic() > deadline:
                logger.error("coordinator: workers did not drain in time; terminating them")
                for h in self.workers.values():
                    h.process.kill()
                break
        self._take_reports(0.0)
        for handle in self.workers.values():
            handle.process.join(5)
            metrics.mark_dead(handle.process.pid or 0)
        self._checkpoint_with_retry()
        for cid, camp in self.campaigns.items():  # stopped, but not forgotten before the exit
            with contextlib.suppress(store.OperationalError, StoreError):
                self._notify_stopped(cid, camp.stopping)
        self.notifier.close()
        for conn in (self.conn, self.listen_conn):
            if conn is not None:
                conn.close()

    def _checkpoint_with_retry(self, attempts: int = 20) -> None:
        for _ in range(attempts):
            try:
                self.checkpoint()
                return
            except (store.OperationalError, StoreError) as exc:
                logger.warning("coordinator: final checkpoint failed (%s); retrying", exc)
                time.sleep(0.5)
                self._reconnect()
        logger.error(
            "coordinator: final checkpoint not written; a restart re-sends from the "
            "last durable checkpoint"
        )

    # --- the loop ----------------------------------------------------------------------------

    def tick(self) -> None:
        """One round: reports, dead workers, scan, dispatch, checkpoint."""
        self._take_reports(0.05)
        self._reap_workers()
        now = time.monotonic()
        try:
            self._apply_error_threshold()
            if now >= self.next_checkpoint:
                self.checkpoint()
                self.next_checkpoint = now + self.settings.checkpoint_interval
            if now >= self.next_scan or self._notified():
                self.scan()
                self.next_scan = now + self.settings.poll_interval
        except (store.DatabaseError, StoreError) as exc:
            # any database error (lost connection, deadlock, ...) costs a tick, never the
            # engine: what the reports said stays in memory until a checkpoint succeeds
            unexpected = not isinstance(exc, store.OperationalError | StoreError)
            logger.warning(
                "coordinator: database error (%s); reconnecting", exc, exc_info=unexpected
            )
            self._reconnect()
        self._dispatch()
        if now >= self.next_tx_prune:
            self.next_tx_prune = now + TX_PRUNE_INTERVAL
            try:
                self.tx.prune()
            except BlasterError as exc:  # tried again in an hour
                logger.warning("coordinator: old transactional rows not pruned: %s", exc)
        if self.campaigns and now >= self.summary.due:
            self.summary.log(now, self.campaigns)

    def _reconnect(self) -> None:
        for conn in (self.conn, self.listen_conn):
            if conn is not None:
                conn.close()
        self.conn = self.listen_conn = None
        with contextlib.suppress(StoreError):  # stop requested while waiting
            self._connect()
            self._reclaim()

    def _reclaim(self) -> None:
        """Re-take the campaign locks a lost connection released; stop what another took."""
        assert self.conn is not None
        for cid, camp in self.campaigns.items():
            if not camp.stopping and not db.try_lock(self.conn, cid):
                logger.error("coordinator: campaign %d was taken over by another node", cid)
                self._stop_campaign(cid, "taken over")

    def _notified(self) -> bool:
        if self.listen_conn is None:
            return False
        return bool(db.drain_notifications(self.listen_conn))

    def _take_reports(self, timeout: float) -> None:
        try:
            msg = self.reports.get(timeout=timeout) if timeout else self.reports.get_nowait()
            while True:
                self._on_message(msg)
                msg = self.reports.get_nowait()
        except Empty:
            return

    def _on_message(self, msg: Any) -> None:
        if isinstance(msg, ShardReport):
            self._on_report(msg)
        elif isinstance(msg, WorkerStarted):
            logger.debug("coordinator: worker %d ready (pid %d)", msg.worker_id, msg.pid)
        elif isinstance(msg, WorkerError):
            logger.error("coordinator: worker %d: %s", msg.worker_id, msg.message)

    def _on_report(self, rep: ShardReport) -> None:
        camp = self.campaigns.get(rep.campaign_id)
        state = camp.shards.get(rep.shard_id) if camp else None
        if state is None or state.owner != rep.worker_id:
            logger.warning(
                "coordinator: stale report for shard %d from worker %d", rep.shard_id, rep.worker_id
            )
            return
        state.frontier, state.read_upto, state.undone = rep.frontier, rep.read_upto, rep.undone
        delta = self.deltas.setdefault(
            rep.shard_id, db.ShardDelta(rep.shard_id, rep.campaign_id, rep.frontier)
        )
        delta.frontier, delta.read_upto, delta.undone = rep.frontier, rep.read_upto, rep.undone
        delta.sent += rep.sent
        self.summary.sent += rep.sent
        self.summary.failed += len(rep.failures)
        delta.failed += len(rep.failures)
        self.failures.extend((rep.campaign_id, f) for f in rep.failures)
        assert camp is not None
        camp.errors.record(rep.sent, len(rep.failures))
        handle = self.workers[rep.worker_id]
        if rep.state != "running":
            state.owner = None
            handle.shards.discard(rep.shard_id)
            handle.finishing.discard(rep.shard_id)
        elif rep.read_all:
            handle.finishing.add(rep.shard_id)
        if rep.state == "done":
            state.done = delta.done = True

    def _reap_workers(self) -> None:
        for handle in list(self.workers.values()):
            if handle.process.is_alive():
                continue
            del self.workers[handle.id]
            handle.process.join()
            metrics.mark_dead(handle.process.pid or 0)
            metrics.WORKERS_ALIVE.set(len(self.workers))
            if self.stop_requested:
                continue
            logger.error(
                "coordinator: worker %d (pid %s) died with exit code %s; re-issuing %d shard(s)",
                handle.id,
                handle.process.pid,
                handle.process.exitcode,
                len(handle.shards),
            )
            for camp in self.campaigns.values():
                for state in camp.shards.values():
                    if state.owner == handle.id:
                        state.owner = None
            self._start_worker()

    # --- campaigns ---------------------------------------------------------------------------

    def scan(self) -> None:
        """Stop campaigns whose status left ``running``; pick up new runnable ones."""
        assert self.conn is not None
        current = db.statuses(self.conn, self.campaigns)
        for cid, camp in list(self.campaigns.items()):
            status = current.get(cid, "deleted")
            if status != "running" and not camp.stopping:
                self._stop_campaign(cid, status)
        self._pause_on_lost_lists()
        runnable = db.runnable_ids(self.conn)
        for cid in runnable:
            if cid not in self.campaigns:
                self._pick_up(cid)
        self._finish_or_forget()
        metrics.SHARDS_PENDING.set(
            sum(1 for c in self.campaigns.values() for s in c.shards.values() if not s.done)
        )
        if self.exit_when_idle and not self.campaigns and not runnable:
            logger.info("coordinator: no campaign running or due; exiting")
            self.stop_requested = True

    def _apply_error_threshold(self) -> None:
        """Pause at once a campaign whose failures reached ``max_send_errors`` or whose
        recent messages failed at ``max_error_rate`` or more."""
        for cid, camp in self.campaigns.items():
            verdict = "" if camp.stopping else camp.errors.verdict()
            if verdict:
                reason = f"auto-paused: {verdict}"
                logger.error("coordinator: campaign %d %s", cid, reason)
                self._pause_with_reason(cid, reason)

    def _pause_on_lost_lists(self) -> None:
        """Pause a campaign one of whose lists was deleted (or detached) while it was being
        sent: that list's subscribers not yet sent to would silently be left out."""
        assert self.conn is not None
        sending = [camp.spec for camp in self.campaigns.values() if not camp.stopping]
        for cid, list_id, exists in db.lost_lists(self.conn, sending):
            if self.campaigns[cid].stopping:  # another of its lists went too
                continue
            what = "removed from the campaign" if exists else "deleted"
            reason = (
                f"list {list_id} was {what} while the campaign was being sent"
                " (set the status to running to send to the remaining lists)"
            )
            logger.error("coordinator: campaign %d paused: %s", cid, reason)
            self._pause_with_reason(cid, reason)

    def _pause_with_reason(self, cid: int, reason: str) -> None:
        self._stop_campaign(cid, "paused")
        self.checkpoint()
        assert self.conn is not None
        db.refuse(self.conn, cid, reason)

    def _stop_campaign(self, cid: int, status: str) -> None:
        camp = self.campaigns[cid]
        camp.stopping = status
        logger.info("coordinator: campaign %d is %s; stopping its shards", cid, status)
        for handle in self.workers.values():
            if any(camp.shards.get(sid) for sid in handle.shards):
                handle.commands.put(StopCampaign(cid, status))
        metrics.campaign_status(cid, camp.spec.name, status)

    def _pick_up(self, cid: int) -> None:
        assert self.conn is not None
        if not db.try_lock(self.conn, cid):
            logger.debug("coordinator: campaign %d is being sent by another node", cid)
            return
        picked = db.pick_up(self.conn, cid, self.settings.shard_size, min_shards=self._min_shards())
        if picked is None:
            db.unlock(self.conn, cid)
            return
        row, shards = picked
        error = self._validate(row)
        if error:
            logger.error("coordinator: campaign %d refused: %s", cid, error)
            db.refuse(self.conn, cid, error)
            self._notify(cid, "refused", error)
            db.unlock(self.conn, cid)
            return
        db.clear_error(self.conn, cid)
        info = db.progress(self.conn, cid) or {}
        self.campaigns[cid] = ActiveCampaign(
            row.spec,
            {s.id: ShardState(s, s.frontier, s.read_upto, s.undone) for s in shards},
            ErrorBudget(
                self.settings.max_send_errors,
                self.settings.max_error_rate,
                self.settings.error_rate_window,
            ),
        )
        self.turn.append(cid)
        metrics.campaign_started(
            cid, row.spec.name, info.get("to_send", 0), info.get("sent", 0), info.get("failed", 0)
        )
        logger.info(
            "coordinator: campaign %d %r picked up: %d shard(s) pending, to_send=%s",
            cid,
            row.spec.name,
            len(shards),
            info.get("to_send"),
        )

    def _min_shards(self) -> int:
        """Shards a campaign is cut into at least: every worker slot twice, so that workers
        finishing early still find work."""
        return self.settings.workers * self.settings.shards_per_worker * 2

    def _validate(self, row: db.CampaignRow) -> str:
        """Why the campaign cannot be sent, or an empty string."""
        if row.messenger not in MESSENGERS:
            return f"unknown messenger {row.messenger!r} (this node has: {', '.join(MESSENGERS)})"
        if not row.spec.double_list_ids and not row.spec.single_list_ids:
            return "the campaign has no lists"
        try:
            CampaignRenderer.from_settings(row.spec, self.settings)
        except RenderError as exc:
            return f"template error: {exc}"
        from blaster import content  # header names and attachment files

        try:
            content.check_headers(row.spec)
            content.check_media(row.spec.attachments, self.settings.media_dir)
        except BlasterError as exc:
            return str(exc)
        return ""

    def _finish_or_forget(self) -> None:
        """Finish campaigns whose shards are all done; forget stopped ones once released."""
        assert self.conn is not None
        for cid, camp in list(self.campaigns.items()):
            if camp.owned():
                continue
            if camp.stopping or all(s.done for s in camp.shards.values()):
                self.checkpoint()
                if not camp.stopping and db.finish_if_complete(self.conn, cid):
                    self._log_finished(cid)
                self._notify_stopped(cid, camp.stopping)
                del self.campaigns[cid]
                if cid in self.turn:
                    self.turn.remove(cid)
                db.unlock(self.conn, cid)

    def _log_finished(self, cid: int) -> None:
        assert self.conn is not None
        info = db.progress(self.conn, cid) or {}
        name = self.campaigns[cid].spec.name
        metrics.campaign_status(cid, name, "finished")
        metrics.CAMPAIGN_SENT.labels(str(cid)).set(info.get("sent", 0))
        logger.info(
            "coordinator: campaign %d %r finished: sent=%s failed=%s to_send=%s",
            cid,
            name,
            info.get("sent"),
            info.get("failed"),
            info.get("to_send"),
        )
        self._notify(cid, "finished", "every eligible subscriber was sent to or failed", info)

    def _notify(
        self, cid: int, event: str, reason: str, info: dict[str, Any] | None = None
    ) -> None:
        """Queue an admin notification (sent by a background thread) with the campaign's
        counts from ``info`` or, when absent, as the database holds them now."""
        if not self.notifier.enabled or self.conn is None:
            return
        info = info or db.progress(self.conn, cid)
        if info:
            self.notifier.notify(notify.Notice.from_progress(event, info, reason))

    def _notify_stopped(self, cid: int, status: str) -> None:
        """Notify a cancel or an auto-pause once the campaign's shards are back and
        checkpointed, so that its counts are final. An operator's pause is not news."""
        if not self.notifier.enabled or self.conn is None:
            return
        if status == "cancelled":
            self._notify(cid, "cancelled", "the campaign's status was set to cancelled")
        elif status == "paused":
            info = db.progress(self.conn, cid)
            if info and info["error"]:  # the reason the auto-pause recorded
                self._notify(cid, "auto-paused", info["error"], info)

    def _dispatch(self) -> None:
        """Give unowned shards to workers with spare capacity, campaigns taking turns."""
        capacity = self.settings.shards_per_worker
        for handle in self.workers.values():
            while handle.has_room(capacity):
                state = self._next_shard()
                if state is None:
                    return
                camp = self.campaigns[state.shard.campaign_id]
                state.owner = handle.id
                handle.shards.add(state.shard.id)
                handle.commands.put(StartShard(camp.spec, state.descriptor()))

    def _next_shard(self) -> ShardState | None:
        for _ in range(len(self.turn)):
            cid = self.turn[0]
            self.turn.rotate(-1)
            camp = self.campaigns[cid]
            if camp.stopping:
                continue
            free = camp.unowned()
            if free:
                return min(free, key=lambda s: s.shard.lo)
        return None

    # --- checkpoints -------------------------------------------------------------------------

    def checkpoint(self) -> None:
        """Write what the reports said since the last checkpoint, in one transaction."""
        if not self.deltas and not self.failures:
            return
        if self.conn is None:
            raise StoreError("not connected")
        db.checkpoint(self.conn, list(self.deltas.values()), self.failures)
        self.deltas, self.failures = {}, []
        self._save_rate_window()
        for cid in self.campaigns:
            info = db.progress(self.conn, cid)
            if info:
                metrics.CAMPAIGN_SENT.labels(str(cid)).set(info["sent"])
                metrics.CAMPAIGN_FAILED.labels(str(cid)).set(info["failed"])


def run(settings: Settings, *, exit_when_idle: bool = False) -> int:
    """Run a coordinator with the given settings; return its exit code."""
    try:
        return Coordinator(settings, exit_when_idle=exit_when_idle).run()
    except BlasterError:
        raise
