"""The prometheus multiprocess directory (:mod:`blaster.metricsdir`), prepared in a fresh
interpreter as a launcher would: wiped, set for the children, and refused once
prometheus_client is already loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests import helpers as h

PREPARE = "from blaster import metricsdir; print(metricsdir.prepare())"


def python(code, **env):
    base = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**base, **env},
        cwd=h.ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_directory_is_wiped_and_set(tmp_path):
    path = tmp_path / "metrics"
    path.mkdir()
    (path / "counter_123.db").write_bytes(b"stale")
    code = PREPARE + "; import os; print(os.environ['PROMETHEUS_MULTIPROC_DIR'])"
    proc = python(code, PROMETHEUS_MULTIPROC_DIR=str(path))
    assert proc.stdout.split() == [str(path), str(path)], proc.stderr
    assert path.is_dir() and list(path.iterdir()) == []


def test_without_a_directory_a_fresh_one_is_made():
    proc = python(PREPARE)
    made = Path(proc.stdout.strip())
    assert made.is_dir() and made.name.startswith("blaster-m-"), proc.stderr
    made.rmdir()


def test_too_late_once_prometheus_client_is_loaded(tmp_path):
    proc = python("import prometheus_client; " + PREPARE, PROMETHEUS_MULTIPROC_DIR=str(tmp_path))
    assert proc.returncode == 1
    assert "prometheus_client was imported before its directory was set" in proc.stderr
