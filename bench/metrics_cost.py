"""What blaster's Prometheus metrics cost a worker per message, in multiprocess mode.

Times the metric operations a worker does, on the real metric objects of ``blaster.metrics``
with ``PROMETHEUS_MULTIPROC_DIR`` set (a temporary directory, set before prometheus_client is
imported, as ``blaster run`` does), so every update goes to the process's mmap'ed files:

- per message: the SMTP latency histogram (two ``perf_counter`` calls and ``observe`` on the
  sender's :class:`~blaster.metrics.BatchedHistogram`; the direct ``observe`` it replaced is
  timed beside it);
- per message while rate-limited: ``blaster_rate_wait_seconds_total.inc(wait)``;
- per progress report (every ``report_interval`` per shard): ``SENT.labels(c).inc(n)``, the
  in-flight gauge, the connection gauge and the histogram's flush, amortised over ``--batch``
  messages per report.

Each figure is the best of ``--repeat`` runs of ``--loops`` calls (wall time, one process).

Usage: ``.venv/bin/python bench/metrics_cost.py [--loops 200000] [--batch 50] [--repeat 5]``
(``--in-memory``: the same in prometheus_client's single-process mode, for comparison)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable


def best_us(fn: Callable[[], object], loops: int, repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``loops`` calls of ``fn``, in µs per call."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        best = min(best, time.perf_counter() - start)
    return best / loops * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--loops", type=int, default=200_000, help="calls per timing run")
    parser.add_argument("--repeat", type=int, default=5, help="timing runs (best one counts)")
    parser.add_argument(
        "--batch", type=int, default=50, help="messages per progress report (per shard)"
    )
    parser.add_argument(
        "--in-memory",
        action="store_true",
        help="for comparison: prometheus_client's single-process mode (no mmap files)",
    )
    args = parser.parse_args()

    if "prometheus_client" in sys.modules:
        raise SystemExit("prometheus_client was imported before its directory was set")
    if args.in_memory:
        os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
        run(args.loops, args.repeat, args.batch, "single-process (in-memory) mode")
        return
    tmp = tempfile.mkdtemp(prefix="blaster-metrics-bench-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tmp
    try:
        run(args.loops, args.repeat, args.batch, "multiprocess mode")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(loops: int, repeat: int, batch: int, mode: str) -> None:
    from blaster import metrics  # after PROMETHEUS_MULTIPROC_DIR is set

    hist = metrics.SMTP_SECONDS.labels("127.0.0.1:2525")
    local = metrics.batched(hist)  # as a sender task does, once
    clock = time.perf_counter

    def observe() -> None:  # a direct observe per message (before issue 16's fourth round)
        start = clock()
        hist.observe(clock() - start)

    def observe_batched() -> None:  # the sender's timing of one message, as it is now
        start = clock()
        local.observe(clock() - start)

    def flush() -> None:  # the reporter's flush, once per report
        local.observe(0.002)
        metrics.flush_batched()

    def rate_wait() -> None:
        metrics.RATE_WAIT.inc(0.001)

    def report() -> None:  # _flush_metrics + the reporter's gauges and flush, once per report
        flush()
        metrics.SENT.labels("1").inc(batch)
        metrics.INFLIGHT.set(32)
        metrics.SMTP_CONNECTIONS.labels("127.0.0.1:2525").set(16)

    # (operation, timed call, calls per message)
    ops: list[tuple[str, Callable[[], object], float]] = [
        ("histogram, batched: 2 perf_counter + observe", observe_batched, 1.0),
        ("report: SENT.labels().inc + 2 gauges + flush", report, 1.0 / batch),
        ("  of which the histogram flush", flush, 0.0),
        ("histogram, direct observe (before)", observe, 0.0),
        ("rate-wait counter inc (rate-limited)", rate_wait, 1.0),
    ]
    print(
        f"prometheus_client {mode}; best of {repeat} x {loops:,} calls; {batch} messages per report"
    )
    print(f"{'operation':<46} {'us/call':>8} {'us/message':>11}")
    totals: list[float] = []
    for name, fn, share in ops:
        us = best_us(fn, loops, repeat)
        totals.append(us * share)
        print(f"{name:<46} {us:>8.2f} {us * share:>11.3f}")
    print(f"{'total per message, no rate limit':<46} {'':>8} {sum(totals[:2]):>11.2f}")
    print(f"{'total per message, rate-limited':<46} {'':>8} {sum(totals):>11.2f}")


if __name__ == "__main__":
    main()
