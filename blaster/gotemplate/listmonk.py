"""listmonk's side of its template language: the data a campaign template sees, listmonk's
own functions, its source rewrites, and compiling one part of a campaign.

Templates see ``*CampaignMessage``: ``.Campaign`` (listmonk's ``models.Campaign``) and
``.Subscriber`` (``models.Subscriber``, whose ``FirstName``/``LastName`` methods pick the
first/last space-separated part longer than 2 bytes, else the whole name). Before parsing,
every part goes through listmonk's ``regTplFuncs`` rewrites (``{{ TrackLink "u" }}`` gains its
dot, ``https://u@TrackLink`` becomes a call, ``{{ UnsubscribeURL }}`` and friends gain theirs).
Body, base template and alternative text are ``html/template``; subject and header values are
``text/template``; that is what :func:`compile_part`'s ``html`` flag selects.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from blaster.gotemplate import compiler, escape, parse, values
from blaster.gotemplate import funcs as registry
from blaster.gotemplate.funcs import GoFunc
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


# --- the data templates see ---------------------------------------------------------------------


def go_json(value: Any) -> Any:
    """A decoded JSON value as Go's ``json.Unmarshal`` into ``interface{}`` holds it: every
    number a float64 (``1000000`` prints as ``1e+06``)."""
    if isinstance(value, bool) or value is None or isinstance(value, str | float):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, dict):
        return {k: go_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [go_json(v) for v in value]
    return value


def _first_name(name: str) -> str:
    for part in name.split(" "):
        if len(part.encode()) > 2:
            return part
    return name


def _last_name(name: str) -> str:
    for part in reversed(name.split(" ")):
        if len(part.encode()) > 2:
            return part
    return name


class NullTime(values.GoStruct):
    """``null.Time``: a time that may be absent."""

    go_type: ClassVar[str] = "null.Time"
    go_fields: ClassVar[tuple[str, ...]] = ("Time", "Valid")
    go_methods: ClassVar[dict[str, GoFunc]] = {}
    __slots__ = ("Time", "Valid")

    def __init__(self, when: dt.datetime | None) -> None:
        self.Valid = when is not None
        self.Time = when if when is not None else dt.datetime(1, 1, 1, tzinfo=dt.UTC)


class NullString(values.GoStruct):
    """``null.String``."""

    go_type: ClassVar[str] = "null.String"
    go_fields: ClassVar[tuple[str, ...]] = ("String", "Valid")
    go_methods: ClassVar[dict[str, GoFunc]] = {}
    __slots__ = ("String", "Valid")

    def __init__(self, value: str | None) -> None:
        self.String, self.Valid = value or "", value is not None


class SubscriberData(values.GoStruct):
    """``models.Subscriber`` (with its embedded ``Base``)."""

    go_type: ClassVar[str] = "models.Subscriber"
    go_fields: ClassVar[tuple[str, ...]] = (
        "ID", "CreatedAt", "UpdatedAt", "UUID", "Email", "Name", "Attribs", "Status",
    )
    go_methods: ClassVar[dict[str, GoFunc]] = {
        "FirstName": GoFunc("FirstName", lambda self: _first_name(self.Name)),
        "LastName": GoFunc("LastName", lambda self: _last_name(self.Name)),
    }
    __slots__ = (
        "CreatedAt", "Email", "ID", "Name", "Status", "UUID", "UpdatedAt", "_attribs", "_json",
    )

    def __init__(
        self, *, id: int, uuid: str, email: str, name: str, attribs: dict[str, Any],
        status: str, created_at: dt.datetime | None,
    ) -> None:
        self.ID, self.UUID, self.Email, self.Name = id, uuid, email, name
        self._json, self._attribs, self.Status = attribs, None, status
        self.CreatedAt = self.UpdatedAt = NullTime(created_at)

    @property
    def Attribs(self) -> dict[str, Any]:
        """The attributes as Go holds them (converted on first use: most templates read
        one or two, many none)."""
        attribs: dict[str, Any] | None = self._attribs
        if attribs is None:
            attribs = self._attribs = go_json(self._json)
        return attribs


class CampaignData(values.GoStruct):
    """``models.Campaign``: the fields a campaign template can use."""

    go_type: ClassVar[str] = "models.Campaign"
    go_fields: ClassVar[tuple[str, ...]] = (
        "ID", "UUID", "Type", "Name", "Subject", "FromEmail", "Body", "AltBody", "Status",
        "ContentType", "Tags", "Headers", "Attribs", "Messenger",
    )
    go_methods: ClassVar[dict[str, GoFunc]] = {}
    __slots__ = go_fields

    def __init__(self, **fields: Any) -> None:
        for name in self.go_fields:
            setattr(self, name, fields[name])


class MessageData(values.GoStruct):
    """``*manager.CampaignMessage``: what ``.`` is in a campaign template."""

    go_type: ClassVar[str] = "*manager.CampaignMessage"
    go_fields: ClassVar[tuple[str, ...]] = ("Campaign", "Subscriber")
    go_methods: ClassVar[dict[str, GoFunc]] = {}
    __slots__ = ("Campaign", "Subscriber")

    def __init__(self, campaign: CampaignData, subscriber: SubscriberData) -> None:
        self.Campaign, self.Subscriber = campaign, subscriber


class TranslationsData(values.GoStruct):
    """``*i18n.I18n`` (what ``L`` returns): ``T``, ``Ts``, ``Tc``."""

    go_type: ClassVar[str] = "*i18n.I18n"
    go_fields: ClassVar[tuple[str, ...]] = ()
    go_methods: ClassVar[dict[str, GoFunc]] = {
        "T": GoFunc("T", lambda self, key: self.strings.T(key), ("string",)),
        "Ts": GoFunc(
            "Ts", lambda self, key, *params: self.strings.Ts(key, *params), ("string",),
            variadic="string",
        ),
        "Tc": GoFunc("Tc", lambda self, key, count: self.strings.Tc(key, count), ("string", "int")),
    }
    __slots__ = ("strings",)

    def __init__(self, strings: Any) -> None:
        self.strings = strings


# --- compiling ----------------------------------------------------------------------------------


def campaign_functions(own: Mapping[str, Callable[..., Any]]) -> dict[str, GoFunc]:
    """Every function a campaign may call: Go's builtins, Sprig and the date functions, and
    listmonk's campaign functions (``own``: the Python implementations by name, bound to the
    campaign) with their Go signatures."""
    from blaster.gotemplate import gotime, sprig  # noqa: F401  (they register themselves)

    signatures: dict[str, tuple[str, ...]] = {
        "TrackLink": ("string", "any"),
        "TrackView": ("any",),
        "UnsubscribeURL": ("any",),
        "ManageURL": ("any",),
        "OptinURL": ("any",),
        "MessageURL": ("any",),
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
    content: str | None = None, prefix: str = "",
) -> compiler.CompiledGo:
    """Compile one part (``subject``, ``body``, ``template``, ``altbody``, ``header X``).

    ``content``: for the base template, the campaign body, added as the ``content``
    template it calls (listmonk's ``AddParseTree``).

    :raises GoTemplateError: with ``part`` and the position in the user's source.
    """
    names = set(functions) | {"call"}
    trees: TreeSet = _parse(rewrite(source), part, names)
    main = part
    if content is not None:
        trees.update(_parse(rewrite(content), CONTENT, names))
    if html:
        try:
            escape.escape_tree_set(trees, main)
        except GoTemplateError as exc:
            raise _located(exc, part) from None
    return compiler.Compiler(
        trees, funcs=functions, escapers=escape.ESCAPERS, html=html, limit=limit, prefix=prefix
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
