"""The corpus of listmonk-style campaign templates that blaster must render as listmonk does.

Each :class:`Case` is one campaign (subject, body, optional base template, alternative text,
headers, content type and tracking settings), rendered for :data:`SUBSCRIBERS` (or the few
a case names). ``tests/test_gotemplate_oracle.py`` renders every case with the Go oracle
(``tests/gotpl_oracle``) and with blaster and compares the outputs byte for byte.

The templates are written for this corpus in the styles listmonk users write: field access,
Go template actions, Sprig functions, listmonk's own functions and base templates.

``refused`` marks the few differences blaster makes on purpose (Sprig's crypto functions):
blaster must refuse those campaigns with that error. ``expect`` documents what a case is
about: ``"error"`` cases must fail in Go (for every
subscriber, or at compile time) and so must fail in blaster; ``"ok"`` cases must render in
Go for every subscriber they name; ``None`` leaves it to the oracle (some subscribers may
fail, e.g. on a missing attribute).
"""

# ruff: noqa: E501 (templates are data: one case a line reads best)
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

NOW = "2024-03-05T14:07:09Z"  #: the fixed clock of every case (``Date``, ``now``)
ROOT_URL = "https://lists.example.com"

CAMPAIGN: dict[str, Any] = {
    "id": 17,
    "uuid": "5f1f8e5c-1d2b-4b7a-9a51-3c1d7e2b9f00",
    "name": "Spring <Sale> & more",
    "type": "regular",
    "from_email": "News <news@example.com>",
    "tags": ["news", "spring-2024"],
    "attribs": {"promo": "SPRING24", "discount": 15, "theme": {"color": "#e00", "dark": False}},
}

#: URL -> link UUID: listmonk's ``links`` table for this corpus. A ``TrackLink`` URL missing
#: here is one whose registration failed: it stays untracked.
LINKS: dict[str, str] = {
    "https://example.com/": "a1b2c3d4-0000-4000-8000-000000000001",
    "https://example.com/shop?utm=mail&id=7": "a1b2c3d4-0000-4000-8000-000000000002",
    "https://example.com/sale": "a1b2c3d4-0000-4000-8000-000000000003",
    "https://example.com/ünï": "a1b2c3d4-0000-4000-8000-000000000004",
    "https://example.com/p/rome": "a1b2c3d4-0000-4000-8000-000000000005",
    "https://example.com/p/zürich": "a1b2c3d4-0000-4000-8000-000000000006",
    "https://example.com/profile?u=1&v=<x>": "a1b2c3d4-0000-4000-8000-000000000007",
}

LANG: dict[str, str] = {
    "_.code": "en",
    "_.name": "English",
    "hello": "Hello",
    "email.unsub": "Unsubscribe",
    "email.viewInBrowser": "View in browser",
    "public.poweredBy": "Powered by listmonk",
    "items": "item | items",
    "three": "one | two | three",
    "greet": "Hello {name}, welcome to {list}",
    "ref": "See {what}",
    "html": "<b>Bold & \"quoted\"</b>",
}


SUBSCRIBERS: list[dict[str, Any]] = [
    {
        "id": 1,
        "uuid": "11111111-aaaa-4bbb-8ccc-000000000001",
        "email": "al@example.com",
        "name": "Al Pacino",
        "status": "enabled",
        "created_at": "2023-01-15T10:30:00Z",
        "attribs": {
            "city": "Rome",
            "age": 42,
            "score": 0.5,
            "vip": True,
            "tags": ["red", "green", "blue"],
            "plan": {"name": "pro", "price": 12345678, "seats": 3},
            "url": "https://example.com/p/rome",
            "items": [{"name": "Hat", "qty": 2}, {"name": "Scarf", "qty": 1}],
            "count": 3,
            "color": "red",
            "first-name": "Alfredo",
        },
    },
    {
        "id": 2,
        "uuid": "11111111-aaaa-4bbb-8ccc-000000000002",
        "email": "jo@example.org",
        "name": "Jo",
        "status": "enabled",
        "created_at": "2023-06-01T00:00:00Z",
        "attribs": {},
    },
    {
        "id": 3,
        "uuid": "11111111-aaaa-4bbb-8ccc-000000000003",
        "email": "anna.maria@example.es",
        "name": "Anna Maria de la Cruz",
        "status": "enabled",
        "created_at": "2022-12-31T23:59:59Z",
        "attribs": {
            "city": "Sevilla",
            "age": -3,
            "big": 1000000,
            "score": 12345678.25,
            "vip": False,
            "nested": {"a": {"b": {"c": "deep"}}},
            "tags": ["solo"],
            "plan": {"name": "free", "price": 0, "seats": 1},
            "count": 1,
            "items": [],
        },
    },
    {
        "id": 4,
        "uuid": "11111111-aaaa-4bbb-8ccc-000000000004",
        "email": "noname@example.net",
        "name": "",
        "status": "enabled",
        "created_at": "2024-02-29T12:00:00Z",
        "attribs": {"vip": False, "empty": "", "zero": 0, "none": None, "list": [], "map": {}},
    },
    {
        "id": 5,
        "uuid": "11111111-aaaa-4bbb-8ccc-000000000005",
        "email": "zoe@example.ch",
        "name": "Zoë Ångström",
        "status": "enabled",
        "created_at": "2021-07-04T08:15:00Z",
        "attribs": {
            "city": "Zürich",
            "emoji": "🎉 Grüße",
            "age": 29,
            "url": "https://example.com/p/zürich",
            "tags": ["ü", "ß", "日本"],
            "count": 2,
        },
    },
    {
        "id": 6,
        "uuid": "11111111-aaaa-4bbb-8ccc-000000000006",
        "email": "bob+tag@example.com",
        "name": "Bob <b>&'\"+ Smith",
        "status": "blocklisted",
        "created_at": "2020-01-01T00:00:00Z",
        "attribs": {
            "html": "<b>&'\"+</b>",
            "city": "<script>alert(1)</script>",
            "url": "https://example.com/profile?u=1&v=<x>",
            "color": "expression(alert(1))",
            "vip": True,
            "tags": ["<i>", "a&b", "\"q\""],
            "count": 0,
            "age": 1e21,
        },
    },
    {
        "id": 7,
        "uuid": "11111111-aaaa-4bbb-8ccc-000000000007",
        "email": "li.wei@example.cn",
        "name": "Li Wei",
        "status": "enabled",
        "created_at": "2023-03-03T03:03:03Z",
        "attribs": {
            "city": "Beijing",
            "items": [{"name": "Tea", "qty": 10}],
            "plan": {"name": "team", "price": 99.99, "seats": 25},
            "count": 25,
            "tags": [],
            "score": -0.125,
        },
    },
    {
        "id": 8,
        "uuid": "11111111-aaaa-4bbb-8ccc-000000000008",
        "email": "jl@example.fr",
        "name": "Jean-Luc Picard",
        "status": "enabled",
        "created_at": "2019-11-11T11:11:11Z",
        "attribs": {
            "city": "La Barre",
            "age": 59.0,
            "vip": "yes",
            "count": 7,
            "nested": {"a": {"b": {"c": 1}}},
            "mixed": [1, "two", 3.5, True, None, {"k": "v"}],
        },
    },
    {
        "id": 9,
        "uuid": "11111111-aaaa-4bbb-8ccc-000000000009",
        "email": "ma@example.com",
        "name": "Mary  Ann O'Neil",
        "status": "enabled",
        "created_at": "2023-08-08T08:08:08Z",
        "attribs": {"city": "", "tags": ["x"], "count": 12, "vip": None},
    },
    {
        "id": 10,
        "uuid": "11111111-aaaa-4bbb-8ccc-000000000010",
        "email": "ed@example.com",
        "name": "Ed",
        "status": "enabled",
        "created_at": "2023-09-09T09:09:09Z",
        "attribs": {"count": 1, "age": 7, "city": "Oslo", "plan": {"name": "pro"}, "Value": "v"},
    },
]


def subscriber_created_at(sub: dict[str, Any]) -> dt.datetime:
    return dt.datetime.fromisoformat(sub["created_at"].replace("Z", "+00:00"))


@dataclass(frozen=True)
class Case:
    """One campaign of the corpus."""

    name: str
    body: str
    subject: str = "Hello {{ .Subscriber.FirstName }}"
    template: str | None = None
    altbody: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    content_type: str = "html"
    tracking: bool = True
    individual_tracking: bool = False
    #: indexes into SUBSCRIBERS; None = all
    subscribers: tuple[int, ...] | None = None
    expect: str | None = None  #: "ok", "error" or None (see the module docstring)
    campaign: dict[str, Any] = field(default_factory=dict)  #: overrides of CAMPAIGN
    #: a difference the README documents: blaster refuses the campaign at compile time with
    #: an error containing this text, whatever Go does
    refused: str | None = None


CASES: list[Case] = []


def case(name: str, body: str, **kw: Any) -> None:
    CASES.append(Case(name, body, **kw))


def ok(name: str, body: str, **kw: Any) -> None:
    case(name, body, expect="ok", **kw)


def err(name: str, body: str, **kw: Any) -> None:
    case(name, body, expect="error", **kw)


def refused(name: str, body: str, reason: str, **kw: Any) -> None:
    """A template Go renders and blaster refuses on purpose (listed in the README)."""
    case(name, body, expect="ok", refused=reason, **kw)


