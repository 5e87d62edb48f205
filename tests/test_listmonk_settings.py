"""listmonk's ``settings`` table as a configuration source: read from a database created by
listmonk's own ``schema.sql`` (with the rows its install writes), mapped onto blaster's
settings, overridden by ``blaster.toml`` and ``BLASTER_*``, values blaster cannot honour
reported once by key, and a campaign sent with the root URL and SMTP server set there."""

from __future__ import annotations

import email
import email.policy
import json
import urllib.parse

import psycopg
import pytest

from blaster import config, listmonk_settings
from blaster.store import listmonk as listmonk_store
from tests import helpers as h
from tests import listmonk

#: a few of listmonk's settings rows, as its install writes them (keys and JSON shapes)
ROWS = {
    "app.root_url": "http://localhost:9000",
    "app.from_email": "listmonk <noreply@listmonk.yoursite.com>",
    "app.concurrency": 10,
    "app.message_rate": 10,
    "app.batch_size": 1000,
    "app.max_send_errors": 1000,
    "app.message_sliding_window": False,
    "app.message_sliding_window_duration": "1h",
    "app.message_sliding_window_rate": 10000,
    "app.notify_emails": [],
    "app.lang": "en",
    "privacy.individual_tracking": False,
    "privacy.disable_tracking": False,
    "privacy.unsubscribe_header": True,
    "smtp": [
        {
            "enabled": True,
            "host": "smtp.yoursite.com",
            "port": 25,
            "auth_protocol": "cram",
            "username": "username",
            "password": "password",
            "hello_hostname": "",
            "max_conns": 10,
            "idle_timeout": "15s",
            "wait_timeout": "5s",
            "max_msg_retries": 2,
            "msg_retry_delay": "10ms",
            "tls_type": "STARTTLS",
            "tls_skip_verify": False,
            "email_headers": [],
            "from_addresses": [],
        },
        {"enabled": False, "host": "smtp.gmail.com", "port": 465, "tls_type": "TLS"},
    ],
    "messengers": [],
}


def settings_from(rows, env=None, path=None, workers=2):
    env = {"BLASTER_WORKERS": str(workers), **(env or {})}
    base = config.load(path, env=env)
    mapped = listmonk_settings.layer(rows, base)
    settings, sources = config.load_with_sources(path, env=env, base=mapped.layer)
    return settings, sources, mapped.warnings


def test_go_durations():
    assert listmonk_settings.go_duration("1h") == 3600
    assert listmonk_settings.go_duration("1m30s") == 90
    assert listmonk_settings.go_duration("10ms") == pytest.approx(0.01)
    assert listmonk_settings.go_duration("0") == 0
    with pytest.raises(ValueError):
        listmonk_settings.go_duration("an hour")


def test_listmonks_default_rows_map_onto_blaster():
    settings, sources, warnings = settings_from(ROWS)
    assert settings.urls.root_url == "http://localhost:9000"
    assert sources["urls.root_url"] == "listmonk app.root_url"
    assert settings.engine.rate == 100
    assert sources["engine.rate"] == "listmonk app.message_rate × app.concurrency"
    assert (settings.engine.batch_size, settings.engine.max_send_errors) == (1000, 1000)
    assert settings.rates.window_limit == 0 and sources["rates.window_limit"].startswith("listmonk")
    p = settings.privacy
    assert (p.individual_tracking, p.tracking, p.unsubscribe_header) == (
        False,
        True,
        True,
    )
    assert settings.engine.max_attempts == 3  # 2 retries
    (server,) = settings.smtp  # the disabled one is not used
    assert (server.host, server.port, server.tls, server.verify) == (
        "smtp.yoursite.com",
        25,
        "starttls",
        True,
    )
    assert (server.username, server.password) == ("username", "password")
    assert server.connections == 5  # max_conns 10 across 2 workers
    assert server.idle_timeout == 15
    assert sources["smtp"] == "listmonk smtp"
    assert settings.notifications.sender == "listmonk <noreply@listmonk.yoursite.com>"
    assert sources["engine.workers"] == "env BLASTER_WORKERS" and sources["log.level"] == "default"
    keys = [w.split(":")[0] for w in warnings]
    assert keys == [
        "listmonk setting app.lang",
        "listmonk setting smtp[0].wait_timeout",
        "listmonk setting smtp[0].msg_retry_delay",
    ]


