"""docgen's private LibreOffice profile is one LibreOffice takes for a profile it has
started before: it skips the graphics self-tests of a first start (most of its start)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from docgen.office import soffice
from support.renderer import require_renderer

MAIN_XCD = b"""<oor:data><oor:component-data oor:name="Setup" oor:package="org.openoffice">
<node oor:name="Product"><prop oor:name="ooName"><value>LibreOffice</value></prop>
<prop oor:name="ooSetupVersion">
  <value>24.8</value>
</prop><prop oor:name="ooSetupVersionAboutBox"><value>24.8.3.2</value></prop></node></oor:component-data></oor:data>"""


def _install(root: Path, program: str, registry: str) -> Path:
    """A LibreOffice laid out under ``root``: its program and its configuration's main.xcd."""
    (root / program).mkdir(parents=True)
    (root / program / "soffice").write_text("#!/bin/sh\n")
    (root / registry).mkdir(parents=True)
    (root / registry / "main.xcd").write_bytes(MAIN_XCD)
    return root / program / "soffice"


def test_the_version_is_read_beside_the_program_the_command_leads_to(tmp_path):
    program = _install(tmp_path / "lib" / "libreoffice", "program", "share/registry")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "soffice").symlink_to(program)  # /usr/bin/soffice on Debian
    assert soffice.installed_version(tmp_path / "bin" / "soffice") == "24.8"


def test_the_version_of_a_mac_install(tmp_path):
    program = _install(tmp_path / "LibreOffice.app" / "Contents", "MacOS", "Resources/registry")
    assert soffice.installed_version(program) == "24.8"


def test_without_its_configuration_no_version_is_claimed(tmp_path):
    (tmp_path / "program").mkdir()
    (tmp_path / "program" / "soffice").write_text("#!/bin/sh\n")
    assert soffice.installed_version(tmp_path / "program" / "soffice") is None
    assert "ooSetupLastVersion" not in soffice.offline_settings(None)
    assert "<value>24.8</value>" in soffice.offline_settings("24.8")


def _convert_on(profile: Path, report: Path) -> bool:
    """``report`` converted to PDF by the real LibreOffice on ``profile`` (as docgen runs it):
    whether it ended well, the PDF made."""
    out = profile.parent / "pdf"
    finished = subprocess.run(
        [str(soffice.find_soffice()), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), str(report)],
        capture_output=True, timeout=300, env=soffice.office_environment(profile),
    )
    return finished.returncode == 0 and (out / f"{report.stem}.pdf").is_file()


@pytest.mark.office
def test_libreoffice_started_on_docgens_profile_skips_its_first_start_self_tests(sample_build, tmp_path):
    require_renderer()
    profile = tmp_path / "profile"
    assert _convert_on(profile, sample_build.report_paths[0])
    assert soffice.installed_version(soffice.find_soffice())  # this machine's LibreOffice is found
    assert not (profile / "user" / "GraphicsRenderTests.log").exists()


@pytest.mark.office
def test_a_fresh_profile_would_have_run_them(sample_build, tmp_path):
    """The test above can fail: the same run on a profile without the version runs the tests."""
    require_renderer()
    version = soffice.installed_version(soffice.find_soffice()) or "0"
    if tuple(int(part) for part in version.split(".")[:2]) < (7, 2):
        pytest.skip("LibreOffice before 7.2 has no first-start self-tests")
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(soffice.offline_settings(None), encoding="utf-8")
    assert _convert_on(profile, sample_build.report_paths[0])
    assert (profile / "user" / "GraphicsRenderTests.log").exists()
