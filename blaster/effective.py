"""The effective settings of one command: the defaults, listmonk's ``settings`` table (when
the configured database has it), ``blaster.toml``, the ``BLASTER_*`` environment and the
top-level flags (``--debug``, ``--log-format``), each above the one before; with the source
of every value and the listmonk settings blaster does not honour."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from blaster import config

#: the option each flag spells, for the sources ``config check`` shows
DEBUG_FLAG = "--debug"
LOG_FORMAT_FLAG = "--log-format"


@dataclass(frozen=True, slots=True)
class Flags:
    """Top-level command-line options that override settings."""

    debug: bool = False
    log_format: str | None = None

    def values(self) -> dict[str, tuple[str, Any]]:
        """setting's TOML key -> (the flag, its value as the setting holds it)."""
        raw = {"log.level": (DEBUG_FLAG, "debug" if self.debug else None)}
        raw["log.format"] = (LOG_FORMAT_FLAG, self.log_format)
        return {
            key: (flag, config.option(key).parse(value, flag))
            for key, (flag, value) in raw.items()
            if value is not None
        }


@dataclass(frozen=True, slots=True)
class Effective:
    """What :func:`load` found."""

    settings: config.Settings
    #: setting's TOML key -> where its value came from (``env X``, ``file k``, ``listmonk k``,
    #: ``flag f``, ``default``)
    sources: dict[str, str]
    #: the settings from the file, the environment and the flags alone (no listmonk layer)
    base: config.Settings
    #: listmonk's layer, ``None`` when the database has no listmonk settings (or no DSN)
    layer: config.Layer | None = None
    #: listmonk settings blaster does not honour, one line each
    warnings: tuple[str, ...] = ()


def base(
    config_path: str | None, flags: Flags, env: Mapping[str, str] | None = None
) -> config.Settings:
    """The settings from the file, the environment and the flags (no database read).

    :param env: the environment (``None``: this process's, read by :mod:`blaster.config`).
    """
    changes = {key: value for key, (_, value) in flags.values().items()}
    return config.with_overrides(config.load(config_path, env), changes)


def load(
    config_path: str | None, flags: Flags, *, wait: bool, env: Mapping[str, str] | None = None
) -> Effective:
    """Build the settings; ``wait``: retry while the database is unreachable (``run``)."""
    below = base(config_path, flags, env)
    layer, warnings = _listmonk_layer(below, wait=wait)
    settings, sources = config.load_with_sources(config_path, env, base=layer)
    changes = {}
    for key, (flag, value) in flags.values().items():
        changes[key], sources[key] = value, f"flag {flag}"
    settings = config.with_overrides(settings, changes)
    return Effective(settings, sources, below, layer, warnings)


def _listmonk_layer(
    below: config.Settings, *, wait: bool
) -> tuple[config.Layer | None, tuple[str, ...]]:
    """listmonk's settings as a layer, and what of them is not honoured."""
    if not below.database.dsn:  # the embedded PostgreSQL is blaster's own: no listmonk settings
        return None, ()
    from blaster import listmonk_settings
    from blaster.store import listmonk

    read = listmonk.wait_and_read_settings if wait else listmonk.read_settings_at
    rows = read(below.database.dsn)
    if rows is None:
        return None, ()
    mapped = listmonk_settings.layer(rows, below)
    return mapped.layer, mapped.warnings
