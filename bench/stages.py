"""CPU per message of each stage of a worker's hot path, in one process, as one table.

Every stage runs the engine's own code on the benchmark campaign of ``common`` (the ~5 KB
HTML letter, its ~1 KB text alternative, a templated subject), ``--messages`` times, timed
with :func:`time.process_time` (CPU time of this process, so other load on the machine
inflates it far less than wall time would). Stages, in the order a message meets them:

- ``rows``: a page row turned into a :class:`~blaster.models.Subscriber` (attribs JSON
  decoded by the store's ``load_attribs``; psycopg's own parsing of the wire is not in it);
- ``render subject`` / ``render html`` / ``render text``: each template alone, in the
  renderer's sandbox, on the renderer's own per-message data;
- ``render (all)``: ``CampaignRenderer.render`` (the three, plus per-message setup);
- ``To header``: :func:`blaster.mime.address` for the subscriber;
- ``MIME``: ``MessageBuilder.build`` from already-rendered parts and their pieces, as the
  worker builds (transfer encoding, headers); ``MIME, from the whole texts``: the same
  without the pieces (every line end, line length and the boundary token checked over the
  whole text: :func:`blaster.mime.encode_body`);
- ``build (all)``: ``CampaignContent.build``, render + ``To`` + MIME, what a worker calls;
- ``send prep``: the bytes the send path writes for a message: envelope commands and the
  data payload (end-of-data; no search for dots when the builder found no line starting
  with one); ``send prep, searched for dots``: the same bytes without that word (dot-stuffing
  over the whole message);
- ``reply parsing``: the four replies of one transaction (MAIL, RCPT, DATA, end of data) as
  smtp-sink sends them, through the pipelined path's parser;
- ``send loop (null)``: ``--connections`` tasks sending over ``NullSession`` (no socket):
  the event loop, tasks and awaits of a sending loop;
- ``send (smtp-sink)``: ``SmtpSession.send`` of pre-built messages over ``--connections``
  connections to a fresh smtp-sink (uvloop): prep + writes + reads + parsing + loop;
- ``socket + loop (residual)``: ``send (smtp-sink)`` minus ``send prep`` and ``reply parsing``.

Usage: ``.venv/bin/python bench/stages.py [--messages 5000] [--send 20000] [--connections 16]
[--rounds 3]`` (each stage: best of ``--rounds``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import common
import uvloop
from hotpath import campaign_spec

from blaster.config import Settings, SmtpServer
from blaster.content import CampaignContent
from blaster.messengers import replies
from blaster.messengers.null import NullSession
from blaster.messengers.smtp import SmtpSession
from blaster.mime import Canonical, address
from blaster.models import Subscriber
from blaster.render import SubscriberData
from blaster.store.subscribers import load_attribs

#: what smtp-sink answers to one pipelined transaction
SINK_REPLIES = (
    b"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n",
    b"250 2.0.0 Ok: queued as 4F2A1B\r\n",
)


def cpu_us(fn: Callable[[Any], object], items: list[Any], rounds: int) -> float:
    """Best over ``rounds`` of the mean CPU microseconds of ``fn`` over ``items``."""
    fn(items[0])
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for item in items:
            fn(item)
        best = min(best, (time.process_time() - start) / len(items))
    return best * 1e6


def page_rows(subs: list[Subscriber]) -> list[tuple[Any, ...]]:
    """The subscribers as page rows, attribs still JSON bytes."""
    return [(*s[:4], json.dumps(s.attribs).encode(), *s[5:]) for s in subs]


def decode_row(row: tuple[Any, ...]) -> Subscriber:
    """What the store does per row after psycopg parsed the wire."""
    return Subscriber(row[0], row[1], row[2], row[3], load_attribs(row[4]), row[5], row[6])


def template_stage(ctx: CampaignContent, which: str) -> Callable[[Subscriber], object]:
    """One of the renderer's templates alone, on its per-message data."""
    renderer: Any = ctx.renderer
    compiled = renderer._compiled
    template = {"subject": compiled.subject, "html": compiled.body, "text": compiled.alt}[which]

    def run(sub: Subscriber) -> str:
        data = dict(compiled.data)
        data["Subscriber"] = SubscriberData(sub)
        renderer._functions.bind(sub.uuid)
        renderer._budget.reset()
        return str(renderer._run(template, data))

    return run