# --- field access --------------------------------------------------------------------------
ok("field-name", "<p>Dear {{ .Subscriber.Name }},</p>")
ok("field-email", "<p>{{ .Subscriber.Email }}</p>")
ok("field-uuid", "<p>{{ .Subscriber.UUID }}</p>")
ok("field-firstname", "<p>Hi {{ .Subscriber.FirstName }}!</p>")
ok("field-lastname", "<p>Mr/Ms {{ .Subscriber.LastName }}</p>")
ok("field-id", "<p>#{{ .Subscriber.ID }}</p>")
ok("field-status", "<p>{{ .Subscriber.Status }}</p>")
case("field-attrib", "<p>From {{ .Subscriber.Attribs.city }}</p>")
case("field-attrib-missing-html", "<p>[{{ .Subscriber.Attribs.nothere }}]</p>")
case("field-attrib-nested", "<p>{{ .Subscriber.Attribs.plan.name }}</p>")
case("field-attrib-nested-deep", "<p>{{ .Subscriber.Attribs.nested.a.b.c }}</p>")
case("field-attrib-nested-missing", "<p>[{{ .Subscriber.Attribs.plan.nothere }}]</p>")
case("field-attrib-missing-parent", "<p>[{{ .Subscriber.Attribs.nothere.x }}]</p>")
case("field-attrib-of-string", "<p>{{ .Subscriber.Attribs.city.x }}</p>")
ok("field-attribs-map", "<p>{{ .Subscriber.Attribs.plan }}</p>", subscribers=(0, 2, 6))
case("field-attribs-whole", "<pre>{{ .Subscriber.Attribs }}</pre>", subscribers=(1, 3, 9))
case("field-attrib-hyphen", '<p>{{ index .Subscriber.Attribs "first-name" }}</p>')
case("field-attrib-bool", "<p>vip={{ .Subscriber.Attribs.vip }}</p>")
case("field-attrib-list", "<p>{{ .Subscriber.Attribs.tags }}</p>")
case("field-attrib-mixed-list", "<p>{{ .Subscriber.Attribs.mixed }}</p>")
case("field-attrib-null", "<p>[{{ .Subscriber.Attribs.none }}]</p>", subscribers=(3,))
ok("field-campaign-name", "<h1>{{ .Campaign.Name }}</h1>")
ok("field-campaign-subject", "<title>{{ .Campaign.Subject }}</title>")
ok("field-campaign-uuid", "<p>{{ .Campaign.UUID }}</p>")
ok("field-campaign-id", "<p>{{ .Campaign.ID }}</p>")
ok("field-campaign-tags", "<p>{{ .Campaign.Tags }}</p>")
ok("field-campaign-tags-range", "{{ range .Campaign.Tags }}<span>#{{ . }}</span>{{ end }}")
ok("field-campaign-attribs", "<p>Use code {{ .Campaign.Attribs.promo }} for {{ .Campaign.Attribs.discount }}% off</p>")
ok("field-campaign-attribs-nested", '<p style="color:{{ .Campaign.Attribs.theme.color }}">x</p>')
ok("field-campaign-fromemail", "<p>{{ .Campaign.FromEmail }}</p>")
ok("field-campaign-type", "<p>{{ .Campaign.Type }} {{ .Campaign.ContentType }}</p>")
ok("field-dollar", "{{ with .Subscriber }}{{ .Name }} / {{ $.Campaign.Name }}{{ end }}")
err("field-unknown-struct-field", "<p>{{ .Subscriber.Nickname }}</p>")
err("field-unknown-campaign-field", "<p>{{ .Campaign.Nothing }}</p>")
case("field-attrib-named-like-method", "<p>{{ .Subscriber.Attribs.Value }}</p>", subscribers=(1, 9))
ok("field-attrib-index-method-name", '<p>{{ index .Subscriber.Attribs "Value" }}</p>', subscribers=(1, 9))
ok("printf-type-data", '<p>{{ printf "%T|%T|%T|%T|%T" . .Campaign .Campaign.Tags .Subscriber.Attribs .Subscriber.CreatedAt }}</p>')
ok("typeof-data", "<p>{{ typeOf .Subscriber }} {{ typeOf L }} {{ typeOf .Campaign.AltBody }} {{ kindOf .Subscriber.Attribs }}</p>")
ok("field-method-pipe", "<p>{{ .Subscriber.FirstName | upper }}</p>")

# --- numbers -----------------------------------------------------------------------------------
case("num-attrib-int", "<p>{{ .Subscriber.Attribs.age }}</p>")
case("num-attrib-big", "<p>{{ .Subscriber.Attribs.big }}</p>", subscribers=(2,))
case("num-attrib-price", "<p>{{ .Subscriber.Attribs.plan.price }}</p>")
case("num-attrib-score", "<p>{{ .Subscriber.Attribs.score }}</p>")
ok("num-constants", "<p>{{ 1000000 }} {{ 0.5 }} {{ 12345678 }} {{ -7 }} {{ 1e6 }} {{ 0x1F }} {{ 'a' }} {{ 1.0 }} {{ 3.25e-2 }}</p>")
ok("num-trim-minus", "<p>{{-3}} {{- 3 -}} x</p>")
case("num-printf-d-float", '<p>{{ printf "%d" .Subscriber.Attribs.age }}</p>')
case("num-printf-f", '<p>{{ printf "%.2f" .Subscriber.Attribs.score }}</p>')
case("num-printf-v", '<p>{{ printf "%v|%g" .Subscriber.Attribs.age .Subscriber.Attribs.age }}</p>')
ok("num-add", "<p>{{ add 1 2 }} {{ sub 1 5 }} {{ mul 6 7 }} {{ div 7 2 }} {{ mod 7 3 }}</p>")
case("num-add-attrib", "<p>{{ add .Subscriber.Attribs.age 1 }}</p>")
ok("num-floatmath", "<p>{{ addf 1.5 2 }} {{ mulf 0.1 3 }} {{ divf 1 3 }} {{ subf 10 0.25 }}</p>")
ok("num-round", "<p>{{ round 3.14159 2 }} {{ floor 2.7 }} {{ ceil 2.1 }} {{ round 2.5 0 }}</p>")
ok("num-minmax", "<p>{{ max 1 5 3 }} {{ min 4 -2 9 }} {{ biggest 3 9 2 }} {{ maxf 1.5 2 }}</p>")
case("num-add1", "<p>{{ add1 .Subscriber.Attribs.count }}</p>")
ok("num-conversions", '<p>{{ int "42" }} {{ int64 "7" }} {{ float64 "3.5" }} {{ atoi "12" }} {{ toString 5 }}</p>')
ok("num-int-of-float", "<p>{{ int 3.99 }} {{ int -3.99 }}</p>")
ok("num-seq", "<p>{{ seq 1 5 }} {{ seq 5 -1 1 }} {{ until 3 }} {{ untilStep 0 10 3 }}</p>")
# until and untilStep give a []int; Sprig's slice keeps the type, its other list functions do not
ok("num-until-int-slice", '<p>{{ typeOf (until 3) }} {{ printf "%#v|%T|%v|%s|%x|%#v" (until 3) (untilStep 0 10 3) (until -2) (until 2) (until 12) (until 0) }} {{ kindOf (until 3) }} {{ typeOf (slice (until 5) 1 3) }} {{ slice (until 5) 1 3 }} {{ typeOf (rest (until 3)) }} {{ typeOf (append (until 2) 5) }} {{ typeOf (reverse (until 3)) }} {{ typeOf (concat (until 2) (list 1)) }}</p>')
ok("num-until-int-slice-use", '<p>{{ deepEqual (until 2) (list 0 1) }} {{ deepEqual (until 2) (untilStep 0 2 1) }} {{ has 1 (until 3) }} {{ len (until 4) }} {{ index (until 4) 2 }} {{ typeOf (index (until 4) 2) }} {{ first (until 3) }} {{ last (until 3) }} {{ join "," (until 3) }} {{ toJson (until 3) }} {{ toJson (dict "l" (until 2)) }} {{ empty (until 0) }} {{ if until 0 }}t{{ else }}f{{ end }} {{ printf "%v" (list (until 2)) }} {{ range $i, $e := untilStep 10 0 -4 }}{{ $i }}={{ $e }} {{ end }}</p><script>var l = {{ until 3 }};</script><a href="/?l={{ until 2 }}">x</a>')
err("num-div-zero", "<p>{{ div 1 0 }}</p>")
ok("num-mod-neg", "<p>{{ mod -7 3 }} {{ div -7 2 }}</p>")
ok("num-print-big-const", "<p>{{ 9223372036854775807 }} {{ 1e21 }} {{ 123456789.0 }}</p>")
case("num-attrib-huge", "<p>{{ .Subscriber.Attribs.age }}</p>", subscribers=(5,))
# Sprig's integer functions return int64 (int and atoi an int): the type shows in fmt's error
# forms, %T and the reflection functions, and Go refuses an int64 for an int parameter
ok("num-int64-printf-s", '{{ printf "%s|%s|%s|%s|%s|%s" (add 1 2) (add1 1) (sub 1 2) (mul 2 3) (div 7 2) (mod 7 3) }}|{{ printf "%s|%s|%s|%s|%s" (max 1 2) (biggest 1 2) (min 1 2) (int64 "5") (toDecimal "777") }}', content_type="plain")
ok("num-int64-printf-t", '<p>{{ printf "%T %T %T %T %T %T %T %T %T %T %T %T" (add 1 2) (add1 1) (sub 1 2) (mul 2 3) (div 7 2) (mod 7 3) (max 1 2) (biggest 1 2) (min 1 2) (int64 "5") (toDecimal "777") (add) }}</p>')
ok("num-int64-typeof", "<p>{{ typeOf (add 1 2) }} {{ typeOf (add1 1) }} {{ typeOf (sub 1 2) }} {{ typeOf (mul 2 3) }} {{ typeOf (div 7 2) }} {{ typeOf (mod 7 3) }} {{ typeOf (max 1 2) }} {{ typeOf (biggest 1 2) }} {{ typeOf (min 1 2) }} {{ typeOf (int64 5) }} {{ typeOf (toDecimal 777) }}</p>")
ok("num-int64-kindof", "<p>{{ kindOf (add 1 2) }} {{ kindOf (add1 1) }} {{ kindOf (sub 1 2) }} {{ kindOf (mul 2 3) }} {{ kindOf (div 7 2) }} {{ kindOf (mod 7 3) }} {{ kindOf (max 1 2) }} {{ kindOf (biggest 1 2) }} {{ kindOf (min 1 2) }} {{ kindOf (int64 5) }} {{ kindOf (toDecimal 777) }}</p>")
ok("num-int64-kindis", '<p>{{ kindIs "int64" (add 1 2) }} {{ kindIs "int64" (add1 1) }} {{ kindIs "int64" (sub 1 2) }} {{ kindIs "int64" (mul 2 3) }} {{ kindIs "int64" (div 7 2) }} {{ kindIs "int64" (mod 7 3) }} {{ kindIs "int64" (max 1 2) }} {{ kindIs "int64" (biggest 1 2) }} {{ kindIs "int64" (min 1 2) }} {{ kindIs "int64" (int64 5) }} {{ kindIs "int64" (toDecimal 777) }} {{ kindIs "int" (add 1 2) }} {{ typeIs "int64" (add 1 2) }} {{ typeIsLike "int64" (max 1) }}</p>')
ok("num-int-types", '<p>{{ printf "%s %s %s %T %T %T" (int "5") (atoi "5") (len "abc") (int "5") (atoi "5") (len "abc") }} {{ typeOf (int 5) }} {{ kindOf (atoi "5") }} {{ kindIs "int" (len "abc") }} {{ kindIs "int64" (int 5) }} {{ typeOf (int (add 1 2)) }} {{ typeOf (int64 (int 3)) }}</p>')
case("num-int64-attrib", '{{ add 0 .Subscriber.Name | printf "%s" }} {{ add1 .Subscriber.Attribs.age | printf "%T=%s" }}{{/* c */}}', content_type="plain")
ok("num-int64-fmt", '<p>{{ printf "%v %d %x %#v %q %c %08.3d %+d %U" (add 60 5) (add 60 5) (add 60 5) (add 60 5) (add 60 5) (add 60 5) (add 60 5) (add 60 5) (add 60 5) }} {{ printf "%f %e %t" (add 1 2) (add 1 2) (add 1 2) }} {{ printf "%v %s %#v" (list (add 1 2) 3) (list (add 1 2) 3) (dict "a" (add 1 2)) }} {{ printf "x" (add 1 2) }} {{ printf "%*d|%.*f" (add 0 5) 3 (add 0 2) 3.14159 }}</p>')
ok("num-int64-print", "<p>{{ add 1 2 }} {{ print (add 1 2) 3 }} {{ toString (add 1 2) }} {{ toJson (list (add 1 2)) }} {{ cat (add 1 2) (max 4) }} {{ join \",\" (list (add 1 2) 4) }} {{ quote (min 5) }} {{ html (add 1 2) }} {{ urlquery (add 1 2) }}</p><script>var n = {{ add 1 2 }};</script><a href=\"/p?n={{ mul 2 3 }}\">x</a>")
ok("num-int64-compare", "<p>{{ eq (add 1 1) 2 }} {{ eq 2 (add 1 1) }} {{ ne (add 1 1) 2 }} {{ lt (add 1 1) 3 }} {{ ge 3 (max 3) }} {{ if sub 1 1 }}t{{ else }}f{{ end }} {{ default \"d\" (add 0 0) }} {{ empty (add 0 0) }}</p>")
ok("num-int64-deepequal", "<p>{{ has 1 (list (add 0 1)) }} {{ has (add 0 1) (list 1) }} {{ has (add 0 1) (list (add1 0)) }} {{ deepEqual 1 (add 0 1) }} {{ uniq (list 1 (add 0 1) 1) }} {{ without (list 1 2 (add 1 1)) 2 }}</p>")
ok("num-int64-index", '<p>{{ index (list 1 2 3) (add 0 1) }} {{ slice (list 1 2 3) (add 0 1) }} {{ index "abc" (add1 0) }} {{ $d := dict "a" (add 1 2) }}{{ typeOf $d.a }} {{ typeOf (first (list (mul 2 3))) }} {{ typeOf (deepCopy (add 1 2)) }}</p>')
ok("num-int64-variable", "<p>{{ $n := 1 }}{{ typeOf $n }} {{ $n = add $n 1 }}{{ typeOf $n }} {{ $n = 5 }}{{ typeOf $n }}</p>")
ok("num-int64-dates", '<p>{{ date "2006-01-02" (add 0 86400) }} {{ duration (add 0 90) }} {{ duration (mul 3600 1) }} {{ durationRound (mul 3600 1000000000) }} {{ durationRound (now.Sub now) }}</p>')
ok("date-int64-methods", "<p>{{ typeOf now.Unix }} {{ typeOf now.UnixMilli }} {{ typeOf now.UnixMicro }} {{ typeOf now.UnixNano }} {{ typeOf now.Year }} {{ $d := now.Sub now }}{{ typeOf $d.Nanoseconds }} {{ typeOf $d.Microseconds }} {{ typeOf $d.Milliseconds }} {{ date \"2006\" now.Unix }} {{ duration now.Unix }} {{ index (list 1 2 3 4) now.Month }} {{ printf \"%*d|\" now.Month 1 }}</p>")
err("num-int64-for-int-repeat", '<p>{{ repeat (add 1 1) "x" }}</p>')
err("num-int64-for-int-substr", '<p>{{ substr 0 (sub 3 1) "abcdef" }}</p>')
err("num-int64-for-int-until", "<p>{{ range until (add 0 3) }}{{ . }}{{ end }}</p>")
err("num-int64-for-int-tc", '<p>{{ L.Tc "items" (add 0 2) }}</p>')
err("num-int64-for-int-adddate", "<p>{{ now.AddDate (add 0 1) 0 0 }}</p>")

