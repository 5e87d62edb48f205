"""MIME assembly on the fast path: bytes built from parts precomputed per campaign.

``email.message`` costs ~1 ms per message; here the static header block, the boundaries and
the part headers are built once per campaign (:class:`MessageBuilder`), and per message only
the recipient, subject, date, Message-ID and the quoted-printable bodies are produced. Every
header value passes through :func:`clean_header` so CR/LF can never start a new header.
"""

from __future__ import annotations

import base64
import binascii
import email.utils
import secrets
import time

CRLF = b"\r\n"
_ENCODED_WORD_BYTES = 45  #: payload bytes per RFC 2047 encoded word (60 base64 chars)
_MAX_RAW_SUBJECT = 200  #: longer ASCII subjects are encoded to keep lines short


def clean_header(value: str) -> str:
    """Fold any CR, LF or other control character of a header value into a space."""
    if value.isprintable():
        return value
    return "".join(ch if ch.isprintable() else " " for ch in value)


def encode_words(text: str) -> str:
    """RFC 2047 ``=?utf-8?b?...?=`` words, folded, never splitting a UTF-8 character."""
    words: list[str] = []
    chunk = bytearray()
    for ch in text:
        data = ch.encode("utf-8")
        if len(chunk) + len(data) > _ENCODED_WORD_BYTES:
            words.append(_b_word(chunk))
            chunk = bytearray()
        chunk += data
    if chunk or not words:
        words.append(_b_word(chunk))
    return "\r\n ".join(words)


def _b_word(data: bytes | bytearray) -> str:
    return "=?utf-8?b?" + base64.b64encode(bytes(data)).decode("ascii") + "?="


def header_text(value: str) -> str:
    """A header value as it goes on the wire: cleaned, and encoded when not short ASCII."""
    value = clean_header(value).strip()
    if value.isascii() and len(value) <= _MAX_RAW_SUBJECT:
        return value
    return encode_words(value)


def address(name: str, email_addr: str) -> str:
    """``Name <addr>`` with the name quoted or RFC 2047 encoded as needed."""
    return email.utils.formataddr((clean_header(name), clean_header(email_addr)), "utf-8")


def qp(text: str) -> bytes:
    """Quoted-printable body with CRLF line ends (soft-wrapped at 76 characters)."""
    data = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n").encode("utf-8")
    if not data.endswith(CRLF):
        data += CRLF
    return binascii.b2a_qp(data, istext=True)


def text_attachment_part(filename: str, content_type: str, data: bytes) -> bytes:
    """One attachment part, base64-encoded (text types get ``charset=utf-8``)."""
    if content_type.startswith("text/") and "charset" not in content_type:
        content_type += "; charset=utf-8"
    name = header_text(filename).replace('"', "'")
    head = (
        f'Content-Type: {content_type}; name="{name}"\r\n'
        "Content-Transfer-Encoding: base64\r\n"
        f'Content-Disposition: attachment; filename="{name}"\r\n\r\n'
    ).encode("ascii")
    return head + base64.encodebytes(data).replace(b"\n", CRLF)


class _Clock:
    """The ``Date`` header, formatted at most once per second."""

    __slots__ = ("_second", "_value")

    def __init__(self) -> None:
        self._second = -1
        self._value = ""

    def now(self) -> str:
        second = int(time.time())
        if second != self._second:
            self._second = second
            self._value = email.utils.formatdate(second, usegmt=True)
        return self._value


_QP = b"Content-Transfer-Encoding: quoted-printable\r\n"
_PLAIN_HEAD = b"Content-Type: text/plain; charset=utf-8\r\n" + _QP
_HTML_HEAD = b"Content-Type: text/html; charset=utf-8\r\n" + _QP


