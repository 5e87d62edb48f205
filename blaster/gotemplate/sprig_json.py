"""Go's ``encoding/json`` on Python values, for Sprig's ``toJson`` family and ``fromJson``.

Encoding as Go's ``Marshal``: map keys sorted, ``<``/``>``/``&`` escaped as ``\\u003c``...
unless raw, U+2028/U+2029 always escaped, floats as Go spells them (``1e+21``, ``1e-7``,
``1000000``), NaN and infinities refused. Decoding as ``Unmarshal`` into ``interface{}``:
every number a float64, Go's syntax-error messages.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
from typing import Any, Final

from blaster.gotemplate import values
from blaster.gotemplate.funcs import GoExecError
from blaster.gotemplate.sprig_text import nil_if_missing

_HEX: Final = "0123456789abcdef"
_ESCAPES: Final = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


class JSONError(GoExecError):
    """A ``json.Marshal``/``Unmarshal`` error, with Go's message."""


def _escape_char(c: str, escape_html: bool) -> str:
    esc = _ESCAPES.get(c)
    if esc is not None:
        return esc
    o = ord(c)
    if o < 0x20 or (escape_html and c in "<>&"):
        return "\\u00" + _HEX[o >> 4] + _HEX[o & 0xF]
    if c in "\u2028\u2029":
        return f"\\u{o:04x}"
    if 0xD800 <= o < 0xE000:
        return "\\ufffd"
    return c


def encode_string(s: str, escape_html: bool = True) -> str:
    return '"' + "".join(_escape_char(c, escape_html) for c in s) + '"'


def encode_float(f: float) -> str:
    if math.isnan(f) or math.isinf(f):
        raise JSONError(f"json: unsupported value: {values.format_float(f, 'g', -1)}")
    a = abs(f)
    if a != 0 and (a < 1e-6 or a >= 1e21):
        s = values.format_float(f, "e", -1)
        if len(s) >= 4 and s[-4] == "e" and s[-3] == "-" and s[-2] == "0":
            s = s[:-2] + s[-1]
        return s
    return values.format_float(f, "f", -1)


