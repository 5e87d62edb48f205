"""Tests of the Go template lexer and parser (:mod:`blaster.gotemplate.parse`).

The expected trees, messages and lines were taken from Go 1.19's ``text/template/parse``
on the same sources (Go reports no column: the columns are this parser's choice). Trees
are compared through :func:`shape`, a compact rendering of every node kind.
"""

from __future__ import annotations

import pytest

from blaster.gotemplate import nodes as n
from blaster.gotemplate.lexer import Kind, lex
from blaster.gotemplate.parse import complex_value, is_empty_tree, parse

#: the functions the templates below may call: Go's builtins and a few of our own
FUNCS = frozenset(
    {"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf"}
    | {"println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne"}
    | {"upper", "f", "g", "L", "TrackLink", "Safe"}
)


def shape(node: n.Node) -> str:
    """A node and its children in a compact, unambiguous notation."""
    if isinstance(node, n.ListNode):
        return "[" + ", ".join(shape(item) for item in node.nodes) + "]"
    if isinstance(node, n.TextNode):
        return repr(node.text)
    if isinstance(node, n.ActionNode):
        return "{" + pipe_shape(node.pipe) + "}"
    if isinstance(node, n.PipeNode):
        return "(" + pipe_shape(node) + ")"
    if isinstance(node, n.IfNode | n.WithNode | n.RangeNode):
        return branch_shape(node)
    if isinstance(node, n.TemplateNode):
        pipe = "; " + pipe_shape(node.pipe) if node.pipe else ""
        return f"template({node.name!r}{pipe})"
    return arg_shape(node)


def arg_shape(node: n.Node) -> str:
    if isinstance(node, n.FieldNode):
        return "." + ".".join(node.ident)
    if isinstance(node, n.VariableNode):
        return ".".join(node.ident)
    if isinstance(node, n.ChainNode):
        return f"chain({shape(node.node)})." + ".".join(node.field)
    simple: dict[type, str] = {
        n.DotNode: ".",
        n.NilNode: "nil",
        n.BreakNode: "break",
        n.ContinueNode: "continue",
    }
    if type(node) in simple:
        return simple[type(node)]
    if isinstance(node, n.IdentifierNode):
        return node.name
    if isinstance(node, n.BoolNode):
        return "true" if node.value else "false"
    if isinstance(node, n.NumberNode):
        return node.text
    assert isinstance(node, n.StringNode), node
    return node.quoted


def branch_shape(node: n.IfNode | n.WithNode | n.RangeNode) -> str:
    kind = {n.IfNode: "if", n.WithNode: "with", n.RangeNode: "range"}[type(node)]
    parts = [pipe_shape(node.pipe), shape(node.list)]
    if node.else_list is not None:
        parts.append(shape(node.else_list))
    return f"{kind}(" + "; ".join(parts) + ")"


def pipe_shape(pipe: n.PipeNode) -> str:
    decl = ""
    if pipe.decl:
        decl = ", ".join(shape(v) for v in pipe.decl) + (" = " if pipe.is_assign else " := ")
    return decl + " | ".join(" ".join(shape(a) for a in cmd.args) for cmd in pipe.cmds)


def shapes(trees: n.TreeSet) -> str:
    return "; ".join(f"{name}: {shape(trees[name].root)}" for name in sorted(trees))


def only_arg(source: str) -> n.Arg:
    """The argument of ``{{print ARG}}``."""
    action = parse("{{print " + source + "}}", "x")["x"].root.nodes[0]
    assert isinstance(action, n.ActionNode)
    return action.pipe.cmds[0].args[1]


# --- trees ----------------------------------------------------------------------------------

