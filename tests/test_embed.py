"""Inline images as listmonk embeds them (``<img data-embed>`` → CID parts of a
multipart/related HTML branch) and listmonk's header handling (Message-Id, Cc, Bcc,
Return-Path). Messages are parsed back with the stdlib parser; files are real images in a
media directory; the end-to-end test sends through ``blaster run`` to the aiosmtpd sink with
the media rows in the database."""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import re
import struct
import uuid
import zlib
from pathlib import Path

import psycopg
import pytest

from blaster import config, embed
from blaster.content import CampaignContent, PostbackContent, check, embedded
from blaster.errors import CampaignError, RenderError
from blaster.models import MediaRef, Subscriber
from blaster.store import campaigns as campaign_store
from tests import helpers as h
from tests import listmonk
from tests.helpers import NOW, SITE
from tests.helpers import content_spec as spec


def at_site(media: str | Path) -> config.Settings:
    """Settings with the test site's root URL and ``media`` as the media library."""
    return config.Settings(urls=config.Urls(root_url=SITE), media=config.Media(dir=str(media)))


def in_media(media: str | Path) -> config.Settings:
    """Default settings but ``media`` as the media library."""
    return config.Settings(media=config.Media(dir=str(media)))


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A real PNG image of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


LOGO = png(40, 20, (200, 30, 30))
BANNER = png(300, 80, (10, 90, 200))


def cid(name: str) -> str:
    """listmonk's MakeContentID: hex of the first 8 bytes of the SHA-1 of the file name."""
    return hashlib.sha1(name.encode()).digest()[:8].hex() + "@email"


def subscriber() -> Subscriber:
    return Subscriber(
        7, "5eb5c71b-0000-4000-8000-000000000007", "zoe@example.com", "Zoë", {}, "enabled", NOW
    )


def parse(data: bytes) -> email.message.EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    for part in msg.walk():
        assert not part.defects, part.defects
    return msg


@pytest.fixture
def media(tmp_path: Path) -> str:
    root = tmp_path / "uploads"
    root.mkdir()
    (root / "logo.png").write_bytes(LOGO)
    (root / "banner große.png").write_bytes(BANNER)
    (root / "notizen.txt").write_text("Grüße\n", encoding="utf-8")
    return str(root)


REFS = (
    MediaRef("logo.png", "logo.png", "image/png", "filesystem"),
    MediaRef("banner große.png", "banner große.png", "image/png", "filesystem"),
)
BODY = (
    '<p>Hallo</p><img data-embed src="https://news.example.com/uploads/logo.png" alt="Logo">'
    "<img src='/uploads/banner%20gro%C3%9Fe.png' DATA-EMBED=\"true\" width=300>"
    '<img src="https://news.example.com/uploads/logo.png">'  # not marked: stays a link
)


# --- the pure half ----------------------------------------------------------------------------


def test_content_id_is_listmonks():
    assert embed.content_id("logo.png") == cid("logo.png")
    assert re.fullmatch(r"[0-9a-f]{16}@email", embed.content_id("banner große.png"))


@pytest.mark.parametrize(
    ("src", "name"),
    [
        ("logo.png", "logo.png"),
        ("https://news.example.com/uploads/logo.png?v=2#x", "logo.png"),
        ("/uploads/banner%20gro%C3%9Fe.png", "banner große.png"),
        ("{{ RootURL }}/uploads/logo.png", "logo.png"),
        ("https://news.example.com/uploads/", "uploads"),
        ("https://news.example.com", "news.example.com"),  # no path: Go takes the whole src
        ("///", "/"),
    ],
)
def test_the_file_name_is_the_basename_of_the_src_path(src, name):
    assert embed.filename_from_src(src) == name


def test_only_marked_images_with_a_src_are_rewritten():
    text = (
        '<IMG data-embed="true" class=x src="a/logo.png"><img data-embed src="cid:keep@x">'
        '<img data-embed alt="no src"><img src="logo.png"><img data-embed\nsrc = \'x/logo.png\'>'
    )
    assert embed.embedded_filenames(text, None, "") == ("logo.png",)
    out = embed.rewrite(text, {"logo.png": cid("logo.png")})
    assert out == (
        f'<IMG data-embed="true" class=x src="cid:{cid("logo.png")}">'
        '<img data-embed src="cid:keep@x"><img data-embed alt="no src"><img src="logo.png">'
        f'<img data-embed\nsrc="cid:{cid("logo.png")}">'
    )
    assert embed.rewrite(text, {}) == text


