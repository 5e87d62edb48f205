"""Generated Go templates render in blaster exactly as in Go (or fail on both sides).

Templates are drawn from a bounded grammar of listmonk campaign bodies (text and HTML
fragments, actions on fields, constants, variables and functions, pipelines, parenthesised
commands, if/else if/else, range with ``$i, $v`` and ``else``, with/else, variable
declarations and assignments, trim markers and comments), with random subscriber attribs
(nested JSON with numbers, booleans, nulls, lists, maps and HTML-special strings). Each
example is rendered by one long-lived Go oracle process (``tests/gotpl_oracle``, a request
per line) and by blaster; the outputs must be identical for every subscriber, or both sides
must fail for that subscriber. Hypothesis shrinks a failing template to a small one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import gotpl_corpus as corpus
from tests.gotpl_harness import (
    OracleProcess,
    blaster_outcomes,
    build_oracle,
    case_source,
    compare,
    go_outcomes,
)

MAX_EXAMPLES = 250  #: about 6 s on an idle machine
MAX_DEPTH = 3

# --- values ---------------------------------------------------------------------------------------

_KEYS = ["city", "n", "tags", "vip", "plan", "x", "first-name"]
_STRINGS = st.text(alphabet="ab <>&'\"+é日%{}/\n", max_size=8)
_NUMBERS = st.one_of(
    st.integers(-1000, 1000),
    st.sampled_from([0, 1000000, 12345678, -1, 2**53 + 1, 10**21]),
    st.floats(allow_nan=False, allow_infinity=False, width=64, min_value=-1e22, max_value=1e22),
    st.sampled_from([0.5, -0.125, 1e6, 1e21, 1e-7, 99.99, 12345678.25, 3.0]),
)
_SCALARS = st.one_of(_STRINGS, _NUMBERS, st.booleans(), st.none())
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(_KEYS), inner, max_size=4),
    ),
    max_leaves=8,
)
_ATTRIBS = st.dictionaries(st.sampled_from(_KEYS), _JSON, max_size=5)
_NAMES = st.one_of(
    st.sampled_from(
        ["Al Pacino", "Jo", "Anna Maria de la Cruz", "", "Zoë Ångström", "Bob <b>&'\"+"]
    ),
    st.text(alphabet="ab Zé<&'", max_size=12),
)


@st.composite
def subscribers(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 3))
    return [
        {
            "id": i + 1,
            "uuid": f"22222222-aaaa-4bbb-8ccc-{i + 1:012d}",
            "email": f"user{i + 1}@example.com",
            "name": draw(_NAMES),
            "status": draw(st.sampled_from(["enabled", "blocklisted"])),
            "created_at": "2023-01-15T10:30:00Z",
            "attribs": draw(_ATTRIBS),
        }
        for i in range(count)
    ]


# --- templates ------------------------------------------------------------------------------------

_TEXT = [
    "Hi ", " ", "x", "\n", "<p>", "</p>", "<b>", "</b>", "&amp;", "é", "50% ", "}",
    "<br>", "<li>", "</li>", " - ", ":", "#", "%}", "{#",
]
_STRING_FIELDS = [
    ".Subscriber.Name", ".Subscriber.Email", ".Subscriber.FirstName", ".Subscriber.LastName",
    ".Subscriber.UUID", ".Subscriber.Status", ".Campaign.Name", ".Campaign.Attribs.promo",
    ".Subscriber.Attribs.city",
]
_FIELDS = [
    *_STRING_FIELDS, ".Subscriber.ID", ".Subscriber.Attribs", ".Campaign.Tags", ".Campaign.ID",
    ".Campaign.Attribs.discount", ".Subscriber.CreatedAt.Time.Month",
    ".Subscriber.CreatedAt.Time.Weekday",
    *(f".Subscriber.Attribs.{k}" for k in _KEYS if "-" not in k),
    *(f".Subscriber.Attribs.{a}.{b}" for a in ("plan", "x") for b in ("n", "city", "x")),
]
#: functions whose last argument may be anything: (name, the fixed arguments before it)
_ANY_FUNCS: list[tuple[str, list[str]]] = [
    ("print", []), ("toString", []), ("toJson", []), ("not", []), ("empty", []),
    ("quote", []), ("squote", []), ("printf", ["fmt"]), ("typeOf", []), ("kindOf", []),
    ("default", ["str"]), ("eq", ["any"]), ("ne", ["any"]), ("and", ["any"]), ("or", ["any"]),
    ("cat", ["str"]), ("len", []), ("lt", ["num"]), ("gt", ["num"]), ("add", ["int"]),
    ("add1", []), ("int", []), ("float64", []), ("first", []), ("join", ["str"]),
    ("index", ["key"]),
]
#: functions that want a string last
_STRING_FUNCS: list[tuple[str, list[str]]] = [
    ("upper", []), ("lower", []), ("title", []), ("trim", []), ("b64enc", []),
    ("contains", ["str"]), ("replace", ["str", "str"]), ("trunc", ["int"]),
    ("repeat", ["small"]), ("hasPrefix", ["str"]), ("Safe", []), ("L.T", []), ("js", []),
    ("html", []), ("urlquery", []),
]
#: functions a pipeline stage may be: they take anything
_STAGE_FUNCS: list[tuple[str, list[str]]] = [
    (n, a) for n, a in _ANY_FUNCS if n not in ("first", "index", "lt", "gt", "add", "add1",
                                               "int", "float64", "join", "len")
]
_FORMATS = ['"%v"', '"%s"', '"%d"', '"%q"', '"%.2f"', '"%5v|"', '"%x"', '"%T"']


def _go_string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


_CONSTS = st.one_of(
    st.integers(-5, 1000000).map(str),
    st.sampled_from(["0.5", "-1.25", "1e6", "1.0", "0", "-3", "12345678", "true", "false"]),
    _STRINGS.map(_go_string),
)


def _arg(draw: st.DrawFn, kind: str, scope: tuple[str, ...]) -> str:
    if kind == "fmt":
        return draw(st.sampled_from(_FORMATS))
    if kind == "str":
        return _go_string(draw(st.sampled_from(["a", "", "x y", "<b>", "é", ","])))
    if kind == "int":
        return str(draw(st.integers(-3, 12)))
    if kind == "small":
        return str(draw(st.integers(0, 3)))
    if kind == "num":
        return draw(st.sampled_from(["1", "2.5", "0", "-1", "100.0"]))
    if kind == "key":
        return _go_string(draw(st.sampled_from([*_KEYS, "nothere"])))
    return _operand(draw, scope, 2, strings=False)


def _operand(draw: st.DrawFn, scope: tuple[str, ...], depth: int, strings: bool) -> str:
    choices = ["field", "field", "field", "const"]
    if scope:
        choices.append("var")
    if depth < 2:
        choices.append("paren")
    kind = draw(st.sampled_from(choices))
    if kind == "field":
        field = draw(st.sampled_from(_STRING_FIELDS if strings else _FIELDS))
        return draw(st.sampled_from(["", "$"])) + field
    if kind == "const":
        return _go_string(draw(_STRINGS)) if strings else draw(_CONSTS)
    if kind == "var":
        return draw(st.sampled_from(scope))
    return "(" + _pipeline(draw, scope, depth + 1) + ")"


def _command(draw: st.DrawFn, scope: tuple[str, ...], depth: int, piped: bool) -> str:
    if not piped and draw(st.integers(0, 9)) == 0:
        url = _go_string(draw(st.sampled_from([*corpus.LINKS, "https://example.com/other"])))
        return f"TrackLink {url} " + draw(st.sampled_from(["$", "$", "."]))
    strings = not piped and draw(st.integers(0, 2)) == 0
    funcs = _STRING_FUNCS if strings else _STAGE_FUNCS if piped else _ANY_FUNCS
    name, args = draw(st.sampled_from(funcs))
    words = [name, *(_arg(draw, a, scope) for a in args)]
    if not piped:
        words.append(_operand(draw, scope, depth, strings=strings))
    return " ".join(words)


def _pipeline(draw: st.DrawFn, scope: tuple[str, ...], depth: int = 0) -> str:
    if draw(st.booleans()):
        head = _operand(draw, scope, depth, strings=False)
    else:
        head = _command(draw, scope, depth, piped=False)
    stages = [
        _command(draw, scope, depth, piped=True) for _ in range(draw(st.integers(0, 2)))
    ]
    return " | ".join([head, *stages])


def _action(draw: st.DrawFn, body: str) -> str:
    left = draw(st.sampled_from(["{{ ", "{{- ", "{{"]))
    right = draw(st.sampled_from([" }}", " -}}", "}}"]))
    return f"{left}{body}{right}"


_RANGE_TARGETS = [
    ".Subscriber.Attribs.tags", ".Subscriber.Attribs.plan", "$.Campaign.Tags",
    ".Subscriber.Attribs", "$.Subscriber.Attribs.x", "(list 1 2 3)", '(dict "b" 1 "a" 2)',
]
_ATTR_SHAPES = ['<a href="{}">l</a>', '<a href="https://e.com/?q={}">l</a>', '<td title="{}">']


def _else(draw: st.DrawFn, scope: tuple[str, ...], depth: int) -> str:
    if draw(st.booleans()):
        return _action(draw, "else") + _block(draw, scope, depth + 1)
    return ""


def _if(draw: st.DrawFn, scope: tuple[str, ...], depth: int) -> str:
    out = _action(draw, "if " + _pipeline(draw, scope)) + _block(draw, scope, depth + 1)
    if draw(st.booleans()):
        out += _action(draw, "else if " + _pipeline(draw, scope))
        out += _block(draw, scope, depth + 1)
    return out + _else(draw, scope, depth) + _action(draw, "end")


def _range(draw: st.DrawFn, scope: tuple[str, ...], depth: int) -> str:
    i, v = f"$i{depth}", f"$e{depth}"
    decl = draw(st.sampled_from(["", f"{v} := ", f"{i}, {v} := "]))
    inner = (*scope, *([i] if i in decl else []), *([v] if v in decl else []))
    target = draw(st.sampled_from(_RANGE_TARGETS))
    out = _action(draw, f"range {decl}{target}") + _block(draw, inner, depth + 1)
    return out + _else(draw, scope, depth) + _action(draw, "end")


def _with(draw: st.DrawFn, scope: tuple[str, ...], depth: int) -> str:
    out = _action(draw, "with " + _pipeline(draw, scope)) + _block(draw, scope, depth + 1)
    return out + _else(draw, scope, depth) + _action(draw, "end")


def _block(draw: st.DrawFn, scope: tuple[str, ...], depth: int) -> str:
    """A sequence of text, actions and (below MAX_DEPTH) nested control structures; a
    variable declared here is in scope for what follows it in the sequence."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 3 if depth == 0 else 2))):
        kinds = ["text", "text", "action", "action", "attr"]
        if depth < MAX_DEPTH:
            kinds += ["if", "range", "with", "var"]
        kind = draw(st.sampled_from(kinds))
        if kind == "text":
            parts.append("".join(draw(st.lists(st.sampled_from(_TEXT), min_size=1, max_size=3))))
        elif kind == "action":
            parts.append(_action(draw, _pipeline(draw, scope)))
        elif kind == "attr":
            shape = draw(st.sampled_from(_ATTR_SHAPES))
            parts.append(shape.format(_action(draw, _pipeline(draw, scope))))
        elif kind == "var" and scope and draw(st.booleans()):  # assign to a declared one
            name = draw(st.sampled_from(scope))
            parts.append(_action(draw, f"{name} = {_pipeline(draw, scope)}"))
        elif kind == "var":
            name = f"$v{depth}{len(parts)}"
            parts.append(_action(draw, f"{name} := {_pipeline(draw, scope)}"))
            scope = (*scope, name)
        else:
            parts.append({"if": _if, "range": _range, "with": _with}[kind](draw, scope, depth))
        if draw(st.integers(0, 9)) == 0:
            parts.append("{{/* c */}}")
    return "".join(parts)


