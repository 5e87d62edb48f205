"""A campaign's message as :mod:`blaster.preview` builds it, against a real PostgreSQL: for
the first eligible subscriber, a named one, or listmonk's sample subscriber; the recipient
replaced for test sends; one-line errors; the message as a person reads it."""

from __future__ import annotations

import email
import email.message
import email.policy

import pytest

from blaster import preview
from blaster.errors import BlasterError
from blaster.store import campaigns as campaign_store
from tests import helpers as h


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


@pytest.fixture
def settings(dsn, workdir):
    return h.engine_settings(h.engine_env(dsn, "smtp://127.0.0.1:2525", workdir))


@pytest.fixture
def draft(conn):
    lst = h.create_list(conn, "l")
    h.add_subscribers(
        conn,
        [h.Sub("ann@example.com", "Ann Lee"), h.Sub("bob@example.com", "Bob Dyer")],
        [(lst, "confirmed")],
    )
    return h.create_campaign(conn, [lst], subject="Hi {{ Subscriber.FirstName }}", status="draft")


def test_the_first_eligible_subscriber_by_default(settings, draft):
    message = preview.build(settings, draft, None)
    assert message.who.endswith("<ann@example.com> (first eligible)")
    assert message.sender == "news@example.com"
    msg = parse(message.data)
    assert msg["Subject"] == "Hi Ann" and msg["To"].addresses[0].addr_spec == "ann@example.com"


def test_a_named_subscriber_must_exist(settings, draft):
    message = preview.build(settings, draft, "BOB@example.com")
    assert parse(message.data)["Subject"] == "Hi Bob"
    assert message.who.startswith("subscriber ") and "(first eligible)" not in message.who
    with pytest.raises(BlasterError, match=r"^no subscriber with the address 'nobody@x.test'$"):
        preview.build(settings, draft, "nobody@x.test")


def test_a_test_send_goes_to_its_address_rendered_for_a_sample(settings, draft):
    message = preview.build(settings, draft, None, to="tester@example.com")
    assert message.who == "a sample subscriber (no such subscriber in the database)"
    msg = parse(message.data)
    assert msg["To"].addresses[0].addr_spec == "tester@example.com"
    assert msg["Subject"] == "Hi Demo"
    for_bob = preview.build(settings, draft, None, to="bob@example.com")
    assert parse(for_bob.data)["Subject"] == "Hi Bob"


def test_nobody_eligible_means_the_sample_subscriber(conn, settings):
    cid = h.create_campaign(conn, [h.create_list(conn, "empty")], status="draft")
    row = campaign_store.load(conn, cid)
    assert row is not None
    sub, who = preview.pick_subscriber(conn, row.spec, None, exact=False)
    assert (sub.id, sub.email, sub.name) == (0, preview.SAMPLE_EMAIL, "Demo Subscriber")
    assert who.startswith("a sample subscriber")
    named, _ = preview.pick_subscriber(conn, row.spec, "x@example.com", exact=False)
    assert named.email == "x@example.com"


def test_one_line_errors(conn, settings):
    with pytest.raises(BlasterError, match=r"^campaign 999 does not exist$"):
        preview.build(settings, 999, None)
    cid = h.create_campaign(
        conn, [h.create_list(conn, "l")], body="<p>{{ Subscriber.Attribs.a.b.c }}</p>"
    )
    with pytest.raises(BlasterError, match=r"^template error: "):
        preview.build(settings, cid, None)


def test_syntax_names_the_language_or_why_it_does_not_compile(conn, settings, draft):
    assert preview.syntax(conn, settings, draft) == "jinja"
    broken = h.create_campaign(conn, [], subject="Hi", body="<p>{{ nosuch .Subscriber.Name }}</p>")
    assert preview.syntax(conn, settings, broken).startswith("- (does not compile: body 1:7:")
    assert preview.syntax(conn, settings, 999) == "-"


def test_readable_decodes_headers_and_lists_attachments():
    msg = email.message.EmailMessage()
    msg["Subject"] = "Grüße"
    msg.set_content("Hallo Zoë\n")
    msg.add_alternative("<p>Hallo</p>", subtype="html")
    msg.add_attachment(b"%PDF-1.4 x", maintype="application", subtype="pdf", filename="a.pdf")
    text = preview.readable(msg.as_bytes())
    assert text.startswith("Subject: Grüße\n")
    assert "\n--- text/plain ---\nHallo Zoë\n" in text
    assert "\n--- text/html ---\n<p>Hallo</p>" in text
    assert text.endswith("--- attachment 'a.pdf' (application/pdf, 10 bytes) ---")
