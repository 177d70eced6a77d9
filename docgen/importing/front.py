"""What a file carries that is no part of its report's text, taken off before the
report is read: the lines a government web page puts around an article (索引号、
发布机构、发文日期…, 打印本页 / 关闭窗口), and the hard line breaks of text copied
out of a PDF, joined back into paragraphs. Each is said in a note.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache

from ..core.findings import IMPORT_SKIPPED, Finding
from ..core.model import Origin
from .markers import split_marker
from .paragraphs import Para

# Labels only a web page's article information uses.
_PAGE_LABELS = (
    "索引号", "发布机构", "发文机关", "发文机构", "发文日期", "发布日期", "发布时间", "主题分类", "主题词", "公开方式",
    "公开范围", "公开时限", "公开属性", "发文字号", "信息来源", "信息分类", "组配分类", "体裁分类", "服务对象",
    "浏览次数", "访问次数", "点击数", "点击率", "阅读数", "有效性", "生成日期", "文章来源", "所属机构", "信息名称",
)
# Labels a web page uses too, but a report may as well (时间：… ends a 落款): dropped only among the others.
_SHARED_LABELS = ("来源", "作者", "时间", "日期", "名称", "标题", "文号", "字号", "编辑", "分类", "责任编辑", "成文日期")
_LABEL = re.compile(r"[【\[]?\s*(?P<label>[\u4e00-\u9fff]{2,4})\s*[】\]]?\s*[：:]")
_PAGE_TOOLS = re.compile(
    r"^(?:[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|保存|收藏|分享到|分享|返回顶部|字体|字号|大|中|小|默认|"
    r"扫一扫在手机打开当前页|下载附件|上一篇|下一篇|相关链接)\s*[】\]]?\s*[：:|｜/]?\s*)+$"
)
MIN_PAGE_LINES = 2  # one labelled line alone is no web page's information block
MAX_PAGE_LINE_CHARS = 120

# Hard-wrapped text: most of the longest lines stop short of a sentence's end.
MIN_WRAPPED_LINES = 6
MIN_LINE_WIDTH = 40  # columns of a PDF's line: twenty Chinese characters at the least
MAX_LINE_WIDTH = 130  # and sixty-five at the most; a paragraph typed in Word is longer
FULL_SHARE = 0.3  # of all the lines; in a file of whole paragraphs few come near the widest
FULL_LINE = 0.8  # a line at least this share of the widest is a full one, the paragraph goes on
WRAPPED_SHARE = 0.5
MAX_ALONE_CHARS = 20
_ENDS_PARAGRAPH = tuple("。！？；：…”」』）)!?;:")


def tidy(paragraphs: list[Para], origin: Origin) -> tuple[list[Para], list[Finding]]:
    """The paragraphs without a web page's lines and with hard-wrapped lines joined, and notes saying so."""
    notes: list[Finding] = []
    paragraphs, dropped = drop_web_page_lines(paragraphs)
    if dropped:
        shown = "、".join(dict.fromkeys(_label_of(p.text) for p in dropped))[:40]
        notes.append(Finding(IMPORT_SKIPPED, origin, f"已去掉网页上的 {len(dropped)} 行信息（{shown}），它们不是报告的正文"))
    paragraphs, joined = join_wrapped_lines(paragraphs)
    if joined:
        notes.append(Finding(IMPORT_SKIPPED, origin, f"文字是一行一断的（像是从 PDF 复制的），已把 {joined} 处断行接回成段，请核对分段"))
    return paragraphs, notes


# --- a web page's lines ----------------------------------------------------------