# --- Go's named integer types: time.Month, time.Weekday, time.Duration ---------------------------
# Each has a String method: fmt uses it for %v %s %x %X %q (not for %d, %#v or in its error
# forms), html/template's escapers and the js context too; encoding/json writes the number;
# eq/lt compare them as integers; spf13/cast converts a Month or Weekday, not a Duration
_NAMED = "{{ $t := .Subscriber.CreatedAt.Time }}{{ $m := $t.Month }}{{ $w := $t.Weekday }}{{ $d := now.Sub $t }}"
for _kind, _v in (("month", "$m"), ("weekday", "$w"), ("duration", "$d")):
    ok(f"named-{_kind}-printf", _NAMED + "<p>{{ printf \"%d|%s|%v|%02d|%x|%X|%q|%#q|%T|%#v|%+v|%U|%t|%f|%12s|%-12v|%.2s|%08.3d|%+d|%o|%b|%8.2q\" V V V V V V V V V V V V V V V V V V V V V V }}</p>".replace("V", _v))
    ok(f"named-{_kind}-printf-nested", _NAMED + "<p>{{ printf \"%v|%d|%s|%#v|%+v\" (list V 1) (list V 1) (dict \"k\" V) (list V) (dict \"k\" V) }} {{ list V 2 }} {{ dict \"k\" V }} {{ printf \"%s\" }}{{ printf \"x\" V }}</p>".replace("V", _v))
    ok(f"named-{_kind}-reflect", _NAMED + "<p>{{ typeOf V }} {{ kindOf V }} {{ kindIs \"int\" V }} {{ kindIs \"int64\" V }} {{ typeIs \"time.Month\" V }} {{ typeIs \"time.Weekday\" V }} {{ typeIs \"time.Duration\" V }} {{ typeIsLike \"time.Duration\" V }} {{ typeOf (list V) }} {{ typeOf (first (list V)) }} {{ kindOf (deepCopy V) }}</p>".replace("V", _v))
    ok(f"named-{_kind}-json", _NAMED + "<p>{{ toJson V }} {{ toPrettyJson V }} {{ toRawJson V }} {{ mustToJson V }} {{ toJson (list V 1) }} {{ toRawJson (dict \"k\" V) }} {{ toPrettyJson (dict \"k\" (list V)) }}</p>".replace("V", _v))
    ok(f"named-{_kind}-compare", _NAMED + "<p>{{ eq V 3 }} {{ eq 3 V }} {{ ne V 3 }} {{ lt V 5 }} {{ le V 12 }} {{ gt V 0 }} {{ ge V (add 0 3) }} {{ eq V (add 0 3) }} {{ eq V V }} {{ eq V 1 2 3 4 5 6 }} {{ eq $m $w }} {{ lt $w $m }} {{ has 3 (list V) }} {{ has V (list V) }} {{ deepEqual V V }} {{ deepEqual V 3 }} {{ uniq (list V 3 V) }} {{ without (list 3 V) 3 }}</p>".replace("V", _v))
    ok(f"named-{_kind}-arith", _NAMED + "<p>{{ add V 1 }} {{ sub V 1 }} {{ mul V 2 }} {{ div V 2 }} {{ mod V 2 }} {{ max V 1 }} {{ min V 100 }} {{ add1 V }} {{ biggest V 0 }} {{ int V }} {{ int64 V }} {{ float64 V }} {{ round V 0 }} {{ floor V }} {{ addf V 1 }} {{ toDecimal V }} {{ atoi (toString V) }}</p>".replace("V", _v))
    ok(f"named-{_kind}-strings", _NAMED + "<p>{{ toString V }} {{ quote V }} {{ squote V }} {{ cat V \"x\" V }} {{ join \",\" (list V 1) }} {{ toStrings (list V) }} {{ upper (toString V) }} {{ print V }} {{ print V V }} {{ print \"x\" V 1 }} {{ println V 1 }} {{ html V }} {{ urlquery V }} {{ js V }} {{ printf \"%v-%v\" V V }}</p>".replace("V", _v))
    ok(f"named-{_kind}-truth", _NAMED + "<p>{{ if V }}t{{ else }}f{{ end }} {{ not V }} {{ and V 1 }} {{ or 0 V }} {{ empty V }} {{ default 9 V }} {{ coalesce 0 V }} {{ ternary \"y\" \"n\" (gt V 2) }} {{ with V }}{{ . }}{{ end }}</p>".replace("V", _v))
    ok(f"named-{_kind}-html", _NAMED + "<p title=\"{{ V }}\" data-x={{ V }}>{{ V }}</p><a href=\"/d/{{ V }}?v={{ V }}&l={{ list V }}\">x</a><script>var v = {{ V }}; var l = {{ list V }}; var s = \"{{ V }}\"; var r = /{{ V }}/;</script><style>p { width: {{ V }}; }</style><!-- {{ V }} -->".replace("V", _v))
    ok(f"named-{_kind}-text", _NAMED + "{{ V }} {{ printf \"%d %s %q\" V V V }} {{ toJson V }} {{ typeOf V }}".replace("V", _v), content_type="plain", subject=_NAMED + "{{ V }} {{ printf \"%d\" V }}".replace("V", _v))
    err(f"named-{_kind}-for-int", _NAMED + "<p>{{ repeat V \"x\" }}</p>".replace("V", _v))
    err(f"named-{_kind}-eq-string", _NAMED + "<p>{{ eq V \"March\" }}</p>".replace("V", _v))
    err(f"named-{_kind}-range", _NAMED + "<p>{{ range V }}{{ . }}{{ end }}</p>".replace("V", _v))
