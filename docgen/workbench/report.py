"""The 报告 page: one report's every part as a form, docgen check's findings beside the
text they are in, saved as import and ``docgen new`` write reports — never over a
change made to the file elsewhere, never when validate would refuse it.

A file too broken to read as a report is shown as its text, to be mended there.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from .. import api
from . import web
from .forms import ReportForm
from .views import placed_findings, report_findings, volume_view

MAX_FORM_FIELDS = 20_000  # a long report has some thousand paragraphs; each item three fields


async def page(request: Request) -> Response:
    return await _shown(request, request.path_params["name"])


async def edit(request: Request) -> Response:
    """A section or item added, removed or moved: the form shown again, not yet saved."""
    posted = await request.form(max_fields=MAX_FORM_FIELDS)
    form = ReportForm.posted(posted)
    form.apply(str(posted.get("op", "")))
    notice = ("unsaved", "改动还没有保存：改完后点“保存”。")
    return await _shown(request, request.path_params["name"], form, [notice])


async def save(request: Request) -> Response:
    bench, name = web.bench_of(request), request.path_params["name"]
    posted = await request.form(max_fields=MAX_FORM_FIELDS)
    form = ReportForm.posted(posted)
    version = str(posted.get("overwrite") or form.version)  # “仍要保存”: over the file as it is now
    try:
        saved = await web.blocking(api.save_report, bench.inputs, name, form.report(), version)
    except api.ChangedOnDisk as error:
        return await _shown(request, name, form, [("conflict", str(error))])
    except api.DocgenError as error:
        return await _shown(request, name, form, [("invalid", f"没有保存：{error}")])
    written = "、".join(str(path) for path in saved.written)
    return await _shown(request, name, notices=[("saved", f"已保存：{written}")])


async def save_text(request: Request) -> Response:
    """A broken file's text, mended by hand, saved once it reads."""
    bench, name = web.bench_of(request), request.path_params["name"]
    posted = await request.form()
    text, version = str(posted.get("yaml", "")), str(posted.get("version", ""))
    kept = {"text": text, "version": version}  # what was typed, and the file it was typed over
    try:
        await web.blocking(api.save_report_text, bench.inputs, name, text, str(posted.get("overwrite") or version))
    except api.ChangedOnDisk as error:
        return await _shown(request, name, notices=[("conflict", str(error))], typed=kept)
    except api.DocgenError as error:
        return await _shown(request, name, notices=[("invalid", f"没有保存：{error}")], typed=kept)
    return await _shown(request, name, notices=[("saved", "已保存。")])


async def _shown(request: Request, name: str, form: ReportForm | None = None, notices: list | None = None, typed: dict | None = None):
    """The page of the report file ``name``: ``form`` where one was posted, else the file's;
    a file that does not read as a report as its text (``typed``: as it was typed)."""
    bench = web.bench_of(request)
    try:
        opened = await web.blocking(api.open_report, bench.inputs, name)
    except api.InputError as error:
        return await _broken(request, name, error, notices or [], typed)
    view = await web.blocking(volume_view, bench.inputs)
    findings = await web.blocking(report_findings, view, opened.model)
    return web.render(
        request,
        "report.html",
        title=opened.model.unit,
        nav="report",
        name=name,
        path=opened.path,
        form=form or ReportForm.of(opened.model, opened.version),
        disk_version=opened.version,
        warnings=opened.warnings,
        findings=findings,
        placed=placed_findings(opened.model, findings),
        volume_error=view.error,
        reload=f"/report/{quote(name, safe='')}",
        notices=notices or [],
        numbering_styles=api.ITEM_STYLES,
        section_number=api.section_number,
        item_number=api.item_number,
    )


async def _broken(request: Request, name: str, error: api.InputError, notices: list, typed: dict | None):
    bench = web.bench_of(request)
    try:
        current, version = await web.blocking(api.report_text, bench.inputs, name)
    except api.InputError:  # not there at all, or not even text
        return web.render(request, "message.html", 404, title="打不开这份报告", message=str(error), notices=notices)
    typed = typed or {"text": current, "version": version}
    return web.render(
        request,
        "report_text.html",
        title=name,
        nav="report",
        name=name,
        error=str(error),
        text=typed["text"],
        version=typed["version"],
        disk_version=version,
        notices=notices,
        reload=f"/report/{quote(name, safe='')}",
    )
