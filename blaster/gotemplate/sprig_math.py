"""Sprig's numeric functions (``numeric.go`` and the arithmetic of ``functions.go``), with
spf13/cast's conversions (``toInt64`` of ``"0x1F"`` is 31, of ``"abc"`` 0), Go's int64
wrap-around, truncating division, and shopspring/decimal for the ``…f`` functions.

The integer functions return Go's ``int64`` (:class:`values.Int64`), as Sprig's do, except
``int`` and ``atoi``: ``%T`` and ``typeOf`` show it, and Go refuses it for an ``int``
parameter (``{{ repeat (add 1 1) "x" }}`` fails)."""

from __future__ import annotations

import decimal
import math
import re
from collections.abc import Sequence
from typing import Any, ClassVar, Final

from blaster.gotemplate import values
from blaster.gotemplate.funcs import GoExecError, register
from blaster.gotemplate.sprig_text import go_func, nil_if_missing

_A = "any"
INT64_MIN: Final = -(1 << 63)
INT64_MAX: Final = (1 << 63) - 1
_DECIMAL = decimal.Context(prec=2000, Emax=10**9, Emin=-(10**9))
_DIV_QUANTUM: Final = decimal.Decimal(1).scaleb(-16)


def wrap64(n: int) -> int:
    """``n`` as Go's int64 arithmetic leaves it (two's complement wrap-around)."""
    return (n + (1 << 63)) % (1 << 64) - (1 << 63)


# --- strconv ------------------------------------------------------------------------------------


def _underscore_ok(s: str) -> bool:
    """strconv ``underscoreOK``: underscores only between digits (or after a base prefix)."""
    saw = "^"
    s = s[1:] if s[:1] in ("+", "-") else s
    i = 0
    hexa = False
    if len(s) >= 2 and s[0] == "0" and s[1].lower() in "box":
        i, saw, hexa = 2, "0", s[1].lower() == "x"
    for c in s[i:]:
        if (c.isdigit() and c.isascii()) or (hexa and c.lower() in "abcdef"):
            saw = "0"
        elif c == "_":
            if saw != "0":
                return False
            saw = "_"
        elif saw == "_":
            return False
        else:
            saw = "!"
    return saw != "_"


def _base_and_digits(s: str, base: int) -> tuple[int, str]:
    if base != 0:
        return base, s
    if s[:1] != "0":
        return 10, s
    prefix = s[1:2].lower()
    if len(s) >= 3 and prefix in ("b", "o", "x"):
        return {"b": 2, "o": 8, "x": 16}[prefix], s[2:]
    return 8, s[1:]


def parse_uint(s: str, base: int) -> tuple[int, str | None]:
    """``strconv.ParseUint(s, base, 64)``: the value and ``None``, ``"syntax"`` or ``"range"``
    (with the value clamped, as Go returns it)."""
    if not s:
        return 0, "syntax"
    b, digits = _base_and_digits(s, base)
    n = 0
    for c in digits:
        if c == "_" and base == 0:
            continue
        d = int(c, 36) if c.isascii() and c.isalnum() else 99
        if d >= b:
            return 0, "syntax"
        n = n * b + d
    if "_" in digits and base == 0 and not _underscore_ok(s):
        return 0, "syntax"
    if n > (1 << 64) - 1:
        return (1 << 64) - 1, "range"
    return n, None


def parse_int(s: str, base: int = 0) -> tuple[int, str | None]:
    """``strconv.ParseInt(s, base, 64)``, as :func:`parse_uint`."""
    neg = s[:1] == "-"
    un, err = parse_uint(s[1:] if s[:1] in ("+", "-") else s, base)
    if err == "syntax":
        return 0, err
    if not neg and (un > INT64_MAX or err):
        return INT64_MAX, "range"
    if neg and (un > -INT64_MIN or err):
        return INT64_MIN, "range"
    return (-un if neg else un), None


