"""The management commands through the real CLI (subprocesses) against a real PostgreSQL:
lists, templates, campaigns and their lifecycle, one-line user errors, masked secrets."""

from __future__ import annotations

import datetime as dt
import json
import re

from tests import helpers as h

SMTP = "smtp://127.0.0.1:2525"


def run(env, *args, check=True):
    return h.blaster(*args, env=env, check=check)


def fails(env, *args):
    """Run a command that must fail with one line on stderr; return that line."""
    proc = run(env, *args, check=False)
    assert proc.returncode == 1, proc
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("blaster: error: ")
    return lines[0]


def created_id(proc) -> int:
    match = re.search(r"created campaign (\d+)", proc.stdout)
    assert match, proc.stdout
    return int(match.group(1))


def test_lists_and_templates(conn, dsn, workdir):
    env = h.engine_env(dsn, SMTP, workdir)
    run(env, "lists", "create", "News")
    run(env, "lists", "create", "VIP", "--optin", "double", "--type", "public")
    assert "list 'News' already exists" in fails(env, "lists", "create", "News")
    h.add_subscribers(conn, [h.Sub("a@example.com")], [(1, "confirmed")])

    table = run(env, "lists", "ls").stdout.splitlines()
    assert table[0].split() == ["ID", "NAME", "OPTIN", "TYPE", "SUBSCRIBERS"]
    assert table[1].split() == ["1", "News", "single", "private", "1"]
    assert table[2].split() == ["2", "VIP", "double", "public", "0"]

    base = workdir / "base.html"
    base.write_text('<html><body>{{ template "content" . }}</body></html>')
    run(env, "templates", "create", "First", "--body", str(base), "--default")
    run(env, "templates", "create", "Second", "--body", str(base), "--default")
    rows = conn.execute("SELECT name, is_default, body FROM templates ORDER BY id").fetchall()
    assert [(name, default) for name, default, _ in rows] == [("First", False), ("Second", True)]
    assert rows[0][2] == base.read_text()
    assert "Second" in run(env, "templates", "ls").stdout


def test_campaign_create_show_and_lifecycle(conn, dsn, workdir):
    env = h.engine_env(dsn, SMTP, workdir)
    h.create_list(conn, "News")
    h.create_list(conn, "Staff", optin="double")
    body = workdir / "body.md"
    body.write_text("# Hi {{ Subscriber.FirstName }}")
    tpl = workdir / "base.html"
    tpl.write_text('<div>{% include "content" %}</div>')
    run(env, "templates", "create", "Base", "--body", str(tpl))
    cid = created_id(
        run(
            env,
            *("campaigns", "create", "--name", "Spring", "--subject", "Hello"),
            *("--from", "News <news@example.com>", "--list", "News", "--list", "Staff"),
            *("--body", str(body), "--content-type", "markdown", "--template", "Base"),
            *("--header", "X-Campaign: spring", "--header", "X-Team:ops"),
        )
    )
    row = conn.execute(
        "SELECT status::text, content_type::text, headers, messenger, template_id, uuid, body"
        " FROM campaigns WHERE id = %s",
        (cid,),
    ).fetchone()
    assert row[:5] == (
        "draft",
        "markdown",
        [{"X-Campaign": "spring"}, {"X-Team": "ops"}],
        "email",
        1,
    )
    assert row[5] is not None and row[6] == body.read_text()
    lists = conn.execute(
        "SELECT list_name FROM campaign_lists WHERE campaign_id = %s ORDER BY list_id", (cid,)
    ).fetchall()
    assert lists == [("News",), ("Staff",)]
    assert re.search(rf"^{cid}\s+Spring\s+draft\s+0/0$", run(env, "campaigns", "ls").stdout, re.M)
    shown = run(env, "campaigns", "show", str(cid)).stdout
    assert "status    draft" in shown
    assert "syntax    jinja" in shown  # what the CLI records by default
    assert conn.execute("SELECT attribs FROM campaigns WHERE id = %s", (cid,)).fetchone() == (
        {"blaster_syntax": "jinja"},
    )

    assert fails(env, "campaigns", "pause", str(cid)).endswith(
        f"campaign {cid} is draft: only a running campaign can be paused"
    )
    assert f"campaign {cid} is now running" in run(env, "campaigns", "start", str(cid)).stdout
    assert "only a draft or paused campaign can be started" in fails(
        env, "campaigns", "start", str(cid)
    )
    assert "now paused" in run(env, "campaigns", "pause", str(cid)).stdout
    assert "now running" in run(env, "campaigns", "resume", str(cid)).stdout
    assert "now cancelled" in run(env, "campaigns", "cancel", str(cid)).stdout
    assert f"campaign {cid} is cancelled: only a paused campaign can be resumed" in fails(
        env, "campaigns", "resume", str(cid)
    )
    assert "only a running or paused campaign can be cancelled" in fails(
        env, "campaigns", "cancel", str(cid)
    )
    assert "campaign 999 does not exist" in fails(env, "campaigns", "start", "999")


