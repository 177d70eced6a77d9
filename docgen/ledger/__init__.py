"""The problem ledger (docgen summary): every problem of the volume, classified,
grouped across units, compared with last year, laid out as 问题清单 and 共性问题分析."""

from .summary import SummaryResult, summary

__all__ = ["SummaryResult", "summary"]
