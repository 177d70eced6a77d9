"""Line by line: the layout model against LibreOffice, for calibrating the model.

Run ``python -m tools.compare_layout [--inputs DIR]``. It renders the volume,
reads every printed line back from the PDF, and lists each paragraph that
LibreOffice broke into other lines than the model did, and the first
paragraph it put on another page or line, with both versions side by side.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from docgen.core.model import Volume
from docgen.fs.tempfolders import temporary_folder
from docgen.layout.linebreak import HANGING
from docgen.layout.paginate import place, volume_layout
from docgen.office.instances import convert_to_pdf
from docgen.office.pdftext import Page, read_pages
from docgen.office.verify import rendered_start_indices, squeeze
from docgen.pipeline.build import build


def comparable(text: str) -> str:
    """``text`` without white space and hanging marks."""
    # LibreOffice 7.4 does not draw a comma hanging after a full line: compare without them.
    return "".join(c for c in squeeze(text) if c not in HANGING)


Position = tuple[int, int]


@dataclass
class PrintedParagraph:
    """One paragraph's lines and where they are, by the model or as rendered."""

    text: str
    lines: list[str]
    positions: list[Position]


@dataclass
class Difference:
    model: PrintedParagraph
    rendered: PrintedParagraph | None

    def __str__(self) -> str:
        def show(p: PrintedParagraph | None) -> str:
            if p is None:
                return "    (not found in the PDF)"
            return "\n".join(f"    p{pg} l{ln:2} {text}" for (pg, ln), text in zip(p.positions, p.lines))

        return f"model:\n{show(self.model)}\nLibreOffice:\n{show(self.rendered)}"


@dataclass
class Comparison:
    paragraphs: int
    line_breaks: list[Difference]  # broken into other lines
    first_misplaced: Difference | None  # the first one on another page or line

    @property
    def agrees(self) -> bool:
        return not self.line_breaks and self.first_misplaced is None


def model_paragraphs(volume: Volume) -> list[PrintedParagraph]:
    """The reports' paragraphs with text, laid out by the model (the 目录 is counted, not listed)."""
    layout = volume_layout(volume)
    blocks = layout.blocks
    toc_count = layout.report_starts[0] if layout.report_starts else len(blocks)
    positions = place(blocks)
    printed = []
    for block, where in zip(blocks[toc_count:], positions[toc_count:]):
        text = "".join(block.texts)
        if text:
            printed.append(PrintedParagraph(text, list(block.texts), [(page, line) for page, line in where]))
    return printed


def rendered_lines(pages: list[Page], first_title: str) -> list[tuple[Position, str]]:
    """Every body line from the first report's title on, with its page and grid line."""
    start = rendered_start_indices(pages, [first_title])[0]
    if start is None:
        return []
    return [((page.number, line.grid_line), line.text) for page in pages[start:] for line in page.body]


def compare(model: list[PrintedParagraph], rendered: list[tuple[Position, str]]) -> Comparison:
    line_breaks: list[Difference] = []
    first_misplaced = None
    cursor = 0
    for paragraph in model:
        found = _consume(paragraph.text, rendered, cursor)
        if found is None:
            line_breaks.append(Difference(paragraph, None))
            break
        printed, cursor = found
        if [comparable(t) for t in printed.lines] != [comparable(t) for t in paragraph.lines]:
            line_breaks.append(Difference(paragraph, printed))
        elif first_misplaced is None and printed.positions != paragraph.positions:
            first_misplaced = Difference(paragraph, printed)
    return Comparison(len(model), line_breaks, first_misplaced)


def _consume(text: str, rendered, cursor: int):
    """The rendered lines from ``cursor`` that together hold ``text``, and the next cursor."""
    wanted = comparable(text)
    got = ""
    lines, positions = [], []
    while cursor < len(rendered) and len(got) < len(wanted):
        position, line = rendered[cursor]
        got += comparable(line)
        lines.append(line)
        positions.append(position)
        cursor += 1
    if got != wanted:
        return None
    return PrintedParagraph(text, lines, positions), cursor


def compare_inputs(inputs: Path) -> Comparison:
    with temporary_folder("compare") as work:
        result = build(inputs, Path(work) / "docx")
        [pdf] = convert_to_pdf([result.volume_path], Path(work), blank_pages=result.volume.settings.duplex)
        pages = read_pages(pdf)
    titles = result.volume.numbered_titles()
    return compare(model_paragraphs(result.volume), rendered_lines(pages, titles[0]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=Path, default=Path("inputs"))
    args = parser.parse_args(argv)
    comparison = compare_inputs(args.inputs)
    for difference in comparison.line_breaks:
        print(f"LINE BREAKS DIFFER\n{difference}\n")
    if comparison.first_misplaced:
        print(f"FIRST MISPLACED PARAGRAPH\n{comparison.first_misplaced}\n")
    print(f"{comparison.paragraphs} paragraphs, {len(comparison.line_breaks)} broken differently")
    return 0 if comparison.agrees else 1


if __name__ == "__main__":
    sys.exit(main())
