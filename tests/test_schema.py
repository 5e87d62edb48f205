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


#: listmonk's templates table and its unnamed one-default index, as its schema.sql writes
#: them (the statements, reduced to what the index needs)
LISTMONK_TEMPLATES = """
CREATE TYPE template_type AS ENUM ('campaign', 'campaign_visual', 'tx');
CREATE TABLE templates (
    id          SERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    type        template_type NOT NULL DEFAULT 'campaign',
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    body_source TEXT NULL,
    is_default  BOOLEAN NOT NULL DEFAULT false,
    created_at  TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at  TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);
CREATE UNIQUE INDEX ON templates (is_default) WHERE is_default = true;
"""


def default_indexes(conn) -> list[str]:
    """Names of the indexes on templates defined as the one-default unique index."""
    rows = conn.execute(
        "SELECT indexname, indexdef FROM pg_indexes"
        " WHERE schemaname = 'public' AND tablename = 'templates' ORDER BY indexname"
    ).fetchall()
    return [
        name
        for name, definition in rows
        if definition.split(" ON ", 1)[0].startswith("CREATE UNIQUE INDEX ")
        and definition.split(" ON ", 1)[1]
        == "public.templates USING btree (is_default) WHERE (is_default = true)"
    ]


def test_migrate_keeps_listmonks_templates_index_without_a_duplicate(empty_dsn):
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        conn.execute(LISTMONK_TEMPLATES)
        assert default_indexes(conn) == ["templates_is_default_idx"]

        schema.migrate(conn)
        assert default_indexes(conn) == ["templates_is_default_idx"]
        assert schema.migrate(conn) == []
        assert default_indexes(conn) == ["templates_is_default_idx"]

        conn.execute(
            "INSERT INTO templates (name, subject, body, is_default) VALUES ('a', '', '', true)"
        )
        try:
            conn.execute(
                "INSERT INTO templates (name, subject, body, is_default) VALUES ('b', '', '', true)"
            )
        except psycopg.errors.UniqueViolation:
            pass
        else:
            raise AssertionError("a second default template was accepted")


def test_migrate_drops_the_duplicate_an_earlier_version_added(empty_dsn):
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        conn.execute(LISTMONK_TEMPLATES)
        schema.migrate(conn)
        # what version 1 used to add to a listmonk database, before version 8 existed
        conn.execute(
            "CREATE UNIQUE INDEX idx_templates_default ON templates (is_default)"
            " WHERE is_default = true"
        )
        conn.execute("DELETE FROM blaster_schema_version WHERE version = 8")
        assert len(default_indexes(conn)) == 2

        assert schema.migrate(conn) == [
            "8: no duplicate of listmonk's unique index on templates (is_default)"
        ]
        assert default_indexes(conn) == ["templates_is_default_idx"]


def test_migrate_creates_the_templates_index_on_a_new_database(empty_dsn):
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        schema.migrate(conn)
        assert default_indexes(conn) == ["idx_templates_default"]
        # version 8 alone never drops the only one
        conn.execute("DELETE FROM blaster_schema_version WHERE version = 8")
        schema.migrate(conn)
        assert default_indexes(conn) == ["idx_templates_default"]
