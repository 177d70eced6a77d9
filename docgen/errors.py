"""Errors by cause, each ending a command with a Chinese message and no traceback:
the user's input (naming file and line), the environment (saying what to
install or close), and docgen's own faults (saying so)."""

from __future__ import annotations

from .core.findings import Finding
from .core.model import Origin


class DocgenError(Exception):
    """Any failure that ends a command with a message instead of a traceback."""

    exit_code = 1

    def __init__(self, message: str, origin: Origin | None = None):
        super().__init__(message)
        self.message = message
        self.origin = origin
        self.notes: list[Finding] = []  # what else the user should hear, e.g. an earlier run recovered

    def __str__(self) -> str:
        if self.origin is None:
            return self.message
        return f"{self.origin}：{self.message}"

    def __reduce__(self):
        # raised in a worker process (docgen.parallel.workers), told by the parent: origin and notes come along
        return type(self), (self.message, self.origin), {"notes": self.notes}


class InputError(DocgenError):
    """The user's input is wrong: exit code 1."""


class UsageError(DocgenError):
    """The command line is wrong: exit code 2."""

    exit_code = 2


class EnvironmentProblem(DocgenError):
    """The machine, not the input: a program missing or failing (LibreOffice,
    poppler), a full disk, a file locked by another program. Exit code 1; the
    message says what to install or close."""


class InternalError(DocgenError):
    """docgen's own fault (its page model disagreeing with LibreOffice, say):
    the message says so and asks for a report."""

    REPORT_HINT = "这是 docgen 自身的问题，不是您的输入有误。请把这段信息和输入文件发给维护者。"

    def __str__(self) -> str:
        return f"{super().__str__()}\n{self.REPORT_HINT}"
