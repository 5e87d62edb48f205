"""Sprig's defaults (``defaults.go``), lists (``list.go``) and dicts (``dict.go``).

List functions take any slice (``list`` or ``tuple``) and return a new ``list``
(``[]interface{}``). On anything else they fail with Sprig's message, whether the ``must``
variant returns it as an error or the plain one panics with it (a template sees the same
error either way); on nil they hit Go's nil-pointer panic, as Sprig does.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any

from blaster.gotemplate import values
from blaster.gotemplate.funcs import GoExecError, register
from blaster.gotemplate.sprig_math import to_int
from blaster.gotemplate.sprig_strings import strslice
from blaster.gotemplate.sprig_text import deep_equal, go_func, go_kind, nil_if_missing, strval

_A = "any"
_M = "map[string]any"
NIL_DEREFERENCE = "runtime error: invalid memory address or nil pointer dereference"


def empty(v: Any) -> bool:
    """Sprig's ``empty``: nil, zero, false, or a length of 0; never a struct."""
    v = nil_if_missing(v)
    if v is None:
        return True
    if isinstance(v, (str, bytes, list, tuple, dict)):
        return len(v) == 0
    if isinstance(v, (bool, int, float)):
        return not v
    return False


# --- defaults -----------------------------------------------------------------------------------

register("empty", (_A,))(empty)


@go_func("default", (_A,), variadic=_A)
def default(d: Any, *given: Any) -> Any:
    if not given or empty(given[0]):
        return nil_if_missing(d)
    return nil_if_missing(given[0])


@go_func("coalesce", (), variadic=_A)
def coalesce(*items: Any) -> Any:
    return next((nil_if_missing(v) for v in items if not empty(v)), None)


@go_func("all", (), variadic=_A)
def all_(*items: Any) -> bool:
    return not any(map(empty, items))


@go_func("any", (), variadic=_A)
def any_(*items: Any) -> bool:
    return not all(map(empty, items))


@go_func("ternary", (_A, _A, "bool"))
def ternary(vt: Any, vf: Any, v: bool) -> Any:
    return nil_if_missing(vt if v else vf)


@go_func("fail", ("string",), error_result=True)
def fail(msg: str) -> str:
    raise GoExecError(msg)


# --- lists --------------------------------------------------------------------------------------


def as_list(v: Any, message: str) -> list[Any]:
    """The items of a slice; ``message`` (with ``%s`` for the kind) for anything else."""
    v = nil_if_missing(v)
    if isinstance(v, (list, tuple, bytes)):
        return list(v)
    if v is None:
        raise GoExecError(NIL_DEREFERENCE)
    raise GoExecError(message.replace("%s", go_kind(v)))


def _both(names: tuple[str, str], params: tuple[str, ...], variadic: str | None = None) -> Callable[
    [Callable[..., Any]], Callable[..., Any]
]:
    """Register ``impl`` as the panicking function and as its ``must`` variant."""

    def deco(impl: Callable[..., Any]) -> Callable[..., Any]:
        register(names[0], params, variadic=variadic)(impl)
        register(names[1], params, variadic=variadic, error_result=True)(impl)
        return impl

    return deco


@go_func("list", (), variadic=_A)
@go_func("tuple", (), variadic=_A)
def list_(*items: Any) -> list[Any]:
    return [nil_if_missing(v) for v in items]


@_both(("push", "mustPush"), (_A, _A))
def push(seq: Any, v: Any) -> list[Any]:
    return [*as_list(seq, "Cannot push on type %s"), nil_if_missing(v)]


register("append", (_A, _A))(push)
register("mustAppend", (_A, _A), error_result=True)(push)


@_both(("prepend", "mustPrepend"), (_A, _A))
def prepend(seq: Any, v: Any) -> list[Any]:
    return [nil_if_missing(v), *as_list(seq, "Cannot prepend on type %s")]


