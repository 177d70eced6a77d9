"""The reports' work spread over the machine's cores, the results taken in order.

A build makes each report the same way whatever its neighbours, so the
reports can be made in worker processes, a batch at a time, and their
results taken back in volume order. ``Workers`` gives the processes for the
length of a ``with`` block: forked (Linux) before the inputs are read, so
that each holds nothing of them but the batch it is sent, and memory stays
flat however many reports there are. Where the system cannot fork, the
machine has one core or there is little work, the batches run here, one
after another: the function is the same either way, and so is every byte it
writes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from typing import TypeVar

from ..errors import EnvironmentProblem

WORKERS_VARIABLE = "DOCGEN_WORKERS"  # how many worker processes; 1: work in docgen's own process
MIN_ITEMS = 64  # fewer items than this are made faster without starting workers
_MOST_WORKERS = 4  # beyond this the disk, not the processors, sets the pace

Batch = TypeVar("Batch")
Made = TypeVar("Made")


class Workers:
    """Worker processes while the ``with`` block lasts, or none (the work is then done here)."""

    def __init__(self, expected_items: int):
        self.count = worker_count() if expected_items >= MIN_ITEMS else 1
        self._pool: ProcessPoolExecutor | None = None
        self._frozen = ExitStack()

    def __enter__(self) -> Workers:
        if self.count > 1:
            # the collector of a worker would otherwise write to, and so copy, every object it inherits
            self._frozen.enter_context(kept_from_the_collector())
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(self.count, mp_context=context, initializer=_leave_interrupts_to_parent)
            try:
                self._pool.submit(int).result()  # the workers are forked now (the pool forks them all at its first task)
            except (OSError, BrokenProcessPool):  # no processes to be had: the work is done here
                self.__exit__(None, None, None)
                self.count = 1
        return self

    def map(self, make: Callable[[Batch], Made], batches: Iterable[Batch]) -> Iterator[Made]:
        """``make`` of each batch, in order, made as the workers are free (or here, as they are taken).

        ``make`` must be a module-level function: workers are sent its name."""
        if self._pool is None:
            return map(make, batches)
        return _told_if_broken(self._pool.map(make, batches))

    def call(self, make: Callable[..., Made], *args) -> Callable[[], Made]:
        """``make(*args)`` begun by a worker now, while this process goes on; the function
        returned gives its result (or raises its error). Without workers it is made when asked for."""
        if self._pool is None:
            return lambda: make(*args)
        future = self._pool.submit(_giving_memory_back, make, *args)
        return lambda: _result(future)

    def __exit__(self, error_type, error, trace) -> None:
        if self._pool is not None:
            # after a failure the batches not begun are dropped; those being made are finished
            # (a moment) before the caller throws away what the workers were writing
            self._pool.shutdown(wait=True, cancel_futures=error_type is not None)
            self._pool = None
        self._frozen.close()


_frozen_blocks = 0  # gc.unfreeze undoes every freeze at once: only the outermost block may call it


@contextmanager
def kept_from_the_collector() -> Iterator[None]:
    """What exists now is left out of the garbage collector's passes until the block ends
    (blocks may nest): a full pass walks every object, again and again as a build goes on,
    and in a forked worker writes to, and so copies, every page it inherited."""
    global _frozen_blocks
    gc.freeze()
    _frozen_blocks += 1
    try:
        yield
    finally:
        _frozen_blocks -= 1
        if not _frozen_blocks:
            gc.unfreeze()


def _giving_memory_back(make: Callable[..., Made], *args) -> Made:
    """``make(*args)`` in a worker, then what it freed given back to the system: the worker
    lives on, and would otherwise keep the peak of a one-off task (the template) to its end."""
    try:
        return make(*args)
    finally:
        gc.collect()
        _trim_heap()


def _trim_heap() -> None:
    import ctypes  # only where workers run: Linux

    try:
        ctypes.CDLL(None).malloc_trim(0)  # glibc; other C libraries keep their memory
    except (OSError, AttributeError):
        pass


def _told_if_broken(results: Iterator[Made]) -> Iterator[Made]:
    try:
        yield from results
    except BrokenProcessPool:
        raise _worker_lost() from None


def _result(future: Future):
    try:
        return future.result()
    except BrokenProcessPool:
        raise _worker_lost() from None


def _worker_lost() -> EnvironmentProblem:
    return EnvironmentProblem(
        "生成报告的工作进程意外退出（可能是内存不足）：请关闭其他程序后重试；"
        f"仍不行时，设置环境变量 {WORKERS_VARIABLE}=1 只用一个进程生成"
    )


def worker_count() -> int:
    """How many worker processes to use: the cores this process may run on (at most a few),
    or ``DOCGEN_WORKERS``; 1 where the system cannot fork."""
    if not _can_fork():
        return 1
    wanted = os.environ.get(WORKERS_VARIABLE, "").strip()
    if wanted.isdigit() and int(wanted) >= 1:
        return int(wanted)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, _MOST_WORKERS)


def _can_fork() -> bool:
    # Only Linux: macOS can fork but its system libraries are not safe after a fork,
    # and Windows cannot; spawning fresh interpreters there would cost more than it saves.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _leave_interrupts_to_parent() -> None:
    """Ctrl-C reaches every process of the terminal: the parent alone acts on it
    (it stops the workers and keeps the previous outputs), the workers say nothing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
