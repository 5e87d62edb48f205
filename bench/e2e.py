"""End-to-end throughput: blaster against Postfix's smtp-source and a straightforward sender.

One run, one smtp-sink on 127.0.0.1, one embedded PostgreSQL with fsync on:

a. blaster: ``python -m blaster run --exit-when-idle`` sends a seeded campaign of N
   subscribers (HTML ~5 KB + plain-text alternative, per-subscriber fields), timed from
   process start to exit; checks ``campaigns.sent == N``, status ``finished`` and that the
   sink received exactly N messages. Peak RSS of the coordinator and workers is sampled.
b. ``smtp-source``: N copies of blaster's own message for the first subscriber, over
   reused sessions (``-d``): the ceiling of this machine with this sink.
c. the straightforward sender of ``straightforward.py`` (EmailMessage + aiosmtplib), on
   at most ``--py-messages`` messages (it is slow; its rate is steady after a second).

blaster runs with compiled bytecode, as an installed package does (``--no-bytecode``: every
process compiles its sources, as under ``PYTHONDONTWRITEBYTECODE=1``).

Each line of the table also gives the CPU time per message of the sender's processes and of
the sink: on a shared 2-core machine they vary less than wall-clock rates.

Usage: ``.venv/bin/python bench/e2e.py [--subscribers 100000] [--workers 2] [--connections 16]
[--no-bytecode]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import common
import psycopg
import straightforward

from blaster.pgembed import EmbeddedPostgres


@dataclass
class Result:
    """One sender's measurement."""

    name: str
    messages: int
    seconds: float
    window: float = 0.0  #: first to last message at the sink (blaster: excludes start/exit)
    received: int = 0
    sender_cpu: float = 0.0  #: CPU seconds of the sender's processes (all of them)
    sink_cpu: float = 0.0  #: CPU seconds smtp-sink spent meanwhile
    notes: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.messages / self.seconds

    @property
    def window_rate(self) -> float:
        return self.messages / self.window if self.window else 0.0

    def cpu_us(self, seconds: float) -> float:
        """CPU microseconds per message."""
        return seconds / self.messages * 1e6


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Measure:
    """Measures one sender on the shared sink: wall time, the sink's first-to-last window,
    and CPU time of the sender (its processes are waited-for descendants of this one, so
    ``RUSAGE_CHILDREN`` counts them) and of the sink."""

    def __init__(self, name: str, sink: common.SmtpSink, messages: int) -> None:
        self.name, self.sink, self.messages = name, sink, messages
        self.watch = common.SinkWatch(sink, messages)
        self.start = self.end = self.cpu0 = self.sink_cpu0 = 0.0

    def __enter__(self) -> Measure:
        self.watch.__enter__()
        self.cpu0, self.sink_cpu0 = _children_cpu(), self._sink_cpu()
        self.start = time.monotonic()  # the clock SinkWatch uses
        return self

    def __exit__(self, *exc: object) -> None:
        self.watch.__exit__(*exc)

    def _sink_cpu(self) -> float:
        return common.cpu_seconds(self.sink.proc.pid) if self.sink.proc else 0.0

    def result(self, seconds: float | None = None) -> Result:
        """Stop the clock (or take the sender's own ``seconds``) and collect the counters."""
        self.end = time.monotonic()
        wall = self.end - self.start
        received = self.sink.wait_for(self.watch.base + self.messages, 5) - self.watch.base
        return Result(
            self.name,
            self.messages,
            seconds if seconds is not None else wall,
            self.watch.window,
            received,
            _children_cpu() - self.cpu0,
            self._sink_cpu() - self.sink_cpu0,
        )


@dataclass
class Setup:
    """What the senders share: the sink, the database and the campaign."""

    workdir: Path
    sink: common.SmtpSink
    pg: EmbeddedPostgres
    dsn: str
    campaign_id: int
    sample: common.Sample


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000, help="messages per sender")
    parser.add_argument("--workers", type=int, default=2, help="blaster worker processes")
    parser.add_argument(
        "--connections", type=int, default=16, help="blaster SMTP connections per worker"
    )
    parser.add_argument("--source-sessions", type=int, default=16, help="smtp-source sessions")
    parser.add_argument("--py-processes", type=int, default=2, help="straightforward sender")
    parser.add_argument("--py-connections", type=int, default=32, help="in total")
    parser.add_argument(
        "--py-messages",
        type=int,
        default=20_000,
        help="messages for the straightforward sender (at most --subscribers; it is slow)",
    )
    parser.add_argument(
        "--skip", action="append", default=[], choices=("blaster", "source", "python")
    )
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="BLASTER_X=VALUE",
        help="extra engine setting, e.g. BLASTER_SHARD_SIZE=5000 (repeatable)",
    )
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="run blaster without compiled bytecode (every process compiles its modules)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work directory and logs")
    parser.add_argument("--plot", type=Path, help="write blaster's per-second sink rate here (PNG)")
    return parser.parse_args()


