"""`blaster subscribers import`: bad rows go to the reject file with their line and reason
while good rows are imported; extra columns become attributes; a re-import counts the
subscribers it already has and keeps their data. Parsing rules are checked without a
database too."""

from __future__ import annotations

import csv
import io
import re

import pytest

from blaster import importer
from blaster.errors import BlasterError
from tests import helpers as h

SMTP = "smtp://127.0.0.1:2525"

MIXED = """email,name,attribs
ada@example.com,Ada Lovelace,"{""lang"": ""en""}"
no-at-sign.example.com,Nobody,
bob@example.com,Bob,{not json
carol@example.com,Carol,"[1, 2]"
ADA@Example.com,Ada again,
dave@example.com,,
"eve@example.com","Eve ""E"" Smith","{""multi"":
""line""}"
has space@example.com,X,
eve@example.com,Eve dup,
ZED@example.com,Zed New,"{""new"": true}"
"""


def summary(stdout: str) -> dict[str, int]:
    found = re.findall(r"^(read|imported|existing|rejected)\s+(\d+)", stdout, re.M)
    return {key: int(value) for key, value in found}


def test_bad_rows_are_rejected_and_good_rows_imported(conn, dsn, workdir):
    env = h.engine_env(dsn, SMTP, workdir)
    news = h.create_list(conn, "News")
    h.add_subscribers(conn, [h.Sub("zed@example.com", name="Zed Original", attribs={"old": 1})])
    src, rejects = workdir / "mixed.csv", workdir / "rejects.csv"
    src.write_text(MIXED)

    proc = h.blaster(
        *("subscribers", "import", str(src), "--list", "News", "--status", "confirmed"),
        *("--reject-file", str(rejects), "--batch-size", "2"),
        env=env,
    )

    assert summary(proc.stdout) == {
        "read": 10, "imported": 3, "existing": 1, "rejected": 6
    }, proc.stdout  # fmt: skip
    assert f"(written to {rejects})" in proc.stdout
    with rejects.open(newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["line", "reason", "email", "name", "attribs"]
    reasons = {int(r[0]): r[1] for r in rows[1:]}
    assert reasons.keys() == {3, 4, 5, 6, 10, 11}
    assert reasons[3] == "e-mail address has no @"
    assert reasons[4].startswith("attribs is not valid JSON")
    assert reasons[5] == "attribs must be a JSON object, not list"
    assert reasons[6] == "duplicate e-mail address (first on line 2)"  # same batch
    assert reasons[10] == "e-mail address contains a space"
    assert reasons[11] == "duplicate e-mail address (first on line 8)"  # a later batch
    assert next(r for r in rows if r[0] == "4")[2:] == ["bob@example.com", "Bob", "{not json"]

    subs = dict(
        (email, (name, attribs))
        for email, name, attribs in conn.execute("SELECT email, name, attribs FROM subscribers")
    )
    assert subs == {
        "ada@example.com": ("Ada Lovelace", {"lang": "en"}),
        "dave@example.com": ("dave", {}),
        "eve@example.com": ('Eve "E" Smith', {"multi": "line"}),
        "zed@example.com": ("Zed Original", {"old": 1}),  # existing data kept
    }
    subscriptions = conn.execute(
        "SELECT s.email, sl.status::text FROM subscriber_lists sl"
        " JOIN subscribers s ON s.id = sl.subscriber_id WHERE sl.list_id = %s ORDER BY s.id",
        (news,),
    ).fetchall()
    assert sorted(subscriptions) == [
        ("ada@example.com", "confirmed"),
        ("dave@example.com", "confirmed"),
        ("eve@example.com", "confirmed"),
        ("zed@example.com", "confirmed"),
    ]


def test_extra_columns_become_attribs_and_reimport_counts_existing(conn, dsn, workdir):
    env = h.engine_env(dsn, SMTP, workdir)
    h.create_list(conn, "News")
    other = h.create_list(conn, "Other")
    src = workdir / "extra.csv"
    src.write_text("Email,City,Plan\nfay@example.com,Oslo,pro\ngus@example.com,,free\n")

    first = h.blaster("subscribers", "import", str(src), "--list", "News", env=env)
    assert summary(first.stdout) == {"read": 2, "imported": 2, "existing": 0, "rejected": 0}
    assert not (workdir / "extra.csv.rejects.csv").exists()
    rows = conn.execute("SELECT email, name, attribs FROM subscribers ORDER BY id").fetchall()
    assert rows == [
        ("fay@example.com", "fay", {"City": "Oslo", "Plan": "pro"}),
        ("gus@example.com", "gus", {"Plan": "free"}),
    ]

    again = h.blaster(
        "subscribers", "import", str(src), "--list", "News", "--list", "Other", env=env
    )
    assert summary(again.stdout) == {"read": 2, "imported": 0, "existing": 2, "rejected": 0}
    assert conn.execute(
        "SELECT COUNT(*) FROM subscriber_lists WHERE list_id = %s AND status = 'unconfirmed'",
        (other,),
    ).fetchone() == (2,)
    assert conn.execute("SELECT COUNT(*) FROM subscriber_lists").fetchone() == (4,)


def test_import_errors_are_one_line(conn, dsn, workdir):
    env = h.engine_env(dsn, SMTP, workdir)
    h.create_list(conn, "News")
    src = workdir / "noemail.csv"
    src.write_text("name,city\nAda,Paris\n")
    cases = [
        (("--list", "News"), str(src), "the header has no 'email' column (found: name, city)"),
        (("--list", "Nope"), str(src), "list 'Nope' does not exist"),
        (("--list", "News"), str(workdir / "missing.csv"), "No such file or directory"),
    ]
    for options, path, message in cases:
        proc = h.blaster("subscribers", "import", path, *options, env=env, check=False)
        assert proc.returncode == 1
        assert len(proc.stderr.splitlines()) == 1 and message in proc.stderr, proc.stderr


# --- parsing without a database ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("a@example.com", ""),
        ("first.last+tag@sub.example.co.uk", ""),
        ("", "empty e-mail address"),
        ("example.com", "e-mail address has no @"),
        ("a b@example.com", "e-mail address contains a space"),
        ("a@b@example.com", "e-mail address has more than one @"),
        ("a@localhost", "e-mail domain 'localhost' is not a domain name with a dot"),
        ("a@example.", "e-mail domain 'example.' is not a domain name with a dot"),
        ("@example.com", "e-mail address has no local part"),
        ("x" * 65 + "@example.com", "e-mail local part longer than 64 characters"),
        ("a@" + "b" * 250 + ".com", "e-mail address longer than 254 characters"),
        ("Ada <a@example.com>", "e-mail address contains a space"),
        ("<a@example.com>", "e-mail address contains '<'"),
    ],
)
def test_email_problem(address, problem):
    assert importer.email_problem(address) == problem


def test_rows_report_their_starting_line_and_skip_blank_lines():
    header, rows = importer.read_rows(io.StringIO('email\na@x.io\n\n"b@x.io\n"\nc@x.io\n'))
    assert header == ["email"]
    assert [(line, cells) for line, cells in rows] == [
        (2, ["a@x.io"]),
        (4, ["b@x.io\n"]),
        (6, ["c@x.io"]),
    ]


def test_row_parser_rules():
    parser = importer.RowParser(["Email", "attribs", "tier"])
    assert parser.parse(2, ["a@x.io", '{"tier": "json wins"}', "gold"]) == (
        2,
        "a@x.io",
        "a",
        '{"tier":"json wins"}',
    )
    assert parser.parse(3, ["a@x.io", ""]) == "expected 3 fields, found 2"
    assert parser.parse(4, ["a@x.io", '{"n": NaN}', ""]).startswith("attribs is not valid JSON")
    assert parser.parse(5, ["a@x.io", '{"n": "\\u0000"}', ""]) == "attribs contain a NUL character"
    assert parser.parse(6, ["a\x00@x.io", "", ""]) == "the row contains a NUL character"
    with pytest.raises(BlasterError, match="'email' more than once"):
        importer.RowParser(["email", "EMAIL"])
