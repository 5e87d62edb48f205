"""Sprig's string functions (``strings.go`` and the goutils helpers it wraps), with Go's
byte semantics: ``trunc``, ``substr``, ``abbrev``, ``wrap``, ``initials`` and ``nospace``
count and cut UTF-8 bytes as Go does."""

from __future__ import annotations

from typing import Any

from blaster.gotemplate import values
from blaster.gotemplate.funcs import GoExecError, register
from blaster.gotemplate.sprig_text import (
    from_bytes,
    go_func,
    go_lower,
    go_split,
    go_upper,
    is_digit,
    is_letter,
    is_lower,
    is_space,
    is_title,
    is_upper,
    nil_if_missing,
    strval,
    to_bytes,
    to_lower,
    to_title,
    to_upper,
    trim_space,
)

_S = "string"
_I = "int"

# --- slicing by bytes ---------------------------------------------------------------------------


def _bounds_error(spec: str, length: int | None = None) -> GoExecError:
    tail = f" with length {length}" if length is not None else ""
    return GoExecError(f"runtime error: slice bounds out of range [{spec}]{tail}")


def go_slice(s: str, start: int, end: int | None = None) -> str:
    """``s[start:end]`` on the bytes of ``s``, panicking as Go does when out of range."""
    b = to_bytes(s)
    stop = len(b) if end is None else end
    if stop < 0:
        raise _bounds_error(f":{stop}")
    if stop > len(b):
        raise _bounds_error(f":{stop}", len(b))
    if start < 0:
        raise _bounds_error(f"{start}:")
    if start > stop:
        raise _bounds_error(f"{start}:{stop}")
    return from_bytes(b[start:stop])


@go_func("trunc", (_I, _S))
def trunc(c: int, s: str) -> str:
    n = len(to_bytes(s))
    if c < 0 and n + c > 0:
        return go_slice(s, n + c)
    if c >= 0 and n > c:
        return go_slice(s, 0, c)
    return s


@go_func("substr", (_I, _I, _S))
def substr(start: int, end: int, s: str) -> str:
    if start < 0:
        return go_slice(s, 0, end)
    if end < 0 or end > len(to_bytes(s)):
        return go_slice(s, start)
    return go_slice(s, start, end)


def _abbreviate_full(b: bytes, offset: int, width: int) -> bytes:
    """goutils ``AbbreviateFull`` on bytes; its errors give ``b""`` (Sprig drops them)."""
    if not b or width < 4:
        return b""
    if len(b) <= width:
        return b
    offset = min(offset, len(b))
    if len(b) - offset < width - 3:
        offset = len(b) - (width - 3)
    if offset <= 4:
        return b[: width - 3] + b"..."
    if width < 7:
        return b""
    if offset + width - 3 < len(b):
        return b"..." + _abbreviate_full(b[offset:], 0, width - 3)
    return b"..." + b[len(b) - (width - 3) :]


@go_func("abbrev", (_I, _S))
def abbrev(width: int, s: str) -> str:
    if width < 4:
        return s
    return from_bytes(_abbreviate_full(to_bytes(s), 0, width))


@go_func("abbrevboth", (_I, _I, _S))
def abbrevboth(left: int, right: int, s: str) -> str:
    if right < 4 or (left > 0 and right < 7):
        return s
    return from_bytes(_abbreviate_full(to_bytes(s), left, right))


# --- simple transformations ---------------------------------------------------------------------

register("trim", (_S,))(trim_space)
register("upper", (_S,))(go_upper)
register("lower", (_S,))(go_lower)


def _is_title_separator(c: str) -> bool:
    if c <= "\x7f":
        return not (c.isalnum() or c == "_")
    if is_letter(c) or is_digit(c):
        return False
    return is_space(c)


@go_func("title", (_S,))
def title(s: str) -> str:
    """``strings.Title``."""
    out: list[str] = []
    prev = " "
    for c in s:
        out.append(to_title(c) if _is_title_separator(prev) else c)
        prev = c
    return "".join(out)


@go_func("untitle", (_S,))
def untitle(s: str) -> str:
    """goutils ``Uncapitalize``: the first letter of each space-separated word lowered."""
    out: list[str] = []
    next_word = True
    for c in s:
        if is_space(c):
            next_word = True
        elif next_word:
            c = to_lower(c)
            next_word = False
        out.append(c)
    return "".join(out)


def _swap_rune(c: str, after_space: bool) -> tuple[str, bool]:
    if is_upper(c) or is_title(c):
        return to_lower(c), False
    if is_lower(c):
        return (to_title(c) if after_space else to_upper(c)), False
    return c, is_space(c)


@go_func("swapcase", (_S,))
def swapcase(s: str) -> str:
    """goutils ``SwapCase``: a lower-case letter after a space becomes title case."""
    out: list[str] = []
    after_space = True
    for c in s:
        swapped, after_space = _swap_rune(c, after_space)
        out.append(swapped)
    return "".join(out)


@go_func("repeat", (_I, _S))
def repeat(count: int, s: str) -> str:
    if count < 0:
        raise GoExecError("strings: negative Repeat count")
    if count and len(to_bytes(s)) * count >= 1 << 63:
        raise GoExecError("strings: Repeat count causes overflow")
    return s * count


def _trim_all(cutset: str, s: str) -> str:
    return s.strip(cutset) if cutset else s


