"""Crash and shutdown: kill -9 of the coordinator then restart loses nobody and re-sends at
most the documented bound; SIGTERM then restart re-sends nobody; orphaned workers stop."""

from __future__ import annotations

import collections
import signal
import time

import pytest

from tests import helpers as h

N = 12_000
RATE = 2000


@pytest.fixture
def campaign_setup(conn, dsn, sink, workdir):
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, N, lst)
    cid = h.create_campaign(conn, [lst])
    env = h.engine_env(dsn, sink.url, workdir, BLASTER_RATE=RATE, BLASTER_SHARD_SIZE=1500)
    return cid, env


def counts(sink) -> collections.Counter[str]:
    return collections.Counter(r for m in sink.handler.messages for r in m.recipients)


def test_kill_9_coordinator_then_restart(conn, sink, workdir, campaign_setup):
    cid, env = campaign_setup
    proc = h.start_blaster("run", env=env, log=workdir / "run1.log")
    h.wait_for(lambda: sink.handler.count > N // 4, 30, "a quarter of the campaign")
    workers = h.children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    h.wait_for(lambda: not any(h.alive(p) for p in workers), 5, "orphaned workers to exit")
    frozen = sink.handler.count
    time.sleep(1.0)
    assert sink.handler.count == frozen, "an orphaned worker kept sending"

    h.blaster("run", "--exit-when-idle", env=env, timeout=120)
    got = counts(sink)
    dupes = sum(c - 1 for c in got.values())
    bound = h.duplicate_bound(h.engine_settings(env))
    print(
        f"kill -9 coordinator: gaps=0 expected, got {N - len(got)}; duplicates={dupes} "
        f"bound={bound}"
    )
    assert len(got) == N  # no gaps
    assert dupes <= bound
    state = h.campaign(conn, cid)
    assert state["status"] == "finished" and state["sent"] >= N


def test_sigterm_then_restart_sends_nobody_twice(conn, sink, workdir, campaign_setup):
    cid, env = campaign_setup
    proc = h.start_blaster("run", env=env, log=workdir / "run1.log")
    h.wait_for(lambda: sink.handler.count > N // 3, 30, "a third of the campaign")
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    mid = h.campaign(conn, cid)
    assert mid["status"] == "running" and 0 < mid["sent"] < N
    assert mid["sent"] == sink.handler.count  # the checkpoint holds every accepted message

    h.blaster("run", "--exit-when-idle", env=env, timeout=120)
    got = counts(sink)
    print(f"SIGTERM then restart: gaps={N - len(got)} duplicates={sum(got.values()) - len(got)}")
    assert len(got) == N and max(got.values()) == 1
    state = h.campaign(conn, cid)
    assert state["status"] == "finished" and state["sent"] == N


def test_pause_then_resume_sends_nobody_twice(conn, sink, workdir, campaign_setup):
    cid, env = campaign_setup
    proc = h.start_blaster("run", env=env, log=workdir / "run.log")
    try:
        h.wait_for(lambda: sink.handler.count > N // 4, 30, "a quarter of the campaign")
        conn.execute("UPDATE campaigns SET status = 'paused' WHERE id = %s", (cid,))
        paused_at = time.monotonic()
        h.wait_for(
            lambda: h.campaign(conn, cid)["sent"] == sink.handler.count, 5, "the pause checkpoint"
        )
        settled = sink.handler.count
        time.sleep(1.0)
        assert sink.handler.count == settled, "messages started after the pause"
        print(f"pause settled within {time.monotonic() - paused_at - 1.0:.2f}s")
        conn.execute("UPDATE campaigns SET status = 'running' WHERE id = %s", (cid,))
        h.wait_for(lambda: h.campaign(conn, cid)["status"] == "finished", 60, "the campaign")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    got = counts(sink)
    print(f"pause then resume: gaps={N - len(got)} duplicates={sum(got.values()) - len(got)}")
    assert len(got) == N and max(got.values()) == 1


def test_two_engines_on_one_database_send_nobody_twice(conn, sink, workdir, campaign_setup):
    cid, env = campaign_setup
    first = h.start_blaster("run", "--exit-when-idle", env=env, log=workdir / "a.log")
    env_b = {**env, "PROMETHEUS_MULTIPROC_DIR": str(workdir / "metrics-b")}
    second = h.start_blaster("run", "--exit-when-idle", env=env_b, log=workdir / "b.log")
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    got = counts(sink)
    print(f"two engines: gaps={N - len(got)} duplicates={sum(got.values()) - len(got)}")
    assert len(got) == N and max(got.values()) == 1
    assert h.campaign(conn, cid)["status"] == "finished"
