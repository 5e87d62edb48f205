"""Flat templates (:mod:`blaster.render.flat`) render exactly what jinja's own code renders.

Every campaign here is compiled twice: as the renderer compiles it (flat parts run as one
function) and with every flat form taken away (jinja's generator for every part). Both must
give the same subject, bodies, header values, pieces' text, step charges and errors, and the
same message bytes; and the common shapes (the benchmark campaign's, in jinja and in Go) must
really take the flat path.
"""

from __future__ import annotations

import datetime as dt

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blaster.errors import RenderError
from blaster.mime import MessageBuilder
from blaster.models import CampaignSpec, Subscriber
from blaster.render import CampaignRenderer
from blaster.render.flat import compile_flat
from blaster.render.sandbox import Budget, Sandbox
from tests import helpers as h

NOW = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)

JINJA_VALUES = [
    "Subscriber.Name",
    "Subscriber.FirstName",
    "Subscriber.Email",
    "Subscriber.Attribs.n",
    "Subscriber.Attribs.html",
    'Subscriber.Attribs["two words"]',
    "Subscriber.Attribs.missing",
    "Subscriber.Attribs.n.real",
    "Subscriber.__class__",
    "Campaign.Name",
    "UnsubscribeURL()",
    "ManageURL()",
    'TrackLink("https://shop.example/?a=1&amp;b=2")',
    "TrackLink(Subscriber.Attribs.url)",
    "TrackView()",
    'Date("2006-01-02")',
    "Nope",
    "self",  # jinja's own: the template reference
    "loop",
    # not flat: jinja's own path
    "Subscriber.Name | upper",
    'Subscriber.Name ~ "!"',
    '"a constant"',
    "1 + 2",
    'L.T("unsubscribe")',
    "UnsubscribeURL(x=1)",
]
GO_VALUES = [
    ".Subscriber.Name",
    ".Subscriber.FirstName",
    ".Subscriber.Attribs.n",
    ".Subscriber.Attribs.html",
    ".Subscriber.Attribs.missing",
    ".Campaign.Name",
    ".Campaign.UUID",
    "UnsubscribeURL",
    'TrackLink "https://shop.example/?a=1&b=2"',
    "TrackView",
    'Date "2006-01-02"',
    # not flat
    ".Subscriber.Name | upper",
    'printf "%05d" .Subscriber.Attribs.n',
    '"a constant"',
]
TEXT = ["Hello ", "<b>", "</b>", "&amp; ", "\n", "é", ".", '<a href="', '">', "<p>", "x" * 80]
SUBSCRIBERS = [
    {
        "name": "Al Pacino",
        "attribs": {
            "n": 7,
            "html": "<i>&</i>",
            "two words": "ok",
            "url": "https://x.example/a?b=1&amp;c",
        },
    },
    {"name": 'Zoë "Z" <z@x>', "attribs": {"n": -1, "html": "'\"", "two words": "é", "url": "x"}},
    {"name": "", "attribs": {}},
]


def subscriber(i: int) -> Subscriber:
    s = SUBSCRIBERS[i]
    return Subscriber(
        id=3 + i,
        uuid=f"5ab5c71b-0000-4000-8000-00000000000{i}",
        email=f"s{i}@example.com",
        name=str(s["name"]),
        attribs=dict(s["attribs"]),  # type: ignore[call-overload]
        status="enabled",
        created_at=NOW,
    )


def spec(**kw: object) -> CampaignSpec:
    return h.content_spec(**({"subject": "Hello", "body": ""} | kw))


def renderer(s: CampaignSpec, *, flat: bool) -> CampaignRenderer:
    r = CampaignRenderer(s, root_url="https://news.example.com/", clock=lambda: NOW)
    if not flat:
        r._compiled = r._compiled.without_flat()
    return r


def outcome(r: CampaignRenderer, sub: Subscriber) -> object:
    """What rendering gives, with the step budget it spent, or the error it raised."""
    try:
        out = r.render(sub)
    except RenderError as exc:
        return ("error", str(exc))
    pieces = ("".join(out.html_pieces or ()), "".join(out.text_pieces or ()))
    return (out.subject, out.html, out.text, out.headers, pieces, r._budget.left)


def message(r: CampaignRenderer, sub: Subscriber) -> bytes:
    """The message bytes, built from the renderer's pieces with its literal table."""
    out = r.render(sub)
    builder = MessageBuilder(
        from_addr="news@example.com", campaign_uuid=r.spec.uuid, literals=r.literals
    )
    data = builder.build(
        to_addr=sub.email,
        subject=out.subject,
        html=out.html,
        text=out.text,
        subscriber_uuid=sub.uuid,
        unsubscribe_url="https://u.example/",
        message_id="<m@example.com>",
        html_pieces=out.html_pieces,
        text_pieces=out.text_pieces,
    )
    lines = bytes(data).split(b"\r\n")
    boundary = builder.alt_boundary
    return b"\r\n".join(x for x in lines if not x.startswith(b"Date: ")).replace(boundary, b"B")


def assert_same(s: CampaignSpec) -> CampaignRenderer | None:
    """Compile ``s`` both ways; the same error or, per subscriber, the same outcome."""
    made = []
    for flat in (True, False):
        try:
            made.append(renderer(s, flat=flat))
        except RenderError as exc:
            made.append(str(exc))  # type: ignore[arg-type]
    on, off = made
    if isinstance(on, str) or isinstance(off, str):
        assert on == off
        return None
    for i in range(len(SUBSCRIBERS)):
        sub = subscriber(i)
        got = outcome(on, sub)
        assert got == outcome(off, sub)
        if got[0] != "error":
            assert message(on, sub) == message(off, sub)
    return on


