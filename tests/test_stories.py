"""Story grouping: one event in two phrasings and two languages is one story; a shared
minister, topic or template is not; related coverage leaves out the article's own story
and shows nothing weak. The fixtures are short articles written for these tests
(``tests/fixtures/stories``), read through the same parse and extract stages as ingest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
from pathlib import Path

import pytest

from conftest import FIXTURES
from newsdigest import stories
from newsdigest.extract import extract_metadata
from newsdigest.parse import decode, parse_text
from newsdigest.stories import (
    SETTINGS,
    Article,
    Coverage,
    _amounts,
    _Collection,
    _cosine,
    _figures,
    _Group,
    _joins,
    _read,
    _without_dateline,
    _words,
    group_stories,
)

STORIES = FIXTURES / "stories"
# Assertions name only the texts the thresholds were set on; e07-e12 and n05-n08, held out
# for bench/eval_stories.py, are only part of the collection here.


def read(path: Path) -> Article:
    parsed = parse_text(decode(path.read_bytes()))
    return Article.of_text(path.stem, parsed, extract_metadata(parsed, dt.date(2025, 12, 31)))


@pytest.fixture(scope="module")
def fixtures() -> list[Article]:
    return [read(path) for path in sorted(STORIES.glob("*.txt"))]


@pytest.fixture(scope="module")
def coverage(fixtures: list[Article]) -> Coverage:
    return group_stories(fixtures)


def together(coverage: Coverage, *ids: str) -> bool:
    return len({coverage.story_of[i].id for i in ids}) == 1


@pytest.mark.parametrize(
    "ids",
    [
        ("e01-id-gempa-sumba-timur", "e01-id2-gempa-sumba-timur", "e01-en-sumba-quake"),
        ("e02-id-bea-keluar-cpo", "e02-en-palm-oil-levy"),
        ("e03-id-kapal-terbakar", "e03-en-ferry-fire", "e03-en2-ferry-fire"),
        ("e04-id-timnas-u23-vietnam", "e04-en-u23-semifinal"),
        ("e05-id-nusa-air-airbus", "e05-en-nusa-air-order"),
        ("e06-id-banjir-kampung-melayu", "e06-en-jakarta-floods"),
    ],
)
def test_one_event_in_two_phrasings_and_two_languages_is_one_story(
    coverage: Coverage, ids: tuple[str, ...]
) -> None:
    assert together(coverage, *ids)
    assert len(coverage.story_of[ids[0]].articles) == len(ids)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("n04-id-menkeu-defisit", "n04-en-samurai-bond"),  # one finance minister, two events
        ("n02-id-rina-kartika-trade-expo", "e02-id-bea-keluar-cpo"),  # one trade minister
        ("n02-id-rina-kartika-trade-expo", "e02-en-palm-oil-levy"),
        ("n01-en-mindanao-quake", "e01-en-sumba-quake"),  # two earthquakes on one day
        ("n03-id-banjir-kabupaten-bandung", "e06-id-banjir-kampung-melayu"),  # two floods
        ("e02-id-bea-keluar-cpo", "e05-en-nusa-air-order"),
    ],
)
def test_a_shared_minister_topic_or_day_is_not_one_story(
    coverage: Coverage, a: str, b: str
) -> None:
    assert not together(coverage, a, b)


def bridge(number: int, day: int, title: str, lead: str, body: str = "") -> Article:
    """A made-up story from Kota Lembayung: one mayor, one agency, several events."""
    return Article(
        id=f"lembayung-{number}",
        title=title,
        lead=lead,
        body=f"{lead}\n\n{body}",
        date=dt.date(2025, 10, day),
        lang="id",
        people=("Sari Dewanti",),
        organizations=("BPBD Kota Lembayung",),
        countries=("ID",),
    )


COLLAPSE = bridge(
    1,
    10,
    "Jembatan Sungai Lembayung Ambruk, Tiga Warga Tewas",
    "Jembatan gantung di atas Sungai Lembayung, Kota Lembayung, ambruk saat dilintasi puluhan "
    "warga, Jumat (10/10/2025). Tiga orang tewas dan 12 luka-luka.",
    "Wali Kota Lembayung Sari Dewanti mengatakan jembatan gantung sepanjang 85 meter itu dibangun "
    "pada 1998. BPBD Kota Lembayung masih mencari dua warga yang hilang terseret arus sungai.",
)
FOLLOW_UP = bridge(
    2,
    11,
    "Dua Korban Hilang Ambruknya Jembatan Gantung Lembayung Ditemukan",
    "Tim SAR menemukan dua warga yang hilang setelah jembatan gantung Sungai Lembayung ambruk "
    "pada Jumat lalu. Korban tewas menjadi lima orang.",
    "Wali Kota Sari Dewanti meminta jembatan gantung sepanjang 85 meter lain di Kota Lembayung "
    "diaudit. BPBD Kota Lembayung menutup akses ke lokasi jembatan yang ambruk.",
)
REBUILD = bridge(
    3,
    20,
    "Pemkot Lembayung Bangun Ulang Jembatan Sungai Lembayung yang Ambruk",
    "Pemerintah Kota Lembayung akan membangun ulang jembatan Sungai Lembayung yang ambruk awal "
    "bulan ini dengan anggaran Rp 45 miliar.",
    "Wali Kota Sari Dewanti mengatakan jembatan baru dari beton ditargetkan selesai 2026. BPBD "
    "Kota Lembayung meminta warga tidak melintasi sungai selama pembangunan jembatan.",
)
MARKET = bridge(
    4,
    11,
    "Wali Kota Lembayung Resmikan Pasar Rakyat Cempaka",
    "Wali Kota Lembayung Sari Dewanti meresmikan Pasar Rakyat Cempaka yang menampung 400 "
    "pedagang sayur, ikan dan daging, Sabtu (11/10/2025).",
    "Pasar dua lantai itu dibangun dengan dana Rp 12 miliar dan buka setiap hari mulai pukul "
    "04.00 WIB. Pedagang kaki lima di sekitar alun-alun akan dipindahkan ke pasar baru.",
)


def test_follow_up_within_days_joins_the_story(fixtures: list[Article]) -> None:
    coverage = group_stories([*fixtures, COLLAPSE, FOLLOW_UP, REBUILD, MARKET])
    assert together(coverage, COLLAPSE.id, FOLLOW_UP.id)
    assert not together(coverage, COLLAPSE.id, REBUILD.id)  # ten days on: a new event
    assert not together(coverage, COLLAPSE.id, MARKET.id)  # the same mayor, another event


def test_outside_the_time_window_not_one_story(fixtures: list[Article]) -> None:
    again = dataclasses.replace(COLLAPSE, id="again", date=dt.date(2025, 10, 20))
    soon = dataclasses.replace(COLLAPSE, id="soon", date=dt.date(2025, 10, 12))
    coverage = group_stories([*fixtures, COLLAPSE, again, soon])
    assert together(coverage, COLLAPSE.id, soon.id)
    assert not together(coverage, COLLAPSE.id, again.id)


def test_related_leaves_out_the_own_story_and_shows_nothing_weak(
    fixtures: list[Article],
) -> None:
    articles = [*fixtures, COLLAPSE, FOLLOW_UP, REBUILD, MARKET]
    coverage = group_stories(articles)
    assert coverage.related[COLLAPSE.id] == (REBUILD.id,)  # not the follow-up, not the market
    assert REBUILD.id in coverage.related[FOLLOW_UP.id]
    for article, shown in coverage.related.items():
        own = coverage.story_of[article]
        assert not set(shown) & set(own.articles)
        assert len({coverage.story_of[other].id for other in shown}) == len(shown)
    strict = dataclasses.replace(SETTINGS, related=0.99, related_cross=0.99)
    assert not any(group_stories(articles, strict).related.values())


def test_same_input_same_result_in_any_order(fixtures: list[Article]) -> None:
    articles = [*fixtures, COLLAPSE, FOLLOW_UP, REBUILD, MARKET]
    first = group_stories(articles)
    for seed in range(3):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        assert group_stories(shuffled) == first
    assert group_stories(articles, cache={}) == first


def test_texts_read_by_several_processes_group_alike(
    fixtures: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = [*fixtures, COLLAPSE, FOLLOW_UP, REBUILD, MARKET]
    first = group_stories(articles)
    monkeypatch.setattr(stories, "PARALLEL_FROM", 2)  # the fixtures read in forked workers
    monkeypatch.setattr(stories, "_CHUNK", 3)
    parent, read = os.getpid(), stories._read

    def read_in_a_worker(article: Article, body_chars: int) -> object:
        assert os.getpid() != parent, "read in the building process"
        return read(article, body_chars)

    monkeypatch.setattr(stories, "_read", read_in_a_worker)
    cache: dict[str, object] = {}
    assert group_stories(articles, cache=cache, jobs=2) == first
    assert len(cache) == len({a.title + a.body for a in articles})  # every reading kept
    assert group_stories(articles, cache=cache, jobs=2) == first  # and read back


def test_story_ids_lead_and_order(coverage: Coverage) -> None:
    story = coverage.story_of["e03-en2-ferry-fire"]
    assert story.id == min(story.articles)  # the earliest (20 Oct), then the smallest id
    assert story.first == dt.date(2025, 10, 20) and story.last == dt.date(2025, 10, 21)
    assert set(story.articles) == {"e03-id-kapal-terbakar", "e03-en-ferry-fire", story.articles[2]}
    lasts = [s.last for s in coverage.stories]
    assert lasts == sorted(lasts, reverse=True)
    assert sum(len(s.articles) for s in coverage.stories) == len(coverage.story_of)


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="unique"):
        group_stories([COLLAPSE, dataclasses.replace(COLLAPSE, title="Lain")])


@pytest.mark.parametrize(
    ("indonesian", "english"),
    [
        ("Rp 14,6 triliun", "14.6 trillion"),
        ("Rp 14,6 T", "14.6 trillion"),
        ("1.200 rumah", "1,200 houses"),
        ("naik 8,3%", "rose 8.3 pct"),
        ("US$ 1,6 miliar", "$1.6 billion"),
        ("5.402 orang", "5,402 people"),
    ],
)
def test_amounts_read_alike_in_both_languages(indonesian: str, english: str) -> None:
    assert _amounts(indonesian, "id")[0] == _amounts(english, "en")[0] != []


@pytest.mark.parametrize(
    "text", ["Selasa (21/10/2025)", "March 9", "9 Maret", "pada 2025", "3 tersangka"]
)
def test_dates_years_and_small_counts_are_no_amounts(text: str) -> None:
    assert _amounts(text, "id")[0] == []


def test_indonesian_news_words_meet_english_ones() -> None:
    words, _ = _words(["Banjir", "dan", "gempa", "bumi", "di", "pelabuhan"], frozenset(), False)
    english, _ = _words(
        ["floods", "and", "an", "earthquake", "at", "the", "port"], frozenset(), True
    )
    assert {"flood", "earthquake", "port"} <= set(words) & set(english)


def test_names_are_words_never_written_in_lower_case() -> None:
    tokens = ["Pemerintah", "Kota", "Lembayung", "membangun", "jembatan", "pemerintah"]
    _, names = _words(tokens, frozenset({"membangun", "jembatan", "pemerintah"}), False)
    assert [word for word, _ in names] == ["kota", "lembayung"]  # not "Pemerintah"


def test_candidates_grow_with_the_articles_not_their_square() -> None:
    # 600 near-identical notices on one day: every pair is alike, few are compared.
    articles = [
        Article(
            id=f"notice-{n}",
            title=f"Perusahaan {n} Umumkan Dividen",
            lead=f"Perusahaan {n} membagikan dividen tunai Rp 50 per saham kepada pemegang saham.",
            body="Dividen dibayarkan bulan depan kepada pemegang saham yang tercatat.",
            date=dt.date(2025, 10, 20),
            lang="id",
        )
        for n in range(600)
    ]
    collection = _Collection(articles, SETTINGS)
    assert len(collection.known) <= (SETTINGS.candidates + 5) * len(articles)


def payout(number: int, fund: str, cents: str, title: str = "") -> Article:
    """A made-up monthly payout notice: one issuer's funds, one wording, their own figures."""
    lead = f"Mthly div {cents} cts vs {cents} cts prior Pay March 13"
    return Article(
        id=f"payout-{number}",
        title=title or f"<HARBORVIEW {fund} TAX-FREE INCOME FUND> PAYOUT",
        lead=lead,
        body=f"SEAVILLE, Ore., March 2 - {lead}\n\nRecord March Two",
        date=dt.date(1987, 3, 2),
        lang="en",
        countries=("US",),
    )


