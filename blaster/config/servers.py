"""The servers of the configuration: SMTP relays (``[[smtp]]``, ``BLASTER_SMTP`` URLs) and
HTTP postback messengers (``[[postback]]``), each a frozen value that validates itself."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from blaster.config import values
from blaster.errors import ConfigError

TLS_MODES = ("none", "starttls", "tls")


@dataclass(frozen=True, slots=True)
class SmtpServer:
    """One SMTP relay. ``connections`` is the number of persistent sessions per worker."""

    host: str = "127.0.0.1"
    port: int = 25
    username: str = ""
    password: str = ""
    tls: str = "none"
    verify: bool = True
    connections: int = 16
    helo: str = ""
    timeout: float = 30.0
    max_msgs_per_conn: int = 0
    #: messages per second to this relay across all workers; 0 = unlimited
    max_rate: float = 0.0
    #: seconds without a message after which a connection is closed; 0 = never
    idle_timeout: float = 60.0
    #: this relay's share of messages relative to the other relays' weights
    weight: float = 1.0
    #: a campaign whose messenger is ``email-<name>`` goes over this server only (the name
    #: normalised as listmonk does: lower case, anything but ``a-z0-9-`` becomes ``-``)
    name: str = ""

    def __post_init__(self) -> None:
        if self.tls not in TLS_MODES:
            raise ConfigError(f"smtp.tls: expected one of {', '.join(TLS_MODES)}, got {self.tls!r}")
        if not 0 < self.port < 65536:
            raise ConfigError(f"smtp.port: expected 1..65535, got {self.port}")
        if self.connections < 1:
            raise ConfigError(f"smtp.connections: expected >= 1, got {self.connections}")
        if not self.weight > 0:
            raise ConfigError(f"smtp.weight: expected a number > 0, got {self.weight}")

    @property
    def label(self) -> str:
        """``host:port``, the server's name in logs and metrics (never the credentials)."""
        return f"{self.host}:{self.port}"


@dataclass(frozen=True, slots=True)
class PostbackServer:
    """An HTTP postback messenger (listmonk's): one JSON POST per message to ``url``.

    ``name`` is the messenger campaigns name (normalised as listmonk does: lower case,
    ``a-z0-9`` only); ``connections`` requests at most at once per worker.
    """

    name: str
    url: str
    username: str = ""
    password: str = ""
    timeout: float = 5.0
    connections: int = 4

    def __post_init__(self) -> None:
        if not self.messenger:
            raise ConfigError(f"postback.name: expected letters or digits, got {self.name!r}")
        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(
                f"postback {self.name}: url must be http(s)://host/..., got {self.url!r}"
            )
        if self.connections < 1 or not self.timeout > 0:
            raise ConfigError(f"postback {self.name}: connections >= 1 and timeout > 0 needed")

    @property
    def messenger(self) -> str:
        """The name a campaign's ``messenger`` gives it."""
        return re.sub(r"[^a-z0-9]", "", self.name.lower())

    @property
    def label(self) -> str:
        """Its name in logs, metrics and the worker's rotation."""
        return f"postback:{self.messenger}"


#: SMTP server keys of a ``[[smtp]]`` table, with their parsers.
SMTP_KEYS: dict[str, values.Parser] = {
    "host": values.text,
    "port": values.integer(1),
    "username": values.text,
    "password": values.text,
    "tls": values.choice(*TLS_MODES),
    "verify": values.boolean,
    "connections": values.integer(1),
    "helo": values.text,
    "timeout": values.number(0.1),
    "max_msgs_per_conn": values.integer(0),
    "max_rate": values.number(0),
    "idle_timeout": values.number(0),
    "weight": values.number(0),
    "name": values.text,
}


def parse_smtp_url(url: str, key: str = "BLASTER_SMTP") -> SmtpServer:
    """Parse ``smtp://[user:pass@]host:port[?tls=none|starttls|tls&connections=N...]``."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ConfigError(f"{key}: expected smtp://[user:pass@]host:port[?tls=...], got {url!r}")
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 25)
    except ValueError:
        raise ConfigError(f"{key}: bad port in {values.mask_url(url)!r}") from None
    given: dict[str, Any] = {"host": parts.hostname, "port": port}
    if parts.scheme == "smtps":
        given["tls"] = "tls"
    if parts.username:
        given["username"] = urllib.parse.unquote(parts.username)
        given["password"] = urllib.parse.unquote(parts.password or "")
    for name, raw in urllib.parse.parse_qsl(parts.query):
        if name not in SMTP_KEYS or name in ("host", "port", "username", "password"):
            raise ConfigError(f"{key}: unknown parameter {name!r} in {values.mask_url(url)!r}")
        given[name] = SMTP_KEYS[name](raw, f"{key} {name}")
    return SmtpServer(**given)


def _table(table: Any, where: str, keys: dict[str, values.Parser]) -> dict[str, Any]:
    """The parsed keys of one array-of-tables entry (``where`` = ``smtp[0]``)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table")
    given: dict[str, Any] = {}
    for name, raw in table.items():
        if name not in keys:
            raise ConfigError(f"{where}.{name}: unknown key")
        given[name] = keys[name](raw, f"{where}.{name}")
    return given


def smtp_table(table: Any, index: int) -> SmtpServer:
    """One ``[[smtp]]`` table (the ``index``-th) as a server."""
    return SmtpServer(**_table(table, f"smtp[{index}]", SMTP_KEYS))


#: keys of a ``[[postback]]`` table, with their parsers
POSTBACK_KEYS: dict[str, values.Parser] = {
    "name": values.text,
    "url": values.text,
    "username": values.text,
    "password": values.text,
    "timeout": values.number(0.01),
    "connections": values.integer(1),
}


def postback_table(table: Any, index: int) -> PostbackServer:
    """One ``[[postback]]`` table (the ``index``-th) as a messenger."""
    given = _table(table, f"postback[{index}]", POSTBACK_KEYS)
    for required in ("name", "url"):
        if required not in given:
            raise ConfigError(f"postback[{index}].{required}: missing")
    return PostbackServer(**given)
