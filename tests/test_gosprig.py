"""Sprig's functions against real Go: every expectation in :data:`CASES` was recorded by
calling the function from ``sprig.GenericFuncMap()`` (Sprig v3.2.3, Go 1.19) with the same
arguments; ``Err(msg)`` is the error (or panic) Go's template would report as
``error calling <name>: <msg>``. Go strings are bytes, so a cut in the middle of a character
shows here as U+FFFD.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import re
import string
from typing import Any

import pytest

from blaster.gotemplate import values
from blaster.gotemplate.funcs import REGISTRY, GoExecError
from blaster.gotemplate.sprig import REFUSED


class Err:
    """An expected Go error message."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __repr__(self) -> str:
        return f"Err({self.message!r})"


CASES: list[tuple[str, tuple[Any, ...], Any]] = [
    (
        "trunc",
        (
            3,
            "héllo",
        ),
        "h\u00e9",
    ),
    (
        "trunc",
        (
            2,
            "héllo",
        ),
        "h\ufffd",
    ),
    (
        "trunc",
        (
            -2,
            "hello",
        ),
        "lo",
    ),
    (
        "trunc",
        (
            -10,
            "hello",
        ),
        "hello",
    ),
    (
        "trunc",
        (
            10,
            "hi",
        ),
        "hi",
    ),
    (
        "trunc",
        (
            0,
            "abc",
        ),
        "",
    ),
    (
        "substr",
        (
            1,
            3,
            "hello",
        ),
        "el",
    ),
    (
        "substr",
        (
            -1,
            3,
            "hello",
        ),
        "hel",
    ),
    (
        "substr",
        (
            2,
            -1,
            "hello",
        ),
        "llo",
    ),
    (
        "substr",
        (
            2,
            99,
            "hello",
        ),
        "llo",
    ),
    (
        "substr",
        (
            0,
            2,
            "héllo",
        ),
        "h\ufffd",
    ),
    (
        "substr",
        (
            4,
            2,
            "hello",
        ),
        Err("runtime error: slice bounds out of range [4:2]"),
    ),
    (
        "substr",
        (
            -1,
            9,
            "abc",
        ),
        Err("runtime error: slice bounds out of range [:9] with length 3"),
    ),
    (
        "substr",
        (
            9,
            10,
            "abc",
        ),
        Err("runtime error: slice bounds out of range [9:3]"),
    ),
    (
        "abbrev",
        (
            5,
            "hello world",
        ),
        "he...",
    ),
    (
        "abbrev",
        (
            3,
            "hello world",
        ),
        "hello world",
    ),
    (
        "abbrev",
        (
            20,
            "hello",
        ),
        "hello",
    ),
    (
        "abbrev",
        (
            4,
            "héllo wörld",
        ),
        "h...",
    ),
    (
        "abbrevboth",
        (
            5,
            10,
            "1234 5678 9123",
        ),
        "...5678...",
    ),
    (
        "abbrevboth",
        (
            0,
            6,
            "hello world",
        ),
        "hel...",
    ),
    (
        "abbrevboth",
        (
            3,
            6,
            "hello world",
        ),
        "hello world",
    ),
    (
        "abbrevboth",
        (
            10,
            8,
            "abcdefghijklmnop",
        ),
        "...kl...",
    ),
    ("trim", ("  \t hi \n\x85",), "hi"),
    ("trim", ("\u3000x\xa0",), "x"),
    ("upper", ("straße héllo",), "STRA\u00dfE H\u00c9LLO"),
    ("lower", ("ÀÉÎ İ HELLO",), "\u00e0\u00e9\u00ee i hello"),
    ("title", ("hello wORLD foo_bar x-y 3am é.a",), "Hello WORLD Foo_bar X-Y 3am \u00c9.A"),
    ("untitle", ("Hello World FOO",), "hello world fOO"),
    (
        "repeat",
        (
            3,
            "ab",
        ),
        "ababab",
    ),
    (
        "repeat",
        (
            0,
            "ab",
        ),
        "",
    ),
    (
        "repeat",
        (
            -1,
            "ab",
        ),
        Err("strings: negative Repeat count"),
    ),
    (
        "trimAll",
        (
            "$",
            "$$5.00$",
        ),
        "5.00",
    ),
    (
        "trimall",
        (
            "ab",
            "abcba",
        ),
        "c",
    ),
    (
        "trimAll",
        (
            "",
            " x ",
        ),
        " x ",
    ),
    (
        "trimSuffix",
        (
            "-",
            "a--",
        ),
        "a-",
    ),
    (
        "trimPrefix",
        (
            "-",
            "--a",
        ),
        "-a",
    ),
    ("nospace", ("h e l l o",), "hello"),
    ("nospace", ("héllo wörld",), "h\u00c3\u00a9llow\u00c3\u00b6rld"),
    ("nospace", ("abc",), "abc"),
    ("initials", ("hello big world",), "hbw"),
    ("initials", ("émile zola",), "\u00c3z"),
    ("initials", ("  a\tb",), "ab"),
    ("swapcase", ("Hello World ǆ",), "hELLO wORLD \u01c5"),
    ("swapcase", ("this Is A test",), "THIS iS a TEST"),
    ("snakecase", ("FirstName",), "first_name"),
    ("snakecase", ("HTTPServer",), "http_server"),
    ("snakecase", ("http2xx",), "http_2xx"),
    ("snakecase", ("HTTP20xOK",), "http_20x_ok"),
    ("snakecase", ("Bld4Floor3rd",), "bld4_floor_3rd"),
    ("snakecase", ("hello world",), "hello_world"),
    ("snakecase", ("foo.bar-baz",), "foo.bar_baz"),
    ("snakecase", ("AbcDéfGhi",), "abc_d\u00e9f_ghi"),
    ("snakecase", ("a1b2",), "a_1b2"),
    ("snakecase", ("__x__",), "__x__"),
    ("snakecase", ("ID",), "id"),
    ("kebabcase", ("FirstName",), "first-name"),
    ("kebabcase", ("Some_Thing else",), "some-thing-else"),
    ("kebabcase", ("123abc",), "123abc"),
    ("camelcase", ("http_server",), "HttpServer"),
    ("camelcase", ("_foo_bar",), "_FooBar"),
    ("camelcase", ("_",), "__"),
    ("camelcase", ("a",), "A"),
    ("camelcase", ("hello world-foo",), "HelloWorldFoo"),
    ("camelcase", ("ALL_CAPS",), "AllCaps"),
    ("camelcase", ("x__y",), "X_Y"),
    (
        "wrap",
        (
            5,
            "hello world this is",
        ),
        "hello\nworld\nthis\nis",
    ),
    (
        "wrap",
        (
            3,
            "abcdefgh ij",
        ),
        "abcdefgh\nij",
    ),
    (
        "wrap",
        (
            0,
            "a b",
        ),
        "a\nb",
    ),
    (
        "wrap",
        (
            10,
            "short",
        ),
        "short",
    ),
    (
        "wrap",
        (
            4,
            "  lead space here",
        ),
        "lead\nspace\nhere",
    ),
    (
        "wrapWith",
        (
            3,
            "|",
            "abcdefgh ij",
        ),
        "abc|def|gh|ij",
    ),
    (
        "wrapWith",
        (
            5,
            "<br>",
            "hello world foo",
        ),
        "hello<br>world<br>foo",
    ),
    (
        "contains",
        (
            "ell",
            "hello",
        ),
        True,
    ),
    (
        "contains",
        (
            "",
            "x",
        ),
        True,
    ),
    (
        "hasPrefix",
        (
            "he",
            "hello",
        ),
        True,
    ),
    (
        "hasSuffix",
        (
            "lo",
            "hello",
        ),
        True,
    ),
    (
        "hasSuffix",
        (
            "x",
            "hello",
        ),
        False,
    ),
    (
        "quote",
        (
            'a"b',
            1,
            None,
            2.5,
            "é\n\x01\xa0",
        ),
        '"a\\"b" "1" "2.5" "\u00e9\\n\\x01\\u00a0"',
    ),
    ("quote", (), ""),
    (
        "squote",
        (
            "a",
            1,
            None,
            [1, 2],
        ),
        "'a' '1' '[1 2]'",
    ),
    (
        "cat",
        (
            "a",
            1,
            None,
            [1, "b"],
            {"k": 1},
            1000000.0,
        ),
        "a 1 [1 b] map[k:1] 1e+06",
    ),
    ("cat", (), ""),
    (
        "indent",
        (
            2,
            "a\nb",
        ),
        "  a\n  b",
    ),
    (
        "nindent",
        (
            3,
            "x",
        ),
        "\n   x",
    ),
    (
        "indent",
        (
            -1,
            "x",
        ),
        Err("strings: negative Repeat count"),
    ),
    (
        "replace",
        (
            "a",
            "b",
            "banana",
        ),
        "bbnbnb",
    ),
    (
        "replace",
        (
            "",
            "-",
            "abc",
        ),
        "-a-b-c-",
    ),
    (
        "plural",
        (
            "one",
            "many",
            1,
        ),
        "one",
    ),
    (
        "plural",
        (
            "one",
            "many",
            0,
        ),
        "many",
    ),
    ("toString", (1.5,), "1.5"),
    ("toString", (None,), "<nil>"),
    ("toString", ([1, "a"],), "[1 a]"),
    ("toString", ({"b": 1, "a": 2},), "map[a:2 b:1]"),
    ("toString", (True,), "true"),
    ("toString", (100000000.0,), "1e+08"),
    ("toString", ("s",), "s"),
    ("toStrings", ([1, None, "a", 2.5],), ["1", "a", "2.5"]),
    ("toStrings", ("x",), ["x"]),
    ("toStrings", (None,), []),
    (
        "toStrings",
        (
            (
                "a",
                "b",
            ),
        ),
        ["a", "b"],
    ),
    (
        "join",
        (
            "-",
            [1, "a", None],
        ),
        "1-a",
    ),
    (
        "join",
        (
            ",",
            "abc",
        ),
        "abc",
    ),
    (
        "join",
        (
            ",",
            None,
        ),
        "",
    ),
    (
        "split",
        (
            "/",
            "a/b/c",
        ),
        {"_0": "a", "_1": "b", "_2": "c"},
    ),
    (
        "split",
        (
            "",
            "abc",
        ),
        {"_0": "a", "_1": "b", "_2": "c"},
    ),
    (
        "split",
        (
            ",",
            "",
        ),
        {"_0": ""},
    ),
    (
        "splitn",
        (
            "/",
            2,
            "a/b/c",
        ),
        {"_0": "a", "_1": "b/c"},
    ),
    (
        "splitn",
        (
            "/",
            0,
            "a/b",
        ),
        {},
    ),
    (
        "splitn",
        (
            "/",
            -1,
            "a/b",
        ),
        {"_0": "a", "_1": "b"},
    ),
    (
        "splitList",
        (
            ",",
            "a,b,,c",
        ),
        ["a", "b", "", "c"],
    ),
    (
        "splitList",
        (
            "",
            "héy",
        ),
        ["h", "\u00e9", "y"],
    ),
    (
        "default",
        (
            "d",
            None,
        ),
        "d",
    ),
    (
        "default",
        (
            "d",
            "",
        ),
        "d",
    ),
    (
        "default",
        (
            "d",
            0,
        ),
        "d",
    ),
    (
        "default",
        (
            "d",
            "x",
        ),
        "x",
    ),
    (
        "default",
        (
            "d",
            [],
        ),
        "d",
    ),
    (
        "default",
        (
            "d",
            False,
        ),
        "d",
    ),
    ("default", ("d",), "d"),
    (
        "default",
        (
            "d",
            0.0,
        ),
        "d",
    ),
    (
        "default",
        (
            "d",
            {},
        ),
        "d",
    ),
    ("empty", (None,), True),
    ("empty", ("",), True),
    ("empty", (0,), True),
    ("empty", (1,), False),
    ("empty", ([],), True),
    ("empty", ({"a": 1},), False),
    ("empty", (False,), True),
    ("empty", (0.0,), True),
    (
        "coalesce",
        (
            None,
            "",
            "x",
            "y",
        ),
        "x",
    ),
    (
        "coalesce",
        (
            None,
            0,
        ),
        None,
    ),
    (
        "all",
        (
            1,
            "a",
            True,
        ),
        True,
    ),
    (
        "all",
        (
            1,
            "",
        ),
        False,
    ),
    ("all", (), True),
    (
        "any",
        (
            0,
            "",
            None,
        ),
        False,
    ),
    (
        "any",
        (
            0,
            "x",
        ),
        True,
    ),
    ("any", (), False),
    (
        "ternary",
        (
            "a",
            "b",
            True,
        ),
        "a",
    ),
    (
        "ternary",
        (
            "a",
            "b",
            False,
        ),
        "b",
    ),
    ("fail", ("boom",), Err("boom")),
    (
        "list",
        (
            1,
            "a",
            None,
        ),
        [1, "a", None],
    ),
    ("tuple", (), []),
    (
        "append",
        (
            [1, 2],
            3,
        ),
        [1, 2, 3],
    ),
    (
        "push",
        (
            ("a",),
            "b",
        ),
        ["a", "b"],
    ),
    (
        "append",
        (
            "str",
            1,
        ),
        Err("Cannot push on type string"),
    ),
    (
        "mustAppend",
        (
            5,
            1,
        ),
        Err("Cannot push on type int"),
    ),
    (
        "append",
        (
            None,
            1,
        ),
        Err("runtime error: invalid memory address or nil pointer dereference"),
    ),
    (
        "prepend",
        (
            [1, 2],
            0,
        ),
        [0, 1, 2],
    ),
    (
        "mustPrepend",
        (
            {"a": 1},
            0,
        ),
        Err("Cannot prepend on type map"),
    ),
    ("first", ([1, 2],), 1),
    ("first", ([],), None),
    ("first", ("abc",), Err("Cannot find first on type string")),
    ("mustFirst", (1,), Err("Cannot find first on type int")),
    ("first", (None,), Err("runtime error: invalid memory address or nil pointer dereference")),
    ("last", ([1, 2],), 2),
    ("last", ([],), None),
    ("rest", ([1, 2, 3],), [2, 3]),
    ("rest", ([],), []),  # Go: a nil slice, printed as []
    ("initial", ([1, 2, 3],), [1, 2]),
    ("initial", ([],), []),  # Go: a nil slice
    ("reverse", ([1, 2, 3],), [3, 2, 1]),
    ("mustReverse", ("x",), Err("Cannot find reverse on type string")),
    ("compact", ([0, 1, "", "a", None, [], False, True],), [1, "a", True]),
    ("uniq", ([1, 1.0, "1", 1, [1], [1]],), [1, 1.0, "1", [1]]),
    (
        "without",
        (
            [1, 2, 3, 2],
            2,
            3,
        ),
        [1],
    ),
    (
        "without",
        (
            [1, 1.0],
            1,
        ),
        [1.0],
    ),
    (
        "has",
        (
            2,
            [1, 2],
        ),
        True,
    ),
    (
        "has",
        (
            2.0,
            [1, 2],
        ),
        False,
    ),
    (
        "has",
        (
            1,
            None,
        ),
        False,
    ),
    (
        "mustHas",
        (
            1,
            "abc",
        ),
        Err("Cannot find has on type string"),
    ),
    (
        "slice",
        (
            [1, 2, 3, 4],
            1,
            3,
        ),
        [2, 3],
    ),
    (
        "slice",
        (
            [1, 2, 3],
            1,
        ),
        [2, 3],
    ),
    ("slice", ([1, 2, 3],), [1, 2, 3]),
    (
        "slice",
        (
            [],
            0,
        ),
        None,
    ),
    (
        "slice",
        (
            [1, 2],
            0,
            5,
        ),
        Err("reflect.Value.Slice: slice index out of bounds"),
    ),
    (
        "slice",
        (
            [1, 2, 3],
            "1",
            2.9,
        ),
        [2],
    ),
    (
        "mustSlice",
        (
            3,
            1,
        ),
        Err("list should be type of slice or array but int"),
    ),
    (
        "concat",
        (
            [1, 2],
            ("a",),
            [],
        ),
        [1, 2, "a"],
    ),
    ("concat", (), None),
    (
        "concat",
        (
            [1],
            2,
        ),
        Err("Cannot concat type int as list"),
    ),
    (
        "chunk",
        (
            2,
            [1, 2, 3, 4, 5],
        ),
        [[1, 2], [3, 4], [5]],
    ),
    (
        "chunk",
        (
            3,
            [],
        ),
        [],
    ),
    (
        "chunk",
        (
            2,
            [1, 2],
        ),
        [[1, 2]],
    ),
    (
        "chunk",
        (
            0,
            [1, 2],
        ),
        Err("runtime error: makeslice: len out of range"),
    ),
    (
        "chunk",
        (
            -1,
            [1, 2],
        ),
        [],
    ),
    (
        "chunk",
        (
            -1,
            [],
        ),
        Err("runtime error: makeslice: len out of range"),
    ),
    (
        "mustChunk",
        (
            2,
            "ab",
        ),
        Err("Cannot chunk type string"),
    ),
    ("sortAlpha", (["b", "a", 3, "B"],), ["3", "B", "a", "b"]),
    ("sortAlpha", ("x",), ["x"]),
    ("sortAlpha", (None,), ["<nil>"]),
    ("sortAlpha", (5,), ["5"]),
    ("until", (3,), [0, 1, 2]),
    ("until", (-3,), [0, -1, -2]),
    ("until", (0,), []),
    (
        "untilStep",
        (
            0,
            10,
            3,
        ),
        [0, 3, 6, 9],
    ),
    (
        "untilStep",
        (
            10,
            0,
            -4,
        ),
        [10, 6, 2],
    ),
    (
        "untilStep",
        (
            0,
            10,
            -1,
        ),
        [],
    ),
    (
        "untilStep",
        (
            0,
            10,
            0,
        ),
        [],
    ),
    ("seq", (3,), "1 2 3"),
    ("seq", (-2,), "1 0 -1 -2"),
    (
        "seq",
        (
            2,
            5,
        ),
        "2 3 4 5",
    ),
    (
        "seq",
        (
            5,
            2,
        ),
        "5 4 3 2",
    ),
    (
        "seq",
        (
            0,
            2,
            10,
        ),
        "0 2 4 6 8 10",
    ),
    (
        "seq",
        (
            10,
            -3,
            1,
        ),
        "10 7 4 1",
    ),
    (
        "seq",
        (
            10,
            3,
            1,
        ),
        "",
    ),
    ("seq", (), ""),
    (
        "seq",
        (
            1,
            2,
            3,
            4,
        ),
        "",
    ),
    ("seq", (1,), "1"),
    ("seq", (0,), "1 0"),
    (
        "dict",
        (
            "a",
            1,
            "b",
        ),
        {"a": 1, "b": ""},
    ),
    (
        "dict",
        (
            1,
            2,
            None,
            3,
        ),
        {"1": 2, "<nil>": 3},
    ),
    (
        "get",
        (
            {"a": 1},
            "a",
        ),
        1,
    ),
    (
        "get",
        (
            {"a": 1},
            "b",
        ),
        "",
    ),
    (
        "get",
        (
            {"a": None},
            "a",
        ),
        None,
    ),
    (
        "set",
        (
            {"a": 1},
            "b",
            2,
        ),
        {"a": 1, "b": 2},
    ),
    (
        "unset",
        (
            {"a": 1, "b": 2},
            "a",
        ),
        {"b": 2},
    ),
    (
        "hasKey",
        (
            {"a": 1},
            "a",
        ),
        True,
    ),
    (
        "hasKey",
        (
            {"a": 1},
            "b",
        ),
        False,
    ),
    (
        "pluck",
        (
            "a",
            {"a": 1},
            {"b": 2},
            {"a": 3},
        ),
        [1, 3],
    ),
    (
        "pick",
        (
            {"a": 1, "b": 2, "c": 3},
            "a",
            "c",
            "z",
        ),
        {"a": 1, "c": 3},
    ),
    (
        "omit",
        (
            {"a": 1, "b": 2, "c": 3},
            "a",
            "z",
        ),
        {"b": 2, "c": 3},
    ),
    ("values", ({"a": 1},), [1]),
    (
        "merge",
        (
            {"a": 1, "b": "", "n": {"x": 1}},
            {"a": 2, "b": "B", "c": 3, "n": {"x": 2, "y": 3}},
        ),
        {"a": 1, "b": "B", "c": 3, "n": {"x": 1, "y": 3}},
    ),
    (
        "mergeOverwrite",
        (
            {"a": 1, "b": "x", "n": {"x": 1}, "s": [1]},
            {"a": 2, "b": "", "c": None, "n": {"x": 2, "y": 3}, "s": [2]},
        ),
        {"a": 2, "b": "", "c": None, "n": {"x": 2, "y": 3}, "s": [2]},
    ),
    (
        "merge",
        (
            {"a": "x", "l": []},
            {"a": {"k": 1}, "l": [1]},
        ),
        {"a": "x", "l": [1]},
    ),
    (
        "mergeOverwrite",
        (
            {"a": "x"},
            {"a": {"k": 1}},
        ),
        {"a": "x"},
    ),
    (
        "merge",
        (
            {"a": None},
            {"a": 1},
        ),
        {"a": 1},
    ),
    (
        "mergeOverwrite",
        (
            {"a": 1},
            {"a": 0},
        ),
        {"a": 0},
    ),
    (
        "merge",
        (
            {},
            {"a": [1]},
            {"a": [2], "b": 0},
        ),
        {"a": [1], "b": 0},
    ),
    ("deepCopy", ({"a": [1, {"b": 2}]},), {"a": [1, {"b": 2}]}),
    ("deepCopy", (None,), Err("reflect: call of reflect.Value.Type on zero Value")),
    (
        "dig",
        (
            "a",
            "b",
            "def",
            {"a": {"b": 1}},
        ),
        1,
    ),
    (
        "dig",
        (
            "a",
            "x",
            "def",
            {"a": {"b": 1}},
        ),
        "def",
    ),
    (
        "dig",
        (
            "a",
            "b",
            "def",
            {"a": 1},
        ),
        Err("interface conversion: interface {} is int, not map[string]interface {}"),
    ),
    (
        "dig",
        (
            "a",
            "def",
            "notmap",
        ),
        Err("interface conversion: interface {} is string, not map[string]interface {}"),
    ),
    (
        "dig",
        (
            1,
            "def",
            {"a": 1},
        ),
        Err("interface conversion: interface {} is int, not string"),
    ),
    (
        "dig",
        (
            "a",
            {"a": 1},
        ),
        Err("dig needs at least three arguments"),
    ),
    (
        "dig",
        (
            "a",
            "b",
            0,
            {"a": None},
        ),
        Err("interface conversion: interface {} is nil, not map[string]interface {}"),
    ),
    (
        "add",
        (
            1,
            2.9,
            "3",
            None,
            True,
        ),
        7,
    ),
    ("add", (), 0),
    ("add1", ("41",), 42),
    (
        "sub",
        (
            10,
            "0x10",
        ),
        -6,
    ),
    (
        "div",
        (
            7,
            2,
        ),
        3,
    ),
    (
        "div",
        (
            -7,
            2,
        ),
        -3,
    ),
    (
        "mod",
        (
            -7,
            2,
        ),
        -1,
    ),
    (
        "mod",
        (
            7,
            -2,
        ),
        1,
    ),
    (
        "div",
        (
            1,
            0,
        ),
        Err("runtime error: integer divide by zero"),
    ),
    (
        "mod",
        (
            1,
            0,
        ),
        Err("runtime error: integer divide by zero"),
    ),
    (
        "mul",
        (
            2,
            3,
            "4",
        ),
        24,
    ),
    (
        "mul",
        (
            9223372036854775807,
            2,
        ),
        -2,
    ),
    (
        "add",
        (
            9223372036854775807,
            1,
        ),
        -9223372036854775808,
    ),
    (
        "max",
        (
            1,
            5,
            "3",
        ),
        5,
    ),
    ("biggest", (-1,), -1),
    (
        "min",
        (
            3,
            "-2",
            1.5,
        ),
        -2,
    ),
    (
        "max",
        (
            "abc",
            -5,
        ),
        0,
    ),
    ("int64", ("010",), 8),
    ("int64", ("0b101",), 5),
    ("int64", ("0o17",), 15),
    ("int64", ("1_000",), 1000),
    ("int64", ("_1",), 0),
    ("int64", ("10.00",), 10),
    ("int64", ("10.50",), 0),
    ("int64", ("-0x1F",), -31),
    ("int64", (" 5",), 0),
    ("int64", ("1e3",), 0),
    ("int64", (3.99,), 3),
    ("int64", (-3.99,), -3),
    ("int64", ("99999999999999999999",), 0),
    ("int64", (math.inf,), -9223372036854775808),
    ("int64", (math.nan,), -9223372036854775808),
    ("int64", (1e19,), -9223372036854775808),
    ("int64", ([1],), 0),
    ("int64", (".0",), 0),
    ("int64", ("0x",), 0),
    ("int64", ("+7",), 7),
    ("int", ("42",), 42),
    ("int", (True,), 1),
    ("float64", ("1e3",), 1000.0),
    ("float64", ("0x1p-2",), 0.25),
    ("float64", ("inf",), math.inf),
    ("float64", ("-Infinity",), -math.inf),
    ("float64", ("nan",), math.nan),
    ("float64", ("1_000.5",), 1000.5),
    ("float64", ("1e400",), 0.0),
    ("float64", ("abc",), 0.0),
    ("float64", (" 1",), 0.0),
    ("float64", ("+.5",), 0.5),
    ("float64", ("5.",), 5.0),
    ("float64", (3,), 3.0),
    ("float64", ("+nan",), 0.0),
    ("atoi", ("42",), 42),
    ("atoi", ("-42",), -42),
    ("atoi", ("4x",), 0),
    ("atoi", ("99999999999999999999",), 9223372036854775807),
    ("atoi", ("0x10",), 0),
    ("atoi", ("+5",), 5),
    ("atoi", ("1_0",), 0),
    ("toDecimal", ("0777",), 511),
    ("toDecimal", (777,), 511),
    ("toDecimal", ("8",), 0),
    ("toDecimal", ("-17",), -15),
    ("toDecimal", (1.5,), 0),
    (
        "addf",
        (
            1.1,
            2.2,
        ),
        3.3,
    ),
    ("addf", (), 0.0),
    ("add1f", (0.1,), 1.1),
    (
        "subf",
        (
            1.0,
            0.9,
        ),
        0.1,
    ),
    (
        "mulf",
        (
            1.1,
            3,
        ),
        3.3,
    ),
    (
        "divf",
        (
            10,
            3,
        ),
        3.3333333333333335,
    ),
    (
        "divf",
        (
            2,
            3,
        ),
        0.6666666666666667,
    ),
    (
        "divf",
        (
            -2,
            3,
        ),
        -0.6666666666666667,
    ),
    (
        "divf",
        (
            1,
            0,
        ),
        Err("decimal division by 0"),
    ),
    ("divf", (1,), 1.0),
    (
        "addf",
        (
            "x",
            1.5,
        ),
        1.5,
    ),
    (
        "mulf",
        (
            1e300,
            1e300,
        ),
        math.inf,
    ),
    (
        "addf",
        (
            math.inf,
            1,
        ),
        Err("Cannot create a Decimal from +Inf"),
    ),
    (
        "divf",
        (
            1,
            8,
        ),
        0.125,
    ),
    (
        "subf",
        (
            0.3,
            0.1,
            0.1,
        ),
        0.1,
    ),
    (
        "maxf",
        (
            1,
            2.5,
            "3",
        ),
        3.0,
    ),
    (
        "minf",
        (
            1,
            -2.5,
        ),
        -2.5,
    ),
    (
        "maxf",
        (
            math.nan,
            1,
        ),
        math.nan,
    ),
    (
        "minf",
        (
            0.0,
            -0.0,
        ),
        -0.0,
    ),
    (
        "maxf",
        (
            -0.0,
            0.0,
        ),
        0.0,
    ),
    ("floor", (1.5,), 1.0),
    ("floor", ("-1.5",), -2.0),
    ("ceil", (1.2,), 2.0),
    ("ceil", (-0.5,), -0.0),
    ("floor", (0.3,), 0.0),
    (
        "round",
        (
            3.14159,
            2,
        ),
        3.14,
    ),
    (
        "round",
        (
            2.5,
            0,
        ),
        3.0,
    ),
    (
        "round",
        (
            -2.5,
            0,
        ),
        -3.0,
    ),
    (
        "round",
        (
            1.005,
            2,
        ),
        1.0,
    ),
    (
        "round",
        (
            1.25,
            1,
            0.6,
        ),
        1.2,
    ),
    (
        "round",
        (
            "12.5",
            -1,
        ),
        10.0,
    ),
    (
        "round",
        (
            123.456,
            -5,
        ),
        0.0,
    ),
    (
        "toJson",
        (
            {
                "b": [1, 2.5, None, True],
                "a": "<x&y>",
                "c": {"z": 1e21, "y": 1e-07, "x": 1000000.0, "w": -0.0, "v": 1e20},
            },
        ),
        '{"a":"\\u003cx\\u0026y\\u003e","b":[1,2.5,null,true],"c":{"v":100000000000000000000,"w":-0,"x":1000000,"y":1e-7,"z":1e+21}}',
    ),
    ("toJson", ('\u2028\n\t\x01"\\é',), '"\\u2028\\n\\t\\u0001\\"\\\\\u00e9"'),
    ("toJson", (math.nan,), ""),
    ("mustToJson", (math.inf,), Err("json: unsupported value: +Inf")),
    ("toJson", (None,), "null"),
    ("toJson", ([],), "[]"),
    ("toJson", (("a",),), '["a"]'),
    (
        "toPrettyJson",
        ({"b": [1, {"c": []}], "a": {}},),
        '{\n  "a": {},\n  "b": [\n    1,\n    {\n      "c": []\n    }\n  ]\n}',
    ),
    ("toPrettyJson", ([1, 2],), "[\n  1,\n  2\n]"),
    ("toPrettyJson", ("x",), '"x"'),
    ("toRawJson", ({"a": "<x>&\u2028"},), '{"a":"<x>&\\u2028"}'),
    ("mustToRawJson", ([math.nan],), Err("json: unsupported value: NaN")),
    ("toRawJson", (math.nan,), Err("json: unsupported value: NaN")),
    (
        "fromJson",
        ('{"a": [1, 2.5, "x", null, true], "b": {"c": -0}}',),
        {"a": [1.0, 2.5, "x", None, True], "b": {"c": -0.0}},
    ),
    ("fromJson", ("bad",), None),
    ("fromJson", ("1e400",), None),
    ("fromJson", ('"\\ud83d\\ude00 \\ud800 x"',), "\U0001f600 \ufffd x"),
    ("fromJson", ("  [ ]  ",), []),
    ("mustFromJson", ("bad",), Err("invalid character 'b' looking for beginning of value")),
    ("mustFromJson", ("",), Err("unexpected end of JSON input")),
    ("mustFromJson", ("{",), Err("unexpected end of JSON input")),
    ("mustFromJson", ('{"a" 1}',), Err("invalid character '1' after object key")),
    (
        "mustFromJson",
        ('{"a":1,}',),
        Err("invalid character '}' looking for beginning of object key string"),
    ),
    ("mustFromJson", ("[1,]",), Err("invalid character ']' looking for beginning of value")),
    ("mustFromJson", ("[1 2]",), Err("invalid character '2' after array element")),
    ("mustFromJson", ("01",), Err("invalid character '1' after top-level value")),
    ("mustFromJson", ("-",), Err("invalid character ' ' in numeric literal")),
    ("mustFromJson", ("1.",), Err("invalid character ' ' after decimal point in numeric literal")),
    ("mustFromJson", ("1e",), Err("invalid character ' ' in exponent of numeric literal")),
    ("mustFromJson", ("tru",), Err("invalid character ' ' in literal true (expecting 'e')")),
    ("mustFromJson", ("trux",), Err("invalid character 'x' in literal true (expecting 'e')")),
    ("mustFromJson", ("nul",), Err("invalid character ' ' in literal null (expecting 'l')")),
    ("mustFromJson", ('"a\nb"',), Err("invalid character '\\n' in string literal")),
    ("mustFromJson", ('"\\x"',), Err("invalid character 'x' in string escape code")),
    (
        "mustFromJson",
        ('"\\u12g4"',),
        Err("invalid character 'g' in \\u hexadecimal character escape"),
    ),
    (
        "mustFromJson",
        ("{1:2}",),
        Err("invalid character '1' looking for beginning of object key string"),
    ),
    ("mustFromJson", ("é",), Err("invalid character 'Ã' looking for beginning of value")),
    ("mustFromJson", ("'a'",), Err("invalid character '\\'' looking for beginning of value")),
    ("mustFromJson", ("1 2",), Err("invalid character '2' after top-level value")),
    ("mustFromJson", ('"abc',), Err("unexpected end of JSON input")),
    ("mustFromJson", ("NaN",), Err("invalid character 'N' looking for beginning of value")),
    ("b64enc", ("héllo",), "aMOpbGxv"),
    ("b64dec", ("aMOpbGxv",), "h\u00e9llo"),
    ("b64dec", ("aGk=",), "hi"),
    ("b64dec", ("aGk",), "illegal base64 data at input byte 0"),
    ("b64dec", ("a",), "illegal base64 data at input byte 0"),
    ("b64dec", ("aG!k",), "illegal base64 data at input byte 2"),
    ("b64dec", ("aGk=x",), "illegal base64 data at input byte 4"),
    ("b64dec", ("aG==",), "h"),
    ("b64dec", ("a===",), "illegal base64 data at input byte 1"),
    ("b64dec", ("aG\nk=",), "hi"),
    ("b64dec", ("aGk=\n",), "hi"),
    ("b64dec", ("aG=a",), "illegal base64 data at input byte 2"),
    ("b64dec", ("====",), "illegal base64 data at input byte 0"),
    ("b64dec", ("",), ""),
    ("b32enc", ("héllo",), "NDB2S3DMN4======"),
    ("b32dec", ("NBSWY3DP",), "hello"),
    ("b32dec", ("NBSWY3DPEE======",), "hello!"),
    ("b32dec", ("NBSWY3D",), "illegal base32 data at input byte 0"),
    ("b32dec", ("NB======",), "h"),
    ("b32dec", ("N=======",), "illegal base32 data at input byte 1"),
    ("b32dec", ("NBSWY3DPEE=====",), "illegal base32 data at input byte 15"),
    ("b32dec", ("nbswy3dp",), "illegal base32 data at input byte 0"),
    ("b32dec", ("NBS=====",), "illegal base32 data at input byte 3"),
    ("b32dec", ("NBSW\nY3DP",), "hello"),
    ("b32dec", ("NBSWY3DPEE===x==",), "illegal base32 data at input byte 12"),
    ("sha1sum", ("hello",), "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"),
    ("sha256sum", ("héllo",), "3c48591d8d098a4538f5e013dfcf406e948eac4d3277b10bf614e295d6068179"),
    ("adler32sum", ("hello",), "103547413"),
    (
        "regexMatch",
        (
            "^[a-z]+$",
            "abc",
        ),
        True,
    ),
    (
        "regexMatch",
        (
            "^a$",
            "a\n",
        ),
        False,
    ),
    (
        "regexMatch",
        (
            "(?m)^b$",
            "a\nb\nc",
        ),
        True,
    ),
    (
        "regexMatch",
        (
            "(",
            "x",
        ),
        False,
    ),
    (
        "mustRegexMatch",
        (
            "(",
            "x",
        ),
        Err("error parsing regexp: missing closing ): `(`"),
    ),
    (
        "mustRegexMatch",
        (
            "a)",
            "x",
        ),
        Err("error parsing regexp: unexpected ): `a)`"),
    ),
    (
        "regexFindAll",
        (
            "a*",
            "baaab",
            -1,
        ),
        ["", "aaa", ""],
    ),
    (
        "regexFindAll",
        (
            "[0-9]+",
            "a1b22c333",
            2,
        ),
        ["1", "22"],
    ),
    (
        "regexFindAll",
        (
            "x",
            "abc",
            -1,
        ),
        [],
    ),  # Go: nil
    (
        "regexFindAll",
        (
            "",
            "abc",
            -1,
        ),
        ["", "", "", ""],
    ),
    (
        "regexFindAll",
        (
            "a",
            "aaa",
            0,
        ),
        [],
    ),  # Go: nil
    (
        "regexFind",
        (
            "[0-9]+",
            "ab12cd34",
        ),
        "12",
    ),
    (
        "regexFind",
        (
            "z",
            "abc",
        ),
        "",
    ),
    (
        "regexFind",
        (
            "(?i)HELLO",
            "say hello",
        ),
        "hello",
    ),
    (
        "regexFind",
        (
            "\\d+",
            "x٣4",
        ),
        "4",
    ),
    (
        "regexFind",
        (
            "\\w+",
            "héllo",
        ),
        "h",
    ),
    (
        "regexFind",
        (
            "a.c",
            "a\nc abc",
        ),
        "abc",
    ),
    (
        "regexFind",
        (
            "(?s)a.c",
            "a\nc",
        ),
        "a\nc",
    ),
    (
        "regexReplaceAll",
        (
            "a(x*)b",
            "-ab-axxb-",
            "${1}W",
        ),
        "-W-xxW-",
    ),
    (
        "regexReplaceAll",
        (
            "a(x*)b",
            "-ab-axxb-",
            "$1W",
        ),
        "---",
    ),
    (
        "regexReplaceAll",
        (
            "(?P<n>x+)",
            "axxb",
            "<$n>",
        ),
        "a<xx>b",
    ),
    (
        "regexReplaceAll",
        (
            "x*",
            "abxd",
            "-",
        ),
        "-a-b-d-",
    ),
    (
        "regexReplaceAll",
        (
            "b",
            "abc",
            "$$",
        ),
        "a$c",
    ),
    (
        "regexReplaceAll",
        (
            "(b)",
            "abc",
            "$2|$x|${1",
        ),
        "a||${1c",
    ),
    (
        "regexReplaceAll",
        (
            "(b)",
            "abc",
            "$",
        ),
        "a$c",
    ),
    (
        "regexReplaceAllLiteral",
        (
            "a(x*)b",
            "-axb-",
            "$1",
        ),
        "-$1-",
    ),
    (
        "regexReplaceAll",
        (
            "",
            "abc",
            "-",
        ),
        "-a-b-c-",
    ),
    (
        "regexReplaceAll",
        (
            "\\bfoo\\b",
            "foo foobar foo",
            "X",
        ),
        "X foobar X",
    ),
    (
        "regexReplaceAll",
        (
            "a+?",
            "aaa",
            "X",
        ),
        "XXX",
    ),
    (
        "regexReplaceAll",
        (
            "(?U)a+",
            "aaa",
            "X",
        ),
        "XXX",
    ),
    (
        "regexReplaceAll",
        (
            "(?U)a+?",
            "aaa",
            "X",
        ),
        "X",
    ),
    (
        "regexSplit",
        (
            "z+",
            "pizza",
            -1,
        ),
        ["pi", "a"],
    ),
    (
        "regexSplit",
        (
            "",
            "abc",
            -1,
        ),
        ["a", "b", "c"],
    ),
    (
        "regexSplit",
        (
            "a",
            "banana",
            2,
        ),
        ["b", "nana"],
    ),
    (
        "regexSplit",
        (
            "x",
            "",
            -1,
        ),
        [""],
    ),
    (
        "regexSplit",
        (
            "a",
            "a",
            -1,
        ),
        ["", ""],
    ),
    (
        "regexSplit",
        (
            "",
            "",
            -1,
        ),
        [],
    ),
    (
        "regexSplit",
        (
            "b",
            "abc",
            0,
        ),
        [],
    ),  # Go: nil
    ("regexQuoteMeta", ("1.5+[x]$ #",), "1\\.5\\+\\[x\\]\\$ #"),
    (
        "mustRegexFind",
        (
            "(a)\\1",
            "aa",
        ),
        Err("error parsing regexp: invalid escape sequence: `\\1`"),
    ),
    (
        "mustRegexFind",
        (
            "a(?=b)",
            "ab",
        ),
        Err("error parsing regexp: invalid or unsupported Perl syntax: `(?=`"),
    ),
    (
        "mustRegexFind",
        (
            "a(?!b)",
            "ab",
        ),
        Err("error parsing regexp: invalid or unsupported Perl syntax: `(?!`"),
    ),
    (
        "mustRegexFind",
        (
            "(?<=a)b",
            "ab",
        ),
        Err("error parsing regexp: invalid or unsupported Perl syntax: `(?<`"),
    ),
    (
        "mustRegexFind",
        (
            "a**",
            "a",
        ),
        Err("error parsing regexp: invalid nested repetition operator: `**`"),
    ),
    (
        "mustRegexFind",
        (
            "a*+",
            "a",
        ),
        Err("error parsing regexp: invalid nested repetition operator: `*+`"),
    ),
    (
        "mustRegexFind",
        (
            "*a",
            "a",
        ),
        Err("error parsing regexp: missing argument to repetition operator: `*`"),
    ),
    (
        "mustRegexFind",
        (
            "a{2,1}",
            "a",
        ),
        Err("error parsing regexp: invalid repeat count: `{2,1}`"),
    ),
    (
        "mustRegexFind",
        (
            "a{1001}",
            "a",
        ),
        Err("error parsing regexp: invalid repeat count: `{1001}`"),
    ),
    (
        "mustRegexFind",
        (
            "[a",
            "a",
        ),
        Err("error parsing regexp: missing closing ]: `[a`"),
    ),
    (
        "mustRegexFind",
        (
            "[z-a]",
            "a",
        ),
        Err("error parsing regexp: invalid character class range: `z-a`"),
    ),
    (
        "mustRegexFind",
        (
            "a\\",
            "a",
        ),
        Err("error parsing regexp: trailing backslash at end of expression: ``"),
    ),
    (
        "mustRegexFind",
        (
            "\\Z",
            "a",
        ),
        Err("error parsing regexp: invalid escape sequence: `\\Z`"),
    ),
    (
        "mustRegexFind",
        (
            "(?P<n>a)(?P<n>b)",
            "ab",
        ),
        "ab",
    ),
    (
        "mustRegexFind",
        (
            "(?P<n",
            "a",
        ),
        Err("error parsing regexp: invalid named capture: `(?P<n`"),
    ),
    (
        "mustRegexFind",
        (
            "(?z)",
            "a",
        ),
        Err("error parsing regexp: invalid or unsupported Perl syntax: `(?z`"),
    ),
    (
        "mustRegexFind",
        (
            "\\pX",
            "a",
        ),
        Err("error parsing regexp: invalid character class range: `\\pX`"),
    ),
    (
        "mustRegexFind",
        (
            "a{,3}",
            "a{,3}",
        ),
        "a{,3}",
    ),
    (
        "mustRegexFind",
        (
            "x{2}{3}",
            "x",
        ),
        Err("error parsing regexp: invalid nested repetition operator: `{2}{3}`"),
    ),
    (
        "mustRegexFind",
        (
            "[[:alpha:]]+",
            "12abc3",
        ),
        "abc",
    ),
    (
        "mustRegexFind",
        (
            "[^[:digit:]x]+",
            "12abc3",
        ),
        "abc",
    ),
    (
        "mustRegexFind",
        (
            "\\pL+",
            "12héllo3",
        ),
        "h\u00e9llo",
    ),
    (
        "mustRegexFind",
        (
            "\\p{Lu}+",
            "abCDe",
        ),
        "CD",
    ),
    (
        "mustRegexFind",
        (
            "[\\d\\-]+",
            "a1-2b",
        ),
        "1-2",
    ),
    (
        "mustRegexFind",
        (
            "\\x41\\x{42}\\101",
            "ABA",
        ),
        "ABA",
    ),
    (
        "mustRegexFind",
        (
            "\\Qa.b\\E+",
            "a.bbb",
        ),
        "a.bbb",
    ),
    (
        "mustRegexFind",
        (
            "[]a]+",
            "]a]",
        ),
        "]a]",
    ),
    (
        "mustRegexFind",
        (
            "(?i)é",
            "É",
        ),
        "\u00c9",
    ),
    (
        "mustRegexFind",
        (
            "^*",
            "a",
        ),
        "",
    ),
    (
        "mustRegexFind",
        (
            "a|*",
            "a",
        ),
        Err("error parsing regexp: missing argument to repetition operator: `*`"),
    ),
    (
        "mustRegexFind",
        (
            "()+",
            "a",
        ),
        "",
    ),
    (
        "mustRegexFind",
        (
            "(?i:A)a",
            "aA",
        ),
        "",
    ),
    (
        "mustRegexFind",
        (
            "x(?i)Y|z",
            "Z",
        ),
        "Z",
    ),
    (
        "regexFind",
        (
            "(",
            "x",
        ),
        Err("regexp: Compile(`(`): error parsing regexp: missing closing ): `(`"),
    ),
    (
        "regexFindAll",
        (
            "[",
            "x",
            -1,
        ),
        Err("regexp: Compile(`[`): error parsing regexp: missing closing ]: `[`"),
    ),
    (
        "regexReplaceAll",
        (
            "(?=x)",
            "x",
            "y",
        ),
        Err(
            "regexp: Compile(`(?=x)`): error parsing regexp: "
            "invalid or unsupported Perl syntax: `(?=`"
        ),
    ),
    (
        "regexSplit",
        (
            "\\1",
            "x",
            -1,
        ),
        Err("regexp: Compile(`\\1`): error parsing regexp: invalid escape sequence: `\\1`"),
    ),
    (
        "regexFind",
        (
            "a\tb(",
            "x",
        ),
        Err("regexp: Compile(`a\tb(`): error parsing regexp: missing closing ): `a\tb(`"),
    ),
    (
        "mustRegexSplit",
        (
            "(",
            "x",
            1,
        ),
        Err("error parsing regexp: missing closing ): `(`"),
    ),
    (
        "mustRegexReplaceAll",
        (
            "(",
            "",
            "",
        ),
        Err("error parsing regexp: missing closing ): `(`"),
    ),
    (
        "mustRegexFindAll",
        (
            "(",
            "",
            1,
        ),
        Err("error parsing regexp: missing closing ): `(`"),
    ),
    ("typeOf", (1,), "int"),
    ("typeOf", ("s",), "string"),
    ("typeOf", (1.5,), "float64"),
    ("typeOf", (None,), "<nil>"),
    ("typeOf", ([1],), "[]interface {}"),
    ("typeOf", ({"a": 1},), "map[string]interface {}"),
    ("typeOf", (True,), "bool"),
    ("typeOf", (("a",),), "[]string"),
    (
        "typeIs",
        (
            "int",
            1,
        ),
        True,
    ),
    (
        "typeIsLike",
        (
            "int",
            1,
        ),
        True,
    ),
    ("kindOf", (1,), "int"),
    ("kindOf", ("s",), "string"),
    ("kindOf", (None,), "invalid"),
    ("kindOf", ([1],), "slice"),
    ("kindOf", ({},), "map"),
    ("kindOf", (1.5,), "float64"),
    (
        "kindIs",
        (
            "slice",
            ("a",),
        ),
        True,
    ),
    (
        "kindIs",
        (
            "map",
            {},
        ),
        True,
    ),
    (
        "deepEqual",
        (
            1,
            1,
        ),
        True,
    ),
    (
        "deepEqual",
        (
            1,
            1.0,
        ),
        False,
    ),
    (
        "deepEqual",
        (
            [1, {"a": "b"}],
            [1, {"a": "b"}],
        ),
        True,
    ),
    (
        "deepEqual",
        (
            ("a",),
            ["a"],
        ),
        False,
    ),
    (
        "deepEqual",
        (
            None,
            None,
        ),
        True,
    ),
    (
        "deepEqual",
        (
            None,
            [],
        ),
        False,
    ),
    (
        "deepEqual",
        (
            True,
            1,
        ),
        False,
    ),
    (
        "deepEqual",
        (
            math.nan,
            math.nan,
        ),
        False,
    ),
    ("base", ("/a/b.txt",), "b.txt"),
    ("base", ("",), "."),
    ("base", ("///",), "/"),
    ("base", ("a/b/",), "b"),
    ("dir", ("/a/b/c",), "/a/b"),
    ("dir", ("a",), "."),
    ("dir", ("/",), "/"),
    ("dir", ("",), "."),
    ("clean", ("a//b/./../c/",), "a/c"),
    ("clean", ("/../x",), "/x"),
    ("clean", ("../../x",), "../../x"),
    ("clean", ("",), "."),
    ("clean", ("//a",), "/a"),
    ("ext", ("a/b.tar.gz",), ".gz"),
    ("ext", ("a.b/c",), ""),
    ("ext", ("x.",), "."),
    ("isAbs", ("/x",), True),
    ("isAbs", ("x",), False),
    ("osBase", ("/a/b",), "b"),
    ("osDir", ("a/b",), "a"),
    ("osClean", ("a/../..",), ".."),
    ("osExt", (".bashrc",), ".bashrc"),
    ("osIsAbs", ("/",), True),
    (
        "urlParse",
        ("https://user:pa%20ss@example.com:8080/p/a%20th?q=1&r=2#frag%21",),
        {
            "fragment": "frag!",
            "host": "example.com:8080",
            "hostname": "example.com",
            "opaque": "",
            "path": "/p/a th",
            "query": "q=1&r=2",
            "scheme": "https",
            "userinfo": "user:pa%20ss",
        },
    ),
    (
        "urlParse",
        ("mailto:joe@example.com",),
        {
            "fragment": "",
            "host": "",
            "hostname": "",
            "opaque": "joe@example.com",
            "path": "",
            "query": "",
            "scheme": "mailto",
            "userinfo": "",
        },
    ),
    (
        "urlParse",
        ("/rel/path?x",),
        {
            "fragment": "",
            "host": "",
            "hostname": "",
            "opaque": "",
            "path": "/rel/path",
            "query": "x",
            "scheme": "",
            "userinfo": "",
        },
    ),
    (
        "urlParse",
        ("//host/x",),
        {
            "fragment": "",
            "host": "host",
            "hostname": "host",
            "opaque": "",
            "path": "/x",
            "query": "",
            "scheme": "",
            "userinfo": "",
        },
    ),
    (
        "urlParse",
        ("http://[::1]:80/",),
        {
            "fragment": "",
            "host": "[::1]:80",
            "hostname": "::1",
            "opaque": "",
            "path": "/",
            "query": "",
            "scheme": "http",
            "userinfo": "",
        },
    ),
    (
        "urlParse",
        ("1http://x",),
        Err(
            'unable to parse url: parse "1http://x": first path segment in URL cannot contain colon'
        ),
    ),
    ("urlParse", (":x",), Err('unable to parse url: parse ":x": missing protocol scheme')),
    (
        "urlParse",
        ("a:b/c",),
        {
            "fragment": "",
            "host": "",
            "hostname": "",
            "opaque": "b/c",
            "path": "",
            "query": "",
            "scheme": "a",
            "userinfo": "",
        },
    ),
    (
        "urlParse",
        ("x/a:b",),
        {
            "fragment": "",
            "host": "",
            "hostname": "",
            "opaque": "",
            "path": "x/a:b",
            "query": "",
            "scheme": "",
            "userinfo": "",
        },
    ),
    (
        "urlParse",
        ("http://x/%zz",),
        Err('unable to parse url: parse "http://x/%zz": invalid URL escape "%zz"'),
    ),
    (
        "urlParse",
        ("http://h:port/",),
        Err('unable to parse url: parse "http://h:port/": invalid port ":port" after host'),
    ),
    (
        "urlParse",
        ("HTTP://X.com/?",),
        {
            "fragment": "",
            "host": "X.com",
            "hostname": "X.com",
            "opaque": "",
            "path": "/",
            "query": "",
            "scheme": "http",
            "userinfo": "",
        },
    ),
    (
        "urlParse",
        ("a b",),
        {
            "fragment": "",
            "host": "",
            "hostname": "",
            "opaque": "",
            "path": "a b",
            "query": "",
            "scheme": "",
            "userinfo": "",
        },
    ),
    (
        "urlJoin",
        (
            {
                "scheme": "https",
                "host": "example.com",
                "path": "/a b",
                "query": "x=1",
                "fragment": "f g",
            },
        ),
        "https://example.com/a%20b?x=1#f%20g",
    ),
    ("urlJoin", ({"scheme": "mailto", "opaque": "joe@x.com"},), "mailto:joe@x.com"),
    ("urlJoin", ({"path": "a:b"},), "./a:b"),
    ("urlJoin", ({"host": "h", "path": "p"},), "//h/p"),
    (
        "urlJoin",
        ({"scheme": "http", "host": "h", "userinfo": "u:p w"},),
        Err(
            'unable to parse userinfo in dict: parse "proto://u:p w@host": '
            "net/url: invalid userinfo"
        ),
    ),
    (
        "urlJoin",
        ({"scheme": "http", "host": 5},),
        Err("unable to parse host key, must be of type string, but int found"),
    ),
    ("urlJoin", ({},), ""),
    ("urlJoin", ({"scheme": "file", "path": "/x"},), "file:///x"),
    ("urlJoin", ({"path": "/é?"},), "/%C3%A9%3F"),
    ("hello", (), "Hello!"),
    (
        "randInt",
        (
            5,
            5,
        ),
        Err("invalid argument to Intn"),
    ),
    ("randBytes", (-1,), Err("runtime error: makeslice: len out of range")),
    ("randAlpha", (-1,), ""),
    ("title", ("ǆemal élan o'neil  x\xa0y",), "\u01c5emal \u00c9lan O'Neil  X\u00a0Y"),
    ("upper", ("ǆ ﬁ ᾳ",), "\u01c4 \ufb01 \u1fbc"),
    ("lower", ("ǅ ᾼ",), "\u01c6 \u1fb3"),
    ("swapcase", ("ǅx ß",), "\u01c6X \u00df"),
    (
        "mustRegexFind",
        (
            "[^\\d]+",
            "12ab3",
        ),
        "ab",
    ),
    (
        "mustRegexFind",
        (
            "[\\W]+",
            "ab-+c",
        ),
        "-+",
    ),
    (
        "mustRegexFind",
        (
            "[^\\pL]+",
            "ab12c",
        ),
        "12",
    ),
    (
        "mustRegexFind",
        (
            "(?i)[a-c]+",
            "xABCx",
        ),
        "ABC",
    ),
    (
        "mustRegexFind",
        (
            "[[:^alpha:]]+",
            "ab12c",
        ),
        "12",
    ),
    (
        "mustRegexFind",
        (
            "\\PL+",
            "ab12c",
        ),
        "12",
    ),
    (
        "mustRegexFind",
        (
            "\\p{^L}+",
            "ab12c",
        ),
        "12",
    ),
    (
        "mustRegexFind",
        (
            "[a-]+",
            "-a-b",
        ),
        "-a-",
    ),
    (
        "mustRegexFind",
        (
            "[\\]]+",
            "]]",
        ),
        "]]",
    ),
    (
        "mustRegexFind",
        (
            "a{2}",
            "aaa",
        ),
        "aa",
    ),
    (
        "mustRegexFind",
        (
            "a{2,}?",
            "aaaa",
        ),
        "aa",
    ),
    (
        "mustRegexFind",
        (
            "(?U)a{2,}",
            "aaaa",
        ),
        "aa",
    ),
    (
        "mustRegexFind",
        (
            "(a|ab)(c|bcd)",
            "abcd",
        ),
        "abcd",
    ),
    (
        "mustRegexFind",
        (
            "\\Bb",
            "ab b",
        ),
        "b",
    ),
    (
        "mustRegexFind",
        (
            "$",
            "a\n",
        ),
        "",
    ),
    (
        "regexFindAll",
        (
            "(?m)^\\w",
            "ab\ncd\n",
            -1,
        ),
        ["a", "c"],
    ),
    (
        "regexFindAll",
        (
            "(?m)$",
            "a\nb",
            -1,
        ),
        ["", ""],
    ),
    (
        "mustRegexFind",
        (
            "\\08",
            "\x008",
        ),
        "\x008",
    ),
    (
        "mustRegexFind",
        (
            "[\\x{41}-\\x{43}]+",
            "ABCD",
        ),
        "ABC",
    ),
    (
        "mustRegexFind",
        (
            "(?i)k",
            "K",
        ),
        "\u212a",
    ),
    (
        "mustRegexFind",
        (
            "\\C",
            "a",
        ),
        Err("error parsing regexp: invalid escape sequence: `\\C`"),
    ),
    (
        "mustRegexFind",
        (
            "\\e",
            "a",
        ),
        Err("error parsing regexp: invalid escape sequence: `\\e`"),
    ),
    (
        "mustRegexFind",
        (
            "(?-)",
            "a",
        ),
        Err("error parsing regexp: invalid or unsupported Perl syntax: `(?-)`"),
    ),
    (
        "mustRegexFind",
        (
            "(?i-s:a.)",
            "A\n",
        ),
        "",
    ),
    (
        "mustRegexFind",
        (
            "[[:foo:]]",
            "a",
        ),
        Err("error parsing regexp: invalid character class range: `[:foo:]`"),
    ),
    (
        "mustRegexFind",
        (
            "x{1,2}{3}",
            "x",
        ),
        Err("error parsing regexp: invalid nested repetition operator: `{1,2}{3}`"),
    ),
    (
        "mustRegexFind",
        (
            "x??",
            "x",
        ),
        "",
    ),
    (
        "mustRegexFind",
        (
            "x???",
            "x",
        ),
        Err("error parsing regexp: invalid nested repetition operator: `???`"),
    ),
    (
        "regexReplaceAll",
        (
            "(a)|b",
            "ab",
            "[$1]",
        ),
        "[a][]",
    ),
    (
        "regexReplaceAll",
        (
            "(?P<x>a)",
            "a",
            "${x}${1}$0$01",
        ),
        "aaa",
    ),
    (
        "regexReplaceAll",
        (
            "a*",
            "baaac",
            "X",
        ),
        "XbXcX",
    ),
    (
        "regexSplit",
        (
            "a*",
            "baaac",
            -1,
        ),
        ["b", "c"],
    ),
    (
        "regexSplit",
        (
            ",",
            "a,b,c",
            -1,
        ),
        ["a", "b", "c"],
    ),
    (
        "regexSplit",
        (
            ",",
            "a,b,c",
            2,
        ),
        ["a", "b,c"],
    ),
    (
        "wrap",
        (
            1,
            "a b c",
        ),
        "a\nb\nc",
    ),
    (
        "wrap",
        (
            3,
            "a   b",
        ),
        "a  \nb",
    ),
    (
        "wrapWith",
        (
            2,
            "\n",
            "abcdef",
        ),
        "ab\ncd\nef",
    ),
    (
        "wrap",
        (
            5,
            "héllo wörld",
        ),
        "h\u00e9llo\nw\u00f6rld",
    ),
    (
        "merge",
        (
            {"a": {"b": {"c": 1}}},
            {"a": {"b": {"d": 2}, "e": 3}},
        ),
        {"a": {"b": {"c": 1, "d": 2}, "e": 3}},
    ),
    (
        "mergeOverwrite",
        (
            {"a": {"b": 1}},
            {"a": {}},
        ),
        {"a": {"b": 1}},
    ),
    (
        "merge",
        (
            {"a": {}},
            {"a": {"x": 1}},
        ),
        {"a": {"x": 1}},
    ),
    (
        "mergeOverwrite",
        (
            {"a": [1, 2]},
            {"a": []},
        ),
        {"a": []},
    ),
    (
        "merge",
        (
            {"a": ""},
            {"a": None},
        ),
        {"a": ""},
    ),
    (
        "toPrettyJson",
        ({"a": [[], {}], "b": [{"c": 1}]},),
        '{\n  "a": [\n    [],\n    {}\n  ],\n  "b": [\n    {\n      "c": 1\n    }\n  ]\n}',
    ),
    ("toJson", (1e20,), "100000000000000000000"),
    ("toJson", (123456789.0,), "123456789"),
    ("toJson", (1.5e-07,), "1.5e-7"),
    ("toJson", (1e-06,), "0.000001"),
    ("camelcase", ("hello__world",), "Hello_World"),
    ("camelcase", ("-a-",), "-A-"),
    ("snakecase", ("ÀbcDef",), "\u00e0bc_def"),
    ("snakecase", ("a-_b",), "a__b"),
    ("kebabcase", ("x.Y",), "x.y"),
    ("snakecase", ("HelloWorld123Foo",), "hello_world123_foo"),
    ("snakecase", ("fooBar!baz",), "foo_bar!baz"),
    ("camelcase", ("héllo_wörld",), "H\u00e9lloW\u00f6rld"),
    (
        "abbrevboth",
        (
            5,
            10,
            "abcdefghijklmnopqrstuvwxyz",
        ),
        "...fghi...",
    ),
    (
        "abbrevboth",
        (
            20,
            10,
            "abcdefghijklmnopqrstuvwxyz",
        ),
        "...tuvwxyz",
    ),
    (
        "abbrev",
        (
            10,
            "héllo wörld dèf",
        ),
        "h\u00e9llo ...",
    ),
    (
        "urlParse",
        ("http://a@b@c/",),
        {
            "fragment": "",
            "host": "c",
            "hostname": "c",
            "opaque": "",
            "path": "/",
            "query": "",
            "scheme": "http",
            "userinfo": "a%40b",
        },
    ),
    (
        "urlParse",
        ("http://h/a%2Fb",),
        {
            "fragment": "",
            "host": "h",
            "hostname": "h",
            "opaque": "",
            "path": "/a/b",
            "query": "",
            "scheme": "http",
            "userinfo": "",
        },
    ),
    (
        "urlParse",
        ("http://h#a%zz",),
        Err('unable to parse url: parse "http://h#a%zz": invalid URL escape "%zz"'),
    ),
    ("urlJoin", ({"scheme": "http", "host": "h", "path": "/a%b"},), "http://h/a%25b"),
    ("urlJoin", ({"query": "a b", "path": "x"},), "x?a b"),
    ("quote", ("\u200b\ufeff😀",), '"\\u200b\\ufeff\U0001f600"'),
    (
        "squote",
        (
            1.0,
            True,
        ),
        "'1' 'true'",
    ),
    ("toString", (-0.0,), "-0"),
    (
        "cat",
        (
            1e21,
            1e20,
        ),
        "1e+21 1e+20",
    ),
    ("b64dec", ("////",), "\ufffd\ufffd\ufffd"),
    ("regexQuoteMeta", ("a|b\\c",), "a\\|b\\\\c"),
    (
        "round",
        (
            2.675,
            2,
        ),
        2.68,
    ),
    (
        "round",
        (
            -0.4,
            0,
        ),
        -1.0,
    ),
    (
        "divf",
        (
            1,
            3,
            3,
        ),
        0.1111111111111111,
    ),
    (
        "mulf",
        (
            0.1,
            0.2,
        ),
        0.02,
    ),
    ("subf", (1,), 1.0),
    (
        "addf",
        (
            0.1,
            0.2,
            0.3,
        ),
        0.6,
    ),
    ("int64", ("0X1f",), 31),
    ("int64", ("0_7",), 7),
    ("int64", ("0x_1f",), 31),
    ("int64", ("1__0",), 0),
    ("int64", ("9223372036854775808",), 0),
    ("int64", ("-9223372036854775808",), -9223372036854775808),
    ("float64", ("1_0",), 10.0),
    ("float64", ("0x1.8p1",), 3.0),
    ("float64", ("0x1_0p0",), 16.0),
    ("float64", ("1e-400",), 0.0),
    ("float64", ("Inf",), math.inf),
    ("float64", ("-nan",), 0.0),
]

