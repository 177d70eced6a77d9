"""The long work of the workbench (a build, LibreOffice's page pictures), one at a time,
in a thread of its own, its progress readable while it runs.

Stopping the workbench (Ctrl-C) asks the work to stop at its next progress report;
a build stopped so raises inside ``api.build``, whose write path then throws its
staged files away: the output folder stays as it was.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import api


class Stopped(Exception):
    """The workbench is stopping: the work gives up at its next progress report."""


@dataclass
class Job:
    command: str  # "build" or "preview"
    step: str  # what is being done, in Chinese
    done: int = 0
    total: int = 0
    running: bool = True
    error: str = ""  # why it failed, in Chinese
    said: list[str] = field(default_factory=list)  # what it has to tell when finished
    result: object = None
    stopping: bool = False

    def progress(self, done: int, total: int) -> None:
        """The ``progress`` of ``api.build``: counts, and gives up when the workbench stops."""
        if self.stopping:
            raise Stopped
        self.done, self.total = done, total

    def tell(self, step: str) -> None:
        if self.stopping:
            raise Stopped
        self.step, self.done, self.total = step, 0, 0


Work = Callable[[Job], None]


class Jobs:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._job: Job | None = None
        self._thread: threading.Thread | None = None

    def start(self, command: str, step: str, work: Work) -> bool:
        """Begin ``work`` unless other work is running (then False)."""
        with self._lock:
            if self._job is not None and self._job.running:
                return False
            job = Job(command, step)
            self._job = job
            self._thread = threading.Thread(target=self._run, args=(job, work), name=f"docgen-{command}", daemon=True)
            self._thread.start()
            return True

    def current(self, command: str | None = None) -> Job | None:
        """The running or last work (of ``command``, where given)."""
        job = self._job
        return job if job is not None and (command is None or job.command == command) else None

    def running(self) -> bool:
        return self._job is not None and self._job.running

    def stop(self) -> None:
        """Ask the running work to stop, and wait for it to end."""
        job, thread = self._job, self._thread
        if job is not None and job.running and thread is not None:
            job.stopping = True
            thread.join()

    @staticmethod
    def _run(job: Job, work: Work) -> None:
        try:
            work(job)
        except Stopped:
            job.error = "工作台已停止，没有完成；输出文件夹保持原样。"
        except api.DocgenError as error:
            job.error = "\n".join([*(f"提醒：{note.message}" for note in error.notes), str(error)])
        except Exception as error:  # docgen's own fault: said in one line, as the command line says it
            if os.environ.get("DOCGEN_DEBUG"):
                traceback.print_exc()
            job.error = f"程序内部出错（{type(error).__name__}: {error}）。设置环境变量 DOCGEN_DEBUG=1 再启动工作台可看到详细信息。"
        finally:
            job.running = False