def test_notices_of_one_template_with_their_own_figures_are_not_one_story(
    fixtures: list[Article],
) -> None:
    oregon, federal = payout(1, "OREGON", "4.5"), payout(2, "FEDERAL", "7.7")
    again = payout(3, "OREGON", "4.5", "HARBORVIEW OREGON TAX-FREE FUND SETS PAYOUT")
    articles = [*fixtures, oregon, federal, again]
    coverage = group_stories(articles)
    assert not together(coverage, oregon.id, federal.id)  # two funds' payouts
    assert together(coverage, oregon.id, again.id)  # one payout reported twice
    unchecked = dataclasses.replace(SETTINGS, template=9.0)
    assert together(group_stories(articles, unchecked), oregon.id, federal.id)


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Mthly div 4.5 cts vs 4.5 cts prior", {"#4.5"}),
        ("bansos Rp 300 ribu untuk 35 juta KPM", {"#3e+05", "#3.5e+07"}),
        ("naik 8,3 persen", {"#8.3%"}),
        ("3 tersangka pada 2025, Selasa (21/10/2025), 1.200 rumah", set()),
    ],
)
def test_figures_have_a_unit_or_decimals(text: str, figures: set[str]) -> None:
    assert _figures(text, "en" if "cts" in text else "id") == figures


