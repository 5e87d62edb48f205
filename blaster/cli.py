"""The ``blaster`` command line (click): parse, build settings, call one function, exit.

Every user error is one line on stderr and a non-zero exit code; ``--debug`` shows the
traceback. Commands that need a database use ``BLASTER_DSN`` or, when it is empty, the
embedded PostgreSQL under ``data_dir`` (started on demand and stopped by whoever started it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from blaster import config, logs
from blaster.errors import BlasterError
from blaster.models import CampaignStatus

if TYPE_CHECKING:
    from blaster import importer, store
    from blaster.models import CampaignSpec, Subscriber

EXIT_OK = 0
EXIT_ERROR = 1  #: a user or runtime error, explained on stderr
EXIT_USAGE = 2  #: bad command line


class State:
    """What the top-level options decided, passed to every command."""

    def __init__(self, config_path: str | None, debug: bool) -> None:
        self.config_path = config_path
        self.debug = debug
        self._settings: config.Settings | None = None
        #: field -> where its value came from (``env X``, ``file k``, ``listmonk k``, ``default``)
        self.sources: dict[str, str] = {}
        #: listmonk settings blaster does not honour, one line each
        self.warnings: tuple[str, ...] = ()
        #: the settings from the file and the environment alone, and listmonk's layer
        self.base: config.Settings | None = None
        self.layer: config.Layer | None = None

    @property
    def settings(self) -> config.Settings:
        """The effective settings: environment, file, listmonk's settings table, defaults."""
        if self._settings is None:
            self.load(wait=False)
        assert self._settings is not None
        return self._settings

    def load(self, *, wait: bool) -> config.Settings:
        """Build the settings; ``wait``: retry while the database is unreachable (``run``)."""
        base = self.base = config.load(self.config_path)
        layer = None
        if base.database.dsn:  # the embedded PostgreSQL is blaster's own: no listmonk settings
            from blaster import listmonk_settings
            from blaster.store import listmonk

            read = listmonk.wait_and_read_settings if wait else listmonk.read_settings_at
            rows = read(base.database.dsn)
            if rows is not None:
                mapped = listmonk_settings.layer(rows, base)
                layer, self.warnings = mapped.layer, mapped.warnings
        self.layer = layer
        self._settings, self.sources = config.load_with_sources(self.config_path, base=layer)
        return self._settings


pass_state = click.make_pass_decorator(State)


@contextlib.contextmanager
def database(settings: config.Settings) -> Iterator[str]:
    """The DSN to use: ``settings.database.dsn``, or the embedded PostgreSQL (started if needed)."""
    if settings.database.dsn:
        yield settings.database.dsn
        return
    from blaster.pgembed import EmbeddedPostgres

    pg = EmbeddedPostgres(Path(settings.database.data_dir) / "pg")
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
    Path(path).mkdir(parents=True, exist_ok=True)  # a concurrent wipe may have recreated it
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


def embedded_dir(settings: config.Settings) -> Path:
    """The embedded PostgreSQL's data directory."""
    return (Path(settings.database.data_dir) / "pg").resolve()


def describe_dsn(dsn: str) -> str:
    """``database 'name' on host:port`` (never the password), for saying what is migrated."""
    from blaster import store

    return store.describe_dsn(dsn)


def _explicit_target(settings: config.Settings, embedded: bool, verb: str) -> str:
    """The database a schema command acts on, named; refused unless it is explicit: the
    configured database.dsn, or the embedded PostgreSQL with --embedded (never both)."""
    if settings.database.dsn and embedded:
        raise BlasterError(
            f"--embedded {verb}s the embedded PostgreSQL, but a database is configured"
            f" (database.dsn / BLASTER_DSN: {describe_dsn(settings.database.dsn)}):"
            " give one or the other"
        )
    if not settings.database.dsn and not embedded:
        raise BlasterError(
            f"no database configured (database.dsn / BLASTER_DSN is empty): set it to {verb}"
            f" your database, or pass --embedded to {verb} the embedded PostgreSQL in"
            f" {embedded_dir(settings)}"
        )
    if embedded:
        target = f"the embedded PostgreSQL in {embedded_dir(settings)}"
        click.echo(f"blaster: {verb[:-1] if verb.endswith('e') else verb}ing {target}", err=True)
        return target
    return describe_dsn(settings.database.dsn)