ok("named-listmonk-style", "<p>{{ .Subscriber.CreatedAt.Time.Year }}-{{ printf \"%02d\" .Subscriber.CreatedAt.Time.Month }}-{{ printf \"%02d\" .Subscriber.CreatedAt.Time.Day }} ({{ .Subscriber.CreatedAt.Time.Weekday }}, {{ .Subscriber.CreatedAt.Time.Month }}) {{ printf \"%s %d\" now.Month now.Month }} {{ index \"abcdefghijklm\" .Subscriber.CreatedAt.Time.Month }} {{ slice (list 1 2 3 4 5 6 7 8) .Subscriber.CreatedAt.Time.Weekday }} {{ slice (list 1 2 3) (now.Sub now) }}</p>")
ok("named-duration-methods", _NAMED + "<p>{{ $d.Hours }} {{ $d.Minutes }} {{ $d.Round 3600000000000 }} {{ $d.Truncate 60000000000 }} {{ ($d.Round 3600000000000).Hours }} {{ typeOf ($d.Round 1) }} {{ $d.Round $d }} {{ $d.Abs }} {{ $d.Nanoseconds }} {{ now.Add $d }} {{ now.Add 3600000000000 }} {{ typeOf $d.String }} {{ $d.String }} {{ duration $m }} {{ durationRound $d }} {{ date \"2006\" $m }}</p>")
err("named-duration-int64-for-duration", "<p>{{ now.Add (add 1 2) }}</p>")
err("named-month-for-int-adddate", _NAMED + "<p>{{ now.AddDate 0 $m 0 }}</p>")
err("named-weekday-for-int-until", _NAMED + "<p>{{ range until $w }}{{ . }}{{ end }}</p>")
# a number constant given to a method takes the method's parameter type (Go's evalArg)
ok("named-method-consts", "<p>{{ (now.Add -5400000000000).Format \"15:04\" }} {{ now.AddDate 1 -2 3 }} {{ (now.Sub now).Truncate 1 }} {{ L.Tc \"items\" 2 }} {{ (now.Sub .Subscriber.CreatedAt.Time).Round 86400000000000 }}</p>")
ok("named-string-methods", "<p>{{ .Subscriber.CreatedAt.Time.Month.String }} {{ .Subscriber.CreatedAt.Time.Weekday.String }} {{ (now.Sub .Subscriber.CreatedAt.Time).String }} {{ typeOf now.Month.String }}</p>")
err("named-month-no-such-method", "<p>{{ now.Month.Hours }}</p>")
err("named-method-const-string", "<p>{{ (now.Sub now).Round \"1h\" }}</p>")
err("named-method-const-float", "<p>{{ now.Add 1.5 }}</p>")
err("named-method-int-variable", "<p>{{ $n := 5 }}{{ now.Add $n }}</p>")
err("named-method-const-overflow", "<p>{{ now.Add 99999999999999999999 }}</p>")
ok("num-int-for-int", '<p>{{ repeat (int (add 1 1)) "x" }} {{ substr 0 (len "ab") "abcdef" }} {{ trunc (atoi "2") "abc" }}</p>')

# --- conditionals --------------------------------------------------------------------------------
case(
    "if-else-chain",
    '{{ if eq .Subscriber.Attribs.city "Rome" }}Ciao{{ else if eq .Subscriber.Attribs.city '
    '"Zürich" }}Grüezi{{ else }}Hello{{ end }}',
)
ok("if-name-empty", "{{ if .Subscriber.Name }}Hi {{ .Subscriber.Name }}{{ else }}Hi there{{ end }}")
case("if-bool", "{{ if .Subscriber.Attribs.vip }}<b>VIP</b>{{ else }}regular{{ end }}")
case("if-list", "{{ if .Subscriber.Attribs.tags }}has tags{{ else }}no tags{{ end }}")
case("if-zero-empty", "{{ if .Subscriber.Attribs.zero }}a{{ end }}{{ if .Subscriber.Attribs.empty }}b{{ end }}{{ if .Subscriber.Attribs.map }}c{{ end }}|")
ok("if-missing", "{{ if .Subscriber.Attribs.nothere }}yes{{ else }}no{{ end }}")
case("if-not", "{{ if not .Subscriber.Attribs.vip }}not vip{{ end }}")
case("if-and", '{{ if and .Subscriber.Attribs.vip (gt (len .Subscriber.Name) 3) }}long vip{{ end }}')
case("if-or", '{{ if or .Subscriber.Attribs.vip (eq .Subscriber.Status "blocklisted") }}flag{{ end }}')
case("if-nested", "{{ if .Subscriber.Attribs.plan }}{{ if eq .Subscriber.Attribs.plan.name \"pro\" }}PRO{{ else }}{{ .Subscriber.Attribs.plan.name }}{{ end }}{{ end }}")
ok("if-else-with", "{{ if false }}x{{ else }}{{ with .Subscriber.Email }}{{ . }}{{ end }}{{ end }}")
ok("andor-values", '<p>{{ and 1 0 "x" }}|{{ or 0 "" "z" }}|{{ and "a" "b" }}|{{ or 0 false }}|{{ not "" }}</p>')
case("andor-attribs", '<p>{{ or .Subscriber.Attribs.nick .Subscriber.Name "friend" }}</p>')
ok("and-short-circuit", "{{ if and false (index .Subscriber.Attribs.list 99) }}x{{ end }}ok", subscribers=(3,))

# --- comparisons ------------------------------------------------------------------------------------
ok("cmp-ints", "<p>{{ eq 1 1 }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt 3 2 }} {{ ge 1 2 }}</p>")
ok("cmp-strings", '<p>{{ lt "a" "b" }} {{ eq "x" "x" }} {{ gt "B" "a" }}</p>')
case("cmp-float-attrib", "<p>{{ eq .Subscriber.Attribs.age 42.0 }}</p>")
case("cmp-float-int-error", "<p>{{ eq .Subscriber.Attribs.age 42 }}</p>")
err("cmp-const-int-float", "<p>{{ lt 1 1.5 }}</p>")
ok("cmp-eq-multi", '<p>{{ eq .Subscriber.Status "blocklisted" "enabled" }}</p>')
ok("cmp-id", "{{ if gt .Subscriber.ID 5 }}late{{ else }}early{{ end }}")
case("cmp-gt-attrib", "{{ if gt .Subscriber.Attribs.count 2.0 }}many{{ else }}few{{ end }}")
err("cmp-string-int", '<p>{{ lt "1" 2 }}</p>')
ok("cmp-bool", "<p>{{ eq true true }} {{ ne false true }}</p>")
case("cmp-eq-missing", '<p>{{ eq .Subscriber.Attribs.nothere "" }}</p>')
ok("cmp-len", "{{ if ge (len .Subscriber.Email) 15 }}long{{ else }}short{{ end }}")

# --- range ---------------------------------------------------------------------------------------------
case("range-list", "<ul>{{ range .Subscriber.Attribs.tags }}<li>{{ . }}</li>{{ end }}</ul>")
case("range-index", "{{ range $i, $v := .Subscriber.Attribs.tags }}{{ $i }}={{ $v }};{{ end }}")
case("range-map", "{{ range $k, $v := .Subscriber.Attribs.plan }}{{ $k }}:{{ $v }} {{ end }}")
case("range-map-values", "{{ range .Subscriber.Attribs.plan }}[{{ . }}]{{ end }}")
case("range-else", "{{ range .Subscriber.Attribs.tags }}{{ . }},{{ else }}none{{ end }}")
case("range-items", "{{ range .Subscriber.Attribs.items }}<tr><td>{{ .name }}</td><td>{{ .qty }}</td></tr>{{ else }}<tr><td>empty</td></tr>{{ end }}")
ok("range-break", "{{ range $i, $e := until 6 }}{{ if eq $i 3 }}{{ break }}{{ end }}{{ $e }}{{ end }}")
ok("range-continue", "{{ range $i := until 6 }}{{ if eq (mod $i 2) 0 }}{{ continue }}{{ end }}{{ $i }}{{ end }}")
case("range-dollar", "{{ range .Subscriber.Attribs.tags }}{{ . }}-{{ $.Subscriber.ID }} {{ end }}")
case("range-nested", "{{ range .Subscriber.Attribs.items }}{{ $item := . }}{{ range $.Campaign.Tags }}{{ $item.name }}/{{ . }} {{ end }}{{ end }}")
ok("range-list-func", '{{ range list "a" "b" "c" }}<{{ . }}>{{ end }}')
ok("range-dict", '{{ range $k, $v := dict "z" 1 "a" 2 "m" 3 }}{{ $k }}{{ $v }}{{ end }}')
ok("range-split", '{{ range splitList "," "x,y,,z" }}[{{ . }}]{{ end }}')
case("range-mixed", "{{ range .Subscriber.Attribs.mixed }}{{ printf \"%T\" . }} {{ end }}")
ok("range-missing", "{{ range .Subscriber.Attribs.nothere }}x{{ end }}|")
ok("range-var-single", "{{ range $t := .Campaign.Tags }}{{ $t }}{{ end }}")
ok("range-string-error-free", '{{ range $i, $c := list "a" "b" }}{{ $i }}{{ $c }}{{ end }}')
err("range-over-string", '{{ range "abc" }}{{ . }}{{ end }}')

# --- with ----------------------------------------------------------------------------------------------
case("with-else", "{{ with .Subscriber.Attribs.city }}in {{ . }}{{ else }}somewhere{{ end }}")
case("with-nested", "{{ with .Subscriber.Attribs.plan }}{{ .name }} ({{ .seats }} seats){{ end }}")
ok("with-var", "{{ with $e := .Subscriber.Email }}{{ $e }}{{ end }}")
ok("with-dollar", "{{ with .Campaign }}{{ .Name }} for {{ $.Subscriber.Name }}{{ end }}")

