"""Watch listmonk's settings while ``blaster run`` runs.

blaster applies listmonk's settings when it starts. A change saved later in listmonk's UI is
noticed here within :data:`INTERVAL` seconds and logged, once per change, with the blaster
settings it would change (names only, never values: some are secrets), so that the operator
knows a restart is due. Nothing is applied on the fly: rates, relays and URLs live in every
worker process, and a restart (SIGTERM drains, the next start resumes from checkpoints) is
the one way that changes them all at once.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from blaster import config, listmonk_settings
from blaster.errors import StoreError
from blaster.store import listmonk

logger = logging.getLogger(__name__)

#: seconds between two reads of listmonk's settings table
INTERVAL = 10.0


def _effective(layer: config.Layer | None) -> dict[str, Any]:
    """What a layer sets, without the keys it came from."""
    if layer is None:
        return {}
    out: dict[str, Any] = {name: value for name, (_, value) in layer.values.items()}
    out["smtp"] = layer.smtp[1] if layer.smtp is not None else None
    return out


def changed_fields(old: config.Layer | None, new: config.Layer | None) -> list[str]:
    """The blaster settings whose listmonk value differs between two layers."""
    before, after = _effective(old), _effective(new)
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


class SettingsWatch:
    """A daemon thread re-reading listmonk's settings every ``interval`` seconds.

    :param dsn: the database.
    :param base: the settings from the file and the environment alone.
    :param applied: the listmonk layer the engine started with.
    """

    def __init__(
        self,
        dsn: str,
        base: config.Settings,
        applied: config.Layer | None,
        interval: float = INTERVAL,
    ) -> None:
        self.dsn, self.base, self.interval = dsn, base, interval
        self._seen = applied
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="listmonk-settings", daemon=True)

    def start(self) -> SettingsWatch:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()

    def check(self) -> list[str]:
        """Read the settings once; log and return the settings (by TOML key) changed since
        last seen."""
        try:
            rows = listmonk.read_settings_at(self.dsn)
        except StoreError:  # the engine reports the outage itself
            return []
        layer = listmonk_settings.layer(rows, self.base).layer if rows is not None else None
        changed = changed_fields(self._seen, layer)
        if changed:
            logger.warning(
                "listmonk's settings changed (%s): restart `blaster run` to apply them",
                ", ".join(changed),
            )
            self._seen = layer
        return changed
