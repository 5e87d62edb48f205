"""Go's value model on Python values and Go's ``fmt`` printing of them.

This is the low layer of :mod:`.values` (which re-exports everything public here): the
types that stand for Go values that Python has no exact equivalent of (:data:`MISSING`, the
content-typed strings, :class:`GoStruct`), Go's type names for Python values, and
``fmt.Sprint``/``Sprintln``/``Sprintf`` with Go's verbs, flags and error forms.

The Python value model: ``str`` string, ``bool`` bool, ``int`` int, :class:`Int64` int64
(what Sprig's integer functions return), ``float`` float64, ``None`` nil, ``list``
``[]interface {}``, ``tuple`` a slice too (``[]string`` when every item is a ``str``; a
subclass's ``go_type``, such as Sprig's ``[]int``, otherwise),
``dict`` ``map[string]interface {}``, ``datetime`` ``time.Time``, ``bytes`` ``[]uint8``,
a :class:`NamedInt` subclass a named integer type with a ``String`` method (``time.Month``),
:data:`MISSING` the invalid ``reflect.Value`` (printed by ``fmt`` as the nil it
becomes when passed as an ``interface{}``).
"""

from __future__ import annotations

import datetime as _dt
import importlib
import math
import struct
from typing import TYPE_CHECKING, Any, ClassVar, Final

if TYPE_CHECKING:
    from blaster.gotemplate.funcs import GoFunc


class _Missing:
    """Go's "no value": the invalid ``reflect.Value`` a missing map key yields."""

    __slots__ = ()
    _instance: ClassVar[_Missing | None] = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


class HTML(str):
    """``template.HTML``: known-safe HTML."""

    __slots__ = ()
    go_type: ClassVar[str] = "template.HTML"


class HTMLAttr(str):
    """``template.HTMLAttr``."""

    __slots__ = ()
    go_type: ClassVar[str] = "template.HTMLAttr"


class JS(str):
    """``template.JS``."""

    __slots__ = ()
    go_type: ClassVar[str] = "template.JS"


class JSStr(str):
    """``template.JSStr``."""

    __slots__ = ()
    go_type: ClassVar[str] = "template.JSStr"


class CSS(str):
    """``template.CSS``."""

    __slots__ = ()
    go_type: ClassVar[str] = "template.CSS"


class URL(str):
    """``template.URL``."""

    __slots__ = ()
    go_type: ClassVar[str] = "template.URL"


class Srcset(str):
    """``template.Srcset``."""

    __slots__ = ()
    go_type: ClassVar[str] = "template.Srcset"


CONTENT_TYPES: Final = (HTML, HTMLAttr, JS, JSStr, CSS, URL, Srcset)


