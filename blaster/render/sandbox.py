"""The jinja2 sandbox campaigns render in, and the limits on one subscriber's render.

:class:`Sandbox` is jinja's immutable sandbox with a :class:`Budget`: one subscriber's render
may take at most :data:`MAX_STEPS` steps (loop iterations, calls, ``range`` items) and
:data:`MAX_SECONDS` seconds (checked every 256 steps), and no string or sequence a template
builds (concatenation, repetition, ``%``, widths, namespace assignments, call arguments, the
output itself) may exceed :data:`MAX_OUTPUT` items. Its code generators compile every
``{% for %}`` through the budget; :class:`GoSandbox` also calls the Go compiler's own helpers
directly.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any

import jinja2.compiler
import jinja2.nodes as jn
import jinja2.runtime
import jinja2.sandbox
import jinja2.utils
from jinja2.exceptions import SecurityError

MAX_OUTPUT = 2_000_000  #: characters (or items) of any one string or sequence a render builds
MAX_STEPS = 1_000_000  #: loop iterations + calls + ``range`` items per subscriber
MAX_SECONDS = 0.5  #: wall-clock time per subscriber's render
MAX_RANGE = jinja2.sandbox.MAX_RANGE  #: items of one ``range()`` (jinja's own sandbox cap)
_CHECK_MASK = 0xFF  #: the clock is read every 256 steps
_BIG_WIDTH = re.compile(r"\d{7,}")  #: a format width/precision of a million or more
#: names that ``getattr`` finds on any dict (methods and dunders): never read as keys first
_DICT_ATTRIBUTES = frozenset(dir(dict))


class Budget:
    """The work one subscriber's render may still do; reset before each subscriber."""

    __slots__ = ("deadline", "left", "max_output", "max_seconds", "max_steps")

    def __init__(self, max_steps: int, max_seconds: float, max_output: int) -> None:
        self.max_steps, self.max_seconds, self.max_output = max_steps, max_seconds, max_output
        self.left = max_steps
        self.deadline = 0.0

    def reset(self) -> None:
        self.left = self.max_steps
        self.deadline = time.perf_counter() + self.max_seconds

    def charge(self, steps: int) -> None:
        self.left -= steps
        if steps > 1 or not self.left & _CHECK_MASK:
            self.check()

    def check(self) -> None:
        if self.left < 0:
            raise SecurityError(
                f"render limit: more than {self.max_steps} steps (loop iterations and calls)"
            )
        if time.perf_counter() > self.deadline:
            raise SecurityError(f"render limit: longer than {self.max_seconds}s for one subscriber")

    def sized(self, value: Any, what: str = "value") -> Any:
        """``value``, unless it is longer than the output limit."""
        if isinstance(value, str | list | tuple | dict) and len(value) > self.max_output:
            raise SecurityError(f"render limit: a {what} of more than {self.max_output} characters")
        return value

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The items of a ``{% for %}`` loop, one step each."""
        for item in iterable:
            self.left -= 1
            if not self.left & _CHECK_MASK:
                self.check()
            yield item

    def range(self, *args: int) -> range:
        """``range()`` capped at :data:`MAX_RANGE` items, charged one step per item."""
        rng = range(*args)
        if len(rng) > MAX_RANGE:
            raise OverflowError(f"range() of more than {MAX_RANGE} items")
        self.charge(len(rng))
        return rng

    def refuse_big_ints(self, values: Iterable[Any], limit: int, what: str) -> None:
        for v in values:
            if isinstance(v, int) and not isinstance(v, bool) and abs(v) > limit:
                raise SecurityError(f"render limit: {what} {v} is too large")


def _growth(budget: Budget, name: str, subject: Any, args: tuple[Any, ...]) -> None:
    """Refuse a string operation whose result would exceed the output limit, before it runs."""
    limit = budget.max_output
    if name in ("ljust", "rjust", "center", "zfill", "expandtabs", "format", "format_map"):
        budget.refuse_big_ints(args, limit, "width")
        if name == "expandtabs" and args and isinstance(args[0], int):
            budget.refuse_big_ints([args[0] * subject.count("\t") + len(subject)], limit, "size")
        if name.startswith("format") and _BIG_WIDTH.search(subject):
            raise SecurityError("render limit: format width too large")
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str):
        old, new = args[0], str(args[1])
        grow = (len(subject) + 1) * len(new) if not old else subject.count(old) * len(new)
        budget.refuse_big_ints([len(subject) + grow], limit, "result size")
    elif name == "join" and args and isinstance(args[0], Collection):
        budget.refuse_big_ints([len(subject) * len(args[0])], limit, "result size")


def _guard_filter(budget: Budget, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses arguments that would build something over the limits."""
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0
    int_limit = {"slice": MAX_RANGE, "batch": MAX_RANGE, "tojson": 64}.get(name, budget.max_output)

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        value, rest = args[skip], args[skip + 1 :]
        budget.refuse_big_ints([*rest, *kwargs.values()], int_limit, f"{name} argument")
        if name == "format" and isinstance(value, str) and _BIG_WIDTH.search(value):
            raise SecurityError("render limit: format width too large")
        if name == "indent" and isinstance(value, str):
            width = rest[0] if rest else kwargs.get("width", 4)
            width = len(width) if isinstance(width, str) else width
            budget.refuse_big_ints([width * (value.count("\n") + 1)], int_limit, "indented size")
        elif name == "replace" and isinstance(value, str):
            _growth(budget, "replace", value, rest)
        elif name == "tojson":
            indent = rest[0] if rest else kwargs.get("indent")
            budget.refuse_big_ints(
                [len(indent) if isinstance(indent, str) else indent], 64, "indent"
            )
        if name == "join" and isinstance(value, Collection) and rest and isinstance(rest[0], str):
            budget.refuse_big_ints([len(rest[0]) * len(value)], int_limit, "result size")
        return budget.sized(func(*args, **kwargs), f"{name} result")

    return guarded


