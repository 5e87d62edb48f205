"""Prometheus metrics: the only prometheus_client import.

Every process writes its samples to ``PROMETHEUS_MULTIPROC_DIR`` (wiped and set by the
CLI before any process imports this module, see :func:`blaster.metricsdir.prepare`);
the coordinator serves the merged view. Metric names and labels are a contract (README,
"Metrics"); ``campaign`` is the campaign ID, so label cardinality stays bounded.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    make_wsgi_app,
    multiprocess,
)

from blaster.models import CampaignStatus

ENV = "PROMETHEUS_MULTIPROC_DIR"

SENT = Counter("blaster_messages_sent", "Messages accepted by a relay.", ["campaign"])
FAILED = Counter("blaster_messages_failed", "Subscribers recorded as failed.", ["campaign", "kind"])
RETRIED = Counter(
    "blaster_messages_retried", "Send attempts retried after a temporary error.", ["campaign"]
)
TO_SEND = Gauge(
    "blaster_campaign_to_send",
    "Eligible subscribers frozen at pickup.",
    ["campaign"],
    multiprocess_mode="mostrecent",
)
CAMPAIGN_SENT = Gauge(
    "blaster_campaign_sent",
    "campaigns.sent as of the last checkpoint.",
    ["campaign"],
    multiprocess_mode="mostrecent",
)
CAMPAIGN_FAILED = Gauge(
    "blaster_campaign_failed",
    "Subscribers recorded as failed, as of the last checkpoint.",
    ["campaign"],
    multiprocess_mode="mostrecent",
)
CAMPAIGN_INFO = Gauge(
    "blaster_campaign_info",
    "1 for the campaign's current name and status.",
    ["campaign", "name", "status"],
    multiprocess_mode="mostrecent",
)
SMTP_SECONDS = Histogram(
    "blaster_smtp_send_seconds",
    "Time from handing a message to the relay to its reply.",
    ["server"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
SMTP_CONNECTIONS = Gauge(
    "blaster_smtp_connections", "Open SMTP sessions.", ["server"], multiprocess_mode="livesum"
)
INFLIGHT = Gauge(
    "blaster_inflight_messages",
    "Messages handed to a relay, reply pending.",
    multiprocess_mode="livesum",
)
WORKERS_ALIVE = Gauge(
    "blaster_workers_alive", "Worker processes alive.", multiprocess_mode="mostrecent"
)
SHARDS_PENDING = Gauge(
    "blaster_shards_pending",
    "Shards not yet done, over running campaigns.",
    multiprocess_mode="mostrecent",
)
NODE_INFO = Gauge(
    "blaster_node_info",
    "1, labelled with this node's id, host and version: join it on `instance` to give any"
    " series of this node a `node` label.",
    ["node", "host", "version"],
    multiprocess_mode="mostrecent",
)
NODE_SHARDS = Gauge(
    "blaster_node_shards",
    "Shards this node leases now.",
    multiprocess_mode="mostrecent",
)
NODES_SENDING = Gauge(
    "blaster_nodes_sending",
    "Nodes holding shards, as this node counted them last (the fleet's rate is split"
    " between them).",
    multiprocess_mode="mostrecent",
)
NODE_RATE_SHARE = Gauge(
    "blaster_node_rate_share",
    "This node's share of the fleet's global rate in messages per second (0 = unlimited).",
    multiprocess_mode="mostrecent",
)
RATE_WAIT = Counter("blaster_rate_wait_seconds", "Seconds messages were held back by rate limits.")
TX_MESSAGES = Counter(
    "blaster_tx_messages", "Transactional messages by outcome (sent, failed).", ["status"]
)
TX_QUEUED = Gauge(
    "blaster_tx_queued",
    "Transactional messages waiting, being retried or being sent.",
    multiprocess_mode="mostrecent",
)


class BatchedHistogram:
    """One histogram child's observations, counted in this process and added to the shared
    metric by :func:`flush_batched`: in multiprocess mode each ``observe`` takes a lock and
    writes the mmap'ed file twice (the sum and a bucket), once per message on the send path;
    a flush writes each bucket that moved once. The worker flushes every
    ``report_interval`` and before it exits, so a scrape lags by at most that much.
    """

    def __init__(self, child: Histogram) -> None:
        self._child = child
        self._bounds: list[float] = list(child._upper_bounds)  # ends with +Inf
        self._counts = [0] * len(self._bounds)
        self._sum = 0.0

    def observe(self, amount: float) -> None:
        """Count ``amount`` in its bucket (the first bound it does not exceed)."""
        self._sum += amount
        self._counts[bisect.bisect_left(self._bounds, amount)] += 1

    def flush(self) -> None:
        """Add what was observed since the last flush to the shared metric."""
        counts = self._counts
        if not any(counts):
            return
        self._child._sum.inc(self._sum)
        for bucket, count in zip(self._child._buckets, counts, strict=True):
            if count:
                bucket.inc(count)
        self._counts = [0] * len(counts)
        self._sum = 0.0


_BATCHED: dict[int, BatchedHistogram] = {}


def batched(child: Histogram) -> BatchedHistogram:
    """The :class:`BatchedHistogram` of a labelled histogram child (one per child)."""
    found = _BATCHED.get(id(child))
    if found is None or found._child is not child:
        found = _BATCHED[id(child)] = BatchedHistogram(child)
    return found


def flush_batched() -> None:
    """Flush every batched histogram of this process."""
    for histogram in _BATCHED.values():
        histogram.flush()


def wsgi_app() -> WSGIApplication:
    """A WSGI application serving the merged registry (any path; the caller routes).

    Each request reads every process's samples afresh (a new registry and
    ``MultiProcessCollector``); without ``PROMETHEUS_MULTIPROC_DIR`` it serves this
    process's own registry.
    """

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        registry = REGISTRY
        if os.environ.get(ENV):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        serve: WSGIApplication = make_wsgi_app(registry)
        return serve(environ, start_response)

    return app


def tx_started() -> None:
    """Create the transactional series so they exist before the first message."""
    for status in ("sent", "failed"):
        TX_MESSAGES.labels(status).inc(0)
    TX_QUEUED.set(0)


def mark_dead(pid: int) -> None:
    """Drop a dead worker's live gauges (its counters are kept and summed)."""
    if os.environ.get(ENV):
        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]


def campaign_started(campaign_id: int, name: str, to_send: int, sent: int, failed: int) -> None:
    """Create the campaign's label children so every series exists from the start."""
    cid = str(campaign_id)
    SENT.labels(cid).inc(0)
    RETRIED.labels(cid).inc(0)
    for kind in ("permanent", "temporary", "render"):
        FAILED.labels(cid, kind).inc(0)
    TO_SEND.labels(cid).set(to_send)
    CAMPAIGN_SENT.labels(cid).set(sent)
    CAMPAIGN_FAILED.labels(cid).set(failed)
    campaign_status(campaign_id, name, CampaignStatus.RUNNING)


_last_status: dict[int, tuple[str, str]] = {}


def campaign_status(campaign_id: int, name: str, status: str) -> None:
    """Set ``blaster_campaign_info`` to 1 for the current status and 0 for the previous."""
    previous = _last_status.get(campaign_id)
    if previous and previous != (name, status):
        CAMPAIGN_INFO.labels(str(campaign_id), *previous).set(0)
    CAMPAIGN_INFO.labels(str(campaign_id), name, status).set(1)
    _last_status[campaign_id] = (name, status)
