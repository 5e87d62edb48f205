"""``blaster db uninstall``: a listmonk database is left exactly as listmonk created it
(``pg_dump --schema-only`` before ``db migrate`` and after ``db uninstall`` are identical),
and without ``--yes`` nothing is dropped unless a terminal confirms."""

from __future__ import annotations

import psycopg

from blaster.store import schema, uninstall
from tests import helpers as h
from tests import listmonk

SMTP = "smtp://127.0.0.1:2525"


def blaster_objects(conn) -> list[str]:
    """Every object in the database whose name starts with ``blaster_``."""
    rows = conn.execute(
        "SELECT relname FROM pg_class WHERE relname LIKE 'blaster\\_%'"
        " UNION ALL SELECT proname FROM pg_proc WHERE proname LIKE 'blaster\\_%'"
        " UNION ALL SELECT tgname FROM pg_trigger WHERE tgname LIKE 'blaster\\_%'"
    ).fetchall()
    return sorted(r[0] for r in rows)


def test_uninstall_restores_listmonks_schema_exactly(pg, empty_dsn, workdir):
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        listmonk.install(conn)
    before = listmonk.dump_schema(pg, empty_dsn)
    env = h.engine_env(empty_dsn, SMTP, workdir)

    h.blaster("db", "migrate", env=env)
    migrated = listmonk.dump_schema(pg, empty_dsn)
    assert migrated != before
    assert "CREATE TRIGGER blaster_campaign_status" in migrated
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        cid = h.create_campaign(conn, [h.create_list(conn, "l")])
        conn.execute("INSERT INTO blaster_campaigns (campaign_id, error) VALUES (%s, 'x')", (cid,))

    out = h.blaster("db", "uninstall", "--yes", env=env).stdout
    assert "dropped trigger blaster_campaign_status on campaigns" in out
    assert "dropped function blaster_notify_campaign()" in out
    assert listmonk.dump_schema(pg, empty_dsn) == before
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        assert blaster_objects(conn) == []
        assert conn.execute("SELECT count(*) FROM campaigns").fetchone() == (1,)

    again = h.blaster("db", "uninstall", "--yes", env=env).stdout
    assert again.startswith("nothing to uninstall")
    h.blaster("db", "migrate", env=env)  # and it can be installed again


def listmonk_shaped(conn) -> None:
    """A listmonk-shaped schema without a listmonk checkout: the listmonk tables blaster's
    own first migration creates, with listmonk's unnamed unique index on templates (what a
    listmonk install has that blaster then must not duplicate or drop)."""
    with conn.cursor() as cur:
        schema._create_enums(cur)
        cur.execute(schema.LISTMONK_TABLES)
        cur.execute("CREATE UNIQUE INDEX ON templates (is_default) WHERE is_default = true")


def test_uninstall_restores_a_listmonk_shaped_schema_exactly(pg, empty_dsn, workdir):
    """The same round trip as above, on the listmonk tables blaster knows, so that it runs
    wherever the tests run (the test above needs listmonk's own schema.sql)."""
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        listmonk_shaped(conn)
    before = listmonk.dump_schema(pg, empty_dsn)
    env = h.engine_env(empty_dsn, SMTP, workdir)
    h.blaster("db", "migrate", env=env)
    migrated = listmonk.dump_schema(pg, empty_dsn)
    for added in ("blaster_shards", "blaster_nodes", "blaster_leader", "blaster_campaign_status"):
        assert added in migrated and added not in before
    h.blaster("db", "uninstall", "--yes", env=env)
    assert listmonk.dump_schema(pg, empty_dsn) == before
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        assert blaster_objects(conn) == []


def test_uninstall_without_yes_and_no_terminal_refuses(dsn, workdir):
    env = h.engine_env(dsn, SMTP, workdir)
    proc = h.blaster("db", "uninstall", env=env, check=False, stdin="y\n")
    assert proc.returncode == 1
    assert "stdin is not a terminal; pass --yes" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1
    with psycopg.connect(dsn, autocommit=True) as conn:
        assert "blaster_campaign_status" in blaster_objects(conn)
        assert schema.status(conn)[0] == schema.MIGRATIONS[-1][0]


def test_uninstall_without_a_database_refuses_unless_embedded(workdir):
    env = h.engine_env("", SMTP, workdir)
    proc = h.blaster("db", "uninstall", "--yes", env=env, check=False)
    assert proc.returncode == 1
    assert "--embedded to uninstall the embedded PostgreSQL" in proc.stderr


def test_uninstall_keeps_the_data_tables_of_a_database_blaster_created(conn):
    """On a database without listmonk, the listmonk-compatible tables hold the data: kept."""
    h.create_campaign(conn, [h.create_list(conn, "l")])
    dropped = uninstall.uninstall(conn)
    assert dropped[0] == "trigger blaster_campaign_status on campaigns"
    assert blaster_objects(conn) == []
    assert conn.execute("SELECT count(*) FROM campaigns").fetchone() == (1,)
    assert conn.execute("SELECT to_regclass('idx_templates_default')").fetchone() == (
        "idx_templates_default",
    )
    assert uninstall.installed(conn) == []


def test_uninstall_finds_objects_by_prefix_and_blasters_duplicate_index(empty_dsn):
    """A blaster_* index on a listmonk table (as a later migration might add) and the copy of
    listmonk's one-default-template index an earlier version added are removed too."""
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        conn.execute(
            "CREATE TYPE template_type AS ENUM ('campaign', 'campaign_visual', 'tx');"
            "CREATE TABLE templates (id SERIAL PRIMARY KEY, name TEXT NOT NULL,"
            " type template_type NOT NULL DEFAULT 'campaign', subject TEXT NOT NULL,"
            " body TEXT NOT NULL, body_source TEXT NULL,"
            " is_default BOOLEAN NOT NULL DEFAULT false,"
            " created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),"
            " updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW());"
            "CREATE UNIQUE INDEX ON templates (is_default) WHERE is_default = true;"
        )
        schema.migrate(conn)
        conn.execute(
            "CREATE UNIQUE INDEX idx_templates_default ON templates (is_default)"
            " WHERE is_default = true"
        )
        conn.execute("CREATE INDEX blaster_subs_future ON subscribers (created_at)")
        dropped = uninstall.uninstall(conn)
        assert "index blaster_subs_future" in dropped
        assert "index idx_templates_default" in dropped
        names = conn.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'templates' ORDER BY 1"
        ).fetchall()
        assert names == [("templates_is_default_idx",), ("templates_pkey",)]


def test_uninstall_refuses_while_an_engine_listens(dsn, workdir):
    """A running coordinator keeps a connection LISTENing for status changes: uninstalling
    under it would pull its tables away mid-send."""
    env = h.engine_env(dsn, SMTP, workdir)
    with psycopg.connect(dsn, autocommit=True) as engine:
        engine.execute("LISTEN blaster_campaigns")
        engine.execute("LISTEN blaster_shards")  # a node also listens for shard releases
        proc = h.blaster("db", "uninstall", "--yes", env=env, check=False)
        assert proc.returncode == 1
        assert "a blaster engine is running against" in proc.stderr
        assert "stop `blaster run` first" in proc.stderr
    with psycopg.connect(dsn, autocommit=True) as conn:
        assert "blaster_campaign_status" in blaster_objects(conn)
    h.blaster("db", "uninstall", "--yes", env=env)
