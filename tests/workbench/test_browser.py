"""The workbench in a real browser: headless Chromium driven by Selenium (Debian's
chromium and chromium-driver), on a copy of the samples, as an office worker uses it —
the list, a report's form saved into its YAML, a change on disk never overwritten, an
upload, the order, a build and its downloads, the check's findings beside the text.

Each page is photographed into a folder of the test run (``$DOCGEN_SCREENSHOTS`` where
set), for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import quote

import docx
import pytest

import docgen
from docgen.inputs.yaml_reader import read_report
from support.docx_text import visible_lines
from support.renderer import require_renderer
from support.workbench_server import start

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WAIT_SECONDS = 120  # a page is answered at once; a build or an import takes its time on a loaded machine
SAMPLE_UNITS = ["示例单位01", "示例单位02", "示例单位03", "示例单位05", "示例单位06", "示例单位07",
                "示例单位08", "示例单位10", "示例单位11", "示例单位12", "示例单位14", "示例单位16"]
COMMUNITY_REPORT = [
    "东湖社区2026年基层党建工作亮点及存在问题",
    "东湖社区党委",
    "今年以来，东湖社区党委坚持以党建引领基层治理，现将有关情况报告如下：",
    "一、亮点工作",
    "（一）党群服务阵地建设成效明显。今年社区投入资金改造党群服务中心，新增党员活动室和议事厅。",
    "（二）党员志愿服务形成常态。社区组建四支党员志愿服务队，每月开展政策宣讲和助老服务。",
    "二、存在问题",
    "1.流动党员教育管理有待加强。部分流动党员长期在外，参加组织生活不够经常。",
    "2.服务群众的本领有待提升。个别社区干部做群众工作的方法不多。",
    "特此报告。",
    "东湖社区党委",
    "2026年11月20日",
]


def _missing_browser() -> str | None:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        return "chromium and chromium-driver are not installed: apt-get install chromium chromium-driver"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install -e '.[test]'"
    return None


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory, downloads):
    missing = _missing_browser()
    if missing:
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}", "--window-size=1366,768", "--lang=zh-CN"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    folder = Path(os.environ["DOCGEN_SCREENSHOTS"]) if os.environ.get("DOCGEN_SCREENSHOTS") else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def bench(browser, sample_inputs, tmp_path):
    """The workbench over a copy of the samples, opened in the browser by its address."""
    started = start(sample_inputs, tmp_path / "outputs", cwd=tmp_path)  # as 打开工作台.bat starts it
    browser.get(started.address)
    _wait(browser, lambda b: b.find_elements("css selector", "tr[data-unit]"))
    yield started
    assert started.stop() == 0
    printed = started.lines + started.errors
    assert not any("Traceback" in line for line in printed), printed
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == [], errors


def _wait(browser, condition, seconds: float = WAIT_SECONDS):
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # htmx replaces the page's content under the condition's feet: look again
    ignored = (NoSuchElementException, StaleElementReferenceException)
    return WebDriverWait(browser, seconds, ignored_exceptions=ignored).until(condition)


def _css(browser, selector: str):
    return browser.find_elements("css selector", selector)


def _units(browser) -> list[str]:
    return [row.get_attribute("data-unit") for row in _css(browser, "tr[data-unit]")]


def _status(browser, status: str):
    """The notice of ``status`` once the page shows it (htmx has swapped the new content in)."""
    return _wait(browser, lambda b: _css(b, f'[data-status="{status}"]'))[0]


def _open_report(browser, unit: str) -> None:
    _click(browser, _css(browser, f'tr[data-unit="{unit}"] a[data-report]')[0])
    _wait(browser, lambda b: _css(b, "#report-form") and b.find_element("name", "unit").get_attribute("value") == unit)


def _click(browser, element) -> None:
    """Click ``element`` once it is scrolled to the middle of the window, clear of the fixed bars."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def _retype(browser, name: str, text: str) -> None:
    field = browser.find_element("name", name)
    field.clear()
    field.send_keys(text)


def _shoot(browser, folder: Path, name: str, at=None) -> None:
    """The page as a 1366×768 screen shows it: from its top, or with the element ``at`` in the middle."""
    if at is None:
        browser.execute_script("window.scrollTo(0, 0)")
    else:
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", at)
    browser.save_screenshot(str(folder / f"workbench-{name}.png"))


