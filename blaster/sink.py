"""A local SMTP sink (aiosmtpd) that counts, records or stores what it receives.

Used by ``blaster sink``, the demo and the tests. It accepts everything by default; a
``reply`` hook lets tests answer chosen recipients with an error. It is not for benchmarks:
aiosmtpd tops out near 4,000 messages/s; bench/ uses Postfix's smtp-sink.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


@dataclass(frozen=True, slots=True)
class Received:
    """One message as the sink saw it."""

    sender: str
    recipients: tuple[str, ...]
    data: bytes


class SinkHandler:
    """aiosmtpd handler: counts every message, keeps them if asked, writes them to a directory.

    :param keep: keep messages in memory (tests).
    :param out_dir: write each message to ``out_dir/NNNNNNNN.eml``.
    :param reply: ``reply(recipient, attempt) -> "250 OK"`` or an error reply such as
        ``"451 try later"`` (tests inject faults with it).
    :param pipelining: advertise PIPELINING (RFC 2920) in the EHLO reply.
    :param delay: seconds to wait before answering each message (a slow relay).
    """

    def __init__(
        self,
        *,
        keep: bool = False,
        out_dir: str | Path | None = None,
        reply: Callable[[str, int], str] | None = None,
        pipelining: bool = True,
        delay: float = 0.0,
    ) -> None:
        self.keep = keep
        self.delay = delay
        self.out_dir = Path(out_dir) if out_dir else None
        self.reply = reply
        self.messages: list[Received] = []
        self.count = 0
        self.attempts: dict[str, int] = {}
        self.lock = threading.Lock()
        self.first_at = 0.0
        self.last_at = 0.0
        self.quits = 0  #: sessions the client ended with QUIT
        self.pipelining = pipelining

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        """Advertise PIPELINING (aiosmtpd handles pipelined commands but does not say so),
        so clients take their pipelined path here as with a production relay."""
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_QUIT(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.quits += 1
        return "221 Bye"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        rcpt = envelope.rcpt_tos[0] if envelope.rcpt_tos else ""
        with self.lock:
            attempt = self.attempts.get(rcpt, 0) + 1
            self.attempts[rcpt] = attempt
        answer = self.reply(rcpt, attempt) if self.reply else "250 OK"
        if answer.startswith("421"):  # RFC 5321 4.2.2: the server closes the channel
            server.transport.write(f"{answer}\r\n".encode())
            server.transport.close()
            return "421 closing"  # not reached by the client: the connection is gone
        if not answer.startswith("2"):
            return answer
        data = envelope.original_content or envelope.content
        with self.lock:
            self.count += 1
            now = time.monotonic()
            self.first_at = self.first_at or now
            self.last_at = now
            if self.keep:
                self.messages.append(Received(envelope.mail_from, tuple(envelope.rcpt_tos), data))
            if self.out_dir is not None:
                (self.out_dir / f"{self.count:08d}.eml").write_bytes(data)
        return "250 OK"


class Sink:
    """An SMTP sink on ``host:port`` (port 0 = any free port) running in a thread.

    ``smtputf8`` says whether it offers SMTPUTF8 (RFC 6531) for non-ASCII addresses.
    """

    def __init__(
        self,
        handler: SinkHandler | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        smtputf8: bool = True,
    ) -> None:
        self.handler = handler or SinkHandler()
        if self.handler.out_dir is not None:
            self.handler.out_dir.mkdir(parents=True, exist_ok=True)
        self.controller = Controller(
            self.handler,
            hostname=host,
            port=port,
            data_size_limit=50 * 1024 * 1024,
            server_kwargs={"decode_data": False, "enable_SMTPUTF8": smtputf8},
        )
        self.host = host
        self.port = port

    def start(self) -> Sink:
        """Start serving; :attr:`port` is the real port afterwards."""
        if self.port == 0:
            import socket

            with socket.socket() as probe:
                probe.bind((self.host, 0))
                self.port = probe.getsockname()[1]
            self.controller.port = self.port
        self.controller.start()
        return self

    def stop(self) -> None:
        """Stop serving (idempotent)."""
        with contextlib.suppress(AssertionError):  # never started
            self.controller.stop()

    @property
    def url(self) -> str:
        """The ``BLASTER_SMTP`` value that reaches this sink."""
        return f"smtp://{self.host}:{self.port}"

    def __enter__(self) -> Sink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
