"""docgen: 基层党建亮点工作及存在问题 reports from YAML to Word, compiled into one volume.

    import docgen
    volume = docgen.load("inputs")
    result = docgen.build("inputs", "outputs")   # result.files, result.start_pages
    findings = docgen.check("inputs")
    docgen.import_files(["东湖社区.docx"], "inputs")
    docgen.summary("inputs", "outputs")           # 问题清单.xlsx, 共性问题分析.docx

See ``docgen.api``; nothing prints, errors are ``docgen.errors.DocgenError``.
"""

__version__ = "0.1.0"

# Bound after the submodules of the same names (docgen.build, docgen.check) are
# imported, so that these names are the functions.
from .api import BuildResult, Finding, ImportResult, build, check, import_files, load, new_report, summary  # noqa: E402

__all__ = ["BuildResult", "Finding", "ImportResult", "build", "check", "import_files", "load", "new_report", "summary"]