TREES = [
    ("", "x: []"),
    ("hello", "x: ['hello']"),
    ("{{.}}", "x: [{.}]"),
    ("{{.X}}", "x: [{.X}]"),
    ("{{.X.Y.Z}}", "x: [{.X.Y.Z}]"),
    ("{{$}}", "x: [{$}]"),
    ("{{$.X.Y}}", "x: [{$.X.Y}]"),
    ("{{$x := 1}}{{$x}}", "x: [{$x := 1}, {$x}]"),
    ("{{$x := 1}}{{$x = 2}}", "x: [{$x := 1}, {$x = 2}]"),
    ("{{$x = 1}}", "x: [{$x = 1}]"),
    ("{{$x := $x}}", "x: [{$x := $x}]"),
    ("{{if .}}a{{end}}", "x: [if(.; ['a'])]"),
    ("{{if .}}a{{else}}b{{end}}", "x: [if(.; ['a']; ['b'])]"),
    (
        "{{if .A}}a{{else if .B}}b{{else if .C}}c{{else}}d{{end}}",
        "x: [if(.A; ['a']; [if(.B; ['b']; [if(.C; ['c']; ['d'])])])]",
    ),
    ("{{with .X}}a{{else}}b{{end}}", "x: [with(.X; ['a']; ['b'])]"),
    (
        "{{with .A}}a{{else with .B}}b{{else}}c{{end}}",
        "x: [with(.A; ['a']; [with(.B; ['b']; ['c'])])]",
    ),
    ("{{range .}}{{.}}{{end}}", "x: [range(.; [{.}])]"),
    ("{{range $i, $v := .}}{{$i}}{{$v}}{{end}}", "x: [range($i, $v := .; [{$i}, {$v}])]"),
    ("{{range $v := .}}{{$v}}{{else}}none{{end}}", "x: [range($v := .; [{$v}]; ['none'])]"),
    ("{{range .}}{{break}}{{continue}}{{end}}", "x: [range(.; [break, continue])]"),
    ("{{range .}}{{if .}}{{break}}{{end}}{{end}}", "x: [range(.; [if(.; [break])])]"),
    ("{{range .}}{{with .}}{{continue}}{{end}}{{end}}", "x: [range(.; [with(.; [continue])])]"),
    ("{{range $i, $ := .}}{{end}}", "x: [range($i, $ := .; [])]"),
    ('{{define "a"}}A{{end}}main', "a: ['A']; x: ['main']"),
    ('{{define "a"}}A{{end}}{{define "b"}}B{{end}}', "a: ['A']; b: ['B']; x: []"),
    ("{{define `raw`}}R{{end}}", "raw: ['R']; x: []"),
    ('{{define "a"}}A{{end}}{{define "a"}} {{end}}', "a: ['A']; x: []"),
    ('{{define "a"}} {{end}}{{define "a"}}A{{end}}', "a: ['A']; x: []"),
    ('{{define "x"}}A{{end}}  \n', "x: ['A']"),
    ('{{block "b" .}}B{{.X}}{{end}}after', "b: ['B', {.X}]; x: [template('b'; .), 'after']"),
    ('{{template "a"}}', "x: [template('a')]"),
    ('{{template "a" .X}}', "x: [template('a'; .X)]"),
    ("{{template `a` $ | f}}", "x: [template('a'; $ | f)]"),
    ('{{.X | printf "%d" | print}}', 'x: [{.X | printf "%d" | print}]'),
    ("{{.X | $}}", "x: [{.X | $}]"),
    ("{{.X | f}}", "x: [{.X | f}]"),
    ("{{.X | }}", "x: [{.X}]"),
    ("{{(.X)}}", "x: [{(.X)}]"),
    ("{{(.X).Y}}", "x: [{chain((.X)).Y}]"),
    ("{{(.X).Y.Z | f}}", "x: [{chain((.X)).Y.Z | f}]"),
    ("{{(f).X}}", "x: [{chain((f)).X}]"),
    ("{{f.X.Y}}", "x: [{chain(f).X.Y}]"),
    (
        "{{f .X (g 1) \"s\" `r` 'c' 1.5 true false nil $ .}}",
        "x: [{f .X (g 1) \"s\" `r` 'c' 1.5 true false nil $ .}]",
    ),
    ("{{print (1 | f) ((.A))}}", "x: [{print (1 | f) ((.A))}]"),
    ("{{($x := 1)}}{{$x}}", "x: [{($x := 1)}, {$x}]"),
    ('{{print 1 2 | printf "%d"}}', 'x: [{print 1 2 | printf "%d"}]'),
    ("{{index .X 1 2}}", "x: [{index .X 1 2}]"),
    ("{{len .}}", "x: [{len .}]"),
    ("{{ .X }}", "x: [{.X}]"),
    ("{{- .X -}}", "x: [{.X}]"),
    ("a  {{- .X -}}  b", "x: ['a', {.X}, 'b']"),
    ("a \n\t{{- .X}}", "x: ['a', {.X}]"),
    ("{{.X -}}\n\n y", "x: [{.X}, 'y']"),
    ("a {{-3}} b", "x: ['a ', {-3}, ' b']"),
    ("a {{- 3}} b", "x: ['a', {3}, ' b']"),
    ("a {{.X  -}} b", "x: ['a ', {.X}, 'b']"),
    ("a\n  {{- /* c */ -}}\n  b", "x: ['a', 'b']"),
    ("{{/* c */}}", "x: []"),
    ("x{{/* multi\nline */}}y", "x: ['x', 'y']"),
    ("{{/* c */ -}}   x", "x: ['x']"),
    (" x {{- /* c */}}", "x: [' x']"),
    ('{%  if %} {# x #} }} { } {{"}}"}} %}', "x: ['{%  if %} {# x #} }} { } ', {\"}}\"}, ' %}']"),
    ("a }} b {{.}} }}", "x: ['a }} b ', {.}, ' }}']"),
    ("{ {{.}} }", "x: ['{ ', {.}, ' }']"),
    ('{{"{{"}}', 'x: [{"{{"}]'),
    (
        "{{if .X}}\n  {{- range $i, $e := .Y}}\n    {{$i}}: {{$e.Name}}\n  {{- end}}\n{{- end}}",
        "x: [if(.X; [range($i, $e := .Y; ['\\n    ', {$i}, ': ', {$e.Name}])])]",
    ),
    (
        "{{$x := 1}}{{if .}}{{$y := 2}}{{$x}}{{$y}}{{else}}{{$y}}{{end}}",
        "x: [{$x := 1}, if(.; [{$y := 2}, {$x}, {$y}]; [{$y}])]",
    ),
    ("{{if $z := .}}{{$z}}{{else}}{{$z}}{{end}}", "x: [if($z := .; [{$z}]; [{$z}])]"),
    ("{{with $w := .X}}{{$w.Y}}{{end}}", "x: [with($w := .X; [{$w.Y}])]"),
    ("{{range $i, $v := .}}{{$v := 1}}{{end}}", "x: [range($i, $v := .; [{$v := 1}])]"),
    ("{{if .}}{{/* a\nb */}}{{end}}", "x: [if(.; [])]"),
    ("{{\n.X\n|\nf\n}}", "x: [{.X | f}]"),
    ("{{`a\nb`}}", "x: [{`a\nb`}]"),
    (
        '{{"\\n\\t\\x41\\u00e9\\U0001F600\\101\\"\\\\"}}',
        'x: [{"\\n\\t\\x41\\u00e9\\U0001F600\\101\\"\\\\"}]',
    ),
    (
        "{{'a'}} {{'\\n'}} {{'\\u00e9'}} {{'\\''}}",
        "x: [{'a'}, ' ', {'\\n'}, ' ', {'\\u00e9'}, ' ', {'\\''}]",
    ),
    (
        "{{0x1F}} {{0o17}} {{017}} {{0b101}} {{1_000}} {{1.5}} {{1e6}}",
        "x: [{0x1F}, ' ', {0o17}, ' ', {017}, ' ', {0b101}, ' ', {1_000}, ' ', {1.5}, ' ', {1e6}]",
    ),
    (
        "{{.5}} {{-.5}} {{0x1p-2}} {{1i}} {{1+2i}}",
        "x: [{.5}, ' ', {-.5}, ' ', {0x1p-2}, ' ', {1i}, ' ', {1+2i}]",
    ),
    ("{{-1}} {{+1}} {{-0}}", "x: [{-1}, ' ', {+1}, ' ', {-0}]"),
    ("{{print .X.Y.Z.W}}", "x: [{print .X.Y.Z.W}]"),
    ("{{ $ }}", "x: [{$}]"),
    ("{{$x := .}}{{$x.A.B}}", "x: [{$x := .}, {$x.A.B}]"),
    ("{{with .}}x{{end}}", "x: [with(.; ['x'])]"),
    ('{{block "b" .}}{{$x := 1}}{{$x}}{{end}}', "b: [{$x := 1}, {$x}]; x: [template('b'; .)]"),
    (
        '{{define "a"}}{{template "b" .}}{{end}}{{define "b"}}B{{end}}{{template "a"}}',
        "a: [template('b'; .)]; b: ['B']; x: [template('a')]",
    ),
    ("é{{.X}}€", "x: ['é', {.X}, '€']"),
    ("{{if not .}}{{end}}", "x: [if(not .; [])]"),
    (
        "{{if and .A .B}}{{else if or .C (not .D)}}{{end}}",
        "x: [if(and .A .B; []; [if(or .C (not .D); [])])]",
    ),
    ('{{L.T "key"}}', 'x: [{chain(L).T "key"}]'),
    ("{{(1).Y}}", "x: [{chain((1)).Y}]"),
    ('{{TrackLink "https://x" .}}', 'x: [{TrackLink "https://x" .}]'),
    ("{{ .Subscriber.Attribs.city }}", "x: [{.Subscriber.Attribs.city}]"),
]


