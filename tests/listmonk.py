"""listmonk's own schema, for tests that point blaster at a database listmonk created.

listmonk's files cannot be copied into this repository. When a listmonk checkout is at hand
(``BLASTER_LISTMONK_SOURCE``, or a copy at ``../shared/listmonk`` beside the repository), its
``schema.sql`` (tables, indexes, materialized views and the default ``settings`` rows its
install inserts) is loaded as listmonk's install does; without one these tests are skipped.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import psycopg
import pytest

from blaster.pgembed import EmbeddedPostgres


def source() -> Path | None:
    """The listmonk checkout, or None."""
    for candidate in (
        os.environ.get("BLASTER_LISTMONK_SOURCE", ""),
        str(Path(__file__).resolve().parent.parent.parent / "shared" / "listmonk"),
    ):
        if candidate and (Path(candidate) / "schema.sql").is_file():
            return Path(candidate)
    return None


def schema_sql() -> str:
    """listmonk's ``schema.sql``, or skip the test."""
    root = source()
    if root is None:
        pytest.skip("no listmonk checkout (BLASTER_LISTMONK_SOURCE or ../shared/listmonk)")
    return (root / "schema.sql").read_text()


def install(conn: psycopg.Connection[Any]) -> None:
    """Create listmonk's schema in an empty database, as ``listmonk --install`` does."""
    conn.execute(schema_sql().encode())


# pg_dump 16.10+ writes a random key on \restrict / \unrestrict lines
_RESTRICT = re.compile(r"^\\(un)?restrict .*$", re.M)


def dump_schema(pg: EmbeddedPostgres, dsn: str) -> str:
    """``pg_dump --schema-only`` of the database, comparable between two runs."""
    out = subprocess.run(
        [str(pg.bin_dir / "pg_dump"), "--schema-only", "--no-owner", "-d", dsn],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return _RESTRICT.sub("", out)
