"""LibreOffice never outlives docgen, and docgen's temporary folders (the copies of the
reports being imported, LibreOffice's profile) never outlive the work: killed outright,
docgen's LibreOffice is ended by its guard and the folders are removed by the next
docgen that starts; stopped by SIGTERM, it ends both itself. A file LibreOffice hangs
on costs the batch one file's time limit, not the whole batch's.

LibreOffice is played here by shell scripts named soffice (the real one: test_render_office_offline)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from docgen.fs import tempfolders
from docgen.office import instances, soffice
from support.processes import ended_process, running, until
from support.write_helpers import docgen_env

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the stand-in LibreOffice is a shell script")

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # what a .doc starts with
DEADLINE = 60.0  # for what takes a moment; only a failure waits this long

# Starts an office process of its own, writes down both ids, and waits (as soffice waits for soffice.bin).
OFFICE_THAT_RUNS_ON = """#!/bin/sh
sleep 300 >/dev/null 2>&1 &
echo $! >> "$DOCGEN_TEST_OFFICE"
echo $$ >> "$DOCGEN_TEST_OFFICE"
wait
"""

# Converts its documents in order (a copy, named .docx); hangs on one holding the word "hang".
OFFICE_THAT_HANGS_ON_ONE = """#!/bin/sh
while [ "$1" != "--outdir" ]; do shift; done
out="$2"; shift 2
mkdir -p "$out"
for document in "$@"; do
  if grep -q hang "$document"; then sleep 300 >/dev/null 2>&1; fi
  name=$(basename "$document")
  cp "$document" "$out/${name%.*}.docx"
done
"""


def _stand_in(folder: Path, script: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    office = folder / "soffice"
    office.write_text(script, encoding="utf-8")
    office.chmod(0o755)
    return folder






def _docgen_folders(temporary: Path) -> list[str]:
    return sorted(name for name in os.listdir(temporary) if name.startswith("docgen-"))


@pytest.fixture(params=[1, 2], ids=["one instance", "two instances"])
def importing(tmp_path, request):
    """``docgen import`` of .doc files, run with the stand-in office that runs on, in one
    instance or two at once, its temporary folders in a folder of the test's own: (start it,
    the offices' ids, that folder)."""
    temporary, pids, sent = tmp_path / "tmp", tmp_path / "office-pids", tmp_path / "收到的报告"
    temporary.mkdir()
    sent.mkdir()
    instances = request.param
    for unit in ("甲社区", "乙社区")[:instances]:  # two large enough to be worth an instance each
        (sent / f"{unit}.doc").write_bytes(OLE_MAGIC + "一、亮点工作\n正文。\n".encode() * 50 * 400 ** (instances - 1))
    stand_in = _stand_in(tmp_path / "office", OFFICE_THAT_RUNS_ON)
    env = {
        **docgen_env(), "PATH": f"{stand_in}{os.pathsep}{os.environ['PATH']}",
        "TMPDIR": str(temporary), "DOCGEN_TEST_OFFICE": str(pids), "DOCGEN_WORKERS": str(instances),
    }
    started: list[subprocess.Popen] = []
    office: list[int] = []

    def start() -> subprocess.Popen:
        command = [sys.executable, "-m", "docgen", "import", str(sent), "--out", str(tmp_path / "inputs")]
        started.append(subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))

        def office_running() -> bool:
            assert started[0].poll() is None, started[0].communicate()
            office[:] = [int(line) for line in pids.read_text().split()] if pids.exists() else []
            return len(office) == 2 * instances  # each instance: the script and its office process

        until(office_running, "the offices started")
        return started[0]

    yield start, office, temporary, env
    for pid in office:  # nothing left running, whatever the test found
        if running(pid):
            os.kill(pid, signal.SIGKILL)
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_docgen_killed_outright_takes_libreoffice_with_it_and_the_next_start_removes_its_folders(importing, tmp_path):
    start, office, temporary, env = importing
    docgen = start()
    left = _docgen_folders(temporary)
    assert {name.split("-")[1] for name in left} == {"import", "lo"}  # the reports' copies and the profiles
    assert all(f"-{docgen.pid}-" in name for name in left)

    docgen.send_signal(signal.SIGKILL)
    docgen.communicate()

    until(lambda: not any(map(running, office)), "the office ended after docgen")
    assert _docgen_folders(temporary) == left  # nobody was there to remove them
    subprocess.run([sys.executable, "-m", "docgen", "new", "乙社区", "--inputs", str(tmp_path / "next")], env=env, capture_output=True, check=True)
    assert _docgen_folders(temporary) == []


def test_docgen_stopped_by_sigterm_ends_libreoffice_and_removes_its_folders_itself(importing):
    start, office, temporary, _ = importing
    docgen = start()

    docgen.send_signal(signal.SIGTERM)
    _, err = docgen.communicate(timeout=DEADLINE)

    assert docgen.returncode == 1 and "已中断" in err and "Traceback" not in err, err
    until(lambda: not any(map(running, office)), "the office ended with docgen")
    assert _docgen_folders(temporary) == []


