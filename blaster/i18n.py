"""listmonk's generic template helpers that need no jinja: ``L`` and ``Date``.

:class:`Translations` is the object templates reach as ``L``, with listmonk's methods
``T(key)``, ``Ts(key, name, value, ...)`` and ``Tc(key, n)`` over a flat language file of
listmonk's format (``{"key": "singular | plural", ...}`` with ``{name}`` placeholders); a
key without a translation shows as itself. :func:`format_date` formats a date with a Go
reference-time layout (``2006-01-02 15:04``), as listmonk's ``Date`` does, or with a
``strftime`` format when the layout contains ``%``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

from blaster.errors import ConfigError

#: Go's ``time.ANSIC`` layout: what listmonk's ``Date ""`` prints
ANSIC = "Mon Jan _2 15:04:05 2006"


class Translations:
    """listmonk's i18n object (``L`` in templates).

    :param strings: key → translation; plural forms are ``"singular | plural"``.
    """

    __slots__ = ("_strings",)

    def __init__(self, strings: Mapping[str, str] | None = None) -> None:
        self._strings: Mapping[str, str] = strings or {}

    def T(self, key: str) -> str:
        """The translation of ``key`` (its singular form), or ``key`` itself."""
        value = self._strings.get(key)
        return key if value is None else _singular(value)

    def Ts(self, key: str, *params: object) -> str:
        """:meth:`T` with ``{name}`` placeholders replaced: ``Ts(key, "name", value, ...)``."""
        if len(params) % 2:
            return f"{key}: Invalid arguments"
        value = self._strings.get(key)
        if value is None:
            return key
        text = _singular(value)
        for name, param in zip(params[::2], params[1::2], strict=True):
            text = text.replace("{" + str(name) + "}", str(param))
        return text

    def Tc(self, key: str, n: int) -> str:
        """The plural form of ``key`` when ``n > 1``, else the singular form."""
        value = self._strings.get(key)
        if value is None:
            return key
        return _plural(value) if n > 1 else _singular(value)


def _singular(value: str) -> str:
    return value.split("|", 1)[0].strip()


def _plural(value: str) -> str:
    parts = value.split("|", 1)
    return parts[1].strip() if len(parts) > 1 else value.strip()


@functools.lru_cache(maxsize=8)
def load(path: str) -> Mapping[str, str]:
    """The translations of a listmonk language file (read once per process); ``""`` = none.

    :raises ConfigError: when the file is missing or is not a JSON object of strings.
    """
    if not path:
        return MappingProxyType({})
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"templates.lang_file: cannot read {path}: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"templates.lang_file: {path} is not UTF-8 JSON: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ConfigError(f"templates.lang_file: {path} must hold one JSON object of strings")
    return MappingProxyType(data)


# --- Go reference-time layouts --------------------------------------------------------------

_Fmt = Callable[[dt.datetime], str]


def _fraction(token: str) -> _Fmt:
    digits = len(token) - 1

    def fmt(d: dt.datetime) -> str:
        text = f"{d.microsecond:06d}000"[:digits]
        if token[1] == "9":  # trailing zeros dropped, and the separator with them
            text = text.rstrip("0")
            return token[0] + text if text else ""
        return token[0] + text

    return fmt


def _offset(colon: bool, seconds: bool, z: bool, hours_only: bool = False) -> _Fmt:
    def fmt(d: dt.datetime) -> str:
        off = d.utcoffset() or dt.timedelta(0)
        total = int(off.total_seconds())
        if z and total == 0:
            return "Z"
        sign = "-" if total < 0 else "+"
        h, rest = divmod(abs(total), 3600)
        m, s = divmod(rest, 60)
        if hours_only:
            return f"{sign}{h:02d}"
        sep = ":" if colon else ""
        return f"{sign}{h:02d}{sep}{m:02d}" + (f"{sep}{s:02d}" if seconds else "")

    return fmt


_GO_TOKENS: dict[str, _Fmt] = {
    "January": lambda d: d.strftime("%B"),
    "Monday": lambda d: d.strftime("%A"),
    "Jan": lambda d: d.strftime("%b"),
    "Mon": lambda d: d.strftime("%a"),
    "MST": lambda d: d.tzname() or "UTC",
    "2006": lambda d: f"{d.year:04d}",
    "Z07:00:00": _offset(True, True, True),
    "-07:00:00": _offset(True, True, False),
    "Z070000": _offset(False, True, True),
    "-070000": _offset(False, True, False),
    "Z07:00": _offset(True, False, True),
    "-07:00": _offset(True, False, False),
    "Z0700": _offset(False, False, True),
    "-0700": _offset(False, False, False),
    "Z07": _offset(False, False, True, hours_only=True),
    "-07": _offset(False, False, False, hours_only=True),
    "002": lambda d: f"{d.timetuple().tm_yday:03d}",
    "__2": lambda d: f"{d.timetuple().tm_yday:>3d}",
    "_2": lambda d: f"{d.day:>2d}",
    "01": lambda d: f"{d.month:02d}",
    "02": lambda d: f"{d.day:02d}",
    "03": lambda d: f"{(d.hour % 12) or 12:02d}",
    "04": lambda d: f"{d.minute:02d}",
    "05": lambda d: f"{d.second:02d}",
    "06": lambda d: f"{d.year % 100:02d}",
    "15": lambda d: f"{d.hour:02d}",
    "PM": lambda d: "PM" if d.hour >= 12 else "AM",
    "pm": lambda d: "pm" if d.hour >= 12 else "am",
    "1": lambda d: str(d.month),
    "2": lambda d: str(d.day),
    "3": lambda d: str((d.hour % 12) or 12),
    "4": lambda d: str(d.minute),
    "5": lambda d: str(d.second),
}
#: longest tokens first; ``Jan``/``Mon`` only when no lower-case letter follows (as in Go)
_GO_LAYOUT = re.compile(
    r"[.,](?:0+|9+)(?!\d)|Jan(?![a-z])|Mon(?![a-z])|"
    + "|".join(
        re.escape(t) for t in sorted(_GO_TOKENS, key=len, reverse=True) if t not in ("Jan", "Mon")
    )
)


@functools.lru_cache(maxsize=64)
def _compile_layout(layout: str) -> tuple[str | _Fmt, ...]:
    pieces: list[str | _Fmt] = []
    pos = 0
    for m in _GO_LAYOUT.finditer(layout):
        if m.start() > pos:
            pieces.append(layout[pos : m.start()])
        token = m.group()
        pieces.append(_fraction(token) if token[0] in ".," else _GO_TOKENS[token])
        pos = m.end()
    if pos < len(layout):
        pieces.append(layout[pos:])
    return tuple(pieces)


def format_date(layout: str, when: dt.datetime) -> str:
    """``when`` formatted by a Go layout (``""`` = ANSIC), or by ``strftime`` if it has ``%``."""
    if "%" in layout:
        return when.strftime(layout)
    pieces = _compile_layout(layout or ANSIC)
    return "".join(p if isinstance(p, str) else p(when) for p in pieces)
