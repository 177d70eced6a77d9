"""Each command loads only what it uses: ``docgen build`` none of the import readers,
LibreOffice's machinery or the ledger; ``check`` and ``validate`` no Word writer.
The library's names stay what they were, whatever was imported first."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import docgen
import docgen.api

# Run a command in a fresh interpreter, then list what it had imported.
_MODULES_AFTER = """
import json, sys
from docgen.cli.commands import main
status = main(sys.argv[1:])
print(json.dumps([status, sorted(sys.modules)]))
"""

# What only `docgen import`, `summary`, `preview` or a LibreOffice run need.
_NOT_FOR_BUILDING = [
    "docgen.importing.importer",
    "docgen.importing.summary",
    "docgen.importing.dispatch",
    "docgen.importing.converted",
    "docgen.importing.text_reader",
    "docgen.importing.recognise",
    "docgen.importing.sections",
    "docgen.importing.endings",
    "docgen.importing.plausible",
    "docgen.office.soffice",
    "docgen.office.instances",
    "docgen.office.fonts",
    "docgen.office.faces",
    "docgen.ledger",
    "rapidfuzz",
    "openpyxl",
    "importlib.metadata",
]
# What only writing Word files needs.
_NOT_FOR_READING = ["docgen.pipeline.build", "docgen.docx.template_fill", "docgen.fs.publish", "docx", "docxtpl", "jinja2"]


def _modules_after(*command: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _MODULES_AFTER, *command], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    status, modules = json.loads(done.stdout.splitlines()[-1])
    assert status == 0, done.stderr
    return set(modules)


def test_build_imports_no_import_reader_libreoffice_or_ledger(sample_inputs, tmp_path):
    modules = _modules_after("build", "--inputs", str(sample_inputs), "--out", str(tmp_path / "out"))
    assert (tmp_path / "out" / "基层党建亮点工作及存在问题.docx").is_file()
    assert {"docgen.pipeline.build", "docgen.inputs.yaml_reader", "docx"} <= modules  # the probe sees what a build uses
    assert modules.isdisjoint(_NOT_FOR_BUILDING), sorted(modules.intersection(_NOT_FOR_BUILDING))


@pytest.mark.parametrize("command", ["check", "validate"])
def test_check_and_validate_import_no_word_writer(sample_inputs, command):
    modules = _modules_after(command, "--inputs", str(sample_inputs))
    assert "docgen.inputs.yaml_reader" in modules
    unused = _NOT_FOR_BUILDING + _NOT_FOR_READING
    assert modules.isdisjoint(unused), sorted(modules.intersection(unused))


def test_fonts_named_in_volume_yaml_are_still_checked_against_the_known_faces(sample_inputs):
    (sample_inputs / "volume.yaml").write_text("fonts:\n  body: 仿宋GB2312\n", encoding="utf-8")
    loaded = docgen.api.load(sample_inputs)
    assert loaded.settings.fonts == {"body": "仿宋GB2312"}
    from docgen.inputs.yaml_reader import load_inputs

    assert any("是不是“仿宋_GB2312”" in warning.message for warning in load_inputs(sample_inputs).warnings)


def test_every_library_name_is_there_and_stays_the_function_whatever_is_imported():
    # Every module of the package imported, as the commands do: none of them rebinds an API name.
    for path in sorted(Path(docgen.__file__).parent.rglob("*.py")):
        if path.name == "__main__.py":  # runs the command
            continue
        parts = path.relative_to(Path(docgen.__file__).parent.parent).with_suffix("").parts
        importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    for name in docgen.__all__:
        assert getattr(docgen, name) is getattr(docgen.api, name), name
    assert set(docgen.__all__) <= set(dir(docgen))
    assert docgen.build.__module__ == docgen.check.__module__ == "docgen.api"
    from docgen import BuildResult, ImportResult, NewInputs  # the result classes, from their modules
    from docgen.api import Progress
    from docgen.importing.importer import ImportResult as imported
    from docgen.inputs.new_inputs import NewInputs as made
    from docgen.pipeline.result import BuildResult as built
    from docgen.pipeline.result import Progress as progress

    assert (BuildResult, ImportResult, NewInputs, Progress) == (built, imported, made, progress)
    with pytest.raises(AttributeError):
        docgen.no_such_name  # noqa: B018


def test_the_import_readers_are_still_reachable_from_their_package():
    from docgen import importing
    from docgen.importing import IMPORTABLE, read_paragraphs
    from docgen.importing.dispatch import read_paragraphs as dispatched

    assert read_paragraphs is dispatched and ".docx" in IMPORTABLE
    with pytest.raises(AttributeError):
        importing.no_such_reader  # noqa: B018