_DEC_FLOAT: Final = re.compile(r"[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?")
_HEX_FLOAT: Final = re.compile(
    r"[+-]?0[xX](?:[0-9a-fA-F_]+\.?[0-9a-fA-F_]*|\.[0-9a-fA-F_]+)[pP][+-]?[0-9_]+"
)
_SPECIAL_FLOAT: Final = re.compile(r"([+-]?)(inf|infinity)|(nan)", re.IGNORECASE)


def parse_float(s: str) -> float | None:
    """``strconv.ParseFloat(s, 64)``; ``None`` for a syntax or range error."""
    special = _SPECIAL_FLOAT.fullmatch(s)
    if special:
        if special.group(3):
            return math.nan
        return -math.inf if special.group(1) == "-" else math.inf
    is_hex = _HEX_FLOAT.fullmatch(s) is not None
    if not is_hex and _DEC_FLOAT.fullmatch(s) is None:
        return None
    if "_" in s and not _underscore_ok(s):
        return None
    plain = s.replace("_", "")
    try:
        f = float.fromhex(plain) if is_hex else float(plain)
    except (ValueError, OverflowError):
        return None
    return None if math.isinf(f) else f


def _trim_zero_decimal(s: str) -> str:
    """cast ``trimZeroDecimal``: ``"10.00"`` → ``"10"``."""
    found_zero = False
    for i in range(len(s), 0, -1):
        c = s[i - 1]
        if c == "." and found_zero:
            return s[: i - 1]
        if c == "0":
            found_zero = True
        elif c != ".":
            return s
    return s


# --- spf13/cast ---------------------------------------------------------------------------------


def _is_go_string(v: Any) -> bool:
    """A plain Go ``string`` (the html/template content types are other types for cast)."""
    return isinstance(v, str) and not isinstance(v, values.CONTENT_TYPES)


#: the named integer types cast's ``toInt`` converts (a ``time.Duration`` gives 0)
_CAST_NAMED_INTS: Final = frozenset({"time.Month", "time.Weekday"})


def _cast_int(v: int) -> int | None:
    """An integer as cast converts it; None for a named type it does not know."""
    if isinstance(v, values.NamedInt) and v.go_type not in _CAST_NAMED_INTS:
        return None
    return int(v)


def float_to_int64(f: float) -> int:
    """Go's ``int64(f)`` on amd64: truncation, and the "integer indefinite" for NaN and
    values out of range."""
    if math.isnan(f) or not INT64_MIN <= f < 2.0**63:
        return INT64_MIN
    return int(f)


def to_int64(v: Any) -> int:
    """cast ``ToInt64``: 0 for anything it cannot convert."""
    v = nil_if_missing(v)
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        n = _cast_int(v)
        return 0 if n is None else wrap64(n)
    if isinstance(v, float):
        return float_to_int64(v)
    if _is_go_string(v):
        n, err = parse_int(_trim_zero_decimal(v))
        return 0 if err else n
    return 0


def to_int(v: Any) -> int:
    """cast ``ToInt`` (int is 64 bits)."""
    return to_int64(v)


def to_float64(v: Any) -> float:
    """cast ``ToFloat64``: 0 for anything it cannot convert."""
    v = nil_if_missing(v)
    if isinstance(v, (bool, int)):
        n = _cast_int(v)
        return 0.0 if n is None else float(n)
    if isinstance(v, float):
        return v
    if _is_go_string(v):
        f = parse_float(v)
        return 0.0 if f is None else f
    return 0.0


@go_func("int64", (_A,))
def int64_(v: Any) -> values.Int64:
    return values.Int64(to_int64(v))


register("int", (_A,))(to_int)
register("float64", (_A,))(to_float64)


@go_func("atoi", ("string",))
def atoi(s: str) -> int:
    """``strconv.Atoi`` with its error dropped: 0 on bad syntax, clamped when too big."""
    n, err = parse_int(s, 10)
    return 0 if err == "syntax" else n


@go_func("toDecimal", (_A,))
def to_decimal(v: Any) -> values.Int64:
    """The octal digits of ``fmt.Sprint(v)`` as a number (0 if they are not octal)."""
    n, err = parse_int(values.sprint(nil_if_missing(v)), 8)
    return values.Int64(0 if err else n)


