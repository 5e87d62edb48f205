"""Go's ``time`` values and Sprig's date functions, with Go 1.19's behaviour.

A Go ``time.Time`` is an aware :class:`datetime.datetime` (a naive one is taken as UTC); a
``time.Duration`` is a :class:`Duration` (an ``int`` of nanoseconds printed as Go prints it;
like :class:`Month` and :class:`Weekday`, a :class:`.gofmt.NamedInt`).
What this module gives:

- :func:`format` (``Time.Format``) and :func:`parse` (``time.ParseInLocation``) with every
  element of Go's reference-time layouts, and Go's error messages;
- :func:`time_string` (what ``fmt`` prints for a ``time.Time``) and :func:`null_time_string`
  (``fmt`` of listmonk's ``null.Time`` struct);
- :func:`parse_duration` (``time.ParseDuration``) and :class:`Duration`;
- Sprig 3.2.3's date functions and listmonk's ``Date``, registered in
  :data:`blaster.gotemplate.funcs.REGISTRY`;
- :data:`TIME_METHODS` and :data:`DURATION_METHODS`: the Go methods templates may call on
  these values (``{{ .CreatedAt.Format "Jan 2006" }}``), as :class:`.funcs.GoFunc` whose
  ``impl`` takes the receiver first; a :class:`Month` or :class:`Weekday` has ``String``.

The clock and the local zone are module attributes so that tests and callers can set them:
:data:`CLOCK` (the current instant) and :data:`LOCAL_TZ` (Go's ``time.Local``, by default the
process's zone, found as Go finds it: ``$TZ``, else the system's local zone file).

Python's ``datetime`` differs from Go's ``time.Time`` in range and resolution: times carry
microseconds (Go: nanoseconds; finer digits print as zeros and parsing truncates them), and
years are 1..9999 (a parse giving a year outside that range is an error here).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable
from typing import Any, Final, NamedTuple
from zoneinfo import ZoneInfo

from blaster.gotemplate.funcs import GoExecError, GoFunc, register
from blaster.gotemplate.gofmt import Int64, NamedInt

UTC: Final = dt.UTC
#: Go's ``time.ANSIC``: the layout of listmonk's ``Date ""``
ANSIC: Final = "Mon Jan _2 15:04:05 2006"
#: the layout of ``Time.String``
STRING_LAYOUT: Final = "2006-01-02 15:04:05.999999999 -0700 MST"
#: Go's zero ``time.Time{}``
ZERO_TIME: Final = dt.datetime(1, 1, 1, tzinfo=UTC)

NANOSECOND: Final = 1
MICROSECOND: Final = 1000
MILLISECOND: Final = 1000 * MICROSECOND
SECOND: Final = 1000 * MILLISECOND
MINUTE: Final = 60 * SECOND
HOUR: Final = 60 * MINUTE
_MIN_INT64: Final = -(1 << 63)
_MAX_INT64: Final = (1 << 63) - 1

_LONG_DAYS: Final = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                     "Saturday")
_SHORT_DAYS: Final = tuple(d[:3] for d in _LONG_DAYS)
_LONG_MONTHS: Final = ("January", "February", "March", "April", "May", "June", "July",
                       "August", "September", "October", "November", "December")
_SHORT_MONTHS: Final = tuple(m[:3] for m in _LONG_MONTHS)
#: days before each month in a non-leap year (``daysBefore`` in Go)
_DAYS_BEFORE: Final = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365)


def _wrap64(n: int) -> int:
    """``n`` as Go's int64 arithmetic leaves it (two's-complement wrap-around)."""
    return ((n - _MIN_INT64) % (1 << 64)) + _MIN_INT64


def _saturate(n: int) -> int:
    return max(_MIN_INT64, min(_MAX_INT64, n))


def _quote(s: str) -> str:
    """Go's ``time`` package ``quote`` of a byte string held as latin-1 text."""
    out = ['"']
    for ch in s:
        c = ord(ch)
        if c >= 0x80 or c < 0x20:
            out.append(f"\\x{c:02x}")
        else:
            out.append("\\" + ch if ch in '"\\' else ch)
    out.append('"')
    return "".join(out)


def _bytes(s: str) -> str:
    """``s``'s UTF-8 bytes as latin-1 text: one character per byte, as Go indexes strings."""
    return s.encode("utf-8", "surrogatepass").decode("latin-1")


# --- Duration -------------------------------------------------------------------------------


def _frac(v: int, prec: int) -> str:
    """``v`` in units of 10**-prec, as a decimal with trailing zeros (and point) dropped."""
    whole, rest = divmod(v, 10**prec)
    digits = f"{rest:0{prec}d}".rstrip("0") if prec else ""
    return f"{whole}.{digits}" if digits else str(whole)


class Duration(NamedInt):
    """Go's ``time.Duration``: an int64 count of nanoseconds; ``str()`` is Go's ``String()``."""

    __slots__ = ()
    go_type = "time.Duration"
    go_kind = "int64"

    def __new__(cls, ns: int = 0) -> Duration:
        return super().__new__(cls, _wrap64(int(ns)))

    def __str__(self) -> str:
        u = abs(int(self))
        sign = "-" if self < 0 else ""
        if u == 0:
            return "0s"
        if u < MICROSECOND:
            return f"{sign}{u}ns"
        if u < MILLISECOND:
            return f"{sign}{_frac(u, 3)}µs"
        if u < SECOND:
            return f"{sign}{_frac(u, 6)}ms"
        secs, frac = divmod(u, SECOND)
        text = _frac(secs % 60 * SECOND + frac, 9) + "s"
        if secs >= 60:
            text = f"{secs // 60 % 60}m{text}"
        if secs >= 3600:
            text = f"{secs // 3600}h{text}"
        return sign + text

    def __repr__(self) -> str:
        return f"Duration({int(self)})"

    def String(self) -> str:
        return str(self)

    def round(self, m: int) -> Duration:
        """Go's ``Duration.Round``: to the nearest multiple of ``m``, halves away from zero."""
        d = int(self)
        if m <= 0:
            return self
        r = abs(d) % m  # Go's -(d % m) when d < 0
        if d < 0:
            return Duration(d + r if r + r < m else max(d - m + r, _MIN_INT64))
        return Duration(d - r if r + r < m else min(d + m - r, _MAX_INT64))

    def truncate(self, m: int) -> Duration:
        """Go's ``Duration.Truncate``: towards zero to a multiple of ``m``."""
        d = int(self)
        if m <= 0:
            return self
        return Duration(d - _rem(d, m))


