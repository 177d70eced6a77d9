"""Work spread over the machine's cores, the results taken in order.

A build makes each report the same way whatever its neighbours, and an
import reads each file so: they can be made in worker processes, a batch at
a time, and the results taken back in order. ``Workers`` gives the processes
for the length of a ``with`` block: forked (Linux) before the inputs are
read, so that each holds nothing of them but the batch it is sent, and
memory stays flat however many there are. Where the system cannot fork, the
machine has one core or there is little work, the batches run here, one
after another: the function is the same either way, and so is every byte it
writes.

Each worker talks to docgen over a pipe of its own, and docgen waits on the
pipes and on the workers' ends together, in its one thread: a worker that
dies is noticed at once, nothing is waited for that will not come, and a
system out of processes or threads costs only the speed (the work is then
done here). The workers end with docgen, however it ends: on an error or
Ctrl-C it kills them before it leaves the block, and should docgen itself be
killed, the kernel kills them (Linux's ``PR_SET_PDEATHSIG``) — they never
run on holding the folder's lock.
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import TypeVar

from ..errors import EnvironmentProblem, InternalError

WORKERS_VARIABLE = "DOCGEN_WORKERS"  # how many worker processes; 1: work in docgen's own process
MIN_ITEMS = 64  # fewer items than this are made faster without starting workers
_MOST_WORKERS = 4  # beyond this the disk, not the processors, sets the pace
_AHEAD = 2  # tasks given out per worker before the first result is taken: none waits for the next
_PR_SET_PDEATHSIG = 1  # linux/prctl.h

Batch = TypeVar("Batch")
Made = TypeVar("Made")


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    pipe: Connection
    task: int | None = None  # the task it is making


@dataclass
class _Tasks:
    """Tasks by number: those no worker has taken yet, and the results not yet asked for."""

    waiting: deque = field(default_factory=deque)  # (number, function, arguments)
    results: dict = field(default_factory=dict)  # number → (made, value or error)
    numbers: Iterator[int] = field(default_factory=itertools.count)


class Workers:
    """Worker processes while the ``with`` block lasts, or none (the work is then done here)."""

    def __init__(self, expected_items: int):
        self.count = worker_count() if expected_items >= MIN_ITEMS else 1
        self._workers: list[_Worker] = []
        self._tasks = _Tasks()
        self._frozen = ExitStack()

    def __enter__(self) -> Workers:
        if self.count > 1:
            # the collector of a worker would otherwise write to, and so copy, every object it inherits
            self._frozen.enter_context(kept_from_the_collector())
            try:
                self._workers = _started(self.count)
            except OSError:  # no processes (or pipes) to be had: the work is done here
                self._frozen.close()
                self.count = 1
        return self

    def map(self, make: Callable[[Batch], Made], batches: Iterable[Batch]) -> Iterator[Made]:
        """``make`` of each batch, in order, made as the workers are free (or here, as they are taken).

        ``make`` must be a module-level function: workers are sent its name."""
        if not self._workers:
            return map(make, batches)
        batches = iter(batches)
        first = itertools.islice(batches, _AHEAD * len(self._workers))
        given = deque(self._give(make, (batch,)) for batch in first)  # begun now, before the caller asks
        return self._in_order(make, batches, given)

    def call(self, make: Callable[..., Made], *args) -> Callable[[], Made]:
        """``make(*args)`` begun by a worker now, while this process goes on; the function
        returned gives its result (or raises its error). Without workers it is made when asked for."""
        if not self._workers:
            return lambda: make(*args)
        number = self._give(_giving_memory_back, (make, *args))
        return lambda: self._result(number)

    def release(self) -> None:
        """End the workers now, their work all taken (the block goes on without them): an idle
        worker still holds its memory, and what the block does next may need the most of it."""
        self.__exit__(None, None, None)
        self.count = 1

    def __exit__(self, error_type, error, trace) -> None:
        if not self._workers:
            return
        try:
            if error_type is None:
                _stop(self._workers)
        finally:
            # after a failure the workers are killed, whatever they were making: the caller
            # throws away what they were writing, and waits only for them to be gone
            _kill(self._workers)
            self._workers = []
            self._frozen.close()

    # --- handing out tasks and taking results -------------------------------------------

    def _in_order(self, make, batches: Iterator, given: deque) -> Iterator:
        while given:
            made = self._result(given.popleft())
            given.extend(self._give(make, (batch,)) for batch in itertools.islice(batches, 1))
            yield made

    def _give(self, make: Callable, args: tuple) -> int:
        number = next(self._tasks.numbers)
        self._tasks.waiting.append((number, make, args))
        self._hand_out()
        return number

    def _hand_out(self) -> None:
        for worker in self._workers:
            if not self._tasks.waiting:
                return
            if worker.task is None:
                number, make, args = self._tasks.waiting.popleft()
                try:
                    worker.pipe.send((make, args))
                except (BrokenPipeError, ConnectionResetError):
                    raise _worker_lost() from None
                worker.task = number

    def _result(self, number: int):
        while number not in self._tasks.results:
            self._take_results()
        made, value = self._tasks.results.pop(number)
        if made:
            return value
        raise value

    def _take_results(self) -> None:
        """Wait for a busy worker to finish (or die), take what it made, give it the next task."""
        busy = [worker for worker in self._workers if worker.task is not None]
        if not busy:
            raise InternalError("a result was asked for that no worker is making")
        ready = set(wait([w.pipe for w in busy] + [w.process.sentinel for w in busy]))
        for worker in busy:
            if worker.pipe in ready or worker.process.sentinel in ready:
                try:
                    self._tasks.results[worker.task] = worker.pipe.recv()
                except (EOFError, OSError):  # it ended without answering
                    raise _worker_lost() from None
                worker.task = None
        self._hand_out()


def _started(count: int) -> list[_Worker]:
    """``count`` workers, forked now; if the system refuses one, none (and the error)."""
    context = multiprocessing.get_context("fork")
    workers: list[_Worker] = []
    try:
        for _ in range(count):
            ours, theirs = multiprocessing.Pipe()
            inherited = [w.pipe for w in workers] + [ours]  # the other ends it must not hold
            process = context.Process(target=_serve, args=(theirs, os.getpid(), inherited), daemon=True)
            try:
                process.start()
            finally:
                theirs.close()
            workers.append(_Worker(process, ours))
    except BaseException:
        _kill(workers)
        raise
    return workers


def _stop(workers: list[_Worker]) -> None:
    """Tell each worker to end, and wait for it: each is idle, its results all taken."""
    for worker in workers:
        try:
            worker.pipe.send(None)
        except OSError:  # it has ended already
            pass
    for worker in workers:
        worker.process.join()


def _kill(workers: list[_Worker]) -> None:
    for worker in workers:
        if worker.process.exitcode is None:
            worker.process.kill()
    for worker in workers:
        worker.process.join()  # killed: it ends at once
        worker.pipe.close()
        worker.process.close()


def _serve(pipe: Connection, parent: int, inherited: list[Connection]) -> None:
    """A worker's life: make each task docgen sends, send back the result or the error."""
    _end_with(parent)
    _leave_signals_to_parent()
    for other in inherited:
        other.close()
    while True:
        try:
            task = pipe.recv()
        except EOFError:  # docgen is gone
            return
        if task is None:
            return
        make, args = task
        try:
            answer = (True, make(*args))
        except Exception as error:
            answer = (False, error)
        try:
            pipe.send(answer)
        except Exception as error:  # an answer that cannot be sent (pickled): its error, said plainly
            pipe.send((False, InternalError(f"{type(error).__name__}: {error}")))


