"""Each CPU lever of the hot path measured on its own: with and without it, paired.

For every lever the stage it changes runs with the lever off and on, alternating for
``--rounds`` rounds in one process (so that load from other work on the machine falls on
both alike), CPU time per message each; the table gives the medians, their ratio and the
saving. The "off" side is the code as it was before the lever (kept here, or the engine's
own code with the lever switched off):

- ``7bit``: ``MessageBuilder.build`` of the benchmark campaign (ASCII), quoted-printable
  bodies against ``7bit``; split into the line-end normalisation (the former encoder's three
  ``replace`` against one test for CR) and the transfer encoding itself;
- ``8bit``: the same for a German letter (non-ASCII bodies), quoted-printable against
  ``8bit`` (a builder with ``eightbit``, as for a relay offering 8BITMIME);
- ``CRLF-canonical``: what the send path does to a built message (envelope and payload):
  line ends re-split and dot-stuffed (plain bytes) against only dot-stuffed
  (:class:`~blaster.mime.Canonical`); then the whole ``SmtpSession.send`` to smtp-sink;
- ``To header``: the former ``formataddr``-based ``address`` against the new one;
- ``sandbox``: ``CampaignRenderer.render`` with jinja's own sandbox ``getattr`` against
  blaster's fast path for its own data (on jinja's generator: a flat part holds the
  ``getattr`` it was compiled with);
- ``flat templates``: ``CampaignRenderer.render`` (and ``CampaignContent.build``) of the
  benchmark campaign, in jinja and in listmonk's Go syntax, with every part run by jinja's
  generator against the flat parts run as one function each (:mod:`blaster.render.flat`);
- ``attribs``: a page row's attribs (the JSON bytes PostgreSQL sends) decoded by ``json``
  against ``load_attribs`` (orjson, the standard library for what orjson would change);
- ``Message-ID``: ``secrets.token_bytes`` per message against bytes taken from 4 KB blocks
  (alone this is a small saving; in a busy worker the system call costs several times more).

Usage: ``.venv/bin/python bench/levers.py [--messages 3000] [--rounds 7] [--send 10000]
[--skip-send]``
"""

from __future__ import annotations

import argparse
import asyncio
import binascii
import contextlib
import dataclasses
import email.utils
import json
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import common
import jinja2.sandbox
import uvloop
from gotemplates import to_go
from hotpath import campaign_spec

from blaster import mime, render
from blaster.config import Settings, SmtpServer
from blaster.content import CampaignContent
from blaster.messengers import replies
from blaster.messengers.smtp import SmtpSession
from blaster.models import Subscriber
from blaster.store.subscribers import load_attribs

#: a German letter: non-ASCII in almost every line
GERMAN = (
    "Liebe Grüße aus Köln: Straßenfest, Bücherbörse und Müllabfuhr am Dienstag früh.\n"
    "Über 300 Gäste haben sich schon angemeldet; die Größe des Saals reicht für alle.\n"
) * 30

Stage = Callable[[Subscriber], object]
#: a stage and what to patch while it runs (``contextlib.nullcontext`` for nothing)
Side = tuple[Stage, Callable[[], contextlib.AbstractContextManager[Any]]]


def cpu_us(side: Side, subs: list[Subscriber]) -> float:
    """Mean CPU microseconds of the side's stage over ``subs`` (patched as it says)."""
    fn, patch = side
    with patch():
        fn(subs[0])
        start = time.process_time()
        for sub in subs:
            fn(sub)
        return (time.process_time() - start) / len(subs) * 1e6


def plain(fn: Stage) -> Side:
    """A side with nothing patched."""
    return fn, contextlib.nullcontext


def paired(off: Side, on: Side, subs: list[Subscriber], rounds: int) -> tuple[float, float]:
    """Medians of ``off`` and ``on`` measured alternately (off first in even rounds)."""
    offs: list[float] = []
    ons: list[float] = []
    for i in range(rounds):
        pair = [(off, offs), (on, ons)]
        for side, out in pair if i % 2 == 0 else reversed(pair):
            out.append(cpu_us(side, subs))
    return statistics.median(offs), statistics.median(ons)


# --- the code before the levers -------------------------------------------------------------


def old_qp(text: str) -> bytes:
    """The former body encoder: three replaces, then quoted-printable."""
    data = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n").encode("utf-8")
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return binascii.b2a_qp(data, istext=True)


