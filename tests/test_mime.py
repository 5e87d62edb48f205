"""The fast-path MIME bytes parse back with the stdlib parser to exactly what was rendered,
with non-ASCII names and subjects, long lines, and no header injection."""

from __future__ import annotations

import email
import email.policy
import email.utils
import os
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blaster import mime
from blaster.mime import (
    Canonical,
    EightBit,
    MessageBuilder,
    address,
    canonical_lines,
    display_name,
    text_attachment_part,
)
from blaster.wiretext import lines_fit

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


# --- transfer encodings: 7bit, 8bit, quoted-printable ---------------------------------------


def ctes(data: bytes) -> list[str]:
    """The Content-Transfer-Encoding of every text part, in order."""
    return [p["Content-Transfer-Encoding"] for p in parse(data).walk() if not p.is_multipart()]


def is_canonical(data: bytes) -> bool:
    """Every CR and LF of ``data`` is part of a CRLF, and it ends with one."""
    pairs = data.count(b"\r\n")
    return data.count(b"\r") == pairs == data.count(b"\n") and data.endswith(b"\r\n")


def test_ascii_bodies_go_7bit_without_quoted_printable():
    html, text = "<p>Hello = world, 100% plain</p>", "Hello = world\n.leading dot"
    data = build(builder(), html=html, text=text, subject="Hi")
    assert ctes(data) == ["7bit", "7bit"]
    assert b"=3D" not in data and b"<p>Hello = world, 100% plain</p>\r\n" in data
    assert not isinstance(data, EightBit) and isinstance(data, Canonical)
    text_part, html_part = parse(data).iter_parts()
    assert (content(text_part), content(html_part)) == (text, html)


def test_non_ascii_goes_8bit_only_when_the_builder_may():
    quoted = build(builder(), text="Grüße, Jürgen", html=None)
    assert ctes(quoted) == ["quoted-printable"] and not isinstance(quoted, EightBit)
    eight = build(builder(eightbit=True), text="Grüße, Jürgen", html="<p>Hallo</p>")
    assert isinstance(eight, EightBit)
    assert ctes(eight) == ["8bit", "7bit"]
    assert "Grüße, Jürgen\r\n".encode() in eight
    assert content(next(parse(eight).iter_parts())) == "Grüße, Jürgen"


def test_seven_bit_form_of_an_8bit_message():
    msg = build(builder(eightbit=True), text="Grüße\r\nzweite Zeile", html="<p>Zoë</p>")
    seven = msg.seven_bit()
    assert not isinstance(seven, EightBit) and isinstance(seven, Canonical)
    assert seven.isascii() and ctes(seven) == ["quoted-printable", "quoted-printable"]
    assert [content(p) for p in parse(seven).iter_parts()] == ["Grüße\nzweite Zeile", "<p>Zoë</p>"]
    # the same message otherwise: same headers, same boundary
    assert seven.split(b"\r\n\r\n", 1)[0] == msg.split(b"\r\n\r\n", 1)[0]


@pytest.mark.parametrize("eightbit", [True, False])
def test_lines_over_998_octets_go_quoted_printable(eightbit):
    b = builder(eightbit=eightbit)
    assert ctes(build(b, html=None, text="x" * 998)) == ["7bit"]
    assert ctes(build(b, html=None, text="x" * 999)) == ["quoted-printable"]
    assert ctes(build(b, html=None, text="ok\n" + "x" * 5000 + "\nok")) == ["quoted-printable"]
    wide = "é" * 499  # 998 octets
    assert ctes(build(b, html=None, text=wide)) == ["8bit" if eightbit else "quoted-printable"]
    assert ctes(build(b, html=None, text=wide + "e")) == ["quoted-printable"]


def test_nul_and_the_boundary_token_force_quoted_printable():
    b = builder(eightbit=True)
    assert ctes(build(b, html=None, text="a\x00b")) == ["quoted-printable"]
    token = b.alt_boundary.decode().removeprefix("=_alt_")
    forged = f"x\r\n--=_alt_{token}--\r\ny"
    data = build(b, html="<p>ok</p>", text=forged)
    assert ctes(data) == ["quoted-printable", "7bit"]
    assert content(next(parse(data).iter_parts())) == forged.replace("\r\n", "\n")


@pytest.mark.parametrize("eightbit", [True, False])
def test_bare_cr_and_lf_in_templates_become_crlf(eightbit):
    text = "one\rtwo\nthree\r\nfour\n\r\n.five\r"
    data = build(builder(eightbit=eightbit), html="<p>a\rb\nc</p>", text=text)
    assert is_canonical(data)
    text_part, html_part = parse(data).iter_parts()
    assert content(text_part) == "one\ntwo\nthree\nfour\n\n.five"
    assert content(html_part) == "<p>a\nb\nc</p>"


