"""docgen's own records in an output folder — the journal of an interrupted write, the
manifest of its files, the lock — planted or damaged: docgen touches nothing outside the
folder and nothing of the user's inside it, ignores what it cannot trust and says so
(a Chinese warning), and says when it recovers from a real interrupted write."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

from docgen.cli.commands import main
from docgen.fs.filenames import JOURNAL_FILE, MANIFEST_FILE
from docgen.fs.publish import Publication
from support.write_helpers import leftovers, snapshot, write_inputs

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")

_STAGING, _BACKUP = ".docgen-new-0123456789ab", ".docgen-old-0123456789ab"
_USERS_NOTE = "我的笔记.txt"  # the user's own file in the output folder
_REPORT_TEXT = "基层党建亮点工作及存在问题\n一、亮点工作\n1.甲项工作。正文。\n二、存在问题\n1.乙问题。\n"


@pytest.fixture
def place(tmp_path):
    """A folder of someone else's files beside the output folder, which holds a file of the
    user's own: (the output folder, the other folder)."""
    victim = tmp_path / "别人的文件夹"
    (victim / "sub").mkdir(parents=True)
    (victim / "论文.docx").write_bytes(b"thesis")
    (victim / "sub" / "x.txt").write_text("别人的文件", encoding="utf-8")
    (tmp_path / "victim.txt").write_text("文件夹外的文件", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / _USERS_NOTE).write_text("用户自己的文件", encoding="utf-8")
    return out, victim


def _outside(tmp_path: Path, out: Path) -> dict[str, bytes]:
    """Every file under ``tmp_path`` but those in the output folder."""
    return {name: data for name, data in snapshot(tmp_path).items() if not name.startswith(out.name + "/")}


def _command(kind: str, tmp_path: Path, out: Path) -> list[str]:
    """``docgen build``, ``summary`` or ``import`` writing into ``out``."""
    inputs = write_inputs(tmp_path / "inputs")
    if kind == "build":
        return ["build", "--inputs", str(inputs), "--out", str(out)]
    if kind == "summary":
        return ["summary", "--inputs", str(inputs), "--out", str(out)]
    report = tmp_path / "收到" / "丙社区.txt"
    report.parent.mkdir(exist_ok=True)
    report.write_text(_REPORT_TEXT, encoding="utf-8")
    return ["import", str(report), "--out", str(out), "--force"]  # --force: run again and again


