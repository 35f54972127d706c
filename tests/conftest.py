"""Shared fixtures: paths into the repository and a helper to run the real command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "seed" / "as-jepang-korea-selatan-apec.txt"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``newsdigest`` as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "newsdigest", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def write_article(tmp_path: Path):
    """Write an article text (str or bytes) into tmp_path/articles and return its path."""
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)

    def write(name: str, content: str | bytes) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
