"""The reports of a build made a batch at a time, in whichever process takes the batch.

Each report is composed once: the same paragraphs are measured for the
目录's pages, written as the report's own file (staged for publication) and
as its part of the volume, kept on disk in a part file of the batch. What
comes back (``MadeBatch``) is small: page counts, the staged files' checksums
and the part file's path.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import itertools
import marshal
import pickle
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..core import model
from ..core.model import Report, Volume, VolumeSettings
from ..docx.report import report_docx
from ..docx.template_fill import Template
from ..docx.volume import VolumeWriter
from ..fs.manifest import Entry
from ..fs.publish import Stager
from ..layout import compose
from ..layout.paginate import paragraph_pages

BATCH_SIZE = 16  # reports sent to a worker at a time: enough to outweigh the sending


@dataclass(frozen=True)
class Setup:
    """What making any report of a build needs besides the report, in whichever process."""

    build: str  # this build, among those a process may work for
    settings: VolumeSettings  # without ``order``: making a report does not need it
    template_file: Path | None  # the template as this process made it, for workers to load once
    reports: int  # how many the volume has

    @classmethod
    def of(cls, template: Template, settings: VolumeSettings, reports: int, shared_by: Stager | None = None) -> Setup:
        """The setup of a build of ``reports`` reports using ``template``; ``shared_by``: to be
        sent to workers, which then load the template (made here once, rendered and all) from a part file."""
        build = uuid.uuid4().hex
        settings = replace(settings, order=[], order_origins=[])
        _WRITERS.clear()
        _WRITERS[build] = (template, VolumeWriter(settings, template, reports))
        shared = shared_by.write_part(f"template-{build}", [pickle.dumps(template)]) if shared_by else None
        return cls(build, settings, shared, reports)

    def writers(self) -> tuple[Template, VolumeWriter]:
        """The report template and the volume's writer, loaded once a process and build."""
        if self.build not in _WRITERS:
            _WRITERS.clear()
            template = pickle.loads(self.template_file.read_bytes())
            _WRITERS[self.build] = (template, VolumeWriter(self.settings, template, self.reports))
        return _WRITERS[self.build]


_WRITERS: dict[str, tuple[Template, VolumeWriter]] = {}  # in each process: those of the build it works for


@dataclass(frozen=True)
class ReportBatch:
    """Consecutive reports of a volume, with what a worker needs to make them."""

    first: int  # the first one's position in the volume, from 0
    reports: list[Report]
    titles: list[str]  # as printed (``Volume.numbered_titles``)
    names: list[str]  # their file names
    setup: Setup
    stager: Stager

    def __reduce__(self):
        # Sent to a worker as plain data (``marshal``): pickle would leave a UTF-8 copy of every
        # string it sends cached in that string here, a third more memory for the inputs.
        # The reports' origins (file and line, for messages about the inputs, which a worker
        # never gives) stay behind: they were most of the cost of sending a report.
        reports = marshal.dumps([_plain(report) for report in self.reports])
        return _received_batch, (self.first, reports, self.titles, self.names, self.setup, self.stager)


def _received_batch(first, reports: bytes, titles, names, setup, stager) -> ReportBatch:
    return ReportBatch(first, [_model(report) for report in marshal.loads(reports)], titles, names, setup, stager)


_MODEL_CLASSES = {c.__name__: c for c in vars(model).values() if dataclasses.is_dataclass(c) and isinstance(c, type)}
_DATE = "date"


@functools.cache
def _sent_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if "Origin" not in str(f.type))


def _plain(value):
    """A model object as nested lists, tuples and strings that ``marshal`` writes; no origins."""
    cls = type(value)
    if cls in (str, int, bool) or value is None:
        return value
    if cls is list:
        return [_plain(v) for v in value]
    if cls is datetime.date:
        return (_DATE, value.toordinal())
    if _MODEL_CLASSES.get(cls.__name__) is cls:
        return (cls.__name__, tuple(_plain(getattr(value, name)) for name in _sent_fields(cls)))
    raise TypeError(f"a report holds a {cls.__name__}, which cannot be sent to a worker")


def _model(value):
    """``_plain``'s result as model objects again."""
    if type(value) is list:
        return [_model(v) for v in value]
    if type(value) is not tuple:
        return value
    name, values = value
    if name == _DATE:
        return datetime.date.fromordinal(values)
    cls = _MODEL_CLASSES[name]
    return cls(**dict(zip(_sent_fields(cls), map(_model, values))))


@dataclass(frozen=True)
class MadeBatch:
    pages: list[int]  # each report's page count
    staged: list[tuple[str, Entry]]  # each report's file, staged, for the publication to adopt
    bodies: Path  # the reports as they print in the volume, in order, in a part file


def report_batches(volume: Volume, names: list[str], setup: Setup, stager: Stager) -> Iterator[ReportBatch]:
    """The reports of ``volume`` in batches, in order; ``names``: their file names."""
    titles = volume.numbered_titles()
    for first in range(0, len(volume.reports), BATCH_SIZE):
        last = first + BATCH_SIZE
        yield ReportBatch(first, volume.reports[first:last], titles[first:last], names[first:last], setup, stager)


def make_batch(batch: ReportBatch) -> MadeBatch:
    """Compose, measure and write each report of ``batch``, and its body in the volume."""
    template, volume_writer = batch.setup.writers()
    settings = batch.setup.settings
    pages, staged, bodies = [], [], []
    for position, report, title, name in zip(itertools.count(batch.first), batch.reports, batch.titles, batch.names):
        paragraphs = compose.report_paragraphs(report, title, settings.show_unit)
        pages.append(paragraph_pages(paragraphs))
        docx = report_docx(report, paragraphs, title, template, settings.cover)
        staged.append((name, batch.stager.write(name, [docx])))
        bodies.append(volume_writer.body(paragraphs, position))
    return MadeBatch(pages, staged, batch.stager.write_part(f"{batch.first:09d}", bodies))