@pytest.mark.parametrize(("source", "expected"), TREES)
def test_tree_shape(source: str, expected: str) -> None:
    assert shapes(parse(source, "x", funcs=FUNCS)) == expected


# --- errors ---------------------------------------------------------------------------------

ERRORS = [
    ("{{env}}", 'function "env" not defined', 1, 3),
    ("{{.X | env}}", 'function "env" not defined', 1, 8),
    ("{{$y}}", 'undefined variable "$y"', 1, 3),
    ("{{$x.A := 1}}", 'undefined variable "$x"', 1, 3),
    ("{{end}}", "unexpected {{end}}", 1, 3),
    ("{{else}}", "unexpected {{else}}", 1, 3),
    ("{{if .}}", "unexpected EOF", 1, 9),
    ("{{if .}}a{{else}}b", "unexpected EOF", 1, 19),
    ("{{if}}{{end}}", "missing value for if", 1, 5),
    ("{{range}}{{end}}", "missing value for range", 1, 8),
    ("{{with}}{{end}}", "missing value for with", 1, 7),
    ("{{template}}", 'unexpected "}}" in template clause', 1, 11),
    ("{{template .X}}", 'unexpected ".X" in template clause', 1, 12),
    ('{{block "b"}}B{{end}}', "missing value for block clause", 1, 12),
    ('{{block "b" .}}B{{else}}{{end}}', "unexpected {{else}} in block clause", 1, 19),
    ('{{define "a"}}', "unexpected EOF", 1, 15),
    ("{{define a}}{{end}}", 'unexpected "a" in define clause', 1, 10),
    ('{{define "a" .}}{{end}}', "unexpected <.> in define clause", 1, 14),
    ('{{if .}}{{define "a"}}{{end}}{{end}}', "unexpected <define> in command", 1, 11),
    (
        '{{define "a"}}A{{end}}{{define "a"}}B{{end}}',
        'template: multiple definition of template "a"',
        1,
        43,
    ),
    ('{{define "x"}}A{{end}}x', 'template: multiple definition of template "x"', 1, 24),
    ("{{break}}", "{{break}} outside {{range}}", 1, 3),
    ("{{continue}}", "{{continue}} outside {{range}}", 1, 3),
    ("{{range .}}{{break 1}}{{end}}", 'unexpected "1" in {{break}}', 1, 20),
    ("{{with .}}{{break}}{{end}}", "{{break}} outside {{range}}", 1, 13),
    ("{{if .}}{{continue}}{{end}}", "{{continue}} outside {{range}}", 1, 11),
    ("{{range .}}{{else}}{{break}}{{end}}", "{{break}} outside {{range}}", 1, 22),
    ('{{range .}}{{block "b" .}}{{break}}{{end}}{{end}}', "{{break}} outside {{range}}", 1, 29),
    ("{{range $i, $v, $w := .}}{{end}}", "too many declarations in range", 1, 15),
    ("{{range $i, 1 := .}}{{end}}", "range can only initialize variables", 1, 11),
    ("{{range $i, }}{{end}}", "missing value for range", 1, 13),
    ("{{$a, $b := 1}}", "too many declarations in command", 1, 5),
    ("{{.X | 1}}", "non executable command in pipeline stage 2", 1, 8),
    ('{{.X | "a"}}', "non executable command in pipeline stage 2", 1, 8),
    ("{{.X | nil}}", "non executable command in pipeline stage 2", 1, 8),
    ("{{.X | .}}", "non executable command in pipeline stage 2", 1, 8),
    ("{{.X | true}}", "non executable command in pipeline stage 2", 1, 8),
    ("{{.X | | .Y}}", 'unexpected "|" in command', 1, 8),
    ("{{| .X}}", 'unexpected "|" in command', 1, 3),
    ('{{"a".Y}}', 'unexpected . after term "\\"a\\""', 1, 3),
    ("{{true.Y}}", 'unexpected . after term "true"', 1, 3),
    ("{{nil.Y}}", 'unexpected . after term "nil"', 1, 3),
    ("{{..Y}}", 'unexpected . after term "."', 1, 3),
    ("{{.X", "unclosed action", 1, 5),
    ("{{.X\n", "unclosed action started at x:1", 2, 1),
    ("{{.X}", "bad character U+007D '}'", 1, 3),
    ("{{.X)}}", 'unexpected ")" in command', 1, 5),
    ("{{(.X}}", "unclosed left paren", 1, 6),
    ("{{()}}", "missing value for parenthesized pipeline", 1, 4),
    ("{{/* unclosed", "unclosed comment", 1, 3),
    ("{{/* a */ }}", "comment ends before closing delimiter", 1, 3),
    ("{{ /* c */ }}", 'unexpected "/" in command', 1, 4),
    ('{{"a}}', "unterminated quoted string", 1, 3),
    ('{{"a\n"}}', "unterminated quoted string", 1, 3),
    ("{{`a", "unterminated raw quoted string", 1, 3),
    ("{{'a}}", "unterminated character constant", 1, 3),
    ("{{'ab'}}", "malformed character constant: 'ab'", 1, 3),
    ("{{''}}", "invalid syntax", 1, 3),
    ("{{'\\\"'}}", "invalid syntax", 1, 3),
    ('{{"\\\'"}}', "invalid syntax", 1, 3),
    ('{{"\\400"}}', "invalid syntax", 1, 3),
    ('{{"\\q"}}', "invalid syntax", 1, 3),
    ('{{"\\ud800"}}', "invalid syntax", 1, 3),
    ("{{08}}", 'integer overflow: "08"', 1, 3),
    ("{{1e400}}", 'illegal number syntax: "1e400"', 1, 3),
    ("{{0x}}", 'illegal number syntax: "0x"', 1, 3),
    ("{{1__0}}", 'illegal number syntax: "1__0"', 1, 3),
    ("{{1ee}}", 'bad number syntax: "1ee"', 1, 3),
    ("{{1-2}}", 'bad number syntax: "1-2"', 1, 3),
    ("{{1a}}", 'bad number syntax: "1a"', 1, 3),
    ("{{1i+2i}}", "syntax error scanning complex number", 1, 3),
    ("{{99999999999999999999}}", 'integer overflow: "99999999999999999999"', 1, 3),
    ("{{.X+1}}", "bad character U+002B '+'", 1, 3),
    ("{{$x-1}}", "bad character U+002D '-'", 1, 3),
    ("{{x:y}}", 'function "x" not defined', 1, 3),
    ("{{€}}", "unrecognized character in action: U+20AC '€'", 1, 3),
    ("{{.X @}}", 'unexpected "@" in operand', 1, 6),
    ("{{,}}", 'unexpected "," in command', 1, 3),
    ("{{.X = 1}}", 'unexpected "=" in operand', 1, 6),
    ("{{else if .}}", "unexpected {{else}}", 1, 3),
    ("{{with .}}{{else if .}}{{end}}", "unexpected <if> in input", 1, 18),
    ("{{range .}}{{else if .}}{{end}}", "unexpected <if> in input", 1, 19),
    ("{{if .}}{{else}}{{else}}{{end}}", "expected end; found {{else}}", 1, 19),
    ("{{if .}}{{else .X}}{{end}}", 'unexpected ".X" in else', 1, 16),
    ("{{if .}}{{end .X}}", 'unexpected ".X" in end', 1, 15),
    ('{{print "a""b"}}', 'unexpected "\\"b\\"" in operand', 1, 12),
    ('{{print ("a")("b")}}', 'unexpected "(" in operand', 1, 14),
    ("{{if $z := .}}{{end}}{{$z}}", 'undefined variable "$z"', 1, 24),
    ('{{$x := 1}}{{block "b" .}}{{$x}}{{end}}', 'undefined variable "$x"', 1, 29),
    ('{{template "a\\q"}}', "invalid syntax", 1, 12),
    ("a\n{{`x\ny\nz`}}\n{{.X\n", "unclosed action started at x:5", 6, 1),
    ("{{if .}}\n{{/* x", "unclosed comment in action started at x:1", 2, 3),
    ('{{define "a"}}\n{{if .}}\n{{/* x', "unclosed comment in action started at x:2", 3, 3),
    ("{{if\n.X\n}}{{end}}\n{{else}}", "unexpected {{else}}", 4, 3),
    ("{{$x := 1}}\n{{with $x}}\n{{$y := 2}}\n{{end}}\n{{$y}}", 'undefined variable "$y"', 5, 3),
    ('{{.X\n|\n"s"}}', "non executable command in pipeline stage 2", 3, 1),
    ("{{(\n1}}", "unclosed left paren in action started at x:1", 2, 2),
    ('{{block "b" .}}\n{{template "d"}}\n{{else}}', "unexpected {{else}} in block clause", 1, 14),
    ("x\n  {{ f 1 | env }}", 'function "env" not defined', 2, 12),
    ("{{ {{ }}", 'unexpected "{" in command', 1, 4),
    ("{{if .}}{{end}}{{end}}", "unexpected {{end}}", 1, 18),
    ('{{print "abcdefghijklmnopqrstuvwxyz" "b""c"}}', 'unexpected "\\"c\\"" in operand', 1, 41),
    ('{{print "éééééé""c"}}', 'unexpected "\\"c\\"" in operand', 1, 17),
    ("{{.X}}{{else}}", "unexpected {{else}}", 1, 9),
    ("{{- -}}", 'illegal number syntax: "-"', 1, 5),
    ("{{\x01}}", "unrecognized character in action: U+0001", 1, 3),
    ("{{.X\xa0}}", "bad character U+00A0", 1, 3),
]


