"""Slow fault cases (run by .ci/run after `make test`): a 100,000-subscriber campaign exactly
once, kill -9 of one worker, and PostgreSQL restarted mid-campaign."""

from __future__ import annotations

import collections
import os
import signal
import time

import pytest

from tests import helpers as h
from tests.helpers import alive, children, wait_for

pytestmark = pytest.mark.slow


def received(sink) -> collections.Counter[str]:
    return collections.Counter(r for m in sink.handler.messages for r in m.recipients)


def test_100k_campaign_every_subscriber_exactly_once(conn, dsn, sink, workdir):
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 100_000, lst)
    cid = h.create_campaign(conn, [lst])
    start = time.monotonic()
    h.blaster("run", "--exit-when-idle", env=h.engine_env(dsn, sink.url, workdir), timeout=600)
    took = time.monotonic() - start
    got = received(sink)
    print(f"100k campaign into aiosmtpd: {took:.1f}s, {100_000 / took:.0f} msgs/s")
    assert len(got) == 100_000 and max(got.values()) == 1
    state = h.campaign(conn, cid)
    assert state["status"] == "finished" and state["sent"] == state["to_send"] == 100_000


def test_kill_9_of_one_worker(conn, dsn, sink, workdir):
    n = 12_000
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, n, lst)
    cid = h.create_campaign(conn, [lst])
    env = h.engine_env(dsn, sink.url, workdir, BLASTER_RATE=2000, BLASTER_SHARD_SIZE=1500)
    proc = h.start_blaster("run", "--exit-when-idle", env=env, log=workdir / "run.log")
    wait_for(lambda: sink.handler.count > n // 4, 30, "a quarter of the campaign")
    victim = children(proc.pid)[-1]
    os.kill(victim, signal.SIGKILL)
    assert proc.wait(timeout=120) == 0
    got = received(sink)
    dupes = sum(c - 1 for c in got.values())
    bound = h.worker_duplicate_bound(h.engine_settings(env))
    print(f"kill -9 worker: gaps={n - len(got)} duplicates={dupes} bound={bound}")
    assert not alive(victim)
    assert len(got) == n and dupes <= bound
    assert h.campaign(conn, cid)["status"] == "finished"


def test_postgres_restart_mid_campaign(pg, conn, dsn, sink, workdir):
    n = 10_000
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, n, lst)
    cid = h.create_campaign(conn, [lst])
    conn.close()
    env = h.engine_env(dsn, sink.url, workdir, BLASTER_RATE=2000, BLASTER_SHARD_SIZE=1000)
    proc = h.start_blaster("run", "--exit-when-idle", env=env, log=workdir / "run.log")
    wait_for(lambda: sink.handler.count > n // 4, 30, "a quarter of the campaign")
    pg.restart(down_for=2.0)
    assert proc.wait(timeout=180) == 0, (workdir / "run.log").read_text()[-3000:]
    got = received(sink)
    dupes = sum(c - 1 for c in got.values())
    print(f"PostgreSQL restart: gaps={n - len(got)} duplicates={dupes}")
    assert len(got) == n
    with h.connect(dsn) as c:
        assert h.campaign(c, cid)["status"] == "finished"
