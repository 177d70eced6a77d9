"""The 汇编 page: the reports in volume order (unit, title, 目录 page, findings), moving
one up or down (volume.yaml's ``order``), a new report, the upload of the files 社区
send, and volume.yaml's settings as a form."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from .. import api
from . import web
from .forms import SettingsForm
from .uploads import UploadRefused, import_received, private_folder, received_files, remove_folder
from .views import volume_view


async def page(
    request: Request, notices: list | None = None, settings_form: SettingsForm | None = None, settings_notices: list | None = None
) -> Response:
    """The page; ``notices`` said at its top, ``settings_notices`` by the settings' save button."""
    bench = web.bench_of(request)
    view = await web.blocking(volume_view, bench.inputs)
    settings_error = ""
    if settings_form is None:
        try:
            opened = await web.blocking(api.open_settings, bench.inputs)
            settings_form = SettingsForm.of(opened.model, opened.version)
        except api.InputError as error:
            settings_error = str(error)
    return web.render(
        request,
        "home.html",
        title="汇编",
        nav="home",
        view=view,
        notices=notices or [],
        settings=settings_form,
        settings_error=settings_error,
        settings_notices=settings_notices or [],
        title_modes=api.TITLE_MODES,
        font_uses=api.FONT_USES,
        date_styles=api.DATE_STYLES,
        default_fonts=api.DEFAULT_FONTS,
        imported=bench.imported,
        importable=",".join(api.IMPORTABLE),
    )


async def move(request: Request) -> Response:
    """One report a place up or down: the whole order written into volume.yaml."""
    bench = web.bench_of(request)
    form = await request.form()
    unit, step = str(form.get("unit", "")), -1 if form.get("move") == "up" else 1
    try:
        units = [report.unit for report in (await web.blocking(api.validate, bench.inputs)).volume.reports]
        if unit in units and 0 <= units.index(unit) + step < len(units):
            at = units.index(unit)
            units[at], units[at + step] = units[at + step], units[at]
            await web.blocking(api.set_order, bench.inputs, units)
    except api.DocgenError as error:
        return await page(request, [("error", f"没有改动顺序：{error}")])
    return await page(request)


async def new(request: Request) -> Response:
    bench = web.bench_of(request)
    unit = str((await request.form()).get("unit", "")).strip()
    try:
        path = await web.blocking(api.new_report, bench.inputs, unit)
    except api.DocgenError as error:
        return await page(request, [("error", str(error))])
    return await page(request, [("ok", f"已新建：{path}。点下面列表中的“{unit}”填写这份报告。")])


async def save_settings(request: Request) -> Response:
    bench = web.bench_of(request)
    posted = SettingsForm.posted(await request.form())
    try:
        current = await web.blocking(api.open_settings, bench.inputs)
        settings = posted.settings(current.model.order)
        saved = await web.blocking(api.save_settings, bench.inputs, settings, posted.version)
    except api.ChangedOnDisk as error:
        return await page(request, settings_form=posted, settings_notices=[("conflict", str(error))])
    except api.DocgenError as error:
        return await page(request, settings_form=posted, settings_notices=[("invalid", f"没有保存：{error}")])
    return await page(request, settings_notices=[("ok", f"已保存汇编设置：{saved.written[0]}")])


async def upload(request: Request) -> Response:
    """The files sent, imported as ``docgen import`` imports them; each file's outcome shown."""
    bench = web.bench_of(request)
    folder = private_folder()
    try:
        received = await received_files(request, folder)
        bench.imported = await web.blocking(import_received, received, bench.inputs)
    except UploadRefused as error:
        return await page(request, [("error", str(error))])
    except api.DocgenError as error:
        return await page(request, [("error", f"没有导入：{error}")])
    finally:
        await web.blocking(remove_folder, folder)
    return await page(request)
