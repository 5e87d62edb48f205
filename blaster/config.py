"""Configuration: one loader for ``blaster.toml`` plus ``BLASTER_*`` environment overrides.

Every setting is declared once in :data:`OPTIONS` (TOML key, environment variable, parser,
default, description); the README's configuration reference is checked against this table by
a test. Values end up in frozen dataclasses that can be pickled to spawned workers. This is
the only module that reads ``os.environ``. A :class:`Layer` is a source below the file (on a
listmonk database, listmonk's settings, mapped by :mod:`blaster.listmonk_settings`);
:func:`load_with_sources` says where each effective value came from.
"""

from __future__ import annotations

import email.utils
import os
import re
import tomllib
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from blaster import addresses
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


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective configuration of one blaster node."""

    dsn: str = ""
    data_dir: str = ".blaster"
    smtp: tuple[SmtpServer, ...] = ()
    postback: tuple[PostbackServer, ...] = ()
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    rate: float = 0.0
    root_url: str = "http://localhost:9000"
    metrics_addr: str = "127.0.0.1:9108"
    batch_size: int = 1000
    shard_size: int = 20_000
    shards_per_worker: int = 2
    checkpoint_interval: float = 1.0
    report_interval: float = 0.2
    poll_interval: float = 1.0
    lease: float = 30.0
    max_attempts: int = 3
    retry_backoff: float = 1.0
    max_retry_age: float = 3600.0
    drain_timeout: float = 30.0
    max_send_errors: int = 1000
    max_error_rate: float = 0.0
    error_rate_window: int = 1000
    unsubscribe_header: bool = True
    individual_tracking: bool = False
    tracking: bool = True
    media_dir: str = "uploads"
    lang_file: str = ""
    log_level: str = "INFO"
    log_format: str = "text"
    admin_emails: tuple[str, ...] = ()
    domain_rates: tuple[tuple[str, float], ...] = ()
    window_limit: int = 0
    window_period: float = 86400.0
    notify_from: str = "blaster <blaster@localhost>"
    tx_queue_size: int = 1000
    tx_from: str = ""
    tx_retention_days: int = 30
    http_token: str = ""

    def masked(self) -> dict[str, Any]:
        """The settings as a mapping with passwords and DSN credentials masked."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["dsn"] = mask_url(self.dsn)
        out["http_token"] = "***" if self.http_token else ""
        out["postback"] = [
            {
                f.name: ("***" if f.name == "password" and p.password else getattr(p, f.name))
                for f in fields(p)
            }
            for p in self.postback
        ]
        out["smtp"] = [
            {
                f.name: ("***" if f.name == "password" and s.password else getattr(s, f.name))
                for f in fields(s)
            }
            for s in self.smtp
        ]
        return out


# --- parsers: each takes the raw value (TOML or env string) and the key, for its errors ----

Parser = Callable[[Any, str], Any]


def _int(minimum: int) -> Parser:
    def parse(raw: Any, key: str) -> int:
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise ConfigError(f"{key}: expected an integer, got {raw!r}") from None
        if value < minimum:
            raise ConfigError(f"{key}: expected an integer >= {minimum}, got {value}")
        return value

    return parse


def _fraction(raw: Any, key: str) -> float:
    value = float(_float(0)(raw, key))
    if value > 1:
        raise ConfigError(f"{key}: expected a number from 0 to 1, got {value}")
    return value


def _float(minimum: float) -> Parser:
    def parse(raw: Any, key: str) -> float:
        try:
            value = float(raw)
        except (TypeError, ValueError):
            raise ConfigError(f"{key}: expected a number, got {raw!r}") from None
        if value < minimum:
            raise ConfigError(f"{key}: expected a number >= {minimum}, got {value}")
        return value

    return parse


def _bool(raw: Any, key: str) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{key}: expected true or false, got {raw!r}")


def _str(raw: Any, key: str) -> str:
    if not isinstance(raw, str):
        raise ConfigError(f"{key}: expected a string, got {raw!r}")
    return raw


