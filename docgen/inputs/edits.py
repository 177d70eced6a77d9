"""Saving what is edited in a form (the workbench): one report, the volume
settings, the volume order — written as ``docgen import`` and ``docgen new``
write them, never over a change made elsewhere, never into a folder that would
no longer validate.

A file is opened with its ``version`` (a hash of its bytes). A save happens under
the inputs folder's lock, through the one write path (``Publication``): the file
must still be that version (else ``ChangedOnDisk``: it was changed elsewhere, say
in Notepad, since it was opened); the new text is read back as ``docgen
validate`` reads the folder with it in place (else the ``InputError`` validate
would raise); only then is it written. The comment lines a file opens with are
kept; every other comment is the writer's own.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core.findings import Finding
from ..core.model import Origin, Report, VolumeSettings
from ..core.unit_names import same_unit_key
from ..errors import InputError
from ..fs.filenames import SETTINGS_FILE
from ..fs.input_file import folder_entries, outside_link_error, read_input_bytes
from ..fs.publish import Publication
from .yaml_file import MAX_FILE_BYTES
from .yaml_reader import load_inputs, read_report, read_settings, report_paths
from .yaml_text import decode_yaml
from .yaml_writer import report_yaml, settings_yaml

MISSING = ""  # the version of a file that is not there


class ChangedOnDisk(InputError):
    """The file is not what the form was opened from: saving would lose what changed."""


@dataclass
class Opened:
    """A file as read for a form: its model, what reading it noticed, and its version."""

    path: Path
    model: Report | VolumeSettings
    version: str
    warnings: list[Finding] = field(default_factory=list)


@dataclass
class Saved:
    written: list[Path]  # the files written (the report; volume.yaml where its order named the unit)
    version: str  # of the file saved, for the next save from the same form


def report_files(inputs: Path) -> list[Path]:
    """The report files of the inputs folder, in file-name order (.yaml, then .yml)."""
    return report_paths(folder_entries(inputs))


def report_file(inputs: Path, name: str) -> Path:
    """The report file ``name`` of ``inputs``; an ``InputError`` for any other name."""
    for path in report_files(inputs):
        if path.name == name:
            error = outside_link_error(path, inputs)
            if error:
                raise error
            return path
    raise InputError(f"输入文件夹“{inputs}”中没有报告文件“{name}”（可能已被改名或删除）")


def open_report(inputs: Path, name: str) -> Opened:
    path = report_file(inputs, name)
    text, version = _read(path)
    report, warnings = read_report(path, text)
    return Opened(path, report, version, warnings)


def open_settings(inputs: Path) -> Opened:
    path = inputs / SETTINGS_FILE
    if not path.exists():
        folder_entries(inputs)  # a missing or unreadable folder said as such
        return Opened(path, VolumeSettings(), MISSING)
    error = outside_link_error(path, inputs)
    if error:
        raise error
    text, version = _read(path)
    settings, warnings = read_settings(path, text)
    return Opened(path, settings, version, warnings)


def save_report(inputs: Path, name: str, report: Report, version: str) -> Saved:
    """Write ``report`` into the report file ``name``, opened at ``version``. A new unit
    is renamed in volume.yaml's order too, so that the folder still validates."""
    path = report_file(inputs, name)
    with Publication(inputs) as publication:
        text = _unchanged(path, version)
        texts = {path: _rewritten(text, report_yaml(report), lambda header: report_yaml(report, header))}
        renamed_order = _order_renamed(inputs, path, text, report.unit)
        if renamed_order is not None:
            texts[inputs / SETTINGS_FILE] = renamed_order
        _validate_with(inputs, texts)
        written = [publication.write(p.name, t.encode("utf-8")) for p, t in texts.items()]
    return Saved(written, _version(texts[path].encode("utf-8")))


def save_report_text(inputs: Path, name: str, text: str, version: str) -> Saved:
    """Write ``text`` as it is into the report file ``name``, opened at ``version``: the mending
    of a file too broken for a form, refused as ``save_report`` refuses."""
    path = report_file(inputs, name)
    text = text.replace("\r\n", "\n")
    with Publication(inputs) as publication:
        _unchanged(path, version)
        _validate_with(inputs, {path: text})
        written = publication.write(path.name, text.encode("utf-8"))
    return Saved([written], _version(text.encode("utf-8")))


def read_report_text(inputs: Path, name: str) -> tuple[str, str]:
    """The text of the report file ``name`` and its version, whether it reads as a report or not."""
    return _read(report_file(inputs, name))