class Int64(int):
    """Go's ``int64``, the result type of Sprig's integer functions (``add``, ``max``,
    ``int64``...). It prints as an ``int`` does; its type name (``%T``, fmt's error forms,
    ``typeOf``) and kind tell it apart, and Go does not pass it where an ``int`` is wanted.
    Python arithmetic on it gives a plain ``int``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Int64({int(self)})"

    __str__ = int.__repr__


class NamedInt(int):
    """Base of Go's named integer types with a ``String`` method (``time.Month``,
    ``time.Weekday``, ``time.Duration``); ``str()`` is their ``String()``.

    Go's ``fmt`` calls ``String`` for ``%v %s %x %X %q`` (``handleMethods``) and prints the
    integer for the other verbs, for ``%#v`` and inside its error forms; ``encoding/json``
    writes the integer. A subclass names its Go type (``go_type``, what ``%T`` prints) and
    kind (``go_kind``, ``reflect.Kind``'s name), and is found by that name in
    :data:`NAMED_INTS`."""

    __slots__ = ()
    go_type: ClassVar[str] = "int"
    go_kind: ClassVar[str] = "int"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        NAMED_INTS[cls.go_type] = cls


#: the :class:`NamedInt` subclasses by Go type name (``"time.Duration"``)
NAMED_INTS: Final[dict[str, type[NamedInt]]] = {}


def is_integer(v: Any) -> bool:
    """Whether ``v`` is of one of Go's integer kinds (``int``, ``int64``, ``time.Month``...),
    as ``reflect.Value.Kind`` sorts it: not a bool."""
    return isinstance(v, int) and not isinstance(v, bool)


class GoStruct:
    """Base of Python classes standing for Go struct values.

    Subclasses declare ``go_type`` (``"models.Subscriber"``, or ``"*pkg.T"`` for a pointer
    to a struct, printed ``&{…}``), ``go_fields`` (the exported fields in Go declaration
    order: what templates may read, and what ``%v`` prints) and ``go_methods`` (exported
    methods, implementations taking the struct first). Templates reach nothing else of the
    object.
    """

    __slots__ = ()
    go_type: ClassVar[str] = "struct {}"
    go_fields: ClassVar[tuple[str, ...]] = ()
    go_methods: ClassVar[dict[str, GoFunc]] = {}
    #: whether Go's ``==`` works on the struct (false when a field is a map or slice);
    #: pointer types (``go_type`` starting with ``*``) always compare, by identity
    go_comparable: ClassVar[bool] = False

    def go_field(self, name: str) -> Any:
        """The value of the exported field ``name`` (one of ``go_fields``)."""
        return getattr(self, name)


# --- type names ---------------------------------------------------------------------------------

_SIMPLE_TYPES: Final[dict[type, str]] = {
    str: "string",
    bool: "bool",
    int: "int",
    Int64: "int64",
    float: "float64",
    list: "[]interface {}",
    dict: "map[string]interface {}",
    bytes: "[]uint8",
    _dt.datetime: "time.Time",
}


def go_type_name(v: Any) -> str:
    """Go's name of the dynamic type of ``v`` (``reflect.TypeOf(v).String()``);
    ``<nil>`` for nil and :data:`MISSING`."""
    name = _SIMPLE_TYPES.get(type(v))
    if name is not None:
        return name
    if v is None or v is MISSING:
        return "<nil>"
    gt = getattr(type(v), "go_type", None)
    if isinstance(gt, str) and isinstance(v, (GoStruct, str, dict, tuple, NamedInt)):
        return gt  # a struct, or a named string, map, slice or integer type (``models.JSON``)
    if isinstance(v, tuple):
        return "[]string" if all(type(x) is str for x in v) else "[]interface {}"
    for base, bname in _SIMPLE_TYPES.items():
        if isinstance(v, base):
            return bname
    return "interface {}"


# --- the printer state --------------------------------------------------------------------------


class _Fl:
    """The flags, width and precision of one verb (Go's ``fmt.fmtFlags`` plus ``wid``/``prec``)."""

    __slots__ = ("minus", "plus", "plus_v", "prec", "sharp", "sharp_v", "space", "wid", "zero")

    def __init__(self) -> None:
        self.plus = self.minus = self.sharp = self.space = self.zero = False
        self.plus_v = self.sharp_v = False
        self.wid: int | None = None
        self.prec: int | None = None


def _padding(fl: _Fl, n: int) -> str:
    return ("0" if fl.zero else " ") * n if n > 0 else ""


def _pad(fl: _Fl, s: str) -> str:
    if not fl.wid:
        return s
    n = fl.wid - len(s)
    if n <= 0:
        return s
    return s + " " * n if fl.minus else _padding(fl, n) + s


def _pad_nozero(fl: _Fl, s: str) -> str:
    if not fl.zero:
        return _pad(fl, s)
    fl.zero = False
    try:
        return _pad(fl, s)
    finally:
        fl.zero = True


# --- quoting (strconv.Quote) --------------------------------------------------------------------

_ESC: Final = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
               "\v": "\\v"}


def _escape_rune(c: str, quote: str, ascii_only: bool) -> str:
    if c == quote or c == "\\":
        return "\\" + c
    o = ord(c)
    if (o < 0x80 or not ascii_only) and c.isprintable():
        return c
    esc = _ESC.get(c)
    if esc is not None:
        return esc
    if o < 0x20 or o == 0x7F:
        return f"\\x{o:02x}"
    if 0xD800 <= o < 0xE000:
        o = 0xFFFD
    return f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}"


def go_quote(s: str, ascii_only: bool = False) -> str:
    """``strconv.Quote`` (``QuoteToASCII`` with ``ascii_only``)."""
    return '"' + "".join(_escape_rune(c, '"', ascii_only) for c in s) + '"'