@given(st.text(), st.text(), st.booleans())
def test_any_body_round_trips_canonical_and_short(text, html, eightbit):
    data = build(builder(eightbit=eightbit), text=text, html=html)
    assert is_canonical(data)
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
    assert isinstance(data, EightBit) == (eightbit and "8bit" in ctes(data))
    if not eightbit:
        assert data.isascii()

    def expected(s: str) -> str:
        return s.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")

    for form in [data, data.seven_bit()] if isinstance(data, EightBit) else [data]:
        text_part, html_part = parse(form).iter_parts()
        assert content(text_part) == expected(text)
        assert content(html_part) == expected(html)


def test_attachments_stay_canonical():
    part = text_attachment_part("a.txt", "text/plain", b"x" * 200)
    bare = b"Content-Type: text/plain\nContent-Transfer-Encoding: 7bit\n\nline\rline\n"
    data = build(builder(attachments=(part, bare), eightbit=True), text="Grüße")
    assert is_canonical(data) and isinstance(data, EightBit)
    assert is_canonical(data.seven_bit())


@pytest.mark.parametrize(
    ("data", "fits"),
    [
        (b"\r\n", True),
        (b"x" * 998 + b"\r\n", True),
        (b"x" * 999 + b"\r\n", False),
        ((b"y" * 76 + b"\r\n") * 40 + b"x" * 998 + b"\r\n", True),
        ((b"y" * 76 + b"\r\n") * 40 + b"x" * 999 + b"\r\nz\r\n", False),
        ((b"x" * 998 + b"\r\n") * 5, True),
        (b"x" * 500 + b"\r\n" + b"x" * 999 + b"\r\n" + b"x" * 10 + b"\r\n", False),
    ],
)
def test_lines_fit(data, fits):
    assert lines_fit(data) is fits
    assert fits is all(len(line) <= 998 for line in data.split(b"\r\n"))


def test_canonical_lines():
    assert canonical_lines(b"a\r\nb\r\n") == b"a\r\nb\r\n"
    assert canonical_lines(b"a\nb\rc") == b"a\r\nb\r\nc\r\n"
    assert canonical_lines(b"") == b""


# --- the To header: formataddr's output, without its cost -----------------------------------

NAMES = [
    "",
    "Jane Doe",
    "Doe, Jane",
    'Jane "JD" Doe',
    "back\\slash",
    'both \\ and "',
    "dots.in.name",
    "Dr. Who",
    "a@b",
    "(paren)",
    "<angle>",
    "[brackets]",
    "semi;colon:",
    "  spaced  ",
    "Jürgen Ölmann",
    'Zoë, "the" \\ one',
    "日本語の名前",
    "👋 emoji",
    "é" * 30,
    "ü" * 80,
    "Ab" * 200,
]


def parsed_name(header: str) -> str:
    msg = email.message_from_bytes(f"To: {header}\r\n\r\n".encode(), policy=email.policy.default)
    return msg["To"].addresses[0].display_name


@pytest.mark.parametrize("name", NAMES)
def test_address_is_formataddr(name):
    got = address(name, "jane@example.com")
    assert got == email.utils.formataddr((name, "jane@example.com"), "utf-8")
    if name:
        assert parsed_name(got) == " ".join(name.split())


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126)))
def test_address_is_formataddr_for_any_ascii_name(name):
    assert address(name, "a@example.com") == email.utils.formataddr((name, "a@example.com"))


@given(st.text(min_size=1).filter(lambda s: s.isprintable()))
def test_any_name_is_formataddr_and_parses_back(name):
    got = address(name, "a@example.com")
    assert got == email.utils.formataddr((name, "a@example.com"))
    if not name.isascii():  # an encoded word: exactly the name
        assert parsed_name(got) == name


def test_display_name_quotes_like_formataddr():
    assert display_name('a "b" \\c') == '"a \\"b\\" \\\\c"'
    assert display_name("plain") == "plain"


def test_message_ids_are_unique_across_blocks_threads_and_a_fork() -> None:
    """Message-IDs come from 4 KB blocks of OS randomness: unique over many blocks and
    threads, and a forked child never repeats the IDs its parent goes on to make."""
    ids = [mime.new_message_id("example.com") for _ in range(5_000)]  # ~30 blocks
    with ThreadPoolExecutor(4) as pool:
        ids += pool.map(lambda _: mime.new_message_id("example.com"), range(5_000))
    assert len(set(ids)) == len(ids) == 10_000
    assert all(re.fullmatch(r"<[A-Za-z0-9]{24}@example\.com>", i) for i in ids[:100])
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next IDs, to the parent
        os.close(read)
        os.write(write, " ".join(mime.new_message_id("x") for _ in range(50)).encode())
        os._exit(0)
    os.close(write)
    parent = {mime.new_message_id("x") for _ in range(50)}
    with os.fdopen(read) as pipe:
        child = set(pipe.read().split())
    os.waitpid(pid, 0)
    assert len(child) == 50 and not parent & child
