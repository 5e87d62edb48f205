"""Plot a run's send rate as a PNG (matplotlib), for people who would rather look than read.

Two sources:

- **blaster's /metrics** (no Prometheus needed): sample the endpoint every ``--interval``
  seconds, parse the text format with ``prometheus_client.parser`` and turn the
  ``blaster_messages_sent_total`` (and ``..._failed_total``) counters into per-second rates.
  Sampling stops when the endpoint goes away after having answered, after ``--seconds``, or on
  Ctrl-C. With a command after ``--``, the script runs it with ``BLASTER_METRICS_ADDR`` set to
  a free port on 127.0.0.1 and ``PROMETHEUS_MULTIPROC_DIR`` to a temporary directory, samples
  until it exits, and takes the last point from that directory's files.
- **a Prometheus** (``--prometheus URL``): a range query of
  ``sum(rate(blaster_messages_sent_total[5s]))`` over the last ``--minutes``.

Usage::

    .venv/bin/python bench/plot_rate.py -- .venv/bin/blaster demo --subscribers 50000
    .venv/bin/python bench/plot_rate.py --url http://127.0.0.1:9108/metrics
    .venv/bin/python bench/plot_rate.py --prometheus http://127.0.0.1:9090 --minutes 15

The image goes to ``bench/out/rate.png`` unless ``--out`` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display needed

import matplotlib.pyplot as plt
from prometheus_client import CollectorRegistry, generate_latest, multiprocess
from prometheus_client.parser import text_string_to_metric_families

OUT = Path(__file__).resolve().parent / "out" / "rate.png"
SENT = "blaster_messages_sent_total"
FAILED = "blaster_messages_failed_total"
PROMQL = f"sum(rate({SENT}[5s]))"


@dataclass
class Series:
    """Per-second rates at seconds since the first sample."""

    t: list[float] = field(default_factory=list)
    sent: list[float] = field(default_factory=list)
    failed: list[float] = field(default_factory=list)
    total_sent: float = 0.0


def counters(text: str) -> tuple[float, float]:
    """The sums of the sent and failed counters over all label sets in a /metrics page."""
    totals = {SENT: 0.0, FAILED: 0.0}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name in totals:
                totals[sample.name] += sample.value
    return totals[SENT], totals[FAILED]


def scrape(url: str) -> str | None:
    """The /metrics page, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            body: bytes = resp.read()
            return body.decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def increase(now: float, before: float) -> float:
    """A counter's increase; a drop means it restarted from zero (a new blaster process)."""
    return now - before if now >= before else now


def sample(
    url: str,
    *,
    interval: float,
    seconds: float,
    wait: float,
    child: subprocess.Popen[bytes] | None = None,
    metrics_dir: str | None = None,
) -> Series:
    """Sample ``url`` until it goes away, ``seconds`` pass, the child exits, or Ctrl-C.

    With ``metrics_dir`` (the child's ``PROMETHEUS_MULTIPROC_DIR``) the last point comes
    from the files the child left there, so increments after the last scrape still count.
    """
    series = Series()
    start = origin = time.monotonic()  # origin: the first answer (the x axis' zero)
    last: tuple[float, float, float] | None = None  # (time, sent, failed)
    next_at = start

    def add(now: float, text: str) -> None:
        nonlocal last, origin
        sent, failed = counters(text)
        if last is None:
            series.total_sent, origin = sent, now
        elif now > last[0]:
            dt = now - last[0]
            series.t.append(now - origin)
            series.sent.append(increase(sent, last[1]) / dt)
            series.failed.append(increase(failed, last[2]) / dt)
            series.total_sent += increase(sent, last[1])
        last = (now, sent, failed)

    try:
        while not seconds or time.monotonic() - start <= seconds:
            now = time.monotonic()
            text = scrape(url)
            if text is not None:
                add(now, text)
            elif last is not None or (child is not None and child.poll() is not None):
                if last is not None and child is not None and metrics_dir:
                    child.wait()
                    add(now, from_files(metrics_dir))
                break  # gone after answering, or the command ended
            elif now - start > wait:
                raise SystemExit(f"plot_rate: nothing answers at {url}")
            next_at += interval
            time.sleep(max(0.0, next_at - time.monotonic()))
    except KeyboardInterrupt:
        pass
    return series


