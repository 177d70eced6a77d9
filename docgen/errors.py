"""Errors a user can cause, each with a Chinese message naming file and line."""

from __future__ import annotations

from .model import Origin


class DocgenError(Exception):
    """Any failure that ends a command with a message instead of a traceback."""

    exit_code = 1

    def __init__(self, message: str, origin: Origin | None = None):
        super().__init__(message)
        self.message = message
        self.origin = origin

    def __str__(self) -> str:
        if self.origin is None:
            return self.message
        return f"{self.origin}：{self.message}"


class InputError(DocgenError):
    """The user's input is wrong: exit code 1."""


class UsageError(DocgenError):
    """The command line is wrong: exit code 2."""

    exit_code = 2
