"""Sources, language, topics, people and organisations, summaries, slugs: table-driven."""

from __future__ import annotations

import pytest

from newsdigest.extract.entities import extract_entities
from newsdigest.extract.language import detect_language
from newsdigest.extract.sources import extract_source
from newsdigest.extract.summary import MAX_CHARS, extract_summary, sentences
from newsdigest.extract.topics import extract_topics, score_topics, topic_catalogue, topic_labels
from newsdigest.parse import parse_text
from newsdigest.slugs import slug_for, unique_slug

IPTC_SLUGS = [
    "arts-culture-entertainment-media", "conflict-war-peace", "crime-law-justice",
    "disaster-accident-emergency", "economy-business-finance", "education", "environment",
    "health", "human-interest", "labour", "lifestyle-leisure", "politics", "religion",
    "science-technology", "society", "sport", "weather",
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("H\n\nLONDON, Nov 6 (Reuters) - Prices rose.", "Reuters"),
        ("H\n\nTOKYO (AP) — Heat.", "AP"),
        ("H\n\nRapat digelar, dilansir dari Kyodonews.", "Kyodo News"),
        ("H\n\nHal itu, seperti dikutip kantor berita Antara, terjadi.", "Antara"),
        ("H\n\nBanjir terjadi, lapor kantor berita AFP.", "AFP"),
        ("H\n\nThe talks failed, AFP reported.", "AFP"),
        ("H\n\nHarga naik pekan ini. (ant)", "Antara"),
        ("H\n\nShares fell.\n\n Reuter", "Reuters"),
        ("H\n\nJAKARTA, KOMPAS.com - Buruh berdemo.", "Kompas"),
        ("H\n\nNo credit anywhere in this text.", None),
    ],
)
def test_sources(text: str, expected: str | None) -> None:
    assert extract_source(parse_text(text))[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Presiden mengatakan bahwa harga beras akan turun karena pasokan dari daerah sudah tiba.",
            "id",
        ),
        (
            "The minister said that prices would fall because supplies from the regions had arrived.",
            "en",
        ),
        (
            "Der Minister sagte, dass die Preise fallen würden, weil die Lieferungen angekommen sind.",
            "de",
        ),
        # Beyond the listed languages and too short for function words: the bundled model.
        ("Serikali ya Kenya imetangaza mpango mpya wa kilimo kwa wakulima.", "sw"),
        ("東京都は火曜日、熱中症の警戒を呼びかけた。気温は四十度を超えた。", "ja"),
        ("Москва объявила о новых мерах поддержки экономики.", "ru"),
        # A feed summary: too few function words to count, the model decides.
        ("Gempa guncang Cianjur, warga mengungsi ke tenda darurat", "id"),
        ("Fed holds rates steady as inflation cools", "en"),
        ("Harga beras naik lagi di pasar tradisional", "id"),
        # Nothing to go on at all.
        ("12345 67890", "und"),
    ],
)
def test_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_topic_catalogue_has_the_17_iptc_topics_with_both_labels() -> None:
    assert list(topic_catalogue()) == IPTC_SLUGS
    assert topic_labels("id")["sport"] != topic_labels("en")["sport"]


@pytest.mark.parametrize(
    ("text", "lang", "first"),
    [
        (
            "Timnas menang 2-0\n\nPelatih timnas memuji pemain setelah laga di stadion; gol dicetak.",
            "id",
            "sport",
        ),
        (
            "Shares fall as profit slumps\n\nThe bank's quarterly profit fell and its shares dropped.",
            "en",
            "economy-business-finance",
        ),
        (
            "Gempa guncang Cianjur\n\nGempa bumi magnitudo 5,6 menewaskan warga; BNPB mengevakuasi korban.",
            "id",
            "disaster-accident-emergency",
        ),
        (
            "Parliament passes bill\n\nLawmakers voted on the bill after the election campaign.",
            "en",
            "politics",
        ),
    ],
)
def test_first_topic(text: str, lang: str, first: str) -> None:
    topics, evidence = extract_topics(parse_text(text), lang)
    assert topics[0] == first
    assert evidence[0].matches  # the words that decided it


def test_people_without_titles_and_organisations_with_acronyms() -> None:
    parsed = parse_text(
        "Judul\n\nMenteri Luar Negeri AS Antony Blinken bertemu Menteri Luar Negeri Jepang "
        "Yoko Kamikawa.\n\nBadan Meteorologi, Klimatologi, dan Geofisika (BMKG) memperingatkan "
        "hujan. BMKG meminta warga waspada, kata Kepala BMKG Dwikorita Karnawati."
    )
    people, organizations = extract_entities(parsed, "id")
    assert {"Antony Blinken", "Yoko Kamikawa", "Dwikorita Karnawati"} <= set(people)
    assert "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG)" in organizations
    assert not any(name.startswith("Menteri") for name in people)


