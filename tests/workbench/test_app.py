"""The workbench's parts without a browser: the page model's pages it draws, the report form
(the page's own fields posted back), stopping a build, and docgen's own faults said in
Chinese without a traceback. Requests go straight to the ASGI application."""

from __future__ import annotations

import asyncio
import datetime
import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

import pytest

import docgen
from docgen import api
from docgen.fs import tempfolders
from docgen.inputs.yaml_writer import report_yaml
from docgen.workbench.app import make_app
from docgen.workbench.forms import ReportForm, SettingsForm
from docgen.workbench.jobs import Job, Stopped
from docgen.workbench.uploads import private_folder
from docgen.workbench.web import Bench
from support.processes import ended_process

TOKEN = "t" * 43
PORT = 8765


def _call(app, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> tuple[int, str]:
    """One request to the ASGI application, as uvicorn would hand it over; the status and page."""
    target, _, query = path.partition("?")
    base = {"host": f"127.0.0.1:{PORT}", "cookie": f"docgen_workbench_{PORT}={TOKEN}", "origin": f"http://127.0.0.1:{PORT}"}
    if method == "POST":
        base["content-type"] = "application/x-www-form-urlencoded"
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": unquote(target), "raw_path": target.encode(), "query_string": query.encode(), "root_path": "",
        "headers": [(k.encode(), v.encode()) for k, v in {**base, **(headers or {})}.items()],
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", PORT),
    }
    sent: list[dict] = []
    received = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return received.pop(0) if received else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body").decode("utf-8")


@pytest.fixture
def app(sample_inputs, tmp_path):
    return make_app(Bench(sample_inputs, tmp_path / "outputs"), TOKEN, PORT)


