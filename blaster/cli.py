"""The ``blaster`` command line (click): parse, build settings, call one function, exit.

Every user error is one line on stderr and a non-zero exit code; ``--debug`` shows the
traceback. Commands that need a database use ``BLASTER_DSN`` or, when it is empty, the
embedded PostgreSQL under ``data_dir`` (started on demand and stopped by whoever started it).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import click

from blaster import config, logs
from blaster.errors import BlasterError

EXIT_OK = 0
EXIT_ERROR = 1  #: a user or runtime error, explained on stderr
EXIT_USAGE = 2  #: bad command line


class State:
    """What the top-level options decided, passed to every command."""

    def __init__(self, config_path: str | None, debug: bool) -> None:
        self.config_path = config_path
        self.debug = debug
        self._settings: config.Settings | None = None

    @property
    def settings(self) -> config.Settings:
        if self._settings is None:
            self._settings = config.load(self.config_path)
        return self._settings


pass_state = click.make_pass_decorator(State)


@contextlib.contextmanager
def database(settings: config.Settings) -> Iterator[str]:
    """The DSN to use: ``settings.dsn``, or the embedded PostgreSQL (started if needed)."""
    if settings.dsn:
        yield settings.dsn
        return
    from blaster.pgembed import EmbeddedPostgres

    pg = EmbeddedPostgres(Path(settings.data_dir) / "pg")
    dsn, started = pg.attach_or_start()
    if started:
        click.echo(f"blaster: started the embedded PostgreSQL in {pg.data_dir}", err=True)
    try:
        yield dsn
    finally:
        if started:
            pg.stop()


def prepare_metrics_dir() -> str:
    """Wipe/create the prometheus multiprocess directory before prometheus_client loads."""
    if "prometheus_client" in sys.modules:
        raise RuntimeError("prometheus_client was imported before its directory was set")
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="blaster-m-")
    shutil.rmtree(path, ignore_errors=True)
    Path(path).mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = path
    return path


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    envvar="BLASTER_CONFIG",
    type=click.Path(),
    help="blaster.toml to read (default: ./blaster.toml if present).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default=None,
    help="Log line format (overrides the config).",
)
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, debug: bool, log_format: str | None) -> None:
    """blaster: bulk e-mail campaigns from PostgreSQL, fast, without losing or doubling mail."""
    state = State(config_path, debug)
    ctx.obj = state
    if debug:
        os.environ["BLASTER_LOG_LEVEL"] = "debug"
    if log_format:
        os.environ["BLASTER_LOG_FORMAT"] = log_format


# --- db --------------------------------------------------------------------------------------


@cli.group()
def db() -> None:
    """Database schema."""


@db.command("migrate")
@pass_state
def db_migrate(state: State) -> None:
    """Create or upgrade the schema (idempotent; keeps existing listmonk tables)."""
    from blaster import store
    from blaster.store import schema

    with database(state.settings) as dsn, store.connect(dsn) as conn:
        applied = schema.migrate(conn)
        version, _ = schema.status(conn)
    for line in applied:
        click.echo(f"applied {line}")
    click.echo(f"schema at version {version}")


@db.command("status")
@pass_state
def db_status(state: State) -> None:
    """Show the schema version."""
    from blaster import store
    from blaster.store import schema

    with database(state.settings) as dsn, store.connect(dsn) as conn:
        applied, latest = schema.status(conn)
    click.echo(
        f"schema at version {applied} of {latest}"
        + ("" if applied == latest else " (run `blaster db migrate`)")
    )
    if applied < latest:
        raise SystemExit(EXIT_ERROR)


# --- run -------------------------------------------------------------------------------------


@cli.command("run")
@click.option("--exit-when-idle", is_flag=True, help="Exit once no campaign is running or due.")
@pass_state
def run_cmd(state: State, exit_when_idle: bool) -> None:
    """Send running campaigns until SIGTERM/SIGINT."""
    settings = state.settings
    if not settings.smtp:
        raise BlasterError(
            "no SMTP server configured: set BLASTER_SMTP=smtp://host:port "
            "or add an [[smtp]] table to blaster.toml"
        )
    logs.setup(settings.log_level, settings.log_format)
    prepare_metrics_dir()
    from blaster import coordinator

    with database(settings) as dsn:
        code = coordinator.run(
            config.with_overrides(settings, dsn=dsn), exit_when_idle=exit_when_idle
        )
    raise SystemExit(code)


# --- sink ------------------------------------------------------------------------------------


@cli.command("sink")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=2525, show_default=True, type=click.IntRange(0, 65535))
@click.option("--out-dir", type=click.Path(file_okay=False), help="Write each message here.")
def sink_cmd(host: str, port: int, out_dir: str | None) -> None:
    """Run a local SMTP server that accepts and counts everything (for trying things out)."""
    from blaster.sink import Sink, SinkHandler

    sink = Sink(SinkHandler(out_dir=out_dir), host=host, port=port).start()
    click.echo(f"sink listening on {sink.url} (Ctrl-C to stop)")
    last = -1
    try:
        while True:
            time.sleep(1)
            if sink.handler.count != last:
                last = sink.handler.count
                click.echo(f"received {last} message(s)")
    except KeyboardInterrupt:
        pass
    finally:
        sink.stop()


# --- config ----------------------------------------------------------------------------------


@cli.group("config")
def config_group() -> None:
    """Configuration."""


@config_group.command("check")
@pass_state
def config_check(state: State) -> None:
    """Validate the configuration and print it, secrets masked."""
    click.echo(json.dumps(state.settings.masked(), indent=2, default=str))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (user errors: one line on stderr)."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="blaster", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return EXIT_ERROR
    except BlasterError as exc:
        if debug:
            raise
        click.echo(f"blaster: error: {exc}", err=True)
        return EXIT_ERROR
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    return EXIT_OK
