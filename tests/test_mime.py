"""The fast-path MIME bytes parse back with the stdlib parser to exactly what was rendered,
with non-ASCII names and subjects, long lines, and no header injection."""

from __future__ import annotations

import email
import email.policy
import re

from hypothesis import given
from hypothesis import strategies as st

from blaster.mime import MessageBuilder, address, text_attachment_part

UUID = "6f1d3c1e-8a3b-4a56-9d2f-2f4b6f0e9a11"


def parse(data: bytes) -> email.message.EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    assert not msg.defects, msg.defects
    return msg


def content(part) -> str:
    """A part's decoded content with wire line ends (CRLF) normalised."""
    return part.get_content().replace("\r\n", "\n").rstrip("\n")


def builder(**kw) -> MessageBuilder:
    return MessageBuilder(from_addr="Zoë Sender <news@example.com>", campaign_uuid=UUID, **kw)


def build(b: MessageBuilder, **kw) -> bytes:
    args = {
        "to_addr": address("Jürgen Ölmann", "j@example.com"),
        "subject": "Grüße 👋",
        "html": "<p>Hallo Jürgen</p>",
        "text": "Hallo Jürgen",
        "subscriber_uuid": UUID,
        "unsubscribe_url": "https://x.test/subscription/a/b",
    }
    args.update(kw)
    return b.build(**args)


def test_alternative_parts_round_trip():
    long_line = "x" * 3000 + " é"
    msg = parse(build(builder(), html=f"<p>{long_line}</p>", text=long_line))
    assert msg.get_content_type() == "multipart/alternative"
    assert msg["Subject"] == "Grüße 👋"
    assert msg["To"].addresses[0].display_name == "Jürgen Ölmann"
    assert msg["From"].addresses[0].display_name == "Zoë Sender"
    text, html = msg.iter_parts()
    assert content(text) == long_line
    assert content(html) == f"<p>{long_line}</p>"
    assert msg["X-Blaster-Campaign"] == UUID
    assert msg["List-Unsubscribe"] == "<https://x.test/subscription/a/b>"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg["Message-ID"] and msg["Date"] and msg["MIME-Version"] == "1.0"


def test_every_wire_line_is_short():
    data = build(builder(), html="<p>" + "y" * 5000 + "</p>", subject="S" * 900)
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_html_only_and_text_only():
    assert parse(build(builder(), text=None)).get_content_type() == "text/html"
    plain = parse(build(builder(), html=None))
    assert plain.get_content_type() == "text/plain"
    assert content(plain) == "Hallo Jürgen"


def test_attachments_wrap_in_mixed():
    part = text_attachment_part("notes ü.txt", "text/plain", "Grüße\n".encode())
    msg = parse(build(builder(attachments=(part,))))
    assert msg.get_content_type() == "multipart/mixed"
    att = next(msg.iter_attachments())
    assert att.get_filename() == "notes ü.txt"
    assert content(att) == "Grüße"


def test_custom_headers_cannot_override_or_inject():
    b = builder(headers=(("X-Tag", "a\r\nBcc: evil@x.test"), ("From", "spoof@x.test")))
    msg = parse(build(b, subject="hi\r\nBcc: evil@x.test"))
    assert msg["Bcc"] is None
    assert msg["X-Tag"] == "a  Bcc: evil@x.test"
    assert (
        msg.get_all("From") == ['"Zoë Sender" <news@example.com>'] or len(msg.get_all("From")) == 1
    )


SUB_UUID = "0b7e3a52-4c1d-4e7f-a0b9-5d6c7e8f9a01"
#: how listmonk's POP bounce scanner finds the UUIDs in a returned message: case-sensitive
#: header name, whitespace, then 36 lowercase hex-and-dash characters
LISTMONK_SCAN = r"(?m)(?:^{}:\s+?)([a-z0-9\-]{{36}})"


