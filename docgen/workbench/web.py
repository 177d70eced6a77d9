"""What every page of the workbench shares: the folders and running work (``Bench``),
the templates, and running docgen's API off the event loop."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from .. import api
from .jobs import Jobs
from .uploads import Imported

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["q"] = lambda text: quote(str(text), safe="")
templates.env.filters["qp"] = lambda path: quote(str(path), safe="/")
templates.env.filters["said"] = lambda finding: api.said(finding)
templates.env.filters["rows"] = lambda text, least=2: rows_for(text, least)
templates.env.globals["kind_name"] = lambda finding: api.KIND_NAMES.get(finding.kind, "提醒")


def rows_for(text: str, least: int = 2, most: int = 14, columns: int = 72) -> int:
    """The rows a textarea needs to show ``text`` whole (up to ``most``)."""
    lines = sum(1 + len(line) // columns for line in text.split("\n")) if text else 0
    return max(least, min(most, lines))


@dataclass
class Bench:
    """The folders the workbench works on, and its running work."""

    inputs: Path
    out: Path
    jobs: Jobs = field(default_factory=Jobs)
    imported: Imported | None = None  # the last upload's outcome, shown on the home page
    pdf: bool | None = None  # whether the last build made PDFs: the next one is offered the same


def bench_of(request: Request) -> Bench:
    return request.app.state.bench


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    bench = bench_of(request)
    context.setdefault("notices", [])
    return templates.TemplateResponse(
        request, template, {"inputs": bench.inputs, "out": bench.out, **context}, status_code=status_code
    )


async def blocking(function, *args, **kwargs):
    """``function`` run off the event loop: docgen's API reads and writes files."""
    return await run_in_threadpool(function, *args, **kwargs)
