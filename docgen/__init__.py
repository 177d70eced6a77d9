"""docgen: 基层党建亮点工作及存在问题 reports from YAML to Word, compiled into one volume."""

__version__ = "0.1.0"


def summary(inputs, out, previous=None, keep=None, force=False):
    """Write 问题清单.xlsx and 共性问题分析.docx for the reports in ``inputs`` into ``out``.

    ``previous``: last year's inputs folder, to mark the problems raised again;
    ``keep``: an earlier 问题清单.xlsx whose filled-in columns are carried over;
    ``force``: replace a filled-in ledger in ``out`` without ``keep``.
    Returns a ``SummaryResult`` naming the files written (``.paths``); raises
    ``DocgenError`` with a Chinese message on bad input.
    """
    from .ledger import summary as write_summary

    return write_summary(inputs, out, previous=previous, keep=keep, force=force)