#: Sprig's functions whose result is Go's ``int64`` (``int`` and ``atoi`` give an ``int``):
#: the recordings above give the value, this its type
INT64_RESULTS = frozenset(
    {"add", "add1", "sub", "mul", "div", "mod", "max", "biggest", "min", "int64", "toDecimal"}
)
CASES = [
    (name, args, values.Int64(want) if name in INT64_RESULTS and type(want) is int else want)
    for name, args, want in CASES
]


def same(expected: Any, got: Any) -> bool:
    """Equal as Go values: same kinds (int is not float, bool is not int), slices by items
    (a ``tuple`` is a ``[]string``), floats bit for bit (NaN equal to NaN, -0 not 0)."""
    if isinstance(expected, (list, tuple)) and isinstance(got, (list, tuple)):
        return len(expected) == len(got) and all(map(same, expected, got))
    if isinstance(expected, dict) and isinstance(got, dict):
        return expected.keys() == got.keys() and all(same(expected[k], got[k]) for k in expected)
    if type(expected) is not type(got):
        return False
    if isinstance(expected, float):
        if math.isnan(expected):
            return math.isnan(got)
        return expected == got and math.copysign(1, expected) == math.copysign(1, got)
    return bool(expected == got)


def outcome(name: str, args: tuple[Any, ...]) -> Any:
    try:
        return REGISTRY[name].impl(*args)
    except GoExecError as e:
        return Err(str(e))


