"""The problems a volume lists: every item of every section whose heading names problems."""

from __future__ import annotations

from ..core.findings import PROBLEMS_WITHOUT_ITEMS, Finding
from ..core.model import Section, Volume
from .model import Problem


def is_problem_section(section: Section, problem_words: list[str]) -> bool:
    return any(word in section.heading for word in problem_words)


def volume_problems(volume: Volume) -> tuple[list[Problem], list[Finding]]:
    """The problems in volume order, and a warning for each problem section without items."""
    words = volume.settings.problem_words
    problems: list[Problem] = []
    warnings: list[Finding] = []
    for report in volume.reports:
        for section in report.sections:
            if not is_problem_section(section, words):
                continue
            if not section.items:
                warnings.append(
                    Finding(PROBLEMS_WITHOUT_ITEMS, section.origin, f"{report.unit}的“{section.heading}”只有导语、没有条目，未列入问题清单")
                )
            problems += [
                Problem(report.unit, item.title.strip(), "\n".join(item.paragraphs), item.origin)
                for item in section.items
            ]
    return problems, warnings