def test_the_home_page_lists_the_twelve_reports_with_their_pages_and_findings(browser, bench, screenshots):
    assert _units(browser) == SAMPLE_UNITS
    volume = docgen.load(bench.inputs)
    pages = [int(cell.text) for cell in _css(browser, "tr[data-unit] [data-page]")]
    assert pages == docgen.api.start_pages(volume)
    findings = docgen.check(bench.inputs)
    counted = [int(cell.get_attribute("data-findings")) for cell in _css(browser, "tr[data-unit] [data-findings]")]
    assert counted == [sum(f.origin.path == r.origin.path for f in findings) for r in volume.reports]
    assert browser.find_element("name", "series_title").get_attribute("value") == "基层党建亮点工作及存在问题"
    _shoot(browser, screenshots, "home")


def test_a_title_and_signature_changed_in_the_form_are_saved_into_the_yaml(browser, bench, screenshots):
    _open_report(browser, "示例单位01")
    _retype(browser, "title", "东湖街道2026年基层党建亮点工作及存在问题")
    _retype(browser, "signature_unit", "中共示例单位01委员会")
    _retype(browser, "signature_date", "2026-11-20")
    _click(browser, _css(browser, '[data-action="save"]')[0])
    assert "已保存" in _status(browser, "saved").text
    path = bench.inputs / "示例单位01.yaml"
    report, _ = read_report(path)
    assert report.title == "东湖街道2026年基层党建亮点工作及存在问题"
    assert (report.signature.unit, report.signature.date.isoformat()) == ("中共示例单位01委员会", "2026-11-20")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 基层党建亮点工作及存在问题（一）\n# 由参考报告 01.txt 转换\ntitle: 东湖街道")  # its own comments kept
    assert text.endswith("signature:\n  unit: 中共示例单位01委员会\n  date: 2026年11月20日\n")  # written as import writes dates
    assert browser.find_element("name", "signature_date").get_attribute("value") == "2026年11月20日"
    _shoot(browser, screenshots, "report")


def test_a_file_changed_on_disk_since_it_was_opened_is_not_overwritten(browser, bench):
    _open_report(browser, "示例单位02")
    path = bench.inputs / "示例单位02.yaml"
    changed_in_notepad = path.read_text(encoding="utf-8").replace("unit: 示例单位02", "title: 记事本里改的标题\nunit: 示例单位02")
    path.write_text(changed_in_notepad, encoding="utf-8")
    _retype(browser, "title", "工作台里改的标题")
    _click(browser, _css(browser, '[data-action="save"]')[0])
    notice = _status(browser, "conflict")
    assert "被别的程序改过" in notice.text and "没有保存" in notice.text
    assert path.read_text(encoding="utf-8") == changed_in_notepad
    assert browser.find_element("name", "title").get_attribute("value") == "工作台里改的标题"  # what was typed is still there
    _click(browser, notice.find_element("css selector", '[data-action="reload"]'))
    _wait(browser, lambda b: b.find_element("name", "title").get_attribute("value") == "记事本里改的标题")


def test_what_validate_refuses_blocks_the_save_with_its_message(browser, bench):
    _open_report(browser, "示例单位03")
    path = bench.inputs / "示例单位03.yaml"
    before = path.read_bytes()
    _retype(browser, "unit", "示例单位05")  # another report's unit
    _click(browser, _css(browser, '[data-action="save"]')[0])
    assert "单位“示例单位05”重复" in _status(browser, "invalid").text
    _retype(browser, "unit", "示例单位03")
    _retype(browser, "signature_unit", "示例单位03党委")
    _retype(browser, "signature_date", "2026年13月1日")
    _click(browser, _css(browser, '[data-action="save"]')[0])
    _wait(browser, lambda b: "不是日期" in _status(b, "invalid").text)
    assert path.read_bytes() == before


def test_sections_and_items_are_added_moved_and_removed_before_saving(browser, bench):
    _open_report(browser, "示例单位05")
    before, _ = read_report(bench.inputs / "示例单位05.yaml")
    first = before.sections[0]
    _click(browser, _css(browser, '[data-section="1"] [data-action="add-item"]')[0])
    new_title = f"section-1-item-{len(first.items) + 1}-title"
    _wait(browser, lambda b: b.find_elements("name", new_title))
    assert "还没有保存" in _status(browser, "unsaved").text
    browser.find_element("name", new_title).send_keys("新加的一条。")
    _click(browser, _css(browser, f'[data-item="1-{len(first.items) + 1}"] button[value="up-item:1:{len(first.items) + 1}"]')[0])
    moved = f"section-1-item-{len(first.items)}-title"
    _wait(browser, lambda b: b.find_element("name", moved).get_attribute("value") == "新加的一条。")
    _click(browser, _css(browser, 'button[value="remove-item:1:1"]')[0])
    _wait(browser, lambda b: b.find_element("name", "section-1-item-1-title").get_attribute("value") == first.items[1].title)
    _click(browser, _css(browser, '[data-action="add-section"]')[0])
    last = len(before.sections) + 1
    _wait(browser, lambda b: b.find_elements("name", f"section-{last}-heading"))
    browser.find_element("name", f"section-{last}-heading").send_keys("下一步打算")
    browser.find_element("name", f"section-{last}-item-1-title").send_keys("加强党员教育管理。")
    _click(browser, _css(browser, '[data-action="save"]')[0])
    _status(browser, "saved")
    after, _ = read_report(bench.inputs / "示例单位05.yaml")
    assert [item.title for item in after.sections[0].items] == [i.title for i in first.items[1:-1]] + ["新加的一条。", first.items[-1].title]
    assert after.sections[0].items[-1].paragraphs == first.items[-1].paragraphs  # its text moved with it
    assert (after.sections[-1].heading, [i.title for i in after.sections[-1].items]) == ("下一步打算", ["加强党员教育管理。"])