# --- variables ----------------------------------------------------------------------------------------
ok("var-assign", "{{ $n := .Subscriber.Name }}<p>{{ $n }}{{ $n }}</p>")
ok("var-reassign", "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}")
ok("var-range-scope", "{{ $last := \"\" }}{{ range .Campaign.Tags }}{{ $last = . }}{{ end }}{{ $last }}")
ok("var-pipe", "{{ $u := .Subscriber.Name | upper }}{{ $u }}")
case("var-count", "{{ $n := 0 }}{{ range .Subscriber.Attribs.tags }}{{ $n = add1 $n }}{{ end }}{{ $n }}")
err("var-undefined", "{{ $nope }}")
ok("var-shadow", "{{ $x := \"outer\" }}{{ with .Subscriber }}{{ $x := \"inner\" }}{{ $x }}{{ end }}{{ $x }}")

# --- comments and trim markers -------------------------------------------------------------------------
ok("comment", "<p>a{{/* a comment */}}b</p>")
ok("comment-trim", "<p>a  {{- /* trimmed */ -}}  b</p>")
ok("trim-both", "<p>Hello   {{- .Subscriber.Name -}}   !</p>")
ok("trim-newlines", "<ul>\n  {{- range .Campaign.Tags }}\n  <li>{{ . }}</li>\n  {{- end }}\n</ul>\n")
ok("trim-left-only", "a\n\n{{- \"b\" }}\n\nc")
ok("comment-multiline", "x{{/*\n multi\n line\n*/}}y")

# --- printf / print / println ------------------------------------------------------------------------------
ok("printf-verbs", '<p>{{ printf "%s|%q|%v|%d|%x|%5.1f|%-8s|%08.3f|%t|%%" "s" "q" 1 2 255 3.14159 "left" 2.5 true }}</p>')
ok("printf-type", '<p>{{ printf "%T %T %T %T" 1 1.5 "s" true }}</p>')
case("printf-type-attribs", '<p>{{ printf "%T" .Subscriber.Attribs.age }} {{ printf "%T" .Subscriber.Attribs.tags }}</p>')
ok("printf-q-name", '<p>{{ printf "%q" .Subscriber.Name }}</p>')
ok("printf-bad-verb", '<p>{{ printf "%s" 42 }} {{ printf "%d %d" 1 }} {{ printf "%d" }} {{ printf "x" 1 }}</p>')
ok("printf-more", '<p>{{ printf "%c %U %e %g %o %b %X" 65 128512 123456.789 0.000001 8 5 "hi" }}</p>')
ok("printf-index", '<p>{{ printf "%[2]s %[1]s" "a" "b" }} {{ printf "%6.2f|%-6d|%+d" 3.14159 42 5 }}</p>')
case("printf-list", '<p>{{ printf "%v" .Subscriber.Attribs.tags }} {{ printf "%q" .Subscriber.Attribs.tags }}</p>')
case("printf-map", '<p>{{ printf "%v" .Subscriber.Attribs.plan }}</p>')
ok("printf-nil", '<p>{{ printf "%v" nil }}</p>')
ok("print-spacing", '<p>{{ print 1 2 "a" "b" 3 true }}</p>')
ok("println", '<p>{{ println "a" 1 }}</p>')
ok("print-field", "<p>{{ print .Subscriber.Name \" <\" .Subscriber.Email \">\" }}</p>")
ok("printf-pct-name", '<p>{{ printf "%s %s" .Subscriber.FirstName .Subscriber.LastName }}</p>')
ok("printf-width-star", '<p>[{{ printf "%*d" 5 42 }}]</p>')

# --- len / index / slice --------------------------------------------------------------------------------
ok("len-name", "<p>{{ len .Subscriber.Name }}</p>")
case("len-list", "<p>{{ len .Subscriber.Attribs.tags }}</p>")
case("len-missing", "<p>{{ len .Subscriber.Attribs.nothere }}</p>")
case("index-list", "<p>{{ index .Subscriber.Attribs.tags 0 }}</p>")
case("index-list-out", "<p>{{ index .Subscriber.Attribs.tags 5 }}</p>")
case("index-nested", '<p>{{ index .Subscriber.Attribs "plan" "name" }}</p>')
case("index-map-missing", '<p>[{{ index .Subscriber.Attribs "nothere" }}]</p>')
ok("index-string", '<p>{{ index "abc" 1 }}</p>')
ok("index-campaign-tags", "<p>{{ index .Campaign.Tags 1 }}</p>")
case("index-float", "<p>{{ index .Subscriber.Attribs.tags 0.0 }}</p>")
case("slice-list", "<p>{{ slice .Subscriber.Attribs.tags 1 }}</p>")
err("slice-email-sprig", "<p>{{ slice .Subscriber.Email 0 3 }}</p>")
err("slice-const-string-sprig", '<p>{{ slice "hello" 1 3 }}</p>')
ok("slice-sprig-list", '<p>{{ slice (list 1 2 3 4) 1 3 }}</p>')

# --- html / js / urlquery ------------------------------------------------------------------------------
case("esc-html-func", "<p>{{ html .Subscriber.Name }}</p>")
case("esc-html-pipe", "<p>{{ .Subscriber.Name | html }}</p>")
case("esc-js-func", "<p>{{ js .Subscriber.Name }}</p>")
case("esc-urlquery", "<p>{{ urlquery .Subscriber.Email }}</p>")
case("esc-urlquery-pipe", '<a href="https://example.com/?e={{ .Subscriber.Email | urlquery }}">x</a>')
case("esc-html-in-pipeline", "<p>{{ .Subscriber.Name | html | upper }}</p>")
ok("esc-special-text", "<p>{{ .Subscriber.Name }}</p>", subscribers=(5,))
case("esc-special-attrib", "<p>{{ .Subscriber.Attribs.html }}</p>")

# --- pipelines ----------------------------------------------------------------------------------------
ok("pipe-upper", "<p>{{ .Subscriber.Name | upper }}</p>")
ok("pipe-chain", "<p>{{ .Subscriber.Name | lower | title }}</p>")
case("pipe-default", '<p>{{ .Subscriber.Attribs.city | default "nowhere" | upper }}</p>')
ok("pipe-printf", '<p>{{ "hello" | printf "%s world" }}</p>')
ok("pipe-len", "<p>{{ .Subscriber.Email | len }}</p>")
ok("paren-simple", "<p>{{ (.Subscriber.Name) }}</p>")
ok("paren-pipe", '<p>{{ (printf "%s-%s" "a" "b") | upper }}</p>')
ok("paren-arg", '<p>{{ upper (print .Subscriber.FirstName "!") }}</p>')
ok("paren-nested", '<p>{{ printf "%s/%d" (lower (print "A" "B")) (len (list 1 2 3)) }}</p>')
ok("pipe-method-field", "<p>{{ (now).Year }}</p>")
ok("pipe-repeat", '<p>{{ "ab" | repeat 3 }}</p>')

# --- define / template / block ---------------------------------------------------------------------------
ok(
    "define-in-base",
    "<p>{{ .Subscriber.Name }}</p>",
    template='{{ define "footer" }}<footer>{{ .Campaign.Name }}</footer>{{ end }}'
    '<main>{{ template "content" . }}</main>{{ template "footer" . }}',
)
case("define-in-body", '{{ define "greet" }}Hi {{ .Name }}{{ end }}{{ template "greet" .Subscriber }}')
err("block-in-body", '{{ block "greeting" . }}<b>Hi {{ .Subscriber.Name }}</b>{{ end }}')
ok(
    "block-in-base",
    "body",
    template='<div>{{ template "content" . }}</div>{{ block "extra" .Subscriber }}[{{ .Email }}]{{ end }}',
)
err("template-missing", '{{ template "nothere" . }}')
ok(
    "template-other-data",
    "x",
    template='{{ define "who" }}{{ .Email }}{{ end }}{{ template "content" . }} {{ template "who" .Subscriber }}',
)
case("template-content-no-dot", "<p>{{ .Subscriber.Name }}</p>", template='<div>{{ template "content" }}</div>')
ok("template-content-twice", "<i>{{ .Subscriber.ID }}</i>", template='{{ template "content" . }}|{{ template "content" . }}')
ok("template-without-content", "<p>ignored body</p>", template="<p>Only the base {{ .Campaign.Name }}</p>")

