"""Compiling a campaign's templates once: as listmonk's Go templates or as jinja, into one
:class:`Compiled` value that the renderer runs for every subscriber.

:func:`compile_campaign` picks the syntax (``go``, ``jinja``, or ``auto``: Go unless the
campaign only compiles as jinja); :func:`compile_go` follows listmonk's ``CompileTemplate``;
:func:`compile_jinja` compiles the jinja form after :func:`.listmonk.listmonk_compat`'s
rewrites. Both refuse what does not compile, names they do not provide, and base templates
that do not include the content exactly once, with a :class:`RenderError` naming the part.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
import jinja2.meta
import jinja2.nodes as jn

from blaster.errors import RenderError
from blaster.gotemplate import listmonk, listmonk_data
from blaster.gotemplate.markdown import goldmark_html
from blaster.gotemplate.nodes import GoTemplateError
from blaster.models import CampaignSpec
from blaster.render.data import OWN_FIELDS
from blaster.render.flat import Pieces, compile_flat
from blaster.render.listmonk import campaign_data, listmonk_compat, markdown_html
from blaster.render.sandbox import Budget, GoSandbox, Sandbox

CONTENT_NAME = "content"
#: listmonk's base templates include the campaign body with this Go template call
_LISTMONK_CONTENT = re.compile(r"\{\{-?\s*template\s+\"content\"\s*\.?\s*-?\}\}")
_JINJA_LOOK = re.compile(r"\{%|\{#|\{\{-?\s*(?:Subscriber|Campaign)\b|\b[A-Z]\w*\(")


@dataclass(frozen=True, slots=True)
class Tools:
    """What compiling takes from the renderer."""

    budget: Budget  #: the per-subscriber limits the sandboxes enforce
    globals: dict[str, Any]  #: what jinja templates may name
    go_functions: Callable[[], dict[str, Any]]  #: the functions of Go templates
    is_html: bool  #: the campaign's body is HTML (not ``plain``)


@dataclass(frozen=True, slots=True)
class Part:
    """One compiled template, and its output as one function when it has no control flow
    (:mod:`.flat`: the renderer then runs that instead of jinja's generator)."""

    template: jinja2.Template
    flat: Pieces | None


@dataclass(frozen=True, slots=True)
class Compiled:
    """A campaign's compiled parts; a ``*_static`` text stands for a part without syntax."""

    syntax: str  #: ``go`` or ``jinja``
    data: dict[str, Any]  #: the names every render starts from
    subject: Part
    subject_static: str | None
    body: Part
    alt: Part | None
    alt_static: str | None
    header_templates: tuple[Part, ...]
    static_headers: tuple[tuple[str, str], ...]  #: campaign headers with literal values
    templated_headers: tuple[str, ...]  #: names of the headers whose values are templates
    go_campaign: listmonk_data.CampaignData | None  #: ``.Campaign`` of Go templates
    literal_links: frozenset[str]  #: URLs of ``TrackLink("…")`` with a literal argument

    def without_flat(self) -> Compiled:
        """The same parts, each run by jinja's generator (what the flat forms are compared
        with: ``tests/test_flat.py``, ``bench/levers.py``)."""

        def generator(part: Part) -> Part:
            return dataclasses.replace(part, flat=None)

        return dataclasses.replace(
            self,
            subject=generator(self.subject),
            body=generator(self.body),
            alt=None if self.alt is None else generator(self.alt),
            header_templates=tuple(map(generator, self.header_templates)),
        )


def compile_campaign(spec: CampaignSpec, tools: Tools) -> Compiled:
    """Compile in the campaign's syntax; ``auto``: Go, unless the campaign only compiles as
    jinja (or its base template includes the body only in jinja's way)."""
    if spec.syntax not in ("auto", "go", "jinja"):
        raise RenderError(
            f"campaign attribs blaster_syntax={spec.syntax!r}: must be go, jinja or auto"
        )
    if spec.syntax == "jinja":
        return compile_jinja(spec, tools)
    if spec.syntax == "go":
        return compile_go(spec, tools)
    try:
        go: Compiled | RenderError = compile_go(spec, tools)
    except RenderError as exc:
        go = exc
    if isinstance(go, Compiled) and _base_calls_content(spec):
        return go
    try:
        return compile_jinja(spec, tools)
    except RenderError as jinja_error:
        if isinstance(go, RenderError):
            raise _neither(spec, go, jinja_error) from None
    return go  # a Go base template without the body: listmonk sends it so


def _base_calls_content(spec: CampaignSpec) -> bool:
    if not spec.template_body or spec.content_type == "visual":
        return True
    return listmonk.calls_content(spec.template_body)


def _neither(spec: CampaignSpec, go: RenderError, jinja: RenderError) -> RenderError:
    """The error of a campaign that compiles in neither syntax: the one it looks written
    in first, the other after it."""
    parts = (spec.subject, spec.body, spec.altbody or "", spec.template_body or "")
    if any(_JINJA_LOOK.search(p) for p in parts):
        return RenderError(f"{jinja} (as a Go template: {go})")
    return RenderError(f"{go} (as a jinja template: {jinja})")


# --- Go templates (listmonk's language) -------------------------------------------------------


class _GoParts:
    """Compiles the parts of one Go campaign, collecting their names and literal links."""

    def __init__(self, tools: Tools) -> None:
        self.functions = tools.go_functions()
        self.limit = tools.budget.max_output
        self.names: dict[str, Any] = {}
        self.links: set[str] = set()

    def part(
        self, source: str, what: str, html: bool, content: str | None = None, rewrites: bool = True
    ) -> str:
        try:
            compiled = listmonk.compile_part(
                source, what, html=html, functions=self.functions, limit=self.limit,
                content=content, prefix=f"{len(self.names)}_", rewrites=rewrites,
            )  # fmt: skip
        except GoTemplateError as exc:
            raise RenderError(str(exc)) from None
        self.names.update(compiled.names)
        self.links.update(compiled.links)
        return compiled.source


def compile_go(spec: CampaignSpec, tools: Tools) -> Compiled:
    """listmonk's ``CompileTemplate``: the body (as template ``content``) inside the base
    template (every content type but ``visual``; listmonk's queries give plain campaigns
    one too), the subject, alternative text and header values when they hold an action."""
    parts = _GoParts(tools)
    body = spec.body
    if spec.content_type == "markdown":  # listmonk: goldmark first, template tags as text
        body = goldmark_html(body)
    base = spec.template_body if spec.content_type != "visual" else None
    if base:
        body_source = parts.part(base, "template", True, content=body)
    else:
        body_source = parts.part('{{ template "content" . }}', "body", True, content=body)
    has_expr = listmonk.has_template_expr
    subject = parts.part(spec.subject, "subject", False) if has_expr(spec.subject) else None
    alt = spec.altbody if tools.is_html and spec.altbody is not None else None
    alt_source = parts.part(alt, "altbody", True) if alt and has_expr(alt) else None
    static: list[tuple[str, str]] = []
    header_sources: list[tuple[str, str]] = []
    for name, value in spec.headers:
        if has_expr(value):
            source = parts.part(value, f"header {name}", False, rewrites=False)
            header_sources.append((name, source))
        else:
            static.append((name, value))
    env = _go_environment(tools.budget)
    env.trust(parts.names)
    return Compiled(
        syntax="go",
        data=dict(env.globals),
        subject=_go_template(env, subject or "", "subject"),
        subject_static=spec.subject if subject is None else None,
        body=_go_template(env, body_source, "body"),
        alt=_go_template(env, alt_source, "altbody") if alt_source else None,
        alt_static=alt if alt_source is None else None,
        header_templates=tuple(_go_template(env, src, n) for n, src in header_sources),
        static_headers=tuple(static),
        templated_headers=tuple(name for name, _ in header_sources),
        go_campaign=campaign_data(spec),
        literal_links=frozenset(parts.links),
    )


def _go_environment(budget: Budget) -> Sandbox:
    return GoSandbox(
        budget,
        own_fields=OWN_FIELDS,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.loopcontrols"],
    )


def _go_template(env: Sandbox, source: str, what: str) -> Part:
    try:
        return Part(env.from_string(source), compile_flat(env, source, what))
    except jinja2.TemplateSyntaxError as exc:  # a compiler defect, never the user's
        raise RenderError(f"{what}: internal template error: {exc}") from None


# --- jinja templates --------------------------------------------------------------------------


class _JinjaParts:
    """The two environments of one jinja campaign (HTML-escaping and text) and the literal
    links its parts name."""

    def __init__(self, tools: Tools, content: str) -> None:
        self.html_env = _environment(tools, autoescape=True, content=content)
        self.text_env = _environment(tools, autoescape=False, content=content)
        self.links: set[str] = set()

    def template(self, env: Sandbox, source: str, what: str) -> Part:
        self.parse(env, source, what)
        try:
            return Part(env.from_string(source), compile_flat(env, source, what))
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"{what}: line {exc.lineno}: {exc.message}") from None

    def parse(self, env: Sandbox, source: str, what: str) -> jn.Template:
        """Parse ``source``, refuse unknown names, note literal ``TrackLink`` URLs."""
        try:
            ast = env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"{what}: line {exc.lineno}: {exc.message}") from None
        # jinja counts a name set inside an {% if %} as undeclared; names assigned anywhere
        # in the template are the template's own
        assigned = {n.name for n in ast.find_all(jn.Name) if n.ctx in ("store", "param")}
        assigned |= {m.name for m in ast.find_all(jn.Macro)}
        unknown = jinja2.meta.find_undeclared_variables(ast) - set(env.globals) - assigned
        unknown.discard("Subscriber")
        if unknown:
            raise RenderError(f"{what}: unknown name(s): {', '.join(sorted(unknown))}")
        self.links.update(_literal_track_links(ast))
        return ast