class MessageBuilder:
    """Assembles the messages of one campaign.

    :param from_addr: the campaign's ``from_email`` (``Name <addr>`` or a bare address).
    :param campaign_uuid: goes into ``X-Blaster-Campaign``.
    :param headers: campaign custom headers ``(name, value)``; they cannot replace the
        engine's own headers.
    :param attachments: attachment parts built by :func:`text_attachment_part`.
    """

    RESERVED = frozenset(
        {
            "from",
            "to",
            "subject",
            "date",
            "message-id",
            "mime-version",
            "content-type",
            "content-transfer-encoding",
            "x-blaster-campaign",
            "x-blaster-subscriber",
            "list-unsubscribe",
            "list-unsubscribe-post",
        }
    )

    def __init__(
        self,
        *,
        from_addr: str,
        campaign_uuid: str,
        headers: tuple[tuple[str, str], ...] = (),
        attachments: tuple[bytes, ...] = (),
        unsubscribe_header: bool = True,
    ) -> None:
        self.unsubscribe_header = unsubscribe_header
        self.attachments = attachments
        self.domain = from_addr.rpartition("@")[2].strip(" >") or "localhost"
        token = secrets.token_hex(12)
        self.alt_boundary = f"=_alt_{token}".encode()
        self.mix_boundary = f"=_mix_{token}".encode()
        self._clock = _Clock()
        from_name, from_email = email.utils.parseaddr(clean_header(from_addr))
        static = [
            f"From: {address(from_name, from_email or from_addr)}",
            "MIME-Version: 1.0",
            f"X-Blaster-Campaign: {campaign_uuid}",
        ]
        for name, value in headers:
            name = clean_header(name).strip()
            if name and name.lower() not in self.RESERVED and ":" not in name:
                static.append(f"{name.replace(' ', '-')}: {header_text(value)}")
        self._static = ("\r\n".join(static) + "\r\n").encode("utf-8")

    def build(
        self,
        *,
        to_addr: str,
        subject: str,
        html: str | None,
        text: str | None,
        subscriber_uuid: str,
        unsubscribe_url: str,
        message_id: str = "",
    ) -> bytes:
        """The complete message bytes for one recipient."""
        mid = message_id or f"<{secrets.token_hex(10)}.{subscriber_uuid[:8]}@{self.domain}>"
        head = [
            self._static,
            f"To: {to_addr}\r\nSubject: {header_text(subject)}\r\nDate: {self._clock.now()}\r\n"
            f"Message-ID: {mid}\r\nX-Blaster-Subscriber: {subscriber_uuid}\r\n".encode(),
        ]
        if self.unsubscribe_header:
            head.append(
                f"List-Unsubscribe: <{clean_header(unsubscribe_url)}>\r\n"
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n".encode()
            )
        body = self._body(html, text)
        if self.attachments:
            body = self._mixed(body)
        return b"".join(head) + body

    def _body(self, html: str | None, text: str | None) -> bytes:
        if html is not None and text is not None:
            b = self.alt_boundary
            return b"".join(
                (
                    b'Content-Type: multipart/alternative; boundary="',
                    b,
                    b'"\r\n\r\n',
                    b"--",
                    b,
                    CRLF,
                    _PLAIN_HEAD,
                    CRLF,
                    qp(text),
                    b"--",
                    b,
                    CRLF,
                    _HTML_HEAD,
                    CRLF,
                    qp(html),
                    b"--",
                    b,
                    b"--\r\n",
                )
            )
        if html is not None:
            return _HTML_HEAD + CRLF + qp(html)
        return _PLAIN_HEAD + CRLF + qp(text or "")

    def _mixed(self, inner: bytes) -> bytes:
        b = self.mix_boundary
        parts = [
            b'Content-Type: multipart/mixed; boundary="',
            b,
            b'"\r\n\r\n',
            b"--",
            b,
            CRLF,
            inner,
        ]
        for part in self.attachments:
            parts += [b"--", b, CRLF, part]
        parts += [b"--", b, b"--\r\n"]
        return b"".join(parts)