def test_check_findings_are_shown_beside_the_text_they_are_in(browser, bench, screenshots):
    _open_report(browser, "示例单位08")
    path = bench.inputs / "示例单位08.yaml"
    expected = [f for f in docgen.check(bench.inputs) if f.origin.path == path]
    shown = _css(browser, "[data-finding]")
    assert len(shown) == len(expected) > 0
    second_item = _css(browser, '[data-item="1-2"]')[0]  # 打造XX社区“党群联络点”。: a placeholder in its title and text
    beside = second_item.find_elements("css selector", "[data-finding]")
    assert len(beside) == 2 and all("占位符" in finding.text for finding in beside)
    assert "打造XX社区" in beside[0].text
    _shoot(browser, screenshots, "report-findings", at=second_item)


def test_a_word_report_uploaded_becomes_the_13th_and_a_bad_file_is_refused(browser, bench, tmp_path, screenshots):
    good = tmp_path / "东湖社区.docx"
    document = docx.Document()
    for line in COMMUNITY_REPORT:
        document.add_paragraph(line)
    document.save(str(good))
    bad = tmp_path / "letter.txt"
    bad.write_text("Dear colleagues, the meeting is moved to Friday.\n", encoding="utf-8")
    browser.find_element("css selector", 'input[type="file"][name="files"][multiple]').send_keys(f"{good}\n{bad}")
    _click(browser, _css(browser, '[data-action="import"]')[0])
    _wait(browser, lambda b: len(_units(b)) == 13)
    assert _units(browser) == SAMPLE_UNITS + ["东湖社区"]  # the 党委 of the unit line is filed under its 社区
    imported = _css(browser, '[data-file="东湖社区.docx"][data-result="imported"]')[0]
    assert "东湖社区.yaml" in imported.text and "单位：东湖社区（取自标题下的一行“东湖社区党委”）" in imported.text
    refused = _css(browser, '[data-file="letter.txt"][data-result="refused"]')[0]
    assert "没有导入" in refused.text and "没有中文" in refused.text
    report, _ = read_report(bench.inputs / "东湖社区.yaml")
    assert [section.heading for section in report.sections] == ["亮点工作", "存在问题"]
    assert not (bench.inputs / "letter.yaml").exists()
    _shoot(browser, screenshots, "import")


def test_moving_a_report_down_writes_the_order_and_the_pages_follow(browser, bench):
    row = _css(browser, 'tr[data-unit="示例单位01"]')[0]
    _click(browser, row.find_element("css selector", '[data-action="down"]'))
    _wait(browser, lambda b: _units(b)[:2] == ["示例单位02", "示例单位01"])
    volume = docgen.load(bench.inputs)
    assert [r.unit for r in volume.reports] == ["示例单位02", "示例单位01", *SAMPLE_UNITS[2:]]
    assert [int(cell.text) for cell in _css(browser, "tr[data-unit] [data-page]")] == docgen.api.start_pages(volume)
    _click(browser, _css(browser, 'tr[data-unit="示例单位01"] [data-action="up"]')[0])
    _wait(browser, lambda b: _units(b) == SAMPLE_UNITS)