@pytest.mark.parametrize(
    ("text", "lang", "person", "organisation", "not_person"),
    [
        (  # a company named before "said" is not a person
            "H\n\nGerman supplier Rheinwerk Automotive said it would cut jobs, Thomas Berger said.",
            "en",
            "Thomas Berger",
            "Rheinwerk Automotive",
            "Rheinwerk Automotive",
        ),
        (  # an acronym from another language: the expansion keeps its first word
            "H\n\nData from the National Institute for Space Research (INPE) showed a fall.",
            "en",
            None,
            "National Institute for Space Research (INPE)",
            None,
        ),
        (  # an acronym not written in capitals only does not lose the organisation
            "H\n\nThe German Federal Statistical Office (FedStat) said prices rose.",
            "en",
            None,
            "German Federal Statistical Office",
            None,
        ),
        (  # a body whose name ends with another's keeps its own name
            "H\n\nDewan Keamanan Perserikatan Bangsa-Bangsa bersidang. Perserikatan "
            "Bangsa-Bangsa (PBB) dan PBB setuju.",
            "id",
            None,
            "Dewan Keamanan Perserikatan Bangsa-Bangsa",
            None,
        ),
        (  # an abbreviation keeps its full stops
            "H\n\nThe U.S. Department of Agriculture said prices fell.",
            "en",
            None,
            "U.S. Department of Agriculture",
            None,
        ),
        (  # a ministry's short name ends a title, not a name
            "H\n\nDirektur Guru Pendidikan Dasar Kemendikdasmen, Nurul Fitriani, mengatakan guru kurang.",
            "id",
            "Nurul Fitriani",
            None,
            "Dasar Kemendikdasmen",
        ),
        (  # "Data" opens the sentence, not the name
            "H\n\nData Lembaga Statistik Turki menunjukkan inflasi turun.",
            "id",
            None,
            "Lembaga Statistik Turki",
            None,
        ),
    ],
)
def test_people_and_organisations_hard_cases(
    text: str, lang: str, person: str | None, organisation: str | None, not_person: str | None
) -> None:
    people, organizations = extract_entities(parse_text(text), lang)
    if person:
        assert person in people
    if organisation:
        assert organisation in organizations
    if not_person:
        assert not_person not in people


def test_summary_is_the_lead_cut_at_a_sentence_without_dateline() -> None:
    lead = "Shares rose in early trade. " * 20
    summary = extract_summary(parse_text(f"H\n\nLONDON, Nov 6 (Reuters) - {lead}"))
    assert not summary.startswith("LONDON")
    assert len(summary) <= MAX_CHARS
    assert summary.endswith("trade.")


def test_summary_of_one_long_sentence_is_cut_at_a_word() -> None:
    summary = extract_summary(parse_text("H\n\n" + "word " * 200))
    assert len(summary) <= MAX_CHARS and summary.endswith("…")


def test_sentences_keep_abbreviations() -> None:
    assert sentences("The U.S. Navy said Mr. Smith left. He returned.") == [
        "The U.S. Navy said Mr. Smith left.",
        "He returned.",
    ]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("AS, Jepang dan Korea Selatan", "as-jepang-dan-korea-selatan"),
        ("Côte d’Ivoire: élection", "cote-divoire-election"),
        ("!!!", "untitled"),
        ("../../etc/passwd", "etc-passwd"),
    ],
)
def test_slugs(title: str, slug: str) -> None:
    assert slug_for(title) == slug


def test_unique_slugs_get_a_number() -> None:
    taken: set[str] = set()
    assert [unique_slug("a", taken) for _ in range(3)] == ["a", "a-2", "a-3"]


def test_crime_law_and_justice_gives_the_lead_to_a_close_topic() -> None:
    # A fraud trial at a bank is business news that is also about crime.
    parsed = parse_text(
        "Bank boss jailed for fraud\n\n"
        "The former head of the bank was jailed for fraud; its shares rose on the market."
    )
    scores, _ = score_topics(parsed, "en")
    crime, business = scores["crime-law-justice"], scores["economy-business-finance"]
    assert 0.8 * crime <= business < crime  # crime scores higher, business close behind
    topics, _ = extract_topics(parsed, "en")
    assert topics[:2] == ("economy-business-finance", "crime-law-justice")


def test_clear_crime_stories_keep_crime_first() -> None:
    parsed = parse_text(
        "Man jailed for murder\n\nA man was jailed for life for murder, police said."
    )
    assert extract_topics(parsed, "en")[0] == ("crime-law-justice",)