def _rfc3339nano(t: dt.datetime) -> str:
    if not 0 <= t.year <= 9999:
        raise JSONError("json: error calling MarshalJSON for type time.Time: "
                        "Time.MarshalJSON: year outside of range [0,9999]")
    s = t.strftime("%Y-%m-%dT%H:%M:%S")
    if t.microsecond:
        s += f".{t.microsecond:06d}".rstrip("0")
    off = t.utcoffset()
    if off is None or off == dt.timedelta(0):
        return s + "Z"
    minutes = int(off.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return s + f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


class Encoder:
    """``json.Marshal`` (``indent`` for ``MarshalIndent(v, "", indent)``)."""

    def __init__(self, escape_html: bool = True, indent: str = "") -> None:
        self.escape_html = escape_html
        self.indent = indent

    def encode(self, v: Any, depth: int = 0) -> str:
        v = nil_if_missing(v)
        scalar = self._scalar(v)
        if scalar is not None:
            return scalar
        if isinstance(v, (list, tuple)):
            return self._block("[", "]", [self.encode(x, depth + 1) for x in v], depth)
        if isinstance(v, dict):
            return self._object(v, depth)
        if isinstance(v, values.GoStruct):
            return self._object({f: v.go_field(f) for f in v.go_fields}, depth, sort=False)
        raise JSONError(f"json: unsupported type: {values.go_type_name(v)}")

    def _scalar(self, v: Any) -> str | None:
        if v is None:
            return "null"
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(int(v))  # the number of a named integer type, not its String()
        if isinstance(v, float):
            return encode_float(v)
        if isinstance(v, str):
            return encode_string(v, self.escape_html)
        if isinstance(v, bytes):
            return '"' + base64.b64encode(v).decode("ascii") + '"'
        if isinstance(v, dt.datetime):
            return '"' + _rfc3339nano(v) + '"'
        return None

    def _object(self, d: dict[str, Any], depth: int, sort: bool = True) -> str:
        sep = ": " if self.indent else ":"
        names = sorted(d) if sort else list(d)
        items = [
            encode_string(str(k), self.escape_html) + sep + self.encode(d[k], depth + 1)
            for k in names
        ]
        return self._block("{", "}", items, depth)

    def _block(self, open_: str, close: str, items: list[str], depth: int) -> str:
        if not items:
            return open_ + close
        if not self.indent:
            return open_ + ",".join(items) + close
        inner = "\n" + self.indent * (depth + 1)
        return open_ + inner + ("," + inner).join(items) + "\n" + self.indent * depth + close


# --- decoding -----------------------------------------------------------------------------------

_WS: Final = " \t\n\r"
_EOF: Final = "unexpected end of JSON input"


def _quote_char(c: str) -> str:
    """encoding/json ``quoteChar`` (of the byte the scanner stopped at)."""
    if c == "'":
        return "'\\''"
    if c == '"':
        return "'\"'"
    return "'" + values.go_quote(c)[1:-1] + "'"


class _Parser:
    """A recursive-descent JSON parser failing with Go's scanner messages."""

    def __init__(self, text: str) -> None:
        self.b = text.encode("utf-8", "surrogatepass")
        self.i = 0

    def fail(self, context: str, mid_token: bool = False) -> JSONError:
        """Go's error at the current byte; at the end of the input Go's scanner feeds a
        space, which is an error of its own in the middle of a number or literal."""
        if self.i < len(self.b):
            return JSONError(f"invalid character {_quote_char(chr(self.b[self.i]))} {context}")
        if mid_token:
            return JSONError(f"invalid character ' ' {context}")
        return JSONError(_EOF)

    def peek(self) -> str:
        return chr(self.b[self.i]) if self.i < len(self.b) else ""

    def skip_ws(self) -> None:
        while self.i < len(self.b) and chr(self.b[self.i]) in _WS:
            self.i += 1

    def document(self) -> Any:
        self.skip_ws()
        v = self.value()
        self.skip_ws()
        if self.i < len(self.b):
            raise self.fail("after top-level value")
        return v

    def value(self) -> Any:
        c = self.peek()
        if c == "{":
            return self.object()
        if c == "[":
            return self.array()
        if c == '"':
            return self.string()
        if c == "-" or c.isdigit():
            return self.number()
        for word, result in (("true", True), ("false", False), ("null", None)):
            if c == word[0]:
                return self.literal(word, result)
        raise self.fail("looking for beginning of value")

    def literal(self, word: str, result: Any) -> Any:
        for expected in word:
            if self.peek() != expected:
                context = f"in literal {word} (expecting {_quote_char(expected)})"
                raise self.fail(context, mid_token=True)
            self.i += 1
        return result

    def expect_after(self, closer: str, context: str) -> bool:
        """After an element: True for ``,`` (more), False for the closer."""
        self.skip_ws()
        c = self.peek()
        if c in (",", closer) and c:
            self.i += 1
            return c == ","
        raise self.fail(context)

    def array(self) -> list[Any]:
        self.i += 1
        self.skip_ws()
        out: list[Any] = []
        if self.peek() == "]":
            self.i += 1
            return out
        while True:
            self.skip_ws()
            out.append(self.value())
            if not self.expect_after("]", "after array element"):
                return out

    def object(self) -> dict[str, Any]:
        self.i += 1
        self.skip_ws()
        out: dict[str, Any] = {}
        if self.peek() == "}":
            self.i += 1
            return out
        while True:
            self.skip_ws()
            if self.peek() != '"':
                raise self.fail("looking for beginning of object key string")
            key = self.string()
            self.skip_ws()
            if self.peek() != ":":
                raise self.fail("after object key")
            self.i += 1
            self.skip_ws()
            out[key] = self.value()
            if not self.expect_after("}", "after object key:value pair"):
                return out

    def digits(self) -> int:
        start = self.i
        while self.peek().isdigit():
            self.i += 1
        return self.i - start

    def number(self) -> float:
        start = self.i
        if self.peek() == "-":
            self.i += 1
        if self.peek() == "0":
            self.i += 1
        elif not self.digits():
            raise self.fail("in numeric literal", mid_token=True)
        if self.peek() == ".":
            self.i += 1
            if not self.digits():
                raise self.fail("after decimal point in numeric literal", mid_token=True)
        if self.peek() in ("e", "E") and self.peek():
            self.i += 1
            if self.peek() in ("+", "-") and self.peek():
                self.i += 1
            if not self.digits():
                raise self.fail("in exponent of numeric literal", mid_token=True)
        text = self.b[start : self.i].decode("ascii")
        f = float(text)
        if math.isinf(f):
            raise JSONError(f"json: cannot unmarshal number {text} into Go value of type float64")
        return f

    def string(self) -> str:
        self.i += 1
        out = bytearray()
        while True:
            if self.i >= len(self.b):
                raise JSONError(_EOF)
            c = self.b[self.i]
            if c == 0x22:
                self.i += 1
                return out.decode("utf-8", "replace")
            if c < 0x20:
                raise self.fail("in string literal")
            if c == 0x5C:
                out += self.escape()
                continue
            out.append(c)
            self.i += 1

    def escape(self) -> bytes:
        self.i += 1
        c = self.peek()
        simple = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
                  "t": "\t"}
        if c in simple and c:
            self.i += 1
            return simple[c].encode()
        if c != "u":
            raise self.fail("in string escape code")
        self.i += 1
        code = self.hex4()
        if 0xD800 <= code < 0xDC00 and self.b[self.i : self.i + 2] == b"\\u":
            save = self.i
            self.i += 2
            low = self.hex4()
            if 0xDC00 <= low < 0xE000:
                return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)).encode()
            self.i = save
        if 0xD800 <= code < 0xE000:
            return "\ufffd".encode()
        return chr(code).encode()

    def hex4(self) -> int:
        for _ in range(4):
            if self.peek() not in _HEX + "ABCDEF" or not self.peek():
                raise self.fail("in \\u hexadecimal character escape")
            self.i += 1
        return int(self.b[self.i - 4 : self.i], 16)


def decode(text: str) -> Any:
    """``json.Unmarshal`` into an ``interface{}``."""
    return _Parser(text).document()
