"""Old-format files (.doc, .wps, .rtf, .odt) of one import are converted in one batch
(a few of them by one LibreOffice run); a file LibreOffice cannot convert is still named
on its own and the others are imported."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from docgen.cli.commands import main
from docgen.importing import converted
from docgen.inputs.yaml_reader import read_report
from docgen.office import instances
from docgen.office import soffice as soffice_module
from support.report_corpus import convert_with_soffice, soffice, write_docx, written_reports

REPORTS = written_reports()
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _units(folder: Path) -> set[str]:
    return {read_report(path)[0].unit for path in folder.glob("*.yaml") if path.name != "volume.yaml"}


def _count_office_runs(monkeypatch) -> list[list[str]]:
    """Every LibreOffice conversion started from now on (its command line), run for real."""
    runs: list[list[str]] = []
    real_run = soffice_module.run_in_own_group

    def counted(command, *limits, **kwargs):
        runs.append(command)
        return real_run(command, *limits, **kwargs)

    monkeypatch.setattr(soffice_module, "run_in_own_group", counted)
    return runs


@pytest.mark.office
@pytest.mark.skipif(soffice() is None, reason="LibreOffice（soffice）没有安装，无法生成和转换 .doc 文件")
def test_old_format_files_are_converted_by_one_libreoffice_run_and_a_broken_one_is_named(tmp_path, monkeypatch, capsys):
    made, sent = tmp_path / "made", tmp_path / "收到的报告"
    made.mkdir()
    sent.mkdir()
    for report, kind, name in [(REPORTS[0], "doc", "东湖.doc"), (REPORTS[1], "rtf", "红旗.rtf"), (REPORTS[2], "doc", "长青.wps")]:
        saved = convert_with_soffice(write_docx(report, made / f"{report.community}.docx"), kind, made)
        saved.rename(sent / name)
    (sent / "坏了的.doc").write_bytes((sent / "东湖.doc").read_bytes()[:3000])  # cut short in the sending
    write_docx(REPORTS[3], sent / "幸福里.docx")
    runs = _count_office_runs(monkeypatch)

    assert main(["import", str(sent), "--out", str(tmp_path / "inputs")]) == 1

    assert len(runs) == 1
    err = capsys.readouterr().err
    assert str(sent / "坏了的.doc") in err and "LibreOffice 无法转换这个旧版 Word（.doc）文件" in err
    assert "东湖.doc" not in err.replace("坏了的.doc", "")
    assert _units(tmp_path / "inputs") == {r.community for r in REPORTS[:4]}  # filed under the 社区, not its 党委


# --- LibreOffice crashing or hanging on one file, played by a stand-in -------------------------


def _stand_in_office(monkeypatch) -> list[list[str]]:
    """LibreOffice played by a function: it 'converts' in order a file OLE_MAGIC + docx bytes to
    those bytes, skips a file it cannot open (OLE_MAGIC + b"bad"), and crashes (b"crash") or
    runs out of time (b"hang") on such a file, as the real one converts file after file."""
    runs: list[list[str]] = []

    def run(command, timeout, environment, *progress, **started):
        runs.append(command)
        out_dir = Path(command[command.index("--outdir") + 1])
        out_dir.mkdir(parents=True, exist_ok=True)
        for document in map(Path, command[command.index("--outdir") + 2 :]):
            content = document.read_bytes()[len(OLE_MAGIC):]
            if content == b"hang":
                raise subprocess.TimeoutExpired(command, timeout)
            if content == b"crash":
                return subprocess.CompletedProcess(command, -11, "", "")
            if content != b"bad":
                (out_dir / f"{document.stem}.docx").write_bytes(content)
        return subprocess.CompletedProcess(command, 0, "", "Error: source file could not be loaded\n")

    monkeypatch.setenv(instances.INSTANCES_VARIABLE, "1")  # one instance (tests/office/test_instances: several)
    monkeypatch.setattr(soffice_module, "find_soffice", lambda: Path("soffice"))
    monkeypatch.setattr(converted, "find_soffice", lambda: Path("soffice"))
    monkeypatch.setattr(soffice_module, "office_environment", lambda profile: {})
    monkeypatch.setattr(soffice_module, "run_in_own_group", run)
    return runs


@pytest.mark.parametrize("trouble, said", [(b"hang", "秒内没有转换完"), (b"crash", "意外退出"), (b"bad", "打不开这个文件")])
def test_a_file_libreoffice_fails_on_is_named_and_the_files_after_it_are_still_imported(tmp_path, monkeypatch, capsys, trouble, said):
    sent = tmp_path / "收到的报告"
    sent.mkdir()
    for report in REPORTS[:2]:
        (sent / f"1{report.community}.doc").write_bytes(OLE_MAGIC + write_docx(report, tmp_path / "a.docx").read_bytes())
    (sent / "2出错的.doc").write_bytes(OLE_MAGIC + trouble)
    for report in REPORTS[2:4]:
        (sent / f"3{report.community}.doc").write_bytes(OLE_MAGIC + write_docx(report, tmp_path / "a.docx").read_bytes())
    runs = _stand_in_office(monkeypatch)

    assert main(["import", str(sent), "--out", str(tmp_path / "inputs")]) == 1

    err = capsys.readouterr().err
    assert str(sent / "2出错的.doc") in err and said in err
    assert _units(tmp_path / "inputs") == {r.community for r in REPORTS[:4]}  # filed under the 社区, not its 党委
    # LibreOffice goes on past a file it cannot open; after a crash or a hang a fresh one converts the rest,
    # and tries the file once more, last.
    assert len(runs) == (1 if trouble == b"bad" else 2)


@pytest.mark.parametrize("name", ["大.doc", "大.wps"])
def test_an_oversized_old_format_file_is_refused_by_its_size_before_any_copy(tmp_path, monkeypatch, capsys, name):
    from docgen.fs.safe_zip import MAX_DOCX_BYTES

    sent = tmp_path / "收到的报告"
    sent.mkdir()
    big = sent / name
    with open(big, "wb") as file:  # sparse: the size is there, the bytes take no room
        file.write(OLE_MAGIC)
        file.truncate(MAX_DOCX_BYTES + 1)
    write_docx(REPORTS[0], sent / f"{REPORTS[0].community}.docx")
    copied = []
    real_open = open

    def watched_open(path, mode="r", *args, **kwargs):
        if "w" in mode:
            copied.append(Path(path))
        return real_open(path, mode, *args, **kwargs)

    runs = _stand_in_office(monkeypatch)
    monkeypatch.setattr("builtins.open", watched_open)

    assert main(["import", str(sent), "--out", str(tmp_path / "inputs")]) == 1

    err = capsys.readouterr().err
    assert str(big) in err and "文件太大（超过 100 MB）" in err and "Traceback" not in err
    assert runs == [] and not any(path.suffix in (".doc", ".wps") for path in copied)
    assert _units(tmp_path / "inputs") == {REPORTS[0].community}
