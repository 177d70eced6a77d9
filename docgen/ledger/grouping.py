"""Problems several units share: titles worded alike, gathered into groups.

Identical wordings are compared once (1,000 reports repeat themselves a lot),
each pair of wordings scoring ``SAME_PROBLEM`` or more is joined, and a group
is what hangs together. Only groups reported by two or more units are kept.
"""

from __future__ import annotations

import re

from .model import Problem, ProblemGroup
from .similarity import SAME_PROBLEM, alike, title_key

HEADING_CHARS = 20  # a longer title gives its first clause as the group's heading
MIN_CLAUSE_CHARS = 6  # ... if that clause says enough on its own


def shared_problems(problems: list[Problem], threshold: float = SAME_PROBLEM) -> list[ProblemGroup]:
    """Groups of alike problems from two or more units, most units first."""
    place = {id(problem): index for index, problem in enumerate(problems)}
    by_key: dict[str, list[Problem]] = {}
    for problem in problems:
        by_key.setdefault(title_key(problem.title), []).append(problem)
    keys = list(by_key)
    parent = list(range(len(keys)))
    neighbours: list[list[tuple[int, float]]] = [[] for _ in keys]
    for position, key in enumerate(keys):  # each pair once: against the keys after it
        for offset, value in alike(key, keys[position + 1 :], threshold):
            other = position + 1 + offset
            neighbours[position].append((other, value))
            neighbours[other].append((position, value))
    for position, found in enumerate(neighbours):
        for other, _ in found:
            parent[_root(parent, position)] = _root(parent, other)
    components: dict[int, list[int]] = {}
    for position in range(len(keys)):
        components.setdefault(_root(parent, position), []).append(position)
    groups = []
    for members in components.values():
        group_problems = sorted((p for position in members for p in by_key[keys[position]]), key=lambda p: place[id(p)])
        group = ProblemGroup(_typical_title(members, keys, neighbours, by_key), group_problems)
        if len(group.units) >= 2:
            groups.append(group)
    groups.sort(key=lambda group: -len(group.units))  # stable: equal counts stay in volume order
    return groups


def _root(parent: list[int], position: int) -> int:
    while parent[position] != position:
        parent[position] = parent[parent[position]]
        position = parent[position]
    return position


def _typical_title(members: list[int], keys: list[str], neighbours, by_key) -> str:
    """The title of the wording closest to the rest of its group, weighed by how many use it."""
    inside = set(members)

    def closeness(position: int) -> float:
        """How alike the wording is to every other problem of the group (the same wording: 100)."""
        same_wording = 100 * (len(by_key[keys[position]]) - 1)
        return same_wording + sum(
            value * len(by_key[keys[other]]) for other, value in neighbours[position] if other in inside
        )

    # Equal closeness (sums of rounded-off scores): the wording more units use, then the first in volume order.
    best = max(members, key=lambda position: (round(closeness(position), 6), len(by_key[keys[position]]), -position))
    return short_heading(by_key[keys[best]][0].title)


def short_heading(title: str) -> str:
    """A title fit for a heading: without its full stop, and a long one cut at its first pause.

    党员学习教育形式单一，党员处于被动教育状态，学习效果不明显。→ 党员学习教育形式单一
    (the whole wordings stay in the analysis, under the heading).
    """
    title = title.strip().rstrip("。；;.")
    if len(title) <= HEADING_CHARS:
        return title
    first = re.split(r"[，；,;]", title, maxsplit=1)[0]
    return first if len(first) >= MIN_CLAUSE_CHARS else title