def mime_stage(
    ctx: CampaignContent, sample: Subscriber, *, pieces: bool = True
) -> Callable[[Subscriber], object]:
    """``MessageBuilder.build`` from parts rendered once: with the rendered pieces, as the
    worker builds, or (``pieces=False``) from the whole texts only."""
    r = ctx.renderer.render(sample)
    url = ctx.renderer.unsubscribe_url(sample)
    to_addr = address(sample.name, sample.email)
    html_pieces, text_pieces = (r.html_pieces, r.text_pieces) if pieces else (None, None)

    def run(sub: Subscriber) -> bytes:
        return ctx.builder.build(
            to_addr=to_addr,
            subject=r.subject,
            html=r.html,
            text=r.text,
            subscriber_uuid=sub.uuid,
            unsubscribe_url=url,
            header_values=r.headers,
            html_pieces=html_pieces,
            text_pieces=text_pieces,
        )

    return run


def prep_stage(data: bytes) -> Callable[[Subscriber], object]:
    """The envelope and payload bytes a pipelined send writes."""
    session = SmtpSession(SmtpServer(host=common.HOST, port=25))

    def run(sub: Subscriber) -> bytes:
        mail, rcpt = session._envelope("news@example.com", sub.email)
        payload = replies.data_payload(data)
        return mail + b" SIZE=%d\r\n" % len(payload) + rcpt + b"DATA\r\n" + payload

    return run


def parse_stage() -> Callable[[Subscriber], object]:
    """The four replies of one transaction through a fresh feed each."""
    parser = replies.ReplyParser()
    group, final = SINK_REPLIES

    def run(_sub: Subscriber) -> object:
        return parser.feed(group), parser.feed(final)

    return run


async def _send(port: int, data: bytes, messages: int, connections: int) -> float:
    server = SmtpServer(host=common.HOST, port=port, connections=connections)
    sessions = [SmtpSession(server) for _ in range(connections)]
    await asyncio.gather(*(s.connect() for s in sessions))
    _, cpu = await common.timed_sends(sessions, messages, data)
    return cpu / messages * 1e6


async def _send_null(data: bytes, messages: int, connections: int) -> float:
    sessions = [NullSession(record=False) for _ in range(connections)]
    _, cpu = await common.timed_sends(sessions, messages, data)
    return cpu / messages * 1e6


def send_sink(data: bytes, messages: int, connections: int, rounds: int) -> float:
    """Best CPU µs/msg of sending ``data`` to a fresh smtp-sink over SmtpSessions."""
    best = float("inf")
    with tempfile.TemporaryDirectory(prefix="blaster-bench-") as tmp:
        sink = common.SmtpSink(Path(tmp)).start()
        try:
            for _ in range(rounds):
                best = min(best, uvloop.run(_send(sink.port, data, messages, connections)))
            sink.wait_for(messages * rounds)
        finally:
            sink.stop()
    return best


def measure(args: argparse.Namespace) -> dict[str, float]:
    """Every stage's CPU µs per message."""
    ctx = CampaignContent(campaign_spec(), Settings())
    subs = common.synthetic_subscribers(args.messages)
    data = ctx.build(subs[0])
    n = args.rounds
    table = {"rows": cpu_us(decode_row, page_rows(subs), n)}
    for which in ("subject", "html", "text"):
        table[f"render {which}"] = cpu_us(template_stage(ctx, which), subs, n)
    table["render (all)"] = cpu_us(ctx.renderer.render, subs, n)
    table["To header"] = cpu_us(lambda s: address(s.name, s.email), subs, n)
    table["MIME"] = cpu_us(mime_stage(ctx, subs[0]), subs, n)
    table["MIME, from the whole texts"] = cpu_us(mime_stage(ctx, subs[0], pieces=False), subs, n)
    table["build (all)"] = cpu_us(ctx.build, subs, n)
    table["send prep"] = cpu_us(prep_stage(data), subs, n)
    # the same bytes without the builder's word that no line starts with "."
    table["send prep, searched for dots"] = cpu_us(prep_stage(Canonical(bytes(data))), subs, n)
    table["reply parsing"] = cpu_us(parse_stage(), subs, n)
    table["send loop (null)"] = min(
        uvloop.run(_send_null(data, args.send, args.connections)) for _ in range(n)
    )
    table["send (smtp-sink)"] = send_sink(data, args.send, args.connections, n)
    table["socket + loop (residual)"] = (
        table["send (smtp-sink)"] - table["send prep"] - table["reply parsing"]
    )
    table["message bytes"] = float(len(data))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5000, help="for the CPU stages")
    parser.add_argument("--send", type=int, default=20_000, help="messages per send round")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="best of this many")
    args = parser.parse_args()
    table = measure(args)
    size = int(table.pop("message bytes"))
    print(f"message: {size} bytes; CPU µs per message, one process, best of {args.rounds}")
    print("| stage | µs/msg |\n|---|---:|")
    for name, value in table.items():
        print(f"| {name} | {value:.1f} |")


if __name__ == "__main__":
    main()