def _case_id(case: tuple[str, tuple[Any, ...], Any]) -> str:
    return case[0]


@pytest.mark.parametrize(("name", "args", "expected"), CASES, ids=list(map(_case_id, CASES)))
def test_matches_go(name: str, args: tuple[Any, ...], expected: Any) -> None:
    got = outcome(name, args)
    if isinstance(expected, Err):
        assert isinstance(got, Err), f"{name}{args!r}: expected error {expected}, got {got!r}"
        assert got.message == expected.message
    else:
        assert not isinstance(got, Err), f"{name}{args!r} failed: {got}"
        assert same(expected, got), f"{name}{args!r}: {got!r} != Go's {expected!r}"


def test_error_result_functions_return_errors() -> None:
    assert REGISTRY["mustFirst"].error_result
    assert REGISTRY["mustRegexFind"].error_result
    assert REGISTRY["fail"].error_result
    assert REGISTRY["dig"].error_result
    assert not REGISTRY["first"].error_result  # panics instead, same message
    assert not REGISTRY["toJson"].error_result


@pytest.mark.parametrize(
    ("name", "params", "variadic"),
    [
        ("trunc", ("int", "string"), None),
        ("substr", ("int", "int", "string"), None),
        ("repeat", ("int", "string"), None),
        ("default", ("any",), "any"),
        ("ternary", ("any", "any", "bool"), None),
        ("round", ("any", "int"), "float64"),
        ("seq", (), "int"),
        ("pick", ("map[string]any",), "string"),
        ("pluck", ("string",), "map[string]any"),
        ("merge", ("map[string]any",), "map[string]any"),
        ("regexFindAll", ("string", "string", "int"), None),
        ("join", ("string", "any"), None),
        ("plural", ("string", "string", "int"), None),
        ("hello", (), None),
    ],
)
def test_go_signatures(name: str, params: tuple[str, ...], variadic: str | None) -> None:
    assert REGISTRY[name].params == params
    assert REGISTRY[name].variadic == variadic