def _choice(*choices: str) -> Parser:
    def parse(raw: Any, key: str) -> str:
        value = _str(raw, key)
        if value.lower() not in choices:
            raise ConfigError(f"{key}: expected one of {', '.join(choices)}, got {raw!r}")
        return value.lower()

    return parse


def _dsn(raw: Any, key: str) -> str:
    value = _str(raw, key).strip()
    if value and not value.startswith(("postgresql://", "postgres://")):
        raise ConfigError(f"{key}: expected a URL like postgresql://user:pass@host:5432/db")
    return value


def _root_url(raw: Any, key: str) -> str:
    value = _str(raw, key).strip().rstrip("/")
    if not value.startswith(("http://", "https://")):
        raise ConfigError(f"{key}: expected an http(s) URL, got {raw!r}")
    return value


def _lang_file(raw: Any, key: str) -> str:
    path = _str(raw, key).strip()
    if path and not Path(path).is_file():
        raise ConfigError(f"{key}: {path} is not a file (expected a listmonk language JSON)")
    return path


def _host_port(raw: Any, key: str) -> str:
    value = _str(raw, key).strip()
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) < 65536:
        raise ConfigError(f"{key}: expected host:port (port 0 = disabled), got {raw!r}")
    return value


def _address(raw: Any, key: str) -> str:
    """One e-mail address, bare or with a display name (``Ops <ops@example.com>``)."""
    try:
        name, addr = addresses.parse(_str(raw, key), allow_localhost=True)
    except ValueError as exc:
        raise ConfigError(
            f"{key}: expected an e-mail address like ops@example.com, got {raw!r} ({exc})"
        ) from None
    return email.utils.formataddr((name, addr)) if name else addr


def _optional_address(raw: Any, key: str) -> str:
    """An address as :func:`_address` takes it, or empty."""
    return _address(raw, key) if _str(raw, key).strip() else ""


def _token(raw: Any, key: str) -> str:
    value = _str(raw, key).strip()
    if not value.isascii() or not value.isprintable() or " " in value:
        raise ConfigError(f"{key}: expected printable ASCII without spaces")
    return value


def _addresses(raw: Any, key: str) -> tuple[str, ...]:
    """A TOML array of addresses, or a string of comma-separated addresses."""
    if isinstance(raw, str):
        items: list[Any] = [part for part in raw.split(",") if part.strip()]
    elif isinstance(raw, list):
        items = raw
    else:
        raise ConfigError(f"{key}: expected an array of e-mail addresses, got {raw!r}")
    return tuple(_address(item, key) for item in items)


def _domain_rates(raw: Any, key: str) -> tuple[tuple[str, float], ...]:
    """``{"gmail.com" = 50}`` in TOML, or ``gmail.com=50,yahoo.com=20`` in the environment."""
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
    else:
        raise ConfigError(f"{key}: expected a table of domain = messages per second")
    out = []
    for domain, rate in pairs:
        name = str(domain).strip().lower()
        if not name or "@" in name or " " in name:
            raise ConfigError(f"{key}: bad domain {domain!r}")
        value = _float(0.001)(rate, f"{key}.{name}")
        out.append((addresses.idna(name), value))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Option:
    """One setting: where it lives in TOML, its environment variable, how to parse it."""

    field: str
    toml: str
    env: str
    parse: Parser
    doc: str


