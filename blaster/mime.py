"""MIME assembly on the fast path: bytes built from parts precomputed per campaign.

``email.message`` costs ~1 ms per message; here the static header block, the boundaries, the
part headers and the attachment parts (:func:`attachment_part`, base64 once) are built once
per campaign (:class:`MessageBuilder`), and per message only the recipient, subject, date,
Message-ID, templated header values and the bodies are produced. Every header value passes
through :func:`clean_header` so CR/LF can never start a new header.

Bodies go out without quoted-printable where the bytes allow (:func:`encode_body`): ``7bit``
when ASCII, ``8bit`` when not and the builder may (``eightbit``; the SMTP session then sends
``BODY=8BITMIME`` to a relay offering 8BITMIME and the message's quoted-printable form to one
that does not), as long as every line fits in 998 octets. The output is CRLF-canonical
(:class:`Canonical`), so the send path only dot-stuffs it. Given the bodies as the renderer
yielded them (literal template text and values), the builder assembles them with
:func:`blaster.wiretext.assemble`, which passes over the values only, and knows whether any
line starts with ``.`` (:class:`DotFree`: the send path does not search it again).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import email.charset
import email.utils
import functools
import os
import re
import secrets
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from typing import NamedTuple

from blaster import addresses
from blaster.wiretext import LiteralTable, assemble, lines_fit

CRLF = b"\r\n"
#: the headers listmonk puts on every campaign message (its bounce processing matches them)
LISTMONK_CAMPAIGN = "X-Listmonk-Campaign"
LISTMONK_SUBSCRIBER = "X-Listmonk-Subscriber"
_ENCODED_WORD_BYTES = 45  #: payload bytes per RFC 2047 encoded word (60 base64 chars)
_MAX_RAW_SUBJECT = 200  #: longer ASCII subjects are encoded to keep lines short
_RFC2231_CHUNK = 60  #: characters of one ``filename*N*=`` continuation
#: characters that make ``formataddr`` quote a display name (its ``specialsre``)
_SPECIALS = re.compile(r'[][\\()<>@,:;".]')
_UTF8 = email.charset.Charset("utf-8")
SEVEN_BIT, EIGHT_BIT, QUOTED_PRINTABLE = "7bit", "8bit", "quoted-printable"
_MIME_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")


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
    """``Name <addr>`` with the name quoted or RFC 2047 encoded as needed.

    For an ASCII address the result is exactly ``email.utils.formataddr((name, addr))``'s,
    without its per-call costs (:func:`display_name`). A non-ASCII domain is
    written in its IDNA form; a non-ASCII local part stays UTF-8 (RFC 6532: only a relay
    offering SMTPUTF8 takes it, which the messenger checks).
    """
    name, addr = clean_header(name), clean_header(email_addr)
    if addr.isascii():
        return f"{display_name(name)} <{addr}>" if name else addr
    local, at, domain = addr.rpartition("@")
    with contextlib.suppress(UnicodeError):  # else left as is: the relay refuses it
        domain = addresses.idna(domain)
    addr = f"{local}{at}{domain}"
    if addr.isascii():
        return f"{display_name(name)} <{addr}>" if name else addr
    if not name:
        return f"<{addr}>"
    return f"{display_name(name)} <{addr}>"


def display_name(name: str) -> str:
    """A non-empty display name exactly as ``formataddr`` writes it: bare when plain ASCII,
    quoted (backslash and ``"`` escaped) when it has RFC 5322 specials, else one RFC 2047
    encoded word (the shorter of ``q`` and ``b``, as the stdlib picks)."""
    if name.isascii():
        if _SPECIALS.search(name) is None:
            return name
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return _UTF8.header_encode(name)


class Canonical(bytes):
    """Message bytes whose every line ends in CRLF, the last one included (what
    :class:`MessageBuilder` returns): the send path only dot-stuffs them."""

    __slots__ = ()
    #: no line starts with "." (the send path does not search them for dot-stuffing)
    dot_free: bool = False


class DotFree(Canonical):
    """Canonical message bytes of which no line starts with ``.``."""

    __slots__ = ()
    dot_free = True


class EightBit(Canonical):
    """A message with an ``8bit`` body part: for a relay that offers 8BITMIME (sent with
    ``BODY=8BITMIME``). :attr:`seven_bit` builds the same message with quoted-printable
    bodies, for a relay that does not."""

    seven_bit: Callable[[], Canonical]  #: the same message, 7-bit clean


def canonical_lines(data: bytes) -> bytes:
    """``data`` with every line end made CRLF, ending in one (a no-op on canonical bytes)."""
    lines = data.splitlines()
    canonical = b"\r\n".join(lines) + CRLF if lines else b""
    return data if canonical == data else canonical


def crlf_text(text: str) -> str:
    """``text`` with every line end (CRLF, bare CR, bare LF) made CRLF, ending in one."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\n", "\r\n")
    return text if text.endswith("\r\n") else text + "\r\n"


