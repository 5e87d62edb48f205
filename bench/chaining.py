"""SMTP pipelining across transactions, paired in one process: the sender pool with and
without chaining, alternating rounds into one Postfix ``smtp-sink``.

The worker's own sender loop (:class:`blaster.senders.SenderPool`: one task per
``SmtpSession``, the weighted hand-off queue, outcomes settled on two shards' frontiers, each
with its window of 2 × connections messages, as a worker runs by default) sends the
benchmark campaign's ~7.5 KB message over ``--connections`` sessions, on uvloop:

- **off** (``SenderPool(chaining=False)``): each message its own transaction
  (``SmtpSession.send``: MAIL/RCPT/DATA in one write, the data in a second, a reply wait
  for each);
- **on** (the default): the next message's MAIL/RCPT/DATA written behind the previous
  message's data (``SmtpSession.start``/``finish``), up to two transactions in flight per
  connection.

Printed per side: medians over the rounds of this process's CPU µs per message,
smtp-sink's CPU µs per message, msgs/s, and socket writes per message (counted in one
extra round each, outside the timed ones).

Usage: ``.venv/bin/python bench/chaining.py [--send 20000] [--rounds 7] [--connections 16]``
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Coroutine
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import common
import uvloop
from hotpath import campaign_spec

from blaster.config import Settings, SmtpServer
from blaster.content import CampaignContent
from blaster.messengers import Session
from blaster.messengers.reader import ReplyReader
from blaster.messengers.smtp import SmtpSession
from blaster.models import Checkpoint, Shard
from blaster.ratelimit import RateLimits
from blaster.senders import SenderPool
from blaster.shardrun import Job, ShardRun


async def _round(
    port: int, data: bytes, messages: int, connections: int, chaining: bool
) -> tuple[float, float]:
    """Send ``messages`` through a sender pool: (wall seconds, CPU seconds)."""
    server = SmtpServer(host=common.HOST, port=port, connections=connections)
    sessions: list[Session] = [SmtpSession(server) for _ in range(connections)]
    background: set[asyncio.Task[None]] = set()

    def spawn(coro: Coroutine[Any, Any, None]) -> None:
        background.add(asyncio.ensure_future(coro))

    pool = SenderPool(
        settings=Settings(smtp=(server,)),
        worker_id=1,
        limits=RateLimits(),
        sessions=sessions,
        spawn=spawn,
        chaining=chaining,
    )
    await asyncio.gather(*(s.connect() for s in sessions))
    ctx = SimpleNamespace(envelope_from="news@example.com", label="1", route=None)
    # two shards, as a worker runs with the default shards_per_worker, each with its window
    # of 2 x connections messages on their way
    runs = [
        ShardRun(ctx, Shard(k, 1, 0, messages, Checkpoint(0)), asyncio.Semaphore(2 * connections))  # type: ignore[arg-type]
        for k in range(2)
    ]
    pool.start()

    async def produce(run: ShardRun, ids: range) -> None:
        for i in ids:
            await run.window.acquire()
            run.frontier.add(i)
            run.started()
            await pool.put(Job(run, i, f"user{i}@example.com", data))
        await run.idle.wait()

    start, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(produce(r, range(k + 1, messages + 1, 2)) for k, r in enumerate(runs)))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    await pool.stop(10.0)
    if sum(r.sent for r in runs) != messages:
        raise RuntimeError(f"not all {messages} sent: {runs[0].failures[:3]}")
    return elapsed, cpu


def _writes_per_message(
    port: int, data: bytes, messages: int, connections: int, chaining: bool
) -> float:
    writes = [0]
    original = ReplyReader.write

    def counted(self: ReplyReader, chunk: bytes) -> None:
        writes[0] += 1
        original(self, chunk)

    ReplyReader.write = counted  # type: ignore[method-assign]
    try:
        uvloop.run(_round(port, data, messages, connections, chaining))
    finally:
        ReplyReader.write = original  # type: ignore[method-assign]
    return writes[0] / messages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--send", type=int, default=20_000, help="messages per round")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    data = CampaignContent(campaign_spec(), Settings()).build(common.synthetic_subscribers(1)[0])
    results: dict[bool, list[tuple[float, float, float]]] = {False: [], True: []}
    writes: dict[bool, float] = {}
    with tempfile.TemporaryDirectory(prefix="blaster-bench-") as tmp:
        sink = common.SmtpSink(Path(tmp)).start()
        assert sink.proc is not None
        try:
            for i in range(args.rounds):
                for on in (False, True) if i % 2 == 0 else (True, False):
                    sink_cpu = common.cpu_seconds(sink.proc.pid)
                    wall, cpu = uvloop.run(
                        _round(sink.port, data, args.send, args.connections, on)
                    )
                    sink_cpu = common.cpu_seconds(sink.proc.pid) - sink_cpu
                    results[on].append((cpu, sink_cpu, wall))
            for on in (False, True):
                writes[on] = _writes_per_message(
                    sink.port, data, args.send // 4, args.connections, on
                )
        finally:
            sink.stop()
    print(
        f"{args.send} messages of {len(data):,} B per round, {args.connections} connections,"
        f" medians of {args.rounds} alternating rounds"
    )
    print("| side | blaster CPU µs/msg | smtp-sink CPU µs/msg | msgs/s | writes/msg |")
    print("|---|---:|---:|---:|---:|")
    for on in (False, True):
        cpu = statistics.median(r[0] for r in results[on]) / args.send * 1e6
        sink_us = statistics.median(r[1] for r in results[on]) / args.send * 1e6
        rate = args.send / statistics.median(r[2] for r in results[on])
        name = "on (chained)" if on else "off (one transaction at a time)"
        print(f"| {name} | {cpu:.1f} | {sink_us:.1f} | {rate:,.0f} | {writes[on]:.2f} |")


if __name__ == "__main__":
    main()