#: Sprig 3.2.3's genericMap, without the date functions (another module's) and REFUSED
def _words(text: str) -> list[str]:
    return text.split()


#: (the names, space-separated)
SPRIG_NAMES = _words("""
hello abbrev abbrevboth trunc trim upper lower title untitle substr repeat trimall trimAll
trimSuffix trimPrefix nospace initials randAlphaNum randAlpha randAscii randNumeric swapcase
shuffle snakecase camelcase kebabcase wrap wrapWith contains hasPrefix hasSuffix quote squote
cat indent nindent replace plural sha1sum sha256sum adler32sum toString atoi int64 int float64
seq toDecimal split splitList splitn toStrings until untilStep add1 add sub div mod mul randInt
add1f addf subf divf mulf biggest max min maxf minf ceil floor round join sortAlpha default
empty coalesce all any compact mustCompact fromJson toJson toPrettyJson toRawJson mustFromJson
mustToJson mustToPrettyJson mustToRawJson ternary deepCopy mustDeepCopy typeOf typeIs
typeIsLike kindOf kindIs deepEqual base dir clean ext isAbs osBase osClean osDir osExt osIsAbs
b64enc b64dec b32enc b32dec tuple list dict get set unset hasKey pluck keys pick omit merge
mergeOverwrite mustMerge mustMergeOverwrite values append push mustAppend mustPush prepend
mustPrepend first mustFirst rest mustRest last mustLast initial mustInitial reverse mustReverse
uniq mustUniq without mustWithout has mustHas slice mustSlice concat dig chunk mustChunk
randBytes uuidv4 fail regexMatch mustRegexMatch regexFindAll mustRegexFindAll regexFind
mustRegexFind regexReplaceAll mustRegexReplaceAll regexReplaceAllLiteral
mustRegexReplaceAllLiteral regexSplit mustRegexSplit regexQuoteMeta urlParse urlJoin
""")


