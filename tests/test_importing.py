"""``subscribers import`` as :mod:`blaster.importing` runs it, against a real PostgreSQL:
rows into the named lists with the given status, each batch reported, rejects written."""

from __future__ import annotations

import pytest

from blaster import importing
from blaster.errors import BlasterError
from tests import helpers as h


def test_a_file_into_two_lists(conn, dsn, workdir):
    news, staff = h.create_list(conn, "News"), h.create_list(conn, "Staff")
    src, rejects = workdir / "in.csv", workdir / "rejects.csv"
    src.write_text("email,name\nada@example.com,Ada\nnope,X\nbob@example.com,Bob\n")
    settings = h.engine_settings(h.engine_env(dsn, "", workdir))
    batches = []

    summary = importing.run(
        settings,
        str(src),
        lists=("News", "Staff"),
        status="confirmed",
        reject_path=str(rejects),
        batch_size=1,
        on_batch=lambda s: batches.append(s.read),
    )
    assert (summary.read, summary.imported, summary.rejected) == (3, 2, 1)
    assert batches and batches[-1] == 3
    assert "nope" in rejects.read_text()
    rows = conn.execute(
        "SELECT s.email, l.list_id, l.status::text FROM subscriber_lists l"
        " JOIN subscribers s ON s.id = l.subscriber_id ORDER BY 1, 2"
    ).fetchall()
    assert rows == [
        ("ada@example.com", news, "confirmed"),
        ("ada@example.com", staff, "confirmed"),
        ("bob@example.com", news, "confirmed"),
        ("bob@example.com", staff, "confirmed"),
    ]


def test_an_unknown_list_is_refused(dsn, workdir):
    settings = h.engine_settings(h.engine_env(dsn, "", workdir))
    with pytest.raises(BlasterError, match=r"list 'Nope' does not exist"):
        importing.run(
            settings,
            "unused.csv",
            lists=("Nope",),
            status="confirmed",
            reject_path="r",
            batch_size=1,
        )