def test_sliding_window_privacy_and_auth_none():
    rows = ROWS | {
        "app.message_sliding_window": True,
        "app.message_sliding_window_duration": "30m",
        "app.message_sliding_window_rate": 500,
        "privacy.individual_tracking": True,
        "privacy.disable_tracking": True,
        "privacy.unsubscribe_header": False,
        "smtp": [ROWS["smtp"][0] | {"auth_protocol": "none", "tls_type": "none"}],
    }
    settings, _, _ = settings_from(rows)
    assert (settings.rates.window_limit, settings.rates.window_period) == (500, 1800)
    p = settings.privacy
    assert (p.individual_tracking, p.tracking, p.unsubscribe_header) == (
        True,
        False,
        False,
    )
    assert (settings.smtp[0].username, settings.smtp[0].password) == ("", "")


def test_file_and_environment_override_listmonk(tmp_path):
    toml = tmp_path / "blaster.toml"
    toml.write_text(
        '[urls]\nroot_url = "https://file.example.com"\n'
        '[[smtp]]\nhost = "relay.example.com"\nport = 587\n'
    )
    settings, sources, _ = settings_from(ROWS, env={"BLASTER_RATE": "7"}, path=toml)
    assert settings.urls.root_url == "https://file.example.com"
    assert sources["urls.root_url"] == "file urls.root_url"
    assert settings.engine.rate == 7 and sources["engine.rate"] == "env BLASTER_RATE"
    assert [s.host for s in settings.smtp] == ["relay.example.com"]
    assert sources["smtp"] == "file [[smtp]]"
    env_smtp = {"BLASTER_SMTP": "smtp://127.0.0.1:2525", "BLASTER_ROOT_URL": "https://env.test"}
    settings, sources, _ = settings_from(ROWS, env=env_smtp, path=toml)
    assert settings.urls.root_url == "https://env.test"
    assert sources["urls.root_url"] == "env BLASTER_ROOT_URL"
    assert sources["smtp"] == "env BLASTER_SMTP"


def test_values_blaster_cannot_honour_are_reported_once_by_key():
    server = ROWS["smtp"][0] | {
        "email_headers": [{"X-Mailer": "listmonk"}],
        "name": "primary",
        "max_conns": 1,
    }
    rows = ROWS | {
        "app.root_url": "news.example.com",  # no scheme: blaster keeps its own
        "smtp": [
            server,
            server | {"enabled": True, "host": "b.example.com", "max_msg_retries": 5},
            server | {"host": "c.example.com", "port": "x"},
        ],
        "messengers": [{"enabled": True, "name": "sms", "root_url": "http://127.0.0.1:1"}],
    }
    settings, sources, warnings = settings_from(rows, workers=2)
    assert settings.urls.root_url == config.Urls().root_url
    assert sources["urls.root_url"] == "default"
    keys = [w.split(":")[0].removeprefix("listmonk setting ") for w in warnings]
    assert len(keys) == len(set(keys)), warnings
    for key in (
        "app.root_url",
        "smtp[0].email_headers",
        "smtp[0].max_conns",
        "smtp[1].email_headers",
        "smtp[].max_msg_retries",
        "smtp[2]",  # port "x": that server is not used
    ):
        assert key in keys, (key, warnings)
    assert [s.host for s in settings.smtp] == ["smtp.yoursite.com", "b.example.com"]
    assert [s.name for s in settings.smtp] == ["primary", "primary"]  # email-primary
    assert "smtp[0].name" not in keys  # honoured: campaigns can name the server
    [sms] = settings.postback  # listmonk's postback messenger, as blaster's
    assert (sms.messenger, sms.url, sms.timeout) == ("sms", "http://127.0.0.1:1", 5.0)
    assert "messengers" not in keys
    assert settings.engine.max_attempts == 6


# --- against listmonk's own schema.sql ---------------------------------------------------------


@pytest.fixture
def listmonk_dsn(empty_dsn, workdir):
    """A database created by listmonk's schema.sql, then migrated by blaster."""
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        listmonk.install(conn)
    env = h.engine_env(empty_dsn, "", workdir)
    h.blaster("db", "migrate", env=env)
    return empty_dsn


def set_setting(conn, key, value):
    conn.execute("UPDATE settings SET value = %s WHERE key = %s", (json.dumps(value), key))