def test_the_dateline_is_no_part_of_the_reading() -> None:
    lead = "Harbor Corp said it agreed to buy the toy business of Bandai Australia."
    body = f"SEAVILLE, Ore., March 2 - {lead}\n\nTerms were not disclosed."
    assert _without_dateline(body, lead) == f"{lead}\n\nTerms were not disclosed."
    assert _without_dateline(lead, lead) == lead  # no dateline: the body as it is
    article = Article("a", "HARBOR BUYS BANDAI UNIT", lead, body, dt.date(1987, 3, 2), "en")
    assert not {"seaville", "ore"} & set(_read(article, 4000).terms)


def test_groups_of_several_reports_join_a_little_lower() -> None:
    articles = [COLLAPSE, FOLLOW_UP, dataclasses.replace(COLLAPSE, id="c2"), MARKET]
    collection = _Collection(articles, SETTINGS)
    group = {a.id: _Group(collection, i) for i, a in enumerate(collection.articles)}

    def likeness(a: _Group, b: _Group) -> float:
        words, grams = _cosine(a.sums[0], b.sums[0]), _cosine(a.sums[1], b.sums[1])
        return SETTINGS.word_share * words + (1 - SETTINGS.word_share) * grams

    def joins(a: _Group, b: _Group, **settings: float) -> bool:
        collection.settings = dataclasses.replace(SETTINGS, names=0.0, linked=0.0, **settings)
        return _joins(collection, a, b)

    one, two = group[COLLAPSE.id], group[FOLLOW_UP.id]
    single = likeness(one, two)  # two single reports: the threshold as it is
    assert not joins(one, two, same=single / 0.95)
    one.absorb(group["c2"])
    two.absorb(group[MARKET.id])
    several = likeness(one, two)  # four reports: from 90 % of it
    assert joins(one, two, same=several / 0.95)
    assert not joins(one, two, same=several / 0.95, group_same=1.0)