# --- Sprig: strings ----------------------------------------------------------------------------------------
ok("sprig-trim", '<p>[{{ trim "  x  " }}][{{ trimAll "$" "$$5$" }}][{{ trimPrefix "-" "-a" }}][{{ trimSuffix "-" "a-" }}]</p>')
ok("sprig-case", "<p>{{ upper .Subscriber.Name }} {{ lower .Subscriber.Name }} {{ title \"hello world\" }} {{ untitle \"Hello World\" }}</p>")
ok("sprig-substr", '<p>{{ substr 0 5 "hello world" }} {{ trunc 3 "abcdef" }} {{ trunc -2 "abcdef" }} {{ abbrev 5 "hello world" }}</p>')
ok("sprig-misc", '<p>{{ nospace "a b  c" }} {{ initials "John Ronald Tolkien" }} {{ swapcase "aBc" }} {{ snakecase "HelloWorld" }} {{ camelcase "hello_world" }} {{ kebabcase "HelloWorld" }}</p>')
ok("sprig-wrap", '<p>{{ wrap 5 "The quick brown fox" }}|{{ wrapWith 5 "<br>" "The quick brown fox" }}</p>')
ok("sprig-contains", '<p>{{ contains "cat" "catch" }} {{ hasPrefix "ca" "cat" }} {{ hasSuffix "at" "cat" }}</p>')
case("sprig-contains-email", '{{ if contains "@example.com" .Subscriber.Email }}internal{{ else }}external{{ end }}')
ok("sprig-quote", '<p>{{ quote "a" "b" }} {{ squote "c" }} {{ cat "a" 1 "b" }}</p>')
ok("sprig-indent", '<pre>{{ indent 2 "a\\nb" }}|{{ nindent 2 "c" }}</pre>')
ok("sprig-replace", '<p>{{ replace " " "-" .Subscriber.Name }} {{ .Subscriber.Email | replace "@" " at " }}</p>')
case("sprig-plural", '<p>{{ plural "item" "items" (int .Subscriber.Attribs.count) }}</p>')
ok("sprig-split", '<p>{{ split "@" .Subscriber.Email }} {{ (split "@" .Subscriber.Email)._0 }}</p>')
ok("sprig-splitn", '<p>{{ splitn "," 2 "a,b,c" }} {{ join "+" (list "a" "b" 3) }}</p>')
ok("sprig-sortalpha", '<p>{{ sortAlpha (list "b" "a" "C") }} {{ toStrings (list 1 2) }}</p>')
ok("sprig-default-empty", '<p>{{ default "anon" .Subscriber.Name }}</p>')
case("sprig-default-attrib", '<p>{{ default "n/a" .Subscriber.Attribs.city }}</p>')
case("sprig-empty", '<p>{{ empty .Subscriber.Attribs.city }} {{ empty .Subscriber.Attribs.tags }} {{ empty 0 }} {{ empty "" }}</p>')
case("sprig-coalesce", '<p>{{ coalesce .Subscriber.Attribs.nick .Subscriber.Attribs.city "stranger" }}</p>')
ok("sprig-ternary", '<p>{{ ternary "yes" "no" (eq .Subscriber.Status "enabled") }}</p>')
ok("sprig-all-any", "<p>{{ all 1 \"a\" true }} {{ any 0 \"\" false }}</p>")
ok("sprig-hello", "<p>{{ hello }}</p>")
ok("sprig-repeat-cat", '<p>{{ repeat 2 .Subscriber.FirstName }}</p>')
ok("sprig-abbrevboth", '<p>{{ abbrevboth 5 10 "1234 5678 9123" }}</p>')

# --- Sprig: lists and dicts --------------------------------------------------------------------------------
ok("sprig-list-ops", "<p>{{ $l := list 3 1 2 1 }}{{ first $l }} {{ last $l }} {{ rest $l }} {{ initial $l }} {{ reverse $l }} {{ uniq $l }}</p>")
ok("sprig-list-more", "<p>{{ $l := list 1 2 }}{{ append $l 3 }} {{ prepend $l 0 }} {{ concat $l (list 9) }} {{ without $l 1 }} {{ has 2 $l }} {{ compact (list 0 1 \"\" 2) }}</p>")
case("sprig-first-attrib", "<p>{{ first .Subscriber.Attribs.tags }}</p>")
ok("sprig-chunk", "<p>{{ chunk 2 (list 1 2 3 4 5) }}</p>")
ok("sprig-dict", '<p>{{ $d := dict "a" 1 "b" "two" }}{{ $d.a }} {{ get $d "b" }} {{ hasKey $d "c" }} {{ keys $d | sortAlpha }} {{ $d }}</p>')
ok("sprig-dict-set", '<p>{{ $d := dict }}{{ $_ := set $d "k" "v" }}{{ $d.k }} {{ $_ := unset $d "k" }}{{ len $d }}</p>')
case("sprig-set-attribs", '{{ $_ := set .Subscriber.Attribs "seen" true }}{{ .Subscriber.Attribs.seen }}')
ok("sprig-pick-omit", '<p>{{ $d := dict "a" 1 "b" 2 "c" 3 }}{{ pick $d "a" "c" }} {{ omit $d "a" }} {{ values (pick $d "b") }}</p>')
ok("sprig-merge", '<p>{{ $a := dict "x" 1 }}{{ $b := dict "x" 2 "y" 3 }}{{ merge $a $b }} {{ mergeOverwrite (dict "x" 1) $b }}</p>')
ok("sprig-dig-dict", '<p>{{ dig "a" "b" "none" (dict "a" (dict "b" "found")) }} {{ dig "a" "x" "none" (dict "a" (dict)) }}</p>')
case("sprig-dig", '<p>{{ dig "plan" "name" "none" .Subscriber.Attribs }}</p>')
ok("sprig-pluck", '<p>{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}</p>')
ok("sprig-tuple", "<p>{{ tuple 1 \"a\" }}</p>")

# --- Sprig: encoding, hashes, regex, json, semver, paths, urls --------------------------------------------------
ok("sprig-b64", '<p>{{ b64enc .Subscriber.Email }} {{ b64dec "aGVsbG8=" }} {{ b32enc "hi" }}</p>')
ok("sprig-hash", "<p>{{ sha1sum .Subscriber.Email }} {{ sha256sum \"x\" }} {{ adler32sum \"x\" }}</p>")
ok("sprig-regex", '<p>{{ regexMatch "^[a-z]+@" .Subscriber.Email }} {{ regexFind "[0-9]+" "abc123def" }} {{ regexFindAll "[aeiou]" "education" -1 }}</p>')
ok("sprig-regex-replace", '<p>{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }} {{ regexReplaceAllLiteral "a(x*)b" "-ab-" "${1}" }} {{ regexSplit "z+" "pizza" -1 }} {{ regexQuoteMeta "1.2" }}</p>')
err("sprig-regex-bad", '<p>{{ mustRegexMatch "[" "x" }}</p>')
case("sprig-tojson", "<p>{{ toJson .Subscriber.Attribs }}</p>")
ok("sprig-tojson-list", '<p>{{ toJson (list 1 "a" true) }} {{ toRawJson (dict "h" "<b>") }}</p>')
ok("sprig-toprettyjson", '<pre>{{ toPrettyJson (dict "a" (list 1 2)) }}</pre>')
ok("sprig-fromjson", '<p>{{ $j := fromJson "{\\"a\\": 1.5, \\"b\\": [1,2]}" }}{{ $j.a }} {{ $j.b }}</p>')
ok("sprig-semver", '<p>{{ semverCompare ">=1.2.0" "1.3.4" }} {{ (semver "1.2.3-beta").Major }}</p>')
ok("sprig-paths", '<p>{{ base "/a/b.txt" }} {{ dir "/a/b.txt" }} {{ ext "x.tar.gz" }} {{ clean "/a/../b" }}</p>')
ok("sprig-url", '<p>{{ (urlParse "https://u@example.com:8080/p?q=1#f").host }} {{ urlJoin (dict "scheme" "https" "host" "x.org" "path" "/a") }}</p>')
ok("sprig-typeof", '<p>{{ typeOf 1 }} {{ kindOf "s" }} {{ typeIs "int" 1 }} {{ kindIs "map" (dict) }} {{ deepEqual (list 1) (list 1) }}</p>')
case("sprig-typeof-attribs", "<p>{{ typeOf .Subscriber.Attribs.age }} {{ kindOf .Subscriber.Attribs.tags }}</p>")
err("sprig-fail", '{{ fail "boom" }}')
err("sprig-required-not-generic", '<p>{{ required "city is required" .Subscriber.Attribs.city }}</p>')
refused(
    "sprig-derive",
    '<p>{{ derivePassword 1 "long" "password" "user" "example.com" }}</p>',
    'function "derivePassword" is not available',
)

# --- Sprig: dates on the fixed clock ------------------------------------------------------------------------------
ok("date-now", '<p>{{ now | date "2006-01-02 15:04:05" }}</p>')
ok("date-now-formats", '<p>{{ now | date "Mon Jan 2 3:04PM MST" }} {{ now | htmlDate }} {{ now | unixEpoch }}</p>')
ok("date-modify", '<p>{{ now | dateModify "-24h" | date "Jan 2" }} {{ dateModify "90m" now | date "15:04" }}</p>')
ok("date-todate", '<p>{{ toDate "2006-01-02" "2024-12-25" | date "Monday, 2 January 2006" }}</p>')
ok("date-created", '<p>Member since {{ date "January 2006" .Subscriber.CreatedAt.Time }}</p>')
ok("date-ago", '<p>{{ ago (toDate "2006-01-02" "2024-03-01") }}</p>')
ok("date-in-zone", '<p>{{ dateInZone "2006-01-02 15:04 MST" now "UTC" }} {{ date_in_zone "15:04" now "Bogus/Zone" }}</p>')
ok("date-duration", '<p>{{ duration "3700" }} {{ duration 95 }} {{ durationRound "2h10m" }} {{ durationRound "-3s" }}</p>')
ok("date-methods", '<p>{{ now.Year }} {{ now.Month }} {{ now.Weekday }} {{ (now).Format "Jan 2, 2006" }}</p>')
ok("date-int-epoch", '<p>{{ date "2006-01-02" 86400 }} {{ date "2006" "not a date" }}</p>')
ok("listmonk-date", '<p>{{ Date "2006-01-02" }} | {{ Date "" }} | {{ Date "Monday, 02-Jan-06 15:04:05 MST" }}</p>')
ok("listmonk-date-year", "<footer>&copy; {{ Date \"2006\" }} ACME</footer>")
err("listmonk-date-bad-arg", "<p>{{ Date 2006 }}</p>")

