"""Watching a campaign (:mod:`blaster.follow`, drawn by :mod:`blaster.console`) against a
real PostgreSQL: the bar shows the campaign's row, following ends when the campaign no
longer sends, and a database that goes away stops the drawing, not the caller."""

from __future__ import annotations

import threading
import time

from blaster import follow
from blaster.console import Screen
from tests import helpers as h


def started_campaign(conn, status, sent=40, to_send=100):
    cid = h.create_campaign(conn, [h.create_list(conn, "News")], status="draft")
    conn.execute(
        "UPDATE campaigns SET status = %s, to_send = %s, sent = %s,"
        " started_at = NOW() - interval '20 seconds', updated_at = NOW() WHERE id = %s",
        (status, to_send, sent, cid),
    )
    return cid


def test_the_bar_shows_the_campaign_row(conn, dsn, capsys):
    cid = started_campaign(conn, "paused")
    watcher = follow.Watcher(dsn, cid, Screen(stderr=True))
    watcher.start()
    time.sleep(2 * follow.POLL_SECONDS)
    watcher.stop()
    assert not watcher.is_alive()
    err = capsys.readouterr().err
    assert "paused" in err and "40/100 sent" in err and "failed 0" in err


def test_following_ends_when_the_campaign_no_longer_sends(conn, dsn, workdir, capsys):
    settings = h.engine_settings(h.engine_env(dsn, "", workdir))
    cid = started_campaign(conn, "running")

    def finish():
        time.sleep(1)
        conn.execute("UPDATE campaigns SET status = 'finished', sent = 100 WHERE id = %s", (cid,))

    finisher = threading.Thread(target=finish)
    finisher.start()
    info = follow.follow(settings, cid)
    finisher.join()
    assert (info.status, info.sent, info.to_send) == ("finished", 100, 100)
    assert "100/100 sent" in capsys.readouterr().err


def test_a_lost_database_stops_the_drawing_only(capsys):
    watcher = follow.Watcher("postgresql://127.0.0.1:1/none?connect_timeout=1", 1, Screen())
    watcher.start()
    watcher.stop()
    assert "blaster demo: progress display stopped: " in capsys.readouterr().out


def test_a_screen_prints_lines(capsys):
    Screen().say("to stdout")
    Screen(stderr=True).say("to stderr " + "x" * 200, soft_wrap=True)
    out, err = capsys.readouterr()
    assert out == "to stdout\n" and err == "to stderr " + "x" * 200 + "\n"
