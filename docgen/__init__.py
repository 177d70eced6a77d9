"""docgen: 基层党建亮点工作及存在问题 reports from YAML to Word, compiled into one volume.

    import docgen
    volume = docgen.load("inputs")
    result = docgen.build("inputs", "outputs")   # result.files, result.start_pages
    findings = docgen.check("inputs")
    docgen.init_inputs("2027年")                  # a new inputs folder: volume.yaml, no reports
    docgen.import_files(["东湖社区.docx"], "inputs")
    docgen.summary("inputs", "outputs")           # 问题清单.xlsx, 共性问题分析.docx

See ``docgen.api``; nothing prints, errors are ``docgen.errors.DocgenError``.
"""

__version__ = "0.1.0"

# Bound after the submodules of the same names (docgen.build, docgen.check) are
# imported, so that these names are the functions.
try:
    from .api import (  # noqa: E402
        BuildResult,
        Finding,
        ImportResult,
        NewInputs,
        build,
        check,
        import_files,
        init_inputs,
        load,
        new_report,
        summary,
    )
    from .api import __all__  # noqa: E402,F401
except ModuleNotFoundError as _missing:
    # A .venv older than an update that added a dependency: the package still imports, so
    # that the docgen command (docgen.launcher) can say in Chinese what to reinstall; a
    # program using the API meets the error at the first name it uses.
    _missing_name = _missing.name

    def __getattr__(name: str):
        if name.startswith("_"):  # asked by tools (hasattr(module, "__wrapped__")): not the API
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        raise ModuleNotFoundError(f"No module named {_missing_name!r}", name=_missing_name)
