"""A user's ``template.docx``, read as carefully as an imported Word file.

The same caps as import (file size, number of entries, bytes a part unpacks
to) and one on everything unpacked together, so a zip bomb is refused before
python-docx unpacks it; a part with a DOCTYPE is refused (it would otherwise
be copied into every output), and so is a relationship to anything outside
the file (an attached template on a server, a linked picture: Word would fetch
it whenever a volume made with the template is opened); a folder, a device or
a FIFO named template.docx is named as such instead of hanging or failing with
a traceback.
"""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from ..core.model import Origin
from ..errors import InputError
from ..fs.oserror import os_error_text
from ..fs.safe_zip import (
    MAX_DOCX_BYTES,
    MAX_ENTRIES,
    MAX_PART_BYTES,
    UNZIP_ERRORS,
    PartTooLarge,
    declares_doctype,
    read_capped,
)

_MB = 1024 * 1024
_DAMAGED = "模板文件已损坏或不是 Word（.docx）文件"
_BOMB = "解压后超过 {limit} MB，不像是 Word 模板（可能是恶意的“压缩炸弹”），已拒绝使用"
_EXTERNAL_LINKS = {  # the last part of a relationship's type → what Word calls it
    "attachedTemplate": "附加的模板",
    "image": "链接的图片",
    "hyperlink": "超链接",
    "oleObject": "链接的对象",
    "subDocument": "子文档",
    "frame": "框架中的网页",
}
_SHOWN_TARGET = 120  # characters of an external address put in the message


def read_template(path: Path) -> bytes:
    """The template file's bytes, after checking the file and every part in it."""
    data = _read_file(path)
    _check_package(data, path)
    return data


def _read_file(path: Path) -> bytes:
    origin = Origin(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError("这是一个文件夹，不是 Word 模板：模板应是一个 .docx 文件（不改样式时删掉它即可）", origin)
        if not stat.S_ISREG(mode):
            raise InputError("这不是普通文件（可能是设备或管道），不能用作模板", origin)
        with open(path, "rb") as file:
            data = file.read(MAX_DOCX_BYTES + 1)  # stat() may lie (a file that grows)
    except PermissionError:
        raise InputError("没有读取模板文件的权限：请检查文件权限，或关闭正在使用它的程序", origin) from None
    except OSError as exc:
        raise InputError(f"无法读取模板文件（{os_error_text(exc, reading=True)}）", origin) from None
    if len(data) > MAX_DOCX_BYTES:
        raise InputError(f"模板文件超过 {MAX_DOCX_BYTES // _MB} MB，不像是 Word 模板", origin)
    return data


def _check_package(data: bytes, path: Path) -> None:
    origin = Origin(path)
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except UNZIP_ERRORS:
        raise InputError(_DAMAGED, origin) from None
    with package:
        members = package.infolist()
        if len(members) > MAX_ENTRIES:
            raise InputError("模板中的部件多得异常，不像是 Word 文件，已拒绝使用", origin)
        unpacked = 0
        for info in members:
            part = _member(package, info, path)
            unpacked += len(part)
            if unpacked > MAX_DOCX_BYTES:
                raise InputError("模板整体" + _BOMB.format(limit=MAX_DOCX_BYTES // _MB), origin)
            if info.filename.endswith((".xml", ".rels")) and declares_doctype(part):
                raise InputError(
                    f"模板中的 {info.filename} 含有 DOCTYPE 声明（Word 不会这样保存，可能是恶意文件），已拒绝使用", origin
                )
            if info.filename.endswith(".rels"):
                _refuse_external(part, origin)


def _refuse_external(relationships: bytes, origin: Origin) -> None:
    """A relationships part (no DOCTYPE: checked before) naming nothing outside the package."""
    try:
        root = ElementTree.fromstring(relationships)
    except ElementTree.ParseError:
        raise InputError(_DAMAGED, origin) from None
    external = [r for r in root.iter() if r.get("TargetMode", "").lower() == "external"]
    if not external:
        return
    relation = external[0].get("Type", "").rsplit("/", 1)[-1]
    target = external[0].get("Target", "")
    shown = target if len(target) <= _SHOWN_TARGET else target[:_SHOWN_TARGET] + "……"
    more = f"等 {len(external)} 处" if len(external) > 1 else ""
    raise InputError(
        f"模板中有指向文件以外的链接（{_EXTERNAL_LINKS.get(relation, relation)}：{shown}）{more}，"
        "用它生成的文件每次在 Word 中打开都会去访问这个地址，已拒绝使用。"
        "请在 Word 中去掉这个链接后重新保存模板（附加的模板在“开发工具 → 文档模板”中删去，链接的图片改为插入的图片）",
        origin,
    )


def _member(package: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    try:
        return read_capped(package, info)
    except PartTooLarge:
        raise InputError(f"模板中的 {info.filename} " + _BOMB.format(limit=MAX_PART_BYTES // _MB), Origin(path)) from None
    except RuntimeError:
        raise InputError("模板文件加了密码，请在 Word 中去掉密码后再使用", Origin(path)) from None
    except UNZIP_ERRORS:
        raise InputError(_DAMAGED, Origin(path)) from None
