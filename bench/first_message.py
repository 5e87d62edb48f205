"""Time from a campaign's start to its first delivered message, with the engine running.

``blaster run`` is started idle against a database of N subscribers; a campaign is then set
to ``running`` with plain SQL (as listmonk's UI does), and the time until Postfix's
``smtp-sink`` counts the first message is printed. It covers LISTEN/NOTIFY, pickup (freezing
the ID range, counting ``to_send``, writing the shards), dispatch, the workers' template
compile and first page read, and the SMTP transaction.

With ``--cold`` the campaign is running before ``blaster run`` starts and the clock starts
with the process: interpreter and imports, the embedded checks, the worker processes' start,
then the same path. ``--compare DIR`` (with ``--cold``) alternates each run between this
checkout and another one (say ``git worktree add /tmp/old <commit>``) on the same database
and sink, the other one first in even runs, and prints both.

Usage: ``.venv/bin/python bench/first_message.py [--subscribers 100000,1000000] [--runs 3]
[--cold [--compare DIR]]``
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
    root: Path = common.ROOT,
) -> float:
    """Seconds from starting ``blaster run`` (a campaign already running) to the first
    message at the sink."""
    cid = common.create_campaign(conn, list_id)
    base = sink.count()
    started = time.monotonic()
    engine = common.start_engine(env, log, root=root)
    try:
        while sink.count() == base:
            time.sleep(0.002)
        return time.monotonic() - started
    finally:
        conn.execute("UPDATE campaigns SET status = 'cancelled' WHERE id = %s", (cid,))
        engine.send_signal(signal.SIGTERM)
        engine.wait(60)


def measure(
    n: int, runs: int, cold: bool = False, other: Path | None = None
) -> dict[Path, list[float]]:
    """Each checkout's times (this one's only, unless ``other`` is given with ``cold``)."""
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
                roots = [common.ROOT] if other is None else [other, common.ROOT]
                times: dict[Path, list[float]] = {root: [] for root in roots}
                for run in range(runs):
                    for root in roots if run % 2 == 0 else roots[::-1]:
                        log = workdir / f"engine-{len(times[root])}-{root.name}.log"
                        took = one_cold_start(conn, sink, list_id, env, log, root)
                        times[root].append(took)
                        print(f"  {root}: {took:.3f} s (load {_load()})", flush=True)
                return times
            engine = common.start_engine(env, workdir / "engine.log")
            time.sleep(3.0)  # workers up and connected
            return {common.ROOT: [one_start(conn, sink, list_id) for _ in range(runs)]}
    finally:
        if engine is not None:
            engine.send_signal(signal.SIGTERM)
            engine.wait(60)
        sink.stop()
        pg.destroy()


def _load() -> str:
    """The 1-minute load average (other work on the machine moves every figure)."""
    return Path("/proc/loadavg").read_text().split()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--cold",
        action="store_true",
        help="time from `blaster run` starting, not from the status change",
    )
    parser.add_argument(
        "--compare",
        type=Path,
        help="with --cold: another checkout to alternate with, run for run",
    )
    args = parser.parse_args()
    print(f"{'subscribers':>12} {'median s':>9} {'runs'}")
    for n in (int(x) for x in args.subscribers.split(",")):
        for root, times in measure(n, args.runs, args.cold, args.compare).items():
            shown = " ".join(f"{t:.3f}" for t in times)
            where = f"  ({root})" if args.compare else ""
            print(f"{n:>12} {statistics.median(times):>9.3f} {shown}{where}", flush=True)


if __name__ == "__main__":
    main()
