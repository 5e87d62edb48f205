"""``blaster demo``: one whole campaign on this machine, sent by the real engine, watched live.

It makes a fresh ``blaster_demo`` database on the given server (dropped and created again on
every run, so the demo can be repeated), migrates it, seeds synthetic subscribers inside
PostgreSQL, adds a default base template and a campaign, starts a local SMTP sink on a free
port, and runs the coordinator in this process's main thread (it installs the signal
handlers) with spawned workers until the campaign is done, while a
:class:`blaster.follow.Watcher` thread draws the campaign's progress bar.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass

from blaster import metricsdir, progress, store
from blaster.config import Settings, SmtpServer, with_overrides
from blaster.console import Screen
from blaster.database import database
from blaster.follow import POLL_SECONDS, Watcher
from blaster.models import CampaignProgress
from blaster.sink import Sink
from blaster.store import admin, schema
from blaster.store import campaigns as db

DEMO_DB = "blaster_demo"  #: the database the demo owns (dropped at the start of each run)
LIST_NAME = "Demo subscribers"

BASE_TEMPLATE = """<!doctype html>
<html><body style="font-family: sans-serif; background: #f4f4f4; padding: 24px">
<div style="max-width: 560px; margin: auto; background: #fff; padding: 24px">
{% include "content" %}
</div>
<p style="text-align: center; font-size: 12px">
  <a href="{{ UnsubscribeURL() }}">Unsubscribe</a> · <a href="{{ MessageURL() }}">View online</a>
</p>
{{ TrackView() }}
</body></html>
"""

CAMPAIGN_BODY = """<h1>Hello {{ Subscriber.FirstName }}!</h1>
<p>This is the blaster demo. Greetings to {{ Subscriber.Attribs.city }}.</p>
<p>You are subscriber #{{ Subscriber.Attribs.n }}, and this message was rendered for you
alone inside the base template.</p>
"""


@dataclass(frozen=True, slots=True)
class DemoResult:
    """How the demo campaign ended."""

    campaign: CampaignProgress  #: its status and counters at the end
    seconds: float
    received: int
    metrics_url: str

    @property
    def rate(self) -> float:
        """Messages sent per second of engine time."""
        return self.campaign.sent / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> list[str]:
        """The lines printed at the end."""
        c = self.campaign
        return [
            "blaster demo summary",
            f"  campaign  {c.id} ({c.status})",
            f"  sent      {c.sent} of {c.to_send}",
            f"  failed    {c.failed}",
            f"  duration  {progress.duration(self.seconds)}",
            f"  rate      {self.rate:.0f} msgs/s",
            f"  sink      {self.received} messages received",
            f"  metrics   {self.metrics_url}",
            *([f"  error     {c.error}"] if c.error else []),
        ]


def deleted(campaign_id: int) -> CampaignProgress:
    """What the summary shows of a demo campaign that is gone: status ``deleted``, no counts."""
    return CampaignProgress(campaign_id, "", "deleted", 0, 0, 0, 0, 0, None, None, "", None)


def main(settings: Settings, *, subscribers: int) -> DemoResult:
    """``blaster demo``: prepare the metrics directory and run the demo on the embedded
    PostgreSQL under ``settings.database.data_dir`` (started for it when it is not running)."""
    metricsdir.prepare()
    settings = with_overrides(settings, {"database.dsn": ""})
    with database(settings) as server_dsn:
        return run(settings, server_dsn, subscribers=subscribers, screen=Screen())


def run(settings: Settings, server_dsn: str, *, subscribers: int, screen: Screen) -> DemoResult:
    """Run the demo against the PostgreSQL server at ``server_dsn``."""
    screen.say(f"blaster demo: preparing database {DEMO_DB!r} with {subscribers} subscribers")
    dsn = admin.recreate_database(server_dsn, DEMO_DB)
    cid = prepare(dsn, subscribers)
    with Sink() as sink:
        engine = engine_settings(settings, dsn, sink)
        url = metrics_url(engine.metrics.addr)
        screen.say(f"blaster demo: sink at {sink.url}; metrics at {url}", soft_wrap=True)
        seconds = send(engine, cid, screen)
        received = sink.handler.count
    with store.connect(dsn) as conn:
        info = db.progress(conn, cid)
    return DemoResult(info or deleted(cid), seconds=seconds, received=received, metrics_url=url)


def prepare(dsn: str, subscribers: int) -> int:
    """Migrate, seed, create the template and the campaign, start it; return its ID."""
    with store.connect(dsn) as conn:
        schema.migrate(conn)
        list_id = admin.create_list(conn, LIST_NAME, optin="single")
        admin.seed_subscribers(conn, subscribers, list_id)
        admin.create_template(conn, "Demo base", BASE_TEMPLATE, default=True)
        cid = admin.create_campaign(
            conn,
            admin.NewCampaign(
                name="blaster demo",
                subject="Hello {{ Subscriber.FirstName }}, this is the blaster demo",
                from_email="blaster demo <demo@example.com>",
                body=CAMPAIGN_BODY,
                lists=(LIST_NAME,),
                headers=(("X-Demo", "yes"),),
            ),
        )
        admin.change_status(conn, cid, "start")
    return cid


def engine_settings(settings: Settings, dsn: str, sink: Sink) -> Settings:
    """The user's engine settings, sending to the sink and checkpointing often."""
    return with_overrides(
        settings,
        {
            "database.dsn": dsn,
            "smtp": (SmtpServer(host=sink.host, port=sink.port),),
            "metrics.addr": free_metrics_addr(settings.metrics.addr),
            "engine.checkpoint_interval": min(settings.engine.checkpoint_interval, POLL_SECONDS),
        },
    )


def free_metrics_addr(addr: str) -> str:
    """``addr``, or the same host on a free port when its port is taken (0 stays off)."""
    host, _, port = addr.rpartition(":")
    if int(port) == 0:
        return addr
    with socket.socket() as probe:
        try:
            probe.bind((host, int(port)))
        except OSError:
            probe.bind((host, 0))
        return f"{host}:{probe.getsockname()[1]}"


def metrics_url(addr: str) -> str:
    """The /metrics URL served at ``addr``, or a note that metrics are off."""
    host, _, port = addr.rpartition(":")
    return "disabled (metrics port 0)" if int(port) == 0 else f"http://{host}:{port}/metrics"


def send(settings: Settings, campaign_id: int, screen: Screen) -> float:
    """Run the engine until idle while a thread shows progress; return the seconds taken."""
    from blaster.coordinator import Coordinator  # only after the metrics directory is set

    watcher = Watcher(settings.database.dsn, campaign_id, screen)
    watcher.start()
    started = time.monotonic()
    try:
        Coordinator(settings, exit_when_idle=True).run()
    finally:
        watcher.stop()
    return time.monotonic() - started
