"""``subscribers import``: a CSV file into lists of a migrated database, the rows read and
checked by :mod:`blaster.importer` and written by :class:`blaster.store.admin.SubscriberImport`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from blaster.database import connection

if TYPE_CHECKING:
    from blaster.config import Settings
    from blaster.importer import Summary


def run(
    settings: Settings,
    file: str,
    *,
    lists: Sequence[str],
    status: str,
    reject_path: str,
    batch_size: int,
    on_batch: Callable[[Summary], None] | None = None,
) -> Summary:
    """Import ``file`` into the lists named ``lists`` (new subscriptions get ``status``)."""
    from blaster import importer
    from blaster.store import admin

    with connection(settings) as conn:
        ids = admin.list_ids(conn, lists)
        with admin.SubscriberImport(conn, ids, status) as loader:
            return importer.import_file(
                file, loader, reject_path=reject_path, batch_size=batch_size, on_batch=on_batch
            )