def cli_env(dsn, workdir, **extra):
    env = h.engine_env(dsn, "", workdir, **extra)
    env.pop("BLASTER_SMTP")
    return env


def test_config_check_shows_listmonks_settings_with_their_source(listmonk_dsn, workdir):
    with psycopg.connect(listmonk_dsn, autocommit=True) as conn:
        assert listmonk_store.read_settings(conn)["app.root_url"] == "http://localhost:9000"
        set_setting(conn, "app.root_url", "https://news.example.com")
    env = cli_env(listmonk_dsn, workdir)
    shown = json.loads(h.blaster("config", "check", "--json", env=env).stdout)
    assert shown["settings"]["urls"]["root_url"] == "https://news.example.com"
    assert shown["sources"]["urls.root_url"] == "listmonk app.root_url"
    assert shown["settings"]["smtp"][0]["host"] == "smtp.yoursite.com"
    assert shown["settings"]["smtp"][0]["password"] == "***"
    assert any(w.startswith("listmonk setting app.lang") for w in shown["warnings"])

    text = h.blaster("config", "check", env=env | {"BLASTER_ROOT_URL": "https://e.test"}).stdout
    assert 'urls.root_url = "https://e.test"  # env BLASTER_ROOT_URL' in text
    assert "# listmonk smtp" in text and '"password": "***"' in text
    assert "# not honoured: listmonk setting app.lang" in text
    assert '"password": "password"' not in text


def test_no_settings_table_means_no_listmonk_source(conn):
    assert listmonk_store.read_settings(conn) is None


def test_a_campaign_is_sent_with_listmonks_root_url_and_smtp_server(listmonk_dsn, sink, workdir):
    port = urllib.parse.urlsplit(sink.url).port
    with psycopg.connect(listmonk_dsn, autocommit=True) as conn:
        set_setting(conn, "app.root_url", "https://news.example.com/")
        set_setting(conn, "privacy.individual_tracking", True)
        server = {
            "enabled": True,
            "host": "127.0.0.1",
            "port": port,
            "auth_protocol": "none",
            "username": "",
            "password": "",
            "hello_hostname": "",
            "max_conns": 4,
            "idle_timeout": "15s",
            "wait_timeout": "5s",
            "max_msg_retries": 2,
            "msg_retry_delay": "10ms",
            "tls_type": "none",
            "tls_skip_verify": False,
            "email_headers": [],
        }
        set_setting(conn, "smtp", [server])
        lst = h.create_list(conn, "l")
        h.seed_bulk(conn, 5, lst)
        body = '<p>{{ UnsubscribeURL }} <a href="{{ TrackLink "https://x.test" }}">x</a></p>'
        cid = h.create_campaign(conn, [lst], body=body)
    h.blaster("run", "--exit-when-idle", env=cli_env(listmonk_dsn, workdir))
    with psycopg.connect(listmonk_dsn, autocommit=True) as conn:
        assert h.campaign(conn, cid)["status"] == "finished"
    assert len(sink.handler.messages) == 5
    msg = email.message_from_bytes(sink.handler.messages[0].data, policy=email.policy.default)
    assert msg["List-Unsubscribe"].startswith("<https://news.example.com/subscription/")
    html = msg.get_body(("html",)).get_content()
    assert "https://news.example.com/link/" in html
    assert "00000000-0000-0000-0000-000000000000" not in html  # individual tracking


def test_a_change_saved_in_listmonk_is_noticed_and_named(listmonk_dsn, caplog):
    from blaster.settings_watch import SettingsWatch

    base = config.load(None, env={"BLASTER_DSN": listmonk_dsn, "BLASTER_WORKERS": "2"})
    with psycopg.connect(listmonk_dsn, autocommit=True) as conn:
        applied = listmonk_settings.layer(listmonk_store.read_settings(conn), base).layer
        watch = SettingsWatch(listmonk_dsn, base, applied)
        assert watch.check() == []
        set_setting(conn, "appearance.admin.custom_css", "body {}")  # not a sending setting
        assert watch.check() == []
        set_setting(conn, "app.root_url", "https://news.example.com")
        set_setting(conn, "app.message_rate", 50)
        with caplog.at_level("WARNING", logger="blaster.settings_watch"):
            assert watch.check() == ["engine.rate", "urls.root_url"]
        assert "restart `blaster run` to apply them" in caplog.text
        assert "news.example.com" not in caplog.text  # names, never values
        assert watch.check() == []  # once per change
