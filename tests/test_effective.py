"""The effective settings of a command (:mod:`blaster.effective`): the top-level flags above
the environment, with their sources, and listmonk's settings table as a layer below the
file when the configured database has one (a real PostgreSQL)."""

from __future__ import annotations

import json

import pytest

from blaster import effective
from blaster.errors import ConfigError


def test_flags_override_the_environment_and_say_so():
    env = {"BLASTER_LOG_LEVEL": "warning", "BLASTER_LOG_FORMAT": "text"}
    flags = effective.Flags(debug=True, log_format="json")
    loaded = effective.load(None, flags, wait=False, env=env)
    assert (loaded.settings.log.level, loaded.settings.log.format) == ("debug", "json")
    assert loaded.sources["log.level"] == "flag --debug"
    assert loaded.sources["log.format"] == "flag --log-format"
    assert (loaded.base.log.level, loaded.base.log.format) == ("debug", "json")
    assert loaded.layer is None and loaded.warnings == ()


def test_without_flags_the_environment_decides():
    loaded = effective.load(None, effective.Flags(), wait=False, env={"BLASTER_LOG_LEVEL": "error"})
    assert loaded.settings.log.level == "error"
    assert loaded.sources["log.level"] == "env BLASTER_LOG_LEVEL"
    assert loaded.sources["log.format"] == "default"
    assert effective.Flags().values() == {}


def test_a_bad_flag_value_is_a_config_error():
    with pytest.raises(ConfigError, match=r"--log-format"):
        effective.Flags(log_format="xml").values()


def test_listmonks_settings_table_is_a_layer_below_the_environment(conn, dsn):
    conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value JSONB NOT NULL)")
    rows = {"app.root_url": "https://news.example.com", "app.lang": "de", "app.batch_size": 500}
    for key, value in rows.items():
        conn.execute("INSERT INTO settings VALUES (%s, %s)", (key, json.dumps(value)))
    env = {"BLASTER_DSN": dsn, "BLASTER_BATCH_SIZE": "700"}
    loaded = effective.load(None, effective.Flags(debug=True), wait=False, env=env)
    assert loaded.layer is not None
    assert loaded.settings.urls.root_url == "https://news.example.com"
    assert loaded.sources["urls.root_url"] == "listmonk app.root_url"
    assert (loaded.settings.engine.batch_size, loaded.sources["engine.batch_size"]) == (
        700,
        "env BLASTER_BATCH_SIZE",
    )
    assert [w.split(":")[0] for w in loaded.warnings] == ["listmonk setting app.lang"]
    assert loaded.base.urls.root_url != loaded.settings.urls.root_url  # no listmonk layer there
    assert loaded.base.log.level == "debug"


def test_a_database_without_listmonks_table_adds_no_layer(dsn):
    loaded = effective.load(None, effective.Flags(), wait=False, env={"BLASTER_DSN": dsn})
    assert loaded.layer is None and loaded.warnings == ()
