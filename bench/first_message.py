"""Time from a campaign's start to its first delivered message, with the engine running.

``blaster run`` is started idle against a database of N subscribers; a campaign is then set
to ``running`` with plain SQL (as listmonk's UI does), and the time until Postfix's
``smtp-sink`` counts the first message is printed. It covers LISTEN/NOTIFY, pickup (freezing
the ID range, counting ``to_send``, writing the shards), dispatch, the workers' template
compile and first page read, and the SMTP transaction.

With ``--cold`` the campaign is running before ``blaster run`` starts and the clock starts
with the process: interpreter and imports, the embedded checks, the worker processes' start,
then the same path.

Usage: ``.venv/bin/python bench/first_message.py [--subscribers 100000,1000000] [--runs 3]
[--cold]``
"""

from __future__ import annotations

import argparse
import signal
import statistics
import tempfile
import time
from pathlib import Path

import common
import psycopg


def one_start(conn: psycopg.Connection[object], sink: common.SmtpSink, list_id: int) -> float:
    """Seconds from setting a fresh campaign running to the sink's first new message."""
    cid = common.create_campaign(conn, list_id, status="draft")
    base = sink.count()
    started = time.monotonic()
    conn.execute("UPDATE campaigns SET status = 'running' WHERE id = %s", (cid,))
    while sink.count() == base:
        time.sleep(0.002)
    took = time.monotonic() - started
    conn.execute("UPDATE campaigns SET status = 'cancelled' WHERE id = %s", (cid,))
    time.sleep(1.5)  # let the engine stop it before the next start
    return took


def one_cold_start(
    conn: psycopg.Connection[object],
    sink: common.SmtpSink,
    list_id: int,
    env: dict[str, str],
    log: Path,
) -> float:
    """Seconds from starting ``blaster run`` (a campaign already running) to the first
    message at the sink."""
    cid = common.create_campaign(conn, list_id)
    base = sink.count()
    started = time.monotonic()
    engine = common.start_engine(env, log)
    try:
        while sink.count() == base:
            time.sleep(0.002)
        return time.monotonic() - started
    finally:
        conn.execute("UPDATE campaigns SET status = 'cancelled' WHERE id = %s", (cid,))
        engine.send_signal(signal.SIGTERM)
        engine.wait(60)


def measure(n: int, runs: int, cold: bool = False) -> list[float]:
    workdir = Path(tempfile.mkdtemp(prefix="blaster-first-"))
    pg, dsn = common.start_postgres(workdir)
    sink = common.SmtpSink(workdir).start()
    engine = None
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:
            list_id = common.seed_subscribers(conn, n)
            env = common.engine_env(dsn, sink, workdir, BLASTER_RATE="200")
            if cold:
                conn.execute("ANALYZE")  # what the first pickup would do after the import
                log = workdir / "engine.log"
                return [one_cold_start(conn, sink, list_id, env, log) for _ in range(runs)]
            engine = common.start_engine(env, workdir / "engine.log")
            time.sleep(3.0)  # workers up and connected
            return [one_start(conn, sink, list_id) for _ in range(runs)]
    finally:
        if engine is not None:
            engine.send_signal(signal.SIGTERM)
            engine.wait(60)
        sink.stop()
        pg.destroy()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--cold",
        action="store_true",
        help="time from `blaster run` starting, not from the status change",
    )
    args = parser.parse_args()
    print(f"{'subscribers':>12} {'median s':>9} {'runs'}")
    for n in (int(x) for x in args.subscribers.split(",")):
        times = measure(n, args.runs, args.cold)
        shown = " ".join(f"{t:.3f}" for t in times)
        print(f"{n:>12} {statistics.median(times):>9.3f} {shown}", flush=True)


if __name__ == "__main__":
    main()
