"""The plan of ``docgen import``: each file read (``Source``) and each report to be
written from it (``Planned``), what the importer decides and the summary tells."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.findings import Finding
from .recognise import Recognised, Recognition


@dataclass
class Source:
    """One file read: what was recognised in it and the notes reading it raised."""

    path: Path
    recognition: Recognition
    notes: list[Finding] = field(default_factory=list)


@dataclass
class Planned:
    """One report to be written: where from, under which unit, into which file."""

    source: Source
    recognised: Recognised
    unit: str
    unit_note: str
    target: Path | None = None
    replaces: bool = False  # --force: the target is the existing file of the same unit
    name_note: str = ""  # why the file is not named after the unit alone: that name is another file's


def plans_by_source(planned: list[Planned]) -> dict[int, list[Planned]]:
    """Each file's reports, in order, by the file's ``id()`` (a Source is no dictionary key)."""
    by_source: dict[int, list[Planned]] = {}
    for plan in planned:
        by_source.setdefault(id(plan.source), []).append(plan)
    return by_source