OPTIONS: tuple[Option, ...] = (
    Option(
        "dsn",
        "database.dsn",
        "BLASTER_DSN",
        _dsn,
        "PostgreSQL URL; empty = start an embedded PostgreSQL under `data_dir`",
    ),
    Option(
        "data_dir",
        "database.data_dir",
        "BLASTER_DATA_DIR",
        _str,
        "directory of the embedded PostgreSQL and local state",
    ),
    Option("workers", "engine.workers", "BLASTER_WORKERS", _int(1), "worker processes"),
    Option(
        "rate",
        "engine.rate",
        "BLASTER_RATE",
        _float(0),
        "messages per second across all workers; 0 = unlimited",
    ),
    Option(
        "domain_rates",
        "rates.domains",
        "BLASTER_DOMAIN_RATES",
        _domain_rates,
        "per recipient domain, messages per second across all workers"
        " (`gmail.com=50,yahoo.com=20`); a throttled domain waits, the others go on",
    ),
    Option(
        "window_limit",
        "rates.window_limit",
        "BLASTER_WINDOW_LIMIT",
        _int(0),
        "at most this many messages in any `window_period` (kept across restarts); 0 = none",
    ),
    Option(
        "window_period",
        "rates.window_period",
        "BLASTER_WINDOW_PERIOD",
        _float(1),
        "seconds of the sliding window (86400 = a daily quota)",
    ),
    Option(
        "batch_size",
        "engine.batch_size",
        "BLASTER_BATCH_SIZE",
        _int(1),
        "subscribers read per keyset page",
    ),
    Option(
        "shard_size",
        "engine.shard_size",
        "BLASTER_SHARD_SIZE",
        _int(1),
        "subscriber IDs per shard at most (smaller when a campaign would have fewer than"
        " 2 × workers × shards_per_worker shards)",
    ),
    Option(
        "shards_per_worker",
        "engine.shards_per_worker",
        "BLASTER_SHARDS_PER_WORKER",
        _int(1),
        "shards a worker sends at the same time",
    ),
    Option(
        "checkpoint_interval",
        "engine.checkpoint_interval",
        "BLASTER_CHECKPOINT_INTERVAL",
        _float(0.01),
        "seconds between durable checkpoints",
    ),
    Option(
        "report_interval",
        "engine.report_interval",
        "BLASTER_REPORT_INTERVAL",
        _float(0.01),
        "seconds between a worker's progress reports",
    ),
    Option(
        "poll_interval",
        "engine.poll_interval",
        "BLASTER_POLL_INTERVAL",
        _float(0.05),
        "seconds between campaign scans (LISTEN/NOTIFY also wakes the scan)",
    ),
    Option(
        "lease",
        "engine.lease",
        "BLASTER_LEASE",
        _float(1.0),
        "seconds a node's claim on a shard lasts without renewal (renewed with every"
        " checkpoint); another node takes the shard over 1.25 leases after the last renewal",
    ),
    Option(
        "max_attempts",
        "engine.max_attempts",
        "BLASTER_MAX_ATTEMPTS",
        _int(1),
        "attempts per message on temporary errors (4xx, network)",
    ),
    Option(
        "retry_backoff",
        "engine.retry_backoff",
        "BLASTER_RETRY_BACKOFF",
        _float(0),
        "first retry delay in seconds, doubled per attempt",
    ),
    Option(
        "max_retry_age",
        "engine.max_retry_age",
        "BLASTER_MAX_RETRY_AGE",
        _float(0),
        "seconds after a message's first temporary failure past which it is not retried",
    ),
    Option(
        "drain_timeout",
        "engine.drain_timeout",
        "BLASTER_DRAIN_TIMEOUT",
        _float(0),
        "seconds a shutdown waits for in-flight messages",
    ),
    Option(
        "max_send_errors",
        "engine.max_send_errors",
        "BLASTER_MAX_SEND_ERRORS",
        _int(0),
        "failures after which a campaign is paused; 0 = never",
    ),
    Option(
        "max_error_rate",
        "engine.max_error_rate",
        "BLASTER_MAX_ERROR_RATE",
        _fraction,
        "share of failures (0..1) among the last `engine.error_rate_window` messages at"
        " which a campaign is paused; 0 = never",
    ),
    Option(
        "error_rate_window",
        "engine.error_rate_window",
        "BLASTER_ERROR_RATE_WINDOW",
        _int(1),
        "messages (sent or failed) `engine.max_error_rate` is measured over",
    ),
    Option(
        "root_url",
        "urls.root_url",
        "BLASTER_ROOT_URL",
        _root_url,
        "public root URL for unsubscribe and tracking links",
    ),
    Option(
        "metrics_addr",
        "metrics.addr",
        "BLASTER_METRICS_ADDR",
        _host_port,
        "host:port of the HTTP port (`/metrics`, `/api/tx`); port 0 = disabled; a non-loopback"
        " address requires `http.token`",
    ),
    Option(
        "unsubscribe_header",
        "privacy.unsubscribe_header",
        "BLASTER_UNSUBSCRIBE_HEADER",
        _bool,
        "add List-Unsubscribe and List-Unsubscribe-Post (RFC 8058)",
    ),
    Option(
        "individual_tracking",
        "privacy.individual_tracking",
        "BLASTER_INDIVIDUAL_TRACKING",
        _bool,
        "put subscriber UUIDs in tracking URLs",
    ),
    Option(
        "tracking",
        "privacy.tracking",
        "BLASTER_TRACKING",
        _bool,
        "`TrackLink` and `TrackView` track; false = plain URLs and no pixel",
    ),
    Option(
        "media_dir",
        "media.dir",
        "BLASTER_MEDIA_DIR",
        _str,
        "directory of the media library (listmonk's filesystem uploads): campaign attachments",
    ),
    Option(
        "lang_file",
        "templates.lang_file",
        "BLASTER_LANG_FILE",
        _lang_file,
        "listmonk language JSON for `L.T`, `L.Ts`, `L.Tc`; empty = keys show as they are",
    ),
    Option(
        "log_level",
        "log.level",
        "BLASTER_LOG_LEVEL",
        _choice("debug", "info", "warning", "error"),
        "log level",
    ),
    Option(
        "log_format", "log.format", "BLASTER_LOG_FORMAT", _choice("text", "json"), "log line format"
    ),
    Option(
        "admin_emails",
        "notifications.admin_emails",
        "BLASTER_ADMIN_EMAILS",
        _addresses,
        "addresses told when a campaign finishes, is auto-paused, cancelled or refused"
        " (comma-separated in the environment); empty = no notifications",
    ),
    Option(
        "notify_from",
        "notifications.from",
        "BLASTER_NOTIFY_FROM",
        _address,
        "From address of the notifications",
    ),
    Option(
        "http_token",
        "http.token",
        "BLASTER_HTTP_TOKEN",
        _token,
        "when set, every request to the HTTP port needs `Authorization: Bearer <token>`;"
        " required when `metrics.addr` is not a loopback address",
    ),
    Option(
        "tx_queue_size",
        "tx.queue_size",
        "BLASTER_TX_QUEUE_SIZE",
        _int(1),
        "transactional messages waiting or in flight at most; more are refused at once"
        " (`POST /api/tx` answers 503)",
    ),
    Option(
        "tx_from",
        "tx.from",
        "BLASTER_TX_FROM",
        _optional_address,
        "From address of transactional messages that give none; empty = `notifications.from`",
    ),
    Option(
        "tx_retention_days",
        "tx.retention_days",
        "BLASTER_TX_RETENTION_DAYS",
        _int(0),
        "sent and failed `blaster_tx` rows older than this are deleted (at start, then"
        " hourly); 0 = keep them",
    ),
)