def from_files(path: str) -> str:
    """The /metrics page the multiprocess files under ``path`` add up to."""
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=path)  # type: ignore[no-untyped-call]
    return generate_latest(registry).decode()


def from_prometheus(base: str, minutes: float, step: float) -> Series:
    """``sum(rate(blaster_messages_sent_total[5s]))`` over the last ``minutes``; the total is
    the counters' highest values in that window (what the engine sent since it started)."""
    end = time.time()
    params = {"query": PROMQL, "start": end - minutes * 60, "end": end, "step": step}
    url = f"{base.rstrip('/')}/api/v1/query_range?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=30) as resp:
        doc = json.load(resp)
    result = doc["data"]["result"]
    series = Series()
    if not result:
        return series
    points = [(float(t), float(v)) for t, v in result[0]["values"]]
    t0 = points[0][0]
    series.t = [t - t0 for t, _ in points]
    series.sent = [v for _, v in points]
    series.failed = [0.0] * len(points)
    window = f"{int(minutes * 60)}s"
    total = f"sum(max_over_time({SENT}[{window}]))"
    params = {"query": total, "time": end}
    url = f"{base.rstrip('/')}/api/v1/query?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=30) as resp:
        result = json.load(resp)["data"]["result"]
    series.total_sent = float(result[0]["value"][1]) if result else 0.0
    return series


def plot(series: Series, out: Path, title: str) -> None:
    """Write the rate plot to ``out`` (PNG)."""
    fig, ax = plt.subplots(figsize=(9, 4), dpi=100)
    ax.plot(series.t, series.sent, color="tab:blue", linewidth=1.6, label="sent")
    if any(series.failed):
        ax.plot(series.t, series.failed, color="tab:red", linewidth=1.2, label="failed")
    busy = [v for v in series.sent if v > 0]
    if busy:
        mean = sum(busy) / len(busy)
        ax.axhline(mean, color="tab:gray", linestyle="--", linewidth=1)
        ax.text(
            0.01,
            0.96,
            f"{series.total_sent:,.0f} sent; {mean:,.0f} msgs/s on average while sending,"
            f" peak {max(busy):,.0f}",
            transform=ax.transAxes,
            va="top",
        )
    ax.set_xlabel("seconds since the first sample")
    ax.set_ylabel("messages per second")
    ax.set_title(title)
    ax.set_ylim(bottom=0, top=max([*series.sent, 1.0]) * 1.15)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    command: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, command = argv[:at], argv[at + 1 :]
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        usage="%(prog)s [options] [-- COMMAND ...]",
    )
    parser.add_argument("--url", default="http://127.0.0.1:9108/metrics", help="blaster /metrics")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between samples")
    parser.add_argument("--seconds", type=float, default=0, help="stop after this long (0: no)")
    parser.add_argument("--wait", type=float, default=60, help="seconds to wait for an answer")
    parser.add_argument("--prometheus", help="query this Prometheus instead of /metrics")
    parser.add_argument("--minutes", type=float, default=10, help="with --prometheus: how far back")
    parser.add_argument("--out", type=Path, default=OUT, help="PNG to write")
    parser.add_argument("--title", default="blaster send rate")
    args = parser.parse_args(argv)

    if args.prometheus:
        series = from_prometheus(args.prometheus, args.minutes, args.interval)
    elif command:
        addr = f"127.0.0.1:{free_port()}"
        metrics_dir = tempfile.mkdtemp(prefix="blaster-plot-")
        env = {**os.environ, "BLASTER_METRICS_ADDR": addr, "PROMETHEUS_MULTIPROC_DIR": metrics_dir}
        child = subprocess.Popen(command, env=env)
        try:
            series = sample(
                f"http://{addr}/metrics",
                interval=args.interval,
                seconds=args.seconds,
                wait=args.wait,
                child=child,
                metrics_dir=metrics_dir,
            )
        finally:
            if child.poll() is None:
                child.terminate()
            child.wait()
            shutil.rmtree(metrics_dir, ignore_errors=True)
    else:
        series = sample(args.url, interval=args.interval, seconds=args.seconds, wait=args.wait)
    if not series.t:
        raise SystemExit("plot_rate: fewer than two samples, nothing to plot")
    plot(series, args.out, args.title)
    print(f"plot_rate: {len(series.t)} points, {series.total_sent:,.0f} sent -> {args.out}")


if __name__ == "__main__":
    main()