def test_send_at_in_the_future_schedules(conn, dsn, workdir):
    env = h.engine_env(dsn, SMTP, workdir)
    h.create_list(conn, "News")
    body = workdir / "body.html"
    body.write_text("<p>later</p>")
    cid = created_id(
        run(
            env,
            *("campaigns", "create", "--name", "Later", "--subject", "S", "--from", "a@b.example"),
            *("--list", "News", "--body", str(body), "--send-at", "2099-01-31T09:00:00+01:00"),
        )
    )
    expected = dt.datetime(2099, 1, 31, 8, tzinfo=dt.UTC)
    started = run(env, "campaigns", "start", str(cid)).stdout
    match = re.search(r"now scheduled \(sends at (\S+)\)", started)
    assert match and dt.datetime.fromisoformat(match.group(1)) == expected, started
    shown = run(env, "campaigns", "show", str(cid)).stdout
    match = re.search(r"send_at   (\S+)", shown)
    assert match and dt.datetime.fromisoformat(match.group(1)) == expected, shown


def test_show_says_which_syntax_a_campaign_compiles_as(conn, dsn, workdir):
    env = h.engine_env(dsn, SMTP, workdir)
    lst = h.create_list(conn, "News")
    go = h.create_campaign(
        conn, [lst], subject="Hi {{ .Subscriber.Name }}", body="<p>{{ upper .Subscriber.Name }}</p>"
    )
    jinja = h.create_campaign(conn, [lst], body="<p>{{ Subscriber.Name | upper }}</p>")
    broken = h.create_campaign(
        conn, [lst], subject="Hi", body="<p>{{ nosuch .Subscriber.Name }}</p>"
    )
    assert "syntax    go\n" in run(env, "campaigns", "show", str(go)).stdout
    assert "syntax    jinja\n" in run(env, "campaigns", "show", str(jinja)).stdout
    out = run(env, "campaigns", "show", str(broken)).stdout
    assert 'syntax    - (does not compile: body 1:7: function "nosuch" is not available' in out


def test_show_reports_progress_rate_and_error(conn, dsn, workdir):
    env = h.engine_env(dsn, SMTP, workdir)
    cid = h.create_campaign(conn, [h.create_list(conn, "News")], status="draft")
    conn.execute(
        "UPDATE campaigns SET status = 'paused', to_send = 100, sent = 40,"
        " started_at = NOW() - interval '20 seconds', updated_at = NOW() WHERE id = %s",
        (cid,),
    )
    conn.execute(
        "INSERT INTO blaster_campaigns (campaign_id, failed, error) VALUES (%s, 10, %s)",
        (cid, "template error: body: line 1: unexpected '}'"),
    )
    out = run(env, "campaigns", "show", str(cid)).stdout
    assert "progress  50.0%" in out
    assert "sent      40" in out and "failed    10" in out and "to_send   100" in out
    assert re.search(r"rate      2\.0 msgs/s", out), out
    assert "error     template error: body: line 1: unexpected '}'" in out


