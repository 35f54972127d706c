"""The batch logic of ingest on its own: slug allocation, ownership, hand edits, duplicates, prune.

The posts folder is described, not written: each case lists the posts already
there and which input files exist, and checks the decisions the plan makes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdigest.write.folder import ExistingPost, PostsFolder
from newsdigest.write.plan import Duplicate, KeepEdited, Plan, Prune, Write

POSTS = Path("/site/content/posts")
ARTICLES = Path("/site/content/articles")
CWD = Path("/elsewhere")


def post(slug: str, source: str | None = None, fp: str | None = None, edited: bool = False):
    """A post of the folder; ``source`` an input file under ARTICLES (new scheme)."""
    location = f"../articles/{source}" if source else None
    return ExistingPost(POSTS / f"{slug}.md", location, fp if source else None, edited)


def plan(*posts: ExistingPost, exists: set[str] = frozenset(), force: bool = False, names=()):
    folder = PostsFolder(POSTS, posts, frozenset({p.slug for p in posts} | set(names)))
    there = {ARTICLES / name for name in exists}
    return Plan(folder, CWD, force=force, exists=lambda path: path in there)


def test_a_new_article_never_takes_a_slug_another_input_holds() -> None:
    batch = plan(post("banjir", "a.txt", "fp-a"), exists={"a.txt", "b.txt"})
    assert batch.place(ARTICLES / "b.txt", "fp-b", "banjir") == Write(
        POSTS / "banjir-2.md", "banjir-2"
    )
    # The owner, coming later in the same batch, still gets its own file.
    assert batch.place(ARTICLES / "a.txt", "fp-a", "banjir") == Write(POSTS / "banjir.md", "banjir")


def test_a_post_written_by_hand_holds_its_slug() -> None:
    hand = ExistingPost(POSTS / "banjir.md")  # no Input: nobody's input owns it
    batch = plan(hand, exists={"b.txt"})
    decision = batch.place(ARTICLES / "b.txt", "fp-b", "banjir")
    assert isinstance(decision, Write) and decision.target == POSTS / "banjir-2.md"


def test_a_slug_named_in_another_posts_header_is_taken() -> None:
    batch = plan(names={"banjir"})  # a post file with another name says Slug: banjir
    assert batch.place(ARTICLES / "b.txt", "fp-b", "banjir").slug == "banjir-2"


def test_same_headlines_in_one_batch_get_distinct_slugs() -> None:
    batch = plan()
    slugs = [batch.place(ARTICLES / f"{n}.txt", f"fp-{n}", "harga").slug for n in range(3)]
    assert slugs == ["harga", "harga-2", "harga-3"]


def test_an_unchanged_headline_keeps_the_posts_slug_even_with_a_number() -> None:
    batch = plan(post("harga-2", "b.txt", "fp-b"), exists={"b.txt"})
    assert batch.place(ARTICLES / "b.txt", "fp-b2", "harga") == Write(
        POSTS / "harga-2.md", "harga-2"
    )


def test_a_changed_headline_moves_the_post_to_a_free_slug_and_removes_only_its_own() -> None:
    batch = plan(
        post("lama", "a.txt", "fp-a"), post("baru", "b.txt", "fp-b"), exists={"a.txt", "b.txt"}
    )
    decision = batch.place(ARTICLES / "a.txt", "fp-a2", "baru")
    assert decision == Write(POSTS / "baru-2.md", "baru-2", replaces=POSTS / "lama.md")


def test_a_post_edited_by_hand_is_kept_unless_forced() -> None:
    edited = post("banjir", "a.txt", "fp-a", edited=True)
    assert plan(edited, exists={"a.txt"}).place(ARTICLES / "a.txt", "fp-a", "banjir") == (
        KeepEdited(POSTS / "banjir.md")
    )
    forced = plan(edited, exists={"a.txt"}, force=True)
    assert forced.place(ARTICLES / "a.txt", "fp-a", "banjir") == Write(
        POSTS / "banjir.md", "banjir"
    )


def test_an_edited_post_keeps_its_slug_from_a_new_article_with_its_headline() -> None:
    batch = plan(post("banjir", "a.txt", "fp-a", edited=True), exists={"a.txt", "b.txt"})
    new = batch.place(ARTICLES / "b.txt", "fp-b", "banjir")
    assert isinstance(new, Write) and new.target != POSTS / "banjir.md"
    assert batch.place(ARTICLES / "a.txt", "fp-a", "banjir") == KeepEdited(POSTS / "banjir.md")


def test_the_same_text_twice_in_a_batch_is_one_post() -> None:
    batch = plan()
    batch.place(ARTICLES / "a.txt", "fp", "banjir")
    assert batch.place(ARTICLES / "copy.txt", "fp", "banjir") == Duplicate(str(ARTICLES / "a.txt"))


def test_the_text_of_a_post_whose_input_is_still_there_is_a_duplicate() -> None:
    batch = plan(post("banjir", "a.txt", "fp"), exists={"a.txt", "copy.txt"})
    assert batch.place(ARTICLES / "copy.txt", "fp", "banjir") == Duplicate(str(POSTS / "banjir.md"))


def test_a_moved_input_keeps_its_post() -> None:
    batch = plan(post("banjir", "old/a.txt", "fp"), exists={"new/a.txt"})
    assert batch.place(ARTICLES / "new/a.txt", "fp", "banjir") == Write(
        POSTS / "banjir.md", "banjir"
    )


def test_old_posts_name_their_input_from_the_folder_ingest_ran_in() -> None:
    # Written by an earlier version from the project folder (/site): no fingerprint.
    old = ExistingPost(POSTS / "banjir.md", "content/articles/a.txt", None, False)
    assert old.input_candidates(POSTS, CWD)[:2] == [
        POSTS / "content/articles/a.txt",
        CWD / "content/articles/a.txt",
    ]
    batch = plan(old, exists={"a.txt"})  # run from /elsewhere
    assert batch.place(ARTICLES / "a.txt", "fp", "banjir") == Write(POSTS / "banjir.md", "banjir")


def test_prune_removes_posts_whose_input_is_gone_from_the_folders_read() -> None:
    batch = plan(
        post("kept", "here.txt", "1"),
        post("gone", "gone.txt", "2"),
        post("edited", "gone-too.txt", "3", edited=True),
        post("elsewhere", "../other/x.txt", "4"),
        ExistingPost(POSTS / "by-hand.md"),
        exists={"here.txt"},
    )
    assert batch.prune([ARTICLES]) == [
        Prune(POSTS / "gone.md", ARTICLES / "gone.txt"),
        Prune(POSTS / "edited.md", ARTICLES / "gone-too.txt", kept=True),
    ]


def test_prune_never_removes_a_post_this_batch_placed() -> None:
    batch = plan(post("a", "a.txt", "fp"))  # the file reads as gone, yet it was just read
    batch.place(ARTICLES / "a.txt", "fp", "a")
    assert batch.prune([ARTICLES]) == []


@pytest.mark.parametrize("forced", [False, True])
def test_prune_with_force_removes_edited_posts_too(forced: bool) -> None:
    batch = plan(post("edited", "gone.txt", "1", edited=True), force=forced)
    (gone,) = batch.prune([ARTICLES])
    assert gone.kept is not forced


# --- articles of files that hold several (feeds, exports), and addresses --------------


def item_post(slug: str, source: str, item: str, fp: str, url: str | None = None):
    return ExistingPost(POSTS / f"{slug}.md", f"../articles/{source}", fp, False, item, url)


def test_each_entry_of_a_feed_keeps_its_own_post() -> None:
    batch = plan(
        item_post("banjir", "feed.xml", "id-1", "fp-1"),
        item_post("gempa", "feed.xml", "id-2", "fp-2"),
        exists={"feed.xml"},
    )
    # Entry 2, corrected (new text), still writes its own post, not entry 1's.
    assert batch.place(ARTICLES / "feed.xml", "fp-2b", "gempa", "id-2") == Write(
        POSTS / "gempa.md", "gempa"
    )
    assert batch.place(ARTICLES / "feed.xml", "fp-1", "banjir", "id-1") == Write(
        POSTS / "banjir.md", "banjir"
    )
    # A new entry of the same feed is a new post.
    assert batch.place(ARTICLES / "feed.xml", "fp-3", "banjir", "id-3").slug == "banjir-2"


def test_an_entry_that_drops_out_of_a_feed_is_not_pruned() -> None:
    batch = plan(item_post("banjir", "feed.xml", "id-1", "fp-1"), exists={"feed.xml"})
    batch.place(ARTICLES / "feed.xml", "fp-2", "gempa", "id-2")  # the feed moved on
    assert batch.prune([ARTICLES]) == []
    gone = plan(item_post("banjir", "feed.xml", "id-1", "fp-1"), exists=set())
    assert gone.prune([ARTICLES]) == [Prune(POSTS / "banjir.md", ARTICLES / "feed.xml")]


def test_the_same_address_from_two_inputs_is_published_once() -> None:
    batch = plan(exists={"feed.xml", "page.html"})
    url = "https://news.example/a"
    first = batch.place(ARTICLES / "feed.xml", "fp-lead", "banjir", "e1", url)
    assert isinstance(first, Write)
    again = batch.place(ARTICLES / "page.html", "fp-whole", "banjir", None, url + "/?utm_source=x")
    assert again == Duplicate(f"{ARTICLES / 'feed.xml'} [e1]")


def test_an_address_already_published_from_an_input_still_there_is_a_duplicate() -> None:
    url = "https://news.example/a"
    existing = item_post("banjir", "feed.xml", "e1", "fp-lead", url)
    batch = plan(existing, exists={"feed.xml", "page.html"})
    decision = batch.place(
        ARTICLES / "page.html", "fp-whole", "banjir", None, "http://www.news.example/a"
    )
    assert decision == Duplicate(str(POSTS / "banjir.md"))
    # Its own input republishing it is no duplicate.
    assert batch.place(ARTICLES / "feed.xml", "fp-lead", "banjir", "e1", url) == Write(
        POSTS / "banjir.md", "banjir"
    )


def test_a_copy_met_before_the_original_does_not_make_the_original_a_copy() -> None:
    batch = plan(post("banjir", "a.txt", "fp-a"), exists={"a.txt", "b.txt"})
    # b.txt, a copy of a.txt's text, comes first in the batch: it is the duplicate...
    assert batch.place(ARTICLES / "b.txt", "fp-a", "banjir") == Duplicate(str(POSTS / "banjir.md"))
    # ...and a.txt, whose post it is, still writes it.
    assert batch.place(ARTICLES / "a.txt", "fp-a", "banjir") == Write(POSTS / "banjir.md", "banjir")
