"""Body paragraphs written as XML text serialise exactly as those built element by element,
and packages laid out by docgen's own writer exactly as zipfile lays them out."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from docgen.docx.ooxml import (
    BREAK_XML,
    add_field,
    add_run,
    element,
    field_begin_xml,
    field_char_xml,
    paragraph_xml,
    parse_body,
    replace_child,
    run_xml,
    text_run,
)
from docgen.docx.package import SharedParts, add_parts, read_parts, write_package, zip_parts
from docgen.docx.template_fill import Template

# the characters XML 1.0 can hold (docgen.core.sanitize drops the others before writing)
XML_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff").filter(
    lambda c: c in "\t\n\r" or ord(c) >= 0x20
)


def _built(style_id, texts, char_style, right_indent, bookmark=None):
    paragraph = element("p")
    ppr = element("pPr")
    ppr.append(element("pStyle", val=style_id))
    paragraph.append(ppr)
    if right_indent:
        replace_child(ppr, element("ind", right=str(right_indent)))
    if bookmark:
        paragraph.append(element("bookmarkStart", id=str(bookmark[0]), name=bookmark[1]))
    for text in texts:
        if text is None:
            run = element("r")
            run.append(element("br"))
            paragraph.append(run)
        else:
            add_run(paragraph, text, char_style)
    if bookmark:
        paragraph.append(element("bookmarkEnd", id=str(bookmark[0])))
    return etree.tostring(paragraph, encoding="UTF-8")


def _xml(style_id, texts, char_style, right_indent, bookmark=None):
    runs = "".join(BREAK_XML if text is None else run_xml(text, char_style) for text in texts)
    return paragraph_xml(style_id, runs, right_indent, bookmark)


def _written(style_id, texts, char_style, right_indent, bookmark=None):
    [paragraph] = parse_body([_xml(style_id, texts, char_style, right_indent, bookmark)])
    return etree.tostring(paragraph, encoding="UTF-8")


@settings(max_examples=300, deadline=None)
@given(
    style_id=st.text(XML_CHARS, min_size=1, max_size=12),
    texts=st.lists(st.one_of(st.none(), st.text(XML_CHARS, min_size=1, max_size=40)), max_size=4),
    char_style=st.one_of(st.none(), st.text(XML_CHARS, min_size=1, max_size=12)),
    right_indent=st.sampled_from([0, 1280]),
)
def test_any_text_comes_out_as_from_the_element_builder(style_id, texts, char_style, right_indent):
    assert _written(style_id, texts, char_style, right_indent) == _built(style_id, texts, char_style, right_indent)


@settings(max_examples=200, deadline=None)
@given(instruction=st.text(XML_CHARS, min_size=1, max_size=40), result=st.text(XML_CHARS, min_size=1, max_size=8))
def test_a_field_written_as_text_comes_out_as_from_the_element_builder(instruction, result):
    """The 目录's fields (PAGEREF, TOC) are written as text, the footer's PAGE field element by element."""
    built = element("p")
    add_field(built, instruction, [text_run(result)])
    written = paragraph_xml("s", field_begin_xml(instruction) + run_xml(result) + field_char_xml("end"))
    [paragraph] = parse_body([written])  # compared without its style, which is not the field's
    assert [etree.tostring(child) for child in paragraph if not child.tag.endswith("pPr")] == [
        etree.tostring(child) for child in built
    ]


BOOKMARKS = st.one_of(st.none(), st.tuples(st.integers(1, 20_000), st.text(XML_CHARS, min_size=1, max_size=20)))
PARAGRAPHS = st.tuples(
    st.text(XML_CHARS, min_size=1, max_size=12),
    st.lists(st.one_of(st.none(), st.text(XML_CHARS, min_size=1, max_size=40)), max_size=4),
    st.one_of(st.none(), st.text(XML_CHARS, min_size=1, max_size=12)),
    st.sampled_from([0, 1280]),
    BOOKMARKS,
)
RENDERED = Template().rendered({"title": "标题", "unit": ""})


@settings(max_examples=300, deadline=None)
@given(paragraph=PARAGRAPHS)
def test_a_bookmarked_title_comes_out_as_from_the_element_builder(paragraph):
    assert _written(*paragraph) == _built(*paragraph)


@settings(max_examples=300, deadline=None)
@given(paragraphs=st.lists(PARAGRAPHS, min_size=1, max_size=3))
def test_body_text_goes_into_the_document_part_as_lxml_would_print_it(paragraphs):
    """The document part takes the text as written, not parsed and printed again: it must be what printing would give."""
    text = "".join(_xml(*paragraph) for paragraph in paragraphs)
    assert RENDERED.body(text) == RENDERED.serialised(parse_body([text]))


def test_text_xml_cannot_hold_never_reaches_a_file():
    with pytest.raises(etree.XMLSyntaxError):
        RENDERED.body(paragraph_xml("a", run_xml("控制字符\x01")))


PART_NAMES = st.text(st.sampled_from("abcxyz/._名党"), min_size=1, max_size=16).filter(lambda n: not n.endswith("/"))


@settings(max_examples=100, deadline=None)
@given(
    shared=st.dictionaries(PART_NAMES, st.binary(max_size=3000), min_size=1, max_size=4),
    own=st.dictionaries(PART_NAMES, st.binary(max_size=3000), min_size=1, max_size=4),
)
def test_packages_on_shared_parts_are_byte_for_byte_zipfiles_own(shared, own):
    own = {f"own/{name}": data for name, data in own.items()}  # no name twice in a package
    fixed = zip_parts(shared)
    appended = io.BytesIO(fixed)
    appended.seek(0, io.SEEK_END)
    with zipfile.ZipFile(appended, "a", zipfile.ZIP_DEFLATED) as package:
        add_parts(package, own)
    assert package_bytes(SharedParts(fixed), own) == appended.getvalue()
    assert read_parts(package_bytes(SharedParts(fixed), own)) == {**shared, **own}


def package_bytes(shared: SharedParts, own: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    write_package(out, shared, {name: (data,) for name, data in own.items()})
    return out.getvalue()


def test_markup_in_text_stays_text():
    [paragraph] = parse_body([paragraph_xml("a", run_xml('</w:t><w:p> & "x" \r'))])
    assert "".join(paragraph.itertext()) == '</w:t><w:p> & "x" \r'
