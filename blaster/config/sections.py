"""blaster's settings, by section, each declared once.

A section is a frozen dataclass named after its TOML table (``[engine]`` is
:class:`Engine`); each of its fields is one setting, declared with :func:`setting`: its
default, its parser (:mod:`blaster.config.values`) and its description. Everything else is
derived from that one declaration: the TOML key (``engine.rate``), the environment variable
(``BLASTER_`` + the section's prefix + the key, ``BLASTER_RATE``; two historic names are
spelled out), the loader, ``blaster config check`` and the README's reference table (a test
compares them). A section validates itself at construction with the same parsers, so code
that builds settings directly cannot build invalid ones. The sections are picklable, so
workers receive them as they are.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, ClassVar

from blaster.config import values
from blaster.errors import ConfigError

if TYPE_CHECKING:  # the servers are values of their own (blaster.config.servers)
    from blaster.config.servers import PostbackServer, SmtpServer


def setting(
    default: Any = MISSING,
    parse: values.Parser = values.text,
    doc: str = "",
    *,
    factory: Callable[[], Any] | None = None,
    key: str = "",
    env: str = "",
    mask: Callable[[Any], Any] | None = None,
) -> Any:
    """Declare one setting: a dataclass field carrying its parser and description.

    :param key: its name in TOML when it differs from the field's (``from``).
    :param env: its environment variable when it is not the derived one.
    :param mask: how ``config check`` shows a secret value.
    """
    meta = {"parse": parse, "doc": doc, "key": key, "env": env, "mask": mask}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True, slots=True)
class Option:
    """One setting as the loader, ``config check`` and the README see it."""

    key: str  #: the TOML key, ``engine.rate``; also its name in sources and warnings
    env: str  #: ``BLASTER_RATE``
    parse: values.Parser
    doc: str
    section: str  #: the :class:`Settings` attribute of its section, ``engine``
    name: str  #: its attribute in the section, ``rate``
    mask: Callable[[Any], Any] | None = None


class Section:
    """The base of every section: validation at construction, and its options."""

    __slots__ = ()
    NAME: ClassVar[str]  #: the TOML table, and the attribute of :class:`Settings`
    ENV_PREFIX: ClassVar[str] = ""  #: between ``BLASTER_`` and the key in variable names

    def __post_init__(self) -> None:
        for opt in self.options():
            checked = opt.parse(getattr(self, opt.name), opt.key)
            object.__setattr__(self, opt.name, checked)

    @classmethod
    def options(cls) -> Iterator[Option]:
        """This section's settings, in declaration order."""
        for f in fields(cls):  # type: ignore[arg-type]
            leaf = f.metadata["key"] or f.name
            yield Option(
                key=f"{cls.NAME}.{leaf}",
                env=f.metadata["env"] or f"BLASTER_{cls.ENV_PREFIX}{leaf.upper()}",
                parse=f.metadata["parse"],
                doc=f.metadata["doc"],
                section=cls.NAME,
                name=f.name,
                mask=f.metadata["mask"],
            )


def _stars(value: Any) -> str:
    return "***" if value else ""


@dataclass(frozen=True, slots=True)
class Database(Section):
    """``[database]``: where blaster's (and listmonk's) tables are."""

    NAME: ClassVar[str] = "database"
    dsn: str = setting(
        "",
        values.dsn,
        "PostgreSQL URL; empty = start an embedded PostgreSQL under `data_dir`",
        mask=values.mask_url,
    )
    data_dir: str = setting(
        ".blaster", values.text, "directory of the embedded PostgreSQL and local state"
    )


@dataclass(frozen=True, slots=True)
class Engine(Section):
    """``[engine]``: processes, shards, checkpoints, leases, retries and the error rule."""

    NAME: ClassVar[str] = "engine"
    workers: int = setting(
        parse=values.integer(1), doc="worker processes", factory=lambda: os.cpu_count() or 1
    )
    rate: float = setting(
        0.0, values.number(0), "messages per second across all workers; 0 = unlimited"
    )
    batch_size: int = setting(1000, values.integer(1), "subscribers read per keyset page")
    shard_size: int = setting(
        20_000,
        values.integer(1),
        "subscriber IDs per shard at most (smaller when a campaign would have fewer than"
        " 2 × workers × shards_per_worker shards)",
    )
    shards_per_worker: int = setting(
        2, values.integer(1), "shards a worker sends at the same time"
    )
    checkpoint_interval: float = setting(
        1.0, values.number(0.01), "seconds between durable checkpoints"
    )
    report_interval: float = setting(
        0.2, values.number(0.01), "seconds between a worker's progress reports"
    )
    poll_interval: float = setting(
        1.0,
        values.number(0.05),
        "seconds between campaign scans (LISTEN/NOTIFY also wakes the scan)",
    )
    lease: float = setting(
        30.0,
        values.number(1.0),
        "seconds a node's claim on a shard lasts without renewal (renewed with every"
        " checkpoint); another node takes the shard over 1.25 leases after the last renewal",
    )
    max_attempts: int = setting(
        3, values.integer(1), "attempts per message on temporary errors (4xx, network)"
    )
    retry_backoff: float = setting(
        1.0, values.number(0), "first retry delay in seconds, doubled per attempt"
    )
    max_retry_age: float = setting(
        3600.0,
        values.number(0),
        "seconds after a message's first temporary failure past which it is not retried",
    )
    drain_timeout: float = setting(
        30.0, values.number(0), "seconds a shutdown waits for in-flight messages"
    )
    max_send_errors: int = setting(
        1000, values.integer(0), "failures after which a campaign is paused; 0 = never"
    )
    max_error_rate: float = setting(
        0.0,
        values.fraction,
        "share of failures (0..1) among the last `engine.error_rate_window` messages at"
        " which a campaign is paused; 0 = never",
    )
    error_rate_window: int = setting(
        1000,
        values.integer(1),
        "messages (sent or failed) `engine.max_error_rate` is measured over",
    )


