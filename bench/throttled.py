"""Throughput while the relay throttles: does a retry waiting its turn hold the others up?

One campaign of N subscribers is sent twice to an aiosmtpd sink in this process: once with
every message accepted (the baseline), once with every tenth recipient answered ``451 4.7.1
try again in H seconds`` on its first attempt. Both runs must end ``finished`` with every
subscriber delivered exactly once. The throttled run cannot take less than H seconds more
than the baseline (the retries wait that long); the ratio shows what else it costs.

The relay here is aiosmtpd (the only sink that can answer per recipient), so the baseline is
the sink's own ceiling (~2,500 msgs/s), not blaster's; the ratio is what matters.

Usage: ``.venv/bin/python bench/throttled.py [--subscribers 20000] [--hint 2] [--every 10]``
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import common
import psycopg

from blaster.sink import Sink, SinkHandler


def throttling(every: int, hint: float) -> Any:
    """A reply hook: ``451 ... try again in H seconds`` once for every ``every``-th user."""

    def reply(rcpt: str, attempt: int) -> str:
        n = int(rcpt.removeprefix("user").split("@")[0] or 0)
        if every and n % every == 0 and attempt == 1:
            return f"451 4.7.1 rate limited, try again in {hint:g} seconds"
        return "250 OK"

    return reply


def one_run(conn: Any, dsn: str, list_id: int, workdir: Path, every: int, hint: float) -> float:
    """Seconds for ``blaster run --exit-when-idle`` to send one campaign to the list."""
    handler = SinkHandler(reply=throttling(every, hint), keep=True)
    with Sink(handler) as sink:
        cid = common.create_campaign(conn, list_id)
        fake = SimpleNamespace(url=f"127.0.0.1:{sink.port}")
        env = common.engine_env(dsn, fake, workdir)  # type: ignore[arg-type]
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "blaster", "run", "--exit-when-idle"],
            env=env,
            cwd=common.ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=(workdir / "engine.log").open("ab"),
        )
        took = time.monotonic() - started
    row = common.campaign_row(conn, cid)
    got = collections.Counter(r for m in handler.messages for r in m.recipients)
    dupes = sum(c - 1 for c in got.values())
    if row["status"] != "finished" or row["sent"] != row["to_send"] or dupes:
        raise SystemExit(f"run failed: {row}, {len(got)} received, {dupes} duplicates")
    conn.execute("UPDATE campaigns SET status = 'cancelled' WHERE id = %s", (cid,))
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=20000)
    parser.add_argument("--hint", type=float, default=2.0, help="seconds the 451 asks for")
    parser.add_argument("--every", type=int, default=10, help="throttle every Nth recipient")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="blaster-throttled-"))
    pg, dsn = common.start_postgres(workdir)
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:
            list_id = common.seed_subscribers(conn, args.subscribers)
            clean = one_run(conn, dsn, list_id, workdir, 0, args.hint)
            slow = one_run(conn, dsn, list_id, workdir, args.every, args.hint)
    finally:
        pg.destroy()
    n = args.subscribers
    print(f"{'run':<44} {'seconds':>8} {'msgs/s':>8}")
    print(f"{'all accepted':<44} {clean:>8.1f} {n / clean:>8,.0f}")
    label = f"1 in {args.every} answered 451 (retry in {args.hint:g} s)"
    print(f"{label:<44} {slow:>8.1f} {n / slow:>8,.0f}")
    best = clean / (clean + args.hint)
    print(f"throttled / clean msgs/s: {clean / slow:.2f} (at best {best:.2f})")


if __name__ == "__main__":
    main()
