"""blaster's import layers, read from the sources with ``ast``: each third-party library has
its owners (the modules that may import it) and nobody else imports it; every top-level module
sits in a declared layer and imports nothing from a higher one; the chain of internal imports
that run at import time does not get longer than it is today."""

from __future__ import annotations

import sys
from pathlib import Path

from tests import helpers as h

PACKAGE = h.ROOT / "blaster"

#: library (top-level import name) -> the modules, or packages (every module in them), that
#: may import it. Each library has one owner, except where a comment says why not.
OWNERS: dict[str, set[str]] = {
    # the store package, all of it; pgembed runs PostgreSQL's binaries and imports no driver
    "psycopg": {"blaster.store"},
    "orjson": {"blaster.store.subscribers"},  # a page's attribs, decoded as json would
    "jinja2": {"blaster.render"},  # the render package, all of it
    "markupsafe": {"blaster.render"},  # jinja2's own: render marks safe HTML with Markup
    # two owners: render converts jinja campaigns' markdown, gotemplate.markdown Go ones
    # (goldmark's rules on top of markdown-it)
    "markdown_it": {"blaster.render", "blaster.gotemplate.markdown"},
    "re2": {"blaster.gotemplate.sprig_regex"},  # Go's regexp semantics for Sprig's regex*
    "aiosmtplib": {"blaster.messengers.smtp"},
    "httpx": {"blaster.messengers.postback"},
    "aiosmtpd": {"blaster.sink"},
    "prometheus_client": {"blaster.metrics"},
    "uvloop": {"blaster.worker"},
    "click": {"blaster.cli"},
    "rich": {"blaster.console"},
}

#: the longest chain of internal imports that run at import time, in modules (today, two of
#: eight: coordinator -> http -> tx -> messengers.blocking -> config -> config.sections ->
#: config.values -> addresses, and worker -> content -> render.renderer -> render.compile ->
#: gotemplate.listmonk -> gotemplate.compiler -> gotemplate.values -> gotemplate.funcs). The
#: coordinator imports neither the worker nor the template engines (a worker process imports
#: them itself, which also starts it sooner); below the renderer the chain is as short as the
#: Go compiler allows
MAX_EAGER_DEPTH = 8
#: the same counting the imports inside functions and for type checking too (today:
#: __main__ -> cli -> demo -> coordinator -> pool -> worker -> content -> render.renderer ->
#: render.compile -> gotemplate.listmonk -> gotemplate.sprig -> sprig_encoding -> sprig_json
#: -> sprig_text -> values -> gofmt -> funcs; the pool imports the worker in the child
#: process, the sprig modules register their functions when a function table is first built)
MAX_DEPTH = 17

#: the top-level modules (a package counts as one) by layer, lowest first. A module imports
#: only from its own layer or lower ones, counting imports inside functions and for type
#: checking; within a layer the graph has no cycles (see longest_chain).
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    # stdlib only (addresses, errors and models at the bottom; the rest pure arithmetic)
    (
        "foundation",
        frozenset({"blaster", "addresses", "autopause", "backoff", "embed", "errors", "logs"})
        | {"metricsdir", "models", "ratelimit", "sharding"},
    ),
    # pure: configuration, parsing, templates and MIME; no sockets, no SQL (content and
    # i18n read files)
    (
        "pure",
        frozenset({"balance", "config", "content", "gotemplate", "i18n", "importer", "ledger"})
        | {"wiretext"}
        | {"arguments", "listmonk_settings", "mime", "progress", "render"},
    ),
    # the I/O adapters: the database, the transports, metrics, the embedded PostgreSQL, the
    # sink, the terminal
    ("adapters", frozenset({"console", "messengers", "metrics", "pgembed", "sink", "store"})),
    # services built on the adapters (the CLI's own among them: the database a command uses,
    # its effective settings, previews, test sends, following, imports, tables)
    (
        "services",
        frozenset({"fleet", "http", "leasing", "notify", "settings_watch", "tx"})
        | {"counting", "database", "effective", "follow", "importing", "preview", "testsend"}
        | {"checkpointing", "notices", "pauses", "pickup", "views"},
    ),
    (
        "orchestration",
        frozenset({"shardrun", "chaining", "senders", "producer", "worker", "pool"})
        | {"coordinator"},
    ),
    ("entry points", frozenset({"demo", "cli", "launch", "__main__"})),
)


