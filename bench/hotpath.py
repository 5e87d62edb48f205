"""Per-message cost of blaster's hot path, stage by stage, in one process.

Splits what a worker does per message, to set beside design.md §3 and to tell which stage
bounds the end-to-end rate of ``e2e.py``:

- ``render``: the campaign's subject, HTML body and text alternative (jinja2, compiled once);
- ``build``: render plus MIME assembly (quoted-printable, headers): ``CampaignContent.build``,
  what a worker does per subscriber;
- ``EmailMessage``: the standard library's message build + ``as_bytes`` (the straightforward way);
- ``send``: pre-built bytes over blaster's ``SmtpSession`` (aiosmtplib, uvloop) to smtp-sink,
  one process, N persistent connections; with ``--null``, over
  :class:`~blaster.messengers.null.NullSession` instead (no socket: the sending loop's own cost).

Usage: ``.venv/bin/python bench/hotpath.py [--messages 5000] [--send 30000] [--connections 16]
[--null]``
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import common
import straightforward
import uvloop

from blaster.config import Settings, SmtpServer
from blaster.content import CampaignContent
from blaster.messengers.null import NullSession
from blaster.messengers.smtp import SmtpSession
from blaster.models import CampaignSpec, Subscriber


def campaign_spec() -> CampaignSpec:
    """The benchmark campaign of ``common``, in memory (no database)."""
    return CampaignSpec(
        id=1,
        uuid=str(uuid.uuid4()),
        name="bench",
        subject=common.SUBJECT,
        from_email=common.FROM_EMAIL,
        body=common.html_body(),
        altbody=common.text_body(),
        content_type="html",
        template_body=None,
        headers=(),
        tags=(),
        attribs={},
        type="regular",
        double_list_ids=(),
        single_list_ids=(1,),
        max_subscriber_id=0,
    )


subscribers = common.synthetic_subscribers


def per_message_us(fn: Callable[[Subscriber], object], subs: list[Subscriber]) -> float:
    """Mean CPU microseconds of ``fn`` over ``subs`` (after one warm-up call). CPU time, not
    wall time, so that other work on the machine does not inflate it."""
    fn(subs[0])
    start = time.process_time()
    for sub in subs:
        fn(sub)
    return (time.process_time() - start) / len(subs) * 1e6


async def _send(port: int, data: bytes, messages: int, connections: int) -> tuple[float, float]:
    server = SmtpServer(host=common.HOST, port=port, connections=connections)
    sessions = [SmtpSession(server) for _ in range(connections)]
    await asyncio.gather(*(s.connect() for s in sessions))
    return await common.timed_sends(sessions, messages, data)


async def _send_null(data: bytes, messages: int, connections: int) -> tuple[float, float, int]:
    sessions = [NullSession(record=False) for _ in range(connections)]
    seconds, cpu = await common.timed_sends(sessions, messages, data)
    return messages / seconds, cpu / messages * 1e6, sum(s.count for s in sessions)


def send_rate(data: bytes, messages: int, connections: int) -> tuple[float, float, int]:
    """Pre-built bytes from one process: msgs/s, CPU us per message, what the sink counted."""
    with tempfile.TemporaryDirectory(prefix="blaster-bench-") as tmp:
        sink = common.SmtpSink(Path(tmp)).start()
        try:
            seconds, cpu = uvloop.run(_send(sink.port, data, messages, connections))
            received = sink.wait_for(messages)
        finally:
            sink.stop()
    return messages / seconds, cpu / messages * 1e6, received


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5000, help="for the CPU stages")
    parser.add_argument("--send", type=int, default=30_000, help="messages for the send stage")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--null", action="store_true", help="send over null sessions (no sink, no sockets)"
    )
    args = parser.parse_args()
    ctx = CampaignContent(campaign_spec(), Settings())
    subs = subscribers(args.messages)
    sample = ctx.renderer.render(subs[0])
    assert sample.html is not None and sample.text is not None
    html, text = sample.html, sample.text
    stages: dict[str, Callable[[Subscriber], object]] = {
        "render (subject + html + text)": ctx.renderer.render,
        "build (render + MIME)": ctx.build,
        "EmailMessage + as_bytes": lambda s: straightforward.build_message(
            s.id, html, text
        ).as_bytes(),
    }
    print(f"message: {len(ctx.build(subs[0]))} bytes; CPU time per message, one process")
    for name, fn in stages.items():
        print(f"{name:<34} {per_message_us(fn, subs):>8.1f} us/message")
    if args.null:
        rate, cpu_us, got = uvloop.run(_send_null(ctx.build(subs[0]), args.send, args.connections))
        name = "send pre-built bytes (NullSession)"
    else:
        rate, cpu_us, got = send_rate(ctx.build(subs[0]), args.send, args.connections)
        name = "send pre-built bytes (SmtpSession)"
    print(
        f"{name:<34} {cpu_us:>8.1f} us/message;"
        f" {rate:,.0f} msgs/s (1 process, {args.connections} connections, sink got {got})"
    )


if __name__ == "__main__":
    main()
