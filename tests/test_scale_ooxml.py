"""Body paragraphs written as XML text serialise exactly as those built element by element."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from docgen.writers.ooxml import BREAK_XML, add_run, element, paragraph_xml, parse_body, replace_child, run_xml

# the characters XML 1.0 can hold (docgen.sanitize drops the others before writing)
XML_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff").filter(
    lambda c: c in "\t\n\r" or ord(c) >= 0x20
)


def _built(style_id, texts, char_style, right_indent):
    paragraph = element("p")
    ppr = element("pPr")
    ppr.append(element("pStyle", val=style_id))
    paragraph.append(ppr)
    if right_indent:
        replace_child(ppr, element("ind", right=str(right_indent)))
    for text in texts:
        if text is None:
            run = element("r")
            run.append(element("br"))
            paragraph.append(run)
        else:
            add_run(paragraph, text, char_style)
    return etree.tostring(paragraph, encoding="UTF-8")


def _written(style_id, texts, char_style, right_indent):
    runs = "".join(BREAK_XML if text is None else run_xml(text, char_style) for text in texts)
    [paragraph] = parse_body([paragraph_xml(style_id, runs, right_indent)])
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


def test_markup_in_text_stays_text():
    [paragraph] = parse_body([paragraph_xml("a", run_xml('</w:t><w:p> & "x" \r'))])
    assert "".join(paragraph.itertext()) == '</w:t><w:p> & "x" \r'
