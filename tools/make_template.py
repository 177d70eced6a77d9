"""Writes ``templates/report.docx`` anew from ``docgen.docx.template_builder``, after a
change to the styles, page setup or footers (a test keeps the committed file equal to it).

Run ``python -m tools.make_template`` from the repository's folder.
"""

from docgen.docx.template_builder import write_template

if __name__ == "__main__":
    print(f"已写入模板：{write_template()}")
