"""A body assembled from its pieces is byte for byte what the whole-text path makes of it.

:func:`blaster.wiretext.assemble` must give exactly ``encode_body("".join(pieces))`` whenever
it gives anything, say truly whether a line starts with ".", and give something in the
common case; the builder's and the send path's output must not change with it.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from blaster import wiretext
from blaster.messengers.replies import data_payload
from blaster.mime import Canonical, DotFree, EightBit, MessageBuilder, encode_body
from blaster.wiretext import assemble, literal_table

TOKEN = b"0123456789abcdef01234567"

#: fragments that meet every rule: line ends of three kinds, dots, NUL, non-ASCII, lines
#: near 998 octets (ASCII and not), the boundary token, and split halves of each
FRAGMENTS = [
    "a",
    "Hello ",
    ".",
    "..x",
    "\n",
    "\r",
    "\r\n",
    "\n.",
    "\r.",
    "\x00",
    "\t",
    "é",
    "日本",
    "\u2028",
    "x" * 490,
    "é" * 249,
    "y" * 997,
    "z" * 999,
    TOKEN.decode(),
    TOKEN.decode()[:10],
    TOKEN.decode()[10:],
]
piece = st.lists(st.sampled_from(FRAGMENTS), max_size=4).map("".join)


def dot_free(data: bytes) -> bool:
    return not data.startswith(b".") and b"\n." not in data


def copies(pieces: list[str]) -> list[str]:
    """New string objects of the same text (as values rendered per message are)."""
    return [("#" + p)[1:] for p in pieces]


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(piece, max_size=8),
    st.lists(st.booleans(), min_size=8, max_size=8),
    st.booleans(),
)
def test_assembled_bytes_equal_the_whole_text_path(
    pieces: list[str], literal: list[bool], eightbit: bool
) -> None:
    values = copies(pieces)
    mixed = [p if lit else v for p, v, lit in zip(pieces, values, literal, strict=False)]
    table = literal_table([], [p for p, lit in zip(pieces, literal, strict=False) if lit])
    done = assemble(mixed, table, eightbit=eightbit, forbidden=TOKEN)
    data, cte = encode_body("".join(pieces), eightbit, TOKEN)
    if done is None:
        return
    assert done.data == data
    assert cte == ("7bit" if done.ascii else "8bit")
    assert done.dot_free == dot_free(data)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Hi ", "Zoë", ".x", "\n", "\n.", "a.b", "\r\n"]), max_size=8))
def test_plain_text_is_assembled(pieces: list[str]) -> None:
    """Without NUL, bare CR at a piece's end, long lines or the token, nothing falls back."""
    done = assemble(copies(pieces), {}, eightbit=True, forbidden=TOKEN)
    assert done is not None
    assert done.data == encode_body("".join(pieces), True, TOKEN)[0]


def test_literal_pieces_are_analysed_once() -> None:
    literal = "<p>\r\nHello\n.</p>"
    table = literal_table([], [literal])
    assert table[id(literal)] == (literal, wiretext.analyse(literal))
    # the same text in another object is analysed again, never taken from the table by id
    other = copies([literal])[0]
    assert other is not literal and id(other) not in table
    done = assemble([literal, other], table, eightbit=False)
    assert done is not None and done.data == b"<p>\r\nHello\r\n.</p><p>\r\nHello\r\n.</p>\r\n"
    assert not done.dot_free


def test_a_template_functions_constants_are_its_literals() -> None:
    import jinja2

    template = jinja2.Environment().from_string(
        "Hi {{ name }}.\n{% macro m() %}in a macro\n{% endmacro %}{% block b %}block{% endblock %}"
    )
    table = literal_table([template.root_render_func, *template.blocks.values()])
    texts = {text for text, _ in table.values()}
    assert {"Hi ", ".\n", "in a macro\n", "block"} <= texts
    pieces = list(template.root_render_func(template.new_context({"name": "Zoë"})))
    assert sum(id(p) in table for p in pieces) >= 2  # the literal text, as yielded


def strip_date(data: bytes) -> bytes:
    return re.sub(rb"\r\nDate: [^\r]*", b"", data)


@settings(max_examples=400, deadline=None)
@given(st.lists(piece, max_size=5), st.lists(piece, max_size=5), st.booleans())
def test_builder_output_is_the_same_with_pieces(
    html: list[str], text: list[str], eightbit: bool
) -> None:
    b = MessageBuilder(
        from_addr="news@example.com",
        campaign_uuid="c",
        eightbit=eightbit,
        literals=literal_table([], html[:2] + text[:2]),
    )
    common = {"to_addr": "a@example.com", "subject": "S", "subscriber_uuid": "u"}
    common |= {"unsubscribe_url": "https://x/u", "message_id": "<m@x>"}
    whole = b.build(html="".join(html), text="".join(text), **common)
    pieced = b.build(
        html="".join(html), text="".join(text), html_pieces=html, text_pieces=text, **common
    )
    assert strip_date(pieced) == strip_date(whole)
    assert type(pieced) in (Canonical, DotFree, EightBit) and isinstance(whole, Canonical)
    assert pieced.dot_free <= dot_free(pieced)  # dot_free is never claimed falsely
    assert data_payload(pieced) == data_payload(Canonical(bytes(pieced)))
    if isinstance(pieced, EightBit):
        assert isinstance(whole, EightBit)
        assert strip_date(pieced.seven_bit()) == strip_date(whole.seven_bit())


def test_a_message_without_leading_dots_is_dot_free() -> None:
    b = MessageBuilder(from_addr="news@example.com", campaign_uuid="c")
    common = {"to_addr": "a@example.com", "subject": "S", "subscriber_uuid": "u"}
    common |= {"unsubscribe_url": "https://x/u"}
    plain = b.build(
        html="<p>a.b</p>", text="a\nb", html_pieces=["<p>a.b</p>"], text_pieces=["a\nb"], **common
    )
    assert isinstance(plain, DotFree)
    dotted = b.build(
        html="<p>a</p>", text="a\n.b", html_pieces=["<p>a</p>"], text_pieces=["a\n", ".b"], **common
    )
    assert not dotted.dot_free and b"\r\n..b\r\n" in data_payload(dotted)
    unknown = b.build(html="<p>a</p>", text="a", **common)  # no pieces: searched as before
    assert not unknown.dot_free