register("trimAll", (_S, _S))(_trim_all)
register("trimall", (_S, _S))(_trim_all)


@go_func("trimSuffix", (_S, _S))
def trim_suffix(suffix: str, s: str) -> str:
    return s.removesuffix(suffix)


@go_func("trimPrefix", (_S, _S))
def trim_prefix(prefix: str, s: str) -> str:
    return s.removeprefix(prefix)


@go_func("nospace", (_S,))
def nospace(s: str) -> str:
    """goutils ``DeleteWhiteSpace``: byte by byte, each kept byte written as the rune of that
    value (so a non-ASCII character comes out as Latin-1 mojibake, as in Go)."""
    b = to_bytes(s)
    kept = [chr(x) for x in b if not is_space(chr(x))]
    return s if len(kept) == len(b) else "".join(kept)


@go_func("initials", (_S,))
def initials(s: str) -> str:
    """goutils ``Initials``: the first byte of each space-separated word, as a rune."""
    out: list[str] = []
    gap = True
    for x in to_bytes(s):
        ch = chr(x)
        if is_space(ch):
            gap = True
        elif gap:
            out.append(ch)
            gap = False
    return "".join(out)


def _wrap_custom(s: bytes, width: int, newline: bytes, long_words: bool) -> bytes:
    """goutils ``WrapCustom`` on bytes."""
    if not s:
        return b""
    newline = newline or b"\n"
    width = max(width, 1)
    out: list[bytes] = []
    offset = 0
    while len(s) - offset > width:
        if s[offset] == 0x20:
            offset += 1
            continue
        line, offset, ends_line = _wrap_line(s, offset, width, long_words)
        out += [line, newline] if ends_line else [line]
    out.append(s[offset:])
    return b"".join(out)


def _wrap_line(s: bytes, offset: int, width: int, long_words: bool) -> tuple[bytes, int, bool]:
    """The next wrapped line from ``offset``, the offset after it, and whether a newline
    follows it (not after a long word that runs to the end)."""
    space = s.rfind(b" ", offset, width + offset + 1)
    if space >= 0:
        return s[offset:space], space + 1, True
    end = width + offset
    if long_words:
        return s[offset:end], end, True
    index = s.find(b" ", end)
    if index == -1:
        return s[offset:], len(s), False
    return s[offset:index], index + 1, True


@go_func("wrap", (_I, _S))
def wrap(width: int, s: str) -> str:
    return from_bytes(_wrap_custom(to_bytes(s), width, b"", False))


@go_func("wrapWith", (_I, _S, _S))
def wrap_with(width: int, sep: str, s: str) -> str:
    return from_bytes(_wrap_custom(to_bytes(s), width, to_bytes(sep), True))


@go_func("contains", (_S, _S))
def contains(substr: str, s: str) -> bool:
    return substr in s


@go_func("hasPrefix", (_S, _S))
def has_prefix(prefix: str, s: str) -> bool:
    return s.startswith(prefix)


@go_func("hasSuffix", (_S, _S))
def has_suffix(suffix: str, s: str) -> bool:
    return s.endswith(suffix)


@go_func("quote", (), variadic="any")
def quote(*items: Any) -> str:
    return " ".join(values.go_quote(strval(x)) for x in map(nil_if_missing, items) if x is not None)


@go_func("squote", (), variadic="any")
def squote(*items: Any) -> str:
    return " ".join(f"'{values.sprint(x)}'" for x in map(nil_if_missing, items) if x is not None)


@go_func("cat", (), variadic="any")
def cat(*items: Any) -> str:
    return " ".join(values.sprint(x) for x in map(nil_if_missing, items) if x is not None)


@go_func("indent", (_I, _S))
def indent(spaces: int, s: str) -> str:
    pad = repeat(spaces, " ")
    return pad + s.replace("\n", "\n" + pad)


@go_func("nindent", (_I, _S))
def nindent(spaces: int, s: str) -> str:
    return "\n" + indent(spaces, s)


@go_func("replace", (_S, _S, _S))
def replace(old: str, new: str, src: str) -> str:
    return src.replace(old, new)


@go_func("plural", (_S, _S, _I))
def plural(one: str, many: str, count: int) -> str:
    return one if count == 1 else many


register("toString", ("any",))(strval)


def strslice(v: Any) -> tuple[str, ...]:
    """Sprig's ``strslice``: a slice's non-nil items as strings; nil as no items; any other
    value as a one-item slice."""
    v = nil_if_missing(v)
    if isinstance(v, (list, tuple)):
        return tuple(strval(x) for x in v if nil_if_missing(x) is not None)
    if isinstance(v, bytes):
        return tuple(str(x) for x in v)
    if v is None:
        return ()
    return (strval(v),)


register("toStrings", ("any",))(strslice)


@go_func("join", (_S, "any"))
def join(sep: str, v: Any) -> str:
    return sep.join(strslice(v))


@go_func("split", (_S, _S))
def split(sep: str, orig: str) -> dict[str, Any]:
    return {f"_{i}": part for i, part in enumerate(go_split(orig, sep))}


@go_func("splitn", (_S, _I, _S))
def splitn(sep: str, n: int, orig: str) -> dict[str, Any]:
    return {f"_{i}": part for i, part in enumerate(go_split(orig, sep, n))}


@go_func("splitList", (_S, _S))
def split_list(sep: str, orig: str) -> tuple[str, ...]:
    return tuple(go_split(orig, sep))
