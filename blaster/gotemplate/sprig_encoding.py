"""Sprig's encodings: JSON (``defaults.go``), base64/base32 (``strings.go``) and the
checksums (``crypto.go``). A bad base64/base32 input gives Go's error text as the result,
as Sprig does."""

from __future__ import annotations

import base64
import hashlib
import zlib
from typing import Any, Final

from blaster.gotemplate.sprig_json import Encoder, JSONError, decode
from blaster.gotemplate.sprig_text import from_bytes, go_func, to_bytes

_A = "any"
_S = "string"

# --- JSON ---------------------------------------------------------------------------------------


def _encode_or_empty(encoder: Encoder, v: Any) -> str:
    try:
        return encoder.encode(v)
    except JSONError:
        return ""


@go_func("toJson", (_A,))
def to_json(v: Any) -> str:
    return _encode_or_empty(Encoder(), v)


@go_func("mustToJson", (_A,), error_result=True)
def must_to_json(v: Any) -> str:
    return Encoder().encode(v)


@go_func("toPrettyJson", (_A,))
def to_pretty_json(v: Any) -> str:
    return _encode_or_empty(Encoder(indent="  "), v)


@go_func("mustToPrettyJson", (_A,), error_result=True)
def must_to_pretty_json(v: Any) -> str:
    return Encoder(indent="  ").encode(v)


@go_func("toRawJson", (_A,))
@go_func("mustToRawJson", (_A,), error_result=True)
def to_raw_json(v: Any) -> str:
    """Without HTML escaping; ``toRawJson`` panics on an error, so both fail alike."""
    return Encoder(escape_html=False).encode(v)


@go_func("fromJson", (_S,))
def from_json(s: str) -> Any:
    try:
        return decode(s)
    except JSONError:
        return None


@go_func("mustFromJson", (_S,), error_result=True)
def must_from_json(s: str) -> Any:
    return decode(s)


# --- base64 / base32 ----------------------------------------------------------------------------

_B64: Final = {
    c: i for i, c in enumerate(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}
_B32: Final = {c: i for i, c in enumerate(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}
_NEWLINES: Final = b"\r\n"
_PAD: Final = ord("=")


class _Corrupt(Exception):
    """Go's ``CorruptInputError``: the offset of the bad input byte."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


def _skip_newlines(src: bytes, si: int) -> int:
    while si < len(src) and src[si] in _NEWLINES:
        si += 1
    return si


def _b64_padding(src: bytes, si: int, j: int) -> int:
    """After a ``=`` at quantum position ``j``: check the padding, return where it ends."""
    if j in (0, 1):
        raise _Corrupt(si - 1)
    if j == 2:
        si = _skip_newlines(src, si)
        if si == len(src):
            raise _Corrupt(len(src))
        if src[si] != _PAD:
            raise _Corrupt(si - 1)
        si += 1
    si = _skip_newlines(src, si)
    if si < len(src):
        raise _Corrupt(si)
    return si


def _b64_quantum(src: bytes, si: int) -> tuple[int, list[int], bool]:
    """Go's ``decodeQuantum``: the next up-to-4 sextets, the new offset, and whether the
    input ended."""
    sextets: list[int] = []
    while len(sextets) < 4:
        if si == len(src):
            if sextets:
                raise _Corrupt(si - len(sextets))
            return si, sextets, True
        c = src[si]
        si += 1
        if c in _B64:
            sextets.append(_B64[c])
        elif c in _NEWLINES:
            continue
        elif c != _PAD:
            raise _Corrupt(si - 1)
        else:
            return _b64_padding(src, si, len(sextets)), sextets, True
    return si, sextets, False


def _pack(groups: list[int], bits: int) -> bytes:
    value = 0
    for g in groups:
        value = value << bits | g
    nbits = len(groups) * bits
    value >>= nbits % 8
    return value.to_bytes(nbits // 8, "big")


def go_b64decode(s: str) -> bytes:
    src = to_bytes(s)
    out = bytearray()
    si = 0
    ended = False
    while not ended:
        si, sextets, ended = _b64_quantum(src, si)
        out += _pack(sextets, 6)
    return bytes(out)


def _b32_padding(src: bytes, pos: int, j: int) -> None:
    """A ``=`` at ``src[pos]``, quantum position ``j``: Go's checks of the padding."""
    remaining = len(src) - pos - 1
    if remaining + j < 7:
        raise _Corrupt(len(src))
    for k in range(7 - j):
        if remaining > k and src[pos + 1 + k] != _PAD:
            raise _Corrupt(pos + k)
    if j in (1, 3, 6):
        raise _Corrupt(pos)


def go_b32decode(s: str) -> bytes:
    src = bytes(c for c in to_bytes(s) if c not in _NEWLINES)
    out = bytearray()
    pos = 0
    while pos < len(src):
        groups: list[int] = []
        while len(groups) < 8:
            if pos >= len(src):
                raise _Corrupt(pos - len(groups))
            c = src[pos]
            if c == _PAD and len(groups) >= 2 and len(src) - pos - 1 < 8:
                _b32_padding(src, pos, len(groups))
                return bytes(out + _pack(groups, 5))
            if c not in _B32:
                raise _Corrupt(pos)
            groups.append(_B32[c])
            pos += 1
        out += _pack(groups, 5)
    return bytes(out)


@go_func("b64enc", (_S,))
def b64enc(s: str) -> str:
    return base64.b64encode(to_bytes(s)).decode("ascii")


@go_func("b64dec", (_S,))
def b64dec(s: str) -> str:
    try:
        return from_bytes(go_b64decode(s))
    except _Corrupt as e:
        return f"illegal base64 data at input byte {e.offset}"


@go_func("b32enc", (_S,))
def b32enc(s: str) -> str:
    return base64.b32encode(to_bytes(s)).decode("ascii")


@go_func("b32dec", (_S,))
def b32dec(s: str) -> str:
    try:
        return from_bytes(go_b32decode(s))
    except _Corrupt as e:
        return f"illegal base32 data at input byte {e.offset}"


# --- checksums ----------------------------------------------------------------------------------


@go_func("sha1sum", (_S,))
def sha1sum(s: str) -> str:
    return hashlib.sha1(to_bytes(s)).hexdigest()


@go_func("sha256sum", (_S,))
def sha256sum(s: str) -> str:
    return hashlib.sha256(to_bytes(s)).hexdigest()


@go_func("adler32sum", (_S,))
def adler32sum(s: str) -> str:
    return str(zlib.adler32(to_bytes(s)))