def test_listmonk_campaign_and_subscriber_headers():
    msg_bytes = build(builder(), subscriber_uuid=SUB_UUID)
    msg = parse(msg_bytes)
    assert msg.get_all("X-Listmonk-Campaign") == [UUID]
    assert msg.get_all("X-Listmonk-Subscriber") == [SUB_UUID]
    assert msg["X-Blaster-Campaign"] == UUID and msg["X-Blaster-Subscriber"] == SUB_UUID
    text = msg_bytes.decode()
    for name, value in (("X-Listmonk-Campaign", UUID), ("X-Listmonk-Subscriber", SUB_UUID)):
        assert re.findall(LISTMONK_SCAN.format(name), text) == [value]
    # a Message-ID as listmonk makes it: unique, at the From address's domain
    assert re.fullmatch(r"<[^@<>\s]+@example\.com>", msg["Message-ID"])
    assert parse(build(builder(), subscriber_uuid=SUB_UUID))["Message-ID"] != msg["Message-ID"]


def test_listmonk_headers_built_once_per_campaign():
    b = builder()
    assert f"X-Listmonk-Campaign: {UUID}\r\n".encode() in b._static
    assert b"X-Listmonk-Subscriber" not in b._static
    first = parse(build(b, subscriber_uuid=SUB_UUID))
    second = parse(build(b, subscriber_uuid=UUID))
    assert first["X-Listmonk-Campaign"] == second["X-Listmonk-Campaign"] == UUID
    assert (first["X-Listmonk-Subscriber"], second["X-Listmonk-Subscriber"]) == (SUB_UUID, UUID)


def test_campaign_headers_cannot_override_listmonk_headers():
    forged = "00000000-0000-0000-0000-000000000000"
    b = builder(
        headers=(("X-Listmonk-Campaign", forged), ("x-listmonk-subscriber", forged)),
        templated_headers=("X-LISTMONK-SUBSCRIBER",),
    )
    msg = parse(build(b, subscriber_uuid=SUB_UUID, header_values=(forged,)))
    assert msg.get_all("X-Listmonk-Campaign") == [UUID]
    assert msg.get_all("X-Listmonk-Subscriber") == [SUB_UUID]


def test_no_listmonk_headers_without_uuids():
    msg = parse(
        MessageBuilder(from_addr="a@example.com", campaign_uuid="").build(
            to_addr="b@example.com",
            subject="s",
            html=None,
            text="t",
            subscriber_uuid="",
            unsubscribe_url="https://x.test/u",
        )
    )
    assert msg["X-Listmonk-Campaign"] is None and msg["X-Listmonk-Subscriber"] is None


def test_unsubscribe_header_can_be_off():
    assert parse(build(builder(unsubscribe_header=False)))["List-Unsubscribe"] is None


@given(st.text(), st.text(), st.text())
def test_any_unicode_subject_and_name_round_trip(subject, name, body):
    msg = parse(
        build(
            builder(), subject=subject, to_addr=address(name, "a@example.com"), html=None, text=body
        )
    )
    header_names = {k.lower() for k in msg}
    assert header_names <= {
        "from",
        "mime-version",
        "x-blaster-campaign",
        "x-listmonk-campaign",
        "to",
        "subject",
        "date",
        "message-id",
        "x-blaster-subscriber",
        "x-listmonk-subscriber",
        "list-unsubscribe",
        "list-unsubscribe-post",
        "content-type",
        "content-transfer-encoding",
    }
    expected = "".join(c if c.isprintable() else " " for c in subject)
    assert msg["Subject"] == expected.strip()


def test_address_with_unicode_domain_and_local_part():
    assert address("Anna", "anna@bücher.example") == "Anna <anna@xn--bcher-kva.example>"
    assert address("Jürgen", "jürgen@example.com") == "=?utf-8?q?J=C3=BCrgen?= <jürgen@example.com>"
    assert address("", "jürgen@example.com") == "<jürgen@example.com>"
