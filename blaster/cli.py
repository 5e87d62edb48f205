"""The ``blaster`` command line (click): parse, build settings, call one function, print.

Each command parses its arguments, builds the settings (:mod:`blaster.effective`), calls
one function of the module that owns the capability and prints what it returns. Every user
error is one line on stderr and a non-zero exit code; ``--debug`` shows the traceback.
Commands that need a database use ``BLASTER_DSN`` or, when it is empty, the embedded
PostgreSQL under ``data_dir`` (see :mod:`blaster.database`).
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

import click

from blaster import arguments, config, effective, logs, views
from blaster.database import connection
from blaster.errors import BlasterError
from blaster.models import CampaignStatus

if TYPE_CHECKING:
    from blaster import importer

EXIT_OK = 0
EXIT_ERROR = 1  #: a user or runtime error, explained on stderr
EXIT_USAGE = 2  #: bad command line


class State:
    """What the top-level options decided, passed to every command."""

    def __init__(self, config_path: str | None, flags: effective.Flags) -> None:
        self.config_path = config_path
        self.flags = flags
        self._loaded: effective.Effective | None = None

    @property
    def debug(self) -> bool:
        """``--debug`` was given."""
        return self.flags.debug

    @property
    def loaded(self) -> effective.Effective:
        """The effective settings with their sources (read once, without waiting)."""
        if self._loaded is None:
            self._loaded = self.load(wait=False)
        return self._loaded

    @property
    def settings(self) -> config.Settings:
        """The effective settings: flags, environment, file, listmonk's settings, defaults."""
        return self.loaded.settings

    def base(self) -> config.Settings:
        """The settings without listmonk's layer (read before the database is reachable)."""
        return effective.base(self.config_path, self.flags)

    def load(self, *, wait: bool) -> effective.Effective:
        """Build the settings; ``wait``: retry while the database is unreachable (``run``)."""
        self._loaded = effective.load(self.config_path, self.flags, wait=wait)
        return self._loaded


pass_state = click.make_pass_decorator(State)


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
    ctx.obj = State(config_path, effective.Flags(debug=debug, log_format=log_format))


# --- db --------------------------------------------------------------------------------------


@cli.group()
def db() -> None:
    """Database schema."""


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
    from blaster import database

    done = database.migrate(state.settings, embedded=embedded)
    for line in done.applied:
        click.echo(f"applied {line}")
    click.echo(f"schema at version {done.version} ({done.target})")


@db.command("uninstall")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--embedded", is_flag=True, help="Act on the embedded PostgreSQL under data_dir.")
@pass_state
def db_uninstall(state: State, yes: bool, embedded: bool) -> None:
    """Remove every blaster_* table and every object blaster added (the campaigns trigger and
    its function), leaving a listmonk database as listmonk created it. Stop `blaster run`
    first. The listmonk tables and their data are kept."""
    from blaster import database

    def confirm(target: str, present: list[str]) -> None:
        _confirm_uninstall(yes, target, present)

    target, dropped = database.uninstall(state.settings, embedded=embedded, confirm=confirm)
    if not dropped:
        click.echo(f"nothing to uninstall: no blaster objects in {target}")
        return
    for line in dropped:
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
    from blaster import database

    applied, latest = database.schema_status(state.settings)
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
    from blaster import launch

    base = state.base()
    logs.setup(base.log.level, base.log.format)  # before waiting for the database
    loaded = state.load(wait=True)
    raise SystemExit(launch.run(loaded, exit_when_idle=exit_when_idle))


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
    loaded = state.loaded
    if as_json:
        click.echo(views.configuration_json(loaded.settings, loaded.sources, loaded.warnings))
    else:
        click.echo(views.configuration(loaded.settings, loaded.sources, loaded.warnings))


# --- nodes -----------------------------------------------------------------------------------


@cli.command("nodes")
@pass_state
def nodes_cmd(state: State) -> None:
    """Show the nodes sharing this database: live ones and those seen in the last day."""
    from blaster.store import leases

    with connection(state.settings) as conn:
        rows = leases.nodes(conn, state.settings.engine.lease)
    click.echo(views.nodes(rows))


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
    click.echo(views.lists(rows))


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

    body = arguments.read_text(body_path, "template")
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
    click.echo(views.templates(rows))


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
@click.option(
    "--content-type",
    type=click.Choice(arguments.CONTENT_TYPES),
    default="html",
    show_default=True,
)
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
        from_email=arguments.check_from(from_email),
        body=arguments.read_text(body_path, "body"),
        lists=list_names,
        content_type=content_type,
        altbody=arguments.read_text(altbody_path, "altbody") if altbody_path else None,
        template=template,
        send_at=arguments.parse_send_at(send_at) if send_at else None,
        headers=tuple(arguments.parse_header(h) for h in headers),
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
    click.echo(views.campaigns(rows))


