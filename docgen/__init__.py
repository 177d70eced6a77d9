"""docgen: 基层党建亮点工作及存在问题 reports from YAML to Word, compiled into one volume.

    import docgen
    volume = docgen.load("inputs")
    loaded = docgen.validate("inputs")          # loaded.volume, loaded.warnings
    result = docgen.build("inputs", "outputs")   # result.files, result.start_pages
    findings = docgen.check("inputs")            # or docgen.check(loaded.volume)
    docgen.init_inputs("2027年")                  # a new inputs folder: volume.yaml, no reports
    docgen.import_files(["东湖社区.docx"], "inputs")
    docgen.summary("inputs", "outputs")           # 问题清单.xlsx, 共性问题分析.docx
    docgen.preview("inputs", "outputs")           # outputs/preview/*.png (LibreOffice)

See ``docgen.api``; nothing prints, errors are ``docgen.errors.DocgenError``.
"""

__version__ = "0.1.0"

# docgen.api imports only the standard library until a function is called: the package
# imports even in a .venv missing a dependency (a .venv older than an update), so that
# the docgen command (docgen.cli.launcher) can say in Chinese what to reinstall, and a
# program using the API meets the error at the first function it calls.
from .api import (  # noqa: E402
    Finding,
    __all__,  # noqa: E402
    build,
    check,
    import_files,
    init_inputs,
    load,
    new_report,
    preview,
    summary,
    validate,
)


def __getattr__(name: str):
    if name in __all__:  # a result class, imported with its command's module when first asked for
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

