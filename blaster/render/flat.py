"""Templates without control flow, compiled to one Python function that returns their pieces.

Most campaign parts are literal text with values between: a subject ``Issue 42 for {{
Subscriber.Name }}``, a letter's HTML with a name, an attribute and an unsubscribe link, and
what the Go front end makes of listmonk's ``{{ .Subscriber.Name }}`` (calls of its own
helpers). jinja runs such a template as a generator over a fresh context; per part and
subscriber that costs more than the values themselves. :func:`compile_flat` turns a template
made only of text and *simple expressions* into ``pieces(data) -> list[str]``: the same
pieces, in the same order, from the same calls jinja's code generator writes for them
(``environment.getattr``/``getitem``, ``escape`` or ``str``, the sandbox's step charge for a
call), reading names from ``data`` as the shared context does. Anything else (a statement,
a filter, an operator, keyword arguments, a function the sandbox does not trust) gives
``None`` and the template keeps jinja's own path.

A simple expression is a name, a string, integer, boolean or ``None`` constant, an attribute
or a constant item of a simple expression, or a call with simple arguments of a name bound
to a function the sandbox trusts (or, in Go templates, of the compiler's own ``_`` helpers,
which :class:`.sandbox.GoCodeGenerator` calls directly). An expression whose root is a name
is never folded into a constant by jinja, so the output is the output jinja gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import jinja2.nodes as jn
from jinja2.utils import missing
from markupsafe import escape

from blaster.render.sandbox import _CHECK_MASK, GoSandbox, Sandbox

#: ``data`` (the names a render starts from) -> the template's output, piece by piece
Pieces = Callable[[dict[str, Any]], list[str]]
_CONSTANTS = (str, int, bool, type(None))
#: names jinja's code generator binds itself (``self`` is the template reference)
_SPECIAL_NAMES = frozenset({"self", "super", "loop", "caller", "varargs", "kwargs"})


class _NotFlat(Exception):
    """The template holds something only jinja's own code runs."""


def compile_flat(env: Sandbox, source: str, name: str = "<flat>") -> Pieces | None:
    """``source``'s pieces as one function of ``data``, or ``None`` when it is not flat."""
    if env.finalize is not None or env.is_async or not isinstance(env.autoescape, bool):
        return None  # jinja decides these per template or per value: its own code does
    try:
        writer = _Writer(env, env.parse(source))
        code = writer.function()
    except _NotFlat:
        return None
    namespace = writer.namespace()
    exec(compile(code, name, "exec"), namespace)  # the source is built from the AST above
    function: Pieces = namespace["pieces"]
    return function


class _Writer:
    """The Python source of one flat template's ``pieces`` function."""

    def __init__(self, env: Sandbox, ast: jn.Template) -> None:
        self.env = env
        self.go = isinstance(env, GoSandbox)
        self.names: dict[str, str] = {}  # template name -> local variable
        self.items = list(self._items(ast))

    def _items(self, ast: jn.Template) -> Iterator[str]:
        """The source of each piece: a string literal or an expression, text merged."""
        text: list[str] = []
        for node in ast.body:
            if not isinstance(node, jn.Output):
                raise _NotFlat
            for child in node.nodes:
                if isinstance(child, jn.TemplateData):
                    text.append(child.data)
                    continue
                if text:
                    yield repr("".join(text))
                    text = []
                wrap = "escape" if self.env.autoescape else "str"
                yield f"{wrap}({self._expr(child)})"
        if text:
            yield repr("".join(text))

    def _expr(self, node: jn.Node) -> str:
        if isinstance(node, jn.Name) and node.ctx == "load" and node.name not in _SPECIAL_NAMES:
            var = self.names.setdefault(node.name, f"v{len(self.names)}")
            return f"(undefined(name={node.name!r}) if {var} is missing else {var})"
        if isinstance(node, jn.Getattr):
            return f"getattr({self._rooted(node.node)}, {node.attr!r})"
        if isinstance(node, jn.Getitem) and isinstance(node.arg, jn.Const):
            return f"getitem({self._rooted(node.node)}, {self._const(node.arg)})"
        if isinstance(node, jn.Call):
            return self._call(node)
        raise _NotFlat

    def _rooted(self, node: jn.Node) -> str:
        """An expression that must not be a constant (jinja would fold it)."""
        if isinstance(node, jn.Const):
            raise _NotFlat
        return self._expr(node)

    def _const(self, node: jn.Const) -> str:
        if type(node.value) not in _CONSTANTS:
            raise _NotFlat
        return repr(node.value)

    def _call(self, node: jn.Call) -> str:
        callee = node.node
        if node.kwargs or node.dyn_args or node.dyn_kwargs or not isinstance(callee, jn.Name):
            raise _NotFlat
        args = [self._const(a) if isinstance(a, jn.Const) else self._expr(a) for a in node.args]
        function = self._expr(callee)
        joined = ", ".join(args)
        if self.go and callee.name.startswith("_"):  # the Go compiler's own helpers
            return f"{function}({joined})"
        if id(self.env.globals.get(callee.name)) not in self.env.trusted:
            raise _NotFlat  # the sandbox's checks need jinja's context
        return f"call({function}{', ' if args else ''}{joined})"

    def function(self) -> str:
        lines = ["def pieces(data):", "    get = data.get"]
        lines += [f"    {var} = get({name!r}, missing)" for name, var in self.names.items()]
        lines.append("    return [" + ", ".join(self.items) + "]")
        return "\n".join(lines) + "\n"

    def namespace(self) -> dict[str, Any]:
        env = self.env
        budget = env.budget

        def call(function: Callable[..., Any], *args: Any) -> Any:
            """:meth:`.sandbox.Sandbox.call` for a trusted function."""
            budget.left -= 1
            if not budget.left & _CHECK_MASK:
                budget.check()
            return function(*args)

        return {
            "__builtins__": {},
            "missing": missing,
            "undefined": env.undefined,
            "escape": escape,
            "str": str,
            "getattr": env.getattr,
            "getitem": env.getitem,
            "call": call,
        }
