"""A page's attribs decode to exactly what the standard library's ``json`` gives.

:func:`blaster.store.subscribers.load_attribs` decodes with orjson and hands what orjson
refuses or would change (integers past 64 bits, numbers out of a double's range, lone
surrogates, nesting past 1,024) to ``json``. Every value here must come back with the same types,
the same float bits and the same text as ``json.loads`` gives, from generated JSON and from
what PostgreSQL's ``jsonb`` itself prints.
"""

from __future__ import annotations

import json
import math
from typing import Any

import psycopg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg.types.json import set_json_loads

from blaster.models import UnreadableAttribs
from blaster.store.subscribers import load_attribs

EDGES = [
    b'{"id": 18446744073709551616}',
    b'{"id": -9223372036854775809, "n": 9223372036854775807}',
    b'{"phone": "+4915123456789012345678"}',
    b'{"big": 1e400, "small": -1e400, "tiny": 5e-324, "sub": 2.2250738585072011e-308}',
    b'{"s": "\\ud800 lone", "t": "\\u0000", "u": "K\\u00f6ln \\ud83d\\ude00"}',
    b'{"a": 1, "a": 2}',
    b'{"z": -0, "w": -0.0, "e": 1E2, "f": 0.1}',
    b"[" * 300 + b"]" * 300,
]


def same(a: Any, b: Any) -> bool:
    """Equal with the same types all the way down, floats bit for bit."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return math.copysign(1, a) == math.copysign(1, b) and (a == b or (a != a and b != b))
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


def test_the_edges_decode_as_json_does() -> None:
    for text in EDGES:
        assert same(load_attribs(text), json.loads(text)), text[:60]


def test_nesting_past_pythons_decoder_is_still_unreadable() -> None:
    loaded = load_attribs(b"[" * 5000 + b"]" * 5000)
    assert isinstance(loaded, UnreadableAttribs)


numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=-(10**19), max_value=10**19),
    st.floats(allow_nan=False, allow_infinity=False),
)
strings = st.one_of(st.text(), st.sampled_from(["\ud800", "a\udfff", "\x00", "é", "😀"]))
values = st.recursive(
    st.none() | st.booleans() | numbers | strings,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(strings, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=1500, deadline=None)
@given(values, st.booleans(), st.sampled_from([(", ", ": "), (",", ":")]))
def test_generated_json_decodes_as_json_does(
    value: Any, ascii_only: bool, separators: tuple[str, str]
) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, separators=separators)
    data = text.encode("utf-8", "surrogatepass")
    if not ascii_only and any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return  # not UTF-8: PostgreSQL never sends it
    assert same(load_attribs(data), json.loads(data))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(st.text(max_size=5), values, max_size=4))
def test_what_jsonb_prints_decodes_as_json_does(conn: Any, value: dict[str, Any]) -> None:
    text = json.dumps(value)
    try:
        cur = conn.execute("SELECT %s::jsonb::text", (text,))
    except psycopg.errors.DataError:  # jsonb refuses lone surrogates and \u0000
        return
    row = cur.fetchone()
    assert row is not None
    printed = row[0].encode()
    with conn.cursor() as cur:
        set_json_loads(load_attribs, cur)
        loaded = cur.execute("SELECT %s::jsonb", (text,)).fetchone()
    assert loaded is not None
    assert same(loaded[0], json.loads(printed))
