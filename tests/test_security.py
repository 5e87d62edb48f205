"""Security properties that must not regress: SQL only with parameters (no statement text
built from values at run time), TLS verification on by default, secrets kept out of logs."""

from __future__ import annotations

import ast
import time
from pathlib import Path

from blaster import config
from blaster.messengers.smtp import SmtpSession
from tests import helpers as h

PACKAGE = Path(__file__).resolve().parent.parent / "blaster"
SQL_CALLS = {"execute", "executemany", "copy"}


def _dynamic_sql(node: ast.expr) -> bool:
    """True when a statement argument is formatted at run time (f-string, %, .format, +
    with a non-constant operand)."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and isinstance(node.func.value, ast.Constant)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return (
            _dynamic_sql(node.left)
            or _dynamic_sql(node.right)
            or any(isinstance(side, ast.Name | ast.Call) for side in (node.left, node.right))
        )
    return False


def test_no_statement_is_built_from_values():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in SQL_CALLS
                and node.args
                and _dynamic_sql(node.args[0])
            ):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == [], "SQL text built at run time (use parameters or psycopg.sql)"


def test_scanner_catches_string_built_sql():
    bad = ast.parse('cur.execute(f"SELECT * FROM t WHERE id = {x}")').body[0].value
    good = ast.parse('cur.execute("SELECT * FROM t WHERE id = %s", (x,))').body[0].value
    assert _dynamic_sql(bad.args[0]) and not _dynamic_sql(good.args[0])


def test_tls_certificates_verified_by_default():
    server = config.parse_smtp_url("smtp://relay.example.com:587?tls=starttls")
    assert server.verify is True
    client = SmtpSession(server)._new_client()
    assert client.validate_certs is True


def test_secrets_stay_out_of_logs(conn, dsn, workdir):
    lst = h.create_list(conn, "l")
    h.seed_bulk(conn, 5, lst)
    h.create_campaign(conn, [lst])
    secret_dsn = dsn.replace("postgresql://postgres@", "postgresql://postgres:pg-s3cret@")
    env = h.engine_env(
        secret_dsn,
        "smtp://bob:smtp-s3cret@127.0.0.1:1?connections=1",
        workdir,
        BLASTER_LOG_LEVEL="debug",
        BLASTER_DRAIN_TIMEOUT=1,
    )
    run_log = workdir / "run.log"
    proc = h.start_blaster("run", env=env, log=run_log)
    try:  # the failing relay is logged (with a debug trail of what led there)...
        h.wait_for(lambda: "relay unavailable" in run_log.read_text(), 60, "the relay failure")
        time.sleep(0.5)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    log = run_log.read_text()
    assert "s3cret" not in log  # ...without its password, nor the database's
    checked = h.blaster("config", "check", env=env).stdout
    assert "s3cret" not in checked and "***" in checked