def qp_only(text: str, eightbit: bool, forbidden: bytes = b"") -> tuple[bytes, str]:
    """:func:`blaster.mime.encode_body` as it was: always quoted-printable, former encoder."""
    return old_qp(text), mime.QUOTED_PRINTABLE


def qp_new_lines(text: str, eightbit: bool, forbidden: bytes = b"") -> tuple[bytes, str]:
    """Always quoted-printable, with today's line-end normalisation (``crlf_text``)."""
    return mime.qp(text), mime.QUOTED_PRINTABLE


def old_address(name: str, email_addr: str) -> str:
    """The former ``To`` header (ASCII addresses): ``formataddr``."""
    return email.utils.formataddr((mime.clean_header(name), mime.clean_header(email_addr)))


@contextlib.contextmanager
def patched(owner: Any, name: str, value: Any) -> Iterator[None]:
    """``owner.name = value`` for the duration."""
    old = owner.__dict__[name] if name in owner.__dict__ else getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, old)


def switched(fn: Stage, owner: Any, name: str, value: Any) -> Side:
    """``fn`` run with ``owner.name`` replaced by ``value``."""
    return fn, lambda: patched(owner, name, value)


# --- the levers -----------------------------------------------------------------------------


def mime_stage(ctx: CampaignContent, sample: Subscriber, eightbit: bool) -> Stage:
    """``MessageBuilder.build`` from parts rendered once (a builder with ``eightbit``)."""
    r = ctx.renderer.render(sample)
    builder = mime.MessageBuilder(
        from_addr=ctx.spec.from_email, campaign_uuid=ctx.spec.uuid, eightbit=eightbit
    )
    to_addr = mime.address(sample.name, sample.email)

    def run(sub: Subscriber) -> bytes:
        return builder.build(
            to_addr=to_addr,
            subject=r.subject,
            html=r.html,
            text=r.text,
            subscriber_uuid=sub.uuid,
            unsubscribe_url="https://example.com/u",
        )

    return run


def prep_stage(data: bytes) -> Stage:
    """The envelope and payload bytes of one pipelined send of ``data``."""
    session = SmtpSession(SmtpServer(host=common.HOST, port=25))

    def run(sub: Subscriber) -> bytes:
        mail, rcpt = session._envelope("news@example.com", sub.email)
        payload = replies.data_payload(data)
        return mail + b" SIZE=%d\r\n" % len(payload) + rcpt + b"DATA\r\n" + payload

    return run


def jinja_only(ctx: CampaignContent) -> CampaignContent:
    """``ctx`` with every flat part taken away: jinja's generator renders each part."""
    renderer: Any = ctx.renderer
    renderer._compiled = renderer._compiled.without_flat()
    return ctx


def flat_rows(subs: list[Subscriber], rounds: int) -> list[tuple[str, float, float]]:
    """Render (and build) with and without the flat parts, the campaign in jinja and Go."""
    jinja = campaign_spec()
    go = dataclasses.replace(
        jinja, subject=to_go(jinja.subject), body=to_go(jinja.body), altbody=to_go(jinja.altbody)
    )
    rows = []
    for name, spec in (("jinja", jinja), ("Go", go)):
        on = CampaignContent(spec, Settings())
        off = jinja_only(CampaignContent(spec, Settings()))
        assert on.renderer.syntax == off.renderer.syntax == name.lower()
        render_pair = paired(plain(off.renderer.render), plain(on.renderer.render), subs, rounds)
        rows.append((f"flat templates (render, {name} campaign)", *render_pair))
        build_pair = paired(plain(off.build), plain(on.build), subs, rounds)
        rows.append((f"flat templates (render + MIME, {name} campaign)", *build_pair))
    return rows


