"""Developer tools, outside the docgen package: run from the repository's folder
(``python -m tools.compare_layout``, ``python -m tools.make_template``)."""
