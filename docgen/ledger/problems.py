"""The problems a volume lists: every item of every section whose heading names problems,
and the 一是…二是… points of such a section's lead.

Only a section that says it holds problems is read: a report without section
headings (its ``body``) lists none, whatever its numbered lines say.
"""

from __future__ import annotations

import re

from ..core.findings import BODY_ONLY, PROBLEMS_WITHOUT_ITEMS, Finding
from ..core.model import Item, Section, Volume
from ..core.numbering import chinese_number
from ..importing.sections import split_lead, split_run_in
from .model import Problem

# Where a point of a 一是…二是… list may begin: a paragraph's start, or after a
# colon or a sentence end (当前存在的主要问题：一是……。二是……。).
_POINT_START = "(?:^|(?<=[：:。；;]))"
MIN_POINTS = 2  # one 一是 alone is a way of speaking, not a list


def is_problem_section(section: Section, problem_words: list[str]) -> bool:
    return any(word in section.heading for word in problem_words)


def volume_problems(volume: Volume) -> tuple[list[Problem], list[Finding]]:
    """The problems in volume order, and a warning for each problem section that lists none."""
    words = volume.settings.problem_words
    problems: list[Problem] = []
    warnings: list[Finding] = []
    for report in volume.reports:
        if report.body:
            warnings.append(
                Finding(
                    BODY_ONLY,
                    report.origin,
                    f"{report.unit}的报告没有部分标题（正文按原样写在 body 中），其中的问题没有列入问题清单；"
                    "要列入，请把问题写成标题含“问题”等字样的部分（sections）",
                )
            )
        for section in report.sections:
            if not is_problem_section(section, words):
                continue
            items = section.items or lead_points(section)
            if not items:
                warnings.append(
                    Finding(PROBLEMS_WITHOUT_ITEMS, section.origin, f"{report.unit}的“{section.heading}”只有导语、没有条目，未列入问题清单")
                )
            problems += [Problem(report.unit, item.title.strip(), "\n".join(item.paragraphs), item.origin) for item in items]
    return problems, warnings


def lead_points(section: Section) -> list[Item]:
    """The points a lead lists as 一是……。二是……。, in one paragraph or a paragraph each."""
    points: list[Item] = []
    for text, origin in zip(section.lead, section.lead_origins or [section.origin] * len(section.lead)):
        number = len(points) + 1
        start = re.search(f"{_POINT_START}{chinese_number(number)}是", text)
        if start is None:
            if points:
                points[-1].paragraphs.append(text)  # a paragraph more of the last point
            continue
        for body in split_run_in(text[start.end():], number):
            title, rest = split_lead(body)
            points.append(Item(title=title, paragraphs=[rest] if rest else [], origin=origin))
    return points if len(points) >= MIN_POINTS else []