def _quote_rune(o: int, ascii_only: bool) -> str:
    if o > 0x10FFFF or 0xD800 <= o < 0xE000 or o < 0:
        o = 0xFFFD
    return "'" + _escape_rune(chr(o), "'", ascii_only) + "'"


def _can_backquote(s: str) -> bool:
    return not any((c < " " and c != "\t") or c in "`\x7f\ufeff" for c in s)


# --- integers -----------------------------------------------------------------------------------

_BASES: Final = {"d": 10, "v": 10, "b": 2, "o": 8, "O": 8, "x": 16, "X": 16}


def _digits_in_base(u: int, base: int, upper: bool) -> str:
    if base == 10:
        return str(u)
    s = format(u, {2: "b", 8: "o", 16: "x"}[base])
    return s.upper() if upper else s


def _fmt_integer(v: int, verb: str, fl: _Fl) -> str:
    base = _BASES[verb]
    neg = v < 0
    u = -v if neg else v
    prec = 0
    if fl.prec is not None:
        prec = fl.prec
        if prec == 0 and u == 0:
            return " " * (fl.wid or 0)
    elif fl.zero and fl.wid:
        prec = fl.wid - (1 if neg or fl.plus or fl.space else 0)
    s = _digits_in_base(u, base, verb == "X")
    if len(s) < prec:
        s = "0" * (prec - len(s)) + s
    if fl.sharp:
        if base == 2:
            s = "0b" + s
        elif base == 8 and s[0] != "0":
            s = "0" + s
        elif base == 16:
            s = ("0X" if verb == "X" else "0x") + s
    if verb == "O":
        s = "0o" + s
    if neg:
        s = "-" + s
    elif fl.plus:
        s = "+" + s
    elif fl.space:
        s = " " + s
    return _pad_nozero(fl, s)


def _fmt_unicode(v: int, fl: _Fl) -> str:
    prec = fl.prec if fl.prec is not None and fl.prec > 4 else 4
    s = "U+" + format(v & 0xFFFFFFFFFFFFFFFF, "X").rjust(prec, "0")
    if fl.sharp and 0 <= v <= 0x10FFFF and not 0xD800 <= v < 0xE000 and chr(v).isprintable():
        s += " '" + chr(v) + "'"
    return _pad_nozero(fl, s)


def _fmt_int(v: int, verb: str, fl: _Fl) -> str | None:
    if verb in _BASES:
        return _fmt_integer(v, verb, fl)
    if verb == "c":
        ok = 0 <= v <= 0x10FFFF and not 0xD800 <= v < 0xE000
        return _pad(fl, chr(v) if ok else "\ufffd")
    if verb == "q":
        return _pad(fl, _quote_rune(v, fl.plus))
    if verb == "U":
        return _fmt_unicode(v, fl)
    return None


# --- floats (strconv.FormatFloat) ---------------------------------------------------------------


def _shortest_digits(a: float) -> tuple[str, int]:
    """The shortest decimal digits of ``a`` (positive, finite) that round-trip, and the
    decimal point position: ``a == 0.DIGITS × 10**dp``."""
    mant, _, exp = repr(a).partition("e")
    ip, _, fp = mant.partition(".")
    digits = ip + fp
    dp = len(ip) + (int(exp) if exp else 0)
    stripped = digits.lstrip("0")
    dp -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    return digits, (dp if digits else 0)


def _fixed_digits(a: float, n: int) -> tuple[str, int]:
    """``a`` (positive, finite) correctly rounded to ``n`` significant digits."""
    if a == 0:
        return "", 0
    mant, _, exp = format(a, f".{n - 1}e").partition("e")
    digits = mant.replace(".", "").rstrip("0")
    return digits, int(exp) + 1


def _fmt_e(digits: str, dp: int, prec: int, e: str) -> str:
    s = digits[:1] or "0"
    if prec > 0:
        s += "." + digits[1 : prec + 1].ljust(prec, "0")
    exp = dp - 1 if digits else 0
    sign = "-" if exp < 0 else "+"
    return f"{s}{e}{sign}{abs(exp):02d}"


def _fmt_f(digits: str, dp: int, prec: int) -> str:
    s = digits[:dp].ljust(dp, "0") if dp > 0 else "0"
    if prec > 0:
        frac = "".join(digits[dp + i] if 0 <= dp + i < len(digits) else "0" for i in range(prec))
        s += "." + frac
    return s


