"""Records where LibreOffice breaks each line and starts each report of the sample and
stress volumes into tests/data/layout/ (``tests/support/layout_data.py``), after a change
to the samples, the stress volumes or the page layout. Needs LibreOffice.

Run ``python -m tools.record_layout`` from the repository's folder.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the tests' support package

from support.layout_data import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