def test_a_report_joins_a_group_only_when_like_most_of_its_reports() -> None:
    articles = [COLLAPSE, FOLLOW_UP, dataclasses.replace(COLLAPSE, id="c2"), MARKET]
    collection = _Collection(articles, SETTINGS)
    group = {a.id: _Group(collection, i) for i, a in enumerate(collection.articles)}

    def joins(a: _Group, b: _Group, **settings: float) -> bool:
        collection.settings = dataclasses.replace(SETTINGS, names=0.0, **settings)
        return _joins(collection, a, b)

    mixed, story, follow_up = group[COLLAPSE.id], group["c2"], group[FOLLOW_UP.id]
    mixed.absorb(group[MARKET.id])  # the mayor's two events: like the follow-up through one
    assert not joins(mixed, follow_up, same=0.3)  # though like their sum
    assert joins(mixed, follow_up, same=0.3, linked=0.5)
    story.absorb(_Group(collection, collection.articles.index(COLLAPSE)))
    assert joins(story, follow_up, same=0.3)  # like both reports of the collapse


def notice(number: int, issuer: str, amount: int, day: int, manager: str) -> Article:
    """A made-up bond notice: one wording, its issuer's name and figures, a lead manager."""
    lead = (
        f"{issuer} has launched a {amount} mln Swiss franc, 10-year bond priced at par, "
        f"lead manager {manager} said."
    )
    return Article(
        id=f"notice-{number}",
        title=f"{issuer.upper()} LAUNCHES {amount} MLN SWISS FRANC BOND",
        lead=lead,
        body=f"ZURICH, March {day} - {lead}\n\nSubscriptions close March 18.",
        date=dt.date(1987, 3, day),
        lang="en",
        organizations=(issuer, manager),
        countries=("CH",),
    )