def _literal_track_links(ast: jn.Template) -> list[str]:
    """The URLs of ``TrackLink("…")`` calls with one literal string argument."""
    return [
        call.args[0].value.replace("&amp;", "&")
        for call in ast.find_all(jn.Call)
        if isinstance(call.node, jn.Name)
        and call.node.name == "TrackLink"
        and len(call.args) == 1
        and isinstance(call.args[0], jn.Const)
        and isinstance(call.args[0].value, str)
    ]


def compile_jinja(spec: CampaignSpec, tools: Tools) -> Compiled:
    """The campaign as jinja templates, after listmonk's forms are rewritten."""
    if spec.content_type == "markdown":  # the shorthand after conversion, as listmonk
        body = listmonk_compat(markdown_html(listmonk_compat(spec.body, shorthand=False)))
    else:
        body = listmonk_compat(spec.body)
    parts = _JinjaParts(tools, body)
    text_env = parts.text_env
    subject = listmonk_compat(spec.subject)
    subject_template = parts.template(text_env, subject, "subject")
    body_template = _jinja_body(spec, tools, parts)
    alt = None
    if tools.is_html and spec.altbody:
        alt = parts.template(text_env, listmonk_compat(spec.altbody), "altbody")
    static: list[tuple[str, str]] = []
    names: list[str] = []
    header_templates: list[Part] = []
    for name, value in spec.headers:
        if not _has_syntax(value):
            static.append((name, value))
            continue
        source = listmonk_compat(value, shorthand=False)
        header_templates.append(parts.template(text_env, source, f"header {name}"))
        names.append(name)
    return Compiled(
        syntax="jinja",
        data=dict(parts.html_env.globals),
        subject=subject_template,
        subject_static=None if _has_syntax(subject) else subject,
        body=body_template,
        alt=alt,
        alt_static=None,
        header_templates=tuple(header_templates),
        static_headers=tuple(static),
        templated_headers=tuple(names),
        go_campaign=None,
        literal_links=frozenset(parts.links),
    )


