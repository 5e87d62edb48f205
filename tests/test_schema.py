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


def test_done_above_checkpoints_become_read_upto_and_undone(conn):
    """Version 7 rewrites a shard checkpoint kept as a done-above set: every ID between the
    frontier and the highest done one that was not done is undone (sent on resume)."""
    from tests import helpers as h

    cid = h.create_campaign(conn, [h.create_list(conn, "l")])
    conn.execute(
        "INSERT INTO blaster_shards (campaign_id, lo, hi, frontier, done_above)"
        " VALUES (%s, 0, 100, 10, '{12,13,15}'), (%s, 100, 200, 150, '{}')",
        (cid, cid),
    )
    conn.execute("DELETE FROM blaster_schema_version WHERE version = 7")
    assert schema.migrate(conn) == ["7: shard checkpoints as read_upto and the undone IDs"]
    rows = conn.execute(
        "SELECT lo, frontier, read_upto, undone, done_above FROM blaster_shards"
        " WHERE campaign_id = %s ORDER BY lo",
        (cid,),
    ).fetchall()
    assert rows == [(0, 10, 15, [11, 14], []), (100, 150, 0, [], [])]