def test_notices_are_related_only_when_of_one_subject(fixtures: list[Article]) -> None:
    # Two issuers' bonds on one day: one template, not one story, and not related either.
    dow = notice(1, "Harbor Chemical Co", 200, 2, "Alpine Bank Corp")
    jutland = notice(2, "Northfjord Telephone Co", 75, 2, "Alpine Bank Corp")
    # One issuer's second bond two days later: the same subject, so related.
    again = notice(3, "Harbor Chemical Co", 150, 4, "Alpine Bank Corp")
    coverage = group_stories([*fixtures, dow, jutland, again])
    assert not together(coverage, dow.id, jutland.id)
    assert not together(coverage, dow.id, again.id)
    assert jutland.id not in coverage.related[dow.id]
    assert dow.id not in coverage.related[jutland.id]
    assert again.id in coverage.related[dow.id]


def _moved(article: Article, days: int, tag: str) -> Article:
    return dataclasses.replace(
        article, id=f"{article.id}-{tag}", date=article.date + dt.timedelta(days=days)
    )


def test_word_weights_near_in_time_leave_far_articles_out(fixtures: list[Article]) -> None:
    """With ``df_days``, articles further away than the weights, the pairs and the stories
    reach change nothing of a grouping: what a rebuild could leave as it was."""
    near = dataclasses.replace(stories.SETTINGS, df_days=14)
    alone = group_stories(fixtures, near)
    far = [_moved(article, 400, "later") for article in fixtures[::2]]
    with_far = group_stories([*fixtures, *far], near)
    ids = {article.id for article in fixtures}
    assert [s for s in with_far.stories if s.lead in ids] == list(alone.stories)
    assert {i: with_far.related[i] for i in ids} == alone.related
    # the default: over all articles, as a window wider than the collection
    assert stories.SETTINGS.df_days is None
    everywhere = dataclasses.replace(stories.SETTINGS, df_days=10**6)
    assert group_stories(fixtures, everywhere) == group_stories(fixtures)