def test_the_build_makes_the_volume_with_the_new_title_and_links_every_output(browser, bench, downloads, screenshots):
    _open_report(browser, "示例单位02")
    _retype(browser, "title", "东湖社区党建引领基层治理工作报告")
    _click(browser, _css(browser, '[data-action="save"]')[0])
    _status(browser, "saved")
    _click(browser, browser.find_element("link text", "汇编"))
    _wait(browser, lambda b: b.find_elements("name", "titles"))
    _click(browser, browser.find_element("css selector", 'input[name="titles"][value="own"]'))
    _click(browser, browser.find_element("css selector", '[data-action="save-settings"]'))
    _status(browser, "ok")
    _click(browser, browser.find_element("link text", "生成"))
    pdf = _wait(browser, lambda b: b.find_elements("name", "pdf"))[0]
    if pdf.is_selected():
        _click(browser, pdf)  # the PDFs are LibreOffice's work, checked by the renderer tests
    _click(browser, _css(browser, '[data-action="build"]')[0])
    _wait(browser, lambda b: _css(b, '[data-job="done"], [data-job="failed"]'))
    assert _css(browser, '[data-job="done"]'), _css(browser, "#job-status")[0].text
    outputs = [link.get_attribute("data-output") for link in _css(browser, "a[data-output]")]
    assert outputs == ["volume", "ledger", "analysis"] + ["report"] * 12
    _shoot(browser, screenshots, "build")
    _click(browser, _css(browser, 'a[data-output="volume"]')[0])
    volume = downloads / "基层党建亮点工作及存在问题.docx"
    _wait(browser, lambda b: volume.exists() and not list(downloads.glob("*.crdownload")))
    lines = visible_lines(volume)
    title = "东湖社区党建引领基层治理工作报告"
    assert title in lines  # the report's first page
    assert any(line.startswith(title) and line.rstrip().endswith(str(docgen.api.start_pages(docgen.load(bench.inputs))[1])) for line in lines)  # its 目录 entry
    assert volume.read_bytes() == (bench.out / volume.name).read_bytes()


def test_the_preview_shows_the_page_models_pages_and_the_toc_numbers(browser, bench, screenshots):
    _click(browser, browser.find_element("link text", "预览"))
    _wait(browser, lambda b: _css(b, ".page"))
    volume = docgen.load(bench.inputs)
    pages = docgen.api.start_pages(volume)
    assert [int(cell.text) for cell in _css(browser, "[data-toc] [data-page]")] == pages
    sheets = _css(browser, ".page")
    assert len(sheets) == len(docgen.api.volume_pages(volume))
    first_report = sheets[pages[0] - 1]  # no cover: page N is the Nth sheet
    assert first_report.find_element("css selector", ".line.title").text == "基层党建亮点工作及存在问题（一）"
    assert first_report.get_attribute("data-page-number") == str(pages[0])
    _shoot(browser, screenshots, "preview")
    _click(browser, _css(browser, f'[data-toc] a[href="/preview?unit={quote("示例单位03")}"]')[0])
    _wait(browser, lambda b: "示例单位03" in b.find_element("tag name", "h1").text)
    assert len(_css(browser, ".page")) == pages[3] - pages[2]


@pytest.mark.office
def test_where_libreoffice_is_installed_its_pictures_and_the_pdfs_are_shown(browser, bench, screenshots):
    require_renderer()
    _click(browser, browser.find_element("link text", "预览"))
    _click(browser, _wait(browser, lambda b: _css(b, f'[data-toc] a[href="/preview?unit={quote("示例单位03")}"]'))[0])
    _wait(browser, lambda b: "示例单位03" in b.find_element("tag name", "h1").text)
    model_pages = len(_css(browser, ".page"))
    _click(browser, _css(browser, '[data-action="render"]')[0])
    _wait(browser, lambda b: _css(b, '[data-job="done"], [data-job="failed"]'))
    assert _css(browser, '[data-job="done"]'), _css(browser, "#job-status")[0].text
    pictures = _css(browser, ".images img")
    assert len(pictures) == model_pages  # LibreOffice breaks the pages where the model does
    assert all(browser.execute_script("return arguments[0].naturalWidth", picture) > 0 for picture in pictures)
    assert sorted(p.name for p in (bench.out / "preview").iterdir()) == [f"示例单位03-{n}.png" for n in range(1, model_pages + 1)]
    _shoot(browser, screenshots, "preview-libreoffice")
    _click(browser, browser.find_element("link text", "生成"))
    pdf = _wait(browser, lambda b: b.find_elements("name", "pdf"))[0]
    if not pdf.is_selected():
        _click(browser, pdf)
    _click(browser, _css(browser, '[data-action="build"]')[0])
    _wait(browser, lambda b: _css(b, '[data-job="done"], [data-job="failed"]'))
    assert _css(browser, '[data-job="done"]'), _css(browser, "#job-status")[0].text
    pdfs = [link.get_attribute("href") for link in _css(browser, 'a[data-output="pdf"]')]
    assert len(pdfs) == 13 and pdfs[0].endswith(quote("基层党建亮点工作及存在问题.pdf"))
    assert browser.find_element("name", "pdf").is_selected()  # offered the same the next time