# --- listmonk functions ---------------------------------------------------------------------------------------------
ok("tracklink-href", '<a href="{{ TrackLink "https://example.com/sale" }}">Sale</a>')
ok("tracklink-dot", '<a href="{{ TrackLink "https://example.com/sale" . }}">Sale</a>')
ok("tracklink-shorthand", '<a href="https://example.com/sale@TrackLink">Sale</a>')
ok("tracklink-shorthand-query", '<a href="https://example.com/shop?utm=mail&id=7@TrackLink">Shop</a>')
ok("tracklink-amp", '<a href="{{ TrackLink "https://example.com/shop?utm=mail&amp;id=7" }}">Shop</a>')
ok("tracklink-unregistered", '<a href="{{ TrackLink "https://example.com/not-registered" }}">x</a>')
ok("tracklink-individual", '<a href="{{ TrackLink "https://example.com/" }}">home</a>', individual_tracking=True)
ok("tracklink-disabled", '<a href="{{ TrackLink "https://example.com/" }}">home</a>{{ TrackView }}', tracking=False)
ok("tracklink-unicode", '<a href="{{ TrackLink "https://example.com/ünï" }}">ü</a>')
ok("tracklink-shorthand-unicode", '<a href="https://example.com/ünï@TrackLink">ü</a>')
case("tracklink-dynamic", '<a href="{{ TrackLink .Subscriber.Attribs.url . }}">me</a>')
ok("tracklink-text", "<p>Visit {{ TrackLink \"https://example.com/sale\" }}</p>")
ok("tracklink-spaces", '<a href="{{TrackLink "https://example.com/sale"}}">x</a> <a href="{{   TrackLink   "https://example.com/"   }}">y</a>')
err("tracklink-no-dot-in-pipe", '<a href="{{ "https://example.com/" | TrackLink }}">x</a>')
ok("trackview", "<p>Hi</p>{{ TrackView }}")
ok("trackview-dot", "<p>Hi</p>{{ TrackView . }}", individual_tracking=True)
ok("unsubscribe", '<a href="{{ UnsubscribeURL }}">Unsubscribe</a>')
ok("unsubscribe-text", "<p>{{ UnsubscribeURL }}</p>")
ok("unsubscribe-query", '<a href="{{ UnsubscribeURL }}?utm={{ .Campaign.Name }}">u</a>')
ok("manage-optin-message", '<a href="{{ ManageURL }}">m</a> <a href="{{ OptinURL }}">o</a> <a href="{{ MessageURL }}">v</a>')
ok("archive-root", '<a href="{{ ArchiveURL }}">archive</a> <a href="{{ RootURL }}/about">about</a>')
ok("listmonk-funcs-text", "<p>{{ ManageURL . }} {{ OptinURL . }} {{ MessageURL . }} {{ ArchiveURL }} {{ RootURL }}</p>")
err("unsubscribe-no-dot-in-pipe", "<p>{{ UnsubscribeURL | upper }}</p>")
ok("i18n-t", '<p>{{ L.T "hello" }} {{ L.T "missing.key" }} {{ L.T "items" }}</p>')
ok("i18n-tc", '<p>{{ L.Tc "items" 1 }} {{ L.Tc "items" 2 }} {{ L.Tc "three" 5 }} {{ L.Tc "hello" 2 }}</p>')
ok("i18n-ts", '<p>{{ L.Ts "greet" "name" .Subscriber.Name "list" "News" }}</p>')
ok("i18n-ts-odd", '<p>{{ L.Ts "greet" "name" }}</p>')
ok("i18n-ts-nested", '<p>{{ L.Ts "ref" "what" "{hello} & {email.unsub}" }}</p>')
ok("i18n-html", '<p>{{ L.T "html" }}</p>')
case("i18n-tc-float", '<p>{{ L.Tc "items" .Subscriber.Attribs.count }}</p>')
ok("i18n-code", "<p>{{ L.Code }} {{ L.Name }}</p>")
ok("safe", '<p>{{ Safe "<b>bold</b>" }}</p>')
case("safe-attrib", "<div>{{ Safe .Subscriber.Attribs.html }}</div>")
case("safe-pipe", "<div>{{ .Subscriber.Attribs.html | Safe }}</div>")
ok("safe-in-attr", '<a title="{{ Safe "a\\"b" }}">x</a>')

# --- values in attributes, URLs, CSS and JS -------------------------------------------------------------------------
ok("href-query", '<a href="https://example.com/?n={{ .Subscriber.Name }}">x</a>')
case("href-attrib-url", '<a href="{{ .Subscriber.Attribs.url }}">profile</a>')
case("src-path", '<img src="https://cdn.example.com/{{ .Subscriber.Attribs.city }}.png" alt="">')
ok("href-mailto", '<a href="mailto:{{ .Subscriber.Email }}">mail</a>')
ok("href-javascript", '<a href="{{ "javascript:alert(1)" }}">x</a>')
ok("attr-title", '<a title="{{ .Subscriber.Name }}">x</a>')
ok("attr-single-quoted", "<a href='https://example.com/u/{{ .Subscriber.Name }}'>x</a>")
ok("attr-unquoted", "<td width={{ 100 }} data-n={{ .Subscriber.Name }}>x</td>")
case("attr-style", '<div style="color: {{ .Subscriber.Attribs.color }}">x</div>')
ok("script-js", "<script>var n = {{ .Subscriber.Name }}; var id = {{ .Subscriber.ID }};</script>")
ok("onclick-js", '<a onclick="track({{ .Subscriber.Email }})">x</a>')
ok("style-css", '<style>p { color: {{ "red" }}; }</style>')
case("href-query-special", '<a href="https://example.com/?q={{ .Subscriber.Attribs.html }}&x=1">x</a>')
ok("href-fragment", '<a href="#{{ .Subscriber.Name }}">x</a>')
ok("href-whole-name", '<a href="{{ .Subscriber.Name }}">x</a>')
ok("textarea-rcdata", "<textarea>{{ .Subscriber.Name }}</textarea><title>{{ .Campaign.Name }}</title>")
ok("attr-value-campaign", '<meta name="description" content="{{ .Campaign.Name }}">')
ok("href-unsub-in-tag-text", '<a href="https://example.com/">{{ .Subscriber.Email }}</a>')
ok("srcset", '<img srcset="{{ "a.png" }} 1x, b.png 2x">')
ok("data-attr-json", "<div data-sub='{{ .Subscriber.ID }}'></div>")

# --- base templates -----------------------------------------------------------------------------------------------------
_BASE = (
    "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{{ .Campaign.Subject }}</title>\n"
    "<style>body{margin:0;padding:0;font-family:Arial,sans-serif}.wrap{max-width:600px;margin:0 auto}"
    ".btn{color:#fff;background:#e00;padding:8px 12px}@media (max-width:600px){.wrap{width:100%!important}}</style>\n"
    "</head>\n<body>\n<div class=\"wrap\">\n{{ template \"content\" . }}\n</div>\n"
    "<footer><a href=\"{{ UnsubscribeURL }}\">{{ L.T \"email.unsub\" }}</a> &middot; "
    "&copy; {{ Date \"2006\" }}</footer>\n{{ TrackView }}\n</body>\n</html>\n"
)
ok("base-full", "<h1>Hi {{ .Subscriber.FirstName }}</h1>\n<p>News.</p>", template=_BASE)
ok("base-full-individual", "<p>{{ .Subscriber.Email }}</p>", template=_BASE, individual_tracking=True)
ok("base-minimal", "<p>body</p>", template='{{ template "content" . }}')
ok("base-trim", "<p>body</p>", template='<div>\n  {{- template "content" . -}}\n</div>')
ok("base-with-if", "<p>body</p>", template='{{ if .Subscriber.Name }}<h2>{{ .Subscriber.Name }}</h2>{{ end }}{{ template "content" . }}')
ok("base-visual-ignored", "<p>visual body {{ .Subscriber.ID }}</p>", template="<p>never</p>", content_type="visual")
ok("base-richtext", "<p>rich {{ .Subscriber.Name }}</p>", template=_BASE, content_type="richtext")
err("base-bad-syntax", "<p>body</p>", template='{{ template "content" . }}{{ if }}')
err("base-unknown-func", "<p>body</p>", template='{{ template "content" . }}{{ nosuch }}')
ok("base-css-braces", "<p>x</p>", template='<style>a{color:red}b{}</style>{{ template "content" . }}<style>@media print{.x{display:none}}</style>')

# In the shape of listmonk's bundled templates (written for this corpus): a default-style base
# with a head, styles, a table layout, MSO conditional comments, unsubscribe and view-in-browser
# links and the tracking pixel; an archive-style base; a visual-style document; and a sample
# campaign with first/last names, an attribute and the @TrackLink shorthand.
_DEFAULT_STYLE = (
    "<!doctype html>\n<html>\n<head>\n<meta charset=\"UTF-8\" />\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
    "<title>{{ .Campaign.Subject }}</title>\n<style>\n body { background: #f0f0f0; }\n"
    " .wrap { max-width: 640px; margin: 0 auto; }\n @media screen and (max-width: 600px) {"
    " .wrap { width: 100% !important; } }\n</style>\n<!--[if mso]><style>table {border-collapse:collapse;}"
    "</style><![endif]-->\n</head>\n<body>\n<div class=\"gutter\">&nbsp;</div>\n"
    "<table class=\"wrap\" role=\"presentation\"><tr><td>\n{{ template \"content\" . }}\n</td></tr></table>\n"
    "<div class=\"footer\" style=\"text-align: center; font-size: 12px;\">\n"
    "  <a href=\"{{ UnsubscribeURL }}\" style=\"color: #888;\">{{ L.T \"email.unsub\" }}</a>\n"
    "  &nbsp;&nbsp;\n  <a href=\"{{ MessageURL }}\" style=\"color: #888;\">{{ L.T \"email.viewInBrowser\" }}</a>\n"
    "</div>\n<div class=\"gutter\">&nbsp;{{ TrackView }}</div>\n</body>\n</html>\n"
)
_ARCHIVE_STYLE = (
    "<!doctype html>\n<html><head><title>{{ .Campaign.Subject }}</title></head>\n<body>\n"
    "<div class=\"wrap\">{{ template \"content\" . }}</div>\n"
    "<p class=\"small\">{{ L.T \"public.poweredBy\" }}</p>\n</body></html>\n"
)
_SAMPLE_CAMPAIGN = (
    "<h3>Hi {{ .Subscriber.FirstName }}!</h3>\n"
    "<p>This is a test e-mail campaign. Your last name is {{ .Subscriber.LastName }} and you "
    "live in {{ .Subscriber.Attribs.city }}.</p>\n"
    "<p>Here is a <a href=\"https://example.com/sale@TrackLink\">tracked link</a>.</p>\n"
    "<p>Use the link icon in the editor toolbar, or write {{ TrackLink \"https://example.com/\" }}.</p>\n"
)
ok("listmonk-style-default", _SAMPLE_CAMPAIGN, template=_DEFAULT_STYLE, content_type="richtext")
ok("listmonk-style-default-individual", _SAMPLE_CAMPAIGN, template=_DEFAULT_STYLE, individual_tracking=True)
ok("listmonk-style-default-untracked", _SAMPLE_CAMPAIGN, template=_DEFAULT_STYLE, tracking=False)
ok("listmonk-style-archive", _SAMPLE_CAMPAIGN, template=_ARCHIVE_STYLE)
ok(
    "listmonk-style-visual",
    "<!doctype html><html><body><table><tr><td><p>Dear {{ .Subscriber.Name }} ({{ .Subscriber.LastName }}),</p>"
    "<p><a href=\"{{ MessageURL }}\">{{ L.T \"email.viewInBrowser\" }}</a> | "
    "<a href=\"{{ UnsubscribeURL }}\">{{ L.T \"email.unsub\" }}</a></p>{{ TrackView }}</td></tr></table></body></html>",
    template=_DEFAULT_STYLE,
    content_type="visual",
)
case("listmonk-style-markdown", "### Hi {{ .Subscriber.FirstName }}!\n\nYou live in **{{ .Subscriber.Attribs.city }}** -- or don't...\n\n"
     "- [x] joined\n- [ ] confirmed\n\n| plan | seats |\n|:--|--:|\n| {{ .Subscriber.Attribs.plan.name }} | 3 |\n\n"
     "~~old~~ [sale](https://example.com/sale@TrackLink) \"quoted\" it's\n", template=_DEFAULT_STYLE, content_type="markdown")
