"""A body part's wire form, assembled from its rendered pieces.

A template renders as a sequence of pieces: its literal text (the same string objects for
every subscriber, constants of the compiled template) and the values substituted between
them. Turning a 5 KB body into wire bytes costs several passes over all of it per message:
line ends made CRLF, lines checked against 998 octets, encoding, and (in the send path)
dot-stuffing. Here each literal piece is analysed once per campaign (:func:`literal_table`,
:func:`analyse`) and per message only the substituted values are; :func:`assemble` then
puts the bytes together and decides from the pieces' summaries, in one pass over a handful
of pieces, what the passes over the whole text would have found.

:func:`assemble` gives exactly the bytes of ``crlf_text("".join(pieces))`` encoded, or
``None`` when it cannot vouch for them cheaply (a piece with NUL or ending in a bare CR, a
line over 998 octets, non-ASCII text when 8bit is not allowed, the boundary token in the
text): the caller then takes the general path (:func:`blaster.mime.encode_body`). It also
says whether any line starts with ``.``, so a message whose lines never do is not searched
again for dot-stuffing.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

MAX_LINE = 998  #: octets of a line before its CRLF (RFC 5322 §2.1.1)
_CRLF = b"\r\n"


class Piece(NamedTuple):
    """What :func:`assemble` needs to know of one piece of text, in its wire form."""

    data: bytes  #: the piece with every line end made CRLF, UTF-8 encoded
    ascii: bool
    usable: bool  #: False: NUL in it, or it ends in a bare CR (which pairs with what follows)
    first: int  #: octets before its first CRLF (all of them when it has none)
    last: int  #: octets after its last CRLF; -1 when it has no CRLF
    inner_fit: bool  #: every line between its first and last CRLF has at most 998 octets
    starts_dot: bool  #: its first character is "."
    inner_dot: bool  #: a line that starts inside it starts with "."


def lines_fit(data: bytes) -> bool:
    """Every line of CRLF-canonical ``data`` (ending in CRLF) has at most 998 octets before
    its CRLF (RFC 5322 §2.1.1). Checked in jumps of up to 1,000 bytes, not line by line."""
    start, size = 0, len(data)
    while size - start > MAX_LINE + 2:
        end = data.rfind(b"\n", start, start + MAX_LINE + 2)
        if end < 0:
            return False
        start = end + 1
    return True


def analyse(text: str) -> Piece:
    """The summary of one piece (literal text once per campaign, a value once per message)."""
    if text.isprintable():  # the common value: no line end, no NUL, no control character
        data = text.encode()
        return Piece(data, text.isascii(), True, len(data), -1, True, text[:1] == ".", False)
    usable = "\x00" not in text and not text.endswith("\r")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    wire = text.replace("\n", "\r\n")
    data = wire.encode()
    first = data.find(_CRLF)
    if first < 0:
        return Piece(data, wire.isascii(), usable, len(data), -1, True, wire[:1] == ".", False)
    end = data.rfind(_CRLF)
    return Piece(
        data,
        wire.isascii(),
        usable,
        first,
        len(data) - end - 2,
        lines_fit(data[first + 2 : end + 2]),
        wire[:1] == ".",
        b"\n." in data,
    )


#: literal pieces by ``id``, each with the string itself (kept alive, and compared with
#: ``is`` so no other string of the same ``id`` is ever taken for it)
LiteralTable = Mapping[int, tuple[str, Piece]]


def literal_table(
    functions: Sequence[types.FunctionType], texts: Sequence[str] = ()
) -> dict[int, tuple[str, Piece]]:
    """The analysed string constants of compiled template functions (and of the functions
    nested in them), the literal text they yield, and ``texts`` (bodies without syntax)."""
    table: dict[int, tuple[str, Piece]] = {}
    for function in functions:
        for text in _string_constants(function.__code__):
            table[id(text)] = (text, analyse(text))
    for text in texts:
        if text:  # never an empty piece: assemble() takes output for text
            table[id(text)] = (text, analyse(text))
    return table


def _string_constants(code: types.CodeType) -> Iterator[str]:
    for const in code.co_consts:
        if isinstance(const, str) and const:
            yield const
        elif isinstance(const, types.CodeType):
            yield from _string_constants(const)
        elif isinstance(const, tuple):  # a run of constants in a list display
            yield from (c for c in const if isinstance(c, str) and c)


class Assembled(NamedTuple):
    """A body part's wire bytes (CRLF line ends, ending in CRLF) and what they hold."""

    data: bytes
    ascii: bool
    dot_free: bool  #: no line starts with "."


def assemble(
    pieces: Sequence[str], literals: LiteralTable, *, eightbit: bool, forbidden: bytes = b""
) -> Assembled | None:
    """The wire bytes of ``"".join(pieces)`` with CRLF line ends, ending in one, when every
    line fits in 998 octets, there is no NUL, the text is ASCII (or ``eightbit``) and it does
    not hold ``forbidden``; ``None`` otherwise (the caller takes the general path)."""
    out: list[bytes] = []
    line = 0  # octets since the last CRLF: 0 at the start of a line
    ascii = dot_free = True
    for text in pieces:
        if not text:
            continue
        known = literals.get(id(text))
        if known is not None and known[0] is text:
            p: tuple[bytes, bool, bool, int, int, bool, bool, bool] = known[1]
        elif text.isprintable():  # a value on one line, the common case
            data = text.encode()
            if line == 0 and text.startswith("."):
                dot_free = False
            ascii = ascii and len(data) == len(text)
            line += len(data)
            out.append(data)
            continue
        else:
            p = analyse(str.__str__(text))  # a plain str: Markup's methods would escape
        data, p_ascii, usable, first, last, inner_fit, starts_dot, inner_dot = p
        if not (usable and inner_fit):
            return None
        if (starts_dot and line == 0) or inner_dot:
            dot_free = False
        if last < 0:
            line += first
        elif line + first > MAX_LINE:
            return None
        else:
            line = last
        ascii = ascii and p_ascii
        out.append(data)
    return _finish(out, line, ascii, dot_free, eightbit=eightbit, forbidden=forbidden)


def _finish(
    out: list[bytes], line: int, ascii: bool, dot_free: bool, *, eightbit: bool, forbidden: bytes
) -> Assembled | None:
    """The last line checked and ended, the bytes joined and searched for ``forbidden``."""
    if line > MAX_LINE or not (ascii or eightbit):
        return None
    if line or not out:
        out.append(_CRLF)
    data = b"".join(out)
    if forbidden and forbidden in data:
        return None
    return Assembled(data, ascii, dot_free)
