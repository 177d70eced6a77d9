"""What the tests share: paths, helpers that write inputs and read outputs, the
report corpus, LibreOffice for the tests that need it. No test module imports
from another; they import from here (``pyproject.toml`` puts tests/ on the path)."""