def save_settings(inputs: Path, settings: VolumeSettings, version: str) -> Saved:
    """Write ``settings`` into volume.yaml, opened at ``version`` (``MISSING``: there was none)."""
    path = inputs / SETTINGS_FILE
    with Publication(inputs) as publication:
        text = _unchanged(path, version)
        return _write_settings(inputs, publication, text, settings)


def set_order(inputs: Path, units: list[str]) -> Saved:
    """Write ``units`` as the volume order into volume.yaml, its other settings as they are."""
    path = inputs / SETTINGS_FILE
    with Publication(inputs) as publication:
        text = _read(path)[0] if path.exists() else ""
        settings = read_settings(path, text)[0] if text.strip() else VolumeSettings()
        return _write_settings(inputs, publication, text, replace(settings, order=list(units)))


def _write_settings(inputs: Path, publication: Publication, text: str, settings: VolumeSettings) -> Saved:
    new_text = _rewritten(text, settings_yaml(settings), lambda header: settings_yaml(settings, header))
    path = inputs / SETTINGS_FILE
    _validate_with(inputs, {path: new_text})
    written = publication.write(path.name, new_text.encode("utf-8"))
    return Saved([written], _version(new_text.encode("utf-8")))


def opening_comments(text: str, written: str) -> list[str]:
    """The comment lines ``text`` opens with (up to its first line of another kind), less
    those the writer puts into ``written`` itself: a file's own comments, kept by a save."""
    own = set(written.splitlines())
    kept = []
    for line in text.lstrip("\ufeff").splitlines():
        if not line.startswith("#"):
            break
        if line not in own:
            kept.append(line[2:] if line.startswith("# ") else line[1:])
    return kept


def _rewritten(old_text: str, plain: str, write) -> str:
    """The new text of a file: ``write(header)``, its header the comments ``old_text`` opens with."""
    return write(opening_comments(old_text, plain))


def _order_renamed(inputs: Path, path: Path, old_text: str, unit: str) -> str | None:
    """volume.yaml with the report's old unit renamed to ``unit`` in its order; None where
    the order does not name the old unit (or the unit is the same)."""
    try:
        old_unit = read_report(path, old_text)[0].unit
    except InputError:
        return None  # a file that could not be read names no unit to rename
    settings_path = inputs / SETTINGS_FILE
    if same_unit_key(old_unit) == same_unit_key(unit) or not settings_path.exists():
        return None
    settings_text = _read(settings_path)[0]
    settings = read_settings(settings_path, settings_text)[0]
    keys = [same_unit_key(listed) for listed in settings.order]
    if same_unit_key(old_unit) not in keys:
        return None
    order = list(settings.order)
    order[keys.index(same_unit_key(old_unit))] = unit
    new_settings = replace(settings, order=order)
    return _rewritten(settings_text, settings_yaml(new_settings), lambda header: settings_yaml(new_settings, header))


def _validate_with(inputs: Path, texts: dict[Path, str]) -> None:
    """What ``docgen validate`` would raise with ``texts`` in place: raised where it concerns
    those files or the folder validated before; an error of another file already there is
    that file's to fix, not a reason to refuse this save."""
    try:
        load_inputs(inputs, texts=texts)
    except InputError as error:
        if (error.origin and error.origin.path in texts) or _validates(inputs):
            raise
        for path, text in texts.items():  # each saved file must still read on its own
            (read_settings if path.name == SETTINGS_FILE else read_report)(path, text)


def _validates(inputs: Path) -> bool:
    try:
        load_inputs(inputs)
    except InputError:
        return False
    return True


def _unchanged(path: Path, version: str) -> str:
    """The text of ``path``, which must be at ``version``; ``ChangedOnDisk`` otherwise."""
    if not path.exists():
        if version == MISSING:
            return ""
        raise ChangedOnDisk("这个文件在您打开之后被删除或改名了，没有保存。", Origin(path))
    text, current = _read(path)
    if current != version:
        raise ChangedOnDisk(
            "这个文件在您打开之后被别的程序改过（比如在记事本里保存过），这次没有保存，以免覆盖那些修改。",
            Origin(path),
        )
    return text


def _read(path: Path) -> tuple[str, str]:
    data = read_input_bytes(path, MAX_FILE_BYTES)
    return decode_yaml(data, path), _version(data)


def _version(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