def test_plain_campaigns_and_bodies_without_embeds_are_left_alone():
    plain = spec(content_type="plain", body='<img data-embed src="logo.png">')
    assert embedded(plain) == (plain, ())
    html = spec(body="<p>x</p>")
    assert embedded(html) == (html, ())


# --- the message ------------------------------------------------------------------------------


def related_parts(msg):
    """The multipart/related branch of a message and its parts."""
    [related] = [p for p in msg.walk() if p.get_content_type() == "multipart/related"]
    assert related.get_param("type") == "text/html"
    html, *images = related.iter_parts()
    assert html.get_content_type() == "text/html"
    return html, images


def check_images(html, images, expected):
    body = html.get_content()
    assert [i.get_filename() for i in images] == [name for name, _ in expected]
    for image, (name, data) in zip(images, expected, strict=True):
        assert image.get_content_type() == "image/png"
        assert image.get_content_disposition() == "inline"
        assert image["Content-ID"] == f"<{cid(name)}>"
        assert image.get_payload(decode=True) == data
        assert f'src="cid:{cid(name)}"' in body


@pytest.mark.parametrize("shape", ["html", "html+text", "html+attachments", "all"])
def test_embedded_images_are_cid_parts_of_a_related_html_branch(shape, media):
    attachments = (MediaRef("notizen.txt", "notizen.txt", "text/plain", "filesystem"),)
    sp = spec(
        body=BODY,
        altbody="Hallo" if shape in ("html+text", "all") else None,
        attachments=attachments if shape in ("html+attachments", "all") else (),
        inline=REFS,
    )
    content = CampaignContent(sp, at_site(media))
    msg = parse(content.build(subscriber()))
    top = {
        "html": "multipart/related",
        "html+text": "multipart/alternative",
        "html+attachments": "multipart/mixed",
        "all": "multipart/mixed",
    }[shape]
    assert msg.get_content_type() == top
    html, images = related_parts(msg)
    check_images(html, images, [("logo.png", LOGO), ("banner große.png", BANNER)])
    assert html.get_content().count("cid:") == 2
    assert '<img src="https://news.example.com/uploads/logo.png">' in html.get_content()
    if shape in ("html+text", "all"):
        alternative = next(p for p in msg.walk() if p.get_content_type() == "multipart/alternative")
        text, related = alternative.iter_parts()
        assert text.get_content().replace("\r\n", "\n") == "Hallo\n"
        assert related.get_content_type() == "multipart/related"
    if shape in ("html+attachments", "all"):
        _, attachment = msg.iter_parts()
        assert attachment.get_filename() == "notizen.txt"
        assert attachment.get_content_disposition() == "attachment"
    # every message of the campaign carries the same parts; the body's HTML is the one shown
    assert msg.get_body(("html",)) is not None


def test_an_image_of_the_base_template_and_the_body_is_one_part(media):
    template = (
        '<html><body><img data-embed src="{{ RootURL }}/uploads/logo.png">'
        '{{ template "content" . }}</body></html>'
    )
    body = '<img data-embed src="logo.png"><img data-embed src="/x/logo.png">'
    sp = spec(body=body, template_body=template, inline=REFS[:1])
    content = CampaignContent(sp, at_site(media))
    html, images = related_parts(parse(content.build(subscriber())))
    check_images(html, images, [("logo.png", LOGO)])
    assert html.get_content().count(f'src="cid:{cid("logo.png")}"') == 3


def test_files_are_read_once_per_campaign_not_per_message(media):
    content = CampaignContent(
        spec(body=BODY, inline=REFS), at_site(media)
    )
    for path in Path(media).iterdir():
        path.unlink()  # were they read per message, the next builds would fail
    for _ in range(3):
        html, images = related_parts(parse(content.build(subscriber())))
        check_images(html, images, [("logo.png", LOGO), ("banner große.png", BANNER)])


