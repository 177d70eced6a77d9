"""Last year's inputs: which of this year's problems the same unit raised then too.

Units are matched by name (spaces and full-width forms aside), problems by
the wording of their titles or of their texts.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..errors import DocgenError, InputError
from ..inputs.yaml_reader import load_inputs
from .model import Problem
from .problems import volume_problems
from .similarity import SAME_PROBLEM, SAME_TEXT, plain, score, title_key


def unit_key(unit: str) -> str:
    return "".join(unicodedata.normalize("NFKC", unit).split())


def previous_problems(folder: Path) -> tuple[list[Problem], list[str]]:
    """The problems of last year's inputs folder; a clear error where it cannot be read."""
    if not folder.exists():
        raise InputError(f"找不到上年的输入文件夹“{folder}”（--previous）")
    if not folder.is_dir():
        raise InputError(f"--previous 应当是上年的输入文件夹，“{folder}”却是一个文件")
    try:
        loaded = load_inputs(folder)
    except DocgenError as error:
        raise InputError(f"上年的输入（--previous）有误：{error}") from None
    return volume_problems(loaded.volume)


def raised_before(problems: list[Problem], earlier: list[Problem]) -> list[bool]:
    """For each of ``problems``: did its unit raise a problem worded alike in ``earlier``?"""
    by_unit: dict[str, list[tuple[str, str]]] = {}
    for problem in earlier:
        by_unit.setdefault(unit_key(problem.unit), []).append((title_key(problem.title), plain(problem.text)))
    return [_alike_any(problem, by_unit.get(unit_key(problem.unit), [])) for problem in problems]


def _alike_any(problem: Problem, earlier: list[tuple[str, str]]) -> bool:
    title, text = title_key(problem.title), plain(problem.text)
    return any(
        score(title, old_title) >= SAME_PROBLEM or (text and old_text and score(text, old_text) >= SAME_TEXT)
        for old_title, old_text in earlier
    )
