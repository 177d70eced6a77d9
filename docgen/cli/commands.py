"""The ``docgen`` command: runs what the command line asks (``grammar``) and prints.

Exit codes: 0 done, 1 input errors, 2 usage errors. Every error a user can
cause ends in a Chinese message, never a traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..api import build, check, import_files, init_inputs, new_report, preview, summary, validate
from ..core.findings import Finding, said
from ..errors import DocgenError, EnvironmentProblem, InternalError
from ..fs.tempfolders import remove_stale_folders
from .console import missing_package_text, utf8_console
from .grammar import DEFAULT_INPUTS, DEFAULT_OUT, HelpShown, parse

_LISTED_REPORTS = 50  # a longer 目录 is not worth printing
SUMMARY_HINT = "各社区的问题可汇总为问题清单和共性问题分析：运行 docgen summary"

def main(argv: list[str] | None = None) -> int:
    utf8_console()
    unraisable_hook = sys.unraisablehook
    try:
        with _ended_like_ctrl_c():
            return _run(argv)
    finally:
        sys.unraisablehook = unraisable_hook


class Terminated(KeyboardInterrupt):
    """docgen was asked to end (SIGTERM: ``kill``, a shutdown; SIGHUP: the terminal closed)."""


@contextmanager
def _ended_like_ctrl_c() -> Iterator[None]:
    """SIGTERM and SIGHUP end a command as Ctrl-C does: what it was writing is undone, the
    previous outputs stay, its workers and LibreOffice are ended, 已中断 is said. Left as they
    are where someone set them otherwise (``nohup`` ignores SIGHUP)."""
    names = ("SIGTERM", "SIGHUP")
    numbers = [getattr(signal, name) for name in names if hasattr(signal, name)]
    try:
        installed = {number: signal.getsignal(number) for number in numbers if signal.getsignal(number) == signal.SIG_DFL}
        for number in installed:
            signal.signal(number, _terminate)
    except ValueError:  # not the main thread: signals are not ours to handle
        installed = {}
    try:
        yield
    finally:
        for number, handler in installed.items():
            signal.signal(number, handler)


def _terminate(number: int, frame) -> None:
    raise Terminated


def _run(argv: list[str] | None) -> int:
    try:
        args = parse(argv)
        remove_stale_folders()  # what a docgen killed outright left in the temporary folder
        return _COMMANDS[args.command](args)
    except HelpShown as shown:
        return shown.status
    except DocgenError as error:
        _print_warnings(error.notes)
        print(f"错误：{error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return _interrupted()
    except BrokenPipeError:
        # Whoever read our output stopped early (docgen … | head): nothing went wrong here.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except ModuleNotFoundError as error:
        if os.environ.get("DOCGEN_DEBUG"):
            raise
        # A .venv from before an update that added a dependency: the machine, not docgen.
        problem = EnvironmentProblem(missing_package_text(error))
        print(f"错误：{problem}", file=sys.stderr)
        return problem.exit_code
    except Exception as error:
        if _raised_by_an_interrupt(error):
            return _interrupted()
        if os.environ.get("DOCGEN_DEBUG"):
            raise
        # docgen's own fault: say so, no traceback unless asked for
        fault = InternalError(f"程序内部出错（{type(error).__name__}: {error}）。设置环境变量 DOCGEN_DEBUG=1 再运行可看到详细信息。")
        print(f"错误：{fault}", file=sys.stderr)
        return fault.exit_code


def _interrupted() -> int:
    try:
        print("已中断，输出文件保持原样。", file=sys.stderr)
    except OSError:  # the terminal that would show it is gone (SIGHUP)
        pass
    # What Ctrl-C cut short (a half-written zip) complains as it is thrown away: not the user's concern.
    sys.unraisablehook = lambda unraisable: None
    return 1


def _raised_by_an_interrupt(error: BaseException | None) -> bool:
    """Whether ``error`` came of cleaning up after Ctrl-C (zipfile raises its own error then)."""
    while error is not None:
        if isinstance(error, KeyboardInterrupt):
            return True
        error = error.__context__
    return False


def _build(args) -> int:
    from ..checks import summary_line

    if args.pdf or args.verify or args.exact:
        print("生成后将用 LibreOffice 排版 …", file=sys.stderr, flush=True)
    result = build(args.inputs, args.out, pdf=args.pdf, verify=args.verify, exact=args.exact, progress=_progress_printer())
    _print_warnings([*result.folder_notes, *result.warnings])
    # The commands suggested name the folders of this build: plain `docgen check` would look at the samples.
    inputs = "" if args.inputs == DEFAULT_INPUTS else f" --inputs {_typed(args.inputs)}"
    out = "" if args.out == DEFAULT_OUT else f" --out {_typed(args.out)}"
    summary_hint = SUMMARY_HINT + inputs + out
    print(summary_line(result.findings, "docgen check" + inputs))
    _print_rendered(args, result)
    _print_removed(result.removed)
    if not args.pdf and any(path.suffix == ".pdf" for path in result.removed):
        print(f"  （其中的 PDF 对应的 Word 文件这次有改动，旧 PDF 已删除；Word 文件没有改动的报告，PDF 保留。要新的 PDF：docgen build{inputs}{out} --pdf）")
    print(f"已生成 {len(result.report_paths)} 份报告和汇编：{result.volume_path}")
    if len(result.report_paths) > _LISTED_REPORTS:
        print(f"目录共 {len(result.report_paths)} 项，见汇编开头。")
        print(summary_hint)
        return 0
    for report, page in zip(result.volume.reports, result.start_pages):
        print(f"  第 {page} 页  {report.unit}")
    print(summary_hint)
    return 0


def _print_rendered(args, result) -> None:
    if result.pdf_paths:
        print(f"已生成 {len(result.pdf_paths)} 个 PDF，在 {args.out}")
    if result.mismatches:
        print(f"已按 LibreOffice 的排版改写目录中 {len(result.mismatches)} 处页码。")
    elif result.rendered:
        print("目录页码与 LibreOffice 的排版一致。")


def _preview(args) -> int:
    print("正在用 LibreOffice 排版 …", file=sys.stderr, flush=True)
    for path in preview(args.inputs, args.out, args.name, args.dpi):
        print(path)
    return 0


def _validate(args) -> int:
    loaded = validate(args.inputs)
    _print_warnings(loaded.warnings)
    count = len(loaded.volume.reports)
    print(f"检查通过：共 {count} 份报告（{args.inputs}）。")
    return 0


def _check(args) -> int:
    from ..checks import listing_lines

    loaded = validate(args.inputs)
    _print_warnings(loaded.warnings)
    findings = check(loaded.volume)
    print("\n".join(listing_lines(findings)))
    return 1 if args.strict and findings else 0


def _summary(args) -> int:
    if args.pdf:
        print("生成后将用 LibreOffice 另存 PDF …", file=sys.stderr, flush=True)
    result = summary(args.inputs, args.out, previous=args.previous, keep=args.keep, force=args.force, pdf=args.pdf)
    _print_warnings([*result.folder_notes, *result.warnings])
    ledger = result.ledger
    print(f"已生成问题清单（{len(ledger.rows)} 条问题）：{result.ledger_path}")
    print(f"已生成共性问题分析（{len(ledger.groups)} 类共性问题）：{result.analysis_path}")
    if ledger.compared_with_previous:
        again = sum(1 for row in ledger.rows if row.raised_before)
        print(f"与上年对照：{again} 条问题连续两年提出。")
    if args.keep is not None:
        kept = sum(1 for row in ledger.rows if row.filled_in)
        print(f"已从 {args.keep} 带入 {kept} 行已填写的整改措施、责任人、完成时限。")
    for path in result.pdf_paths:
        print(f"已生成 PDF：{path}")
    return 0


def _new(args) -> int:
    path = new_report(args.inputs, args.name)
    build_command = "docgen build" if args.inputs == DEFAULT_INPUTS else f"docgen build --inputs {_typed(args.inputs)}"
    print(f"已新建：{path}\n用记事本打开它，按注释填写，然后运行 {build_command}。")
    return 0


def _init(args) -> int:
    made = init_inputs(args.folder, force=args.force)
    folder = _typed(args.folder)
    replaced = "（替换了原有的 volume.yaml）" if made.replaced else ""
    done = f"已新建输入文件夹：{args.folder}" if made.folder_made else f"已在文件夹“{args.folder}”里写入 volume.yaml"
    print(f"{done}\n  {made.settings_path}  汇编设置，每一项都有说明{replaced}")
    print("接下来：")
    print(f"  1. 为每个社区新建一份报告：docgen new 单位名称 --inputs {folder}")
    print(f"     或导入社区发来的 Word 文件：docgen import 收到的报告 --out {folder}")
    print(f"  2. 生成汇编：docgen build --inputs {folder} --out 输出文件夹")
    return 0


def _typed(path: Path) -> str:
    """``path`` as it would be typed in a command (quoted when it holds a space)."""
    text = str(path)
    return f'"{text}"' if any(char.isspace() for char in text) else text


def _import(args) -> int:
    result = import_files(args.files, args.out, force=args.force)
    _print_warnings(result.folder_notes)
    if result.summary:
        print("\n".join(result.summary))
    for refusal in result.refused:
        print(f"错误：{refusal}", file=sys.stderr)
    if result.refused:
        rest = "；其余文件已导入" if result.written else ""
        print(f"以上 {len(result.refused)} 个文件没有导入（其中的内容一点也没有写入）{rest}。", file=sys.stderr)
        return 1
    return 0


def _serve(args) -> int:
    from ..workbench.server import serve  # the web server's packages only for this command

    return serve(args.inputs, args.out, port=args.port, open_browser=not args.no_browser)


_COMMANDS = {
    "build": _build,
    "preview": _preview,
    "validate": _validate,
    "check": _check,
    "import": _import,
    "summary": _summary,
    "new": _new,
    "init": _init,
    "serve": _serve,
}


def _print_removed(removed: list[Path]) -> None:
    if removed:
        print(f"已删除 docgen 以前生成、这次不再生成的 {len(removed)} 个文件：")
        print("\n".join(f"  {path}" for path in removed[:_LISTED_REPORTS]))
        if len(removed) > _LISTED_REPORTS:
            print(f"  …… 等 {len(removed)} 个")


def _print_warnings(warnings: list[Finding]) -> None:
    for warning in warnings:
        print(f"提醒：{said(warning)}", file=sys.stderr)


def _progress_printer():
    interactive = sys.stderr.isatty()
    last_step = [-1]

    def show(done: int, total: int) -> None:
        if interactive:
            end = "\n" if done == total else ""
            print(f"\r正在生成 {done}/{total} …", end=end, file=sys.stderr, flush=True)
            return
        step = done * 10 // total  # one line each tenth when the output is a log
        if step != last_step[0]:
            last_step[0] = step
            print(f"正在生成 {done}/{total}", file=sys.stderr)

    return show


if __name__ == "__main__":
    sys.exit(main())
