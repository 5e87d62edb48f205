"""The prometheus multiprocess directory, prepared by whoever starts the engine.

prometheus_client picks its multiprocess mode when it is first imported, from
``PROMETHEUS_MULTIPROC_DIR`` in the environment, and every process the engine spawns
inherits it. So the launcher (``blaster run``, ``blaster demo``) wipes the directory and
sets that variable before any process imports :mod:`blaster.metrics`. It is the
prometheus_client's contract, not a blaster flag: no other value travels this way.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

#: the variable prometheus_client reads (the user may set it; else a fresh temporary dir)
ENV = "PROMETHEUS_MULTIPROC_DIR"


def prepare() -> str:
    """Wipe/create the directory (``$PROMETHEUS_MULTIPROC_DIR`` or a new temporary one) and
    set the variable for this process and its children; return the directory."""
    if "prometheus_client" in sys.modules:
        raise RuntimeError("prometheus_client was imported before its directory was set")
    path = os.environ.get(ENV) or tempfile.mkdtemp(prefix="blaster-m-")
    shutil.rmtree(path, ignore_errors=True)
    Path(path).mkdir(parents=True, exist_ok=True)  # a concurrent wipe may have recreated it
    os.environ[ENV] = path
    return path
