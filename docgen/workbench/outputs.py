"""The 预览 and 生成 pages, and the files they link to.

预览 draws the pages as the page model lays them out (where each page ends, the
目录 with its numbers) and, where LibreOffice is installed, shows its rendering
as ``docgen preview`` makes it. 生成 builds (with the PDFs where asked and
LibreOffice is there) and then summarises the problems, as the two double-click
scripts do, showing the progress; then it links every output. A file is served
only from the output folder (or its preview/ folder), only of the kinds docgen
makes, and never through a link leading out of it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from .. import api
from ..core.findings import STALE_LEDGER
from ..fs.filenames import PREVIEW_FOLDER
from . import web
from .jobs import Job
from .views import volume_view

SERVED = {".docx": None, ".pdf": None, ".xlsx": None, ".png": "inline"}  # what may be downloaded
_WHOLE_PAGE = {"HX-Retarget": "#main", "HX-Reselect": "#main", "HX-Reswap": "outerHTML"}
BUSY = ("error", "另一项工作（生成，或生成页面图片）正在进行，请等它结束后再试。")


async def preview_page(request: Request) -> Response:
    return await _preview(request, request.query_params.get("unit") or None)


async def _preview(request: Request, unit: str | None, notices: list | None = None) -> Response:
    bench = web.bench_of(request)
    notices = list(notices or [])
    view = await web.blocking(volume_view, bench.inputs)
    pages, images = [], []
    if view.volume is not None:
        if unit is not None and unit not in [report.unit for report in view.volume.reports]:
            notices.append(("error", f"没有单位名称为“{unit}”的报告，下面是整本汇编。"))
            unit = None
        pages = await web.blocking(_model_pages, view.volume, unit)
        images = await web.blocking(api.preview_images, view.volume, bench.out, unit)
    return web.render(
        request,
        "preview.html",
        title="预览",
        nav="preview",
        view=view,
        unit=unit,
        pages=pages,
        images=[_relative(bench.out, image) for image in images],
        can_render=await web.blocking(api.can_render),
        job=bench.jobs.current("preview"),
        notices=notices,
    )


def _model_pages(volume: api.Volume, unit: str | None) -> list:
    return api.volume_pages(volume) if unit is None else api.report_pages(volume, unit)


async def render_images(request: Request) -> Response:
    """LibreOffice's pictures of the volume's (or one report's) pages, made in the background."""
    bench = web.bench_of(request)
    unit = str((await request.form()).get("unit", "")) or None

    def work(job: Job) -> None:
        job.result = unit
        api.preview(bench.inputs, bench.out, unit)
        job.said = ["页面图片已生成。"]

    started = bench.jobs.start("preview", "正在用 LibreOffice 排版并生成页面图片（可能要一两分钟）……", work)
    return await _preview(request, unit, [] if started else [BUSY])


async def build_page(request: Request, notices: list | None = None) -> Response:
    bench = web.bench_of(request)
    view = await web.blocking(volume_view, bench.inputs)
    outputs = await web.blocking(api.outputs, view.volume, bench.out) if view.volume is not None else None
    can_render = await web.blocking(api.can_render)
    return web.render(
        request,
        "build.html",
        title="生成",
        nav="build",
        view=view,
        outputs=outputs,
        downloads=_downloads(bench.out, outputs),
        pdf=bench.pdf if bench.pdf is not None else can_render,
        can_render=can_render,
        job=bench.jobs.current("build"),
        notices=notices or [],
    )


async def build(request: Request) -> Response:
    bench = web.bench_of(request)
    pdf = bench.pdf = (await request.form()).get("pdf") == "on"
    started = bench.jobs.start("build", "正在生成各报告和汇编……", lambda job: _build(bench, job, pdf))
    return await build_page(request, [] if started else [BUSY])


def _build(bench: web.Bench, job: Job, pdf: bool) -> None:
    """``docgen build`` then ``docgen summary`` (carrying over a filled-in 问题清单), as the
    double-click scripts run them; what each said, kept for the page."""

    def progress(done: int, total: int) -> None:
        job.progress(done, total)
        if done == total and pdf:
            job.step = "正在用 LibreOffice 生成 PDF（可能要一两分钟）……"

    result = api.build(bench.inputs, bench.out, pdf=pdf, progress=progress)
    said = [f"已生成 {len(result.report_paths)} 份报告和汇编。"]
    if result.pdf_paths:
        said.append(f"已生成 {len(result.pdf_paths)} 个 PDF。")
    # the ledger is made again right below: build's notice that it is out of date would only confuse
    notes = [note for note in result.warnings if note.kind != STALE_LEDGER]
    said += [f"提醒：{api.said(note)}" for note in [*result.folder_notes, *notes]]
    if result.findings:
        said.append(f"检查发现 {len(result.findings)} 处问题，见“汇编”页各报告的“检查”一栏。")
    if result.removed:
        said.append(f"已删除 docgen 以前生成、这次不再生成的 {len(result.removed)} 个文件。")
    job.tell("正在汇总问题清单和共性问题分析……")
    ledger = api.outputs(result.volume, bench.out).ledger  # what was filled in there is carried over
    try:
        summary = api.summary(bench.inputs, bench.out, keep=ledger)
    except api.DocgenError as error:
        said.append(f"问题清单和共性问题分析没有生成：{error}")
    else:
        said.append(f"已生成问题清单（{len(summary.ledger.rows)} 条问题）和共性问题分析。")
        said += [f"提醒：{api.said(note)}" for note in [*summary.folder_notes, *summary.warnings]]
    job.said = said


async def job_status(request: Request) -> Response:
    """The running work's progress (polled by the page while it runs), or its outcome."""
    bench = web.bench_of(request)
    command = request.query_params.get("command", "build")
    job = bench.jobs.current(command)
    if job is None or job.running:
        return web.render(request, "job.html", job=job, command=command)
    page = await (build_page(request) if command == "build" else _preview(request, job.result))
    page.headers.update(_WHOLE_PAGE)  # finished: the whole page again, its links and pictures with it
    return page


async def download(request: Request) -> Response:
    bench = web.bench_of(request)
    path = _served(bench.out, request.path_params["name"])
    if path is None:
        return web.render(request, "message.html", 404, title="没有这个文件", message="输出文件夹里没有这个文件（可能已被删除，请重新生成）。")
    disposition = SERVED[path.suffix.lower()] or "attachment"
    return FileResponse(path, filename=path.name, content_disposition_type=disposition)


def _served(out: Path, name: str) -> Path | None:
    """The file ``name`` (relative to ``out``) where it may be served: a regular file of a
    type docgen makes, right in ``out`` or its preview folder, reached without leaving them."""
    parts = name.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") or "\\" in part for part in parts) or len(parts) > 2:
        return None
    if len(parts) == 2 and parts[0] != PREVIEW_FOLDER:
        return None
    path = out / name
    try:
        resolved, folder = path.resolve(strict=True), out.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    inside = resolved.parent in (folder, folder / PREVIEW_FOLDER)
    return path if inside and resolved.is_file() and resolved.suffix.lower() in SERVED else None


def _relative(out: Path, path: Path) -> str:
    return path.relative_to(out).as_posix()


@dataclass
class Download:
    output: str  # its data-output: volume, report, pdf, ledger, analysis
    label: str
    name: str  # relative to the output folder
    made: str  # when it was written


def _downloads(out: Path, outputs) -> dict[str, list[Download]]:
    """Every output there, in groups: the volume, the problem summary, each report."""
    if outputs is None:
        return {}

    def link(output: str, label: str, path: Path | None) -> list[Download]:
        if path is None:
            return []
        made = datetime.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        return [Download(output, label, _relative(out, path), made)]

    groups = {
        "汇编": link("volume", "汇编（Word）", outputs.volume) + link("pdf", "汇编（PDF）", outputs.volume_pdf),
        "问题汇总": link("ledger", "问题清单（Excel）", outputs.ledger) + link("analysis", "共性问题分析（Word）", outputs.analysis),
        "各社区的报告": [
            download
            for unit, docx, pdf in outputs.reports
            for download in link("report", f"{unit}（Word）", docx) + link("pdf", f"{unit}（PDF）", pdf)
        ],
    }
    return {title: downloads for title, downloads in groups.items() if downloads}
