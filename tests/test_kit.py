"""The tests are a kit: test modules share code only through ``helpers.py``, ``conftest.py``
and the other non-test modules beside them (``gotpl_corpus.py``, ``gotpl_harness.py``),
never by importing one another, and the kit defines each helper once."""

from __future__ import annotations

import ast
from pathlib import Path

from tests import helpers as h

TESTS = Path(__file__).resolve().parent


def modules_of_the_suite() -> list[Path]:
    return sorted(TESTS.glob("test_*.py"))


def is_test_module(target: str) -> bool:
    """Whether an imported name is (in) a test module: ``tests.test_x`` or below it."""
    parts = target.split(".")
    return len(parts) >= 2 and parts[0] == "tests" and parts[1].startswith("test_")


def imports_of_tests(path: Path) -> list[str]:
    """``file:line target`` for every import of a test module in ``path``."""
    return [
        f"{path.name}:{imp.line} imports {imp.target}"
        for imp in h.imports_of(path)
        if is_test_module(imp.target)
    ]


def test_no_test_module_imports_another():
    found = [hit for path in sorted(TESTS.glob("*.py")) for hit in imports_of_tests(path)]
    assert not found, "move what is shared to tests/helpers.py or conftest.py:\n" + "\n".join(found)


def test_the_rule_sees_every_form_of_import(tmp_path):
    pkg = tmp_path / "tests"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    forms = [
        "from tests.test_crash import wait_for",
        "import tests.test_crash",
        "import tests.test_crash as crash",
        "from tests import test_crash",
        "from tests import helpers, test_crash",
        "from .test_crash import wait_for",
        "from . import test_crash",
        "def f():\n    from tests.test_crash import wait_for",
    ]
    for i, form in enumerate(forms):
        path = pkg / f"test_form{i}.py"
        path.write_text(form + "\n")
        imports = h.imports_of(path, root=tmp_path)
        assert [i.target for i in imports if is_test_module(i.target)], form
    fine = pkg / "test_fine.py"
    fine.write_text("from tests import helpers\nfrom tests.helpers import wait_for\nimport tests\n")
    assert not [i for i in h.imports_of(fine, root=tmp_path) if is_test_module(i.target)]


def top_level_functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    }


def test_helpers_are_defined_once():
    """A test module does not write its own copy of a kit helper (``free_port``,
    ``wait_for``, ...): it imports the kit's."""
    kit = {name for name in top_level_functions(TESTS / "helpers.py") if not name.startswith("_")}
    copies = [
        f"{path.name}: {name}"
        for path in modules_of_the_suite()
        for name in sorted(top_level_functions(path) & kit)
    ]
    assert not copies, "use tests/helpers.py's instead:\n" + "\n".join(copies)