@pytest.mark.parametrize(("source", "message", "line", "col"), ERRORS)
def test_error(source: str, message: str, line: int, col: int) -> None:
    with pytest.raises(n.GoTemplateError) as caught:
        parse(source, "x", funcs=FUNCS)
    assert (caught.value.message, caught.value.line, caught.value.col) == (message, line, col)


def test_error_str_has_position() -> None:
    with pytest.raises(n.GoTemplateError, match=r'^2:3: function "env" not defined$'):
        parse("a\n{{env}}", "x", funcs=FUNCS)


# --- literals -------------------------------------------------------------------------------

NUMBERS = [
    ("0", True, True, True, False, 0, 0.0),
    ("1", True, True, True, False, 1, 1.0),
    ("-1", True, False, True, False, -1, -1.0),
    ("+1", True, False, True, False, 1, 1.0),
    ("-0", True, True, True, False, 0, 0.0),
    ("+0", True, True, True, False, 0, 0.0),
    ("0x1F", True, True, True, False, 31, 31.0),
    ("0X1f", True, True, True, False, 31, 31.0),
    ("0o17", True, True, True, False, 15, 15.0),
    ("017", True, True, True, False, 15, 15.0),
    ("0b101", True, True, True, False, 5, 5.0),
    ("1_000", True, True, True, False, 1000, 1000.0),
    ("0x_FF", True, True, True, False, 255, 255.0),
    ("0_1", True, True, True, False, 1, 1.0),
    ("1.5", False, False, True, False, 0, 1.5),
    ("3.0", True, True, True, False, 3, 3.0),
    ("-0.0", True, True, True, False, 0, -0.0),
    ("1e6", True, True, True, False, 1000000, 1000000.0),
    ("1E6", True, True, True, False, 1000000, 1000000.0),
    (".5", False, False, True, False, 0, 0.5),
    ("-.5", False, False, True, False, 0, -0.5),
    ("1.", True, True, True, False, 1, 1.0),
    ("1e-3", False, False, True, False, 0, 0.001),
    ("0x1p-2", False, False, True, False, 0, 0.25),
    ("0x1.8p1", True, True, True, False, 3, 3.0),
    ("1i", False, False, False, True, 0, 0.0, 1j),
    ("0i", True, True, True, True, 0, 0.0, 0j),
    ("1.5i", False, False, False, True, 0, 0.0, 1.5j),
    ("-2i", False, False, False, True, 0, 0.0, -2j),
    ("1+2i", False, False, False, True, 0, 0.0, (1 + 2j)),
    ("1-2i", False, False, False, True, 0, 0.0, (1 - 2j)),
    ("1+0i", True, True, True, True, 1, 1.0, (1 + 0j)),
    ("1e3+1i", False, False, False, True, 0, 0.0, (1000 + 1j)),
    ("1e19", False, True, True, False, 10000000000000000000, 1e19),
    ("-1e19", False, False, True, False, 0, -1e19),
    ("-2.0", True, False, True, False, -2, -2.0),
    ("1e-400", True, True, True, False, 0, 0.0),
    ("9223372036854775807", True, True, True, False, 9223372036854775807, 9.223372036854776e18),
    ("9223372036854775808", False, True, True, False, 9223372036854775808, 9.223372036854776e18),
    ("18446744073709551615", False, True, True, False, 18446744073709551615, 1.8446744073709552e19),
    ("-9223372036854775808", True, False, True, False, -9223372036854775808, -9.223372036854776e18),
    ("'a'", True, True, True, False, 97, 97.0),
    ("'\\n'", True, True, True, False, 10, 10.0),
    ("'\\u00e9'", True, True, True, False, 233, 233.0),
    ("'\\xff'", True, True, True, False, 255, 255.0),
    ("'\\377'", True, True, True, False, 255, 255.0),
    ("'é'", True, True, True, False, 233, 233.0),
    ("'\\U0001F600'", True, True, True, False, 128512, 128512.0),
]


