"""Go's value semantics on Python values, and Go's builtin template functions.

The value model (see :mod:`.gofmt`, re-exported here): ``str``/``bool``/``int``/``float``
are Go's string/bool/int/float64, :class:`Int64` int64, ``None`` nil, ``list``/``tuple``
slices, ``dict`` a ``map[string]interface {}``, ``datetime`` ``time.Time``, :class:`GoStruct`
a Go struct, :data:`MISSING` the invalid ``reflect.Value`` (a missing map key's "no value"),
the content-typed ``str`` subclasses ``template.HTML`` etc.

A ``None`` that comes straight from a map or slice element is a nil ``interface{}``; at the
end of a pipeline Go turns it into the invalid value (:func:`pipeline_result`), which is why
:func:`print_value` prints both as ``<no value>``.

This module gives text/template's execution rules: truth (:func:`truth`), field and method
evaluation (:func:`field`, :func:`field_chain`, :func:`call_method`), argument checking and
conversion (:func:`convert_arg`, :func:`const_arg`, :func:`make_caller`), and registers Go's
builtin functions (``and or not len index print printf println eq ne lt le gt ge html js
urlquery call``) in :data:`.funcs.REGISTRY`; Go's ``slice`` is :data:`slice_func`, left out
of the registry because listmonk's Sprig ``slice`` replaces it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final
from urllib.parse import quote_plus

from blaster.gotemplate import nodes as n
from blaster.gotemplate.funcs import GoExecError, GoFunc, register
from blaster.gotemplate.gofmt import (
    CONTENT_TYPES,
    CSS,
    HTML,
    JS,
    MISSING,
    NAMED_INTS,
    URL,
    GoStruct,
    HTMLAttr,
    Int64,
    JSStr,
    NamedInt,
    Srcset,
    format_float,
    go_quote,
    go_type_name,
    is_integer,
    print_value,
    sprint,
    sprintf,
    sprintln,
)

__all__ = [
    "CONTENT_TYPES", "CSS", "HTML", "JS", "MISSING", "NAMED_INTS", "URL", "GoStruct", "HTMLAttr",
    "Int64", "JSStr", "MethodConst", "NamedInt", "Srcset", "call_method", "const_arg",
    "convert_arg", "eq", "field", "field_chain", "format_float", "ge", "go_quote", "go_type_name",
    "gt", "html_escape", "indirect", "is_integer", "js_escape", "le", "lt", "make_caller", "ne",
    "pipeline_result", "print_value", "slice_", "slice_func", "sprint", "sprintf", "sprintln",
    "truth", "urlquery_escape",
]

_IFACE: Final = "interface {}"


def indirect(v: Any) -> Any:
    """Go's ``indirectInterface``: the concrete value inside ``v``, :data:`MISSING` for nil."""
    return MISSING if v is None else v


def pipeline_result(v: Any) -> Any:
    """The value of a pipeline as Go hands it on (``evalPipeline``'s "lovely" step): a nil
    ``interface{}`` becomes the invalid value."""
    return MISSING if v is None else v


# --- truth --------------------------------------------------------------------------------------


def truth(v: Any) -> bool:
    """Go's ``template.IsTrue``: false for the zero value of its type, nil and no value."""
    t = type(v)
    if t is bool:
        return bool(v)
    if t is str or t is list or t is dict or t is tuple:
        return len(v) > 0
    if t is int or t is float or t is Int64:
        return bool(v != 0)
    if v is None or v is MISSING:
        return False
    if isinstance(v, (str, list, tuple, dict, bytes, bytearray)):
        return len(v) > 0
    if isinstance(v, (int, float, complex)):
        return bool(v != 0)
    return True  # structs (GoStruct, time.Time) are always true


# --- fields and methods -------------------------------------------------------------------------


def _struct_type(v: GoStruct) -> str:
    """The struct type behind a (possibly pointer) struct value."""
    return v.go_type.removeprefix("*")


#: methods of Go types that are not structs here (``time.Time``, ``time.Duration``), by the
#: Python type that stands for them; filled by the modules that define those types
TYPE_METHODS: dict[type, dict[str, GoFunc]] = {}