# --- integer arithmetic -------------------------------------------------------------------------


def _go_div(a: int, b: int) -> int:
    if b == 0:
        raise GoExecError("runtime error: integer divide by zero")
    q = abs(a) // abs(b)
    return wrap64(q if (a < 0) == (b < 0) else -q)


def _go_mod(a: int, b: int) -> int:
    if b == 0:
        raise GoExecError("runtime error: integer divide by zero")
    r = abs(a) % abs(b)
    return -r if a < 0 else r


@go_func("add1", (_A,))
def add1(i: Any) -> values.Int64:
    return values.Int64(wrap64(to_int64(i) + 1))


@go_func("add", (), variadic=_A)
def add(*items: Any) -> values.Int64:
    return values.Int64(wrap64(sum(map(to_int64, items))))


@go_func("sub", (_A, _A))
def sub(a: Any, b: Any) -> values.Int64:
    return values.Int64(wrap64(to_int64(a) - to_int64(b)))


@go_func("div", (_A, _A))
def div(a: Any, b: Any) -> values.Int64:
    return values.Int64(_go_div(to_int64(a), to_int64(b)))


@go_func("mod", (_A, _A))
def mod(a: Any, b: Any) -> values.Int64:
    return values.Int64(_go_mod(to_int64(a), to_int64(b)))


@go_func("mul", (_A,), variadic=_A)
def mul(a: Any, *rest: Any) -> values.Int64:
    product = to_int64(a)
    for b in rest:
        product = wrap64(product * to_int64(b))
    return values.Int64(product)


@go_func("max", (_A,), variadic=_A)
@go_func("biggest", (_A,), variadic=_A)
def max_(a: Any, *rest: Any) -> values.Int64:
    return values.Int64(max([to_int64(a), *map(to_int64, rest)]))


@go_func("min", (_A,), variadic=_A)
def min_(a: Any, *rest: Any) -> values.Int64:
    return values.Int64(min([to_int64(a), *map(to_int64, rest)]))


# --- float arithmetic ---------------------------------------------------------------------------


def _go_max(a: float, b: float) -> float:
    """``math.Max``."""
    if (math.isinf(a) and a > 0) or (math.isinf(b) and b > 0):
        return math.inf
    if math.isnan(a) or math.isnan(b):
        return math.nan
    if a == b == 0:
        return b if math.copysign(1, a) < 0 else a
    return a if a > b else b


def _go_min(a: float, b: float) -> float:
    """``math.Min``."""
    if (math.isinf(a) and a < 0) or (math.isinf(b) and b < 0):
        return -math.inf
    if math.isnan(a) or math.isnan(b):
        return math.nan
    if a == b == 0:
        return a if math.copysign(1, a) < 0 else b
    return a if a < b else b


@go_func("maxf", (_A,), variadic=_A)
def maxf(a: Any, *rest: Any) -> float:
    result = to_float64(a)
    for b in rest:
        result = _go_max(result, to_float64(b))
    return result


@go_func("minf", (_A,), variadic=_A)
def minf(a: Any, *rest: Any) -> float:
    result = to_float64(a)
    for b in rest:
        result = _go_min(result, to_float64(b))
    return result


@go_func("floor", (_A,))
def floor(a: Any) -> float:
    return _ceil_or_floor(to_float64(a), up=False)


@go_func("ceil", (_A,))
def ceil(a: Any) -> float:
    return _ceil_or_floor(to_float64(a), up=True)


@go_func("round", (_A, "int"), variadic="float64")
def round_(a: Any, places: int, *round_on: float) -> float:
    """Sprig's ``round``: up when the fraction of ``a * 10^places`` is at least
    ``round_on`` (.5 by default), as its float arithmetic does."""
    threshold = round_on[0] if round_on else 0.5
    pow10 = _go_pow10(float(places))
    digit = pow10 * to_float64(a)
    frac = math.modf(digit)[0] if math.isfinite(digit) else (math.nan if math.isnan(digit) else 0.0)
    rounded = _ceil_or_floor(digit, frac >= threshold)
    return _float_div(rounded, pow10)