def prepare(workdir: Path, subscribers: int) -> Setup:
    """Start the sink and PostgreSQL; seed the subscribers and a running campaign."""
    sink = common.SmtpSink(workdir).start()
    try:
        pg, dsn = common.start_postgres(workdir)
    except BaseException:
        sink.stop()
        raise
    with psycopg.connect(dsn, autocommit=True) as conn:
        start = time.perf_counter()
        list_id = common.seed_subscribers(conn, subscribers)
        cid = common.create_campaign(conn, list_id)
        common.log(f"seeded {subscribers} subscribers in {time.perf_counter() - start:.1f}s")
        sample = common.sample_message(conn, cid)
    common.log(f"message size: {len(sample.data)} bytes (built by blaster's own code)")
    return Setup(workdir, sink, pg, dsn, cid, sample)


def blaster_env(setup: Setup, workers: int, connections: int, extra: list[str]) -> dict[str, str]:
    """The engine's environment: defaults for everything but the database, the relay and
    the ``--env`` settings."""
    env = common.engine_env(
        setup.dsn, setup.sink, setup.workdir, connections, BLASTER_WORKERS=str(workers)
    )
    for item in extra:
        key, sep, value = item.partition("=")
        if not sep or not key.startswith("BLASTER_"):
            raise SystemExit(f"--env: expected BLASTER_NAME=VALUE, got {item!r}")
        env[key] = value
    return env


def with_bytecode(env: dict[str, str], workdir: Path) -> None:
    """Let blaster's processes read compiled bytecode, as an installed package does: this
    machine may set ``PYTHONDONTWRITEBYTECODE``, and then every process compiles ~27,000
    lines at each start. The bytecode goes to the work directory (``PYTHONPYCACHEPREFIX``),
    compiled by one untimed import of everything a run imports."""
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    modules = "blaster.cli, blaster.coordinator, blaster.worker, blaster.content"
    subprocess.run(
        [sys.executable, "-c", f"import {modules}"], env=env, cwd=common.ROOT, check=True
    )


def run_blaster(setup: Setup, n: int, args: argparse.Namespace) -> Result:
    """``python -m blaster run --exit-when-idle``, timed from start to exit, then checked."""
    env = blaster_env(setup, args.workers, args.connections, args.env)
    if not args.no_bytecode:
        with_bytecode(env, setup.workdir)
    log_path = setup.workdir / "blaster.log"
    cmd = [sys.executable, "-m", "blaster", "run", "--exit-when-idle"]
    names = {"BLASTER_SMTP", "BLASTER_WORKERS"} | {e.partition("=")[0] for e in args.env}
    shown = " ".join(f"{k}={env[k]}" for k in sorted(names))
    common.log(f"running: {shown} {' '.join(cmd)}")
    pg_cpu = common.postgres_cpu(setup.pg.data_dir)
    with Measure("blaster", setup.sink, n) as measure, log_path.open("wb") as out:
        proc = subprocess.Popen(cmd, env=env, cwd=common.ROOT, stdout=out, stderr=out)
        rss = common.RssSampler(proc.pid).start()
        try:  # at least 1,000 msgs/s, and never less than 15 minutes
            code = proc.wait(timeout=max(900.0, n / 1000))
        except subprocess.TimeoutExpired:
            proc.kill()  # never leave an engine behind
            proc.wait()
            raise
        result = measure.result()
        rss.stop()
    if code != 0:
        raise RuntimeError(f"blaster exited {code}; see {log_path}")
    time.sleep(0.2)  # the engine's backends exit as it does: their CPU then counts
    pg_us = (common.postgres_cpu(setup.pg.data_dir) - pg_cpu) / n * 1e6
    result.notes += check_campaign(setup, n) + process_notes(rss)
    result.notes.append(f"PostgreSQL CPU us/msg during the run: {pg_us:.0f}")
    watch = measure.watch
    result.notes.append(
        f"start to first message {watch.first_at - measure.start:.1f}s, last message to exit"
        f" {measure.end - watch.last_at:.1f}s"
    )
    result.notes.append("msgs/s at the sink, second by second: " + str(watch.timeline()))
    if args.plot:
        plot_timeline(watch.timeline(), n, args.plot)
        result.notes.append(f"rate plot written to {args.plot}")
    return result


def plot_timeline(rates: list[int], total: int, out: Path) -> None:
    """The sink's per-second rate during blaster's run, as a PNG (matplotlib)."""
    import plot_rate  # matplotlib is only needed for the picture

    series = plot_rate.Series(
        t=[float(i) for i in range(len(rates))],
        sent=[float(r) for r in rates],
        failed=[0.0] * len(rates),
        total_sent=float(total),
    )
    plot_rate.plot(series, out, f"blaster: {total:,} messages into smtp-sink, 2 cores")


