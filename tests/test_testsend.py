"""``campaigns test`` as :mod:`blaster.testsend` does it: the recipient checked as one bare
address, one message built as the engine builds it and sent through the first configured
SMTP server, here the suite's in-process sink, against a real PostgreSQL."""

from __future__ import annotations

import email
import email.policy
import re

import pytest

from blaster import config, testsend
from blaster.errors import BlasterError
from tests import helpers as h


@pytest.mark.parametrize("to", ["tester@example.com", " tester@example.com ", "ops@localhost"])
def test_the_recipient_is_one_bare_address(to):
    assert testsend.recipient(to) == to.strip()


#: what ``campaigns test --to`` refuses: nothing, no address, a display name, two, a space
REFUSED = ("", "tester", "Tester <tester@example.com>", "a@example.com, b@example.com", "a b@x.io")


def test_anything_else_is_refused():
    for to in REFUSED:
        expected = f"--to {to!r}: expected one address like someone@example.com"
        with pytest.raises(BlasterError, match=f"^{re.escape(expected)}$"):
            testsend.recipient(to)


def test_one_message_reaches_the_first_server(conn, dsn, sink, workdir):
    lst = h.create_list(conn, "l")
    h.add_subscribers(conn, [h.Sub("zoe@example.com", "Zoë Ölmann")], [(lst, "confirmed")])
    cid = h.create_campaign(conn, [lst], subject="Hi {{ Subscriber.FirstName }}", status="draft")
    settings = h.engine_settings(h.engine_env(dsn, sink.url, workdir))

    sent = testsend.run(settings, cid, to="tester@example.com", subscriber="zoe@example.com")
    assert sent.line() == (
        f"sent campaign {cid} to tester@example.com via {settings.smtp[0].label} ({sent.who})"
    )
    assert sent.who.endswith("<zoe@example.com>")
    [received] = sink.handler.messages
    assert received.recipients == ("tester@example.com",)
    msg = email.message_from_bytes(received.data, policy=email.policy.default)
    assert msg["Subject"] == "Hi Zoë"
    assert h.campaign(conn, cid)["status"] == "draft"


def test_without_a_server_nothing_is_built(dsn, workdir):
    configured = h.engine_settings(h.engine_env(dsn, "", workdir))
    settings = config.with_overrides(configured, {"smtp": ()})
    with pytest.raises(BlasterError, match=r"^no SMTP server configured"):
        testsend.run(settings, 999, to="tester@example.com", subscriber=None)