def _ceil_or_floor(f: float, up: bool) -> float:
    """``math.Ceil``/``math.Floor``, keeping the sign of a zero result (``Ceil(-0.5)`` is
    ``-0``)."""
    if not math.isfinite(f):
        return f
    r = float(math.ceil(f) if up else math.floor(f))
    return math.copysign(r, f) if r == 0 else r


def _float_div(a: float, b: float) -> float:
    """IEEE division, as Go's ``/`` on float64 (no exception on zero)."""
    if b == 0:
        if a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1, b)
    return a / b


def _go_pow10(p: float) -> float:
    try:
        return math.pow(10, p)
    except OverflowError:
        return math.inf


def _to_decimal(v: Any) -> decimal.Decimal:
    """shopspring ``NewFromFloat(toFloat64(v))``: the shortest decimal of the float."""
    f = to_float64(v)
    if math.isnan(f) or math.isinf(f):
        raise GoExecError(f"Cannot create a Decimal from {values.sprint(f)}")
    return decimal.Decimal(repr(f))


def _decimal_div(a: decimal.Decimal, b: decimal.Decimal) -> decimal.Decimal:
    """shopspring ``Div``: rounded half away from zero to 16 decimal places."""
    if b == 0:
        raise GoExecError("decimal division by 0")
    return _DECIMAL.divide(a, b).quantize(_DIV_QUANTUM, decimal.ROUND_HALF_UP, _DECIMAL)


def _decimal_fold(a: Any, rest: tuple[Any, ...], op: str) -> float:
    result = _to_decimal(a)
    for x in rest:
        d = _to_decimal(x)
        if op == "+":
            result = _DECIMAL.add(result, d)
        elif op == "-":
            result = _DECIMAL.subtract(result, d)
        elif op == "*":
            result = _DECIMAL.multiply(result, d)
        else:
            result = _decimal_div(result, d)
    return float(result)


@go_func("add1f", (_A,))
def add1f(i: Any) -> float:
    return _decimal_fold(i, (1,), "+")


@go_func("addf", (), variadic=_A)
def addf(*items: Any) -> float:
    return _decimal_fold(0.0, items, "+")


@go_func("subf", (_A,), variadic=_A)
def subf(a: Any, *rest: Any) -> float:
    return _decimal_fold(a, rest, "-")


@go_func("mulf", (_A,), variadic=_A)
def mulf(a: Any, *rest: Any) -> float:
    return _decimal_fold(a, rest, "*")


@go_func("divf", (_A,), variadic=_A)
def divf(a: Any, *rest: Any) -> float:
    return _decimal_fold(a, rest, "/")


# --- sequences ----------------------------------------------------------------------------------


class IntSlice(tuple[int, ...]):
    """Go's ``[]int``, what ``until`` and ``untilStep`` return (``%T`` and ``typeOf`` show
    it; Sprig's ``slice`` keeps it, its other list functions give ``[]interface {}``)."""

    __slots__ = ()
    go_type: ClassVar[str] = "[]int"


@go_func("untilStep", ("int", "int", "int"))
def until_step(start: int, stop: int, step: int) -> IntSlice:
    if stop < start:
        return IntSlice(range(start, stop, step) if step < 0 else ())
    return IntSlice(range(start, stop, step) if step > 0 else ())


@go_func("until", ("int",))
def until(count: int) -> IntSlice:
    return until_step(0, count, -1 if count < 0 else 1)


@go_func("seq", (), variadic="int")
def seq(*params: int) -> str:
    if len(params) == 1:
        start, end, step = 1, params[0], (-1 if params[0] < 1 else 1)
        return _seq_string(until_step(start, end + step, step))
    if len(params) == 2:
        start, end = params
        step = -1 if end < start else 1
        return _seq_string(until_step(start, end + step, step))
    if len(params) == 3:
        start, step, end = params
        increment = 1
        if end < start:
            increment = -1
            if step > 0:
                return ""
        return _seq_string(until_step(start, end + increment, step))
    return ""


def _seq_string(numbers: Sequence[int]) -> str:
    return " ".join(map(str, numbers))
