"""The Pagefind search index, in bundles that a rebuild re-indexes only when they changed.

Article pages are split by date: one bundle per year (``pagefind/2024/``), and
the newest year, where stories arrive, one per month once it has more than
``SPLIT_NEWEST_YEAR_ABOVE`` pages (``pagefind/2025-12/``). A bundle's signature is
made from the signatures of its article pages (the build's manifest, see
incremental.py), so adding one story today re-indexes this month's or this
year's pages, not the archive. Each article page is indexed in its own language
(its ``<html lang>``: English articles as English), so a bundle holds one index per
language; the search page loads the newest bundle in its own language and merges
the others and the other languages (Pagefind's ``mergeIndex``, see
``bundle_languages`` and theme/static/js/search.js); the UI files are kept once, in
``pagefind/``. Each bundle costs the reader a small download on the first
search (its entry file and WebAssembly reader), so there are few of them.

If article pages are not saved under their date (``ARTICLE_SAVE_AS`` changed),
the whole site is one bundle, ``pagefind/all/``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path
from typing import Any

from newsdigest.site.incremental import hash_parts
from newsdigest.site.state import read_json_object
from newsdigest.write.files import write_atomic

FOLDER = "pagefind"
STATE = "bundles.json"
ENTRY = "pagefind-entry.json"  # a bundle without it cannot be searched
WHOLE_SITE = "all"
SPLIT_NEWEST_YEAR_ABOVE = 1000  # pages; re-indexing that many takes about a second
# What the search page loads once, from pagefind/; each bundle keeps only its index.
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
UNUSED_IN_BUNDLES = (
    *UI_FILES,
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
_ARTICLE_PAGE = re.compile(r"(\d{4})/(\d{2})/\d{2}/[^/]+/index\.html")


class SearchIndexError(Exception):
    """Pagefind failed; the message is its own."""


def by_date(settings: Mapping[str, Any]) -> bool:
    """Whether article pages live under their date, so bundles can follow it."""
    return str(settings["ARTICLE_SAVE_AS"]).startswith("{datepath}/")


def plan_bundles(pages: Iterable[str], dated: bool = True) -> dict[str, list[str]]:
    """bundle name -> its article pages, newest bundle first."""
    pages = list(pages)
    if not dated:
        return {WHOLE_SITE: sorted(pages)} if pages else {}
    matched = [(m, page) for page in pages if (m := _ARTICLE_PAGE.fullmatch(page))]
    if not matched:
        return {}
    newest_year = max(m.group(1) for m, _ in matched)
    split = sum(m.group(1) == newest_year for m, _ in matched) > SPLIT_NEWEST_YEAR_ABOVE
    bundles: dict[str, list[str]] = defaultdict(list)
    for m, page in matched:
        year, month = m.groups()
        bundles[f"{year}-{month}" if split and year == newest_year else year].append(page)
    return {name: sorted(bundles[name]) for name in sorted(bundles, reverse=True)}


def bundle_languages(
    bundles: Mapping[str, list[str]], langs: Mapping[str, str], page_lang: str
) -> list[str]:
    """The languages of each bundle's pages (``id,en``), in the order of ``bundles``.

    Pagefind indexes each page in the language of its ``<html lang>`` and keeps one
    index per language in a bundle; a search page loads the index of its own language.
    To find English articles from an Indonesian page, the search page merges each
    other language of a bundle too, only where the bundle has pages in it (Pagefind
    answers a language a bundle lacks with its biggest index: results would come
    twice). ``langs`` maps each article page to its language; ``page_lang`` (the
    search page's) comes first, then by number of pages.
    """
    found = []
    for pages in bundles.values():
        counts = Counter(langs.get(page, page_lang) for page in pages)
        ordered = sorted(counts, key=lambda lang: (lang != page_lang, -counts[lang], lang))
        found.append(",".join(ordered))
    return found


def index_search(output: Path, signatures: Mapping[str, str], dated: bool = True) -> list[str]:
    """Bring ``output/pagefind`` up to date with the article pages; the bundles re-indexed.

    ``signatures`` maps each page written by the build to the signature of its inputs.
    """
    return start_indexing(output, signatures, dated).finish()


class Indexing:
    """Pagefind re-indexing the stale bundles in the background (``finish`` waits for it).

    Started as soon as the article pages are written (generator.py), so Pagefind, a
    process of its own, reads them while the build renders the other pages; each bundle
    reads only article pages (``YYYY/MM/DD/slug/index.html``), which are all written by
    then, never an edition or term page being written.
    """

    def __init__(self, output: Path, signatures: Mapping[str, str], dated: bool) -> None:
        self.output = output
        self.folder = folder = output / FOLDER
        self.plan = plan = plan_bundles(signatures, dated)
        self.wanted = {name: _bundle_signature(pages, signatures) for name, pages in plan.items()}
        previous = read_json_object(folder / STATE)
        self.stale = [
            name
            for name in plan
            if previous.get(name) != self.wanted[name] or not (folder / name / ENTRY).exists()
        ]
        if not (folder / UI_FILES[0]).exists():
            self.stale = list(plan)  # an output folder from an older layout: start afresh
        for entry in folder.iterdir() if folder.is_dir() else ():
            if entry.name not in (*plan, STATE, *UI_FILES):
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()  # bundles gone
        jobs = min(len(self.stale), os.cpu_count() or 1) or 1
        self.pool = ThreadPoolExecutor(jobs)
        self.running = [
            self.pool.submit(_index_bundle, output, name, plan[name], dated) for name in self.stale
        ]

    def finish(self) -> list[str]:
        """Wait for Pagefind; keep one copy of its UI files; record each bundle's signature."""
        try:
            for job in self.running:
                job.result()  # SearchIndexError: the first bundle that failed
        finally:
            self.pool.shutdown(wait=True)
        folder, stale = self.folder, self.stale
        if stale:  # each fresh bundle comes with Pagefind's UI files: one copy, in pagefind/
            for ui_file in UI_FILES:
                shutil.copyfile(folder / stale[0] / ui_file, folder / ui_file)
            for name in stale:
                for unused in UNUSED_IN_BUNDLES:
                    (folder / name / unused).unlink(missing_ok=True)
        folder.mkdir(exist_ok=True)
        write_atomic(folder / STATE, json.dumps(self.wanted, indent=1, sort_keys=True))
        return stale


_STARTED: dict[str, Indexing] = {}  # output folder -> the indexing its build started


def start_indexing(output: Path, signatures: Mapping[str, str], dated: bool = True) -> Indexing:
    """Start re-indexing the stale bundles of ``signatures``'s article pages; ``finish()`` waits.

    The build's ``finalized`` step takes it back with ``started_indexing``.
    """
    indexing = _STARTED[str(output)] = Indexing(output, signatures, dated)
    return indexing


def started_indexing(output: Path) -> Indexing | None:
    """The indexing this build started for ``output``, if any (once)."""
    return _STARTED.pop(str(output), None)


def is_article_page(name: str) -> bool:
    """Whether ``name`` is a dated article page (``2024/07/25/slug/index.html``)."""
    return _ARTICLE_PAGE.fullmatch(name) is not None


def _bundle_signature(pages: list[str], signatures: Mapping[str, str]) -> str:
    return hash_parts([version("pagefind"), *(f"{page} {signatures[page]}" for page in pages)])


@functools.cache
def _pagefind() -> list[str]:
    """The command running Pagefind: its binary, found as ``python -m pagefind`` finds it, so
    Python does not start again for every bundle; else ``python -m pagefind`` itself."""
    try:
        from pagefind.service import get_executable

        found = get_executable()
    except Exception:  # an older or a changed pagefind package: let it find its binary
        found = None
    return [str(found)] if found is not None else [sys.executable, "-m", "pagefind"]


def _index_bundle(output: Path, name: str, pages: list[str], dated: bool) -> None:
    shutil.rmtree(output / FOLDER / name, ignore_errors=True)
    command = [
        *_pagefind(), "--site", str(output), "--silent", "--output-subdir", f"{FOLDER}/{name}",
    ]  # fmt: skip
    if dated:  # a year's (2024/) or a month's (2025/12/) article pages: YYYY/MM/DD/slug/
        pattern = "{}/*/*/*/index.html" if len(name) == 4 else "{}/*/*/index.html"
        command += ["--glob", pattern.format(pages[0][:4] if len(name) == 4 else pages[0][:7])]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"{name}: {done.stderr.strip() or done.stdout.strip()}")
