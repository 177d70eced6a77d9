"""``docgen check`` run as a user runs it, and its listing read back."""

from __future__ import annotations

import re

from docgen.cli.commands import main


def run_check(capsys, folder, *flags):
    """Exit code, output and errors of ``docgen check --inputs folder [flags]``; never a traceback."""
    code = main(["check", "--inputs", str(folder), *flags])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def listed_findings(listing: str) -> list[tuple[int, str, str]]:
    """(line, kind, text) of each finding in a listing."""
    return [
        (int(m.group(1)), m.group(2), m.group(3))
        for m in re.finditer(r"^  第 (\d+) 行  【(.+?)】(.*)$", listing, re.MULTILINE)
    ]


def one_report_folder(tmp_path, text: str, name: str = "社区.yaml"):
    """An inputs folder holding one report file of ``text``."""
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder
