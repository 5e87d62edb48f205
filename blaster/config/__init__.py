"""Configuration: defaults, a source below the file (listmonk's settings), ``blaster.toml``,
then ``BLASTER_*`` environment variables, in that order of precedence.

Every setting is declared once, in its section (:mod:`blaster.config.sections`); the loader,
the environment names, ``blaster config check`` and the README's reference table derive from
that declaration. The values are frozen dataclasses that validate themselves and can be
pickled to spawned workers. This is the only package that reads ``os.environ``. A
:class:`Layer` is a source below the file (on a listmonk database, listmonk's settings,
mapped by :mod:`blaster.listmonk_settings`); :func:`load_with_sources` says where each
effective value came from.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blaster.config.sections import (
    OPTIONS,
    SECTIONS,
    Database,
    Engine,
    Http,
    Log,
    Media,
    Metrics,
    Notifications,
    Option,
    Privacy,
    Rates,
    Settings,
    Templates,
    Tx,
    Urls,
    build,
    option,
    with_overrides,
)
from blaster.config.servers import (
    TLS_MODES,
    PostbackServer,
    SmtpServer,
    parse_smtp_url,
    postback_table,
    smtp_table,
)
from blaster.config.values import mask_url
from blaster.errors import ConfigError

__all__ = [
    "OPTIONS",
    "SECTIONS",
    "TLS_MODES",
    "Database",
    "Engine",
    "Http",
    "Layer",
    "Log",
    "Media",
    "Metrics",
    "Notifications",
    "Option",
    "PostbackServer",
    "Privacy",
    "Rates",
    "Settings",
    "SmtpServer",
    "Templates",
    "Tx",
    "Urls",
    "load",
    "load_with_sources",
    "mask_url",
    "option",
    "parse_smtp_url",
    "read_toml",
    "with_overrides",
]


def _lookup(data: Mapping[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _check_unknown_keys(data: Mapping[str, Any]) -> None:
    known = {opt.key for opt in OPTIONS}
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
    return tuple(smtp_table(t, i) for i, t in enumerate(tables))


# --- sources: a layer below the file, and where each effective value came from ---------------


@dataclass(frozen=True, slots=True)
class Layer:
    """Settings from a source below ``blaster.toml`` (listmonk's ``settings`` table).

    :param name: the source's name in :func:`load_with_sources` (``listmonk``).
    :param values: setting's TOML key -> (the source's own key, the value, already valid).
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
    """:func:`load`, and for each setting (by TOML key, and ``smtp``, ``postback``) its
    source: ``env NAME``, ``file toml.key``, ``<layer name> <its key>`` or ``default``."""
    env = os.environ if env is None else env
    data = _find_and_read(path, env)
    _check_unknown_keys(data)
    chosen: dict[str, dict[str, Any]] = {}
    sources = {opt.key: "default" for opt in OPTIONS}
    for opt in OPTIONS:
        found = _effective(opt, data, env, base)
        if found is not None:
            chosen.setdefault(opt.section, {})[opt.name], sources[opt.key] = found
    smtp, sources["smtp"] = _smtp_with_source(data, env, base)
    postback, sources["postback"] = _postback_with_source(data, base)
    return build(chosen, smtp=smtp, postback=postback), sources


def _effective(
    opt: Option, data: Mapping[str, Any], env: Mapping[str, str], base: Layer | None
) -> tuple[Any, str] | None:
    """One setting's value and source from the highest source that sets it, or ``None``
    (every source that sets it is parsed: a bad value in the file is an error even when the
    environment overrides it)."""
    found: tuple[Any, str] | None = None
    if base is not None and opt.key in base.values:
        key, value = base.values[opt.key]
        found = value, f"{base.name} {key}"
    raw = _lookup(data, opt.key)
    if raw is not None:
        found = opt.parse(raw, opt.key), f"file {opt.key}"
    if env.get(opt.env, "") != "":
        found = opt.parse(env[opt.env], opt.env), f"env {opt.env}"
    return found


def _postback_with_source(
    data: Mapping[str, Any], base: Layer | None
) -> tuple[tuple[PostbackServer, ...], str]:
    """The postback messengers: ``[[postback]]``, else the layer's, else none."""
    tables = data.get("postback", [])
    if not isinstance(tables, list):
        raise ConfigError("postback: expected an array of tables ([[postback]])")
    if tables:
        return tuple(postback_table(t, i) for i, t in enumerate(tables)), "file [[postback]]"
    if base is not None and base.postback is not None:
        key, layered = base.postback
        return layered, f"{base.name} {key}"
    return (), "default"


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


