"""Campaign content at parity with listmonk: every template function and URL format, the
listmonk rewrites, markdown, headers, attachments, the sandbox and its limits, validation at
pickup, preview and test sends. Messages are parsed back with the stdlib parser and each part
compared with what the renderer produced."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import re
import time
import uuid
from pathlib import Path

import pytest

from blaster import config
from blaster.content import CampaignContent
from blaster.errors import CampaignError, RenderError, StoreError
from blaster.mime import attachment_part
from blaster.models import MediaRef, Subscriber
from blaster.render import ZERO_UUID, CampaignRenderer, listmonk_compat
from blaster.store import campaigns as campaign_store
from blaster.store import content as content_store
from tests import helpers as h
from tests.helpers import CAMP, NOW, SITE
from tests.helpers import content_renderer as renderer
from tests.helpers import content_spec as spec


class DictLinks:
    """An in-memory link resolver that records how it was asked."""

    def __init__(self) -> None:
        self.uuids: dict[str, str] = {}
        self.batches: list[list[str]] = []
        self.single: list[str] = []

    def _get(self, url: str) -> str:
        return self.uuids.setdefault(url, str(uuid.uuid5(uuid.NAMESPACE_URL, url)))

    def __call__(self, url: str) -> str:
        self.single.append(url)
        return self._get(url)

    def many(self, urls):
        self.batches.append(list(urls))
        return {u: self._get(u) for u in urls}


def in_media(media: str | Path) -> config.Settings:
    """Default settings but ``media`` as the media library."""
    return config.Settings(media=config.Media(dir=str(media)))


def subscriber(name: str = "Zoë Ölmann", **attribs) -> Subscriber:
    return Subscriber(
        7, "5eb5c71b-0000-4000-8000-000000000007", "zoe@example.com", name, attribs, "enabled", NOW
    )


def parse(data: bytes) -> email.message.EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    assert not msg.defects, msg.defects
    for part in msg.walk():
        assert not part.defects, part.defects
    return msg


def text_of(part) -> str:
    return part.get_content().replace("\r\n", "\n")


def wire(text: str) -> str:
    """A rendered body as its part decodes: it always ends with a line break."""
    return text if text.endswith("\n") else text + "\n"


# --- functions and URL formats -------------------------------------------------------------

FUNCTIONS = (
    "{{ UnsubscribeURL() }}|{{ ManageURL() }}|{{ OptinURL() }}|{{ MessageURL() }}|"
    '{{ ArchiveURL() }}|{{ RootURL() }}|{{ TrackLink("https://shop.test/a?x=1&amp;y=2") }}|'
    "{{ TrackView() }}"
)


@pytest.mark.parametrize("individual", [False, True])
def test_listmonk_url_formats_exactly(individual):
    links = DictLinks()
    sub = subscriber()
    out = renderer(FUNCTIONS, link_resolver=links, individual_tracking=individual).render(sub)
    who = sub.uuid if individual else ZERO_UUID
    link = links.uuids["https://shop.test/a?x=1&y=2"]
    assert out.html is not None
    assert out.html.split("|") == [
        f"{SITE}/subscription/{CAMP}/{sub.uuid}",
        f"{SITE}/subscription/{CAMP}/{sub.uuid}?manage=true",
        f"{SITE}/subscription/optin/{sub.uuid}?",
        f"{SITE}/campaign/{CAMP}/{sub.uuid}",
        f"{SITE}/archive",
        SITE,
        f"{SITE}/link/{link}/{CAMP}/{who}",
        f'<img src="{SITE}/campaign/{CAMP}/{who}/px.png" alt="" width="1" height="1"'
        ' style="display:none;max-width:0;max-height:0;opacity:0" />',
    ]


def test_tracking_off_gives_plain_urls_and_no_pixel():
    links = DictLinks()
    out = renderer(FUNCTIONS, link_resolver=links, tracking=False).render(subscriber())
    assert out.html is not None
    parts = out.html.split("|")
    assert parts[6] == "https://shop.test/a?x=1&amp;y=2"  # the URL, HTML-escaped in HTML
    assert parts[7] == ""
    assert not links.uuids


def test_literal_links_are_registered_once_at_compile_time():
    links = DictLinks()
    body = (
        '<a href="{{ TrackLink("https://a.test/1") }}">1</a> https://a.test/2@TrackLink'
        ' {{ TrackLink "https://a.test/3" . }} {{ TrackLink("https://a.test/1") }}'
        ' {{ TrackLink("https://a.test/u/" ~ Subscriber.ID) }}'
    )
    r = renderer(body, link_resolver=links)
    assert links.batches == [["https://a.test/1", "https://a.test/2", "https://a.test/3"]]
    for _ in range(3):
        r.render(subscriber())
    assert links.single == ["https://a.test/u/7"]  # a dynamic URL: once, then cached


def test_link_left_untracked_when_registration_fails():
    class Down(DictLinks):
        def __call__(self, url):
            raise StoreError("links: database down")

        def many(self, urls):
            raise StoreError("links: database down")

    out = renderer('{{ TrackLink("https://a.test/x?a=1&amp;b=2") }}', link_resolver=Down())
    assert out.render(subscriber()).html == "https://a.test/x?a=1&amp;b=2"


def test_listmonk_go_forms_and_shorthand_are_rewritten():
    source = (
        '{{ TrackLink "https://a.test/x" . }}|{{ TrackView }}|{{ UnsubscribeURL . }}|'
        '{{ Date "2006-01-02 15:04" }}|{{ L.T "k" }}|{{ .Subscriber.FirstName }}|'
        '<a href="https://a.test/y?q=1&amp;r=ü@TrackLink">y</a>|{{ RootURL }}'
    )
    assert listmonk_compat(source) == (
        '{{ TrackLink("https://a.test/x") }}|{{ TrackView() }}|{{ UnsubscribeURL() }}|'
        '{{ Date("2006-01-02 15:04") }}|{{ L.T("k") }}|{{ Subscriber.FirstName }}|'
        '<a href="{{ TrackLink("https://a.test/y?q=1&amp;r=ü") }}">y</a>|{{ RootURL() }}'
    )
    out = renderer(source, link_resolver=DictLinks()).render(subscriber()).html
    assert out is not None and "|2024-03-05 14:07|k|Zoë|" in out
    # header values keep the shorthand as text (listmonk does not rewrite it there)
    assert listmonk_compat("x https://a.test@TrackLink", shorthand=False).endswith("@TrackLink")


def test_date_and_translations():
    r = renderer(
        '{{ Date("Monday, 02 January 2006 15:04:05 MST") }}|{{ Date("%Y/%m") }}|{{ Date() }}|'
        '{{ L.T("greet") }}|{{ L.Ts("hello", "name", Subscriber.FirstName) }}|'
        '{{ L.Tc("items", 1) }}|{{ L.Tc("items", 5) }}|{{ L.T("missing.key") }}',
        translations={"greet": "Grüezi", "hello": "Hallo {name}!", "items": "Artikel | Artikeln"},
    )
    assert r.render(subscriber()).html == (
        "Tuesday, 05 March 2024 14:07:09 UTC|2024/03|Tue Mar  5 14:07:09 2024|"
        "Grüezi|Hallo Zoë!|Artikel|Artikeln|missing.key"
    )


def test_safe_escape_and_plain_text_autoescape_off():
    body = '{{ Safe("<b>ok</b>") }} {{ "<i>esc</i>" }} {{ Campaign.Name }} {{ Campaign.Type }}'
    assert renderer(body).render(subscriber()).html == (
        "<b>ok</b> &lt;i&gt;esc&lt;/i&gt; Frühling regular"
    )
    plain = renderer(body, spec={"content_type": "plain", "altbody": "ignored"}).render(
        subscriber()
    )
    assert plain.html is None and plain.text == "<b>ok</b> <i>esc</i> Frühling regular"


def test_markdown_carries_template_expressions_through():
    body = (
        "# Grüße {{ Subscriber.FirstName }}\n\n"
        '[Katalog]({{ TrackLink("https://a.test/k?a=1&b=2") }}) and'
        ' [B](https://a.test/b@TrackLink) {{ Date("2006") }} *{{ \'x\' ~ "y" }}*\n\n'
        "| a | b |\n|---|---|\n| ~~alt~~ | neu |\n"
    )
    links = DictLinks()
    html = renderer(body, link_resolver=links, spec={"content_type": "markdown"}).render(
        subscriber()
    )
    k, b = links.uuids["https://a.test/k?a=1&b=2"], links.uuids["https://a.test/b"]
    assert html.html == (
        "<h1>Grüße Zoë</h1>\n"
        f'<p><a href="{SITE}/link/{k}/{CAMP}/{ZERO_UUID}">Katalog</a> and'
        f' <a href="{SITE}/link/{b}/{CAMP}/{ZERO_UUID}">B</a> 2024 <em>xy</em></p>\n'
        "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
        "<td><s>alt</s></td>\n<td>neu</td>\n</tr>\n</tbody>\n</table>\n"
    )


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"body": "{{ Subscriber.Name "}, "body: line 1"),
        ({"body": "{{ NoSuchFunction() }}"}, "unknown name(s): NoSuchFunction"),
        ({"subject": "{% if %}", "syntax": "jinja"}, "subject: line 1"),
        ({"altbody": "{{ Nope }}"}, "altbody: unknown name(s): Nope"),
        ({"headers": (("X-A", "{{ Nope() }}"),)}, "header X-A: unknown name(s): Nope"),
        ({"template_body": "<html>no content</html>"}, "exactly once"),
        (
            {"template_body": '{% include "content" %}{% include "content" %}'},
            "it does 2 times",
        ),
        ({"template_body": '{% include "content" %}{% include "x" %}'}, "refers to x"),
    ],
)
def test_templates_that_cannot_work_are_refused_at_compile(changes, message):
    with pytest.raises(RenderError, match=re.escape(message)):
        CampaignRenderer(spec(**changes), root_url=SITE)


def test_a_name_set_inside_an_if_is_not_unknown():
    body = (
        "{% if 1 %}{% set t %}x{% endset %}{{ t }}{% endif %}{% for i in [1] %}{{ i }}{% endfor %}"
    )
    assert renderer(body).render(subscriber()).html == "x1"


def test_missing_attribute_fails_that_subscriber_only():
    r = renderer("{{ Subscriber.Attribs.city }}")
    assert r.render(subscriber(city="Köln")).html == "Köln"
    with pytest.raises(RenderError, match="city"):
        r.render(subscriber())


# --- the sandbox and its limits -------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ Subscriber.__init__.__globals__ }}",
        "{{ Campaign.__class__.__subclasses__() }}",
        "{{ (1).__class__.__base__.__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os }}",
    ],
)
def test_sandbox_refuses_python_internals(body):
    with pytest.raises(RenderError, match=r"unsafe|SecurityError|UndefinedError"):
        renderer(body).render(subscriber())


@pytest.mark.parametrize(
    "body",
    [
        "{{ Subscriber.Attribs.__class__.__subclasses__() }}",
        "{{ Subscriber.Attribs.update({'x': 1}) }}",
        "{{ Subscriber.Attribs.setdefault('x', 1) }}",
        "{{ Subscriber.Attribs.a.clear() }}",
        "{{ Subscriber.__slots__ }}{{ Subscriber.__class__.__init__.__globals__ }}",
        "{{ Campaign.Tags.append('x') }}",
    ],
)
def test_sandbox_fast_path_keeps_the_sandbox(body):
    """The direct reads of blaster's own data and plain dict keys stop where the sandbox
    would: dunders, methods that change data."""
    sub = subscriber()._replace(attribs={"a": {"b": 1}, "__class__": "key"})
    with pytest.raises(RenderError, match=r"unsafe|SecurityError|UndefinedError"):
        renderer(body).render(sub)


def test_sandbox_fast_path_reads_what_the_sandbox_reads():
    attribs = {"city": "Köln", "items": "shadowed", "n": {"m": 2}, "list": [1, 2]}
    sub = subscriber()._replace(attribs=attribs)
    body = (
        "{{ Subscriber.Name }}|{{ Subscriber.FirstName }}|{{ Subscriber.Email }}|"
        "{{ Subscriber.Attribs.city }}|{{ Subscriber.Attribs.n.m }}|"
        "{{ Subscriber.Attribs['items'] }}|{{ Subscriber.Attribs.list[1] }}|"
        "{% for k, v in Subscriber.Attribs.n.items() %}{{ k }}={{ v }}{% endfor %}|"
        "{{ Campaign.Name }}|{{ Campaign.Tags[0] }}"
    )
    got = renderer(body).render(sub).html
    want = f"{sub.name}|{sub.name.split()[0]}|{sub.email}|Köln|2|shadowed|2|m=2|Frühling|a"
    assert got == want
    # attribute names that are dict methods stay the methods, as in jinja's sandbox
    assert renderer("{{ Subscriber.Attribs.items is callable }}").render(sub).html == "True"
    for missing in ("Subscriber.Attribs.missing", "Subscriber.Nope"):
        with pytest.raises(RenderError, match="has no attribute"):
            renderer("{{ " + missing + " }}").render(sub)


HOSTILE = [
    "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "{% set l = range(100000)|list %}{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}",
    "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
    "{{ 'x' * 10000000 }}",
    "{{ 2 ** 100000000 }}",
    "{{ 'a'.ljust(100000000) }}",
    "{{ Safe('a').center(100000000) }}",
    "{{ 'a'|center(100000000) }}",
    "{{ '%99999999s' % 'x' }}",
    "{{ '{:>99999999}'.format('x') }}",
    "{{ ('a\n' * 100000)|indent(100) }}",
    "{% set ns = namespace(s='xy') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}",
    "{% macro d(s, n) %}{% if n %}{% set t %}{{ s }}{{ s }}{% endset %}{{ d(t, n - 1) }}"
    "{% endif %}{% endmacro %}{{ d('x', 40) }}",
    "{% macro f() %}{{ f() }}{{ f() }}{% endmacro %}{{ f() }}",
    "{{ range(1000000)|list }}",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_template_fails_its_subscriber_quickly(body):
    r = renderer(body)
    start = time.perf_counter()
    with pytest.raises(RenderError):
        r.render(subscriber())
    assert time.perf_counter() - start < 2.0
    assert r.render is not None  # the renderer stays usable for the next subscriber


def test_render_time_limit():
    r = renderer(
        "{% for a in range(100000) %}{% for b in range(9) %}{% endfor %}{% endfor %}",
        max_seconds=0.01,
        max_steps=10**9,
    )
    with pytest.raises(RenderError, match=r"longer than 0\.01s"):
        r.render(subscriber())


# --- the whole path into MIME -----------------------------------------------------------------


def test_header_injection_never_creates_a_header():
    evil = "x\r\nBcc: victim@evil.test\r\nX-Injected: 1"
    sp = spec(
        subject="Hallo {{ Subscriber.Name }} {{ Subscriber.Attribs.evil }}",
        headers=(("X-Evil", "{{ Subscriber.Attribs.evil }}"), ("X-Static", "a\nBcc: b@evil.test")),
    )
    content = CampaignContent(sp, config.Settings(urls=config.Urls(root_url=SITE)))
    sub = subscriber(name="Jürgen\r\nBcc: victim@evil.test", evil=evil)
    msg = parse(content.build(sub))
    assert msg["Bcc"] is None and msg["X-Injected"] is None
    assert msg["X-Evil"] == "x  Bcc: victim@evil.test  X-Injected: 1"
    assert msg["X-Static"] == "a Bcc: b@evil.test"
    assert (
        msg["Subject"]
        == "Hallo Jürgen  Bcc: victim@evil.test x  Bcc: victim@evil.test  X-Injected: 1"
    )
    assert msg["To"].addresses[0].addr_spec == "zoe@example.com"


def test_campaign_headers_cannot_override_and_return_path_is_the_envelope():
    sp = spec(
        headers=(
            ("From", "spoof@evil.test"),
            ("List-Unsubscribe", "<mailto:x@evil.test>"),
            ("Return-Path", "bounces@example.com"),
            ("Reply-To", "Antwort <reply@example.com>"),
        )
    )
    content = CampaignContent(sp, config.Settings(urls=config.Urls(root_url=SITE)))
    msg = parse(content.build(subscriber()))
    assert msg.get_all("From") == ['"Zoë News" <news@example.com>'] or len(msg.get_all("From")) == 1
    assert msg["From"].addresses[0].addr_spec == "news@example.com"
    assert msg.get_all("List-Unsubscribe") == [f"<{SITE}/subscription/{CAMP}/{subscriber().uuid}>"]
    assert msg["Return-Path"] is None
    assert msg["Reply-To"].addresses[0].addr_spec == "reply@example.com"
    assert content.envelope_from == "bounces@example.com"


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ((("X Bad", "v"),), "character other than printable ASCII"),
        ((("Bcc", "x@example.com"),), "Bcc: not supported"),
        ((("Return-Path", "b+{{ Subscriber.ID }}@x.test"),), "literal address"),
    ],
)
def test_bad_campaign_headers_are_refused(headers, message):
    from blaster.content import check

    with pytest.raises(CampaignError, match=message):
        check(spec(headers=headers), config.Settings())


@pytest.fixture
def media(tmp_path: Path) -> tuple[str, tuple[MediaRef, ...], dict[str, bytes]]:
    root = tmp_path / "uploads"
    root.mkdir()
    files = {
        "bericht ü – März.pdf": bytes(range(256)) * 40,
        "notizen.txt": "Grüße aus Köln ☀\n".encode(),
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    refs = (
        MediaRef("bericht ü – März.pdf", "bericht ü – März.pdf", "application/pdf", "filesystem"),
        MediaRef("notizen.txt", "notizen.txt", "text/plain", "filesystem"),
    )
    return str(root), refs, files


SHAPES = {
    "plain": {"content_type": "plain", "body": "Hallo {{ Subscriber.Name }} ☀\n" + "z" * 1200},
    "html+text": {"altbody": "Hallo {{ Subscriber.Name }} ☀"},
    "markdown": {"content_type": "markdown", "body": "# Hallo *{{ Subscriber.Name }}*\n\n- ü"},
    "attachments": {"altbody": "Anhänge"},
    "tracking": {
        "body": '<a href="https://a.test/x@TrackLink">x</a>{{ TrackView() }}',
        "altbody": "{{ TrackLink('https://a.test/y') }}",
    },
}


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_parses_back_to_what_was_rendered(shape, media):
    media_dir, refs, files = media
    sp = spec(**SHAPES[shape], attachments=refs if shape == "attachments" else ())
    settings = config.Settings(
        urls=config.Urls(root_url=SITE), media=config.Media(dir=str(media_dir))
    )
    content = CampaignContent(sp, settings, links=DictLinks())
    sub = subscriber()
    rendered = content.renderer.render(sub)
    msg = parse(content.build(sub))
    assert msg["Subject"] == rendered.subject == "Hallo Zoë"
    body = msg
    if shape == "attachments":
        assert msg.get_content_type() == "multipart/mixed"
        body, *atts = msg.iter_parts()
        assert [a.get_filename() for a in atts] == list(files)
        assert [a.get_content_type() for a in atts] == ["application/pdf", "text/plain"]
        assert [a.get_payload(decode=True) for a in atts] == list(files.values())
        assert atts[1].get_content_charset() == "utf-8"
    if shape == "plain":
        assert body.get_content_type() == "text/plain"
        assert text_of(body) == wire(rendered.text)
        return
    if rendered.text is None:
        assert body.get_content_type() == "text/html"
        assert text_of(body) == wire(rendered.html)
        return
    assert body.get_content_type() == "multipart/alternative"
    text, html = body.iter_parts()
    assert (text.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert text_of(text) == wire(rendered.text)
    assert text_of(html) == wire(rendered.html)


def test_long_non_ascii_attachment_name_round_trips():
    name = "Überweisungsbestätigung für das Geschäftsjahr 2024 – März bis Dezember ☀.txt"
    part = attachment_part(name, "text/plain", "ä".encode())
    msg = parse(
        b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
        + part
        + b"--b--\r\n"
    )
    att = next(msg.iter_attachments())
    assert att.get_filename() == name
    assert all(len(line) <= 998 for line in part.split(b"\r\n"))


def test_missing_or_escaping_attachment_files_are_refused(media):
    from blaster.content import check_media

    media_dir, refs, _ = media
    check_media(refs, media_dir)
    bad = [
        (MediaRef("x.pdf", "x.pdf", "application/pdf", "filesystem"), "does not exist"),
        (MediaRef("p", "../../etc/passwd", "text/plain", "filesystem"), "outside the media"),
        (MediaRef("gone.pdf", "", "", ""), "deleted from the media library"),
        (MediaRef("s3.pdf", "s3.pdf", "application/pdf", "s3"), "'s3' media provider"),
    ]
    for ref, message in bad:
        with pytest.raises(CampaignError, match=message):
            check_media((ref,), media_dir)


def test_a_worker_that_cannot_build_the_campaign_fails_its_subscribers(tmp_path):
    from blaster.worker import CampaignContext

    missing = (MediaRef("weg.pdf", "weg.pdf", "application/pdf", "filesystem"),)
    ctx = CampaignContext(spec(attachments=missing), in_media(tmp_path))
    with pytest.raises(RenderError, match=r"attachment 'weg\.pdf'"):
        ctx.build(subscriber())


# --- with PostgreSQL ------------------------------------------------------------------------


def test_link_registry_registers_each_url_once(conn, dsn):
    a = content_store.LinkRegistry(dsn)
    b = content_store.LinkRegistry(conn=conn)
    urls = ["https://a.test/1", "https://a.test/ü?x=1&y=2"]
    first = dict(a.many(urls))
    assert b.many(list(reversed(urls))) == first
    assert b("https://a.test/1") == first["https://a.test/1"]
    rows = conn.execute("SELECT url, uuid::text FROM links ORDER BY url").fetchall()
    assert dict(rows) == first
    a.close()
    down = content_store.LinkRegistry("postgresql://nobody@127.0.0.1:1/none")
    for _ in range(2):  # the second answer comes from the back-off, without a connect
        start = time.perf_counter()
        with pytest.raises(StoreError, match="links"):
            down("https://a.test/3")
    assert time.perf_counter() - start < 0.1


def _add_media(conn, cid: int, filename: str, content_type: str) -> None:
    row = conn.execute(
        "INSERT INTO media (uuid, provider, filename, content_type) VALUES (%s, 'filesystem',"
        " %s, %s) RETURNING id",
        (str(uuid.uuid4()), filename, content_type),
    ).fetchone()
    conn.execute(
        "INSERT INTO campaign_media (campaign_id, media_id, filename) VALUES (%s, %s, %s)",
        (cid, row[0], filename),
    )


BASE = """<!doctype html><html><head><title>{{ .Campaign.Subject }}</title></head><body>
{{ template "content" . }}
<footer><a href="{{ UnsubscribeURL }}">Abmelden</a> · <a href="{{ MessageURL }}">Online</a>
{{ TrackView }}</footer></body></html>
"""
MARKDOWN = """# Grüße, {{ Subscriber.FirstName }}!