def _type_method(receiver: Any, name: str) -> GoFunc | None:
    methods = TYPE_METHODS.get(type(receiver))
    return None if methods is None else methods.get(name)


def field(receiver: Any, name: str, iface: bool = False) -> Any:
    """``receiver.name`` as Go's ``evalField`` with no arguments: a map key (MISSING when
    absent), a struct field, or a niladic method's result. ``iface`` says the receiver came
    out of an ``interface{}`` (a map value or slice element), as Go's messages then say."""
    if type(receiver) is dict:
        return receiver.get(name, MISSING)
    if isinstance(receiver, GoStruct):
        method = receiver.go_methods.get(name)
        if method is not None:
            return _method_caller(method)(receiver)
        if name in receiver.go_fields:
            return receiver.go_field(name)
    method = _type_method(receiver, name)
    if method is not None:
        return _method_caller(method)(receiver)
    return _field_fallback(receiver, name, iface)


def _field_fallback(receiver: Any, name: str, iface: bool) -> Any:
    if receiver is MISSING:
        return MISSING
    typ = _IFACE if iface else go_type_name(receiver)
    if receiver is None:
        raise GoExecError(f"nil pointer evaluating {_IFACE}.{name}")
    if isinstance(receiver, dict):
        return receiver.get(name, MISSING)
    raise GoExecError(f"can't evaluate field {name} in type {typ}")


def field_chain(receiver: Any, names: Sequence[str], iface: bool = False) -> Any:
    """``receiver.A.B.C``: :func:`field` along ``names``, knowing that values read from maps
    are ``interface{}`` values (which is what Go's error messages name)."""
    for name in names:
        from_map = isinstance(receiver, dict)
        receiver = field(receiver, name, iface)
        iface = from_map
    return receiver


def call_method(receiver: Any, name: str, args: Sequence[Any], iface: bool = False) -> Any:
    """``receiver.name arg…`` as Go's ``evalField`` with arguments (``args`` include the
    pipeline's value when there is one)."""
    if not args:
        return field(receiver, name, iface)
    if isinstance(receiver, GoStruct):
        method = receiver.go_methods.get(name)
        if method is not None:
            return _method_caller(method)(receiver, *args)
        if name in receiver.go_fields:
            raise GoExecError(f"{name} has arguments but cannot be invoked as function")
    elif isinstance(receiver, dict):
        raise GoExecError(f"{name} is not a method but has arguments")
    method = _type_method(receiver, name)
    if method is not None:
        return _method_caller(method)(receiver, *args)
    return _field_fallback(receiver, name, iface)


# --- argument conversion ------------------------------------------------------------------------

#: Go's spelling (``reflect.Type.String()``) of the parameter types of :class:`GoFunc`
_TYPE_NAMES: Final = {
    "any": _IFACE,
    "interface{}": _IFACE,
    "[]any": "[]interface {}",
    "[]interface{}": "[]interface {}",
    "map[string]any": "map[string]interface {}",
    "map[string]interface{}": "map[string]interface {}",
}
_INT_TYPES: Final = frozenset(
    {"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
     "uintptr", "rune", "byte"})
_FLOAT_TYPES: Final = frozenset({"float64", "float32"})


def _go_type(gotype: str) -> str:
    return _TYPE_NAMES.get(gotype, gotype)


def _nillable(gotype: str) -> bool:
    t = _go_type(gotype)
    return t == _IFACE or t.startswith(("[]", "map[", "*", "func", "chan ")) or t == "error"


def _assignable(value: Any, t: str) -> bool:
    """Whether ``value`` (not nil) is assignable to the Go type ``t``."""
    if t in _INT_TYPES:  # Go converts no integer type to another: int64 is no int
        return type(value) is (Int64 if t == "int64" else int)
    if t in _FLOAT_TYPES:
        return type(value) is float
    if t == "string":
        return type(value) is str
    if t == "bool":
        return type(value) is bool
    if t.startswith("map[string]"):
        return isinstance(value, dict)
    return go_type_name(value) == t


