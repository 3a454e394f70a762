"""The Nu HTML Checker (vnu) over the whole output: HTML and CSS without errors."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from browsing import Site
from support import PROJECT

VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_vnu_reports_no_errors_on_the_whole_output(site: Site) -> None:
    if not (VNU.exists() and shutil.which("java")):
        pytest.fail("vnu or Java is missing: run `make test`, which installs them")
    result = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--also-check-css", "--format", "gnu",
                             str(site.output)], capture_output=True, text=True, timeout=300)
    messages = [line for line in (result.stdout + result.stderr).splitlines()
                # Read from file: URLs, 'self' in the CSP matches nothing; over https it is the site itself.
                if "Resource violates Content Security Policy" not in line]
    assert (result.returncode, messages) == (0, [])
