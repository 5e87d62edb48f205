"""Messengers by name: ``email`` is every SMTP server, ``email-<name>`` one of them (names
normalised as listmonk's settings page stores them); an unknown messenger is refused."""

from __future__ import annotations

import pytest

from blaster.config import SmtpServer, parse_smtp_url
from blaster.messengers.routes import messenger_name, names, route


@pytest.mark.parametrize(
    ("server_name", "messenger"),
    [
        ("primary", "email-primary"),
        ("Primary SES", "email-primary-ses"),
        ("  Bulk_Relay #2 ", "email-bulk-relay--2"),
        ("email-ses", "email-ses"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_server_names_normalise_as_listmonk_does(server_name, messenger):
    assert messenger_name(server_name) == messenger


def test_routes():
    ses = SmtpServer(host="ses.test", port=587, name="SES")
    own = SmtpServer(host="mx.test", port=25, name="own")
    plain = SmtpServer(host="relay.test", port=25)
    servers = [ses, own, plain]
    assert route("email", servers) is None  # every server
    assert route("email-ses", servers) == frozenset({"ses.test:587"})
    assert route("email-own", servers) == frozenset({"mx.test:25"})
    assert names(servers) == ["email", "email-own", "email-ses"]
    with pytest.raises(LookupError, match=r"unknown messenger 'sms' \(this node has: email,"):
        route("sms", servers)
    with pytest.raises(LookupError, match="email-plain"):
        route("email-plain", servers)


def test_a_name_in_the_smtp_url():
    server = parse_smtp_url("smtp://127.0.0.1:2525?connections=2&name=Bulk")
    assert (server.name, messenger_name(server.name)) == ("Bulk", "email-bulk")
