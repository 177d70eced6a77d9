"""argparse's own words in Chinese: usage, section titles, its error messages.

argparse passes every text it shows through ``gettext`` (its module-level ``_``
and ``ngettext``). A ``.mo`` catalogue would follow the user's locale, which a
Chinese Windows console does not announce, so the table is installed directly,
and only while docgen's own command line is built and parsed: a program that
imports docgen as a library keeps argparse as it was.

The keys are argparse's message ids of Python 3.10 to 3.14 (the test suite
checks that every id of the running Python is here).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

MESSAGES = {
    # help
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "subcommands": "命令",
    "%(heading)s:": "%(heading)s:",  # Python 3.14; earlier versions write the colon themselves
    "show this help message and exit": "显示这段帮助后退出",
    "show program's version number and exit": "显示版本号后退出",
    # what the user typed wrong
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "the following arguments are required: %s": "缺少参数：%s",
    "one of the arguments %s is required": "要写 %s 中的一个",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "ignored explicit argument %r": "这个选项后面不能跟值（写了“%s”）",
    "expected one argument": "后面要跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少要跟一个值",
    "expected %s argument": "后面要跟 %s 个值",
    "expected %s arguments": "后面要跟 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "unexpected option string: %s": "无法识别的选项：%s",
    "invalid %(type)s value: %(value)r": "无法理解“%(value)s”",
    "invalid choice: %(value)r (choose from %(choices)s)": "没有“%(value)s”，可选的有：%(choices)s",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "没有“%(value)s”，是不是要写 %(closest)s？可选的有：%(choices)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有“%(parser_name)s”这个命令，可选的有：%(choices)s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    'argument "-" with mode %r': "“-”不能以 %r 方式打开",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s：提醒：%(message)s\n",
    "option '%(option)s' is deprecated": "选项 %(option)s 已不再使用",
    "argument '%(argument_name)s' is deprecated": "参数 %(argument_name)s 已不再使用",
    "command '%(parser_name)s' is deprecated": "命令 %(parser_name)s 已不再使用",
    # mistakes in a program's own parser (never docgen's users')
    ".__call__() not defined": ".__call__() 没有定义",
    "conflicting subparser: %s": "命令重复：%s",
    "conflicting subparser alias: %s": "命令的别名重复：%s",
    "cannot merge actions - two groups are named %r": "无法合并：两组参数都叫 %r",
    "'required' is an invalid argument for positionals": "参数不能设置 required",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r":
        "选项 %(option)r 无效：必须以 %(prefix_chars)r 中的字符开头",
    "dest= is required for options like %r": "%r 这样的选项必须写 dest=",
    "invalid conflict_resolution value: %r": "conflict_resolution 的值无效：%r",
    "conflicting option string: %s": "选项重复：%s",
    "conflicting option strings: %s": "选项重复：%s",
    "mutually exclusive arguments must be optional": "互斥的参数必须是选项",
    "cannot have multiple subparser arguments": "只能有一组命令",
    "%r is not callable": "%r 不能调用",
}


def gettext(message: str | None) -> str | None:
    """``message`` in Chinese; a text not in the table (one of docgen's own) as it is."""
    return MESSAGES.get(message, message) if message is not None else None


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


@contextmanager
def chinese_argparse() -> Iterator[None]:
    """argparse speaks Chinese inside the ``with`` block (parsers made and used there)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = gettext, ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved
