"""This node among the others: its identity and how long it may trust its leases.

Pure arithmetic for the coordinator. A node trusts a lease renewed by a checkpoint that
started at monotonic time ``t`` until ``t + TRUST × lease``: the database stamped the lease
at or after ``t``, and no other node can take it over before ``lease × (1 + GRACE)`` after
that, so between the node's own deadline and any takeover lie ``(1 - TRUST + GRACE)``
leases for its last messages to finish. (The fleet's rate limits are split between the
nodes that hold shards by :meth:`blaster.ratelimit.RateLimits.set_share`.)
"""

from __future__ import annotations

import os
import secrets
import socket

from blaster import __version__
from blaster.store.leases import GRACE, Node

#: the share of a lease a node trusts itself after a renewal started
TRUST = 0.75
#: a shard taken over this many times (each a node dying or freezing with it) pauses its
#: campaign: something in it brings nodes down
POISON_TAKEOVERS = 5

assert TRUST < 1 + GRACE


def this_node() -> Node:
    """This process's node: ``host-pid-random`` (unique across machines and restarts)."""
    host = socket.gethostname()
    node_id = f"{host}-{os.getpid()}-{secrets.token_hex(3)}"
    return Node(node_id, host, os.getpid(), __version__, machine=machine())


def machine(boot_id: str = "/proc/sys/kernel/random/boot_id") -> str:
    """This machine as far as process checks go: host name and kernel boot id ("" when
    the boot id cannot be read: then no node judges another by its pid)."""
    try:
        with open(boot_id, encoding="ascii") as fh:
            boot = fh.read().strip()
    except OSError:
        return ""
    return f"{socket.gethostname()}/{boot}" if boot else ""


def trusted_until(renewal_started: float, lease: float) -> float:
    """The monotonic deadline until which a lease renewed at ``renewal_started`` holds."""
    return renewal_started + TRUST * lease


def renew_every(lease: float, checkpoint_interval: float) -> float:
    """Seconds between renewals: every checkpoint, and at least four per lease."""
    return min(checkpoint_interval, lease / 4)


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
