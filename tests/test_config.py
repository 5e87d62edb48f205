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
    assert (s.workers, s.rate) == (3, 500.0)
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
    assert set(rows) == {o.toml for o in config.OPTIONS}
    for opt in config.OPTIONS:
        env, default = rows[opt.toml]
        assert env == opt.env
        if opt.field == "workers":
            assert default == "CPU count"
            continue
        value = getattr(defaults, opt.field)
        shown = '""' if value == "" else str(value).lower() if isinstance(value, bool) else value
        if isinstance(value, tuple):  # shown as the TOML array
            shown = "[" + ", ".join(f'"{v}"' for v in value) + "]"
        assert default == f"`{shown}`", opt.toml