@db.command("migrate")
@click.option(
    "--embedded",
    is_flag=True,
    help="Migrate the embedded PostgreSQL under data_dir (required when no database.dsn /"
    " BLASTER_DSN is set; refused when one is).",
)
@pass_state
def db_migrate(state: State, embedded: bool) -> None:
    """Create or upgrade the schema (idempotent; keeps existing listmonk tables).

    Migrates the database of database.dsn / BLASTER_DSN; with no database configured it
    refuses, unless --embedded asks for the embedded PostgreSQL (created if absent).
    """
    from blaster import store
    from blaster.store import schema

    settings = state.settings
    target = _explicit_target(settings, embedded, "migrate")
    with database(settings) as dsn, store.connect(dsn) as conn:
        applied = schema.migrate(conn)
        version, _ = schema.status(conn)
    for line in applied:
        click.echo(f"applied {line}")
    click.echo(f"schema at version {version} ({target})")


@db.command("uninstall")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--embedded", is_flag=True, help="Act on the embedded PostgreSQL under data_dir.")
@pass_state
def db_uninstall(state: State, yes: bool, embedded: bool) -> None:
    """Remove every blaster_* table and every object blaster added (the campaigns trigger and
    its function), leaving a listmonk database as listmonk created it. Stop `blaster run`
    first. The listmonk tables and their data are kept."""
    from blaster import store
    from blaster.store import uninstall

    settings = state.settings
    target = _explicit_target(settings, embedded, "uninstall")
    with database(settings) as dsn, store.connect(dsn) as conn:
        present = uninstall.installed(conn)
        if not present:
            click.echo(f"nothing to uninstall: no blaster objects in {target}")
            return
        engines = uninstall.running_engines(conn)
        if engines:
            raise BlasterError(
                f"a blaster engine is running against {target} (PostgreSQL backend"
                f" {', '.join(engines)}): stop `blaster run` first"
            )
        _confirm_uninstall(yes, target, present)
        for line in uninstall.uninstall(conn):
            click.echo(f"dropped {line}")
    click.echo(f"blaster uninstalled from {target}")


def _confirm_uninstall(yes: bool, target: str, present: list[str]) -> None:
    """Ask on a terminal; without one, only --yes proceeds."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise BlasterError(
            "db uninstall drops blaster's tables (campaign progress, failures, transactional"
            " messages): refusing without confirmation, and stdin is not a terminal;"
            " pass --yes to proceed"
        )
    click.echo(f"This removes from {target}:", err=True)
    for line in present:
        click.echo(f"  {line}", err=True)
    if not click.confirm("Proceed?", default=False, err=True):
        raise BlasterError("db uninstall: not confirmed, nothing changed")


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
    """Send running campaigns until SIGTERM/SIGINT.

    listmonk's settings (when the database has listmonk's settings table) are read at
    start: a change saved in listmonk's UI is logged within seconds and applies from the
    next start.
    """
    base = config.load(state.config_path)
    logs.setup(base.log.level, base.log.format)
    settings = state.load(wait=True)
    for line in state.warnings:
        logging.getLogger("blaster.cli").warning("%s", line)
    if not settings.smtp:
        raise BlasterError(
            "no SMTP server configured: set BLASTER_SMTP=smtp://host:port "
            "or add an [[smtp]] table to blaster.toml"
        )
    prepare_metrics_dir()
    from blaster import coordinator

    with database(settings) as dsn, _watching_listmonk(state):
        code = coordinator.run(
            config.with_overrides(settings, {"database.dsn": dsn}), exit_when_idle=exit_when_idle
        )
    raise SystemExit(code)


@contextlib.contextmanager
def _watching_listmonk(state: State) -> Iterator[None]:
    """While the engine runs, log changes saved to listmonk's settings (a database with
    listmonk's settings table only)."""
    if state.base is None or state.layer is None:
        yield
        return
    from blaster.settings_watch import SettingsWatch

    watch = SettingsWatch(state.base.database.dsn, state.base, state.layer).start()
    try:
        yield
    finally:
        watch.stop()


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
@click.option("--json", "as_json", is_flag=True, help="One JSON object: settings, sources.")
@pass_state
def config_check(state: State, as_json: bool) -> None:
    """Validate the configuration and print each effective value with its source (env,
    file, listmonk, default), secrets masked; then the listmonk settings not honoured."""
    shown = state.settings.masked()
    if as_json:
        out = {"settings": shown, "sources": state.sources, "warnings": list(state.warnings)}
        click.echo(json.dumps(out, indent=2, default=str))
        return
    for key, value in _flat(shown):
        line = f"{key} = {json.dumps(value, default=str)}"
        click.echo(f"{line}  # {state.sources.get(key, 'default')}")
    for warning in state.warnings:
        click.echo(f"# not honoured: {warning}")


