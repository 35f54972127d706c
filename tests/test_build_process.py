"""The build's process: the garbage collector held off while posts are read, and the
command ending at once with everything it printed flushed."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pelican import signals

from conftest import FIXTURES, ROOT, BuiltSite, run_cli
from newsdigest.cli import main
from newsdigest.site import garbage


@pytest.fixture
def collector_restored():
    was = gc.isenabled()
    yield
    gc.unfreeze()
    gc.enable() if was else gc.disable()


@pytest.mark.usefixtures("collector_restored")
def test_the_collector_is_off_while_reading_frozen_after_and_as_it_was_at_the_end() -> None:
    gc.enable()
    with garbage.held():
        assert not gc.isenabled()
        kept = [object() for _ in range(1000)]
        garbage.read_done()
        assert gc.isenabled() and gc.get_freeze_count() >= len(kept)
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.usefixtures("collector_restored")
def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with garbage.held():
        garbage.read_done()
        assert not gc.isenabled()
    assert not gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.usefixtures("collector_restored")
def test_a_build_within_a_build_freezes_once_and_leaves_the_callers_frozen_objects() -> None:
    gc.enable()
    gc.freeze()  # the caller's
    frozen = gc.get_freeze_count()
    with garbage.held():
        with garbage.held():  # the inner one leaves it to the outer
            garbage.read_done()
        after_first = gc.get_freeze_count()
        kept = [object() for _ in range(1000)]
        garbage.read_done()  # the outer build's: it already froze
        assert gc.get_freeze_count() == after_first and kept
    assert gc.isenabled() and gc.get_freeze_count() >= frozen  # still the caller's


@pytest.mark.usefixtures("collector_restored")
def test_outside_a_build_the_plugin_leaves_the_collector_alone() -> None:
    gc.enable()
    garbage.read_done()  # Pelican's own command (`pelican`, serve) with the plugin
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.usefixtures("collector_restored")
def test_a_build_reads_with_the_collector_off_and_renders_with_it_on(
    built_site: BuiltSite, tmp_path: Path
) -> None:
    from newsdigest.site.build import build_site

    content = tmp_path / "content"
    shutil.copytree(built_site.content, content, ignore=shutil.ignore_patterns(".cache"))
    seen: dict[str, bool] = {}

    def reading(_generator: object) -> None:
        seen["reading"] = gc.isenabled()

    def rendering(_path: object, **_context: object) -> None:  # each page written
        seen.setdefault("rendering", gc.isenabled())

    signals.article_generator_finalized.connect(reading)
    signals.content_written.connect(rendering)
    try:
        gc.enable()
        assert build_site(ROOT / "pelicanconf.py", tmp_path / "out", content) == 0
    finally:
        signals.article_generator_finalized.disconnect(reading)
        signals.content_written.disconnect(rendering)
    assert seen == {"reading": False, "rendering": True}
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_the_command_prints_all_it_has_to_say_and_its_status(
    capsys: pytest.CaptureFixture[str],
) -> None:
    article = FIXTURES / "seed" / "as-jepang-korea-selatan-apec.txt"
    args = ["inspect", str(article), "--reference-date", "2025-12-31"]
    assert main(args) == 0
    expected = capsys.readouterr().out
    done = run_cli(*args)
    assert done.returncode == 0 and done.stdout == expected and expected.strip()
    missing = run_cli("build", "--settings", str(ROOT / "no-such-settings.py"))
    assert missing.returncode == 2 and "no-such-settings.py" in missing.stderr
    # started with its output closed (cron, daemons): nothing to print to, no error
    closed = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m newsdigest "$@" >&-', "sh", *args],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert closed.returncode == 0 and not closed.stderr


@pytest.mark.usefixtures("collector_restored")
def test_a_rebuild_looks_at_each_post_once(
    built_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kept Articles look at each post's file once (kept.py); nothing else does (the
    site's stamps are the ones taken when a post was read)."""
    import os

    from newsdigest.site.build import build_site

    content = tmp_path / "content"
    shutil.copytree(built_site.content, content, ignore=shutil.ignore_patterns(".cache"))
    posts = len(list((content / "posts").glob("*.md")))
    assert build_site(ROOT / "pelicanconf.py", tmp_path / "out", content) == 0
    looked: list[str] = []
    stat = os.stat  # what os.path.getmtime and pathlib call too

    def counting_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).endswith(".md"):
            looked.append(str(path))
        return stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", counting_stat)
    assert build_site(ROOT / "pelicanconf.py", tmp_path / "out", content) == 0
    assert len([p for p in looked if p.endswith(".md")]) == posts
