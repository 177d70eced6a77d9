"""The template filled in for each output: template + paragraphs → .docx bytes,
through docxtpl in jinja2's sandbox.

docxtpl fills the template's own fields (``{{ title }}``, ``{{ unit }}`` … in
headers or wherever a restyled template puts them). The body paragraphs are
then put in place of the ``{{ body }}`` paragraph as XML elements, so the
user's text never passes through the template engine: ``{{ }}`` in a report
stays literal.

A template whose only field is ``{{ body }}`` renders to the same package for
every report, so it is rendered once and only ``word/document.xml`` changes
from one report to the next: that keeps a 1,000-report build fast.
"""

from __future__ import annotations

import functools
import io
import itertools
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree
from markupsafe import Markup, escape

from ..core.model import Origin
from ..core.sanitize import NOT_XML
from ..errors import InputError
from .content import StyleIds
from .fonttable import declare_faces
from .ooxml import W_NAMESPACE, XML_PARSER, element, parse_body, replace_child
from .package import STYLES_PART, SharedParts, read_parts, write_package, zip_parts
from .properties import APP_PART, CORE_PART, DocumentProperties
from .sandbox import MAX_OPERATIONS, MAX_SECONDS, TemplateEnvironment, TemplateTooCostly
from .template_builder import TEMPLATE_PATH, apply_fonts, build_template
from .user_template import read_template

_BODY_MARK = "\u2063docgen-body\u2063"  # invisible separators: cannot come from a user's template
_DOCUMENT_PART = "word/document.xml"
_PER_OUTPUT_PARTS = (_DOCUMENT_PART, CORE_PART, APP_PART)
_FIELD = re.compile(r"\{[{%]")
_HIDDEN_FROM_DOCXTPL = {ord("{"): "&#123;", ord("}"): "&#125;", ord("%"): "&#37;"}


class Template:
    """The template's bytes, loaded once and rendered many times."""

    def __init__(self, path: Path | None = None, fonts: dict[str, str] | None = None):
        self.path = path or TEMPLATE_PATH
        self.fonts = fonts or {}
        self._bytes = read_template(self.path) if path else build_template()
        self._fields = _count_fields(self._bytes, self.path)
        self._static_parts: dict[str, bytes] | None = None
        self._static: dict[tuple[bool, bool], RenderedTemplate] = {}

    @property
    def same_for_every_output(self) -> bool:
        """No field but ``{{ body }}``: every report, and every volume, shares one rendering."""
        return self._fields <= 1

    def render(self, paragraphs_for, context: dict[str, str], properties: DocumentProperties) -> bytes:
        """Render with ``context``; ``paragraphs_for(StyleIds)`` gives the body (elements)."""
        rendered = self.rendered(context)
        return rendered.docx([rendered.serialised(paragraphs_for(rendered.styles))], properties)

    def rendered(self, context: dict[str, str], number_from_one: bool = False, odd_page: bool = False) -> RenderedTemplate:
        """The template rendered with ``context``: what every output of that context shares.

        ``number_from_one``: the body's last section (the template's) numbers its
        pages from 1, after an unnumbered section such as the volume's cover;
        ``odd_page``: it begins on a right-hand (odd) page (printed on both sides)."""
        if not self.same_for_every_output:  # fields beyond {{ body }}: each report renders its own
            return _rendered_from(self._render(context), self.path, number_from_one, odd_page)
        key = (number_from_one, odd_page)
        if key not in self._static:
            if self._static_parts is None:
                self._static_parts = self._render(context)
            self._static[key] = _rendered_from(self._static_parts, self.path, number_from_one, odd_page)
        return self._static[key]

    def _render(self, context: dict[str, str]) -> dict[str, bytes]:
        """The template's parts, rendered with ``context``."""
        template = DocxTemplate(io.BytesIO(self._bytes))
        try:
            values = {name: _literal(value) for name, value in {**context, "body": _BODY_MARK}.items()}
            template.render(values, jinja_env=TemplateEnvironment(autoescape=True))
        except TemplateTooCostly:
            raise InputError(
                f"模板中的 {{% %}} 循环运行太久（超过 {MAX_OPERATIONS:,} 步或 {MAX_SECONDS:g} 秒），已停止："
                "请检查模板里的 {% for %} 是否写错",
                Origin(self.path),
            ) from None
        except Exception as exc:  # jinja2's errors, sandbox refusals included
            raise InputError(f"模板中的 {{{{ }}}} 写法有误：{exc}", Origin(self.path)) from None
        if self.fonts:
            apply_fonts(template.docx, self.fonts)
        out = io.BytesIO()
        template.save(out)
        parts = read_parts(out.getvalue())
        _check_one_body(parts, self.path)
        declare_faces(parts)
        return parts


def _rendered_from(parts: dict[str, bytes], template_path: Path, number_from_one: bool, odd_page: bool) -> RenderedTemplate:
    before, after, nsmap, section = _around_body_mark(parts[_DOCUMENT_PART], template_path, number_from_one, odd_page)
    shared = SharedParts(zip_parts({n: data for n, data in parts.items() if n not in _PER_OUTPUT_PARTS}))
    return RenderedTemplate(shared, before, after, nsmap, StyleIds(parts[STYLES_PART]), section)