@pytest.mark.parametrize(
    ("text", "is_int", "is_uint", "is_float", "is_complex", "int_value", "float_value", "cplx"),
    [case if len(case) == 8 else (*case, None) for case in NUMBERS],
)
def test_number(
    text: str,
    is_int: bool,
    is_uint: bool,
    is_float: bool,
    is_complex: bool,
    int_value: int,
    float_value: float,
    cplx: complex | None,
) -> None:
    node = only_arg(text)
    assert isinstance(node, n.NumberNode)
    assert node.text == text
    assert (node.is_int, node.is_uint, node.is_float, node.is_complex) == (
        is_int,
        is_uint,
        is_float,
        is_complex,
    )
    assert node.int_value == int_value
    assert repr(node.float_value) == repr(float_value)  # tells -0.0 from 0.0
    if cplx is not None:
        assert complex_value(node) == cplx


STRINGS = [
    ('"abc"', "abc"),
    ('"\\n\\t\\x41\\u00e9\\U0001F600\\101\\"\\\\"', '\n\tAé😀A"\\'),
    ('"\\a\\b\\f\\r\\v"', "\x07\x08\x0c\r\x0b"),
    ("`raw\\n`", "raw\\n"),
    ("`a\rb`", "ab"),
    ("`a\nb`", "a\nb"),
    ('"\\xc3\\xa9"', "é"),
    ('"\\xff"', "\udcff"),
    ('"é"', "é"),
    ('"\\303\\251"', "é"),
    ('""', ""),
    ("``", ""),
    ('"\\\\"', "\\"),
    ('"it\'s"', "it's"),
]


