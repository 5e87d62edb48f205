"""Configuration: one loader, environment over file, errors naming the key, secrets masked,
and the README's reference table in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from blaster import config
from blaster.errors import ConfigError

README = Path(__file__).resolve().parent.parent / "README.md"


def test_environment_overrides_file(tmp_path):
    path = tmp_path / "blaster.toml"
    path.write_text('[engine]\nworkers = 3\nrate = 50\n[[smtp]]\nhost = "a.test"\nport = 2525\n')
    s = config.load(path, env={"BLASTER_RATE": "500"})
    assert (s.engine.workers, s.engine.rate) == (3, 500.0)
    assert s.smtp[0].label == "a.test:2525"


def test_smtp_urls():
    env = {"BLASTER_SMTP": "smtp://u:p%40ss@a.test:587?tls=starttls&connections=4,smtps://b.test"}
    a, b = config.load(None, env=env).smtp
    assert (a.username, a.password, a.tls, a.connections) == ("u", "p@ss", "starttls", 4)
    assert (b.port, b.tls) == (465, "tls")


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({"BLASTER_WORKERS": "two"}, "BLASTER_WORKERS"),
        ({"BLASTER_RATE": "-1"}, "BLASTER_RATE"),
        ({"BLASTER_DSN": "mysql://x"}, "BLASTER_DSN"),
        ({"BLASTER_SMTP": "smtp://h:25?tls=maybe"}, "BLASTER_SMTP"),
        ({"BLASTER_SMTP": "http://h"}, "BLASTER_SMTP"),
        ({"BLASTER_METRICS_ADDR": "9108"}, "BLASTER_METRICS_ADDR"),
        ({"BLASTER_MAX_ERROR_RATE": "5"}, "BLASTER_MAX_ERROR_RATE"),
        ({"BLASTER_ERROR_RATE_WINDOW": "0"}, "BLASTER_ERROR_RATE_WINDOW"),
    ],
)
def test_errors_name_the_key(env, key):
    with pytest.raises(ConfigError, match=key):
        config.load(None, env=env)


def test_unknown_toml_key_is_an_error(tmp_path):
    path = tmp_path / "b.toml"
    path.write_text("[engine]\nworkerz = 3\n")
    with pytest.raises(ConfigError, match=r"engine\.workerz"):
        config.load(path, env={})


def test_secrets_masked():
    s = config.load(
        None,
        env={"BLASTER_DSN": "postgresql://u:hunter2@h/db", "BLASTER_SMTP": "smtp://u:hunter3@h:25"},
    )
    text = repr(s.masked())
    assert "hunter2" not in text and "hunter3" not in text


def test_readme_reference_matches_options():
    rows = {}
    for line in README.read_text().splitlines():
        m = re.match(r"\| `([a-z_.]+)` \| `(BLASTER_[A-Z_]+)` \| (.+?) \|", line)
        if m:
            rows[m.group(1)] = (m.group(2), m.group(3))
    defaults = config.Settings()
    assert set(rows) == {o.key for o in config.OPTIONS}
    for opt in config.OPTIONS:
        env, default = rows[opt.key]
        assert env == opt.env
        if opt.key == "engine.workers":
            assert default == "CPU count"
            continue
        value = defaults.value(opt.key)
        shown = '""' if value == "" else str(value).lower() if isinstance(value, bool) else value
        if isinstance(value, tuple):  # shown as the TOML array
            shown = "[" + ", ".join(f'"{v}"' for v in value) + "]"
        assert default == f"`{shown}`", opt.key


def test_a_section_built_in_code_validates_itself():
    with pytest.raises(ConfigError, match=r"engine\.workers: expected an integer >= 1, got 0"):
        config.Engine(workers=0)
    with pytest.raises(ConfigError, match=r"urls\.root_url: expected an http\(s\) URL"):
        config.Urls(root_url="news.example.com")
    with pytest.raises(ConfigError, match=r"notifications\.from: expected an e-mail address"):
        config.Notifications(sender="nobody")
    assert config.Urls(root_url="https://a.test/").root_url == "https://a.test"  # normalised
    assert config.Rates(domains=(("Gmail.com", 5),)).domains == (("gmail.com", 5.0),)


def test_overrides_by_toml_key_validate_and_refuse_unknown_keys():
    base = config.Settings()
    changed = config.with_overrides(base, {"engine.rate": 5, "log.level": "DEBUG"})
    assert (changed.engine.rate, changed.log.level) == (5.0, "debug")
    assert changed.urls is base.urls and base.engine.rate == 0.0  # the rest is shared, not copied
    with pytest.raises(ConfigError, match=r"engine\.rate: expected a number >= 0"):
        config.with_overrides(base, {"engine.rate": -1})
    with pytest.raises(ConfigError, match=r"engine\.speed: unknown setting"):
        config.with_overrides(base, {"engine.speed": 1})


def test_environment_names_derive_from_the_keys():
    names = {o.key: o.env for o in config.OPTIONS}
    assert names["engine.rate"] == "BLASTER_RATE" and names["database.dsn"] == "BLASTER_DSN"
    assert names["log.level"] == "BLASTER_LOG_LEVEL" and names["tx.from"] == "BLASTER_TX_FROM"
    assert names["notifications.from"] == "BLASTER_NOTIFY_FROM"
    assert len(set(names.values())) == len(names)  # no two settings share a variable
    loaded = config.load(None, env={opt.env: "" for opt in config.OPTIONS})
    assert loaded == config.Settings()  # an empty variable is no override


def test_masked_settings_are_laid_out_as_the_toml_file():
    s = config.load(None, env={"BLASTER_HTTP_TOKEN": "t0ken", "BLASTER_RATE": "9"})
    shown = s.masked()
    assert shown["engine"]["rate"] == 9.0 and shown["http"]["token"] == "***"
    assert shown["notifications"]["from"] == "blaster <blaster@localhost>"
    assert set(shown) == {section.NAME for section in config.SECTIONS} | {"smtp", "postback"}


def test_a_libpq_connection_string_is_a_dsn_and_its_password_is_masked():
    conninfo = "host=/tmp dbname=news user=u password='se cret'"
    s = config.load(None, env={"BLASTER_DSN": conninfo})
    assert s.database.dsn == conninfo
    assert s.masked()["database"]["dsn"] == "host=/tmp dbname=news user=u password=***"
    with pytest.raises(ConfigError, match=r"BLASTER_DSN: expected a URL like postgresql://"):
        config.load(None, env={"BLASTER_DSN": "mysql://u@h/db"})
