"""``newsdigest build`` and ``serve``: Pelican with the project's settings file."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican import main as pelican_main
from pelican.settings import read_settings

from newsdigest.site.labels import SettingsError


def load_settings(
    settings_file: Path, output: Path | None = None, content: Path | None = None
) -> dict[str, Any]:
    """Pelican settings from ``settings_file``, with the output and content folders overridden."""
    if not settings_file.is_file():
        raise SettingsError(f"{settings_file}: no such settings file")
    override = {}
    if output:
        override["OUTPUT_PATH"] = str(output.resolve())
    if content:
        override["PATH"] = str(content.resolve())
        override["CACHE_PATH"] = str(content.resolve() / ".cache")
    return read_settings(str(settings_file), override=override)


def build_site(settings_file: Path, output: Path | None = None, content: Path | None = None) -> int:
    """Build once; exit status 2 for bad settings."""
    errors = _ErrorCounter()
    logging.getLogger().addHandler(errors)
    try:
        settings = load_settings(settings_file, output, content)
        Pelican(settings).run()
    except (SettingsError, ValueError) as error:  # Pelican reports bad settings as ValueError
        print(f"error: {settings_file}: {error}", file=sys.stderr)
        return 2
    finally:
        logging.getLogger().removeHandler(errors)
    if errors.count:
        print(f"build: {errors.count} error(s), see above", file=sys.stderr)
        return 1
    return 0


class _ErrorCounter(logging.Handler):
    """Counts the errors Pelican logs (a post it cannot read, a template that fails)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def serve_site(
    settings_file: Path, output: Path | None, port: int, content: Path | None = None
) -> int:
    """Build, serve on 127.0.0.1 and rebuild (search index included) when posts, theme or
    settings change."""
    argv = ["-s", str(settings_file), "--autoreload", "--listen", "--port", str(port)]
    if output:
        argv += ["--output", str(output)]
    if content:
        argv += [str(content), "--cache-path", str(content.resolve() / ".cache")]
    pelican_main(argv)
    return 0
