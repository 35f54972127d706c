"""Which post each input becomes, decided for the whole batch before anything is written.

The rules, each a guarantee the tests check:

- **A post belongs to one input.** An input's post is the one whose ``Input:``
  names the input's file; failing that, an unclaimed post with the same text
  fingerprint whose own input is gone (the file was moved or renamed). No other
  input ever writes to or removes that file.
- **A slug belongs to the file that holds it.** A new post takes its headline's
  slug, or ``-2``, ``-3``... when any file in the folder (a post of another
  input, a post written by hand, one ingest cannot read) or any post's ``Slug:``
  already holds it. A post keeps its slug while its headline gives the same
  base; when the headline changes, it moves to a free slug and its old file,
  its own, is removed.
- **Hand edits win.** A post edited by hand is not rewritten, moved or pruned
  unless ``force``.
- **The same text is published once**, whether the copy is in this batch or
  already has a post whose input still exists; so is the same address (a
  story from a feed and as a saved page: the feed's summary is not the page's
  text, but the URL is the same).
- **An article of a file that holds several** (a feed entry, an export row) is
  known by its file and its key: each keeps its own post, and an entry that
  drops out of a feed (feeds show the latest few) keeps its post.
- **Prune removes only what is provably gone**: posts whose input lies in a
  folder this run read and no longer exists there.
"""

from __future__ import annotations

import errno
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from newsdigest.formats.given import same_page
from newsdigest.slugs import unique_slug
from newsdigest.write.folder import POST_SUFFIX, ExistingPost, PostsFolder


@dataclass(frozen=True)
class Write:
    """Write the post to ``target`` (a new file, or the input's own post); then remove
    ``replaces``, the input's own old post, when the slug moved."""

    target: Path
    slug: str
    replaces: Path | None = None


@dataclass(frozen=True)
class KeepEdited:
    """The input's post was edited by hand: it stays as it is."""

    post: Path


@dataclass(frozen=True)
class Duplicate:
    """The same text is already published: ``of`` names the input or post that has it."""

    of: str


@dataclass(frozen=True)
class Prune:
    """Remove ``post``: its input ``input`` is gone (``kept``: it was edited, so it stays)."""

    post: Path
    input: Path
    kept: bool = False


Decision = Write | KeepEdited | Duplicate
Key = tuple[Path, str | None]  # an input file (resolved) and which of its articles


def input_exists(path: Path) -> bool:
    """False only when the file is certainly not there; a path that cannot be looked at
    (a folder without permission, a disk error) counts as there."""
    try:
        os.lstat(path)
    except OSError as error:
        return error.errno not in (errno.ENOENT, errno.ENOTDIR)
    return True


class Plan:
    """The batch's decisions, one input at a time in input order (so they do not depend
    on how many workers extracted the metadata)."""

    def __init__(
        self,
        folder: PostsFolder,
        cwd: Path,
        force: bool = False,
        exists: Callable[[Path], bool] = input_exists,
    ) -> None:
        self.folder = folder.folder
        self.force = force
        self.exists = exists
        self.taken = set(folder.names)
        self.claimed: set[Path] = set()
        self.first_with: dict[str, Key] = {}  # fingerprint or address -> first input of batch
        self.posts = {post.path: post for post in folder.posts}
        self.candidates = {p.path: p.input_candidates(self.folder, cwd) for p in folder.posts}
        self.by_location: dict[Key, ExistingPost] = {}
        self.by_fingerprint: dict[str, list[ExistingPost]] = defaultdict(list)
        self.by_url: dict[str, list[ExistingPost]] = defaultdict(list)
        # The most likely reading of every post first, so a post's own location wins over
        # another post's guessed one.
        for rank in range(max((len(c) for c in self.candidates.values()), default=0)):
            for post in folder.posts:
                places = self.candidates[post.path]
                if rank < len(places):
                    self.by_location.setdefault((places[rank], post.item), post)
        for post in folder.posts:
            if post.fingerprint is not None:
                self.by_fingerprint[post.fingerprint].append(post)
            if post.url is not None:
                self.by_url[same_page(post.url)].append(post)

    def place(
        self,
        location: Path,
        fingerprint: str,
        slug: str,
        item: str | None = None,
        url: str | None = None,
    ) -> Decision:
        """The decision for article ``item`` of the input at ``location`` (resolved), with
        this text, slug and address."""
        key: Key = (location, item)
        page = same_page(url) if url is not None else None
        seen = [k for k in (fingerprint, page) if k is not None]
        for known in seen:
            first = self.first_with.get(known)
            if first is not None and first != key:
                return Duplicate(_named(first))
        decision = self._decide(key, fingerprint, slug, page)
        if not isinstance(decision, Duplicate):  # only a published copy makes others copies
            for known in seen:
                self.first_with.setdefault(known, key)
        return decision

    def _decide(self, key: Key, fingerprint: str, slug: str, page: str | None) -> Decision:
        own = self.by_location.get(key)
        if own is None or own.path in self.claimed:
            own = None
            for post in self.by_fingerprint.get(fingerprint, ()):
                if post.path in self.claimed:
                    continue
                if any(map(self.exists, self.candidates[post.path])):
                    return Duplicate(str(post.path))  # another input, still there, has it
                own = post  # its input is gone: this is the same article, moved
                break
        if own is None and page is not None:
            for post in self.by_url.get(page, ()):
                if post.path not in self.claimed and any(
                    map(self.exists, self.candidates[post.path])
                ):
                    return Duplicate(str(post.path))  # the same page, from another input
        if own is None:
            return self._new(slug)
        self.claimed.add(own.path)
        if own.edited and not self.force:
            return KeepEdited(own.path)
        if _same_base(own.slug, slug):
            return Write(own.path, own.slug)
        moved = self._new(slug)
        return Write(moved.target, moved.slug, replaces=own.path)

    def _new(self, slug: str) -> Write:
        free = unique_slug(slug, self.taken)
        return Write(self.folder / f"{free}{POST_SUFFIX}", free)

    def prune(self, scopes: Iterable[Path]) -> list[Prune]:
        """Posts of this folder whose input, in one of ``scopes`` (resolved folders this run
        read), is gone; posts edited by hand come back ``kept`` unless ``force``."""
        scopes = tuple(scopes)
        found = []
        for post_path, places in self.candidates.items():
            if post_path in self.claimed or not places:
                continue
            inside = [p for p in places if any(p.is_relative_to(s) for s in scopes)]
            if not inside or any(map(self.exists, places)):
                continue
            edited = self.posts[post_path].edited
            found.append(Prune(post_path, inside[0], kept=edited and not self.force))
        return found


def _named(key: Key) -> str:
    """An input file, or an article of one, as messages name it."""
    location, item = key
    return f"{location} [{item}]" if item is not None else str(location)


def _same_base(current: str, base: str) -> bool:
    """Whether ``current`` is what ``base`` would be given: itself or ``base-N``."""
    return current == base or re.fullmatch(rf"{re.escape(base)}-\d+", current) is not None
