"""This node's shard leases: joining the fleet, claiming, renewing, fencing, leaving.

The coordinator's part of :mod:`blaster.store.leases`. :class:`Leases` claims shards for
the free reading slots of this node's workers (campaigns taking turns), renews every lease
the node holds with each checkpoint (one fenced transaction with the positions, failures
and counters), says which shards were lost to another node and until when the others may
be sent (:func:`blaster.fleet.trusted_until`), and keeps this node's share of the fleet's
rate limits. It decides nothing about campaigns: the ledger records, the coordinator acts.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from blaster import fleet, metrics
from blaster.config import Settings
from blaster.ledger import Ledger
from blaster.ratelimit import RateLimits
from blaster.store import Conn, leases
from blaster.store import campaigns as db

logger = logging.getLogger(__name__)

#: the leader row of the fleet's hourly chores (a term lasts one lease, see :meth:`Leases.lead`)
LEADER_DUTY = "housekeeping"


@dataclass(slots=True)
class Renewal:
    """What one checkpoint found: shards lost to other nodes, the new trust deadline."""

    lost: list[int] = field(default_factory=list)
    trusted_until: float = 0.0


class Leases:
    """This node's identity and leases.

    :param settings: ``lease``, ``checkpoint_interval``, ``poll_interval``.
    :param limits: this node's rate limits, whose share :meth:`share` keeps.
    """

    def __init__(self, settings: Settings, limits: RateLimits) -> None:
        self.node = fleet.this_node()
        self.lease = settings.engine.lease
        self.poll = settings.engine.poll_interval
        self.limits = limits
        engine = settings.engine
        self.renew_every = fleet.renew_every(engine.lease, engine.checkpoint_interval)
        self.next_claim = 0.0  #: monotonic time of the next claim round when idle
        self.next_heartbeat = 0.0
        self.rate = limits.set_share(1)
        self.nodes = 1  #: nodes holding shards at the last count (this one included)

    # --- membership --------------------------------------------------------------------------

    def join(self, conn: Conn) -> None:
        """Register this node, free the leases of this machine's dead nodes, take its share."""
        with conn.transaction(), conn.cursor() as cur:
            leases.heartbeat(cur, self.node, 0, self.rate)
        self.rescue(conn)
        self.share(conn, holding=True)  # a joining node starts at its share, not the fleet's
        metrics.NODE_INFO.labels(self.node.id, self.node.host, self.node.version).set(1)
        metrics.NODE_RATE_SHARE.set(self.rate)
        logger.info("coordinator: node %s joined (lease %.0fs)", self.node.id, self.lease)

    def rescue(self, conn: Conn) -> None:
        """Free at once the leases of nodes of this host whose process is gone (no need
        to wait for them to run out); claim soon after."""
        for dead in leases.rescue_local(conn, self.node, fleet.pid_alive):
            logger.warning("coordinator: node %s (this host) is gone; its shards are free", dead)
            self.wake()

    def leave(self, conn: Conn) -> None:
        """A clean stop: give every lease back and tell the other nodes."""
        released = leases.stop_node(conn, self.node.id)
        leases.resign(conn, self.node.id)
        logger.info("coordinator: node %s left, %d lease(s) released", self.node.id, released)

    def lead(self, conn: Conn) -> bool:
        """Whether this node does the fleet's housekeeping now (a term of one lease)."""
        return leases.lead(conn, LEADER_DUTY, self.node.id, self.lease)

    # --- claims ------------------------------------------------------------------------------

    def wake(self) -> None:
        """Claim at the next chance (a campaign was picked up, a shard freed, a peer left)."""
        self.next_claim = 0.0

    def claim(self, conn: Conn, ledger: Ledger, worker_ids: list[int]) -> list[leases.Lease]:
        """Lease shards for the workers' free slots, one per campaign in turn; return them
        (already in the ledger)."""
        now = time.monotonic()
        room = ledger.claim_room(worker_ids)
        if room <= 0 or now < self.next_claim:
            return []
        order, got = ledger.claim_order(), []
        while room > 0 and order:
            for cid in list(order):
                started = time.monotonic()
                found = leases.claim(conn, self.node.id, cid, 1, self.lease)
                if not found:
                    order.remove(cid)
                    continue
                for lease in found:
                    logger.debug(
                        "coordinator: leased shard %d (epoch %d)", lease.shard.id, lease.epoch
                    )
                    ledger.claimed(lease.shard, lease.epoch)
                    ledger.trust(lease.shard.id, fleet.trusted_until(started, self.lease))
                got += found
                room -= len(found)
                if room <= 0:
                    break
        if not got:
            self.next_claim = now + self.poll
        return got

    # --- checkpoints -------------------------------------------------------------------------

    def due(self, ledger: Ledger, now: float) -> bool:
        """Whether a checkpoint must run now even with nothing new to write: a lease to
        renew, or an idle node's heartbeat."""
        return bool(ledger.leases()) or now >= self.next_heartbeat

    def checkpoint(self, conn: Conn, ledger: Ledger) -> Renewal:
        """Write what the reports said and renew every lease, fenced; forget lost shards
        in the ledger. Raises the database's errors (nothing is forgotten then)."""
        started = time.monotonic()
        held = ledger.leases()
        lost = db.checkpoint(conn, self.node, held, ledger.unwritten(), self.lease, self.rate)
        ledger.written()
        self.next_heartbeat = started + self.lease / 3
        until = fleet.trusted_until(started, self.lease)
        for sid, _epoch in held:
            if sid not in lost:
                ledger.trust(sid, until)
        return Renewal(sorted(lost), until)

    def share(self, conn: Conn, holding: bool) -> None:
        """Split the fleet's rate limits between the nodes holding shards now."""
        others = leases.active_nodes(conn, self.lease, exclude=self.node.id)
        nodes = others + (1 if holding else 0)
        metrics.NODES_SENDING.set(nodes)
        if max(1, nodes) != self.nodes:
            self.rate = self.limits.set_share(nodes)
            logger.info(
                "coordinator: %d node(s) sending; this node's share of the rate: %s",
                max(1, nodes),
                f"{self.rate:.1f} msgs/s" if self.rate else "unlimited",
            )
            self.nodes = max(1, nodes)
            metrics.NODE_RATE_SHARE.set(self.rate)