case("markdown-tags-with-quotes", '[Go]({{ TrackLink "https://example.com/" . }}) and {{ printf "%q" .Subscriber.Name }}\n', content_type="markdown")
case("markdown-underscores", "{{ .Subscriber.Attribs.first_name }} and _em_ and snake_case_word\n", content_type="markdown")
case("markdown-headings", "# Title\n## Title\n### Ünïcode & more\n#\n", content_type="markdown")

# --- literal jinja-looking text, CSS, comments -----------------------------------------------------------------------------
ok("literal-jinja", "<p>{% raw %} 50% off {# not a comment #} %} #} {%- x -%}</p><p>{{ .Subscriber.Name }}</p>")
ok("literal-jinja-string", '<p>{{ "{%" }} {{ "%}" }} {{ "{#" }} {{ "{{" }} {{ "}}" }}</p>')
ok("literal-braces", "<p>}} {x} { {y} }</p><p>{{ .Subscriber.ID }}</p>")
ok("literal-jinja-plain", "Save 50%! {% if x %}{# y #}\n{{ .Subscriber.Name }}", content_type="plain")
ok("css-minified", "<style>.a{color:#333}.b:hover{color:red}td{padding:0}</style><p class=\"a\">{{ .Subscriber.Name }}</p>")
ok("html-comment", "<!-- hello {{ .Subscriber.Name }} --><p>x</p><!-- bye -->")
ok("mso-conditional", "<!--[if mso]><table><tr><td width=\"600\"><![endif]--><div>{{ .Subscriber.Name }}</div><!--[if mso]></td></tr></table><![endif]-->")
ok("mso-base", "<p>x</p>", template='<html><head><!--[if mso]><style>td{font-family:Arial}</style><![endif]--></head><body>{{ template "content" . }}</body></html>')
ok("entities", "<p>&amp; &lt; &nbsp; &copy; &#8212; {{ \"&amp;\" }}</p>")
ok("doctype-text", "<!DOCTYPE html><p>{{ .Subscriber.Name }}</p>")

# --- subject and header text templates --------------------------------------------------------------------------------------
ok("subject-plain", "<p>x</p>", subject="Our spring sale")
ok("subject-missing-key", "<p>x</p>", subject="Hi {{ .Subscriber.Attribs.nothere }}!")
case("subject-attrib", "<p>x</p>", subject="{{ .Subscriber.Attribs.city }} news & <stuff>")
ok("subject-special", "<p>x</p>", subject="{{ .Subscriber.Name }} & {{ .Campaign.Name }}", subscribers=(5,))
ok("subject-no-expr", "<p>x</p>", subject="50% off {{ not a template")
ok("subject-tracklink", "<p>x</p>", subject='Go: {{ TrackLink "https://example.com/sale" }}')
ok("subject-unsub", "<p>x</p>", subject="{{ UnsubscribeURL }}")
ok("subject-sprig", "<p>x</p>", subject='{{ .Subscriber.FirstName | upper }} - {{ now | date "Jan 2" }} - {{ L.T "hello" }}')
ok("subject-rendered-in-body", "<p>{{ .Subject }}</p>", subject="Hi {{ .Subscriber.Name }}")
err("subject-bad", "<p>x</p>", subject="Hi {{ .Subscriber.Name }} {{ if }}")
ok("subject-unclosed-literal", "<p>x</p>", subject="Hi {{ .Subscriber.Name ")
err("subject-unknown-func", "<p>x</p>", subject="Hi {{ nosuch }}")
case("subject-missing-nested", "<p>x</p>", subject="{{ .Subscriber.Attribs.plan.name }}")
ok("header-templated", "<p>x</p>", headers=(("X-Subscriber", "{{ .Subscriber.UUID }}"), ("X-Static", "fixed")))
ok("header-list-unsub", "<p>x</p>", headers=(("List-Unsubscribe", "<{{ UnsubscribeURL . }}>"),))
err("header-unsub-no-dot", "<p>x</p>", headers=(("List-Unsubscribe", "<{{ UnsubscribeURL }}>"),))
ok("header-missing-key", "<p>x</p>", headers=(("X-City", "{{ .Subscriber.Attribs.nothere }}"),))
ok("header-not-template", "<p>x</p>", headers=(("X-Odd", "a {{ b"), ("X-Pct", "{% x %}")))
ok("header-special", "<p>x</p>", headers=(("X-Name", "{{ .Subscriber.Name }}"),), subscribers=(5,))
err("header-bad", "<p>x</p>", headers=(("X-Bad", "{{ if }}"),))
case("header-attrib", "<p>x</p>", headers=(("X-Plan", "{{ .Subscriber.Attribs.plan.name }}"),))
ok("header-sprig", "<p>x</p>", headers=(("X-Hash", "{{ sha1sum .Subscriber.Email | trunc 8 }}"),))

# --- alternative text ------------------------------------------------------------------------------------------------------------
ok("altbody-template", "<p>{{ .Subscriber.Name }}</p>", altbody="Hi {{ .Subscriber.Name }}, see {{ UnsubscribeURL }}")
ok("altbody-static", "<p>x</p>", altbody="Plain & simple <text>")
ok("altbody-escaped", "<p>x</p>", altbody="{{ .Subscriber.Name }} & {{ \"<x>\" }}", subscribers=(0, 5))
ok("altbody-empty", "<p>x</p>", altbody="")
err("altbody-bad", "<p>x</p>", altbody="{{ range }}")
case("altbody-missing", "<p>x</p>", altbody="[{{ .Subscriber.Attribs.city }}]")
ok("altbody-plain-ignored", "text {{ .Subscriber.Name }}", altbody="ALT {{ .Subscriber.ID }}", content_type="plain")

# --- content types ---------------------------------------------------------------------------------------------------------------
ok("plain-basic", "Hello {{ .Subscriber.Name }},\n\nSee {{ UnsubscribeURL }}\n", content_type="plain")
ok("plain-escaping", "{{ .Subscriber.Name }} & <{{ .Subscriber.Email }}>\n", content_type="plain", subscribers=(0, 5))
ok("plain-with-base", "Hi {{ .Subscriber.ID }}", content_type="plain", template="<html>{{ template \"content\" . }}</html>")
ok("plain-tracklink", "Link: {{ TrackLink \"https://example.com/sale\" }}\n", content_type="plain")
ok("richtext-basic", "<p>Hello <strong>{{ .Subscriber.FirstName }}</strong></p>", content_type="richtext")
ok("visual-basic", "<table><tr><td>{{ .Subscriber.Name }}</td></tr></table>", content_type="visual")
case("markdown-basic", "# Hello {{ .Subscriber.Name }}\n\n*News*", content_type="markdown")

# --- deliberate errors -------------------------------------------------------------------------------------------------------------
err("err-unknown-func", "<p>{{ nosuch .Subscriber.Name }}</p>")
err("err-unknown-func-pipe", "<p>{{ .Subscriber.Name | nosuch }}</p>")
err("err-if-empty", "<p>{{ if }}x{{ end }}</p>")
err("err-stray-end", "<p>x{{ end }}</p>")
err("err-unclosed-if", "<p>{{ if .Subscriber.Name }}x</p>")
err("err-unclosed-action", "<p>{{ .Subscriber.Name </p>")
err("err-unterminated-string", '<p>{{ "abc }}</p>')
err("err-break-outside", "<p>{{ break }}</p>")
err("err-non-function-arg", "<p>{{ 1 2 }}</p>")
err("err-env-removed", '<p>{{ env "HOME" }}</p>')
err("err-expandenv-removed", '<p>{{ expandenv "$HOME" }}</p>')
err("err-gethostbyname-removed", '<p>{{ getHostByName "example.com" }}</p>')
err("err-else-twice", "{{ if true }}a{{ else }}b{{ else }}c{{ end }}")
err("err-bad-number", "{{ 1.2.3 }}")
err("err-wrong-arg-count", '{{ upper "a" "b" }}')
err("err-wrong-arg-type", "{{ upper 5 }}")
err("err-method-args", '{{ .Subscriber.FirstName "x" }}')
err("err-call-nil", "{{ nil }}")
err("err-index-bad", '{{ index .Subscriber.Name "x" }}')
err("err-range-no-end", "{{ range .Campaign.Tags }}x")
err("err-define-no-end", '{{ define "x" }}y')
err("err-jinja-syntax", "{% if x %}{{ x }}{% endif %}")
err("err-jinja-filter", "<p>{{ name|upper }}</p>")
err("err-mustfirst-string", '<p>{{ mustFirst "x" }}</p>')
ok("mustfirst-empty", "<p>[{{ mustFirst list }}]</p>")
case("err-some-subscribers", "<p>{{ index .Subscriber.Attribs.tags 1 }}</p>")
case("err-missing-nested-some", "<p>{{ .Subscriber.Attribs.plan.name | upper }}</p>")
err("err-unclosed-attr-action", '<a href="{{ .Subscriber.Email }}>x</a>')
