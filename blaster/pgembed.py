"""The embedded PostgreSQL: a private cluster for the demo, the tests and first steps.

It uses the system's PostgreSQL binaries when present (``/usr/lib/postgresql/*/bin``, or
``BLASTER_PG_BIN``), else the binaries shipped by the ``pgserver`` wheel, so a fresh machine
needs nothing installed. As root, the cluster runs as an unprivileged system user (PostgreSQL
refuses root). It listens only on a Unix socket in a private directory.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

from blaster.errors import StoreError

logger = logging.getLogger(__name__)

PG_USER = "blaster-pg"  #: system user the cluster runs as when blaster runs as root


def find_bin_dir(override: str = "") -> Path:
    """The directory holding ``initdb``, ``pg_ctl`` and ``postgres``."""
    candidates: list[Path] = []
    if override:
        candidates.append(Path(override))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    spec = importlib.util.find_spec("pgserver")  # only for its bundled binaries
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidates.append(Path(location) / "pginstall" / "bin")
    for path in candidates:
        if (path / "initdb").exists() and (path / "pg_ctl").exists():
            return path
    raise StoreError("no PostgreSQL binaries found: install PostgreSQL or `pip install pgserver`")


def _ensure_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
            check=True,
            capture_output=True,
        )
        return pwd.getpwnam(PG_USER)


class EmbeddedPostgres:
    """A PostgreSQL cluster in ``data_dir``, started and stopped by this object.

    :param data_dir: the cluster's directory (created by ``initdb`` when empty).
    :param fast: turn off fsync and friends (tests and throwaway demos only).
    """

    def __init__(self, data_dir: str | Path, *, fast: bool = False, bin_dir: str = "") -> None:
        self.data_dir = Path(data_dir).resolve()
        self.bin_dir = find_bin_dir(bin_dir or os.environ.get("BLASTER_PG_BIN", ""))
        self.fast = fast
        self.socket_dir = Path(tempfile.mkdtemp(prefix="blaster-pg-"))
        self._user = _ensure_user() if os.geteuid() == 0 else None

    @property
    def dsn(self) -> str:
        """A libpq URL reaching the cluster through its private socket."""
        return f"postgresql://postgres@/postgres?host={self.socket_dir}"

    def _run(self, *args: str, timeout: float = 60) -> None:
        """Run a PostgreSQL program as the cluster's user; output goes to a file, never a pipe
        (``pg_ctl`` would keep a pipe open and never return)."""
        log = self.data_dir.parent / f"{self.data_dir.name}.ctl.log"
        with log.open("ab") as out:
            proc = subprocess.run(
                [str(self.bin_dir / args[0]), *args[1:]],
                stdout=out,
                stderr=out,
                stdin=subprocess.DEVNULL,
                timeout=timeout,
                check=False,
                user=self._user.pw_uid if self._user else None,
                group=self._user.pw_gid if self._user else None,
            )
        if proc.returncode != 0:
            tail = log.read_text(errors="replace").strip().splitlines()[-5:]
            raise StoreError(f"{args[0]} failed ({proc.returncode}): {' | '.join(tail)}")

    def _own(self, path: Path) -> None:
        """Give ``path`` to the cluster's user and let it traverse the parents (as root)."""
        if not self._user:
            return
        os.chown(path, self._user.pw_uid, self._user.pw_gid)
        for parent in path.parents:
            mode = parent.stat().st_mode
            if not mode & stat.S_IXOTH:
                parent.chmod(mode | stat.S_IXOTH)

    def init(self) -> None:
        """``initdb`` when the directory holds no cluster yet."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._own(self.data_dir)
        self.data_dir.chmod(0o700)
        if not (self.data_dir / "PG_VERSION").exists():
            self._run(
                "initdb",
                "-D",
                str(self.data_dir),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
            )

    def start(self) -> str:
        """Start the cluster (initialising it if needed); return its DSN."""
        self.init()
        self.socket_dir.mkdir(mode=0o700, exist_ok=True)  # same path across restarts
        self._own(self.socket_dir)
        self.socket_dir.chmod(0o700)
        opts = (
            f"-k {self.socket_dir} -c listen_addresses='' -c max_connections=200"
            " -c shared_buffers=512MB -c max_wal_size=4GB"  # bulk imports checkpoint less
        )
        if self.fast:
            opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self.stop_stale()
        log = self.data_dir / "postgres.log"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data_dir),
            "-l",
            str(log),
            "-w",
            "-t",
            "60",
            "-o",
            opts,
            "start",
        )
        logger.info("embedded PostgreSQL started in %s", self.data_dir)
        return self.dsn

    def running_socket_dir(self) -> Path | None:
        """The socket directory of a server already running in this directory, if any."""
        pid_file = self.data_dir / "postmaster.pid"
        try:
            lines = pid_file.read_text().splitlines()
            os.kill(int(lines[0]), 0)
        except (OSError, ValueError, IndexError):
            return None
        return Path(lines[4]) if len(lines) > 4 and lines[4] else None

    def attach_or_start(self) -> tuple[str, bool]:
        """Reuse a server already running here, else start one.

        Returns the DSN and whether this call started the server (then the caller stops it).
        """
        running = self.running_socket_dir()
        if running is not None and running.exists():
            shutil.rmtree(self.socket_dir, ignore_errors=True)
            self.socket_dir = running
            return self.dsn, False
        return self.start(), True

    def stop_stale(self) -> None:
        """Stop a server left running in this directory by a process that died."""
        pid_file = self.data_dir / "postmaster.pid"
        if pid_file.exists():
            with contextlib.suppress(StoreError):
                self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")

    def stop(self, mode: str = "fast") -> None:
        """Stop the cluster (idempotent)."""
        if (self.data_dir / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "-t", "60", "stop")
        shutil.rmtree(self.socket_dir, ignore_errors=True)

    def restart(self, down_for: float = 0.0) -> None:
        """Stop, wait ``down_for`` seconds, start again (fault tests)."""
        self.stop()
        time.sleep(down_for)
        self.start()

    def destroy(self) -> None:
        """Stop and delete the cluster and its socket directory."""
        with contextlib.suppress(StoreError):
            self.stop("immediate")
        shutil.rmtree(self.data_dir, ignore_errors=True)
        shutil.rmtree(self.socket_dir, ignore_errors=True)