def encode_body(text: str, eightbit: bool, forbidden: bytes = b"") -> tuple[bytes, str]:
    """A body part's bytes (CRLF line ends) and its Content-Transfer-Encoding.

    ``7bit`` for ASCII, ``8bit`` for other text when ``eightbit`` (the relay may take it),
    as long as no line passes 998 octets and there is no NUL (nor ``forbidden``: the
    boundary token); quoted-printable otherwise.
    """
    wire = crlf_text(text)
    if "\x00" not in wire:
        data = b""
        if wire.isascii():
            data, cte = wire.encode("ascii"), SEVEN_BIT
        elif eightbit:
            data, cte = wire.encode("utf-8"), EIGHT_BIT
        if data and lines_fit(data) and not (forbidden and forbidden in data):
            return data, cte
    return binascii.b2a_qp(wire.encode("utf-8"), istext=True), QUOTED_PRINTABLE


def qp(text: str) -> bytes:
    """Quoted-printable body with CRLF line ends (soft-wrapped at 76 characters)."""
    return binascii.b2a_qp(crlf_text(text).encode("utf-8"), istext=True)


def header_name_error(name: str) -> str:
    """Why ``name`` cannot be a header field name (RFC 5322), or ``""`` when it can."""
    if not name:
        return "an empty header name"
    if not all(33 <= ord(ch) <= 126 and ch != ":" for ch in name):
        return f"header name {name!r} has a character other than printable ASCII without ':'"
    return ""


def _rfc2231(param: str, value: str) -> str:
    """``param*=utf-8''…`` (RFC 2231), split into ``param*N*=`` continuations when long."""
    encoded = urllib.parse.quote(value, safe="")
    if len(encoded) <= _RFC2231_CHUNK:
        return f"{param}*=utf-8''{encoded}"
    chunks: list[str] = []
    while encoded:
        cut = _RFC2231_CHUNK
        pct = encoded.rfind("%", cut - 2, cut)  # never split a %XX escape
        if pct != -1 and len(encoded) > cut:
            cut = pct
        chunks.append(encoded[:cut])
        encoded = encoded[cut:]
    return ";\r\n ".join(
        f"{param}*{i}*=" + ("utf-8''" if i == 0 else "") + chunk for i, chunk in enumerate(chunks)
    )


def attachment_part(
    filename: str, content_type: str, data: bytes, *, content_id: str = ""
) -> bytes:
    """One attachment part, base64-encoded: built once per campaign, joined into every message.

    The content type falls back to ``application/octet-stream`` when it is not a valid MIME
    type; ``text/*`` gets ``charset=utf-8`` unless it names a charset. A non-ASCII filename
    is RFC 2047-encoded in ``name`` and RFC 2231-encoded in ``filename``.

    :param content_id: makes it an inline part (``Content-Disposition: inline`` and
        ``Content-ID: <content_id>``), as an embedded image of the HTML body
        (:func:`inline_part`).
    """
    main, _, params = clean_header(content_type).strip().lower().partition(";")
    ctype = main.strip() if _MIME_TYPE.fullmatch(main.strip()) else "application/octet-stream"
    params = "".join(ch for ch in params if ch.isascii() and ch not in "\\\r\n").strip()
    if params and ctype != "application/octet-stream":
        ctype += "; " + params
    if ctype.startswith("text/") and "charset" not in params:
        ctype += "; charset=utf-8"
    name = clean_header(filename).strip() or "attachment"
    quoted = header_text(name).replace('"', "'").replace("\\", "/")
    disposition = f'filename="{quoted}"' if name.isascii() else _rfc2231("filename", name)
    kind, cid = "attachment", ""
    if content_id:
        kind, cid = "inline", f"Content-ID: <{clean_header(content_id).strip(' <>')}>\r\n"
    head = (
        f'Content-Type: {ctype}; name="{quoted}"\r\n'
        "Content-Transfer-Encoding: base64\r\n"
        f"Content-Disposition: {kind}; {disposition}\r\n{cid}\r\n"
    ).encode("ascii")
    return head + base64.encodebytes(data).replace(b"\n", CRLF)