def test_user_errors_are_one_line(conn, dsn, workdir):
    env = h.engine_env(dsn, SMTP, workdir)
    h.create_list(conn, "News")
    body = workdir / "body.html"
    body.write_text("<p>x</p>")
    common = ("campaigns", "create", "--name", "X", "--subject", "S", "--from", "a@b.example")
    assert fails(env, *common, "--list", "Nope", "--body", str(body)) == (
        "blaster: error: list 'Nope' does not exist (see `blaster lists ls`)"
    )
    assert "cannot read body file" in fails(env, *common, "--list", "News", "--body", "missing")
    assert "--header 'no colon'" in fails(
        env, *common, "--list", "News", "--body", str(body), "--header", "no colon"
    )
    assert "--send-at 'tomorrow'" in fails(
        env, *common, "--list", "News", "--body", str(body), "--send-at", "tomorrow"
    )
    assert conn.execute("SELECT COUNT(*) FROM campaigns").fetchone() == (0,)


def test_unmigrated_database_is_a_clear_error(empty_dsn, workdir):
    env = h.engine_env(empty_dsn, SMTP, workdir)
    assert "run `blaster db migrate`" in fails(env, "lists", "ls")


def test_config_check_masks_the_smtp_password(dsn, workdir):
    env = h.engine_env(dsn, "smtp://mailer:s3cr3t-pw@127.0.0.1:2525?tls=none", workdir)
    proc = run(env, "config", "check", "--json")
    shown = json.loads(proc.stdout)["settings"]
    assert shown["smtp"][0]["username"] == "mailer"
    assert shown["smtp"][0]["password"] == "***"
    assert "s3cr3t-pw" not in proc.stdout + proc.stderr


def test_db_migrate_without_a_database_refuses_unless_embedded(workdir):
    env = h.engine_env("", SMTP, workdir)
    pg_dir = (workdir / "data" / "pg").resolve()
    line = fails(env, "db", "migrate")
    assert "no database configured" in line and "BLASTER_DSN" in line
    assert f"--embedded to migrate the embedded PostgreSQL in {pg_dir}" in line
    assert not pg_dir.exists()  # nothing was created

    proc = run(env, "db", "migrate", "--embedded")
    assert f"migrating the embedded PostgreSQL in {pg_dir}" in proc.stderr
    assert proc.stdout.splitlines()[-1].endswith(f"(the embedded PostgreSQL in {pg_dir})")
    assert "applied 1: " in proc.stdout
    assert (pg_dir / "PG_VERSION").exists()
    again = run(env, "db", "migrate", "--embedded")
    assert "applied" not in again.stdout


def test_db_migrate_names_the_configured_database(empty_dsn, workdir):
    env = h.engine_env(empty_dsn, SMTP, workdir)
    from psycopg.conninfo import conninfo_to_dict

    dbname = conninfo_to_dict(empty_dsn)["dbname"]
    out = run(env, "db", "migrate").stdout.splitlines()
    assert out[-1].startswith("schema at version ") and f"(database '{dbname}' on " in out[-1]
    assert "--embedded" in fails(env, "db", "migrate", "--embedded")
    assert not (workdir / "data" / "pg").exists()


def test_top_level_flags_override_the_log_settings_and_say_so(dsn, workdir):
    env = h.engine_env(dsn, SMTP, workdir, BLASTER_LOG_LEVEL="warning")
    text = run(env, "--debug", "config", "check").stdout
    assert 'log.level = "debug"  # flag --debug' in text
    doc = json.loads(run(env, "--log-format", "json", "config", "check", "--json").stdout)
    assert doc["settings"]["log"]["format"] == "json"
    assert doc["sources"]["log.format"] == "flag --log-format"
    assert doc["sources"]["log.level"] == "env BLASTER_LOG_LEVEL"


def test_addresses_on_the_command_line_are_one_address_each(dsn, workdir):
    env = h.engine_env(dsn, SMTP, workdir)
    create = ("campaigns", "create", "--name", "X", "--subject", "S", "--list", "News")
    # the address is checked first: neither the list nor the body file is looked at
    assert fails(env, *create, "--body", "unread", "--from", "a@b.example, c@d.example") == (
        "blaster: error: --from 'a@b.example, c@d.example': expected an address like"
        " 'News <news@example.com>'"
    )
    assert fails(env, "campaigns", "test", "1", "--to", "Tester <t@example.com>") == (
        "blaster: error: --to 'Tester <t@example.com>': expected one address like"
        " someone@example.com"
    )
