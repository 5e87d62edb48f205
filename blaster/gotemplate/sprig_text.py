"""Go's byte-string and ``unicode`` package primitives, for the Sprig modules.

Go strings are bytes: ``len``, slicing and many goutils helpers work on UTF-8 bytes and may
cut a character in two. :func:`to_bytes`/:func:`from_bytes` convert (an invalid UTF-8
sequence left by such a cut becomes U+FFFD, which is what a mail client shows for it).
Go's rune predicates (``unicode.IsSpace``, ``IsUpper``...) and its *simple* case mappings
(one rune to one rune: Go upper-cases ``ß`` to ``ß``, not ``SS``) are here too, and the two
``reflect`` primitives several Sprig families share (:func:`go_kind`, :func:`deep_equal`).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from typing import Any, Final, TypeVar

from blaster.gotemplate import values
from blaster.gotemplate.funcs import register

_LATIN1_SPACES: Final = frozenset("\t\n\v\f\r \x85\xa0")
_OTHER_SPACES: Final = frozenset(
    "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def to_bytes(s: str) -> bytes:
    """The UTF-8 bytes of a Go string."""
    return s.encode("utf-8", "surrogatepass")


def from_bytes(b: bytes) -> str:
    """A Go string from bytes (invalid UTF-8 becomes U+FFFD)."""
    return b.decode("utf-8", "replace")


def strval(v: Any) -> str:
    """Sprig's ``strval``: a string as itself, anything else as ``fmt.Sprintf("%v")``."""
    if isinstance(v, str):
        return str(v)
    if isinstance(v, bytes):
        return from_bytes(v)
    return values.sprint(nil_if_missing(v))


def nil_if_missing(v: Any) -> Any:
    """An ``interface{}`` argument: Go's "no value" arrives as nil."""
    return None if v is values.MISSING else v


def is_space(c: str) -> bool:
    """``unicode.IsSpace``."""
    return c in _LATIN1_SPACES or c in _OTHER_SPACES


def category(c: str) -> str:
    return unicodedata.category(c)


def is_upper(c: str) -> bool:
    return unicodedata.category(c) == "Lu"


def is_lower(c: str) -> bool:
    return unicodedata.category(c) == "Ll"


def is_title(c: str) -> bool:
    return unicodedata.category(c) == "Lt"


def is_letter(c: str) -> bool:
    return unicodedata.category(c)[0] == "L"


def is_digit(c: str) -> bool:
    return unicodedata.category(c) == "Nd"


def is_number(c: str) -> bool:
    return unicodedata.category(c)[0] == "N"


def is_punct(c: str) -> bool:
    return unicodedata.category(c)[0] == "P"


def _greek_iota_upper(o: int) -> str | None:
    """Simple upper/title case of the Greek letters with ypogegrammeni, whose full
    mapping Python applies is two characters."""
    if 0x1F80 <= o <= 0x1FAF and o & 0xF < 8:
        return chr(o + 8)
    return {0x1FB3: "\u1fbc", 0x1FC3: "\u1fcc", 0x1FF3: "\u1ffc"}.get(o)


def to_upper(c: str) -> str:
    """``unicode.ToUpper``: the simple uppercase mapping of one rune."""
    u = c.upper()
    if len(u) == 1:
        return u
    return _greek_iota_upper(ord(c)) or c


def to_title(c: str) -> str:
    """``unicode.ToTitle``."""
    t = c.title()
    if len(t) == 1:
        return t
    return _greek_iota_upper(ord(c)) or c


def to_lower(c: str) -> str:
    """``unicode.ToLower``."""
    low = c.lower()
    if len(low) == 1:
        return low
    return "i" if c == "\u0130" else c


def go_upper(s: str) -> str:
    """``strings.ToUpper``."""
    return s.upper() if s.isascii() else "".join(map(to_upper, s))


def go_lower(s: str) -> str:
    """``strings.ToLower``."""
    return s.lower() if s.isascii() else "".join(map(to_lower, s))


def trim_space(s: str) -> str:
    """``strings.TrimSpace``."""
    start, end = 0, len(s)
    while start < end and is_space(s[start]):
        start += 1
    while end > start and is_space(s[end - 1]):
        end -= 1
    return s[start:end]


def go_split(s: str, sep: str, n: int = -1) -> list[str]:
    """``strings.SplitN`` (``Split`` with ``n < 0``); an empty ``sep`` splits into runes."""
    if n == 0:
        return []
    if sep == "":
        if n < 0 or n >= len(s):
            return list(s)
        return [*s[: n - 1], s[n - 1 :]]
    return s.split(sep) if n < 0 else s.split(sep, n - 1)


_F = TypeVar("_F", bound=Callable[..., Any])


def go_func(
    name: str, params: tuple[str, ...] = (), *, variadic: str | None = None,
    error_result: bool = False,
) -> Callable[[_F], _F]:
    """:func:`funcs.register` as a decorator that keeps the function's own type."""

    def deco(impl: _F) -> _F:
        register(name, params, variadic=variadic, error_result=error_result)(impl)
        return impl

    return deco


# --- reflect ------------------------------------------------------------------------------------


def go_kind(v: Any) -> str:
    """``reflect.Kind`` of a value, as Go names it (``invalid`` for nil)."""
    v = nil_if_missing(v)
    if v is None:
        return "invalid"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, values.NamedInt):
        return v.go_kind
    if isinstance(v, values.Int64):
        return "int64"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, (list, tuple, bytes, bytearray)):
        return "slice"
    if isinstance(v, dict):
        return "map"
    if isinstance(v, values.GoStruct) and v.go_type.startswith("*"):
        return "ptr"
    return "struct"


def deep_equal(a: Any, b: Any) -> bool:
    """``reflect.DeepEqual``: same dynamic types and deeply equal contents."""
    a, b = nil_if_missing(a), nil_if_missing(b)
    if values.go_type_name(a) != values.go_type_name(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(map(deep_equal, a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(deep_equal(a[k], b[k]) for k in a)
    if isinstance(a, dt.datetime):
        return bool(a == b and a.tzinfo == b.tzinfo)
    return bool(a == b)