@_both(("chunk", "mustChunk"), ("int", _A))
def chunk(size: int, seq: Any) -> list[list[Any]]:
    items = as_list(seq, "Cannot chunk type %s")
    if size <= 0:
        return _chunk_degenerate(size, items)
    return [items[i : i + size] for i in range(0, len(items), size)]


def _chunk_degenerate(size: int, items: list[Any]) -> list[list[Any]]:
    """What Sprig's float arithmetic does with a chunk size of zero or less."""
    if size == 0:
        raise GoExecError("runtime error: makeslice: len out of range")
    count = math.floor((len(items) - 1) / size) + 1
    if count <= 0:
        return []
    raise GoExecError("runtime error: makeslice: len out of range")


@_both(("first", "mustFirst"), (_A,))
def first(seq: Any) -> Any:
    items = as_list(seq, "Cannot find first on type %s")
    return items[0] if items else None


@_both(("last", "mustLast"), (_A,))
def last(seq: Any) -> Any:
    items = as_list(seq, "Cannot find last on type %s")
    return items[-1] if items else None


@_both(("rest", "mustRest"), (_A,))
def rest(seq: Any) -> list[Any]:
    return as_list(seq, "Cannot find rest on type %s")[1:]


@_both(("initial", "mustInitial"), (_A,))
def initial(seq: Any) -> list[Any]:
    return as_list(seq, "Cannot find initial on type %s")[:-1]


@_both(("reverse", "mustReverse"), (_A,))
def reverse(seq: Any) -> list[Any]:
    return as_list(seq, "Cannot find reverse on type %s")[::-1]


@_both(("compact", "mustCompact"), (_A,))
def compact(seq: Any) -> list[Any]:
    return [v for v in as_list(seq, "Cannot compact on type %s") if not empty(v)]


def in_list(haystack: list[Any], needle: Any) -> bool:
    return any(deep_equal(needle, h) for h in haystack)


@_both(("uniq", "mustUniq"), (_A,))
def uniq(seq: Any) -> list[Any]:
    out: list[Any] = []
    for v in as_list(seq, "Cannot find uniq on type %s"):
        if not in_list(out, v):
            out.append(v)
    return out


@_both(("without", "mustWithout"), (_A,), _A)
def without(seq: Any, *omit: Any) -> list[Any]:
    dropped = [nil_if_missing(v) for v in omit]
    return [v for v in as_list(seq, "Cannot find without on type %s") if not in_list(dropped, v)]


@_both(("has", "mustHas"), (_A, _A))
def has(needle: Any, haystack: Any) -> bool:
    if nil_if_missing(haystack) is None:
        return False
    return in_list(as_list(haystack, "Cannot find has on type %s"), needle)


@_both(("slice", "mustSlice"), (_A,), _A)
def slice_(seq: Any, *indices: Any) -> Any:
    seq = nil_if_missing(seq)
    items = as_list(seq, "list should be type of slice or array but %s")
    if not items:
        return None
    start = to_int(indices[0]) if indices else 0
    end = to_int(indices[1]) if len(indices) >= 2 else len(items)
    if start < 0 or end < start or end > len(items):
        raise GoExecError("reflect.Value.Slice: slice index out of bounds")
    part = items[start:end]
    return type(seq)(part) if isinstance(seq, tuple) else part  # []string, []int stay so


@go_func("concat", (), variadic=_A)
def concat(*lists: Any) -> list[Any] | None:
    out: list[Any] = []
    for seq in lists:
        out += as_list(seq, "Cannot concat type %s as list")
    return out if lists else None


@go_func("sortAlpha", (_A,))
def sort_alpha(v: Any) -> tuple[str, ...]:
    if isinstance(v, (list, tuple, bytes)):
        return tuple(sorted(strslice(v)))
    return (strval(v),)


# --- dicts --------------------------------------------------------------------------------------