Ihr Ort: **{{ Subscriber.Attribs.city }}** · {{ L.T("greeting") }} ·
{{ L.Ts("hello", "name", Subscriber.FirstName) }} · {{ L.Tc("items", 3) }}

[Katalog]({{ TrackLink("https://shop.example.com/katalog?a=1&amp;b=ü") }}) und
[Angebote](https://shop.example.com/angebote@TrackLink)
{{ TrackLink "https://shop.example.com/go" . }}

- [Einstellungen]({{ ManageURL() }}) · [Bestätigen]({{ OptinURL() }})
- [Archiv]({{ ArchiveURL() }}) · {{ RootURL() }}

{{ Safe("<em>sicher</em>") }} {{ "<b>maskiert</b>" }} · {{ Date("2006") }}
"""
ALTBODY = """Grüße, {{ Subscriber.FirstName }}!
Katalog: {{ TrackLink("https://shop.example.com/katalog?a=1&amp;b=ü") }}
Abmelden: {{ UnsubscribeURL() }} · {{ Date("2006") }} · {{ "<b>roh</b>" }}
"""


def test_campaign_with_everything_arrives_as_specified(conn, dsn, sink, workdir):
    lang = workdir / "de.json"
    lang.write_text(
        json.dumps({"greeting": "Willkommen", "hello": "Hallo {name}", "items": "Stück | Stücke"}),
        encoding="utf-8",
    )
    media_dir = workdir / "uploads"
    media_dir.mkdir()
    files = {"bericht ü.pdf": bytes(range(256)) * 64, "notizen.txt": "Grüße aus Köln\n".encode()}
    for name, data in files.items():
        (media_dir / name).write_bytes(data)
    lst = h.create_list(conn, "Kunden")
    double = h.create_list(conn, "Bestätigung", optin="double")
    h.add_subscribers(
        conn,
        [
            h.Sub(
                "zoe@example.com",
                "Zoë Ölmann",
                attribs={"city": "Zürich", "evil": "x\r\nBcc: v@evil.test"},
            ),
            h.Sub(
                "j@example.com",
                "Jürgen Groß\r\nBcc: v@evil.test",
                attribs={"city": "Köln", "loop": 1, "evil": "gut"},
            ),
            h.Sub("nocity@example.com", "Ohne Ort", attribs={"evil": ""}),
        ],
        [(lst, "confirmed")],
    )
    h.add_subscribers(conn, [h.Sub("neu@example.com", "Neu Ling")], [(double, "unconfirmed")])
    h.add_subscribers(conn, [h.Sub("alt@example.com", "Alt Bekannt")], [(double, "confirmed")])
    template = conn.execute(
        "INSERT INTO templates (name, body) VALUES ('Basis', %s) RETURNING id", (BASE,)
    ).fetchone()[0]
    headers = [
        {"X-Kampagne": "Frühling ☀"},
        {"X-Ort": "{{ Subscriber.Attribs.city }}"},
        {"X-Evil": "{{ Subscriber.Attribs.evil }}"},
        {"List-Help": "<{{ ManageURL . }}>"},
        {"From": "spoof@evil.test"},
        {"Return-Path": "bounces@example.com"},
    ]
    full = h.create_campaign(
        conn,
        [lst],
        name="Alles",
        subject="Grüße {{ Subscriber.Name }} – Frühling ☀",
        body=MARKDOWN,
        altbody=ALTBODY,
        content_type="markdown",
        headers=headers,
        template_id=template,
    )
    for name, ctype in (("bericht ü.pdf", "application/pdf"), ("notizen.txt", "text/plain")):
        _add_media(conn, full, name, ctype)
    list_uuid = conn.execute("SELECT uuid::text FROM lists WHERE id = %s", (double,)).fetchone()[0]
    optin = h.create_campaign(
        conn,
        [double],
        name="Opt-in",
        campaign_type="optin",
        body=f'<a href="{{{{ OptinURL }}}}l={list_uuid}">Bestätigen</a>',
    )
    hostile = h.create_campaign(
        conn,
        [lst],
        name="Feindlich",
        body="{% if Subscriber.Attribs.get('loop') %}{% for a in range(100000) %}"
        "{% for b in range(100000) %}{% endfor %}{% endfor %}{% endif %}<p>Hallo</p>",
    )
    missing = h.create_campaign(conn, [lst], name="Fehlt")
    _add_media(conn, missing, "fehlt.pdf", "application/pdf")
    bad_header = h.create_campaign(conn, [lst], name="Kopf", headers=[{"X-A": "{{ Nope() }}"}])
    bad_alt = h.create_campaign(conn, [lst], name="Alt", altbody="{{ Subscriber.Name ")

    env = h.engine_env(
        dsn,
        sink.url,
        workdir,
        BLASTER_WORKERS=1,
        BLASTER_ROOT_URL=SITE + "/",
        BLASTER_MEDIA_DIR=str(media_dir),
        BLASTER_LANG_FILE=str(lang),
    )
    h.blaster("run", "--exit-when-idle", env=env)

    by_campaign: dict[str, list] = {}
    for received in sink.handler.messages:
        msg = parse(received.data)
        by_campaign.setdefault(msg["X-Blaster-Campaign"], []).append((received, msg))
    uuids = dict(conn.execute("SELECT id, uuid::text FROM campaigns").fetchall())

    # refused at pickup, nothing sent
    for cid, error in (
        (missing, "attachment 'fehlt.pdf': file"),
        (bad_header, "template error: header X-A: unknown name(s): Nope"),
        (bad_alt, "template error: altbody: line 1"),
    ):
        state = h.campaign(conn, cid)
        assert state["status"] == "paused" and error in state["error"], state
        assert uuids[cid] not in by_campaign
    show = h.blaster("campaigns", "show", str(missing), env=env).stdout
    assert "fehlt.pdf" in show

    # the hostile template failed one subscriber, the others got the message
    state = h.campaign(conn, hostile)
    assert (state["status"], state["sent"], state["failed"]) == ("finished", 2, 1)
    kind, message = conn.execute(
        "SELECT kind, message FROM blaster_failures WHERE campaign_id = %s", (hostile,)
    ).fetchone()
    assert kind == "render" and "render limit" in message

    # opt-in: only the unconfirmed subscription of the double opt-in list
    [(received, msg)] = by_campaign[uuids[optin]]
    neu = conn.execute("SELECT uuid::text FROM subscribers WHERE email = 'neu@example.com'")
    assert received.recipients == ("neu@example.com",)
    assert msg.get_body(("html",)).get_content().strip() == (
        f'<a href="{SITE}/subscription/optin/{neu.fetchone()[0]}?l={list_uuid}">Bestätigen</a>'
    )

    _check_full_campaign(conn, dsn, env, full, uuids[full], by_campaign[uuids[full]], files)


def _check_full_campaign(conn, dsn, env, cid, camp_uuid, messages, files):
    state = h.campaign(conn, cid)
    assert (state["status"], state["sent"], state["failed"]) == ("finished", 2, 1)
    kind, message = conn.execute(
        "SELECT kind, message FROM blaster_failures WHERE campaign_id = %s", (cid,)
    ).fetchone()
    assert kind == "render" and "city" in message

    links = dict(conn.execute("SELECT url, uuid::text FROM links").fetchall())
    assert set(links) == {
        "https://shop.example.com/katalog?a=1&b=ü",
        "https://shop.example.com/angebote",
        "https://shop.example.com/go",
    }
    settings = config.load(None, env=env)
    row = campaign_store.load(conn, cid)
    expected = CampaignContent(row.spec, settings, links=content_store.LinkRegistry(conn=conn))
    assert len(messages) == 2
    for received, msg in messages:
        sub = content_store.subscriber_by_email(conn, received.recipients[0])
        rendered = expected.renderer.render(sub)
        unsub = f"{SITE}/subscription/{camp_uuid}/{sub.uuid}"
        assert received.sender == "bounces@example.com"
        assert msg["Subject"] == rendered.subject.replace("\r", " ").replace("\n", " ")
        assert msg["Subject"].startswith("Grüße ") and msg["Subject"].endswith(" – Frühling ☀")
        assert msg["From"].addresses[0].display_name == "Blaster Test"
        assert len(msg.get_all("From")) == 1 and msg["Bcc"] is None and msg["Return-Path"] is None
        assert msg["To"].addresses[0].addr_spec == sub.email
        assert msg["X-Blaster-Campaign"] == camp_uuid and msg["X-Blaster-Subscriber"] == sub.uuid
        assert msg["List-Unsubscribe"] == f"<{unsub}>"
        assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert msg["X-Kampagne"] == "Frühling ☀"
        assert msg["X-Ort"] == sub.attribs["city"]
        assert msg["X-Evil"] == sub.attribs.get("evil", "").replace("\r\n", "  ")
        assert msg["List-Help"] == f"<{unsub}?manage=true>"
        assert msg["Message-ID"] and msg["Date"] and msg["MIME-Version"] == "1.0"

        assert msg.get_content_type() == "multipart/mixed"
        body, *atts = msg.iter_parts()
        text, html = body.iter_parts()
        assert text_of(text) == wire(rendered.text)
        assert text_of(html) == wire(rendered.html)
        assert [a.get_filename() for a in atts] == list(files)
        assert [a.get_payload(decode=True) for a in atts] == list(files.values())

        katalog = f"{SITE}/link/{links['https://shop.example.com/katalog?a=1&b=ü']}/{camp_uuid}/{ZERO_UUID}"
        angebote = (
            f"{SITE}/link/{links['https://shop.example.com/angebote']}/{camp_uuid}/{ZERO_UUID}"
        )
        go = f"{SITE}/link/{links['https://shop.example.com/go']}/{camp_uuid}/{ZERO_UUID}"
        year = str(dt.date.today().year)
        html_text = rendered.html
        for piece in (
            "<title>Grüße {{ Subscriber.Name }} – Frühling ☀</title>",
            f"<h1>Grüße, {sub.name.split(' ')[0]}!</h1>",
            f"<strong>{sub.attribs['city']}</strong> · Willkommen ·",
            f"Hallo {sub.name.split(' ')[0]} · Stücke",
            f'<a href="{katalog}">Katalog</a>',
            f'<a href="{angebote}">Angebote</a>\n{go}',
            f'<a href="{unsub}?manage=true">Einstellungen</a>',
            f'<a href="{SITE}/subscription/optin/{sub.uuid}?">Bestätigen</a>',
            f'<a href="{SITE}/archive">Archiv</a> · {SITE}',
            f"<em>sicher</em> &lt;b&gt;maskiert&lt;/b&gt; · {year}",
            f'<a href="{unsub}">Abmelden</a>',
            f'<a href="{SITE}/campaign/{camp_uuid}/{sub.uuid}">Online</a>',
            f'<img src="{SITE}/campaign/{camp_uuid}/{ZERO_UUID}/px.png"',
        ):
            assert piece in html_text, piece
        assert html_text.count("<h1>") == 1
        assert text_of(text) == (
            f"Grüße, {sub.name.split(' ')[0]}!\nKatalog: {katalog}\n"
            f"Abmelden: {unsub} · {year} · <b>roh</b>\n"
        )


def test_preview_and_test_send(conn, dsn, sink, workdir):
    lst = h.create_list(conn, "l")
    h.add_subscribers(conn, [h.Sub("zoe@example.com", "Zoë Ölmann")], [(lst, "confirmed")])
    cid = h.create_campaign(
        conn,
        [lst],
        subject="Grüße {{ Subscriber.FirstName }}",
        body='<p>Hallo {{ Subscriber.FirstName }} <a href="https://a.test/x@TrackLink">x</a></p>',
        altbody="Hallo {{ Subscriber.FirstName }}",
        status="draft",
    )
    env = h.engine_env(dsn, sink.url, workdir)
    out = h.blaster("campaigns", "preview", str(cid), env=env)
    assert "Subject: Grüße Zoë" in out.stdout
    assert "--- text/plain ---\nHallo Zoë" in out.stdout
    assert "--- text/html ---\n<p>Hallo Zoë <a href=" in out.stdout
    assert "first eligible" in out.stderr
    link = conn.execute("SELECT uuid::text FROM links WHERE url = 'https://a.test/x'").fetchone()
    assert link is not None and f"/link/{link[0]}/" in out.stdout

    raw = h.blaster(
        "campaigns", "preview", str(cid), "--raw", "--subscriber", "ZOE@example.com", env=env
    )
    msg = parse(raw.stdout.encode())
    assert msg["Subject"] == "Grüße Zoë" and msg["To"].addresses[0].display_name == "Zoë Ölmann"

    h.blaster("campaigns", "test", str(cid), "--to", "tester@example.com", env=env)
    [received] = sink.handler.messages
    assert received.recipients == ("tester@example.com",)
    sent = parse(received.data)
    assert sent["To"].addresses[0].addr_spec == "tester@example.com"
    assert sent["Subject"] == "Grüße Demo"  # a sample subscriber: nobody has that address
    assert h.campaign(conn, cid)["status"] == "draft"

    bad = h.blaster(
        "campaigns", "preview", str(cid), "--subscriber", "nobody@x.test", env=env, check=False
    )
    assert bad.returncode == 1 and "no subscriber with the address" in bad.stderr
