"""``blaster run``: start the engine with the effective settings and run it until it is
stopped (or idle, when asked): name the listmonk settings not honoured, refuse to start
without an SMTP server, prepare the metrics directory, attach to the database (the embedded
one if none is configured), watch listmonk's settings while it runs, and hand over to
:func:`blaster.coordinator.run`."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from blaster import config, metricsdir
from blaster.database import database
from blaster.effective import Effective
from blaster.errors import BlasterError

#: named as when the CLI wrote these lines itself, so that log filters keep matching
logger = logging.getLogger("blaster.cli")


def run(loaded: Effective, *, exit_when_idle: bool) -> int:
    """Run the engine; return its exit code (see :func:`blaster.coordinator.run`)."""
    settings = loaded.settings
    for line in loaded.warnings:
        logger.warning("%s", line)
    if not settings.smtp:
        raise BlasterError(
            "no SMTP server configured: set BLASTER_SMTP=smtp://host:port "
            "or add an [[smtp]] table to blaster.toml"
        )
    metricsdir.prepare()
    from blaster import coordinator  # only after the metrics directory is set

    with database(settings) as dsn, watching_listmonk(loaded):
        return coordinator.run(
            config.with_overrides(settings, {"database.dsn": dsn}), exit_when_idle=exit_when_idle
        )


@contextlib.contextmanager
def watching_listmonk(loaded: Effective) -> Iterator[None]:
    """While the engine runs, log changes saved to listmonk's settings (a database with
    listmonk's settings table only)."""
    if loaded.layer is None:
        yield
        return
    from blaster.settings_watch import SettingsWatch

    watch = SettingsWatch(loaded.base.database.dsn, loaded.base, loaded.layer).start()
    try:
        yield
    finally:
        watch.stop()
