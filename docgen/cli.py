"""The ``docgen`` command: build, validate, new.

Exit codes: 0 done, 1 input errors, 2 usage errors. Every error a user can
cause ends in a Chinese message, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .api import build, import_files, new_report
from .check import check_volume, listing_lines, summary_line
from .errors import DocgenError, InternalError, UsageError
from .readers.yaml_reader import load_inputs

DEFAULT_INPUTS = Path("inputs")
DEFAULT_OUT = Path("outputs")
_LISTED_REPORTS = 50  # a longer 目录 is not worth printing
SUMMARY_HINT = "各社区的问题可汇总为问题清单和共性问题分析：运行 docgen summary"

_ARGPARSE_MESSAGES = (
    ("the following arguments are required", "缺少参数"),
    ("unrecognized arguments", "不认识的参数"),
    ("invalid choice", "没有这个命令或选项"),
    ("expected one argument", "这个选项后面要跟一个值"),
)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示这段帮助")

    def error(self, message: str):  # argparse's own messages are English
        for english, chinese in _ARGPARSE_MESSAGES:
            message = message.replace(english, chinese)
        raise UsageError(f"命令用法错误：{message}\n{self.format_usage().strip()}\n运行 docgen --help 查看用法")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="docgen", description="把 YAML 写成的基层党建报告生成 Word 文件，并汇编成册（含目录）。")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    build_cmd = commands.add_parser("build", help="生成每份报告的 Word 文件和汇编")
    build_cmd.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS, help="输入文件夹（默认 inputs/）")
    build_cmd.add_argument("--out", type=Path, default=DEFAULT_OUT, help="输出文件夹（默认 outputs/）")
    build_cmd.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成每份报告和汇编的 PDF")
    build_cmd.add_argument("--verify", action="store_true", help="用 LibreOffice 排版汇编，核对目录页码，不一致时报错")
    build_cmd.add_argument("--exact", action="store_true", help="用 LibreOffice 排版汇编，把实际页码写入目录")

    validate_cmd = commands.add_parser("validate", help="只检查输入文件，不生成")
    validate_cmd.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS, help="输入文件夹（默认 inputs/）")

    check_cmd = commands.add_parser("check", help="检查报告内容：占位符、半角标点、引号括号、重复段落、空内容、过长标题")
    check_cmd.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS, help="输入文件夹（默认 inputs/）")
    check_cmd.add_argument("--strict", action="store_true", help="发现任何问题时以退出码 1 结束（供自动检查使用）")

    import_cmd = commands.add_parser("import", help="把 Word（.docx、.doc）、WPS、RTF、ODT 或文本（.txt、.md）报告导入为 YAML")
    import_cmd.add_argument("files", nargs="+", type=Path, metavar="文件", help="要导入的文件或文件夹，可写多个；汇编（含目录）也可以")
    import_cmd.add_argument("--out", type=Path, default=DEFAULT_INPUTS, help="YAML 写到哪个文件夹（默认 inputs/）")
    import_cmd.add_argument("--force", action="store_true", help="用新文件替换已经导入过的同一单位的 YAML（默认不替换，并报告重复）")

    preview_cmd = commands.add_parser("preview", help="用 LibreOffice 把汇编或一份报告的各页生成 PNG 图片")
    preview_cmd.add_argument("name", nargs="?", metavar="单位名称", help="只看这份报告（默认看整本汇编）")
    preview_cmd.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS, help="输入文件夹（默认 inputs/）")
    preview_cmd.add_argument("--out", type=Path, default=DEFAULT_OUT, help="图片写到这里的 preview/ 中（默认 outputs/）")
    preview_cmd.add_argument("--dpi", type=int, default=72, help="图片分辨率（默认 72）")

    summary_cmd = commands.add_parser("summary", help="汇总各社区的问题：问题清单（Excel）和共性问题分析（Word）")
    summary_cmd.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS, help="输入文件夹（默认 inputs/）")
    summary_cmd.add_argument("--out", type=Path, default=DEFAULT_OUT, help="输出文件夹（默认 outputs/）")
    summary_cmd.add_argument("--previous", type=Path, metavar="去年的inputs文件夹", help="与上年的输入对照，标出连续两年提出的问题")
    summary_cmd.add_argument("--keep", type=Path, metavar="旧问题清单.xlsx", help="把旧问题清单中已填写的整改措施、责任人、完成时限带入新清单")
    summary_cmd.add_argument("--force", action="store_true", help="已有的问题清单中填写了内容时，也用新清单替换它")

    new_cmd = commands.add_parser("new", help="新建一份带说明的报告 YAML")
    new_cmd.add_argument("name", metavar="单位名称", help="报告的单位名称，也是文件名")
    new_cmd.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS, help="写到哪个文件夹（默认 inputs/）")
    return parser


def main(argv: list[str] | None = None) -> int:
    _utf8_console()
    unraisable_hook = sys.unraisablehook
    try:
        return _run(argv)
    finally:
        sys.unraisablehook = unraisable_hook


def _run(argv: list[str] | None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command is None:
            _parser().print_help()
            return 2
        return _COMMANDS[args.command](args)
    except DocgenError as error:
        for note in error.notes:
            print(f"提醒：{note}", file=sys.stderr)
        print(f"错误：{error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return _interrupted()
    except BrokenPipeError:
        # Whoever read our output stopped early (docgen … | head): nothing went wrong here.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
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
    print("已中断，输出文件保持原样。", file=sys.stderr)
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
    if args.pdf or args.verify or args.exact:
        print("生成后将用 LibreOffice 排版 …", file=sys.stderr, flush=True)
    result = build(args.inputs, args.out, pdf=args.pdf, verify=args.verify, exact=args.exact, progress=_progress_printer())
    _print_recovered(result.recovered)
    _print_warnings(result.warnings)
    print(summary_line(result.findings))
    _print_rendered(args, result)
    _print_removed(result.removed)
    print(f"已生成 {len(result.report_paths)} 份报告和汇编：{result.volume_path}")
    if len(result.report_paths) > _LISTED_REPORTS:
        print(f"目录共 {len(result.report_paths)} 项，见汇编开头。")
        print(SUMMARY_HINT)
        return 0
    for report, page in zip(result.volume.reports, result.start_pages):
        print(f"  第 {page} 页  {report.unit}")
    print(SUMMARY_HINT)
    return 0


def _print_rendered(args, result) -> None:
    if result.pdf_paths:
        print(f"已生成 {len(result.pdf_paths)} 个 PDF，在 {args.out}")
    if result.mismatches:
        print(f"已按 LibreOffice 的排版改写目录中 {len(result.mismatches)} 处页码。")
    elif result.rendered:
        print("目录页码与 LibreOffice 的排版一致。")


def _preview(args) -> int:
    from .renderer.preview import preview

    print("正在用 LibreOffice 排版 …", file=sys.stderr, flush=True)
    for path in preview(args.inputs, args.out, args.name, args.dpi):
        print(path)
    return 0


def _validate(args) -> int:
    loaded = load_inputs(args.inputs)
    _print_warnings(loaded.warnings)
    count = len(loaded.volume.reports)
    print(f"检查通过：{args.inputs} 中共 {count} 份报告。")
    return 0


def _check(args) -> int:
    loaded = load_inputs(args.inputs)
    _print_warnings(loaded.warnings)
    findings = check_volume(loaded.volume)
    print("\n".join(listing_lines(findings)))
    return 1 if args.strict and findings else 0


def _summary(args) -> int:
    from .ledger import summary

    result = summary(args.inputs, args.out, previous=args.previous, keep=args.keep, force=args.force)
    _print_warnings(result.warnings)
    ledger = result.ledger
    print(f"已生成问题清单（{len(ledger.rows)} 条问题）：{result.ledger_path}")
    print(f"已生成共性问题分析（{len(ledger.groups)} 类共性问题）：{result.analysis_path}")
    if ledger.compared_with_previous:
        again = sum(1 for row in ledger.rows if row.raised_before)
        print(f"与上年对照：{again} 条问题连续两年提出。")
    if args.keep is not None:
        kept = sum(1 for row in ledger.rows if row.filled_in)
        print(f"已从 {args.keep} 带入 {kept} 行已填写的整改措施、责任人、完成时限。")
    return 0


def _new(args) -> int:
    path = new_report(args.inputs, args.name)
    print(f"已新建：{path}\n用记事本打开它，按注释填写，然后运行 docgen build。")
    return 0


def _import(args) -> int:
    result = import_files(args.files, args.out, force=args.force)
    if result.summary:
        print("\n".join(result.summary))
    for refusal in result.refused:
        print(f"错误：{refusal}", file=sys.stderr)
    if result.refused:
        print(f"以上 {len(result.refused)} 个文件没有导入（其中的内容一点也没有写入）；其余文件已导入。", file=sys.stderr)
        return 1
    return 0


_COMMANDS = {
    "build": _build,
    "preview": _preview,
    "validate": _validate,
    "check": _check,
    "import": _import,
    "summary": _summary,
    "new": _new,
}


def _print_recovered(recovered: str | None) -> None:
    if recovered:
        print(f"提醒：{recovered}", file=sys.stderr)


def _print_removed(removed: list[Path]) -> None:
    if removed:
        print(f"已删除 docgen 以前生成、这次不再生成的 {len(removed)} 个文件：")
        print("\n".join(f"  {path}" for path in removed[:_LISTED_REPORTS]))
        if len(removed) > _LISTED_REPORTS:
            print(f"  …… 等 {len(removed)} 个")


def _print_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"提醒：{warning}", file=sys.stderr)


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


def _utf8_console() -> None:
    # A Chinese Windows console defaults to GBK; print what it cannot show as ? rather than crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


if __name__ == "__main__":
    sys.exit(main())