def test_the_seven_bit_form_keeps_the_images(media):
    sp = spec(body="<p>Grüße</p>" + BODY, altbody="Grüße", inline=REFS)
    data = CampaignContent(sp, at_site(media)).build(subscriber())
    assert b"Content-Transfer-Encoding: 8bit" in data
    seven = data.seven_bit()  # type: ignore[attr-defined]
    assert seven.isascii()
    html, images = related_parts(parse(seven))
    assert "Grüße" in html.get_content()
    check_images(html, images, [("logo.png", LOGO), ("banner große.png", BANNER)])


def test_missing_media_refuses_the_campaign(media, tmp_path):
    settings = in_media(media)
    with pytest.raises(CampaignError, match=r"inline image 'banner große\.png'.*media library"):
        check(spec(body=BODY, inline=REFS[:1]), settings)
    gone = MediaRef("logo.png", "logo.png", "image/png", "filesystem")
    empty = in_media(tmp_path)
    with pytest.raises(CampaignError, match=r"inline image 'logo\.png': file .* does not exist"):
        check(spec(body='<img data-embed src="logo.png">', inline=(gone,)), empty)
    s3 = MediaRef("logo.png", "logo.png", "image/png", "s3")
    with pytest.raises(CampaignError, match="'s3' media provider"):
        check(spec(body='<img data-embed src="logo.png">', inline=(s3,)), settings)
    check(spec(body=BODY, inline=REFS), settings)


def test_a_worker_that_cannot_read_an_image_fails_its_subscribers(tmp_path):
    from blaster.worker import CampaignContext

    sp = spec(body='<img data-embed src="logo.png">', inline=REFS[:1])
    ctx = CampaignContext(sp, in_media(tmp_path))
    with pytest.raises(RenderError, match=r"inline image 'logo\.png'"):
        ctx.build(subscriber())


def test_postback_lists_the_images_first_as_listmonk_does(media):
    attachments = (MediaRef("notizen.txt", "notizen.txt", "text/plain", "filesystem"),)
    sp = spec(body=BODY, inline=REFS, attachments=attachments)
    payload = json.loads(PostbackContent(sp, in_media(media)).build(subscriber()))
    assert [a["name"] for a in payload["attachments"]] == [
        "logo.png",
        "banner große.png",
        "notizen.txt",
    ]
    logo = payload["attachments"][0]
    assert logo["header"]["Content-Id"] == [f"<{cid('logo.png')}>"]
    assert logo["header"]["Content-Disposition"] == ["inline; filename=logo.png"]
    assert logo["header"]["Content-Type"] == ['image/png; name="logo.png"']
    assert f'src="cid:{cid("logo.png")}"' in payload["body"]


# --- headers as listmonk writes them ----------------------------------------------------------


def test_message_id_is_listmonks():
    content = CampaignContent(spec(), config.Settings(urls=config.Urls(root_url=SITE)))
    ids = {parse(content.build(subscriber()))["Message-ID"] for _ in range(50)}
    assert len(ids) == 50
    for mid in ids:
        assert re.fullmatch(r"<[0-9A-Za-z]{24}@example\.com>", mid), mid
    bare = CampaignContent(spec(from_email="news"), at_site("uploads"))
    assert parse(bare.build(subscriber()))["Message-ID"].endswith("@localhost>")


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ((("Cc", "archiv@example.com"),), "Cc: not supported"),
        ((("CC", "{{ Subscriber.Attribs.boss }}"),), "CC: not supported"),
        ((("Bcc", "x@example.com, y@example.com"),), "Bcc: not supported"),
        ((("Return-Path", "b+{{ Subscriber.ID }}@x.test"),), "literal address"),
        ((("Return-Path", "nicht eine Adresse"),), "Return-Path: 'nicht eine Adresse'"),
    ],
)
def test_envelope_headers_blaster_cannot_honour_are_refused(headers, message):
    with pytest.raises(CampaignError, match=message):
        check(spec(headers=headers), config.Settings())


def test_empty_cc_and_bcc_are_dropped_and_return_path_is_the_envelope_sender():
    headers = (("Cc", " "), ("Bcc", ""), ("Return-Path", "Bounces <bounces@example.com>"))
    sp = spec(headers=headers)
    check(sp, config.Settings())
    content = CampaignContent(sp, config.Settings(urls=config.Urls(root_url=SITE)))
    msg = parse(content.build(subscriber()))
    assert msg["Cc"] is None and msg["Bcc"] is None and msg["Return-Path"] is None
    assert content.envelope_from == "bounces@example.com"


