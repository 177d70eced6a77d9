"""Import time side by side with python-docx reading the same files.

    python benchmarks/importing.py [--files 1000] [--runs 3]

The files are the sample reports over and over, each under a unit name of
its own, in three kinds, a third each:

- written as Word saves a report typed in its default template (python-docx's
  default document is Word's: its styles part, its theme, its numbering);
- the same, each file with a paragraph style of its own, so that no two
  files hold the same styles part (docgen reads a template's styles once for
  every file holding the very same bytes: these files get no help from it);
- the report files a docgen build wrote (importing last year's volume).

Each run is a fresh process: ``docgen import`` of the folder into an empty
output folder, against a Python program opening each file with python-docx
and reading its paragraphs' text. Times are the median of ``--runs`` runs,
taken one after the other so that whatever else the machine is doing weighs
on both. The issue's target: docgen at most half python-docx's time.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import _compile_docgen, median_of, repeated_inputs

TARGET_RATIO = 0.5
_PYTHON_DOCX = """
import sys
from pathlib import Path

import docx

for path in sorted(Path(sys.argv[1]).glob("*.docx")):
    document = docx.Document(str(path))
    texts = [paragraph.text for paragraph in document.paragraphs]
"""


def report_files(folder: Path, count: int) -> Path:
    """``count`` report .docx files in ``folder``, the three kinds in turn."""
    folder.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="docgen-bench-import-") as temp:
        inputs = repeated_inputs(Path(temp) / "in", count)
        built = Path(temp) / "out"
        subprocess.run(
            [sys.executable, "-m", "docgen", "build", "--inputs", str(inputs), "--out", str(built)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for number, (report, title) in enumerate(_reports(inputs)):
            name = folder / f"{report.unit}.docx"
            kind = number % 3
            if kind == 2:
                shutil.copyfile(built / f"{report.unit}.docx", name)
            else:
                _word_file(report, title, name, own_style=f"正文样式{number}" if kind == 1 else None)
    return folder


def _reports(inputs: Path):
    from docgen.inputs.yaml_reader import load_inputs

    volume = load_inputs(inputs).volume
    return zip(volume.reports, volume.numbered_titles())


def _word_file(report, title: str, path: Path, own_style: str | None) -> None:
    """A report as typed in Word's default template: a centred bold title, typed numbers,
    bold headings, the 落款 on the right."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from docgen.layout import compose

    document = docx.Document()
    style = None
    if own_style:
        style = document.styles.add_style(own_style, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
    for paragraph in compose.report_paragraphs(report, title):
        text = paragraph.text.replace(compose.LINE_BREAK, "")
        if not text:
            continue
        written = document.add_paragraph(style=style)
        run = written.add_run(text)
        if paragraph.role in (compose.TITLE, compose.HEADING1):
            run.bold = True
        if paragraph.role == compose.TITLE:
            written.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif paragraph.right_indent:
            written.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="runs per case; the median is shown")
    args = parser.parse_args()
    _compile_docgen()
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as temp:
        work = Path(temp)
        files = work / "files"
        # Made in a process of its own: a child forked from a large process would be measured as large.
        subprocess.run(
            [sys.executable, "-c", f"from importing import report_files; from pathlib import Path; "
             f"report_files(Path({str(files)!r}), {args.files})"],
            check=True, cwd=Path(__file__).parent,
        )
        out = work / "imported"
        ours = median_of(
            args.runs,
            [sys.executable, "-m", "docgen", "import", str(files), "--out", str(out)],
            before=lambda: shutil.rmtree(out, ignore_errors=True),
        )
        theirs = median_of(args.runs, [sys.executable, "-c", _PYTHON_DOCX, str(files)])
    ratio = ours.seconds / theirs.seconds
    print(f"{'':<28}{'秒':>8}{'CPU 秒':>9}{'峰值 MiB':>10}")
    print(f"{'docgen import':<28}{ours.seconds:>8.2f}{ours.cpu_seconds:>9.2f}{ours.peak_bytes / 2**20:>10.0f}")
    print(f"{'python-docx 打开并读段落':<24}{theirs.seconds:>8.2f}{theirs.cpu_seconds:>9.2f}{theirs.peak_bytes / 2**20:>10.0f}")
    verdict = "达到" if ratio <= TARGET_RATIO else "未达到"
    print(f"{args.files} 个文件：docgen 用时是 python-docx 的 {ratio:.2f} 倍（目标 ≤ {TARGET_RATIO}，{verdict}）")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
