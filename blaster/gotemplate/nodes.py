"""The parse tree of a Go template, as Go's ``text/template/parse`` shapes it.

Every node knows its position in the user's source (``line``/``col``, both 1-based, the
column counted in characters), so that errors can point at what the user wrote. Argument
nodes (:data:`Arg`) appear in commands; control nodes in lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class GoTemplateError(Exception):
    """A template that Go would refuse to parse or escape: ``message`` in Go's words,
    ``line``/``col`` (1-based) where in the user's source."""

    def __init__(self, message: str, line: int = 0, col: int = 0) -> None:
        super().__init__(f"{line}:{col}: {message}" if line else message)
        self.message, self.line, self.col = message, line, col


@dataclass(slots=True)
class Node:
    line: int
    col: int


# --- arguments ----------------------------------------------------------------------------------


@dataclass(slots=True)
class DotNode(Node):
    """``.``"""


@dataclass(slots=True)
class NilNode(Node):
    """``nil``"""


@dataclass(slots=True)
class BoolNode(Node):
    value: bool


@dataclass(slots=True)
class NumberNode(Node):
    """A number or char constant, with Go's interpretations of it (as ``parse.NumberNode``):
    ``is_int`` when it is an integer value (``3``, ``3.0``, ``'a'``, ``0x1F``), ``is_float``
    when it can be a float64; ``text`` is the source spelling."""

    text: str
    is_int: bool = False
    is_uint: bool = False
    is_float: bool = False
    is_complex: bool = False
    int_value: int = 0
    float_value: float = 0.0


@dataclass(slots=True)
class StringNode(Node):
    quoted: str  #: as written, with its quotes
    text: str  #: the value


@dataclass(slots=True)
class IdentifierNode(Node):
    """A function name (``upper``, ``TrackLink``, ``L``)."""

    name: str


@dataclass(slots=True)
class FieldNode(Node):
    """``.A.B.C`` on dot: ``ident == ["A", "B", "C"]``."""

    ident: list[str]


@dataclass(slots=True)
class VariableNode(Node):
    """``$x.A.B``: ``ident == ["$x", "A", "B"]`` (``["$"]`` is the template's argument)."""

    ident: list[str]


@dataclass(slots=True)
class ChainNode(Node):
    """``(pipeline).A.B`` or ``Func.A``: fields on the value of ``node``."""

    node: Arg
    field: list[str]


@dataclass(slots=True)
class CommandNode(Node):
    """One command of a pipeline: a function, method or value, then its arguments."""

    args: list[Arg]


@dataclass(slots=True)
class PipeNode(Node):
    """``$x := a | b c``: ``decl`` the declared (or assigned) variables, ``cmds`` the
    commands, each command's value passed as the last argument of the next."""

    decl: list[VariableNode] = field(default_factory=list)
    is_assign: bool = False  #: ``=`` rather than ``:=``
    cmds: list[CommandNode] = field(default_factory=list)


Arg = (
    DotNode
    | NilNode
    | BoolNode
    | NumberNode
    | StringNode
    | IdentifierNode
    | FieldNode
    | VariableNode
    | ChainNode
    | PipeNode
)


# --- lists and control --------------------------------------------------------------------------


@dataclass(slots=True)
class TextNode(Node):
    text: str


@dataclass(slots=True)
class ActionNode(Node):
    """``{{ pipeline }}``. ``escapers`` are the names of the escaping functions that
    :mod:`.escape` decided for this action's context (html/template only), applied in order
    to the pipeline's value before it is printed."""

    pipe: PipeNode
    escapers: tuple[str, ...] = ()


@dataclass(slots=True)
class ListNode(Node):
    nodes: list[ListItem] = field(default_factory=list)


@dataclass(slots=True)
class IfNode(Node):
    pipe: PipeNode
    list: ListNode
    else_list: ListNode | None = None


@dataclass(slots=True)
class WithNode(Node):
    pipe: PipeNode
    list: ListNode
    else_list: ListNode | None = None


@dataclass(slots=True)
class RangeNode(Node):
    pipe: PipeNode
    list: ListNode
    else_list: ListNode | None = None


@dataclass(slots=True)
class BreakNode(Node):
    pass


@dataclass(slots=True)
class ContinueNode(Node):
    pass


@dataclass(slots=True)
class TemplateNode(Node):
    """``{{ template "name" pipeline }}`` (``pipe`` is None without a pipeline)."""

    name: str
    pipe: PipeNode | None = None


ListItem = (
    TextNode
    | ActionNode
    | IfNode
    | WithNode
    | RangeNode
    | BreakNode
    | ContinueNode
    | TemplateNode
)


@dataclass(slots=True)
class Tree:
    """One named template: its body and where it came from (``source`` names the part of
    the campaign for errors: ``"body"``, ``"subject"``, ``"template"``, …)."""

    name: str
    root: ListNode
    source: str = ""


#: the templates of one parse, by name: the main one plus every ``define``/``block``
TreeSet = dict[str, Tree]
