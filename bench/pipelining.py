"""The SMTP send path alone: aiosmtplib's one-command-at-a-time ``sendmail`` against
blaster's pipelined path (RFC 2920), both through ``SmtpSession``, one process, uvloop.

Each round sends ``--messages`` copies of blaster's own ~7.5 KB campaign message (built
once, in memory, by ``hotpath.campaign_spec``) to a fresh Postfix ``smtp-sink`` over
``--connections`` persistent sessions, a different recipient per message, and reports CPU
microseconds per message of this process (process time: the steady figure on a shared
machine) and messages per second (wall clock). The paths alternate for ``--rounds`` rounds
so that a change in the machine's load hits both; the table shows the median of each.

Usage: ``.venv/bin/python bench/pipelining.py [--messages 30000] [--connections 16]
[--rounds 3]``
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import common
import hotpath
import uvloop

from blaster.config import Settings, SmtpServer
from blaster.content import CampaignContent
from blaster.messengers.smtp import SmtpSession

PATHS = {"aiosmtplib sendmail": False, "pipelined": True}


@dataclass(frozen=True)
class Round:
    """One path's measurement in one round."""

    rate: float  #: messages per wall-clock second
    cpu_us: float  #: CPU microseconds of this process per message
    received: int  #: what the sink counted


async def _send(
    port: int, data: bytes, messages: int, connections: int, pipelining: bool
) -> tuple[float, float]:
    server = SmtpServer(host=common.HOST, port=port, connections=connections)
    sessions = [SmtpSession(server, pipelining=pipelining) for _ in range(connections)]
    await asyncio.gather(*(s.connect() for s in sessions))
    assert all(s.pipelining == pipelining for s in sessions), "smtp-sink offers PIPELINING"
    return await common.timed_sends(sessions, messages, data)


def measure(data: bytes, messages: int, connections: int, pipelining: bool) -> Round:
    """One path on a fresh smtp-sink."""
    with tempfile.TemporaryDirectory(prefix="blaster-bench-") as tmp:
        sink = common.SmtpSink(Path(tmp)).start()
        try:
            seconds, cpu = uvloop.run(_send(sink.port, data, messages, connections, pipelining))
            received = sink.wait_for(messages)
        finally:
            sink.stop()
    return Round(messages / seconds, cpu / messages * 1e6, received)


def payload_us(data: bytes, repeat: int = 20_000) -> float:
    """CPU microseconds of preparing the DATA payload (line ends + dot-stuffing) alone."""
    from blaster.messengers.replies import data_payload

    start = time.process_time()
    for _ in range(repeat):
        data_payload(data)
    return (time.process_time() - start) / repeat * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=30_000)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ctx = CampaignContent(hotpath.campaign_spec(), Settings())
    data = ctx.build(hotpath.subscribers(1)[0])
    results: dict[str, list[Round]] = {name: [] for name in PATHS}
    for r in range(args.rounds):
        for name, pipelining in PATHS.items():
            got = measure(data, args.messages, args.connections, pipelining)
            common.log(f"round {r + 1} {name}: {got.rate:,.0f} msgs/s, {got.cpu_us:.1f} us/msg")
            if got.received != args.messages:
                raise SystemExit(f"{name}: the sink counted {got.received} of {args.messages}")
            results[name].append(got)
    print(
        f"message {len(data)} bytes; {args.messages} messages per round, 1 process (uvloop),"
        f" {args.connections} connections, median of {args.rounds} rounds"
    )
    print(f"{'path':<22} {'msgs/s':>10} {'CPU us/msg':>11}")
    for name, rounds in results.items():
        rate = statistics.median(x.rate for x in rounds)
        cpu = statistics.median(x.cpu_us for x in rounds)
        print(f"{name:<22} {rate:>10,.0f} {cpu:>11.1f}")
    old, new = (statistics.median(x.cpu_us for x in results[n]) for n in PATHS)
    print(f"CPU per message: pipelined / sendmail = {new / old:.2f}")
    print(f"of which the DATA payload (CRLF + dot-stuffing): {payload_us(data):.1f} us")


if __name__ == "__main__":
    main()
