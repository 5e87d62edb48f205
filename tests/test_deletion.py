"""Deletions while sending: a list deleted mid-run pauses its campaign with the reason
recorded (and a resume sends the remaining lists without gaps or duplicates); a campaign
deleted mid-run is stopped and forgotten while the engine keeps running and other campaigns
finish untouched."""

from __future__ import annotations

import collections
import signal
import time

from blaster.models import Checkpoint, Failure, FailureKind
from blaster.store import campaigns as db
from blaster.store import leases
from tests import helpers as h
from tests.helpers import ADMIN, facts, notifications, wait_for


def received(sink) -> collections.Counter[str]:
    return collections.Counter(
        r for m in sink.handler.messages if ADMIN not in m.recipients for r in m.recipients
    )


def emails(conn, list_id: int) -> set[str]:
    rows = conn.execute(
        "SELECT s.email FROM subscribers s JOIN subscriber_lists sl ON sl.subscriber_id = s.id"
        " WHERE sl.list_id = %s",
        (list_id,),
    ).fetchall()
    return {r[0] for r in rows}


def test_list_deleted_mid_run_pauses_with_the_reason(conn, dsn, sink, workdir):
    keep, doomed = h.create_list(conn, "keep"), h.create_list(conn, "doomed")
    h.seed_bulk(conn, 600, keep, prefix="keep")
    h.seed_bulk(conn, 600, doomed, prefix="doomed")
    kept = emails(conn, keep)
    cid = h.create_campaign(conn, [keep, doomed], name="Two lists")
    env = h.engine_env(dsn, sink.url, workdir, BLASTER_RATE=150, BLASTER_ADMIN_EMAILS=ADMIN)
    proc = h.start_blaster("run", "--exit-when-idle", env=env, log=workdir / "run1.log")
    try:
        wait_for(lambda: sink.handler.count >= 100, 30, "the first messages")
        conn.execute("DELETE FROM lists WHERE id = %s", (doomed,))
        deleted_at, sent_then = time.monotonic(), sink.handler.count
        assert proc.wait(timeout=30) == 0, (workdir / "run1.log").read_text()[-3000:]
        stopped_in = time.monotonic() - deleted_at
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    state = h.campaign(conn, cid)
    after = len(received(sink)) - sent_then
    print(
        f"list deleted mid-run: paused {stopped_in:.2f}s later (engine exit included),"
        f" {after} message(s) completed after the DELETE, status={state['status']},"
        f" error={state['error']!r}"
    )
    assert state["status"] == "paused"
    assert state["error"].startswith(f"list {doomed} was deleted")
    assert state["sent"] == len(received(sink)) < 1200  # the checkpoint holds every message
    shown = h.blaster("campaigns", "show", str(cid), env=env).stdout
    assert f"error     list {doomed} was deleted" in shown
    [note] = notifications(sink)
    assert note["X-Blaster-Event"] == "auto-paused" and facts(note)["Reason"] == state["error"]

    # resumed: the remaining list is sent in full, nobody twice, and the campaign finishes
    conn.execute("UPDATE campaigns SET status = 'running' WHERE id = %s", (cid,))
    h.blaster("run", "--exit-when-idle", env={**env, "BLASTER_RATE": "0"})
    got = received(sink)
    gaps, dupes = len(kept - set(got)), sum(c - 1 for c in got.values())
    print(f"after resume: gaps in the remaining list={gaps} duplicates={dupes}")
    assert gaps == 0 and dupes == 0
    final = h.campaign(conn, cid)
    assert final["status"] == "finished" and final["error"] == ""


