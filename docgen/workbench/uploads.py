"""Files sent from the browser, imported exactly as ``docgen import`` imports them.

The upload is capped before it is read: at most ``MAX_FILES`` files and
``MAX_UPLOAD_BYTES`` in all (counted as the body arrives, whatever its
Content-Length says). Each file is written, under its own name (its folder part
dropped), into a private temporary folder, never more than one byte past the
largest file import reads, and then handed to ``api.import_files``, whose readers
apply their own caps and say why a file is refused.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import Message

from .. import api
from ..fs.tempfolders import new_folder

MAX_FILES = 50
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
_CHUNK = 1024 * 1024
NOTHING_CHOSEN = "没有选择文件：请把文件拖到框里，或点“选择文件”。"
TOO_MANY = f"一次最多导入 {MAX_FILES} 个文件，请分几次导入。"
TOO_LARGE = f"一次上传的文件合计不能超过 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB，请分几次导入。"
DAMAGED = "上传没有完成（连接中断或内容不完整），请再试一次。"
REPLACE_HINT = "确实要用新文件替换，勾选“用新文件替换已经导入过的同一单位的报告”后再导入一次。"


class UploadRefused(Exception):
    """The upload as a whole is refused (too many, too large, incomplete); the message says why."""


@dataclass
class FileResult:
    name: str  # as the user named it
    lines: list[str] = field(default_factory=list)  # what was imported from it (the command's lines)
    refusal: str = ""  # why it was not imported


@dataclass
class Imported:
    files: list[FileResult]
    written: list[Path]


@dataclass
class Received:
    paths: list[Path]
    replace: bool  # the box “用新文件替换……” ticked: import's --force


async def received_files(request: Request, folder: Path) -> Received:
    """The uploaded files of ``request`` written into ``folder``, each in a folder of its own."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_UPLOAD_BYTES:
        raise UploadRefused(TOO_LARGE)
    capped = Request(request.scope, _counted(request.receive))
    try:
        form = await capped.form(max_files=MAX_FILES, max_fields=10)
    except HTTPException as error:
        raise UploadRefused(TOO_MANY if "files" in str(error.detail).lower() else DAMAGED) from None
    uploads = [value for value in form.getlist("files") if isinstance(value, UploadFile) and value.filename]
    if not uploads:
        raise UploadRefused(NOTHING_CHOSEN)
    try:
        paths = [await _written(upload, folder / str(number)) for number, upload in enumerate(uploads, 1)]
    finally:
        await form.close()
    return Received(paths, form.get("replace") == "on")


def import_received(received: Received, inputs: Path) -> Imported:
    """The files imported into ``inputs`` as ``docgen import`` does; each file's outcome by its name."""
    result = api.import_files(received.paths, inputs, force=received.replace)
    refused = {refusal.path: refusal.reason + (REPLACE_HINT if refusal.replaces else "") for refusal in result.refused}
    files = [FileResult(path.name, result.by_file.get(path, []), refused.get(path, "")) for path in received.paths]
    return Imported(files, result.written)


def private_folder() -> Path:
    """A folder for the files of one upload (copies of reports): removed after the import, or
    by the next docgen to start should the workbench be killed meanwhile."""
    return new_folder("upload")


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _counted(receive):
    """``receive`` that refuses a body growing past ``MAX_UPLOAD_BYTES``."""
    received = 0

    async def receiving() -> Message:
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > MAX_UPLOAD_BYTES:
            raise UploadRefused(TOO_LARGE)
        return message

    return receiving


async def _written(upload: UploadFile, folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = folder / _plain_name(upload.filename or "")
    left = api.MAX_IMPORT_BYTES + 1  # past the largest file import reads: its own reader refuses it
    with open(path, "wb") as file:
        while left > 0 and (chunk := await upload.read(min(_CHUNK, left))):
            file.write(chunk)
            left -= len(chunk)
    return path


def _plain_name(filename: str) -> str:
    """The name a browser sent, without any folder part (old browsers send C:\\…\\报告.docx),
    made safe as docgen makes a unit's file name."""
    name = PurePosixPath(PureWindowsPath(filename).name).name.strip()
    suffix = PurePosixPath(name).suffix if len(PurePosixPath(name).suffix) <= 8 else ""
    return api.safe_filename(name[: len(name) - len(suffix)] or "上传的文件", suffix)