def test_a_file_libreoffice_hangs_on_costs_one_files_time_and_the_batch_goes_on(tmp_path, monkeypatch):
    """One instance (a few files); it hangs on the third: the rest go to a fresh instance, the
    third last, where it hangs again and is given up."""
    stand_in = _stand_in(tmp_path / "office", OFFICE_THAT_HANGS_ON_ONE)
    monkeypatch.setattr(soffice, "require_soffice", lambda: stand_in / "soffice")
    monkeypatch.setattr(soffice, "office_environment", lambda profile: dict(os.environ))
    monkeypatch.setattr(soffice, "SECONDS_FIRST_FILE", 5)
    monkeypatch.setattr(soffice, "SECONDS_PER_FILE", 5)
    monkeypatch.setattr(soffice, "SECONDS_PER_MB", 0)
    runs, real_run = [], soffice.run_in_own_group
    monkeypatch.setattr(soffice, "run_in_own_group", lambda command, *rest, **kw: runs.append(command) or real_run(command, *rest, **kw))
    documents = []
    for number, text in enumerate(["甲", "乙", "hang", "丙", "丁"], 1):
        documents.append(tmp_path / f"document{number}.doc")
        documents[-1].write_text(text, encoding="utf-8")

    results = instances.convert_each(documents, tmp_path / "converted", "docx:MS Word 2007 XML", ".docx")

    # the limit is one file's, not 120 + 20 × the batch's
    assert results[documents[2]] == "5 秒内没有转换完，已放弃"
    assert all(results[d] == tmp_path / "converted" / f"{d.stem}.docx" for d in documents if d != documents[2])
    assert len(runs) == 2 and runs[1][-3:] == [str(documents[3]), str(documents[4]), str(documents[2])]


def test_a_run_that_keeps_making_files_is_never_given_up_however_long_it_takes(monkeypatch):
    """Time is played by a clock that moves a second each time it is read: the office makes a
    file every 3 s for 30 s, past any limit on the whole run, and is given up only when it stops."""
    now = [0.0]

    def clock() -> float:
        now[0] += 1
        return now[0]

    monkeypatch.setattr(soffice.time, "monotonic", clock)
    monkeypatch.setattr(soffice, "_POLL_SECONDS", 0)
    made = lambda: min(int(now[0]) // 3, 10)  # noqa: E731

    with pytest.raises(subprocess.TimeoutExpired) as given_up:
        soffice.run_in_own_group(["sleep", "300"], 8, dict(os.environ), made, lambda count: 5)

    assert given_up.value.timeout == 5 and made() == 10
    assert 30 <= now[0] <= 30 + 5 + 3


# --- the temporary folders themselves ----------------------------------------------------


def test_only_folders_of_ended_docgens_of_this_user_are_removed(tmp_path):
    ended, alive = ended_process(), os.getpid()
    stale = tmp_path / f"docgen-import-{ended}-a1b2c3"
    (stale / "converted").mkdir(parents=True)
    (stale / "document1.doc").write_bytes(b"copy of a report")
    kept = [tmp_path / f"docgen-lo-{alive}-d4e5f6", tmp_path / "docgen-lo-x9y8z7", tmp_path / f"other-{ended}-folder"]
    for folder in kept:
        folder.mkdir()
    (tmp_path / f"docgen-pdf-{ended}-file").write_text("a file, not a folder")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not docgen's")
    (tmp_path / f"docgen-lo-{ended}-link").symlink_to(outside)

    removed = tempfolders.remove_stale_folders(tmp_path)

    assert removed == [stale] and not stale.exists()
    assert all(folder.is_dir() for folder in kept)
    assert (tmp_path / f"docgen-pdf-{ended}-file").is_file()
    assert (outside / "keep.txt").read_text() == "not docgen's"


def test_a_temporary_folder_is_named_for_its_process_and_removed_after_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfolders.tempfile, "tempdir", str(tmp_path))
    with pytest.raises(RuntimeError), tempfolders.temporary_folder("import") as folder:
        assert folder.parent == tmp_path and folder.name.startswith(f"docgen-import-{os.getpid()}-")
        (folder / "copy.doc").write_bytes(b"x")
        raise RuntimeError
    assert list(tmp_path.iterdir()) == []


def test_a_file_holding_more_text_is_given_more_time_up_to_a_limit(tmp_path, monkeypatch):
    documents = [tmp_path / "document1.rtf", tmp_path / "document2.docx", tmp_path / "document3.odt"]
    documents[0].write_bytes(b"{\\rtf1 short}")
    for document, megabytes in ((documents[1], 3), (documents[2], 50)):  # the third as big as a zip bomb claims
        with zipfile.ZipFile(document, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("word/document.xml", b"<w:p/>" * (megabytes * 2**20 // 6))
    limits = {}

    def measured(command, timeout, environment, made, then, started=None):
        limits.update(first=timeout, second=then(1), third=then(2))
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setenv(instances.INSTANCES_VARIABLE, "1")  # the three in one run
    monkeypatch.setattr(soffice, "require_soffice", lambda: Path("soffice"))
    monkeypatch.setattr(soffice, "run_in_own_group", measured)
    instances.convert_each(documents, tmp_path / "converted", "docx:MS Word 2007 XML", ".docx")

    assert round(limits["first"]) == soffice.SECONDS_FIRST_FILE  # the start, and a file of a few bytes
    assert round(limits["second"]) == soffice.SECONDS_PER_FILE + 3 * soffice.SECONDS_PER_MB
    assert round(limits["third"]) == soffice.SECONDS_PER_FILE + 20 * soffice.SECONDS_PER_MB