def _end_with(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` dies (Linux); if it died before
    the request was made, end now."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL))
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


def _leave_signals_to_parent() -> None:
    """Ctrl-C and a closed terminal reach every process of the terminal: the parent alone
    acts on them (it stops the workers and keeps the previous outputs), the workers say
    nothing. A SIGTERM sent to a worker alone still ends it."""
    for name in ("SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _giving_memory_back(make: Callable[..., Made], *args) -> Made:
    """``make(*args)`` in a worker, then what it freed given back to the system: the worker
    lives on, and would otherwise keep the peak of a one-off task (the template) to its end."""
    try:
        return make(*args)
    finally:
        gc.collect()
        _trim_heap()


def _trim_heap() -> None:
    try:
        ctypes.CDLL(None).malloc_trim(0)  # glibc; other C libraries keep their memory
    except (OSError, AttributeError):
        pass


def _worker_lost() -> EnvironmentProblem:
    return EnvironmentProblem(
        "docgen 的工作进程意外退出（可能是内存不足）：请关闭其他程序后重试；"
        f"仍不行时，设置环境变量 {WORKERS_VARIABLE}=1 只用一个进程"
    )


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


def worker_count() -> int:
    """How many worker processes to use: the cores this process may run on (at most a few),
    or ``DOCGEN_WORKERS``; 1 where the system cannot fork."""
    if not _can_fork():
        return 1
    return processes_asked() or min(usable_cores(), _MOST_WORKERS)


def processes_asked() -> int | None:
    """How many processes ``DOCGEN_WORKERS`` asks docgen to work with; None where it is not set."""
    wanted = os.environ.get(WORKERS_VARIABLE, "").strip()
    return int(wanted) if wanted.isdigit() and int(wanted) >= 1 else None


def usable_cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _can_fork() -> bool:
    # Only Linux: macOS can fork but its system libraries are not safe after a fork,
    # and Windows cannot; spawning fresh interpreters there would cost more than it saves.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
