"""Fixtures shared by the test modules: paths, and the sample volume built once."""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import types

import pytest
from hypothesis import HealthCheck, settings

from support.paths import SAMPLE_INPUTS

# Property tests draw the same examples on every run (the suite must not fail by chance, nor
# by a slow moment on a busy machine); HYPOTHESIS_PROFILE=explore draws new ones to look further.
settings.register_profile("docgen", derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "docgen"))

# A test run started in the background (``nohup``, or ``&`` in a script) ignores Ctrl-C and the
# terminal's hangup, and every docgen the tests start would inherit that: the tests that signal
# docgen need the signals as a terminal delivers them.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
if hasattr(signal, "SIGHUP") and signal.getsignal(signal.SIGHUP) == signal.SIG_IGN:
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample inputs built into a fresh folder (inputs copied, so tests may not touch them)."""
    from docgen.pipeline.build import build

    work = tmp_path_factory.mktemp("sample")
    inputs = work / "inputs"
    shutil.copytree(SAMPLE_INPUTS, inputs)
    return build(inputs, work / "outputs")


@pytest.fixture
def sample_inputs(tmp_path):
    """A private, writable copy of the sample inputs."""
    inputs = tmp_path / "inputs"
    shutil.copytree(SAMPLE_INPUTS, inputs)
    return inputs


@pytest.fixture
def clock(monkeypatch):
    """docgen's clock, which dates the files it writes, set by the test: ``clock(moment)``
    (an aware datetime); so that two builds compared fall on the day the test says, not
    on either side of a midnight the run happens to cross."""
    from docgen.docx import properties as docprops

    class Clock(datetime.datetime):
        moment = datetime.datetime(2026, 11, 20, 8, 0, tzinfo=datetime.timezone.utc)

        @classmethod
        def now(cls, tz=None):
            return cls.moment.astimezone(tz)

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(docprops, "datetime", types.SimpleNamespace(datetime=Clock, timezone=datetime.timezone))

    def set_to(moment: datetime.datetime) -> None:
        Clock.moment = moment

    return set_to