def inline_part(filename: str, content_type: str, data: bytes, content_id: str) -> bytes:
    """An embedded image's part (``Content-ID``, inline), for the ``multipart/related``
    HTML branch; built once per campaign like :func:`attachment_part`."""
    return attachment_part(filename, content_type, data, content_id=content_id)


#: the earlier name of :func:`attachment_part`
text_attachment_part = attachment_part


#: listmonk's ``GenerateRandomString`` alphabet, indexed by a random byte modulo its length
_ID_ALPHABET = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ID_TABLE = bytes(_ID_ALPHABET[b % len(_ID_ALPHABET)] for b in range(256))
_ID_CHARS = 24  #: random characters of a Message-ID's left part, as listmonk makes it


def message_id_domain(from_email: str) -> str:
    """The right part of the Message-IDs of mail from ``from_email``: its domain (IDNA when
    not ASCII), ``localhost`` when it has none (listmonk's fallback)."""
    domain = addresses.domain(clean_header(from_email)).strip(" <>")
    if not domain:
        return "localhost"
    try:
        return addresses.idna(domain)
    except UnicodeError:
        return "localhost"


class _RandomBytes:
    """Bytes from the OS's random source, read 4 KB at a time: one system call per ~170
    Message-IDs instead of one per message (in a busy worker the call costs ~2 µs, several
    times what it costs alone). A forked child starts with none of its parent's bytes."""

    BLOCK = 4096

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._block = b""
        self._taken = 0

    def take(self, n: int) -> bytes:
        with self._lock:
            start = self._taken
            if start + n > len(self._block):
                self._block, start = os.urandom(self.BLOCK), 0
            self._taken = start + n
            return self._block[start : start + n]

    def forget(self) -> None:
        self._block, self._taken = b"", 0
        self._lock = threading.Lock()


_RANDOM = _RandomBytes()
os.register_at_fork(after_in_child=_RANDOM.forget)


def new_message_id(domain: str) -> str:
    """``<24 random letters and digits@domain>``, as listmonk's e-mail messenger builds a
    message's ``Message-Id``."""
    token = _RANDOM.take(_ID_CHARS).translate(_ID_TABLE).decode("ascii")
    return f"<{token}@{domain}>"


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


def _part_head(subtype: str, cte: str) -> bytes:
    """The headers of one text part."""
    head = f"Content-Type: text/{subtype}; charset=utf-8\r\nContent-Transfer-Encoding: {cte}\r\n"
    return head.encode()


#: a text part's headers by (subtype, Content-Transfer-Encoding)
_PART_HEADS = {
    (subtype, cte): _part_head(subtype, cte)
    for subtype in ("plain", "html")
    for cte in (SEVEN_BIT, EIGHT_BIT, QUOTED_PRINTABLE)
}


class _Body(NamedTuple):
    """A message's rendered bodies, whole and (when known) piece by piece."""

    html: str | None
    text: str | None
    html_pieces: Sequence[str] | None
    text_pieces: Sequence[str] | None


#: a body part's bytes, its Content-Transfer-Encoding, and whether a line may start with "."
_Part = tuple[bytes, str, bool]


