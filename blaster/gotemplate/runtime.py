"""What compiled Go templates call at render time, besides the functions themselves.

The compiler (:mod:`.compiler`) turns each Go construct into jinja2 that calls these
helpers: field chains, ``range`` iteration, truth, printing, failures Go reports at execution
time, and the size guards on functions that can build large values. Every helper is trusted
by the sandbox (called without its per-call checks), so none of them may reach arbitrary
Python attributes: field access goes through :func:`values.field`, which only knows Go's
fields, methods and map keys.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator
from typing import Any

from blaster.gotemplate import values
from blaster.gotemplate.funcs import GoExecError

#: functions whose integer arguments size what they build (a count, a width, a length)
_SIZED_BY_INT_ARGS = frozenset(
    {
        "repeat",
        "indent",
        "nindent",
        "randAlpha",
        "randAlphaNum",
        "randAscii",
        "randNumeric",
        "randBytes",
        "until",
        "untilStep",
        "seq",
        "abbrev",
        "abbrevboth",
        "wrap",
        "wrapWith",
        "chunk",
        "mustChunk",
        "trunc",
        "substr",
    }
)
_BIG_WIDTH = re.compile(r"%[-+# 0]*\d{7,}|\.\d{7,}")  #: printf widths of a million or more


#: (struct type, name) → how to read that field or call that niladic method, cached
_GETTERS: dict[tuple[type, str], Callable[[Any], Any]] = {}


def _getter(t: type, name: str) -> Callable[[Any], Any] | None:
    """A fast reader of ``name`` on structs of type ``t`` (None: use :func:`values.field`)."""
    if not issubclass(t, values.GoStruct):
        return None
    method = t.go_methods.get(name)
    if method is not None:
        if method.params or method.variadic:
            return None
        impl = method.impl
        return lambda r: impl(r)
    if name in t.go_fields:
        return operator.attrgetter(name)
    return None


def chain(receiver: Any, names: tuple[str, ...]) -> Any:
    """``receiver.A.B.C`` with Go's field, method and map-key rules."""
    for i, name in enumerate(names):
        t = type(receiver)
        if isinstance(receiver, dict):  # also named map types (listmonk's models.JSON) ...
            methods = None if t is dict else values.TYPE_METHODS.get(t)
            if methods is None or name not in methods:  # ... whose methods come first
                receiver = receiver.get(name, values.MISSING)
                continue
        getter = _GETTERS.get((t, name))
        if getter is None:
            getter = _getter(t, name)
            if getter is None:  # maps in disguise, nil, missing, errors: Go's own rules
                return values.field_chain(receiver, names[i:])
            _GETTERS[(t, name)] = getter
        receiver = getter(receiver)
    return receiver


def chain_call(receiver: Any, names: tuple[str, ...], args: tuple[Any, ...]) -> Any:
    """``receiver.A.B arg…``: the last name is a method called with ``args``."""
    for name in names[:-1]:
        receiver = values.field(receiver, name)
    return values.call_method(receiver, names[-1], list(args))


def range_items(value: Any) -> Iterator[tuple[Any, Any]]:
    """(key, element) pairs of ``{{ range }}`` as Go iterates them: slices by index, maps by
    sorted key; nil and missing values give nothing; anything else is Go's error."""
    if value is values.MISSING or value is None:
        return iter(())
    if isinstance(value, list | tuple):
        return iter(enumerate(value))
    if isinstance(value, dict):
        return ((k, value[k]) for k in sorted(value))  # Go: string keys in byte order
    raise GoExecError(f"range can't iterate over {values.sprint(value)}")


def fail(message: str) -> Any:
    """Raise the execution error Go reports when it reaches this point."""
    raise GoExecError(message)


def guard_size(name: str, limit: int) -> Callable[[tuple[Any, ...]], None]:
    """A check run before calling ``name``: refuses arguments that would make it build more
    than ``limit`` items (Go has no such limit; blaster's sandbox does)."""
    if name in _SIZED_BY_INT_ARGS:

        def check_ints(args: tuple[Any, ...]) -> None:
            for arg in args:
                if isinstance(arg, int | float) and not isinstance(arg, bool) and abs(arg) > limit:
                    raise GoExecError(f"render limit: {name} argument {arg} is too large")

        return check_ints
    if name in ("printf", "print", "println"):

        def check_format(args: tuple[Any, ...]) -> None:
            if name != "printf" or not args or not isinstance(args[0], str):
                return
            if _BIG_WIDTH.search(args[0]) or (
                "*" in args[0] and any(values.is_integer(a) and abs(a) > limit for a in args[1:])
            ):
                raise GoExecError("render limit: printf width too large")

        return check_format

    def nothing(args: tuple[Any, ...]) -> None:
        return None

    return nothing


def sized_caller(
    name: str, call: Callable[..., Any], limit: int
) -> Callable[..., Any]:
    """``call`` with the size guard of ``name`` before and a size check of its result."""
    before = guard_size(name, limit)

    def guarded(*args: Any) -> Any:
        before(args)
        result = call(*args)
        if isinstance(result, str | list | tuple | dict | bytes) and len(result) > limit:
            raise GoExecError(f"render limit: {name} built a value of more than {limit} items")
        return result

    guarded.__name__ = f"go_{name}"
    return guarded


#: the helpers compiled source calls, by the names the compiler gives them
HELPERS: dict[str, Callable[..., Any]] = {
    "_chain": chain,
    "_chain_call": chain_call,
    "_range": range_items,
    "_fail": fail,
}
