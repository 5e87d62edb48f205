"""The SMTP messenger: the only aiosmtplib import.

:class:`SmtpSession` is one persistent connection that reconnects on demand, never a
connection per message. aiosmtplib opens it (connect, EHLO, STARTTLS or implicit TLS, AUTH);
what happens next depends on the server:

- **PIPELINING offered** (RFC 2920, the common case): the session takes the connection's
  transport over with a small protocol (:class:`~blaster.messengers.reader.ReplyReader`) and
  sends each message as ``MAIL FROM``, ``RCPT TO`` and ``DATA`` in one write, reads the three
  replies in one wait, then writes the dot-stuffed body and the end-of-data line in a second
  write. Addresses are checked and encoded once per message (no re-parsing); the builder's
  CRLF-canonical output is only dot-stuffed (one ``replace``), other bytes get their line
  ends normalised first (``splitlines``/``join``), never with regexes. A message with an ``8bit`` part goes with
  ``BODY=8BITMIME`` to a relay offering 8BITMIME, in its quoted-printable form to others.
- **no PIPELINING**: aiosmtplib's ``sendmail``, one command at a time.

Both paths map failures to blaster's errors by reply class (5xx permanent; 4xx, timeouts and
dropped connections transient: :func:`~blaster.messengers.replies.reply_error`, shared with
the blocking stack) and drop the connection when it cannot be trusted any more (network
error, timeout, 421). Retry policy is the worker's.
"""

from __future__ import annotations

import asyncio
import logging
from typing import cast

import aiosmtplib

from blaster.config import SmtpServer
from blaster.errors import PermanentSendError, RelayUnavailable, SendError, TransientSendError
from blaster.messengers.reader import ReplyReader
from blaster.messengers.replies import Reply, data_payload, encode_address, reply_error
from blaster.mime import EightBit

logger = logging.getLogger(__name__)

_SENDER_CACHE_SIZE = 64


