"""``docgen new``: a commented starter report, never over a file already there."""

from __future__ import annotations

import datetime
from pathlib import Path

from ..core.unit_names import clean_unit_name
from ..errors import InputError, UsageError
from ..fs.filenames import clashes, safe_filename
from ..fs.publish import Publication
from .starter import starter_yaml


def new_report(inputs: Path, unit: str) -> Path:
    """Write the starter file for ``unit`` into ``inputs``; its path.

    The check for a file of that name (also 单位.yml, or another case) and the
    write happen under the folder's lock, so two at once cannot both succeed.
    """
    if not clean_unit_name(unit):
        raise UsageError("单位名称是空的：请写出单位名称，如 docgen new 东湖社区")
    name = safe_filename(unit, ".yaml")
    with Publication(inputs) as publication:
        clash = clashes([inputs / name])
        if clash:
            raise InputError(f"文件已存在，没有改动它：{next(iter(clash.values()))}")
        return publication.write(name, starter_yaml(unit, datetime.date.today().year).encode("utf-8"))