@st.composite
def templates(draw: st.DrawFn) -> str:
    return _block(draw, (), 0)


_BASE = '<div>{{ template "content" . }}</div>'


@st.composite
def subject_templates(draw: st.DrawFn) -> str:
    return _block(draw, (), MAX_DEPTH)


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    body = draw(templates())
    plain = draw(st.integers(0, 3)) == 0
    subject = draw(
        st.one_of(st.just("Hello {{ .Subscriber.FirstName }}"), subject_templates())
    )
    return {
        "id": "generated",
        "subject": subject,
        "body": body,
        # a base template only where listmonk's UI offers one (plain + base: see the corpus)
        "template": None if plain else draw(st.sampled_from([None, _BASE])),
        "altbody": draw(st.sampled_from([None, "{{ .Subscriber.Name }} & <x>"])),
        "headers": [],
        "content_type": "plain" if plain else draw(st.sampled_from(["html", "richtext"])),
        "campaign": corpus.CAMPAIGN,
        "subscribers": draw(subscribers()),
        "root_url": corpus.ROOT_URL,
        "individual_tracking": draw(st.booleans()),
        "tracking": True,
        "links": corpus.LINKS,
        "now": corpus.NOW,
        "lang": corpus.LANG,
    }


@pytest.fixture(scope="module")
def oracle_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OracleProcess]:
    binary: Path = build_oracle(tmp_path_factory)
    proc = OracleProcess(binary)
    yield proc
    proc.close()


@pytest.mark.timeout(600)  # a loaded machine is slow; a hang is still caught
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(req=requests())
def test_generated_templates_match_go(oracle_process: OracleProcess, req: dict[str, Any]) -> None:
    reply = oracle_process.render(req)
    go = go_outcomes(req, reply)
    bl = blaster_outcomes(req)
    _, mismatches = compare(req, go, bl)
    assert not mismatches, (
        "generated template: blaster differs from Go\n"
        + case_source(req)
        + "\n"
        + "\n".join(mismatches)
    )