def modules() -> dict[str, Path]:
    return {h.module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def third_party(target: str) -> str | None:
    top = target.split(".")[0]
    if top == "blaster" or top in sys.stdlib_module_names:
        return None
    return top


def owns(owners: set[str], module: str) -> bool:
    return any(module == o or module.startswith(o + ".") for o in owners)


def test_third_party_libraries_are_imported_by_their_owners_only():
    found: dict[str, set[str]] = {}
    wrong = []
    for module, path in modules().items():
        for imp in h.imports_of(path):
            lib = third_party(imp.target)
            if lib is None:
                continue
            found.setdefault(lib, set()).add(module)
            if lib not in OWNERS:
                wrong.append(f"{path.name}:{imp.line}: {lib} has no owner in OWNERS")
            elif not owns(OWNERS[lib], module):
                owners = ", ".join(sorted(OWNERS[lib]))
                wrong.append(f"{module}:{imp.line} imports {lib}, which belongs to {owners}")
    assert not wrong, "\n".join(wrong)
    # the table documents the truth: every owner listed still imports its library
    stale = [
        f"{lib}: {owner} no longer imports it"
        for lib, owners in OWNERS.items()
        for owner in sorted(owners)
        if not any(owns({owner}, m) for m in found.get(lib, ()))
    ]
    assert not stale, "update OWNERS:\n" + "\n".join(stale)


def import_graph(eager_only: bool) -> dict[str, set[str]]:
    """module -> the internal modules it imports (``from blaster import x`` is ``x``)."""
    mods = modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for module, path in mods.items():
        for imp in h.imports_of(path):
            if imp.target.split(".")[0] != "blaster" or (eager_only and not imp.eager):
                continue
            target = imp.target
            while target not in mods:  # blaster.config.Settings -> blaster.config
                target = target.rpartition(".")[0]
            if target != module:
                graph[module].add(target)
    return graph


def longest_chain(graph: dict[str, set[str]]) -> list[str]:
    """The longest import chain, first importer first; fails on a cycle."""
    memo: dict[str, list[str]] = {}

    def chain(module: str, path: tuple[str, ...]) -> list[str]:
        assert module not in path, "import cycle: " + " -> ".join([*path, module])
        if module not in memo:
            below = [chain(d, (*path, module)) for d in sorted(graph[module])]
            memo[module] = [module, *max(below, key=len, default=[])]
        return memo[module]

    return max((chain(m, ()) for m in sorted(graph)), key=len)


def top_level(module: str) -> str:
    """``blaster.store.tx`` -> ``store``; the package itself is ``blaster``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def layer_violations(
    graph: dict[str, set[str]], layers: tuple[tuple[str, frozenset[str]], ...]
) -> list[str]:
    """Every import of a module from a higher layer, and every module in no layer."""
    rank = {name: i for i, (_, names) in enumerate(layers) for name in names}
    wrong = [
        f"{m}: in no layer of LAYERS"
        for m in sorted({top_level(m) for m in graph})
        if m not in rank
    ]
    for module, targets in sorted(graph.items()):
        here = top_level(module)
        for target in sorted(targets):
            there = top_level(target)
            if here in rank and there in rank and rank[there] > rank[here]:
                low, high = layers[rank[here]][0], layers[rank[there]][0]
                wrong.append(f"{module} ({low}) imports {target} ({high})")
    return wrong


def test_no_module_imports_from_a_higher_layer():
    wrong = layer_violations(import_graph(eager_only=False), LAYERS)
    assert not wrong, "\n".join(wrong)


def test_the_import_graph_gets_no_deeper():
    eager = longest_chain(import_graph(eager_only=True))
    full = longest_chain(import_graph(eager_only=False))
    print(f"import depth: {len(eager)} at import time ({' -> '.join(eager)})")
    print(f"import depth: {len(full)} with imports inside functions ({' -> '.join(full)})")
    assert len(eager) <= MAX_EAGER_DEPTH, " -> ".join(eager)
    assert len(full) <= MAX_DEPTH, " -> ".join(full)


def test_the_rules_read_what_they_should(tmp_path):
    pkg = tmp_path / "blaster"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "m.py").write_text(
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "import psycopg.rows\n"
        "from . import config\n"
        "from .store import tx as t\n"
        "if TYPE_CHECKING:\n"
        "    from blaster.render import CampaignRenderer\n"
        "def f():\n"
        "    import jinja2\n"
    )
    got = [(i.target, i.eager) for i in h.imports_of(pkg / "m.py", root=tmp_path)]
    assert got == [
        ("__future__.annotations", True),
        ("typing.TYPE_CHECKING", True),
        ("psycopg.rows", True),
        ("blaster.config", True),
        ("blaster.store.tx", True),
        ("blaster.render.CampaignRenderer", False),
        ("jinja2", False),
    ]
    assert [third_party(t) for t, _ in got] == [None, None, "psycopg", None, None, None, "jinja2"]
    graph = {"a": {"b", "c"}, "b": {"c"}, "c": set()}
    assert longest_chain(graph) == ["a", "b", "c"]
    layers = (("low", frozenset({"models"})), ("high", frozenset({"worker"})))
    graph = {"blaster.models": {"blaster.worker"}, "blaster.worker": {"blaster.models"}}
    graph["blaster.store.tx"] = set()
    assert layer_violations(graph, layers) == [
        "store: in no layer of LAYERS",
        "blaster.models (low) imports blaster.worker (high)",
    ]