@dataclass(frozen=True, slots=True)
class Rates(Section):
    """``[rates]``: per-domain rates and the sliding window (``engine.rate`` is the total)."""

    NAME: ClassVar[str] = "rates"
    domains: tuple[tuple[str, float], ...] = setting(
        (),
        values.domain_rates,
        "per recipient domain, messages per second across all workers"
        " (`gmail.com=50,yahoo.com=20`); a throttled domain waits, the others go on",
        env="BLASTER_DOMAIN_RATES",
    )
    window_limit: int = setting(
        0,
        values.integer(0),
        "at most this many messages in any `window_period` (kept across restarts); 0 = none",
    )
    window_period: float = setting(
        86400.0, values.number(1), "seconds of the sliding window (86400 = a daily quota)"
    )


@dataclass(frozen=True, slots=True)
class Urls(Section):
    """``[urls]``: the public root of unsubscribe and tracking links."""

    NAME: ClassVar[str] = "urls"
    root_url: str = setting(
        "http://localhost:9000",
        values.root_url,
        "public root URL for unsubscribe and tracking links",
    )


@dataclass(frozen=True, slots=True)
class Metrics(Section):
    """``[metrics]``: the HTTP port of ``/metrics`` and ``/api/tx``."""

    NAME: ClassVar[str] = "metrics"
    ENV_PREFIX: ClassVar[str] = "METRICS_"
    addr: str = setting(
        "127.0.0.1:9108",
        values.host_port,
        "host:port of the HTTP port (`/metrics`, `/api/tx`); port 0 = disabled; a non-loopback"
        " address requires `http.token`",
    )


@dataclass(frozen=True, slots=True)
class Privacy(Section):
    """``[privacy]``: unsubscribe headers and tracking."""

    NAME: ClassVar[str] = "privacy"
    unsubscribe_header: bool = setting(
        True, values.boolean, "add List-Unsubscribe and List-Unsubscribe-Post (RFC 8058)"
    )
    individual_tracking: bool = setting(
        False, values.boolean, "put subscriber UUIDs in tracking URLs"
    )
    tracking: bool = setting(
        True, values.boolean, "`TrackLink` and `TrackView` track; false = plain URLs and no pixel"
    )


@dataclass(frozen=True, slots=True)
class Media(Section):
    """``[media]``: the media library campaign attachments come from."""

    NAME: ClassVar[str] = "media"
    ENV_PREFIX: ClassVar[str] = "MEDIA_"
    dir: str = setting(
        "uploads",
        values.text,
        "directory of the media library (listmonk's filesystem uploads): campaign attachments",
    )


@dataclass(frozen=True, slots=True)
class Templates(Section):
    """``[templates]``: what templates read besides the campaign."""

    NAME: ClassVar[str] = "templates"
    lang_file: str = setting(
        "",
        values.lang_file,
        "listmonk language JSON for `L.T`, `L.Ts`, `L.Tc`; empty = keys show as they are",
    )


@dataclass(frozen=True, slots=True)
class Log(Section):
    """``[log]``: the log's level and line format."""

    NAME: ClassVar[str] = "log"
    ENV_PREFIX: ClassVar[str] = "LOG_"
    level: str = setting("info", values.choice("debug", "info", "warning", "error"), "log level")
    format: str = setting("text", values.choice("text", "json"), "log line format")


@dataclass(frozen=True, slots=True)
class Notifications(Section):
    """``[notifications]``: who is told when a campaign ends or stops, and from whom."""

    NAME: ClassVar[str] = "notifications"
    admin_emails: tuple[str, ...] = setting(
        (),
        values.address_list,
        "addresses told when a campaign finishes, is auto-paused, cancelled or refused"
        " (comma-separated in the environment); empty = no notifications",
    )
    sender: str = setting(
        "blaster <blaster@localhost>",
        values.address,
        "From address of the notifications",
        key="from",
        env="BLASTER_NOTIFY_FROM",
    )


@dataclass(frozen=True, slots=True)
class Http(Section):
    """``[http]``: who may use the HTTP port."""

    NAME: ClassVar[str] = "http"
    ENV_PREFIX: ClassVar[str] = "HTTP_"
    token: str = setting(
        "",
        values.token,
        "when set, every request to the HTTP port needs `Authorization: Bearer <token>`;"
        " required when `metrics.addr` is not a loopback address",
        mask=_stars,
    )


@dataclass(frozen=True, slots=True)
class Tx(Section):
    """``[tx]``: transactional messages (``POST /api/tx``)."""

    NAME: ClassVar[str] = "tx"
    ENV_PREFIX: ClassVar[str] = "TX_"
    queue_size: int = setting(
        1000,
        values.integer(1),
        "transactional messages waiting or in flight at most; more are refused at once"
        " (`POST /api/tx` answers 503)",
    )
    sender: str = setting(
        "",
        values.optional_address,
        "From address of transactional messages that give none; empty = `notifications.from`",
        key="from",
    )
    retention_days: int = setting(
        30,
        values.integer(0),
        "sent and failed `blaster_tx` rows older than this are deleted (at start, then"
        " hourly); 0 = keep them",
    )


#: every section, in the order of the README's reference
SECTIONS: tuple[type[Section], ...] = (
    Database,
    Engine,
    Rates,
    Urls,
    Metrics,
    Privacy,
    Media,
    Templates,
    Log,
    Notifications,
    Http,
    Tx,
)


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective configuration of one blaster node: one value per section, and the
    servers. Each component reads the sections it needs (``settings.engine.rate``)."""

    database: Database = field(default_factory=Database)
    engine: Engine = field(default_factory=Engine)
    rates: Rates = field(default_factory=Rates)
    urls: Urls = field(default_factory=Urls)
    metrics: Metrics = field(default_factory=Metrics)
    privacy: Privacy = field(default_factory=Privacy)
    media: Media = field(default_factory=Media)
    templates: Templates = field(default_factory=Templates)
    log: Log = field(default_factory=Log)
    notifications: Notifications = field(default_factory=Notifications)
    http: Http = field(default_factory=Http)
    tx: Tx = field(default_factory=Tx)
    smtp: tuple[SmtpServer, ...] = ()
    postback: tuple[PostbackServer, ...] = ()

    def value(self, key: str) -> Any:
        """The value of a setting by its TOML key (``engine.rate``)."""
        opt = option(key)
        return getattr(getattr(self, opt.section), opt.name)

    def masked(self) -> dict[str, Any]:
        """The settings as TOML would hold them (``{"engine": {"rate": …}}``), with
        passwords, the token and DSN credentials masked."""
        out: dict[str, Any] = {}
        for opt in OPTIONS:
            shown = self.value(opt.key)
            leaf = opt.key.partition(".")[2]
            out.setdefault(opt.section, {})[leaf] = opt.mask(shown) if opt.mask else shown
        out["smtp"] = [_masked_server(s) for s in self.smtp]
        out["postback"] = [_masked_server(p) for p in self.postback]
        return out


def _masked_server(server: SmtpServer | PostbackServer) -> dict[str, Any]:
    shown = {f.name: getattr(server, f.name) for f in fields(server)}
    shown["password"] = _stars(server.password)
    return shown


#: every setting, section by section
OPTIONS: tuple[Option, ...] = tuple(opt for section in SECTIONS for opt in section.options())
_BY_KEY = {opt.key: opt for opt in OPTIONS}


def option(key: str) -> Option:
    """The :class:`Option` of a setting by its TOML key (``engine.rate``)."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise ConfigError(f"{key}: unknown setting") from None


def with_overrides(settings: Settings, changes: Mapping[str, Any]) -> Settings:
    """A copy of ``settings`` with some values replaced, by TOML key (``engine.rate``), or
    ``smtp``/``postback`` for the servers (used by CLI flags, the demo and tests). The
    changed sections validate the new values."""
    by_section: dict[str, dict[str, Any]] = {}
    servers: dict[str, Any] = {}
    for key, value in changes.items():
        if key in ("smtp", "postback"):
            servers[key] = tuple(value)
            continue
        opt = option(key)
        by_section.setdefault(opt.section, {})[opt.name] = value
    sections = {
        name: replace(getattr(settings, name), **given) for name, given in by_section.items()
    }
    return replace(settings, **sections, **servers)


def build(sections: Mapping[str, Mapping[str, Any]], **servers: Any) -> Settings:
    """Settings from parsed values by section attribute (the loader's last step)."""
    made = {cls.NAME: cls(**sections.get(cls.NAME, {})) for cls in SECTIONS}
    return Settings(**made, **servers)  # type: ignore[arg-type]
