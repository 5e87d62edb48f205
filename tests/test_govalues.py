"""Go's value semantics (blaster.gotemplate.values): fmt printing, truth, field access,
argument conversion and the builtin template functions.

Every expectation here was produced by Go 1.19 (fmt.Sprintf, text/template) and is
hard-coded, so these tests do not need Go.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from typing import Any, ClassVar

import pytest

from blaster.gotemplate import nodes as n
from blaster.gotemplate import values as v
from blaster.gotemplate.funcs import REGISTRY, GoExecError, GoFunc

INF = math.inf
NAN = math.nan


class _T(v.GoStruct):
    go_type: ClassVar[str] = "main.T"
    go_fields: ClassVar[tuple[str, ...]] = ("Name", "Age", "L")

    def __init__(self, name: str, age: int, lst: list[Any]) -> None:
        self.Name, self.Age, self.L = name, age, lst


SPRINTF_CASES = [
    ("%v", [True], "true"),
    ("%t", [True], "true"),
    ("%5t", [True], " true"),
    ("%-6t|", [True], "true  |"),
    ("%d", [True], "%!d(bool=true)"),
    ("%s", [True], "%!s(bool=true)"),
    ("%q", [True], "%!q(bool=true)"),
    ("%T", [True], "bool"),
    ("%#v", [True], "true"),
    ("%v", [False], "false"),
    ("%t", [False], "false"),
    ("%5t", [False], "false"),
    ("%-6t|", [False], "false |"),
    ("%d", [False], "%!d(bool=false)"),
    ("%s", [False], "%!s(bool=false)"),
    ("%q", [False], "%!q(bool=false)"),
    ("%T", [False], "bool"),
    ("%#v", [False], "false"),
    ("%v", [None], "<nil>"),
    ("%+v", [None], "<nil>"),
    ("%#v", [None], "<nil>"),
    ("%d", [None], "%!d(<nil>)"),
    ("%s", [None], "%!s(<nil>)"),
    ("%q", [None], "%!q(<nil>)"),
    ("%x", [None], "%!x(<nil>)"),
    ("%5v", [None], "<nil>"),
    ("%T", [None], "<nil>"),
    ("%05d", [None], "%!d(<nil>)"),
    ("%t", [None], "%!t(<nil>)"),
    ("%.1f", [None], "%!f(<nil>)"),
    ("%v|%v", [None], "<nil>|%!v(MISSING)"),
    ("%v", [[]], "[]"),
    ("%+v", [[]], "[]"),
    ("%#v", [[]], "[]interface {}{}"),
    ("%d", [[]], "[]"),
    ("%s", [[]], "[]"),
    ("%q", [[]], "[]"),
    ("%x", [[]], "[]"),
    ("%5v", [[]], "[]"),
    ("%T", [[]], "[]interface {}"),
    ("%05d", [[]], "[]"),
    ("%t", [[]], "[]"),
    ("%.1f", [[]], "[]"),
    ("%v|%v", [[]], "[]|%!v(MISSING)"),
    ("%v", [[1, "a", None, 2.5, True]], "[1 a <nil> 2.5 true]"),
    ("%+v", [[1, "a", None, 2.5, True]], "[1 a <nil> 2.5 true]"),
    ("%#v", [[1, "a", None, 2.5, True]], '[]interface {}{1, "a", interface {}(nil), 2.5, true}'),
    ("%d", [[1, "a", None, 2.5, True]], "[1 %!d(string=a) <nil> %!d(float64=2.5) %!d(bool=true)]"),
    ("%s", [[1, "a", None, 2.5, True]], "[%!s(int=1) a <nil> %!s(float64=2.5) %!s(bool=true)]"),
    ("%q", [[1, "a", None, 2.5, True]], "['\\x01' \"a\" <nil> %!q(float64=2.5) %!q(bool=true)]"),
    ("%x", [[1, "a", None, 2.5, True]], "[1 61 <nil> 0x1.4p+01 %!x(bool=true)]"),
    ("%5v", [[1, "a", None, 2.5, True]], "[    1     a <nil>   2.5  true]"),
    ("%T", [[1, "a", None, 2.5, True]], "[]interface {}"),
    (
        "%05d",
        [[1, "a", None, 2.5, True]],
        "[00001 %!d(string=0000a) <nil> %!d(float64=002.5) %!d(bool=0true)]",
    ),
    ("%t", [[1, "a", None, 2.5, True]], "[%!t(int=1) %!t(string=a) <nil> %!t(float64=2.5) true]"),
    ("%.1f", [[1, "a", None, 2.5, True]], "[%!f(int=1) %!f(string=a) <nil> 2.5 %!f(bool=true)]"),
    ("%v|%v", [[1, "a", None, 2.5, True]], "[1 a <nil> 2.5 true]|%!v(MISSING)"),
    (
        "%v",
        [
            (
                "x",
                "y",
            )
        ],
        "[x y]",
    ),
    (
        "%+v",
        [
            (
                "x",
                "y",
            )
        ],
        "[x y]",
    ),
    (
        "%#v",
        [
            (
                "x",
                "y",
            )
        ],
        '[]string{"x", "y"}',
    ),
    (
        "%d",
        [
            (
                "x",
                "y",
            )
        ],
        "[%!d(string=x) %!d(string=y)]",
    ),
    (
        "%s",
        [
            (
                "x",
                "y",
            )
        ],
        "[x y]",
    ),
    (
        "%q",
        [
            (
                "x",
                "y",
            )
        ],
        '["x" "y"]',
    ),
    (
        "%x",
        [
            (
                "x",
                "y",
            )
        ],
        "[78 79]",
    ),
    (
        "%5v",
        [
            (
                "x",
                "y",
            )
        ],
        "[    x     y]",
    ),
    (
        "%T",
        [
            (
                "x",
                "y",
            )
        ],
        "[]string",
    ),
    (
        "%05d",
        [
            (
                "x",
                "y",
            )
        ],
        "[%!d(string=0000x) %!d(string=0000y)]",
    ),
    (
        "%t",
        [
            (
                "x",
                "y",
            )
        ],
        "[%!t(string=x) %!t(string=y)]",
    ),
    (
        "%.1f",
        [
            (
                "x",
                "y",
            )
        ],
        "[%!f(string=x) %!f(string=y)]",
    ),
    (
        "%v|%v",
        [
            (
                "x",
                "y",
            )
        ],
        "[x y]|%!v(MISSING)",
    ),
    ("%v", [{}], "map[]"),
    ("%+v", [{}], "map[]"),
    ("%#v", [{}], "map[string]interface {}{}"),
    ("%d", [{}], "map[]"),
    ("%s", [{}], "map[]"),
    ("%q", [{}], "map[]"),
    ("%x", [{}], "map[]"),
    ("%5v", [{}], "map[]"),
    ("%T", [{}], "map[string]interface {}"),
    ("%05d", [{}], "map[]"),
    ("%t", [{}], "map[]"),
    ("%.1f", [{}], "map[]"),
    ("%v|%v", [{}], "map[]|%!v(MISSING)"),
    ("%v", [{"B": "x", "a": [1], "b": 2, "c": None}], "map[B:x a:[1] b:2 c:<nil>]"),
    ("%+v", [{"B": "x", "a": [1], "b": 2, "c": None}], "map[B:x a:[1] b:2 c:<nil>]"),
    (
        "%#v",
        [{"B": "x", "a": [1], "b": 2, "c": None}],
        'map[string]interface {}{"B":"x", "a":[]interface {}{1}, "b":2, "c":interface {}(nil)}',
    ),
    (
        "%d",
        [{"B": "x", "a": [1], "b": 2, "c": None}],
        "map[%!d(string=B):%!d(string=x) %!d(string=a):[1] %!d(string=b):2 %!d(string=c):<nil>]",
    ),
    (
        "%s",
        [{"B": "x", "a": [1], "b": 2, "c": None}],
        "map[B:x a:[%!s(int=1)] b:%!s(int=2) c:<nil>]",
    ),
    (
        "%q",
        [{"B": "x", "a": [1], "b": 2, "c": None}],
        'map["B":"x" "a":[\'\\x01\'] "b":\'\\x02\' "c":<nil>]',
    ),
    ("%x", [{"B": "x", "a": [1], "b": 2, "c": None}], "map[42:78 61:[1] 62:2 63:<nil>]"),
    (
        "%5v",
        [{"B": "x", "a": [1], "b": 2, "c": None}],
        "map[    B:    x     a:[    1]     b:    2     c:<nil>]",
    ),
    ("%T", [{"B": "x", "a": [1], "b": 2, "c": None}], "map[string]interface {}"),
    (
        "%05d",
        [{"B": "x", "a": [1], "b": 2, "c": None}],
        'map[%!d(string=0000B):%!d(string=0000x) %!d(string=0000a):[0'
        '0001] %!d(string=0000b):00002 %!d(string=0000c):<nil>]',
    ),
    (
        "%t",
        [{"B": "x", "a": [1], "b": 2, "c": None}],
        'map[%!t(string=B):%!t(string=x) %!t(string=a):[%!t(int=1)] %'
        '!t(string=b):%!t(int=2) %!t(string=c):<nil>]',
    ),
    (
        "%.1f",
        [{"B": "x", "a": [1], "b": 2, "c": None}],
        'map[%!f(string=B):%!f(string=x) %!f(string=a):[%!f(int=1)] %'
        '!f(string=b):%!f(int=2) %!f(string=c):<nil>]',
    ),
    ("%v|%v", [{"B": "x", "a": [1], "b": 2, "c": None}], "map[B:x a:[1] b:2 c:<nil>]|%!v(MISSING)"),
    ("%v", [_T("Ann", 30, [1, "x"])], "{Ann 30 [1 x]}"),
    ("%+v", [_T("Ann", 30, [1, "x"])], "{Name:Ann Age:30 L:[1 x]}"),
    ("%#v", [_T("Ann", 30, [1, "x"])], 'main.T{Name:"Ann", Age:30, L:[]interface {}{1, "x"}}'),
    ("%d", [_T("Ann", 30, [1, "x"])], "{%!d(string=Ann) 30 [1 %!d(string=x)]}"),
    ("%s", [_T("Ann", 30, [1, "x"])], "{Ann %!s(int=30) [%!s(int=1) x]}"),
    ("%q", [_T("Ann", 30, [1, "x"])], "{\"Ann\" '\\x1e' ['\\x01' \"x\"]}"),
    ("%x", [_T("Ann", 30, [1, "x"])], "{416e6e 1e [1 78]}"),
    ("%5v", [_T("Ann", 30, [1, "x"])], "{  Ann    30 [    1     x]}"),
    ("%T", [_T("Ann", 30, [1, "x"])], "main.T"),
    ("%05d", [_T("Ann", 30, [1, "x"])], "{%!d(string=00Ann) 00030 [00001 %!d(string=0000x)]}"),
    ("%t", [_T("Ann", 30, [1, "x"])], "{%!t(string=Ann) %!t(int=30) [%!t(int=1) %!t(string=x)]}"),
    ("%.1f", [_T("Ann", 30, [1, "x"])], "{%!f(string=A) %!f(int=30) [%!f(int=1) %!f(string=x)]}"),
    ("%v|%v", [_T("Ann", 30, [1, "x"])], "{Ann 30 [1 x]}|%!v(MISSING)"),
    ("%v", [[[1, 2], {"k": "v"}]], "[[1 2] map[k:v]]"),
    ("%+v", [[[1, 2], {"k": "v"}]], "[[1 2] map[k:v]]"),
    (
        "%#v",
        [[[1, 2], {"k": "v"}]],
        '[]interface {}{[]interface {}{1, 2}, map[string]interface {}{"k":"v"}}',
    ),
    ("%d", [[[1, 2], {"k": "v"}]], "[[1 2] map[%!d(string=k):%!d(string=v)]]"),
    ("%s", [[[1, 2], {"k": "v"}]], "[[%!s(int=1) %!s(int=2)] map[k:v]]"),
    ("%q", [[[1, 2], {"k": "v"}]], "[['\\x01' '\\x02'] map[\"k\":\"v\"]]"),
    ("%x", [[[1, 2], {"k": "v"}]], "[[1 2] map[6b:76]]"),
    ("%5v", [[[1, 2], {"k": "v"}]], "[[    1     2] map[    k:    v]]"),
    ("%T", [[[1, 2], {"k": "v"}]], "[]interface {}"),
    ("%05d", [[[1, 2], {"k": "v"}]], "[[00001 00002] map[%!d(string=0000k):%!d(string=0000v)]]"),
    ("%t", [[[1, 2], {"k": "v"}]], "[[%!t(int=1) %!t(int=2)] map[%!t(string=k):%!t(string=v)]]"),
    ("%.1f", [[[1, 2], {"k": "v"}]], "[[%!f(int=1) %!f(int=2)] map[%!f(string=k):%!f(string=v)]]"),
    ("%v|%v", [[[1, 2], {"k": "v"}]], "[[1 2] map[k:v]]|%!v(MISSING)"),
    ("%d", [1, 2], "1%!(EXTRA int=2)"),
    ("%d", [1, "a", None, 2.5], "1%!(EXTRA string=a, <nil>, float64=2.5)"),
    ("%", [], "%!(NOVERB)"),
    ("abc%", [], "abc%!(NOVERB)"),
    ("%5", [], "%!(NOVERB)"),
    ("%!", [], "%!!(MISSING)"),
    ("%*d", [5, 3], "    3"),
    ("%-*d|", [5, 3], "3    |"),
    ("%*d", [-5, 3], "3    "),
    ("%*d", ["x", 3], "%!(BADWIDTH)3"),
    ("%.*f", [2, 3.14159], "3.14"),
    ("%.*f", [-2, 3.14159], "%!(BADPREC)3.141590"),
    ("%.*f", ["a", 3.14159], "%!(BADPREC)3.141590"),
    ("%[2]d %[1]d", [1, 2], "2 1"),
    ("%[3]d", [1, 2], "%!d(BADINDEX)"),
    ("%[2]*[1]d", [3, 5], "    3"),
    ("%[1]d %d", [1, 2], "1 2"),
    ("%[2]d", [1, 2], "2"),
    ("%5%", [], "%"),
    ("%3c|%-3c|", [65, 66], "  A|B  |"),
    ("%v %v", [None, None], "<nil> <nil>"),
    ("%#.3g", [-INF], "-Inf"),
    ("%.10g", [1e21], "1e+21"),
    ("%.0f", [1000000000000000.0], "1000000000000000"),
    ("%.3x", ["héllo"], "68c3a9"),
    ("%.2f", [0.5], "0.50"),
    ("%.3e", [1000000.0], "1.000e+06"),
    ("%f", [1000000], "%!f(int=1000000)"),
    ("%v", [123456.0], "123456"),
    ("%.3e", [1.005], "1.005e+00"),
    ("%.0d", [128512], "128512"),
    ("%d", [0.5], "%!d(float64=0.5)"),
    ("%d", [65], "65"),
    ("%E", [2.5], "2.500000E+00"),
    ("%.3e", [-1.0], "-1.000e+00"),
    ("%G", [100000.0], "100000"),
    ("%#b", [1], "0b1"),
    ("%c", [0], "\x00"),
    ("%s", [3.0], "%!s(float64=3)"),
    ("%08.2f", [0.3333333333333333], "00000.33"),
    ("%.0e", [100000.0], "1e+05"),
    ("%5.0d", [-9223372036854775808], "-9223372036854775808"),
    ("%e", [0], "%!e(int=0)"),
    ("%f", [3.0], "3.000000"),
    ("%.3d", [9223372036854775807], "9223372036854775807"),
    ("% f", [12345678.0], " 12345678.000000"),
    ("%f", [0.1], "0.100000"),
    ("%v", ["abc"], "abc"),
    ("%d", [""], "%!d(string=)"),
    ("%.3g", [3.0], "3"),
    ("%o", [128512], "373000"),
    ("%e", [128512], "%!e(int=128512)"),
    ("%.10g", [1000000000000000.0], "1e+15"),
    ("%g", [0.5], "0.5"),
    ("%.10g", [2.5], "2.5"),
    ("%s", [-1.0], "%!s(float64=-1)"),
    ("%-5d|", [9223372036854775807], "9223372036854775807|"),
    ("%G", [1e20], "1E+20"),
    ("%.0e", [5e-324], "5e-324"),
    ("%+q", [0], "'\\x00'"),
    ("%E", [1e21], "1.000000E+21"),
    ("%-5d|", [-9223372036854775808], "-9223372036854775808|"),
    ("%f", [12345678.0], "12345678.000000"),
    ("%#v", [9223372036854775807], "9223372036854775807"),
    ("%E", [INF], "+Inf"),
    ("%#X", [9223372036854775807], "0X7FFFFFFFFFFFFFFF"),
    ("%.20x", [255.9999], "0x1.fffff2e48e8a70000000p+07"),
    ("%T", ["nl\n"], "string"),
    ("%-8.2f|", [0.0001234], "0.00    |"),
    ("%10v", [123456.0], "    123456"),
    ("%.3d", [128512], "128512"),
    ("%T", ["abc"], "string"),
    ("%v", [1.5e-07], "1.5e-07"),
    ("%#v", [1.005], "1.005"),
    ("%E", [123456.0], "1.234560E+05"),
    ("%q", [-9223372036854775808], "'�'"),
    ("%5.1s|", ["emoji😀"], "    e|"),
    ("%G", [3.0], "3"),
    ("%+q", [9223372036854775807], "'\\ufffd'"),
    ("%.2f", [3.0], "3.00"),
    ("%-05d|", [1114112], "1114112|"),
    ("% f", [100.0], " 100.000000"),
    ("%o", [255], "377"),
    ("%010s", ["nl\n"], "0000000nl\n"),
    ("%q", [1000000], "'\\U000f4240'"),
    ("%5d", [1], "    1"),
    ("%b", [3.5], "7881299347898368p-51"),
    ("%10v", [INF], "      +Inf"),
    ("%b", [42], "101010"),
    ("%8.3d", [-1], "    -001"),
    ("%.10g", [99.995], "99.995"),
    (
        "% f",
        [1.7976931348623157e308],
        ' 17976931348623157081452742373170435679807056752584499659891'
        '747680315726078002853876058955863276687817154045895351438246'
        '423432132688946418276846754670353751698604991057655128207624'
        '549009038932894407586850845513394230458323690322294816580855'
        '933212334827479782620414472316873817718091929988125040402618'
        '4124858368.000000',
    ),
    ("%.3e", [0.6666666666666666], "6.667e-01"),
    ("%+x", [1e300], "+0x1.7e43c8800759cp+996"),
    ("%G", [0.0001234], "0.0001234"),
    ("%# x", ["日本語"], "0xe6 0x97 0xa5 0xe6 0x9c 0xac 0xe8 0xaa 0x9e"),
    ("%.0x", [-2.75], "-0x1p+01"),
    ("%10v", [0.3333333333333333], "0.3333333333333333"),
    ("%s", [1000000.0], "%!s(float64=1e+06)"),
    ("% d", [128512], " 128512"),
    ("%#g", [1.7976931348623157e308], "1.7976931348623157e+308"),
    ("%05d", [1000000], "1000000"),
    ("%X", [255], "FF"),
    ("%E", [1.2345e-05], "1.234500E-05"),
    ("%#q", ["\u200b"], "`\u200b`"),
    ("%O", [-1], "-0o1"),
    ("% f", [5e-324], " 0.000000"),
    ("%o", [1114112], "4200000"),
    ("%g", [1000000.0], "1e+06"),
    ("%#X", [65], "0X41"),
    ("%f", [1e-05], "0.000010"),
    ("%+08.3f", [3.14159], "+003.142"),
    ("%.3e", [1.2345e-05], "1.234e-05"),
    ("%s", [1e21], "%!s(float64=1e+21)"),
    ("%e", [-42], "%!e(int=-42)"),
    ("%.0d", [0], ""),
    ("%G", [-1.0], "-1"),
    ("%-10s|", ["tab\there"], "tab\there  |"),
    ("%#g", [1000000.0], "1.00000e+06"),
    ("%.1x", [0.0], "0x0.0p+00"),
    ("%+d", [9223372036854775807], "+9223372036854775807"),
    ("%-5d|", [128512], "128512|"),
    ("%.20x", [0.1], "0x1.999999999999a0000000p-04"),
    ("%#v", [INF], "+Inf"),
    ("%v", [1.2345e-05], "1.2345e-05"),
    ("%v", ["日本語"], "日本語"),
    ("%.20f", [1.2345e-05], "0.00001234500000000000"),
    ("%b", [55296], "1101100000000000"),
    ("%#o", [255], "0377"),
    ("%q", [128512], "'😀'"),
    ("%.3x", [5e-324], "0x1.000p-1074"),
    ("%T", [-1], "int"),
    ("%.10g", [3.0], "3"),
    ("%s", [100000.0], "%!s(float64=100000)"),
    ("%v", [1e100], "1e+100"),
    ("%-05d|", [42], "42   |"),
    ("%#q", ["日本語"], "`日本語`"),
    ("%+q", ["tab\there"], '"tab\\there"'),
    ("% f", [3.0], " 3.000000"),
    ("%.3e", [3.0], "3.000e+00"),
    ("%# x", ["\u200b"], "0xe2 0x80 0x8b"),
    ("%5.1s|", ["日本語"], "    日|"),
    ("%-8.2f|", [INF], "+Inf    |"),
    ("%.2s", ["héllo"], "hé"),
    ("%O", [128512], "0o373000"),
    ("%t", ["nl\n"], "%!t(string=nl\n)"),
    ("% d", [-1], "-1"),
    ("%.3g", [5e-324], "4.94e-324"),
    ("%v", ["`back`"], "`back`"),
    ("%d", [0.05], "%!d(float64=0.05)"),
    ("%.2s", ["tab\there"], "ta"),
    ("%#g", [1.2345e-05], "1.23450e-05"),
    ("%d", [-0.0], "%!d(float64=-0)"),
    ("% d", [42], " 42"),
    ("%E", [99.995], "9.999500E+01"),
    ("%G", [1e-05], "1E-05"),
    ("%#b", [1114112], "0b100010000000000000000"),
    ("%s", [1234567.0], "%!s(float64=1.234567e+06)"),
    ("% d", [255], " 255"),
    ("%v", [3.0], "3"),
    ("%#g", [2.5], "2.50000"),
    ("%x", [1.0], "0x1p+00"),
    ("%08.2f", [5e-324], "00000.00"),
    ("%v", [1e20], "1e+20"),
    ("%s", ["\ufeff"], "\ufeff"),
    ("%e", [0.6666666666666666], "6.666667e-01"),
    ("%d", [1000000000000000.0], "%!d(float64=1e+15)"),
    ("%G", [1000000000000000.0], "1E+15"),
    ("%.20f", [1000000.0], "1000000.00000000000000000000"),
    ("%.3e", [1e-05], "1.000e-05"),
    ("%.3g", [1e16], "1e+16"),
    ("%.3d", [-9223372036854775808], "-9223372036854775808"),
    ("%.0e", [1e100], "1e+100"),
    ("%.0f", [1e20], "100000000000000000000"),
    ("%X", [1], "1"),
    ("%8.3d", [-9223372036854775808], "-9223372036854775808"),
    ("%#v", [1e100], "1e+100"),
    ("%s", ["emoji😀"], "emoji😀"),
    ("%#X", [0], "0X0"),
    ("%#g", [99.995], "99.9950"),
    ("%10q", ["nl\n"], '    "nl\\n"'),
    ("%+.1f", [0.05], "+0.1"),
    ("%.0f", [0.1], "0"),
    ("%.20f", [1e21], "1000000000000000000000.00000000000000000000"),
    ("%f", [100000.0], "100000.000000"),
    ("%v", [0.0001234], "0.0001234"),
    ("%10v", [0.1], "       0.1"),
    ("%5.1s|", ['a"b\\c'], "    a|"),
    ("%.20f", [0.1], "0.10000000000000000555"),
    ("%v", [-0.0], "-0"),
    ("%.3d", [-42], "-042"),
    ("%-5d|", [55296], "55296|"),
    ("% f", [0.0001234], " 0.000123"),
    ("%-8.2f|", [123456789.125], "123456789.12|"),
    ("%f", [5e-324], "0.000000"),
    ("%G", [0.0], "0"),
    ("%-8.2f|", [1e21], "1000000000000000000000.00|"),
    ("%.0d", [1000000], "1000000"),
    ("%08.2f", [1.005], "00001.00"),
    ("%#o", [1114112], "04200000"),
    ("%8.3d", [9223372036854775807], "9223372036854775807"),
    ("%.3e", [-INF], "-Inf"),
    ("%.0e", [12345678.0], "1e+07"),
    ("%5.1s|", ["\x00\x7f"], "    \x00|"),
    ("%q", [65], "'A'"),
    ("%T", [1114112], "int"),
    ("%X", ['a"b\\c'], "6122625C63"),
    ("%x", ["nl\n"], "6e6c0a"),
    ("%#q", ["\ufeff"], '"\\ufeff"'),
    ("%#g", [0.5], "0.500000"),
    ("%e", [-1], "%!e(int=-1)"),
    ("%#.2x", [5e-324], "0x1.00p-1074"),
    ("%X", [9223372036854775807], "7FFFFFFFFFFFFFFF"),
    ("%+.1f", [1000000000000000.0], "+1000000000000000.0"),
    ("%s", [1000000000000000.0], "%!s(float64=1e+15)"),
    ("%f", [1e16], "10000000000000000.000000"),
    ("%#.3g", [1000000000000000.0], "1.00e+15"),
    ("%.10g", [123456.0], "123456"),
    ("%b", [-42], "-101010"),
    ("%# x", ["abc"], "0x61 0x62 0x63"),
    ("%.3e", [1e16], "1.000e+16"),
    ("%E", [3.0], "3.000000E+00"),
    ("%.3g", [1.5e-07], "1.5e-07"),
    ("%.0e", [3.0], "3e+00"),
    ("%10v", [100.0], "       100"),
    ("%e", [1], "%!e(int=1)"),
    ("%.10g", [0.0001], "0.0001"),
    ("%8.3f", [1234567.0], "1234567.000"),
    ("%t", [55296], "%!t(int=55296)"),
    ("%+.1f", [0.5], "+0.5"),
    ("%.0e", [123456.0], "1e+05"),
    ("%v", [0.0], "0"),
    ("%.0d", [9223372036854775807], "9223372036854775807"),
    ("%t", [1000000], "%!t(int=1000000)"),
    ("%#.3g", [123456.0], "1.23e+05"),
    ("%v", [1.005], "1.005"),
    ("%#U", [1114112], "U+110000"),
    ("%.3e", [1.0], "1.000e+00"),
    ("%v", [1000000.0], "1e+06"),
    ("%.0e", [100.0], "1e+02"),
    ("%.3d", [1114112], "1114112"),
    ("%.2f", [0.05], "0.05"),
    ("%.0f", [1e21], "1000000000000000000000"),
    ("%08.2f", [0.6666666666666666], "00000.67"),
    ("%#.3g", [1.2345e-05], "1.23e-05"),
    ("%+05d", [55296], "+55296"),
    ("%f", [1.005], "1.005000"),
    ("%#v", [42], "42"),
    ("%+.1f", [12345678.0], "+12345678.0"),
    ("%.10g", [1234567.0], "1234567"),
    ("%t", [-42], "%!t(int=-42)"),
    ("%#b", [42], "0b101010"),
    ("%o", [-42], "-52"),
    ("%+q", [-42], "'\\ufffd'"),
    ("%#g", [INF], "+Inf"),
    ("%E", [100000.0], "1.000000E+05"),
    ("%z", [3], "%!z(int=3)"),
    ("%g", [1.2345e-05], "1.2345e-05"),
    ("%x", ["\ufeff"], "efbbbf"),
    ("%#g", [123456789.125], "1.23456789125e+08"),
    ("%X", [-42], "-2A"),
    ("%t", ["\x00\x7f"], "%!t(string=\x00\x7f)"),
    ("%#v", [0.0001], "0.0001"),
    ("%U", [65], "U+0041"),
    ("%s", [-0.0], "%!s(float64=-0)"),
    ("%08.2f", [100.0], "00100.00"),
    ("%#X", [1000000], "0XF4240"),
    ("%08.2f", [1e21], "1000000000000000000000.00"),
    ("%.2s", ["\x00\x7f"], "\x00\x7f"),
    ("%X", [-9223372036854775808], "-8000000000000000"),
    ("%E", [1.0], "1.000000E+00"),
    ("%08v", [INF], "    +Inf"),
    (
        "%-8.2f|",
        [1.7976931348623157e308],
        '179769313486231570814527423731704356798070567525844996598917'
        '476803157260780028538760589558632766878171540458953514382464'
        '234321326889464182768467546703537516986049910576551282076245'
        '490090389328944075868508455133942304583236903222948165808559'
        '332123348274797826204144723168738177180919299881250404026184'
        '124858368.00|',
    ),
    ("%+q", ["héllo"], '"h\\u00e9llo"'),
    ("%#v", [100000.0], "100000"),
    ("%q", ["日本語"], '"日本語"'),
    ("%.3g", [123456789.125], "1.23e+08"),
    ("%.0d", [65], "65"),
    ("%E", [1.005], "1.005000E+00"),
    ("%.3g", [1e-05], "1e-05"),
    ("%G", [99.995], "99.995"),
]
SPRINT_CASES = [
    (False, [1, 2], "1 2"),
    (True, [1, 2], "1 2\n"),
    (False, ["a", "b"], "ab"),
    (True, ["a", "b"], "a b\n"),
    (False, [1, "a", 2], "1a2"),
    (True, [1, "a", 2], "1 a 2\n"),
    (False, ["a", 1, 2, "b"], "a1 2b"),
    (True, ["a", 1, 2, "b"], "a 1 2 b\n"),
    (False, [None, None], "<nil> <nil>"),
    (True, [None, None], "<nil> <nil>\n"),
    (False, [1.5, True], "1.5 true"),
    (True, [1.5, True], "1.5 true\n"),
    (False, [[1], [2]], "[1] [2]"),
    (True, [[1], [2]], "[1] [2]\n"),
    (False, ["", 1, ""], "1"),
    (True, ["", 1, ""], " 1 \n"),
    (False, [_T("Ann", 30, [1, "x"]), 3], "{Ann 30 [1 x]} 3"),
    (True, [_T("Ann", 30, [1, "x"]), 3], "{Ann 30 [1 x]} 3\n"),
    (False, [], ""),
    (True, [], "\n"),
]


@pytest.mark.parametrize(("fmt", "args", "want"), SPRINTF_CASES)
def test_sprintf(fmt: str, args: list[Any], want: str) -> None:
    assert v.sprintf(fmt, *args) == want


@pytest.mark.parametrize(("ln", "args", "want"), SPRINT_CASES)
def test_sprint(ln: bool, args: list[Any], want: str) -> None:
    assert (v.sprintln if ln else v.sprint)(*args) == want


# --- the data of the text/template cases ---------------------------------------------------------


class _Sub(v.GoStruct):
    go_type: ClassVar[str] = "main.Sub"
    go_fields: ClassVar[tuple[str, ...]] = ("Name", "Attribs", "Tags")
    go_methods: ClassVar[dict[str, GoFunc]] = {
        "Hello": GoFunc("Hello", lambda s: "hi " + s.Name),
        "Greet": GoFunc("Greet", lambda s, g: g + " " + s.Name, ("string",)),
        "Add": GoFunc("Add", lambda s, a, b: a + b, ("int", "int")),
        "Many": GoFunc("Many", lambda s, *a: ",".join(a), (), variadic="string"),
    }

    def __init__(self) -> None:
        self.Name = "Ann"
        self.Attribs = {"city": "Paris", "n": None, "age": 30, "f": 1.5, "l": [1, "x"]}
        self.Tags = ("t1", "t2")
        self.secret = "never reachable"


class _PSub(_Sub):
    go_type: ClassVar[str] = "*main.Sub"


class _P(v.GoStruct):
    go_type: ClassVar[str] = "main.P"
    go_fields: ClassVar[tuple[str, ...]] = ("A", "B")
    go_comparable: ClassVar[bool] = True

    def __init__(self) -> None:
        self.A, self.B = 1, 2


class _PP(_P):
    go_type: ClassVar[str] = "*main.P"


SUB, PSUB = _Sub(), _PSub()
D: dict[str, Any] = {
    "nilv": None, "s": "str", "i": 3, "f": 1.5, "l": [1, "a", None], "m": {"b": 2, "a": 1},
    "e": "", "z": 0, "b": True, "sub": SUB, "psub": PSUB, "u": "héllo", "zf": 0.0, "el": [],
    "em": {},
}  # fmt: skip
M = v.MISSING


def _go(name: str, *args: Any) -> Any:
    fn = v.slice_func if name == "slice" else REGISTRY[name]
    return v.make_caller(fn)(*args)


def _err(fn: Any, *args: Any) -> str:
    with pytest.raises(GoExecError) as exc:
        fn(*args)
    return str(exc.value)


# --- truth ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "want"),
    [
        (0, False), (3, True), (-1, True), (0.0, False), (-0.0, False), (1.5, True),
        (NAN, True), ("", False), ("x", True), (v.HTML(""), False), (v.HTML("x"), True),
        ([], False), ([None], True), ((), False), (("a",), True), ({}, False), ({"a": 1}, True),
        (None, False), (M, False), (True, True), (False, False), (SUB, True), (PSUB, True),
        (dt.datetime(1, 1, 1), True),
    ],
)  # fmt: skip
def test_truth(value: Any, want: bool) -> None:
    assert v.truth(value) is want
    assert _go("not", value) is (not want)


# --- print_value ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "want"),
    [
        (M, "<no value>"), (None, "<no value>"), (1.5, "1.5"), ([1, "a", None], "[1 a <nil>]"),
        ({"b": 2, "a": 1}, "map[a:1 b:2]"), (True, "true"), (1e6, "1e+06"), (1.5e-7, "1.5e-07"),
        (3.0, "3"), (-0.0, "-0"), (97, "97"), (0.0, "0"), (("a", "b"), "[a b]"),
        (SUB, "{Ann map[age:30 city:Paris f:1.5 l:[1 x] n:<nil>] [t1 t2]}"),
        (PSUB, "{Ann map[age:30 city:Paris f:1.5 l:[1 x] n:<nil>] [t1 t2]}"),
        (v.HTML("<b>"), "<b>"), (INF, "+Inf"), (-INF, "-Inf"), (NAN, "NaN"),
    ],
)  # fmt: skip
def test_print_value(value: Any, want: str) -> None:
    assert v.print_value(value) == want


def test_struct_printing_forms() -> None:
    assert v.sprintf("%+v", PSUB) == (
        "&{Name:Ann Attribs:map[age:30 city:Paris f:1.5 l:[1 x] n:<nil>] Tags:[t1 t2]}"
    )
    assert v.sprintf("%T %T %T %T", D["l"], D["m"], SUB, PSUB) == (
        "[]interface {} map[string]interface {} main.Sub *main.Sub"
    )
    assert v.sprintf("%T", ("a", "b")) == "[]string"
    assert v.sprint([PSUB]) == "[0xc000010000]"  # Go prints the pointer's address


def test_time_prints_through_gotime_or_fallback() -> None:
    out = v.sprint(dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
    assert out.startswith("2024-01-02 03:04:05 +0000 UTC")
    assert v.go_type_name(dt.datetime(2024, 1, 2)) == "time.Time"


# --- fields and methods --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "want"),
    [
        (("sub", "Name"), "Ann"), (("sub", "Hello"), "hi Ann"),
        (("sub", "Attribs", "city"), "Paris"),
        (("sub", "Attribs", "zz"), M), (("psub", "Name"), "Ann"), (("missing",), M),
        (("missing", "x"), M), (("m", "x"), M), (("sub", "Attribs", "n"), None),
        (("sub", "Tags"), ("t1", "t2")),
    ],
)  # fmt: skip
def test_field_chain(names: tuple[str, ...], want: Any) -> None:
    assert v.field_chain(D, names) == want


@pytest.mark.parametrize(
    ("names", "want"),
    [
        (("nilv", "x"), "nil pointer evaluating interface {}.x"),
        (("s", "x"), "can't evaluate field x in type interface {}"),
        (("l", "x"), "can't evaluate field x in type interface {}"),
        (("f", "x"), "can't evaluate field x in type interface {}"),
        (("sub", "nope"), "can't evaluate field nope in type interface {}"),
        (("sub", "secret"), "can't evaluate field secret in type interface {}"),
        (("sub", "__class__"), "can't evaluate field __class__ in type interface {}"),
        (("sub", "go_field"), "can't evaluate field go_field in type interface {}"),
        (("sub", "Attribs", "city", "x"), "can't evaluate field x in type interface {}"),
        (("sub", "Attribs", "n", "x"), "nil pointer evaluating interface {}.x"),
        (("sub", "Attribs", "l", "x"), "can't evaluate field x in type interface {}"),
        (("sub", "Tags", "x"), "can't evaluate field x in type []string"),
        (("sub", "Greet"), "wrong number of args for Greet: want 1 got 0"),
    ],
)
def test_field_chain_errors(names: tuple[str, ...], want: str) -> None:
    assert _err(v.field_chain, D, names) == want


def test_field_on_values_of_static_type() -> None:
    # {{with $x := .s}}{{$x.y}}{{end}}: a variable holds the concrete string
    assert _err(v.field, "str", "y") == "can't evaluate field y in type string"
    assert _err(v.field, SUB, "nope") == "can't evaluate field nope in type main.Sub"
    assert _err(v.field, PSUB, "nope") == "can't evaluate field nope in type *main.Sub"
    assert _err(v.field, 1.5, "x") == "can't evaluate field x in type float64"
    assert _err(v.field, [1], "x") == "can't evaluate field x in type []interface {}"
    assert v.field(v.pipeline_result(None), "y") is M  # {{(.nilv).y}}


@pytest.mark.parametrize(
    ("recv", "name", "args", "want"),
    [
        (SUB, "Greet", ["yo"], "yo Ann"), (SUB, "Add", [1, 2], 3), (SUB, "Many", ["a", "b"], "a,b"),
        (SUB, "Many", [], ""), (M, "Greet", ["x"], M), (SUB, "Hello", [], "hi Ann"),
    ],
)  # fmt: skip
def test_call_method(recv: Any, name: str, args: list[Any], want: Any) -> None:
    assert v.call_method(recv, name, args) == want


@pytest.mark.parametrize(
    ("recv", "name", "args", "iface", "want"),
    [
        (SUB, "Greet", [1], False, "wrong type for value; expected string; got int"),
        (SUB, "Name", ["x"], False, "Name has arguments but cannot be invoked as function"),
        (SUB.Attribs, "city", ["x"], False, "city is not a method but has arguments"),
        (None, "Greet", ["x"], True, "nil pointer evaluating interface {}.Greet"),
        (3, "Foo", ["x"], True, "can't evaluate field Foo in type interface {}"),
        (SUB, "Add", [1], False, "wrong number of args for Add: want 2 got 1"),
        (SUB, "Add", [1, 2.5], False, "wrong type for value; expected int; got float64"),
    ],
)  # fmt: skip
def test_call_method_errors(recv: Any, name: str, args: list[Any], iface: bool, want: str) -> None:
    assert _err(v.call_method, recv, name, args, iface) == want


# --- argument conversion -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "typ", "want"),
    [
        (M, "any", None), (None, "any", None), (3, "any", 3), (M, "[]any", None),
        (M, "map[string]any", None), ([1], "[]any", [1]), (("a",), "[]string", ("a",)),
        ({"a": 1}, "map[string]any", {"a": 1}),
        (M, "reflect.Value", M), (None, "reflect.Value", None),
        (3, "int", 3), (v.Int64(3), "int64", v.Int64(3)), (1.5, "float64", 1.5),
        ("x", "string", "x"),
        (True, "bool", True), (SUB, "main.Sub", SUB), (dt.datetime(2000, 1, 1), "time.Time",
        dt.datetime(2000, 1, 1)), (v.HTML("x"), "any", v.HTML("x")),
    ],
)  # fmt: skip
def test_convert_arg(value: Any, typ: str, want: Any) -> None:
    got = v.convert_arg(value, typ)
    assert got == want and type(got) is type(want)


@pytest.mark.parametrize(
    ("value", "typ", "want"),
    [
        (None, "string", "wrong type for value; expected string; got interface {}"),
        (M, "string", "invalid value; expected string"),
        (1.5, "string", "wrong type for value; expected string; got float64"),
        (v.Int64(3), "int", "wrong type for value; expected int; got int64"),
        (3, "int64", "wrong type for value; expected int64; got int"),
        (1.5, "int", "wrong type for value; expected int; got float64"),
        (3, "float64", "wrong type for value; expected float64; got int"),
        (M, "bool", "invalid value; expected bool"),
        (3, "bool", "wrong type for value; expected bool; got int"),
        (True, "string", "wrong type for value; expected string; got bool"),
        (True, "int", "wrong type for value; expected int; got bool"),
        (("t1", "t2"), "[]any", "wrong type for value; expected []interface {}; got []string"),
        (v.HTML("x"), "string", "wrong type for value; expected string; got template.HTML"),
        ("x", "[]any", "wrong type for value; expected []interface {}; got string"),
        (M, "int", "invalid value; expected int"),
    ],
)
def test_convert_arg_errors(value: Any, typ: str, want: str) -> None:
    assert _err(v.convert_arg, value, typ) == want


def _num(text: str, **kw: Any) -> n.NumberNode:
    return n.NumberNode(1, 1, text, **kw)


N3 = _num("3", is_int=True, is_float=True, int_value=3, float_value=3.0)
N35 = _num("3.5", is_float=True, float_value=3.5)
N30 = _num("3.0", is_int=True, is_float=True, int_value=3, float_value=3.0)
N1E3 = _num("1e3", is_int=True, is_float=True, int_value=1000, float_value=1000.0)
NCH = _num("'a'", is_int=True, is_uint=True, is_float=True, int_value=97, float_value=97.0)
NHEX = _num("0x10", is_int=True, is_uint=True, is_float=True, int_value=16, float_value=16.0)
NNEG = _num("-3", is_int=True, is_float=True, int_value=-3, float_value=-3.0)
N3U = _num("3", is_int=True, is_uint=True, is_float=True, int_value=3, float_value=3.0)
STR = n.StringNode(1, 1, '"x"', "x")
TRUE = n.BoolNode(1, 1, True)
NIL = n.NilNode(1, 1)


@pytest.mark.parametrize(
    ("node", "typ", "want"),
    [
        (N3, "float64", 3.0), (N30, "int", 3), (N1E3, "int", 1000), (NIL, "[]any", None),
        (NIL, "any", None), (NIL, "reflect.Value", M), (NCH, "any", 97), (N1E3, "any", 1000.0),
        (NHEX, "any", 16), (N30, "any", 3.0), (N3, "any", 3), (TRUE, "bool", True),
        (NCH, "float64", 97.0), (N3U, "uint", 3), (TRUE, "any", True), (STR, "any", "x"),
        (NHEX, "float64", 16.0), (NHEX, "int", 16), (NCH, "int", 97), (STR, "string", "x"),
        (N35, "reflect.Value", 3.5), (NIL, "map[string]any", None),
        (N3, "int64", v.Int64(3)),
    ],
)  # fmt: skip
def test_const_arg(node: n.Node, typ: str, want: Any) -> None:
    got = v.const_arg(node, typ)
    assert got == want and type(got) is type(want)


@pytest.mark.parametrize(
    ("node", "typ", "want"),
    [
        (N35, "int", "expected integer; found 3.5"), (N3, "string", "expected string; found 3"),
        (STR, "int", 'expected integer; found "x"'), (NIL, "int", "cannot assign nil to int"),
        (NIL, "string", "cannot assign nil to string"), (N3, "bool", "expected bool; found 3"),
        (STR, "float64", 'expected float; found "x"'),
        (NNEG, "uint", "expected unsigned integer; found -3"),
        (N3, "[]any", "can't handle 3 for arg of type []interface {}"),
    ],
)  # fmt: skip
def test_const_arg_errors(node: n.Node, typ: str, want: str) -> None:
    assert _err(v.const_arg, node, typ) == want


UPPER = GoFunc("upper", str.upper, ("string",))
TWO = GoFunc("two", lambda a, b: a + b, ("string", "string"))
VARI = GoFunc("vari", lambda a, *b: v.sprint(a, list(b)), ("string",), variadic="int")
ERRF = GoFunc("errf", lambda: (_ for _ in ()).throw(GoExecError("boom")), (), error_result=True)
ANYT = GoFunc("anyT", lambda a: v.sprintf("%T %v", a, a), ("any",))


@pytest.mark.parametrize(
    ("fn", "args", "want"),
    [
        (VARI, ["x"], "x[]"), (VARI, ["a", 1, 2], "a[1 2]"), (UPPER, ["a"], "A"),
        (ANYT, [M], "<nil> <nil>"), (ANYT, [None], "<nil> <nil>"), (ANYT, [1.5], "float64 1.5"),
        (TWO, ["a", "b"], "ab"),
    ],
)  # fmt: skip
def test_make_caller(fn: GoFunc, args: list[Any], want: str) -> None:
    assert v.make_caller(fn)(*args) == want


@pytest.mark.parametrize(
    ("fn", "args", "want"),
    [
        (UPPER, [], "wrong number of args for upper: want 1 got 0"),
        (UPPER, ["a", "b"], "wrong number of args for upper: want 1 got 2"),
        (TWO, ["a"], "wrong number of args for two: want 2 got 1"),
        (VARI, [], "wrong number of args for vari: want at least 1 got 0"),
        (VARI, ["a", "b"], "wrong type for value; expected int; got string"),
        (ERRF, [], "error calling errf: boom"),
        (UPPER, [M], "invalid value; expected string"),
        (UPPER, [1.5], "wrong type for value; expected string; got float64"),
        (REGISTRY["and"], [], "wrong number of args for and: want at least 1 got 0"),
    ],
)
def test_make_caller_errors(fn: GoFunc, args: list[Any], want: str) -> None:
    assert _err(v.make_caller(fn), *args) == want


# --- builtins ------------------------------------------------------------------------------------

L, MP, S, U = D["l"], D["m"], D["s"], D["u"]


@pytest.mark.parametrize(
    ("name", "args", "want"),
    [
        ("eq", [3, 3], True), ("eq", [3, 4, 3], True), ("eq", ["str", "str"], True),
        ("eq", [True, True], True), ("eq", [1.5, 1.5], True), ("eq", [M, 0], False),
        ("eq", [0, M], False), ("eq", [None, M], True), ("eq", [M, M], True),
        ("eq", [L, M], False), ("eq", [M, L], False), ("eq", [PSUB, PSUB], True),
        ("eq", [_P(), _P()], True), ("eq", [_PP(), _PP()], False), ("eq", ["a", "a", 3], True),
        ("eq", [v.HTML("a"), "a"], True), ("eq", [1j, 1j], True), ("eq", [None, "x"], False),
        ("ne", [3, 3], False), ("ne", [3, 4], True),
        ("lt", [1, 2], True), ("lt", [2, 1], False), ("lt", [1.5, 2.5], True),
        ("lt", ["a", "b"], True), ("lt", ["é", "z"], False), ("le", [2, 2], True),
        ("le", [3, 2], False), ("gt", [3, 2], True), ("gt", [2, 2], False), ("ge", [2, 2], True),
        ("ge", [1, 2], False), ("ge", ["b", "a"], True),
        ("and", [1, 0, 2], 0), ("and", [1, 2], 2), ("and", [M, 1], M), ("or", [0, "", 3], 3),
        ("or", [0, ""], ""), ("or", [M, 1], 1), ("or", [M, None], None), ("not", [0], True),
        ("not", [L], False), ("not", [[]], True), ("not", [{}], True), ("not", [SUB], False),
        ("len", ["str"], 3), ("len", ["héllo"], 6), ("len", [L], 3), ("len", [MP], 2),
        ("len", [("a",)], 1), ("len", [v.HTML("<b>")], 3),
        ("index", [L, 0], 1), ("index", ["str", 2], 114), ("index", ["héllo", 1], 195),
        ("index", [MP, "a"], 1), ("index", [MP, "zz"], None), ("index", [L], L),
        ("index", [SUB.Attribs, "city"], "Paris"), ("index", [SUB.Tags, 1], "t2"),
        ("index", [[[1, [2, 3]]], 0, 1, 1], 3),
        ("slice", ["str"], "str"), ("slice", ["héllo", 1, 3], "é"), ("slice", [L, 1, 2], ["a"]),
        ("slice", [L, 1], ["a", None]), ("slice", [L, 0, 3, 3], L), ("slice", [L, 1, 2, 3], ["a"]),
        ("slice", [("a", "b"), 1], ("b",)), ("slice", ["str", 3], ""),
        ("html", ["<a href='x'>&\"\x00"], "&lt;a href=&#39;x&#39;&gt;&amp;&#34;\ufffd"),
        ("html", [1, 2], "1 2"), ("html", ["a", 1], "a1"), ("html", [None], "&lt;no value&gt;"),
        ("html", [M, 1], "&lt;no value&gt;1"), ("html", [L], "[1 a &lt;nil&gt;]"), ("html", [], ""),
        ("js", ["a'b\"c\\d<e>f&g=h\ni\x01é\u2028"],
         "a\\'b\\\"c\\\\d\\u003Ce\\u003Ef\\u0026g\\u003Dh\\u000Ai\\u0001é\\u2028"),
        ("js", [3], "3"), ("js", [None], "\\u003Cno value\\u003E"),
        ("urlquery", ["a b&c=d/é?~-_."], "a+b%26c%3Dd%2F%C3%A9%3F~-_."),
        ("urlquery", [1, "x", 2], "1x2"), ("urlquery", [], ""), ("urlquery", [M], "%3Cno+value%3E"),
        ("print", [1, 2, "a", 3], "1 2a3"), ("print", [M, None], "<nil> <nil>"),
        ("println", [1, "a"], "1 a\n"), ("printf", ["%d-%s", 1, "x"], "1-x"),
        ("printf", ["%v", M], "<nil>"), ("printf", ["%d", 1.5], "%!d(float64=1.5)"),
        ("printf", ["%d", M], "%!d(<nil>)"), ("printf", ["%s", None], "%!s(<nil>)"),
        ("printf", ["str"], "str"),
    ],
)  # fmt: skip
def test_builtin(name: str, args: list[Any], want: Any) -> None:
    got = _go(name, *args)
    assert got == want and type(got) is type(want)


@pytest.mark.parametrize(
    ("name", "args", "want"),
    [
        ("eq", [3], "missing argument for comparison"),
        ("eq", [True, 1], "incompatible types for comparison"),
        ("eq", [3, 1.5], "incompatible types for comparison"),
        ("eq", ["a", "b", 3], "incompatible types for comparison"),
        ("eq", ["a", 3, "a"], "incompatible types for comparison"),
        ("eq", [L, L], "non-comparable type [%!s(int=1) a <nil>]: []interface {}"),
        ("eq", [L, MP], "non-comparable types [%!s(int=1) a <nil>]: []interface {}, "
         "map[string]interface {}: map[a:1 b:2]"),
        ("eq", [MP, MP], "non-comparable type map[a:%!s(int=1) b:%!s(int=2)]: "
         "map[string]interface {}"),
        ("eq", [SUB, SUB], "non-comparable type {Ann map[age:%!s(int=30) city:Paris "
         "f:%!s(float64=1.5) l:[%!s(int=1) x] n:<nil>] [t1 t2]}: main.Sub"),
        ("eq", [_P(), 3], "incompatible types for comparison"),
        ("eq", [_P(), L], "non-comparable types {%!s(int=1) %!s(int=2)}: main.P, "
         "[]interface {}: [1 a <nil>]"),
        ("eq", [L, _P()], "non-comparable types [%!s(int=1) a <nil>]: []interface {}, "
         "main.P: {1 2}"),
        ("ne", [3, 3.5], "incompatible types for comparison"),
        ("ne", [L, L], "non-comparable type [%!s(int=1) a <nil>]: []interface {}"),
        ("lt", [1, 2.5], "incompatible types for comparison"),
        ("lt", [True, False], "invalid type for comparison"),
        ("lt", [L, 1], "invalid type for comparison"),
        ("lt", [1, L], "invalid type for comparison"),
        ("lt", [M, M], "invalid type for comparison"),
        ("lt", [None, 1], "invalid type for comparison"),
        ("le", [1, "a"], "incompatible types for comparison"),
        ("gt", [True, True], "invalid type for comparison"),
        ("lt", [1j, 2j], "invalid type for comparison"),
        ("len", [3], "len of type int"), ("len", [1.5], "len of type float64"),
        ("len", [SUB], "len of type main.Sub"), ("len", [PSUB], "len of type main.Sub"),
        ("len", [None], "len of nil pointer"),
        ("len", [M], "reflect: call of reflect.Value.Type on zero Value"),
        ("index", [M, 1], "index of untyped nil"), ("index", [None, 1], "index of untyped nil"),
        ("index", [L, 5], "index out of range: 5"), ("index", [L, -1], "index out of range: -1"),
        ("index", [L, 3], "reflect: slice index out of range"),
        ("index", ["str", 3], "reflect: string index out of range"),
        ("index", [MP, 1], "value has type int; should be string"),
        ("index", [MP, M], "value is nil; should be of type string"),
        ("index", [MP, None], "value is nil; should be of type string"),
        ("index", [L, "a"], "cannot index slice/array with type string"),
        ("index", [L, M], "cannot index slice/array with nil"),
        ("index", [L, True], "cannot index slice/array with type bool"),
        ("index", [L, 1.0], "cannot index slice/array with type float64"),
        ("index", [L, 2, 0], "index of nil pointer"),
        ("index", [MP, "zz", "y"], "index of nil pointer"),
        ("index", [3, 1], "can't index item of type int"),
        ("index", [SUB, 1], "can't index item of type main.Sub"),
        ("index", [PSUB, 1], "can't index item of type main.Sub"),
        ("slice", ["str", 4], "index out of range: 4"),
        ("slice", [L, 1, 5], "index out of range: 5"),
        ("slice", [L, 0, 1, 2, 3], "too many slice indexes: 4"),
        ("slice", ["str", 1, 2, 3], "cannot 3-index slice a string"),
        ("slice", [3, 1], "can't slice item of type int"),
        ("slice", [SUB, 1], "can't slice item of type main.Sub"),
        ("slice", [PSUB, 1], "can't slice item of type *main.Sub"),
        ("slice", [L, 2, 1], "invalid slice index: 2 > 1"),
        ("slice", [L, 1, 2, 1], "invalid slice index: 2 > 1"),
        ("slice", [M], "slice of untyped nil"), ("slice", [L, -1], "index out of range: -1"),
        ("call", ["str"], "non-function of type string"), ("call", [M], "call of nil"),
        ("call", [None], "call of nil"),
        ("printf", [M], "invalid value; expected string"),
    ],
)  # fmt: skip
def test_builtin_errors(name: str, args: list[Any], want: str) -> None:
    msg = _err(_go, name, *args)
    if name == "printf":
        assert msg == want
    else:
        assert msg == f"error calling {name}: {want}"


def test_builtins_registered_with_go_signatures() -> None:
    for name in ("and", "or", "not", "len", "index", "print", "printf", "println", "eq",
                 "ne", "lt", "le", "gt", "ge", "html", "js", "urlquery", "call"):
        assert name in REGISTRY
    assert REGISTRY["printf"].params == ("string",) and REGISTRY["printf"].variadic == "any"
    assert REGISTRY["eq"].variadic == "reflect.Value" and REGISTRY["eq"].error_result
    assert REGISTRY["lt"].params == ("reflect.Value", "reflect.Value")


def test_sprint_spacing_and_content_types() -> None:
    assert v.sprint(v.HTML("<b>"), 1, v.URL("u"), 2, 3) == "<b>1u2 3"
    assert v.sprint() == ""
    assert v.sprintf("%s|%q|%T", v.HTML("a"), v.JS("b"), v.CSS("c")) == 'a|"b"|template.CSS'


def test_missing_is_a_falsy_singleton() -> None:
    assert v.MISSING is type(v.MISSING)() and not v.MISSING and repr(v.MISSING) == "MISSING"
    assert v.indirect(None) is M and v.indirect(3) == 3


def test_int64_is_an_int_apart_from_its_type() -> None:
    """Go's int64 (Sprig's integer results) prints as an int; only its type shows."""
    i = v.Int64(65)
    assert str(i) == f"{i}" == v.sprint(i) == v.print_value(i) == "65"
    assert repr(i) == "Int64(65)" and type(i + 1) is int
    assert v.sprintf("%d|%x|%q|%v|%T|%s", i, i, i, [i, 65], i, i) == (
        "65|41|'A'|[65 65]|int64|%!s(int64=65)"
    )
    assert v.sprintf("%*d|", v.Int64(3), 1) == "  1|"  # a width from an int64
    assert v.go_type_name(i) == "int64" and v.go_type_name(65) == "int"
    assert v.truth(i) and not v.truth(v.Int64(0))
    assert v.eq(i, 65) and v.lt(64, i) and REGISTRY["index"].impl([1, 2], v.Int64(1)) == 2
    assert type(copy.deepcopy(i)) is v.Int64


def test_named_ints_print_by_their_string_method() -> None:
    """time.Month and friends: String() for %v %s %x %q, the number for the other verbs,
    %#v and fmt's error forms; their own type name and kind."""
    from blaster.gotemplate import gotime
    from blaster.gotemplate.sprig_text import go_kind

    m, d = gotime.Month(3), gotime.Duration(3723 * 10**9)
    assert v.sprint(m) == v.print_value(m) == "March" and v.sprint(m, 1) == "March 1"
    assert v.sprintf("%d|%02d|%s|%v|%x|%q|%T|%#v|%t|%c", m, m, m, m, m, m, m, m, m, m) == (
        '3|03|March|March|4d61726368|"March"|time.Month|3|%!t(time.Month=3)|\x03'
    )
    assert v.sprintf("%v %d %T", [d], d, d) == "[1h2m3s] 3723000000000 time.Duration"
    assert v.sprintf("x", gotime.Weekday(0)) == "x%!(EXTRA time.Weekday=Sunday)"
    assert [go_kind(x) for x in (m, gotime.Weekday(1), d)] == ["int", "int", "int64"]
    assert v.NAMED_INTS["time.Duration"] is gotime.Duration
    assert v.eq(m, 3) and v.lt(m, 4) and type(copy.deepcopy(m)) is gotime.Month


def test_method_number_constants_take_the_parameter_type() -> None:
    """A number constant given to a method is typed by the method's parameter, as Go's
    evalArg types it: a time.Duration for Duration.Round."""
    from blaster.gotemplate import gotime

    hour = _num("3600000000000", is_int=True, is_float=True, int_value=3600 * 10**9,
                float_value=3600e9)
    rounded = v.call_method(gotime.Duration(5400 * 10**9), "Round", [v.MethodConst(hour)])
    assert type(rounded) is gotime.Duration and str(rounded) == "2h0m0s"
    added = v.call_method(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "Add", [v.MethodConst(hour)])
    assert added == dt.datetime(2024, 1, 1, 1, tzinfo=dt.UTC)
    assert v.call_method(dt.datetime(2024, 1, 1), "AddDate", [v.MethodConst(N3), 0, 0]).year == 2027
    with pytest.raises(GoExecError, match=r"expected integer; found 3\.5"):
        v.call_method(gotime.Duration(1), "Round", [v.MethodConst(N35)])
