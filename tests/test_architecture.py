"""The package's shape: packages by pipeline stage, every import pointing down one
declared order, no import cycle between modules, few modules at the top.

Every ``import`` and ``from … import`` is read from the source with ``ast``, those
inside functions and under ``if TYPE_CHECKING:`` included (a late import is still a
dependency), relative and absolute alike."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "docgen"

# Lowest first: a module may import from its own part and the parts before it, never after.
# core imports nothing else of docgen; docgen/__init__.py re-exports the api; __main__ runs the cli.
ORDER = (
    "core",  # model, schema (the report keys), numbering, findings, unit names, text rules
    "errors",  # docgen.errors: the exceptions every stage raises
    "parallel",  # worker processes on every core, results in order
    "fs",  # safe reading, zip caps, file names, publish, manifest, folder lock, OS error texts
    "layout",  # page spec, compose, line breaking, titles, pagination
    "docx",  # Word writing
    "office",  # LibreOffice, its faces, PDF text and stamping, verification
    "inputs",  # the inputs folder: YAML ⇄ model, starter files, new/init
    "importing",  # docgen import: readers, recogniser, plan, summary
    "checks",  # docgen check
    "ledger",  # docgen summary's problems, workbook and analysis
    "pipeline",  # what the commands run: build, batches, render, preview, summary
    "api",  # docgen.api and the package's own names
    "workbench",  # docgen serve: the web pages over the api
    "cli",  # the command line
    "__main__",
)
MAX_TOP_LEVEL_MODULES = 6


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of the package that ``path`` (module ``name``) imports, anywhere in it."""
    top = name.split(".")[0]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == top}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            elif (node.module or "").split(".")[0] == top:
                base = node.module
            else:
                continue
            # `from a import b` imports the module a.b where there is one, else a name of a
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names}
    return found - {name}


def import_graph(root: Path) -> dict[str, set[str]]:
    found = modules(root)
    return {name: imported_modules(name, path, set(found)) for name, path in found.items()}


def part_of(module: str) -> str:
    """The part of ORDER a module belongs to: its package below docgen, or its own name at the top."""
    parts = module.split(".")
    if len(parts) == 1:
        return "api"  # docgen/__init__.py: the API's names
    return parts[1]


def upward_imports(root: Path) -> list[str]:
    """Each import of a module from a part later in ORDER (or from no declared part)."""
    wrong = []
    for module, targets in import_graph(root).items():
        for target in sorted(targets):
            if part_of(module) not in ORDER or part_of(target) not in ORDER:
                wrong.append(f"{module} → {target}: not in a declared part ({', '.join(ORDER)})")
            elif ORDER.index(part_of(target)) > ORDER.index(part_of(module)):
                wrong.append(f"{module} ({part_of(module)}) → {target} ({part_of(target)})")
    return wrong


def import_cycle(root: Path) -> list[str]:
    """One cycle of imports between modules, as the modules in it; [] when there is none."""
    graph = import_graph(root)
    state: dict[str, str] = {}  # "open" while on the path being followed, "done" after
    path: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = "open"
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                return path[path.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = "done"
        return []

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return []


def test_every_import_points_down_the_declared_order():
    assert upward_imports(PACKAGE) == []


def test_no_module_imports_itself_back_through_others():
    assert import_cycle(PACKAGE) == []


def test_few_modules_at_the_top_every_other_in_a_package_named_for_its_stage():
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top
    packages = sorted(path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists())
    assert set(packages) <= set(ORDER), packages
    assert {path.stem for path in PACKAGE.glob("*.py")} - {"__init__"} <= set(ORDER), top


# The checks themselves, on small packages written for them: they must see what they are for.


def _package(root: Path, files: dict[str, str]) -> Path:
    package = root / "docgen"
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    return package


_CLEAN = {
    "__init__.py": "from .api import build\n",
    "api.py": "def build():\n    from .pipeline.build import run\n",
    "core/__init__.py": "",
    "core/model.py": "import dataclasses\n",
    "layout/__init__.py": "",
    "layout/paginate.py": "from ..core.model import Report\nfrom . import compose\n",
    "layout/compose.py": "from docgen.core import model\n",
    "pipeline/__init__.py": "",
    "pipeline/build.py": "from ..layout.paginate import pages\n",
}


def test_the_order_check_passes_a_package_whose_imports_point_down(tmp_path):
    package = _package(tmp_path, _CLEAN)
    assert upward_imports(package) == []
    assert import_cycle(package) == []


@pytest.mark.parametrize(
    "module, source",
    [
        ("core/model.py", "from ..layout import paginate\n"),  # relative, at the top
        ("core/model.py", "def f():\n    import docgen.pipeline.build\n"),  # absolute, inside a function
        ("layout/compose.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from docgen.pipeline import build\n"),
        ("layout/paginate.py", "from .. import api\n"),
        ("pipeline/build.py", "from ..errands import x\n"),  # a part the order does not name
    ],
)
def test_the_order_check_finds_an_import_of_a_later_part(tmp_path, module, source):
    package = _package(tmp_path, {**_CLEAN, module: source})
    assert upward_imports(package)


def test_the_cycle_check_finds_a_cycle_made_by_an_import_inside_a_function(tmp_path):
    package = _package(
        tmp_path, {**_CLEAN, "layout/compose.py": "def f():\n    from .paginate import pages\n"}
    )
    cycle = import_cycle(package)
    assert cycle[0] == cycle[-1] and set(cycle) == {"docgen.layout.compose", "docgen.layout.paginate"}
