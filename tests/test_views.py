"""What the management commands print (:mod:`blaster.views`): aligned columns under their
heads, the nodes' states, a campaign's details, failures as a table and as CSV, an import's
counters. Pure: rows built here, as the store returns them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from blaster import config, views
from blaster.importer import Summary
from blaster.models import CampaignProgress
from blaster.store.admin import CampaignLine, ListRow
from blaster.store.leases import NodeRow

T0 = dt.datetime(2030, 1, 31, 9, 0, 0, tzinfo=dt.UTC)


def test_table_aligns_columns_and_drops_trailing_blanks():
    out = views.table(("ID", "NAME", "X"), [(1, "News", ""), (12, "A", "yes")])
    assert out.splitlines() == ["ID  NAME  X", "1   News", "12  A     yes"]
    assert views.table(("ID", "NAME"), []) == "ID  NAME"


def test_lists_templates_and_campaigns():
    lists = views.lists([ListRow(1, "News", "private", "single", 3)]).splitlines()
    assert [line.split() for line in lists] == [
        ["ID", "NAME", "OPTIN", "TYPE", "SUBSCRIBERS"],
        ["1", "News", "single", "private", "3"],
    ]
    templates = views.templates([(1, "First", "campaign", False), (2, "Second", "campaign", True)])
    assert [line.split() for line in templates.splitlines()[1:]] == [
        ["1", "First", "campaign"],
        ["2", "Second", "campaign", "yes"],
    ]
    campaigns = views.campaigns([CampaignLine(7, "Spring", "running", 40, 100)])
    assert campaigns.splitlines()[1].split() == ["7", "Spring", "running", "40/100"]


def node(id_, *, live, stopped=False, rate=0.0):
    return NodeRow(
        id=id_,
        host="h",
        pid=1,
        version="1",
        started_at=T0,
        heartbeat_at=T0 + dt.timedelta(seconds=10),
        stopped_at=T0 if stopped else None,
        shards=2,
        rate=rate,
        sent=500,
        live=live,
    )


def test_nodes_are_live_stopped_or_lost():
    rows = [node("a", live=True, rate=50), node("b", live=False, stopped=True)]
    lines = views.nodes([*rows, node("c", live=False)]).splitlines()
    assert lines[0].startswith("NODE  STATE    STARTED") and lines[0].endswith("RATE SHARE")
    live = ["a", "live", "2030-01-31", "09:00:00", "09:00:10", "2", "500", "50", "50/s"]
    assert lines[1].split() == live
    assert lines[2].split()[1] == "stopped" and lines[2].split()[-1] == "-"
    assert lines[3].split()[1] == "lost"


def progress_row(**kw):
    values = dict(
        id=3,
        name="Spring",
        status="paused",
        to_send=100,
        sent=40,
        failed=10,
        max_subscriber_id=100,
        last_subscriber_id=50,
        started_at=T0,
        updated_at=T0 + dt.timedelta(seconds=20),
        error="",
        finished_at=None,
    )
    values.update(kw)
    return CampaignProgress(**values)


def test_a_campaigns_details():
    out = views.campaign(progress_row(send_at=T0), "go")
    assert out.splitlines() == [
        "campaign 3: Spring",
        "  status    paused",
        "  progress  50.0%",
        "  sent      40",
        "  failed    10",
        "  to_send   100",
        "  rate      2.0 msgs/s",
        "  eta       -",
        f"  send_at   {T0.isoformat()}",
        "  error     -",
        "  syntax    go",
    ]
    running = views.campaign(progress_row(status="running", error="boom"), "jinja")
    assert "  eta       25.0s" in running and "  error     boom" in running
    assert "  send_at   -" in running
    end = views.campaign_end(progress_row(status="finished"))
    assert end == "campaign 3 is finished: sent 40, failed 10 of 100"


def test_failures_as_a_table_and_as_csv():
    message = "550 5.1.1 " + "x" * 80
    rows = [(5, "a@example.com", "permanent", 550, message, 1, T0)]
    table = views.failures_table(rows).splitlines()
    assert table[0].split() == ["SUBSCRIBER", "EMAIL", "KIND", "CODE", "MESSAGE", "ATTEMPTS", "AT"]
    assert message[:60] in table[1] and message[:61] not in table[1]
    assert table[1].endswith("1         2030-01-31 09:00:00")
    parsed = list(csv.reader(io.StringIO(views.failures_csv(rows))))
    assert parsed == [
        ["subscriber", "email", "kind", "code", "message", "attempts", "at"],
        ["5", "a@example.com", "permanent", "550", message, "1", T0.isoformat()],
    ]


def test_an_imports_counters():
    summary = Summary(read=10, imported=7, existing=1, rejected=2, seconds=2.0)
    assert views.import_summary(summary, "x.rejects.csv").splitlines() == [
        "read      10 rows",
        "imported  7",
        "existing  1",
        "rejected  2 (written to x.rejects.csv)",
        "time      2.0s (5 rows/s)",
    ]
    clean = Summary(read=3, imported=3)
    assert views.import_summary(clean, "x").splitlines()[3] == "rejected  0"
    assert views.import_progress(summary) == "\r10 rows read, 7 imported"


def test_the_configuration_with_sources_and_masked_secrets():
    env = {"BLASTER_SMTP": "smtp://u:s3cret@127.0.0.1:2525", "BLASTER_RATE": "50"}
    settings, sources = config.load_with_sources(None, env=env)
    lines = views.configuration(settings, sources, ("listmonk setting app.lang: x",))
    lines = lines.splitlines()
    assert "engine.rate = 50.0  # env BLASTER_RATE" in lines
    assert any(
        line.startswith("smtp = [") and line.endswith("# env BLASTER_SMTP") for line in lines
    )
    assert lines[-1] == "# not honoured: listmonk setting app.lang: x"
    assert "s3cret" not in "\n".join(lines)
    doc = json.loads(views.configuration_json(settings, sources, ()))
    assert doc["sources"]["engine.rate"] == "env BLASTER_RATE" and doc["warnings"] == []
    assert doc["settings"]["smtp"][0]["password"] == "***"
