"""Fixtures shared by the test modules: paths, and the sample volume built once."""

from __future__ import annotations

import shutil

import pytest

from support.paths import SAMPLE_INPUTS


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