@dataclass(frozen=True)
class RenderedTemplate:
    """A rendered template as its outputs use it: the parts they share, compressed once,
    and the document part around the body mark, serialised once; only the body
    and the properties are each output's own."""

    shared: SharedParts
    before: bytes  # the document part up to the body mark paragraph
    after: bytes  # and from after it
    nsmap: dict
    styles: StyleIds
    section: bytes  # the template's own section properties (page, margins, footers), as it has them

    def section_xml(self, odd_page: bool = False, number_from_one: bool = False) -> str:
        """The template's section properties as XML text, for a section that ends
        before the body's last (the volume printed on both sides has one for the 目录
        and one a report): beginning on a right-hand page where ``odd_page``, its pages
        numbered from 1 where ``number_from_one``, else on from the section before."""
        return _section_xml(self.section, odd_page, number_from_one)

    def body(self, paragraphs_xml: str) -> bytes:
        """Body paragraphs written as XML text (``ooxml.paragraph_xml``) as they print
        in the document part: the text itself, where the part names the main
        namespace ``w:`` as the text does (so lxml would print it unchanged)."""
        if self.nsmap.get("w") == W_NAMESPACE and not NOT_XML.search(paragraphs_xml):
            return paragraphs_xml.encode("utf-8")
        return self.serialised(parse_body([paragraphs_xml]))  # fails loudly on what XML cannot hold

    def serialised(self, elements) -> bytes:
        """``elements`` as they print inside the document part, under its namespace declarations."""
        holder = etree.Element(qn("w:body"), nsmap=self.nsmap)
        holder.extend(elements)
        if not len(holder):
            return b""
        inner = etree.tostring(holder, encoding="UTF-8")
        return inner[inner.index(b">") + 1 : inner.rindex(b"</")]

    def write(self, file: BinaryIO, body: Iterable[bytes], properties: DocumentProperties) -> None:
        """The package into ``file``, its body from the pieces of ``body`` in order."""
        document = itertools.chain([self.before], body, [self.after])
        write_package(file, self.shared, {_DOCUMENT_PART: document, **{n: [d] for n, d in properties.parts().items()}})

    def docx(self, body: Iterable[bytes], properties: DocumentProperties) -> bytes:
        out = io.BytesIO()
        self.write(out, body, properties)
        return out.getvalue()


def _check_one_body(parts: dict[str, bytes], template_path: Path) -> None:
    """The report goes in one place: a second {{ body }} would show docgen's marker."""
    mark = _BODY_MARK.encode("utf-8")
    places = {name: data.count(mark) for name, data in parts.items() if mark in data}
    if set(places) - {_DOCUMENT_PART}:
        raise InputError("{{ body }} 只能写在模板正文里，不能写在页眉、页脚等处", Origin(template_path))
    if sum(places.values()) > 1:
        raise InputError(
            f"模板中有 {sum(places.values())} 处 {{{{ body }}}}：报告内容只能放在一处，请删去多余的", Origin(template_path)
        )


def _literal(value: str) -> Markup:
    """``value`` as XML text that comes out of docxtpl exactly as written.

    docxtpl turns ``{_{ }_} {_% %_}`` into ``{{ }} {% %}`` all over the rendered
    XML, values included; braces and percent signs written as character
    references are out of its sight and read back as themselves.
    """
    return Markup(str(escape(value)).translate(_HIDDEN_FROM_DOCXTPL))


def _count_fields(data: bytes, path: Path) -> int:
    """How many ``{{ }}``/``{% %}`` fields the template's parts hold; fail on a damaged file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = [n for n in package.namelist() if n.startswith("word/") and n.endswith(".xml")]
            text = "".join(re.sub(r"<[^>]+>", "", package.read(n).decode("utf-8")) for n in parts)
        DocxTemplate(io.BytesIO(data)).get_docx()
    except Exception:  # zipfile, lxml and python-docx raise several kinds for a damaged package
        raise InputError("模板文件已损坏或不是 Word（.docx）文件", Origin(path)) from None
    return len(_FIELD.findall(text))


def _around_body_mark(
    document_xml: bytes, template_path: Path, number_from_one: bool, odd_page: bool
) -> tuple[bytes, bytes, dict, bytes]:
    """The document part before and after its body mark paragraph, the root's namespaces,
    and the body's section properties as the template has them."""
    root = etree.fromstring(document_xml, XML_PARSER)
    body = root.find(qn("w:body"))
    if body.find(qn("w:sectPr")) is None:  # a template without page settings: Word's defaults
        body.append(element("sectPr"))
    section = etree.tostring(body.find(qn("w:sectPr")), encoding="UTF-8")
    if number_from_one:
        _number_pages_from_one(body.find(qn("w:sectPr")))
    if odd_page:
        _begin_on_odd_page(body.find(qn("w:sectPr")))
    for paragraph in body.iterchildren(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        if _BODY_MARK in text:
            cut = etree.Comment(_BODY_MARK)
            body.replace(paragraph, cut)
            before, after = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).split(
                etree.tostring(cut, encoding="UTF-8")
            )
            return before, after, root.nsmap, section
    raise InputError("模板中找不到正文位置：请在模板正文里单独一段写上 {{ body }}", Origin(template_path))


def _number_pages_from_one(section) -> None:
    """The section numbers its pages from 1 (a number format the template sets is kept)."""
    numbering = section.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = element("pgNumType")
        replace_child(section, numbering)
    numbering.set(qn("w:start"), "1")


def _begin_on_odd_page(section) -> None:
    """The section begins on the next odd page: Word and LibreOffice leave the page before blank where needed."""
    replace_child(section, element("type", val="oddPage"))


@functools.lru_cache(maxsize=8)
def _section_xml(template_section: bytes, odd_page: bool, number_from_one: bool) -> str:
    section = etree.fromstring(template_section, XML_PARSER)
    numbering = section.find(qn("w:pgNumType"))
    if numbering is not None:
        numbering.attrib.pop(qn("w:start"), None)
    if number_from_one:
        _number_pages_from_one(section)
    if odd_page:
        _begin_on_odd_page(section)
    return etree.tostring(section, encoding="unicode")
