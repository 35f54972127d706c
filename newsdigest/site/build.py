"""``newsdigest build`` and ``serve``: Pelican with the project's settings file."""

from __future__ import annotations

import sys
from pathlib import Path

from pelican import Pelican
from pelican import main as pelican_main
from pelican.settings import read_settings

from newsdigest.site.labels import SettingsError


def load_settings(settings_file: Path, output: Path | None = None) -> dict:
    if not settings_file.is_file():
        raise SettingsError(f"{settings_file}: no such settings file")
    override = {"OUTPUT_PATH": str(output)} if output else {}
    return read_settings(str(settings_file), override=override)


def build_site(settings_file: Path, output: Path | None = None) -> int:
    """Build once; exit status 1 when Pelican reports errors."""
    try:
        settings = load_settings(settings_file, output)
        pelican = Pelican(settings)
        pelican.run()
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def serve_site(settings_file: Path, output: Path | None, port: int) -> int:
    """Build, serve on 127.0.0.1 and rebuild when posts, theme or settings change."""
    argv = ["-s", str(settings_file), "--autoreload", "--listen", "--port", str(port)]
    if output:
        argv += ["--output", str(output)]
    pelican_main(argv)
    return 0
