"""The labelled volumes of tests/data/ledger: problems, each with the shared problem a reader sees in it,
and pairwise precision and recall of a grouping against those labels."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import yaml

from docgen.ledger.model import Problem, ProblemGroup

LABELLED = Path(__file__).resolve().parents[1] / "data" / "ledger"
REFERENCE = "reference.yaml"


@dataclass
class LabelledVolume:
    name: str
    problems: list[Problem]
    labels: list[str]


def labelled_volume(file_name: str) -> LabelledVolume:
    data = yaml.safe_load((LABELLED / file_name).read_text(encoding="utf-8"))
    problems, labels = [], []
    for report in data["reports"]:
        for item in report["problems"]:
            problems.append(Problem(report["unit"], item["title"], item["text"]))
            labels.append(item["shared"])
    return LabelledVolume(data["volume"], problems, labels)


def labelled_volumes() -> list[LabelledVolume]:
    return [labelled_volume(path.name) for path in sorted(LABELLED.glob("*.yaml"))]


def reader_pairs(volume: LabelledVolume) -> set[tuple[int, int]]:
    """Pairs of problems (by position) the reader put together: the same label."""
    return {(a, b) for a, b in itertools.combinations(range(len(volume.labels)), 2) if volume.labels[a] == volume.labels[b]}


def grouped_pairs(volume: LabelledVolume, groups: list[ProblemGroup]) -> set[tuple[int, int]]:
    position = {id(problem): index for index, problem in enumerate(volume.problems)}
    return {
        tuple(sorted((position[id(a)], position[id(b)])))
        for group in groups
        for a, b in itertools.combinations(group.problems, 2)
    }


@dataclass
class Agreement:
    together: int  # pairs both put together
    reader_only: int  # pairs the reader put together that docgen did not
    docgen_only: int  # pairs docgen put together that the reader did not

    @property
    def precision(self) -> float:
        return self.together / ((self.together + self.docgen_only) or 1)

    @property
    def recall(self) -> float:
        return self.together / ((self.together + self.reader_only) or 1)

    def __add__(self, other: Agreement) -> Agreement:
        return Agreement(self.together + other.together, self.reader_only + other.reader_only, self.docgen_only + other.docgen_only)


def agreement(volume: LabelledVolume, groups: list[ProblemGroup]) -> Agreement:
    reader, docgen = reader_pairs(volume), grouped_pairs(volume, groups)
    return Agreement(len(reader & docgen), len(reader - docgen), len(docgen - reader))
