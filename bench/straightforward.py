"""The straightforward Python sender blaster is compared with.

It is what one writes first: P processes (``multiprocessing``, spawn), each running an asyncio
loop on uvloop with its share of C persistent aiosmtplib connections; per message it builds an
``email.message.EmailMessage`` (plain text plus an HTML alternative) and calls
``SMTP.send_message``. No database, no templates: only message building and sending.

Run alone (starts its own smtp-sink): ``.venv/bin/python bench/straightforward.py -m 20000``.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path
from tempfile import TemporaryDirectory

import aiosmtplib
import uvloop

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Job:
    """One process's share of the run."""

    port: int
    first: int
    count: int
    connections: int
    html: str
    text: str


def build_message(i: int, html: str, text: str) -> EmailMessage:
    """One subscriber's message, built the usual way with the standard library."""
    msg = EmailMessage()
    msg["From"] = "Blaster Bench <news@example.com>"
    msg["To"] = f"Person {i} <user{i}@example.com>"
    msg["Subject"] = f"Issue 42 for Person {i}"
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = make_msgid(domain="example.com")
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg


async def _connection(smtp: aiosmtplib.SMTP, indexes: Iterator[int], job: Job) -> None:
    """Send messages over one connection until the process's share is used up."""
    for i in indexes:  # one iterator shared by the process's connections
        await smtp.send_message(build_message(i, job.html, job.text))


async def _send(job: Job, ready: Queue[int], go: Event) -> float:
    clients = [
        aiosmtplib.SMTP(hostname=HOST, port=job.port, timeout=60) for _ in range(job.connections)
    ]
    await asyncio.gather(*(c.connect() for c in clients))
    ready.put(job.connections)
    await asyncio.get_running_loop().run_in_executor(None, go.wait)
    start = time.perf_counter()
    indexes = iter(range(job.first, job.first + job.count))
    await asyncio.gather(*(_connection(c, indexes, job) for c in clients))
    elapsed = time.perf_counter() - start
    await asyncio.gather(*(c.quit() for c in clients), return_exceptions=True)
    return elapsed


def _process(job: Job, ready: Queue[int], go: Event, results: Queue[float]) -> None:
    """Process entry point: connect, wait for the start signal, send, report the time."""
    results.put(uvloop.run(_send(job, ready, go)))


def _jobs(
    port: int, messages: int, processes: int, connections: int, html: str, text: str
) -> list[Job]:
    share, extra = divmod(messages, processes)
    jobs, first = [], 1
    for p in range(processes):
        count = share + (1 if p < extra else 0)
        conns = connections // processes + (1 if p < connections % processes else 0)
        jobs.append(Job(port, first, count, max(conns, 1), html, text))
        first += count
    return jobs


def run(
    port: int, messages: int, html: str, text: str, *, processes: int = 2, connections: int = 32
) -> float:
    """Send ``messages`` to ``127.0.0.1:port``; return the wall time from the start signal
    (all connections open) to the last process done, in seconds."""
    ctx = multiprocessing.get_context("spawn")
    ready: Queue[int] = ctx.Queue()
    results: Queue[float] = ctx.Queue()
    go = ctx.Event()
    jobs = _jobs(port, messages, processes, connections, html, text)
    procs = [ctx.Process(target=_process, args=(job, ready, go, results)) for job in jobs]
    for proc in procs:
        proc.start()
    for _ in procs:
        ready.get(timeout=60)
    start = time.perf_counter()
    go.set()
    for _ in procs:
        results.get(timeout=600)
    wall = time.perf_counter() - start
    for proc in procs:
        proc.join(10)
    return wall


def main() -> None:
    import common  # the bench directory is on sys.path when this file runs as a script

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-m", "--messages", type=int, default=20_000)
    parser.add_argument("-p", "--processes", type=int, default=2)
    parser.add_argument("-c", "--connections", type=int, default=32, help="in total")
    args = parser.parse_args()
    html, text = common.html_body(), common.text_body()
    with TemporaryDirectory(prefix="blaster-bench-") as tmp:
        sink = common.SmtpSink(Path(tmp)).start()
        try:
            wall = run(
                sink.port,
                args.messages,
                html,
                text,
                processes=args.processes,
                connections=args.connections,
            )
            got = sink.wait_for(args.messages)
        finally:
            sink.stop()
    print(
        f"straightforward sender: {args.messages} messages in {wall:.2f}s"
        f" = {args.messages / wall:,.0f} msgs/s (sink got {got})"
    )


if __name__ == "__main__":
    main()