@pytest.mark.parametrize("name", SPRIG_NAMES)
def test_sprig_function_is_registered(name: str) -> None:
    assert name in REGISTRY


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_function_is_absent(name: str) -> None:
    assert name not in REGISTRY


# --- random functions: shapes and alphabets -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "alphabet"),
    [
        ("randAlphaNum", string.ascii_letters + string.digits),
        ("randAlpha", string.ascii_letters),
        ("randNumeric", string.digits),
        ("randAscii", "".join(map(chr, range(32, 127)))),
    ],
)
def test_random_strings(name: str, alphabet: str) -> None:
    s = REGISTRY[name].impl(200)
    assert len(s) == 200
    assert set(s) <= set(alphabet)
    assert REGISTRY[name].impl(0) == ""


def test_rand_int_range() -> None:
    got = {REGISTRY["randInt"].impl(3, 6) for _ in range(200)}
    assert got == {3, 4, 5}


def test_rand_bytes_is_base64_of_count_bytes() -> None:
    assert len(base64.b64decode(REGISTRY["randBytes"].impl(12))) == 12


def test_uuidv4_shape() -> None:
    u = REGISTRY["uuidv4"].impl()
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", u)


def test_shuffle_permutes_runes() -> None:
    s = "héllo wörld"
    got = REGISTRY["shuffle"].impl(s)
    assert sorted(got) == sorted(s)


