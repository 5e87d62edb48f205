"""Migrations: idempotent on an empty database, and on a listmonk database they keep
listmonk's tables and data and add only blaster's own objects."""

from __future__ import annotations

import psycopg

from blaster.store import schema


def tables(conn) -> set[str]:
    rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    return {r[0] for r in rows}


def test_migrate_empty_database_is_idempotent(empty_dsn):
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        assert schema.status(conn) == (0, schema.MIGRATIONS[-1][0])
        first = schema.migrate(conn)
        assert len(first) == len(schema.MIGRATIONS)
        assert schema.migrate(conn) == []
        assert schema.status(conn)[0] == schema.MIGRATIONS[-1][0]
        assert {"subscribers", "campaigns", "blaster_shards", "blaster_failures"} <= tables(conn)


def test_migrate_listmonk_database_only_adds_blaster_objects(empty_dsn):
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        # a listmonk database: its enums and tables, with data, and no blaster objects
        with conn.cursor() as cur:
            schema._create_enums(cur)
            cur.execute(schema.LISTMONK_TABLES)
        conn.execute("ALTER TABLE subscribers ADD COLUMN listmonk_only TEXT DEFAULT 'kept'")
        conn.execute(
            "INSERT INTO subscribers (uuid, email, name) VALUES"
            " (gen_random_uuid(), 'a@example.com', 'A')"
        )
        before = tables(conn)

        schema.migrate(conn)

        added = tables(conn) - before
        assert added and all(t.startswith("blaster_") for t in added)
        row = conn.execute("SELECT email, listmonk_only FROM subscribers").fetchone()
        assert row == ("a@example.com", "kept")
