"""An inputs folder holding one report file, for the tests of how inputs are read."""

from __future__ import annotations


def one_file_inputs(tmp_path, content: str | bytes, name: str = "报告.yaml"):
    """``tmp_path/in`` with ``content`` (text as UTF-8, or raw bytes) as the file ``name``."""
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    (folder / name).write_bytes(data)
    return folder
