"""The database a command works on (:mod:`blaster.database`), against a real PostgreSQL:
schema commands need an explicit target, management commands a migrated schema, and
uninstalling asks first and reports what it dropped."""

from __future__ import annotations

import pytest
from psycopg.conninfo import conninfo_to_dict

from blaster import config, database
from blaster.errors import BlasterError
from tests import helpers as h


def settings_for(dsn, workdir):
    return h.engine_settings(h.engine_env(dsn, "", workdir))


def test_a_schema_command_names_its_target(empty_dsn, workdir):
    settings = settings_for(empty_dsn, workdir)
    dbname = conninfo_to_dict(empty_dsn)["dbname"]
    assert database.explicit_target(settings, False, "migrate").startswith(f"database '{dbname}'")
    with pytest.raises(BlasterError, match=r"^--embedded migrates the embedded PostgreSQL, but"):
        database.explicit_target(settings, True, "migrate")
    without = config.with_overrides(settings, {"database.dsn": ""})
    with pytest.raises(BlasterError) as err:
        database.explicit_target(without, False, "uninstall")
    pg_dir = (workdir / "data" / "pg").resolve()
    assert str(err.value).endswith(
        f"pass --embedded to uninstall the embedded PostgreSQL in {pg_dir}"
    )
    assert database.embedded_dir(without) == pg_dir


def test_migrate_then_connect(empty_dsn, workdir):
    settings = settings_for(empty_dsn, workdir)
    with (
        pytest.raises(BlasterError, match=r"run `blaster db migrate`$"),
        database.connection(settings),
    ):
        pass
    assert database.schema_status(settings)[0] == 0
    done = database.migrate(settings, embedded=False)
    assert done.applied and done.applied[0].startswith("1: ")
    assert database.schema_status(settings) == (done.version, done.version)
    assert database.migrate(settings, embedded=False).applied == []
    with database.connection(settings) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_uninstall_asks_and_reports(dsn, workdir):
    settings = settings_for(dsn, workdir)
    asked = []

    def refuse(target, present):
        asked.append((target, present))
        raise BlasterError("not confirmed")

    with pytest.raises(BlasterError, match=r"not confirmed"):
        database.uninstall(settings, embedded=False, confirm=refuse)
    [(target, present)] = asked
    assert target.startswith("database ") and present
    assert database.schema_status(settings)[0] > 0  # nothing changed

    target, dropped = database.uninstall(settings, embedded=False, confirm=lambda t, p: None)
    assert dropped and database.schema_status(settings)[0] == 0
    assert database.uninstall(settings, embedded=False, confirm=refuse) == (target, [])