def check_campaign(setup: Setup, n: int) -> list[str]:
    """Fail loudly unless the campaign finished with every subscriber sent exactly once."""
    with psycopg.connect(setup.dsn, autocommit=True) as conn:
        row = common.campaign_row(conn, setup.campaign_id)
    if row["status"] != "finished" or row["sent"] != n or row["failed"]:
        raise RuntimeError(f"campaign not cleanly finished: {row}")
    return [f"campaign {row['status']}: sent={row['sent']} to_send={row['to_send']}"]


def process_notes(rss: common.RssSampler) -> list[str]:
    """Peak RSS and CPU seconds of the coordinator and of each worker."""
    notes = []
    for role in ("coordinator", "worker"):
        peaks, cpu = rss.peak_mb(role), rss.cpu_s(role)
        if peaks:
            mbs = ", ".join(f"{mb:.0f}" for mb in peaks)
            secs = ", ".join(f"{c:.1f}" for c in cpu)
            notes.append(f"{role} peak RSS (MB): {mbs}; CPU seconds: {secs}")
    return notes


def run_source(setup: Setup, n: int, sessions: int) -> Result:
    """Postfix's smtp-source sending blaster's sample message ``n`` times."""
    message = common.write_message_file(setup.sample, setup.workdir / "message.txt")
    with Measure(f"smtp-source ({sessions} sessions)", setup.sink, n) as measure:
        common.run_smtp_source(setup.sink, n, sessions, message)
        return measure.result()


def run_python(setup: Setup, n: int, processes: int, connections: int) -> Result:
    """The straightforward sender with the sample's rendered HTML and text; its time runs
    from the moment every connection is open."""
    common.log(f"straightforward sender: {processes} processes, {connections} connections")
    name = f"straightforward ({processes} proc, {connections} conn)"
    with Measure(name, setup.sink, n) as measure:
        seconds = straightforward.run(
            setup.sink.port,
            n,
            setup.sample.html,
            setup.sample.text,
            processes=processes,
            connections=connections,
        )
        return measure.result(seconds)


def report(results: list[Result], args: argparse.Namespace, size: int) -> None:
    """The results table and the ratios."""
    print(
        f"\n{dt.date.today()}  {os.cpu_count()} cores  messages of {size} bytes"
        f"  blaster: {args.workers} workers x {args.connections} connections"
        + "".join(f" {item}" for item in args.env)
    )
    print(
        f"{'sender':<36} {'messages':>8} {'seconds':>8} {'msgs/s':>8} {'window':>8}"
        f" {'cpu us/msg':>10} {'sink us/msg':>11} {'received':>9}"
    )
    for r in results:
        print(
            f"{r.name:<36} {r.messages:>8} {r.seconds:>8.2f} {r.rate:>8,.0f}"
            f" {r.window_rate:>8,.0f} {r.cpu_us(r.sender_cpu):>10,.0f}"
            f" {r.cpu_us(r.sink_cpu):>11,.0f} {r.received:>9}"
        )
    print(
        "msgs/s: messages / wall time (blaster: process start to exit); window: msgs/s from the"
        " first to the last message at the sink; cpu us/msg: CPU of all the sender's processes"
        " per message; sink us/msg: smtp-sink's CPU per message"
    )
    by_name = {r.name.split()[0]: r for r in results}
    blaster = by_name.get("blaster")
    for other in ("smtp-source", "straightforward"):
        if blaster and other in by_name:
            print(f"blaster / {other}: {blaster.rate / by_name[other].rate:.2f}")
    for r in results:
        for note in r.notes:
            print(f"{r.name}: {note}")
        if r.received != r.messages:
            print(f"{r.name}: WARNING: the sink received {r.received}, expected {r.messages}")


def load_warning() -> None:
    """Benchmarks on a busy machine mislead: say so up front."""
    load1 = os.getloadavg()[0]
    if load1 > 0.5:
        common.log(f"warning: 1-minute load average is {load1:.1f}; results will be noisy")


def run_all(args: argparse.Namespace, workdir: Path) -> None:
    """Prepare once, run each sender in turn on the same sink, print the table."""
    setup = prepare(workdir, args.subscribers)
    results: list[Result] = []
    n = args.subscribers
    try:
        if "blaster" not in args.skip:
            results.append(run_blaster(setup, n, args))
        if "source" not in args.skip:
            results.append(run_source(setup, n, args.source_sessions))
        if "python" not in args.skip:
            py_n = min(n, args.py_messages)
            results.append(run_python(setup, py_n, args.py_processes, args.py_connections))
    finally:
        setup.sink.stop()
        if args.keep:
            setup.pg.stop()
        else:
            setup.pg.destroy()
    report(results, args, len(setup.sample.data))


def main() -> None:
    args = parse_args()
    load_warning()
    workdir = Path(tempfile.mkdtemp(prefix="blaster-bench-"))
    try:
        run_all(args, workdir)
    finally:
        if args.keep:
            common.log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
