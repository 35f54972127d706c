"""Rebuilds that render only the pages whose inputs changed.

An article page depends on its post, the articles it links to (its story's
other coverage, related coverage, older and newer) and the theme, plugin and settings; each
page of a term (numbered from the oldest, pagination.py: a full numbered page lists
the same articles whatever arrives later) or an edition page on the articles it lists and
what it shows of them (an article's story marker; an edition's stories and
their articles); a story page on its articles. The writer keeps a manifest of a signature of those
inputs per page (``.newsdigest-manifest.json`` in the output folder); a page
whose signature is unchanged and whose files are still there is not rendered
again; a feed likewise (its articles, their posts, the settings). Home, indexes
and archives are rendered each build. After the build, HTML pages and feeds
that the last build recorded in its manifest and that no longer belong to the
site (an article removed, a term gone) are deleted; without a manifest nothing
is deleted, whatever else the folder holds.

Before writing any file the writer checks that its resolved path (symbolic links
followed) is inside the output folder and that no other page of this build has
written or kept it; a file failing either is not written, and an error says why.

Article pages to render are held back until ``render_deferred`` (once Pelican has
asked for all of them): with many of them and a second core, a forked copy of the
build renders the older half while this process renders the newer half (each
half's related cards mostly its own), then hands back the files it wrote, the
cards it rendered and its log records. The pages are the same bytes either way.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import stat
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pelican.paginator import Paginator
from pelican.utils import sanitised_join
from pelican.writers import Writer

import newsdigest
from newsdigest.forks import fork_workers
from newsdigest.site import fragments
from newsdigest.site.feeds import Entries, make_feed
from newsdigest.site.state import MANIFEST, read_manifest
from newsdigest.write.files import write_atomic

logger = logging.getLogger(__name__)

# Files the build owns and removes when they are not written again; pagefind/ is
# rebuilt whole and theme/ is copied by Pelican.
OWNED_SUFFIXES = (".html", ".xml")
NOT_OURS = ("pagefind", "theme", "sitemap.xml")
PARALLEL_FROM = 400  # article pages to render for a second process to take half of them


def tree_hash(folders: tuple[str, ...]) -> str:
    """A hash of every file under ``folders`` (the theme, the plugin's code and data).

    Made anew for each build: ``newsdigest serve`` rebuilds in one process after a
    theme edit.
    """
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _card(article: Any) -> str:
    """A digest of what a page shows of an article it links to, made once per build.

    Its tags too: article pages and feeds show them, and a tag's name can change
    without its post changing (another post joins it to a fuller name).
    """
    card = getattr(article, "_newsdigest_card", None)
    if card is None:
        shown = [
            article.href,
            article.title,
            article.date.isoformat(),
            str(getattr(article, "source", None)),
            *(f"c:{term.name}" for term in getattr(article, "countries", ())),
            *(f"t:{term.name}" for term in getattr(article, "topics", ())),
            *(f"g:{term.name} {term.url}" for term in getattr(article, "tags", ())),
            _story_marker(article),  # the story marker on term pages
        ]
        card = hash_parts(shown)
        article._newsdigest_card = card
    return card


def _story_marker(article: Any) -> str:
    story = getattr(article, "story", None)
    return f"s:{story.url} {story.size}" if story is not None else "s:-"


def hash_parts(parts: Iterable[str]) -> str:
    """One hash of several strings, kept apart (a separator no field holds)."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def settings_state(settings: dict[str, Any]) -> list[tuple[str, str]]:
    """The settings as text, leaving out what has no stable text (functions in filters)."""
    state = []
    for key, value in sorted(settings.items()):
        text = repr(value)
        if key.isupper() and " at 0x" not in text:
            state.append((key, text))
    return state


def build_state(settings: dict[str, Any]) -> str:
    """What every page depends on, hashed: the theme and plugin code, and the settings."""
    code = tree_hash((settings["THEME"], os.path.dirname(newsdigest.__file__)))
    return hash_parts([code, json.dumps(settings_state(settings))])


STAMP = "post_stamp"  # the metadata field a post's stamp is read into (reader.py)


def stamp_of(path: str) -> str:
    """A post file as it is now: path, modification time, size, inode and change time (an
    edit of the same length within one tick of a coarse clock still changes the last two:
    a write through a rename makes a new file, and nothing sets the change time back)."""
    post = os.stat(path)
    return f"{path} {post.st_mtime_ns} {post.st_size} {post.st_ino} {post.st_ctime_ns}"


def post_stamp(article: Any) -> str:
    """The post file as it was when read: stamped by the reader before it read the text, so
    an edit made during a build is seen by the next one. For an article no reader stamped,
    looked at now, once per build (an article is listed on many pages)."""
    stamp = getattr(article, STAMP, None)
    if stamp is None:
        stamp = stamp_of(article.source_path)
        setattr(article, STAMP, stamp)
    return str(stamp)


def article_signature(article: Any, common: str) -> str:
    """Everything an article page is made from, hashed: its story's other coverage too."""
    linked = [_card(other) for other in getattr(article, "same_story", ())]
    linked.append("|")
    linked += [_card(other) for other in getattr(article, "related", ())]
    for side in ("older", "newer"):  # the page shows their address and title only
        other = getattr(article, side, None)
        linked.append(f"{other.href}\x1e{other.title}" if other is not None else "-")
    return hash_parts([common, post_stamp(article), _card(article), *linked])


def feed_signature(path: str, articles: Iterable[Any], details: list[str], common: str) -> str:
    """Everything a feed is made from, hashed: its articles carry their whole text."""
    return hash_parts([common, path, *details, *(f"{_card(a)} {post_stamp(a)}" for a in articles)])


def listing_signature(name: str, kwargs: dict[str, Any], common: str) -> str:
    """Everything a term or edition page is made from, hashed."""
    term, edition, story = kwargs.get("term"), kwargs.get("edition"), kwargs.get("story")
    articles = kwargs.get("articles") or (edition.articles if edition is not None else [])
    if story is not None:
        articles = story.articles
        parts_story = [f"story {story.id} {story.url}"]
    else:
        parts_story = []
    parts = [common, name, *parts_story]
    if term is not None:
        parts += [term.name, term.slug, term.flag, *term.aliases, f"count {kwargs.get('count')}"]
        page = kwargs.get("articles_page")
        if page is not None:  # its number and where its links go
            parts += [f"page {page.number}"]
            parts += [other.url if other else "-" for other in (page.newer, page.older)]
    for article in articles:  # the post's stamp stands for its summary, made from the post
        parts += [_card(article), post_stamp(article)]
    for kind, listed in (kwargs.get("companions") or {}).items():
        parts.append(kind)
        parts += [f"{other.name} {other.url} {count}" for other, count in listed]
    if edition is not None:
        parts += [edition.key, str(kwargs.get("kind"))]
        for story in getattr(edition, "stories", ()):  # what the edition lists: its stories
            parts += [f"story {story.id} {story.url}", *(_card(a) for a in story.articles)]
            parts += [post_stamp(story.lead)]
        parts += [f"{e.key} {e.url}" if e else "-" for e in (edition.previous, edition.next)]
    return hash_parts(parts)


class IncrementalWriter(Writer):
    """Pelican's writer, skipping article, term and edition pages whose signature is unchanged,
    and refusing any file outside the output folder or written twice in one build."""

    def __init__(self, output_path: str, settings: dict[str, Any]) -> None:
        super().__init__(output_path, settings)
        self.manifest_path = Path(output_path) / MANIFEST
        manifest = read_manifest(self.manifest_path)
        self.previous: dict[str, str] = manifest.get("signatures", {})
        # The files the last build wrote: the only ones finish() may remove.
        self.previous_files: list[str] = manifest.get("files", [])
        self.current: dict[str, str] = {}
        self.common = build_state(settings)
        self.produced: set[str] = set()
        self.owners: dict[str, str] = {}  # file -> what wrote or kept it in this build
        self.root = os.path.realpath(output_path)
        self.resolved: dict[str, str] = {}  # path -> real path, for the folders seen
        self.there: dict[str, bool] = {}  # path -> whether it was there when resolved
        self.entries: Entries = {}  # feed entries written in this build (feeds.make_feed)
        self.skipped = 0
        # article pages to render, held back for render_deferred (None: render at once)
        self.deferred: list[tuple[str, Any, Any, tuple[Any, ...], dict[str, Any]]] | None = []

    def write_file(self, name: str, template: Any, context: Any, *args: Any, **kwargs: Any) -> Any:
        if not name:
            return super().write_file(name, template, context, *args, **kwargs)
        article = kwargs.get("article")
        files = self._files(name, kwargs)
        if not self._claim(files, article.source_path if article is not None else name):
            return None
        signature = None
        if article is not None and not kwargs.get("paginated"):
            signature = article_signature(article, self.common)
        elif any(kwargs.get(kind) is not None for kind in ("term", "edition", "story")):
            signature = listing_signature(name, kwargs, self.common)
        if signature is not None and self._unchanged(name, signature, files):
            self.produced.update(files)
            self.skipped += 1
            return None
        self.produced.add(name)
        if self.deferred is not None and article is not None and not kwargs.get("paginated"):
            self.deferred.append((name, template, context, args, kwargs))
            return None
        return super().write_file(name, template, context, *args, **kwargs)

    def write_data(self, name: str, signature: str | None, make: Callable[[], str]) -> None:
        """Write ``make()`` to ``name`` (a data file, stories.json), unless the last build
        wrote it from the same inputs (``signature``; None: always written) and it is there."""
        if not self._claim([name], name):
            return
        self.produced.add(name)
        if signature is None or not self._unchanged(name, signature, [name]):
            write_atomic(Path(self.root) / name, make())

    def render_deferred(self) -> None:
        """Render the article pages held back, in two processes when there are many."""
        items, self.deferred = self.deferred or [], None  # pages asked for later render at once
        if len(items) < PARALLEL_FROM or fork_workers() < 2:
            self._render(items)
            return
        half = len(items) // 2  # Pelican lists articles newest first
        theirs, mine = items[half:], items[:half]
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the second process: render, report, leave without cleaning up
            os.close(read_end)
            try:
                report = self._render_reported(theirs)
            except BaseException:
                report = {"error": traceback.format_exc()}
            try:
                with os.fdopen(write_end, "wb") as pipe:
                    pickle.dump(report, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(0)
        os.close(write_end)
        try:
            self._render(mine)
        finally:
            with os.fdopen(read_end, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
        self._take_report(pickle.loads(data) if data else {"error": "it stopped without a report"})
        logger.debug("%d article pages rendered by a second process", len(theirs))

    def _render(self, items: list[tuple[str, Any, Any, tuple[Any, ...], dict[str, Any]]]) -> None:
        for name, template, context, args, kwargs in items:
            super().write_file(name, template, context, *args, **kwargs)

    def _render_reported(self, items: list[Any]) -> dict[str, Any]:
        """In the second process: render ``items``; what the first needs of it, with its log."""
        records: list[tuple[str, int, str]] = []

        class Keep(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                records.append((record.name, record.levelno, record.getMessage()))

        root = logging.getLogger()
        for handler in root.handlers[:]:
            root.removeHandler(handler)
        root.addHandler(Keep())
        before, kept = set(self._written_files), fragments.current()
        known, rendered = set(kept.used), kept.rendered
        self._render(items)
        return {
            "written": sorted(set(self._written_files) - before),
            "records": records,
            "fragments": {k: v for k, v in kept.used.items() if k not in known},
            "rendered": kept.rendered - rendered,
        }

    def _take_report(self, report: dict[str, Any]) -> None:
        """The second process's files, cards and log records, as if written here."""
        for name, level, message in report.get("records", []):
            logging.getLogger(name).log(level, "%s", message)
        if "error" in report:
            raise RuntimeError(f"article pages rendered by a second process: {report['error']}")
        self._written_files.update(report["written"])
        kept = fragments.current()
        kept.used.update(report["fragments"])
        kept.rendered += report["rendered"]

    def _claim(self, files: list[str], owner: str) -> bool:
        """Whether ``owner`` may write ``files``: each inside the output folder once resolved,
        and none written or kept by another page of this build. Logs why not."""
        for name in files:
            problem = self._problem(name)
            if problem:
                whose = f" (the page of {owner})" if owner != name else ""
                logger.error("%s%s is not written: %s", name, whose, problem)
                return False
        self.owners.update((os.path.normpath(name), owner) for name in files)
        return True

    def _problem(self, name: str) -> str:
        """Why ``name`` may not be written in this build, or ""."""
        # Pelican writes to the path joined and normalised by its text (sanitised_join).
        path = os.path.normpath(os.path.join(self.root, name))
        if not self._inside(path) or not self._inside(self._resolve(path)):
            return f"it would be outside the output folder ({os.path.realpath(path)})"
        other = self.owners.get(os.path.normpath(name))
        return f"{other} has already written it in this build" if other is not None else ""

    def _inside(self, path: str) -> bool:
        """Whether an absolute, normalised path lies in the output folder (not the folder)."""
        return path.startswith(self.root + os.sep)

    def _resolve(self, path: str) -> str:
        """``path`` (normalised, under the output folder) with its symbolic links followed.

        os.path.realpath costs a system call per folder of every file; folders are
        remembered here, so each costs one per build.
        """
        if path == self.root:
            return path
        resolved = self.resolved.get(path)
        if resolved is None:
            parent, name = os.path.split(path)
            resolved = os.path.join(self._resolve(parent), name)
            try:
                mode: int | None = os.lstat(resolved).st_mode
            except OSError:
                mode = None
            if mode is not None and stat.S_ISLNK(mode):
                resolved = os.path.realpath(resolved)
                mode = 0 if os.path.exists(resolved) else None
            self.resolved[path] = resolved
            self.there[path] = mode is not None
        return resolved

    def _unchanged(self, name: str, signature: str, files: list[str]) -> bool:
        """Record ``signature`` as what ``name`` is made from in this build; whether the last
        build made it from the same and all its ``files`` are there."""
        self.current[name] = signature
        return self.previous.get(name) == signature and all(map(self._found, files))

    def _found(self, name: str) -> bool:
        """Whether the output file ``name`` (claimed in this build) was there before the build
        wrote anything to it: looked at once, when its path was resolved."""
        return self.there.get(os.path.normpath(os.path.join(self.root, name)), False)

    def write_feed(
        self,
        elements: Any,
        context: Any,
        path: str | None = None,
        url: str | None = None,
        feed_type: str = "atom",
        override_output: bool = False,
        feed_title: str | None = None,
    ) -> Any:
        """The feed at ``path`` (feeds.py: ids, titles, authors, categories), skipped when its
        articles and the settings are unchanged. ``feed_title`` names a term; ``url`` is
        not used: a feed's address is its path under the site's."""
        limit = self.settings.get("FEED_MAX_ITEMS") or len(elements)
        listed = list(elements)[:limit]
        if not path:
            return make_feed(listed, self.settings, "", feed_type, feed_title)
        if not self._claim([path], path):
            return None
        details = [str(url), feed_type, str(feed_title)]
        signature = feed_signature(path, listed, details, self.common)
        self.produced.add(path)
        if self._unchanged(path, signature, [path]):
            self.skipped += 1
            return None
        feed = make_feed(listed, self.settings, path, feed_type, feed_title, self.entries)
        complete_path = sanitised_join(self.output_path, path)
        os.makedirs(os.path.dirname(complete_path), exist_ok=True)
        with self._open_w(complete_path, "utf-8", override_output) as out:
            feed.write(out, "utf-8")
        return feed

    def _files(self, name: str, kwargs: dict[str, Any]) -> list[str]:
        """The files one write makes: a paginated page writes one per page."""
        paginated = kwargs.get("paginated")
        template_name = kwargs.get("template_name")
        if not paginated or template_name not in self.settings["PAGINATED_TEMPLATES"]:
            return [name]
        per_page = (
            self.settings["PAGINATED_TEMPLATES"][template_name]
            or self.settings["DEFAULT_PAGINATION"]
        )
        listed = next(iter(paginated.values()))
        paginator = Paginator(name, kwargs.get("url"), listed, self.settings, per_page)
        return [paginator.page(n).save_as for n in paginator.page_range]

    def remove_gone(self, matches: Callable[[str], bool]) -> None:
        """Remove now the last build's files that ``matches`` picks and this build has not
        written or kept (finish() removes the rest): article pages of posts gone, before
        the search index reads the article pages."""
        keep = {os.path.normpath(name) for name in self.produced}
        output = Path(self.output_path)
        for name in self.previous_files:
            if name not in keep and matches(name) and _owned(name):
                (output / name).unlink(missing_ok=True)

    def finish(self) -> None:
        """Save the manifest and remove the last build's pages the site no longer has.

        Only files the last build recorded are candidates: a first build into a folder
        holding other pages (someone's notes, another site) leaves them alone.
        """
        self.render_deferred()  # none are left when the generator asked for them
        output = Path(self.output_path)
        root = os.path.abspath(self.output_path)
        written = {os.path.relpath(p, root) for p in self._written_files}
        files = sorted({*written, *map(os.path.normpath, self.produced)})
        keep = set(files)
        gone = [name for name in self.previous_files if name not in keep and _owned(name)]
        for name in gone:
            (output / name).unlink(missing_ok=True)
        for folder in sorted({(output / name).parent for name in gone}, reverse=True):
            # deepest first, so emptied parents go too
            while folder != output and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        manifest = {"signatures": self.current, "files": files, "written": sorted(written)}
        write_atomic(self.manifest_path, json.dumps(manifest, sort_keys=True))
        if self.skipped:
            # Printed like Pelican's own "Done:" line, which the build shows whatever the log level.
            print(f"{self.skipped} unchanged pages were not rendered again")


def _owned(name: str) -> bool:
    """Pages and feeds the build writes (not the search bundle, theme files or sitemap).

    Names come from the last manifest, a file in the output folder: one that would
    leave the folder is never the build's to remove.
    """
    path = Path(os.path.normpath(name))
    inside = not path.is_absolute() and path.parts[:1] != ("..",)
    return inside and name.endswith(OWNED_SUFFIXES) and path.parts[0] not in NOT_OURS
