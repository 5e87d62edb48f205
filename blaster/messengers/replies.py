"""Pure SMTP helpers shared by every messenger: what a reply means, and the envelope bytes.

No sockets and no awaits here, so both SMTP stacks (:mod:`blaster.messengers.smtp` on
aiosmtplib, :mod:`blaster.messengers.blocking` on smtplib) and the transactional service
give a reply the same meaning:

- :func:`reply_error` maps a refusal to blaster's errors by reply class (5xx permanent,
  anything else transient); :func:`retry_hint` reads "try again in 30 seconds";
- :func:`encode_address` checks and encodes an addr-spec once for ``MAIL FROM``/``RCPT TO``,
  and :func:`data_payload` frames a message for after the 354 reply;
- :class:`ReplyParser` is an incremental parser of reply lines (fed bytes as they arrive,
  returns whole replies) for the pipelined path, which reads replies itself.
"""

from __future__ import annotations

import contextlib
import re

from blaster import addresses
from blaster.errors import PermanentSendError, SendError, TransientSendError
from blaster.mime import Canonical

#: an SMTP reply: its code and its text (continuation lines joined with ``\n``), undecoded
Reply = tuple[int, bytes]

#: characters that must never reach an SMTP command line from an address
_UNSAFE_ADDRESS = re.compile(r"[\x00-\x1f\x7f<>]")
#: a reply longer than this (continuation lines included) means a broken or hostile server
MAX_REPLY_BYTES = 64 * 1024
#: continuation lines of one reply beyond which the server is taken to be broken
MAX_REPLY_LINES = 512
MAX_HINT = 600.0  #: never wait longer than this for one retry, whatever the relay says
_HINT = re.compile(r"(\d+)\s*(s\b|sec|second|m\b|min|minute)", re.IGNORECASE)


def reply_error(code: int, text: bytes | str) -> SendError:
    """The error for a refusal: 5xx permanent, anything else transient."""
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    if 500 <= code < 600:
        return PermanentSendError(code, message)
    return TransientSendError(code, message)


def retry_hint(text: str) -> float:
    """Seconds a reply such as ``451 try again in 30 seconds`` asks for (0 when none),
    at most :data:`MAX_HINT`."""
    m = _HINT.search(text)
    if not m:
        return 0.0
    seconds = float(m.group(1)) * (60 if m.group(2).lower().startswith("m") else 1)
    return min(seconds, MAX_HINT)


def encode_address(address: str, smtputf8: bool) -> tuple[bytes, bool]:
    """An addr-spec as it goes between ``<`` and ``>``, and whether it needs SMTPUTF8.

    ASCII addresses pass as they are; a non-ASCII domain with an ASCII local part is
    IDNA-encoded; anything else needs a server that offers SMTPUTF8 (``smtputf8``).

    :raises PermanentSendError: control characters or angle brackets in the address, or
        a non-ASCII address that the server cannot take.
    """
    if _UNSAFE_ADDRESS.search(address):
        raise PermanentSendError(0, f"invalid address {address!r}")
    if address.isascii():
        return address.encode("ascii"), False
    with contextlib.suppress(ValueError):  # a UTF-8 local part or no IDNA name: SMTPUTF8 only
        return addresses.to_ascii(address).encode("ascii"), False
    if not smtputf8:
        raise PermanentSendError(0, f"{address!r} needs SMTPUTF8, which the relay does not offer")
    return address.encode("utf-8"), True


def data_payload(data: bytes) -> bytes:
    """What follows a 354 reply: ``data`` with every line end made CRLF (bare CR and LF
    included, so no end-of-data sequence can be smuggled), lines starting with ``.``
    doubled, and the terminating ``.`` line.

    The builder's output (:class:`~blaster.mime.Canonical`) is CRLF already: it is only
    dot-stuffed, without splitting it into lines, and not even searched for dots when the
    builder found no line starting with one (``dot_free``).
    """
    if isinstance(data, Canonical) and data:
        body: bytes = data
        if not data.dot_free:
            body = body.replace(b"\r\n.", b"\r\n..")
            if body[:1] == b".":
                body = b"." + body
        return body + b".\r\n" if body.endswith(b"\r\n") else body + b"\r\n.\r\n"
    lines = data.splitlines()
    if not lines:
        return b".\r\n"
    body = b"\r\n".join(lines)
    body = body.replace(b"\r\n.", b"\r\n..")
    if body[:1] == b".":
        body = b"." + body
    return body + b"\r\n.\r\n"


class ReplyParser:
    """Incremental parser of SMTP reply lines: :meth:`feed` it bytes as they arrive and it
    returns the replies they complete (multi-line replies joined with ``\\n``).

    A malformed line or a reply of more than :data:`MAX_REPLY_LINES` lines stops it for
    good: :attr:`error` says why, and :meth:`feed` returns only the replies completed
    before the fault. :attr:`pending` is the size of the unfinished line, for the caller's
    own limit.
    """

    __slots__ = ("_lines", "_partial", "error")

    def __init__(self) -> None:
        self.error = ""  #: why the stream cannot be parsed any more ("" while it can)
        self._lines: list[bytes] = []  # continuation lines of the reply being read
        self._partial = b""

    @property
    def pending(self) -> int:
        """Bytes of the line not finished yet."""
        return len(self._partial)

    def feed(self, data: bytes) -> list[Reply]:
        """The replies completed by ``data`` (none once :attr:`error` is set)."""
        replies: list[Reply] = []
        if self.error:
            return replies
        if self._partial:
            data, self._partial = self._partial + data, b""
        start, size = 0, len(data)
        while start < size:
            end = data.find(b"\n", start)
            if end < 0:
                self._partial = data[start:]
                break
            reply = self._line(data[start:end])
            if self.error:
                break
            if reply is not None:
                replies.append(reply)
            start = end + 1
        return replies

    def _line(self, line: bytes) -> Reply | None:
        """Take one reply line (without its LF): the reply it ends, if any."""
        code = line[:3]
        if not (code.isdigit() and line[3:4] in (b"", b" ", b"-", b"\r")):
            self.error = f"malformed reply {line[:80]!r}"
            return None
        text = line[4:].rstrip(b"\r")
        if line[3:4] == b"-":
            self._lines.append(text)
            if len(self._lines) > MAX_REPLY_LINES:
                self.error = "reply too long"
            return None
        if self._lines:
            self._lines.append(text)
            text, self._lines = b"\n".join(self._lines), []
        return int(code), text