class _FormFields(HTMLParser):
    """The fields a browser would post from the form ``form_id`` of a page (checked boxes only)."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs:
            if tag == "option" and self._select and "selected" in attrs:
                self.fields.append((self._select, attrs["value"]))
            return
        if tag == "input" and attrs.get("type") != "checkbox" or tag == "input" and "checked" in attrs:
            self.fields.append((attrs["name"], attrs.get("value", "on")))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields.append((attrs["name"], ""))
        elif tag == "select":
            self._select = attrs["name"]

    def handle_data(self, data):
        if self._textarea:
            name, text = self.fields.pop()
            self.fields.append((name, text + data))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
            name, text = self.fields.pop()
            self.fields.append((name, text.removeprefix("\n")))  # HTML drops a textarea's first newline
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self.inside = False


def _posted(page: str) -> list[tuple[str, str]]:
    parser = _FormFields("report-form")
    parser.feed(page)
    return parser.fields


def test_every_name_the_api_gives_on_demand_is_there():
    for name in [*api._LAZY, *api._RENAMED]:
        assert getattr(api, name) is not None, name


# --- the page model's pages ------------------------------------------------------------


def test_the_pages_drawn_put_each_report_on_the_page_the_toc_gives_it(sample_inputs):
    volume = docgen.load(sample_inputs)
    pages = api.volume_pages(volume)
    starts = api.start_pages(volume)
    titles = [page.number for page in pages if page.lines and page.lines[0].role == "title"]
    assert titles == starts
    toc = [line for line in pages[0].lines if line.role == "toc_line"]
    assert [int(line.page_number) for line in toc] == starts
    assert [line.text for line in toc] == volume.numbered_titles()
    assert all(0 <= line.grid_line < 22 for page in pages for line in page.lines)
    assert len(pages) == docgen.build(sample_inputs, sample_inputs.parent / "out").start_pages[-1] + len(api.report_pages(volume, "示例单位16")) - 1


def test_a_cover_is_drawn_unnumbered_and_the_toc_is_page_one(sample_inputs):
    settings = api.open_settings(sample_inputs)
    settings.model.cover = api.Cover("2026年汇编", "组织办", datetime.date(2026, 12, 1))
    api.save_settings(sample_inputs, settings.model, settings.version)
    pages = api.volume_pages(docgen.load(sample_inputs))
    assert pages[0].number is None and [line.text for line in pages[0].lines if line.text][:1] == ["2026年汇编"]
    assert pages[1].number == 1 and pages[1].lines[0].role == "toc_heading"


def test_the_settings_form_keeps_a_cover_dated_by_its_month_in_chinese_numerals(app, sample_inputs):
    settings = api.open_settings(sample_inputs)
    settings.model.cover = api.Cover("2026年汇编", "组织办", api.Month(2026, 12), "汉字")
    api.save_settings(sample_inputs, settings.model, settings.version)
    status, page = _call(app, "GET", "/")
    assert status == 200
    assert 'name="cover_date" value="2026年12月"' in page and '<option value="汉字" selected>' in page
    form = SettingsForm.of(settings.model, settings.version)
    posted = SettingsForm.posted({**vars(form), "fonts": ""}).settings(settings.model.order)
    assert (posted.cover.date, posted.cover.date_style) == (api.Month(2026, 12), "汉字")
    assert [line.text for line in api.volume_pages(docgen.load(sample_inputs))[0].lines if line.text][-1] == "二〇二六年十二月"


def test_printed_on_both_sides_each_report_is_drawn_on_a_right_hand_page_after_a_blank_one(sample_inputs):
    settings = api.open_settings(sample_inputs)
    settings.model.duplex = True
    settings.model.cover = api.Cover("2026年汇编", "组织办", datetime.date(2026, 12, 1))
    api.save_settings(sample_inputs, settings.model, settings.version)
    volume = docgen.load(sample_inputs)
    pages = api.volume_pages(volume)
    on_paper = [index + 1 for index, page in enumerate(pages) if page.lines and page.lines[0].role == "title"]
    assert all(page % 2 == 1 for page in on_paper)
    assert [pages[index - 1].number for index in on_paper] == api.start_pages(volume)
    assert pages[1].lines == [] and pages[1].number is None  # the cover's back
    assert pages[2].number == 1 and pages[2].lines[0].role == "toc_heading"
    blank = [page for page in pages[3:] if not page.lines]
    assert blank and all(page.number is None for page in blank)


def test_the_settings_form_shows_and_posts_back_double_sided_printing(app, sample_inputs):
    """Saving the settings from the page keeps ``duplex`` as volume.yaml has it."""
    for duplex in (True, False):
        settings = api.open_settings(sample_inputs)
        settings.model.duplex = duplex
        api.save_settings(sample_inputs, settings.model, settings.version)
        status, page = _call(app, "GET", "/")
        assert status == 200
        parser = _FormFields("settings-form")
        parser.feed(page)
        assert ("duplex", "on") in parser.fields if duplex else "duplex" not in dict(parser.fields)
        assert SettingsForm.posted(dict(parser.fields)).settings([]).duplex is duplex


def test_a_reports_own_pages_are_numbered_from_one(sample_inputs):
    volume = docgen.load(sample_inputs)
    pages = api.report_pages(volume, "示例单位03")
    starts = api.start_pages(volume)
    assert [page.number for page in pages] == list(range(1, starts[3] - starts[2] + 1))
    assert pages[-1].lines[-1].last


# --- the report form -------------------------------------------------------------------


def test_every_sample_reads_back_from_its_form_unchanged(sample_inputs):
    for path in api.report_files(sample_inputs):
        opened = api.open_report(sample_inputs, path.name)
        assert report_yaml(ReportForm.of(opened.model, opened.version).report()) == report_yaml(opened.model), path.name


def test_the_page_posts_back_what_it_shows(app, sample_inputs):
    for name in ["示例单位01.yaml", "示例单位08.yaml"]:
        status, page = _call(app, "GET", "/report/" + quote(name))
        assert status == 200
        fields = _posted(page)
        names = [field for field, _ in fields]
        assert {"title", "unit", "intro", "closing", "signature_unit", "signature_date", "version"} <= set(names)
        opened = api.open_report(sample_inputs, name)
        posted = ReportForm.posted(dict(fields))
        assert report_yaml(posted.report()) == report_yaml(opened.model)
        assert posted.version == opened.version


def test_a_save_posted_without_changes_writes_the_same_bytes(app, sample_inputs):
    path = sample_inputs / "示例单位08.yaml"
    before = path.read_bytes()
    _, page = _call(app, "GET", "/report/" + quote(path.name))
    status, saved = _call(app, "POST", "/report/" + quote(path.name) + "/save", urlencode(_posted(page)).encode())
    assert status == 200 and 'data-status="saved"' in saved
    assert path.read_bytes() == before


def test_a_report_without_section_headings_is_shown_and_saved_with_its_body(app, sample_inputs):
    path = sample_inputs / "幸福里社区.yaml"
    path.write_text(
        "title: 幸福里社区2019年工作总结\nunit: 幸福里社区\nbody: |\n  今年以来，社区扎实工作。\n  1.完成老旧小区改造2个。\n",
        encoding="utf-8",
    )
    before = path.read_bytes()
    status, page = _call(app, "GET", "/report/" + quote(path.name))
    assert status == 200 and "1.完成老旧小区改造2个。" in page
    fields = dict(_posted(page))
    assert fields["body"] == "今年以来，社区扎实工作。\n1.完成老旧小区改造2个。"
    status, saved = _call(app, "POST", "/report/" + quote(path.name) + "/save", urlencode(_posted(page)).encode())
    assert status == 200 and 'data-status="saved"' in saved
    assert path.read_bytes() == before


def test_the_forms_parts_are_added_moved_and_removed():
    form = ReportForm(unit="东湖社区", sections=[])
    form.apply("add-section")
    form.apply("add-item:1")
    form.sections[0].items[0].title, form.sections[0].items[1].title = "甲。", "乙。"
    form.apply("down-item:1:1")
    assert [item.title for item in form.sections[0].items] == ["乙。", "甲。"]
    form.apply("remove-item:1:2")
    form.apply("up-item:1:1")  # the first cannot go up
    form.apply("remove-section:9")  # nothing there: nothing happens
    form.apply("drop tables")
    assert [item.title for item in form.sections[0].items] == ["乙。"]
    form.sections[0].heading = "亮点工作"
    form.signature_unit, form.signature_date = "东湖社区党委", "2026-11-20"
    report = form.report()
    assert (report.sections[0].heading, report.signature.date) == ("亮点工作", datetime.date(2026, 11, 20))


def test_an_unknown_report_name_is_a_chinese_page(app):
    status, page = _call(app, "GET", "/report/" + quote("没有.yaml"))
    assert status == 404 and "没有报告文件“没有.yaml”" in page


# --- stopping, and docgen's own faults -------------------------------------------------------


def test_a_build_stopped_by_the_workbench_leaves_the_output_folder_as_it_was(sample_inputs, tmp_path):
    out = tmp_path / "outputs"
    docgen.build(sample_inputs, out)
    before = {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()}
    job = Job("build", "正在生成")
    job.stopping = True  # Ctrl-C in the workbench's console
    (sample_inputs / "示例单位01.yaml").write_text(
        (sample_inputs / "示例单位01.yaml").read_text(encoding="utf-8").replace("unit: 示例单位01", "title: 新标题\nunit: 示例单位01"),
        encoding="utf-8",
    )
    with pytest.raises(Stopped):
        docgen.build(sample_inputs, out, progress=job.progress)
    assert {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()} == before
    assert not [path for path in out.iterdir() if path.is_dir()]  # no staging folder left behind


def test_docgens_own_fault_is_a_chinese_page_and_no_traceback(app, monkeypatch, capsys):
    def broken(inputs: Path):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("docgen.workbench.home.volume_view", broken)
    monkeypatch.delenv("DOCGEN_DEBUG", raising=False)
    status, page = _call(app, "GET", "/")
    assert status == 500 and "程序内部出错（ZeroDivisionError: division by zero）" in page and "DOCGEN_DEBUG" in page
    assert "Traceback" not in capsys.readouterr().err
    monkeypatch.setenv("DOCGEN_DEBUG", "1")
    _call(app, "GET", "/")
    assert "Traceback" in capsys.readouterr().err  # asked for: the details


def test_the_workbench_keeps_an_upload_in_a_folder_the_next_docgen_removes_once_it_is_killed(tmp_path, monkeypatch):
    """An upload holds copies of reports: should the workbench be killed while importing
    it, its folder is named like every other temporary folder of docgen's, so that the next
    docgen to start removes it."""
    monkeypatch.setattr(tempfolders.tempfile, "tempdir", str(tmp_path))
    folder = private_folder()
    assert folder.parent == tmp_path and folder.name.startswith(f"docgen-upload-{os.getpid()}-")
    (folder / "1").mkdir()
    (folder / "1" / "东湖社区.docx").write_bytes(b"copy of a report")
    killed = tmp_path / folder.name.replace(f"-{os.getpid()}-", f"-{ended_process()}-")
    folder.rename(killed)  # as the folder of a workbench that has ended

    assert tempfolders.remove_stale_folders(tmp_path) == [killed]
