"""Shard leases and the nodes that hold them: how several nodes share campaigns.

A node claims pending shards of a running campaign with one statement that locks the
candidate rows (``FOR UPDATE SKIP LOCKED``, so two nodes never wait on or take the same
row), re-checks the condition on the locked rows and stamps ``owner`` (the node id),
``lease_until`` (the database's clock, never a node's) and a new ``lease_epoch``. Each
checkpoint renews the node's leases and is fenced on ``(owner, lease_epoch)``: a shard it
no longer holds is reported lost and nothing of it is written. A lease that ran out is
taken over :data:`GRACE` leases after its expiry, from the durable checkpoint.

``blaster_nodes`` has a row per node (its heartbeat is the checkpoint); ``blaster_leader``
rows with expiry elect one node for the fleet's singleton duties. No session advisory lock
is involved, so all of this works behind PgBouncer in transaction mode.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from blaster.models import Checkpoint, Shard
from blaster.store import Conn

#: a lease that ran out is taken over this many leases after ``lease_until`` (time for
#: the messages its owner had in flight to finish before another node starts)
GRACE = 0.25
#: the channel a node NOTIFYs when it gives shards back, so the others claim at once
SHARDS_CHANNEL = "blaster_shards"

CLAIM_SQL = """
UPDATE blaster_shards s
SET owner = %(node)s, lease_until = NOW() + make_interval(secs => %(lease)s),
    lease_epoch = s.lease_epoch + 1, takeovers = s.takeovers + (s.owner IS NOT NULL)::int,
    updated_at = NOW()
FROM (SELECT id FROM blaster_shards
      WHERE campaign_id = %(campaign)s AND state = 'pending'
        AND (owner IS NULL OR lease_until < NOW() - make_interval(secs => %(grace)s))
        AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = %(campaign)s AND c.status = 'running')
      ORDER BY kind, lo
      LIMIT %(n)s
      FOR UPDATE SKIP LOCKED) free
WHERE s.id = free.id AND s.state = 'pending'
  AND (s.owner IS NULL OR s.lease_until < NOW() - make_interval(secs => %(grace)s))
RETURNING s.id, s.campaign_id, s.lo, s.hi, s.frontier, s.read_upto, s.undone, s.kind,
          s.lease_epoch, s.takeovers
"""

RENEW_SQL = """
UPDATE blaster_shards s SET lease_until = NOW() + make_interval(secs => %s)
FROM unnest(%s::bigint[], %s::bigint[]) AS held(id, epoch)
WHERE s.id = held.id AND s.lease_epoch = held.epoch AND s.owner = %s
RETURNING s.id
"""

HEARTBEAT_SQL = """
INSERT INTO blaster_nodes (id, host, machine, pid, version, shards, rate, sent)
VALUES (%(id)s, %(host)s, %(machine)s, %(pid)s, %(version)s, %(shards)s, %(rate)s, %(sent)s)
ON CONFLICT (id) DO UPDATE SET heartbeat_at = NOW(), stopped_at = NULL,
    shards = EXCLUDED.shards, rate = EXCLUDED.rate, sent = blaster_nodes.sent + EXCLUDED.sent
