"""Value parsers of the configuration: each takes the raw value (a TOML value, an
environment string or an already typed value) and the key to name in its error, and returns
the typed value or raises :class:`~blaster.errors.ConfigError`. Also how a DSN is shown
with its password masked.

A parser returns its own output unchanged, so the settings sections run the same parser
again at construction to validate values built in code.
"""

from __future__ import annotations

import email.utils
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from blaster import addresses
from blaster.errors import ConfigError

Parser = Callable[[Any, str], Any]



def _at_least(convert: Callable[[Any], Any], noun: str, minimum: float) -> Parser:
    def parse(raw: Any, key: str) -> Any:
        try:
            value = convert(raw)
        except (TypeError, ValueError):
            raise ConfigError(f"{key}: expected {noun}, got {raw!r}") from None
        if value < minimum:
            raise ConfigError(f"{key}: expected {noun} >= {minimum}, got {value}")
        return value

    return parse


def integer(minimum: int) -> Parser:
    """An integer of at least ``minimum``."""
    return _at_least(int, "an integer", minimum)


def fraction(raw: Any, key: str) -> float:
    value = float(number(0)(raw, key))
    if value > 1:
        raise ConfigError(f"{key}: expected a number from 0 to 1, got {value}")
    return value


def number(minimum: float) -> Parser:
    """A number of at least ``minimum``, as a float."""
    return _at_least(float, "a number", minimum)


def boolean(raw: Any, key: str) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{key}: expected true or false, got {raw!r}")


def text(raw: Any, key: str) -> str:
    if not isinstance(raw, str):
        raise ConfigError(f"{key}: expected a string, got {raw!r}")
    return raw


def choice(*choices: str) -> Parser:
    def parse(raw: Any, key: str) -> str:
        value = text(raw, key)
        if value.lower() not in choices:
            raise ConfigError(f"{key}: expected one of {', '.join(choices)}, got {raw!r}")
        return value.lower()

    return parse


_CONNINFO = re.compile(r"\s*\w+\s*=")  #: libpq's ``host=/tmp dbname=x`` form


def dsn(raw: Any, key: str) -> str:
    """A PostgreSQL URL, or libpq's ``key=value`` connection string; empty = none."""
    value = text(raw, key).strip()
    url = value.startswith(("postgresql://", "postgres://"))
    if value and not url and not _CONNINFO.match(value):
        raise ConfigError(
            f"{key}: expected a URL like postgresql://user:pass@host:5432/db"
            " (or libpq's host=... dbname=... form)"
        )
    return value


def root_url(raw: Any, key: str) -> str:
    value = text(raw, key).strip().rstrip("/")
    if not value.startswith(("http://", "https://")):
        raise ConfigError(f"{key}: expected an http(s) URL, got {raw!r}")
    return value


def lang_file(raw: Any, key: str) -> str:
    path = text(raw, key).strip()
    if path and not Path(path).is_file():
        raise ConfigError(f"{key}: {path} is not a file (expected a listmonk language JSON)")
    return path


def host_port(raw: Any, key: str) -> str:
    value = text(raw, key).strip()
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) < 65536:
        raise ConfigError(f"{key}: expected host:port (port 0 = disabled), got {raw!r}")
    return value


def address(raw: Any, key: str) -> str:
    """One e-mail address, bare or with a display name (``Ops <ops@example.com>``)."""
    try:
        name, addr = addresses.parse(text(raw, key), allow_localhost=True)
    except ValueError as exc:
        raise ConfigError(
            f"{key}: expected an e-mail address like ops@example.com, got {raw!r} ({exc})"
        ) from None
    return email.utils.formataddr((name, addr)) if name else addr


def optional_address(raw: Any, key: str) -> str:
    """An address as :func:`address` takes it, or empty."""
    return address(raw, key) if text(raw, key).strip() else ""


def token(raw: Any, key: str) -> str:
    value = text(raw, key).strip()
    if not value.isascii() or not value.isprintable() or " " in value:
        raise ConfigError(f"{key}: expected printable ASCII without spaces")
    return value


def address_list(raw: Any, key: str) -> tuple[str, ...]:
    """A TOML array (or a tuple) of addresses, or a string of comma-separated addresses."""
    if isinstance(raw, str):
        items: list[Any] = [part for part in raw.split(",") if part.strip()]
    elif isinstance(raw, list | tuple):
        items = list(raw)
    else:
        raise ConfigError(f"{key}: expected an array of e-mail addresses, got {raw!r}")
    return tuple(address(item, key) for item in items)


def domain_rates(raw: Any, key: str) -> tuple[tuple[str, float], ...]:
    """``{"gmail.com" = 50}`` in TOML, ``gmail.com=50,yahoo.com=20`` in the environment,
    or the ``(domain, rate)`` pairs this returns."""
    if isinstance(raw, str):
        pairs = []
        for item in (part.strip() for part in raw.split(",")):
            domain, sep, rate = item.partition("=")
            if item and not sep:
                raise ConfigError(f"{key}: expected domain=rate pairs, got {item!r}")
            if item:
                pairs.append((domain, rate))
    elif isinstance(raw, dict):
        pairs = list(raw.items())
    elif isinstance(raw, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in raw):
        pairs = list(raw)
    else:
        raise ConfigError(f"{key}: expected a table of domain = messages per second")
    out = []
    for domain, rate in pairs:
        name = str(domain).strip().lower()
        if not name or "@" in name or " " in name:
            raise ConfigError(f"{key}: bad domain {domain!r}")
        value = number(0.001)(rate, f"{key}.{name}")
        out.append((addresses.idna(name), value))
    return tuple(out)


def mask_url(url: str) -> str:
    """Replace the password in a URL (or in libpq's ``password=...`` form) with ``***``."""
    if "://" not in url:
        return re.sub(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", r"\1***", url)
    parts = urllib.parse.urlsplit(url)
    if not parts.password:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