# --- values Go has but the recorder could not pass ----------------------------------------------


def test_to_json_time_is_rfc3339nano() -> None:
    t = dt.datetime(2024, 1, 2, 3, 4, 5, 600000, tzinfo=dt.UTC)
    assert REGISTRY["toJson"].impl([t]) == '["2024-01-02T03:04:05.6Z"]'
    plus2 = dt.timezone(dt.timedelta(hours=2))
    assert REGISTRY["toJson"].impl(dt.datetime(2024, 1, 2, tzinfo=plus2)) == (
        '"2024-01-02T00:00:00+02:00"'
    )


def test_missing_is_nil() -> None:
    assert REGISTRY["default"].impl("d", values.MISSING) == "d"
    assert REGISTRY["empty"].impl(values.MISSING) is True
    assert REGISTRY["typeOf"].impl(values.MISSING) == "<nil>"
    assert REGISTRY["toJson"].impl(values.MISSING) == "null"
    assert REGISTRY["quote"].impl(values.MISSING, "a") == '"a"'


def test_content_typed_string_is_not_a_string_for_cast() -> None:
    # cast's type switch does not see template.HTML as a string
    assert REGISTRY["int"].impl(values.HTML("5")) == 0
    assert REGISTRY["typeOf"].impl(values.HTML("x")) == "template.HTML"
    assert REGISTRY["kindOf"].impl(values.HTML("x")) == "string"


