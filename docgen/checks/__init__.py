"""``docgen check``: what in the inputs would embarrass a report sent to leadership.

Each kind of finding has its own function over the volume's pieces of text;
``check_volume`` runs them all and returns the findings in reading order.
"""

from __future__ import annotations

from ..core.model import Volume
from .findings import KIND_NAMES, Finding
from .listing import listing_lines, summary_line
from .pieces import volume_pieces
from .placeholders import find_placeholders
from .punctuation import find_half_width, find_unbalanced
from .repeats import find_repeats, find_same_report_titles
from .structure import find_items_without_text, find_long_titles, find_starter_text, find_undated_signatures

__all__ = ["Finding", "KIND_NAMES", "check_volume", "listing_lines", "summary_line"]


def check_volume(volume: Volume) -> list[Finding]:
    pieces = volume_pieces(volume)
    findings = (
        find_placeholders(pieces)
        + find_half_width(pieces)
        + find_unbalanced(pieces)
        + find_repeats(pieces)
        + find_same_report_titles(pieces)
        + find_items_without_text(volume)
        + find_starter_text(pieces)
        + find_long_titles(pieces)
        + find_undated_signatures(volume)
    )
    file_order = {report.origin.path: i for i, report in enumerate(volume.reports)}
    return sorted(findings, key=lambda f: (file_order.get(f.origin.path, len(file_order)), f.origin.line or 0))

