"""The problem ledger (docgen summary): every problem of the volume, classified,
grouped across units, compared with last year, laid out as 问题清单 (``workbook``)
and 共性问题分析 (``analysis``). ``docgen.pipeline.summary`` writes them."""