@pytest.mark.parametrize(("quoted", "value"), STRINGS)
def test_string_value(quoted: str, value: str) -> None:
    node = only_arg(quoted)
    assert isinstance(node, n.StringNode)
    assert (node.quoted, node.text) == (quoted, value)


# --- positions ------------------------------------------------------------------------------

POSITIONED = (
    "Hi {{.Name}}!\n{{if .X}}\n  {{- range $i, $v := .L}}{{$v.A | f 'c'}}{{break}}{{end}}\n"
    '{{else if (.Y).Z}}é{{template "t" .}}{{end}}'
)


def walk(node: n.Node) -> list[tuple[str, int, int]]:
    """Every node under ``node`` (included), depth first, with its position."""
    found = [(type(node).__name__, node.line, node.col)]
    for name in node.__dataclass_fields__:
        value = getattr(node, name)
        children = value if isinstance(value, list) else [value]
        for child in children:
            if isinstance(child, n.Node):
                found.extend(walk(child))
    return found


def test_positions() -> None:
    root = parse(POSITIONED, "x")["x"].root
    assert walk(root) == [
        ("ListNode", 1, 1),
        ("TextNode", 1, 1),
        ("ActionNode", 1, 6),
        ("PipeNode", 1, 6),
        ("CommandNode", 1, 6),
        ("FieldNode", 1, 6),
        ("TextNode", 1, 13),
        ("IfNode", 2, 3),
        ("PipeNode", 2, 6),
        ("CommandNode", 2, 6),
        ("FieldNode", 2, 6),
        ("ListNode", 3, 3),
        ("RangeNode", 3, 7),
        ("PipeNode", 3, 13),
        ("VariableNode", 3, 13),
        ("VariableNode", 3, 17),
        ("CommandNode", 3, 23),
        ("FieldNode", 3, 23),
        ("ListNode", 3, 27),
        ("ActionNode", 3, 29),
        ("PipeNode", 3, 29),
        ("CommandNode", 3, 29),
        ("VariableNode", 3, 29),
        ("CommandNode", 3, 36),
        ("IdentifierNode", 3, 36),
        ("NumberNode", 3, 38),
        ("BreakNode", 3, 45),
        ("TextNode", 3, 59),
        ("ListNode", 4, 3),
        ("IfNode", 4, 8),
        ("PipeNode", 4, 11),
        ("CommandNode", 4, 11),
        ("ChainNode", 4, 11),
        ("PipeNode", 4, 12),
        ("CommandNode", 4, 12),
        ("FieldNode", 4, 12),
        ("ListNode", 4, 19),
        ("TextNode", 4, 19),
        ("TemplateNode", 4, 22),
        ("PipeNode", 4, 35),
        ("CommandNode", 4, 35),
        ("DotNode", 4, 35),
    ]


