"""blaster's import layers, read from the sources with ``ast``: each third-party library has
its owners (the modules that may import it) and nobody else imports it; the chain of
internal imports that run at import time does not get longer than it is today."""

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
    "jinja2": {"blaster.render"},
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

#: the longest chain of internal imports that run at import time, in modules (today:
#: coordinator -> pool -> worker -> content -> render -> gotemplate.listmonk ->
#: gotemplate.compiler -> gotemplate.runtime -> gotemplate.values -> gotemplate.funcs)
MAX_EAGER_DEPTH = 10
#: the same counting the imports inside functions too (deferred until called)
MAX_DEPTH = 17


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
