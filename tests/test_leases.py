"""Shard leases against a real PostgreSQL: claims never overlap, a lease is taken over only
after it ran out (plus the grace), checkpoints are fenced on (owner, epoch), planning is
idempotent, finishing and notices happen once, dead local nodes are rescued, one leader."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from blaster import fleet
from blaster.ledger import ShardDelta
from blaster.models import Checkpoint, Failure, FailureKind
from blaster.store import campaigns as db
from blaster.store import leases
from tests import helpers as h

LEASE = 1.0


@pytest.fixture
def planned(conn):
    """A running campaign of 1,000 subscribers planned into 10 shards."""
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 1000, lst)
    cid = h.create_campaign(conn, [lst])
    assert db.pick_up(conn, cid, 100) is not None
    return cid


def node(name: str) -> leases.Node:
    return leases.Node(name, "test-host", 0)


def checkpoint(conn, who, claimed, sent=1, failures=()):
    deltas = [
        ShardDelta(x.shard.id, x.shard.campaign_id, Checkpoint(x.shard.lo + 5), x.epoch, sent)
        for x in claimed
    ]
    for d in deltas:
        d.failures.extend(failures)
    return db.checkpoint(conn, who, [], deltas, LEASE)


def test_concurrent_claims_never_overlap(conn, planned):
    got: dict[str, list[int]] = {}

    def claim(name: str) -> None:
        with h.connect(conn.info.dsn) as c:
            mine = []
            while found := leases.claim(c, name, planned, 1, LEASE):
                mine += [x.shard.id for x in found]
            got[name] = mine

    threads = [threading.Thread(target=claim, args=(f"n{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [sid for ids in got.values() for sid in ids]
    assert len(every) == len(set(every)) == 10
    owners = conn.execute(
        "SELECT owner, lease_epoch FROM blaster_shards WHERE campaign_id = %s", (planned,)
    ).fetchall()
    assert {o for o, _ in owners} <= set(got) and all(ep == 1 for _, ep in owners)


def test_a_lease_is_taken_over_only_after_it_ran_out_and_the_grace(conn, planned):
    [mine] = leases.claim(conn, "a", planned, 1, LEASE)
    assert mine.epoch == 1 and mine.takeovers == 0
    others = leases.claim(conn, "b", planned, 20, LEASE)
    assert mine.shard.id not in {x.shard.id for x in others}
    time.sleep(LEASE * 0.8)
    assert checkpoint(conn, node("a"), [mine]) == set()  # renewed: still a's
    time.sleep(LEASE * 0.8)
    retaken = leases.claim(conn, "b", planned, 20, LEASE)  # b's own ran out: its again
    assert len(retaken) == 9 and mine.shard.id not in {x.shard.id for x in retaken}
    time.sleep(LEASE * (1 + leases.GRACE) + 0.1)
    taken = {x.shard.id: x for x in leases.claim(conn, "b", planned, 20, LEASE)}[mine.shard.id]
    assert (taken.epoch, taken.takeovers) == (2, 1)
    assert taken.shard.checkpoint.frontier == mine.shard.lo + 5  # resumes where a wrote


def test_a_fenced_checkpoint_writes_nothing_of_a_lost_shard(conn, planned):
    [mine] = leases.claim(conn, "a", planned, 1, LEASE)
    time.sleep(LEASE * (1 + leases.GRACE) + 0.1)
    [taken] = leases.claim(conn, "b", planned, 1, LEASE)
    assert checkpoint(conn, node("b"), [taken], sent=3) == set()
    before = h.campaign(conn, planned)
    fail = Failure(mine.shard.lo + 1, FailureKind.PERMANENT, 550, "no", 1)
    lost = checkpoint(conn, node("a"), [mine], sent=7, failures=[fail])
    assert lost == {mine.shard.id}
    after = h.campaign(conn, planned)
    assert after["sent"] == before["sent"] == 3  # a's 7 were not counted
    assert conn.execute("SELECT COUNT(*) FROM blaster_failures").fetchone() == (0,)
    row = conn.execute(
        "SELECT owner, lease_epoch FROM blaster_shards WHERE id = %s", (mine.shard.id,)
    ).fetchone()
    assert row == ("b", 2)


def test_an_expired_but_untaken_lease_stays_its_owners(conn, planned):
    [mine] = leases.claim(conn, "a", planned, 1, LEASE)
    time.sleep(LEASE * (1 + leases.GRACE) + 0.1)
    assert checkpoint(conn, node("a"), [mine]) == set()  # still the only writer
    assert mine.shard.id not in {x.shard.id for x in leases.claim(conn, "b", planned, 20, LEASE)}


def test_release_frees_at_once_and_notifies(conn, planned):
    with h.connect(conn.info.dsn) as listener:
        leases.listen(listener)
        claimed = leases.claim(conn, "a", planned, 3, LEASE)
        assert leases.release(conn, "a") == 3
        notes = list(listener.notifies(timeout=1, stop_after=1))
    assert [n.channel for n in notes] == [leases.SHARDS_CHANNEL]
    again = leases.claim(conn, "b", planned, 3, LEASE)
    assert {x.shard.id for x in again} == {x.shard.id for x in claimed}
    assert all(x.takeovers == 0 for x in again)  # a release is not a takeover


def test_planning_twice_at_once_plans_once(conn):
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 500, lst)
    cid = h.create_campaign(conn, [lst])
    errors: list[BaseException] = []

    def pick() -> None:
        try:
            with h.connect(conn.info.dsn) as c:
                assert db.pick_up(c, cid, 50) is not None
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=pick) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    (count,) = conn.execute(
        "SELECT COUNT(*) FROM blaster_shards WHERE campaign_id = %s", (cid,)
    ).fetchone()
    assert count == 10


def test_finishing_and_notices_happen_once(conn, planned):
    claimed = []
    while found := leases.claim(conn, "a", planned, 5, LEASE):
        claimed += found
    deltas = [
        ShardDelta(x.shard.id, planned, Checkpoint(x.shard.hi), x.epoch, 100, done=True)
        for x in claimed
    ]
    assert db.checkpoint(conn, node("a"), [], deltas, LEASE) == set()
    results = [db.finish_if_complete(conn, planned) for _ in range(3)]
    assert results == [True, False, False]
    assert [db.claim_notice(conn, planned, "cancelled") for _ in range(3)] == [True, False, False]
    db.clear_error(conn, planned)  # running again: a new stop is news again
    assert db.claim_notice(conn, planned, "cancelled")


def test_dead_nodes_of_this_host_are_rescued(conn, planned):
    me = leases.Node("me", "this-host", 1, machine="this-host/boot-1")
    gone = leases.Node("gone", "this-host", 999_999, machine="this-host/boot-1")
    elsewhere = leases.Node("far", "this-host", 999_998, machine="this-host/boot-2")
    for n in (gone, elsewhere):
        with conn.transaction(), conn.cursor() as cur:
            leases.heartbeat(cur, n, 1, 0)
        leases.claim(conn, n.id, planned, 2, LEASE)
    rescued = leases.rescue_local(conn, me, fleet.pid_alive)
    assert rescued == ["gone"]  # another machine's processes are not judged from here
    assert leases.rescue_local(conn, leases.Node("x", "h", 1), fleet.pid_alive) == []
    boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    assert fleet.machine().endswith(boot) and fleet.machine("/nonexistent") == ""
    rows = dict(
        conn.execute(
            "SELECT COALESCE(owner, '-'), COUNT(*) FROM blaster_shards"
            " WHERE campaign_id = %s GROUP BY 1",
            (planned,),
        ).fetchall()
    )
    assert rows == {"-": 8, "far": 2}


def test_one_leader_at_a_time_and_its_term_runs_out(conn):
    assert leases.lead(conn, "duty", "a", LEASE)
    assert not leases.lead(conn, "duty", "b", LEASE)
    assert leases.lead(conn, "duty", "a", LEASE)  # renewal
    time.sleep(LEASE + 0.1)
    assert leases.lead(conn, "duty", "b", LEASE)
    assert not leases.lead(conn, "duty", "a", LEASE)
    leases.resign(conn, "b")
    assert leases.lead(conn, "duty", "a", LEASE)


def test_nodes_and_the_rate_share(conn):
    for name, shards in (("a", 2), ("b", 0), ("c", 1)):
        with conn.transaction(), conn.cursor() as cur:
            leases.heartbeat(cur, node(name), shards, 10.0)
    assert leases.active_nodes(conn, LEASE) == 2
    assert leases.active_nodes(conn, LEASE, exclude="a") == 1
    assert leases.active_nodes(conn, LEASE, holding=False) == 3
    leases.stop_node(conn, "c")
    rows = {r.id: r for r in leases.nodes(conn, LEASE)}
    assert rows["a"].live and not rows["c"].live and rows["c"].stopped_at is not None
