"""docgen's fontconfig substitution for its LibreOffice runs: the 公文 faces drawn
with the closest free faces, Latin half width so pages agree with the model."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from docgen.office import fonts
from docgen.office.instances import convert_to_pdf
from support.renderer import require_renderer

FREE = {fonts.SERIF, fonts.SERIF_BOLD, fonts.SANS, fonts.KAI}


def test_each_official_face_goes_to_its_closest_free_face():
    chosen = fonts.substitutions(FREE)
    assert chosen["仿宋"] == chosen["仿宋_GB2312"] == fonts.SERIF
    assert chosen["方正小标宋简体"] == fonts.SERIF_BOLD
    assert chosen["宋体"] == fonts.SERIF
    assert chosen["黑体"] == fonts.SANS
    assert chosen["楷体"] == chosen["楷体_GB2312"] == fonts.KAI


def test_a_real_fangsong_face_installed_is_used():
    assert "仿宋" not in fonts.substitutions(FREE | {"仿宋"})  # installed as itself: left alone
    assert fonts.substitutions(FREE | {"仿宋"})["仿宋_GB2312"] == "仿宋"
    assert fonts.substitutions(FREE | {"STFangsong"})["仿宋"] == "STFangsong"


def test_without_noto_serif_the_old_half_width_faces_stand_in():
    chosen = fonts.substitutions({fonts.SANS, fonts.KAI})
    assert chosen["仿宋"] == fonts.KAI and chosen["方正小标宋简体"] == fonts.SANS


def test_the_fontconfig_file_names_every_rule_and_the_derived_folder(tmp_path):
    text = fonts.fontconfig_file({"仿宋": fonts.SERIF, "黑体": fonts.SANS}, tmp_path)
    assert f"<dir>{tmp_path}</dir>" in text
    assert "<string>仿宋</string>" in text and f"<string>{fonts.SERIF}</string>" in text
    assert "<include" in text  # the system's fonts stay available


def _derived_or_skip() -> Path:
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig (fc-list) is not installed")
    folder = fonts.derived_fonts()
    if folder is None:
        pytest.skip("Noto Serif CJK SC is not installed: apt-get install fonts-noto-cjk")
    return folder


def test_the_derived_serif_draws_latin_and_digits_half_an_em():
    from fontTools.ttLib import TTFont

    folder = _derived_or_skip()
    for stem in ("DocgenSerifCJKSC-Regular", "DocgenSerifCJKSC-Bold"):
        font = TTFont(str(folder / f"{stem}.otf"), lazy=True)
        em = font["head"].unitsPerEm
        cmap, metrics = font.getBestCmap(), font["hmtx"]
        assert {metrics[cmap[ord(c)]][0] * 2 for c in "0123456789AMWamw%()"} == {em}, stem
        assert metrics[cmap[ord("中")]][0] == em
        assert font["name"].getDebugName(1) in (fonts.SERIF, fonts.SERIF_BOLD)


def test_the_derived_faces_keep_gb2312_han_and_every_other_character_of_their_source():
    from fontTools.ttLib import TTFont

    folder = _derived_or_skip()
    for derived in fonts._DERIVED:
        source = fonts._font_file(derived.source, derived.style)
        if source is None:
            continue  # not installed here: nothing to copy
        font, whole = TTFont(str(folder / f"{derived.file_stem}.otf"), lazy=True), TTFont(str(source[0]), fontNumber=source[1], lazy=True)
        mapped, theirs = font.getBestCmap(), whole.getBestCmap()
        assert font["name"].getDebugName(1) == derived.family
        assert all(ord(c) in mapped for c in "中国共产党亮点工作①㈠（）：、“”…—·A1")  # GB2312, punctuation, Latin
        assert all(ord(c) not in mapped and ord(c) in theirs for c in "堃喆䶮")  # past GB2312: the whole face draws them
        others = {code for code in theirs if not fonts._ideographic(code)}
        assert others <= mapped.keys(), derived.file_stem  # no symbol, kana or Latin letter lost
        assert 6_763 < len(mapped) < 0.5 * len(theirs)


def test_the_fontconfig_file_falls_back_on_the_face_each_copy_was_made_from(tmp_path):
    text = fonts.fontconfig_file({"仿宋": fonts.SERIF}, tmp_path)
    for derived in fonts._DERIVED:
        alias = f"<family>{derived.family}</family><accept><family>{derived.source}</family></accept>"
        assert alias in text
    assert text.index(f"<string>{fonts.SERIF}</string>") < text.index("<alias")  # after the rule naming the copy


@pytest.mark.office
def test_a_character_past_gb2312_is_drawn_in_the_design_of_its_face(tmp_path):
    """堃 in 仿宋 text is drawn by Noto Serif CJK (the whole face docgen's copy was made from),
    in 黑体 text by Noto Sans CJK, in a 小标宋 title by Noto Serif CJK Bold: never a sans glyph
    among serif ones, nor a light one in a bold title."""
    require_renderer()
    _derived_or_skip()
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts is not installed: apt-get install poppler-utils")
    from docx import Document
    from docx.oxml.ns import qn

    designs = (("仿宋_GB2312", "NotoSerifCJKjp-Regular", "NotoSansCJK"), ("黑体", "NotoSansCJK", "NotoSerifCJK"),
               ("方正小标宋简体", "NotoSerifCJKjp-Bold", "Regular"))  # the title's rarer characters bold too
    for face, design, other in designs:
        document = Document()
        run = document.add_paragraph().add_run("社区书记王堃喆与䶮𠮷")
        run.font.name = face
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
        document.save(tmp_path / "罕见字.docx")
        pdf = convert_to_pdf([tmp_path / "罕见字.docx"], tmp_path / face)[0]
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "社区书记王堃喆与䶮𠮷" in text
        listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        faces = [line.split()[0] for line in listed.splitlines()[2:]]
        assert len(faces) == 2 and all(design in f for f in faces) and not any(other in f for f in faces), (face, faces)


@pytest.mark.office
def test_a_pdf_uses_the_serif_for_body_and_title(sample_build, tmp_path):
    require_renderer()
    _derived_or_skip()
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts is not installed: apt-get install poppler-utils")
    pdf = convert_to_pdf([sample_build.report_paths[0]], tmp_path)[0]
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    serif = [line for line in listed.splitlines() if "NotoSerifCJK" in line]
    assert any("-Regular" in line for line in serif) and any("-Bold" in line for line in serif)  # body, title


def test_copies_an_earlier_docgen_made_are_removed_a_later_ones_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "_cache_root", lambda: tmp_path)
    monkeypatch.setattr(fonts, "_font_file", lambda family, style: None)  # nothing to derive here
    current = int(fonts._DERIVED_VERSION)
    for version in (current - 1, current, current + 1):
        (tmp_path / "docgen" / f"fonts-{version}").mkdir(parents=True)
    fonts.derived_fonts()
    assert sorted(p.name for p in (tmp_path / "docgen").iterdir()) == [f"fonts-{current}", f"fonts-{current + 1}"]


def test_instances_starting_together_derive_each_face_once(tmp_path, monkeypatch):
    """Two LibreOffice instances ask for the derived faces at once, before any exist: the
    second waits for the first to derive them, then uses them."""
    import threading

    calls, deriving, release = [], threading.Event(), threading.Event()

    def derive(source, index, derived, target):
        calls.append(derived.file_stem)
        deriving.set()
        assert release.wait(60)
        target.write_bytes(b"derived")

    class Watched:  # the lock, telling when the second thread waits at it
        def __init__(self):
            self.lock, self.second_waits = threading.Lock(), threading.Event()

        def __enter__(self):
            if threading.current_thread() is second:
                self.second_waits.set()
            self.lock.acquire()

        def __exit__(self, *error):
            self.lock.release()

    watched = Watched()
    monkeypatch.setattr(fonts, "_cache_root", lambda: tmp_path)
    monkeypatch.setattr(fonts, "_font_file", lambda family, style: (tmp_path / "source.ttc", 0))
    monkeypatch.setattr(fonts, "_derive", derive)
    monkeypatch.setattr(fonts, "_DERIVING", watched)
    found = []
    first = threading.Thread(target=lambda: found.append(fonts.derived_fonts()))
    second = threading.Thread(target=lambda: found.append(fonts.derived_fonts()))
    first.start()
    assert deriving.wait(60)
    second.start()
    assert watched.second_waits.wait(60)
    release.set()
    first.join()
    second.join()

    assert sorted(calls) == sorted(d.file_stem for d in fonts._DERIVED)  # each face once
    assert found == [tmp_path / "docgen" / f"fonts-{fonts._DERIVED_VERSION}"] * 2