def lever_table(args: argparse.Namespace) -> list[tuple[str, float, float]]:
    """(lever, off µs, on µs) for the in-process levers."""
    ascii_ctx = CampaignContent(campaign_spec(), Settings())
    german = dataclasses.replace(campaign_spec(), body=f"<p>{GERMAN}</p>", altbody=GERMAN)
    german_ctx = CampaignContent(german, Settings())
    subs = common.synthetic_subscribers(args.messages)
    n = args.rounds
    ascii_mime = mime_stage(ascii_ctx, subs[0], True)
    qp_mime = switched(ascii_mime, mime, "encode_body", qp_only)
    qp_lines = switched(ascii_mime, mime, "encode_body", qp_new_lines)
    rows = [("all MIME levers (MIME, ASCII letter)", *paired(qp_mime, plain(ascii_mime), subs, n))]
    rows.append(
        ("line ends: 1 test instead of 3 replaces (QP both)", *paired(qp_mime, qp_lines, subs, n))
    )
    rows.append(
        ("7bit instead of QP (MIME, ASCII letter)", *paired(qp_lines, plain(ascii_mime), subs, n))
    )
    german_qp, german_8bit = (mime_stage(german_ctx, subs[0], e) for e in (False, True))
    rows.append(
        ("8bit (MIME, German letter)", *paired(plain(german_qp), plain(german_8bit), subs, n))
    )
    data = ascii_ctx.build(subs[0])
    split, stuffed = prep_stage(bytes(data)), prep_stage(data)
    rows.append(("CRLF-canonical (send prep)", *paired(plain(split), plain(stuffed), subs, n)))
    old_to = plain(lambda s: old_address(s.name, s.email))
    new_to = plain(lambda s: mime.address(s.name, s.email))
    rows.append(("To header", *paired(old_to, new_to, subs, n)))
    jinja_getattr = jinja2.sandbox.ImmutableSandboxedEnvironment.getattr
    generator = jinja_only(CampaignContent(campaign_spec(), Settings())).renderer.render
    slow = switched(generator, render._Sandbox, "getattr", jinja_getattr)
    fast = plain(generator)
    rows.append(("sandbox fast path (render)", *paired(slow, fast, subs, n)))
    rows += flat_rows(subs, n)
    attribs = [json.dumps(s.attribs).encode() for s in subs]

    def decoded(loads: Callable[[bytes], Any]) -> Side:
        def run(sub: Subscriber) -> object:
            return loads(attribs[sub.id % len(attribs)])

        return plain(run)

    rows.append(
        ("attribs: orjson first", *paired(decoded(json.loads), decoded(load_attribs), subs, n))
    )

    def token_per_message(domain: str) -> str:
        token = secrets.token_bytes(24).translate(mime._ID_TABLE).decode("ascii")
        return f"<{token}@{domain}>"

    old_id = plain(lambda s: token_per_message("example.com"))
    new_id = plain(lambda s: mime.new_message_id("example.com"))
    rows.append(("Message-ID from 4 KB blocks", *paired(old_id, new_id, subs, n)))
    return rows


async def _send_us(port: int, data: bytes, messages: int, connections: int) -> float:
    server = SmtpServer(host=common.HOST, port=port, connections=connections)
    sessions = [SmtpSession(server) for _ in range(connections)]
    await asyncio.gather(*(s.connect() for s in sessions))
    _, cpu = await common.timed_sends(sessions, messages, data)
    return cpu / messages * 1e6


def send_pair(args: argparse.Namespace) -> tuple[float, float]:
    """``SmtpSession.send`` of plain bytes against the same bytes as ``Canonical``, to one
    smtp-sink, alternating rounds: medians of CPU µs per message."""
    data = CampaignContent(campaign_spec(), Settings()).build(common.synthetic_subscribers(1)[0])
    offs: list[float] = []
    ons: list[float] = []
    with tempfile.TemporaryDirectory(prefix="blaster-bench-") as tmp:
        sink = common.SmtpSink(Path(tmp)).start()
        try:
            for i in range(args.rounds):
                pair = [(bytes(data), offs), (data, ons)]
                for body, out in pair if i % 2 == 0 else reversed(pair):
                    out.append(uvloop.run(_send_us(sink.port, body, args.send, 16)))
            sink.wait_for(args.send * args.rounds * 2)
        finally:
            sink.stop()
    return statistics.median(offs), statistics.median(ons)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--send", type=int, default=10_000, help="messages per send round")
    parser.add_argument("--skip-send", action="store_true", help="no smtp-sink round")
    args = parser.parse_args()
    rows = lever_table(args)
    if not args.skip_send:
        rows.append(("CRLF-canonical (send to smtp-sink)", *send_pair(args)))
    print(f"CPU µs per message, medians of {args.rounds} alternating rounds, one process")
    print("| lever | off µs | on µs | on / off | saving µs |\n|---|---:|---:|---:|---:|")
    for name, off, on in rows:
        print(f"| {name} | {off:.1f} | {on:.1f} | {on / off:.2f} | {off - on:.1f} |")


if __name__ == "__main__":
    main()