def _fmt_g(digits: str, dp: int, prec: int, shortest: bool, e: str) -> str:
    nd = len(digits)
    eprec = prec
    if eprec > nd and nd >= dp:
        eprec = nd
    if shortest:
        eprec = 6
    exp = dp - 1
    if exp < -4 or exp >= eprec:
        return _fmt_e(digits, dp, min(prec, nd) - 1, e)
    if prec > dp:
        prec = nd
    return _fmt_f(digits, dp, max(prec - dp, 0))


def format_float(v: float, fmt: str = "g", prec: int = -1) -> str:
    """``strconv.FormatFloat(v, fmt, prec, 64)`` for ``fmt`` in ``b e E f g G x X``."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    sign = "-" if math.copysign(1.0, v) < 0 else ""
    a = abs(v)
    if fmt in "xX":
        return sign + _format_hex(a, fmt, prec)
    if fmt == "b":
        return sign + _format_binary(a)
    if fmt == "f" and prec >= 0:
        return sign + format(a, f".{prec}f")
    shortest = prec < 0
    if shortest:
        digits, dp = _shortest_digits(a) if a else ("", 0)
        prec = {"e": len(digits) - 1, "E": len(digits) - 1, "f": len(digits) - dp}.get(
            fmt, len(digits))
        prec = max(prec, 0)
    else:
        if fmt in "gG" and prec == 0:
            prec = 1
        digits, dp = _fixed_digits(a, prec + 1 if fmt in "eE" else prec)
    if fmt in "eE":
        return sign + _fmt_e(digits, dp, prec, fmt)
    if fmt == "f":
        return sign + _fmt_f(digits, dp, prec)
    return sign + _fmt_g(digits, dp, prec, shortest, "e" if fmt == "g" else "E")


def _sharp_float(num: str, verb: str, prec: int) -> str:
    """Go's ``#`` flag on floats: keep a decimal point and the trailing zeros."""
    digits = (6 if prec == -1 else prec) if verb in "gGx" else 0
    tail = ""
    stops = "pP" if verb in "xX" else "eEpP"
    for i, c in enumerate(num):
        if c in stops and i > 0:
            num, tail = num[:i], num[i:]
            break
    saw_nonzero = False
    for c in num[1:]:
        if c == ".":
            continue
        saw_nonzero = saw_nonzero or c != "0"
        if saw_nonzero:
            digits -= 1
    if "." not in num:
        if num[1:] == "0":
            digits -= 1
        num += "."
    return num + "0" * max(digits, 0) + tail


_M64: Final = (1 << 64) - 1


def _round_hex(mant: int, exp: int, prec: int) -> tuple[int, int]:
    shift = prec * 4
    extra = (mant << shift) & ((1 << 60) - 1)
    mant >>= 60 - shift
    if extra | (mant & 1) > 1 << 59:
        mant += 1
    mant <<= 60 - shift
    if mant & (1 << 61):
        mant >>= 1
        exp += 1
    return mant, exp


def _format_hex(a: float, fmt: str, prec: int) -> str:
    """``strconv.FormatFloat(a, 'x', prec, 64)`` for positive finite ``a`` (or zero)."""
    m, e = math.frexp(a)
    mant, exp = (int(m * (1 << 61)), e - 1) if a else (0, 0)
    if 0 <= prec < 15:
        mant, exp = _round_hex(mant, exp, prec)
    hexd = "0123456789abcdef" if fmt == "x" else "0123456789ABCDEF"
    out = ["0", fmt, str((mant >> 60) & 1)]
    mant = (mant << 4) & _M64
    if (prec < 0 and mant) or prec > 0:
        out.append(".")
        n = 0
        while (prec < 0 and mant) or n < prec:
            out.append(hexd[(mant >> 60) & 15])
            mant = (mant << 4) & _M64
            n += 1
    out.append("p" if fmt == "x" else "P")
    out.append("-" if exp < 0 else "+")
    out.append(f"{abs(exp):02d}")
    return "".join(out)


def _format_binary(a: float) -> str:
    """``strconv.FormatFloat(a, 'b', -1, 64)`` for positive finite ``a`` (or zero)."""
    bits = struct.unpack("<Q", struct.pack("<d", a))[0]
    biased, mant = (bits >> 52) & 0x7FF, bits & ((1 << 52) - 1)
    if biased:
        return f"{mant | (1 << 52)}p{biased - 1075:+d}"
    return f"{mant}p-1074"