_UNITS: Final = {
    "ns": NANOSECOND, "us": MICROSECOND, _bytes("µs"): MICROSECOND, _bytes("μs"): MICROSECOND,
    "ms": MILLISECOND, "s": SECOND, "m": MINUTE, "h": HOUR,
}


def _leading_int(s: str) -> tuple[int, str] | None:
    """Go's ``leadingInt``: the leading digits' value and the rest; None on overflow."""
    m = re.match(r"[0-9]*", s)
    assert m is not None
    x = 0
    for c in m.group():
        if x > (1 << 63) // 10:
            return None
        x = x * 10 + int(c)
        if x > 1 << 63:
            return None
    return x, s[m.end():]


def _leading_fraction(s: str) -> tuple[int, float, str]:
    """Go's ``leadingFraction``: digits (precision capped), their scale, the rest."""
    m = re.match(r"[0-9]*", s)
    assert m is not None
    x, scale, overflow = 0, 1.0, False
    for c in m.group():
        if overflow or x > _MAX_INT64 // 10 or x * 10 + int(c) > 1 << 63:
            overflow = True
            continue
        x = x * 10 + int(c)
        scale *= 10
    return x, scale, s[m.end():]


def _duration_element(s: str, orig: str) -> tuple[int, str]:
    """One ``[0-9]*(.[0-9]*)?unit`` of a duration: its nanoseconds and the rest of ``s``."""
    invalid = GoExecError("time: invalid duration " + _quote(orig))
    if not (s[0] == "." or "0" <= s[0] <= "9"):
        raise invalid
    lead = _leading_int(s)
    if lead is None:
        raise invalid
    v, rest = lead
    pre = len(rest) != len(s)
    f, scale, post = 0, 1.0, False
    if rest.startswith("."):
        f, scale, after = _leading_fraction(rest[1:])
        post = len(after) != len(rest) - 1
        rest = after
    if not pre and not post:
        raise invalid
    m = re.match(r"[^.0-9]*", rest)
    assert m is not None
    unit_name, rest = m.group(), rest[m.end():]
    if not unit_name:
        raise GoExecError("time: missing unit in duration " + _quote(orig))
    unit = _UNITS.get(unit_name)
    if unit is None:
        raise GoExecError(f"time: unknown unit {_quote(unit_name)} in duration {_quote(orig)}")
    if v > (1 << 63) // unit:
        raise invalid
    v *= unit
    if f > 0:
        v += int(float(f) * (float(unit) / scale))
        if v > 1 << 63:
            raise invalid
    return v, rest


def parse_duration(text: str) -> Duration:
    """Go's ``time.ParseDuration``.

    :raises GoExecError: with Go's message (``time: invalid duration "x"``).
    """
    orig = s = _bytes(text)
    neg = False
    if s[:1] in ("-", "+"):
        neg, s = s[0] == "-", s[1:]
    if s == "0":
        return Duration(0)
    if not s:
        raise GoExecError("time: invalid duration " + _quote(orig))
    total = 0
    while s:
        v, s = _duration_element(s, orig)
        total += v
        if total > 1 << 63:
            raise GoExecError("time: invalid duration " + _quote(orig))
    if neg:
        return Duration(-total)
    if total > _MAX_INT64:
        raise GoExecError("time: invalid duration " + _quote(orig))
    return Duration(total)


# --- zones, the clock, instants ---------------------------------------------------------------


class FixedZone(dt.tzinfo):
    """Go's ``time.FixedZone(name, offset)``; an empty name prints as ``+0530`` in ``MST``."""

    def __init__(self, name: str, offset: int) -> None:
        self.name = name
        self.offset = offset

    def utcoffset(self, _d: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(seconds=self.offset)

    def dst(self, _d: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, _d: dt.datetime | None) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"FixedZone({self.name!r}, {self.offset})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FixedZone) and (other.name, other.offset) == (
            self.name, self.offset)

    def __hash__(self) -> int:
        return hash((self.name, self.offset))


def _system_local_tz() -> dt.tzinfo:
    """Go's ``time.Local`` as Go's ``initLocal`` finds it; UTC when nothing is found."""
    tz = os.environ.get("TZ")
    try:
        if tz is None:
            with open("/etc/localtime", "rb") as f:
                return ZoneInfo.from_file(f, key="Local")
        tz = tz.removeprefix(":")
        if tz.startswith("/"):
            with open(tz, "rb") as f:
                return ZoneInfo.from_file(f, key="Local")
        if tz and tz != "UTC":
            return ZoneInfo(tz)
    except (OSError, ValueError, KeyError):
        pass
    return UTC


def _system_clock() -> dt.datetime:
    return dt.datetime.now(UTC)


#: Go's ``time.Local``: the zone of ``now``, ``toDate`` and of unix times
LOCAL_TZ: dt.tzinfo = _system_local_tz()
#: the current instant (an aware datetime); Go's ``time.Now``
CLOCK: Callable[[], dt.datetime] = _system_clock


def set_clock(clock: Callable[[], dt.datetime] | None) -> None:
    """Make ``clock`` the source of the current time (``None``: the system clock)."""
    global CLOCK
    CLOCK = clock or _system_clock


def set_local_tz(tz: dt.tzinfo | None) -> None:
    """Make ``tz`` Go's ``time.Local`` (``None``: the process's zone, as Go finds it)."""
    global LOCAL_TZ
    LOCAL_TZ = tz if tz is not None else _system_local_tz()


def aware(t: dt.datetime) -> dt.datetime:
    """``t`` with a zone: a naive datetime is taken as UTC."""
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


def _range_guard(what: str) -> GoExecError:
    return GoExecError(f"time: {what} is outside the years 1 to 9999 this engine supports")