def test_set_and_merge_modify_their_dict() -> None:
    d: dict[str, Any] = {"a": 1}
    assert REGISTRY["set"].impl(d, "b", 2) is d
    assert d == {"a": 1, "b": 2}
    REGISTRY["merge"].impl(d, {"c": 3})
    assert d == {"a": 1, "b": 2, "c": 3}


def test_deep_copy_is_deep() -> None:
    src = {"a": [1, {"b": 2}]}
    copied = REGISTRY["deepCopy"].impl(src)
    copied["a"][1]["b"] = 3
    assert src == {"a": [1, {"b": 2}]}


@pytest.mark.parametrize(("name", "args", "expected"), CASES, ids=list(map(_case_id, CASES)))
def test_through_make_caller(name: str, args: tuple[Any, ...], expected: Any) -> None:
    """The same cases through the template call machinery: Go's errors come out as
    ``error calling NAME: …``."""
    call = values.make_caller(REGISTRY[name])
    try:
        got = call(*args)
    except GoExecError as e:
        assert isinstance(expected, Err), f"{name}{args!r} failed: {e}"
        assert str(e) == f"error calling {name}: {expected.message}"
        return
    assert not isinstance(expected, Err), f"{name}{args!r}: expected {expected}, got {got!r}"
    assert same(expected, got)