_FLOAT_VERBS: Final = {"v": ("g", -1), "g": ("g", -1), "G": ("G", -1), "e": ("e", 6),
                       "E": ("E", 6), "f": ("f", 6), "F": ("f", 6), "x": ("x", -1),
                       "X": ("X", -1), "b": ("b", -1)}


def _fmt_float(v: float, verb: str, fl: _Fl) -> str | None:
    spec = _FLOAT_VERBS.get(verb)
    if spec is None:
        return None
    fverb, prec = spec
    if fl.prec is not None:
        prec = fl.prec
    num = format_float(v, fverb, prec)
    num = num if num[0] in "+-" else "+" + num
    if fl.space and num[0] == "+" and not fl.plus:
        num = " " + num[1:]
    if num[1] in "IN":
        if num[1] == "N" and not fl.space and not fl.plus:
            num = num[1:]
        return _pad_nozero(fl, num)
    if fl.sharp and fverb != "b":
        num = _sharp_float(num, fverb, prec)
    if fl.plus or num[0] != "+":
        if fl.zero and fl.wid and fl.wid > len(num):
            return num[0] + "0" * (fl.wid - len(num)) + num[1:]
        return _pad(fl, num)
    return _pad(fl, num[1:])


# --- strings ------------------------------------------------------------------------------------


def _truncate(fl: _Fl, s: str) -> str:
    return s[: fl.prec] if fl.prec is not None else s


def _fmt_hex_bytes(b: bytes, fl: _Fl, upper: bool) -> str:
    if fl.prec is not None:
        b = b[: fl.prec]
    if not b:
        return " " * (fl.wid or 0)
    x = "0X" if upper else "0x"
    parts = [format(c, "02X" if upper else "02x") for c in b]
    if fl.space:
        s = " ".join(x + p for p in parts) if fl.sharp else " ".join(parts)
    else:
        s = (x if fl.sharp else "") + "".join(parts)
    if fl.wid and fl.wid > len(s):
        pad = " " * (fl.wid - len(s)) if not fl.zero else "0" * (fl.wid - len(s))
        return s + " " * (fl.wid - len(s)) if fl.minus else pad + s
    return s


def _fmt_q(s: str, fl: _Fl) -> str:
    s = _truncate(fl, s)
    if fl.sharp and _can_backquote(s):
        return _pad(fl, "`" + s + "`")
    return _pad(fl, go_quote(s, fl.plus))


def _fmt_string(s: str, verb: str, fl: _Fl) -> str | None:
    if verb == "s" or (verb == "v" and not fl.sharp_v):
        return _pad(fl, _truncate(fl, s))
    if verb == "q" or verb == "v":
        return _fmt_q(s, fl)
    if verb in "xX":
        return _fmt_hex_bytes(s.encode("utf-8", "surrogatepass"), fl, verb == "X")
    return None


# --- composite values ---------------------------------------------------------------------------


def _time_string(t: _dt.datetime) -> str:
    try:
        time_string = importlib.import_module("blaster.gotemplate.gotime").time_string
    except (ImportError, AttributeError):
        off = t.utcoffset()
        secs = int(off.total_seconds()) if off is not None else 0
        frac = f".{t.microsecond:06d}".rstrip("0") if t.microsecond else ""
        sign = "-" if secs < 0 else "+"
        zone = t.tzname() or "UTC"
        hhmm = f"{abs(secs) // 3600:02d}{abs(secs) % 3600 // 60:02d}"
        return f"{t:%Y-%m-%d %H:%M:%S}{frac} {sign}{hhmm} {zone}"
    return str(time_string(t))


def _fmt_seq(seq: list[Any] | tuple[Any, ...], verb: str, fl: _Fl, depth: int) -> str:
    if fl.sharp_v:
        inner = ", ".join(_print_value(x, verb, fl, depth + 1) for x in seq)
        return f"{go_type_name(seq)}{{{inner}}}"
    return "[" + " ".join(_print_value(x, verb, fl, depth + 1) for x in seq) + "]"


def _sort_key(k: Any) -> tuple[int, Any]:
    if isinstance(k, str):
        return (0, k)
    if isinstance(k, (int, float)):
        return (1, k)
    return (2, str(k))