def convert_arg(value: Any, gotype: str) -> Any:
    """Go's ``validateType``: ``value`` passed to a parameter of Go type ``gotype``, or the
    GoExecError Go reports."""
    if gotype == "reflect.Value":
        return value
    t = _go_type(gotype)
    if t == _IFACE:
        return None if value is MISSING else value
    if value is MISSING:
        if _nillable(t):
            return None
        raise GoExecError(f"invalid value; expected {t}")
    if value is None:
        if _nillable(t):
            return None
        raise GoExecError(f"wrong type for value; expected {t}; got {_IFACE}")
    if _assignable(value, t):
        return value
    raise GoExecError(f"wrong type for value; expected {t}; got {go_type_name(value)}")


def show_node(node: n.Node) -> str:
    """A constant or dot as Go's error messages spell it (``3``, ``"x"``, ``true``, ``nil``,
    ``.``)."""
    if isinstance(node, n.NumberNode):
        return node.text
    if isinstance(node, n.StringNode):
        return node.quoted
    if isinstance(node, n.BoolNode):
        return "true" if node.value else "false"
    if isinstance(node, n.NilNode):
        return "nil"
    if isinstance(node, n.DotNode):
        return "."
    return type(node).__name__


def _ideal_constant(node: n.NumberNode) -> Any:
    """Go's ``idealConstant``: a number constant passed as an ``interface{}``."""
    text = node.text
    if node.is_complex:
        return complex(node.text.rstrip("i") + "j") if not node.is_int else node.int_value
    is_hex_int = len(text) > 2 and text[:2] in ("0x", "0X") and not any(c in text for c in "pP")
    if node.is_float and not is_hex_int and not text.startswith("'") and any(
        c in text for c in ".eEpP"
    ):
        return node.float_value
    if node.is_int:
        if not -(1 << 63) <= node.int_value < 1 << 63:
            raise GoExecError(f"{text} overflows int")
        return node.int_value
    if node.is_uint:
        raise GoExecError(f"{text} overflows int")
    return MISSING


def _typed_int(t: str, value: int) -> int:
    """An integer constant as a value of the Go integer type ``t`` (``int64``,
    ``time.Duration``...)."""
    if t == "int64":
        return Int64(value)
    named = NAMED_INTS.get(t)
    return value if named is None else named(value)


def _const_typed(node: n.Node, t: str) -> Any:
    if t == "bool":
        if isinstance(node, n.BoolNode):
            return node.value
        raise GoExecError(f"expected bool; found {show_node(node)}")
    if t in _FLOAT_TYPES:
        if isinstance(node, n.NumberNode) and node.is_float:
            return node.float_value
        raise GoExecError(f"expected float; found {show_node(node)}")
    if t in _INT_TYPES or t in NAMED_INTS:
        unsigned = t.startswith("uint") or t == "byte"
        if isinstance(node, n.NumberNode) and (node.is_uint if unsigned else node.is_int):
            return _typed_int(t, node.int_value)
        kind = "unsigned integer" if unsigned else "integer"
        raise GoExecError(f"expected {kind}; found {show_node(node)}")
    if t == "string":
        if isinstance(node, n.StringNode):
            return node.text
        raise GoExecError(f"expected string; found {show_node(node)}")
    raise GoExecError(f"can't handle {show_node(node)} for arg of type {t}")


def const_arg(node: n.Node, gotype: str) -> Any:
    """Go's ``evalArg`` for a constant (number, string, bool or nil node) passed to a
    parameter of Go type ``gotype``, with Go's untyped-constant rules."""
    t = _go_type(gotype)
    if isinstance(node, n.NilNode):
        if gotype == "reflect.Value":
            return MISSING
        if _nillable(t):
            return None
        raise GoExecError(f"cannot assign nil to {t}")
    if t == _IFACE or gotype == "reflect.Value":
        if isinstance(node, n.BoolNode):
            return node.value
        if isinstance(node, n.StringNode):
            return node.text
        if isinstance(node, n.NumberNode):
            return _ideal_constant(node)
        raise TypeError(f"not a constant: {node!r}")
    return _const_typed(node, t)


