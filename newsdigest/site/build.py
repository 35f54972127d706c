"""``newsdigest build`` and ``serve``: Pelican with the project's settings file.

A build holds the output folder's lock (newsdigest/lock.py) from start to end, so
two builds, or a build and a publish, never write the same folder at once. Every
error logged during the build is printed to stderr as it happens, ``error:
<message>``, with the reason Pelican itself leaves out: a post it could not read
is named with why (``error: Could not process posts/a.md: no 'Date:' line in the
header``). The post is left out; the rest of the site is built and the exit
status is 1. newsdigest's own warnings (a post dated in the future) are printed
too, ``warning: <message>``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican import main as pelican_main
from pelican.log import console
from pelican.settings import get_settings_from_file, read_settings

from newsdigest.lock import LockedError, lock_folder
from newsdigest.site import garbage
from newsdigest.site.labels import SettingsError

PACKAGED_THEME = "newsdigest"  # THEME naming the theme installed with the package


def packaged_theme() -> Path:
    """The theme folder installed with the package (in a source checkout: ``theme/``)."""
    from importlib.util import find_spec

    spec = find_spec("newsdigest.theme")  # a folder of templates, not a module
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location, "templates").is_dir():
            return Path(location)
    return Path(__file__).resolve().parents[2] / "theme"  # a checkout run uninstalled


def _theme(settings_file: Path) -> Path | None:
    """The packaged theme, when the settings name it (``THEME = "newsdigest"``)."""
    if get_settings_from_file(str(settings_file)).get("THEME") == PACKAGED_THEME:
        return packaged_theme()
    return None


def load_settings(
    settings_file: Path, output: Path | None = None, content: Path | None = None
) -> dict[str, Any]:
    """Pelican settings from ``settings_file``, with the output and content folders overridden."""
    if not settings_file.is_file():
        raise SettingsError("no such settings file")
    override = {}
    theme = _theme(settings_file)
    if theme is not None:
        override["THEME"] = str(theme)
    if output:
        override["OUTPUT_PATH"] = str(output.resolve())
    if content:
        override["PATH"] = str(content.resolve())
        override["CACHE_PATH"] = str(content.resolve() / ".cache")
    return read_settings(str(settings_file), override=override)


def build_site(
    settings_file: Path,
    output: Path | None = None,
    content: Path | None = None,
    verbosity: int = 0,
) -> int:
    """Build once; exit status 1 when anything was logged as an error (a post left out, a
    page refused, the search index) or the output folder is in use, 2 for bad settings.
    ``verbosity``: -1 errors only, 0 also newsdigest's warnings, 1 also Pelican's."""
    messages = _Messages(verbosity)
    logging.getLogger().addHandler(messages)
    try:
        try:
            settings = load_settings(settings_file, output, content)
        except (SettingsError, ValueError) as error:  # Pelican: bad settings are ValueError
            print(f"error: {settings_file}: {error}", file=sys.stderr)
            return 2
        with lock_folder(Path(settings["OUTPUT_PATH"]), "output folder"):
            console.quiet = verbosity < 0  # Pelican's "Done: Processed ..." line
            try:
                pelican = Pelican(settings)  # the plugin checks its settings here
            except (SettingsError, ValueError) as error:
                print(f"error: {settings_file}: {error}", file=sys.stderr)
                return 2
            with garbage.held():
                pelican.run()
    except LockedError as error:  # nothing was read or written
        print(f"error: build: {error}", file=sys.stderr)
        return 1
    finally:
        logging.getLogger().removeHandler(messages)
    if messages.errors:
        print(f"build: {messages.errors} error(s), each printed above", file=sys.stderr)
        return 1
    return 0


class _Messages(logging.Handler):
    """Prints every error logged during a build, and newsdigest's own warnings; counts errors.

    Pelican's warnings are not shown: with this project's settings they are the same
    every build (feeds with relative links), so they would hide the ones that matter.
    Pelican logs a post it cannot read as ``Could not process <file>`` without the
    exception (unless DEBUG is on); the record is logged while that exception is
    being handled, so its message is added here.
    """

    def __init__(self, verbosity: int = 0) -> None:
        super().__init__(logging.WARNING)
        self.errors = 0
        self.verbosity = verbosity

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.ERROR:
            if self.verbosity < 0:
                return
            if self.verbosity == 0 and not record.name.startswith("newsdigest"):
                return
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            self.errors += 1
            handled = sys.exc_info()[1]
            if not record.exc_info and handled is not None and str(handled) not in message:
                message = f"{message}: {handled}"
        print(f"{record.levelname.lower()}: {message}", file=sys.stderr)


def serve_site(
    settings_file: Path,
    output: Path | None,
    port: int,
    content: Path | None = None,
    bind: str = "127.0.0.1",
    verbosity: int = 0,
) -> int:
    """Build, serve on ``bind`` (127.0.0.1 unless told) and rebuild (search index included)
    when posts, theme or settings change; the output folder stays locked while it serves,
    like a build."""
    argv = ["-s", str(settings_file), "--autoreload", "--listen", "--port", str(port)]
    argv += ["--bind", bind]
    if verbosity < 0:
        argv.append("--quiet")
    elif verbosity > 0:
        argv.append("--verbose")
    if output:
        argv += ["--output", str(output)]
    if content:
        argv += [str(content), "--cache-path", str(content.resolve() / ".cache")]
    try:
        settings = load_settings(settings_file, output, content)
    except (SettingsError, ValueError) as error:
        print(f"error: {settings_file}: {error}", file=sys.stderr)
        return 2
    theme = _theme(settings_file)
    if theme is not None:
        argv += ["--theme-path", str(theme)]
    try:
        with lock_folder(Path(settings["OUTPUT_PATH"]), "output folder"):
            pelican_main(argv)
    except LockedError as error:
        print(f"error: serve: {error}", file=sys.stderr)
        return 1
    return 0