def _fmt_map(m: dict[Any, Any], verb: str, fl: _Fl, depth: int) -> str:
    keys = sorted(m, key=_sort_key)
    pairs = [
        _print_value(k, verb, fl, depth + 1) + ":" + _print_value(m[k], verb, fl, depth + 1)
        for k in keys
    ]
    if fl.sharp_v:
        return "map[string]interface {}{" + ", ".join(pairs) + "}"
    return "map[" + " ".join(pairs) + "]"


def _fmt_struct(v: GoStruct, verb: str, fl: _Fl, depth: int, deref: bool = False) -> str:
    pointer = v.go_type.startswith("*")
    if pointer and depth > 0:
        return _fmt_integer(_FAKE_ADDRESS, "x", _Fl()).join(("0x", ""))
    names = fl.plus_v or fl.sharp_v
    parts = [
        (f"{name}:" if names else "") + _print_value(v.go_field(name), verb, fl, depth + 1)
        for name in v.go_fields
    ]
    amp = "&" if pointer and not deref else ""
    if fl.sharp_v:
        return amp + v.go_type.removeprefix("*") + "{" + ", ".join(parts) + "}"
    return amp + "{" + " ".join(parts) + "}"


#: what a pointer nested in a value prints as (Go prints the address, which varies per run)
_FAKE_ADDRESS: Final = 0xC000010000


def _fmt_bytes(b: bytes, verb: str, fl: _Fl) -> str | None:
    if verb in "sq":
        return _fmt_string(b.decode("utf-8", "replace"), verb, fl)
    if verb in "xX":
        return _fmt_hex_bytes(b, fl, verb == "X")
    if verb in "vd":
        if fl.sharp_v:
            return "[]byte{" + ", ".join(f"0x{c:x}" for c in b) + "}"
        return "[" + " ".join(_fmt_integer(c, "d", fl) for c in b) + "]"
    return _fmt_seq(list(b), verb, fl, 0)


def _bad_verb(v: Any, verb: str, fl: _Fl) -> str:
    if v is None or v is MISSING:
        return f"%!{verb}(<nil>)"
    return f"%!{verb}({go_type_name(v)}={_print_arg(v, 'v', fl, bad=True)})"


def _fmt_basic(v: Any, verb: str, fl: _Fl) -> str | None:
    """Formats a value of a basic kind; None when the verb does not apply to it."""
    if isinstance(v, str):
        return _fmt_string(v, verb, fl)
    if isinstance(v, bool):
        return _pad(fl, "true" if v else "false") if verb in "tv" else None
    if isinstance(v, int):
        return _fmt_int(v, verb, fl)
    if isinstance(v, float):
        return _fmt_float(v, verb, fl)
    return None


_STRINGER_VERBS: Final = frozenset("vsxXq")


def _fmt_other(v: Any, verb: str, fl: _Fl, depth: int) -> str | None:
    if isinstance(v, (list, tuple)):
        return _fmt_seq(v, verb, fl, depth)
    if isinstance(v, dict):
        return _fmt_map(v, verb, fl, depth)
    if isinstance(v, GoStruct):
        return _fmt_struct(v, verb, fl, depth)
    if isinstance(v, _dt.datetime):
        if verb in _STRINGER_VERBS:
            return _fmt_string(_time_string(v), "s" if verb == "v" else verb, fl)
        return None
    if isinstance(v, (bytes, bytearray)):
        return _fmt_bytes(bytes(v), verb, fl)
    return _pad(fl, str(v)) if verb in _STRINGER_VERBS else None


def _fmt_named_int(v: NamedInt, verb: str, fl: _Fl, bad: bool) -> str:
    """Go's ``handleMethods`` (``String`` for the string verbs, unless printing an error
    form or ``%#v``), else ``printValue`` of the integer."""
    if verb in _STRINGER_VERBS and not bad and not fl.sharp_v:
        out = _fmt_string(str(v), verb, fl)
    else:
        out = _fmt_int(int(v), verb, fl)
    return out if out is not None else _bad_verb(v, "v" if bad else verb, fl)


def _print_value(v: Any, verb: str, fl: _Fl, depth: int) -> str:
    """One value nested in a composite (Go's ``printValue`` at ``depth`` > 0)."""
    if v is None or v is MISSING:
        return "interface {}(nil)" if fl.sharp_v else "<nil>"
    return _print_arg(v, verb, fl, depth=depth)


