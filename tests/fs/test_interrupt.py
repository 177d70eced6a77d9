"""Builds killed, interrupted or run twice at once: the output folder holds the old set or the
new set, never a mix — at the latest once the next docgen has run in it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

from docgen.cli.commands import main
from docgen.fs import publish
from support.write_helpers import NEW_UNITS, OLD_UNITS, docgen_env, leftovers, snapshot, write_inputs

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")



def _forked_docgen(argv: list[str], log: Path, before=lambda: None) -> int:
    """``docgen ARGV`` in a child process (forked: no second start-up), its output into ``log``;
    the child's id. ``before`` runs in the child first."""
    pid = os.fork()
    if pid:
        return pid
    code = 70
    try:
        sys.stdout = sys.stderr = open(log, "w", encoding="utf-8")
        before()
        code = main(argv)
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        os._exit(code)


def _crash_at(step: int):
    """Die on the spot (as under SIGKILL or a power cut: no cleanup at all) at the ``step``-th
    thing docgen does on the file system while publishing; count them when ``step`` is 0."""
    import docgen.fs.publish as publish

    calls = [0]

    def crashing(real):
        def call(*args, **kwargs):
            calls[0] += 1
            if calls[0] == step:
                os._exit(9)
            return real(*args, **kwargs)

        return call

    def patch():
        publish.os.replace = crashing(os.replace)  # in the child only, or in a monkeypatched parent
        publish.os.unlink = crashing(os.unlink)
        publish.shutil.rmtree = crashing(shutil.rmtree)

    return patch, calls


def _exit_code(pid: int) -> int:
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", docgen_env()["SOURCE_DATE_EPOCH"])
    # Flushing to the disk guards against power cuts, not killed processes (the system keeps what
    # a dead process wrote); skipped here, where it made each of the many runs wait for the disk.
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    monkeypatch.setattr(publish, "_sync_filesystem", lambda fd: None)


@pytest.fixture
def two_sets(tmp_path):
    """A first build, and the outcome of building the changed inputs over it:
    (old inputs, new inputs, the first build's folder, old set, new set)."""
    return _two_sets(tmp_path, OLD_UNITS, NEW_UNITS)


def _two_sets(tmp_path: Path, old_units, new_units):
    old_inputs = write_inputs(tmp_path / "old", old_units, "第一版的正文。")
    new_inputs = write_inputs(tmp_path / "new", new_units, "第二版的正文。")
    first = tmp_path / "first"
    assert main(["build", "--inputs", str(old_inputs), "--out", str(first)]) == 0
    both = tmp_path / "both"
    shutil.copytree(first, both)
    assert main(["build", "--inputs", str(new_inputs), "--out", str(both)]) == 0
    old_set, new_set = snapshot(first), snapshot(both)
    assert old_set != new_set
    return old_inputs, new_inputs, first, old_set, new_set


def _next_run(tmp_path: Path, out: Path, capsys) -> str:
    """The next docgen in the folder: here a build that fails on its own input, so that all it
    does to the folder is finish or undo what the killed one left. What it said."""
    broken = tmp_path / "broken"
    broken.mkdir(exist_ok=True)
    (broken / "坏.yaml").write_text("unit: [\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--inputs", str(broken), "--out", str(out)]) == 1
    return capsys.readouterr().err


@pytest.mark.slow
def test_a_build_killed_at_any_step_of_publishing_is_undone_or_finished_by_the_next_run(
    two_sets, tmp_path, capsys, monkeypatch
):
    _, new_inputs, first, old_set, new_set = two_sets
    build_new = ["build", "--inputs", str(new_inputs), "--out"]
    probe = tmp_path / "probe"
    shutil.copytree(first, probe)
    with monkeypatch.context() as patched:
        patch, calls = _crash_at(0)
        for module, name in ((os, "replace"), (os, "unlink"), (shutil, "rmtree")):
            patched.setattr(module, name, getattr(module, name))  # restored afterwards
        patch()
        assert main(build_new + [str(probe)]) == 0
    seen = set()
    for step in range(1, calls[0] + 1):
        out = tmp_path / f"out{step}"
        shutil.copytree(first, out)
        patch, _ = _crash_at(step)
        assert _exit_code(_forked_docgen(build_new + [str(out)], tmp_path / "log", patch)) == 9
        said = _next_run(tmp_path, out, capsys)
        after = snapshot(out)
        assert after in (old_set, new_set), f"a mix after a crash at step {step}"
        assert leftovers(out) == []
        seen.add("old" if after == old_set else "new")
        if "被中断" in said:
            seen.add("told")
    assert seen == {"old", "new", "told"}  # crashes before and after the point of no return, and the user told


