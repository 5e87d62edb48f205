"""The SMTP messenger: the only aiosmtplib import.

:class:`SmtpSession` is one persistent connection that reconnects on demand, never a
connection per message. aiosmtplib opens it (connect, EHLO, STARTTLS or implicit TLS, AUTH);
what happens next depends on the server:

- **PIPELINING offered** (RFC 2920, the common case): the session takes the connection's
  transport over with a small protocol (:class:`~blaster.messengers.reader.ReplyReader`) and
  sends each message as ``MAIL FROM``, ``RCPT TO`` and ``DATA`` in one write, reads the three
  replies in one wait, then writes the dot-stuffed body and the end-of-data line in a second
  write (:meth:`SmtpSession.send`). Across transactions (:meth:`SmtpSession.start`, then
  :meth:`SmtpSession.finish` for each next message), the next message's MAIL/RCPT/DATA go in
  the same write as the open message's data, and the four replies come back in one wait,
  each paired with its own message: one write and one wait per message. Addresses are
  checked and encoded once per message (no re-parsing); the builder's CRLF-canonical output
  is only dot-stuffed (one ``replace``), other bytes get their line ends normalised first
  (``splitlines``/``join``), never with regexes. A message with an ``8bit`` part goes with
  ``BODY=8BITMIME`` to a relay offering 8BITMIME, in its quoted-printable form to others;
  ``SIZE=`` goes with MAIL FROM when the relay offers SIZE.
- **no PIPELINING**: aiosmtplib's ``sendmail``, one command at a time.

Both paths map failures to blaster's errors by reply class (5xx permanent; 4xx, timeouts and
dropped connections transient: :func:`~blaster.messengers.replies.reply_error`, shared with
the blocking stack) and drop the connection when it cannot be trusted any more (network
error, timeout, 421). Retry policy is the sender pool's (:mod:`blaster.senders`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import cast

import aiosmtplib

from blaster.config import SmtpServer
from blaster.errors import (
    PermanentSendError,
    RelayUnavailable,
    SendError,
    TransientSendError,
    Unanswered,
)
from blaster.messengers.reader import ReplyReader
from blaster.messengers.replies import Reply, data_payload, encode_address, reply_error
from blaster.mime import EightBit

logger = logging.getLogger(__name__)

_SENDER_CACHE_SIZE = 64

#: the next transaction for :meth:`SmtpSession.finish`: sender, recipient and message
Envelope = tuple[str, str, bytes]


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
        #: the dot-stuffed data of the open transaction, whose DATA got its 354 (:meth:`start`)
        self._pending: bytes | None = None

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
        except asyncio.CancelledError:  # cut short mid-EHLO/AUTH: aiosmtplib keeps it open
            client.close()
            raise
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
        await self._ready()
        try:
            if self._reader is not None:
                await self._send_pipelined(self._reader, sender, recipient, data)
            else:
                await self._send_classic(sender, recipient, *self._body(data))
        except BaseException as exc:
            self._failed(exc)
            raise
        self.sent_on_connection += 1

    async def _ready(self) -> None:
        """Connect, or reconnect after ``max_msgs_per_conn`` messages, before a transaction."""
        if self._pending is not None:
            raise RuntimeError("a transaction is open: finish() it first")
        limit = self.server.max_msgs_per_conn
        if self.connected and limit and self.sent_on_connection >= limit:
            await self.close()
        if not self.connected:
            await self.connect()

    def _failed(self, exc: BaseException) -> None:
        """Drop the connection after a failure that leaves it unusable (421, no reply) or a
        transaction cut short (cancelled: the stream's state is unknown)."""
        if _lost(exc) or isinstance(exc, asyncio.CancelledError):
            self._drop()

    def _body(self, data: bytes) -> tuple[bytes, bytes]:
        """The bytes to send and MAIL FROM's ``BODY=`` parameter for them (or ``b""``)."""
        if isinstance(data, EightBit):
            if self._8bitmime:
                return data, b" BODY=8BITMIME"
            return data.seven_bit(), b""
        return data, b""

    # --- pipelining across transactions ----------------------------------------------------

    @property
    def chainable(self) -> bool:
        """True when :meth:`finish` may begin another transaction behind the open one: the
        connection is pipelined and fine, and ``max_msgs_per_conn`` leaves room for both."""
        limit = self.server.max_msgs_per_conn
        return (
            self._pending is not None
            and self._reader is not None
            and self._reader.usable
            and (not limit or self.sent_on_connection + 2 <= limit)
        )

    async def start(self, sender: str, recipient: str, data: bytes) -> bool:
        """Begin a transaction and stop after DATA's 354, so that :meth:`finish` can send its
        data in the same write as the next transaction's commands (RFC 2920 lets message
        content open a command group).

        :returns: True when the transaction is open (call :meth:`finish`); False when this
            connection has no PIPELINING and the message was sent whole, and accepted.
        :raises SendError: as :meth:`send`; nothing is open then.
        """
        await self._ready()
        reader = self._reader
        if reader is None:
            await self.send(sender, recipient, data)
            return False
        try:
            self._pending = await self._open(reader, sender, recipient, data)
        except BaseException as exc:
            self._failed(exc)
            raise
        return True

    async def finish(
        self, then: Envelope | None = None
    ) -> tuple[SendError | None, SendError | None]:
        """Send the open transaction's data and, given ``then``, the next transaction's
        MAIL/RCPT/DATA in the same write; pair the replies with their transactions.

        :returns: the open transaction's outcome (None: its end of data was accepted) and
            ``then``'s (None: it is open now, waiting for the next :meth:`finish`; else why
            it was refused or never answered). A reply that never came is a
            :class:`~blaster.errors.TransientSendError` with code 0, and ``then``'s is
            :class:`~blaster.errors.Unanswered` when the connection went with the open
            transaction (421, dropped, no reply): its data never left. The connection is
            dropped whenever the stream cannot be trusted (421, disconnect, timeout, out of
            step); nothing is left open then.
        """
        reader, payload = self._reader, self._pending
        if reader is None or payload is None:
            raise RuntimeError("no transaction is open")
        self._pending = None
        try:
            return await self._finish(reader, payload, then)
        except asyncio.CancelledError:  # cut short: the stream's state is unknown
            self._drop()
            raise

    async def _finish(
        self, reader: ReplyReader, payload: bytes, then: Envelope | None
    ) -> tuple[SendError | None, SendError | None]:
        following, refused = b"", None
        if then is not None:
            try:
                group, following = self._group(*then)
            except SendError as exc:  # an address that cannot go on a command line
                then, refused = None, exc
            else:
                payload += group
        replies, failure = await _exchange(reader, payload, 1 if then is None else 4)
        if len(replies) == 4 and _all_accepted(replies):  # the common case first
            self.sent_on_connection += 1
            self._pending = following
            return None, None
        first = self._final(replies[0]) if replies else failure
        second = refused
        if then is not None:
            second = await self._second(reader, replies[1:], failure, first, following)
        if failure is not None or _lost(first) or _lost(second):
            self._drop()
        return first, second

    def _final(self, reply: Reply) -> SendError | None:
        """The outcome of a transaction's end of data (None: accepted)."""
        if reply[0] // 100 == 2:
            self.sent_on_connection += 1
            return None
        return self._reply_failure(reply)

    async def _second(
        self,
        reader: ReplyReader,
        replies: list[Reply],
        failure: TransientSendError | None,
        first: SendError | None,
        payload: bytes,
    ) -> SendError | None:
        """The outcome of the transaction begun behind the open one (its MAIL/RCPT/DATA
        ``replies``, as many as came): None when it is open now, its data ``payload``."""
        farewell = next((r for r in replies if r[0] == 421), None)
        if farewell is not None:
            return reply_error(*farewell)
        if first is not None and _lost(first):
            return Unanswered(0, f"the connection went with the message before ({first.message})")
        if len(replies) < 3:
            why = failure.message if failure is not None else "connection lost"
            return TransientSendError(0, f"no reply to MAIL, RCPT or DATA ({why})")
        if not _envelope_accepted(replies):
            try:
                await self._refused(reader, replies)
            except SendError as exc:
                return exc
        self._pending = payload
        return None

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

    def _group(self, sender: str, recipient: str, data: bytes) -> tuple[bytes, bytes]:
        """A transaction's MAIL/RCPT/DATA command group (``BODY=8BITMIME`` for an 8bit
        message when the relay offers it, else its 7-bit form is sent; ``SIZE=`` when the
        relay offers SIZE) and its dot-stuffed data."""
        data, body = self._body(data)
        mail, rcpt = self._envelope(sender, recipient)
        payload = data_payload(data)
        size = b" SIZE=%d\r\n" % len(payload) if self._size else b"\r\n"
        return mail + body + size + rcpt + b"DATA\r\n", payload

    async def _open(self, reader: ReplyReader, sender: str, recipient: str, data: bytes) -> bytes:
        """Write MAIL/RCPT/DATA and read their replies: the dot-stuffed data once DATA got
        its 354 (a refusal raises, after RSET when a transaction was left open)."""
        group, payload = self._group(sender, recipient, data)
        reader.write(group)
        replies = await reader.read(3)
        if not _envelope_accepted(replies):
            await self._refused(reader, replies)
        return payload

    async def _send_pipelined(
        self, reader: ReplyReader, sender: str, recipient: str, data: bytes
    ) -> None:
        payload = await self._open(reader, sender, recipient, data)
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
                raise reply_error(*reply)  # the caller drops the connection
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
        self._pending = None
        _release(reader, client)

    async def close(self) -> None:
        """QUIT politely, or drop the connection if the server does not answer (or awaits an
        open transaction's data, which QUIT would become)."""
        if self._pending is not None:
            self._drop()
            return
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


async def _exchange(
    reader: ReplyReader, data: bytes, count: int
) -> tuple[list[Reply], TransientSendError | None]:
    """Write ``data`` and read ``count`` replies, or those that came before a failure."""
    try:
        reader.write(data)
    except TransientSendError as exc:
        return [], exc
    return await reader.read_some(count)


def _all_accepted(replies: list[Reply]) -> bool:
    """End of data accepted, and the next transaction's MAIL, RCPT and DATA too."""
    final, mail, rcpt, data = replies
    return final[0] // 100 == mail[0] // 100 == rcpt[0] // 100 == 2 and data[0] == 354


def _envelope_accepted(replies: list[Reply]) -> bool:
    """MAIL and RCPT accepted, DATA answered 354."""
    return replies[2][0] == 354 and replies[0][0] // 100 == 2 and replies[1][0] // 100 == 2


def _lost(exc: BaseException | None) -> bool:
    """Whether ``exc`` means the connection cannot be used any more (421, no reply)."""
    return isinstance(exc, TransientSendError) and exc.code in (0, 421)


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