def template(values: list[str], open_: str, close: str) -> st.SearchStrategy[str]:
    action = st.sampled_from(values).map(lambda v: f"{open_}{v}{close}")
    return st.lists(st.one_of(st.sampled_from(TEXT), action), max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    template(JINJA_VALUES, "{{ ", " }}"),
    template(JINJA_VALUES, "{{ ", " }}"),
    template(JINJA_VALUES, "{{ ", " }}"),
    st.sampled_from(["html", "plain"]),
)
def test_jinja_campaigns_render_alike(body: str, alt: str, subject: str, content_type: str) -> None:
    assert_same(
        spec(
            body=body,
            altbody=alt or None,
            subject=subject or "Hi",
            content_type=content_type,
            syntax="jinja",
            headers=(("X-Reader", "{{ Subscriber.Name }}"),),
        )
    )


@settings(max_examples=300, deadline=None)
@given(
    template(GO_VALUES, "{{ ", " }}"),
    template(GO_VALUES, "{{ ", " }}"),
    template(GO_VALUES, "{{ ", " }}"),
    st.sampled_from(["html", "plain", "markdown"]),
)
def test_go_campaigns_render_alike(body: str, alt: str, subject: str, content_type: str) -> None:
    assert_same(
        spec(
            body=body,
            altbody=alt or None,
            subject=subject or "Hi",
            content_type=content_type,
            syntax="go",
            template_body='<html><body>{{ template "content" . }}<p>{{ .Subscriber.Name }}</p>'
            "</body></html>",
            headers=(("X-Reader", "{{ .Subscriber.Name }}"),),
        )
    )


BENCH_HTML = (
    "<h1>Hello {{ Subscriber.Name }}</h1>\n<p>Reader <b>{{ Subscriber.Attribs.n }}</b></p>\n"
    '<a href="{{ UnsubscribeURL() }}">Unsubscribe</a>\n'
)
BENCH_TEXT = (
    "Hello {{ Subscriber.Name }},\nreader {{ Subscriber.Attribs.n }}\n{{ UnsubscribeURL() }}\n"
)


def go_form(text: str) -> str:
    return text.replace("{{ Subscriber.", "{{ .Subscriber.").replace(
        "UnsubscribeURL()", "UnsubscribeURL"
    )


@pytest.mark.parametrize(
    ("syntax", "html", "text", "subject"),
    [
        ("jinja", BENCH_HTML, BENCH_TEXT, "Issue 42 for {{ Subscriber.Name }}"),
        ("go", go_form(BENCH_HTML), go_form(BENCH_TEXT), "Issue 42 for {{ .Subscriber.Name }}"),
    ],
)
def test_the_common_shape_takes_the_flat_path(
    syntax: str, html: str, text: str, subject: str
) -> None:
    r = assert_same(spec(body=html, altbody=text, subject=subject, syntax=syntax))
    assert r is not None and r.syntax == syntax
    c = r._compiled
    assert c.subject.flat and c.body.flat and c.alt is not None and c.alt.flat
    out = r.render(subscriber(0))
    assert out.html is not None and "Hello Al Pacino" in out.html and "Reader <b>7</b>" in out.html
    assert f"/subscription/{h.CAMP}/" in out.html


@pytest.mark.parametrize(
    "body",
    [
        "{% if Subscriber.Name %}yes{% endif %}",
        "{{ Subscriber.Name | upper }}",
        '{{ "constant" }}',
        "{% set x = 1 %}{{ x }}",
        "{{ Subscriber.Name ~ 'x' }}",
        "{{ range(3) }}",
        "{{ self }}",  # jinja binds it to the template reference
    ],
)
def test_other_templates_keep_jinjas_path(body: str) -> None:
    r = assert_same(spec(body=body, syntax="jinja"))
    assert r is not None and r._compiled.body.flat is None


def test_the_output_limit_holds_on_the_flat_path() -> None:
    s = spec(body="{{ Subscriber.Attribs.html }}{{ Subscriber.Attribs.html }}", syntax="jinja")
    for flat in (True, False):
        r = CampaignRenderer(s, root_url="https://n.example/", clock=lambda: NOW, max_output=20)
        if not flat:
            r._compiled = r._compiled.without_flat()
        assert (r._compiled.body.flat is not None) is flat
        sub = subscriber(0)._replace(attribs={"html": "x" * 11})
        with pytest.raises(RenderError, match="render limit: output of more than 20 characters"):
            r.render(sub)


def test_a_name_missing_at_render_time_is_jinjas_undefined() -> None:
    env = Sandbox(Budget(100, 1.0, 100), own_fields={}, undefined=jinja2.StrictUndefined)
    source = "Hi {{ x }}"
    flat = compile_flat(env, source)
    assert flat is not None
    with pytest.raises(jinja2.UndefinedError) as jinja_error:
        env.from_string(source).render()
    with pytest.raises(jinja2.UndefinedError) as flat_error:
        flat({})
    assert str(flat_error.value) == str(jinja_error.value) == "'x' is undefined"
    assert flat({"x": "<Zoë>"}) == ["Hi ", "<Zoë>"]