def _print_arg(v: Any, verb: str, fl: _Fl, depth: int = 0, bad: bool = False) -> str:
    """Go's ``printArg``: one operand formatted for one verb."""
    if v is None or v is MISSING:
        return _pad(fl, "<nil>") if verb in "Tv" else _bad_verb(v, verb, fl)
    if verb == "T":
        return _pad(fl, _truncate(fl, go_type_name(v)))
    if isinstance(v, NamedInt):
        return _fmt_named_int(v, verb, fl, bad)
    out = _fmt_basic(v, verb, fl)
    if out is None and not isinstance(v, (str, int, float)):
        out = _fmt_other(v, verb, fl, depth)
    if out is None:
        return _bad_verb(v, "v" if bad else verb, fl)
    return out


# --- Sprint, Sprintln, Sprintf ------------------------------------------------------------------


def _fast(v: Any) -> str | None:
    t = type(v)
    if t is str:
        return str(v)
    if t is int or t is Int64:
        return str(v)
    if t is bool:
        return "true" if v else "false"
    if t is float:  # %v of most JSON numbers: Python's shortest digits, Go's layout
        if v.is_integer() and -1e6 < v < 1e6:
            return "-0" if v == 0 and math.copysign(1.0, v) < 0 else str(int(v))
        if 1e-4 <= abs(v) < 1e6:
            return repr(v)
    return None


def sprint(*args: Any) -> str:
    """``fmt.Sprint``: operands in their default format, a space between two operands
    when neither is a string."""
    out: list[str] = []
    prev_string = False
    for i, a in enumerate(args):
        is_string = isinstance(a, str)
        if i and not is_string and not prev_string:
            out.append(" ")
        s = _fast(a)
        out.append(s if s is not None else _print_arg(a, "v", _Fl()))
        prev_string = is_string
    return "".join(out)


def sprintln(*args: Any) -> str:
    """``fmt.Sprintln``: operands separated by spaces, then a newline."""
    return " ".join(_print_arg(a, "v", _Fl()) for a in args) + "\n"


def _parsenum(s: str, i: int, end: int) -> tuple[int | None, int]:
    j = i
    while j < end and "0" <= s[j] <= "9":
        j += 1
        if j - i > 7:  # Go's tooLarge: the number makes no sense
            return None, end
    return (int(s[i:j]) if j > i else None), j