def _flat(shown: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """``(section.key, value)`` of every setting of :meth:`Settings.masked`, then the servers."""
    for section, values in shown.items():
        if isinstance(values, dict):
            yield from ((f"{section}.{name}", value) for name, value in values.items())
        else:
            yield section, values


# --- helpers for the management commands ----------------------------------------------------

#: campaign content types ``campaigns create`` accepts (listmonk's, less ``visual``)
CONTENT_TYPES = ("html", "richtext", "markdown", "plain")
_HEADER_NAME = re.compile(r"[!-9;-~]+")  # printable ASCII without ":" (RFC 5322 field name)


@contextlib.contextmanager
def connection(settings: config.Settings) -> Iterator[store.Conn]:
    """A connection to a migrated database (an unmigrated one is a one-line error)."""
    from blaster import store
    from blaster.store import schema

    with database(settings) as dsn, store.connect(dsn) as conn:
        applied, latest = schema.status(conn)
        if applied < latest:
            raise BlasterError(
                f"database schema is at version {applied} of {latest}: run `blaster db migrate`"
            )
        yield conn


def read_text(path: str, what: str) -> str:
    """The UTF-8 text of a file the user named, or a one-line error."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise BlasterError(f"cannot read {what} file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise BlasterError(f"{what} file {path} is not UTF-8 text") from None


def parse_header(raw: str) -> tuple[str, str]:
    """``Name: value`` from ``--header``; CR/LF and bad names are refused."""
    name, sep, value = raw.partition(":")
    name, value = name.strip(), value.strip()
    if not sep or not _HEADER_NAME.fullmatch(name):
        raise BlasterError(f"--header {raw!r}: expected NAME:VALUE, e.g. 'X-Campaign: spring'")
    if "\r" in value or "\n" in value:
        raise BlasterError(f"--header {name}: the value must not contain a line break")
    return name, value


def parse_send_at(raw: str) -> dt.datetime:
    """An ISO 8601 date and time; without an offset it is this machine's local time."""
    try:
        when = dt.datetime.fromisoformat(raw.strip())
    except ValueError:
        raise BlasterError(
            f"--send-at {raw!r}: expected an ISO date and time like 2030-01-31T09:00+01:00"
        ) from None
    return when if when.tzinfo else when.astimezone()


def check_from(raw: str) -> str:
    """A From address like ``News <news@example.com>``."""
    _, addr = email.utils.parseaddr(raw)
    if "@" not in addr or "\n" in raw or "\r" in raw:
        raise BlasterError(f"--from {raw!r}: expected an address like 'News <news@example.com>'")
    return raw.strip()


def table(headers: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    """Rows as left-aligned columns under a header line."""
    cells = [tuple(str(c) for c in row) for row in [headers, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells
    )


# --- nodes -----------------------------------------------------------------------------------


@cli.command("nodes")
@pass_state
def nodes_cmd(state: State) -> None:
    """Show the nodes sharing this database: live ones and those seen in the last day."""
    from blaster.store import leases

    with connection(state.settings) as conn:
        rows = leases.nodes(conn, state.settings.engine.lease)
    headers = ("NODE", "STATE", "STARTED", "HEARTBEAT", "SHARDS", "SENT", "MSGS/S", "RATE SHARE")
    click.echo(
        table(
            headers,
            [
                (
                    r.id,
                    "live" if r.live else ("stopped" if r.stopped_at else "lost"),
                    f"{r.started_at:%Y-%m-%d %H:%M:%S}",
                    f"{r.heartbeat_at:%H:%M:%S}",
                    r.shards,
                    r.sent,
                    f"{r.send_rate:.0f}",
                    f"{r.rate:.0f}/s" if r.rate else "-",
                )
                for r in rows
            ],
        )
    )


# --- lists -----------------------------------------------------------------------------------


@cli.group("lists")
def lists_group() -> None:
    """Subscriber lists."""


@lists_group.command("create")
@click.argument("name")
@click.option(
    "--optin", type=click.Choice(["single", "double"]), default="single", show_default=True
)
@click.option(
    "--type",
    "list_type",
    type=click.Choice(["private", "public", "temporary"]),
    default="private",
    show_default=True,
)
@pass_state
def lists_create(state: State, name: str, optin: str, list_type: str) -> None:
    """Create a list called NAME."""
    from blaster.store import admin

    if not name.strip():
        raise BlasterError("a list name must not be empty")
    with connection(state.settings) as conn:
        list_id = admin.create_list(conn, name.strip(), optin=optin, list_type=list_type)
    click.echo(f"created list {list_id} {name.strip()!r} ({optin} opt-in, {list_type})")


@lists_group.command("ls")
@pass_state
def lists_ls(state: State) -> None:
    """Show every list with its number of subscriptions."""
    from blaster.store import admin

    with connection(state.settings) as conn:
        rows = admin.lists(conn)
    headers = ("ID", "NAME", "OPTIN", "TYPE", "SUBSCRIBERS")
    click.echo(table(headers, [(r.id, r.name, r.optin, r.type, r.subscribers) for r in rows]))


# --- templates -------------------------------------------------------------------------------


@cli.group("templates")
def templates_group() -> None:
    """Campaign base templates."""


@templates_group.command("create")
@click.argument("name")
@click.option("--body", "body_path", required=True, help="File with the template's HTML.")
@click.option("--default", "is_default", is_flag=True, help="Make it the default template.")
@pass_state
def templates_create(state: State, name: str, body_path: str, is_default: bool) -> None:
    """Create a base template NAME; its body includes the campaign with {% include "content" %}."""
    from blaster.store import admin

    body = read_text(body_path, "template")
    with connection(state.settings) as conn:
        template_id = admin.create_template(conn, name, body, default=is_default)
    click.echo(f"created template {template_id} {name!r}" + (" (default)" if is_default else ""))


@templates_group.command("ls")
@pass_state
def templates_ls(state: State) -> None:
    """Show every template."""
    from blaster.store import admin

    with connection(state.settings) as conn:
        rows = admin.templates(conn)
    click.echo(
        table(
            ("ID", "NAME", "TYPE", "DEFAULT"),
            [(i, n, t, "yes" if d else "") for i, n, t, d in rows],
        )
    )


# --- campaigns -------------------------------------------------------------------------------


@cli.group("campaigns")
def campaigns_group() -> None:
    """Create, inspect, start, pause, resume and cancel campaigns."""


@campaigns_group.command("create")
@click.option("--name", required=True)
@click.option("--subject", required=True, help="Subject line (a template).")
@click.option("--from", "from_email", required=True, help="From, e.g. 'News <news@example.com>'.")
@click.option("--list", "list_names", multiple=True, required=True, help="List name (repeatable).")
@click.option("--body", "body_path", required=True, help="File with the campaign body.")
@click.option("--altbody", "altbody_path", help="File with a plain-text alternative.")
@click.option("--content-type", type=click.Choice(CONTENT_TYPES), default="html", show_default=True)
@click.option("--template", help="Base template name (default: the default template).")
@click.option("--send-at", help="ISO date and time; `start` then schedules the campaign.")
@click.option("--header", "headers", multiple=True, help="Extra header NAME:VALUE (repeatable).")
@click.option(
    "--syntax",
    type=click.Choice(["jinja", "go", "auto"]),
    default="jinja",
    show_default=True,
    help="Template language of subject, body and headers: jinja, Go (listmonk's), or detect.",
)
@pass_state
def campaigns_create(
    state: State,
    name: str,
    subject: str,
    from_email: str,
    list_names: tuple[str, ...],
    body_path: str,
    altbody_path: str | None,
    content_type: str,
    template: str | None,
    send_at: str | None,
    headers: tuple[str, ...],
    syntax: str,
) -> None:
    """Create a draft campaign on one or more lists."""
    from blaster.store import admin

    new = admin.NewCampaign(
        name=name,
        subject=subject,
        from_email=check_from(from_email),
        body=read_text(body_path, "body"),
        lists=list_names,
        content_type=content_type,
        altbody=read_text(altbody_path, "altbody") if altbody_path else None,
        template=template,
        send_at=parse_send_at(send_at) if send_at else None,
        headers=tuple(parse_header(h) for h in headers),
        syntax=None if syntax == "auto" else syntax,
    )
    with connection(state.settings) as conn:
        campaign_id = admin.create_campaign(conn, new)
    click.echo(f"created campaign {campaign_id} {name!r} (draft)")


@campaigns_group.command("ls")
@pass_state
def campaigns_ls(state: State) -> None:
    """Show every campaign, newest first."""
    from blaster.store import admin

    with connection(state.settings) as conn:
        rows = admin.campaigns(conn)
    click.echo(
        table(
            ("ID", "NAME", "STATUS", "SENT/TO_SEND"),
            [(r.id, r.name, r.status, f"{r.sent}/{r.to_send}") for r in rows],
        )
    )


@campaigns_group.command("show")
@click.argument("campaign_id", type=int)
@pass_state
def campaigns_show(state: State, campaign_id: int) -> None:
    """Show a campaign's status, progress, rate, ETA and recorded error."""
    from blaster import progress
    from blaster.store import admin

    with connection(state.settings) as conn:
        info = admin.campaign(conn, campaign_id)
        syntax = _syntax_line(state, conn, campaign_id)
    p = progress.compute(info)
    send_at = info.send_at.isoformat() if info.send_at else "-"
    lines = [
        f"campaign {campaign_id}: {info.name}",
        f"  status    {p.status}",
        f"  progress  {p.percent:.1f}%",
        f"  sent      {p.sent}",
        f"  failed    {p.failed}",
        f"  to_send   {p.to_send}",
        f"  rate      {p.rate:.1f} msgs/s",
        f"  eta       {progress.duration(p.eta)}",
        f"  send_at   {send_at}",
        f"  error     {info.error or '-'}",
        f"  syntax    {syntax}",
    ]
    click.echo("\n".join(lines))


def _syntax_line(state: State, conn: store.Conn, campaign_id: int) -> str:
    """Which template language the campaign compiles as (or why it does not compile)."""
    from blaster.render import CampaignRenderer
    from blaster.store import campaigns

    row = campaigns.load(conn, campaign_id)
    if row is None:
        return "-"
    try:
        return CampaignRenderer.from_settings(row.spec, state.settings).syntax
    except BlasterError as exc:
        return f"- (does not compile: {exc})"


def _status_command(action: str, summary: str) -> None:
    @campaigns_group.command(action, help=summary)
    @click.argument("campaign_id", type=int)
    @pass_state
    def command(state: State, campaign_id: int) -> None:
        _change_status(state, campaign_id, action)


def _change_status(state: State, campaign_id: int, action: str) -> None:
    from blaster.store import admin

    with connection(state.settings) as conn:
        status = admin.change_status(conn, campaign_id, action)
        scheduled = status == CampaignStatus.SCHEDULED
        when = admin.campaign(conn, campaign_id).send_at if scheduled else None
    click.echo(
        f"campaign {campaign_id} is now {status}"
        + (f" (sends at {when.isoformat()})" if when else "")
    )


@campaigns_group.command("start")
@click.argument("campaign_id", type=int)
@click.option("--follow", is_flag=True, help="Show live progress until the campaign ends.")
@pass_state
def campaigns_start(state: State, campaign_id: int, follow: bool) -> None:
    """Start a draft or paused campaign (scheduled if send_at is ahead).

    A running `blaster run` sends it; with --follow this command shows its progress until it
    is finished, paused or cancelled (Ctrl-C stops following, not the campaign).
    """
    _change_status(state, campaign_id, "start")
    if follow:
        _follow(state, campaign_id)


def _follow(state: State, campaign_id: int) -> None:
    from rich.console import Console

    from blaster.demo import Watcher
    from blaster.store import admin

    with database(state.settings) as dsn:
        watcher = Watcher(dsn, campaign_id, Console(stderr=True))
        watcher.start()
        try:
            with connection(state.settings) as conn:
                while admin.campaign(conn, campaign_id).status in (
                    CampaignStatus.RUNNING,
                    CampaignStatus.SCHEDULED,
                ):
                    time.sleep(0.5)
        except KeyboardInterrupt:
            click.echo("stopped following; the campaign goes on", err=True)
        finally:
            watcher.stop()
    with connection(state.settings) as conn:
        info = admin.campaign(conn, campaign_id)
    click.echo(
        f"campaign {campaign_id} is {info.status}: sent {info.sent},"
        f" failed {info.failed} of {info.to_send}"
    )


_status_command("pause", "Pause a running campaign; in-flight messages finish.")
_status_command("resume", "Resume a paused campaign.")
_status_command("cancel", "Cancel a running or paused campaign for good.")


def _campaign_message(
    settings: config.Settings, campaign_id: int, subscriber: str | None, to: str | None = None
) -> tuple[bytes, str, str]:
    """One message of a campaign as the engine would build it: (bytes, envelope sender,
    who it was rendered for). ``to`` replaces the recipient (test sends)."""
    from blaster.content import CampaignContent
    from blaster.errors import RenderError
    from blaster.mime import address
    from blaster.store import campaigns as campaign_store
    from blaster.store import content as content_store

    with connection(settings) as conn:
        row = campaign_store.load(conn, campaign_id)
        if row is None:
            raise BlasterError(f"campaign {campaign_id} does not exist")
        sub, who = _preview_subscriber(conn, row.spec, subscriber or to, exact=bool(subscriber))
        try:
            content = CampaignContent(
                row.spec, settings, links=content_store.LinkRegistry(conn=conn)
            )
            data = content.build(sub, to_addr=address(sub.name, to) if to else None)
        except RenderError as exc:
            raise BlasterError(f"template error: {exc}") from None
    return data, content.envelope_from, who


def _preview_subscriber(
    conn: store.Conn, spec: CampaignSpec, email_addr: str | None, *, exact: bool
) -> tuple[Subscriber, str]:
    """The subscriber with ``email_addr`` (required when ``exact``), else the campaign's first
    eligible subscriber, else listmonk's sample subscriber (with ``email_addr`` if given)."""
    from blaster.models import Subscriber
    from blaster.render import ZERO_UUID
    from blaster.store.content import subscriber_by_email
    from blaster.store.subscribers import fetch_page_sync

    if email_addr:
        found = subscriber_by_email(conn, email_addr)
        if found is not None:
            return found, f"subscriber {found.id} <{found.email}>"
        if exact:
            raise BlasterError(f"no subscriber with the address {email_addr!r}")
    else:
        first = fetch_page_sync(conn, spec, 0, spec.max_subscriber_id or 2**31 - 1, 1)
        if first:
            return first[0], f"subscriber {first[0].id} <{first[0].email}> (first eligible)"
    sample = Subscriber(
        0,
        ZERO_UUID,
        email_addr or "subscriber@example.com",
        "Demo Subscriber",
        {"city": "Bengaluru"},
        "enabled",
        dt.datetime.now(dt.UTC),
    )
    return sample, "a sample subscriber (no such subscriber in the database)"


def _readable(data: bytes) -> str:
    """A message as a person reads it: decoded headers, each text part, attachments listed."""
    import email
    import email.policy

    msg = email.message_from_bytes(data, policy=email.policy.default)
    lines = [f"{name}: {value}" for name, value in msg.items()]
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        if part.get_content_disposition() == "attachment":
            size = len(part.get_payload(decode=True) or b"")
            lines += ["", f"--- attachment {part.get_filename()!r} ({ctype}, {size} bytes) ---"]
        else:
            lines += ["", f"--- {ctype} ---", str(part.get_content()).rstrip("\n")]
    return "\n".join(lines)


@campaigns_group.command("preview")
@click.argument("campaign_id", type=int)
@click.option("--subscriber", "subscriber", help="Render for this subscriber's address.")
@click.option("--raw", is_flag=True, help="Print the MIME bytes exactly as they are sent.")
@pass_state
def campaigns_preview(state: State, campaign_id: int, subscriber: str | None, raw: bool) -> None:
    """Print a campaign's message as rendered for one subscriber (default: the first
    eligible one). Registers its TrackLink URLs, as sending would."""
    data, _, who = _campaign_message(state.settings, campaign_id, subscriber)
    click.echo(f"campaign {campaign_id} rendered for {who}", err=True)
    if raw:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        click.echo(_readable(data))


@campaigns_group.command("test")
@click.argument("campaign_id", type=int)
@click.option("--to", "to", required=True, help="Address to send the test message to.")
@click.option("--subscriber", help="Render for this subscriber (default: --to's, or a sample).")
@pass_state
def campaigns_test(state: State, campaign_id: int, to: str, subscriber: str | None) -> None:
    """Send one message of a campaign to ADDRESS through the first configured SMTP server."""
    import asyncio

    from blaster.messengers.smtp import SmtpSession

    settings = state.settings
    addr = email.utils.parseaddr(to)[1]
    if "@" not in addr or addr != to.strip():
        raise BlasterError(f"--to {to!r}: expected one address like someone@example.com")
    if not settings.smtp:
        raise BlasterError("no SMTP server configured: set BLASTER_SMTP=smtp://host:port")
    data, sender, who = _campaign_message(settings, campaign_id, subscriber, to=addr)

    async def send() -> None:
        session = SmtpSession(settings.smtp[0])
        try:
            await session.send(sender, addr, data)
        finally:
            await session.close()

    asyncio.run(send())
    click.echo(f"sent campaign {campaign_id} to {addr} via {settings.smtp[0].label} ({who})")


@campaigns_group.command("failures")
@click.argument("campaign_id", type=int)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True
)
@pass_state
def campaigns_failures(state: State, campaign_id: int, fmt: str) -> None:
    """List the subscribers who did not receive a campaign, and why."""
    import csv

    from blaster.store import admin

    with connection(state.settings) as conn:
        admin.campaign(conn, campaign_id)  # a one-line error when it does not exist
        rows = admin.failures(conn, campaign_id)
    headers = ("SUBSCRIBER", "EMAIL", "KIND", "CODE", "MESSAGE", "ATTEMPTS", "AT")
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([h.lower() for h in headers])
        writer.writerows([*r[:6], r[6].isoformat()] for r in rows)
        return
    click.echo(
        table(headers, [(*r[:4], r[4][:60], r[5], f"{r[6]:%Y-%m-%d %H:%M:%S}") for r in rows])
    )


@campaigns_group.command("retry-failed")
@click.argument("campaign_id", type=int)
@pass_state
def campaigns_retry_failed(state: State, campaign_id: int) -> None:
    """Re-send a finished or paused campaign to its failed subscribers only."""
    from blaster.store import admin

    with connection(state.settings) as conn:
        count = admin.start_retry(conn, campaign_id)
    click.echo(
        f"campaign {campaign_id} is running again for {count} failed subscriber(s);"
        " those delivered leave the failure list when it finishes"
    )


# --- subscribers -----------------------------------------------------------------------------


@cli.group("subscribers")
def subscribers_group() -> None:
    """Subscribers."""


@subscribers_group.command("import")
@click.argument("file")
@click.option("--list", "list_names", multiple=True, required=True, help="List name (repeatable).")
@click.option("--reject-file", help="CSV of rejected rows [default: FILE.rejects.csv].")
@click.option(
    "--status",
    type=click.Choice(["confirmed", "unconfirmed"]),
    default="unconfirmed",
    show_default=True,
    help="Subscription status of new subscriptions.",
)
@click.option("--batch-size", type=click.IntRange(1), default=50_000, show_default=True)
@pass_state
def subscribers_import(
    state: State,
    file: str,
    list_names: tuple[str, ...],
    reject_file: str | None,
    status: str,
    batch_size: int,
) -> None:
    """Import subscribers from a CSV file with a header row.

    Columns: email (required), name (default: the part before @), attribs (a JSON
    object); any other column becomes a string attribute. Bad rows and repeated addresses
    go to the reject file with their line number and reason. Subscribers that already
    exist keep their data and are only added to the lists.
    """
    from blaster import importer
    from blaster.store import admin

    rejects = reject_file or f"{file}.rejects.csv"
    with connection(state.settings) as conn:
        ids = admin.list_ids(conn, list_names)
        with admin.SubscriberImport(conn, ids, status) as loader:
            summary = importer.import_file(
                file,
                loader,
                reject_path=rejects,
                batch_size=batch_size,
                on_batch=_import_progress if sys.stderr.isatty() else None,
            )
    if sys.stderr.isatty():
        click.echo("", err=True)
    click.echo(
        "\n".join(
            [
                f"read      {summary.read} rows",
                f"imported  {summary.imported}",
                f"existing  {summary.existing}",
                f"rejected  {summary.rejected}"
                + (f" (written to {rejects})" if summary.rejected else ""),
                f"time      {summary.seconds:.1f}s ({summary.rate:.0f} rows/s)",
            ]
        )
    )


def _import_progress(summary: importer.Summary) -> None:
    click.echo(f"\r{summary.read} rows read, {summary.imported} imported", nl=False, err=True)


# --- demo ------------------------------------------------------------------------------------


@cli.command("demo")
@click.option("--subscribers", type=click.IntRange(1), default=100_000, show_default=True)
@click.option("--workers", type=click.IntRange(1), help="Worker processes [default: configured].")
@pass_state
def demo_cmd(state: State, subscribers: int, workers: int | None) -> None:
    """Send a campaign to N synthetic subscribers through a local sink, with a live view.

    Uses the embedded PostgreSQL under data_dir (never BLASTER_DSN) and a fresh
    ``blaster_demo`` database each time.
    """
    settings = state.settings
    level = "debug" if state.debug else "warning"
    logs.setup(level, settings.log.format)
    settings = config.with_overrides(
        settings,
        {
            "database.dsn": "",
            "log.level": level,
            "engine.workers": workers or settings.engine.workers,
        },
    )
    prepare_metrics_dir()
    from rich.console import Console

    from blaster import demo

    console = Console()
    with database(settings) as server_dsn:
        result = demo.run(settings, server_dsn, subscribers=subscribers, console=console)
    click.echo("\n".join(result.summary()))
    if result.status != CampaignStatus.FINISHED:
        raise BlasterError(f"the demo stopped before its campaign finished ({result.status})")


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