def _environment(tools: Tools, *, autoescape: bool, content: str) -> Sandbox:
    env = Sandbox(
        tools.budget,
        own_fields=OWN_FIELDS,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        loader=jinja2.DictLoader({CONTENT_NAME: content}),
        auto_reload=False,
        keep_trailing_newline=True,
    )
    env.trust(tools.globals)
    return env


def _jinja_body(spec: CampaignSpec, tools: Tools, parts: _JinjaParts) -> Part:
    """The body, inside its base template when the campaign has one (HTML only)."""
    env = parts.html_env if tools.is_html else parts.text_env
    content = env.loader.get_source(env, CONTENT_NAME)[0]  # type: ignore[union-attr]
    if not (spec.template_body and tools.is_html) or spec.content_type == "visual":
        return parts.template(env, content, "body")  # a visual body is its own document
    parts.parse(env, content, "body")
    base = _LISTMONK_CONTENT.sub('{% include "content" %}', spec.template_body)
    base = listmonk_compat(base)
    ast = parts.parse(env, base, "template")
    refs = list(jinja2.meta.find_referenced_templates(ast))
    others = sorted({str(r) for r in refs if r != CONTENT_NAME})
    if others:
        raise RenderError(
            f'template: only "content" can be included (it refers to {", ".join(others)})'
        )
    if len(refs) != 1:
        raise RenderError(
            "template: the base template must include the content exactly once with"
            f' {{% include "content" %}} (it does {len(refs)} times)'
        )
    try:
        env.get_template(CONTENT_NAME)  # compile the content now, not at first render
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"body: line {exc.lineno}: {exc.message}") from None
    return parts.template(env, base, "template")


def _has_syntax(text: str) -> bool:
    return "{{" in text or "{%" in text
