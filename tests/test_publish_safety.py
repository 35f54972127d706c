"""Publishing never deletes or overwrites what it did not write: each refusal for real,
with real folders, git repositories and rsync, and the state checked afterwards."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, BuiltSite, run_cli

SITEURL = "https://news.example.org/digest"


def publish(
    built_site: BuiltSite, *target: str, siteurl: str = SITEURL, **env: str
) -> subprocess.CompletedProcess[str]:
    """``newsdigest publish`` with the project's publishconf.py and the session's posts."""
    return run_cli(
        "publish", "--settings", str(ROOT / "publishconf.py"), "--content",
        str(built_site.content), *target, env={"NEWSDIGEST_SITEURL": siteurl, **env},
    )  # fmt: skip


def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every path under ``folder`` with its mode, size and modification time."""
    state = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        state[str(path.relative_to(folder))] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return state


# -- the site address ---------------------------------------------------------------------


def test_publish_without_a_site_address_refuses_before_building(
    tmp_path: Path, built_site: BuiltSite
) -> None:
    target = tmp_path / "public"
    done = publish(built_site, "--to", str(target), siteurl="")
    assert done.returncode == 1
    assert "NEWSDIGEST_SITEURL" in done.stderr and "publishconf.py" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []  # nothing built, nothing made


@pytest.mark.parametrize(
    "siteurl",
    ["ftp://x", "example.org", "javascript:alert(1)", "https://", "https://ex ample.org",
     "https://example.org:port/", "https://example.org/?page=1", "/digest"],
)  # fmt: skip
def test_publish_refuses_a_site_address_that_is_not_a_web_address(
    tmp_path: Path, built_site: BuiltSite, siteurl: str
) -> None:
    target = tmp_path / "public"
    done = publish(built_site, "--to", str(target), siteurl=siteurl)
    assert done.returncode == 1
    assert "is not an http or https address" in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []
