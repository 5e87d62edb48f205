"""listmonk's settings (its ``settings`` table, what its UI saves) mapped onto blaster's.

:func:`layer` turns the rows :func:`blaster.store.listmonk.read_settings` returns into a
:class:`blaster.config.Layer`: the source below ``blaster.toml`` and the environment. Only
what applies to sending is read. A value blaster cannot honour is never silently dropped:
it is named, once, by its listmonk key, in :attr:`Mapped.warnings`. A value blaster would
reject (a root URL without a scheme) is a warning too, and the setting keeps blaster's own
value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from blaster import config
from blaster.errors import ConfigError

#: the source's name in ``blaster config check``
SOURCE = "listmonk"

_DURATION = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def go_duration(text: str) -> float:
    """Seconds of a Go duration string (``"1h"``, ``"15s"``, ``"1m30s"``, ``"10ms"``)."""
    value = str(text).strip()
    if value in ("0", ""):
        return 0.0
    if not re.fullmatch(rf"(?:{_DURATION.pattern})+", value):
        raise ValueError(f"not a Go duration: {text!r}")
    return sum(float(n) * _UNITS[unit] for n, unit in _DURATION.findall(value))


@dataclass(frozen=True, slots=True)
class Mapped:
    """The layer, and what of listmonk's settings blaster does not honour."""

    layer: config.Layer
    warnings: tuple[str, ...] = ()


@dataclass
class _Builder:
    rows: Mapping[str, Any]
    base: config.Settings
    values: dict[str, tuple[str, Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def set(self, setting: str, key: str, raw: Any) -> None:
        """Set blaster's ``setting`` (``urls.root_url``) from listmonk's ``key``, validated
        by blaster's own parser."""
        try:
            self.values[setting] = (key, config.option(setting).parse(raw, f"{SOURCE} {key}"))
        except ConfigError as exc:
            self.warn(key, f"not used ({exc})")

    def warn(self, key: str, text: str) -> None:
        self.warnings.append(f"listmonk setting {key}: {text}")

    def get(self, key: str, default: Any = None) -> Any:
        return self.rows.get(key, default)


def layer(rows: Mapping[str, Any], base: config.Settings) -> Mapped:
    """Map listmonk's settings rows onto blaster's fields.

    :param rows: key -> decoded JSON value, as listmonk stores them.
    :param base: the settings from the file and the environment alone (their worker count
        divides listmonk's per-server connection limit; their language file is looked at).
    """
    b = _Builder(rows, base)
    for step in _STEPS:
        step(b)
    smtp, postback = _smtp(b), _postback(b)
    return Mapped(
        config.Layer(
            SOURCE,
            dict(b.values),
            ("smtp", smtp) if smtp is not None else None,
            ("messengers", postback) if postback is not None else None,
        ),
        tuple(b.warnings),
    )


# --- one step per group of listmonk keys ----------------------------------------------------


def _urls_and_privacy(b: _Builder) -> None:
    if "app.root_url" in b.rows:
        b.set("urls.root_url", "app.root_url", b.get("app.root_url"))
    for key in ("privacy.individual_tracking", "privacy.unsubscribe_header"):  # same keys
        if key in b.rows:
            b.set(key, key, b.get(key))
    if "privacy.disable_tracking" in b.rows:
        disabled = b.get("privacy.disable_tracking")
        tracking = not disabled if isinstance(disabled, bool) else disabled
        b.set("privacy.tracking", "privacy.disable_tracking", tracking)


def _rates(b: _Builder) -> None:
    """listmonk's rate is per sending goroutine: ``app.message_rate`` × ``app.concurrency``
    messages per second in all; blaster's ``engine.rate`` is across all its workers."""
    if "app.message_rate" in b.rows:
        try:
            rate = max(1, int(b.get("app.message_rate")))
            concurrency = max(1, int(b.get("app.concurrency", 1)))
        except (TypeError, ValueError):
            b.warn("app.message_rate", "not used (expected integers)")
        else:
            b.set("engine.rate", "app.message_rate × app.concurrency", rate * concurrency)
    for key, name in (
        ("app.batch_size", "engine.batch_size"),
        ("app.max_send_errors", "engine.max_send_errors"),
    ):
        if key in b.rows:
            b.set(name, key, b.get(key))


def _sliding_window(b: _Builder) -> None:
    """listmonk's window: at most ``_rate`` messages in any ``_duration``, when enabled."""
    key = "app.message_sliding_window"
    if key not in b.rows:
        return
    if not b.get(key):
        b.set("rates.window_limit", key, 0)
        return
    try:
        period = go_duration(b.get(f"{key}_duration", ""))
    except ValueError as exc:
        b.warn(f"{key}_duration", f"not used ({exc}); the window is off")
        return
    b.set("rates.window_limit", f"{key}_rate", b.get(f"{key}_rate", 0))
    b.set("rates.window_period", f"{key}_duration", period)


def _notifications(b: _Builder) -> None:
    if "app.notify_emails" in b.rows:
        b.set("notifications.admin_emails", "app.notify_emails", b.get("app.notify_emails") or [])
    if b.get("app.from_email"):
        b.set("notifications.from", "app.from_email", b.get("app.from_email"))
        b.set("tx.from", "app.from_email", b.get("app.from_email"))


def _language(b: _Builder) -> None:
    lang = b.get("app.lang")
    if lang and not b.base.templates.lang_file:
        b.warn(
            "app.lang",
            f"{lang!r} is not applied: blaster bundles no language files; set"
            f" templates.lang_file to listmonk's i18n/{lang}.json (until then L.T shows keys)",
        )


def _media(b: _Builder) -> None:
    provider = b.get("upload.provider")
    if provider == "filesystem" and b.get("upload.filesystem.upload_path"):
        b.set("media.dir", "upload.filesystem.upload_path", b.get("upload.filesystem.upload_path"))
    elif provider not in (None, "filesystem"):
        b.warn("upload.provider", f"{provider!r}: attachments are read from media.dir only")


def _postback(b: _Builder) -> tuple[config.PostbackServer, ...] | None:
    """Every enabled postback messenger of listmonk's ``messengers`` setting; ``None``
    when it has none. One with a bad value is skipped and reported."""
    items = [(i, m) for i, m in enumerate(b.get("messengers") or []) if isinstance(m, dict)]
    if not items:
        return None
    out = []
    for index, m in items:
        key = f"messengers[{index}]"
        if not m.get("enabled"):
            continue
        max_conns = max(1, int(m.get("max_conns") or 1))
        if m.get("max_msg_retries"):
            b.warn(
                f"{key}.max_msg_retries",
                f"{m['max_msg_retries']!r} is not honoured: blaster retries 429, 5xx and"
                " network errors up to engine.max_attempts",
            )
        try:
            out.append(
                config.PostbackServer(
                    name=str(m.get("name") or ""),
                    url=str(m.get("root_url") or ""),
                    username=str(m.get("username") or ""),
                    password=str(m.get("password") or ""),
                    timeout=go_duration(str(m.get("timeout") or "5s")) or 5.0,
                    connections=max(1, max_conns // b.base.engine.workers),
                )
            )
        except (ConfigError, ValueError, TypeError) as exc:
            b.warn(key, f"not used: {exc}")
    return tuple(out)


_STEPS: tuple[Callable[[_Builder], None], ...] = (
    _urls_and_privacy,
    _rates,
    _sliding_window,
    _notifications,
    _language,
    _media,
)


# --- SMTP servers -----------------------------------------------------------------------------

#: listmonk server keys blaster does not honour, and what it does instead
_SMTP_UNHONOURED = {
    "wait_timeout": "blaster waits for a free connection as long as it takes",
    "msg_retry_delay": "blaster retries after engine.retry_backoff, doubled per attempt",
}


def _smtp(b: _Builder) -> tuple[config.SmtpServer, ...] | None:
    """Every enabled server of listmonk's ``smtp`` setting; ``None`` when it has none."""
    servers = [
        (index, s)
        for index, s in enumerate(b.get("smtp") or [])
        if isinstance(s, dict) and s.get("enabled")
    ]
    if not servers:
        return None
    out: list[config.SmtpServer] = []
    retries: set[int] = set()
    for index, server in servers:
        key = f"smtp[{index}]"  # listmonk's own position, disabled servers included
        try:
            mapped, retry = _server(b, key, server), int(server.get("max_msg_retries") or 0)
        except (ConfigError, ValueError, TypeError) as exc:
            b.warn(key, f"server {server.get('host', '')!r} not used ({exc})")
            continue
        out.append(mapped)
        retries.add(max(0, retry))
    if retries:
        b.set("engine.max_attempts", "smtp[].max_msg_retries + 1", max(retries) + 1)
        if len(retries) > 1:
            b.warn(
                "smtp[].max_msg_retries",
                f"differs between servers ({sorted(retries)}): blaster's engine.max_attempts"
                f" is one for all, {max(retries) + 1}",
            )
    return tuple(out) if out else None


def _server(b: _Builder, key: str, s: Mapping[str, Any]) -> config.SmtpServer:
    """One listmonk SMTP server as blaster's; what does not map is warned about."""
    auth = str(s.get("auth_protocol") or "none").lower()
    tls = str(s.get("tls_type") or "none").lower()
    max_conns = max(1, int(s.get("max_conns") or 1))
    per_worker = max(1, max_conns // b.base.engine.workers)
    if per_worker * b.base.engine.workers > max_conns:
        b.warn(
            f"{key}.max_conns",
            f"{max_conns} is fewer than engine.workers ({b.base.engine.workers}): blaster opens"
            f" {per_worker * b.base.engine.workers} (one per worker)",
        )
    for name, instead in _SMTP_UNHONOURED.items():
        if s.get(name):
            b.warn(f"{key}.{name}", f"{s[name]!r} is not honoured: {instead}")
    _warn_unsupported(b, key, s)
    host = str(s.get("host") or "").strip()
    if not host:
        raise ValueError("no host")
    return config.SmtpServer(
        host=host,
        port=int(s.get("port") or 25),
        username=str(s.get("username") or "") if auth != "none" else "",
        password=str(s.get("password") or "") if auth != "none" else "",
        tls=tls,
        verify=not bool(s.get("tls_skip_verify")),
        connections=per_worker,
        helo=str(s.get("hello_hostname") or ""),
        idle_timeout=go_duration(s.get("idle_timeout") or "0"),
        name=str(s.get("name") or ""),
    )


def _warn_unsupported(b: _Builder, key: str, s: Mapping[str, Any]) -> None:
    """Per-server features of listmonk blaster has no equivalent for."""
    if s.get("email_headers"):
        b.warn(
            f"{key}.email_headers",
            "per-server headers are not added (put them in the campaign's headers)",
        )
    if s.get("from_addresses"):
        b.warn(f"{key}.from_addresses", "blaster does not route by From address")