class MethodConst:
    """A number constant given to a method: Go types it by the method's parameter
    (``{{ $d.Round 3600000000000 }}`` passes a ``time.Duration``), which is known only
    once the receiver is; the method's caller resolves it with :func:`const_arg`."""

    __slots__ = ("node",)

    def __init__(self, node: n.NumberNode) -> None:
        self.node = node


def _resolve_consts(fn: GoFunc, given: tuple[Any, ...]) -> tuple[Any, ...]:
    params = fn.params
    return tuple(
        const_arg(a.node, params[i] if i < len(params) else fn.variadic or "any")
        if type(a) is MethodConst else a
        for i, a in enumerate(given)
    )


# --- callers ------------------------------------------------------------------------------------

_Conv = Callable[[Any], Any]


def _identity(v: Any) -> Any:
    return v


def _to_any(v: Any) -> Any:
    return None if v is MISSING else v


def _converter(gotype: str) -> _Conv:
    if gotype == "reflect.Value":
        return _identity
    if _go_type(gotype) == _IFACE:
        return _to_any
    if gotype == "string":

        def to_string(v: Any) -> Any:
            return v if type(v) is str else convert_arg(v, "string")

        return to_string
    return lambda v: convert_arg(v, gotype)


def _arity_error(fn: GoFunc, got: int) -> GoExecError:
    if fn.variadic is not None:
        return GoExecError(
            f"wrong number of args for {fn.name}: want at least {len(fn.params)} got {got}"
        )
    return GoExecError(f"wrong number of args for {fn.name}: want {len(fn.params)} got {got}")


def _build_caller(fn: GoFunc, bound: bool) -> Callable[..., Any]:
    convs = [_converter(p) for p in fn.params]
    var_conv = _converter(fn.variadic) if fn.variadic is not None else None
    nfixed = len(convs)
    skip = bound  # the receiver of a method is passed through as is
    trivial = all(c is _identity for c in (*convs, var_conv or _identity))
    only_any = all(c is _to_any for c in (*convs, var_conv or _to_any))
    impl, name = fn.impl, fn.name

    def caller(*args: Any) -> Any:
        given = args[1:] if skip else args
        count = len(given)
        if count != nfixed and (var_conv is None or count < nfixed):
            raise _arity_error(fn, count)
        if skip and any(type(a) is MethodConst for a in given):
            given = _resolve_consts(fn, given)
        if trivial:
            pass
        elif only_any:
            if any(a is MISSING for a in given):
                given = tuple(None if a is MISSING else a for a in given)
        else:
            conv = [c(a) for c, a in zip(convs, given, strict=False)]
            if var_conv is not None:
                conv.extend(var_conv(a) for a in given[nfixed:])
            given = tuple(conv)
        try:
            return impl(args[0], *given) if skip else impl(*given)
        except GoExecError as exc:
            raise GoExecError(f"error calling {name}: {exc}") from exc

    caller.__name__ = f"go_{name}"
    return caller


_CALLERS: dict[GoFunc, Callable[..., Any]] = {}
_METHOD_CALLERS: dict[GoFunc, Callable[..., Any]] = {}


def make_caller(fn: GoFunc) -> Callable[..., Any]:
    """A function taking a template call's arguments (the pipeline's value last): checks
    their number and converts each to its Go parameter type (:func:`convert_arg`) as Go's
    ``evalCall`` does, calls ``fn.impl``, and reports its errors as Go does (``error calling
    NAME: …``)."""
    caller = _CALLERS.get(fn)
    if caller is None:
        caller = _CALLERS[fn] = _build_caller(fn, bound=False)
    return caller


def _method_caller(fn: GoFunc) -> Callable[..., Any]:
    caller = _METHOD_CALLERS.get(fn)
    if caller is None:
        caller = _METHOD_CALLERS[fn] = _build_caller(fn, bound=True)
    return caller


# --- comparisons --------------------------------------------------------------------------------

_BAD_TYPE: Final = "invalid type for comparison"
_INCOMPATIBLE: Final = "incompatible types for comparison"


