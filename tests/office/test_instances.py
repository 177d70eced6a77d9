"""Conversions spread over LibreOffice instances (``office.instances``): the split, the
instance count, and an instance that crashes or hangs killed with all it started, its
unfinished files converted by a fresh one, a file failing twice named with why.

LibreOffice is played by a shell script (the real one: the tests marked office at the end)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from docgen.office import instances, soffice
from docgen.office.pdftext import read_pages
from docgen.office.verify import squeeze
from support.processes import processes_mentioning, running, until
from support.renderer import require_renderer

posix_only = pytest.mark.skipif(os.name != "posix", reason="the stand-in LibreOffice is a shell script")

# Converts its documents in order (a copy, named for the target: .pdf, .docx) after starting an
# office process of its own (as soffice starts soffice.bin) that it leaves running; writes down
# that process's id and its documents. By a document's first word: "bad" it cannot open and goes
# past, on "crash" it crashes, on "hang" it hangs, on "once" it hangs the first time only.
OFFICE = """#!/bin/sh
while [ "$1" != "--convert-to" ]; do shift; done
suffix="${2%%:*}"; out="$4"; shift 4
mkdir -p "$out"
sleep 300 >/dev/null 2>&1 &
echo $! >> "$DOCGEN_TEST_OFFICE_PIDS"
echo "$*" >> "$DOCGEN_TEST_OFFICE_RUNS"
for document in "$@"; do
  case "$(cat "$document")" in
    bad*) continue ;;
    crash*) exit 134 ;;
    hang*) sleep 300 >/dev/null 2>&1 ;;
    once*) if [ ! -e "$document.tried" ]; then : > "$document.tried"; sleep 300 >/dev/null 2>&1; fi ;;
  esac
  name=$(basename "$document")
  cp "$document" "$out/${name%.*}.$suffix"
