"""Rate accuracy and pause latency: does ``BLASTER_RATE`` deliver what it promises?

For each configured rate, one campaign is started with ``blaster run`` against Postfix's
``smtp-sink``; after one second of warm-up the sink's counter is read over a 10-second
window and compared with the rate asked for. The campaign is then paused with plain SQL
(as a listmonk UI would) and the time until the last message reaches the sink is the pause
latency (in-flight messages finish; nothing new starts).

Usage: ``.venv/bin/python bench/rate_accuracy.py [--rates 50,500,2000] [--window 10]``
"""

from __future__ import annotations

import argparse
import signal
import tempfile
import time
from pathlib import Path

import common
import psycopg


def count_at(samples: list[tuple[float, int]], when: float) -> int:
    """The sink's counter at ``when`` (last sample at or before it)."""
    value = 0
    for at, got in samples:
        if at > when:
            break
        value = got
    return value


def measure(
    conn: psycopg.Connection[object],
    dsn: str,
    sink: common.SmtpSink,
    list_id: int,
    rate: float,
    window: float,
    workdir: Path,
) -> tuple[float, float]:
    """(messages per second over the window, pause latency in seconds) for one rate."""
    cid = common.create_campaign(conn, list_id)
    with common.SinkWatch(sink, expected=0) as watch:
        env = common.engine_env(dsn, sink, workdir, BLASTER_RATE=str(rate))
        proc = common.start_engine(env, workdir / f"engine-{rate}.log")
        try:
            while not watch.first_at:
                time.sleep(0.05)
            start = watch.first_at + 1.0
            time.sleep(max(0.0, start + window - time.monotonic()))
            conn.execute("UPDATE campaigns SET status = 'paused' WHERE id = %s", (cid,))
            paused_at = time.monotonic()
            time.sleep(3.0)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(60)
    got = count_at(watch.samples, start + window) - count_at(watch.samples, start)
    return got / window, max(0.0, watch.last_at - paused_at)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="50,500,2000")
    parser.add_argument("--window", type=float, default=10.0)
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="blaster-rate-"))
    pg, dsn = common.start_postgres(workdir)
    sink = common.SmtpSink(workdir).start()
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:
            list_id = common.seed_subscribers(conn, int(max(rates) * (args.window + 6)))
            print(f"{'asked msgs/s':>12} {'measured':>10} {'error':>8} {'pause latency':>14}")
            for rate in rates:
                got, latency = measure(conn, dsn, sink, list_id, rate, args.window, workdir)
                error = 100.0 * (got - rate) / rate
                print(f"{rate:>12.0f} {got:>10.1f} {error:>7.1f}% {latency:>13.2f}s", flush=True)
    finally:
        sink.stop()
        pg.destroy()


if __name__ == "__main__":
    main()