def _basic_kind(v: Any) -> str | None:
    """Go's ``basicKind``: bool, int, float, complex or string; None for other kinds."""
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    if isinstance(v, complex):
        return "complex"
    return None


def _reflect_kind(v: Any) -> str:
    if v is MISSING:
        return "invalid"
    if isinstance(v, (list, tuple, bytes, bytearray)):
        return "slice"
    if isinstance(v, dict):
        return "map"
    if isinstance(v, GoStruct) and v.go_type.startswith("*"):
        return "ptr"
    return "struct"


def _comparable(v: Any) -> bool:
    if isinstance(v, (list, tuple, dict, bytes, bytearray)):
        return False
    if isinstance(v, GoStruct):
        return v.go_type.startswith("*") or v.go_comparable
    return True


def _same_value(a: Any, b: Any) -> bool:
    """``a == b`` on two non-basic Go values (``interface{}`` comparison)."""
    if go_type_name(a) != go_type_name(b):
        return False
    if isinstance(a, GoStruct):
        if a.go_type.startswith("*"):
            return a is b
        return all(_go_equal(a.go_field(f), b.go_field(f)) for f in a.go_fields)
    return bool(a == b)


def _go_equal(a: Any, b: Any) -> bool:
    a, b = indirect(a), indirect(b)
    ka, kb = _basic_kind(a), _basic_kind(b)
    if ka is not None or kb is not None:
        return ka == kb and go_type_name(a) == go_type_name(b) and a == b
    if a is MISSING or b is MISSING:
        return a is b
    return _comparable(a) and _same_value(a, b)


def _eq_one(arg1: Any, k1: str | None, arg: Any) -> bool:
    arg = indirect(arg)
    k2 = _basic_kind(arg)
    if k1 != k2:
        if arg1 is not MISSING and arg is not MISSING:
            raise GoExecError(_INCOMPATIBLE)
        return False
    if k1 is not None:
        return bool(arg1 == arg)
    kind1, kind2 = _reflect_kind(arg1), _reflect_kind(arg)
    if kind1 != kind2 and "invalid" not in (kind1, kind2):
        raise GoExecError(
            f"non-comparable types {sprintf('%s', arg1)}: {go_type_name(arg1)}, "
            f"{go_type_name(arg)}: {sprint(arg)}"
        )
    if arg1 is MISSING or arg is MISSING:
        return arg1 is arg
    if not _comparable(arg):
        raise GoExecError(f"non-comparable type {sprintf('%s', arg)}: {go_type_name(arg)}")
    return _same_value(arg1, arg)


def eq(arg1: Any, *arg2: Any) -> bool:
    """Go's ``eq``: whether ``arg1`` equals any of ``arg2``."""
    arg1 = indirect(arg1)
    if not arg2:
        raise GoExecError("missing argument for comparison")
    k1 = _basic_kind(arg1)
    return any(_eq_one(arg1, k1, arg) for arg in arg2)


def ne(arg1: Any, arg2: Any) -> bool:
    """Go's ``ne``."""
    return not eq(arg1, arg2)


def lt(arg1: Any, arg2: Any) -> bool:
    """Go's ``lt``: ints, floats and strings of the same kind only."""
    arg1, arg2 = indirect(arg1), indirect(arg2)
    k1 = _basic_kind(arg1)
    if k1 is None:
        raise GoExecError(_BAD_TYPE)
    k2 = _basic_kind(arg2)
    if k2 is None:
        raise GoExecError(_BAD_TYPE)
    if k1 != k2:
        raise GoExecError(_INCOMPATIBLE)
    if k1 in ("bool", "complex"):
        raise GoExecError(_BAD_TYPE)
    return bool(arg1 < arg2)


def le(arg1: Any, arg2: Any) -> bool:
    """Go's ``le``."""
    return lt(arg1, arg2) or eq(arg1, arg2)


def gt(arg1: Any, arg2: Any) -> bool:
    """Go's ``gt``."""
    return not le(arg1, arg2)


def ge(arg1: Any, arg2: Any) -> bool:
    """Go's ``ge``."""
    return not lt(arg1, arg2)