@go_func("dict", (), variadic=_A)
def dict_(*items: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i in range(0, len(items), 2):
        out[strval(items[i])] = nil_if_missing(items[i + 1]) if i + 1 < len(items) else ""
    return out


@go_func("get", (_M, "string"))
def get(d: dict[str, Any], key: str) -> Any:
    return d.get(key, "")


@go_func("set", (_M, "string", _A))
def set_(d: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    d[key] = nil_if_missing(value)
    return d


@go_func("unset", (_M, "string"))
def unset(d: dict[str, Any], key: str) -> dict[str, Any]:
    d.pop(key, None)
    return d


@go_func("hasKey", (_M, "string"))
def has_key(d: dict[str, Any], key: str) -> bool:
    return key in d


@go_func("pluck", ("string",), variadic=_M)
def pluck(key: str, *dicts: dict[str, Any]) -> list[Any]:
    return [d[key] for d in dicts if key in d]


@go_func("keys", (), variadic=_M)
def keys(*dicts: dict[str, Any]) -> tuple[str, ...]:
    return tuple(k for d in dicts for k in d)


@go_func("pick", (_M,), variadic="string")
def pick(d: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: d[k] for k in names if k in d}


@go_func("omit", (_M,), variadic="string")
def omit(d: dict[str, Any], *names: str) -> dict[str, Any]:
    dropped = set(names)
    return {k: v for k, v in d.items() if k not in dropped}


@go_func("values", (_M,))
def values_(d: dict[str, Any]) -> list[Any]:
    return list(d.values())


def mergo_merge(dst: dict[str, Any], src: dict[str, Any], overwrite: bool) -> None:
    """mergo's ``Merge``/``MergeWithOverwrite`` of two ``map[string]interface{}``: a key is
    set when missing or empty in ``dst`` (always when overwriting, even to an empty or nil
    value); maps under a key are merged into a non-empty map there, in place."""
    for key, sv in src.items():
        dv = dst.get(key)
        present = key in dst
        if sv is None:
            if overwrite:
                dst[key] = None
            continue
        if isinstance(sv, dict):
            if isinstance(dv, dict):
                mergo_merge(dv, sv, overwrite)
            if present and not empty(dv):
                continue
        if overwrite or not present or empty(dv):
            dst[key] = sv


@_both(("merge", "mustMerge"), (_M,), _M)
def merge(dst: dict[str, Any], *srcs: dict[str, Any]) -> Any:
    for src in srcs:
        mergo_merge(dst, src, False)
    return dst


@_both(("mergeOverwrite", "mustMergeOverwrite"), (_M,), _M)
def merge_overwrite(dst: dict[str, Any], *srcs: dict[str, Any]) -> Any:
    for src in srcs:
        mergo_merge(dst, src, True)
    return dst


@_both(("deepCopy", "mustDeepCopy"), (_A,))
def deep_copy(v: Any) -> Any:
    v = nil_if_missing(v)
    if v is None:
        raise GoExecError("reflect: call of reflect.Value.Type on zero Value")
    return copy.deepcopy(v)


def _conversion_error(v: Any, want: str) -> GoExecError:
    got = "nil" if v is None else values.go_type_name(v)
    return GoExecError(f"interface conversion: interface {{}} is {got}, not {want}")


@go_func("dig", (), variadic=_A, error_result=True)
def dig(*ps: Any) -> Any:
    if len(ps) < 3:
        raise GoExecError("dig needs at least three arguments")
    ps = tuple(map(nil_if_missing, ps))
    d, default_value = ps[-1], ps[-2]
    if type(d) is not dict:  # a named map type (models.JSON) fails Go's type assertion too
        raise _conversion_error(d, "map[string]interface {}")
    for k in ps[:-2]:
        if not isinstance(k, str):
            raise _conversion_error(k, "string")
    return _dig(d, default_value, list(ps[:-2]))


def _dig(d: dict[str, Any], default_value: Any, path: list[str]) -> Any:
    step: Any = d
    for i, k in enumerate(path):
        if i and not isinstance(step, dict):
            raise _conversion_error(step, "map[string]interface {}")
        if k not in step:
            return default_value
        step = step[k]
    return step