def _run(capsys, argv: list[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(argv)
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert "Traceback" not in said and "程序内部出错" not in said, said
    return code, captured.err


def _journal(out: Path, journal) -> None:
    (out / JOURNAL_FILE).write_text(json.dumps(journal, ensure_ascii=False), encoding="utf-8")


def _checksum(path: Path) -> dict:
    data = path.read_bytes()
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


# --- the journal ------------------------------------------------------------------------------

_STEP = {"new": True, "old": False}


def _planted_journals(tmp_path: Path, out: Path, victim: Path) -> dict[str, object]:
    """Journals an attacker (or a broken disk) may leave, each by what it tries."""
    outside_file = tmp_path / "victim.txt"
    return {
        "backup outside": {"staging": "s", "backup": str(victim), "steps": [], "state": "replacing"},
        "backup the folder itself": {"staging": "s", "backup": ".", "steps": [], "state": "replacing"},
        "staging outside": {"staging": str(victim), "backup": _BACKUP, "steps": [], "state": "done"},
        "step up and out": {
            "staging": _STAGING, "backup": _BACKUP, "state": "replacing",
            "steps": [{"name": "../victim.txt", **_STEP, **_checksum(outside_file)}],
        },
        "absolute step": {
            "staging": _STAGING, "backup": _BACKUP, "state": "replacing",
            "steps": [{"name": str(outside_file), **_STEP, **_checksum(outside_file)}],
        },
        "steps null": {"staging": _STAGING, "backup": _BACKUP, "steps": None, "state": "replacing"},
        "a step null": {"staging": _STAGING, "backup": _BACKUP, "steps": [None], "state": "replacing"},
        "a step without its flags": {"staging": _STAGING, "backup": _BACKUP, "steps": [{"name": "a"}], "state": "replacing"},
        "a step of the wrong kind": {"staging": _STAGING, "backup": _BACKUP, "steps": [["a", True]], "state": "replacing"},
        "no state": {"staging": _STAGING, "backup": _BACKUP, "steps": []},
        "not a journal at all": [1, 2, 3],
    }


@pytest.mark.parametrize("kind", ["build", "summary", "import"])
def test_a_planted_journal_touches_nothing_and_is_reported_as_ignored(tmp_path, capsys, place, kind):
    out, victim = place
    argv = _command(kind, tmp_path, out)
    for what, journal in _planted_journals(tmp_path, out, victim).items():
        _journal(out, journal)
        outside, note = _outside(tmp_path, out), (out / _USERS_NOTE).read_bytes()
        code, err = _run(capsys, argv)
        assert code == 0, (what, err)
        assert _outside(tmp_path, out) == outside, what
        assert (out / _USERS_NOTE).read_bytes() == note, what
        assert f"提醒：{out / JOURNAL_FILE}：" in err and "不可信" in err and "已忽略" in err, (what, err)
        assert leftovers(out) == [], what


def test_a_journal_that_is_no_json_is_ignored_and_said(tmp_path, capsys, place):
    out, _ = place
    (out / JOURNAL_FILE).write_bytes(b"\xff\xfe{not json")
    code, err = _run(capsys, _command("build", tmp_path, out))
    assert code == 0 and "不可信" in err and "已忽略" in err


def test_a_journal_through_a_link_moves_nothing_in_from_outside(tmp_path, capsys, place):
    out, victim = place
    argv = _command("build", tmp_path, out)
    outside = _outside(tmp_path, out)
    (out / _BACKUP).symlink_to(victim)  # the backup folder a link to someone else's files
    _journal(out, {"staging": _STAGING, "backup": _BACKUP, "state": "replacing",
                   "steps": [{"name": "论文.docx", "new": False, "old": True}]})
    code, err = _run(capsys, argv)
    assert code == 0 and "不可信" in err
    assert _outside(tmp_path, out) == outside and not (out / "论文.docx").exists()
    assert os.path.islink(out / _BACKUP) is False  # the planted link is gone, its target is not
    assert (victim / "论文.docx").read_bytes() == b"thesis"


def test_a_link_inside_the_backup_folder_moves_nothing_in_from_outside(tmp_path, capsys, place):
    out, victim = place
    argv = _command("build", tmp_path, out)
    outside = _outside(tmp_path, out)
    (out / _BACKUP).mkdir()
    (out / _BACKUP / "sub").symlink_to(victim / "sub")
    _journal(out, {"staging": _STAGING, "backup": _BACKUP, "state": "replacing",
                   "steps": [{"name": "sub/x.txt", "new": False, "old": True}]})
    code, err = _run(capsys, argv)
    assert code == 0 and "不可信" in err
    assert _outside(tmp_path, out) == outside and not (out / "sub").exists()


def test_a_step_through_a_linked_folder_deletes_nothing_behind_it(tmp_path, capsys, place):
    out, victim = place
    argv = _command("build", tmp_path, out)
    outside = _outside(tmp_path, out)
    (out / "sub").symlink_to(victim / "sub")
    _journal(out, {"staging": _STAGING, "backup": _BACKUP, "state": "replacing",
                   "steps": [{"name": "sub/x.txt", **_STEP, **_checksum(victim / "sub" / "x.txt")}]})
    code, err = _run(capsys, argv)
    assert code == 0 and "不可信" in err
    assert _outside(tmp_path, out) == outside


def test_a_journal_naming_a_file_of_the_users_with_no_checksum_leaves_it(tmp_path, capsys, place):
    """Only a file exactly as the interrupted run placed it is taken away by the rollback."""
    out, _ = place
    _journal(out, {"staging": _STAGING, "backup": _BACKUP, "state": "replacing", "steps": [{"name": _USERS_NOTE, **_STEP}]})
    code, _ = _run(capsys, _command("build", tmp_path, out))
    assert code == 0
    assert (out / _USERS_NOTE).read_text(encoding="utf-8") == "用户自己的文件"


@pytest.mark.parametrize("kind", ["build", "summary", "import"])
def test_every_writing_command_says_when_it_recovers_an_interrupted_write(tmp_path, capsys, kind):
    out = tmp_path / "out"
    out.mkdir()
    (out / _BACKUP).mkdir()
    (out / _BACKUP / "旧文件.docx").write_bytes(b"old")  # moved aside by the interrupted run
    _journal(out, {"staging": _STAGING, "backup": _BACKUP, "state": "replacing",
                   "steps": [{"name": "旧文件.docx", "new": True, "old": True}]})
    code, err = _run(capsys, _command(kind, tmp_path, out))
    assert code == 0, err
    assert f"提醒：{out}：上次写入这个文件夹时被中断，已恢复为那次写入之前的全部文件。" in err
    assert (out / "旧文件.docx").read_bytes() == b"old"
    assert leftovers(out) == []


def test_a_recovery_is_said_even_when_the_command_then_fails(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    _journal(out, {"staging": _STAGING, "backup": _BACKUP, "state": "replacing", "steps": []})
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "坏.yaml").write_text("unit: [\n", encoding="utf-8")
    code, err = _run(capsys, ["build", "--inputs", str(broken), "--out", str(out)])
    assert code == 1 and "已恢复为那次写入之前的全部文件" in err


# --- the manifest -----------------------------------------------------------------------------


def _manifest(out: Path, files: dict[str, Path]) -> None:
    entries = {name: _checksum(path) for name, path in files.items()}
    (out / MANIFEST_FILE).write_text(json.dumps({"version": 1, "files": entries}, ensure_ascii=False), encoding="utf-8")


def test_a_manifest_entry_through_a_link_or_out_of_the_folder_removes_nothing(tmp_path, capsys, place):
    out, victim = place
    (out / "lnk").symlink_to(victim)
    _manifest(out, {"lnk/论文.docx": victim / "论文.docx", "../victim.txt": tmp_path / "victim.txt",
                    str(tmp_path / "victim.txt"): tmp_path / "victim.txt"})
    argv = _command("build", tmp_path, out)
    outside = _outside(tmp_path, out)
    code, err = _run(capsys, argv)
    assert code == 0
    assert _outside(tmp_path, out) == outside
    assert not (out / "victim.txt").exists() and (out / "lnk").is_symlink()
    assert f"提醒：{out / MANIFEST_FILE}：" in err and "lnk/论文.docx" in err and "../victim.txt" in err
    assert "已忽略" in err
    recorded = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))["files"]
    assert not any("论文" in name or "victim" in name for name in recorded)  # said once, then forgotten
    code, err = _run(capsys, argv)
    assert code == 0 and "已忽略" not in err


