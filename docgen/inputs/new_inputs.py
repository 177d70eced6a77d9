"""``docgen init``: a new inputs folder, holding a commented volume.yaml and no reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..fs.filenames import OWN_PREFIX, SETTINGS_FILE
from ..fs.publish import Publication
from .starter import volume_starter_yaml


@dataclass(frozen=True)
class NewInputs:
    settings_path: Path  # the volume.yaml written
    replaced: bool  # a volume.yaml was there before (only with force)
    folder_made: bool  # the folder was not there before


def init_inputs(folder: Path, *, force: bool = False) -> NewInputs:
    """Make ``folder`` (and its parents) an inputs folder: write the starter volume.yaml.

    A folder that already holds files is refused unless ``force``; even then only
    volume.yaml is written, every other file stays as it is. The check and the
    write happen under the folder's lock, through the one write path.
    """
    if folder.exists() and not folder.is_dir():
        raise InputError(f"“{folder}”是一个文件，不是文件夹；请换一个文件夹名称")
    folder_made = not folder.exists()
    with Publication(folder) as publication:
        present = sorted(entry.name for entry in folder.iterdir() if not entry.name.startswith(OWN_PREFIX))
        if present and not force:
            shown = "、".join(present[:3]) + (" 等" if len(present) > 3 else "")
            raise InputError(
                f"文件夹“{folder}”里已经有文件（{shown}），没有改动它。"
                "请换一个新的文件夹名称；确实要在这里写入带说明的 volume.yaml（其他文件不动），加上 --force"
            )
        year = datetime.date.today().year
        path = publication.write(SETTINGS_FILE, volume_starter_yaml(year).encode("utf-8"))
        return NewInputs(path, replaced=SETTINGS_FILE in present, folder_made=folder_made)