def test_positions_count_characters_not_bytes() -> None:
    root = parse("ééé {{.X}}\n€{{$}}", "x")["x"].root
    assert [(node.line, node.col) for node in root.nodes] == [(1, 1), (1, 7), (1, 11), (2, 4)]


def test_text_is_kept_verbatim() -> None:
    source = "{% raw %}{{`{{`}} }} {#{{/* gone */}}#} \r\n\t{{- /* trimmed */}}"
    root = parse(source, "x")["x"].root
    assert [shape(node) for node in root.nodes] == ["'{% raw %}'", "{`{{`}", "' }} {#'", "'#}'"]


# --- template sets, functions ---------------------------------------------------------------


def test_tree_names_and_objects() -> None:
    trees = parse('{{define "a"}}A{{end}}{{block "b" .}}B{{end}}', "main", funcs=FUNCS)
    assert sorted(trees) == ["a", "b", "main"]
    assert all(isinstance(tree, n.Tree) and tree.name == name for name, tree in trees.items())


def test_empty_main_keeps_a_define_of_its_name() -> None:
    trees = parse('{{define "main"}}body{{end}} \n', "main")
    assert shape(trees["main"].root) == "['body']"


def test_unchecked_functions_when_funcs_is_none() -> None:
    assert shapes(parse("{{env 1 | whatever}}", "x")) == "x: [{env 1 | whatever}]"