def test_a_recorded_output_replaced_by_a_link_is_not_followed(tmp_path, capsys, place):
    out, victim = place
    argv = _command("build", tmp_path, out)
    assert _run(capsys, argv)[0] == 0
    write_inputs(tmp_path / "inputs", ("甲社区",))  # 乙社区 and 丁社区 now stale
    stale = out / "乙社区.docx"
    (victim / "乙社区.docx").write_bytes(stale.read_bytes())  # the same bytes, elsewhere
    stale.unlink()
    stale.symlink_to(victim / "乙社区.docx")
    outside = _outside(tmp_path, out)
    assert _run(capsys, argv)[0] == 0
    assert _outside(tmp_path, out) == outside
    assert stale.is_symlink()  # not docgen's file any more: left as it is


# --- the lock and the staging ----------------------------------------------------------------


def test_the_lock_never_follows_a_link(tmp_path, capsys, place):
    out, victim = place
    target = victim / "被创建的文件"
    (out / ".docgen.lock").symlink_to(target)
    existing = victim / "论文.docx"
    code, err = _run(capsys, _command("build", tmp_path, out))
    assert code == 0, err
    assert not target.exists()
    (out / ".docgen.lock").symlink_to(existing)
    mode = existing.stat().st_mode
    assert _run(capsys, _command("build", tmp_path, out))[0] == 0
    assert existing.read_bytes() == b"thesis" and existing.stat().st_mode == mode
    assert leftovers(out) == []


def test_a_linked_folder_in_the_output_is_never_written_through(tmp_path, place):
    out, victim = place
    (out / "sub").symlink_to(victim / "sub")
    outside = _outside(tmp_path, out)
    from docgen.errors import InputError

    with pytest.raises(InputError) as raised:
        with Publication(out) as publication:
            publication.write("sub/x.txt", b"overwritten")
            publication.write("sub/new.txt", b"new")
    assert "链接" in raised.value.message and str(out / "sub") in str(raised.value)
    assert _outside(tmp_path, out) == outside
    assert leftovers(out) == []


@pytest.mark.parametrize("name", ["../x.txt", "/tmp/x.txt", "a/../../x.txt", "", "a//b"])
def test_a_name_out_of_the_folder_is_never_staged(tmp_path, name):
    from docgen.errors import InternalError

    with pytest.raises(InternalError), Publication(tmp_path / "out") as publication:
        publication.write(name, b"x")
    assert not (tmp_path / "x.txt").exists()