def classify(exc: Exception) -> SendError:
    """Translate an aiosmtplib error: 5xx is permanent, 4xx and network errors transient."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused) and exc.recipients:
        exc = exc.recipients[0]
    code = getattr(exc, "code", 0) or 0
    message = getattr(exc, "message", "") or str(exc) or type(exc).__name__
    if isinstance(exc, aiosmtplib.SMTPServerDisconnected | aiosmtplib.SMTPTimeoutError):
        return TransientSendError(0, message)
    return reply_error(code, message)


class SmtpSession:
    """One persistent SMTP connection to ``server``.

    :param server: the relay's settings.
    :param pipelining: use the pipelined path when the server offers PIPELINING (the
        default); False keeps aiosmtplib's one-command-at-a-time ``sendmail`` (benchmarks).
    """

    def __init__(self, server: SmtpServer, *, pipelining: bool = True) -> None:
        self.server = server
        self.use_pipelining = pipelining
        self.label = server.label
        self.sent_on_connection = 0
        self._client: aiosmtplib.SMTP | None = None
        self._reader: ReplyReader | None = None  #: set while pipelining
        self._smtputf8 = False
        self._size = False
        self._8bitmime = False
        self._mail_from: dict[tuple[str, bool], bytes] = {}

    def _new_client(self) -> aiosmtplib.SMTP:
        s = self.server
        return aiosmtplib.SMTP(
            hostname=s.host,
            port=s.port,
            username=s.username or None,
            password=s.password or None,
            local_hostname=s.helo or None,
            timeout=s.timeout,
            use_tls=s.tls == "tls",
            start_tls=s.tls == "starttls",
            validate_certs=s.verify,
        )

    @property
    def idle_timeout(self) -> float:
        """The relay's ``idle_timeout``: seconds without work before the worker lets go."""
        return self.server.idle_timeout

    @property
    def pipelining(self) -> bool:
        """True when this connection sends through the pipelined path."""
        return self._reader is not None

    async def connect(self) -> None:
        """Open the connection (EHLO, STARTTLS and AUTH as configured) and, when the server
        offers PIPELINING, take its transport over for the pipelined path."""
        self._drop()
        self._mail_from.clear()
        client = self._new_client()
        try:
            await client.connect()
            if client.is_ehlo_or_helo_needed:
                await _greet(client)
        except (aiosmtplib.SMTPException, OSError) as exc:
            # whatever failed (refused, TLS, AUTH), it is the relay's state, not the recipient's
            client.close()
            err = classify(exc)
            raise RelayUnavailable(err.code, f"{self.label}: {err.message}") from None
        self._client = client
        self._smtputf8 = client.supports_extension("smtputf8")
        self._size = client.supports_extension("size")
        self._8bitmime = client.supports_extension("8bitmime")
        self._reader = None
        pipelining = self.use_pipelining and client.supports_extension("pipelining")
        if pipelining and client.transport is not None:
            transport = cast(asyncio.Transport, client.transport)
            self._reader = ReplyReader(transport, self.server.timeout)
            transport.set_protocol(self._reader)
        self.sent_on_connection = 0

    @property
    def connected(self) -> bool:
        """True while the connection is believed open."""
        if self._reader is not None:
            return self._reader.usable
        return self._client is not None and self._client.is_connected

    async def send(self, sender: str, recipient: str, data: bytes) -> None:
        """One SMTP transaction; reconnects first when the connection was lost.

        ``sender`` and ``recipient`` are plain addr-specs (``user@example.com``; ``""`` for
        the null sender); ``data`` is the message, ideally with CRLF line ends already. A
        message with an 8bit part (:class:`~blaster.mime.EightBit`) goes with
        ``BODY=8BITMIME`` when the relay offers 8BITMIME, else in its 7-bit form.
        """
        limit = self.server.max_msgs_per_conn
        if self.connected and limit and self.sent_on_connection >= limit:
            await self.close()
        if not self.connected:
            await self.connect()
        body = b""
        if isinstance(data, EightBit):
            if self._8bitmime:
                body = b" BODY=8BITMIME"
            else:
                data = data.seven_bit()
        try:
            if self._reader is not None:
                await self._send_pipelined(self._reader, sender, recipient, data, body)
            else:
                await self._send_classic(sender, recipient, data, body)
        except TransientSendError as err:
            if err.code in (0, 421):
                self._drop()
            raise
        except asyncio.CancelledError:  # a transaction cut short leaves the stream unknown
            self._drop()
            raise
        self.sent_on_connection += 1

    # --- the pipelined path ---------------------------------------------------------------

    def _envelope(self, sender: str, recipient: str) -> tuple[bytes, bytes]:
        """``MAIL FROM:<s>`` (without parameters or line end) and ``RCPT TO:<r>\\r\\n``."""
        rcpt, rcpt_utf8 = encode_address(recipient, self._smtputf8)
        key = (sender, rcpt_utf8)
        mail = self._mail_from.get(key)
        if mail is None:
            addr, utf8 = encode_address(sender, self._smtputf8)
            mail = b"MAIL FROM:<" + addr + (b"> SMTPUTF8" if utf8 or rcpt_utf8 else b">")
            if len(self._mail_from) >= _SENDER_CACHE_SIZE:
                self._mail_from.clear()
            self._mail_from[key] = mail
        return mail, b"RCPT TO:<" + rcpt + b">\r\n"

    async def _send_pipelined(
        self, reader: ReplyReader, sender: str, recipient: str, data: bytes, body: bytes
    ) -> None:
        """``body``: the ``BODY=`` parameter of MAIL FROM (with its leading space) or ``b""``."""
        mail, rcpt = self._envelope(sender, recipient)
        payload = data_payload(data)
        size = b" SIZE=%d\r\n" % len(payload) if self._size else b"\r\n"
        reader.write(mail + body + size + rcpt + b"DATA\r\n")
        replies = await reader.read(3)
        if replies[2][0] != 354 or replies[0][0] // 100 != 2 or replies[1][0] // 100 != 2:
            await self._refused(reader, replies)
        reader.write(payload)
        (final,) = await reader.read(1)
        if final[0] // 100 != 2:
            raise self._reply_failure(final)

    async def _refused(self, reader: ReplyReader, replies: list[Reply]) -> None:
        """MAIL, RCPT or DATA was refused: end the transaction and raise the first refusal."""
        mail, rcpt, data = replies
        ok_mail, ok_rcpt = mail[0] // 100 == 2, rcpt[0] // 100 == 2
        first = data if ok_mail and ok_rcpt else rcpt if ok_mail else mail
        for reply in replies:
            if reply[0] == 421:
                raise reply_error(*reply)  # send() drops the connection
        if data[0] == 354 or first[0] // 100 not in (4, 5):
            # DATA accepted although MAIL or RCPT was not (it cannot be aborted), or a reply
            # that fits no command: the stream cannot be trusted any more
            self._drop()
            if first[0] // 100 in (4, 5):
                raise reply_error(*first)
            raise _out_of_step(first)
        if ok_mail:  # a transaction is open on the server: reset it
            await self._rset(reader)
        raise reply_error(*first)

    async def _rset(self, reader: ReplyReader) -> None:
        try:
            reader.write(b"RSET\r\n")
            (reply,) = await reader.read(1)
        except TransientSendError:
            self._drop()
            return
        if reply[0] != 250:
            self._drop()

    def _reply_failure(self, reply: Reply) -> SendError:
        """The error for a refusal; replies outside 4xx/5xx mean the stream is out of step."""
        if reply[0] // 100 not in (4, 5):
            self._drop()
            return _out_of_step(reply)
        return reply_error(*reply)

    # --- the one-command-at-a-time path (no PIPELINING) ------------------------------------

    async def _send_classic(self, sender: str, recipient: str, data: bytes, body: bytes) -> None:
        assert self._client is not None
        rcpt, rcpt_utf8 = encode_address(recipient, self._smtputf8)
        addr, utf8 = encode_address(sender, self._smtputf8)
        options = ["SMTPUTF8"] if utf8 or rcpt_utf8 else []
        if body:
            options.append(body.decode("ascii").strip())
        try:
            await self._client.sendmail(
                addr.decode("utf-8"), [rcpt.decode("utf-8")], data, mail_options=options or None
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise classify(exc) from None
        except ValueError as exc:  # an address aiosmtplib will not put on a command line
            raise PermanentSendError(0, str(exc)) from None

    # --- closing ---------------------------------------------------------------------------

    def _drop(self) -> None:
        """Close the connection at once, without QUIT (idempotent)."""
        reader, client = self._reader, self._client
        self._reader = self._client = None
        _release(reader, client)

    async def close(self) -> None:
        """QUIT politely, or drop the connection if the server does not answer."""
        reader, client = self._reader, self._client
        self._reader = self._client = None
        try:
            if reader is not None:
                if reader.usable:
                    reader.write(b"QUIT\r\n")
                    await reader.read(1)
            elif client is not None and client.is_connected:
                await client.quit()
        except (TransientSendError, aiosmtplib.SMTPException, OSError):
            pass  # the connection goes anyway
        finally:
            _release(reader, client)


def _release(reader: ReplyReader | None, client: aiosmtplib.SMTP | None) -> None:
    if reader is not None:
        reader.transport.abort()
    if client is not None:
        client.close()


def _out_of_step(reply: Reply) -> TransientSendError:
    text = reply[1].decode("utf-8", "replace")
    return TransientSendError(0, f"unexpected reply {reply[0]} {text}")


async def _greet(client: aiosmtplib.SMTP) -> None:
    """EHLO now (aiosmtplib defers it to the first command), HELO if EHLO is refused."""
    try:
        await client.ehlo()
    except aiosmtplib.SMTPHeloError:
        if not client.is_connected:
            raise
        await client.helo()