def drop_web_page_lines(paragraphs: list[Para]) -> tuple[list[Para], list[Para]]:
    """(kept, dropped): the article information and page tools of a web page go."""
    page_lines = [i for i, p in enumerate(paragraphs) if _is_page_line(p.text)]
    if len(page_lines) < MIN_PAGE_LINES:
        return paragraphs, []
    dropped = set(page_lines)
    for i in page_lines:  # shared labels next to page lines belong to the same block
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(paragraphs) and j not in dropped and _is_shared_line(paragraphs[j].text):
                dropped.add(j)
                j += step
    return [p for i, p in enumerate(paragraphs) if i not in dropped], [paragraphs[i] for i in sorted(dropped)]


def _is_page_line(text: str) -> bool:
    text = text.strip()
    if len(text) > MAX_PAGE_LINE_CHARS:
        return False
    if _PAGE_TOOLS.match(text):
        return True
    labels = [m["label"] for m in _LABEL.finditer(text)]
    return bool(labels) and _starts_labelled(text) and any(label in _PAGE_LABELS for label in labels)


def _is_shared_line(text: str) -> bool:
    labels = [m["label"] for m in _LABEL.finditer(text.strip())]
    return len(text) <= MAX_PAGE_LINE_CHARS and _starts_labelled(text) and bool(labels) and all(
        label in _PAGE_LABELS + _SHARED_LABELS for label in labels
    )


def _starts_labelled(text: str) -> bool:
    match = _LABEL.match(text.strip())
    return match is not None


def _label_of(text: str) -> str:
    match = _LABEL.match(text.strip())
    return match["label"] if match else text.strip()[:6]


# --- hard-wrapped lines -------------------------------------------------------------


def join_wrapped_lines(paragraphs: list[Para]) -> tuple[list[Para], int]:
    """Lines of a paragraph wrapped by hand (a PDF's lines) joined again; how many joins.

    A file is taken for wrapped where most of its full-width lines do not end a
    sentence; then a full line and the next are one paragraph unless the next is
    indented, numbered or a cell of a table.
    """
    width = _full_width(paragraphs)
    if width is None:
        return paragraphs, 0
    joined: list[Para] = []
    joins = 0
    for previous, paragraph in zip([None, *paragraphs], paragraphs):
        if previous is not None and _continues(previous, paragraph, width):
            joined[-1] = replace(joined[-1], text=joined[-1].text + paragraph.text)
            joins += 1
        else:
            joined.append(paragraph)
    return joined, joins


def _full_width(paragraphs: list[Para]) -> int | None:
    """The width of a full line where the text is hard-wrapped, else None."""
    lines = [p for p in paragraphs if p.row is None and not p.in_toc]
    widths = sorted(_width(p.text) for p in lines)
    if len(widths) < MIN_WRAPPED_LINES:
        return None
    widest = widths[int(0.9 * (len(widths) - 1))]
    if not MIN_LINE_WIDTH <= widest <= MAX_LINE_WIDTH:
        return None
    full = [p for p in lines if _width(p.text) >= FULL_LINE * widest]
    unended = [p for p in full if not p.text.rstrip().endswith(_ENDS_PARAGRAPH)]
    if len(full) < max(MIN_WRAPPED_LINES, FULL_SHARE * len(lines)) or len(unended) < WRAPPED_SHARE * len(full):
        return None
    return widest


def _continues(previous: Para, paragraph: Para, width: int) -> bool:
    return (
        previous.row is None and paragraph.row is None and not paragraph.indent
        and _width(previous.text) >= FULL_LINE * width
        and split_marker(paragraph.text)[0] is None
        and not (previous.text.rstrip().endswith(_ENDS_PARAGRAPH) and _stands_alone(paragraph.text))
    )


def _stands_alone(text: str) -> bool:
    """A short line with no sentence in it (a heading, a 署名) after a sentence's end starts anew."""
    return len(text) <= MAX_ALONE_CHARS and not re.search("[。，；！？]", text)


def _width(text: str) -> int:
    """Columns a line takes: a Chinese character two, a Latin letter or digit one."""
    return len(text) if text.isascii() else sum(map(_char_width, text))


@cache  # a cached function is called from C by map(): a fifth of a generator's cost
def _char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1