def test_funcs_is_the_whole_set() -> None:
    with pytest.raises(n.GoTemplateError, match='function "print" not defined'):
        parse('{{print "x"}}', "x", funcs={"upper"})
    assert shapes(parse('{{upper "x"}}', "x", funcs={"upper"})) == 'x: [{upper "x"}]'


def test_break_is_a_keyword_even_when_a_function() -> None:
    # Go 1.19 looks for a "break" function before it knows the functions
    with pytest.raises(n.GoTemplateError, match=r"\{\{break\}\} outside \{\{range\}\}"):
        parse("{{break}}", "x", funcs=FUNCS | {"break"})


@pytest.mark.parametrize(
    ("texts", "empty"),
    [([], True), ([" \n\t"], True), (["\u00a0\u3000"], True), (["x"], False), ([" ", "."], False)],
)
def test_is_empty_tree(texts: list[str], empty: bool) -> None:
    root = n.ListNode(1, 1, [n.TextNode(1, 1, text) for text in texts])
    assert is_empty_tree(root) is empty


def test_non_text_is_never_empty() -> None:
    assert not is_empty_tree(parse("{{if .}}{{end}}", "x")["x"].root)


# --- lexer ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "kinds"),
    [
        ("a{{.X}}", "TEXT LEFT_DELIM FIELD RIGHT_DELIM EOF"),
        ("{{$x := .A.B}}", "LEFT_DELIM VARIABLE SPACE DECLARE SPACE FIELD FIELD RIGHT_DELIM EOF"),
        (
            "{{f (1) | g}}",
            "LEFT_DELIM IDENTIFIER SPACE LEFT_PAREN NUMBER RIGHT_PAREN SPACE PIPE "
            "SPACE IDENTIFIER RIGHT_DELIM EOF",
        ),
        (
            "{{if true}}{{else}}{{end}}",
            "LEFT_DELIM IF SPACE BOOL RIGHT_DELIM LEFT_DELIM ELSE "
            "RIGHT_DELIM LEFT_DELIM END RIGHT_DELIM EOF",
        ),
        (
            "{{'a' `r` \"s\" 1+2i nil .}}",
            "LEFT_DELIM CHAR_CONSTANT SPACE RAW_STRING SPACE STRING "
            "SPACE COMPLEX SPACE NIL SPACE DOT RIGHT_DELIM EOF",
        ),
        ("{{- .X  -}}", "LEFT_DELIM FIELD SPACE RIGHT_DELIM EOF"),
        ("{{.X", "LEFT_DELIM FIELD ERROR"),
        ("{{/* c */}}x", "TEXT EOF"),
    ],
)
def test_token_kinds(source: str, kinds: str) -> None:
    assert " ".join(token.kind.name for token in lex(source)) == kinds


def test_lexer_trims_and_keeps_offsets() -> None:
    tokens = lex("a \n{{- .X -}}\n b")
    assert [(t.kind, t.value, t.offset) for t in tokens] == [
        (Kind.TEXT, "a", 0),
        (Kind.LEFT_DELIM, "{{", 3),
        (Kind.FIELD, ".X", 7),
        (Kind.RIGHT_DELIM, "}}", 11),
        (Kind.TEXT, "b", 15),
        (Kind.EOF, "", 16),
    ]


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    depth = 2000
    with pytest.raises(n.GoTemplateError, match="nested too deeply"):
        parse("{{if .}}" * depth + "{{end}}" * depth, "x")


def test_moderate_nesting_parses() -> None:
    depth = 100
    root = parse("{{with .}}" * depth + "x" + "{{end}}" * depth, "x")["x"].root
    for _ in range(depth):
        (node,) = root.nodes
        assert isinstance(node, n.WithNode)
        root = node.list
    assert shape(root) == "['x']"