#: SMTP server keys of a ``[[smtp]]`` table, with their parsers.
SMTP_KEYS: dict[str, Parser] = {
    "host": _str,
    "port": _int(1),
    "username": _str,
    "password": _str,
    "tls": _choice(*TLS_MODES),
    "verify": _bool,
    "connections": _int(1),
    "helo": _str,
    "timeout": _float(0.1),
    "max_msgs_per_conn": _int(0),
    "max_rate": _float(0),
    "idle_timeout": _float(0),
    "weight": _float(0),
    "name": _str,
}


def parse_smtp_url(url: str, key: str = "BLASTER_SMTP") -> SmtpServer:
    """Parse ``smtp://[user:pass@]host:port[?tls=none|starttls|tls&connections=N...]``."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ConfigError(f"{key}: expected smtp://[user:pass@]host:port[?tls=...], got {url!r}")
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 25)
    except ValueError:
        raise ConfigError(f"{key}: bad port in {mask_url(url)!r}") from None
    values: dict[str, Any] = {"host": parts.hostname, "port": port}
    if parts.scheme == "smtps":
        values["tls"] = "tls"
    if parts.username:
        values["username"] = urllib.parse.unquote(parts.username)
        values["password"] = urllib.parse.unquote(parts.password or "")
    for name, raw in urllib.parse.parse_qsl(parts.query):
        if name not in SMTP_KEYS or name in ("host", "port", "username", "password"):
            raise ConfigError(f"{key}: unknown parameter {name!r} in {mask_url(url)!r}")
        values[name] = SMTP_KEYS[name](raw, f"{key} {name}")
    return SmtpServer(**values)


def _smtp_table(table: Any, index: int) -> SmtpServer:
    if not isinstance(table, dict):
        raise ConfigError(f"smtp[{index}]: expected a table")
    values: dict[str, Any] = {}
    for name, raw in table.items():
        if name not in SMTP_KEYS:
            raise ConfigError(f"smtp[{index}].{name}: unknown key")
        values[name] = SMTP_KEYS[name](raw, f"smtp[{index}].{name}")
    return SmtpServer(**values)


def mask_url(url: str) -> str:
    """Replace the password in a URL with ``***``."""
    parts = urllib.parse.urlsplit(url)
    if not parts.password:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def _lookup(data: Mapping[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _check_unknown_keys(data: Mapping[str, Any]) -> None:
    known = {opt.toml for opt in OPTIONS}
    sections = {name.split(".")[0] for name in known} | {"smtp", "postback"}
    for section, body in data.items():
        if section not in sections:
            raise ConfigError(f"{section}: unknown section (expected one of {sorted(sections)})")
        if section in ("smtp", "postback"):
            continue
        if not isinstance(body, dict):
            raise ConfigError(f"{section}: expected a table")
        for name in body:
            if f"{section}.{name}" not in known:
                raise ConfigError(f"{section}.{name}: unknown key")


def read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file, turning syntax errors into a :class:`ConfigError` naming the file."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def load(
    path: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    base: Layer | None = None,
) -> Settings:
    """Build the effective settings: defaults, ``base``, the TOML file, then ``BLASTER_*``.

    :param path: the TOML file; ``None`` uses ``BLASTER_CONFIG`` or ``./blaster.toml`` if
        either exists.
    :param env: the environment (``os.environ`` when omitted).
    :param base: values from a source below the file (listmonk's ``settings`` table).
    """
    return load_with_sources(path, env, base)[0]


def _find_and_read(path: str | Path | None, env: Mapping[str, str]) -> dict[str, Any]:
    if path is None and env.get("BLASTER_CONFIG"):
        path = env["BLASTER_CONFIG"]
    if path is not None:
        return read_toml(Path(path))
    default = Path("blaster.toml")
    return read_toml(default) if default.exists() else {}


def _load_smtp(data: Mapping[str, Any], env: Mapping[str, str]) -> tuple[SmtpServer, ...]:
    if env.get("BLASTER_SMTP", "").strip():
        urls = [u for u in env["BLASTER_SMTP"].split(",") if u.strip()]
        return tuple(parse_smtp_url(u) for u in urls)
    tables = data.get("smtp", [])
    if not isinstance(tables, list):
        raise ConfigError("smtp: expected an array of tables ([[smtp]])")
    return tuple(_smtp_table(t, i) for i, t in enumerate(tables))


def with_overrides(settings: Settings, **changes: Any) -> Settings:
    """A copy of ``settings`` with some fields replaced (used by CLI flags and tests)."""
    return replace(settings, **changes)


# --- sources: a layer below the file, and where each effective value came from ---------------


@dataclass(frozen=True, slots=True)
class Layer:
    """Settings from a source below ``blaster.toml`` (listmonk's ``settings`` table).

    :param name: the source's name in :func:`load_with_sources` (``listmonk``).
    :param values: field -> (the source's own key, the value, already valid).
    :param smtp: the SMTP servers and the source's key for them; ``None``: it names none.
    """

    name: str
    values: Mapping[str, tuple[str, Any]] = field(default_factory=dict)
    smtp: tuple[str, tuple[SmtpServer, ...]] | None = None
    #: the postback messengers and the source's key for them; ``None``: it names none
    postback: tuple[str, tuple[PostbackServer, ...]] | None = None


def load_with_sources(
    path: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    base: Layer | None = None,
) -> tuple[Settings, dict[str, str]]:
    """:func:`load`, and for each field of :class:`Settings` its source: ``env NAME``,
    ``file toml.key``, ``<layer name> <its key>`` or ``default``."""
    env = os.environ if env is None else env
    data = _find_and_read(path, env)
    _check_unknown_keys(data)
    values: dict[str, Any] = {}
    sources = {f.name: "default" for f in fields(Settings)}
    for opt in OPTIONS:
        if base is not None and opt.field in base.values:
            key, values[opt.field] = base.values[opt.field]
            sources[opt.field] = f"{base.name} {key}"
        raw = _lookup(data, opt.toml)
        if raw is not None:
            values[opt.field] = opt.parse(raw, opt.toml)
            sources[opt.field] = f"file {opt.toml}"
        if env.get(opt.env, "") != "":
            values[opt.field] = opt.parse(env[opt.env], opt.env)
            sources[opt.field] = f"env {opt.env}"
    values["smtp"], sources["smtp"] = _smtp_with_source(data, env, base)
    values["postback"], sources["postback"] = _postback_with_source(data, base)
    return Settings(**values), sources


#: keys of a ``[[postback]]`` table, with their parsers
POSTBACK_KEYS: dict[str, Parser] = {
    "name": _str,
    "url": _str,
    "username": _str,
    "password": _str,
    "timeout": _float(0.01),
    "connections": _int(1),
}


def _postback_with_source(
    data: Mapping[str, Any], base: Layer | None
) -> tuple[tuple[PostbackServer, ...], str]:
    """The postback messengers: ``[[postback]]``, else the layer's, else none."""
    tables = data.get("postback", [])
    if not isinstance(tables, list):
        raise ConfigError("postback: expected an array of tables ([[postback]])")
    if tables:
        return tuple(_postback_table(t, i) for i, t in enumerate(tables)), "file [[postback]]"
    if base is not None and base.postback is not None:
        key, layered = base.postback
        return layered, f"{base.name} {key}"
    return (), "default"


def _postback_table(table: Any, index: int) -> PostbackServer:
    if not isinstance(table, dict):
        raise ConfigError(f"postback[{index}]: expected a table")
    values: dict[str, Any] = {}
    for name, raw in table.items():
        if name not in POSTBACK_KEYS:
            raise ConfigError(f"postback[{index}].{name}: unknown key")
        values[name] = POSTBACK_KEYS[name](raw, f"postback[{index}].{name}")
    for required in ("name", "url"):
        if required not in values:
            raise ConfigError(f"postback[{index}].{required}: missing")
    return PostbackServer(**values)


def _smtp_with_source(
    data: Mapping[str, Any], env: Mapping[str, str], base: Layer | None
) -> tuple[tuple[SmtpServer, ...], str]:
    """The SMTP servers: ``BLASTER_SMTP``, else ``[[smtp]]``, else the layer's, else none."""
    servers = _load_smtp(data, env)
    if env.get("BLASTER_SMTP", "").strip():
        return servers, "env BLASTER_SMTP"
    if servers:
        return servers, "file [[smtp]]"
    if base is not None and base.smtp is not None:
        key, layered = base.smtp
        return layered, f"{base.name} {key}"
    return (), "default"


def option(name: str) -> Option:
    """The :class:`Option` of a :class:`Settings` field."""
    for opt in OPTIONS:
        if opt.field == name:
            return opt
    raise KeyError(name)
