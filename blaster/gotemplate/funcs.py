"""The function registry shared by the Go builtins, Sprig and listmonk's functions.

A :class:`GoFunc` is a Python implementation plus the Go signature it stands for: the Go
types of its parameters decide how the arguments of a template call are checked and
converted (Go's ``evalArg``/``validateType``), and ``error_result`` says that the Go function
returns ``(value, error)`` (a raised :class:`GoExecError` is that error).

Parameter types are spelled as in Go: ``"string"``, ``"int"``, ``"int64"``, ``"float64"``,
``"bool"``, ``"any"`` (``interface{}``), ``"[]any"``, ``"[]string"``, ``"map[string]any"``,
``"reflect.Value"`` (the raw value, which may be :data:`blaster.gotemplate.values.MISSING`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class GoExecError(Exception):
    """An error while executing a template, as Go's ``ExecError`` (the message is Go's)."""


@dataclass(frozen=True, slots=True)
class GoFunc:
    name: str
    impl: Callable[..., Any]
    params: tuple[str, ...] = ()
    variadic: str | None = None  #: Go type of the ``...T`` parameter's elements, if any
    error_result: bool = False


#: every function a template may name, filled by the modules that define them
REGISTRY: dict[str, GoFunc] = {}


def register(
    name: str,
    params: tuple[str, ...] = (),
    *,
    variadic: str | None = None,
    error_result: bool = False,
    registry: dict[str, GoFunc] = REGISTRY,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: register ``impl`` under the Go name ``name`` with its Go signature."""

    def deco(impl: Callable[..., Any]) -> Callable[..., Any]:
        if name in registry:
            raise ValueError(f"function {name!r} registered twice")
        registry[name] = GoFunc(name, impl, params, variadic, error_result)
        return impl

    return deco
