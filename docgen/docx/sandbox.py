"""The jinja2 environment a user's template renders in: sandboxed, and on a budget.

jinja2's sandbox keeps a template away from Python's internals, and caps one
``range()`` at 100,000 items, but two nested loops still make 10¹⁰ iterations
and ``"x" * 10**10`` still asks for 10 GB. Here every line the compiled
template executes is counted (a trace function on template frames only), the
render stops after an operation budget or a time limit, and repetition by
``*`` and ``**`` is capped.
"""

from __future__ import annotations

import sys
import time

from jinja2 import Template as JinjaTemplate
from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_OPERATIONS = 1_000_000  # lines of template code run in one render; a real template runs a few hundred
MAX_SECONDS = 10.0
MAX_REPEAT = 100_000  # items or characters a * may make
MAX_EXPONENT = 100
_TEMPLATE_FILE = "<template>"  # jinja2's file name for templates made by from_string


class TemplateTooCostly(Exception):
    """The template ran past its operation budget or time limit."""


class _Budget:
    def __init__(self, operations: int, seconds: float):
        self.left = operations
        self.deadline = time.monotonic() + seconds

    def trace_calls(self, frame, event, arg):
        return self._count_lines if frame.f_code.co_filename == _TEMPLATE_FILE else None

    def _count_lines(self, frame, event, arg):
        if event == "line":
            self.left -= 1
            if self.left <= 0 or (self.left % 4096 == 0 and time.monotonic() > self.deadline):
                raise TemplateTooCostly
        return self._count_lines


class _BudgetedTemplate(JinjaTemplate):
    def render(self, *args, **kwargs):
        previous = sys.gettrace()
        sys.settrace(self.environment.budget.trace_calls)
        try:
            return super().render(*args, **kwargs)
        finally:
            sys.settrace(previous)


class TemplateEnvironment(SandboxedEnvironment):
    """A sandbox whose renders share one budget (all parts of one document)."""

    template_class = _BudgetedTemplate
    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, operations: int = MAX_OPERATIONS, seconds: float = MAX_SECONDS, **options):
        super().__init__(**options)
        self.budget = _Budget(operations, seconds)

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"乘方的指数太大（超过 {MAX_EXPONENT}）")
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
                    if len(sequence) * count > MAX_REPEAT:
                        raise SecurityError(f"重复的结果太长（超过 {MAX_REPEAT} 项）")
        return super().call_binop(context, operator, left, right)