def in_zone(t: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """Go's ``t.In(loc)``: the same instant in zone ``tz``."""
    try:
        return aware(t).astimezone(tz)
    except (OverflowError, ValueError):
        raise _range_guard("the time") from None


def now() -> dt.datetime:
    """Go's ``time.Now()``: the current instant in :data:`LOCAL_TZ`."""
    return in_zone(CLOCK(), LOCAL_TZ)


def unix(sec: int, nsec: int = 0) -> dt.datetime:
    """Go's ``time.Unix(sec, nsec)``: a unix time in :data:`LOCAL_TZ`."""
    try:
        t = dt.datetime(1970, 1, 1, tzinfo=UTC) + dt.timedelta(seconds=sec,
                                                                microseconds=nsec // 1000)
    except (OverflowError, ValueError):
        raise _range_guard("the unix time") from None
    return in_zone(t, LOCAL_TZ)


def unix_seconds(t: dt.datetime) -> int:
    """Go's ``t.Unix()``."""
    return (aware(t) - dt.datetime(1970, 1, 1, tzinfo=UTC)) // dt.timedelta(seconds=1)


def unix_nanos(t: dt.datetime) -> int:
    """The instant ``t`` in nanoseconds since 1970 (exact; Go's ``UnixNano`` wraps)."""
    return (aware(t) - dt.datetime(1970, 1, 1, tzinfo=UTC)) // dt.timedelta(microseconds=1) * 1000


def sub(t: dt.datetime, u: dt.datetime) -> Duration:
    """Go's ``t.Sub(u)``, saturated at the Duration range as Go saturates it."""
    return Duration(_saturate(unix_nanos(t) - unix_nanos(u)))


def since(t: dt.datetime) -> Duration:
    """Go's ``time.Since(t)`` on :data:`CLOCK`."""
    return sub(CLOCK(), t)


def add(t: dt.datetime, d: int) -> dt.datetime:
    """Go's ``t.Add(d)``: ``d`` nanoseconds later, in ``t``'s zone (exact across DST)."""
    t = aware(t)
    assert t.tzinfo is not None
    try:
        moved = t.astimezone(UTC) + dt.timedelta(microseconds=d // 1000)
    except (OverflowError, ValueError):
        raise _range_guard("the time") from None
    return in_zone(moved, t.tzinfo)


def _offset_at(wall_utc: dt.datetime, tz: dt.tzinfo) -> dt.timedelta:
    off = wall_utc.astimezone(tz).utcoffset()
    return off if off is not None else dt.timedelta(0)


def date(year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0,
         nsec: int = 0, tz: dt.tzinfo = UTC) -> dt.datetime:
    """Go's ``time.Date``: values out of range are normalized (``Oct 32`` is ``Nov 1``), and a
    wall time that a zone skips or repeats resolves as Go resolves it."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    try:
        base = dt.datetime(year, month, 1, tzinfo=UTC)
        wall = base + dt.timedelta(days=day - 1, hours=hour, minutes=minute, seconds=sec,
                                   microseconds=nsec // 1000)
        guess = _offset_at(wall, tz)
        return in_zone(wall - _offset_at(wall - guess, tz), tz)
    except (OverflowError, ValueError):
        raise _range_guard("the date") from None


def zone_name(t: dt.datetime) -> str:
    """The zone abbreviation Go prints for ``t`` (``""`` for a zone without one, such as a
    ``datetime.timezone`` made from an offset alone)."""
    t = aware(t)
    name = t.tzname() or ""
    off = t.utcoffset()
    if isinstance(t.tzinfo, dt.timezone) and off and name == dt.timezone(off).tzname(None):
        return ""
    return name


def _offset_seconds(t: dt.datetime) -> int:
    off = t.utcoffset()
    return int(off.total_seconds()) if off is not None else 0


# --- layouts --------------------------------------------------------------------------------


class _Std(NamedTuple):
    code: str  #: the layout element as Go spells it (fractions: ``.0`` or ``.9``)
    digits: int = 0  #: fractions: how many digits
    sep: str = "."  #: fractions: the separator


#: layout elements by first character, longest first (Go's ``nextStdChunk``)
_CANDIDATES: Final = {
    "J": ("January", "Jan"),
    "M": ("Monday", "Mon", "MST"),
    "0": ("01", "02", "03", "04", "05", "06", "002"),
    "1": ("15", "1"),
    "2": ("2006", "2"),
    "_": ("_2", "__2"),
    "3": ("3",), "4": ("4",), "5": ("5",),
    "P": ("PM",), "p": ("pm",),
    "-": ("-070000", "-07:00:00", "-0700", "-07:00", "-07"),
    "Z": ("Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07"),
}


def _is_digit(s: str, i: int) -> bool:
    return i < len(s) and "0" <= s[i] <= "9"


def _match_fraction(layout: str, i: int) -> tuple[int, _Std, int] | None:
    if i + 1 >= len(layout) or layout[i + 1] not in "09":
        return None
    ch = layout[i + 1]
    j = i + 1
    while j < len(layout) and layout[j] == ch:
        j += 1
    if _is_digit(layout, j):
        return None
    return i, _Std("." + ch, j - (i + 1), layout[i]), j


def _match_at(layout: str, i: int) -> tuple[int, _Std, int] | None:
    """The element at ``layout[i]``: (where it starts, what it is, where it ends)."""
    c = layout[i]
    if c in ".,":
        return _match_fraction(layout, i)
    if layout.startswith("_2006", i):  # a literal "_", then the year
        return i + 1, _Std("2006"), i + 5
    for tok in _CANDIDATES.get(c, ()):
        if not layout.startswith(tok, i):
            continue
        if tok in ("Jan", "Mon") and i + 3 < len(layout) and "a" <= layout[i + 3] <= "z":
            continue
        return i, _Std(tok), i + len(tok)
    return None


def _next_std(layout: str) -> tuple[str, _Std | None, str]:
    """Go's ``nextStdChunk``: the text before the first element, the element, the rest."""
    for i in range(len(layout)):
        found = _match_at(layout, i)
        if found is not None:
            start, std, end = found
            return layout[:start], std, layout[end:]
    return layout, None, ""


@functools.lru_cache(maxsize=256)
def _chunks(layout: str) -> tuple[str | _Std, ...]:
    out: list[str | _Std] = []
    while layout:
        prefix, std, layout = _next_std(layout)
        if prefix:
            out.append(prefix)
        if std is None:
            break
        out.append(std)
    return tuple(out)


class _Fields(NamedTuple):
    year: int
    month: int
    day: int
    yday: int
    wday: int  #: 0 = Sunday
    hour: int
    minute: int
    second: int
    nsec: int
    offset: int  #: seconds east of UTC
    name: str  #: the zone abbreviation, or ""


def _fields(t: dt.datetime) -> _Fields:
    t = aware(t)
    return _Fields(t.year, t.month, t.day, t.timetuple().tm_yday, t.isoweekday() % 7, t.hour,
                   t.minute, t.second, t.microsecond * 1000, _offset_seconds(t), zone_name(t))


def _quo(a: int, b: int) -> int:
    """Go's integer division (truncating towards zero)."""
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def _rem(a: int, b: int) -> int:
    return a - b * _quo(a, b)


def _pad(n: int, width: int) -> str:
    """Go's ``appendInt``: the sign, then at least ``width`` digits."""
    return ("-" if n < 0 else "") + str(abs(n)).rjust(width, "0")


def _fmt_offset(code: str, offset: int) -> str:
    if code[0] == "Z" and offset == 0:
        return "Z"
    zone, abs_off = _quo(offset, 60), offset
    sign = "+"
    if zone < 0:
        sign, zone, abs_off = "-", -zone, -offset
    out = sign + _pad(_quo(zone, 60), 2)
    colon = ":" in code
    if colon:
        out += ":"
    if code[1:] != "07":
        out += _pad(_rem(zone, 60), 2)
    if code.endswith(("0000", ":00:00")):
        out += (":" if colon else "") + _pad(_rem(abs_off, 60), 2)
    return out


def _fmt_zone_name(f: _Fields) -> str:
    if f.name:
        return f.name
    zone = _quo(f.offset, 60)
    sign = "-" if zone < 0 else "+"
    zone = abs(zone)
    return sign + _pad(zone // 60, 2) + _pad(zone % 60, 2)


def _hour12(h: int) -> int:
    return h % 12 or 12


_FORMATTERS: Final[dict[str, Callable[[_Fields], str]]] = {
    "2006": lambda f: _pad(f.year, 4),
    "06": lambda f: _pad(abs(f.year) % 100, 2),
    "January": lambda f: _LONG_MONTHS[f.month - 1],
    "Jan": lambda f: _SHORT_MONTHS[f.month - 1],
    "1": lambda f: str(f.month),
    "01": lambda f: _pad(f.month, 2),
    "Monday": lambda f: _LONG_DAYS[f.wday],
    "Mon": lambda f: _SHORT_DAYS[f.wday],
    "2": lambda f: str(f.day),
    "_2": lambda f: str(f.day).rjust(2),
    "02": lambda f: _pad(f.day, 2),
    "__2": lambda f: str(f.yday).rjust(3),
    "002": lambda f: _pad(f.yday, 3),
    "15": lambda f: _pad(f.hour, 2),
    "3": lambda f: str(_hour12(f.hour)),
    "03": lambda f: _pad(_hour12(f.hour), 2),
    "4": lambda f: str(f.minute),
    "04": lambda f: _pad(f.minute, 2),
    "5": lambda f: str(f.second),
    "05": lambda f: _pad(f.second, 2),
    "PM": lambda f: "PM" if f.hour >= 12 else "AM",
    "pm": lambda f: "pm" if f.hour >= 12 else "am",
    "MST": _fmt_zone_name,
}


def _fmt_fraction(std: _Std, nsec: int) -> str:
    digits = f"{nsec:09d}"[: min(std.digits, 9)]
    if std.code == ".9":
        digits = digits.rstrip("0")
        if not digits:
            return ""
    return std.sep + digits


def _fmt_std(std: _Std, f: _Fields) -> str:
    if std.code in (".0", ".9"):
        return _fmt_fraction(std, f.nsec)
    fmt = _FORMATTERS.get(std.code)
    return fmt(f) if fmt is not None else _fmt_offset(std.code, f.offset)


def format(t: dt.datetime, layout: str) -> str:
    """Go's ``t.Format(layout)``."""
    f = _fields(t)
    return "".join(c if isinstance(c, str) else _fmt_std(c, f) for c in _chunks(layout))


def time_string(t: dt.datetime) -> str:
    """What Go's ``fmt`` prints for a ``time.Time`` (``Time.String``, without the monotonic
    clock reading ``m=+…`` that Go adds to values straight from ``time.Now``)."""
    return format(t, STRING_LAYOUT)


def null_time_string(t: dt.datetime | None) -> str:
    """What Go's ``fmt`` prints for listmonk's ``null.Time`` (``{Time Valid}``); ``None`` is
    the invalid (NULL) one."""
    if t is None:
        return "{" + time_string(ZERO_TIME) + " false}"
    return "{" + time_string(t) + " true}"


def is_zero(t: dt.datetime) -> bool:
    """Go's ``t.IsZero()``: the instant of ``time.Time{}``, in any zone."""
    return aware(t) == ZERO_TIME


# --- parsing --------------------------------------------------------------------------------


class _Bad(Exception):
    """Go's ``errBad``: the element did not match; ``value`` is what was left of the input."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


class _RangeError(Exception):
    def __init__(self, what: str, value: str) -> None:
        super().__init__(what)
        self.what = what
        self.value = value


class _Parsed:
    """The fields a parse has found so far (Go's ``parse`` locals)."""

    def __init__(self) -> None:
        self.year = 0
        self.month = -1
        self.day = -1
        self.yday = -1
        self.hour = 0
        self.minute = 0
        self.sec = 0
        self.nsec = 0
        self.utc = False  # the input said UTC ("Z" or "UTC")
        self.zone_offset = -1
        self.zone_name = ""
        self.am = False
        self.pm = False
        self.layout_rest = ""  # the layout after the current element


def _atoi(s: str) -> int | None:
    """Go's ``time.atoi``: an optionally signed decimal, all of ``s``."""
    neg = s[:1] == "-"
    body = s[1:] if s[:1] in ("-", "+") else s
    lead = _leading_int(body)
    if lead is None or lead[1]:
        return None
    return -lead[0] if neg else lead[0]


def _getnum(s: str, fixed: bool) -> tuple[int, str]:
    if not _is_digit(s, 0):
        raise _Bad(s)
    if not _is_digit(s, 1):
        if fixed:
            raise _Bad(s)
        return int(s[0]), s[1:]
    return int(s[:2]), s[2:]


def _getnum3(s: str, fixed: bool) -> tuple[int, str]:
    i = 0
    while i < 3 and _is_digit(s, i):
        i += 1
    if i == 0 or (fixed and i != 3):
        raise _Bad(s)
    return int(s[:i]), s[i:]


def _lookup(table: tuple[str, ...], s: str) -> tuple[int, str]:
    for i, name in enumerate(table):
        head = s[: len(name)]
        if len(head) == len(name) and _same_letters(head, name):
            return i, s[len(name):]
    raise _Bad(s)


def _same_letters(a: str, b: str) -> bool:
    """Go's ``match``: equal, ASCII letters compared without case."""
    for x, y in zip(a, b, strict=True):
        if x != y:
            lx, ly = chr(ord(x) | 0x20), chr(ord(y) | 0x20)
            if lx != ly or not "a" <= lx <= "z":
                return False
    return True


def _nanoseconds(value: str, nbytes: int) -> tuple[int, str]:
    """Go's ``parseNanoseconds`` of ``value[:nbytes]`` (a separator, then digits), and the
    input after those ``nbytes`` (where Go's errors point, too)."""
    rest = value[nbytes:]
    if value[0] not in ".,":
        raise _Bad(rest)
    used = min(nbytes, 10)
    ns = _atoi(value[1:used])
    if ns is None:
        raise _Bad(rest)
    if ns < 0:
        raise _RangeError("fractional second", rest)
    return ns * 10 ** (10 - used), rest


def _p_year(p: _Parsed, std: _Std, value: str) -> str:
    if len(value) < 2:
        raise _Bad(value)
    year = _atoi(value[:2])
    if year is None:
        raise _Bad(value)
    p.year = year + (1900 if year >= 69 else 2000)
    return value[2:]


def _p_long_year(p: _Parsed, std: _Std, value: str) -> str:
    if len(value) < 4 or not _is_digit(value, 0):
        raise _Bad(value)
    year = _atoi(value[:4])
    if year is None:
        raise _Bad(value[4:])
    p.year = year
    return value[4:]


def _p_month_name(p: _Parsed, std: _Std, value: str) -> str:
    i, rest = _lookup(_LONG_MONTHS if std.code == "January" else _SHORT_MONTHS, value)
    p.month = i + 1
    return rest


def _p_month(p: _Parsed, std: _Std, value: str) -> str:
    p.month, rest = _getnum(value, std.code == "01")
    if not 0 < p.month <= 12:
        raise _RangeError("month", rest)
    return rest


def _p_weekday(p: _Parsed, std: _Std, value: str) -> str:
    return _lookup(_LONG_DAYS if std.code == "Monday" else _SHORT_DAYS, value)[1]


def _p_day(p: _Parsed, std: _Std, value: str) -> str:
    if std.code == "_2" and value[:1] == " ":
        value = value[1:]
    p.day, rest = _getnum(value, std.code == "02")
    return rest


def _p_yday(p: _Parsed, std: _Std, value: str) -> str:
    for _ in range(2):
        if std.code == "__2" and value[:1] == " ":
            value = value[1:]
    p.yday, rest = _getnum3(value, std.code == "002")
    return rest


def _p_hour(p: _Parsed, std: _Std, value: str) -> str:
    p.hour, rest = _getnum(value, std.code == "03")
    if p.hour >= (24 if std.code == "15" else 13):
        raise _RangeError("hour", rest)
    return rest


def _p_minute(p: _Parsed, std: _Std, value: str) -> str:
    p.minute, rest = _getnum(value, std.code == "04")
    if p.minute >= 60:
        raise _RangeError("minute", rest)
    return rest


def _p_second(p: _Parsed, std: _Std, value: str) -> str:
    try:
        p.sec, value = _getnum(value, std.code == "05")
        bad: _Bad | None = None
    except _Bad as exc:  # Go carries on to the fraction check with the error pending
        bad = exc
    if p.sec >= 60:
        raise _RangeError("second", value)
    if len(value) >= 2 and value[0] in ".," and _is_digit(value, 1):
        nxt = _next_std(p.layout_rest)[1]
        if nxt is not None and nxt.code in (".0", ".9"):
            if bad is not None:
                raise bad
            return value
        n = 2
        while _is_digit(value, n):
            n += 1
        p.nsec, value = _nanoseconds(value, n)
        return value
    if bad is not None:
        raise bad
    return value


def _p_pm(p: _Parsed, std: _Std, value: str) -> str:
    if len(value) < 2:
        raise _Bad(value)
    mark, rest = value[:2], value[2:]
    pm, am = ("PM", "AM") if std.code == "PM" else ("pm", "am")
    if mark == pm:
        p.pm = True
    elif mark == am:
        p.am = True
    else:
        raise _Bad(rest)
    return rest


#: numeric zone elements: (length of the input, where hh, mm, ss are, which ':' it needs)
_ZONE_SHAPES: Final[dict[str, tuple[int, tuple[int, int, int], tuple[int, ...]]]] = {
    "07:00": (6, (1, 4, -1), (3,)),
    "07": (3, (1, -1, -1), ()),
    "07:00:00": (9, (1, 4, 7), (3, 6)),
    "070000": (7, (1, 3, 5), ()),
    "0700": (5, (1, 3, -1), ()),
}


def _p_offset(p: _Parsed, std: _Std, value: str) -> str:
    if std.code in ("Z0700", "Z07", "Z07:00") and value[:1] == "Z":
        p.utc = True
        return value[1:]
    size, (h, m, s), colons = _ZONE_SHAPES[std.code[1:]]
    if len(value) < size or any(value[i] != ":" for i in colons):
        raise _Bad(value)
    rest = value[size:]
    parts = [_atoi(value[i: i + 2]) if i >= 0 else 0 for i in (h, m, s)]
    if None in parts or value[0] not in "+-":
        raise _Bad(rest)
    hh, mm, ss = (int(x or 0) for x in parts)
    offset = (hh * 60 + mm) * 60 + ss
    p.zone_offset = -offset if value[0] == "-" else offset
    return rest


def _signed_offset_len(value: str) -> int:
    """Go's ``parseSignedOffset``: the length of a ``+hh``/``-h`` offset (|h| <= 23), or 0."""
    if value[:1] not in ("+", "-"):
        return 0
    lead = _leading_int(value[1:])
    if lead is None or len(lead[1]) == len(value) - 1 or lead[0] > 23:
        return 0
    return len(value) - len(lead[1])


def _zone_name_len(value: str) -> int:
    """Go's ``parseTimeZone``: the length of the zone abbreviation ``value`` starts with."""
    if len(value) < 3:
        return 0
    if value[:4] in ("ChST", "MeST"):
        return 4
    if value.startswith("GMT"):
        return 3 + (_signed_offset_len(value[3:]) if len(value) > 3 else 0)
    if value[0] in "+-":
        return _signed_offset_len(value)
    upper = len(re.match(r"[A-Z]{0,6}", value).group())  # type: ignore[union-attr]
    if upper == 3:
        return 3
    if upper == 4 and (value[3] == "T" or value[:4] == "WITA"):
        return 4
    if upper == 5 and value[4] == "T":
        return 5
    return 0


def _p_zone_name(p: _Parsed, std: _Std, value: str) -> str:
    if value.startswith("UTC"):
        p.utc = True
        return value[3:]
    n = _zone_name_len(value)
    if n == 0:
        raise _Bad(value)
    p.zone_name = value[:n]
    return value[n:]


def _p_fraction0(p: _Parsed, std: _Std, value: str) -> str:
    n = 1 + std.digits
    if len(value) < n:
        raise _Bad(value)
    p.nsec, value = _nanoseconds(value, n)
    return value


def _p_fraction9(p: _Parsed, std: _Std, value: str) -> str:
    if len(value) < 2 or value[0] not in ".," or not _is_digit(value, 1):
        return value
    i = 0
    while i < 9 and _is_digit(value, i + 1):
        i += 1
    p.nsec, value = _nanoseconds(value, 1 + i)
    return value


_PARSERS: Final[dict[str, Callable[[_Parsed, _Std, str], str]]] = {
    "06": _p_year, "2006": _p_long_year, "Jan": _p_month_name, "January": _p_month_name,
    "1": _p_month, "01": _p_month, "Mon": _p_weekday, "Monday": _p_weekday,
    "2": _p_day, "_2": _p_day, "02": _p_day, "__2": _p_yday, "002": _p_yday,
    "15": _p_hour, "3": _p_hour, "03": _p_hour, "4": _p_minute, "04": _p_minute,
    "5": _p_second, "05": _p_second, "PM": _p_pm, "pm": _p_pm, "MST": _p_zone_name,
    ".0": _p_fraction0, ".9": _p_fraction9,
}


def _skip(value: str, prefix: str) -> str:
    """Go's ``skip``: ``value`` after the literal ``prefix`` (runs of spaces match runs)."""
    while prefix:
        if prefix[0] == " ":
            if value and value[0] != " ":
                raise _Bad(value)
            prefix, value = prefix.lstrip(" "), value.lstrip(" ")
            continue
        if not value or value[0] != prefix[0]:
            raise _Bad(value)
        prefix, value = prefix[1:], value[1:]
    return value


class _ParseFail(Exception):
    """A parse error before Go's message is made: the elements and the leftover input."""

    def __init__(self, layout_elem: str, value_elem: str, message: str = "") -> None:
        super().__init__(message)
        self.layout_elem = layout_elem
        self.value_elem = value_elem
        self.message = message


def _scan(layout: str, value: str) -> _Parsed:
    """Match ``value`` against ``layout`` element by element (Go's ``parse`` loop)."""
    p = _Parsed()
    while True:
        prefix, std, suffix = _next_std(layout)
        std_str = layout[len(prefix): len(layout) - len(suffix)]
        try:
            value = _skip(value, prefix)
        except _Bad as exc:
            raise _ParseFail(prefix, exc.value) from None
        if std is None:
            if value:
                raise _ParseFail("", value, ": extra text: " + _quote(value))
            return p
        layout = p.layout_rest = suffix
        handler = _PARSERS.get(std.code, _p_offset)
        try:
            value = handler(p, std, value)
        except _RangeError as exc:
            raise _ParseFail(std_str, exc.value, f": {exc.what} out of range") from None
        except _Bad as exc:
            raise _ParseFail(std_str, exc.value) from None


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in(month: int, year: int) -> int:
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_BEFORE[month] - _DAYS_BEFORE[month - 1]


def _resolve_yday(p: _Parsed) -> None:
    """Set month and day from the day of the year, checking them against any given."""
    yday, m, d = p.yday, 0, 0
    if _is_leap(p.year):
        if yday == 31 + 29:
            m, d = 2, 29
        elif yday > 31 + 29:
            yday -= 1
    if yday < 1 or yday > 365:
        raise _ParseFail("", "", ": day-of-year out of range")
    if m == 0:
        m = (yday - 1) // 31 + 1
        if _DAYS_BEFORE[m] < yday:
            m += 1
        d = yday - _DAYS_BEFORE[m - 1]
    if p.month >= 0 and p.month != m:
        raise _ParseFail("", "", ": day-of-year does not match month")
    if p.day >= 0 and p.day != d:
        raise _ParseFail("", "", ": day-of-year does not match day")
    p.month, p.day = m, d


def _finish_fields(p: _Parsed) -> None:
    if p.pm and p.hour < 12:
        p.hour += 12
    elif p.am and p.hour == 12:
        p.hour = 0
    if p.yday >= 0:
        _resolve_yday(p)
    else:
        p.month = max(p.month, 1)
        p.day = p.day if p.day >= 0 else 1
    if p.day < 1 or p.day > _days_in(p.month, p.year):
        raise _ParseFail("", "", ": day out of range")


def _lookup_name(local: dt.tzinfo, name: str, wall: dt.datetime) -> int | None:
    """Go's ``Location.lookupName``: the offset of the zone ``name`` of ``local`` around the
    instant ``wall`` (the parsed wall time read as UTC), preferring one in effect then."""
    offsets: list[int] = []
    for days in (0, *range(-360, 361, 30)):
        try:
            local_t = (wall + dt.timedelta(days=days)).astimezone(local)
        except (OverflowError, ValueError):
            continue
        if local_t.tzname() == name and _offset_seconds(local_t) not in offsets:
            offsets.append(_offset_seconds(local_t))
    for off in offsets:
        if zone_name(in_zone(wall - dt.timedelta(seconds=off), local)) == name:
            return off
    return offsets[0] if offsets else None


def _place(p: _Parsed, default: dt.tzinfo, local: dt.tzinfo) -> dt.datetime:
    """The parsed fields as a time in the zone Go's ``parse`` picks."""
    fields = (p.year, p.month, p.day, p.hour, p.minute, p.sec, p.nsec)
    if p.utc:
        return date(*fields, tz=UTC)
    if p.zone_offset != -1:
        t = date(*fields, tz=UTC) - dt.timedelta(seconds=p.zone_offset)
        in_local = in_zone(t, local)
        if _offset_seconds(in_local) == p.zone_offset and (
            not p.zone_name or zone_name(in_local) == p.zone_name
        ):
            return in_local
        return in_zone(t, FixedZone(p.zone_name, p.zone_offset))
    if p.zone_name:
        t = date(*fields, tz=UTC)
        offset = _lookup_name(local, p.zone_name, t)
        if offset is not None:
            return in_zone(t - dt.timedelta(seconds=offset), local)
        offset = 0
        if len(p.zone_name) > 3 and p.zone_name.startswith("GMT"):
            offset = int(p.zone_name[3:]) * 3600
        return in_zone(t, FixedZone(p.zone_name, offset))
    return date(*fields, tz=default)


def parse(layout: str, value: str, tz: dt.tzinfo | None = None) -> dt.datetime:
    """Go's ``time.ParseInLocation(layout, value, tz)``; ``tz=None`` is Go's ``time.Parse``
    (UTC when the input names no zone, zone names and offsets matched against
    :data:`LOCAL_TZ`).

    :raises GoExecError: with Go's message (``parsing time "x" as "2006": cannot parse …``).
    """
    blayout, bvalue = _bytes(layout), _bytes(value)
    default, local = (UTC, LOCAL_TZ) if tz is None else (tz, tz)
    try:
        p = _scan(blayout, bvalue)
        _finish_fields(p)
    except _ParseFail as exc:
        if exc.message:
            raise GoExecError(f"parsing time {_quote(bvalue)}{exc.message}") from None
        raise GoExecError(
            f"parsing time {_quote(bvalue)} as {_quote(blayout)}: cannot parse "
            f"{_quote(exc.value_elem)} as {_quote(exc.layout_elem)}") from None
    if not 1 <= p.year <= 9999:
        raise GoExecError(f"parsing time {_quote(bvalue)}: year {p.year} is outside "
                          "the years 1 to 9999 this engine supports")
    return _place(p, default, local)


def load_location(name: str) -> dt.tzinfo | None:
    """Go's ``time.LoadLocation``: ``""``/``UTC``, ``Local``, or a tz database name; None when
    there is no such zone."""
    if name in ("", "UTC"):
        return UTC
    if name == "Local":
        return LOCAL_TZ
    if ".." in name or name[0] in "/\\":
        return None
    try:
        return ZoneInfo(name)
    except (OSError, ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return None


# --- Sprig's date functions -----------------------------------------------------------------


def _unix_arg(v: object) -> int | None:
    """``v`` as unix seconds if Sprig's type switch takes it so (an ``int`` or ``int64``),
    else None."""
    return int(v) if type(v) is int or type(v) is Int64 else None


def _sprig_time(v: object) -> dt.datetime:
    """Sprig's ``date``/``ago`` argument: a time, unix seconds, or anything else = now."""
    if isinstance(v, dt.datetime):
        return v
    sec = _unix_arg(v)
    return unix(sec) if sec is not None else now()


def sprig_now() -> dt.datetime:
    return now()


def sprig_date(layout: str, when: object) -> str:
    return sprig_date_in_zone(layout, when, "Local")


def sprig_html_date(when: object) -> str:
    return sprig_date_in_zone("2006-01-02", when, "Local")


def sprig_html_date_in_zone(when: object, zone: str) -> str:
    return sprig_date_in_zone("2006-01-02", when, zone)


def sprig_date_in_zone(layout: str, when: object, zone: str) -> str:
    """``when`` (a time, or unix seconds, else now) in ``zone`` (UTC if unknown), formatted."""
    tz = load_location(zone)
    return format(in_zone(_sprig_time(when), tz if tz is not None else UTC), layout)


def sprig_date_modify(change: str, when: dt.datetime) -> dt.datetime:
    """``when`` moved by the Go duration ``change``; unchanged if ``change`` is not one."""
    try:
        d = parse_duration(change)
    except GoExecError:
        return when
    return add(when, d)


def sprig_must_date_modify(change: str, when: dt.datetime) -> dt.datetime:
    return add(when, parse_duration(change))


def sprig_ago(when: object) -> str:
    """The time since ``when`` (a time, unix seconds, else now), rounded to seconds."""
    return str(since(_sprig_time(when)).round(SECOND))


def _parse_int64(s: str) -> int:
    """``strconv.ParseInt(s, 10, 64)`` as Sprig uses it: 0 on a syntax error, the int64
    limit nearest on a range error."""
    if not re.fullmatch(r"[+-]?[0-9]+", s):
        return 0
    return _saturate(int(s))


def sprig_duration(sec: object) -> str:
    """Seconds (a string or an ``int64``, as ``add`` returns) as a Duration; Go ints and
    float64s give ``0s``."""
    n = 0
    if isinstance(sec, str):
        n = _parse_int64(sec)
    elif type(sec) is Int64:
        n = int(sec)
    return str(Duration(n * SECOND))


_ROUND_UNITS: Final = ((HOUR * 24 * 365, "y"), (HOUR * 24 * 30, "mo"), (HOUR * 24, "d"),
                       (HOUR, "h"), (MINUTE, "m"), (SECOND, "s"))


def sprig_duration_round(value: object) -> str:
    """A duration string, or the time since a time, in its largest whole unit (``2h``)."""
    d = 0
    if isinstance(value, str):
        try:
            d = parse_duration(value)
        except GoExecError:
            d = 0
    elif type(value) is Int64:  # nanoseconds (a time.Duration is not an int64 for Sprig)
        d = int(value)
    elif isinstance(value, dt.datetime):
        d = since(value)
    u = abs(d)
    for unit, suffix in _ROUND_UNITS:
        if u > unit:
            return f"{u // unit}{suffix}"
    return "0s"


def sprig_to_date(layout: str, value: str) -> dt.datetime:
    """``value`` parsed by ``layout`` in :data:`LOCAL_TZ`; the zero time if it does not parse."""
    try:
        return parse(layout, value, LOCAL_TZ)
    except GoExecError:
        return ZERO_TIME


def sprig_must_to_date(layout: str, value: str) -> dt.datetime:
    return parse(layout, value, LOCAL_TZ)


def sprig_unix_epoch(when: dt.datetime) -> str:
    return str(unix_seconds(when))


def listmonk_date(layout: str) -> str:
    """listmonk's ``Date``: now in the given layout (``""`` = ``time.ANSIC``)."""
    return format(now(), layout or ANSIC)


#: name, Go parameter types, whether Go returns ``(value, error)``, implementation
_FUNCTIONS: Final[tuple[tuple[str, tuple[str, ...], bool, Callable[..., Any]], ...]] = (
    ("now", (), False, sprig_now),
    ("ago", ("any",), False, sprig_ago),
    ("date", ("string", "any"), False, sprig_date),
    ("dateInZone", ("string", "any", "string"), False, sprig_date_in_zone),
    ("date_in_zone", ("string", "any", "string"), False, sprig_date_in_zone),
    ("dateModify", ("string", "time.Time"), False, sprig_date_modify),
    ("date_modify", ("string", "time.Time"), False, sprig_date_modify),
    ("mustDateModify", ("string", "time.Time"), True, sprig_must_date_modify),
    ("must_date_modify", ("string", "time.Time"), True, sprig_must_date_modify),
    ("duration", ("any",), False, sprig_duration),
    ("durationRound", ("any",), False, sprig_duration_round),
    ("htmlDate", ("any",), False, sprig_html_date),
    ("htmlDateInZone", ("any", "string"), False, sprig_html_date_in_zone),
    ("toDate", ("string", "string"), False, sprig_to_date),
    ("mustToDate", ("string", "string"), True, sprig_must_to_date),
    ("unixEpoch", ("time.Time",), False, sprig_unix_epoch),
    ("Date", ("string",), False, listmonk_date),
)

for _name, _params, _err, _impl in _FUNCTIONS:
    register(_name, _params, error_result=_err)(_impl)


# --- methods --------------------------------------------------------------------------------


class Month(NamedInt):
    """Go's ``time.Month``: prints as its English name."""

    __slots__ = ()
    go_type = "time.Month"

    def __str__(self) -> str:
        return _LONG_MONTHS[self - 1] if 1 <= self <= 12 else f"%!Month({int(self)})"


class Weekday(NamedInt):
    """Go's ``time.Weekday`` (0 = Sunday): prints as its English name."""

    __slots__ = ()
    go_type = "time.Weekday"

    def __str__(self) -> str:
        return _LONG_DAYS[self] if 0 <= self <= 6 else f"%!Weekday({int(self)})"


def add_date(t: dt.datetime, years: int, months: int, days: int) -> dt.datetime:
    """Go's ``t.AddDate``: the wall date moved, then normalized as ``time.Date`` does."""
    t = aware(t)
    assert t.tzinfo is not None
    return date(t.year + years, t.month + months, t.day + days, t.hour, t.minute, t.second,
                t.microsecond * 1000, t.tzinfo)


def _method(name: str, impl: Callable[..., Any], *params: str) -> GoFunc:
    return GoFunc(name, impl, params)


TIME_METHODS: Final[dict[str, GoFunc]] = {
    f.name: f
    for f in (
        _method("Format", format, "string"),
        _method("String", time_string),
        _method("Year", lambda t: aware(t).year),
        _method("Month", lambda t: Month(aware(t).month)),
        _method("Day", lambda t: aware(t).day),
        _method("Hour", lambda t: aware(t).hour),
        _method("Minute", lambda t: aware(t).minute),
        _method("Second", lambda t: aware(t).second),
        _method("Nanosecond", lambda t: aware(t).microsecond * 1000),
        _method("YearDay", lambda t: aware(t).timetuple().tm_yday),
        _method("Weekday", lambda t: Weekday(aware(t).isoweekday() % 7)),
        _method("Unix", lambda t: Int64(unix_seconds(t))),
        _method("UnixMilli", lambda t: Int64(unix_nanos(t) // MILLISECOND)),
        _method("UnixMicro", lambda t: Int64(unix_nanos(t) // MICROSECOND)),
        _method("UnixNano", lambda t: Int64(_wrap64(unix_nanos(t)))),
        _method("UTC", lambda t: in_zone(t, UTC)),
        _method("Local", lambda t: in_zone(t, LOCAL_TZ)),
        _method("IsZero", is_zero),
        _method("Add", add, "time.Duration"),
        _method("Sub", sub, "time.Time"),
        _method("AddDate", add_date, "int", "int", "int"),
        _method("Before", lambda t, u: aware(t) < aware(u), "time.Time"),
        _method("After", lambda t, u: aware(t) > aware(u), "time.Time"),
        _method("Equal", lambda t, u: aware(t) == aware(u), "time.Time"),
    )
}

DURATION_METHODS: Final[dict[str, GoFunc]] = {
    f.name: f
    for f in (
        _method("String", str),
        _method("Hours", lambda d: _quo(int(d), HOUR) + _rem(int(d), HOUR) / HOUR),
        _method("Minutes", lambda d: _quo(int(d), MINUTE) + _rem(int(d), MINUTE) / MINUTE),
        _method("Seconds", lambda d: _quo(int(d), SECOND) + _rem(int(d), SECOND) / SECOND),
        _method("Milliseconds", lambda d: Int64(_quo(int(d), MILLISECOND))),
        _method("Microseconds", lambda d: Int64(_quo(int(d), MICROSECOND))),
        _method("Nanoseconds", Int64),
        _method("Round", Duration.round, "time.Duration"),
        _method("Truncate", Duration.truncate, "time.Duration"),
        _method("Abs", lambda d: Duration(min(abs(int(d)), _MAX_INT64))),
    )
}


def _register_methods() -> None:
    from blaster.gotemplate import values

    values.TYPE_METHODS[dt.datetime] = TIME_METHODS
    values.TYPE_METHODS[Duration] = DURATION_METHODS
    values.TYPE_METHODS[Month] = values.TYPE_METHODS[Weekday] = {"String": _method("String", str)}


_register_methods()