class _Printf:
    """One ``Sprintf`` call (Go's ``pp.doPrintf``)."""

    def __init__(self, fmt: str, args: tuple[Any, ...]) -> None:
        self.fmt, self.args = fmt, args
        self.out: list[str] = []
        self.argnum = 0
        self.reordered = False
        self.good_argnum = True

    def run(self) -> str:
        fmt, end, i = self.fmt, len(self.fmt), 0
        while i < end:
            j = fmt.find("%", i)
            if j < 0:
                self.out.append(fmt[i:])
                break
            self.out.append(fmt[i:j])
            i = self.verb(j + 1)
            if i < 0:
                break
        self.extra()
        return "".join(self.out)

    def arg_number(self, i: int) -> tuple[int, bool]:
        """Go's ``argNumber``: an explicit ``[n]`` index at ``i``; returns the new position
        and whether an index was found."""
        fmt = self.fmt
        if i >= len(fmt) or fmt[i] != "[":
            return i, False
        self.reordered = True
        close = fmt.find("]", i + 1)
        if close < 0:
            self.good_argnum = False
            return i + 1, False
        num, j = _parsenum(fmt, i + 1, close)
        if num is None or j != close:
            self.good_argnum = False
            return close + 1, False
        if 0 <= num - 1 < len(self.args):
            self.argnum = num - 1
            return close + 1, True
        self.good_argnum = False
        return close + 1, True

    def int_from_arg(self) -> int | None:
        if self.argnum >= len(self.args):
            return None
        a = self.args[self.argnum]
        self.argnum += 1
        if not is_integer(a) or not -1_000_000 <= a <= 1_000_000:  # Go's intFromArg
            return None
        return int(a)

    def flags(self, i: int, fl: _Fl) -> int:
        fmt, end = self.fmt, len(self.fmt)
        while i < end:
            c = fmt[i]
            if c == "#":
                fl.sharp = True
            elif c == "0":
                fl.zero = not fl.minus
            elif c == "+":
                fl.plus = True
            elif c == "-":
                fl.minus, fl.zero = True, False
            elif c == " ":
                fl.space = True
            else:
                break
            i += 1
        return i

    def width(self, i: int, fl: _Fl, after_index: bool) -> tuple[int, bool]:
        fmt, end = self.fmt, len(self.fmt)
        if i < end and fmt[i] == "*":
            fl.wid = self.int_from_arg()
            if fl.wid is None:
                self.out.append("%!(BADWIDTH)")
            elif fl.wid < 0:
                fl.wid, fl.minus, fl.zero = -fl.wid, True, False
            return i + 1, False
        fl.wid, i = _parsenum(fmt, i, end)
        if after_index and fl.wid is not None:
            self.good_argnum = False
        return i, after_index

    def precision(self, i: int, fl: _Fl, after_index: bool) -> tuple[int, bool]:
        fmt, end = self.fmt, len(self.fmt)
        if not (i + 1 < end and fmt[i] == "."):
            return i, after_index
        i += 1
        if after_index:
            self.good_argnum = False
        i, after_index = self.arg_number(i)
        if i < end and fmt[i] == "*":
            fl.prec = self.int_from_arg()
            if fl.prec is not None and fl.prec < 0:
                fl.prec = None
            if fl.prec is None:
                self.out.append("%!(BADPREC)")
            return i + 1, False
        fl.prec, i = _parsenum(fmt, i, end)
        if fl.prec is None:
            fl.prec = 0
        return i, after_index

    def verb(self, i: int) -> int:
        """Processes one verb whose ``%`` precedes ``i``; returns the position after it,
        or -1 at the end of a format lacking its verb."""
        fl = _Fl()
        self.good_argnum = True
        i = self.flags(i, fl)
        i, after_index = self.arg_number(i)
        i, after_index = self.width(i, fl, after_index)
        i, after_index = self.precision(i, fl, after_index)
        if not after_index:
            i, after_index = self.arg_number(i)
        if i >= len(self.fmt):
            self.out.append("%!(NOVERB)")
            return -1
        verb = self.fmt[i]
        if verb == "%":
            self.out.append("%")
        elif not self.good_argnum:
            self.out.append(f"%!{verb}(BADINDEX)")
        elif self.argnum >= len(self.args):
            self.out.append(f"%!{verb}(MISSING)")
        else:
            if verb == "v":
                fl.sharp_v, fl.sharp = fl.sharp, False
                fl.plus_v, fl.plus = fl.plus, False
            self.out.append(_print_arg(self.args[self.argnum], verb, fl))
            self.argnum += 1
        return i + 1

    def extra(self) -> None:
        if self.reordered or self.argnum >= len(self.args):
            return
        parts = [_extra_arg(a) for a in self.args[self.argnum :]]
        self.out.append("%!(EXTRA " + ", ".join(parts) + ")")


def _extra_arg(a: Any) -> str:
    if a is None or a is MISSING:
        return "<nil>"
    return go_type_name(a) + "=" + _print_arg(a, "v", _Fl())


def sprintf(format: str, *args: Any) -> str:
    """``fmt.Sprintf`` with Go's verbs, flags, widths, precisions, argument indexes and
    Go's error forms (``%!d(string=x)``, ``%!s(MISSING)``, ``%!(EXTRA int=1)``...)."""
    if not args and "%" not in format:
        return format
    return _Printf(format, args).run()


def print_value(v: Any) -> str:
    """What a text/template action prints for the value of its pipeline: ``<no value>``
    for :data:`MISSING` and nil (a nil ``interface{}`` result is invalid once the pipeline
    digs into it, as Go's ``evalPipeline`` does), else ``fmt.Sprint(v)``."""
    t = type(v)
    if t is str:
        return str(v)
    if v is MISSING or v is None:
        return "<no value>"
    s = _fast(v)
    if s is not None:
        return s
    if isinstance(v, GoStruct) and v.go_type.startswith("*"):
        return _fmt_struct(v, "v", _Fl(), 0, deref=True)  # printValue indirects a pointer
    return _print_arg(v, "v", _Fl())