def _signal_at(step: int, sig: signal.Signals):
    """Send this process ``sig`` at the ``step``-th thing docgen does on the file system while
    publishing (counted as in ``_crash_at``): the signal as the system delivers it, at a known point."""
    import docgen.fs.publish as publish

    calls = [0]

    def signalling(real):
        def call(*args, **kwargs):
            calls[0] += 1
            if calls[0] == step:
                os.kill(os.getpid(), sig)
            return real(*args, **kwargs)

        return call

    def patch():
        publish.os.replace = signalling(os.replace)
        publish.os.unlink = signalling(os.unlink)
        publish.shutil.rmtree = signalling(shutil.rmtree)

    return patch


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["SIGKILL", "SIGINT", "SIGTERM"])
def test_a_build_signalled_at_any_step_of_publishing_never_leaves_a_mix(two_sets, tmp_path, capsys, monkeypatch, sig):
    _, new_inputs, first, old_set, new_set = two_sets
    build_new = ["build", "--inputs", str(new_inputs), "--out"]
    steps = _publishing_steps(build_new, first, tmp_path, monkeypatch)
    outcomes = set()
    for step in range(1, steps + 1):
        out = tmp_path / f"out{step}"
        shutil.copytree(first, out)
        log = tmp_path / f"log{step}"
        code = _exit_code(_forked_docgen(build_new + [str(out)], log, _signal_at(step, sig)))
        said = log.read_text(encoding="utf-8")
        assert "Traceback" not in said
        if sig != signal.SIGKILL:  # docgen itself puts the folder right, at once (SIGTERM as Ctrl-C)
            assert code == 0 or (code == 1 and "已中断" in said), (step, said)
        else:
            assert code == -signal.SIGKILL
            _next_run(tmp_path, out, capsys)
        after = snapshot(out)
        assert after in (old_set, new_set), f"a mix after {sig.name} at step {step}"
        assert leftovers(out) == []
        outcomes.add("old" if after == old_set else "new")
    assert outcomes == {"old", "new"}  # signals before and after the point of no return


def _publishing_steps(build_new: list[str], first: Path, tmp_path: Path, monkeypatch) -> int:
    """How many things a build over ``first`` does on the file system while publishing."""
    probe = tmp_path / "probe"
    shutil.copytree(first, probe)
    with monkeypatch.context() as patched:
        patch, calls = _crash_at(0)
        for module, name in ((os, "replace"), (os, "unlink"), (shutil, "rmtree")):
            patched.setattr(module, name, getattr(module, name))  # restored afterwards
        patch()
        assert main(build_new + [str(probe)]) == 0
    return calls[0]


def test_two_builds_at_once_leave_one_whole_set(tmp_path):
    inputs_a = write_inputs(tmp_path / "a", OLD_UNITS, "甲版的正文。")
    inputs_b = write_inputs(tmp_path / "b", NEW_UNITS, "乙版的正文。")
    alone = {}
    for name, inputs in (("a", inputs_a), ("b", inputs_b)):
        assert main(["build", "--inputs", str(inputs), "--out", str(tmp_path / f"alone-{name}")]) == 0
        alone[name] = snapshot(tmp_path / f"alone-{name}")
    out = tmp_path / "out"
    builds = [
        subprocess.Popen(
            [sys.executable, "-m", "docgen", "build", "--inputs", str(inputs), "--out", str(out)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=docgen_env(),
        )
        for inputs in (inputs_a, inputs_b)
    ]
    results = [(b.wait(timeout=120), b.stderr.read()) for b in builds]
    for code, err in results:
        assert code == 0 or (code == 1 and "另一个 docgen 正在写入" in err), err
    assert snapshot(out) in (alone["a"], alone["b"])
    assert leftovers(out) == []