@campaigns_group.command("show")
@click.argument("campaign_id", type=int)
@pass_state
def campaigns_show(state: State, campaign_id: int) -> None:
    """Show a campaign's status, progress, rate, ETA and recorded error."""
    from blaster import preview
    from blaster.store import admin

    with connection(state.settings) as conn:
        info = admin.campaign(conn, campaign_id)
        syntax = preview.syntax(conn, state.settings, campaign_id)
    click.echo(views.campaign(info, syntax))


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
        from blaster import follow as following

        click.echo(views.campaign_end(following.follow(state.settings, campaign_id)))


_status_command("pause", "Pause a running campaign; in-flight messages finish.")
_status_command("resume", "Resume a paused campaign.")
_status_command("cancel", "Cancel a running or paused campaign for good.")


@campaigns_group.command("preview")
@click.argument("campaign_id", type=int)
@click.option("--subscriber", "subscriber", help="Render for this subscriber's address.")
@click.option("--raw", is_flag=True, help="Print the MIME bytes exactly as they are sent.")
@pass_state
def campaigns_preview(state: State, campaign_id: int, subscriber: str | None, raw: bool) -> None:
    """Print a campaign's message as rendered for one subscriber (default: the first
    eligible one). Registers its TrackLink URLs, as sending would."""
    from blaster import preview

    message = preview.build(state.settings, campaign_id, subscriber)
    click.echo(f"campaign {campaign_id} rendered for {message.who}", err=True)
    if raw:
        sys.stdout.buffer.write(message.data)
        sys.stdout.buffer.flush()
    else:
        click.echo(preview.readable(message.data))


@campaigns_group.command("test")
@click.argument("campaign_id", type=int)
@click.option("--to", "to", required=True, help="Address to send the test message to.")
@click.option("--subscriber", help="Render for this subscriber (default: --to's, or a sample).")
@pass_state
def campaigns_test(state: State, campaign_id: int, to: str, subscriber: str | None) -> None:
    """Send one message of a campaign to ADDRESS through the first configured SMTP server."""
    from blaster import testsend

    sent = testsend.run(state.settings, campaign_id, to=to, subscriber=subscriber)
    click.echo(sent.line())


@campaigns_group.command("failures")
@click.argument("campaign_id", type=int)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True
)
@pass_state
def campaigns_failures(state: State, campaign_id: int, fmt: str) -> None:
    """List the subscribers who did not receive a campaign, and why."""
    from blaster.store import admin

    with connection(state.settings) as conn:
        admin.campaign(conn, campaign_id)  # a one-line error when it does not exist
        rows = admin.failures(conn, campaign_id)
    if fmt == "csv":
        click.echo(views.failures_csv(rows), nl=False)
    else:
        click.echo(views.failures_table(rows))


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
    from blaster import importing

    rejects = reject_file or f"{file}.rejects.csv"
    live = sys.stderr.isatty()
    summary = importing.run(
        state.settings,
        file,
        lists=list_names,
        status=status,
        reject_path=rejects,
        batch_size=batch_size,
        on_batch=_import_progress if live else None,
    )
    if live:
        click.echo("", err=True)
    click.echo(views.import_summary(summary, rejects))


def _import_progress(summary: importer.Summary) -> None:
    click.echo(views.import_progress(summary), nl=False, err=True)


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
    from blaster import demo

    settings = state.settings
    level = "debug" if state.debug else "warning"
    logs.setup(level, settings.log.format)
    settings = config.with_overrides(
        settings, {"log.level": level, "engine.workers": workers or settings.engine.workers}
    )
    result = demo.main(settings, subscribers=subscribers)
    click.echo("\n".join(result.summary()))
    status = result.campaign.status
    if status != CampaignStatus.FINISHED:
        raise BlasterError(f"the demo stopped before its campaign finished ({status})")


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