def test_campaign_deleted_mid_run_stops_cleanly(conn, dsn, sink, workdir):
    doomed_list, other_list = h.create_list(conn, "d"), h.create_list(conn, "o")
    # every tenth address is malformed, so failures are in flight when the campaign goes
    conn.execute(
        "INSERT INTO subscribers (uuid, email, name) SELECT gen_random_uuid(),"
        " CASE WHEN g % 10 = 0 THEN 'doomed' || g || ' at example.com'"
        " ELSE 'doomed' || g || '@example.com' END, 'D' FROM generate_series(1, 2000) g"
    )
    conn.execute(
        "INSERT INTO subscriber_lists (subscriber_id, list_id, status)"
        " SELECT id, %s, 'confirmed' FROM subscribers WHERE email LIKE 'doomed%%'",
        (doomed_list,),
    )
    h.seed_bulk(conn, 600, other_list, prefix="other")
    doomed = h.create_campaign(conn, [doomed_list], name="Doomed")
    other = h.create_campaign(conn, [other_list], name="Other")
    env = h.engine_env(dsn, sink.url, workdir, BLASTER_RATE=300, BLASTER_MAX_SEND_ERRORS=0)
    log = workdir / "run.log"
    proc = h.start_blaster("run", env=env, log=log)
    try:
        wait_for(
            lambda: sum(r.startswith("doomed") for r in received(sink)) >= 100,
            30,
            "the doomed campaign's first messages",
        )
        conn.execute("DELETE FROM campaigns WHERE id = %s", (doomed,))
        deleted_at = time.monotonic()
        wait_for(lambda: f"campaign {doomed} is deleted" in log.read_text(), 5, "the stop")
        noticed = time.monotonic() - deleted_at
        at_stop = sum(r.startswith("doomed") for r in received(sink))
        wait_for(lambda: h.campaign(conn, other)["status"] == "finished", 60, "the other one")
        late = sum(r.startswith("doomed") for r in received(sink)) - at_stop
        assert proc.poll() is None, "the engine exited"
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
    text = log.read_text()
    got = received(sink)
    others = {r: c for r, c in got.items() if r.startswith("other")}
    gaps, dupes = 600 - len(others), sum(c - 1 for c in others.values())
    print(
        f"campaign deleted mid-run: noticed in {noticed:.2f}s, {late} message(s) of it after"
        f" the stop was logged; other campaign: gaps={gaps} duplicates={dupes}"
    )
    assert code == 0, text[-3000:]
    assert "Traceback" not in text and "database error" not in text, text[-3000:]
    assert late <= 2 * 2 * 32  # at most the in-flight windows of its shards
    assert gaps == 0 and dupes == 0
    assert h.campaign(conn, other)["sent"] == 600
    assert conn.execute("SELECT COUNT(*) FROM blaster_shards").fetchone() == (
        conn.execute(
            "SELECT COUNT(*) FROM blaster_shards WHERE campaign_id = %s", (other,)
        ).fetchone()
    )


def test_checkpoint_drops_what_belongs_to_a_deleted_campaign(conn):
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 10, lst)
    gone, kept = h.create_campaign(conn, [lst]), h.create_campaign(conn, [lst])
    node = leases.Node("n1", "host", 1)
    claimed = {}
    with h.connect(conn.info.dsn) as c:
        for cid in (gone, kept):
            assert db.pick_up(c, cid, 100) is not None
            [claimed[cid]] = leases.claim(c, node.id, cid, 1, 30.0)
        conn.execute("DELETE FROM campaigns WHERE id = %s", (gone,))
        fail = Failure(3, FailureKind.PERMANENT, 550, "no such user", 1)
        deltas = [
            db.ShardDelta(
                x.shard.id, cid, Checkpoint(x.shard.hi), x.epoch, sent=4, failures=[fail]
            )
            for cid, x in claimed.items()
        ]
        lost = db.checkpoint(c, node, [], deltas, 30.0)  # no foreign key error
    assert lost == {claimed[gone].shard.id}  # its shard went with it
    state = h.campaign(conn, kept)
    assert (state["sent"], state["failed"]) == (4, 1)
    rows = conn.execute("SELECT campaign_id FROM blaster_failures").fetchall()
    assert rows == [(kept,)]