class MessageBuilder:
    """Assembles the messages of one campaign.

    :param from_addr: the campaign's ``from_email`` (``Name <addr>`` or a bare address).
    :param campaign_uuid: goes into ``X-Listmonk-Campaign`` and ``X-Blaster-Campaign`` (empty:
        no such headers, as for transactional messages; :meth:`build` likewise leaves
        ``X-Listmonk-Subscriber`` and ``X-Blaster-Subscriber`` out when ``subscriber_uuid`` is
        empty). The ``X-Listmonk-*`` pair is what listmonk writes on every campaign message
        and what its bounce processing reads back (case-sensitively: the names are spelled
        exactly as listmonk spells them).
    :param headers: campaign custom headers ``(name, value)``; they cannot replace the
        engine's own headers (those in :attr:`RESERVED` are dropped, as are invalid names).
    :param templated_headers: names of campaign headers whose values differ per message;
        :meth:`build` takes their values in this order.
    :param attachments: attachment parts built by :func:`attachment_part`.
    :param inline: embedded images' parts built by :func:`inline_part`: the HTML part then
        goes out as the first part of a ``multipart/related`` with them (inside the
        ``multipart/alternative`` when there is a text part, inside the ``multipart/mixed``
        when there are attachments), as listmonk structures it. A message without HTML
        leaves them out.
    :param eightbit: non-ASCII bodies may go out ``8bit`` (:meth:`build` then returns an
        :class:`EightBit` whose sender offers them to an 8BITMIME relay and falls back to
        its :attr:`~EightBit.seven_bit` form otherwise); False: quoted-printable.
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
            "x-listmonk-campaign",
            "x-listmonk-subscriber",
            "list-unsubscribe",
            "list-unsubscribe-post",
            # envelope matters in listmonk (sender, extra recipients): never a visible header
            "return-path",
            "bcc",
        }
    )

    def __init__(
        self,
        *,
        from_addr: str,
        campaign_uuid: str,
        headers: tuple[tuple[str, str], ...] = (),
        templated_headers: tuple[str, ...] = (),
        attachments: tuple[bytes, ...] = (),
        inline: tuple[bytes, ...] = (),
        unsubscribe_header: bool = True,
        eightbit: bool = False,
        literals: LiteralTable | None = None,
    ) -> None:
        self.unsubscribe_header = unsubscribe_header
        self.eightbit = eightbit
        #: the campaign's literal template text, analysed once (:mod:`blaster.wiretext`)
        self.literals: LiteralTable = literals or {}
        self.attachments = tuple(canonical_lines(part) for part in attachments)
        from_name, from_email = addresses.read(clean_header(from_addr))
        self.domain = message_id_domain(from_email)
        token = secrets.token_hex(12)
        self._token = token.encode()  # a body holding it goes quoted-printable (no "=" then)
        self.alt_boundary = f"=_alt_{token}".encode()
        self.mix_boundary = f"=_mix_{token}".encode()
        # The CRLF before each delimiter belongs to the delimiter (RFC 2046), so every part
        # keeps its own last line break.
        alt, mix = self.alt_boundary, self.mix_boundary
        self._alt_head = b'Content-Type: multipart/alternative; boundary="%s"\r\n\r\n--%s\r\n' % (
            alt,
            alt,
        )
        self._alt_mid = b"\r\n--%s\r\n" % alt
        self._alt_tail = b"\r\n--%s--\r\n" % alt
        self._mixed_head = b'Content-Type: multipart/mixed; boundary="%s"\r\n\r\n--%s\r\n' % (
            mix,
            mix,
        )
        self._mixed_tail = b"".join(b"\r\n--%s\r\n%s" % (mix, p) for p in self.attachments)
        self._mixed_tail += b"\r\n--%s--\r\n" % mix
        #: the multipart/related wrapper of the HTML part (empty: no embedded images)
        self._rel_head = self._rel_tail = b""
        if inline:
            rel = f"=_rel_{token}".encode()
            self._rel_head = (
                b'Content-Type: multipart/related; type="text/html"; boundary="%s"\r\n'
                b"\r\n--%s\r\n" % (rel, rel)
            )
            parts = (canonical_lines(part) for part in inline)
            self._rel_tail = b"".join(b"\r\n--%s\r\n%s" % (rel, p) for p in parts)
            self._rel_tail += b"\r\n--%s--\r\n" % rel
        self._clock = _Clock()
        static = [
            f"From: {address(from_name, from_email or from_addr)}",
            "MIME-Version: 1.0",
        ]
        if campaign_uuid:
            uuid = clean_header(campaign_uuid)
            static.append(f"{LISTMONK_CAMPAIGN}: {uuid}")
            static.append(f"X-Blaster-Campaign: {uuid}")
        for name, value in headers:
            if self.allowed(name):
                static.append(f"{name}: {header_text(value)}")
        self._static = ("\r\n".join(static) + "\r\n").encode("utf-8")
        #: (index into build()'s header_values, b"Name: ") of the templated headers kept
        self._templated = tuple(
            (i, f"{name}: ".encode("ascii"))
            for i, name in enumerate(templated_headers)
            if self.allowed(name)
        )
        #: no line of the parts built here starts with "." (header lines start with their
        #: names or, folded, with a space; boundaries with "--"; attachments are base64)
        self._static_dot_free = not any(
            piece.startswith(b".") or b"\n." in piece
            for piece in (
                self._static,
                self._alt_head,
                self._alt_mid,
                self._alt_tail,
                self._mixed_head,
                self._mixed_tail,
                self._rel_head,
                self._rel_tail,
            )
        )

    @classmethod
    def allowed(cls, name: str) -> bool:
        """A campaign may add a header of this name (valid, and not one blaster sets)."""
        return not header_name_error(name) and name.lower() not in cls.RESERVED

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
        header_values: Sequence[str] = (),
        html_pieces: Sequence[str] | None = None,
        text_pieces: Sequence[str] | None = None,
    ) -> Canonical:
        """The complete message bytes for one recipient (:class:`EightBit` when a part is
        ``8bit``, :class:`DotFree` or ``dot_free`` when no line starts with ``.``).

        :param header_values: this message's values of the ``templated_headers``.
        :param html_pieces: ``html`` as the renderer produced it, piece by piece (literal
            pieces are then not encoded again, :func:`blaster.wiretext.assemble`); likewise
            ``text_pieces``.
        """
        mid = message_id or new_message_id(self.domain)
        to_addr, mid = clean_header(to_addr), clean_header(mid)  # the output stays canonical
        subscriber = ""
        if subscriber_uuid:
            uuid = clean_header(subscriber_uuid)
            subscriber = f"{LISTMONK_SUBSCRIBER}: {uuid}\r\nX-Blaster-Subscriber: {uuid}\r\n"
        head = [
            self._static,
            f"To: {to_addr}\r\nSubject: {header_text(subject)}\r\nDate: {self._clock.now()}\r\n"
            f"Message-ID: {mid}\r\n{subscriber}".encode(),
        ]
        if self.unsubscribe_header:
            head.append(
                f"List-Unsubscribe: <{clean_header(unsubscribe_url)}>\r\n"
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n".encode()
            )
        for i, prefix in self._templated:
            head.append(prefix + header_text(header_values[i]).encode() + CRLF)
        body = _Body(html, text, html_pieces, text_pieces)
        return self._assemble(head, body, self.eightbit)

    def _assemble(self, head: list[bytes], body: _Body, eightbit: bool) -> Canonical:
        """The message from its header lines and bodies (one copy of everything,
        attachments included)."""
        out = head.copy()
        if self.attachments:
            out.append(self._mixed_head)
        wide, dots = self._body(out, body, eightbit)
        if self.attachments:
            out.append(self._mixed_tail)
        dot_free = not dots and self._static_dot_free
        if not wide:
            return DotFree(b"".join(out)) if dot_free else Canonical(b"".join(out))
        message = EightBit(b"".join(out))
        message.dot_free = dot_free
        message.seven_bit = functools.partial(self._assemble, head, body, False)
        return message

    def _encode(self, text: str, pieces: Sequence[str] | None, eightbit: bool) -> _Part:
        """One body part's bytes, Content-Transfer-Encoding, and whether a line of it may
        start with "."; from its pieces when they allow it."""
        if pieces is not None:
            done = assemble(pieces, self.literals, eightbit=eightbit, forbidden=self._token)
            if done is not None:
                return done.data, SEVEN_BIT if done.ascii else EIGHT_BIT, not done.dot_free
        data, cte = encode_body(text, eightbit, self._token)
        return data, cte, True

    def _body(self, out: list[bytes], body: _Body, eightbit: bool) -> tuple[bool, bool]:
        """Append the body (with its Content-Type) to ``out``; whether a part is 8bit, and
        whether a line of it may start with "."."""
        html, text = body.html, body.text
        if html is not None and text is not None:
            text_data, text_cte, text_dots = self._encode(text, body.text_pieces, eightbit)
            html_data, html_cte, html_dots = self._encode(html, body.html_pieces, eightbit)
            out += (  # the related head and tail are empty without embedded images
                self._alt_head,
                _PART_HEADS["plain", text_cte],
                CRLF,
                text_data,
                self._alt_mid,
                self._rel_head,
                _PART_HEADS["html", html_cte],
                CRLF,
                html_data,
                self._rel_tail,
                self._alt_tail,
            )
            return EIGHT_BIT in (text_cte, html_cte), text_dots or html_dots
        if html is not None:
            data, cte, dots = self._encode(html, body.html_pieces, eightbit)
            # embedded images belong to an HTML body only
            out += (self._rel_head, _PART_HEADS["html", cte], CRLF, data, self._rel_tail)
        else:
            data, cte, dots = self._encode(text or "", body.text_pieces, eightbit)
            out += (_PART_HEADS["plain", cte], CRLF, data)
        return cte == EIGHT_BIT, dots