done
"""


def _costs(*megabytes: float) -> dict[Path, float]:
    return {Path(f"document{n}.docx"): size for n, size in enumerate(megabytes, 1)}


# --- how the files are shared out ----------------------------------------------------------


def test_the_volume_goes_to_one_instance_and_the_reports_are_shared_so_both_end_together():
    sizes = _costs(*[0.0084] * 100, 0.528)  # 100 reports and their volume, as a build hands them over
    documents = list(sizes)

    shares = instances.split(documents, sizes, 2)

    assert sorted(d for share in shares for d in share) == sorted(documents)  # each once
    assert all(share == sorted(share, key=documents.index) for share in shares)  # in the caller's order
    costs = [sum(instances.cost(sizes[d]) for d in share) for share in shares]
    assert abs(costs[0] - costs[1]) <= instances.cost(0.0084)  # within one report of each other
    with_volume = next(share for share in shares if documents[-1] in share)
    assert len(with_volume) < 50  # the volume counts for many reports


def test_what_a_word_file_weighs_is_its_text_not_its_styles(tmp_path):
    """LibreOffice takes about as long over a report whatever its styles part holds (Word's
    own is 350 KB); what varies is the text it lays out: body, headers, footers, notes."""

    def package(name: str, **parts: int) -> Path:
        with zipfile.ZipFile(tmp_path / name, "w") as written:
            for part, size in parts.items():
                written.writestr(part.replace("_", "/", 1) + ".xml", b"x" * size)
        return tmp_path / name

    report = package("report.docx", word_document=5_000, word_footer1=1_500, word_styles=350_000, word_numbering=90_000)
    longer = package("longer.docx", word_document=500_000, word_header2=1_500, word_styles=8_000)
    odt = package("report.odt", content=20_000, styles=30_000)
    renamed = package("renamed.docx", word_document2=40_000, word_styles=350_000)  # as some converters name it

    assert soffice.megabytes(report) == pytest.approx(6_500 / 2**20)
    assert soffice.megabytes(longer) == pytest.approx(501_500 / 2**20)
    assert soffice.megabytes(odt) == pytest.approx(50_000 / 2**20)  # not a Word file: all its XML
    assert soffice.megabytes(renamed) == pytest.approx(40_000 / 2**20)


def test_a_file_an_instance_failed_on_goes_last_in_its_share():
    sizes = _costs(*[0.01] * 6)
    documents = list(sizes)
    suspect = documents[0]

    shares = instances.split(documents, sizes, 2, suspects={suspect})

    [own] = [share for share in shares if suspect in share]
    assert own[-1] == suspect and len(own) > 1
    assert sorted(d for share in shares for d in share) == sorted(documents)


def test_fewer_files_than_instances_make_as_many_shares_as_files():
    sizes = _costs(5.0, 5.0)
    assert instances.split(list(sizes), sizes, 4) == [[Path("document1.docx")], [Path("document2.docx")]]


@pytest.fixture
def cores(monkeypatch):
    """The cores this process may run on, set by the test; DOCGEN_WORKERS unset."""
    monkeypatch.delenv(instances.INSTANCES_VARIABLE, raising=False)

    def set_to(count: int) -> None:
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(count)), raising=False)

    return set_to


def test_an_instance_a_core_at_most_four(cores):
    cores(2)
    assert instances.instance_count(work_seconds=9.0, files=101) == 2
    cores(16)
    assert instances.instance_count(work_seconds=90.0, files=1001) == 4


def test_docgen_workers_sets_the_instance_count(cores, monkeypatch):
    cores(2)
    monkeypatch.setenv(instances.INSTANCES_VARIABLE, "1")
    assert instances.instance_count(work_seconds=9.0, files=101) == 1
    monkeypatch.setenv(instances.INSTANCES_VARIABLE, "3")
    assert instances.instance_count(work_seconds=9.0, files=101) == 3
    monkeypatch.setenv(instances.INSTANCES_VARIABLE, "12")
    assert instances.instance_count(work_seconds=90.0, files=1001) == 4


def test_a_single_file_or_a_few_get_one_instance(cores):
    cores(4)
    assert instances.instance_count(work_seconds=5.0, files=1) == 1  # a volume alone (--exact)
    assert instances.instance_count(work_seconds=0.3, files=3) == 1  # three old .doc files in an import
    assert instances.instance_count(work_seconds=2.5, files=30) == 2  # worth two starts, not four


# --- instances crashing and hanging, played by the stand-in ----------------------------------


@pytest.fixture
def office(tmp_path, monkeypatch):
    """The stand-in LibreOffice in use, two instances wherever there are two files or more, short
    time limits: (the runs, each its documents' names; the office processes it started)."""
    script = tmp_path / "office" / "soffice"
    script.parent.mkdir()
    script.write_text(OFFICE, encoding="utf-8")
    script.chmod(0o755)
    pids, runs = tmp_path / "office-pids", tmp_path / "office-runs"
    monkeypatch.setenv("DOCGEN_TEST_OFFICE_PIDS", str(pids))
    monkeypatch.setenv("DOCGEN_TEST_OFFICE_RUNS", str(runs))
    monkeypatch.setenv(instances.INSTANCES_VARIABLE, "2")
    monkeypatch.setattr(instances, "_START_SECONDS", 0.01)
    monkeypatch.setattr(soffice, "require_soffice", lambda: script)
    monkeypatch.setattr(soffice, "office_environment", lambda profile: dict(os.environ))
    monkeypatch.setattr(soffice, "SECONDS_FIRST_FILE", 5)
    monkeypatch.setattr(soffice, "SECONDS_PER_FILE", 5)
    monkeypatch.setattr(soffice, "SECONDS_PER_MB", 0)

    def runs_made() -> list[list[str]]:
        lines = runs.read_text(encoding="utf-8").splitlines() if runs.exists() else []
        return [[Path(d).name for d in line.split()] for line in lines]

    def processes() -> list[int]:
        return [int(pid) for pid in pids.read_text().split()] if pids.exists() else []

    yield runs_made, processes
    for pid in processes():  # nothing left running, whatever the test found
        if running(pid):
            os.kill(pid, signal.SIGKILL)


def _documents(folder: Path, *contents: str) -> list[Path]:
    """Files named document1.doc … holding ``contents``, all of one size (so the split is by count)."""
    folder.mkdir(parents=True, exist_ok=True)
    documents = []
    for number, content in enumerate(contents, 1):
        documents.append(folder / f"document{number}.doc")
        documents[-1].write_text(content.ljust(40, "."), encoding="utf-8")
    return documents


def _nothing_left(processes) -> None:
    until(lambda: not any(map(running, processes())), "every office process ended")


@posix_only
def test_two_instances_convert_their_shares_at_once_and_leave_nothing_running(office, tmp_path):
    runs, processes = office
    documents = _documents(tmp_path / "sent", *"甲乙丙丁戊己")

    results = instances.convert_to_docx(documents, tmp_path / "converted")

    assert list(results) == documents  # the caller's order
    assert all(results[d] == tmp_path / "converted" / f"{d.stem}.docx" for d in documents)
    assert len(runs()) == 2 and sorted(sum(runs(), [])) == sorted(d.name for d in documents)
    assert len(processes()) == 2
    _nothing_left(processes)


@posix_only
@pytest.mark.parametrize("trouble, said", [("crash", "转换时意外退出（返回码 134）"), ("hang", "5 秒内没有转换完，已放弃")])
def test_an_instance_that_fails_is_killed_and_its_unfinished_files_go_to_a_fresh_one(office, tmp_path, trouble, said):
    runs, processes = office
    documents = _documents(tmp_path / "sent", "甲", "乙", trouble, "丙", "丁", "戊", "己", "庚")

    results = instances.convert_to_docx(documents, tmp_path / "converted")

    assert results[documents[2]] == said  # tried in two instances, then given up and named
    assert all(results[d] == tmp_path / "converted" / f"{d.stem}.docx" for d in documents if d != documents[2])
    first_round, later = runs()[:2], runs()[2:]
    failed = next(run for run in first_round if documents[2].name in run)
    unfinished = failed[failed.index(documents[2].name) + 1 :]
    assert unfinished  # the instance had files after it, converted by fresh instances
    assert set(unfinished) <= set(sum(later, []))
    retry = next(run for run in later if documents[2].name in run)
    assert retry[-1] == documents[2].name  # last: failing again, it stopped none of them
    _nothing_left(processes)  # the failed instances' office processes too


@posix_only
def test_a_file_that_hangs_once_is_converted_by_the_fresh_instance(office, tmp_path):
    runs, processes = office
    documents = _documents(tmp_path / "sent", "甲", "once", "乙", "丙")

    results = instances.convert_to_docx(documents, tmp_path / "converted")

    assert all(results[d] == tmp_path / "converted" / f"{d.stem}.docx" for d in documents)
    assert sum(run.count(documents[1].name) for run in runs()) == 2
    _nothing_left(processes)


@posix_only
def test_a_file_libreoffice_cannot_open_is_named_without_another_try(office, tmp_path):
    runs, processes = office
    documents = _documents(tmp_path / "sent", "甲", "bad", "乙", "丙")

    results = instances.convert_to_docx(documents, tmp_path / "converted")

    assert results[documents[1]] == "打不开这个文件"
    assert len(runs()) == 2  # no instance failed: nothing ran again
    _nothing_left(processes)


@posix_only
def test_a_pdf_libreoffice_did_not_make_is_named_in_the_error(office, tmp_path):
    from docgen.errors import EnvironmentProblem

    _, processes = office
    documents = _documents(tmp_path / "sent", "甲", "bad", "乙", "丙")

    with pytest.raises(EnvironmentProblem) as raised:
        instances.convert(documents, tmp_path / "pdf", "pdf:writer_pdf_Export", ".pdf")

    assert str(raised.value).startswith("LibreOffice 没有生成这些文件：document2.pdf")
    _nothing_left(processes)


@posix_only
def test_one_instance_that_cannot_start_ends_the_others(office, tmp_path, monkeypatch):
    """The second instance's program cannot be run: the first, hanging, is killed at once."""
    from docgen.errors import EnvironmentProblem

    _, processes = office
    documents = _documents(tmp_path / "sent", "hang", "甲")
    real_run, real_office, outcomes = soffice.run_in_own_group, soffice.run_office, []

    def second_refused(command, *limits, **kwargs):
        if Path(command[-1]).name == documents[1].name:
            until(lambda: len(processes()) == 1, "the first instance running")
            raise PermissionError(13, "Permission denied")
        return real_run(command, *limits, **kwargs)

    monkeypatch.setattr(soffice, "run_in_own_group", second_refused)

    def watched(*args, **kwargs):
        outcomes.append(real_office(*args, **kwargs))
        return outcomes[-1]

    monkeypatch.setattr(soffice, "run_office", watched)
    monkeypatch.setattr(soffice, "SECONDS_FIRST_FILE", 60)  # only a kill ends the hanging one sooner

    with pytest.raises(EnvironmentProblem) as raised:
        instances.convert_to_docx(documents, tmp_path / "converted")

    assert "无法启动 LibreOffice" in str(raised.value)
    assert [outcome.failed for outcome in outcomes] == [documents[0]]
    assert outcomes[0].reason.startswith("转换时意外退出")  # killed, not left to run out of time
    _nothing_left(processes)


# --- the real LibreOffice, two instances ------------------------------------------------------


@pytest.mark.office
def test_two_real_instances_make_the_pdfs_one_instance_makes(sample_build, tmp_path, monkeypatch):
    require_renderer()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(instances, "_START_SECONDS", 0.01)
    documents = sample_build.report_paths[:4]
    commands = []
    real_run = soffice.run_in_own_group
    monkeypatch.setattr(soffice, "run_in_own_group", lambda command, *rest, **kw: commands.append(command) or real_run(command, *rest, **kw))

    monkeypatch.setenv(instances.INSTANCES_VARIABLE, "2")
    pdfs = instances.convert_to_pdf(documents, tmp_path / "two")
    monkeypatch.setenv(instances.INSTANCES_VARIABLE, "1")
    alone = instances.convert_to_pdf(documents, tmp_path / "one")

    assert len(commands) == 3  # two instances at once, then one alone
    assert {c[c.index("--outdir") + 1] for c in commands[:2]} == {str(tmp_path / "two")}
    assert pdfs == [tmp_path / "two" / f"{d.stem}.pdf" for d in documents]
    for document, pdf, single in zip(documents, pdfs, alone):
        report = next(r for r in sample_build.volume.reports if r.unit == document.stem)
        printed = squeeze("".join(line.text for page in read_pages(pdf) for line in page.body))
        titles = [squeeze(item.title) for section in report.sections for item in section.items]
        assert [title in printed for title in titles] == [True] * len(titles)  # each its own report's items
        # the same pages, lines and faces, whichever instance made it (the bytes differ only in the
        # numbers LibreOffice gives the fonts it embeds, counted from its start: see instances.py)
        assert _printed(pdf) == _printed(single) and _printed(pdf)[1]


def _printed(pdf: Path) -> list:
    """Each page's lines, where they are, and the faces the PDF embeds."""
    pages = [[(line.text, round(line.bottom)) for line in page.lines] for page in read_pages(pdf)]
    return [pages, sorted(set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([^\s/<>\]]+)", pdf.read_bytes())))]


@pytest.mark.office
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="processes are found through /proc")
def test_ctrl_c_while_two_real_instances_convert_leaves_no_libreoffice(sample_build, tmp_path):
    """docgen stopped (SIGTERM, which docgen takes as Ctrl-C) while two LibreOffice convert:
    no LibreOffice runs on, and docgen says it was interrupted."""
    require_renderer()
    temporary, copies = tmp_path / "tmp", tmp_path / "copies"
    temporary.mkdir()
    copies.mkdir()
    documents = []  # enough for the instances to be seen at work: five copies of each report
    for copy in range(5):
        for report in sample_build.report_paths:
            documents.append(copies / f"{report.stem}-{copy}.docx")
            shutil.copyfile(report, documents[-1])
    script = (
        "import sys\nfrom pathlib import Path\nfrom docgen.office import instances\n"
        "instances._START_SECONDS = 0.01\n"
        "instances.convert_to_pdf([Path(p) for p in sys.argv[2:]], Path(sys.argv[1]))\n"
    )
    env = {**os.environ, "TMPDIR": str(temporary), instances.INSTANCES_VARIABLE: "2"}
    command = [sys.executable, "-c", script, str(tmp_path / "pdf"), *map(str, documents)]
    converting = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        until(lambda: len(processes_mentioning("soffice.bin", str(temporary))) >= 2 or converting.poll() is not None, "two LibreOffice running", 120)
        assert converting.poll() is None, converting.communicate()
        converting.send_signal(signal.SIGINT)
        converting.communicate(timeout=120)
        until(lambda: not processes_mentioning("soffice.bin", str(temporary)), "no LibreOffice left", 120)
    finally:
        for pid in processes_mentioning("soffice.bin", str(temporary)):
            os.kill(pid, signal.SIGKILL)
        if converting.poll() is None:
            converting.kill()
            converting.communicate()
    assert not (tmp_path / "pdf").exists() or len(list((tmp_path / "pdf").glob("*.pdf"))) < len(documents)