"""

LEAD_SQL = """
INSERT INTO blaster_leader (name, node, expires_at)
VALUES (%(name)s, %(node)s, NOW() + make_interval(secs => %(ttl)s))
ON CONFLICT (name) DO UPDATE SET node = EXCLUDED.node, expires_at = EXCLUDED.expires_at
WHERE blaster_leader.node = EXCLUDED.node OR blaster_leader.expires_at < NOW()
RETURNING node
"""


@dataclass(frozen=True, slots=True)
class Node:
    """Who a node is: its id (unique across machines, stable for its process) and where."""

    id: str
    host: str
    pid: int
    version: str = ""
    #: the host name and the kernel's boot id: nodes with the same value see each other's
    #: processes (same machine or container, same boot); "" = never judged by pid
    machine: str = ""


@dataclass(frozen=True, slots=True)
class Lease:
    """A shard this node has just claimed, under ``epoch``."""

    shard: Shard
    epoch: int
    takeovers: int  #: times the shard was taken from a node whose lease ran out


@dataclass(frozen=True, slots=True)
class NodeRow:
    """One row of ``blaster_nodes`` as ``blaster nodes`` shows it."""

    id: str
    host: str
    pid: int
    version: str
    started_at: dt.datetime
    heartbeat_at: dt.datetime
    stopped_at: dt.datetime | None
    shards: int
    rate: float  #: its share of the fleet's rate (0 = unlimited)
    sent: int
    live: bool  #: its heartbeat is younger than a lease and it did not stop

    @property
    def send_rate(self) -> float:
        """Messages per second on average from its start to its last heartbeat."""
        seconds = (self.heartbeat_at - self.started_at).total_seconds()
        return self.sent / seconds if seconds > 0 else 0.0


def claim(conn: Conn, node: str, campaign_id: int, n: int, lease: float) -> list[Lease]:
    """Lease up to ``n`` pending shards of a running campaign (free ones, or ones whose
    lease ran out more than :data:`GRACE` leases ago), lowest IDs first."""
    params = {
        "node": node,
        "campaign": campaign_id,
        "n": n,
        "lease": lease,
        "grace": lease * GRACE,
    }
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(CLAIM_SQL, params)
        rows = cur.fetchall()
    leases = [
        Lease(Shard(r[0], r[1], r[2], r[3], Checkpoint(r[4], r[5], tuple(r[6])), r[7]), r[8], r[9])
        for r in rows
    ]
    return sorted(leases, key=lambda x: (x.shard.kind, x.shard.lo))


def renew(cur: Any, node: str, held: Sequence[tuple[int, int]], lease: float) -> set[int]:
    """Extend the leases this node still holds, inside the caller's transaction; return
    the shard IDs renewed (the others were taken over)."""
    if not held:
        return set()
    cur.execute(RENEW_SQL, (lease, [sid for sid, _ in held], [ep for _, ep in held], node))
    return {int(row[0]) for row in cur.fetchall()}


def heartbeat(cur: Any, node: Node, shards: int, rate: float, sent: int = 0) -> None:
    """Record that ``node`` is alive, with the leases it holds, its share of the rate and
    the messages it just checkpointed (inside the caller's transaction)."""
    cur.execute(
        HEARTBEAT_SQL,
        {
            "id": node.id,
            "host": node.host,
            "machine": node.machine,
            "pid": node.pid,
            "version": node.version,
            "shards": shards,
            "rate": rate,
            "sent": sent,
        },
    )


def release(conn: Conn, node: str, shard_ids: Sequence[int] | None = None) -> int:
    """Give back this node's leases (all of them, or ``shard_ids``) and NOTIFY the others;
    return how many."""
    with conn.transaction(), conn.cursor() as cur:
        if shard_ids is None:
            cur.execute(
                "UPDATE blaster_shards SET owner = NULL, lease_until = NULL WHERE owner = %s",
                (node,),
            )
        else:
            cur.execute(
                "UPDATE blaster_shards SET owner = NULL, lease_until = NULL"
                " WHERE owner = %s AND id = ANY(%s)",
                (node, list(shard_ids)),
            )
        count = cur.rowcount
        if count:
            cur.execute("SELECT pg_notify(%s, %s)", (SHARDS_CHANNEL, node))
    return count


def stop_node(conn: Conn, node: str) -> int:
    """A clean stop: release every lease, mark the node stopped, tell the others."""
    count = release(conn, node)
    conn.execute(
        "UPDATE blaster_nodes SET stopped_at = NOW(), shards = 0, rate = 0 WHERE id = %s",
        (node,),
    )
    conn.execute("SELECT pg_notify(%s, %s)", (SHARDS_CHANNEL, node))
    return count


def rescue_local(conn: Conn, me: Node, alive: Callable[[int], bool]) -> list[str]:
    """Free the leases of nodes on this machine whose process is gone (a crash or ``kill
    -9``): no need to wait for their leases to run out. Returns the nodes rescued.

    Only nodes of this very machine (same host name and boot: :attr:`Node.machine`) are
    judged, by a process check it can make; a pid reused by another process only means
    waiting for the lease, never a double owner.
    """
    if not me.machine:
        return []
    rows = conn.execute(
        "SELECT id, pid FROM blaster_nodes"
        " WHERE machine = %s AND id <> %s AND stopped_at IS NULL",
        (me.machine, me.id),
    ).fetchall()
    dead = [str(r[0]) for r in rows if not alive(int(r[1]))]
    for node in dead:
        with conn.transaction(), conn.cursor() as cur:
            cur.execute(
                "UPDATE blaster_shards SET owner = NULL, lease_until = NULL,"
                " takeovers = takeovers + 1 WHERE owner = %s",
                (node,),
            )
            cur.execute(
                "UPDATE blaster_nodes SET stopped_at = NOW(), shards = 0, rate = 0 WHERE id = %s",
                (node,),
            )
    return dead


def active_nodes(conn: Conn, lease: float, exclude: str = "", holding: bool = True) -> int:
    """Nodes alive (heartbeat younger than a lease) other than ``exclude``; with
    ``holding``, only those that hold shards (the rate's divisor)."""
    row = conn.execute(
        "SELECT COUNT(*) FROM blaster_nodes WHERE stopped_at IS NULL"
        " AND (shards > 0 OR NOT %s)"
        " AND heartbeat_at > NOW() - make_interval(secs => %s) AND id <> %s",
        (holding, lease, exclude),
    ).fetchone()
    return int(row[0]) if row else 0


def nodes(conn: Conn, lease: float, recent_hours: float = 24.0) -> list[NodeRow]:
    """Live nodes and those seen in the last ``recent_hours``, newest first."""
    rows = conn.execute(
        "SELECT id, host, pid, version, started_at, heartbeat_at, stopped_at, shards, rate, sent,"
        " stopped_at IS NULL AND heartbeat_at > NOW() - make_interval(secs => %s)"
        " FROM blaster_nodes WHERE heartbeat_at > NOW() - make_interval(hours => %s)"
        " ORDER BY started_at DESC, id",
        (lease, int(recent_hours)),
    ).fetchall()
    return [NodeRow(*row) for row in rows]


def lead(conn: Conn, name: str, node: str, ttl: float) -> bool:
    """Become or stay the leader of duty ``name`` for ``ttl`` seconds; False when another
    node's term has not run out."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(LEAD_SQL, {"name": name, "node": node, "ttl": ttl})
        return cur.fetchone() is not None


def resign(conn: Conn, node: str) -> None:
    """Give up every duty this node leads."""
    conn.execute("DELETE FROM blaster_leader WHERE node = %s", (node,))


def prune_nodes(conn: Conn, older_than_hours: float = 24.0) -> int:
    """Forget nodes not seen for ``older_than_hours`` (a leader's duty)."""
    cur = conn.execute(
        "DELETE FROM blaster_nodes WHERE heartbeat_at < NOW() - make_interval(hours => %s)",
        (int(older_than_hours),),
    )
    return cur.rowcount


def listen(conn: Conn) -> None:
    """Subscribe ``conn`` to shard releases of other nodes."""
    conn.execute("LISTEN blaster_shards")  # SHARDS_CHANNEL
