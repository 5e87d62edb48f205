"""listmonk's Go templates through blaster's renderer: which syntax a campaign is compiled as,
errors a person can act on, and Go's semantics where they differ from jinja's (the byte-exact
comparison with Go itself is tests/test_gotemplate_oracle.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from blaster.errors import RenderError
from blaster.models import CampaignSpec, Subscriber
from blaster.render import CampaignRenderer

CAMPAIGN_UUID = "c0ffee00-0000-4000-8000-000000000001"
SUB_UUID = "5ab5c71b-0000-4000-8000-000000000002"
NOW = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)


def spec(body: str, **kw: object) -> CampaignSpec:
    base = CampaignSpec(
        id=7,
        uuid=CAMPAIGN_UUID,
        name="November",
        subject="Hello",
        from_email="News <news@example.com>",
        body=body,
        altbody=None,
        content_type="html",
        template_body=None,
        headers=(),
        tags=("news",),
        attribs={},
        type="regular",
        double_list_ids=(),
        single_list_ids=(1,),
        max_subscriber_id=10,
    )
    return dataclasses.replace(base, **kw)  # type: ignore[arg-type]


def sub(name: str = "Al Pacino", **attribs: object) -> Subscriber:
    return Subscriber(
        id=3,
        uuid=SUB_UUID,
        email="al@example.com",
        name=name,
        attribs=dict(attribs),
        status="enabled",
        created_at=NOW,
    )


def renderer(s: CampaignSpec) -> CampaignRenderer:
    return CampaignRenderer(s, root_url="https://news.example.com/", clock=lambda: NOW)


def html(body: str, subscriber: Subscriber | None = None, **kw: object) -> str:
    out = renderer(spec(body, **kw)).render(subscriber or sub()).html
    assert out is not None
    return out


# --- which syntax ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>{{ .Subscriber.Name }}</p>", "go"),
        ("<p>{{ upper .Subscriber.Name }}</p>", "go"),
        ("<p>{{ Subscriber.Name }}</p>", "jinja"),
        ("{% for x in [1, 2] %}{{ x }}{% endfor %}", "jinja"),
        ("{{ Subscriber.Attribs.get('city', 'x') }}", "jinja"),
        # valid in both, meaning different things: Go, as the README promises
        ("{% if true %}yes{% endif %}", "go"),
        ("plain text", "go"),
    ],
)
def test_the_syntax_rule(body, expected):
    assert renderer(spec(body)).syntax == expected


def test_a_campaign_can_say_it_is_jinja():
    s = spec("{% if true %}yes{% endif %}", syntax="jinja")
    r = renderer(s)
    assert r.syntax == "jinja"
    assert r.render(sub()).html == "yes"
    assert html("{% if true %}yes{% endif %}") == "{% if true %}yes{% endif %}"


def test_a_jinja_base_template_keeps_its_campaign_in_jinja():
    s = spec("<p>{{ .Subscriber.Name }}</p>", template_body="<html>{% include 'content' %}</html>")
    r = renderer(s)
    assert r.syntax == "jinja"
    assert r.render(sub()).html == "<html><p>Al Pacino</p></html>"


def test_a_go_base_template_wraps_a_go_body():
    s = spec(
        "<p>{{ upper .Subscriber.Name }}</p>",
        template_body='<html>{{ template "content" . }}<a href="{{ UnsubscribeURL }}">u</a></html>',
    )
    r = renderer(s)
    assert r.syntax == "go"
    assert r.render(sub()).html == (
        "<html><p>AL PACINO</p><a href="
        f'"https://news.example.com/subscription/{CAMPAIGN_UUID}/{SUB_UUID}">u</a></html>'
    )


def test_visual_campaigns_render_only_their_own_document():
    s = spec(
        "<html><body>{{ .Subscriber.Name }}</body></html>",
        content_type="visual",
        template_body='<html>{{ template "content" . }}</html>',
    )
    assert renderer(s).render(sub()).html == "<html><body>Al Pacino</body></html>"


def test_visual_jinja_campaigns_render_only_their_own_document_too():
    s = spec(
        "<html><body>{{ Subscriber.Name }}</body></html>",
        content_type="visual",
        template_body="<html>{% include 'content' %}</html>",
        syntax="jinja",
    )
    assert renderer(s).render(sub()).html == "<html><body>Al Pacino</body></html>"


def test_an_unknown_syntax_is_refused():
    with pytest.raises(RenderError, match="blaster_syntax"):
        renderer(spec("x", syntax="mustache"))


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"body": 'hi\n  {{ env "HOME" }}'}, r'^body 2:6: function "env" is not available'),
        ({"body": "{{ if .Subscriber.Name }}x"}, r"^body 1:\d+: .*"),
        ({"body": "x", "subject": "{{ .Subscriber.Name ) }}"}, r"^subject 1:\d+: "),
        ({"body": "x", "template_body": "<p>{{ end }}</p>"}, r"^template 1:\d+: .*end"),
        (
            {"body": "x", "headers": (("X-A", "{{ nosuch }}"),)},
            r'^header X-A 1:4: function "nosuch"',
        ),
    ],
)
def test_refusals_name_the_part_line_and_column(kw, message):
    body = kw.pop("body")
    with pytest.raises(RenderError, match=message):
        renderer(spec(str(body), **kw))


def test_a_runtime_error_fails_that_subscriber_only():
    r = renderer(
        spec("{{ if .Subscriber.Attribs.vip }}{{ eq .Subscriber.Attribs.age 30 }}{{ end }}")
    )
    assert r.render(sub(age=30)).html == ""
    with pytest.raises(RenderError, match="incompatible types for comparison"):
        r.render(sub(age=30, vip=True))  # a JSON number is float64, 30 an int: Go refuses


# --- Go's semantics ----------------------------------------------------------------------------


def test_a_missing_attribute_is_empty_in_the_body_and_no_value_in_the_subject():
    r = renderer(
        spec("<p>[{{ .Subscriber.Attribs.city }}]</p>", subject="{{ .Subscriber.Attribs.city }}")
    )
    rendered = r.render(sub())
    assert rendered.html == "<p>[]</p>"
    assert rendered.subject == "<no value>"


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        ("Al Pacino", "Pacino", "Pacino"),
        ("Jo", "Jo", "Jo"),
        ("Anna Maria de la Cruz", "Anna", "Cruz"),
        ("", "", ""),
        ("Zoë Ng", "Zoë", "Zoë"),
    ],
)
def test_first_and_last_name_follow_listmonk(name, first, last):
    assert html("{{ .Subscriber.FirstName }}|{{ .Subscriber.LastName }}", sub(name)) == (
        f"{first}|{last}"
    )
    jinja = "{{ Subscriber.FirstName }}|{{ Subscriber.LastName }}"
    assert html(jinja, sub(name), syntax="jinja") == f"{first}|{last}"


@pytest.mark.parametrize(
    ("attribs", "expected"),
    [
        ({"n": 1000000}, "1e&#43;06"),  # html/template escapes "+"
        ({"n": 12345678}, "1.2345678e&#43;07"),
        ({"n": 0.5}, "0.5"),
        ({"n": 42}, "42"),
        ({"n": True}, "true"),
        ({"n": ["jazz", "film"]}, "[jazz film]"),
        ({"n": {"b": 2, "a": 1}}, "map[a:1 b:2]"),
        ({"n": None}, ""),  # html/template skips an untyped nil
        ({"n": "A&B <x> 'q' \"d\" +"}, "A&amp;B &lt;x&gt; &#39;q&#39; &#34;d&#34; &#43;"),
    ],
)
def test_values_print_as_go_prints_them(attribs, expected):
    assert html("{{ .Subscriber.Attribs.n }}", sub(**attribs)) == expected


def test_subjects_are_text_templates():
    r = renderer(spec("x", subject="{{ .Subscriber.Attribs.n }} & {{ .Subscriber.Attribs.m }}"))
    assert r.render(sub(n=1000000, m=None)).subject == "1e+06 & <no value>"


def test_a_subject_without_a_closed_action_is_literal_as_in_listmonk():
    assert renderer(spec("x", subject="{{ oops")).render(sub()).subject == "{{ oops"


def test_literal_text_stays_literal():
    body = "@media(max-width:480px){#bodyCell{padding:0}} {% raw %} {# x #} %} {%endraw%}\r\n"
    assert html(body + "{{ .Subscriber.Email }}") == body + "al@example.com"


def test_control_flow_and_sprig():
    body = (
        "{{ with .Subscriber.Attribs.city }}{{ . }}{{ else }}{{ \"nowhere\" }}{{ end }}|"
        "{{ range $i, $t := .Subscriber.Attribs.tags }}{{ if $i }},{{ end }}{{ $t }}{{ end }}|"
        "{{ .Subscriber.Attribs.city | default \"friend\" }}|"
        "{{ $n := 0 }}{{ range .Subscriber.Attribs.tags }}{{ $n = add1 $n }}{{ end }}{{ $n }}|"
        "{{ printf \"%05.1f|%q\" 3.14159 \"x\" }}|{{ len .Subscriber.Attribs.tags }}"
    )
    assert html(body, sub(tags=["a", "b", "c"])) == 'nowhere|a,b,c|friend|3|003.1|&#34;x&#34;|3'


def test_tracking_functions_match_listmonk():
    out = html('<a href="https://example.com/a?b=1&amp;c=2@TrackLink">x</a>{{ TrackView }}')
    zero = "00000000-0000-0000-0000-000000000000"
    assert out == (
        '<a href="https://example.com/a?b=1&amp;c=2">x</a>'
        f'<img src="https://news.example.com/campaign/{CAMPAIGN_UUID}/{zero}/px.png" width="1"'
        ' height="1" style="display:none;max-height:0;max-width:0;opacity:0" alt="">'
    )


def test_values_in_urls_are_percent_encoded():
    out = html('<a href="https://example.com/?q={{ .Subscriber.Name }}">x</a>')
    assert out == '<a href="https://example.com/?q=Al%20Pacino">x</a>'


def test_a_hostile_template_hits_the_limits_not_the_worker():
    r = renderer(spec('{{ repeat 100000000 "x" }}'))
    with pytest.raises(RenderError, match="render limit"):
        r.render(sub())
    r = renderer(spec('{{ range $i := until 2000000 }}{{ end }}'))
    with pytest.raises(RenderError, match="limit"):
        r.render(sub())


@pytest.mark.parametrize(
    "body",
    [
        "{{ .Subscriber.__class__ }}",
        "{{ .Subscriber._json }}",
        "{{ .Subscriber.go_field }}",
        "{{ .Campaign.__init__ }}",
        '{{ index .Subscriber "__class__" }}',
    ],
)
def test_go_templates_reach_only_go_fields(body):
    with pytest.raises(RenderError, match=r"can't evaluate field|cannot index|can't index|error"):
        renderer(spec(body)).render(sub())


def test_names_on_a_map_are_its_keys_never_python_attributes():
    assert html("[{{ (.Subscriber.Attribs).__class__.__mro__ }}]") == "[]"


@pytest.mark.parametrize(
    "base",
    [
        '{{ define "a" }}{{ template "a" . }}{{ end }}'
        '{{ template "content" . }}{{ template "a" . }}',
        '{{ define "a" }}{{ template "a" }}{{ template "a" }}{{ end }}'
        '{{ template "content" . }}{{ template "a" }}',
    ],
)
def test_recursive_templates_fail_their_subscriber_without_stalling(base):
    r = renderer(spec("x", template_body=base))
    with pytest.raises(RenderError, match=r"limit|recursion|depth"):
        r.render(sub())


def test_a_template_defined_in_the_body_is_invisible_as_in_listmonk():
    s = spec('{{ define "x" }}X{{ end }}{{ template "x" }}')
    with pytest.raises(RenderError, match='no such template "x"'):
        renderer(s)


def test_sprig_dates_use_the_renderers_clock():
    body = '{{ now | date "2006-01-02 15:04" }}|{{ Date "Jan 2" }}|{{ now | unixEpoch }}'
    assert html(body) == f"2026-03-04 05:06|Mar 4|{int(NOW.timestamp())}"


def test_the_readme_lists_every_function_a_go_template_may_call():
    import re
    from pathlib import Path

    from blaster.gotemplate import funcs, listmonk, sprig

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    m = re.search(r"<!-- sprig-functions -->(.*?)<!-- /sprig-functions -->", readme, re.S)
    assert m, "README: the Sprig function list is missing"
    listed = set(m.group(1).split())
    listmonk.campaign_functions({})  # imports every module that registers functions
    builtins = {"and", "call", "eq", "ge", "gt", "html", "index", "js", "le", "len", "lt", "ne"}
    builtins |= {"not", "or", "print", "printf", "println", "slice", "urlquery", "Date"}
    registered = {n for n in funcs.REGISTRY if not n.startswith("_")} - builtins
    assert listed == registered
    assert not listed & sprig.REFUSED