# --- end to end -------------------------------------------------------------------------------


def _media_row(conn, filename: str, content_type: str) -> int:
    return conn.execute(
        "INSERT INTO media (uuid, provider, filename, content_type) VALUES (%s, 'filesystem',"
        " %s, %s) RETURNING id",
        (str(uuid.uuid4()), filename, content_type),
    ).fetchone()[0]


def test_embedded_images_arrive_and_missing_media_refuses(conn, dsn, sink, workdir, media):
    _media_row(conn, "logo.png", "image/png")
    _media_row(conn, "banner große.png", "image/png")
    report = _media_row(conn, "notizen.txt", "text/plain")
    lst = h.create_list(conn, "l")
    h.add_subscribers(
        conn, [h.Sub("zoe@example.com", "Zoë"), h.Sub("j@example.com", "J")], [(lst, "confirmed")]
    )
    template = conn.execute(
        "INSERT INTO templates (name, body) VALUES ('Basis', %s) RETURNING id",
        ('<img data-embed src="{{ RootURL }}/uploads/logo.png">{{ template "content" . }}',),
    ).fetchone()[0]
    good = h.create_campaign(
        conn, [lst], name="Bilder", body=BODY, altbody="Hallo", template_id=template
    )
    conn.execute(
        "INSERT INTO campaign_media (campaign_id, media_id, filename) VALUES (%s, %s, %s)",
        (good, report, "notizen.txt"),
    )
    missing = h.create_campaign(
        conn, [lst], name="Fehlt", body='<img data-embed src="https://x.test/u/fehlt.png">'
    )
    row = campaign_store.load(conn, good)
    assert row is not None and row.spec.inline == REFS

    env = h.engine_env(dsn, sink.url, workdir, BLASTER_WORKERS=1, BLASTER_MEDIA_DIR=media)
    h.blaster("run", "--exit-when-idle", env=env)

    state = h.campaign(conn, missing)
    assert state["status"] == "paused" and "inline image 'fehlt.png'" in state["error"], state
    assert h.campaign(conn, good)["status"] == "finished"
    messages = [parse(m.data) for m in sink.handler.messages]
    assert sorted(m["To"].addresses[0].addr_spec for m in messages) == [
        "j@example.com",
        "zoe@example.com",
    ]
    for msg in messages:
        assert msg.get_content_type() == "multipart/mixed"
        body, attachment = msg.iter_parts()
        assert body.get_content_type() == "multipart/alternative"
        assert attachment.get_filename() == "notizen.txt"
        html, images = related_parts(msg)
        check_images(html, images, [("logo.png", LOGO), ("banner große.png", BANNER)])
        assert html.get_content().count(f'src="cid:{cid("logo.png")}"') == 2
        assert re.fullmatch(r"<[0-9A-Za-z]{24}@[^>]+>", msg["Message-ID"])


def test_on_listmonks_schema_media_rows_as_listmonk_writes_them(empty_dsn, sink, workdir, media):
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        listmonk.install(conn)
    env = h.engine_env(empty_dsn, sink.url, workdir, BLASTER_WORKERS=1, BLASTER_MEDIA_DIR=media)
    h.blaster("db", "migrate", env=env)
    with psycopg.connect(empty_dsn, autocommit=True) as conn:
        for name in ("logo.png", "logo.png", "banner große.png"):  # listmonk's insert-media
            conn.execute(
                "INSERT INTO media (uuid, filename, thumb, content_type, provider, meta)"
                " VALUES (%s, %s, %s, 'image/png', 'filesystem', '{}')",
                (str(uuid.uuid4()), name, "thumb_" + name),
            )
        lst = h.create_list(conn, "l")
        h.add_subscribers(conn, [h.Sub("zoe@example.com", "Zoë")], [(lst, "confirmed")])
        cid_ = h.create_campaign(conn, [lst], body=BODY, headers=[{"Cc": ""}])
        h.blaster("run", "--exit-when-idle", env=env)
        assert h.campaign(conn, cid_)["status"] == "finished"
    [received] = sink.handler.messages
    msg = parse(received.data)
    assert received.recipients == ("zoe@example.com",) and msg["Cc"] is None
    assert msg.get_content_type() == "multipart/related"
    html, images = related_parts(msg)
    check_images(html, images, [("logo.png", LOGO), ("banner große.png", BANNER)])