_GUARDED_FILTERS = ("batch", "center", "format", "indent", "join", "replace", "slice", "tojson")


class GuardedCodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles every ``{% for %}`` to iterate through the step budget and every ``~`` to
    check the size of what it joins."""

    def visit_For(self, node: jn.For, frame: jinja2.compiler.Frame) -> None:
        node.iter = jn.Call(
            jn.EnvironmentAttribute("counted"), [node.iter], [], None, None, lineno=node.lineno
        )
        super().visit_For(node, frame)

    def visit_Concat(self, node: jn.Concat, frame: jinja2.compiler.Frame) -> None:
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class GoCodeGenerator(GuardedCodeGenerator):
    """For Go templates: calls of the compiler's own helpers (names starting with ``_``) are
    plain Python calls. Users cannot write such names: Go templates reach jinja only through
    :mod:`blaster.gotemplate.compiler`, which emits every user text as raw data. Template
    calls (macros) keep the sandbox's counted call, so recursion spends the step budget."""

    def visit_Call(
        self, node: jn.Call, frame: jinja2.compiler.Frame, forward_caller: bool = False
    ) -> None:
        callee = node.node
        if (
            isinstance(callee, jn.Name)
            and callee.name.startswith("_")
            and not (node.kwargs or node.dyn_args or node.dyn_kwargs or forward_caller)
        ):
            self.visit(callee, frame)
            self.write("(")
            for i, arg in enumerate(node.args):
                if i:
                    self.write(", ")
                self.visit(arg, frame)
            self.write(")")
            return
        super().visit_Call(node, frame, forward_caller=forward_caller)


class Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """jinja's immutable sandbox with :class:`Budget` limits on work and sizes."""

    code_generator_class = GuardedCodeGenerator
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(
        self, budget: Budget, *, own_fields: Mapping[type, frozenset[str]], **options: Any
    ) -> None:
        super().__init__(**options)
        self.budget = budget
        #: the attributes of blaster's own template data types read without the sandbox's
        #: checks (see :meth:`getattr`)
        self.own_fields = own_fields
        #: ids of the functions blaster provides (kept alive by ``globals``, see :meth:`trust`)
        self.trusted: frozenset[int] = frozenset()
        self.counted = budget.counted
        self.sized = budget.sized
        del self.globals["lipsum"]
        self.globals["range"] = budget.range
        self.globals["namespace"] = _namespace_class(budget)
        for name in _GUARDED_FILTERS:
            self.filters[name] = _guard_filter(budget, name, self.filters[name])

    def trust(self, functions: Mapping[str, Any]) -> None:
        """Make ``functions`` globals, called without the sandbox's per-call checks."""
        self.globals.update(functions)
        trusted = [f for f in functions.values() if callable(f)]
        self.trusted = self.trusted | frozenset(id(f) for f in [*trusted, self.counted])

    def call(
        __self,
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        budget = __self.budget
        budget.left -= 1
        if not budget.left & _CHECK_MASK:
            budget.check()
        if id(__obj) in __self.trusted:  # blaster's own functions: nothing to guard against
            if kwargs:
                kwargs.pop("_loop_vars", None)
                kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        for arg in args:
            if isinstance(arg, str) and len(arg) > budget.max_output:
                budget.sized(arg, "call argument")
        target = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(target, "__self__", None)
        if isinstance(owner, str):  # str and Markup methods that can grow a string
            _growth(budget, target.__name__, owner, (*args, *kwargs.values()))
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``obj.attribute`` as jinja's sandbox answers it, without its checks for what needs
        none: the fields of blaster's own template data (:attr:`own_fields`: plain values,
        no methods, no underscore names) and the keys of a plain ``dict`` that are not
        ``dict`` attributes (the sandbox would look the attribute up, fail, and return the
        item: the same answer). Everything else goes through the sandbox."""
        kind = type(obj)
        if kind is dict:
            if attribute not in _DICT_ATTRIBUTES:
                try:
                    return obj[attribute]
                except (KeyError, TypeError):
                    pass
        elif attribute in self.own_fields.get(kind, ()):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        budget = self.budget
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(n, int):
                    budget.refuse_big_ints([len(seq) * n], budget.max_output, "repetition")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            budget.refuse_big_ints([left.bit_length() * right], 1_000_000, "power of")
        elif operator == "%" and isinstance(left, str):
            if _BIG_WIDTH.search(left):
                raise SecurityError("render limit: format width too large")
            values = right if isinstance(right, tuple) else (right,)
            budget.refuse_big_ints(values, budget.max_output, "width")
        result = super().call_binop(context, operator, left, right)
        return budget.sized(result, "result") if operator in ("+", "*") else result


class GoSandbox(Sandbox):
    """The sandbox for compiled Go templates (see :class:`GoCodeGenerator`)."""

    code_generator_class = GoCodeGenerator


def _namespace_class(budget: Budget) -> type[jinja2.utils.Namespace]:
    class Namespace(jinja2.utils.Namespace):
        """``namespace()`` whose assignments respect the size limit."""

        def __setitem__(self, name: str, value: Any) -> None:
            budget.sized(value, "namespace value")
            super().__setitem__(name, value)

    return Namespace