# --- index, slice, len --------------------------------------------------------------------------


def _index_arg(index: Any, cap: int) -> int:
    """Go's ``indexArg``."""
    if index is MISSING:
        raise GoExecError("cannot index slice/array with nil")
    if not is_integer(index):  # any integer kind (int, int64, time.Month...)
        raise GoExecError(f"cannot index slice/array with type {go_type_name(index)}")
    x = int(index)
    if x < 0 or x > cap:
        raise GoExecError(f"index out of range: {x}")
    return x


def _map_key(index: Any) -> str:
    """Go's ``prepareArg`` for a ``string`` map key."""
    if index is MISSING:
        raise GoExecError("value is nil; should be of type string")
    if type(index) is not str:
        raise GoExecError(f"value has type {go_type_name(index)}; should be string")
    return str(index)


def _str_bytes(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _index_one(item: Any, index: Any) -> Any:
    if isinstance(item, dict):
        return item.get(_map_key(index))
    if isinstance(item, str):
        b = _str_bytes(item)
        x = _index_arg(index, len(b))
        if x == len(b):
            raise GoExecError("reflect: string index out of range")
        return b[x]
    if isinstance(item, (list, tuple, bytes, bytearray)):
        x = _index_arg(index, len(item))
        if x == len(item):
            raise GoExecError("reflect: slice index out of range")
        return item[x]
    typ = _struct_type(item) if isinstance(item, GoStruct) else go_type_name(item)
    raise GoExecError(f"can't index item of type {typ}")


@register("index", ("reflect.Value",), variadic="reflect.Value", error_result=True)
def index(item: Any, *indexes: Any) -> Any:
    """Go's ``index``: ``item[i][j]…`` on maps (a missing key gives the element type's zero
    value, nil), slices and strings (a byte)."""
    item = indirect(item)
    if item is MISSING:
        raise GoExecError("index of untyped nil")
    for idx in indexes:
        if item is None:
            raise GoExecError("index of nil pointer")
        item = _index_one(item, indirect(idx))
    return item


def _slice_cap(item: Any, nidx: int) -> int:
    if isinstance(item, str):
        if nidx == 3:
            raise GoExecError("cannot 3-index slice a string")
        return len(_str_bytes(item))
    if isinstance(item, (list, tuple, bytes, bytearray)):
        return len(item)
    raise GoExecError(f"can't slice item of type {go_type_name(item)}")


def slice_(item: Any, *indexes: Any) -> Any:
    """Go's ``slice`` builtin: ``item[i:j:k]`` on strings (by bytes) and slices. Not
    registered: listmonk's function map includes Sprig's ``slice``, which replaces Go's
    (:data:`slice_func` is its :class:`GoFunc`, for a registry without Sprig)."""
    item = indirect(item)
    if item is MISSING:
        raise GoExecError("slice of untyped nil")
    if len(indexes) > 3:
        raise GoExecError(f"too many slice indexes: {len(indexes)}")
    cap = _slice_cap(item, len(indexes))
    idx = [0, cap, cap]
    for i, x in enumerate(indexes):
        idx[i] = _index_arg(indirect(x), cap)
    if idx[0] > idx[1]:
        raise GoExecError(f"invalid slice index: {idx[0]} > {idx[1]}")
    if len(indexes) == 3 and idx[1] > idx[2]:
        raise GoExecError(f"invalid slice index: {idx[1]} > {idx[2]}")
    if isinstance(item, str):
        if item.isascii():
            return type(item)(item[idx[0] : idx[1]])
        part = _str_bytes(item)[idx[0] : idx[1]]
        return type(item)(part.decode("utf-8", "replace"))
    return item[idx[0] : idx[1]]


#: Go's builtin ``slice`` with its Go signature (not in the registry: Sprig's replaces it)
slice_func: Final = GoFunc(
    "slice", slice_, ("reflect.Value",), variadic="reflect.Value", error_result=True)


@register("len", ("reflect.Value",), error_result=True)
def length(item: Any) -> int:
    """Go's ``len``: bytes of a string, items of a slice or map."""
    if item is None:
        raise GoExecError("len of nil pointer")
    if item is MISSING:
        raise GoExecError("reflect: call of reflect.Value.Type on zero Value")
    if isinstance(item, str):
        return len(item) if item.isascii() else len(_str_bytes(item))
    if isinstance(item, (list, tuple, dict, bytes, bytearray)):
        return len(item)
    typ = _struct_type(item) if isinstance(item, GoStruct) else go_type_name(item)
    raise GoExecError(f"len of type {typ}")


# --- escapers -----------------------------------------------------------------------------------

_HTML_ESC: Final = str.maketrans(
    {"\0": "\ufffd", '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;"})


def html_escape(s: str) -> str:
    """Go's ``template.HTMLEscapeString``."""
    return s.translate(_HTML_ESC)


_JS_ESC: Final = {"\\": "\\\\", "'": "\\'", '"': '\\"', "<": "\\u003C", ">": "\\u003E",
                  "&": "\\u0026", "=": "\\u003D"}


def _js_char(c: str) -> str:
    esc = _JS_ESC.get(c)
    if esc is not None:
        return esc
    o = ord(c)
    if o < 0x20:
        return f"\\u00{o:02X}"
    if o < 0x80 or c.isprintable():
        return c
    return f"\\u{o:04X}"


def js_escape(s: str) -> str:
    """Go's ``template.JSEscapeString``."""
    if s.isascii() and s.isalnum():
        return s
    return "".join(_js_char(c) for c in s)


def urlquery_escape(s: str) -> str:
    """Go's ``url.QueryEscape``."""
    return quote_plus(s, safe="", encoding="utf-8", errors="surrogateescape")


def _eval_args(args: tuple[Any, ...]) -> str:
    """Go's ``evalArgs``: the ``fmt.Sprint`` of the arguments, nil ones as ``<no value>``."""
    if len(args) == 1 and type(args[0]) is str:
        return str(args[0])
    return sprint(*("<no value>" if a is None or a is MISSING else a for a in args))


@register("html", variadic="any")
def html(*args: Any) -> str:
    """Go's ``html`` builtin."""
    return html_escape(_eval_args(args))


@register("js", variadic="any")
def js(*args: Any) -> str:
    """Go's ``js`` builtin."""
    return js_escape(_eval_args(args))


@register("urlquery", variadic="any")
def urlquery(*args: Any) -> str:
    """Go's ``urlquery`` builtin."""
    return urlquery_escape(_eval_args(args))


# --- logic and printing -------------------------------------------------------------------------


@register("and", ("reflect.Value",), variadic="reflect.Value")
def and_(arg0: Any, *args: Any) -> Any:
    """Go's ``and``: the first false argument, else the last (the compiler short-circuits)."""
    for a in (arg0, *args):
        if not truth(a):
            return a
    return args[-1] if args else arg0


@register("or", ("reflect.Value",), variadic="reflect.Value")
def or_(arg0: Any, *args: Any) -> Any:
    """Go's ``or``: the first true argument, else the last."""
    for a in (arg0, *args):
        if truth(a):
            return a
    return args[-1] if args else arg0


@register("not", ("reflect.Value",))
def not_(arg: Any) -> bool:
    """Go's ``not``."""
    return not truth(arg)


@register("call", ("reflect.Value",), variadic="reflect.Value", error_result=True)
def call(fn: Any, *args: Any) -> Any:
    """Go's ``call``: templates here hold no function values, so always Go's error."""
    fn = indirect(fn)
    if fn is MISSING:
        raise GoExecError("call of nil")
    raise GoExecError(f"non-function of type {go_type_name(fn)}")


register("print", variadic="any")(sprint)
register("println", variadic="any")(sprintln)
register("printf", ("string",), variadic="any")(sprintf)
register("eq", ("reflect.Value",), variadic="reflect.Value", error_result=True)(eq)
for _name, _fn in (("ne", ne), ("lt", lt), ("le", le), ("gt", gt), ("ge", ge)):
    register(_name, ("reflect.Value", "reflect.Value"), error_result=True)(_fn)
