"""What the management commands print, as plain text: left-aligned tables of lists,
templates, campaigns, nodes and failures, a campaign's details, an import's summary, and
the effective settings with their sources (secrets masked).
Pure: rows in, lines out (the live progress bar is :mod:`blaster.console`'s)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from blaster import config, progress

if TYPE_CHECKING:
    from blaster.importer import Summary
    from blaster.models import CampaignProgress
    from blaster.store.admin import CampaignLine, ListRow
    from blaster.store.leases import NodeRow

#: the columns of ``campaigns failures``, as the table heads them (lower case in CSV)
FAILURE_HEADERS = ("SUBSCRIBER", "EMAIL", "KIND", "CODE", "MESSAGE", "ATTEMPTS", "AT")
FAILURE_MESSAGE_WIDTH = 60  #: the table cuts longer failure messages


def table(headers: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    """Rows as left-aligned columns under a header line."""
    cells = [tuple(str(c) for c in row) for row in [headers, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells
    )


def nodes(rows: list[NodeRow]) -> str:
    """``blaster nodes``: one line per node."""
    headers = ("NODE", "STATE", "STARTED", "HEARTBEAT", "SHARDS", "SENT", "MSGS/S", "RATE SHARE")
    return table(headers, [_node(r) for r in rows])


def _node(r: NodeRow) -> tuple[object, ...]:
    return (
        r.id,
        "live" if r.live else ("stopped" if r.stopped_at else "lost"),
        f"{r.started_at:%Y-%m-%d %H:%M:%S}",
        f"{r.heartbeat_at:%H:%M:%S}",
        r.shards,
        r.sent,
        f"{r.send_rate:.0f}",
        f"{r.rate:.0f}/s" if r.rate else "-",
    )


def lists(rows: list[ListRow]) -> str:
    """``lists ls``: one line per list with its number of subscriptions."""
    headers = ("ID", "NAME", "OPTIN", "TYPE", "SUBSCRIBERS")
    return table(headers, [(r.id, r.name, r.optin, r.type, r.subscribers) for r in rows])


def templates(rows: list[tuple[int, str, str, bool]]) -> str:
    """``templates ls``: id, name, type and whether it is the default."""
    return table(
        ("ID", "NAME", "TYPE", "DEFAULT"),
        [(i, n, t, "yes" if d else "") for i, n, t, d in rows],
    )


def campaigns(rows: list[CampaignLine]) -> str:
    """``campaigns ls``: id, name, status and progress."""
    return table(
        ("ID", "NAME", "STATUS", "SENT/TO_SEND"),
        [(r.id, r.name, r.status, f"{r.sent}/{r.to_send}") for r in rows],
    )


def campaign(info: CampaignProgress, syntax: str) -> str:
    """``campaigns show``: status, progress, rate, ETA, schedule, error and syntax."""
    p = progress.compute(info)
    send_at = info.send_at.isoformat() if info.send_at else "-"
    lines = [
        f"campaign {info.id}: {info.name}",
        f"  status    {info.status}",
        f"  progress  {p.percent:.1f}%",
        f"  sent      {info.sent}",
        f"  failed    {info.failed}",
        f"  to_send   {info.to_send}",
        f"  rate      {p.rate:.1f} msgs/s",
        f"  eta       {progress.duration(p.eta)}",
        f"  send_at   {send_at}",
        f"  error     {info.error or '-'}",
        f"  syntax    {syntax}",
    ]
    return "\n".join(lines)


def campaign_end(info: CampaignProgress) -> str:
    """Where a followed campaign stands when the following ends."""
    return (
        f"campaign {info.id} is {info.status}: sent {info.sent},"
        f" failed {info.failed} of {info.to_send}"
    )


def failures_table(rows: list[tuple[Any, ...]]) -> str:
    """``campaigns failures``: one line per failed subscriber, long messages cut."""
    width = FAILURE_MESSAGE_WIDTH
    return table(
        FAILURE_HEADERS,
        [(*r[:4], r[4][:width], r[5], f"{r[6]:%Y-%m-%d %H:%M:%S}") for r in rows],
    )


def failures_csv(rows: list[tuple[Any, ...]]) -> str:
    """``campaigns failures --format csv``: a header row, then one row per subscriber."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([h.lower() for h in FAILURE_HEADERS])
    writer.writerows([*r[:6], r[6].isoformat()] for r in rows)
    return out.getvalue()


def import_summary(summary: Summary, rejects: str) -> str:
    """What ``subscribers import`` did, one counter a line."""
    rejected = f" (written to {rejects})" if summary.rejected else ""
    return "\n".join(
        [
            f"read      {summary.read} rows",
            f"imported  {summary.imported}",
            f"existing  {summary.existing}",
            f"rejected  {summary.rejected}{rejected}",
            f"time      {summary.seconds:.1f}s ({summary.rate:.0f} rows/s)",
        ]
    )


def import_progress(summary: Summary) -> str:
    """The running count an import shows on a terminal."""
    return f"\r{summary.read} rows read, {summary.imported} imported"


def configuration(
    settings: config.Settings, sources: Mapping[str, str], warnings: tuple[str, ...]
) -> str:
    """``config check``: ``toml.key = value  # source`` a line, then what is not honoured."""
    lines = [
        f"{key} = {json.dumps(value, default=str)}  # {sources.get(key, 'default')}"
        for key, value in _flat(settings.masked())
    ]
    return "\n".join([*lines, *(f"# not honoured: {warning}" for warning in warnings)])


def _flat(shown: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """``(section.key, value)`` of every setting of :meth:`Settings.masked`, then the servers."""
    for section, values in shown.items():
        if isinstance(values, dict):
            yield from ((f"{section}.{name}", value) for name, value in values.items())
        else:
            yield section, values


def configuration_json(
    settings: config.Settings, sources: Mapping[str, str], warnings: tuple[str, ...]
) -> str:
    """``config check --json``: one object with the settings, their sources, the warnings."""
    out = {"settings": settings.masked(), "sources": dict(sources), "warnings": list(warnings)}
    return json.dumps(out, indent=2, default=str)
