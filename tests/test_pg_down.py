"""PostgreSQL unreachable: one-line errors from the CLI, and `blaster run` started while
PostgreSQL is down says so, retries with backoff and sends everything once it is up."""

from __future__ import annotations

import collections
import re
import time

import psycopg
import pytest

from blaster.pgembed import EmbeddedPostgres
from blaster.store import schema
from tests import helpers as h
from tests.helpers import wait_for

RETRY_LINE = re.compile(
    r"WARNING .* coordinator: cannot connect to PostgreSQL: [^\n]+; retrying in (\d+\.\d)s$"
)


@pytest.mark.parametrize("where", ["tcp", "socket"])
def test_db_migrate_against_unreachable_database(where, tmp_path):
    dsn = {
        "tcp": "postgresql://postgres@127.0.0.1:1/blaster?connect_timeout=5",
        "socket": f"postgresql://postgres@/blaster?host={tmp_path / 'nowhere'}",
    }[where]
    env = h.engine_env(dsn, "smtp://127.0.0.1:1", tmp_path)
    start = time.monotonic()
    proc = h.blaster("db", "migrate", env=env, check=False, timeout=60)
    took = time.monotonic() - start
    print(f"db migrate, {where} unreachable: exit {proc.returncode} in {took:.1f}s: {proc.stderr}")
    assert proc.returncode == 1
    assert proc.stdout == ""
    [line] = proc.stderr.splitlines()
    assert line.startswith("blaster: error: cannot connect to PostgreSQL: ")
    assert "Traceback" not in proc.stderr


def test_run_started_while_postgresql_is_down(tmp_path, sink):
    n = 2000
    pg = EmbeddedPostgres(tmp_path / "pg", fast=True)  # private: the session's cluster stays up
    proc = None
    try:
        pg.start()
        with psycopg.connect(pg.dsn, autocommit=True) as conn:
            schema.migrate(conn)
            lst = h.create_list(conn, "l")
            h.seed_bulk(conn, n, lst)
            cid = h.create_campaign(conn, [lst])
        pg.stop()

        env = h.engine_env(pg.dsn, sink.url, tmp_path)
        log = tmp_path / "run.log"
        proc = h.start_blaster("run", "--exit-when-idle", env=env, log=log)
        time.sleep(2.5)
        assert proc.poll() is None, log.read_text()
        waiting = log.read_text().splitlines()
        pg.start()
        up = time.monotonic()
        wait_for(lambda: sink.handler.count > 0, 30, "the first message after the start")
        first = time.monotonic() - up
        assert proc.wait(timeout=60) == 0, log.read_text()[-3000:]
        done = time.monotonic() - up
        with psycopg.connect(pg.dsn, autocommit=True) as conn:
            state = h.campaign(conn, cid)
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        pg.destroy()

    delays = [float(m.group(1)) for line in waiting if (m := RETRY_LINE.search(line))]
    got = collections.Counter(r for m in sink.handler.messages for r in m.recipients)
    gaps, dupes = n - len(got), sum(c - 1 for c in got.values())
    print(
        f"PostgreSQL down at start: {len(delays)} one-line retry message(s) in 2.5s"
        f" (delays {delays}); first message {first:.1f}s after PostgreSQL started,"
        f" campaign done {done:.1f}s after; gaps={gaps} duplicates={dupes}"
    )
    assert "Traceback" not in "\n".join(waiting)
    assert len(delays) >= 2 and delays == sorted(delays) and delays[1] > delays[0]
    assert gaps == 0 and dupes == 0
    assert state["status"] == "finished" and state["sent"] == n
