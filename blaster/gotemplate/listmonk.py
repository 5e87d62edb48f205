"""listmonk's side of compiling its template language: its source rewrites, the functions a
campaign may call, and compiling one part of a campaign (the data templates see is
:mod:`.listmonk_data`'s).

Before parsing, every part goes through listmonk's ``regTplFuncs`` rewrites (``{{ TrackLink "u" }}``
gains its dot, ``https://u@TrackLink`` becomes a call, ``{{ UnsubscribeURL }}`` and friends gain
theirs). Body, base template and alternative text are ``html/template``; subject and header values
are ``text/template``; that is what :func:`compile_part`'s ``html`` flag selects.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from blaster.gotemplate import compiler, escape, parse, runtime
from blaster.gotemplate import funcs as registry
from blaster.gotemplate.funcs import GoFunc
from blaster.gotemplate.listmonk_data import MessageData
from blaster.gotemplate.nodes import GoTemplateError, TreeSet

#: listmonk's ``regTplFuncs``, in its order (Go's ``\p{L}\p{N}`` is Python's ``\w``)
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r'\{\{\s*TrackLink\s+"([^"]+)"\s*\}\}'), r'{{ TrackLink "\1" . }}'),
    (
        re.compile(r"(https?://[\w\-.~!#$&'()*+,/:;=?@\[\]%]*)@TrackLink"),
        r'{{ TrackLink "\1" . }}',
    ),
    (
        re.compile(r"\{\{(\s+)?(TrackView|UnsubscribeURL|ManageURL|OptinURL|MessageURL)(\s+)?\}\}"),
        r"{{ \2 . }}",
    ),
)
#: the names listmonk deletes from Sprig, and Sprig's families blaster does not provide
_NOT_AVAILABLE_HINT = 'function "%s" is not available'
CONTENT = "content"  #: the name listmonk gives the campaign body inside its base template


def rewrite(source: str) -> str:
    """listmonk's rewrites of a part before it is parsed."""
    for pattern, replacement in _REWRITES:
        source = pattern.sub(replacement, source)
    return source


def has_template_expr(source: str) -> bool:
    """listmonk's ``hasTplExpr``: a ``{{`` followed somewhere by ``}}``."""
    _, sep, after = source.partition("{{")
    return bool(sep) and "}}" in after


# --- compiling ----------------------------------------------------------------------------------


def campaign_functions(own: Mapping[str, Callable[..., Any]]) -> dict[str, GoFunc]:
    """Every function a campaign may call: Go's builtins, Sprig and the date functions, and
    listmonk's campaign functions (``own``: the Python implementations by name, bound to the
    campaign) with their Go signatures."""
    from blaster.gotemplate import gotime, sprig  # noqa: F401  (they register themselves)

    msg = MessageData.go_type
    signatures: dict[str, tuple[str, ...]] = {
        "TrackLink": ("string", msg),
        "TrackView": (msg,),
        "UnsubscribeURL": (msg,),
        "ManageURL": (msg,),
        "OptinURL": (msg,),
        "MessageURL": (msg,),
        "ArchiveURL": (),
        "RootURL": (),
        "Date": ("string",),
        "L": (),
        "Safe": ("string",),
    }
    table = dict(registry.REGISTRY)
    for name, impl in own.items():
        table[name] = GoFunc(name, impl, signatures[name])
    return table


def compile_part(
    source: str, part: str, *, html: bool, functions: Mapping[str, GoFunc], limit: int,
    content: str | None = None, prefix: str = "", rewrites: bool = True,
) -> compiler.CompiledGo:
    """Compile one part (``subject``, ``body``, ``template``, ``altbody``, ``header X``).

    ``content``: for the base template, the campaign body, added as the ``content``
    template it calls (listmonk's ``AddParseTree``: templates the body defines are not
    added). ``rewrites``: apply listmonk's rewrites (it does not to header values).

    :raises GoTemplateError: with ``part`` and the position in the user's source.
    """
    names = set(functions) | {"call"}
    trees: TreeSet = _parse(rewrite(source) if rewrites else source, part, names)
    main = part
    if content is not None:  # AddParseTree: the body's own defines stay out of the set
        trees[CONTENT] = _parse(rewrite(content), CONTENT, names)[CONTENT]
    if html:
        try:
            escape.escape_tree_set(trees, main)
        except GoTemplateError as exc:
            raise _located(exc, part) from None
    return compiler.Compiler(
        trees,
        funcs=functions,
        escapers=escape.ESCAPERS,
        helpers=runtime.HELPERS,
        sized=runtime.sized_caller,
        html=html,
        limit=limit,
        prefix=prefix,
    ).compile(main)


def calls_content(source: str) -> bool:
    """Whether a base template (Go syntax) includes the campaign body anywhere."""
    try:
        trees = parse.parse(rewrite(source), "template", funcs=None)
    except GoTemplateError:
        return False
    return any(_calls(tree.root, CONTENT) for tree in trees.values())


def _calls(node: Any, name: str) -> bool:
    from blaster.gotemplate import nodes as n

    if isinstance(node, n.TemplateNode):
        return node.name == name
    children: list[Any] = []
    if isinstance(node, n.ListNode):
        children = list(node.nodes)
    elif isinstance(node, n.IfNode | n.WithNode | n.RangeNode):
        children = [node.list, node.else_list]
    return any(_calls(c, name) for c in children if c is not None)


def _parse(source: str, name: str, funcs: set[str]) -> TreeSet:
    try:
        return parse.parse(source, name, funcs=funcs)
    except GoTemplateError as exc:
        raise _located(exc, "body" if name == CONTENT else name) from None


def _located(exc: GoTemplateError, part: str) -> GoTemplateError:
    message = exc.message
    m = re.fullmatch(r'function "(\w+)" not defined', message)
    if m:
        message = _NOT_AVAILABLE_HINT % m.group(1)
    where = f"{part} {exc.line}:{exc.col}" if exc.line else part
    located = GoTemplateError(f"{where}: {message}")
    located.line, located.col = exc.line, exc.col
    return located
